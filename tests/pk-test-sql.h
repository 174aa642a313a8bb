/* pk-test-sql.h: looking into a workspace file from a test, as another program would
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  pk_test_sql_exec (const char *path,
                        const char *sql);
char *pk_test_sql_text (const char *path,
                        const char *sql);
int   pk_test_sql_int  (const char *path,
                        const char *sql);

char *pk_test_sql_table_digest (const char *path,
                                const char *table,
                                int        *n_rows);

G_END_DECLS
