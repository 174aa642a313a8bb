/* test-coverage.c: vacant areas against an independent re-computation
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pk-coverage.h"
#include "pk-geography.h"
#include "pk-report.h"
#include "pk-rules.h"

#include <poppler.h>
#include "pk-suggest.h"
#include "pk-vacancy.h"

static char *tmpdir;

/* Integrate on a 0.01° grid, each cell weighted by its ground area (cos φ):
 * the county, minus what lies within the service radius (geodesic) of a
 * serving office of the type, and for rural minus the urban circles. The
 * vacant share must agree with the tool's within 2 %. With @site, the
 * vacant km² within the service radius of it — what an office there would
 * serve — on a finer grid around it. */
static double
independent_vacant_share (PkPlace      *county,
                          GPtrArray    *offices,
                          GPtrArray    *cities,
                          PkRuleSet    *rules,
                          PkLicense     license,
                          const double *site)
{
  PkBBox *b = &county->geometry->bbox;
  double total = 0, vacant = 0, radius = rules->service_radius_m[license];
  /* urban areas are small: a finer grid there */
  double step = license == PK_LICENSE_URBAN || site != NULL ? 0.0015 : 0.01;
  PkBBox box = *b;

  if (site != NULL)          /* only around the site */
    {
      box.min_y = MAX (b->min_y, site[0] - radius / 111000 - step);
      box.max_y = MIN (b->max_y, site[0] + radius / 111000 + step);
      box.min_x = MAX (b->min_x, site[1] - radius / (111000 * cos (site[0] * G_PI / 180)) - step);
      box.max_x = MIN (b->max_x, site[1] + radius / (111000 * cos (site[0] * G_PI / 180)) + step);
      b = &box;
    }
  for (double lat = b->min_y + step / 2; lat < b->max_y; lat += step)
    for (double lon = b->min_x + step / 2; lon < b->max_x; lon += step)
      {
        double w = cos (lat * G_PI / 180);
        gboolean in_urban = FALSE, served = FALSE, near_city = FALSE;

        for (guint i = 0; i < cities->len && !near_city; i++)
          {
            PkPlace *c = g_ptr_array_index (cities, i);
            near_city = fabs (c->lat - lat) < 0.05 && fabs (c->lon - lon) < 0.06;
          }
        if (license == PK_LICENSE_URBAN && !near_city)
          continue;
        if (!pk_geometry_contains (county->geometry, lon, lat))
          continue;
        for (guint i = 0; near_city && i < cities->len && !in_urban; i++)
          {
            PkPlace *c = g_ptr_array_index (cities, i);
            in_urban = pk_geodesic_distance (lat, lon, c->lat, c->lon) <=
                       pk_rule_set_get_urban_radius (rules, c);
          }
        if (license == PK_LICENSE_URBAN && !in_urban)
          continue;
        if (license == PK_LICENSE_RURAL && in_urban)
          continue;
        total += w;
        for (guint i = 0; i < offices->len && !served; i++)
          {
            PkOffice *o = g_ptr_array_index (offices, i);

            served = o->license == license && pk_status_serves (o->status) &&
                     pk_geodesic_distance (lat, lon, o->lat, o->lon) <= radius;
          }
        if (site != NULL && pk_geodesic_distance (lat, lon, site[0], site[1]) > radius)
          served = TRUE;      /* not the site's to serve */
        vacant += served ? 0 : w;
      }
  if (site != NULL)          /* a cell: step² degrees, cos φ in w */
    return vacant * (step * 111.195) * (step * 111.195);
  return total > 0 ? vacant / total : 0;
}

static void
test_vacancy_independent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "cov.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, &error);
  g_autoptr(PkRuleSet) rules = pk_store_load_rules (store, &error);
  const char *names[] = { "Birjand", "Darmian", "Sarayan" };

  g_assert_no_error (error);
  for (PkLicense lic = PK_LICENSE_URBAN; lic <= PK_LICENSE_RURAL; lic++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        PkPlace *county = NULL;
        g_autoptr(GPtrArray) rows = NULL;
        PkCountyCoverage *row;
        double want, got;

        for (guint i = 0; i < counties->len; i++)
          if (g_str_equal (((PkPlace *) g_ptr_array_index (counties, i))->name_en, names[n]))
            county = g_ptr_array_index (counties, i);
        rows = pk_coverage_compute (store, lic, county->id, TRUE, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, 1);
        row = g_ptr_array_index (rows, 0);
        want = independent_vacant_share (county, offices, cities, rules, lic, NULL);
        got = row->area_km2 > 0 ? row->vacant_area_km2 / row->area_km2 : 0;
        g_test_message ("%s %s: vacant share %.4f (tool) vs %.4f (grid); area %.1f km²",
                        names[n], pk_license_to_string (lic), got, want, row->area_km2);
        g_assert_cmpfloat (fabs (got - want), <=, 0.02 * MAX (want, 0.05));
        if (row->vacant_area_km2 > 0)
          g_assert_nonnull (row->vacant);
      }
}

