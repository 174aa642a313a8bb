/* pk-scan-pdf.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <gio/gio.h>
#include <math.h>

#include "pk-scan-pdf.h"

#define A4_W 595.28
#define A4_H 841.89

/* A sheet: tinted security paper, a coloured stamp, lines of dark "text". */
static cairo_surface_t *
make_sheet (int      w,
            int      h,
            ScanPage kind,
            guint    seed)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (s);
  GRand *rand = g_rand_new_with_seed (seed);
  double u = w / 1000.0;

  if (kind == SCAN_BLANK)
    {
      cairo_set_source_rgb (cr, 0.985, 0.985, 0.98);
      cairo_paint (cr);
    }
  else if (kind == SCAN_COLOUR_PLAIN)
    {
      cairo_set_source_rgb (cr, 0.97, 0.95, 0.90);     /* slightly yellow paper */
      cairo_paint (cr);
      for (int i = 0; i < 40; i++)
        {
          cairo_rectangle (cr, 80 * u, (120 + i * 30) * u, g_rand_double_range (rand, 300, 840) * u, 10 * u);
          cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
          cairo_fill (cr);
        }
    }
  else
    {
      cairo_pattern_t *bg = cairo_pattern_create_linear (0, 0, w, h);

      cairo_pattern_add_color_stop_rgb (bg, 0, 0.98, 0.90, 0.92);
      cairo_pattern_add_color_stop_rgb (bg, 1, 0.88, 0.94, 0.99);
      cairo_set_source (cr, bg);
      cairo_paint (cr);
      cairo_pattern_destroy (bg);
      for (int i = 0; i < 40; i++)
        {
          cairo_rectangle (cr, 80 * u, (120 + i * 30) * u, g_rand_double_range (rand, 300, 840) * u, 10 * u);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.15);
          cairo_fill (cr);
        }
      cairo_arc (cr, 750 * u, 1250 * u, 110 * u, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.2, 0.3, 0.85, 0.8);
      cairo_set_line_width (cr, 14 * u);
      cairo_stroke (cr);
      cairo_rectangle (cr, 60 * u, 40 * u, 880 * u, 50 * u);
      cairo_set_source_rgb (cr, 0.75, 0.15, 0.2);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (s);

  /* scanner noise, and the grey conversion on the pixels themselves */
  {
    guint8 *data = cairo_image_surface_get_data (s);
    int stride = cairo_image_surface_get_stride (s);

    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          guint32 *p = (guint32 *) (data + y * stride + 4 * x);
          int r = (*p >> 16) & 0xff, g = (*p >> 8) & 0xff, b = *p & 0xff;
          int n = (int) ((x * 7 + y * 13) % 5) - 2;
          int n2 = kind == SCAN_COLOUR_PLAIN ? (int) ((x * 11 + y * 3) % 5) - 2 : n;

          if (kind == SCAN_GREY)
            r = g = b = (r * 299 + g * 587 + b * 114) / 1000;
          r = CLAMP (r + n, 0, 255);
          g = CLAMP (g + n2, 0, 255);     /* a colour sensor's channels are noisy apart */
          b = CLAMP (b + n, 0, 255);
          *p = (r << 16) | (g << 8) | b;
        }
    cairo_surface_mark_dirty (s);
  }
  g_rand_free (rand);
  return s;
}

static void
place (cairo_t         *cr,
       cairo_surface_t *img,
       double           x,
       double           y,
       double           w,
       double           h)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w / cairo_image_surface_get_width (img), h / cairo_image_surface_get_height (img));
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

gboolean
pk_scan_pdf_write (const char     *path,
                   const ScanPage *pages,
                   guint           n_pages,
                   double          dpi,
                   GError        **error)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, A4_W, A4_H);
  cairo_t *cr = cairo_create (pdf);
  int w = (int) round (A4_W / 72 * dpi), h = (int) round (A4_H / 72 * dpi);
  cairo_status_t status;

  for (guint i = 0; i < n_pages; i++)
    {
      if (pages[i] == SCAN_TWO_IMAGES)
        {
          cairo_surface_t *a = make_sheet (w, h / 2, SCAN_COLOUR, i);
          cairo_surface_t *b = make_sheet (w, h / 2, SCAN_COLOUR, i + 100);

          place (cr, a, 0, 0, A4_W, A4_H / 2);
          place (cr, b, 0, A4_H / 2, A4_W, A4_H / 2);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
        }
      else if (pages[i] == SCAN_TEXT_ONLY)
        {
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
          cairo_set_font_size (cr, 14);
          for (int k = 0; k < 30; k++)
            {
              cairo_move_to (cr, 60, 80 + k * 22);
              cairo_show_text (cr, "A typed page, not a scan of the original document.");
            }
        }
      else
        {
          cairo_surface_t *img = make_sheet (w, h, pages[i], i);

          place (cr, img, 0, 0, A4_W, A4_H);
          cairo_surface_destroy (img);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
