/* pk-store-bundle.c: field bundles in a file workspace — the copy written for
 * one inspector, the manifest its signature covers, the keys this workspace
 * issued and what it merged from them
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "pk-output.h"
#include "pk-store-internal.h"
#include "pk-store-private.h"

/* The tables a bundle keeps as they were exported: only visits, their photos,
 * the audit log and the settings in meta may change on the laptop. */
static const char * const frozen_tables[] = {
  "provinces", "counties", "settlements", "offices", "rule_settings", "zones", "cases",
  "case_stages", "case_people", "case_documents", "case_events", "tombstones", "case_counters",
  "meetings", "meeting_cases", "decisions", "case_conditions", "bundle_keys", "bundle_merges",
  "bundle_conflicts", "tiles", "metadata",
};

/* The meta keys that say whose bundle it is */
#define BUNDLE_META_KEYS "'workspace_uuid', 'bundle_uuid', 'bundle_of', 'bundle_inspector', 'bundle_key'," \
                         " 'bundle_issued_at', 'bundle_base'"

void
pk_bundle_conflict_free (PkBundleConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->bundle_uuid);
  g_free (self->inspector);
  g_free (self->visit_uuid);
  g_free (self->reason);
  g_free (self->ours);
  g_free (self->theirs);
  g_free (self->found_at);
  g_free (self->resolved_at);
  g_free (self->resolved_by);
  g_free (self->resolution);
  g_free (self);
}

/* ---- the manifest ------------------------------------------------------- */

static void
hmac_int (GHmac  *hmac,
          gint64  value)
{
  guint64 be = GUINT64_TO_BE ((guint64) value);

  g_hmac_update (hmac, (const guchar *) &be, sizeof be);
}

static void
hmac_chunk (GHmac        *hmac,
            guchar        tag,
            const void   *data,
            gsize         len)
{
  g_hmac_update (hmac, &tag, 1);
  hmac_int (hmac, len);
  if (len > 0)
    g_hmac_update (hmac, data, len);
}

/* Every row of @table, in rowid order, each value with its type and length. */
static gboolean
hmac_table (sqlite3     *db,
            GHmac       *hmac,
            const char  *table,
            GError     **error)
{
  g_autofree char *sql = g_str_equal (table, "meta")
    ? g_strdup ("SELECT key, value FROM meta WHERE key <> 'bundle_signature' ORDER BY key")
    : g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);    /* WITHOUT ROWID */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return _pk_store_db_error (db, error, "Could not read the bundle");
    }
  hmac_chunk (hmac, 'T', table, strlen (table));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      hmac_int (hmac, n);
      for (int i = 0; i < n; i++)
        switch (sqlite3_column_type (stmt, i))
          {
          case SQLITE_INTEGER:
            g_hmac_update (hmac, (const guchar *) "I", 1);
            hmac_int (hmac, sqlite3_column_int64 (stmt, i));
            break;
          case SQLITE_FLOAT:
            {
              double d = sqlite3_column_double (stmt, i);

              hmac_chunk (hmac, 'F', &d, sizeof d);
            }
            break;
          case SQLITE_TEXT:
            hmac_chunk (hmac, 'S', sqlite3_column_text (stmt, i), sqlite3_column_bytes (stmt, i));
            break;
          case SQLITE_BLOB:
            hmac_chunk (hmac, 'B', sqlite3_column_blob (stmt, i), sqlite3_column_bytes (stmt, i));
            break;
          default:
            g_hmac_update (hmac, (const guchar *) "N", 1);
            break;
          }
    }
  if (rc != SQLITE_DONE)
    return _pk_store_db_error (db, error, "Could not read the bundle");
  return TRUE;
}

/**
 * _pk_store_bundle_digest:
 * @key: the bundle's key, hex
 *
 * HMAC-SHA256 under @key of the manifest of every record in the file: each
 * table (virtual tables aside: their rows live in tables of their own) and
 * each of its rows, photos and documents whole — all but the signature.
 *
 * Returns: (transfer full): the digest in hex, or %NULL with @error set
 */
