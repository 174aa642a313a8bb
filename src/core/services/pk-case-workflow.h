/* pk-case-workflow.h: what may happen to a case file, and when (ST-, RT-)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-siting.h"
#include "pk-store.h"

G_BEGIN_DECLS

gboolean pk_case_workflow_set_field        (PkStore              *store,
                                            gint64                case_id,
                                            const char           *key,
                                            const char           *value,
                                            GError              **error);
gboolean pk_case_workflow_set_field_if     (PkStore              *store,
                                            gint64                case_id,
                                            const char           *key,
                                            const char           *seen,
                                            const char           *value,
                                            GError              **error);
gboolean pk_case_workflow_set_site         (PkStore              *store,
                                            PkCase               *c,
                                            const PkSiteVerdict  *verdict,
                                            GError              **error);
gboolean pk_case_workflow_set_site_details (PkStore              *store,
                                            PkCase               *c,
                                            gboolean              not_on_map,
                                            const char           *address,
                                            GError              **error);
gboolean pk_case_workflow_mark_stage       (PkStore              *store,
                                            PkCase               *c,
                                            const char           *stage,
                                            gboolean              done,
                                            GError              **error);
gboolean pk_case_workflow_return           (PkStore              *store,
                                            PkCase               *c,
                                            const char           *stage,
                                            const char           *reasons,
                                            GError              **error);
gboolean pk_case_workflow_resubmit         (PkStore              *store,
                                            PkCase               *c,
                                            GError              **error);

GPtrArray *pk_case_list_page               (PkStore              *store,
                                            const PkCaseFilter   *filter,
                                            gint64                before_id,
                                            guint                 want,
                                            gint64               *next_before_id,
                                            GCancellable         *cancellable,
                                            GError              **error);

G_END_DECLS
