/* pk-siting.c
 *
 * The checker works on an in-memory snapshot of the workspace: outlines as
 * parsed polygons, and the serving offices of each licence type in a grid of
 * 0.05° cells searched ring by ring with exact geodesic distances. A check
 * never touches SQLite, so it runs in microseconds even at national scale.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-siting"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pk-siting-private.h"
#include "pk-text.h"

#define CELL_DEG 0.05

typedef struct
{
  gint64    id;
  double    lat;
  double    lon;
  guint     office;            /* index into offices */
} GridPoint;

typedef struct
{
  GArray     *points;          /* GridPoint sorted by cell */
  guint      *start;           /* per cell of the box, row by row: its first point (+1 at the end) */
  double      cell_deg;        /* CELL_DEG, or coarser when the offices spread very far */
  int         min_ix, max_ix, min_iy, max_iy;
} Grid;

/* SR-2's urban areas by place: each city's reach (its imported limits, or its
 * circle of the rule set's radius) listed in every cell of a uniform grid it
 * touches, cities in their order, so that a point meets only its cell's few. */
typedef struct
{
  double *radius_m;            /* per city: the circle's radius (no limits imported) */
  double  cell_deg;
  double  x0, y0;              /* the grid's south-west corner */
  int     nx, ny;
  guint  *start;               /* nx × ny + 1 offsets into cities */
  guint  *cities;              /* city indices, ascending within a cell */
} CityIndex;

struct _PkSiteChecker
{
  PkRuleSet  *rules;
  PkPlace    *province;        /* with geometry */
  GPtrArray  *counties;        /* PkPlace */
  GPtrArray  *cities;          /* PkPlace; geometry = imported urban area */
  GPtrArray  *offices;         /* PkOffice */
  Grid        grid[2];         /* serving offices per licence type */
  CityIndex   urban;           /* the cities' urban areas by place */
  GHashTable *county_counts;   /* "county:license" → count of active/approved/planned */
};


static inline int
cell_of (const Grid *grid,
         double      deg)
{
  return (int) floor (deg / grid->cell_deg);
}

/* The serving offices of @license in a dense grid over their box: a cell is
 * found by arithmetic, its points are a run of the sorted array. Offices far
 * apart (a typo'd coordinate) make the cells coarser, never the answer wrong:
 * the box stays under about 4 million cells. */
static void
grid_build (Grid      *grid,
            GPtrArray *offices,
            PkLicense  license)
{
  g_autofree guint *fill = NULL;
  gsize n_cells;
  int nx;

  PkBBox box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  grid->points = g_array_new (FALSE, FALSE, sizeof (GridPoint));
  grid->cell_deg = CELL_DEG;
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      GridPoint p = { o->id, o->lat, o->lon, i };

      /* cli.md: spacing and service consider offices that serve */
      if (o->license != license || !pk_status_serves (o->status) || !isfinite (o->lat) || !isfinite (o->lon))
        continue;
      g_array_append_val (grid->points, p);
      box.min_x = MIN (box.min_x, o->lon);
      box.max_x = MAX (box.max_x, o->lon);
      box.min_y = MIN (box.min_y, o->lat);
      box.max_y = MAX (box.max_y, o->lat);
    }
  if (grid->points->len == 0)
    {
      grid->min_ix = grid->min_iy = 0;
      grid->max_ix = grid->max_iy = -1;
      grid->start = g_new0 (guint, 1);
      return;
    }
  while ((box.max_x - box.min_x) / grid->cell_deg * ((box.max_y - box.min_y) / grid->cell_deg) > 4e6)
    grid->cell_deg *= 2;
  grid->min_ix = cell_of (grid, box.min_x);
  grid->max_ix = cell_of (grid, box.max_x);
  grid->min_iy = cell_of (grid, box.min_y);
  grid->max_iy = cell_of (grid, box.max_y);
  nx = grid->max_ix - grid->min_ix + 1;
  n_cells = (gsize) nx * (grid->max_iy - grid->min_iy + 1);
  grid->start = g_new0 (guint, n_cells + 1);
  fill = g_new0 (guint, n_cells);
  for (guint i = 0; i < grid->points->len; i++)
    {
      GridPoint *p = &g_array_index (grid->points, GridPoint, i);

      grid->start[(gsize) (cell_of (grid, p->lat) - grid->min_iy) * nx + (cell_of (grid, p->lon) - grid->min_ix) + 1]++;
    }
  for (gsize k = 0; k < n_cells; k++)
    grid->start[k + 1] += grid->start[k];
  {
    g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (GridPoint), grid->points->len);

    g_array_set_size (sorted, grid->points->len);
    for (guint i = 0; i < grid->points->len; i++)
      {
        GridPoint *p = &g_array_index (grid->points, GridPoint, i);
        gsize cell = (gsize) (cell_of (grid, p->lat) - grid->min_iy) * nx + (cell_of (grid, p->lon) - grid->min_ix);

        g_array_index (sorted, GridPoint, grid->start[cell] + fill[cell]++) = *p;
      }
    g_array_unref (grid->points);
    grid->points = g_steal_pointer (&sorted);
  }
}

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->points, g_array_unref);
  g_clear_pointer (&grid->start, g_free);
}

