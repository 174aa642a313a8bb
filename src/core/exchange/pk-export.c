/* pk-export.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-export"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pk-export.h"
#include "pk-json.h"
#include "pk-output.h"
#include "pk-text.h"

static const PkPlace *
find_county (GPtrArray *counties,
             gint64     id)
{
  for (guint i = 0; i < counties->len; i++)
    if (((PkPlace *) g_ptr_array_index (counties, i))->id == id)
      return g_ptr_array_index (counties, i);
  return NULL;
}



/**
 * pk_office_add_feature:
 * @counties: (element-type PkPlace): to name the office's county
 *
 * One GeoJSON Point feature (WGS84) for @o, with "layer": "office".
 */
void
pk_office_add_feature (const PkOffice *o,
                       GPtrArray      *counties,
                       JsonBuilder    *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Feature");
  json_builder_set_member_name (b, "geometry");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Point");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, o->lon);
  json_builder_add_double_value (b, o->lat);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "layer");
  json_builder_add_string_value (b, "office");
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, o->id);
  pk_json_add_string_or_null (b, "code", o->code);
  pk_json_add_string_or_null (b, "name", o->name);
  pk_json_add_string_or_null (b, "license", pk_license_to_string (o->license));
  pk_json_add_string_or_null (b, "status", pk_status_to_string (o->status));
  json_builder_set_member_name (b, "sample");
  json_builder_add_boolean_value (b, o->sample);
  json_builder_set_member_name (b, "county");
  pk_place_add_json (find_county (counties, o->county_id), b);
  pk_json_add_string_or_null (b, "postal_code", o->postal_code);
  pk_json_add_string_or_null (b, "holder", o->holder);
  pk_json_add_string_or_null (b, "address", o->address);
  pk_json_add_string_or_null (b, "license_issued", o->license_issued);
  pk_json_add_string_or_null (b, "license_expires", o->license_expires);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/**
 * pk_export_offices_geojson:
 *
 * Returns: (transfer full): a FeatureCollection, one Point feature per office (WGS84)
 */
char *
pk_export_offices_geojson (PkStore  *store,
                           GError  **error)
{
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, error);
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (offices == NULL || (counties = pk_store_list_counties (store, error)) == NULL)
    return NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < offices->len; i++)
    pk_office_add_feature (g_ptr_array_index (offices, i), counties, b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe, unless it is a plain number; the import takes it off. */
static gboolean
looks_like_formula (const char *value)
{
  double number;

  return strchr ("=+-@", value[0]) != NULL && value[0] != '\0' &&
         !pk_text_parse_double (value, &number);
}

/* RFC 4180 quoting, only where needed. */
static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  g_autofree char *guarded = NULL;

  if (value == NULL)
    value = "";
  if (looks_like_formula (value))
    value = guarded = g_strconcat ("'", value, NULL);
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * pk_export_offices_csv:
 *
 * Returns: (transfer full): UTF-8 CSV with a header, one row per office;
 *   the columns can be read back by the office import.
 */
char *
pk_export_offices_csv (PkStore  *store,
                       GError  **error)
{
  static const char * const header[] = {
    "id", "code", "name", "license", "status", "sample", "county", "county_en",
    "postal_code", "holder", "address", "license_issued", "license_expires", "lat", "lon",
    "holder_code", "cancelled_on", "cancel_reason",
  };
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, error);
  g_autoptr(GPtrArray) counties = NULL;
  GString *out;

  if (offices == NULL || (counties = pk_store_list_counties (store, error)) == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    append_csv_field (out, header[i], i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      const PkPlace *county = find_county (counties, o->county_id);
      char id[32], lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, o->id);
      g_ascii_formatd (lat, sizeof lat, "%.7f", o->lat);
      g_ascii_formatd (lon, sizeof lon, "%.7f", o->lon);
      append_csv_field (out, id, FALSE);
      append_csv_field (out, o->code, FALSE);
      append_csv_field (out, o->name, FALSE);
      append_csv_field (out, pk_license_to_string (o->license), FALSE);
      append_csv_field (out, pk_status_to_string (o->status), FALSE);
      append_csv_field (out, o->sample ? "1" : "0", FALSE);
      append_csv_field (out, county ? county->name_fa : NULL, FALSE);
      append_csv_field (out, county ? county->name_en : NULL, FALSE);
      append_csv_field (out, o->postal_code, FALSE);
      append_csv_field (out, o->holder, FALSE);
      append_csv_field (out, o->address, FALSE);
      append_csv_field (out, o->license_issued, FALSE);
      append_csv_field (out, o->license_expires, FALSE);
      append_csv_field (out, lat, FALSE);
      append_csv_field (out, lon, FALSE);
      append_csv_field (out, o->holder_code, FALSE);
      append_csv_field (out, o->cancelled_on, FALSE);
      append_csv_field (out, o->cancel_reason, TRUE);
    }
  return g_string_free (out, FALSE);
}

