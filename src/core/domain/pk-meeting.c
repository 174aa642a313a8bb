/* pk-meeting.c: meetings, decisions and conditions as values
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-meeting.h"

G_DEFINE_BOXED_TYPE (PkMeeting, pk_meeting, pk_meeting_copy, pk_meeting_free)

PkCaseCondition *
pk_case_condition_new (const char *text,
                       const char *due)
{
  PkCaseCondition *self = g_new0 (PkCaseCondition, 1);

  self->text = g_strdup (text);
  self->due = g_strdup (due);
  return self;
}

PkCaseCondition *
pk_case_condition_copy (const PkCaseCondition *self)
{
  PkCaseCondition *copy = g_memdup2 (self, sizeof *self);

  copy->text = g_strdup (self->text);
  copy->due = g_strdup (self->due);
  copy->met_at = g_strdup (self->met_at);
  copy->met_by = g_strdup (self->met_by);
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_case_condition_free (PkCaseCondition *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->due);
  g_free (self->met_at);
  g_free (self->met_by);
  pk_record_clear (&self->record);
  g_free (self);
}

PkDecision *
pk_decision_new (PkDecisionKind kind)
{
  PkDecision *self = g_new0 (PkDecision, 1);

  self->kind = kind;
  self->rules = g_new0 (char *, 1);
  self->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_condition_free);
  return self;
}

PkDecision *
pk_decision_copy (const PkDecision *self)
{
  PkDecision *copy = g_memdup2 (self, sizeof *self);

  copy->reason = g_strdup (self->reason);
  copy->rules = g_strdupv (self->rules);
  copy->override_reason = g_strdup (self->override_reason);
  copy->decided_at = g_strdup (self->decided_at);
  copy->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_condition_free);
  for (guint i = 0; i < self->conditions->len; i++)
    g_ptr_array_add (copy->conditions, pk_case_condition_copy (g_ptr_array_index (self->conditions, i)));
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_decision_free (PkDecision *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_strfreev (self->rules);
  g_free (self->override_reason);
  g_free (self->decided_at);
  g_ptr_array_unref (self->conditions);
  pk_record_clear (&self->record);
  g_free (self);
}

PkMeeting *
pk_meeting_new (void)
{
  PkMeeting *self = g_new0 (PkMeeting, 1);

  self->members = g_new0 (char *, 1);
  self->agenda = g_array_new (FALSE, FALSE, sizeof (PkAgendaItem));
  self->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_decision_free);
  return self;
}

PkMeeting *
pk_meeting_copy (const PkMeeting *self)
{
  PkMeeting *copy = g_memdup2 (self, sizeof *self);

  copy->number = g_strdup (self->number);
  copy->date = g_strdup (self->date);
  copy->members = g_strdupv (self->members);
  copy->closed_at = g_strdup (self->closed_at);
  copy->agenda = g_array_copy (self->agenda);
  copy->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_decision_free);
  for (guint i = 0; i < self->decisions->len; i++)
    g_ptr_array_add (copy->decisions, pk_decision_copy (g_ptr_array_index (self->decisions, i)));
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_meeting_free (PkMeeting *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->date);
  g_strfreev (self->members);
  g_free (self->closed_at);
  g_array_unref (self->agenda);
  g_ptr_array_unref (self->decisions);
  pk_record_clear (&self->record);
  g_free (self);
}

/* The meeting's decision on @case_id, or NULL. */
const PkDecision *
pk_meeting_find_decision (const PkMeeting *self,
                          gint64           case_id)
{
  for (guint i = 0; i < self->decisions->len; i++)
    if (((PkDecision *) g_ptr_array_index (self->decisions, i))->case_id == case_id)
      return g_ptr_array_index (self->decisions, i);
  return NULL;
}

gboolean
pk_meeting_has_case (const PkMeeting *self,
                     gint64           case_id)
{
  for (guint i = 0; i < self->agenda->len; i++)
    if (g_array_index (self->agenda, PkAgendaItem, i).case_id == case_id)
      return TRUE;
  return FALSE;
}

const char *
pk_review_to_string (PkReview review)
{
  return review == PK_REVIEW_FINAL ? "final" : "PA-5";
}

gboolean
pk_review_from_string (const char *text,
                       PkReview   *out)
{
  if (g_strcmp0 (text, "PA-5") == 0)
    *out = PK_REVIEW_PRE;
  else if (g_strcmp0 (text, "final") == 0)
    *out = PK_REVIEW_FINAL;
  else
    return FALSE;
  return TRUE;
}

const char *
pk_review_display_name (PkReview review)
{
  return review == PK_REVIEW_FINAL ? _("Final approval") : _("Location (PA-5)");
}

const char *
pk_decision_kind_to_string (PkDecisionKind kind)
{
  switch (kind)
    {
    case PK_DECISION_APPROVE: return "approve";
    case PK_DECISION_RETURN: return "return";
    case PK_DECISION_REJECT: return "reject";
    default: g_return_val_if_reached ("approve");
    }
}

gboolean
pk_decision_kind_from_string (const char     *text,
                              PkDecisionKind *out)
{
  for (PkDecisionKind k = PK_DECISION_APPROVE; k <= PK_DECISION_REJECT; k++)
    if (g_strcmp0 (text, pk_decision_kind_to_string (k)) == 0)
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

const char *
pk_decision_display_name (const PkDecision *decision)
{
  switch (decision->kind)
    {
    case PK_DECISION_APPROVE:
      return decision->conditions->len > 0 ? _("Approved with conditions") : _("Approved");
    case PK_DECISION_RETURN: return _("Returned for revision");
    case PK_DECISION_REJECT: return _("Rejected");
    default: g_return_val_if_reached ("");
    }
}

/**
 * pk_decision_add_json:
 * @builder: inside an object the caller began
 *
 * The decision's own members: review, decision, reason, rules, the capacity
 * override (LT-7) when there is one, and each condition with its due date and
 * whether it is met — the same in the audit log and in the CLI's JSON.
 */
void
pk_decision_add_json (const PkDecision *d,
                      JsonBuilder      *b)
{
  json_builder_set_member_name (b, "review");
  json_builder_add_string_value (b, pk_review_to_string (d->review));
  json_builder_set_member_name (b, "decision");
  json_builder_add_string_value (b, pk_decision_kind_to_string (d->kind));
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, d->reason);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; d->rules && d->rules[i]; i++)
    json_builder_add_string_value (b, d->rules[i]);
  json_builder_end_array (b);
  if (d->override_reason != NULL)
    {
      json_builder_set_member_name (b, "override_capacity");
      json_builder_add_string_value (b, d->override_reason);
    }
  json_builder_set_member_name (b, "conditions");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->conditions->len; i++)
    {
      const PkCaseCondition *c = g_ptr_array_index (d->conditions, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, c->text);
      json_builder_set_member_name (b, "due");
      json_builder_add_string_value (b, c->due);
      json_builder_set_member_name (b, "met");
      json_builder_add_boolean_value (b, c->met_at != NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}
