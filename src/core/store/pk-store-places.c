/* pk-store-places.c: provinces, counties, cities and their urban areas
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-store-internal.h"

static gboolean
sqlite_add_province (PkStore     *self,
                     gint64       id,
                     const char  *name_fa,
                     const char  *name_en,
                     const char  *geojson_geometry,
                     GError     **error)
{
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  return _pk_store_insert_geometry_row (self,
                              "INSERT INTO provinces (id, name_fa, name_en, geom) VALUES"
                              " (?1, ?2, ?3, CastToMultiPolygon (SetSRID (GeomFromGeoJSON (?4), 4326)))",
                              error, "Could not store a province",
                              id_str, name_fa, name_en ? name_en : "", geojson_geometry, NULL) != 0;
}
static gint64
sqlite_add_county (PkStore     *self,
                   const char  *name_fa,
                   const char  *name_en,
                   gint64       osm_relation,
                   const char  *geojson_geometry,
                   GError     **error)
{
  g_autofree char *osm = g_strdup_printf ("%" G_GINT64_FORMAT, osm_relation);
  g_autofree char *province = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  province = pk_store_get_meta (self, "province_id");
  return _pk_store_insert_geometry_row (self,
                              "INSERT INTO counties (province_id, name_fa, name_en, osm_relation,"
                              " geom) VALUES (?1, ?2, ?3, ?4,"
                              " CastToMultiPolygon (SetSRID (GeomFromGeoJSON (?5), 4326)))",
                              error, "Could not store a county",
                              province ? province : "", name_fa, name_en ? name_en : "",
                              osm, geojson_geometry, NULL);
}
static gint64
sqlite_add_city (PkStore     *self,
                 gint64       id,
                 gint64       county_id,
                 const char  *name_fa,
                 const char  *name_en,
                 gboolean     is_county_seat,
                 double       lat,
                 double       lon,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO settlements (id, county_id, kind, name_fa, name_en,"
                          " is_county_seat, geom) VALUES (?1, ?2, 'city', ?3, ?4, ?5,"
                          " MakePoint (?6, ?7, 4326))", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not store a city"), 0;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (county_id > 0)
    sqlite3_bind_int64 (stmt, 2, county_id);
  sqlite3_bind_text (stmt, 3, name_fa, -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 4, name_en);
  sqlite3_bind_int (stmt, 5, is_county_seat);
  sqlite3_bind_double (stmt, 6, lon);
  sqlite3_bind_double (stmt, 7, lat);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not store a city"), 0;
  return sqlite3_last_insert_rowid (_pk_store_db (self));
}
static PkPlace *
sqlite_get_province (PkStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PkPlace *place;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "SELECT id, name_fa, name_en, AsBinary (geom) FROM provinces"
                          " WHERE id = (SELECT value FROM meta WHERE key = 'province_id')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the province"), NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                     _("The workspace has no province"));
      else
        _pk_store_sql_error (self, error, "Could not read the province");
      return NULL;
    }
  place = pk_place_new (PK_PLACE_PROVINCE);
  place->id = sqlite3_column_int64 (stmt, 0);
  place->name_fa = _pk_store_column_strdup (stmt, 1);
  place->name_en = _pk_store_column_strdup (stmt, 2);
  place->geometry = _pk_store_column_geometry (stmt, 3);
  return place;
}
/* Every province stored in the file: the workspace's own and its neighbours,
 * which the basemap draws for context. */
