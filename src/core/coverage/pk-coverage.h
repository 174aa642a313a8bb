/* pk-coverage.h: vacant areas and the county coverage table (PA-3, LT-7)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pk-store.h"

G_BEGIN_DECLS

typedef struct
{
  PkPlace   *county;            /* no geometry */
  PkLicense  license;
  double     service_radius_m;
  double     county_area_km2;
  double     area_km2;          /* what can be served: rural = county outside urban areas,
                                   urban = the urban areas in the county */
  double     vacant_area_km2;
  PkGeometry *vacant;           /* the vacant area in WGS84 (with geometry only), or NULL;
                                   pk_coverage_vacancy_geojson() writes it out */
  GPtrArray *unserved_cities;   /* PkPlace (no geometry) with no serving office in reach */
  int        n_active;
  int        n_approved;
  int        n_planned;
  int        capacity;          /* -1: not set */
} PkCountyCoverage;

/* One connected part of a county's vacant area, as a click on the map finds it. */
typedef struct
{
  PkPlace   *county;            /* no geometry */
  PkLicense  license;
  double     area_km2;          /* on the ellipsoid */
  GPtrArray *cities;            /* PkPlace: the unserved cities in it (or in its holes) */
  double     best_lat;          /* the point deepest inside it: where one office */
  double     best_lon;          /*   would serve the most of it */
} PkVacantPart;

void          pk_vacant_part_free        (PkVacantPart *self);
PkVacantPart *pk_coverage_vacant_part_at (GPtrArray    *rows,
                                          double        lat,
                                          double        lon);

/**
 * PkCoverageCache:
 *
 * Each county's vacancy as last computed, kept while what it depends on is
 * unchanged (pk_vacancy_fingerprint()): after an edit only the counties the
 * edit reaches are computed again. Safe to use from one worker at a time or
 * several.
 */
typedef struct _PkCoverageCache PkCoverageCache;

PkCoverageCache *pk_coverage_cache_new            (void);
void             pk_coverage_cache_free           (PkCoverageCache *self);
guint            pk_coverage_cache_get_n_computed (PkCoverageCache *self);

void       pk_county_coverage_free   (PkCountyCoverage *self);
int        pk_county_coverage_n_offices    (const PkCountyCoverage *self);
int        pk_county_coverage_free_places  (const PkCountyCoverage *self);
double     pk_county_coverage_served_share (const PkCountyCoverage *self);
GPtrArray *pk_coverage_compute       (PkStore          *store,
                                      PkLicense         license,
                                      gint64            county_id,
                                      gboolean          with_geometry,
                                      GError          **error);
GPtrArray *pk_coverage_compute_cached (PkStore         *store,
                                       PkCoverageCache *cache,
                                       PkLicense        license,
                                       gint64           county_id,
                                       gboolean         with_geometry,
                                       GError         **error);
gint64     pk_coverage_find_county   (PkStore          *store,
                                      const char       *name_or_id,
                                      GError          **error);
JsonNode  *pk_coverage_vacancy_json  (GPtrArray        *rows,
                                      PkLicense         license);
char      *pk_coverage_vacancy_geojson (GPtrArray      *rows);
char      *pk_coverage_table_csv     (GPtrArray        *urban,
                                      GPtrArray        *rural);
JsonNode  *pk_coverage_table_json    (GPtrArray        *urban,
                                      GPtrArray        *rural);

/* What an office at a site would do to its county's vacant area (PA-3, PA-5). */
typedef struct
{
  PkLicense  license;
  double     vacant_before_km2; /* the county's vacant area without it */
  double     vacant_after_km2;  /* and with it */
  GPtrArray *cities;            /* PkPlace (no geometry): unserved cities it would serve */
} PkSiteGain;

void        pk_site_gain_free        (PkSiteGain      *self);
double      pk_site_gain_km2         (const PkSiteGain *self);
PkSiteGain *pk_coverage_site_gain    (PkStore         *store,
                                      PkLicense        license,
                                      gint64           county_id,
                                      double           lat,
                                      double           lon,
                                      gint64           except_office_id,
                                      GCancellable    *cancellable,
                                      GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkCountyCoverage, pk_county_coverage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkSiteGain, pk_site_gain_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkCoverageCache, pk_coverage_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkVacantPart, pk_vacant_part_free)

G_END_DECLS
