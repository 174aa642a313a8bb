/* pk-report.c: the pages' helpers, the map drawing shared with the window, the
 * site check report
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pk-json.h"
#include "pk-case.h"
#include "pk-coverage.h"
#include "pk-doc-check.h"
#include "pk-export.h"
#include "pk-jalali.h"
#include "pk-output.h"
#include "pk-map-style.h"
#include "pk-report-private.h"
#include "pk-text.h"

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  return g_input_stream_read_all (closure, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
}

/* An A4 PDF into @out, or NULL with @error set. */
/* A page of @width × @height pt: a PDF, or a 150 dpi PNG when @out's name
 * ends in .png. */
cairo_surface_t *
_pk_report_begin_sized (PkOutput  *out,
                        double     width,
                        double     height,
                        GError   **error)
{
  const char *path = pk_output_get_path (out);
  cairo_surface_t *surface;

  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * 150 / 72),
                                          (int) (height * 150 / 72));
  else
    surface = cairo_pdf_surface_create_for_stream (pk_output_cairo_write, out, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* An A4 portrait PDF. */
cairo_surface_t *
_pk_report_begin (PkOutput  *out,
                  GError   **error)
{
  return _pk_report_begin_sized (out, PAGE_W, PAGE_H, error);
}

/* The drawing context for @surface: a PNG is drawn in points on white. */
cairo_t *
_pk_report_create_cr (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_scale (cr, 150.0 / 72, 150.0 / 72);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  return cr;
}

/* The last page shown, the document written out (a PNG encoded into @out):
 * %FALSE with @error set when cairo could not (a full disk, a closed
 * stream). Takes @surface. */
gboolean
_pk_report_finish (Doc              *doc,
                   cairo_surface_t  *surface,
                   PkOutput         *out,
                   GError          **error)
{
  cairo_status_t status;

  cairo_show_page (doc->cr);
  cairo_destroy (doc->cr);
  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    status = cairo_surface_write_to_png_stream (surface, pk_output_cairo_write, out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
circle (cairo_t *cr,
        double   cx,
        double   cy,
        double   lat,
        double   radius_m,
        int      zoom)
{
  /* Web Mercator metres per pixel at this latitude */
  double mpp = 156543.03392 * cos (lat * G_PI / 180) / exp2 (zoom);

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, radius_m / mpp, 0, 2 * G_PI);
}

static void draw_site (cairo_t *cr, const PkSiteVerdict *verdict, int zoom, double ox, double oy);

/**
 * pk_map_render:
 *
 * Draws a map centred on (@lat, @lon) at @zoom into a @width × @height area of
 * @cr: the offline basemap tiles, the offices, and — with @verdict — the site,
 * its spacing and service circles and lines to the nearest offices.
 */
void
pk_map_render (cairo_t             *cr,
               PkBasemap           *basemap,
               GPtrArray           *offices,
               double               lat,
               double               lon,
               int                  zoom,
               double               width,
               double               height,
               const PkSiteVerdict *verdict)
{
  double cx, cy, ox, oy;

  pk_mercator_project (lat, lon, zoom, 256, &cx, &cy);
  ox = cx - width / 2;
  oy = cy - height / 2;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  for (int ty = (int) floor (oy / 256); ty * 256 < oy + height; ty++)
    for (int tx = (int) floor (ox / 256); tx * 256 < ox + width; tx++)
      {
        g_autoptr(GBytes) png = pk_basemap_render_tile (basemap, tx, ty, zoom, 256, NULL);
        g_autoptr(GInputStream) in = NULL;
        cairo_surface_t *tile;

        if (png == NULL)
          continue;
        in = g_memory_input_stream_new_from_bytes (png);
        tile = cairo_image_surface_create_from_png_stream (read_bytes, in);
        cairo_set_source_surface (cr, tile, tx * 256 - ox, ty * 256 - oy);
        cairo_paint (cr);
        cairo_surface_destroy (tile);
      }

  pk_map_render_offices (cr, offices, zoom, ox, oy, width, height);

  if (verdict != NULL)
    draw_site (cr, verdict, zoom, ox, oy);
  cairo_restore (cr);
}

/* The offices, in one pass, with the window's symbols (pk-map-style.c): urban
 * discs, rural diamonds, planned hollow, suspended grey. */
void
pk_map_render_offices (cairo_t   *cr,
                       GPtrArray *offices,
                       double     zoom,
                       double     ox,
                       double     oy,
                       double     width,
                       double     height)
{
  for (guint i = 0; offices && i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      double x, y;

      pk_mercator_project (o->lat, o->lon, zoom, 256, &x, &y);
      x -= ox;
      y -= oy;
      if (x < -10 || y < -10 || x > width + 10 || y > height + 10)
        continue;
      pk_map_style_draw_office (cr, x, y, 4, o->license, o->status, FALSE);
    }
}

static void
draw_site (cairo_t             *cr,
           const PkSiteVerdict *verdict,
           int                  zoom,
           double               ox,
           double               oy)
{
    {
      double sx, sy;

      pk_mercator_project (verdict->query.lat, verdict->query.lon, zoom, 256, &sx, &sy);
      sx -= ox;
      sy -= oy;
      for (guint i = 0; i < verdict->nearest->len; i++)
        {
          const PkNearOffice *n = &g_array_index (verdict->nearest, PkNearOffice, i);
          double x, y;

          pk_mercator_project (n->lat, n->lon, zoom, 256, &x, &y);
          cairo_move_to (cr, sx, sy);
          cairo_line_to (cr, x - ox, y - oy);
        }
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.35, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* as the window draws them (pk-map-style.c) */
      cairo_new_path (cr);
      circle (cr, sx, sy, verdict->query.lat, verdict->service_radius_m, zoom);
      pk_map_style_paint_area (cr, PK_MAP_AREA_SITE_SERVICE, 1);
      circle (cr, sx, sy, verdict->query.lat, verdict->min_spacing_m, zoom);
      pk_map_style_paint_area (cr, PK_MAP_AREA_SITE_SPACING, 1);
      pk_map_style_draw_site (cr, sx, sy, 6);
    }
}

/* ---- the check report ---------------------------------------------------- */


/* Whether the first letter of @text is of a right-to-left script (its
 * paragraph direction, as Pango's auto_dir finds it). */
static gboolean
starts_right_to_left (const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200F || c == 0x061C)          /* right-to-left and Arabic letter marks */
        return TRUE;
      if (c == 0x200E)                         /* left-to-right mark */
        return FALSE;
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
          if (g_unichar_isalpha (c))
            return TRUE;
          break;
        default:
          if (g_unichar_isalpha (c))
            return FALSE;
        }
    }
  return FALSE;
}

