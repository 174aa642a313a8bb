/* pk-connect-dialog.c: Connect to Server… — a workspace on PostgreSQL + PostGIS
 *
 * The server, database, workspace and login make the URI the window opens
 * (as the command line takes it); the password goes beside it, never into
 * it, and is kept in the GNOME keyring (libsecret) when asked, never in
 * settings. The window opens it in a worker, as it opens a file.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pk-connect-dialog.h"
#include "pk-window-private.h"

/* One password per server workspace URI (which holds no password) */
static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "ir.pishkhan.Siting.Server", SECRET_SCHEMA_NONE,
    { { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };

  return &schema;
}

/**
 * pk_connect_lookup_password:
 *
 * The password kept for @uri, or %NULL (none kept, or no keyring: a session
 * without one simply asks). Blocks on D-Bus: call it in a worker.
 */
char *
pk_connect_lookup_password (const char *uri)
{
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_sync (password_schema (), NULL, &error, "uri", uri, NULL);

  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
  return password;
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkWindow) window = data;

  if (!secret_password_store_finish (result, &error))
    _pk_window_toast (window, _("The password could not be kept in the keyring; it will be asked again"));
}

/* Builds postgresql://USER@HOST/DB?workspace=NAME; a host that is a folder is a local socket. */
char *
pk_connect_build_uri (const char *host,
                      const char *database,
                      const char *workspace,
                      const char *user)
{
  g_autofree char *u = g_uri_escape_string (user, NULL, FALSE);
  g_autofree char *d = g_uri_escape_string (database, NULL, FALSE);
  g_autofree char *w = g_uri_escape_string (workspace, NULL, FALSE);
  GString *uri = g_string_new ("postgresql://");

  if (*u)
    g_string_append_printf (uri, "%s@", u);
  if (host[0] == '/')
    {
      g_autofree char *h = g_uri_escape_string (host, NULL, FALSE);

      g_string_append_printf (uri, "/%s?host=%s", d, h);
    }
  else
    g_string_append_printf (uri, "%s/%s?", host, d);
  if (*w)
    g_string_append_printf (uri, "%sworkspace=%s", uri->str[uri->len - 1] == '?' ? "" : "&", w);
  if (uri->str[uri->len - 1] == '?')
    g_string_truncate (uri, uri->len - 1);
  return g_string_free (uri, FALSE);
}

typedef struct
{
  PkWindow    *window;
  GtkEditable *host;
  GtkEditable *database;
  GtkEditable *workspace;
  GtkEditable *user;
  GtkEditable *password;
  GtkSwitch   *remember;
  char        *uri;
  char        *secret;
} Connect;

static void
connect_free (Connect *c)
{
  g_clear_object (&c->window);
  g_free (c->uri);
  if (c->secret)
    memset (c->secret, 0, strlen (c->secret));
  g_free (c->secret);
  g_free (c);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Connect *c = data;
  g_autoptr(GError) error = NULL;

  if (!pk_window_open_workspace_finish (PK_WINDOW (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pk_window_show_error (PK_WINDOW (source), _("Cannot Connect to the Server"), error->message);
    }
  else if (c->secret != NULL && *c->secret != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Pishkhan Siting: %s"), c->uri);

      secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, c->secret, NULL,
                             on_stored_cb, g_object_ref (c->window), "uri", c->uri, NULL);
    }
  connect_free (c);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Connect          *c)
{
  g_autoptr(GSettings) settings = NULL;
  const char *password;

  if (!g_str_equal (response, "connect"))
    {
      connect_free (c);
      return;
    }
  c->uri = pk_connect_build_uri (gtk_editable_get_text (c->host), gtk_editable_get_text (c->database),
                                 gtk_editable_get_text (c->workspace), gtk_editable_get_text (c->user));
  password = gtk_editable_get_text (c->password);
  if (gtk_switch_get_active (c->remember))
    c->secret = g_strdup (password);
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "last-server", c->uri);
  pk_window_open_server_async (c->window, c->uri, *password ? password : NULL, on_connected_cb, c);
}

static GtkEditable *
add_entry (GtkWidget  *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return GTK_EDITABLE (row);
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* The fields of the last server connected to, or sensible ones */
static void
last_server (char **host,
             char **database,
             char **workspace,
             char **user)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-server");
  g_autoptr(GUri) uri = *last ? g_uri_parse (last, G_URI_FLAGS_ENCODED_QUERY, NULL) : NULL;
  g_autoptr(GHashTable) params = NULL;

  *host = g_strdup ("localhost");
  *database = g_strdup ("pishkhan");
  *workspace = g_strdup ("pishkhan");
  *user = g_strdup (g_get_user_name ());
  if (uri == NULL)
    return;
  if (g_uri_get_query (uri) != NULL)
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (g_uri_get_host (uri) && *g_uri_get_host (uri))
    replace (host, g_uri_get_host (uri));
  else if (params && g_hash_table_lookup (params, "host"))
    replace (host, g_hash_table_lookup (params, "host"));
  if (g_uri_get_path (uri) && strlen (g_uri_get_path (uri)) > 1)
    replace (database, g_uri_get_path (uri) + 1);
  if (params && g_hash_table_lookup (params, "workspace"))
    replace (workspace, g_hash_table_lookup (params, "workspace"));
  if (g_uri_get_user (uri))
    replace (user, g_uri_get_user (uri));
}

/**
 * pk_connect_dialog_present:
 *
 * Asks for a server workspace and opens it in @window.
 */
GtkWidget *
pk_connect_dialog_present (PkWindow *window)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Connect to Server"),
                                              _("A workspace shared on PostgreSQL with PostGIS: the "
                                                "working group, the secretariat and inspectors on one "
                                                "database, each seeing what their role allows."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *password = adw_password_entry_row_new ();
  GtkWidget *remember_row = adw_action_row_new ();
  GtkWidget *remember = gtk_switch_new ();
  g_autofree char *host = NULL, *database = NULL, *workspace = NULL, *user = NULL;
  Connect *c = g_new0 (Connect, 1);

  last_server (&host, &database, &workspace, &user);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  c->window = g_object_ref (window);
  c->host = add_entry (list, _("Server (a host name, or a socket folder)"), host);
  c->database = add_entry (list, _("Database"), database);
  c->workspace = add_entry (list, _("Workspace"), workspace);
  c->user = add_entry (list, _("Login"), user);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password), _("Password (empty: the keyring's, or none)"));
  gtk_list_box_append (GTK_LIST_BOX (list), password);
  c->password = GTK_EDITABLE (password);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remember_row), _("Keep the Password in the Keyring"));
  gtk_widget_set_valign (remember, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (remember), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remember_row), remember);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remember_row), remember);
  gtk_list_box_append (GTK_LIST_BOX (list), remember_row);
  c->remember = GTK_SWITCH (remember);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
