/* pk-pg-store.c: a workspace on a PostgreSQL + PostGIS server
 *
 * A URI names it wherever a path is taken: postgresql://USER@HOST/DB, or
 * postgresql:///DB?host=/run/postgresql for the local socket; libpq reads
 * everything but our own ?workspace=NAME, the PostgreSQL schema that holds
 * the workspace (PK_PG_DEFAULT_WORKSPACE when absent). Several workspaces —
 * provinces — sit side by side in one database, each in its schema.
 *
 * Transactions nest as in a file (savepoints inside); a workspace is created
 * in a staging schema and renamed into place whole by pk_store_publish(), so
 * that a failed create leaves the server as it was. Every change a commit
 * makes is announced on a channel of the workspace's own (a statement-level
 * trigger on each table); pk_store_changed_elsewhere() reads what other
 * connections announced.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "pk-pg-store.h"
#include "pk-store-private.h"

struct _PkPgStore
{
  PkStore   parent_instance;

  PGconn   *conn;
  char     *uri;          /* as given */
  char     *conninfo;     /* what libpq reads: the URI without ?workspace= */
  char     *display;      /* the URI without its password */
  char     *schema;       /* the workspace's PostgreSQL schema */
  char     *staging;      /* while created: the schema it is built in */
  char     *password;     /* given, never written anywhere: for open_another */
  int       schema_version;
  char     *origin;       /* this store's and its workers' mark on what they announce */
  gboolean  read_only;
  gboolean  can_edit_register;
  char     *role;         /* the pk_ group role of the login, without "pk_"; NULL: none */
};

G_DEFINE_FINAL_TYPE (PkPgStore, pk_pg_store, PK_TYPE_STORE)

#define PG(self) ((PkPgStore *) (self))

gboolean
_pk_pg_is_uri (const char *location)
{
  return location != NULL &&
         (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

PGconn *
_pk_pg_conn (PkStore *self)
{
  return PG (self)->conn;
}

/* The first line of libpq's message: it ends in a newline and may add a DETAIL. */
static char *
first_line (const char *message)
{
  const char *end;

  if (message == NULL || *message == '\0')
    return g_strdup ("?");
  end = strchr (message, '\n');
  return end ? g_strndup (message, end - message) : g_strdup (message);
}

/* Maps a failed result to a PkStoreError: a refused permission is
 * PK_STORE_ERROR_READ_ONLY, a broken check PK_STORE_ERROR_INVALID. */
static void
set_result_error (PkStore        *self,
                  const PGresult *res,
                  GError        **error,
                  const char     *what)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message = first_line (res ? PQresultErrorMessage (res) : PQerrorMessage (PG (self)->conn));
  int code = PK_STORE_ERROR_SQL;

  if (state != NULL && g_str_equal (state, "42501"))
    code = PK_STORE_ERROR_READ_ONLY;
  else if (state != NULL && g_str_has_prefix (state, "23"))
    code = PK_STORE_ERROR_INVALID;
  else if (state != NULL && (g_str_equal (state, "40001") || g_str_equal (state, "40P01")))
    code = PK_STORE_ERROR_CONFLICT;
  g_set_error (error, PK_STORE_ERROR, code, "%s: %s", what, message);
}

static gboolean session_setup (PkPgStore  *self,
                               GError    **error);

/* The server went away (restarted, or the network dropped) and may be back:
 * connects again with what the store was opened with and sets the session
 * up as it was. Never inside a transaction: what it had done is gone with the
 * connection, and the caller must hear so, not go on outside it. */
static gboolean
reconnect (PkStore *store)
{
  PkPgStore *self = PG (store);
  g_autoptr(GError) error = NULL;

  if (_pk_store_in_transaction (store))
    return FALSE;
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return FALSE;
  if (!session_setup (self, &error))
    {
      g_debug ("reconnected to %s, but: %s", self->display, error->message);
      return FALSE;
    }
  g_debug ("reconnected to %s", self->display);
  return TRUE;
}

static gboolean
failed (ExecStatusType status)
{
  return status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
}

/* Whether @res failed because the connection went: libpq saw it close, or
 * the server said it is going (SQLSTATE classes 08 and 57P). A failure of
 * libpq's own on a healthy connection (no SQLSTATE) is not one. */
static gboolean
connection_lost (PkStore        *self,
                 const PGresult *res)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  if (PQstatus (PG (self)->conn) == CONNECTION_BAD)
    return TRUE;
  if (!failed (PQresultStatus (res)))
    return FALSE;
  return state != NULL && (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"));
}

/* A failure that is the connection's: said as such. */
static void
set_query_error (PkStore        *self,
                 const PGresult *res,
                 GError        **error,
                 const char     *what)
{
  if (connection_lost (self, res))
    {
      g_autofree char *message = first_line (PQerrorMessage (PG (self)->conn));

      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL,
                   _("%s: the connection to the server was lost (%s); nothing of it was saved"), what, message);
      return;
    }
  set_result_error (self, res, error, what);
}

PGresult *
_pk_pg_query_binary (PkStore            *self,
                     GError            **error,
                     const char         *what,
                     const char         *sql,
                     int                 n_params,
                     const char * const *params,
                     const int          *lengths,
                     const int          *formats)
{
  PGresult *res;

  _pk_store_count_round_trip (self);
  res = PQexecParams (PG (self)->conn, sql, n_params, NULL, params, lengths, formats, 0);
  if (connection_lost (self, res) && reconnect (self))
    {
      PQclear (res);                         /* once more, on the new connection */
      res = PQexecParams (PG (self)->conn, sql, n_params, NULL, params, lengths, formats, 0);
    }
  if (failed (PQresultStatus (res)))
    {
      set_query_error (self, res, error, what);
      PQclear (res);
      return NULL;
    }
  return res;
}

