/* test-sample.c: the bundled sample workspace and the export round trip
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pk-export.h"
#include "pk-geography.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static PkStore *
sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  PkStore *store = pk_workspace_create_sample (path, TRUE, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_provinces_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pk_geography_list_provinces (&error);
  g_autoptr(PkStore) store = sample ("p.pkws");
  g_autoptr(GPtrArray) stored = pk_store_list_provinces (store, &error);
  g_autoptr(PkPlace) sk = pk_geography_find_province ("south khorasan", &error);
  g_autoptr(PkPlace) sk_fa = pk_geography_find_province ("خراسان جنوبي", &error);  /* Arabic yeh */
  g_autoptr(PkPlace) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 31);
  g_assert_cmpuint (stored->len, ==, 31);          /* every outline has a matching id */
  for (guint i = 0; i < stored->len; i++)
    g_assert_nonnull (((PkPlace *) g_ptr_array_index (stored, i))->geometry);
  g_assert_cmpint (sk->id, ==, 17);
  g_assert_cmpint (sk_fa->id, ==, 17);
  none = pk_geography_find_province ("Atlantis", &error);
  g_assert_null (none);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID);
}

static void
test_sample_contents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = sample ("s.pkws");
  g_autoptr(PkPlace) province = pk_store_get_province (store, &error);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, &error);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  guint urban = 0, rural = 0, seats = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (province->name_en, ==, "South Khorasan");
  g_assert_cmpuint (counties->len, ==, 12);
  g_assert_cmpuint (cities->len, ==, 35);
  g_assert_cmpuint (offices->len, >=, 60);
  g_assert_cmpuint (offices->len, <=, 120);

  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);

      seats += c->is_county_seat;
      g_assert_cmpint (c->parent_id, >, 0);           /* every city got its county */
    }
  g_assert_cmpuint (seats, ==, 12);

  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      PkPlace *county = NULL;

      g_assert_true (o->sample);
      urban += o->license == PK_LICENSE_URBAN;
      rural += o->license == PK_LICENSE_RURAL;
      g_assert_true (pk_geometry_contains (province->geometry, o->lon, o->lat));
      for (guint k = 0; k < counties->len; k++)
        if (((PkPlace *) g_ptr_array_index (counties, k))->id == o->county_id)
          county = g_ptr_array_index (counties, k);
      g_assert_nonnull (county);
      if (o->license == PK_LICENSE_RURAL)
        g_assert_true (pk_geometry_contains (county->geometry, o->lon, o->lat));
      g_assert_cmpuint (strlen (o->postal_code), ==, 10);
    }
  g_assert_cmpuint (urban, >, 20);
  g_assert_cmpuint (rural, >, 20);
  /* creating the workspace, each office and each county capacity is in the audit log */
  g_assert_cmpint (pk_store_count_audit (store), ==, offices->len + 1 + 2 * counties->len);
}

/* Same seed, same offices: two builds of the sample export identically. */
static void
test_sample_deterministic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) a = sample ("a.pkws");
  g_autoptr(PkStore) b = sample ("b.pkws");
  g_autofree char *csv_a = pk_export_offices_csv (a, &error);
  g_autofree char *csv_b = pk_export_offices_csv (b, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (csv_a, ==, csv_b);
}

static void
test_export_geojson_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = sample ("g.pkws");
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  g_autofree char *text = pk_export_offices_geojson (store, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  g_assert_cmpuint (json_array_get_length (features), ==, offices->len);
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (f, "properties");
      JsonArray *xy = json_object_get_array_member (json_object_get_object_member (f, "geometry"),
                                                    "coordinates");
      JsonObject *county = json_object_get_object_member (props, "county");

      g_assert_cmpint (json_object_get_int_member (props, "id"), ==, o->id);
      g_assert_cmpstr (json_object_get_string_member (props, "code"), ==, o->code);
      g_assert_cmpstr (json_object_get_string_member (props, "name"), ==, o->name);
      g_assert_cmpstr (json_object_get_string_member (props, "license"), ==,
                       pk_license_to_string (o->license));
      g_assert_cmpstr (json_object_get_string_member (props, "status"), ==,
                       pk_status_to_string (o->status));
      g_assert_true (json_object_get_boolean_member (props, "sample"));
      g_assert_cmpstr (json_object_get_string_member (props, "postal_code"), ==, o->postal_code);
      g_assert_cmpstr (json_object_get_string_member (props, "holder"), ==, o->holder);
      g_assert_nonnull (json_object_get_string_member (county, "name_fa"));
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 0), o->lon, 1e-9);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (xy, 1), o->lat, 1e-9);
    }
}

static void
test_export_csv_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = sample ("c.pkws");
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  g_autofree char *text = pk_export_offices_csv (store, &error);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);

  g_assert_no_error (error);
  g_assert_cmpstr (header[0], ==, "id");
  g_assert_true (g_strv_contains ((const char * const *) header, "license"));
  g_assert_true (g_strv_contains ((const char * const *) header, "postal_code"));
  g_assert_cmpuint (g_strv_length (lines), ==, offices->len + 2);   /* header + rows + "" */
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      g_assert_cmpstr (cells[1], ==, o->code);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[13], NULL), o->lat, 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[14], NULL), o->lon, 1e-6);
    }
}

static void
test_empty_province (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("yazd.pkws");
  g_autoptr(PkStore) store = pk_workspace_create_province (path, "Yazd", TRUE, &error);
  g_autoptr(PkPlace) province = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) cities = NULL;

  g_assert_no_error (error);
  province = pk_store_get_province (store, &error);
  offices = pk_store_list_offices (store, &error);
  cities = pk_store_list_cities (store, &error);
  g_assert_cmpstr (province->name_fa, ==, "یزد");
  g_assert_cmpuint (offices->len, ==, 0);
  g_assert_cmpuint (cities->len, >, 5);
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);
      /* the cities of the chosen province lie in (or within a few km of) its outline */
      g_assert_true (pk_bbox_contains (&province->geometry->bbox, c->lon, c->lat));
    }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("pk-sample-XXXXXX", NULL);

  g_test_add_func ("/sample/provinces-bundled", test_provinces_bundled);
  g_test_add_func ("/sample/contents", test_sample_contents);
  g_test_add_func ("/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/export/geojson-round-trip", test_export_geojson_round_trip);
  g_test_add_func ("/export/csv-round-trip", test_export_csv_round_trip);
  g_test_add_func ("/workspace/empty-province", test_empty_province);
  rc = g_test_run ();
  pk_test_remove_dir (tmpdir);
  return rc;
}
