/* pk-zone.h: approved zones, drawn by the working group (PA-3, LT-7)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pk-office.h"

G_BEGIN_DECLS

#define PK_ZONE_ERROR (pk_zone_error_quark ())
GQuark pk_zone_error_quark (void);

typedef enum
{
  PK_ZONE_ERROR_INVALID,       /* a zone the working group could not approve as drawn */
} PkZoneError;

/**
 * PkZone:
 *
 * A named polygon where the working group will accept new offices of one
 * licence type, and how many. Its outline is one ring of @n_points
 * vertices (lon, lat pairs in @xy), not closed: the last vertex joins the first.
 */
typedef struct
{
  gint64    id;
  char     *name;
  PkLicense license;
  int       capacity;          /* offices the zone may take, ≥ 1 */
  char     *note;
  guint     n_points;
  double   *xy;
  double    area_km2;          /* on the ellipsoid; filled in by the store */
  PkRecord  record;
} PkZone;

#define PK_TYPE_ZONE (pk_zone_get_type ())
GType     pk_zone_get_type        (void) G_GNUC_CONST;
PkZone   *pk_zone_new             (void);
PkZone   *pk_zone_copy            (const PkZone *self);
void      pk_zone_free            (PkZone       *self);
void      pk_zone_add_point       (PkZone       *self,
                                   double        lon,
                                   double        lat);
gboolean  pk_zone_remove_last_point (PkZone     *self);
gboolean  pk_zone_contains        (const PkZone *self,
                                   double        lon,
                                   double        lat);
gboolean  pk_zone_validate        (const PkZone *self,
                                   GError      **error);
char     *pk_zone_to_wkt          (const PkZone *self);
guint     pk_zone_count_offices   (const PkZone *self,
                                   GPtrArray    *offices);
void      pk_zone_add_feature     (const PkZone *self,
                                   GPtrArray    *offices,
                                   JsonBuilder  *builder);
char     *pk_zones_to_geojson     (GPtrArray    *zones,
                                   GPtrArray    *offices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkZone, pk_zone_free)

G_END_DECLS
