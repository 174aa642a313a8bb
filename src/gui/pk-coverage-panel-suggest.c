/* pk-coverage-panel-suggest.c: suggested sites — the sites that would serve
 * the most, found in a worker, each with "add as planned" and "check here"
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-coverage-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pk-coverage-panel-private.h"
#include "pk-gui-util.h"
#include "pk-text.h"

void
_pk_coverage_panel_clear_suggestions (PkCoveragePanel *self)
{
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->suggestions_list, 0)) != NULL)
    gtk_list_box_remove (self->suggestions_list, GTK_WIDGET (old));
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
}

static void
suggestion_action_cb (GtkButton *button,
                      gpointer   unused)
{
  PkSuggestion *s = g_object_get_data (G_OBJECT (button), "suggestion");
  PkLicense license = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "license"));

  gtk_widget_activate_action (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "action"),
                              "(sdd)", pk_license_to_string (license), s->lat, s->lon);
}

static GtkWidget *
suggestion_row (PkCoveragePanel *self,
                guint            index,
                PkSuggestion    *s,
                PkLicense        license)
{
  GtkWidget *row = adw_action_row_new ();
  GString *cities = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *localized_title = NULL;
  g_autofree char *localized = NULL;
  const struct { const char *icon, *tip, *action; } buttons[] = {
    { "find-location-symbolic", _("Check this site (opens the siting checker)"), "win.check-here" },
    { "list-add-symbolic", _("Add as a planned office"), "win.add-planned" },
  };

  for (guint k = 0; k < s->covered_cities->len; k++)
    g_string_append_printf (cities, "%s%s", k ? _(", ") : "",
                            pk_place_display_name (g_ptr_array_index (s->covered_cities, k)));
  title = g_strdup_printf ("%u. %s — %.4f, %.4f", index + 1, pk_place_display_name (s->county),
                           s->lat, s->lon);
  if (s->covered_cities->len > 0)
    subtitle = g_strdup_printf (_("Serves %s and %.0f km² now unserved · verdict: %s"), cities->str,
                                s->covered_area_km2, pk_verdict_display_name (s->verdict->verdict));
  else
    subtitle = g_strdup_printf (_("Serves %.0f km² now unserved · verdict: %s"),
                                s->covered_area_km2, pk_verdict_display_name (s->verdict->verdict));
  g_string_free (cities, TRUE);
  localized_title = pk_text_localize_digits (title);
  localized = pk_text_localize_digits (subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), localized_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
  for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
    {
      GtkWidget *button = _pk_coverage_panel_icon_button (buttons[b].icon, buttons[b].tip);

      g_object_set_data (G_OBJECT (button), "suggestion", s);
      g_object_set_data (G_OBJECT (button), "license", GINT_TO_POINTER (license));
      g_object_set_data (G_OBJECT (button), "action", (gpointer) buttons[b].action);
      g_signal_connect (button, "clicked", G_CALLBACK (suggestion_action_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

typedef struct
{
  PkLicense license;
  gint64    county_id;
  guint     count;
} SuggestJob;

static gpointer
suggest_job (PkStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const SuggestJob *job = data;

  return pk_suggest_sites (store, job->license, job->county_id, job->count, error);
}

/**
 * pk_coverage_panel_suggest_async:
 * @county_id: 0 for the whole province
 *
 * Proposes up to @count sites for the shown licence type, in the background
 * (a province's grid of candidates takes a moment); finish to list them.
 */
void
pk_coverage_panel_suggest_async (PkCoveragePanel     *self,
                                 gint64               county_id,
                                 guint                count,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  SuggestJob *job = g_new0 (SuggestJob, 1);

  g_return_if_fail (PK_IS_COVERAGE_PANEL (self));
  g_return_if_fail (self->store != NULL);
  job->license = pk_coverage_panel_get_license (self);
  job->county_id = county_id;
  job->count = count;
  if (self->suggesting != NULL)
    g_cancellable_cancel (self->suggesting);
  g_clear_object (&self->suggesting);
  self->suggesting = g_cancellable_new ();
  _pk_coverage_panel_clear_suggestions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggest_button), FALSE);
  gtk_button_set_label (self->suggest_button, _("Suggesting…"));
  pk_store_run_job_async (self->store, self, suggest_job, job, g_free,
                          (GDestroyNotify) g_ptr_array_unref, self->suggesting, callback, user_data);
}

/**
 * pk_coverage_panel_suggest_finish:
 *
 * Lists the suggestions.
 *
 * Returns: (transfer none) (element-type PkSuggestion): the suggestions, or
 *   %NULL with @error set (cancelled when a newer request replaced this one)
 */
GPtrArray *
pk_coverage_panel_suggest_finish (PkCoveragePanel  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  GPtrArray *picks = pk_store_run_job_finish (result, error);
  PkLicense license = pk_coverage_panel_get_license (self);

  if (cancellable == self->suggesting)
    {
      g_clear_object (&self->suggesting);
      gtk_widget_set_sensitive (GTK_WIDGET (self->suggest_button), TRUE);
      gtk_button_set_label (self->suggest_button, _("_Suggest"));
    }
  if (picks == NULL)
    return NULL;
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_ptr_array_unref (picks);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "superseded");
      return NULL;
    }
  _pk_coverage_panel_clear_suggestions (self);
  self->suggestions = picks;
  for (guint i = 0; i < self->suggestions->len; i++)
    gtk_list_box_insert (self->suggestions_list,
                         suggestion_row (self, i, g_ptr_array_index (self->suggestions, i), license),
                         (int) i);
  return self->suggestions;
}

static void
on_suggested (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkCoveragePanel *self = PK_COVERAGE_PANEL (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *picks = pk_coverage_panel_suggest_finish (self, result, &error);

  if (picks == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pk_show_error (GTK_WIDGET (self), _("Cannot Suggest Sites"), error->message);
  else if (picks != NULL && picks->len == 0)
    pk_show_error (GTK_WIDGET (self), _("No Site to Suggest"),
                   _("Every city is served, or no county in the scope has free capacity for this "
                     "licence type (LT-7), or no place obeys the spacing and urban/rural rules."));
}

static void
on_suggest_cb (PkCoveragePanel *self)
{
  guint scope = gtk_drop_down_get_selected (self->scope_dropdown);
  gint64 county_id = 0;

  if (scope != GTK_INVALID_LIST_POSITION && scope > 0 && self->counties && scope <= self->counties->len)
    county_id = ((PkPlace *) g_ptr_array_index (self->counties, scope - 1))->id;
  pk_coverage_panel_suggest_async (self, county_id, (guint) gtk_spin_button_get_value_as_int (self->count_spin),
                                   on_suggested, NULL);
}

void
_pk_coverage_panel_class_add_suggestions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_cb);
}
