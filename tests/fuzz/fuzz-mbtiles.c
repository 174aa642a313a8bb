/* fuzz-mbtiles.c: an MBTiles basemap file given as bytes
 *
 * Opened as the Preferences would open it (metadata, zoom range), then a few
 * tiles read.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pk-basemap.h"
#include "pk-mbtiles.h"
#include "pk-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = pk_fuzz_write_file (data, size, ".mbtiles");
  g_autoptr(GError) error = NULL;
  g_autoptr(PkMbtiles) tiles = pk_mbtiles_open (path, &error);

  if (tiles == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  (void) pk_mbtiles_get_name (tiles);
  (void) pk_mbtiles_get_attribution (tiles);
  for (int z = pk_mbtiles_get_min_zoom (tiles); z <= MIN (pk_mbtiles_get_max_zoom (tiles), 3) && z >= 0; z++)
    {
      g_autoptr(GBytes) tile = pk_mbtiles_get_tile (tiles, 0, 0, z, NULL);
    }
  return 0;
}
