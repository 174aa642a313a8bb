/* pk-coverage-item.h: a row of the county coverage table (LT-7, PA-3)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pk-coverage.h"

G_BEGIN_DECLS

/* The table's columns, in their order. */
typedef enum
{
  COL_COUNTY,
  COL_OFFICES,
  COL_CAPACITY,
  COL_FREE,
  COL_AREA,
  COL_SERVED,
  COL_UNSERVED,
  N_COLUMNS
} PkCoverageColumn;

#define PK_TYPE_COVERAGE_ITEM (pk_coverage_item_get_type ())
G_DECLARE_FINAL_TYPE (PkCoverageItem, pk_coverage_item, PK, COVERAGE_ITEM, GObject)

PkCoverageItem   *pk_coverage_item_new       (GPtrArray        *rows,
                                              PkCountyCoverage *row);
PkCountyCoverage *pk_coverage_item_get_row   (PkCoverageItem   *self);
char             *pk_coverage_item_cell_text (const PkCountyCoverage *row,
                                              PkCoverageColumn  column);
int               pk_coverage_item_compare   (gconstpointer     a,
                                              gconstpointer     b,
                                              gpointer          column);

G_END_DECLS
