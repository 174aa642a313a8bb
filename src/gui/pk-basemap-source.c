/* pk-basemap-source.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-basemap-source"

#include "config.h"

#include "pk-basemap-source.h"

struct _PkBasemapSource
{
  ShumateDataSource  parent_instance;

  PkBasemap         *basemap;      /* owned, immutable: safe in worker threads */
  PkMbtiles         *mbtiles;      /* owned, locks internally */
  guint              n_served;     /* tiles handed to the renderer (tests wait on it) */
};

G_DEFINE_FINAL_TYPE (PkBasemapSource, pk_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x, y, zoom;
} TileRequest;

static void
render_tile_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PkBasemapSource *self = source_object;
  TileRequest *req = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (self->mbtiles != NULL)
    {
      bytes = pk_mbtiles_get_tile (self->mbtiles, req->x, req->y, req->zoom, &error);
      if (bytes == NULL && error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No tile %d/%d/%d",
                             req->zoom, req->x, req->y);
    }
  else
    bytes = pk_basemap_render_tile (self->basemap, req->x, req->y, req->zoom, 256, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_tile_rendered (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PkBasemapSource *self = PK_BASEMAP_SOURCE (object);
  g_autoptr(GTask) outer = user_data;
  TileRequest *req = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  /* libshumate 1.0.3 builds the texture from this signal only; the bytes
   * returned by _finish merely mark the tile as done (platform notes). */
  g_signal_emit_by_name (self, "received-data", req->x, req->y, req->zoom, bytes);
  self->n_served++;
  g_task_return_pointer (outer, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
pk_basemap_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PkBasemapSource *self = PK_BASEMAP_SOURCE (source);
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  TileRequest *req = g_new (TileRequest, 1);

  req->x = x;
  req->y = y;
  req->zoom = zoom_level;
  g_task_set_source_tag (outer, pk_basemap_source_get_tile_data_async);
  g_task_set_task_data (outer, req, g_free);

  /* Rendering runs in a worker; the signal must then come from the main thread. */
  inner = g_task_new (self, cancellable, on_tile_rendered, outer);
  g_task_set_task_data (inner, g_memdup2 (req, sizeof *req), g_free);
  g_task_run_in_thread (inner, render_tile_thread);
}

static GBytes *
pk_basemap_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pk_basemap_source_finalize (GObject *object)
{
  PkBasemapSource *self = PK_BASEMAP_SOURCE (object);

  g_clear_pointer (&self->basemap, pk_basemap_unref);
  g_clear_pointer (&self->mbtiles, pk_mbtiles_close);
  G_OBJECT_CLASS (pk_basemap_source_parent_class)->finalize (object);
}

static void
pk_basemap_source_class_init (PkBasemapSourceClass *klass)
{
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pk_basemap_source_finalize;
  source_class->get_tile_data_async = pk_basemap_source_get_tile_data_async;
  source_class->get_tile_data_finish = pk_basemap_source_get_tile_data_finish;
}

static void
pk_basemap_source_init (PkBasemapSource *self)
{
}

PkBasemapSource *
pk_basemap_source_new_for_basemap (PkBasemap *basemap)
{
  PkBasemapSource *self;

  g_return_val_if_fail (basemap != NULL, NULL);
  self = g_object_new (PK_TYPE_BASEMAP_SOURCE, NULL);
  self->basemap = pk_basemap_ref (basemap);
  return self;
}

/* Takes ownership of @mbtiles. */
PkBasemapSource *
pk_basemap_source_new_for_mbtiles (PkMbtiles *mbtiles)
{
  PkBasemapSource *self;

  g_return_val_if_fail (mbtiles != NULL, NULL);
  self = g_object_new (PK_TYPE_BASEMAP_SOURCE, NULL);
  self->mbtiles = mbtiles;
  return self;
}

guint
pk_basemap_source_get_n_served (PkBasemapSource *self)
{
  g_return_val_if_fail (PK_IS_BASEMAP_SOURCE (self), 0);
  return self->n_served;
}
