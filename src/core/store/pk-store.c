/* pk-store.c: a workspace, whatever holds it
 *
 * PkStore is abstract (the GFile / GLocalFile pattern): its public functions
 * check their arguments and call the backend's (pk-store-backend.h); the file
 * workspace, SQLite with SpatiaLite, is PkSqliteStore (pk-sqlite-store.c).
 * What every backend shares lives here: who the changes are made for, nested
 * transactions, and "changed" after the outermost commit.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-store-backend.h"
#include "pk-pg-store.h"
#include "pk-store-internal.h"
#include "pk-store-private.h"

typedef struct
{
  char   *actor;
  guint   depth;              /* transaction nesting */
  GArray *pending;            /* Change: written in the open transaction */
  GHashTable *pending_set;    /* the same Changes, to find one at once (an import writes 25,000) */
  GArray *savepoint_marks;    /* guint: pending->len when each inner transaction began */
  gint    main_loop_trips;    /* round trips to a server made by the default main loop's thread */
  int     is_bundle;          /* -1 until asked: a window asks at every change of its actions */
} PkStorePrivate;

typedef struct
{
  const char *entity;         /* interned */
  gint64      id;
} Change;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PkStore, pk_store, G_TYPE_OBJECT)

static guint
change_hash (gconstpointer key)
{
  const Change *c = key;

  return g_direct_hash (c->entity) ^ g_int64_hash (&c->id);
}

static gboolean
change_equal (gconstpointer a,
              gconstpointer b)
{
  const Change *ca = a, *cb = b;

  return ca->entity == cb->entity && ca->id == cb->id;
}

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (pk-store-error-quark, pk_store_error)

static void
pk_store_finalize (GObject *object)
{
  PkStorePrivate *priv = pk_store_get_instance_private (PK_STORE (object));

  g_array_unref (priv->pending);
  g_hash_table_unref (priv->pending_set);
  g_array_unref (priv->savepoint_marks);
  g_free (priv->actor);
  G_OBJECT_CLASS (pk_store_parent_class)->finalize (object);
}

static void
pk_store_class_init (PkStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pk_store_finalize;
  _pk_store_rules_default_class_init (klass);

  /**
   * PkStore::changed:
   * @entity: what kind of record ("office", "zone", "case", "rule_setting",
   *   "urban_area", "workspace")
   * @id: which one (0 for a setting)
   *
   * Emitted after a commit, once for every record the transaction wrote;
   * never for a transaction that was rolled back.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64);
}

static void
pk_store_init (PkStore *self)
{
  PkStorePrivate *priv = pk_store_get_instance_private (self);

  priv->actor = g_strdup (g_get_user_name ());
  priv->pending = g_array_new (FALSE, FALSE, sizeof (Change));
  priv->pending_set = g_hash_table_new_full (change_hash, change_equal, g_free, NULL);
  priv->savepoint_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  priv->is_bundle = -1;
}

/**
 * pk_store_open:
 * @location: a workspace file or a server URI
 *
 * Opens a workspace after checking that it is one and brings an older schema
 * up to date (see pk_sqlite_store_open()); a postgresql:// URI connects to
 * a server workspace (see pk_pg_store_open()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PkStore *
pk_store_open (const char  *location,
               GError     **error)
{
  g_return_val_if_fail (location != NULL, NULL);
  if (_pk_pg_is_uri (location))
    return pk_pg_store_open (location, NULL, error);
  return pk_sqlite_store_open (location, error);
}

/**
 * pk_store_open_with_password:
 * @password: (nullable): a server login's password (kept in memory for
 *   the store's other connections, never written); a file ignores it
 *
 * As pk_store_open(), for a server that asks for a password the URI does
 * not carry (the app takes it from the keyring).
 */
PkStore *
pk_store_open_with_password (const char  *location,
                             const char  *password,
                             GError     **error)
{
  g_return_val_if_fail (location != NULL, NULL);
  if (_pk_pg_is_uri (location))
    return pk_pg_store_open (location, password, error);
  return pk_sqlite_store_open (location, error);
}

/* A server's address rather than a file's path */
gboolean
pk_store_location_is_server (const char *location)
{
  return _pk_pg_is_uri (location);
}

/**
 * pk_store_dup_display_name:
 *
 * Returns: (transfer full): what a person calls the workspace: a file's
 *   name, or a server workspace's name with its database and host
 */
char *
pk_store_dup_display_name (PkStore *self)
{
  const char *path;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  path = pk_store_get_path (self);
  if (_pk_pg_is_uri (path))
    return _pk_pg_display_name (path);
  return g_filename_display_basename (path);
}

/**
 * pk_store_list_server_workspaces:
 * @uri: a server database (its ?workspace= is ignored)
 *
 * The national view: every province's workspace in the database.
 *
 * Returns: (transfer full) (element-type PkServerWorkspace): the workspaces,
 *   or %NULL with @error set (a file is refused)
 */
GPtrArray *
pk_store_list_server_workspaces (const char  *uri,
                                 const char  *password,
                                 GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  if (!_pk_pg_is_uri (uri))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_UNSUPPORTED,
                   _("“%s” is a file: only a server database holds several workspaces"), uri);
      return NULL;
    }
  return pk_pg_list_workspaces (uri, password, error);
}

/**
 * pk_store_get_role:
 *
 * Returns: (nullable): the role the server enforces on this connection's
 *   login ("working_group", "secretariat", "inspector", "applicant",
 *   "viewer"), or %NULL (a file, or a login with none of them: an
 *   administrator)
 */
const char *
pk_store_get_role (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_role == NULL)
    return NULL;
  return PK_STORE_GET_CLASS (self)->get_role (self);
}

/* Whether offices, zones and urban areas can be changed here (a writable
 * file; on a server, a role allowed to). */
