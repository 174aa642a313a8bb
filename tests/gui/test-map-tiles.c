/* test-map-tiles.c: the office layer's tiles meet without seams
 *
 * Zoomed in, the offices are drawn into tiles of the world once per zoom;
 * zoomed out, into counted clusters of world cells. An office or a cluster
 * that straddles the corner of four tiles must be whole on screen: each of
 * its quarters comes from a different tile. Offices are placed exactly on
 * tile corners (computed from the viewport, as the layer does), the layer is
 * rendered by the window's own renderer under Xvfb, and the pixels around each
 * one are read back — at two views, so that panning is covered too.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <shumate/shumate.h>

#include "pk-geography.h"
#include "pk-map-view.h"
#include "pk-test-util.h"

#define TILE 256             /* the layer's tile, logical px */
#define CELL 44              /* the layer's cluster cell, logical px */

static GtkWidget *window;
static PkMapView *map;
static PkStore *store;

static void
pump (int n)
{
  for (int i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The world's width in px at the current zoom, measured as the layer does. */
static double
world_width (void)
{
  GtkWidget *layer = pk_map_view_get_feature_layer (map);
  ShumateViewport *vp = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  double x1, y1, x2, y2;

  shumate_viewport_location_to_widget_coords (vp, layer, 0, 0, &x1, &y1);
  shumate_viewport_location_to_widget_coords (vp, layer, 0, 90, &x2, &y2);
  return (x2 - x1) / 0.25;
}

/* The place at world pixel (@wx, @wy) for a world @world px wide. */
static void
world_to_location (double  world,
                   double  wx,
                   double  wy,
                   double *lat,
                   double *lon)
{
  *lon = wx / world * 360 - 180;
  *lat = atan (sinh (G_PI * (1 - 2 * wy / world))) * 180 / G_PI;
}

static void
add_office (double lat, double lon, PkLicense license, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) o = pk_office_new ();

  o->code = g_strdup (code);
  o->name = g_strdup ("seam");
  o->license = license;
  o->status = PK_STATUS_ACTIVE;
  o->lat = lat;
  o->lon = lon;
  g_assert_cmpint (pk_store_add_office (store, o, &error), >, 0);
  g_assert_no_error (error);
}

/* The layer alone (no basemap), as a frame draws it; B, G, R, A premultiplied. */
static guint8 *
render_layer (int *width,
              int *height)
{
  GtkWidget *layer = pk_map_view_get_feature_layer (map);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *data;

  *width = gtk_widget_get_width (layer);
  *height = gtk_widget_get_height (layer);
  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (layer)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  data = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, data, *width * 4);
  return data;
}

/* Every probe around (@lat, @lon) on screen is @license's colour: blue for an
 * urban office, green for a rural one, opaque enough to be the symbol. */
static void
assert_whole (const char *what,
              double      lat,
              double      lon,
              PkLicense   license,
              int         reach)
{
  GtkWidget *layer = pk_map_view_get_feature_layer (map);
  ShumateViewport *vp = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  static const int probes[][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 },
                                   { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 } };
  g_autofree guint8 *data = NULL;
  double cx, cy;
  int w, h;

  /* the first frame at a new zoom draws each office; the next, from tiles */
  g_free (render_layer (&w, &h));
  data = render_layer (&w, &h);
  shumate_viewport_location_to_widget_coords (vp, layer, lat, lon, &cx, &cy);
  g_assert_cmpfloat (cx, >, 40);
  g_assert_cmpfloat (cy, >, 40);
  g_assert_cmpfloat (cx, <, w - 40);
  g_assert_cmpfloat (cy, <, h - 40);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      int x = (int) round (cx) + probes[i][0] * reach, y = (int) round (cy) + probes[i][1] * reach;
      const guint8 *p = data + ((gsize) y * w + x) * 4;
      gboolean ok = license == PK_LICENSE_URBAN ? p[0] > p[2] + 80 && p[0] > p[1] + 40
                                                : p[1] > p[2] + 60 && p[1] > p[0] + 60;

      if (!ok)
        g_error ("%s: the pixel at (%+d, %+d) from (%.1f, %.1f) is B%u G%u R%u A%u, not the "
                 "%s symbol: a quarter is missing where tiles meet", what, probes[i][0] * reach,
                 probes[i][1] * reach, cx, cy, p[0], p[1], p[2], p[3],
                 license == PK_LICENSE_URBAN ? "urban" : "rural");
    }
}

/* A tile index near @value px whose seam sits inside a cluster cell with room
 * either side (so offices 6 px around it share the cell). */
