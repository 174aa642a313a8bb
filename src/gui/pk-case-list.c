/* pk-case-list.c
 *
 * The cases of the workspace, newest first: number, request, licence,
 * applicant, status, the current stage and what it misses. Filters by status
 * and request type, search by number, company or person — read a page at a
 * time in a worker, "Show More" for the next; "New Case" asks for
 * the request, licence type and applicant kind and says at once when LT-2 or
 * LT-6 does not allow the choice.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pk-case-list.h"
#include "pk-case-workflow.h"
#include "pk-gui-util.h"
#include "pk-text.h"

struct _PkCaseList
{
  AdwWindow       parent_instance;

  GtkSearchEntry *search;
  GtkDropDown    *status_filter;
  GtkDropDown    *request_filter;
  GtkListBox     *list;
  AdwStatusPage  *empty;
  GtkStack       *stack;

  PkStore        *store;
  GPtrArray      *cases;    /* PkCase: the pages read so far */
  gint64          next;     /* where the next page starts, 0 when there is none */
  GtkWidget      *more;     /* the "Show More" row, or NULL */
  GCancellable   *cancellable; /* the read under way */
  GCancellable   *opening;  /* cases being read to open, or filed */
  guint           serial;   /* the filters' read; a late page of older ones is dropped */
  char           *asked;    /* the filters of the last first page asked for */
  guint           n_busy;
  guint           n_shown;
};

G_DEFINE_FINAL_TYPE (PkCaseList, pk_case_list, ADW_TYPE_WINDOW)

#define PAGE 100

static void read_page (PkCaseList *self,
                       gboolean    more);

static void
on_more_clicked_cb (PkCaseList *self)
{
  read_page (self, TRUE);
}

/* Appends the rows of @cases (the page just read) and, when there are more,
 * a "Show More" row. */
static void
append_rows (PkCaseList *self,
             GPtrArray  *cases)
{
  if (self->more != NULL)
    {
      gtk_list_box_remove (self->list, self->more);
      self->more = NULL;
    }
  for (guint i = 0; i < cases->len; i++)
    {
      PkCase *c = g_ptr_array_index (cases, i);
      const PkStageInfo *current = pk_case_current_stage (c);
      g_autoptr(GPtrArray) missing = current ? pk_case_missing (c, current) : g_ptr_array_new ();
      GtkWidget *row;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *localized = NULL;
      g_autofree char *number = NULL;
      const char *who = pk_case_get_field (c, "company.name");

      if (who == NULL && c->people->len > 0)
        who = ((PkCasePerson *) g_ptr_array_index (c->people, 0))->name;
      number = pk_text_localize_digits (c->number);
      title = g_strdup_printf ("%s — %s%s%s", number, pk_request_display_name (c->request),
                               who ? " — " : "", who ? who : "");
      if (c->outcome != NULL)           /* closed: what it came to */
        subtitle = g_strdup_printf ("%s · %s", pk_license_display_name (c->license),
                                    pk_case_outcome_display_name (c->outcome));
      else if (current == NULL)
        subtitle = g_strdup_printf ("%s · %s", pk_license_display_name (c->license),
                                    pk_case_status_display_name (c->status));
      else if (missing->len > 0)
        subtitle = g_strdup_printf (_("%s · %s · now at %s %s · %u missing"), pk_license_display_name (c->license),
                                    pk_case_status_display_name (c->status), current->id,
                                    pk_stage_title (current), missing->len);
      else
        subtitle = g_strdup_printf (_("%s · %s · now at %s %s"), pk_license_display_name (c->license),
                                    pk_case_status_display_name (c->status), current->id,
                                    pk_stage_title (current));
      localized = pk_text_localize_digits (subtitle);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (c->outcome != NULL ? "action-unavailable-symbolic"
                                                               : c->status == PK_CASE_RETURNED ? "mail-reply-sender-symbolic"
                                                               : c->status == PK_CASE_DONE ? "emblem-ok-symbolic"
                                                               : "folder-documents-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "case", GSIZE_TO_POINTER (c->id));
      gtk_list_box_append (self->list, row);
      self->n_shown++;
    }
  if (self->next != 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _More"));

      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_more_clicked_cb), self, G_CONNECT_SWAPPED);
      self->more = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->more), button);
      gtk_list_box_append (self->list, self->more);
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_shown > 0 ? "list" : "empty");
}

/* ---- reading, a page at a time in a worker -------------------------------- */

typedef struct
{
  PkCaseFilter filter;
  char        *text;
  gint64       before;
  guint        serial;
  gboolean     more;     /* appended to what is shown, not instead of it */
  gint64       next;     /* out */
} PageAsk;

static void
page_ask_free (PageAsk *ask)
{
  g_free (ask->text);
  g_free (ask);
}

