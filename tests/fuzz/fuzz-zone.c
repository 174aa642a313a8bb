/* fuzz-zone.c: an approved zone's corners, as the map or --point gives them
 *
 * The input is read as pairs of doubles; the zone is validated and stored
 * in a transaction that is then rolled back.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pk-fuzz.h"
#include "pk-zone.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PkZone) zone = pk_zone_new ();
  PkStore *store = pk_fuzz_sample_store ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  zone->name = g_strdup ("fuzz");
  for (size_t i = 0; i + 16 <= size && zone->n_points < 64; i += 16)
    {
      double xy[2];

      memcpy (xy, data + i, sizeof xy);
      pk_zone_add_point (zone, xy[0], xy[1]);
    }
  g_assert (pk_store_begin (store, NULL));
  id = pk_store_add_zone (store, zone, &error);
  g_assert ((id > 0) == (error == NULL));
  pk_store_rollback (store);
  return 0;
}
