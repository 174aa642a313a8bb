/* pk-pg-store-records.c: places, offices and the rule set on a server
 * workspace: the same records, checks and audit entries as in a file
 * (pk-store-places.c, pk-store-offices.c, pk-store-rules.c)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-pg-store.h"




/* A WKB geometry in a bytea column read as text */
static PkGeometry *
column_geometry (PGresult *res,
                 int       row,
                 int       column)
{
  g_autoptr(GBytes) wkb = _pk_pg_bytes (res, row, column);
  gsize len = 0;
  const guint8 *data;

  if (wkb == NULL)
    return NULL;
  data = g_bytes_get_data (wkb, &len);
  return pk_geometry_new_from_wkb (data, len, NULL);
}

/* ---- places ------------------------------------------------------------------ */

static gboolean
pg_add_province (PkStore     *self,
                 gint64       id,
                 const char  *name_fa,
                 const char  *name_en,
                 const char  *geojson_geometry,
                 GError     **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text, name_fa, name_en ? name_en : "", geojson_geometry };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not store a province",
                                          "INSERT INTO provinces (id, name_fa, name_en, geom) VALUES"
                                          " ($1, $2, $3, ST_Multi (ST_SetSRID (ST_GeomFromGeoJSON ($4), 4326)))",
                                          PK_PG_N (params), params);

  return res != NULL;
}

static gint64
pg_add_county (PkStore     *self,
               const char  *name_fa,
               const char  *name_en,
               gint64       osm_relation,
               const char  *geojson_geometry,
               GError     **error)
{
  g_autofree char *province = pk_store_get_meta (self, "province_id");
  g_autofree char *osm = _pk_pg_int_text (osm_relation);
  const char *params[] = { province, name_fa, name_en ? name_en : "", osm, geojson_geometry };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not store a county",
                                          "INSERT INTO counties (province_id, name_fa, name_en,"
                                          " osm_relation, geom) VALUES ($1, $2, $3, $4,"
                                          " ST_Multi (ST_SetSRID (ST_GeomFromGeoJSON ($5), 4326)))"
                                          " RETURNING id", PK_PG_N (params), params);

  return res ? _pk_pg_int (res, 0, 0) : 0;
}

static gint64
pg_add_city (PkStore     *self,
             gint64       id,
             gint64       county_id,
             const char  *name_fa,
             const char  *name_en,
             gboolean     is_county_seat,
             double       lat,
             double       lon,
             GError     **error)
{
  g_autofree char *id_text = id > 0 ? _pk_pg_int_text (id) : NULL;
  g_autofree char *county = county_id > 0 ? _pk_pg_int_text (county_id) : NULL;
  g_autofree char *lat_text = _pk_pg_double_text (lat);
  g_autofree char *lon_text = _pk_pg_double_text (lon);
  const char *params[] = { id_text, county, name_fa, name_en, is_county_seat ? "1" : "0", lon_text, lat_text };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not store a city",
                                          "INSERT INTO settlements (id, county_id, kind, name_fa, name_en,"
                                          " is_county_seat, geom) VALUES (coalesce ($1::bigint,"
                                          " nextval (pg_get_serial_sequence ('settlements', 'id'))),"
                                          " $2, 'city', $3, $4, $5, ST_SetSRID (ST_MakePoint ($6, $7), 4326))"
                                          " RETURNING id", PK_PG_N (params), params);

  return res ? _pk_pg_int (res, 0, 0) : 0;
}

static PkPlace *
province_from_row (PGresult *res,
                   int       row)
{
  PkPlace *place = pk_place_new (PK_PLACE_PROVINCE);

  place->id = _pk_pg_int (res, row, 0);
  place->name_fa = _pk_pg_strdup (res, row, 1);
  place->name_en = _pk_pg_strdup (res, row, 2);
  place->geometry = column_geometry (res, row, 3);
  return place;
}

static PkPlace *
pg_get_province (PkStore  *self,
                 GError  **error)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the province",
                                          "SELECT id, name_fa, name_en, ST_AsBinary (geom) FROM provinces"
                                          " WHERE id = (SELECT value::bigint FROM meta WHERE key = 'province_id')",
                                          0, NULL);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID, _("The workspace has no province"));
      return NULL;
    }
  return province_from_row (res, 0);
}

