/* pk-cli-workspace.c: pishkhan-cli workspace create|info|copy
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pk-cli.h"
#include "pk-geography.h"
#include "pk-text.h"

static int
workspace_create (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH"));
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *province = NULL;
  gboolean sample = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample,
      N_("The bundled South Khorasan sample: counties, cities and sample offices"), NULL },
    { "province", 0, 0, G_OPTION_ARG_STRING, &province,
      N_("An empty workspace for this province (name or id)"), N_("NAME_OR_ID") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing file"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Create a workspace: a file (the path is used "
                                           "as given; the usual extension is .pkws) or a server "
                                           "workspace (postgresql://USER@HOST/DB?workspace=NAME)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("workspace create needs exactly one PATH"));
  if (sample == (province != NULL))
    return pk_cli_error (_("give either --sample or --province NAME_OR_ID"));

  store = sample ? pk_workspace_create_sample (argv[1], force, &error)
                 : pk_workspace_create_province (argv[1], province, force, &error);
  if (store == NULL)
    return pk_cli_error ("%s", error->message);
  printf ("%s\n", argv[1]);
  return PK_EXIT_OK;
}

static int
workspace_info (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkPlace) province = NULL;
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autofree char *workspace = NULL;
  gboolean json = FALSE;
  guint n_sample = 0, n_urban = 0, n_rural = 0;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"),
      N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Describe a workspace: province, counties, "
                                           "cities and offices."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;

  if ((province = pk_store_get_province (store, &error)) == NULL ||
      (counties = pk_store_list_counties (store, &error)) == NULL ||
      (cities = pk_store_list_cities (store, &error)) == NULL ||
      (offices = pk_store_list_offices (store, &error)) == NULL)
    return pk_cli_error ("%s", error->message);

  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      n_sample += o->sample;
      n_urban += o->license == PK_LICENSE_URBAN;
      n_rural += o->license == PK_LICENSE_RURAL;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, pk_store_get_schema_version (store));
      json_builder_set_member_name (b, "province");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name_fa");
      json_builder_add_string_value (b, province->name_fa);
      json_builder_set_member_name (b, "name_en");
      json_builder_add_string_value (b, province->name_en);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "counties");
      json_builder_add_int_value (b, counties->len);
      json_builder_set_member_name (b, "cities");
      json_builder_add_int_value (b, cities->len);
      json_builder_set_member_name (b, "offices");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, offices->len);
      json_builder_set_member_name (b, "sample");
      json_builder_add_int_value (b, n_sample);
      json_builder_set_member_name (b, "urban");
      json_builder_add_int_value (b, n_urban);
      json_builder_set_member_name (b, "rural");
      json_builder_add_int_value (b, n_rural);
      json_builder_end_object (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
    }
  else
    {
      g_autofree char *version = g_strdup_printf ("%d", pk_store_get_schema_version (store));
      g_autofree char *n_counties = g_strdup_printf ("%u", counties->len);
      g_autofree char *n_cities = g_strdup_printf ("%u", cities->len);
      g_autofree char *n_offices = g_strdup_printf ("%u (%s %u, %s %u, %s %u)", offices->len,
                                                    _("urban"), n_urban, _("rural"), n_rural,
                                                    _("sample"), n_sample);

      pk_cli_print_field (_("Province:"), pk_place_display_name (province));
      pk_cli_print_field (_("Schema version:"), version);
      pk_cli_print_field (_("Counties:"), n_counties);
      pk_cli_print_field (_("Cities:"), n_cities);
      pk_cli_print_field (_("Offices:"), n_offices);
    }
  return PK_EXIT_OK;
}

/* Another place for the whole workspace: a file to a server, a server to a file. */
static int
workspace_copy (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("SOURCE TARGET"));
  g_autoptr(PkStore) source = NULL;
  g_autoptr(PkStore) target = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE, json = FALSE;
  guint n_records = 0;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace a workspace at TARGET"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Copy a workspace, every record with its UUID and revision "
                                           "and the audit log, to a new file or server workspace "
                                           "(postgresql://USER@HOST/DB?workspace=NAME)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 3)
    return pk_cli_error (_("workspace copy needs a SOURCE and a TARGET"));
  if ((source = pk_cli_open_workspace (argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (pk_store_is_bundle (source))
    return pk_cli_error (_("“%s” is a field bundle: import it into its workspace instead"), argv[1]);
  if (g_strcmp0 (argv[1], argv[2]) == 0)
    return pk_cli_error (_("SOURCE and TARGET are the same"));
  if ((target = pk_store_copy (source, argv[2], force, &n_records, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, argv[2]);
      json_builder_set_member_name (b, "records");
      json_builder_add_int_value (b, n_records);
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, pk_store_get_schema_version (target));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%u", n_records);

      pk_cli_print_field (_("Copied to:"), argv[2]);
      pk_cli_print_field (_("Records:"), count);
    }
  return PK_EXIT_OK;
}

/* The national view: every province's workspace in a server database */
static int
workspace_list (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The server database"), N_("URI") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("List the workspaces of a server database, one per province: "
                                           "its province, offices that serve and open cases."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (workspace == NULL)
    return pk_cli_error (_("--workspace PATH is required"));
  if ((all = pk_store_list_server_workspaces (workspace, NULL, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workspaces");
      json_builder_begin_array (b);
      for (guint i = 0; i < all->len; i++)
        {
          PkServerWorkspace *w = g_ptr_array_index (all, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, w->name);
          json_builder_set_member_name (b, "province");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name_fa");
          json_builder_add_string_value (b, w->province_fa);
          json_builder_set_member_name (b, "name_en");
          json_builder_add_string_value (b, w->province_en);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "offices_serving");
          json_builder_add_int_value (b, w->n_serving);
          json_builder_set_member_name (b, "open_cases");
          json_builder_add_int_value (b, w->n_open_cases);
          json_builder_set_member_name (b, "schema_version");
          json_builder_add_int_value (b, w->schema_version);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
    }
  else
    for (guint i = 0; i < all->len; i++)
      {
        PkServerWorkspace *w = g_ptr_array_index (all, i);
        g_autofree char *serving = g_strdup_printf ("%" G_GINT64_FORMAT, w->n_serving);
        g_autofree char *open_cases = g_strdup_printf ("%" G_GINT64_FORMAT, w->n_open_cases);
        g_autofree char *line = NULL;
        const char *province = pk_text_locale_is_persian () ? w->province_fa : w->province_en;

        /* TRANSLATORS: a workspace of a server: its name, province, offices that serve, open cases */
        line = g_strdup_printf (_("%s: %s, %s offices serving, %s open cases"), w->name,
                                province ? province : "?", serving, open_cases);
        g_autofree char *localized = pk_text_localize_digits (line);

        printf ("%s\n", localized);
      }
  return PK_EXIT_OK;
}

/* A server login made one of the roles the database enforces */
static int
workspace_grant (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("LOGIN ROLE"));
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The server workspace"), N_("URI") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The person the login stands for (an inspector's name as visits are assigned)"), N_("NAME") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Make a server login one of the roles the database enforces: "
                                           "working_group, secretariat, inspector, applicant or viewer."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 3)
    return pk_cli_error (_("workspace grant needs a LOGIN and a ROLE"));
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if (!pk_store_grant (store, argv[1], argv[2], name, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

int
pk_cli_workspace (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "create"))
    return workspace_create (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "info"))
    return workspace_info (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "copy"))
    return workspace_copy (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "grant"))
    return workspace_grant (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return workspace_list (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli workspace create (--sample | --province NAME_OR_ID) [--force] PATH\n"
              "  pishkhan-cli workspace info --workspace PATH [--json]\n"
              "  pishkhan-cli workspace copy [--force] SOURCE TARGET\n"
              "  pishkhan-cli workspace grant --workspace URI [--name NAME] LOGIN ROLE\n"
              "  pishkhan-cli workspace list --workspace URI [--json]\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("workspace needs a subcommand: create, info, copy, grant or list"));
}
