/* pk-vacancy.c: the vacant area of counties (PA-3), in parallel, through GEOS
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A county's vacant area for a licence type (domain PA-3; cli.md):
 *  - rural ICT: the county outside every serving rural office's service circle
 *    and outside the urban areas;
 *  - urban Pishkhan: the urban areas in the county outside every serving
 *    urban office's circle.
 * Urban areas are a city's imported limits, or a circle of the rule set's
 * radius for the city (16 segments a quarter). Service circles have 8 segments
 * a quarter. Everything is computed in the county's UTM zone, areas in km² of
 * that projection: the figures SpatiaLite gave when this was SQL.
 *
 * Counties are independent, so workers (one GEOS context and one PROJ
 * context each) take them in turn. A service circle is buffered once per
 * radius and moved to each office; only circles that touch the county (a
 * prepared geometry) go into its union, which GEOS computes as a cascaded
 * union over an STRtree.
 */
#define G_LOG_DOMAIN "pk-coverage"

#include "config.h"

#include <math.h>

#include "pk-planar.h"
#include "pk-vacancy.h"

typedef struct
{
  double lon, lat;
} LonLat;

typedef struct
{
  const PkGeometry *outline;     /* the imported limits, or NULL */
  double            lon, lat;
  double            radius_m;
  PkBBox            bbox;        /* degrees, around the outline or the circle */
} UrbanArea;

struct _PkVacancy
{
  PkLicense  license;
  double     radius_m;
  GArray    *serving;            /* LonLat of the offices that serve, by longitude */
  GArray    *urban;              /* UrbanArea */
  GPtrArray *keep;               /* the cities' geometries, referenced */
};

static int
compare_lon (gconstpointer a,
             gconstpointer b)
{
  double x = ((const LonLat *) a)->lon, y = ((const LonLat *) b)->lon;

  return (x > y) - (x < y);
}

/* A box around a circle of @radius_m, generous: a degree of latitude is at
 * least 110.5 km, one of longitude at least 110.5 km × cos (latitude). */
static PkBBox
circle_bbox (double lon,
             double lat,
             double radius_m)
{
  double dy = radius_m / 110500.0 + 1e-6;
  double dx = dy / MAX (cos (MIN (fabs (lat) + dy, 89.0) * G_PI / 180), 0.01);

  return (PkBBox) { lon - dx, lat - dy, lon + dx, lat + dy };
}

static gboolean
bbox_intersects (const PkBBox *a,
                 const PkBBox *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

/**
 * pk_vacancy_new:
 * @offices: (element-type PkOffice): every office; those of @license that
 *   serve (pk_status_serves()) are kept
 * @cities: (element-type PkPlace): cities, with their imported limits as geometry or none
 *
 * What the vacancy of any county needs, read once: the serving offices'
 * positions and the urban areas.
 */
PkVacancy *
pk_vacancy_new (PkLicense        license,
                const PkRuleSet *rules,
                GPtrArray       *offices,
                GPtrArray       *cities)
{
  PkVacancy *self = g_new0 (PkVacancy, 1);

  self->license = license;
  self->radius_m = rules->service_radius_m[license];
  self->serving = g_array_new (FALSE, FALSE, sizeof (LonLat));
  self->urban = g_array_sized_new (FALSE, FALSE, sizeof (UrbanArea), cities->len);
  self->keep = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_geometry_unref);
  for (guint i = 0; i < offices->len; i++)
    {
      const PkOffice *o = g_ptr_array_index (offices, i);
      LonLat p = { o->lon, o->lat };

      if (o->license == license && pk_status_serves (o->status))
        g_array_append_val (self->serving, p);
    }
  g_array_sort (self->serving, compare_lon);
  for (guint i = 0; i < cities->len; i++)
    {
      const PkPlace *c = g_ptr_array_index (cities, i);
      UrbanArea u = { NULL, c->lon, c->lat, pk_rule_set_get_urban_radius (rules, c) };

      if (c->geometry != NULL)
        {
          u.outline = c->geometry;
          u.bbox = c->geometry->bbox;
          g_ptr_array_add (self->keep, pk_geometry_ref (c->geometry));
        }
      else
        u.bbox = circle_bbox (c->lon, c->lat, u.radius_m);
      g_array_append_val (self->urban, u);
    }
  return self;
}

