/* pk-feature-layer-offices.c: every office in one cairo pass — a symbol per
 * office drawn once and blitted, counted clusters when zoomed out
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-feature-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pk-feature-layer-private.h"
#include "pk-map-style.h"
#include "pk-text.h"

/* Web Mercator in [0, 1]² (the projection libshumate's viewport uses). */
void
_pk_feature_layer_mercator (double  lat,
                            double  lon,
                            double *mx,
                            double *my)
{
  double s = sin (CLAMP (lat, -85.0511, 85.0511) * G_PI / 180);

  *mx = (lon + 180) / 360;
  *my = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
}

/* The viewport as x = a·mx + bx, y = a·my + by, measured from two points, so
 * that each office costs a multiply-add per frame instead of a full
 * projection. FALSE when the map is rotated (then project each office). */
static gboolean
viewport_affine (PkFeatureLayer *self,
                 double         *a,
                 double         *bx,
                 double         *by)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double x1, y1, x2, y2;

  if (shumate_viewport_get_rotation (viewport) != 0)
    return FALSE;
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), 0, 0, &x1, &y1);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), 0, 90, &x2, &y2);
  *a = (x2 - x1) / 0.25;
  *bx = x1 - *a * 0.5;
  *by = y1 - *a * 0.5;
  return TRUE;
}

#define SPRITE 24            /* px: an office symbol with its outline fits */

/* Blitting a ready image is far cheaper than filling and stroking a path for
 * each of thousands of offices (measured by bench/pk-bench-map). */
static void
draw_office_sprite (PkFeatureLayer *self,
                    cairo_t        *cr,
                    double          x,
                    double          y,
                    PkLicense       license,
                    PkStatus        status)
{
  cairo_surface_t **sprite = &self->sprites[license][status];
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (scale != self->sprite_scale)
    {
      /* drawn at the screen's own scale: blitting then needs no resampling */
      for (guint l = 0; l < 2; l++)
        for (guint k = 0; k < 4; k++)
          g_clear_pointer (&self->sprites[l][k], cairo_surface_destroy);
      self->sprite_scale = scale;
    }
  if (*sprite == NULL)
    {
      cairo_t *scr;

      *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SPRITE * scale, SPRITE * scale);
      cairo_surface_set_device_scale (*sprite, scale, scale);      /* crisp on HiDPI */
      scr = cairo_create (*sprite);
      pk_map_style_draw_office (scr, SPRITE / 2.0, SPRITE / 2.0, OFFICE_RADIUS, license, status, FALSE);
      cairo_destroy (scr);
    }
  /* a bounded fill, not a paint: the renderer then touches only these pixels */
  cairo_set_source_surface (cr, *sprite, round (x) - SPRITE / 2.0, round (y) - SPRITE / 2.0);
  cairo_rectangle (cr, round (x) - SPRITE / 2.0, round (y) - SPRITE / 2.0, SPRITE, SPRITE);
  cairo_fill (cr);
}


/* A counted cluster: a disc sized by the count, the count in it, centred at
 * whole pixels (@x, @y). Each (licence, count) is drawn once into an image at
 * the screen's scale and then blitted: at province zoom a view holds a
 * thousand clusters, and filling and shaping each anew made frames several
 * times slower. */
static int
cluster_side (guint n)
{
  return (int) ceil (2 * (9 + 9 * log10 (n)) + 6);
}

static void
draw_cluster_sprite (PkFeatureLayer *self,
                     cairo_t        *cr,
                     double          x,
                     double          y,
                     guint           n,
                     PkLicense       license)
{
  double r = 9 + 9 * log10 (n);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int side = cluster_side (n);
  guint key = (n << 1) | license;
  cairo_surface_t *sprite;

  if (self->cluster_sprites == NULL || scale != self->cluster_scale)
    {
      self->cluster_scale = scale;
      g_clear_pointer (&self->cluster_sprites, g_hash_table_unref);
      self->cluster_sprites = g_hash_table_new_full (NULL, NULL, NULL,
                                                     (GDestroyNotify) cairo_surface_destroy);
    }
  sprite = g_hash_table_lookup (self->cluster_sprites, GUINT_TO_POINTER (key));
  if (sprite == NULL)
    {
      g_autofree char *count = g_strdup_printf ("%u", n);
      g_autofree char *text = pk_text_localize_digits (count);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      cairo_t *scr;
      int tw, th;

      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side * scale, side * scale);
      cairo_surface_set_device_scale (sprite, scale, scale);
      scr = cairo_create (sprite);
      cairo_arc (scr, side / 2.0, side / 2.0, r, 0, 2 * G_PI);
      if (license == PK_LICENSE_URBAN)
        cairo_set_source_rgba (scr, 0.11, 0.39, 0.85, 0.85);
      else
        cairo_set_source_rgba (scr, 0.15, 0.60, 0.25, 0.85);
      cairo_fill_preserve (scr);
      cairo_set_source_rgb (scr, 1, 1, 1);
      cairo_set_line_width (scr, 2);
      cairo_stroke (scr);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (scr, side / 2.0 - tw / 2.0, side / 2.0 - th / 2.0);
      pango_cairo_show_layout (scr, layout);
      cairo_destroy (scr);
      g_hash_table_insert (self->cluster_sprites, GUINT_TO_POINTER (key), sprite);
    }
  cairo_set_source_surface (cr, sprite, x - side / 2, y - side / 2);
  cairo_rectangle (cr, x - side / 2, y - side / 2, side, side);
  cairo_fill (cr);
}


