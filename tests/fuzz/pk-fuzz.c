/* pk-fuzz.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "pk-fuzz.h"
#include "pk-geography.h"
#include "pk-test-util.h"

static char *dir;

static void
remove_dir (void)
{
  pk_test_remove_dir (dir);
}

static const char *
fuzz_dir (void)
{
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("pk-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      atexit (remove_dir);
    }
  return dir;
}

const char *
pk_fuzz_write_file (const uint8_t *data,
                    size_t         size,
                    const char    *suffix)
{
  static char *path;
  FILE *f;

  g_free (path);
  path = g_strdup_printf ("%s/input%s", fuzz_dir (), suffix);
  f = fopen (path, "wb");
  g_assert (f != NULL);
  if (size > 0)
    g_assert (fwrite (data, 1, size, f) == size);
  fclose (f);
  return path;
}

PkStore *
pk_fuzz_sample_store (void)
{
  static PkStore *store;

  if (store == NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir (), "sample.pkws", NULL);
      g_autoptr(GError) error = NULL;

      store = pk_workspace_create_sample (path, TRUE, &error);
      g_assert_no_error (error);
    }
  return store;
}
