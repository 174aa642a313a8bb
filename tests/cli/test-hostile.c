/* test-hostile.c: pishkhan-cli given what a careless or hostile user gives it
 *
 * One test per finding of the hostile-input probe (issue "Works on a fresh
 * machine, survives crashes, bad files and a second writer"): each failed
 * before the fix it names.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <grp.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pk-scan-pdf.h"
#include "pk-store.h"
#include "pk-test-cli.h"
#include "pk-test-util.h"

static char *tmpdir;
static char *sample_path;

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* A copy of the sample that a test may change. */
static char *
fresh_workspace (const char *name)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample_path, &contents, &len, NULL));
  return write_file (name, contents, len);
}

static int
count_offices (const char *workspace)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonNode) root = NULL;

  RUN (&r, "workspace", "info", "--workspace", workspace, "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  return json_object_get_int_member (json_object_get_object_member (json_node_get_object (root),
                                                                    "offices"), "total");
}

/* A PDF whose pages each draw one image XObject with this dictionary and data. */
static char *
write_image_pdf (const char *name,
                 const char *image_dict,
                 const char *data,
                 gsize       data_len,
                 guint       n_pages)
{
  GString *pdf = g_string_new ("%PDF-1.5\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) kids = g_string_new (NULL);
  guint n_objects = 3 + 2 * n_pages;
  gsize xref;
  char *path;

  /* 1 catalog, 2 pages, 3 image, then a page and its contents per page */
  g_array_append_val (offsets, pdf->len);
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  for (guint i = 0; i < n_pages; i++)
    g_string_append_printf (kids, "%u 0 R ", 4 + 2 * i);
  g_array_append_val (offsets, pdf->len);
  g_string_append_printf (pdf, "2 0 obj << /Type /Pages /Kids [%s] /Count %u >> endobj\n", kids->str,
                          n_pages);
  g_array_append_val (offsets, pdf->len);
  g_string_append_printf (pdf, "3 0 obj << /Type /XObject /Subtype /Image %s /Length %zu >>\nstream\n",
                          image_dict, data_len);
  g_string_append_len (pdf, data, data_len);
  g_string_append (pdf, "\nendstream endobj\n");
  for (guint i = 0; i < n_pages; i++)
    {
      const char *content = "q 595 0 0 842 0 0 cm /Im0 Do Q";

      g_array_append_val (offsets, pdf->len);
      g_string_append_printf (pdf, "%u 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                              " /Resources << /XObject << /Im0 3 0 R >> >> /Contents %u 0 R >> endobj\n",
                              4 + 2 * i, 5 + 2 * i);
      g_array_append_val (offsets, pdf->len);
      g_string_append_printf (pdf, "%u 0 obj << /Length %zu >>\nstream\n%s\nendstream endobj\n",
                              5 + 2 * i, strlen (content), content);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer << /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          n_objects + 1, xref);
  path = write_file (name, pdf->str, pdf->len);
  g_string_free (pdf, TRUE);
  return path;
}

/* 1. A GeoJSON nested 100,000 arrays deep overflowed the stack in json-glib. */
static void
test_deep_nesting (void)
{
  g_autofree char *ws = fresh_workspace ("deep.pkws");
  GString *deep = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                "\"properties\":{\"code\":");
  g_autofree char *path = NULL;
  const char *commands[][2] = { { "offices", "import" }, { "urban-areas", "import" } };

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}}]}");
  path = write_file ("deep.geojson", deep->str, deep->len);
  g_string_free (deep, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) r = { 0 };

      RUN (&r, commands[i][0], commands[i][1], "--workspace", ws, path);
      assert_usage_error (&r);
      g_assert_nonnull (strstr (r.err, "nested more than"));
    }
}

/* 2. An image declaring 2147483647 × 2147483647 aborted inside Poppler. */
static void
test_huge_image_declared (void)
{
  g_autofree char *pdf = write_image_pdf ("huge.pdf", "/Width 2147483647 /Height 2147483647"
                                          " /ColorSpace /DeviceRGB /BitsPerComponent 8"
                                          " /Filter /FlateDecode", "x", 1, 1);
  g_auto(Run) r = { 0 };

  RUN (&r, "doc-check", "--kind", "birth-certificate", pdf);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "more than any scan"));
  g_assert_cmpstr (r.err, ==, "");
}

