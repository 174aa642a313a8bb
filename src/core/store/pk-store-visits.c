/* pk-store-visits.c: site visits (S11) and their photos
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "pk-store-internal.h"

#define VISIT_COLUMNS \
  "SELECT id, case_id, office_id, inspector, date, checklist, area_m2, obs_lat, obs_lon, outcome," \
  " reason, signed_by, outcome_at, " PK_RECORD_SQL " FROM visits"

static PkVisit *
visit_from_row (sqlite3_stmt *stmt)
{
  PkVisit *v = pk_visit_new ();

  v->id = sqlite3_column_int64 (stmt, 0);
  v->case_id = sqlite3_column_int64 (stmt, 1);
  v->office_id = sqlite3_column_int64 (stmt, 2);
  v->inspector = _pk_store_column_strdup (stmt, 3);
  v->date = _pk_store_column_strdup (stmt, 4);
  pk_visit_checklist_from_json (v, (const char *) sqlite3_column_text (stmt, 5));
  v->area_m2 = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 6);
  v->has_position = sqlite3_column_type (stmt, 7) != SQLITE_NULL && sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  v->lat = sqlite3_column_double (stmt, 7);
  v->lon = sqlite3_column_double (stmt, 8);
  pk_visit_outcome_from_string ((const char *) sqlite3_column_text (stmt, 9), &v->outcome);
  v->reason = _pk_store_column_strdup (stmt, 10);
  v->signed_by = _pk_store_column_strdup (stmt, 11);
  v->outcome_at = _pk_store_column_strdup (stmt, 12);
  _pk_store_column_record (stmt, 13, &v->record);
  return v;
}

/* Binds ?1 … ?12, the visit's own columns */
static void
bind_visit (sqlite3_stmt  *stmt,
            const PkVisit *v)
{
  g_autofree char *checklist = pk_visit_checklist_to_json (v);

  if (v->case_id > 0)
    sqlite3_bind_int64 (stmt, 1, v->case_id);
  if (v->office_id > 0)
    sqlite3_bind_int64 (stmt, 2, v->office_id);
  sqlite3_bind_text (stmt, 3, v->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, v->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, checklist, -1, SQLITE_TRANSIENT);
  if (!isnan (v->area_m2))
    sqlite3_bind_double (stmt, 6, v->area_m2);
  if (v->has_position)
    {
      sqlite3_bind_double (stmt, 7, v->lat);
      sqlite3_bind_double (stmt, 8, v->lon);
    }
  sqlite3_bind_text (stmt, 9, pk_visit_outcome_to_string (v->outcome), -1, SQLITE_STATIC);
  _pk_store_bind_text_or_null (stmt, 10, v->reason);
  _pk_store_bind_text_or_null (stmt, 11, v->signed_by);
  _pk_store_bind_text_or_null (stmt, 12, v->outcome_at);
}

static gint64
sqlite_add_visit (PkStore        *self,
                  const PkVisit  *visit,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkVisit) stored = NULL;
  g_autofree char *after = NULL;
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO visits (case_id, office_id, inspector, date, checklist, area_m2,"
                          " obs_lat, obs_lon, outcome, reason, signed_by, outcome_at, " PK_RECORD_SQL ")"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?61, 1, ?62, ?63)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the visit");
      goto fail;
    }
  bind_visit (stmt, visit);
  _pk_store_bind_record (self, stmt, visit->record.uuid);
  if (!_pk_store_step_done (self, stmt, error, "Could not store the visit"))
    goto fail;
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  stored = _pk_store_get_one (self, VISIT_COLUMNS, id, NULL, (PkStoreRowFunc) visit_from_row, error);
  if (stored == NULL)
    goto fail;
  after = pk_visit_to_json (stored);
  if (!_pk_store_write_audit (self, "insert", "visit", id, NULL, after, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

static PkVisit *
get_visit (PkStore     *self,
           gint64       id,
           const char  *uuid,
           GError     **error)
{
  GError *local = NULL;
  PkVisit *v = _pk_store_get_one (self, VISIT_COLUMNS, id, uuid, (PkStoreRowFunc) visit_from_row, &local);

  if (v == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else if (uuid != NULL)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no visit “%s”"), uuid);
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no visit “%s”"), number);
        }
    }
  return v;
}

static PkVisit *
sqlite_get_visit (PkStore  *self,
                  gint64    id,
                  GError  **error)
{
  return get_visit (self, id, NULL, error);
}

static PkVisit *
sqlite_get_visit_by_uuid (PkStore     *self,
                          const char  *uuid,
                          GError     **error)
{
  return get_visit (self, 0, uuid, error);
}

static GPtrArray *
sqlite_list_visits (PkStore     *self,
                    const char  *inspector,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_visit_free);
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), VISIT_COLUMNS " WHERE ?1 IS NULL OR inspector = ?1"
                          " ORDER BY date, id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the visits"), NULL;
  _pk_store_bind_text_or_null (stmt, 1, inspector);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, visit_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the visits"), NULL;
  return g_steal_pointer (&out);
}

