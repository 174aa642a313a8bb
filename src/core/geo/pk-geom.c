/* pk-geom.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-geom"

#include "config.h"

#include <geodesic.h>
#include <math.h>
#include <string.h>

#include "pk-geom.h"

G_DEFINE_QUARK (pk-geom-error-quark, pk_geom_error)
G_DEFINE_BOXED_TYPE (PkGeometry, pk_geometry, pk_geometry_ref, pk_geometry_unref)

/* A tiny WKB reader: just enough for (Multi)Polygon, 2D, either byte order. */
typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      little;
} WkbReader;

static gboolean
read_u32 (WkbReader *r,
          guint32   *out)
{
  guint32 v;

  if (r->end - r->p < 4)
    return FALSE;
  memcpy (&v, r->p, 4);
  r->p += 4;
  *out = r->little ? GUINT32_FROM_LE (v) : GUINT32_FROM_BE (v);
  return TRUE;
}

static gboolean
read_double (WkbReader *r,
             double    *out)
{
  guint64 v;

  if (r->end - r->p < 8)
    return FALSE;
  memcpy (&v, r->p, 8);
  r->p += 8;
  v = r->little ? GUINT64_FROM_LE (v) : GUINT64_FROM_BE (v);
  memcpy (out, &v, 8);
  return TRUE;
}

static gboolean
read_header (WkbReader *r,
             guint32   *type)
{
  if (r->p >= r->end)
    return FALSE;
  r->little = (*r->p++ == 1);
  return read_u32 (r, type);
}

static gboolean
read_polygon_body (WkbReader *r,
                   PkPolygon *poly)
{
  guint32 n_rings;

  if (!read_u32 (r, &n_rings) || n_rings > (guint32) (r->end - r->p) / 4)
    return FALSE;
  poly->n_rings = n_rings;
  poly->rings = g_new0 (PkRing, n_rings);
  for (guint i = 0; i < n_rings; i++)
    {
      guint32 n_pts;

      if (!read_u32 (r, &n_pts) || n_pts > (guint32) (r->end - r->p) / 16)
        return FALSE;
      poly->rings[i].n_points = n_pts;
      poly->rings[i].xy = g_new (double, 2 * (gsize) n_pts);
      for (guint j = 0; j < 2 * n_pts; j++)
        if (!read_double (r, &poly->rings[i].xy[j]))
          return FALSE;
    }
  return TRUE;
}

/* Splits the ring's height into bands of about eight edges' worth and lists
 * the edges crossing each: a point then meets only its band's edges, so a
 * test against a province of 18,000 vertices costs tens of edges, not all. */
static void
index_ring (PkRing *ring)
{
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  g_autofree guint *counts = NULL;

  if (ring->n_points < 2)
    return;
  for (guint j = 0; j < ring->n_points; j++)
    {
      min_y = MIN (min_y, ring->xy[2 * j + 1]);
      max_y = MAX (max_y, ring->xy[2 * j + 1]);
    }
  ring->n_bands = MAX (1, ring->n_points / 8);
  ring->min_y = min_y;
  ring->band_h = MAX ((max_y - min_y) / ring->n_bands, 1e-12);
  counts = g_new0 (guint, ring->n_bands + 1);
  ring->band_start = g_new0 (guint, ring->n_bands + 1);

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (guint b = 0; b < ring->n_bands; b++)
            ring->band_start[b + 1] = ring->band_start[b] + counts[b];
          ring->band_edges = g_new (guint, MAX (ring->band_start[ring->n_bands], 1));
          memset (counts, 0, sizeof (guint) * (ring->n_bands + 1));
        }
      for (guint i = 0; i + 1 < ring->n_points; i++)
        {
          double y0 = ring->xy[2 * i + 1], y1 = ring->xy[2 * i + 3];
          guint b0 = MIN ((guint) ((MIN (y0, y1) - min_y) / ring->band_h), ring->n_bands - 1);
          guint b1 = MIN ((guint) ((MAX (y0, y1) - min_y) / ring->band_h), ring->n_bands - 1);

          for (guint b = b0; b <= b1; b++)
            {
              if (pass == 1)
                ring->band_edges[ring->band_start[b] + counts[b]] = i;
              counts[b]++;
            }
        }
    }
}