gboolean
pk_store_can_edit_register (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (pk_store_is_read_only (self))
    return FALSE;
  if (PK_STORE_GET_CLASS (self)->can_edit_register == NULL)
    return TRUE;
  return PK_STORE_GET_CLASS (self)->can_edit_register (self);
}

/**
 * pk_store_grant:
 * @login: a server login (a PostgreSQL role that can log in)
 * @role: "working_group", "secretariat", "inspector", "applicant" or "viewer"
 * @name: (nullable): the person the login stands for (an inspector's name
 *   as visits are assigned to it)
 *
 * Makes @login one of the roles the server enforces on this workspace (and
 * no other); logged. A file workspace has no logins: refused.
 */
gboolean
pk_store_grant (PkStore     *self,
                const char  *login,
                const char  *role,
                const char  *name,
                GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (login != NULL && role != NULL, FALSE);
  if (PK_STORE_GET_CLASS (self)->grant == NULL)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_UNSUPPORTED,
                   _("Roles are given on a server workspace; a file has no logins"));
      return FALSE;
    }
  return PK_STORE_GET_CLASS (self)->grant (self, login, role, name, error);
}

/* A new workspace, built aside until pk_store_publish(): a file beside
 * @location, or a staging schema on the server. */
PkStore *
_pk_store_create_staged (const char  *location,
                         gboolean     overwrite,
                         GError     **error)
{
  g_return_val_if_fail (location != NULL, NULL);
  if (_pk_pg_is_uri (location))
    return pk_pg_store_create (location, overwrite, error);
  return pk_sqlite_store_create_staged (location, overwrite, error);
}

/* For tests of the migrations: a workspace made at schema @version and
 * published, not opened (opening would migrate it). */
gboolean
_pk_store_create_at_version (const char  *location,
                             int          version,
                             GError     **error)
{
  g_return_val_if_fail (location != NULL, FALSE);
  if (_pk_pg_is_uri (location))
    return _pk_pg_store_create_at_version (location, version, error);
  return _pk_sqlite_store_create_at_version (location, version, error);
}

/**
 * pk_store_create:
 * @location: a file path (used as given, no extension added) or a server URI
 * @overwrite: replace an existing workspace (a file is refused while another
 *   program has it open)
 *
 * Returns: (transfer full): an empty workspace at the current schema version
 */
PkStore *
pk_store_create (const char  *location,
                 gboolean     overwrite,
                 GError     **error)
{
  g_autoptr(PkStore) self = NULL;

  g_return_val_if_fail (location != NULL, NULL);
  if ((self = _pk_store_create_staged (location, overwrite, error)) == NULL ||
      !pk_store_publish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pk_store_open_another:
 *
 * A second connection to the same workspace, as the same user, for a worker
 * thread: a store is used from one thread at a time. What it commits, @self
 * sees as a change made elsewhere (pk_store_changed_elsewhere()).
 *
 * Returns: (transfer full) (nullable): the new connection, or %NULL with @error set
 */
PkStore *
pk_store_open_another (PkStore  *self,
                       GError  **error)
{
  PkStorePrivate *priv;
  PkStore *other;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  priv = pk_store_get_instance_private (self);
  other = PK_STORE_GET_CLASS (self)->open_another (self, error);
  if (other != NULL)
    pk_store_set_actor (other, priv->actor);
  return other;
}

/* Who the audit log names for the changes that follow. */
void
pk_store_set_actor (PkStore    *self,
                    const char *actor)
{
  PkStorePrivate *priv;

  g_return_if_fail (PK_IS_STORE (self));
  priv = pk_store_get_instance_private (self);
  g_free (priv->actor);
  priv->actor = g_strdup (actor ? actor : "unknown");
}

/* Who the store writes for, as the audit log names them. */
const char *
pk_store_get_actor (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  return _pk_store_actor (self);
}

const char *
_pk_store_actor (PkStore *self)
{
  return ((PkStorePrivate *) pk_store_get_instance_private (self))->actor;
}

gboolean
_pk_store_in_transaction (PkStore *self)
{
  return ((PkStorePrivate *) pk_store_get_instance_private (self))->depth > 0;
}

/* What the open transaction changed, told by "changed" after the commit. */
void
_pk_store_note_change (PkStore    *self,
                       const char *entity,
                       gint64      id)
{
  PkStorePrivate *priv = pk_store_get_instance_private (self);
  Change c = { g_intern_string (entity), id };

  if (g_hash_table_contains (priv->pending_set, &c))
    return;
  g_hash_table_add (priv->pending_set, g_memdup2 (&c, sizeof c));
  g_array_append_val (priv->pending, c);
}

/* Forgets what was noted after the first @len changes (a rollback). */
static void
truncate_pending (PkStorePrivate *priv,
                  guint           len)
{
  for (guint i = len; i < priv->pending->len; i++)
    g_hash_table_remove (priv->pending_set, &g_array_index (priv->pending, Change, i));
  g_array_set_size (priv->pending, len);
}

/* Tells "changed" now, on @self's thread: what a worker's connection wrote,
 * relayed when its job is done (pk-store-jobs.c). */
void
_pk_store_emit_change (PkStore    *self,
                       const char *entity,
                       gint64      id)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, g_intern_string (entity), id);
}

/* After the outermost commit: each changed record once, in order. */
static void
emit_changes (PkStore *self)
{
  PkStorePrivate *priv = pk_store_get_instance_private (self);
  g_autoptr(GArray) changes = priv->pending;

  priv->pending = g_array_new (FALSE, FALSE, sizeof (Change));
  g_hash_table_remove_all (priv->pending_set);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, c->entity, c->id);
    }
}

/* Transactions nest; a read-only workspace refuses them with a message. */
gboolean
pk_store_begin (PkStore  *self,
                GError  **error)
{
  PkStorePrivate *priv;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  priv = pk_store_get_instance_private (self);
  if (pk_store_is_read_only (self))
    {
      g_autofree char *display = g_filename_display_name (pk_store_get_path (self));

      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: nothing can be changed in it"), display);
      return FALSE;
    }
  if (!PK_STORE_GET_CLASS (self)->begin_level (self, priv->depth, error))
    return FALSE;
  if (priv->depth == 0)
    truncate_pending (priv, 0);
  else
    g_array_append_val (priv->savepoint_marks, priv->pending->len);
  priv->depth++;
  return TRUE;
}

