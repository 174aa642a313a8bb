/* pk-review-window.h: the working group's review queue and decisions
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_TYPE_REVIEW_WINDOW (pk_review_window_get_type ())
G_DECLARE_FINAL_TYPE (PkReviewWindow, pk_review_window, PK, REVIEW_WINDOW, AdwWindow)

PkReviewWindow *pk_review_window_new          (GtkWindow       *parent,
                                               PkStore         *store);
void            pk_review_window_refresh      (PkReviewWindow  *self);
gboolean        pk_review_window_is_busy      (PkReviewWindow  *self);
guint           pk_review_window_get_n_cases  (PkReviewWindow  *self);
gboolean        pk_review_window_select       (PkReviewWindow  *self,
                                               const char      *number);
gboolean        pk_review_window_selected_is_stale (PkReviewWindow *self);
guint           pk_review_window_get_n_gain_rows (PkReviewWindow *self);
guint           pk_review_window_get_n_page_thumbnails (PkReviewWindow *self);
gboolean        pk_review_window_scroll_to_coverage (PkReviewWindow *self);
gboolean        pk_review_window_fill_form (PkReviewWindow *self,
                                            guint           kind,
                                            const char     *conditions,
                                            const char     *reason);
gboolean        pk_review_window_set_filters (PkReviewWindow *self,
                                              const char     *county,
                                              int             license,
                                              int             min_days);
gboolean        pk_review_window_show_meeting (PkReviewWindow  *self,
                                               const char      *number);
void            pk_review_window_decide_async (PkReviewWindow      *self,
                                               gint64               meeting_id,
                                               const PkDecision    *decision,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gint64          pk_review_window_decide_finish (PkReviewWindow *self,
                                                GAsyncResult   *result,
                                                GError        **error);

G_END_DECLS
