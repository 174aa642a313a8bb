/* pk-report.h: printable reports (PDF, cairo + pango)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "pk-basemap.h"
#include "pk-siting.h"

G_BEGIN_DECLS

void     pk_map_render              (cairo_t             *cr,
                                     PkBasemap           *basemap,
                                     GPtrArray           *offices,
                                     double               lat,
                                     double               lon,
                                     int                  zoom,
                                     double               width,
                                     double               height,
                                     const PkSiteVerdict *verdict);
gboolean pk_report_write_check_pdf  (PkStore             *store,
                                     PkSiteChecker       *checker,
                                     const PkSiteVerdict *verdict,
                                     const char          *path,
                                     GError             **error);

G_END_DECLS
