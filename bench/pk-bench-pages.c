/* pk-bench-pages.c: what opening a long list costs, a page against all of it
 *
 * A workspace with 3,000 cases (PK_BENCH_CASES), on a server (a throwaway
 * PostgreSQL + PostGIS cluster, tests/pg-cluster) and in a file: the first
 * page the case list shows (100 cases, pk_case_list_page()) and the newest
 * 200 changes of the audit view, beside the baseline of reading every case
 * and every change as the windows did before. Printed: the median of 15
 * reads of each, in ms. Then a field bundle for one inspector's visit cut
 * from the server and from the file, every case carrying a scanned document:
 * as it is now (only the bundle's share of the heavy tables copied) beside
 * the baseline of the whole workspace copied to a file first and cut there
 * (as it was: pk_store_copy() from a server, VACUUM INTO from a file).
 * Last, an office moved on the map, as the window does it now (the edit
 * history's worker on a connection of its own) beside the baseline of the
 * same edit written on the caller's thread (as the window did before): how
 * long the main thread is held, and how long until the move is stored.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pk-bundle.h"
#include "pk-edit-history.h"
#include "pk-case-workflow.h"
#include "pk-doc-check.h"
#include "pk-geography.h"
#include "pk-scan-pdf.h"
#include "pk-store.h"
#include "pk-test-util.h"
#include "pk-visits.h"

#define ROUNDS 15

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef guint (*ReadFunc) (PkStore *store);

/* The median time of @read over ROUNDS runs, in ms; @n the rows it read. */
static double
median_ms (PkStore  *store,
           ReadFunc  read,
           guint    *n)
{
  double ms[ROUNDS];

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      *n = read (store);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (ms, ROUNDS, sizeof ms[0], (int (*) (const void *, const void *)) cmp_double);
  return ms[ROUNDS / 2];
}

static guint
first_case_page (PkStore *store)
{
  g_autoptr(GError) error = NULL;
  PkCaseFilter filter;
  gint64 next;
  g_autoptr(GPtrArray) page = NULL;

  pk_case_filter_init (&filter);
  if ((page = pk_case_list_page (store, &filter, 0, 100, &next, NULL, &error)) == NULL)
    g_error ("%s", error->message);
  return page->len;
}

static guint
every_case (PkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pk_store_list_cases (store, &error);

  if (all == NULL)
    g_error ("%s", error->message);
  return all->len;
}

static guint
first_audit_page (PkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = pk_store_list_audit_page (store, NULL, NULL, NULL, 0, 200, &error);

  if (page == NULL)
    g_error ("%s", error->message);
  return page->len;
}

static guint
every_change (PkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pk_store_list_audit (store, NULL, NULL, NULL, &error);

  if (all == NULL)
    g_error ("%s", error->message);
  return all->len;
}

static void
fill (PkStore *store,
      int      n_cases)
{
  g_autoptr(GError) error = NULL;

  if (!pk_store_begin (store, &error))
    g_error ("%s", error->message);
  for (int i = 0; i < n_cases; i++)
    {
      g_autoptr(PkCase) c = pk_case_new (i % 3 ? PK_REQUEST_ISSUE : PK_REQUEST_RENEWAL, PK_LICENSE_RURAL,
                                         PK_APPLICANT_PERSON);
      PkCasePerson p = { .role = (char *) "applicant", .name = (char *) "Sara Rahimi",
                         .national_code = (char *) "0012345679" };

      if (pk_store_add_case (store, c, &error) == 0 || pk_store_add_case_person (store, c->id, &p, &error) == 0 ||
          !pk_store_write_case_field (store, c->id, "pa4.date", "2026-11-20", &error))
        g_error ("%s", error->message);
    }
  if (!pk_store_commit (store, &error))
    g_error ("%s", error->message);
}

