/* pk-csv.h: RFC 4180 CSV, UTF-8 with or without BOM
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GStrv      header;        /* trimmed, lower-case column names */
  GPtrArray *rows;          /* GStrv per data row */
  GArray    *row_numbers;   /* guint: the file's row number of each data row (header = 1) */
} PkCsv;

PkCsv *pk_csv_parse      (const char  *text,
                          gsize        len,
                          GError     **error);
PkCsv *pk_csv_read_file  (const char  *path,
                          GError     **error);
void   pk_csv_free       (PkCsv       *self);
int    pk_csv_column     (const PkCsv *self,
                          const char  *name);
const char *pk_csv_cell  (const PkCsv *self,
                          guint        row,
                          int          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkCsv, pk_csv_free)

G_END_DECLS
