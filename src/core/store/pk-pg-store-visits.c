/* pk-pg-store-visits.c: site visits (S11) and their photos on a server
 * workspace, as in a file (pk-store-visits.c); an inspector's login reaches
 * only the visits assigned to them (row-level security, pk-pg-schema.c)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <glib/gstdio.h>

#include "pk-output.h"
#include "pk-pg-store.h"




#define VISIT_COLUMNS \
  "SELECT id, case_id, office_id, inspector, date, checklist, area_m2, obs_lat, obs_lon, outcome," \
  " reason, signed_by, outcome_at, uuid, revision, updated_at, updated_by FROM visits"

static PkVisit *
visit_from_row (PGresult *res,
                int       i)
{
  PkVisit *v = pk_visit_new ();

  v->id = _pk_pg_int (res, i, 0);
  v->case_id = _pk_pg_int (res, i, 1);
  v->office_id = _pk_pg_int (res, i, 2);
  v->inspector = _pk_pg_strdup (res, i, 3);
  v->date = _pk_pg_strdup (res, i, 4);
  pk_visit_checklist_from_json (v, PQgetvalue (res, i, 5));
  v->area_m2 = PQgetisnull (res, i, 6) ? NAN : _pk_pg_double (res, i, 6);
  v->has_position = !PQgetisnull (res, i, 7) && !PQgetisnull (res, i, 8);
  v->lat = _pk_pg_double (res, i, 7);
  v->lon = _pk_pg_double (res, i, 8);
  pk_visit_outcome_from_string (PQgetvalue (res, i, 9), &v->outcome);
  v->reason = _pk_pg_strdup (res, i, 10);
  v->signed_by = _pk_pg_strdup (res, i, 11);
  v->outcome_at = _pk_pg_strdup (res, i, 12);
  _pk_pg_record (res, i, 13, &v->record);
  return v;
}

/* $1 … $12: the visit's own columns; $13 … $15 id or UUID, now, who */
#define N_VISIT_PARAMS 15

static void
visit_params (PkStore       *self,
              const PkVisit *v,
              const char    *key,
              PkPgTexts     *p)
{
  p->values[0] = v->case_id > 0 ? _pk_pg_int_text (v->case_id) : NULL;
  p->values[1] = v->office_id > 0 ? _pk_pg_int_text (v->office_id) : NULL;
  p->values[2] = g_strdup (v->inspector);
  p->values[3] = g_strdup (v->date);
  p->values[4] = pk_visit_checklist_to_json (v);
  p->values[5] = isnan (v->area_m2) ? NULL : _pk_pg_double_text (v->area_m2);
  p->values[6] = v->has_position ? _pk_pg_double_text (v->lat) : NULL;
  p->values[7] = v->has_position ? _pk_pg_double_text (v->lon) : NULL;
  p->values[8] = g_strdup (pk_visit_outcome_to_string (v->outcome));
  p->values[9] = g_strdup (v->reason);
  p->values[10] = g_strdup (v->signed_by);
  p->values[11] = g_strdup (v->outcome_at);
  p->values[12] = g_strdup (key);
  p->values[13] = _pk_store_now ();
  p->values[14] = g_strdup (_pk_store_actor (self));
}

static PkVisit *
get_visit (PkStore     *self,
           gint64       id,
           const char  *uuid,
           gboolean     for_update,
           GError     **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { uuid ? uuid : id_text };
  g_autofree char *sql = g_strconcat (VISIT_COLUMNS, uuid ? " WHERE uuid = $1" : " WHERE id = $1::bigint",
                                      for_update ? " FOR UPDATE" : "", NULL);
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the visit", sql, 1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no visit “%s”"), params[0]);
      return NULL;
    }
  return visit_from_row (res, 0);
}