PGresult *
_pk_pg_query (PkStore            *self,
              GError            **error,
              const char         *what,
              const char         *sql,
              int                 n_params,
              const char * const *params)
{
  return _pk_pg_query_binary (self, error, what, sql, n_params, params, NULL, NULL);
}

/* Runs one or more statements without parameters (a script). */
static gboolean
pg_exec (PkStore     *self,
         const char  *sql,
         GError     **error)
{
  g_autoptr(PGresult) res = NULL;

  _pk_store_count_round_trip (self);
  res = PQexec (PG (self)->conn, sql);
  if (connection_lost (self, res) && reconnect (self))
    {
      g_clear_pointer (&res, PQclear);
      res = PQexec (PG (self)->conn, sql);
    }
  if (failed (PQresultStatus (res)))
    {
      set_query_error (self, res, error, _pk_store_in_transaction (self) ? "Could not save" : "SQL");
      return FALSE;
    }
  return TRUE;
}

gint64
_pk_pg_int (PGresult *res,
            int       row,
            int       column)
{
  return PQgetisnull (res, row, column) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, column), NULL, 10);
}

double
_pk_pg_double (PGresult *res,
               int       row,
               int       column)
{
  return PQgetisnull (res, row, column) ? 0 : g_ascii_strtod (PQgetvalue (res, row, column), NULL);
}

char *
_pk_pg_strdup (PGresult *res,
               int       row,
               int       column)
{
  return PQgetisnull (res, row, column) ? NULL : g_strdup (PQgetvalue (res, row, column));
}

void
_pk_pg_texts_clear (PkPgTexts *texts)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts->values); i++)
    g_clear_pointer (&texts->values[i], g_free);
}

GPtrArray *
_pk_pg_list_rows (PkStore            *self,
                  GError            **error,
                  const char         *what,
                  const char         *sql,
                  int                 n_params,
                  const char * const *params,
                  PkPgRowFunc         from_row,
                  GDestroyNotify      free_func)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, error, what, sql, n_params, params);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_full (PQntuples (res), free_func);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, from_row (res, i));
  return out;
}

char *
_pk_pg_int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Exact: the shortest text that reads back as the same double */
char *
_pk_pg_double_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

void
_pk_pg_record (PGresult *res,
               int       row,
               int       column,
               PkRecord *record)
{
  record->uuid = _pk_pg_strdup (res, row, column);
  record->revision = _pk_pg_int (res, row, column + 1);
  record->updated_at = _pk_pg_strdup (res, row, column + 2);
  record->updated_by = _pk_pg_strdup (res, row, column + 3);
}

/* A bytea column in text form (\x…), decoded */
GBytes *
_pk_pg_bytes (PGresult *res,
              int       row,
              int       column)
{
  unsigned char *raw;
  size_t len = 0;
  GBytes *bytes;

  if (PQgetisnull (res, row, column))
    return NULL;
  raw = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, row, column), &len);
  if (raw == NULL)
    return NULL;
  bytes = g_bytes_new (raw, len);
  PQfreemem (raw);
  return bytes;
}

/* ---- the address ---------------------------------------------------------------- */

static gboolean
valid_schema_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 48 || g_ascii_isdigit (name[0]))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  return !g_str_has_prefix (name, "pg_") && !g_str_equal (name, "public") &&
         !g_str_equal (name, "information_schema");
}

/* Splits @uri into what libpq reads and the workspace's schema name. */
static gboolean
parse_uri (PkPgStore   *self,
           const char  *uri,
           GError     **error)
{
  const char *query = strchr (uri, '?');
  g_autoptr(GString) conninfo = g_string_new_len (uri, query ? query - uri : (gssize) strlen (uri));
  g_autoptr(GUri) parsed = NULL;
  g_auto(GStrv) items = NULL;
  gboolean first = TRUE;

  self->uri = g_strdup (uri);
  self->schema = g_strdup (PK_PG_DEFAULT_WORKSPACE);
  if (query != NULL)
    {
      items = g_strsplit (query + 1, "&", -1);
      for (guint i = 0; items[i] != NULL; i++)
        {
          if (g_str_has_prefix (items[i], "workspace="))
            {
              g_free (self->schema);
              self->schema = g_uri_unescape_string (items[i] + strlen ("workspace="), NULL);
              continue;
            }
          g_string_append_c (conninfo, first ? '?' : '&');
          g_string_append (conninfo, items[i]);
          first = FALSE;
        }
    }
  self->conninfo = g_string_free (g_steal_pointer (&conninfo), FALSE);
  parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  self->display = parsed ? g_uri_to_string_partial (parsed, G_URI_HIDE_PASSWORD) : g_strdup (uri);
  if (!valid_schema_name (self->schema))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a workspace name: use lower-case Latin letters, digits and _"),
                   self->schema ? self->schema : "");
      return FALSE;
    }
  return TRUE;
}

static void
ignore_notice (void           *data,
               const PGresult *res)
{
}

/**
 * _pk_pg_display_name:
 *
 * What a person calls a server workspace: its name, the database and the
 * host (a socket folder is "this computer").
 */
