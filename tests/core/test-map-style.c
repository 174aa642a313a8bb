/* test-map-style.c: one look for offices and areas, on screen and in print
 *
 * The window's map and the printed applicant map draw offices through
 * pk-map-style.c. Each symbol is drawn into a real image surface and its
 * pixels read back: the licence types differ (LT-1), a planned office is
 * hollow, a suspended one grey, the selected one ringed — and the printed
 * map's office pass (pk_map_render_offices) shows a planned office hollow
 * too (it used to print it grey, unlike the window).
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pk-basemap.h"
#include "pk-map-style.h"
#include "pk-report.h"

#define SIDE 64

typedef struct { guint8 r, g, b, a; } Px;

static Px
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s);
  guint32 v = ((const guint32 *) row)[x];
  Px p = { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, v >> 24 };

  return p;
}

static gboolean
is_rgb (Px p, int r, int g, int b)
{
  return p.a > 240 && ABS (p.r - r) < 12 && ABS (p.g - g) < 12 && ABS (p.b - b) < 12;
}

static cairo_surface_t *
draw (PkLicense license,
      PkStatus  status,
      gboolean  selected)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIDE, SIDE);
  cairo_t *cr = cairo_create (s);

  pk_map_style_draw_office (cr, SIDE / 2.0, SIDE / 2.0, 8, license, status, selected);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
test_symbols (void)
{
  cairo_surface_t *urban = draw (PK_LICENSE_URBAN, PK_STATUS_ACTIVE, FALSE);
  cairo_surface_t *rural = draw (PK_LICENSE_RURAL, PK_STATUS_ACTIVE, FALSE);
  cairo_surface_t *planned = draw (PK_LICENSE_URBAN, PK_STATUS_PLANNED, FALSE);
  cairo_surface_t *suspended = draw (PK_LICENSE_RURAL, PK_STATUS_SUSPENDED, FALSE);
  cairo_surface_t *selected = draw (PK_LICENSE_URBAN, PK_STATUS_ACTIVE, TRUE);
  int c = SIDE / 2;

  g_assert_true (is_rgb (pixel (urban, c, c), 28, 99, 217));          /* blue disc */
  g_assert_true (is_rgb (pixel (rural, c, c), 38, 153, 64));          /* green diamond */
  /* the two shapes differ off the axes: a disc reaches out diagonally, a diamond does not */
  g_assert_cmpint (pixel (urban, c + 5, c + 5).a, >, 200);
  g_assert_cmpint (pixel (rural, c + 6, c + 6).a, <, 60);
  g_assert_true (is_rgb (pixel (planned, c, c), 255, 255, 255));      /* hollow */
  g_assert_true (is_rgb (pixel (planned, c + 7, c), 28, 99, 217));    /* its blue ring */
  g_assert_true (is_rgb (pixel (suspended, c, c), 140, 140, 140));    /* grey */
  g_assert_cmpint (pixel (urban, c + 16, c).a, ==, 0);
  g_assert_true (is_rgb (pixel (selected, c + 16, c), 230, 97, 0));   /* the orange ring */

  cairo_surface_destroy (urban);
  cairo_surface_destroy (rural);
  cairo_surface_destroy (planned);
  cairo_surface_destroy (suspended);
  cairo_surface_destroy (selected);
}

/* The printed map's office pass, at a zoom where a degree is many pixels. */
static void
test_printed_offices (void)
{
  g_autoptr(GPtrArray) offices = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_office_free);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (s);
  PkStatus statuses[] = { PK_STATUS_ACTIVE, PK_STATUS_PLANNED, PK_STATUS_SUSPENDED };
  double x0, y0, xs[3], ys[3];

  pk_mercator_project (32.9, 59.1, 10, 256, &x0, &y0);
  for (int i = 0; i < 3; i++)
    {
      PkOffice *o = pk_office_new ();

      o->lat = 32.9;
      o->lon = 59.1 + 0.1 * i;
      o->license = PK_LICENSE_URBAN;
      o->status = statuses[i];
      g_ptr_array_add (offices, o);
      pk_mercator_project (o->lat, o->lon, 10, 256, &xs[i], &ys[i]);
    }
  pk_map_render_offices (cr, offices, 10, x0 - 20, y0 - 50, 200, 100);
  cairo_destroy (cr);
  cairo_surface_flush (s);

  g_assert_true (is_rgb (pixel (s, (int) round (xs[0] - x0 + 20), 50), 28, 99, 217));
  g_assert_true (is_rgb (pixel (s, (int) round (xs[1] - x0 + 20), 50), 255, 255, 255));
  g_assert_true (is_rgb (pixel (s, (int) round (xs[2] - x0 + 20), 50), 140, 140, 140));
  cairo_surface_destroy (s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map-style/symbols", test_symbols);
  g_test_add_func ("/map-style/printed-offices", test_printed_offices);
  return g_test_run ();
}
