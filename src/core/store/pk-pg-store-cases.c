/* pk-pg-store-cases.c: case files on a server workspace — the same records,
 * history and tombstones as in a file (pk-store-cases.c)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-pg-store.h"
#include "pk-text.h"



static gboolean
run (PkStore            *self,
     GError            **error,
     const char         *what,
     const char         *sql,
     int                 n,
     const char * const *params)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, error, what, sql, n, params);

  return res != NULL;
}

static gboolean
add_event (PkStore     *self,
           gint64       case_id,
           const char  *kind,
           const char  *stage,
           const char  *message,
           GError     **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  g_autofree char *at = _pk_store_now ();
  g_autofree char *uuid = g_uuid_string_random ();
  const char *params[] = { id, at, _pk_store_actor (self), kind, stage ? stage : "", message ? message : "", uuid };

  return run (self, error, "Could not write the case history",
              "INSERT INTO case_events (case_id, at, actor, kind, stage, message, uuid, revision,"
              " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $2, $3)",
              PK_PG_N (params), params);
}

/* Every change of a case touches it: the one place to tell "changed". */
static gboolean
touch (PkStore  *self,
       gint64    case_id,
       GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  g_autofree char *at = _pk_store_now ();
  const char *params[] = { id, at, _pk_store_actor (self) };

  _pk_store_note_change (self, "case", case_id);
  return run (self, error, "Could not update the case",
              "UPDATE cases SET revision = revision + 1, updated_at = $2, updated_by = $3"
              " WHERE id = $1", PK_PG_N (params), params);
}

static gboolean
bury (PkStore     *self,
      const char  *table,
      const char  *entity,
      const char  *where,
      const char  *a,
      const char  *b,
      GError     **error)
{
  g_autofree char *at = _pk_store_now ();
  g_autofree char *sql = g_strdup_printf ("INSERT INTO tombstones (uuid, entity, deleted_at, deleted_by)"
                                          " SELECT uuid, $3, $4, $5 FROM %s WHERE %s AND uuid IS NOT NULL"
                                          " ON CONFLICT (uuid) DO UPDATE SET deleted_at = excluded.deleted_at,"
                                          " deleted_by = excluded.deleted_by", table, where);
  const char *params[] = { a, b, entity, at, _pk_store_actor (self) };

  return run (self, error, "Could not record a deletion", sql, PK_PG_N (params), params);
}

static char *
next_number (PkStore  *self,
             GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int jy = g_date_time_get_year (now), jm, jd;
  g_autofree char *year = NULL;
  g_autoptr(PGresult) res = NULL;

  pk_jalali_from_gregorian (g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now), &jy, &jm, &jd);
  year = g_strdup_printf ("%d", jy);
  {
    const char *params[] = { year };

    res = _pk_pg_query (self, error, "Could not number the case",
                        "INSERT INTO case_counters (year, last) VALUES ($1, 1) ON CONFLICT (year)"
                        " DO UPDATE SET last = case_counters.last + 1 RETURNING last", 1, params);
  }
  if (res == NULL)
    return NULL;
  return g_strdup_printf ("%04d-%04d", jy, (int) _pk_pg_int (res, 0, 0));
}

