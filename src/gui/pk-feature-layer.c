/* pk-feature-layer.c
 *
 * One ShumateLayer draws every county label, city and office in a single
 * cairo pass per frame: a widget per point (ShumateMarker) would make
 * thousands of offices pan slowly.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-feature-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pk-feature-layer-private.h"
#include "pk-map-style.h"
#include "pk-text.h"


G_DEFINE_FINAL_TYPE (PkFeatureLayer, pk_feature_layer, SHUMATE_TYPE_LAYER)


static gboolean
collides (GArray                *placed,
          const graphene_rect_t *r)
{
  for (guint i = 0; i < placed->len; i++)
    if (graphene_rect_intersection (&g_array_index (placed, graphene_rect_t, i), r, NULL))
      return TRUE;
  return FALSE;
}

typedef struct
{
  cairo_surface_t *surface;   /* the name with its white halo, at the screen's scale */
  int              w, h;      /* the text's own size, px */
} LabelSprite;

static void
label_sprite_free (LabelSprite *l)
{
  cairo_surface_destroy (l->surface);
  g_free (l);
}

#define HALO 3

/* A name drawn once (shaped, outlined for its halo) and blitted after: the
 * shaping and the halo's stroke were most of a frame with many cities. */
static LabelSprite *
label_sprite (PkFeatureLayer *self,
              const char     *text,
              gboolean        bold,
              double          size_pt)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autofree char *key = g_strdup_printf ("%d|%.1f|%s", bold, size_pt, text);
  LabelSprite *l;

  if (self->label_sprites == NULL || scale != self->label_scale ||
      g_hash_table_size (self->label_sprites) > 4000)
    {
      g_clear_pointer (&self->label_sprites, g_hash_table_unref);
      self->label_sprites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) label_sprite_free);
      self->label_scale = scale;
    }
  if ((l = g_hash_table_lookup (self->label_sprites, key)) == NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
      cairo_t *cr;

      pango_font_description_set_size (font, size_pt * PANGO_SCALE);
      pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_layout_set_font_description (layout, font);
      l = g_new0 (LabelSprite, 1);
      pango_layout_get_pixel_size (layout, &l->w, &l->h);
      l->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (l->w + 2 * HALO) * scale,
                                               (l->h + 2 * HALO) * scale);
      cairo_surface_set_device_scale (l->surface, scale, scale);
      cr = cairo_create (l->surface);
      /* a white halo keeps names readable over outlines and symbols */
      cairo_move_to (cr, HALO, HALO);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 3.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, HALO, HALO);
      cairo_set_source_rgb (cr, 0.20, 0.18, 0.15);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      g_hash_table_insert (self->label_sprites, g_steal_pointer (&key), l);
    }
  return l;
}

/* Draws @text centred at (@x, @y + one of @offsets) where it overlaps no label
 * placed before it; with no free spot the label is left out (the map shows
 * more names as it zooms in). */
static gboolean
draw_label (PkFeatureLayer *self,
            cairo_t        *cr,
            GArray         *placed,
            const char     *text,
            double          x,
            double          y,
            gboolean        bold,
            double          size_pt,
            const double   *offsets,
            guint           n_offsets)
{
  LabelSprite *l = label_sprite (self, text, bold, size_pt);
  graphene_rect_t r;
  guint i;

  x = round (x - l->w / 2.0);
  for (i = 0; i < n_offsets; i++)
    {
      graphene_rect_init (&r, x - 2, y + offsets[i] - l->h / 2.0 - 1, l->w + 4, l->h + 2);
      if (!collides (placed, &r))
        break;
    }
  if (i == n_offsets)
    return FALSE;
  g_array_append_val (placed, r);
  y = round (y + offsets[i] - l->h / 2.0);
  cairo_set_source_surface (cr, l->surface, x - HALO, y - HALO);
  cairo_rectangle (cr, x - HALO, y - HALO, l->w + 2 * HALO, l->h + 2 * HALO);
  cairo_fill (cr);
  return TRUE;
}


static void
trace_geometry (PkFeatureLayer   *self,
                cairo_t          *cr,
                const PkGeometry *geom)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  cairo_new_path (cr);
  for (guint p = 0; p < geom->n_polygons; p++)
    for (guint r = 0; r < geom->polygons[p].n_rings; r++)
      {
        const PkRing *ring = &geom->polygons[p].rings[r];

        for (guint k = 0; k < ring->n_points; k++)
          {
            double x, y;

            shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                        ring->xy[2 * k + 1], ring->xy[2 * k], &x, &y);
            if (k == 0)
              cairo_move_to (cr, x, y);
            else
              cairo_line_to (cr, x, y);
          }
        cairo_close_path (cr);
      }
}