static gint64
pg_add_visit (PkStore        *self,
              const PkVisit  *visit,
              GError        **error)
{
  g_auto(PkPgTexts) p = { { NULL } };
  g_autofree char *uuid = visit->record.uuid ? g_strdup (visit->record.uuid) : g_uuid_string_random ();
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PkVisit) stored = NULL;
  g_autofree char *after = NULL;
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  visit_params (self, visit, uuid, &p);
  res = _pk_pg_query (self, error, "Could not store the visit",
                      "INSERT INTO visits (case_id, office_id, inspector, date, checklist, area_m2, obs_lat,"
                      " obs_lon, outcome, reason, signed_by, outcome_at, uuid, revision, updated_at, updated_by)"
                      " VALUES ($1::bigint, $2::bigint, $3, $4, $5, $6::float8, $7::float8, $8::float8, $9, $10,"
                      " $11, $12, $13, 1, $14, $15) RETURNING id", N_VISIT_PARAMS,
                      (const char * const *) p.values);
  if (res == NULL)
    goto fail;
  id = _pk_pg_int (res, 0, 0);
  if ((stored = get_visit (self, id, NULL, FALSE, error)) == NULL)
    goto fail;
  after = pk_visit_to_json (stored);
  if (!_pk_pg_write_audit (self, "insert", "visit", id, NULL, after, error) || !pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static PkVisit *
pg_get_visit (PkStore  *self,
              gint64    id,
              GError  **error)
{
  return get_visit (self, id, NULL, FALSE, error);
}

static PkVisit *
pg_get_visit_by_uuid (PkStore     *self,
                      const char  *uuid,
                      GError     **error)
{
  return get_visit (self, 0, uuid, FALSE, error);
}

static GPtrArray *
pg_list_visits (PkStore     *self,
                const char  *inspector,
                GError     **error)
{
  const char *params[] = { inspector };
  return _pk_pg_list_rows (self, error, "Could not read the visits", VISIT_COLUMNS " WHERE $1::text IS NULL OR inspector = $1"
                                          " ORDER BY date, id", 1, params,
                           (PkPgRowFunc) visit_from_row, (GDestroyNotify) pk_visit_free);
}

/* The row is locked while it is compared and written (see pg_update_office()). */
static gboolean
pg_update_visit (PkStore        *self,
                 const PkVisit  *visit,
                 GError        **error)
{
  g_auto(PkPgTexts) p = { { NULL } };
  g_autofree char *id = _pk_pg_int_text (visit->id);
  g_autoptr(PkVisit) before = NULL;
  g_autoptr(PkVisit) after = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = get_visit (self, visit->id, NULL, TRUE, error)) == NULL)
    goto fail;
  if (visit->record.revision > 0 && visit->record.revision != before->record.revision)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT,
                   _("The visit was changed by %s at %s since it was read; read it again"),
                   before->record.updated_by, before->record.updated_at);
      goto fail;
    }
  if (pk_visit_equal_content (before, visit))
    {
      pk_store_rollback (self);
      return TRUE;
    }
  visit_params (self, visit, id, &p);
  res = _pk_pg_query (self, error, "Could not store the visit",
                      "UPDATE visits SET case_id = $1::bigint, office_id = $2::bigint, inspector = $3, date = $4,"
                      " checklist = $5, area_m2 = $6::float8, obs_lat = $7::float8, obs_lon = $8::float8,"
                      " outcome = $9, reason = $10, signed_by = $11, outcome_at = $12, revision = revision + 1,"
                      " updated_at = $14, updated_by = $15 WHERE id = $13::bigint",
                      N_VISIT_PARAMS, (const char * const *) p.values);
  if (res == NULL || (after = get_visit (self, visit->id, NULL, FALSE, error)) == NULL)
    goto fail;
  before_json = pk_visit_to_json (before);
  after_json = pk_visit_to_json (after);
  if (!_pk_pg_write_audit (self, "update", "visit", visit->id, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* ---- photos ------------------------------------------------------------------ */

#define PHOTO_COLUMNS \
  "SELECT id, visit_id, file_name, sha256, original_size, width, height, taken_at, lat, lon," \
  " added_at, content_sha256, uuid, revision, updated_at, updated_by FROM visit_photos"

static PkVisitPhoto *
photo_from_row (PGresult *res,
                int       i)
{
  PkVisitPhoto *p = g_new0 (PkVisitPhoto, 1);

  p->id = _pk_pg_int (res, i, 0);
  p->visit_id = _pk_pg_int (res, i, 1);
  p->file_name = _pk_pg_strdup (res, i, 2);
  p->sha256 = _pk_pg_strdup (res, i, 3);
  p->original_size = _pk_pg_int (res, i, 4);
  p->width = _pk_pg_int (res, i, 5);
  p->height = _pk_pg_int (res, i, 6);
  p->taken_at = _pk_pg_strdup (res, i, 7);
  p->has_position = !PQgetisnull (res, i, 8) && !PQgetisnull (res, i, 9);
  p->lat = _pk_pg_double (res, i, 8);
  p->lon = _pk_pg_double (res, i, 9);
  p->added_at = _pk_pg_strdup (res, i, 10);
  p->content_sha256 = _pk_pg_strdup (res, i, 11);
  _pk_pg_record (res, i, 12, &p->record);
  return p;
}

static PkVisitPhoto *
get_photo (PkStore  *self,
           gint64    id,
           GError  **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the photo",
                                          PHOTO_COLUMNS " WHERE id = $1::bigint", 1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The photo is no longer in the workspace"));
      return NULL;
    }
  return photo_from_row (res, 0);
}

static char *
photo_json (const PkVisitPhoto *photo)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "visit_id");
  json_builder_add_int_value (b, photo->visit_id);
  pk_visit_photo_add_json (photo, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gint64
pg_add_visit_photo (PkStore             *self,
                    const PkVisitPhoto  *photo,
                    const char          *mime_type,
                    GBytes              *content,
                    gint64               conflict_id,
                    GError             **error)
{
  g_autofree char *visit = _pk_pg_int_text (photo->visit_id);
  g_autofree char *size = _pk_pg_int_text (photo->original_size);
  g_autofree char *width = g_strdup_printf ("%d", photo->width);
  g_autofree char *height = g_strdup_printf ("%d", photo->height);
  g_autofree char *lat = photo->has_position ? _pk_pg_double_text (photo->lat) : NULL;
  g_autofree char *lon = photo->has_position ? _pk_pg_double_text (photo->lon) : NULL;
  g_autofree char *conflict = conflict_id > 0 ? _pk_pg_int_text (conflict_id) : NULL;
  g_autofree char *content_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_autofree char *uuid = photo->record.uuid ? g_strdup (photo->record.uuid) : g_uuid_string_random ();
  g_autofree char *now = _pk_store_now ();
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PkVisitPhoto) stored = NULL;
  g_autofree char *after = NULL;
  gsize length;
  const char *params[] = { visit, photo->file_name, mime_type, g_bytes_get_data (content, &length), photo->sha256,
                           size, width, height, photo->taken_at, lat, lon, photo->added_at, conflict,
                           content_sha256, uuid, now, _pk_store_actor (self) };
  int lengths[PK_PG_N (params)] = { 0 };
  int formats[PK_PG_N (params)] = { 0 };
  gint64 id;

  lengths[3] = length;
  formats[3] = 1;
  if (params[3] == NULL)
    params[3] = "";
  if (!pk_store_begin (self, error))
    return 0;
  res = _pk_pg_query_binary (self, error, "Could not store the photo",
                             "INSERT INTO visit_photos (visit_id, file_name, mime_type, content, sha256,"
                             " original_size, width, height, taken_at, lat, lon, added_at, conflict_id,"
                             " content_sha256, uuid, revision, updated_at, updated_by) VALUES ($1::bigint, $2, $3,"
                             " $4::bytea, $5, $6::bigint, $7::integer, $8::integer, $9, $10::float8, $11::float8,"
                             " coalesce ($12, $16), $13::bigint, $14, $15, 1, $16, $17) RETURNING id",
                             PK_PG_N (params), params, lengths, formats);
  if (res == NULL)
    goto fail;
  id = _pk_pg_int (res, 0, 0);
  if ((stored = get_photo (self, id, error)) == NULL)
    goto fail;
  after = photo_json (stored);
  if (!_pk_pg_write_audit (self, "insert", "visit-photo", id, NULL, after, error) || !pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static GPtrArray *
pg_list_visit_photos (PkStore  *self,
                      gint64    visit_id,
                      gint64    conflict_id,
                      GError  **error)
{
  g_autofree char *visit = _pk_pg_int_text (visit_id);
  g_autofree char *conflict = _pk_pg_int_text (conflict_id);
  const char *params[] = { visit, conflict };
  return _pk_pg_list_rows (self, error, "Could not read the photos",
                           PHOTO_COLUMNS " WHERE visit_id = $1::bigint AND"
                           " (conflict_id IS NULL OR conflict_id = $2::bigint) ORDER BY id", 2, params,
                           (PkPgRowFunc) photo_from_row, (GDestroyNotify) pk_visit_photo_free);
}

static GBytes *
pg_get_visit_photo_content (PkStore  *self,
                            gint64    photo_id,
                            GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (photo_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the photo",
                                          "SELECT content FROM visit_photos WHERE id = $1::bigint", 1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The photo is no longer in the workspace"));
      return NULL;
    }
  return _pk_pg_bytes (res, 0, 0);
}

static gboolean
pg_delete_visit_photo (PkStore  *self,
                       gint64    photo_id,
                       GError  **error)
{
  g_autofree char *id = _pk_pg_int_text (photo_id);
  g_autoptr(PkVisitPhoto) before = NULL;
  g_autofree char *before_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = get_photo (self, photo_id, error)) == NULL)
    goto fail;
  {
    const char *params[] = { id };
    g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not remove the photo",
                                            "DELETE FROM visit_photos WHERE id = $1::bigint", 1, params);

    if (res == NULL)
      goto fail;
  }
  before_json = photo_json (before);
  if (!_pk_pg_write_audit (self, "delete", "visit-photo", photo_id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

static gboolean
pg_settle_conflict_photos (PkStore   *self,
                           gint64     conflict_id,
                           gboolean   keep,
                           GError   **error)
{
  g_autofree char *id = _pk_pg_int_text (conflict_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not store the photo",
                                          keep ? "UPDATE visit_photos SET conflict_id = NULL WHERE conflict_id = $1::bigint"
                                               : "DELETE FROM visit_photos WHERE conflict_id = $1::bigint",
                                          1, params);

  if (res == NULL)
    return FALSE;
  _pk_store_note_change (self, "visit-photo", 0);
  return TRUE;
}

/* ---- field bundles ----------------------------------------------------------------- */

static gboolean
pg_add_bundle_key (PkStore     *self,
                   const char  *uuid,
                   const char  *inspector,
                   const char  *key,
                   const char  *base_json,
                   GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = _pk_store_now ();
  const char *params[] = { uuid, inspector, key, now, _pk_store_actor (self), base_json };
  g_autoptr(PGresult) res = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bundle");
  json_builder_add_string_value (b, uuid);
  json_builder_set_member_name (b, "inspector");
  json_builder_add_string_value (b, inspector);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  after = json_to_string (root, FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  res = _pk_pg_query (self, error, "Could not record the bundle",
                      "INSERT INTO bundle_keys (uuid, inspector, key, issued_at, issued_by, base)"
                      " VALUES ($1, $2, $3, $4, $5, $6)", PK_PG_N (params), params);
  if (res == NULL || !_pk_pg_write_audit (self, "export", "bundle", 0, NULL, after, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  return pk_store_commit (self, error);
}

static gboolean
pg_get_bundle_key (PkStore     *self,
                   const char  *uuid,
                   char       **inspector,
                   char       **key,
                   char       **base_json,
                   GError     **error)
{
  const char *params[] = { uuid };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the bundles",
                                          "SELECT inspector, key, base FROM bundle_keys WHERE uuid = $1", 1, params);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("this workspace did not issue the bundle"));
      return FALSE;
    }
  *inspector = _pk_pg_strdup (res, 0, 0);
  *key = _pk_pg_strdup (res, 0, 1);
  *base_json = _pk_pg_strdup (res, 0, 2);
  return TRUE;
}

static gint64
pg_bundle_last_merge (PkStore     *self,
                      const char  *bundle_uuid,
                      const char  *record_uuid,
                      gint64      *our_revision)
{
  const char *params[] = { bundle_uuid, record_uuid };
  g_autoptr(PGresult) res = _pk_pg_query (self, NULL, "merges",
                                          "SELECT revision, our_revision FROM bundle_merges WHERE bundle_uuid = $1"
                                          " AND record_uuid = $2 ORDER BY revision DESC LIMIT 1", 2, params);

  *our_revision = 0;
  if (res == NULL || PQntuples (res) == 0)
    return 0;
  *our_revision = _pk_pg_int (res, 0, 1);
  return _pk_pg_int (res, 0, 0);
}

static gboolean
pg_note_bundle_merge (PkStore     *self,
                      const char  *bundle_uuid,
                      const char  *record_uuid,
                      gint64       revision,
                      gint64       our_revision,
                      GError     **error)
{
  g_autofree char *rev = _pk_pg_int_text (revision);
  g_autofree char *ours = _pk_pg_int_text (our_revision);
  g_autofree char *now = _pk_store_now ();
  const char *params[] = { bundle_uuid, record_uuid, rev, ours, now };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not record the merge",
                                          "INSERT INTO bundle_merges (bundle_uuid, record_uuid, revision,"
                                          " our_revision, merged_at) VALUES ($1, $2, $3::bigint, $4::bigint, $5)"
                                          " ON CONFLICT (bundle_uuid, record_uuid, revision) DO UPDATE SET"
                                          " our_revision = excluded.our_revision, merged_at = excluded.merged_at",
                                          PK_PG_N (params), params);

  return res != NULL;
}

static gboolean
pg_forget_bundle_merges (PkStore     *self,
                         const char  *bundle_uuid,
                         const char  *record_uuid,
                         gint64       revision,
                         GError     **error)
{
  g_autofree char *rev = _pk_pg_int_text (revision);
  const char *params[] = { bundle_uuid, record_uuid, rev };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not undo the merge",
                                          "DELETE FROM bundle_merges WHERE bundle_uuid = $1 AND record_uuid = $2"
                                          " AND revision >= $3::bigint", PK_PG_N (params), params);

  return res != NULL;
}

