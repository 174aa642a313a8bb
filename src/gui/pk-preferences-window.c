/* pk-preferences-window.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-preferences-window.h"

struct _PkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *basemap_row;
  AdwActionRow         *mbtiles_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (PkPreferencesWindow, pk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Order of the combo row's model in the .ui file. */
static const char * const basemap_ids[] = { "builtin", "mbtiles", "osm" };

static void
update_mbtiles_row (PkPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");

  adw_action_row_set_subtitle (self->mbtiles_row, *path ? path : _("No file chosen"));
}

static void
on_basemap_selected_cb (PkPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->basemap_row);

  if (i < G_N_ELEMENTS (basemap_ids))
    g_settings_set_string (self->settings, "basemap", basemap_ids[i]);
}

static void
on_mbtiles_response_cb (PkPreferencesWindow  *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      g_settings_set_string (self->settings, "mbtiles-path", path);
      g_settings_set_string (self->settings, "basemap", "mbtiles");
    }
  g_object_unref (chooser);
}

static void
on_choose_mbtiles_cb (PkPreferencesWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose an MBTiles Basemap"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("MBTiles files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_mbtiles_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pk_preferences_window_dispose (GObject *object)
{
  PkPreferencesWindow *self = PK_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pk_preferences_window_parent_class)->dispose (object);
}

static void
pk_preferences_window_class_init (PkPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pk_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ir/pishkhan/Siting/ui/pk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkPreferencesWindow, basemap_row);
  gtk_widget_class_bind_template_child (widget_class, PkPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_callback (widget_class, on_basemap_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_mbtiles_cb);
}

static void
pk_preferences_window_init (PkPreferencesWindow *self)
{
  g_autofree char *basemap = NULL;

  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  basemap = g_settings_get_string (self->settings, "basemap");
  for (guint i = 0; i < G_N_ELEMENTS (basemap_ids); i++)
    if (g_str_equal (basemap, basemap_ids[i]))
      adw_combo_row_set_selected (self->basemap_row, i);
  update_mbtiles_row (self);
  g_signal_connect_object (self->settings, "changed::mbtiles-path",
                           G_CALLBACK (update_mbtiles_row), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pk_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (PK_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
