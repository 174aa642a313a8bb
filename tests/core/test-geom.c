/* test-geom.c: WKB, point in polygon, geodesic distances, basemap tiles, MBTiles
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "pk-basemap.h"
#include "pk-mbtiles.h"
#include "pk-geography.h"
#include "pk-planar.h"

static void
put_u32 (GByteArray *b, guint32 v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (b, (guint8 *) &le, 4);
}

static void
put_ring (GByteArray *b, const double *xy, guint n)
{
  put_u32 (b, n);
  for (guint i = 0; i < 2 * n; i++)
    {
      guint64 v;
      memcpy (&v, &xy[i], 8);
      v = GUINT64_TO_LE (v);
      g_byte_array_append (b, (guint8 *) &v, 8);
    }
}

/* A polygon of one five-point shell and one five-point hole, read from
 * little-endian WKB. */
static PkGeometry *
polygon_with_hole (const double *shell,
                   const double *hole)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  PkGeometry *g;

  g_byte_array_append (b, (guint8 *) "\x01", 1);
  put_u32 (b, 3);
  put_u32 (b, 2);
  put_ring (b, shell, 5);
  put_ring (b, hole, 5);
  g = pk_geometry_new_from_wkb (b->data, b->len, &error);
  g_assert_no_error (error);
  return g;
}

/* A 10×10 square with a 2×2 hole in the middle. */
static PkGeometry *
square_with_hole (void)
{
  static const double shell[] = { 0, 0, 10, 0, 10, 10, 0, 10, 0, 0 };
  static const double hole[] = { 4, 4, 6, 4, 6, 6, 4, 6, 4, 4 };

  return polygon_with_hole (shell, hole);
}

