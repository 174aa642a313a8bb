/* pk-pg-store.h: a workspace on PostgreSQL + PostGIS (libpq); never included
 * outside src/core/store
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "pk-store-backend.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_BEGIN_DECLS

#define PK_PG_N(params) ((int) G_N_ELEMENTS (params))

#define PK_TYPE_PG_STORE (pk_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (PkPgStore, pk_pg_store, PK, PG_STORE, PkStore)

/* The workspace a URI names when it has no ?workspace= */
#define PK_PG_DEFAULT_WORKSPACE "pishkhan"

gboolean  _pk_pg_is_uri        (const char  *location);
char     *_pk_pg_display_name  (const char  *uri);
GPtrArray *pk_pg_list_workspaces (const char  *uri,
                                 const char  *password,
                                 GError     **error);
PkStore  *pk_pg_store_open     (const char  *uri,
                                const char  *password,
                                GError     **error);
PkStore  *pk_pg_store_create   (const char  *uri,
                                gboolean     overwrite,
                                GError     **error);
gboolean  _pk_pg_store_create_at_version (const char  *uri,
                                          int          version,
                                          GError     **error);

/* The schema version that _pk_pg_schema_sql builds; _pk_pg_migrations go on from it */
#define PK_PG_BASE_SCHEMA_VERSION 7

extern const char        _pk_pg_schema_sql[];
extern const char * const _pk_pg_migrations[];
extern const char        _pk_pg_roles_sql[];
extern const char * const _pk_pg_case_tables[];

/* Runs @sql with @n_params text parameters (%NULL is SQL NULL).
 * Returns: (transfer full): the result, or %NULL with @error set */
PGresult *_pk_pg_query          (PkStore            *self,
                                 GError            **error,
                                 const char         *what,
                                 const char         *sql,
                                 int                 n_params,
                                 const char * const *params);
/* As _pk_pg_query(), with some parameters binary (@lengths and @formats as PQexecParams) */
PGresult *_pk_pg_query_binary   (PkStore            *self,
                                 GError            **error,
                                 const char         *what,
                                 const char         *sql,
                                 int                 n_params,
                                 const char * const *params,
                                 const int          *lengths,
                                 const int          *formats);
PGconn   *_pk_pg_conn           (PkStore            *self);
gint64    _pk_pg_int            (PGresult           *res,
                                 int                 row,
                                 int                 column);
double    _pk_pg_double         (PGresult           *res,
                                 int                 row,
                                 int                 column);
char     *_pk_pg_strdup         (PGresult           *res,
                                 int                 row,
                                 int                 column);
GBytes   *_pk_pg_bytes          (PGresult           *res,
                                 int                 row,
                                 int                 column);
/* The text parameters of a statement that writes a whole record, freed together */
typedef struct
{
  char *values[24];
} PkPgTexts;

void      _pk_pg_texts_clear    (PkPgTexts          *texts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PkPgTexts, _pk_pg_texts_clear)

/* A record made from row @row of a result */
typedef gpointer (*PkPgRowFunc) (PGresult *res,
                                 int       row);

/* Every row @sql selects, each made by @from_row (as _pk_store_list_rows() in a file).
 * Returns: (transfer full): the records, or %NULL with @error set */
GPtrArray *_pk_pg_list_rows     (PkStore            *self,
                                 GError            **error,
                                 const char         *what,
                                 const char         *sql,
                                 int                 n_params,
                                 const char * const *params,
                                 PkPgRowFunc         from_row,
                                 GDestroyNotify      free_func);

/* A number as a text parameter */
char     *_pk_pg_int_text       (gint64              value);
char     *_pk_pg_double_text    (double              value);
/* PkRecord's four columns, from @column on: uuid, revision, updated_at, updated_by */
void      _pk_pg_record         (PGresult           *res,
                                 int                 row,
                                 int                 column,
                                 PkRecord           *record);
gboolean  _pk_pg_write_audit    (PkStore            *self,
                                 const char         *action,
                                 const char         *entity,
                                 gint64              entity_id,
                                 const char         *before,
                                 const char         *after,
                                 GError            **error);

void      _pk_pg_store_places_class_init  (PkStoreClass *klass);
void      _pk_pg_store_offices_class_init (PkStoreClass *klass);
void      _pk_pg_store_cases_class_init   (PkStoreClass *klass);
void      _pk_pg_store_visits_class_init  (PkStoreClass *klass);
void      _pk_pg_store_meetings_class_init (PkStoreClass *klass);

G_END_DECLS
