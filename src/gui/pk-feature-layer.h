/* pk-feature-layer.h: counties' names, cities and offices drawn in one pass
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "pk-coverage.h"
#include "pk-office.h"
#include "pk-place.h"
#include "pk-siting.h"

G_BEGIN_DECLS

typedef enum
{
  PK_MAP_MARK_OPEN,              /* a visit waiting for its outcome */
  PK_MAP_MARK_DONE,              /* compliant */
  PK_MAP_MARK_FAILED,            /* not compliant */
  PK_MAP_MARK_OBSERVED,          /* where the premises were found: follows its visit's mark */
} PkMapMarkKind;

typedef struct
{
  double        lat, lon;
  PkMapMarkKind kind;
  gboolean      chosen;
  char          label[32];
} PkMapMark;

#define PK_TYPE_FEATURE_LAYER (pk_feature_layer_get_type ())
G_DECLARE_FINAL_TYPE (PkFeatureLayer, pk_feature_layer, PK, FEATURE_LAYER, ShumateLayer)

PkFeatureLayer *pk_feature_layer_new                 (ShumateViewport *viewport);
void            pk_feature_layer_set_data            (PkFeatureLayer  *self,
                                                      GPtrArray       *counties,
                                                      GPtrArray       *cities,
                                                      GPtrArray       *offices,
                                                      gboolean         sample);
void            pk_feature_layer_offices_changed     (PkFeatureLayer  *self);
void            pk_feature_layer_set_selected_office (PkFeatureLayer  *self,
                                                      gint64           id);
void            pk_feature_layer_set_verdict         (PkFeatureLayer  *self,
                                                      PkSiteVerdict   *verdict);
void            pk_feature_layer_set_vacancy         (PkFeatureLayer  *self,
                                                      GPtrArray       *vacant,
                                                      PkLicense        license);
void            pk_feature_layer_set_service_areas   (PkFeatureLayer  *self,
                                                      gboolean         on,
                                                      PkLicense        license,
                                                      double           radius_m);
void            pk_feature_layer_set_choropleth      (PkFeatureLayer  *self,
                                                      GPtrArray       *rows);
void            pk_feature_layer_set_zones           (PkFeatureLayer  *self,
                                                      GPtrArray       *zones,
                                                      gint64           selected);
void            pk_feature_layer_set_draft           (PkFeatureLayer  *self,
                                                      const PkZone    *draft,
                                                      gboolean         with_cursor,
                                                      double           cursor_lat,
                                                      double           cursor_lon);
gint64          pk_feature_layer_pick_zone           (PkFeatureLayer  *self,
                                                      double           x,
                                                      double           y);
void            pk_feature_layer_set_marks           (PkFeatureLayer  *self,
                                                      GArray          *marks);
PkOffice       *pk_feature_layer_pick_office         (PkFeatureLayer  *self,
                                                      double           x,
                                                      double           y);

G_END_DECLS
