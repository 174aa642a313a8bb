/* pk-edit-history.h: undo and redo of office and zone edits
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_EDIT_HISTORY_ERROR (pk_edit_history_error_quark ())
GQuark pk_edit_history_error_quark (void);

typedef enum
{
  PK_EDIT_HISTORY_ERROR_CHANGED_ELSEWHERE,   /* undoing would overwrite someone else's change */
  PK_EDIT_HISTORY_ERROR_NOTHING,             /* nothing to undo or redo */
} PkEditHistoryError;

#define PK_TYPE_EDIT_HISTORY (pk_edit_history_get_type ())
G_DECLARE_FINAL_TYPE (PkEditHistory, pk_edit_history, PK, EDIT_HISTORY, GObject)

PkEditHistory *pk_edit_history_new          (PkStore         *store);
gint64         pk_edit_history_edit_office  (PkEditHistory   *self,
                                             const PkOffice  *before,
                                             const PkOffice  *after,
                                             GError         **error);
gint64         pk_edit_history_edit_zone    (PkEditHistory   *self,
                                             const PkZone    *before,
                                             const PkZone    *after,
                                             GError         **error);
gboolean       pk_edit_history_undo         (PkEditHistory   *self,
                                             GError         **error);
gboolean       pk_edit_history_redo         (PkEditHistory   *self,
                                             GError         **error);
gboolean       pk_edit_history_get_can_undo (PkEditHistory   *self);
gboolean       pk_edit_history_get_can_redo (PkEditHistory   *self);
const char    *pk_edit_history_get_undo_label (PkEditHistory *self);

G_END_DECLS
