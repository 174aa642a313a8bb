/* pk-suggest.c
 *
 * Suggested sites: up to N places that would serve the most unserved cities,
 * then the most unserved area, within the rules.
 *
 * The choice is greedy maximal covering: each round takes the candidate that
 * adds the most (cities first, area second) to what is already covered. The
 * exact problem is NP-hard; greedy is within 1 − 1/e of the optimum for
 * coverage, runs in milliseconds on a province, and its picks are easy to
 * explain to a working group ("this one serves these three cities"), which
 * matters more here than the last few per cent.
 *
 * Every pick must pass the siting checker (at the minimum floor area and with
 * permitted land use declared: both are the applicant's to provide), keep the
 * minimum spacing from the other picks as well as from existing offices, and
 * the county's free capacity (LT-7) bounds the number per county: a county
 * with no capacity set, or none free, gets no suggestion at all (its
 * candidates are never built — they could not pass SR-4).
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-suggest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pk-suggest.h"
#include "pk-rules.h"

typedef struct
{
  double lat, lon;
  double weight_km2;       /* 0 for a city */
  int    city;             /* index into cities, or -1 */
  gboolean covered;
} Demand;

typedef struct
{
  double          lat, lon;
  const PkPlace  *county;
  GArray         *reach;   /* guint indices into demands */
  gboolean        taken;
} Candidate;

void
pk_suggestion_free (PkSuggestion *self)
{
  if (self == NULL)
    return;
  pk_place_free (self->county);
  g_ptr_array_unref (self->covered_cities);
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  g_free (self);
}

/* Equirectangular distance: for the coverage matrix only (the cells are a
 * few km); the checker's verdict uses exact geodesics. */
static double
fast_distance_m (double lat1, double lon1, double lat2, double lon2)
{
  double x = (lon2 - lon1) * cos ((lat1 + lat2) / 2 * G_PI / 180) * 111320;
  double y = (lat2 - lat1) * 110574;

  return sqrt (x * x + y * y);
}

static int
compare_demand_lat (gconstpointer a,
                    gconstpointer b)
{
  double x = ((const Demand *) a)->lat, y = ((const Demand *) b)->lat;

  return (x > y) - (x < y);
}

static gboolean
in_setting (PkSiteChecker *checker,
            double         lat,
            double         lon,
            PkLicense      license)
{
  PkSettingBasis basis;
  double r;
  const PkPlace *city = pk_site_checker_urban_area_at (checker, lat, lon, &basis, &r);

  return (city != NULL) == (license == PK_LICENSE_URBAN);
}

/* What every suggestion of one licence type reads, shared read-only by the
 * workers of pk_suggest_sites_each(). */
typedef struct
{
  PkSiteChecker   *checker;
  GPtrArray       *counties;
  GPtrArray       *cities;
  const PkRuleSet *rules;
  PkLicense        license;
  double           radius, spacing;
  double           demand_step, cand_step;   /* degrees */
} Snapshot;

static void
snapshot_clear (Snapshot *snap)
{
  g_clear_pointer (&snap->checker, pk_site_checker_free);
  g_clear_pointer (&snap->counties, g_ptr_array_unref);
  g_clear_pointer (&snap->cities, g_ptr_array_unref);
}

static gboolean
snapshot_init (Snapshot   *snap,
               PkStore    *store,
               PkLicense   license,
               GError    **error)
{
  memset (snap, 0, sizeof *snap);
  if ((snap->checker = pk_site_checker_new (store, error)) == NULL ||
      (snap->counties = pk_store_list_counties (store, error)) == NULL ||
      (snap->cities = pk_store_list_cities (store, error)) == NULL)
    {
      snapshot_clear (snap);
      return FALSE;
    }
  snap->rules = pk_site_checker_get_rules (snap->checker);
  snap->license = license;
  snap->radius = snap->rules->service_radius_m[license];
  snap->spacing = snap->rules->min_spacing_m[license];
  /* sample fine enough to see the service circles, coarse enough to stay fast */
  snap->demand_step = CLAMP (snap->radius / 2.5, 150, 3000) / 111000;
  snap->cand_step = CLAMP (snap->radius / 2, 150, 3000) / 111000;
  return TRUE;
}

