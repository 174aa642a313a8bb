/* test-crash.c: pishkhan-cli killed (SIGKILL) at random moments
 *
 * An import, a case edit, a zone edit and a workspace creation, each killed
 * PK_TEST_KILLS times (default 40) after a random delay up to about its own
 * length: every time the workspace must pass PRAGMA integrity_check, open,
 * and hold all of the interrupted change or none of it.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "pk-store.h"
#include "pk-test-cli.h"
#include "pk-test-sql.h"
#include "pk-test-util.h"

static char *tmpdir;
static char *pristine;          /* the sample with one case, never changed */
static char *case_number;
static guint n_kills = 40;

static void
copy_pristine (const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (to, suffixes[i], NULL);
      g_unlink (p);
    }
  g_assert_true (g_file_get_contents (pristine, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Starts the CLI, kills it after @delay_us (unless it ended before). */
static gboolean
run_and_kill (const char * const *args,
              gint64              delay_us)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until = g_get_monotonic_time () + delay_us;
  gboolean killed = FALSE;

  g_ptr_array_add (argv, (char *) g_getenv ("PK_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  while (g_get_monotonic_time () < until)
    {
      g_usleep (200);
      if (g_subprocess_get_identifier (proc) == NULL)
        break;
      {
        /* reap it if it is done, so the identifier goes */
        GMainContext *ctx = g_main_context_default ();
        while (g_main_context_iteration (ctx, FALSE));
      }
    }
  if (g_subprocess_get_identifier (proc) != NULL)
    {
      g_subprocess_send_signal (proc, SIGKILL);
      killed = TRUE;
    }
  g_subprocess_wait (proc, NULL, NULL);
  return killed && g_subprocess_get_if_signaled (proc) && g_subprocess_get_term_sig (proc) == SIGKILL;
}

/* How long the command takes when left alone (µs), to spread the kills over it. */
static gint64
time_once (const char *ws,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  gint64 start;
  g_autoptr(GSubprocess) proc = NULL;

  copy_pristine (ws);
  g_ptr_array_add (argv, (char *) g_getenv ("PK_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  start = g_get_monotonic_time ();
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
  g_assert_nonnull (proc);
  g_assert_true (g_subprocess_wait_check (proc, NULL, NULL));
  return g_get_monotonic_time () - start;
}

typedef void (*Verify) (const char *ws);

static guint
kill_repeatedly (const char         *ws,
                 const char * const *args,
                 Verify              verify)
{
  gint64 span = time_once (ws, args);
  guint killed = 0;

  for (guint i = 0; i < n_kills; i++)
    {
      copy_pristine (ws);
      killed += run_and_kill (args, g_test_rand_int_range (0, (int) MIN (span * 1.1, G_MAXINT)));
      assert_integrity (ws);
      verify (ws);
    }
  g_test_message ("%u of %u runs killed before they ended", killed, n_kills);
  return killed;
}

static void
assert_opens (const char *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (ws, &error);

  g_assert_no_error (error);
}

#define N_IMPORT 5000
static int offices_before;

static void
verify_import (const char *ws)
{
  int n = pk_test_sql_int (ws, "SELECT count(*) FROM offices");

  assert_opens (ws);
  g_assert_true (n == offices_before || n == offices_before + N_IMPORT);
}

static void
test_kill_import (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "import.pkws", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "offices.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("code,name,license,lat,lon\n");

  for (int i = 0; i < N_IMPORT; i++)
    g_string_append_printf (rows, "K-%d,Office %d,rural,%.5f,%.5f\n", i, i, 32.5 + (i % 100) * 0.004,
                            59.0 + (i / 100) * 0.004);
  g_assert_true (g_file_set_contents (csv, rows->str, rows->len, NULL));
  offices_before = pk_test_sql_int (pristine, "SELECT count(*) FROM offices");
  kill_repeatedly (ws, (const char *[]) { "offices", "import", "--workspace", ws, csv, NULL }, verify_import);
}

static void
verify_case (const char *ws)
{
  static const char field_sql[] = "SELECT json_extract (fields, '$.\"pa4.date\"') FROM cases";
  static const char touched_sql[] = "SELECT updated_at FROM cases";
  g_autofree char *field = pk_test_sql_text (ws, field_sql);
  g_autofree char *touched = pk_test_sql_text (ws, touched_sql);
  g_autofree char *touched_before = pk_test_sql_text (pristine, touched_sql);

  assert_opens (ws);
  /* the field and the case's time of change land together, or neither */
  if (field == NULL)
    g_assert_cmpstr (touched, ==, touched_before);
  else
    {
      g_assert_cmpstr (field, ==, "2026-11-20");
      g_assert_cmpstr (touched, !=, touched_before);
    }
}

static void
test_kill_case_edit (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "case.pkws", NULL);

  kill_repeatedly (ws, (const char *[]) { "case", "set", "--workspace", ws, case_number, "pa4.date",
                                          "2026-11-20", NULL }, verify_case);
}

static void
verify_zone (const char *ws)
{
  int zones = pk_test_sql_int (ws, "SELECT count(*) FROM zones");
  int audit = pk_test_sql_int (ws, "SELECT count(*) FROM audit_log WHERE entity = 'zone'");

  assert_opens (ws);
  g_assert_cmpint (zones, <=, 1);
  g_assert_cmpint (audit, ==, zones);          /* the zone and its audit row land together */
}

static void
test_kill_zone_edit (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "zone.pkws", NULL);

  kill_repeatedly (ws, (const char *[]) { "zones", "add", "--workspace", ws, "--name", "Killed",
                                          "--license", "rural", "--capacity", "2", "--point", "32.7,59.3",
                                          "--point", "32.7,59.55", "--point", "32.5,59.5", NULL },
                   verify_zone);
}

static void
verify_create (const char *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_store_open (ws, &error);
  g_autofree char *title = NULL;
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  g_assert_no_error (error);
  title = pk_store_get_meta (store, "title");
  /* the old South Khorasan sample, or the whole new Yazd workspace */
  g_assert_true (g_strcmp0 (title, "South Khorasan (sample)") == 0 || g_strcmp0 (title, "Yazd") == 0);
  g_clear_object (&store);
  /* a killed creation may leave its hidden staging file; never a half workspace */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".partial-"))
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
}

static void
test_kill_create (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "create.pkws", NULL);

  kill_repeatedly (ws, (const char *[]) { "workspace", "create", "--province", "Yazd", "--force", ws,
                                          NULL }, verify_create);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_nonnull (g_getenv ("PK_CLI"));
  if (g_getenv ("PK_TEST_KILLS"))
    n_kills = (guint) g_ascii_strtoull (g_getenv ("PK_TEST_KILLS"), NULL, 10);
  pk_test_cli_make_sample ("pk-crash", &tmpdir, &pristine);
  {
    g_auto(Run) c = { 0 };

    RUN (&c, "case", "create", "--workspace", pristine, "--request", "RQ-1", "--license", "rural",
         "--applicant", "person");
    g_assert_cmpint (c.status, ==, 0);
    case_number = g_strndup (c.out, strcspn (c.out, " \n"));
  }

  g_test_add_func ("/crash/kill-import", test_kill_import);
  g_test_add_func ("/crash/kill-case-edit", test_kill_case_edit);
  g_test_add_func ("/crash/kill-zone-edit", test_kill_zone_edit);
  g_test_add_func ("/crash/kill-create", test_kill_create);
  rc = g_test_run ();

  pk_test_remove_dir (tmpdir);
  return rc;
}
