/* pk-case-window.c
 *
 * The case wizard: the stage map on the side (every stage of this request,
 * with its state), one page per stage — what it asks, who does it, its
 * fields, the site, the documents with their thumbnails and check results,
 * the people — and the history as a timeline. Every field is saved as it is
 * typed; the page says at once what is still missing. The window opens at
 * the stage where the case stopped.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pk-json.h"
#include "pk-case-attach.h"
#include "pk-case-window.h"
#include "pk-case-workflow.h"
#include "pk-check-panel.h"
#include "pk-gui-util.h"
#include "pk-ident.h"
#include "pk-jalali.h"
#include "pk-map-view.h"
#include "pk-report.h"
#include "pk-text.h"

struct _PkCaseWindow
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *title;
  GtkListBox        *stage_list;
  GtkScrolledWindow *page_scroller;
  GtkLabel          *missing_label;     /* on the shown page, updated as fields change */

  PkStore           *store;              /* owned */
  PkCase            *c;                  /* owned, reloaded after each write */
  char              *shown;              /* stage id, or NULL for the history */
  GHashTable        *entries;            /* field key → GtkEditable, for tests */
  guint              n_thumbnails;
  guint              n_marked;
  PkCheckPanel      *check;              /* on a site page */
  PkMapView         *map;
  GtkWidget         *attach_banner;      /* "Checking the document…" while one is */
  guint              n_attaching;
  GCancellable      *cancellable;        /* the window's work in the background */
};

G_DEFINE_FINAL_TYPE (PkCaseWindow, pk_case_window, ADW_TYPE_WINDOW)

static void build_page (PkCaseWindow *self);

static const char *
state_icon (PkStageState state)
{
  switch (state)
    {
    case PK_STAGE_DONE: return "emblem-ok-symbolic";
    case PK_STAGE_RETURNED: return "mail-reply-sender-symbolic";
    case PK_STAGE_MISSING: return "dialog-warning-symbolic";
    case PK_STAGE_TODO:
    default: return "media-record-symbolic";
    }
}

static gboolean
reload (PkCaseWindow *self)
{
  g_autoptr(GError) error = NULL;
  PkCase *c = pk_store_get_case (self->store, self->c->id, &error);

  if (c == NULL)
    {
      pk_show_error (GTK_WIDGET (self), _("Cannot Read the Case"), error->message);
      return FALSE;
    }
  pk_case_free (self->c);
  self->c = c;
  return TRUE;
}

/* The stage map: every stage of this case with its state, then the history. */
static void
fill_stage_list (PkCaseWindow *self)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (self->c);
  GtkListBoxRow *old;
  GtkWidget *row;

  while ((old = gtk_list_box_get_row_at_index (self->stage_list, 0)) != NULL)
    gtk_list_box_remove (self->stage_list, GTK_WIDGET (old));
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      PkStageState state = pk_case_stage_state (self->c, st);
      g_autofree char *title = g_strdup_printf ("%s  %s", st->id, pk_stage_title (st));
      GtkWidget *icon = gtk_image_new_from_icon_name (state_icon (state));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pk_stage_state_display_name (state));
      if (state == PK_STAGE_DONE)
        gtk_widget_add_css_class (icon, "success");
      else if (state == PK_STAGE_RETURNED)
        gtk_widget_add_css_class (icon, "error");
      else if (state == PK_STAGE_MISSING)
        gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "stage", (gpointer) st->id);
      gtk_list_box_append (self->stage_list, row);
      if (g_strcmp0 (self->shown, st->id) == 0)
        gtk_list_box_select_row (self->stage_list, GTK_LIST_BOX_ROW (row));
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("History"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Every stage change, return and resubmission"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-open-recent-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_list_box_append (self->stage_list, row);
  if (self->shown == NULL)
    gtk_list_box_select_row (self->stage_list, GTK_LIST_BOX_ROW (row));
}

