/* pk-basemap.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-basemap"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "pk-basemap.h"

typedef enum
{
  LAYER_OTHER_PROVINCE,
  LAYER_HOME_PROVINCE,
  LAYER_COUNTY,
} Layer;

typedef struct
{
  Layer       layer;
  guint       colour;          /* palette index for counties */
  PkGeometry *geom;
} Shape;

struct _PkBasemap
{
  gint    ref_count;
  GArray *shapes;              /* Shape, drawn in order */
};

G_DEFINE_BOXED_TYPE (PkBasemap, pk_basemap, pk_basemap_ref, pk_basemap_unref)

static void
shape_clear (Shape *s)
{
  g_clear_pointer (&s->geom, pk_geometry_unref);
}

static void
add_shapes (PkBasemap *self,
            GPtrArray *places,
            Layer      layer,
            gint64     home_id)
{
  for (guint i = 0; i < places->len; i++)
    {
      PkPlace *p = g_ptr_array_index (places, i);
      Shape s = { layer, i, NULL };

      if (p->geometry == NULL)
        continue;
      if (layer != LAYER_COUNTY)
        s.layer = p->id == home_id ? LAYER_HOME_PROVINCE : LAYER_OTHER_PROVINCE;
      s.geom = pk_geometry_ref (p->geometry);
      g_array_append_val (self->shapes, s);
    }
}

static int
compare_layer (gconstpointer a,
               gconstpointer b)
{
  return (int) ((const Shape *) a)->layer - (int) ((const Shape *) b)->layer;
}

/**
 * pk_basemap_new:
 *
 * Reads every outline once; rendering never touches the store again, so
 * tiles can be drawn from worker threads.
 */
PkBasemap *
pk_basemap_new (PkStore  *store,
                GError  **error)
{
  g_autoptr(GPtrArray) provinces = pk_store_list_provinces (store, error);
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(PkPlace) home = NULL;
  PkBasemap *self;

  if (provinces == NULL || (counties = pk_store_list_counties (store, error)) == NULL)
    return NULL;
  home = pk_store_get_province (store, NULL);

  self = g_new0 (PkBasemap, 1);
  self->ref_count = 1;
  self->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (self->shapes, (GDestroyNotify) shape_clear);
  add_shapes (self, provinces, LAYER_OTHER_PROVINCE, home ? home->id : -1);
  add_shapes (self, counties, LAYER_COUNTY, 0);
  g_array_sort (self->shapes, compare_layer);   /* stable enough: layers are contiguous */
  return self;
}

