/* pk-bench-server.c: many people on one workspace at once
 *
 * 20 clients, each on a connection of its own, for 60 s (PK_BENCH_SECONDS),
 * pick one operation after another at random:
 *   check   a siting check at a random place (the in-memory snapshot,
 *           rebuilt when another client's change was heard, looked for
 *           every 2 s as the window does)
 *   office  an office read, renamed and saved with the revision it was read at
 *   case    a case field read and saved only if it still holds what was read
 *   list    every case, whole (what a review queue reads)
 * on a server workspace (a throwaway PostgreSQL + PostGIS cluster,
 * tests/pg-cluster) and, as the baseline in the same run, on a workspace
 * file (SQLite: one writer at a time). Printed per backend and operation:
 * how many, how many refused as conflicts, p50 and p99 latency. Then the
 * check that no write was lost: each office's revision is 1 + the saves
 * that succeeded on it, and the audit log holds one entry per save.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pk-case-workflow.h"
#include "pk-geography.h"
#include "pk-siting.h"
#include "pk-store.h"
#include "pk-test-util.h"

#define N_CLIENTS 20
#define N_OFFICES 40        /* the offices edited: few, so that saves collide */
#define N_CASES   8

enum { OP_CHECK, OP_OFFICE, OP_CASE, OP_LIST, N_OPS };
static const char * const op_names[] = { "check", "office", "case", "list" };

typedef struct
{
  GArray *latency[N_OPS];   /* double, ms */
  guint   conflicts[N_OPS];
  guint   failures[N_OPS];
  guint   office_saves[N_OFFICES + 1];
} Tally;

typedef struct
{
  const char *location;
  int         index;
  gint64      until;
  gint64      case_ids[N_CASES];
  Tally       tally;
} Client;

