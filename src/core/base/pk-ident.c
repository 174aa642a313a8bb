/* pk-ident.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-ident"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pk-ident.h"
#include "pk-text.h"

/* ASCII digits only, spaces and dashes dropped; NULL if anything else is there. */
static char *
digits_only (const char *text)
{
  g_autofree char *ascii = pk_text_to_ascii_digits (text);
  GString *out;

  if (ascii == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (*p != ' ' && *p != '-')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
done (char  *digits,
      char **normalized)
{
  if (normalized)
    *normalized = digits;
  else
    g_free (digits);
  return NULL;
}

/**
 * pk_ident_check_national_code:
 *
 * کد ملی: 10 digits, the last a check digit: s = Σ d[i]·(10 − i) for
 * i = 0…8, r = s mod 11; valid when check = r if r < 2, else 11 − r. Ten
 * equal digits are invalid.
 */
char *
pk_ident_check_national_code (const char  *text,
                              char       **normalized)
{
  g_autofree char *d = digits_only (text);
  int s = 0, r, check;
  gboolean all_same = TRUE;

  if (d == NULL || strlen (d) != 10)
    return g_strdup (_("a national code has exactly 10 digits"));
  for (int i = 0; i < 9; i++)
    s += (d[i] - '0') * (10 - i);
  for (int i = 1; i < 10; i++)
    all_same &= d[i] == d[0];
  if (all_same)
    return g_strdup (_("a national code cannot be ten equal digits"));
  r = s % 11;
  check = r < 2 ? r : 11 - r;
  if (check != d[9] - '0')
    return g_strdup (_("the check digit does not match: a digit is mistyped"));
  return done (g_steal_pointer (&d), normalized);
}

/**
 * pk_ident_check_national_id:
 *
 * شناسه ملی of a legal entity: 11 digits; with c = d[9] + 2 and weights
 * 29, 27, 23, 19, 17 (twice), r = Σ (d[i] + c)·w[i] mod 11 (10 counts as 0)
 * must equal the last digit.
 */
char *
pk_ident_check_national_id (const char  *text,
                            char       **normalized)
{
  static const int w[] = { 29, 27, 23, 19, 17, 29, 27, 23, 19, 17 };
  g_autofree char *d = digits_only (text);
  int c, s = 0, r;

  if (d == NULL || strlen (d) != 11)
    return g_strdup (_("a company's national ID has exactly 11 digits"));
  c = d[9] - '0' + 2;
  for (int i = 0; i < 10; i++)
    s += (d[i] - '0' + c) * w[i];
  r = s % 11;
  if (r == 10)
    r = 0;
  if (r != d[10] - '0')
    return g_strdup (_("the check digit does not match: a digit is mistyped"));
  return done (g_steal_pointer (&d), normalized);
}

char *
pk_ident_check_postal_code (const char  *text,
                            char       **normalized)
{
  g_autofree char *d = digits_only (text);

  if (d == NULL || strlen (d) != 10)
    return g_strdup (_("a postal code has exactly 10 digits"));
  return done (g_steal_pointer (&d), normalized);
}

/* 11 digits starting 09; +98 9… and 0098 9… are accepted and written 09…. */
char *
pk_ident_check_mobile (const char  *text,
                       char       **normalized)
{
  g_autofree char *raw = NULL;
  g_autofree char *d = NULL;
  const char *p;

  raw = text ? g_strdup (text) : NULL;
  if (raw != NULL)
    g_strstrip (raw);
  p = raw;
  if (p != NULL && *p == '+')
    p++;
  d = p ? digits_only (p) : NULL;
  if (d != NULL && g_str_has_prefix (d, "0098"))
    {
      char *t = g_strconcat ("0", d + 4, NULL);
      g_free (d);
      d = t;
    }
  else if (d != NULL && g_str_has_prefix (d, "98") && strlen (d) == 12)
    {
      char *t = g_strconcat ("0", d + 2, NULL);
      g_free (d);
      d = t;
    }
  if (d == NULL || strlen (d) != 11 || !g_str_has_prefix (d, "09"))
    return g_strdup (_("a mobile number has 11 digits and starts with 09"));
  return done (g_steal_pointer (&d), normalized);
}
