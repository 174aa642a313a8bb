/* pk-test-util.h: small helpers the tests share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Removes a flat temporary folder and the files in it. */
void pk_test_remove_dir (const char *dir);

/* A g_test_add() fixture: a fresh folder and the path of a workspace in it (not created). */
typedef struct
{
  char *dir;
  char *path;
} PkTestWorkspace;

void pk_test_workspace_setup    (PkTestWorkspace *f,
                                 gconstpointer    data);
void pk_test_workspace_teardown (PkTestWorkspace *f,
                                 gconstpointer    data);

/* A throwaway PostgreSQL + PostGIS cluster (tests/pg-cluster, named by
 * $PK_PG_CLUSTER) in a new folder: returns the URI of its empty database;
 * pk_test_pg_stop() stops it and removes the folder. */
char *pk_test_pg_start (char **dir);
void  pk_test_pg_restart (const char *dir);
guint pk_test_count    (GPtrArray  *array);
void  pk_test_pg_stop  (char  *dir);

/* A new workspace's URI on this test program's own server (PK_TEST_BACKEND=server) */
char *pk_test_server_workspace (void);
