/* pk-bundle.c: field bundles — export for one inspector, verify, merge back
 *
 * A bundle is a workspace file cut down to one inspector's open visits, the
 * cases and documents they need, the offices around the sites, the
 * province's geography and rules and the basemap tiles of those places. It
 * carries a key the issuing workspace keeps; every commit on the laptop signs
 * it (HMAC-SHA256 over every record and photo). Merging compares three
 * revisions of each visit — at export (kept here, not trusted from the
 * file), here now and in the bundle — and applies a change only when one
 * side alone made it; the rest are conflicts for a person.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-bundle"

#include "config.h"

#include <math.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pk-bundle.h"
#include "pk-geom.h"
#include "pk-json.h"
#include "pk-mbtiles.h"
#include "pk-visits.h"

G_DEFINE_QUARK (pk-bundle-error-quark, pk_bundle_error)

void
pk_bundle_info_free (PkBundleInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->inspector);
  g_free (self->issued_at);
  g_free (self->workspace_uuid);
  g_free (self);
}

void
pk_bundle_import_free (PkBundleImport *self)
{
  if (self == NULL)
    return;
  pk_bundle_info_free (self->info);
  g_clear_pointer (&self->applied, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_free (self);
}

static char *
new_key (void)
{
  guint8 bytes[32];
  GString *hex = g_string_new (NULL);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    for (guint i = 0; i < sizeof bytes; i++)      /* no entropy source: still unique */
      bytes[i] = g_random_int_range (0, 256);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

static void
add_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

typedef struct
{
  double lat, lon;
} Site;

/* ---- tiles ---------------------------------------------------------------- */

static void
tile_of (double  lat,
         double  lon,
         int     zoom,
         int    *x,
         int    *y)
{
  double n = 1 << zoom;
  double r = lat * G_PI / 180;

  lat = CLAMP (lat, -85.0511, 85.0511);
  r = lat * G_PI / 180;
  *x = CLAMP ((int) floor ((lon + 180) / 360 * n), 0, (int) n - 1);
  *y = CLAMP ((int) floor ((1 - log (tan (r) + 1 / cos (r)) / G_PI) / 2 * n), 0, (int) n - 1);
}

static void
tile_free (PkBundleTile *t)
{
  g_bytes_unref (t->data);
  g_free (t);
}

/* The tiles of the basemap around each site, every zoom it has up to 17. */
static GPtrArray *
collect_tiles (const char  *mbtiles_path,
               GArray      *sites,
               char       **attribution,
               GError     **error)
{
  g_autoptr(PkMbtiles) mb = pk_mbtiles_open (mbtiles_path, error);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) tile_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (mb == NULL)
    return NULL;
  *attribution = g_strdup (pk_mbtiles_get_attribution (mb));
  for (guint s = 0; s < sites->len; s++)
    {
      const Site *site = &g_array_index (sites, Site, s);
      double dlat = PK_BUNDLE_TILE_RADIUS_M / 111320.0;
      double dlon = dlat / MAX (0.1, cos (site->lat * G_PI / 180));

      for (int z = pk_mbtiles_get_min_zoom (mb); z <= MIN (pk_mbtiles_get_max_zoom (mb), PK_BUNDLE_MAX_TILE_ZOOM); z++)
        {
          int x0, y0, x1, y1;

          tile_of (site->lat + dlat, site->lon - dlon, z, &x0, &y0);
          tile_of (site->lat - dlat, site->lon + dlon, z, &x1, &y1);
          for (int x = x0; x <= x1; x++)
            for (int y = y0; y <= y1; y++)
              {
                char *k = g_strdup_printf ("%d/%d/%d", z, x, y);
                GBytes *data;
                PkBundleTile *t;

                if (!g_hash_table_add (seen, k))
                  continue;
                if ((data = pk_mbtiles_get_tile (mb, x, y, z, NULL)) == NULL)
                  continue;
                t = g_new0 (PkBundleTile, 1);
                t->zoom = z;
                t->x = x;
                t->y = y;
                t->data = data;
                g_ptr_array_add (tiles, t);
              }
        }
    }
  return g_steal_pointer (&tiles);
}

/* ---- export --------------------------------------------------------------- */

static void
base_add (JsonBuilder    *b,
          const PkRecord *record)
{
  json_builder_set_member_name (b, record->uuid);
  json_builder_add_int_value (b, record->revision);
}

/**
 * pk_bundle_export:
 * @mbtiles_path: (nullable): a raster MBTiles basemap to take tiles from
 *
 * Writes @path: the bundle of @inspector's visits that wait for an outcome,
 * and records its key and what it held (each visit's and case's revision)
 * for the merge.
 *
 * Returns: (transfer full): what the bundle holds, or %NULL with @error set
 */
