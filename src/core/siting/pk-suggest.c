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
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, error);
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GArray) demands = g_array_new (FALSE, TRUE, sizeof (Demand));
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_suggestion_free);
  g_autoptr(GHashTable) free_slots = g_hash_table_new (g_int64_hash, g_int64_equal);
  const PkRuleSet *rules;
  double radius, spacing, demand_step, cand_step;

  if (checker == NULL ||
      (counties = pk_store_list_counties (store, error)) == NULL ||
      (cities = pk_store_list_cities (store, error)) == NULL)
    return NULL;
  rules = pk_site_checker_get_rules (checker);
  radius = rules->service_radius_m[license];
  spacing = rules->min_spacing_m[license];
  /* sample fine enough to see the service circles, coarse enough to stay fast */
  demand_step = CLAMP (radius / 2.5, 150, 3000) / 111000;
  cand_step = CLAMP (radius / 2, 150, 3000) / 111000;

  for (guint c = 0; c < counties->len; c++)
    {
      PkPlace *county = g_ptr_array_index (counties, c);
      PkBBox *b = &county->geometry->bbox;

      if (county_id != 0 && county->id != county_id)
        continue;
      /* LT-7: the county's free capacity, as SR-4 counts it (one probe) */
      {
        int capacity = pk_rule_set_get_capacity (rules, county->id, license);
        g_autoptr(PkSiteVerdict) probe = NULL;
        PkSiteQuery q;
        int used;

        if (capacity < 0)
          {
            g_debug ("%s: no capacity set, no suggestion", pk_place_display_name (county));
            continue;
          }
        pk_site_query_init (&q);
        q.lat = county->lat;
        q.lon = county->lon;
        q.license = license;
        probe = pk_site_checker_check (checker, &q);
        used = probe->rules->len >= 4 ? (int) ((PkRuleResult *) g_ptr_array_index (probe->rules, 3))->measured : 0;
        if (capacity - used <= 0)
          {
            g_debug ("%s: capacity %d, %d used, no suggestion", pk_place_display_name (county),
                     capacity, used);
            continue;
          }
        g_hash_table_insert (free_slots, &county->id, GINT_TO_POINTER (capacity - used));
      }
      /* demand: unserved cities, then unserved area cells of the right setting */
      for (guint k = 0; k < cities->len; k++)
        {
          PkPlace *city = g_ptr_array_index (cities, k);
          Demand d = { city->lat, city->lon, 0, (int) k, FALSE };

          if (city->parent_id == county->id && !pk_site_checker_serves (checker, city->lat, city->lon, license, radius))
            g_array_append_val (demands, d);
        }
      for (double lat = b->min_y + demand_step / 2; lat < b->max_y; lat += demand_step)
        for (double lon = b->min_x + demand_step / 2; lon < b->max_x; lon += demand_step)
          {
            double km = demand_step * 110.574;
            Demand d = { lat, lon, km * km * cos (lat * G_PI / 180), -1, FALSE };

            if (license == PK_LICENSE_URBAN &&
                !in_setting (checker, lat, lon, license))
              continue;                      /* urban demand lies in urban areas only */
            if (!pk_geometry_contains (county->geometry, lon, lat) ||
                !in_setting (checker, lat, lon, license) ||
                pk_site_checker_serves (checker, lat, lon, license, radius))
              continue;
            g_array_append_val (demands, d);
          }
      /* candidates: the same kind of grid, where an office of the type may stand */
      for (double lat = b->min_y + cand_step / 2; lat < b->max_y; lat += cand_step)
        for (double lon = b->min_x + cand_step / 2; lon < b->max_x; lon += cand_step)
          {
            Candidate cand = { lat, lon, county, NULL, FALSE };
            const PkPlace *here;

            if (!in_setting (checker, lat, lon, license))
              continue;
            here = pk_site_checker_find_county (checker, lat, lon);
            if (here == NULL || here->id != county->id)
              continue;
            g_array_append_val (candidates, cand);
          }
      /* and the unserved cities themselves, where the setting allows */
      for (guint k = 0; k < demands->len; k++)
        {
          Demand *d = &g_array_index (demands, Demand, k);
          Candidate cand = { d->lat, d->lon, county, NULL, FALSE };

          if (d->city >= 0 && ((PkPlace *) g_ptr_array_index (cities, d->city))->parent_id == county->id &&
              in_setting (checker, d->lat, d->lon, license))
            g_array_append_val (candidates, cand);
        }
    }

  /* what each candidate would reach: demands sorted by latitude, so each
   * candidate looks only at the band within the radius north and south */
  g_array_sort (demands, compare_demand_lat);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      double lat0 = c->lat - radius / 110574.0;
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

          if ((d->lat - c->lat) * 110574 > radius)
            break;
          if (fast_distance_m (c->lat, c->lon, d->lat, d->lon) <= radius)
            g_array_append_val (c->reach, k);
        }
    }

  while (out->len < count)
    {
      Candidate *best = NULL;
      guint best_cities = 0;
      double best_area = 0;

      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = &g_array_index (candidates, Candidate, i);
          guint n_cities = 0;
          double area = 0;
          gboolean spaced = TRUE;

          if (c->taken)
            continue;
          for (guint k = 0; k < c->reach->len; k++)
            {
              Demand *d = &g_array_index (demands, Demand, g_array_index (c->reach, guint, k));

              if (d->covered)
                continue;
              n_cities += d->city >= 0;
              area += d->weight_km2;
            }
          if (n_cities < best_cities || (n_cities == best_cities && area <= best_area))
            continue;
          /* the rules: spacing from the other picks, free capacity of the county */
          for (guint p = 0; p < out->len && spaced; p++)
            {
              PkSuggestion *s = g_ptr_array_index (out, p);
              spaced = pk_geodesic_distance (c->lat, c->lon, s->lat, s->lon) >= spacing;
            }
          if (!spaced)
            continue;
          if (GPOINTER_TO_INT (g_hash_table_lookup (free_slots, &c->county->id)) <= 0)
            continue;
          best = c;
          best_cities = n_cities;
          best_area = area;
        }
      if (best == NULL)
        break;

      /* the checker has the last word: a pick that does not pass is dropped */
      {
        PkSiteQuery q;
        g_autoptr(PkSiteVerdict) v = NULL;
        PkSuggestion *s;

        best->taken = TRUE;
        pk_site_query_init (&q);
        q.lat = best->lat;
        q.lon = best->lon;
        q.license = license;
        q.area_m2 = rules->min_area_m2[license];
        q.land_use = PK_LAND_USE_YES;
        v = pk_site_checker_check (checker, &q);
        if (v->verdict != PK_VERDICT_PASS)
          {
            for (guint r = 0; r < v->rules->len; r++)
              if (((PkRuleResult *) g_ptr_array_index (v->rules, r))->status != PK_RULE_PASS)
                g_debug ("candidate %f, %f dropped: %s", best->lat, best->lon,
                         ((PkRuleResult *) g_ptr_array_index (v->rules, r))->message);
            continue;
          }

        s = g_new0 (PkSuggestion, 1);
        s->lat = best->lat;
        s->lon = best->lon;
        s->county = pk_place_copy (best->county);
        g_clear_pointer (&s->county->geometry, pk_geometry_unref);
        s->covered_cities = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
        s->covered_area_km2 = best_area;
        s->verdict = g_steal_pointer (&v);
        for (guint k = 0; k < best->reach->len; k++)
          {
            Demand *d = &g_array_index (demands, Demand, g_array_index (best->reach, guint, k));

            if (!d->covered && d->city >= 0)
              {
                PkPlace *city = pk_place_copy (g_ptr_array_index (cities, d->city));

                g_clear_pointer (&city->geometry, pk_geometry_unref);
                g_ptr_array_add (s->covered_cities, city);
              }
            d->covered = TRUE;
          }
        g_hash_table_insert (free_slots, (gpointer) &best->county->id,
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (
                               free_slots, &best->county->id)) - 1));
        g_ptr_array_add (out, s);
      }
    }

  for (guint i = 0; i < candidates->len; i++)
    g_array_unref (g_array_index (candidates, Candidate, i).reach);
  return g_steal_pointer (&out);
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
