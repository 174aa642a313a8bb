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

/* SHA-256 of every row of @table, each value with its type, the rows in the
 * order of their values (a rowid that is not a column is not data): two files
 * whose tables have the same digest hold the same records, byte for byte. */
char *
pk_test_sql_table_digest (const char *path,
                          const char *table,
                          int        *n_rows)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  GString *sql = g_string_new (NULL);
  char *out;
  int rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_string_printf (sql, "SELECT * FROM \"%s\"", table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_string_append_printf (sql, i ? ", %d" : " ORDER BY %d", i + 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rows++;
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          guint8 type = sqlite3_column_type (stmt, i);

          g_checksum_update (sum, &type, 1);
          if (type == SQLITE_INTEGER)
            {
              gint64 v = sqlite3_column_int64 (stmt, i);

              g_checksum_update (sum, (const guchar *) &v, sizeof v);
            }
          else if (type == SQLITE_FLOAT)
            {
              double v = sqlite3_column_double (stmt, i);

              g_checksum_update (sum, (const guchar *) &v, sizeof v);
            }
          else if (type != SQLITE_NULL)
            {
              const void *blob = sqlite3_column_blob (stmt, i);
              gint64 len = sqlite3_column_bytes (stmt, i);

              g_checksum_update (sum, (const guchar *) &len, sizeof len);
              g_checksum_update (sum, blob, len);
            }
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_string_free (sql, TRUE);
  out = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  if (n_rows)
    *n_rows = rows;
  return out;
}
