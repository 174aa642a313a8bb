/* pk-case-window-decisions.c: what the working group decided on the case
 * and what the case came to. On the history page, each decision (the
 * meeting, its kind, the reasons of a return — RT-1 — or of a rejection)
 * with the conditions of an approval, each ticked met by whoever checks it;
 * above every page a line saying that revisions are needed or that the case
 * is closed; and *Withdraw the Request…*, which closes the case and frees
 * what it held. Reads and writes go through a worker.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-case-window-private.h"
#include "pk-gui-util.h"
#include "pk-jalali.h"
#include "pk-text.h"
#include "pk-working-group.h"

/* ---- the status line ------------------------------------------------------ */

/**
 * _pk_case_window_show_status:
 *
 * The line under the header: a closed case says what it came to (and the
 * page is read only), a returned one that revisions are needed and where.
 */
void
_pk_case_window_show_status (PkCaseWindow *self)
{
  g_autofree char *text = NULL;
  gboolean closed = self->c->outcome != NULL;

  gtk_widget_remove_css_class (self->status_banner, "error");
  gtk_widget_remove_css_class (self->status_banner, "warning");
  if (closed)
    {
      text = g_strdup_printf (_("%s — the case is closed; nothing in it changes any more."),
                              pk_case_outcome_display_name (self->c->outcome));
      gtk_widget_add_css_class (self->status_banner, g_str_equal (self->c->outcome, "approved") ? "success"
                                                                                             : "error");
    }
  else if (self->c->status == PK_CASE_RETURNED)
    {
      g_autoptr(GString) stages = g_string_new (NULL);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->c->stage_states);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_INT (value) == PK_STAGE_RETURNED)
          g_string_append_printf (stages, "%s%s", stages->len ? _(", ") : "", (char *) key);
      text = g_strdup_printf (_("Revisions needed (RT-1): fix what %s asks and send it again."), stages->str);
      gtk_widget_add_css_class (self->status_banner, "warning");
    }
  gtk_label_set_text (GTK_LABEL (self->status_banner), text ? text : "");
  gtk_widget_set_visible (self->status_banner, text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.withdraw", !closed && self->c->status != PK_CASE_DONE);
}

/* ---- the decisions, read in a worker -------------------------------------- */

typedef struct
{
  GPtrArray  *decisions;     /* PkDecision, oldest first */
  GHashTable *meetings;      /* meeting id → "number — date" */
} Decisions;

static void
decisions_free (Decisions *d)
{
  g_ptr_array_unref (d->decisions);
  g_hash_table_unref (d->meetings);
  g_free (d);
}

static gpointer
read_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 case_id = *(gint64 *) data;
  Decisions *d = g_new0 (Decisions, 1);

  d->meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if ((d->decisions = pk_store_list_case_decisions (store, case_id, error)) == NULL)
    {
      d->decisions = g_ptr_array_new ();
      decisions_free (d);
      return NULL;
    }
  for (guint i = 0; i < d->decisions->len; i++)
    {
      gint64 id = ((PkDecision *) g_ptr_array_index (d->decisions, i))->meeting_id;
      g_autoptr(PkMeeting) m = g_hash_table_contains (d->meetings, &id) ? NULL : pk_store_get_meeting (store, id, NULL);

      if (m != NULL)
        {
          g_autofree char *date = pk_date_format_for_locale (m->date);

          g_hash_table_insert (d->meetings, g_memdup2 (&id, sizeof id),
                               g_strdup_printf (_("Meeting %s of %s"), m->number, date));
        }
    }
  return d;
}

static void toggle_condition (GtkCheckButton *check,
                              PkCaseWindow   *self);

static GtkWidget *
condition_row (PkCaseWindow          *self,
               const PkCaseCondition *cond,
               gboolean               closed)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *due = cond->due ? pk_date_format_for_locale (cond->due) : NULL;
  g_autofree char *met = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *localized = NULL;

  if (cond->met_at != NULL)
    {
      g_autofree char *day = g_strndup (cond->met_at, 10);
      g_autofree char *when = pk_date_format_for_locale (day);

      met = g_strdup_printf (_("met — %s, %s"), cond->met_by ? cond->met_by : "", when);
    }
  sub = met ? g_strdup (met)
        : due ? g_strdup_printf (_("open — due %s"), due)
        : g_strdup (_("open"));
  localized = pk_text_localize_digits (sub);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cond->text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
  if (cond->met_at == NULL && cond->due != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      if (strcmp (cond->due, today) < 0)
        gtk_widget_add_css_class (row, "error");        /* overdue */
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), cond->met_at != NULL);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Met: the applicant did what the condition asks"));
  gtk_widget_set_sensitive (check, !closed);
  g_object_set_data (G_OBJECT (check), "condition", GSIZE_TO_POINTER ((gsize) cond->id));
  g_signal_connect (check, "toggled", G_CALLBACK (toggle_condition), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  self->n_conditions++;
  self->n_conditions_met += cond->met_at != NULL;
  return row;
}

