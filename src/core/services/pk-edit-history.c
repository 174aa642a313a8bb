/* pk-edit-history.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-edit-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-edit-history.h"

/**
 * PkEditHistory:
 *
 * The edits of one session on one workspace, as typed commands that can be
 * undone and redone: adding, changing and removing an office or an approved
 * zone. A command names its record by UUID, so a record that comes back
 * after an undone removal (under a new rowid) is still the one later
 * commands mean. Every write goes through the store, so each undo and redo
 * is in the audit log too.
 *
 * An undo or redo is refused, and nothing is written, when the record has
 * changed since the command (its revision moved on): another window, the
 * CLI or a merge changed it, and undoing would silently overwrite that.
 *
 * The writes run in a worker, one at a time, in the order they were asked:
 * on a server each is a few round trips, and the window must not wait for
 * them. The stacks change on the main thread only, when a write is done, so
 * an undo asked while an edit is still being written undoes that edit.
 */

typedef enum
{
  EDIT_ADD,
  EDIT_UPDATE,
  EDIT_REMOVE,
} EditKind;

typedef enum
{
  TARGET_OFFICE,
  TARGET_ZONE,
} Target;

/* A record's state as a command saw it: NULL when it does not exist. */
typedef struct
{
  EditKind  kind;
  Target    target;
  gpointer  before;      /* PkOffice or PkZone as it was, with its record */
  gpointer  after;       /* … as the command left it (as stored, with its revision) */
} Command;

struct _PkEditHistory
{
  GObject    parent_instance;

  PkStore   *store;
  GPtrArray *undo;       /* Command, newest last; changed on the main thread only */
  GPtrArray *redo;       /* Command, the next to redo last */
  GQueue     pending;    /* GTask: edits, undos and redos waiting their turn */
  GTask     *running;    /* the one whose writes a worker is doing */
};

G_DEFINE_FINAL_TYPE (PkEditHistory, pk_edit_history, G_TYPE_OBJECT)
G_DEFINE_QUARK (pk-edit-history-error-quark, pk_edit_history_error)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
free_record (Target   target,
             gpointer record)
{
  if (record == NULL)
    return;
  if (target == TARGET_OFFICE)
    pk_office_free (record);
  else
    pk_zone_free (record);
}

static void
command_free (Command *c)
{
  free_record (c->target, c->before);
  free_record (c->target, c->after);
  g_free (c);
}

static const PkRecord *
record_of (Target        target,
           gconstpointer r)
{
  return target == TARGET_OFFICE ? &((const PkOffice *) r)->record : &((const PkZone *) r)->record;
}

static PkRecord *
record_of_mut (Target   target,
               gpointer r)
{
  return target == TARGET_OFFICE ? &((PkOffice *) r)->record : &((PkZone *) r)->record;
}

static void
set_id (Target   target,
        gpointer r,
        gint64   id)
{
  if (target == TARGET_OFFICE)
    ((PkOffice *) r)->id = id;
  else
    ((PkZone *) r)->id = id;
}

/* The record as it is stored now, found by UUID; NULL (no error) when it is gone. */
static gpointer
current (PkStore        *store,
         Target          target,
         const char     *uuid,
         GError        **error)
{
  g_autoptr(GError) local = NULL;
  gpointer r = target == TARGET_OFFICE ? (gpointer) pk_store_get_office_by_uuid (store, uuid, &local)
                                       : (gpointer) pk_store_get_zone_by_uuid (store, uuid, &local);

  if (r == NULL && !g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local));
  return r;
}

/*
 * Moves @uuid's record from @from to @to (either may be NULL: absent),
 * provided that it is now as @from says: present at @from's revision, or
 * absent. Returns the record as stored afterwards (NULL when @to is NULL),
 * or sets @error; @ok tells the two NULLs apart.
 */
