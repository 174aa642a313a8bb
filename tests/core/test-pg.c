/* test-pg.c: the workspace on a PostgreSQL + PostGIS server, on a throwaway
 * cluster of the test's own (tests/pg-cluster: a Unix socket in a temporary
 * folder, no TCP port)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pk-bundle.h"
#include "pk-case-attach.h"
#include "pk-geography.h"
#include "pk-scan-pdf.h"
#include "pk-store.h"
#include "pk-store-backend.h"
#include "pk-store-private.h"
#include "pk-pg-store.h"
#include "pk-test-photo.h"
#include "pk-case-workflow.h"
#include "pk-test-review.h"
#include "pk-test-sql.h"
#include "pk-test-util.h"
#include "pk-visits.h"
#include "pk-working-group.h"

static char *cluster_dir;
static char *server;       /* postgresql:///pishkhan?host=…&user=postgres */

static char *
workspace_uri (const char *name)
{
  return g_strdup_printf ("%s&workspace=%s", server, name);
}

static PkZone *
square_zone (const char *name)
{
  PkZone *z = pk_zone_new ();

  z->name = g_strdup (name);
  z->license = PK_LICENSE_RURAL;
  z->capacity = 2;
  pk_zone_add_point (z, 59.50, 32.00);
  pk_zone_add_point (z, 59.60, 32.00);
  pk_zone_add_point (z, 59.60, 32.10);
  pk_zone_add_point (z, 59.50, 32.10);
  return z;
}

/* A sample workspace with what every kind of record looks like: cases with
 * people and documents, a visit with a photo, an office changed (revision 2)
 * and one removed (a tombstone), the audit log of it all. */
static PkStore *
rich_workspace (const char *dir,
                const char *path)
{
  static const ScanPage page[] = { SCAN_COLOUR };
  g_autofree char *pdf = g_build_filename (dir, "statement.pdf", NULL);
  const char *files[] = { pdf, NULL };
  g_autoptr(PkDocReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, FALSE, &error);
  g_autoptr(PkOffice) office = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(PkVisit) visit = NULL;
  g_autoptr(GBytes) photo = pk_test_photo_jpeg (320, 240, 6, "2026:11:30 10:15:00", TRUE, 32.871, 59.221);
  gint64 case_id, second, visit_id;

  g_assert_no_error (error);
  case_id = pk_test_case_at_pa5 (store, 32.30, 59.80);
  second = pk_test_case_at_pa5 (store, 32.50, 59.70);
  c = pk_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  visit_id = pk_visit_assign (store, c->number, 0, "Reza Ahmadi", "1405/09/12", &error);
  g_assert_no_error (error);
  visit = pk_store_get_visit (store, visit_id, &error);
  g_assert_no_error (error);
  pk_visit_add_photo (store, visit, "front.jpg", photo, &error);
  g_assert_no_error (error);
  pk_visit_set_area (store, visit, 42.5, &error);
  g_assert_no_error (error);
  g_assert_true (pk_scan_pdf_write (pdf, page, 1, 150, &error));
  report = pk_case_attach_document (store, case_id, "birth-certificate", 0, files, &error);
  g_assert_no_error (error);

  office = pk_store_get_office (store, 1, &error);
  g_assert_no_error (error);
  g_free (office->name);
  office->name = g_strdup ("دفتر پیشخوان مرکزی");
  g_assert_true (pk_store_update_office (store, office, &error));
  g_assert_no_error (error);
  g_assert_true (pk_store_delete_office (store, 2, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PkZone) zone = square_zone ("Darmian north");

    g_assert_cmpint (pk_store_add_zone (store, zone, &error), >, 0);
    g_assert_no_error (error);
  }
  /* the working group: a meeting that approves the second case with a condition */
  {
    const char *members[] = { "Dr. Ahmadi", "Ms. Rezaei", NULL };
    g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
    PkSiteChecker *checker = pk_site_checker_new (store, &error);
    gint64 meeting = pk_meeting_create (store, "9/1405", "1405/09/11", members, &error);

    g_assert_no_error (error);
    g_assert_true (pk_meeting_add_case (store, meeting, second, &error));
    g_ptr_array_add (approve->conditions, pk_case_condition_new ("Signboard as the association designs it",
                                                                 "1405/12/01"));
    g_assert_cmpint (pk_meeting_decide (store, checker, meeting, second, approve, &error), >, 0);
    g_assert_no_error (error);
    pk_site_checker_free (checker);
  }
  return g_steal_pointer (&store);
}

/* A change committed elsewhere reaches a connection shortly after the commit:
 * the server sends it once the transaction is done. */
