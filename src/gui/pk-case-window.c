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
#include "pk-case-window-private.h"
#include "pk-case-workflow.h"
#include "pk-check-panel.h"
#include "pk-gui-util.h"
#include "pk-ident.h"
#include "pk-jalali.h"
#include "pk-map-view.h"
#include "pk-report.h"
#include "pk-text.h"
#include "pk-working-group.h"


G_DEFINE_FINAL_TYPE (PkCaseWindow, pk_case_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STAGE,
  PROP_ATTACHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (PkCaseWindow *self);


static void
set_shown (PkCaseWindow *self,
           const char   *stage)
{
  if (g_strcmp0 (self->shown, stage) == 0)
    return;
  g_free (self->shown);
  self->shown = g_strdup (stage);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

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

static void
set_state_icon (GtkWidget    *icon,
                PkStageState  state)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), state_icon (state));
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  if (state == PK_STAGE_DONE)
    gtk_widget_add_css_class (icon, "success");
  else if (state == PK_STAGE_RETURNED)
    gtk_widget_add_css_class (icon, "error");
  else if (state == PK_STAGE_MISSING)
    gtk_widget_add_css_class (icon, "warning");
}

/* When the list already shows this plan, only the states change: rows are
 * not built again (after every save as typed, that relayout froze a frame). */
static gboolean
update_stage_states (PkCaseWindow *self,
                     GPtrArray    *plan)
{
  for (guint i = 0; i <= plan->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->stage_list, (int) i);
      const char *id = row ? g_object_get_data (G_OBJECT (row), "stage") : NULL;

      if (row == NULL || (i < plan->len && g_strcmp0 (id, ((const PkStageInfo *) g_ptr_array_index (plan, i))->id) != 0) ||
          (i == plan->len && id != NULL))
        return FALSE;
    }
  if (gtk_list_box_get_row_at_index (self->stage_list, (int) plan->len + 1) != NULL)
    return FALSE;
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->stage_list, (int) i);
      PkStageState state = pk_case_stage_state (self->c, st);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pk_stage_state_display_name (state));
      set_state_icon (g_object_get_data (G_OBJECT (row), "icon"), state);
      if (g_strcmp0 (self->shown, st->id) == 0 && !gtk_list_box_row_is_selected (row))
        gtk_list_box_select_row (self->stage_list, row);
    }
  if (self->shown == NULL)
    gtk_list_box_select_row (self->stage_list, gtk_list_box_get_row_at_index (self->stage_list, (int) plan->len));
  return TRUE;
}

