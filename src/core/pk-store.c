/* pk-store.c
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


struct _PkStore
{
  GObject       parent_instance;

  sqlite3      *db;                 /* owned; used from one thread at a time */
  void         *spatialite_cache;   /* owned */
  char         *path;
  char         *final_path;         /* set while the workspace is being built (staged) */
  char         *actor;
  int           schema_version;
  guint         depth;              /* transaction nesting */
  gboolean      read_only;          /* the file or its folder cannot be written */
  int           data_version;       /* last seen PRAGMA data_version, 0 = not yet */
  GArray       *pending;            /* Change: written in the open transaction */
  GArray       *savepoint_marks;    /* guint: pending->len when each savepoint began */

  sqlite3_stmt *insert_office;
  sqlite3_stmt *insert_audit;
};

G_DEFINE_FINAL_TYPE (PkStore, pk_store, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *entity;     /* interned */
  gint64      id;
} Change;
G_DEFINE_QUARK (pk-store-error-quark, pk_store_error)

/* Ordered migrations: entry N brings a file from version N to N + 1. Never edit a
 * released entry; add a new one and bump PK_STORE_SCHEMA_VERSION. */
static const char * const migrations[] = {
  /* 0 → 1: the foundation */
  "SELECT InitSpatialMetadata(0, 'WGS84');"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE provinces (id INTEGER PRIMARY KEY, name_fa TEXT NOT NULL, name_en TEXT);"
  "SELECT AddGeometryColumn('provinces', 'geom', 4326, 'MULTIPOLYGON', 'XY');"
  "SELECT CreateSpatialIndex('provinces', 'geom');"
  "CREATE TABLE counties (id INTEGER PRIMARY KEY,"
  "  province_id INTEGER NOT NULL REFERENCES provinces (id),"
  "  name_fa TEXT NOT NULL, name_en TEXT, osm_relation INTEGER);"
  "SELECT AddGeometryColumn('counties', 'geom', 4326, 'MULTIPOLYGON', 'XY');"
  "SELECT CreateSpatialIndex('counties', 'geom');"
  "CREATE TABLE settlements (id INTEGER PRIMARY KEY,"
  "  county_id INTEGER REFERENCES counties (id),"
  "  kind TEXT NOT NULL DEFAULT 'city' CHECK (kind IN ('city', 'village')),"
  "  name_fa TEXT NOT NULL, name_en TEXT,"
  "  is_county_seat INTEGER NOT NULL DEFAULT 0);"
  "SELECT AddGeometryColumn('settlements', 'geom', 4326, 'POINT', 'XY');"
  "SELECT CreateSpatialIndex('settlements', 'geom');"
  "CREATE TABLE offices (id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length (code) > 0),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  license TEXT NOT NULL CHECK (license IN ('urban', 'rural')),"
  "  status TEXT NOT NULL CHECK (status IN ('active', 'approved', 'planned', 'suspended')),"
  "  sample INTEGER NOT NULL DEFAULT 0,"
  "  holder TEXT, address TEXT,"
  "  postal_code TEXT CHECK (postal_code IS NULL OR"
  "    (length (postal_code) = 10 AND postal_code NOT GLOB '*[^0-9]*')),"
  "  license_issued TEXT, license_expires TEXT,"
  "  county_id INTEGER REFERENCES counties (id));"
  "SELECT AddGeometryColumn('offices', 'geom', 4326, 'POINT', 'XY');"
  "SELECT CreateSpatialIndex('offices', 'geom');"
  "CREATE INDEX offices_county ON offices (county_id, license);"
  "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
  "  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,"
  "  before TEXT, after TEXT);",

  /* 1 → 2: urban-area polygons for SR-2 and the province's rule set */
  "SELECT AddGeometryColumn('settlements', 'urban_area', 4326, 'MULTIPOLYGON', 'XY');"
  "SELECT CreateSpatialIndex('settlements', 'urban_area');"
  "CREATE TABLE rule_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);",

  /* 2 → 3: approved zones drawn by the working group */
  "CREATE TABLE zones (id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  license TEXT NOT NULL CHECK (license IN ('urban', 'rural')),"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 1),"
  "  note TEXT, created_at TEXT NOT NULL);"
  "SELECT AddGeometryColumn('zones', 'geom', 4326, 'POLYGON', 'XY');"
  "SELECT CreateSpatialIndex('zones', 'geom');",

  /* 3 → 4: application case files (RQ-1 … RQ-8), their stages, people,
   * documents (the PDFs themselves) and history */
  "CREATE TABLE cases (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
  "  request TEXT NOT NULL CHECK (request IN ('RQ-1', 'RQ-2', 'RQ-3', 'RQ-4', 'RQ-5', 'RQ-6',"
  "    'RQ-7', 'RQ-8')),"
  "  license TEXT NOT NULL CHECK (license IN ('urban', 'rural')),"
  "  applicant TEXT NOT NULL CHECK (applicant IN ('person', 'company')),"
  "  conversion INTEGER NOT NULL DEFAULT 0, new_address INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'returned', 'done')),"
  "  fields TEXT NOT NULL DEFAULT '{}',"
  "  site_lat REAL, site_lon REAL, site_not_on_map INTEGER NOT NULL DEFAULT 0,"
  "  site_address TEXT, site_check TEXT,"
  "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
  "CREATE TABLE case_stages (case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('done', 'returned')),"
  "  note TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (case_id, stage));"
  "CREATE TABLE case_people (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('applicant', 'ceo', 'board', 'deputy')),"
  "  name TEXT, national_code TEXT, mobile TEXT, on_board INTEGER NOT NULL DEFAULT 0,"
  "  eligibility TEXT NOT NULL DEFAULT '{}');"
  "CREATE TABLE case_documents (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL, person_id INTEGER REFERENCES case_people (id) ON DELETE CASCADE,"
  "  file_name TEXT NOT NULL, content BLOB NOT NULL, pages INTEGER NOT NULL,"
  "  pass INTEGER NOT NULL, findings TEXT NOT NULL, thumbnails BLOB, added_at TEXT NOT NULL);"
  "CREATE TABLE case_events (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, stage TEXT, message TEXT);"
  "CREATE INDEX case_events_case ON case_events (case_id);"
  "CREATE INDEX case_documents_case ON case_documents (case_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PK_STORE_SCHEMA_VERSION);

/* A full disk is said in words a user can act on; the transaction it broke
 * is rolled back by the caller, so nothing already saved is lost. */