/* Areas are in metres on the ground: Birjand county is about 3,900 km². */
static void
test_areas_in_metres (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "area.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  gint64 id = pk_coverage_find_county (store, "بيرجند", &error);     /* Arabic yeh */
  g_autoptr(GPtrArray) rows = pk_coverage_compute (store, PK_LICENSE_RURAL, id, FALSE, &error);
  PkCountyCoverage *row = g_ptr_array_index (rows, 0);

  g_assert_no_error (error);
  g_assert_cmpfloat (row->county_area_km2, >, 3500);
  g_assert_cmpfloat (row->county_area_km2, <, 4300);
  g_assert_cmpfloat (row->vacant_area_km2, <=, row->area_km2);
  g_assert_cmpint (pk_coverage_find_county (store, "Atlantis", &error), ==, 0);
  g_assert_nonnull (error);
}

/* Every suggested site passes the checker on its own and keeps the minimum
 * spacing from the other suggestions; each serves something unserved. */
static void
test_suggestions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "suggest.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);

  g_assert_no_error (error);
  for (PkLicense lic = PK_LICENSE_URBAN; lic <= PK_LICENSE_RURAL; lic++)
    {
      g_autoptr(GPtrArray) picks = pk_suggest_sites (store, lic, 0, 8, &error);
      const PkRuleSet *rules = pk_site_checker_get_rules (checker);
      g_autoptr(JsonNode) json = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (picks->len, >=, 1);
      g_assert_cmpuint (picks->len, <=, 8);
      for (guint i = 0; i < picks->len; i++)
        {
          PkSuggestion *s = g_ptr_array_index (picks, i);
          g_autoptr(PkSiteVerdict) v = NULL;
          PkSiteQuery q;

          pk_site_query_init (&q);
          q.lat = s->lat;
          q.lon = s->lon;
          q.license = lic;
          q.area_m2 = rules->min_area_m2[lic];
          q.land_use = PK_LAND_USE_YES;
          v = pk_site_checker_check (checker, &q);
          g_assert_cmpint (v->verdict, ==, PK_VERDICT_PASS);
          g_assert_true (s->covered_cities->len > 0 || s->covered_area_km2 > 0);
          /* greedy: each pick serves no more than the one before (cities, then area) */
          if (i > 0)
            {
              PkSuggestion *prev = g_ptr_array_index (picks, i - 1);

              g_assert_cmpuint (s->covered_cities->len, <=, prev->covered_cities->len);
              if (s->covered_cities->len == prev->covered_cities->len)
                g_assert_cmpfloat (s->covered_area_km2, <=, prev->covered_area_km2);
            }
          for (guint k = 0; k < i; k++)
            {
              PkSuggestion *o = g_ptr_array_index (picks, k);
              g_assert_cmpfloat (pk_geodesic_distance (s->lat, s->lon, o->lat, o->lon), >=,
                                 rules->min_spacing_m[lic]);
            }
        }
      json = pk_suggestions_to_json (picks, lic);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                          json_node_get_object (json), "suggestions")), ==, picks->len);
    }

  /* every county on its own, side by side: what each gives alone */
  {
    g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
    g_autoptr(GPtrArray) each = pk_suggest_sites_each (store, PK_LICENSE_RURAL, 3, NULL, &error);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    guint total = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (each->len, ==, counties->len);
    for (guint i = 0; i < counties->len; i++)
      {
        PkPlace *county = g_ptr_array_index (counties, i);
        g_autoptr(GPtrArray) alone = pk_suggest_sites (store, PK_LICENSE_RURAL, county->id, 3, &error);
        GPtrArray *ours = g_ptr_array_index (each, i);

        g_assert_cmpuint (ours->len, ==, alone->len);
        for (guint k = 0; k < ours->len; k++)
          {
            PkSuggestion *a = g_ptr_array_index (ours, k), *b = g_ptr_array_index (alone, k);

            g_assert_cmpfloat (a->lat, ==, b->lat);
            g_assert_cmpfloat (a->lon, ==, b->lon);
            g_assert_cmpint (a->county->id, ==, county->id);
          }
        total += ours->len;
      }
    g_assert_cmpuint (total, >, counties->len);

    g_cancellable_cancel (cancellable);
    g_assert_null (pk_suggest_sites_each (store, PK_LICENSE_RURAL, 3, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* The applicant map, read back: A4 or A3 landscape, the attribution and the
 * title in its text; the PNG is a real picture. */
static void
test_applicant_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "map.pkws", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "map.pdf", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "map.png", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *text = NULL;
  double w, h;
  cairo_surface_t *img;

  g_assert_true (pk_report_write_map (store, pdf, TRUE, PK_MAP_LAYER_OFFICES |
                                      PK_MAP_LAYER_VACANT_RURAL, &error));
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 1190.55, 1);          /* A3 landscape */
  g_assert_cmpfloat_with_epsilon (h, 841.89, 1);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "OpenStreetMap"));
  g_assert_nonnull (strstr (text, "South Khorasan"));
  g_assert_nonnull (strstr (text, "Vacant"));
  g_object_unref (page);
  g_object_unref (doc);

  g_assert_true (pk_report_write_map (store, png, FALSE, PK_MAP_LAYER_OFFICES, &error));
  img = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), >, 1500);
  cairo_surface_destroy (img);

  g_assert_false (pk_report_write_map (store, "/nonexistent-dir/map.pdf", FALSE,
                                       PK_MAP_LAYER_OFFICES, &error));
  g_assert_nonnull (error);
}


