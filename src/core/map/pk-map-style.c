/* pk-map-style.c: one look for the map, on screen and in the printed map
 *
 * The window's map and the applicant map PDF draw offices and shaded areas
 * with these functions, so that a symbol means the same in both and the
 * legends agree with what they explain.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pk-map-style.h"

typedef struct
{
  double fill[4];
  double line[4];
  double line_width;      /* px on screen */
  double dash;            /* px, 0 for a solid line */
} AreaStyle;

static const AreaStyle areas[] = {
  [PK_MAP_AREA_VACANT_URBAN]  = { { 0.55, 0.15, 0.75, 0.38 }, { 0.45, 0.10, 0.55, 0.60 }, 1.0 },
  [PK_MAP_AREA_VACANT_RURAL]  = { { 0.85, 0.25, 0.15, 0.30 }, { 0.60, 0.10, 0.10, 0.60 }, 1.0 },
  [PK_MAP_AREA_SERVICE_URBAN] = { { 0.10, 0.45, 0.85, 0.22 }, { 0.10, 0.30, 0.50, 0.50 }, 0.8 },
  [PK_MAP_AREA_SERVICE_RURAL] = { { 0.15, 0.60, 0.25, 0.22 }, { 0.10, 0.30, 0.50, 0.50 }, 0.8 },
  [PK_MAP_AREA_ZONE]          = { { 0.05, 0.45, 0.75, 0.22 }, { 0.05, 0.35, 0.65, 1.00 }, 2.0 },
  [PK_MAP_AREA_ZONE_SELECTED] = { { 0.05, 0.45, 0.75, 0.35 }, { 0.90, 0.38, 0.00, 1.00 }, 3.0 },
  [PK_MAP_AREA_SITE_SERVICE]  = { { 0.90, 0.38, 0.00, 0.12 }, { 0.90, 0.38, 0.00, 0.90 }, 1.5 },
  [PK_MAP_AREA_SITE_SPACING]  = { { 0, 0, 0, 0 },             { 0.75, 0.10, 0.10, 0.90 }, 1.5, 5 },
};

PkMapArea
pk_map_area_vacant (PkLicense license)
{
  return license == PK_LICENSE_RURAL ? PK_MAP_AREA_VACANT_RURAL : PK_MAP_AREA_VACANT_URBAN;
}

PkMapArea
pk_map_area_service (PkLicense license)
{
  return license == PK_LICENSE_RURAL ? PK_MAP_AREA_SERVICE_RURAL : PK_MAP_AREA_SERVICE_URBAN;
}

/**
 * pk_map_style_paint_area:
 * @line_scale: multiplies the outline's width (1 on screen; a printed map
 *   drawn at another scale passes what keeps the line as wide on paper)
 *
 * Fills the current path as @area and outlines it; the path is consumed.
 * The fill rule is the caller's (even-odd for areas with holes).
 */
void
pk_map_style_paint_area (cairo_t   *cr,
                         PkMapArea  area,
                         double     line_scale)
{
  const AreaStyle *s = &areas[area];

  if (s->fill[3] > 0)
    {
      cairo_set_source_rgba (cr, s->fill[0], s->fill[1], s->fill[2], s->fill[3]);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgba (cr, s->line[0], s->line[1], s->line[2], s->line[3]);
  cairo_set_line_width (cr, s->line_width * line_scale);
  if (s->dash > 0)
    cairo_set_dash (cr, (double[]) { s->dash * line_scale, 0.7 * s->dash * line_scale }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The site being checked: a red pin-head with a white rim, over the rest. */
void
pk_map_style_draw_site (cairo_t *cr,
                        double   x,
                        double   y,
                        double   radius)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, radius / 3);
  cairo_stroke (cr);
}

/**
 * pk_map_style_draw_office:
 * @radius: the disc's radius; the diamond is a quarter larger, the outline
 *   and the selection ring scale with it
 *
 * Two clearly different symbols (LT-1): urban Pishkhan a blue disc, rural
 * ICT a green diamond. A planned office (not yet serving) is hollow, a
 * suspended one grey; the selected office is larger, with an orange ring.
 */
void
pk_map_style_draw_office (cairo_t   *cr,
                          double     x,
                          double     y,
                          double     radius,
                          PkLicense  license,
                          PkStatus   status,
                          gboolean   selected)
{
  double r = radius * (selected ? 1.5 : 1.0);
  double k = radius / 6.0;                 /* line widths were chosen at 6 px */
  double fr, fg, fb;

  cairo_new_path (cr);
  if (license == PK_LICENSE_URBAN)
    {
      fr = 0.11; fg = 0.39; fb = 0.85;          /* blue */
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
    }
  else
    {
      fr = 0.15; fg = 0.60; fb = 0.25;          /* green */
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
    }
  if (status == PK_STATUS_SUSPENDED)
    fr = fg = fb = 0.55;

  if (status == PK_STATUS_PLANNED)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, fr, fg, fb);
      cairo_set_line_width (cr, 2.5 * k);
    }
  else
    {
      cairo_set_source_rgb (cr, fr, fg, fb);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5 * k);
    }
  cairo_stroke (cr);
  if (selected)
    {
      cairo_arc (cr, x, y, r + 4 * k, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.90, 0.38, 0.0);
      cairo_set_line_width (cr, 2.5 * k);
      cairo_stroke (cr);
    }
}