PangoLayout *
_pk_report_make_layout (Doc        *doc,
                        const char *markup,
                        double      size,
                        gboolean    bold,
                        double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Noto Sans, Noto Sans Arabic, Sans");
  gboolean para_rtl;

  pango_font_description_set_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_auto_dir (layout, TRUE);
  pango_layout_set_markup (layout, markup, -1);
  /* Every paragraph on the document's side (right in Persian, left in
   * English), whatever its own direction: with auto_dir Pango mirrors the
   * alignment of a right-to-left paragraph, so that one is told the other side. */
  para_rtl = starts_right_to_left (pango_layout_get_text (layout));
  pango_layout_set_alignment (layout, doc->rtl != para_rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  return layout;
}

void
_pk_report_new_page_if_needed (Doc    *doc,
                               double  needed)
{
  if (doc->y + needed <= PAGE_H - MARGIN - 20)
    return;
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN;
}

/* A paragraph at (x, y) within width; returns its height. Each line of
 * @text is laid out on its own, so that a Persian line and an English one
 * both sit on the document's side. */
double
_pk_report_text_at (Doc        *doc,
                    double      x,
                    double      width,
                    const char *text,
                    double      size,
                    gboolean    bold,
                    double      r,
                    double      g,
                    double      b)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "—", "\n", -1);
  double height = 0;

  cairo_set_source_rgb (doc->cr, r, g, b);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (lines[i], -1);
      g_autoptr(PangoLayout) layout = _pk_report_make_layout (doc, escaped, size, bold, width);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (doc->cr, doc->rtl ? doc->page_w - x - width : x, doc->y + height);
      pango_cairo_show_layout (doc->cr, layout);
      height += h;
    }
  return height;
}

void
_pk_report_line (Doc        *doc,
                 const char *text,
                 double      size,
                 gboolean    bold)
{
  double h;

  _pk_report_new_page_if_needed (doc, size * 2);
  h = _pk_report_text_at (doc, MARGIN, PAGE_W - 2 * MARGIN, text, size, bold, 0.1, 0.1, 0.1);
  doc->y += h + size * 0.35;
}