void
_pk_near_office_clear (PkNearOffice *n)
{
  g_free (n->code);
  g_free (n->name);
}

/* Keeps @best (length ≤ k) sorted by distance. */
static void
offer (GArray       *best,
       guint         k,
       PkNearOffice *cand)
{
  guint pos = best->len;

  while (pos > 0 && g_array_index (best, PkNearOffice, pos - 1).distance_m > cand->distance_m)
    pos--;
  if (pos >= k)
    return;
  g_array_insert_val (best, pos, *cand);
  if (best->len > k)
    g_array_set_size (best, k);
}

/* Smallest possible ground distance from the site to any cell of ring r + 1. */
static double
ring_lower_bound_m (const Grid *grid,
                    double      lat,
                    int         r)
{
  double reach = r * grid->cell_deg;
  double max_lat = MIN (fabs (lat) + reach + grid->cell_deg, 89.9);
  double m_per_deg = MIN (110574.0, 111319.0 * cos (max_lat * G_PI / 180));

  return reach * m_per_deg * 0.995;
}

/* A distance no longer than the geodesic one: on a sphere of the WGS84
 * semi-minor axis, less 1 % (the ellipsoid's distances differ from a
 * sphere's by under 0.5 %), without the trigonometry of the exact one. */
static inline double
quick_lower_bound_m (double           lat,
                     double           lon,
                     double           cos_lat,
                     const GridPoint *p)
{
  double dlat = (p->lat - lat) * (G_PI / 180), dlon = (p->lon - lon) * (G_PI / 180);
  double cos_mid = MIN (cos_lat, cos (p->lat * (G_PI / 180)));

  double flat;

  /* locally flat, the east-west leg shrunk by the smaller cosine; past
   * 1,000 km the flat figure can overshoot the great circle by more than
   * the margin, so no bound is claimed there */
  flat = 0.99 * 6356752.3 * sqrt (dlat * dlat + dlon * dlon * cos_mid * cos_mid);
  return flat < 1e6 ? flat : 0;
}

/* The @k nearest serving offices of @license no farther than @max_m, into
 * @best with `code` holding the office's index (resolved by the caller). */
