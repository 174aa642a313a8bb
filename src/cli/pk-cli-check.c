/* pk-cli-check.c: pishkhan-cli check
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
#include "pk-coords.h"
#include "pk-csv.h"
#include "pk-report.h"
#include "pk-siting.h"
#include "pk-text.h"

static const char *
status_mark (PkRuleStatus status)
{
  switch (status)
    {
    case PK_RULE_PASS: return _("pass");
    case PK_RULE_FAIL: return _("FAIL");
    case PK_RULE_UNKNOWN: return _("unknown");
    default: return "?";
    }
}

static void
print_human (const PkSiteVerdict *v)
{
  g_autofree char *where = g_strdup_printf ("%.6f, %.6f", v->query.lat, v->query.lon);
  g_autofree char *setting = NULL;

  pk_cli_print_field (_("Verdict:"), pk_verdict_display_name (v->verdict));
  pk_cli_print_field (_("Location:"), where);
  pk_cli_print_field (_("Licence:"), pk_license_display_name (v->query.license));
  pk_cli_print_field (_("Province:"), v->province ? pk_place_display_name (v->province)
                                                   : _("outside the province"));
  pk_cli_print_field (_("County:"), v->county ? pk_place_display_name (v->county) : "—");
  setting = g_strdup_printf ("%s (%s)", v->urban ? _("urban") : _("rural"),
                             v->basis == PK_BASIS_POLYGON ? _("city limits")
                             : v->basis == PK_BASIS_APPROXIMATE ? _("approximate urban area")
                             : _("outside every urban area"));
  pk_cli_print_field (_("Setting:"), setting);

  printf ("\n%s\n", _("Nearest offices of the same type:"));
  if (v->nearest->len == 0)
    printf ("  —\n");
  for (guint i = 0; i < v->nearest->len; i++)
    {
      const PkNearOffice *n = &g_array_index (v->nearest, PkNearOffice, i);
      g_autofree char *line = g_strdup_printf ("  %8.2f km  %-10s %s\n", n->distance_m / 1000,
                                               n->code, n->name);
      g_autofree char *localized = pk_text_localize_digits (line);

      fputs (localized, stdout);
    }

  printf ("\n%s\n", _("Rules:"));
  for (guint i = 0; i < v->rules->len; i++)
    {
      const PkRuleResult *r = g_ptr_array_index (v->rules, i);

      printf ("  %-5s %-8s %s [%s]\n", r->id, status_mark (r->status), r->message, r->source);
    }
}

/* cli.md: one JSON line per input row, in order; unreadable rows say why. */
static int
run_batch (PkSiteChecker *checker,
           const char    *path,
           const char    *default_license,
           double         default_area,
           const char    *default_land_use)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCsv) csv = pk_csv_read_file (path, &error);
  int col_lat, col_lon, col_lic, col_area, col_land;
  int status = PK_EXIT_OK;

  if (csv == NULL)
    return pk_cli_error ("%s: %s", path, error->message);
  col_lat = pk_csv_column (csv, "lat");
  col_lon = pk_csv_column (csv, "lon");
  col_lic = pk_csv_column (csv, "license");
  col_area = pk_csv_column (csv, "area_m2");
  col_land = pk_csv_column (csv, "land_use");
  if (col_lat < 0 || col_lon < 0)
    return pk_cli_error (_("%s: the CSV header must name the columns lat and lon"), path);
  if (col_lic < 0 && default_license == NULL)
    return pk_cli_error (_("%s: no license column; give --license urban|rural"), path);

  for (guint i = 0; i < csv->rows->len; i++)
    {
      guint row = g_array_index (csv->row_numbers, guint, i);
      const char *lic_text = col_lic >= 0 && pk_csv_cell (csv, i, col_lic) &&
                             *pk_csv_cell (csv, i, col_lic) ? pk_csv_cell (csv, i, col_lic)
                                                             : default_license;
      const char *area_text = col_area >= 0 ? pk_csv_cell (csv, i, col_area) : NULL;
      const char *land_text = col_land >= 0 && pk_csv_cell (csv, i, col_land) &&
                              *pk_csv_cell (csv, i, col_land) ? pk_csv_cell (csv, i, col_land)
                                                              : default_land_use;
      g_autofree char *problem = NULL;
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *line = NULL;
      PkSiteQuery q;

      pk_site_query_init (&q);
      q.area_m2 = default_area;
      if (!pk_text_parse_double (pk_csv_cell (csv, i, col_lat), &q.lat) ||
          !pk_text_parse_double (pk_csv_cell (csv, i, col_lon), &q.lon))
        problem = g_strdup (_("unreadable lat/lon"));
      else if (!pk_coords_check_range (q.lat, q.lon, NULL))
        problem = g_strdup (_("coordinates out of range"));
      else if (!pk_license_from_string (lic_text, &q.license))
        problem = g_strdup_printf (_("unknown licence “%s” (urban or rural)"), lic_text ? lic_text : "");
      else if (area_text != NULL && *area_text != '\0' &&
               (!pk_text_parse_double (area_text, &q.area_m2) || q.area_m2 < 0))
        problem = g_strdup_printf (_("bad area “%s”"), area_text);
      else if (land_text != NULL && !pk_land_use_from_string (land_text, &q.land_use))
        problem = g_strdup_printf (_("bad land_use “%s” (yes, no or unknown)"), land_text);

      if (problem != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "row");
          json_builder_add_int_value (b, row);
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, problem);
          json_builder_end_object (b);
          node = json_builder_get_root (b);
          status = PK_EXIT_FAIL;
        }
      else
        {
          g_autoptr(PkSiteVerdict) v = pk_site_checker_check (checker, &q);

          node = pk_site_verdict_to_json (v);
          if (v->verdict != PK_VERDICT_PASS)
            status = PK_EXIT_FAIL;
        }
      json_generator_set_root (gen, node);
      line = json_generator_to_data (gen, NULL);
      printf ("%s\n", line);
    }
  return status;
}