static gboolean
set_sql_error (sqlite3     *db,
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

/* Runs a script; a SpatiaLite management function that answers 0 has failed
 * without an SQLite error, so SELECT steps must return a true value. */
static gboolean
exec_script (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  const char *tail = sql;

  while (tail != NULL && *tail != '\0')
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *start = tail;
      int rc;

      if (sqlite3_prepare_v2 (db, start, -1, &stmt, &tail) != SQLITE_OK)
        return set_sql_error (db, error, "Could not prepare the workspace schema");
      if (stmt == NULL)
        break;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER &&
          sqlite3_column_int (stmt, 0) == 0)
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL,
                       "Spatial metadata step failed: %.*s", (int) (tail - start), start);
          return FALSE;
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return set_sql_error (db, error, "Could not create the workspace schema");
    }
  return TRUE;
}

static gboolean
exec_simple (PkStore     *self,
             const char  *sql,
             GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->db) & 0xff;

      if (code == SQLITE_FULL || code == SQLITE_READONLY)
        set_sql_error (self->db, error, NULL);
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
  return self->db;
}

const char *
_pk_store_actor (PkStore *self)
{
  return self->actor;
}

gboolean
_pk_store_sql_error (PkStore     *self,
                     GError     **error,
                     const char  *what)
{
  return set_sql_error (self->db, error, what);
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
  self->spatialite_cache = spatialite_alloc_connection ();
  /* GEOS and RTTOPO would print their notices on stderr; the store turns what
   * matters into errors, and users never see a library talking to itself */
  spatialite_set_silent_mode (self->spatialite_cache);
  spatialite_init_ex (self->db, self->spatialite_cache, 0);
  /* after SpatiaLite, which sets a 5 s timeout of its own */
  sqlite3_busy_timeout (self->db, PK_STORE_BUSY_TIMEOUT_MS);
  return exec_simple (self, "PRAGMA foreign_keys = ON;", error);
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
    if (!exec_script (self->db, migrations[v], error))
      {
        g_prefix_error (error, "Migration to schema version %d: ", v + 1);
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
  self->schema_version = to;
  return TRUE;
}

static gboolean
prepare_statements (PkStore  *self,
                    GError  **error)
{
  static const char insert_office[] =
    "INSERT INTO offices (code, name, license, status, sample, holder, address,"
    " postal_code, license_issued, license_expires, county_id, geom)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, MakePoint (?12, ?13, 4326))";
  static const char insert_audit[] =
    "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

  if (sqlite3_prepare_v3 (self->db, insert_office, -1, SQLITE_PREPARE_PERSISTENT,
                          &self->insert_office, NULL) != SQLITE_OK ||
      sqlite3_prepare_v3 (self->db, insert_audit, -1, SQLITE_PREPARE_PERSISTENT,
                          &self->insert_audit, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not prepare statements");
  return TRUE;
}

static PkStore *
store_new (const char *path)
{
  PkStore *self = g_object_new (PK_TYPE_STORE, NULL);

  self->path = g_strdup (path);
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
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *uri = NULL;
  gboolean writable = !self->read_only && access (self->path, W_OK) == 0 && access (dir, W_OK) == 0;
  int rc;

  if (writable &&
      sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, PK_STORE_BUSY_TIMEOUT_MS);
      return TRUE;
    }
  g_clear_pointer (&self->db, sqlite3_close);
  {
    g_autoptr(GFile) file = g_file_new_for_path (self->path);
    g_autofree char *file_uri = g_file_get_uri (file);

    uri = g_strconcat (file_uri, access (dir, W_OK) == 0 ? "?mode=ro" : "?mode=ro&immutable=1", NULL);
  }
  rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” cannot be opened: %s"), display, sqlite3_errmsg (self->db));
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, PK_STORE_BUSY_TIMEOUT_MS);
  self->read_only = TRUE;
  return TRUE;
}

/* Opens and checks an existing file; brings an older schema up to date. */
static gboolean
open_existing (PkStore  *self,
               GError  **error)
{
  g_autofree char *version_str = NULL;
  g_autofree char *display = g_filename_display_name (self->path);
  int rc, app_id, version;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), display);
      return FALSE;
    }
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is a folder, not a workspace file"), display);
      return FALSE;
    }
  if (!open_connection (self, error))
    return FALSE;

  app_id = read_int_pragma (self->db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_NOTADB || (rc == SQLITE_OK && app_id != PK_APPLICATION_ID))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Pishkhan Siting workspace"), display);
      return FALSE;
    }
  if (rc != SQLITE_OK || !quick_check_ok (self->db))
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
  self->schema_version = version;
  if (self->read_only)
    {
      if (version < PK_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY,
                       _("“%s” is read-only and was made by an older version; copy it to a folder "
                         "you can write to so that it can be brought up to date"), display);
          return FALSE;
        }
      pk_store_changed_elsewhere (self);
      return prepare_statements (self, error);
    }
  if (!exec_simple (self, "PRAGMA journal_mode = WAL;", error) ||
      !migrate (self, version, PK_STORE_SCHEMA_VERSION, error))
    return FALSE;
  pk_store_changed_elsewhere (self);       /* what is seen from now on is news */
  return prepare_statements (self, error);

corrupt:
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT,
               _("“%s” is damaged and cannot be opened (%s)"), display,
               sqlite3_errmsg (self->db));
  return FALSE;
}

/**
 * pk_store_open:
 * @path: an existing workspace file
 *
 * Opens a workspace after checking that it is one (application id, integrity,
 * schema version) and migrates an older schema. Newer, foreign or damaged
 * files are refused with a message fit for users.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PkStore *
pk_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PkStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  self = store_new (path);
  if (!open_existing (self, error))
    return NULL;
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
  g_clear_pointer (&self->insert_office, sqlite3_finalize);
  g_clear_pointer (&self->insert_audit, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->spatialite_cache, spatialite_cleanup_ex);
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
  self->final_path = g_strdup (path);
  if (sqlite3_open_v2 (staging, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("“%s” cannot be created: %s"), display, sqlite3_errmsg (self->db));
      g_unlink (staging);
      return NULL;
    }
  /* no -wal or -journal file beside the staging file: only one file to rename */
  app_id_sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = MEMORY;",
                                PK_APPLICATION_ID);
  if (!exec_simple (self, app_id_sql, error) ||
      !load_spatialite (self, error) ||
      !migrate (self, 0, version, error) ||
      !pk_store_set_meta (self, "created_at", created, error) ||
      !prepare_statements (self, error))
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

  staging = g_steal_pointer (&self->path);
  self->path = g_steal_pointer (&self->final_path);
  display = g_filename_display_name (self->path);
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
  if (pk_store_file_in_use (self->path))
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
      g_autofree char *p = g_strconcat (self->path, suffixes[i], NULL);
      g_unlink (p);
    }
  if (g_rename (staging, self->path) != 0)
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
gboolean
pk_store_publish (PkStore  *self,
                  GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  if (self->final_path == NULL)
    return TRUE;
  return publish_file (self, error) && open_existing (self, error);
}

