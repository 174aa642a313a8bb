/* pk-visit-check.h: a site visit's measurements judged again — the observed
 * position against the declared site, the siting check there with the
 * measured floor area (SR-1 … SR-7 at the premises the inspector found)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-siting.h"

G_BEGIN_DECLS

/* Workspace settings (meta) and their defaults */
#define PK_VISIT_MAX_OFFSET_KEY     "visit_max_offset_m"
#define PK_VISIT_MAX_OFFSET_DEFAULT 50.0
#define PK_VISIT_PHOTO_SIDE_KEY     "visit_photo_max_side"

/* What the visit's measurements say, judged again */
typedef struct
{
  gboolean       has_declared;     /* the case's site on the map */
  double         declared_lat, declared_lon;
  double         offset_m;         /* observed from declared; NAN unless both are known */
  double         max_offset_m;     /* the setting it is flagged past */
  gboolean       offset_flagged;
  PkSiteVerdict *verdict;          /* the siting check at the observed place (the declared one
                                      until observed) with the measured area; NULL off the map */
} PkVisitCheck;

double         pk_visit_setting         (PkStore        *store,
                                         const char     *key,
                                         double          fallback);
void           pk_visit_check_free      (PkVisitCheck   *self);
PkVisitCheck  *pk_visit_check           (PkStore        *store,
                                         PkSiteChecker  *checker,
                                         const PkVisit  *visit,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkVisitCheck, pk_visit_check_free)

G_END_DECLS
