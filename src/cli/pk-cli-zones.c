/* pk-cli-zones.c: pishkhan-cli zones list|add|remove|export
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pk-cli.h"
#include "pk-coords.h"
#include "pk-text.h"

static int
zones_list (int    argc,
            char **argv,
            gboolean geojson_only)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autofree char *workspace = NULL;
  gboolean json = geojson_only;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("GeoJSON instead of a table"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, geojson_only
                                ? _("Write the approved zones as GeoJSON (WGS84), with how many "
                                    "offices each may take and how many it holds.")
                                : _("List the approved zones: licence type, capacity, offices "
                                    "inside, area."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if ((zones = pk_store_list_zones (store, &error)) == NULL ||
      (offices = pk_store_list_offices (store, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (json)
    {
      g_autofree char *text = pk_zones_to_geojson (zones, offices);
      printf ("%s\n", text);
      return PK_EXIT_OK;
    }
  for (guint i = 0; i < zones->len; i++)
    {
      PkZone *z = g_ptr_array_index (zones, i);
      g_autofree char *line =
        g_strdup_printf ("%3" G_GINT64_FORMAT "  %-24s %-16s %s %u/%d  %.1f km²\n", z->id, z->name,
                         pk_license_display_name (z->license), _("offices"),
                         pk_zone_count_offices (z, offices), z->capacity, z->area_km2);
      g_autofree char *localized = pk_text_localize_digits (line);

      fputs (localized, stdout);
    }
  if (zones->len == 0)
    printf ("%s\n", _("No approved zones."));
  return PK_EXIT_OK;
}

static int
zones_add (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkZone) zone = pk_zone_new ();
  g_autofree char *workspace = NULL, *license = NULL;
  g_auto(GStrv) points = NULL;
  int capacity = 1;
  gint64 id;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &zone->name, N_("The zone’s name"), N_("NAME") },
    { "license", 0, 0, G_OPTION_ARG_STRING, &license, N_("urban or rural"), N_("TYPE") },
    { "capacity", 0, 0, G_OPTION_ARG_INT, &capacity, N_("How many offices it may take (default 1)"),
      N_("N") },
    { "point", 0, 0, G_OPTION_ARG_STRING_ARRAY, &points,
      N_("A corner, “LAT, LON”; give three or more in order"), N_("LAT,LON") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &zone->note, N_("A note for the applicants"), N_("TEXT") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Add an approved zone: a polygon where the working "
                                           "group accepts new offices of one licence type."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (license == NULL || !pk_license_from_string (license, &zone->license))
    return pk_cli_error (_("--license must be urban or rural"));
  zone->capacity = capacity;
  for (guint i = 0; points && points[i]; i++)
    {
      double lat, lon;

      if (!pk_coords_parse (points[i], &lat, &lon, &error))
        return pk_cli_error ("--point “%s”: %s", points[i], error->message);
      pk_zone_add_point (zone, lon, lat);
    }
  if (!pk_zone_validate (zone, &error))
    return pk_cli_error ("%s", error->message);
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  pk_store_set_actor (store, "pishkhan-cli");
  if ((id = pk_store_add_zone (store, zone, &error)) == 0)
    return pk_cli_error ("%s", error->message);
  printf ("%" G_GINT64_FORMAT "\n", id);
  return PK_EXIT_OK;
}

static int
zones_remove (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID"));
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Remove an approved zone (the audit log keeps it)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("zones remove needs exactly one zone ID"));
  /* bounded: 99999999999999999999 is no zone, not zone 9223372036854775807 */
  if (!g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return pk_cli_error (_("“%s” is not a zone ID"), argv[1]);
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  pk_store_set_actor (store, "pishkhan-cli");
  if (!pk_store_delete_zone (store, id, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

int
pk_cli_zones (int    argc,
              char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return zones_list (argc - 1, argv + 1, FALSE);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return zones_list (argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return zones_add (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return zones_remove (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli zones list --workspace PATH [--json]\n"
              "  pishkhan-cli zones export --workspace PATH\n"
              "  pishkhan-cli zones add --workspace PATH --name NAME --license urban|rural"
              " [--capacity N] --point LAT,LON --point … (three or more)\n"
              "  pishkhan-cli zones remove --workspace PATH ID\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("zones needs a subcommand: list, add, remove or export"));
}
