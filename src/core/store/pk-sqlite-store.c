/* pk-sqlite-store.c: the file workspace — SQLite with SpatiaLite — behind PkStore
 *
 * The connection, its transactions as savepoints, the schema's migrations
 * (pk-store-schema.c) and the kept statements; the records themselves are read
 * and written in pk-store-places.c, -offices.c, -zones.c, -rules.c, -cases.c.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <spatialite.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "pk-output.h"
#include "pk-store-internal.h"
#include "pk-store-private.h"

/* Two writers take turns: the second waits for the first's lock instead of
 * failing with "database is locked" (an import of 100,000 rows takes seconds). */
#define PK_STORE_BUSY_TIMEOUT_MS (10 * 60 * 1000)

/* 'PKWS': lets us tell our files from any other SQLite database. */
#define PK_APPLICATION_ID 0x504B5753

struct _PkSqliteStore
{
  PkStore       parent_instance;

  sqlite3      *db;                 /* owned; used from one thread at a time */
  void         *spatialite_cache;   /* owned */
  char         *path;
  char         *final_path;         /* set while the workspace is being built (staged) */
  int           schema_version;
  gboolean      read_only;          /* the file or its folder cannot be written */
  int           data_version;       /* last seen PRAGMA data_version, 0 = not yet */
  char         *bundle_key;         /* a field bundle's key: every commit signs it */
  char         *source;             /* an older file read through a copy brought up to date: the file */
  char         *copy_dir;           /* that copy's folder, removed with the store */
  sqlite3_int64 signed_changes;     /* sqlite3_total_changes64() when it was last signed */

  GHashTable   *statements;         /* SQL text (static storage) → sqlite3_stmt */
};

G_DEFINE_FINAL_TYPE (PkSqliteStore, pk_sqlite_store, PK_TYPE_STORE)

#define SQ(store) ((PkSqliteStore *) (store))

static gboolean sign_bundle (PkStore  *self,
                             GError  **error);



/* A full disk is said in words a user can act on; the transaction it broke
 * is rolled back by the caller, so nothing already saved is lost. */
gboolean
_pk_store_db_error (sqlite3     *db,
                    GError     **error,
                    const char  *what)
{
  int code = sqlite3_extended_errcode (db) & 0xff;

  if (code == SQLITE_FULL)
    g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_FULL,
                         _("The disk is full, so this change was not saved (everything saved "
                           "before it is kept). Free some space and try again."));
  else if (code == SQLITE_READONLY)
    g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY,
                         _("The workspace is read-only: nothing can be changed in it"));
  else
    g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL,
                 "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
