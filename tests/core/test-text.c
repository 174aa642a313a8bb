/* test-text.c: search folding and Persian digits (case tables)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-text.h"

static void
test_fold (void)
{
  static const struct { const char *a, *b; } same[] = {
    { "بيرجند", "بیرجند" },                 /* Arabic yeh U+064A vs Persian yeh U+06CC */
    { "كاشمر", "کاشمر" },                   /* Arabic kaf vs Persian keheh */
    { "عشق‌آباد", "عشق آباد" },             /* ZWNJ vs space */
    { "عشق‌آباد", "عشقآباد" },
    { "مي‌رود", "میرود" },
    { "Birjand", "BIRJAND" },
    { "۱۲۳", "123" },
    { "١٢٣", "123" },                       /* Arabic-Indic digits */
    { "قائنات", "قاینات" },                  /* hamza seat folds to yeh */
    { "خانهٔ", "خانه" },                     /* ezafe mark dropped */
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = pk_text_fold (same[i].a);
      g_autofree char *b = pk_text_fold (same[i].b);

      g_assert_cmpstr (a, ==, b);
    }
  {
    g_autofree char *a = pk_text_fold ("بیرجند");
    g_autofree char *b = pk_text_fold ("خوسف");

    g_assert_cmpstr (a, !=, b);
  }
}

static void
test_matches (void)
{
  g_autofree char *needle = pk_text_fold ("بيرج");

  g_assert_true (pk_text_matches ("دفتر پیشخوان بیرجند ۲", needle));
  g_assert_false (pk_text_matches ("دفتر پیشخوان طبس", needle));
  g_assert_true (pk_text_matches ("anything", ""));
}

static void
test_digits (void)
{
  g_autofree char *fa = pk_text_to_persian_digits ("SK-U-012, 2024");
  g_autofree char *ascii = pk_text_to_ascii_digits ("۳۲٫۸۶۶");

  g_autofree char *share = pk_text_to_persian_digits ("42% of 3.5 km, 100%% literal? no: % alone");

  g_assert_cmpstr (fa, ==, "SK-U-۰۱۲, ۲۰۲۴");
  g_assert_cmpstr (ascii, ==, "32.866");
  /* rule and stage IDs keep their digits; other numbers, codes included, do not */
  {
    g_autofree char *ids = pk_text_to_persian_digits ("SR-3 fails; DOC-1…DOC-5, S10, EL-10 and 12 S-3 XS10 3.5");

    g_assert_cmpstr (ids, ==, "SR-3 fails; DOC-1…DOC-5, S10, EL-10 and ۱۲ S-۳ XS۱۰ ۳٫۵");
  }
  /* a percent sign after a number becomes ٪; elsewhere it stays */
  g_assert_cmpstr (share, ==, "۴۲٪ of ۳٫۵ km, ۱۰۰٪% literal? no: % alone");
}

static void
test_parse_double (void)
{
  static const struct { const char *text; gboolean ok; double value; } cases[] = {
    { "32.866", TRUE, 32.866 },
    { "۳۲٫۸۶۶", TRUE, 32.866 },
    { "٣٢.٥", TRUE, 32.5 },
    { " -59.2 ", TRUE, -59.2 },
    { "", FALSE, 0 },
    { "12abc", FALSE, 0 },
    { "nan", FALSE, 0 },
    { "inf", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double v = -1;

      g_assert_cmpint (pk_text_parse_double (cases[i].text, &v), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpfloat_with_epsilon (v, cases[i].value, 1e-12);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/text/fold/persian-variants", test_fold);
  g_test_add_func ("/text/fold/matches", test_matches);
  g_test_add_func ("/text/digits", test_digits);
  g_test_add_func ("/text/parse-double", test_parse_double);
  return g_test_run ();
}
