/* pk-case-window-documents.c: a case's documents — attach a scan or photos
 * (checked in the background), the check results, the pages' thumbnails
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

/* A document's page thumbnails (pk_document_thumbnails_new()) put in its
 * slot, counted for the tests. */
static void
fill_thumbnails (PkCaseWindow *self,
                 GtkWidget    *slot,
                 GPtrArray    *pngs)
{
  guint shown, marked;

  gtk_box_append (GTK_BOX (slot), pk_document_thumbnails_new (pngs, g_object_get_data (G_OBJECT (slot), "findings"),
                                                              40, &shown, &marked));
  self->n_thumbnails += shown;
  self->n_marked += marked;
}

/* The slot of a document's thumbnails: filled at once when the window has
 * read them before (a document's pages never change), else when a worker
 * has (_pk_case_window_read_thumbnails(), once the page is built). */
static GtkWidget *
thumbnails (PkCaseWindow         *self,
            const PkCaseDocument *doc)
{
  GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GPtrArray *pngs = g_hash_table_lookup (self->thumbs, &doc->id);

  gtk_widget_set_margin_start (slot, 12);
  gtk_widget_set_margin_end (slot, 12);
  gtk_widget_set_margin_bottom (slot, 8);
  g_object_set_data_full (G_OBJECT (slot), "findings", g_strdup (doc->findings), g_free);
  if (pngs != NULL)
    fill_thumbnails (self, slot, pngs);
  else
    g_hash_table_insert (self->thumb_slots, g_memdup2 (&doc->id, sizeof doc->id), slot);
  return slot;
}

typedef struct
{
  GArray    *ids;              /* gint64: the documents */
  GPtrArray *pngs;             /* per document: GPtrArray of GBytes */
} ThumbRead;

static void
thumb_read_free (ThumbRead *t)
{
  g_array_unref (t->ids);
  g_ptr_array_unref (t->pngs);
  g_free (t);
}

static gpointer
read_thumbnails_job (PkStore       *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ThumbRead *t = data;

  for (guint i = 0; i < t->ids->len; i++)
    {
      GPtrArray *pngs = pk_store_get_case_document_thumbnails (store, g_array_index (t->ids, gint64, i), error);

      if (pngs == NULL)
        return NULL;
      g_ptr_array_add (t->pngs, pngs);
    }
  return g_ptr_array_ref (t->pngs);
}

static void
on_thumbnails_read (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PkCaseWindow *self = PK_CASE_WINDOW (source);
  ThumbRead *t = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pngs = pk_store_run_job_finish (result, &error);

  self->n_jobs--;
  if (pngs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Pages"), error->message);
      return;
    }
  for (guint i = 0; i < t->ids->len; i++)
    {
      gint64 id = g_array_index (t->ids, gint64, i);
      GtkWidget *slot = g_hash_table_lookup (self->thumb_slots, &id);

      g_hash_table_insert (self->thumbs, g_memdup2 (&id, sizeof id), g_ptr_array_ref (g_ptr_array_index (pngs, i)));
      if (slot != NULL)                     /* on the page shown now */
        {
          fill_thumbnails (self, slot, g_ptr_array_index (pngs, i));
          g_hash_table_remove (self->thumb_slots, &id);
        }
    }
}

/* The thumbnails the page waits for, read in a worker. */
void
_pk_case_window_read_thumbnails (PkCaseWindow *self)
{
  ThumbRead *t;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->thumb_slots) == 0)
    return;
  t = g_new0 (ThumbRead, 1);
  t->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  t->pngs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_hash_table_iter_init (&iter, self->thumb_slots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (t->ids, *(gint64 *) key);
  self->n_jobs++;
  pk_store_run_job_async (self->store, self, read_thumbnails_job, t, (GDestroyNotify) thumb_read_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_thumbnails_read, NULL);
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

  _pk_case_window_attaching (self, -1);
  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      return;                          /* the window closed meanwhile */
    }
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
  _pk_case_window_refresh (self);
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
  _pk_case_window_attaching (self, 1);
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

  _pk_case_window_remove_document (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "doc")));
}

GtkWidget *
_pk_case_window_small_button (const char *icon,
                              const char *label,
                              const char *tooltip)
{
  GtkWidget *button = label ? gtk_button_new_with_mnemonic (label) : gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* One kind of document: its state, attach (PDF or photos), remove, thumbnails. */
void
_pk_case_window_add_documents (PkCaseWindow *self,
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
  button = _pk_case_window_small_button (NULL, _("_PDF…"), _("Attach a scanned PDF"));
  g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (button), "person", GSIZE_TO_POINTER (person_id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_attach_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  button = _pk_case_window_small_button (NULL, _("P_hotos…"), _("Combine JPEG or PNG photos of the originals into one PDF, in order"));
  g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (button), "person", GSIZE_TO_POINTER (person_id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_attach_clicked_cb), GINT_TO_POINTER (1));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  if (doc != NULL)
    {
      button = _pk_case_window_small_button ("user-trash-symbolic", NULL, _("Remove this document"));
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