void
pk_vacancy_free (PkVacancy *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->serving);
  g_array_unref (self->urban);
  g_ptr_array_unref (self->keep);
  g_free (self);
}

/* The first serving office at or east of @lon. */
static guint
first_at_lon (GArray *serving,
              double  lon)
{
  guint lo = 0, hi = serving->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (serving, LonLat, mid).lon < lon)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static GEOSGeometry *
union_of (PkPlanar  *planar,
          GPtrArray *parts)
{
  GEOSContextHandle_t h = pk_planar_get_context (planar);
  GEOSGeometry *all, *out;

  if (parts->len == 0)
    return NULL;
  /* the collection takes the parts */
  all = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION, (GEOSGeometry **) parts->pdata, parts->len);
  g_ptr_array_set_size (parts, 0);
  out = GEOSUnaryUnion_r (h, all);
  GEOSGeom_destroy_r (h, all);
  return out;
}

/* The urban areas whose box meets the county's, unioned; NULL when none. */
static GEOSGeometry *
urban_near (PkVacancy    *self,
            PkPlanar     *planar,
            const PkBBox *box)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; i < self->urban->len; i++)
    {
      const UrbanArea *u = &g_array_index (self->urban, UrbanArea, i);
      GEOSGeometry *g;

      if (!bbox_intersects (&u->bbox, box))
        continue;
      g = u->outline != NULL ? pk_planar_from_geometry (planar, u->outline)
                             : pk_planar_circle (planar, u->lon, u->lat, u->radius_m, 16);
      if (g != NULL)
        g_ptr_array_add (parts, g);
    }
  return union_of (planar, parts);
}

/* The service circles that touch the county, each made valid by construction. */
static void
circles_near (PkVacancy                  *self,
              PkPlanar                   *planar,
              const PkBBox               *box,
              const GEOSPreparedGeometry *county,
              GPtrArray                  *parts)
{
  GEOSContextHandle_t h = pk_planar_get_context (planar);
  double margin = self->radius_m / 80000.0 + 0.05;

  for (guint i = first_at_lon (self->serving, box->min_x - margin); i < self->serving->len; i++)
    {
      const LonLat *p = &g_array_index (self->serving, LonLat, i);
      GEOSGeometry *g;

      if (p->lon > box->max_x + margin)
        break;
      if (p->lat < box->min_y - margin || p->lat > box->max_y + margin)
        continue;
      if ((g = pk_planar_circle (planar, p->lon, p->lat, self->radius_m, 8)) == NULL)
        continue;
      if (GEOSPreparedIntersects_r (h, county, g) == 1)
        g_ptr_array_add (parts, g);
      else
        GEOSGeom_destroy_r (h, g);
    }
}

