/* pk-bundle-undo.c: a bundle's import undone
 *
 * An import keeps, in its audit entry, what each visit it applied was before
 * (pk-bundle.c): the visit's fields, its case's S11 fields and stage, the
 * revisions the two sides had agreed on, the photos it added and the
 * conflicts it found. Undoing the import puts all of that back in one
 * transaction — unless someone changed one of those records since, which it
 * will not overwrite — and rewinds what the workspace agreed with the bundle,
 * so that importing the bundle again merges it again.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-bundle.h"
#include "pk-json.h"
#include "pk-visits.h"

/* The JSON object of @text, or NULL. */
static JsonObject *
parse_object (const char  *text,
              JsonParser **parser)
{
  *parser = text ? pk_json_parse_text (text) : NULL;
  if (*parser == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (*parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (*parser));
}

/* The last entry of @action (whose after's @member is @value, when given)
 * that no @undo_action entry undoes. */
static PkAuditEntry *
last_undoable (PkStore     *store,
               const char  *action,
               const char  *undo_action,
               const char  *member,
               const char  *value,
               GError     **error)
{
  g_autoptr(GPtrArray) entries = pk_store_list_audit (store, NULL, NULL, "bundle", error);
  g_autoptr(GHashTable) undone = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      PkAuditEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *after = g_str_equal (e->action, undo_action) ? parse_object (e->after, &parser) : NULL;
      gint64 id = after ? json_object_get_int_member_with_default (after, "undoes", 0) : 0;

      if (id > 0)
        g_hash_table_add (undone, g_memdup2 (&id, sizeof id));
    }
  for (guint i = entries->len; i > 0; i--)
    {
      PkAuditEntry *e = g_ptr_array_index (entries, i - 1);
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *after = g_str_equal (e->action, action) ? parse_object (e->after, &parser) : NULL;

      if (after == NULL || g_hash_table_contains (undone, &e->id))
        continue;
      if (value == NULL || g_strcmp0 (json_object_get_string_member_with_default (after, member, ""), value) == 0)
        return g_ptr_array_steal_index (entries, i - 1);
    }
  return NULL;
}

/* Logs that @entry was undone (with @undo_action). */
static gboolean
log_undo (PkStore             *store,
          const char          *undo_action,
          const PkAuditEntry  *entry,
          GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *after = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "undoes");
  json_builder_add_int_value (b, entry->id);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  after = json_to_string (root, FALSE);
  return pk_store_log (store, undo_action, "bundle", 0, NULL, after, error);
}

/**
 * pk_bundle_last_import:
 * @bundle_uuid: (nullable): a bundle's UUID; %NULL for any bundle
 *
 * The audit entry of the last import (of @bundle_uuid) that can still be
 * undone: not undone already.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL when there is none
 *   (@error set only when the log could not be read)
 */
PkAuditEntry *
pk_bundle_last_import (PkStore     *store,
                       const char  *bundle_uuid,
                       GError     **error)
{
  return last_undoable (store, "import", "undo-import", "bundle", bundle_uuid, error);
}

/* Someone changed @what since the import: an undo would write over it. */
static gboolean
changed_since (const char     *what,
               const PkRecord *record,
               gint64          revision,
               GError        **error)
{
  if (record->revision == revision)
    return FALSE;
  g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
               _("%s was changed since the import (by %s at %s); undoing it would overwrite that"), what,
               record->updated_by ? record->updated_by : "?", record->updated_at ? record->updated_at : "?");
  return TRUE;
}

