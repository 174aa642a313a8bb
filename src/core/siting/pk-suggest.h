/* pk-suggest.h: suggested sites, a greedy maximal-covering choice
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-siting.h"

G_BEGIN_DECLS

typedef struct
{
  double         lat;
  double         lon;
  PkPlace       *county;            /* no geometry */
  GPtrArray     *covered_cities;    /* PkPlace, unserved cities it would serve */
  double         covered_area_km2;  /* unserved area it would serve */
  PkSiteVerdict *verdict;           /* the checker's, at the minimum area, land use declared */
} PkSuggestion;

void       pk_suggestion_free    (PkSuggestion *self);
GPtrArray *pk_suggest_sites      (PkStore      *store,
                                  PkLicense     license,
                                  gint64        county_id,
                                  guint         count,
                                  GError      **error);
GPtrArray *pk_suggest_sites_each (PkStore      *store,
                                  PkLicense     license,
                                  guint         count,
                                  GCancellable *cancellable,
                                  GError      **error);
JsonNode  *pk_suggestions_to_json (GPtrArray   *suggestions,
                                   PkLicense    license);

G_END_DECLS
