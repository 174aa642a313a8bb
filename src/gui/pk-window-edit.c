/* pk-window-edit.c: office and zone edits, undo and redo
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-window-private.h"

/* Takes @history (transfer full, may be NULL); the actions follow its can-undo and can-redo. */
void
_pk_window_set_history (PkWindow      *self,
                        PkEditHistory *history)
{
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  self->history = history;
  if (history != NULL)
    {
      g_signal_connect_swapped (history, "notify::can-undo", G_CALLBACK (_pk_window_update_actions), self);
      g_signal_connect_swapped (history, "notify::can-redo", G_CALLBACK (_pk_window_update_actions), self);
    }
  _pk_window_update_actions (self);
}

static void
show_undo_toast (PkWindow   *self,
                 const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* An edit, an undo or a redo on its way to the store, and whom to tell how it went. */
typedef struct
{
  PkWindow       *window;          /* a reference: the answer finds it */
  PkEditHistory  *history;         /* the one asked (the window may have moved on) */
  PkOfficeEditor *editor;          /* (nullable) weak: told, and closed when done, if still open */
  gboolean        zone;            /* an approved zone's edit, not an office's */
  const char     *fail_title;      /* the error dialog's heading, translated */
  gboolean        added;           /* selected on the map when written */
  gboolean        reload_on_failure;   /* a drag on the map: the office goes back */
  PkZone         *retry_zone;      /* (nullable): the zone dialog comes back with it */
  gboolean        undo;            /* an undo's answer, not a redo's */
} Edit;

static Edit *
edit_new (PkWindow   *self,
          const char *fail_title)
{
  Edit *e = g_new0 (Edit, 1);

  e->window = g_object_ref (self);
  e->history = g_object_ref (self->history);
  e->fail_title = fail_title;
  return e;
}

static void
edit_free (Edit *e)
{
  g_object_unref (e->window);
  g_object_unref (e->history);
  g_clear_weak_pointer (&e->editor);
  g_clear_pointer (&e->retry_zone, pk_zone_free);
  g_free (e);
}

/* Whether the window still shows the workspace the job was asked for: the
 * write is done either way, but a window that moved on is not told. */
static gboolean
edit_is_here (Edit *e)
{
  return e->window->history == e->history && !gtk_widget_in_destruction (GTK_WIDGET (e->window));
}

static void
on_edit_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Edit *e = user_data;
  PkWindow *self = e->window;
  g_autoptr(GError) error = NULL;
  gpointer current = NULL;
  gint64 id = pk_edit_history_edit_finish (PK_EDIT_HISTORY (source), result, &current, &error);
  gboolean here = edit_is_here (e);

  if (id == 0)
    {
      /* an editor closed meanwhile: the window says it instead */
      if (e->editor != NULL && current != NULL)
        pk_office_editor_show_conflict (e->editor, error->message, current);
      else if (e->editor != NULL)
        pk_office_editor_finish_save (e->editor, error->message);
      else if (here)
        {
          _pk_window_show_error (self, e->fail_title, error->message);
          if (e->reload_on_failure)
            pk_window_reload (self);          /* the office goes back where it is stored */
          if (e->retry_zone != NULL)
            {
              /* nothing typed is lost: the dialog comes back with the same values,
               * based on the version now stored when it collided with another's */
              if (current != NULL)
                e->retry_zone->record.revision = ((PkZone *) current)->record.revision;
              _pk_window_open_zone_dialog (self, e->retry_zone);
            }
        }
      if (current != NULL)
        {
          if (e->zone)
            pk_zone_free (current);
          else
            pk_office_free (current);
        }
    }
  else
    {
      if (e->editor != NULL)
        pk_office_editor_finish_save (e->editor, NULL);
      if (here)
        {
          /* the map follows through the store's "changed" (pk-window.c) */
          if (e->added)
            pk_map_view_select_office (self->map_view, id);
          show_undo_toast (self, pk_edit_history_get_undo_label (e->history));
        }
    }
  if (here)
    _pk_window_update_actions (self);
  edit_free (e);
}

static void
edit_office (PkWindow       *self,
             const PkOffice *before,
             const PkOffice *after,
             PkEditFlags     flags,
             Edit           *e)
{
  e->added = before == NULL;
  pk_edit_history_edit_office_async (self->history, before, after, flags, NULL, on_edit_done_cb, e);
  _pk_window_update_actions (self);
}