PkStore *
_pk_store_create_staged (const char  *path,
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

  g_return_val_if_fail (path != NULL, NULL);
  self = store_new (path);
  self->read_only = TRUE;
  if (!open_existing (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pk_store_create:
 * @path: where to create the file (used as given, no extension added)
 * @overwrite: replace an existing file (refused while another program has it open)
 *
 * Returns: (transfer full): an empty workspace at the current schema version
 */
PkStore *
pk_store_create (const char  *path,
                 gboolean     overwrite,
                 GError     **error)
{
  g_autoptr(PkStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if ((self = create_staged (path, overwrite, PK_STORE_SCHEMA_VERSION, error)) == NULL ||
      !pk_store_publish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
_pk_store_create_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  g_autoptr(PkStore) store = create_staged (path, TRUE, version, error);

  /* moved into place but not opened: opening would migrate it */
  return store != NULL && publish_file (store, error);
}

static void
pk_store_finalize (GObject *object)
{
  PkStore *self = (PkStore *) object;

  close_db (self);
  /* a staged workspace never published: its hidden file goes too */
  if (self->final_path != NULL && self->path != NULL)
    g_unlink (self->path);
  g_free (self->final_path);
  g_free (self->path);
  g_array_unref (self->pending);
  g_array_unref (self->savepoint_marks);
  g_free (self->actor);

  G_OBJECT_CLASS (pk_store_parent_class)->finalize (object);
}

static void
pk_store_class_init (PkStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pk_store_finalize;

  /**
   * PkStore::changed:
   * @entity: what kind of record ("office", "zone", "case", "rule_setting",
   *   "urban_area", "workspace")
   * @id: which one (0 for a setting)
   *
   * Emitted after a commit, once for every record the transaction wrote;
   * never for a transaction that was rolled back.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64);
}

static void
pk_store_init (PkStore *self)
{
  self->actor = g_strdup (g_get_user_name ());
  self->pending = g_array_new (FALSE, FALSE, sizeof (Change));
  self->savepoint_marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

const char *
pk_store_get_path (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  return self->path;
}

/**
 * pk_store_changed_elsewhere:
 *
 * Whether another connection — the CLI, a second window, another program —
 * committed a change since the last call (SQLite's data_version counts only
 * other connections' commits). Cheap enough to poll every second or two.
 */
gboolean
pk_store_changed_elsewhere (PkStore *self)
{
  int rc, version;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  version = read_int_pragma (self->db, "PRAGMA data_version", &rc);
  if (rc != SQLITE_OK)
    return FALSE;
  if (self->data_version == 0 || version == self->data_version)     /* 0: the first look */
    {
      self->data_version = version;
      return FALSE;
    }
  self->data_version = version;
  return TRUE;
}

/* TRUE when the file or its folder cannot be written: every change is refused. */
gboolean
pk_store_is_read_only (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), TRUE);
  return self->read_only;
}

int
pk_store_get_schema_version (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  return self->schema_version;
}

/* Who the audit log names for the changes that follow. */
void
pk_store_set_actor (PkStore    *self,
                    const char *actor)
{
  g_return_if_fail (PK_IS_STORE (self));
  g_free (self->actor);
  self->actor = g_strdup (actor ? actor : "unknown");
}

/* What the open transaction changed, told by "changed" after the commit. */
void
_pk_store_note_change (PkStore    *self,
                       const char *entity,
                       gint64      id)
{
  Change c = { g_intern_string (entity), id };

  for (guint i = 0; i < self->pending->len; i++)
    {
      Change *p = &g_array_index (self->pending, Change, i);

      if (p->entity == c.entity && p->id == c.id)
        return;
    }
  g_array_append_val (self->pending, c);
}

/* After the outermost COMMIT: each changed record once, in order. */
static void
emit_changes (PkStore *self)
{
  g_autoptr(GArray) changes = self->pending;

  self->pending = g_array_new (FALSE, FALSE, sizeof (Change));
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, c->entity, c->id);
    }
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (take the write lock up
 * front so SQLITE_BUSY comes here, not half-way through an import), inner
 * ones are savepoints. */
gboolean
pk_store_begin (PkStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: nothing can be changed in it"), display);
      return FALSE;
    }
  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT pk%u", self->depth);
  if (!exec_simple (self, sql, error))
    return FALSE;
  if (self->depth == 0)
    g_array_set_size (self->pending, 0);
  else
    g_array_append_val (self->savepoint_marks, self->pending->len);
  self->depth++;
  return TRUE;
}

gboolean
pk_store_commit (PkStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE pk%u", self->depth - 1);
  if (!exec_simple (self, sql, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    emit_changes (self);
  else
    g_array_set_size (self->savepoint_marks, self->savepoint_marks->len - 1);
  return TRUE;
}

void
pk_store_rollback (PkStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (PK_IS_STORE (self));
  g_return_if_fail (self->depth > 0);
  sql = self->depth == 1 ? g_strdup ("ROLLBACK")
                         : g_strdup_printf ("ROLLBACK TO pk%u; RELEASE pk%u",
                                            self->depth - 1, self->depth - 1);
  /* Keep the caller's first error: this one would only repeat it. */
  exec_simple (self, sql, NULL);
  self->depth--;
  /* what the rolled-back part changed is not news */
  if (self->depth == 0)
    g_array_set_size (self->pending, 0);
  else
    {
      guint mark = g_array_index (self->savepoint_marks, guint, self->savepoint_marks->len - 1);

      g_array_set_size (self->pending, mark);
      g_array_set_size (self->savepoint_marks, self->savepoint_marks->len - 1);
    }
}

/**
 * pk_store_lookup_meta:
 * @value: (out) (transfer full) (nullable): the value, %NULL when the key is absent
 *
 * Tells an absent key from a workspace that cannot be read.
 *
 * Returns: %FALSE with @error when the meta table cannot be read
 */
gboolean
pk_store_lookup_meta (PkStore     *self,
                      const char  *key,
                      char       **value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  *value = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read the workspace's metadata");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read the workspace's metadata");
  return TRUE;
}

/* The value of @key, or %NULL when it is absent or cannot be read (where the
 * difference matters, pk_store_lookup_meta() tells them apart). */
char *
pk_store_get_meta (PkStore    *self,
                   const char *key)
{
  char *value = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  pk_store_lookup_meta (self, key, &value, NULL);
  return value;
}

gboolean
pk_store_set_meta (PkStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not write workspace settings");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not write workspace settings");
  return TRUE;
}

static gboolean
write_audit (PkStore     *self,
             const char  *action,
             const char  *entity,
             gint64       entity_id,
             const char  *before,
             const char  *after,
             GError     **error)
{
  g_autofree char *at = now_iso ();
  sqlite3_stmt *stmt = self->insert_audit;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, entity_id);
  if (before)
    sqlite3_bind_text (stmt, 6, before, -1, SQLITE_TRANSIENT);
  if (after)
    sqlite3_bind_text (stmt, 7, after, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not write the audit log");
  _pk_store_note_change (self, entity, entity_id);
  return TRUE;
}

/**
 * pk_store_log:
 *
 * Adds an entry to the audit log (who, when, what, before/after as JSON).
 */
gboolean
pk_store_log (PkStore     *self,
              const char  *action,
              const char  *entity,
              gint64       entity_id,
              const char  *before_json,
              const char  *after_json,
              GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  return write_audit (self, action, entity, entity_id, before_json, after_json, error);
}

static char *
office_to_json (const PkOffice *o)
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
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, o->lat);
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, o->lon);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static gint64
insert_geometry_row (PkStore     *self,
                     const char  *sql,
                     GError     **error,
                     const char  *what,
                     ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list ap;
  int i = 1;
  const char *text;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, what), 0;
  va_start (ap, what);
  /* arguments are (const char *) texts, NULL-terminated; "" binds NULL */
  while ((text = va_arg (ap, const char *)) != NULL)
    bind_text_or_null (stmt, i++, text);
  va_end (ap);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self->db, error, what), 0;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