static GPtrArray *
pg_list_provinces (PkStore  *self,
                   GError  **error)
{
  return _pk_pg_list_rows (self, error, "Could not read provinces",
                           "SELECT id, name_fa, name_en, ST_AsBinary (geom) FROM provinces ORDER BY id",
                           0, NULL, (PkPgRowFunc) province_from_row, (GDestroyNotify) pk_place_free);
}

static PkPlace *
county_from_row (PGresult *res,
                 int       i)
{
  PkPlace *p = pk_place_new (PK_PLACE_COUNTY);

  p->id = _pk_pg_int (res, i, 0);
  p->parent_id = _pk_pg_int (res, i, 1);
  p->name_fa = _pk_pg_strdup (res, i, 2);
  p->name_en = _pk_pg_strdup (res, i, 3);
  p->geometry = column_geometry (res, i, 4);
  if (p->geometry)
    pk_geometry_label_point (p->geometry, &p->lon, &p->lat);
  return p;
}

static GPtrArray *
pg_list_counties (PkStore  *self,
                  GError  **error)
{
  return _pk_pg_list_rows (self, error, "Could not read counties",
                           "SELECT id, province_id, name_fa, name_en, ST_AsBinary (geom) FROM counties ORDER BY id",
                           0, NULL, (PkPgRowFunc) county_from_row, (GDestroyNotify) pk_place_free);
}

static PkPlace *
city_from_row (PGresult *res,
               int       i)
{
  PkPlace *p = pk_place_new (PK_PLACE_CITY);

  p->id = _pk_pg_int (res, i, 0);
  p->parent_id = _pk_pg_int (res, i, 1);
  p->name_fa = _pk_pg_strdup (res, i, 2);
  p->name_en = _pk_pg_strdup (res, i, 3);
  p->is_county_seat = _pk_pg_int (res, i, 4);
  p->lat = _pk_pg_double (res, i, 5);
  p->lon = _pk_pg_double (res, i, 6);
  p->geometry = column_geometry (res, i, 7);        /* the urban area, if imported */
  return p;
}

static GPtrArray *
pg_list_cities (PkStore  *self,
                GError  **error)
{
  return _pk_pg_list_rows (self, error, "Could not read cities",
                           "SELECT id, county_id, name_fa, name_en, is_county_seat, ST_Y (geom), ST_X (geom),"
                           " ST_AsBinary (urban_area) FROM settlements WHERE kind = 'city' ORDER BY id",
                           0, NULL, (PkPgRowFunc) city_from_row, (GDestroyNotify) pk_place_free);
}

/* Why PostGIS (GEOS, as in a file) finds the outline invalid, or NULL */
static char *
pg_polygon_invalid_reason (PkStore    *self,
                           const char *geojson_geometry)
{
  const char *params[] = { geojson_geometry };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = _pk_pg_query (self, &error, "outline",
                                          "SELECT ST_IsValidReason (ST_SetSRID (ST_GeomFromGeoJSON ($1), 4326))",
                                          1, params);
  const char *reason;

  if (res == NULL)
    /* TRANSLATORS: %s is GEOS's own reason, e.g. "Self-intersection[59.2 32.8]" */
    return g_strdup_printf (_("the outline is not a valid polygon (%s)"), _("unreadable geometry"));
  reason = PQgetvalue (res, 0, 0);
  if (g_strcmp0 (reason, "Valid Geometry") == 0)
    return NULL;
  return g_strdup_printf (_("the outline is not a valid polygon (%s)"),
                          reason && *reason ? reason : _("unreadable geometry"));
}