/* A click on a vacant area finds its part: the parts' ellipsoidal areas add up
 * to the county's vacant area (measured by SpatiaLite in UTM) within 1 %; the
 * best point lies inside and deeper than the click; a served spot has none. */
static void
test_vacant_part (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "part.pkws", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  rows = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, TRUE, &error);
  g_assert_no_error (error);
  offices = pk_store_list_offices (store, &error);

  for (guint i = 0; i < rows->len; i++)
    {
      PkCountyCoverage *row = g_ptr_array_index (rows, i);
      double sum = 0;

      if (row->vacant == NULL)
        continue;
      for (guint p = 0; p < row->vacant->n_polygons; p++)
        sum += pk_polygon_geodesic_area_m2 (&row->vacant->polygons[p]) / 1e6;
      g_assert_cmpfloat (fabs (sum - row->vacant_area_km2) / row->vacant_area_km2, <, 0.01);

      {
        double lon, lat;
        g_autoptr(PkVacantPart) part = NULL;

        pk_geometry_label_point (row->vacant, &lon, &lat);
        part = pk_coverage_vacant_part_at (rows, lat, lon);
        g_assert_nonnull (part);
        g_assert_cmpint (part->county->id, ==, row->county->id);
        g_assert_cmpfloat (part->area_km2, >, 0);
        g_assert_cmpfloat (part->area_km2, <=, row->vacant_area_km2 * 1.001);
        g_assert_true (pk_geometry_contains (row->vacant, part->best_lon, part->best_lat));
        for (guint k = 0; k < part->cities->len; k++)
          {
            PkPlace *c = g_ptr_array_index (part->cities, k);
            g_assert_cmpint (c->parent_id, ==, row->county->id);
          }
        checked++;
      }
    }
  g_assert_cmpuint (checked, >=, 10);

  /* right at an active rural office: served, not vacant */
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if (o->license == PK_LICENSE_RURAL && o->status == PK_STATUS_ACTIVE)
        {
          g_assert_null (pk_coverage_vacant_part_at (rows, o->lat, o->lon));
          break;
        }
    }
}

/* Counties computed together (on every core) give what each gives alone, to
 * the last bit: the workers share nothing but their inputs. */