static gpointer
page_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  PageAsk *ask = data;

  return pk_case_list_page (store, &ask->filter, ask->before, PAGE, &ask->next, cancellable, error);
}

static void
on_page_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkCaseList *self = PK_CASE_LIST (source);
  PageAsk *ask = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = pk_store_run_job_finish (result, &error);
  GtkListBoxRow *old;

  self->n_busy--;
  if (cases == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Cases"), error->message);
      return;
    }
  if (ask->serial != self->serial)
    return;                                   /* the filters changed meanwhile */
  if (!ask->more)
    {
      self->more = NULL;
      while ((old = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
        gtk_list_box_remove (self->list, GTK_WIDGET (old));
      self->n_shown = 0;
      g_ptr_array_set_size (self->cases, 0);
    }
  self->next = ask->next;
  append_rows (self, cases);
  g_ptr_array_extend_and_steal (self->cases, g_steal_pointer (&cases));
}

/* Reads the first page the filters ask for, or (@more) the next one. */
/* The filters as they stand, as one string */
static char *
filters_key (PkCaseList *self)
{
  return g_strdup_printf ("%u|%u|%s", gtk_drop_down_get_selected (self->status_filter),
                          gtk_drop_down_get_selected (self->request_filter),
                          gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

static void
read_page (PkCaseList *self,
           gboolean    more)
{
  PageAsk *ask = g_new0 (PageAsk, 1);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint request = gtk_drop_down_get_selected (self->request_filter);

  if (more && self->next == 0)
    {
      g_free (ask);
      return;
    }
  if (!more)
    {
      /* a new read: the one under way is for filters no longer asked */
      g_cancellable_cancel (self->cancellable);
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->serial++;
      g_free (self->asked);
      self->asked = filters_key (self);
    }
  pk_case_filter_init (&ask->filter);
  ask->filter.status = status > 0 ? (int) status - 1 : -1;
  ask->filter.request = request > 0 ? (int) request : -1;
  ask->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search)));
  ask->filter.text = ask->text;
  ask->before = more ? self->next : 0;
  ask->serial = self->serial;
  ask->more = more;
  if (more && self->more != NULL)
    gtk_widget_set_sensitive (self->more, FALSE);
  self->n_busy++;
  pk_store_run_job_async (self->store, self, page_job, ask, (GDestroyNotify) page_ask_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_page_read, NULL);
}

static void
on_filters_changed_cb (PkCaseList *self)
{
  g_autofree char *key = NULL;

  if (self->store == NULL)
    return;
  /* the search entry tells its text a moment after it was set: read once */
  key = filters_key (self);
  if (g_strcmp0 (key, self->asked) != 0)
    read_page (self, FALSE);
}

/**
 * pk_case_list_refresh:
 *
 * Reads the cases again from the first page, in the background.
 */
void
pk_case_list_refresh (PkCaseList *self)
{
  g_return_if_fail (PK_IS_CASE_LIST (self));
  read_page (self, FALSE);
}

gboolean
pk_case_list_is_busy (PkCaseList *self)
{
  g_return_val_if_fail (PK_IS_CASE_LIST (self), FALSE);
  return self->n_busy > 0;
}

/* For the tests: asks for the next page, as the "Show More" row does;
 * FALSE when there is none. */
gboolean
pk_case_list_show_more (PkCaseList *self)
{
  g_return_val_if_fail (PK_IS_CASE_LIST (self), FALSE);
  if (self->next == 0)
    return FALSE;
  read_page (self, TRUE);
  return TRUE;
}

guint
pk_case_list_get_n_shown (PkCaseList *self)
{
  return self->n_shown;
}

void
pk_case_list_set_search (PkCaseList *self,
                         const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  read_page (self, FALSE);
}

/* -1 for every status, else a PkCaseStatus. */
void
pk_case_list_set_status (PkCaseList *self,
                         int         status)
{
  gtk_drop_down_set_selected (self->status_filter, status + 1);     /* read again as it changes */
}

static gboolean
on_case_closed_cb (PkCaseList *self)
{
  pk_case_list_refresh (self);
  return FALSE;                          /* let it close */
}

/* A case to open, read in a worker; filed first when @filed is set. */
typedef struct
{
  gint64  case_id;
  PkCase *filed;
} OpenAsk;

static void
open_ask_free (OpenAsk *ask)
{
  g_clear_pointer (&ask->filed, pk_case_free);
  g_free (ask);
}

static gpointer
open_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  OpenAsk *ask = data;

  if (ask->filed != NULL && (ask->case_id = pk_store_add_case (store, ask->filed, error)) == 0)
    return NULL;
  return pk_store_get_case (store, ask->case_id, error);
}

