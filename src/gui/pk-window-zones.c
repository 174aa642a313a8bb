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

static void open_zone_dialog (PkWindow     *self,
                              const PkZone *zone);

typedef struct
{
  PkWindow    *self;
  PkZone      *zone;       /* owned: the outline and the id (0 for a new zone) */
  GtkEntry    *name;
  GtkDropDown *license;
  GtkSpinButton *capacity;
  GtkEntry    *note;
} ZoneDialog;

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

static void
zone_dialog_free (ZoneDialog *d)
{
  pk_zone_free (d->zone);
  g_free (d);
}

static void
on_zone_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            ZoneDialog       *d)
{
  g_autoptr(PkZone) after = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *note;

  if (!g_str_equal (response, "save"))
    return;
  after = pk_zone_copy (d->zone);
  g_free (after->name);
  after->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name)));
  after->license = gtk_drop_down_get_selected (d->license) == 0 ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
  after->capacity = gtk_spin_button_get_value_as_int (d->capacity);
  note = gtk_editable_get_text (GTK_EDITABLE (d->note));
  g_free (after->note);
  after->note = *note ? g_strdup (note) : NULL;
  if (after->id != 0 && (before = pk_store_get_zone (d->self->store, after->id, &error)) == NULL)
    {
      _pk_window_show_error (d->self, _("Cannot Save the Zone"), error->message);
      return;
    }
  if (!pk_window_edit_zone (d->self, before, after, &error))
    {
      /* nothing typed is lost: the dialog comes back with the same values */
      _pk_window_show_error (d->self, _("Cannot Save the Zone"), error->message);
      open_zone_dialog (d->self, after);
    }
}

/* Name, licence type, capacity and note of @zone (new when its id is 0). */
static void
open_zone_dialog (PkWindow     *self,
                  const PkZone *zone)
{
  ZoneDialog *d = g_new0 (ZoneDialog, 1);
  GtkWidget *dialog, *grid, *label;
  g_autofree char *body = NULL;
  g_autofree char *localized = NULL;
  const char *licenses[] = { pk_license_display_name (PK_LICENSE_URBAN),
                             pk_license_display_name (PK_LICENSE_RURAL), NULL };

  d->self = self;
  d->zone = pk_zone_copy (zone);
  body = g_strdup_printf (_("Corners in the outline: %u"), zone->n_points);
  localized = pk_text_localize_digits (body);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), zone->id ? _("Edit Approved Zone")
                                                                : _("New Approved Zone"), localized);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);

  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  d->name = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (d->name), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (d->name), zone->name ? zone->name : "");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->name));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->name), 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Licence"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  d->license = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (licenses));
  gtk_drop_down_set_selected (d->license, zone->license == PK_LICENSE_URBAN ? 0 : 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->license));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->license), 1, 1, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Offices it may take"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  d->capacity = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 1000, 1));
  gtk_spin_button_set_value (d->capacity, MAX (zone->capacity, 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->capacity));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->capacity), 1, 2, 1, 1);

  label = gtk_label_new_with_mnemonic (_("N_ote for applicants"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 3, 1, 1);
  d->note = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (d->note), zone->note ? zone->note : "");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->note));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->note), 1, 3, 1, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_zone_dialog_response_cb), d,
                         (GClosureNotify) (void (*) (void)) zone_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (d->name));
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
      g_autoptr(PkZone) before = pk_store_get_zone (self->store, self->redraw_zone, &error);
      g_autoptr(PkZone) after = NULL;

      self->redraw_zone = 0;
      if (before == NULL)
        {
          _pk_window_show_error (self, _("Cannot Save the Zone"), error->message);
          return;
        }
      after = pk_zone_copy (before);
      g_free (after->xy);
      after->xy = g_memdup2 (outline->xy, sizeof (double) * 2 * outline->n_points);
      after->n_points = outline->n_points;
      if (!pk_window_edit_zone (self, before, after, &error))
        _pk_window_show_error (self, _("Cannot Save the Zone"), error->message);
      return;
    }
  {
    g_autoptr(PkZone) zone = pk_zone_copy (outline);

    zone->license = pk_coverage_panel_get_license (self->coverage_panel);
    open_zone_dialog (self, zone);
  }
}

void
_pk_window_zone_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkZone) zone = NULL;

  pk_map_view_popdown_info (self->map_view);
  if (self->store == NULL || (zone = pk_store_get_zone (self->store, id, &error)) == NULL)
    {
      if (error != NULL)
        _pk_window_toast (self, error->message);
      return;
    }
  if (g_str_equal (action_name, "win.edit-zone"))
    open_zone_dialog (self, zone);
  else if (g_str_equal (action_name, "win.redraw-zone"))
    {
      self->redraw_zone = id;
      pk_map_view_start_zone (self->map_view, NULL);
      _pk_window_toast (self, _("Click the new corners; Enter finishes, Escape keeps the old outline"));
    }
  else if (!pk_window_edit_zone (self, zone, NULL, &error))
    _pk_window_show_error (self, _("Cannot Remove the Zone"), error->message);
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
  GPtrArray *zones = pk_coverage_panel_get_zones (self->coverage_panel);
  g_autoptr(GPtrArray) offices = NULL;
  PkZone *zone = NULL;
  GtkWidget *box, *label, *buttons;
  g_autofree char *details = NULL;
  g_autofree char *localized = NULL;
  const struct { const char *label, *action; } actions[] = {
    { _("_Edit"), "win.edit-zone" },
    { _("_Redraw"), "win.redraw-zone" },
    { _("Re_move"), "win.delete-zone" },
  };

  for (guint i = 0; zones && i < zones->len; i++)
    if (((PkZone *) g_ptr_array_index (zones, i))->id == id)
      zone = g_ptr_array_index (zones, i);
  if (zone == NULL)
    return;
  offices = pk_store_list_offices (self->store, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (zone->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  details = g_strdup_printf (_("Approved zone for new offices\n%s · %u of %d offices · %.0f km²%s%s"),
                             pk_license_display_name (zone->license),
                             pk_zone_count_offices (zone, offices), zone->capacity, zone->area_km2,
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