/* @o joins the cluster @c at (@x, @y): its sum for the centroid, the first
 * two kept to be drawn as they are if no third comes. */
static void
cluster_add (Cluster  *c,
             PkOffice *o,
             double    x,
             double    y)
{
  c->x += x;
  c->y += y;
  if (c->n < 2)
    {
      c->few[c->n] = o;
      c->fx[c->n] = x;
      c->fy[c->n] = y;
    }
  c->n++;
}

/* Offices drawn into tiles of the world at the current zoom, each tile once;
 * a frame blits the tiles it shows. Panning then costs a few dozen image
 * copies instead of a symbol or a cluster per office (bench/pk-bench-map). A
 * tile is drawn when it first comes into view; new data, another zoom or
 * another screen scale start afresh. Positions are whole pixels of the world,
 * so what straddles two tiles lands on both at the same place. */
#define TILE 256             /* px, logical; even, as SPRITE is */
#define TILE_MARGIN 64       /* px: more than half the largest cluster's side */

typedef struct
{
  cairo_surface_t *surface;   /* NULL: nothing here */
  GArray          *rects;     /* graphene_rect_t, world px: clusters and lone offices,
                               * for the names to keep clear of (when clustering) */
} OfficeTile;

static void
office_tile_free (OfficeTile *t)
{
  g_clear_pointer (&t->surface, cairo_surface_destroy);
  g_clear_pointer (&t->rects, g_array_unref);
  g_free (t);
}

static guint
tile_hash (gconstpointer key)
{
  guint64 k = GPOINTER_TO_SIZE (key);

  return (guint) (k ^ (k >> 32) * 0x9E3779B1u);
}

static gpointer
tile_key (gint64 column,
          gint64 row)
{
  return GSIZE_TO_POINTER (((guint64) row << 32) | (guint32) column);
}

void
_pk_feature_layer_drop_office_tiles (PkFeatureLayer *self)
{
  g_clear_pointer (&self->office_tiles, g_hash_table_unref);
}

typedef struct
{
  OfficeTile *tile;
  cairo_t    *cr;
  guint8     *drawn;     /* 2 px cells of the tile and its margin: symbols already drawn */
  gboolean    any;
} FreshTile;

#define DRAWN_SIDE ((TILE + SPRITE) / 2)

/* The range of fresh tiles touched by the box [x0, x1) × [y0, y1), world px. */
typedef struct { gint64 i0, j0, n_cols, n_rows; FreshTile *fresh; } FreshSet;

static void
fresh_draw (FreshSet        *set,
            PkFeatureLayer  *self,
            double           x0,
            double           y0,
            double           x1,
            double           y1,
            void           (*draw) (PkFeatureLayer *self, cairo_t *cr, double x, double y,
                                    gconstpointer data),
            gconstpointer    data,
            double           x,
            double           y,
            const graphene_rect_t *rect)
{
  gint64 ti0 = MAX (set->i0, (gint64) floor (x0 / TILE));
  gint64 ti1 = MIN (set->i0 + set->n_cols - 1, (gint64) floor ((x1 - 1) / TILE));
  gint64 tj0 = MAX (set->j0, (gint64) floor (y0 / TILE));
  gint64 tj1 = MIN (set->j0 + set->n_rows - 1, (gint64) floor ((y1 - 1) / TILE));

  for (gint64 tj = tj0; tj <= tj1; tj++)
    for (gint64 ti = ti0; ti <= ti1; ti++)
      {
        FreshTile *t = &set->fresh[(tj - set->j0) * set->n_cols + (ti - set->i0)];

        if (t->cr == NULL)
          continue;
        draw (self, t->cr, x - ti * TILE, y - tj * TILE, data);
        t->any = TRUE;
        if (rect != NULL)
          g_array_append_val (t->tile->rects, *rect);
      }
}

