/* pk-store-cases.c: the case files in the workspace (schema 4)
 *
 * Every change is written at once, in its own transaction (nothing typed is
 * lost when the window closes or the process dies); stage changes, returns
 * (RT-1), resubmissions and documents also go into the case's history.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <cairo.h>

#include "pk-json.h"
#include "pk-jalali.h"
#include "pk-store-internal.h"
#include "pk-text.h"

/* Runs @sql with @case_id as ?1 and the texts as ?2…; one statement. */
static gboolean
exec_case (PkStore     *self,
           const char  *sql,
           gint64       case_id,
           GError     **error,
           const char  *what,
           ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list ap;
  const char *text;
  int i = 2;

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, what);
  sqlite3_bind_int64 (stmt, 1, case_id);
  va_start (ap, what);
  while ((text = va_arg (ap, const char *)) != NULL)
    _pk_store_bind_text_or_null (stmt, i++, text);
  va_end (ap);
  _pk_store_bind_record (self, stmt, NULL);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_sql_error (self, error, what);
  return TRUE;
}


/* Someone saved @key of the case while another person edited it (both backends) */
void
_pk_store_case_field_conflict (GError     **error,
                               const char  *key,
                               const char  *now,
                               const char  *by)
{
  const PkFieldInfo *field = pk_case_find_field (key);

  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT,
               _("%s changed “%s” to “%s” while you edited it; nothing was saved"),
               by ? by : "?", field ? pk_case_field_label (field) : key, now ? now : "");
}

/* A tombstone for each row of @table the statement's WHERE names (see _pk_store_bury()). */
#define BURY(table, entity) \
  "INSERT OR REPLACE INTO tombstones (uuid, entity, deleted_at, deleted_by)" \
  " SELECT uuid, '" entity "', ?62, ?63 FROM " table

/* A stage's state (?3) and note (?4, "" for none): one record per case and stage */
#define SET_STAGE_SQL \
  "INSERT INTO case_stages (case_id, stage, state, note, " PK_RECORD_SQL ")" \
  " VALUES (?1, ?2, ?3, ?4, ?61, 1, ?62, ?63)" \
  " ON CONFLICT (case_id, stage) DO UPDATE SET state = excluded.state, note = excluded.note," \
  " " PK_RECORD_BUMP_SQL

static gboolean
delete_stage (PkStore     *self,
              gint64       case_id,
              const char  *stage,
              GError     **error)
{
  return exec_case (self, BURY ("case_stages", "case_stage") " WHERE case_id = ?1 AND stage = ?2",
                    case_id, error, "Could not save the stage", stage, NULL) &&
         exec_case (self, "DELETE FROM case_stages WHERE case_id = ?1 AND stage = ?2", case_id,
                    error, "Could not save the stage", stage, NULL);
}

static gboolean
add_event (PkStore     *self,
           gint64       case_id,
           const char  *kind,
           const char  *stage,
           const char  *message,
           GError     **error)
{
  g_autofree char *at = _pk_store_now ();

  return exec_case (self, "INSERT INTO case_events (case_id, at, actor, kind, stage, message, "
                    PK_RECORD_SQL ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?61, 1, ?2, ?3)", case_id,
                    error, "Could not write the case history", at, _pk_store_actor (self), kind, stage ? stage : "", message ? message : "", NULL);
}

static gboolean
touch (PkStore  *self,
       gint64    case_id,
       GError  **error)
{
  /* every change of a case touches it: the one place to tell "changed" */
  _pk_store_note_change (self, "case", case_id);
  return exec_case (self, "UPDATE cases SET " PK_RECORD_BUMP_SQL " WHERE id = ?1", case_id, error,
                    "Could not update the case", NULL);
}

/* "1405-0007": the Solar Hijri year of filing and a sequence within it, from
 * a counter per year (inside the caller's transaction, so two writers never
 * draw the same number and a rolled-back filing gives its number back). */