/* The stage map: every stage of this case with its state, then the history. */
static void
fill_stage_list (PkCaseWindow *self)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (self->c);
  GtkListBoxRow *old;
  GtkWidget *row;

  if (update_stage_states (self, plan))
    return;
  while ((old = gtk_list_box_get_row_at_index (self->stage_list, 0)) != NULL)
    gtk_list_box_remove (self->stage_list, GTK_WIDGET (old));
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      PkStageState state = pk_case_stage_state (self->c, st);
      g_autofree char *title = g_strdup_printf ("%s  %s", st->id, pk_stage_title (st));
      GtkWidget *icon = gtk_image_new ();

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pk_stage_state_display_name (state));
      set_state_icon (icon, state);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "stage", (gpointer) st->id);
      g_object_set_data (G_OBJECT (row), "icon", icon);
      gtk_list_box_append (self->stage_list, row);
      if (g_strcmp0 (self->shown, st->id) == 0)
        gtk_list_box_select_row (self->stage_list, GTK_LIST_BOX_ROW (row));
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("History"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The working group’s decisions, and every stage change, return and resubmission"));
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
/* The stage map's states and the missing list, from the case as it is now. */
void
_pk_case_window_show_states (PkCaseWindow *self)
{
  fill_stage_list (self);
  update_missing (self);
  update_actions (self);
}


/* One more (@delta 1) or one fewer (-1) document checked in the background. */
void
_pk_case_window_attaching (PkCaseWindow *self,
                           int           delta)
{
  gboolean before = self->n_attaching > 0;

  self->n_attaching += delta;
  if (before != (self->n_attaching > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHING]);
}

GtkWidget *
_pk_case_window_label (const char *text,
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

/* ---- what is done to the case, in a worker, in order ------------------------ */

/* Every write of the window and every read of its case runs in a worker, one
 * at a time in the order asked: what is typed goes with the next of them (so
 * that a stage is judged on it), and the case comes back as it stands after. */
typedef enum
{
  ACT_SAVE,            /* only what is typed */
  ACT_READ,            /* the case again: another window or the CLI may have written */
  ACT_SET_FIELD,       /* field stage (a key) set to text (NULL clears) */
  ACT_ADD_PERSON,      /* a person of the role in text */
  ACT_REMOVE_PERSON,   /* person target */
  ACT_REMOVE_DOCUMENT, /* document target */
  ACT_MARK,            /* a stage done (flag) or opened again */
  ACT_RESUBMIT,
  ACT_RETURN,          /* a stage, with the reasons in text */
  ACT_SITE,            /* the checked site, with its verdict */
  ACT_SITE_DETAILS,    /* not on the map (flag), the address in text */
  ACT_WITHDRAW,        /* the applicant's words in text */
  ACT_CONDITION,       /* condition target met (flag) or open */
} ActKind;

typedef enum
{
  AFTER_STATES,        /* the stage map and the missing list follow; the page keeps what is typed */
  AFTER_PAGE,          /* the page is built again */
  AFTER_PAGE_IF_CHANGED,
} ActAfter;

typedef struct
{
  ActKind        kind;
  ActAfter       after;
  gint64         case_id;
  char          *stage;
  char          *text;
  gboolean       flag;
  gint64         target;
  PkSiteVerdict *verdict;
  GHashTable    *fields;        /* typed: key → value, saved first */
  GHashTable    *people;        /* typed: person id → PkCasePerson */
  const char    *error_title;   /* static, translated */
  GError        *error;         /* the action's refusal; the case is read again all the same */
} Act;

static Act *
act_new (ActKind     kind,
         ActAfter    after,
         const char *error_title)
{
  Act *a = g_new0 (Act, 1);

  a->kind = kind;
  a->after = after;
  a->error_title = error_title;
  return a;
}

static void
act_free (Act *a)
{
  g_free (a->stage);
  g_free (a->text);
  g_clear_pointer (&a->verdict, pk_site_verdict_unref);
  g_clear_pointer (&a->fields, g_hash_table_unref);
  g_clear_pointer (&a->people, g_hash_table_unref);
  g_clear_error (&a->error);
  g_free (a);
}

/* What was typed: each field checked and normalised by the workflow. */
static gboolean
write_typed (PkStore  *store,
             Act      *a,
             GError  **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a->fields != NULL)
    {
      g_hash_table_iter_init (&iter, a->fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!pk_case_workflow_set_field (store, a->case_id, key, value, error))
          return FALSE;
    }
  if (a->people != NULL)
    {
      g_hash_table_iter_init (&iter, a->people);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!pk_store_update_case_person (store, value, error))
          return FALSE;
    }
  return TRUE;
}

/* Runs the action on the case as the store has it now, and gives the case
 * back as it stands after (refused or not). */
