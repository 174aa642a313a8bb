/* pk-feature-layer-coverage.c: coverage on the map: vacant areas, service areas, the county choropleth
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
        r = _pk_feature_layer_metres_to_pixels (self, o->lat, o->lon, self->service_radius_m);
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
          _pk_feature_layer_trace_geometry (self, cr, c->geometry);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          _pk_feature_layer_choropleth_colour (share, &r, &g, &b);
          cairo_set_source_rgba (cr, r, g, b, 0.45);
          cairo_fill (cr);
        }
    }
}

/* Takes @vacant (element-type PkGeometry); NULL turns the overlay off. */
/* Under everything else: the choropleth of the counties' served share, the
 * service areas, the vacant areas hatched so the basemap shows through. */
void
_pk_feature_layer_draw_coverage (PkFeatureLayer  *self,
                                 cairo_t         *cr,
                                 ShumateViewport *viewport,
                                 int              width,
                                 int              height)
{
  if (self->choropleth != NULL)
    draw_choropleth (self, cr);
  if (self->service_on)
    draw_service_areas (self, cr, viewport, width, height);

  /* vacant areas under everything else, hatched so the basemap shows through */
  if (self->vacant != NULL)
    for (guint i = 0; i < self->vacant->len; i++)
      {
        PkGeometry *g = g_ptr_array_index (self->vacant, i);

        _pk_feature_layer_trace_geometry (self, cr, g);
        cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
        pk_map_style_paint_area (cr, pk_map_area_vacant (self->vacant_license), 1);
      }
}

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
  self->choropleth = rows != NULL ? g_ptr_array_ref (rows) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