static char *
next_number (PkStore  *self,
             GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int jy = g_date_time_get_year (now), jm, jd;

  pk_jalali_from_gregorian (g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now), &jy, &jm, &jd);
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO case_counters (year, last) VALUES (?1, 1)"
                          " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not number the case"), NULL;
  sqlite3_bind_int (stmt, 1, jy);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _pk_store_sql_error (self, error, "Could not number the case"), NULL;
  return g_strdup_printf ("%04d-%04d", jy, sqlite3_column_int (stmt, 0));
}

/**
 * pk_store_add_case:
 *
 * Files a new case (request, licence, applicant kind, conversion, new
 * address of @c), refusing what LT-2, LT-3 or LT-6 do not allow. Sets its
 * id and number.
 */
static gint64
sqlite_add_case (PkStore  *self,
                 PkCase   *c,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = _pk_store_now ();
  g_autofree char *number = NULL;
  gint64 id;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (!pk_case_check_kind (c->request, c->license, c->applicant, c->conversion, error))
    return 0;
  if (!pk_store_begin (self, error))
    return 0;
  if ((number = next_number (self, error)) == NULL)
    goto fail;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO cases (number, request, license, applicant, conversion,"
                          " new_address, created_at, " PK_RECORD_SQL ")"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?61, 1, ?7, ?63)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail_sql;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pk_request_to_string (c->request), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pk_license_to_string (c->license), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pk_applicant_to_string (c->applicant), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, c->conversion);
  sqlite3_bind_int (stmt, 6, c->new_address);
  sqlite3_bind_text (stmt, 7, at, -1, SQLITE_STATIC);
  _pk_store_bind_record (self, stmt, c->record.uuid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail_sql;
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  if (!add_event (self, id, "created", NULL, pk_request_display_name (c->request), error) ||
      !pk_store_log (self, "insert", "case", id, NULL, number, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  c->id = id;
  g_free (c->number);
  c->number = g_steal_pointer (&number);
  return id;

fail_sql:
  _pk_store_sql_error (self, error, "Could not store the case");
fail:
  pk_store_rollback (self);
  return 0;
}

/* The case's fields from their stored JSON object (both backends) */
void
_pk_store_case_load_fields (PkCase     *c,
                            const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (json == NULL || (parser = pk_json_parse_text (json)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (c->fields, g_strdup (key), g_strdup (json_node_get_string (value)));
}

#define CASE_COLUMNS \
  "SELECT id, number, request, license, applicant, conversion, new_address, status, fields," \
  " site_lat, site_lon, site_not_on_map, site_address, site_check, created_at, updated_at," \
  " " PK_RECORD_SQL ", outcome FROM cases"

static PkCase *
case_from_row (sqlite3_stmt *stmt)
{
  PkRequest request = PK_REQUEST_ISSUE;
  PkLicense license = PK_LICENSE_URBAN;
  PkApplicantKind applicant = PK_APPLICANT_COMPANY;
  const char *status = (const char *) sqlite3_column_text (stmt, 7);
  PkCase *c;

  pk_request_from_string ((const char *) sqlite3_column_text (stmt, 2), &request);
  pk_license_from_string ((const char *) sqlite3_column_text (stmt, 3), &license);
  pk_applicant_from_string ((const char *) sqlite3_column_text (stmt, 4), &applicant);
  c = pk_case_new (request, license, applicant);
  c->id = sqlite3_column_int64 (stmt, 0);
  c->number = _pk_store_column_strdup (stmt, 1);
  c->conversion = sqlite3_column_int (stmt, 5);
  c->new_address = sqlite3_column_int (stmt, 6);
  c->status = g_strcmp0 (status, "returned") == 0 ? PK_CASE_RETURNED
            : g_strcmp0 (status, "done") == 0 ? PK_CASE_DONE : PK_CASE_OPEN;
  _pk_store_case_load_fields (c, (const char *) sqlite3_column_text (stmt, 8));
  c->has_site = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  c->site_lat = sqlite3_column_double (stmt, 9);
  c->site_lon = sqlite3_column_double (stmt, 10);
  c->site_not_on_map = sqlite3_column_int (stmt, 11);
  c->site_address = _pk_store_column_strdup (stmt, 12);
  c->site_check = _pk_store_column_strdup (stmt, 13);
  c->created_at = _pk_store_column_strdup (stmt, 14);
  c->updated_at = _pk_store_column_strdup (stmt, 15);
  _pk_store_column_record (stmt, 16, &c->record);
  c->outcome = _pk_store_column_strdup (stmt, 20);
  return c;
}

static gboolean
load_parts (PkStore  *self,
            PkCase   *c,
            GError  **error)
{
  sqlite3 *db = _pk_store_db (self);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(sqlite3_stmt) pe = NULL;
  g_autoptr(sqlite3_stmt) doc = NULL;
  g_autoptr(sqlite3_stmt) ev = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT stage, state, note FROM case_stages WHERE case_id = ?", -1, &st,
                          NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, role, name, national_code, mobile, on_board, eligibility,"
                          " " PK_RECORD_SQL " FROM case_people WHERE case_id = ? ORDER BY id", -1, &pe, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, kind, person_id, file_name, pages, pass, findings, added_at,"
                          " " PK_RECORD_SQL " FROM case_documents WHERE case_id = ? ORDER BY id", -1, &doc, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, at, actor, kind, stage, message FROM case_events"
                          " WHERE case_id = ? ORDER BY id", -1, &ev, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the case");
  sqlite3_bind_int64 (st, 1, c->id);
  sqlite3_bind_int64 (pe, 1, c->id);
  sqlite3_bind_int64 (doc, 1, c->id);
  sqlite3_bind_int64 (ev, 1, c->id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (st, 1);

      g_hash_table_insert (c->stage_states, _pk_store_column_strdup (st, 0),
                           GINT_TO_POINTER (g_strcmp0 (state, "returned") == 0 ? PK_STAGE_RETURNED
                                                                               : PK_STAGE_DONE));
      if (sqlite3_column_type (st, 2) != SQLITE_NULL)
        g_hash_table_insert (c->stage_notes, _pk_store_column_strdup (st, 0), _pk_store_column_strdup (st, 2));
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the case's stages");
  while ((rc = sqlite3_step (pe)) == SQLITE_ROW)
    {
      PkCasePerson *p = g_new0 (PkCasePerson, 1);

      p->id = sqlite3_column_int64 (pe, 0);
      p->role = _pk_store_column_strdup (pe, 1);
      p->name = _pk_store_column_strdup (pe, 2);
      p->national_code = _pk_store_column_strdup (pe, 3);
      p->mobile = _pk_store_column_strdup (pe, 4);
      p->on_board = sqlite3_column_int (pe, 5);
      p->eligibility = _pk_store_column_strdup (pe, 6);
      _pk_store_column_record (pe, 7, &p->record);
      g_ptr_array_add (c->people, p);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the case's people");
  while ((rc = sqlite3_step (doc)) == SQLITE_ROW)
    {
      PkCaseDocument *d = g_new0 (PkCaseDocument, 1);

      d->id = sqlite3_column_int64 (doc, 0);
      d->kind = _pk_store_column_strdup (doc, 1);
      d->person_id = sqlite3_column_int64 (doc, 2);
      d->file_name = _pk_store_column_strdup (doc, 3);
      d->pages = sqlite3_column_int (doc, 4);
      d->pass = sqlite3_column_int (doc, 5);
      d->findings = _pk_store_column_strdup (doc, 6);
      d->added_at = _pk_store_column_strdup (doc, 7);
      _pk_store_column_record (doc, 8, &d->record);
      g_ptr_array_add (c->documents, d);
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the case's documents");
  while ((rc = sqlite3_step (ev)) == SQLITE_ROW)
    {
      PkCaseEvent *e = g_new0 (PkCaseEvent, 1);

      e->id = sqlite3_column_int64 (ev, 0);
      e->at = _pk_store_column_strdup (ev, 1);
      e->actor = _pk_store_column_strdup (ev, 2);
      e->kind = _pk_store_column_strdup (ev, 3);
      e->stage = _pk_store_column_strdup (ev, 4);
      e->message = _pk_store_column_strdup (ev, 5);
      g_ptr_array_add (c->events, e);
    }
  /* a step that fails is an error, never "no more rows" */
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the case's history");
  return TRUE;
}

/**
 * pk_store_get_case:
 *
 * The whole case: fields, site, stage states, people, documents (without
 * their bytes) and history.
 */
static PkCase *
sqlite_get_case (PkStore  *self,
                 gint64    id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkCase) c = NULL;
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), CASE_COLUMNS " WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the case"), NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return _pk_store_sql_error (self, error, "Could not read the case"), NULL;
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("There is no case %lld in this workspace."), (long long) id);
      return NULL;
    }
  c = case_from_row (stmt);
  if (!load_parts (self, c, error))
    return NULL;
  return g_steal_pointer (&c);
}

/* By number ("1405-0001") or id. */
static PkCase *
sqlite_find_case (PkStore     *self,
                  const char  *number_or_id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT id FROM cases WHERE number = ?1 OR"
                          " CAST (id AS TEXT) = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the case"), NULL;
  sqlite3_bind_text (stmt, 1, number_or_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("There is no case “%s” in this workspace."), number_or_id);
      return NULL;
    }
  return pk_store_get_case (self, sqlite3_column_int64 (stmt, 0), error);
}