gboolean
pk_store_commit (PkStore  *self,
                 GError  **error)
{
  PkStorePrivate *priv;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  priv = pk_store_get_instance_private (self);
  g_return_val_if_fail (priv->depth > 0, FALSE);
  if (!PK_STORE_GET_CLASS (self)->commit_level (self, priv->depth, error))
    {
      pk_store_rollback (self);
      return FALSE;
    }
  priv->depth--;
  if (priv->depth == 0)
    emit_changes (self);
  else
    g_array_set_size (priv->savepoint_marks, priv->savepoint_marks->len - 1);
  return TRUE;
}

void
pk_store_rollback (PkStore *self)
{
  PkStorePrivate *priv;

  g_return_if_fail (PK_IS_STORE (self));
  priv = pk_store_get_instance_private (self);
  g_return_if_fail (priv->depth > 0);
  PK_STORE_GET_CLASS (self)->rollback_level (self, priv->depth);
  priv->depth--;
  /* what the rolled-back part changed is not news */
  if (priv->depth == 0)
    truncate_pending (priv, 0);
  else
    {
      guint mark = g_array_index (priv->savepoint_marks, guint, priv->savepoint_marks->len - 1);

      truncate_pending (priv, mark);
      g_array_set_size (priv->savepoint_marks, priv->savepoint_marks->len - 1);
    }
}

/* ---- the records: each to its backend ---------------------------------------- */

/* A backend that cannot do @what (yet) says so, instead of crashing. */
static void
unsupported (PkStore     *self,
             const char  *what,
             GError     **error)
{
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_UNSUPPORTED,
               _("This kind of workspace cannot do this yet (%s); copy it to a file with "
                 "“pishkhan-cli workspace copy” to work on it there"), what);
}

gboolean
pk_store_publish (PkStore  *self,
                  GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->publish == NULL)
    return unsupported (self, "publish", error), FALSE;
  return PK_STORE_GET_CLASS (self)->publish (self, error);
}

const char *
pk_store_get_path (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_path == NULL)
    return unsupported (self, "get_path", NULL), NULL;
  return PK_STORE_GET_CLASS (self)->get_path (self);
}

int
pk_store_get_schema_version (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->get_schema_version == NULL)
    return unsupported (self, "get_schema_version", NULL), 0;
  return PK_STORE_GET_CLASS (self)->get_schema_version (self);
}

gboolean
pk_store_is_read_only (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->is_read_only == NULL)
    return unsupported (self, "is_read_only", NULL), FALSE;
  return PK_STORE_GET_CLASS (self)->is_read_only (self);
}

gboolean
pk_store_changed_elsewhere (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->changed_elsewhere == NULL)
    return unsupported (self, "changed_elsewhere", NULL), FALSE;
  return PK_STORE_GET_CLASS (self)->changed_elsewhere (self);
}

gboolean
pk_store_lookup_meta (PkStore     *self,
                      const char  *key,
                      char       **value,
                      GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->lookup_meta == NULL)
    return unsupported (self, "lookup_meta", error), FALSE;
  return PK_STORE_GET_CLASS (self)->lookup_meta (self, key, value, error);
}

char *
pk_store_get_meta (PkStore    *self,
                   const char *key)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_meta == NULL)
    return unsupported (self, "get_meta", NULL), NULL;
  return PK_STORE_GET_CLASS (self)->get_meta (self, key);
}

gboolean
pk_store_set_meta (PkStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->set_meta == NULL)
    return unsupported (self, "set_meta", error), FALSE;
  _pk_store_meta_written (self, key);
  return PK_STORE_GET_CLASS (self)->set_meta (self, key, value, error);
}

gboolean
pk_store_add_province (PkStore     *self,
                       gint64       id,
                       const char  *name_fa,
                       const char  *name_en,
                       const char  *geojson_geometry,
                       GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->add_province == NULL)
    return unsupported (self, "add_province", error), FALSE;
  return PK_STORE_GET_CLASS (self)->add_province (self, id, name_fa, name_en, geojson_geometry,
                                                  error);
}

gint64
pk_store_add_county (PkStore     *self,
                     const char  *name_fa,
                     const char  *name_en,
                     gint64       osm_relation,
                     const char  *geojson_geometry,
                     GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_county == NULL)
    return unsupported (self, "add_county", error), 0;
  return PK_STORE_GET_CLASS (self)->add_county (self, name_fa, name_en, osm_relation,
                                                geojson_geometry, error);
}

gint64
pk_store_add_city (PkStore     *self,
                   gint64       id,
                   gint64       county_id,
                   const char  *name_fa,
                   const char  *name_en,
                   gboolean     is_county_seat,
                   double       lat,
                   double       lon,
                   GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_city == NULL)
    return unsupported (self, "add_city", error), 0;
  return PK_STORE_GET_CLASS (self)->add_city (self, id, county_id, name_fa, name_en, is_county_seat,
                                              lat, lon, error);
}

gint64
pk_store_add_office (PkStore         *self,
                     const PkOffice  *office,
                     GError         **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_office == NULL)
    return unsupported (self, "add_office", error), 0;
  return PK_STORE_GET_CLASS (self)->add_office (self, office, error);
}

PkPlace *
pk_store_get_province (PkStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_province == NULL)
    return unsupported (self, "get_province", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_province (self, error);
}

GPtrArray *
pk_store_list_provinces (PkStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_provinces == NULL)
    return unsupported (self, "list_provinces", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_provinces (self, error);
}

