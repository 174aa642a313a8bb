/* pk-store-jobs.c: work on a workspace in a worker thread, on a connection of its own
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include "pk-store-backend.h"
#include "pk-store-internal.h"

/* More records than this written by one job are told as one change of the
 * whole workspace: 25,000 signals would cost the caller's thread a frame. */
#define MAX_RELAYED 256

typedef struct
{
  const char *entity;          /* interned */
  gint64      id;
} JobChange;

typedef struct
{
  PkStore            *store;   /* the caller's: only its path and user are read */
  PkStoreJobFunc      func;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
  GAsyncReadyCallback callback;
  gpointer            user_data;
  GArray             *changes; /* JobChange: what the worker's connection committed */
  guint               n_changes;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->store);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_array_unref (job->changes);
  g_free (job);
}

/* In the worker: what its connection committed, kept to be told on the
 * caller's thread. */
static void
on_worker_changed (PkStore    *worker,
                   const char *entity,
                   gint64      id,
                   Job        *job)
{
  JobChange c = { entity, id };

  if (job->changes->len < MAX_RELAYED)
    g_array_append_val (job->changes, c);
  job->n_changes++;
}

/* On the caller's thread, before the caller hears the job is done: the
 * caller's store says what the worker wrote ("changed"), and does not take
 * those commits later for another program's (pk_store_changed_elsewhere()). */
static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      unused)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (job->n_changes > 0)
    {
      pk_store_changed_elsewhere (job->store);
      if (job->n_changes > MAX_RELAYED)
        _pk_store_emit_change (job->store, "workspace", 0);
      else
        for (guint i = 0; i < job->changes->len; i++)
          {
            JobChange *c = &g_array_index (job->changes, JobChange, i);

            _pk_store_emit_change (job->store, c->entity, c->id);
          }
    }
  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
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
  if ((store = pk_store_open_another (job->store, &error)) != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (on_worker_changed), job);
  if (store == NULL || (result = job->func (store, job->data, cancellable, &error)) == NULL)
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
 * cancelled before its thread starts does nothing. What the job's connection
 * committed, @self tells by "changed" on the caller's thread just before
 * @callback runs (a job that wrote thousands of records: one "workspace"
 * change), and does not count as another program's change.
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
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, job_done, NULL);
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (PK_IS_STORE (self));
  job->store = g_object_ref (self);
  job->callback = callback;
  job->user_data = user_data;
  job->changes = g_array_new (FALSE, FALSE, sizeof (JobChange));
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