/* The cases, whole, newest first: below @before_id (0: all), @limit of them
 * (0: all). */
static GPtrArray *
sqlite_list_cases (PkStore  *self,
                   gint64    before_id,
                   guint     limit,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), CASE_COLUMNS " WHERE ?1 = 0 OR id < ?1 ORDER BY id DESC LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read cases"), NULL;
  sqlite3_bind_int64 (stmt, 1, before_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);     /* -1: no limit */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PkCase *c = case_from_row (stmt);

      g_ptr_array_add (out, c);
      if (!load_parts (self, c, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read cases"), NULL;
  return g_steal_pointer (&out);
}

/**
 * pk_store_write_case_field:
 * @value: (nullable): the value, already checked and normalised, or %NULL to clear it
 *
 * Writes one field of a case as given; pk_case_workflow_set_field() checks it first.
 */
static gboolean
sqlite_write_case_field (PkStore     *self,
                         gint64       case_id,
                         const char  *key,
                         gboolean     check,
                         const char  *seen,
                         const char  *value,
                         GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  path = g_strdup_printf ("$.\"%s\"", key);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (check)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT json_extract (fields, ?2), updated_by"
                              " FROM cases WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
        {
          _pk_store_sql_error (self, error, "Could not read the case");
          pk_store_rollback (self);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), seen) != 0)
        {
          _pk_store_case_field_conflict (error, key, (const char *) sqlite3_column_text (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1));
          pk_store_rollback (self);
          return FALSE;
        }
    }
  if (!(value != NULL
        ? exec_case (self, "UPDATE cases SET fields = json_set (fields, ?2, ?3) WHERE id = ?1",
                     case_id, error, "Could not save the field", path, value, NULL)
        : exec_case (self, "UPDATE cases SET fields = json_remove (fields, ?2) WHERE id = ?1",
                     case_id, error, "Could not save the field", path, NULL)) ||
      !touch (self, case_id, error) ||
      sqlite3_changes (_pk_store_db (self)) == 0)
    {
      if (error && *error == NULL)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no case %lld in this workspace."),
                     (long long) case_id);
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

