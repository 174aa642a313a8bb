/* pk-feature-layer-zones.c: approved zones on the map, and the zone being drawn
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

void
_pk_feature_layer_draw_zones (PkFeatureLayer *self,
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
      _pk_feature_layer_draw_label (self, cr, placed, localized, cx, cy, TRUE, 9, at, G_N_ELEMENTS (at));
    }
}

/* The zone being drawn: its corners, its edges, and a dashed edge on to the
 * pointer (or the crosshair at the centre when drawing with the keyboard). */
void
_pk_feature_layer_draw_draft (PkFeatureLayer *self,
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

void
pk_feature_layer_set_zones (PkFeatureLayer *self,
                            GPtrArray      *zones,
                            gint64          selected)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  if (zones != self->zones)
    {
      g_clear_pointer (&self->zones, g_ptr_array_unref);
      self->zones = zones != NULL ? g_ptr_array_ref (zones) : NULL;
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
