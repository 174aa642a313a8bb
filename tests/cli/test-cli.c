/* test-cli.c: pishkhan-cli run as a user would, exit statuses and output
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "pk-scan-pdf.h"
#include "pk-test-cli.h"
#include "pk-store.h"

static char *tmpdir;
static char *sample_path;

static void
test_create_sample (void)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) forced = { 0 };
  g_autofree char *path = g_build_filename (tmpdir, "created.pkws", NULL);
  g_autofree char *expected = g_strconcat (path, "\n", NULL);
  GStatBuf before, after;

  RUN (&r, "workspace", "create", "--sample", path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* no overwrite without --force, and the file is untouched */
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  RUN (&again, "workspace", "create", "--sample", path);
  assert_usage_error (&again);
  g_assert_nonnull (strstr (again.err, "--force"));
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (before.st_size, ==, after.st_size);

  RUN (&forced, "workspace", "create", "--sample", "--force", path);
  g_assert_cmpint (forced.status, ==, 0);
}

static void
test_info_json (void)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *offices, *province;

  RUN (&r, "workspace", "info", "--workspace", sample_path, "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  offices = json_object_get_object_member (o, "offices");
  province = json_object_get_object_member (o, "province");
  g_assert_cmpint (json_object_get_int_member (o, "schema_version"), ==, PK_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (json_object_get_string_member (province, "name_fa"), ==, "خراسان جنوبی");
  g_assert_cmpstr (json_object_get_string_member (province, "name_en"), ==, "South Khorasan");
  g_assert_cmpint (json_object_get_int_member (o, "counties"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (o, "cities"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (offices, "total"), ==,
                   json_object_get_int_member (offices, "sample"));
  g_assert_cmpint (json_object_get_int_member (offices, "total"), ==,
                   json_object_get_int_member (offices, "urban") +
                   json_object_get_int_member (offices, "rural"));
  g_assert_cmpint (json_object_get_int_member (offices, "total"), >=, 60);
}

static void
test_export (void)
{
  g_auto(Run) info = { 0 };
  g_auto(Run) gj = { 0 };
  g_auto(Run) csv = { 0 };
  g_autoptr(JsonNode) info_root = NULL;
  g_autoptr(JsonNode) gj_root = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 total;
  JsonArray *features;

  RUN (&info, "workspace", "info", "--workspace", sample_path, "--json");
  info_root = parse_json (info.out);
  total = json_object_get_int_member (json_object_get_object_member (
            json_node_get_object (info_root), "offices"), "total");

  RUN (&gj, "offices", "export", "--workspace", sample_path, "--format", "geojson");
  g_assert_cmpint (gj.status, ==, 0);
  gj_root = parse_json (gj.out);
  features = json_object_get_array_member (json_node_get_object (gj_root), "features");
  g_assert_cmpint (json_array_get_length (features), ==, total);
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *p = json_object_get_object_member (json_array_get_object_element (features, i),
                                                     "properties");
      const char *keys[] = { "id", "code", "name", "license", "status", "sample", "county",
                             "postal_code", "holder" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (p, keys[k]));
      g_assert_true (g_str_equal (json_object_get_string_member (p, "license"), "urban") ||
                     g_str_equal (json_object_get_string_member (p, "license"), "rural"));
    }

  RUN (&csv, "offices", "export", "--workspace", sample_path, "--format", "csv");
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (g_strstrip (csv.out), "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, total + 1);
}

static void
test_bad_input (void)
{
  g_autofree char *text = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.pkws", NULL);
  g_autofree char *newfile = g_build_filename (tmpdir, "new.pkws", NULL);
  const char *cases[][8] = {
    { "frobnicate", NULL },
    { "workspace", NULL },
    { "workspace", "info", NULL },
    { "workspace", "info", "--workspace", missing, NULL },
    { "workspace", "info", "--workspace", text, NULL },
    { "workspace", "info", "--bogus", NULL },
    { "workspace", "create", "--sample", NULL },
    { "workspace", "create", "--province", "Atlantis", newfile, NULL },
    { "workspace", "create", newfile, NULL },
    { "offices", "export", "--workspace", sample_path, "--format", "kml", NULL },
    { "offices", "export", "--workspace", text, "--format", "csv", NULL },
  };

  g_file_set_contents (text, "not a workspace\n", -1, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };

      run_env (&r, NULL, cases[i]);
      g_test_message ("case %u: %s", i, r.err);
      assert_usage_error (&r);
    }
  /* a refused create leaves no file behind */
  g_assert_false (g_file_test (newfile, G_FILE_TEST_EXISTS));
}

static void
test_help (void)
{
  const char *cases[][4] = {
    { "--help", NULL },
    { "workspace", "create", "--help", NULL },
    { "workspace", "info", "--help", NULL },
    { "offices", "export", "--help", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };

      run_env (&r, NULL, cases[i]);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "Usage"));
    }
}

