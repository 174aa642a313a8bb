/* test-siting.c: the siting checker against an independent re-computation
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pk-coords.h"
#include "pk-geography.h"
#include "pk-import.h"
#include "pk-report.h"
#include "pk-siting.h"

#include <poppler.h>

static char *tmpdir;
static char *sample_path;

/* ---- an independent implementation: Vincenty's inverse and winding numbers --- */

static double
vincenty (double lat1, double lon1, double lat2, double lon2)
{
  const double a = 6378137.0, f = 1 / 298.257223563, b = a * (1 - f);
  double L = (lon2 - lon1) * G_PI / 180;
  double U1 = atan ((1 - f) * tan (lat1 * G_PI / 180));
  double U2 = atan ((1 - f) * tan (lat2 * G_PI / 180));
  double sinU1 = sin (U1), cosU1 = cos (U1), sinU2 = sin (U2), cosU2 = cos (U2);
  double lambda = L, prev, sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
  int iter = 0;

  do
    {
      double sinLambda = sin (lambda), cosLambda = cos (lambda), sinAlpha, C;

      sinSigma = sqrt ((cosU2 * sinLambda) * (cosU2 * sinLambda) +
                       (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) *
                       (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda));
      if (sinSigma == 0)
        return 0;
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
      sigma = atan2 (sinSigma, cosSigma);
      sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
      cosSqAlpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
      C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
      prev = lambda;
      lambda = L + (1 - C) * f * sinAlpha *
               (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    }
  while (fabs (lambda - prev) > 1e-12 && ++iter < 200);
  {
    double uSq = cosSqAlpha * (a * a - b * b) / (b * b);
    double A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    double B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    double dSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                    B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - dSigma);
  }
}

static int
winding (const PkRing *ring, double x, double y)
{
  int wn = 0;

  for (guint i = 0; i + 1 < ring->n_points; i++)
    {
      double x0 = ring->xy[2 * i], y0 = ring->xy[2 * i + 1];
      double x1 = ring->xy[2 * i + 2], y1 = ring->xy[2 * i + 3];
      double cross = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);

      if (y0 <= y && y1 > y && cross > 0)
        wn++;
      else if (y0 > y && y1 <= y && cross < 0)
        wn--;
    }
  return wn;
}

static gboolean
inside (const PkGeometry *g, double lon, double lat)
{
  for (guint p = 0; p < g->n_polygons; p++)
    {
      gboolean in = g->polygons[p].n_rings > 0 && winding (&g->polygons[p].rings[0], lon, lat) != 0;

      for (guint r = 1; in && r < g->polygons[p].n_rings; r++)
        if (winding (&g->polygons[p].rings[r], lon, lat) != 0)
          in = FALSE;
      if (in)
        return TRUE;
    }
  return FALSE;
}

/* Random points inside and around the province: the county, the nearest
 * same-type serving office and its distance, and SR-1/SR-5 must agree. */
