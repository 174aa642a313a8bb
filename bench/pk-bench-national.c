/* pk-bench-national.c: the synthetic national workspace the benchmarks share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "pk-bench-national.h"
#include "pk-export.h"
#include "pk-geography.h"


/* The national workspace: the 31 provinces as "counties" of one home region,
 * Iran, whose outline is all of theirs together; the 1,572 cities. */
PkStore *
pk_bench_build_national (const char  *path,
                         GArray      *cities_out,
                         GError     **error)
{
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkStore) tmp = NULL;
  g_autofree char *tmp_path = g_strconcat (path, ".provinces", NULL);
  g_autoptr(GPtrArray) provinces = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(JsonBuilder) iran = json_builder_new ();
  g_autoptr(JsonNode) iran_node = NULL;
  g_autofree char *iran_json = NULL;

  /* borrow the bundled outlines through an ordinary province workspace */
  if ((tmp = pk_workspace_create_province (tmp_path, "17", TRUE, error)) == NULL ||
      (provinces = pk_store_list_provinces (tmp, error)) == NULL ||
      (all = pk_geography_list_provinces (error)) == NULL)
    return NULL;

  json_builder_begin_object (iran);
  json_builder_set_member_name (iran, "type");
  json_builder_add_string_value (iran, "MultiPolygon");
  json_builder_set_member_name (iran, "coordinates");
  json_builder_begin_array (iran);
  for (guint i = 0; i < provinces->len; i++)
    pk_json_add_polygons (iran, ((PkPlace *) g_ptr_array_index (provinces, i))->geometry);
  json_builder_end_array (iran);
  json_builder_end_object (iran);
  iran_node = json_builder_get_root (iran);
  iran_json = json_to_string (iran_node, FALSE);

  if ((store = pk_store_create (path, TRUE, error)) == NULL ||
      !pk_store_begin (store, error) ||
      !pk_store_add_province (store, 1000, "ایران", "Iran", iran_json, error) ||
      !pk_store_set_meta (store, "province_id", "1000", error))
    return NULL;
  for (guint i = 0; i < provinces->len; i++)
    {
      PkPlace *p = g_ptr_array_index (provinces, i);
      g_autofree char *json = NULL;
      JsonBuilder *b = json_builder_new ();
      JsonNode *node;

      /* each province is a "county" of the national region (SR-5 / SR-4) */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "MultiPolygon");
      json_builder_set_member_name (b, "coordinates");
      json_builder_begin_array (b);
      pk_json_add_polygons (b, p->geometry);
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      json = json_to_string (node, FALSE);
      json_node_unref (node);
      g_object_unref (b);
      if (pk_store_add_county (store, p->name_fa, p->name_en, 0, json, error) == 0)
        return NULL;
    }
  {
    g_autoptr(GPtrArray) cities = pk_store_list_cities (tmp, error);
    g_autofree char *csv_text = NULL;
    gsize len;
    g_auto(GStrv) lines = NULL;

    /* all 1,572 cities, from the bundled file via a second read of the CSV */
    if (!g_file_get_contents (PK_SOURCE_ROOT "/data/geography/iran-cities.csv", &csv_text, &len, error))
      return NULL;
    lines = g_strsplit (csv_text, "\n", -1);
    for (guint i = 1; lines[i]; i++)
      {
        g_auto(GStrv) f = g_strsplit (g_strchomp (lines[i]), ",", -1);
        PkBenchCity c;

        if (g_strv_length (f) < 8)
          continue;
        c.lat = g_ascii_strtod (f[6], NULL);
        c.lon = g_ascii_strtod (f[7], NULL);
        c.seat = g_str_equal (f[5], "1");
        if (fabs (c.lat) < 1 && fabs (c.lon) < 1)
          continue;                                  /* a few rows have no coordinates */
        if (pk_store_add_city (store, 0, 0, f[1], f[2], c.seat,   /* ids repeat in the file */
                               c.lat, c.lon, error) == 0)
          return NULL;
        g_array_append_val (cities_out, c);
      }
  }
  if (!pk_store_commit (store, error))
    return NULL;
  g_clear_object (&tmp);
  g_unlink (tmp_path);
  return g_steal_pointer (&store);
}

void
pk_bench_near_city (GRand  *rand,
                    GArray *cities,
                    double  spread_km,
                    double *lat,
                    double *lon)
{
  PkBenchCity *c = &g_array_index (cities, PkBenchCity, g_rand_int_range (rand, 0, cities->len));
  double r = spread_km * sqrt (g_rand_double (rand)) / 111.32;
  double a = g_rand_double_range (rand, 0, 2 * G_PI);

  *lat = c->lat + r * sin (a);
  *lon = c->lon + r * cos (a) / cos (c->lat * G_PI / 180);
}

/* @n offices: 55 % urban within 3 km of a city, the rest rural up to 40 km
 * out; 90 % active. As the CSV pk_import_offices() reads. */
char *
pk_bench_offices_csv (GRand  *rand,
                      GArray *cities,
                      guint   n)
{
  GString *csv = g_string_new ("code,name,license,status,lat,lon,postal_code\n");

  for (guint i = 0; i < n; i++)
    {
      gboolean urban = g_rand_double (rand) < 0.55;
      double lat, lon;

      pk_bench_near_city (rand, cities, urban ? 3 : 40, &lat, &lon);
      g_string_append_printf (csv, "N-%05u,Office %u,%s,%s,%.6f,%.6f,%010u\n", i, i,
                              urban ? "urban" : "rural",
                              g_rand_double (rand) < 0.9 ? "active" : "planned", lat, lon,
                              1000000000u + g_rand_int_range (rand, 0, 999999999));
    }
  return g_string_free (csv, FALSE);
}

/* Sets @key of the results the main benchmark wrote (or starts them) to @figures. */
void
pk_bench_merge_results (const char *path,
                        const char *key,
                        JsonObject *figures)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (json_parser_load_from_file (parser, path, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_copy (json_parser_get_root (parser));
  else
    root = json_node_init_object (json_node_alloc (), json_object_new ());
  json_object_set_object_member (json_node_get_object (root), key, json_object_ref (figures));
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  if (!json_generator_to_file (gen, path, &error))
    g_printerr ("%s\n", error->message);
  else
    printf ("\nwritten: %s\n", path);
}