/**
 * pk_window_edit_office:
 * @before: (nullable): the office as it was (NULL to add)
 * @after: (nullable): the office as it should be (NULL to remove)
 *
 * Applies an edit through the workspace's edit history (logged, undoable),
 * in a worker after the edits asked before it; the window is busy until it
 * is written, and says in a dialog if it is refused.
 */
void
pk_window_edit_office (PkWindow       *self,
                       const PkOffice *before,
                       const PkOffice *after)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  g_return_if_fail (self->history != NULL);
  edit_office (self, before, after, PK_EDIT_FLAGS_NONE,
               edit_new (self, after == NULL ? _("Cannot Remove the Office") : _("Cannot Save the Office")));
}

/* Used by pk-window-actions.c: a planned office from a suggestion. */
void
_pk_window_add_office (PkWindow       *self,
                       const PkOffice *office)
{
  edit_office (self, NULL, office, PK_EDIT_FLAGS_NONE, edit_new (self, _("Cannot Add the Office")));
}

/**
 * pk_window_edit_zone:
 * @before: (nullable): the zone as it was read (NULL to add)
 * @after: (nullable): the zone as it should be (NULL to remove)
 * @retry: whether a refused save (a zone dialog's) opens the dialog again,
 *   with what was typed; its revision is then checked, so a dialog filled
 *   from an older reading does not overwrite another's change unseen
 *
 * As pk_window_edit_office(), for an approved zone.
 */
void
pk_window_edit_zone (PkWindow     *self,
                     const PkZone *before,
                     const PkZone *after,
                     gboolean      retry)
{
  Edit *e;

  g_return_if_fail (PK_IS_WINDOW (self));
  g_return_if_fail (self->history != NULL);
  e = edit_new (self, after == NULL ? _("Cannot Remove the Zone") : _("Cannot Save the Zone"));
  e->zone = TRUE;
  if (retry && after != NULL)
    e->retry_zone = pk_zone_copy (after);
  pk_edit_history_edit_zone_async (self->history, before, after,
                                   retry ? PK_EDIT_FLAGS_CHECK_REVISION : PK_EDIT_FLAGS_NONE,
                                   NULL, on_edit_done_cb, e);
  _pk_window_update_actions (self);
}

/* An undo or a redo: toasted when written, refused ones explained (a second
 * Ctrl+Z asked while the first was written may find nothing left: said by nothing). */
static void
on_step_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Edit *e = user_data;
  PkWindow *self = e->window;
  g_autoptr(GError) error = NULL;
  gboolean ok = pk_edit_history_step_finish (PK_EDIT_HISTORY (source), result, &error);

  if (edit_is_here (e))
    {
      if (ok)
        _pk_window_toast (self, e->undo ? _("Undone") : _("Redone"));
      else if (!g_error_matches (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_NOTHING))
        _pk_window_show_error (self, e->fail_title, error->message);
      _pk_window_update_actions (self);
    }
  edit_free (e);
}

static void
step (PkWindow *self,
      gboolean  undo)
{
  Edit *e;

  if (self->history == NULL)
    return;
  e = edit_new (self, undo ? _("Cannot Undo") : _("Cannot Redo"));
  e->undo = undo;
  if (undo)
    pk_edit_history_undo_async (self->history, NULL, on_step_done_cb, e);
  else
    pk_edit_history_redo_async (self->history, NULL, on_step_done_cb, e);
  _pk_window_update_actions (self);
}

/* Undoes the newest edit, after the writes asked before; says how it went. */
void
pk_window_undo (PkWindow *self)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  step (self, TRUE);
}

void
pk_window_redo (PkWindow *self)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  step (self, FALSE);
}

static void
on_editor_save_cb (PkOfficeEditor *editor,
                   PkOffice       *office,
                   PkWindow       *self)
{
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  const PkOffice *base = pk_office_editor_get_base (editor);
  g_autofree char *reason = NULL;
  Edit *e;

  if (checker == NULL || self->history == NULL)
    {
      pk_office_editor_finish_save (editor, _("The workspace is still being read; try again in a moment."));
      return;
    }
  /* the snapshot answers at once; the write checks the code against the store again */
  if ((reason = pk_office_check_fields (checker, office)) != NULL)
    {
      pk_office_editor_finish_save (editor, reason);
      return;
    }
  e = edit_new (self, _("Cannot Save the Office"));
  g_set_weak_pointer (&e->editor, editor);
  /* a form filled from an older reading does not overwrite another's change */
  edit_office (self, base->id != 0 ? base : NULL, office, PK_EDIT_FLAGS_CHECK_REVISION, e);
}

/* A read-only workspace, a field bundle or a role that may not change the
 * register takes no office edits: said once, in words. */
