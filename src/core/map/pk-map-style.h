/* pk-map-style.h: one look for the map, on screen and in the printed map
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "pk-office.h"

G_BEGIN_DECLS

/* The kinds of area the map shades. */
typedef enum
{
  PK_MAP_AREA_VACANT_URBAN,    /* PA-3: no urban Pishkhan in reach */
  PK_MAP_AREA_VACANT_RURAL,    /* PA-3: no rural ICT office in reach */
  PK_MAP_AREA_SERVICE_URBAN,   /* within the service radius of a serving urban office */
  PK_MAP_AREA_SERVICE_RURAL,
  PK_MAP_AREA_ZONE,            /* an approved zone for new offices */
  PK_MAP_AREA_ZONE_SELECTED,
  PK_MAP_AREA_SITE_SERVICE,    /* a checked site's service radius (SR-6) */
  PK_MAP_AREA_SITE_SPACING,    /* … and its minimum spacing (SR-3): a dashed ring */
} PkMapArea;

PkMapArea pk_map_area_vacant       (PkLicense  license);
PkMapArea pk_map_area_service      (PkLicense  license);
void      pk_map_style_paint_area  (cairo_t   *cr,
                                    PkMapArea  area,
                                    double     line_scale);
void      pk_map_style_draw_site   (cairo_t   *cr,
                                    double     x,
                                    double     y,
                                    double     radius);
void      pk_map_style_draw_office (cairo_t   *cr,
                                    double     x,
                                    double     y,
                                    double     radius,
                                    PkLicense  license,
                                    PkStatus   status,
                                    gboolean   selected);

G_END_DECLS