/* The case as it was: its S11 fields, the stage's state and note, its status. */
static gboolean
restore_case (PkStore     *store,
              const char  *bundle_uuid,
              JsonObject  *undo,
              GHashTable  *seen_cases,
              gboolean     agree_again,
              GError     **error)
{
  gint64 id = json_object_get_int_member_with_default (undo, "case", 0);
  JsonObject *fields = pk_json_object_member (undo, "s11_fields");
  const char *note = json_object_get_string_member_with_default (undo, "s11_note", NULL);
  g_autoptr(PkCase) now = pk_store_get_case (store, id, error);
  g_autoptr(PkCase) restored = NULL;
  g_autoptr(GPtrArray) cleared = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) keys = fields ? json_object_get_members (fields) : NULL;
  g_autofree char *message = NULL;
  GHashTableIter iter;
  gpointer key;

  if (now == NULL)
    return FALSE;
  /* two visits of one case: the later one's restore moved it already */
  if (!g_hash_table_contains (seen_cases, &id) &&
      changed_since (_("The visit’s case"), &now->record,
                     json_object_get_int_member_with_default (undo, "case_revision", 0), error))
    return FALSE;
  g_hash_table_add (seen_cases, g_memdup2 (&id, sizeof id));

  /* S11's fields the import set where there were none go; the others come back */
  g_hash_table_iter_init (&iter, now->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "s11.") && (fields == NULL || !json_object_has_member (fields, key)))
      g_ptr_array_add (cleared, g_strdup (key));
  for (guint i = 0; i < cleared->len; i++)
    if (!pk_store_write_case_field (store, id, g_ptr_array_index (cleared, i), NULL, error))
      return FALSE;
  for (GList *l = keys; l != NULL; l = l->next)
    if (!pk_store_write_case_field (store, id, l->data, json_object_get_string_member (fields, l->data), error))
      return FALSE;
  message = agree_again ? g_strdup_printf (_("the merge of bundle %s was undone"), bundle_uuid)
                        : g_strdup_printf (_("a conflict from bundle %s is open again"), bundle_uuid);
  if (!pk_store_write_case_stage (store, id, "S11",
                                  (PkStageState) json_object_get_int_member_with_default (undo, "s11_state", 0), note,
                                  error) ||
      !pk_store_write_case_status (store, id,
                                   (PkCaseStatus) json_object_get_int_member_with_default (undo, "case_status", 0),
                                   error) ||
      !pk_store_add_case_event (store, id, agree_again ? "merge-undone" : "resolution-undone", "S11", message,
                                error) ||
      (restored = pk_store_get_case (store, id, error)) == NULL)
    return FALSE;
  /* what was agreed with the bundle is forgotten; after an import, agreed
   * again as at its start, so that the bundle's next import merges */
  if (!pk_store_forget_bundle_merges (store, bundle_uuid, restored->record.uuid,
                                      json_object_get_int_member_with_default (undo, "case_their_base", 0), error))
    return FALSE;
  return !agree_again ||
         pk_store_note_bundle_merge (store, bundle_uuid, restored->record.uuid,
                                     json_object_get_int_member_with_default (undo, "case_their_base", 0),
                                     restored->record.revision, error);
}

/* A photo the import added goes; one a resolution released is held back in
 * conflict @hold_in again, the same photo (UUID, bytes). */
static gboolean
hold_photo (PkStore             *store,
            const PkVisitPhoto  *photo,
            gint64               hold_in,
            GError             **error)
{
  g_autoptr(GBytes) content = NULL;
  const guint8 *head;
  gsize len;

  if (hold_in == 0)
    return pk_store_delete_visit_photo (store, photo->id, error);
  if ((content = pk_store_get_visit_photo_content (store, photo->id, error)) == NULL ||
      !pk_store_delete_visit_photo (store, photo->id, error))
    return FALSE;
  head = g_bytes_get_data (content, &len);           /* stored as PNG or JPEG, as merged */
  return pk_store_add_visit_photo (store, photo, len > 4 && head[0] == 0x89 ? "image/png" : "image/jpeg", content,
                                   hold_in, error) > 0;
}

/* The visit as it was, without the photos the import added — or, undoing a
 * resolution (@hold_in: the conflict), with the photos it released held back
 * in the conflict again. */
