/* test-store.c: workspace files, real SpatiaLite on disk
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pk-geography.h"
#include "pk-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("pk-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.pkws", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pk_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

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
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
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
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
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
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  g_autofree char *version = NULL;

  g_assert_true (_pk_store_create_at_version (f->path, 1, &error));
  g_assert_no_error (error);
  g_assert_false (table_has_column (f->path, "settlements", "urban_area"));

  store = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pk_store_get_schema_version (store), ==, 2);
  version = pk_store_get_meta (store, "schema_version");
  g_assert_cmpstr (version, ==, "2");
  g_clear_object (&store);
  g_assert_true (table_has_column (f->path, "settlements", "urban_area"));
  g_assert_true (table_has_column (f->path, "rule_settings", "value"));
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  exec_sql (f->path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
}

static void
test_refuse_foreign_sqlite (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;

  exec_sql (f->path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
}

static void
test_refuse_text_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;

  g_file_set_contents (f->path, "name,lat,lon\nBirjand,32.8,59.2\n", -1, NULL);
  store = pk_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
}

static void
test_refuse_empty_and_missing (Fixture       *f,
                               gconstpointer  data)
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
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
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
test_office_rollback (Fixture       *f,
                      gconstpointer  data)
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

static void
test_nested_transaction (Fixture       *f,
                         gconstpointer  data)
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
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
#undef ADD
  return g_test_run ();
}