int
pk_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkSiteVerdict) v = NULL;
  g_autofree char *workspace = NULL, *lat_text = NULL, *lon_text = NULL, *at = NULL;
  g_autofree char *license = NULL, *area_text = NULL, *land_use = NULL, *batch = NULL;
  g_autofree char *pdf = NULL;
  gboolean json = FALSE;
  PkSiteQuery q;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace file"), N_("PATH") },
    { "lat", 0, 0, G_OPTION_ARG_STRING, &lat_text, N_("Latitude, decimal degrees (WGS84)"), N_("LAT") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &lon_text, N_("Longitude, decimal degrees (WGS84)"), N_("LON") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Both coordinates in any common form, e.g. “32.866, 59.221” or 32°51′58″N 59°13′16″E"),
      N_("COORDS") },
    { "license", 'l', 0, G_OPTION_ARG_STRING, &license, N_("urban or rural"), N_("TYPE") },
    { "area-m2", 0, 0, G_OPTION_ARG_STRING, &area_text, N_("Floor area in m²"), N_("N") },
    { "land-use", 0, 0, G_OPTION_ARG_STRING, &land_use,
      N_("Permitted land use declared: yes, no or unknown"), N_("ANSWER") },
    { "batch", 0, 0, G_OPTION_ARG_FILENAME, &batch,
      N_("Check every site of a CSV file (lat,lon[,license][,area_m2][,land_use]); JSON lines"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Also save the check as a PDF report"),
      N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Check a candidate site against the siting rules "
                                           "SR-1 … SR-7. Exit status 0 when it passes, 1 when it "
                                           "fails or needs review."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);

  pk_site_query_init (&q);
  if (license != NULL && !pk_license_from_string (license, &q.license))
    return pk_cli_error (_("--license must be urban or rural, not “%s”"), license);
  if (batch == NULL)
    {
      if (license == NULL)
        return pk_cli_error (_("--license urban|rural is required"));
      if (!pk_cli_site_options (at, lat_text, lon_text, area_text, land_use, TRUE, &q))
        return PK_EXIT_USAGE;
    }
  else if (!pk_cli_site_options (NULL, NULL, NULL, area_text, land_use, FALSE, &q))
    return PK_EXIT_USAGE;
  if (batch != NULL && !g_file_test (batch, G_FILE_TEST_IS_REGULAR))
    return pk_cli_error (_("--batch: “%s” does not exist"), batch);

  if (!pk_cli_output_allowed (pdf, workspace))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_open_workspace (workspace)) == NULL)
    return PK_EXIT_USAGE;
  if ((checker = pk_site_checker_new (store, &error)) == NULL)
    return pk_cli_error ("%s", error->message);

  if (batch != NULL)
    return run_batch (checker, batch, license, q.area_m2, land_use);

  v = pk_site_checker_check (checker, &q);
  if (pdf != NULL && !pk_report_write_check_pdf (store, checker, v, pdf, &error))
    return pk_cli_error ("--pdf: %s", error->message);
  if (json)
    {
      g_autoptr(JsonNode) node = pk_site_verdict_to_json (v);
      pk_cli_print_json (node);
    }
  else
    print_human (v);
  return v->verdict == PK_VERDICT_PASS ? PK_EXIT_OK : PK_EXIT_FAIL;
}