static void
compute_bbox (PkGeometry *self)
{
  PkBBox b = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint i = 0; i < self->n_polygons; i++)
    {
      PkPolygon *poly = &self->polygons[i];
      PkBBox pb = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
      const PkRing *shell;

      for (guint r = 0; r < poly->n_rings; r++)
        index_ring (&poly->rings[r]);
      if (poly->n_rings == 0)
        {
          poly->bbox = pb;
          continue;
        }
      shell = &poly->rings[0];
      for (guint j = 0; j < shell->n_points; j++)
        {
          pb.min_x = MIN (pb.min_x, shell->xy[2 * j]);
          pb.max_x = MAX (pb.max_x, shell->xy[2 * j]);
          pb.min_y = MIN (pb.min_y, shell->xy[2 * j + 1]);
          pb.max_y = MAX (pb.max_y, shell->xy[2 * j + 1]);
        }
      poly->bbox = pb;
      b.min_x = MIN (b.min_x, pb.min_x);
      b.max_x = MAX (b.max_x, pb.max_x);
      b.min_y = MIN (b.min_y, pb.min_y);
      b.max_y = MAX (b.max_y, pb.max_y);
    }
  self->bbox = b;
}

static double compute_area (const PkGeometry *self);

/**
 * pk_geometry_new_from_wkb:
 * @wkb: well-known binary of a Polygon or MultiPolygon (as SpatiaLite's AsBinary() gives)
 *
 * Returns: (transfer full): the geometry, or %NULL with @error set
 */
PkGeometry *
pk_geometry_new_from_wkb (const guint8 *wkb,
                          gsize         len,
                          GError      **error)
{
  g_autoptr(PkGeometry) self = g_new0 (PkGeometry, 1);
  WkbReader r = { wkb, wkb + len, TRUE };
  guint32 type;
  gboolean ok = FALSE;

  self->ref_count = 1;
  if (wkb != NULL && read_header (&r, &type))
    {
      type %= 1000;                           /* tolerate ISO Z/M codes we then ignore */
      if (type == 3)
        {
          self->n_polygons = 1;
          self->polygons = g_new0 (PkPolygon, 1);
          ok = read_polygon_body (&r, &self->polygons[0]);
        }
      else if (type == 6)
        {
          guint32 n;

          ok = read_u32 (&r, &n) && n <= (guint32) (r.end - r.p) / 9;
          if (ok)
            {
              self->n_polygons = n;
              self->polygons = g_new0 (PkPolygon, n);
            }
          for (guint i = 0; ok && i < n; i++)
            ok = read_header (&r, &type) && type % 1000 == 3 &&
                 read_polygon_body (&r, &self->polygons[i]);
        }
    }

  if (!ok)
    {
      g_set_error (error, PK_GEOM_ERROR, PK_GEOM_ERROR_INVALID,
                   "Not a valid polygon geometry");
      return NULL;
    }
  compute_bbox (self);
  self->area_deg2 = compute_area (self);
  return g_steal_pointer (&self);
}

/**
 * pk_geometry_new_take_polygons:
 * @polygons: (transfer full) (array length=n_polygons): polygons whose rings
 *   have their points (closed, lon/lat) and nothing else filled in
 *
 * A geometry built in memory, as the planar operations give it back.
 *
 * Returns: (transfer full): the geometry, indexed like one read from WKB
 */
PkGeometry *
pk_geometry_new_take_polygons (PkPolygon *polygons,
                               guint      n_polygons)
{
  PkGeometry *self = g_new0 (PkGeometry, 1);

  self->ref_count = 1;
  self->n_polygons = n_polygons;
  self->polygons = polygons;
  compute_bbox (self);
  self->area_deg2 = compute_area (self);
  return self;
}