static void
nearest_points (PkSiteChecker *self,
                double         lat,
                double         lon,
                PkLicense      license,
                guint          k,
                gint64         ignore_id,
                double         max_m,
                GArray        *best)
{
  Grid *grid = &self->grid[license];
  int cx, cy;
  int nx = grid->max_ix - grid->min_ix + 1;
  int max_r, r0;
  double cos_lat;

  if (grid->points->len == 0 || k == 0 || !isfinite (lat) || !isfinite (lon))
    return;
  cx = cell_of (grid, lon);
  cy = cell_of (grid, lat);
  cos_lat = cos (lat * (G_PI / 180));
  max_r = MAX (MAX (ABS (cx - grid->min_ix), ABS (cx - grid->max_ix)),
               MAX (ABS (cy - grid->min_iy), ABS (cy - grid->max_iy)));

  /* start at the first ring that reaches the grid: a site far from every
   * office (or a typo'd coordinate) must not walk thousands of empty rings */
  {
    int dx = cx < grid->min_ix ? grid->min_ix - cx : cx > grid->max_ix ? cx - grid->max_ix : 0;
    int dy = cy < grid->min_iy ? grid->min_iy - cy : cy > grid->max_iy ? cy - grid->max_iy : 0;
    r0 = MAX (dx, dy);
  }
  for (int r = r0; r <= max_r; r++)
    {
      /* nothing in this ring or beyond can be nearer than @max_m */
      if (r > 0 && ring_lower_bound_m (grid, lat, r - 1) > max_m)
        break;
      for (int side = 0; side < 4; side++)
        {
          /* the ring's border, clipped to the grid: rows y = cy ∓ r, then the
           * columns x = cx ∓ r without their corners */
          gboolean row = side < 2;
          int fixed = row ? (side == 0 ? cy - r : cy + r) : (side == 2 ? cx - r : cx + r);
          int lo = row ? MAX (cx - r, grid->min_ix) : MAX (cy - r + 1, grid->min_iy);
          int hi = row ? MIN (cx + r, grid->max_ix) : MIN (cy + r - 1, grid->max_iy);

          if (r == 0 && side > 0)
            break;
          if (row ? (fixed < grid->min_iy || fixed > grid->max_iy)
                  : (fixed < grid->min_ix || fixed > grid->max_ix))
            continue;
          for (int t = lo; t <= hi; t++)
            {
              int ix = row ? t : fixed, iy = row ? fixed : t;
              gsize cell = (gsize) (iy - grid->min_iy) * nx + (ix - grid->min_ix);

              for (guint i = grid->start[cell]; i < grid->start[cell + 1]; i++)
                {
                  GridPoint *p = &g_array_index (grid->points, GridPoint, i);
                  PkNearOffice cand = { p->id, NULL, NULL, license, p->lat, p->lon, 0 };

                  if (p->id == ignore_id)
                    continue;
                  /* the exact geodesic (≈ 1 µs) only for an office that could place */
                  if (quick_lower_bound_m (lat, lon, cos_lat, p) >
                      (best->len == k ? MIN (max_m, g_array_index (best, PkNearOffice, k - 1).distance_m) : max_m))
                    continue;
                  cand.distance_m = pk_geodesic_distance (lat, lon, p->lat, p->lon);
                  if (cand.distance_m > max_m)
                    continue;
                  cand.code = GUINT_TO_POINTER (p->office);  /* resolved by the caller */
                  offer (best, k, &cand);
                }
            }
        }
      if (best->len == k &&
          g_array_index (best, PkNearOffice, k - 1).distance_m <= ring_lower_bound_m (grid, lat, r))
        break;
    }
}

/**
 * pk_site_checker_nearest:
 * @out: (element-type PkNearOffice): receives up to @k offices, nearest first
 *
 * The @k nearest serving offices of @license, by geodesic distance.
 */
void
pk_site_checker_nearest (PkSiteChecker *self,
                         double         lat,
                         double         lon,
                         PkLicense      license,
                         guint          k,
                         gint64         ignore_id,
                         GArray        *out)
{
  g_autoptr(GArray) best = g_array_sized_new (FALSE, FALSE, sizeof (PkNearOffice), k + 1);

  nearest_points (self, lat, lon, license, k, ignore_id, G_MAXDOUBLE, best);
  for (guint i = 0; i < best->len; i++)
    {
      PkNearOffice n = g_array_index (best, PkNearOffice, i);
      PkOffice *o = g_ptr_array_index (self->offices, GPOINTER_TO_UINT (n.code));

      n.code = g_strdup (o->code);
      n.name = g_strdup (o->name);
      g_array_append_val (out, n);
    }
}

/**
 * pk_site_checker_serves:
 *
 * Whether a serving office of @license is within @radius_m of the point: the
 * nearest-office search, stopped at the radius and without copying names.
 */
gboolean
pk_site_checker_serves (PkSiteChecker *self,
                        double         lat,
                        double         lon,
                        PkLicense      license,
                        double         radius_m)
{
  g_autoptr(GArray) best = g_array_sized_new (FALSE, FALSE, sizeof (PkNearOffice), 2);

  nearest_points (self, lat, lon, license, 1, 0, radius_m, best);
  return best->len > 0;
}

const PkPlace *
pk_site_checker_find_county (PkSiteChecker *self,
                             double         lat,
                             double         lon)
{
  const PkPlace *best = NULL;
  double best_area = G_MAXDOUBLE;

  for (guint i = 0; i < self->counties->len; i++)
    {
      PkPlace *c = g_ptr_array_index (self->counties, i);
      double area;

      if (c->geometry == NULL || !pk_geometry_contains (c->geometry, lon, lat))
        continue;
      area = pk_geometry_area_deg2 (c->geometry);
      if (area < best_area)       /* overlapping outlines: the smaller wins */
        {
          best = c;
          best_area = area;
        }
    }
  return best;
}