static gboolean
pg_delete_bundle_conflict (PkStore  *self,
                           gint64    id,
                           GError  **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text };
  g_autoptr(PGresult) res = NULL;

  if (!pk_store_settle_conflict_photos (self, id, FALSE, error))
    return FALSE;
  res = _pk_pg_query (self, error, "Could not undo the merge", "DELETE FROM bundle_conflicts WHERE id = $1::bigint",
                      PK_PG_N (params), params);
  return res != NULL;
}

#define CONFLICT_COLUMNS \
  "SELECT id, bundle_uuid, inspector, visit_uuid, revision, reason, ours, theirs, found_at, resolved_at," \
  " resolved_by, resolution FROM bundle_conflicts"

static PkBundleConflict *
conflict_from_row (PGresult *res,
                   int       i)
{
  PkBundleConflict *c = g_new0 (PkBundleConflict, 1);

  c->id = _pk_pg_int (res, i, 0);
  c->bundle_uuid = _pk_pg_strdup (res, i, 1);
  c->inspector = _pk_pg_strdup (res, i, 2);
  c->visit_uuid = _pk_pg_strdup (res, i, 3);
  c->revision = _pk_pg_int (res, i, 4);
  c->reason = _pk_pg_strdup (res, i, 5);
  c->ours = _pk_pg_strdup (res, i, 6);
  c->theirs = _pk_pg_strdup (res, i, 7);
  c->found_at = _pk_pg_strdup (res, i, 8);
  c->resolved_at = _pk_pg_strdup (res, i, 9);
  c->resolved_by = _pk_pg_strdup (res, i, 10);
  c->resolution = _pk_pg_strdup (res, i, 11);
  return c;
}

