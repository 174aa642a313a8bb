/* pk-store-meetings.c: the working group's meetings, agendas, decisions and
 * the conditions they put on cases; a case's outcome; the audit log read back
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-json.h"
#include "pk-store-internal.h"

/* The JSON of the working group's records, as both backends store and log them */
char *
_pk_store_strv_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

GStrv
_pk_store_strv_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = text ? pk_json_parse_text (text) : NULL;
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  if (parser != NULL && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *a = json_node_get_array (json_parser_get_root (parser));

      for (guint i = 0; i < json_array_get_length (a); i++)
        g_strv_builder_add (out, json_array_get_string_element (a, i));
    }
  return g_strv_builder_end (out);
}

char *
_pk_store_meeting_json (const PkMeeting *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *members = _pk_store_strv_json ((const char * const *) m->members);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, m->number);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, m->date);
  json_builder_set_member_name (b, "members");
  json_builder_add_value (b, json_from_string (members, NULL));
  json_builder_set_member_name (b, "closed_at");
  json_builder_add_string_value (b, m->closed_at);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

char *
_pk_store_decision_json (const PkDecision *d)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "meeting_id");
  json_builder_add_int_value (b, d->meeting_id);
  json_builder_set_member_name (b, "case_id");
  json_builder_add_int_value (b, d->case_id);
  pk_decision_add_json (d, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* ---- meetings ------------------------------------------------------------- */

static gint64
sqlite_add_meeting (PkStore          *self,
                    const PkMeeting  *m,
                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *members = _pk_store_strv_json ((const char * const *) m->members);
  g_autofree char *after = NULL;
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO meetings (number, date, members, closed_at, " PK_RECORD_SQL ")"
                          " VALUES (?1, ?2, ?3, ?4, ?61, 1, ?62, ?63)", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the meeting");
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, m->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, m->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, members, -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 4, m->closed_at);
  _pk_store_bind_record (self, stmt, m->record.uuid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (_pk_store_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                     _("There is already a meeting numbered “%s”"), m->number);
      else
        _pk_store_sql_error (self, error, "Could not store the meeting");
      goto fail;
    }
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  after = _pk_store_meeting_json (m);
  if (!_pk_store_write_audit (self, "insert", "meeting", id, NULL, after, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

#define CONDITION_COLUMNS \
  "SELECT id, case_id, decision_id, text, due, met_at, met_by, " PK_RECORD_SQL " FROM case_conditions"

static PkCaseCondition *
condition_from_row (sqlite3_stmt *stmt)
{
  PkCaseCondition *c = g_new0 (PkCaseCondition, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->case_id = sqlite3_column_int64 (stmt, 1);
  c->decision_id = sqlite3_column_int64 (stmt, 2);
  c->text = _pk_store_column_strdup (stmt, 3);
  c->due = _pk_store_column_strdup (stmt, 4);
  c->met_at = _pk_store_column_strdup (stmt, 5);
  c->met_by = _pk_store_column_strdup (stmt, 6);
  _pk_store_column_record (stmt, 7, &c->record);
  return c;
}

#define DECISION_COLUMNS \
  "SELECT id, meeting_id, case_id, stage, kind, reason, rules, override_reason, decided_at," \
  " office_id, " PK_RECORD_SQL " FROM decisions"

static PkDecision *
decision_from_row (sqlite3_stmt *stmt)
{
  PkDecision *d = pk_decision_new (PK_DECISION_APPROVE);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->meeting_id = sqlite3_column_int64 (stmt, 1);
  d->case_id = sqlite3_column_int64 (stmt, 2);
  pk_review_from_string ((const char *) sqlite3_column_text (stmt, 3), &d->review);
  pk_decision_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &d->kind);
  d->reason = _pk_store_column_strdup (stmt, 5);
  g_strfreev (d->rules);
  d->rules = _pk_store_strv_from_json ((const char *) sqlite3_column_text (stmt, 6));
  d->override_reason = _pk_store_column_strdup (stmt, 7);
  d->decided_at = _pk_store_column_strdup (stmt, 8);
  d->office_id = sqlite3_column_int64 (stmt, 9);
  _pk_store_column_record (stmt, 10, &d->record);
  return d;
}

/* Each decision with its conditions. */
static gboolean
add_conditions (PkStore    *self,
                GPtrArray  *decisions,
                GError    **error)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      PkDecision *d = g_ptr_array_index (decisions, i);
      GPtrArray *conditions = _pk_store_list_rows (self, CONDITION_COLUMNS " WHERE decision_id = ?1 ORDER BY id", d->id,
                                         (PkStoreRowFunc) condition_from_row,
                                         (GDestroyNotify) pk_case_condition_free, error);

      if (conditions == NULL)
        return FALSE;
      g_ptr_array_unref (d->conditions);
      d->conditions = conditions;
    }
  return TRUE;
}

#define MEETING_COLUMNS "SELECT id, number, date, members, closed_at, " PK_RECORD_SQL " FROM meetings"

static PkMeeting *
meeting_from_row (sqlite3_stmt *stmt)
{
  PkMeeting *m = pk_meeting_new ();

  m->id = sqlite3_column_int64 (stmt, 0);
  m->number = _pk_store_column_strdup (stmt, 1);
  m->date = _pk_store_column_strdup (stmt, 2);
  g_strfreev (m->members);
  m->members = _pk_store_strv_from_json ((const char *) sqlite3_column_text (stmt, 3));
  m->closed_at = _pk_store_column_strdup (stmt, 4);
  _pk_store_column_record (stmt, 5, &m->record);
  return m;
}

/* The meeting's agenda and decisions. */
static gboolean
fill_meeting (PkStore    *self,
              PkMeeting  *m,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *decisions;
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT case_id, stage FROM meeting_cases WHERE meeting_id = ?1"
                          " ORDER BY position", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the meeting");
  sqlite3_bind_int64 (stmt, 1, m->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkAgendaItem item = { sqlite3_column_int64 (stmt, 0), PK_REVIEW_PRE };

      pk_review_from_string ((const char *) sqlite3_column_text (stmt, 1), &item.review);
      g_array_append_val (m->agenda, item);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the meeting");
  decisions = _pk_store_list_rows (self, DECISION_COLUMNS " WHERE meeting_id = ?1 ORDER BY id", m->id,
                         (PkStoreRowFunc) decision_from_row, (GDestroyNotify) pk_decision_free, error);
  if (decisions == NULL)
    return FALSE;
  g_ptr_array_unref (m->decisions);
  m->decisions = decisions;
  return add_conditions (self, m->decisions, error);
}

static PkMeeting *
sqlite_get_meeting (PkStore  *self,
                    gint64    id,
                    GError  **error)
{
  GError *local = NULL;
  g_autoptr(PkMeeting) m = _pk_store_get_one (self, MEETING_COLUMNS, id, NULL, (PkStoreRowFunc) meeting_from_row,
                                              &local);

  if (m == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no meeting “%s”"), number);
        }
      return NULL;
    }
  if (!fill_meeting (self, m, error))
    return NULL;
  return g_steal_pointer (&m);
}

static GPtrArray *
sqlite_list_meetings (PkStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) all = _pk_store_list_rows (self, MEETING_COLUMNS " ORDER BY date DESC, id DESC", 0,
                                        (PkStoreRowFunc) meeting_from_row, (GDestroyNotify) pk_meeting_free, error);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (!fill_meeting (self, g_ptr_array_index (all, i), error))
      return NULL;
  return g_steal_pointer (&all);
}