GPtrArray *
pk_store_list_counties (PkStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_counties == NULL)
    return unsupported (self, "list_counties", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_counties (self, error);
}

GPtrArray *
pk_store_list_cities (PkStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_cities == NULL)
    return unsupported (self, "list_cities", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_cities (self, error);
}

GPtrArray *
pk_store_list_offices (PkStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_offices == NULL)
    return unsupported (self, "list_offices", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_offices (self, error);
}

GArray *
pk_store_list_office_points (PkStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_office_points == NULL)
    return unsupported (self, "list_office_points", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_office_points (self, error);
}

gboolean
pk_store_log (PkStore     *self,
              const char  *action,
              const char  *entity,
              gint64       entity_id,
              const char  *before_json,
              const char  *after_json,
              GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->log == NULL)
    return unsupported (self, "log", error), FALSE;
  return PK_STORE_GET_CLASS (self)->log (self, action, entity, entity_id, before_json, after_json,
                                         error);
}

PkOffice *
pk_store_get_office (PkStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_office == NULL)
    return unsupported (self, "get_office", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_office (self, id, error);
}

PkOffice *
pk_store_get_office_by_uuid (PkStore     *self,
                             const char  *uuid,
                             GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_office_by_uuid == NULL)
    return unsupported (self, "get_office_by_uuid", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_office_by_uuid (self, uuid, error);
}

gboolean
pk_store_update_office (PkStore         *self,
                        const PkOffice  *office,
                        GError         **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->update_office == NULL)
    return unsupported (self, "update_office", error), FALSE;
  return PK_STORE_GET_CLASS (self)->update_office (self, office, error);
}

gboolean
pk_store_delete_office (PkStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->delete_office == NULL)
    return unsupported (self, "delete_office", error), FALSE;
  return PK_STORE_GET_CLASS (self)->delete_office (self, id, error);
}

/**
 * pk_store_case_office:
 * @office_id: (out): the office case @case_id holds (approved for it, or
 *   licensed through it), 0 when none
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
pk_store_case_office (PkStore  *self,
                      gint64    case_id,
                      gint64   *office_id,
                      GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (office_id != NULL, FALSE);
  *office_id = 0;
  if (PK_STORE_GET_CLASS (self)->case_office == NULL)
    return unsupported (self, "case_office", error), FALSE;
  return PK_STORE_GET_CLASS (self)->case_office (self, case_id, office_id, error);
}

gint64
pk_store_office_code_owner (PkStore    *self,
                            const char *code)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->office_code_owner == NULL)
    return unsupported (self, "office_code_owner", NULL), 0;
  return PK_STORE_GET_CLASS (self)->office_code_owner (self, code);
}

gboolean
pk_store_office_code_exists (PkStore    *self,
                             const char *code)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->office_code_exists == NULL)
    return unsupported (self, "office_code_exists", NULL), FALSE;
  return PK_STORE_GET_CLASS (self)->office_code_exists (self, code);
}

GHashTable *
pk_store_get_rule_settings (PkStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_rule_settings == NULL)
    return unsupported (self, "get_rule_settings", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_rule_settings (self, error);
}

gboolean
pk_store_set_rule_setting (PkStore     *self,
                           const char  *key,
                           const char  *value,
                           GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->set_rule_setting == NULL)
    return unsupported (self, "set_rule_setting", error), FALSE;
  return PK_STORE_GET_CLASS (self)->set_rule_setting (self, key, value, error);
}

PkRuleSet *
pk_store_load_rules (PkStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->load_rules == NULL)
    return unsupported (self, "load_rules", error), NULL;
  return PK_STORE_GET_CLASS (self)->load_rules (self, error);
}

gboolean
pk_store_save_rule_value (PkStore     *self,
                          const char  *key,
                          double       value,
                          GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->save_rule_value == NULL)
    return unsupported (self, "save_rule_value", error), FALSE;
  return PK_STORE_GET_CLASS (self)->save_rule_value (self, key, value, error);
}

gboolean
pk_store_save_capacity (PkStore    *self,
                        gint64      county_id,
                        PkLicense   license,
                        int         capacity,
                        GError    **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->save_capacity == NULL)
    return unsupported (self, "save_capacity", error), FALSE;
  return PK_STORE_GET_CLASS (self)->save_capacity (self, county_id, license, capacity, error);
}

char *
pk_store_polygon_invalid_reason (PkStore    *self,
                                 const char *geojson_geometry)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->polygon_invalid_reason == NULL)
    return unsupported (self, "polygon_invalid_reason", NULL), NULL;
  return PK_STORE_GET_CLASS (self)->polygon_invalid_reason (self, geojson_geometry);
}

gboolean
pk_store_set_urban_area (PkStore     *self,
                         gint64       city_id,
                         const char  *geojson_geometry,
                         GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->set_urban_area == NULL)
    return unsupported (self, "set_urban_area", error), FALSE;
  return PK_STORE_GET_CLASS (self)->set_urban_area (self, city_id, geojson_geometry, error);
}

gint64
pk_store_add_zone (PkStore       *self,
                   const PkZone  *zone,
                   GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_zone == NULL)
    return unsupported (self, "add_zone", error), 0;
  return PK_STORE_GET_CLASS (self)->add_zone (self, zone, error);
}

gboolean
pk_store_update_zone (PkStore       *self,
                      const PkZone  *zone,
                      GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->update_zone == NULL)
    return unsupported (self, "update_zone", error), FALSE;
  return PK_STORE_GET_CLASS (self)->update_zone (self, zone, error);
}

gboolean
pk_store_delete_zone (PkStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->delete_zone == NULL)
    return unsupported (self, "delete_zone", error), FALSE;
  return PK_STORE_GET_CLASS (self)->delete_zone (self, id, error);
}

PkZone *
pk_store_get_zone_by_uuid (PkStore     *self,
                           const char  *uuid,
                           GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_zone_by_uuid == NULL)
    return unsupported (self, "get_zone_by_uuid", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_zone_by_uuid (self, uuid, error);
}

PkZone *
pk_store_get_zone (PkStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_zone == NULL)
    return unsupported (self, "get_zone", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_zone (self, id, error);
}

GPtrArray *
pk_store_list_zones (PkStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_zones == NULL)
    return unsupported (self, "list_zones", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_zones (self, error);
}

gint64
pk_store_count_audit (PkStore *self)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->count_audit == NULL)
    return unsupported (self, "count_audit", NULL), 0;
  return PK_STORE_GET_CLASS (self)->count_audit (self);
}

/* ---- the working group ----------------------------------------------------- */

