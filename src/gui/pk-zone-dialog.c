/* pk-zone-dialog.c: an approved zone's name, licence type, capacity (LT-7)
 * and note for applicants — for a zone just drawn or one being edited. The
 * outline comes from the map; the dialog says how many corners it has.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-zone-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-gui-util.h"
#include "pk-text.h"
#include "pk-zone-dialog.h"

struct _PkZoneDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *name_entry;
  GtkDropDown      *license_drop;
  GtkSpinButton    *capacity_spin;
  GtkEntry         *note_entry;

  PkZone           *zone;          /* owned: the outline and id (0 for a new zone) */
};

enum {
  PROP_0,
  PROP_ZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PkZoneDialog, pk_zone_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
set_zone (PkZoneDialog *self,
          const PkZone *zone)
{
  g_autofree char *body = NULL;
  g_autofree char *localized = NULL;

  g_clear_pointer (&self->zone, pk_zone_free);
  self->zone = pk_zone_copy (zone);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), zone->id ? _("Edit Approved Zone")
                                                                        : _("New Approved Zone"));
  body = g_strdup_printf (_("Corners in the outline: %u"), zone->n_points);
  localized = pk_text_localize_digits (body);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), localized);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), zone->name ? zone->name : "");
  gtk_drop_down_set_selected (self->license_drop, zone->license == PK_LICENSE_URBAN ? 0 : 1);
  gtk_spin_button_set_value (self->capacity_spin, MAX (zone->capacity, 1));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), zone->note ? zone->note : "");
}

static void
pk_zone_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PkZoneDialog *self = PK_ZONE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ZONE:
      g_value_take_boxed (value, pk_zone_dialog_get_zone (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_zone_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PkZoneDialog *self = PK_ZONE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ZONE:
      if (g_value_get_boxed (value) != NULL)
        set_zone (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_zone_dialog_finalize (GObject *object)
{
  PkZoneDialog *self = PK_ZONE_DIALOG (object);

  g_clear_pointer (&self->zone, pk_zone_free);
  G_OBJECT_CLASS (pk_zone_dialog_parent_class)->finalize (object);
}

static void
pk_zone_dialog_class_init (PkZoneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pk_zone_dialog_finalize;
  object_class->get_property = pk_zone_dialog_get_property;
  object_class->set_property = pk_zone_dialog_set_property;

  /**
   * PkZoneDialog:zone:
   *
   * The zone as typed: set it to fill the dialog, read it for the values.
   */
  properties[PROP_ZONE] = g_param_spec_boxed ("zone", NULL, NULL, PK_TYPE_ZONE,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                              G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-zone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PkZoneDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, PkZoneDialog, license_drop);
  gtk_widget_class_bind_template_child (widget_class, PkZoneDialog, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, PkZoneDialog, note_entry);
}

static void
pk_zone_dialog_init (PkZoneDialog *self)
{
  const char *licenses[] = { pk_license_display_name (PK_LICENSE_URBAN),
                             pk_license_display_name (PK_LICENSE_RURAL), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (licenses);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->license_drop, G_LIST_MODEL (model));
  pk_spin_button_localize (self->capacity_spin, NULL);
}

/**
 * pk_zone_dialog_new:
 * @zone: the outline, and the values to start from (id 0 for a new zone)
 */
PkZoneDialog *
pk_zone_dialog_new (GtkWindow    *parent,
                    const PkZone *zone)
{
  g_return_val_if_fail (zone != NULL, NULL);
  return g_object_new (PK_TYPE_ZONE_DIALOG, "transient-for", parent, "modal", TRUE, "zone", zone, NULL);
}

/* The zone with what is typed: its outline and id unchanged. Free it. */
PkZone *
pk_zone_dialog_get_zone (PkZoneDialog *self)
{
  PkZone *zone;
  const char *note;

  g_return_val_if_fail (PK_IS_ZONE_DIALOG (self), NULL);
  if (self->zone == NULL)
    return NULL;
  zone = pk_zone_copy (self->zone);
  g_free (zone->name);
  zone->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  zone->license = gtk_drop_down_get_selected (self->license_drop) == 0 ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
  zone->capacity = gtk_spin_button_get_value_as_int (self->capacity_spin);
  note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  g_free (zone->note);
  zone->note = *note ? g_strdup (note) : NULL;
  return zone;
}