static void
test_independent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (sample_path, &error);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  g_autoptr(PkPlace) province = pk_store_get_province (store, &error);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  PkBBox *b = &province->geometry->bbox;
  guint n_inside = 0, n_outside = 0;

  g_assert_no_error (error);
  for (int i = 0; i < 600; i++)
    {
      PkSiteQuery q;
      g_autoptr(PkSiteVerdict) v = NULL;
      const PkPlace *want_county = NULL;
      double best = INFINITY;
      gint64 best_id = 0;
      gboolean in;
      PkRuleResult *sr1 = NULL, *sr5 = NULL;

      pk_site_query_init (&q);
      q.lat = g_rand_double_range (rand, b->min_y - 0.5, b->max_y + 0.5);
      q.lon = g_rand_double_range (rand, b->min_x - 0.5, b->max_x + 0.5);
      q.license = g_rand_boolean (rand) ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
      q.area_m2 = g_rand_double_range (rand, 0, 100);
      v = pk_site_checker_check (checker, &q);

      in = inside (province->geometry, q.lon, q.lat);
      n_inside += in;
      n_outside += !in;
      for (guint c = 0; in && c < counties->len; c++)
        {
          PkPlace *county = g_ptr_array_index (counties, c);

          if (inside (county->geometry, q.lon, q.lat) &&
              (want_county == NULL ||
               pk_geometry_area_deg2 (county->geometry) < pk_geometry_area_deg2 (want_county->geometry)))
            want_county = county;
        }
      g_assert_cmpint (v->province != NULL, ==, in);
      g_assert_cmpint (v->county != NULL, ==, want_county != NULL);
      if (want_county)
        g_assert_cmpint (v->county->id, ==, want_county->id);

      for (guint k = 0; k < offices->len; k++)
        {
          PkOffice *o = g_ptr_array_index (offices, k);
          double d;

          if (o->license != q.license || !pk_status_serves (o->status))
            continue;
          d = vincenty (q.lat, q.lon, o->lat, o->lon);
          if (d < best)
            {
              best = d;
              best_id = o->id;
            }
        }
      g_assert_cmpuint (v->nearest->len, >=, 1);
      g_assert_cmpint (g_array_index (v->nearest, PkNearOffice, 0).id, ==, best_id);
      g_assert_cmpfloat (fabs (g_array_index (v->nearest, PkNearOffice, 0).distance_m - best),
                         <=, best * 1e-6 + 1e-3);
      for (guint k = 1; k < v->nearest->len; k++)
        g_assert_cmpfloat (g_array_index (v->nearest, PkNearOffice, k - 1).distance_m, <=,
                           g_array_index (v->nearest, PkNearOffice, k).distance_m);

      for (guint r = 0; r < v->rules->len; r++)
        {
          PkRuleResult *rr = g_ptr_array_index (v->rules, r);
          if (g_str_equal (rr->id, "SR-1")) sr1 = rr;
          if (g_str_equal (rr->id, "SR-5")) sr5 = rr;
        }
      g_assert_cmpint (sr1->status, ==,
                       q.area_m2 >= (q.license == PK_LICENSE_URBAN ? 50 : 20) ? PK_RULE_PASS : PK_RULE_FAIL);
      g_assert_cmpint (sr5->status, ==, want_county ? PK_RULE_PASS : PK_RULE_FAIL);
      if (!in)
        g_assert_cmpint (v->verdict, ==, PK_VERDICT_FAIL);
    }
  g_assert_cmpuint (n_inside, >, 100);
  g_assert_cmpuint (n_outside, >, 100);
}

static PkRuleResult *
rule (PkSiteVerdict *v,
      const char    *id)
{
  for (guint i = 0; i < v->rules->len; i++)
    if (g_str_equal (((PkRuleResult *) g_ptr_array_index (v->rules, i))->id, id))
      return g_ptr_array_index (v->rules, i);
  g_assert_not_reached ();
}

static PkSiteVerdict *
check (PkSiteChecker *checker,
       double         lat,
       double         lon,
       PkLicense      license,
       double         area,
       PkLandUse      land_use)
{
  PkSiteQuery q;

  pk_site_query_init (&q);
  q.lat = lat;
  q.lon = lon;
  q.license = license;
  q.area_m2 = area;
  q.land_use = land_use;
  return pk_site_checker_check (checker, &q);
}

