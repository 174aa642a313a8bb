/* fuzz-fields.c: every text a person types that is parsed
 *
 * Coordinates (decimal, DMS, Persian digits), dates (Solar Hijri or
 * Gregorian), numbers, national codes, company national IDs, postal codes,
 * mobile numbers and free-text fields — each given the same input.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "pk-coords.h"
#include "pk-fuzz.h"
#include "pk-ident.h"
#include "pk-jalali.h"
#include "pk-text.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  char *(*checks[]) (const char *, char **) = {
    pk_ident_check_national_code, pk_ident_check_national_id,
    pk_ident_check_postal_code, pk_ident_check_mobile,
  };
  double lat, lon, number;
  g_autofree char *iso = NULL;

  if (!g_utf8_validate (text, -1, NULL))     /* the callers validate UTF-8 first */
    return 0;
  if (pk_coords_parse (text, &lat, &lon, NULL))
    g_assert (pk_coords_check_range (lat, lon, NULL));
  if (pk_date_parse_input (text, &iso))
    {
      int y, m, d;
      g_autofree char *shown = NULL;

      g_assert (pk_date_parse_iso (iso, &y, &m, &d));
      shown = pk_date_format (iso, TRUE);
    }
  if (pk_text_parse_double (text, &number))
    g_assert (isfinite (number));
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *reason = checks[i] (text, &normalized);

      g_assert (reason == NULL || normalized == NULL);
    }
  g_free (pk_text_check_field (text, 200));
  g_free (pk_text_fold (text));
  g_free (pk_text_localize_digits (text));
  return 0;
}