static void
on_case_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkCaseList *self = g_task_get_source_object (task);
  OpenAsk *ask = pk_store_job_get_data (result);
  GError *error = NULL;
  PkCase *c = pk_store_run_job_finish (result, &error);
  PkCaseWindow *window;

  self->n_busy--;
  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), ask->filed ? _("Cannot File the Case") : _("Cannot Open the Case"),
                       error->message);
      g_task_return_error (task, error);
      return;
    }
  if (ask->filed != NULL)
    pk_case_list_refresh (self);
  window = pk_case_window_new_for_case (GTK_WINDOW (self), self->store, c);
  /* its list row follows what is done in it */
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_case_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  g_task_return_pointer (task, window, NULL);
}

static void
open_case (PkCaseList          *self,
           OpenAsk             *ask,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, self->opening, callback, user_data);

  g_task_set_source_tag (task, pk_case_list_open_case_async);
  self->n_busy++;
  pk_store_run_job_async (self->store, self, open_job, ask, (GDestroyNotify) open_ask_free,
                          (GDestroyNotify) pk_case_free, self->opening, on_case_read, task);
}

/**
 * pk_case_list_open_case_async:
 *
 * Reads case @case_id in a worker, then opens its window.
 */
void
pk_case_list_open_case_async (PkCaseList          *self,
                              gint64               case_id,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  OpenAsk *ask = g_new0 (OpenAsk, 1);

  g_return_if_fail (PK_IS_CASE_LIST (self));
  ask->case_id = case_id;
  open_case (self, ask, callback, user_data);
}

/* Returns: (transfer none): the window opened, or %NULL with @error set */
PkCaseWindow *
pk_case_list_open_case_finish (PkCaseList    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_row_activated_cb (PkCaseList    *self,
                     GtkListBoxRow *row)
{
  pk_case_list_open_case_async (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "case")), NULL, NULL);
}

/* ---- a new case ----------------------------------------------------------- */

typedef struct
{
  PkCaseList   *self;
  GtkDropDown  *request;
  GtkDropDown  *license;
  GtkDropDown  *applicant;
  GtkCheckButton *conversion;
  GtkCheckButton *new_address;
  GtkLabel     *why;
  AdwMessageDialog *dialog;
} NewCase;

static void
read_choice (NewCase         *d,
             PkCase          *c)
{
  c->request = PK_REQUEST_FIRST + gtk_drop_down_get_selected (d->request);
  c->license = gtk_drop_down_get_selected (d->license) == 0 ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
  c->applicant = gtk_drop_down_get_selected (d->applicant) == 0 ? PK_APPLICANT_COMPANY : PK_APPLICANT_PERSON;
  c->conversion = gtk_check_button_get_active (d->conversion);
  c->new_address = gtk_check_button_get_active (d->new_address);
}

/* As the choice changes: may this applicant file this request (LT-2, LT-3, LT-6)? */
static void
on_choice_changed_cb (NewCase *d)
{
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  read_choice (d, c);
  ok = pk_case_check_kind (c->request, c->license, c->applicant, c->conversion, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (d->new_address), c->request == PK_REQUEST_TRANSFER);
  gtk_widget_set_sensitive (GTK_WIDGET (d->conversion), c->request == PK_REQUEST_ISSUE);
  if (ok)
    {
      g_autoptr(GPtrArray) plan = pk_case_plan (c);
      g_autofree char *text = g_strdup_printf (_("%u stages, from %s to %s."), plan->len,
                                               ((PkStageInfo *) g_ptr_array_index (plan, 0))->id,
                                               ((PkStageInfo *) g_ptr_array_index (plan, plan->len - 1))->id);
      g_autofree char *localized = pk_text_localize_digits (text);

      gtk_label_set_text (d->why, localized);
      gtk_widget_remove_css_class (GTK_WIDGET (d->why), "error");
    }
  else
    {
      gtk_label_set_text (d->why, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (d->why), "error");
    }
  adw_message_dialog_set_response_enabled (d->dialog, "create", ok);
}

static void
on_new_case_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NewCase          *d)
{
  OpenAsk *ask;

  if (!g_str_equal (response, "create"))
    return;
  /* filed and opened by a worker */
  ask = g_new0 (OpenAsk, 1);
  ask->filed = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  read_choice (d, ask->filed);
  open_case (d->self, ask, NULL, NULL);
}

static GtkDropDown *
grid_dropdown (GtkWidget          *grid,
               int                 row,
               const char         *label,
               const char * const *items,
               NewCase            *d)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *drop = gtk_drop_down_new_from_strings (items);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), drop);
  gtk_widget_set_hexpand (drop, TRUE);
  gtk_grid_attach (GTK_GRID (grid), l, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), drop, 1, row, 1, 1);
  g_signal_connect_swapped (drop, "notify::selected", G_CALLBACK (on_choice_changed_cb), d);
  return GTK_DROP_DOWN (drop);
}

