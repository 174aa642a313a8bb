/* pk-geography.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-geography"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>

#include "pk-geography.h"
#include "pk-store-private.h"
#include "pk-geography-resources.h"
#include "pk-rules.h"
#include "pk-text.h"

#define RESOURCE_PATH "/ir/pishkhan/Siting/geography/"

static GBytes *
load_resource (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);

  g_resources_register (pk_geography_get_resource ());
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* A small CSV reader for the bundled files (no quoted fields in them). */
static GPtrArray *
read_csv (const char  *name,
          GError     **error)
{
  g_autoptr(GBytes) bytes = load_resource (name, error);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 1; lines[i] != NULL; i++)        /* skip the header */
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
    }
  return g_steal_pointer (&rows);
}

static JsonArray *
load_features (JsonParser  *parser,
               const char  *name,
               GError     **error)
{
  g_autoptr(GBytes) bytes = load_resource (name, error);
  JsonObject *root;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_array_member (root, "features");
}

/**
 * pk_geography_list_provinces:
 *
 * Returns: (transfer full): Iran's 31 provinces from the bundled files (names,
 *   id, centre; no outline)
 */
GPtrArray *
pk_geography_list_provinces (GError **error)
{
  g_autoptr(GPtrArray) rows = read_csv ("iran-provinces.csv", error);
  GPtrArray *out;

  if (rows == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      PkPlace *p;

      if (g_strv_length (f) < 6)
        continue;
      p = pk_place_new (PK_PLACE_PROVINCE);
      p->id = g_ascii_strtoll (f[0], NULL, 10);
      p->name_fa = g_strdup (f[1]);
      p->name_en = g_strdup (f[2]);
      p->lat = g_ascii_strtod (f[4], NULL);
      p->lon = g_ascii_strtod (f[5], NULL);
      g_ptr_array_add (out, p);
    }
  return out;
}

/**
 * pk_geography_find_province:
 * @name_or_id: an id of iran-provinces.csv, or a Persian or English name
 *   (compared after search folding, so "south khorasan" and «خراسان جنوبی» match)
 */
PkPlace *
pk_geography_find_province (const char  *name_or_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) all = pk_geography_list_provinces (error);
  g_autofree char *key = pk_text_fold (name_or_id);

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      PkPlace *p = g_ptr_array_index (all, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
      g_autofree char *fa = pk_text_fold (p->name_fa);
      g_autofree char *en = pk_text_fold (p->name_en);

      if (g_str_equal (key, id) || g_str_equal (key, fa) || g_str_equal (key, en))
        return pk_place_copy (p);
    }
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
               _("Unknown province “%s”: give one of the 31 province names or ids "
                 "(for example “South Khorasan” or 17)"), name_or_id);
  return NULL;
}

typedef struct
{
  gint64      id;
  PkGeometry *geom;
  double      area;
} CountyShape;

static void
county_shape_clear (CountyShape *c)
{
  g_clear_pointer (&c->geom, pk_geometry_unref);
}

/* The county holding a point; where outlines overlap, the smallest wins. */
static gint64
county_at (GArray *shapes,
           double  lon,
           double  lat)
{
  gint64 best = 0;
  double best_area = G_MAXDOUBLE;

  for (guint i = 0; i < shapes->len; i++)
    {
      CountyShape *c = &g_array_index (shapes, CountyShape, i);

      if (c->area < best_area && pk_geometry_contains (c->geom, lon, lat))
        {
          best = c->id;
          best_area = c->area;
        }
    }
  return best;
}

static gboolean
load_county_shapes (PkStore  *store,
                    GArray   *shapes,
                    GError  **error)
{
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, error);

  if (counties == NULL)
    return FALSE;
  for (guint i = 0; i < counties->len; i++)
    {
      PkPlace *p = g_ptr_array_index (counties, i);
      CountyShape c = { p->id, NULL, 0 };

      if (p->geometry == NULL)
        continue;
      c.geom = pk_geometry_ref (p->geometry);
      c.area = pk_geometry_area_deg2 (c.geom);
      g_array_append_val (shapes, c);
    }
  return TRUE;
}

