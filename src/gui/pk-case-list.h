/* pk-case-list.h: the cases of a workspace, with filters and search; new cases
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-case-window.h"

G_BEGIN_DECLS

#define PK_TYPE_CASE_LIST (pk_case_list_get_type ())
G_DECLARE_FINAL_TYPE (PkCaseList, pk_case_list, PK, CASE_LIST, AdwWindow)

PkCaseList   *pk_case_list_new          (GtkWindow   *parent,
                                         PkStore     *store);
void          pk_case_list_refresh      (PkCaseList  *self);
guint         pk_case_list_get_n_shown  (PkCaseList  *self);
gboolean      pk_case_list_is_busy      (PkCaseList  *self);
gboolean      pk_case_list_show_more    (PkCaseList  *self);
void          pk_case_list_set_search   (PkCaseList  *self,
                                         const char  *text);
void          pk_case_list_set_status   (PkCaseList  *self,
                                         int          status);
void          pk_case_list_open_case_async  (PkCaseList          *self,
                                             gint64               case_id,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PkCaseWindow *pk_case_list_open_case_finish (PkCaseList          *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GtkWidget    *pk_case_list_new_case_dialog (PkCaseList *self);

G_END_DECLS