/* Pixels for @metres at the site: project a point that far north. */
static double
metres_to_pixels (PkFeatureLayer *self,
                  double          lat,
                  double          lon,
                  double          metres)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double x0, y0, x1, y1;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, &x0, &y0);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              lat + metres / 111132.0, lon, &x1, &y1);
  return hypot (x1 - x0, y1 - y0);
}

/* The checked site: its county and urban area outlined, the spacing and
 * service circles, and lines to the nearest offices with their distances. */
static void
draw_verdict (PkFeatureLayer *self,
              cairo_t        *cr,
              GArray         *placed)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const PkSiteVerdict *v = self->verdict;
  double sx, sy;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), v->query.lat,
                                              v->query.lon, &sx, &sy);

  for (guint i = 0; v->county && self->counties && i < self->counties->len; i++)
    {
      PkPlace *c = g_ptr_array_index (self->counties, i);

      if (c->id != v->county->id || c->geometry == NULL)
        continue;
      trace_geometry (self, cr, c->geometry);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.07);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.9);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }

  if (v->urban_city != NULL)
    {
      PkPlace *city = NULL;

      for (guint i = 0; self->cities && i < self->cities->len; i++)
        if (((PkPlace *) g_ptr_array_index (self->cities, i))->id == v->urban_city->id)
          city = g_ptr_array_index (self->cities, i);
      if (v->basis == PK_BASIS_POLYGON && city && city->geometry)
        {
          trace_geometry (self, cr, city->geometry);
          cairo_set_source_rgba (cr, 0.45, 0.2, 0.6, 0.9);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          double cx, cy;

          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                      v->urban_city->lat, v->urban_city->lon,
                                                      &cx, &cy);
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, metres_to_pixels (self, v->urban_city->lat, v->urban_city->lon,
                                                   v->urban_radius_m), 0, 2 * G_PI);
          cairo_set_dash (cr, (double[]) { 8, 5 }, 2, 0);
          {
            static const double above[] = { 0 };
            double r = metres_to_pixels (self, v->urban_city->lat, v->urban_city->lon,
                                         v->urban_radius_m);
            g_autofree char *label = g_strdup_printf (_("%s urban area (approximate)"),
                                                      pk_place_display_name (v->urban_city));

            cairo_set_source_rgba (cr, 0.45, 0.2, 0.6, 0.9);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            draw_label (self, cr, placed, label, cx, cy - r - 10, FALSE, 9, above, 1);
          }
        }
    }

  cairo_new_path (cr);
  cairo_arc (cr, sx, sy, metres_to_pixels (self, v->query.lat, v->query.lon, v->service_radius_m),
             0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.12);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_arc (cr, sx, sy, metres_to_pixels (self, v->query.lat, v->query.lon, v->min_spacing_m),
             0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.9);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < v->nearest->len; i++)
    {
      const PkNearOffice *n = &g_array_index (v->nearest, PkNearOffice, i);
      static const double mid[] = { 0, -12, 12 };
      g_autofree char *km = NULL;
      g_autofree char *text = NULL;
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), n->lat, n->lon,
                                                  &x, &y);
      cairo_new_path (cr);
      cairo_move_to (cr, sx, sy);
      cairo_line_to (cr, x, y);
      cairo_set_source_rgba (cr, 0.25, 0.25, 0.25, 0.85);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      km = g_strdup_printf (_("%.2f km"), n->distance_m / 1000);
      text = pk_text_localize_digits (km);
      draw_label (self, cr, placed, text, (sx + x) / 2, (sy + y) / 2, TRUE, 8.5, mid,
                  G_N_ELEMENTS (mid));
    }

  cairo_new_path (cr);
  cairo_arc (cr, sx, sy, 8, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}


/* Every serving office's service radius as one path: overlapping discs merge
 * (non-zero winding) instead of darkening each other. */
static void
draw_service_areas (PkFeatureLayer  *self,
                    cairo_t         *cr,
                    ShumateViewport *viewport,
                    int              width,
                    int              height)
{
  double r = -1;

  cairo_new_path (cr);
  for (guint i = 0; self->offices && i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double x, y;

      if (o->license != self->service_license || !pk_status_serves (o->status))
        continue;
      if (r < 0)     /* one radius in pixels for the view: latitudes differ by little */
        r = metres_to_pixels (self, o->lat, o->lon, self->service_radius_m);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), o->lat, o->lon, &x, &y);
      if (x < -r || x > width + r || y < -r || y > height + r)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, MAX (r, 1.5), 0, 2 * G_PI);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  pk_map_style_paint_area (cr, pk_map_area_service (self->service_license), 1);
}

