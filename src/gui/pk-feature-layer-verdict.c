/* pk-feature-layer-verdict.c: the checked site on the map: its county, urban area, circles and nearest offices
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

/* The urban area the site fell in or near: the city's limits when imported,
 * else the dashed circle that stands for them, named as approximate. */
static void
draw_urban_area (PkFeatureLayer      *self,
                 cairo_t             *cr,
                 GArray              *placed,
                 const PkSiteVerdict *v)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  PkPlace *city = NULL;

  for (guint i = 0; self->cities && i < self->cities->len; i++)
    if (((PkPlace *) g_ptr_array_index (self->cities, i))->id == v->urban_city->id)
      city = g_ptr_array_index (self->cities, i);
  if (v->basis == PK_BASIS_POLYGON && city && city->geometry)
    {
      _pk_feature_layer_trace_geometry (self, cr, city->geometry);
      cairo_set_source_rgba (cr, 0.45, 0.2, 0.6, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    {
      double cx, cy, r;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  v->urban_city->lat, v->urban_city->lon,
                                                  &cx, &cy);
      r = _pk_feature_layer_metres_to_pixels (self, v->urban_city->lat, v->urban_city->lon,
                                                     v->urban_radius_m);

      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_set_dash (cr, (double[]) { 8, 5 }, 2, 0);
      {
        static const double above[] = { 0 };
        g_autofree char *label = g_strdup_printf (_("%s urban area (approximate)"),
                                                  pk_place_display_name (v->urban_city));

        cairo_set_source_rgba (cr, 0.45, 0.2, 0.6, 0.9);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        _pk_feature_layer_draw_label (self, cr, placed, label, cx, cy - r - 10, FALSE, 9, above, 1);
      }
    }
}

/* The checked site: its county and urban area outlined, the spacing and
 * service circles, and lines to the nearest offices with their distances. */
void
_pk_feature_layer_draw_verdict (PkFeatureLayer *self,
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
      _pk_feature_layer_trace_geometry (self, cr, c->geometry);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.07);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.9);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }

  if (v->urban_city != NULL)
    draw_urban_area (self, cr, placed, v);

  /* the service circle (SR-6), then the spacing circle (SR-3), dashed */
  cairo_new_path (cr);
  cairo_arc (cr, sx, sy, _pk_feature_layer_metres_to_pixels (self, v->query.lat, v->query.lon,
                                                             v->service_radius_m), 0, 2 * G_PI);
  pk_map_style_paint_area (cr, PK_MAP_AREA_SITE_SERVICE, 1);
  cairo_arc (cr, sx, sy, _pk_feature_layer_metres_to_pixels (self, v->query.lat, v->query.lon,
                                                             v->min_spacing_m), 0, 2 * G_PI);
  pk_map_style_paint_area (cr, PK_MAP_AREA_SITE_SPACING, 1);

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
      _pk_feature_layer_draw_label (self, cr, placed, text, (sx + x) / 2, (sy + y) / 2, TRUE, 8.5, mid,
                  G_N_ELEMENTS (mid));
    }

  pk_map_style_draw_site (cr, sx, sy, 8);
}
