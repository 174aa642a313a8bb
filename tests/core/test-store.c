/* test-store.c: workspace files, real SpatiaLite on disk
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-sql.h"
#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "pk-case-workflow.h"
#include "pk-geography.h"
#include "pk-import.h"
#include "pk-store-internal.h"
#include "pk-store-private.h"


static gboolean
table_has_column (const char *path,
                  const char *table,
                  const char *column)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s')"
                                          " WHERE name = '%s'", table, column);
  gboolean found;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

static void
test_create_and_reopen (PkTestWorkspace *f,
                        gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkStore) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (pk_store_get_schema_version (store), ==, PK_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  again = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pk_store_get_schema_version (again), ==, PK_STORE_SCHEMA_VERSION);
  g_assert_true (table_has_column (f->path, "offices", "geom"));
  g_assert_true (table_has_column (f->path, "audit_log", "before"));
}

static void
test_create_refuses_existing (PkTestWorkspace *f,
                              gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;

  g_file_set_contents (f->path, "keep me", -1, NULL);
  store = pk_store_create (f->path, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS);
  {
    g_autofree char *contents = NULL;
    g_file_get_contents (f->path, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "keep me");
  }
}

/* A file made at schema 1 (before urban areas and rule settings) opens in
 * this build and is migrated to the current version. */
static void
test_migrate_from_v1 (PkTestWorkspace *f,
                      gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  g_autofree char *version = NULL;

  g_assert_true (_pk_store_create_at_version (f->path, 1, &error));
  g_assert_no_error (error);
  g_assert_false (table_has_column (f->path, "settlements", "urban_area"));

  store = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pk_store_get_schema_version (store), ==, PK_STORE_SCHEMA_VERSION);
  version = pk_store_get_meta (store, "schema_version");
  g_assert_cmpint (atoi (version), ==, PK_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  g_assert_true (table_has_column (f->path, "settlements", "urban_area"));
  g_assert_true (table_has_column (f->path, "rule_settings", "value"));
  g_assert_true (table_has_column (f->path, "zones", "geom"));
}

static void
test_refuse_newer (PkTestWorkspace *f,
                   gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  pk_test_sql_exec (f->path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
}

static void
test_refuse_foreign_sqlite (PkTestWorkspace *f,
                            gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;

  pk_test_sql_exec (f->path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
}

static void
test_refuse_text_file (PkTestWorkspace *f,
                       gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;

  g_file_set_contents (f->path, "name,lat,lon\nBirjand,32.8,59.2\n", -1, NULL);
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
}

static void
test_refuse_empty_and_missing (PkTestWorkspace *f,
                               gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (f->path, &error);

  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_file_set_contents (f->path, "", 0, NULL);
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
  g_clear_error (&error);

  /* a server's address is not taken for a file name: a server that is not
   * there is refused in one line that names it (a socket folder, not a host
   * name, so that the test asks no name server) */
  store = pk_store_open ("postgresql://inspector@/pishkhan?host=/nonexistent", &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "postgresql://inspector@/pishkhan?host=/nonexistent"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_refuse_truncated (PkTestWorkspace *f,
                       gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 200000);
  g_assert_true (g_file_set_contents (f->path, contents, len / 3, NULL));

  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT);
}

static PkOffice *
make_office (const char *code,
             const char *postal)
{
  PkOffice *o = pk_office_new ();

  o->code = g_strdup (code);
  o->name = g_strdup ("دفتر آزمایشی");
  o->license = PK_LICENSE_RURAL;
  o->status = PK_STATUS_ACTIVE;
  o->postal_code = g_strdup (postal);
  o->lat = 32.86;
  o->lon = 59.22;
  return o;
}

/* A refused write leaves neither the row nor its audit entry behind. */
static void
test_office_rollback (PkTestWorkspace *f,
                      gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkOffice) a = make_office ("T-1", "9717113456");
  g_autoptr(PkOffice) dup = make_office ("T-1", "9717113456");
  g_autoptr(PkOffice) bad_postal = make_office ("T-2", "12345");
  g_autoptr(GPtrArray) offices = NULL;
  gint64 audit_before;

  g_assert_no_error (error);
  g_assert_cmpint (pk_store_add_office (store, a, &error), >, 0);
  g_assert_no_error (error);
  audit_before = pk_store_count_audit (store);

  g_assert_cmpint (pk_store_add_office (store, dup, &error), ==, 0);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL);
  g_clear_error (&error);
  g_assert_cmpint (pk_store_add_office (store, bad_postal, &error), ==, 0);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL);
  g_clear_error (&error);

  g_assert_cmpint (pk_store_count_audit (store), ==, audit_before);
  offices = pk_store_list_offices (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offices->len, ==, 1);
}

