/* pk-case-window-people.c: the applicant's people (S4): the CEO and board
 * members (EL-10), their identifiers checked as typed, their documents
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pk-case-attach.h"
#include "pk-case-window-private.h"
#include "pk-case-workflow.h"
#include "pk-gui-util.h"
#include "pk-ident.h"
#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-text.h"

typedef struct
{
  PkCaseWindow *self;
  gint64        person_id;
  const char   *what;          /* "name", "national_code", "mobile", "EL-n", "on_board" */
  AdwActionRow *row;
} PersonData;

static PkCasePerson *
find_person (PkCaseWindow *self,
             gint64        id)
{
  for (guint i = 0; i < self->c->people->len; i++)
    if (((PkCasePerson *) g_ptr_array_index (self->c->people, i))->id == id)
      return g_ptr_array_index (self->c->people, i);
  return NULL;
}

/* Identity fields are kept as typed (nothing is lost) and checked as typed:
 * the row says what is wrong with a national code or a mobile number. */
static void
on_person_entry_changed_cb (GtkEditable *entry,
                            PersonData  *d)
{
  PkCasePerson *p = find_person (d->self, d->person_id);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *reason = NULL;
  g_autofree char *normalized = NULL;

  if (p == NULL)
    return;
  if (g_str_equal (d->what, "national_code") && *text)
    reason = pk_ident_check_national_code (text, &normalized);
  else if (g_str_equal (d->what, "mobile") && *text)
    reason = pk_ident_check_mobile (text, &normalized);
  adw_action_row_set_subtitle (d->row, reason ? reason : "");
  if (reason)
    gtk_widget_add_css_class (GTK_WIDGET (d->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (d->row), "error");
  if (g_str_equal (d->what, "name"))
    {
      g_free (p->name);
      p->name = g_strdup (text);
    }
  else if (g_str_equal (d->what, "national_code"))
    {
      g_free (p->national_code);
      p->national_code = g_strdup (normalized ? normalized : text);
    }
  else
    {
      g_free (p->mobile);
      p->mobile = g_strdup (normalized ? normalized : text);
    }
  _pk_case_window_person_typed (d->self, p);
}

static void
on_person_check_cb (GtkCheckButton *button,
                    PersonData     *d)
{
  PkCasePerson *p = find_person (d->self, d->person_id);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  if (p == NULL)
    return;
  if (g_str_equal (d->what, "on_board"))
    {
      p->on_board = gtk_check_button_get_active (button);
      _pk_case_window_person_typed (d->self, p);
      return;
    }
  if (p->eligibility && (parser = pk_json_parse_text (p->eligibility)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_copy (json_parser_get_root (parser));
  else
    root = json_node_init_object (json_node_alloc (), json_object_new ());
  o = json_node_get_object (root);
  json_object_set_boolean_member (o, d->what, gtk_check_button_get_active (button));
  json_generator_set_root (gen, root);
  g_free (p->eligibility);
  p->eligibility = json_generator_to_data (gen, NULL);
  _pk_case_window_person_typed (d->self, p);
}

static GtkWidget *
person_entry_row (PkCaseWindow *self,
                  PkCasePerson *p,
                  const char   *what,
                  const char   *title,
                  const char   *value)
{
  PersonData *d = g_new0 (PersonData, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *shown = g_str_equal (what, "name") ? g_strdup (value) : pk_text_localize_digits (value);

  d->self = self;
  d->person_id = p->id;
  d->what = what;
  d->row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (entry), shown ? shown : "");
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), g_str_equal (what, "name") ? 24 : 14);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  if (!g_str_equal (what, "name") && value && *value)
    {
      g_autofree char *reason = g_str_equal (what, "mobile") ? pk_ident_check_mobile (value, NULL)
                                                             : pk_ident_check_national_code (value, NULL);
      if (reason)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
          gtk_widget_add_css_class (row, "error");
        }
    }
  g_signal_connect_data (entry, "changed", G_CALLBACK (on_person_entry_changed_cb), d,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  if (g_str_equal (what, "national_code") && g_hash_table_lookup (self->entries, "person.national_code") == NULL)
    g_hash_table_insert (self->entries, (gpointer) "person.national_code", entry);
  return row;
}

static GtkWidget *
person_check_row (PkCaseWindow *self,
                  PkCasePerson *p,
                  const char   *what,
                  const char   *title,
                  gboolean      active)
{
  PersonData *d = g_new0 (PersonData, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  d->self = self;
  d->person_id = p->id;
  d->what = what;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_data (check, "toggled", G_CALLBACK (on_person_check_cb), d,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  return row;
}

static void
on_add_person_cb (GtkButton *button,
                  gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  _pk_case_window_add_person (self, g_object_get_data (G_OBJECT (button), "role"));
}

static void
on_remove_person_cb (GtkButton *button,
                     gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  _pk_case_window_remove_person (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "person")));
}

static gboolean
eligible (const PkCasePerson *p,
          const char         *id)
{
  g_autoptr(JsonParser) parser = NULL;

  return p->eligibility && (parser = pk_json_parse_text (p->eligibility)) != NULL &&
         JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) &&
         json_object_get_boolean_member_with_default (json_node_get_object (json_parser_get_root (parser)), id, FALSE);
}