/* One greedy choice: its demands, its candidates, the counties' free places. */
typedef struct
{
  GArray     *demands;
  GArray     *candidates;
  GHashTable *free_slots;      /* county id → free places (LT-7) */
} Problem;

static void
problem_init (Problem *pb)
{
  pb->demands = g_array_new (FALSE, TRUE, sizeof (Demand));
  pb->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  pb->free_slots = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static void
problem_clear (Problem *pb)
{
  for (guint i = 0; i < pb->candidates->len; i++)
    g_clear_pointer (&g_array_index (pb->candidates, Candidate, i).reach, g_array_unref);
  g_array_unref (pb->candidates);
  g_array_unref (pb->demands);
  g_hash_table_unref (pb->free_slots);
}

/* LT-7: the county's free capacity, as SR-4 counts it (one probe); 0 when
 * none is set or none is free: such a county gets no suggestion. */
static int
free_places (const Snapshot *snap,
             const PkPlace  *county)
{
  int capacity = pk_rule_set_get_capacity (snap->rules, county->id, snap->license);
  g_autoptr(PkSiteVerdict) probe = NULL;
  PkSiteQuery q;
  int used;

  if (capacity < 0)
    {
      g_debug ("%s: no capacity set, no suggestion", pk_place_display_name (county));
      return 0;
    }
  pk_site_query_init (&q);
  q.lat = county->lat;
  q.lon = county->lon;
  q.license = snap->license;
  probe = pk_site_checker_check (snap->checker, &q);
  used = probe->rules->len >= 4 ? (int) ((PkRuleResult *) g_ptr_array_index (probe->rules, 3))->measured : 0;
  if (capacity - used <= 0)
    g_debug ("%s: capacity %d, %d used, no suggestion", pk_place_display_name (county), capacity, used);
  return MAX (capacity - used, 0);
}

/* The county's demands (unserved cities, then unserved area cells of the
 * right setting) and candidates (a grid where an office of the type may
 * stand, and the unserved cities themselves). */
static void
add_county (const Snapshot *snap,
            const PkPlace  *county,
            Problem        *pb)
{
  PkSiteChecker *checker = snap->checker;
  PkLicense license = snap->license;
  const PkBBox *b = &county->geometry->bbox;
  int places = free_places (snap, county);

  if (places <= 0)
    return;
  g_hash_table_insert (pb->free_slots, (gpointer) &county->id, GINT_TO_POINTER (places));
  for (guint k = 0; k < snap->cities->len; k++)
    {
      PkPlace *city = g_ptr_array_index (snap->cities, k);
      Demand d = { city->lat, city->lon, 0, (int) k, FALSE };

      if (city->parent_id == county->id &&
          !pk_site_checker_serves (checker, city->lat, city->lon, license, snap->radius))
        g_array_append_val (pb->demands, d);
    }
  for (double lat = b->min_y + snap->demand_step / 2; lat < b->max_y; lat += snap->demand_step)
    for (double lon = b->min_x + snap->demand_step / 2; lon < b->max_x; lon += snap->demand_step)
      {
        double km = snap->demand_step * 110.574;
        Demand d = { lat, lon, km * km * cos (lat * G_PI / 180), -1, FALSE };

        /* urban demand lies in urban areas only; rural outside them */
        if (!in_setting (checker, lat, lon, license) ||
            !pk_geometry_contains (county->geometry, lon, lat) ||
            pk_site_checker_serves (checker, lat, lon, license, snap->radius))
          continue;
        g_array_append_val (pb->demands, d);
      }
  for (double lat = b->min_y + snap->cand_step / 2; lat < b->max_y; lat += snap->cand_step)
    for (double lon = b->min_x + snap->cand_step / 2; lon < b->max_x; lon += snap->cand_step)
      {
        Candidate cand = { lat, lon, county, NULL, FALSE };
        const PkPlace *here;

        if (!in_setting (checker, lat, lon, license))
          continue;
        here = pk_site_checker_find_county (checker, lat, lon);
        if (here == NULL || here->id != county->id)
          continue;
        g_array_append_val (pb->candidates, cand);
      }
  for (guint k = 0; k < pb->demands->len; k++)
    {
      Demand *d = &g_array_index (pb->demands, Demand, k);
      Candidate cand = { d->lat, d->lon, county, NULL, FALSE };

      if (d->city >= 0 && ((PkPlace *) g_ptr_array_index (snap->cities, d->city))->parent_id == county->id &&
          in_setting (checker, d->lat, d->lon, license))
        g_array_append_val (pb->candidates, cand);
    }
}

/* What each candidate would reach: demands sorted by latitude, so each
 * candidate looks only at the band within the radius north and south. */
static void
compute_reach (const Snapshot *snap,
               Problem        *pb)
{
  GArray *demands = pb->demands;

  g_array_sort (demands, compare_demand_lat);
  for (guint i = 0; i < pb->candidates->len; i++)
    {
      Candidate *c = &g_array_index (pb->candidates, Candidate, i);
      double lat0 = c->lat - snap->radius / 110574.0;
      guint lo = 0, hi = demands->len;

      c->reach = g_array_new (FALSE, FALSE, sizeof (guint));
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (demands, Demand, mid).lat < lat0)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint k = lo; k < demands->len; k++)
        {
          Demand *d = &g_array_index (demands, Demand, k);

          if ((d->lat - c->lat) * 110574 > snap->radius)
            break;
          if (fast_distance_m (c->lat, c->lon, d->lat, d->lon) <= snap->radius)
            g_array_append_val (c->reach, k);
        }
    }
}