/**
 * pk_store_set_case_site:
 * @check_json: (nullable): the siting checker's verdict for the site
 *
 * The site of the case (PA-3, S10): a point on the map, or "I did not find
 * the place on the map" with the free-text address (the CRA form's option).
 */
static gboolean
sqlite_set_case_site (PkStore     *self,
                      gint64       case_id,
                      gboolean     has_site,
                      double       lat,
                      double       lon,
                      gboolean     not_on_map,
                      const char  *address,
                      const char  *check_json,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "UPDATE cases SET site_lat = ?2, site_lon = ?3, site_not_on_map = ?4,"
                          " site_address = ?5, site_check = ?6 WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    goto fail_sql;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (has_site)
    {
      sqlite3_bind_double (stmt, 2, lat);
      sqlite3_bind_double (stmt, 3, lon);
    }
  sqlite3_bind_int (stmt, 4, not_on_map);
  _pk_store_bind_text_or_null (stmt, 5, address);
  _pk_store_bind_text_or_null (stmt, 6, check_json);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail_sql;
  if (!touch (self, case_id, error))
    goto fail;
  return pk_store_commit (self, error);

fail_sql:
  _pk_store_sql_error (self, error, "Could not save the site");
fail:
  pk_store_rollback (self);
  return FALSE;
}

