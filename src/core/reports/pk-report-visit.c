/* pk-report-visit.c: the site-visit report (S11; ST-1 … ST-13) — checklist,
 * measurements, a map of the declared and observed positions, the photos,
 * the outcome and the signatures
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "pk-jalali.h"
#include "pk-mbtiles.h"
#include "pk-photo.h"
#include "pk-report-private.h"
#include "pk-text.h"
#include "pk-visit-check.h"

#define MAP_H 190.0
#define PHOTO_W 160.0
#define PHOTO_H 120.0
#define PHOTO_GAP 15.5

static char *
localized (const char *text)
{
  return pk_text_localize_digits (text ? text : "—");
}

static char *
position_text (double lat,
               double lon)
{
  g_autofree char *text = g_strdup_printf ("%.6f, %.6f", lat, lon);

  return pk_text_localize_digits (text);
}

/* A marker: a ring for the declared site, a filled disc for the observed one,
 * a small square for a photo's position. */
static void
marker (cairo_t *cr,
        double   x,
        double   y,
        int      kind)
{
  cairo_new_path (cr);
  switch (kind)
    {
    case 0:
      cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 4.5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.10, 0.37, 0.80);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      break;
    case 1:
      cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.85, 0.15, 0.10);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    default:
      cairo_rectangle (cr, x - 3, y - 3, 6, 6);
      cairo_set_source_rgb (cr, 0.95, 0.55, 0.05);
      cairo_fill (cr);
      break;
    }
}

/* A field bundle carries the basemap tiles around its sites (it is an
 * MBTiles file itself): its tiles are painted under the excerpt; beyond the
 * deepest zoom it holds, the deepest are scaled up. Returns the tiles'
 * credit when any was painted, else NULL. */
static char *
paint_bundle_tiles (cairo_t  *cr,
                    PkStore  *store,
                    double    lat,
                    double    lon,
                    int       zoom,
                    double    width,
                    double    height)
{
  g_autoptr(PkMbtiles) tiles = pk_store_is_bundle (store) ? pk_mbtiles_open (pk_store_get_path (store), NULL) : NULL;
  double cx, cy, ox, oy, w, h, scale;
  guint n = 0;
  int z;

  if (tiles == NULL)
    return NULL;
  z = MAX (MIN (zoom, pk_mbtiles_get_max_zoom (tiles)), 0);
  scale = (double) (1 << (zoom - z));
  w = width / scale;
  h = height / scale;
  pk_mercator_project (lat, lon, z, 256, &cx, &cy);
  ox = cx - w / 2;
  oy = cy - h / 2;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_scale (cr, scale, scale);
  for (int ty = (int) floor (oy / 256); ty * 256 < oy + h; ty++)
    for (int tx = (int) floor (ox / 256); tx * 256 < ox + w; tx++)
      {
        g_autoptr(GBytes) bytes = pk_mbtiles_get_tile (tiles, tx, ty, z, NULL);
        cairo_surface_t *tile = bytes ? pk_photo_decode (bytes, 0, NULL) : NULL;

        if (tile == NULL)
          continue;
        cairo_set_source_surface (cr, tile, tx * 256 - ox, ty * 256 - oy);
        cairo_paint (cr);
        cairo_surface_destroy (tile);
        n++;
      }
  cairo_restore (cr);
  if (n == 0)
    return NULL;
  return g_strdup (pk_mbtiles_get_attribution (tiles) ? pk_mbtiles_get_attribution (tiles)
                                                     : pk_mbtiles_get_name (tiles));
}

/* The map excerpt: the offline basemap (a bundle's own tiles when it has
 * them) and the offices around the visit, the declared site, the observed one
 * and where each photo says it was taken. */
