/* pk-test-util.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "pk-test-util.h"

void
pk_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

void
pk_test_workspace_setup (PkTestWorkspace *f,
                         gconstpointer    data)
{
  f->dir = g_dir_make_tmp ("pk-test-XXXXXX", NULL);
  if (g_strcmp0 (g_getenv ("PK_TEST_BACKEND"), "server") == 0)
    f->path = pk_test_server_workspace ();
  else
    f->path = g_build_filename (f->dir, "test.pkws", NULL);
}

void
pk_test_workspace_teardown (PkTestWorkspace *f,
                            gconstpointer    data)
{
  pk_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
pg_cluster (const char *command,
            const char *dir)
{
  const char *script = g_getenv ("PK_PG_CLUSTER");
  g_autofree char *owner = g_strdup_printf ("%d", (int) getpid ());
  /* started for this process: stopped when it ends, even by an assertion */
  const char *argv[] = { script, command, dir, owner, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (script);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pg-cluster %s: %s", command, err);
  return g_strstrip (g_steal_pointer (&out));
}

char *
pk_test_pg_start (char **dir)
{
  /* a short path of its own: a Unix socket's path has a length limit */
  *dir = g_build_filename ("/tmp", "pk-pg-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (*dir));
  g_rmdir (*dir);
  return pg_cluster ("start", *dir);
}

/* Drops every connection at once, as a crash or a network cut would, and
 * starts the server again on the same data. */
void
pk_test_pg_restart (const char *dir)
{
  g_free (pg_cluster ("restart", dir));
}

void
pk_test_pg_stop (char *dir)
{
  g_free (pg_cluster ("stop", dir));
  g_free (dir);
}

/* One cluster for the whole test program, stopped when it exits */
static char *server_dir;
static char *server_uri;

/* At exit no process is started: a library's exit handler may have run
 * before this one (OpenSSL's, which libpq brings, leaves a fork handler that
 * then crashes the child). The server is told to stop at once (SIGQUIT to
 * the postmaster, what pg_ctl -m immediate sends); the watchdog pg-cluster
 * left removes its folder when this process is gone. */
static void
stop_server (void)
{
  g_autofree char *pid_file = g_build_filename (server_dir, "data", "postmaster.pid", NULL);
  g_autofree char *text = NULL;

  if (g_file_get_contents (pid_file, &text, NULL, NULL) && atoi (text) > 0)
    kill (atoi (text), SIGQUIT);
  g_clear_pointer (&server_dir, g_free);
  g_clear_pointer (&server_uri, g_free);
}

/**
 * pk_test_server_workspace:
 *
 * A new workspace's URI on the test program's own server (started at the
 * first call): with PK_TEST_BACKEND=server, the same tests run on both
 * backends.
 */
char *
pk_test_server_workspace (void)
{
  static guint n;

  if (server_uri == NULL)
    {
      server_uri = pk_test_pg_start (&server_dir);
      atexit (stop_server);
    }
  return g_strdup_printf ("%s&workspace=test_%u", server_uri, ++n);
}

/* The length of a list a store call returned, which it then frees. */
guint
pk_test_count (GPtrArray *array)
{
  guint n;

  g_assert_nonnull (array);
  n = array->len;
  g_ptr_array_unref (array);
  return n;
}
