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
