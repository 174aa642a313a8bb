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

/**
 * pk_window_edit_office:
 * @before: (nullable): the office as it was (NULL to add)
 * @after: (nullable): the office as it should be (NULL to remove)
 *
 * Applies an edit through the workspace's edit history (logged, undoable).
 */
gboolean
pk_window_edit_office (PkWindow        *self,
                       const PkOffice  *before,
                       const PkOffice  *after,
                       GError         **error)
{
  gint64 id;

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);
  /* the map follows through the store's "changed" (pk-window.c) */
  if ((id = pk_edit_history_edit_office (self->history, before, after, error)) == 0)
    return FALSE;
  if (before == NULL)
    pk_map_view_select_office (self->map_view, id);
  show_undo_toast (self, pk_edit_history_get_undo_label (self->history));
  return TRUE;
}

/**
 * pk_window_edit_zone:
 * @before: (nullable): the zone as it was (NULL to add)
 * @after: (nullable): the zone as it should be (NULL to remove)
 *
 * As pk_window_edit_office(), for an approved zone.
 */
gboolean
pk_window_edit_zone (PkWindow      *self,
                     const PkZone  *before,
                     const PkZone  *after,
                     GError       **error)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);
  if (pk_edit_history_edit_zone (self->history, before, after, error) == 0)
    return FALSE;
  show_undo_toast (self, pk_edit_history_get_undo_label (self->history));
  return TRUE;
}

gboolean
pk_window_undo (PkWindow  *self,
                GError   **error)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  if (self->history == NULL || !pk_edit_history_get_can_undo (self->history))
    return TRUE;
  return pk_edit_history_undo (self->history, error);
}

gboolean
pk_window_redo (PkWindow  *self,
                GError   **error)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  if (self->history == NULL || !pk_edit_history_get_can_redo (self->history))
    return TRUE;
  return pk_edit_history_redo (self->history, error);
}

static char *
on_editor_save_cb (PkOfficeEditor *editor,
                   PkOffice       *office,
                   PkWindow       *self)
{
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) before = NULL;
  char *reason;

  if (checker == NULL)
    return g_strdup (_("The workspace is still being read; try again in a moment."));
  if ((reason = pk_office_check_fields (self->store, checker, office)) != NULL)
    return reason;
  if (office->id != 0 && (before = pk_store_get_office (self->store, office->id, &error)) == NULL)
    return g_strdup (error->message);
  if (!pk_window_edit_office (self, before, office, &error))
    return g_strdup (error->message);
  return NULL;
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

void
_pk_window_on_office_action_cb (PkWindow   *self,
                                const char *action,
                                gint64      id,
                                PkMapView  *map)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) office = pk_store_get_office (self->store, id, &error);

  if (office == NULL)
    {
      _pk_window_toast (self, error->message);
      return;
    }
  if ((g_str_equal (action, "edit-office") || g_str_equal (action, "remove-office") ||
       g_str_equal (action, "inspect-office")) && refuse_when_read_only (self))
    return;
  if (g_str_equal (action, "inspect-office"))
    {
      pk_visit_assign_dialog (GTK_WINDOW (self), self->store, NULL, office->id, on_inspection_assigned, self);
      return;
    }
  if (g_str_equal (action, "edit-office"))
    open_editor (self, office);
  else if (g_str_equal (action, "remove-office"))
    {
      if (!pk_window_edit_office (self, office, NULL, &error))
        _pk_window_show_error (self, _("Cannot Remove the Office"), error->message);
    }
  else if (g_str_equal (action, "check-office"))
    {
      pk_window_set_check_mode (self, TRUE);
      pk_check_panel_check_office (self->check_panel, office);
    }
}

void
_pk_window_on_office_moved_cb (PkWindow  *self,
                               gint64     id,
                               double     lat,
                               double     lon,
                               PkMapView *map)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) before = pk_store_get_office (self->store, id, &error);
  g_autoptr(PkOffice) after = NULL;
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  g_autofree char *reason = NULL;

  if (refuse_when_read_only (self))
    {
      pk_window_reload (self);          /* the office goes back where it was */
      return;
    }
  if (before == NULL || checker == NULL)
    {
      _pk_window_toast (self, error ? error->message : _("The workspace is still being read; try again in a moment."));
      pk_window_reload (self);
      return;
    }
  after = pk_office_copy (before);
  after->lat = lat;
  after->lon = lon;
  if ((reason = pk_office_check_fields (self->store, checker, after)) != NULL)
    {
      _pk_window_toast (self, reason);
      pk_window_reload (self);                       /* puts the office back where it was */
      return;
    }
  if (!pk_window_edit_office (self, before, after, &error))
    {
      _pk_window_show_error (self, _("Cannot Move the Office"), error->message);
      pk_window_reload (self);
    }
}
