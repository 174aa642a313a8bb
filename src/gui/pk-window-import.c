/* pk-window-import.c: imports of offices and city limits, in the background
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-import-dialog.h"
#include "pk-text.h"
#include "pk-window-private.h"

typedef PkImportReport *(*ImportFunc) (PkStore *, const char *, PkImportFlags, GError **);

typedef struct
{
  ImportFunc    import;
  char         *path;
  PkImportFlags flags;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static gpointer
import_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;

  return job->import (store, job->path, job->flags, error);
}

/**
 * pk_window_import_async:
 * @urban_areas: city limits (GeoJSON) instead of offices (CSV or GeoJSON)
 *
 * Imports in a worker thread on a connection of its own, all or nothing
 * (or, with %PK_IMPORT_DRY_RUN, only checks); the window keeps drawing and
 * says what it is doing. The map reloads when it lands.
 */
void
pk_window_import_async (PkWindow            *self,
                        const char          *path,
                        gboolean             urban_areas,
                        PkImportFlags        flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (PK_IS_WINDOW (self) && self->store != NULL);
  job->import = urban_areas ? pk_import_urban_areas : pk_import_offices;
  job->path = g_strdup (path);
  job->flags = flags;
  self->n_writing++;
  if (!(flags & PK_IMPORT_DRY_RUN))
    {
      g_clear_object (&self->import_toast);
      self->import_toast = adw_toast_new (urban_areas ? _("Importing city limits…") : _("Importing offices…"));
      adw_toast_set_timeout (self->import_toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->import_toast));
    }
  pk_store_run_job_async (self->store, self, import_job, job, (GDestroyNotify) import_job_free,
                          (GDestroyNotify) pk_import_report_free, cancellable, callback, user_data);
}

/* Returns: (transfer full): the report, or %NULL with @error set */
PkImportReport *
pk_window_import_finish (PkWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  ImportJob *job = pk_store_job_get_data (result);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (!(job->flags & PK_IMPORT_DRY_RUN) && self->import_toast != NULL)
    {
      adw_toast_dismiss (self->import_toast);
      g_clear_object (&self->import_toast);
    }
  /* what was written the store has told already ("changed"): the map
   * takes it from there */
  self->n_writing--;
  return pk_store_run_job_finish (result, error);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkImportReport) report = pk_window_import_finish (self, result, &error);
  g_autofree char *message = NULL;
  g_autofree char *localized = NULL;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pk_window_show_error (self, _("Import Failed"), error->message);
      return;
    }
  message = g_strdup_printf (_("Imported %u of %u rows"), report->n_imported, report->n_rows);
  localized = pk_text_localize_digits (message);
  _pk_window_toast (self, localized);
}

static void
on_import_confirmed_cb (PkImportDialog *dialog,
                        const char     *response,
                        PkWindow       *self)
{
  if (!g_str_equal (response, "import") && !g_str_equal (response, "skip"))
    return;
  pk_window_import_async (self, pk_import_dialog_get_path (dialog), pk_import_dialog_get_urban_areas (dialog),
                          g_str_equal (response, "skip") ? PK_IMPORT_SKIP_INVALID : 0,
                          self->cancellable, on_imported, NULL);
}

/* The dry run's report: every refused row, and the choices it leaves. */
static void
on_previewed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  ImportJob *job = pk_store_job_get_data (result);
  gboolean urban_areas = job->import == pk_import_urban_areas;
  g_autofree char *path = g_strdup (job->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkImportReport) report = pk_window_import_finish (self, result, &error);
  PkImportDialog *dialog;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pk_window_show_error (self, _("Cannot Import"), error->message);
      return;
    }
  dialog = pk_import_dialog_new (GTK_WINDOW (self), path, urban_areas, report);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pk_window_preview_import:
 *
 * What Import does after the file is chosen: validates the whole file first
 * (a dry run, in the background) and shows every refused row in a
 * #PkImportDialog; nothing is written until the user confirms.
 */
void
pk_window_preview_import (PkWindow   *self,
                          const char *path,
                          gboolean    urban_areas)
{
  g_return_if_fail (PK_IS_WINDOW (self) && self->store != NULL);
  pk_window_import_async (self, path, urban_areas, PK_IMPORT_DRY_RUN, self->cancellable, on_previewed, NULL);
}

static void
on_import_file_cb (PkWindow             *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    pk_window_preview_import (self, path, g_object_get_data (G_OBJECT (chooser), "pk-import") ==
                                          (gpointer) pk_import_urban_areas);
  g_object_unref (chooser);
}

void
_pk_window_import_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  gboolean urban = g_str_equal (action_name, "win.import-urban-areas");
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (urban ? _("Import City Limits") : _("Import Offices"),
                                 GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;
  gtk_file_filter_set_name (filter, urban ? _("GeoJSON files") : _("CSV or GeoJSON files"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  if (!urban)
    gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "pk-import",
                     urban ? (gpointer) pk_import_urban_areas : (gpointer) pk_import_offices);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_file_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
