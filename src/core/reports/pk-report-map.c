/* pk-report-map.c: the applicant map (PDF or PNG) and the publication GeoJSON
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
#include "pk-map-style.h"
#include "pk-output.h"
#include "pk-report-private.h"
#include "pk-text.h"

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

typedef enum { LEGEND_URBAN, LEGEND_RURAL, LEGEND_VACANT_RURAL, LEGEND_VACANT_URBAN, LEGEND_ZONE } LegendKind;

static void
legend_row (Doc        *doc,
            double      x,
            double      y,
            LegendKind  kind,
            const char *text)
{
  cairo_t *cr = doc->cr;
  double sx = doc->rtl ? x + 210 : x;

  /* the window's legend shows the same symbols and shades (pk-map-style.c) */
  if (kind == LEGEND_URBAN || kind == LEGEND_RURAL)
    pk_map_style_draw_office (cr, sx + 6, y + 6, 4.5, kind == LEGEND_URBAN ? PK_LICENSE_URBAN : PK_LICENSE_RURAL,
                              PK_STATUS_ACTIVE, FALSE);
  else
    {
      cairo_new_path (cr);
      cairo_rectangle (cr, sx, y + 1, 12, 10);
      pk_map_style_paint_area (cr, kind == LEGEND_VACANT_RURAL ? PK_MAP_AREA_VACANT_RURAL
                                   : kind == LEGEND_VACANT_URBAN ? PK_MAP_AREA_VACANT_URBAN
                                   : PK_MAP_AREA_ZONE, 0.6);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);
    g_autoptr(PangoLayout) layout = _pk_report_make_layout (doc, escaped, 8.5, FALSE, 200);

    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
    cairo_move_to (cr, doc->rtl ? x : x + 18, y - 1);
    pango_cairo_show_layout (cr, layout);
  }
}

/* Where the map sits on the page and which tiles fill it: the province fits
 * its box at a fractional zoom; tiles are drawn at the next whole zoom and
 * scaled down, for crisp outlines. */
typedef struct
{
  double x, y, w, h;      /* the map's box on the page, pt */
  int    zoom;            /* the tiles' zoom … */
  double scale;           /* … and the factor down to the zoom that fits */
  double ox, oy;          /* the box's top-left corner in the tiles' pixels */
  double lat_c;           /* the latitude at the box's middle */
} Frame;

static void
fit_province (Frame         *f,
              const PkPlace *province)
{
  const PkBBox *b = &province->geometry->bbox;
  double x0, y0, x1, y1, zf, cx, cy, n;

  pk_mercator_project (b->max_y, b->min_x, 0, 256, &x0, &y0);
  pk_mercator_project (b->min_y, b->max_x, 0, 256, &x1, &y1);
  zf = log2 (MIN (f->w * 0.94 / (x1 - x0), f->h * 0.94 / (y1 - y0)));
  f->zoom = CLAMP ((int) ceil (zf), 3, 14);
  f->scale = exp2 (zf - f->zoom);
  cx = (x0 + x1) / 2 * exp2 (f->zoom);
  cy = (y0 + y1) / 2 * exp2 (f->zoom);
  f->ox = cx - f->w / f->scale / 2;
  f->oy = cy - f->h / f->scale / 2;
  n = G_PI - 2 * G_PI * ((y0 + y1) / 2) / 256;
  f->lat_c = 180 / G_PI * atan (sinh (n));
}

/* Approved zones: a blue outline and a light fill, the name at the middle;
 * drawn in the tiles' pixels (the caller has scaled to them). */