char *
_pk_pg_display_name (const char *uri)
{
  g_autoptr(PkPgStore) parsed = g_object_new (PK_TYPE_PG_STORE, NULL);
  PQconninfoOption *options;
  const char *db = NULL, *host = NULL;
  char *out;

  parse_uri (parsed, uri, NULL);
  options = PQconninfoParse (parsed->conninfo, NULL);
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (g_str_equal (o->keyword, "dbname"))
        db = o->val;
      else if (g_str_equal (o->keyword, "host"))
        host = o->val;
    }
  if (host == NULL || *host == '\0' || host[0] == '/')
    /* TRANSLATORS: a server workspace: its name, then the database, on this computer */
    out = g_strdup_printf (_("%s in database %s"), parsed->schema, db ? db : "?");
  else
    /* TRANSLATORS: a server workspace: its name, the database, the server's host name */
    out = g_strdup_printf (_("%s in database %s on %s"), parsed->schema, db ? db : "?", host);
  PQconninfoFree (options);
  return out;
}

static PkPgStore *
store_new (const char  *uri,
           const char  *password,
           GError     **error)
{
  g_autoptr(PkPgStore) self = g_object_new (PK_TYPE_PG_STORE, NULL);
  const char *keywords[] = { "dbname", password ? "password" : NULL, NULL };
  const char *values[] = { NULL, password, NULL };

  if (!parse_uri (self, uri, error))
    return NULL;
  self->password = g_strdup (password);
  values[0] = self->conninfo;
  /* the URI as "dbname" is expanded: the password given beside it is added */
  self->conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = first_line (PQerrorMessage (self->conn));

      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("Cannot connect to “%s”: %s"), self->display, message);
      return NULL;
    }
  /* Messages the server sends to the client (NOTICE) stay out of the user's terminal. */
  PQsetNoticeReceiver (self->conn, ignore_notice, NULL);
  return g_steal_pointer (&self);
}

static gboolean
use_schema (PkPgStore   *self,
            const char  *schema,
            GError     **error)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", schema);
  const char *params[] = { quoted };
  g_autoptr(PGresult) res = _pk_pg_query (PK_STORE (self), error, "Could not choose the workspace",
                                          "SELECT set_config ('search_path', $1 || ', public', false)",
                                          1, params);

  return res != NULL;
}

static gboolean
schema_exists (PkPgStore   *self,
               const char  *schema,
               gboolean    *exists,
               GError     **error)
{
  const char *params[] = { schema };
  g_autoptr(PGresult) res = _pk_pg_query (PK_STORE (self), error, "Could not look up the workspace",
                                          "SELECT to_regclass (quote_ident ($1) || '.meta') IS NOT NULL,"
                                          " EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
                                          1, params);

  if (res == NULL)
    return FALSE;
  *exists = g_str_equal (PQgetvalue (res, 0, 1), "t");
  if (*exists && !g_str_equal (PQgetvalue (res, 0, 0), "t"))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” holds a schema “%s” that is not a workspace"), self->display, schema);
      return FALSE;
    }
  return TRUE;
}

/* What this connection writes is announced with @origin (a new one when
 * %NULL; a worker's is its store's): its own announcements are not news. */
static gboolean
set_origin (PkPgStore   *self,
            const char  *origin,
            GError     **error)
{
  g_autoptr(PGresult) res = NULL;

  self->origin = origin ? g_strdup (origin) : g_uuid_string_random ();
  {
    const char *params[] = { self->origin };

    res = _pk_pg_query (PK_STORE (self), error, "Could not set up the connection",
                        "SELECT set_config ('pk.origin', $1, false)", 1, params);
  }
  return res != NULL;
}

static char *
channel_name (PkPgStore *self)
{
  return g_strdup_printf ("pk_%s", self->schema);
}

static gboolean
listen (PkPgStore  *self,
        GError    **error)
{
  g_autofree char *channel = channel_name (self);
  g_autofree char *sql = g_strdup_printf ("LISTEN \"%s\"", channel);

  return pg_exec (PK_STORE (self), sql, error);
}

/* What a connection of the store is told at first, and again when it
 * connects anew: the workspace's schema, the store's mark, its channel. */
static gboolean
session_setup (PkPgStore  *self,
               GError    **error)
{
  g_autofree char *origin = g_strdup (self->origin);

  g_clear_pointer (&self->origin, g_free);
  return use_schema (self, self->schema, error) && set_origin (self, origin, error) && listen (self, error);
}

/* After every statement that changes a table, the workspace's channel hears
 * its name. Made again after migrations: a table they add is heard too. */
static char *
notify_triggers_sql (void)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql,
                          "CREATE OR REPLACE FUNCTION pk_notify () RETURNS trigger LANGUAGE plpgsql AS $$"
                          " BEGIN PERFORM pg_notify ('pk_' || TG_TABLE_SCHEMA, TG_TABLE_NAME || ' ' ||"
                          " coalesce (current_setting ('pk.origin', true), ''));"
                          " RETURN NULL; END $$;");
  for (guint i = 0; _pk_store_tables[i] != NULL; i++)
    g_string_append_printf (sql,
                            "CREATE OR REPLACE TRIGGER %s_notify AFTER INSERT OR UPDATE OR DELETE ON %s"
                            " FOR EACH STATEMENT EXECUTE FUNCTION pk_notify ();",
                            _pk_store_tables[i], _pk_store_tables[i]);
  return g_string_free (sql, FALSE);
}

/* The roles' grants and policies on the workspace in @schema at
 * PK_PG_BASE_SCHEMA_VERSION (see pk-pg-schema.c); later tables bring theirs. */