static gpointer
act_job (PkStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Act *a = data;
  g_autoptr(PkCase) c = NULL;
  gboolean fresh = FALSE;           /* the workflow leaves @c as stored */

  if (!write_typed (store, a, &a->error))
    {
      a->error_title = _("Cannot Save");
      return pk_store_get_case (store, a->case_id, error);
    }
  switch (a->kind)
    {
    case ACT_SAVE:
    case ACT_READ:
      break;
    case ACT_SET_FIELD:
      pk_case_workflow_set_field (store, a->case_id, a->stage, a->text, &a->error);
      break;
    case ACT_ADD_PERSON:
      {
        PkCasePerson p = { 0 };

        p.role = a->text;
        pk_store_add_case_person (store, a->case_id, &p, &a->error);
      }
      break;
    case ACT_REMOVE_PERSON:
      pk_store_delete_case_person (store, a->target, &a->error);
      break;
    case ACT_REMOVE_DOCUMENT:
      pk_store_delete_case_document (store, a->target, &a->error);
      break;
    case ACT_WITHDRAW:
      pk_case_withdraw (store, a->case_id, a->text, &a->error);
      break;
    case ACT_CONDITION:
      pk_store_set_condition_met (store, a->target, a->flag, &a->error);
      break;
    case ACT_MARK:
    case ACT_RESUBMIT:
    case ACT_RETURN:
    case ACT_SITE:
    case ACT_SITE_DETAILS:
      if ((c = pk_store_get_case (store, a->case_id, error)) == NULL)
        return NULL;
      fresh = a->kind == ACT_MARK ? pk_case_workflow_mark_stage (store, c, a->stage, a->flag, &a->error)
            : a->kind == ACT_RESUBMIT ? pk_case_workflow_resubmit (store, c, &a->error)
            : a->kind == ACT_RETURN ? pk_case_workflow_return (store, c, a->stage, a->text, &a->error)
            : a->kind == ACT_SITE ? pk_case_workflow_set_site (store, c, a->verdict, &a->error)
            : pk_case_workflow_set_site_details (store, c, a->flag, a->text, &a->error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!fresh)
    {
      g_clear_pointer (&c, pk_case_free);
      c = pk_store_get_case (store, a->case_id, error);
    }
  return g_steal_pointer (&c);
}

/* Whether the page would show @b differently from @a: the case, its people,
 * documents and history as far as their revisions and counts tell. */
static gboolean
same_case (const PkCase *a,
           const PkCase *b)
{
  if (a->record.revision != b->record.revision || g_strcmp0 (a->updated_at, b->updated_at) != 0 ||
      a->people->len != b->people->len || a->documents->len != b->documents->len ||
      a->events->len != b->events->len || g_strcmp0 (a->outcome, b->outcome) != 0)
    return FALSE;
  for (guint i = 0; i < a->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (a->people, i);
      const PkCasePerson *q = g_ptr_array_index (b->people, i);

      if (p->id != q->id || p->record.revision != q->record.revision)
        return FALSE;
    }
  for (guint i = 0; i < a->documents->len; i++)
    if (((PkCaseDocument *) g_ptr_array_index (a->documents, i))->id !=
        ((PkCaseDocument *) g_ptr_array_index (b->documents, i))->id)
      return FALSE;
  return TRUE;
}

static void start_next (PkCaseWindow *self);

/* What @a took of the typing, back among what waits, under what was typed since. */
static void
keep_typed (PkCaseWindow *self,
            Act          *a)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->pending, key))
      g_hash_table_insert (self->pending, g_strdup (key), g_strdup (value));
  g_hash_table_iter_init (&iter, a->people);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->pending_people, key))
      {
        PkCasePerson *p = pk_case_person_copy (value);

        g_hash_table_insert (self->pending_people, &p->id, p);
      }
}

static void
on_act_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkCaseWindow *self = PK_CASE_WINDOW (source);
  Act *a = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;
  PkCase *c = pk_store_run_job_finish (result, &error);
  gboolean rebuild = a->after == AFTER_PAGE;

  self->act_running = FALSE;
  if (c == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;                             /* the window closed */
      keep_typed (self, a);                 /* not known to be saved: kept for the next try */
      pk_show_error (GTK_WIDGET (self), _("Cannot Read the Case"), error->message);
      start_next (self);
      return;
    }
  if (a->after == AFTER_PAGE_IF_CHANGED)
    rebuild = !same_case (self->c, c);
  pk_case_free (self->c);
  self->c = c;
  _pk_case_window_reapply_typed (self);     /* what is typed and not yet stored stays */
  if (a->error != NULL)
    pk_show_error (GTK_WIDGET (self), a->error_title, a->error->message);
  _pk_case_window_show_states (self);
  if (rebuild)
    _pk_case_window_build_page (self);
  start_next (self);
  /* typed while this one was on its way, and its pause is over */
  if (!self->act_running && self->save_timeout == 0 &&
      (g_hash_table_size (self->pending) > 0 || g_hash_table_size (self->pending_people) > 0))
    _pk_case_window_save_typed (self);
}

static void
start_next (PkCaseWindow *self)
{
  Act *a;

  if (self->act_running || self->store == NULL || (a = g_queue_pop_head (&self->acts)) == NULL)
    return;
  a->case_id = self->c->id;
  /* what is typed goes with it, its pause cut short */
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  a->fields = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  a->people = g_steal_pointer (&self->pending_people);
  self->pending_people = _pk_case_window_people_table_new ();
  self->act_running = TRUE;
  pk_store_run_job_async (self->store, self, act_job, a, (GDestroyNotify) act_free,
                          (GDestroyNotify) pk_case_free, self->cancellable, on_act_done, NULL);
}

