/* pk-bench-pages.c: what opening a long list costs, a page against all of it
 *
 * A workspace with 3,000 cases (PK_BENCH_CASES), on a server (a throwaway
 * PostgreSQL + PostGIS cluster, tests/pg-cluster) and in a file: the first
 * page the case list shows (100 cases, pk_case_list_page()) and the newest
 * 200 changes of the audit view, beside the baseline of reading every case
 * and every change as the windows did before. Printed: the median of 15
 * reads of each, in ms.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pk-case-workflow.h"
#include "pk-geography.h"
#include "pk-store.h"
#include "pk-test-util.h"

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
  g_clear_object (&remote);
  pk_test_pg_stop (cluster_dir);
  pk_test_remove_dir (dir);
  return 0;
}