static void
draw_zones (Doc         *doc,
            const Frame *f,
            GPtrArray   *zones)
{
  for (guint i = 0; zones && i < zones->len; i++)
    {
      PkZone *z = g_ptr_array_index (zones, i);
      double sx = 0, sy = 0;

      cairo_new_path (doc->cr);
      for (guint k = 0; k < z->n_points; k++)
        {
          double x, y;

          pk_mercator_project (z->xy[2 * k + 1], z->xy[2 * k], f->zoom, 256, &x, &y);
          cairo_line_to (doc->cr, x - f->ox, y - f->oy);
          sx += x - f->ox;
          sy += y - f->oy;
        }
      cairo_close_path (doc->cr);
      pk_map_style_paint_area (doc->cr, PK_MAP_AREA_ZONE, 0.75 / f->scale);
      if (z->n_points > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (z->name, -1);
          g_autoptr(PangoLayout) layout = _pk_report_make_layout (doc, escaped, 8 / f->scale, TRUE, 200 / f->scale);
          int tw, th;

          pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
          pango_layout_set_width (layout, -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          cairo_set_source_rgb (doc->cr, 0.02, 0.25, 0.5);
          cairo_move_to (doc->cr, sx / z->n_points - tw / 2.0, sy / z->n_points - th / 2.0);
          pango_cairo_show_layout (doc->cr, layout);
        }
    }
}

/* The title and, at the other end of the line, the date (Solar Hijri in Persian). */
static void
draw_title (Doc           *doc,
            const PkPlace *province,
            double         page_w)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = pk_date_format_for_locale (today_iso);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  title = g_strdup_printf (_("Government-service counter offices — %s"), pk_place_display_name (province));
  doc->y = 24;
  _pk_report_text_at (doc, 36, page_w - 72 - 160, title, 16, TRUE, 0.1, 0.1, 0.1);
  when = g_strdup_printf ("%s %s", _("Date:"), today);
  escaped = g_markup_escape_text (when, -1);
  layout = _pk_report_make_layout (doc, escaped, 10, FALSE, 150);
  doc->y = 30;
  cairo_set_source_rgb (doc->cr, 0.3, 0.3, 0.3);
  cairo_move_to (doc->cr, doc->rtl ? 36 : page_w - 36 - 150, 30);
  pango_cairo_show_layout (doc->cr, layout);
}

/* The legend, in the bottom corner where reading starts. */
static void
draw_legend (Doc         *doc,
             const Frame *f,
             PkMapLayers  layers)
{
  int n = ((layers & PK_MAP_LAYER_OFFICES) ? 2 : 0) + ((layers & PK_MAP_LAYER_VACANT_RURAL) ? 1 : 0) +
          ((layers & PK_MAP_LAYER_VACANT_URBAN) ? 1 : 0) + ((layers & PK_MAP_LAYER_ZONES) ? 1 : 0);
  double lx = doc->rtl ? f->x + f->w - 8 - 230 : f->x + 8, ly = f->y + f->h - 12 - 20 * n;
  int row = 0;

  cairo_rectangle (doc->cr, lx - 4, ly - 6, 230, 20 * n + 8);
  cairo_set_source_rgba (doc->cr, 1, 1, 1, 0.9);
  cairo_fill (doc->cr);
  if (layers & PK_MAP_LAYER_OFFICES)
    {
      legend_row (doc, lx, ly + 20 * row++, LEGEND_URBAN, _("Urban Pishkhan office"));
      legend_row (doc, lx, ly + 20 * row++, LEGEND_RURAL, _("Rural ICT office"));
    }
  if (layers & PK_MAP_LAYER_VACANT_RURAL)
    legend_row (doc, lx, ly + 20 * row++, LEGEND_VACANT_RURAL, _("Vacant: no rural ICT office in reach"));
  if (layers & PK_MAP_LAYER_VACANT_URBAN)
    legend_row (doc, lx, ly + 20 * row++, LEGEND_VACANT_URBAN, _("Vacant: no urban Pishkhan in reach"));
  if (layers & PK_MAP_LAYER_ZONES)
    legend_row (doc, lx, ly + 20 * row++, LEGEND_ZONE, _("Approved zone for new offices"));
}

/* The scale bar (metres per point at the map's middle latitude) and the
 * north arrow, at the end of the line opposite the legend. */
