/* pk-test-cli.h: pishkhan-cli run as a user would, for the CLI tests
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void      run_clear          (Run                *r);
void      run_full           (Run                *r,
                              const char         *program,
                              const char * const *env,
                              const char * const *args,
                              GSpawnChildSetupFunc setup);
void      run_env            (Run                *r,
                              const char * const *env,
                              const char * const *args);
void      pk_test_cli_make_sample (const char    *prefix,
                                   char         **dir,
                                   char         **sample);
void      assert_usage_error (Run                *r);
JsonNode *parse_json         (const char         *text);
char     *pk_test_pdf_text   (const char         *path);
char     *pk_test_squeeze    (const char         *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* $PK_CLI with these arguments, in English, C.UTF-8 */
#define RUN(r, ...) run_env (r, NULL, (const char *[]) { __VA_ARGS__, NULL })