static void
test_persian (void)
{
  const char *env[] = { "LANG", "fa_IR.UTF-8", "LANGUAGE", "fa", NULL };
  g_auto(Run) r = { 0 };
  g_auto(Run) err = { 0 };

  if (setlocale (LC_ALL, "fa_IR.UTF-8") == NULL)
    {
      g_test_skip ("the fa_IR.UTF-8 locale is not installed (make deps creates it)");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  run_env (&r, env, (const char *[]) { "workspace", "info", "--workspace", sample_path, NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "استان:"));
  g_assert_nonnull (strstr (r.out, "۱۲"));          /* 12 counties, Persian digits */
  g_assert_null (strstr (r.out, "12"));

  run_env (&err, env, (const char *[]) { "workspace", "info", "--workspace", "/nonexistent.pkws", NULL });
  g_assert_cmpint (err.status, ==, 2);
  g_assert_nonnull (strstr (err.err, "وجود ندارد"));
}

static void
test_check (void)
{
  g_autofree char *batch = g_build_filename (tmpdir, "sites.csv", NULL);
  GString *csv = g_string_new ("lat,lon,license,area_m2,land_use\n");
  g_auto(Run) r = { 0 };
  g_auto(Run) single = { 0 };
  g_auto(Run) outside = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *pass_line = NULL;
  guint n_pass = 0;

  /* a grid over the province: some sites pass, most do not */
  for (double lat = 31.0; lat <= 35.0; lat += 0.25)
    for (double lon = 56.0; lon <= 60.75; lon += 0.25)
      g_string_append_printf (csv, "%.2f,%.2f,rural,30,yes\n", lat, lon);
  g_string_append (csv, "abc,59,rural,30,yes\n");       /* unreadable row */
  g_string_append (csv, "95,59,rural,30,yes\n");        /* out of range */
  g_assert_true (g_file_set_contents (batch, csv->str, -1, NULL));
  g_string_free (csv, TRUE);

  RUN (&r, "check", "--workspace", sample_path, "--batch", batch);
  g_assert_cmpint (r.status, ==, 1);
  lines = g_strsplit (g_strstrip (r.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 17 * 20 + 2);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonNode) node = parse_json (lines[i]);
      JsonObject *o = json_node_get_object (node);

      if (json_object_has_member (o, "error"))
        {
          g_assert_cmpint (json_object_get_int_member (o, "row"), >=, 17 * 20 + 2);
          continue;
        }
      g_assert_true (json_object_has_member (o, "location"));
      if (g_str_equal (json_object_get_string_member (o, "verdict"), "pass"))
        {
          n_pass++;
          pass_line = lines[i];
        }
    }
  g_assert_true (g_str_has_prefix (lines[17 * 20], "{\"row\":"));
  g_assert_cmpuint (n_pass, >, 0);

  /* the same passing site checked alone: exit 0 */
  {
    g_autoptr(JsonNode) node = parse_json (pass_line);
    JsonObject *loc = json_object_get_object_member (json_node_get_object (node), "location");
    g_autofree char *lat = g_strdup_printf ("%.2f", json_object_get_double_member (loc, "lat"));
    g_autofree char *lon = g_strdup_printf ("%.2f", json_object_get_double_member (loc, "lon"));

    RUN (&single, "check", "--workspace", sample_path, "--lat", lat, "--lon", lon,
         "--license", "rural", "--area-m2", "30", "--land-use", "yes", "--json");
    g_assert_cmpint (single.status, ==, 0);
  }

  /* Tehran: outside the province, county null, exit 1 */
  RUN (&outside, "check", "--workspace", sample_path, "--lat", "35.7", "--lon", "51.4",
       "--license", "urban", "--area-m2", "60", "--json");
  g_assert_cmpint (outside.status, ==, 1);
  {
    g_autoptr(JsonNode) node = parse_json (outside.out);
    g_assert_true (json_object_get_null_member (json_node_get_object (node), "county"));
  }
}