static gboolean
hears_change (PkStore *store)
{
  for (int i = 0; i < 500; i++)
    {
      if (pk_store_changed_elsewhere (store))
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

/* Zones drawn on the server: the same area as a file computes, an outline
 * that crosses itself refused in words, a zone removed remembered as removed. */
static void
test_zones (PkTestWorkspace *f,
            gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("zones");
  g_autoptr(PkStore) file = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkStore) server = pk_store_copy (file, uri, FALSE, NULL, &error);
  g_autoptr(PkZone) zone = square_zone ("Khusf east");
  g_autoptr(PkZone) bent = square_zone ("bent");
  g_autoptr(PkZone) on_file = NULL;
  g_autoptr(PkZone) on_server = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  gint64 a, b;

  g_assert_no_error (error);
  a = pk_store_add_zone (file, zone, &error);
  g_assert_no_error (error);
  b = pk_store_add_zone (server, zone, &error);
  g_assert_no_error (error);
  on_file = pk_store_get_zone (file, a, &error);
  on_server = pk_store_get_zone (server, b, &error);
  g_assert_no_error (error);
  g_test_message ("area: file %.6f km², server %.6f km²", on_file->area_km2, on_server->area_km2);
  g_assert_cmpfloat (on_file->area_km2, >, 100);
  g_assert_cmpfloat (fabs (on_file->area_km2 - on_server->area_km2), <, on_file->area_km2 * 1e-4);
  g_assert_cmpuint (on_server->n_points, ==, 4);

  on_server->capacity = 3;
  g_assert_true (pk_store_update_zone (server, on_server, &error));
  g_assert_no_error (error);
  /* corners 3 and 4 swapped: the outline crosses itself */
  g_clear_pointer (&bent, pk_zone_free);
  bent = pk_zone_new ();
  bent->name = g_strdup ("bent");
  bent->license = PK_LICENSE_URBAN;
  bent->capacity = 1;
  pk_zone_add_point (bent, 59.50, 32.00);
  pk_zone_add_point (bent, 59.60, 32.00);
  pk_zone_add_point (bent, 59.50, 32.10);
  pk_zone_add_point (bent, 59.60, 32.10);
  g_assert_cmpint (pk_store_add_zone (server, bent, &error), ==, 0);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  zones = pk_store_list_zones (server, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zones->len, ==, 1);
  g_assert_cmpint (((PkZone *) g_ptr_array_index (zones, 0))->capacity, ==, 3);
  g_assert_true (pk_store_delete_zone (server, b, &error));
  g_assert_no_error (error);
  g_assert_null (pk_store_get_zone_by_uuid (server, on_server->record.uuid, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a city's urban area (SR-2): a bow tie is refused with GEOS's reason, a square kept */
  {
    const char *bow_tie = "{\"type\":\"Polygon\",\"coordinates\":[[[59.2,32.8],[59.3,32.9],[59.3,32.8],"
                          "[59.2,32.9],[59.2,32.8]]]}";
    const char *square = "{\"type\":\"Polygon\",\"coordinates\":[[[59.15,32.82],[59.25,32.82],[59.25,32.9],"
                         "[59.15,32.9],[59.15,32.82]]]}";
    g_autofree char *reason = pk_store_polygon_invalid_reason (server, bow_tie);
    g_autoptr(GPtrArray) cities = NULL;
    gint64 city;

    g_assert_nonnull (reason);
    g_assert_nonnull (strstr (reason, "intersection"));
    g_assert_null (pk_store_polygon_invalid_reason (server, square));
    cities = pk_store_list_cities (server, &error);
    g_assert_no_error (error);
    city = ((PkPlace *) g_ptr_array_index (cities, 0))->id;
    g_assert_true (pk_store_set_urban_area (server, city, square, &error));
    g_assert_no_error (error);
    g_assert_false (pk_store_set_urban_area (server, city, "{\"type\":\"Nonsense\"}", &error));
    g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_pointer (&cities, g_ptr_array_unref);
    cities = pk_store_list_cities (server, &error);
    g_assert_nonnull (((PkPlace *) g_ptr_array_index (cities, 0))->geometry);
  }
}

static const char * const tables[] = {
  "meta", "provinces", "counties", "settlements", "cases", "offices", "audit_log",
  "rule_settings", "zones", "case_stages", "case_people", "case_documents", "case_events",
  "tombstones", "case_counters", "meetings", "meeting_cases", "decisions", "case_conditions",
  "visits", "visit_photos", "bundle_keys", "bundle_merges", "bundle_conflicts",
};

/* file → server → file: every table the same, byte for byte */
static void
test_round_trip (PkTestWorkspace *f,
                 gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) file = rich_workspace (f->dir, f->path);
  g_autoptr(PkStore) on_server = NULL;
  g_autoptr(PkStore) back = NULL;
  g_autofree char *uri = workspace_uri ("round_trip");
  g_autofree char *back_path = g_build_filename (f->dir, "back.pkws", NULL);
  g_autoptr(PkOffice) office = NULL;
  guint n_up = 0, n_down = 0;
  int total = 0;

  on_server = pk_store_copy (file, uri, FALSE, &n_up, &error);
  g_assert_no_error (error);
  g_assert_nonnull (on_server);
  g_assert_cmpint (pk_store_get_schema_version (on_server), ==, pk_store_get_schema_version (file));
  /* what the server holds reads as the file's */
  office = pk_store_get_office (on_server, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->name, ==, "دفتر پیشخوان مرکزی");
  g_assert_cmpint (office->record.revision, ==, 2);
  g_assert_cmpint (pk_store_count_audit (on_server), ==, pk_store_count_audit (file));

  back = pk_store_copy (on_server, back_path, FALSE, &n_down, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_up, ==, n_down);
  g_clear_object (&back);
  g_clear_object (&file);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      int n_a = 0, n_b = 0;
      g_autofree char *a = pk_test_sql_table_digest (f->path, tables[i], &n_a);
      g_autofree char *b = pk_test_sql_table_digest (back_path, tables[i], &n_b);

      g_test_message ("%s: %d rows", tables[i], n_a);
      g_assert_cmpint (n_a, ==, n_b);
      g_assert_cmpstr (a, ==, b);
      total += n_a;
    }
  g_assert_cmpint (total, ==, n_up);
  /* the tables that matter held something: the comparison was not of empty tables */
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count (*) FROM visit_photos"), ==, 1);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count (*) FROM case_documents"), >, 0);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count (*) FROM tombstones"), ==, 1);
  g_assert_cmpint (pk_test_sql_int (f->path, "SELECT count (*) FROM case_conditions"), ==, 1);

  /* the server's workspace is not replaced without being asked */
  g_assert_null (pk_store_copy (on_server, uri, FALSE, NULL, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS);
}

