/* pk-feature-layer.c
 *
 * One ShumateLayer draws every county label, city and office in a single
 * cairo pass per frame: a widget per point (ShumateMarker) would make
 * thousands of offices pan slowly.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-feature-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pk-feature-layer.h"
#include "pk-text.h"

struct _PkFeatureLayer
{
  ShumateLayer  parent_instance;

  GPtrArray    *counties;      /* PkPlace, owned */
  GPtrArray    *cities;        /* PkPlace, owned */
  GPtrArray    *offices;       /* PkOffice, owned */
  gboolean      sample;
  gint64        selected_id;
  PkSiteVerdict *verdict;      /* owned, NULL outside check mode */
  cairo_surface_t *sprites[2][4];  /* office symbols drawn once, blitted per office */
  GHashTable   *count_layouts;  /* cluster count → PangoLayout: shaping text is the slow part */
  GPtrArray    *vacant;        /* PkGeometry, owned; NULL when the overlay is off */
  PkLicense     vacant_license;
};

G_DEFINE_FINAL_TYPE (PkFeatureLayer, pk_feature_layer, SHUMATE_TYPE_LAYER)

#define OFFICE_RADIUS 6.0

/* Two clearly different symbols (LT-1): urban Pishkhan a blue disc, rural
 * ICT a green diamond. Planned offices are hollow, suspended ones grey. */
static void
draw_office_symbol (cairo_t   *cr,
                    double     x,
                    double     y,
                    PkLicense  license,
                    PkStatus   status,
                    gboolean   selected)
{
  double r = OFFICE_RADIUS * (selected ? 1.5 : 1.0);
  double fr, fg, fb;

  cairo_new_path (cr);
  if (license == PK_LICENSE_URBAN)
    {
      fr = 0.11; fg = 0.39; fb = 0.85;          /* blue */
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
    }
  else
    {
      fr = 0.15; fg = 0.60; fb = 0.25;          /* green */
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
    }
  if (status == PK_STATUS_SUSPENDED)
    {
      fr = fg = fb = 0.55;
    }

  if (status == PK_STATUS_PLANNED)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, fr, fg, fb);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, fr, fg, fb);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (selected)
    {
      cairo_arc (cr, x, y, r + 4, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.90, 0.38, 0.0);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

static gboolean
collides (GArray                *placed,
          const graphene_rect_t *r)
{
  for (guint i = 0; i < placed->len; i++)
    if (graphene_rect_intersection (&g_array_index (placed, graphene_rect_t, i), r, NULL))
      return TRUE;
  return FALSE;
}

/* Draws @text centred at (@x, @y + one of @offsets) where it overlaps no label
 * placed before it; with no free spot the label is left out (the map shows
 * more names as it zooms in). */
static gboolean
draw_label (PkFeatureLayer *self,
            cairo_t        *cr,
            GArray         *placed,
            const char     *text,
            double          x,
            double          y,
            gboolean        bold,
            double          size_pt,
            const double   *offsets,
            guint           n_offsets)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  graphene_rect_t r;
  int w, h;
  guint i;

  pango_font_description_set_size (font, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_get_pixel_size (layout, &w, &h);
  x -= w / 2.0;
  for (i = 0; i < n_offsets; i++)
    {
      graphene_rect_init (&r, x - 2, y + offsets[i] - h / 2.0 - 1, w + 4, h + 2);
      if (!collides (placed, &r))
        break;
    }
  if (i == n_offsets)
    return FALSE;
  g_array_append_val (placed, r);
  y += offsets[i] - h / 2.0;

  /* a white halo keeps names readable over outlines and symbols */
  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, 0.20, 0.18, 0.15);
  pango_cairo_show_layout (cr, layout);
  return TRUE;
}

