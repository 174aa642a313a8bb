/* pk-planar.c: geometry in metres, through GEOS, in a UTM zone
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-planar"

#include "config.h"

#include <math.h>
#include <proj.h>

#include "pk-planar.h"

typedef struct
{
  double  radius_m;
  int     quadrant_segments;
  guint   n_points;
  double *xy;                    /* around (0, 0), closed */
} CircleTemplate;

struct _PkPlanar
{
  GEOSContextHandle_t geos;
  PJ_CONTEXT *proj_context;
  PJ         *to_utm;            /* lon/lat degrees → easting/northing metres */
  int         zone;
  char       *error;             /* GEOS's first complaint since the last check */
  GArray     *circles;           /* CircleTemplate: each radius buffered once */
};

static void
on_geos_error (const char *message,
               void       *data)
{
  PkPlanar *self = data;

  if (self->error == NULL)
    self->error = g_strdup (message);
}

PkPlanar *
pk_planar_new (void)
{
  PkPlanar *self = g_new0 (PkPlanar, 1);

  self->geos = GEOS_init_r ();
  GEOSContext_setErrorMessageHandler_r (self->geos, on_geos_error, self);
  self->proj_context = proj_context_create ();
  proj_log_level (self->proj_context, PJ_LOG_NONE);
  self->circles = g_array_new (FALSE, FALSE, sizeof (CircleTemplate));
  return self;
}

void
pk_planar_free (PkPlanar *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->circles->len; i++)
    g_free (g_array_index (self->circles, CircleTemplate, i).xy);
  g_array_unref (self->circles);
  g_clear_pointer (&self->to_utm, proj_destroy);
  proj_context_destroy (self->proj_context);
  GEOS_finish_r (self->geos);
  g_free (self->error);
  g_free (self);
}

GEOSContextHandle_t
pk_planar_get_context (PkPlanar *self)
{
  return self->geos;
}

/* The UTM zone (northern) of a longitude. */
int
pk_utm_zone_for_lon (double lon)
{
  return CLAMP ((int) floor ((lon + 180) / 6) + 1, 1, 60);
}

/* Areas, buffers and distances from here on are in metres of UTM @zone (WGS84,
 * north): the projection SpatiaLite's EPSG:326xx names, without a database. */
gboolean
pk_planar_set_utm_zone (PkPlanar  *self,
                        int        zone,
                        GError   **error)
{
  g_autofree char *definition = NULL;

  if (zone == self->zone && self->to_utm != NULL)
    return TRUE;
  g_clear_pointer (&self->to_utm, proj_destroy);
  definition = g_strdup_printf ("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad"
                                " +step +proj=utm +zone=%d +ellps=WGS84", zone);
  self->to_utm = proj_create (self->proj_context, definition);
  if (self->to_utm == NULL)
    {
      g_set_error (error, PK_GEOM_ERROR, PK_GEOM_ERROR_INVALID,
                   "No projection for UTM zone %d: %s", zone,
                   proj_context_errno_string (self->proj_context, proj_context_errno (self->proj_context)));
      return FALSE;
    }
  self->zone = zone;
  return TRUE;
}

static void
transform (PkPlanar  *self,
           PJ_DIRECTION direction,
           double    *xy,
           gsize      n_points)
{
  proj_trans_generic (self->to_utm, direction,
                      xy, 2 * sizeof (double), n_points,
                      xy + 1, 2 * sizeof (double), n_points,
                      NULL, 0, 0, NULL, 0, 0);
}

void
pk_planar_project (PkPlanar *self,
                   double    lon,
                   double    lat,
                   double   *x,
                   double   *y)
{
  double xy[2] = { lon, lat };

  transform (self, PJ_FWD, xy, 1);
  *x = xy[0];
  *y = xy[1];
}

static GEOSGeometry *
ring_from_xy (PkPlanar     *self,
              const double *xy,
              guint         n_points)
{
  GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r (self->geos, xy, n_points, 0, 0);

  return seq != NULL ? GEOSGeom_createLinearRing_r (self->geos, seq) : NULL;
}

/* @geometry projected into the zone: a GEOS MultiPolygon (rings of fewer than
 * four points, which GEOS refuses, left out), or NULL when GEOS failed. */
GEOSGeometry *
pk_planar_from_geometry (PkPlanar         *self,
                         const PkGeometry *geometry)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GEOSGeometry *out;

  g_return_val_if_fail (self->to_utm != NULL, NULL);
  for (guint i = 0; i < geometry->n_polygons; i++)
    {
      const PkPolygon *poly = &geometry->polygons[i];
      g_autoptr(GPtrArray) holes = g_ptr_array_new ();
      GEOSGeometry *shell = NULL;

      for (guint r = 0; r < poly->n_rings; r++)
        {
          const PkRing *ring = &poly->rings[r];
          g_autofree double *xy = NULL;
          GEOSGeometry *g;

          if (ring->n_points < 4)
            {
              if (r == 0)
                break;
              continue;
            }
          xy = g_memdup2 (ring->xy, 2 * sizeof (double) * ring->n_points);
          transform (self, PJ_FWD, xy, ring->n_points);
          if ((g = ring_from_xy (self, xy, ring->n_points)) == NULL)
            continue;
          if (r == 0)
            shell = g;
          else
            g_ptr_array_add (holes, g);
        }
      if (shell != NULL)
        g_ptr_array_add (parts, GEOSGeom_createPolygon_r (self->geos, shell, (GEOSGeometry **) holes->pdata,
                                                          holes->len));
      else
        for (guint h = 0; h < holes->len; h++)
          GEOSGeom_destroy_r (self->geos, g_ptr_array_index (holes, h));
    }
  out = GEOSGeom_createCollection_r (self->geos, GEOS_MULTIPOLYGON, (GEOSGeometry **) parts->pdata,
                                     parts->len);
  return out;
}

