/* pk-cli-doc.c: pishkhan-cli doc-check
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pishkhan-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pk-cli.h"
#include "pk-doc-check.h"
#include "pk-text.h"

int
pk_cli_doc_check (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PkDocReport) report = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *dpi_text = NULL;
  g_autofree char *kinds = g_strjoinv (", ", (char **) pk_doc_kinds ());
  g_autofree char *summary = NULL;
  gboolean json = FALSE;
  PkDocOptions options = { 200 };
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("The kind of document"), N_("KIND") },
    { "min-dpi", 0, 0, G_OPTION_ARG_STRING, &dpi_text,
      N_("Lowest acceptable scan resolution (default 200)"), N_("DPI") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  summary = g_strdup_printf (_("Check a scanned document before it is sent (DOC-1 … DOC-5): "
                               "page count, one image per page, resolution, blank pages, "
                               "colour. Kinds: %s. Exit status 0 when it passes, 1 when a rule "
                               "fails, 2 when the file cannot be read."), kinds);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pk_cli_parse (context, &argc, &argv))
    return PK_EXIT_USAGE;
  if (argc != 2)
    return pk_cli_error (_("doc-check needs exactly one FILE"));
  if (kind == NULL)
    kind = g_strdup ("generic");
  if (dpi_text != NULL && (!pk_text_parse_double (dpi_text, &options.min_dpi) || options.min_dpi <= 0))
    return pk_cli_error (_("--min-dpi: “%s” is not a positive number"), dpi_text);

  {
    int saved = pk_cli_mute_stderr ();

    report = pk_doc_check (argv[1], kind, &options, &error);
    pk_cli_restore_stderr (saved);
  }
  if (report == NULL)
    return pk_cli_error ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = pk_doc_report_to_json (report);
      pk_cli_print_json (node);
    }
  else
    {
      g_autofree char *pages = g_strdup_printf ("%d", report->pages);

      pk_cli_print_field (_("File:"), report->file);
      pk_cli_print_field (_("Kind:"), pk_doc_kind_display (report->kind));
      pk_cli_print_field (_("Pages:"), pages);
      pk_cli_print_field (_("Verdict:"), report->pass ? _("Pass") : _("Fail"));
      printf ("\n");
      for (guint i = 0; i < report->findings->len; i++)
        {
          const PkFinding *f = g_ptr_array_index (report->findings, i);
          g_autofree char *where = f->page > 0 ? g_strdup_printf (_("page %d"), f->page) : g_strdup ("");
          g_autofree char *lwhere = pk_text_localize_digits (where);

          printf ("  %-6s %-5s %-9s %s\n", f->rule,
                  f->status == PK_FINDING_PASS ? _("pass") : f->status == PK_FINDING_FAIL ? _("FAIL") : _("warn"),
                  lwhere, f->message);
        }
    }
  return report->pass ? PK_EXIT_OK : PK_EXIT_FAIL;
}
