/* pk-case-window-fields.c: a stage's fields — checked as typed, saved after
 * a pause in typing, in a worker, in the order typed
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-case-window-private.h"
#include "pk-case-workflow.h"
#include "pk-gui-util.h"
#include "pk-jalali.h"
#include "pk-text.h"

typedef struct
{
  PkCaseWindow      *self;
  const PkFieldInfo *field;
  AdwActionRow      *row;
} FieldData;

static void
show_field_state (FieldData  *d,
                  const char *reason)
{
  if (reason != NULL)
    {
      adw_action_row_set_subtitle (d->row, reason);
      gtk_widget_add_css_class (GTK_WIDGET (d->row), "error");
    }
  else
    {
      const char *hint = d->field->type == PK_FIELD_DATE
                         ? (pk_text_locale_is_persian () ? _("Solar Hijri, e.g. 1405/08/29") : _("e.g. 2026-11-20 or 1405/08/29"))
                         : d->field->optional ? _("optional") : NULL;
      g_autofree char *localized = hint ? pk_text_localize_digits (hint) : NULL;

      adw_action_row_set_subtitle (d->row, localized ? localized : "");
      gtk_widget_remove_css_class (GTK_WIDGET (d->row), "error");
    }
}

/* ---- saving as typed, in the background ------------------------------------ */

GHashTable *
_pk_case_window_people_table_new (void)
{
  /* keyed by the person's own id: the value owns the key */
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) pk_case_person_free);
}

/* @fields (key → value) and @people (id → PkCasePerson) as typed, put over
 * @c as read (thread-safe: a summary does it in a worker). */
void
_pk_case_overlay_typed (PkCase     *c,
                        GHashTable *fields,
                        GHashTable *people)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value == NULL || *(const char *) value == '\0')
      g_hash_table_remove (c->fields, key);
    else
      g_hash_table_replace (c->fields, g_strdup (key), g_strdup (value));
  for (guint i = 0; i < c->people->len; i++)
    {
      PkCasePerson *p = g_ptr_array_index (c->people, i);
      PkCasePerson *typed = g_hash_table_lookup (people, &p->id);

      if (typed != NULL)
        {
          g_ptr_array_index (c->people, i) = pk_case_person_copy (typed);
          pk_case_person_free (p);
        }
    }
}

/* What is typed and not yet stored, put back over a case just read (the read
 * may predate the typing). */
void
_pk_case_window_reapply_typed (PkCaseWindow *self)
{
  _pk_case_overlay_typed (self->c, self->pending, self->pending_people);
}

static gboolean
on_save_timeout (gpointer data)
{
  PkCaseWindow *self = data;

  self->save_timeout = 0;
  _pk_case_window_save_typed (self);
  return G_SOURCE_REMOVE;
}

/**
 * _pk_case_window_person_typed:
 *
 * A person's details as they now stand on the page (S4): saved with the
 * fields, after a pause in typing, in a worker.
 */
void
_pk_case_window_person_typed (PkCaseWindow       *self,
                              const PkCasePerson *person)
{
  PkCasePerson *copy = pk_case_person_copy (person);

  g_hash_table_replace (self->pending_people, &copy->id, copy);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (400, on_save_timeout, self);
}

/* Checked as typed; when valid, saved after a pause in typing, in a worker:
 * typing never waits for the disk. The reason is shown when it is not valid. */
static void
on_field_changed_cb (GtkEditable *entry,
                     FieldData   *d)
{
  PkCaseWindow *self = d->self;
  g_autofree char *value = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *normalized = NULL;
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (d->field->type == PK_FIELD_DATE && *stripped != '\0')
    {
      if (!pk_date_parse_input (stripped, &value))
        {
          show_field_state (d, _("not a date: type year/month/day"));
          return;
        }
    }
  else
    value = g_steal_pointer (&stripped);
  if ((reason = pk_case_check_field (d->field, value, &normalized)) != NULL)
    {
      show_field_state (d, reason);
      return;
    }
  show_field_state (d, NULL);
  g_hash_table_replace (self->pending, g_strdup (d->field->key), g_steal_pointer (&value));
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (400, on_save_timeout, self);
}

static void
on_check_toggled_cb (GtkCheckButton *button,
                     FieldData      *d)
{
  _pk_case_window_set_field (d->self, d->field->key, gtk_check_button_get_active (button) ? "1" : NULL);
}

static void
on_choice_changed_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      FieldData   *d)
{
  g_auto(GStrv) keys = g_strsplit (d->field->choices, "|", -1);
  guint i = adw_combo_row_get_selected (row);
  const char *value = i > 0 && i <= g_strv_length (keys) ? keys[i - 1] : NULL;

  _pk_case_window_set_field (d->self, d->field->key, value);
}

GtkWidget *
_pk_case_window_field_row (PkCaseWindow      *self,
                           const PkFieldInfo *field)
{
  FieldData *d = g_new0 (FieldData, 1);
  const char *value = pk_case_get_field (self->c, field->key);
  GtkWidget *row;

  d->self = self;
  d->field = field;
  if (field->type == PK_FIELD_CHOICE)
    {
      g_auto(GStrv) keys = g_strsplit (field->choices, "|", -1);
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (list, _("Not set"));
      for (guint i = 0; keys[i]; i++)
        {
          gtk_string_list_append (list, pk_case_choice_label (keys[i]));
          if (g_strcmp0 (value, keys[i]) == 0)
            selected = i + 1;
        }
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_case_field_label (field));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_signal_connect_data (row, "notify::selected", G_CALLBACK (on_choice_changed_cb), d,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      return row;
    }
  row = adw_action_row_new ();
  d->row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_case_field_label (field));
  if (field->type == PK_FIELD_CHECK)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (value, "1") == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_data (check, "toggled", G_CALLBACK (on_check_toggled_cb), d,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      g_hash_table_insert (self->entries, (gpointer) field->key, check);
      return row;
    }
  {
    GtkWidget *entry = gtk_entry_new ();
    g_autofree char *shown = NULL;

    if (field->type == PK_FIELD_DATE && value != NULL)
      shown = pk_date_format_for_locale (value);
    else if (value != NULL && (field->type == PK_FIELD_NATIONAL_ID || field->type == PK_FIELD_POSTAL_CODE))
      shown = pk_text_localize_digits (value);
    gtk_editable_set_text (GTK_EDITABLE (entry), shown ? shown : value ? value : "");
    gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
    gtk_editable_set_width_chars (GTK_EDITABLE (entry), field->type == PK_FIELD_TEXT ? 28 : 14);
    if (field->type != PK_FIELD_TEXT)
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), field->type == PK_FIELD_DATE ? GTK_INPUT_PURPOSE_FREE_FORM
                                                                                   : GTK_INPUT_PURPOSE_DIGITS);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
    show_field_state (d, NULL);
    g_signal_connect_data (entry, "changed", G_CALLBACK (on_field_changed_cb), d,
                           (GClosureNotify) (void (*) (void)) g_free, 0);
    g_hash_table_insert (self->entries, (gpointer) field->key, entry);
  }
  return row;
}
