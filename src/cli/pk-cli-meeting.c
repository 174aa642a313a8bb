/* pk-cli-meeting.c: pishkhan-cli review list, meeting create|add|decide|close|show,
 * audit — the working group's work and the audit log (cli.md, "Working group,
 * visits, bundles, audit")
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pk-cli.h"
#include "pk-coverage.h"
#include "pk-export.h"
#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-report.h"
#include "pk-text.h"
#include "pk-working-group.h"

static void
add_place (JsonBuilder   *b,
           const char    *member,
           const PkPlace *place)
{
  json_builder_set_member_name (b, member);
  if (place == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name_fa");
  json_builder_add_string_value (b, place->name_fa);
  json_builder_set_member_name (b, "name_en");
  json_builder_add_string_value (b, place->name_en);
  json_builder_end_object (b);
}


/* ---- review list ----------------------------------------------------------- */

static int
review_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = NULL, *county = NULL, *license = NULL;
  PkReview review;
  PkLicense lic = PK_LICENSE_URBAN;
  gint64 county_id = 0;
  const GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("PA-5 or final"), N_("STAGE") },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_("One county, by name (Persian or English) or id"),
      N_("COUNTY") },
    { "license", 0, 0, G_OPTION_ARG_STRING, &license, N_("urban or rural"), N_("TYPE") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("The cases that wait for the working group — the location before approval "
                              "(PA-5) and the final approval — with the stored siting verdict, the verdict "
                              "run again now, and whether they differ."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (stage != NULL && !pk_review_from_string (stage, &review))
    return pk_cli_error (_("--stage must be PA-5 or final"));
  if (license != NULL && !pk_license_from_string (license, &lic))
    return pk_cli_error (_("--license must be urban or rural"));
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if (county != NULL && (county_id = pk_coverage_find_county (store, county, &error)) == 0)
    return pk_cli_error ("%s", error->message);
  if ((checker = pk_site_checker_new (store, &error)) == NULL ||
      (queue = pk_review_queue (store, checker, stage ? &review : NULL, county_id, license ? (int) lic : -1,
                                &error)) == NULL)
    return pk_cli_error ("%s", error->message);

  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cases");
      json_builder_begin_array (b);
      for (guint i = 0; i < queue->len; i++)
        {
          PkReviewItem *item = g_ptr_array_index (queue, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "number");
          json_builder_add_string_value (b, item->c->number);
          json_builder_set_member_name (b, "stage");
          json_builder_add_string_value (b, pk_review_to_string (item->review));
          add_place (b, "county", item->county);
          json_builder_set_member_name (b, "license");
          json_builder_add_string_value (b, pk_license_to_string (item->c->license));
          json_builder_set_member_name (b, "days_waiting");
          json_builder_add_int_value (b, item->days_waiting);
          pk_json_add_string_or_null (b, "verdict_stored", item->verdict_stored);
          pk_json_add_string_or_null (b, "verdict_now", item->verdict_now ? pk_verdict_to_string (item->verdict_now->verdict)
                                                                  : NULL);
          json_builder_set_member_name (b, "stale");
          json_builder_add_boolean_value (b, item->stale);
          /* the site visit (S11), when there is one */
          json_builder_set_member_name (b, "visit");
          if (item->visit != NULL)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, item->visit->id);
              pk_visit_add_json (item->visit, b);
              json_builder_end_object (b);
            }
          else
            json_builder_add_null_value (b);
          /* LT-8, LT-9 from the register of offices */
          json_builder_set_member_name (b, "register");
          json_builder_begin_array (b);
          for (guint k = 0; k < item->register_findings->len; k++)
            {
              PkRegisterFinding *f = g_ptr_array_index (item->register_findings, k);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "rule");
              json_builder_add_string_value (b, f->rule);
              json_builder_set_member_name (b, "status");
              json_builder_add_string_value (b, f->status == PK_RULE_FAIL ? "fail" : "needs_review");
              json_builder_set_member_name (b, "message");
              json_builder_add_string_value (b, f->message);
              pk_json_add_string_or_null (b, "possible_from", f->possible_from);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          /* requests within the spacing distance, or for the county's last places */
          json_builder_set_member_name (b, "competing");
          json_builder_begin_array (b);
          for (guint k = 0; k < item->competitors->len; k++)
            json_builder_add_string_value (b, g_ptr_array_index (item->competitors, k));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
      return PK_EXIT_OK;
    }
  for (guint i = 0; i < queue->len; i++)
    {
      PkReviewItem *item = g_ptr_array_index (queue, i);
      g_autofree char *line =
        g_strdup_printf ("%-10s %-18s %-18s %-20s %3d %s  %s → %s%s\n", item->c->number,
                         pk_review_display_name (item->review),
                         item->county ? pk_place_display_name (item->county) : "—",
                         pk_license_display_name (item->c->license), item->days_waiting, _("days"),
                         item->verdict_stored ? item->verdict_stored : "—",
                         item->verdict_now ? pk_verdict_to_string (item->verdict_now->verdict) : "—",
                         item->stale ? _("  (changed since it was checked)") : "");
      g_autofree char *localized = pk_text_localize_digits (line);

      fputs (localized, stdout);
    }
  if (queue->len == 0)
    printf ("%s\n", _("No case waits for the working group."));
  return PK_EXIT_OK;
}

