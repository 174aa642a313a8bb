/* pk-bench.c: speed of the siting checker at national scale
 *
 * Builds a deterministic synthetic national workspace (fixed seed: 25,000
 * offices of both types and 20,000 candidate sites over all 31 provinces,
 * clustered near cities), then measures in one run:
 *   - the office import of 25,000 CSV rows (target: under 5 s);
 *   - the core siting check per site, p50/p99 µs and checks per second
 *     (target: p99 under 1 ms), against a naive baseline that computes the
 *     geodesic distance to every office (target: at least 100× faster);
 *   - `pishkhan-cli check --batch` throughput;
 *   - rural vacant areas for one province and for all 31 (targets: under 1 s
 *     and 15 s), against a baseline that buffers each office and each city
 *     and differences them from the county one by one (and the two areas
 *     must agree); the county table for both licence types; suggest N=10;
 *   - peak memory.
 * Prints a table and writes bench/results.json. Never run as a timed test.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <locale.h>
#include <time.h>

#include "pk-bench-national.h"
#include "pk-geography.h"
#include "pk-coverage.h"
#include "pk-export.h"
#include "pk-import.h"
#include "pk-rules.h"
#include "pk-siting.h"
#include "pk-suggest.h"

#include <sqlite3.h>
#include <spatialite.h>

#define N_OFFICES 25000
#define N_SITES_DEFAULT 20000
#define N_NAIVE   400
#define SEED      25000

static int N_SITES = N_SITES_DEFAULT;

/* The straightforward way to a county's rural vacant area: its outline in
 * UTM, minus a buffer of every serving rural office, then minus every city's
 * urban circle, one ST_Difference at a time. Returns the area in km². */