static void
test_check_bad_input (void)
{
  g_autofree char *missing = g_build_filename (tmpdir, "missing.pkws", NULL);
  const char *cases[][14] = {
    { "check", "--workspace", sample_path, "--lat", "95", "--lon", "59", "--license", "rural", NULL },
    { "check", "--workspace", sample_path, "--lat", "abc", "--lon", "59", "--license", "rural", NULL },
    { "check", "--workspace", sample_path, "--lat", "32", "--lon", "59", "--license", "city", NULL },
    { "check", "--workspace", sample_path, "--lat", "32", "--lon", "59", "--license", "rural",
      "--area-m2", "-5", NULL },
    { "check", "--workspace", sample_path, "--lat", "32", "--lon", "59", NULL },
    { "check", "--workspace", missing, "--lat", "32", "--lon", "59", "--license", "rural", NULL },
    { "check", "--lat", "32", "--lon", "59", "--license", "rural", NULL },
    { "check", "--workspace", sample_path, "--at", "north of here", "--license", "rural", NULL },
    { "check", "--workspace", sample_path, "--batch", missing, NULL },
    { "check", "--workspace", sample_path, "--lat", "32", "--lon", "59", "--license", "rural",
      "--land-use", "maybe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };

      run_env (&r, NULL, cases[i]);
      g_test_message ("check case %u: %s", i, r.err);
      assert_usage_error (&r);
    }
}

static void
test_import (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "import.pkws", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "import.csv", NULL);
  g_auto(Run) create = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) real = { 0 };
  g_auto(Run) info = { 0 };
  g_autoptr(JsonNode) root = NULL;

  RUN (&create, "workspace", "create", "--province", "South Khorasan", ws);
  g_assert_cmpint (create.status, ==, 0);
  g_assert_true (g_file_set_contents (csv,
    "code,name,license,lat,lon,postal_code\n"
    "X-1,One,urban,32.87,59.22,9717113456\n"
    "X-2,Two,rural,33.5,58.5,12\n", -1, NULL));

  RUN (&dry, "offices", "import", "--workspace", ws, "--dry-run", csv);
  RUN (&real, "offices", "import", "--workspace", ws, csv);
  g_assert_cmpint (dry.status, ==, 1);
  g_assert_cmpint (real.status, ==, 1);
  g_assert_true (g_str_has_prefix (real.out, "row 3: "));
  RUN (&info, "workspace", "info", "--workspace", ws, "--json");
  root = parse_json (info.out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_node_get_object (root), "offices"), "total"), ==, 0);
}

static void
test_doc_check (void)
{
  const ScanPage good[] = { SCAN_COLOUR, SCAN_COLOUR };
  const ScanPage grey[] = { SCAN_GREY };
  g_autofree char *good_pdf = g_build_filename (tmpdir, "good.pdf", NULL);
  g_autofree char *grey_pdf = g_build_filename (tmpdir, "grey.pdf", NULL);
  g_autofree char *cut_pdf = g_build_filename (tmpdir, "cut.pdf", NULL);
  g_autofree char *empty_pdf = g_build_filename (tmpdir, "empty.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) ok = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  gsize len;

  g_assert_true (pk_scan_pdf_write (good_pdf, good, 2, 210, NULL));
  g_assert_true (pk_scan_pdf_write (grey_pdf, grey, 1, 210, NULL));
  g_assert_true (g_file_get_contents (good_pdf, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut_pdf, contents, len / 2, NULL));
  g_assert_true (g_file_set_contents (empty_pdf, "", 0, NULL));

  RUN (&ok, "doc-check", "--kind", "birth-certificate", good_pdf, "--json");
  g_assert_cmpint (ok.status, ==, 0);
  root = parse_json (ok.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "pass");
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, good_pdf);
  g_assert_true (json_object_has_member (json_array_get_object_element (
                   json_object_get_array_member (o, "findings"), 0), "page"));

  RUN (&bad, "doc-check", "--kind", "birth-certificate", grey_pdf, "--json");
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.out, "DOC-5"));

  {
    const char *cases[][5] = {
      { "doc-check", "--kind", "generic", cut_pdf, NULL },
      { "doc-check", "--kind", "generic", empty_pdf, NULL },
      { "doc-check", "--kind", "generic", "/nonexistent.pdf", NULL },
      { "doc-check", "--kind", "passport", good_pdf, NULL },
      { "doc-check", "--kind", "generic", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) r = { 0 };

        run_env (&r, NULL, cases[i]);
        assert_usage_error (&r);
      }
  }
}


/* #5's commands end to end on a copy of the sample: zones added, listed,
 * refused when bad, exported with offices and vacant areas in one
 * FeatureCollection, drawn on the PDF map (read back with Poppler). */