/* Writes the visit's fields over the stored ones; refused as a conflict when
 * @visit carries a revision and the stored one has moved on since. */
static gboolean
sqlite_update_visit (PkStore        *self,
                     const PkVisit  *visit,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkVisit) before = NULL;
  g_autoptr(PkVisit) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = get_visit (self, visit->id, NULL, error)) == NULL)
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
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "UPDATE visits SET case_id = ?1, office_id = ?2, inspector = ?3, date = ?4,"
                          " checklist = ?5, area_m2 = ?6, obs_lat = ?7, obs_lon = ?8, outcome = ?9,"
                          " reason = ?10, signed_by = ?11, outcome_at = ?12, " PK_RECORD_BUMP_SQL
                          " WHERE id = ?13", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the visit");
      goto fail;
    }
  bind_visit (stmt, visit);
  sqlite3_bind_int64 (stmt, 13, visit->id);
  _pk_store_bind_record (self, stmt, NULL);
  if (!_pk_store_step_done (self, stmt, error, "Could not store the visit"))
    goto fail;
  if ((after = get_visit (self, visit->id, NULL, error)) == NULL)
    goto fail;
  before_json = pk_visit_to_json (before);
  after_json = pk_visit_to_json (after);
  if (!_pk_store_write_audit (self, "update", "visit", visit->id, before_json, after_json, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* ---- photos --------------------------------------------------------------- */

#define PHOTO_COLUMNS \
  "SELECT id, visit_id, file_name, sha256, original_size, width, height, taken_at, lat, lon," \
  " added_at, content_sha256, " PK_RECORD_SQL " FROM visit_photos"

static PkVisitPhoto *
photo_from_row (sqlite3_stmt *stmt)
{
  PkVisitPhoto *p = g_new0 (PkVisitPhoto, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->visit_id = sqlite3_column_int64 (stmt, 1);
  p->file_name = _pk_store_column_strdup (stmt, 2);
  p->sha256 = _pk_store_column_strdup (stmt, 3);
  p->original_size = sqlite3_column_int64 (stmt, 4);
  p->width = sqlite3_column_int (stmt, 5);
  p->height = sqlite3_column_int (stmt, 6);
  p->taken_at = _pk_store_column_strdup (stmt, 7);
  p->has_position = sqlite3_column_type (stmt, 8) != SQLITE_NULL && sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  p->lat = sqlite3_column_double (stmt, 8);
  p->lon = sqlite3_column_double (stmt, 9);
  p->added_at = _pk_store_column_strdup (stmt, 10);
  p->content_sha256 = _pk_store_column_strdup (stmt, 11);
  _pk_store_column_record (stmt, 12, &p->record);
  return p;
}

static gint64
sqlite_add_visit_photo (PkStore             *self,
                        const PkVisitPhoto  *photo,
                        const char          *mime_type,
                        GBytes              *content,
                        gint64               conflict_id,
                        GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkVisitPhoto) stored = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *after = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (content, &size);
  gint64 id;

  if (!pk_store_begin (self, error))
    return 0;
  if (sqlite3_prepare_v2 (_pk_store_db (self),
                          "INSERT INTO visit_photos (visit_id, file_name, mime_type, content, sha256,"
                          " original_size, width, height, taken_at, lat, lon, added_at, conflict_id,"
                          " content_sha256, " PK_RECORD_SQL ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                          " ?11, coalesce (?12, ?62), ?13, ?14, ?61, 1, ?62, ?63)", -1, &stmt, NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not store the photo");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, photo->visit_id);
  sqlite3_bind_text (stmt, 2, photo->file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 4, size ? data : "", size, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, photo->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, photo->original_size);
  sqlite3_bind_int (stmt, 7, photo->width);
  sqlite3_bind_int (stmt, 8, photo->height);
  _pk_store_bind_text_or_null (stmt, 9, photo->taken_at);
  if (photo->has_position)
    {
      sqlite3_bind_double (stmt, 10, photo->lat);
      sqlite3_bind_double (stmt, 11, photo->lon);
    }
  _pk_store_bind_text_or_null (stmt, 12, photo->added_at);
  if (conflict_id > 0)
    sqlite3_bind_int64 (stmt, 13, conflict_id);
  sqlite3_bind_text (stmt, 14, g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content), -1, g_free);
  _pk_store_bind_record (self, stmt, photo->record.uuid);
  if (!_pk_store_step_done (self, stmt, error, "Could not store the photo"))
    goto fail;
  id = sqlite3_last_insert_rowid (_pk_store_db (self));
  if ((stored = _pk_store_get_one (self, PHOTO_COLUMNS, id, NULL, (PkStoreRowFunc) photo_from_row, error)) == NULL)
    goto fail;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "visit_id");
  json_builder_add_int_value (b, photo->visit_id);
  pk_visit_photo_add_json (stored, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  after = json_to_string (root, FALSE);
  if (!_pk_store_write_audit (self, "insert", "visit-photo", id, NULL, after, error))
    goto fail;
  if (!pk_store_commit (self, error))
    return 0;
  return id;

fail:
  pk_store_rollback (self);
  return 0;
}

/* The visit's photos (those waiting on a merge conflict too when
 * @conflict_id names it), oldest first, without their content. */
static GPtrArray *
sqlite_list_visit_photos (PkStore  *self,
                          gint64    visit_id,
                          gint64    conflict_id,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_visit_photo_free);
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), PHOTO_COLUMNS " WHERE visit_id = ?1 AND"
                          " (conflict_id IS NULL OR conflict_id = ?2) ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the photos"), NULL;
  sqlite3_bind_int64 (stmt, 1, visit_id);
  sqlite3_bind_int64 (stmt, 2, conflict_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, photo_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the photos"), NULL;
  return g_steal_pointer (&out);
}

static GBytes *
sqlite_get_visit_photo_content (PkStore  *self,
                                gint64    photo_id,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT content FROM visit_photos WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the photo"), NULL;
  sqlite3_bind_int64 (stmt, 1, photo_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The photo is no longer in the workspace"));
  else
    _pk_store_sql_error (self, error, "Could not read the photo");
  return NULL;
}

static gboolean
sqlite_delete_visit_photo (PkStore  *self,
                           gint64    photo_id,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PkVisitPhoto) before = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *before_json = NULL;

  if (!pk_store_begin (self, error))
    return FALSE;
  if ((before = _pk_store_get_one (self, PHOTO_COLUMNS, photo_id, NULL, (PkStoreRowFunc) photo_from_row,
                                   error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The photo is no longer in the workspace"));
      goto fail;
    }
  if (sqlite3_prepare_v2 (_pk_store_db (self), "DELETE FROM visit_photos WHERE id = ?1", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      _pk_store_sql_error (self, error, "Could not remove the photo");
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, photo_id);
  if (!_pk_store_step_done (self, stmt, error, "Could not remove the photo"))
    goto fail;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "visit_id");
  json_builder_add_int_value (b, before->visit_id);
  pk_visit_photo_add_json (before, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  before_json = json_to_string (root, FALSE);
  if (!_pk_store_write_audit (self, "delete", "visit-photo", photo_id, before_json, NULL, error))
    goto fail;
  return pk_store_commit (self, error);

fail:
  pk_store_rollback (self);
  return FALSE;
}

/* A conflict's photos become the visit's ("theirs") or go ("ours"). */
static gboolean
sqlite_settle_conflict_photos (PkStore   *self,
                               gint64     conflict_id,
                               gboolean   keep,
                               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (_pk_store_db (self), keep ? "UPDATE visit_photos SET conflict_id = NULL"
                          " WHERE conflict_id = ?1" : "DELETE FROM visit_photos WHERE conflict_id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not store the photo");
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!_pk_store_step_done (self, stmt, error, "Could not store the photo"))
    return FALSE;
  _pk_store_note_change (self, "visit-photo", 0);
  return TRUE;
}

void
_pk_sqlite_store_visits_class_init (PkStoreClass *klass)
{
  klass->add_visit = sqlite_add_visit;
  klass->get_visit = sqlite_get_visit;
  klass->get_visit_by_uuid = sqlite_get_visit_by_uuid;
  klass->list_visits = sqlite_list_visits;
  klass->update_visit = sqlite_update_visit;
  klass->add_visit_photo = sqlite_add_visit_photo;
  klass->list_visit_photos = sqlite_list_visit_photos;
  klass->get_visit_photo_content = sqlite_get_visit_photo_content;
  klass->delete_visit_photo = sqlite_delete_visit_photo;
  klass->settle_conflict_photos = sqlite_settle_conflict_photos;
}