static void
tally_init (Tally *t)
{
  memset (t, 0, sizeof *t);
  for (int i = 0; i < N_OPS; i++)
    t->latency[i] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
count_error (Tally  *t,
             int     op,
             GError *error)
{
  if (g_error_matches (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT))
    t->conflicts[op]++;
  else
    {
      t->failures[op]++;
      if (t->failures[op] <= 3)
        g_printerr ("%s: %s\n", op_names[op], error->message);
    }
}

static gpointer
client_thread (gpointer data)
{
  Client *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (c->location, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (c->index * 7919 + 1);
  g_autofree char *actor = g_strdup_printf ("client-%02d", c->index);
  PkSiteChecker *checker = NULL;
  gint64 next_poll = 0;
  guint n = 0;

  if (store == NULL)
    g_error ("client %d: %s", c->index, error->message);
  pk_store_set_actor (store, actor);
  if ((checker = pk_site_checker_new (store, &error)) == NULL)
    g_error ("client %d: %s", c->index, error->message);
  while (g_get_monotonic_time () < c->until)
    {
      int op = g_rand_int_range (rand, 0, 10);
      gint64 start = g_get_monotonic_time ();
      double ms;

      op = op < 5 ? OP_CHECK : op < 7 ? OP_OFFICE : op < 9 ? OP_CASE : OP_LIST;
      g_clear_error (&error);
      if (op == OP_CHECK)
        {
          PkSiteQuery q;
          PkSiteVerdict *v;

          if (start >= next_poll && pk_store_changed_elsewhere (store))
            {
              pk_site_checker_free (checker);
              if ((checker = pk_site_checker_new (store, &error)) == NULL)
                g_error ("client %d: %s", c->index, error->message);
            }
          if (start >= next_poll)
            next_poll = start + 2 * G_USEC_PER_SEC;
          pk_site_query_init (&q);
          q.lat = g_rand_double_range (rand, 31.0, 34.5);
          q.lon = g_rand_double_range (rand, 57.5, 60.5);
          q.license = g_rand_boolean (rand) ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
          v = pk_site_checker_check (checker, &q);
          pk_site_verdict_unref (v);
        }
      else if (op == OP_OFFICE)
        {
          gint64 id = g_rand_int_range (rand, 1, N_OFFICES + 1);
          g_autoptr(PkOffice) o = pk_store_get_office (store, id, &error);

          if (o != NULL)
            {
              g_free (o->name);
              o->name = g_strdup_printf ("Office %" G_GINT64_FORMAT " by client %d, save %u", id, c->index, n++);
              if (pk_store_update_office (store, o, &error))
                c->tally.office_saves[id]++;
            }
          if (error != NULL)
            count_error (&c->tally, op, error);
        }
      else if (op == OP_CASE)
        {
          gint64 id = c->case_ids[g_rand_int_range (rand, 0, N_CASES)];
          g_autoptr(PkCase) k = pk_store_get_case (store, id, &error);
          g_autofree char *value = g_strdup_printf ("client %d, save %u", c->index, n++);

          if (k != NULL)
            pk_case_workflow_set_field_if (store, id, "s11.inspector",
                                           g_hash_table_lookup (k->fields, "s11.inspector"), value, &error);
          if (error != NULL)
            count_error (&c->tally, op, error);
        }
      else
        {
          g_autoptr(GPtrArray) cases = pk_store_list_cases (store, &error);

          if (cases == NULL)
            count_error (&c->tally, op, error);
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (c->tally.latency[op], ms);
    }
  pk_site_checker_free (checker);
  return NULL;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  return g_array_index (values, double, (guint) (p * (values->len - 1)));
}

/* Runs the clients on @location and prints one line per operation; FALSE when a write was lost. */
static gboolean
run (const char *label,
     const char *location,
     int         seconds)
{
  Client clients[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  Tally total;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (location, &error);
  g_autoptr(GPtrArray) cases = NULL;
  gint64 audit_before, audit_after, until;
  guint saves = 0, lost = 0;

  if (store == NULL)
    g_error ("%s", error->message);
  cases = pk_store_list_cases (store, &error);
  if (cases == NULL || cases->len < N_CASES)
    g_error ("%s: needs %d cases", label, N_CASES);
  audit_before = pk_store_count_audit (store);
  until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  tally_init (&total);
  for (int i = 0; i < N_CLIENTS; i++)
    {
      clients[i] = (Client) { location, i, until, { 0 } };
      for (int k = 0; k < N_CASES; k++)
        clients[i].case_ids[k] = ((PkCase *) g_ptr_array_index (cases, k))->id;
      tally_init (&clients[i].tally);
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  for (int i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      for (int op = 0; op < N_OPS; op++)
        {
          g_array_append_vals (total.latency[op], clients[i].tally.latency[op]->data,
                               clients[i].tally.latency[op]->len);
          total.conflicts[op] += clients[i].tally.conflicts[op];
          total.failures[op] += clients[i].tally.failures[op];
          g_array_unref (clients[i].tally.latency[op]);
        }
      for (int id = 1; id <= N_OFFICES; id++)
        total.office_saves[id] += clients[i].tally.office_saves[id];
    }
  for (int op = 0; op < N_OPS; op++)
    {
      g_array_sort (total.latency[op], cmp_double);
      printf ("%-7s %-7s %7u ops  %6.1f/s  %5u conflicts  %3u failed  p50 %7.2f ms  p99 %8.2f ms\n",
              label, op_names[op], total.latency[op]->len, total.latency[op]->len / (double) seconds,
              total.conflicts[op], total.failures[op], percentile (total.latency[op], 0.50),
              percentile (total.latency[op], 0.99));
    }
  /* no lost write: every save that succeeded moved its office's revision on by one */
  for (int id = 1; id <= N_OFFICES; id++)
    {
      g_autoptr(PkOffice) o = pk_store_get_office (store, id, &error);

      if (o == NULL)
        g_error ("%s", error->message);
      saves += total.office_saves[id];
      if (o->record.revision != 1 + (gint64) total.office_saves[id])
        {
          printf ("%-7s office %d: revision %" G_GINT64_FORMAT ", %u saves succeeded: a write was lost\n",
                  label, id, o->record.revision, total.office_saves[id]);
          lost++;
        }
    }
  audit_after = pk_store_count_audit (store);
  printf ("%-7s %u office saves, each one revision: %s; audit entries written: %" G_GINT64_FORMAT "\n",
          label, saves, lost ? "NO" : "yes", audit_after - audit_before);
  for (int op = 0; op < N_OPS; op++)
    g_array_unref (total.latency[op]);
  return lost == 0 && total.failures[OP_OFFICE] + total.failures[OP_CASE] + total.failures[OP_LIST] == 0;
}

/* The sample with cases to edit: filed on the file, copied to the server */
static void
prepare (const char *file,
         const char *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (file, TRUE, &error);
  g_autoptr(PkStore) copy = NULL;

  if (store == NULL)
    g_error ("%s", error->message);
  for (int i = 0; i < N_CASES; i++)
    {
      g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);

      if (pk_store_add_case (store, c, &error) == 0)
        g_error ("%s", error->message);
    }
  if ((copy = pk_store_copy (store, server, TRUE, NULL, &error)) == NULL)
    g_error ("%s", error->message);
}

int
main (int    argc,
      char **argv)
{
  const char *seconds_env = g_getenv ("PK_BENCH_SECONDS");
  int seconds = seconds_env ? atoi (seconds_env) : 60;
  g_autofree char *dir = g_dir_make_tmp ("pk-bench-server-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "bench.pkws", NULL);
  char *cluster_dir = NULL;
  g_autofree char *uri = pk_test_pg_start (&cluster_dir);      /* PK_PG_CLUSTER names the script */
  g_autofree char *server = g_strdup_printf ("%s&workspace=bench", uri);
  gboolean ok;

  prepare (file, server);
  printf ("%d clients for %d s each run; operations: check 50%%, office 20%%, case 20%%, list 10%%\n",
          N_CLIENTS, seconds);
  ok = run ("server", server, seconds);
  ok = run ("file", file, seconds) && ok;
  pk_test_pg_stop (cluster_dir);
  pk_test_remove_dir (dir);
  return ok ? 0 : 1;
}