static char *
roles_sql (const char *schema)
{
  g_autoptr(GString) per_case = g_string_new (NULL);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", schema);

  for (guint i = 0; _pk_pg_case_tables[i] != NULL; i++)
    g_string_append_printf (per_case,
                            "ALTER TABLE %1$s ENABLE ROW LEVEL SECURITY;"
                            "CREATE POLICY staff ON %1$s USING (NOT pk_is ('pk_applicant'));"
                            "CREATE POLICY own ON %1$s USING (case_id IN (SELECT id FROM cases));",
                            _pk_pg_case_tables[i]);
  return g_strdup_printf (_pk_pg_roles_sql, quoted, per_case->str);
}

/* Runs the migrations from @from to @to and makes the notification triggers
 * again, inside the caller's transaction. */
static gboolean
run_migrations (PkPgStore  *self,
                int         from,
                int         to,
                GError    **error)
{
  g_autofree char *triggers = notify_triggers_sql ();
  g_autofree char *version = g_strdup_printf ("%d", to);

  g_return_val_if_fail (from >= PK_PG_BASE_SCHEMA_VERSION && to <= PK_STORE_SCHEMA_VERSION, FALSE);
  for (int v = from; v < to; v++)
    if (!pg_exec (PK_STORE (self), _pk_pg_migrations[v - PK_PG_BASE_SCHEMA_VERSION], error))
      {
        g_prefix_error (error, "Migration to schema version %d: ", v + 1);
        return FALSE;
      }
  return pg_exec (PK_STORE (self), triggers, error) &&
         pk_store_set_meta (PK_STORE (self), "schema_version", version, error);
}

/* Brings an open workspace of an older schema up to this version, in one
 * transaction. Only the schema's owner may change its tables: anyone else
 * is told who. Several clients opening it at once: the lock on meta lets
 * one migrate, and the others find it done. */
static gboolean
migrate (PkPgStore  *self,
         GError    **error)
{
  PkStore *store = PK_STORE (self);
  g_autoptr(GError) local = NULL;
  g_autofree char *version = NULL;
  int from = self->schema_version;

  if (!pk_store_begin (store, error))
    return FALSE;
  if (!pg_exec (store, "LOCK TABLE meta IN SHARE ROW EXCLUSIVE MODE", &local) ||
      !pk_store_lookup_meta (store, "schema_version", &version, &local))
    goto failed;
  /* another client may have done it while this one waited for the lock */
  from = version ? atoi (version) : 0;
  if (from < PK_STORE_SCHEMA_VERSION && !run_migrations (self, from, PK_STORE_SCHEMA_VERSION, &local))
    goto failed;
  if (!pk_store_commit (store, &local))
    goto failed;
  self->schema_version = PK_STORE_SCHEMA_VERSION;
  return TRUE;

failed:
  if (_pk_store_in_transaction (store))
    pk_store_rollback (store);
  if (g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY))
    {
      const char *params[] = { self->schema };
      g_autoptr(PGresult) res = _pk_pg_query (store, NULL, "owner",
                                              "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = $1",
                                              1, params);
      g_autofree char *owner = res && PQntuples (res) > 0 ? _pk_pg_strdup (res, 0, 0) : g_strdup ("?");

      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is at schema %d and this version needs %d: it is brought up to date when its"
                     " owner (%s) opens it once"),
                   self->display, from, PK_STORE_SCHEMA_VERSION, owner);
      return FALSE;
    }
  g_propagate_prefixed_error (error, g_steal_pointer (&local), _("“%s” could not be brought up to date: "),
                              self->display);
  return FALSE;
}

/**
 * pk_pg_store_open:
 *
 * Connects, finds the workspace's schema and checks its version: an older
 * one is migrated (by its owner; anyone else is told to wait for them), a
 * newer one refused.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
static PkStore *
open_with_origin (const char  *uri,
                  const char  *password,
                  const char  *origin,
                  GError     **error)
{
  g_autoptr(PkPgStore) self = store_new (uri, password, error);
  g_autofree char *version = NULL;
  gboolean exists = FALSE;

  if (self == NULL)
    return NULL;
  if (!set_origin (self, origin, error))
    return NULL;
  if (!schema_exists (self, self->schema, &exists, error))
    return NULL;
  if (!exists)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("“%s” has no workspace “%s”; create one with workspace create"),
                   self->display, self->schema);
      return NULL;
    }
  if (!use_schema (self, self->schema, error) ||
      !pk_store_lookup_meta (PK_STORE (self), "schema_version", &version, error))
    return NULL;
  self->schema_version = version ? atoi (version) : 0;
  if (self->schema_version > PK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Pishkhan Siting (schema %d; this one knows %d)"),
                   self->display, self->schema_version, PK_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (self->schema_version < PK_PG_BASE_SCHEMA_VERSION)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a workspace of this version"), self->display);
      return NULL;
    }
  if (self->schema_version < PK_STORE_SCHEMA_VERSION && !migrate (self, error))
    return NULL;
  {
    /* a viewer's connection: nothing it may write (an applicant files
     * cases, an inspector records visits: they are not read-only) */
    g_autoptr(PGresult) res = _pk_pg_query (PK_STORE (self), error, "Could not read the permissions",
                                            "SELECT has_table_privilege ('offices', 'UPDATE') OR"
                                            " has_table_privilege ('cases', 'INSERT') OR"
                                            " has_table_privilege ('visits', 'UPDATE'),"
                                            " has_table_privilege ('offices', 'UPDATE'),"
                                            " (SELECT substr (g.rolname, 4) FROM pg_auth_members m"
                                            "  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member"
                                            "  WHERE u.rolname = session_user AND g.rolname IN ('pk_working_group',"
                                            "  'pk_secretariat', 'pk_inspector', 'pk_applicant', 'pk_viewer')"
                                            "  ORDER BY 1 LIMIT 1)", 0, NULL);

    if (res == NULL)
      return NULL;
    self->read_only = !g_str_equal (PQgetvalue (res, 0, 0), "t");
    self->can_edit_register = g_str_equal (PQgetvalue (res, 0, 1), "t");
    self->role = _pk_pg_strdup (res, 0, 2);
  }
  if (!listen (self, error))
    return NULL;
  return PK_STORE (g_steal_pointer (&self));
}

