/* pk-visits.h: site visits (S11) — assigned by the secretariat, recorded by
 * the inspector against ST-1 … ST-13, and their outcome brought to the case
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"
#include "pk-visit-check.h"

G_BEGIN_DECLS

#define PK_VISIT_ERROR (pk_visit_error_quark ())
GQuark pk_visit_error_quark (void);

typedef enum
{
  PK_VISIT_ERROR_INVALID,          /* a value the visit cannot take */
  PK_VISIT_ERROR_FINISHED,         /* the case is closed, or the visit decided */
} PkVisitError;

gint64         pk_visit_assign          (PkStore        *store,
                                         const char     *case_number,
                                         gint64          office_id,
                                         const char     *inspector,
                                         const char     *date,
                                         GError        **error);
PkVisit       *pk_visit_find            (PkStore        *store,
                                         const char     *id_or_uuid,
                                         GError        **error);
gboolean       pk_visit_reassign        (PkStore        *store,
                                         PkVisit        *visit,
                                         const char     *inspector,
                                         const char     *date,
                                         GError        **error);
gboolean       pk_visit_set_standard    (PkStore        *store,
                                         PkVisit        *visit,
                                         const char     *standard,
                                         PkStResult      result,
                                         const char     *note,
                                         GError        **error);
gboolean       pk_visit_set_area        (PkStore        *store,
                                         PkVisit        *visit,
                                         double          area_m2,
                                         GError        **error);
gboolean       pk_visit_set_position    (PkStore        *store,
                                         PkVisit        *visit,
                                         gboolean        has_position,
                                         double          lat,
                                         double          lon,
                                         GError        **error);
gboolean       pk_visit_set_outcome     (PkStore        *store,
                                         PkVisit        *visit,
                                         PkVisitOutcome  outcome,
                                         const char     *reason,
                                         const char     *signed_by,
                                         GError        **error);
gint64         pk_visit_add_photo       (PkStore        *store,
                                         PkVisit        *visit,
                                         const char     *file_name,
                                         GBytes         *original,
                                         GError        **error);
gboolean       pk_visit_remove_photo    (PkStore        *store,
                                         PkVisit        *visit,
                                         gint64          photo_id,
                                         GError        **error);
gboolean       pk_visit_apply_outcome   (PkStore        *store,
                                         const PkVisit  *visit,
                                         GError        **error);
char          *pk_visit_return_reasons  (const PkVisit  *visit);
gboolean       pk_visit_save_setting    (PkStore        *store,
                                         const char     *key,
                                         double          value,
                                         GError        **error);

G_END_DECLS