static gboolean
fill_province (PkStore     *store,
               PkPlace     *province,
               gboolean     with_counties,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GArray) shapes = g_array_new (FALSE, TRUE, sizeof (CountyShape));
  JsonArray *features;
  gboolean found = FALSE;

  g_array_set_clear_func (shapes, (GDestroyNotify) county_shape_clear);

  /* All 31 outlines go in (the basemap draws the neighbours); meta says which
   * one is the workspace's. */
  features = load_features (parser, "iran-provinces.geojson", error);
  if (features == NULL)
    return FALSE;
  {
    g_autoptr(GPtrArray) ids = pk_geography_list_provinces (error);

    if (ids == NULL)
      return FALSE;
    for (guint i = 0; i < json_array_get_length (features); i++)
      {
        JsonObject *f = json_array_get_object_element (features, i);
        JsonObject *props = json_object_get_object_member (f, "properties");
        const char *name_en = json_object_get_string_member (props, "name_en");
        g_autofree char *geom = NULL;
        PkPlace *match = NULL;

        for (guint k = 0; k < ids->len && match == NULL; k++)
          if (g_strcmp0 (((PkPlace *) g_ptr_array_index (ids, k))->name_en, name_en) == 0)
            match = g_ptr_array_index (ids, k);
        if (match == NULL)
          continue;
        geom = json_to_string (json_object_get_member (f, "geometry"), FALSE);
        if (!pk_store_add_province (store, match->id, match->name_fa, match->name_en,
                                    geom, error))
          return FALSE;
        found |= match->id == province->id;
      }
  }
  if (!found)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   "No outline for province %s in the bundled data", province->name_en);
      return FALSE;
    }
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, province->id);

    if (!pk_store_set_meta (store, "province_id", id, error))
      return FALSE;
  }

  /* County outlines are bundled for South Khorasan only. OSM tags Eshqabad
   * (made a county in 2020) as a district; it is a county of the province. */
  if (with_counties)
    {
      g_autoptr(JsonParser) cparser = json_parser_new ();
      JsonArray *cf = load_features (cparser, "south-khorasan-counties.geojson", error);

      if (cf == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (cf); i++)
        {
          JsonObject *f = json_array_get_object_element (cf, i);
          JsonObject *props = json_object_get_object_member (f, "properties");
          g_autofree char *geom = json_to_string (json_object_get_member (f, "geometry"), FALSE);

          if (pk_store_add_county (store,
                                   json_object_get_string_member (props, "name_fa"),
                                   json_object_get_string_member (props, "name_en"),
                                   json_object_get_int_member_with_default (props, "osm_relation", 0),
                                   geom, error) == 0)
            return FALSE;
        }
      if (!load_county_shapes (store, shapes, error))
        return FALSE;
    }

  cities = read_csv ("iran-cities.csv", error);
  if (cities == NULL)
    return FALSE;
  for (guint i = 0; i < cities->len; i++)
    {
      char **f = g_ptr_array_index (cities, i);
      double lat, lon;

      if (g_strv_length (f) < 8 || g_ascii_strtoll (f[3], NULL, 10) != province->id)
        continue;
      lat = g_ascii_strtod (f[6], NULL);
      lon = g_ascii_strtod (f[7], NULL);
      if (pk_store_add_city (store, g_ascii_strtoll (f[0], NULL, 10),
                             county_at (shapes, lon, lat), f[1], f[2],
                             g_str_equal (f[5], "1"), lat, lon, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static PkStore *
create_workspace (const char  *path,
                  PkPlace     *province,
                  gboolean     overwrite,
                  gboolean     sample,
                  GError     **error);

PkStore *
pk_workspace_create_province (const char  *path,
                              const char  *province,
                              gboolean     overwrite,
                              GError     **error)
{
  g_autoptr(PkPlace) p = pk_geography_find_province (province, error);

  if (p == NULL)
    return NULL;
  return create_workspace (path, p, overwrite, FALSE, error);
}

PkStore *
pk_workspace_create_sample (const char  *path,
                            gboolean     overwrite,
                            GError     **error)
{
  g_autoptr(PkPlace) p = pk_geography_find_province ("17", error);

  if (p == NULL)
    return NULL;
  return create_workspace (path, p, overwrite, TRUE, error);
}

/* ---- invented sample offices ------------------------------------------ */

static const char * const sample_people[] = {
  "زهرا احمدی", "علی رضایی", "فاطمه محمدی", "حسین کریمی", "مریم حسینی",
  "محمد عباسی", "سمیه نظری", "رضا قاسمی", "نرگس جعفری", "مهدی صادقی",
};

static char *
random_postal_code (GRand *rand)
{
  GString *s = g_string_new (NULL);

  /* Iranian postal codes use no 0 or 2 in their first five digits. */
  for (int i = 0; i < 10; i++)
    {
      int d;

      do
        d = g_rand_int_range (rand, 0, 10);
      while (i < 5 && (d == 0 || d == 2));
      g_string_append_c (s, '0' + d);
    }
  return g_string_free (s, FALSE);
}

static PkStatus
random_status (GRand *rand)
{
  double r = g_rand_double (rand);

  return r < 0.78 ? PK_STATUS_ACTIVE
       : r < 0.88 ? PK_STATUS_APPROVED
       : r < 0.95 ? PK_STATUS_PLANNED
       : PK_STATUS_SUSPENDED;
}

static void
set_license_dates (PkOffice *o,
                   GRand    *rand)
{
  int year = g_rand_int_range (rand, 2019, 2026);
  int month = g_rand_int_range (rand, 1, 13);
  int day = g_rand_int_range (rand, 1, 29);

  o->license_issued = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  o->license_expires = g_strdup_printf ("%04d-%02d-%02d", year + 5, month, day);   /* LT-4 */
}

/* A point near a city: offsets of up to ~radius_km, more of them close to the centre. */
static void
jitter (GRand  *rand,
        double  lat,
        double  lon,
        double  radius_km,
        double *out_lat,
        double *out_lon)
{
  double r = radius_km * sqrt (g_rand_double (rand)) / 111.32;
  double a = g_rand_double_range (rand, 0, 2 * G_PI);

  *out_lat = lat + r * sin (a);
  *out_lon = lon + r * cos (a) / cos (lat * G_PI / 180);
}

/* Long on purpose: a table of the sample's invented offices, one statement
 * each, read top to bottom. */
static gboolean
add_sample_offices (PkStore  *store,
                    GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (PK_SAMPLE_SEED);
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, error);
  g_autoptr(GPtrArray) counties = NULL;
  int n_urban = 0, n_rural = 0;

  if (cities == NULL)
    return FALSE;
  counties = pk_store_list_counties (store, error);
  if (counties == NULL)
    return FALSE;

  /* Urban Pishkhan offices: in the cities, more in county seats (LT-2: companies). */
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *city = g_ptr_array_index (cities, i);
      int n = city->id == 140 ? 9                                 /* Birjand, the capital */
            : city->is_county_seat ? g_rand_int_range (rand, 2, 5)
            : g_rand_int_range (rand, 0, 2);

      for (int k = 0; k < n; k++)
        {
          g_autoptr(PkOffice) o = pk_office_new ();

          o->code = g_strdup_printf ("SK-U-%03d", ++n_urban);
          o->name = g_strdup_printf ("دفتر پیشخوان نمونه %s %d", city->name_fa, k + 1);
          o->license = PK_LICENSE_URBAN;
          o->status = random_status (rand);
          o->sample = TRUE;
          o->holder = g_strdup_printf ("شرکت نمونه خدمات پیشخوان %d", n_urban);
          o->address = g_strdup_printf ("%s، خیابان نمونه %d", city->name_fa,
                                        g_rand_int_range (rand, 1, 40));
          o->postal_code = random_postal_code (rand);
          o->county_id = city->parent_id;
          jitter (rand, city->lat, city->lon, city->id == 140 ? 3.0 : 1.2, &o->lat, &o->lon);
          set_license_dates (o, rand);
          if (pk_store_add_office (store, o, error) == 0)
            return FALSE;
        }
    }

  /* Rural ICT offices: spread over each county, away from the cities (LT-3). */
  for (guint i = 0; i < counties->len; i++)
    {
      PkPlace *county = g_ptr_array_index (counties, i);
      PkBBox *b = &county->geometry->bbox;
      int n = g_rand_int_range (rand, 3, 6);

      for (int k = 0, tries = 0; k < n && tries < 5000; tries++)
        {
          g_autoptr(PkOffice) o = NULL;
          double lat = g_rand_double_range (rand, b->min_y, b->max_y);
          double lon = g_rand_double_range (rand, b->min_x, b->max_x);
          gboolean near_city = FALSE;

          if (!pk_geometry_contains (county->geometry, lon, lat))
            continue;
          for (guint c = 0; c < cities->len && !near_city; c++)
            {
              PkPlace *city = g_ptr_array_index (cities, c);
              near_city = pk_geodesic_distance (lat, lon, city->lat, city->lon) < 6000;
            }
          if (near_city)
            continue;

          o = pk_office_new ();
          o->code = g_strdup_printf ("SK-R-%03d", ++n_rural);
          o->name = g_strdup_printf ("دفتر ICT روستایی نمونه %s %d", county->name_fa, k + 1);
          o->license = PK_LICENSE_RURAL;
          o->status = random_status (rand);
          o->sample = TRUE;
          o->holder = g_strdup_printf ("%s (نمونه)",
                                       sample_people[g_rand_int_range (rand, 0,
                                                                       G_N_ELEMENTS (sample_people))]);
          o->address = g_strdup_printf ("شهرستان %s، روستای نمونه %d", county->name_fa, k + 1);
          o->postal_code = random_postal_code (rand);
          o->county_id = county->id;
          o->lat = lat;
          o->lon = lon;
          set_license_dates (o, rand);
          if (pk_store_add_office (store, o, error) == 0)
            return FALSE;
          k++;
        }
    }

  /* LT-7: the working group's distribution of capacity. Invented like the
   * offices: room for two more rural and one more urban office per county. */
  {
    g_autoptr(GPtrArray) offices = pk_store_list_offices (store, error);

    if (offices == NULL)
      return FALSE;
    for (guint i = 0; i < counties->len; i++)
      {
        PkPlace *county = g_ptr_array_index (counties, i);
        int used[2] = { 0, 0 };

        for (guint k = 0; k < offices->len; k++)
          {
            PkOffice *o = g_ptr_array_index (offices, k);

            if (o->county_id == county->id && o->status != PK_STATUS_SUSPENDED)
              used[o->license]++;
          }
        if (!pk_store_save_capacity (store, county->id, PK_LICENSE_URBAN,
                                        used[PK_LICENSE_URBAN] + 1, error) ||
            !pk_store_save_capacity (store, county->id, PK_LICENSE_RURAL,
                                        used[PK_LICENSE_RURAL] + 2, error))
          return FALSE;
      }
  }
  return TRUE;
}

/* Everything in one transaction: a failed create leaves no half-filled file. */
static PkStore *
create_workspace (const char  *path,
                  PkPlace     *province,
                  gboolean     overwrite,
                  gboolean     sample,
                  GError     **error)
{
  g_autoptr(PkStore) store = NULL;
  gboolean sk = province->id == PK_SAMPLE_PROVINCE_ID;
  g_autofree char *title = NULL;

  /* built aside and published whole: a kill or a full disk mid-way leaves
   * the old file (or none), never half a province */
  store = _pk_store_create_staged (path, overwrite, error);
  if (store == NULL)
    return NULL;
  pk_store_set_actor (store, sample ? "sample-builder" : g_get_user_name ());
  if (!pk_store_begin (store, error))
    goto fail;
  title = sample ? g_strdup_printf ("%s (sample)", province->name_en)
                 : g_strdup (province->name_en);
  if (!fill_province (store, province, sk, error) ||
      !pk_store_set_meta (store, "title", title, error) ||
      !pk_store_set_meta (store, "sample", sample ? "1" : "0", error) ||
      !pk_store_log (store, "create", "workspace", province->id, NULL, title, error) ||
      (sample && !add_sample_offices (store, error)))
    {
      pk_store_rollback (store);
      goto fail;
    }
  if (!pk_store_commit (store, error) || !pk_store_publish (store, error))
    goto fail;
  pk_store_set_actor (store, g_get_user_name ());
  return g_steal_pointer (&store);

fail:
  g_clear_object (&store);          /* removes the staging file, leaves @path alone */
  return NULL;
}