static void
update_missing (PkCaseWindow *self)
{
  const PkStageInfo *st = self->shown ? pk_stage_info (self->shown) : NULL;
  g_autoptr(GPtrArray) missing = NULL;
  GString *text;

  if (st == NULL || self->missing_label == NULL)
    return;
  missing = pk_case_missing (self->c, st);
  if (missing->len == 0)
    {
      gtk_label_set_text (self->missing_label, pk_case_stage_state (self->c, st) == PK_STAGE_DONE
                                               ? _("This stage is done.")
                                               : _("Nothing is missing: the stage can be marked done."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "success");
      return;
    }
  text = g_string_new (_("Missing:"));
  for (guint i = 0; i < missing->len; i++)
    g_string_append_printf (text, "\n%s%s", pk_text_bullet (), (char *) g_ptr_array_index (missing, i));
  {
    g_autofree char *localized = pk_text_localize_digits (text->str);
    gtk_label_set_text (self->missing_label, localized);
  }
  g_string_free (text, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "warning");
}

/* After a write: the case again, the stage map's states, the missing list. */
static void
refresh (PkCaseWindow *self)
{
  if (!reload (self))
    return;
  fill_stage_list (self);
  update_missing (self);
}

static GtkWidget *
label_new (const char *text,
           const char *css)
{
  /* in Persian a paragraph that starts with an ID (EL-10: …) still reads right to left */
  g_autofree char *marked = pk_text_locale_is_persian () && text && *text ? g_strconcat ("\u200F", text, NULL) : NULL;
  GtkWidget *label = gtk_label_new (marked ? marked : text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
  if (css)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* ---- fields -------------------------------------------------------------- */

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

/* Saved as typed, when it is valid; the reason shown when it is not. */
static void
on_field_changed_cb (GtkEditable *entry,
                     FieldData   *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
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
  if (!pk_case_workflow_set_field (d->self->store, d->self->c->id, d->field->key, value, &error))
    {
      /* the message starts with the field's label, which the row already shows */
      const char *colon = strstr (error->message, ": ");

      show_field_state (d, colon ? colon + 2 : error->message);
      return;
    }
  show_field_state (d, NULL);
  refresh (d->self);
}

static void
on_check_toggled_cb (GtkCheckButton *button,
                     FieldData      *d)
{
  g_autoptr(GError) error = NULL;

  if (!pk_case_workflow_set_field (d->self->store, d->self->c->id, d->field->key,
                                   gtk_check_button_get_active (button) ? "1" : NULL, &error))
    pk_show_error (GTK_WIDGET (d->self), _("Cannot Save"), error->message);
  refresh (d->self);
}

static void
on_choice_changed_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      FieldData   *d)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = g_strsplit (d->field->choices, "|", -1);
  guint i = adw_combo_row_get_selected (row);
  const char *value = i > 0 && i <= g_strv_length (keys) ? keys[i - 1] : NULL;

  if (!pk_case_workflow_set_field (d->self->store, d->self->c->id, d->field->key, value, &error))
    pk_show_error (GTK_WIDGET (d->self), _("Cannot Save"), error->message);
  refresh (d->self);
}

static GtkWidget *
field_row (PkCaseWindow      *self,
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

/* ---- documents ----------------------------------------------------------- */

/* Small pictures of the pages — made when the document was checked, so the
 * page is not decoded again — a page a rule failed on framed in red, saying why. */
static GtkWidget *
thumbnails (PkCaseWindow         *self,
            const PkCaseDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pngs = pk_store_get_case_document_thumbnails (self->store, doc->id, &error);
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *findings = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  if (pngs == NULL)
    return box;
  if (doc->findings && (parser = pk_json_parse_text (doc->findings)) != NULL &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    findings = json_node_get_array (json_parser_get_root (parser));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 8);
  for (guint i = 0; i < pngs->len && i < 40; i++)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (g_ptr_array_index (pngs, i), NULL);
      GString *why = g_string_new (NULL);
      GtkWidget *frame, *picture, *vbox, *caption;

      if (texture == NULL)
        {
          g_string_free (why, TRUE);
          continue;
        }
      for (guint k = 0; findings && k < json_array_get_length (findings); k++)
        {
          JsonObject *f = json_array_get_object_element (findings, k);

          if (json_object_get_int_member_with_default (f, "page", 0) == (gint64) i + 1 &&
              g_strcmp0 (json_object_get_string_member_with_default (f, "status", ""), "fail") == 0)
            g_string_append_printf (why, "%s%s: %s", why->len ? "\n" : "",
                                    json_object_get_string_member_with_default (f, "rule", ""),
                                    json_object_get_string_member_with_default (f, "message", ""));
        }
      vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), picture);
      gtk_box_append (GTK_BOX (vbox), frame);
      {
        g_autofree char *num = g_strdup_printf (_("page %d"), (int) i + 1);
        g_autofree char *localized = pk_text_localize_digits (num);

        caption = gtk_label_new (localized);
        gtk_widget_add_css_class (caption, "caption");
        gtk_box_append (GTK_BOX (vbox), caption);
      }
      if (why->len > 0)
        {
          gtk_widget_add_css_class (frame, "pk-failing-page");
          gtk_widget_add_css_class (caption, "error");
          gtk_widget_set_tooltip_text (vbox, why->str);
          self->n_marked++;
        }
      g_string_free (why, TRUE);
      gtk_box_append (GTK_BOX (box), vbox);
      self->n_thumbnails++;
    }
  return box;
}

