/* test-visits.c: site visits and field bundles through pishkhan-cli, as a
 * script written against cli.md would drive them — export, record visits and
 * photos in the bundle, change a case at the secretariat meanwhile, import
 * (the conflict listed, nothing of it applied, the rest byte for byte),
 * import again (nothing changes), and a bundle with one byte changed, cut
 * short or from another workspace refused with the workspace unchanged; the
 * visit report read back with Poppler in English and Persian
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pk-test-cli.h"
#include "pk-test-photo.h"

static char *tmpdir;

static JsonObject *
object_of (JsonNode *root)
{
  return json_node_get_object (root);
}

static char *
new_case (const char *ws,
          const char *lat,
          const char *lon)
{
  g_auto(Run) r = { 0 };
  char *number;

  RUN (&r, "case", "create", "--workspace", ws, "--request", "RQ-1", "--license", "urban",
       "--applicant", "company");
  g_assert_cmpint (r.status, ==, 0);
  number = g_strstrip (g_strdup (r.out));
  {
    g_auto(Run) s = { 0 };

    RUN (&s, "case", "site", "--workspace", ws, number, "--lat", lat, "--lon", lon, "--area-m2", "60",
         "--land-use", "yes");
    g_assert_cmpint (s.status, ==, 0);
  }
  return number;
}

static char *
assign (const char *ws,
        const char *number,
        const char *date)
{
  g_auto(Run) r = { 0 };

  RUN (&r, "visit", "assign", "--workspace", ws, number, "--inspector", "Reza Ahmadi", "--date", date);
  g_assert_cmpint (r.status, ==, 0);
  return g_strstrip (g_strdup (r.out));
}

/* What a script sees of the workspace: every change and every visit. */
static char *
state_of (const char *ws)
{
  g_auto(Run) audit = { 0 };
  g_auto(Run) visits = { 0 };

  RUN (&audit, "audit", "--workspace", ws, "--json");
  RUN (&visits, "visit", "list", "--workspace", ws, "--json");
  g_assert_cmpint (audit.status, ==, 0);
  g_assert_cmpint (visits.status, ==, 0);
  return g_strconcat (audit.out, visits.out, NULL);
}

static void
set (const char *ws,
     const char *visit,
     const char *what,
     const char *value,
     const char *option,
     const char *option_value)
{
  g_auto(Run) r = { 0 };

  if (option != NULL)
    RUN (&r, "visit", "set", "--workspace", ws, visit, what, value, option, option_value);
  else
    RUN (&r, "visit", "set", "--workspace", ws, visit, what, value);
  g_assert_cmpint (r.status, ==, 0);
}

static JsonObject *
photo_named (JsonArray  *photos,
             const char *name)
{
  for (guint i = 0; i < json_array_get_length (photos); i++)
    {
      JsonObject *p = json_array_get_object_element (photos, i);

      if (g_strcmp0 (json_object_get_string_member (p, "file_name"), name) == 0)
        return p;
    }
  g_assert_not_reached ();
}

static JsonNode *
show (const char *ws,
      const char *visit)
{
  g_auto(Run) r = { 0 };

  RUN (&r, "visit", "show", "--workspace", ws, visit, "--json");
  g_assert_cmpint (r.status, ==, 0);
  return parse_json (r.out);
}

static void
copy_changed (const char *from,
              const char *to,
              gsize       offset,
              gsize       keep)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  if (offset < len)
    data[offset] ^= 0x01;
  g_assert_true (g_file_set_contents (to, data, MIN (keep, len), NULL));
}