static void
run (const char *label,
     PkStore    *store)
{
  guint n_page, n_all, n_audit_page, n_audit;
  double page = median_ms (store, first_case_page, &n_page);
  double all = median_ms (store, every_case, &n_all);
  double audit_page = median_ms (store, first_audit_page, &n_audit_page);
  double audit = median_ms (store, every_change, &n_audit);

  printf ("%-7s case list: first page (%u) %8.1f ms   every case (%u, baseline) %8.1f ms\n", label, n_page, page,
          n_all, all);
  printf ("%-7s audit:     newest page (%u) %7.1f ms   every change (%u, baseline) %6.1f ms\n", label,
          n_audit_page, audit_page, n_audit, audit);
}

/* Every case gets the same scanned statement, checked once (DOC-1 … DOC-5). */
static void
attach_documents (PkStore    *store,
                  const char *dir)
{
  static const ScanPage page[] = { SCAN_COLOUR };
  g_autofree char *pdf = g_build_filename (dir, "statement.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkDocReport) report = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (!pk_scan_pdf_write (pdf, page, 1, 150, &error) ||
      (report = pk_doc_check (pdf, "bank-debt-statement", NULL, &error)) == NULL ||
      !g_file_get_contents (pdf, &data, &len, &error) ||
      (cases = pk_store_list_cases (store, &error)) == NULL || !pk_store_begin (store, &error))
    g_error ("%s", error->message);
  content = g_bytes_new_take (g_steal_pointer (&data), len);
  for (guint i = 0; i < cases->len; i++)
    if (pk_store_add_case_document (store, ((PkCase *) g_ptr_array_index (cases, i))->id, "bank-debt-statement", 0,
                                    "statement.pdf", content, report, &error) == 0)
      g_error ("%s", error->message);
  if (!pk_store_commit (store, &error))
    g_error ("%s", error->message);
  printf ("each case with a %zu KB scanned statement\n", len / 1024);
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1048576.0 : 0;
}

/* The old way from a server: every record copied to a file, the bundle cut
 * there. Returns the copy's path. */
static char *
whole_copy (PkStore     *store,
            const char  *dir,
            GError     **error)
{
  g_autofree char *copy_path = g_build_filename (dir, "whole-copy.pkws", NULL);
  g_autoptr(PkStore) copy = pk_store_copy (store, copy_path, TRUE, NULL, error);

  return copy ? g_steal_pointer (&copy_path) : NULL;
}

/* The old way from a file: VACUUM INTO a copy of the whole file. */
static char *
whole_vacuum (PkStore     *store,
              const char  *dir,
              GError     **error)
{
  g_autofree char *copy_path = g_build_filename (dir, "vacuumed.pkws", NULL);
  g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", copy_path);
  sqlite3 *db = NULL;
  gboolean ok;

  g_unlink (copy_path);
  ok = sqlite3_open (pk_store_get_path (store), &db) == SQLITE_OK &&
       sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "VACUUM INTO: %s", sqlite3_errmsg (db));
  sqlite3_close (db);
  return ok ? g_steal_pointer (&copy_path) : NULL;
}

typedef char *(*WholeFunc) (PkStore *store, const char *dir, GError **error);

/* One inspector's bundle from @store as it is made now, beside the whole
 * workspace copied first (@whole) and the bundle cut from that copy. */
static void
run_bundle (const char *label,
            PkStore    *store,
            const char *dir,
            WholeFunc   whole)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now_path = g_build_filename (dir, "now.pkbundle", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.pkbundle", NULL);
  g_autofree char *copy_path = NULL;
  double now_ms[3], old_ms[3];

  for (int i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PkBundleInfo) info = pk_bundle_export (store, "Reza Ahmadi", now_path, NULL, &error);
      g_autoptr(PkBundleInfo) old_info = NULL;
      g_autoptr(PkStore) copy = NULL;

      if (info == NULL)
        g_error ("%s", error->message);
      now_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      g_free (copy_path);
      if ((copy_path = whole (store, dir, &error)) == NULL || (copy = pk_store_open (copy_path, &error)) == NULL ||
          (old_info = pk_bundle_export (copy, "Reza Ahmadi", old_path, NULL, &error)) == NULL)
        g_error ("%s", error->message);
      old_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (now_ms, 3, sizeof now_ms[0], (int (*) (const void *, const void *)) cmp_double);
  qsort (old_ms, 3, sizeof old_ms[0], (int (*) (const void *, const void *)) cmp_double);
  printf ("%-7s field bundle, one visit: %6.0f ms (%.1f MB)   whole copy first, then cut (baseline) %6.0f ms"
          " (copy %.1f MB); medians of 3\n", label, now_ms[1], file_mb (now_path), old_ms[1], file_mb (copy_path));
}