static GPtrArray *
sqlite_list_provinces (PkStore  *self,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT id, name_fa, name_en, AsBinary (geom)"
                          " FROM provinces ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read provinces"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkPlace *p = pk_place_new (PK_PLACE_PROVINCE);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name_fa = _pk_store_column_strdup (stmt, 1);
      p->name_en = _pk_store_column_strdup (stmt, 2);
      p->geometry = _pk_store_column_geometry (stmt, 3);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read provinces"), NULL;
  return g_steal_pointer (&out);
}
static GPtrArray *
sqlite_list_counties (PkStore  *self,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "SELECT id, province_id, name_fa, name_en, AsBinary (geom)"
                          " FROM counties ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read counties"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkPlace *p = pk_place_new (PK_PLACE_COUNTY);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->parent_id = sqlite3_column_int64 (stmt, 1);
      p->name_fa = _pk_store_column_strdup (stmt, 2);
      p->name_en = _pk_store_column_strdup (stmt, 3);
      p->geometry = _pk_store_column_geometry (stmt, 4);
      if (p->geometry)
        pk_geometry_label_point (p->geometry, &p->lon, &p->lat);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read counties"), NULL;
  return g_steal_pointer (&out);
}
static GPtrArray *
sqlite_list_cities (PkStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "SELECT id, county_id, name_fa, name_en, is_county_seat, Y (geom),"
                          " X (geom), AsBinary (urban_area) FROM settlements WHERE kind = 'city'"
                          " ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read cities"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkPlace *p = pk_place_new (PK_PLACE_CITY);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->parent_id = sqlite3_column_int64 (stmt, 1);
      p->name_fa = _pk_store_column_strdup (stmt, 2);
      p->name_en = _pk_store_column_strdup (stmt, 3);
      p->is_county_seat = sqlite3_column_int (stmt, 4);
      p->lat = sqlite3_column_double (stmt, 5);
      p->lon = sqlite3_column_double (stmt, 6);
      p->geometry = _pk_store_column_geometry (stmt, 7);        /* the urban area, if imported */
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read cities"), NULL;
  return g_steal_pointer (&out);
}
/**
 * pk_store_set_urban_area:
 * @geojson_geometry: (nullable): a Polygon or MultiPolygon, or %NULL to clear
 */
static gboolean
sqlite_set_urban_area (PkStore     *self,
                       gint64       city_id,
                       const char  *geojson_geometry,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "UPDATE settlements SET urban_area = CastToMultiPolygon (SetSRID ("
                          " GeomFromGeoJSON (?1), 4326)) WHERE id = ?2", -1, &stmt,
                          NULL) != SQLITE_OK)
    goto sql_fail;
  if (geojson_geometry)
    sqlite3_bind_text (stmt, 1, geojson_geometry, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, city_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto sql_fail;
  if (sqlite3_changes (_pk_store_db (self)) != 1)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("No city with id %lld"), (long long) city_id);
      goto fail;
    }
  {
    g_autoptr(sqlite3_stmt) check = NULL;

    /* GeomFromGeoJSON gives NULL for what it cannot read: refuse, do not store nothing */
    if (geojson_geometry != NULL &&
        (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT urban_area IS NULL FROM settlements WHERE id = ?",
                             -1, &check, NULL) != SQLITE_OK ||
         (sqlite3_bind_int64 (check, 1, city_id), sqlite3_step (check)) != SQLITE_ROW ||
         sqlite3_column_int (check, 0)))
      {
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                     _("The urban area is not a valid polygon"));
        goto fail;
      }
  }
  after = g_strdup (geojson_geometry ? "polygon" : "cleared");
  if (!_pk_store_write_audit (self, "update", "urban_area", city_id, NULL, after, error))
    goto fail;
  return pk_store_commit (self, error);

sql_fail:
  _pk_store_sql_error (self, error, "Could not store the urban area");
fail:
  pk_store_rollback (self);
  return FALSE;
}
/**
 * pk_store_polygon_invalid_reason:
 * @geojson_geometry: a GeoJSON Polygon or MultiPolygon in WGS84
 *
 * Returns: (transfer full) (nullable): %NULL when GEOS finds the polygon valid,
 *   else why not (self-intersection, a hole outside its shell…), for users
 */
static char *
sqlite_polygon_invalid_reason (PkStore    *self,
                               const char *geojson_geometry)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *reason;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT IsValidReason (SetSRID (GeomFromGeoJSON (?1), 4326))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (_pk_store_db (self)));
  sqlite3_bind_text (stmt, 1, geojson_geometry, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (sqlite3_errmsg (_pk_store_db (self)));
  reason = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (reason, "Valid Geometry") == 0)
    return NULL;
  /* TRANSLATORS: %s is GEOS's own reason, e.g. "Self-intersection[59.2 32.8]" */
  return g_strdup_printf (_("the outline is not a valid polygon (%s)"),
                          reason && *reason ? reason : _("unreadable geometry"));
}

void
_pk_sqlite_store_places_class_init (PkStoreClass *klass)
{
  klass->add_province = sqlite_add_province;
  klass->add_county = sqlite_add_county;
  klass->add_city = sqlite_add_city;
  klass->get_province = sqlite_get_province;
  klass->list_provinces = sqlite_list_provinces;
  klass->list_counties = sqlite_list_counties;
  klass->list_cities = sqlite_list_cities;
  klass->set_urban_area = sqlite_set_urban_area;
  klass->polygon_invalid_reason = sqlite_polygon_invalid_reason;
}