PkBundleInfo *
pk_bundle_export (PkStore     *store,
                  const char  *inspector,
                  const char  *path,
                  const char  *mbtiles_path,
                  GError     **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GArray) visit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) office_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (Site));
  g_autoptr(GPtrArray) tiles = NULL;
  g_autofree char *attribution = NULL;
  g_autoptr(JsonBuilder) base = json_builder_new ();
  g_autoptr(JsonNode) base_root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *issued_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *uuid = pk_uuid_new ();
  g_autofree char *key = new_key ();
  g_autofree char *base_json = NULL;
  g_autofree char *name = g_strstrip (g_strdup (inspector ? inspector : ""));
  PkBundleSpec spec = { 0 };
  PkBundleInfo *info;

  g_return_val_if_fail (PK_IS_STORE (store), NULL);
  if (pk_store_is_bundle (store))
    {
      g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
                           _("A bundle is exported from the secretariat’s workspace, not from another bundle"));
      return NULL;
    }
  if ((visits = pk_store_list_visits (store, name, error)) == NULL ||
      (offices = pk_store_list_offices (store, error)) == NULL)
    return NULL;
  json_builder_begin_object (base);
  for (guint i = 0; i < visits->len; i++)
    {
      PkVisit *v = g_ptr_array_index (visits, i);
      Site site;

      if (v->outcome != PK_VISIT_PENDING)
        continue;
      add_id (visit_ids, v->id);
      base_add (base, &v->record);
      if (v->case_id > 0)
        {
          g_autoptr(PkCase) c = pk_store_get_case (store, v->case_id, error);

          if (c == NULL)
            return NULL;
          add_id (case_ids, c->id);
          base_add (base, &c->record);
          if (c->has_site && !c->site_not_on_map)
            {
              site = (Site) { c->site_lat, c->site_lon };
              g_array_append_val (sites, site);
            }
        }
      if (v->office_id > 0)
        {
          add_id (office_ids, v->office_id);
          for (guint k = 0; k < offices->len; k++)
            {
              PkOffice *o = g_ptr_array_index (offices, k);

              if (o->id == v->office_id)
                {
                  site = (Site) { o->lat, o->lon };
                  g_array_append_val (sites, site);
                }
            }
        }
    }
  json_builder_end_object (base);
  if (visit_ids->len == 0)
    {
      g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOTHING,
                   _("%s has no visit waiting for an outcome; assign one first"), name);
      return NULL;
    }
  /* the offices around the sites, and those the cases brought about */
  for (guint k = 0; k < offices->len; k++)
    {
      PkOffice *o = g_ptr_array_index (offices, k);
      gboolean near = FALSE;

      for (guint s = 0; s < sites->len && !near; s++)
        {
          const Site *site = &g_array_index (sites, Site, s);

          near = pk_geodesic_distance (site->lat, site->lon, o->lat, o->lon) <= PK_BUNDLE_RADIUS_M;
        }
      for (guint c = 0; c < case_ids->len && !near; c++)
        near = o->case_id == g_array_index (case_ids, gint64, c);
      if (near)
        add_id (office_ids, o->id);
    }
  if (mbtiles_path != NULL && (tiles = collect_tiles (mbtiles_path, sites, &attribution, error)) == NULL)
    return NULL;
  base_root = json_builder_get_root (base);
  base_json = json_to_string (base_root, FALSE);
  spec.uuid = uuid;
  spec.inspector = name;
  spec.key = key;
  spec.issued_at = issued_at;
  spec.base_json = base_json;
  spec.visit_ids = visit_ids;
  spec.case_ids = case_ids;
  spec.office_ids = office_ids;
  spec.tiles = tiles;
  spec.tiles_attribution = attribution;
  if (!pk_store_write_bundle (store, path, &spec, error))
    return NULL;
  if (!pk_store_add_bundle_key (store, uuid, name, key, base_json, error))
    {
      g_unlink (path);
      return NULL;
    }
  info = g_new0 (PkBundleInfo, 1);
  info->uuid = g_steal_pointer (&uuid);
  info->inspector = g_steal_pointer (&name);
  info->issued_at = g_steal_pointer (&issued_at);
  info->workspace_uuid = pk_store_get_meta (store, "workspace_uuid");
  info->n_visits = visit_ids->len;
  info->n_cases = case_ids->len;
  info->n_offices = office_ids->len;
  info->n_tiles = tiles ? tiles->len : 0;
  return info;
}

/* ---- verify --------------------------------------------------------------- */

