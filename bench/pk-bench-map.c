/* pk-bench-map.c: frame time of the office layer at 25,000 offices
 *
 * Run under Xvfb (make bench does). A 1920×1080 window with the map, 25,000
 * synthetic offices (fixed seed) over Iran; the window is photographed
 * repeatedly at country and at province zoom — each photograph is a full
 * snapshot and render of the map, as a frame is. Compared in the same run
 * with libshumate's own widget-per-point ShumateMarkerLayer (5,000 markers:
 * more makes that baseline too slow to be worth waiting for).
 * Target: p95 under 16 ms.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <shumate/shumate.h>
#include <stdio.h>
#include <time.h>

#include "pk-application.h"
#include "pk-geography.h"
#include "pk-map-view.h"

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
pump (int n)
{
  for (int i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* One frame: snapshot @widget and render it with its window's renderer. */
static double
frame (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double t = now_ms ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                           node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  return now_ms () - t;
}

static void
measure (const char *label,
         GtkWidget  *widget,
         int         n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < n; i++)
    {
      double t = frame (widget);
      g_array_append_val (times, t);
    }
  g_array_sort (times, compare_double);
  printf ("%-52s %8.1f %8.1f %8s\n", label, g_array_index (times, double, n / 2),
          g_array_index (times, double, (int) (n * 0.95)), "< 16");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pk-bench-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "national.pkws", NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (25000);
  GtkWidget *window, *map_view;
  ShumateSimpleMap *plain;

  gtk_init ();
  /* Tehran's workspace carries every province outline; the offices spread over Iran */
  if ((store = pk_workspace_create_province (path, "Tehran", TRUE, &error)) == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(GPtrArray) provinces = pk_geography_list_provinces (&error);

    pk_store_begin (store, &error);
    for (int i = 0; i < 25000; i++)
      {
        g_autoptr(PkOffice) o = pk_office_new ();
        PkPlace *p = g_ptr_array_index (provinces, g_rand_int_range (rand, 0, provinces->len));

        o->code = g_strdup_printf ("B-%05d", i);
        o->name = g_strdup ("office");
        o->license = g_rand_boolean (rand) ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
        o->status = PK_STATUS_ACTIVE;
        o->lat = p->lat + g_rand_double_range (rand, -1.2, 1.2);
        o->lon = p->lon + g_rand_double_range (rand, -1.5, 1.5);
        if (pk_store_add_office (store, o, &error) == 0)
          g_error ("%s", error->message);
      }
    pk_store_commit (store, &error);
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  map_view = pk_map_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), map_view);
  gtk_window_present (GTK_WINDOW (window));
  if (!pk_map_view_set_workspace (PK_MAP_VIEW (map_view), store, &error) ||
      !pk_map_view_set_basemap (PK_MAP_VIEW (map_view), PK_BASEMAP_BUILTIN, NULL, &error))
    g_error ("%s", error->message);
  pump (200);

  printf ("\nMap frame time — 25,000 offices, 1920×1080 (ms)\n");
  printf ("%-52s %8s %8s %8s\n", "view", "p50", "p95", "target");
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 32.5, 54.0, 5.2);      /* all of Iran */
  pump (400);
  g_usleep (500000);
  pump (400);
  measure ("office layer, country zoom (clustered)", map_view, 40);
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 35.6, 51.4, 8.0);      /* one province */
  pump (400);
  g_usleep (500000);
  pump (400);
  measure ("office layer, province zoom", map_view, 40);
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 35.6, 51.4, 9.0);
  pump (400);
  g_usleep (500000);
  pump (400);
  measure ("office layer, zoom 9 (every office its own symbol)", map_view, 40);

  /* the baseline: one ShumateMarker widget per office */
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  plain = shumate_simple_map_new ();
  {
    /* a source that reads nothing from the network: tiles simply fail */
    g_autoptr(ShumateRasterRenderer) none =
      shumate_raster_renderer_new_from_url ("file:///nonexistent/{z}/{x}/{y}.png");
    shumate_simple_map_set_map_source (plain, SHUMATE_MAP_SOURCE (none));
  }
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (plain));
  {
    ShumateViewport *vp = shumate_simple_map_get_viewport (plain);
    ShumateMarkerLayer *markers = shumate_marker_layer_new (vp);
    g_autoptr(GRand) r2 = g_rand_new_with_seed (1);

    for (int i = 0; i < 5000; i++)
      {
        ShumateMarker *m = shumate_marker_new ();
        GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");

        shumate_marker_set_child (m, dot);
        shumate_location_set_location (SHUMATE_LOCATION (m), 35.6 + g_rand_double_range (r2, -1, 1),
                                       51.4 + g_rand_double_range (r2, -1.3, 1.3));
        shumate_marker_layer_add_marker (markers, m);
      }
    shumate_simple_map_add_overlay_layer (plain, SHUMATE_LAYER (markers));
    shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (plain), 35.6, 51.4, 8.0, 0);
  }
  pump (400);
  measure ("baseline: ShumateMarkerLayer, 5,000 widgets", GTK_WIDGET (plain), 20);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