/**
 * pk_store_add_meeting:
 *
 * Stores a meeting (number, date, members present); its agenda and
 * decisions are added one by one. A number already used is refused.
 *
 * Returns: the meeting's id, or 0 with @error set
 */
gint64
pk_store_add_meeting (PkStore          *self,
                      const PkMeeting  *meeting,
                      GError          **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_meeting == NULL)
    return unsupported (self, "add_meeting", error), 0;
  g_return_val_if_fail (meeting != NULL && meeting->number != NULL && meeting->date != NULL, 0);
  return PK_STORE_GET_CLASS (self)->add_meeting (self, meeting, error);
}

/* The meeting with its agenda and decisions; NULL with @error when there is none. */
PkMeeting *
pk_store_get_meeting (PkStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_meeting == NULL)
    return unsupported (self, "get_meeting", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_meeting (self, id, error);
}

/* Every meeting, the latest first. */
GPtrArray *
pk_store_list_meetings (PkStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_meetings == NULL)
    return unsupported (self, "list_meetings", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_meetings (self, error);
}

/* Puts @case_id on the meeting's agenda for @review (once: again is no change). */
gboolean
pk_store_add_agenda_case (PkStore   *self,
                          gint64     meeting_id,
                          gint64     case_id,
                          PkReview   review,
                          GError   **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->add_agenda_case == NULL)
    return unsupported (self, "add_agenda_case", error), FALSE;
  return PK_STORE_GET_CLASS (self)->add_agenda_case (self, meeting_id, case_id, review, error);
}

gboolean
pk_store_close_meeting (PkStore  *self,
                        gint64    meeting_id,
                        GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->close_meeting == NULL)
    return unsupported (self, "close_meeting", error), FALSE;
  return PK_STORE_GET_CLASS (self)->close_meeting (self, meeting_id, error);
}

/* Stores a decision and its conditions; a second decision on the same case in
 * the same meeting is refused. Returns: its id, or 0 with @error set */
gint64
pk_store_add_decision (PkStore           *self,
                       const PkDecision  *decision,
                       GError           **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_decision == NULL)
    return unsupported (self, "add_decision", error), 0;
  g_return_val_if_fail (decision != NULL, 0);
  return PK_STORE_GET_CLASS (self)->add_decision (self, decision, error);
}

/* Every decision on the case, oldest first, with its conditions. */
GPtrArray *
pk_store_list_case_decisions (PkStore  *self,
                              gint64    case_id,
                              GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_case_decisions == NULL)
    return unsupported (self, "list_case_decisions", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_case_decisions (self, case_id, error);
}

gboolean
pk_store_set_condition_met (PkStore   *self,
                            gint64     condition_id,
                            gboolean   met,
                            GError   **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->set_condition_met == NULL)
    return unsupported (self, "set_condition_met", error), FALSE;
  return PK_STORE_GET_CLASS (self)->set_condition_met (self, condition_id, met, error);
}

gboolean
pk_store_write_case_outcome (PkStore     *self,
                             gint64       case_id,
                             const char  *outcome,
                             GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->write_case_outcome == NULL)
    return unsupported (self, "write_case_outcome", error), FALSE;
  return PK_STORE_GET_CLASS (self)->write_case_outcome (self, case_id, outcome, error);
}

/**
 * pk_store_list_audit:
 * @since: (nullable): an ISO 8601 date or time: changes from then on
 * @actor: (nullable): only this person's changes
 * @entity: (nullable): only this kind of record ("office", "case", "meeting"…)
 *
 * Returns: (transfer full) (element-type PkAuditEntry): the changes, oldest first
 */
GPtrArray *
pk_store_list_audit (PkStore     *self,
                     const char  *since,
                     const char  *actor,
                     const char  *entity,
                     GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_audit == NULL)
    return unsupported (self, "list_audit", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_audit (self, since, actor, entity, 0, 0, error);
}

/**
 * pk_store_list_audit_page:
 * @before_id: the last id of the page before (0 for the newest)
 * @limit: how many at most (not 0)
 *
 * pk_store_list_audit() a page at a time, newest first: what a view shows
 * before "more" is asked for, one query's worth over the wire.
 */
GPtrArray *
pk_store_list_audit_page (PkStore     *self,
                          const char  *since,
                          const char  *actor,
                          const char  *entity,
                          gint64       before_id,
                          guint        limit,
                          GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  if (PK_STORE_GET_CLASS (self)->list_audit == NULL)
    return unsupported (self, "list_audit", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_audit (self, since, actor, entity, before_id, limit, error);
}

/* Whether the workspace is a field bundle: a copy issued to one inspector,
 * in which only visits can be recorded. */
gboolean
pk_store_is_bundle (PkStore *self)
{
  PkStorePrivate *priv;

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  priv = pk_store_get_instance_private (self);
  if (priv->is_bundle < 0)
    {
      g_autofree char *uuid = pk_store_get_meta (self, "bundle_uuid");

      priv->is_bundle = uuid != NULL && *uuid != '\0';
    }
  return priv->is_bundle;
}

/* ---- site visits ---------------------------------------------------------- */

gint64
pk_store_add_visit (PkStore        *self,
                    const PkVisit  *visit,
                    GError        **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_visit == NULL)
    return unsupported (self, "add_visit", error), 0;
  g_return_val_if_fail (visit != NULL && visit->inspector != NULL && visit->date != NULL, 0);
  return PK_STORE_GET_CLASS (self)->add_visit (self, visit, error);
}

