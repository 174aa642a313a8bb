/* pk-case-window.h: the wizard of one case, a page per stage
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_TYPE_CASE_WINDOW (pk_case_window_get_type ())
G_DECLARE_FINAL_TYPE (PkCaseWindow, pk_case_window, PK, CASE_WINDOW, AdwWindow)

PkCaseWindow *pk_case_window_new          (GtkWindow     *parent,
                                           PkStore       *store,
                                           gint64         case_id,
                                           GError       **error);
PkCaseWindow *pk_case_window_new_for_case (GtkWindow     *parent,
                                           PkStore       *store,
                                           PkCase        *c);
const char   *pk_case_window_get_stage    (PkCaseWindow  *self);
void          pk_case_window_show_stage   (PkCaseWindow  *self,
                                           const char    *stage);
void          pk_case_window_show_history (PkCaseWindow  *self);
PkCase       *pk_case_window_get_case     (PkCaseWindow  *self);
gboolean      pk_case_window_save_summary (PkCaseWindow  *self,
                                           const char    *path,
                                           GError       **error);
void          pk_case_window_attach_async (PkCaseWindow        *self,
                                           const char          *kind,
                                           gint64               person_id,
                                           const char * const  *paths,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      pk_case_window_attach_finish (PkCaseWindow       *self,
                                            GAsyncResult       *result,
                                            GError            **error);
gboolean      pk_case_window_set_field    (PkCaseWindow  *self,
                                           const char    *key,
                                           const char    *text);
GtkWidget    *pk_case_window_get_field_widget (PkCaseWindow *self,
                                               const char   *key);
gboolean      pk_case_window_is_saving        (PkCaseWindow *self);
guint         pk_case_window_get_n_thumbnails (PkCaseWindow *self,
                                           guint         *n_marked);
gboolean      pk_case_window_is_busy      (PkCaseWindow *self);
guint         pk_case_window_get_n_conditions (PkCaseWindow *self,
                                           guint         *n_met);
gboolean      pk_case_window_tick_condition (PkCaseWindow *self,
                                           guint         index,
                                           gboolean      met);

G_END_DECLS
