/* replay.c: runs a harness over files and folders of inputs, without libFuzzer
 *
 * What make test runs: every seed and every crash ever found must pass
 * through the harness without a crash or a sanitizer report.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <locale.h>
#include <stdio.h>

#include "pk-fuzz.h"

static int n_inputs;

/* g_ptr_array_sort passes pointers to the elements */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_path (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (d && (name = g_dir_read_name (d)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        replay_path (g_ptr_array_index (names, i));
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *data = NULL;
      gsize len;

      g_assert (g_file_get_contents (path, &data, &len, NULL));
      printf ("# %s\n", path);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      n_inputs++;
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  printf ("1..1\n");
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  printf ("ok 1 - %d inputs replayed\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