static void
draw_legend (PkFeatureLayer *self,
             cairo_t        *cr,
             int             width)
{
  const struct { int kind; const char *text; } rows[] = {
    { 0, _("Urban Pishkhan office") },
    { 1, _("Rural ICT office") },
    { 2, _("Planned (not yet serving)") },
    { 3, _("Suspended") },
    { 4, _("County seat") },
    { 5, _("City") },
  };
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double row_h = 22, box_w = 230, box_h = row_h * G_N_ELEMENTS (rows) + 16;
  double x0, y0 = 12;

  if (self->sample)
    box_h += row_h;
  if (self->vacant)
    box_h += row_h;
  x0 = rtl ? width - box_w - 12 : 12;

  cairo_rectangle (cr, x0, y0, box_w, box_h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      double cy = y0 + 8 + row_h * i + row_h / 2;
      double sx = rtl ? x0 + box_w - 20 : x0 + 20;
      double tx = rtl ? x0 + 12 : x0 + 38;
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      rows[i].text);
      int tw, th;

      switch (rows[i].kind)
        {
        case 0: draw_office_symbol (cr, sx, cy, PK_LICENSE_URBAN, PK_STATUS_ACTIVE, FALSE); break;
        case 1: draw_office_symbol (cr, sx, cy, PK_LICENSE_RURAL, PK_STATUS_ACTIVE, FALSE); break;
        case 2: draw_office_symbol (cr, sx, cy, PK_LICENSE_URBAN, PK_STATUS_PLANNED, FALSE); break;
        case 3: draw_office_symbol (cr, sx, cy, PK_LICENSE_URBAN, PK_STATUS_SUSPENDED, FALSE); break;
        case 4:
          cairo_rectangle (cr, sx - 5, cy - 5, 10, 10);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          cairo_fill (cr);
          break;
        default:
          cairo_arc (cr, sx, cy, 3, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          cairo_fill (cr);
          break;
        }
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (rtl)
        tx = x0 + box_w - 38 - tw;
      cairo_move_to (cr, tx, cy - th / 2.0);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      pango_cairo_show_layout (cr, layout);
    }
  if (self->vacant)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                        self->vacant_license == PK_LICENSE_RURAL
                                        ? _("Vacant: no rural ICT office in reach")
                                        : _("Vacant: no urban Pishkhan in reach"));
      double cy = y0 + 8 + row_h * (G_N_ELEMENTS (rows) + (self->sample ? 1 : 0)) + row_h / 2;
      double sx = rtl ? x0 + box_w - 20 : x0 + 20;
      int tw, th;

      cairo_rectangle (cr, sx - 7, cy - 6, 14, 12);
      if (self->vacant_license == PK_LICENSE_RURAL)
        cairo_set_source_rgba (cr, 0.85, 0.25, 0.15, 0.45);
      else
        cairo_set_source_rgba (cr, 0.55, 0.15, 0.75, 0.5);
      cairo_fill (cr);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, rtl ? x0 + box_w - 38 - tw : x0 + 38, cy - th / 2.0);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      pango_cairo_show_layout (cr, layout);
    }
  if (self->sample)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self), _("Offices are sample data"));
      double cy = y0 + 8 + row_h * G_N_ELEMENTS (rows) + row_h / 2;
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, rtl ? x0 + box_w - 12 - tw : x0 + 12, cy - th / 2.0);
      cairo_set_source_rgb (cr, 0.72, 0.33, 0.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
trace_geometry (PkFeatureLayer   *self,
                cairo_t          *cr,
                const PkGeometry *geom)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  cairo_new_path (cr);
  for (guint p = 0; p < geom->n_polygons; p++)
    for (guint r = 0; r < geom->polygons[p].n_rings; r++)
      {
        const PkRing *ring = &geom->polygons[p].rings[r];

        for (guint k = 0; k < ring->n_points; k++)
          {
            double x, y;

            shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                        ring->xy[2 * k + 1], ring->xy[2 * k], &x, &y);
            if (k == 0)
              cairo_move_to (cr, x, y);
            else
              cairo_line_to (cr, x, y);
          }
        cairo_close_path (cr);
      }
}

/* Pixels for @metres at the site: project a point that far north. */
static double
metres_to_pixels (PkFeatureLayer *self,
                  double          lat,
                  double          lon,
                  double          metres)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double x0, y0, x1, y1;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, &x0, &y0);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                              lat + metres / 111132.0, lon, &x1, &y1);
  return hypot (x1 - x0, y1 - y0);
}

/* The checked site: its county and urban area outlined, the spacing and
 * service circles, and lines to the nearest offices with their distances. */