static void
test_coverage_commands (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "zones.pkws", NULL);
  g_autofree char *geojson = g_build_filename (tmpdir, "publish.geojson", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "map.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) layers = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *features;

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "workspace", "create", "--sample", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "add", "--workspace", ws, "--name", "Mud east", "--license", "rural",
         "--capacity", "2", "--point", "32.7, 59.5", "--point", "32.7, 59.8",
         "--point", "32.5, 59.8", "--point", "32.5, 59.5");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "1\n");
  }
  {
    g_auto(Run) r = { 0 };
    /* two corners, a bow tie, no licence, an unknown zone: exit 2, one line, nothing stored */
    RUN (&r, "zones", "add", "--workspace", ws, "--name", "x", "--license", "rural",
         "--point", "32.7, 59.5", "--point", "32.7, 59.8");
    assert_usage_error (&r);
    g_assert_nonnull (strstr (r.err, "three"));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "add", "--workspace", ws, "--name", "x", "--license", "urban",
         "--point", "32.7, 59.5", "--point", "32.5, 59.8", "--point", "32.7, 59.8",
         "--point", "32.5, 59.5");
    assert_usage_error (&r);
    g_assert_nonnull (strstr (r.err, "crosses"));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "add", "--workspace", ws, "--name", "x", "--point", "32.7, 59.5");
    assert_usage_error (&r);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "remove", "--workspace", ws, "7");
    assert_usage_error (&r);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "list", "--workspace", ws);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Mud east"));
    g_assert_nonnull (strstr (r.out, "0/2"));
    g_assert_null (strchr (strchr (r.out, '\n') + 1, '\n'));        /* one zone, one line */
  }

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "map", "--workspace", ws, "--output", geojson);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (geojson, &contents, NULL, NULL));
  root = parse_json (contents);
  features = json_object_get_array_member (json_node_get_object (root), "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (f, "properties");
      const char *layer = json_object_get_string_member (props, "layer");
      const char *type = json_object_get_string_member (json_object_get_object_member (f, "geometry"),
                                                        "type");

      g_hash_table_insert (layers, (char *) g_intern_string (layer),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (layers, layer)) + 1));
      if (g_str_equal (layer, "office"))
        g_assert_cmpstr (type, ==, "Point");
      else
        g_assert_true (g_str_equal (type, "Polygon") || g_str_equal (type, "MultiPolygon"));
      if (g_str_equal (layer, "vacant"))
        g_assert_cmpfloat (json_object_get_double_member (props, "area_km2"), >, 0);
      if (g_str_equal (layer, "approved-zone"))
        {
          g_assert_cmpstr (json_object_get_string_member (props, "name"), ==, "Mud east");
          g_assert_cmpint (json_object_get_int_member (props, "capacity"), ==, 2);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (props, "area_km2"), 624.6, 1);
        }
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (layers, "office")), ==, 101);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (layers, "approved-zone")), ==, 1);
  /* 12 counties × 2 licence types, each with something vacant in the sample */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (layers, "vacant")), >=, 12);

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "map", "--workspace", ws, "--output", pdf, "--layers", "offices,zones", "--paper", "a3");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autoptr(GError) error = NULL;
    PopplerDocument *doc;
    PopplerPage *page;
    g_autofree char *text = NULL;

    uri = g_filename_to_uri (pdf, NULL, NULL);
    doc = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    page = poppler_document_get_page (doc, 0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, "Mud east"));
    g_assert_nonnull (strstr (text, "Approved zone"));
    g_assert_null (strstr (text, "Vacant:"));
    g_object_unref (page);
    g_object_unref (doc);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "map", "--workspace", ws, "--output", pdf, "--layers", "offices,roads");
    assert_usage_error (&r);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "remove", "--workspace", ws, "1");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "zones", "export", "--workspace", ws);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_null (strstr (r.out, "Mud east"));
  }
}

/* vacancy, coverage and suggest: totals that add up, CSV with a header and a
 * row per county and licence, suggestions that pass and keep their spacing. */
static void
test_coverage_tables (void)
{
  g_autoptr(JsonNode) vac = NULL;
  g_autoptr(JsonNode) sug = NULL;
  JsonArray *picks;

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "coverage", "--workspace", sample_path, "--csv");
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (r.status, ==, 0);
    lines = g_strsplit (r.out, "\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "county_fa,county_en,license,"));
    g_assert_cmpint (g_strv_length (lines), ==, 1 + 24 + 1);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "vacancy", "--workspace", sample_path, "--license", "rural", "--county", "Tabas",
         "--format", "json");
    g_assert_cmpint (r.status, ==, 0);
    vac = parse_json (r.out);
    g_assert_nonnull (strstr (r.out, "Tabas"));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "vacancy", "--workspace", sample_path, "--license", "rural", "--county", "Nowhere");
    assert_usage_error (&r);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "suggest", "--workspace", sample_path, "--license", "rural", "--count", "5", "--json");
    g_assert_cmpint (r.status, ==, 0);
    sug = parse_json (r.out);
  }
  picks = json_object_get_array_member (json_node_get_object (sug), "suggestions");
  g_assert_cmpuint (json_array_get_length (picks), >, 0);
  for (guint i = 0; i < json_array_get_length (picks); i++)
    {
      JsonObject *p = json_array_get_object_element (picks, i);

      g_assert_cmpstr (json_object_get_string_member (p, "verdict"), ==, "pass");
    }

  /* --each-county: up to N in every county, so more than N in all */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) each = NULL;
    g_autoptr(GHashTable) per_county = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    JsonArray *all;

    RUN (&r, "suggest", "--workspace", sample_path, "--license", "rural", "--count", "2", "--each-county",
         "--json");
    g_assert_cmpint (r.status, ==, 0);
    each = parse_json (r.out);
    all = json_object_get_array_member (json_node_get_object (each), "suggestions");
    g_assert_cmpuint (json_array_get_length (all), >, 2);
    for (guint i = 0; i < json_array_get_length (all); i++)
      {
        JsonObject *county = json_object_get_object_member (json_array_get_object_element (all, i), "county");
        char *key = g_strdup (json_object_get_string_member (county, "name_en"));
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_county, key)) + 1;

        g_assert_cmpuint (n, <=, 2);
        g_hash_table_replace (per_county, key, GUINT_TO_POINTER (n));
      }
    g_assert_cmpuint (g_hash_table_size (per_county), >, 1);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "suggest", "--workspace", sample_path, "--license", "rural", "--each-county", "--county", "Birjand");
    assert_usage_error (&r);
  }
}