static gint64
pg_add_bundle_conflict (PkStore                 *self,
                        const PkBundleConflict  *conflict,
                        gboolean                *is_new,
                        GError                 **error)
{
  g_autofree char *rev = _pk_pg_int_text (conflict->revision);
  g_autofree char *now = _pk_store_now ();
  const char *params[] = { conflict->bundle_uuid, conflict->inspector, conflict->visit_uuid, rev,
                           conflict->reason, conflict->ours, conflict->theirs, now };
  g_autoptr(PGresult) res = NULL;
  gint64 id;

  *is_new = FALSE;
  res = _pk_pg_query (self, error, "Could not record the conflict",
                      "WITH added AS (INSERT INTO bundle_conflicts (bundle_uuid, inspector, visit_uuid, revision,"
                      " reason, ours, theirs, found_at) VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8)"
                      " ON CONFLICT (bundle_uuid, visit_uuid, revision) DO NOTHING RETURNING id)"
                      " SELECT id, TRUE FROM added UNION ALL SELECT id, FALSE FROM bundle_conflicts"
                      " WHERE bundle_uuid = $1 AND visit_uuid = $3 AND revision = $4::bigint",
                      PK_PG_N (params), params);
  if (res == NULL || PQntuples (res) == 0)
    return 0;
  id = _pk_pg_int (res, 0, 0);
  *is_new = g_str_equal (PQgetvalue (res, 0, 1), "t");
  if (*is_new)
    _pk_store_note_change (self, "bundle-conflict", id);
  return id;
}

