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
gboolean
_pk_feature_layer_draw_label (PkFeatureLayer *self,
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


void
_pk_feature_layer_trace_geometry (PkFeatureLayer   *self,
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
double
_pk_feature_layer_metres_to_pixels (PkFeatureLayer *self,
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

  _pk_feature_layer_draw_coverage (self, cr, viewport, width, height);

  _pk_feature_layer_draw_zones (self, cr, placed);

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
            _pk_feature_layer_draw_label (self, cr, placed, pk_place_display_name (c), x, y, FALSE, 9,
                        below, G_N_ELEMENTS (below));
        }
      }

  if (self->verdict != NULL)
    _pk_feature_layer_draw_verdict (self, cr, placed);
  if (self->marks->len > 0)
    _pk_feature_layer_draw_marks (self, cr, placed);

  /* county names last: they give way to the cities' symbols and names */
  if (self->counties && zoom >= 6.0)
    for (guint i = 0; i < self->counties->len; i++)
      {
        static const double offsets[] = { 0, -18, 18, -36, 36 };
        PkPlace *c = g_ptr_array_index (self->counties, i);
        double x, y;

        shumate_viewport_location_to_widget_coords (viewport, widget, c->lat, c->lon, &x, &y);
        if (x > -200 && x < width + 200 && y > -50 && y < height + 50)
          _pk_feature_layer_draw_label (self, cr, placed, pk_place_display_name (c), x, y, TRUE, zoom < 7 ? 9 : 11,
                      offsets, G_N_ELEMENTS (offsets));
      }

  if (self->offices)
    _pk_feature_layer_draw_offices_on_top (self, cr, viewport, clusters);

  if (self->draft != NULL)
    _pk_feature_layer_draw_draft (self, cr, width, height);
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
  g_clear_pointer (&self->marks, g_array_unref);
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
  self->marks = g_array_new (FALSE, FALSE, sizeof (PkMapMark));
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
  pk_feature_layer_offices_changed (self);
  self->sample = sample;
  self->selected_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pk_feature_layer_offices_changed:
 *
 * The offices array given to pk_feature_layer_set_data() changed in place
 * (an office edited, added or removed): their positions are taken again and
 * the tiles drawn anew at the next frame, once however many changed; nothing
 * else is reset.
 */
void
pk_feature_layer_offices_changed (PkFeatureLayer *self)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  g_clear_pointer (&self->office_merc, g_free);
  _pk_feature_layer_drop_office_tiles (self);
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

/* Marks to draw over the map (copied); an empty array or NULL clears them. */
void
pk_feature_layer_set_marks (PkFeatureLayer *self,
                            GArray         *marks)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  g_array_set_size (self->marks, 0);
  if (marks != NULL)
    g_array_append_vals (self->marks, marks->data, marks->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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