/* A candidate's gain: cities first, then area; ties go to the earlier one. */
typedef struct
{
  guint  cities;
  double area;
  guint  index;
} Gain;

static gboolean
gain_before (const Gain *a,
             const Gain *b)
{
  if (a->cities != b->cities)
    return a->cities > b->cities;
  if (a->area != b->area)
    return a->area > b->area;
  return a->index < b->index;
}

static Gain
gain_of (Problem *pb,
         guint    index)
{
  Candidate *c = &g_array_index (pb->candidates, Candidate, index);
  Gain g = { 0, 0, index };

  for (guint k = 0; k < c->reach->len; k++)
    {
      Demand *d = &g_array_index (pb->demands, Demand, g_array_index (c->reach, guint, k));

      if (d->covered)
        continue;
      g.cities += d->city >= 0;
      g.area += d->weight_km2;
    }
  return g;
}

/* A binary max-heap of gains. */
static void
heap_push (GArray *heap,
           Gain    g)
{
  guint i = heap->len;

  g_array_append_val (heap, g);
  while (i > 0 && gain_before (&g_array_index (heap, Gain, i), &g_array_index (heap, Gain, (i - 1) / 2)))
    {
      Gain t = g_array_index (heap, Gain, i);

      g_array_index (heap, Gain, i) = g_array_index (heap, Gain, (i - 1) / 2);
      g_array_index (heap, Gain, (i - 1) / 2) = t;
      i = (i - 1) / 2;
    }
}

static Gain
heap_pop (GArray *heap)
{
  Gain top = g_array_index (heap, Gain, 0);
  guint i = 0;

  g_array_index (heap, Gain, 0) = g_array_index (heap, Gain, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < heap->len && gain_before (&g_array_index (heap, Gain, l), &g_array_index (heap, Gain, m)))
        m = l;
      if (r < heap->len && gain_before (&g_array_index (heap, Gain, r), &g_array_index (heap, Gain, m)))
        m = r;
      if (m == i)
        break;
      {
        Gain t = g_array_index (heap, Gain, i);

        g_array_index (heap, Gain, i) = g_array_index (heap, Gain, m);
        g_array_index (heap, Gain, m) = t;
      }
      i = m;
    }
  return top;
}

/* The pick: its verdict from the checker (which has the last word), the
 * cities it would serve; its demands are then covered. */