/* Queues @a behind what the window has asked already. */
static void
run_act (PkCaseWindow *self,
         Act          *a)
{
  g_queue_push_tail (&self->acts, a);
  start_next (self);
}

/**
 * _pk_case_window_save_typed:
 *
 * What is typed, saved in a worker after a pause in the typing (whatever
 * waits in the queue takes it with it when it starts).
 */
void
_pk_case_window_save_typed (PkCaseWindow *self)
{
  if (!g_queue_is_empty (&self->acts))
    return;                                 /* the next to start takes it */
  run_act (self, act_new (ACT_SAVE, AFTER_STATES, NULL));
}

/* The case read again in a worker; the page is built again with it. */
void
_pk_case_window_refresh (PkCaseWindow *self)
{
  run_act (self, act_new (ACT_READ, AFTER_PAGE, NULL));
}

void
_pk_case_window_set_field (PkCaseWindow *self,
                           const char   *key,
                           const char   *value)
{
  Act *a = act_new (ACT_SET_FIELD, AFTER_STATES, _("Cannot Save"));

  a->stage = g_strdup (key);
  a->text = g_strdup (value);
  run_act (self, a);
}

void
_pk_case_window_add_person (PkCaseWindow *self,
                            const char   *role)
{
  Act *a = act_new (ACT_ADD_PERSON, AFTER_PAGE, _("Cannot Add the Person"));

  a->text = g_strdup (role);
  run_act (self, a);
}

void
_pk_case_window_remove_person (PkCaseWindow *self,
                               gint64        person_id)
{
  Act *a = act_new (ACT_REMOVE_PERSON, AFTER_PAGE, _("Cannot Remove the Person"));

  a->target = person_id;
  run_act (self, a);
}

void
_pk_case_window_remove_document (PkCaseWindow *self,
                                 gint64        document_id)
{
  Act *a = act_new (ACT_REMOVE_DOCUMENT, AFTER_PAGE, _("Cannot Remove the Document"));

  a->target = document_id;
  run_act (self, a);
}

/* The applicant withdraws the request (pk_case_withdraw()), in a worker. */
void
_pk_case_window_withdraw (PkCaseWindow *self,
                          const char   *reason)
{
  Act *a = act_new (ACT_WITHDRAW, AFTER_PAGE, _("Cannot Withdraw the Request"));

  a->text = g_strdup (reason);
  run_act (self, a);
}

/* A condition of an approval ticked met, or open again, in a worker. */
void
_pk_case_window_mark_condition (PkCaseWindow *self,
                                gint64        condition_id,
                                gboolean      met)
{
  Act *a = act_new (ACT_CONDITION, AFTER_PAGE, _("Cannot Mark the Condition"));

  a->target = condition_id;
  a->flag = met;
  run_act (self, a);
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
  {
    Act *a = act_new (ACT_SITE, AFTER_PAGE, _("Cannot Save the Site"));

    a->verdict = pk_site_verdict_ref (v);
    run_act (self, a);
  }
}

static void
on_not_on_map_toggled_cb (GtkCheckButton *button,
                          gpointer        unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  Act *a = act_new (ACT_SITE_DETAILS, AFTER_STATES, _("Cannot Save the Site"));

  a->flag = gtk_check_button_get_active (button);
  a->text = g_strdup (self->c->site_address);
  run_act (self, a);
}

static gboolean
save_address_cb (gpointer data)
{
  PkCaseWindow *self = data;
  Act *a = act_new (ACT_SITE_DETAILS, AFTER_STATES, _("Cannot Save the Site"));

  /* queued behind what is on its way: saved in order */
  self->address_timeout = 0;
  a->flag = self->c->site_not_on_map;
  a->text = g_steal_pointer (&self->address_typed);
  run_act (self, a);
  return G_SOURCE_REMOVE;
}

