/* pk-store-offices.c: offices, with an audit entry for every change
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-store-internal.h"

/* The office as the audit log keeps it (both backends) */
char *
_pk_store_office_json (const PkOffice *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, o->code);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, o->name);
  json_builder_set_member_name (b, "license");
  json_builder_add_string_value (b, pk_license_to_string (o->license));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, pk_status_to_string (o->status));
  json_builder_set_member_name (b, "sample");
  json_builder_add_boolean_value (b, o->sample);
  json_builder_set_member_name (b, "holder");
  json_builder_add_string_value (b, o->holder);
  json_builder_set_member_name (b, "postal_code");
  json_builder_add_string_value (b, o->postal_code);
  if (o->case_id > 0)
    {
      json_builder_set_member_name (b, "case_id");
      json_builder_add_int_value (b, o->case_id);
    }
  if (o->holder_code != NULL)
    {
      json_builder_set_member_name (b, "holder_code");
      json_builder_add_string_value (b, o->holder_code);
    }
  if (o->cancelled_on != NULL)
    {
      json_builder_set_member_name (b, "cancelled_on");
      json_builder_add_string_value (b, o->cancelled_on);
      json_builder_set_member_name (b, "cancel_reason");
      json_builder_add_string_value (b, o->cancel_reason);
    }
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, o->lat);
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, o->lon);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}
/* ?1 … ?13, ?15 … ?18: the office's fields, as both the insert and the update name them. */
static void
bind_office (sqlite3_stmt   *stmt,
             const PkOffice *o)
{
  sqlite3_bind_text (stmt, 1, o->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, o->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pk_license_to_string (o->license), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pk_status_to_string (o->status), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, o->sample ? 1 : 0);
  _pk_store_bind_text_or_null (stmt, 6, o->holder);
  _pk_store_bind_text_or_null (stmt, 7, o->address);
  _pk_store_bind_text_or_null (stmt, 8, o->postal_code);
  _pk_store_bind_text_or_null (stmt, 9, o->license_issued);
  _pk_store_bind_text_or_null (stmt, 10, o->license_expires);
  if (o->county_id > 0)
    sqlite3_bind_int64 (stmt, 11, o->county_id);
  sqlite3_bind_double (stmt, 12, o->lon);
  sqlite3_bind_double (stmt, 13, o->lat);
  if (o->case_id > 0)
    sqlite3_bind_int64 (stmt, 15, o->case_id);
  _pk_store_bind_text_or_null (stmt, 16, o->holder_code);
  _pk_store_bind_text_or_null (stmt, 17, o->cancelled_on);
  _pk_store_bind_text_or_null (stmt, 18, o->cancelled_on ? o->cancel_reason : NULL);
}

static const char insert_office_sql[] =
  "INSERT INTO offices (code, name, license, status, sample, holder, address,"
  " postal_code, license_issued, license_expires, county_id, geom, case_id, holder_code,"
  " cancelled_on, cancel_reason, " PK_RECORD_SQL ")"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, MakePoint (?12, ?13, 4326),"
  " ?15, ?16, ?17, ?18, ?61, 1, ?62, ?63)";

/**
 * pk_store_add_office:
 *
 * Inserts @office and its audit entry in one transaction.
 *
 * Returns: the new office's id, or 0 with @error set
 */
static gint64
sqlite_add_office (PkStore         *self,
                   const PkOffice  *o,
                   GError         **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *after = NULL;
  gint64 id;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  g_return_val_if_fail (o != NULL, 0);

  if (!pk_store_begin (self, error))
    return 0;
  stmt = _pk_store_statement (self, insert_office_sql, error);
  if (stmt == NULL)
    {
      pk_store_rollback (self);
      return 0;
    }
  bind_office (stmt, o);
  _pk_store_bind_record (self, stmt, o->record.uuid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _pk_store_sql_error (self, error, "Could not store the office");
      sqlite3_reset (stmt);
      pk_store_rollback (self);
      return 0;
    }
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  after = _pk_store_office_json (o);
  if (!_pk_store_unbury (self, o->record.uuid, error) ||
      !_pk_store_write_audit (self, "insert", "office", id, NULL, after, error))
    {
      pk_store_rollback (self);
      return 0;
    }
  if (!pk_store_commit (self, error))
    return 0;
  return id;
}
#define OFFICE_COLUMNS \
  "SELECT id, code, name, license, status, sample, holder, address, postal_code," \
  " license_issued, license_expires, county_id, Y (geom), X (geom), " PK_RECORD_SQL "," \
  " case_id, holder_code, cancelled_on, cancel_reason FROM offices"
static PkOffice *
office_from_row (sqlite3_stmt *stmt)
{
  PkOffice *o = pk_office_new ();

  o->id = sqlite3_column_int64 (stmt, 0);
  o->code = _pk_store_column_strdup (stmt, 1);
  o->name = _pk_store_column_strdup (stmt, 2);
  pk_license_from_string ((const char *) sqlite3_column_text (stmt, 3), &o->license);
  pk_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &o->status);
  o->sample = sqlite3_column_int (stmt, 5);
  o->holder = _pk_store_column_strdup (stmt, 6);
  o->address = _pk_store_column_strdup (stmt, 7);
  o->postal_code = _pk_store_column_strdup (stmt, 8);
  o->license_issued = _pk_store_column_strdup (stmt, 9);
  o->license_expires = _pk_store_column_strdup (stmt, 10);
  o->county_id = sqlite3_column_int64 (stmt, 11);
  o->lat = sqlite3_column_double (stmt, 12);
  o->lon = sqlite3_column_double (stmt, 13);
  _pk_store_column_record (stmt, 14, &o->record);
  o->case_id = sqlite3_column_int64 (stmt, 18);
  o->holder_code = _pk_store_column_strdup (stmt, 19);
  o->cancelled_on = _pk_store_column_strdup (stmt, 20);
  o->cancel_reason = _pk_store_column_strdup (stmt, 21);
  return o;
}
static GPtrArray *
sqlite_list_offices (PkStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_office_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), OFFICE_COLUMNS " ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read offices"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, office_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read offices"), NULL;
  return g_steal_pointer (&out);
}
/**
 * pk_store_list_office_points:
 *
 * Returns: (transfer full) (element-type PkOfficePoint): every office's
 *   position, licence type, status and county, by id
 */
