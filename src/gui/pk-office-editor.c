/* pk-office-editor.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-office-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-import.h"
#include "pk-office-editor.h"
#include "pk-text.h"

struct _PkOfficeEditor
{
  AdwWindow     parent_instance;

  AdwEntryRow  *code_row;
  AdwEntryRow  *name_row;
  AdwComboRow  *license_row;
  AdwComboRow  *status_row;
  AdwEntryRow  *holder_row;
  AdwEntryRow  *address_row;
  AdwEntryRow  *postal_row;
  AdwActionRow *location_row;
  GtkLabel     *error_label;

  PkOffice     *office;       /* owned: what was given, edited on save */
};

G_DEFINE_FINAL_TYPE (PkOfficeEditor, pk_office_editor, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

/* Validated as typed: the postal code must be 10 digits (Persian digits too). */
static void
on_postal_changed_cb (PkOfficeEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->postal_row));

  if (*text == '\0' || pk_postal_code_is_valid (text))
    gtk_widget_remove_css_class (GTK_WIDGET (self->postal_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->postal_row), "error");
}

static void
on_save_clicked_cb (PkOfficeEditor *self)
{
  PkOffice *o = self->office;
  g_autofree char *reason = NULL;

  g_free (o->code);
  o->code = row_text (self->code_row);
  g_free (o->name);
  o->name = row_text (self->name_row);
  g_free (o->holder);
  o->holder = row_text (self->holder_row);
  g_free (o->address);
  o->address = row_text (self->address_row);
  g_free (o->postal_code);
  o->postal_code = row_text (self->postal_row);
  o->license = adw_combo_row_get_selected (self->license_row) == 1 ? PK_LICENSE_RURAL
                                                                   : PK_LICENSE_URBAN;
  o->status = MIN (adw_combo_row_get_selected (self->status_row), PK_STATUS_SUSPENDED);

  g_signal_emit (self, signals[SAVE], 0, o, &reason);
  if (reason != NULL)
    {
      pk_office_editor_show_error (self, reason);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
pk_office_editor_finalize (GObject *object)
{
  g_clear_pointer (&PK_OFFICE_EDITOR (object)->office, pk_office_free);
  G_OBJECT_CLASS (pk_office_editor_parent_class)->finalize (object);
}

static void
pk_office_editor_class_init (PkOfficeEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pk_office_editor_finalize;
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_STRING, 1, PK_TYPE_OFFICE | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ir/pishkhan/Siting/ui/pk-office-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, license_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, holder_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, postal_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_postal_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pk_office_editor_init (PkOfficeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_row (AdwEntryRow *row,
         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

PkOfficeEditor *
pk_office_editor_new (GtkWindow      *parent,
                      const PkOffice *office)
{
  PkOfficeEditor *self = g_object_new (PK_TYPE_OFFICE_EDITOR, "transient-for", parent, NULL);
  g_autofree char *where = g_strdup_printf ("%.6f, %.6f", office->lat, office->lon);
  g_autofree char *localized = pk_text_localize_digits (where);

  self->office = pk_office_copy (office);
  gtk_window_set_title (GTK_WINDOW (self), office->id ? _("Edit Office") : _("New Office"));
  set_row (self->code_row, office->code);
  set_row (self->name_row, office->name);
  set_row (self->holder_row, office->holder);
  set_row (self->address_row, office->address);
  set_row (self->postal_row, office->postal_code);
  adw_combo_row_set_selected (self->license_row, office->license);
  adw_combo_row_set_selected (self->status_row, office->status);
  adw_action_row_set_subtitle (self->location_row, localized);
  return self;
}

PkOffice *
pk_office_editor_get_office (PkOfficeEditor *self)
{
  return self->office;
}

void
pk_office_editor_show_error (PkOfficeEditor *self,
                             const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