static void
on_address_changed_cb (GtkEditable *entry,
                       gpointer     unused)
{
  PkCaseWindow *self = PK_CASE_WINDOW (gtk_widget_get_root (GTK_WIDGET (entry)));

  /* saved after a pause in the typing, in order with the window's other work */
  g_free (self->address_typed);
  self->address_typed = g_strdup (gtk_editable_get_text (entry));
  g_clear_handle_id (&self->address_timeout, g_source_remove);
  self->address_timeout = g_timeout_add (400, save_address_cb, self);
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
  gtk_box_append (GTK_BOX (section), _pk_case_window_label (_("The Site"), "heading"));
  gtk_box_append (GTK_BOX (section), _pk_case_window_label (_("Click the map (the empty areas have no office in reach) or "
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

/* ---- case.* actions ------------------------------------------------------ */

/* What can be done with the shown stage: a stage is marked done, or opened
 * again when done, or sent again when returned; any stage but a returned one
 * can be returned. On the history page, and in a closed case, none of them. */
static void
update_actions (PkCaseWindow *self)
{
  const PkStageInfo *st = self->shown && self->c->outcome == NULL ? pk_stage_info (self->shown) : NULL;
  PkStageState state = st ? pk_case_stage_state (self->c, st) : PK_STAGE_TODO;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.mark-done",
                                 st != NULL && state != PK_STAGE_DONE && state != PK_STAGE_RETURNED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reopen", st != NULL && state == PK_STAGE_DONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.resubmit", st != NULL && state == PK_STAGE_RETURNED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.return", st != NULL && state != PK_STAGE_RETURNED);
  gtk_widget_set_visible (self->stage_bar, st != NULL);
  gtk_widget_set_visible (self->done_button, state != PK_STAGE_DONE && state != PK_STAGE_RETURNED);
  gtk_widget_set_visible (self->reopen_button, state == PK_STAGE_DONE);
  gtk_widget_set_visible (self->resubmit_button, state == PK_STAGE_RETURNED);
  gtk_widget_set_visible (self->return_button, state != PK_STAGE_RETURNED);
}

static void
mark_stage (PkCaseWindow *self,
            gboolean      done)
{
  Act *a = act_new (ACT_MARK, AFTER_PAGE, _("Not Done Yet"));

  a->stage = g_strdup (self->shown);
  a->flag = done;
  run_act (self, a);                        /* judged on what is typed */
}

static void
case_mark_done_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  mark_stage (PK_CASE_WINDOW (widget), TRUE);
}

static void
case_reopen_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  mark_stage (PK_CASE_WINDOW (widget), FALSE);
}

static void
case_resubmit_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  Act *a = act_new (ACT_RESUBMIT, AFTER_PAGE, _("Cannot Send Again"));

  run_act (PK_CASE_WINDOW (widget), a);     /* judged on what is typed */
}

static void
on_return_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PkCaseWindow     *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (adw_message_dialog_get_extra_child (dialog));
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  Act *a;

  if (!g_str_equal (response, "return"))
    return;
  view = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (view)));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  a = act_new (ACT_RETURN, AFTER_PAGE, _("Cannot Return the File"));
  a->stage = g_strdup (self->shown);
  a->text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  run_act (self, a);
}

static void
case_return_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  PkCaseWindow *self = PK_CASE_WINDOW (widget);
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
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "return", _("_Return"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "return", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_return_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The case as stored, with what is typed and not yet saved over it */
typedef struct
{
  gint64      case_id;
  GHashTable *fields;
  GHashTable *people;
} Summary;

static void
summary_free (Summary *s)
{
  g_hash_table_unref (s->fields);
  g_hash_table_unref (s->people);
  g_free (s);
}

static gboolean
write_summary (PkStore     *store,
               gpointer     data,
               const char  *path,
               GError     **error)
{
  Summary *s = data;
  g_autoptr(PkCase) c = pk_store_get_case (store, s->case_id, error);

  if (c == NULL)
    return FALSE;
  _pk_case_overlay_typed (c, s->fields, s->people);
  return pk_report_write_case_pdf (store, c, path, error);
}

static Summary *
summary_new (PkCaseWindow *self)
{
  Summary *s = g_new0 (Summary, 1);
  GHashTableIter iter;
  gpointer key, value;

  s->case_id = self->c->id;
  s->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->people = _pk_case_window_people_table_new ();
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (s->fields, g_strdup (key), g_strdup (value));
  g_hash_table_iter_init (&iter, self->pending_people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PkCasePerson *p = pk_case_person_copy (value);

      g_hash_table_insert (s->people, &p->id, p);
    }
  return s;
}

/**
 * pk_case_window_save_summary:
 *
 * The case's summary as a PDF at @path, what is typed included — what
 * *Summary (PDF)…* writes in a worker, written here on the calling thread.
 */
gboolean
pk_case_window_save_summary (PkCaseWindow  *self,
                             const char    *path,
                             GError       **error)
{
  Summary *s;
  gboolean ok;

  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), FALSE);
  s = summary_new (self);
  ok = write_summary (self->store, s, path, error);
  summary_free (s);
  return ok;
}

