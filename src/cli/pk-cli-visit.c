/* pk-cli-visit.c: pishkhan-cli visit assign|list|set|photo|show|report and
 * bundle export|verify|import|conflicts|resolve — site visits and field
 * bundles (cli.md, "Working group, visits, bundles, audit")
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pk-bundle.h"
#include "pk-cli.h"
#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-report.h"
#include "pk-text.h"
#include "pk-visits.h"



static PkVisit *
find_visit (PkStore    *store,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ascii = pk_text_to_ascii_digits (text);
  PkVisit *v = pk_visit_find (store, ascii ? ascii : text, &error);

  if (v == NULL)
    pk_cli_error ("%s", error->message);
  return v;
}

/* The case number or office code a visit is for */
static char *
visit_subject (PkStore       *store,
               const PkVisit *v)
{
  if (v->case_id > 0)
    {
      g_autoptr(PkCase) c = pk_store_get_case (store, v->case_id, NULL);

      return g_strdup (c ? c->number : "?");
    }
  if (v->office_id > 0)
    {
      g_autoptr(PkOffice) o = pk_store_get_office (store, v->office_id, NULL);

      return g_strdup (o ? o->code : "?");
    }
  return g_strdup ("—");
}

/* ---- visit assign ------------------------------------------------------------ */

static int
visit_assign (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inspector = NULL, *date = NULL, *office = NULL, *number = NULL;
  gint64 office_id = 0, id;
  const GOptionEntry entries[] = {
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector, N_("Who visits"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When: 2026-12-02 or 1405/09/11"), N_("DATE") },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("A routine inspection of this office (its code) instead "
                                                        "of a case"), N_("CODE") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Assign a site visit (S11) of a case, or a routine inspection of an office, to an "
                              "inspector on a date; prints the visit’s id."), &argc, &argv))
    return PK_EXIT_USAGE;
  if ((argc != 2 && office == NULL) || (argc != 1 && office != NULL))
    return pk_cli_error (_("visit assign needs a CASE number, or --office CODE"));
  if (inspector == NULL || date == NULL)
    return pk_cli_error (_("visit assign needs --inspector and --date"));
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if (office != NULL && (office_id = pk_store_office_code_owner (store, office)) <= 0)
    return pk_cli_error (_("There is no office with the code “%s”"), office);
  if (argc == 2)
    number = pk_text_to_ascii_digits (argv[1]);
  if ((id = pk_visit_assign (store, number, office_id, inspector, date, &error)) == 0)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(PkVisit) v = pk_store_get_visit (store, id, NULL);

      printf ("{\"id\": %" G_GINT64_FORMAT ", \"uuid\": \"%s\"}\n", id, v ? v->record.uuid : "");
    }
  else
    printf ("%" G_GINT64_FORMAT "\n", id);
  return PK_EXIT_OK;
}

/* ---- visit list -------------------------------------------------------------- */

static void
add_visit_summary (JsonBuilder   *b,
                   PkStore       *store,
                   const PkVisit *v)
{
  g_autoptr(PkCase) c = v->case_id > 0 ? pk_store_get_case (store, v->case_id, NULL) : NULL;
  g_autoptr(PkOffice) o = v->office_id > 0 ? pk_store_get_office (store, v->office_id, NULL) : NULL;
  g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, v->id, 0, NULL);

  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, v->id);
  pk_json_add_string_or_null (b, "case", c ? c->number : NULL);
  pk_json_add_string_or_null (b, "office", o ? o->code : NULL);
  if (c != NULL)
    {
      const char *company = pk_case_get_field (c, "company.name");

      pk_json_add_string_or_null (b, "license", pk_license_to_string (c->license));
      pk_json_add_position (b, "declared_site", c->has_site && !c->site_not_on_map, c->site_lat, c->site_lon);
      pk_json_add_string_or_null (b, "declared_address", c->site_address);
      pk_json_add_string_or_null (b, "applicant", company);
    }
  else if (o != NULL)
    pk_json_add_position (b, "declared_site", TRUE, o->lat, o->lon);
  pk_visit_add_json (v, b);
  json_builder_set_member_name (b, "photos");
  json_builder_add_int_value (b, photos ? photos->len : 0);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, v->record.revision);
}