/* 3. workspace create --force unlinked the old file first; now it is built
 * aside, renamed over only when whole, and refused while the file is open. */
static void
test_create_force_keeps_old (void)
{
  g_autofree char *ws = fresh_workspace ("force.pkws");
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  g_auto(Run) r = { 0 };
  g_auto(Run) ok = { 0 };
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_file_get_contents (ws, &before, &before_len, NULL));
  {
    /* another program holding the workspace open, as the app does */
    g_autoptr(PkStore) holder = pk_store_open (ws, NULL);
    g_autofree char *same = NULL;
    gsize same_len;

    g_assert_nonnull (holder);
    RUN (&r, "workspace", "create", "--province", "Yazd", "--force", ws);
    assert_usage_error (&r);
    g_assert_nonnull (strstr (r.err, "open in another program"));
    g_assert_true (g_file_get_contents (ws, &same, &same_len, NULL));
    g_assert_cmpuint (same_len, ==, before_len);
  }
  RUN (&ok, "workspace", "create", "--province", "Yazd", "--force", ws);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_true (g_file_get_contents (ws, &after, &after_len, NULL));
  g_assert_true (before_len != after_len || memcmp (before, after, before_len) != 0);
  /* no staging file left beside it */
  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".partial-"));
}

/* 4. Decompression bombs: a tiny JPEG declaring 30000 × 30000, a Flate image
 * of 20000 × 20000, and 100,000 pages, each refused or cut short. */
static void
test_bombs (void)
{
  static const guint8 jpeg_head[] = {
    0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x75, 0x30, 0x75, 0x30, 0x03,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
  };
  g_autofree char *jpeg = write_file ("bomb.jpg", (const char *) jpeg_head, sizeof jpeg_head);
  g_autofree char *ws = fresh_workspace ("bombs.pkws");
  g_autofree char *flate_pdf = NULL, *pages_pdf = NULL;
  g_auto(Run) created = { 0 };
  g_auto(Run) photo = { 0 };
  g_auto(Run) flate = { 0 };
  g_auto(Run) many = { 0 };
  g_autoptr(JsonNode) root = NULL;
  char number[32];

  RUN (&created, "case", "create", "--workspace", ws, "--request", "RQ-1", "--license", "rural",
       "--applicant", "person");
  g_assert_cmpint (created.status, ==, 0);
  g_assert_true (sscanf (created.out, "%31s", number) == 1);
  RUN (&photo, "case", "attach", "--workspace", ws, "--kind", "birth-certificate", number, jpeg);
  assert_usage_error (&photo);
  g_assert_nonnull (strstr (photo.err, "30000 × 30000"));

  {
    /* 100 bytes that inflate to nothing like 1.2 GB: the size alone refuses it */
    static const char z[] = "x\x9c\x03\x00\x00\x00\x00\x01";

    flate_pdf = write_image_pdf ("flate-bomb.pdf", "/Width 20000 /Height 20000 /ColorSpace /DeviceRGB"
                                 " /BitsPerComponent 8 /Filter /FlateDecode", z, sizeof z - 1, 1);
  }
  RUN (&flate, "doc-check", "--kind", "birth-certificate", "--json", flate_pdf);
  g_assert_cmpint (flate.status, ==, 1);
  g_assert_nonnull (strstr (flate.out, "20000"));

  pages_pdf = write_image_pdf ("pages.pdf", "/Width 8 /Height 8 /ColorSpace /DeviceGray"
                               " /BitsPerComponent 8", "0123456789012345678901234567890123456789"
                               "012345678901234567890123", 64, 100000);
  RUN (&many, "doc-check", "--kind", "national-card", "--json", pages_pdf);
  g_assert_cmpint (many.status, ==, 1);
  root = parse_json (many.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "pages"), ==, 100000);
}

/* 5. City limits that would break coverage are refused as rows, and a dry
 * run says exactly what the import would. */