/* Two provinces in one database, each in its own workspace */
static void
test_side_by_side (PkTestWorkspace *f,
                   gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = workspace_uri ("south_khorasan");
  g_autofree char *two = workspace_uri ("semnan");
  g_autoptr(PkStore) a = pk_workspace_create_sample (one, FALSE, &error);
  g_autoptr(PkStore) b = NULL;
  g_autoptr(PkStore) again = NULL;
  g_autoptr(PkPlace) pa = NULL;
  g_autoptr(PkPlace) pb = NULL;
  g_autoptr(GPtrArray) offices_a = NULL;
  g_autoptr(GPtrArray) offices_b = NULL;

  g_assert_no_error (error);
  b = pk_workspace_create_province (two, "Semnan", FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&a);
  a = pk_store_open (one, &error);
  g_assert_no_error (error);
  pa = pk_store_get_province (a, &error);
  g_assert_no_error (error);
  pb = pk_store_get_province (b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pa->name_en, ==, "South Khorasan");
  g_assert_cmpstr (pb->name_en, ==, "Semnan");
  offices_a = pk_store_list_offices (a, &error);
  offices_b = pk_store_list_offices (b, &error);
  g_assert_cmpuint (offices_a->len, >, 0);
  g_assert_cmpuint (offices_b->len, ==, 0);

  /* the national view reads them all */
  {
    g_autoptr(GPtrArray) all = pk_store_list_server_workspaces (server, NULL, &error);
    gboolean seen_sk = FALSE, seen_semnan = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      {
        PkServerWorkspace *w = g_ptr_array_index (all, i);

        g_assert_null (strstr (w->name, "__new_"));
        if (g_str_equal (w->name, "south_khorasan"))
          {
            seen_sk = TRUE;
            g_assert_cmpstr (w->province_en, ==, "South Khorasan");
            g_assert_cmpint (w->n_serving, >, 50);
          }
        if (g_str_equal (w->name, "semnan"))
          {
            seen_semnan = TRUE;
            g_assert_cmpstr (w->province_en, ==, "Semnan");
            g_assert_cmpint (w->n_serving, ==, 0);
          }
      }
    g_assert_true (seen_sk && seen_semnan);
    g_assert_null (pk_store_list_server_workspaces (f->path, NULL, &error));
    g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_UNSUPPORTED);
    g_clear_error (&error);
  }

  /* a failed create leaves what was there */
  again = pk_workspace_create_sample (one, FALSE, &error);
  g_assert_null (again);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&offices_a, g_ptr_array_unref);
  offices_a = pk_store_list_offices (a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offices_a->len, >, 0);
}

/* Two people save the same office: the second is refused, nothing is lost,
 * and each connection hears of the other's change. */
static void
test_collide (PkTestWorkspace *f,
              gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("collide");
  g_autoptr(PkStore) created = pk_workspace_create_sample (uri, FALSE, &error);
  g_autoptr(PkStore) a = NULL;
  g_autoptr(PkStore) b = NULL;
  g_autoptr(PkOffice) mine = NULL;
  g_autoptr(PkOffice) theirs = NULL;
  g_autoptr(PkOffice) now = NULL;
  gint64 audit;

  g_assert_no_error (error);
  a = pk_store_open (uri, &error);
  g_assert_no_error (error);
  b = pk_store_open (uri, &error);
  g_assert_no_error (error);
  pk_store_set_actor (a, "maryam");
  pk_store_set_actor (b, "hossein");
  g_assert_false (pk_store_changed_elsewhere (a));
  mine = pk_store_get_office (a, 5, &error);
  theirs = pk_store_get_office (b, 5, &error);
  g_assert_no_error (error);

  g_free (mine->name);
  mine->name = g_strdup ("Maryam's name");
  g_assert_true (pk_store_update_office (a, mine, &error));
  g_assert_no_error (error);
  audit = pk_store_count_audit (a);

  g_assert_true (hears_change (b));
  g_assert_false (pk_store_changed_elsewhere (b));
  g_assert_false (pk_store_changed_elsewhere (a));

  g_free (theirs->name);
  theirs->name = g_strdup ("Hossein's name");
  g_assert_false (pk_store_update_office (b, theirs, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "maryam"));
  g_clear_error (&error);

  now = pk_store_get_office (b, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->name, ==, "Maryam's name");
  g_assert_cmpint (now->record.revision, ==, 2);
  g_assert_cmpint (pk_store_count_audit (b), ==, audit);
  g_assert_false (pk_store_changed_elsewhere (a));

  /* a worker's connection of the same store writes: the store does not take
   * that for someone else's change, the other person's does */
  {
    g_autoptr(PkStore) worker = pk_store_open_another (a, &error);
    g_autoptr(PkOffice) seven = NULL;

    g_assert_no_error (error);
    seven = pk_store_get_office (worker, 7, &error);
    g_assert_no_error (error);
    g_free (seven->address);
    seven->address = g_strdup ("Pasdaran Street");
    g_assert_true (pk_store_update_office (worker, seven, &error));
    g_assert_no_error (error);
    g_assert_true (hears_change (b));
    g_usleep (300 * 1000);
    g_assert_false (pk_store_changed_elsewhere (a));
  }

  /* read again, the save goes through */
  g_free (now->name);
  now->name = g_strdup ("Hossein's name");
  g_assert_true (pk_store_update_office (b, now, &error));
  g_assert_no_error (error);
  g_assert_true (hears_change (a));
}

/* Two people edit the same case: the second to save the same field is
 * refused and told who; another field of the same case goes through. On
 * both backends (@data: on the server). */