static GPtrArray *
pg_list_bundle_conflicts (PkStore   *self,
                          gboolean   open_only,
                          GError   **error)
{
  return _pk_pg_list_rows (self, error, "Could not read the conflicts", open_only ? CONFLICT_COLUMNS " WHERE resolved_at IS NULL ORDER BY id"
                                                    : CONFLICT_COLUMNS " ORDER BY id", 0, NULL,
                           (PkPgRowFunc) conflict_from_row, (GDestroyNotify) pk_bundle_conflict_free);
}

static PkBundleConflict *
pg_get_bundle_conflict (PkStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  const char *params[] = { id_text };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the conflicts",
                                          CONFLICT_COLUMNS " WHERE id = $1::bigint", 1, params);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no conflict “%s”"), id_text);
      return NULL;
    }
  return conflict_from_row (res, 0);
}

static gboolean
pg_resolve_bundle_conflict (PkStore     *self,
                            gint64       id,
                            const char  *resolution,
                            GError     **error)
{
  g_autofree char *id_text = _pk_pg_int_text (id);
  g_autofree char *now = _pk_store_now ();
  g_autofree char *after = resolution ? g_strdup_printf ("{\"resolution\":\"%s\"}", resolution) : NULL;
  const char *params[] = { id_text, resolution, now, _pk_store_actor (self) };
  /* NULL: open again (a resolution undone) */
  g_autoptr(PGresult) res = resolution != NULL
    ? _pk_pg_query (self, error, "Could not record the resolution",
                    "UPDATE bundle_conflicts SET resolution = $2, resolved_at = $3, resolved_by = $4"
                    " WHERE id = $1::bigint AND resolved_at IS NULL", PK_PG_N (params), params)
    : _pk_pg_query (self, error, "Could not record the resolution",
                    "UPDATE bundle_conflicts SET resolution = NULL, resolved_at = NULL, resolved_by = NULL"
                    " WHERE id = $1::bigint AND resolved_at IS NOT NULL", 1, params);

  if (res == NULL)
    return FALSE;
  if (g_str_equal (PQcmdTuples (res), "0"))
    {
      g_set_error_literal (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                           resolution ? _("The conflict was resolved already") : _("The conflict is open"));
      return FALSE;
    }
  return _pk_pg_write_audit (self, resolution ? "resolve" : "reopen", "bundle-conflict", id, NULL, after, error);
}