/* Each rule's pass / fail / unknown, on places chosen from the workspace itself. */
static void
test_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "rules.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, &error);
  PkOffice *rural = NULL;
  PkPlace *birjand = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < offices->len && !rural; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      if (o->license == PK_LICENSE_RURAL && o->status == PK_STATUS_ACTIVE)
        rural = o;
    }
  for (guint i = 0; i < cities->len; i++)
    if (((PkPlace *) g_ptr_array_index (cities, i))->id == 140)
      birjand = g_ptr_array_index (cities, i);
  g_assert_nonnull (rural);
  g_assert_nonnull (birjand);
  checker = pk_site_checker_new (store, &error);
  g_assert_no_error (error);

  {
    /* right next to an active rural office: SR-3 and SR-6 fail */
    g_autoptr(PkSiteVerdict) v = check (checker, rural->lat + 0.001, rural->lon, PK_LICENSE_RURAL,
                                        30, PK_LAND_USE_YES);
    g_assert_cmpint (rule (v, "SR-3")->status, ==, PK_RULE_FAIL);
    g_assert_cmpint (rule (v, "SR-6")->status, ==, PK_RULE_FAIL);
    g_assert_cmpfloat (rule (v, "SR-3")->required, ==, 3000);
    g_assert_cmpint (rule (v, "SR-1")->status, ==, PK_RULE_PASS);
    g_assert_cmpint (rule (v, "SR-7")->status, ==, PK_RULE_PASS);
    g_assert_cmpint (v->verdict, ==, PK_VERDICT_FAIL);
  }
  {
    /* the centre of Birjand: urban by the approximate circle; a rural office may not go there */
    g_autoptr(PkSiteVerdict) v = check (checker, birjand->lat, birjand->lon, PK_LICENSE_RURAL,
                                        30, PK_LAND_USE_UNKNOWN);
    g_assert_true (v->urban);
    g_assert_cmpint (v->basis, ==, PK_BASIS_APPROXIMATE);
    g_assert_cmpint (rule (v, "SR-2")->status, ==, PK_RULE_FAIL);
    g_assert_cmpint (rule (v, "SR-7")->status, ==, PK_RULE_UNKNOWN);
  }
  {
    /* SR-1 fails below 50 m² for urban, unknown without an area */
    g_autoptr(PkSiteVerdict) v = check (checker, birjand->lat, birjand->lon, PK_LICENSE_URBAN,
                                        49, PK_LAND_USE_NO);
    g_autoptr(PkSiteVerdict) u = check (checker, birjand->lat, birjand->lon, PK_LICENSE_URBAN,
                                        NAN, PK_LAND_USE_YES);
    g_assert_cmpint (rule (v, "SR-1")->status, ==, PK_RULE_FAIL);
    g_assert_cmpint (rule (v, "SR-2")->status, ==, PK_RULE_PASS);
    g_assert_cmpint (rule (v, "SR-7")->status, ==, PK_RULE_FAIL);
    g_assert_cmpint (rule (u, "SR-1")->status, ==, PK_RULE_UNKNOWN);
  }
  {
    /* far from everything in Tabas county: a rural site that passes */
    g_autoptr(PkSiteVerdict) v = NULL;
    PkGeometry *tabas = NULL;
    g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    gboolean found = FALSE;

    for (guint i = 0; i < counties->len; i++)
      if (g_str_equal (((PkPlace *) g_ptr_array_index (counties, i))->name_en, "Tabas"))
        tabas = ((PkPlace *) g_ptr_array_index (counties, i))->geometry;
    for (int i = 0; i < 2000 && !found; i++)
      {
        double lat = g_rand_double_range (rand, tabas->bbox.min_y, tabas->bbox.max_y);
        double lon = g_rand_double_range (rand, tabas->bbox.min_x, tabas->bbox.max_x);

        g_clear_pointer (&v, pk_site_verdict_unref);
        v = check (checker, lat, lon, PK_LICENSE_RURAL, 25, PK_LAND_USE_YES);
        found = v->verdict == PK_VERDICT_PASS;
      }
    g_assert_true (found);
    g_assert_nonnull (v->county);
    g_assert_cmpint (rule (v, "SR-4")->status, ==, PK_RULE_PASS);
  }

  /* SR-4: with the county full, the same kind of site fails; unset → unknown */
  {
    g_autoptr(PkSiteVerdict) probe = check (checker, rural->lat, rural->lon + 0.3,
                                            PK_LICENSE_RURAL, 25, PK_LAND_USE_YES);
    gint64 county = probe->county ? probe->county->id : 0;
    g_autoptr(PkSiteChecker) full = NULL;
    g_autoptr(PkSiteChecker) unset = NULL;
    g_autoptr(PkSiteVerdict) v = NULL;
    g_autoptr(PkSiteVerdict) u = NULL;

    g_assert_cmpint (county, >, 0);
    g_assert_true (pk_store_save_capacity (store, county, PK_LICENSE_RURAL, 1, &error));
    full = pk_site_checker_new (store, &error);
    v = check (full, rural->lat, rural->lon + 0.3, PK_LICENSE_RURAL, 25, PK_LAND_USE_YES);
    g_assert_cmpint (rule (v, "SR-4")->status, ==, PK_RULE_FAIL);
    g_assert_true (pk_store_save_capacity (store, county, PK_LICENSE_RURAL, -1, &error));
    unset = pk_site_checker_new (store, &error);
    u = check (unset, rural->lat, rural->lon + 0.3, PK_LICENSE_RURAL, 25, PK_LAND_USE_YES);
    g_assert_cmpint (rule (u, "SR-4")->status, ==, PK_RULE_UNKNOWN);
    g_assert_no_error (error);
  }

  /* a local setting changes the verdict, and the change is logged */
  {
    gint64 audit = pk_store_count_audit (store);
    g_autoptr(PkSiteChecker) wide = NULL;
    g_autoptr(PkSiteVerdict) v = NULL;

    g_assert_true (pk_store_save_rule_value (store, "min_spacing_rural_m", 500000, &error));
    g_assert_cmpint (pk_store_count_audit (store), ==, audit + 1);
    wide = pk_site_checker_new (store, &error);
    v = check (wide, 33.0, 57.5, PK_LICENSE_RURAL, 25, PK_LAND_USE_YES);
    g_assert_cmpfloat (rule (v, "SR-3")->required, ==, 500000);
    g_assert_cmpint (rule (v, "SR-3")->status, ==, PK_RULE_FAIL);
    g_assert_false (pk_store_save_rule_value (store, "min_spacing_rural_m", -1, &error));
    g_clear_error (&error);
    g_assert_false (pk_store_save_rule_value (store, "no_such_rule", 1, &error));
    g_clear_error (&error);
  }
}