/* The shares' range: classes are equal intervals between the least and the
 * best served county, so the map tells counties apart even when all are
 * poorly served (rural service radii are small against county areas). */
void
_pk_feature_layer_choropleth_range (PkFeatureLayer *self,
                                    double         *lo,
                                    double         *hi)
{
  *lo = 1;
  *hi = 0;
  for (guint i = 0; i < self->choropleth->len; i++)
    {
      double v = pk_county_coverage_served_share (g_ptr_array_index (self->choropleth, i));

      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
}

static void
draw_choropleth (PkFeatureLayer *self,
                 cairo_t        *cr)
{
  double lo, hi;

  _pk_feature_layer_choropleth_range (self, &lo, &hi);
  for (guint i = 0; i < self->choropleth->len; i++)
    {
      PkCountyCoverage *row = g_ptr_array_index (self->choropleth, i);
      double share = hi - lo > 1e-9 ? (pk_county_coverage_served_share (row) - lo) / (hi - lo) : 1;
      double r, g, b;

      for (guint k = 0; self->counties && k < self->counties->len; k++)
        {
          PkPlace *c = g_ptr_array_index (self->counties, k);

          if (c->id != row->county->id || c->geometry == NULL)
            continue;
          trace_geometry (self, cr, c->geometry);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          _pk_feature_layer_choropleth_colour (share, &r, &g, &b);
          cairo_set_source_rgba (cr, r, g, b, 0.45);
          cairo_fill (cr);
        }
    }
}

static void
trace_zone (PkFeatureLayer *self,
            cairo_t        *cr,
            const PkZone   *z,
            double         *cx,
            double         *cy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  *cx = *cy = 0;
  cairo_new_path (cr);
  for (guint k = 0; k < z->n_points; k++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), z->xy[2 * k + 1],
                                                  z->xy[2 * k], &x, &y);
      cairo_line_to (cr, x, y);
      *cx += x / z->n_points;
      *cy += y / z->n_points;
    }
}

static void
draw_zones (PkFeatureLayer *self,
            cairo_t        *cr,
            GArray         *placed)
{
  for (guint i = 0; self->zones && i < self->zones->len; i++)
    {
      PkZone *z = g_ptr_array_index (self->zones, i);
      gboolean selected = z->id == self->selected_zone;
      static const double at[] = { 0, 16, -16 };
      g_autofree char *label = NULL;
      g_autofree char *localized = NULL;
      double cx, cy;

      if (z->n_points < 3)
        continue;
      trace_zone (self, cr, z, &cx, &cy);
      cairo_close_path (cr);
      pk_map_style_paint_area (cr, selected ? PK_MAP_AREA_ZONE_SELECTED : PK_MAP_AREA_ZONE, 1);
      label = g_strdup_printf ("%s (%d)", z->name, z->capacity);
      localized = pk_text_localize_digits (label);
      draw_label (self, cr, placed, localized, cx, cy, TRUE, 9, at, G_N_ELEMENTS (at));
    }
}

/* The zone being drawn: its corners, its edges, and a dashed edge on to the
 * pointer (or the crosshair at the centre when drawing with the keyboard). */
