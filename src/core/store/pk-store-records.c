/* pk-store-records.c: the columns of PkRecord, tombstones, one record by its key
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include "pk-store-internal.h"

/**
 * _pk_store_bind_record:
 * @uuid: (nullable): the record's UUID, or %NULL for a new one
 *
 * Binds the parameters of PkRecord a statement uses: ?61 (@uuid or a new
 * one), ?62 (now) and ?63 (who the store writes for).
 */
void
_pk_store_bind_record (PkStore      *self,
                       sqlite3_stmt *stmt,
                       const char   *uuid)
{
  int i;

  if ((i = sqlite3_bind_parameter_index (stmt, "?61")) > 0)
    {
      if (uuid != NULL && pk_uuid_is_valid (uuid))
        sqlite3_bind_text (stmt, i, uuid, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_text (stmt, i, pk_uuid_new (), -1, g_free);
    }
  if ((i = sqlite3_bind_parameter_index (stmt, "?62")) > 0)
    sqlite3_bind_text (stmt, i, _pk_store_now (), -1, g_free);
  if ((i = sqlite3_bind_parameter_index (stmt, "?63")) > 0)
    sqlite3_bind_text (stmt, i, _pk_store_actor (self), -1, SQLITE_TRANSIENT);
}

/* The four columns PK_RECORD_SQL lists, from column @first on. */
void
_pk_store_column_record (sqlite3_stmt *stmt,
                         int           first,
                         PkRecord     *record)
{
  pk_record_clear (record);
  record->uuid = _pk_store_column_strdup (stmt, first);
  record->revision = sqlite3_column_int64 (stmt, first + 1);
  record->updated_at = _pk_store_column_strdup (stmt, first + 2);
  record->updated_by = _pk_store_column_strdup (stmt, first + 3);
}

/**
 * _pk_store_bury:
 * @where: an SQL condition on @table's rows, with ?1 bound to @id
 *
 * Leaves a tombstone for each row of @table about to be deleted, so that a
 * merge deletes it in the other copy too instead of bringing it back.
 */
gboolean
_pk_store_bury (PkStore     *self,
                const char  *table,
                const char  *entity,
                const char  *where,
                gint64       id,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO tombstones (uuid, entity,"
                                          " deleted_at, deleted_by) SELECT uuid, ?64, ?62, ?63"
                                          " FROM %s WHERE %s AND uuid IS NOT NULL", table, where);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (_pk_store_db (self), error, "Could not record a deletion");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, "?64"), entity, -1, SQLITE_STATIC);
  _pk_store_bind_record (self, stmt, NULL);
  return _pk_store_step_done (self, stmt, error, "Could not record a deletion");
}

/* A record written again under its old UUID (an undone deletion) is alive:
 * its tombstone goes. */
gboolean
_pk_store_unbury (PkStore     *self,
                  const char  *uuid,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (uuid == NULL)
    return TRUE;
  if ((stmt = _pk_store_statement (self, "DELETE FROM tombstones WHERE uuid = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return _pk_store_step_done (self, stmt, error, "Could not record a deletion");
}

/**
 * _pk_store_get_one:
 * @select: a SELECT without its WHERE; "WHERE uuid = ?1" or "WHERE id = ?1" is added
 * @uuid: (nullable): the record's UUID, or %NULL to find it by @id
 * @from_row: makes the record from a row of @select
 *
 * One record by its key. Returns %NULL without an error when there is none,
 * so that the caller says what was not found.
 */
gpointer
_pk_store_get_one (PkStore       *self,
                   const char    *select,
                   gint64         id,
                   const char    *uuid,
                   PkStoreRowFunc from_row,
                   GError       **error)
{
  g_autofree char *sql = g_strconcat (select, uuid ? " WHERE uuid = ?1" : " WHERE id = ?1", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (_pk_store_db (self), error, "Could not read the workspace"), NULL;
  if (uuid)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return from_row (stmt);
  if (rc != SQLITE_DONE)
    _pk_store_db_error (_pk_store_db (self), error, "Could not read the workspace");
  return NULL;
}

/* Runs @sql (one ?1 bound to @id) and collects each row made by @from_row;
 * NULL with @error set when the workspace cannot be read. */
GPtrArray *
_pk_store_list_rows (PkStore        *self,
                     const char     *sql,
                     gint64          id,
                     PkStoreRowFunc  from_row,
                     GDestroyNotify  free_func,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the workspace"), NULL;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, from_row (stmt));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the workspace"), NULL;
  return g_steal_pointer (&out);
}