static void
case_summary_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  PkCaseWindow *self = PK_CASE_WINDOW (widget);
  g_autofree char *file = g_strdup_printf ("case-%s.pdf", self->c->number);

  /* read and written in a worker, what is typed included */
  pk_save_file_dialog_in_worker (GTK_WIDGET (self), _("Save Case Summary"), file, self->store, write_summary,
                                 summary_new (self), (GDestroyNotify) summary_free);
}

/* case.show-stage "S4"; an empty id shows the history */
static void
case_show_stage_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  const char *stage = g_variant_get_string (param, NULL);

  pk_case_window_show_stage (PK_CASE_WINDOW (widget), *stage ? stage : NULL);
}

/* ---- pages ---------------------------------------------------------------- */

static void
build_history (PkCaseWindow *self,
               GtkWidget    *page)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_box_append (GTK_BOX (page), _pk_case_window_label (_("History"), "title-2"));
  _pk_case_window_add_decisions (self, page);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Timeline"));
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

/* Long on purpose: the page's widgets in the order the person reads them; it
 * goes when the case window becomes a template (#10 item 6). */
void
_pk_case_window_build_page (PkCaseWindow *self)
{
  _pk_case_window_reapply_typed (self);     /* the new entries show what was typed */
  const PkStageInfo *st = self->shown ? pk_stage_info (self->shown) : NULL;
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  PkStageState state;

  self->missing_label = NULL;
  self->check = NULL;
  self->map = NULL;
  self->n_thumbnails = self->n_marked = 0;
  g_hash_table_remove_all (self->thumb_slots);
  g_hash_table_remove_all (self->entries);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (self->page_scroller, clamp);
  self->decisions_group = NULL;
  self->decisions_placeholder = NULL;
  _pk_case_window_show_status (self);
  if (st != NULL && self->c->outcome != NULL)
    gtk_widget_set_sensitive (page, FALSE);         /* a closed case is read, not changed */
  if (st == NULL)
    {
      build_history (self, page);
      update_actions (self);
      return;
    }

  state = pk_case_stage_state (self->c, st);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", st->id, pk_stage_title (st));
    g_autofree char *who = g_strdup_printf (_("Who: %s"), pk_who_display_name (st->who));

    gtk_box_append (GTK_BOX (page), _pk_case_window_label (title, "title-2"));
    gtk_box_append (GTK_BOX (page), _pk_case_window_label (who, "dim-label"));
    gtk_box_append (GTK_BOX (page), _pk_case_window_label (pk_stage_asks (st), NULL));
  }
  if (st->needs & PK_NEEDS_PEOPLE && self->c->applicant == PK_APPLICANT_COMPANY &&
      self->c->request != PK_REQUEST_DEPUTY)
    gtk_box_append (GTK_BOX (page), _pk_case_window_label (_("EL-10: register the CEO and every board member; a CEO on "
                                                 "the board is ticked as a board member too."), "caption"));
  if ((st->needs & PK_NEEDS_SITE) && self->c->request == PK_REQUEST_TRANSFER)
    gtk_box_append (GTK_BOX (page), _pk_case_window_label (_("ST-13: with a change of address, the new site must meet "
                                                 "every standard (ST-1…ST-12), as a new office’s would."),
                                               "caption"));
  if (g_str_equal (st->id, "S5") && self->c->conversion)
    gtk_box_append (GTK_BOX (page), _pk_case_window_label (_("LT-6: tick the conversion box of the request: another "
                                                 "body’s service licence is converted."), "caption"));
  if (state == PK_STAGE_RETURNED)
    {
      g_autofree char *why = g_strdup_printf (_("Returned to the applicant: %s"),
                                              (char *) g_hash_table_lookup (self->c->stage_notes, st->id));
      gtk_box_append (GTK_BOX (page), _pk_case_window_label (why, "error"));
    }
  self->missing_label = GTK_LABEL (_pk_case_window_label ("", NULL));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->missing_label));
  update_missing (self);

  if (st->fields != NULL)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Details"));
      for (const PkFieldInfo *f = st->fields; f->key; f++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), _pk_case_window_field_row (self, f));
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
        _pk_case_window_add_documents (self, group, st->documents[i], 0);
      gtk_box_append (GTK_BOX (page), group);
    }
  if (st->needs & PK_NEEDS_PEOPLE)
    _pk_case_window_add_people (self, page);
  if (g_str_equal (st->id, "S11"))
    _pk_case_window_add_visits (self, page);

  _pk_case_window_read_thumbnails (self);
  update_actions (self);
}