static void
test_contains (void)
{
  g_autoptr(PkGeometry) g = square_with_hole ();
  static const struct { double x, y; gboolean in; } cases[] = {
    { 1, 1, TRUE }, { 9.9, 5, TRUE }, { 5, 5, FALSE }, { 4.5, 5.5, FALSE },
    { 11, 5, FALSE }, { -0.1, 5, FALSE }, { 3, 7, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (pk_geometry_contains (g, cases[i].x, cases[i].y), ==, cases[i].in);
  g_assert_cmpfloat_with_epsilon (pk_geometry_area_deg2 (g), 96, 1e-9);
}

static void
test_label_point_inside (void)
{
  g_autoptr(PkGeometry) g = square_with_hole ();
  double lon, lat;

  pk_geometry_label_point (g, &lon, &lat);
  g_assert_true (pk_geometry_contains (g, lon, lat));
}

static void
test_bad_wkb (void)
{
  g_autoptr(GError) error = NULL;
  static const guint8 junk[] = { 1, 3, 0, 0, 0, 255, 255, 255, 255 };
  g_autoptr(PkGeometry) g = pk_geometry_new_from_wkb (junk, sizeof junk, &error);

  g_assert_null (g);
  g_assert_error (error, PK_GEOM_ERROR, PK_GEOM_ERROR_INVALID);
}

/* Reference values: one degree of longitude on the equator is 111319.49 m on
 * WGS84; Birjand–Mashhad from GeographicLib's GeodSolve. */
static void
test_geodesic (void)
{
  g_assert_cmpfloat_with_epsilon (pk_geodesic_distance (0, 0, 0, 1), 111319.491, 0.01);
  g_assert_cmpfloat_with_epsilon (pk_geodesic_distance (0, 0, 1, 0), 110574.389, 0.01);
  g_assert_cmpfloat (pk_geodesic_distance (32.8634, 59.2177, 32.8634, 59.2177), ==, 0);
  /* symmetric */
  g_assert_cmpfloat_with_epsilon (pk_geodesic_distance (32.86, 59.21, 36.30, 59.60),
                                  pk_geodesic_distance (36.30, 59.60, 32.86, 59.21), 1e-6);
}

/* A ring near Birjand with a hole, taken into UTM zone 40 and back: the
 * points come back, and the planar area is the ellipsoid's within the zone's
 * scale error (under 0.1 % this close to the central meridian). */
static void
test_planar_round_trip (void)
{
  static const double shell[] = { 59.0, 32.8, 59.3, 32.8, 59.3, 33.0, 59.0, 33.0, 59.0, 32.8 };
  static const double hole[] = { 59.1, 32.9, 59.2, 32.9, 59.2, 32.95, 59.1, 32.95, 59.1, 32.9 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PkGeometry) g = polygon_with_hole (shell, hole);
  g_autoptr(PkGeometry) back = NULL;
  g_autoptr(PkPlanar) planar = pk_planar_new ();
  GEOSGeometry *projected;
  double geodesic_km2;

  g_assert_cmpint (pk_utm_zone_for_lon (59.1), ==, 40);
  g_assert_cmpint (pk_utm_zone_for_lon (-180), ==, 1);
  g_assert_cmpint (pk_utm_zone_for_lon (180), ==, 60);
  g_assert_true (pk_planar_set_utm_zone (planar, 40, &error));
  projected = pk_planar_from_geometry (planar, g);
  g_assert_nonnull (projected);
  geodesic_km2 = (pk_polygon_geodesic_area_m2 (&g->polygons[0])) / 1e6;
  g_assert_cmpfloat (fabs (pk_planar_area_km2 (planar, projected) - geodesic_km2) / geodesic_km2, <, 0.001);

  back = pk_planar_to_geometry (planar, projected);
  pk_planar_destroy (planar, projected);
  g_assert_false (pk_planar_failed (planar, &error));
  g_assert_nonnull (back);
  g_assert_cmpuint (back->n_polygons, ==, 1);
  g_assert_cmpuint (back->polygons[0].n_rings, ==, 2);
  for (guint r = 0; r < 2; r++)
    {
      const PkRing *ring = &back->polygons[0].rings[r];

      g_assert_cmpuint (ring->n_points, ==, 5);
      /* GEOS may start a ring elsewhere; every point must be one of ours */
      for (guint k = 0; k < ring->n_points; k++)
        {
          const double *want = r == 0 ? shell : hole;
          gboolean found = FALSE;

          for (guint j = 0; j < 5 && !found; j++)
            found = fabs (ring->xy[2 * k] - want[2 * j]) < 1e-9 && fabs (ring->xy[2 * k + 1] - want[2 * j + 1]) < 1e-9;
          g_assert_true (found);
        }
    }
  g_assert_true (pk_geometry_contains (back, 59.05, 32.85));
  g_assert_false (pk_geometry_contains (back, 59.15, 32.92));
}

/* A circle is one shape moved: 32 segments, the same area wherever it stands,
 * and centred on the office. */
static void
test_planar_circle (void)
{
  g_autoptr(PkPlanar) planar = pk_planar_new ();
  g_autoptr(GError) error = NULL;
  const double r = 3000, want = 16 * r * r * sin (G_PI / 16);   /* a regular 32-gon */
  GEOSContextHandle_t h = pk_planar_get_context (planar);

  g_assert_true (pk_planar_set_utm_zone (planar, 40, &error));
  for (int i = 0; i < 3; i++)
    {
      GEOSGeometry *c = pk_planar_circle (planar, 58.5 + i, 32 + i, r, 8);
      GEOSGeometry *centre = GEOSGetCentroid_r (h, c);
      double x, y, cx, cy;
      g_autoptr(PkGeometry) back = NULL;
      double lon, lat;

      g_assert_cmpfloat (fabs (pk_planar_area_km2 (planar, c) * 1e6 - want) / want, <, 1e-9);
      pk_planar_project (planar, 58.5 + i, 32 + i, &x, &y);
      GEOSGeomGetX_r (h, centre, &cx);
      GEOSGeomGetY_r (h, centre, &cy);
      g_assert_cmpfloat (fabs (cx - x) + fabs (cy - y), <, 1e-6);
      back = pk_planar_to_geometry (planar, c);
      pk_geometry_label_point (back, &lon, &lat);
      g_assert_cmpfloat (pk_geodesic_distance (lat, lon, 32 + i, 58.5 + i), <, r);
      pk_planar_destroy (planar, centre);
      pk_planar_destroy (planar, c);
    }
  g_assert_false (pk_planar_failed (planar, &error));
}

/* The vacant area's GeoJSON is a MultiPolygon that parses back to the rings. */
static void
test_geojson (void)
{
  g_autoptr(PkGeometry) g = square_with_hole ();
  g_autofree char *text = pk_geometry_to_geojson (g, 6);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  JsonArray *rings;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "MultiPolygon");
  rings = json_array_get_array_element (json_object_get_array_member (o, "coordinates"), 0);
  g_assert_cmpuint (json_array_get_length (rings), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (rings, 1)), ==, 5);
  g_assert_nonnull (strstr (text, "[10.000000,10.000000]"));
}

