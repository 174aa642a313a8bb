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
#include "pk-visit-check.h"
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
  PkStore              *store;         /* that workspace's */
  GCancellable         *cancellable;
  GHashTable           *widgets;       /* "rule:KEY", "visit:KEY", "capacity:COUNTY:LICENSE" → spin */
  GHashTable           *pending;       /* the same ids → Change: changed, not yet saved */
  guint                 save_timeout;  /* the pause after a change, then the save */
  gboolean              saving;        /* one save in a worker at a time: in order */
  guint                 n_busy;
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

static void save_on_closing (PkPreferencesWindow *self);

static void
pk_preferences_window_dispose (GObject *object)
{
  PkPreferencesWindow *self = PK_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  save_on_closing (self);                   /* a change made just before closing is kept */
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_object (&self->store);
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
  self->cancellable = g_cancellable_new ();
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

/* ---- the workspace's settings: read and saved in a worker ----------------- */

typedef enum
{
  CHANGE_RULE,
  CHANGE_CAPACITY,
  CHANGE_VISIT,
} ChangeKind;

typedef struct
{
  ChangeKind  kind;
  const char *key;             /* static: a rule's or visit setting's key */
  gint64      county;
  PkLicense   license;
  double      value;
} Change;

/* Each change in order of its kind, in a worker: saved and logged. */
static gpointer
save_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, data);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Change *c = value;
      gboolean ok = c->kind == CHANGE_RULE ? pk_store_save_rule_value (store, c->key, c->value, error)
                  : c->kind == CHANGE_CAPACITY ? pk_store_save_capacity (store, c->county, c->license,
                                                                         (int) c->value, error)
                  : pk_visit_save_setting (store, c->key, c->value, error);

      if (!ok)
        return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static void start_save (PkPreferencesWindow *self);

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PkPreferencesWindow *self = PK_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  self->n_busy--;
  if (pk_store_run_job_finish (result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  if (self->window != NULL)
    pk_window_reload (self->window);        /* the checker uses the new values at once */
  if (self->save_timeout == 0 && self->pending != NULL && g_hash_table_size (self->pending) > 0)
    start_save (self);                      /* changed while this one was saving */
}

static void
start_save (PkPreferencesWindow *self)
{
  GHashTable *changes;

  if (self->saving || self->store == NULL || g_hash_table_size (self->pending) == 0)
    return;
  changes = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->saving = TRUE;
  self->n_busy++;
  pk_store_run_job_async (self->store, self, save_job, changes, (GDestroyNotify) g_hash_table_unref, NULL,
                          self->cancellable, on_saved, NULL);
}

static gboolean
on_save_timeout (gpointer data)
{
  PkPreferencesWindow *self = data;

  self->save_timeout = 0;
  start_save (self);
  return G_SOURCE_REMOVE;
}

static void
on_saved_on_closing (GObject      *source,
                     GAsyncResult *result,
                     gpointer      app)
{
  g_autoptr(GError) error = NULL;

  if (pk_store_run_job_finish (result, &error) == NULL)
    g_warning ("A setting changed just before closing the preferences was not saved: %s", error->message);
  if (app != NULL)
    g_application_release (app);
}

static void
save_on_closing (PkPreferencesWindow *self)
{
  GApplication *app = g_application_get_default ();

  if (self->store == NULL || self->pending == NULL || g_hash_table_size (self->pending) == 0)
    return;
  if (app != NULL)
    g_application_hold (app);
  pk_store_run_job_async (self->store, NULL, save_job, g_steal_pointer (&self->pending),
                          (GDestroyNotify) g_hash_table_unref, NULL, NULL, on_saved_on_closing, app);
}

/* A value changed: saved after a pause (a spin held down saves once). */
static void
on_value_changed_cb (GtkSpinButton       *spin,
                     PkPreferencesWindow *self)
{
  Change *c = g_memdup2 (g_object_get_data (G_OBJECT (spin), "pk-change"), sizeof (Change));

  c->value = c->kind == CHANGE_CAPACITY ? gtk_spin_button_get_value_as_int (spin) : gtk_spin_button_get_value (spin);
  g_hash_table_replace (self->pending, g_strdup (g_object_get_data (G_OBJECT (spin), "pk-id")), c);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (400, on_save_timeout, self);
}

static GtkWidget *
setting_spin (PkPreferencesWindow *self,
              const Change        *change,
              double               lower,
              double               upper,
              double               step)
{
  GtkWidget *s = spin (change->value, lower, upper, step);
  g_autofree char *id = change->kind == CHANGE_CAPACITY
                      ? g_strdup_printf ("capacity:%" G_GINT64_FORMAT ":%d", change->county, change->license)
                      : g_strdup_printf ("%s:%s", change->kind == CHANGE_RULE ? "rule" : "visit", change->key);

  if (change->kind != CHANGE_CAPACITY)
    pk_spin_button_localize (GTK_SPIN_BUTTON (s), NULL);       /* Persian digits in Persian */
  g_object_set_data_full (G_OBJECT (s), "pk-change", g_memdup2 (change, sizeof *change), g_free);
  g_object_set_data_full (G_OBJECT (s), "pk-id", g_strdup (id), g_free);
  g_hash_table_replace (self->widgets, g_steal_pointer (&id), s);
  return s;
}

typedef struct
{
  PkRuleSet *rules;
  GPtrArray *counties;
  double     visit[2];
} Settings;

static void
settings_free (Settings *r)
{
  g_clear_pointer (&r->rules, pk_rule_set_free);
  g_clear_pointer (&r->counties, g_ptr_array_unref);
  g_free (r);
}

static const struct { const char *key; const char *title; double fallback, lower, upper, step; } visit_rows[] = {
  { PK_VISIT_MAX_OFFSET_KEY, N_("Flag an observed position farther from the declared site than (m)"),
    PK_VISIT_MAX_OFFSET_DEFAULT, 1, 5000, 5 },
  { PK_VISIT_PHOTO_SIDE_KEY, N_("Longest side a visit photo is kept at (pixels)"),
    PK_PHOTO_DEFAULT_MAX_SIDE, 320, 8000, 80 },
};

static gpointer
read_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Settings *r = g_new0 (Settings, 1);

  if ((r->rules = pk_store_load_rules (store, error)) == NULL ||
      (r->counties = pk_store_list_counties (store, error)) == NULL)
    {
      settings_free (r);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (visit_rows); i++)
    r->visit[i] = pk_visit_setting (store, visit_rows[i].key, visit_rows[i].fallback);
  return r;
}