static void
test_round_trip (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "main.pkws", NULL);
  g_autofree char *other = g_build_filename (tmpdir, "other.pkws", NULL);
  g_autofree char *bundle = g_build_filename (tmpdir, "reza.pkbundle", NULL);
  g_autofree char *foreign = g_build_filename (tmpdir, "foreign.pkbundle", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "bad.pkbundle", NULL);
  g_autofree char *jpeg_path = g_build_filename (tmpdir, "front.jpg", NULL);
  g_autofree char *png_path = g_build_filename (tmpdir, "sign.png", NULL);
  g_autofree char *report_en = g_build_filename (tmpdir, "visit-en.pdf", NULL);
  g_autofree char *report_fa = g_build_filename (tmpdir, "visit-fa.pdf", NULL);
  g_autoptr(GBytes) jpeg = pk_test_photo_jpeg (2000, 1500, 6, "2026:12:03 09:40:00", TRUE, 32.8664, 59.2213);
  g_autoptr(GBytes) png = pk_test_photo_png (400, 300);
  g_autofree char *jpeg_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autofree char *png_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *n1 = NULL, *n2 = NULL, *v1 = NULL, *v2 = NULL, *state = NULL, *bundle_uuid = NULL;
  g_autofree char *v2_uuid = NULL, *conflict_id = NULL;
  gsize bundle_len;

  pk_test_photo_save (jpeg, jpeg_path);
  pk_test_photo_save (png, png_path);
  {
    g_auto(Run) r = { 0 };
    g_auto(Run) o = { 0 };

    RUN (&r, "workspace", "create", "--sample", ws);
    RUN (&o, "workspace", "create", "--sample", other);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (o.status, ==, 0);
  }
  /* two requests in Birjand, 2 km apart, visited by the same inspector */
  n1 = new_case (ws, "32.8663", "59.2211");
  n2 = new_case (ws, "32.8800", "59.2000");
  v1 = assign (ws, n1, "1405/09/12");
  v2 = assign (ws, n2, "2026-12-04");
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *visits;

    RUN (&r, "visit", "list", "--workspace", ws, "--inspector", "Reza Ahmadi", "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    visits = json_object_get_array_member (object_of (root), "visits");
    g_assert_cmpuint (json_array_get_length (visits), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (visits, 0), "date"), ==,
                     "2026-12-03");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (visits, 0), "case"), ==, n1);
    v2_uuid = g_strdup (json_object_get_string_member (json_array_get_object_element (visits, 1), "uuid"));
  }

  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;

    RUN (&r, "bundle", "export", "--workspace", ws, "--inspector", "Reza Ahmadi", "--output", bundle, "--json");
    g_assert_cmpint (r.status, ==, 0);
    root = parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (object_of (root), "visits"), ==, 2);
    bundle_uuid = g_strdup (json_object_get_string_member (object_of (root), "bundle"));
  }
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "bundle", "export", "--workspace", other, "--inspector", "Reza Ahmadi", "--output", foreign);
    assert_usage_error (&r);        /* nobody's visits there yet */
  }
  {
    g_autofree char *oc = new_case (other, "32.8663", "59.2211");
    g_autofree char *ov = assign (other, oc, "2026-12-05");
    g_auto(Run) r = { 0 };

    RUN (&r, "bundle", "export", "--workspace", other, "--inspector", "Reza Ahmadi", "--output", foreign);
    g_assert_cmpint (r.status, ==, 0);
  }

  /* in the field, on the bundle as its own workspace */
  set (bundle, v1, "ST-3", "pass", NULL, NULL);
  set (bundle, v1, "ST-4", "fail", "--note", "one desk for clients");
  set (bundle, v1, "ST-7", "central", NULL, NULL);
  set (bundle, v1, "area_m2", "۵۵", NULL, NULL);
  set (bundle, v1, "position", "32.8665,59.2214", NULL, NULL);
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "visit", "photo", "--workspace", bundle, v1, jpeg_path, png_path);
    g_assert_cmpint (r.status, ==, 0);
  }
  set (bundle, v1, "outcome", "not-compliant", "--reason", "Counter space below the standard");
  set (bundle, v2, "ST-3", "pass", NULL, NULL);
  set (bundle, v2, "outcome", "compliant", NULL, NULL);
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "visit", "set", "--workspace", bundle, v2, "ST-4", "pass");
    assert_usage_error (&r);        /* decided: it no longer changes */
  }
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "case", "set", "--workspace", bundle, n1, "company.name", "Not here");
    assert_usage_error (&r);        /* only visits are recorded in a bundle */
  }
  {
    g_autoptr(JsonNode) root = show (bundle, v1);
    JsonArray *photos = json_object_get_array_member (object_of (root), "photo_list");
    JsonObject *front = photo_named (photos, "front.jpg");
    JsonObject *where = json_object_get_object_member (front, "position");

    g_assert_cmpstr (json_object_get_string_member (front, "sha256"), ==, jpeg_sha);
    g_assert_cmpstr (json_object_get_string_member (front, "taken_at"), ==, "2026-12-03T09:40:00");
    g_assert_cmpint (json_object_get_int_member (front, "width"), ==, 1200);     /* upright, capped at 1600 */
    g_assert_cmpint (json_object_get_int_member (front, "height"), ==, 1600);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (where, "lat"), 32.8664, 1e-5);
    g_assert_cmpstr (json_object_get_string_member (photo_named (photos, "sign.png"), "content_sha256"), ==,
                     png_sha);
    g_assert_false (json_object_get_boolean_member (object_of (root), "offset_flagged"));
    g_assert_cmpfloat (json_object_get_double_member (object_of (root), "offset_m"), <, 50);
  }
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "bundle", "verify", bundle);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Reza Ahmadi"));
  }

  /* at the secretariat meanwhile */
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "case", "set", "--workspace", ws, n2, "company.name", "Shargh Counter Co.");
    g_assert_cmpint (r.status, ==, 0);
  }
  state = state_of (ws);

  /* refused whole, the workspace unchanged: one byte changed, cut short, foreign, not a bundle */
  {
    g_autofree char *data = NULL;

    g_assert_true (g_file_get_contents (bundle, &data, &bundle_len, NULL));
  }
  {
    gsize offsets[] = { bundle_len / 2, bundle_len / 3, 4096 + 1000, bundle_len - 30 };
    const char *files[] = { bad, foreign, ws };

    for (guint i = 0; i <= G_N_ELEMENTS (offsets); i++)
      {
        g_auto(Run) r = { 0 };
        g_autofree char *after = NULL;

        if (i < G_N_ELEMENTS (offsets))
          copy_changed (bundle, bad, offsets[i], G_MAXSIZE);
        else
          copy_changed (bundle, bad, G_MAXSIZE, bundle_len / 2);
        RUN (&r, "bundle", "import", "--workspace", ws, bad);
        assert_usage_error (&r);
        after = state_of (ws);
        g_assert_cmpstr (after, ==, state);
      }
    for (guint i = 1; i < G_N_ELEMENTS (files); i++)
      {
        g_auto(Run) r = { 0 };
        g_autofree char *after = NULL;

        RUN (&r, "bundle", "import", "--workspace", ws, files[i]);
        assert_usage_error (&r);
        after = state_of (ws);
        g_assert_cmpstr (after, ==, state);
      }
    {
      g_auto(Run) r = { 0 };

      RUN (&r, "bundle", "verify", "--workspace", ws, foreign);
      assert_usage_error (&r);
      g_assert_nonnull (strstr (r.err, "another workspace"));
    }
  }

  /* a dry run reports as the import will, and writes nothing */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *after = NULL;

    RUN (&r, "bundle", "import", "--workspace", ws, bundle, "--dry-run");
    g_assert_cmpint (r.status, ==, 1);
    after = state_of (ws);
    g_assert_cmpstr (after, ==, state);
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *conflicts;

    RUN (&r, "bundle", "import", "--workspace", ws, bundle, "--json");
    g_assert_cmpint (r.status, ==, 1);
    root = parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (object_of (root), "applied"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object_of (root), "photos_applied"), ==, 2);
    conflicts = json_object_get_array_member (object_of (root), "conflicts");
    g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (conflicts, 0), "visit"), ==,
                     v2_uuid);
    conflict_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                   json_object_get_int_member (json_array_get_object_element (conflicts, 0), "id"));
  }
  /* visit 1 and its photos arrived byte for byte; its case went back (RT-1) */
  {
    g_autoptr(JsonNode) here = show (ws, v1);
    g_autoptr(JsonNode) there = show (bundle, v1);
    JsonArray *hp = json_object_get_array_member (object_of (here), "photo_list");
    JsonArray *tp = json_object_get_array_member (object_of (there), "photo_list");
    g_auto(Run) c = { 0 };

    g_assert_cmpstr (json_object_get_string_member (object_of (here), "outcome"), ==, "not-compliant");
    g_assert_cmpuint (json_array_get_length (hp), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *h = json_array_get_object_element (hp, i), *t = json_array_get_object_element (tp, i);

        g_assert_cmpstr (json_object_get_string_member (h, "uuid"), ==, json_object_get_string_member (t, "uuid"));
        g_assert_cmpstr (json_object_get_string_member (h, "content_sha256"), ==,
                         json_object_get_string_member (t, "content_sha256"));
      }
    RUN (&c, "case", "show", "--workspace", ws, n1);
    g_assert_nonnull (strstr (c.out, "ST-4"));
    g_assert_nonnull (strstr (c.out, "RT-1"));
  }
  /* visit 2: nothing of it applied */
  {
    g_autoptr(JsonNode) held = show (ws, v2);

    g_assert_cmpstr (json_object_get_string_member (object_of (held), "outcome"), ==, "pending");
  }
  /* the same bundle again: nothing changes, and it says so */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *before = state_of (ws);
    g_autofree char *after = NULL;

    RUN (&r, "bundle", "import", "--workspace", ws, bundle);
    g_assert_cmpint (r.status, ==, 1);                /* the conflict still waits */
    g_assert_nonnull (strstr (r.out, "Nothing changed"));
    after = state_of (ws);
    g_assert_cmpstr (after, ==, before);
  }
  /* the import undone, then done again: the visit as it was, then merged again */
  {
    g_auto(Run) u = { 0 }, none = { 0 }, again = { 0 };
    g_autoptr(JsonNode) back = NULL;
    g_autoptr(JsonNode) merged = NULL;

    RUN (&u, "bundle", "undo", "--workspace", ws);
    g_assert_cmpint (u.status, ==, 0);
    g_assert_nonnull (strstr (u.out, bundle_uuid));
    back = show (ws, v1);
    g_assert_cmpstr (json_object_get_string_member (object_of (back), "outcome"), ==, "pending");
    RUN (&none, "bundle", "undo", "--workspace", ws, "--bundle", bundle_uuid);
    g_assert_cmpint (none.status, ==, 2);
    RUN (&again, "bundle", "import", "--workspace", ws, bundle);
    g_assert_cmpint (again.status, ==, 1);            /* the conflict is found again */
    merged = show (ws, v1);
    g_assert_cmpstr (json_object_get_string_member (object_of (merged), "outcome"), !=, "pending");
  }
  /* the audit log names the inspector and the bundle */
  {
    g_auto(Run) r = { 0 };

    RUN (&r, "audit", "--workspace", ws, "--actor", "Reza Ahmadi", "--entity", "visit", "--json");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, bundle_uuid));
  }
  /* a person settles it */
  {
    g_auto(Run) r = { 0 };
    g_auto(Run) again = { 0 };
    g_autoptr(JsonNode) settled = NULL;

    g_auto(Run) u = { 0 }, t = { 0 };
    g_autoptr(JsonNode) reopened = NULL;

    RUN (&r, "bundle", "resolve", "--workspace", ws, conflict_id, "--keep", "theirs");
    g_assert_cmpint (r.status, ==, 0);
    settled = show (ws, v2);
    g_assert_cmpstr (json_object_get_string_member (object_of (settled), "outcome"), ==, "compliant");
    /* a wrong click, taken back and done again */
    RUN (&u, "bundle", "resolve", "--workspace", ws, conflict_id, "--undo");
    g_assert_cmpint (u.status, ==, 0);
    reopened = show (ws, v2);
    g_assert_cmpstr (json_object_get_string_member (object_of (reopened), "outcome"), ==, "pending");
    RUN (&t, "bundle", "resolve", "--workspace", ws, conflict_id, "--keep", "theirs");
    g_assert_cmpint (t.status, ==, 0);
    RUN (&again, "bundle", "import", "--workspace", ws, bundle);
    g_assert_cmpint (again.status, ==, 0);
    g_assert_nonnull (strstr (again.out, "Nothing changed"));
  }

  /* the report, read back */
  {
    g_auto(Run) r = { 0 };
    g_auto(Run) f = { 0 };
    g_autofree char *text = NULL;
    g_autofree char *text_fa = NULL;
    g_autofree char *squeezed = NULL;
    const char *env[] = { "LANG", "fa_IR.UTF-8", "LANGUAGE", "fa", NULL };

    RUN (&r, "visit", "report", "--workspace", ws, v1, "--output", report_en);
    g_assert_cmpint (r.status, ==, 0);
    text = pk_test_pdf_text (report_en);
    g_assert_nonnull (strstr (text, "ST-4"));
    g_assert_nonnull (strstr (text, "one desk for clients"));
    g_assert_nonnull (strstr (text, "Not compliant"));
    g_assert_nonnull (strstr (text, "Reza Ahmadi"));
    g_assert_nonnull (strstr (text, "front.jpg"));
    run_env (&f, env, (const char *[]) { "visit", "report", "--workspace", ws, v1, "--output", report_fa, NULL });
    g_assert_cmpint (f.status, ==, 0);
    text_fa = pk_test_pdf_text (report_fa);
    squeezed = pk_test_squeeze (text_fa);
    g_assert_nonnull (strstr (squeezed, "نامنطبق"));
    g_assert_nonnull (strstr (squeezed, "چکلیست"));
    g_assert_nonnull (strstr (squeezed, "۱۴۰۵/۰۹/۱۲"));      /* the visit's date, Solar Hijri */
  }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("pk-cli-visits-XXXXXX", NULL);
  g_test_add_func ("/cli/visits/round-trip", test_round_trip);
  rc = g_test_run ();
  pk_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return rc;
}