char *
_pk_store_bundle_digest (sqlite3     *db,
                         const char  *key,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) tables = NULL;
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) key, strlen (key));
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                          " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name", -1, &tables, NULL) != SQLITE_OK)
    return _pk_store_db_error (db, error, "Could not read the bundle"), NULL;
  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    if (!hmac_table (db, hmac, (const char *) sqlite3_column_text (tables, 0), error))
      return NULL;
  if (rc != SQLITE_DONE)
    return _pk_store_db_error (db, error, "Could not read the bundle"), NULL;
  return g_strdup (g_hmac_get_string (hmac));
}

/* Signs the bundle @db holds under @key (inside the caller's transaction). */
gboolean
_pk_store_bundle_sign (sqlite3     *db,
                       const char  *key,
                       GError     **error)
{
  g_autofree char *digest = _pk_store_bundle_digest (db, key, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (digest == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('bundle_signature', ?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (db, error, "Could not sign the bundle");
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_db_error (db, error, "Could not sign the bundle");
  return TRUE;
}

/* ---- the seal over the whole file ------------------------------------------ */

/* The records' signature covers what SQLite reads; a byte changed where no
 * record lies (free space in a page, the file header) would slip past it.
 * So when a bundle is closed (the last connection gone, the WAL folded in)
 * the whole file is hashed under the key too and the digest appended after
 * the database's last page, where SQLite never looks. */
#define SEAL_MAGIC "PKBUNDLE-SEAL1 "
#define SEAL_LEN (sizeof SEAL_MAGIC - 1 + 64 + 1)

/* The database's own length: its pages as the header counts them. */
static gboolean
database_length (const guint8 *data,
                 gsize         len,
                 gsize        *out)
{
  guint page_size;
  guint32 pages;

  if (len < 100 || memcmp (data, "SQLite format 3", 16) != 0)
    return FALSE;
  page_size = (data[16] << 8) | data[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    return FALSE;
  pages = GUINT32_FROM_BE (*(const guint32 *) (data + 28));
  /* the count holds only when written by the same change as the counter */
  if (pages == 0 || memcmp (data + 24, data + 92, 4) != 0)
    pages = len / page_size;
  if ((guint64) pages * page_size > len)
    return FALSE;
  *out = (gsize) pages * page_size;
  return TRUE;
}

static char *
file_digest (const guint8 *data,
             gsize         len,
             const char   *key)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) key, strlen (key));

  g_hmac_update (hmac, data, len);
  return g_strdup (g_hmac_get_string (hmac));
}

/**
 * _pk_store_bundle_seal:
 *
 * Hashes the closed bundle at @path whole under @key and appends the seal
 * (an old seal, or bytes past the last page, are cut off first).
 */
gboolean
_pk_store_bundle_seal (const char  *path,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(GMappedFile) map = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *trailer = NULL;
  const guint8 *data;
  gsize len, db_len;
  int fd;

  if ((map = g_mapped_file_new (path, FALSE, error)) == NULL)
    return FALSE;
  data = (const guint8 *) g_mapped_file_get_contents (map);
  len = g_mapped_file_get_length (map);
  if (!database_length (data, len, &db_len))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT, _("the bundle is damaged"));
      return FALSE;
    }
  digest = file_digest (data, db_len, key);
  g_clear_pointer (&map, g_mapped_file_unref);
  trailer = g_strdup_printf (SEAL_MAGIC "%s\n", digest);
  if ((fd = g_open (path, O_WRONLY | O_CLOEXEC, 0)) < 0 ||
      ftruncate (fd, db_len) != 0 || lseek (fd, db_len, SEEK_SET) < 0 ||
      write (fd, trailer, SEAL_LEN) != (gssize) SEAL_LEN || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not seal the bundle: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Whether the file at @path is whole and as it was sealed under @key. */
static gboolean
seal_valid (const char  *path,
            const char  *key,
            GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GMappedFile) map = NULL;
  g_autofree char *digest = NULL;
  const guint8 *data;
  gsize len, db_len;
  GStatBuf st;

  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("the bundle is still open in Pishkhan Siting, or was not closed; close it on the "
                     "laptop and try again"));
      return FALSE;
    }
  if ((map = g_mapped_file_new (path, FALSE, error)) == NULL)
    return FALSE;
  data = (const guint8 *) g_mapped_file_get_contents (map);
  len = g_mapped_file_get_length (map);
  if (!database_length (data, len, &db_len))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT, _("the bundle is damaged"));
      return FALSE;
    }
  if (len != db_len + SEAL_LEN || memcmp (data + db_len, SEAL_MAGIC, sizeof SEAL_MAGIC - 1) != 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   len < db_len + SEAL_LEN ? _("the bundle is cut short or carries no seal (was it closed?)")
                                           : _("the bundle has bytes added to it"));
      return FALSE;
    }
  digest = file_digest (data, db_len, key);
  if (memcmp (data + db_len + sizeof SEAL_MAGIC - 1, digest, 64) != 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("the bundle was altered after it was signed (a byte of the file differs from what "
                     "the inspector’s copy sealed)"));
      return FALSE;
    }
  return TRUE;
}

