/* pk-mbtiles.c: raster MBTiles files as an offline basemap
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-mbtiles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pk-mbtiles.h"

struct _PkMbtiles
{
  sqlite3      *db;
  sqlite3_stmt *get_tile;       /* guarded by lock: tiles come from worker threads */
  GMutex        lock;
  char         *name;
  char         *attribution;
  int           min_zoom;
  int           max_zoom;
};

static char *
read_metadata (sqlite3    *db,
               const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/**
 * pk_mbtiles_open:
 *
 * Opens a raster MBTiles file read-only. Vector (pbf) tiles are refused:
 * Debian's libshumate has no vector renderer.
 */
PkMbtiles *
pk_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(PkMbtiles) self = g_new0 (PkMbtiles, 1);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *format = NULL;
  g_autofree char *minz = NULL;
  g_autofree char *maxz = NULL;

  g_mutex_init (&self->lock);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist"), display);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_prepare_v3 (self->db, "SELECT tile_data FROM tiles WHERE zoom_level = ?1"
                          " AND tile_column = ?2 AND tile_row = ?3", -1,
                          SQLITE_PREPARE_PERSISTENT, &self->get_tile, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an MBTiles file (it has no tiles table)"), display);
      return NULL;
    }
  format = read_metadata (self->db, "format");
  if (format != NULL && g_ascii_strcasecmp (format, "png") != 0 &&
      g_ascii_strcasecmp (format, "jpg") != 0 && g_ascii_strcasecmp (format, "jpeg") != 0 &&
      g_ascii_strcasecmp (format, "webp") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” holds %s tiles; only raster (PNG or JPEG) MBTiles can be used"),
                   display, format);
      return NULL;
    }
  self->name = read_metadata (self->db, "name");
  if (self->name == NULL)
    self->name = g_path_get_basename (path);
  self->attribution = read_metadata (self->db, "attribution");
  minz = read_metadata (self->db, "minzoom");
  maxz = read_metadata (self->db, "maxzoom");
  self->min_zoom = minz ? atoi (minz) : 0;
  self->max_zoom = maxz ? atoi (maxz) : 18;
  return g_steal_pointer (&self);
}

void
pk_mbtiles_close (PkMbtiles *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->get_tile, sqlite3_finalize);
  if (self->db)
    sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->name);
  g_free (self->attribution);
  g_free (self);
}

/* XYZ in, TMS rows in the file (row 0 at the south). NULL without error: no such tile. */
GBytes *
pk_mbtiles_get_tile (PkMbtiles  *self,
                     int         x,
                     int         y,
                     int         zoom,
                     GError    **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GBytes *bytes = NULL;
  int rc;

  sqlite3_reset (self->get_tile);
  sqlite3_bind_int (self->get_tile, 1, zoom);
  sqlite3_bind_int (self->get_tile, 2, x);
  sqlite3_bind_int (self->get_tile, 3, (1 << zoom) - 1 - y);
  rc = sqlite3_step (self->get_tile);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->get_tile, 0),
                         sqlite3_column_bytes (self->get_tile, 0));
  else if (rc != SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
  sqlite3_reset (self->get_tile);
  return bytes;
}

const char *
pk_mbtiles_get_name (PkMbtiles *self)
{
  return self->name;
}

const char *
pk_mbtiles_get_attribution (PkMbtiles *self)
{
  return self->attribution;
}

int
pk_mbtiles_get_min_zoom (PkMbtiles *self)
{
  return self->min_zoom;
}

int
pk_mbtiles_get_max_zoom (PkMbtiles *self)
{
  return self->max_zoom;
}