static gboolean
refuse_when_read_only (PkWindow *self)
{
  if (!pk_window_get_read_only (self) && !pk_store_can_edit_register (self->store))
    {
      _pk_window_toast (self, _("Your role on this server does not change offices; the working group and the "
                                "secretariat do."));
      return TRUE;
    }
  if (!pk_window_get_read_only (self))
    return FALSE;
  _pk_window_toast (self, pk_store_is_bundle (self->store)
                          ? _("This is a field bundle: only site visits can be recorded here.")
                          : _("This workspace is read-only; changes are not saved."));
  return TRUE;
}

static void
open_editor (PkWindow       *self,
             const PkOffice *office)
{
  PkOfficeEditor *editor = pk_office_editor_new (GTK_WINDOW (self), office);

  g_signal_connect_object (editor, "save", G_CALLBACK (on_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

void
_pk_window_on_add_office_cb (PkWindow  *self,
                             double     lat,
                             double     lon,
                             PkMapView *map)
{
  g_autoptr(PkOffice) o = pk_office_new ();

  if (self->store == NULL || refuse_when_read_only (self))
    return;
  o->lat = lat;
  o->lon = lon;
  o->status = PK_STATUS_APPROVED;    /* added at an approved location */
  open_editor (self, o);
}

static void
on_inspection_assigned (gint64   visit_id,
                        gpointer data)
{
  _pk_window_toast (data, _("Inspection assigned: it is on the inspector’s visit list (Ctrl+I)."));
}

static gpointer
read_office_job (PkStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return pk_store_get_office (store, GPOINTER_TO_SIZE (data), error);
}

/* The office as stored now, read in a worker, then the popover's action on it. */
static void
on_office_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  g_autofree char *action = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) office = pk_store_run_job_finish (result, &error);

  if (office == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pk_window_toast (self, error->message);
      return;
    }
  if (self->store == NULL || office->id != (gint64) GPOINTER_TO_SIZE (pk_store_job_get_data (result)))
    return;
  if (g_str_equal (action, "inspect-office"))
    pk_visit_assign_dialog (GTK_WINDOW (self), self->store, NULL, office->id, on_inspection_assigned, self);
  else if (g_str_equal (action, "edit-office"))
    open_editor (self, office);
  else if (g_str_equal (action, "check-office"))
    {
      pk_window_set_check_mode (self, TRUE);
      pk_check_panel_check_office (self->check_panel, office);
    }
}

void
_pk_window_on_office_action_cb (PkWindow   *self,
                                const char *action,
                                gint64      id,
                                PkMapView  *map)
{
  if (self->store == NULL)
    return;
  if ((g_str_equal (action, "edit-office") || g_str_equal (action, "remove-office") ||
       g_str_equal (action, "inspect-office")) && refuse_when_read_only (self))
    return;
  if (g_str_equal (action, "remove-office"))
    {
      /* the history removes the office as stored when its turn comes */
      g_autoptr(PkOffice) office = pk_office_new ();

      office->id = id;
      pk_window_edit_office (self, office, NULL);
      return;
    }
  /* the window's cancellable is cancelled when another workspace opens */
  pk_store_run_job_async (self->store, self, read_office_job, GSIZE_TO_POINTER (id), NULL,
                          (GDestroyNotify) pk_office_free, self->cancellable, on_office_read_cb, g_strdup (action));
}

void
_pk_window_on_office_moved_cb (PkWindow  *self,
                               gint64     id,
                               double     lat,
                               double     lon,
                               PkMapView *map)
{
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  g_autofree char *reason = NULL;
  gint64 county_id = 0;
  Edit *e;

  if (refuse_when_read_only (self))
    {
      pk_window_reload (self);          /* the office goes back where it was */
      return;
    }
  if (checker == NULL || self->history == NULL)
    {
      _pk_window_toast (self, _("The workspace is still being read; try again in a moment."));
      pk_window_reload (self);
      return;
    }
  if ((reason = pk_office_check_place (checker, lat, lon, &county_id)) != NULL)
    {
      _pk_window_toast (self, reason);
      pk_window_reload (self);                       /* puts the office back where it was */
      return;
    }
  /* the place changes, nothing else: the office as stored when the worker gets to it */
  e = edit_new (self, _("Cannot Move the Office"));
  e->reload_on_failure = TRUE;
  pk_edit_history_move_office_async (self->history, id, lat, lon, county_id, NULL, on_edit_done_cb, e);
  _pk_window_update_actions (self);
}
