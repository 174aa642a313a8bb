/* pk-store-internal.h: what the SQLite files of the store share; never
 * included outside src/core/store (and the tests that look inside a file)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pk-geom.h"
#include "pk-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_BEGIN_DECLS

sqlite3      *_pk_store_db          (PkStore      *self);
void          _pk_store_note_change (PkStore      *self,
                                     const char   *entity,
                                     gint64        id);
const char   *_pk_store_actor       (PkStore      *self);
char         *_pk_store_now         (void);
gboolean      _pk_store_sql_error   (PkStore      *self,
                                     GError      **error,
                                     const char   *what);
gboolean      _pk_store_db_error    (sqlite3      *db,
                                     GError      **error,
                                     const char   *what);
gboolean      _pk_store_exec        (PkStore      *self,
                                     const char   *sql,
                                     GError      **error);
sqlite3_stmt *_pk_store_statement   (PkStore      *self,
                                     const char   *sql,
                                     GError      **error);
gboolean      _pk_store_step_done   (PkStore      *self,
                                     sqlite3_stmt *stmt,
                                     GError      **error,
                                     const char   *what);
gboolean      _pk_store_write_audit (PkStore      *self,
                                     const char   *action,
                                     const char   *entity,
                                     gint64        entity_id,
                                     const char   *before,
                                     const char   *after,
                                     GError      **error);
void          _pk_store_bind_text_or_null (sqlite3_stmt *stmt,
                                           int           i,
                                           const char   *text);
char         *_pk_store_column_strdup     (sqlite3_stmt *stmt,
                                           int           i);
PkGeometry   *_pk_store_column_geometry   (sqlite3_stmt *stmt,
                                           int           i);
gint64        _pk_store_insert_geometry_row (PkStore     *self,
                                             const char  *sql,
                                             GError     **error,
                                             const char  *what,
                                             ...) G_GNUC_NULL_TERMINATED;

/* pk-store-schema.c */
gboolean      _pk_store_run_migration (sqlite3     *db,
                                       int          version,
                                       GError     **error);

G_END_DECLS