/**
 * pk_export_audit_csv:
 * @entries: (element-type PkAuditEntry): as pk_store_list_audit() reads them
 *
 * Returns: (transfer full): UTF-8 CSV, one row per change: when, who, the
 *   action, the kind and id of the record, before and after (JSON)
 */
char *
pk_export_audit_csv (GPtrArray *entries)
{
  GString *out = g_string_new ("at,actor,action,entity,entity_id,before,after\r\n");

  for (guint i = 0; i < entries->len; i++)
    {
      PkAuditEntry *e = g_ptr_array_index (entries, i);
      char id[32];

      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, e->entity_id);
      append_csv_field (out, e->at, FALSE);
      append_csv_field (out, e->actor, FALSE);
      append_csv_field (out, e->action, FALSE);
      append_csv_field (out, e->entity, FALSE);
      append_csv_field (out, id, FALSE);
      append_csv_field (out, e->before, FALSE);
      append_csv_field (out, e->after, TRUE);
    }
  return g_string_free (out, FALSE);
}

/**
 * pk_json_add_polygons:
 *
 * Adds the polygons of @geometry as GeoJSON MultiPolygon coordinate arrays
 * (one array per polygon, rings of [lon, lat]), inside an array the caller
 * has begun: the caller writes the "coordinates" member around them.
 */
void
pk_json_add_polygons (JsonBuilder      *b,
                      const PkGeometry *g)
{
  for (guint p = 0; p < g->n_polygons; p++)
    {
      json_builder_begin_array (b);
      for (guint r = 0; r < g->polygons[p].n_rings; r++)
        {
          const PkRing *ring = &g->polygons[p].rings[r];

          json_builder_begin_array (b);
          for (guint k = 0; k < ring->n_points; k++)
            {
              json_builder_begin_array (b);
              json_builder_add_double_value (b, ring->xy[2 * k]);
              json_builder_add_double_value (b, ring->xy[2 * k + 1]);
              json_builder_end_array (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
}

/**
 * pk_export_case_file:
 *
 * The whole case in one file, format "pishkhan-case/1": everything
 * pk_case_to_json() says and each document's PDF (base64), so that it can
 * travel and be read without the workspace. Written whole or not at all.
 */
gboolean
pk_export_case_file (PkStore     *store,
                     PkCase      *c,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(JsonNode) node = pk_case_to_json (c);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  JsonArray *docs = json_object_get_array_member (json_node_get_object (node), "documents");
  g_autofree char *text = NULL;
  PkOutput *out;
  gsize length;

  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      g_autoptr(GBytes) bytes = pk_store_get_case_document_content (store, json_object_get_int_member (d, "id"),
                                                                    error);
      g_autofree char *b64 = NULL;
      const guint8 *data;
      gsize len;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &len);
      b64 = g_base64_encode (data, len);
      json_object_set_string_member (d, "content_pdf_base64", b64);
    }
  json_object_set_string_member (json_node_get_object (node), "format", "pishkhan-case/1");
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &length);
  if ((out = pk_output_open (path, error)) == NULL)
    return FALSE;
  return pk_output_close (out, pk_output_write (out, text, length), error);
}