static void
draw_verdict (PkFeatureLayer *self,
              cairo_t        *cr,
              GArray         *placed)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const PkSiteVerdict *v = self->verdict;
  double sx, sy;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), v->query.lat,
                                              v->query.lon, &sx, &sy);

  for (guint i = 0; v->county && self->counties && i < self->counties->len; i++)
    {
      PkPlace *c = g_ptr_array_index (self->counties, i);

      if (c->id != v->county->id || c->geometry == NULL)
        continue;
      trace_geometry (self, cr, c->geometry);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.07);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.9);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }

  if (v->urban_city != NULL)
    {
      PkPlace *city = NULL;

      for (guint i = 0; self->cities && i < self->cities->len; i++)
        if (((PkPlace *) g_ptr_array_index (self->cities, i))->id == v->urban_city->id)
          city = g_ptr_array_index (self->cities, i);
      if (v->basis == PK_BASIS_POLYGON && city && city->geometry)
        {
          trace_geometry (self, cr, city->geometry);
          cairo_set_source_rgba (cr, 0.45, 0.2, 0.6, 0.9);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          double cx, cy;

          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                      v->urban_city->lat, v->urban_city->lon,
                                                      &cx, &cy);
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, metres_to_pixels (self, v->urban_city->lat, v->urban_city->lon,
                                                   v->urban_radius_m), 0, 2 * G_PI);
          cairo_set_dash (cr, (double[]) { 8, 5 }, 2, 0);
          {
            static const double above[] = { 0 };
            double r = metres_to_pixels (self, v->urban_city->lat, v->urban_city->lon,
                                         v->urban_radius_m);
            g_autofree char *label = g_strdup_printf (_("%s urban area (approximate)"),
                                                      pk_place_display_name (v->urban_city));

            cairo_set_source_rgba (cr, 0.45, 0.2, 0.6, 0.9);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            draw_label (self, cr, placed, label, cx, cy - r - 10, FALSE, 9, above, 1);
          }
        }
    }

  cairo_new_path (cr);
  cairo_arc (cr, sx, sy, metres_to_pixels (self, v->query.lat, v->query.lon, v->service_radius_m),
             0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.12);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_arc (cr, sx, sy, metres_to_pixels (self, v->query.lat, v->query.lon, v->min_spacing_m),
             0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.9);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < v->nearest->len; i++)
    {
      const PkNearOffice *n = &g_array_index (v->nearest, PkNearOffice, i);
      static const double mid[] = { 0, -12, 12 };
      g_autofree char *km = NULL;
      g_autofree char *text = NULL;
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), n->lat, n->lon,
                                                  &x, &y);
      cairo_new_path (cr);
      cairo_move_to (cr, sx, sy);
      cairo_line_to (cr, x, y);
      cairo_set_source_rgba (cr, 0.25, 0.25, 0.25, 0.85);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      km = g_strdup_printf (_("%.2f km"), n->distance_m / 1000);
      text = pk_text_localize_digits (km);
      draw_label (self, cr, placed, text, (sx + x) / 2, (sy + y) / 2, TRUE, 8.5, mid,
                  G_N_ELEMENTS (mid));
    }

  cairo_new_path (cr);
  cairo_arc (cr, sx, sy, 8, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
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

  if (*sprite == NULL)
    {
      cairo_t *scr;

      *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SPRITE * 2, SPRITE * 2);
      cairo_surface_set_device_scale (*sprite, 2, 2);      /* crisp on HiDPI */
      scr = cairo_create (*sprite);
      draw_office_symbol (scr, SPRITE / 2.0, SPRITE / 2.0, license, status, FALSE);
      cairo_destroy (scr);
    }
  cairo_set_source_surface (cr, *sprite, round (x) - SPRITE / 2.0, round (y) - SPRITE / 2.0);
  cairo_paint (cr);
}

#define CLUSTER_CELL 44      /* px: offices closer than this merge when zoomed out */
#define CLUSTER_MAX_ZOOM 8.5

typedef struct
{
  double    x, y;          /* sum, for the centroid */
  guint     n;
  PkOffice *few[2];        /* the first two, drawn as they are when no more come */
  double    fx[2], fy[2];
} Cluster;