/* SR-2's basis: an imported polygon wins over the approximate circle. */
static void
test_urban_polygon (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "urban.pkws", NULL);
  g_autofree char *gj = g_build_filename (tmpdir, "limits.geojson", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, TRUE, &error);
  g_autoptr(PkImportReport) report = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkSiteVerdict) in = NULL;
  g_autoptr(PkSiteVerdict) out = NULL;
  const char *text =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"بيرجند\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[59.15,32.82],[59.30,32.82],[59.30,32.92],[59.15,32.92],[59.15,32.82]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Atlantis\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}";

  g_assert_true (g_file_set_contents (gj, text, -1, NULL));
  report = pk_import_urban_areas (store, gj, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 1);          /* Atlantis matches no city */
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "2"));
  g_assert_cmpuint (report->n_imported, ==, 0);             /* all or nothing */
  g_clear_pointer (&report, pk_import_report_free);

  report = pk_import_urban_areas (store, gj, PK_IMPORT_SKIP_INVALID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 1);

  checker = pk_site_checker_new (store, &error);
  in = check (checker, 32.90, 59.28, PK_LICENSE_URBAN, 60, PK_LAND_USE_YES);
  out = check (checker, 32.80, 59.22, PK_LICENSE_URBAN, 60, PK_LAND_USE_YES);  /* inside the old circle */
  g_assert_cmpint (in->basis, ==, PK_BASIS_POLYGON);
  g_assert_true (in->urban);
  g_assert_false (out->urban && out->basis == PK_BASIS_POLYGON);
  g_assert_cmpint (rule (out, "SR-2")->status, !=, PK_RULE_PASS);

  /* the checker's index of urban areas finds what a scan of every city finds:
   * 20,000 points over the province, dense around the cities, one with limits */
  {
    g_autoptr(GPtrArray) cities = pk_store_list_cities (store, &error);
    g_autoptr(PkRuleSet) rules = pk_store_load_rules (store, &error);
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    guint in_city = 0, served = 0;

    for (guint n = 0; n < 20000; n++)
      {
        const PkPlace *near = g_ptr_array_index (cities, g_rand_int_range (rand, 0, cities->len));
        double lat = n % 2 ? g_rand_double_range (rand, 30.5, 34.5) : near->lat + g_rand_double_range (rand, -0.05, 0.05);
        double lon = n % 2 ? g_rand_double_range (rand, 57.0, 61.0) : near->lon + g_rand_double_range (rand, -0.05, 0.05);
        const PkPlace *want = NULL, *got;
        double best = G_MAXDOUBLE, r;
        PkSettingBasis basis;

        for (guint i = 0; i < cities->len && (want == NULL || want->geometry == NULL); i++)
          {
            const PkPlace *c = g_ptr_array_index (cities, i);
            double d;

            if (c->geometry != NULL)
              {
                if (pk_geometry_contains (c->geometry, lon, lat))
                  want = c;
                continue;
              }
            d = pk_geodesic_distance (lat, lon, c->lat, c->lon);
            if (d <= pk_rule_set_get_urban_radius (rules, c) && d < best)
              {
                want = c;
                best = d;
              }
          }
        got = pk_site_checker_urban_area_at (checker, lat, lon, &basis, &r);
        g_assert_true (got == NULL ? want == NULL : want != NULL && got->id == want->id);
        in_city += got != NULL;

        /* "served within a radius" stops its search at the radius: the same
         * answer as the nearest office's distance */
        for (PkLicense lic = PK_LICENSE_URBAN; lic <= PK_LICENSE_RURAL; lic++)
          {
            g_autoptr(GArray) nearest = g_array_new (FALSE, TRUE, sizeof (PkNearOffice));
            double radius = lic == PK_LICENSE_URBAN ? 1000 : 5000;
            gboolean want_served;

            pk_site_checker_nearest (checker, lat, lon, lic, 1, 0, nearest);
            want_served = nearest->len > 0 && g_array_index (nearest, PkNearOffice, 0).distance_m <= radius;
            served += want_served;
            g_assert_cmpint (pk_site_checker_serves (checker, lat, lon, lic, radius), ==, want_served);
            for (guint k = 0; k < nearest->len; k++)
              {
                g_free (g_array_index (nearest, PkNearOffice, k).code);
                g_free (g_array_index (nearest, PkNearOffice, k).name);
              }
          }
      }
    g_assert_cmpuint (in_city, >, 1000);
    g_assert_cmpuint (served, >, 300);
  }
}