static gboolean
county_vacancy (PkVacancy        *self,
                PkPlanar         *planar,
                PkVacancyCounty  *c,
                gboolean          with_geometry,
                GError          **error)
{
  GEOSContextHandle_t h = pk_planar_get_context (planar);
  const PkBBox *box = &c->outline->bbox;
  g_autoptr(GPtrArray) cut = g_ptr_array_new ();
  GEOSGeometry *county, *urban, *in_urban = NULL, *holes, *vacant = NULL;
  const GEOSPreparedGeometry *prepared;

  if (!pk_planar_set_utm_zone (planar, pk_utm_zone_for_lon ((box->min_x + box->max_x) / 2), error))
    return FALSE;
  county = pk_planar_from_geometry (planar, c->outline);
  if (county != NULL && GEOSisValid_r (h, county) != 1)
    {
      GEOSGeometry *valid = GEOSMakeValid_r (h, county);

      GEOSGeom_destroy_r (h, county);
      county = valid;
    }
  if (county == NULL)
    return !pk_planar_failed (planar, error);
  prepared = GEOSPrepare_r (h, county);

  urban = urban_near (self, planar, box);
  if (urban != NULL)
    in_urban = GEOSIntersection_r (h, county, urban);
  c->county_km2 = pk_planar_area_km2 (planar, county);
  c->base_km2 = self->license == PK_LICENSE_RURAL
                ? c->county_km2 - pk_planar_area_km2 (planar, in_urban)
                : pk_planar_area_km2 (planar, in_urban);

  circles_near (self, planar, box, prepared, cut);
  if (self->license == PK_LICENSE_RURAL)
    {
      /* rural: the county less the circles and the urban areas, in one cut */
      if (urban != NULL)
        g_ptr_array_add (cut, g_steal_pointer (&urban));
      holes = union_of (planar, cut);
      vacant = holes != NULL ? GEOSDifference_r (h, county, holes) : GEOSGeom_clone_r (h, county);
    }
  else
    {
      /* urban: the urban areas in the county less the circles */
      holes = union_of (planar, cut);
      if (in_urban != NULL)
        vacant = holes != NULL ? GEOSDifference_r (h, in_urban, holes) : GEOSGeom_clone_r (h, in_urban);
    }
  c->vacant_km2 = pk_planar_area_km2 (planar, vacant);
  if (with_geometry && vacant != NULL && c->vacant_km2 > 0)
    c->vacant = pk_planar_to_geometry (planar, vacant);

  pk_planar_destroy (planar, vacant);
  pk_planar_destroy (planar, holes);
  pk_planar_destroy (planar, in_urban);
  pk_planar_destroy (planar, urban);
  GEOSPreparedGeom_destroy_r (h, prepared);
  pk_planar_destroy (planar, county);
  return !pk_planar_failed (planar, error);
}

typedef struct
{
  PkVacancy       *vacancy;
  PkVacancyCounty *counties;
  guint            n_counties;
  gboolean         with_geometry;
  GCancellable    *cancellable;
  gint             next;
  GMutex           lock;
  GError          *error;        /* the first failure stops every worker */
} Run;

static gpointer
run_worker (gpointer data)
{
  Run *run = data;
  g_autoptr(PkPlanar) planar = pk_planar_new ();

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&run->next, 1);
      GError *local = NULL;
      gboolean stop;

      g_mutex_lock (&run->lock);
      stop = run->error != NULL;
      g_mutex_unlock (&run->lock);
      if (stop || i >= run->n_counties ||
          g_cancellable_set_error_if_cancelled (run->cancellable, &local) ||
          !county_vacancy (run->vacancy, planar, &run->counties[i], run->with_geometry, &local))
        {
          if (local != NULL)
            {
              g_mutex_lock (&run->lock);
              if (run->error == NULL)
                run->error = g_steal_pointer (&local);
              g_mutex_unlock (&run->lock);
              g_clear_error (&local);
            }
          return NULL;
        }
    }
}

/**
 * pk_vacancy_compute:
 * @counties: (array length=n_counties): the counties, each with its outline
 * @with_geometry: whether to give back each vacant area's shape, not only its size
 *
 * Fills in each county's areas, on as many threads as the machine has cores.
 *
 * Returns: %FALSE with @error set when GEOS failed or @cancellable was
 *   cancelled; the counties' results are then incomplete
 */
gboolean
pk_vacancy_compute (PkVacancy       *self,
                    PkVacancyCounty *counties,
                    guint            n_counties,
                    gboolean         with_geometry,
                    GCancellable    *cancellable,
                    GError         **error)
{
  Run run = { self, counties, n_counties, with_geometry, cancellable, 0 };
  guint n_threads = MIN ((guint) g_get_num_processors (), n_counties);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  g_mutex_init (&run.lock);
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("pk-vacancy", run_worker, &run));
  run_worker (&run);                      /* this thread works too */
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  g_mutex_clear (&run.lock);
  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}