static void
draw_lone_office (PkFeatureLayer *self, cairo_t *cr, double x, double y, gconstpointer data)
{
  const PkOffice *o = data;

  draw_office_sprite (self, cr, x, y, o->license, o->status);
}

static void
draw_cluster_at (PkFeatureLayer *self, cairo_t *cr, double x, double y, gconstpointer data)
{
  const Cluster *c = data;

  draw_cluster_sprite (self, cr, x, y, c->n, GPOINTER_TO_UINT (c->few[0]));
}

/* Zoomed out: offices of one type in the same cell of the world become one
 * counted cluster; a cell with fewer than three shows them as they are. The
 * cells are the world's, not the screen's, so clusters stay put as the map
 * pans. */
static void
paint_fresh_clusters (PkFeatureLayer *self,
                      FreshSet       *set)
{
  double world = self->tiles_world;
  double x0 = set->i0 * TILE - TILE_MARGIN, y0 = set->j0 * TILE - TILE_MARGIN;
  gint64 c0 = (gint64) floor (x0 / CLUSTER_CELL), r0 = (gint64) floor (y0 / CLUSTER_CELL);
  gint64 n_c = (gint64) floor ((x0 + set->n_cols * TILE + 2 * TILE_MARGIN) / CLUSTER_CELL) - c0 + 1;
  gint64 n_r = (gint64) floor ((y0 + set->n_rows * TILE + 2 * TILE_MARGIN) / CLUSTER_CELL) - r0 + 1;
  g_autofree Cluster *cells = g_new0 (Cluster, n_c * n_r * 2);

  for (guint k = 0; k < self->offices->len; k++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, k);
      double x = world * self->office_merc[2 * k], y = world * self->office_merc[2 * k + 1];
      gint64 c = (gint64) floor (x / CLUSTER_CELL) - c0, r = (gint64) floor (y / CLUSTER_CELL) - r0;
      Cluster *cell;

      if (c < 0 || r < 0 || c >= n_c || r >= n_r)
        continue;
      cell = &cells[(r * n_c + c) * 2 + o->license];
      cluster_add (cell, o, x, y);
    }

  /* the lone offices first, the clusters over them */
  for (gint64 i = 0; i < n_c * n_r * 2; i++)
    for (guint k = 0; cells[i].n < 3 && k < cells[i].n; k++)
      {
        double x = floor (cells[i].fx[k] + 0.5), y = floor (cells[i].fy[k] + 0.5);
        graphene_rect_t r = GRAPHENE_RECT_INIT (x - 7, y - 7, 14, 14);

        fresh_draw (set, self, x - SPRITE / 2, y - SPRITE / 2, x + SPRITE / 2, y + SPRITE / 2,
                    draw_lone_office, cells[i].few[k], x, y, &r);
      }
  for (gint64 i = 0; i < n_c * n_r * 2; i++)
    {
      Cluster c = cells[i];
      double x, y;
      int half;
      graphene_rect_t r;

      if (c.n < 3)
        continue;
      x = floor (c.x / c.n + 0.5);
      y = floor (c.y / c.n + 0.5);
      half = cluster_side (c.n) / 2 + 1;
      r = GRAPHENE_RECT_INIT (x - 14, y - 14, 28, 28);
      c.few[0] = GUINT_TO_POINTER (i % 2);     /* the licence, carried along */
      fresh_draw (set, self, x - half, y - half, x + half, y + half, draw_cluster_at, &c, x, y, &r);
    }
}

/* Zoomed in: every office its own symbol, thinned where the same symbol
 * within 2 px of one already drawn would not change the picture (the cells
 * are the world's, so two tiles decide alike where they meet). */