pk_store_add_province (PkStore     *self,
                       gint64       id,
                       const char  *name_fa,
                       const char  *name_en,
                       const char  *geojson_geometry,
                       GError     **error)
{
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  return insert_geometry_row (self,
                              "INSERT INTO provinces (id, name_fa, name_en, geom) VALUES"
                              " (?1, ?2, ?3, CastToMultiPolygon (SetSRID (GeomFromGeoJSON (?4), 4326)))",
                              error, "Could not store a province",
                              id_str, name_fa, name_en ? name_en : "", geojson_geometry, NULL) != 0;
}

gint64
pk_store_add_county (PkStore     *self,
                     const char  *name_fa,
                     const char  *name_en,
                     gint64       osm_relation,
                     const char  *geojson_geometry,
                     GError     **error)
{
  g_autofree char *osm = g_strdup_printf ("%" G_GINT64_FORMAT, osm_relation);
  g_autofree char *province = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  province = pk_store_get_meta (self, "province_id");
  return insert_geometry_row (self,
                              "INSERT INTO counties (province_id, name_fa, name_en, osm_relation,"
                              " geom) VALUES (?1, ?2, ?3, ?4,"
                              " CastToMultiPolygon (SetSRID (GeomFromGeoJSON (?5), 4326)))",
                              error, "Could not store a county",
                              province ? province : "", name_fa, name_en ? name_en : "",
                              osm, geojson_geometry, NULL);
}

gint64
pk_store_add_city (PkStore     *self,
                   gint64       id,
                   gint64       county_id,
                   const char  *name_fa,
                   const char  *name_en,
                   gboolean     is_county_seat,
                   double       lat,
                   double       lon,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO settlements (id, county_id, kind, name_fa, name_en,"
                          " is_county_seat, geom) VALUES (?1, ?2, 'city', ?3, ?4, ?5,"
                          " MakePoint (?6, ?7, 4326))", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not store a city"), 0;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (county_id > 0)
    sqlite3_bind_int64 (stmt, 2, county_id);
  sqlite3_bind_text (stmt, 3, name_fa, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, name_en);
  sqlite3_bind_int (stmt, 5, is_county_seat);
  sqlite3_bind_double (stmt, 6, lon);
  sqlite3_bind_double (stmt, 7, lat);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not store a city"), 0;
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * pk_store_add_office:
 *
 * Inserts @office and its audit entry in one transaction.
 *
 * Returns: the new office's id, or 0 with @error set
 */
gint64
pk_store_add_office (PkStore         *self,
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
  stmt = self->insert_office;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_text (stmt, 1, o->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, o->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pk_license_to_string (o->license), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pk_status_to_string (o->status), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, o->sample ? 1 : 0);
  bind_text_or_null (stmt, 6, o->holder);
  bind_text_or_null (stmt, 7, o->address);
  bind_text_or_null (stmt, 8, o->postal_code);
  bind_text_or_null (stmt, 9, o->license_issued);
  bind_text_or_null (stmt, 10, o->license_expires);
  if (o->county_id > 0)
    sqlite3_bind_int64 (stmt, 11, o->county_id);
  sqlite3_bind_double (stmt, 12, o->lon);
  sqlite3_bind_double (stmt, 13, o->lat);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sql_error (self->db, error, "Could not store the office");
      sqlite3_reset (stmt);
      pk_store_rollback (self);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
  after = office_to_json (o);
  if (!write_audit (self, "insert", "office", id, NULL, after, error))
    {
      pk_store_rollback (self);
      return 0;
    }
  if (!pk_store_commit (self, error))
    return 0;
  return id;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static PkGeometry *
column_geometry (sqlite3_stmt *stmt,
                 int           i)
{
  if (sqlite3_column_type (stmt, i) != SQLITE_BLOB)
    return NULL;
  return pk_geometry_new_from_wkb (sqlite3_column_blob (stmt, i),
                                   sqlite3_column_bytes (stmt, i), NULL);
}

PkPlace *
pk_store_get_province (PkStore  *self,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PkPlace *place;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, name_fa, name_en, AsBinary (geom) FROM provinces"
                          " WHERE id = (SELECT value FROM meta WHERE key = 'province_id')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read the province"), NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                     _("The workspace has no province"));
      else
        set_sql_error (self->db, error, "Could not read the province");
      return NULL;
    }
  place = pk_place_new (PK_PLACE_PROVINCE);
  place->id = sqlite3_column_int64 (stmt, 0);
  place->name_fa = column_strdup (stmt, 1);
  place->name_en = column_strdup (stmt, 2);
  place->geometry = column_geometry (stmt, 3);
  return place;
}