static gpointer
transition (PkStore        *store,
            Target          target,
            gconstpointer   from,
            gconstpointer   to,
            gboolean       *ok,
            GError        **error)
{
  const char *uuid = record_of (target, from ? from : to)->uuid;
  gpointer now = NULL;
  gpointer out = NULL;
  gint64 id = 0;
  GError *local = NULL;

  *ok = FALSE;
  if (uuid != NULL)
    {
      now = current (store, target, uuid, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }
  if ((from == NULL) != (now == NULL) ||
      (from != NULL && record_of (target, now)->revision != record_of (target, from)->revision))
    {
      const PkRecord *r = now ? record_of (target, now) : NULL;

      if (r != NULL && r->updated_by != NULL)
        g_set_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CHANGED_ELSEWHERE,
                     _("%s changed this record since; undoing now would overwrite their change."),
                     r->updated_by);
      else
        g_set_error_literal (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CHANGED_ELSEWHERE,
                             _("This record was changed or removed elsewhere since; the edit cannot be "
                               "undone or redone."));
      free_record (target, now);
      return NULL;
    }

  if (target == TARGET_OFFICE && to != NULL)
    {
      /* the database refuses a second office with a code too; this says it in words */
      const char *code = ((const PkOffice *) to)->code;
      gint64 owner = code ? pk_store_office_code_owner (store, code) : 0;

      if (owner > 0 && (now == NULL || owner != ((PkOffice *) now)->id))
        {
          g_set_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CODE_TAKEN,
                       _("code “%s” is already in the workspace"), code);
          free_record (target, now);
          return NULL;
        }
    }

  if (to == NULL)
    {
      if (target == TARGET_OFFICE)
        *ok = pk_store_delete_office (store, ((PkOffice *) now)->id, error);
      else
        *ok = pk_store_delete_zone (store, ((PkZone *) now)->id, error);
      free_record (target, now);
      return NULL;
    }

  if (target == TARGET_OFFICE)
    {
      g_autoptr(PkOffice) write = pk_office_copy (to);

      if (now != NULL)
        {
          write->id = ((PkOffice *) now)->id;
          /* written over the revision just compared: refused if it moves on meanwhile */
          write->record.revision = ((PkOffice *) now)->record.revision;
          *ok = pk_store_update_office (store, write, error);
          id = write->id;
        }
      else
        *ok = (id = pk_store_add_office (store, write, error)) > 0;
      out = *ok ? pk_store_get_office (store, id, error) : NULL;
    }
  else
    {
      g_autoptr(PkZone) write = pk_zone_copy (to);

      if (now != NULL)
        {
          write->id = ((PkZone *) now)->id;
          *ok = pk_store_update_zone (store, write, error);
          id = write->id;
        }
      else
        {
          write->id = 0;
          *ok = (id = pk_store_add_zone (store, write, error)) > 0;
        }
      out = *ok ? pk_store_get_zone (store, id, error) : NULL;
    }
  free_record (target, now);
  *ok = *ok && out != NULL;
  return out;
}

static void
notify_can (PkEditHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gint64
id_of (Target        target,
       gconstpointer r)
{
  return target == TARGET_OFFICE ? ((const PkOffice *) r)->id : ((const PkZone *) r)->id;
}

static gpointer
copy_record (Target        target,
             gconstpointer r)
{
  if (r == NULL)
    return NULL;
  return target == TARGET_OFFICE ? (gpointer) pk_office_copy (r) : (gpointer) pk_zone_copy (r);
}

/* ---- one job: what the main thread asked, and what the worker found ---- */

typedef enum
{
  JOB_EDIT,
  JOB_MOVE,
  JOB_UNDO,
  JOB_REDO,
} JobKind;

typedef struct
{
  JobKind      kind;
  Target       target;
  PkEditFlags  flags;
  gpointer     before;     /* EDIT: as the caller saw it; after the worker, as it was stored */
  gpointer     after;      /* EDIT: as it should be */
  gint64       id;         /* MOVE: the office, to where, and its county there */
  double       lat, lon;
  gint64       county_id;
  Command     *command;    /* UNDO, REDO: the stack's command stepped (not for the worker) */
  gpointer     was, will;  /* UNDO, REDO: copies of its sides, for the worker */
  gpointer     stored;     /* out: as stored afterwards (NULL: removed) */
  gpointer     current;    /* out, on a conflict: the record as stored now (NULL: removed) */
} Job;

static void
job_free (Job *j)
{
  free_record (j->target, j->before);
  free_record (j->target, j->after);
  free_record (j->target, j->was);
  free_record (j->target, j->will);
  free_record (j->target, j->stored);
  free_record (j->target, j->current);
  g_free (j);
}

/* Worker: an edit (or a move) applied to the record as stored. */
static gboolean
run_edit (PkStore        *store,
          Job            *j,
          GError        **error)
{
  gboolean ok;

  if (j->kind == JOB_MOVE || j->before != NULL)
    {
      GError *local = NULL;
      gint64 id = j->kind == JOB_MOVE ? j->id : id_of (j->target, j->before);
      gpointer stored = j->target == TARGET_OFFICE ? (gpointer) pk_store_get_office (store, id, &local)
                                                   : (gpointer) pk_store_get_zone (store, id, &local);

      if (stored == NULL && (j->flags & PK_EDIT_FLAGS_CHECK_REVISION) &&
          g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&local);
          g_set_error_literal (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CONFLICT,
                               _("This record was removed elsewhere since it was opened here."));
          return FALSE;
        }
      if (stored == NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if ((j->flags & PK_EDIT_FLAGS_CHECK_REVISION) &&
          record_of (j->target, stored)->revision != record_of (j->target, j->before)->revision)
        {
          const PkRecord *r = record_of (j->target, stored);

          if (r->updated_by != NULL)
            g_set_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CONFLICT,
                         _("%s changed this record since it was opened here."), r->updated_by);
          else
            g_set_error_literal (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CONFLICT,
                                 _("This record was changed elsewhere since it was opened here."));
          j->current = stored;
          return FALSE;
        }
      /* without the check, the edit applies to the record as stored, and
       * undo returns it to exactly that */
      free_record (j->target, j->before);
      j->before = stored;
    }
  if (j->kind == JOB_MOVE)
    {
      PkOffice *o = pk_office_copy (j->before);

      o->lat = j->lat;
      o->lon = j->lon;
      o->county_id = j->county_id;
      j->after = o;
    }
  if (j->after != NULL)
    {
      /* the record keeps its UUID; a new one gets its own now, so that undo
       * and redo can find it again */
      PkRecord *r = record_of_mut (j->target, j->after);

      g_free (r->uuid);
      r->uuid = j->before != NULL ? g_strdup (record_of (j->target, j->before)->uuid) : pk_uuid_new ();
    }
  j->stored = transition (store, j->target, j->before, j->after, &ok, error);
  return ok;
}

