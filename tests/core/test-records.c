/* test-records.c: stable identities and revisions (schema 5)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-sql.h"
#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pk-case-workflow.h"
#include "pk-store-internal.h"
#include "pk-store-private.h"


/* Every row of @table has a well-formed UUID of its own, a revision, when and by whom. */
static void
assert_records (const char *path,
                const char *table,
                int         rows)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT uuid, revision, updated_at, updated_by FROM %s", table);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_true (pk_uuid_is_valid (uuid));
      g_assert_true (g_hash_table_add (seen, g_strdup (uuid)));
      g_assert_cmpint (sqlite3_column_int (stmt, 1), >=, 1);
      g_assert_nonnull (sqlite3_column_text (stmt, 2));
      g_assert_nonnull (sqlite3_column_text (stmt, 3));
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (n, ==, rows);
}

/* What a workspace of each earlier version could hold, written as that
 * version wrote it: offices (1), zones (3), case files (4). */
static void
fill_version (const char *path,
              int         version)
{
  pk_test_sql_exec (path,
            "INSERT INTO offices (code, name, license, status) VALUES"
            " ('K-1', 'دفتر یک', 'urban', 'active'), ('K-2', 'دفتر دو', 'rural', 'planned');"
            "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES"
            " ('2025-01-02T03:04:05Z', 'maryam', 'insert', 'office', 1);");
  if (version >= 3)
    pk_test_sql_exec (path, "INSERT INTO zones (name, license, capacity, created_at) VALUES"
                    " ('پهنه', 'urban', 2, '2025-02-03T00:00:00Z');");
  if (version >= 4)
    pk_test_sql_exec (path,
              "INSERT INTO cases (number, request, license, applicant, created_at, updated_at) VALUES"
              " ('1404-0001', 'RQ-1', 'urban', 'company', '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z'),"
              " ('1404-0003', 'RQ-3', 'rural', 'person', '2025-03-05T00:00:00Z', '2025-03-05T00:00:00Z');"
              "INSERT INTO case_people (case_id, role, name) VALUES (1, 'ceo', 'علی'), (2, 'applicant', 'زهرا');"
              "INSERT INTO case_documents (case_id, kind, file_name, content, pages, pass, findings, added_at)"
              " VALUES (1, 'statute', 'a.pdf', X'25504446', 1, 1, '[]', '2025-03-02T00:00:00Z');"
              "INSERT INTO case_stages (case_id, stage, state, updated_at) VALUES"
              " (1, 'S1', 'done', '2025-03-02T00:00:00Z');"
              "INSERT INTO case_events (case_id, at, actor, kind) VALUES"
              " (1, '2025-03-01T00:00:00Z', 'reza', 'created');");
  /* version 5 wrote every record with its identity */
  if (version >= 5)
    {
      const char *tables[] = { "offices", "zones", "cases", "case_people", "case_documents", "case_stages",
                               "case_events" };

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE %s SET uuid = printf ('%08d-0000-4000-8000-%%012d', rowid),"
                                                  " revision = 1, updated_at = coalesce (updated_at, '2025-04-01T00:00:00Z'),"
                                                  " updated_by = CASE WHEN rowid = 1 AND '%s' = 'offices' THEN 'maryam'"
                                                  " WHEN '%s' = 'case_events' THEN 'reza' ELSE 'migration' END",
                                                  tables[i], i, tables[i], tables[i]);

          pk_test_sql_exec (path, sql);
        }
      pk_test_sql_exec (path, "UPDATE offices SET updated_at = '2025-01-02T03:04:05Z' WHERE code = 'K-1';"
                              "INSERT INTO case_counters (year, last) VALUES (1404, 3);");
    }
}

/* A file of every earlier version, one by one, opens migrated to 5: every
 * record gets its identity, nothing is lost, case numbers go on. */
