/* pk-import.h: offices and urban areas from CSV / GeoJSON, all or nothing
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-siting.h"
#include "pk-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint      n_rows;          /* data rows / features read */
  guint      n_imported;      /* written (0 on a dry run or a refused import) */
  guint      n_valid;
  GPtrArray *problems;        /* "row N: reason" (or "feature N: reason"), translated */
  GPtrArray *notes;           /* e.g. unknown columns that were ignored */
  gboolean   dry_run;
} PkImportReport;

typedef enum
{
  PK_IMPORT_DRY_RUN      = 1 << 0,
  PK_IMPORT_SKIP_INVALID = 1 << 1,
} PkImportFlags;

void            pk_import_report_free   (PkImportReport *self);
PkImportReport *pk_import_offices       (PkStore        *store,
                                         const char     *path,
                                         PkImportFlags   flags,
                                         GError        **error);
PkImportReport *pk_import_urban_areas   (PkStore        *store,
                                         const char     *path,
                                         PkImportFlags   flags,
                                         GError        **error);
char           *pk_export_urban_areas   (PkStore        *store,
                                         GError        **error);
char           *pk_office_check_fields  (PkSiteChecker  *checker,
                                         PkOffice       *office);
char           *pk_office_check_place   (PkSiteChecker  *checker,
                                         double          lat,
                                         double          lon,
                                         gint64         *county_id);
gboolean        pk_postal_code_is_valid (const char     *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkImportReport, pk_import_report_free)

G_END_DECLS