static gint64
pg_add_case (PkStore  *self,
             PkCase   *c,
             GError  **error)
{
  g_autofree char *at = _pk_store_now ();
  g_autofree char *number = NULL;
  g_autofree char *uuid = c->record.uuid ? g_strdup (c->record.uuid) : g_uuid_string_random ();
  g_autoptr(PGresult) res = NULL;
  gint64 id;

  if (!pk_case_check_kind (c->request, c->license, c->applicant, c->conversion, error))
    return 0;
  if (!pk_store_begin (self, error))
    return 0;
  if ((number = next_number (self, error)) == NULL)
    goto fail;
  {
    const char *params[] = { number, pk_request_to_string (c->request), pk_license_to_string (c->license),
                             pk_applicant_to_string (c->applicant), c->conversion ? "1" : "0",
                             c->new_address ? "1" : "0", at, uuid, _pk_store_actor (self) };

    res = _pk_pg_query (self, error, "Could not store the case",
                        "INSERT INTO cases (number, request, license, applicant, conversion, new_address,"
                        " created_at, uuid, revision, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5,"
                        " $6, $7, $8, 1, $7, $9) RETURNING id", PK_PG_N (params), params);
  }
  if (res == NULL)
    goto fail;
  id = _pk_pg_int (res, 0, 0);
  if (!add_event (self, id, "created", NULL, pk_request_display_name (c->request), error) ||
      !pk_store_log (self, "insert", "case", id, NULL, number, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  c->id = id;
  g_free (c->number);
  c->number = g_steal_pointer (&number);
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

#define CASE_COLUMNS \
  "SELECT id, number, request, license, applicant, conversion, new_address, status, fields," \
  " site_lat, site_lon, site_not_on_map, site_address, site_check, created_at, updated_at," \
  " uuid, revision, updated_at, updated_by, outcome FROM cases"

static PkCase *
case_from_row (PGresult *res,
               int       i)
{
  PkRequest request = PK_REQUEST_ISSUE;
  PkLicense license = PK_LICENSE_URBAN;
  PkApplicantKind applicant = PK_APPLICANT_COMPANY;
  const char *status = PQgetvalue (res, i, 7);
  PkCase *c;

  pk_request_from_string (PQgetvalue (res, i, 2), &request);
  pk_license_from_string (PQgetvalue (res, i, 3), &license);
  pk_applicant_from_string (PQgetvalue (res, i, 4), &applicant);
  c = pk_case_new (request, license, applicant);
  c->id = _pk_pg_int (res, i, 0);
  c->number = _pk_pg_strdup (res, i, 1);
  c->conversion = _pk_pg_int (res, i, 5);
  c->new_address = _pk_pg_int (res, i, 6);
  c->status = g_strcmp0 (status, "returned") == 0 ? PK_CASE_RETURNED
            : g_strcmp0 (status, "done") == 0 ? PK_CASE_DONE : PK_CASE_OPEN;
  _pk_store_case_load_fields (c, PQgetvalue (res, i, 8));
  c->has_site = !PQgetisnull (res, i, 9);
  c->site_lat = _pk_pg_double (res, i, 9);
  c->site_lon = _pk_pg_double (res, i, 10);
  c->site_not_on_map = _pk_pg_int (res, i, 11);
  c->site_address = _pk_pg_strdup (res, i, 12);
  c->site_check = _pk_pg_strdup (res, i, 13);
  c->created_at = _pk_pg_strdup (res, i, 14);
  c->updated_at = _pk_pg_strdup (res, i, 15);
  _pk_pg_record (res, i, 16, &c->record);
  c->outcome = _pk_pg_strdup (res, i, 20);
  return c;
}

/* The stages, people, documents and history of @cases (by id), in four queries
 * for all of them: a list of cases costs four round trips, not four per case. */
static gboolean
load_parts (PkStore    *self,
            GPtrArray  *cases,
            GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) ids = g_string_new ("{");
  g_autoptr(PGresult) st = NULL;
  g_autoptr(PGresult) pe = NULL;
  g_autoptr(PGresult) doc = NULL;
  g_autoptr(PGresult) ev = NULL;
  const char *params[1];

  if (cases->len == 0)
    return TRUE;
  for (guint i = 0; i < cases->len; i++)
    {
      PkCase *c = g_ptr_array_index (cases, i);

      g_hash_table_insert (by_id, &c->id, c);
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", c->id);
    }
  g_string_append_c (ids, '}');
  params[0] = ids->str;
  if ((st = _pk_pg_query (self, error, "Could not read the case's stages",
                          "SELECT case_id, stage, state, note FROM case_stages"
                          " WHERE case_id = ANY ($1::bigint[])", 1, params)) == NULL ||
      (pe = _pk_pg_query (self, error, "Could not read the case's people",
                          "SELECT case_id, id, role, name, national_code, mobile, on_board, eligibility,"
                          " uuid, revision, updated_at, updated_by FROM case_people"
                          " WHERE case_id = ANY ($1::bigint[]) ORDER BY id", 1, params)) == NULL ||
      (doc = _pk_pg_query (self, error, "Could not read the case's documents",
                           "SELECT case_id, id, kind, person_id, file_name, pages, pass, findings, added_at,"
                           " uuid, revision, updated_at, updated_by FROM case_documents"
                           " WHERE case_id = ANY ($1::bigint[]) ORDER BY id", 1, params)) == NULL ||
      (ev = _pk_pg_query (self, error, "Could not read the case's history",
                          "SELECT case_id, id, at, actor, kind, stage, message FROM case_events"
                          " WHERE case_id = ANY ($1::bigint[]) ORDER BY id", 1, params)) == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (st); i++)
    {
      gint64 id = _pk_pg_int (st, i, 0);
      PkCase *c = g_hash_table_lookup (by_id, &id);

      g_hash_table_insert (c->stage_states, _pk_pg_strdup (st, i, 1),
                           GINT_TO_POINTER (g_str_equal (PQgetvalue (st, i, 2), "returned")
                                            ? PK_STAGE_RETURNED : PK_STAGE_DONE));
      if (!PQgetisnull (st, i, 3))
        g_hash_table_insert (c->stage_notes, _pk_pg_strdup (st, i, 1), _pk_pg_strdup (st, i, 3));
    }
  for (int i = 0; i < PQntuples (pe); i++)
    {
      gint64 id = _pk_pg_int (pe, i, 0);
      PkCase *c = g_hash_table_lookup (by_id, &id);
      PkCasePerson *p = g_new0 (PkCasePerson, 1);

      p->id = _pk_pg_int (pe, i, 1);
      p->role = _pk_pg_strdup (pe, i, 2);
      p->name = _pk_pg_strdup (pe, i, 3);
      p->national_code = _pk_pg_strdup (pe, i, 4);
      p->mobile = _pk_pg_strdup (pe, i, 5);
      p->on_board = _pk_pg_int (pe, i, 6);
      p->eligibility = _pk_pg_strdup (pe, i, 7);
      _pk_pg_record (pe, i, 8, &p->record);
      g_ptr_array_add (c->people, p);
    }
  for (int i = 0; i < PQntuples (doc); i++)
    {
      gint64 id = _pk_pg_int (doc, i, 0);
      PkCase *c = g_hash_table_lookup (by_id, &id);
      PkCaseDocument *d = g_new0 (PkCaseDocument, 1);

      d->id = _pk_pg_int (doc, i, 1);
      d->kind = _pk_pg_strdup (doc, i, 2);
      d->person_id = _pk_pg_int (doc, i, 3);
      d->file_name = _pk_pg_strdup (doc, i, 4);
      d->pages = _pk_pg_int (doc, i, 5);
      d->pass = _pk_pg_int (doc, i, 6);
      d->findings = _pk_pg_strdup (doc, i, 7);
      d->added_at = _pk_pg_strdup (doc, i, 8);
      _pk_pg_record (doc, i, 9, &d->record);
      g_ptr_array_add (c->documents, d);
    }
  for (int i = 0; i < PQntuples (ev); i++)
    {
      gint64 id = _pk_pg_int (ev, i, 0);
      PkCase *c = g_hash_table_lookup (by_id, &id);
      PkCaseEvent *e = g_new0 (PkCaseEvent, 1);

      e->id = _pk_pg_int (ev, i, 1);
      e->at = _pk_pg_strdup (ev, i, 2);
      e->actor = _pk_pg_strdup (ev, i, 3);
      e->kind = _pk_pg_strdup (ev, i, 4);
      e->stage = _pk_pg_strdup (ev, i, 5);
      e->message = _pk_pg_strdup (ev, i, 6);
      g_ptr_array_add (c->events, e);
    }
  return TRUE;
}

static GPtrArray *
select_cases (PkStore             *self,
              const char          *where,
              int                  n,
              const char * const  *params,
              GError             **error)
{
  g_autofree char *sql = g_strconcat (CASE_COLUMNS, where, NULL);
  g_autoptr(GPtrArray) out = _pk_pg_list_rows (self, error, "Could not read cases", sql, n, params,
                                               (PkPgRowFunc) case_from_row, (GDestroyNotify) pk_case_free);

  if (out == NULL || !load_parts (self, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

static PkCase *
pg_get_case (PkStore  *self,
             gint64    id,
             GError  **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text };
  g_autoptr(GPtrArray) found = select_cases (self, " WHERE id = $1::bigint", 1, params, error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("There is no case %lld in this workspace."), (long long) id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

static PkCase *
pg_find_case (PkStore     *self,
              const char  *number_or_id,
              GError     **error)
{
  const char *params[] = { number_or_id };
  g_autoptr(GPtrArray) found = select_cases (self, " WHERE number = $1 OR id::text = $1", 1, params, error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("There is no case “%s” in this workspace."), number_or_id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

static GPtrArray *
pg_list_cases (PkStore  *self,
               gint64    before_id,
               guint     limit,
               GError  **error)
{
  g_autofree char *before = _pk_pg_int_text (before_id);
  g_autofree char *count = limit > 0 ? _pk_pg_int_text (limit) : NULL;     /* NULL: LIMIT ALL */
  const char *params[] = { before, count };

  return select_cases (self, " WHERE $1::bigint = 0 OR id < $1::bigint ORDER BY id DESC LIMIT $2::bigint",
                       PK_PG_N (params), params, error);
}

/* The case's row is locked while a checked field is compared and written:
 * of two people saving the same field, the second waits, then is refused. */
static gboolean
pg_write_case_field (PkStore     *self,
                     gint64       case_id,
                     const char  *key,
                     gboolean     check,
                     const char  *seen,
                     const char  *value,
                     GError     **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  g_autoptr(PGresult) res = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  {
    const char *params[] = { id, key };

    res = _pk_pg_query (self, error, "Could not read the case",
                        "SELECT fields::jsonb ->> $2, updated_by FROM cases WHERE id = $1::bigint FOR UPDATE",
                        PK_PG_N (params), params);
  }
  if (res == NULL)
    goto fail;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no case %lld in this workspace."),
                   (long long) case_id);
      goto fail;
    }
  if (check && g_strcmp0 (PQgetisnull (res, 0, 0) ? NULL : PQgetvalue (res, 0, 0), seen) != 0)
    {
      _pk_store_case_field_conflict (error, key, PQgetvalue (res, 0, 0), PQgetvalue (res, 0, 1));
      goto fail;
    }
  {
    const char *params[] = { id, key, value };

    if (!(value != NULL
          ? run (self, error, "Could not save the field",
                 "UPDATE cases SET fields = jsonb_set (fields::jsonb, ARRAY[$2], to_jsonb ($3::text))::text"
                 " WHERE id = $1::bigint", 3, params)
          : run (self, error, "Could not save the field",
                 "UPDATE cases SET fields = (fields::jsonb - $2)::text WHERE id = $1::bigint", 2, params)) ||
        !touch (self, case_id, error))
      goto fail;
  }
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gboolean
pg_set_case_site (PkStore     *self,
                  gint64       case_id,
                  gboolean     has_site,
                  double       lat,
                  double       lon,
                  gboolean     not_on_map,
                  const char  *address,
                  const char  *check_json,
                  GError     **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];
  const char *params[] = { id, has_site ? g_ascii_dtostr (lat_text, sizeof lat_text, lat) : NULL,
                           has_site ? g_ascii_dtostr (lon_text, sizeof lon_text, lon) : NULL,
                           not_on_map ? "1" : "0", address, check_json };

  if (!pk_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "Could not save the site",
            "UPDATE cases SET site_lat = $2::float8, site_lon = $3::float8, site_not_on_map = $4::integer,"
            " site_address = $5, site_check = $6 WHERE id = $1::bigint", PK_PG_N (params), params) ||
      !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
pg_write_case_stage (PkStore       *self,
                     gint64         case_id,
                     const char    *stage,
                     PkStageState   state,
                     const char    *note,
                     GError       **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  g_autofree char *at = _pk_store_now ();
  g_autofree char *uuid = g_uuid_string_random ();
  gboolean ok;

  if (!pk_store_begin (self, error))
    return FALSE;
  if (state == PK_STAGE_DONE || state == PK_STAGE_RETURNED)
    {
      const char *params[] = { id, stage, state == PK_STAGE_DONE ? "done" : "returned", note ? note : "",
                               uuid, at, _pk_store_actor (self) };

      ok = run (self, error, "Could not save the stage",
                "INSERT INTO case_stages (case_id, stage, state, note, uuid, revision, updated_at, updated_by)"
                " VALUES ($1, $2, $3, $4, $5, 1, $6, $7) ON CONFLICT (case_id, stage) DO UPDATE SET"
                " state = excluded.state, note = excluded.note, revision = case_stages.revision + 1,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by", PK_PG_N (params), params);
    }
  else
    {
      const char *params[] = { id, stage };

      ok = bury (self, "case_stages", "case_stage", "case_id = $1::bigint AND stage = $2", id, stage, error) &&
           run (self, error, "Could not save the stage",
                "DELETE FROM case_stages WHERE case_id = $1::bigint AND stage = $2", 2, params);
    }
  if (!ok || !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
pg_write_case_status (PkStore       *self,
                      gint64         case_id,
                      PkCaseStatus   status,
                      GError       **error)
{
  g_autofree char *id = _pk_pg_int_text (case_id);
  const char *params[] = { id, pk_case_status_to_string (status) };

  if (!pk_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "Could not update the case", "UPDATE cases SET status = $2 WHERE id = $1::bigint",
            PK_PG_N (params), params) ||
      !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
pg_add_case_event (PkStore     *self,
                   gint64       case_id,
                   const char  *kind,
                   const char  *stage,
                   const char  *message,
                   GError     **error)
{
  if (!pk_store_begin (self, error))
    return FALSE;
  if (!add_event (self, case_id, kind, stage, message, error) || !touch (self, case_id, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

/* ---- people and documents -------------------------------------------------------- */

static gboolean
write_person (PkStore             *self,
              gint64               case_id,
              const PkCasePerson  *p,
              gboolean             insert,
              gint64              *id_out,
              GError             **error)
{
  static const char * const roles[] = { "applicant", "ceo", "board", "deputy", NULL };
  g_autofree char *case_text = _pk_pg_int_text (case_id);
  g_autofree char *id_text = _pk_pg_int_text (p->id);
  g_autofree char *uuid = p->record.uuid ? g_strdup (p->record.uuid) : g_uuid_string_random ();
  g_autofree char *at = _pk_store_now ();
  g_autofree char *reason = NULL;
  g_autoptr(PGresult) res = NULL;

  if (!g_strv_contains (roles, p->role ? p->role : ""))
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, _("“%s” is not a role of a case."),
                   p->role ? p->role : "");
      return FALSE;
    }
  if ((reason = pk_text_check_field (p->name, PK_TEXT_MAX_NAME)) != NULL)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, "%s", reason);
      return FALSE;
    }
  {
    const char *params[] = { case_text, p->role, p->name, p->national_code, p->mobile, p->on_board ? "1" : "0",
                             p->eligibility, insert ? uuid : id_text, at, _pk_store_actor (self) };

    res = _pk_pg_query (self, error, "Could not save the person",
                        insert
                        ? "INSERT INTO case_people (case_id, role, name, national_code, mobile, on_board,"
                          " eligibility, uuid, revision, updated_at, updated_by) VALUES ($1::bigint, $2, $3,"
                          " $4, $5, $6::integer, coalesce ($7, '{}'), $8, 1, $9, $10) RETURNING id"
                        : "UPDATE case_people SET role = $2, name = $3, national_code = $4, mobile = $5,"
                          " on_board = $6::integer, eligibility = coalesce ($7, '{}'), revision = revision + 1,"
                          " updated_at = $9, updated_by = $10 WHERE id = $8::bigint AND case_id = $1::bigint"
                          " RETURNING id", PK_PG_N (params), params);
  }
  if (res == NULL)
    return FALSE;
  if (id_out)
    *id_out = PQntuples (res) > 0 ? _pk_pg_int (res, 0, 0) : 0;
  return TRUE;
}

static gint64
case_of (PkStore     *self,
         const char  *table,
         gint64       id)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  g_autofree char *sql = g_strdup_printf ("SELECT case_id FROM %s WHERE id = $1::bigint", table);
  const char *params[] = { id_text };
  g_autoptr(PGresult) res = _pk_pg_query (self, NULL, "case", sql, 1, params);

  return res && PQntuples (res) > 0 ? _pk_pg_int (res, 0, 0) : 0;
}

static gint64
pg_add_case_person (PkStore             *self,
                    gint64               case_id,
                    const PkCasePerson  *person,
                    GError             **error)
{
  gint64 id = 0;

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
pg_update_case_person (PkStore             *self,
                       const PkCasePerson  *person,
                       GError             **error)
{
  gint64 case_id;

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
pg_delete_case_person (PkStore  *self,
                       gint64    person_id,
                       GError  **error)
{
  g_autofree char *case_text = NULL;
  g_autofree char *id = _pk_pg_int_text (person_id);
  gint64 case_id;

  if ((case_id = case_of (self, "case_people", person_id)) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That person is not in the case."));
      return FALSE;
    }
  case_text = _pk_pg_int_text (case_id);
  if (!pk_store_begin (self, error))
    return FALSE;
  {
    const char *params[] = { case_text, id };

    if (!bury (self, "case_people", "case_person", "case_id = $1::bigint AND id = $2::bigint", case_text, id, error) ||
        !bury (self, "case_documents", "case_document", "case_id = $1::bigint AND person_id = $2::bigint",
               case_text, id, error) ||
        !run (self, error, "Could not remove the person",
              "DELETE FROM case_people WHERE case_id = $1::bigint AND id = $2::bigint", 2, params) ||
        !touch (self, case_id, error) ||
        !add_event (self, case_id, "person-removed", NULL, NULL, error))
      {
        pk_store_rollback (self);
        return FALSE;
      }
  }
  return pk_store_commit (self, error);
}

static gint64
pg_add_case_document (PkStore            *self,
                      gint64              case_id,
                      const char         *kind,
                      gint64              person_id,
                      const char         *file_name,
                      GBytes             *content,
                      const PkDocReport  *report,
                      GError            **error)
{
  g_autoptr(JsonNode) node = pk_doc_report_to_json (report);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GBytes) thumbs = _pk_store_thumbnails_blob (report);
  g_autofree char *findings = NULL;
  g_autofree char *at = _pk_store_now ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *case_text = _pk_pg_int_text (case_id);
  g_autofree char *person = person_id > 0 ? _pk_pg_int_text (person_id) : NULL;
  g_autofree char *pages = g_strdup_printf ("%d", report->pages);
  g_autofree char *message = NULL;
  g_autoptr(PGresult) res = NULL;
  gint64 id;

  json_generator_set_root (gen, json_object_get_member (json_node_get_object (node), "findings"));
  findings = json_generator_to_data (gen, NULL);
  if (!pk_store_begin (self, error))
    return 0;
  if (person_id > 0)
    {
      const char *params[] = { person, case_text };
      g_autoptr(PGresult) who = _pk_pg_query (self, error, "Could not store the document",
                                              "SELECT 1 FROM case_people WHERE id = $1::bigint AND case_id = $2::bigint",
                                              2, params);

      if (who == NULL)
        goto fail;
      if (PQntuples (who) == 0)
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                       _("The case has no person with id %lld (case show lists its people)"),
                       (long long) person_id);
          goto fail;
        }
    }
  {
    const char *params[] = { case_text, kind, person, file_name, g_bytes_get_data (content, NULL), pages,
                             report->pass ? "1" : "0", findings, at, g_bytes_get_data (thumbs, NULL), uuid,
                             _pk_store_actor (self) };
    int lengths[G_N_ELEMENTS (params)] = { 0 };
    int formats[G_N_ELEMENTS (params)] = { 0 };

    lengths[4] = g_bytes_get_size (content);
    formats[4] = 1;
    lengths[9] = g_bytes_get_size (thumbs);
    formats[9] = 1;
    res = _pk_pg_query_binary (self, error, "Could not store the document",
                               "INSERT INTO case_documents (case_id, kind, person_id, file_name, content, pages,"
                               " pass, findings, added_at, thumbnails, uuid, revision, updated_at, updated_by)"
                               " VALUES ($1::bigint, $2, $3::bigint, $4, $5::bytea, $6::integer, $7::integer, $8,"
                               " $9, $10::bytea, $11, 1, $9, $12) RETURNING id",
                               PK_PG_N (params), params, lengths, formats);
  }
  if (res == NULL)
    goto fail;
  id = _pk_pg_int (res, 0, 0);
  message = g_strdup_printf ("%s — %s (%s)", pk_doc_kind_display (kind), file_name,
                             report->pass ? _("passes its check") : _("fails its check"));
  if (!touch (self, case_id, error) || !add_event (self, case_id, "document-added", NULL, message, error))
    goto fail;
  return pk_store_commit (self, error) ? id : 0;

fail:
  pk_store_rollback (self);
  return 0;
}

static gboolean
pg_delete_case_document (PkStore  *self,
                         gint64    document_id,
                         GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (document_id);
  g_autofree char *case_text = NULL;
  gint64 case_id;

  if ((case_id = case_of (self, "case_documents", document_id)) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That document is not in the case."));
      return FALSE;
    }
  case_text = _pk_pg_int_text (case_id);
  if (!pk_store_begin (self, error))
    return FALSE;
  {
    const char *params[] = { case_text, id };

    if (!bury (self, "case_documents", "case_document", "case_id = $1::bigint AND id = $2::bigint", case_text, id,
               error) ||
        !run (self, error, "Could not remove the document",
              "DELETE FROM case_documents WHERE case_id = $1::bigint AND id = $2::bigint", 2, params) ||
        !touch (self, case_id, error) ||
        !add_event (self, case_id, "document-removed", NULL, NULL, error))
      {
        pk_store_rollback (self);
        return FALSE;
      }
  }
  return pk_store_commit (self, error);
}

static GBytes *
pg_get_case_document_content (PkStore  *self,
                              gint64    document_id,
                              GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (document_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the document",
                                          "SELECT content FROM case_documents WHERE id = $1::bigint",
                                          1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("That document is not in the case."));
      return NULL;
    }
  return _pk_pg_bytes (res, 0, 0);
}

static GPtrArray *
pg_get_case_document_thumbnails (PkStore  *self,
                                 gint64    document_id,
                                 GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (document_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the document",
                                          "SELECT thumbnails FROM case_documents WHERE id = $1::bigint",
                                          1, params);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    {
      g_autoptr(GBytes) blob = _pk_pg_bytes (res, 0, 0);
      g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("aay"), blob, FALSE));

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

void
_pk_pg_store_cases_class_init (PkStoreClass *klass)
{
  klass->add_case = pg_add_case;
  klass->get_case = pg_get_case;
  klass->find_case = pg_find_case;
  klass->list_cases = pg_list_cases;
  klass->write_case_field = pg_write_case_field;
  klass->set_case_site = pg_set_case_site;
  klass->write_case_stage = pg_write_case_stage;
  klass->write_case_status = pg_write_case_status;
  klass->add_case_event = pg_add_case_event;
  klass->add_case_person = pg_add_case_person;
  klass->update_case_person = pg_update_case_person;
  klass->delete_case_person = pg_delete_case_person;
  klass->add_case_document = pg_add_case_document;
  klass->delete_case_document = pg_delete_case_document;
  klass->get_case_document_content = pg_get_case_document_content;
  klass->get_case_document_thumbnails = pg_get_case_document_thumbnails;
}
