/* pk-rules.h: the province's rule set (national values and local settings)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-office.h"
#include "pk-place.h"

G_BEGIN_DECLS

/**
 * PkRuleSet:
 *
 * The values the siting checker applies. Minimum floor areas come from the
 * seeds (ST-1, ST-2); spacing, service radius, approximate urban radii and
 * county capacities have no number in the seeds: they are local settings of
 * the province's working group, with labelled defaults (domain.md, SR-3).
 */
typedef struct
{
  double      min_area_m2[2];          /* [PK_LICENSE_URBAN], [PK_LICENSE_RURAL] */
  double      min_spacing_m[2];
  double      service_radius_m[2];
  double      urban_radius_seat_m;     /* approximate urban area of a county seat */
  double      urban_radius_city_m;     /* … of any other city */
  GHashTable *capacity;                /* "COUNTY_ID:urban|rural" → GINT_TO_POINTER (n + 1) */
  GHashTable *city_radius;             /* city id (gint64 *) → double * */
} PkRuleSet;

typedef struct
{
  const char *key;
  double      default_value;
  gboolean    local;                   /* a local setting, not a national rule */
  const char *source;                  /* rule IDs it comes from */
} PkRuleInfo;

PkRuleSet        *pk_rule_set_new_default (void);
PkRuleSet        *pk_rule_set_new_from_settings (GHashTable *values);
void              pk_rule_set_free        (PkRuleSet       *self);
int               pk_rule_set_get_capacity (const PkRuleSet *self,
                                            gint64           county_id,
                                            PkLicense        license);
double            pk_rule_set_get_urban_radius (const PkRuleSet *self,
                                                const PkPlace   *city);
const PkRuleInfo *pk_rule_info_list       (guint           *n);
const PkRuleInfo *pk_rule_info_lookup     (const char      *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkRuleSet, pk_rule_set_free)

G_END_DECLS