/**
 * pk_case_window_attach:
 * @person_id: 0 for the case's own document
 * @paths: one PDF, or JPEG/PNG photos to combine in this order
 *
 * Checks the file at once (DOC-1 … DOC-5) and keeps it in the case with its
 * result; a file that cannot be read at all (not a PDF, damaged, encrypted)
 * is refused with the reason.
 */
static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkCaseWindow *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(PkDocReport) report = pk_case_attach_document_finish (PK_STORE (source), result, &error);

  self->n_attaching--;
  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      return;                          /* the window closed meanwhile */
    }
  if (self->n_attaching == 0)
    gtk_widget_set_visible (self->attach_banner, FALSE);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  refresh (self);
  build_page (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * pk_case_window_attach_async:
 * @person_id: 0 for the case's own document
 * @paths: one PDF, or JPEG/PNG photos to combine in this order
 *
 * Checks the file (DOC-1 … DOC-5) in the background and keeps it in the
 * case with its result; the window says it is checking meanwhile. A file
 * that cannot be read at all (not a PDF, damaged, encrypted) is refused
 * with the reason, by pk_case_window_attach_finish().
 */
void
pk_case_window_attach_async (PkCaseWindow        *self,
                             const char          *kind,
                             gint64               person_id,
                             const char * const  *paths,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pk_case_window_attach_async);
  self->n_attaching++;
  gtk_widget_set_visible (self->attach_banner, TRUE);
  pk_case_attach_document_async (self->store, self->c->id, kind, person_id, paths, cancellable,
                                 on_attached, task);
}

gboolean
pk_case_window_attach_finish (PkCaseWindow  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  PkCaseWindow *self;
  char         *kind;
  gint64        person_id;
} AttachData;

static void
attach_data_free (AttachData *d)
{
  g_free (d->kind);
  g_free (d);
}

static void
on_attach_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pk_case_window_attach_finish (PK_CASE_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pk_show_error (GTK_WIDGET (source), _("Cannot Attach the Document"), error->message);
}

static void
on_attach_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       AttachData      *d)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) f = g_list_model_get_item (files, i);
          g_ptr_array_add (paths, g_file_get_path (f));
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        pk_case_window_attach_async (d->self, d->kind, d->person_id, (const char * const *) paths->pdata,
                                     d->self->cancellable, on_attach_done, NULL);
    }
  attach_data_free (d);
  g_object_unref (chooser);
}