static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  GInputStream *in = closure;

  return g_input_stream_read_all (in, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
}

/* The built-in basemap draws the sample's outlines: the tile over Birjand
 * decodes as a PNG and is not one flat colour. */
static void
test_basemap_tile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pk-geom-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.pkws", NULL);
  g_autoptr(PkStore) store = pk_workspace_create_sample (path, FALSE, &error);
  g_autoptr(PkBasemap) basemap = pk_basemap_new (store, &error);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GInputStream) in = NULL;
  double px, py;
  cairo_surface_t *surface;
  guint32 first;
  guint n_other = 0;

  g_assert_no_error (error);
  pk_mercator_project (32.8634, 59.2177, 8, 256, &px, &py);
  png = pk_basemap_render_tile (basemap, (int) (px / 256), (int) (py / 256), 8, 256, &error);
  g_assert_no_error (error);
  in = g_memory_input_stream_new_from_bytes (png);
  surface = cairo_image_surface_create_from_png_stream (read_bytes, in);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);
  {
    guint8 *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);

    first = *(guint32 *) data;
    for (int y = 0; y < 256; y++)
      for (int x = 0; x < 256; x++)
        n_other += (*(guint32 *) (data + y * stride + 4 * x) & 0xffffff) != (first & 0xffffff);
  }
  g_assert_cmpuint (n_other, >, 256);
  cairo_surface_destroy (surface);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

/* MBTiles rows are TMS (row 0 at the south): XYZ tile (x 1, y 0, zoom 1) is row 1. */
static void
test_mbtiles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pk-mbtiles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.mbtiles", NULL);
  g_autofree char *vector = g_build_filename (dir, "v.mbtiles", NULL);
  g_autoptr(PkMbtiles) mb = NULL;
  g_autoptr(GBytes) tile = NULL;
  g_autoptr(GBytes) missing = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE metadata (name TEXT, value TEXT);"
    "INSERT INTO metadata VALUES ('name', 'Test'), ('format', 'png'), ('minzoom', '0'),"
    " ('maxzoom', '3'), ('attribution', '© test');"
    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
    "INSERT INTO tiles VALUES (1, 1, 1, x'89504E47'), (1, 1, 0, x'00');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  mb = pk_mbtiles_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pk_mbtiles_get_name (mb), ==, "Test");
  g_assert_cmpint (pk_mbtiles_get_max_zoom (mb), ==, 3);
  tile = pk_mbtiles_get_tile (mb, 1, 0, 1, &error);      /* XYZ y=0 → TMS row 1 */
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (tile), ==, 4);
  missing = pk_mbtiles_get_tile (mb, 0, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_cmpint (sqlite3_open (vector, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                "INSERT INTO metadata VALUES ('format', 'pbf');"
                "CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data);",
                NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_null (pk_mbtiles_open (vector, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  g_clear_pointer (&mb, pk_mbtiles_close);
  g_unlink (path);
  g_unlink (vector);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/geom/contains", test_contains);
  g_test_add_func ("/geom/label-point-inside", test_label_point_inside);
  g_test_add_func ("/geom/bad-wkb", test_bad_wkb);
  g_test_add_func ("/geom/geodesic", test_geodesic);
  g_test_add_func ("/geom/geojson", test_geojson);
  g_test_add_func ("/planar/round-trip", test_planar_round_trip);
  g_test_add_func ("/planar/circle", test_planar_circle);
  g_test_add_func ("/basemap/tile", test_basemap_tile);
  g_test_add_func ("/basemap/mbtiles", test_mbtiles);
  return g_test_run ();
}
