/* pk-case-attach.c
 *
 * The app and the CLI attached documents each their own way: photos were
 * told from PDFs by the file's ending (".JPG" and ".Jpeg" slipped through)
 * and the combined file was named differently by each. Here it is done once:
 * what a file is comes from its first bytes, photos are combined into one
 * PDF in the order given, the result is checked (DOC-1 … DOC-5) and kept
 * with its check in the workspace.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pk-case-attach.h"

/* A JPEG or PNG by its first bytes, whatever its name says. */
static gboolean
is_photo (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 head[8] = { 0 };
  gsize n = 0;

  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL))
    return FALSE;
  return (n >= 3 && memcmp (head, "\xFF\xD8\xFF", 3) == 0) ||
         (n >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0);
}

/* "scan.pdf" as it came, or "page-1 (3 photos).pdf" for photos combined. */
static char *
stored_name (const char * const *paths,
             gboolean            combined)
{
  g_autofree char *base = g_path_get_basename (paths[0]);
  char *dot;

  if (!combined)
    return g_steal_pointer (&base);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s (%u %s).pdf", base, g_strv_length ((char **) paths),
                          g_strv_length ((char **) paths) == 1 ? "photo" : "photos");
}

/**
 * pk_case_attach_document:
 * @person_id: 0 for a document of the case itself
 * @paths: one PDF, or JPEG/PNG photos of the original sheets in page order
 *
 * Returns: (transfer full): the check of what was stored, or %NULL with
 *   @error when nothing was stored (unreadable file, a PDF among photos,
 *   a photo too large, no such person…)
 */
PkDocReport *
pk_case_attach_document (PkStore            *store,
                         gint64              case_id,
                         const char         *kind,
                         gint64              person_id,
                         const char * const *paths,
                         GError            **error)
{
  g_autoptr(PkDocReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *name = NULL;
  const char *file;
  gboolean photos;
  char *data;
  gsize len;

  g_return_val_if_fail (PK_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);
  photos = paths[1] != NULL || is_photo (paths[0]);
  file = paths[0];
  if (photos)
    {
      if ((dir = g_dir_make_tmp ("pk-attach-XXXXXX", error)) == NULL)
        return NULL;
      combined = g_build_filename (dir, "photos.pdf", NULL);
      if (!pk_doc_combine_images (paths, combined, error))
        goto out;
      file = combined;
    }
  if ((report = pk_doc_check (file, kind, NULL, error)) == NULL ||
      !g_file_get_contents (file, &data, &len, error))
    {
      g_clear_pointer (&report, pk_doc_report_free);
      goto out;
    }
  bytes = g_bytes_new_take (data, len);
  name = stored_name (paths, photos);
  if (pk_store_add_case_document (store, case_id, kind, person_id, name, bytes, report, error) == 0)
    g_clear_pointer (&report, pk_doc_report_free);

out:
  if (combined != NULL)
    g_unlink (combined);
  if (dir != NULL)
    g_rmdir (dir);
  return g_steal_pointer (&report);
}

typedef struct
{
  gint64  case_id;
  char   *kind;
  gint64  person_id;
  GStrv   paths;
} AttachJob;

static void
attach_job_free (AttachJob *job)
{
  g_free (job->kind);
  g_strfreev (job->paths);
  g_free (job);
}

static gpointer
attach_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AttachJob *job = data;

  return pk_case_attach_document (store, job->case_id, job->kind, job->person_id,
                                  (const char * const *) job->paths, error);
}

/**
 * pk_case_attach_document_async:
 *
 * pk_case_attach_document() in a worker thread, on a connection of its own:
 * a 20-page scan takes a noticeable moment to check. A task cancelled before
 * its thread starts attaches nothing; once the check runs, it finishes.
 */
void
pk_case_attach_document_async (PkStore             *store,
                               gint64               case_id,
                               const char          *kind,
                               gint64               person_id,
                               const char * const  *paths,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  AttachJob *job = g_new0 (AttachJob, 1);

  job->case_id = case_id;
  job->kind = g_strdup (kind);
  job->person_id = person_id;
  job->paths = g_strdupv ((char **) paths);
  pk_store_run_job_async (store, store, attach_job, job, (GDestroyNotify) attach_job_free,
                          (GDestroyNotify) pk_doc_report_free, cancellable, callback, user_data);
}

PkDocReport *
pk_case_attach_document_finish (PkStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return pk_store_run_job_finish (result, error);
}