static void
test_collide_case (PkTestWorkspace *f,
                   gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  gboolean on_server = GPOINTER_TO_INT (data);
  g_autofree char *uri = on_server ? workspace_uri ("collide_case") : g_strdup (f->path);
  g_autoptr(PkStore) file = rich_workspace (f->dir, f->path);
  g_autoptr(PkStore) a = on_server ? pk_store_copy (file, uri, FALSE, NULL, &error) : g_object_ref (file);
  g_autoptr(PkStore) b = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(PkCase) seen_a = NULL;
  g_autoptr(PkCase) seen_b = NULL;
  g_autoptr(PkCase) now = NULL;
  g_autofree char *before = NULL;
  gint64 id;

  g_assert_no_error (error);
  b = pk_store_open (uri, &error);
  g_assert_no_error (error);
  pk_store_set_actor (a, "maryam");
  pk_store_set_actor (b, "hossein");
  cases = pk_store_list_cases (a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);
  id = ((PkCase *) g_ptr_array_index (cases, 0))->id;
  g_assert_cmpuint (((PkCase *) g_ptr_array_index (cases, 0))->events->len, >, 0);
  seen_a = pk_store_get_case (a, id, &error);
  seen_b = pk_store_get_case (b, id, &error);
  g_assert_no_error (error);
  before = g_strdup (g_hash_table_lookup (seen_a->fields, "s11.inspector"));

  g_assert_true (pk_store_write_case_field_if (a, id, "s11.inspector", before, "Reza Ahmadi", &error));
  g_assert_no_error (error);
  g_assert_false (pk_store_write_case_field_if (b, id, "s11.inspector", before, "Ali Karimi", &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "maryam"));
  g_assert_nonnull (strstr (error->message, "Reza Ahmadi"));
  g_clear_error (&error);
  /* another field of the same case: no conflict */
  g_assert_true (pk_store_write_case_field_if (b, id, "site.area_m2",
                                               g_hash_table_lookup (seen_b->fields, "site.area_m2"), "48", &error));
  g_assert_no_error (error);

  now = pk_store_get_case (a, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (now->fields, "s11.inspector"), ==, "Reza Ahmadi");
  g_assert_cmpstr (g_hash_table_lookup (now->fields, "site.area_m2"), ==, "48");
  g_assert_cmpint (now->record.revision, ==, seen_a->record.revision + 2);
  g_assert_cmpstr (now->record.updated_by, ==, "hossein");
}

/* One statement as @login, straight to the server (no store in between):
 * the number of rows it reached, or -1 when the server refused it. */
static int
sql_as (const char *workspace,
        const char *login,
        const char *sql)
{
  g_autofree char *conninfo = g_strdup_printf ("%s", server);
  g_autofree char *options = NULL;
  PGconn *conn;
  PGresult *res;
  int n;

  /* the URI without its user=postgres, with this login and the workspace's schema */
  *strstr (conninfo, "&user=") = '\0';
  options = g_strdup_printf ("%s&user=%s&options=-csearch_path%%3D%s,public", conninfo, login, workspace);
  conn = PQconnectdb (options);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    n = PQntuples (res);
  else if (PQresultStatus (res) == PGRES_COMMAND_OK)
    n = atoi (PQcmdTuples (res));
  else
    n = -1;
  PQclear (res);
  PQfinish (conn);
  return n;
}

static char *
login_uri (const char *workspace,
           const char *login)
{
  g_autofree char *base = g_strdup (server);

  *strstr (base, "&user=") = '\0';
  return g_strdup_printf ("%s&user=%s&workspace=%s", base, login, workspace);
}

/* Each role tries what it must not do, through the store and straight in
 * SQL, and the server refuses it. */
