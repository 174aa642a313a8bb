/* pk-siting-private.h: what the checker and the verdict share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-siting.h"

G_BEGIN_DECLS

void           _pk_near_office_clear           (PkNearOffice      *n);
PkPlace       *_pk_place_copy_without_geometry (const PkPlace     *p);

/* pk-site-verdict.c: a verdict, and its rules one by one */
PkSiteVerdict *_pk_site_verdict_new            (const PkSiteQuery *q,
                                                const PkRuleSet   *rules);
void           _pk_site_verdict_conclude       (PkSiteVerdict     *v);
void           _pk_site_rule_floor_area        (PkSiteVerdict     *v,
                                                const PkRuleSet   *rules);
void           _pk_site_rule_urban             (PkSiteVerdict     *v,
                                                const PkPlace     *city);
void           _pk_site_rule_spacing           (PkSiteVerdict     *v,
                                                double             nearest_m);
void           _pk_site_rule_capacity          (PkSiteVerdict     *v,
                                                const PkPlace     *county,
                                                int                used,
                                                int                capacity);
void           _pk_site_rule_province          (PkSiteVerdict     *v,
                                                const PkPlace     *province,
                                                gboolean           in_province,
                                                const PkPlace     *county);
void           _pk_site_rule_service           (PkSiteVerdict     *v,
                                                double             nearest_m,
                                                guint              n_within);
void           _pk_site_rule_land_use          (PkSiteVerdict     *v);

G_END_DECLS