static void
draw_cluster (PkFeatureLayer *self,
              cairo_t        *cr,
              const Cluster  *c,
              PkLicense       license)
{
  double x = c->x / c->n, y = c->y / c->n;
  double r = 9 + 3 * log10 (c->n) * 3;
  PangoLayout *layout;
  int tw, th;

  if (self->count_layouts == NULL)
    self->count_layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  layout = g_hash_table_lookup (self->count_layouts, GUINT_TO_POINTER (c->n));
  if (layout == NULL)
    {
      g_autofree char *count = g_strdup_printf ("%u", c->n);
      g_autofree char *text = pk_text_localize_digits (count);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_hash_table_insert (self->count_layouts, GUINT_TO_POINTER (c->n), layout);
    }

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  if (license == PK_LICENSE_URBAN)
    cairo_set_source_rgba (cr, 0.11, 0.39, 0.85, 0.85);
  else
    cairo_set_source_rgba (cr, 0.15, 0.60, 0.25, 0.85);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x - tw / 2.0, y - th / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* All offices in one pass. Zoomed out, offices of one type that fall in the
 * same screen cell become one counted cluster, so thousands stay legible and
 * the frame stays cheap; zoomed in, every office is its own symbol. */
static void
draw_offices (PkFeatureLayer  *self,
              cairo_t         *cr,
              ShumateViewport *viewport,
              int              width,
              int              height,
              double           zoom,
              GArray          *clusters,
              GArray          *placed)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PkOffice *selected = NULL;
  gboolean clustering = zoom < CLUSTER_MAX_ZOOM;
  int cols = width / CLUSTER_CELL + 1, rows = height / CLUSTER_CELL + 1;
  g_autofree Cluster *cells = clustering ? g_new0 (Cluster, (gsize) cols * rows * 2) : NULL;

  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double x, y;

      if (o->id == self->selected_id)
        {
          selected = o;
          continue;
        }
      shumate_viewport_location_to_widget_coords (viewport, widget, o->lat, o->lon, &x, &y);
      if (x < -10 || x > width + 10 || y < -10 || y > height + 10)
        continue;
      if (clustering && x >= 0 && y >= 0 && x < width && y < height)
        {
          Cluster *c = &cells[((gsize) ((int) y / CLUSTER_CELL) * cols + (int) x / CLUSTER_CELL) * 2 + o->license];

          c->x += x;
          c->y += y;
          if (c->n < 2)
            {
              c->few[c->n] = o;
              c->fx[c->n] = x;
              c->fy[c->n] = y;
            }
          c->n++;
          continue;
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

  if (selected)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, selected->lat,
                                                  selected->lon, &x, &y);
      draw_office_symbol (cr, x, y, selected->license, selected->status, TRUE);
    }
}

static void
pk_feature_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PkFeatureLayer *self = PK_FEATURE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  g_autoptr(GArray) placed = NULL;     /* label rectangles, for collision tests */
  g_autoptr(GArray) clusters = NULL;   /* counted groups of offices, drawn on top */
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  /* vacant areas under everything else, hatched so the basemap shows through */
  if (self->vacant != NULL)
    for (guint i = 0; i < self->vacant->len; i++)
      {
        PkGeometry *g = g_ptr_array_index (self->vacant, i);

        trace_geometry (self, cr, g);
        cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
        if (self->vacant_license == PK_LICENSE_RURAL)
          cairo_set_source_rgba (cr, 0.85, 0.25, 0.15, 0.28);
        else
          cairo_set_source_rgba (cr, 0.55, 0.15, 0.75, 0.35);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 0.6, 0.1, 0.1, 0.6);
        cairo_set_line_width (cr, 1);
        cairo_stroke (cr);
      }

  clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  if (self->offices)
    draw_offices (self, cr, viewport, width, height, zoom, clusters, placed);

  if (self->cities)
    for (guint i = 0; i < self->cities->len; i++)
      {
        PkPlace *c = g_ptr_array_index (self->cities, i);
        double x, y;

        if (!c->is_county_seat && zoom < 8)
          continue;
        shumate_viewport_location_to_widget_coords (viewport, widget, c->lat, c->lon, &x, &y);
        if (x < -100 || x > width + 100 || y < -20 || y > height + 20)
          continue;
        cairo_new_path (cr);
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
        if (c->is_county_seat)
          cairo_rectangle (cr, x - 4.5, y - 4.5, 9, 9);
        else
          cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
        cairo_fill (cr);
        {
          graphene_rect_t sym = GRAPHENE_RECT_INIT (x - 4.5, y - 4.5, 9, 9);
          static const double below[] = { 15, -15 };

          g_array_append_val (placed, sym);
          if (zoom >= 7 || c->is_county_seat)
            draw_label (self, cr, placed, pk_place_display_name (c), x, y, FALSE, 9,
                        below, G_N_ELEMENTS (below));
        }
      }

  if (self->verdict != NULL)
    draw_verdict (self, cr, placed);

  /* county names last: they give way to the cities' symbols and names */
  if (self->counties && zoom >= 6.0)
    for (guint i = 0; i < self->counties->len; i++)
      {
        static const double offsets[] = { 0, -18, 18, -36, 36 };
        PkPlace *c = g_ptr_array_index (self->counties, i);
        double x, y;

        shumate_viewport_location_to_widget_coords (viewport, widget, c->lat, c->lon, &x, &y);
        if (x > -200 && x < width + 200 && y > -50 && y < height + 50)
          draw_label (self, cr, placed, pk_place_display_name (c), x, y, TRUE, zoom < 7 ? 9 : 11,
                      offsets, G_N_ELEMENTS (offsets));
      }

  for (guint i = 0; i < clusters->len; i++)
    {
      Cluster *c = &g_array_index (clusters, Cluster, i);
      draw_cluster (self, cr, c, GPOINTER_TO_SIZE (c->few[0]));
    }

  draw_legend (self, cr, width);
  cairo_destroy (cr);
}

