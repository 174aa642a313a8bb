/* pk-cli-offices.c: pishkhan-cli offices export
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pk-cli.h"
#include "pk-export.h"

static int
offices_export (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"),
      N_("PATH") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("geojson or csv"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Write every office to standard output as "
                                           "GeoJSON (WGS84) or CSV."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (format == NULL || (!g_str_equal (format, "geojson") && !g_str_equal (format, "csv")))
    return pk_cli_error (_("--format must be geojson or csv"));
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;

  text = g_str_equal (format, "csv") ? pk_export_offices_csv (store, &error)
                                      : pk_export_offices_geojson (store, &error);
  if (text == NULL)
    return pk_cli_error ("%s", error->message);
  fputs (text, stdout);
  if (!g_str_has_suffix (text, "\n"))
    fputc ('\n', stdout);
  return PK_EXIT_OK;
}

int
pk_cli_offices (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return offices_export (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli offices export --workspace PATH --format geojson|csv\n",
              _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("offices needs a subcommand: export"));
}