static void
test_migrate_each (PkTestWorkspace *f,
                   gconstpointer    data)
{
  int from = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;

  g_assert_true (_pk_store_create_at_version (f->path, from, &error));
  g_assert_no_error (error);
  fill_version (f->path, from);
  store = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pk_store_get_schema_version (store), ==, PK_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  assert_records (f->path, "offices", 2);
  assert_records (f->path, "zones", from >= 3 ? 1 : 0);
  assert_records (f->path, "cases", from >= 4 ? 2 : 0);
  assert_records (f->path, "case_people", from >= 4 ? 2 : 0);
  assert_records (f->path, "case_documents", from >= 4 ? 1 : 0);
  assert_records (f->path, "case_stages", from >= 4 ? 1 : 0);
  assert_records (f->path, "case_events", from >= 4 ? 1 : 0);
  /* the best "who and when" the old file knew */
  by = pk_test_sql_text (f->path, "SELECT updated_by FROM offices WHERE code = 'K-1'");
  at = pk_test_sql_text (f->path, "SELECT updated_at FROM offices WHERE code = 'K-1'");
  g_assert_cmpstr (by, ==, "maryam");
  g_assert_cmpstr (at, ==, "2025-01-02T03:04:05Z");
  g_clear_pointer (&by, g_free);
  by = pk_test_sql_text (f->path, "SELECT updated_by FROM offices WHERE code = 'K-2'");
  g_assert_cmpstr (by, ==, "migration");
  workspace = pk_test_sql_text (f->path, "SELECT value FROM meta WHERE key = 'workspace_uuid'");
  g_assert_true (pk_uuid_is_valid (workspace));
  if (from >= 4)
    {
      g_clear_pointer (&by, g_free);
      by = pk_test_sql_text (f->path, "SELECT updated_by FROM case_events");
      g_assert_cmpstr (by, ==, "reza");
      /* the counter starts after the highest number of the year, not the count */
      g_assert_cmpint (pk_test_sql_int (f->path, "SELECT last FROM case_counters WHERE year = 1404"), ==, 3);
    }
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM tombstones"), ==, 0);
  /* schema 6: the working group's tables, empty; no case decided, no office linked */
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM meetings"), ==, 0);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM decisions"), ==, 0);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM cases WHERE outcome IS NOT NULL"), ==, 0);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM offices WHERE case_id IS NOT NULL"), ==, 0);

  /* migrated once: opening again changes nothing */
  store = pk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  {
    g_autofree char *again = pk_test_sql_text (f->path, "SELECT value FROM meta WHERE key = 'workspace_uuid'");

    g_assert_cmpstr (again, ==, workspace);
  }
}

static PkOffice *
sample_office (const char *code)
{
  PkOffice *o = pk_office_new ();

  o->code = g_strdup (code);
  o->name = g_strdup ("دفتر پیشخوان");
  o->license = PK_LICENSE_URBAN;
  o->status = PK_STATUS_ACTIVE;
  o->lat = 32.87;
  o->lon = 59.22;
  return o;
}

/* An office: revision 1 with a UUID when added, one more at each change, by
 * whom the store writes for; a deletion leaves a tombstone with its UUID. */