void
_pk_report_field (Doc        *doc,
                  const char *label,
                  const char *value)
{
  double h1, h2;

  _pk_report_new_page_if_needed (doc, 20);
  h1 = _pk_report_text_at (doc, MARGIN, 150, label, 10, TRUE, 0.35, 0.35, 0.35);
  h2 = _pk_report_text_at (doc, MARGIN + 160, PAGE_W - 2 * MARGIN - 160, value, 10, FALSE, 0.1, 0.1, 0.1);
  doc->y += MAX (h1, h2) + 4;
}

static const char *
status_label (PkRuleStatus status)
{
  switch (status)
    {
    case PK_RULE_PASS: return _("Pass");
    case PK_RULE_FAIL: return _("Fail");
    default: return _("Unknown");
    }
}

/**
 * pk_report_write_check_pdf:
 *
 * A one- or two-page A4 PDF of a siting check for the case file: the site,
 * the verdict, a map, every rule with its measured and required values and
 * source ID, the nearest offices, the date (Solar Hijri in Persian) and the
 * workspace it was made from.
 */
/* Long on purpose: the report's page laid out top to bottom, as it prints. */
static gboolean
write_check_pdf_to (PkStore             *store,
                    PkSiteChecker       *checker,
                    const PkSiteVerdict *v,
                    PkOutput            *out,
                    GError             **error)
{
  g_autoptr(PkBasemap) basemap = pk_basemap_new (store, error);
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = NULL;
  g_autofree char *where = NULL;
  g_autofree char *area = NULL;
  g_autofree char *base = g_path_get_basename (pk_store_get_path (store));
  g_autofree char *title = pk_store_get_meta (store, "title");
  g_autofree char *workspace = NULL;
  cairo_surface_t *surface;
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  double verdict_r, verdict_g, verdict_b;

  if (basemap == NULL || (offices = pk_store_list_offices (store, error)) == NULL)
    return FALSE;

  if ((surface = _pk_report_begin (out, error)) == NULL)
    return FALSE;
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Site check"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pishkhan Siting");
  doc.cr = _pk_report_create_cr (surface);

  today = pk_date_format_for_locale (today_iso);
  where = pk_text_printf_localized ("%.6f, %.6f", v->query.lat, v->query.lon);
  area = isnan (v->query.area_m2) ? g_strdup (_("not given"))
         : pk_text_printf_localized ("%.0f m²", v->query.area_m2);
  workspace = g_strdup_printf ("%s — %s", title ? title : "", base);

  _pk_report_line (&doc, _("Site check — Pishkhan Siting"), 18, TRUE);
  _pk_report_line (&doc, workspace, 10, FALSE);
  doc.y += 6;
  _pk_report_field (&doc, _("Date"), today);
  _pk_report_field (&doc, _("Location (WGS84)"), where);
  _pk_report_field (&doc, _("Licence type"), pk_license_display_name (v->query.license));
  _pk_report_field (&doc, _("Floor area"), area);
  _pk_report_field (&doc, _("Province"), v->province ? pk_place_display_name (v->province)
                                           : _("outside the province"));
  _pk_report_field (&doc, _("County"), v->county ? pk_place_display_name (v->county) : "—");
  {
    g_autofree char *setting = g_strdup_printf ("%s — %s", v->urban ? _("urban") : _("rural"),
                                                v->basis == PK_BASIS_POLYGON ? _("city limits")
                                                : v->basis == PK_BASIS_APPROXIMATE
                                                  ? _("approximate urban area")
                                                  : _("outside every urban area"));
    _pk_report_field (&doc, _("Setting (SR-2)"), setting);
  }

  switch (v->verdict)
    {
    case PK_VERDICT_PASS: verdict_r = 0.1; verdict_g = 0.5; verdict_b = 0.2; break;
    case PK_VERDICT_FAIL: verdict_r = 0.75; verdict_g = 0.1; verdict_b = 0.1; break;
    default: verdict_r = 0.75; verdict_g = 0.45; verdict_b = 0.0; break;
    }
  doc.y += 6;
  {
    g_autofree char *text = g_strdup_printf ("%s: %s", _("Verdict"), pk_verdict_display_name (v->verdict));
    doc.y += _pk_report_text_at (&doc, MARGIN, PAGE_W - 2 * MARGIN, text, 16, TRUE,
                      verdict_r, verdict_g, verdict_b) + 8;
  }

  /* the map */
  cairo_save (doc.cr);
  cairo_translate (doc.cr, MARGIN, doc.y);
  pk_map_render (doc.cr, basemap, offices, v->query.lat, v->query.lon,
                 v->query.license == PK_LICENSE_URBAN ? 13 : 10,
                 PAGE_W - 2 * MARGIN, 210, v);
  cairo_rectangle (doc.cr, 0, 0, PAGE_W - 2 * MARGIN, 210);
  cairo_set_source_rgb (doc.cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (doc.cr, 0.5);
  cairo_stroke (doc.cr);
  cairo_restore (doc.cr);
  doc.y += 214;
  _pk_report_text_at (&doc, MARGIN, PAGE_W - 2 * MARGIN,
           _("Map: © OpenStreetMap contributors. Red dashed circle: minimum spacing; orange: "
             "service radius."), 7, FALSE, 0.4, 0.4, 0.4);
  doc.y += 16;

  /* the rules */
  _pk_report_line (&doc, _("Rules"), 12, TRUE);
  for (guint i = 0; i < v->rules->len; i++)
    {
      const PkRuleResult *r = g_ptr_array_index (v->rules, i);
      g_autofree char *head = g_strdup_printf ("%s  %s", r->id, status_label (r->status));
      g_autofree char *body = g_strdup_printf ("%s  [%s]%s", r->message, r->source,
                                               r->local_setting ? _(" — local setting") : "");
      double h1, h2;

      _pk_report_new_page_if_needed (&doc, 30);
      h1 = _pk_report_text_at (&doc, MARGIN, 90, head, 9.5, TRUE,
                    r->status == PK_RULE_PASS ? 0.1 : r->status == PK_RULE_FAIL ? 0.75 : 0.75,
                    r->status == PK_RULE_PASS ? 0.5 : r->status == PK_RULE_FAIL ? 0.1 : 0.45,
                    r->status == PK_RULE_PASS ? 0.2 : 0.1);
      h2 = _pk_report_text_at (&doc, MARGIN + 95, PAGE_W - 2 * MARGIN - 95, body, 9.5, FALSE, 0.1, 0.1, 0.1);
      doc.y += MAX (h1, h2) + 5;
    }

  doc.y += 6;
  _pk_report_line (&doc, _("Nearest offices of the same type"), 12, TRUE);
  for (guint i = 0; i < v->nearest->len; i++)
    {
      const PkNearOffice *n = &g_array_index (v->nearest, PkNearOffice, i);
      g_autofree char *km = pk_text_printf_localized ("%.2f km", n->distance_m / 1000);
      g_autofree char *who = g_strdup_printf ("%s — %s", n->code, n->name);

      _pk_report_field (&doc, km, who);
    }

  doc.y += 8;
  _pk_report_new_page_if_needed (&doc, 40);
  _pk_report_text_at (&doc, MARGIN, PAGE_W - 2 * MARGIN,
           _("Minimum areas come from the site standards (ST-1, ST-2). Spacing, service radius, "
             "approximate urban areas and county capacities are local settings of the province's "
             "working group, not national rules."), 8, FALSE, 0.4, 0.4, 0.4);

  return _pk_report_finish (&doc, surface, out, error);
}