static void
test_invalid_urban_areas (void)
{
  g_autofree char *ws = fresh_workspace ("urban.pkws");
  /* Birjand (city 140 of the sample) is at about 59.22 E, 32.87 N */
  const char *geometries[] = {
    "{\"type\":\"Polygon\",\"coordinates\":[[[59.20,32.85],[59.24,32.89],[59.24,32.85],[59.20,32.89],[59.20,32.85]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[59.20,32.85],[59.24,32.85],[59.24,32.89],[59.20,32.89]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[59.20,32.85],[59.24,32.85],[59.20,32.85],[59.20,32.85]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[59.20,32.85],[59.24,32.85],[59.24,32.89],[59.20,32.89],[59.20,32.85]],"
      "[[59.5,33.5],[59.51,33.5],[59.51,33.51],[59.5,33.5]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[59.20,32.85],[359.24,32.85],[59.24,32.89],[59.20,32.85]]]}",
    "{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}",
    NULL,        /* the 20,000-vertex zigzag, made below */
  };
  g_autoptr(GString) gj = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GString) zigzag = g_string_new ("{\"type\":\"Polygon\",\"coordinates\":[[");
  g_autofree char *path = NULL;
  g_auto(Run) dry = { 0 };
  g_auto(Run) real = { 0 };
  g_auto(Run) coverage = { 0 };

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (zigzag, "[%.6f,%.6f],", 59.20 + i * 0.000002, 32.86 + (i % 2) * 0.001);
  g_string_append (zigzag, "[59.24,32.85],[59.20,32.86]]]}");
  geometries[G_N_ELEMENTS (geometries) - 1] = zigzag->str;
  for (guint i = 0; i < G_N_ELEMENTS (geometries); i++)
    g_string_append_printf (gj, "%s{\"type\":\"Feature\",\"properties\":{\"name_en\":\"Birjand\"},"
                            "\"geometry\":%s}", i ? "," : "", geometries[i]);
  g_string_append (gj, "]}");
  path = write_file ("bad-limits.geojson", gj->str, gj->len);

  RUN (&dry, "urban-areas", "import", "--workspace", ws, "--dry-run", path);
  RUN (&real, "urban-areas", "import", "--workspace", ws, path);
  g_assert_cmpint (dry.status, ==, 1);
  g_assert_cmpint (real.status, ==, 1);
  for (guint i = 1; i <= G_N_ELEMENTS (geometries); i++)
    {
      g_autofree char *row = g_strdup_printf ("feature %u: ", i);

      g_assert_nonnull (strstr (dry.out, row));
      g_assert_nonnull (strstr (real.out, row));
    }
  g_assert_nonnull (strstr (dry.out, "0 of 7"));
  RUN (&coverage, "coverage", "--workspace", ws, "--json");
  g_assert_cmpint (coverage.status, ==, 0);
  g_assert_cmpstr (coverage.err, ==, "");
}

/* 6. Malformed GeoJSON gave GLib criticals, or "Imported 0 of 0 rows". */
static void
test_malformed_geojson (void)
{
  g_autofree char *ws = fresh_workspace ("malformed.pkws");
  const char *files[] = {
    "",
    "{\"type\":\"FeatureCollection\",\"features\":null}",
    "{\"type\":\"FeatureCollection\",\"features\":{}}",
    "{\"type\":\"FeatureCollection\",\"features\":\"x\"}",
    "{\"type\":\"FeatureCollection\",\"features\":[1]}",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[59,32]}}]}",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":\"x\"}]}",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"A\",\"name\":\"A\",\"license\":\"rural\"},\"geometry\":{\"type\":\"Point\"}}]}",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"A\",\"name\":\"A\",\"license\":\"rural\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"a\",\"b\"]}}]}",
  };
  const char *commands[] = { "offices", "urban-areas" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_autofree char *name = g_strdup_printf ("malformed-%u.geojson", i);
        g_autofree char *path = write_file (name, files[i], -1);
        g_auto(Run) r = { 0 };

        RUN (&r, commands[c], "import", "--workspace", ws, path);
        g_assert_null (strstr (r.err, "CRITICAL"));
        g_assert_null (strstr (r.err, "WARNING"));
        if (i <= 3)
          assert_usage_error (&r);            /* the file itself is not a feature collection */
        else
          {
            g_assert_cmpint (r.status, ==, 1);     /* read, and its one row refused */
            g_assert_nonnull (strstr (r.out, "feature 1: "));
          }
      }
}