static void
draw_map (Doc                 *doc,
          PkStore             *store,
          const PkVisitCheck  *check,
          const PkVisit       *visit,
          GPtrArray           *photos)
{
  g_autoptr(PkBasemap) basemap = pk_basemap_new (store, NULL);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, NULL);
  g_autofree char *credit = NULL;
  double lat0, lon0, spread_m = 0, width = PAGE_W - 2 * MARGIN;
  double cx, cy;
  int zoom = 16;

  if (!check->has_declared && !visit->has_position)
    return;
  lat0 = check->has_declared ? check->declared_lat : visit->lat;
  lon0 = check->has_declared ? check->declared_lon : visit->lon;
  if (check->has_declared && visit->has_position)
    {
      lat0 = (check->declared_lat + visit->lat) / 2;
      lon0 = (check->declared_lon + visit->lon) / 2;
      spread_m = check->offset_m;
    }
  /* zoom 16 shows about a kilometre across the frame; out until both positions fit */
  while (zoom > 8 && spread_m > 0.7 * width * 156543.0 * cos (lat0 * G_PI / 180) / (1 << zoom))
    zoom--;
  if (basemap == NULL || offices == NULL)
    return;
  _pk_report_new_page_if_needed (doc, MAP_H + 30);
  cairo_save (doc->cr);
  cairo_translate (doc->cr, MARGIN, doc->y);
  cairo_set_source_rgb (doc->cr, 0.96, 0.96, 0.94);
  cairo_rectangle (doc->cr, 0, 0, width, MAP_H);
  cairo_fill (doc->cr);
  pk_mercator_project (lat0, lon0, zoom, 256, &cx, &cy);
  credit = paint_bundle_tiles (doc->cr, store, lat0, lon0, zoom, width, MAP_H);
  if (credit != NULL)
    {
      cairo_save (doc->cr);
      cairo_rectangle (doc->cr, 0, 0, width, MAP_H);
      cairo_clip (doc->cr);
      pk_map_render_offices (doc->cr, offices, zoom, cx - width / 2, cy - MAP_H / 2, width, MAP_H);
      cairo_restore (doc->cr);
    }
  else
    pk_map_render (doc->cr, basemap, offices, lat0, lon0, zoom, width, MAP_H, NULL);
  cairo_rectangle (doc->cr, 0, 0, width, MAP_H);
  cairo_clip (doc->cr);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      const PkVisitPhoto *p = g_ptr_array_index (photos, i);
      double px, py;

      if (!p->has_position)
        continue;
      pk_mercator_project (p->lat, p->lon, zoom, 256, &px, &py);
      marker (doc->cr, px - cx + width / 2, py - cy + MAP_H / 2, 2);
    }
  if (check->has_declared && visit->has_position)
    {
      double ax, ay, bx, by;

      pk_mercator_project (check->declared_lat, check->declared_lon, zoom, 256, &ax, &ay);
      pk_mercator_project (visit->lat, visit->lon, zoom, 256, &bx, &by);
      cairo_set_source_rgb (doc->cr, check->offset_flagged ? 0.85 : 0.3, 0.2, 0.2);
      cairo_set_line_width (doc->cr, 1.2);
      cairo_set_dash (doc->cr, (double[]) { 4, 3 }, 2, 0);
      cairo_move_to (doc->cr, ax - cx + width / 2, ay - cy + MAP_H / 2);
      cairo_line_to (doc->cr, bx - cx + width / 2, by - cy + MAP_H / 2);
      cairo_stroke (doc->cr);
      cairo_set_dash (doc->cr, NULL, 0, 0);
    }
  if (check->has_declared)
    {
      double x, y;

      pk_mercator_project (check->declared_lat, check->declared_lon, zoom, 256, &x, &y);
      marker (doc->cr, x - cx + width / 2, y - cy + MAP_H / 2, 0);
    }
  if (visit->has_position)
    {
      double x, y;

      pk_mercator_project (visit->lat, visit->lon, zoom, 256, &x, &y);
      marker (doc->cr, x - cx + width / 2, y - cy + MAP_H / 2, 1);
    }
  cairo_restore (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (doc->cr, 0.6);
  cairo_rectangle (doc->cr, MARGIN, doc->y, width, MAP_H);
  cairo_stroke (doc->cr);
  doc->y += MAP_H + 4;
  {
    g_autofree char *legend = g_strdup_printf ("%s  ◯ %s   ● %s   ■ %s", _("Legend:"), _("declared site"),
                                               _("observed position"), _("photo positions"));

    _pk_report_line (doc, legend, 8.5, FALSE);
  }
  {
    /* whose tiles they are: the licence of most basemaps asks for it */
    g_autofree char *source = credit != NULL ? g_strdup_printf (_("Basemap: %s (the field bundle’s tiles)"), credit)
                                             : g_strdup (_("Basemap: the workspace’s own outlines"));

    _pk_report_line (doc, source, 8, FALSE);
  }
}

