/* fuzz-import.c: the office and city-limit imports (CSV and GeoJSON), as dry runs
 *
 * The first byte picks the reader: 0 offices CSV, 1 offices GeoJSON, 2 city
 * limits GeoJSON; the rest is the file.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pk-fuzz.h"
#include "pk-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const suffixes[] = { ".csv", ".geojson", ".geojson" };
  g_autoptr(PkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int which;

  if (size < 1)
    return 0;
  which = data[0] % 3;
  path = pk_fuzz_write_file (data + 1, size - 1, suffixes[which]);
  report = which == 2 ? pk_import_urban_areas (pk_fuzz_sample_store (), path, PK_IMPORT_DRY_RUN, &error)
                      : pk_import_offices (pk_fuzz_sample_store (), path, PK_IMPORT_DRY_RUN, &error);
  /* a report or an error, never both and never neither */
  g_assert ((report == NULL) != (error == NULL));
  return 0;
}
