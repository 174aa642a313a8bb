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
  GPtrArray *undo;       /* Command, newest last */
  GPtrArray *redo;       /* Command, the next to redo last */
};

G_DEFINE_FINAL_TYPE (PkEditHistory, pk_edit_history, G_TYPE_OBJECT)
G_DEFINE_QUARK (pk-edit-history-error-quark, pk_edit_history_error)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
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
current (PkEditHistory  *self,
         Target          target,
         const char     *uuid,
         GError        **error)
{
  g_autoptr(GError) local = NULL;
  gpointer r = target == TARGET_OFFICE ? (gpointer) pk_store_get_office_by_uuid (self->store, uuid, &local)
                                       : (gpointer) pk_store_get_zone_by_uuid (self->store, uuid, &local);

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
transition (PkEditHistory  *self,
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
      now = current (self, target, uuid, &local);
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

  if (to == NULL)
    {
      if (target == TARGET_OFFICE)
        *ok = pk_store_delete_office (self->store, ((PkOffice *) now)->id, error);
      else
        *ok = pk_store_delete_zone (self->store, ((PkZone *) now)->id, error);
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
          *ok = pk_store_update_office (self->store, write, error);
          id = write->id;
        }
      else
        *ok = (id = pk_store_add_office (self->store, write, error)) > 0;
      out = *ok ? pk_store_get_office (self->store, id, error) : NULL;
    }
  else
    {
      g_autoptr(PkZone) write = pk_zone_copy (to);

      if (now != NULL)
        {
          write->id = ((PkZone *) now)->id;
          *ok = pk_store_update_zone (self->store, write, error);
          id = write->id;
        }
      else
        {
          write->id = 0;
          *ok = (id = pk_store_add_zone (self->store, write, error)) > 0;
        }
      out = *ok ? pk_store_get_zone (self->store, id, error) : NULL;
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

static gint64
edit (PkEditHistory  *self,
      Target          target,
      gpointer        before,          /* owned */
      gpointer        after,           /* owned */
      GError        **error)
{
  Command *c;
  gpointer stored;
  gboolean ok;

  if (before != NULL)
    {
      /* what the caller saw may be older than the file (an editor left open
       * while the list reloaded): a new edit applies to the record as
       * stored, and undo returns it to exactly that */
      stored = target == TARGET_OFFICE ? (gpointer) pk_store_get_office (self->store, id_of (target, before), error)
                                       : (gpointer) pk_store_get_zone (self->store, id_of (target, before), error);
      free_record (target, before);
      if ((before = stored) == NULL)
        {
          free_record (target, after);
          return 0;
        }
    }
  if (after != NULL)
    {
      /* the record keeps its UUID; a new one gets its own now, so that undo
       * and redo can find it again */
      PkRecord *r = record_of_mut (target, after);

      g_free (r->uuid);
      r->uuid = before != NULL ? g_strdup (record_of (target, before)->uuid) : pk_uuid_new ();
    }
  stored = transition (self, target, before, after, &ok, error);
  free_record (target, after);
  if (!ok)
    {
      free_record (target, before);
      return 0;
    }
  c = g_new0 (Command, 1);
  c->target = target;
  c->kind = before == NULL ? EDIT_ADD : stored == NULL ? EDIT_REMOVE : EDIT_UPDATE;
  c->before = before;
  c->after = stored;
  g_ptr_array_add (self->undo, c);
  g_ptr_array_set_size (self->redo, 0);        /* a new edit ends the redo branch */
  notify_can (self);
  return id_of (target, stored ? stored : before);
}

/**
 * pk_edit_history_edit_office:
 * @before: (nullable): the office as it was (%NULL to add one)
 * @after: (nullable): the office as it should be (%NULL to remove it)
 *
 * Applies the edit through the store and keeps it for undo.
 *
 * Returns: the office's id (0 with @error set when refused)
 */
gint64
pk_edit_history_edit_office (PkEditHistory   *self,
                             const PkOffice  *before,
                             const PkOffice  *after,
                             GError         **error)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), 0);
  g_return_val_if_fail (before != NULL || after != NULL, 0);
  return edit (self, TARGET_OFFICE, before ? pk_office_copy (before) : NULL,
               after ? pk_office_copy (after) : NULL, error);
}

/* As pk_edit_history_edit_office(), for an approved zone. */
gint64
pk_edit_history_edit_zone (PkEditHistory  *self,
                           const PkZone   *before,
                           const PkZone   *after,
                           GError        **error)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), 0);
  g_return_val_if_fail (before != NULL || after != NULL, 0);
  return edit (self, TARGET_ZONE, before ? pk_zone_copy (before) : NULL,
               after ? pk_zone_copy (after) : NULL, error);
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

/* Runs the newest command of @from backwards (undo) or forwards (redo) and
 * moves it to @to; the record's revision after the step is kept, so the
 * next step checks against it. */
static gboolean
step (PkEditHistory  *self,
      GPtrArray      *from,
      GPtrArray      *to,
      gboolean        backwards,
      GError        **error)
{
  Command *c;
  gpointer *was, *will;
  gpointer stored;
  gboolean ok;

  if (from->len == 0)
    {
      g_set_error_literal (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_NOTHING,
                           backwards ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }
  c = g_ptr_array_index (from, from->len - 1);
  was = backwards ? &c->after : &c->before;
  will = backwards ? &c->before : &c->after;
  stored = transition (self, c->target, *was, *will, &ok, error);
  if (!ok)
    return FALSE;
  if (stored != NULL)
    {
      free_record (c->target, *will);
      *will = stored;
    }
  else if (*will != NULL)
    set_id (c->target, *will, 0);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  sync_neighbour (from, backwards, c->target, record_of (c->target, *was ? *was : *will)->uuid, stored);
  notify_can (self);
  return TRUE;
}

gboolean
pk_edit_history_undo (PkEditHistory  *self,
                      GError        **error)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), FALSE);
  return step (self, self->undo, self->redo, TRUE, error);
}

gboolean
pk_edit_history_redo (PkEditHistory  *self,
                      GError        **error)
{
  g_return_val_if_fail (PK_IS_EDIT_HISTORY (self), FALSE);
  return step (self, self->redo, self->undo, FALSE, error);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pk_edit_history_init (PkEditHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
}