void
_pk_case_window_add_people (PkCaseWindow *self,
                            GtkWidget    *page)
{
  static const char * const docs[] = {
    "national-card", "birth-certificate", "military-card", "no-record-certificate", "photo", NULL
  };
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *roles[4] = { NULL };

  if (self->c->request == PK_REQUEST_DEPUTY)
    roles[0] = "deputy";
  else if (self->c->applicant == PK_APPLICANT_PERSON)
    roles[0] = "applicant";
  else
    {
      roles[0] = "ceo";
      roles[1] = "board";
    }
  for (guint i = 0; i < self->c->people->len; i++)
    {
      PkCasePerson *p = g_ptr_array_index (self->c->people, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *title = g_strdup_printf ("%s — %s", pk_case_role_display_name (p->role),
                                                p->name && *p->name ? p->name : _("(no name yet)"));
      g_autofree char *problem = pk_case_check_person (p);
      GtkWidget *remove = _pk_case_window_small_button ("user-trash-symbolic", NULL, _("Remove this person"));

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             problem ? problem : _("Identity and eligibility confirmed"));
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (remove), "person", GSIZE_TO_POINTER (p->id));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_person_cb), NULL);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 person_entry_row (self, p, "name", _("Full name"), p->name));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 person_entry_row (self, p, "national_code", _("National code"), p->national_code));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 person_entry_row (self, p, "mobile", _("Mobile number (the national-card holder’s)"),
                                                   p->mobile));
      if (g_strcmp0 (p->role, "ceo") == 0)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   person_check_row (self, p, "on_board", _("Also a board member (EL-10)"),
                                                     p->on_board));
      for (const char * const *el = pk_eligibility_ids (); *el; el++)
        {
          GtkWidget *row = person_check_row (self, p, *el, pk_eligibility_label (*el), eligible (p, *el));
          const char *evidence = pk_eligibility_evidence (*el);
          gboolean attached = FALSE;
          g_autofree char *subtitle = NULL;

          for (guint k = 0; evidence && k < self->c->documents->len; k++)
            {
              const PkCaseDocument *d = g_ptr_array_index (self->c->documents, k);
              attached |= d->person_id == p->id && g_str_equal (d->kind, evidence) && d->pass;
            }
          subtitle = evidence
                     ? g_strdup_printf (attached ? _("Evidence: %s, attached below") : _("Evidence: %s, not attached yet"),
                                        pk_doc_kind_display (evidence))
                     : g_strdup (g_str_equal (*el, "EL-5") ? _("Evidence: the employment inquiries (S7, S8)")
                                 : g_str_equal (*el, "EL-6") ? _("Evidence: the bank-debt statement (DOC-7)")
                                 : _("Declared by the person"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      for (guint k = 0; docs[k]; k++)
        _pk_case_window_add_documents (self, group, docs[k], p->id);
      if (g_strcmp0 (p->role, "applicant") == 0 || g_strcmp0 (p->role, "ceo") == 0)
        _pk_case_window_add_documents (self, group, "degree", p->id);
      gtk_box_append (GTK_BOX (page), group);
    }
  for (guint i = 0; roles[i]; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Add %s"), pk_case_role_display_name (roles[i]));
      GtkWidget *button = gtk_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "role", (gpointer) roles[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_person_cb), NULL);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (page), buttons);
}