/* 7. A writer that fails half-way (here: the file size limit, as a full disk
 * would) leaves no partial file, and never an old one broken. */
static void
child_limit_file_size (gpointer data)
{
  /* above the workspace's 32 KiB -shm, below any map or report */
  struct rlimit limit = { 48000, 48000 };

  signal (SIGXFSZ, SIG_IGN);                  /* fail the write, do not kill */
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
run_limited (Run                *r,
             const char * const *args)
{
  run_full (r, NULL, (const char *[]) { "LANGUAGE", "en", NULL }, args, child_limit_file_size);
}

static void
assert_no_partial_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".partial-"));
}

static void
test_partial_outputs (void)
{
  g_autofree char *map = g_build_filename (tmpdir, "limited-map.pdf", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "limited-map.png", NULL);
  g_autofree char *check = g_build_filename (tmpdir, "limited-check.pdf", NULL);
  g_autofree char *old = write_file ("old-map.pdf", "%PDF-1.4 an older map that must survive", -1);
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };
  g_autofree char *kept = NULL;

  run_limited (&a, (const char *[]) { "map", "--workspace", sample_path, "--output", map, NULL });
  run_limited (&b, (const char *[]) { "map", "--workspace", sample_path, "--output", png, NULL });
  run_limited (&c, (const char *[]) { "check", "--workspace", sample_path, "--lat", "32.8", "--lon",
                                      "59.1", "--license", "rural", "--area-m2", "40", "--land-use",
                                      "yes", "--pdf", check, NULL });
  run_limited (&d, (const char *[]) { "map", "--workspace", sample_path, "--output", old, NULL });
  g_assert_cmpint (a.status, ==, 2);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_cmpint (d.status, ==, 2);
  g_assert_false (g_file_test (map, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (check, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (old, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "%PDF-1.4 an older map that must survive");
  assert_no_partial_files ();
}

/* 8. No length limit on text: a 10 MB office name was accepted. 10. A lone
 * surrogate was stored as invalid UTF-8, "\u0000" cut a name short.
 * 13. Control characters in names reached the terminal. */
static void
test_text_fields (void)
{
  g_autofree char *ws = fresh_workspace ("text.pkws");
  g_autoptr(GString) csv = g_string_new ("code,name,license,lat,lon\nLONG-1,");
  g_autofree char *long_csv = NULL, *ctrl_csv = NULL, *surrogate = NULL, *nul = NULL;
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };
  int before = count_offices (ws);

  for (int i = 0; i < 10 * 1024 * 1024 / 8; i++)
    g_string_append (csv, "abcdefgh");
  g_string_append (csv, ",rural,32.8,59.1\n");
  long_csv = write_file ("long-name.csv", csv->str, csv->len);
  RUN (&a, "offices", "import", "--workspace", ws, long_csv);
  g_assert_cmpint (a.status, ==, 1);
  g_assert_nonnull (strstr (a.out, "row 2: name: the text has 10485760 characters"));

  ctrl_csv = write_file ("ctrl.csv", "code,name,license,lat,lon\nCTL-1,Bad\x1b[31mName,rural,32.8,59.1\n", -1);
  RUN (&b, "offices", "import", "--workspace", ws, ctrl_csv);
  g_assert_cmpint (b.status, ==, 1);
  g_assert_nonnull (strstr (b.out, "control character (U+001B)"));
  g_assert_null (strchr (b.out, '\x1b'));

  surrogate = write_file ("surrogate.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                          "\"Feature\",\"properties\":{\"code\":\"S1\",\"name\":\"A\\ud800B\",\"license\":"
                          "\"rural\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[59.1,32.8]}}]}", -1);
  RUN (&c, "offices", "import", "--workspace", ws, surrogate);
  assert_usage_error (&c);
  g_assert_nonnull (strstr (c.err, "surrogate"));
  nul = write_file ("nul.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                    "\"Feature\",\"properties\":{\"code\":\"S1\",\"name\":\"A\\u0000B\",\"license\":"
                    "\"rural\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[59.1,32.8]}}]}", -1);
  RUN (&d, "offices", "import", "--workspace", ws, nul);
  assert_usage_error (&d);
  g_assert_nonnull (strstr (d.err, "NUL"));
  g_assert_cmpint (count_offices (ws), ==, before);
}

/* 9. A workspace in a folder nobody may write was "damaged"; now it opens
 * read-only and every change is refused in one line. */
static void
child_drop_privileges (gpointer data)
{
  if (geteuid () == 0)        /* root writes anywhere: be nobody, as a user is */
    {
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        _exit (99);
    }
}

/* The CLI copied where nobody may run it: the build tree may be in a home
 * folder that only its owner can enter (root's is). */
static const char *
cli_for_everyone (void)
{
  static char *copy;

  if (copy == NULL)
    {
      g_autofree char *contents = NULL;
      gsize len;

      copy = g_build_filename (tmpdir, "pishkhan-cli", NULL);
      g_assert_true (g_file_get_contents (g_getenv ("PK_CLI"), &contents, &len, NULL));
      g_assert_true (g_file_set_contents (copy, contents, len, NULL));
      g_chmod (copy, 0755);
    }
  return copy;
}

static void
run_as_user (Run                *r,
             const char * const *args)
{
  run_full (r, cli_for_everyone (), (const char *[]) { "LANGUAGE", "en", NULL }, args,
            child_drop_privileges);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "read-only", NULL);
  g_autofree char *ws = g_build_filename (dir, "ro.pkws", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) info = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) edit = { 0 };
  gsize len;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (sample_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (ws, contents, len, NULL));
  g_chmod (ws, 0444);
  g_chmod (dir, 0555);
  g_chmod (tmpdir, 0755);
  run_as_user (&info, (const char *[]) { "workspace", "info", "--workspace", ws, NULL });
  if (info.status == 99)
    {
      g_test_skip ("cannot become an unprivileged user here");
      return;
    }
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "South Khorasan"));
  run_as_user (&check, (const char *[]) { "check", "--workspace", ws, "--lat", "32.8", "--lon", "59.1",
                                          "--license", "rural", "--area-m2", "40", "--land-use", "yes",
                                          "--json", NULL });
  g_assert_cmpint (check.status, <=, 1);
  g_assert_cmpstr (check.err, ==, "");
  run_as_user (&edit, (const char *[]) { "zones", "remove", "--workspace", ws, "1", NULL });
  assert_usage_error (&edit);
  g_assert_nonnull (strstr (edit.err, "read-only"));
  g_chmod (dir, 0755);
  g_chmod (ws, 0644);
  g_unlink (ws);
  g_rmdir (dir);
}