static void
on_attach_clicked_cb (GtkButton *button,
                      gpointer   photos)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  AttachData *d = g_new0 (AttachData, 1);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (photos ? _("Choose Photos of the Originals, in Page Order") : _("Choose a Scanned PDF"),
                                 GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  d->self = self;
  d->kind = g_strdup (g_object_get_data (G_OBJECT (button), "kind"));
  d->person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "person"));
  if (photos)
    {
      gtk_file_filter_set_name (filter, _("Photos (JPEG, PNG)"));
      gtk_file_filter_add_mime_type (filter, "image/jpeg");
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_pattern (filter, "*.pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_attach_response_cb), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_document_cb (GtkButton *button,
                       gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;

  if (!pk_store_delete_case_document (self->store, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "doc")),
                                      &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Remove the Document"), error->message);
  refresh (self);
  build_page (self);
}

static GtkWidget *
small_button (const char *icon,
              const char *label,
              const char *tooltip)
{
  GtkWidget *button = label ? gtk_button_new_with_mnemonic (label) : gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* One kind of document: its state, attach (PDF or photos), remove, thumbnails. */
static void
add_document_rows (PkCaseWindow *self,
                   GtkWidget    *group,
                   const char   *kind,
                   gint64        person_id)
{
  const PkCaseDocument *doc = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->c->documents->len; i++)
    {
      const PkCaseDocument *d = g_ptr_array_index (self->c->documents, i);

      if (g_str_equal (d->kind, kind) && d->person_id == person_id)
        doc = d;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_doc_kind_display (kind));
  if (doc == NULL)
    subtitle = g_strdup (_("Not attached"));
  else
    {
      g_autofree char *raw = g_strdup_printf (_("%s · %d pages · %s"), doc->file_name, doc->pages,
                                              doc->pass ? _("passes DOC-1…DOC-5") : _("fails its check"));
      subtitle = pk_text_localize_digits (raw);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (doc == NULL ? "document-new-symbolic"
                                                           : doc->pass ? "emblem-ok-symbolic"
                                                           : "dialog-error-symbolic"));
  button = small_button (NULL, _("_PDF…"), _("Attach a scanned PDF"));
  g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (button), "person", GSIZE_TO_POINTER (person_id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_attach_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  button = small_button (NULL, _("P_hotos…"), _("Combine JPEG or PNG photos of the originals into one PDF, in order"));
  g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (button), "person", GSIZE_TO_POINTER (person_id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_attach_clicked_cb), GINT_TO_POINTER (1));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  if (doc != NULL)
    {
      button = small_button ("user-trash-symbolic", NULL, _("Remove this document"));
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "doc", GSIZE_TO_POINTER (doc->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_document_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (doc != NULL)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), thumbnails (self, doc));
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scroller);
    }
}

/* ---- people (S4) ----------------------------------------------------------- */

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