/* case create|set|attach|stage|show|export, as an applicant's case would go. */
static void
test_case_commands (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "cases.pkws", NULL);
  g_autofree char *good = g_build_filename (tmpdir, "debt.pdf", NULL);
  g_autofree char *grey = g_build_filename (tmpdir, "grey.pdf", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "case.pdf", NULL);
  g_autofree char *json = g_build_filename (tmpdir, "case.json", NULL);
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;
  ScanPage colour = SCAN_COLOUR, gray = SCAN_BLANK;

  g_assert_true (pk_scan_pdf_write (good, &colour, 1, 300, &error));
  g_assert_true (pk_scan_pdf_write (grey, &gray, 1, 300, &error));
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "workspace", "create", "--sample", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    /* LT-2: no urban licence for a natural person */
    RUN (&r, "case", "create", "--workspace", ws, "--request", "RQ-1", "--license", "urban",
         "--applicant", "person");
    assert_usage_error (&r);
    g_assert_nonnull (strstr (r.err, "LT-2"));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "create", "--workspace", ws, "--request", "RQ-3", "--license", "rural",
         "--applicant", "person");
    g_assert_cmpint (r.status, ==, 0);
    number = g_strstrip (g_strdup (r.out));
    g_assert_cmpint (strlen (number), ==, 9);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "set", "--workspace", ws, number, "site.postal_code", "123");
    assert_usage_error (&r);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "stage", "--workspace", ws, number, "S3", "done");
    g_assert_cmpint (r.status, ==, 1);                       /* judged: something is missing */
    g_assert_nonnull (strstr (r.err, "S3"));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "attach", "--workspace", ws, "--kind", "bank-debt-statement", number, grey);
    g_assert_cmpint (r.status, ==, 1);                       /* a blank page: DOC-1 fails */
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "attach", "--workspace", ws, "--kind", "bank-debt-statement", number, good);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "stage", "--workspace", ws, number, "S3", "done");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "stage", "--workspace", ws, number, "S3", "return", "--reason", "Scan too dark");
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *o;

    RUN (&r, "case", "show", "--workspace", ws, number, "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    o = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "returned");
    g_assert_cmpstr (json_object_get_string_member (o, "current_stage"), ==, "S3");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "documents")), ==, 2);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "list", "--workspace", ws, "--status", "returned");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, number));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "list", "--workspace", ws, "--status", "done");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "export", "--workspace", ws, number, "--output", pdf);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
    PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
    PopplerPage *page;
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    page = poppler_document_get_page (doc, 0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, number));
    g_assert_nonnull (strstr (text, "Scan too dark"));
    g_object_unref (page);
    g_object_unref (doc);
  }
  {
    g_auto(Run) r = { 0 };
    g_autofree char *contents = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonArray *docs;
    gsize len;
    g_autofree guchar *bytes = NULL;

    RUN (&r, "case", "export", "--workspace", ws, number, "--output", json);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
    root = parse_json (contents);
    docs = json_object_get_array_member (json_node_get_object (root), "documents");
    bytes = g_base64_decode (json_object_get_string_member (json_array_get_object_element (docs, 1),
                                                            "content_pdf_base64"), &len);
    g_assert_cmpuint (len, >, 1000);
    g_assert_true (memcmp (bytes, "%PDF", 4) == 0);
  }
}

/* case site (PA-3, S10): the check run for the case's licence, stored with
 * the site; out-of-range coordinates and a site off the map without its
 * address are refused with status 2 and change nothing. */