/* Counts what @bundle holds into @info. */
static gboolean
count_bundle (PkStore       *bundle,
              PkBundleInfo  *info,
              GError       **error)
{
  g_autoptr(GPtrArray) visits = pk_store_list_visits (bundle, NULL, error);
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  if (visits == NULL || (offices = pk_store_list_offices (bundle, error)) == NULL ||
      (cases = pk_store_list_cases (bundle, error)) == NULL)
    return FALSE;
  info->n_visits = visits->len;
  info->n_offices = offices->len;
  info->n_cases = cases->len;
  for (guint i = 0; i < visits->len; i++)
    {
      PkVisit *v = g_ptr_array_index (visits, i);
      g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (bundle, v->id, 0, error);

      if (photos == NULL)
        return FALSE;
      info->n_photos += photos->len;
      if (v->outcome != PK_VISIT_PENDING)
        info->n_decided++;
    }
  return TRUE;
}

/* Opens @path as a bundle and checks it: readable, a bundle, issued by
 * @store (when given) to the inspector it names, and signed under the key
 * @store kept (else the one it carries). *@base_json: what it held at export. */
static PkStore *
open_verified (PkStore       *store,
               const char    *path,
               PkBundleInfo **info_out,
               char         **base_json,
               GError       **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(PkStore) bundle = NULL;
  g_autoptr(PkBundleInfo) info = g_new0 (PkBundleInfo, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *key = NULL;
  g_autofree char *issued_to = NULL;
  g_autofree char *kept_key = NULL;
  g_autofree char *kept_base = NULL;

  if ((bundle = pk_store_open_read_only (path, &local)) == NULL)
    {
      gboolean not_bundle = g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE);

      g_set_error (error, PK_BUNDLE_ERROR, not_bundle ? PK_BUNDLE_ERROR_NOT_BUNDLE : PK_BUNDLE_ERROR_DAMAGED,
                   _("Refused “%s”: %s"), display, local->message);
      return NULL;
    }
  info->uuid = pk_store_get_meta (bundle, "bundle_uuid");
  if (info->uuid == NULL)
    {
      g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOT_BUNDLE,
                   _("Refused “%s”: it is a workspace, not a field bundle"), display);
      return NULL;
    }
  info->inspector = pk_store_get_meta (bundle, "bundle_inspector");
  info->issued_at = pk_store_get_meta (bundle, "bundle_issued_at");
  info->workspace_uuid = pk_store_get_meta (bundle, "bundle_of");
  key = pk_store_get_meta (bundle, "bundle_key");
  if (store != NULL)
    {
      g_autofree char *ours = pk_store_get_meta (store, "workspace_uuid");

      if (g_strcmp0 (ours, info->workspace_uuid) != 0 ||
          !pk_store_get_bundle_key (store, info->uuid, &issued_to, &kept_key, &kept_base, NULL))
        {
          g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_FOREIGN,
                       _("Refused “%s”: this workspace did not issue it (it belongs to another workspace)"),
                       display);
          return NULL;
        }
      if (g_strcmp0 (issued_to, info->inspector) != 0)
        {
          g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INSPECTOR,
                       _("Refused “%s”: it was issued to %s but says it is %s’s"), display, issued_to,
                       info->inspector ? info->inspector : "?");
          return NULL;
        }
      g_free (key);
      key = g_steal_pointer (&kept_key);
    }
  if (key == NULL)
    {
      g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_ALTERED,
                   _("Refused “%s”: it carries no key"), display);
      return NULL;
    }
  if (!pk_store_bundle_signature_valid (bundle, key, &local))
    {
      gboolean damaged = g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_CORRUPT) ||
                         g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_SQL);

      g_set_error (error, PK_BUNDLE_ERROR, damaged ? PK_BUNDLE_ERROR_DAMAGED : PK_BUNDLE_ERROR_ALTERED,
                   _("Refused “%s”: %s"), display, local->message);
      return NULL;
    }
  if (!count_bundle (bundle, info, &local))
    {
      g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_DAMAGED, _("Refused “%s”: %s"), display, local->message);
      return NULL;
    }
  if (base_json != NULL)
    *base_json = g_steal_pointer (&kept_base);
  *info_out = g_steal_pointer (&info);
  return g_steal_pointer (&bundle);
}

/**
 * pk_bundle_verify:
 * @store: (nullable): the workspace it should come back to
 *
 * Returns: (transfer full): whose the bundle is and what it holds, or %NULL
 * with @error set (a PK_BUNDLE_ERROR saying why, in one line)
 */
PkBundleInfo *
pk_bundle_verify (PkStore     *store,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(PkStore) bundle = NULL;
  PkBundleInfo *info = NULL;

  bundle = open_verified (store, path, &info, NULL, error);
  return bundle != NULL ? info : NULL;
}

/* ---- import --------------------------------------------------------------- */

static gint64
base_revision (JsonObject *base,
               const char *uuid)
{
  return uuid && json_object_has_member (base, uuid) ? json_object_get_int_member (base, uuid) : -1;
}

