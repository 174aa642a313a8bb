/* pk-cli-urban.c: pishkhan-cli urban-areas import|export
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pk-cli.h"
#include "pk-import.h"

static int
urban_import (int    argc,
              char **argv)
{
  return pk_cli_run_import (argc, argv,
                            _("Import city limits (Polygon or MultiPolygon features, matched to "
                              "cities by city_id or name) for the urban/rural rule SR-2."),
                            _("urban-areas import needs exactly one FILE"), pk_import_urban_areas);
}

static int
urban_export (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL, *format = NULL, *text = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("geojson"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Write the urban areas the checker uses, one "
                                           "feature per city, with basis polygon or approximate."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (format != NULL && !g_str_equal (format, "geojson"))
    return pk_cli_error (_("--format must be geojson"));
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if ((text = pk_export_urban_areas (store, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  printf ("%s\n", text);
  return PK_EXIT_OK;
}

int
pk_cli_urban_areas (int    argc,
                    char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return urban_import (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return urban_export (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli urban-areas import --workspace PATH [--dry-run] FILE.geojson\n"
              "  pishkhan-cli urban-areas export --workspace PATH [--format geojson]\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("urban-areas needs a subcommand: import or export"));
}