int
pk_cli_review (int    argc,
               char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return review_list (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli review list --workspace PATH [--stage PA-5|final] [--county C]"
              " [--license L] [--json]\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("review needs a subcommand: list"));
}

/* ---- meetings ------------------------------------------------------------------ */

static PkMeeting *
find_meeting (PkStore    *store,
              const char *number_or_id)
{
  g_autoptr(GError) error = NULL;
  PkMeeting *m = pk_meeting_find (store, number_or_id, &error);

  if (m == NULL)
    pk_cli_error ("%s", error->message);
  return m;
}

static int
meeting_create (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL, *date = NULL;
  g_auto(GStrv) members = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("The meeting’s number, as the secretariat gives it"),
      N_("N") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Its date: 2026-12-02 or 1405/09/11"), N_("DATE") },
    { "member", 0, 0, G_OPTION_ARG_STRING_ARRAY, &members, N_("A member present (repeat for each)"),
      N_("NAME") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries, _("Create a working-group meeting; prints its id."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((id = pk_meeting_create (store, number, date, (const char * const *) members, &error)) == 0)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(PkMeeting) m = pk_store_get_meeting (store, id, NULL);
      g_autofree char *text = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"number\": ", id);
      g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), m ? m->number : number);
      g_autofree char *quoted = json_to_string (name, FALSE);

      printf ("%s%s}\n", text, quoted);
    }
  else
    printf ("%" G_GINT64_FORMAT "\n", id);
  return PK_EXIT_OK;
}

