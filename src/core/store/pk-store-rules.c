/* pk-store-rules.c: the province's rule-set settings (SR-3, LT-7)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pk-store-internal.h"

/**
 * pk_store_get_rule_settings:
 *
 * Returns: (transfer full): the province's rule-set values as key → value strings
 */
static GHashTable *
sqlite_get_rule_settings (PkStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  g_return_val_if_fail (PK_IS_STORE (self), NULL);
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT key, value FROM rule_settings", -1, &stmt,
                          NULL) != SQLITE_OK)
    return _pk_store_sql_error (self, error, "Could not read the rule set"), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (out, _pk_store_column_strdup (stmt, 0), _pk_store_column_strdup (stmt, 1));
  if (rc != SQLITE_DONE)
    return _pk_store_sql_error (self, error, "Could not read the rule set"), NULL;
  return g_steal_pointer (&out);
}
/* {"key": "value"}, escaped: a value typed with a quote stays JSON (both backends) */
char *
_pk_store_one_member_json (const char *key,
                 const char *value)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/**
 * pk_store_set_rule_setting:
 * @value: (nullable): the new value, or %NULL to go back to the default
 *
 * Changes one rule-set value and logs the change (who, when, before, after).
 */
static gboolean
sqlite_set_rule_setting (PkStore     *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autofree char *before = NULL;
  g_autofree char *at = _pk_store_now ();

  g_return_val_if_fail (PK_IS_STORE (self), FALSE);
  if (!pk_store_begin (self, error))
    return FALSE;
  if (sqlite3_prepare_v2 (_pk_store_db (self), "SELECT value FROM rule_settings WHERE key = ?", -1, &read,
                          NULL) != SQLITE_OK)
    goto sql_fail;
  sqlite3_bind_text (read, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (read) == SQLITE_ROW)
    before = _pk_store_column_strdup (read, 0);
  if (sqlite3_prepare_v2 (_pk_store_db (self), value ? "INSERT OR REPLACE INTO rule_settings (key, value,"
                                            " updated_at) VALUES (?1, ?2, ?3)"
                                          : "DELETE FROM rule_settings WHERE key = ?1",
                          -1, &write, NULL) != SQLITE_OK)
    goto sql_fail;
  sqlite3_bind_text (write, 1, key, -1, SQLITE_STATIC);
  if (value)
    {
      sqlite3_bind_text (write, 2, value, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 3, at, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (write) != SQLITE_DONE)
    goto sql_fail;
  {
    g_autofree char *b = before ? _pk_store_one_member_json (key, before) : NULL;
    g_autofree char *a = value ? _pk_store_one_member_json (key, value) : NULL;

    if (!_pk_store_write_audit (self, "update", "rule_setting", 0, b, a, error))
      goto fail;
  }
  return pk_store_commit (self, error);

sql_fail:
  _pk_store_sql_error (self, error, "Could not change the rule set");
fail:
  pk_store_rollback (self);
  return FALSE;
}

/**
 * pk_store_load_rules:
 *
 * The rule set the siting checker applies: the defaults with the workspace's
 * settings laid over them.
 *
 * Returns: (transfer full) (nullable): the rule set, or %NULL with @error set
 */
static PkRuleSet *
default_load_rules (PkStore  *store,
                   GError  **error)
{
  g_autoptr(GHashTable) values = pk_store_get_rule_settings (store, error);

  if (values == NULL)
    return NULL;
  return pk_rule_set_new_from_settings (values);
}

static gboolean
default_save_rule_value (PkStore     *store,
                        const char  *key,
                        double       value,
                        GError     **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (pk_rule_info_lookup (key) == NULL && !g_str_has_prefix (key, "urban_radius."))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("Unknown rule-set setting “%s”"), key);
      return FALSE;
    }
  if (!(value >= 0))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_INVALID,
                   _("A rule-set value cannot be negative"));
      return FALSE;
    }
  return pk_store_set_rule_setting (store, key, g_ascii_dtostr (buf, sizeof buf, value), error);
}

static gboolean
default_save_capacity (PkStore     *store,
                      gint64       county_id,
                      PkLicense    license,
                      int          capacity,
                      GError     **error)
{
  g_autofree char *key = g_strdup_printf ("capacity.%" G_GINT64_FORMAT ".%s", county_id,
                                          pk_license_to_string (license));
  g_autofree char *value = capacity >= 0 ? g_strdup_printf ("%d", capacity) : NULL;

  return pk_store_set_rule_setting (store, key, value, error);
}

void
_pk_sqlite_store_rules_class_init (PkStoreClass *klass)
{
  klass->get_rule_settings = sqlite_get_rule_settings;
  klass->set_rule_setting = sqlite_set_rule_setting;
}

/* What every backend does the same way, through the rule settings: set by PkStore itself */
void
_pk_store_rules_default_class_init (PkStoreClass *klass)
{
  klass->load_rules = default_load_rules;
  klass->save_rule_value = default_save_rule_value;
  klass->save_capacity = default_save_capacity;
}
