/* pk-pg-store-meetings.c: the working group's meetings, agendas, decisions
 * and conditions, what a case came to, and the audit log, on a server
 * workspace, as in a file (pk-store-meetings.c)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pk-pg-store.h"



static gboolean
is_unique_violation (GError *error)
{
  /* a broken UNIQUE is 23505, told as PK_STORE_ERROR_INVALID with its message */
  return error != NULL && g_error_matches (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID) &&
         strstr (error->message, "duplicate key") != NULL;
}

static gint64
pg_add_meeting (PkStore          *self,
                const PkMeeting  *m,
                GError          **error)
{
  g_autofree char *members = _pk_store_strv_json ((const char * const *) m->members);
  g_autofree char *uuid = m->record.uuid ? g_strdup (m->record.uuid) : g_uuid_string_random ();
  g_autofree char *now = _pk_store_now ();
  g_autofree char *after = NULL;
  const char *params[] = { m->number, m->date, members, m->closed_at, uuid, now, _pk_store_actor (self) };
  g_autoptr(PGresult) res = NULL;
  GError *local = NULL;
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  res = _pk_pg_query (self, &local, "Could not store the meeting",
                      "INSERT INTO meetings (number, date, members, closed_at, uuid, revision, updated_at,"
                      " updated_by) VALUES ($1, $2, $3, $4, $5, 1, $6, $7) RETURNING id", PK_PG_N (params), params);
  if (res == NULL)
    {
      if (is_unique_violation (local))
        {
          g_clear_error (&local);
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                       _("There is already a meeting numbered “%s”"), m->number);
        }
      else
        g_propagate_error (error, local);
      goto fail;
    }
  id = _pk_pg_int (res, 0, 0);
  after = _pk_store_meeting_json (m);
  if (!_pk_pg_write_audit (self, "insert", "meeting", id, NULL, after, error) || !pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

#define CONDITION_COLUMNS \
  "SELECT id, case_id, decision_id, text, due, met_at, met_by, uuid, revision, updated_at, updated_by" \
  " FROM case_conditions"

static PkCaseCondition *
condition_from_row (PGresult *res,
                    int       i)
{
  PkCaseCondition *c = g_new0 (PkCaseCondition, 1);

  c->id = _pk_pg_int (res, i, 0);
  c->case_id = _pk_pg_int (res, i, 1);
  c->decision_id = _pk_pg_int (res, i, 2);
  c->text = _pk_pg_strdup (res, i, 3);
  c->due = _pk_pg_strdup (res, i, 4);
  c->met_at = _pk_pg_strdup (res, i, 5);
  c->met_by = _pk_pg_strdup (res, i, 6);
  _pk_pg_record (res, i, 7, &c->record);
  return c;
}

#define DECISION_COLUMNS \
  "SELECT id, meeting_id, case_id, stage, kind, reason, rules, override_reason, decided_at," \
  " office_id, uuid, revision, updated_at, updated_by FROM decisions"

static PkDecision *
decision_from_row (PGresult *res,
                   int       i)
{
  PkDecision *d = pk_decision_new (PK_DECISION_APPROVE);

  d->id = _pk_pg_int (res, i, 0);
  d->meeting_id = _pk_pg_int (res, i, 1);
  d->case_id = _pk_pg_int (res, i, 2);
  pk_review_from_string (PQgetvalue (res, i, 3), &d->review);
  pk_decision_kind_from_string (PQgetvalue (res, i, 4), &d->kind);
  d->reason = _pk_pg_strdup (res, i, 5);
  g_strfreev (d->rules);
  d->rules = _pk_store_strv_from_json (PQgetvalue (res, i, 6));
  d->override_reason = _pk_pg_strdup (res, i, 7);
  d->decided_at = _pk_pg_strdup (res, i, 8);
  d->office_id = _pk_pg_int (res, i, 9);
  _pk_pg_record (res, i, 10, &d->record);
  return d;
}

/* The decisions @filter selects ($1 an id) in @order, each with its
 * conditions: two queries, however many decisions */
static GPtrArray *
select_decisions (PkStore     *self,
                  const char  *filter,
                  const char  *order,
                  gint64       id,
                  GError     **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text };
  g_autofree char *sql = g_strdup_printf (DECISION_COLUMNS " WHERE %s ORDER BY %s", filter, order);
  g_autofree char *conditions_sql = g_strdup_printf (CONDITION_COLUMNS " WHERE decision_id IN (SELECT id FROM"
                                                     " decisions WHERE %s) ORDER BY id", filter);
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the decisions", sql, 1, params);
  g_autoptr(PGresult) cond = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_decision_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      PkDecision *d = decision_from_row (res, i);

      g_ptr_array_add (out, d);
      g_hash_table_insert (by_id, &d->id, d);
    }
  if ((cond = _pk_pg_query (self, error, "Could not read the conditions", conditions_sql, 1, params)) == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (cond); i++)
    {
      gint64 decision = _pk_pg_int (cond, i, 2);
      PkDecision *d = g_hash_table_lookup (by_id, &decision);

      if (d != NULL)
        g_ptr_array_add (d->conditions, condition_from_row (cond, i));
    }
  return g_steal_pointer (&out);
}