static void
test_case_site (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "case-site.pkws", NULL);
  g_autofree char *number = NULL;

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "workspace", "create", "--sample", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "create", "--workspace", ws, "--request", "RQ-1", "--license", "rural",
         "--applicant", "person");
    g_assert_cmpint (r.status, ==, 0);
    number = g_strstrip (g_strdup (r.out));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "site", "--workspace", ws, number, "--lat", "95", "--lon", "59.9");
    assert_usage_error (&r);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "site", "--workspace", ws, number, "--not-on-map");
    assert_usage_error (&r);
    g_assert_nonnull (strstr (r.err, "--address"));
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;

    RUN (&r, "case", "show", "--workspace", ws, number, "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    /* nothing stored by the refusals */
    g_assert_true (json_object_get_null_member (json_object_get_object_member (json_node_get_object (root),
                                                                               "site"), "check"));
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;

    /* rural ICT, in Sarbisheh county, away from the towns: the verdict comes back */
    RUN (&r, "case", "site", "--workspace", ws, number, "--lat", "۳۲٫۳", "--lon", "59.9",
         "--area-m2", "40", "--land-use", "yes", "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "license"), ==, "rural");
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *site;

    RUN (&r, "case", "show", "--workspace", ws, number, "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    site = json_object_get_object_member (json_node_get_object (root), "site");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (site, "lat"), 32.3, 1e-9);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (site, "lon"), 59.9, 1e-9);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (site, "check"),
                                                    "license"), ==, "rural");
    g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (site, "check"),
                                                     "verdict"));
  }
}

/* A case brought to PA-5 from the command line, as a script would. */
static char *
cli_case_at_pa5 (const char *ws,
                 const char *lat,
                 const char *lon)
{
  char *number;
  const char *stages[] = { "PA-1", "PA-2", "PA-3", "PA-4" };

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "case", "create", "--workspace", ws, "--request", "RQ-1", "--license", "rural",
         "--applicant", "person");
    g_assert_cmpint (r.status, ==, 0);
    number = g_strstrip (g_strdup (r.out));
  }
  {
    g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };
    RUN (&a, "case", "set", "--workspace", ws, number, "pa1.read", "1");
    RUN (&b, "case", "set", "--workspace", ws, number, "pa2.read", "1");
    RUN (&c, "case", "site", "--workspace", ws, number, "--lat", lat, "--lon", lon, "--area-m2", "40",
         "--land-use", "yes");
    RUN (&d, "case", "set", "--workspace", ws, number, "pa4.date", "۱۴۰۵/۰۹/۰۱");    /* Solar Hijri */
    g_assert_cmpint (a.status + b.status + c.status + d.status, ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_auto(Run) r = { 0 };
      RUN (&r, "case", "stage", "--workspace", ws, number, stages[i], "done");
      g_assert_cmpint (r.status, ==, 0);
    }
  return number;
}

/* The county's free rural places, as coverage --json says. */
static int
free_rural (const char *ws,
            const char *county)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *counties;

  RUN (&r, "coverage", "--workspace", ws, "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  counties = json_object_get_array_member (json_node_get_object (root), "counties");
  for (guint i = 0; i < json_array_get_length (counties); i++)
    {
      JsonObject *c = json_array_get_object_element (counties, i);

      if (g_str_equal (json_object_get_string_member (json_object_get_object_member (c, "county"), "name_en"),
                       county))
        return json_object_get_int_member (json_object_get_object_member (c, "rural"), "free_capacity");
    }
  g_assert_not_reached ();
}

/* cli.md's working-group shapes: a county filled to capacity one approval at
 * a time; the next is refused (status 2) and goes through only with an
 * override the audit keeps; a closed meeting refuses a decision. */
