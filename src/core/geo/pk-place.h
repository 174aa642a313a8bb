/* pk-place.h: provinces, counties and cities of a workspace
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pk-geom.h"

G_BEGIN_DECLS

typedef enum
{
  PK_PLACE_PROVINCE,
  PK_PLACE_COUNTY,
  PK_PLACE_CITY,
} PkPlaceKind;

/**
 * PkPlace:
 *
 * A named place. Provinces and counties carry @geometry; cities a point
 * (@lat, @lon), a county and the county-seat flag.
 */
typedef struct
{
  PkPlaceKind kind;
  gint64      id;
  gint64      parent_id;      /* county of a city, province of a county */
  char       *name_fa;
  char       *name_en;
  gboolean    is_county_seat;
  double      lat;
  double      lon;
  PkGeometry *geometry;       /* owned, may be NULL */
} PkPlace;

#define PK_TYPE_PLACE (pk_place_get_type ())
GType       pk_place_get_type     (void) G_GNUC_CONST;
PkPlace    *pk_place_new          (PkPlaceKind    kind);
PkPlace    *pk_place_copy         (const PkPlace *self);
void        pk_place_free         (PkPlace       *self);
const char *pk_place_display_name (const PkPlace *self);
void        pk_place_add_json     (const PkPlace *self,
                                   JsonBuilder   *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkPlace, pk_place_free)

G_END_DECLS
