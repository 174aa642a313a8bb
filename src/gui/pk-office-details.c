/* pk-office-details.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-office-details"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-jalali.h"
#include "pk-office-details.h"
#include "pk-text.h"

struct _PkOfficeDetails
{
  GtkBox     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *sample_label;
  GtkGrid   *grid;

  int        n_rows;
};

G_DEFINE_FINAL_TYPE (PkOfficeDetails, pk_office_details, GTK_TYPE_BOX)

static void
add_row (PkOfficeDetails *self,
         const char      *key,
         const char      *value)
{
  GtkWidget *k = gtk_label_new (key);
  GtkWidget *v = gtk_label_new (value && *value ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (k), 0);
  gtk_widget_add_css_class (k, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (self->grid, k, 0, self->n_rows, 1, 1);
  gtk_grid_attach (self->grid, v, 1, self->n_rows, 1, 1);
  self->n_rows++;
}

static void
pk_office_details_class_init (PkOfficeDetailsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ir/pishkhan/Siting/ui/pk-office-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PkOfficeDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeDetails, sample_label);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeDetails, grid);
}

static void
pk_office_details_init (PkOfficeDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pk_office_details_new (void)
{
  return g_object_new (PK_TYPE_OFFICE_DETAILS, NULL);
}

void
pk_office_details_set_office (PkOfficeDetails *self,
                              const PkOffice  *o,
                              const PkPlace   *county)
{
  GtkWidget *child;
  g_autofree char *code = NULL;
  g_autofree char *postal = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *expires = NULL;

  g_return_if_fail (PK_IS_OFFICE_DETAILS (self));
  g_return_if_fail (o != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  self->n_rows = 0;

  gtk_label_set_label (self->title_label, o->name);
  gtk_widget_set_visible (GTK_WIDGET (self->sample_label), o->sample);

  code = pk_text_localize_digits (o->code);
  postal = pk_text_localize_digits (o->postal_code);
  issued = pk_date_format_for_locale (o->license_issued);
  expires = pk_date_format_for_locale (o->license_expires);

  add_row (self, _("Code"), code);
  add_row (self, _("Licence type"), pk_license_display_name (o->license));
  add_row (self, _("Status"), pk_status_display_name (o->status));
  add_row (self, _("Holder"), o->holder);
  add_row (self, _("Address"), o->address);
  add_row (self, _("Postal code"), postal);
  add_row (self, _("County"), county ? pk_place_display_name (county) : NULL);
  add_row (self, _("Licence issued"), issued);
  add_row (self, _("Licence expires"), expires);
}