/* How far an observed position may lie from the declared site, and the size
 * a visit photo is kept at: the workspace's, saved and logged. */
static void
add_visit_settings (PkPreferencesWindow *self,
                    const Settings      *r,
                    GtkWidget           *page)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Site visits"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Settings of this workspace for site visits (S11), saved in it and logged."));
  for (guint i = 0; i < G_N_ELEMENTS (visit_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      Change c = { CHANGE_VISIT, visit_rows[i].key, 0, 0, r->visit[i] };
      GtkWidget *s = setting_spin (self, &c, visit_rows[i].lower, visit_rows[i].upper, visit_rows[i].step);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(visit_rows[i].title));
      g_signal_connect_object (s, "value-changed", G_CALLBACK (on_value_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), s);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
}

/* The province's rule set (SR-3/SR-4/SR-6 local settings, ST-1/ST-2 areas)
 * and each county's capacity (LT-7); every change is saved and logged. */
static void
add_rules_page (PkPreferencesWindow *self,
                const Settings      *r)
{
  const PkRuleSet *rules = r->rules;
  GtkWidget *page, *group, *caps;
  const PkRuleInfo *infos;
  guint n;

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
      Change c = { CHANGE_RULE, infos[i].key, 0, 0, 0 };
      g_autofree char *subtitle = NULL;

      /* read through the same loader the checker uses */
      if (g_str_equal (infos[i].key, "min_area_urban_m2")) c.value = rules->min_area_m2[PK_LICENSE_URBAN];
      else if (g_str_equal (infos[i].key, "min_area_rural_m2")) c.value = rules->min_area_m2[PK_LICENSE_RURAL];
      else if (g_str_equal (infos[i].key, "min_spacing_urban_m")) c.value = rules->min_spacing_m[PK_LICENSE_URBAN];
      else if (g_str_equal (infos[i].key, "min_spacing_rural_m")) c.value = rules->min_spacing_m[PK_LICENSE_RURAL];
      else if (g_str_equal (infos[i].key, "service_radius_urban_m")) c.value = rules->service_radius_m[PK_LICENSE_URBAN];
      else if (g_str_equal (infos[i].key, "service_radius_rural_m")) c.value = rules->service_radius_m[PK_LICENSE_RURAL];
      else if (g_str_equal (infos[i].key, "urban_radius_seat_m")) c.value = rules->urban_radius_seat_m;
      else c.value = rules->urban_radius_city_m;
      subtitle = infos[i].local
        ? g_strdup_printf (_("Local setting (%s); default %g"), infos[i].source, infos[i].default_value)
        : g_strdup_printf (_("National standard (%s)"), infos[i].source);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule_label (infos[i].key));
      {
        g_autofree char *localized = pk_text_localize_digits (subtitle);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
      }
      s = setting_spin (self, &c, 0, 500000, infos[i].default_value >= 1000 ? 100 : 1);
      g_signal_connect_object (s, "value-changed", G_CALLBACK (on_value_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), s);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  add_visit_settings (self, r, page);

  caps = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (caps), _("County capacity (LT-7)"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (caps),
    _("How many urban Pishkhan and rural ICT offices each county may have; — means not set."));
  for (guint i = 0; i < r->counties->len; i++)
    {
      PkPlace *county = g_ptr_array_index (r->counties, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_place_display_name (county));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("urban · rural"));
      for (PkLicense l = PK_LICENSE_URBAN; l <= PK_LICENSE_RURAL; l++)
        {
          Change c = { CHANGE_CAPACITY, NULL, county->id, l, pk_rule_set_get_capacity (rules, county->id, l) };
          GtkWidget *s = setting_spin (self, &c, -1, 999, 1);

          gtk_widget_set_tooltip_text (s, pk_license_display_name (l));
          /* -1 is "not set": the working group has not distributed capacity there yet */
          pk_spin_button_localize (GTK_SPIN_BUTTON (s), "—");
          g_signal_connect_object (s, "value-changed", G_CALLBACK (on_value_changed_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), s);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (caps), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (caps));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