/* Every province stored in the file: the workspace's own and its neighbours,
 * which the basemap draws for context. */
GPtrArray *
pk_store_list_provinces (PkStore  *self,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db, "SELECT id, name_fa, name_en, AsBinary (geom)"
                          " FROM provinces ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read provinces"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkPlace *p = pk_place_new (PK_PLACE_PROVINCE);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name_fa = column_strdup (stmt, 1);
      p->name_en = column_strdup (stmt, 2);
      p->geometry = column_geometry (stmt, 3);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read provinces"), NULL;
  return g_steal_pointer (&out);
}

GPtrArray *
pk_store_list_counties (PkStore  *self,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, province_id, name_fa, name_en, AsBinary (geom)"
                          " FROM counties ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read counties"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkPlace *p = pk_place_new (PK_PLACE_COUNTY);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->parent_id = sqlite3_column_int64 (stmt, 1);
      p->name_fa = column_strdup (stmt, 2);
      p->name_en = column_strdup (stmt, 3);
      p->geometry = column_geometry (stmt, 4);
      if (p->geometry)
        pk_geometry_label_point (p->geometry, &p->lon, &p->lat);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read counties"), NULL;
  return g_steal_pointer (&out);
}

GPtrArray *
pk_store_list_cities (PkStore  *self,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, county_id, name_fa, name_en, is_county_seat, Y (geom),"
                          " X (geom), AsBinary (urban_area) FROM settlements WHERE kind = 'city'"
                          " ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read cities"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkPlace *p = pk_place_new (PK_PLACE_CITY);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->parent_id = sqlite3_column_int64 (stmt, 1);
      p->name_fa = column_strdup (stmt, 2);
      p->name_en = column_strdup (stmt, 3);
      p->is_county_seat = sqlite3_column_int (stmt, 4);
      p->lat = sqlite3_column_double (stmt, 5);
      p->lon = sqlite3_column_double (stmt, 6);
      p->geometry = column_geometry (stmt, 7);        /* the urban area, if imported */
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read cities"), NULL;
  return g_steal_pointer (&out);
}

#define OFFICE_COLUMNS \
  "SELECT id, code, name, license, status, sample, holder, address, postal_code," \
  " license_issued, license_expires, county_id, Y (geom), X (geom) FROM offices"

static PkOffice *
office_from_row (sqlite3_stmt *stmt)
{
  PkOffice *o = pk_office_new ();

  o->id = sqlite3_column_int64 (stmt, 0);
  o->code = column_strdup (stmt, 1);
  o->name = column_strdup (stmt, 2);
  pk_license_from_string ((const char *) sqlite3_column_text (stmt, 3), &o->license);
  pk_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &o->status);
  o->sample = sqlite3_column_int (stmt, 5);
  o->holder = column_strdup (stmt, 6);
  o->address = column_strdup (stmt, 7);
  o->postal_code = column_strdup (stmt, 8);
  o->license_issued = column_strdup (stmt, 9);
  o->license_expires = column_strdup (stmt, 10);
  o->county_id = sqlite3_column_int64 (stmt, 11);
  o->lat = sqlite3_column_double (stmt, 12);
  o->lon = sqlite3_column_double (stmt, 13);
  return o;
}

GPtrArray *
pk_store_list_offices (PkStore  *self,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_office_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db, OFFICE_COLUMNS " ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read offices"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, office_from_row (stmt));
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read offices"), NULL;
  return g_steal_pointer (&out);
}

gint64
pk_store_count_audit (PkStore *self)
{
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), -1);
  return read_int_pragma (self->db, "SELECT count(*) FROM audit_log", &rc);
}

static gboolean
step_done (PkStore      *self,
           sqlite3_stmt *stmt,
           GError      **error,
           const char   *what)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sql_error (self->db, error, what);
  return TRUE;
}

/**
 * pk_store_get_office:
 *
 * Returns: (transfer full) (nullable): the office with @id, or %NULL with @error set
 */