#define MEETING_COLUMNS "SELECT id, number, date, members, closed_at, uuid, revision, updated_at, updated_by FROM meetings"

static PkMeeting *
meeting_from_row (PGresult *res,
                  int       i)
{
  PkMeeting *m = pk_meeting_new ();

  m->id = _pk_pg_int (res, i, 0);
  m->number = _pk_pg_strdup (res, i, 1);
  m->date = _pk_pg_strdup (res, i, 2);
  g_strfreev (m->members);
  m->members = _pk_store_strv_from_json (PQgetvalue (res, i, 3));
  m->closed_at = _pk_pg_strdup (res, i, 4);
  _pk_pg_record (res, i, 5, &m->record);
  return m;
}

static gboolean
fill_meeting (PkStore    *self,
              PkMeeting  *m,
              GError    **error)
{
  g_autofree char *id = _pk_pg_int_text (m->id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the meeting",
                                          "SELECT case_id, stage FROM meeting_cases WHERE meeting_id = $1::bigint"
                                          " ORDER BY position", 1, params);
  GPtrArray *decisions;

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      PkAgendaItem item = { _pk_pg_int (res, i, 0), PK_REVIEW_PRE };

      pk_review_from_string (PQgetvalue (res, i, 1), &item.review);
      g_array_append_val (m->agenda, item);
    }
  if ((decisions = select_decisions (self, "meeting_id = $1::bigint", "id", m->id, error)) == NULL)
    return FALSE;
  g_ptr_array_unref (m->decisions);
  m->decisions = decisions;
  return TRUE;
}

static PkMeeting *
pg_get_meeting (PkStore  *self,
                gint64    id,
                GError  **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the meeting",
                                          MEETING_COLUMNS " WHERE id = $1::bigint", 1, params);
  g_autoptr(PkMeeting) m = NULL;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no meeting “%s”"), id_text);
      return NULL;
    }
  m = meeting_from_row (res, 0);
  if (!fill_meeting (self, m, error))
    return NULL;
  return g_steal_pointer (&m);
}