/* The bundle in @db (the file at @path) checked whole: its pages, its seal
 * and its signature over what it holds. */
static gboolean
db_signature_valid (sqlite3     *db,
                    const char  *path,
                    const char  *key,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *digest = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &check, NULL) != SQLITE_OK ||
      sqlite3_step (check) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT, _("the bundle is damaged"));
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'bundle_signature'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (stored == NULL)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID, _("the bundle carries no signature"));
      return FALSE;
    }
  if (!seal_valid (path, key, error))
    return FALSE;
  if ((digest = _pk_store_bundle_digest (db, key, error)) == NULL)
    return FALSE;
  if (strlen (stored) != strlen (digest) ||
      !g_str_equal (stored, digest))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("the bundle was altered after it was signed (its signature does not match its content)"));
      return FALSE;
    }
  return TRUE;
}

/* A bundle made by an older version is read through a copy brought up to
 * date (pk_store_open_read_only()): its seal and signature are the file's
 * own, checked on the file as the inspector left it. */
static gboolean
sqlite_bundle_signature_valid (PkStore     *self,
                               const char  *key,
                               GError     **error)
{
  const char *source = _pk_sqlite_store_get_source (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *file_uri = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  gboolean valid;

  if (source == NULL)
    return db_signature_valid (_pk_store_db (self), pk_store_get_path (self), key, error);
  file = g_file_new_for_path (source);
  file_uri = g_file_get_uri (file);
  uri = g_strconcat (file_uri, "?mode=ro&immutable=1", NULL);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT, _("the bundle is damaged"));
      sqlite3_close (db);
      return FALSE;
    }
  valid = db_signature_valid (db, source, key, error);
  sqlite3_close (db);
  return valid;
}

/* ---- writing a bundle ------------------------------------------------------ */

static char *
ids_json (GArray *ids)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static gboolean
exec_with_ids (PkStore     *self,
               const char  *sql,
               const char  *ids,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not write the bundle");
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, ids, -1, SQLITE_STATIC);
  return _pk_store_step_done (self, stmt, error, "Could not write the bundle");
}

static gboolean
set_meta_value (PkStore     *self,
                const char  *key,
                const char  *value,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not write the bundle");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  _pk_store_meta_written (self, key);
  return _pk_store_step_done (self, stmt, error, "Could not write the bundle");
}

/* The basemap tiles of the sites' areas, as MBTiles keeps them ("tiles" and
 * "metadata"), so that the bundle file is itself the inspector's offline
 * basemap. */
static gboolean
add_tiles (PkStore              *self,
           const PkBundleSpec   *spec,
           GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *count = g_strdup_printf ("%u", spec->tiles ? spec->tiles->len : 0);
  int min_zoom = 99, max_zoom = 0;

  if (!_pk_store_exec (self, "CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,"
                       " tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL,"
                       " PRIMARY KEY (zoom_level, tile_column, tile_row));"
                       "CREATE TABLE metadata (name TEXT PRIMARY KEY, value TEXT);", error) ||
      !set_meta_value (self, "bundle_tiles", count, error))
    return FALSE;
  if (spec->tiles == NULL || spec->tiles->len == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT OR IGNORE INTO tiles VALUES (?1, ?2, ?3, ?4)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not write the bundle");
  for (guint i = 0; i < spec->tiles->len; i++)
    {
      const PkBundleTile *t = g_ptr_array_index (spec->tiles, i);
      gsize size;
      gconstpointer data = g_bytes_get_data (t->data, &size);

      min_zoom = MIN (min_zoom, t->zoom);
      max_zoom = MAX (max_zoom, t->zoom);
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, t->zoom);
      sqlite3_bind_int (stmt, 2, t->x);
      sqlite3_bind_int (stmt, 3, (1 << t->zoom) - 1 - t->y);       /* TMS rows, as MBTiles */
      sqlite3_bind_blob64 (stmt, 4, size ? data : "", size, SQLITE_STATIC);
      if (!_pk_store_step_done (self, stmt, error, "Could not write the bundle"))
        return FALSE;
    }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO metadata VALUES ('name', 'Field bundle basemap'),"
                                            " ('minzoom', '%d'), ('maxzoom', '%d')",
                                            min_zoom, max_zoom);
    g_autoptr(sqlite3_stmt) credit = NULL;

    if (!_pk_store_exec (self, sql, error))
      return FALSE;
    if (spec->tiles_attribution == NULL)
      return TRUE;
    /* the basemap's licence travels with its tiles */
    if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT INTO metadata VALUES ('attribution', ?1)", -1, &credit,
                            NULL) != SQLITE_OK)
      return _pk_store_sql_error (self, error, "Could not write the bundle");
    sqlite3_bind_text (credit, 1, spec->tiles_attribution, -1, SQLITE_STATIC);
    return _pk_store_step_done (self, credit, error, "Could not write the bundle");
  }
}