/* A city's urban area (SR-2), or none with %NULL; logged */
static gboolean
pg_set_urban_area (PkStore     *self,
                   gint64       city_id,
                   const char  *geojson_geometry,
                   GError     **error)
{
  g_autofree char *id = _pk_pg_int_text (city_id);
  const char *params[] = { geojson_geometry, id };
  g_autoptr(PGresult) res = NULL;
  GError *local = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  res = _pk_pg_query (self, &local, "Could not store the urban area",
                      "UPDATE settlements SET urban_area = ST_Multi (ST_SetSRID (ST_GeomFromGeoJSON ($1), 4326))"
                      " WHERE id = $2::bigint", 2, params);
  if (res == NULL)
    {
      /* what PostGIS cannot read is refused, never stored as nothing */
      g_clear_error (&local);
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID, _("The urban area is not a valid polygon"));
      goto fail;
    }
  if (g_str_equal (PQcmdTuples (res), "0"))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No city with id %lld"), (long long) city_id);
      goto fail;
    }
  if (!_pk_pg_write_audit (self, "update", "urban_area", city_id, NULL, geojson_geometry ? "polygon" : "cleared",
                           error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

void
_pk_pg_store_places_class_init (PkStoreClass *klass)
{
  klass->add_province = pg_add_province;
  klass->add_county = pg_add_county;
  klass->add_city = pg_add_city;
  klass->get_province = pg_get_province;
  klass->list_provinces = pg_list_provinces;
  klass->list_counties = pg_list_counties;
  klass->list_cities = pg_list_cities;
  klass->polygon_invalid_reason = pg_polygon_invalid_reason;
  klass->set_urban_area = pg_set_urban_area;
}

/* ---- offices ----------------------------------------------------------------- */

#define OFFICE_COLUMNS \
  "SELECT id, code, name, license, status, sample, holder, address, postal_code," \
  " license_issued, license_expires, county_id, ST_Y (geom), ST_X (geom), uuid, revision," \
  " updated_at, updated_by, case_id, holder_code, cancelled_on, cancel_reason FROM offices"

static PkOffice *
office_from_row (PGresult *res,
                 int       i)
{
  PkOffice *o = pk_office_new ();

  o->id = _pk_pg_int (res, i, 0);
  o->code = _pk_pg_strdup (res, i, 1);
  o->name = _pk_pg_strdup (res, i, 2);
  pk_license_from_string (PQgetvalue (res, i, 3), &o->license);
  pk_status_from_string (PQgetvalue (res, i, 4), &o->status);
  o->sample = _pk_pg_int (res, i, 5);
  o->holder = _pk_pg_strdup (res, i, 6);
  o->address = _pk_pg_strdup (res, i, 7);
  o->postal_code = _pk_pg_strdup (res, i, 8);
  o->license_issued = _pk_pg_strdup (res, i, 9);
  o->license_expires = _pk_pg_strdup (res, i, 10);
  o->county_id = _pk_pg_int (res, i, 11);
  o->lat = _pk_pg_double (res, i, 12);
  o->lon = _pk_pg_double (res, i, 13);
  _pk_pg_record (res, i, 14, &o->record);
  o->case_id = _pk_pg_int (res, i, 18);
  o->holder_code = _pk_pg_strdup (res, i, 19);
  o->cancelled_on = _pk_pg_strdup (res, i, 20);
  o->cancel_reason = _pk_pg_strdup (res, i, 21);
  return o;
}

/* $1 … $18: the office's fields (with $14 its id, for an update) and $19 … $21
 * its record: UUID, now, who */
#define N_OFFICE_PARAMS 21

static void
office_params (PkStore        *self,
               const PkOffice *o,
               PkPgTexts      *p)
{
  p->values[0] = g_strdup (o->code);
  p->values[1] = g_strdup (o->name);
  p->values[2] = g_strdup (pk_license_to_string (o->license));
  p->values[3] = g_strdup (pk_status_to_string (o->status));
  p->values[4] = g_strdup (o->sample ? "1" : "0");
  p->values[5] = g_strdup (o->holder);
  p->values[6] = g_strdup (o->address);
  p->values[7] = g_strdup (o->postal_code);
  p->values[8] = g_strdup (o->license_issued);
  p->values[9] = g_strdup (o->license_expires);
  p->values[10] = o->county_id > 0 ? _pk_pg_int_text (o->county_id) : NULL;
  p->values[11] = _pk_pg_double_text (o->lon);
  p->values[12] = _pk_pg_double_text (o->lat);
  p->values[13] = _pk_pg_int_text (o->id);
  p->values[14] = o->case_id > 0 ? _pk_pg_int_text (o->case_id) : NULL;
  p->values[15] = g_strdup (o->holder_code);
  p->values[16] = g_strdup (o->cancelled_on);
  p->values[17] = g_strdup (o->cancelled_on ? o->cancel_reason : NULL);
  p->values[18] = o->record.uuid ? g_strdup (o->record.uuid) : g_uuid_string_random ();
  p->values[19] = _pk_store_now ();
  p->values[20] = g_strdup (_pk_store_actor (self));
}

static gint64
pg_add_office (PkStore         *self,
               const PkOffice  *o,
               GError         **error)
{
  g_auto(PkPgTexts) p = { { NULL } };
  g_autoptr(PGresult) res = NULL;
  g_autofree char *after = NULL;
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  office_params (self, o, &p);
  res = _pk_pg_query (self, error, "Could not store the office",
                      "INSERT INTO offices (code, name, license, status, sample, holder, address,"
                      " postal_code, license_issued, license_expires, county_id, geom, case_id,"
                      " holder_code, cancelled_on, cancel_reason, uuid, revision, updated_at, updated_by)"
                      " SELECT $1, $2, $3, $4, $5::integer, $6, $7, $8, $9, $10, $11::bigint,"
                      " ST_SetSRID (ST_MakePoint ($12::float8, $13::float8), 4326), $15::bigint, $16, $17,"
                      " $18, $19, 1, $20, $21 WHERE $14::text IS NOT NULL RETURNING id",
                      N_OFFICE_PARAMS, (const char * const *) p.values);
  if (res == NULL)
    goto fail;
  id = _pk_pg_int (res, 0, 0);
  after = _pk_store_office_json (o);
  {
    const char *params[] = { p.values[18] };
    g_autoptr(PGresult) unbury = _pk_pg_query (self, error, "Could not record a deletion",
                                               "DELETE FROM tombstones WHERE uuid = $1", 1, params);

    if (unbury == NULL)
      goto fail;
  }
  if (!_pk_pg_write_audit (self, "insert", "office", id, NULL, after, error) ||
      !pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static GPtrArray *
pg_list_offices (PkStore  *self,
                 GError  **error)
{
  return _pk_pg_list_rows (self, error, "Could not read offices", OFFICE_COLUMNS " ORDER BY id", 0, NULL,
                           (PkPgRowFunc) office_from_row, (GDestroyNotify) pk_office_free);
}

static GArray *
pg_list_office_points (PkStore  *self,
                       GError  **error)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read offices",
                                          "SELECT id, county_id, ST_Y (geom), ST_X (geom), license, status"
                                          " FROM offices ORDER BY id", 0, NULL);
  GArray *out;

  if (res == NULL)
    return NULL;
  out = g_array_sized_new (FALSE, FALSE, sizeof (PkOfficePoint), PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      PkOfficePoint p = { _pk_pg_int (res, i, 0), _pk_pg_int (res, i, 1),
                          _pk_pg_double (res, i, 2), _pk_pg_double (res, i, 3) };

      pk_license_from_string (PQgetvalue (res, i, 4), &p.license);
      pk_status_from_string (PQgetvalue (res, i, 5), &p.status);
      g_array_append_val (out, p);
    }
  return out;
}

static PkOffice *
office_by_key (PkStore     *self,
               gint64       id,
               const char  *uuid,
               gboolean     for_update,
               GError     **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { uuid ? uuid : id_text };
  g_autofree char *sql = g_strconcat (OFFICE_COLUMNS, uuid ? " WHERE uuid = $1" : " WHERE id = $1::bigint",
                                      for_update ? " FOR UPDATE" : "", NULL);
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the workspace", sql, 1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      if (uuid)
        g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                             _("The office is no longer in this workspace."));
      else
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No office with id %lld"),
                     (long long) id);
      return NULL;
    }
  return office_from_row (res, 0);
}

