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
  GtkWidget    *save_button;
  AdwPreferencesGroup *conflict_group;
  GtkGrid      *conflict_grid;

  PkOffice     *base;         /* owned: the office as read, what a save is based on */
  PkOffice     *office;       /* owned: what was given, edited on save */
  PkOffice     *theirs;       /* owned, nullable: the stored version a save collided with */
  gboolean      saving;       /* a save is being written; the window answers */
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

  if (self->saving)
    return;
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

  /* the window answers with pk_office_editor_finish_save() or _show_conflict(), now or later */
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[SAVE], 0, o);
}

static void
fill_rows (PkOfficeEditor *self,
           const PkOffice *office)
{
  g_autofree char *where = g_strdup_printf ("%.6f, %.6f", office->lat, office->lon);
  g_autofree char *localized = pk_text_localize_digits (where);

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), office->code ? office->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), office->name ? office->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->holder_row), office->holder ? office->holder : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), office->address ? office->address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->postal_row), office->postal_code ? office->postal_code : "");
  adw_combo_row_set_selected (self->license_row, office->license);
  adw_combo_row_set_selected (self->status_row, office->status);
  adw_action_row_set_subtitle (self->location_row, localized);
}

/* Their version replaces what is typed; saving now changes nothing of theirs. */
static void
on_use_theirs_clicked_cb (PkOfficeEditor *self)
{
  if (self->theirs == NULL)
    return;
  fill_rows (self, self->theirs);
  g_clear_pointer (&self->office, pk_office_free);
  self->office = g_steal_pointer (&self->theirs);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
pk_office_editor_finalize (GObject *object)
{
  PkOfficeEditor *self = PK_OFFICE_EDITOR (object);

  g_clear_pointer (&self->base, pk_office_free);
  g_clear_pointer (&self->office, pk_office_free);
  g_clear_pointer (&self->theirs, pk_office_free);
  G_OBJECT_CLASS (pk_office_editor_parent_class)->finalize (object);
}

static void
pk_office_editor_class_init (PkOfficeEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pk_office_editor_finalize;
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, PK_TYPE_OFFICE | G_SIGNAL_TYPE_STATIC_SCOPE);
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
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, conflict_group);
  gtk_widget_class_bind_template_child (widget_class, PkOfficeEditor, conflict_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_theirs_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_postal_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pk_office_editor_init (PkOfficeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PkOfficeEditor *
pk_office_editor_new (GtkWindow      *parent,
                      const PkOffice *office)
{
  PkOfficeEditor *self = g_object_new (PK_TYPE_OFFICE_EDITOR, "transient-for", parent, NULL);

  self->base = pk_office_copy (office);
  self->office = pk_office_copy (office);
  gtk_window_set_title (GTK_WINDOW (self), office->id ? _("Edit Office") : _("New Office"));
  fill_rows (self, office);
  return self;
}

PkOffice *
pk_office_editor_get_office (PkOfficeEditor *self)
{
  return self->office;
}

/* The office as it was read when the form was filled (or last compared). */
const PkOffice *
pk_office_editor_get_base (PkOfficeEditor *self)
{
  return self->base;
}

gboolean
pk_office_editor_is_saving (PkOfficeEditor *self)
{
  return self->saving;
}

/* Whether another's version is on show beside what was typed. */
gboolean
pk_office_editor_has_conflict (PkOfficeEditor *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->conflict_group));
}