PkBasemap *
pk_basemap_ref (PkBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
pk_basemap_unref (PkBasemap *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_array_unref (self->shapes);
  g_free (self);
}

/* Web Mercator pixel coordinates of the whole world at @zoom. */
void
pk_mercator_project (double  lat,
                     double  lon,
                     double  zoom,
                     int     tile_size,
                     double *px,
                     double *py)
{
  double size = tile_size * exp2 (zoom);
  double phi = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180;

  *px = (lon + 180) / 360 * size;
  *py = (1 - log (tan (phi) + 1 / cos (phi)) / G_PI) / 2 * size;
}

static void
unproject (double  px,
           double  py,
           int     zoom,
           int     tile_size,
           double *lat,
           double *lon)
{
  double size = tile_size * exp2 (zoom);
  double n = G_PI - 2 * G_PI * py / size;

  *lon = px / size * 360 - 180;
  *lat = 180 / G_PI * atan (sinh (n));
}

typedef struct { double r, g, b; } Rgb;

/* Soft, distinguishable county fills (a muted qualitative palette). */
static const Rgb county_palette[] = {
  { 0.976, 0.949, 0.890 }, { 0.925, 0.957, 0.918 }, { 0.925, 0.937, 0.969 },
  { 0.984, 0.918, 0.914 }, { 0.957, 0.933, 0.965 }, { 0.918, 0.957, 0.953 },
};

static void
trace_geometry (cairo_t          *cr,
                const PkGeometry *geom,
                int               zoom,
                int               tile_size,
                double            ox,
                double            oy,
                const PkBBox     *view)
{
  for (guint i = 0; i < geom->n_polygons; i++)
    for (guint j = 0; j < geom->polygons[i].n_rings; j++)
      {
        const PkRing *ring = &geom->polygons[i].rings[j];
        double last_x = G_MAXDOUBLE, last_y = G_MAXDOUBLE;

        for (guint k = 0; k < ring->n_points; k++)
          {
            double x, y;

            pk_mercator_project (ring->xy[2 * k + 1], ring->xy[2 * k], zoom, tile_size, &x, &y);
            x -= ox;
            y -= oy;
            /* skip vertices closer than a quarter pixel to the last one drawn */
            if (k > 0 && k + 1 < ring->n_points && fabs (x - last_x) < 0.25 &&
                fabs (y - last_y) < 0.25)
              continue;
            if (k == 0)
              cairo_move_to (cr, x, y);
            else
              cairo_line_to (cr, x, y);
            last_x = x;
            last_y = y;
          }
        cairo_close_path (cr);
      }
  (void) view;
}

static gboolean
bbox_intersects (const PkBBox *a,
                 const PkBBox *b)
{
  return a->min_x <= b->max_x && a->max_x >= b->min_x &&
         a->min_y <= b->max_y && a->max_y >= b->min_y;
}

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * pk_basemap_render_tile:
 *
 * Returns: (transfer full): the PNG of tile (@x, @y) at @zoom
 */
GBytes *
pk_basemap_render_tile (PkBasemap  *self,
                        int         x,
                        int         y,
                        int         zoom,
                        int         tile_size,
                        GError    **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png;
  PkBBox view;
  double ox = (double) x * tile_size, oy = (double) y * tile_size;
  double scale = CLAMP ((zoom - 5) / 4.0, 0.6, 1.6);
  cairo_status_t status;

  g_return_val_if_fail (self != NULL, NULL);

  unproject (ox, oy + tile_size, zoom, tile_size, &view.min_y, &view.min_x);
  unproject (ox + tile_size, oy, zoom, tile_size, &view.max_y, &view.max_x);
  /* a margin so that strokes crossing the edge are drawn on both tiles */
  view.min_x -= 0.02; view.max_x += 0.02; view.min_y -= 0.02; view.max_y += 0.02;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, tile_size, tile_size);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.886, 0.906, 0.922);               /* outside Iran */
  cairo_paint (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  for (guint i = 0; i < self->shapes->len; i++)
    {
      const Shape *s = &g_array_index (self->shapes, Shape, i);

      if (!bbox_intersects (&s->geom->bbox, &view))
        continue;
      cairo_new_path (cr);
      trace_geometry (cr, s->geom, zoom, tile_size, ox, oy, &view);
      switch (s->layer)
        {
        case LAYER_OTHER_PROVINCE:
          cairo_set_source_rgb (cr, 0.945, 0.937, 0.918);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.737, 0.718, 0.678);
          cairo_set_line_width (cr, 1.0 * scale);
          cairo_stroke (cr);
          break;
        case LAYER_HOME_PROVINCE:
          cairo_set_source_rgb (cr, 0.992, 0.988, 0.976);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.427, 0.373, 0.294);
          cairo_set_line_width (cr, 3.0 * scale);
          cairo_stroke (cr);
          break;
        case LAYER_COUNTY:
          {
            const Rgb *c = &county_palette[s->colour % G_N_ELEMENTS (county_palette)];

            cairo_set_source_rgb (cr, c->r, c->g, c->b);
            cairo_fill_preserve (cr);
            cairo_set_source_rgba (cr, 0.49, 0.44, 0.37, 0.9);
            cairo_set_line_width (cr, 1.2 * scale);
            cairo_set_dash (cr, (double[]) { 6 * scale, 3 * scale }, 2, 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* the province outline again, above the county fills */
  for (guint i = 0; i < self->shapes->len; i++)
    {
      const Shape *s = &g_array_index (self->shapes, Shape, i);

      if (s->layer != LAYER_HOME_PROVINCE || !bbox_intersects (&s->geom->bbox, &view))
        continue;
      cairo_new_path (cr);
      trace_geometry (cr, s->geom, zoom, tile_size, ox, oy, &view);
      cairo_set_source_rgb (cr, 0.427, 0.373, 0.294);
      cairo_set_line_width (cr, 3.0 * scale);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, write_to_bytes, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (png);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not encode tile: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (png);
}