PkStore *
pk_pg_store_open (const char  *uri,
                  const char  *password,
                  GError     **error)
{
  return open_with_origin (uri, password, NULL, error);
}

/* A workspace made at schema @version (PK_STORE_SCHEMA_VERSION but in tests
 * of the migrations), staged: see pk_pg_store_create(). */
static PkStore *
create_at (const char  *uri,
           gboolean     overwrite,
           int          version,
           GError     **error)
{
  g_autoptr(PkPgStore) self = store_new (uri, NULL, error);
  g_autofree char *create = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *created = _pk_store_now ();
  g_autofree char *workspace_uuid = g_uuid_string_random ();
  gboolean exists = FALSE;

  if (self == NULL)
    return NULL;
  if (!set_origin (self, NULL, error) || !schema_exists (self, self->schema, &exists, error))
    return NULL;
  if (exists && !overwrite)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS,
                   _("“%s” already has a workspace “%s”; use --force to replace it"),
                   self->display, self->schema);
      return NULL;
    }
  {
    g_autoptr(PGresult) res = _pk_pg_query (PK_STORE (self), NULL, "PostGIS",
                                            "SELECT 1 FROM pg_extension WHERE extname = 'postgis'",
                                            0, NULL);

    if (res == NULL || PQntuples (res) == 0)
      {
        g_autoptr(GError) local = NULL;

        if (!pg_exec (PK_STORE (self), "CREATE EXTENSION IF NOT EXISTS postgis", &local))
          {
            g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_WORKSPACE,
                         _("“%s” lacks PostGIS and this role cannot add it: %s"),
                         self->display, local->message);
            return NULL;
          }
      }
  }
  self->staging = g_strdup_printf ("%s__new_%08x", self->schema, g_random_int ());
  create = g_strdup_printf ("CREATE SCHEMA \"%s\"", self->staging);
  roles = roles_sql (self->staging);
  if (!pk_store_begin (PK_STORE (self), error))
    return NULL;
  /* the first server schema and its roles, then the steps since, as an
   * older workspace takes them when it is opened */
  if (!pg_exec (PK_STORE (self), create, error) ||
      !use_schema (self, self->staging, error) ||
      !pg_exec (PK_STORE (self), _pk_pg_schema_sql, error) ||
      !pg_exec (PK_STORE (self), roles, error) ||
      !run_migrations (self, PK_PG_BASE_SCHEMA_VERSION, version, error) ||
      !pk_store_set_meta (PK_STORE (self), "created_at", created, error) ||
      !pk_store_set_meta (PK_STORE (self), "workspace_uuid", workspace_uuid, error))
    {
      pk_store_rollback (PK_STORE (self));
      g_prefix_error (error, _("“%s” cannot be created: "), self->display);
      return NULL;
    }
  self->schema_version = version;
  self->can_edit_register = TRUE;         /* its maker owns it */
  return PK_STORE (g_steal_pointer (&self));
}

/**
 * pk_pg_store_create:
 * @overwrite: replace a workspace of the same name
 *
 * Makes the PostGIS extension when the database lacks it (which needs a
 * role allowed to), then builds the workspace in a staging schema, in one
 * transaction that pk_store_publish() commits after renaming it into place.
 *
 * Returns: (transfer full): the staged store, or %NULL with @error set
 */
PkStore *
pk_pg_store_create (const char  *uri,
                    gboolean     overwrite,
                    GError     **error)
{
  return create_at (uri, overwrite, PK_STORE_SCHEMA_VERSION, error);
}

/* For tests of the migrations: a server workspace made at @version, published. */
gboolean
_pk_pg_store_create_at_version (const char  *uri,
                                int          version,
                                GError     **error)
{
  g_autoptr(PkStore) store = create_at (uri, TRUE, version, error);

  return store != NULL && pk_store_publish (store, error);
}

void
pk_server_workspace_free (PkServerWorkspace *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->province_fa);
  g_free (self->province_en);
  g_free (self);
}

/**
 * pk_pg_list_workspaces:
 *
 * The national view of a database: every workspace in it (each province's),
 * with its province, its offices that serve (active or approved) and its open
 * cases — what the login may see of them.
 *
 * Returns: (transfer full) (element-type PkServerWorkspace): by name
 */
