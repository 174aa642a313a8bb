/* pk-window-zones.c: approved zones: drawing, naming, redrawing, removing
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-text.h"
#include "pk-window-private.h"
#include "pk-zone-dialog.h"


void
_pk_window_draw_zone_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  self->redraw_zone = 0;
  pk_map_view_start_zone (self->map_view, NULL);
  _pk_window_toast (self, _("Click the corners of the zone; Enter or a double-click finishes, Escape cancels"));
}

/* The zone as the coverage panel last read it, or NULL. */
static const PkZone *
listed_zone (PkWindow *self,
             gint64    id)
{
  GPtrArray *zones = pk_coverage_panel_get_zones (self->coverage_panel);

  for (guint i = 0; zones != NULL && i < zones->len; i++)
    if (((PkZone *) g_ptr_array_index (zones, i))->id == id)
      return g_ptr_array_index (zones, i);
  return NULL;
}

static void
on_zone_dialog_response_cb (PkZoneDialog *dialog,
                            const char   *response,
                            PkWindow     *self)
{
  g_autoptr(PkZone) after = NULL;

  if (!g_str_equal (response, "save") || self->history == NULL)
    return;
  after = pk_zone_dialog_get_zone (dialog);
  /* the dialog's zone carries the revision it was filled from: saved over
   * another's change only once that has been shown (pk-window-edit.c) */
  pk_window_edit_zone (self, after->id != 0 ? after : NULL, after, TRUE);
}

/* Name, licence type, capacity and note of @zone (new when its id is 0). */
void
_pk_window_open_zone_dialog (PkWindow     *self,
                             const PkZone *zone)
{
  PkZoneDialog *dialog = pk_zone_dialog_new (GTK_WINDOW (self), zone);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_zone_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A finished drawing: a new zone (named in a dialog), or a redrawn outline. */
void
_pk_window_on_zone_drawn_cb (PkWindow  *self,
                             PkZone    *outline,
                             PkMapView *map)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!pk_zone_validate (&(PkZone) { .name = (char *) "-", .capacity = 1, .n_points = outline->n_points,
                                     .xy = outline->xy }, &error))
    {
      _pk_window_show_error (self, _("Cannot Use the Outline"), error->message);
      self->redraw_zone = 0;
      return;
    }
  if (self->redraw_zone != 0)
    {
      const PkZone *before = listed_zone (self, self->redraw_zone);
      g_autoptr(PkZone) after = NULL;

      self->redraw_zone = 0;
      if (before == NULL || self->history == NULL)
        {
          _pk_window_show_error (self, _("Cannot Save the Zone"),
                                 _("The zone was removed meanwhile; its outline is not saved."));
          return;
        }
      after = pk_zone_copy (before);
      g_free (after->xy);
      after->xy = g_memdup2 (outline->xy, sizeof (double) * 2 * outline->n_points);
      after->n_points = outline->n_points;
      /* the rest of the zone as listed: refused, and the outline offered in the
       * dialog, if another changed it since */
      pk_window_edit_zone (self, before, after, TRUE);
      return;
    }
  {
    g_autoptr(PkZone) zone = pk_zone_copy (outline);

    zone->license = pk_coverage_panel_get_license (self->coverage_panel);
    _pk_window_open_zone_dialog (self, zone);
  }
}

void
_pk_window_zone_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);
  const PkZone *zone;

  pk_map_view_popdown_info (self->map_view);
  /* the zone as listed: the popover was opened from that list */
  if (self->store == NULL || self->history == NULL || (zone = listed_zone (self, id)) == NULL)
    return;
  if (g_str_equal (action_name, "win.edit-zone"))
    _pk_window_open_zone_dialog (self, zone);
  else if (g_str_equal (action_name, "win.redraw-zone"))
    {
      self->redraw_zone = id;
      pk_map_view_start_zone (self->map_view, NULL);
      _pk_window_toast (self, _("Click the new corners; Enter finishes, Escape keeps the old outline"));
    }
  else
    pk_window_edit_zone (self, zone, NULL, FALSE);
}

static void
zone_popover_button_cb (GtkButton *button,
                        gpointer   unused)
{
  gtk_widget_activate_action (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "action"),
                              "x", (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "zone")));
}

/* A click on an approved zone: what it is and what may be done with it. */
void
_pk_window_on_zone_picked_cb (PkWindow  *self,
                              gint64     id,
                              double     x,
                              double     y,
                              PkMapView *map)
{
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  const PkZone *zone = listed_zone (self, id);
  GtkWidget *box, *label, *buttons;
  g_autofree char *details = NULL;
  g_autofree char *localized = NULL;
  const struct { const char *label, *action; } actions[] = {
    { _("_Edit"), "win.edit-zone" },
    { _("_Redraw"), "win.redraw-zone" },
    { _("Re_move"), "win.delete-zone" },
  };

  if (zone == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (zone->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  details = g_strdup_printf (_("Approved zone for new offices\n%s · %u of %d offices · %.0f km²%s%s"),
                             pk_license_display_name (zone->license),
                             checker ? pk_zone_count_offices (zone, pk_site_checker_get_offices (checker)) : 0,
                             zone->capacity, zone->area_km2,
                             zone->note ? "\n" : "", zone->note ? zone->note : "");
  localized = pk_text_localize_digits (details);
  label = gtk_label_new (localized);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_box_append (GTK_BOX (box), label);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (actions[i].label);

      g_object_set_data (G_OBJECT (button), "action", (gpointer) actions[i].action);
      g_object_set_data (G_OBJECT (button), "zone", GSIZE_TO_POINTER (id));
      g_signal_connect (button, "clicked", G_CALLBACK (zone_popover_button_cb), NULL);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (box), buttons);
  pk_map_view_popup_info (self->map_view, box, x, y);
}

void
_pk_window_on_vacant_picked_cb (PkWindow  *self,
                                double     lat,
                                double     lon,
                                double     x,
                                double     y,
                                PkMapView *map)
{
  GtkWidget *content = pk_coverage_panel_describe_vacant (self->coverage_panel, lat, lon);

  if (content != NULL)
    pk_map_view_popup_info (self->map_view, content, x, y);
}