static void
on_settings_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PkPreferencesWindow *self = PK_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;
  Settings *r = pk_store_run_job_finish (result, &error);

  self->n_busy--;
  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  add_rules_page (self, r);
  settings_free (r);
}

/* Whether the rule set is still being read, or a change saved. */
gboolean
pk_preferences_window_is_busy (PkPreferencesWindow *self)
{
  g_return_val_if_fail (PK_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->n_busy > 0 || self->save_timeout != 0 || (self->pending && g_hash_table_size (self->pending) > 0);
}

/* The spin button of a workspace setting: "rule:min_spacing_urban_m",
 * "visit:KEY", "capacity:COUNTY:LICENSE"; %NULL before the read. */
GtkWidget *
pk_preferences_window_get_setting_widget (PkPreferencesWindow *self,
                                          const char          *id)
{
  g_return_val_if_fail (PK_IS_PREFERENCES_WINDOW (self), NULL);
  return g_hash_table_lookup (self->widgets, id);
}

GtkWidget *
pk_preferences_window_new (GtkWindow *parent)
{
  PkPreferencesWindow *self = g_object_new (PK_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                                            "modal", TRUE, NULL);

  if (PK_IS_WINDOW (parent) && pk_window_get_store (PK_WINDOW (parent)) != NULL)
    {
      /* the rule set's page comes when a worker has read it */
      g_set_weak_pointer (&self->window, PK_WINDOW (parent));
      self->store = g_object_ref (pk_window_get_store (PK_WINDOW (parent)));
      self->n_busy++;
      pk_store_run_job_async (self->store, self, read_job, NULL, NULL, (GDestroyNotify) settings_free,
                              self->cancellable, on_settings_read, NULL);
    }
  return GTK_WIDGET (self);
}