static void
save_person (PkCaseWindow *self,
             PkCasePerson *p)
{
  g_autoptr(GError) error = NULL;

  if (!pk_store_update_case_person (self->store, p, &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Save"), error->message);
  refresh (self);
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
  save_person (d->self, p);
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
      save_person (d->self, p);
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
  save_person (d->self, p);
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
  PkCasePerson p = { 0 };
  g_autoptr(GError) error = NULL;

  p.role = g_object_get_data (G_OBJECT (button), "role");
  if (pk_store_add_case_person (self->store, self->c->id, &p, &error) == 0)
    pk_show_error (GTK_WIDGET (self), _("Cannot Add the Person"), error->message);
  refresh (self);
  build_page (self);
}

static void
on_remove_person_cb (GtkButton *button,
                     gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;

  if (!pk_store_delete_case_person (self->store, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "person")),
                                    &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Remove the Person"), error->message);
  refresh (self);
  build_page (self);
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

static void
add_people (PkCaseWindow *self,
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
      GtkWidget *remove = small_button ("user-trash-symbolic", NULL, _("Remove this person"));

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
        add_document_rows (self, group, docs[k], p->id);
      if (g_strcmp0 (p->role, "applicant") == 0 || g_strcmp0 (p->role, "ceo") == 0)
        add_document_rows (self, group, "degree", p->id);
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

/* ---- the site (PA-3, S10) ------------------------------------------------ */

static void
on_site_picked_cb (PkCaseWindow *self,
                   double        lat,
                   double        lon)
{
  pk_check_panel_set_location (self->check, lat, lon);
}

static void
on_use_site_cb (GtkButton *button,
                gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  PkSiteVerdict *v = pk_check_panel_get_verdict (self->check);
  g_autoptr(GError) error = NULL;

  if (v == NULL)
    {
      pk_show_error (GTK_WIDGET (self), _("No Site Checked"),
                     _("Click the map or type the coordinates first: the check is attached with the site."));
      return;
    }
  if (!pk_case_workflow_set_site (self->store, self->c, v, &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Save the Site"), error->message);
  refresh (self);
  build_page (self);
}

static void
on_not_on_map_toggled_cb (GtkCheckButton *button,
                          gpointer        unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;

  if (!pk_case_workflow_set_site_details (self->store, self->c, gtk_check_button_get_active (button),
                                          self->c->site_address, &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Save the Site"), error->message);
  refresh (self);
}

static void
on_address_changed_cb (GtkEditable *entry,
                       gpointer     unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (entry)));
  g_autoptr(GError) error = NULL;

  if (!pk_case_workflow_set_site_details (self->store, self->c, self->c->site_not_on_map,
                                          gtk_editable_get_text (entry), &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Save the Site"), error->message);
  refresh (self);
}

static void
add_site (PkCaseWindow *self,
          GtkWidget    *page)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *row, *check, *entry, *button;
  const char *area = pk_case_get_field (self->c, "site.area_m2");
  double area_m2;

  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* the map, the checker, then the rows: in this order (a preferences group
   * would put its rows first) */
  gtk_box_append (GTK_BOX (section), label_new (_("The Site"), "heading"));
  gtk_box_append (GTK_BOX (section), label_new (_("Click the map (the empty areas have no office in reach) or "
                                                  "type coordinates; the siting check is attached to the case."),
                                                "dim-label"));
  self->map = PK_MAP_VIEW (pk_map_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->map), -1, 300);
  if (pk_map_view_set_workspace (self->map, self->store, &error))
    pk_map_view_set_basemap (self->map, PK_BASEMAP_BUILTIN, NULL, NULL);
  pk_map_view_set_check_mode (self->map, TRUE);
  g_signal_connect_object (self->map, "site-picked", G_CALLBACK (on_site_picked_cb), self, G_CONNECT_SWAPPED);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->map));
  gtk_box_append (GTK_BOX (section), frame);

  self->check = PK_CHECK_PANEL (pk_check_panel_new ());
  pk_check_panel_set_store (self->check, self->store, NULL);
  pk_check_panel_set_license (self->check, self->c->license);
  if (area != NULL && pk_text_parse_double (area, &area_m2))
    pk_check_panel_set_area (self->check, area_m2);
  g_signal_connect_object (self->check, "verdict-changed", G_CALLBACK (pk_map_view_set_verdict), self->map,
                           G_CONNECT_SWAPPED);
  if (self->c->has_site)
    {
      pk_check_panel_set_location (self->check, self->c->site_lat, self->c->site_lon);
      pk_map_view_go_to (self->map, self->c->site_lat, self->c->site_lon, 11);
    }
  else
    pk_map_view_zoom_to_province (self->map);
  gtk_widget_set_margin_top (GTK_WIDGET (self->check), 8);
  gtk_box_append (GTK_BOX (section), GTK_WIDGET (self->check));

  button = gtk_button_new_with_mnemonic (_("_Use This Site and Its Check"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  g_signal_connect (button, "clicked", G_CALLBACK (on_use_site_cb), NULL);
  gtk_box_append (GTK_BOX (section), button);

  row = adw_action_row_new ();
  check = gtk_check_button_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("I did not find the place on the map"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The applicant answers for any mismatch of the address"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->c->site_not_on_map);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect (check, "toggled", G_CALLBACK (on_not_on_map_toggled_cb), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  entry = gtk_entry_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Address"));
  gtk_editable_set_text (GTK_EDITABLE (entry), self->c->site_address ? self->c->site_address : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 34);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_address_changed_cb), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (section), group);
  gtk_box_append (GTK_BOX (page), section);
}

/* ---- stage actions ------------------------------------------------------- */

static void
on_done_cb (GtkButton *button,
            gpointer   done)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;

  if (!pk_case_workflow_mark_stage (self->store, self->c, self->shown, done != NULL, &error))
    pk_show_error (GTK_WIDGET (self), _("Not Done Yet"), error->message);
  refresh (self);
  build_page (self);
}

static void
on_resubmit_cb (GtkButton *button,
                gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;

  if (!pk_case_workflow_resubmit (self->store, self->c, &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Send Again"), error->message);
  refresh (self);
  build_page (self);
}

static void
on_return_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PkCaseWindow     *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "reasons");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *reasons = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "return"))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  reasons = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (!pk_case_workflow_return (self->store, self->c, self->shown, reasons, &error))
    pk_show_error (GTK_WIDGET (self), _("Cannot Return the File"), error->message);
  refresh (self);
  build_page (self);
}

