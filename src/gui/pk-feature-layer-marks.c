/* pk-feature-layer-marks.c: marked places — the site visits on an
 * inspector's map, each a pin with its number; the one chosen drawn larger,
 * with the position the inspector found and a line to it
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-feature-layer"

#include "config.h"

#include <math.h>

#include "pk-feature-layer-private.h"

static void
pin_colour (PkMapMarkKind kind,
            double       *r,
            double       *g,
            double       *b)
{
  switch (kind)
    {
    case PK_MAP_MARK_DONE:
      *r = 0.15, *g = 0.55, *b = 0.25;
      break;
    case PK_MAP_MARK_FAILED:
      *r = 0.80, *g = 0.15, *b = 0.10;
      break;
    case PK_MAP_MARK_OBSERVED:
      *r = 0.95, *g = 0.45, *b = 0.05;
      break;
    case PK_MAP_MARK_OPEN:
    default:
      *r = 0.10, *g = 0.37, *b = 0.80;
      break;
    }
}

void
_pk_feature_layer_draw_marks (PkFeatureLayer *self,
                              cairo_t        *cr,
                              GArray         *placed)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  static const double below[] = { 16, -18 };

  /* the line from a visit's declared site to where the premises were found */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const PkMapMark *m = &g_array_index (self->marks, PkMapMark, i);
      double x0, y0, x1, y1;

      if (m->kind != PK_MAP_MARK_OBSERVED || i == 0)
        continue;
      const PkMapMark *from = &g_array_index (self->marks, PkMapMark, i - 1);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), from->lat, from->lon, &x0, &y0);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), m->lat, m->lon, &x1, &y1);
      cairo_set_source_rgba (cr, 0.3, 0.3, 0.3, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const PkMapMark *m = &g_array_index (self->marks, PkMapMark, i);
      double x, y, r, g, b, size = m->chosen ? 11 : 8;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), m->lat, m->lon, &x, &y);
      pin_colour (m->kind, &r, &g, &b);
      cairo_new_path (cr);
      if (m->kind == PK_MAP_MARK_OBSERVED)
        cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      else
        {
          /* a pin: a round head above its point */
          cairo_move_to (cr, x, y);
          cairo_arc (cr, x, y - size * 1.4, size, G_PI * 0.8, G_PI * 2.2);
          cairo_close_path (cr);
        }
      cairo_set_source_rgb (cr, r, g, b);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, m->chosen ? 2.5 : 1.5);
      cairo_stroke (cr);
      if (m->label[0] != '\0')
        _pk_feature_layer_draw_label (self, cr, placed, m->label, x, y, m->chosen, m->chosen ? 10 : 9, below,
                                      G_N_ELEMENTS (below));
    }
}
