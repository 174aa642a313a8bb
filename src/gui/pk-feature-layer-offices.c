/* pk-feature-layer-offices.c: every office in one cairo pass — a symbol per
 * office drawn once and blitted, counted clusters when zoomed out
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-feature-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pk-feature-layer-private.h"
#include "pk-text.h"

/* Two clearly different symbols (LT-1): urban Pishkhan a blue disc, rural
 * ICT a green diamond. Planned offices are hollow, suspended ones grey. */
void
_pk_feature_layer_draw_office_symbol (cairo_t   *cr,
                                      double     x,
                                      double     y,
                                      PkLicense  license,
                                      PkStatus   status,
                                      gboolean   selected)
{
  double r = OFFICE_RADIUS * (selected ? 1.5 : 1.0);
  double fr, fg, fb;

  cairo_new_path (cr);
  if (license == PK_LICENSE_URBAN)
    {
      fr = 0.11; fg = 0.39; fb = 0.85;          /* blue */
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
    }
  else
    {
      fr = 0.15; fg = 0.60; fb = 0.25;          /* green */
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
    }
  if (status == PK_STATUS_SUSPENDED)
    {
      fr = fg = fb = 0.55;
    }

  if (status == PK_STATUS_PLANNED)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, fr, fg, fb);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, fr, fg, fb);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (selected)
    {
      cairo_arc (cr, x, y, r + 4, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.90, 0.38, 0.0);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}


/* Web Mercator in [0, 1]² (the projection libshumate's viewport uses). */
void
_pk_feature_layer_mercator (double  lat,
                            double  lon,
                            double *mx,
                            double *my)
{
  double s = sin (CLAMP (lat, -85.0511, 85.0511) * G_PI / 180);

  *mx = (lon + 180) / 360;
  *my = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
}

/* The viewport as x = a·mx + bx, y = a·my + by, measured from two points, so
 * that each office costs a multiply-add per frame instead of a full
 * projection. FALSE when the map is rotated (then project each office). */
static gboolean
viewport_affine (PkFeatureLayer *self,
                 double         *a,
                 double         *bx,
                 double         *by)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double x1, y1, x2, y2;

  if (shumate_viewport_get_rotation (viewport) != 0)
    return FALSE;
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), 0, 0, &x1, &y1);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), 0, 90, &x2, &y2);
  *a = (x2 - x1) / 0.25;
  *bx = x1 - *a * 0.5;
  *by = y1 - *a * 0.5;
  return TRUE;
}

#define SPRITE 24            /* px: an office symbol with its outline fits */

/* Blitting a ready image is far cheaper than filling and stroking a path for
 * each of thousands of offices (measured by bench/pk-bench-map). */
static void
draw_office_sprite (PkFeatureLayer *self,
                    cairo_t        *cr,
                    double          x,
                    double          y,
                    PkLicense       license,
                    PkStatus        status)
{
  cairo_surface_t **sprite = &self->sprites[license][status];
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (scale != self->sprite_scale)
    {
      /* drawn at the screen's own scale: blitting then needs no resampling */
      for (guint l = 0; l < 2; l++)
        for (guint k = 0; k < 4; k++)
          g_clear_pointer (&self->sprites[l][k], cairo_surface_destroy);
      self->sprite_scale = scale;
    }
  if (*sprite == NULL)
    {
      cairo_t *scr;

      *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SPRITE * scale, SPRITE * scale);
      cairo_surface_set_device_scale (*sprite, scale, scale);      /* crisp on HiDPI */
      scr = cairo_create (*sprite);
      _pk_feature_layer_draw_office_symbol (scr, SPRITE / 2.0, SPRITE / 2.0, license, status, FALSE);
      cairo_destroy (scr);
    }
  /* a bounded fill, not a paint: the renderer then touches only these pixels */
  cairo_set_source_surface (cr, *sprite, round (x) - SPRITE / 2.0, round (y) - SPRITE / 2.0);
  cairo_rectangle (cr, round (x) - SPRITE / 2.0, round (y) - SPRITE / 2.0, SPRITE, SPRITE);
  cairo_fill (cr);
}


/* A counted cluster: a disc sized by the count, the count in it. Each
 * (licence, count) is drawn once into an image at the screen's scale and then
 * blitted: at province zoom a frame holds a thousand clusters, and filling
 * and shaping each anew made frames several times slower. */