static void
on_return_cb (GtkButton *button,
              gpointer   unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Return the File to the Applicant"),
                                              _("Say what to fix (RT-1): a poor scan, a site that misses "
                                                "the standards… The applicant sees it and sends the file again."));
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 90);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  g_object_set_data (G_OBJECT (dialog), "reasons", view);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "return", _("_Return"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "return", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_return_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- pages ---------------------------------------------------------------- */

static void
build_history (PkCaseWindow *self,
               GtkWidget    *page)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_box_append (GTK_BOX (page), label_new (_("History"), "title-2"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every stage change, return (RT-1) and resubmission, oldest first."));
  for (guint i = 0; i < self->c->events->len; i++)
    {
      const PkCaseEvent *e = g_ptr_array_index (self->c->events, i);
      g_autofree char *day = g_strndup (e->at, 10);
      g_autofree char *when = pk_date_format_for_locale (day);
      g_autofree char *time = g_strndup (e->at + 11, 5);
      g_autofree char *title = g_strdup_printf ("%s%s%s", pk_case_event_display_name (e->kind),
                                                e->stage && *e->stage ? " — " : "", e->stage ? e->stage : "");
      g_autofree char *subtitle = g_strdup_printf ("%s %s UTC · %s%s%s", when, time, e->actor,
                                                   e->message && *e->message ? " · " : "",
                                                   e->message ? e->message : "");
      g_autofree char *localized = pk_text_localize_digits (subtitle);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (g_str_equal (e->kind, "returned") ? "mail-reply-sender-symbolic"
                                                      : g_str_equal (e->kind, "resubmitted") ? "mail-send-symbolic"
                                                      : g_str_equal (e->kind, "stage-done") ? "emblem-ok-symbolic"
                                                      : "document-open-recent-symbolic");

      if (g_str_equal (e->kind, "returned"))
        gtk_widget_add_css_class (icon, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (page), group);
}

static void
build_page (PkCaseWindow *self)
{
  const PkStageInfo *st = self->shown ? pk_stage_info (self->shown) : NULL;
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  PkStageState state;
  GtkWidget *actions, *button;

  self->missing_label = NULL;
  self->check = NULL;
  self->map = NULL;
  self->n_thumbnails = self->n_marked = 0;
  g_hash_table_remove_all (self->entries);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (self->page_scroller, clamp);
  if (st == NULL)
    {
      build_history (self, page);
      return;
    }

  state = pk_case_stage_state (self->c, st);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", st->id, pk_stage_title (st));
    g_autofree char *who = g_strdup_printf (_("Who: %s"), pk_who_display_name (st->who));

    gtk_box_append (GTK_BOX (page), label_new (title, "title-2"));
    gtk_box_append (GTK_BOX (page), label_new (who, "dim-label"));
    gtk_box_append (GTK_BOX (page), label_new (pk_stage_asks (st), NULL));
  }
  if (st->needs & PK_NEEDS_PEOPLE && self->c->applicant == PK_APPLICANT_COMPANY &&
      self->c->request != PK_REQUEST_DEPUTY)
    gtk_box_append (GTK_BOX (page), label_new (_("EL-10: register the CEO and every board member; a CEO on "
                                                 "the board is ticked as a board member too."), "caption"));
  if ((st->needs & PK_NEEDS_SITE) && self->c->request == PK_REQUEST_TRANSFER)
    gtk_box_append (GTK_BOX (page), label_new (_("ST-13: with a change of address, the new site must meet "
                                                 "every standard (ST-1…ST-12), as a new office’s would."),
                                               "caption"));
  if (g_str_equal (st->id, "S5") && self->c->conversion)
    gtk_box_append (GTK_BOX (page), label_new (_("LT-6: tick the conversion box of the request: another "
                                                 "body’s service licence is converted."), "caption"));
  if (state == PK_STAGE_RETURNED)
    {
      g_autofree char *why = g_strdup_printf (_("Returned to the applicant: %s"),
                                              (char *) g_hash_table_lookup (self->c->stage_notes, st->id));
      gtk_box_append (GTK_BOX (page), label_new (why, "error"));
    }
  self->missing_label = GTK_LABEL (label_new ("", NULL));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->missing_label));
  update_missing (self);

  if (st->fields != NULL)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Details"));
      for (const PkFieldInfo *f = st->fields; f->key; f++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_row (self, f));
      gtk_box_append (GTK_BOX (page), group);
    }
  if (st->needs & PK_NEEDS_SITE)
    add_site (self, page);
  if (st->documents != NULL)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Documents"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Each is checked as it is attached: pages, one image per page, "
                                               "resolution, blank pages, colour (DOC-1…DOC-5)."));
      for (guint i = 0; st->documents[i]; i++)
        add_document_rows (self, group, st->documents[i], 0);
      gtk_box_append (GTK_BOX (page), group);
    }
  if (st->needs & PK_NEEDS_PEOPLE)
    add_people (self, page);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (actions, 8);
  if (state == PK_STAGE_DONE)
    {
      button = gtk_button_new_with_mnemonic (_("_Open Again"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_done_cb), NULL);
      gtk_box_append (GTK_BOX (actions), button);
    }
  else if (state == PK_STAGE_RETURNED)
    {
      button = gtk_button_new_with_mnemonic (_("_Send Again"));
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_resubmit_cb), NULL);
      gtk_box_append (GTK_BOX (actions), button);
    }
  else
    {
      button = gtk_button_new_with_mnemonic (_("_Mark Stage Done"));
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_done_cb), GINT_TO_POINTER (1));
      gtk_box_append (GTK_BOX (actions), button);
    }
  if (state != PK_STAGE_RETURNED)
    {
      button = gtk_button_new_with_mnemonic (_("_Return to Applicant…"));
      gtk_widget_set_tooltip_text (button, _("The secretariat sends the file back with the reasons (RT-1)"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_return_cb), NULL);
      gtk_box_append (GTK_BOX (actions), button);
    }
  gtk_box_append (GTK_BOX (page), actions);
}

