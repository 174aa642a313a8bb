/* pk-vacancy.h: the vacant area of counties (PA-3), in parallel, through GEOS
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pk-office.h"
#include "pk-place.h"
#include "pk-rules.h"

G_BEGIN_DECLS

/* What is asked of one county, and what comes back. */
typedef struct
{
  const PkGeometry *outline;     /* in: the county, WGS84 */
  double      county_km2;        /* out: its area */
  double      base_km2;          /* out: what can be served (rural: outside the urban
                                    areas; urban: the urban areas in it) */
  double      vacant_km2;        /* out */
  PkGeometry *vacant;            /* out, when asked: WGS84, or NULL when nothing is vacant */
} PkVacancyCounty;

typedef struct _PkVacancy PkVacancy;

PkVacancy *pk_vacancy_new     (PkLicense         license,
                               const PkRuleSet  *rules,
                               GArray           *offices,
                               GPtrArray        *cities);
void       pk_vacancy_free    (PkVacancy        *self);
gboolean   pk_vacancy_serves  (PkVacancy        *self,
                               double            lat,
                               double            lon);
guint64    pk_vacancy_fingerprint (PkVacancy    *self,
                                   const PkGeometry *outline);
gboolean   pk_vacancy_compute (PkVacancy        *self,
                               PkVacancyCounty  *counties,
                               guint             n_counties,
                               gboolean          with_geometry,
                               GCancellable     *cancellable,
                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkVacancy, pk_vacancy_free)

G_END_DECLS