static GPtrArray *
pg_list_meetings (PkStore  *self,
                  GError  **error)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the meetings",
                                          MEETING_COLUMNS " ORDER BY date DESC, id DESC", 0, NULL);
  g_autoptr(GPtrArray) out = NULL;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_meeting_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      PkMeeting *m = meeting_from_row (res, i);

      g_ptr_array_add (out, m);
      if (!fill_meeting (self, m, error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
pg_add_agenda_case (PkStore   *self,
                    gint64     meeting_id,
                    gint64     case_id,
                    PkReview   review,
                    GError   **error)
{
  g_autofree char *meeting = _pk_pg_int_text (meeting_id);
  g_autofree char *kase = _pk_pg_int_text (case_id);
  g_autofree char *after = g_strdup_printf ("{\"case_id\":%s,\"review\":\"%s\"}", kase, pk_review_to_string (review));
  const char *params[] = { meeting, kase, pk_review_to_string (review) };
  g_autoptr(PGresult) res = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  res = _pk_pg_query (self, error, "Could not put the case on the agenda",
                      "INSERT INTO meeting_cases (meeting_id, case_id, stage, position) VALUES ($1::bigint,"
                      " $2::bigint, $3, (SELECT coalesce (max (position), 0) + 1 FROM meeting_cases"
                      " WHERE meeting_id = $1::bigint)) ON CONFLICT DO NOTHING", PK_PG_N (params), params);
  if (res == NULL ||
      (!g_str_equal (PQcmdTuples (res), "0") &&
       !_pk_pg_write_audit (self, "agenda", "meeting", meeting_id, NULL, after, error)))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
pg_close_meeting (PkStore  *self,
                  gint64    meeting_id,
                  GError  **error)
{
  g_autoptr(PkMeeting) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *now = _pk_store_now ();
  g_autofree char *id = _pk_pg_int_text (meeting_id);
  const char *params[] = { now, id, _pk_store_actor (self) };
  g_autoptr(PGresult) res = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_meeting (self, meeting_id, error)) == NULL)
    goto fail;
  before_json = _pk_store_meeting_json (before);
  g_free (before->closed_at);
  before->closed_at = g_strdup (now);
  after_json = _pk_store_meeting_json (before);
  res = _pk_pg_query (self, error, "Could not close the meeting",
                      "UPDATE meetings SET closed_at = $1, revision = revision + 1, updated_at = $1,"
                      " updated_by = $3 WHERE id = $2::bigint", PK_PG_N (params), params);
  if (res == NULL || !_pk_pg_write_audit (self, "close", "meeting", meeting_id, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gint64
pg_add_decision (PkStore           *self,
                 const PkDecision  *d,
                 GError           **error)
{
  g_autofree char *rules = _pk_store_strv_json ((const char * const *) d->rules);
  g_autofree char *after = _pk_store_decision_json (d);
  g_autofree char *now = _pk_store_now ();
  g_autofree char *meeting = _pk_pg_int_text (d->meeting_id);
  g_autofree char *kase = _pk_pg_int_text (d->case_id);
  g_autofree char *office = d->office_id > 0 ? _pk_pg_int_text (d->office_id) : NULL;
  g_autofree char *uuid = d->record.uuid ? g_strdup (d->record.uuid) : g_uuid_string_random ();
  const char *params[] = { meeting, kase, pk_review_to_string (d->review), pk_decision_kind_to_string (d->kind),
                           d->reason, rules, d->override_reason, d->decided_at ? d->decided_at : now, office,
                           uuid, now, _pk_store_actor (self) };
  g_autoptr(PGresult) res = NULL;
  g_autofree char *id_text = NULL;
  GError *local = NULL;
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  res = _pk_pg_query (self, &local, "Could not store the decision",
                      "INSERT INTO decisions (meeting_id, case_id, stage, kind, reason, rules, override_reason,"
                      " decided_at, office_id, uuid, revision, updated_at, updated_by) VALUES ($1::bigint, $2::bigint,"
                      " $3, $4, $5, $6, $7, $8, $9::bigint, $10, 1, $11, $12) RETURNING id", PK_PG_N (params), params);
  if (res == NULL)
    {
      if (is_unique_violation (local))
        {
          g_clear_error (&local);
          g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                               _("This meeting has decided on the case already; a later meeting may decide again"));
        }
      else
        g_propagate_error (error, local);
      goto fail;
    }
  id = _pk_pg_int (res, 0, 0);
  id_text = _pk_pg_int_text (id);
  for (guint i = 0; i < d->conditions->len; i++)
    {
      PkCaseCondition *c = g_ptr_array_index (d->conditions, i);
      g_autofree char *cond_uuid = c->record.uuid ? g_strdup (c->record.uuid) : g_uuid_string_random ();
      const char *cond_params[] = { kase, id_text, c->text, c->due, cond_uuid, now, _pk_store_actor (self) };
      g_autoptr(PGresult) cond = _pk_pg_query (self, error, "Could not store the condition",
                                               "INSERT INTO case_conditions (case_id, decision_id, text, due, uuid,"
                                               " revision, updated_at, updated_by) VALUES ($1::bigint, $2::bigint,"
                                               " $3, $4, $5, 1, $6, $7)", PK_PG_N (cond_params), cond_params);

      if (cond == NULL)
        goto fail;
    }
  if (!_pk_pg_write_audit (self, "insert", "case-decision", id, NULL, after, error) || !pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static GPtrArray *
pg_list_case_decisions (PkStore  *self,
                        gint64    case_id,
                        GError  **error)
{
  return select_decisions (self, "case_id = $1::bigint", "decided_at, id", case_id, error);
}

static gboolean
pg_set_condition_met (PkStore   *self,
                      gint64     condition_id,
                      gboolean   met,
                      GError   **error)
{
  g_autofree char *now = _pk_store_now ();
  g_autofree char *id = _pk_pg_int_text (condition_id);
  g_autofree char *after = g_strdup_printf ("{\"met\":%s}", met ? "true" : "false");
  const char *params[] = { met ? now : NULL, met ? _pk_store_actor (self) : NULL, id, now, _pk_store_actor (self) };
  g_autoptr(PGresult) res = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  res = _pk_pg_query (self, error, "Could not mark the condition",
                      "UPDATE case_conditions SET met_at = $1, met_by = $2, revision = revision + 1,"
                      " updated_at = $4, updated_by = $5 WHERE id = $3::bigint", PK_PG_N (params), params);
  if (res == NULL)
    goto fail;
  if (g_str_equal (PQcmdTuples (res), "0"))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no condition %s"), id);
      goto fail;
    }
  if (!_pk_pg_write_audit (self, "update", "case-condition", condition_id, NULL, after, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gboolean
pg_write_case_outcome (PkStore     *self,
                       gint64       case_id,
                       const char  *outcome,
                       GError     **error)
{
  g_autofree char *after = g_strdup_printf ("{\"outcome\":%s%s%s}", outcome ? "\"" : "",
                                            outcome ? outcome : "null", outcome ? "\"" : "");
  g_autofree char *now = _pk_store_now ();
  g_autofree char *id = _pk_pg_int_text (case_id);
  const char *params[] = { outcome, id, now, _pk_store_actor (self) };
  g_autoptr(PGresult) res = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  res = _pk_pg_query (self, error, "Could not store the case’s outcome",
                      "UPDATE cases SET outcome = $1, updated_at = $3, revision = revision + 1, updated_by = $4"
                      " WHERE id = $2::bigint", PK_PG_N (params), params);
  if (res == NULL || !_pk_pg_write_audit (self, "outcome", "case", case_id, NULL, after, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  _pk_store_note_change (self, "case", case_id);
  return pk_store_commit (self, error);
}

static GPtrArray *
pg_list_audit (PkStore     *self,
               const char  *since,
               const char  *actor,
               const char  *entity,
               gint64       before_id,
               guint        limit,
               GError     **error)
{
  g_autofree char *before = _pk_pg_int_text (before_id);
  g_autofree char *count = _pk_pg_int_text (limit);
  const char *params[] = { since, actor, entity, before, count };
  /* limit 0: every change, oldest first; else a page, newest first */
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the audit log", limit == 0
                                          ? "SELECT id, at, actor, action, entity, entity_id, before, after"
                                            " FROM audit_log WHERE ($1::text IS NULL OR at >= $1)"
                                            " AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR entity = $3)"
                                            " ORDER BY id"
                                          : "SELECT id, at, actor, action, entity, entity_id, before, after"
                                            " FROM audit_log WHERE ($1::text IS NULL OR at >= $1)"
                                            " AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR entity = $3)"
                                            " AND ($4::bigint = 0 OR id < $4::bigint) ORDER BY id DESC LIMIT $5::bigint",
                                          limit == 0 ? 3 : 5, params);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) pk_audit_entry_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      PkAuditEntry *e = g_new0 (PkAuditEntry, 1);

      e->id = _pk_pg_int (res, i, 0);
      e->at = _pk_pg_strdup (res, i, 1);
      e->actor = _pk_pg_strdup (res, i, 2);
      e->action = _pk_pg_strdup (res, i, 3);
      e->entity = _pk_pg_strdup (res, i, 4);
      e->entity_id = _pk_pg_int (res, i, 5);
      e->before = _pk_pg_strdup (res, i, 6);
      e->after = _pk_pg_strdup (res, i, 7);
      g_ptr_array_add (out, e);
    }
  return out;
}

void
_pk_pg_store_meetings_class_init (PkStoreClass *klass)
{
  klass->add_meeting = pg_add_meeting;
  klass->get_meeting = pg_get_meeting;
  klass->list_meetings = pg_list_meetings;
  klass->add_agenda_case = pg_add_agenda_case;
  klass->close_meeting = pg_close_meeting;
  klass->add_decision = pg_add_decision;
  klass->list_case_decisions = pg_list_case_decisions;
  klass->set_condition_met = pg_set_condition_met;
  klass->write_case_outcome = pg_write_case_outcome;
  klass->list_audit = pg_list_audit;
}