static void
on_stage_activated_cb (PkCaseWindow  *self,
                       GtkListBoxRow *row)
{
  const char *stage = g_object_get_data (G_OBJECT (row), "stage");

  if (g_strcmp0 (stage, self->shown) == 0 && gtk_scrolled_window_get_child (self->page_scroller) != NULL)
    return;
  g_free (self->shown);
  self->shown = g_strdup (stage);
  build_page (self);
}

void
pk_case_window_show_stage (PkCaseWindow *self,
                           const char   *stage)
{
  g_return_if_fail (PK_IS_CASE_WINDOW (self));
  g_free (self->shown);
  self->shown = g_strdup (stage);
  reload (self);                      /* another window or the CLI may have written */
  fill_stage_list (self);
  build_page (self);
}

void
pk_case_window_show_history (PkCaseWindow *self)
{
  pk_case_window_show_stage (self, NULL);
}

const char *
pk_case_window_get_stage (PkCaseWindow *self)
{
  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), NULL);
  return self->shown;
}

PkCase *
pk_case_window_get_case (PkCaseWindow *self)
{
  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), NULL);
  return self->c;
}

/* As typing @text into the field's entry (or ticking it, for "1"): for tests.
 * Returns whether the value is now stored. */
gboolean
pk_case_window_set_field (PkCaseWindow *self,
                          const char   *key,
                          const char   *text)
{
  GtkWidget *w = g_hash_table_lookup (self->entries, key);
  const char *stored;

  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), FALSE);
  if (w == NULL)
    return FALSE;
  if (GTK_IS_CHECK_BUTTON (w))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (w), g_strcmp0 (text, "1") == 0);
  else
    gtk_editable_set_text (GTK_EDITABLE (w), text);
  stored = pk_case_get_field (self->c, key);
  return stored != NULL;
}