/* 11. Library chatter: qpdf's "application did not handle error", libjpeg's
 * "Corrupt JPEG data", RTTOPO's "Antipodal edge" after a whole-Earth zone. */
static void
test_no_library_chatter (void)
{
  g_autofree char *ws = fresh_workspace ("chatter.pkws");
  g_autofree char *garbage = write_image_pdf ("garbage-flate.pdf", "/Width 100 /Height 100 /ColorSpace"
                                              " /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
                                              "this is not zlib data at all", 28, 1);
  static const guint8 bad_jpeg[] = {
    0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x40, 0x00, 0x40, 0x03, 0x01, 0x22, 0x00,
    0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11,
    0x03, 0x11, 0x00, 0x3F, 0x00, 0x12, 0x34, 0x56, 0xFF, 0xD9,
  };
  g_autofree char *jpeg_pdf = write_image_pdf ("corrupt-jpeg.pdf", "/Width 64 /Height 64 /ColorSpace"
                                               " /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
                                               (const char *) bad_jpeg, sizeof bad_jpeg, 1);
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) zone = { 0 };

  RUN (&a, "doc-check", "--kind", "generic", garbage);
  g_assert_cmpint (a.status, ==, 1);
  g_assert_cmpstr (a.err, ==, "");
  RUN (&b, "doc-check", "--kind", "generic", jpeg_pdf);
  g_assert_cmpint (b.status, <=, 1);
  g_assert_cmpstr (b.err, ==, "");
  RUN (&zone, "zones", "add", "--workspace", ws, "--name", "Earth", "--license", "rural", "--capacity",
       "1", "--point", "-89,-179", "--point", "-89,179", "--point", "89,179", "--point", "89,-179");
  assert_usage_error (&zone);
  g_assert_nonnull (strstr (zone.err, "within one province"));
}

