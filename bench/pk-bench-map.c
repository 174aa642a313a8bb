/* pk-bench-map.c: frame time of the office layer at 25,000 offices
 *
 * Run under Xvfb (make bench does). A 1920×1080 window with the map, 25,000
 * synthetic offices (fixed seed) over Iran; the window is photographed
 * repeatedly while panning at country, province and city zoom — each
 * photograph is a full snapshot and render of the layer, as a frame is. The
 * layer draws offices into tiles once per zoom, so panning frames reuse them;
 * the frames of a zoom animation, each at a new zoom, draw them anew and are
 * measured on their own. Compared in the same run against the
 * straightforward layer: every office a cairo path, filled and stroked, no
 * clusters (NaiveLayer below). Target: p95 under 8 ms. The figures go to
 * bench/results.json under "map_frame_ms".
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
#include "pk-bench-national.h"
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

/* The baseline: the same offices, one cairo path each, nothing cached. */
typedef struct { ShumateLayer parent; GPtrArray *offices; } NaiveLayer;
typedef struct { ShumateLayerClass parent_class; } NaiveLayerClass;
G_DEFINE_TYPE (NaiveLayer, naive_layer, SHUMATE_TYPE_LAYER)

static void
naive_layer_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  NaiveLayer *self = (NaiveLayer *) widget;
  ShumateViewport *vp = shumate_layer_get_viewport (SHUMATE_LAYER (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double x, y;

      shumate_viewport_location_to_widget_coords (vp, widget, o->lat, o->lon, &x, &y);
      if (x < -10 || y < -10 || x > w + 10 || y > h + 10)
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.11, 0.39, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void naive_layer_class_init (NaiveLayerClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = naive_layer_snapshot;
}

static void naive_layer_init (NaiveLayer *self) { }

/* One frame of @layer: its snapshot (where the drawing happens) and the
 * rasterisation of that snapshot by the window's renderer. */
static void
frame (GtkWidget *layer,
       double    *draw_ms,
       double    *raster_ms)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (layer), h = gtk_widget_get_height (layer);
  double t = now_ms ();

  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  *draw_ms = now_ms () - t;
  t = now_ms ();
  if (node != NULL)
    texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (layer)),
                                           node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  *raster_ms = now_ms () - t;
}

/* Frames while panning: each moves the view a little first (@zoom_step 0), or
 * a zoom animation: each frame at a new zoom. */
static void
measure (const char *label,
         const char *key,
         JsonObject *out,
         PkMapView  *map,
         GtkWidget  *layer,
         int         n,
         double      lat,
         double      lon,
         double      zoom,
         double      zoom_step)
{
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  JsonObject *figure = json_object_new ();

  for (int i = 0; i < n; i++)
    {
      double d, r, total;

      pk_map_view_go_to (map, lat + (i % 2) * 0.002, lon, zoom + i * zoom_step);
      frame (layer, &d, &r);
      total = d + r;
      g_array_append_val (draws, d);
      g_array_append_val (frames, total);
    }
  g_array_sort (draws, compare_double);
  g_array_sort (frames, compare_double);
  printf ("%-46s %8.2f %8.2f %8.1f %8.1f %8s\n", label, g_array_index (draws, double, n / 2),
          g_array_index (draws, double, (int) (n * 0.95)), g_array_index (frames, double, n / 2),
          g_array_index (frames, double, (int) (n * 0.95)), "< 8");
  json_object_set_double_member (figure, "draw_p50", g_array_index (draws, double, n / 2));
  json_object_set_double_member (figure, "draw_p95", g_array_index (draws, double, (int) (n * 0.95)));
  json_object_set_double_member (figure, "frame_p50", g_array_index (frames, double, n / 2));
  json_object_set_double_member (figure, "frame_p95", g_array_index (frames, double, (int) (n * 0.95)));
  json_object_set_object_member (out, key, figure);
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
  g_autoptr(JsonObject) out = json_object_new ();
  const char *results = argc > 1 ? argv[1] : NULL;

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
  printf ("%-46s %8s %8s %8s %8s %8s\n", "office layer", "draw p50", "draw p95", "frame50",
          "frame95", "target");
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 32.5, 54.0, 5.2);      /* all of Iran */
  pump (400);
  g_usleep (500000);
  pump (400);
  measure ("country zoom (clustered)", "country", out, PK_MAP_VIEW (map_view), pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view)), 40, 32.5, 54.0, 5.2, 0);
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 35.6, 51.4, 8.0);      /* one province */
  pump (400);
  g_usleep (500000);
  pump (400);
  measure ("province zoom (clustered)", "province", out, PK_MAP_VIEW (map_view), pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view)), 40, 35.6, 51.4, 8.0, 0);
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 35.6, 51.4, 9.0);
  pump (400);
  g_usleep (500000);
  pump (400);
  measure ("zoom 9 (every office its own symbol)", "zoom9", out, PK_MAP_VIEW (map_view), pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view)), 40, 35.6, 51.4, 9.0, 0);
  pk_map_view_go_to (PK_MAP_VIEW (map_view), 35.6, 51.4, 6.5);
  measure ("zoom 6.5", "zoom6_5", out, PK_MAP_VIEW (map_view), pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view)), 40, 35.6, 51.4, 6.5, 0);
  /* a zoom animation: no frame can reuse the tiles of the one before */
  measure ("zooming in 7.0 → 8.2 (each frame a new zoom)", "zooming_clustered", out, PK_MAP_VIEW (map_view), pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view)), 40, 35.6, 51.4, 7.0, 0.03);
  measure ("zooming in 8.6 → 9.8 (each frame a new zoom)", "zooming_each_office", out, PK_MAP_VIEW (map_view), pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view)), 40, 35.6, 51.4, 8.6, 0.03);

  /* the baseline, in the same map and window */
  {
    GtkWidget *layer = pk_map_view_get_feature_layer (PK_MAP_VIEW (map_view));
    NaiveLayer *naive = g_object_new (naive_layer_get_type (), "viewport",
                                      shumate_layer_get_viewport (SHUMATE_LAYER (layer)), NULL);

    naive->offices = pk_map_view_get_offices (PK_MAP_VIEW (map_view));
    gtk_widget_set_parent (GTK_WIDGET (naive), gtk_widget_get_parent (layer));
    pump (50);
    measure ("baseline: a path per office, country zoom", "baseline_country", out, PK_MAP_VIEW (map_view), GTK_WIDGET (naive), 20, 32.5, 54.0, 5.2, 0);
    measure ("baseline: a path per office, province zoom", "baseline_province", out, PK_MAP_VIEW (map_view), GTK_WIDGET (naive), 20, 35.6, 51.4, 8.0, 0);
    measure ("baseline: a path per office, zoom 9", "baseline_zoom9", out, PK_MAP_VIEW (map_view), GTK_WIDGET (naive), 20, 35.6, 51.4, 9.0, 0);
    gtk_widget_unparent (GTK_WIDGET (naive));
  }

  if (results != NULL)
    pk_bench_merge_results (results, "map_frame_ms", out);
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