gboolean
pk_site_checker_in_province (PkSiteChecker *self,
                             double         lat,
                             double         lon)
{
  return self->province && self->province->geometry &&
         pk_geometry_contains (self->province->geometry, lon, lat);
}

/**
 * pk_site_checker_urban_area_at:
 *
 * SR-2: the city whose urban area holds the point: its imported polygon, or,
 * for a city without one, the approximate circle of the rule set.
 */
const PkPlace *
pk_site_checker_urban_area_at (PkSiteChecker  *self,
                               double          lat,
                               double          lon,
                               PkSettingBasis *basis,
                               double         *radius_m)
{
  const CityIndex *index = &self->urban;
  const PkPlace *best = NULL;
  double best_d = G_MAXDOUBLE;
  double fx = (lon - index->x0) / index->cell_deg, fy = (lat - index->y0) / index->cell_deg;
  gsize cell;

  *basis = PK_BASIS_NONE;
  *radius_m = 0;
  if (!(fx >= 0 && fy >= 0 && fx < index->nx && fy < index->ny))
    return NULL;                                /* outside every city's reach (or NaN) */
  cell = (gsize) fy * index->nx + (gsize) fx;
  for (guint k = index->start[cell]; k < index->start[cell + 1]; k++)
    {
      guint i = index->cities[k];
      PkPlace *c = g_ptr_array_index (self->cities, i);

      if (c->geometry != NULL)
        {
          if (pk_geometry_contains (c->geometry, lon, lat))
            {
              *basis = PK_BASIS_POLYGON;
              *radius_m = 0;
              return c;
            }
        }
      else
        {
          double r = index->radius_m[i];
          double dlat = fabs (lat - c->lat) * 110574, dlon = fabs (lon - c->lon) * 111320;
          double d;

          if (dlat > r * 1.01 + 1 || dlon * cos (lat * G_PI / 180) > r * 1.01 + 1)
            continue;                           /* cheap reject before the geodesic */
          d = pk_geodesic_distance (lat, lon, c->lat, c->lon);
          if (d <= r && d < best_d)
            {
              best = c;
              best_d = d;
              *radius_m = r;
            }
        }
    }
  if (best != NULL)
    *basis = PK_BASIS_APPROXIMATE;
  return best;
}

static PkBBox
city_reach (const PkPlace *c,
            double         radius_m)
{
  if (c->geometry != NULL)
    return c->geometry->bbox;
  /* all that passes the cheap reject below (its margin of 1 % and 1 m) */
  return pk_bbox_around_circle (c->lon, c->lat, radius_m * 1.01 + 1);
}

static void
city_index_build (CityIndex       *index,
                  GPtrArray       *cities,
                  const PkRuleSet *rules)
{
  g_autofree PkBBox *reach = g_new (PkBBox, MAX (cities->len, 1));
  g_autofree guint *fill = NULL;
  PkBBox all = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  index->radius_m = g_new (double, MAX (cities->len, 1));
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);

      index->radius_m[i] = pk_rule_set_get_urban_radius (rules, c);
      reach[i] = city_reach (c, index->radius_m[i]);
      all.min_x = MIN (all.min_x, reach[i].min_x);
      all.min_y = MIN (all.min_y, reach[i].min_y);
      all.max_x = MAX (all.max_x, reach[i].max_x);
      all.max_y = MAX (all.max_y, reach[i].max_y);
    }
  /* 0.1° cells, coarser when the cities spread over more than a million */
  index->cell_deg = 0.1;
  if (cities->len == 0)
    all = (PkBBox) { 0, 0, 0, 0 };
  while ((all.max_x - all.min_x) / index->cell_deg * (all.max_y - all.min_y) / index->cell_deg > 1e6)
    index->cell_deg *= 2;
  index->x0 = all.min_x;
  index->y0 = all.min_y;
  index->nx = (int) ((all.max_x - all.min_x) / index->cell_deg) + 1;
  index->ny = (int) ((all.max_y - all.min_y) / index->cell_deg) + 1;
  index->start = g_new0 (guint, (gsize) index->nx * index->ny + 1);
  fill = g_new0 (guint, (gsize) index->nx * index->ny + 1);

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (gsize k = 0; k < (gsize) index->nx * index->ny; k++)
            index->start[k + 1] += index->start[k];
          index->cities = g_new (guint, MAX (index->start[(gsize) index->nx * index->ny], 1));
        }
      for (guint i = 0; i < cities->len; i++)
        {
          int x0 = (int) ((reach[i].min_x - index->x0) / index->cell_deg);
          int x1 = MIN ((int) ((reach[i].max_x - index->x0) / index->cell_deg), index->nx - 1);
          int y0 = (int) ((reach[i].min_y - index->y0) / index->cell_deg);
          int y1 = MIN ((int) ((reach[i].max_y - index->y0) / index->cell_deg), index->ny - 1);

          for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
              {
                gsize cell = (gsize) y * index->nx + x;

                if (pass == 0)
                  index->start[cell + 1]++;
                else
                  index->cities[index->start[cell] + fill[cell]++] = i;
              }
        }
    }
}

