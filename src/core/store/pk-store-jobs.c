/* pk-store-jobs.c: work on a workspace in a worker thread, on a connection of its own
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include "pk-store-internal.h"

typedef struct
{
  PkStore        *store;       /* the caller's: only its path and user are read */
  PkStoreJobFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->store);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(PkStore) store = NULL;
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((store = pk_store_open_another (job->store, &error)) == NULL ||
      (result = job->func (store, job->data, cancellable, &error)) == NULL)
    {
      if (error == NULL)             /* a job that failed without saying why */
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The work could not be done");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, job->result_free);
}

/**
 * pk_store_run_job_async:
 * @source_object: (nullable): what the callback is told the result comes from
 * @func: the work: runs in a worker thread with a connection of its own
 *   (pk_store_open_another()), returns a result or %NULL with an error
 * @data: (transfer full): handed to @func, freed with @data_free
 * @result_free: frees a result nobody took
 *
 * Long work on a workspace, off the caller's thread: reading everything a
 * window shows, checking and attaching a document, an import. A job
 * cancelled before its thread starts does nothing.
 */
void
pk_store_run_job_async (PkStore             *self,
                        gpointer             source_object,
                        PkStoreJobFunc       func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (PK_IS_STORE (self));
  job->store = g_object_ref (self);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_source_tag (task, pk_store_run_job_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Returns: (transfer full): what the job's function returned, or %NULL with @error set */
gpointer
pk_store_run_job_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The @data a job was started with. */
gpointer
pk_store_job_get_data (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return ((Job *) g_task_get_task_data (G_TASK (result)))->data;
}