static PkSuggestion *
take (const Snapshot *snap,
      Problem        *pb,
      Candidate      *best,
      const Gain     *gain)
{
  PkSiteQuery q;
  g_autoptr(PkSiteVerdict) v = NULL;
  PkSuggestion *s;

  best->taken = TRUE;
  pk_site_query_init (&q);
  q.lat = best->lat;
  q.lon = best->lon;
  q.license = snap->license;
  q.area_m2 = snap->rules->min_area_m2[snap->license];
  q.land_use = PK_LAND_USE_YES;
  v = pk_site_checker_check (snap->checker, &q);
  if (v->verdict != PK_VERDICT_PASS)
    {
      for (guint r = 0; r < v->rules->len; r++)
        if (((PkRuleResult *) g_ptr_array_index (v->rules, r))->status != PK_RULE_PASS)
          g_debug ("candidate %f, %f dropped: %s", best->lat, best->lon,
                   ((PkRuleResult *) g_ptr_array_index (v->rules, r))->message);
      return NULL;
    }

  s = g_new0 (PkSuggestion, 1);
  s->lat = best->lat;
  s->lon = best->lon;
  s->county = pk_place_copy (best->county);
  g_clear_pointer (&s->county->geometry, pk_geometry_unref);
  s->covered_cities = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  s->covered_area_km2 = gain->area;
  s->verdict = g_steal_pointer (&v);
  for (guint k = 0; k < best->reach->len; k++)
    {
      Demand *d = &g_array_index (pb->demands, Demand, g_array_index (best->reach, guint, k));

      if (!d->covered && d->city >= 0)
        {
          PkPlace *city = pk_place_copy (g_ptr_array_index (snap->cities, d->city));

          g_clear_pointer (&city->geometry, pk_geometry_unref);
          g_ptr_array_add (s->covered_cities, city);
        }
      d->covered = TRUE;
    }
  return s;
}

/* Lazy greedy: a candidate's gain only shrinks as picks cover its demands,
 * so the gain it had when last counted bounds what it has now. Take the best
 * bound, count it again; if it is still ahead of every other bound it is the
 * best candidate, else it goes back with its new gain. A candidate that fails
 * the spacing from a pick, its county's free places or the checker cannot
 * pass later (picks only add up), so it leaves for good. The picks are those
 * of counting every candidate every round, in the same order. */
static GPtrArray *
pick (const Snapshot *snap,
      Problem        *pb,
      guint           count)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_suggestion_free);
  g_autoptr(GArray) heap = g_array_sized_new (FALSE, FALSE, sizeof (Gain), pb->candidates->len);

  for (guint i = 0; i < pb->candidates->len; i++)
    {
      Gain g = gain_of (pb, i);

      if (g.cities > 0 || g.area > 0)
        heap_push (heap, g);
    }
  while (out->len < count && heap->len > 0)
    {
      Gain top = heap_pop (heap);
      Gain now = gain_of (pb, top.index);
      Candidate *c = &g_array_index (pb->candidates, Candidate, top.index);
      gboolean spaced = TRUE;
      int places;
      PkSuggestion *s;

      if (now.cities == 0 && now.area <= 0)
        continue;                                   /* nothing left to serve */
      if (heap->len > 0 && gain_before (&g_array_index (heap, Gain, 0), &now))
        {
          heap_push (heap, now);                    /* overtaken: back in line */
          continue;
        }
      for (guint p = 0; p < out->len && spaced; p++)
        {
          PkSuggestion *other = g_ptr_array_index (out, p);

          spaced = pk_geodesic_distance (c->lat, c->lon, other->lat, other->lon) >= snap->spacing;
        }
      places = GPOINTER_TO_INT (g_hash_table_lookup (pb->free_slots, &c->county->id));
      if (!spaced || places <= 0 || (s = take (snap, pb, c, &now)) == NULL)
        continue;
      g_hash_table_insert (pb->free_slots, (gpointer) &c->county->id, GINT_TO_POINTER (places - 1));
      g_ptr_array_add (out, s);
    }
  return g_steal_pointer (&out);
}