static double
baseline_vacancy (const char *path,
                  PkStore    *store,
                  gint64      county_id,
                  int         srid)
{
  g_autoptr(PkRuleSet) rules = pk_store_load_rules (store, NULL);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, NULL);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, NULL);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, NULL);
  PkBBox box = { 0 };
  void *cache = spatialite_alloc_connection ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;
  double area = NAN;
  guint n = 0;

  for (guint i = 0; i < counties->len; i++)
    if (((PkPlace *) g_ptr_array_index (counties, i))->id == county_id)
      box = ((PkPlace *) g_ptr_array_index (counties, i))->geometry->bbox;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("baseline: %s", sqlite3_errmsg (db));
  spatialite_init_ex (db, cache, 0);
  sqlite3_exec (db, "CREATE TEMP TABLE v (g BLOB)", NULL, NULL, NULL);
  sql = g_strdup_printf ("INSERT INTO temp.v SELECT ST_Transform (geom, %d) FROM counties"
                         " WHERE id = %" G_GINT64_FORMAT, srid, county_id);
  sqlite3_exec (db, sql, NULL, NULL, NULL);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE temp.v SET g = ST_Difference (g, ST_Buffer (ST_Transform ("
                         "MakePoint (?1, ?2, 4326), %d), ?3, 8))", srid);
  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      double r = rules->service_radius_m[PK_LICENSE_RURAL];

      if (o->license != PK_LICENSE_RURAL || !pk_status_serves (o->status) ||
          o->lon < box.min_x - 0.1 || o->lon > box.max_x + 0.1 ||
          o->lat < box.min_y - 0.1 || o->lat > box.max_y + 0.1)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_double (stmt, 1, o->lon);
      sqlite3_bind_double (stmt, 2, o->lat);
      sqlite3_bind_double (stmt, 3, r);
      sqlite3_step (stmt);
      n++;
    }
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);

      if (c->lon < box.min_x - 0.1 || c->lon > box.max_x + 0.1 ||
          c->lat < box.min_y - 0.1 || c->lat > box.max_y + 0.1)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_double (stmt, 1, c->lon);
      sqlite3_bind_double (stmt, 2, c->lat);
      sqlite3_bind_double (stmt, 3, pk_rule_set_get_urban_radius (rules, c));
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "SELECT ST_Area (g) / 1e6 FROM temp.v", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    area = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  spatialite_cleanup_ex (cache);
  g_debug ("baseline: %u offices differenced", n);
  return area;
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted, double p)
{
  return g_array_index (sorted, double, (guint) MIN (sorted->len - 1, floor (p * sorted->len)));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pk-bench-XXXXXX", NULL);
  g_autofree char *ws = g_build_filename (dir, "national.pkws", NULL);
  g_autofree char *offices_csv = g_build_filename (dir, "offices.csv", NULL);
  g_autofree char *sites_csv = g_build_filename (dir, "sites.csv", NULL);
  const char *cli = argc > 1 ? argv[1] : NULL;
  const char *out_path = argc > 2 ? argv[2] : "bench/results.json";
  g_autoptr(GArray) cities = g_array_new (FALSE, FALSE, sizeof (PkBenchCity));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkImportReport) report = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) naive_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *csv;
  PkSiteQuery *sites;
  double t0, t_build, t_import, t_checker, t_checks, t_batch = NAN;
  double p50, p99, naive_p50, naive_p99, t_vac_one = NAN, t_vac_all = NAN;
  double t_base_one = NAN, base_km2 = NAN, ours_km2 = NAN, t_table = NAN, t_suggest_one = NAN;
  double t_suggest_all = NAN, t_suggest_base = NAN, t_vac_edit = NAN;
  guint n_vac_edit = 0;
  guint n_suggested = 0, suggest_mismatches = 0;
  struct rusage ru;
  guint mismatches = 0;

  setlocale (LC_ALL, "");
  if (g_getenv ("PK_BENCH_SITES"))                 /* a quicker run while profiling */
    N_SITES = MAX (N_NAIVE, atoi (g_getenv ("PK_BENCH_SITES")));
  t0 = now_s ();
  if ((store = pk_bench_build_national (ws, cities, &error)) == NULL)
    g_error ("%s", error->message);
  t_build = now_s () - t0;

  {
    g_autofree char *text = pk_bench_offices_csv (rand, cities, N_OFFICES);

    g_file_set_contents (offices_csv, text, -1, NULL);
  }

  t0 = now_s ();
  report = pk_import_offices (store, offices_csv, PK_IMPORT_SKIP_INVALID, &error);
  t_import = now_s () - t0;
  if (report == NULL)
    g_error ("%s", error->message);

  /* LT-7: each province's capacity is its offices now plus 20 of each type,
   * so that suggestions have room (a county with none set gets none) */
  {
    g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
    g_autoptr(GPtrArray) all = pk_store_list_offices (store, &error);

    for (guint i = 0; i < counties->len; i++)
      for (PkLicense l = PK_LICENSE_URBAN; l <= PK_LICENSE_RURAL; l++)
        {
          gint64 id = ((PkPlace *) g_ptr_array_index (counties, i))->id;
          int n = 0;

          for (guint k = 0; k < all->len; k++)
            {
              PkOffice *o = g_ptr_array_index (all, k);
              n += o->county_id == id && o->license == l && o->status != PK_STATUS_SUSPENDED;
            }
          if (!pk_store_save_capacity (store, id, l, n + 20, &error))
            g_error ("%s", error->message);
        }
  }

  t0 = now_s ();
  checker = pk_site_checker_new (store, &error);
  t_checker = now_s () - t0;
  offices = pk_store_list_offices (store, &error);

  /* 20,000 candidate sites near cities */
  sites = g_new (PkSiteQuery, N_SITES);
  csv = g_string_new ("lat,lon,license,area_m2,land_use\n");
  for (int i = 0; i < N_SITES; i++)
    {
      pk_site_query_init (&sites[i]);
      pk_bench_near_city (rand, cities, 25, &sites[i].lat, &sites[i].lon);
      sites[i].license = g_rand_boolean (rand) ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
      sites[i].area_m2 = g_rand_double_range (rand, 10, 120);
      sites[i].land_use = PK_LAND_USE_YES;
      g_string_append_printf (csv, "%.6f,%.6f,%s,%.0f,yes\n", sites[i].lat, sites[i].lon,
                              pk_license_to_string (sites[i].license), sites[i].area_m2);
    }
  g_file_set_contents (sites_csv, csv->str, -1, NULL);
  g_string_free (csv, TRUE);

  t0 = now_s ();
  for (int i = 0; i < N_SITES; i++)
    {
      double s = now_s ();
      g_autoptr(PkSiteVerdict) v = pk_site_checker_check (checker, &sites[i]);
      double us = (now_s () - s) * 1e6;

      if (us > 20000 && g_getenv ("PK_BENCH_DEBUG"))
        g_printerr ("slow: %.0f us at %f,%f %s nearest %u\n", us, sites[i].lat, sites[i].lon,
                    pk_license_to_string (sites[i].license), v->nearest->len);
      g_array_append_val (times, us);
    }
  t_checks = now_s () - t0;
  g_array_sort (times, compare_double);
  p50 = percentile (times, 0.50);
  p99 = percentile (times, 0.99);

  /* the naive baseline: geodesic distance to every office, on a subset */
  for (int i = 0; i < N_NAIVE; i++)
    {
      const PkSiteQuery *q = &sites[i * (N_SITES / N_NAIVE)];
      double s = now_s (), best = INFINITY, us;
      gint64 best_id = 0;
      g_autoptr(PkSiteVerdict) v = NULL;

      for (guint k = 0; k < offices->len; k++)
        {
          PkOffice *o = g_ptr_array_index (offices, k);
          double d;

          if (o->license != q->license || !pk_status_serves (o->status))
            continue;
          d = pk_geodesic_distance (q->lat, q->lon, o->lat, o->lon);
          if (d < best)
            {
              best = d;
              best_id = o->id;
            }
        }
      us = (now_s () - s) * 1e6;
      g_array_append_val (naive_times, us);
      v = pk_site_checker_check (checker, q);
      if (v->nearest->len == 0 || g_array_index (v->nearest, PkNearOffice, 0).id != best_id)
        mismatches++;
    }
  g_array_sort (naive_times, compare_double);
  naive_p50 = percentile (naive_times, 0.50);
  naive_p99 = percentile (naive_times, 0.99);

  if (cli != NULL)
    {
      const char *args[] = { cli, "check", "--workspace", ws, "--batch", sites_csv, NULL };
      int status = 0;

      t0 = now_s ();
      if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error))
        g_error ("%s", error->message);
      t_batch = now_s () - t0;
    }
  /* coverage (vacant areas, GEOS in UTM): one province, then all 31 */
  {
    g_autoptr(GPtrArray) one = NULL;
    g_autoptr(GPtrArray) all = NULL;
    g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
    gint64 tehran = 0;

    for (guint i = 0; i < counties->len; i++)
      if (g_strcmp0 (((PkPlace *) g_ptr_array_index (counties, i))->name_en, "Tehran") == 0)
        tehran = ((PkPlace *) g_ptr_array_index (counties, i))->id;
    t0 = now_s ();
    one = pk_coverage_compute (store, PK_LICENSE_RURAL, tehran, FALSE, &error);
    t_vac_one = now_s () - t0;
    t0 = now_s ();
    all = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, FALSE, &error);
    t_vac_all = now_s () - t0;
    if (one == NULL || all == NULL)
      g_error ("%s", error->message);

    /* after an edit: one office moves; the cache computes what it reaches */
    {
      g_autoptr(PkCoverageCache) cache = pk_coverage_cache_new ();
      g_autoptr(GPtrArray) filled = pk_coverage_compute_cached (store, cache, PK_LICENSE_RURAL, 0, FALSE, &error);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) every = pk_store_list_offices (store, &error);
      PkOffice *o = NULL;

      for (guint i = 0; i < every->len && o == NULL; i++)
        if (((PkOffice *) g_ptr_array_index (every, i))->license == PK_LICENSE_RURAL)
          o = g_ptr_array_index (every, i);
      o->lat += 0.01;
      if (filled == NULL || !pk_store_update_office (store, o, &error))
        g_error ("%s", error->message);
      t0 = now_s ();
      again = pk_coverage_compute_cached (store, cache, PK_LICENSE_RURAL, 0, FALSE, &error);
      t_vac_edit = now_s () - t0;
      n_vac_edit = pk_coverage_cache_get_n_computed (cache);
      if (again == NULL)
        g_error ("%s", error->message);
    }
    ours_km2 = ((PkCountyCoverage *) g_ptr_array_index (one, 0))->vacant_area_km2;

    /* the one-by-one baseline, same county, same UTM zone */
    {
      PkPlace *c = NULL;
      int srid;

      for (guint i = 0; i < counties->len; i++)
        if (((PkPlace *) g_ptr_array_index (counties, i))->id == tehran)
          c = g_ptr_array_index (counties, i);
      srid = 32600 + (int) floor (((c->geometry->bbox.min_x + c->geometry->bbox.max_x) / 2 + 180) / 6) + 1;
      t0 = now_s ();
      base_km2 = baseline_vacancy (ws, store, tehran, srid);
      t_base_one = now_s () - t0;
    }

    /* the county table: both licence types, all counties, no geometry */
    {
      g_autoptr(GPtrArray) urban = NULL;
      g_autoptr(GPtrArray) rural = NULL;

      t0 = now_s ();
      urban = pk_coverage_compute (store, PK_LICENSE_URBAN, 0, FALSE, &error);
      rural = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, FALSE, &error);
      t_table = now_s () - t0;
    }

    /* suggest N=10: one province, then each of the 31 in turn */
    {
      g_autoptr(GPtrArray) picks = NULL;

      t0 = now_s ();
      picks = pk_suggest_sites (store, PK_LICENSE_RURAL, tehran, 10, &error);
      t_suggest_one = now_s () - t0;
      if (picks == NULL)
        g_error ("%s", error->message);
      g_autoptr(GPtrArray) each = NULL;

      t0 = now_s ();
      each = pk_suggest_sites_each (store, PK_LICENSE_RURAL, 10, NULL, &error);
      t_suggest_all = now_s () - t0;
      if (each == NULL)
        g_error ("%s", error->message);

      /* baseline: one province at a time, a snapshot each; the same picks */
      t0 = now_s ();
      for (guint i = 0; i < counties->len; i++)
        {
          g_autoptr(GPtrArray) more =
            pk_suggest_sites (store, PK_LICENSE_RURAL,
                              ((PkPlace *) g_ptr_array_index (counties, i))->id, 10, &error);
          GPtrArray *ours = g_ptr_array_index (each, i);

          if (more == NULL)
            g_error ("%s", error->message);
          n_suggested += ours->len;
          suggest_mismatches += more->len != ours->len;
          for (guint k = 0; k < MIN (more->len, ours->len); k++)
            suggest_mismatches += ((PkSuggestion *) g_ptr_array_index (more, k))->lat !=
                                  ((PkSuggestion *) g_ptr_array_index (ours, k))->lat ||
                                  ((PkSuggestion *) g_ptr_array_index (more, k))->lon !=
                                  ((PkSuggestion *) g_ptr_array_index (ours, k))->lon;
        }
      t_suggest_base = now_s () - t0;
    }
  }
  getrusage (RUSAGE_SELF, &ru);

  printf ("\nPishkhan Siting benchmark — synthetic national workspace (seed %d)\n", SEED);
  printf ("%-44s %12s %12s\n", "measure", "value", "target");
  printf ("%-44s %12.2f %12s\n", "workspace build (31 provinces, 1572 cities), s", t_build, "");
  printf ("%-44s %12.2f %12s\n", "office import, 25,000 CSV rows, s", t_import, "< 5");
  printf ("%-44s %12u %12s\n", "  rows imported", report->n_imported, "");
  printf ("%-44s %12.3f %12s\n", "checker snapshot build, s", t_checker, "");
  printf ("%-44s %12.1f %12s\n", "check p50, µs", p50, "");
  printf ("%-44s %12.1f %12s\n", "check p99, µs", p99, "< 100");
  printf ("%-44s %12.0f %12s\n", "checks per second (20,000 sites)", N_SITES / t_checks, "");
  printf ("%-44s %12.1f %12s\n", "naive baseline p50, µs (all 25k distances)", naive_p50, "");
  printf ("%-44s %12.1f %12s\n", "naive baseline p99, µs", naive_p99, "");
  printf ("%-44s %12.0f %12s\n", "speed-up at p50 (naive / checker)", naive_p50 / p50, ">= 100");
  printf ("%-44s %12u %12s\n", "nearest-office mismatches vs naive", mismatches, "0");
  if (!isnan (t_batch))
    printf ("%-44s %12.0f %12s\n", "CLI check --batch, sites per second", N_SITES / t_batch, "");
  printf ("%-44s %12.2f %12s\n", "rural vacancy, one province (Tehran), s", t_vac_one, "< 0.2");
  printf ("%-44s %12.2f %12s\n", "rural vacancy, all 31 provinces, s", t_vac_all, "< 3");
  printf ("%-44s %12.2f %12s\n", "  baseline: one-by-one differences, Tehran, s", t_base_one, "");
  printf ("%-44s %12.1f %12s\n", "  speed-up (baseline / ours)", t_base_one / t_vac_one, ">= 10");
  printf ("%-44s %12.2f %12s\n", "  all 31 again after an office moved, s", t_vac_edit, "");
  printf ("%-44s %12u %12s\n", "    provinces computed again", n_vac_edit, "");
  printf ("%-44s %12.1f %12s\n", "  Tehran vacant km², ours", ours_km2, "");
  printf ("%-44s %12.1f %12s\n", "  Tehran vacant km², baseline", base_km2, "");
  printf ("%-44s %12.2f %12s\n", "  disagreement, %", 100 * fabs (ours_km2 - base_km2) / base_km2, "< 2");
  printf ("%-44s %12.2f %12s\n", "county table, both types, 31 provinces, s", t_table, "< 3");
  printf ("%-44s %12.2f %12s\n", "suggest N=10, Tehran, s", t_suggest_one, "");
  printf ("%-44s %12.2f %12s\n", "suggest N=10 in each of 31 provinces, s", t_suggest_all, "< 5");
  printf ("%-44s %12u %12s\n", "  sites suggested", n_suggested, "");
  printf ("%-44s %12.2f %12s\n", "  baseline: a province at a time, s", t_suggest_base, "");
  printf ("%-44s %12u %12s\n", "  picks differing from the baseline", suggest_mismatches, "0");
  printf ("%-44s %12.1f %12s\n", "peak memory (RSS), MiB", ru.ru_maxrss / 1024.0, "");

  json_builder_begin_object (b);