GPtrArray *
pk_pg_list_workspaces (const char  *uri,
                       const char  *password,
                       GError     **error)
{
  g_autoptr(PkPgStore) self = store_new (uri, password, error);
  g_autoptr(PGresult) names = NULL;
  g_autoptr(GPtrArray) out = NULL;

  if (self == NULL)
    return NULL;
  names = _pk_pg_query (PK_STORE (self), error, "Could not list the workspaces",
                        "SELECT nspname FROM pg_namespace WHERE to_regclass (quote_ident (nspname) || '.meta')"
                        " IS NOT NULL AND nspname !~ '__new_' ORDER BY nspname", 0, NULL);
  if (names == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_server_workspace_free);
  for (int i = 0; i < PQntuples (names); i++)
    {
      const char *name = PQgetvalue (names, i, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT p.name_fa, p.name_en,"
                                              " (SELECT count (*) FROM \"%1$s\".offices WHERE status IN"
                                              "  ('active', 'approved')),"
                                              " (SELECT count (*) FROM \"%1$s\".cases WHERE outcome IS NULL),"
                                              " (SELECT value FROM \"%1$s\".meta WHERE key = 'schema_version')"
                                              " FROM (SELECT 1) one LEFT JOIN \"%1$s\".provinces p ON p.id ="
                                              " (SELECT value::bigint FROM \"%1$s\".meta WHERE key = 'province_id')",
                                              name);
      g_autoptr(PGresult) res = _pk_pg_query (PK_STORE (self), NULL, "workspace", sql, 0, NULL);
      PkServerWorkspace *w = g_new0 (PkServerWorkspace, 1);

      w->name = g_strdup (name);
      if (res != NULL && PQntuples (res) > 0)
        {
          w->province_fa = _pk_pg_strdup (res, 0, 0);
          w->province_en = _pk_pg_strdup (res, 0, 1);
          w->n_serving = _pk_pg_int (res, 0, 2);
          w->n_open_cases = _pk_pg_int (res, 0, 3);
          w->schema_version = _pk_pg_int (res, 0, 4);
        }
      else
        w->schema_version = -1;           /* not readable by this login */
      g_ptr_array_add (out, w);
    }
  return g_steal_pointer (&out);
}

/* Moves the staged schema into place (after dropping what it replaces) and commits. */
static gboolean
pg_publish (PkStore  *store,
            GError  **error)
{
  PkPgStore *self = PG (store);
  g_autofree char *sql = NULL;

  if (self->staging == NULL)
    return TRUE;
  sql = g_strdup_printf ("DROP SCHEMA IF EXISTS \"%s\" CASCADE;"
                         " ALTER SCHEMA \"%s\" RENAME TO \"%s\"", self->schema, self->staging,
                         self->schema);
  if (!pg_exec (store, sql, error) || !use_schema (self, self->schema, error))
    {
      pk_store_rollback (store);
      return FALSE;
    }
  if (!pk_store_commit (store, error))
    return FALSE;
  g_clear_pointer (&self->staging, g_free);
  return listen (self, error);
}

static PkStore *
pg_open_another (PkStore  *self,
                 GError  **error)
{
  return open_with_origin (PG (self)->uri, PG (self)->password, PG (self)->origin, error);
}

static gboolean
pg_begin_level (PkStore  *self,
                guint     depth,
                GError  **error)
{
  g_autofree char *sql = depth == 0 ? g_strdup ("BEGIN") : g_strdup_printf ("SAVEPOINT pk%u", depth);

  return pg_exec (self, sql, error);
}

static gboolean
pg_commit_level (PkStore  *self,
                 guint     depth,
                 GError  **error)
{
  g_autofree char *sql = depth == 1 ? g_strdup ("COMMIT") : g_strdup_printf ("RELEASE SAVEPOINT pk%u", depth - 1);

  return pg_exec (self, sql, error);
}

static void
pg_rollback_level (PkStore *self,
                   guint    depth)
{
  g_autofree char *sql = depth == 1 ? g_strdup ("ROLLBACK")
                                    : g_strdup_printf ("ROLLBACK TO SAVEPOINT pk%u; RELEASE SAVEPOINT pk%u",
                                                       depth - 1, depth - 1);

  pg_exec (self, sql, NULL);
}

static const char *
pg_get_path (PkStore *self)
{
  return PG (self)->uri;
}

static int
pg_get_schema_version (PkStore *self)
{
  return PG (self)->schema_version;
}

static gboolean
pg_is_read_only (PkStore *self)
{
  return PG (self)->read_only;
}

static const char *
pg_get_role (PkStore *self)
{
  return PG (self)->role;
}

static gboolean
pg_can_edit_register (PkStore *self)
{
  return PG (self)->can_edit_register;
}

/* What others committed since the last call: their announcements, read
 * without waiting (this store's and its workers' are marked as its own). */
static gboolean
pg_changed_elsewhere (PkStore *store)
{
  PkPgStore *self = PG (store);
  PGnotify *note;
  gboolean changed = FALSE;

  if (PQconsumeInput (self->conn) == 0)
    /* back after the server went away: what changed meanwhile went unheard */
    return PQstatus (self->conn) == CONNECTION_BAD && reconnect (store);
  while ((note = PQnotifies (self->conn)) != NULL)
    {
      const char *mark = note->extra ? strrchr (note->extra, ' ') : NULL;

      /* "TABLE ORIGIN": this store's own and its workers' writes are not news */
      if (mark == NULL || g_strcmp0 (mark + 1, self->origin) != 0)
        changed = TRUE;
      PQfreemem (note);
    }
  return changed;
}

static gboolean
pg_lookup_meta (PkStore     *self,
                const char  *key,
                char       **value,
                GError     **error)
{
  const char *params[] = { key };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the workspace's metadata",
                                          "SELECT value FROM meta WHERE key = $1", 1, params);

  *value = NULL;
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    *value = _pk_pg_strdup (res, 0, 0);
  return TRUE;
}

static char *
pg_get_meta (PkStore    *self,
             const char *key)
{
  char *value = NULL;

  pk_store_lookup_meta (self, key, &value, NULL);
  return value;
}

static gboolean
pg_set_meta (PkStore     *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  const char *params[] = { key, value };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not write workspace settings",
                                          "INSERT INTO meta (key, value) VALUES ($1, $2)"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                          2, params);

  return res != NULL;
}

