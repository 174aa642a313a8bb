/* pk-cli-case.c: pishkhan-cli case list|show|create|set|attach|stage|site|export
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pk-case-attach.h"
#include "pk-case-workflow.h"
#include "pk-cli.h"
#include "pk-export.h"
#include "pk-report.h"
#include "pk-text.h"

/* The options every subcommand shares, and its positional arguments. */
static char *
pad (const char *text,
     int         width)
{
  glong n = g_utf8_strlen (text, -1);

  return g_strdup_printf ("%s%*s", text, (int) MAX (0, width - n), "");
}


static int
case_create (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autofree char *request = NULL, *license = NULL, *applicant = NULL;
  gboolean conversion = FALSE, new_address = FALSE;
  PkRequest rq;
  PkLicense lic;
  PkApplicantKind kind;
  const GOptionEntry entries[] = {
    { "request", 0, 0, G_OPTION_ARG_STRING, &request, N_("RQ-1 … RQ-8"), N_("TYPE") },
    { "license", 0, 0, G_OPTION_ARG_STRING, &license, N_("urban or rural"), N_("TYPE") },
    { "applicant", 0, 0, G_OPTION_ARG_STRING, &applicant, N_("person or company"), N_("KIND") },
    { "conversion", 0, 0, G_OPTION_ARG_NONE, &conversion,
      N_("Convert another body’s service licence (LT-6)"), NULL },
    { "new-address", 0, 0, G_OPTION_ARG_NONE, &new_address,
      N_("A transfer with a new address (ST-13)"), NULL },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("File a new case; prints its number."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (request == NULL || !pk_request_from_string (request, &rq))
    return pk_cli_error (_("--request must be one of RQ-1 … RQ-8"));
  if (license == NULL || !pk_license_from_string (license, &lic))
    return pk_cli_error (_("--license must be urban or rural"));
  if (applicant == NULL || !pk_applicant_from_string (applicant, &kind))
    return pk_cli_error (_("--applicant must be person or company"));
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  c = pk_case_new (rq, lic, kind);
  c->conversion = conversion;
  c->new_address = new_address;
  if (pk_store_add_case (store, c, &error) == 0)
    return pk_cli_error ("%s", error->message);
  printf ("%s\n", c->number);
  return PK_EXIT_OK;
}

static int
case_list (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *status = NULL, *request = NULL, *search = NULL;
  g_autofree char *needle = NULL;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("open, returned or done"), N_("STATUS") },
    { "request", 0, 0, G_OPTION_ARG_STRING, &request, N_("RQ-1 … RQ-8"), N_("TYPE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Number, company or person name"), N_("TEXT") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("List the cases, newest first: status, current stage, "
                                           "what is missing."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (status != NULL && !g_str_equal (status, "open") && !g_str_equal (status, "returned") &&
      !g_str_equal (status, "done"))
    return pk_cli_error (_("--status must be open, returned or done"));
  {
    PkRequest rq;

    if (request != NULL && !pk_request_from_string (request, &rq))
      return pk_cli_error (_("--request must be one of RQ-1 … RQ-8"));
  }
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((cases = pk_store_list_cases (store, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  needle = search ? pk_text_fold (search) : NULL;
  json_builder_begin_array (b);
  for (guint i = 0; i < cases->len; i++)
    {
      PkCase *c = g_ptr_array_index (cases, i);
      const PkStageInfo *current = pk_case_current_stage (c);
      g_autoptr(GPtrArray) missing = current ? pk_case_missing (c, current) : g_ptr_array_new ();

      if (status != NULL && !g_str_equal (status, pk_case_status_to_string (c->status)))
        continue;
      if (request != NULL && g_ascii_strcasecmp (request, pk_request_to_string (c->request)) != 0)
        continue;
      if (needle != NULL)
        {
          GString *hay = g_string_new (c->number);
          g_autofree char *folded = NULL;

          g_string_append_printf (hay, " %s", pk_case_get_field (c, "company.name") ? pk_case_get_field (c, "company.name") : "");
          for (guint k = 0; k < c->people->len; k++)
            g_string_append_printf (hay, " %s", ((PkCasePerson *) g_ptr_array_index (c->people, k))->name ?: "");
          folded = pk_text_fold (hay->str);
          g_string_free (hay, TRUE);
          if (strstr (folded, needle) == NULL)
            continue;
        }
      if (common.json)
        json_builder_add_value (b, pk_case_to_json (c));
      else
        {
          g_autofree char *status_text = pad (pk_case_status_display_name (c->status), 26);
          g_autofree char *line = g_strdup_printf ("%s  %-4s %-6s %-8s %s %-5s %u\n", c->number,
                                                   pk_request_to_string (c->request),
                                                   pk_license_to_string (c->license),
                                                   pk_applicant_to_string (c->applicant),
                                                   status_text, current ? current->id : "—", missing->len);
          g_autofree char *localized = pk_text_localize_digits (line);

          fputs (localized, stdout);
        }
    }
  json_builder_end_array (b);
  if (common.json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      pk_cli_print_json (root);
    }
  return PK_EXIT_OK;
}

static int
case_show (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GPtrArray) plan = NULL;

  if (!pk_cli_common_parse (context, &common, NULL, _("Show a case: its stages, what each misses, documents, history."),
              &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("case show needs exactly one case NUMBER"));
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (common.json)
    {
      g_autoptr(JsonNode) node = pk_case_to_json (c);
      pk_cli_print_json (node);
      return PK_EXIT_OK;
    }
  pk_cli_print_field (_("Case:"), c->number);
  pk_cli_print_field (_("Request:"), pk_request_display_name (c->request));
  pk_cli_print_field (_("Licence:"), pk_license_display_name (c->license));
  pk_cli_print_field (_("Applicant:"), pk_applicant_display_name (c->applicant));
  pk_cli_print_field (_("Status:"), pk_case_status_display_name (c->status));
  printf ("\n");
  plan = pk_case_plan (c);
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      g_autoptr(GPtrArray) missing = pk_case_missing (c, st);
      PkStageState state = pk_case_stage_state (c, st);
      const char *note = g_hash_table_lookup (c->stage_notes, st->id);

      g_autofree char *state_text = pad (pk_stage_state_display_name (state), 20);

      printf ("  %-5s %s %s\n", st->id, state_text, pk_stage_title (st));
      if (note != NULL)
        printf ("        %s %s\n", _("Returned because:"), note);
      if (state != PK_STAGE_DONE)
        for (guint k = 0; k < missing->len; k++)
          {
            g_autofree char *localized = pk_text_localize_digits (g_ptr_array_index (missing, k));
            printf ("        – %s\n", localized);
          }
    }
  return PK_EXIT_OK;
}

static int
case_set (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER KEY [VALUE]"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expect = NULL;
  const GOptionEntry entries[] = {
    { "expect", 0, 0, G_OPTION_ARG_STRING, &expect,
      N_("Save only if the field is still OLD (\"\" for empty): another person's save in between is a "
         "conflict, exit status 1"), N_("OLD") },
    { NULL }
  };
  const char *value;

  if (!pk_cli_common_parse (context, &common, entries, _("Set (or, without VALUE, clear) a field of a case, validated: "
                                        "dates as YYYY-MM-DD, the company’s national ID, the site’s "
                                        "postal code…"), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 3 && argc != 4)
    return pk_cli_error (_("case set needs NUMBER KEY [VALUE]"));
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  value = argc == 4 ? argv[3] : NULL;
  if (expect != NULL
      ? !pk_case_workflow_set_field_if (store, c->id, argv[2], *expect ? expect : NULL, value, &error)
      : !pk_case_workflow_set_field (store, c->id, argv[2], value, &error))
    {
      pk_cli_error ("%s", error->message);
      return g_error_matches (error, PK_STORE_ERROR, PK_STORE_ERROR_CONFLICT) ? PK_EXIT_FAIL : PK_EXIT_USAGE;
    }
  return PK_EXIT_OK;
}

static int
case_attach (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER FILE…"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkDocReport) report = NULL;
  g_autofree char *kind = NULL;
  gint64 person = 0;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("The kind of document"), N_("KIND") },
    { "person", 0, 0, G_OPTION_ARG_INT64, &person, N_("Whose document: a person’s id (case show --json)"),
      N_("ID") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("Attach a document: a PDF, or JPEG/PNG photos of the "
                                           "originals combined into one PDF in the order given. It "
                                           "is checked at once (DOC-1 … DOC-5) and kept with its "
                                           "result; exit status 1 when it fails."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc < 3)
    return pk_cli_error (_("case attach needs NUMBER and at least one FILE"));
  if (kind == NULL)
    return pk_cli_error (_("--kind is required"));
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  {
    int saved = pk_cli_mute_stderr ();

    report = pk_case_attach_document (store, c->id, kind, person, (const char * const *) argv + 2, &error);
    pk_cli_restore_stderr (saved);
  }
  if (report == NULL)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonNode) node = pk_doc_report_to_json (report);
      pk_cli_print_json (node);
    }
  else
    printf ("%s\n", report->pass ? _("attached; passes its check") : _("attached; fails its check"));
  return report->pass ? PK_EXIT_OK : PK_EXIT_FAIL;
}

static int
case_stage (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER STAGE done|reopen|return|resubmit"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the file is returned (RT-1)"), N_("TEXT") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("Mark a stage done (refused, with what is missing, while "
                                           "anything is), open it again, return the file to the "
                                           "applicant with the reasons (RT-1), or send it again."),
              &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 4)
    return pk_cli_error (_("case stage needs NUMBER STAGE and one of done, reopen, return, resubmit"));
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (g_str_equal (argv[3], "done"))
    ok = pk_case_workflow_mark_stage (store, c, argv[2], TRUE, &error);
  else if (g_str_equal (argv[3], "reopen"))
    ok = pk_case_workflow_mark_stage (store, c, argv[2], FALSE, &error);
  else if (g_str_equal (argv[3], "return"))
    ok = pk_case_workflow_return (store, c, argv[2], reason, &error);
  else if (g_str_equal (argv[3], "resubmit"))
    ok = pk_case_workflow_resubmit (store, c, &error);
  else
    return pk_cli_error (_("“%s” is not done, reopen, return or resubmit"), argv[3]);
  if (!ok)
    return g_error_matches (error, PK_CASE_ERROR, PK_CASE_ERROR_MISSING)
           ? (pk_cli_error ("%s", error->message), PK_EXIT_FAIL)
           : pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

/* The site step from the command line (PA-3, S10), as the wizard's "Use This
 * Site and Its Check": the siting check run there for the case's licence
 * type, the site stored with its verdict; or the other choice, a site not on
 * the map with its address. */
static int
case_site (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkSiteVerdict) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lat = NULL, *lon = NULL, *at = NULL, *area = NULL, *land_use = NULL;
  g_autofree char *address = NULL;
  gboolean not_on_map = FALSE;
  PkSiteQuery q;
  const GOptionEntry entries[] = {
    { "lat", 0, 0, G_OPTION_ARG_STRING, &lat, N_("Latitude, decimal degrees (WGS84)"), N_("LAT") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &lon, N_("Longitude, decimal degrees (WGS84)"), N_("LON") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Both coordinates in any common form, e.g. “32.866, 59.221” or 32°51′58″N 59°13′16″E"),
      N_("COORDS") },
    { "area-m2", 0, 0, G_OPTION_ARG_STRING, &area, N_("Floor area in m²"), N_("N") },
    { "land-use", 0, 0, G_OPTION_ARG_STRING, &land_use,
      N_("Permitted land use declared: yes, no or unknown"), N_("ANSWER") },
    { "not-on-map", 0, 0, G_OPTION_ARG_NONE, &not_on_map,
      N_("The site cannot be shown on the map: give its --address instead"), NULL },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The site’s postal address"), N_("TEXT") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("Store the case’s site with the siting check run there "
                                           "for its licence type (PA-3, S10), or, with --not-on-map, "
                                           "its address alone."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("case site needs the case’s NUMBER"));
  pk_site_query_init (&q);
  if (not_on_map && (address == NULL || *g_strstrip (address) == '\0'))
    return pk_cli_error (_("--not-on-map needs the site’s --address"));
  if (!pk_cli_site_options (at, lat, lon, area, land_use, !not_on_map, &q))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (not_on_map)
    {
      if (!pk_case_workflow_set_site_details (store, c, TRUE, address, &error))
        return pk_cli_error ("%s", error->message);
      return PK_EXIT_OK;
    }
  q.license = c->license;
  if ((checker = pk_site_checker_new (store, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  v = pk_site_checker_check (checker, &q);
  if (!pk_case_workflow_set_site (store, c, v, &error) ||
      (address != NULL && !pk_case_workflow_set_site_details (store, c, FALSE, address, &error)))
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(JsonNode) node = pk_site_verdict_to_json (v);

      pk_cli_print_json (node);
    }
  else
    pk_cli_print_field (_("Site stored; its check"), pk_verdict_display_name (v->verdict));
  return PK_EXIT_OK;
}

static int
case_export (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("FILE.pdf (the summary) or FILE.json (the whole case, documents included)"), N_("FILE") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("Write the case summary as PDF, or the whole case as one "
                                           "self-contained JSON file."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("case export needs exactly one case NUMBER"));
  if (output == NULL || !(g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".json")))
    return pk_cli_error (_("--output must name a .pdf or .json file"));
  if (!pk_cli_output_allowed (output, common.workspace))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!(g_str_has_suffix (output, ".pdf") ? pk_report_write_case_pdf (store, c, output, &error)
                                          : pk_export_case_file (store, c, output, &error)))
    return pk_cli_error ("%s", error->message);
  printf ("%s\n", output);
  return PK_EXIT_OK;
}

int
pk_cli_case (int    argc,
             char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } subs[] = {
    { "list", case_list }, { "show", case_show }, { "create", case_create }, { "set", case_set },
    { "attach", case_attach }, { "stage", case_stage }, { "site", case_site }, { "export", case_export },
    { "letter", pk_cli_case_letter }, { "conditions", pk_cli_case_conditions },
    { "withdraw", pk_cli_case_withdraw },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].run (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n"
              "  pishkhan-cli case create --workspace PATH --request RQ-1 --license urban|rural"
              " --applicant person|company [--conversion] [--new-address]\n"
              "  pishkhan-cli case list --workspace PATH [--status S] [--request RQ-n] [--search TEXT] [--json]\n"
              "  pishkhan-cli case show --workspace PATH NUMBER [--json]\n"
              "  pishkhan-cli case set --workspace PATH NUMBER KEY [VALUE]\n"
              "  pishkhan-cli case attach --workspace PATH --kind KIND [--person ID] NUMBER FILE…\n"
              "  pishkhan-cli case stage --workspace PATH NUMBER STAGE done|reopen|return|resubmit"
              " [--reason TEXT]\n"
              "  pishkhan-cli case site --workspace PATH NUMBER (--lat LAT --lon LON | --at COORDS)"
              " [--area-m2 N] [--land-use yes|no] [--address TEXT] [--json]\n"
              "  pishkhan-cli case site --workspace PATH NUMBER --not-on-map --address TEXT\n"
              "  pishkhan-cli case export --workspace PATH NUMBER --output FILE.pdf|FILE.json\n"
              "  pishkhan-cli case letter --workspace PATH NUMBER --output FILE.pdf\n"
              "  pishkhan-cli case conditions --workspace PATH NUMBER [ID met|open] [--json]\n"
              "  pishkhan-cli case withdraw --workspace PATH NUMBER [--reason TEXT]\n",
              _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("case needs a subcommand: list, show, create, set, attach, stage, site, export, letter, "
                         "conditions or withdraw"));
}
