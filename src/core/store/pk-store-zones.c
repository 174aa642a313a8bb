/* pk-store-zones.c: approved zones and the vacancy computation (PA-3)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-store-internal.h"

static GBytes *
blob_query (PkStore     *self,
            const char  *sql,
            GBytes      *a,
            GBytes      *b,
            double       x,
            int          srid,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not compute coverage"), NULL;
  /* named parameters: :a, :b blobs, :x a number, :srid */
  if (a && sqlite3_bind_parameter_index (stmt, ":a"))
    sqlite3_bind_blob (stmt, sqlite3_bind_parameter_index (stmt, ":a"), g_bytes_get_data (a, NULL),
                       g_bytes_get_size (a), SQLITE_STATIC);
  if (b && sqlite3_bind_parameter_index (stmt, ":b"))
    sqlite3_bind_blob (stmt, sqlite3_bind_parameter_index (stmt, ":b"), g_bytes_get_data (b, NULL),
                       g_bytes_get_size (b), SQLITE_STATIC);
  if (sqlite3_bind_parameter_index (stmt, ":x"))
    sqlite3_bind_double (stmt, sqlite3_bind_parameter_index (stmt, ":x"), x);
  if (sqlite3_bind_parameter_index (stmt, ":srid"))
    sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":srid"), srid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _pk_store_sql_error (self, error, "Could not compute coverage"), NULL;
  if (sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    return NULL;                 /* an empty result: no error */
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}
/**
 * pk_store_set_coverage_urban_areas:
 * @cities: (element-type PkPlace): cities with their imported limits (geometry) or not
 * @radii: the approximate radius of each city, metres
 *
 * Fills a temporary table with the urban areas in UTM zone @srid, for
 * pk_store_vacancy(): the imported limits, or a circle of the rule set's radius.
 */
