/* pk-cli-coverage.c: pishkhan-cli vacancy, coverage
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "pk-cli.h"
#include "pk-coverage.h"
#include "pk-report.h"
#include "pk-suggest.h"
#include "pk-text.h"

int
pk_cli_vacancy (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *workspace = NULL, *license = NULL, *county = NULL, *format = NULL;
  gint64 county_id = 0;
  PkLicense lic;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "license", 'l', 0, G_OPTION_ARG_STRING, &license, N_("urban or rural"), N_("TYPE") },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_("Only this county (name or id)"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("geojson or json"), N_("FORMAT") },
    { NULL }
  };

  g_option_context_set_summary (context, _("The vacant areas for a licence type (PA-3): for "
                                           "rural ICT, the county outside every serving office's "
                                           "service radius and outside urban areas; for urban "
                                           "Pishkhan, the urban areas outside it. Areas in km² "
                                           "(UTM)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (license == NULL || !pk_license_from_string (license, &lic))
    return pk_cli_error (_("--license must be urban or rural"));
  if (format == NULL)
    format = g_strdup ("json");
  if (!g_str_equal (format, "json") && !g_str_equal (format, "geojson"))
    return pk_cli_error (_("--format must be geojson or json"));
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if (county != NULL && (county_id = pk_coverage_find_county (store, county, &error)) == 0)
    return pk_cli_error ("--county: %s", error->message);

  rows = pk_coverage_compute (store, lic, county_id, g_str_equal (format, "geojson"), &error);
  if (rows == NULL)
    return pk_cli_error ("%s", error->message);
  if (g_str_equal (format, "geojson"))
    {
      g_autofree char *text = pk_coverage_vacancy_geojson (rows);
      fputs (text, stdout);
    }
  else
    {
      g_autoptr(JsonNode) node = pk_coverage_vacancy_json (rows, lic);
      pk_cli_print_json (node);
    }
  return PK_EXIT_OK;
}

int
pk_cli_coverage (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) urban = NULL;
  g_autoptr(GPtrArray) rural = NULL;
  g_autofree char *workspace = NULL;
  gboolean json = FALSE, csv = FALSE;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Per county and licence type: offices (active, "
                                           "approved, planned), capacity and free capacity "
                                           "(LT-7), area, share covered, cities with no office "
                                           "in reach."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (json && csv)
    return pk_cli_error (_("give --json or --csv, not both"));
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if ((urban = pk_coverage_compute (store, PK_LICENSE_URBAN, 0, FALSE, &error)) == NULL ||
      (rural = pk_coverage_compute (store, PK_LICENSE_RURAL, 0, FALSE, &error)) == NULL)
    return pk_cli_error ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = pk_coverage_table_json (urban, rural);
      pk_cli_print_json (node);
    }
  else if (csv)
    {
      g_autofree char *text = pk_coverage_table_csv (urban, rural);
      fputs (text, stdout);
    }
  else
    {
      printf ("%-16s %-7s %6s %8s %7s %8s %10s %8s %9s\n", _("county"), _("type"), _("active"),
              _("approved"), _("planned"), _("capacity"), _("vacant km²"), _("covered"),
              _("unserved"));
      for (guint i = 0; i < urban->len; i++)
        for (int t = 0; t < 2; t++)
          {
            PkCountyCoverage *r = g_ptr_array_index (t == 0 ? urban : rural, i);
            g_autofree char *cap = r->capacity >= 0 ? g_strdup_printf ("%d", r->capacity) : g_strdup ("—");
            g_autofree char *line = g_strdup_printf (
              "%-16s %-7s %6d %8d %7d %8s %10.1f %7.0f%% %9u\n",
              t == 0 ? pk_place_display_name (r->county) : "", t == 0 ? _("urban") : _("rural"),
              r->n_active, r->n_approved, r->n_planned, cap, r->vacant_area_km2,
              r->area_km2 > 0 ? 100 * (1 - r->vacant_area_km2 / r->area_km2) : 100.0,
              r->unserved_cities->len);
            g_autofree char *localized = pk_text_localize_digits (line);

            fputs (localized, stdout);
          }
    }
  return PK_EXIT_OK;
}

int
pk_cli_suggest (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) picks = NULL;
  g_autofree char *workspace = NULL, *license = NULL, *county = NULL, *count_text = NULL;
  gboolean json = FALSE, each = FALSE;
  gint64 county_id = 0;
  double count = 5;
  PkLicense lic;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "license", 'l', 0, G_OPTION_ARG_STRING, &license, N_("urban or rural"), N_("TYPE") },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_("Only this county (name or id)"), N_("NAME") },
    { "count", 'n', 0, G_OPTION_ARG_STRING, &count_text, N_("At most this many sites (default 5)"), N_("N") },
    { "each-county", 0, 0, G_OPTION_ARG_NONE, &each,
      N_("At most N sites in each county, chosen county by county"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Suggest up to N sites that would serve the most "
                                           "unserved cities, then the most unserved area, each "
                                           "passing the siting rules, spaced from each other and "
                                           "within the county's free capacity."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (license == NULL || !pk_license_from_string (license, &lic))
    return pk_cli_error (_("--license must be urban or rural"));
  if (count_text != NULL && (!pk_text_parse_double (count_text, &count) || count < 1 ||
                             count > 1000 || count != floor (count)))
    return pk_cli_error (_("--count must be a whole number from 1 to 1000"));
  if (each && county != NULL)
    return pk_cli_error (_("--each-county and --county cannot be used together"));
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if (county != NULL && (county_id = pk_coverage_find_county (store, county, &error)) == 0)
    return pk_cli_error ("--county: %s", error->message);
  if (each)
    {
      g_autoptr(GPtrArray) per_county = pk_suggest_sites_each (store, lic, (guint) count, NULL, &error);

      if (per_county == NULL)
        return pk_cli_error ("%s", error->message);
      picks = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_suggestion_free);
      for (guint i = 0; i < per_county->len; i++)
        {
          GPtrArray *some = g_ptr_array_index (per_county, i);

          /* the picks move over; their old array must not free them */
          g_ptr_array_set_free_func (some, NULL);
          g_ptr_array_extend_and_steal (picks, g_ptr_array_ref (some));
        }
    }
  else if ((picks = pk_suggest_sites (store, lic, county_id, (guint) count, &error)) == NULL)
    return pk_cli_error ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = pk_suggestions_to_json (picks, lic);
      pk_cli_print_json (node);
    }
  else
    for (guint i = 0; i < picks->len; i++)
      {
        PkSuggestion *s = g_ptr_array_index (picks, i);
        GString *names = g_string_new (NULL);
        g_autofree char *line = NULL;
        g_autofree char *localized = NULL;

        for (guint k = 0; k < s->covered_cities->len; k++)
          g_string_append_printf (names, "%s%s", k ? ", " : "",
                                  pk_place_display_name (g_ptr_array_index (s->covered_cities, k)));
        line = g_strdup_printf ("%2u. %.5f, %.5f  %-12s %s %.1f km², %s: %s\n", i + 1, s->lat, s->lon,
                                pk_place_display_name (s->county), _("covers"), s->covered_area_km2,
                                _("cities"), names->len ? names->str : "—");
        localized = pk_text_localize_digits (line);
        fputs (localized, stdout);
        g_string_free (names, TRUE);
      }
  return PK_EXIT_OK;
}