static void
on_stage_activated_cb (PkCaseWindow  *self,
                       GtkListBoxRow *row)
{
  const char *stage = g_object_get_data (G_OBJECT (row), "stage");

  if (g_strcmp0 (stage, self->shown) == 0 && gtk_scrolled_window_get_child (self->page_scroller) != NULL)
    return;
  set_shown (self, stage);
  _pk_case_window_build_page (self);
}

void
pk_case_window_show_stage (PkCaseWindow *self,
                           const char   *stage)
{
  g_return_if_fail (PK_IS_CASE_WINDOW (self));
  set_shown (self, stage);
  fill_stage_list (self);
  _pk_case_window_build_page (self);
  /* another window or the CLI may have written: the page again if so */
  run_act (self, act_new (ACT_READ, AFTER_PAGE_IF_CHANGED, NULL));
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
 * Waits for the save in the background. Returns whether the value is now
 * stored. */
gboolean
pk_case_window_set_field (PkCaseWindow *self,
                          const char   *key,
                          const char   *text)
{
  GtkWidget *w = g_hash_table_lookup (self->entries, key);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), FALSE);
  if (w == NULL)
    return FALSE;
  if (GTK_IS_CHECK_BUTTON (w))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (w), g_strcmp0 (text, "1") == 0);
  else
    gtk_editable_set_text (GTK_EDITABLE (w), text);
  while (pk_case_window_is_saving (self) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return pk_case_get_field (self->c, key) != NULL;
}

/* The entry (or check box) of a field on the shown page, or NULL. */
GtkWidget *
pk_case_window_get_field_widget (PkCaseWindow *self,
                                 const char   *key)
{
  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), NULL);
  return g_hash_table_lookup (self->entries, key);
}

/* Whether something typed is waiting for its save or being saved. */
gboolean
pk_case_window_is_saving (PkCaseWindow *self)
{
  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), FALSE);
  return self->save_timeout != 0 || self->act_running || g_hash_table_size (self->pending) > 0 ||
         g_hash_table_size (self->pending_people) > 0;
}

/* Whether anything of the window is still on its way in a worker. */
gboolean
pk_case_window_is_busy (PkCaseWindow *self)
{
  g_return_val_if_fail (PK_IS_CASE_WINDOW (self), FALSE);
  return self->n_jobs > 0 || self->n_attaching > 0 || self->act_running || !g_queue_is_empty (&self->acts);
}

guint
pk_case_window_get_n_thumbnails (PkCaseWindow *self,
                                 guint        *n_marked)
{
  if (n_marked)
    *n_marked = self->n_marked;
  return self->n_thumbnails;
}

static void
on_saved_on_closing (GObject      *source,
                     GAsyncResult *result,
                     gpointer      app)
{
  g_autoptr(GError) error = NULL;
  PkCase *c = pk_store_run_job_finish (result, &error);
  Act *a = pk_store_job_get_data (result);

  if (c == NULL || a->error != NULL)
    g_warning ("What was typed in a closed case window was not saved: %s",
               (c == NULL ? error : a->error)->message);
  g_clear_pointer (&c, pk_case_free);
  if (app != NULL)
    g_application_release (app);
}

/* What is typed and not yet saved, saved by a worker that outlives the
 * window; the application stays until it is done. */
static void
save_on_closing (PkCaseWindow *self)
{
  GApplication *app = g_application_get_default ();
  Act *a;

  if (self->store == NULL || self->c == NULL ||
      (g_hash_table_size (self->pending) == 0 && g_hash_table_size (self->pending_people) == 0 &&
       self->address_typed == NULL))
    return;
  a = act_new (self->address_typed ? ACT_SITE_DETAILS : ACT_SAVE, AFTER_STATES, NULL);
  a->case_id = self->c->id;
  a->flag = self->c->site_not_on_map;
  a->text = g_steal_pointer (&self->address_typed);
  a->fields = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  a->people = g_steal_pointer (&self->pending_people);
  self->pending_people = _pk_case_window_people_table_new ();
  if (app != NULL)
    g_application_hold (app);
  pk_store_run_job_async (self->store, NULL, act_job, a, (GDestroyNotify) act_free,
                          (GDestroyNotify) pk_case_free, NULL, on_saved_on_closing, app);
}