static int
visit_list (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inspector = NULL;
  const GOptionEntry entries[] = {
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector, N_("Only this inspector’s visits"), N_("NAME") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("The site visits, by date: the case or office, the inspector, the outcome."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((visits = pk_store_list_visits (store, inspector, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "visits");
      json_builder_begin_array (b);
      for (guint i = 0; i < visits->len; i++)
        {
          json_builder_begin_object (b);
          add_visit_summary (b, store, g_ptr_array_index (visits, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
      return PK_EXIT_OK;
    }
  for (guint i = 0; i < visits->len; i++)
    {
      PkVisit *v = g_ptr_array_index (visits, i);
      g_autofree char *subject = visit_subject (store, v);
      g_autofree char *date = pk_date_format_for_locale (v->date);
      g_autofree char *line = g_strdup_printf ("%4" G_GINT64_FORMAT "  %-10s %-12s %-20s %s\n", v->id, date,
                                               subject, v->inspector, pk_visit_outcome_display_name (v->outcome));
      g_autofree char *localized = pk_text_localize_digits (line);

      fputs (localized, stdout);
    }
  return PK_EXIT_OK;
}

/* ---- visit set ---------------------------------------------------------------- */

static gboolean
parse_position (const char *text,
                double     *lat,
                double     *lon)
{
  g_autofree char *ascii = pk_text_to_ascii_digits (text);
  g_auto(GStrv) parts = g_strsplit (ascii ? ascii : text, ",", -1);

  return g_strv_length (parts) == 2 &&
         pk_cli_parse_number ("position", g_strstrip (parts[0]), lat) &&
         pk_cli_parse_number ("position", g_strstrip (parts[1]), lon);
}

static int
visit_set (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("VISIT WHAT VALUE"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkVisit) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL, *reason = NULL, *signed_by = NULL;
  const char *what, *value;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note on the standard"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the site is not compliant, besides the standards it "
                                                        "misses"), N_("TEXT") },
    { "signed-by", 0, 0, G_OPTION_ARG_STRING, &signed_by, N_("The inspector’s name as signed (default: the "
                                                              "visit’s inspector)"), N_("NAME") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Record what the visit found: “ST-N pass|fail|na” (ST-7 also “central”: the "
                              "building’s central facilities), “area_m2 NUMBER”, “position LAT,LON”, or "
                              "“outcome compliant|not-compliant”. Saved at once."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 4)
    return pk_cli_error (_("visit set needs the VISIT, what to set and its value"));
  what = argv[2];
  value = argv[3];
  if ((store = pk_cli_common_open (&common)) == NULL || (v = find_visit (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (pk_standard_index (what) >= 0)
    {
      PkStResult r;

      if (!pk_st_result_from_string (value, &r) || r == PK_ST_UNSET)
        return pk_cli_error (_("a standard is pass, fail, na or (ST-7) central, not “%s”"), value);
      ok = pk_visit_set_standard (store, v, what, r, note, &error);
    }
  else if (g_str_equal (what, "area_m2"))
    {
      double area;

      if (!pk_cli_parse_number ("area_m2", value, &area))
        return PK_EXIT_USAGE;
      ok = pk_visit_set_area (store, v, area, &error);
    }
  else if (g_str_equal (what, "position"))
    {
      double lat, lon;

      if (!parse_position (value, &lat, &lon))
        return pk_cli_error (_("position is LAT,LON in decimal degrees, not “%s”"), value);
      ok = pk_visit_set_position (store, v, TRUE, lat, lon, &error);
    }
  else if (g_str_equal (what, "inspector"))
    ok = pk_visit_reassign (store, v, value, NULL, &error);
  else if (g_str_equal (what, "date"))
    ok = pk_visit_reassign (store, v, NULL, value, &error);
  else if (g_str_equal (what, "outcome"))
    {
      PkVisitOutcome outcome;

      if (!pk_visit_outcome_from_string (value, &outcome) || outcome == PK_VISIT_PENDING)
        return pk_cli_error (_("an outcome is compliant or not-compliant, not “%s”"), value);
      ok = pk_visit_set_outcome (store, v, outcome, reason, signed_by, &error);
    }
  else
    return pk_cli_error (_("visit set takes ST-1 … ST-13, area_m2, position, outcome, inspector or date, not “%s”"),
                         what);
  if (!ok)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autofree char *json = pk_visit_to_json (v);

      printf ("%s\n", json);
    }
  return PK_EXIT_OK;
}

/* ---- visit photo -------------------------------------------------------------- */

static int
visit_photo (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("VISIT FILE…"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkVisit) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) photos = NULL;

  if (!pk_cli_common_parse (context, &common, NULL,
                            _("Add photos (JPEG or PNG) to a visit: set upright, scaled to the workspace’s cap, "
                              "with their time and position and the original’s SHA-256. All or none."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc < 3)
    return pk_cli_error (_("visit photo needs the VISIT and one or more FILEs"));
  if ((store = pk_cli_common_open (&common)) == NULL || (v = find_visit (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!pk_store_begin (store, &error))
    return pk_cli_error ("%s", error->message);
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *data = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len;
      gint64 id;

      if (!g_file_get_contents (argv[i], &data, &len, &error))
        {
          pk_store_rollback (store);
          return pk_cli_error ("%s", error->message);
        }
      bytes = g_bytes_new_take (g_steal_pointer (&data), len);
      if ((id = pk_visit_add_photo (store, v, argv[i], bytes, &error)) == 0)
        {
          pk_store_rollback (store);
          return pk_cli_error ("%s", error->message);
        }
      g_array_append_val (ids, id);
    }
  if (!pk_store_commit (store, &error))
    return pk_cli_error ("%s", error->message);
  if ((photos = pk_store_list_visit_photos (store, v->id, 0, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "photos");
    json_builder_begin_array (b);
    for (guint i = 0; i < photos->len; i++)
      {
        PkVisitPhoto *p = g_ptr_array_index (photos, i);
        gboolean added = FALSE;

        for (guint k = 0; k < ids->len; k++)
          added |= g_array_index (ids, gint64, k) == p->id;
        if (!added)
          continue;
        if (!common.json)
          {
            g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT "  %s  %d×%d  %s  %s\n", p->id,
                                                     p->file_name, p->width, p->height,
                                                     p->taken_at ? p->taken_at : "—", p->sha256);

            fputs (line, stdout);
            continue;
          }
        json_builder_begin_object (b);
        pk_visit_photo_add_json (p, b);
        json_builder_end_object (b);
      }
    json_builder_end_array (b);
    json_builder_end_object (b);
    if (common.json)
      {
        root = json_builder_get_root (b);
        pk_cli_print_json (root);
      }
  }
  return PK_EXIT_OK;
}

/* ---- visit show ---------------------------------------------------------------- */

static int
visit_show (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("VISIT"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkVisit) v = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkVisitCheck) check = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;

  if (!pk_cli_common_parse (context, &common, NULL,
                            _("A visit: its checklist, measurements, the siting check at the observed position, "
                              "its photos and outcome."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("visit show needs the VISIT"));
  if ((store = pk_cli_common_open (&common)) == NULL || (v = find_visit (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if ((checker = pk_site_checker_new (store, &error)) == NULL ||
      (check = pk_visit_check (store, checker, v, &error)) == NULL ||
      (photos = pk_store_list_visit_photos (store, v->id, 0, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      add_visit_summary (b, store, v);
      json_builder_set_member_name (b, "offset_m");
      if (isnan (check->offset_m))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, round (check->offset_m * 10) / 10);
      json_builder_set_member_name (b, "max_offset_m");
      json_builder_add_double_value (b, check->max_offset_m);
      json_builder_set_member_name (b, "offset_flagged");
      json_builder_add_boolean_value (b, check->offset_flagged);
      json_builder_set_member_name (b, "check");
      if (check->verdict != NULL)
        json_builder_add_value (b, pk_site_verdict_to_json (check->verdict));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "photo_list");
      json_builder_begin_array (b);
      for (guint i = 0; i < photos->len; i++)
        {
          json_builder_begin_object (b);
          pk_visit_photo_add_json (g_ptr_array_index (photos, i), b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
      return PK_EXIT_OK;
    }
  {
    g_autofree char *subject = visit_subject (store, v);
    g_autofree char *date = pk_date_format_for_locale (v->date);
    g_autofree char *failing = pk_visit_failing_standards (v);

    pk_cli_print_field (v->case_id ? _("Case") : _("Office"), subject);
    pk_cli_print_field (_("Inspector"), v->inspector);
    pk_cli_print_field (_("Date"), date);
    for (int i = 0; i < PK_N_STANDARDS; i++)
      {
        g_autofree char *value = g_strdup_printf ("%s%s%s", pk_st_result_display_name (v->standards[i].result),
                                                  v->standards[i].note ? " — " : "",
                                                  v->standards[i].note ? v->standards[i].note : "");

        pk_cli_print_field (pk_standard_id (i), value);
      }
    if (!isnan (v->area_m2))
      {
        g_autofree char *area = g_strdup_printf (_("%.0f m²"), v->area_m2);

        pk_cli_print_field (_("Measured floor area"), area);
      }
    if (!isnan (check->offset_m))
      {
        g_autofree char *offset = g_strdup_printf (_("%.0f m from the declared site%s"), check->offset_m,
                                                   check->offset_flagged ? _(" — past the allowed distance") : "");

        pk_cli_print_field (_("Observed position"), offset);
      }
    if (check->verdict != NULL)
      pk_cli_print_field (_("Siting check"), pk_verdict_display_name (check->verdict->verdict));
    {
      g_autofree char *n = g_strdup_printf ("%u", photos->len);

      pk_cli_print_field (_("Photos"), n);
    }
    pk_cli_print_field (_("Outcome"), pk_visit_outcome_display_name (v->outcome));
    if (failing != NULL)
      pk_cli_print_field (_("Standards not met"), failing);
    if (v->reason != NULL)
      pk_cli_print_field (_("Reason"), v->reason);
  }
  return PK_EXIT_OK;
}

/* ---- visit report --------------------------------------------------------------- */

static int
visit_report (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("VISIT"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkVisit) v = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE.pdf") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Write a visit’s report as PDF: checklist, measurements, a map of the declared "
                              "and observed positions, photos, outcome and signature lines."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("visit report needs the VISIT"));
  if (output == NULL || !g_str_has_suffix (output, ".pdf"))
    return pk_cli_error (_("--output must name a .pdf file"));
  if (!pk_cli_output_allowed (output, common.workspace))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_common_open (&common)) == NULL || (v = find_visit (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if ((checker = pk_site_checker_new (store, &error)) == NULL ||
      !pk_report_write_visit_pdf (store, checker, v, output, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

int
pk_cli_visit (int    argc,
              char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } subs[] = {
    { "assign", visit_assign }, { "list", visit_list }, { "set", visit_set }, { "photo", visit_photo },
    { "show", visit_show }, { "report", visit_report },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].run (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli visit assign --workspace PATH CASE --inspector NAME --date DATE\n"
              "  pishkhan-cli visit assign --workspace PATH --office CODE --inspector NAME --date DATE\n"
              "  pishkhan-cli visit list --workspace PATH [--inspector NAME] [--json]\n"
              "  pishkhan-cli visit set --workspace PATH VISIT ST-N pass|fail|na|central [--note TEXT]\n"
              "  pishkhan-cli visit set --workspace PATH VISIT area_m2 NUMBER\n"
              "  pishkhan-cli visit set --workspace PATH VISIT position LAT,LON\n"
              "  pishkhan-cli visit set --workspace PATH VISIT outcome compliant|not-compliant [--reason TEXT]\n"
              "  pishkhan-cli visit set --workspace PATH VISIT inspector NAME | date DATE\n"
              "  pishkhan-cli visit photo --workspace PATH VISIT FILE…\n"
              "  pishkhan-cli visit show --workspace PATH VISIT [--json]\n"
              "  pishkhan-cli visit report --workspace PATH VISIT --output FILE.pdf\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("visit needs a subcommand: assign, list, set, photo, show or report"));
}

/* ---- bundle --------------------------------------------------------------------- */

static void
add_info (JsonBuilder        *b,
          const PkBundleInfo *info)
{
  pk_json_add_string_or_null (b, "bundle", info->uuid);
  pk_json_add_string_or_null (b, "inspector", info->inspector);
  pk_json_add_string_or_null (b, "issued_at", info->issued_at);
  pk_json_add_string_or_null (b, "workspace", info->workspace_uuid);
  json_builder_set_member_name (b, "visits");
  json_builder_add_int_value (b, info->n_visits);
  json_builder_set_member_name (b, "decided");
  json_builder_add_int_value (b, info->n_decided);
  json_builder_set_member_name (b, "photos");
  json_builder_add_int_value (b, info->n_photos);
  json_builder_set_member_name (b, "cases");
  json_builder_add_int_value (b, info->n_cases);
  json_builder_set_member_name (b, "offices");
  json_builder_add_int_value (b, info->n_offices);
}

static void
print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  pk_cli_print_json (root);
}

static int
bundle_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inspector = NULL, *output = NULL, *basemap = NULL;
  const GOptionEntry entries[] = {
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector, N_("Whose visits"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The bundle file to write"), N_("FILE") },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &basemap, N_("A raster MBTiles basemap to take the sites’ tiles "
                                                            "from"), N_("FILE.mbtiles") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Write a field bundle for one inspector: their visits that wait for an outcome, "
                              "the cases and documents they need, the offices around the sites, the geography "
                              "and rules, and basemap tiles. It opens like a workspace, with no network."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (inspector == NULL || output == NULL)
    return pk_cli_error (_("bundle export needs --inspector and --output"));
  if (!pk_cli_output_allowed (output, common.workspace))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((info = pk_bundle_export (store, inspector, output, basemap, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      pk_json_add_string_or_null (b, "path", output);
      add_info (b, info);
      json_builder_set_member_name (b, "tiles");
      json_builder_add_int_value (b, info->n_tiles);
      json_builder_end_object (b);
      print_builder (b);
    }
  else
    printf ("%s\n", output);
  return PK_EXIT_OK;
}

static int
bundle_verify (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!pk_cli_common_parse (context, &common, NULL,
                            _("Say whether a field bundle is intact and whose it is. With --workspace, also "
                              "whether that workspace issued it and its signature holds under the key it kept."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("bundle verify needs the bundle FILE"));
  if (common.workspace != NULL && (store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((info = pk_bundle_verify (store, argv[1], &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "intact");
      json_builder_add_boolean_value (b, TRUE);
      add_info (b, info);
      json_builder_end_object (b);
      print_builder (b);
    }
  else
    {
      g_autofree char *line = g_strdup_printf (_("Intact: field bundle %s for %s, issued %s; %u visits (%u "
                                                 "decided), %u photos"), info->uuid, info->inspector,
                                               info->issued_at, info->n_visits, info->n_decided, info->n_photos);
      g_autofree char *localized = pk_text_localize_digits (line);

      printf ("%s\n", localized);
    }
  return PK_EXIT_OK;
}

static void
add_conflict (JsonBuilder            *b,
              const PkBundleConflict *c)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, c->id);
  pk_json_add_string_or_null (b, "bundle", c->bundle_uuid);
  pk_json_add_string_or_null (b, "inspector", c->inspector);
  pk_json_add_string_or_null (b, "visit", c->visit_uuid);
  pk_json_add_string_or_null (b, "reason", c->reason);
  json_builder_set_member_name (b, "ours");
  if (c->ours != NULL)
    json_builder_add_value (b, json_from_string (c->ours, NULL));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "theirs");
  json_builder_add_value (b, json_from_string (c->theirs, NULL));
  pk_json_add_string_or_null (b, "resolution", c->resolution);
  pk_json_add_string_or_null (b, "resolved_by", c->resolved_by);
}

static int
bundle_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkBundleImport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE, nothing;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Judge and report, write nothing"), NULL },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Merge a field bundle back: each visit the inspector changed is applied with its "
                              "photos unless it or its case changed here since the export — then it is a "
                              "conflict for a person (status 1). A damaged, altered or foreign bundle is "
                              "refused whole (status 2)."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("bundle import needs the bundle FILE"));
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((report = pk_bundle_import (store, argv[1], dry_run, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  nothing = report->n_applied == 0 && report->n_new_conflicts == 0;
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_info (b, report->info);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, dry_run);
      json_builder_set_member_name (b, "applied");
      json_builder_add_int_value (b, report->n_applied);
      json_builder_set_member_name (b, "photos_applied");
      json_builder_add_int_value (b, report->n_photos);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, report->n_unchanged);
      json_builder_set_member_name (b, "already_merged");
      json_builder_add_int_value (b, report->n_already);
      json_builder_set_member_name (b, "changed");
      json_builder_add_boolean_value (b, !nothing && !dry_run);
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->conflicts->len; i++)
        {
          json_builder_begin_object (b);
          add_conflict (b, g_ptr_array_index (report->conflicts, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_builder (b);
    }
  else
    {
      for (guint i = 0; i < report->applied->len; i++)
        printf ("%s %s\n", dry_run ? _("would merge") : _("merged"), (char *) g_ptr_array_index (report->applied, i));
      for (guint i = 0; i < report->conflicts->len; i++)
        {
          PkBundleConflict *c = g_ptr_array_index (report->conflicts, i);

          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);

          printf (_("conflict %s: visit %s — %s; nothing of it applied\n"), id, c->visit_uuid, c->reason);
        }
      if (nothing)
        printf ("%s\n", report->n_already > 0
                        ? _("Nothing changed: this bundle’s changes were merged already.")
                        : _("Nothing changed: the bundle holds no change."));
      else
        printf (_("%u visits and %u photos %s; %u conflicts left for a person (pishkhan-cli bundle resolve)\n"),
                report->n_applied, report->n_photos, dry_run ? _("would be merged") : _("merged"),
                report->conflicts->len);
    }
  return report->conflicts->len > 0 ? PK_EXIT_FAIL : PK_EXIT_OK;
}

static int
bundle_conflicts (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Resolved ones too"), NULL },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("The merge conflicts that wait for a person: this workspace’s side and the "
                              "bundle’s, side by side."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((conflicts = pk_store_list_bundle_conflicts (store, !all, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
      for (guint i = 0; i < conflicts->len; i++)
        {
          json_builder_begin_object (b);
          add_conflict (b, g_ptr_array_index (conflicts, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_builder (b);
      return PK_EXIT_OK;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      PkBundleConflict *c = g_ptr_array_index (conflicts, i);

      printf ("%" G_GINT64_FORMAT "  %s  %s  %s%s%s\n", c->id, c->inspector, c->visit_uuid, c->reason,
              c->resolution ? " → " : "", c->resolution ? c->resolution : "");
    }
  return PK_EXIT_OK;
}

static int
bundle_resolve (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CONFLICT"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  gboolean undo = FALSE;
  guint64 id;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("ours (this workspace’s) or theirs (the bundle’s)"),
      N_("SIDE") },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Undo the conflict’s resolution: open it again as it was"),
      NULL },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Settle a merge conflict: keep this workspace’s visit, or take the bundle’s with "
                              "its photos; --undo opens it again as it was."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return pk_cli_error (_("bundle resolve needs the CONFLICT’s number"));
  if (undo == (keep != NULL))
    return pk_cli_error (_("bundle resolve needs --keep ours|theirs, or --undo"));
  if (!undo && g_strcmp0 (keep, "ours") != 0 && g_strcmp0 (keep, "theirs") != 0)
    return pk_cli_error (_("--keep must be ours or theirs"));
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if (!(undo ? pk_bundle_undo_resolution (store, (gint64) id, &error)
             : pk_bundle_resolve (store, (gint64) id, g_str_equal (keep, "theirs"), &error)))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

/* pishkhan-cli bundle undo [--bundle UUID] */
static int
bundle_undo (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *undone = NULL;
  const GOptionEntry entries[] = {
    { "bundle", 0, 0, G_OPTION_ARG_STRING, &bundle, N_("Undo the last import of this bundle (its UUID), not "
                                                          "the last import of any"), N_("UUID") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("Undo the last import of a field bundle: the visits it merged, their photos and "
                              "what the outcomes did to the cases, as before; refused when one of them was "
                              "changed since. Importing the bundle again merges it again."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 1)
    return pk_cli_error (_("bundle undo takes no FILE: --bundle UUID names the bundle"));
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((undone = pk_bundle_undo_import (store, bundle, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  printf (_("Undone: the last import of bundle %s\n"), undone);
  return PK_EXIT_OK;
}

int
pk_cli_bundle (int    argc,
               char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } subs[] = {
    { "export", bundle_export }, { "verify", bundle_verify }, { "import", bundle_import },
    { "conflicts", bundle_conflicts }, { "resolve", bundle_resolve }, { "undo", bundle_undo },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].run (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli bundle export --workspace PATH --inspector NAME --output FILE"
              " [--basemap FILE.mbtiles]\n"
              "  pishkhan-cli bundle verify [--workspace PATH] FILE [--json]\n"
              "  pishkhan-cli bundle import --workspace PATH FILE [--dry-run] [--json]\n"
              "  pishkhan-cli bundle conflicts --workspace PATH [--all] [--json]\n"
              "  pishkhan-cli bundle resolve --workspace PATH CONFLICT --keep ours|theirs|--undo\n"
              "  pishkhan-cli bundle undo --workspace PATH [--bundle UUID]\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("bundle needs a subcommand: export, verify, import, conflicts, resolve or undo"));
}
