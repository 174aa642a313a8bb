/* pk-store-internal.h: for the store's own files (pk-store-cases.c), not the rest of the core
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pk-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_BEGIN_DECLS

sqlite3    *_pk_store_db        (PkStore     *self);
void        _pk_store_note_change (PkStore    *self,
                                   const char *entity,
                                   gint64      id);
const char *_pk_store_actor     (PkStore     *self);
char       *_pk_store_now       (void);
gboolean    _pk_store_sql_error (PkStore     *self,
                                 GError     **error,
                                 const char  *what);

G_END_DECLS