void
_pk_pg_store_visits_class_init (PkStoreClass *klass)
{
  klass->add_visit = pg_add_visit;
  klass->get_visit = pg_get_visit;
  klass->get_visit_by_uuid = pg_get_visit_by_uuid;
  klass->list_visits = pg_list_visits;
  klass->update_visit = pg_update_visit;
  klass->add_visit_photo = pg_add_visit_photo;
  klass->list_visit_photos = pg_list_visit_photos;
  klass->get_visit_photo_content = pg_get_visit_photo_content;
  klass->delete_visit_photo = pg_delete_visit_photo;
  klass->settle_conflict_photos = pg_settle_conflict_photos;
  klass->add_bundle_key = pg_add_bundle_key;
  klass->get_bundle_key = pg_get_bundle_key;
  klass->bundle_last_merge = pg_bundle_last_merge;
  klass->note_bundle_merge = pg_note_bundle_merge;
  klass->forget_bundle_merges = pg_forget_bundle_merges;
  klass->delete_bundle_conflict = pg_delete_bundle_conflict;
  klass->add_bundle_conflict = pg_add_bundle_conflict;
  klass->list_bundle_conflicts = pg_list_bundle_conflicts;
  klass->get_bundle_conflict = pg_get_bundle_conflict;
  klass->resolve_bundle_conflict = pg_resolve_bundle_conflict;
}