/* The bundle's photos of @visit that @ours lacks (by UUID). */
static GPtrArray *
new_photos (PkStore        *bundle,
            const PkVisit  *theirs,
            PkStore        *store,
            gint64          ours_id,
            GError        **error)
{
  g_autoptr(GPtrArray) in_bundle = pk_store_list_visit_photos (bundle, theirs->id, 0, error);
  g_autoptr(GPtrArray) here = ours_id > 0 ? pk_store_list_visit_photos (store, ours_id, 0, error)
                                          : g_ptr_array_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_visit_photo_free);

  if (in_bundle == NULL || here == NULL)
    return NULL;
  for (guint i = 0; i < in_bundle->len; i++)
    {
      PkVisitPhoto *p = g_ptr_array_index (in_bundle, i);
      gboolean known = FALSE;

      for (guint k = 0; k < here->len && !known; k++)
        known = g_strcmp0 (((PkVisitPhoto *) g_ptr_array_index (here, k))->record.uuid, p->record.uuid) == 0;
      if (!known)
        g_ptr_array_add (out, pk_visit_photo_copy (p));
    }
  return g_steal_pointer (&out);
}

/* Copies @photos from the bundle to visit @visit_id here, byte for byte and
 * under their own UUIDs (held back behind @conflict_id when not 0). */