static gboolean
write_person (PkStore             *self,
              gint64               case_id,
              const PkCasePerson  *p,
              gboolean             insert,
              gint64              *id_out,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char * const roles[] = { "applicant", "ceo", "board", "deputy", NULL };

  if (!g_strv_contains (roles, p->role ? p->role : ""))
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, _("“%s” is not a role of a case."),
                   p->role ? p->role : "");
      return FALSE;
    }
  {
    g_autofree char *reason = pk_text_check_field (p->name, PK_TEXT_MAX_NAME);

    if (reason != NULL)
      {
        g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, "%s", reason);
        return FALSE;
      }
  }
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          insert
                          ? "INSERT INTO case_people (case_id, role, name, national_code, mobile, on_board,"
                            " eligibility, " PK_RECORD_SQL ") VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                            " coalesce (?7, '{}'), ?61, 1, ?62, ?63)"
                          : "UPDATE case_people SET role = ?2, name = ?3, national_code = ?4, mobile = ?5,"
                            " on_board = ?6, eligibility = coalesce (?7, '{}'), " PK_RECORD_BUMP_SQL
                            " WHERE id = ?8",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not save the person");
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, p->role, -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 3, p->name);
  _pk_store_bind_text_or_null (stmt, 4, p->national_code);
  _pk_store_bind_text_or_null (stmt, 5, p->mobile);
  sqlite3_bind_int (stmt, 6, p->on_board);
  _pk_store_bind_text_or_null (stmt, 7, p->eligibility);
  if (!insert)
    sqlite3_bind_int64 (stmt, 8, p->id);
  _pk_store_bind_record (self, stmt, p->record.uuid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not save the person");
  if (id_out)
    *id_out = insert ? sqlite3_last_insert_rowid (_pk_store_db (self)) : p->id;
  return TRUE;
}