/* written beside @path and renamed over it when whole */
gboolean
pk_report_write_check_pdf (PkStore             *store,
                           PkSiteChecker       *checker,
                           const PkSiteVerdict *v,
                           const char          *path,
                           GError             **error)
{
  PkOutput *out = pk_output_open (path, error);

  return out != NULL && pk_output_close (out, write_check_pdf_to (store, checker, v, out, error), error);
}

/* A new A4 document with its title in the PDF's metadata. */
cairo_surface_t *
_pk_report_begin_titled (PkOutput    *out,
                         Doc         *doc,
                         const char  *title,
                         GError     **error)
{
  cairo_surface_t *surface = _pk_report_begin (out, error);

  if (surface == NULL)
    return NULL;
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pishkhan Siting");
  doc->cr = _pk_report_create_cr (surface);
  return surface;
}

/* A line to sign on for each name. */
void
_pk_report_signature_lines (Doc                *doc,
                            const char * const *names)
{
  doc->y += 18;
  for (guint i = 0; names[i]; i++)
    {
      double h;

      _pk_report_new_page_if_needed (doc, 46);
      h = _pk_report_text_at (doc, MARGIN, 200, names[i], 10, FALSE, 0.1, 0.1, 0.1);
      cairo_set_source_rgb (doc->cr, 0.4, 0.4, 0.4);
      cairo_set_line_width (doc->cr, 0.6);
      cairo_move_to (doc->cr, doc->rtl ? doc->page_w - MARGIN - 420 : MARGIN + 220, doc->y + h);
      cairo_rel_line_to (doc->cr, 200, 0);
      cairo_stroke (doc->cr);
      doc->y += h + 26;
    }
}