static gboolean
restore_visit (PkStore     *store,
               const char  *bundle_uuid,
               JsonObject  *undo,
               gint64       hold_in,
               GError     **error)
{
  gint64 id = json_object_get_int_member_with_default (undo, "visit", 0);
  gint64 their_base = json_object_get_int_member_with_default (undo, "their_base", 0);
  JsonObject *before = pk_json_object_member (undo, "before");
  JsonArray *added = json_object_has_member (undo, "photos") ? json_object_get_array_member (undo, "photos") : NULL;
  g_autoptr(PkVisit) now = pk_store_get_visit (store, id, error);
  g_autoptr(PkVisit) back = NULL;
  g_autoptr(PkVisit) restored = NULL;
  g_autoptr(GPtrArray) photos = NULL;

  if (now == NULL ||
      changed_since (_("The visit"), &now->record, json_object_get_int_member_with_default (undo, "revision", 0), error))
    return FALSE;
  back = pk_visit_copy (now);
  if (before == NULL || !pk_visit_take_json (back, before))
    {
      g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID, _("The import’s record is unreadable"));
      return FALSE;
    }
  back->record.revision = now->record.revision;
  if (!pk_store_update_visit (store, back, error) ||
      (photos = pk_store_list_visit_photos (store, id, 0, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < photos->len; i++)
    {
      const PkVisitPhoto *p = g_ptr_array_index (photos, i);

      gboolean listed = FALSE;

      for (guint k = 0; added != NULL && k < json_array_get_length (added) && !listed; k++)
        listed = g_strcmp0 (json_array_get_string_element (added, k), p->record.uuid) == 0;
      if (listed && !hold_photo (store, p, hold_in, error))
        return FALSE;
    }
  if ((restored = pk_store_get_visit (store, id, error)) == NULL)
    return FALSE;
  if (!pk_store_forget_bundle_merges (store, bundle_uuid, restored->record.uuid, their_base, error))
    return FALSE;
  return hold_in > 0 ||
         pk_store_note_bundle_merge (store, bundle_uuid, restored->record.uuid, their_base,
                                     restored->record.revision, error);
}

/**
 * pk_bundle_undo_import:
 * @bundle_uuid: (nullable): the bundle whose last import to undo; %NULL for
 *   the last import of any bundle
 *
 * Puts back what the import changed, in one transaction: each visit it
 * applied as it was (its photos from the bundle gone), the case its outcome
 * moved (S11's fields, stage and the case's status), the conflicts it found
 * (with the photos they held back); the workspace agrees with the bundle
 * again as before, so that importing it again merges it again. Refused, with
 * nothing written, when one of those records was changed since, or a conflict
 * was resolved. The audit log keeps the undo with the import it undoes.
 *
 * Returns: the undone import's bundle UUID, or %NULL with @error set
 */
char *
pk_bundle_undo_import (PkStore     *store,
                       const char  *bundle_uuid,
                       GError     **error)
{
  g_autoptr(PkAuditEntry) entry = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GHashTable) seen_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  JsonObject *undo;
  JsonArray *visits, *conflicts;
  GError *local = NULL;

  g_return_val_if_fail (PK_IS_STORE (store), NULL);
  if (!pk_store_begin (store, error))
    return NULL;
  if ((entry = pk_bundle_last_import (store, bundle_uuid, &local)) == NULL)
    {
      if (local == NULL)
        g_set_error_literal (&local, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOTHING,
                             _("There is no import of a bundle to undo"));
      g_propagate_error (error, local);
      goto fail;
    }
  if ((undo = parse_object (entry->before, &parser)) == NULL ||
      !json_object_has_member (undo, "visits") || !json_object_has_member (undo, "conflicts"))
    {
      g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID, _("The import’s record is unreadable"));
      goto fail;
    }
  uuid = g_strdup (json_object_get_string_member_with_default (undo, "bundle", ""));
  visits = json_object_get_array_member (undo, "visits");
  conflicts = json_object_get_array_member (undo, "conflicts");
  for (guint i = json_array_get_length (visits); i > 0; i--)
    {
      JsonObject *v = json_array_get_object_element (visits, i - 1);

      /* the case first: its revision is the one the import left */
      if ((json_object_has_member (v, "case") && !restore_case (store, uuid, v, seen_cases, TRUE, error)) ||
          !restore_visit (store, uuid, v, 0, error))
        goto fail;
    }
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      gint64 id = json_array_get_int_element (conflicts, i);
      g_autoptr(PkBundleConflict) c = pk_store_get_bundle_conflict (store, id, NULL);

      if (c != NULL && c->resolved_at != NULL)
        {
          g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
                       _("A conflict of the import was resolved since (by %s); undoing the import would "
                         "take that back"), c->resolved_by);
          goto fail;
        }
      if (c != NULL && !pk_store_delete_bundle_conflict (store, id, error))
        goto fail;
    }
  if (!log_undo (store, "undo-import", entry, error) || !pk_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&uuid);

fail:
  pk_store_rollback (store);
  return NULL;
}

/**
 * pk_bundle_undo_resolution:
 * @conflict_id: the conflict whose resolution to undo
 *
 * Opens the conflict again, as before it was resolved: a person who took the
 * bundle's side gets the visit back as it was here (the case its outcome
 * moved, too), the bundle's photos held back in the conflict again; one who
 * kept this workspace's side just finds it open. Refused, with nothing
 * written, when the visit or its case was changed since.
 */
gboolean
pk_bundle_undo_resolution (PkStore  *store,
                           gint64    conflict_id,
                           GError  **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, conflict_id);
  g_autoptr(PkAuditEntry) entry = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) seen_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GError *local = NULL;
  JsonObject *undo, *v;
  const char *bundle_uuid;

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if (!pk_store_begin (store, error))
    return FALSE;
  if ((entry = last_undoable (store, "resolution", "undo-resolution", "conflict", key, &local)) == NULL)
    {
      if (local == NULL)
        g_set_error (&local, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOTHING,
                     _("Conflict %s has no resolution to undo"), key);
      g_propagate_error (error, local);
      goto fail;
    }
  if ((undo = parse_object (entry->before, &parser)) == NULL)
    {
      g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID, _("The resolution’s record is unreadable"));
      goto fail;
    }
  bundle_uuid = json_object_get_string_member_with_default (undo, "bundle", "");
  if ((v = pk_json_object_member (undo, "visit")) != NULL &&
      ((json_object_has_member (v, "case") && !restore_case (store, bundle_uuid, v, seen_cases, FALSE, error)) ||
       !restore_visit (store, bundle_uuid, v, conflict_id, error)))
    goto fail;
  if (!pk_store_resolve_bundle_conflict (store, conflict_id, NULL, error) ||
      !log_undo (store, "undo-resolution", entry, error))
    goto fail;
  return pk_store_commit (store, error);

fail:
  pk_store_rollback (store);
  return FALSE;
}
