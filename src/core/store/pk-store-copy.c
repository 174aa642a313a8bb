/* pk-store-copy.c: a whole workspace copied to another place — a file to a
 * server, a server to a file — record by record, ids, UUIDs, revisions and
 * the audit log as they were. The target is built aside and published whole
 * (a staged file, or a staging schema renamed in one transaction): a copy
 * that fails half-way leaves nothing behind. Also the file backend's side of
 * the row interface it uses (PkStoreClass's list_columns … finish_rows).
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pk-store-internal.h"
#include "pk-store-private.h"

/* Every table, in an order in which each one's references come before it:
 * the order a copy fills them in. */
const char * const _pk_store_tables[] = {
  "meta", "provinces", "counties", "settlements", "cases", "offices", "audit_log",
  "rule_settings", "zones", "case_stages", "case_people", "case_documents", "case_events",
  "tombstones", "case_counters", "meetings", "meeting_cases", "decisions", "case_conditions",
  "visits", "visit_photos", "bundle_keys", "bundle_merges", "bundle_conflicts", NULL
};

gboolean
_pk_store_is_geometry_column (const char *column)
{
  return g_str_equal (column, "geom") || g_str_equal (column, "urban_area");
}

/* ---- a file's rows ------------------------------------------------------------- */

static GStrv
sqlite_list_columns (PkStore     *self,
                     const char  *table,
                     GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the workspace's tables"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the workspace's tables"), NULL;
  return g_strv_builder_end (builder);
}

static gboolean
sqlite_read_rows (PkStore            *self,
                  const char         *table,
                  const char         *where,
                  const char * const *columns,
                  PkRowFunc           func,
                  gpointer            user_data,
                  GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = g_strv_length ((GStrv) columns);
  g_autofree PkCell *cells = g_new0 (PkCell, n);
  int rc;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, _pk_store_is_geometry_column (columns[i]) ? "%sAsBinary (\"%s\")" : "%s\"%s\"",
                            i ? ", " : "", columns[i]);
  g_string_append_printf (sql, " FROM \"%s\" %s%s ORDER BY rowid", table, where ? "WHERE " : "", where ? where : "");
  if (sqlite3_prepare_v2 (_pk_store_db (self), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the workspace");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n; i++)
        {
          PkCell *c = &cells[i];

          memset (c, 0, sizeof *c);
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              c->kind = PK_CELL_INT;
              c->i = sqlite3_column_int64 (stmt, i);
              break;
            case SQLITE_FLOAT:
              c->kind = PK_CELL_REAL;
              c->d = sqlite3_column_double (stmt, i);
              break;
            case SQLITE_TEXT:
              c->kind = PK_CELL_TEXT;
              c->data = sqlite3_column_text (stmt, i);
              c->len = sqlite3_column_bytes (stmt, i);
              break;
            case SQLITE_BLOB:
              c->kind = _pk_store_is_geometry_column (columns[i]) ? PK_CELL_GEOMETRY : PK_CELL_BLOB;
              c->data = sqlite3_column_blob (stmt, i);
              c->len = sqlite3_column_bytes (stmt, i);
              break;
            default:
              c->kind = PK_CELL_NULL;
            }
        }
      if (!func (cells, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the workspace");
  return TRUE;
}

static gboolean
sqlite_write_row (PkStore            *self,
                  const char         *table,
                  const char * const *columns,
                  const PkCell       *cells,
                  GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = g_strv_length ((GStrv) columns);

  /* meta already holds the new file's own keys: the source's win */
  g_string_printf (sql, "INSERT OR REPLACE INTO \"%s\" (", table);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", columns[i]);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, cells[i].kind == PK_CELL_GEOMETRY ? "%sGeomFromWKB (?, 4326)" : "%s?",
                            i ? ", " : "");
  g_string_append_c (sql, ')');
  if (sqlite3_prepare_v2 (_pk_store_db (self), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not write the copy");
  for (guint i = 0; i < n; i++)
    {
      const PkCell *c = &cells[i];

      switch (c->kind)
        {
        case PK_CELL_INT:
          sqlite3_bind_int64 (stmt, i + 1, c->i);
          break;
        case PK_CELL_REAL:
          sqlite3_bind_double (stmt, i + 1, c->d);
          break;
        case PK_CELL_TEXT:
          sqlite3_bind_text (stmt, i + 1, (const char *) c->data, c->len, SQLITE_STATIC);
          break;
        case PK_CELL_BLOB:
        case PK_CELL_GEOMETRY:
          sqlite3_bind_blob (stmt, i + 1, c->data, c->len, SQLITE_STATIC);
          break;
        case PK_CELL_NULL:
        default:
          break;
        }
    }
  return _pk_store_step_done (self, stmt, error, "Could not write the copy");
}

static gboolean
sqlite_finish_rows (PkStore     *self,
                    const char  *table,
                    GError     **error)
{
  return TRUE;
}

void
_pk_sqlite_store_copy_class_init (PkStoreClass *klass)
{
  klass->list_columns = sqlite_list_columns;
  klass->read_rows = sqlite_read_rows;
  klass->write_row = sqlite_write_row;
  klass->finish_rows = sqlite_finish_rows;
}

/* ---- the copy ------------------------------------------------------------------ */

typedef struct
{
  PkStore            *target;
  const char         *table;
  const char * const *columns;
  guint               n_rows;
} CopyTable;

static gboolean
copy_one_row (const PkCell  *cells,
              gpointer       user_data,
              GError       **error)
{
  CopyTable *t = user_data;

  t->n_rows++;
  return PK_STORE_GET_CLASS (t->target)->write_row (t->target, t->table, t->columns, cells, error);
}

static gboolean
copy_table (PkStore     *source,
            PkStore     *target,
            const char  *table,
            const char  *where,
            guint       *n_rows,
            GError     **error)
{
  g_auto(GStrv) source_columns = PK_STORE_GET_CLASS (source)->list_columns (source, table, error);
  g_auto(GStrv) target_columns = NULL;
  g_autoptr(GStrvBuilder) shared = g_strv_builder_new ();
  g_auto(GStrv) columns = NULL;
  CopyTable t = { target, table, NULL, 0 };

  if (source_columns == NULL ||
      (target_columns = PK_STORE_GET_CLASS (target)->list_columns (target, table, error)) == NULL)
    return FALSE;
  /* Both are at the same schema version: a column one side lacks is a bug, not data to drop. */
  for (guint i = 0; source_columns[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) target_columns, source_columns[i]))
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                       _("The target has no column “%s” in “%s”"), source_columns[i], table);
          return FALSE;
        }
      g_strv_builder_add (shared, source_columns[i]);
    }
  columns = g_strv_builder_end (shared);
  t.columns = (const char * const *) columns;
  if (!PK_STORE_GET_CLASS (source)->read_rows (source, table, where, t.columns, copy_one_row, &t, error) ||
      !PK_STORE_GET_CLASS (target)->finish_rows (target, table, error))
    {
      g_prefix_error (error, "%s: ", table);
      return FALSE;
    }
  *n_rows = t.n_rows;
  return TRUE;
}