static gint64
case_of (PkStore     *self,
         const char  *table,
         gint64       id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM %s WHERE id = ?", table);

  if (sqlite3_prepare_v2 (_pk_store_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* A person of the case (identity fields are kept as typed; pk_case_missing() says what is wrong). */
static gint64
sqlite_add_case_person (PkStore             *self,
                        gint64               case_id,
                        const PkCasePerson  *person,
                        GError             **error)
{
  gint64 id = 0;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (!pk_store_begin (self, error))
    return 0;
  if (!write_person (self, case_id, person, TRUE, &id, error) || !touch (self, case_id, error) ||
      !add_event (self, case_id, "person-added", NULL, person->name, error))
    {
      pk_store_rollback (self);
      return 0;
    }
  return pk_store_commit (self, error) ? id : 0;
}

static gboolean
sqlite_update_case_person (PkStore             *self,
                           const PkCasePerson  *person,
                           GError             **error)
{
  gint64 case_id;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if ((case_id = case_of (self, "case_people", person->id)) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That person is not in the case."));
      return FALSE;
    }
  if (!pk_store_begin (self, error))
    return FALSE;
  if (!write_person (self, case_id, person, FALSE, NULL, error) || !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
sqlite_delete_case_person (PkStore  *self,
                           gint64    person_id,
                           GError  **error)
{
  gint64 case_id;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if ((case_id = case_of (self, "case_people", person_id)) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That person is not in the case."));
      return FALSE;
    }
  if (!pk_store_begin (self, error))
    return FALSE;
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);

    if (!exec_case (self, BURY ("case_people", "case_person") " WHERE case_id = ?1 AND id = ?2",
                    case_id, error, "Could not remove the person", id, NULL) ||
        !exec_case (self, BURY ("case_documents", "case_document") " WHERE case_id = ?1 AND person_id = ?2",
                    case_id, error, "Could not remove the person", id, NULL) ||
        !exec_case (self, "DELETE FROM case_people WHERE case_id = ?1 AND id = ?2", case_id, error,
                    "Could not remove the person", id, NULL) ||
        !touch (self, case_id, error) ||
        !add_event (self, case_id, "person-removed", NULL, NULL, error))
      {
        pk_store_rollback (self);
        return FALSE;
      }
  }
  return pk_store_commit (self, error);
}

/**
 * pk_store_add_case_document:
 * @person_id: 0 for a document of the case itself
 * @report: doc-check's report on @content
 *
 * Keeps the PDF itself in the workspace (the case file is then whole in one
 * file) with its check result; the history says it came.
 */
static gint64
sqlite_add_case_document (PkStore            *self,
                          gint64              case_id,
                          const char         *kind,
                          gint64              person_id,
                          const char         *file_name,
                          GBytes             *content,
                          const PkDocReport  *report,
                          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = pk_doc_report_to_json (report);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *findings = NULL;
  g_autofree char *at = _pk_store_now ();
  g_autofree char *message = NULL;
  g_autoptr(GBytes) thumbs = _pk_store_thumbnails_blob (report);
  gint64 id;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  json_generator_set_root (gen, json_object_get_member (json_node_get_object (node), "findings"));
  findings = json_generator_to_data (gen, NULL);
  if (!pk_store_begin (self, error))
    return 0;
  if (person_id > 0)
    {
      g_autoptr(sqlite3_stmt) who = NULL;

      if (sqlite3_prepare_v2 (_pk_store_db (self),
                              "SELECT 1 FROM case_people WHERE id = ?1 AND case_id = ?2",
                              -1, &who, NULL) != SQLITE_OK)
        goto fail_sql;
      sqlite3_bind_int64 (who, 1, person_id);
      sqlite3_bind_int64 (who, 2, case_id);
      if (sqlite3_step (who) != SQLITE_ROW)
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                       _("The case has no person with id %lld (case show lists its people)"),
                       (long long) person_id);
          goto fail;
        }
    }
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO case_documents (case_id, kind, person_id, file_name, content,"
                          " pages, pass, findings, added_at, thumbnails, " PK_RECORD_SQL ")"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?61, 1, ?9, ?63)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail_sql;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  if (person_id > 0)
    sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 5, g_bytes_get_data (content, NULL), g_bytes_get_size (content), SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, report->pages);
  sqlite3_bind_int (stmt, 7, report->pass);
  sqlite3_bind_text (stmt, 8, findings, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, at, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 10, g_bytes_get_data (thumbs, NULL), g_bytes_get_size (thumbs), SQLITE_STATIC);
  _pk_store_bind_record (self, stmt, NULL);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail_sql;
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  message = g_strdup_printf ("%s — %s (%s)", pk_doc_kind_display (kind), file_name,
                             report->pass ? _("passes its check") : _("fails its check"));
  if (!touch (self, case_id, error) || !add_event (self, case_id, "document-added", NULL, message, error))
    goto fail;
  return pk_store_commit (self, error) ? id : 0;

fail_sql:
  _pk_store_sql_error (self, error, "Could not store the document");
fail:
  pk_store_rollback (self);
  return 0;
}

static gboolean
sqlite_delete_case_document (PkStore  *self,
                             gint64    document_id,
                             GError  **error)
{
  gint64 case_id;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if ((case_id = case_of (self, "case_documents", document_id)) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That document is not in the case."));
      return FALSE;
    }
  if (!pk_store_begin (self, error))
    return FALSE;
  if (!exec_case (self, BURY ("case_documents", "case_document") " WHERE case_id = ?1 AND id = ?2",
                  case_id, error, "Could not remove the document", id, NULL) ||
      !exec_case (self, "DELETE FROM case_documents WHERE case_id = ?1 AND id = ?2", case_id, error,
                  "Could not remove the document", id, NULL) ||
      !touch (self, case_id, error) ||
      !add_event (self, case_id, "document-removed", NULL, NULL, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

/* The PDF of a document, as it was attached. */
static GBytes *
sqlite_get_case_document_content (PkStore  *self,
                                  gint64    document_id,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT content FROM case_documents WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the document"), NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That document is not in the case."));
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The page thumbnails as one GVariant "aay" of PNGs (both backends). */
GBytes *
_pk_store_thumbnails_blob (const PkDocReport *report)
{
  GVariantBuilder b;
  g_autoptr(GVariant) v = NULL;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("aay"));
  for (guint i = 0; report->thumbnails && i < report->thumbnails->len; i++)
    {
      g_autoptr(GByteArray) png = g_byte_array_new ();

      cairo_surface_write_to_png_stream (g_ptr_array_index (report->thumbnails, i), append_png, png);
      g_variant_builder_add_value (&b, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, png->data, png->len, 1));
    }
  v = g_variant_ref_sink (g_variant_builder_end (&b));
  return g_variant_get_data_as_bytes (v);
}

