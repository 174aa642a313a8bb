/* pk-geom.h: in-memory polygons, point-in-polygon and geodesic distances
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  double min_x, min_y, max_x, max_y;   /* lon/lat degrees */
} PkBBox;

typedef struct
{
  guint   n_points;
  double *xy;                          /* lon, lat pairs; closed (first == last) */
  /* point-in-polygon index: the edges crossing each of n_bands horizontal bands */
  guint   n_bands;
  double  min_y, band_h;
  guint  *band_start;                  /* n_bands + 1 offsets into band_edges */
  guint  *band_edges;
} PkRing;

typedef struct
{
  guint   n_rings;                     /* ring 0 is the shell, the rest are holes */
  PkRing *rings;
  PkBBox  bbox;
} PkPolygon;

/**
 * PkGeometry:
 *
 * An immutable, reference-counted MultiPolygon in WGS84 (lon/lat), parsed once
 * from the workspace so that hot tests (point in county) never re-read a blob.
 */
typedef struct _PkGeometry PkGeometry;

struct _PkGeometry
{
  gint       ref_count;
  guint      n_polygons;
  PkPolygon *polygons;
  PkBBox     bbox;
  double     area_deg2;          /* computed once: county lookups compare it per check */
};

#define PK_TYPE_GEOMETRY (pk_geometry_get_type ())
GType       pk_geometry_get_type        (void) G_GNUC_CONST;
PkGeometry *pk_geometry_new_from_wkb    (const guint8 *wkb,
                                         gsize         len,
                                         GError      **error);
PkGeometry *pk_geometry_new_take_polygons (PkPolygon *polygons,
                                           guint      n_polygons);
PkGeometry *pk_geometry_ref             (PkGeometry   *self);
void        pk_geometry_unref           (PkGeometry   *self);
gboolean    pk_geometry_contains        (const PkGeometry *self,
                                         double        lon,
                                         double        lat);
void        pk_geometry_label_point     (const PkGeometry *self,
                                         double       *lon,
                                         double       *lat);
double      pk_geometry_area_deg2       (const PkGeometry *self);
char       *pk_geometry_to_geojson      (const PkGeometry *self,
                                         int           decimals);
gboolean    pk_polygon_contains         (const PkPolygon  *poly,
                                         double        lon,
                                         double        lat,
                                         gboolean      shell_only);
double      pk_polygon_geodesic_area_m2 (const PkPolygon  *poly);

PkBBox      pk_bbox_around_circle       (double        lon,
                                         double        lat,
                                         double        radius_m);
gboolean    pk_bbox_contains            (const PkBBox *bbox,
                                         double        x,
                                         double        y);

struct geod_geodesic;
const struct geod_geodesic *pk_geod_wgs84 (void);
double      pk_geodesic_distance        (double        lat1,
                                         double        lon1,
                                         double        lat2,
                                         double        lon2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkGeometry, pk_geometry_unref)

#define PK_GEOM_ERROR (pk_geom_error_quark ())
GQuark pk_geom_error_quark (void);

typedef enum
{
  PK_GEOM_ERROR_INVALID,
} PkGeomError;

G_END_DECLS
