/* pk-test-util.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

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
  const char *argv[] = { script, command, dir, NULL };
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

void
pk_test_pg_stop (char *dir)
{
  g_free (pg_cluster ("stop", dir));
  g_free (dir);
}