static GArray *
sqlite_list_office_points (PkStore  *self,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (PkOfficePoint));
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT id, county_id, Y (geom), X (geom), license, status"
                          " FROM offices ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read offices"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkOfficePoint p = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                          sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3) };

      pk_license_from_string ((const char *) sqlite3_column_text (stmt, 4), &p.license);
      pk_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &p.status);
      g_array_append_val (out, p);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read offices"), NULL;
  return g_steal_pointer (&out);
}
static PkOffice *
office_by_key (PkStore     *self,
               gint64       id,
               const char  *uuid,
               GError     **error)
{
  GError *local = NULL;
  PkOffice *found = _pk_store_get_one (self, OFFICE_COLUMNS, id, uuid, (PkStoreRowFunc) office_from_row, &local);

  if (found != NULL || local != NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return found;
    }
  if (uuid)
    g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The office is no longer in this workspace."));
  else
    g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No office with id %lld"), (long long) id);
  return NULL;
}

/**
 * pk_store_get_office:
 *
 * Returns: (transfer full) (nullable): the office with @id, or %NULL with @error set
 */
static PkOffice *
sqlite_get_office (PkStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  return office_by_key (self, id, NULL, error);
}

/* The office whose PkRecord UUID is @uuid, wherever its rowid is now. */
static PkOffice *
sqlite_get_office_by_uuid (PkStore     *self,
                           const char  *uuid,
                           GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return office_by_key (self, 0, uuid, error);
}
/**
 * pk_store_update_office:
 *
 * Writes every field of @office (found by its id) and logs before/after.
 * An @office that carries a revision (read from the store) is refused with
 * %PK_STORE_ERROR_CONFLICT when the stored one has moved past it.
 */
static gboolean
sqlite_update_office (PkStore         *self,
                      const PkOffice  *o,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkOffice) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_office (self, o->id, error)) == NULL)
    goto fail;
  /* written from a copy read earlier: refused when someone saved it since */
  if (o->record.revision > 0 && before->record.revision != o->record.revision)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT,
                   _("“%s” was changed by %s while you edited it; nothing was saved"),
                   before->name, before->record.updated_by ? before->record.updated_by : "?");
      goto fail;
    }
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "UPDATE offices SET code = ?1, name = ?2, license = ?3, status = ?4,"
                          " sample = ?5, holder = ?6, address = ?7, postal_code = ?8,"
                          " license_issued = ?9, license_expires = ?10, county_id = ?11,"
                          " geom = MakePoint (?12, ?13, 4326), case_id = ?15, holder_code = ?16,"
                          " cancelled_on = ?17, cancel_reason = ?18, " PK_RECORD_BUMP_SQL " WHERE id = ?14",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not update the office");
      goto fail;
    }
  bind_office (stmt, o);
  sqlite3_bind_int64 (stmt, 14, o->id);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not update the office"))
    goto fail;
  before_json = _pk_store_office_json (before);
  after_json = _pk_store_office_json (o);
  if (!_pk_store_write_audit (self, "update", "office", o->id, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}
static gboolean
sqlite_delete_office (PkStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkOffice) before = NULL;
  g_autofree char *before_json = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_office (self, id, error)) == NULL ||
      !_pk_store_bury (self, "offices", "office", "id = ?1", id, error))
    goto fail;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "DELETE FROM offices WHERE id = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not remove the office");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_pk_store_step_done (self, stmt, error, "Could not remove the office"))
    goto fail;
  before_json = _pk_store_office_json (before);
  if (!_pk_store_write_audit (self, "delete", "office", id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}
static gboolean
sqlite_office_code_exists (PkStore    *self,
                           const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT 1 FROM offices WHERE code = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}
/* The id of the office holding @code, or 0. */
static gint64
sqlite_office_code_owner (PkStore    *self,
                          const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT id FROM offices WHERE code = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
sqlite_case_office (PkStore  *self,
                    gint64    case_id,
                    gint64   *office_id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT id FROM offices WHERE case_id = ? ORDER BY id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (_pk_store_db (self), error, "Could not read the offices");
  sqlite3_bind_int64 (stmt, 1, case_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *office_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return _pk_store_db_error (_pk_store_db (self), error, "Could not read the offices");
  return TRUE;
}

void
_pk_sqlite_store_offices_class_init (PkStoreClass *klass)
{
  klass->case_office = sqlite_case_office;
  klass->add_office = sqlite_add_office;
  klass->list_offices = sqlite_list_offices;
  klass->list_office_points = sqlite_list_office_points;
  klass->get_office = sqlite_get_office;
  klass->get_office_by_uuid = sqlite_get_office_by_uuid;
  klass->update_office = sqlite_update_office;
  klass->delete_office = sqlite_delete_office;
  klass->office_code_exists = sqlite_office_code_exists;
  klass->office_code_owner = sqlite_office_code_owner;
}
