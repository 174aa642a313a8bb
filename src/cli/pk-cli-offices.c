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
#include "pk-import.h"

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

/* cli.md: every refused row as "row N: reason"; exit 1 when any was refused. */
int
pk_cli_print_report (PkImportReport *report)
{
  for (guint i = 0; i < report->notes->len; i++)
    fprintf (stderr, "pishkhan-cli: %s\n", (char *) g_ptr_array_index (report->notes, i));
  for (guint i = 0; i < report->problems->len; i++)
    printf ("%s\n", (char *) g_ptr_array_index (report->problems, i));
  if (report->dry_run)
    printf (_("Dry run: %u of %u rows are valid; nothing was written.\n"), report->n_valid,
            report->n_rows);
  else if (report->n_imported == 0 && report->problems->len > 0)
    printf (_("Nothing imported: %u of %u rows were refused.\n"), report->problems->len,
            report->n_rows);
  else
    printf (_("Imported %u of %u rows.\n"), report->n_imported, report->n_rows);
  return report->problems->len > 0 ? PK_EXIT_FAIL : PK_EXIT_OK;
}

/* Shared by `offices import` and `urban-areas import`: the same options, the
 * same dry run, the same report and exit status (cli.md). */
int
pk_cli_run_import (int             argc,
                   char          **argv,
                   const char     *summary,
                   const char     *one_file_message,
                   PkImportReport *(*import) (PkStore *, const char *, PkImportFlags, GError **))
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkImportReport) report = NULL;
  g_autofree char *workspace = NULL;
  gboolean dry_run = FALSE, skip = FALSE;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Validate and report; write nothing"), NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip, N_("Import the valid rows, skip the others"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error ("%s", one_file_message);
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  report = import (store, argv[1],
                   (dry_run ? PK_IMPORT_DRY_RUN : 0) | (skip ? PK_IMPORT_SKIP_INVALID : 0), &error);
  if (report == NULL)
    return pk_cli_error ("%s", error->message);
  return pk_cli_print_report (report);
}

static int
offices_import (int    argc,
                char **argv)
{
  return pk_cli_run_import (argc, argv,
                            _("Import offices from CSV (columns code, name, license, status, "
                              "lat, lon, postal_code, holder, address, license_issued, "
                              "license_expires) or a GeoJSON FeatureCollection of points. "
                              "All rows or none."),
                            _("offices import needs exactly one FILE"), pk_import_offices);
}

int
pk_cli_offices (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return offices_export (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return offices_import (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli offices export --workspace PATH --format geojson|csv\n"
              "  pishkhan-cli offices import --workspace PATH [--dry-run] [--skip-invalid] FILE\n",
              _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("offices needs a subcommand: export or import"));
}
