/* pk-cli.h: shared pieces of pishkhan-cli's commands
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include <json-glib/json-glib.h>

#include "pk-import.h"
#include "pk-siting.h"
#include "pk-store.h"

G_BEGIN_DECLS

/* cli.md: 0 success / pass, 1 judged and does not pass, 2 could not do the job. */
enum
{
  PK_EXIT_OK = 0,
  PK_EXIT_FAIL = 1,
  PK_EXIT_USAGE = 2,
};

/* --workspace and --json, which most subcommands take */
typedef struct
{
  char     *workspace;
  gboolean  json;
} PkCliCommon;

void      pk_cli_common_clear   (PkCliCommon   *common);
gboolean  pk_cli_common_parse   (GOptionContext     *context,
                                 PkCliCommon        *common,
                                 const GOptionEntry *extra,
                                 const char         *summary,
                                 int                *argc,
                                 char             ***argv);
PkStore  *pk_cli_common_open    (PkCliCommon   *common);
PkCase   *pk_cli_find_case      (PkStore       *store,
                                 const char    *number);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PkCliCommon, pk_cli_common_clear)

int       pk_cli_error          (const char    *format,
                                 ...) G_GNUC_PRINTF (1, 2);
gboolean  pk_cli_parse          (GOptionContext *context,
                                 int            *argc,
                                 char         ***argv);
PkStore  *pk_cli_open_workspace (const char    *path);
int       pk_cli_mute_stderr    (void);
void      pk_cli_restore_stderr (int            saved);
gboolean  pk_cli_output_allowed (const char    *output,
                                 const char    *workspace);
void      pk_cli_print_field    (const char    *label,
                                 const char    *value);
void      pk_cli_print_json     (JsonNode      *node);
gboolean  pk_cli_parse_number   (const char    *name,
                                 const char    *text,
                                 double        *out);
gboolean  pk_cli_site_options   (const char    *at,
                                 const char    *lat,
                                 const char    *lon,
                                 const char    *area,
                                 const char    *land_use,
                                 gboolean       need_position,
                                 PkSiteQuery   *q);

int       pk_cli_workspace      (int            argc,
                                 char         **argv);
int       pk_cli_offices        (int            argc,
                                 char         **argv);
int       pk_cli_check          (int            argc,
                                 char         **argv);
int       pk_cli_doc_check      (int            argc,
                                 char         **argv);
int       pk_cli_vacancy        (int            argc,
                                 char         **argv);
int       pk_cli_coverage       (int            argc,
                                 char         **argv);
int       pk_cli_suggest        (int            argc,
                                 char         **argv);
int       pk_cli_map            (int            argc,
                                 char         **argv);
int       pk_cli_urban_areas    (int            argc,
                                 char         **argv);
int       pk_cli_case           (int            argc,
                                 char         **argv);
int       pk_cli_zones          (int            argc,
                                 char         **argv);
int       pk_cli_review         (int            argc,
                                 char         **argv);
int       pk_cli_meeting        (int            argc,
                                 char         **argv);
int       pk_cli_case_letter    (int            argc,
                                 char         **argv);
int       pk_cli_case_withdraw (int           argc,
                                char        **argv);
int       pk_cli_case_conditions (int           argc,
                                  char        **argv);
int       pk_cli_audit          (int            argc,
                                 char         **argv);
int       pk_cli_visit          (int            argc,
                                 char         **argv);
int       pk_cli_bundle         (int            argc,
                                 char         **argv);
int       pk_cli_print_report   (PkImportReport *report);
int       pk_cli_run_import     (int             argc,
                                 char          **argv,
                                 const char     *summary,
                                 const char     *one_file_message,
                                 PkImportReport *(*import) (PkStore *, const char *,
                                                            PkImportFlags, GError **));

G_END_DECLS