/* Worker, on a connection of its own (pk_store_run_job_async()): a store is
 * used from one thread at a time. */
static gpointer
job_run (PkStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *j = data;
  gboolean ok;

  if (j->kind == JOB_UNDO || j->kind == JOB_REDO)
    j->stored = transition (store, j->target, j->was, j->will, &ok, error);
  else
    ok = run_edit (store, j, error);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

/* After a step left @uuid's record at @now (NULL: absent), the next command
 * of @stack that touches the record expects it there: its @after side when
 * @stack is the undo stack, its @before side for the redo stack. Content
 * matches by construction; the revision has moved on. */
static void
sync_neighbour (GPtrArray      *stack,
                gboolean        after_side,
                Target          target,
                const char     *uuid,
                gconstpointer   now)
{
  for (guint i = stack->len; i > 0; i--)
    {
      Command *c = g_ptr_array_index (stack, i - 1);
      gpointer side = after_side ? c->after : c->before;
      gpointer other = after_side ? c->before : c->after;
      const char *its = record_of (target, side ? side : other)->uuid;

      if (c->target != target || g_strcmp0 (its, uuid) != 0)
        continue;
      if (side != NULL && now != NULL)
        {
          PkRecord *r = record_of_mut (target, side);

          pk_record_clear (r);
          pk_record_copy_into (r, record_of (target, now));
        }
      return;
    }
}

/* Main thread, before the worker: an undo or redo takes the newest command
 * of its stack when its turn comes, not when it was asked. */
static gboolean
prepare (PkEditHistory  *self,
         Job            *j,
         GError        **error)
{
  gboolean backwards = j->kind == JOB_UNDO;
  GPtrArray *from = backwards ? self->undo : self->redo;

  if (j->kind != JOB_UNDO && j->kind != JOB_REDO)
    return TRUE;
  if (from->len == 0)
    {
      g_set_error_literal (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_NOTHING,
                           backwards ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }
  j->command = g_ptr_array_index (from, from->len - 1);
  j->target = j->command->target;
  j->was = copy_record (j->target, backwards ? j->command->after : j->command->before);
  j->will = copy_record (j->target, backwards ? j->command->before : j->command->after);
  return TRUE;
}

/* Main thread, after the worker wrote: the stacks follow. Returns the id of
 * the record the job touched. */
static gint64
commit (PkEditHistory *self,
        Job           *j)
{
  Command *c;
  gint64 id;

  if (j->kind == JOB_EDIT || j->kind == JOB_MOVE)
    {
      c = g_new0 (Command, 1);
      c->target = j->target;
      c->kind = j->before == NULL ? EDIT_ADD : j->stored == NULL ? EDIT_REMOVE : EDIT_UPDATE;
      c->before = g_steal_pointer (&j->before);
      c->after = g_steal_pointer (&j->stored);
      id = id_of (c->target, c->after ? c->after : c->before);
      g_ptr_array_add (self->undo, c);
      g_ptr_array_set_size (self->redo, 0);        /* a new edit ends the redo branch */
    }
  else
    {
      gboolean backwards = j->kind == JOB_UNDO;
      GPtrArray *from = backwards ? self->undo : self->redo;
      GPtrArray *to = backwards ? self->redo : self->undo;
      gpointer *was, *will;

      c = j->command;
      /* only a commit changes the stacks, and one job runs at a time */
      g_assert (from->len > 0 && g_ptr_array_index (from, from->len - 1) == c);
      was = backwards ? &c->after : &c->before;
      will = backwards ? &c->before : &c->after;
      if (j->stored != NULL)
        {
          free_record (c->target, *will);
          *will = g_steal_pointer (&j->stored);
        }
      else if (*will != NULL)
        set_id (c->target, *will, 0);
      id = *will ? id_of (c->target, *will) : id_of (c->target, *was);
      g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
      sync_neighbour (from, backwards, c->target, record_of (c->target, *was ? *was : *will)->uuid, *will);
    }
  notify_can (self);
  return id;
}

static void start_next (PkEditHistory *self);

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PkEditHistory *self = PK_EDIT_HISTORY (source);
  GTask *task = user_data;              /* the caller's, owned */
  Job *j = g_task_get_task_data (task);
  GError *error = NULL;

  g_assert (self->running == task);
  self->running = NULL;
  /* the store has told its "changed" for what the worker wrote by now */
  if (pk_store_run_job_finish (result, &error) != NULL)
    g_task_return_int (task, commit (self, j));
  else
    g_task_return_error (task, error);
  g_object_unref (task);
  start_next (self);
}

static void
start_next (PkEditHistory *self)
{
  gboolean was_busy = pk_edit_history_get_busy (self);

  while (self->running == NULL && !g_queue_is_empty (&self->pending))
    {
      GTask *task = g_queue_pop_head (&self->pending);
      GError *error = NULL;

      if (g_task_return_error_if_cancelled (task) ||
          (!prepare (self, g_task_get_task_data (task), &error) && (g_task_return_error (task, error), TRUE)))
        {
          g_object_unref (task);
          continue;
        }
      self->running = task;
      /* once begun, a write is finished: a cancellable only drops waiting jobs */
      pk_store_run_job_async (self->store, self, job_run, g_task_get_task_data (task), NULL, NULL, NULL,
                              on_job_done_cb, task);
    }
  if (was_busy != pk_edit_history_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
enqueue (PkEditHistory       *self,
         Job                 *job,
         gpointer             tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gboolean was_busy = pk_edit_history_get_busy (self);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_queue_push_tail (&self->pending, task);
  if (self->running == NULL)
    start_next (self);
  else if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
edit_async (PkEditHistory       *self,
            Target               target,
            gpointer             before,
            gpointer             after,
            PkEditFlags          flags,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  Job *j = g_new0 (Job, 1);

  j->kind = JOB_EDIT;
  j->target = target;
  j->flags = before != NULL ? flags : PK_EDIT_FLAGS_NONE;
  j->before = before;
  j->after = after;
  enqueue (self, j, edit_async, cancellable, callback, user_data);
}

/**
 * pk_edit_history_edit_office_async:
 * @before: (nullable): the office as it was (%NULL to add one)
 * @after: (nullable): the office as it should be (%NULL to remove it)
 *
 * Applies the edit through the store, in a worker after the edits asked
 * before it, and keeps it for undo. With %PK_EDIT_FLAGS_CHECK_REVISION it
 * is refused when the office changed since @before was read.
 */
void
pk_edit_history_edit_office_async (PkEditHistory       *self,
                                   const PkOffice      *before,
                                   const PkOffice      *after,
                                   PkEditFlags          flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PK_IS_EDIT_HISTORY (self));
  g_return_if_fail (before != NULL || after != NULL);
  edit_async (self, TARGET_OFFICE, before ? pk_office_copy (before) : NULL,
              after ? pk_office_copy (after) : NULL, flags, cancellable, callback, user_data);
}

/**
 * pk_edit_history_move_office_async:
 * @county_id: the county at the new place (0: none)
 *
 * Moves office @id, as it is stored when the worker gets to it, to
 * (@lat, @lon): a drag on the map changes the place and nothing else.
 */
void
pk_edit_history_move_office_async (PkEditHistory       *self,
                                   gint64               id,
                                   double               lat,
                                   double               lon,
                                   gint64               county_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *j;

  g_return_if_fail (PK_IS_EDIT_HISTORY (self));
  g_return_if_fail (id > 0);
  j = g_new0 (Job, 1);
  j->kind = JOB_MOVE;
  j->target = TARGET_OFFICE;
  j->id = id;
  j->lat = lat;
  j->lon = lon;
  j->county_id = county_id;
  enqueue (self, j, edit_async, cancellable, callback, user_data);
}

/* As pk_edit_history_edit_office_async(), for an approved zone. */
void
pk_edit_history_edit_zone_async (PkEditHistory       *self,
                                 const PkZone        *before,
                                 const PkZone        *after,
                                 PkEditFlags          flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PK_IS_EDIT_HISTORY (self));
  g_return_if_fail (before != NULL || after != NULL);
  edit_async (self, TARGET_ZONE, before ? pk_zone_copy (before) : NULL,
              after ? pk_zone_copy (after) : NULL, flags, cancellable, callback, user_data);
}

/**
 * pk_edit_history_edit_finish:
 * @current: (out) (optional) (transfer full): on %PK_EDIT_HISTORY_ERROR_CONFLICT,
 *   the record (a #PkOffice or a #PkZone) as it is stored now, or %NULL when
 *   it was removed
 *
 * Returns: the record's id (0 with @error set when refused; nothing was written)
 */
gint64
pk_edit_history_edit_finish (PkEditHistory  *self,
                             GAsyncResult   *result,
                             gpointer       *current,
                             GError        **error)
{
  Job *j;
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == edit_async, 0);
  j = g_task_get_task_data (G_TASK (result));
  if (current != NULL)
    *current = g_steal_pointer (&j->current);
  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

/* Undoes the newest edit, after the edits, undos and redos asked before. */
void
pk_edit_history_undo_async (PkEditHistory       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *j;

  g_return_if_fail (PK_IS_EDIT_HISTORY (self));
  j = g_new0 (Job, 1);
  j->kind = JOB_UNDO;
  enqueue (self, j, pk_edit_history_undo_async, cancellable, callback, user_data);
}

void
pk_edit_history_redo_async (PkEditHistory       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *j;

  g_return_if_fail (PK_IS_EDIT_HISTORY (self));
  j = g_new0 (Job, 1);
  j->kind = JOB_REDO;
  enqueue (self, j, pk_edit_history_undo_async, cancellable, callback, user_data);     /* one finish for both */
}

/* Finishes an undo or a redo; refused ones wrote nothing and keep their command. */
gboolean
pk_edit_history_step_finish (PkEditHistory  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pk_edit_history_undo_async, FALSE);
  return g_task_propagate_int (G_TASK (result), error) >= 0;
}

/* Whether a write is being done or waits its turn. */
gboolean
pk_edit_history_get_busy (PkEditHistory *self)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), FALSE);
  return self->running != NULL || !g_queue_is_empty (&self->pending);
}

