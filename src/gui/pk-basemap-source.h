/* pk-basemap-source.h: offline tiles for libshumate, from the workspace or an MBTiles file
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "pk-basemap.h"
#include "pk-mbtiles.h"

G_BEGIN_DECLS

#define PK_TYPE_BASEMAP_SOURCE (pk_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (PkBasemapSource, pk_basemap_source, PK, BASEMAP_SOURCE, ShumateDataSource)

PkBasemapSource *pk_basemap_source_new_for_basemap (PkBasemap *basemap);
PkBasemapSource *pk_basemap_source_new_for_mbtiles (PkMbtiles *mbtiles);
guint            pk_basemap_source_get_n_served    (PkBasemapSource *self);

G_END_DECLS