static void
test_coords (void)
{
  static const struct { const char *text; double lat, lon; } good[] = {
    { "32.866, 59.221", 32.866, 59.221 },
    { "32.866 59.221", 32.866, 59.221 },
    { "۳۲٫۸۶۶، ۵۹٫۲۲۱", 32.866, 59.221 },
    { "32°51'57.6\"N 59°13'15.6\"E", 32.866, 59.221 },
    { "32°51′57.6″N, 59°13′15.6″E", 32.866, 59.221 },
    { "59°13'15.6\"E 32°51'57.6\"N", 32.866, 59.221 },
    { "32 51 57.6 N 59 13 15.6 E", 32.866, 59.221 },
    { "32 51 57.6, 59 13 15.6", 32.866, 59.221 },
    { "-33.5, -70.25", -33.5, -70.25 },
    { "33.5 S, 70.25 W", -33.5, -70.25 },
  };
  static const char * const bad[] = {
    "", "abc", "32.8", "91, 59", "32, 181", "32 61 00 N 59 00 00 E", "32, 59, 60",
    "32 N 59 N", "1 2 3 4 5 6 7",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      double lat, lon;

      g_test_message ("%s", good[i].text);
      g_assert_true (pk_coords_parse (good[i].text, &lat, &lon, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (lat, good[i].lat, 1e-6);
      g_assert_cmpfloat_with_epsilon (lon, good[i].lon, 1e-6);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      double lat, lon;

      g_test_message ("bad: %s", bad[i]);
      g_assert_false (pk_coords_parse (bad[i], &lat, &lon, &error));
      g_assert_nonnull (error);
    }
}

static void
test_json_shape (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (sample_path, &error);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  g_autoptr(PkSiteVerdict) v = check (checker, 35.7, 51.4, PK_LICENSE_URBAN, 60, PK_LAND_USE_YES);
  g_autoptr(JsonNode) node = pk_site_verdict_to_json (v);
  JsonObject *o = json_node_get_object (node);
  JsonArray *rules = json_object_get_array_member (o, "rules");

  /* Tehran is outside South Khorasan: SR-5 fails, province and county are null */
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "fail");
  g_assert_true (json_object_get_null_member (o, "province"));
  g_assert_true (json_object_get_null_member (o, "county"));
  g_assert_cmpuint (json_array_get_length (rules), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "nearest_offices")), ==, 5);
  for (guint i = 0; i < 7; i++)
    {
      JsonObject *r = json_array_get_object_element (rules, i);
      g_autofree char *id = g_strdup_printf ("SR-%u", i + 1);

      g_assert_cmpstr (json_object_get_string_member (r, "id"), ==, id);
      g_assert_true (json_object_has_member (r, "measured"));
      g_assert_true (json_object_has_member (r, "required"));
      g_assert_nonnull (json_object_get_string_member (r, "message"));
      g_assert_nonnull (json_object_get_string_member (r, "source"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rules, 4), "status"),
                   ==, "fail");
}