static void
draw_checklist (Doc           *doc,
                const PkVisit *visit)
{
  double col = PAGE_W - 2 * MARGIN;

  for (int i = 0; i < PK_N_STANDARDS; i++)
    {
      const PkStAnswer *a = &visit->standards[i];
      g_autofree char *id = localized (pk_standard_id (i));
      gboolean fail = a->result == PK_ST_FAIL;
      double h1, h2, h3;

      _pk_report_new_page_if_needed (doc, 24);
      h1 = _pk_report_text_at (doc, MARGIN, 42, id, 9.5, TRUE, 0.2, 0.2, 0.2);
      h2 = _pk_report_text_at (doc, MARGIN + 46, col - 46 - 110, pk_standard_title (i), 9.5, FALSE,
                               0.1, 0.1, 0.1);
      h3 = _pk_report_text_at (doc, MARGIN + col - 105, 105, pk_st_result_display_name (a->result), 9.5, TRUE,
                               fail ? 0.75 : (a->result == PK_ST_PASS ? 0.1 : 0.4),
                               a->result == PK_ST_PASS ? 0.45 : (fail ? 0.1 : 0.4), fail ? 0.1 : 0.4);
      doc->y += MAX (h1, MAX (h2, h3));
      if (a->note != NULL)
        doc->y += _pk_report_text_at (doc, MARGIN + 46, col - 46 - 110, a->note, 8.5, FALSE, 0.35, 0.35, 0.35);
      cairo_set_source_rgb (doc->cr, 0.88, 0.88, 0.88);
      cairo_rectangle (doc->cr, MARGIN, doc->y + 2, col, 0.5);
      cairo_fill (doc->cr);
      doc->y += 5;
    }
}

