/* test-ident.c: identifier checks (case tables)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-ident.h"

/* Check digits computed by hand from domain.md's rule, not by the code under test:
 * 001234567?: s = 0·10+0·9+1·8+2·7+3·6+4·5+5·4+6·3+7·2 = 112, 112 mod 11 = 2 → 11−2 = 9. */
static void
test_national_code (void)
{
  static const struct { const char *text; gboolean ok; } cases[] = {
    { "0012345679", TRUE },
    { "۰۰۱۲۳۴۵۶۷۹", TRUE },           /* Persian digits */
    { "001-234567-9", TRUE },
    { "0012345678", FALSE },          /* wrong check digit */
    { "1111111111", FALSE },          /* ten equal digits */
    { "0000000000", FALSE },
    { "123456789", FALSE },           /* nine digits */
    { "00123456790", FALSE },
    { "00123x5679", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *norm = NULL;
      g_autofree char *why = pk_ident_check_national_code (cases[i].text, &norm);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (why == NULL, ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpstr (norm, ==, "0012345679");
    }
}

/* 1010123456?: c = d[9] + 2 = 8; Σ (d+8)·w = 9·29+8·27+9·23+8·19+9·17+10·29+11·27+12·23+13·19+14·17
 * = 261+216+207+152+153+290+297+276+247+238 = 2337; 2337 mod 11 = 5. */
static void
test_national_id (void)
{
  g_autofree char *a = pk_ident_check_national_id ("10101234565", NULL);
  g_autofree char *b = pk_ident_check_national_id ("10101234566", NULL);
  g_autofree char *c = pk_ident_check_national_id ("1010123456", NULL);

  g_assert_null (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
}

static void
test_postal_and_mobile (void)
{
  static const struct { const char *text; const char *norm; } mobiles[] = {
    { "09151234567", "09151234567" },
    { "۰۹۱۵۱۲۳۴۵۶۷", "09151234567" },
    { "+989151234567", "09151234567" },
    { "00989151234567", "09151234567" },
    { "0915 123 4567", "09151234567" },
    { "08151234567", NULL },
    { "0915123456", NULL },
  };
  g_autofree char *p1 = pk_ident_check_postal_code ("9717113456", NULL);
  g_autofree char *p2 = pk_ident_check_postal_code ("97171-13456", NULL);
  g_autofree char *p3 = pk_ident_check_postal_code ("971711345", NULL);

  g_assert_null (p1);
  g_assert_null (p2);
  g_assert_nonnull (p3);
  for (guint i = 0; i < G_N_ELEMENTS (mobiles); i++)
    {
      g_autofree char *norm = NULL;
      g_autofree char *why = pk_ident_check_mobile (mobiles[i].text, &norm);

      g_assert_cmpint (why == NULL, ==, mobiles[i].norm != NULL);
      if (why == NULL)
        g_assert_cmpstr (norm, ==, mobiles[i].norm);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/ident/national-code", test_national_code);
  g_test_add_func ("/ident/national-id", test_national_id);
  g_test_add_func ("/ident/postal-and-mobile", test_postal_and_mobile);
  return g_test_run ();
}