PkOffice *
pk_store_get_office (PkStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  /* one row by its key: an edit must not read every office of the workspace */
  if (sqlite3_prepare_v2 (self->db, OFFICE_COLUMNS " WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read the office"), NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return office_from_row (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read the office"), NULL;
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No office with id %lld"), (long long) id);
  return NULL;
}

/**
 * pk_store_update_office:
 *
 * Writes every field of @office (found by its id) and logs before/after.
 */
gboolean
pk_store_update_office (PkStore         *self,
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
  if (sqlite3_prepare_v2 (self->db,
                          "UPDATE offices SET code = ?1, name = ?2, license = ?3, status = ?4,"
                          " sample = ?5, holder = ?6, address = ?7, postal_code = ?8,"
                          " license_issued = ?9, license_expires = ?10, county_id = ?11,"
                          " geom = MakePoint (?12, ?13, 4326) WHERE id = ?14",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self->db, error, "Could not update the office");
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, o->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, o->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pk_license_to_string (o->license), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pk_status_to_string (o->status), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, o->sample ? 1 : 0);
  bind_text_or_null (stmt, 6, o->holder);
  bind_text_or_null (stmt, 7, o->address);
  bind_text_or_null (stmt, 8, o->postal_code);
  bind_text_or_null (stmt, 9, o->license_issued);
  bind_text_or_null (stmt, 10, o->license_expires);
  if (o->county_id > 0)
    sqlite3_bind_int64 (stmt, 11, o->county_id);
  sqlite3_bind_double (stmt, 12, o->lon);
  sqlite3_bind_double (stmt, 13, o->lat);
  sqlite3_bind_int64 (stmt, 14, o->id);
  if (!step_done (self, stmt, error, "Could not update the office"))
    goto fail;
  before_json = office_to_json (before);
  after_json = office_to_json (o);
  if (!write_audit (self, "update", "office", o->id, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

gboolean
pk_store_delete_office (PkStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkOffice) before = NULL;
  g_autofree char *before_json = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_office (self, id, error)) == NULL)
    goto fail;
  if (sqlite3_prepare_v2 (self->db, "DELETE FROM offices WHERE id = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      set_sql_error (self->db, error, "Could not remove the office");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error, "Could not remove the office"))
    goto fail;
  before_json = office_to_json (before);
  if (!write_audit (self, "delete", "office", id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

gboolean
pk_store_office_code_exists (PkStore    *self,
                             const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM offices WHERE code = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * pk_store_get_rule_settings:
 *
 * Returns: (transfer full): the province's rule-set values as key → value strings
 */
GHashTable *
pk_store_get_rule_settings (PkStore  *self,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db, "SELECT key, value FROM rule_settings", -1, &stmt,
                          NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read the rule set"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (out, column_strdup (stmt, 0), column_strdup (stmt, 1));
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read the rule set"), NULL;
  return g_steal_pointer (&out);
}

/**
 * pk_store_set_rule_setting:
 * @value: (nullable): the new value, or %NULL to go back to the default
 *
 * Changes one rule-set value and logs the change (who, when, before, after).
 */
/* {"key": "value"}, escaped: a value typed with a quote stays JSON */
static char *
one_member_json (const char *key,
                 const char *value)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
pk_store_set_rule_setting (PkStore     *self,
                           const char  *key,
                           const char  *value,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autofree char *before = NULL;
  g_autofree char *at = now_iso ();

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM rule_settings WHERE key = ?", -1, &read,
                          NULL) != SQLITE_OK)
    goto sql_fail;
  sqlite3_bind_text (read, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (read) == SQLITE_ROW)
    before = column_strdup (read, 0);
  if (sqlite3_prepare_v2 (self->db, value ? "INSERT OR REPLACE INTO rule_settings (key, value,"
                                            " updated_at) VALUES (?1, ?2, ?3)"
                                          : "DELETE FROM rule_settings WHERE key = ?1",
                          -1, &write, NULL) != SQLITE_OK)
    goto sql_fail;
  sqlite3_bind_text (write, 1, key, -1, SQLITE_STATIC);
  if (value)
    {
      sqlite3_bind_text (write, 2, value, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 3, at, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (write) != SQLITE_DONE)
    goto sql_fail;
  {
    g_autofree char *b = before ? one_member_json (key, before) : NULL;
    g_autofree char *a = value ? one_member_json (key, value) : NULL;

    if (!write_audit (self, "update", "rule_setting", 0, b, a, error))
      goto fail;
  }
  return pk_store_commit (self, error);

sql_fail:
  set_sql_error (self->db, error, "Could not change the rule set");
fail:
  pk_store_rollback (self);
  return FALSE;
}

/**
 * pk_store_set_urban_area:
 * @geojson_geometry: (nullable): a Polygon or MultiPolygon, or %NULL to clear
 */
gboolean
pk_store_set_urban_area (PkStore     *self,
                         gint64       city_id,
                         const char  *geojson_geometry,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db,
                          "UPDATE settlements SET urban_area = CastToMultiPolygon (SetSRID ("
                          " GeomFromGeoJSON (?1), 4326)) WHERE id = ?2", -1, &stmt,
                          NULL) != SQLITE_OK)
    goto sql_fail;
  if (geojson_geometry)
    sqlite3_bind_text (stmt, 1, geojson_geometry, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, city_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto sql_fail;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("No city with id %lld"), (long long) city_id);
      goto fail;
    }
  {
    g_autoptr(sqlite3_stmt) check = NULL;

    /* GeomFromGeoJSON gives NULL for what it cannot read: refuse, do not store nothing */
    if (geojson_geometry != NULL &&
        (sqlite3_prepare_v2 (self->db, "SELECT urban_area IS NULL FROM settlements WHERE id = ?",
                             -1, &check, NULL) != SQLITE_OK ||
         (sqlite3_bind_int64 (check, 1, city_id), sqlite3_step (check)) != SQLITE_ROW ||
         sqlite3_column_int (check, 0)))
      {
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                     _("The urban area is not a valid polygon"));
        goto fail;
      }
  }
  after = g_strdup (geojson_geometry ? "polygon" : "cleared");
  if (!write_audit (self, "update", "urban_area", city_id, NULL, after, error))
    goto fail;
  return pk_store_commit (self, error);

sql_fail:
  set_sql_error (self->db, error, "Could not store the urban area");
fail:
  pk_store_rollback (self);
  return FALSE;
}

/**
 * pk_store_polygon_invalid_reason:
 * @geojson_geometry: a GeoJSON Polygon or MultiPolygon in WGS84
 *
 * Returns: (transfer full) (nullable): %NULL when GEOS finds the polygon valid,
 *   else why not (self-intersection, a hole outside its shell…), for users
 */
char *
pk_store_polygon_invalid_reason (PkStore    *self,
                                 const char *geojson_geometry)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *reason;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db, "SELECT IsValidReason (SetSRID (GeomFromGeoJSON (?1), 4326))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (self->db));
  sqlite3_bind_text (stmt, 1, geojson_geometry, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (sqlite3_errmsg (self->db));
  reason = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (reason, "Valid Geometry") == 0)
    return NULL;
  /* TRANSLATORS: %s is GEOS's own reason, e.g. "Self-intersection[59.2 32.8]" */
  return g_strdup_printf (_("the outline is not a valid polygon (%s)"),
                          reason && *reason ? reason : _("unreadable geometry"));
}

/* The id of the office holding @code, or 0. */
gint64
pk_store_office_code_owner (PkStore    *self,
                            const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM offices WHERE code = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* ---- coverage geometry (GEOS through SpatiaLite, in UTM metres) ---------- */

static GBytes *
blob_query (PkStore     *self,
            const char  *sql,
            GBytes      *a,
            GBytes      *b,
            double       x,
            int          srid,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not compute coverage"), NULL;
  /* named parameters: :a, :b blobs, :x a number, :srid */
  if (a && sqlite3_bind_parameter_index (stmt, ":a"))
    sqlite3_bind_blob (stmt, sqlite3_bind_parameter_index (stmt, ":a"), g_bytes_get_data (a, NULL),
                       g_bytes_get_size (a), SQLITE_STATIC);
  if (b && sqlite3_bind_parameter_index (stmt, ":b"))
    sqlite3_bind_blob (stmt, sqlite3_bind_parameter_index (stmt, ":b"), g_bytes_get_data (b, NULL),
                       g_bytes_get_size (b), SQLITE_STATIC);
  if (sqlite3_bind_parameter_index (stmt, ":x"))
    sqlite3_bind_double (stmt, sqlite3_bind_parameter_index (stmt, ":x"), x);
  if (sqlite3_bind_parameter_index (stmt, ":srid"))
    sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":srid"), srid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sql_error (self->db, error, "Could not compute coverage"), NULL;
  if (sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    return NULL;                 /* an empty result: no error */
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/**
 * pk_store_set_coverage_urban_areas:
 * @cities: (element-type PkPlace): cities with their imported limits (geometry) or not
 * @radii: the approximate radius of each city, metres
 *
 * Fills a temporary table with the urban areas in UTM zone @srid, for
 * pk_store_vacancy(): the imported limits, or a circle of the rule set's radius.
 */
gboolean
pk_store_set_coverage_urban_areas (PkStore    *self,
                                   GPtrArray  *cities,
                                   const double *radii,
                                   int         srid,
                                   GError    **error)
{
  g_autoptr(sqlite3_stmt) circle = NULL;
  g_autoptr(sqlite3_stmt) polygon = NULL;

  if (!exec_simple (self, "CREATE TEMP TABLE IF NOT EXISTS pk_urban (city_id INTEGER, g BLOB);"
                          "DELETE FROM temp.pk_urban;", error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "INSERT INTO temp.pk_urban VALUES (?1, ST_Buffer ("
                          "ST_Transform (MakePoint (?2, ?3, 4326), ?4), ?5, 16))", -1, &circle,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "INSERT INTO temp.pk_urban SELECT id, ST_Transform (urban_area,"
                          " ?2) FROM settlements WHERE id = ?1", -1, &polygon, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not compute coverage");
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);
      sqlite3_stmt *stmt = c->geometry ? polygon : circle;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, c->id);
      if (c->geometry)
        sqlite3_bind_int (stmt, 2, srid);
      else
        {
          sqlite3_bind_double (stmt, 2, c->lon);
          sqlite3_bind_double (stmt, 3, c->lat);
          sqlite3_bind_int (stmt, 4, srid);
          sqlite3_bind_double (stmt, 5, radii[i]);
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sql_error (self->db, error, "Could not compute coverage");
    }
  return TRUE;
}

/**
 * pk_store_vacancy:
 * @geojson: (out) (optional): the vacant area as GeoJSON in WGS84, or %NULL when empty
 *
 * The vacant area of a county for @license (domain PA-3; cli.md): for rural
 * ICT, the county outside every serving rural office's service circle and
 * outside the urban areas; for urban Pishkhan, the urban areas in the county
 * outside every serving urban office's circle. Circles are buffers of
 * @radius_m in UTM zone @srid (8 segments a quarter); areas are in km² of
 * that projection. Call pk_store_set_coverage_urban_areas() first.
 * @vacant: (out) (optional): the same as a parsed geometry, for drawing
 */
gboolean
pk_store_vacancy (PkStore    *self,
                  gint64      county_id,
                  PkLicense   license,
                  double      radius_m,
                  int         srid,
                  double     *county_km2,
                  double     *base_km2,
                  double     *vacant_km2,
                  char      **geojson,
                  PkGeometry **vacant,
                  GError    **error)
{
  g_autoptr(GBytes) county = NULL;
  g_autoptr(GBytes) served = NULL;
  g_autoptr(GBytes) urban = NULL;
  g_autoptr(GBytes) v = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *county_sql = g_strdup_printf (
    "SELECT ST_Transform (geom, :srid) FROM counties WHERE id = %" G_GINT64_FORMAT, county_id);
  g_autofree char *served_sql = g_strdup_printf (
    "SELECT ST_Union (ST_Buffer (ST_Transform (o.geom, :srid), :x, 8)) FROM offices o, counties c"
    " WHERE c.id = %" G_GINT64_FORMAT " AND o.license = '%s' AND o.status IN ('active', 'approved')"
    " AND MbrIntersects (o.geom, BuildMbr (MbrMinX (c.geom) - :x / 80000.0 - 0.05,"
    " MbrMinY (c.geom) - :x / 80000.0 - 0.05, MbrMaxX (c.geom) + :x / 80000.0 + 0.05,"
    " MbrMaxY (c.geom) + :x / 80000.0 + 0.05))", county_id, pk_license_to_string (license));
  double area = 0;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if ((county = blob_query (self, county_sql, NULL, NULL, 0, srid, &local)) == NULL)
    {
      if (local == NULL)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No county with id %lld"),
                     (long long) county_id);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  served = blob_query (self, served_sql, NULL, NULL, radius_m, srid, &local);
  if (local == NULL)
    urban = blob_query (self, "SELECT ST_Union (g) FROM temp.pk_urban WHERE MbrIntersects (g, :a)",
                        county, NULL, 0, srid, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (license == PK_LICENSE_RURAL)
    {
      v = g_bytes_ref (county);
      if (served != NULL)
        {
          GBytes *d = blob_query (self, "SELECT ST_Difference (:a, :b)", v, served, 0, srid, &local);
          g_bytes_unref (v);
          v = d;
        }
      if (v != NULL && urban != NULL && local == NULL)
        {
          GBytes *d = blob_query (self, "SELECT ST_Difference (:a, :b)", v, urban, 0, srid, &local);
          g_bytes_unref (v);
          v = d;
        }
    }
  else if (urban != NULL)
    {
      v = blob_query (self, "SELECT ST_Intersection (:a, :b)", county, urban, 0, srid, &local);
      if (v != NULL && local == NULL)
        {
          if (served != NULL)
            {
              GBytes *d = blob_query (self, "SELECT ST_Difference (:a, :b)", v, served, 0, srid,
                                      &local);
              g_bytes_unref (v);
              v = d;
            }
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* areas */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "SELECT ST_Area (:a) / 1e6, ST_Area (ST_Intersection (:a, :b)) / 1e6",
                            -1, &stmt, NULL) != SQLITE_OK)
      return set_sql_error (self->db, error, "Could not compute coverage");
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (county, NULL), g_bytes_get_size (county), SQLITE_STATIC);
    if (urban)
      sqlite3_bind_blob (stmt, 2, g_bytes_get_data (urban, NULL), g_bytes_get_size (urban), SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      return set_sql_error (self->db, error, "Could not compute coverage");
    area = sqlite3_column_double (stmt, 0);
    if (county_km2)
      *county_km2 = area;
    if (base_km2)
      *base_km2 = license == PK_LICENSE_RURAL
                  ? area - (urban ? sqlite3_column_double (stmt, 1) : 0)
                  : (urban ? sqlite3_column_double (stmt, 1) : 0);
  }
  if (vacant_km2)
    *vacant_km2 = 0;
  if (geojson)
    *geojson = NULL;
  if (vacant)
    *vacant = NULL;
  if (v != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "SELECT ST_Area (:a) / 1e6,"
                              " AsGeoJSON (ST_Transform (:a, 4326), 6),"
                              " AsBinary (CastToMultiPolygon (ST_Transform (:a, 4326)))",
                              -1, &stmt, NULL) != SQLITE_OK)
        return set_sql_error (self->db, error, "Could not compute coverage");
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (v, NULL), g_bytes_get_size (v), SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return set_sql_error (self->db, error, "Could not compute coverage");
      if (vacant_km2)
        *vacant_km2 = sqlite3_column_double (stmt, 0);
      if (geojson && sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        *geojson = column_strdup (stmt, 1);
      if (vacant)
        *vacant = column_geometry (stmt, 2);
    }
  return TRUE;
}

/* ---- approved zones ---------------------------------------------------- */

static char *
zone_to_json (const PkZone *z)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  pk_zone_add_feature (z, NULL, b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Validates @z, then inserts it (with its own id when it has one: undoing a
 * removal puts the same zone back) or updates it. */
static gint64
write_zone (PkStore       *self,
            const PkZone  *z,
            gboolean       insert,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autofree char *wkt = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *at = now_iso ();
  g_autofree char *name = NULL;
  gint64 id;

  if (!pk_zone_validate (z, error))
    return 0;
  wkt = pk_zone_to_wkt (z);
  if (sqlite3_prepare_v2 (self->db, "SELECT IsValidReason (GeomFromText (?1, 4326))", -1, &check,
                          NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not check the zone"), 0;
  sqlite3_bind_text (check, 1, wkt, -1, SQLITE_STATIC);
  if (sqlite3_step (check) != SQLITE_ROW)
    return set_sql_error (self->db, error, "Could not check the zone"), 0;
  if (g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "Valid Geometry") != 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("The zone’s outline crosses itself; move a corner so that its edges do not cross."));
      return 0;
    }

  if (!pk_store_begin (self, error))
    return 0;
  if (!insert && (before = pk_store_get_zone (self, z->id, error)) == NULL)
    goto fail;
  if (sqlite3_prepare_v2 (self->db,
                          insert
                          ? "INSERT INTO zones (name, license, capacity, note, created_at, geom, id)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, GeomFromText (?6, 4326), ?7)"
                          : "UPDATE zones SET name = ?1, license = ?2, capacity = ?3, note = ?4,"
                            " geom = GeomFromText (?6, 4326) WHERE id = ?7",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self->db, error, "Could not store the zone");
      goto fail;
    }
  name = g_strstrip (g_strdup (z->name));
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pk_license_to_string (z->license), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, z->capacity);
  bind_text_or_null (stmt, 4, z->note);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, wkt, -1, SQLITE_STATIC);
  if (z->id > 0)
    sqlite3_bind_int64 (stmt, 7, z->id);
  if (!step_done (self, stmt, error, "Could not store the zone"))
    goto fail;
  id = insert ? sqlite3_last_insert_rowid (self->db) : z->id;
  if (before != NULL)
    before_json = zone_to_json (before);
  after_json = zone_to_json (z);
  if (!write_audit (self, insert ? "insert" : "update", "zone", id, before_json, after_json, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

/**
 * pk_store_add_zone:
 *
 * Stores a new approved zone (or, when @zone has an id, puts that zone back).
 * Returns: its id, or 0 with @error set (no name, fewer than three corners,
 * an outline crossing itself…).
 */
gint64
pk_store_add_zone (PkStore       *self,
                   const PkZone  *zone,
                   GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  g_return_val_if_fail (zone != NULL, 0);
  return write_zone (self, zone, TRUE, error);
}

gboolean
pk_store_update_zone (PkStore       *self,
                      const PkZone  *zone,
                      GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (zone != NULL && zone->id > 0, FALSE);
  return write_zone (self, zone, FALSE, error) != 0;
}

gboolean
pk_store_delete_zone (PkStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autofree char *before_json = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_zone (self, id, error)) == NULL)
    goto fail;
  if (sqlite3_prepare_v2 (self->db, "DELETE FROM zones WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self->db, error, "Could not remove the zone");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error, "Could not remove the zone"))
    goto fail;
  before_json = zone_to_json (before);
  if (!write_audit (self, "delete", "zone", id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

#define ZONE_COLUMNS \
  "SELECT id, name, license, capacity, note, Area (geom, 1) / 1e6, AsBinary (geom) FROM zones"

static PkZone *
zone_from_row (sqlite3_stmt *stmt)
{
  PkZone *z = pk_zone_new ();
  g_autoptr(PkGeometry) g = NULL;

  z->id = sqlite3_column_int64 (stmt, 0);
  z->name = column_strdup (stmt, 1);
  pk_license_from_string ((const char *) sqlite3_column_text (stmt, 2), &z->license);
  z->capacity = sqlite3_column_int (stmt, 3);
  z->note = column_strdup (stmt, 4);
  z->area_km2 = sqlite3_column_double (stmt, 5);
  g = column_geometry (stmt, 6);
  if (g != NULL && g->n_polygons == 1 && g->polygons[0].n_rings >= 1)
    {
      const PkRing *ring = &g->polygons[0].rings[0];

      /* the stored ring is closed; ours is not */
      for (guint k = 0; k + 1 < ring->n_points; k++)
        pk_zone_add_point (z, ring->xy[2 * k], ring->xy[2 * k + 1]);
    }
  return z;
}

PkZone *
pk_store_get_zone (PkStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db, ZONE_COLUMNS " WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read the zone"), NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return zone_from_row (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read the zone"), NULL;
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
               _("There is no zone %lld in this workspace."), (long long) id);
  return NULL;
}

GPtrArray *
pk_store_list_zones (PkStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_zone_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (self->db, ZONE_COLUMNS " ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return set_sql_error (self->db, error, "Could not read zones"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, zone_from_row (stmt));
  if (rc != SQLITE_DONE)
    return set_sql_error (self->db, error, "Could not read zones"), NULL;
  return g_steal_pointer (&out);
}
