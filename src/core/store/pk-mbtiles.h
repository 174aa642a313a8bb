/* pk-mbtiles.h: raster MBTiles files as an offline basemap
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Raster MBTiles (a SQLite file of PNG/JPEG tiles, TMS rows) as offline basemap. */
typedef struct _PkMbtiles PkMbtiles;

PkMbtiles  *pk_mbtiles_open          (const char  *path,
                                      GError     **error);
void        pk_mbtiles_close         (PkMbtiles   *self);
GBytes     *pk_mbtiles_get_tile      (PkMbtiles   *self,
                                      int          x,
                                      int          y,
                                      int          zoom,
                                      GError     **error);
const char *pk_mbtiles_get_name      (PkMbtiles   *self);
const char *pk_mbtiles_get_attribution (PkMbtiles *self);
int         pk_mbtiles_get_min_zoom  (PkMbtiles   *self);
int         pk_mbtiles_get_max_zoom  (PkMbtiles   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkMbtiles, pk_mbtiles_close)

G_END_DECLS