static PkOffice *
pg_get_office (PkStore  *self,
               gint64    id,
               GError  **error)
{
  return office_by_key (self, id, NULL, FALSE, error);
}

static PkOffice *
pg_get_office_by_uuid (PkStore     *self,
                       const char  *uuid,
                       GError     **error)
{
  return office_by_key (self, 0, uuid, FALSE, error);
}

/* The row is locked while it is compared and written: of two people saving
 * the same office, the second waits, then finds the revision moved on. */
static gboolean
pg_update_office (PkStore         *self,
                  const PkOffice  *o,
                  GError         **error)
{
  g_auto(PkPgTexts) p = { { NULL } };
  g_autoptr(PkOffice) before = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = office_by_key (self, o->id, NULL, TRUE, error)) == NULL)
    goto fail;
  if (o->record.revision > 0 && before->record.revision != o->record.revision)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT,
                   _("“%s” was changed by %s while you edited it; nothing was saved"),
                   before->name, before->record.updated_by ? before->record.updated_by : "?");
      goto fail;
    }
  office_params (self, o, &p);
  res = _pk_pg_query (self, error, "Could not update the office",
                      "UPDATE offices SET code = $1, name = $2, license = $3, status = $4,"
                      " sample = $5::integer, holder = $6, address = $7, postal_code = $8,"
                      " license_issued = $9, license_expires = $10, county_id = $11::bigint,"
                      " geom = ST_SetSRID (ST_MakePoint ($12::float8, $13::float8), 4326),"
                      " case_id = $15::bigint, holder_code = $16, cancelled_on = $17, cancel_reason = $18,"
                      " revision = revision + 1, updated_at = $20, updated_by = $21"
                      " WHERE id = $14::bigint AND $19::text IS NOT NULL",
                      N_OFFICE_PARAMS, (const char * const *) p.values);
  if (res == NULL)
    goto fail;
  before_json = _pk_store_office_json (before);
  after_json = _pk_store_office_json (o);
  if (!_pk_pg_write_audit (self, "update", "office", o->id, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gboolean
pg_delete_office (PkStore  *self,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(PkOffice) before = NULL;
  g_autofree char *id_text = _pk_pg_int_text (id);
  g_autofree char *now = _pk_store_now ();
  g_autofree char *before_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = office_by_key (self, id, NULL, TRUE, error)) == NULL)
    goto fail;
  {
    const char *params[] = { id_text, now, _pk_store_actor (self) };
    g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not remove the office",
                                            "WITH gone AS (DELETE FROM offices WHERE id = $1::bigint"
                                            " RETURNING uuid) INSERT INTO tombstones (uuid, entity,"
                                            " deleted_at, deleted_by) SELECT uuid, 'office', $2, $3"
                                            " FROM gone WHERE uuid IS NOT NULL ON CONFLICT (uuid) DO"
                                            " UPDATE SET deleted_at = excluded.deleted_at,"
                                            " deleted_by = excluded.deleted_by", PK_PG_N (params), params);

    if (res == NULL)
      goto fail;
  }
  before_json = _pk_store_office_json (before);
  if (!_pk_pg_write_audit (self, "delete", "office", id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gint64
pg_office_code_owner (PkStore    *self,
                      const char *code)
{
  const char *params[] = { code };
  g_autoptr(PGresult) res = _pk_pg_query (self, NULL, "offices", "SELECT id FROM offices WHERE code = $1",
                                          1, params);

  return res && PQntuples (res) > 0 ? _pk_pg_int (res, 0, 0) : 0;
}

static gboolean
pg_case_office (PkStore  *self,
                gint64    case_id,
                gint64   *office_id,
                GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the offices",
                                          "SELECT id FROM offices WHERE case_id = $1::bigint ORDER BY id LIMIT 1",
                                          1, params);

  if (res == NULL)
    return FALSE;
  *office_id = PQntuples (res) > 0 ? _pk_pg_int (res, 0, 0) : 0;
  return TRUE;
}

static gboolean
pg_office_code_exists (PkStore    *self,
                       const char *code)
{
  return pg_office_code_owner (self, code) != 0;
}

/* ---- approved zones ----------------------------------------------------------- */

#define ZONE_COLUMNS \
  "SELECT id, name, license, capacity, note, ST_Area (geom::geography, true) / 1e6, ST_AsBinary (geom)," \
  " uuid, revision, updated_at, updated_by FROM zones"

static PkZone *
zone_from_row (PGresult *res,
               int       i)
{
  PkZone *z = pk_zone_new ();
  g_autoptr(PkGeometry) g = column_geometry (res, i, 6);

  z->id = _pk_pg_int (res, i, 0);
  z->name = _pk_pg_strdup (res, i, 1);
  pk_license_from_string (PQgetvalue (res, i, 2), &z->license);
  z->capacity = _pk_pg_int (res, i, 3);
  z->note = _pk_pg_strdup (res, i, 4);
  z->area_km2 = _pk_pg_double (res, i, 5);
  _pk_pg_record (res, i, 7, &z->record);
  _pk_store_zone_set_outline (z, g);
  return z;
}

static PkZone *
zone_by_key (PkStore     *self,
             gint64       id,
             const char  *uuid,
             GError     **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { uuid ? uuid : id_text };
  g_autofree char *sql = g_strconcat (ZONE_COLUMNS, uuid ? " WHERE uuid = $1" : " WHERE id = $1::bigint", NULL);
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read zones", sql, 1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      if (uuid)
        g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                             _("The zone is no longer in this workspace."));
      else
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                     _("There is no zone %lld in this workspace."), (long long) id);
      return NULL;
    }
  return zone_from_row (res, 0);
}

