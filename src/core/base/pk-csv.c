/* pk-csv.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-csv"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pk-csv.h"

void
pk_csv_free (PkCsv *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->header);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->row_numbers);
  g_free (self);
}

/**
 * pk_csv_parse:
 *
 * Quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF.
 * Blank lines are skipped. The text must be UTF-8.
 */
/* Long on purpose: RFC 4180's quoting as one state machine over the
 * characters. */
PkCsv *
pk_csv_parse (const char  *text,
              gsize        len,
              GError     **error)
{
  g_autoptr(PkCsv) self = g_new0 (PkCsv, 1);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text, *end = text + len;
  guint line = 1, record_line = 1;
  gboolean quoted = FALSE, any = FALSE, was_quoted = FALSE;

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not UTF-8 text"));
      return NULL;
    }
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  for (; p <= end; p++)
    {
      char c = p < end ? *p : '\n';
      gboolean at_end = p == end;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Row %u: a quoted field is not closed"), record_line);
              return NULL;
            }
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = any = TRUE;
          continue;
        }
      if (c == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          any = TRUE;
          continue;
        }
      if (c == '\r' && p + 1 < end && p[1] == '\n')
        continue;
      /* a lone CR ends a line too (classic Mac and some spreadsheet exports) */
      if (c == '\n' || c == '\r')
        {
          if (any || field->len > 0)
            {
              g_ptr_array_add (fields, g_strdup (field->str));
              g_ptr_array_add (fields, NULL);
              if (self->header == NULL)
                {
                  self->header = (GStrv) g_ptr_array_steal (fields, NULL);
                  for (guint i = 0; self->header[i]; i++)
                    {
                      char *lower = g_utf8_strdown (g_strstrip (self->header[i]), -1);
                      g_free (self->header[i]);
                      self->header[i] = lower;
                      for (guint k = 0; k < i; k++)
                        if (*lower != '\0' && g_str_equal (self->header[k], lower))
                          {
                            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                         _("Row 1: the column “%s” appears twice"), lower);
                            return NULL;
                          }
                    }
                }
              else
                {
                  g_ptr_array_add (self->rows, g_ptr_array_steal (fields, NULL));
                  g_array_append_val (self->row_numbers, record_line);
                }
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          g_string_truncate (field, 0);
          any = was_quoted = FALSE;
          if (!at_end)
            line++;
          record_line = line;
          continue;
        }
      g_string_append_c (field, c);
    }

  if (self->header == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is empty: a CSV file needs a header line"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

PkCsv *
pk_csv_read_file (const char  *path,
                  GError     **error)
{
  g_autofree char *text = NULL;
  gsize len;

  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  return pk_csv_parse (text, len, error);
}

int
pk_csv_column (const PkCsv *self,
               const char  *name)
{
  for (int i = 0; self->header[i]; i++)
    if (g_str_equal (self->header[i], name))
      return i;
  return -1;
}

/* NULL for a missing column or a row that is too short; cells are trimmed. */
const char *
pk_csv_cell (const PkCsv *self,
             guint        row,
             int          column)
{
  GStrv cells = g_ptr_array_index (self->rows, row);

  if (column < 0 || column >= (int) g_strv_length (cells))
    return NULL;
  return g_strstrip (cells[column]);
}
