/* pk-gui-util.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pk-gui-util.h"
#include "pk-json.h"
#include "pk-text.h"

/* A message dialog over @parent's window: what failed and why, one button. */
void
pk_show_error (GtkWidget  *parent,
               const char *heading,
               const char *message)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- asking where to save ----------------------------------------------- */

/* Called with the chosen file's path, or NULL when the person cancelled. */
typedef void (*SavePathFunc) (const char *path,
                              gpointer    user_data);

typedef struct
{
  SavePathFunc chosen;
  gpointer     user_data;
} Asking;

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Asking          *asking)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    path = g_file_get_path (file);
  asking->chosen (path, asking->user_data);
  g_free (asking);
  g_object_unref (chooser);
}

static void
ask_save_path (GtkWidget    *parent,
               const char   *title,
               const char   *suggested_name,
               SavePathFunc  chosen,
               gpointer      user_data)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  Asking *asking = g_new0 (Asking, 1);

  asking->chosen = chosen;
  asking->user_data = user_data;
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), asking);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- saving in a worker ------------------------------------------------ */

typedef struct
{
  GtkWidget      *parent;
  PkStore        *store;
  PkSaveJobFunc   save;
  gpointer        data;
  GDestroyNotify  data_free;
  char           *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_free (job->path);
  g_free (job);
}

static gpointer
save_job_run (PkStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SaveJob *job = data;

  return job->save (store, job->data, job->path, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/* The window shows it is working until the file is written. */
static void
set_saving (GtkWidget *parent,
            gboolean   saving)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  if (root != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (root), saving ? "progress" : NULL);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SaveJob *job = pk_store_job_get_data (result);

  set_saving (job->parent, FALSE);
  if (pk_store_run_job_finish (result, &error) == NULL)
    pk_show_error (job->parent, _("Cannot Save the File"), error->message);
}

static void
save_in_worker (const char *path,
                gpointer    user_data)
{
  SaveJob *job = user_data;

  if (path == NULL)
    {
      save_job_free (job);
      return;
    }
  job->path = g_strdup (path);
  set_saving (job->parent, TRUE);
  pk_store_run_job_async (job->store, job->parent, save_job_run, job,
                          (GDestroyNotify) save_job_free, NULL, NULL, on_saved_cb, NULL);
}

/**
 * pk_save_file_dialog_in_worker:
 * @store: the workspace @save reads, through a worker's connection of its own
 * @data: (transfer full): passed to @save, freed with @data_free
 *
 * Asks where to save (with @suggested_name), then writes there: @save runs
 * in a worker thread while the window keeps drawing, its cursor busy — a
 * report over a whole province, the country's county table, a case's
 * summary. A failure is shown in a message dialog with its reason.
 */
void
pk_save_file_dialog_in_worker (GtkWidget      *parent,
                               const char     *title,
                               const char     *suggested_name,
                               PkStore        *store,
                               PkSaveJobFunc   save,
                               gpointer        data,
                               GDestroyNotify  data_free)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->save = save;
  job->data = data;
  job->data_free = data_free;
  ask_save_path (parent, title, suggested_name, save_in_worker, job);
}

typedef struct
{
  gpointer       data;
  GDestroyNotify free_func;
} Garbage;

static void
free_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Garbage *g = task_data;

  g->free_func (g_steal_pointer (&g->data));
  g_task_return_boolean (task, TRUE);
}

/**
 * pk_free_in_background:
 *
 * Frees @data with @free_func in a worker thread: the coverage of a whole
 * country or 25,000 offices take longer to free than a frame lasts. @data
 * must not be used by anything else any more.
 */
void
pk_free_in_background (gpointer       data,
                       GDestroyNotify free_func)
{
  g_autoptr(GTask) task = NULL;
  Garbage *g;

  if (data == NULL)
    return;
  g = g_new0 (Garbage, 1);
  g->data = data;
  g->free_func = free_func;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g, g_free);
  g_task_run_in_thread (task, free_thread);
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin,
                   const char    *unset)
{
  int v = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = v < 0 && unset ? g_strdup (unset) : g_strdup_printf ("%d", v);
  g_autofree char *localized = pk_text_localize_digits (text);

  gtk_editable_set_text (GTK_EDITABLE (spin), localized);
  return TRUE;
}

static int
on_spin_input_cb (GtkSpinButton *spin,
                  double        *value,
                  const char    *unset)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (unset && g_strcmp0 (text, unset) == 0)
    {
      *value = -1;
      return TRUE;
    }
  return pk_text_parse_double (text, value) ? TRUE : GTK_INPUT_ERROR;
}

/**
 * pk_spin_button_localize:
 * @unset: (nullable): what a negative value shows ("not set"), a static string
 *
 * The spin button shows and reads its number in the locale's digits
 * (Persian digits in Persian).
 */
void
pk_spin_button_localize (GtkSpinButton *spin,
                         const char    *unset)
{
  /* a numeric spin button (gtk_spin_button_new_with_range() makes one) takes
   * ASCII digits only: the localised text would be dropped, leaving it empty */
  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_cb), (gpointer) unset);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input_cb), (gpointer) unset);
  on_spin_output_cb (spin, unset);
}

/**
 * pk_document_thumbnails_new:
 * @pngs: (element-type GBytes): the pages' thumbnails, as the store keeps them
 * @findings: (nullable): the document's check findings (JSON array)
 * @max_pages: how many pages to show at most
 * @n_shown: (out) (optional): how many are shown
 * @n_marked: (out) (optional): how many of them a rule failed on
 *
 * Small pictures of a document's pages — made when it was checked, so no page
 * is decoded again — a page a rule failed on framed in red, saying why.
 *
 * Returns: (transfer floating): a horizontal box of the pages
 */
GtkWidget *
pk_document_thumbnails_new (GPtrArray  *pngs,
                            const char *findings,
                            guint       max_pages,
                            guint      *n_shown,
                            guint      *n_marked)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *found = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  guint shown = 0, marked = 0;

  if (findings && (parser = pk_json_parse_text (findings)) != NULL &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    found = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; pngs != NULL && i < pngs->len && i < max_pages; i++)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (g_ptr_array_index (pngs, i), NULL);
      g_autoptr(GString) why = g_string_new (NULL);
      g_autofree char *num = NULL, *localized = NULL;
      GtkWidget *frame, *picture, *vbox, *caption;

      if (texture == NULL)
        continue;
      for (guint k = 0; found && k < json_array_get_length (found); k++)
        {
          JsonObject *f = json_array_get_object_element (found, k);

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
      num = g_strdup_printf (_("page %d"), (int) i + 1);
      localized = pk_text_localize_digits (num);
      caption = gtk_label_new (localized);
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (GTK_BOX (vbox), caption);
      if (why->len > 0)
        {
          gtk_widget_add_css_class (frame, "pk-failing-page");
          gtk_widget_add_css_class (caption, "error");
          gtk_widget_set_tooltip_text (vbox, why->str);
          marked++;
        }
      gtk_box_append (GTK_BOX (box), vbox);
      shown++;
    }
  if (n_shown != NULL)
    *n_shown = shown;
  if (n_marked != NULL)
    *n_marked = marked;
  return box;
}