static PkZone *
pg_get_zone (PkStore  *self,
             gint64    id,
             GError  **error)
{
  return zone_by_key (self, id, NULL, error);
}

static PkZone *
pg_get_zone_by_uuid (PkStore     *self,
                     const char  *uuid,
                     GError     **error)
{
  return zone_by_key (self, 0, uuid, error);
}

static GPtrArray *
pg_list_zones (PkStore  *self,
               GError  **error)
{
  return _pk_pg_list_rows (self, error, "Could not read zones", ZONE_COLUMNS " ORDER BY id", 0, NULL,
                           (PkPgRowFunc) zone_from_row, (GDestroyNotify) pk_zone_free);
}

/* Validated, checked by PostGIS (an outline that crosses itself is refused in words), then written */
static gint64
write_zone (PkStore       *self,
            const PkZone  *z,
            gboolean       insert,
            GError       **error)
{
  g_autofree char *wkt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *capacity = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *at = _pk_store_now ();
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autoptr(PGresult) res = NULL;
  gint64 id;

  if (!pk_zone_validate (z, error))
    return 0;
  wkt = pk_zone_to_wkt (z);
  {
    const char *params[] = { wkt };
    g_autoptr(PGresult) check = _pk_pg_query (self, error, "Could not check the zone",
                                              "SELECT ST_IsValid (ST_GeomFromText ($1, 4326))", 1, params);

    if (check == NULL)
      return 0;
    if (!g_str_equal (PQgetvalue (check, 0, 0), "t"))
      {
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                     _("The zone’s outline crosses itself; move a corner so that its edges do not cross."));
        return 0;
      }
  }
  if (!pk_store_begin (self, error))
    return 0;
  if (!insert && (before = zone_by_key (self, z->id, NULL, error)) == NULL)
    goto fail;
  name = g_strstrip (g_strdup (z->name));
  capacity = g_strdup_printf ("%d", z->capacity);
  id_text = z->id > 0 ? _pk_pg_int_text (z->id) : NULL;
  uuid = z->record.uuid ? g_strdup (z->record.uuid) : g_uuid_string_random ();
  {
    const char *params[] = { name, pk_license_to_string (z->license), capacity, z->note, at, wkt, id_text,
                             uuid, _pk_store_actor (self) };

    res = _pk_pg_query (self, error, "Could not store the zone",
                        insert
                        ? "INSERT INTO zones (name, license, capacity, note, created_at, geom, id, uuid, revision,"
                          " updated_at, updated_by) VALUES ($1, $2, $3::integer, $4, $5, ST_GeomFromText ($6, 4326),"
                          " coalesce ($7::bigint, nextval (pg_get_serial_sequence ('zones', 'id'))), $8, 1, $5, $9)"
                          " RETURNING id"
                        : "UPDATE zones SET name = $1, license = $2, capacity = $3::integer, note = $4,"
                          " geom = ST_GeomFromText ($6, 4326), revision = revision + 1, updated_at = $5,"
                          " updated_by = $9 WHERE id = $7::bigint AND $8::text IS NOT NULL RETURNING id",
                        G_N_ELEMENTS (params), params);
  }
  if (res == NULL || PQntuples (res) == 0)
    goto fail;
  id = _pk_pg_int (res, 0, 0);
  if (before != NULL)
    before_json = _pk_store_zone_json (before);
  after_json = _pk_store_zone_json (z);
  if (insert)
    {
      const char *params[] = { uuid };
      g_autoptr(PGresult) unbury = _pk_pg_query (self, error, "Could not record a deletion",
                                                 "DELETE FROM tombstones WHERE uuid = $1", 1, params);

      if (unbury == NULL)
        goto fail;
    }
  if (!_pk_pg_write_audit (self, insert ? "insert" : "update", "zone", id, before_json, after_json, error) ||
      !pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static gint64
pg_add_zone (PkStore       *self,
             const PkZone  *zone,
             GError       **error)
{
  return write_zone (self, zone, TRUE, error);
}

static gboolean
pg_update_zone (PkStore       *self,
                const PkZone  *zone,
                GError       **error)
{
  return write_zone (self, zone, FALSE, error) != 0;
}

static gboolean
pg_delete_zone (PkStore  *self,
                gint64    id,
                GError  **error)
{
  g_autoptr(PkZone) before = NULL;
  g_autofree char *id_text = _pk_pg_int_text (id);
  g_autofree char *now = _pk_store_now ();
  g_autofree char *before_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = zone_by_key (self, id, NULL, error)) == NULL)
    goto fail;
  {
    const char *params[] = { id_text, now, _pk_store_actor (self) };
    g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not remove the zone",
                                            "WITH gone AS (DELETE FROM zones WHERE id = $1::bigint RETURNING uuid)"
                                            " INSERT INTO tombstones (uuid, entity, deleted_at, deleted_by)"
                                            " SELECT uuid, 'zone', $2, $3 FROM gone WHERE uuid IS NOT NULL"
                                            " ON CONFLICT (uuid) DO UPDATE SET deleted_at = excluded.deleted_at,"
                                            " deleted_by = excluded.deleted_by", G_N_ELEMENTS (params), params);

    if (res == NULL)
      goto fail;
  }
  before_json = _pk_store_zone_json (before);
  if (!_pk_pg_write_audit (self, "delete", "zone", id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* ---- the rule set ---------------------------------------------------------------- */

static GHashTable *
pg_get_rule_settings (PkStore  *self,
                      GError  **error)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the rule set",
                                          "SELECT key, value FROM rule_settings", 0, NULL);
  GHashTable *out;

  if (res == NULL)
    return NULL;
  out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_hash_table_insert (out, _pk_pg_strdup (res, i, 0), _pk_pg_strdup (res, i, 1));
  return out;
}

