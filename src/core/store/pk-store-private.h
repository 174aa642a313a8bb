/* pk-store-private.h: for tests that need a workspace of an older schema,
 * and the store's own partial copy
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"

G_BEGIN_DECLS

gboolean _pk_store_create_at_version (const char *path,
                                      int         version,
                                      GError    **error);

PkStore *_pk_store_create_staged     (const char *path,
                                      gboolean    overwrite,
                                      GError    **error);

PkStore *_pk_store_copy_some         (PkStore    *source,
                                      const char *target,
                                      gboolean    overwrite,
                                      GHashTable *wheres,
                                      guint      *n_records,
                                      GError    **error);

G_END_DECLS