static void
paint_fresh_offices (PkFeatureLayer *self,
                     FreshSet       *set)
{
  double world = self->tiles_world;

  for (guint k = 0; k < self->offices->len; k++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, k);
      gint64 px = (gint64) floor (world * self->office_merc[2 * k] + 0.5);
      gint64 py = (gint64) floor (world * self->office_merc[2 * k + 1] + 0.5);
      gint64 ti0 = MAX (set->i0, (gint64) floor ((double) (px - SPRITE / 2) / TILE));
      gint64 ti1 = MIN (set->i0 + set->n_cols - 1, (gint64) floor ((double) (px + SPRITE / 2 - 1) / TILE));
      gint64 tj0 = MAX (set->j0, (gint64) floor ((double) (py - SPRITE / 2) / TILE));
      gint64 tj1 = MIN (set->j0 + set->n_rows - 1, (gint64) floor ((double) (py + SPRITE / 2 - 1) / TILE));

      for (gint64 tj = tj0; tj <= tj1; tj++)
        for (gint64 ti = ti0; ti <= ti1; ti++)
          {
            FreshTile *t = &set->fresh[(tj - set->j0) * set->n_cols + (ti - set->i0)];
            gint64 lx = px - ti * TILE, ly = py - tj * TILE;
            gsize cell = (gsize) ((ly + SPRITE / 2) / 2) * DRAWN_SIDE + (gsize) ((lx + SPRITE / 2) / 2);
            guint8 bit = 1u << (o->license * 4 + o->status);

            if (t->cr == NULL || (t->drawn[cell] & bit))
              continue;
            t->drawn[cell] |= bit;
            t->any = TRUE;
            draw_office_sprite (self, t->cr, lx, ly, o->license, o->status);
          }
    }
}

/* Makes sure every tile in view is drawn; the view's tiles and where the
 * world's origin falls on the widget go to self->frame. */
static void
prepare_tiles (PkFeatureLayer *self,
               double          zoom,
               double          a,
               double          bx,
               double          by,
               int             width,
               int             height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  OfficeFrame *f = &self->frame;
  gboolean clustering = zoom < CLUSTER_MAX_ZOOM;
  FreshSet set;
  guint n_fresh = 0;

  f->ox = round (bx);
  f->oy = round (by);
  f->i0 = (gint64) floor (-f->ox / TILE);
  f->i1 = (gint64) floor ((width - 1 - f->ox) / TILE);
  f->j0 = (gint64) floor (-f->oy / TILE);
  f->j1 = (gint64) floor ((height - 1 - f->oy) / TILE);
  set = (FreshSet) { f->i0, f->j0, f->i1 - f->i0 + 1, f->j1 - f->j0 + 1, NULL };

  if (self->office_tiles == NULL || zoom != self->tiles_zoom || scale != self->tiles_scale)
    {
      _pk_feature_layer_drop_office_tiles (self);
      self->office_tiles = g_hash_table_new_full (tile_hash, g_direct_equal, NULL,
                                                  (GDestroyNotify) office_tile_free);
      self->tiles_zoom = zoom;
      self->tiles_world = a;
      self->tiles_scale = scale;
    }
  else if (g_hash_table_size (self->office_tiles) > 4 * set.n_cols * set.n_rows)
    {
      /* keep what is in view and around it; panning far leaves the rest */
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->office_tiles);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint64 k = GPOINTER_TO_SIZE (key);
          gint64 col = (gint32) (k & 0xffffffffu), row = (gint32) (k >> 32);

          if (col < f->i0 - set.n_cols / 2 || col > f->i1 + set.n_cols / 2 ||
              row < f->j0 - set.n_rows / 2 || row > f->j1 + set.n_rows / 2)
            g_hash_table_iter_remove (&iter);
        }
    }

  set.fresh = g_new0 (FreshTile, set.n_cols * set.n_rows);
  for (gint64 j = f->j0; j <= f->j1; j++)
    for (gint64 i = f->i0; i <= f->i1; i++)
      if (!g_hash_table_contains (self->office_tiles, tile_key (i, j)))
        {
          FreshTile *t = &set.fresh[(j - f->j0) * set.n_cols + (i - f->i0)];

          t->tile = g_new0 (OfficeTile, 1);
          t->tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE * scale, TILE * scale);
          cairo_surface_set_device_scale (t->tile->surface, scale, scale);
          t->cr = cairo_create (t->tile->surface);
          if (clustering)
            t->tile->rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
          else
            t->drawn = g_new0 (guint8, DRAWN_SIDE * DRAWN_SIDE);
          n_fresh++;
        }
  if (n_fresh > 0 && clustering)
    paint_fresh_clusters (self, &set);
  else if (n_fresh > 0)
    paint_fresh_offices (self, &set);
  for (gint64 k = 0; k < set.n_cols * set.n_rows; k++)
    {
      FreshTile *t = &set.fresh[k];

      if (t->cr == NULL)
        continue;
      cairo_destroy (t->cr);
      g_free (t->drawn);
      cairo_surface_flush (t->tile->surface);
      if (!t->any)
        g_clear_pointer (&t->tile->surface, cairo_surface_destroy);  /* keep only that it is empty */
      g_hash_table_insert (self->office_tiles, tile_key (f->i0 + k % set.n_cols, f->j0 + k / set.n_cols),
                           t->tile);
    }
  g_free (set.fresh);
}