#define NUM(k, v) (json_builder_set_member_name (b, k), json_builder_add_double_value (b, v))
  NUM ("offices", N_OFFICES);
  NUM ("sites", N_SITES);
  NUM ("workspace_build_s", t_build);
  NUM ("import_s", t_import);
  NUM ("import_rows", report->n_imported);
  NUM ("checker_build_s", t_checker);
  NUM ("check_p50_us", p50);
  NUM ("check_p99_us", p99);
  NUM ("checks_per_second", N_SITES / t_checks);
  NUM ("naive_p50_us", naive_p50);
  NUM ("naive_p99_us", naive_p99);
  NUM ("speedup_p50", naive_p50 / p50);
  NUM ("nearest_mismatches", mismatches);
  if (!isnan (t_batch))
    NUM ("cli_batch_sites_per_second", N_SITES / t_batch);
  NUM ("vacancy_one_province_s", t_vac_one);
  NUM ("vacancy_all_provinces_s", t_vac_all);
  NUM ("vacancy_baseline_one_province_s", t_base_one);
  NUM ("vacancy_one_province_km2", ours_km2);
  NUM ("vacancy_baseline_km2", base_km2);
  NUM ("coverage_table_s", t_table);
  NUM ("suggest10_one_province_s", t_suggest_one);
  NUM ("suggest10_all_provinces_s", t_suggest_all);
  NUM ("vacancy_all_after_edit_s", t_vac_edit);
  NUM ("vacancy_all_after_edit_computed", n_vac_edit);
  NUM ("suggest10_all_provinces_baseline_s", t_suggest_base);
  NUM ("suggest10_mismatches", suggest_mismatches);
  NUM ("peak_rss_mib", ru.ru_maxrss / 1024.0);
#undef NUM
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  {
    g_autoptr(JsonGenerator) gen = json_generator_new ();

    json_generator_set_root (gen, root);
    json_generator_set_pretty (gen, TRUE);
    if (!json_generator_to_file (gen, out_path, &error))
      g_printerr ("%s\n", error->message);
    else
      printf ("\nwritten: %s\n", out_path);
  }

  g_free (sites);
  g_clear_object (&store);
  g_clear_pointer (&checker, pk_site_checker_free);
  {
    const char *names[] = { "national.pkws", "national.pkws-wal", "national.pkws-shm",
                            "offices.csv", "sites.csv" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *p = g_build_filename (dir, names[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return mismatches == 0 ? 0 : 1;
}