/* What the copy keeps: @spec's visits, cases and offices; the rest of the
 * province's geography and rules; no meetings, keys or history. */
static gboolean
prune_copy (PkStore             *copy,
            const PkBundleSpec  *spec,
            GError             **error)
{
  g_autofree char *visits = ids_json (spec->visit_ids);
  g_autofree char *cases = ids_json (spec->case_ids);
  g_autofree char *offices = ids_json (spec->office_ids);

  if (!exec_with_ids (copy, "DELETE FROM audit_log", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM bundle_conflicts", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM bundle_merges", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM bundle_keys", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM tombstones", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM case_conditions", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM decisions", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM meeting_cases", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM meetings", NULL, error) ||
      !exec_with_ids (copy, "DELETE FROM visit_photos WHERE conflict_id IS NOT NULL"
                      " OR visit_id NOT IN (SELECT value FROM json_each (?1))", visits, error) ||
      !exec_with_ids (copy, "DELETE FROM visits WHERE id NOT IN (SELECT value FROM json_each (?1))",
                      visits, error) ||
      !exec_with_ids (copy, "DELETE FROM cases WHERE id NOT IN (SELECT value FROM json_each (?1))",
                      cases, error) ||
      !exec_with_ids (copy, "DELETE FROM offices WHERE id NOT IN (SELECT value FROM json_each (?1))",
                      offices, error))
    return FALSE;
  return add_tiles (copy, spec, error);
}

static gboolean
freeze (PkStore  *copy,
        GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (frozen_tables); i++)
    for (guint op = 0; op < 3; op++)
      {
        static const char * const ops[] = { "INSERT", "UPDATE", "DELETE" };
        g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER bundle_frozen_%s_%s BEFORE %s ON %s"
                                                " BEGIN SELECT RAISE (ABORT, 'field bundle: only visits"
                                                " can be recorded here'); END;",
                                                frozen_tables[i], ops[op], ops[op], frozen_tables[i]);

        if (!_pk_store_exec (copy, sql, error))
          return FALSE;
      }
  return _pk_store_exec (copy, "CREATE TRIGGER bundle_frozen_meta_update BEFORE UPDATE ON meta"
                         " WHEN old.key IN (" BUNDLE_META_KEYS ") BEGIN SELECT RAISE (ABORT,"
                         " 'field bundle: only visits can be recorded here'); END;"
                         "CREATE TRIGGER bundle_frozen_meta_delete BEFORE DELETE ON meta"
                         " WHEN old.key IN (" BUNDLE_META_KEYS ") BEGIN SELECT RAISE (ABORT,"
                         " 'field bundle: only visits can be recorded here'); END;", error);
}

/* "IN (1,2,3)", or a condition no row meets */
static char *
in_ids (const char *column,
        GArray     *ids)
{
  GString *s;

  if (ids == NULL || ids->len == 0)
    return g_strdup ("false");
  s = g_string_new (NULL);
  g_string_append_printf (s, "%s IN (", column);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* What of a workspace a bundle's file is copied from (before prune_copy()
 * cuts it): the geography, rules, cases and offices whole, and of the heavy
 * tables only the bundle's rows — its cases' documents and history, its
 * visits' photos — none of the audit log, meetings or bundle bookkeeping.
 * Conditions both SQLite and PostgreSQL read. */
