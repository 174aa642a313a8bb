/* pk-feature-layer-legend.c: the map's legend and the choropleth's colours
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

/* Five classes of the share of a county's area that is served (choropleth). */
void
_pk_feature_layer_choropleth_colour (double  share,
                                     double *r,
                                     double *g,
                                     double *b)
{
  static const double ramp[5][3] = {
    { 0.84, 0.19, 0.15 }, { 0.96, 0.43, 0.26 }, { 0.99, 0.68, 0.38 },
    { 0.65, 0.85, 0.42 }, { 0.10, 0.60, 0.31 },
  };
  int k = CLAMP ((int) (share * 5), 0, 4);

  *r = ramp[k][0];
  *g = ramp[k][1];
  *b = ramp[k][2];
}

typedef enum
{
  LEGEND_URBAN,
  LEGEND_RURAL,
  LEGEND_PLANNED,
  LEGEND_SUSPENDED,
  LEGEND_SEAT,
  LEGEND_CITY,
  LEGEND_SAMPLE,
  LEGEND_VACANT,
  LEGEND_SERVICE,
  LEGEND_ZONE,
  LEGEND_CHOROPLETH,
} LegendKind;

static void
draw_legend_symbol (PkFeatureLayer *self,
                    cairo_t        *cr,
                    LegendKind      kind,
                    double          sx,
                    double          cy)
{
  cairo_new_path (cr);
  switch (kind)
    {
    case LEGEND_URBAN: pk_map_style_draw_office (cr, sx, cy, OFFICE_RADIUS, PK_LICENSE_URBAN, PK_STATUS_ACTIVE, FALSE); break;
    case LEGEND_RURAL: pk_map_style_draw_office (cr, sx, cy, OFFICE_RADIUS, PK_LICENSE_RURAL, PK_STATUS_ACTIVE, FALSE); break;
    case LEGEND_PLANNED: pk_map_style_draw_office (cr, sx, cy, OFFICE_RADIUS, PK_LICENSE_URBAN, PK_STATUS_PLANNED, FALSE); break;
    case LEGEND_SUSPENDED: pk_map_style_draw_office (cr, sx, cy, OFFICE_RADIUS, PK_LICENSE_URBAN, PK_STATUS_SUSPENDED, FALSE); break;
    case LEGEND_SEAT:
      cairo_rectangle (cr, sx - 5, cy - 5, 10, 10);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_fill (cr);
      break;
    case LEGEND_CITY:
      cairo_arc (cr, sx, cy, 3, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_fill (cr);
      break;
    case LEGEND_VACANT:
      cairo_rectangle (cr, sx - 7, cy - 6, 14, 12);
      pk_map_style_paint_area (cr, pk_map_area_vacant (self->vacant_license), 1);
      break;
    case LEGEND_SERVICE:
      cairo_arc (cr, sx, cy, 7, 0, 2 * G_PI);
      pk_map_style_paint_area (cr, pk_map_area_service (self->service_license), 1);
      break;
    case LEGEND_ZONE:
      cairo_rectangle (cr, sx - 7, cy - 6, 14, 12);
      pk_map_style_paint_area (cr, PK_MAP_AREA_ZONE, 1);
      break;
    case LEGEND_CHOROPLETH:
    case LEGEND_SAMPLE:
    default:
      break;
    }
}


/* The legend lists what is on the map now: office symbols, places, and each
 * overlay that is switched on, with its swatch. */
void
_pk_feature_layer_draw_legend (PkFeatureLayer *self,
                               cairo_t        *cr,
                               int             width)
{
  struct { LegendKind kind; const char *text; } rows[16];
  guint n = 0;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double row_h = 22, box_w = 200, box_h;
  double x0, y0 = 12;
  g_autofree char *range = NULL;

#define ROW(k, t) G_STMT_START { rows[n].kind = (k); rows[n].text = (t); n++; } G_STMT_END
  ROW (LEGEND_URBAN, _("Urban Pishkhan office"));
  ROW (LEGEND_RURAL, _("Rural ICT office"));
  ROW (LEGEND_PLANNED, _("Planned (not yet serving)"));
  ROW (LEGEND_SUSPENDED, _("Suspended"));
  ROW (LEGEND_SEAT, _("County seat"));
  ROW (LEGEND_CITY, _("City"));
  if (self->sample)
    ROW (LEGEND_SAMPLE, _("Offices are sample data"));
  if (self->vacant)
    ROW (LEGEND_VACANT, self->vacant_license == PK_LICENSE_RURAL
                        ? _("Vacant: no rural ICT office in reach")
                        : _("Vacant: no urban Pishkhan in reach"));
  if (self->service_on)
    ROW (LEGEND_SERVICE, self->service_license == PK_LICENSE_RURAL
                         ? _("Service area of a rural ICT office")
                         : _("Service area of an urban Pishkhan"));
  if (self->zones && self->zones->len > 0)
    ROW (LEGEND_ZONE, _("Approved zone for new offices"));
  if (self->choropleth)
    {
      double lo, hi;

      _pk_feature_layer_choropleth_range (self, &lo, &hi);
      range = g_strdup_printf (_("Share of county served: %.0f%% → %.0f%%"), 100 * lo, 100 * hi);
      ROW (LEGEND_CHOROPLETH, range);
    }
#undef ROW

  /* as wide as the longest row */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), rows[i].text);
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      box_w = MAX (box_w, tw + (rows[i].kind == LEGEND_CHOROPLETH ? 80 : 50));
    }
  box_h = row_h * n + 16;
  x0 = rtl ? width - box_w - 12 : 12;
  cairo_rectangle (cr, x0, y0, box_w, box_h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      double cy = y0 + 8 + row_h * i + row_h / 2;
      double sx = rtl ? x0 + box_w - 20 : x0 + 20;
      g_autofree char *localized = pk_text_localize_digits (rows[i].text);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), localized);
      double indent = 38;
      int tw, th;

      if (rows[i].kind == LEGEND_SAMPLE)
        indent = 12;
      else if (rows[i].kind == LEGEND_CHOROPLETH)
        {
          /* five swatches, low to high in reading order */
          for (int k = 0; k < 5; k++)
            {
              double r, g, b, bx = rtl ? x0 + box_w - 12 - 10 * (k + 1) : x0 + 12 + 10 * k;

              _pk_feature_layer_choropleth_colour ((k + 0.5) / 5, &r, &g, &b);
              cairo_rectangle (cr, bx, cy - 6, 10, 12);
              cairo_set_source_rgba (cr, r, g, b, 0.75);
              cairo_fill (cr);
            }
          indent = 68;
        }
      else
        draw_legend_symbol (self, cr, rows[i].kind, sx, cy);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, rtl ? x0 + box_w - indent - tw : x0 + indent, cy - th / 2.0);
      if (rows[i].kind == LEGEND_SAMPLE)
        cairo_set_source_rgb (cr, 0.72, 0.33, 0.0);
      else
        cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      pango_cairo_show_layout (cr, layout);
    }
}
