/* pk-store-internal.h: what the SQLite files of the store share; never
 * included outside src/core/store (and the tests that look inside a file)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pk-geom.h"
#include "pk-store-backend.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_BEGIN_DECLS

#define PK_TYPE_SQLITE_STORE (pk_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (PkSqliteStore, pk_sqlite_store, PK, SQLITE_STORE, PkStore)

PkStore      *pk_sqlite_store_open  (const char   *path,
                                     GError      **error);
PkStore      *pk_sqlite_store_create_staged (const char  *path,
                                             gboolean     overwrite,
                                             GError     **error);
const char   *_pk_sqlite_store_get_source (PkStore *self);
gboolean      _pk_sqlite_store_create_at_version (const char  *path,
                                                  int          version,
                                                  GError     **error);

/* PkStoreClass's functions for a file workspace, set by the file of each aggregate */
void          _pk_sqlite_store_cases_class_init   (PkStoreClass *klass);
void          _pk_sqlite_store_offices_class_init (PkStoreClass *klass);
void          _pk_sqlite_store_places_class_init  (PkStoreClass *klass);
void          _pk_sqlite_store_rules_class_init   (PkStoreClass *klass);
void          _pk_sqlite_store_zones_class_init   (PkStoreClass *klass);
void          _pk_sqlite_store_meetings_class_init (PkStoreClass *klass);
void          _pk_sqlite_store_visits_class_init  (PkStoreClass *klass);
void          _pk_sqlite_store_bundle_class_init  (PkStoreClass *klass);
void          _pk_sqlite_store_copy_class_init    (PkStoreClass *klass);

sqlite3      *_pk_store_db          (PkStore      *self);
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

/* The parameters _pk_store_bind_record() fills: ?61 a UUID (the record's or a
 * new one), ?62 now, ?63 who the store writes for. Numbered, not named: a
 * named parameter takes the next free number where it stands in the text, and
 * would collide with a ?N written after it. */

/* PkRecord's columns, in this order, in every table of records people change */
#define PK_RECORD_SQL "uuid, revision, updated_at, updated_by"
/* … and what an UPDATE sets (with _pk_store_bind_record()) */
#define PK_RECORD_BUMP_SQL "revision = revision + 1, updated_at = ?62, updated_by = ?63"

void          _pk_store_bind_record   (PkStore      *self,
                                       sqlite3_stmt *stmt,
                                       const char   *uuid);
void          _pk_store_column_record (sqlite3_stmt *stmt,
                                       int           first,
                                       PkRecord     *record);
gboolean      _pk_store_bury          (PkStore      *self,
                                       const char   *table,
                                       const char   *entity,
                                       const char   *where,
                                       gint64        id,
                                       GError      **error);
gboolean      _pk_store_unbury        (PkStore      *self,
                                       const char   *uuid,
                                       GError      **error);
typedef gpointer (*PkStoreRowFunc) (sqlite3_stmt *stmt);

gpointer      _pk_store_get_one       (PkStore       *self,
                                       const char    *select,
                                       gint64         id,
                                       const char    *uuid,
                                       PkStoreRowFunc from_row,
                                       GError       **error);

GPtrArray    *_pk_store_list_rows     (PkStore       *self,
                                       const char    *sql,
                                       gint64         id,
                                       PkStoreRowFunc from_row,
                                       GDestroyNotify free_func,
                                       GError       **error);

/* pk-store-bundle.c */
gboolean      _pk_store_write_bundle  (PkStore             *self,
                                       const char          *path,
                                       const PkBundleSpec  *spec,
                                       GError             **error);
char         *_pk_store_bundle_digest (sqlite3     *db,
                                       const char  *key,
                                       GError     **error);
gboolean      _pk_store_bundle_sign   (sqlite3     *db,
                                       const char  *key,
                                       GError     **error);
gboolean      _pk_store_bundle_seal   (const char  *path,
                                       const char  *key,
                                       GError     **error);

/* pk-store-schema.c */
gboolean      _pk_store_run_migration (sqlite3     *db,
                                       int          version,
                                       GError     **error);

G_END_DECLS
