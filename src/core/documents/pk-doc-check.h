/* pk-doc-check.h: checks of scanned documents before they are sent (DOC-1 … DOC-5)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PK_DOC_ERROR (pk_doc_error_quark ())
GQuark pk_doc_error_quark (void);

typedef enum
{
  PK_DOC_ERROR_MISSING,
  PK_DOC_ERROR_EMPTY,
  PK_DOC_ERROR_NOT_PDF,
  PK_DOC_ERROR_DAMAGED,
  PK_DOC_ERROR_ENCRYPTED,
  PK_DOC_ERROR_UNKNOWN_KIND,
} PkDocError;

typedef enum
{
  PK_FINDING_PASS,
  PK_FINDING_FAIL,
  PK_FINDING_WARN,
} PkFindingStatus;

typedef struct
{
  const char      *rule;       /* "DOC-1" … */
  PkFindingStatus  status;
  int              page;       /* 1-based, 0 for the whole file */
  char            *message;    /* translated */
} PkFinding;

typedef struct
{
  char      *file;
  char      *kind;
  int        pages;
  gboolean   pass;
  GPtrArray *findings;         /* PkFinding */
  double    *page_dpi;         /* per page: lowest effective resolution, NAN without image */
  GPtrArray *thumbnails;       /* cairo_surface_t per readable page, PK_DOC_THUMBNAIL_HEIGHT tall */
  guint      n_fast;           /* pages judged from their image read by qpdf, not decoded whole */
} PkDocReport;

#define PK_DOC_THUMBNAIL_HEIGHT 110

typedef struct
{
  double min_dpi;              /* DOC-1: default 200 */
} PkDocOptions;

const char * const *pk_doc_kinds           (void);
const char         *pk_doc_kind_display    (const char         *kind);
PkDocReport        *pk_doc_check           (const char         *path,
                                            const char         *kind,
                                            const PkDocOptions *options,
                                            GError            **error);
void                pk_doc_report_free     (PkDocReport        *self);
JsonNode           *pk_doc_report_to_json  (const PkDocReport  *self);
cairo_surface_t    *pk_doc_thumbnail       (cairo_surface_t    *surface);
gboolean            pk_doc_combine_images  (const char * const *paths,
                                            const char         *out_pdf,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkDocReport, pk_doc_report_free)

G_END_DECLS
