/* pk-json.h: reading JSON from outside without trusting it
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than any GeoJSON we read (a MultiPolygon is 4 levels inside its feature). */
#define PK_JSON_MAX_DEPTH 64

JsonParser *pk_json_parse_data   (const char  *data,
                                  gsize        len,
                                  GError     **error);
JsonParser *pk_json_parse_file   (const char  *path,
                                  GError     **error);
JsonParser *pk_json_parse_text   (const char  *text);

JsonObject *pk_json_object_member (JsonObject *object,
                                   const char *name);
JsonArray  *pk_json_array_member  (JsonObject *object,
                                   const char *name);
const char *pk_json_string_member (JsonObject *object,
                                   const char *name);
gboolean    pk_json_number        (JsonNode   *node,
                                   double     *out);

void        pk_json_add_string_or_null (JsonBuilder *builder,
                                        const char  *member,
                                        const char  *value);
void        pk_json_add_position  (JsonBuilder *builder,
                                   const char  *member,
                                   gboolean     known,
                                   double       lat,
                                   double       lon);

G_END_DECLS