gboolean
_pk_pg_write_audit (PkStore     *self,
                    const char  *action,
                    const char  *entity,
                    gint64       entity_id,
                    const char  *before,
                    const char  *after,
                    GError     **error)
{
  g_autofree char *at = _pk_store_now ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entity_id);
  const char *params[] = { at, _pk_store_actor (self), action, entity, id, before, after };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not write the audit log",
                                          "INSERT INTO audit_log (at, actor, action, entity, entity_id,"
                                          " before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                          7, params);

  if (res == NULL)
    return FALSE;
  _pk_store_note_change (self, entity, entity_id);
  return TRUE;
}

static gboolean
pg_log (PkStore     *self,
        const char  *action,
        const char  *entity,
        gint64       entity_id,
        const char  *before_json,
        const char  *after_json,
        GError     **error)
{
  return _pk_pg_write_audit (self, action, entity, entity_id, before_json, after_json, error);
}

static gint64
pg_count_audit (PkStore *self)
{
  g_autoptr(PGresult) res = _pk_pg_query (self, NULL, "audit", "SELECT count (*) FROM audit_log", 0, NULL);

  return res ? _pk_pg_int (res, 0, 0) : -1;
}

/* ---- rows, for workspace copy --------------------------------------------------- */

static GStrv
pg_list_columns (PkStore     *self,
                 const char  *table,
                 GError     **error)
{
  const char *params[] = { table };
  g_autoptr(PGresult) res = _pk_pg_query (self, error, "Could not read the workspace's tables",
                                          "SELECT column_name FROM information_schema.columns"
                                          " WHERE table_schema = current_schema () AND table_name = $1"
                                          " ORDER BY ordinal_position", 1, params);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_strv_builder_add (builder, PQgetvalue (res, i, 0));
  return g_strv_builder_end (builder);
}

/* int2, int4, int8; float4, float8; bytea */
#define OID_INT2 21
#define OID_INT4 23
#define OID_INT8 20
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_BYTEA 17

static gboolean
pg_read_rows (PkStore            *self,
              const char         *table,
              const char         *where,
              const char * const *columns,
              PkRowFunc           func,
              gpointer            user_data,
              GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(PGresult) res = NULL;
  guint n = g_strv_length ((GStrv) columns);
  g_autofree PkCell *cells = g_new0 (PkCell, n);
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *order = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, _pk_store_is_geometry_column (columns[i]) ? "%sST_AsBinary (\"%s\")" : "%s\"%s\"",
                            i ? ", " : "", columns[i]);
  /* the order of a file's rowid: its primary key's columns */
  g_string_append_printf (sql, " FROM \"%s\" %s%s ORDER BY 1", table, where ? "WHERE " : "", where ? where : "");
  if ((res = _pk_pg_query (self, error, "Could not read the workspace", sql->str, 0, NULL)) == NULL)
    return FALSE;
  for (int row = 0; row < PQntuples (res); row++)
    {
      g_ptr_array_set_size (blobs, 0);
      for (guint i = 0; i < n; i++)
        {
          PkCell *c = &cells[i];
          Oid type = PQftype (res, i);

          memset (c, 0, sizeof *c);
          if (PQgetisnull (res, row, i))
            c->kind = PK_CELL_NULL;
          else if (type == OID_INT2 || type == OID_INT4 || type == OID_INT8)
            {
              c->kind = PK_CELL_INT;
              c->i = _pk_pg_int (res, row, i);
            }
          else if (type == OID_FLOAT4 || type == OID_FLOAT8)
            {
              c->kind = PK_CELL_REAL;
              c->d = _pk_pg_double (res, row, i);
            }
          else if (type == OID_BYTEA)
            {
              GBytes *bytes = _pk_pg_bytes (res, row, i);

              g_ptr_array_add (blobs, bytes);
              c->kind = _pk_store_is_geometry_column (columns[i]) ? PK_CELL_GEOMETRY : PK_CELL_BLOB;
              c->data = g_bytes_get_data (bytes, &c->len);
            }
          else
            {
              c->kind = PK_CELL_TEXT;
              c->data = (const guint8 *) PQgetvalue (res, row, i);
              c->len = PQgetlength (res, row, i);
            }
        }
      if (!func (cells, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
pg_write_row (PkStore            *self,
              const char         *table,
              const char * const *columns,
              const PkCell       *cells,
              GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n = g_strv_length ((GStrv) columns);
  g_autofree const char **values = g_new0 (const char *, n);
  g_autofree int *lengths = g_new0 (int, n);
  g_autofree int *formats = g_new0 (int, n);
  g_autoptr(PGresult) res = NULL;

  g_string_printf (sql, "INSERT INTO \"%s\" (", table);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", columns[i]);
  g_string_append (sql, ") OVERRIDING SYSTEM VALUE VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, cells[i].kind == PK_CELL_GEOMETRY ? "%sST_GeomFromWKB ($%u, 4326)" : "%s$%u",
                            i ? ", " : "", i + 1);
  g_string_append_c (sql, ')');
  /* meta already holds the new workspace's own keys: the source's win */
  if (g_str_equal (table, "meta"))
    g_string_append (sql, " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  for (guint i = 0; i < n; i++)
    {
      const PkCell *c = &cells[i];
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char *text = NULL;

      switch (c->kind)
        {
        case PK_CELL_INT:
          text = g_strdup_printf ("%" G_GINT64_FORMAT, c->i);
          break;
        case PK_CELL_REAL:
          text = g_strdup (g_ascii_dtostr (buf, sizeof buf, c->d));
          break;
        case PK_CELL_TEXT:
          text = g_strndup ((const char *) c->data, c->len);
          break;
        case PK_CELL_BLOB:
        case PK_CELL_GEOMETRY:
          values[i] = (const char *) c->data;
          lengths[i] = c->len;
          formats[i] = 1;
          continue;
        case PK_CELL_NULL:
        default:
          continue;
        }
      g_ptr_array_add (texts, text);
      values[i] = text;
    }
  res = _pk_pg_query_binary (self, error, "Could not write the copy", sql->str, n, values, lengths, formats);
  return res != NULL;
}

/* Ids were written as they were: each identity sequence moves past them. */
static gboolean
pg_finish_rows (PkStore     *self,
                const char  *table,
                GError     **error)
{
  const char *params[] = { table };
  g_autoptr(PGresult) seq = _pk_pg_query (self, error, "Could not read the workspace's tables",
                                          "SELECT pg_get_serial_sequence (quote_ident ($1), 'id')"
                                          " FROM information_schema.columns WHERE table_schema ="
                                          " current_schema () AND table_name = $1 AND column_name = 'id'"
                                          " AND is_identity = 'YES'", 1, params);
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) res = NULL;

  if (seq == NULL)
    return FALSE;
  if (PQntuples (seq) == 0)
    return TRUE;
  sql = g_strdup_printf ("SELECT setval ($1, coalesce (max (id), 0) + 1, false) FROM \"%s\"", table);
  {
    const char *seq_params[] = { PQgetvalue (seq, 0, 0) };

    res = _pk_pg_query (self, error, "Could not write the copy", sql, 1, seq_params);
  }
  return res != NULL;
}

/* @login becomes one of the roles, standing for the person @name */
static gboolean
pg_grant (PkStore     *self,
          const char  *login,
          const char  *role,
          const char  *name,
          GError     **error)
{
  static const char * const roles[] = { "working_group", "secretariat", "inspector", "applicant", "viewer", NULL };
  g_autofree char *group = NULL;
  g_autoptr(PGresult) quoted = NULL;
  g_autofree char *sql = NULL;

  if (!g_strv_contains (roles, role))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("“%s” is not a role: working_group, secretariat, inspector, applicant or viewer"), role);
      return FALSE;
    }
  group = g_strconcat ("pk_", role, NULL);
  {
    const char *params[] = { login };

    if ((quoted = _pk_pg_query (self, error, "Could not grant the role", "SELECT quote_ident ($1)",
                                1, params)) == NULL)
      return FALSE;
  }
  sql = g_strdup_printf ("REVOKE pk_working_group, pk_secretariat, pk_inspector, pk_applicant, pk_viewer"
                         " FROM %s; GRANT %s TO %s", PQgetvalue (quoted, 0, 0), group, PQgetvalue (quoted, 0, 0));
  if (!pk_store_begin (self, error))
    return FALSE;
  {
    const char *params[] = { login, name ? name : login, role };
    g_autoptr(PGresult) res = NULL;
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *after = NULL;

    /* logged as the other records are, as JSON: who, as whom, in which role */
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "login");
    json_builder_add_string_value (b, login);
    json_builder_set_member_name (b, "name");
    json_builder_add_string_value (b, params[1]);
    json_builder_set_member_name (b, "role");
    json_builder_add_string_value (b, role);
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    after = json_to_string (root, FALSE);
    if (!pg_exec (self, sql, error) ||
        (res = _pk_pg_query (self, error, "Could not grant the role",
                             "INSERT INTO users (login, name, role) VALUES ($1, $2, $3) ON CONFLICT (login)"
                             " DO UPDATE SET name = excluded.name, role = excluded.role", 3, params)) == NULL ||
        !_pk_pg_write_audit (self, "grant", "user", 0, NULL, after, error))
      {
        pk_store_rollback (self);
        return FALSE;
      }
  }
  return pk_store_commit (self, error);
}