static void
test_roles (PkTestWorkspace *f,
            gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("roles");
  g_autoptr(PkStore) file = rich_workspace (f->dir, f->path);
  g_autoptr(PkStore) admin = pk_store_copy (file, uri, FALSE, NULL, &error);
  g_autofree char *viewer_uri = login_uri ("roles", "vida");
  g_autofree char *applicant_uri = login_uri ("roles", "amir");
  g_autofree char *other_uri = login_uri ("roles", "bahar");
  g_autofree char *inspector_uri = login_uri ("roles", "reza");
  g_autoptr(PkStore) viewer = NULL;
  g_autoptr(PkStore) applicant = NULL;
  g_autoptr(PkStore) other = NULL;
  g_autoptr(PkStore) inspector = NULL;
  g_autoptr(PkOffice) office = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(PkCase) filed = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) theirs = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sql_as ("roles", "postgres", "CREATE ROLE vida LOGIN; CREATE ROLE amir LOGIN;"
                           " CREATE ROLE bahar LOGIN; CREATE ROLE reza LOGIN"), >=, 0);
  g_assert_true (pk_store_grant (admin, "vida", "viewer", "Vida", &error));
  g_assert_true (pk_store_grant (admin, "amir", "applicant", "Amir", &error));
  g_assert_true (pk_store_grant (admin, "bahar", "applicant", "Bahar", &error));
  g_assert_true (pk_store_grant (admin, "reza", "inspector", "Reza Ahmadi", &error));
  g_assert_no_error (error);
  g_assert_false (pk_store_grant (admin, "vida", "king", NULL, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a viewer reads everything and writes nothing */
  viewer = pk_store_open (viewer_uri, &error);
  g_assert_no_error (error);
  g_assert_true (pk_store_is_read_only (viewer));
  g_assert_cmpstr (pk_store_get_role (viewer), ==, "viewer");
  g_assert_false (pk_store_can_edit_register (viewer));
  g_assert_null (pk_store_get_role (admin));
  g_assert_true (pk_store_can_edit_register (admin));
  office = pk_store_get_office (viewer, 1, &error);
  g_assert_no_error (error);
  g_assert_false (pk_store_update_office (viewer, office, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (sql_as ("roles", "vida", "SELECT * FROM offices"), >, 50);
  g_assert_cmpint (sql_as ("roles", "vida", "UPDATE offices SET name = 'x'"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "vida", "DELETE FROM audit_log"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "vida", "INSERT INTO meta VALUES ('k', 'v')"), ==, -1);

  /* an applicant files a case and reaches only their own */
  applicant = pk_store_open (applicant_uri, &error);
  g_assert_no_error (error);
  g_assert_false (pk_store_is_read_only (applicant));
  g_assert_cmpstr (pk_store_get_role (applicant), ==, "applicant");
  g_assert_false (pk_store_can_edit_register (applicant));
  pk_store_add_case (applicant, filed, &error);
  g_assert_no_error (error);
  cases = pk_store_list_cases (applicant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((PkCase *) g_ptr_array_index (cases, 0))->id, ==, filed->id);
  g_assert_true (pk_store_write_case_field (applicant, filed->id, "pa4.date", "2026-11-30", &error));
  g_assert_no_error (error);
  theirs = pk_store_get_case (applicant, 1, &error);
  g_assert_null (theirs);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_as ("roles", "amir", "SELECT * FROM cases"), ==, 1);
  g_assert_cmpint (sql_as ("roles", "amir", "UPDATE cases SET status = 'done' WHERE id = 1"), ==, 0);
  g_assert_cmpint (sql_as ("roles", "amir", "SELECT * FROM case_documents"), ==, 0);
  g_assert_cmpint (sql_as ("roles", "amir", "SELECT * FROM visits"), ==, 0);
  g_assert_cmpint (sql_as ("roles", "amir", "UPDATE offices SET name = 'x'"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "amir", "INSERT INTO case_owners VALUES (1, 'amir')"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "amir", "UPDATE users SET role = 'working_group'"), ==, -1);
  /* … and another applicant does not see it */
  other = pk_store_open (other_uri, &error);
  g_assert_no_error (error);
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = pk_store_list_cases (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 0);
  g_assert_cmpint (sql_as ("roles", "bahar", "DELETE FROM case_people"), ==, 0);

  /* an inspector reaches the visits assigned to them */
  inspector = pk_store_open (inspector_uri, &error);
  g_assert_no_error (error);
  g_assert_false (pk_store_is_read_only (inspector));
  g_assert_cmpstr (pk_store_get_role (inspector), ==, "inspector");
  g_assert_false (pk_store_can_edit_register (inspector));
  g_assert_cmpint (sql_as ("roles", "postgres", "INSERT INTO visits (case_id, inspector, date, uuid,"
                           " updated_at, updated_by) VALUES (2, 'Someone Else', '2026-12-05',"
                           " 'u-other', 'now', 'test')"), ==, 1);
  g_assert_cmpint (sql_as ("roles", "reza", "SELECT * FROM visits"), ==, 1);
  g_assert_cmpint (sql_as ("roles", "reza", "UPDATE visits SET area_m2 = 30"), ==, 1);
  g_assert_cmpint (sql_as ("roles", "reza", "UPDATE visits SET inspector = 'Someone Else'"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "reza", "SELECT * FROM visit_photos"), ==, 1);
  g_assert_cmpint (sql_as ("roles", "reza", "UPDATE offices SET name = 'x'"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "reza", "DELETE FROM cases"), ==, -1);
  g_assert_cmpint (sql_as ("roles", "postgres", "SELECT * FROM visits"), ==, 2);
  /* … through the store too: their visit, recorded; the other one is not there for them */
  {
    g_autoptr(GPtrArray) visits = pk_store_list_visits (inspector, NULL, &error);
    g_autoptr(PkVisit) mine = NULL;
    g_autoptr(PkVisit) seen = NULL;
    g_autoptr(PkVisit) not_mine = NULL;
    g_autoptr(GBytes) photo = pk_test_photo_jpeg (200, 150, 1, "2026:12:01 09:00:00", TRUE, 32.30, 59.80);

    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, 1);
    mine = pk_store_get_visit (inspector, ((PkVisit *) g_ptr_array_index (visits, 0))->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mine->inspector, ==, "Reza Ahmadi");
    g_assert_true (pk_visit_set_area (inspector, mine, 44, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pk_visit_add_photo (inspector, mine, "side.jpg", photo, &error), >, 0);
    g_assert_no_error (error);
    seen = pk_store_get_visit (admin, mine->id, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (seen->area_m2, ==, 44);
    not_mine = pk_store_get_visit_by_uuid (inspector, "u-other", &error);
    g_assert_null (not_mine);
    g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* the working group is not held back */
  g_assert_cmpint (sql_as ("roles", "postgres", "CREATE ROLE maryam LOGIN"), >=, 0);
  g_assert_true (pk_store_grant (admin, "maryam", "working_group", "Maryam", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_as ("roles", "maryam", "SELECT * FROM cases"), ==, 3);
  g_assert_cmpint (sql_as ("roles", "maryam", "UPDATE offices SET name = name WHERE id = 1"), ==, 1);
  g_assert_cmpint (sql_as ("roles", "maryam", "SELECT * FROM visits"), ==, 2);
}

/* A case worked on the server from filing to PA-5: people, a document kept
 * byte for byte with its thumbnails, a person removed (and remembered as
 * removed), the history of it all. */
static void
test_case_on_server (PkTestWorkspace *f,
                     gconstpointer    data)
{
  static const ScanPage page[] = { SCAN_COLOUR };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("case_file");
  g_autoptr(PkStore) store = pk_workspace_create_sample (uri, FALSE, &error);
  g_autofree char *pdf = g_build_filename (f->dir, "deed.pdf", NULL);
  const char *files[] = { pdf, NULL };
  g_autoptr(PkDocReport) report = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) thumbs = NULL;
  g_autofree char *original = NULL;
  gsize len;
  gint64 id, person;
  PkCasePerson board = { .role = (char *) "board", .name = (char *) "Nasrin Rahimi",
                         .national_code = (char *) "0499370899" };

  g_assert_no_error (error);
  id = pk_test_case_at_pa5 (store, 32.30, 59.80);
  g_assert_true (pk_scan_pdf_write (pdf, page, 1, 150, &error));
  report = pk_case_attach_document (store, id, "birth-certificate", 0, files, &error);
  g_assert_no_error (error);
  person = pk_store_add_case_person (store, id, &board, &error);
  g_assert_no_error (error);
  g_assert_cmpint (person, >, 0);

  c = pk_store_get_case (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->documents->len, ==, 1);
  g_assert_cmpuint (c->people->len, ==, 1);
  g_assert_cmpstr (((PkCasePerson *) g_ptr_array_index (c->people, 0))->name, ==, "Nasrin Rahimi");
  kept = pk_store_get_case_document_content (store, ((PkCaseDocument *) g_ptr_array_index (c->documents, 0))->id,
                                             &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &original, &len, NULL));
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), original, len);
  thumbs = pk_store_get_case_document_thumbnails (store, ((PkCaseDocument *) g_ptr_array_index (c->documents, 0))->id,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thumbs->len, ==, 1);
  g_assert_true (pk_store_delete_case_person (store, person, &error));
  g_assert_no_error (error);
  g_clear_pointer (&c, pk_case_free);
  c = pk_store_find_case (store, "1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->id, ==, id);
  for (guint i = 0; i < c->people->len; i++)
    g_assert_cmpint (((PkCasePerson *) g_ptr_array_index (c->people, i))->id, !=, person);
  g_assert_cmpuint (c->events->len, >=, 4);
}

/* A field bundle issued by a server workspace and merged back into it, as
 * from a file: the inspector's photo arrives byte for byte, the same bundle
 * again changes nothing, a visit changed on both sides is a conflict. */
static void
test_bundle_on_server (PkTestWorkspace *f,
                       gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("bundles");
  g_autofree char *bundle_path = g_build_filename (f->dir, "reza.pkws", NULL);
  g_autoptr(PkStore) file = rich_workspace (f->dir, f->path);
  g_autoptr(PkStore) server = pk_store_copy (file, uri, FALSE, NULL, &error);
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(PkStore) bundle = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(PkVisit) there = NULL;
  g_autoptr(PkVisit) here = NULL;
  g_autoptr(PkBundleImport) first = NULL;
  g_autoptr(PkBundleImport) again = NULL;
  g_autoptr(GBytes) photo = pk_test_photo_jpeg (240, 180, 1, "2026:12:02 11:00:00", TRUE, 32.30, 59.80);
  g_autoptr(GBytes) arrived = NULL;
  g_autoptr(GBytes) taken = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  gint64 photo_id;

  g_assert_no_error (error);
  /* a document of a case the bundle does not hold stays at the secretariat */
  {
    g_autofree char *pdf = g_build_filename (f->dir, "statement.pdf", NULL);
    const char *files[] = { pdf, NULL };
    g_autoptr(GPtrArray) assigned = pk_store_list_visits (server, NULL, &error);
    gint64 visited = ((PkVisit *) g_ptr_array_index (assigned, 0))->case_id;
    g_autoptr(GPtrArray) cases = pk_store_list_cases (server, &error);
    g_autoptr(PkDocReport) report = NULL;
    gint64 other = 0;

    for (guint i = 0; i < cases->len; i++)
      if (((PkCase *) g_ptr_array_index (cases, i))->id != visited)
        other = ((PkCase *) g_ptr_array_index (cases, i))->id;
    g_assert_cmpint (other, >, 0);
    report = pk_case_attach_document (server, other, "bank-debt-statement", 0, files, &error);
    g_assert_no_error (error);
  }
  info = pk_bundle_export (server, "Reza Ahmadi", bundle_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_visits, ==, 1);
  g_clear_pointer (&info, pk_bundle_info_free);
  g_assert_cmpint (pk_test_sql_int (bundle_path, "SELECT count (*) FROM case_documents"), ==, 1);
  g_assert_cmpint (pk_test_sql_int (bundle_path, "SELECT count (*) FROM case_documents d JOIN visits v"
                                                 " ON v.case_id = d.case_id"), ==, 1);
  /* cut from the server's records as from a file: the same rows */
  {
    g_autofree char *from_file = g_build_filename (f->dir, "from-file.pkws", NULL);

    info = pk_bundle_export (file, "Reza Ahmadi", from_file, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&info, pk_bundle_info_free);
    for (guint i = 0; _pk_store_tables[i] != NULL; i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", _pk_store_tables[i]);

        if (g_str_equal (_pk_store_tables[i], "meta"))
          continue;
        g_test_message ("%s: %d", _pk_store_tables[i], pk_test_sql_int (bundle_path, sql));
        g_assert_cmpint (pk_test_sql_int (bundle_path, sql), ==, pk_test_sql_int (from_file, sql));
      }
    g_assert_cmpint (pk_test_sql_int (bundle_path, "SELECT count (*) FROM case_documents"), >, 0);
    g_assert_cmpint (pk_test_sql_int (bundle_path, "SELECT count (*) FROM visit_photos"), ==, 1);
  }
  info = pk_bundle_verify (server, bundle_path, &error);
  g_assert_no_error (error);

  /* on the laptop */
  bundle = pk_store_open (bundle_path, &error);
  g_assert_no_error (error);
  pk_store_set_actor (bundle, "Reza Ahmadi");
  visits = pk_store_list_visits (bundle, NULL, &error);
  g_assert_no_error (error);
  there = pk_store_get_visit (bundle, ((PkVisit *) g_ptr_array_index (visits, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_true (pk_visit_set_area (bundle, there, 51, &error));
  photo_id = pk_visit_add_photo (bundle, there, "inside.jpg", photo, &error);
  g_assert_no_error (error);
  taken = pk_store_get_visit_photo_content (bundle, photo_id, &error);
  g_assert_no_error (error);
  g_clear_object (&bundle);

  /* back at the secretariat */
  first = pk_bundle_import (server, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_applied, ==, 1);
  g_assert_cmpuint (first->n_photos, ==, 1);
  g_assert_cmpuint (first->conflicts->len, ==, 0);
  here = pk_store_get_visit_by_uuid (server, there->record.uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (here->area_m2, ==, 51);
  photos = pk_store_list_visit_photos (server, here->id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);
  arrived = pk_store_get_visit_photo_content (server, ((PkVisitPhoto *) g_ptr_array_index (photos, 1))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((PkVisitPhoto *) g_ptr_array_index (photos, 1))->file_name, ==, "inside.jpg");
  g_assert_cmpuint (g_bytes_get_size (arrived), >, 0);
  g_assert_true (g_bytes_equal (arrived, taken));
  again = pk_bundle_import (server, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_applied, ==, 0);
  g_assert_cmpuint (again->n_already + again->n_unchanged, >=, 1);

  /* undone on the server too: the area and the photo go; imported again, back */
  {
    g_autofree char *undone = pk_bundle_undo_import (server, NULL, &error);
    g_autoptr(PkVisit) back = NULL;
    g_autoptr(PkBundleImport) third = NULL;
    g_autoptr(GPtrArray) after_undo = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (undone, ==, info->uuid);
    back = pk_store_get_visit_by_uuid (server, there->record.uuid, &error);
    g_assert_cmpfloat (back->area_m2, !=, 51);
    after_undo = pk_store_list_visit_photos (server, back->id, 0, &error);
    g_assert_cmpuint (after_undo->len, ==, 1);
    third = pk_bundle_import (server, bundle_path, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (third->n_applied, ==, 1);
    g_assert_cmpuint (third->n_photos, ==, 1);
  }

  /* a conflict on the server, resolved and the resolution undone */
  {
    g_autoptr(PkStore) laptop = pk_store_open (bundle_path, &error);
    g_autoptr(PkVisit) again_there = NULL;
    g_autoptr(PkBundleImport) fourth = NULL;
    g_autoptr(PkBundleConflict) reopened = NULL;
    gint64 conflict;

    g_assert_no_error (error);
    again_there = pk_store_get_visit_by_uuid (laptop, there->record.uuid, &error);
    g_assert_true (pk_visit_set_area (laptop, again_there, 60, &error));
    g_clear_object (&laptop);
    g_assert_true (pk_case_workflow_set_field (server, here->case_id, "company.name", "Changed here", &error));
    g_assert_no_error (error);
    fourth = pk_bundle_import (server, bundle_path, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (fourth->conflicts->len, ==, 1);
    conflict = ((PkBundleConflict *) g_ptr_array_index (fourth->conflicts, 0))->id;
    g_assert_true (pk_bundle_resolve (server, conflict, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (pk_bundle_undo_resolution (server, conflict, &error));
    g_assert_no_error (error);
    reopened = pk_store_get_bundle_conflict (server, conflict, &error);
    g_assert_null (reopened->resolved_at);
  }
}

/* A login that needs a password: refused without it, in one line; with it,
 * the store's other connections (a worker's) log in too. */
static void
test_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("with_password");
  g_autoptr(PkStore) created = pk_workspace_create_province (uri, "Yazd", FALSE, &error);
  g_autofree char *sara = login_uri ("with_password", "sara");
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkStore) worker = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sql_as ("with_password", "postgres", "CREATE ROLE pk_password_required NOLOGIN;"
                           " CREATE ROLE sara LOGIN PASSWORD 'zard-1405' IN ROLE pk_password_required"), >=, 0);
  g_assert_true (pk_store_grant (created, "sara", "secretariat", "Sara", &error));
  g_assert_no_error (error);

  store = pk_store_open (sara, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  store = pk_store_open_with_password (sara, "wrong", &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);

  store = pk_store_open_with_password (sara, "zard-1405", &error);
  g_assert_no_error (error);
  g_assert_false (pk_store_is_read_only (store));
  worker = pk_store_open_another (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (worker);
  /* the password is nowhere in what the store tells */
  g_assert_null (strstr (pk_store_get_path (store), "zard"));
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = workspace_uri ("nothing_here");
  g_autofree char *bad_name = workspace_uri ("Robert%27%3B%20DROP");
  g_autoptr(PkStore) store = NULL;

  store = pk_store_open (missing, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nothing_here"));
  g_clear_error (&error);

  store = pk_store_open (bad_name, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
  g_clear_error (&error);

  store = pk_store_open ("postgresql:///pishkhan?host=/nonexistent-socket-dir", &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_assert_null (strchr (error->message, '\n'));
}

/* The server restarts under an open workspace (every connection dropped):
 * the next read connects again by itself, with its schema and its channel; a
 * transaction that was open is lost and says so, and nothing of it lands. */
static void
test_reconnect (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("restarted");
  g_autoptr(PkStore) store = pk_workspace_create_sample (uri, FALSE, &error);
  g_autoptr(PkStore) other = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(PkOffice) office = NULL;
  g_autoptr(PkOffice) again = NULL;
  g_autoptr(PkOffice) after = NULL;
  gint64 deadline;
  gboolean heard = FALSE;

  g_assert_no_error (error);
  other = pk_store_open (uri, &error);
  g_assert_no_error (error);
  offices = pk_store_list_offices (store, &error);
  g_assert_cmpuint (offices->len, >, 0);
  office = pk_office_copy (g_ptr_array_index (offices, 0));

  /* a transaction open when the server goes: lost, and said */
  g_assert_true (pk_store_begin (store, &error));
  g_free (office->name);
  office->name = g_strdup ("Written before the restart");
  g_assert_true (pk_store_update_office (store, office, &error));
  pk_test_pg_restart (cluster_dir);
  g_assert_false (pk_store_commit (store, &error));
  g_assert_nonnull (error);
  g_test_message ("the commit: %s", error->message);
  g_clear_error (&error);                 /* a failed commit rolls back */

  /* the next read connects again, in the workspace's schema */
  again = pk_store_get_office (store, office->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->name, !=, "Written before the restart");
  g_assert_cmpint (again->record.revision, ==, office->record.revision);

  /* the other store was cut too: it hears that it may have missed changes,
   * then hears the next one */
  pk_store_changed_elsewhere (other);
  g_free (again->name);
  again->name = g_strdup ("Written after the restart");
  g_assert_true (pk_store_update_office (store, again, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!heard && g_get_monotonic_time () < deadline)
    {
      heard = pk_store_changed_elsewhere (other);
      g_usleep (20000);
    }
  g_assert_true (heard);
  after = pk_store_get_office (other, office->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->name, ==, "Written after the restart");
}

static gpointer
open_in_thread (gpointer uri)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_store_open (uri, &error);

  g_assert_no_error (error);
  return store;
}

/* A workspace made at the first server schema is brought up to date when its
 * owner opens it, keeping what it held; another login is told whose it is to
 * do and changes nothing; two opening it at once both get the new schema,
 * migrated once. */
static void
test_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = workspace_uri ("older");
  g_autofree char *nasrin = login_uri ("older", "nasrin");
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkStore) listener = NULL;
  g_autoptr(GPtrArray) counties = NULL;
  const char *has_index = "SELECT 1 FROM pg_indexes WHERE schemaname = 'older' AND indexname = 'case_people_case'";
  GThread *threads[2];
  PkStore *opened[2];

  g_assert_true (_pk_store_create_at_version (uri, PK_PG_BASE_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_as ("older", "postgres", has_index), ==, 0);
  g_assert_cmpint (sql_as ("older", "postgres", "SELECT 1 FROM meta WHERE key = 'schema_version' AND value = '7'"),
                   ==, 1);
  g_assert_cmpint (sql_as ("older", "postgres",
                           "INSERT INTO provinces (id, name_fa) VALUES (10, 'خراسان جنوبی');"
                           " INSERT INTO counties (id, province_id, name_fa, name_en)"
                           " VALUES (1, 10, 'درمیان', 'Darmian')"), ==, 1);

  /* a working-group member's login does not own the schema: told so */
  g_assert_cmpint (sql_as ("older", "postgres", "CREATE ROLE nasrin LOGIN; GRANT pk_working_group TO nasrin"), >=, 0);
  store = pk_store_open (nasrin, &error);
  g_assert_null (store);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "postgres"));
  g_clear_error (&error);
  g_assert_cmpint (sql_as ("older", "postgres", has_index), ==, 0);

  /* its owner twice at once: one migrates, the other waits and finds it done */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_in_thread, uri);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      opened[i] = g_thread_join (threads[i]);
      g_assert_cmpint (pk_store_get_schema_version (opened[i]), ==, PK_STORE_SCHEMA_VERSION);
    }
  g_object_unref (opened[1]);
  store = opened[0];
  g_assert_cmpint (sql_as ("older", "postgres", has_index), ==, 1);
  counties = pk_store_list_counties (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counties->len, ==, 1);

  /* and now the member opens it, and hears the owner's changes */
  listener = pk_store_open (nasrin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pk_store_get_schema_version (listener), ==, PK_STORE_SCHEMA_VERSION);
  g_assert_true (pk_store_set_meta (store, "note", "migrated", &error));
  g_assert_true (hears_change (listener));
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = pk_test_pg_start (&cluster_dir);

#define ADD(path, fn) g_test_add (path, PkTestWorkspace, NULL, pk_test_workspace_setup, fn, pk_test_workspace_teardown)
  ADD ("/pg/round-trip", test_round_trip);
  ADD ("/pg/side-by-side", test_side_by_side);
  ADD ("/pg/collide", test_collide);
  g_test_add ("/pg/collide-case", PkTestWorkspace, GINT_TO_POINTER (TRUE), pk_test_workspace_setup,
              test_collide_case, pk_test_workspace_teardown);
  g_test_add ("/pg/collide-case-file", PkTestWorkspace, GINT_TO_POINTER (FALSE), pk_test_workspace_setup,
              test_collide_case, pk_test_workspace_teardown);
  ADD ("/pg/roles", test_roles);
  ADD ("/pg/case-on-server", test_case_on_server);
  ADD ("/pg/bundle-on-server", test_bundle_on_server);
  ADD ("/pg/zones", test_zones);
#undef ADD
  g_test_add_func ("/pg/password", test_password);
  g_test_add_func ("/pg/refused", test_refused);
  g_test_add_func ("/pg/reconnect", test_reconnect);
  g_test_add_func ("/pg/migrate", test_migrate);
  rc = g_test_run ();
  pk_test_pg_stop (cluster_dir);
  g_free (server);
  return rc;
}
