/* pk-bench-start.c: from process start to the first frame with the map drawn
 *
 * Run under Xvfb (make bench does). Each run spawns the application on a
 * workspace with PK_REPORT_MAP_FRAME=1: the application reads, from its
 * window's frame clock, the first frame painted with the workspace shown and
 * every basemap tile it asked for, and prints that frame's CLOCK_MONOTONIC
 * time; the difference from the moment of the spawn is the start-up time.
 * The baseline, in the same run and the same way: this program as a bare
 * GTK 4 window (a label, no workspace, no map) — what any GTK application
 * pays before it draws anything of its own.
 *
 * "Cold" means a new process each time; the disk cache stays warm (dropping
 * it needs root and disturbs the whole machine). Five runs each, the median
 * and the worst printed. Targets: sample < 1 s, national < 2 s.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "pk-bench-national.h"
#include "pk-geography.h"
#include "pk-import.h"
#include "pk-test-util.h"

#define N_RUNS 5
#define N_OFFICES 25000

/* --bare-window: the baseline's own process */
static void
on_bare_paint (GdkFrameClock *clock,
               gpointer       data)
{
  g_print ("map-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  exit (0);
}

static int
bare_window (void)
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Pishkhan"));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_bare_paint), NULL);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* One start: spawn, read "map-frame-us N", return N − spawn time in ms. */
static double
one_start (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *line;
  gint64 t0, frame;
  int status;

  env = g_environ_setenv (env, "PK_REPORT_MAP_FRAME", "1", TRUE);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s", error->message);
  if ((line = strstr (out, "map-frame-us ")) == NULL)
    g_error ("%s drew no map frame (status %d)", argv[0], status);
  frame = g_ascii_strtoll (line + strlen ("map-frame-us "), NULL, 10);
  return (frame - t0) / 1000.0;
}

static void
measure (const char         *label,
         const char * const *argv,
         const char         *target,
         JsonObject         *out,
         const char         *key)
{
  double ms[N_RUNS];
  JsonObject *figure = json_object_new ();

  for (int i = 0; i < N_RUNS; i++)
    ms[i] = one_start (argv);
  qsort (ms, N_RUNS, sizeof (double), compare_double);
  printf ("%-52s %10.0f %10.0f %10s\n", label, ms[N_RUNS / 2], ms[N_RUNS - 1], target);
  json_object_set_double_member (figure, "median", ms[N_RUNS / 2]);
  json_object_set_double_member (figure, "worst", ms[N_RUNS - 1]);
  json_object_set_object_member (out, key, figure);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sample = NULL, *national = NULL, *csv = NULL;
  g_autoptr(GArray) cities = g_array_new (FALSE, FALSE, sizeof (PkBenchCity));
  g_autoptr(GRand) rand = g_rand_new_with_seed (25000);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkImportReport) report = NULL;
  g_autofree char *self = NULL;

  if (argc > 1 && g_str_equal (argv[1], "--bare-window"))
    return bare_window ();
  if (argc < 2)
    {
      g_printerr ("usage: %s PISHKHAN [RESULTS.json]\n", argv[0]);
      return 2;
    }
  self = g_canonicalize_filename (argv[0], NULL);
  dir = g_dir_make_tmp ("pk-bench-start-XXXXXX", NULL);
  sample = g_build_filename (dir, "sample.pkws", NULL);
  national = g_build_filename (dir, "national.pkws", NULL);
  csv = g_build_filename (dir, "offices.csv", NULL);

  g_clear_object (&store);
  if ((store = pk_workspace_create_sample (sample, TRUE, &error)) == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);
  if ((store = pk_bench_build_national (national, cities, &error)) == NULL)
    g_error ("%s", error->message);
  {
    g_autofree char *text = pk_bench_offices_csv (rand, cities, N_OFFICES);

    g_file_set_contents (csv, text, -1, NULL);
  }
  if ((report = pk_import_offices (store, csv, PK_IMPORT_SKIP_INVALID, &error)) == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);

  printf ("\nStart-up — process start to the first frame with the map drawn (ms)\n");
  printf ("%-52s %10s %10s %10s\n", "", "median", "worst", "target");
  {
    const char *bare[] = { self, "--bare-window", NULL };
    const char *on_sample[] = { argv[1], sample, NULL };
    const char *on_national[] = { argv[1], national, NULL };

    g_autoptr(JsonObject) startup = json_object_new ();

    measure ("baseline: a bare GTK 4 window, its first frame", bare, "", startup, "bare_gtk_window");
    measure ("sample workspace (South Khorasan)", on_sample, "< 1000", startup, "sample");
    measure ("national workspace (25,000 offices)", on_national, "< 2000", startup, "national");
    if (argc > 2)
      pk_bench_merge_results (argv[2], "startup_ms", startup);
  }
  pk_test_remove_dir (dir);
  return 0;
}