static GHashTable *
bundle_rows (const PkBundleSpec *spec)
{
  GHashTable *wheres = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *visit_photos = NULL;
  static const char * const none[] = {
    "audit_log", "tombstones", "meetings", "meeting_cases", "decisions", "case_conditions", "bundle_keys",
    "bundle_merges", "bundle_conflicts",
  };
  static const char * const of_cases[] = { "case_stages", "case_people", "case_documents", "case_events" };

  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    g_hash_table_insert (wheres, (gpointer) none[i], g_strdup ("false"));
  for (guint i = 0; i < G_N_ELEMENTS (of_cases); i++)
    g_hash_table_insert (wheres, (gpointer) of_cases[i], in_ids ("case_id", spec->case_ids));
  g_hash_table_insert (wheres, (gpointer) "visits", in_ids ("id", spec->visit_ids));
  visit_photos = in_ids ("visit_id", spec->visit_ids);
  g_hash_table_insert (wheres, (gpointer) "visit_photos",
                       g_strdup_printf ("conflict_id IS NULL AND %s", visit_photos));
  return wheres;
}

/**
 * _pk_store_write_bundle:
 *
 * What a bundle needs of the workspace @self (either backend) copied to a
 * file beside @path (bundle_rows(): a bundle from a workspace whose cases
 * carry their scanned documents does not copy them all), cut down to @spec,
 * marked and frozen as a bundle, compacted and signed; renamed over @path
 * only when whole.
 */
gboolean
_pk_store_write_bundle (PkStore             *self,
                        const char          *path,
                        const PkBundleSpec  *spec,
                        GError             **error)
{
  g_autofree char *temp = pk_output_temp_path (path);
  g_autoptr(GHashTable) wheres = bundle_rows (spec);
  g_autoptr(PkStore) copy = NULL;
  g_autofree char *workspace_uuid = pk_store_get_meta (self, "workspace_uuid");
  gboolean ok = FALSE;

  if ((copy = _pk_store_copy_some (self, temp, TRUE, wheres, NULL, error)) == NULL)
    goto out;
  pk_store_set_actor (copy, _pk_store_actor (self));
  if (!pk_store_begin (copy, error))
    goto out;
  if (!prune_copy (copy, spec, error) ||
      !set_meta_value (copy, "bundle_uuid", spec->uuid, error) ||
      !set_meta_value (copy, "bundle_of", workspace_uuid ? workspace_uuid : "", error) ||
      !set_meta_value (copy, "bundle_inspector", spec->inspector, error) ||
      !set_meta_value (copy, "bundle_key", spec->key, error) ||
      !set_meta_value (copy, "bundle_issued_at", spec->issued_at, error) ||
      !set_meta_value (copy, "bundle_base", spec->base_json, error) ||
      !freeze (copy, error))
    {
      pk_store_rollback (copy);
      goto out;
    }
  if (!pk_store_commit (copy, error) ||
      !_pk_store_exec (copy, "VACUUM", error) ||
      !_pk_store_exec (copy, "BEGIN IMMEDIATE", error))
    goto out;
  if (!_pk_store_bundle_sign (_pk_store_db (copy), spec->key, error))
    {
      _pk_store_exec (copy, "ROLLBACK", NULL);
      goto out;
    }
  if (!_pk_store_exec (copy, "COMMIT; PRAGMA journal_mode = DELETE;", error))
    goto out;
  g_clear_object (&copy);               /* closed: one file, nothing beside it */
  if (!_pk_store_bundle_seal (temp, spec->key, error))
    goto out;
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      goto out;
    }
  ok = TRUE;

out:
  g_clear_object (&copy);
  if (!ok)
    {
      g_autofree char *wal = g_strconcat (temp, "-wal", NULL);
      g_autofree char *shm = g_strconcat (temp, "-shm", NULL);

      g_unlink (temp);
      g_unlink (wal);
      g_unlink (shm);
    }
  return ok;
}

/* ---- keys, merges, conflicts ---------------------------------------------- */