static void
test_parallel_agrees (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "parallel.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
  g_autoptr(GArray) offices = pk_store_list_office_points (store, &error);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, &error);
  g_autoptr(PkRuleSet) rules = pk_store_load_rules (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (counties->len, >, 4);
  for (PkLicense lic = PK_LICENSE_URBAN; lic <= PK_LICENSE_RURAL; lic++)
    {
      g_autoptr(PkVacancy) vacancy = pk_vacancy_new (lic, rules, offices, cities);
      g_autofree PkVacancyCounty *all = g_new0 (PkVacancyCounty, counties->len);
      double total = 0;

      for (guint i = 0; i < counties->len; i++)
        all[i].outline = ((PkPlace *) g_ptr_array_index (counties, i))->geometry;
      g_assert_true (pk_vacancy_compute (vacancy, all, counties->len, FALSE, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < counties->len; i++)
        {
          PkVacancyCounty one = { all[i].outline };

          g_assert_true (pk_vacancy_compute (vacancy, &one, 1, FALSE, NULL, &error));
          g_assert_cmpfloat (one.county_km2, ==, all[i].county_km2);
          g_assert_cmpfloat (one.base_km2, ==, all[i].base_km2);
          g_assert_cmpfloat (one.vacant_km2, ==, all[i].vacant_km2);
          g_assert_cmpfloat (all[i].vacant_km2, <=, all[i].base_km2 + 1e-6);
          g_assert_null (all[i].vacant);
          total += all[i].vacant_km2;
        }
      g_assert_cmpfloat (total, >, 0);
    }
}

/* A county outline that crosses itself (a bow tie, as a careless import
 * gives) is repaired, not refused; a cancelled run stops with its error. */
static void
test_bow_tie_and_cancel (void)
{
  static const double xy[] = { 59.0, 32.0, 59.5, 32.5, 59.5, 32.0, 59.0, 32.5, 59.0, 32.0 };
  PkPolygon *poly = g_new0 (PkPolygon, 1);
  g_autoptr(PkGeometry) bow = NULL;
  g_autoptr(PkRuleSet) rules = pk_rule_set_new_default ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GArray) no_offices = g_array_new (FALSE, FALSE, sizeof (PkOfficePoint));
  g_autoptr(PkVacancy) vacancy = pk_vacancy_new (PK_LICENSE_RURAL, rules, no_offices, none);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PkVacancyCounty c = { 0 };

  poly->n_rings = 1;
  poly->rings = g_new0 (PkRing, 1);
  poly->rings[0].n_points = 5;
  poly->rings[0].xy = g_memdup2 (xy, sizeof xy);
  bow = pk_geometry_new_take_polygons (poly, 1);
  c.outline = bow;
  g_assert_true (pk_vacancy_compute (vacancy, &c, 1, TRUE, NULL, &error));
  g_assert_no_error (error);
  /* two triangles of a quarter of the box each: about 2 × 0.25 × 47 km × 56 km */
  g_assert_cmpfloat (c.county_km2, >, 1000);
  g_assert_cmpfloat (c.county_km2, <, 1600);
  g_assert_cmpfloat_with_epsilon (c.vacant_km2, c.county_km2, 1e-6);
  g_assert_nonnull (c.vacant);
  g_assert_cmpuint (c.vacant->n_polygons, ==, 2);
  g_clear_pointer (&c.vacant, pk_geometry_unref);

  g_cancellable_cancel (cancellable);
  g_assert_false (pk_vacancy_compute (vacancy, &c, 1, TRUE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The cache keeps a county while nothing it depends on changes: a second
 * pass computes nothing, moving one rural office computes only the counties
 * within its reach, and every figure equals a computation without a cache. */
static void
test_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "cache.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(PkCoverageCache) cache = pk_coverage_cache_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  PkOffice *moved = NULL;
  guint n;

  g_assert_no_error (error);
  first = pk_coverage_compute_cached (store, cache, PK_LICENSE_RURAL, 0, TRUE, &error);
  g_assert_no_error (error);
  n = first->len;
  g_assert_cmpuint (pk_coverage_cache_get_n_computed (cache), ==, n);
  again = pk_coverage_compute_cached (store, cache, PK_LICENSE_RURAL, 0, TRUE, &error);
  g_assert_cmpuint (pk_coverage_cache_get_n_computed (cache), ==, 0);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (((PkCountyCoverage *) g_ptr_array_index (again, i))->vacant_area_km2, ==,
                       ((PkCountyCoverage *) g_ptr_array_index (first, i))->vacant_area_km2);

  /* the urban licence's figures are kept apart */
  g_clear_pointer (&again, g_ptr_array_unref);
  again = pk_coverage_compute_cached (store, cache, PK_LICENSE_URBAN, 0, FALSE, &error);
  g_assert_cmpuint (pk_coverage_cache_get_n_computed (cache), ==, n);

  offices = pk_store_list_offices (store, &error);
  for (guint i = 0; i < offices->len && moved == NULL; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if (o->license == PK_LICENSE_RURAL && pk_status_serves (o->status))
        moved = o;
    }
  g_assert_nonnull (moved);
  moved->lat += 0.02;
  g_assert_true (pk_store_update_office (store, moved, &error));
  g_assert_no_error (error);

  after = pk_coverage_compute_cached (store, cache, PK_LICENSE_RURAL, 0, TRUE, &error);
  g_assert_cmpuint (pk_coverage_cache_get_n_computed (cache), >=, 1);
  g_assert_cmpuint (pk_coverage_cache_get_n_computed (cache), <, n);
  fresh = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      PkCountyCoverage *a = g_ptr_array_index (after, i), *b = g_ptr_array_index (fresh, i);

      g_assert_cmpint (a->county->id, ==, b->county->id);
      g_assert_cmpfloat (a->vacant_area_km2, ==, b->vacant_area_km2);
      g_assert_cmpfloat (a->area_km2, ==, b->area_km2);
      g_assert_cmpuint (a->unserved_cities->len, ==, b->unserved_cities->len);
      g_assert_true ((a->vacant == NULL) == (b->vacant == NULL));
      if (a->vacant != NULL)
        {
          g_autofree char *ga = pk_geometry_to_geojson (a->vacant, 6);
          g_autofree char *gb = pk_geometry_to_geojson (b->vacant, 6);

          g_assert_cmpstr (ga, ==, gb);
        }
    }
}

/* What an office at a site would serve of its county's vacant area (PA-5's
 * review page): at an unserved city it is what the grid finds vacant within
 * the service radius, and the city is among those it would serve; at an
 * office that serves already it is nothing; leaving that office out, it is
 * what the office serves alone. */
static void
test_site_gain (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "gain.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, &error);
  g_autoptr(PkRuleSet) rules = pk_store_load_rules (store, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PkSiteGain) gain = NULL;
  g_autoptr(PkSiteGain) none = NULL;
  g_autoptr(PkSiteGain) alone = NULL;
  PkCountyCoverage *row;
  PkPlace *county = NULL, *city;
  PkOffice *serving = NULL;
  double site[2], want, got;
  gboolean listed = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < counties->len; i++)
    if (g_str_equal (((PkPlace *) g_ptr_array_index (counties, i))->name_en, "Darmian"))
      county = g_ptr_array_index (counties, i);
  rows = pk_coverage_compute (store, PK_LICENSE_RURAL, county->id, FALSE, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->unserved_cities->len, >, 0);
  city = g_ptr_array_index (row->unserved_cities, 0);
  site[0] = city->lat;
  site[1] = city->lon;
  gain = pk_coverage_site_gain (store, PK_LICENSE_RURAL, county->id, site[0], site[1], 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (gain->vacant_before_km2, row->vacant_area_km2, 1e-6);
  want = independent_vacant_share (county, offices, cities, rules, PK_LICENSE_RURAL, site);
  got = pk_site_gain_km2 (gain);
  g_test_message ("%s: an office at %s would serve %.2f km² (grid %.2f km²), %u cities",
                  county->name_en, city->name_en, got, want, gain->cities->len);
  g_assert_cmpfloat (got, >, 0);
  g_assert_cmpfloat (fabs (got - want), <=, 0.03 * want);
  for (guint i = 0; i < gain->cities->len; i++)
    listed |= ((PkPlace *) g_ptr_array_index (gain->cities, i))->id == city->id;
  g_assert_true (listed);

  for (guint i = 0; i < offices->len && serving == NULL; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if (o->county_id == county->id && o->license == PK_LICENSE_RURAL && pk_status_serves (o->status))
        serving = o;
    }
  g_assert_nonnull (serving);
  none = pk_coverage_site_gain (store, PK_LICENSE_RURAL, county->id, serving->lat, serving->lon, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (pk_site_gain_km2 (none), <, 0.01);
  g_assert_cmpuint (none->cities->len, ==, 0);
  alone = pk_coverage_site_gain (store, PK_LICENSE_RURAL, county->id, serving->lat, serving->lon, serving->id,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (alone->vacant_before_km2, >, none->vacant_before_km2);
  g_assert_cmpfloat_with_epsilon (alone->vacant_after_km2, none->vacant_after_km2, 1e-6);

  g_assert_null (pk_coverage_site_gain (store, PK_LICENSE_RURAL, 999999, site[0], site[1], 0, NULL, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("pk-cov-XXXXXX", NULL);
  g_test_add_func ("/coverage/vacancy-independent", test_vacancy_independent);
  g_test_add_func ("/coverage/areas-in-metres", test_areas_in_metres);
  g_test_add_func ("/coverage/suggestions", test_suggestions);
  g_test_add_func ("/coverage/applicant-map", test_applicant_map);
  g_test_add_func ("/coverage/vacant-part", test_vacant_part);
  g_test_add_func ("/coverage/parallel-agrees", test_parallel_agrees);
  g_test_add_func ("/coverage/bow-tie-and-cancel", test_bow_tie_and_cancel);
  g_test_add_func ("/coverage/cache", test_cache);
  g_test_add_func ("/coverage/site-gain", test_site_gain);
  rc = g_test_run ();
  pk_test_remove_dir (tmpdir);
  return rc;
}