/* Refused with PK_STORE_ERROR_CONFLICT when @visit carries a revision that is
 * no longer the stored one; a visit without changes writes nothing. */
gboolean
pk_store_update_visit (PkStore        *self,
                       const PkVisit  *visit,
                       GError        **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->update_visit == NULL)
    return unsupported (self, "update_visit", error), FALSE;
  g_return_val_if_fail (visit != NULL && visit->id > 0, FALSE);
  return PK_STORE_GET_CLASS (self)->update_visit (self, visit, error);
}

PkVisit *
pk_store_get_visit (PkStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_visit == NULL)
    return unsupported (self, "get_visit", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_visit (self, id, error);
}

PkVisit *
pk_store_get_visit_by_uuid (PkStore     *self,
                            const char  *uuid,
                            GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_visit_by_uuid == NULL)
    return unsupported (self, "get_visit_by_uuid", error), NULL;
  g_return_val_if_fail (uuid != NULL, NULL);
  return PK_STORE_GET_CLASS (self)->get_visit_by_uuid (self, uuid, error);
}

/* Every visit (@inspector's only, when given), by date. */
GPtrArray *
pk_store_list_visits (PkStore     *self,
                      const char  *inspector,
                      GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_visits == NULL)
    return unsupported (self, "list_visits", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_visits (self, inspector, error);
}

/**
 * pk_store_add_visit_photo:
 * @conflict_id: a merge conflict the photo waits on (not shown until it is
 *   resolved), or 0
 *
 * Returns: the photo's id, or 0 with @error set
 */
gint64
pk_store_add_visit_photo (PkStore             *self,
                          const PkVisitPhoto  *photo,
                          const char          *mime_type,
                          GBytes              *content,
                          gint64               conflict_id,
                          GError             **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_visit_photo == NULL)
    return unsupported (self, "add_visit_photo", error), 0;
  g_return_val_if_fail (photo != NULL && photo->visit_id > 0 && content != NULL, 0);
  return PK_STORE_GET_CLASS (self)->add_visit_photo (self, photo, mime_type, content, conflict_id, error);
}

GPtrArray *
pk_store_list_visit_photos (PkStore  *self,
                            gint64    visit_id,
                            gint64    conflict_id,
                            GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_visit_photos == NULL)
    return unsupported (self, "list_visit_photos", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_visit_photos (self, visit_id, conflict_id, error);
}

/* Removes a photo from its visit (the audit log keeps what it was). */
gboolean
pk_store_delete_visit_photo (PkStore  *self,
                             gint64    photo_id,
                             GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->delete_visit_photo == NULL)
    return unsupported (self, "delete_visit_photo", error), FALSE;
  return PK_STORE_GET_CLASS (self)->delete_visit_photo (self, photo_id, error);
}

GBytes *
pk_store_get_visit_photo_content (PkStore  *self,
                                  gint64    photo_id,
                                  GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_visit_photo_content == NULL)
    return unsupported (self, "get_visit_photo_content", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_visit_photo_content (self, photo_id, error);
}

gboolean
pk_store_settle_conflict_photos (PkStore   *self,
                                 gint64     conflict_id,
                                 gboolean   keep,
                                 GError   **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->settle_conflict_photos == NULL)
    return unsupported (self, "settle_conflict_photos", error), FALSE;
  return PK_STORE_GET_CLASS (self)->settle_conflict_photos (self, conflict_id, keep, error);
}

/* ---- field bundles ---------------------------------------------------------- */

/**
 * pk_store_write_bundle:
 * @path: where the bundle goes (replaced only when it is whole)
 * @spec: what it holds, its identity and key
 *
 * Writes a field bundle: a workspace of its own, cut down to @spec, in which
 * only visits and their photos may change, signed under @spec's key.
 */
gboolean
pk_store_write_bundle (PkStore             *self,
                       const char          *path,
                       const PkBundleSpec  *spec,
                       GError             **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL && spec != NULL && spec->uuid != NULL && spec->key != NULL, FALSE);
  g_return_val_if_fail (!_pk_store_in_transaction (self), FALSE);
  return _pk_store_write_bundle (self, path, spec, error);
}

/* Whether this workspace (a bundle) is intact and signed under @key. */
gboolean
pk_store_bundle_signature_valid (PkStore     *self,
                                 const char  *key,
                                 GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->bundle_signature_valid == NULL)
    return unsupported (self, "bundle_signature_valid", error), FALSE;
  g_return_val_if_fail (key != NULL, FALSE);
  return PK_STORE_GET_CLASS (self)->bundle_signature_valid (self, key, error);
}

gboolean
pk_store_add_bundle_key (PkStore     *self,
                         const char  *uuid,
                         const char  *inspector,
                         const char  *key,
                         const char  *base_json,
                         GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->add_bundle_key == NULL)
    return unsupported (self, "add_bundle_key", error), FALSE;
  g_return_val_if_fail (uuid != NULL && inspector != NULL && key != NULL && base_json != NULL, FALSE);
  return PK_STORE_GET_CLASS (self)->add_bundle_key (self, uuid, inspector, key, base_json, error);
}

/* The key this workspace issued with bundle @uuid; FALSE with
 * PK_STORE_ERROR_NOT_FOUND when it issued none. */
gboolean
pk_store_get_bundle_key (PkStore     *self,
                         const char  *uuid,
                         char       **inspector,
                         char       **key,
                         char       **base_json,
                         GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->get_bundle_key == NULL)
    return unsupported (self, "get_bundle_key", error), FALSE;
  g_return_val_if_fail (uuid != NULL && inspector != NULL && key != NULL && base_json != NULL, FALSE);
  return PK_STORE_GET_CLASS (self)->get_bundle_key (self, uuid, inspector, key, base_json, error);
}

