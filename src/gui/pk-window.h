/* pk-window.h
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-case-list.h"
#include "pk-audit-window.h"
#include "pk-review-window.h"
#include "pk-visits-window.h"
#include "pk-check-panel.h"
#include "pk-coverage-panel.h"
#include "pk-import.h"
#include "pk-map-view.h"

G_BEGIN_DECLS

#define PK_TYPE_WINDOW (pk_window_get_type ())
G_DECLARE_FINAL_TYPE (PkWindow, pk_window, PK, WINDOW, AdwApplicationWindow)

PkWindow  *pk_window_new              (GtkApplication *application);
gboolean   pk_window_open_workspace   (PkWindow       *self,
                                       const char     *path,
                                       GError        **error);
PkStore   *pk_window_get_store        (PkWindow       *self);
PkMapView *pk_window_get_map_view     (PkWindow       *self);
void       pk_window_search           (PkWindow       *self,
                                       const char     *text);
guint      pk_window_get_n_results    (PkWindow       *self);
void       pk_window_apply_basemap    (PkWindow       *self);
gboolean   pk_window_get_check_mode   (PkWindow       *self);
void       pk_window_set_check_mode   (PkWindow       *self,
                                       gboolean        on);
PkCheckPanel *pk_window_get_check_panel (PkWindow     *self);
void       pk_window_edit_office      (PkWindow       *self,
                                       const PkOffice *before,
                                       const PkOffice *after);
void       pk_window_edit_zone        (PkWindow       *self,
                                       const PkZone   *before,
                                       const PkZone   *after,
                                       gboolean        retry);
void       pk_window_set_vacancy      (PkWindow       *self,
                                       const char     *which);
gboolean   pk_window_get_coverage_mode (PkWindow      *self);
void       pk_window_set_coverage_mode (PkWindow      *self,
                                       gboolean        on);
PkCoveragePanel *pk_window_get_coverage_panel (PkWindow *self);
PkCaseList *pk_window_open_cases      (PkWindow       *self);
PkReviewWindow *pk_window_open_review (PkWindow       *self);
PkAuditWindow  *pk_window_open_audit  (PkWindow       *self);
PkVisitsWindow *pk_window_open_visits (PkWindow       *self);
void        pk_window_show_start_view  (PkWindow       *self);
void        pk_window_set_start_view_pending (PkWindow *self,
                                              gboolean  pending);
void       pk_window_reload           (PkWindow       *self);
gboolean   pk_window_check_external_changes (PkWindow *self);
guint      pk_window_get_n_external_reloads (PkWindow *self);
void       pk_window_open_workspace_async (PkWindow            *self,
                                           const char          *path,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void       pk_window_open_server_async (PkWindow            *self,
                                        const char          *uri,
                                        const char          *password,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void       pk_window_open_workspace_asked (PkWindow          *self,
                                           const char        *path);
gboolean   pk_window_open_workspace_finish (PkWindow           *self,
                                            GAsyncResult       *result,
                                            GError            **error);
gboolean   pk_window_open_store       (PkWindow       *self,
                                       PkStore        *store,
                                       GError        **error);
gboolean   pk_window_get_read_only    (PkWindow       *self);
void       pk_window_preview_import   (PkWindow            *self,
                                       const char          *path,
                                       gboolean             urban_areas);
void       pk_window_import_async     (PkWindow            *self,
                                       const char          *path,
                                       gboolean             urban_areas,
                                       PkImportFlags        flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PkImportReport *
           pk_window_import_finish    (PkWindow            *self,
                                       GAsyncResult        *result,
                                       GError             **error);
gboolean   pk_window_is_busy          (PkWindow       *self);
void       pk_window_redo             (PkWindow       *self);
void       pk_window_undo             (PkWindow       *self);
gboolean   pk_window_wait_for_map     (PkWindow       *self,
                                       guint           timeout_ms);
gboolean   pk_save_screenshot         (GtkWindow      *window,
                                       const char     *path,
                                       GError        **error);
gboolean   pk_window_save_screenshot  (PkWindow       *self,
                                       const char     *path,
                                       GError        **error);

G_END_DECLS