/* The "New Case" dialog; returned for tests (it is presented already). */
GtkWidget *
pk_case_list_new_case_dialog (PkCaseList *self)
{
  NewCase *d = g_new0 (NewCase, 1);
  GtkWidget *grid = gtk_grid_new ();
  const char *requests[PK_REQUEST_LAST + 1] = { NULL };
  const char *licenses[] = { pk_license_display_name (PK_LICENSE_URBAN),
                             pk_license_display_name (PK_LICENSE_RURAL), NULL };
  const char *applicants[] = { pk_applicant_display_name (PK_APPLICANT_COMPANY),
                               pk_applicant_display_name (PK_APPLICANT_PERSON), NULL };
  GtkWidget *check;

  for (PkRequest r = PK_REQUEST_FIRST; r <= PK_REQUEST_LAST; r++)
    requests[r - PK_REQUEST_FIRST] = pk_request_display_name (r);
  d->self = self;
  d->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Case"),
                                                          _("What is requested, for which licence, by whom.")));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  d->request = grid_dropdown (grid, 0, _("_Request"), requests, d);
  d->license = grid_dropdown (grid, 1, _("_Licence"), licenses, d);
  d->applicant = grid_dropdown (grid, 2, _("_Applicant"), applicants, d);
  check = gtk_check_button_new_with_mnemonic (_("_Converting another body’s service licence (LT-6)"));
  d->conversion = GTK_CHECK_BUTTON (check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_choice_changed_cb), d);
  gtk_grid_attach (GTK_GRID (grid), check, 0, 3, 2, 1);
  check = gtk_check_button_new_with_mnemonic (_("With a _new address (ST-13)"));
  d->new_address = GTK_CHECK_BUTTON (check);
  gtk_grid_attach (GTK_GRID (grid), check, 0, 4, 2, 1);
  d->why = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->why, TRUE);
  gtk_label_set_max_width_chars (d->why, 44);
  gtk_label_set_xalign (d->why, 0);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->why), 0, 5, 2, 1);
  adw_message_dialog_set_extra_child (d->dialog, grid);
  adw_message_dialog_add_responses (d->dialog, "cancel", _("_Cancel"), "create", _("_Create"), NULL);
  adw_message_dialog_set_response_appearance (d->dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (d->dialog, "create");
  g_signal_connect_data (d->dialog, "response", G_CALLBACK (on_new_case_response_cb), d,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  on_choice_changed_cb (d);
  gtk_window_present (GTK_WINDOW (d->dialog));
  return GTK_WIDGET (d->dialog);
}

static void
on_new_clicked_cb (PkCaseList *self)
{
  pk_case_list_new_case_dialog (self);
}

static void
pk_case_list_dispose (GObject *object)
{
  PkCaseList *self = PK_CASE_LIST (object);

  /* object references go in dispose, which may run twice; plain memory in finalize */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pk_case_list_parent_class)->dispose (object);
}

static void
pk_case_list_finalize (GObject *object)
{
  PkCaseList *self = PK_CASE_LIST (object);

  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_free (self->asked);
  G_OBJECT_CLASS (pk_case_list_parent_class)->finalize (object);
}

static void
pk_case_list_class_init (PkCaseListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pk_case_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = pk_case_list_finalize;
}

static void
pk_case_list_init (PkCaseList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Case"));
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  const char *statuses[] = { _("Every status"), pk_case_status_display_name (PK_CASE_OPEN),
                             pk_case_status_display_name (PK_CASE_RETURNED),
                             pk_case_status_display_name (PK_CASE_DONE), NULL };
  const char *requests[PK_REQUEST_LAST + 2] = { _("Every request") };

  self->opening = g_cancellable_new ();
  for (PkRequest r = PK_REQUEST_FIRST; r <= PK_REQUEST_LAST; r++)
    requests[r] = pk_request_display_name (r);
  self->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_free);
  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Cases"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 620);
  gtk_widget_add_css_class (new_button, "suggested-action");
  g_signal_connect_object (new_button, "clicked", G_CALLBACK (on_new_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), new_button);
  gtk_box_append (GTK_BOX (box), header);

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search), TRUE);
  g_object_set (self->search, "placeholder-text", _("Search number, company or person"), NULL);
  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (on_filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->status_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (statuses));
  g_signal_connect_object (self->status_filter, "notify::selected", G_CALLBACK (on_filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->request_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (requests));
  g_signal_connect_object (self->request_filter, "notify::selected", G_CALLBACK (on_filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->status_filter));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->request_filter));
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (box), bar);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "folder-documents-symbolic");
  adw_status_page_set_title (self->empty, _("No Cases"));
  adw_status_page_set_description (self->empty, _("File a new case, or change the filters."));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

PkCaseList *
pk_case_list_new (GtkWindow *parent,
                  PkStore   *store)
{
  PkCaseList *self = g_object_new (PK_TYPE_CASE_LIST, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  pk_case_list_refresh (self);
  return self;
}
