/* pk-planar.h: geometry in metres, through GEOS, in a UTM zone
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "pk-geom.h"

G_BEGIN_DECLS

/**
 * PkPlanar:
 *
 * One thread's workbench for planar geometry: a GEOS context of its own (the
 * reentrant API) and a WGS84 ↔ UTM transform (PROJ, a context of its own), so
 * that several threads work on several counties at once. Not shared between
 * threads; make one per worker.
 */
typedef struct _PkPlanar PkPlanar;

PkPlanar           *pk_planar_new            (void);
void                pk_planar_free           (PkPlanar          *self);
GEOSContextHandle_t pk_planar_get_context    (PkPlanar          *self);
int                 pk_utm_zone_for_lon      (double             lon);
gboolean            pk_planar_set_utm_zone   (PkPlanar          *self,
                                              int                zone,
                                              GError           **error);
void                pk_planar_project        (PkPlanar          *self,
                                              double             lon,
                                              double             lat,
                                              double            *x,
                                              double            *y);
GEOSGeometry       *pk_planar_from_geometry  (PkPlanar          *self,
                                              const PkGeometry  *geometry);
GEOSGeometry       *pk_planar_circle         (PkPlanar          *self,
                                              double             lon,
                                              double             lat,
                                              double             radius_m,
                                              int                quadrant_segments);
PkGeometry         *pk_planar_to_geometry    (PkPlanar          *self,
                                              const GEOSGeometry *geometry);
double              pk_planar_area_km2       (PkPlanar          *self,
                                              const GEOSGeometry *geometry);
gboolean            pk_planar_failed         (PkPlanar          *self,
                                              GError           **error);
void                pk_planar_destroy        (PkPlanar          *self,
                                              GEOSGeometry      *geometry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkPlanar, pk_planar_free)

G_END_DECLS
