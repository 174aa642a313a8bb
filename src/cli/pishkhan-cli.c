/* pishkhan-cli.c: the command-line tool; links only the core library
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "pk-cli.h"
#include "pk-coords.h"
#include "pk-text.h"

int
pk_cli_error (const char *format,
              ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "pishkhan-cli: %s\n", msg);
  return PK_EXIT_USAGE;
}

/* A number option as typed (Persian digits too); FALSE, said, when it is not one. */
gboolean
pk_cli_parse_number (const char *name,
                     const char *text,
                     double     *out)
{
  if (text == NULL)
    return TRUE;
  if (!pk_text_parse_double (text, out))
    {
      pk_cli_error (_("%s: “%s” is not a number"), name, text);
      return FALSE;
    }
  return TRUE;
}

/* A site's options — --at COORDS or --lat and --lon, --area-m2, --land-use —
 * into @q (its licence left as it is); FALSE, said, when one is not right. */
gboolean
pk_cli_site_options (const char  *at,
                     const char  *lat,
                     const char  *lon,
                     const char  *area,
                     const char  *land_use,
                     gboolean     need_position,
                     PkSiteQuery *q)
{
  g_autoptr(GError) error = NULL;

  if (!pk_cli_parse_number ("--area-m2", area, &q->area_m2))
    return FALSE;
  if (!isnan (q->area_m2) && (q->area_m2 < 0 || !isfinite (q->area_m2)))
    {
      pk_cli_error (_("--area-m2 cannot be negative"));
      return FALSE;
    }
  if (land_use != NULL && !pk_land_use_from_string (land_use, &q->land_use))
    {
      pk_cli_error (_("--land-use must be yes, no or unknown"));
      return FALSE;
    }
  if (!need_position)
    return TRUE;
  if (at != NULL)
    {
      if (!pk_coords_parse (at, &q->lat, &q->lon, &error))
        {
          pk_cli_error ("--at: %s", error->message);
          return FALSE;
        }
    }
  else if (lat == NULL || lon == NULL)
    {
      pk_cli_error (_("give the site as --lat LAT --lon LON (or --at COORDS)"));
      return FALSE;
    }
  else if (!pk_cli_parse_number ("--lat", lat, &q->lat) || !pk_cli_parse_number ("--lon", lon, &q->lon))
    return FALSE;
  if (!pk_coords_check_range (q->lat, q->lon, &error))
    {
      pk_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pk_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pk_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
pk_cli_common_clear (PkCliCommon *common)
{
  g_free (common->workspace);
}

/* Parses --workspace, --json and @extra, with @summary for --help. */
gboolean
pk_cli_common_parse (GOptionContext      *context,
                     PkCliCommon         *common,
                     const GOptionEntry  *extra,
                     const char          *summary,
                     int                 *argc,
                     char              ***argv)
{
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &common->workspace, N_("The workspace file"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &common->json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  return pk_cli_parse (context, argc, argv);
}

/* The workspace of --workspace, writing as the CLI; NULL after saying why. */
PkStore *
pk_cli_common_open (PkCliCommon *common)
{
  PkStore *store = pk_cli_open_workspace (common->workspace);

  if (store != NULL)
    pk_store_set_actor (store, "pishkhan-cli");
  return store;
}

/* A case by its number (Persian digits too) or id; NULL after saying why. */
PkCase *
pk_cli_find_case (PkStore    *store,
                  const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ascii = pk_text_to_ascii_digits (number);
  PkCase *c = pk_store_find_case (store, ascii ? ascii : number, &error);

  if (c == NULL)
    pk_cli_error ("%s", error->message);
  return c;
}

PkStore *
pk_cli_open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  PkStore *store;

  if (path == NULL)
    {
      pk_cli_error (_("--workspace PATH is required"));
      return NULL;
    }
  store = pk_store_open (path, &error);
  if (store == NULL)
    pk_cli_error ("%s", error->message);
  return store;
}

/* "Label:   value" aligned by characters, not bytes (Persian letters are two
 * bytes each), with digits in the user's script. */
/* An output that is the workspace itself (or one of its -wal/-shm files)
 * would destroy it: refused, whatever its name says. */
gboolean
pk_cli_output_allowed (const char *output,
                       const char *workspace)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  GStatBuf out_st;

  if (output == NULL || workspace == NULL || g_stat (output, &out_st) != 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (workspace, suffixes[i], NULL);
      GStatBuf ws_st;

      if (g_stat (p, &ws_st) == 0 && ws_st.st_dev == out_st.st_dev && ws_st.st_ino == out_st.st_ino)
        {
          g_autofree char *display = g_filename_display_name (output);

          pk_cli_error (_("“%s” is the workspace itself; choose another file for the output"), display);
          return FALSE;
        }
    }
  return TRUE;
}

/* Poppler prints what it thinks of a damaged PDF ("Syntax Error (1234): …")
 * on stderr itself, and poppler-glib offers no way to stop it. While a
 * document is read, stderr goes to /dev/null; what the CLI says comes after. */
int
pk_cli_mute_stderr (void)
{
  int saved = dup (STDERR_FILENO);
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);

  fflush (stderr);
  if (saved >= 0 && null >= 0)
    dup2 (null, STDERR_FILENO);
  if (null >= 0)
    close (null);
  return saved;
}

