/* pk-window-actions.c: the window's actions, and when each is enabled
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-connect-dialog.h"
#include "pk-geography.h"
#include "pk-window-private.h"

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  pk_window_redo (PK_WINDOW (widget));          /* says how it went when written */
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  pk_window_undo (PK_WINDOW (widget));
}

static void
coverage_mode_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  pk_window_set_coverage_mode (self, !pk_window_get_coverage_mode (self));
}

static void
check_mode_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  pk_window_set_check_mode (self, !pk_window_get_check_mode (self));
}

static void
on_open_response_cb (PkWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    pk_window_open_workspace_asked (self, path);
  g_object_unref (chooser);
}

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pishkhan Siting workspaces"));
  gtk_file_filter_add_pattern (filter, "*" PK_STORE_FILE_EXTENSION);
  return filter;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Open Workspace"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = workspace_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  pk_connect_dialog_present (PK_WINDOW (widget));
}

static void
on_save_new_response_cb (PkWindow             *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  const char *province = g_object_get_data (G_OBJECT (chooser), "pk-province");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      /* the chooser already asked whether to replace an existing file */
      if ((store = pk_workspace_create_province (path, province, TRUE, &error)) == NULL)
        _pk_window_show_error (self, _("Cannot Create Workspace"), error->message);
      else
        {
          g_clear_object (&store);
          if (!pk_window_open_workspace (self, path, &error))
            _pk_window_show_error (self, _("Cannot Open Workspace"), error->message);
        }
    }
  g_object_unref (chooser);
}

static void
on_province_chosen_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PkWindow         *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "pk-dropdown");
  GPtrArray *provinces = g_object_get_data (G_OBJECT (dialog), "pk-provinces");
  PkPlace *province;
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = workspace_filter ();

  if (!g_str_equal (response, "create"))
    return;
  province = g_ptr_array_index (provinces, gtk_drop_down_get_selected (dropdown));
  chooser = gtk_file_chooser_native_new (_("Save New Workspace"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));
  suggested = g_strdup_printf ("%s%s", province->name_en, PK_STORE_FILE_EXTENSION);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data_full (G_OBJECT (chooser), "pk-province",
                          g_strdup_printf ("%" G_GINT64_FORMAT, province->id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_new_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) provinces = pk_geography_list_provinces (&error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *dropdown;

  if (provinces == NULL)
    {
      _pk_window_show_error (self, _("Cannot Create Workspace"), error->message);
      return;
    }
  g_ptr_array_sort (provinces, pk_place_compare_names);
  for (guint i = 0; i < provinces->len; i++)
    gtk_string_list_append (names, pk_place_display_name (g_ptr_array_index (provinces, i)));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Workspace"),
                                   _("Choose the province. The workspace gets its outline and "
                                     "cities from the bundled data; it has no offices yet."));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "create", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "pk-dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "pk-provinces", g_steal_pointer (&provinces),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_province_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zoom_province_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  pk_map_view_zoom_to_province (PK_WINDOW (widget)->map_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  pk_place_sidebar_focus_search (self->place_sidebar);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* One click on a suggestion: a planned office there (not yet serving), with a
 * code and a name the working group can change later; undoable. */
static void
add_planned_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  g_autoptr(PkOffice) o = pk_office_new ();
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  g_autofree char *reason = NULL;
  const char *license;
  const PkPlace *county;

  g_variant_get (param, "(&sdd)", &license, &o->lat, &o->lon);
  if (self->store == NULL || !pk_license_from_string (license, &o->license))
    return;
  if (checker == NULL)
    {
      _pk_window_show_error (self, _("Cannot Add the Office"),
                             _("The workspace is still being read; try again in a moment."));
      return;
    }
  /* the snapshot knows every code; the write checks the store again */
  for (guint n = 1; o->code == NULL || pk_site_checker_office_code_owner (checker, o->code) != 0; n++)
    {
      g_free (o->code);
      o->code = g_strdup_printf ("PLN-%u", n);
    }
  county = pk_site_checker_find_county (checker, o->lat, o->lon);
  /* TRANSLATORS: the name given to an office added from a suggestion: "Planned office, <county>" */
  o->name = g_strdup_printf (_("Planned office, %s"), county ? pk_place_display_name (county) : "—");
  o->status = PK_STATUS_PLANNED;
  if ((reason = pk_office_check_fields (checker, o)) != NULL)
    {
      _pk_window_show_error (self, _("Cannot Add the Office"), reason);
      return;
    }
  _pk_window_add_office (self, o);
}

/* "Check a site here": the siting checker at a point, for a licence type. */
static void
check_here_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  const char *license;
  PkLicense l;
  double lat, lon;

  g_variant_get (param, "(&sdd)", &license, &lat, &lon);
  if (self->store == NULL || !pk_license_from_string (license, &l))
    return;
  pk_map_view_popdown_info (self->map_view);
  pk_window_set_check_mode (self, TRUE);
  pk_check_panel_set_license (self->check_panel, l);
  pk_check_panel_set_location (self->check_panel, lat, lon);
  pk_map_view_go_to (self->map_view, lat, lon, 11);
}

static void
cases_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  pk_window_open_cases (PK_WINDOW (widget));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  pk_window_open_review (PK_WINDOW (widget));
}

static void
visits_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  pk_window_open_visits (PK_WINDOW (widget));
}

static void
audit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  pk_window_open_audit (PK_WINDOW (widget));
}

/* Every action of the window and its shortcut; the zone and import actions
 * live with their code. */
void
_pk_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-province", NULL, zoom_province_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.check-mode", NULL, check_mode_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.coverage-mode", NULL, coverage_mode_action);
  gtk_widget_class_install_action (widget_class, "win.cases", NULL, cases_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.cases", NULL);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, audit_action);
  gtk_widget_class_install_action (widget_class, "win.visits", NULL, visits_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.visits", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.review", NULL);
  gtk_widget_class_install_action (widget_class, "win.add-planned", "(sdd)", add_planned_action);
  gtk_widget_class_install_action (widget_class, "win.check-here", "(sdd)", check_here_action);
  gtk_widget_class_install_action (widget_class, "win.draw-zone", NULL, _pk_window_draw_zone_action);
  gtk_widget_class_install_action (widget_class, "win.edit-zone", "x", _pk_window_zone_action);
  gtk_widget_class_install_action (widget_class, "win.redraw-zone", "x", _pk_window_zone_action);
  gtk_widget_class_install_action (widget_class, "win.delete-zone", "x", _pk_window_zone_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.coverage-mode", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-offices", NULL, _pk_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.import-urban-areas", NULL, _pk_window_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.check-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-province", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

/**
 * _pk_window_update_actions:
 *
 * The one place that says which actions can be used now: a workspace must
 * be open for the modes, the cases and drawing; undo and redo follow the
 * edit history.
 */
void
_pk_window_update_actions (PkWindow *self)
{
  gboolean open = self->store != NULL;
  /* the register (offices, zones, urban areas): what the role on a server allows too */
  gboolean writable = open && !pk_window_get_read_only (self) && pk_store_can_edit_register (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-mode", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coverage-mode", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cases", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.visits", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-zone", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-offices", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-urban-areas", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history && pk_edit_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history && pk_edit_history_get_can_redo (self->history));
}
