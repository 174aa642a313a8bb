/* pk-feature-layer-private.h: what the feature layer's drawing files share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-feature-layer.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean tiled;            /* offices from tiles (not where the map is turned) */
  gboolean clustering;
  gint64   i0, j0, i1, j1;   /* the tiles in view */
  double   ox, oy;           /* where the world's origin falls on the widget, whole px */
} OfficeFrame;

struct _PkFeatureLayer
{
  ShumateLayer  parent_instance;

  GPtrArray    *counties;      /* PkPlace, owned */
  GPtrArray    *cities;        /* PkPlace, owned */
  GPtrArray    *offices;       /* PkOffice, owned */
  double       *office_merc;   /* per office: Web Mercator x, y in [0, 1], computed once */
  gboolean      sample;
  gint64        selected_id;
  PkSiteVerdict *verdict;      /* owned, NULL outside check mode */
  cairo_surface_t *sprites[2][4];  /* office symbols drawn once, blitted per office */
  int           sprite_scale;
  GHashTable   *office_tiles;  /* (row << 32 | column) → OfficeTile, at tiles_zoom */
  double        tiles_zoom;
  double        tiles_world;   /* the world's width in px at tiles_zoom */
  int           tiles_scale;
  OfficeFrame   frame;         /* this frame's tiles, from one drawing call to the next */
  double        last_zoom;     /* the previous frame's */
  guint         settle_id;     /* a frame after the zoom stops changing */
  int           cluster_scale;
  GHashTable   *cluster_sprites; /* (count << 1 | licence) → cairo image: drawn once */
  GHashTable   *label_sprites;   /* "bold|size|text" → LabelSprite */
  int           label_scale;
  GPtrArray    *vacant;        /* PkGeometry, owned; NULL when the overlay is off */
  PkLicense     vacant_license;
  gboolean      service_on;    /* the service area of every serving office of a type */
  PkLicense     service_license;
  double        service_radius_m;
  GPtrArray    *choropleth;    /* PkCountyCoverage, ref; NULL when off */
  GPtrArray    *zones;         /* PkZone, ref; approved zones */
  gint64        selected_zone;
  PkZone       *draft;         /* owned: the zone being drawn, or NULL */
  gboolean      draft_cursor;  /* draw the rubber band to (cursor_lat, cursor_lon) */
  double        cursor_lat, cursor_lon;
  GArray       *marks;         /* PkMapMark: visits on an inspector's map */
};

#define OFFICE_RADIUS 6.0

#define CLUSTER_CELL 44      /* px: offices closer than this merge when zoomed out */
#define CLUSTER_MAX_ZOOM 8.5

typedef struct
{
  double    x, y;          /* sum, for the centroid */
  guint     n;
  PkOffice *few[2];        /* the first two, drawn as they are when no more come */
  double    fx[2], fy[2];
} Cluster;

/* pk-feature-layer-offices.c: office symbols, clusters, every office in one pass */
void _pk_feature_layer_drop_office_tiles  (PkFeatureLayer  *self);
void _pk_feature_layer_mercator           (double          lat,
                                           double          lon,
                                           double         *mx,
                                           double         *my);
void _pk_feature_layer_draw_offices       (PkFeatureLayer  *self,
                                           cairo_t         *cr,
                                           ShumateViewport *viewport,
                                           int              width,
                                           int              height,
                                           double           zoom,
                                           GArray          *clusters,
                                           GArray          *placed);
void _pk_feature_layer_draw_offices_on_top (PkFeatureLayer  *self,
                                            cairo_t         *cr,
                                            ShumateViewport *viewport,
                                            GArray          *clusters);

/* pk-feature-layer-legend.c: the legend, the choropleth's colours */
void _pk_feature_layer_choropleth_colour  (double          share,
                                           double         *r,
                                           double         *g,
                                           double         *b);
void _pk_feature_layer_draw_legend        (PkFeatureLayer *self,
                                           cairo_t        *cr,
                                           int             width);

/* pk-feature-layer-coverage.c: vacant areas, service areas, the choropleth */
void _pk_feature_layer_choropleth_range   (PkFeatureLayer *self,
                                           double         *lo,
                                           double         *hi);
void _pk_feature_layer_draw_coverage      (PkFeatureLayer  *self,
                                           cairo_t         *cr,
                                           ShumateViewport *viewport,
                                           int              width,
                                           int              height);

/* pk-feature-layer-zones.c: approved zones, the zone being drawn */
void _pk_feature_layer_draw_zones         (PkFeatureLayer *self,
                                           cairo_t        *cr,
                                           GArray         *placed);
void _pk_feature_layer_draw_draft         (PkFeatureLayer *self,
                                           cairo_t        *cr,
                                           int             width,
                                           int             height);

/* pk-feature-layer-marks.c: marked places (site visits) */
void _pk_feature_layer_draw_marks         (PkFeatureLayer *self,
                                           cairo_t        *cr,
                                           GArray         *placed);

/* pk-feature-layer-verdict.c: the checked site */
void _pk_feature_layer_draw_verdict       (PkFeatureLayer *self,
                                           cairo_t        *cr,
                                           GArray         *placed);

/* pk-feature-layer.c: names, outlines, distances shared by the above */
gboolean _pk_feature_layer_draw_label     (PkFeatureLayer *self,
                                           cairo_t        *cr,
                                           GArray         *placed,
                                           const char     *text,
                                           double          x,
                                           double          y,
                                           gboolean        bold,
                                           double          size_pt,
                                           const double   *offsets,
                                           guint           n_offsets);
void _pk_feature_layer_trace_geometry     (PkFeatureLayer   *self,
                                           cairo_t          *cr,
                                           const PkGeometry *geom);
double _pk_feature_layer_metres_to_pixels (PkFeatureLayer *self,
                                           double          lat,
                                           double          lon,
                                           double          metres);

G_END_DECLS