static void
draw_photos (Doc        *doc,
             PkStore    *store,
             GPtrArray  *photos)
{
  double row_caption_h = 0;

  for (guint i = 0; i < photos->len; i++)
    {
      const PkVisitPhoto *p = g_ptr_array_index (photos, i);
      g_autoptr(GBytes) content = pk_store_get_visit_photo_content (store, p->id, NULL);
      cairo_surface_t *image = content ? pk_photo_decode (content, 640, NULL) : NULL;
      int column = i % 3;
      double x = MARGIN + column * (PHOTO_W + PHOTO_GAP);
      double caption_h = 0;
      GString *caption = g_string_new (p->file_name);

      if (column == 0)
        {
          _pk_report_new_page_if_needed (doc, PHOTO_H + 40);
          row_caption_h = 0;
        }
      if (doc->rtl)
        x = doc->page_w - x - PHOTO_W;
      if (image != NULL)
        {
          double iw = cairo_image_surface_get_width (image), ih = cairo_image_surface_get_height (image);
          double scale = MIN (PHOTO_W / iw, PHOTO_H / ih);

          cairo_save (doc->cr);
          cairo_translate (doc->cr, x + (PHOTO_W - iw * scale) / 2, doc->y + (PHOTO_H - ih * scale) / 2);
          cairo_scale (doc->cr, scale, scale);
          cairo_set_source_surface (doc->cr, image, 0, 0);
          cairo_paint (doc->cr);
          cairo_restore (doc->cr);
          cairo_surface_destroy (image);
        }
      if (p->taken_at != NULL)
        {
          g_autofree char *day = g_strndup (p->taken_at, 10);
          g_autofree char *date = pk_date_format_for_locale (day);

          g_string_append_printf (caption, "\n%s %s", date, p->taken_at + MIN (strlen (p->taken_at), 11));
        }
      if (p->has_position)
        {
          g_autofree char *where = g_strdup_printf ("%.5f, %.5f", p->lat, p->lon);

          g_string_append_printf (caption, "\n%s", where);
        }
      {
        g_autofree char *text = pk_text_localize_digits (caption->str);
        double saved = doc->y;

        doc->y += PHOTO_H + 2;
        /* placed from the left edge of its cell, whichever way the page runs */
        caption_h = _pk_report_text_at (doc, doc->rtl ? doc->page_w - x - PHOTO_W : x, PHOTO_W, text, 7.5,
                                        FALSE, 0.3, 0.3, 0.3);
        doc->y = saved;
        row_caption_h = MAX (row_caption_h, caption_h);
      }
      g_string_free (caption, TRUE);
      if (column == 2 || i + 1 == photos->len)
        doc->y += PHOTO_H + 12 + row_caption_h;
    }
}