static void
city_index_clear (CityIndex *index)
{
  g_clear_pointer (&index->radius_m, g_free);
  g_clear_pointer (&index->start, g_free);
  g_clear_pointer (&index->cities, g_free);
}

const PkRuleSet *
pk_site_checker_get_rules (PkSiteChecker *self)
{
  return self->rules;
}

/* Returns: (transfer none) (nullable): the workspace's province, with its outline */
const PkPlace *
pk_site_checker_get_province (PkSiteChecker *self)
{
  return self->province;
}

/* Returns: (transfer none) (element-type PkOffice): every office of the snapshot */
GPtrArray *
pk_site_checker_get_offices (PkSiteChecker *self)
{
  return self->offices;
}

/**
 * pk_site_checker_office_code_owner:
 *
 * The office of the snapshot with @code (compared as stored), for a form to
 * say at once that a code is taken; the store has the last word.
 *
 * Returns: its id, or 0
 */
gint64
pk_site_checker_office_code_owner (PkSiteChecker *self,
                                   const char    *code)
{
  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; code != NULL && i < self->offices->len; i++)
    {
      const PkOffice *o = g_ptr_array_index (self->offices, i);

      if (g_strcmp0 (o->code, code) == 0)
        return o->id;
    }
  return 0;
}

/**
 * pk_site_checker_find_place:
 * @text: a city's name (Persian or English), an office's code or a part of
 *   its name, as typed
 * @lat: (out):
 * @lon: (out):
 *
 * Finds what @text names in the snapshot, search-folded (Arabic letter
 * variants, ZWNJ and case do not matter): a city first, then an office.
 * Nothing is read from the store: the check panel asks it on each Enter.
 *
 * Returns: whether it names a place
 */
gboolean
pk_site_checker_find_place (PkSiteChecker *self,
                            const char    *text,
                            double        *lat,
                            double        *lon)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (self != NULL && text != NULL, FALSE);
  needle = pk_text_fold (text);
  if (g_utf8_strlen (needle, -1) < 2)
    return FALSE;
  for (guint i = 0; i < self->cities->len; i++)
    {
      const PkPlace *c = g_ptr_array_index (self->cities, i);
      g_autofree char *fa = pk_text_fold (c->name_fa);
      g_autofree char *en = c->name_en ? pk_text_fold (c->name_en) : NULL;

      if (g_str_equal (fa, needle) || g_strcmp0 (en, needle) == 0)
        {
          *lat = c->lat;
          *lon = c->lon;
          return TRUE;
        }
    }
  for (guint i = 0; i < self->offices->len; i++)
    {
      const PkOffice *o = g_ptr_array_index (self->offices, i);
      g_autofree char *code = o->code ? pk_text_fold (o->code) : NULL;

      if (g_strcmp0 (code, needle) == 0 || (o->name && pk_text_matches (o->name, needle)))
        {
          *lat = o->lat;
          *lon = o->lon;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
count_key (gint64    county,
           PkLicense license)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%d", county, license);
}

/**
 * pk_site_checker_new:
 *
 * Takes a snapshot of @store for checking; make a new one after edits.
 */
PkSiteChecker *
pk_site_checker_new (PkStore  *store,
                     GError  **error)
{
  g_autoptr(PkSiteChecker) self = g_new0 (PkSiteChecker, 1);

  self->county_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if ((self->rules = pk_store_load_rules (store, error)) == NULL ||
      (self->counties = pk_store_list_counties (store, error)) == NULL ||
      (self->cities = pk_store_list_cities (store, error)) == NULL ||
      (self->offices = pk_store_list_offices (store, error)) == NULL)
    return NULL;
  self->province = pk_store_get_province (store, NULL);    /* NULL: a workspace being built */

  grid_build (&self->grid[PK_LICENSE_URBAN], self->offices, PK_LICENSE_URBAN);
  grid_build (&self->grid[PK_LICENSE_RURAL], self->offices, PK_LICENSE_RURAL);
  city_index_build (&self->urban, self->cities, self->rules);
  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      g_autofree char *key = NULL;

      /* LT-7 capacity counts licences held or planned: suspended ones are out */
      if (o->status == PK_STATUS_SUSPENDED || o->county_id <= 0)
        continue;
      key = count_key (o->county_id, o->license);
      {
        int n = GPOINTER_TO_INT (g_hash_table_lookup (self->county_counts, key));

        g_hash_table_insert (self->county_counts, g_steal_pointer (&key), GINT_TO_POINTER (n + 1));
      }
    }
  return g_steal_pointer (&self);
}