static void
pk_feature_layer_constructed (GObject *object)
{
  PkFeatureLayer *self = PK_FEATURE_LAYER (object);

  G_OBJECT_CLASS (pk_feature_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
pk_feature_layer_finalize (GObject *object)
{
  PkFeatureLayer *self = PK_FEATURE_LAYER (object);

  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  g_clear_pointer (&self->vacant, g_ptr_array_unref);
  for (int l = 0; l < 2; l++)
    for (int st = 0; st < 4; st++)
      g_clear_pointer (&self->sprites[l][st], cairo_surface_destroy);
  g_clear_pointer (&self->count_layouts, g_hash_table_unref);
  G_OBJECT_CLASS (pk_feature_layer_parent_class)->finalize (object);
}

static void
pk_feature_layer_class_init (PkFeatureLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pk_feature_layer_constructed;
  object_class->finalize = pk_feature_layer_finalize;
  widget_class->snapshot = pk_feature_layer_snapshot;
}

static void
pk_feature_layer_init (PkFeatureLayer *self)
{
}

PkFeatureLayer *
pk_feature_layer_new (ShumateViewport *viewport)
{
  return g_object_new (PK_TYPE_FEATURE_LAYER, "viewport", viewport, NULL);
}

static GPtrArray *
ref_or_null (GPtrArray *array)
{
  return array ? g_ptr_array_ref (array) : NULL;
}

void
pk_feature_layer_set_data (PkFeatureLayer *self,
                           GPtrArray      *counties,
                           GPtrArray      *cities,
                           GPtrArray      *offices,
                           gboolean        sample)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));

  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  self->counties = ref_or_null (counties);
  self->cities = ref_or_null (cities);
  self->offices = ref_or_null (offices);
  self->sample = sample;
  self->selected_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pk_feature_layer_set_selected_office (PkFeatureLayer *self,
                                      gint64          id)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pk_feature_layer_pick_office:
 *
 * Returns: (transfer none) (nullable): the office drawn nearest to (@x, @y)
 *   within a finger's reach, or %NULL
 */
PkOffice *
pk_feature_layer_pick_office (PkFeatureLayer *self,
                              double          x,
                              double          y)
{
  ShumateViewport *viewport;
  PkOffice *best = NULL;
  double best_d2 = (OFFICE_RADIUS + 6) * (OFFICE_RADIUS + 6);

  g_return_val_if_fail (PK_IS_FEATURE_LAYER (self), NULL);
  if (self->offices == NULL)
    return NULL;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  for (guint i = 0; i < self->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (self->offices, i);
      double ox, oy, d2;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), o->lat, o->lon,
                                                  &ox, &oy);
      d2 = (ox - x) * (ox - x) + (oy - y) * (oy - y);
      if (d2 < best_d2)
        {
          best_d2 = d2;
          best = o;
        }
    }
  return best;
}

void
pk_feature_layer_set_verdict (PkFeatureLayer *self,
                              PkSiteVerdict  *verdict)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  if (self->verdict == verdict)
    return;
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  self->verdict = verdict ? pk_site_verdict_ref (verdict) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Takes @vacant (element-type PkGeometry); NULL turns the overlay off. */
void
pk_feature_layer_set_vacancy (PkFeatureLayer *self,
                              GPtrArray      *vacant,
                              PkLicense       license)
{
  g_return_if_fail (PK_IS_FEATURE_LAYER (self));
  g_clear_pointer (&self->vacant, g_ptr_array_unref);
  self->vacant = vacant;
  self->vacant_license = license;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