static void
test_office_revisions (PkTestWorkspace *f,
                       gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkOffice) o = sample_office ("T-1");
  g_autoptr(PkOffice) back = NULL;
  g_autoptr(PkOffice) again = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *buried = NULL;
  gint64 id;

  g_assert_no_error (error);
  pk_store_set_actor (store, "سارا احمدی");
  id = pk_store_add_office (store, o, &error);
  g_assert_no_error (error);
  back = pk_store_get_office (store, id, &error);
  g_assert_true (pk_uuid_is_valid (back->record.uuid));
  g_assert_cmpint (back->record.revision, ==, 1);
  g_assert_cmpstr (back->record.updated_by, ==, "سارا احمدی");
  g_assert_nonnull (back->record.updated_at);
  uuid = g_strdup (back->record.uuid);

  pk_store_set_actor (store, "inspector");
  g_free (back->name);
  back->name = g_strdup ("دفتر پیشخوان مرکزی");
  g_assert_true (pk_store_update_office (store, back, &error));
  again = pk_store_get_office (store, id, &error);
  g_assert_cmpstr (again->record.uuid, ==, uuid);             /* identity survives an edit */
  g_assert_cmpint (again->record.revision, ==, 2);
  g_assert_cmpstr (again->record.updated_by, ==, "inspector");

  /* a copy keeps the identity */
  {
    g_autoptr(PkOffice) copy = pk_office_copy (again);

    g_assert_cmpstr (copy->record.uuid, ==, uuid);
    g_assert_cmpint (copy->record.revision, ==, 2);
  }

  /* a record written with a UUID (from another copy) keeps it */
  {
    g_autoptr(PkOffice) other = sample_office ("T-2");
    g_autoptr(PkOffice) stored = NULL;
    g_autofree char *given = pk_uuid_new ();
    gint64 other_id;

    other->record.uuid = g_strdup (given);
    other_id = pk_store_add_office (store, other, &error);
    g_assert_no_error (error);
    stored = pk_store_get_office (store, other_id, &error);
    g_assert_cmpstr (stored->record.uuid, ==, given);
    /* … and the same UUID twice is refused, not a second record */
    g_free (other->code);
    other->code = g_strdup ("T-3");
    g_assert_cmpint (pk_store_add_office (store, other, &error), ==, 0);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  g_assert_true (pk_store_delete_office (store, id, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  buried = pk_test_sql_text (f->path, "SELECT entity || ' ' || deleted_by || ' ' || uuid FROM tombstones");
  {
    g_autofree char *expected = g_strdup_printf ("office inspector %s", uuid);

    g_assert_cmpstr (buried, ==, expected);
  }
}

/* A zone's outline change is a revision too. */
static void
test_zone_revisions (PkTestWorkspace *f,
                     gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkZone) z = pk_zone_new ();
  g_autoptr(PkZone) back = NULL;
  g_autoptr(PkZone) again = NULL;
  gint64 id;

  z->name = g_strdup ("پهنه شمالی");
  z->license = PK_LICENSE_RURAL;
  z->capacity = 2;
  pk_zone_add_point (z, 59.0, 32.0);
  pk_zone_add_point (z, 59.1, 32.0);
  pk_zone_add_point (z, 59.1, 32.1);
  id = pk_store_add_zone (store, z, &error);
  g_assert_no_error (error);
  back = pk_store_get_zone (store, id, &error);
  g_assert_true (pk_uuid_is_valid (back->record.uuid));
  g_assert_cmpint (back->record.revision, ==, 1);
  pk_zone_add_point (back, 59.0, 32.1);
  g_assert_true (pk_store_update_zone (store, back, &error));
  again = pk_store_get_zone (store, id, &error);
  g_assert_cmpstr (again->record.uuid, ==, back->record.uuid);
  g_assert_cmpint (again->record.revision, ==, 2);
  g_assert_true (pk_store_delete_zone (store, id, &error));
  g_clear_object (&store);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM tombstones WHERE entity = 'zone'"), ==, 1);
}

/* A case: every change bumps its revision; a stage state is one record per
 * case and stage whose revision counts its changes; removing a person buries
 * the person and their documents; numbers come from the year's counter and a
 * refused filing does not use one up. */
static void
test_case_revisions (PkTestWorkspace *f,
                     gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_create (f->path, FALSE, &error);
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_RENEWAL, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) second = pk_case_new (PK_REQUEST_RENEWAL, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) bad = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) back = NULL;
  PkCasePerson person = { 0 };
  gint64 id, person_id;
  gint64 revision;

  id = pk_store_add_case (store, c, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (c->number, "-0001"));
  g_assert_cmpint (pk_store_add_case (store, bad, &error), ==, 0);   /* LT-2: refused */
  g_clear_error (&error);
  g_assert_cmpint (pk_store_add_case (store, second, &error), >, 0);
  g_assert_true (g_str_has_suffix (second->number, "-0002"));

  back = pk_store_get_case (store, id, &error);
  g_assert_true (pk_uuid_is_valid (back->record.uuid));
  revision = back->record.revision;
  g_assert_cmpint (revision, ==, 1);
  g_clear_pointer (&back, pk_case_free);
  g_assert_true (pk_case_workflow_set_field (store, id, "site.postal_code", "9717853511", &error));
  back = pk_store_get_case (store, id, &error);
  g_assert_cmpint (back->record.revision, ==, revision + 1);

  /* RT-1 twice on S4, then reopened: one stage record, revised, then buried */
  g_assert_true (pk_case_workflow_return (store, back, "S4", "The scan is unreadable", &error));
  g_assert_true (pk_case_workflow_return (store, back, "S4", "The scan is still unreadable", &error));
  g_assert_no_error (error);
  {
    g_autofree char *path = g_strdup (pk_store_get_path (store));

    g_assert_cmpint (pk_test_sql_int (path, "SELECT count(*) FROM case_stages"), ==, 1);
    g_assert_cmpint (pk_test_sql_int (path, "SELECT revision FROM case_stages WHERE stage = 'S4'"), ==, 2);
    g_assert_true (pk_case_workflow_mark_stage (store, back, "S4", FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pk_test_sql_int (path, "SELECT count(*) FROM case_stages"), ==, 0);
    g_assert_cmpint (pk_test_sql_int (path, "SELECT count(*) FROM tombstones WHERE entity = 'case_stage'"), ==, 1);
  }

  person.role = (char *) "applicant";
  person.name = (char *) "زهرا رضایی";
  person_id = pk_store_add_case_person (store, id, &person, &error);
  g_assert_no_error (error);
  g_clear_pointer (&back, pk_case_free);
  back = pk_store_get_case (store, id, &error);
  g_assert_cmpuint (back->people->len, ==, 1);
  g_assert_true (pk_uuid_is_valid (((PkCasePerson *) g_ptr_array_index (back->people, 0))->record.uuid));
  g_assert_true (pk_store_delete_case_person (store, person_id, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count(*) FROM tombstones WHERE entity = 'case_person'"), ==, 1);
  assert_records (f->path, "case_events", pk_test_sql_int (f->path, "SELECT count(*) FROM case_events"));
}

static void
test_uuid (void)
{
  g_autofree char *a = pk_uuid_new ();
  g_autofree char *b = pk_uuid_new ();

  g_assert_true (pk_uuid_is_valid (a));
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpint (a[14], ==, '4');                         /* version 4 */
  g_assert_false (pk_uuid_is_valid (NULL));
  g_assert_false (pk_uuid_is_valid (""));
  g_assert_false (pk_uuid_is_valid ("6F9619FF-8B86-D011-B42D-00C04FC964FF"));    /* upper case */
  g_assert_false (pk_uuid_is_valid ("6f9619ff-8b86-d011-b42d-00c04fc964f"));     /* short */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (int v = 1; v < PK_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/records/migrate/from-%d", v);

      g_test_add (path, PkTestWorkspace, GINT_TO_POINTER (v), pk_test_workspace_setup, test_migrate_each, pk_test_workspace_teardown);
    }
  g_test_add ("/records/office", PkTestWorkspace, NULL, pk_test_workspace_setup, test_office_revisions, pk_test_workspace_teardown);
  g_test_add ("/records/zone", PkTestWorkspace, NULL, pk_test_workspace_setup, test_zone_revisions, pk_test_workspace_teardown);
  g_test_add ("/records/case", PkTestWorkspace, NULL, pk_test_workspace_setup, test_case_revisions, pk_test_workspace_teardown);
  g_test_add_func ("/records/uuid", test_uuid);
  return g_test_run ();
}