void
pk_office_editor_show_error (PkOfficeEditor *self,
                             const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * pk_office_editor_finish_save:
 * @reason: (nullable): why the save was refused, or %NULL when it is done
 *
 * The answer to "save": done (the editor closes), or refused (the reason
 * shows, what was typed stays).
 */
void
pk_office_editor_finish_save (PkOfficeEditor *self,
                              const char     *reason)
{
  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (reason == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  pk_office_editor_show_error (self, reason);
}

static void
add_conflict_cell (PkOfficeEditor *self,
                   const char     *text,
                   int             column,
                   int             row,
                   gboolean        heading,
                   gboolean        bold)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = NULL;

  if (!heading && (text == NULL || *text == '\0'))
    text = "—";                                   /* an empty field, said */
  markup = g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", text ? text : "");
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), !heading && column > 0);
  gtk_widget_set_hexpand (label, column > 0);
  if (heading || column == 0)
    gtk_widget_add_css_class (label, heading ? "heading" : "dim-label");
  gtk_grid_attach (self->conflict_grid, label, column, row, 1, 1);
}

/**
 * pk_office_editor_show_conflict:
 * @message: who changed the office
 * @theirs: the office as stored now
 *
 * The save collided with another's change: their version and what was typed,
 * field by field where they differ. Saving again keeps what was typed (the
 * form is now based on their version); "Use Theirs" takes theirs.
 */
void
pk_office_editor_show_conflict (PkOfficeEditor *self,
                                const char     *message,
                                const PkOffice *theirs)
{
  const PkOffice *mine = self->office;
  const PkOffice *base = self->base;
  g_autofree char *where_b = g_strdup_printf ("%.6f, %.6f", base->lat, base->lon);
  g_autofree char *where_t = g_strdup_printf ("%.6f, %.6f", theirs->lat, theirs->lon);
  g_autofree char *where_m = g_strdup_printf ("%.6f, %.6f", mine->lat, mine->lon);
  const struct { const char *label, *theirs, *mine, *base; } fields[] = {
    { _("Code"), theirs->code, mine->code, base->code },
    { _("Name"), theirs->name, mine->name, base->name },
    { _("Licence type"), pk_license_display_name (theirs->license), pk_license_display_name (mine->license),
      pk_license_display_name (base->license) },
    { _("Status"), pk_status_display_name (theirs->status), pk_status_display_name (mine->status),
      pk_status_display_name (base->status) },
    { _("Holder"), theirs->holder, mine->holder, base->holder },
    { _("Address"), theirs->address, mine->address, base->address },
    { _("Postal code"), theirs->postal_code, mine->postal_code, base->postal_code },
    { _("Location"), where_t, where_m, where_b },
  };
  g_autofree char *description = NULL;
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflict_grid))) != NULL)
    gtk_grid_remove (self->conflict_grid, child);
  add_conflict_cell (self, "", 0, 0, TRUE, FALSE);
  add_conflict_cell (self, _("Theirs"), 1, 0, TRUE, FALSE);
  add_conflict_cell (self, _("Yours"), 2, 0, TRUE, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *t = NULL;
      g_autofree char *m = NULL;

      if (g_strcmp0 (fields[i].theirs, fields[i].mine) == 0)
        continue;
      t = pk_text_localize_digits (fields[i].theirs ? fields[i].theirs : "");
      m = pk_text_localize_digits (fields[i].mine ? fields[i].mine : "");
      add_conflict_cell (self, fields[i].label, 0, row, FALSE, FALSE);
      /* in bold, each side's own change since the form was filled */
      add_conflict_cell (self, t, 1, row, FALSE, g_strcmp0 (fields[i].theirs, fields[i].base) != 0);
      add_conflict_cell (self, m, 2, row, FALSE, g_strcmp0 (fields[i].mine, fields[i].base) != 0);
      row++;
    }
  if (row == 1)
    add_conflict_cell (self, _("Their version is the same as yours."), 0, 1, FALSE, FALSE);
  description = g_strdup_printf (_("%s In bold, what each changed. Save again to keep yours over theirs, "
                                   "or use theirs."), message);
  adw_preferences_group_set_description (self->conflict_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_group), TRUE);

  g_clear_pointer (&self->base, pk_office_free);
  self->base = pk_office_copy (theirs);
  self->office->record.revision = theirs->record.revision;
  g_clear_pointer (&self->theirs, pk_office_free);
  self->theirs = pk_office_copy (theirs);
  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
}