/**
 * pk_store_bundle_last_merge:
 * @our_revision: (out): the record's revision here right after that merge
 *
 * Returns: the bundle's latest revision of the record merged from bundle
 * @bundle_uuid, or 0 when none was
 */
gint64
pk_store_bundle_last_merge (PkStore     *self,
                            const char  *bundle_uuid,
                            const char  *record_uuid,
                            gint64      *our_revision)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->bundle_last_merge == NULL)
    return unsupported (self, "bundle_last_merge", NULL), 0;
  g_return_val_if_fail (our_revision != NULL, 0);
  return PK_STORE_GET_CLASS (self)->bundle_last_merge (self, bundle_uuid, record_uuid, our_revision);
}

/* An import undone: what it noted of @record_uuid, from the bundle's
 * @revision on, is forgotten. */
gboolean
pk_store_forget_bundle_merges (PkStore     *self,
                               const char  *bundle_uuid,
                               const char  *record_uuid,
                               gint64       revision,
                               GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->forget_bundle_merges == NULL)
    return unsupported (self, "forget_bundle_merges", error), FALSE;
  return PK_STORE_GET_CLASS (self)->forget_bundle_merges (self, bundle_uuid, record_uuid, revision, error);
}

/* An import undone: a conflict it found goes, and the photos it held back. */
gboolean
pk_store_delete_bundle_conflict (PkStore  *self,
                                 gint64    id,
                                 GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->delete_bundle_conflict == NULL)
    return unsupported (self, "delete_bundle_conflict", error), FALSE;
  return PK_STORE_GET_CLASS (self)->delete_bundle_conflict (self, id, error);
}

/* The bundle's @revision of a record was merged, leaving it at @our_revision here. */
gboolean
pk_store_note_bundle_merge (PkStore     *self,
                            const char  *bundle_uuid,
                            const char  *record_uuid,
                            gint64       revision,
                            gint64       our_revision,
                            GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->note_bundle_merge == NULL)
    return unsupported (self, "note_bundle_merge", error), FALSE;
  return PK_STORE_GET_CLASS (self)->note_bundle_merge (self, bundle_uuid, record_uuid, revision, our_revision,
                                                       error);
}

gint64
pk_store_add_bundle_conflict (PkStore                 *self,
                              const PkBundleConflict  *conflict,
                              gboolean                *is_new,
                              GError                 **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_bundle_conflict == NULL)
    return unsupported (self, "add_bundle_conflict", error), 0;
  g_return_val_if_fail (conflict != NULL && is_new != NULL, 0);
  return PK_STORE_GET_CLASS (self)->add_bundle_conflict (self, conflict, is_new, error);
}

GPtrArray *
pk_store_list_bundle_conflicts (PkStore   *self,
                                gboolean   open_only,
                                GError   **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_bundle_conflicts == NULL)
    return unsupported (self, "list_bundle_conflicts", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_bundle_conflicts (self, open_only, error);
}

PkBundleConflict *
pk_store_get_bundle_conflict (PkStore  *self,
                              gint64    id,
                              GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_bundle_conflict == NULL)
    return unsupported (self, "get_bundle_conflict", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_bundle_conflict (self, id, error);
}

gboolean
pk_store_resolve_bundle_conflict (PkStore     *self,
                                  gint64       id,
                                  const char  *resolution,
                                  GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->resolve_bundle_conflict == NULL)
    return unsupported (self, "resolve_bundle_conflict", error), FALSE;
  /* NULL opens it again: a resolution undone */
  g_return_val_if_fail (resolution == NULL || g_strcmp0 (resolution, "ours") == 0 ||
                        g_strcmp0 (resolution, "theirs") == 0, FALSE);
  return PK_STORE_GET_CLASS (self)->resolve_bundle_conflict (self, id, resolution, error);
}

gint64
pk_store_add_case (PkStore  *self,
                   PkCase   *c,
                   GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_case == NULL)
    return unsupported (self, "add_case", error), 0;
  return PK_STORE_GET_CLASS (self)->add_case (self, c, error);
}

PkCase *
pk_store_get_case (PkStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_case == NULL)
    return unsupported (self, "get_case", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_case (self, id, error);
}

PkCase *
pk_store_find_case (PkStore     *self,
                    const char  *number_or_id,
                    GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->find_case == NULL)
    return unsupported (self, "find_case", error), NULL;
  return PK_STORE_GET_CLASS (self)->find_case (self, number_or_id, error);
}

GPtrArray *
pk_store_list_cases (PkStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->list_cases == NULL)
    return unsupported (self, "list_cases", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_cases (self, 0, 0, error);
}

/**
 * pk_store_list_cases_page:
 * @before_id: the last id of the page before (0 for the first page)
 * @limit: how many at most (not 0)
 *
 * One page of the cases, whole, newest first: what a list shows before
 * "more" is asked for, one query's worth over the wire.
 *
 * Returns: (transfer full) (element-type PkCase): the page; fewer than
 *   @limit at the end
 */
GPtrArray *
pk_store_list_cases_page (PkStore  *self,
                          gint64    before_id,
                          guint     limit,
                          GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  if (PK_STORE_GET_CLASS (self)->list_cases == NULL)
    return unsupported (self, "list_cases", error), NULL;
  return PK_STORE_GET_CLASS (self)->list_cases (self, before_id, limit, error);
}

gboolean
pk_store_write_case_field (PkStore     *self,
                           gint64       case_id,
                           const char  *key,
                           const char  *value,
                           GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->write_case_field == NULL)
    return unsupported (self, "write_case_field", error), FALSE;
  return PK_STORE_GET_CLASS (self)->write_case_field (self, case_id, key, FALSE, NULL, value, error);
}