gboolean
pk_store_set_coverage_urban_areas (PkStore    *self,
                                   GPtrArray  *cities,
                                   const double *radii,
                                   int         srid,
                                   GError    **error)
{
  g_autoptr(sqlite3_stmt) circle = NULL;
  g_autoptr(sqlite3_stmt) polygon = NULL;

  if (!_pk_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS pk_urban (city_id INTEGER, g BLOB);"
                          "DELETE FROM temp.pk_urban;", error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT INTO temp.pk_urban VALUES (?1, ST_Buffer ("
                          "ST_Transform (MakePoint (?2, ?3, 4326), ?4), ?5, 16))", -1, &circle,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (_pk_store_db (self), "INSERT INTO temp.pk_urban SELECT id, ST_Transform (urban_area,"
                          " ?2) FROM settlements WHERE id = ?1", -1, &polygon, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not compute coverage");
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);
      sqlite3_stmt *stmt = c->geometry ? polygon : circle;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, c->id);
      if (c->geometry)
        sqlite3_bind_int (stmt, 2, srid);
      else
        {
          sqlite3_bind_double (stmt, 2, c->lon);
          sqlite3_bind_double (stmt, 3, c->lat);
          sqlite3_bind_int (stmt, 4, srid);
          sqlite3_bind_double (stmt, 5, radii[i]);
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _pk_store_sql_error (self, error, "Could not compute coverage");
    }
  return TRUE;
}
/**
 * pk_store_vacancy:
 * @geojson: (out) (optional): the vacant area as GeoJSON in WGS84, or %NULL when empty
 *
 * The vacant area of a county for @license (domain PA-3; cli.md): for rural
 * ICT, the county outside every serving rural office's service circle and
 * outside the urban areas; for urban Pishkhan, the urban areas in the county
 * outside every serving urban office's circle. Circles are buffers of
 * @radius_m in UTM zone @srid (8 segments a quarter); areas are in km² of
 * that projection. Call pk_store_set_coverage_urban_areas() first.
 * @vacant: (out) (optional): the same as a parsed geometry, for drawing
 */
gboolean
pk_store_vacancy (PkStore    *self,
                  gint64      county_id,
                  PkLicense   license,
                  double      radius_m,
                  int         srid,
                  double     *county_km2,
                  double     *base_km2,
                  double     *vacant_km2,
                  char      **geojson,
                  PkGeometry **vacant,
                  GError    **error)
{
  g_autoptr(GBytes) county = NULL;
  g_autoptr(GBytes) served = NULL;
  g_autoptr(GBytes) urban = NULL;
  g_autoptr(GBytes) v = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *county_sql = g_strdup_printf (
    "SELECT ST_Transform (geom, :srid) FROM counties WHERE id = %" G_GINT64_FORMAT, county_id);
  g_autofree char *served_sql = g_strdup_printf (
    "SELECT ST_Union (ST_Buffer (ST_Transform (o.geom, :srid), :x, 8)) FROM offices o, counties c"
    " WHERE c.id = %" G_GINT64_FORMAT " AND o.license = '%s' AND o.status IN ('active', 'approved')"
    " AND MbrIntersects (o.geom, BuildMbr (MbrMinX (c.geom) - :x / 80000.0 - 0.05,"
    " MbrMinY (c.geom) - :x / 80000.0 - 0.05, MbrMaxX (c.geom) + :x / 80000.0 + 0.05,"
    " MbrMaxY (c.geom) + :x / 80000.0 + 0.05))", county_id, pk_license_to_string (license));
  double area = 0;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if ((county = blob_query (self, county_sql, NULL, NULL, 0, srid, &local)) == NULL)
    {
      if (local == NULL)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No county with id %lld"),
                     (long long) county_id);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  served = blob_query (self, served_sql, NULL, NULL, radius_m, srid, &local);
  if (local == NULL)
    urban = blob_query (self, "SELECT ST_Union (g) FROM temp.pk_urban WHERE MbrIntersects (g, :a)",
                        county, NULL, 0, srid, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (license == PK_LICENSE_RURAL)
    {
      v = g_bytes_ref (county);
      if (served != NULL)
        {
          GBytes *d = blob_query (self, "SELECT ST_Difference (:a, :b)", v, served, 0, srid, &local);
          g_bytes_unref (v);
          v = d;
        }
      if (v != NULL && urban != NULL && local == NULL)
        {
          GBytes *d = blob_query (self, "SELECT ST_Difference (:a, :b)", v, urban, 0, srid, &local);
          g_bytes_unref (v);
          v = d;
        }
    }
  else if (urban != NULL)
    {
      v = blob_query (self, "SELECT ST_Intersection (:a, :b)", county, urban, 0, srid, &local);
      if (v != NULL && local == NULL)
        {
          if (served != NULL)
            {
              GBytes *d = blob_query (self, "SELECT ST_Difference (:a, :b)", v, served, 0, srid,
                                      &local);
              g_bytes_unref (v);
              v = d;
            }
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* areas */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT ST_Area (:a) / 1e6, ST_Area (ST_Intersection (:a, :b)) / 1e6",
                            -1, &stmt, NULL) != SQLITE_OK)
      return _pk_store_sql_error (self, error, "Could not compute coverage");
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (county, NULL), g_bytes_get_size (county), SQLITE_STATIC);
    if (urban)
      sqlite3_bind_blob (stmt, 2, g_bytes_get_data (urban, NULL), g_bytes_get_size (urban), SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      return _pk_store_sql_error (self, error, "Could not compute coverage");
    area = sqlite3_column_double (stmt, 0);
    if (county_km2)
      *county_km2 = area;
    if (base_km2)
      *base_km2 = license == PK_LICENSE_RURAL
                  ? area - (urban ? sqlite3_column_double (stmt, 1) : 0)
                  : (urban ? sqlite3_column_double (stmt, 1) : 0);
  }
  if (vacant_km2)
    *vacant_km2 = 0;
  if (geojson)
    *geojson = NULL;
  if (vacant)
    *vacant = NULL;
  if (v != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT ST_Area (:a) / 1e6,"
                              " AsGeoJSON (ST_Transform (:a, 4326), 6),"
                              " AsBinary (CastToMultiPolygon (ST_Transform (:a, 4326)))",
                              -1, &stmt, NULL) != SQLITE_OK)
        return _pk_store_sql_error (self, error, "Could not compute coverage");
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (v, NULL), g_bytes_get_size (v), SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return _pk_store_sql_error (self, error, "Could not compute coverage");
      if (vacant_km2)
        *vacant_km2 = sqlite3_column_double (stmt, 0);
      if (geojson && sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        *geojson = _pk_store_column_strdup (stmt, 1);
      if (vacant)
        *vacant = _pk_store_column_geometry (stmt, 2);
    }
  return TRUE;
}
static char *
zone_to_json (const PkZone *z)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  pk_zone_add_feature (z, NULL, b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}
/* Validates @z, then inserts it (with its own id when it has one: undoing a
 * removal puts the same zone back) or updates it. */
static gint64
write_zone (PkStore       *self,
            const PkZone  *z,
            gboolean       insert,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autofree char *wkt = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *at = _pk_store_now ();
  g_autofree char *name = NULL;
  gint64 id;

  if (!pk_zone_validate (z, error))
    return 0;
  wkt = pk_zone_to_wkt (z);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT IsValidReason (GeomFromText (?1, 4326))", -1, &check,
                          NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not check the zone"), 0;
  sqlite3_bind_text (check, 1, wkt, -1, SQLITE_STATIC);
  if (sqlite3_step (check) != SQLITE_ROW)
    return _pk_store_sql_error (self, error, "Could not check the zone"), 0;
  if (g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "Valid Geometry") != 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("The zone’s outline crosses itself; move a corner so that its edges do not cross."));
      return 0;
    }

  if (!pk_store_begin (self, error))
    return 0;
  if (!insert && (before = pk_store_get_zone (self, z->id, error)) == NULL)
    goto fail;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          insert
                          ? "INSERT INTO zones (name, license, capacity, note, created_at, geom, id,"
                            " " PK_RECORD_SQL ") VALUES (?1, ?2, ?3, ?4, ?5, GeomFromText (?6, 4326),"
                            " ?7, ?61, 1, ?62, ?63)"
                          : "UPDATE zones SET name = ?1, license = ?2, capacity = ?3, note = ?4,"
                            " geom = GeomFromText (?6, 4326), " PK_RECORD_BUMP_SQL " WHERE id = ?7",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the zone");
      goto fail;
    }
  name = g_strstrip (g_strdup (z->name));
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pk_license_to_string (z->license), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, z->capacity);
  _pk_store_bind_text_or_null (stmt, 4, z->note);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, wkt, -1, SQLITE_STATIC);
  if (z->id > 0)
    sqlite3_bind_int64 (stmt, 7, z->id);
  _pk_store_bind_record (self, stmt, z->record.uuid);
  if (!_pk_store_step_done (self, stmt, error, "Could not store the zone"))
    goto fail;
  id = insert ? sqlite3_last_insert_rowid (_pk_store_db (self)) : z->id;
  if (before != NULL)
    before_json = zone_to_json (before);
  after_json = zone_to_json (z);
  if ((insert && !_pk_store_unbury (self, z->record.uuid, error)) ||
      !_pk_store_write_audit (self, insert ? "insert" : "update", "zone", id, before_json, after_json, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}
/**
 * pk_store_add_zone:
 *
 * Stores a new approved zone (or, when @zone has an id, puts that zone back).
 * Returns: its id, or 0 with @error set (no name, fewer than three corners,
 * an outline crossing itself…).
 */
gint64
pk_store_add_zone (PkStore       *self,
                   const PkZone  *zone,
                   GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  g_return_val_if_fail (zone != NULL, 0);
  return write_zone (self, zone, TRUE, error);
}
gboolean
pk_store_update_zone (PkStore       *self,
                      const PkZone  *zone,
                      GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (zone != NULL && zone->id > 0, FALSE);
  return write_zone (self, zone, FALSE, error) != 0;
}
gboolean
pk_store_delete_zone (PkStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autofree char *before_json = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_zone (self, id, error)) == NULL ||
      !_pk_store_bury (self, "zones", "zone", "id = ?1", id, error))
    goto fail;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "DELETE FROM zones WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not remove the zone");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_pk_store_step_done (self, stmt, error, "Could not remove the zone"))
    goto fail;
  before_json = zone_to_json (before);
  if (!_pk_store_write_audit (self, "delete", "zone", id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}
#define ZONE_COLUMNS \
  "SELECT id, name, license, capacity, note, Area (geom, 1) / 1e6, AsBinary (geom), " \
  PK_RECORD_SQL " FROM zones"
static PkZone *
zone_from_row (sqlite3_stmt *stmt)
{
  PkZone *z = pk_zone_new ();
  g_autoptr(PkGeometry) g = NULL;

  z->id = sqlite3_column_int64 (stmt, 0);
  z->name = _pk_store_column_strdup (stmt, 1);
  pk_license_from_string ((const char *) sqlite3_column_text (stmt, 2), &z->license);
  z->capacity = sqlite3_column_int (stmt, 3);
  z->note = _pk_store_column_strdup (stmt, 4);
  z->area_km2 = sqlite3_column_double (stmt, 5);
  g = _pk_store_column_geometry (stmt, 6);
  _pk_store_column_record (stmt, 7, &z->record);
  if (g != NULL && g->n_polygons == 1 && g->polygons[0].n_rings >= 1)
    {
      const PkRing *ring = &g->polygons[0].rings[0];

      /* the stored ring is closed; ours is not */
      for (guint k = 0; k + 1 < ring->n_points; k++)
        pk_zone_add_point (z, ring->xy[2 * k], ring->xy[2 * k + 1]);
    }
  return z;
}
static PkZone *
zone_by_key (PkStore     *self,
             gint64       id,
             const char  *uuid,
             GError     **error)
{
  GError *local = NULL;
  PkZone *found = _pk_store_get_one (self, ZONE_COLUMNS, id, uuid, (PkStoreRowFunc) zone_from_row, &local);

  if (found != NULL || local != NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return found;
    }
  if (uuid)
    g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The zone is no longer in this workspace."));
  else
    g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no zone %lld in this workspace."), (long long) id);
  return NULL;
}

PkZone *
pk_store_get_zone (PkStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  return zone_by_key (self, id, NULL, error);
}

/* The zone whose PkRecord UUID is @uuid. */
PkZone *
pk_store_get_zone_by_uuid (PkStore     *self,
                           const char  *uuid,
                           GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return zone_by_key (self, 0, uuid, error);
}
GPtrArray *
pk_store_list_zones (PkStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_zone_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), ZONE_COLUMNS " ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read zones"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, zone_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read zones"), NULL;
  return g_steal_pointer (&out);
}