static void
on_moved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (pk_edit_history_edit_finish (PK_EDIT_HISTORY (source), result, NULL, &error) == 0)
    g_error ("%s", error->message);
  *(gint64 *) user_data = g_get_monotonic_time ();
}

static void
run_edits (const char *label,
           PkStore    *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkEditHistory) history = pk_edit_history_new (store);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  PkOffice *o = g_ptr_array_index (offices, 0);
  double held[ROUNDS], done[ROUNDS], base[ROUNDS];

  for (int i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time (), stored = 0;
      g_autoptr(PkOffice) now = NULL;

      pk_edit_history_move_office_async (history, o->id, o->lat + 0.001 * (i + 1), o->lon, o->county_id, NULL,
                                         on_moved, &stored);
      held[i] = (g_get_monotonic_time () - start) / 1000.0;
      while (stored == 0)
        g_main_context_iteration (NULL, TRUE);
      done[i] = (stored - start) / 1000.0;

      /* the baseline: read and written on this thread, as the window did */
      start = g_get_monotonic_time ();
      if ((now = pk_store_get_office (store, o->id, &error)) == NULL)
        g_error ("%s", error->message);
      now->lat -= 0.0005;
      if (!pk_store_update_office (store, now, &error))
        g_error ("%s", error->message);
      base[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (held, ROUNDS, sizeof held[0], (int (*) (const void *, const void *)) cmp_double);
  qsort (done, ROUNDS, sizeof done[0], (int (*) (const void *, const void *)) cmp_double);
  qsort (base, ROUNDS, sizeof base[0], (int (*) (const void *, const void *)) cmp_double);
  printf ("%-7s office moved on the map: main thread held %6.3f ms, stored after %6.1f ms (worker, own "
          "connection)   on the main thread (baseline) held %6.1f ms; medians of %d\n",
          label, held[ROUNDS / 2], done[ROUNDS / 2], base[ROUNDS / 2], ROUNDS);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("PK_BENCH_CASES");
  int n_cases = env ? atoi (env) : 3000;
  g_autofree char *dir = g_dir_make_tmp ("pk-bench-pages-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pages.pkws", NULL);
  char *cluster_dir = NULL;
  g_autofree char *server = pk_test_pg_start (&cluster_dir);
  g_autofree char *uri = g_strdup_printf ("%s&workspace=pages", server);
  g_autoptr(PkStore) file = pk_workspace_create_sample (path, FALSE, &error);
  g_autoptr(PkStore) remote = NULL;

  if (file == NULL)
    g_error ("%s", error->message);
  fill (file, n_cases);
  if ((remote = pk_store_copy (file, uri, FALSE, NULL, &error)) == NULL)
    g_error ("%s", error->message);
  printf ("%d cases (each with its applicant and a field), read %d times each; medians\n", n_cases, ROUNDS);
  run ("server", remote);
  run ("file", file);
  run_edits ("server", remote);
  run_edits ("file", file);

  g_clear_object (&remote);
  attach_documents (file, dir);
  {
    g_autoptr(PkCase) first = pk_store_get_case (file, 1, &error);

    if (first == NULL || pk_visit_assign (file, first->number, 0, "Reza Ahmadi", "1405/09/12", &error) == 0)
      g_error ("%s", error->message);
  }
  if ((remote = pk_store_copy (file, uri, TRUE, NULL, &error)) == NULL)
    g_error ("%s", error->message);
  run_bundle ("server", remote, dir, whole_copy);
  run_bundle ("file", file, dir, whole_vacuum);
  g_clear_object (&remote);
  pk_test_pg_stop (cluster_dir);
  pk_test_remove_dir (dir);
  return 0;
}