static void
draw_draft (PkFeatureLayer *self,
            cairo_t        *cr,
            int             width,
            int             height)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double cx, cy, px = 0, py = 0;

  trace_zone (self, cr, self->draft, &cx, &cy);
  if (self->draft_cursor)
    {
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), self->cursor_lat,
                                                  self->cursor_lon, &px, &py);
      if (self->draft->n_points > 0)
        cairo_line_to (cr, px, py);
    }
  if (self->draft->n_points >= 2)
    {
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.9, 0.38, 0.0, 0.15);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgb (cr, 0.9, 0.38, 0.0);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint k = 0; k < self->draft->n_points; k++)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  self->draft->xy[2 * k + 1], self->draft->xy[2 * k],
                                                  &x, &y);
      cairo_new_path (cr);
      cairo_rectangle (cr, x - 4, y - 4, 8, 8);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.9, 0.38, 0.0);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  if (self->draft_cursor)
    {
      /* crosshair */
      cairo_new_path (cr);
      cairo_move_to (cr, px - 10, py);
      cairo_line_to (cr, px + 10, py);
      cairo_move_to (cr, px, py - 10);
      cairo_line_to (cr, px, py + 10);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
pk_feature_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PkFeatureLayer *self = PK_FEATURE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  g_autoptr(GArray) placed = NULL;     /* label rectangles, for collision tests */
  g_autoptr(GArray) clusters = NULL;   /* counted groups of offices, drawn on top */
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  if (self->choropleth != NULL)
    draw_choropleth (self, cr);
  if (self->service_on)
    draw_service_areas (self, cr, viewport, width, height);

  /* vacant areas under everything else, hatched so the basemap shows through */
  if (self->vacant != NULL)
    for (guint i = 0; i < self->vacant->len; i++)
      {
        PkGeometry *g = g_ptr_array_index (self->vacant, i);

        trace_geometry (self, cr, g);
        cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
        pk_map_style_paint_area (cr, pk_map_area_vacant (self->vacant_license), 1);
      }

  draw_zones (self, cr, placed);

  clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  if (self->offices)
    _pk_feature_layer_draw_offices (self, cr, viewport, width, height, zoom, clusters, placed);

  if (self->cities)
    for (guint i = 0; i < self->cities->len; i++)
      {
        PkPlace *c = g_ptr_array_index (self->cities, i);
        double x, y;

        if (!c->is_county_seat && zoom < 8)
          continue;
        shumate_viewport_location_to_widget_coords (viewport, widget, c->lat, c->lon, &x, &y);
        if (x < -100 || x > width + 100 || y < -20 || y > height + 20)
          continue;
        cairo_new_path (cr);
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
        if (c->is_county_seat)
          cairo_rectangle (cr, x - 4.5, y - 4.5, 9, 9);
        else
          cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
        cairo_fill (cr);
        {
          graphene_rect_t sym = GRAPHENE_RECT_INIT (x - 4.5, y - 4.5, 9, 9);
          static const double below[] = { 15, -15 };

          g_array_append_val (placed, sym);
          if (zoom >= 7 || c->is_county_seat)
            draw_label (self, cr, placed, pk_place_display_name (c), x, y, FALSE, 9,
                        below, G_N_ELEMENTS (below));
        }
      }

  if (self->verdict != NULL)
    draw_verdict (self, cr, placed);

  /* county names last: they give way to the cities' symbols and names */
  if (self->counties && zoom >= 6.0)
    for (guint i = 0; i < self->counties->len; i++)
      {
        static const double offsets[] = { 0, -18, 18, -36, 36 };
        PkPlace *c = g_ptr_array_index (self->counties, i);
        double x, y;

        shumate_viewport_location_to_widget_coords (viewport, widget, c->lat, c->lon, &x, &y);
        if (x > -200 && x < width + 200 && y > -50 && y < height + 50)
          draw_label (self, cr, placed, pk_place_display_name (c), x, y, TRUE, zoom < 7 ? 9 : 11,
                      offsets, G_N_ELEMENTS (offsets));
      }

  if (self->offices)
    _pk_feature_layer_draw_offices_on_top (self, cr, viewport, clusters);

  if (self->draft != NULL)
    draw_draft (self, cr, width, height);
  _pk_feature_layer_draw_legend (self, cr, width);
  cairo_destroy (cr);
}

static void
pk_feature_layer_constructed (GObject *object)
{
  PkFeatureLayer *self = PK_FEATURE_LAYER (object);

  G_OBJECT_CLASS (pk_feature_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
pk_feature_layer_finalize (GObject *object)
{
  PkFeatureLayer *self = PK_FEATURE_LAYER (object);

  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  g_clear_pointer (&self->vacant, g_ptr_array_unref);
  for (int l = 0; l < 2; l++)
    for (int st = 0; st < 4; st++)
      g_clear_pointer (&self->sprites[l][st], cairo_surface_destroy);
  g_clear_pointer (&self->cluster_sprites, g_hash_table_unref);
  g_clear_pointer (&self->label_sprites, g_hash_table_unref);
  g_clear_pointer (&self->office_tiles, g_hash_table_unref);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  G_OBJECT_CLASS (pk_feature_layer_parent_class)->finalize (object);
}

static void
pk_feature_layer_class_init (PkFeatureLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pk_feature_layer_constructed;
  object_class->finalize = pk_feature_layer_finalize;
  widget_class->snapshot = pk_feature_layer_snapshot;
}

static void
pk_feature_layer_init (PkFeatureLayer *self)
{
}

PkFeatureLayer *
pk_feature_layer_new (ShumateViewport *viewport)
{
  return g_object_new (PK_TYPE_FEATURE_LAYER, "viewport", viewport, NULL);
}

static GPtrArray *
ref_or_null (GPtrArray *array)
{
  return array ? g_ptr_array_ref (array) : NULL;
}

void
pk_feature_layer_set_data (PkFeatureLayer *self,
                           GPtrArray      *counties,
                           GPtrArray      *cities,
                           GPtrArray      *offices,
                           gboolean        sample)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));

  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  self->counties = ref_or_null (counties);
  self->cities = ref_or_null (cities);
  self->offices = ref_or_null (offices);
  g_clear_pointer (&self->office_merc, g_free);
  _pk_feature_layer_drop_office_tiles (self);
  if (offices != NULL)
    {
      self->office_merc = g_new (double, 2 * offices->len);
      for (guint i = 0; i < offices->len; i++)
        {
          PkOffice *o = g_ptr_array_index (offices, i);

          _pk_feature_layer_mercator (o->lat, o->lon, &self->office_merc[2 * i], &self->office_merc[2 * i + 1]);
        }
    }
  self->sample = sample;
  self->selected_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pk_feature_layer_set_selected_office (PkFeatureLayer *self,
                                      gint64          id)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pk_feature_layer_pick_office:
 *
 * Returns: (transfer none) (nullable): the office drawn nearest to (@x, @y)
 *   within a finger's reach, or %NULL
 */