static gboolean
pg_set_rule_setting (PkStore     *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_autofree char *at = _pk_store_now ();
  g_autofree char *before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  {
    const char *params[] = { key };
    g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not change the rule set",
                                            "SELECT value FROM rule_settings WHERE key = $1 FOR UPDATE",
                                            1, params);

    if (res == NULL)
      goto fail;
    if (PQntuples (res) > 0)
      before = _pk_pg_strdup (res, 0, 0);
  }
  {
    const char *params[] = { key, value, at };
    g_autoptr(PGresult) res = value
      ? _pk_pg_query (self, error, "Could not change the rule set",
                      "INSERT INTO rule_settings (key, value, updated_at) VALUES ($1, $2, $3)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                      " updated_at = excluded.updated_at", 3, params)
      : _pk_pg_query (self, error, "Could not change the rule set",
                      "DELETE FROM rule_settings WHERE key = $1", 1, params);

    if (res == NULL)
      goto fail;
  }
  before_json = before ? _pk_store_one_member_json (key, before) : NULL;
  after_json = value ? _pk_store_one_member_json (key, value) : NULL;
  if (!_pk_pg_write_audit (self, "update", "rule_setting", 0, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

void
_pk_pg_store_offices_class_init (PkStoreClass *klass)
{
  klass->add_office = pg_add_office;
  klass->list_offices = pg_list_offices;
  klass->list_office_points = pg_list_office_points;
  klass->get_office = pg_get_office;
  klass->get_office_by_uuid = pg_get_office_by_uuid;
  klass->update_office = pg_update_office;
  klass->delete_office = pg_delete_office;
  klass->office_code_exists = pg_office_code_exists;
  klass->office_code_owner = pg_office_code_owner;
  klass->case_office = pg_case_office;
  klass->get_rule_settings = pg_get_rule_settings;
  klass->set_rule_setting = pg_set_rule_setting;
  klass->add_zone = pg_add_zone;
  klass->update_zone = pg_update_zone;
  klass->delete_zone = pg_delete_zone;
  klass->get_zone = pg_get_zone;
  klass->get_zone_by_uuid = pg_get_zone_by_uuid;
  klass->list_zones = pg_list_zones;
}
