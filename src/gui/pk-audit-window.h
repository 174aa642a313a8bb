/* pk-audit-window.h: the audit log, readable
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_TYPE_AUDIT_WINDOW (pk_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (PkAuditWindow, pk_audit_window, PK, AUDIT_WINDOW, AdwWindow)

PkAuditWindow *pk_audit_window_new        (GtkWindow     *parent,
                                           PkStore       *store);
void           pk_audit_window_set_filter (PkAuditWindow *self,
                                           const char    *actor,
                                           const char    *entity,
                                           const char    *since);
gboolean       pk_audit_window_is_busy    (PkAuditWindow *self);
guint          pk_audit_window_get_n_rows (PkAuditWindow *self);

gboolean       pk_audit_window_show_more   (PkAuditWindow *self);

G_END_DECLS