static void
fill_decisions (PkCaseWindow *self,
                Decisions    *d)
{
  AdwPreferencesGroup *group = self->decisions_group;
  gboolean closed = self->c->outcome != NULL;

  adw_preferences_group_remove (group, self->decisions_placeholder);
  self->decisions_placeholder = NULL;
  self->n_conditions = self->n_conditions_met = 0;
  if (d->decisions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No decision yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The working group decides at PA-5 and at the final approval."));
      adw_preferences_group_add (group, row);
      return;
    }
  for (guint i = 0; i < d->decisions->len; i++)
    {
      const PkDecision *dec = g_ptr_array_index (d->decisions, i);
      const char *meeting = g_hash_table_lookup (d->meetings, &dec->meeting_id);
      g_autofree char *rules = dec->rules && dec->rules[0] ? g_strjoinv (_(", "), dec->rules) : NULL;
      g_autoptr(GString) sub = g_string_new (meeting ? meeting : "");
      g_autofree char *localized = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (dec->kind == PK_DECISION_APPROVE ? "emblem-ok-symbolic"
                                                      : dec->kind == PK_DECISION_RETURN ? "mail-reply-sender-symbolic"
                                                      : "action-unavailable-symbolic");

      g_string_append_printf (sub, " · %s", pk_review_display_name (dec->review));
      if (dec->reason && *dec->reason)
        g_string_append_printf (sub, "\n%s", dec->reason);
      if (rules != NULL)
        g_string_append_printf (sub, "%s%s", dec->reason && *dec->reason ? " — " : "\n", rules);
      if (dec->override_reason != NULL)
        g_string_append_printf (sub, "\n%s %s", _("Past the county’s capacity (LT-7):"), dec->override_reason);
      localized = pk_text_localize_digits (sub->str);
      gtk_widget_add_css_class (icon, dec->kind == PK_DECISION_APPROVE ? "success"
                                      : dec->kind == PK_DECISION_RETURN ? "warning" : "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_decision_display_name (dec));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
      for (guint k = 0; k < dec->conditions->len; k++)
        adw_preferences_group_add (group, condition_row (self, g_ptr_array_index (dec->conditions, k), closed));
    }
}

static void
on_decisions_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PkCaseWindow *self = PK_CASE_WINDOW (source);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  Decisions *d = pk_store_run_job_finish (result, &error);

  self->n_jobs--;
  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && serial == self->decisions_serial)
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Decisions"), error->message);
      return;
    }
  if (serial == self->decisions_serial && self->decisions_placeholder != NULL)
    fill_decisions (self, d);
  decisions_free (d);
}

/**
 * _pk_case_window_add_decisions:
 *
 * The working group's decisions on the case, as a group of @page filled when
 * a worker has read them.
 */
void
_pk_case_window_add_decisions (PkCaseWindow *self,
                               GtkWidget    *page)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Decisions of the working group"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Final once their meeting is closed; the conditions of an approval "
                                           "are ticked as they are met."));
  self->decisions_group = ADW_PREFERENCES_GROUP (group);
  self->decisions_placeholder = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->decisions_placeholder), _("Reading the decisions…"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->decisions_placeholder);
  gtk_box_append (GTK_BOX (page), group);
  self->n_conditions = self->n_conditions_met = 0;
  self->decisions_serial++;
  self->n_jobs++;
  pk_store_run_job_async (self->store, self, read_job, g_memdup2 (&self->c->id, sizeof (gint64)), g_free,
                          (GDestroyNotify) decisions_free, self->cancellable, on_decisions_read,
                          GUINT_TO_POINTER (self->decisions_serial));
}

/* ---- a condition met, or open again; withdrawing ----------------------------- */

static void
toggle_condition (GtkCheckButton *check,
                  PkCaseWindow   *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (check), FALSE);
  _pk_case_window_mark_condition (self, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "condition")),
                                  gtk_check_button_get_active (check));
}

static void
on_withdraw_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PkCaseWindow     *self)
{
  GtkWidget *scroller = adw_message_dialog_get_extra_child (dialog);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller))));
  GtkTextIter start, end;
  g_autofree char *reason = NULL;

  if (!g_str_equal (response, "withdraw"))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  reason = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  _pk_case_window_withdraw (self, reason);
}

/* case.withdraw: asks for the applicant's words, then closes the case. */
void
_pk_case_window_withdraw_action (GtkWidget  *widget,
                                 const char *name,
                                 GVariant   *param)
{
  PkCaseWindow *self = PK_CASE_WINDOW (widget);
  g_autofree char *number = pk_text_localize_digits (self->c->number);
  g_autofree char *body = g_strdup_printf (_("Case %s will be closed as withdrawn, and the location it holds, "
                                             "if approved, freed for other requests (LT-7, SR-3). This cannot be "
                                             "undone: a new request starts a new case."), number);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Withdraw the Request?"), body);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_tooltip_text (view, _("The applicant’s words, kept in the case’s history"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 70);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- for the tests ---------------------------------------------------------- */

/* The conditions on the history page (0 before the worker's answer); @n_met
 * those ticked met. */
guint
pk_case_window_get_n_conditions (PkCaseWindow *self,
                                 guint        *n_met)
{
  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), 0);
  if (n_met != NULL)
    *n_met = self->n_conditions_met;
  return self->n_conditions;
}

/* Ticks (or clears) the @index-th condition's box, as a click would. */
gboolean
pk_case_window_tick_condition (PkCaseWindow *self,
                               guint         index,
                               gboolean      met)
{
  guint seen = 0;

  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), FALSE);
  if (self->decisions_group == NULL)
    return FALSE;
  for (GtkWidget *w = GTK_WIDGET (self->decisions_group); w != NULL; )
    {
      if (GTK_IS_CHECK_BUTTON (w) && g_object_get_data (G_OBJECT (w), "condition") != NULL && seen++ == index)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (w), met);
          return TRUE;
        }
      /* depth first through the group's widgets */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (self->decisions_group) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == GTK_WIDGET (self->decisions_group) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return FALSE;
}