static GPtrArray *
suggest (const Snapshot *snap,
         gint64          county_id,
         guint           count)
{
  Problem pb;
  GPtrArray *out;

  problem_init (&pb);
  for (guint c = 0; c < snap->counties->len; c++)
    {
      PkPlace *county = g_ptr_array_index (snap->counties, c);

      if ((county_id == 0 || county->id == county_id) && county->geometry != NULL)
        add_county (snap, county, &pb);
    }
  compute_reach (snap, &pb);
  out = pick (snap, &pb, count);
  problem_clear (&pb);
  return out;
}

/**
 * pk_suggest_sites:
 * @county_id: one county, or 0 for the whole province
 * @count: at most this many sites
 *
 * Returns: (transfer full) (element-type PkSuggestion): the picks, best first
 */
GPtrArray *
pk_suggest_sites (PkStore    *store,
                  PkLicense   license,
                  gint64      county_id,
                  guint       count,
                  GError    **error)
{
  Snapshot snap;
  GPtrArray *out;

  if (!snapshot_init (&snap, store, license, error))
    return NULL;
  out = suggest (&snap, county_id, count);
  snapshot_clear (&snap);
  return out;
}

typedef struct
{
  const Snapshot *snap;
  guint           count;
  GPtrArray      *out;          /* per county */
  GCancellable   *cancellable;
  gint            next;
} EachRun;

static void
picks_free (gpointer picks)
{
  if (picks != NULL)
    g_ptr_array_unref (picks);
}

static gpointer
each_worker (gpointer data)
{
  EachRun *run = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&run->next, 1);
      PkPlace *county;

      if (i >= run->snap->counties->len || g_cancellable_is_cancelled (run->cancellable))
        return NULL;
      county = g_ptr_array_index (run->snap->counties, i);
      run->out->pdata[i] = suggest (run->snap, county->id, run->count);
    }
}

/**
 * pk_suggest_sites_each:
 * @count: at most this many sites in each county
 *
 * Suggestions for every county on its own, counties side by side on every
 * core over one snapshot of the workspace.
 *
 * Returns: (transfer full) (element-type GPtrArray): per county (in the
 *   order of pk_store_list_counties()), its picks, best first
 */
GPtrArray *
pk_suggest_sites_each (PkStore       *store,
                       PkLicense      license,
                       guint          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Snapshot snap;
  EachRun run = { &snap, count, NULL, cancellable, 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_threads;

  if (!snapshot_init (&snap, store, license, error))
    return NULL;
  run.out = g_ptr_array_new_with_free_func (picks_free);
  g_ptr_array_set_size (run.out, snap.counties->len);
  n_threads = MIN ((guint) g_get_num_processors (), MAX (snap.counties->len, 1));
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("pk-suggest", each_worker, &run));
  each_worker (&run);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  snapshot_clear (&snap);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (run.out);
      return NULL;
    }
  return run.out;
}

JsonNode *
pk_suggestions_to_json (GPtrArray *suggestions,
                        PkLicense  license)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "license");
  json_builder_add_string_value (b, pk_license_to_string (license));
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, "greedy maximal covering: unserved cities first, then unserved area");
  json_builder_set_member_name (b, "suggestions");
  json_builder_begin_array (b);
  for (guint i = 0; i < suggestions->len; i++)
    {
      PkSuggestion *s = g_ptr_array_index (suggestions, i);
      g_autoptr(JsonNode) verdict = pk_site_verdict_to_json (s->verdict);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "location");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, round (s->lat * 1e6) / 1e6);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, round (s->lon * 1e6) / 1e6);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "county");
      pk_place_add_json (s->county, b);
      json_builder_set_member_name (b, "covers");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cities");
      json_builder_begin_array (b);
      for (guint k = 0; k < s->covered_cities->len; k++)
        pk_place_add_json (g_ptr_array_index (s->covered_cities, k), b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "area_km2");
      json_builder_add_double_value (b, round (s->covered_area_km2 * 100) / 100);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, pk_verdict_to_string (s->verdict->verdict));
      json_builder_set_member_name (b, "check");
      json_builder_add_value (b, g_steal_pointer (&verdict));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