_pk_store_exec (PkStore     *self,
                const char  *sql,
                GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (SQ (self)->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (SQ (self)->db) & 0xff;

      if (code == SQLITE_FULL || code == SQLITE_READONLY)
        _pk_store_db_error (SQ (self)->db, error, NULL);
      else
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL, "%s", msg ? msg : "?");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3 *
_pk_store_db (PkStore *self)
{
  return SQ (self)->db;
}

gboolean
_pk_store_sql_error (PkStore     *self,
                     GError     **error,
                     const char  *what)
{
  return _pk_store_db_error (SQ (self)->db, error, what);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

char *
_pk_store_now (void)
{
  return now_iso ();
}

static int
read_int_pragma (sqlite3    *db,
                 const char *sql,
                 int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int value = -1;

  *rc_out = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc_out != SQLITE_OK)
    return -1;
  *rc_out = sqlite3_step (stmt);
  if (*rc_out == SQLITE_ROW)
    {
      value = sqlite3_column_int (stmt, 0);
      *rc_out = SQLITE_OK;
    }
  return value;
}

static gboolean
load_spatialite (PkStore  *self,
                 GError  **error)
{
  SQ (self)->spatialite_cache = spatialite_alloc_connection ();
  /* GEOS and RTTOPO would print their notices on stderr; the store turns what
   * matters into errors, and users never see a library talking to itself */
  spatialite_set_silent_mode (SQ (self)->spatialite_cache);
  spatialite_init_ex (SQ (self)->db, SQ (self)->spatialite_cache, 0);
  /* after SpatiaLite, which sets a 5 s timeout of its own */
  sqlite3_busy_timeout (SQ (self)->db, PK_STORE_BUSY_TIMEOUT_MS);
  return _pk_store_exec (self, "PRAGMA foreign_keys = ON;", error);
}

static gboolean
migrate (PkStore  *self,
         int       from,
         int       to,
         GError  **error)
{
  g_autofree char *version = NULL;

  if (from >= to)
    return TRUE;
  if (!pk_store_begin (self, error))
    return FALSE;
  for (int v = from; v < to; v++)
    if (!_pk_store_run_migration (SQ (self)->db, v, error))
      {
        pk_store_rollback (self);
        return FALSE;
      }
  version = g_strdup_printf ("%d", to);
  if (!pk_store_set_meta (self, "schema_version", version, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  if (!pk_store_commit (self, error))
    return FALSE;
  SQ (self)->schema_version = to;
  return TRUE;
}

/**
 * _pk_store_statement:
 * @sql: SQL text in static storage (its address is the key)
 *
 * A prepared statement kept for the connection's life, reset and with its
 * bindings cleared: for statements a bulk import runs thousands of times.
 *
 * Returns: (transfer none) (nullable): the statement, or %NULL with @error set
 */
sqlite3_stmt *
_pk_store_statement (PkStore     *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (SQ (self)->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (SQ (self)->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        return _pk_store_db_error (SQ (self)->db, error, "Could not prepare a statement"), NULL;
      g_hash_table_insert (SQ (self)->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static PkStore *
store_new (const char *path)
{
  PkStore *self = g_object_new (PK_TYPE_SQLITE_STORE, NULL);

  SQ (self)->path = g_strdup (path);
  return self;
}

static gboolean
quick_check_ok (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) check = NULL;

  return sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &check, NULL) == SQLITE_OK &&
         sqlite3_step (check) == SQLITE_ROW &&
         g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") == 0;
}

/* Read-write when the file and its folder allow it; else read-only, so that
 * a workspace on a CD, a share mounted read-only or a folder without write
 * permission can still be looked at. WAL needs its -shm beside the file: in
 * a folder nobody can write, the file is opened as immutable. */
static gboolean
open_connection (PkStore  *self,
                 GError  **error)
{
  g_autofree char *display = g_filename_display_name (SQ (self)->path);
  g_autofree char *dir = g_path_get_dirname (SQ (self)->path);
  g_autofree char *uri = NULL;
  gboolean writable = !SQ (self)->read_only && access (SQ (self)->path, W_OK) == 0 && access (dir, W_OK) == 0;
  int rc;

  if (writable &&
      sqlite3_open_v2 (SQ (self)->path, &SQ (self)->db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (SQ (self)->db, PK_STORE_BUSY_TIMEOUT_MS);
      return TRUE;
    }
  g_clear_pointer (&SQ (self)->db, sqlite3_close);
  {
    g_autoptr(GFile) file = g_file_new_for_path (SQ (self)->path);
    g_autofree char *file_uri = g_file_get_uri (file);

    uri = g_strconcat (file_uri, access (dir, W_OK) == 0 ? "?mode=ro" : "?mode=ro&immutable=1", NULL);
  }
  rc = sqlite3_open_v2 (uri, &SQ (self)->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” cannot be opened: %s"), display, sqlite3_errmsg (SQ (self)->db));
      return FALSE;
    }
  sqlite3_busy_timeout (SQ (self)->db, PK_STORE_BUSY_TIMEOUT_MS);
  SQ (self)->read_only = TRUE;
  return TRUE;
}

/* Brings a file from @version up to date. A field bundle's signature covers
 * its meta rows, the schema version among them: one that was valid before is
 * signed again after (one that was not stays so, and its import is refused). */
static gboolean
migrate_bundle_aware (PkStore  *self,
                      int       version,
                      GError  **error)
{
  g_autofree char *key = pk_store_get_meta (self, "bundle_key");
  g_autofree char *stored = key ? pk_store_get_meta (self, "bundle_signature") : NULL;
  g_autofree char *digest = stored ? _pk_store_bundle_digest (SQ (self)->db, key, NULL) : NULL;
  gboolean valid = digest != NULL && g_str_equal (digest, stored);

  if (!migrate (self, version, PK_STORE_SCHEMA_VERSION, error))
    return FALSE;
  if (!valid)
    return TRUE;
  if (!_pk_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_pk_store_bundle_sign (SQ (self)->db, key, error))
    {
      _pk_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return _pk_store_exec (self, "COMMIT", error);
}

/* Opens and checks an existing file; brings an older schema up to date. */
static gboolean
open_existing (PkStore  *self,
               GError  **error)
{
  g_autofree char *version_str = NULL;
  g_autofree char *display = g_filename_display_name (SQ (self)->path);
  int rc, app_id, version;

  if (!g_file_test (SQ (self)->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), display);
      return FALSE;
    }
  if (g_file_test (SQ (self)->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is a folder, not a workspace file"), display);
      return FALSE;
    }
  if (!open_connection (self, error))
    return FALSE;

  app_id = read_int_pragma (SQ (self)->db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_NOTADB || (rc == SQLITE_OK && app_id != PK_APPLICATION_ID))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Pishkhan Siting workspace"), display);
      return FALSE;
    }
  if (rc != SQLITE_OK || !quick_check_ok (SQ (self)->db))
    goto corrupt;

  if (!load_spatialite (self, error))
    return FALSE;
  if (!pk_store_lookup_meta (self, "schema_version", &version_str, NULL))
    goto corrupt;                 /* no meta table is also "not a workspace", below */
  version = version_str ? atoi (version_str) : 0;
  if (version < 1)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Pishkhan Siting workspace (it has no schema version)"),
                   display);
      return FALSE;
    }
  if (version > PK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Pishkhan Siting (workspace "
                     "version %d; this build reads up to %d). Please update the application."),
                   display, version, PK_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  SQ (self)->schema_version = version;
  if (SQ (self)->read_only)
    {
      if (version < PK_STORE_SCHEMA_VERSION)
        {
          /* read through a copy brought up to date instead: is_older() */
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY,
                       "“%s” is read-only and of an older schema", display);
          return FALSE;
        }
      pk_store_changed_elsewhere (self);
      return TRUE;
    }
  if (!_pk_store_exec (self, "PRAGMA journal_mode = WAL;", error))
    return FALSE;
  if (version < PK_STORE_SCHEMA_VERSION && !migrate_bundle_aware (self, version, error))
    return FALSE;
  /* a field bundle: what the inspector records is signed as it is committed */
  SQ (self)->bundle_key = pk_store_get_meta (self, "bundle_key");
  SQ (self)->signed_changes = sqlite3_total_changes64 (SQ (self)->db);
  pk_store_changed_elsewhere (self);       /* what is seen from now on is news */
  return TRUE;

corrupt:
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT,
               _("“%s” is damaged and cannot be opened (%s)"), display,
               sqlite3_errcode (SQ (self)->db) == SQLITE_OK ? _("its integrity check fails")
                                                            : sqlite3_errmsg (SQ (self)->db));
  return FALSE;
}

/* Whether the file was refused only for being older and read-only */
static gboolean
is_older (PkStore *self)
{
  return SQ (self)->schema_version >= 1 && SQ (self)->schema_version < PK_STORE_SCHEMA_VERSION;
}

/* An older file that cannot or must not be written is read through a copy of
 * it in a private folder, brought up to date there; the file stays as it was
 * (a field bundle is checked on it: its seal covers every byte). Read-only. */
static PkStore *
open_updated_copy (const char  *path,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(PkStore) self = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *file_uri = g_file_get_uri (file);
  g_autofree char *dir_of = g_path_get_dirname (path);
  g_autofree char *uri = g_strconcat (file_uri, access (dir_of, W_OK) == 0 ? "?mode=ro" : "?mode=ro&immutable=1",
                                      NULL);
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int rc = SQLITE_ERROR;

  if ((dir = g_dir_make_tmp ("pishkhan-older-XXXXXX", error)) == NULL)
    return NULL;
  copy = g_build_filename (dir, "workspace.pkws", NULL);
  if (sqlite3_open_v2 (uri, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      sqlite3_open_v2 (copy, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK &&
      (backup = sqlite3_backup_init (to, "main", from, "main")) != NULL)
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
    }
  if (rc != SQLITE_DONE)
    g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY,
                 _("“%s” was made by an older version and cannot be read here: %s"), display,
                 sqlite3_errmsg (to ? to : from));
  sqlite3_close (from);
  sqlite3_close (to);
  self = store_new (copy);
  SQ (self)->source = g_strdup (path);
  SQ (self)->copy_dir = g_steal_pointer (&dir);
  if (rc != SQLITE_DONE || !open_existing (self, error))
    return NULL;
  SQ (self)->read_only = TRUE;
  return g_steal_pointer (&self);
}

const char *
_pk_sqlite_store_get_source (PkStore *self)
{
  return SQ (self)->source;
}

/**
 * pk_sqlite_store_open:
 * @path: an existing workspace file
 *
 * Opens a workspace after checking that it is one (application id, integrity,
 * schema version) and migrates an older schema. Newer, foreign or damaged
 * files are refused with a message fit for users.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PkStore *
pk_sqlite_store_open (const char  *path,
                      GError     **error)
{
  g_autoptr(PkStore) self = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  self = store_new (path);
  if (!open_existing (self, &local))
    {
      if (is_older (self) && SQ (self)->read_only)   /* on a CD, a share mounted read-only */
        return open_updated_copy (path, error);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Whether another process has @path open: every SQLite connection to a WAL
 * database holds a read lock on byte 128 of its -shm file (the "dead man
 * switch") for as long as it is open. F_GETLK sees other processes' locks. */
gboolean
pk_store_file_in_use (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1 };
  int fd = open (shm, O_RDWR | O_CLOEXEC);
  gboolean busy;

  if (fd < 0)
    return FALSE;
  busy = fcntl (fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close (fd);
  return busy;
}

static void
close_db (PkStore *self)
{
  g_hash_table_remove_all (SQ (self)->statements);
  g_clear_pointer (&SQ (self)->db, sqlite3_close);
  g_clear_pointer (&SQ (self)->spatialite_cache, spatialite_cleanup_ex);
}

/* A new workspace is built in a hidden file beside @path and only renamed
 * over it, whole, by pk_store_publish(): a full disk, a crash or a refused
 * step leaves the old file as it was (or no file), never half a workspace. */
static PkStore *
create_staged (const char  *path,
               gboolean     overwrite,
               int          version,
               GError     **error)
{
  g_autoptr(PkStore) self = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *app_id_sql = NULL;
  g_autofree char *created = now_iso ();
  g_autofree char *staging = pk_output_temp_path (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!overwrite)
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                       _("“%s” already exists; use --force to replace it"), display);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                       _("“%s” is a folder, not a workspace file"), display);
          return NULL;
        }
      if (pk_store_file_in_use (path))
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                       _("“%s” is open in another program; close it there before replacing it"),
                       display);
          return NULL;
        }
    }
  self = store_new (staging);
  SQ (self)->final_path = g_strdup (path);
  if (sqlite3_open_v2 (staging, &SQ (self)->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("“%s” cannot be created: %s"), display, sqlite3_errmsg (SQ (self)->db));
      g_unlink (staging);
      return NULL;
    }
  /* no -wal or -journal file beside the staging file: only one file to rename */
  app_id_sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = MEMORY;",
                                PK_APPLICATION_ID);
  if (!_pk_store_exec (self, app_id_sql, error) ||
      !load_spatialite (self, error) ||
      !migrate (self, 0, version, error) ||
      !pk_store_set_meta (self, "created_at", created, error))
    {
      close_db (self);
      g_unlink (staging);
      g_prefix_error (error, _("“%s” cannot be created: "), display);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Closes the staged file and renames it over its destination. */
static gboolean
publish_file (PkStore  *self,
              GError  **error)
{
  g_autofree char *staging = NULL;
  g_autofree char *display = NULL;
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
  int fd;

  staging = g_steal_pointer (&SQ (self)->path);
  SQ (self)->path = g_steal_pointer (&SQ (self)->final_path);
  display = g_filename_display_name (SQ (self)->path);
  close_db (self);
  /* the rename must not overtake the data: flush the staging file first */
  if ((fd = open (staging, O_RDONLY | O_CLOEXEC)) < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (staging);
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("“%s” cannot be created: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (pk_store_file_in_use (SQ (self)->path))
    {
      g_unlink (staging);
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                   _("“%s” is open in another program; close it there before replacing it"),
                   display);
      return FALSE;
    }
  /* the old file's WAL belongs to the old file: it must not be replayed into the new one */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (SQ (self)->path, suffixes[i], NULL);
      g_unlink (p);
    }
  if (g_rename (staging, SQ (self)->path) != 0)
    {
      int saved = errno;

      g_unlink (staging);
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("“%s” cannot be created: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * pk_store_publish:
 *
 * Moves a workspace made by _pk_store_create_staged() to its place and opens
 * it there; the old file at that path, if any, is replaced only now.
 */
static gboolean
sqlite_publish (PkStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (!_pk_store_in_transaction (self), FALSE);
  if (SQ (self)->final_path == NULL)
    return TRUE;
  return publish_file (self, error) && open_existing (self, error);
}

PkStore *
pk_sqlite_store_create_staged (const char  *path,
                               gboolean     overwrite,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return create_staged (path, overwrite, PK_STORE_SCHEMA_VERSION, error);
}

/**
 * pk_store_open_read_only:
 *
 * As pk_store_open(), for looking only: every change is refused, even where
 * the file could be written (a viewer's copy, a workspace someone else is
 * responsible for).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PkStore *
pk_store_open_read_only (const char  *path,
                         GError     **error)
{
  g_autoptr(PkStore) self = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  self = store_new (path);
  SQ (self)->read_only = TRUE;
  if (!open_existing (self, &local))
    {
      if (is_older (self))
        return open_updated_copy (path, error);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
_pk_sqlite_store_create_at_version (const char  *path,
                                    int          version,
                                    GError     **error)
{
  g_autoptr(PkStore) store = create_staged (path, TRUE, version, error);

  /* moved into place but not opened: opening would migrate it */
  return store != NULL && publish_file (store, error);
}

static void
pk_sqlite_store_finalize (GObject *object)
{
  PkStore *self = (PkStore *) object;

  /* a write outside any transaction is signed before the bundle closes */
  if (SQ (self)->bundle_key != NULL && SQ (self)->db != NULL && !SQ (self)->read_only &&
      sqlite3_total_changes64 (SQ (self)->db) != SQ (self)->signed_changes &&
      _pk_store_exec (self, "BEGIN IMMEDIATE", NULL))
    {
      if (sign_bundle (self, NULL))
        _pk_store_exec (self, "COMMIT", NULL);
      else
        _pk_store_exec (self, "ROLLBACK", NULL);
    }
  /* fold the log into the file even while a reader (the basemap reads a
   * bundle's own tiles) keeps it open, so that the file can be sealed */
  if (SQ (self)->bundle_key != NULL && SQ (self)->db != NULL && !SQ (self)->read_only)
    _pk_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
  close_db (self);
  /* the last writer to a bundle seals the file it leaves behind */
  if (SQ (self)->bundle_key != NULL && !SQ (self)->read_only && SQ (self)->path != NULL &&
      SQ (self)->final_path == NULL)
    {
      g_autofree char *wal = g_strconcat (SQ (self)->path, "-wal", NULL);
      g_autoptr(GError) error = NULL;
      GStatBuf st;

      if ((g_stat (wal, &st) != 0 || st.st_size == 0) &&
          !_pk_store_bundle_seal (SQ (self)->path, SQ (self)->bundle_key, &error))
        g_warning ("Could not seal the bundle %s: %s", SQ (self)->path, error->message);
    }
  g_free (SQ (self)->bundle_key);
  /* a staged workspace never published: its hidden file goes too */
  if (SQ (self)->final_path != NULL && SQ (self)->path != NULL)
    g_unlink (SQ (self)->path);
  if (SQ (self)->copy_dir != NULL)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *name = g_strconcat (SQ (self)->path, suffixes[i], NULL);

          g_unlink (name);
        }
      g_rmdir (SQ (self)->copy_dir);
    }
  g_free (SQ (self)->copy_dir);
  g_free (SQ (self)->source);
  g_free (SQ (self)->final_path);
  g_free (SQ (self)->path);
  g_hash_table_unref (SQ (self)->statements);

  G_OBJECT_CLASS (pk_sqlite_store_parent_class)->finalize (object);
}

/* Another connection to the same file, for a worker thread: SQLite's WAL lets
 * a reader and a writer work side by side. */
static PkStore *
open_another (PkStore  *self,
              GError  **error)
{
  return SQ (self)->read_only ? pk_store_open_read_only (SQ (self)->path, error)
                              : pk_store_open (SQ (self)->path, error);
}

/* A bundle's signature follows its content: signed again, inside the
 * transaction that changed it, before that commits. */
static gboolean
sign_bundle (PkStore  *self,
             GError  **error)
{
  if (SQ (self)->bundle_key == NULL ||
      sqlite3_total_changes64 (SQ (self)->db) == SQ (self)->signed_changes)
    return TRUE;
  if (!_pk_store_bundle_sign (SQ (self)->db, SQ (self)->bundle_key, error))
    return FALSE;
  SQ (self)->signed_changes = sqlite3_total_changes64 (SQ (self)->db);
  return TRUE;
}

/* The outermost transaction is BEGIN IMMEDIATE (take the write lock up front
 * so SQLITE_BUSY comes here, not half-way through an import); inner ones are
 * savepoints. @depth: how many are open already. */
static gboolean
begin_level (PkStore  *self,
             guint     depth,
             GError  **error)
{
  g_autofree char *sql = depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                                    : g_strdup_printf ("SAVEPOINT pk%u", depth);

  return _pk_store_exec (self, sql, error);
}

/* @depth: how many are open, this one included. */
static gboolean
commit_level (PkStore  *self,
              guint     depth,
              GError  **error)
{
  g_autofree char *sql = depth == 1 ? g_strdup ("COMMIT")
                                    : g_strdup_printf ("RELEASE pk%u", depth - 1);

  if (depth == 1 && !sign_bundle (self, error))
    return FALSE;
  return _pk_store_exec (self, sql, error);
}

static void
rollback_level (PkStore *self,
                guint    depth)
{
  g_autofree char *sql = depth == 1 ? g_strdup ("ROLLBACK")
                                    : g_strdup_printf ("ROLLBACK TO pk%u; RELEASE pk%u",
                                                       depth - 1, depth - 1);

  /* Keep the caller's first error: this one would only repeat it. */
  _pk_store_exec (self, sql, NULL);
}

static const char *
sqlite_get_path (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  return SQ (self)->path;
}

/**
 * pk_store_changed_elsewhere:
 *
 * Whether another connection — the CLI, a second window, another program —
 * committed a change since the last call (SQLite's data_version counts only
 * other connections' commits). Cheap enough to poll every second or two.
 */
static gboolean
sqlite_changed_elsewhere (PkStore *self)
{
  int rc, version;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  version = read_int_pragma (SQ (self)->db, "PRAGMA data_version", &rc);
  if (rc != SQLITE_OK)
    return FALSE;
  if (SQ (self)->data_version == 0 || version == SQ (self)->data_version)     /* 0: the first look */
    {
      SQ (self)->data_version = version;
      return FALSE;
    }
  SQ (self)->data_version = version;
  return TRUE;
}

/* TRUE when the file or its folder cannot be written: every change is refused. */
static gboolean
sqlite_is_read_only (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), TRUE);
  return SQ (self)->read_only;
}

