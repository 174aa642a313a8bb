/* pk-json.c
 *
 * json-glib trusts its input: a file nested 100,000 arrays deep overflows the
 * stack inside the parser, "\u0000" silently ends a string and a lone
 * surrogate becomes invalid UTF-8 in the tree. Everything the application
 * reads from users goes through here first, so those files are refused with
 * a message instead.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-json"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pk-json.h"

static int
hex4 (const char *p,
      const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* One pass over the bytes, before the parser sees them: nesting depth, and
 * the escapes json-glib would turn into something else. */
static gboolean
prescan (const char  *data,
         gsize        len,
         GError     **error)
{
  const char *p = data, *end = data + len;
  guint depth = 0, line = 1;
  gboolean in_string = FALSE;

  for (; p < end; p++)
    {
      char c = *p;

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && p + 1 < end)
            {
              int u;

              p++;
              if (*p != 'u')
                continue;
              u = hex4 (p + 1, end);
              if (u == 0)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("line %u holds a NUL character (\\u0000) inside a text"), line);
                  return FALSE;
                }
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  int low = (end - p >= 11 && p[5] == '\\' && p[6] == 'u') ? hex4 (p + 7, end) : -1;

                  if (low < 0xDC00 || low > 0xDFFF)
                    goto lone;
                  p += 10;
                  continue;
                }
              if (u >= 0xDC00 && u <= 0xDFFF)
                goto lone;
              if (u > 0)
                p += 4;
            }
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > PK_JSON_MAX_DEPTH)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("line %u is nested more than %d levels deep"), line,
                           PK_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;

lone:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("line %u holds half of a UTF-16 surrogate pair (\\u%.4s), which is not a character"),
               line, p + 1);
  return FALSE;
}

/**
 * pk_json_parse_data:
 *
 * Returns: (transfer full): a parser holding the document, or %NULL with
 *   @error saying what is wrong (empty, not UTF-8, too deep, bad escapes, not JSON)
 */
JsonParser *
pk_json_parse_data (const char  *data,
                    gsize        len,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *p = data;

  while (p < data + len && g_ascii_isspace (*p))
    p++;
  if (p == data + len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is empty"));
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it is not UTF-8 text"));
      return NULL;
    }
  if (!prescan (data, len, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  return g_steal_pointer (&parser);
}

/**
 * pk_json_parse_file:
 *
 * As pk_json_parse_data(), with the file's name in the message.
 */
JsonParser *
pk_json_parse_file (const char  *path,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) local = NULL;
  JsonParser *parser;
  gsize len;

  if (!g_file_get_contents (path, &text, &len, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” cannot be read: %s"),
                   display, local->message);
      return NULL;
    }
  if ((parser = pk_json_parse_data (text, len, &local)) == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not valid JSON: %s"),
                 display, local->message);
  return parser;
}

/**
 * pk_json_parse_text:
 * @text: (nullable): JSON kept in a workspace (a verdict, findings, ticks)
 *
 * A workspace may come from anyone, so what it stores is read as bounded as
 * a file is.
 *
 * Returns: (transfer full) (nullable): the parser, or %NULL for no or bad JSON
 */
JsonParser *
pk_json_parse_text (const char *text)
{
  return text != NULL ? pk_json_parse_data (text, strlen (text), NULL) : NULL;
}

/* The member when it is an object, else NULL (never a critical). */
JsonObject *
pk_json_object_member (JsonObject *object,
                       const char *name)
{
  JsonNode *n = object ? json_object_get_member (object, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

JsonArray *
pk_json_array_member (JsonObject *object,
                      const char *name)
{
  JsonNode *n = object ? json_object_get_member (object, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

const char *
pk_json_string_member (JsonObject *object,
                       const char *name)
{
  JsonNode *n = object ? json_object_get_member (object, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

/* A JSON number (integer or not), finite. */
gboolean
pk_json_number (JsonNode *node,
                double   *out)
{
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  if (t == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (t == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* @member: @value, or null when there is none */
void
pk_json_add_string_or_null (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* @member: {"lat": …, "lon": …}, or null when the position is not @known */
void
pk_json_add_position (JsonBuilder *builder,
                      const char  *member,
                      gboolean     known,
                      double       lat,
                      double       lon)
{
  json_builder_set_member_name (builder, member);
  if (!known)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lat");
  json_builder_add_double_value (builder, lat);
  json_builder_set_member_name (builder, "lon");
  json_builder_add_double_value (builder, lon);
  json_builder_end_object (builder);
}