static gint64
seam_inside_cell (double value)
{
  for (gint64 k = (gint64) (value / TILE); ; k++)
    if ((k * TILE) % CELL >= 8 && (k * TILE) % CELL <= CELL - 8)
      return k;
}

static void
test_seams (void)
{
  double lat9, lon9, lat9r, lon9r, lat7, lon7, lat7c, lon7c, w9, w7;
  gint64 k, j;

  /* zoom 9: an urban office on a tile corner, a rural one on a vertical seam */
  pk_map_view_go_to (map, 32.0, 62.5, 9.0);
  pump (50);
  w9 = world_width ();
  k = (gint64) round ((62.5 + 180) / 360 * w9 / TILE);
  j = (gint64) round ((0.5 - log (tan (G_PI / 4 + 32.0 * G_PI / 360)) / (2 * G_PI)) * w9 / TILE);
  world_to_location (w9, k * TILE, j * TILE, &lat9, &lon9);
  world_to_location (w9, (k + 1) * TILE, j * TILE + 100, &lat9r, &lon9r);

  /* zoom 7 (clustered): a lone office on a tile corner, and four offices
   * around another corner, in one cell, that make one cluster centred on it */
  w7 = w9 / 4;
  k = (gint64) round ((61.0 + 180) / 360 * w7 / TILE);
  j = (gint64) round ((0.5 - log (tan (G_PI / 4 + 31.0 * G_PI / 360)) / (2 * G_PI)) * w7 / TILE);
  world_to_location (w7, k * TILE, j * TILE, &lat7, &lon7);
  k = seam_inside_cell ((61.8 + 180) / 360 * w7);
  j = seam_inside_cell ((0.5 - log (tan (G_PI / 4 + 31.0 * G_PI / 360)) / (2 * G_PI)) * w7);
  world_to_location (w7, k * TILE, j * TILE, &lat7c, &lon7c);

  g_assert_true (pk_store_begin (store, NULL));
  add_office (lat9, lon9, PK_LICENSE_URBAN, "S-1");
  add_office (lat9r, lon9r, PK_LICENSE_RURAL, "S-2");
  add_office (lat7, lon7, PK_LICENSE_URBAN, "S-3");
  for (int i = 0; i < 4; i++)
    {
      double lat, lon;
      g_autofree char *code = g_strdup_printf ("S-C%d", i);

      world_to_location (w7, k * TILE + (i % 2 ? 6 : -6), j * TILE + (i / 2 ? 6 : -6), &lat, &lon);
      add_office (lat, lon, PK_LICENSE_URBAN, code);
    }
  g_assert_true (pk_store_commit (store, NULL));
  g_assert_true (pk_map_view_set_workspace (map, store, NULL));

  pk_map_view_go_to (map, 32.0, 62.5, 9.0);
  pump (50);
  assert_whole ("zoom 9, a tile corner", lat9, lon9, PK_LICENSE_URBAN, 3);
  assert_whole ("zoom 9, a vertical seam", lat9r, lon9r, PK_LICENSE_RURAL, 2);   /* a diamond */
  /* panned by a few hundred px: other tiles, the same picture */
  pk_map_view_go_to (map, 31.9, 62.2, 9.0);
  pump (50);
  assert_whole ("zoom 9 panned, a tile corner", lat9, lon9, PK_LICENSE_URBAN, 3);

  pk_map_view_go_to (map, 31.2, 61.4, 7.0);
  pump (50);
  assert_whole ("zoom 7, a lone office on a tile corner", lat7, lon7, PK_LICENSE_URBAN, 3);
  assert_whole ("zoom 7, a cluster on a tile corner", lat7c, lon7c, PK_LICENSE_URBAN, 8);
  pk_map_view_go_to (map, 31.0, 61.6, 7.0);
  pump (50);
  assert_whole ("zoom 7 panned, a cluster on a tile corner", lat7c, lon7c, PK_LICENSE_URBAN, 8);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pk-tiles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tiles.pkws", NULL);
  int rc;

  gtk_init ();
  g_test_init (&argc, &argv, NULL);
  store = pk_workspace_create_province (path, "South Khorasan", TRUE, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  map = PK_MAP_VIEW (pk_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pk_map_view_set_workspace (map, store, &error));
  g_assert_true (pk_map_view_set_basemap (map, PK_BASEMAP_BUILTIN, NULL, &error));
  g_assert_no_error (error);
  pump (200);

  g_test_add_func ("/map/office-tiles/seams", test_seams);
  rc = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  pk_test_remove_dir (dir);
  return rc;
}
