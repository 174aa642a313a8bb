/* pk-basemap.h: offline raster tiles drawn from the workspace's own outlines
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"

G_BEGIN_DECLS

/**
 * PkBasemap:
 *
 * An immutable, thread-safe tile renderer: province and county outlines in
 * Web Mercator tiles, as PNG. Labels are not drawn into tiles (they would be
 * cut at tile edges); the map's overlay layer draws them.
 */
typedef struct _PkBasemap PkBasemap;

#define PK_TYPE_BASEMAP (pk_basemap_get_type ())
GType      pk_basemap_get_type       (void) G_GNUC_CONST;
PkBasemap *pk_basemap_new            (PkStore    *store,
                                      GError    **error);
PkBasemap *pk_basemap_ref            (PkBasemap  *self);
void       pk_basemap_unref          (PkBasemap  *self);
GBytes    *pk_basemap_render_tile    (PkBasemap  *self,
                                      int         x,
                                      int         y,
                                      int         zoom,
                                      int         tile_size,
                                      GError    **error);

void       pk_mercator_project       (double      lat,
                                      double      lon,
                                      double      zoom,
                                      int         tile_size,
                                      double     *px,
                                      double     *py);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkBasemap, pk_basemap_unref)

G_END_DECLS