static int
meeting_add (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("MEETING CASE…"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkMeeting) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_free);

  if (!pk_cli_common_parse (context, &common, NULL, _("Put cases on a meeting’s agenda."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc < 3)
    return pk_cli_error (_("meeting add needs the MEETING and one or more CASE numbers"));
  if ((store = pk_cli_common_open (&common)) == NULL || (m = find_meeting (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  for (int i = 2; i < argc; i++)
    {
      PkCase *c = pk_cli_find_case (store, argv[i]);

      if (c == NULL)
        return PK_EXIT_USAGE;
      g_ptr_array_add (cases, c);
    }
  /* all or none */
  if (!pk_store_begin (store, &error))
    return pk_cli_error ("%s", error->message);
  for (guint i = 0; i < cases->len; i++)
    if (!pk_meeting_add_case (store, m->id, ((PkCase *) g_ptr_array_index (cases, i))->id, &error))
      {
        pk_store_rollback (store);
        return pk_cli_error ("%s", error->message);
      }
  if (!pk_store_commit (store, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

/* --condition TEXT [--due DATE] pairs, taken out of @argv before the other
 * options are parsed (GOption cannot pair them). */
static gboolean
take_conditions (int         *argc,
                 char       **argv,
                 GPtrArray   *conditions)
{
  int out = 0;

  for (int i = 0; i < *argc; i++)
    {
      const char *value = NULL;
      gboolean is_condition = g_str_equal (argv[i], "--condition") || g_str_has_prefix (argv[i], "--condition=");
      gboolean is_due = g_str_equal (argv[i], "--due") || g_str_has_prefix (argv[i], "--due=");

      if (!is_condition && !is_due)
        {
          argv[out++] = argv[i];
          continue;
        }
      if (strchr (argv[i], '=') != NULL)
        value = strchr (argv[i], '=') + 1;
      else if (i + 1 < *argc)
        value = argv[++i];
      else
        {
          pk_cli_error (_("%s needs a value"), argv[i]);
          return FALSE;
        }
      if (is_condition)
        g_ptr_array_add (conditions, pk_case_condition_new (value, NULL));
      else if (conditions->len == 0 ||
               ((PkCaseCondition *) g_ptr_array_index (conditions, conditions->len - 1))->due != NULL)
        {
          pk_cli_error (_("--due belongs after the --condition it dates"));
          return FALSE;
        }
      else
        ((PkCaseCondition *) g_ptr_array_index (conditions, conditions->len - 1))->due = g_strdup (value);
    }
  argv[out] = NULL;
  *argc = out;
  return TRUE;
}

static int
meeting_decide (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("MEETING CASE"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkMeeting) m = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkDecision) d = pk_decision_new (PK_DECISION_APPROVE);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL, *override = NULL;
  g_auto(GStrv) rules = NULL;
  gboolean approve = FALSE, ret = FALSE, reject = FALSE;
  gint64 id;
  const GOptionEntry entries[] = {
    { "approve", 0, 0, G_OPTION_ARG_NONE, &approve, N_("Approve (add --condition TEXT [--due DATE] for each "
                                                       "condition)"), NULL },
    { "return", 0, 0, G_OPTION_ARG_NONE, &ret, N_("Return for revision (RT-1): --reason and/or --rule"), NULL },
    { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, N_("Reject, with --reason"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, in words"), N_("TEXT") },
    { "rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rules, N_("A rule that fails, e.g. SR-3 (repeat)"), N_("ID") },
    { "override-capacity", 0, 0, G_OPTION_ARG_STRING, &override,
      N_("Approve past the county’s capacity (LT-7), for this reason"), N_("TEXT") },
    { NULL }
  };

  if (!take_conditions (&argc, argv, d->conditions))
    return PK_EXIT_USAGE;
  if (!pk_cli_common_parse (context, &common, entries,
                            _("Record the meeting’s decision on a case: approve (with conditions), return "
                              "for revision, or reject. Past the county’s capacity an approval is refused "
                              "unless --override-capacity says why."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 3)
    return pk_cli_error (_("meeting decide needs the MEETING and the CASE"));
  if (approve + ret + reject != 1)
    return pk_cli_error (_("give one of --approve, --return or --reject"));
  if (!approve && (d->conditions->len > 0 || override != NULL))
    return pk_cli_error (_("--condition and --override-capacity go with --approve"));
  d->kind = approve ? PK_DECISION_APPROVE : ret ? PK_DECISION_RETURN : PK_DECISION_REJECT;
  d->reason = g_steal_pointer (&reason);
  if (rules != NULL)
    {
      g_strfreev (d->rules);
      d->rules = g_steal_pointer (&rules);
    }
  d->override_reason = g_steal_pointer (&override);
  if ((store = pk_cli_common_open (&common)) == NULL || (m = find_meeting (store, argv[1])) == NULL ||
      (c = pk_cli_find_case (store, argv[2])) == NULL)
    return PK_EXIT_USAGE;
  if ((checker = pk_site_checker_new (store, &error)) == NULL ||
      (id = pk_meeting_decide (store, checker, m->id, c->id, d, &error)) == 0)
    return pk_cli_error ("%s", error->message);
  if (common.json)
    {
      g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, c->id, NULL);
      PkDecision *made = NULL;
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; decisions && i < decisions->len; i++)
        if (((PkDecision *) g_ptr_array_index (decisions, i))->id == id)
          made = g_ptr_array_index (decisions, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "meeting");
      json_builder_add_string_value (b, m->number);
      json_builder_set_member_name (b, "case");
      json_builder_add_string_value (b, c->number);
      json_builder_set_member_name (b, "decision");
      json_builder_add_string_value (b, pk_decision_kind_to_string (d->kind));
      json_builder_set_member_name (b, "office_id");
      if (made != NULL && made->office_id > 0)
        json_builder_add_int_value (b, made->office_id);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
    }
  else
    printf ("%" G_GINT64_FORMAT "\n", id);
  return PK_EXIT_OK;
}

static int
meeting_close (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("MEETING"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkMeeting) m = NULL;
  g_autoptr(GError) error = NULL;

  if (!pk_cli_common_parse (context, &common, NULL,
                            _("Close a meeting: its decisions become final; a later meeting may decide again."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("meeting close needs the MEETING"));
  if ((store = pk_cli_common_open (&common)) == NULL || (m = find_meeting (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!pk_meeting_close (store, m->id, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

static void
add_decision (JsonBuilder      *b,
              PkStore          *store,
              const PkDecision *d)
{
  g_autoptr(PkCase) c = pk_store_get_case (store, d->case_id, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "case");
  json_builder_add_string_value (b, c ? c->number : "");
  pk_decision_add_json (d, b);
  json_builder_end_object (b);
}

static int
meeting_show (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("MEETING"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkMeeting) m = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!pk_cli_common_parse (context, &common, NULL, _("Show a meeting: date, members, agenda, decisions."),
                            &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("meeting show needs the MEETING"));
  if ((store = pk_cli_common_open (&common)) == NULL || (m = find_meeting (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!common.json)
    {
      g_autofree char *date = pk_date_format_for_locale (m->date);
      g_autofree char *members = g_strjoinv (_(", "), m->members);

      pk_cli_print_field (_("Meeting"), m->number);
      pk_cli_print_field (_("Date"), date);
      pk_cli_print_field (_("Members present"), members);
      pk_cli_print_field (_("Closed"), m->closed_at ? m->closed_at : _("no"));
      for (guint i = 0; i < m->agenda->len; i++)
        {
          PkAgendaItem *item = &g_array_index (m->agenda, PkAgendaItem, i);
          g_autoptr(PkCase) c = pk_store_get_case (store, item->case_id, NULL);
          const PkDecision *d = pk_meeting_find_decision (m, item->case_id);

          printf ("  %-10s %-18s %s%s%s\n", c ? c->number : "?", pk_review_display_name (item->review),
                  d ? pk_decision_display_name (d) : _("not decided"), d && d->reason ? " — " : "",
                  d && d->reason ? d->reason : "");
        }
      return PK_EXIT_OK;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, m->id);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, m->number);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, m->date);
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; m->members[i]; i++)
    json_builder_add_string_value (b, m->members[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "closed");
  json_builder_add_boolean_value (b, m->closed_at != NULL);
  json_builder_set_member_name (b, "agenda");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->agenda->len; i++)
    {
      PkAgendaItem *item = &g_array_index (m->agenda, PkAgendaItem, i);
      g_autoptr(PkCase) c = pk_store_get_case (store, item->case_id, NULL);

      json_builder_add_string_value (b, c ? c->number : "");
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->decisions->len; i++)
    add_decision (b, store, g_ptr_array_index (m->decisions, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pk_cli_print_json (root);
  return PK_EXIT_OK;
}

/* The papers: --output FILE.pdf, parsed and checked the same way for both. */
static gboolean
parse_paper (GOptionContext  *context,
             PkCliCommon     *common,
             char           **output,
             const char      *summary,
             const char      *needs,
             int             *argc,
             char          ***argv)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, output, N_("The PDF file to write"), N_("FILE.pdf") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, common, entries, summary, argc, argv))
    return FALSE;
  if (*argc != 2)
    return pk_cli_error ("%s", needs), FALSE;
  if (*output == NULL || !g_str_has_suffix (*output, ".pdf"))
    return pk_cli_error (_("--output must name a .pdf file")), FALSE;
  return pk_cli_output_allowed (*output, common->workspace);
}

static int
meeting_minutes (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("MEETING"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkMeeting) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  if (!parse_paper (context, &common, &output,
                    _("Write a meeting’s minutes as PDF: number, date, members, each case with its decision, "
                      "conditions and reasons, signature lines."),
                    _("meeting minutes needs the MEETING"), &argc, &argv))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_common_open (&common)) == NULL || (m = find_meeting (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!pk_report_write_minutes_pdf (store, m, output, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

/* pishkhan-cli case conditions CASE [--json]; case condition CASE ID met|open:
 * the conditions an approval put on the case, tracked until someone marks them met */
int
pk_cli_case_conditions (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER [ID met|open]"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!pk_cli_common_parse (context, &common, NULL,
                            _("The conditions of the case’s approvals, with their due dates and whether they are "
                              "met; with an ID and met or open, marks one."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2 && argc != 4)
    return pk_cli_error (_("case conditions needs the case’s NUMBER, and to mark one its ID and met or open"));
  if (argc == 4 && !g_str_equal (argv[3], "met") && !g_str_equal (argv[3], "open"))
    return pk_cli_error (_("a condition is marked met or open, not “%s”"), argv[3]);
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if ((decisions = pk_store_list_case_decisions (store, c->id, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (argc == 4)
    {
      gint64 id = 0;
      gboolean found = FALSE;
      g_autofree char *ascii = pk_text_to_ascii_digits (argv[2]);

      g_ascii_string_to_signed (ascii, 10, 1, G_MAXINT64, &id, NULL);
      for (guint i = 0; i < decisions->len; i++)
        {
          PkDecision *d = g_ptr_array_index (decisions, i);

          for (guint k = 0; k < d->conditions->len; k++)
            found |= ((PkCaseCondition *) g_ptr_array_index (d->conditions, k))->id == id;
        }
      if (!found)
        return pk_cli_error (_("case %s has no condition “%s”"), c->number, argv[2]);
      if (!pk_store_set_condition_met (store, id, g_str_equal (argv[3], "met"), &error))
        return pk_cli_error ("%s", error->message);
      return PK_EXIT_OK;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "conditions");
  json_builder_begin_array (b);
  for (guint i = 0; i < decisions->len; i++)
    {
      PkDecision *d = g_ptr_array_index (decisions, i);

      for (guint k = 0; k < d->conditions->len; k++)
        {
          PkCaseCondition *cond = g_ptr_array_index (d->conditions, k);

          if (!common.json)
            {
              g_autofree char *due = cond->due ? pk_date_format_for_locale (cond->due) : NULL;
              g_autofree char *line = g_strdup_printf ("%3" G_GINT64_FORMAT "  %-5s %s%s%s\n", cond->id,
                                                       cond->met_at ? _("met") : _("open"), cond->text,
                                                       due ? " — " : "", due ? due : "");
              g_autofree char *localized = pk_text_localize_digits (line);

              fputs (localized, stdout);
              continue;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, cond->id);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, cond->text);
          pk_json_add_string_or_null (b, "due", cond->due);
          json_builder_set_member_name (b, "met");
          json_builder_add_boolean_value (b, cond->met_at != NULL);
          pk_json_add_string_or_null (b, "met_by", cond->met_by);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (common.json)
    {
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
    }
  return PK_EXIT_OK;
}

/* pishkhan-cli case letter CASE --output FILE.pdf */
int
pk_cli_case_letter (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  if (!parse_paper (context, &common, &output,
                    _("Write the working group’s latest decision on a case as a letter to the applicant (PDF)."),
                    _("case letter needs the case’s NUMBER"), &argc, &argv))
    return PK_EXIT_USAGE;
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!pk_report_write_decision_letter (store, c, output, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

/* pishkhan-cli case withdraw CASE [--reason TEXT] */
int
pk_cli_case_withdraw (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("The applicant’s words, kept in the case’s history"),
      N_("TEXT") },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("The applicant withdraws the request: the case is closed as withdrawn and the "
                              "approved location it held is freed (LT-7, SR-3)."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("case withdraw needs the case’s NUMBER"));
  if ((store = pk_cli_common_open (&common)) == NULL || (c = pk_cli_find_case (store, argv[1])) == NULL)
    return PK_EXIT_USAGE;
  if (!pk_case_withdraw (store, c->id, reason, &error))
    return pk_cli_error ("%s", error->message);
  return PK_EXIT_OK;
}

int
pk_cli_meeting (int    argc,
                char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } subs[] = {
    { "create", meeting_create }, { "add", meeting_add }, { "decide", meeting_decide },
    { "close", meeting_close }, { "show", meeting_show }, { "minutes", meeting_minutes },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].run (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  pishkhan-cli meeting create --workspace PATH --number N --date DATE --member NAME…\n"
              "  pishkhan-cli meeting add --workspace PATH MEETING CASE…\n"
              "  pishkhan-cli meeting decide --workspace PATH MEETING CASE --approve [--condition TEXT"
              " [--due DATE]]… [--override-capacity TEXT]\n"
              "  pishkhan-cli meeting decide --workspace PATH MEETING CASE --return --reason TEXT [--rule ID]…\n"
              "  pishkhan-cli meeting decide --workspace PATH MEETING CASE --reject --reason TEXT\n"
              "  pishkhan-cli meeting close --workspace PATH MEETING\n"
              "  pishkhan-cli meeting show --workspace PATH MEETING [--json]\n"
              "  pishkhan-cli meeting minutes --workspace PATH MEETING --output FILE.pdf\n", _("Usage:"));
      return PK_EXIT_OK;
    }
  return pk_cli_error (_("meeting needs a subcommand: create, add, decide, close, show or minutes"));
}

/* ---- audit -------------------------------------------------------------------------- */

static void
add_json_text (JsonBuilder *b,
               const char  *member,
               const char  *text)
{
  g_autoptr(JsonParser) parser = text ? pk_json_parse_text (text) : NULL;

  json_builder_set_member_name (b, member);
  if (parser != NULL)
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

int
pk_cli_audit (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(PkCliCommon) common = { 0 };
  g_autoptr(PkStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL, *actor = NULL, *entity = NULL, *since_iso = NULL;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Changes from this date on (2026-12-02 or 1405/09/11)"),
      N_("DATE") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Only this person’s changes"), N_("NAME") },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity,
      N_("Only this kind of record: office, zone, case, meeting, case-decision…"), N_("KIND") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  if (!pk_cli_common_parse (context, &common, entries,
                            _("The audit log: one row per change — when, who, what (kind and id), before "
                              "and after."), &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc > 1)
    return pk_cli_error (_("unexpected argument “%s”"), argv[1]);
  if (csv && common.json)
    return pk_cli_error (_("give --csv or --json, not both"));
  if (since != NULL && !pk_date_parse_input (since, &since_iso))
    return pk_cli_error (_("--since “%s” is not a date (write 2026-12-02 or 1405/09/11)"), since);
  if ((store = pk_cli_common_open (&common)) == NULL)
    return PK_EXIT_USAGE;
  if ((changes = pk_store_list_audit (store, since_iso, actor, entity, &error)) == NULL)
    return pk_cli_error ("%s", error->message);
  if (csv)
    {
      g_autofree char *text = pk_export_audit_csv (changes);

      fputs (text, stdout);
      return PK_EXIT_OK;
    }
  if (common.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "changes");
      json_builder_begin_array (b);
      for (guint i = 0; i < changes->len; i++)
        {
          PkAuditEntry *e = g_ptr_array_index (changes, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "at");
          json_builder_add_string_value (b, e->at);
          json_builder_set_member_name (b, "actor");
          json_builder_add_string_value (b, e->actor);
          json_builder_set_member_name (b, "action");
          json_builder_add_string_value (b, e->action);
          json_builder_set_member_name (b, "entity");
          json_builder_add_string_value (b, e->entity);
          json_builder_set_member_name (b, "entity_id");
          json_builder_add_int_value (b, e->entity_id);
          add_json_text (b, "before", e->before);
          add_json_text (b, "after", e->after);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pk_cli_print_json (root);
      return PK_EXIT_OK;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      PkAuditEntry *e = g_ptr_array_index (changes, i);

      printf ("%s  %-14s %-8s %s %" G_GINT64_FORMAT "%s%s\n", e->at, e->actor, e->action, e->entity, e->entity_id,
              e->after ? "  " : "", e->after ? e->after : "");
    }
  return PK_EXIT_OK;
}