PkOffice *
pk_feature_layer_pick_office (PkFeatureLayer *self,
                              double          x,
                              double          y)
{
  ShumateViewport *viewport;
  PkOffice *best = NULL;
  double best_d2 = (OFFICE_RADIUS + 6) * (OFFICE_RADIUS + 6);

  g_return_val_if_fail (PK_IS_FEATURE_LAYER (self), NULL);
  if (self->offices == NULL)
    return NULL;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double ox, oy, d2;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), o->lat, o->lon,
                                                  &ox, &oy);
      d2 = (ox - x) * (ox - x) + (oy - y) * (oy - y);
      if (d2 < best_d2)
        {
          best_d2 = d2;
          best = o;
        }
    }
  return best;
}

void
pk_feature_layer_set_verdict (PkFeatureLayer *self,
                              PkSiteVerdict  *verdict)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  if (self->verdict == verdict)
    return;
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  self->verdict = verdict ? pk_site_verdict_ref (verdict) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Takes @vacant (element-type PkGeometry); NULL turns the overlay off. */
void
pk_feature_layer_set_vacancy (PkFeatureLayer *self,
                              GPtrArray      *vacant,
                              PkLicense       license)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  g_clear_pointer (&self->vacant, g_ptr_array_unref);
  self->vacant = vacant;
  self->vacant_license = license;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pk_feature_layer_set_service_areas (PkFeatureLayer *self,
                                    gboolean        on,
                                    PkLicense       license,
                                    double          radius_m)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  self->service_on = on;
  self->service_license = license;
  self->service_radius_m = radius_m;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @rows (element-type PkCountyCoverage): each county shaded by the share of
 * its servable area within reach; NULL turns it off. */
void
pk_feature_layer_set_choropleth (PkFeatureLayer *self,
                                 GPtrArray      *rows)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  g_clear_pointer (&self->choropleth, g_ptr_array_unref);
  self->choropleth = ref_or_null (rows);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pk_feature_layer_set_zones (PkFeatureLayer *self,
                            GPtrArray      *zones,
                            gint64          selected)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  if (zones != self->zones)
    {
      g_clear_pointer (&self->zones, g_ptr_array_unref);
      self->zones = ref_or_null (zones);
    }
  self->selected_zone = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @draft: copied; NULL ends the drawing. */
void
pk_feature_layer_set_draft (PkFeatureLayer *self,
                            const PkZone   *draft,
                            gboolean        with_cursor,
                            double          cursor_lat,
                            double          cursor_lon)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  g_clear_pointer (&self->draft, pk_zone_free);
  self->draft = draft ? pk_zone_copy (draft) : NULL;
  self->draft_cursor = with_cursor;
  self->cursor_lat = cursor_lat;
  self->cursor_lon = cursor_lon;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pk_feature_layer_pick_zone:
 *
 * Returns: the id of the approved zone under (@x, @y), or 0
 */
gint64
pk_feature_layer_pick_zone (PkFeatureLayer *self,
                            double          x,
                            double          y)
{
  ShumateViewport *viewport;
  double lat, lon;

  g_return_val_if_fail (PK_IS_FEATURE_LAYER (self), 0);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), x, y, &lat, &lon);
  for (guint i = 0; self->zones && i < self->zones->len; i++)
    {
      PkZone *z = g_ptr_array_index (self->zones, i);

      if (z->n_points >= 3 && pk_zone_contains (z, lon, lat))
        return z->id;
    }
  return 0;
}