/* A circle of @radius_m around the point, as GEOS buffers a point with
 * @quadrant_segments per quarter; the shape is made once per radius and moved. */
GEOSGeometry *
pk_planar_circle (PkPlanar *self,
                  double    lon,
                  double    lat,
                  double    radius_m,
                  int       quadrant_segments)
{
  CircleTemplate *t = NULL;
  g_autofree double *xy = NULL;
  double cx, cy;
  GEOSGeometry *ring;

  for (guint i = 0; i < self->circles->len && t == NULL; i++)
    {
      CircleTemplate *c = &g_array_index (self->circles, CircleTemplate, i);

      if (c->radius_m == radius_m && c->quadrant_segments == quadrant_segments)
        t = c;
    }
  if (t == NULL)
    {
      GEOSGeometry *origin = GEOSGeom_createPointFromXY_r (self->geos, 0, 0);
      GEOSGeometry *disk = GEOSBuffer_r (self->geos, origin, radius_m, quadrant_segments);
      const GEOSCoordSequence *seq;
      CircleTemplate c = { radius_m, quadrant_segments, 0, NULL };

      GEOSGeom_destroy_r (self->geos, origin);
      if (disk == NULL)
        return NULL;
      seq = GEOSGeom_getCoordSeq_r (self->geos, GEOSGetExteriorRing_r (self->geos, disk));
      GEOSCoordSeq_getSize_r (self->geos, seq, &c.n_points);
      c.xy = g_new (double, 2 * (gsize) c.n_points);
      GEOSCoordSeq_copyToBuffer_r (self->geos, seq, c.xy, 0, 0);
      GEOSGeom_destroy_r (self->geos, disk);
      g_array_append_val (self->circles, c);
      t = &g_array_index (self->circles, CircleTemplate, self->circles->len - 1);
    }

  pk_planar_project (self, lon, lat, &cx, &cy);
  xy = g_new (double, 2 * (gsize) t->n_points);
  for (guint k = 0; k < t->n_points; k++)
    {
      xy[2 * k] = t->xy[2 * k] + cx;
      xy[2 * k + 1] = t->xy[2 * k + 1] + cy;
    }
  if ((ring = ring_from_xy (self, xy, t->n_points)) == NULL)
    return NULL;
  return GEOSGeom_createPolygon_r (self->geos, ring, NULL, 0);
}

static void
ring_to_pk (PkPlanar           *self,
            const GEOSGeometry *ring,
            PkRing             *out)
{
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (self->geos, ring);
  unsigned int n = 0;

  GEOSCoordSeq_getSize_r (self->geos, seq, &n);
  out->n_points = n;
  out->xy = g_new (double, 2 * (gsize) MAX (n, 1));
  GEOSCoordSeq_copyToBuffer_r (self->geos, seq, out->xy, 0, 0);
  transform (self, PJ_INV, out->xy, n);
}

static void
collect_polygons (PkPlanar           *self,
                  const GEOSGeometry *g,
                  GArray             *polygons)
{
  int type = GEOSGeomTypeId_r (self->geos, g);

  if (type == GEOS_POLYGON && !GEOSisEmpty_r (self->geos, g))
    {
      PkPolygon poly = { 0 };
      int n_holes = GEOSGetNumInteriorRings_r (self->geos, g);

      poly.n_rings = 1 + MAX (n_holes, 0);
      poly.rings = g_new0 (PkRing, poly.n_rings);
      ring_to_pk (self, GEOSGetExteriorRing_r (self->geos, g), &poly.rings[0]);
      for (int h = 0; h < n_holes; h++)
        ring_to_pk (self, GEOSGetInteriorRingN_r (self->geos, g, h), &poly.rings[1 + h]);
      g_array_append_val (polygons, poly);
    }
  else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (self->geos, g);

      for (int i = 0; i < n; i++)
        collect_polygons (self, GEOSGetGeometryN_r (self->geos, g, i), polygons);
    }
  /* lines and points left by an intersection have no area: dropped */
}

/* The polygons of @geometry back in WGS84, or NULL when it has none. */
PkGeometry *
pk_planar_to_geometry (PkPlanar           *self,
                       const GEOSGeometry *geometry)
{
  GArray *polygons = g_array_new (FALSE, FALSE, sizeof (PkPolygon));
  guint n;

  collect_polygons (self, geometry, polygons);
  n = polygons->len;
  if (n == 0)
    {
      g_array_unref (polygons);
      return NULL;
    }
  return pk_geometry_new_take_polygons ((PkPolygon *) g_array_free (polygons, FALSE), n);
}

double
pk_planar_area_km2 (PkPlanar           *self,
                    const GEOSGeometry *geometry)
{
  double area = 0;

  if (geometry == NULL || !GEOSArea_r (self->geos, geometry, &area))
    return 0;
  return area / 1e6;
}

/* Whether GEOS complained since the last call, with what it said in @error. */
gboolean
pk_planar_failed (PkPlanar  *self,
                  GError   **error)
{
  if (self->error == NULL)
    return FALSE;
  g_set_error (error, PK_GEOM_ERROR, PK_GEOM_ERROR_INVALID, "Geometry failed: %s", self->error);
  g_clear_pointer (&self->error, g_free);
  return TRUE;
}

void
pk_planar_destroy (PkPlanar     *self,
                   GEOSGeometry *geometry)
{
  if (geometry != NULL)
    GEOSGeom_destroy_r (self->geos, geometry);
}