/**
 * _pk_store_copy_some:
 * @wheres: (nullable) (element-type utf8 utf8): table → an SQL condition in
 *   @source's dialect on the rows of it to copy (a table not in it: all)
 *
 * As pk_store_copy(), with only some rows of some tables: what a field
 * bundle cut from a server needs (pk-pg-store-visits.c), without the rest.
 * A condition must keep what the copied rows refer to.
 */
PkStore *
_pk_store_copy_some (PkStore     *source,
                     const char  *target,
                     gboolean     overwrite,
                     GHashTable  *wheres,
                     guint       *n_records,
                     GError     **error)
{
  g_autoptr(PkStore) copy = NULL;
  guint total = 0;

  g_return_val_if_fail (PK_IS_STORE (source), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  if (pk_store_get_schema_version (source) != PK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("Only a workspace of this version can be copied"));
      return NULL;
    }
  if ((copy = _pk_store_create_staged (target, overwrite, error)) == NULL)
    return NULL;
  pk_store_set_actor (copy, pk_store_get_actor (source));
  if (!pk_store_begin (copy, error))
    return NULL;
  for (guint i = 0; _pk_store_tables[i] != NULL; i++)
    {
      const char *where = wheres ? g_hash_table_lookup (wheres, _pk_store_tables[i]) : NULL;
      guint n = 0;

      if (!copy_table (source, copy, _pk_store_tables[i], where, &n, error))
        {
          pk_store_rollback (copy);
          return NULL;
        }
      total += n;
    }
  if (!pk_store_commit (copy, error) || !pk_store_publish (copy, error))
    return NULL;
  if (n_records)
    *n_records = total;
  return g_steal_pointer (&copy);
}

/**
 * pk_store_copy:
 * @source: an open workspace
 * @target: a file path or a server URI where there is no workspace yet
 *   (or one to replace, with @overwrite)
 * @n_records: (out) (optional): how many rows the copy holds
 *
 * Copies every table of @source into a new workspace at @target in one
 * transaction, and publishes it whole.
 *
 * Returns: (transfer full): the new workspace, open, or %NULL with @error set
 */
PkStore *
pk_store_copy (PkStore     *source,
               const char  *target,
               gboolean     overwrite,
               guint       *n_records,
               GError     **error)
{
  return _pk_store_copy_some (source, target, overwrite, NULL, n_records, error);
}