static void
pk_case_window_dispose (GObject *object)
{
  PkCaseWindow *self = PK_CASE_WINDOW (object);

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  g_clear_handle_id (&self->address_timeout, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->acts, (GDestroyNotify) act_free);
  if (self->thumb_slots != NULL)
    g_hash_table_remove_all (self->thumb_slots);   /* their page goes with the window */
  save_on_closing (self);                   /* nothing typed is lost on closing */
  g_clear_pointer (&self->address_typed, g_free);
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
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->pending_people);
  g_hash_table_unref (self->thumbs);
  g_hash_table_unref (self->thumb_slots);
  G_OBJECT_CLASS (pk_case_window_parent_class)->finalize (object);
}

static void
pk_case_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PkCaseWindow *self = PK_CASE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_string (value, self->shown);
      break;
    case PROP_ATTACHING:
      g_value_set_boolean (value, self->n_attaching > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_case_window_class_init (PkCaseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pk_case_window_dispose;
  object_class->finalize = pk_case_window_finalize;
  object_class->get_property = pk_case_window_get_property;

  /**
   * PkCaseWindow:stage:
   *
   * The id of the stage the page shows, or %NULL for the history.
   */
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  /**
   * PkCaseWindow:attaching:
   *
   * Whether a document is being checked in the background.
   */
  properties[PROP_ATTACHING] = g_param_spec_boolean ("attaching", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-case-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, title);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, attach_banner);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, status_banner);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, stage_list);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, stage_bar);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, resubmit_button);
  gtk_widget_class_bind_template_child (widget_class, PkCaseWindow, return_button);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_activated_cb);

  gtk_widget_class_install_action (widget_class, "case.mark-done", NULL, case_mark_done_action);
  gtk_widget_class_install_action (widget_class, "case.reopen", NULL, case_reopen_action);
  gtk_widget_class_install_action (widget_class, "case.resubmit", NULL, case_resubmit_action);
  gtk_widget_class_install_action (widget_class, "case.return", NULL, case_return_action);
  gtk_widget_class_install_action (widget_class, "case.summary", NULL, case_summary_action);
  gtk_widget_class_install_action (widget_class, "case.withdraw", NULL, _pk_case_window_withdraw_action);
  gtk_widget_class_install_action (widget_class, "case.show-stage", "s", case_show_stage_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "case.summary", NULL);
}

static void
pk_case_window_init (PkCaseWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending_people = _pk_case_window_people_table_new ();
  self->thumbs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->thumb_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  /* a document is checked in the background; the window says so meanwhile */
  g_object_bind_property (self, "attaching", self->attach_banner, "visible", G_BINDING_SYNC_CREATE);
}

/**
 * pk_case_window_new:
 *
 * The wizard of case @case_id, open at the stage where the case stopped (a
 * returned stage first). Reads the case on the calling thread: the app reads
 * it in a worker and calls pk_case_window_new_for_case().
 */
PkCaseWindow *
pk_case_window_new (GtkWindow  *parent,
                    PkStore    *store,
                    gint64      case_id,
                    GError    **error)
{
  PkCase *c = pk_store_get_case (store, case_id, error);

  return c ? pk_case_window_new_for_case (parent, store, c) : NULL;
}

/**
 * pk_case_window_new_for_case:
 * @c: (transfer full): the case as just read (in a worker: see
 *   pk_case_list_open_case_async())
 *
 * The wizard of @c, open at the stage where the case stopped.
 */
PkCaseWindow *
pk_case_window_new_for_case (GtkWindow *parent,
                             PkStore   *store,
                             PkCase    *c)
{
  PkCaseWindow *self;
  const PkStageInfo *current;
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;

  g_return_val_if_fail (c != NULL, NULL);
  self = g_object_new (PK_TYPE_CASE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->c = c;
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
  set_shown (self, current ? current->id : NULL);
  fill_stage_list (self);
  _pk_case_window_build_page (self);
  return self;
}
