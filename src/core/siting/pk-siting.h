/* pk-siting.h: the siting checker (SR-1 … SR-7)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pk-rules.h"
#include "pk-store.h"

G_BEGIN_DECLS

typedef enum
{
  PK_RULE_PASS,
  PK_RULE_FAIL,
  PK_RULE_UNKNOWN,
} PkRuleStatus;

typedef enum
{
  PK_VERDICT_PASS,
  PK_VERDICT_FAIL,
  PK_VERDICT_NEEDS_REVIEW,
} PkVerdictKind;

typedef enum
{
  PK_LAND_USE_UNKNOWN,
  PK_LAND_USE_YES,
  PK_LAND_USE_NO,
} PkLandUse;

typedef enum
{
  PK_BASIS_NONE,
  PK_BASIS_POLYGON,
  PK_BASIS_APPROXIMATE,
} PkSettingBasis;

typedef struct
{
  double    lat;
  double    lon;
  PkLicense license;
  double    area_m2;           /* NAN when not given */
  PkLandUse land_use;
  gint64    ignore_office_id;  /* when checking an office's own place: leave it out */
} PkSiteQuery;

typedef struct
{
  const char   *id;            /* "SR-1" … */
  PkRuleStatus  status;
  double        measured;      /* NAN: see measured_text (or null) */
  char         *measured_text;
  double        required;
  char         *required_text;
  char         *message;       /* translated, why */
  const char   *source;        /* rule IDs behind it */
  gboolean      local_setting; /* the required value is a local setting, not a national rule */
} PkRuleResult;

typedef struct
{
  gint64    id;
  char     *code;
  char     *name;
  PkLicense license;
  double    lat;
  double    lon;
  double    distance_m;
} PkNearOffice;

typedef struct
{
  gint           ref_count;
  PkSiteQuery    query;
  PkVerdictKind  verdict;
  PkPlace       *province;      /* NULL outside the province; no geometry */
  PkPlace       *county;        /* NULL outside every county */
  gboolean       urban;
  PkSettingBasis basis;
  PkPlace       *urban_city;    /* whose urban area holds the site; NULL when rural */
  double         urban_radius_m;/* for an approximate area */
  double         min_spacing_m;
  double         service_radius_m;
  GArray        *nearest;       /* PkNearOffice, nearest first */
  GPtrArray     *rules;         /* PkRuleResult */
} PkSiteVerdict;

#define PK_TYPE_SITE_VERDICT (pk_site_verdict_get_type ())
GType          pk_site_verdict_get_type    (void) G_GNUC_CONST;
PkSiteVerdict *pk_site_verdict_ref         (PkSiteVerdict *self);
void           pk_site_verdict_unref       (PkSiteVerdict *self);
JsonNode      *pk_site_verdict_to_json     (const PkSiteVerdict *self);
const char    *pk_verdict_to_string        (PkVerdictKind  verdict);
const char    *pk_verdict_display_name     (PkVerdictKind  verdict);
const char    *pk_rule_status_to_string    (PkRuleStatus   status);
const char    *pk_setting_basis_to_string  (PkSettingBasis basis);
gboolean       pk_land_use_from_string     (const char    *str,
                                            PkLandUse     *out);
const char    *pk_land_use_to_string       (PkLandUse      land_use);

typedef struct _PkSiteChecker PkSiteChecker;

PkSiteChecker *pk_site_checker_new         (PkStore       *store,
                                            GError       **error);
void           pk_site_checker_free        (PkSiteChecker *self);
PkSiteVerdict *pk_site_checker_check       (PkSiteChecker *self,
                                            const PkSiteQuery *query);
void           pk_site_checker_nearest     (PkSiteChecker *self,
                                            double         lat,
                                            double         lon,
                                            PkLicense      license,
                                            guint          k,
                                            gint64         ignore_id,
                                            GArray        *out);
gboolean       pk_site_checker_serves      (PkSiteChecker *self,
                                            double         lat,
                                            double         lon,
                                            PkLicense      license,
                                            double         radius_m);
const PkRuleSet *pk_site_checker_get_rules (PkSiteChecker *self);
GPtrArray       *pk_site_checker_get_offices (PkSiteChecker *self);
const PkPlace   *pk_site_checker_get_province (PkSiteChecker *self);
gint64           pk_site_checker_office_code_owner (PkSiteChecker *self,
                                                    const char    *code);
gboolean         pk_site_checker_find_place (PkSiteChecker *self,
                                             const char    *text,
                                             double        *lat,
                                             double        *lon);
const PkPlace *pk_site_checker_find_county (PkSiteChecker *self,
                                            double         lat,
                                            double         lon);
gboolean       pk_site_checker_in_province (PkSiteChecker *self,
                                            double         lat,
                                            double         lon);
const PkPlace *pk_site_checker_urban_area_at (PkSiteChecker *self,
                                              double         lat,
                                              double         lon,
                                              PkSettingBasis *basis,
                                              double        *radius_m);

void           pk_site_query_init          (PkSiteQuery   *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkSiteVerdict, pk_site_verdict_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkSiteChecker, pk_site_checker_free)

G_END_DECLS
