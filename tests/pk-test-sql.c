/* pk-test-sql.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <sqlite3.h>
#include <spatialite.h>

#include "pk-test-sql.h"

/* Runs @sql on its own connection, with SpatiaLite (whose triggers guard the
 * geometry columns); a failure ends the test. */
void
pk_test_sql_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  void *cache = spatialite_alloc_connection ();
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  spatialite_init_ex (db, cache, 0);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
  spatialite_cleanup_ex (cache);
}

/* The first column of the first row of @sql, as text; NULL for no row or NULL. */
char *
pk_test_sql_text (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return out;
}

/* As pk_test_sql_text(), as a number (-1 for no row). */
int
pk_test_sql_int (const char *path,
                 const char *sql)
{
  g_autofree char *text = pk_test_sql_text (path, sql);

  return text ? atoi (text) : -1;
}
