/* pk-coverage-panel.h: coverage overlays, the county table, suggested sites, approved zones
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pk-map-view.h"
#include "pk-suggest.h"

G_BEGIN_DECLS

#define PK_TYPE_COVERAGE_PANEL (pk_coverage_panel_get_type ())
G_DECLARE_FINAL_TYPE (PkCoveragePanel, pk_coverage_panel, PK, COVERAGE_PANEL, GtkBox)

GtkWidget *pk_coverage_panel_new            (void);
void       pk_coverage_panel_set_workspace  (PkCoveragePanel *self,
                                             PkStore         *store,
                                             PkMapView       *map_view);
void       pk_coverage_panel_refresh        (PkCoveragePanel *self);
gboolean   pk_coverage_panel_get_busy       (PkCoveragePanel *self);
PkLicense  pk_coverage_panel_get_license    (PkCoveragePanel *self);
void       pk_coverage_panel_set_license    (PkCoveragePanel *self,
                                             PkLicense        license);
void       pk_coverage_panel_set_overlays   (PkCoveragePanel *self,
                                             gboolean         vacant,
                                             gboolean         service,
                                             gboolean         choropleth);
GPtrArray *pk_coverage_panel_get_rows       (PkCoveragePanel *self);
guint      pk_coverage_panel_get_n_table_rows (PkCoveragePanel *self);
void       pk_coverage_panel_sort_by        (PkCoveragePanel *self,
                                             guint            column,
                                             gboolean         descending);
gint64     pk_coverage_panel_get_table_county (PkCoveragePanel *self,
                                             guint            position);
void       pk_coverage_panel_suggest_async  (PkCoveragePanel     *self,
                                             gint64               county_id,
                                             guint                count,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *pk_coverage_panel_suggest_finish (PkCoveragePanel     *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GtkWidget *pk_coverage_panel_describe_vacant (PkCoveragePanel *self,
                                             double           lat,
                                             double           lon);
GPtrArray *pk_coverage_panel_get_zones      (PkCoveragePanel *self);

G_END_DECLS