static PkZone *
square_zone (double lon,
             double lat,
             double side)
{
  PkZone *z = pk_zone_new ();

  z->name = g_strdup ("  Mud east  ");
  z->license = PK_LICENSE_RURAL;
  z->capacity = 2;
  pk_zone_add_point (z, lon, lat);
  pk_zone_add_point (z, lon + side, lat);
  pk_zone_add_point (z, lon + side, lat + side);
  pk_zone_add_point (z, lon, lat + side);
  return z;
}

/* Approved zones: stored, read back with their area on the ellipsoid,
 * updated, removed and put back under the same id, each write audited; bad
 * outlines refused with a reason and nothing written. */
static void
test_zones (PkTestWorkspace *f,
            gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkZone) z = square_zone (59.0, 32.0, 0.1);
  g_autoptr(PkZone) back = NULL;
  g_autoptr(PkZone) bow = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  g_autoptr(GPtrArray) offices = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_office_free);
  g_autofree char *geojson = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *feature;
  gint64 audit, id;

  g_assert_no_error (error);
  audit = pk_store_count_audit (store);
  id = pk_store_add_zone (store, z, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (pk_store_count_audit (store), ==, audit + 1);

  back = pk_store_get_zone (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "Mud east");
  g_assert_cmpint (back->n_points, ==, 4);
  g_assert_cmpint (back->capacity, ==, 2);
  /* 0.1° × 0.1° at 32° N: 11.09 km × 9.44 km ≈ 104.7 km² */
  g_assert_cmpfloat_with_epsilon (back->area_km2, 104.72, 0.2);
  g_assert_true (pk_zone_contains (back, 59.05, 32.05));
  g_assert_false (pk_zone_contains (back, 59.15, 32.05));

  back->capacity = 3;
  back->license = PK_LICENSE_URBAN;
  g_assert_true (pk_store_update_zone (store, back, &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, pk_zone_free);
  back = pk_store_get_zone (store, id, &error);
  g_assert_cmpint (back->capacity, ==, 3);
  g_assert_cmpint (back->license, ==, PK_LICENSE_URBAN);

  /* a bow tie crosses itself: refused, nothing stored */
  bow = square_zone (60.0, 33.0, 0.1);
  {
    double t0 = bow->xy[4], t1 = bow->xy[5];
    bow->xy[4] = bow->xy[6]; bow->xy[5] = bow->xy[7];
    bow->xy[6] = t0; bow->xy[7] = t1;
  }
  g_assert_cmpint (pk_store_add_zone (store, bow, &error), ==, 0);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "crosses"));
  g_clear_error (&error);
  pk_zone_remove_last_point (bow);
  pk_zone_remove_last_point (bow);
  g_assert_cmpint (pk_store_add_zone (store, bow, &error), ==, 0);
  g_assert_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bow->name);
  bow->name = g_strdup (" ");
  g_assert_false (pk_zone_validate (bow, &error));
  g_clear_error (&error);

  zones = pk_store_list_zones (store, &error);
  g_assert_cmpint (zones->len, ==, 1);

  /* an urban office inside counts against the capacity; a rural one does not */
  for (int i = 0; i < 2; i++)
    {
      PkOffice *o = pk_office_new ();
      o->license = i == 0 ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
      o->lon = 59.05;
      o->lat = 32.05;
      g_ptr_array_add (offices, o);
    }
  geojson = pk_zones_to_geojson (zones, offices);
  g_assert_true (json_parser_load_from_data (parser, geojson, -1, &error));
  feature = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features"), 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (feature, "properties"),
                                               "taken"), ==, 1);
  g_assert_cmpint (json_array_get_length (json_array_get_array_element (
    json_object_get_array_member (json_object_get_object_member (feature, "geometry"),
                                  "coordinates"), 0)), ==, 5);

  g_assert_true (pk_store_delete_zone (store, id, &error));
  g_assert_null (pk_store_get_zone (store, id, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* undo: the same zone, same id */
  g_assert_cmpint (pk_store_add_zone (store, back, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (pk_store_count_audit (store), ==, audit + 4);
}

static void
test_nested_transaction (PkTestWorkspace *f,
                         gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkOffice) a = make_office ("N-1", NULL);
  g_autoptr(PkOffice) b = make_office ("N-2", NULL);
  g_autoptr(GPtrArray) offices = NULL;

  g_assert_true (pk_store_begin (store, &error));
  g_assert_cmpint (pk_store_add_office (store, a, &error), >, 0);
  g_assert_cmpint (pk_store_add_office (store, b, &error), >, 0);
  pk_store_rollback (store);           /* the outer rollback undoes both inner commits */
  offices = pk_store_list_offices (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offices->len, ==, 0);
}

/* A full disk (here: SQLite's max_page_count, which fails writes exactly as
 * a full disk does) says so in words and loses nothing already saved. */
static void
test_full_disk (PkTestWorkspace *f,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("code,name,license,lat,lon,address\n");
  g_autoptr(PkImportReport) report = NULL;
  int pages;

  g_assert_no_error (error);
  before = pk_store_list_offices (store, NULL);
  for (int i = 0; i < 3000; i++)
    g_string_append_printf (rows, "FULL-%d,Office %d,rural,32.8,59.1,%s\n", i, i,
                            "a long address that takes room on the disk, a long address that takes room");
  g_assert_true (g_file_set_contents (csv, rows->str, rows->len, NULL));
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_pk_store_db (store), "PRAGMA page_count", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    pages = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
  }
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d", pages + 20);

    g_assert_cmpint (sqlite3_exec (_pk_store_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  report = pk_import_offices (store, csv, 0, &error);
  g_assert_null (report);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  /* the workspace is as it was, and works once there is room again */
  after = pk_store_list_offices (store, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_object (&store);
  store = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pk_store_list_offices (store, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&report, pk_import_report_free);
  report = pk_import_offices (store, csv, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 3000);
}

static void
on_changed_cb (PkStore    *store,
               const char *entity,
               gint64      id,
               GString    *log)
{
  g_string_append_printf (log, "%s:%" G_GINT64_FORMAT " ", entity, id);
}

static gint64
add_test_office (PkStore    *store,
                 const char *code)
{
  g_autoptr(PkOffice) o = pk_office_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  o->code = g_strdup (code);
  o->name = g_strdup (code);
  o->license = PK_LICENSE_RURAL;
  o->status = PK_STATUS_ACTIVE;
  o->lat = 32.8;
  o->lon = 59.1;
  id = pk_store_add_office (store, o, &error);
  g_assert_no_error (error);
  return id;
}

/* "changed" tells each record a committed transaction wrote, once, after the
 * commit; nothing of what was rolled back, whole or to a savepoint. */
static void
test_changed_signal (PkTestWorkspace *f,
                     gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autofree char *expected = NULL;
  gint64 a, b, case_id;

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), log);
  a = add_test_office (store, "SIG-A");
  expected = g_strdup_printf ("office:%" G_GINT64_FORMAT " ", a);
  g_assert_cmpstr (log->str, ==, expected);

  /* inside a transaction: nothing until the commit */
  g_string_truncate (log, 0);
  g_assert_true (pk_store_begin (store, &error));
  b = add_test_office (store, "SIG-B");
  g_assert_cmpstr (log->str, ==, "");
  g_assert_true (pk_store_begin (store, &error));      /* a savepoint, rolled back */
  add_test_office (store, "SIG-C");
  pk_store_rollback (store);
  g_assert_true (pk_store_commit (store, &error));
  g_free (expected);
  expected = g_strdup_printf ("office:%" G_GINT64_FORMAT " ", b);
  g_assert_cmpstr (log->str, ==, expected);

  /* rolled back whole: nothing */
  g_string_truncate (log, 0);
  g_assert_true (pk_store_begin (store, &error));
  add_test_office (store, "SIG-D");
  pk_store_rollback (store);
  g_assert_cmpstr (log->str, ==, "");

  /* a case field typed */
  case_id = pk_store_add_case (store, c, &error);
  g_string_truncate (log, 0);
  g_assert_true (pk_case_workflow_set_field (store, case_id, "pa4.date", "2026-11-20", &error));
  g_free (expected);
  expected = g_strdup_printf ("case:%" G_GINT64_FORMAT " ", case_id);
  g_assert_cmpstr (log->str, ==, expected);
}

/* An absent key is not a failure; a meta table that cannot be read is. */
static void
test_lookup_meta (PkTestWorkspace *f,
                  gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autofree char *absent = NULL, *present = NULL, *broken = NULL;

  g_assert_no_error (error);
  g_assert_true (pk_store_lookup_meta (store, "no-such-key", &absent, &error));
  g_assert_null (absent);
  g_assert_true (pk_store_lookup_meta (store, "schema_version", &present, &error));
  g_assert_cmpint (atoi (present), ==, PK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_exec (_pk_store_db (store), "ALTER TABLE meta RENAME TO gone", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_false (pk_store_lookup_meta (store, "schema_version", &broken, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL);
  g_assert_null (broken);
}

/* The audit row of a rule setting is JSON whatever the value holds. */
static void
test_rule_setting_audit_json (PkTestWorkspace *f,
                              gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (pk_store_set_rule_setting (store, "note", "a \"quoted\" \\ value", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_pk_store_db (store), "SELECT after FROM audit_log WHERE entity ="
                                       " 'rule_setting' ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0), -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "note"),
                   ==, "a \"quoted\" \\ value");
  sqlite3_finalize (stmt);
}

/* A file opened read-only refuses every change in one sentence. */
static void
test_read_only (PkTestWorkspace *f,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) made = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkZone) zone = pk_zone_new ();

  g_assert_no_error (error);
  g_clear_object (&made);
  store = pk_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pk_store_is_read_only (store));
  g_assert_cmpuint (pk_store_list_offices (store, NULL)->len, >, 0);
  g_assert_false (pk_store_begin (store, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  zone->name = g_strdup ("Z");
  pk_zone_add_point (zone, 59.3, 32.7);
  pk_zone_add_point (zone, 59.55, 32.7);
  pk_zone_add_point (zone, 59.5, 32.5);
  g_assert_cmpint (pk_store_add_zone (store, zone, &error), ==, 0);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY);
}

/* Another connection's commit is seen; one's own is not "elsewhere". */
static void
test_changed_elsewhere (PkTestWorkspace *f,
                        gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) a = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkStore) b = NULL;

  g_assert_no_error (error);
  b = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (pk_store_changed_elsewhere (a));
  g_assert_true (pk_store_set_meta (a, "note", "by a", &error));
  g_assert_false (pk_store_changed_elsewhere (a));
  g_assert_true (pk_store_changed_elsewhere (b));
  g_assert_false (pk_store_changed_elsewhere (b));
}

static gpointer
add_offices_job (PkStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  guint n = GPOINTER_TO_UINT (data);

  if (!pk_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("JOB-%u-%u", n, i);

      add_test_office (store, code);
    }
  if (!pk_store_commit (store, error))
    return NULL;
  return g_strdup ("done");
}

typedef struct
{
  GString      *log;
  char         *log_at_callback;
  GAsyncResult *result;
} JobSeen;

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  JobSeen *seen = data;

  seen->log_at_callback = g_strdup (seen->log->str);
  seen->result = g_object_ref (result);
}

/* A job's commits on its worker's connection are told by the caller's store,
 * on the caller's thread, before the job's callback — and are not taken for
 * another program's afterwards; thousands are told as one change. */
static void
test_job_changes_relayed (PkTestWorkspace *f,
                          gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  const guint sizes[] = { 2, 300 };

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(GString) log = g_string_new (NULL);
      JobSeen seen = { log, NULL, NULL };
      g_autofree char *out = NULL;
      gulong handler = g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), log);
      g_autofree char *first = g_strdup_printf ("JOB-%u-0", sizes[k]);

      pk_store_run_job_async (store, NULL, add_offices_job, GUINT_TO_POINTER (sizes[k]), NULL, g_free, NULL,
                              on_job_done, &seen);
      while (seen.result == NULL)
        g_main_context_iteration (NULL, TRUE);
      out = pk_store_run_job_finish (seen.result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "done");
      g_assert_cmpstr (seen.log_at_callback, ==, log->str);      /* told before the callback */
      if (sizes[k] == 2)
        {
          g_autofree char *expected = g_strdup_printf ("office:%" G_GINT64_FORMAT " office:%" G_GINT64_FORMAT " ",
                                                       pk_store_office_code_owner (store, "JOB-2-0"),
                                                       pk_store_office_code_owner (store, "JOB-2-1"));
          g_assert_cmpstr (log->str, ==, expected);
        }
      else
        g_assert_cmpstr (log->str, ==, "workspace:0 ");
      g_assert_cmpint (pk_store_office_code_owner (store, first), >, 0);
      g_assert_false (pk_store_changed_elsewhere (store));
      g_signal_handler_disconnect (store, handler);
      g_free (seen.log_at_callback);
      g_object_unref (seen.result);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, PkTestWorkspace, NULL, pk_test_workspace_setup, fn, pk_test_workspace_teardown)
  ADD ("/store/create/reopen", test_create_and_reopen);
  ADD ("/store/create/refuses-existing", test_create_refuses_existing);
  ADD ("/store/open/migrate-from-v1", test_migrate_from_v1);
  ADD ("/store/open/refuse-newer", test_refuse_newer);
  ADD ("/store/open/refuse-foreign-sqlite", test_refuse_foreign_sqlite);
  ADD ("/store/open/refuse-text-file", test_refuse_text_file);
  ADD ("/store/open/refuse-empty-and-missing", test_refuse_empty_and_missing);
  ADD ("/store/open/refuse-truncated", test_refuse_truncated);
  ADD ("/store/office/rollback-on-error", test_office_rollback);
  ADD ("/store/transaction/nested-rollback", test_nested_transaction);
  ADD ("/store/zones", test_zones);
  ADD ("/store/full-disk", test_full_disk);
  ADD ("/store/rule-setting/audit-json", test_rule_setting_audit_json);
  ADD ("/store/meta/lookup", test_lookup_meta);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/changed-elsewhere", test_changed_elsewhere);
  ADD ("/store/job-changes-relayed", test_job_changes_relayed);
#undef ADD
  return g_test_run ();
}