/* A GeoJSON MultiPolygon of @self, coordinates with @decimals digits. */
char *
pk_geometry_to_geojson (const PkGeometry *self,
                        int               decimals)
{
  GString *out = g_string_new ("{\"type\":\"MultiPolygon\",\"coordinates\":[");
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 15));
  for (guint i = 0; i < self->n_polygons; i++)
    {
      g_string_append (out, i ? ",[" : "[");
      for (guint r = 0; r < self->polygons[i].n_rings; r++)
        {
          const PkRing *ring = &self->polygons[i].rings[r];

          g_string_append (out, r ? ",[" : "[");
          for (guint k = 0; k < ring->n_points; k++)
            g_string_append_printf (out, "%s[%s,%s]", k ? "," : "",
                                    g_ascii_formatd (x, sizeof x, format, ring->xy[2 * k]),
                                    g_ascii_formatd (y, sizeof y, format, ring->xy[2 * k + 1]));
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

PkGeometry *
pk_geometry_ref (PkGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
pk_geometry_unref (PkGeometry *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_polygons; i++)
    {
      for (guint j = 0; j < self->polygons[i].n_rings; j++)
        {
          g_free (self->polygons[i].rings[j].xy);
          g_free (self->polygons[i].rings[j].band_start);
          g_free (self->polygons[i].rings[j].band_edges);
        }
      g_free (self->polygons[i].rings);
    }
  g_free (self->polygons);
  g_free (self);
}

/**
 * pk_bbox_around_circle:
 *
 * A box (degrees) that holds every point within @radius_m of the centre,
 * generously: a degree of latitude is at least 110.5 km on the ground, one of
 * longitude at least 110.5 km × the cosine at the box's poleward edge.
 */
PkBBox
pk_bbox_around_circle (double lon,
                       double lat,
                       double radius_m)
{
  double dy = radius_m / 110500.0 + 1e-6;
  double dx = dy / MAX (cos (MIN (fabs (lat) + dy, 89.0) * G_PI / 180), 0.01);

  return (PkBBox) { lon - dx, lat - dy, lon + dx, lat + dy };
}

gboolean
pk_bbox_contains (const PkBBox *b,
                  double        x,
                  double        y)
{
  return x >= b->min_x && x <= b->max_x && y >= b->min_y && y <= b->max_y;
}

static gboolean
ring_contains (const PkRing *ring,
               double        x,
               double        y)
{
  gboolean inside = FALSE;
  double band;
  guint b;

  if (ring->n_bands == 0)
    return FALSE;
  band = (y - ring->min_y) / ring->band_h;
  if (band < 0 || band > ring->n_bands)
    return FALSE;
  b = MIN ((guint) band, ring->n_bands - 1);

  /* Even-odd crossing test over the edges (i, i + 1) of the point's band;
   * an edge crosses the line y once at most, so none is counted twice. */
  for (guint e = ring->band_start[b]; e < ring->band_start[b + 1]; e++)
    {
      guint i = ring->band_edges[e];
      double xi = ring->xy[2 * i], yi = ring->xy[2 * i + 1];
      double xj = ring->xy[2 * i + 2], yj = ring->xy[2 * i + 3];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

gboolean
pk_geometry_contains (const PkGeometry *self,
                      double            lon,
                      double            lat)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!pk_bbox_contains (&self->bbox, lon, lat))
    return FALSE;
  for (guint i = 0; i < self->n_polygons; i++)
    {
      const PkPolygon *poly = &self->polygons[i];
      gboolean in_hole = FALSE;

      if (poly->n_rings == 0 || !pk_bbox_contains (&poly->bbox, lon, lat) ||
          !ring_contains (&poly->rings[0], lon, lat))
        continue;
      for (guint j = 1; j < poly->n_rings && !in_hole; j++)
        in_hole = ring_contains (&poly->rings[j], lon, lat);
      if (!in_hole)
        return TRUE;
    }
  return FALSE;
}

/**
 * pk_polygon_contains:
 * @shell_only: ignore the holes (a city in a hole of a vacant area is still "in" it)
 */
gboolean
pk_polygon_contains (const PkPolygon *poly,
                     double           lon,
                     double           lat,
                     gboolean         shell_only)
{
  if (poly->n_rings == 0 || !pk_bbox_contains (&poly->bbox, lon, lat) ||
      !ring_contains (&poly->rings[0], lon, lat))
    return FALSE;
  for (guint j = 1; !shell_only && j < poly->n_rings; j++)
    if (ring_contains (&poly->rings[j], lon, lat))
      return FALSE;
  return TRUE;
}

/* The WGS84 ellipsoid for PROJ's geodesic functions, made once. */
const struct geod_geodesic *
pk_geod_wgs84 (void)
{
  static struct geod_geodesic g;
  static gsize init = 0;

  if (g_once_init_enter (&init))
    {
      geod_init (&g, 6378137.0, 1 / 298.257223563);
      g_once_init_leave (&init, 1);
    }
  return &g;
}

/**
 * pk_polygon_geodesic_area_m2:
 *
 * The area of @poly (shell minus holes) on the WGS84 ellipsoid, in m²
 * (Karney's algorithm, PROJ's geod_polygonarea).
 */
double
pk_polygon_geodesic_area_m2 (const PkPolygon *poly)
{
  double total = 0;

  for (guint r = 0; r < poly->n_rings; r++)
    {
      const PkRing *ring = &poly->rings[r];
      g_autofree double *lats = g_new (double, ring->n_points);
      g_autofree double *lons = g_new (double, ring->n_points);
      double area = 0, perimeter = 0;
      guint n = ring->n_points;

      for (guint k = 0; k < n; k++)
        {
          lons[k] = ring->xy[2 * k];
          lats[k] = ring->xy[2 * k + 1];
        }
      if (n > 1 && lats[0] == lats[n - 1] && lons[0] == lons[n - 1])
        n--;
      geod_polygonarea (pk_geod_wgs84 (), lats, lons, (int) n, &area, &perimeter);
      total += (r == 0 ? 1 : -1) * fabs (area);
    }
  return total;
}

static double
ring_area (const PkRing *ring)
{
  double a = 0;

  for (guint i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
    a += ring->xy[2 * j] * ring->xy[2 * i + 1] - ring->xy[2 * i] * ring->xy[2 * j + 1];
  return fabs (a) / 2;
}

/* Only for choosing the largest part or ranking; areas users see are in metres. */
double
pk_geometry_area_deg2 (const PkGeometry *self)
{
  return self->area_deg2;
}

static double
compute_area (const PkGeometry *self)
{
  double a = 0;

  for (guint i = 0; i < self->n_polygons; i++)
    for (guint j = 0; j < self->polygons[i].n_rings; j++)
      a += (j == 0 ? 1 : -1) * ring_area (&self->polygons[i].rings[j]);
  return a;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A label point that is inside the polygon: on the horizontal line through the
 * middle of the largest part, the midpoint of the widest inside interval. */
void
pk_geometry_label_point (const PkGeometry *self,
                         double           *lon,
                         double           *lat)
{
  const PkPolygon *best = NULL;
  double best_area = -1, y, best_w = -1;

  g_return_if_fail (self != NULL && self->n_polygons > 0);

  for (guint i = 0; i < self->n_polygons; i++)
    if (self->polygons[i].n_rings > 0 && ring_area (&self->polygons[i].rings[0]) > best_area)
      {
        best_area = ring_area (&self->polygons[i].rings[0]);
        best = &self->polygons[i];
      }

  *lon = (self->bbox.min_x + self->bbox.max_x) / 2;
  *lat = (self->bbox.min_y + self->bbox.max_y) / 2;
  if (best == NULL)
    return;

  for (int step = 0; step < 9; step++)
    {
      g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      const PkRing *shell = &best->rings[0];
      double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

      for (guint j = 0; j < shell->n_points; j++)
        {
          min_y = MIN (min_y, shell->xy[2 * j + 1]);
          max_y = MAX (max_y, shell->xy[2 * j + 1]);
        }
      /* try the middle first, then lines above and below it */
      y = (min_y + max_y) / 2 + (max_y - min_y) * ((step + 1) / 2) * (step % 2 ? 0.08 : -0.08);

      for (guint r = 0; r < best->n_rings; r++)
        {
          const PkRing *ring = &best->rings[r];

          for (guint i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
            {
              double xi = ring->xy[2 * i], yi = ring->xy[2 * i + 1];
              double xj = ring->xy[2 * j], yj = ring->xy[2 * j + 1];

              if ((yi > y) != (yj > y))
                {
                  double x = (xj - xi) * (y - yi) / (yj - yi) + xi;
                  g_array_append_val (xs, x);
                }
            }
        }
      if (xs->len < 2)
        continue;
      g_array_sort (xs, compare_doubles);
      {
        double *v = (double *) xs->data;

        for (guint a = 0; a + 1 < xs->len; a += 2)
          if (v[a + 1] - v[a] > best_w)
            {
              best_w = v[a + 1] - v[a];
              *lon = (v[a] + v[a + 1]) / 2;
              *lat = y;
            }
      }
      if (best_w > 0)
        return;
    }
}

/**
 * pk_geodesic_distance:
 *
 * Returns: the geodesic distance in metres on the WGS84 ellipsoid (Karney's
 * algorithm as shipped by PROJ), accurate to nanometres, not a sphere.
 */
double
pk_geodesic_distance (double lat1,
                      double lon1,
                      double lat2,
                      double lon2)
{
  double s12 = 0, azi1, azi2;

  geod_inverse (pk_geod_wgs84 (), lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
  return s12;
}