void
pk_cli_restore_stderr (int saved)
{
  if (saved < 0)
    return;
  dup2 (saved, STDERR_FILENO);
  close (saved);
}

void
pk_cli_print_field (const char *label,
                    const char *value)
{
  g_autofree char *localized = pk_text_localize_digits (value ? value : "—");
  glong pad = 22 - g_utf8_strlen (label, -1);

  printf ("%s%*s %s\n", label, (int) MAX (pad, 0), "", localized);
}

void
pk_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static const struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "workspace", pk_cli_workspace, N_("Create a workspace or describe one") },
  { "offices", pk_cli_offices, N_("Export or import the offices of a workspace") },
  { "check", pk_cli_check, N_("Check a candidate site against the siting rules") },
  { "vacancy", pk_cli_vacancy, N_("The areas without an office of a licence type") },
  { "coverage", pk_cli_coverage, N_("The county table: offices, capacity, coverage") },
  { "suggest", pk_cli_suggest, N_("Suggest sites that would serve the most") },
  { "map", pk_cli_map, N_("Write the applicant map (PDF or PNG) or the publication GeoJSON") },
  { "case", pk_cli_case, N_("Application case files: create, list, show, attach, stages, export") },
  { "zones", pk_cli_zones, N_("List, add, remove or export the approved zones") },
  { "review", pk_cli_review, N_("The cases that wait for the working group") },
  { "meeting", pk_cli_meeting, N_("Working-group meetings: create, add cases, decide, close, minutes") },
  { "visit", pk_cli_visit, N_("Site visits: assign, record the checklist and photos, report") },
  { "bundle", pk_cli_bundle, N_("Field bundles for inspectors: export, verify, merge back") },
  { "audit", pk_cli_audit, N_("Who changed what and when") },
  { "doc-check", pk_cli_doc_check, N_("Check a scanned document before it is sent") },
  { "urban-areas", pk_cli_urban_areas, N_("Import or export the urban areas (city limits)") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  pishkhan-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [SUBCOMMAND] [OPTIONS]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “pishkhan-cli COMMAND --help” for the options of a command."));
}

/* Users never see GLib's internal warnings: a critical is a bug, reported
 * as one line, and debug output stays behind G_MESSAGES_DEBUG. */
static GLogWriterOutput
quiet_log_writer (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL) || g_getenv ("G_MESSAGES_DEBUG"))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("PK_LOCALEDIR");

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");      /* JSON, CSV and coordinates use '.', whatever the locale */
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_log_set_writer_func (quiet_log_writer, NULL, NULL);

  if (argc < 2)      /* cli.md: status 2 is one line; --help has the rest */
    return pk_cli_error (_("a command is needed; run “pishkhan-cli --help” for the list"));
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return PK_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("pishkhan-cli %s\n", PACKAGE_VERSION);
      return PK_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  return pk_cli_error (_("unknown command “%s”; run “pishkhan-cli --help” for the list"),
                       argv[1]);
}