/* 12. A CSV with CR-only line ends imported "0 of 0 rows" with status 0. */
static void
test_cr_line_ends (void)
{
  g_autofree char *ws = fresh_workspace ("cr.pkws");
  g_autofree char *path = write_file ("cr.csv", "code,name,license,lat,lon\rCR-1,Office one,rural,32.8,59.1\r"
                                      "CR-2,Office two,rural,32.9,59.3\r", -1);
  g_auto(Run) r = { 0 };
  int before = count_offices (ws);

  RUN (&r, "offices", "import", "--workspace", ws, path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (count_offices (ws), ==, before + 2);
}

/* 13. The smaller findings, each as the probe typed it. */
static void
test_small_findings (void)
{
  g_autofree char *ws = fresh_workspace ("small.pkws");
  g_autofree char *batch = write_file ("batch-yes.csv", "lat,lon,license,area_m2,land_use\n"
                                       "32.8,59.1,RURAL,40,YES\n", -1);
  g_autofree char *dates = write_file ("dates.csv", "code,name,license,lat,lon,license_issued,"
                                       "license_expires\nD-1,Dates,rural,32.8,59.1,2025-05-01,2024-05-01\n", -1);
  g_autofree char *dup = write_file ("dup.csv", "code,name,name,license,lat,lon\nX,a,b,rural,32.8,59.1\n", -1);
  g_autofree char *formula = write_file ("formula.csv", "code,name,license,lat,lon\n"
                                         "F-1,=HYPERLINK(\"http://x\"),rural,32.8,59.1\n", -1);
  g_auto(Run) none = { 0 };
  g_auto(Run) hex = { 0 };
  g_auto(Run) yes = { 0 };
  g_auto(Run) expiry = { 0 };
  g_auto(Run) header = { 0 };
  g_auto(Run) zone = { 0 };
  g_auto(Run) created = { 0 };
  g_auto(Run) person = { 0 };
  g_auto(Run) self_map = { 0 };
  g_auto(Run) imported = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) round_trip = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *exported_path = NULL;
  char number[32];

  run_env (&none, NULL, (const char *[]) { NULL });
  assert_usage_error (&none);

  RUN (&hex, "check", "--workspace", ws, "--lat", "0x20", "--lon", "59.1", "--license", "rural");
  assert_usage_error (&hex);

  RUN (&yes, "check", "--workspace", ws, "--batch", batch);
  g_assert_null (strstr (yes.out, "\"error\""));

  RUN (&expiry, "offices", "import", "--workspace", ws, dates);
  g_assert_cmpint (expiry.status, ==, 1);
  g_assert_nonnull (strstr (expiry.out, "expires (2024-05-01) before it was issued"));

  RUN (&header, "offices", "import", "--workspace", ws, dup);
  assert_usage_error (&header);
  g_assert_nonnull (strstr (header.err, "appears twice"));

  RUN (&zone, "zones", "remove", "--workspace", ws, "99999999999999999999");
  assert_usage_error (&zone);
  g_assert_nonnull (strstr (zone.err, "is not a zone ID"));

  RUN (&created, "case", "create", "--workspace", ws, "--request", "RQ-1", "--license", "rural",
       "--applicant", "person");
  g_assert_true (sscanf (created.out, "%31s", number) == 1);
  {
    const ScanPage page[] = { SCAN_COLOUR };

    pdf = g_build_filename (tmpdir, "scan.pdf", NULL);
    g_assert_true (pk_scan_pdf_write (pdf, page, 1, 300, NULL));
  }
  RUN (&person, "case", "attach", "--workspace", ws, "--kind", "birth-certificate", "--person", "999",
       number, pdf);
  assert_usage_error (&person);
  g_assert_nonnull (strstr (person.err, "no person with id 999"));
  g_assert_null (strstr (person.err, "FOREIGN KEY"));

  {
    /* a workspace whose name ends as the map's would */
    g_autofree char *named_pdf = fresh_workspace ("workspace.pdf");

    RUN (&self_map, "map", "--workspace", named_pdf, "--output", named_pdf);
    assert_usage_error (&self_map);
    g_assert_nonnull (strstr (self_map.err, "the workspace itself"));
    g_assert_cmpint (count_offices (named_pdf), >, 0);   /* the workspace is still one */
  }

  RUN (&imported, "offices", "import", "--workspace", ws, formula);
  g_assert_cmpint (imported.status, ==, 0);
  RUN (&exported, "offices", "export", "--workspace", ws, "--format", "csv");
  g_assert_nonnull (strstr (exported.out, "'=HYPERLINK"));
  g_assert_null (strstr (exported.out, ",=HYPERLINK"));
  {
    /* the apostrophe comes off again on import */
    g_autofree char *ws2 = fresh_workspace ("small-2.pkws");
    g_autofree char *round = NULL;
    g_auto(Run) again = { 0 };
    char *line = strstr (exported.out, "F-1");

    g_assert_nonnull (line);
    exported_path = write_file ("exported.csv", exported.out, -1);
    RUN (&round_trip, "offices", "import", "--workspace", ws2, "--skip-invalid", exported_path);
    RUN (&again, "offices", "export", "--workspace", ws2, "--format", "csv");
    g_assert_nonnull (strstr (again.out, "'=HYPERLINK"));
    g_assert_null (strstr (again.out, "''=HYPERLINK"));
  }
}

