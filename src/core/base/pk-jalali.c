/* pk-jalali.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-jalali"

#include "config.h"

#include <stdio.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "pk-jalali.h"
#include "pk-text.h"

static const UChar utc_id[] = { 'U', 'T', 'C', 0 };

static UCalendar *
open_calendar (const char *locale)
{
  UErrorCode status = U_ZERO_ERROR;
  UCalendar *cal = ucal_open (utc_id, -1, locale, UCAL_DEFAULT, &status);

  if (U_FAILURE (status))
    return NULL;
  ucal_clear (cal);
  return cal;
}

/* Converts between calendars by setting the fields of one and reading the same
 * instant (noon UTC, so no day boundary is near) from the other. */
static gboolean
convert (const char *from_locale,
         const char *to_locale,
         int         y,
         int         m,
         int         d,
         int        *oy,
         int        *om,
         int        *od)
{
  UCalendar *from = NULL, *to = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UDate when;
  gboolean ok = FALSE;

  if (m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;
  from = open_calendar (from_locale);
  to = open_calendar (to_locale);
  if (from == NULL || to == NULL)
    goto out;

  ucal_setAttribute (from, UCAL_LENIENT, 0);
  ucal_setDateTime (from, y, m - 1, d, 12, 0, 0, &status);
  when = ucal_getMillis (from, &status);
  if (U_FAILURE (status))
    goto out;
  ucal_setMillis (to, when, &status);
  *oy = ucal_get (to, UCAL_YEAR, &status);
  *om = ucal_get (to, UCAL_MONTH, &status) + 1;
  *od = ucal_get (to, UCAL_DATE, &status);
  ok = U_SUCCESS (status);

out:
  if (from)
    ucal_close (from);
  if (to)
    ucal_close (to);
  return ok;
}

gboolean
pk_jalali_from_gregorian (int  gy,
                          int  gm,
                          int  gd,
                          int *jy,
                          int *jm,
                          int *jd)
{
  return convert ("en_US@calendar=gregorian", "fa_IR@calendar=persian",
                  gy, gm, gd, jy, jm, jd);
}

gboolean
pk_jalali_to_gregorian (int  jy,
                        int  jm,
                        int  jd,
                        int *gy,
                        int *gm,
                        int *gd)
{
  return convert ("fa_IR@calendar=persian", "en_US@calendar=gregorian",
                  jy, jm, jd, gy, gm, gd);
}

gboolean
pk_date_parse_iso (const char *iso,
                   int        *y,
                   int        *m,
                   int        *d)
{
  int yy, mm, dd;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &yy, &mm, &dd) != 3)
    return FALSE;
  if (!g_date_valid_dmy (dd, mm, yy))
    return FALSE;
  *y = yy;
  *m = mm;
  *d = dd;
  return TRUE;
}

/**
 * pk_date_format:
 * @iso: an ISO 8601 date (the time part, if any, is ignored)
 * @persian: Solar Hijri with Persian digits, or ISO Gregorian
 *
 * Returns: (transfer full) (nullable): the date for display
 */
char *
pk_date_format (const char *iso,
                gboolean    persian)
{
  int y, m, d, jy, jm, jd;
  g_autofree char *ascii = NULL;

  if (!pk_date_parse_iso (iso, &y, &m, &d))
    return NULL;
  if (!persian)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  if (!pk_jalali_from_gregorian (y, m, d, &jy, &jm, &jd))
    return NULL;
  ascii = g_strdup_printf ("%04d/%02d/%02d", jy, jm, jd);
  return pk_text_to_persian_digits (ascii);
}

char *
pk_date_format_for_locale (const char *iso)
{
  return pk_date_format (iso, pk_text_locale_is_persian ());
}

/**
 * pk_date_parse_input:
 * @text: as typed: "1405/08/29" or "۱۴۰۵/۰۸/۲۹" (Solar Hijri), "2026-11-20"
 *   (Gregorian); '/', '-' or '.' between the parts, any digits
 * @iso: (out): the date as ISO 8601 (Gregorian)
 *
 * A year before 1700 is read as Solar Hijri, a later one as Gregorian: the
 * two calendars' years in use never overlap.
 *
 * Returns: FALSE when @text is not a date of either calendar
 */
gboolean
pk_date_parse_input (const char  *text,
                     char       **iso)
{
  g_autofree char *ascii = pk_text_to_ascii_digits (text ? text : "");
  int y, m, d, gy, gm, gd;
  char sep1, sep2, tail;

  *iso = NULL;
  if (ascii == NULL)
    return FALSE;
  g_strstrip (ascii);
  if (sscanf (ascii, "%d%c%d%c%d%c", &y, &sep1, &m, &sep2, &d, &tail) != 5 || sep1 != sep2 ||
      (sep1 != '/' && sep1 != '-' && sep1 != '.') || m < 1 || m > 12 || d < 1 || d > 31 ||
      y > 2999)           /* ISO 8601 keeps four digits; a fifth was a typing slip (found by fuzzing) */
    return FALSE;
  if (y < 1700)
    {
      if (y < 1200 || !pk_jalali_to_gregorian (y, m, d, &gy, &gm, &gd))
        return FALSE;
    }
  else
    {
      GDate *date;

      if (!g_date_valid_dmy (d, m, y))
        return FALSE;
      date = g_date_new_dmy (d, m, y);
      gy = g_date_get_year (date);
      gm = g_date_get_month (date);
      gd = g_date_get_day (date);
      g_date_free (date);
    }
  *iso = g_strdup_printf ("%04d-%02d-%02d", gy, gm, gd);
  return TRUE;
}