void
_pk_feature_layer_draw_cluster (PkFeatureLayer *self,
                                cairo_t        *cr,
                                const Cluster  *c,
                                PkLicense       license)
{
  double x = round (c->x / c->n), y = round (c->y / c->n);
  double r = 9 + 3 * log10 (c->n) * 3;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int side = (int) ceil (2 * r + 6);
  guint key = (c->n << 1) | license;
  cairo_surface_t *sprite;

  if (self->cluster_sprites == NULL || scale != self->cluster_scale)
    {
      self->cluster_scale = scale;
      g_clear_pointer (&self->cluster_sprites, g_hash_table_unref);
  g_clear_pointer (&self->label_sprites, g_hash_table_unref);
      self->cluster_sprites = g_hash_table_new_full (NULL, NULL, NULL,
                                                     (GDestroyNotify) cairo_surface_destroy);
    }
  sprite = g_hash_table_lookup (self->cluster_sprites, GUINT_TO_POINTER (key));
  if (sprite == NULL)
    {
      g_autofree char *count = g_strdup_printf ("%u", c->n);
      g_autofree char *text = pk_text_localize_digits (count);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      cairo_t *scr;
      int tw, th;

      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side * scale, side * scale);
      cairo_surface_set_device_scale (sprite, scale, scale);
      scr = cairo_create (sprite);
      cairo_arc (scr, side / 2.0, side / 2.0, r, 0, 2 * G_PI);
      if (license == PK_LICENSE_URBAN)
        cairo_set_source_rgba (scr, 0.11, 0.39, 0.85, 0.85);
      else
        cairo_set_source_rgba (scr, 0.15, 0.60, 0.25, 0.85);
      cairo_fill_preserve (scr);
      cairo_set_source_rgb (scr, 1, 1, 1);
      cairo_set_line_width (scr, 2);
      cairo_stroke (scr);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (scr, side / 2.0 - tw / 2.0, side / 2.0 - th / 2.0);
      pango_cairo_show_layout (scr, layout);
      cairo_destroy (scr);
      g_hash_table_insert (self->cluster_sprites, GUINT_TO_POINTER (key), sprite);
    }
  cairo_set_source_surface (cr, sprite, x - side / 2, y - side / 2);
  cairo_rectangle (cr, x - side / 2, y - side / 2, side, side);
  cairo_fill (cr);
}

/* All offices in one pass. Zoomed out, offices of one type that fall in the
 * same screen cell become one counted cluster, so thousands stay legible and
 * the frame stays cheap; zoomed in, every office is its own symbol. */
void
_pk_feature_layer_draw_offices (PkFeatureLayer  *self,
                                cairo_t         *cr,
                                ShumateViewport *viewport,
                                int              width,
                                int              height,
                                double           zoom,
                                GArray          *clusters,
                                GArray          *placed)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PkOffice *selected = NULL;
  gboolean clustering = zoom < CLUSTER_MAX_ZOOM;
  int cols = width / CLUSTER_CELL + 1, rows = height / CLUSTER_CELL + 1;
  g_autofree Cluster *cells = clustering ? g_new0 (Cluster, (gsize) cols * rows * 2) : NULL;
  double a = 0, bx = 0, by = 0;
  gboolean affine = self->office_merc != NULL && viewport_affine (self, &a, &bx, &by);
  int dcols = width / 2 + 1;
  g_autofree guint8 *drawn = clustering ? NULL : g_new0 (guint8, (gsize) dcols * (height / 2 + 1));

  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double x, y;

      if (o->id == self->selected_id)
        {
          selected = o;
          continue;
        }
      if (affine)
        {
          x = a * self->office_merc[2 * i] + bx;
          y = a * self->office_merc[2 * i + 1] + by;
        }
      else
        shumate_viewport_location_to_widget_coords (viewport, widget, o->lat, o->lon, &x, &y);
      if (x < -10 || x > width + 10 || y < -10 || y > height + 10)
        continue;
      if (clustering && x >= 0 && y >= 0 && x < width && y < height)
        {
          Cluster *c = &cells[((gsize) ((int) y / CLUSTER_CELL) * cols + (int) x / CLUSTER_CELL) * 2 + o->license];

          c->x += x;
          c->y += y;
          if (c->n < 2)
            {
              c->few[c->n] = o;
              c->fx[c->n] = x;
              c->fy[c->n] = y;
            }
          c->n++;
          continue;
        }
      /* in a dense city many symbols land on the same pixels: the same symbol
       * within 2 px of one already drawn would not change the picture */
      if (drawn != NULL && x >= 0 && y >= 0 && x < width && y < height)
        {
          gsize cell = (gsize) ((int) y / 2) * dcols + (int) x / 2;
          guint8 bit = 1u << (o->license * 4 + o->status);

          if (drawn[cell] & bit)
            continue;
          drawn[cell] |= bit;
        }
      draw_office_sprite (self, cr, x, y, o->license, o->status);
    }

  for (gsize i = 0; clustering && i < (gsize) cols * rows * 2; i++)
    {
      Cluster *c = &cells[i];

      if (c->n == 0)
        continue;
      if (c->n < 3)
        {
          /* too few to merge: draw them as they are */
          for (guint k = 0; k < c->n; k++)
            draw_office_sprite (self, cr, c->fx[k], c->fy[k], c->few[k]->license, c->few[k]->status);
          continue;
        }
      /* drawn last, over the cities' symbols; names keep clear of them */
      {
        Cluster copy = *c;
        graphene_rect_t r = GRAPHENE_RECT_INIT (c->x / c->n - 14, c->y / c->n - 14, 28, 28);

        copy.few[0] = GSIZE_TO_POINTER (i % 2);     /* the licence, carried along */
        g_array_append_val (clusters, copy);
        g_array_append_val (placed, r);
      }
    }

  if (selected)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, selected->lat,
                                                  selected->lon, &x, &y);
      _pk_feature_layer_draw_office_symbol (cr, x, y, selected->license, selected->status, TRUE);
    }
}
