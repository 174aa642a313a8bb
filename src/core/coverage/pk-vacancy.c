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

static gboolean
bbox_intersects (const PkBBox *a,
                 const PkBBox *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

/**
 * pk_vacancy_new:
 * @offices: (element-type PkOfficePoint): every office; those of @license that
 *   serve (pk_status_serves()) are kept
 * @cities: (element-type PkPlace): cities, with their imported limits as geometry or none
 *
 * What the vacancy of any county needs, read once: the serving offices'
 * positions and the urban areas.
 */
PkVacancy *
pk_vacancy_new (PkLicense        license,
                const PkRuleSet *rules,
                GArray          *offices,
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
      const PkOfficePoint *o = &g_array_index (offices, PkOfficePoint, i);
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
        u.bbox = pk_bbox_around_circle (c->lon, c->lat, u.radius_m);
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

/* The serving offices in @box, one by one: start with *@k = G_MAXUINT. */
static const LonLat *
next_office_in (PkVacancy    *self,
                const PkBBox *box,
                guint        *k)
{
  *k = *k == G_MAXUINT ? first_at_lon (self->serving, box->min_x) : *k + 1;
  for (; *k < self->serving->len; (*k)++)
    {
      const LonLat *p = &g_array_index (self->serving, LonLat, *k);

      if (p->lon > box->max_x)
        break;
      if (p->lat >= box->min_y && p->lat <= box->max_y)
        return p;
    }
  return NULL;
}

/* Where a county's circles can come from: its box and a margin wider than
 * the service radius. */
static PkBBox
reach_of (PkVacancy        *self,
          const PkGeometry *outline)
{
  double margin = self->radius_m / 80000.0 + 0.05;
  const PkBBox *b = &outline->bbox;

  return (PkBBox) { b->min_x - margin, b->min_y - margin, b->max_x + margin, b->max_y + margin };
}

/**
 * pk_vacancy_serves:
 *
 * Whether a serving office of the licence type is within the service radius
 * (on the ellipsoid) of the point: what makes a city "unserved" when not.
 */
gboolean
pk_vacancy_serves (PkVacancy *self,
                   double     lat,
                   double     lon)
{
  PkBBox box = pk_bbox_around_circle (lon, lat, self->radius_m);
  const LonLat *p;
  guint k = G_MAXUINT;

  while ((p = next_office_in (self, &box, &k)) != NULL)
    if (pk_geodesic_distance (lat, lon, p->lat, p->lon) <= self->radius_m)
      return TRUE;
  return FALSE;
}

static guint64
mix (guint64     h,
     const void *data,
     gsize       len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * G_GUINT64_CONSTANT (1099511628211);     /* FNV-1a */
  return h;
}

/**
 * pk_vacancy_fingerprint:
 *
 * A hash of everything the county's result depends on: the licence type and
 * radius, its outline, the serving offices near it (as gathered, the same
 * margin), the urban areas near it. Equal fingerprints, equal results: a
 * cache keeps a county's result while its fingerprint stays.
 */
guint64
pk_vacancy_fingerprint (PkVacancy        *self,
                        const PkGeometry *outline)
{
  const PkBBox *box = &outline->bbox;
  PkBBox reach = reach_of (self, outline);
  const LonLat *p;
  guint k = G_MAXUINT;
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  h = mix (h, &self->license, sizeof self->license);
  h = mix (h, &self->radius_m, sizeof self->radius_m);
  h = mix (h, box, sizeof *box);
  h = mix (h, &outline->area_deg2, sizeof outline->area_deg2);
  while ((p = next_office_in (self, &reach, &k)) != NULL)
    h = mix (h, p, sizeof *p);
  for (k = 0; k < self->urban->len; k++)
    {
      const UrbanArea *u = &g_array_index (self->urban, UrbanArea, k);

      if (!bbox_intersects (&u->bbox, box))
        continue;
      h = mix (h, &u->bbox, sizeof u->bbox);
      h = mix (h, &u->radius_m, sizeof u->radius_m);
      if (u->outline != NULL)
        h = mix (h, &u->outline->area_deg2, sizeof u->outline->area_deg2);
    }
  return h;
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

/* What one county carries from phase to phase. */
typedef struct
{
  PkVacancyCounty      *out;
  int                   zone;
  GEOSGeometry         *county;      /* projected, valid */
  const GEOSPreparedGeometry *prepared;
  GPtrArray            *urban;       /* phase 1: the urban pieces near it */
  GEOSGeometry         *urban_union; /* phase 2 */
  GEOSGeometry         *in_urban;    /* phase 2: county ∩ urban areas */
  GPtrArray            *circles;     /* phase 1: service circles touching it */
  GEOSGeometry         *served;      /* phase 2: their union */
} CountyWork;

typedef struct
{
  PkVacancy       *vacancy;
  CountyWork      *work;
  guint            n_counties;
  gboolean         with_geometry;
  GCancellable    *cancellable;
  PkPlanar       **planars;          /* one per worker */
  guint            n_workers;
  GMutex           lock;
  GError          *error;            /* the first failure stops every worker */
  /* the phase running */
  gboolean       (*task) (gpointer run, CountyWork *w, guint part, PkPlanar *planar, GError **error);
  guint           *tasks;            /* county << 1 | part */
  guint            n_tasks;
  gint             next;
} Run;

static void
envelope_of (GEOSContextHandle_t  h,
             const GEOSGeometry  *g,
             double              *e)
{
  GEOSGeom_getXMin_r (h, g, &e[0]);
  GEOSGeom_getYMin_r (h, g, &e[1]);
  GEOSGeom_getXMax_r (h, g, &e[2]);
  GEOSGeom_getYMax_r (h, g, &e[3]);
}

/* Phase 1: the county in its zone, repaired when its outline crosses itself,
 * prepared; the urban areas and the serving offices' circles near it. */
static gboolean
phase_gather (gpointer    data,
              CountyWork *w,
              guint       part,
              PkPlanar   *planar,
              GError    **error)
{
  PkVacancy *self = ((Run *) data)->vacancy;
  GEOSContextHandle_t h = pk_planar_get_context (planar);
  const PkBBox *box = &w->out->outline->bbox;
  PkBBox reach = reach_of (self, w->out->outline);
  const LonLat *p;
  guint k = G_MAXUINT;
  g_autofree double *envelopes = NULL;   /* per urban piece: min x, min y, max x, max y */

  w->zone = pk_utm_zone_for_lon ((box->min_x + box->max_x) / 2);
  if (!pk_planar_set_utm_zone (planar, w->zone, error))
    return FALSE;
  w->county = pk_planar_from_geometry (planar, w->out->outline);
  if (w->county != NULL && GEOSisValid_r (h, w->county) != 1)
    {
      GEOSGeometry *valid = GEOSMakeValid_r (h, w->county);

      GEOSGeom_destroy_r (h, w->county);
      w->county = valid;
    }
  if (w->county == NULL)
    return !pk_planar_failed (planar, error);
  w->prepared = GEOSPrepare_r (h, w->county);

  w->urban = g_ptr_array_new ();
  for (guint k = 0; k < self->urban->len; k++)
    {
      const UrbanArea *u = &g_array_index (self->urban, UrbanArea, k);
      GEOSGeometry *g;

      if (!bbox_intersects (&u->bbox, box))
        continue;
      g = u->outline != NULL ? pk_planar_from_geometry (planar, u->outline)
                             : pk_planar_circle (planar, u->lon, u->lat, u->radius_m, 16);
      if (g != NULL)
        g_ptr_array_add (w->urban, g);
    }

  /* urban Pishkhan: only the urban areas can be vacant, so only the circles
   * that reach one matter — for most counties a small share of them */
  if (self->license == PK_LICENSE_URBAN)
    {
      envelopes = g_new (double, 4 * w->urban->len);
      for (guint i = 0; i < w->urban->len; i++)
        envelope_of (h, g_ptr_array_index (w->urban, i), &envelopes[4 * i]);
    }

  w->circles = g_ptr_array_new ();
  while ((p = next_office_in (self, &reach, &k)) != NULL)
    {
      GEOSGeometry *g;
      gboolean near_urban = envelopes == NULL;
      double e[4];

      if ((g = pk_planar_circle (planar, p->lon, p->lat, self->radius_m, 8)) == NULL)
        continue;
      if (envelopes != NULL)
        envelope_of (h, g, e);
      for (guint i = 0; !near_urban && i < w->urban->len; i++)
        near_urban = e[0] <= envelopes[4 * i + 2] && envelopes[4 * i] <= e[2] &&
                     e[1] <= envelopes[4 * i + 3] && envelopes[4 * i + 1] <= e[3];
      if (near_urban && GEOSPreparedIntersects_r (h, w->prepared, g) == 1)
        g_ptr_array_add (w->circles, g);
      else
        GEOSGeom_destroy_r (h, g);
    }
  return !pk_planar_failed (planar, error);
}

/* Phase 2, two tasks per county side by side: the union of its urban areas
 * (and their part in the county), the union of its service circles. */
static gboolean
phase_unions (gpointer    data,
              CountyWork *w,
              guint       part,
              PkPlanar   *planar,
              GError    **error)
{
  GEOSContextHandle_t h = pk_planar_get_context (planar);

  if (w->county == NULL)
    return TRUE;
  if (part == 0)
    {
      w->urban_union = union_of (planar, w->urban);      /* takes the pieces */
      if (w->urban_union != NULL)
        w->in_urban = GEOSIntersection_r (h, w->county, w->urban_union);
    }
  else
    w->served = union_of (planar, w->circles);           /* takes the circles */
  return !pk_planar_failed (planar, error);
}

/* Phase 3: the areas, and the county less what is served (and, for rural,
 * less the urban areas). */
static gboolean
phase_vacant (gpointer    data,
              CountyWork *w,
              guint       part,
              PkPlanar   *planar,
              GError    **error)
{
  Run *run = data;
  PkVacancy *self = run->vacancy;
  PkVacancyCounty *c = w->out;
  GEOSContextHandle_t h = pk_planar_get_context (planar);
  GEOSGeometry *vacant;

  if (w->county == NULL)
    return TRUE;
  if (!pk_planar_set_utm_zone (planar, w->zone, error))
    return FALSE;
  c->county_km2 = pk_planar_area_km2 (planar, w->county);
  c->base_km2 = self->license == PK_LICENSE_RURAL
                ? c->county_km2 - pk_planar_area_km2 (planar, w->in_urban)
                : pk_planar_area_km2 (planar, w->in_urban);
  vacant = self->license == PK_LICENSE_RURAL ? w->county : w->in_urban;
  vacant = vacant != NULL ? GEOSGeom_clone_r (h, vacant) : NULL;
  if (vacant != NULL && w->served != NULL)
    {
      GEOSGeometry *less = GEOSDifference_r (h, vacant, w->served);

      GEOSGeom_destroy_r (h, vacant);
      vacant = less;
    }
  if (vacant != NULL && w->urban_union != NULL && self->license == PK_LICENSE_RURAL)
    {
      GEOSGeometry *less = GEOSDifference_r (h, vacant, w->urban_union);

      GEOSGeom_destroy_r (h, vacant);
      vacant = less;
    }
  c->vacant_km2 = pk_planar_area_km2 (planar, vacant);
  if (run->with_geometry && vacant != NULL && c->vacant_km2 > 0)
    c->vacant = pk_planar_to_geometry (planar, vacant);
  pk_planar_destroy (planar, vacant);
  return !pk_planar_failed (planar, error);
}

static void
county_work_clear (CountyWork          *w,
                   GEOSContextHandle_t  h)
{
  if (w->urban != NULL)
    {
      for (guint k = 0; k < w->urban->len; k++)
        GEOSGeom_destroy_r (h, g_ptr_array_index (w->urban, k));
      g_ptr_array_unref (w->urban);
    }
  if (w->circles != NULL)
    {
      /* left only when the union never ran */
      for (guint k = 0; k < w->circles->len; k++)
        GEOSGeom_destroy_r (h, g_ptr_array_index (w->circles, k));
      g_ptr_array_unref (w->circles);
    }
  if (w->served != NULL)
    GEOSGeom_destroy_r (h, w->served);
  if (w->urban_union != NULL)
    GEOSGeom_destroy_r (h, w->urban_union);
  if (w->in_urban != NULL)
    GEOSGeom_destroy_r (h, w->in_urban);
  if (w->prepared != NULL)
    GEOSPreparedGeom_destroy_r (h, w->prepared);
  if (w->county != NULL)
    GEOSGeom_destroy_r (h, w->county);
}

typedef struct
{
  Run  *run;
  guint worker;
} Worker;

static gpointer
run_worker (gpointer data)
{
  Worker *me = data;
  Run *run = me->run;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&run->next, 1);
      GError *local = NULL;
      gboolean stop;

      g_mutex_lock (&run->lock);
      stop = run->error != NULL;
      g_mutex_unlock (&run->lock);
      if (stop || i >= run->n_tasks ||
          g_cancellable_set_error_if_cancelled (run->cancellable, &local) ||
          !run->task (run, &run->work[run->tasks[i] >> 1], run->tasks[i] & 1, run->planars[me->worker],
                      &local))
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

/* Runs @task on each of @tasks, on every worker (this thread one of them). */
static gboolean
run_phase (Run      *run,
           gboolean (*task) (gpointer, CountyWork *, guint, PkPlanar *, GError **),
           GArray   *tasks)
{
  g_autofree Worker *workers = g_new (Worker, run->n_workers);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  run->task = task;
  run->tasks = (guint *) tasks->data;
  run->n_tasks = tasks->len;
  run->next = 0;
  for (guint t = 0; t < run->n_workers; t++)
    workers[t] = (Worker) { run, t };
  for (guint t = 1; t < MIN (run->n_workers, tasks->len); t++)
    g_ptr_array_add (threads, g_thread_new ("pk-vacancy", run_worker, &workers[t]));
  run_worker (&workers[0]);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  return run->error == NULL;
}

/**
 * pk_vacancy_compute:
 * @counties: (array length=n_counties): the counties, each with its outline
 * @with_geometry: whether to give back each vacant area's shape, not only its size
 *
 * Fills in each county's areas, on as many threads as the machine has cores:
 * first each county's pieces are gathered, then the unions (a county's urban
 * areas, its circles) are made side by side, then each county's difference.
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
  Run run = { self, g_new0 (CountyWork, MAX (n_counties, 1)), n_counties, with_geometry, cancellable };
  g_autoptr(GArray) each = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) unions = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (n_counties < G_MAXUINT / 2, FALSE);
  run.n_workers = MAX (1, MIN ((guint) g_get_num_processors (), 64));
  run.planars = g_new (PkPlanar *, run.n_workers);
  for (guint t = 0; t < run.n_workers; t++)
    run.planars[t] = pk_planar_new ();
  g_mutex_init (&run.lock);
  for (guint i = 0; i < n_counties; i++)
    {
      guint task = i << 1;

      run.work[i].out = &counties[i];
      g_array_append_val (each, task);
    }

  if (run_phase (&run, phase_gather, each))
    {
      for (guint i = 0; i < 2 * n_counties; i++)
        g_array_append_val (unions, i);
      if (run_phase (&run, phase_unions, unions))
        run_phase (&run, phase_vacant, each);
    }

  for (guint i = 0; i < n_counties; i++)
    county_work_clear (&run.work[i], pk_planar_get_context (run.planars[0]));
  for (guint t = 0; t < run.n_workers; t++)
    pk_planar_free (run.planars[t]);
  g_free (run.planars);
  g_free (run.work);
  g_mutex_clear (&run.lock);
  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}