static gboolean
sqlite_add_agenda_case (PkStore   *self,
                        gint64     meeting_id,
                        gint64     case_id,
                        PkReview   review,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *after = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT ",\"review\":\"%s\"}", case_id,
                                            pk_review_to_string (review));

  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT OR IGNORE INTO meeting_cases (meeting_id, case_id, stage, position)"
                          " VALUES (?1, ?2, ?3, (SELECT coalesce (max (position), 0) + 1 FROM meeting_cases"
                          " WHERE meeting_id = ?1))", -1, &stmt, NULL) != SQLITE_OK ||
      (sqlite3_bind_int64 (stmt, 1, meeting_id), sqlite3_bind_int64 (stmt, 2, case_id),
       sqlite3_bind_text (stmt, 3, pk_review_to_string (review), -1, SQLITE_STATIC),
       !_pk_store_step_done (self, stmt, error, "Could not put the case on the agenda")) ||
      (sqlite3_changes (_pk_store_db (self)) > 0 &&
       !_pk_store_write_audit (self, "agenda", "meeting", meeting_id, NULL, after, error)))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
sqlite_close_meeting (PkStore  *self,
                      gint64    meeting_id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkMeeting) before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *now = _pk_store_now ();

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = pk_store_get_meeting (self, meeting_id, error)) == NULL)
    goto fail;
  before_json = _pk_store_meeting_json (before);
  g_free (before->closed_at);
  before->closed_at = g_strdup (now);
  after_json = _pk_store_meeting_json (before);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "UPDATE meetings SET closed_at = ?1, " PK_RECORD_BUMP_SQL
                          " WHERE id = ?2", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not close the meeting");
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, meeting_id);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not close the meeting") ||
      !_pk_store_write_audit (self, "close", "meeting", meeting_id, before_json, after_json, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return FALSE;
  return TRUE;

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* ---- decisions and conditions -------------------------------------------- */

static gint64
sqlite_add_decision (PkStore           *self,
                     const PkDecision  *d,
                     GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *rules = _pk_store_strv_json ((const char * const *) d->rules);
  g_autofree char *after = _pk_store_decision_json (d);
  g_autofree char *now = _pk_store_now ();
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO decisions (meeting_id, case_id, stage, kind, reason, rules,"
                          " override_reason, decided_at, office_id, " PK_RECORD_SQL ")"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?61, 1, ?62, ?63)", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the decision");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, d->meeting_id);
  sqlite3_bind_int64 (stmt, 2, d->case_id);
  sqlite3_bind_text (stmt, 3, pk_review_to_string (d->review), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pk_decision_kind_to_string (d->kind), -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 5, d->reason);
  sqlite3_bind_text (stmt, 6, rules, -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 7, d->override_reason);
  sqlite3_bind_text (stmt, 8, d->decided_at ? d->decided_at : now, -1, SQLITE_STATIC);
  if (d->office_id > 0)
    sqlite3_bind_int64 (stmt, 9, d->office_id);
  _pk_store_bind_record (self, stmt, d->record.uuid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (_pk_store_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                             _("This meeting has decided on the case already; a later meeting may decide again"));
      else
        _pk_store_sql_error (self, error, "Could not store the decision");
      goto fail;
    }
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  for (guint i = 0; i < d->conditions->len; i++)
    {
      PkCaseCondition *c = g_ptr_array_index (d->conditions, i);
      g_autoptr(sqlite3_stmt) cond = NULL;

      if (sqlite3_prepare_v2 (_pk_store_db (self),
                              "INSERT INTO case_conditions (case_id, decision_id, text, due, " PK_RECORD_SQL ")"
                              " VALUES (?1, ?2, ?3, ?4, ?61, 1, ?62, ?63)", -1, &cond, NULL) != SQLITE_OK)
        {
          _pk_store_sql_error (self, error, "Could not store the condition");
          goto fail;
        }
      sqlite3_bind_int64 (cond, 1, d->case_id);
      sqlite3_bind_int64 (cond, 2, id);
      sqlite3_bind_text (cond, 3, c->text, -1, SQLITE_STATIC);
      _pk_store_bind_text_or_null (cond, 4, c->due);
      _pk_store_bind_record (self, cond, c->record.uuid);
      if (!_pk_store_step_done (self, cond, error, "Could not store the condition"))
        goto fail;
    }
  if (!_pk_store_write_audit (self, "insert", "case-decision", id, NULL, after, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static GPtrArray *
sqlite_list_case_decisions (PkStore  *self,
                            gint64    case_id,
                            GError  **error)
{
  g_autoptr(GPtrArray) all = _pk_store_list_rows (self, DECISION_COLUMNS " WHERE case_id = ?1 ORDER BY decided_at, id", case_id,
                                        (PkStoreRowFunc) decision_from_row, (GDestroyNotify) pk_decision_free,
                                        error);

  if (all == NULL || !add_conditions (self, all, error))
    return NULL;
  return g_steal_pointer (&all);
}

static gboolean
sqlite_set_condition_met (PkStore   *self,
                          gint64     condition_id,
                          gboolean   met,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _pk_store_now ();
  g_autofree char *after = g_strdup_printf ("{\"met\":%s}", met ? "true" : "false");

  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "UPDATE case_conditions SET met_at = ?1, met_by = ?2, "
                          PK_RECORD_BUMP_SQL " WHERE id = ?3", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not mark the condition");
      goto fail;
    }
  _pk_store_bind_text_or_null (stmt, 1, met ? now : NULL);
  _pk_store_bind_text_or_null (stmt, 2, met ? _pk_store_actor (self) : NULL);
  sqlite3_bind_int64 (stmt, 3, condition_id);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not mark the condition"))
    goto fail;
  if (sqlite3_changes (_pk_store_db (self)) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, condition_id);

      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no condition %s"), number);
      goto fail;
    }
  if (!_pk_store_write_audit (self, "update", "case-condition", condition_id, NULL, after, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return FALSE;
  return TRUE;

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* What the case came to: "approved", "rejected", "withdrawn", or NULL (open). */
static gboolean
sqlite_write_case_outcome (PkStore     *self,
                           gint64       case_id,
                           const char  *outcome,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *after = g_strdup_printf ("{\"outcome\":%s%s%s}", outcome ? "\"" : "",
                                            outcome ? outcome : "null", outcome ? "\"" : "");

  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "UPDATE cases SET outcome = ?1, updated_at = ?62, "
                          PK_RECORD_BUMP_SQL " WHERE id = ?2", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the case’s outcome");
      goto fail;
    }
  _pk_store_bind_text_or_null (stmt, 1, outcome);
  sqlite3_bind_int64 (stmt, 2, case_id);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not store the case’s outcome") ||
      !_pk_store_write_audit (self, "outcome", "case", case_id, NULL, after, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return FALSE;
  return TRUE;

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* ---- the audit log --------------------------------------------------------- */

void
pk_audit_entry_free (PkAuditEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->at);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->entity);
  g_free (self->before);
  g_free (self->after);
  g_free (self);
}

static GPtrArray *
sqlite_list_audit (PkStore     *self,
                   const char  *since,
                   const char  *actor,
                   const char  *entity,
                   gint64       before_id,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_audit_entry_free);
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), limit == 0
                          ? "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log"
                            " WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR actor = ?2)"
                            " AND (?3 IS NULL OR entity = ?3) ORDER BY id"
                          : "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log"
                            " WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR actor = ?2)"
                            " AND (?3 IS NULL OR entity = ?3) AND (?4 = 0 OR id < ?4)"
                            " ORDER BY id DESC LIMIT ?5", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the audit log"), NULL;
  if (limit > 0)
    {
      sqlite3_bind_int64 (stmt, 4, before_id);
      sqlite3_bind_int64 (stmt, 5, limit);
    }
  _pk_store_bind_text_or_null (stmt, 1, since);
  _pk_store_bind_text_or_null (stmt, 2, actor);
  _pk_store_bind_text_or_null (stmt, 3, entity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkAuditEntry *e = g_new0 (PkAuditEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = _pk_store_column_strdup (stmt, 1);
      e->actor = _pk_store_column_strdup (stmt, 2);
      e->action = _pk_store_column_strdup (stmt, 3);
      e->entity = _pk_store_column_strdup (stmt, 4);
      e->entity_id = sqlite3_column_int64 (stmt, 5);
      e->before = _pk_store_column_strdup (stmt, 6);
      e->after = _pk_store_column_strdup (stmt, 7);
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the audit log"), NULL;
  return g_steal_pointer (&out);
}

void
_pk_sqlite_store_meetings_class_init (PkStoreClass *klass)
{
  klass->add_meeting = sqlite_add_meeting;
  klass->get_meeting = sqlite_get_meeting;
  klass->list_meetings = sqlite_list_meetings;
  klass->add_agenda_case = sqlite_add_agenda_case;
  klass->close_meeting = sqlite_close_meeting;
  klass->add_decision = sqlite_add_decision;
  klass->list_case_decisions = sqlite_list_case_decisions;
  klass->set_condition_met = sqlite_set_condition_met;
  klass->write_case_outcome = sqlite_write_case_outcome;
  klass->list_audit = sqlite_list_audit;
}