/* 13 (last) and 5 of the issue: a second writer waits for the first's lock
 * (here held for six seconds, past SQLite's old five) instead of failing with
 * "database is locked", and two imports at once both land whole. */
static void
test_two_writers (void)
{
  g_autofree char *ws = fresh_workspace ("writers.pkws");
  g_autoptr(GString) a = g_string_new ("code,name,license,lat,lon\n");
  g_autoptr(GString) b = g_string_new ("code,name,license,lat,lon\n");
  g_autofree char *pa = NULL, *pb = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  int before = count_offices (ws);
  const int n = 5000;

  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (a, "A-%d,Office A %d,rural,%.5f,%.5f\n", i, i, 32.5 + (i % 100) * 0.004,
                              59.0 + (i / 100) * 0.002);
      g_string_append_printf (b, "B-%d,Office B %d,urban,%.5f,%.5f\n", i, i, 32.5 + (i % 100) * 0.004,
                              59.0 + (i / 100) * 0.002);
    }
  pa = write_file ("writers-a.csv", a->str, a->len);
  pb = write_file ("writers-b.csv", b->str, b->len);
  {
    /* another program in the middle of a long write */
    g_autoptr(PkStore) holder = pk_store_open (ws, &error);

    g_assert_no_error (error);
    g_assert_true (pk_store_begin (holder, &error));
    first = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("PK_CLI"), "offices",
                              "import", "--workspace", ws, pa, NULL);
    g_assert_no_error (error);
    g_usleep (6 * G_USEC_PER_SEC);
    g_assert_true (pk_store_commit (holder, &error));
  }
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("PK_CLI"), "offices",
                             "import", "--workspace", ws, pb, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_offices (ws), ==, before + 2 * n);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pk_test_cli_make_sample ("pk-hostile", &tmpdir, &sample_path);

  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/huge-image-declared", test_huge_image_declared);
  g_test_add_func ("/hostile/create-force-keeps-old", test_create_force_keeps_old);
  g_test_add_func ("/hostile/decompression-bombs", test_bombs);
  g_test_add_func ("/hostile/invalid-urban-areas", test_invalid_urban_areas);
  g_test_add_func ("/hostile/malformed-geojson", test_malformed_geojson);
  g_test_add_func ("/hostile/partial-outputs", test_partial_outputs);
  g_test_add_func ("/hostile/text-fields", test_text_fields);
  g_test_add_func ("/hostile/read-only-folder", test_read_only_folder);
  g_test_add_func ("/hostile/no-library-chatter", test_no_library_chatter);
  g_test_add_func ("/hostile/cr-line-ends", test_cr_line_ends);
  g_test_add_func ("/hostile/small-findings", test_small_findings);
  g_test_add_func ("/hostile/two-writers", test_two_writers);
  rc = g_test_run ();

  g_chmod (tmpdir, 0700);
  pk_test_remove_dir (tmpdir);
  return rc;
}