static void
test_import_offices (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "import.pkws", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "offices.csv", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_province (path, "17", TRUE, &error);
  g_autoptr(PkImportReport) report = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  const char *bad_text =
    "\xEF\xBB\xBF" "code,name,license,status,lat,lon,postal_code,colour\r\n"
    "A-1,\"Office, one\",urban,active,32.87,59.22,9717113456,red\r\n"   /* row 2 ok */
    "A-2,Office two,rural,,33.5,58.5,,\r\n"                              /* row 3 ok */
    "A-1,Dup,urban,active,32.87,59.21,,\r\n"                             /* row 4 dup */
    ",No code,urban,active,32.87,59.21,,\r\n"                            /* row 5 */
    "A-5,Bad licence,city,active,32.87,59.21,,\r\n"                      /* row 6 */
    "A-6,Outside,rural,active,35.7,51.4,,\r\n"                           /* row 7 */
    "A-7,Postal,rural,active,33.5,58.6,12345,\r\n"                       /* row 8 */
    "A-8,,rural,active,33.5,58.6,,\r\n"                                  /* row 9 */
    "A-9,Coords,rural,active,abc,58.6,,\r\n";                            /* row 10 */
  const char *expect[] = { "row 4", "row 5", "row 6", "row 7", "row 8", "row 9", "row 10" };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, bad_text, -1, NULL));
  report = pk_import_offices (store, csv, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 9);
  g_assert_cmpuint (report->problems->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, i), expect[i]));
  g_assert_cmpuint (report->notes->len, ==, 1);                   /* "colour" ignored */
  g_assert_cmpuint (report->n_imported, ==, 0);
  offices = pk_store_list_offices (store, &error);
  g_assert_cmpuint (offices->len, ==, 0);                          /* nothing landed */
  g_clear_pointer (&offices, g_ptr_array_unref);
  g_clear_pointer (&report, pk_import_report_free);

  report = pk_import_offices (store, csv, PK_IMPORT_DRY_RUN | PK_IMPORT_SKIP_INVALID, &error);
  g_assert_cmpuint (report->n_valid, ==, 2);
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_clear_pointer (&report, pk_import_report_free);

  report = pk_import_offices (store, csv, PK_IMPORT_SKIP_INVALID, &error);
  g_assert_cmpuint (report->n_imported, ==, 2);
  offices = pk_store_list_offices (store, &error);
  g_assert_cmpuint (offices->len, ==, 2);
  g_assert_cmpstr (((PkOffice *) g_ptr_array_index (offices, 0))->name, ==, "Office, one");
  g_assert_cmpint (((PkOffice *) g_ptr_array_index (offices, 0))->county_id, >, 0);

  /* importing the same rows again: every code is already in the workspace */
  g_clear_pointer (&report, pk_import_report_free);
  report = pk_import_offices (store, csv, PK_IMPORT_SKIP_INVALID, &error);
  g_assert_cmpuint (report->n_imported, ==, 0);

  g_assert_null (pk_import_offices (store, "/nonexistent.csv", 0, &error));
  g_assert_nonnull (error);
}

