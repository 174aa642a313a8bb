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
void     pk_map_render_offices      (cairo_t             *cr,
                                     GPtrArray           *offices,
                                     double               zoom,
                                     double               ox,
                                     double               oy,
                                     double               width,
                                     double               height);
gboolean pk_report_write_check_pdf  (PkStore             *store,
                                     PkSiteChecker       *checker,
                                     const PkSiteVerdict *verdict,
                                     const char          *path,
                                     GError             **error);

typedef enum
{
  PK_MAP_LAYER_OFFICES      = 1 << 0,
  PK_MAP_LAYER_VACANT_RURAL = 1 << 1,
  PK_MAP_LAYER_VACANT_URBAN = 1 << 2,
  PK_MAP_LAYER_ZONES        = 1 << 3,
} PkMapLayers;

gboolean pk_report_write_map        (PkStore             *store,
                                     const char          *path,
                                     gboolean             a3,
                                     PkMapLayers          layers,
                                     GError             **error);

gboolean pk_report_write_minutes_pdf (PkStore            *store,
                                      const PkMeeting    *meeting,
                                      const char         *path,
                                      GError            **error);
gboolean pk_report_write_decision_letter (PkStore        *store,
                                          const PkCase   *c,
                                          const char     *path,
                                          GError        **error);
gboolean pk_report_write_visit_pdf  (PkStore             *store,
                                     PkSiteChecker       *checker,
                                     const PkVisit       *visit,
                                     const char          *path,
                                     GError             **error);
gboolean pk_report_write_case_pdf   (PkStore             *store,
                                     const PkCase        *c,
                                     const char          *path,
                                     GError             **error);
char    *pk_report_publication_geojson (PkStore           *store,
                                       PkMapLayers        layers,
                                       GError           **error);

G_END_DECLS