static int
sqlite_get_schema_version (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  return SQ (self)->schema_version;
}

/**
 * pk_store_lookup_meta:
 * @value: (out) (transfer full) (nullable): the value, %NULL when the key is absent
 *
 * Tells an absent key from a workspace that cannot be read.
 *
 * Returns: %FALSE with @error when the meta table cannot be read
 */
static gboolean
sqlite_lookup_meta (PkStore     *self,
                    const char  *key,
                    char       **value,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  *value = NULL;
  if (sqlite3_prepare_v2 (SQ (self)->db, "SELECT value FROM meta WHERE key = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (SQ (self)->db, error, "Could not read the workspace's metadata");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return _pk_store_db_error (SQ (self)->db, error, "Could not read the workspace's metadata");
  return TRUE;
}

/* The value of @key, or %NULL when it is absent or cannot be read (where the
 * difference matters, pk_store_lookup_meta() tells them apart). */
static char *
sqlite_get_meta (PkStore    *self,
                 const char *key)
{
  char *value = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  pk_store_lookup_meta (self, key, &value, NULL);
  return value;
}

static gboolean
sqlite_set_meta (PkStore     *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (sqlite3_prepare_v2 (SQ (self)->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (SQ (self)->db, error, "Could not write workspace settings");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_db_error (SQ (self)->db, error, "Could not write workspace settings");
  return TRUE;
}

static const char insert_audit_sql[] =
  "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

gboolean
_pk_store_write_audit (PkStore     *self,
                       const char  *action,
                       const char  *entity,
                       gint64       entity_id,
                       const char  *before,
                       const char  *after,
                       GError     **error)
{
  g_autofree char *at = now_iso ();
  sqlite3_stmt *stmt = _pk_store_statement (self, insert_audit_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _pk_store_actor (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, entity_id);
  if (before)
    sqlite3_bind_text (stmt, 6, before, -1, SQLITE_TRANSIENT);
  if (after)
    sqlite3_bind_text (stmt, 7, after, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_db_error (SQ (self)->db, error, "Could not write the audit log");
  _pk_store_note_change (self, entity, entity_id);
  return TRUE;
}

/**
 * pk_store_log:
 *
 * Adds an entry to the audit log (who, when, what, before/after as JSON).
 */
static gboolean
sqlite_log (PkStore     *self,
            const char  *action,
            const char  *entity,
            gint64       entity_id,
            const char  *before_json,
            const char  *after_json,
            GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  return _pk_store_write_audit (self, action, entity, entity_id, before_json, after_json, error);
}

void
_pk_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           i,
                             const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

gint64
_pk_store_insert_geometry_row (PkStore     *self,
                               const char  *sql,
                               GError     **error,
                               const char  *what,
                               ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list ap;
  int i = 1;
  const char *text;

  if (sqlite3_prepare_v2 (SQ (self)->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_db_error (SQ (self)->db, error, what), 0;
  va_start (ap, what);
  /* arguments are (const char *) texts, NULL-terminated; "" binds NULL */
  while ((text = va_arg (ap, const char *)) != NULL)
    _pk_store_bind_text_or_null (stmt, i++, text);
  va_end (ap);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_db_error (SQ (self)->db, error, what), 0;
  return sqlite3_last_insert_rowid (SQ (self)->db);
}

char *
_pk_store_column_strdup (sqlite3_stmt *stmt,
                         int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

PkGeometry *
_pk_store_column_geometry (sqlite3_stmt *stmt,
                           int           i)
{
  if (sqlite3_column_type (stmt, i) != SQLITE_BLOB)
    return NULL;
  return pk_geometry_new_from_wkb (sqlite3_column_blob (stmt, i),
                                   sqlite3_column_bytes (stmt, i), NULL);
}

static gint64
sqlite_count_audit (PkStore *self)
{
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), -1);
  return read_int_pragma (SQ (self)->db, "SELECT count(*) FROM audit_log", &rc);
}

gboolean
_pk_store_step_done (PkStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error,
                     const char   *what)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_db_error (SQ (self)->db, error, what);
  return TRUE;
}

static void
pk_sqlite_store_class_init (PkSqliteStoreClass *klass)
{
  PkStoreClass *store_class = PK_STORE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pk_sqlite_store_finalize;
  store_class->open_another = open_another;
  store_class->begin_level = begin_level;
  store_class->commit_level = commit_level;
  store_class->rollback_level = rollback_level;
  _pk_sqlite_store_cases_class_init (store_class);
  _pk_sqlite_store_offices_class_init (store_class);
  _pk_sqlite_store_places_class_init (store_class);
  _pk_sqlite_store_rules_class_init (store_class);
  _pk_sqlite_store_zones_class_init (store_class);
  _pk_sqlite_store_meetings_class_init (store_class);
  _pk_sqlite_store_visits_class_init (store_class);
  _pk_sqlite_store_bundle_class_init (store_class);
  _pk_sqlite_store_copy_class_init (store_class);
  store_class->publish = sqlite_publish;
  store_class->get_path = sqlite_get_path;
  store_class->get_schema_version = sqlite_get_schema_version;
  store_class->is_read_only = sqlite_is_read_only;
  store_class->changed_elsewhere = sqlite_changed_elsewhere;
  store_class->lookup_meta = sqlite_lookup_meta;
  store_class->get_meta = sqlite_get_meta;
  store_class->set_meta = sqlite_set_meta;
  store_class->log = sqlite_log;
  store_class->count_audit = sqlite_count_audit;
}

static void
pk_sqlite_store_init (PkSqliteStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
}
