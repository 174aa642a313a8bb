/* pk-report.c
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
#include "pk-report.h"
#include "pk-text.h"

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  return g_input_stream_read_all (closure, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
}

static char * G_GNUC_PRINTF (1, 2)
localized_printf (const char *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  return pk_text_localize_digits (text);
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

/* The offices, in one pass: urban discs, rural diamonds, grey when not serving. */
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
      cairo_new_path (cr);
      if (o->license == PK_LICENSE_URBAN)
        {
          cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 0.11, 0.39, 0.85);
        }
      else
        {
          cairo_move_to (cr, x, y - 5);
          cairo_line_to (cr, x + 5, y);
          cairo_line_to (cr, x, y + 5);
          cairo_line_to (cr, x - 5, y);
          cairo_close_path (cr);
          cairo_set_source_rgb (cr, 0.15, 0.60, 0.25);
        }
      if (!pk_status_serves (o->status))
        cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
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

      cairo_new_path (cr);
      circle (cr, sx, sy, verdict->query.lat, verdict->service_radius_m, zoom);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.10);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.8);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      circle (cr, sx, sy, verdict->query.lat, verdict->min_spacing_m, zoom);
      cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.9);
      cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* the site: a red pin-head */
      cairo_arc (cr, sx, sy, 6, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

/* ---- the check report ---------------------------------------------------- */

#define PAGE_W 595.0      /* A4, points */
#define PAGE_H 842.0
#define MARGIN 42.0

typedef struct
{
  cairo_t  *cr;
  double    y;
  gboolean  rtl;
  int       page;
  double    page_w;    /* right-to-left text is placed from this edge */
} Doc;

static PangoLayout *
make_layout (Doc        *doc,
             const char *markup,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Noto Sans, Noto Sans Arabic, Sans");

  pango_font_description_set_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_auto_dir (layout, TRUE);
  pango_layout_set_alignment (layout, doc->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static void
new_page_if_needed (Doc    *doc,
                    double  needed)
{
  if (doc->y + needed <= PAGE_H - MARGIN - 20)
    return;
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN;
}

/* A paragraph at (x, y) within width; returns its height. */
static double
text_at (Doc        *doc,
         double      x,
         double      width,
         const char *text,
         double      size,
         gboolean    bold,
         double      r,
         double      g,
         double      b)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "—", -1);
  g_autoptr(PangoLayout) layout = make_layout (doc, escaped, size, bold, width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgb (doc->cr, r, g, b);
  cairo_move_to (doc->cr, doc->rtl ? doc->page_w - x - width : x, doc->y);
  pango_cairo_show_layout (doc->cr, layout);
  return h;
}

static void
line (Doc        *doc,
      const char *text,
      double      size,
      gboolean    bold)
{
  double h;

  new_page_if_needed (doc, size * 2);
  h = text_at (doc, MARGIN, PAGE_W - 2 * MARGIN, text, size, bold, 0.1, 0.1, 0.1);
  doc->y += h + size * 0.35;
}

static void
field (Doc        *doc,
       const char *label,
       const char *value)
{
  double h1, h2;

  new_page_if_needed (doc, 20);
  h1 = text_at (doc, MARGIN, 150, label, 10, TRUE, 0.35, 0.35, 0.35);
  h2 = text_at (doc, MARGIN + 160, PAGE_W - 2 * MARGIN - 160, value, 10, FALSE, 0.1, 0.1, 0.1);
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
  cairo_status_t status;
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  double verdict_r, verdict_g, verdict_b;

  if (basemap == NULL || (offices = pk_store_list_offices (store, error)) == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (pk_output_cairo_write, out, PAGE_W, PAGE_H);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Site check"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pishkhan Siting");
  doc.cr = cairo_create (surface);

  today = pk_date_format_for_locale (today_iso);
  where = localized_printf ("%.6f, %.6f", v->query.lat, v->query.lon);
  area = isnan (v->query.area_m2) ? g_strdup (_("not given"))
         : localized_printf ("%.0f m²", v->query.area_m2);
  workspace = g_strdup_printf ("%s — %s", title ? title : "", base);

  line (&doc, _("Site check — Pishkhan Siting"), 18, TRUE);
  line (&doc, workspace, 10, FALSE);
  doc.y += 6;
  field (&doc, _("Date"), today);
  field (&doc, _("Location (WGS84)"), where);
  field (&doc, _("Licence type"), pk_license_display_name (v->query.license));
  field (&doc, _("Floor area"), area);
  field (&doc, _("Province"), v->province ? pk_place_display_name (v->province)
                                           : _("outside the province"));
  field (&doc, _("County"), v->county ? pk_place_display_name (v->county) : "—");
  {
    g_autofree char *setting = g_strdup_printf ("%s — %s", v->urban ? _("urban") : _("rural"),
                                                v->basis == PK_BASIS_POLYGON ? _("city limits")
                                                : v->basis == PK_BASIS_APPROXIMATE
                                                  ? _("approximate urban area")
                                                  : _("outside every urban area"));
    field (&doc, _("Setting (SR-2)"), setting);
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
    doc.y += text_at (&doc, MARGIN, PAGE_W - 2 * MARGIN, text, 16, TRUE,
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
  text_at (&doc, MARGIN, PAGE_W - 2 * MARGIN,
           _("Map: © OpenStreetMap contributors. Red dashed circle: minimum spacing; orange: "
             "service radius."), 7, FALSE, 0.4, 0.4, 0.4);
  doc.y += 16;

  /* the rules */
  line (&doc, _("Rules"), 12, TRUE);
  for (guint i = 0; i < v->rules->len; i++)
    {
      const PkRuleResult *r = g_ptr_array_index (v->rules, i);
      g_autofree char *head = g_strdup_printf ("%s  %s", r->id, status_label (r->status));
      g_autofree char *body = g_strdup_printf ("%s  [%s]%s", r->message, r->source,
                                               r->local_setting ? _(" — local setting") : "");
      double h1, h2;

      new_page_if_needed (&doc, 30);
      h1 = text_at (&doc, MARGIN, 90, head, 9.5, TRUE,
                    r->status == PK_RULE_PASS ? 0.1 : r->status == PK_RULE_FAIL ? 0.75 : 0.75,
                    r->status == PK_RULE_PASS ? 0.5 : r->status == PK_RULE_FAIL ? 0.1 : 0.45,
                    r->status == PK_RULE_PASS ? 0.2 : 0.1);
      h2 = text_at (&doc, MARGIN + 95, PAGE_W - 2 * MARGIN - 95, body, 9.5, FALSE, 0.1, 0.1, 0.1);
      doc.y += MAX (h1, h2) + 5;
    }

  doc.y += 6;
  line (&doc, _("Nearest offices of the same type"), 12, TRUE);
  for (guint i = 0; i < v->nearest->len; i++)
    {
      const PkNearOffice *n = &g_array_index (v->nearest, PkNearOffice, i);
      g_autofree char *km = localized_printf ("%.2f km", n->distance_m / 1000);
      g_autofree char *who = g_strdup_printf ("%s — %s", n->code, n->name);

      field (&doc, km, who);
    }

  doc.y += 8;
  new_page_if_needed (&doc, 40);
  text_at (&doc, MARGIN, PAGE_W - 2 * MARGIN,
           _("Minimum areas come from the site standards (ST-1, ST-2). Spacing, service radius, "
             "approximate urban areas and county capacities are local settings of the province's "
             "working group, not national rules."), 8, FALSE, 0.4, 0.4, 0.4);

  cairo_show_page (doc.cr);
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
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

/* ---- the case summary ------------------------------------------------------ */

/* An ISO 8601 time as a date for the reader: Solar Hijri in Persian. */
static char *
event_date (const char *iso)
{
  g_autofree char *day = g_strndup (iso ? iso : "", 10);

  return pk_date_format_for_locale (day);
}

/**
 * pk_report_write_case_pdf:
 *
 * The case summary for printing or the file: the request, the applicant and
 * the people, the site and its verdict, every stage with its state and what
 * it misses, the documents with their check results, and the history.
 * Persian is shaped and set right to left when the UI is Persian.
 */
static gboolean
write_case_pdf_to (PkStore       *store,
                   const PkCase  *c,
                   PkOutput      *out,
                   GError       **error)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (c);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = pk_date_format_for_locale (today_iso);
  g_autofree char *title = NULL;
  g_autofree char *number = pk_text_localize_digits (c->number);
  cairo_surface_t *surface;
  cairo_status_t status;
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  const PkStageInfo *current = pk_case_current_stage (c);

  surface = cairo_pdf_surface_create_for_stream (pk_output_cairo_write, out, PAGE_W, PAGE_H);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  title = g_strdup_printf (_("Case %s"), number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pishkhan Siting");
  doc.cr = cairo_create (surface);

  line (&doc, title, 18, TRUE);
  line (&doc, pk_request_display_name (c->request), 12, FALSE);
  doc.y += 4;
  field (&doc, _("Date"), today);
  field (&doc, _("Licence type"), pk_license_display_name (c->license));
  field (&doc, _("Applicant"), pk_applicant_display_name (c->applicant));
  if (c->conversion)
    field (&doc, _("Conversion (LT-6)"), _("yes: another body’s service licence is converted"));
  field (&doc, _("Status"), pk_case_status_display_name (c->status));
  field (&doc, _("Current stage"), current ? pk_stage_title (current) : _("every stage is done"));
  {
    g_autofree char *filed = event_date (c->created_at);
    field (&doc, _("Filed"), filed);
  }
  if (pk_case_get_field (c, "company.name"))
    {
      g_autofree char *company = g_strdup_printf ("%s — %s %s", pk_case_get_field (c, "company.name"),
                                                  _("national ID"),
                                                  pk_case_get_field (c, "company.national_id")
                                                  ? pk_case_get_field (c, "company.national_id") : "—");
      g_autofree char *localized = pk_text_localize_digits (company);

      field (&doc, _("Company"), localized);
    }

  /* people */
  if (c->people->len > 0)
    {
      doc.y += 6;
      line (&doc, _("People (EL-10)"), 12, TRUE);
      for (guint i = 0; i < c->people->len; i++)
        {
          const PkCasePerson *p = g_ptr_array_index (c->people, i);
          g_autofree char *problem = pk_case_check_person (p);
          g_autofree char *text = g_strdup_printf ("%s — %s %s, %s %s%s%s", p->name ? p->name : "—",
                                                   _("national code"), p->national_code ? p->national_code : "—",
                                                   _("mobile"), p->mobile ? p->mobile : "—",
                                                   problem ? " — " : "", problem ? problem : "");
          g_autofree char *localized = pk_text_localize_digits (text);

          field (&doc, pk_case_role_display_name (p->role), localized);
        }
    }

  /* the site */
  doc.y += 6;
  line (&doc, _("Site"), 12, TRUE);
  if (c->has_site)
    {
      g_autofree char *where = localized_printf ("%.6f, %.6f", c->site_lat, c->site_lon);
      field (&doc, _("Location (WGS84)"), where);
    }
  if (c->site_not_on_map)
    field (&doc, _("On the map"), _("not found on the map; the applicant answers for the address"));
  if (c->site_address)
    field (&doc, _("Address"), c->site_address);
  if (pk_case_get_field (c, "site.postal_code"))
    {
      g_autofree char *code = pk_text_localize_digits (pk_case_get_field (c, "site.postal_code"));
      field (&doc, _("Postal code"), code);
    }
  if (c->site_check != NULL)
    {
      g_autoptr(JsonParser) parser = NULL;

      if ((parser = pk_json_parse_text (c->site_check)) != NULL &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *o = json_node_get_object (json_parser_get_root (parser));
          const char *verdict = json_object_get_string_member_with_default (o, "verdict", "");
          PkVerdictKind kind = g_str_equal (verdict, "pass") ? PK_VERDICT_PASS
                             : g_str_equal (verdict, "fail") ? PK_VERDICT_FAIL : PK_VERDICT_NEEDS_REVIEW;
          JsonArray *rules = json_object_has_member (o, "rules") ? json_object_get_array_member (o, "rules") : NULL;

          field (&doc, _("Siting check"), pk_verdict_display_name (kind));
          for (guint i = 0; rules && i < json_array_get_length (rules); i++)
            {
              JsonObject *r = json_array_get_object_element (rules, i);
              g_autofree char *localized =
                pk_text_localize_digits (json_object_get_string_member_with_default (r, "message", ""));

              field (&doc, json_object_get_string_member_with_default (r, "id", ""), localized);
            }
        }
    }
  else if (!c->site_not_on_map && !c->has_site)
    field (&doc, _("Site"), _("not chosen yet"));

  /* stages */
  doc.y += 6;
  line (&doc, _("Stages"), 12, TRUE);
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      PkStageState state = pk_case_stage_state (c, st);
      g_autoptr(GPtrArray) missing = pk_case_missing (c, st);
      g_autofree char *head = g_strdup_printf ("%s  %s", st->id, pk_stage_state_display_name (state));
      GString *body = g_string_new (pk_stage_title (st));
      const char *note = g_hash_table_lookup (c->stage_notes, st->id);
      g_autofree char *localized = NULL;
      double h1, h2;

      g_string_append_printf (body, " — %s", pk_who_display_name (st->who));
      if (note != NULL)
        g_string_append_printf (body, "\n%s %s", _("Returned because:"), note);
      if (state != PK_STAGE_DONE)
        for (guint k = 0; k < missing->len; k++)
          g_string_append_printf (body, "\n%s%s", pk_text_bullet (), (char *) g_ptr_array_index (missing, k));
      localized = pk_text_localize_digits (body->str);
      g_string_free (body, TRUE);
      new_page_if_needed (&doc, 30);
      h1 = text_at (&doc, MARGIN, 110, head, 9.5, TRUE,
                    state == PK_STAGE_DONE ? 0.1 : state == PK_STAGE_RETURNED ? 0.75 : 0.6,
                    state == PK_STAGE_DONE ? 0.5 : state == PK_STAGE_RETURNED ? 0.1 : 0.4,
                    state == PK_STAGE_DONE ? 0.2 : 0.1);
      h2 = text_at (&doc, MARGIN + 115, PAGE_W - 2 * MARGIN - 115, localized, 9.5, FALSE, 0.1, 0.1, 0.1);
      doc.y += MAX (h1, h2) + 5;
    }

  /* documents */
  doc.y += 6;
  line (&doc, _("Documents"), 12, TRUE);
  if (c->documents->len == 0)
    line (&doc, _("None attached yet."), 9.5, FALSE);
  for (guint i = 0; i < c->documents->len; i++)
    {
      const PkCaseDocument *d = g_ptr_array_index (c->documents, i);
      g_autofree char *text = g_strdup_printf ("%s — %s, %d %s — %s", pk_doc_kind_display (d->kind),
                                               d->file_name, d->pages, _("pages"),
                                               d->pass ? _("passes DOC-1…DOC-5") : _("fails its check"));
      g_autofree char *localized = pk_text_localize_digits (text);
      g_autofree char *when = event_date (d->added_at);

      field (&doc, when, localized);
    }

  /* history */
  doc.y += 6;
  line (&doc, _("History"), 12, TRUE);
  for (guint i = 0; i < c->events->len; i++)
    {
      const PkCaseEvent *e = g_ptr_array_index (c->events, i);
      g_autofree char *when = event_date (e->at);
      g_autofree char *text = g_strdup_printf ("%s%s%s%s%s — %s", pk_case_event_display_name (e->kind),
                                               e->stage && *e->stage ? " " : "", e->stage ? e->stage : "",
                                               e->message && *e->message ? ": " : "",
                                               e->message ? e->message : "", e->actor);
      g_autofree char *localized = pk_text_localize_digits (text);

      field (&doc, when, localized);
    }

  cairo_show_page (doc.cr);
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* written beside @path and renamed over it when whole */
gboolean
pk_report_write_case_pdf (PkStore       *store,
                          const PkCase  *c,
                          const char    *path,
                          GError       **error)
{
  PkOutput *out = pk_output_open (path, error);

  return out != NULL && pk_output_close (out, write_case_pdf_to (store, c, out, error), error);
}

/* ---- the applicant map ---------------------------------------------------- */

static void
fill_geometry (cairo_t          *cr,
               const PkGeometry *g,
               int               zoom,
               double            ox,
               double            oy)
{
  cairo_new_path (cr);
  for (guint p = 0; p < g->n_polygons; p++)
    for (guint r = 0; r < g->polygons[p].n_rings; r++)
      {
        const PkRing *ring = &g->polygons[p].rings[r];

        for (guint k = 0; k < ring->n_points; k++)
          {
            double x, y;

            pk_mercator_project (ring->xy[2 * k + 1], ring->xy[2 * k], zoom, 256, &x, &y);
            if (k == 0)
              cairo_move_to (cr, x - ox, y - oy);
            else
              cairo_line_to (cr, x - ox, y - oy);
          }
        cairo_close_path (cr);
      }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
}

/* A "nice" scale-bar length: 1, 2 or 5 × 10^n metres, about a fifth of @max_m. */
static double
nice_length (double max_m)
{
  double base = pow (10, floor (log10 (max_m)));

  for (double f = 5; f >= 1; f /= 2)
    if (base * f <= max_m)
      return base * f;
  return base;
}

static void
legend_row (Doc        *doc,
            double      x,
            double      y,
            int         kind,
            const char *text)
{
  cairo_t *cr = doc->cr;
  double sx = doc->rtl ? x + 210 : x;

  cairo_new_path (cr);
  switch (kind)
    {
    case 0:
      cairo_arc (cr, sx + 6, y + 6, 4.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.11, 0.39, 0.85);
      break;
    case 1:
      cairo_move_to (cr, sx + 6, y);
      cairo_line_to (cr, sx + 12, y + 6);
      cairo_line_to (cr, sx + 6, y + 12);
      cairo_line_to (cr, sx, y + 6);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 0.15, 0.60, 0.25);
      break;
    case 2:
      cairo_rectangle (cr, sx, y + 1, 12, 10);
      cairo_set_source_rgba (cr, 0.85, 0.25, 0.15, 0.45);
      break;
    case 4:
      cairo_rectangle (cr, sx, y + 1, 12, 10);
      cairo_set_source_rgba (cr, 0.05, 0.45, 0.75, 0.25);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.05, 0.35, 0.65);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      break;
    default:
      cairo_rectangle (cr, sx, y + 1, 12, 10);
      cairo_set_source_rgba (cr, 0.55, 0.15, 0.75, 0.5);
      break;
    }
  cairo_fill (cr);
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);
    g_autoptr(PangoLayout) layout = make_layout (doc, escaped, 8.5, FALSE, 200);

    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
    cairo_move_to (cr, doc->rtl ? x : x + 18, y - 1);
    pango_cairo_show_layout (cr, layout);
  }
}

/**
 * pk_report_write_map:
 * @path: a .pdf or .png file
 * @a3: A3 instead of A4 (landscape either way)
 *
 * The printable applicant map: the province with its offices and, on request,
 * the vacant areas (PA-3); title, legend, scale bar, north arrow, Solar Hijri
 * date and the OpenStreetMap attribution — what a directorate publishes.
 */
static gboolean
write_map_to (PkStore      *store,
              PkOutput     *out,
              gboolean      a3,
              PkMapLayers   layers,
              GError      **error)
{
  g_autoptr(PkBasemap) basemap = pk_basemap_new (store, error);
  g_autoptr(PkPlace) province = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) vacant_urban = NULL;
  g_autoptr(GPtrArray) vacant_rural = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  GPtrArray *vacant[2];
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  gboolean png = g_str_has_suffix (pk_output_get_path (out), ".png") ||
                 g_str_has_suffix (pk_output_get_path (out), ".PNG");
  double page_w = a3 ? 1190.55 : 841.89, page_h = a3 ? 841.89 : 595.28;
  double map_x = 36, map_y = 70, map_w = page_w - 72, map_h = page_h - 120;
  double x0, y0, x1, y1, zf, scale, cx, cy, ox, oy, lat_c;
  int zoom;
  cairo_surface_t *surface;
  cairo_status_t status;
  Doc doc = { NULL, 30, pk_text_locale_is_persian (), 1, 0 };

  doc.page_w = page_w;
  if (basemap == NULL || (province = pk_store_get_province (store, error)) == NULL ||
      (offices = pk_store_list_offices (store, error)) == NULL)
    return FALSE;
  if ((layers & PK_MAP_LAYER_VACANT_URBAN) &&
      (vacant_urban = pk_coverage_compute (store, PK_LICENSE_URBAN, 0, TRUE, error)) == NULL)
    return FALSE;
  if ((layers & PK_MAP_LAYER_VACANT_RURAL) &&
      (vacant_rural = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, TRUE, error)) == NULL)
    return FALSE;
  if ((layers & PK_MAP_LAYER_ZONES) && (zones = pk_store_list_zones (store, error)) == NULL)
    return FALSE;
  vacant[PK_LICENSE_URBAN] = vacant_urban;
  vacant[PK_LICENSE_RURAL] = vacant_rural;

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (page_w * 150 / 72),
                                          (int) (page_h * 150 / 72));
  else
    surface = cairo_pdf_surface_create_for_stream (pk_output_cairo_write, out, page_w, page_h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  doc.cr = cairo_create (surface);
  if (png)
    {
      cairo_scale (doc.cr, 150.0 / 72, 150.0 / 72);
      cairo_set_source_rgb (doc.cr, 1, 1, 1);
      cairo_paint (doc.cr);
    }

  /* fit the province: the zoom is fractional, tiles are drawn at its floor and scaled */
  pk_mercator_project (province->geometry->bbox.max_y, province->geometry->bbox.min_x, 0, 256, &x0, &y0);
  pk_mercator_project (province->geometry->bbox.min_y, province->geometry->bbox.max_x, 0, 256, &x1, &y1);
  zf = log2 (MIN (map_w * 0.94 / (x1 - x0), map_h * 0.94 / (y1 - y0)));
  /* tiles at the next whole zoom, scaled down: crisp outlines */
  zoom = CLAMP ((int) ceil (zf), 3, 14);
  scale = exp2 (zf - zoom);
  pk_mercator_project (0, 0, zoom, 256, &cx, &cy);
  cx = (x0 + x1) / 2 * exp2 (zoom);
  cy = (y0 + y1) / 2 * exp2 (zoom);
  ox = cx - map_w / scale / 2;
  oy = cy - map_h / scale / 2;
  {
    double n = G_PI - 2 * G_PI * ((y0 + y1) / 2) / 256;
    lat_c = 180 / G_PI * atan (sinh (n));
  }

  cairo_save (doc.cr);
  cairo_translate (doc.cr, map_x, map_y);
  cairo_rectangle (doc.cr, 0, 0, map_w, map_h);
  cairo_clip (doc.cr);
  cairo_scale (doc.cr, scale, scale);
  pk_map_render (doc.cr, basemap, NULL, lat_c, (province->geometry->bbox.min_x + province->geometry->bbox.max_x) / 2,
                 zoom, map_w / scale, map_h / scale, NULL);
  for (PkLicense l = PK_LICENSE_URBAN; l <= PK_LICENSE_RURAL; l++)
    for (guint i = 0; vacant[l] && i < vacant[l]->len; i++)
      {
        PkCountyCoverage *r = g_ptr_array_index (vacant[l], i);

        if (r->vacant == NULL)
          continue;
        fill_geometry (doc.cr, r->vacant, zoom, ox, oy);
        if (l == PK_LICENSE_RURAL)
          cairo_set_source_rgba (doc.cr, 0.85, 0.25, 0.15, 0.30);
        else
          cairo_set_source_rgba (doc.cr, 0.55, 0.15, 0.75, 0.45);
        cairo_fill (doc.cr);
      }
  /* approved zones: a blue outline and a light fill, the name at the middle */
  for (guint i = 0; zones && i < zones->len; i++)
    {
      PkZone *z = g_ptr_array_index (zones, i);
      double sx = 0, sy = 0;

      cairo_new_path (doc.cr);
      for (guint k = 0; k < z->n_points; k++)
        {
          double x, y;

          pk_mercator_project (z->xy[2 * k + 1], z->xy[2 * k], zoom, 256, &x, &y);
          cairo_line_to (doc.cr, x - ox, y - oy);
          sx += x - ox;
          sy += y - oy;
        }
      cairo_close_path (doc.cr);
      cairo_set_source_rgba (doc.cr, 0.05, 0.45, 0.75, 0.22);
      cairo_fill_preserve (doc.cr);
      cairo_set_source_rgb (doc.cr, 0.05, 0.35, 0.65);
      cairo_set_line_width (doc.cr, 1.5 / scale);
      cairo_stroke (doc.cr);
      if (z->n_points > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (z->name, -1);
          g_autoptr(PangoLayout) layout = make_layout (&doc, escaped, 8 / scale, TRUE, 200 / scale);
          int tw, th;

          pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
          pango_layout_set_width (layout, -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          cairo_set_source_rgb (doc.cr, 0.02, 0.25, 0.5);
          cairo_move_to (doc.cr, sx / z->n_points - tw / 2.0, sy / z->n_points - th / 2.0);
          pango_cairo_show_layout (doc.cr, layout);
        }
    }
  cairo_restore (doc.cr);
  if (layers & PK_MAP_LAYER_OFFICES)
    {
      /* symbols at their own size: place them at the fractional zoom, unscaled */
      cairo_save (doc.cr);
      cairo_translate (doc.cr, map_x, map_y);
      cairo_rectangle (doc.cr, 0, 0, map_w, map_h);
      cairo_clip (doc.cr);
      pk_map_render_offices (doc.cr, offices, zoom + log2 (scale), ox * scale, oy * scale,
                             map_w, map_h);
      cairo_restore (doc.cr);
    }
  cairo_rectangle (doc.cr, map_x, map_y, map_w, map_h);
  cairo_set_source_rgb (doc.cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (doc.cr, 0.8);
  cairo_stroke (doc.cr);

  /* title and date */
  today = pk_date_format_for_locale (today_iso);
  title = g_strdup_printf (_("Government-service counter offices — %s"), pk_place_display_name (province));
  doc.y = 24;
  text_at (&doc, 36, page_w - 72 - 160, title, 16, TRUE, 0.1, 0.1, 0.1);
  {
    g_autofree char *when = g_strdup_printf ("%s %s", _("Date:"), today);
    cairo_save (doc.cr);
    doc.y = 30;
    {
      g_autofree char *escaped = g_markup_escape_text (when, -1);
      g_autoptr(PangoLayout) layout = make_layout (&doc, escaped, 10, FALSE, 150);

      cairo_set_source_rgb (doc.cr, 0.3, 0.3, 0.3);
      cairo_move_to (doc.cr, doc.rtl ? 36 : page_w - 36 - 150, 30);
      pango_cairo_show_layout (doc.cr, layout);
    }
    cairo_restore (doc.cr);
  }

  /* legend, bottom corner at the reading start */
  {
    int n = ((layers & PK_MAP_LAYER_OFFICES) ? 2 : 0) + ((layers & PK_MAP_LAYER_VACANT_RURAL) ? 1 : 0) +
            ((layers & PK_MAP_LAYER_VACANT_URBAN) ? 1 : 0) + ((layers & PK_MAP_LAYER_ZONES) ? 1 : 0);
    double lx = doc.rtl ? map_x + map_w - 8 - 230 : map_x + 8, ly = map_y + map_h - 12 - 20 * n;
    int row = 0;

    cairo_rectangle (doc.cr, lx - 4, ly - 6, 230, 20 * n + 8);
    cairo_set_source_rgba (doc.cr, 1, 1, 1, 0.9);
    cairo_fill (doc.cr);
    if (layers & PK_MAP_LAYER_OFFICES)
      {
        legend_row (&doc, lx, ly + 20 * row++, 0, _("Urban Pishkhan office"));
        legend_row (&doc, lx, ly + 20 * row++, 1, _("Rural ICT office"));
      }
    if (layers & PK_MAP_LAYER_VACANT_RURAL)
      legend_row (&doc, lx, ly + 20 * row++, 2, _("Vacant: no rural ICT office in reach"));
    if (layers & PK_MAP_LAYER_VACANT_URBAN)
      legend_row (&doc, lx, ly + 20 * row++, 3, _("Vacant: no urban Pishkhan in reach"));
    if (layers & PK_MAP_LAYER_ZONES)
      legend_row (&doc, lx, ly + 20 * row++, 4, _("Approved zone for new offices"));
  }

  /* scale bar (metres per point at the map's centre latitude) and north arrow */
  {
    double mpp = 156543.03392 * cos (lat_c * G_PI / 180) / exp2 (zoom) / scale;
    double len_m = nice_length (map_w * 0.2 * mpp);
    double len = len_m / mpp;
    double bx = doc.rtl ? map_x + 12 : map_x + map_w - 12 - len, by = map_y + map_h - 18;
    g_autofree char *label = len_m >= 1000 ? g_strdup_printf (_("%.0f km"), len_m / 1000)
                                           : g_strdup_printf (_("%.0f m"), len_m);
    g_autofree char *localized = pk_text_localize_digits (label);
    double nx = doc.rtl ? map_x + 24 : map_x + map_w - 24, ny = map_y + 14;

    cairo_rectangle (doc.cr, bx, by, len, 5);
    cairo_set_source_rgb (doc.cr, 0.1, 0.1, 0.1);
    cairo_fill (doc.cr);
    cairo_move_to (doc.cr, bx, by - 14);
    {
      g_autoptr(PangoLayout) layout = make_layout (&doc, localized, 8, FALSE, 80);

      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      pango_cairo_show_layout (doc.cr, layout);
    }
    cairo_new_path (doc.cr);
    cairo_move_to (doc.cr, nx, ny);
    cairo_line_to (doc.cr, nx + 8, ny + 22);
    cairo_line_to (doc.cr, nx, ny + 17);
    cairo_line_to (doc.cr, nx - 8, ny + 22);
    cairo_close_path (doc.cr);
    cairo_fill (doc.cr);
    {
      /* TRANSLATORS: the letter of "north" on the map's north arrow */
      g_autoptr(PangoLayout) layout = make_layout (&doc, C_("north arrow", "N"), 10, TRUE, 20);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_move_to (doc.cr, nx - 10, ny + 24);
      pango_cairo_show_layout (doc.cr, layout);
    }
  }

  /* attribution, under the map */
  doc.y = map_y + map_h + 6;
  text_at (&doc, 36, page_w - 72,
           _("Map data © OpenStreetMap contributors (ODbL). Offices in the sample workspace are "
             "invented. Vacant areas use the province's local service radius."), 7.5, FALSE,
           0.35, 0.35, 0.35);

  cairo_show_page (doc.cr);
  cairo_destroy (doc.cr);
  if (png)
    status = cairo_surface_write_to_png_stream (surface, pk_output_cairo_write, out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* written beside @path and renamed over it when whole */
gboolean
pk_report_write_map (PkStore      *store,
                     const char   *path,
                     gboolean      a3,
                     PkMapLayers   layers,
                     GError      **error)
{
  PkOutput *out = pk_output_open (path, error);

  return out != NULL && pk_output_close (out, write_map_to (store, out, a3, layers, error), error);
}

/* The vacant areas of @rows as features, one per county and licence. */
static void
add_vacant_features (JsonBuilder *b,
                     GPtrArray   *rows)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = pk_coverage_vacancy_geojson (rows);
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *features;

  if ((parser = pk_json_parse_text (text)) == NULL)
    return;
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  for (guint i = 0; features && i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (f, "properties");

      if (props != NULL)
        json_object_set_string_member (props, "layer", "vacant");
      json_builder_add_value (b, json_node_copy (json_array_get_element (features, i)));
    }
}

/**
 * pk_report_publication_geojson:
 *
 * One FeatureCollection for the directorate's website: offices (point
 * features, "layer": "office"), vacant areas per licence type ("vacant") and
 * approved zones ("approved-zone"), as @layers asks.
 */
char *
pk_report_publication_geojson (PkStore      *store,
                               PkMapLayers   layers,
                               GError      **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  g_autoptr(GPtrArray) urban = NULL;
  g_autoptr(GPtrArray) rural = NULL;

  if ((offices = pk_store_list_offices (store, error)) == NULL ||
      (counties = pk_store_list_counties (store, error)) == NULL ||
      ((layers & PK_MAP_LAYER_ZONES) && (zones = pk_store_list_zones (store, error)) == NULL) ||
      ((layers & PK_MAP_LAYER_VACANT_URBAN) &&
       (urban = pk_coverage_compute (store, PK_LICENSE_URBAN, 0, TRUE, error)) == NULL) ||
      ((layers & PK_MAP_LAYER_VACANT_RURAL) &&
       (rural = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, TRUE, error)) == NULL))
    return NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  if (layers & PK_MAP_LAYER_OFFICES)
    for (guint i = 0; i < offices->len; i++)
      pk_office_add_feature (g_ptr_array_index (offices, i), counties, b);
  if (urban != NULL)
    add_vacant_features (b, urban);
  if (rural != NULL)
    add_vacant_features (b, rural);
  for (guint i = 0; zones && i < zones->len; i++)
    pk_zone_add_feature (g_ptr_array_index (zones, i), offices, b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}