gboolean
pk_edit_history_get_can_undo (PkEditHistory *self)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
pk_edit_history_get_can_redo (PkEditHistory *self)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

/* What the newest edit did, in words for a toast ("Office added"), or NULL. */
const char *
pk_edit_history_get_undo_label (PkEditHistory *self)
{
  Command *c;

  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  c = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (c->target == TARGET_OFFICE)
    return c->kind == EDIT_ADD ? _("Office added") : c->kind == EDIT_REMOVE ? _("Office removed")
                                                                            : _("Office changed");
  return c->kind == EDIT_ADD ? _("Zone added") : c->kind == EDIT_REMOVE ? _("Zone removed")
                                                                        : _("Zone changed");
}

PkEditHistory *
pk_edit_history_new (PkStore *store)
{
  g_return_val_if_fail (PK_IS_STORE (store), NULL);
  return g_object_new (PK_TYPE_EDIT_HISTORY, "store", store, NULL);
}

static void
pk_edit_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PkEditHistory *self = PK_EDIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pk_edit_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pk_edit_history_get_can_redo (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pk_edit_history_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_edit_history_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PkEditHistory *self = PK_EDIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_edit_history_dispose (GObject *object)
{
  PkEditHistory *self = PK_EDIT_HISTORY (object);

  /* a job holds its history: none is left by now */
  g_assert (self->running == NULL && g_queue_is_empty (&self->pending));
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pk_edit_history_parent_class)->dispose (object);
}

static void
pk_edit_history_finalize (GObject *object)
{
  PkEditHistory *self = PK_EDIT_HISTORY (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  G_OBJECT_CLASS (pk_edit_history_parent_class)->finalize (object);
}

static void
pk_edit_history_class_init (PkEditHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pk_edit_history_get_property;
  object_class->set_property = pk_edit_history_set_property;
  object_class->dispose = pk_edit_history_dispose;
  object_class->finalize = pk_edit_history_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* what a window binds its undo and redo actions to */
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* a write is being done or waits: the window is busy while it is */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pk_edit_history_init (PkEditHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  g_queue_init (&self->pending);
}
