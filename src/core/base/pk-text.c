/* pk-text.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pk-text.h"

/* Fold a character for search, or return 0 to drop it. Persian text is typed
 * with Arabic keyboards too (ي U+064A, ك U+0643), with or without zero-width
 * non-joiners, with or without diacritics: all of those compare equal. */
static gunichar
fold_char (gunichar c)
{
  switch (c)
    {
    case 0x064A: case 0x0649: case 0x06D0: case 0x0626:   /* ي ى ې ئ */
      return 0x06CC;                                      /* ی */
    case 0x0643:                                          /* ك */
      return 0x06A9;                                      /* ک */
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:   /* آ أ إ ٱ */
      return 0x0627;                                      /* ا */
    case 0x0624:                                          /* ؤ */
      return 0x0648;
    case 0x0629: case 0x06C0: case 0x06D5:                /* ة ۀ ە */
      return 0x0647;                                      /* ه */
    case 0x200C: case 0x200D: case 0x200E: case 0x200F:   /* ZWNJ, ZWJ, marks */
    case 0x0640: case 0xFEFF:                             /* tatweel, BOM */
      return 0;
    default:
      break;
    }
  if (c >= 0x064B && c <= 0x065F)                         /* harakat */
    return 0;
  if (c == 0x0670)
    return 0;
  if (c >= 0x06F0 && c <= 0x06F9)
    return '0' + (c - 0x06F0);
  if (c >= 0x0660 && c <= 0x0669)
    return '0' + (c - 0x0660);
  if (g_unichar_isspace (c) || c == '-' || c == '_' || c == '\'' || c == '.')
    return 0;                                             /* "عشق آباد" = "عشق‌آباد" */
  return g_unichar_tolower (c);
}

/**
 * pk_text_fold:
 *
 * Returns: (transfer full): @text folded for search: Arabic letter variants
 *   mapped to Persian, ZWNJ, spaces and diacritics removed, digits ASCII,
 *   Latin lower-case.
 */
char *
pk_text_fold (const char *text)
{
  g_autofree char *nfc = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfc == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (nfc));
  for (const char *p = nfc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = fold_char (g_utf8_get_char (p));

      if (c != 0)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
pk_text_matches (const char *haystack,
                 const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (needle_folded == NULL || *needle_folded == '\0')
    return TRUE;
  folded = pk_text_fold (haystack);
  return strstr (folded, needle_folded) != NULL;
}

char *
pk_text_to_ascii_digits (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x06F0 && c <= 0x06F9)
        g_string_append_c (out, '0' + (c - 0x06F0));
      else if (c >= 0x0660 && c <= 0x0669)
        g_string_append_c (out, '0' + (c - 0x0660));
      else if (c == 0x066B)                               /* ٫ Persian decimal separator */
        g_string_append_c (out, '.');
      else if (c == 0x066C)                               /* ٬ thousands separator */
        continue;
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Whether the digits at @p are the number of a domain ID: "SR-3", "DOC-5",
 * "EL-10", "RQ-1", "S10", "P0-4" (domain.md's prefixes, whole words). */
static gboolean
is_domain_id (const char *text,
              const char *p)
{
  static const char * const prefixes[] = { "PA-", "AL-", "EL-", "DOC-", "ST-", "RQ-", "RT-", "SR-",
                                           "LT-", "P0-", "S", NULL };

  for (guint i = 0; prefixes[i]; i++)
    {
      gsize n = strlen (prefixes[i]);
      const char *start = p - n;

      if (p - text < (gssize) n || strncmp (start, prefixes[i], n) != 0)
        continue;
      if (start == text || !g_ascii_isalnum (start[-1]))
        return TRUE;
    }
  return FALSE;
}

char *
pk_text_to_persian_digits (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p >= '0' && *p <= '9' && (p == text || !g_ascii_isdigit (p[-1])) && is_domain_id (text, p))
        {
          /* a rule or stage ID (SR-3, DOC-5, S10…) stays as the documents write it */
          while (g_ascii_isdigit (*p))
            g_string_append_c (out, *p++);
          p--;
        }
      else if (*p >= '0' && *p <= '9')
        g_string_append_unichar (out, 0x06F0 + (*p - '0'));
      else if (*p == '.' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]))
        g_string_append_unichar (out, 0x066B);             /* ٫ the Persian decimal separator */
      else if (*p == '%' && p > text && g_ascii_isdigit (p[-1]))
        g_string_append_unichar (out, 0x066A);             /* ٪ the Arabic percent sign */
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Persian digits when the UI language is Persian; unchanged otherwise. */
char *
pk_text_localize_digits (const char *text)
{
  return pk_text_locale_is_persian () ? pk_text_to_persian_digits (text) : g_strdup (text);
}

/**
 * pk_text_parse_double:
 *
 * Parses a number written with ASCII, Persian or Arabic-Indic digits and
 * '.' or '٫' as the decimal separator (cli.md). The whole string must be the number.
 */
gboolean
pk_text_parse_double (const char *text,
                      double     *out)
{
  g_autofree char *ascii = pk_text_to_ascii_digits (text);
  char *end = NULL;
  double v;

  if (ascii == NULL)
    return FALSE;
  g_strstrip (ascii);
  if (*ascii == '\0')
    return FALSE;
  /* strtod also reads hex floats ("0x20"), "inf" and "nan": none is how a
   * person writes a coordinate or an area */
  for (const char *c = ascii; *c; c++)
    if (!g_ascii_isdigit (*c) && *c != '.' && *c != '-' && *c != '+' && *c != 'e' && *c != 'E')
      return FALSE;
  v = g_ascii_strtod (ascii, &end);
  if (end == ascii || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/**
 * pk_text_check_field:
 * @value: (nullable): what a person typed or a file held
 * @max_chars: the most characters the field takes
 *
 * A field of free text must be valid UTF-8 without control characters (they
 * would be echoed to terminals and break CSV and reports) and of a length a
 * person writes: a 10 MB name is not one, and it would make every report
 * that prints it take minutes.
 *
 * Returns: (transfer full) (nullable): why @value is refused (translated), or %NULL
 */
char *
pk_text_check_field (const char *value,
                     guint       max_chars)
{
  glong n;

  if (value == NULL)
    return NULL;
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_("the text is not valid UTF-8"));
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        return g_strdup_printf (_("the text holds a control character (U+%04X)"), c);
    }
  if ((n = g_utf8_strlen (value, -1)) > (glong) max_chars)
    return g_strdup_printf (_("the text has %ld characters; at most %u are taken"), n, max_chars);
  return NULL;
}

/* The translators decide: the Persian catalogue translates this marker to "fa". */
gboolean
pk_text_locale_is_persian (void)
{
  /* TRANSLATORS: write the ISO 639 code of your language here ("fa" for Persian). */
  return g_str_has_prefix (C_("language-code", "en"), "fa");
}

/* "• " to start a list item; in Persian with a right-to-left mark first, so
 * that an item beginning with an ID (EL-10, DOC-1) still reads right to left. */
const char *
pk_text_bullet (void)
{
  return pk_text_locale_is_persian () ? "\u200F• " : "• ";
}

/* printf, then the digits in the user's script (Persian digits in Persian). */
char *
pk_text_printf_localized (const char *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  return pk_text_localize_digits (text);
}
