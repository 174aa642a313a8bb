/* pk-preferences-window.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-gui-util.h"
#include "pk-photo.h"
#include "pk-preferences-window.h"
#include "pk-rules.h"
#include "pk-text.h"
#include "pk-visits.h"
#include "pk-window.h"

struct _PkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *basemap_row;
  AdwActionRow         *mbtiles_row;
  AdwEntryRow          *user_name_row;
  AdwComboRow          *role_row;
  gboolean              loading;      /* the rows are being filled from the settings */

  GSettings            *settings;
  PkWindow             *window;        /* weak: the workspace whose rule set is shown */
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
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (pk_preferences_window_parent_class)->dispose (object);
}

/* The settings' "role" values, in the order of the row's choices. */
static const char * const role_ids[] = { "", "working-group", "applicant", "inspector", "map" };

static void
on_role_selected_cb (PkPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->role_row);

  if (!self->loading && self->settings != NULL && i < G_N_ELEMENTS (role_ids))
    g_settings_set_string (self->settings, "role", role_ids[i]);
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
  gtk_widget_class_bind_template_child (widget_class, PkPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, PkPreferencesWindow, role_row);
  gtk_widget_class_bind_template_callback (widget_class, on_role_selected_cb);
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
  g_settings_bind (self->settings, "user-name", self->user_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  {
    const char *roles[] = { _("Ask at the next start"), _("Working group: the review queue"),
                            _("Applicant: the areas without an office"), _("Inspector: the site check"),
                            _("The map"), NULL };
    g_autoptr(GtkStringList) model = gtk_string_list_new (roles);
    g_autofree char *role = g_settings_get_string (self->settings, "role");

    self->loading = TRUE;
    adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));
    for (guint i = 0; i < G_N_ELEMENTS (role_ids); i++)
      if (g_str_equal (role, role_ids[i]))
        adw_combo_row_set_selected (self->role_row, i);
    self->loading = FALSE;
  }
  g_signal_connect_object (self->settings, "changed::mbtiles-path",
                           G_CALLBACK (update_mbtiles_row), self, G_CONNECT_SWAPPED);
}

static const char *
rule_label (const char *key)
{
  if (g_str_equal (key, "min_area_urban_m2")) return _("Minimum floor area, urban (m²)");
  if (g_str_equal (key, "min_area_rural_m2")) return _("Minimum floor area, rural (m²)");
  if (g_str_equal (key, "min_spacing_urban_m")) return _("Minimum spacing, urban offices (m)");
  if (g_str_equal (key, "min_spacing_rural_m")) return _("Minimum spacing, rural offices (m)");
  if (g_str_equal (key, "service_radius_urban_m")) return _("Service radius, urban offices (m)");
  if (g_str_equal (key, "service_radius_rural_m")) return _("Service radius, rural offices (m)");
  if (g_str_equal (key, "urban_radius_seat_m")) return _("Approximate urban radius, county seats (m)");
  if (g_str_equal (key, "urban_radius_city_m")) return _("Approximate urban radius, other cities (m)");
  return key;
}

static void
saved (PkPreferencesWindow *self,
       gboolean             ok,
       GError              *error)
{
  if (!ok)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  else if (self->window != NULL)
    pk_window_reload (self->window);        /* the checker uses the new value at once */
}

static void
on_rule_changed_cb (GtkSpinButton       *spin,
                    PkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *key = g_object_get_data (G_OBJECT (spin), "pk-key");
  PkStore *store = self->window ? pk_window_get_store (self->window) : NULL;

  if (store != NULL)
    saved (self, pk_store_save_rule_value (store, key, gtk_spin_button_get_value (spin), &error),
           error);
}

static void
on_capacity_changed_cb (GtkSpinButton       *spin,
                        PkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = self->window ? pk_window_get_store (self->window) : NULL;
  gint64 county = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (spin), "pk-county"));
  PkLicense license = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "pk-license"));

  if (store != NULL)
    saved (self, pk_store_save_capacity (store, county, license,
                                            gtk_spin_button_get_value_as_int (spin), &error),
           error);
}

static GtkWidget *
spin (double value,
      double lower,
      double upper,
      double step)
{
  GtkWidget *s = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (s), value);
  gtk_widget_set_valign (s, GTK_ALIGN_CENTER);
  return s;
}