static void
test_working_group (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "working-group.pkws", NULL);
  /* rural sites in Sarbisheh that pass every rule, 20 km and more apart */
  const char *sites[][2] = { { "32.30", "59.80" }, { "32.50", "59.70" }, { "32.45", "59.95" } };
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *meeting = NULL;
  int free_places;

  {
    g_auto(Run) r = { 0 };
    RUN (&r, "workspace", "create", "--sample", ws);
    g_assert_cmpint (r.status, ==, 0);
  }
  free_places = free_rural (ws, "Sarbisheh");
  g_assert_cmpint (free_places, >=, 1);
  g_assert_cmpint (free_places, <, (int) G_N_ELEMENTS (sites));
  for (int i = 0; i <= free_places; i++)
    g_ptr_array_add (numbers, cli_case_at_pa5 (ws, sites[i][0], sites[i][1]));
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *cases;

    RUN (&r, "review", "list", "--workspace", ws, "--stage", "PA-5", "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    cases = json_object_get_array_member (json_node_get_object (root), "cases");
    g_assert_cmpuint (json_array_get_length (cases), ==, numbers->len);
    for (guint i = 0; i < json_array_get_length (cases); i++)
      {
        JsonObject *c = json_array_get_object_element (cases, i);

        g_assert_cmpstr (json_object_get_string_member (c, "stage"), ==, "PA-5");
        g_assert_cmpstr (json_object_get_string_member (c, "verdict_stored"), ==, "pass");
        g_assert_cmpstr (json_object_get_string_member (c, "verdict_now"), ==, "pass");
        g_assert_false (json_object_get_boolean_member (c, "stale"));
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "county"), "name_en"),
                         ==, "Sarbisheh");
      }
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "meeting", "create", "--workspace", ws, "--number", "7/1405", "--date", "1405/09/11",
         "--member", "Dr. Ahmadi", "--member", "Ms. Rezaei");
    g_assert_cmpint (r.status, ==, 0);
    meeting = g_strstrip (g_strdup (r.out));
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "meeting", "add", "--workspace", ws, meeting, "no-such-case");
    assert_usage_error (&r);
  }
  /* one approval at a time, up to the capacity */
  for (int i = 0; i < free_places; i++)
    {
      g_auto(Run) r = { 0 };
      RUN (&r, "meeting", "decide", "--workspace", ws, meeting, g_ptr_array_index (numbers, i), "--approve",
           "--condition", "Signboard as the association designs it", "--due", "1405/12/01");
      g_assert_cmpint (r.status, ==, 0);
    }
  g_assert_cmpint (free_rural (ws, "Sarbisheh"), ==, 0);
  /* an approval's condition is tracked on the case until marked met */
  {
    g_auto(Run) list = { 0 }, mark = { 0 }, again = { 0 }, bad = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *cond;
    g_autofree char *id = NULL;

    RUN (&list, "case", "conditions", "--workspace", ws, g_ptr_array_index (numbers, 0), "--json");
    g_assert_cmpint (list.status, ==, 0);
    root = parse_json (list.out);
    cond = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "conditions"),
                                          0);
    g_assert_false (json_object_get_boolean_member (cond, "met"));
    g_assert_cmpstr (json_object_get_string_member (cond, "due"), ==, "2027-02-20");
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (cond, "id"));
    RUN (&mark, "case", "conditions", "--workspace", ws, g_ptr_array_index (numbers, 0), id, "met");
    g_assert_cmpint (mark.status, ==, 0);
    RUN (&again, "case", "conditions", "--workspace", ws, g_ptr_array_index (numbers, 0), "--json");
    g_assert_nonnull (strstr (again.out, "\"met\" : true"));
    RUN (&bad, "case", "conditions", "--workspace", ws, g_ptr_array_index (numbers, 0), "99999", "met");
    assert_usage_error (&bad);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "meeting", "decide", "--workspace", ws, meeting, g_ptr_array_index (numbers, free_places),
         "--approve");
    assert_usage_error (&r);
    g_assert_nonnull (strstr (r.err, "LT-7"));
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;

    RUN (&r, "meeting", "decide", "--workspace", ws, meeting, g_ptr_array_index (numbers, free_places),
         "--approve", "--override-capacity", "Border county: a second office asked by the ministry", "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "decision"), ==, "approve");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "office_id"), >, 0);
  }
  g_assert_cmpint (free_rural (ws, "Sarbisheh"), ==, 0);          /* the table shows none, not less */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *changes;
    JsonObject *last;

    RUN (&r, "audit", "--workspace", ws, "--entity", "case-decision", "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    changes = json_object_get_array_member (json_node_get_object (root), "changes");
    g_assert_cmpuint (json_array_get_length (changes), ==, free_places + 1);
    last = json_array_get_object_element (changes, json_array_get_length (changes) - 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "after"),
                                                    "override_capacity"),
                     ==, "Border county: a second office asked by the ministry");
    g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, "pishkhan-cli");
  }
  {
    g_auto(Run) close = { 0 }, again = { 0 };
    RUN (&close, "meeting", "close", "--workspace", ws, meeting);
    g_assert_cmpint (close.status, ==, 0);
    RUN (&again, "meeting", "decide", "--workspace", ws, meeting, g_ptr_array_index (numbers, 0),
         "--reject", "--reason", "too late");
    assert_usage_error (&again);
    g_assert_nonnull (strstr (again.err, "7/1405"));
  }
  /* the papers, read back: minutes and a letter, in English and in Persian */
  {
    g_autofree char *minutes = g_build_filename (tmpdir, "minutes.pdf", NULL);
    g_autofree char *minutes_fa = g_build_filename (tmpdir, "minutes-fa.pdf", NULL);
    g_autofree char *letter = g_build_filename (tmpdir, "letter.pdf", NULL);
    g_autofree char *text = NULL;
    const char *env[] = { "LANG", "fa_IR.UTF-8", "LANGUAGE", "fa", NULL };
    g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };

    RUN (&a, "meeting", "minutes", "--workspace", ws, "7/1405", "--output", minutes);
    g_assert_cmpint (a.status, ==, 0);
    text = pk_test_pdf_text (minutes);
    g_assert_nonnull (strstr (text, "7/1405"));
    g_assert_nonnull (strstr (text, "Dr. Ahmadi"));
    for (guint i = 0; i < numbers->len; i++)
      g_assert_nonnull (strstr (text, g_ptr_array_index (numbers, i)));
    g_assert_nonnull (strstr (text, "Signboard as the association designs it"));
    g_assert_nonnull (strstr (text, "ministry"));                      /* the override, and why */
    g_assert_nonnull (strstr (text, "LT-7"));
    g_assert_nonnull (strstr (text, "closed"));
    g_clear_pointer (&text, g_free);

    RUN (&b, "case", "letter", "--workspace", ws, g_ptr_array_index (numbers, free_places), "--output", letter);
    g_assert_cmpint (b.status, ==, 0);
    text = pk_test_pdf_text (letter);
    g_assert_nonnull (strstr (text, g_ptr_array_index (numbers, free_places)));
    g_assert_nonnull (strstr (text, "Approved"));
    g_assert_nonnull (strstr (text, "7/1405"));
    g_clear_pointer (&text, g_free);

    run_env (&c, env, (const char *[]) { "meeting", "minutes", "--workspace", ws, "7/1405", "--output", minutes_fa,
                                         NULL });
    g_assert_cmpint (c.status, ==, 0);
    text = pk_test_pdf_text (minutes_fa);
    {
      g_autofree char *squeezed = pk_test_squeeze (text);

      g_assert_nonnull (strstr (squeezed, "کارگروه"));
      g_assert_nonnull (strstr (squeezed, "۱۴۰۵/۰۹/۱۱"));    /* the date, Solar Hijri in Persian digits */
    }

    /* a case no meeting decided has no letter */
    RUN (&d, "case", "letter", "--workspace", ws, "no-such-case", "--output", letter);
    assert_usage_error (&d);
  }
  {
    g_auto(Run) r = { 0 };
    RUN (&r, "audit", "--workspace", ws, "--csv", "--entity", "meeting");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "at,actor,action,entity,entity_id,before,after\r\n"));
    g_assert_nonnull (strstr (r.out, ",close,meeting,"));
  }
  /* two applicants withdraw: their approved locations are freed (the one over
   * the capacity first, so the county is at its capacity, then one below) */
  {
    g_auto(Run) a = { 0 }, b = { 0 }, show = { 0 }, again = { 0 };
    g_autoptr(JsonNode) root = NULL;

    RUN (&a, "case", "withdraw", "--workspace", ws, g_ptr_array_index (numbers, free_places));
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (free_rural (ws, "Sarbisheh"), ==, 0);
    RUN (&b, "case", "withdraw", "--workspace", ws, g_ptr_array_index (numbers, 0), "--reason", "Moved away");
    g_assert_cmpint (b.status, ==, 0);
    g_assert_cmpint (free_rural (ws, "Sarbisheh"), ==, 1);
    RUN (&show, "case", "show", "--workspace", ws, g_ptr_array_index (numbers, 0), "--json");
    root = parse_json (show.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "outcome"), ==, "withdrawn");
    RUN (&again, "case", "withdraw", "--workspace", ws, g_ptr_array_index (numbers, 0));
    assert_usage_error (&again);
    g_assert_nonnull (strstr (again.err, "closed already"));
  }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* the shared sample for the read-only tests (GLib runs nested paths last) */
  pk_test_cli_make_sample ("pk-cli", &tmpdir, &sample_path);

  g_test_add_func ("/cli/workspace/create-sample", test_create_sample);
  g_test_add_func ("/cli/workspace/info-json", test_info_json);
  g_test_add_func ("/cli/offices/export", test_export);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/persian", test_persian);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/check-bad-input", test_check_bad_input);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/doc-check", test_doc_check);
  g_test_add_func ("/cli/coverage/zones-and-publication", test_coverage_commands);
  g_test_add_func ("/cli/coverage/tables", test_coverage_tables);
  g_test_add_func ("/cli/case", test_case_commands);
  g_test_add_func ("/cli/case-site", test_case_site);
  g_test_add_func ("/cli/working-group", test_working_group);
  rc = g_test_run ();

  pk_test_remove_dir (tmpdir);
  return rc;
}