static void
blit_tiles (PkFeatureLayer *self,
            cairo_t        *cr)
{
  OfficeFrame *f = &self->frame;

  /* where the frame lands at a fraction of a pixel, the tiles must still meet
   * without a light seam: whole pixels to each, the edge's own colour beyond */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (gint64 j = f->j0; j <= f->j1; j++)
    for (gint64 i = f->i0; i <= f->i1; i++)
      {
        OfficeTile *t = g_hash_table_lookup (self->office_tiles, tile_key (i, j));

        if (t == NULL || t->surface == NULL)
          continue;
        cairo_set_source_surface (cr, t->surface, i * TILE + f->ox, j * TILE + f->oy);
        cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
        cairo_rectangle (cr, i * TILE + f->ox, j * TILE + f->oy, TILE, TILE);
        cairo_fill (cr);
      }
  cairo_restore (cr);
}

/* Each office in view, one by one: where the map is turned (no tiles then),
 * and in the frames of a zoom animation (tiles would be drawn for one frame
 * only). Zoomed out, offices of one type in the same cell become one counted
 * cluster, drawn later over the names; the cells are the world's when the
 * map is not turned (@affine), as the tiles' are, so nothing jumps when the
 * tiles take over. */
static void
draw_each_office (PkFeatureLayer  *self,
                  cairo_t         *cr,
                  ShumateViewport *viewport,
                  int              width,
                  int              height,
                  gboolean         clustering,
                  gboolean         affine,
                  double           a,
                  double           bx,
                  double           by,
                  GArray          *clusters,
                  GArray          *placed)
{
  GtkWidget *widget = GTK_WIDGET (self);
  /* cell (c, r) covers x - cx0 in [c·CELL, (c + 1)·CELL); one spare cell each side */
  double cx0 = affine ? bx + CLUSTER_CELL * floor (-bx / CLUSTER_CELL) - CLUSTER_CELL : -CLUSTER_CELL;
  double cy0 = affine ? by + CLUSTER_CELL * floor (-by / CLUSTER_CELL) - CLUSTER_CELL : -CLUSTER_CELL;
  int cols = width / CLUSTER_CELL + 4, rows = height / CLUSTER_CELL + 4;
  g_autofree Cluster *cells = clustering ? g_new0 (Cluster, (gsize) cols * rows * 2) : NULL;
  int dcols = width / 2 + 1;
  g_autofree guint8 *drawn = clustering ? NULL : g_new0 (guint8, (gsize) dcols * (height / 2 + 1));

  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double x, y;

      if (o->id == self->selected_id)
        continue;
      if (affine)
        {
          x = a * self->office_merc[2 * i] + bx;
          y = a * self->office_merc[2 * i + 1] + by;
        }
      else
        shumate_viewport_location_to_widget_coords (viewport, widget, o->lat, o->lon, &x, &y);
      if (clustering)
        {
          int c = (int) floor ((x - cx0) / CLUSTER_CELL), r = (int) floor ((y - cy0) / CLUSTER_CELL);
          Cluster *cell;

          if (c < 0 || r < 0 || c >= cols || r >= rows)
            continue;
          cell = &cells[((gsize) r * cols + c) * 2 + o->license];
          cluster_add (cell, o, x, y);
          continue;
        }
      if (x < -10 || x > width + 10 || y < -10 || y > height + 10)
        continue;
      /* in a dense city many symbols land on the same pixels: the same symbol
       * within 2 px of one already drawn would not change the picture */
      if (x >= 0 && y >= 0 && x < width && y < height)
        {
          gsize cell = (gsize) ((int) y / 2) * dcols + (int) x / 2;
          guint8 bit = 1u << (o->license * 4 + o->status);

          if (drawn[cell] & bit)
            continue;
          drawn[cell] |= bit;
        }
      draw_office_sprite (self, cr, x, y, o->license, o->status);
    }

  for (gsize i = 0; clustering && i < (gsize) cols * rows * 2; i++)
    {
      Cluster *c = &cells[i];

      if (c->n == 0)
        continue;
      if (c->n < 3)
        {
          /* too few to merge: draw them as they are */
          for (guint k = 0; k < c->n; k++)
            draw_office_sprite (self, cr, c->fx[k], c->fy[k], c->few[k]->license, c->few[k]->status);
          continue;
        }
      /* drawn last, over the cities' symbols; names keep clear of them */
      {
        Cluster copy = *c;
        graphene_rect_t r = GRAPHENE_RECT_INIT (c->x / c->n - 14, c->y / c->n - 14, 28, 28);

        copy.few[0] = GSIZE_TO_POINTER (i % 2);     /* the licence, carried along */
        g_array_append_val (clusters, copy);
        g_array_append_val (placed, r);
      }
    }
}

