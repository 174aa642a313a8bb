/* pk-store-zones.c: approved zones
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-store-internal.h"

/* The zone as the audit log keeps it (both backends) */
char *
_pk_store_zone_json (const PkZone *z)
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
    before_json = _pk_store_zone_json (before);
  after_json = _pk_store_zone_json (z);
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
static gint64
sqlite_add_zone (PkStore       *self,
                 const PkZone  *zone,
                 GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  g_return_val_if_fail (zone != NULL, 0);
  return write_zone (self, zone, TRUE, error);
}
static gboolean
sqlite_update_zone (PkStore       *self,
                    const PkZone  *zone,
                    GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (zone != NULL && zone->id > 0, FALSE);
  return write_zone (self, zone, FALSE, error) != 0;
}
static gboolean
sqlite_delete_zone (PkStore  *self,
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
  before_json = _pk_store_zone_json (before);
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
  _pk_store_zone_set_outline (z, g);
  return z;
}

/* The zone's corners from its stored polygon (both backends) */
void
_pk_store_zone_set_outline (PkZone           *z,
                            const PkGeometry *g)
{
  if (g != NULL && g->n_polygons == 1 && g->polygons[0].n_rings >= 1)
    {
      const PkRing *ring = &g->polygons[0].rings[0];

      /* the stored ring is closed; ours is not */
      for (guint k = 0; k + 1 < ring->n_points; k++)
        pk_zone_add_point (z, ring->xy[2 * k], ring->xy[2 * k + 1]);
    }
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

static PkZone *
sqlite_get_zone (PkStore  *self,
                 gint64    id,
                 GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  return zone_by_key (self, id, NULL, error);
}

/* The zone whose PkRecord UUID is @uuid. */
static PkZone *
sqlite_get_zone_by_uuid (PkStore     *self,
                         const char  *uuid,
                         GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return zone_by_key (self, 0, uuid, error);
}
static GPtrArray *
sqlite_list_zones (PkStore  *self,
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

void
_pk_sqlite_store_zones_class_init (PkStoreClass *klass)
{
  klass->add_zone = sqlite_add_zone;
  klass->update_zone = sqlite_update_zone;
  klass->delete_zone = sqlite_delete_zone;
  klass->get_zone = sqlite_get_zone;
  klass->get_zone_by_uuid = sqlite_get_zone_by_uuid;
  klass->list_zones = sqlite_list_zones;
}