static void
on_visit_setting_changed_cb (GtkSpinButton       *spin,
                             PkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = self->window ? pk_window_get_store (self->window) : NULL;

  if (store != NULL &&
      !pk_visit_save_setting (store, g_object_get_data (G_OBJECT (spin), "pk-key"), gtk_spin_button_get_value (spin),
                              &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

/* How far an observed position may lie from the declared site, and the size
 * a visit photo is kept at: the workspace's, saved and logged. */
static void
add_visit_settings (PkPreferencesWindow *self,
                    PkStore             *store,
                    GtkWidget           *page)
{
  GtkWidget *group = adw_preferences_group_new ();
  const struct { const char *key; const char *title; double fallback, lower, upper, step; } rows[] = {
    { PK_VISIT_MAX_OFFSET_KEY, N_("Flag an observed position farther from the declared site than (m)"),
      PK_VISIT_MAX_OFFSET_DEFAULT, 1, 5000, 5 },
    { PK_VISIT_PHOTO_SIDE_KEY, N_("Longest side a visit photo is kept at (pixels)"),
      PK_PHOTO_DEFAULT_MAX_SIDE, 320, 8000, 80 },
  };

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Site visits"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Settings of this workspace for site visits (S11), saved in it and logged."));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *s = spin (pk_visit_setting (store, rows[i].key, rows[i].fallback), rows[i].lower, rows[i].upper,
                           rows[i].step);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rows[i].title));
      g_object_set_data (G_OBJECT (s), "pk-key", (gpointer) rows[i].key);
      g_signal_connect_object (s, "value-changed", G_CALLBACK (on_visit_setting_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), s);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
}

/* The province's rule set (SR-3/SR-4/SR-6 local settings, ST-1/ST-2 areas)
 * and each county's capacity (LT-7); every change is saved and logged. */
static void
add_rules_page (PkPreferencesWindow *self,
                PkStore             *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkRuleSet) rules = pk_store_load_rules (store, &error);
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, &error);
  GtkWidget *page, *group, *caps;
  const PkRuleInfo *infos;
  guint n;

  if (rules == NULL || counties == NULL)
    return;
  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Rule Set"));
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), "rules");
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-documents-symbolic");

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Siting rules"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("The seeds give no number for spacing, service radius or urban extent: these are local "
      "settings of this province's working group, saved in the workspace and logged."));
  infos = pk_rule_info_list (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *s;
      double value;
      g_autofree char *subtitle = NULL;

      {
        /* read through the same loader the checker uses */
        if (g_str_equal (infos[i].key, "min_area_urban_m2")) value = rules->min_area_m2[PK_LICENSE_URBAN];
        else if (g_str_equal (infos[i].key, "min_area_rural_m2")) value = rules->min_area_m2[PK_LICENSE_RURAL];
        else if (g_str_equal (infos[i].key, "min_spacing_urban_m")) value = rules->min_spacing_m[PK_LICENSE_URBAN];
        else if (g_str_equal (infos[i].key, "min_spacing_rural_m")) value = rules->min_spacing_m[PK_LICENSE_RURAL];
        else if (g_str_equal (infos[i].key, "service_radius_urban_m")) value = rules->service_radius_m[PK_LICENSE_URBAN];
        else if (g_str_equal (infos[i].key, "service_radius_rural_m")) value = rules->service_radius_m[PK_LICENSE_RURAL];
        else if (g_str_equal (infos[i].key, "urban_radius_seat_m")) value = rules->urban_radius_seat_m;
        else value = rules->urban_radius_city_m;
      }
      subtitle = infos[i].local
        ? g_strdup_printf (_("Local setting (%s); default %g"), infos[i].source, infos[i].default_value)
        : g_strdup_printf (_("National standard (%s)"), infos[i].source);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule_label (infos[i].key));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      s = spin (value, 0, 500000, infos[i].default_value >= 1000 ? 100 : 1);
      g_object_set_data (G_OBJECT (s), "pk-key", (gpointer) infos[i].key);
      g_signal_connect_object (s, "value-changed", G_CALLBACK (on_rule_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), s);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  add_visit_settings (self, store, page);

  caps = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (caps), _("County capacity (LT-7)"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (caps),
    _("How many urban Pishkhan and rural ICT offices each county may have; — means not set."));
  for (guint i = 0; i < counties->len; i++)
    {
      PkPlace *c = g_ptr_array_index (counties, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_place_display_name (c));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("urban · rural"));
      for (PkLicense l = PK_LICENSE_URBAN; l <= PK_LICENSE_RURAL; l++)
        {
          GtkWidget *s = spin (pk_rule_set_get_capacity (rules, c->id, l), -1, 999, 1);

          gtk_widget_set_tooltip_text (s, pk_license_display_name (l));
          g_object_set_data (G_OBJECT (s), "pk-county", GSIZE_TO_POINTER ((gsize) c->id));
          g_object_set_data (G_OBJECT (s), "pk-license", GINT_TO_POINTER (l));
          /* -1 is "not set": the working group has not distributed capacity there yet */
          pk_spin_button_localize (GTK_SPIN_BUTTON (s), "—");
          g_signal_connect_object (s, "value-changed", G_CALLBACK (on_capacity_changed_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), s);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (caps), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (caps));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

GtkWidget *
pk_preferences_window_new (GtkWindow *parent)
{
  PkPreferencesWindow *self = g_object_new (PK_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                                            "modal", TRUE, NULL);

  if (PK_IS_WINDOW (parent) && pk_window_get_store (PK_WINDOW (parent)) != NULL)
    {
      g_set_weak_pointer (&self->window, PK_WINDOW (parent));
      add_rules_page (self, pk_window_get_store (PK_WINDOW (parent)));
    }
  return GTK_WIDGET (self);
}