static gboolean
settled_cb (gpointer user_data)
{
  PkFeatureLayer *self = user_data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The offices under the names: zoomed in, every office from tiles; zoomed out
 * only the places of the clusters and lone offices, for the names to keep
 * clear of (they are drawn over the names by
 * _pk_feature_layer_draw_offices_on_top). Where the map is turned, each
 * office one by one. */
void
_pk_feature_layer_draw_offices (PkFeatureLayer  *self,
                                cairo_t         *cr,
                                ShumateViewport *viewport,
                                int              width,
                                int              height,
                                double           zoom,
                                GArray          *clusters,
                                GArray          *placed)
{
  OfficeFrame *f = &self->frame;
  double a = 0, bx = 0, by = 0;
  /* tiles pay for themselves over many frames at one zoom: not while the
   * zoom changes from frame to frame; a frame soon after it stops draws them */
  gboolean settled = zoom == self->tiles_zoom || zoom == self->last_zoom;
  gboolean affine;

  if (self->office_merc == NULL)
    {
      /* the offices' Web Mercator positions, once per change of the offices */
      self->office_merc = g_new (double, 2 * MAX (self->offices->len, 1));
      for (guint i = 0; i < self->offices->len; i++)
        {
          PkOffice *o = g_ptr_array_index (self->offices, i);

          _pk_feature_layer_mercator (o->lat, o->lon, &self->office_merc[2 * i], &self->office_merc[2 * i + 1]);
        }
    }
  affine = viewport_affine (self, &a, &bx, &by);
  self->last_zoom = zoom;
  f->tiled = affine && settled;
  f->clustering = zoom < CLUSTER_MAX_ZOOM;
  if (!f->tiled)
    {
      draw_each_office (self, cr, viewport, width, height, f->clustering, affine, a, bx, by,
                        clusters, placed);
      if (affine && self->settle_id == 0)
        self->settle_id = g_timeout_add (150, settled_cb, self);
      return;
    }
  prepare_tiles (self, zoom, a, bx, by, width, height);
  if (!f->clustering)
    {
      blit_tiles (self, cr);
      return;
    }
  for (gint64 j = f->j0; j <= f->j1; j++)
    for (gint64 i = f->i0; i <= f->i1; i++)
      {
        OfficeTile *t = g_hash_table_lookup (self->office_tiles, tile_key (i, j));

        for (guint k = 0; t != NULL && t->surface != NULL && k < t->rects->len; k++)
          {
            graphene_rect_t r = g_array_index (t->rects, graphene_rect_t, k);

            graphene_rect_offset (&r, f->ox, f->oy);
            if (r.origin.x + r.size.width >= 0 && r.origin.x < width &&
                r.origin.y + r.size.height >= 0 && r.origin.y < height)
              g_array_append_val (placed, r);
          }
      }
}

/* Over the names: the clusters, then the selected office, larger. */
void
_pk_feature_layer_draw_offices_on_top (PkFeatureLayer  *self,
                                       cairo_t         *cr,
                                       ShumateViewport *viewport,
                                       GArray          *clusters)
{
  for (guint i = 0; i < clusters->len; i++)
    {
      Cluster *c = &g_array_index (clusters, Cluster, i);

      draw_cluster_sprite (self, cr, round (c->x / c->n), round (c->y / c->n), c->n,
                           GPOINTER_TO_UINT (c->few[0]));
    }
  if (self->frame.tiled && self->frame.clustering)
    blit_tiles (self, cr);

  for (guint i = 0; self->selected_id != 0 && i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double x, y;

      if (o->id != self->selected_id)
        continue;
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), o->lat, o->lon, &x, &y);
      pk_map_style_draw_office (cr, x, y, OFFICE_RADIUS, o->license, o->status, TRUE);
      break;
    }
}