static gboolean
copy_photos (PkStore    *bundle,
             PkStore    *store,
             GPtrArray  *photos,
             gint64      visit_id,
             gint64      conflict_id,
             GError    **error)
{
  for (guint i = 0; i < photos->len; i++)
    {
      PkVisitPhoto *p = g_ptr_array_index (photos, i);
      g_autoptr(GBytes) content = pk_store_get_visit_photo_content (bundle, p->id, error);
      const guint8 *head;
      gsize len;

      if (content == NULL)
        return FALSE;
      head = g_bytes_get_data (content, &len);
      p->visit_id = visit_id;
      if (pk_store_add_visit_photo (store, p, len > 4 && head[0] == 0x89 ? "image/png" : "image/jpeg",
                                    content, conflict_id, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static char *
conflict_side (const PkVisit  *visit,
               const PkCase   *c,
               GPtrArray      *photos)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "visit");
  json_builder_begin_object (b);
  pk_visit_add_json (visit, b);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, visit->record.revision);
  json_builder_set_member_name (b, "updated_by");
  json_builder_add_string_value (b, visit->record.updated_by);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, visit->record.updated_at);
  json_builder_end_object (b);
  if (c != NULL)
    {
      json_builder_set_member_name (b, "case");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, c->number);
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, c->record.revision);
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, c->outcome);
      json_builder_set_member_name (b, "updated_by");
      json_builder_add_string_value (b, c->record.updated_by);
      json_builder_set_member_name (b, "updated_at");
      json_builder_add_string_value (b, c->record.updated_at);
      json_builder_end_object (b);
    }
  if (photos != NULL)
    {
      json_builder_set_member_name (b, "photos");
      json_builder_begin_array (b);
      for (guint i = 0; i < photos->len; i++)
        {
          json_builder_begin_object (b);
          pk_visit_photo_add_json (g_ptr_array_index (photos, i), b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Writes the bundle's visit over ours (whose revision it must still be) and
 * brings a decided one to its case. */
static gboolean
apply_visit (PkStore        *store,
             PkVisit        *ours,
             const PkVisit  *theirs,
             GError        **error)
{
  g_autoptr(PkVisit) merged = pk_visit_copy (ours);
  g_autofree char *json = pk_visit_to_json (theirs);
  g_autoptr(JsonParser) parser = pk_json_parse_text (json);
  g_autoptr(PkVisit) fresh = NULL;
  gboolean newly_decided = ours->outcome == PK_VISIT_PENDING && theirs->outcome != PK_VISIT_PENDING;

  pk_visit_take_json (merged, json_node_get_object (json_parser_get_root (parser)));
  if (!pk_store_update_visit (store, merged, error) ||
      (fresh = pk_store_get_visit (store, ours->id, error)) == NULL)
    return FALSE;
  if (newly_decided)
    {
      g_autoptr(PkCase) c = fresh->case_id > 0 ? pk_store_get_case (store, fresh->case_id, NULL) : NULL;

      if ((c == NULL || c->outcome == NULL) && !pk_visit_apply_outcome (store, fresh, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
log_merge (PkStore        *store,
           const char     *bundle_uuid,
           const char     *inspector,
           const PkVisit  *visit,
           guint           n_photos,
           const char     *how,
           GError        **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *after = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bundle");
  json_builder_add_string_value (b, bundle_uuid);
  json_builder_set_member_name (b, "inspector");
  json_builder_add_string_value (b, inspector);
  json_builder_set_member_name (b, "visit");
  json_builder_add_string_value (b, visit->record.uuid);
  json_builder_set_member_name (b, "photos");
  json_builder_add_int_value (b, n_photos);
  json_builder_set_member_name (b, "merge");
  json_builder_add_string_value (b, how);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  after = json_to_string (root, FALSE);
  return pk_store_log (store, "merge", "visit", visit->id, NULL, after, error);
}

typedef struct
{
  PkStore        *store;
  PkStore        *bundle;
  PkBundleImport *report;
  JsonObject     *base;
  JsonArray      *undo_visits;   /* what an undo of this import puts back, per visit applied */
  JsonArray      *undo_conflicts; /* the conflicts it found: ids */
} Merge;

/* What an undo needs of a visit the import applies, taken before: the visit
 * as it was, its case's S11 fields and stage (the outcome moves them), the
 * revisions the two sides last agreed on. Completed after the apply by
 * undo_after(). */
static JsonObject *
undo_before (const PkVisit *ours,
             const PkCase  *our_case,
             gint64         their_base,
             gint64         their_case_base)
{
  JsonObject *o = json_object_new ();
  g_autofree char *visit = pk_visit_to_json (ours);
  g_autoptr(JsonParser) parser = pk_json_parse_text (visit);

  json_object_set_int_member (o, "visit", ours->id);
  json_object_set_string_member (o, "uuid", ours->record.uuid);
  json_object_set_member (o, "before", json_node_copy (json_parser_get_root (parser)));
  json_object_set_int_member (o, "their_base", their_base);
  if (our_case != NULL)
    {
      JsonObject *fields = json_object_new ();
      GHashTableIter iter;
      gpointer key, value;
      gpointer state = g_hash_table_lookup (our_case->stage_states, "S11");

      g_hash_table_iter_init (&iter, our_case->fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_str_has_prefix (key, "s11."))
          json_object_set_string_member (fields, key, value);
      json_object_set_int_member (o, "case", our_case->id);
      json_object_set_string_member (o, "case_uuid", our_case->record.uuid);
      json_object_set_int_member (o, "case_their_base", their_case_base);
      json_object_set_object_member (o, "s11_fields", fields);
      json_object_set_int_member (o, "s11_state", state ? GPOINTER_TO_INT (state) : PK_STAGE_TODO);
      if (g_hash_table_lookup (our_case->stage_notes, "S11") != NULL)
        json_object_set_string_member (o, "s11_note", g_hash_table_lookup (our_case->stage_notes, "S11"));
      json_object_set_int_member (o, "case_status", our_case->status);
    }
  return o;
}

/* The revisions the apply left, and the photos it added: an undo refuses to
 * write over a later change. */
static void
undo_after (JsonObject    *o,
            const PkVisit *fresh,
            const PkCase  *fresh_case,
            GPtrArray     *photos)
{
  JsonArray *uuids = json_array_new ();

  json_object_set_int_member (o, "revision", fresh->record.revision);
  if (fresh_case != NULL)
    json_object_set_int_member (o, "case_revision", fresh_case->record.revision);
  for (guint i = 0; i < photos->len; i++)
    json_array_add_string_element (uuids, ((PkVisitPhoto *) g_ptr_array_index (photos, i))->record.uuid);
  json_object_set_array_member (o, "photos", uuids);
}

static const char *
case_number (const PkCase *c)
{
  return c ? c->number : "—";
}

/* What a record was on each side when they last agreed: at the export, or at
 * the last merge of this bundle's change to it. */
static void
agreed_revisions (Merge       *m,
                  const char  *uuid,
                  gint64      *theirs,
                  gint64      *ours)
{
  gint64 merged_ours = 0;
  gint64 merged_theirs = pk_store_bundle_last_merge (m->store, m->report->info->uuid, uuid, &merged_ours);

  *theirs = *ours = base_revision (m->base, uuid);
  if (merged_theirs > 0)
    {
      *theirs = merged_theirs;
      *ours = merged_ours;
    }
}

/* One visit of the bundle: applied, left as it is, or a conflict. */
static gboolean
merge_visit (Merge    *m,
             PkVisit  *theirs,
             GError  **error)
{
  const char *bundle_uuid = m->report->info->uuid;
  g_autoptr(PkCase) their_case = theirs->case_id > 0 ? pk_store_get_case (m->bundle, theirs->case_id, NULL) : NULL;
  g_autoptr(PkCase) our_case = NULL;
  g_autoptr(PkVisit) ours = pk_store_get_visit_by_uuid (m->store, theirs->record.uuid, NULL);
  g_autoptr(PkVisit) fresh = NULL;
  g_autoptr(PkCase) fresh_case = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *reason = NULL;
  gint64 their_base, our_base, their_case_base = 0, our_case_base = 0;
  gboolean visit_changed;
  JsonObject *undo;

  agreed_revisions (m, theirs->record.uuid, &their_base, &our_base);
  if ((photos = new_photos (m->bundle, theirs, m->store, ours ? ours->id : 0, error)) == NULL)
    return FALSE;
  visit_changed = theirs->record.revision != their_base;
  if (!visit_changed && photos->len == 0)
    {
      if (pk_store_bundle_last_merge (m->store, bundle_uuid, theirs->record.uuid, &our_case_base) > 0)
        m->report->n_already++;
      else
        m->report->n_unchanged++;
      return TRUE;
    }
  if (their_case != NULL)
    {
      our_case = pk_store_find_case (m->store, their_case->number, NULL);
      agreed_revisions (m, their_case->record.uuid, &their_case_base, &our_case_base);
    }

  /* what changed here since the two last agreed: each is a person's to weigh */
  if (their_base < 0)
    reason = g_strdup (_("the visit was not issued with this bundle"));
  else if (ours == NULL)
    reason = g_strdup (_("the visit was deleted at the secretariat"));
  else if (ours->record.revision != our_base)
    reason = g_strdup_printf (_("the visit was changed here too (by %s at %s)"), ours->record.updated_by,
                              ours->record.updated_at);
  else if (their_case != NULL && (our_case == NULL ||
                                  g_strcmp0 (our_case->record.uuid, their_case->record.uuid) != 0))
    reason = g_strdup_printf (_("case %s was deleted at the secretariat"), their_case->number);
  else if (their_case != NULL && our_case->record.revision != our_case_base)
    reason = g_strdup_printf (_("case %s was changed at the secretariat since the export (by %s at %s%s%s)"),
                              our_case->number, our_case->record.updated_by, our_case->record.updated_at,
                              our_case->outcome ? "; " : "", our_case->outcome ? our_case->outcome : "");

  if (reason != NULL)
    {
      g_autofree char *ours_json = ours ? conflict_side (ours, our_case, NULL) : NULL;
      g_autofree char *theirs_json = conflict_side (theirs, their_case, photos);
      PkBundleConflict conflict = {
        .bundle_uuid = (char *) bundle_uuid, .inspector = m->report->info->inspector,
        .visit_uuid = theirs->record.uuid, .revision = theirs->record.revision,
        .reason = reason, .ours = ours_json, .theirs = theirs_json,
      };
      gboolean is_new = FALSE;
      gint64 id = pk_store_add_bundle_conflict (m->store, &conflict, &is_new, error);
      g_autoptr(PkBundleConflict) stored = NULL;

      if (id == 0 || (stored = pk_store_get_bundle_conflict (m->store, id, error)) == NULL)
        return FALSE;
      if (is_new)
        {
          m->report->n_new_conflicts++;
          json_array_add_int_element (m->undo_conflicts, id);
          /* the photos wait with the conflict, shown to nobody until it is resolved */
          if (ours != NULL && !copy_photos (m->bundle, m->store, photos, ours->id, id, error))
            return FALSE;
        }
      if (stored->resolved_at == NULL)
        g_ptr_array_add (m->report->conflicts, g_steal_pointer (&stored));
      else
        m->report->n_already++;
      return TRUE;
    }

  undo = undo_before (ours, our_case, their_base, their_case_base);
  json_array_add_object_element (m->undo_visits, undo);
  if ((visit_changed && !apply_visit (m->store, ours, theirs, error)) ||
      !copy_photos (m->bundle, m->store, photos, ours->id, 0, error) ||
      (fresh = pk_store_get_visit (m->store, ours->id, error)) == NULL ||
      !pk_store_note_bundle_merge (m->store, bundle_uuid, theirs->record.uuid, theirs->record.revision,
                                   fresh->record.revision, error))
    return FALSE;
  /* the outcome moved the case on: that is agreed too */
  if (our_case != NULL)
    {
      if ((fresh_case = pk_store_get_case (m->store, our_case->id, error)) == NULL ||
          !pk_store_note_bundle_merge (m->store, bundle_uuid, their_case->record.uuid, their_case->record.revision,
                                       fresh_case->record.revision, error))
        return FALSE;
    }
  undo_after (undo, fresh, fresh_case, photos);
  if (!log_merge (m->store, bundle_uuid, m->report->info->inspector, fresh, photos->len, "applied", error))
    return FALSE;
  m->report->n_applied++;
  m->report->n_photos += photos->len;
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ours->id);

    g_ptr_array_add (m->report->applied,
                     g_strdup_printf (_("visit %s (case %s): %s, %u photos"), id, case_number (our_case),
                                      pk_visit_outcome_display_name (theirs->outcome), photos->len));
  }
  return TRUE;
}

/* One entry for the whole import: the bundle, what it did and — as what came
 * before — what an undo puts back (pk_bundle_undo_import()). */
static gboolean
log_import (PkStore         *store,
            PkBundleImport  *report,
            JsonArray       *undo_visits,
            JsonArray       *undo_conflicts,
            GError         **error)
{
  g_autoptr(JsonObject) before = json_object_new ();
  g_autoptr(JsonObject) after = json_object_new ();
  g_autoptr(JsonNode) before_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) after_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  json_object_set_string_member (before, "bundle", report->info->uuid);
  json_object_set_array_member (before, "visits", json_array_ref (undo_visits));
  json_object_set_array_member (before, "conflicts", json_array_ref (undo_conflicts));
  json_object_set_string_member (after, "bundle", report->info->uuid);
  json_object_set_string_member (after, "inspector", report->info->inspector);
  json_object_set_int_member (after, "applied", report->n_applied);
  json_object_set_int_member (after, "photos", report->n_photos);
  json_object_set_int_member (after, "conflicts", report->n_new_conflicts);
  json_node_set_object (before_node, before);
  json_node_set_object (after_node, after);
  before_json = json_to_string (before_node, FALSE);
  after_json = json_to_string (after_node, FALSE);
  return pk_store_log (store, "import", "bundle", 0, before_json, after_json, error);
}

/**
 * pk_bundle_import:
 * @dry_run: judge and report as the import would, and write nothing
 *
 * Merges a bundle back: refused whole (nothing written) when it is damaged,
 * altered, foreign or not a bundle; else each visit the inspector changed is
 * applied, with its photos, when nothing changed it here since the export,
 * and recorded as a conflict (nothing of it applied) when something did.
 * The same bundle again changes nothing.
 *
 * Returns: (transfer full): what happened, or %NULL with @error set
 */
PkBundleImport *
pk_bundle_import (PkStore     *store,
                  const char  *path,
                  gboolean     dry_run,
                  GError     **error)
{
  g_autoptr(PkBundleImport) report = g_new0 (PkBundleImport, 1);
  g_autoptr(PkStore) bundle = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(JsonParser) base_parser = NULL;
  g_autofree char *base_json = NULL;
  g_autofree char *actor = NULL;
  g_autoptr(JsonArray) undo_visits = NULL;
  g_autoptr(JsonArray) undo_conflicts = NULL;
  Merge m;
  gboolean ok = TRUE;

  g_return_val_if_fail (PK_IS_STORE (store), NULL);
  if (pk_store_is_bundle (store))
    {
      g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
                           _("A bundle is merged into the secretariat’s workspace, not into another bundle"));
      return NULL;
    }
  report->dry_run = dry_run;
  report->applied = g_ptr_array_new_with_free_func (g_free);
  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_bundle_conflict_free);
  if ((bundle = open_verified (store, path, &report->info, &base_json, error)) == NULL)
    return NULL;
  if ((base_parser = pk_json_parse_text (base_json)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (base_parser)))
    {
      g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
                           _("This workspace’s record of the bundle is unreadable"));
      return NULL;
    }
  if ((visits = pk_store_list_visits (bundle, NULL, error)) == NULL)
    return NULL;
  undo_visits = json_array_new ();
  undo_conflicts = json_array_new ();
  m = (Merge) { store, bundle, report, json_node_get_object (json_parser_get_root (base_parser)),
                undo_visits, undo_conflicts };

  /* the inspector made these changes; the audit log says so, and names the bundle */
  actor = g_strdup (pk_store_get_actor (store));
  pk_store_set_actor (store, report->info->inspector);
  ok = pk_store_begin (store, error);
  for (guint i = 0; ok && i < visits->len; i++)
    if (!merge_visit (&m, g_ptr_array_index (visits, i), error))
      {
        pk_store_rollback (store);
        ok = FALSE;
      }
  /* what an undo of this import needs, kept in the audit log with it */
  if (ok && (json_array_get_length (undo_visits) > 0 || json_array_get_length (undo_conflicts) > 0) &&
      !log_import (store, report, undo_visits, undo_conflicts, error))
    {
      pk_store_rollback (store);
      ok = FALSE;
    }
  if (ok && dry_run)
    pk_store_rollback (store);
  else if (ok)
    ok = pk_store_commit (store, error);
  pk_store_set_actor (store, actor);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}

/* The resolution's entry in the audit log, with what an undo of it needs. */
static gboolean
log_resolution (PkStore     *store,
                gint64       conflict_id,
                gboolean     take_theirs,
                JsonObject  *undo,
                GError     **error)
{
  g_autoptr(JsonNode) before = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  json_node_set_object (before, undo);
  before_json = json_to_string (before, FALSE);
  after_json = g_strdup_printf ("{\"conflict\":\"%" G_GINT64_FORMAT "\",\"resolution\":\"%s\"}", conflict_id,
                                take_theirs ? "theirs" : "ours");
  return pk_store_log (store, "resolution", "bundle", 0, before_json, after_json, error);
}

/**
 * pk_bundle_resolve:
 * @take_theirs: apply the bundle's visit and photos; else keep this
 *   workspace's and drop the bundle's
 *
 * A person settles a merge conflict; the audit log keeps who and how.
 */
gboolean
pk_bundle_resolve (PkStore   *store,
                   gint64     conflict_id,
                   gboolean   take_theirs,
                   GError   **error)
{
  g_autoptr(PkBundleConflict) conflict = NULL;
  g_autoptr(PkVisit) ours = NULL;
  g_autoptr(PkVisit) fresh = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonObject) undo = json_object_new ();

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if (!pk_store_begin (store, error))
    return FALSE;
  if ((conflict = pk_store_get_bundle_conflict (store, conflict_id, error)) == NULL)
    goto fail;
  if (conflict->resolved_at != NULL)
    {
      g_set_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
                   _("The conflict was resolved already (%s, by %s)"), conflict->resolution, conflict->resolved_by);
      goto fail;
    }
  ours = pk_store_get_visit_by_uuid (store, conflict->visit_uuid, NULL);
  json_object_set_int_member (undo, "conflict", conflict->id);
  json_object_set_string_member (undo, "bundle", conflict->bundle_uuid);
  if (take_theirs)
    {
      JsonObject *side, *visit, *their_case;
      g_autoptr(PkVisit) theirs = NULL;
      g_autoptr(PkCase) before_case = NULL;
      g_autoptr(PkCase) c = NULL;
      g_autoptr(GPtrArray) visible = NULL;
      g_autoptr(GPtrArray) with_held = NULL;
      g_autoptr(GPtrArray) released = g_ptr_array_new ();
      JsonObject *v;

      if (ours == NULL)
        {
          g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID,
                               _("The visit was deleted here; only this workspace’s side can be kept"));
          goto fail;
        }
      parser = pk_json_parse_text (conflict->theirs);
      side = parser && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
             ? json_node_get_object (json_parser_get_root (parser)) : NULL;
      visit = side ? pk_json_object_member (side, "visit") : NULL;
      their_case = side ? pk_json_object_member (side, "case") : NULL;
      theirs = pk_visit_copy (ours);
      if (visit == NULL || !pk_visit_take_json (theirs, visit))
        {
          g_set_error_literal (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID, _("The conflict’s record is unreadable"));
          goto fail;
        }
      /* what an undo of the resolution needs: as for an import, and the
       * photos released from the conflict, which it would hold back again */
      before_case = ours->case_id > 0 ? pk_store_get_case (store, ours->case_id, NULL) : NULL;
      if ((visible = pk_store_list_visit_photos (store, ours->id, 0, error)) == NULL ||
          (with_held = pk_store_list_visit_photos (store, ours->id, conflict->id, error)) == NULL)
        goto fail;
      for (guint i = 0; i < with_held->len; i++)
        {
          const PkVisitPhoto *p = g_ptr_array_index (with_held, i);
          gboolean shown = FALSE;

          for (guint k = 0; k < visible->len && !shown; k++)
            shown = ((PkVisitPhoto *) g_ptr_array_index (visible, k))->id == p->id;
          if (!shown)
            g_ptr_array_add (released, (gpointer) p);
        }
      v = undo_before (ours, before_case, conflict->revision,
                       their_case ? json_object_get_int_member_with_default (their_case, "revision", 0) : 0);
      theirs->record.revision = ours->record.revision;
      if (!apply_visit (store, ours, theirs, error) ||
          !pk_store_settle_conflict_photos (store, conflict->id, TRUE, error) ||
          (fresh = pk_store_get_visit (store, ours->id, error)) == NULL ||
          /* agreed from here on: the inspector's next change to it merges */
          !pk_store_note_bundle_merge (store, conflict->bundle_uuid, conflict->visit_uuid, conflict->revision,
                                       fresh->record.revision, error))
        {
          json_object_unref (v);
          goto fail;
        }
      /* and its case as it stands now, against the bundle's copy of it */
      c = fresh->case_id > 0 ? pk_store_get_case (store, fresh->case_id, NULL) : NULL;
      if (c != NULL && their_case != NULL &&
          !pk_store_note_bundle_merge (store, conflict->bundle_uuid, c->record.uuid,
                                       json_object_get_int_member_with_default (their_case, "revision", 0),
                                       c->record.revision, error))
        {
          json_object_unref (v);
          goto fail;
        }
      undo_after (v, fresh, c, released);
      json_object_set_object_member (undo, "visit", v);
    }
  /* keeping this workspace's side, the bundle's photos stay held back, out of
   * sight: an undo of the resolution can take them up again */
  if (!pk_store_resolve_bundle_conflict (store, conflict->id, take_theirs ? "theirs" : "ours", error) ||
      !log_resolution (store, conflict->id, take_theirs, undo, error))
    goto fail;
  return pk_store_commit (store, error);

fail:
  pk_store_rollback (store);
  return FALSE;
}
