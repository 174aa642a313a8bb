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

#include "pk-pg-store.h"

#define N(x) G_N_ELEMENTS (x)

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
double_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

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
  v->record.uuid = _pk_pg_strdup (res, i, 13);
  v->record.revision = _pk_pg_int (res, i, 14);
  v->record.updated_at = _pk_pg_strdup (res, i, 15);
  v->record.updated_by = _pk_pg_strdup (res, i, 16);
  return v;
}

/* $1 … $12: the visit's own columns; $13 … $16 id or UUID, now, who */
typedef struct
{
  char *values[16];
} VisitParams;

static void
visit_params_clear (VisitParams *p)
{
  for (guint i = 0; i < N (p->values); i++)
    g_free (p->values[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VisitParams, visit_params_clear)

static void
visit_params (PkStore       *self,
              const PkVisit *v,
              const char    *key,
              VisitParams   *p)
{
  p->values[0] = v->case_id > 0 ? int_text (v->case_id) : NULL;
  p->values[1] = v->office_id > 0 ? int_text (v->office_id) : NULL;
  p->values[2] = g_strdup (v->inspector);
  p->values[3] = g_strdup (v->date);
  p->values[4] = pk_visit_checklist_to_json (v);
  p->values[5] = isnan (v->area_m2) ? NULL : double_text (v->area_m2);
  p->values[6] = v->has_position ? double_text (v->lat) : NULL;
  p->values[7] = v->has_position ? double_text (v->lon) : NULL;
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
  g_autofree char *id_text = int_text (id);
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
  g_auto(VisitParams) p = { { NULL } };
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
                      " $11, $12, $13, 1, $14, $15) RETURNING id", 15, (const char * const *) p.values);
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
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the visits",
                                          VISIT_COLUMNS " WHERE $1::text IS NULL OR inspector = $1"
                                          " ORDER BY date, id", 1, params);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) pk_visit_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, visit_from_row (res, i));
  return out;
}

/* The row is locked while it is compared and written (see pg_update_office()). */
static gboolean
pg_update_visit (PkStore        *self,
                 const PkVisit  *visit,
                 GError        **error)
{
  g_auto(VisitParams) p = { { NULL } };
  g_autofree char *id = int_text (visit->id);
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
                      15, (const char * const *) p.values);
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
  p->record.uuid = _pk_pg_strdup (res, i, 12);
  p->record.revision = _pk_pg_int (res, i, 13);
  p->record.updated_at = _pk_pg_strdup (res, i, 14);
  p->record.updated_by = _pk_pg_strdup (res, i, 15);
  return p;
}

static PkVisitPhoto *
get_photo (PkStore  *self,
           gint64    id,
           GError  **error)
{
  g_autofree char *id_text = int_text (id);
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
  g_autofree char *visit = int_text (photo->visit_id);
  g_autofree char *size = int_text (photo->original_size);
  g_autofree char *width = g_strdup_printf ("%d", photo->width);
  g_autofree char *height = g_strdup_printf ("%d", photo->height);
  g_autofree char *lat = photo->has_position ? double_text (photo->lat) : NULL;
  g_autofree char *lon = photo->has_position ? double_text (photo->lon) : NULL;
  g_autofree char *conflict = conflict_id > 0 ? int_text (conflict_id) : NULL;
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
  int lengths[N (params)] = { 0 };
  int formats[N (params)] = { 0 };
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
                             N (params), params, lengths, formats);
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
  g_autofree char *visit = int_text (visit_id);
  g_autofree char *conflict = int_text (conflict_id);
  const char *params[] = { visit, conflict };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the photos",
                                          PHOTO_COLUMNS " WHERE visit_id = $1::bigint AND"
                                          " (conflict_id IS NULL OR conflict_id = $2::bigint) ORDER BY id",
                                          2, params);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_visit_photo_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, photo_from_row (res, i));
  return out;
}

static GBytes *
pg_get_visit_photo_content (PkStore  *self,
                            gint64    photo_id,
                            GError  **error)
{
  g_autofree char *id = int_text (photo_id);
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
  g_autofree char *id = int_text (photo_id);
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
  g_autofree char *id = int_text (conflict_id);
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
}
