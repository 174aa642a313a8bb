/* pk-map-view.h: the offline map of a workspace
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pk-feature-layer.h"
#include "pk-siting.h"
#include "pk-store.h"

G_BEGIN_DECLS

/* What the map shows of a workspace, read apart from showing it */
typedef struct _PkMapData PkMapData;

PkMapData *pk_map_data_load   (PkStore    *store,
                               GError    **error);
void       pk_map_data_free   (PkMapData  *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkMapData, pk_map_data_free)

typedef enum
{
  PK_BASEMAP_BUILTIN,
  PK_BASEMAP_MBTILES,
  PK_BASEMAP_OSM,
} PkBasemapKind;

#define PK_TYPE_MAP_VIEW (pk_map_view_get_type ())
G_DECLARE_FINAL_TYPE (PkMapView, pk_map_view, PK, MAP_VIEW, GtkWidget)

GtkWidget *pk_map_view_new               (void);
void       pk_map_view_set_data          (PkMapView     *self,
                                          PkMapData     *data);
gboolean   pk_map_view_set_workspace     (PkMapView     *self,
                                          PkStore       *store,
                                          GError       **error);
gboolean   pk_map_view_set_basemap       (PkMapView     *self,
                                          PkBasemapKind  kind,
                                          const char    *mbtiles_path,
                                          GError       **error);
void       pk_map_view_zoom_to_place     (PkMapView     *self,
                                          const PkPlace *place);
void       pk_map_view_zoom_to_province  (PkMapView     *self);
void       pk_map_view_show_office       (PkMapView     *self,
                                          const PkOffice *office);
void       pk_map_view_set_check_mode    (PkMapView     *self,
                                          gboolean       on);
void       pk_map_view_set_verdict       (PkMapView     *self,
                                          PkSiteVerdict *verdict);
void       pk_map_view_set_marks         (PkMapView     *self,
                                          GArray        *marks);
void       pk_map_view_go_to             (PkMapView     *self,
                                          double         lat,
                                          double         lon,
                                          double         zoom);
void       pk_map_view_update_office     (PkMapView      *self,
                                          gint64          id,
                                          const PkOffice *office);
PkOffice  *pk_map_view_get_office        (PkMapView     *self,
                                          gint64         id);
void       pk_map_view_select_office     (PkMapView     *self,
                                          gint64         id);
void       pk_map_view_set_vacancy       (PkMapView     *self,
                                          GPtrArray     *vacant,
                                          PkLicense      license);
void       pk_map_view_popup_info        (PkMapView     *self,
                                          GtkWidget     *content,
                                          double         x,
                                          double         y);
void       pk_map_view_popdown_info      (PkMapView     *self);
void       pk_map_view_start_zone        (PkMapView     *self,
                                          const PkZone  *initial);
gboolean   pk_map_view_is_drawing        (PkMapView     *self);
void       pk_map_view_add_zone_point    (PkMapView     *self,
                                          double         lat,
                                          double         lon);
void       pk_map_view_finish_zone       (PkMapView     *self);
void       pk_map_view_cancel_zone       (PkMapView     *self);
void       pk_map_view_set_service_areas (PkMapView     *self,
                                          gboolean       on,
                                          PkLicense      license,
                                          double         radius_m);
void       pk_map_view_set_choropleth    (PkMapView     *self,
                                          GPtrArray     *rows);
void       pk_map_view_set_zones         (PkMapView     *self,
                                          GPtrArray     *zones,
                                          gint64         selected);
GtkWidget *pk_map_view_get_feature_layer (PkMapView    *self);
guint      pk_map_view_get_tiles_served  (PkMapView     *self);
GPtrArray *pk_map_view_get_offices       (PkMapView     *self);
GPtrArray *pk_map_view_get_counties      (PkMapView     *self);
GPtrArray *pk_map_view_get_cities        (PkMapView     *self);

G_END_DECLS