static void
pk_pg_store_finalize (GObject *object)
{
  PkPgStore *self = PG (object);

  /* a create that never reached pk_store_publish(): its transaction dies with the connection */
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->uri);
  g_free (self->conninfo);
  g_free (self->display);
  g_free (self->schema);
  g_free (self->staging);
  g_free (self->role);
  g_free (self->origin);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  G_OBJECT_CLASS (pk_pg_store_parent_class)->finalize (object);
}

static void
pk_pg_store_class_init (PkPgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PkStoreClass *store_class = PK_STORE_CLASS (klass);

  object_class->finalize = pk_pg_store_finalize;
  store_class->open_another = pg_open_another;
  store_class->begin_level = pg_begin_level;
  store_class->commit_level = pg_commit_level;
  store_class->rollback_level = pg_rollback_level;
  store_class->publish = pg_publish;
  store_class->get_path = pg_get_path;
  store_class->get_schema_version = pg_get_schema_version;
  store_class->is_read_only = pg_is_read_only;
  store_class->changed_elsewhere = pg_changed_elsewhere;
  store_class->lookup_meta = pg_lookup_meta;
  store_class->get_meta = pg_get_meta;
  store_class->set_meta = pg_set_meta;
  store_class->log = pg_log;
  store_class->count_audit = pg_count_audit;
  store_class->list_columns = pg_list_columns;
  store_class->read_rows = pg_read_rows;
  store_class->write_row = pg_write_row;
  store_class->finish_rows = pg_finish_rows;
  store_class->grant = pg_grant;
  store_class->get_role = pg_get_role;
  store_class->can_edit_register = pg_can_edit_register;
  _pk_pg_store_places_class_init (store_class);
  _pk_pg_store_offices_class_init (store_class);
  _pk_pg_store_cases_class_init (store_class);
  _pk_pg_store_visits_class_init (store_class);
  _pk_pg_store_meetings_class_init (store_class);
}

static void
pk_pg_store_init (PkPgStore *self)
{
}