guint
pk_case_window_get_n_thumbnails (PkCaseWindow *self,
                                 guint        *n_marked)
{
  if (n_marked)
    *n_marked = self->n_marked;
  return self->n_thumbnails;
}

static gboolean
save_summary (GObject     *owner,
              const char  *path,
              GError     **error)
{
  PkCaseWindow *self = PK_CASE_WINDOW (owner);

  return pk_report_write_case_pdf (self->store, self->c, path, error);
}

static void
on_summary_cb (PkCaseWindow *self)
{
  g_autofree char *name = g_strdup_printf ("case-%s.pdf", self->c->number);

  pk_save_file_dialog (GTK_WIDGET (self), _("Save Case Summary"), name, save_summary, G_OBJECT (self));
}

static void
pk_case_window_dispose (GObject *object)
{
  PkCaseWindow *self = PK_CASE_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pk_case_window_parent_class)->dispose (object);
}

static void
pk_case_window_finalize (GObject *object)
{
  PkCaseWindow *self = PK_CASE_WINDOW (object);

  g_clear_pointer (&self->c, pk_case_free);
  g_free (self->shown);
  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (pk_case_window_parent_class)->finalize (object);
}

static void
pk_case_window_class_init (PkCaseWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pk_case_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = pk_case_window_finalize;
}

static void
pk_case_window_init (PkCaseWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *side = gtk_scrolled_window_new ();
  GtkWidget *summary = gtk_button_new_with_mnemonic (_("_Summary PDF…"));

  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_widget_set_tooltip_text (summary, _("Print or save the case summary: applicant, site and verdict, "
                                          "stages, documents, history"));
  g_signal_connect_object (summary, "clicked", G_CALLBACK (on_summary_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), summary);
  gtk_box_append (GTK_BOX (box), header);

  /* a document is checked in the background; the window says so meanwhile */
  {
    GtkWidget *spinner = gtk_spinner_new ();

    self->cancellable = g_cancellable_new ();
    self->attach_banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    gtk_widget_add_css_class (self->attach_banner, "toolbar");
    gtk_spinner_start (GTK_SPINNER (spinner));
    gtk_box_append (GTK_BOX (self->attach_banner), spinner);
    gtk_box_append (GTK_BOX (self->attach_banner),
                    gtk_label_new (_("Checking the document (DOC-1 … DOC-5)…")));
    gtk_widget_set_visible (self->attach_banner, FALSE);
    gtk_box_append (GTK_BOX (box), self->attach_banner);
  }

  self->stage_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->stage_list), "navigation-sidebar");
  g_signal_connect_object (self->stage_list, "row-activated", G_CALLBACK (on_stage_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side), GTK_WIDGET (self->stage_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (side, 300, -1);
  self->page_scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->page_scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_paned_set_start_child (GTK_PANED (paned), side);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->page_scroller));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 780);
}

/**
 * pk_case_window_new:
 *
 * The wizard of case @case_id, open at the stage where the case stopped (a
 * returned stage first).
 */
PkCaseWindow *
pk_case_window_new (GtkWindow  *parent,
                    PkStore    *store,
                    gint64      case_id,
                    GError    **error)
{
  g_autoptr(PkCase) c = pk_store_get_case (store, case_id, error);
  PkCaseWindow *self;
  const PkStageInfo *current;
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;

  if (c == NULL)
    return NULL;
  self = g_object_new (PK_TYPE_CASE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->c = g_steal_pointer (&c);
  number = pk_text_localize_digits (self->c->number);
  title = g_strdup_printf (_("Case %s"), number);
  adw_window_title_set_title (self->title, title);
  {
    g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", pk_request_display_name (self->c->request),
                                                 pk_license_display_name (self->c->license),
                                                 pk_applicant_display_name (self->c->applicant));
    adw_window_title_set_subtitle (self->title, subtitle);
  }
  gtk_window_set_title (GTK_WINDOW (self), title);
  current = pk_case_current_stage (self->c);
  self->shown = current ? g_strdup (current->id) : NULL;
  fill_stage_list (self);
  build_page (self);
  return self;
}