static gboolean
sqlite_add_bundle_key (PkStore     *self,
                       const char  *uuid,
                       const char  *inspector,
                       const char  *key,
                       const char  *base_json,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *after = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bundle");
  json_builder_add_string_value (b, uuid);
  json_builder_set_member_name (b, "inspector");
  json_builder_add_string_value (b, inspector);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  after = json_to_string (root, FALSE);

  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT INTO bundle_keys (uuid, inspector, key, issued_at,"
                          " issued_by, base) VALUES (?1, ?2, ?3, ?62, ?63, ?4)", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not record the bundle");
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, inspector, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, base_json, -1, SQLITE_STATIC);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not record the bundle") ||
      !_pk_store_write_audit (self, "export", "bundle", 0, NULL, after, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gboolean
sqlite_get_bundle_key (PkStore     *self,
                       const char  *uuid,
                       char       **inspector,
                       char       **key,
                       char       **base_json,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT inspector, key, base FROM bundle_keys WHERE uuid = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the bundles");
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *inspector = _pk_store_column_strdup (stmt, 0);
      *key = _pk_store_column_strdup (stmt, 1);
      *base_json = _pk_store_column_strdup (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the bundles");
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("this workspace did not issue the bundle"));
  return FALSE;
}

static gint64
sqlite_bundle_last_merge (PkStore     *self,
                          const char  *bundle_uuid,
                          const char  *record_uuid,
                          gint64      *our_revision)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *our_revision = 0;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT revision, our_revision FROM bundle_merges"
                          " WHERE bundle_uuid = ?1 AND record_uuid = ?2 ORDER BY revision DESC LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, bundle_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  *our_revision = sqlite3_column_int64 (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
sqlite_note_bundle_merge (PkStore     *self,
                          const char  *bundle_uuid,
                          const char  *record_uuid,
                          gint64       revision,
                          gint64       our_revision,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT OR REPLACE INTO bundle_merges (bundle_uuid, record_uuid,"
                          " revision, our_revision, merged_at) VALUES (?1, ?2, ?3, ?4, ?62)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not record the merge");
  sqlite3_bind_text (stmt, 1, bundle_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, revision);
  sqlite3_bind_int64 (stmt, 4, our_revision);
  _pk_store_bind_record (self, stmt, NULL);
  return _pk_store_step_done (self, stmt, error, "Could not record the merge");
}

static gboolean
sqlite_forget_bundle_merges (PkStore     *self,
                             const char  *bundle_uuid,
                             const char  *record_uuid,
                             gint64       revision,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "DELETE FROM bundle_merges WHERE bundle_uuid = ?1"
                          " AND record_uuid = ?2 AND revision >= ?3", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not undo the merge");
  sqlite3_bind_text (stmt, 1, bundle_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, revision);
  return _pk_store_step_done (self, stmt, error, "Could not undo the merge");
}

static gboolean
sqlite_delete_bundle_conflict (PkStore  *self,
                               gint64    id,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!pk_store_settle_conflict_photos (self, id, FALSE, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "DELETE FROM bundle_conflicts WHERE id = ?1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not undo the merge");
  sqlite3_bind_int64 (stmt, 1, id);
  return _pk_store_step_done (self, stmt, error, "Could not undo the merge");
}

#define CONFLICT_COLUMNS \
  "SELECT id, bundle_uuid, inspector, visit_uuid, revision, reason, ours, theirs, found_at, resolved_at," \
  " resolved_by, resolution FROM bundle_conflicts"

static PkBundleConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  PkBundleConflict *c = g_new0 (PkBundleConflict, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->bundle_uuid = _pk_store_column_strdup (stmt, 1);
  c->inspector = _pk_store_column_strdup (stmt, 2);
  c->visit_uuid = _pk_store_column_strdup (stmt, 3);
  c->revision = sqlite3_column_int64 (stmt, 4);
  c->reason = _pk_store_column_strdup (stmt, 5);
  c->ours = _pk_store_column_strdup (stmt, 6);
  c->theirs = _pk_store_column_strdup (stmt, 7);
  c->found_at = _pk_store_column_strdup (stmt, 8);
  c->resolved_at = _pk_store_column_strdup (stmt, 9);
  c->resolved_by = _pk_store_column_strdup (stmt, 10);
  c->resolution = _pk_store_column_strdup (stmt, 11);
  return c;
}

/* Records a conflict once: the same bundle's same revision of a visit again
 * is the one already recorded (its id; *@is_new FALSE). */
static gint64
sqlite_add_bundle_conflict (PkStore                 *self,
                            const PkBundleConflict  *conflict,
                            gboolean                *is_new,
                            GError                 **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *is_new = FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT id FROM bundle_conflicts WHERE bundle_uuid = ?1"
                          " AND visit_uuid = ?2 AND revision = ?3", -1, &find, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not record the conflict"), 0;
  sqlite3_bind_text (find, 1, conflict->bundle_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (find, 2, conflict->visit_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (find, 3, conflict->revision);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "INSERT INTO bundle_conflicts (bundle_uuid, inspector,"
                          " visit_uuid, revision, reason, ours, theirs, found_at)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?62)", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not record the conflict"), 0;
  sqlite3_bind_text (stmt, 1, conflict->bundle_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, conflict->inspector, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, conflict->visit_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, conflict->revision);
  sqlite3_bind_text (stmt, 5, conflict->reason, -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 6, conflict->ours);
  sqlite3_bind_text (stmt, 7, conflict->theirs, -1, SQLITE_STATIC);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not record the conflict"))
    return 0;
  *is_new = TRUE;
  _pk_store_note_change (self, "bundle-conflict", sqlite3_last_insert_rowid (_pk_store_db (self)));
  return sqlite3_last_insert_rowid (_pk_store_db (self));
}

static GPtrArray *
sqlite_list_bundle_conflicts (PkStore   *self,
                              gboolean   open_only,
                              GError   **error)
{
  return _pk_store_list_rows (self, open_only ? CONFLICT_COLUMNS " WHERE resolved_at IS NULL ORDER BY id"
                                              : CONFLICT_COLUMNS " ORDER BY id", 0,
                              (PkStoreRowFunc) conflict_from_row, (GDestroyNotify) pk_bundle_conflict_free, error);
}

static PkBundleConflict *
sqlite_get_bundle_conflict (PkStore  *self,
                            gint64    id,
                            GError  **error)
{
  GError *local = NULL;
  PkBundleConflict *c = _pk_store_get_one (self, CONFLICT_COLUMNS, id, NULL, (PkStoreRowFunc) conflict_from_row,
                                           &local);

  if (c == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no conflict “%s”"), number);
    }
  return c;
}

static gboolean
sqlite_resolve_bundle_conflict (PkStore     *self,
                                gint64       id,
                                const char  *resolution,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *after = resolution ? g_strdup_printf ("{\"resolution\":\"%s\"}", resolution) : NULL;

  /* NULL: open again (a resolution undone) */
  if (sqlite3_prepare_v2 (_pk_store_db (self), resolution != NULL
                          ? "UPDATE bundle_conflicts SET resolved_at = ?62, resolved_by = ?63,"
                            " resolution = ?1 WHERE id = ?2 AND resolved_at IS NULL"
                          : "UPDATE bundle_conflicts SET resolved_at = NULL, resolved_by = NULL,"
                            " resolution = NULL WHERE id = ?2 AND resolved_at IS NOT NULL", -1, &stmt,
                          NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not record the resolution");
  sqlite3_bind_text (stmt, 1, resolution, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not record the resolution"))
    return FALSE;
  if (sqlite3_changes (_pk_store_db (self)) == 0)
    {
      g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                           resolution ? _("The conflict was resolved already") : _("The conflict is open"));
      return FALSE;
    }
  return _pk_store_write_audit (self, resolution ? "resolve" : "reopen", "bundle-conflict", id, NULL, after, error);
}

void
_pk_sqlite_store_bundle_class_init (PkStoreClass *klass)
{
  klass->bundle_signature_valid = sqlite_bundle_signature_valid;
  klass->add_bundle_key = sqlite_add_bundle_key;
  klass->get_bundle_key = sqlite_get_bundle_key;
  klass->bundle_last_merge = sqlite_bundle_last_merge;
  klass->note_bundle_merge = sqlite_note_bundle_merge;
  klass->forget_bundle_merges = sqlite_forget_bundle_merges;
  klass->delete_bundle_conflict = sqlite_delete_bundle_conflict;
  klass->add_bundle_conflict = sqlite_add_bundle_conflict;
  klass->list_bundle_conflicts = sqlite_list_bundle_conflicts;
  klass->get_bundle_conflict = sqlite_get_bundle_conflict;
  klass->resolve_bundle_conflict = sqlite_resolve_bundle_conflict;
}
