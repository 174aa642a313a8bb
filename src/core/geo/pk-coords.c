/* pk-coords.c
 *
 * Accepts "32.866, 59.221", "32.866 59.221", degrees-minutes-seconds such as
 * 32°51'57.6"N 59°13'15.2"E or "32 51 57.6 N, 59 13 15.2 E", hemisphere letters
 * in either order, Persian or Arabic-Indic digits, the Persian decimal
 * separator (٫) and comma (،).
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-coords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pk-coords.h"
#include "pk-text.h"

G_DEFINE_QUARK (pk-coords-error-quark, pk_coords_error)

typedef struct
{
  double   parts[3];
  guint    n_parts;
  char     hemisphere;    /* 'N', 'S', 'E', 'W' or 0 */
  gboolean negative;
} Half;

static gboolean
half_value (const Half *h,
            double     *out)
{
  double v;

  if (h->n_parts == 0)
    return FALSE;
  if (h->n_parts > 1 && (h->parts[1] < 0 || h->parts[1] >= 60 || floor (h->parts[0]) != h->parts[0]))
    return FALSE;
  if (h->n_parts > 2 && (h->parts[2] < 0 || h->parts[2] >= 60 || floor (h->parts[1]) != h->parts[1]))
    return FALSE;
  v = h->parts[0] + (h->n_parts > 1 ? h->parts[1] / 60 : 0) + (h->n_parts > 2 ? h->parts[2] / 3600 : 0);
  if (h->negative || h->hemisphere == 'S' || h->hemisphere == 'W')
    v = -v;
  *out = v;
  return TRUE;
}

static gboolean
syntax_error (const char  *text,
              GError     **error)
{
  g_set_error (error, PK_COORDS_ERROR, PK_COORDS_ERROR_SYNTAX,
               _("“%s” is not a coordinate pair: write for example 32.866, 59.221 or "
                 "32°51′58″N 59°13′16″E"), text);
  return FALSE;
}

gboolean
pk_coords_check_range (double   lat,
                       double   lon,
                       GError **error)
{
  if (!isfinite (lat) || !isfinite (lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)
    {
      g_set_error (error, PK_COORDS_ERROR, PK_COORDS_ERROR_RANGE,
                   _("Coordinates out of range: latitude must be within ±90 and longitude "
                     "within ±180 degrees"));
      return FALSE;
    }
  return TRUE;
}

/* Long on purpose: one pass over the text that tries each written form of a
 * position in turn (decimal degrees, degrees-minutes-seconds, hemisphere
 * letters either side); split, the forms would share a cursor through a struct. */
gboolean
pk_coords_parse (const char  *text,
                 double      *lat,
                 double      *lon,
                 GError     **error)
{
  g_autofree char *ascii = NULL;
  GString *clean;
  Half halves[2] = { { { 0 } } };
  guint h = 0;
  gboolean comma_split = FALSE;
  double a, b;

  g_return_val_if_fail (text != NULL, FALSE);
  ascii = pk_text_to_ascii_digits (text);

  /* one alphabet of separators: ° ′ ″ and their look-alikes become spaces */
  clean = g_string_new (NULL);
  for (const char *p = ascii; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x060C || c == ';')                    /* ، Persian comma */
        g_string_append_c (clean, ',');
      else if (c == 0x00B0 || c == 0x00BA || c == 0x2032 || c == 0x2033 || c == '\'' ||
               c == '"' || c == 0x2019 || c == 0x201D || c == ':')
        g_string_append_c (clean, ' ');
      else if (c < 128)
        g_string_append_c (clean, (char) c);
      else if (g_unichar_isspace (c) || c == 0x200C || c == 0x200F || c == 0x200E)
        g_string_append_c (clean, ' ');
      else
        {
          g_string_free (clean, TRUE);
          return syntax_error (text, error);
        }
    }

  for (const char *p = clean->str; *p;)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (*p == ',')
        {
          if (comma_split || halves[0].n_parts == 0 || (h == 1 && halves[1].n_parts > 0))
            goto bad;
          comma_split = TRUE;
          h = 1;
          p++;
        }
      else if (strchr ("NSEWnsew", *p) != NULL && !g_ascii_isalpha (p[1]))
        {
          if (halves[h].hemisphere != 0 || halves[h].n_parts == 0)
            goto bad;
          halves[h].hemisphere = g_ascii_toupper (*p);
          p++;
          if (h == 0 && !comma_split)
            h = 1;                                    /* "32 51 N 59 13 E" */
        }
      else if (g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.')
        {
          char *end = NULL;
          double v = g_ascii_strtod (p, &end);

          if (end == p || !isfinite (v))
            goto bad;
          if (halves[h].n_parts == 3)
            {
              if (h == 1 || comma_split)
                goto bad;
              h = 1;
            }
          if (v < 0 || *p == '-')
            {
              if (halves[h].n_parts > 0)
                goto bad;
              halves[h].negative = TRUE;
              v = fabs (v);
            }
          halves[h].parts[halves[h].n_parts++] = v;
          p = end;
        }
      else
        goto bad;
    }
  g_string_free (clean, TRUE);

  /* "32.866 59.221": two bare numbers, one each */
  if (h == 0 && halves[0].n_parts == 2 && halves[0].hemisphere == 0 && !halves[0].negative)
    {
      halves[1].parts[0] = halves[0].parts[1];
      halves[1].n_parts = 1;
      halves[0].n_parts = 1;
    }
  else if (h == 0 && halves[0].n_parts == 2 && halves[0].hemisphere == 0)
    return syntax_error (text, error);

  if (!half_value (&halves[0], &a) || !half_value (&halves[1], &b))
    return syntax_error (text, error);

  /* hemisphere letters say which is which; otherwise latitude comes first */
  if (halves[0].hemisphere == 'E' || halves[0].hemisphere == 'W' ||
      halves[1].hemisphere == 'N' || halves[1].hemisphere == 'S')
    {
      double t = a;
      a = b;
      b = t;
    }
  if ((halves[0].hemisphere && halves[1].hemisphere) &&
      (strchr ("NS", halves[0].hemisphere) != NULL) == (strchr ("NS", halves[1].hemisphere) != NULL))
    return syntax_error (text, error);

  if (!pk_coords_check_range (a, b, error))
    return FALSE;
  *lat = a;
  *lon = b;
  return TRUE;

bad:
  g_string_free (clean, TRUE);
  return syntax_error (text, error);
}