/**
 * pk_store_write_case_field_if:
 * @seen: (nullable): the field's value when the editor read it
 *
 * As pk_store_write_case_field(), unless someone changed the field since it
 * was read: then nothing is written and @error is %PK_STORE_ERROR_CONFLICT,
 * naming who. Another field of the same case changed meanwhile is no conflict.
 */
gboolean
pk_store_write_case_field_if (PkStore     *self,
                              gint64       case_id,
                              const char  *key,
                              const char  *seen,
                              const char  *value,
                              GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->write_case_field == NULL)
    return unsupported (self, "write_case_field", error), FALSE;
  return PK_STORE_GET_CLASS (self)->write_case_field (self, case_id, key, TRUE, seen, value, error);
}

gboolean
pk_store_set_case_site (PkStore     *self,
                        gint64       case_id,
                        gboolean     has_site,
                        double       lat,
                        double       lon,
                        gboolean     not_on_map,
                        const char  *address,
                        const char  *check_json,
                        GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->set_case_site == NULL)
    return unsupported (self, "set_case_site", error), FALSE;
  return PK_STORE_GET_CLASS (self)->set_case_site (self, case_id, has_site, lat, lon, not_on_map,
                                                   address, check_json, error);
}

gint64
pk_store_add_case_person (PkStore             *self,
                          gint64               case_id,
                          const PkCasePerson  *person,
                          GError             **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_case_person == NULL)
    return unsupported (self, "add_case_person", error), 0;
  return PK_STORE_GET_CLASS (self)->add_case_person (self, case_id, person, error);
}

gboolean
pk_store_update_case_person (PkStore             *self,
                             const PkCasePerson  *person,
                             GError             **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->update_case_person == NULL)
    return unsupported (self, "update_case_person", error), FALSE;
  return PK_STORE_GET_CLASS (self)->update_case_person (self, person, error);
}

gboolean
pk_store_delete_case_person (PkStore  *self,
                             gint64    person_id,
                             GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->delete_case_person == NULL)
    return unsupported (self, "delete_case_person", error), FALSE;
  return PK_STORE_GET_CLASS (self)->delete_case_person (self, person_id, error);
}

gint64
pk_store_add_case_document (PkStore            *self,
                            gint64              case_id,
                            const char         *kind,
                            gint64              person_id,
                            const char         *file_name,
                            GBytes             *content,
                            const PkDocReport  *report,
                            GError            **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), 0);
  if (PK_STORE_GET_CLASS (self)->add_case_document == NULL)
    return unsupported (self, "add_case_document", error), 0;
  return PK_STORE_GET_CLASS (self)->add_case_document (self, case_id, kind, person_id, file_name,
                                                       content, report, error);
}

gboolean
pk_store_delete_case_document (PkStore  *self,
                               gint64    document_id,
                               GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->delete_case_document == NULL)
    return unsupported (self, "delete_case_document", error), FALSE;
  return PK_STORE_GET_CLASS (self)->delete_case_document (self, document_id, error);
}

GBytes *
pk_store_get_case_document_content (PkStore  *self,
                                    gint64    document_id,
                                    GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_case_document_content == NULL)
    return unsupported (self, "get_case_document_content", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_case_document_content (self, document_id, error);
}

GPtrArray *
pk_store_get_case_document_thumbnails (PkStore  *self,
                                       gint64    document_id,
                                       GError  **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (PK_STORE_GET_CLASS (self)->get_case_document_thumbnails == NULL)
    return unsupported (self, "get_case_document_thumbnails", error), NULL;
  return PK_STORE_GET_CLASS (self)->get_case_document_thumbnails (self, document_id, error);
}

gboolean
pk_store_write_case_stage (PkStore       *self,
                           gint64         case_id,
                           const char    *stage,
                           PkStageState   state,
                           const char    *note,
                           GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->write_case_stage == NULL)
    return unsupported (self, "write_case_stage", error), FALSE;
  return PK_STORE_GET_CLASS (self)->write_case_stage (self, case_id, stage, state, note, error);
}

gboolean
pk_store_write_case_status (PkStore       *self,
                            gint64         case_id,
                            PkCaseStatus   status,
                            GError       **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->write_case_status == NULL)
    return unsupported (self, "write_case_status", error), FALSE;
  return PK_STORE_GET_CLASS (self)->write_case_status (self, case_id, status, error);
}

gboolean
pk_store_add_case_event (PkStore     *self,
                         gint64       case_id,
                         const char  *kind,
                         const char  *stage,
                         const char  *message,
                         GError     **error)
{
  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (PK_STORE_GET_CLASS (self)->add_case_event == NULL)
    return unsupported (self, "add_case_event", error), FALSE;
  return PK_STORE_GET_CLASS (self)->add_case_event (self, case_id, kind, stage, message, error);
}

/* Whoever writes the meta table calls this: what the store keeps of it is read again. */
void
_pk_store_meta_written (PkStore    *self,
                        const char *key)
{
  if (g_str_equal (key, "bundle_uuid"))
    ((PkStorePrivate *) pk_store_get_instance_private (self))->is_bundle = -1;
}

/* A backend that talks to a server calls this at each round trip. */
void
_pk_store_count_round_trip (PkStore *self)
{
  PkStorePrivate *priv = pk_store_get_instance_private (self);

  /* owned while it dispatches: a window's handler, not a worker or a script */
  if (g_main_context_is_owner (g_main_context_default ()))
    g_atomic_int_inc (&priv->main_loop_trips);
}

/**
 * pk_store_get_main_loop_round_trips:
 *
 * How many round trips to the server were made from the thread running the
 * default main loop, while it was running it: each is a wait a window's user
 * sees. A file workspace counts none. For tests and measurements.
 */
guint
pk_store_get_main_loop_round_trips (PkStore *self)
{
  PkStorePrivate *priv;

  g_return_val_if_fail (PK_IS_STORE (self), 0);
  priv = pk_store_get_instance_private (self);
  return (guint) g_atomic_int_get (&priv->main_loop_trips);
}
