/* pk-edit-history.h: undo and redo of office and zone edits
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_EDIT_HISTORY_ERROR (pk_edit_history_error_quark ())
GQuark pk_edit_history_error_quark (void);

typedef enum
{
  PK_EDIT_HISTORY_ERROR_CHANGED_ELSEWHERE,   /* undoing would overwrite someone else's change */
  PK_EDIT_HISTORY_ERROR_NOTHING,             /* nothing to undo or redo */
  PK_EDIT_HISTORY_ERROR_CONFLICT,            /* the record moved on since the form read it */
  PK_EDIT_HISTORY_ERROR_CODE_TAKEN,          /* another office has the code */
} PkEditHistoryError;

/**
 * PkEditFlags:
 * @PK_EDIT_FLAGS_NONE: the edit applies to the record as stored
 * @PK_EDIT_FLAGS_CHECK_REVISION: refused (%PK_EDIT_HISTORY_ERROR_CONFLICT)
 *   when the stored record's revision is not @before's: a form filled from
 *   an older reading would overwrite another's change
 */
typedef enum
{
  PK_EDIT_FLAGS_NONE           = 0,
  PK_EDIT_FLAGS_CHECK_REVISION = 1 << 0,
} PkEditFlags;

#define PK_TYPE_EDIT_HISTORY (pk_edit_history_get_type ())
G_DECLARE_FINAL_TYPE (PkEditHistory, pk_edit_history, PK, EDIT_HISTORY, GObject)

PkEditHistory *pk_edit_history_new          (PkStore             *store);
void           pk_edit_history_edit_office_async (PkEditHistory       *self,
                                             const PkOffice      *before,
                                             const PkOffice      *after,
                                             PkEditFlags          flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           pk_edit_history_move_office_async (PkEditHistory       *self,
                                             gint64               id,
                                             double               lat,
                                             double               lon,
                                             gint64               county_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           pk_edit_history_edit_zone_async (PkEditHistory       *self,
                                             const PkZone        *before,
                                             const PkZone        *after,
                                             PkEditFlags          flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64         pk_edit_history_edit_finish  (PkEditHistory       *self,
                                             GAsyncResult        *result,
                                             gpointer            *current,
                                             GError             **error);
void           pk_edit_history_undo_async   (PkEditHistory       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           pk_edit_history_redo_async   (PkEditHistory       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       pk_edit_history_step_finish  (PkEditHistory       *self,
                                             GAsyncResult        *result,
                                             GError             **error);
gboolean       pk_edit_history_get_busy     (PkEditHistory       *self);
gboolean       pk_edit_history_get_can_undo (PkEditHistory       *self);
gboolean       pk_edit_history_get_can_redo (PkEditHistory       *self);
const char    *pk_edit_history_get_undo_label (PkEditHistory     *self);

G_END_DECLS