static void
draw_scale_and_north (Doc         *doc,
                      const Frame *f)
{
  double mpp = 156543.03392 * cos (f->lat_c * G_PI / 180) / exp2 (f->zoom) / f->scale;
  double len_m = nice_length (f->w * 0.2 * mpp);
  double len = len_m / mpp;
  double bx = doc->rtl ? f->x + 12 : f->x + f->w - 12 - len, by = f->y + f->h - 18;
  g_autofree char *label = len_m >= 1000 ? g_strdup_printf (_("%.0f km"), len_m / 1000)
                                         : g_strdup_printf (_("%.0f m"), len_m);
  g_autofree char *localized = pk_text_localize_digits (label);
  double nx = doc->rtl ? f->x + 24 : f->x + f->w - 24, ny = f->y + 14;

  cairo_rectangle (doc->cr, bx, by, len, 5);
  cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
  cairo_fill (doc->cr);
  {
    g_autoptr(PangoLayout) layout = _pk_report_make_layout (doc, localized, 8, FALSE, 80);
    int tw, th;

    /* above the bar whatever the script's height (Persian digits run taller) */
    pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
    pango_layout_get_pixel_size (layout, &tw, &th);
    cairo_move_to (doc->cr, bx, by - th - 1);
    pango_cairo_show_layout (doc->cr, layout);
  }
  cairo_new_path (doc->cr);
  cairo_move_to (doc->cr, nx, ny);
  cairo_line_to (doc->cr, nx + 8, ny + 22);
  cairo_line_to (doc->cr, nx, ny + 17);
  cairo_line_to (doc->cr, nx - 8, ny + 22);
  cairo_close_path (doc->cr);
  cairo_fill (doc->cr);
  {
    /* TRANSLATORS: the letter of "north" on the map's north arrow */
    g_autoptr(PangoLayout) layout = _pk_report_make_layout (doc, C_("north arrow", "N"), 10, TRUE, 20);

    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    cairo_move_to (doc->cr, nx - 10, ny + 24);
    pango_cairo_show_layout (doc->cr, layout);
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
/* Long on purpose: the page assembled in print order — map, zones, offices,
 * title, legend, scale — each piece a function of its own. */
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
  double page_w = a3 ? 1190.55 : 841.89, page_h = a3 ? 841.89 : 595.28;
  Frame f = { 36, 70, page_w - 72, page_h - 120 };
  cairo_surface_t *surface;
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

  if ((surface = _pk_report_begin_sized (out, page_w, page_h, error)) == NULL)
    return FALSE;
  doc.cr = _pk_report_create_cr (surface);
  fit_province (&f, province);

  cairo_save (doc.cr);
  cairo_translate (doc.cr, f.x, f.y);
  cairo_rectangle (doc.cr, 0, 0, f.w, f.h);
  cairo_clip (doc.cr);
  cairo_scale (doc.cr, f.scale, f.scale);
  pk_map_render (doc.cr, basemap, NULL, f.lat_c, (province->geometry->bbox.min_x + province->geometry->bbox.max_x) / 2,
                 f.zoom, f.w / f.scale, f.h / f.scale, NULL);
  for (PkLicense l = PK_LICENSE_URBAN; l <= PK_LICENSE_RURAL; l++)
    for (guint i = 0; vacant[l] && i < vacant[l]->len; i++)
      {
        PkCountyCoverage *r = g_ptr_array_index (vacant[l], i);

        if (r->vacant == NULL)
          continue;
        fill_geometry (doc.cr, r->vacant, f.zoom, f.ox, f.oy);
        pk_map_style_paint_area (doc.cr, pk_map_area_vacant (l), 0.6 / f.scale);
      }
  draw_zones (&doc, &f, zones);
  cairo_restore (doc.cr);
  if (layers & PK_MAP_LAYER_OFFICES)
    {
      /* symbols at their own size: place them at the fractional f.zoom, unscaled */
      cairo_save (doc.cr);
      cairo_translate (doc.cr, f.x, f.y);
      cairo_rectangle (doc.cr, 0, 0, f.w, f.h);
      cairo_clip (doc.cr);
      pk_map_render_offices (doc.cr, offices, f.zoom + log2 (f.scale), f.ox * f.scale, f.oy * f.scale,
                             f.w, f.h);
      cairo_restore (doc.cr);
    }
  cairo_rectangle (doc.cr, f.x, f.y, f.w, f.h);
  cairo_set_source_rgb (doc.cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (doc.cr, 0.8);
  cairo_stroke (doc.cr);

  draw_title (&doc, province, page_w);
  draw_legend (&doc, &f, layers);
  draw_scale_and_north (&doc, &f);

  /* attribution, under the map */
  doc.y = f.y + f.h + 6;
  _pk_report_text_at (&doc, 36, page_w - 72,
           _("Map data © OpenStreetMap contributors (ODbL). Offices in the sample workspace are "
             "invented. Vacant areas use the province's local service radius."), 7.5, FALSE,
           0.35, 0.35, 0.35);

  return _pk_report_finish (&doc, surface, out, error);
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