/* Long on purpose: the report top to bottom as it prints. */
static gboolean
write_visit_to (PkStore        *store,
                PkSiteChecker  *checker,
                const PkVisit  *visit,
                PkOutput       *out,
                GError        **error)
{
  g_autoptr(PkCase) c = visit->case_id > 0 ? pk_store_get_case (store, visit->case_id, NULL) : NULL;
  g_autoptr(PkOffice) o = visit->office_id > 0 ? pk_store_get_office (store, visit->office_id, NULL) : NULL;
  g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, visit->id, 0, error);
  g_autoptr(PkVisitCheck) check = NULL;
  g_autofree char *subject = c ? pk_text_localize_digits (c->number) : g_strdup (o ? o->code : "—");
  g_autofree char *title = g_strdup_printf (c ? _("Site visit report — case %s") : _("Inspection report — office %s"),
                                            subject);
  g_autofree char *date = pk_date_format_for_locale (visit->date);
  g_autofree char *date_l = pk_text_localize_digits (date);
  g_autofree char *failing = pk_visit_failing_standards (visit);
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  cairo_surface_t *surface;

  if (photos == NULL || (check = pk_visit_check (store, checker, visit, error)) == NULL)
    return FALSE;
  if ((surface = _pk_report_begin_titled (out, &doc, title, error)) == NULL)
    return FALSE;
  _pk_report_line (&doc, title, 15, TRUE);
  _pk_report_line (&doc, _("Site visit against the standards of chapter 3 of the licensing guide (S11; ST-1 … ST-13)"),
                   9.5, FALSE);
  doc.y += 4;
  if (c != NULL)
    {
      _pk_report_field (&doc, _("Request"), pk_request_display_name (c->request));
      _pk_report_field (&doc, _("Licence"), pk_license_display_name (c->license));
      if (c->site_address != NULL)
        _pk_report_field (&doc, _("Declared address"), c->site_address);
    }
  else if (o != NULL)
    _pk_report_field (&doc, _("Office"), o->name);
  _pk_report_field (&doc, _("Date of the visit"), date_l);
  _pk_report_field (&doc, _("Inspector"), visit->inspector);
  if (check->has_declared)
    {
      g_autofree char *where = position_text (check->declared_lat, check->declared_lon);

      _pk_report_field (&doc, _("Declared site"), where);
    }
  if (visit->has_position)
    {
      g_autofree char *where = position_text (visit->lat, visit->lon);
      g_autofree char *text = NULL;
      g_autofree char *text_l = NULL;

      if (!isnan (check->offset_m))
        text = g_strdup_printf (check->offset_flagged ? _("%s — %.0f m from the declared site, more than the %.0f m "
                                                          "allowed: check the address")
                                                      : _("%s — %.0f m from the declared site (within %.0f m)"),
                                where, check->offset_m, check->max_offset_m);
      text_l = pk_text_localize_digits (text ? text : where);
      _pk_report_field (&doc, _("Observed position"), text_l);
    }
  if (!isnan (visit->area_m2))
    {
      g_autofree char *area = g_strdup_printf (_("%.0f m²"), visit->area_m2);
      g_autofree char *area_l = pk_text_localize_digits (area);

      _pk_report_field (&doc, _("Measured floor area"), area_l);
    }
  if (check->verdict != NULL)
    {
      GString *rules = g_string_new (pk_verdict_display_name (check->verdict->verdict));
      g_autofree char *text = NULL;

      for (guint i = 0; i < check->verdict->rules->len; i++)
        {
          const PkRuleResult *r = g_ptr_array_index (check->verdict->rules, i);

          if (r->status == PK_RULE_FAIL)
            g_string_append_printf (rules, "\n%s %s", r->id, r->message);
        }
      text = pk_text_localize_digits (rules->str);
      g_string_free (rules, TRUE);
      _pk_report_field (&doc, visit->has_position ? _("Siting check at the observed position")
                                                  : _("Siting check at the declared site"), text);
    }
  doc.y += 6;
  draw_map (&doc, store, check, visit, photos);
  doc.y += 8;
  _pk_report_line (&doc, _("Checklist"), 12, TRUE);
  draw_checklist (&doc, visit);
  if (photos->len > 0)
    {
      doc.y += 8;
      _pk_report_line (&doc, _("Photos"), 12, TRUE);
      draw_photos (&doc, store, photos);
    }
  doc.y += 8;
  _pk_report_new_page_if_needed (&doc, 120);
  _pk_report_line (&doc, _("Outcome"), 12, TRUE);
  _pk_report_line (&doc, pk_visit_outcome_display_name (visit->outcome), 12, TRUE);
  if (failing != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Standards not met: %s"), failing);
      g_autofree char *line_l = pk_text_localize_digits (line);

      _pk_report_line (&doc, line_l, 10.5, FALSE);
    }
  if (visit->reason != NULL)
    _pk_report_line (&doc, visit->reason, 10.5, FALSE);
  if (visit->outcome == PK_VISIT_NOT_COMPLIANT)
    _pk_report_line (&doc, _("The file returns to the applicant with these reasons (RT-1); delays caused by a "
                             "non-compliant site are the applicant’s (RT-2)."), 9.5, FALSE);
  _pk_report_signature_lines (&doc, (const char * const []) {
    visit->signed_by ? visit->signed_by : visit->inspector,
    c != NULL ? _("For the governorate or the secretariat") : _("For the directorate"), NULL });
  return _pk_report_finish (&doc, surface, out, error);
}

/**
 * pk_report_write_visit_pdf:
 * @checker: (nullable): runs the siting check at the observed position
 *
 * A site visit's report: the case and the declared site, the date and the
 * inspector, the observed position and its distance from the declared one,
 * the measured area, the siting check there, a map excerpt, the checklist
 * ST-1 … ST-13 with notes, the photos with their time and position, the
 * outcome with its reasons, and signature lines. Persian shaped and right to
 * left when the UI is Persian.
 */
gboolean
pk_report_write_visit_pdf (PkStore        *store,
                           PkSiteChecker  *checker,
                           const PkVisit  *visit,
                           const char     *path,
                           GError        **error)
{
  PkOutput *out = pk_output_open (path, error);

  return out != NULL && pk_output_close (out, write_visit_to (store, checker, visit, out, error), error);
}