/* A place typed by name is found in the snapshot: a city in Persian (Arabic
 * letter variants too) or English, an office by its code or name. */
static void
test_find_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (sample_path, &error);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  const PkOffice *o = g_ptr_array_index (offices, offices->len / 2);
  double lat = 0, lon = 0;

  g_assert_no_error (error);
  g_assert_true (pk_site_checker_find_place (checker, "بيرجند", &lat, &lon));       /* Arabic yeh */
  g_assert_cmpfloat_with_epsilon (lat, 32.87, 0.05);
  g_assert_cmpfloat_with_epsilon (lon, 59.22, 0.05);
  lat = lon = 0;
  g_assert_true (pk_site_checker_find_place (checker, "  BIRJAND ", &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, 32.87, 0.05);
  g_assert_true (pk_site_checker_find_place (checker, o->code, &lat, &lon));
  g_assert_cmpfloat (lat, ==, o->lat);
  g_assert_cmpfloat (lon, ==, o->lon);
  g_assert_false (pk_site_checker_find_place (checker, "Atlantis", &lat, &lon));
  g_assert_false (pk_site_checker_find_place (checker, "x", &lat, &lon));
}

/* The check's PDF, read back with Poppler: one or two pages with every rule,
 * the verdict and the attribution in its text. */
static void
test_report_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (sample_path, &error);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  g_autoptr(PkSiteVerdict) v = check (checker, 32.87, 59.22, PK_LICENSE_URBAN, 40, PK_LAND_USE_YES);
  g_autofree char *pdf = g_build_filename (tmpdir, "check.pdf", NULL);
  g_autofree char *uri = NULL;
  PopplerDocument *doc = NULL;   /* poppler-glib 22.12 has no autoptr for these */
  GString *text = g_string_new (NULL);
  int pages;

  g_assert_true (pk_report_write_check_pdf (store, checker, v, pdf, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (pages, >=, 1);
  g_assert_cmpint (pages, <=, 2);
  for (int i = 0; i < pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_object_unref (page);
    }
  for (int i = 1; i <= 7; i++)
    {
      g_autofree char *id = g_strdup_printf ("SR-%d", i);
      g_assert_nonnull (strstr (text->str, id));
    }
  g_assert_nonnull (strstr (text->str, "Verdict"));
  g_assert_nonnull (strstr (text->str, "Fail"));                 /* 40 m² < 50 m² (ST-1) */
  g_assert_nonnull (strstr (text->str, "OpenStreetMap"));
  g_assert_nonnull (strstr (text->str, "Birjand"));
  g_string_free (text, TRUE);
  g_object_unref (doc);

  /* an unwritable path is an error, not a crash */
  g_assert_false (pk_report_write_check_pdf (store, checker, v, "/nonexistent-dir/x.pdf", &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("pk-siting-XXXXXX", NULL);
  sample_path = g_build_filename (tmpdir, "sample.pkws", NULL);
  store = pk_workspace_create_sample (sample_path, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_func ("/siting/independent-recomputation", test_independent);
  g_test_add_func ("/siting/rules", test_rules);
  g_test_add_func ("/siting/urban-polygon", test_urban_polygon);
  g_test_add_func ("/siting/coords", test_coords);
  g_test_add_func ("/siting/json-shape", test_json_shape);
  g_test_add_func ("/siting/find-place", test_find_place);
  g_test_add_func ("/import/offices", test_import_offices);
  g_test_add_func ("/report/check-pdf", test_report_pdf);
  rc = g_test_run ();
  pk_test_remove_dir (tmpdir);
  return rc;
}