/**
 * pk_store_get_case_document_thumbnails:
 *
 * Returns: (transfer full) (element-type GBytes): a PNG per page, made when
 *   the document was checked; empty for a document kept without them
 */
static GPtrArray *
sqlite_get_case_document_thumbnails (PkStore  *self,
                                     gint64    document_id,
                                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT thumbnails FROM case_documents WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_unref (out);
      return _pk_store_sql_error (self, error, "Could not read the document"), NULL;
    }
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    {
      g_autoptr(GBytes) blob = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      g_autoptr(GVariant) v = g_variant_new_from_bytes (G_VARIANT_TYPE ("aay"), blob, FALSE);

      for (gsize i = 0; i < g_variant_n_children (v); i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (v, i);
          gsize len;
          gconstpointer data = g_variant_get_fixed_array (child, &len, 1);

          g_ptr_array_add (out, g_bytes_new (data, len));
        }
    }
  return out;
}

/**
 * pk_store_write_case_stage:
 * @state: what the stage is now; 0 (neither done nor returned) removes its record
 * @note: (nullable): the reasons of a return
 *
 * Writes one stage state of a case as given; pk_case_workflow_mark_stage()
 * and its kin decide it.
 */
static gboolean
sqlite_write_case_stage (PkStore       *self,
                         gint64         case_id,
                         const char    *stage,
                         PkStageState   state,
                         const char    *note,
                         GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  ok = state == PK_STAGE_DONE || state == PK_STAGE_RETURNED
     ? exec_case (self, SET_STAGE_SQL, case_id, error, "Could not save the stage", stage,
                  state == PK_STAGE_DONE ? "done" : "returned", note ? note : "", NULL)
     : delete_stage (self, case_id, stage, error);
  if (!ok || !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
sqlite_write_case_status (PkStore       *self,
                          gint64         case_id,
                          PkCaseStatus   status,
                          GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (!exec_case (self, "UPDATE cases SET status = ?2 WHERE id = ?1", case_id, error,
                  "Could not update the case", pk_case_status_to_string (status), NULL) ||
      !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

/* An entry in the case's history, by the store's actor, now. */
static gboolean
sqlite_add_case_event (PkStore     *self,
                       gint64       case_id,
                       const char  *kind,
                       const char  *stage,
                       const char  *message,
                       GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (!add_event (self, case_id, kind, stage, message, error) || !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

void
_pk_sqlite_store_cases_class_init (PkStoreClass *klass)
{
  klass->add_case = sqlite_add_case;
  klass->get_case = sqlite_get_case;
  klass->find_case = sqlite_find_case;
  klass->list_cases = sqlite_list_cases;
  klass->write_case_field = sqlite_write_case_field;
  klass->set_case_site = sqlite_set_case_site;
  klass->add_case_person = sqlite_add_case_person;
  klass->update_case_person = sqlite_update_case_person;
  klass->delete_case_person = sqlite_delete_case_person;
  klass->add_case_document = sqlite_add_case_document;
  klass->delete_case_document = sqlite_delete_case_document;
  klass->get_case_document_content = sqlite_get_case_document_content;
  klass->get_case_document_thumbnails = sqlite_get_case_document_thumbnails;
  klass->write_case_stage = sqlite_write_case_stage;
  klass->write_case_status = sqlite_write_case_status;
  klass->add_case_event = sqlite_add_case_event;
}