void
pk_site_checker_free (PkSiteChecker *self)
{
  if (self == NULL)
    return;
  grid_clear (&self->grid[0]);
  grid_clear (&self->grid[1]);
  city_index_clear (&self->urban);
  g_clear_pointer (&self->rules, pk_rule_set_free);
  g_clear_pointer (&self->province, pk_place_free);
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->county_counts, g_hash_table_unref);
  g_free (self);
}

void
pk_site_query_init (PkSiteQuery *query)
{
  memset (query, 0, sizeof *query);
  query->area_m2 = NAN;
  query->land_use = PK_LAND_USE_UNKNOWN;
}

/**
 * pk_site_checker_check:
 *
 * Applies SR-1 … SR-7 (pk-site-verdict.c) to one candidate site, with the
 * facts this snapshot finds for it: province and county, urban area, the
 * nearest serving offices, the county's offices against its capacity.
 * Overall: fail if any rule fails, needs review if any is unknown, pass
 * otherwise.
 *
 * Returns: (transfer full): the verdict
 */
PkSiteVerdict *
pk_site_checker_check (PkSiteChecker     *self,
                       const PkSiteQuery *q)
{
  PkSiteVerdict *v = _pk_site_verdict_new (q, self->rules);
  const PkPlace *county, *city;
  PkLicense lic = q->license;
  gboolean in_province;
  double nearest_m = INFINITY;
  guint n_within = 0;
  int used = 0;

  in_province = pk_site_checker_in_province (self, q->lat, q->lon);
  county = in_province ? pk_site_checker_find_county (self, q->lat, q->lon) : NULL;
  v->province = in_province ? _pk_place_copy_without_geometry (self->province) : NULL;
  v->county = _pk_place_copy_without_geometry (county);
  city = pk_site_checker_urban_area_at (self, q->lat, q->lon, &v->basis, &v->urban_radius_m);
  v->urban = city != NULL;
  v->urban_city = _pk_place_copy_without_geometry (city);

  /* at least five where five exist; more when several lie within the service radius */
  pk_site_checker_nearest (self, q->lat, q->lon, lic, 5, q->ignore_office_id, v->nearest);
  if (v->nearest->len > 0)
    nearest_m = g_array_index (v->nearest, PkNearOffice, 0).distance_m;
  for (guint i = 0; i < v->nearest->len; i++)
    n_within += g_array_index (v->nearest, PkNearOffice, i).distance_m <= v->service_radius_m;
  if (county != NULL)
    {
      g_autofree char *key = count_key (county->id, lic);

      used = GPOINTER_TO_INT (g_hash_table_lookup (self->county_counts, key));
    }

  _pk_site_rule_floor_area (v, self->rules);
  _pk_site_rule_urban (v, city);
  _pk_site_rule_spacing (v, nearest_m);
  _pk_site_rule_capacity (v, county, used,
                          county ? pk_rule_set_get_capacity (self->rules, county->id, lic) : -1);
  _pk_site_rule_province (v, self->province, in_province, county);
  _pk_site_rule_service (v, nearest_m, n_within);
  _pk_site_rule_land_use (v);
  _pk_site_verdict_conclude (v);
  return v;
}
