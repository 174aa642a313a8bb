/* pk-case-attach.h: a document attached to a case, one way for every front end
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-doc-check.h"
#include "pk-store.h"

G_BEGIN_DECLS

PkDocReport *pk_case_attach_document (PkStore            *store,
                                      gint64              case_id,
                                      const char         *kind,
                                      gint64              person_id,
                                      const char * const *paths,
                                      GError            **error);

void         pk_case_attach_document_async  (PkStore             *store,
                                             gint64               case_id,
                                             const char          *kind,
                                             gint64               person_id,
                                             const char * const  *paths,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PkDocReport *pk_case_attach_document_finish (PkStore             *store,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
