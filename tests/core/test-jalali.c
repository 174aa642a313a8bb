/* test-jalali.c: Solar Hijri through ICU
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-jalali.h"

static void
test_known_dates (void)
{
  static const struct { int gy, gm, gd, jy, jm, jd; } cases[] = {
    { 2024, 3, 20, 1403, 1, 1 },      /* Nowruz 1403 */
    { 2025, 3, 21, 1404, 1, 1 },      /* Nowruz 1404 */
    { 2026, 11, 23, 1405, 9, 2 },
    { 1979, 2, 11, 1357, 11, 22 },
    { 2000, 2, 29, 1378, 12, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int jy, jm, jd, gy, gm, gd;

      g_assert_true (pk_jalali_from_gregorian (cases[i].gy, cases[i].gm, cases[i].gd, &jy, &jm, &jd));
      g_assert_cmpint (jy, ==, cases[i].jy);
      g_assert_cmpint (jm, ==, cases[i].jm);
      g_assert_cmpint (jd, ==, cases[i].jd);
      g_assert_true (pk_jalali_to_gregorian (jy, jm, jd, &gy, &gm, &gd));
      g_assert_cmpint (gy * 10000 + gm * 100 + gd, ==,
                       cases[i].gy * 10000 + cases[i].gm * 100 + cases[i].gd);
    }
}

/* Every day of 1390–1410 converts to Gregorian and back to itself. */
static void
test_round_trip (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (21, 3, 2011);
  int prev_jd = 0;

  for (int i = 0; i < 365 * 20; i++, g_date_add_days (date, 1))
    {
      int jy, jm, jd, gy, gm, gd;

      g_assert_true (pk_jalali_from_gregorian (g_date_get_year (date), g_date_get_month (date),
                                               g_date_get_day (date), &jy, &jm, &jd));
      g_assert_true (pk_jalali_to_gregorian (jy, jm, jd, &gy, &gm, &gd));
      g_assert_cmpint (gy, ==, g_date_get_year (date));
      g_assert_cmpint (gm, ==, g_date_get_month (date));
      g_assert_cmpint (gd, ==, g_date_get_day (date));
      g_assert_true (jd == prev_jd + 1 || jd == 1);
      prev_jd = jd;
    }
}

static void
test_format (void)
{
  g_autofree char *fa = pk_date_format ("2024-03-20", TRUE);
  g_autofree char *en = pk_date_format ("2024-03-20T10:00:00Z", FALSE);
  g_autofree char *bad = pk_date_format ("2024-02-30", TRUE);

  g_assert_cmpstr (fa, ==, "۱۴۰۳/۰۱/۰۱");
  g_assert_cmpstr (en, ==, "2024-03-20");
  g_assert_null (bad);
}

/* Dates as typed: Solar Hijri with Persian or ASCII digits, or Gregorian. */
static void
test_parse_input (void)
{
  static const struct { const char *in, *iso; } good[] = {
    { "1405/08/29", "2026-11-20" },
    { "۱۴۰۵/۰۸/۲۹", "2026-11-20" },
    { "1403-12-30", "2025-03-20" },          /* 1403 is a leap year: Esfand 30 */
    { " 2026-11-20 ", "2026-11-20" },
    { "2024.02.29", "2024-02-29" },
  };
  static const char *bad[] = { "", "1405/13/01", "1405/07/31", "1404/12/30", "2025-02-29",
                               "29/08/1405", "1405/08", "1405/08-29", "tomorrow", "1100/01/01" };
  char *iso;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (pk_date_parse_input (good[i].in, &iso));
      g_assert_cmpstr (iso, ==, good[i].iso);
      g_free (iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pk_date_parse_input (bad[i], &iso));
      g_assert_null (iso);
    }
  /* and back: what the UI shows for a stored date, in Persian */
  iso = pk_date_format ("2026-11-20", TRUE);
  g_assert_cmpstr (iso, ==, "۱۴۰۵/۰۸/۲۹");
  g_free (iso);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/jalali/known-dates", test_known_dates);
  g_test_add_func ("/jalali/round-trip", test_round_trip);
  g_test_add_func ("/jalali/format", test_format);
  g_test_add_func ("/jalali/parse-input", test_parse_input);
  return g_test_run ();
}