int
pk_cli_map (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL, *output = NULL, *layers_text = NULL, *paper = NULL;
  g_auto(GStrv) layers = NULL;
  PkMapLayers mask = 0;
  gboolean geojson;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("FILE.pdf, FILE.png or FILE.geojson"),
      N_("FILE") },
    { "layers", 0, 0, G_OPTION_ARG_STRING, &layers_text,
      N_("Comma-separated: offices, vacant-rural, vacant-urban, zones (default offices,"
         "vacant-rural,zones; for GeoJSON all four)"),
      N_("LIST") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or a3 (default a4)"), N_("SIZE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Write the printable applicant map (title, legend, "
                                           "scale bar, north arrow, Solar Hijri date, OSM "
                                           "attribution) without opening a window; or, for a "
                                           ".geojson file, the offices, vacant areas and approved "
                                           "zones in one FeatureCollection for publication."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  geojson = output != NULL && g_str_has_suffix (output, ".geojson");
  if (output == NULL || !(g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".png") ||
                          geojson))
    return pk_cli_error (_("--output must name a .pdf, .png or .geojson file"));
  if (!pk_cli_output_allowed (output, workspace))
    return PK_EXIT_USAGE;
  if (paper != NULL && !g_str_equal (paper, "a4") && !g_str_equal (paper, "a3"))
    return pk_cli_error (_("--paper must be a4 or a3"));
  if (layers_text == NULL)
    layers_text = g_strdup (geojson ? "offices,vacant-rural,vacant-urban,zones"
                                    : "offices,vacant-rural,zones");
  layers = g_strsplit (layers_text, ",", -1);
  for (guint i = 0; layers[i]; i++)
    {
      g_strstrip (layers[i]);
      if (g_str_equal (layers[i], "offices"))
        mask |= PK_MAP_LAYER_OFFICES;
      else if (g_str_equal (layers[i], "vacant-rural"))
        mask |= PK_MAP_LAYER_VACANT_RURAL;
      else if (g_str_equal (layers[i], "vacant-urban"))
        mask |= PK_MAP_LAYER_VACANT_URBAN;
      else if (g_str_equal (layers[i], "zones"))
        mask |= PK_MAP_LAYER_ZONES;
      else
        return pk_cli_error (_("--layers: unknown layer “%s” (offices, vacant-rural, vacant-urban, "
                               "zones)"), layers[i]);
    }
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if (geojson)
    {
      g_autofree char *text = pk_report_publication_geojson (store, mask, &error);

      if (text == NULL || !g_file_set_contents (output, text, -1, &error))
        return pk_cli_error ("%s", error->message);
    }
  else if (!pk_report_write_map (store, output, g_strcmp0 (paper, "a3") == 0, mask, &error))
    return pk_cli_error ("%s", error->message);
  printf ("%s\n", output);
  return PK_EXIT_OK;
}
