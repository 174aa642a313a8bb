/* pk-visit-check.c: a site visit's measurements judged again
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-siting"

#include "config.h"

#include <math.h>

#include "pk-geom.h"
#include "pk-visit-check.h"

void
pk_visit_check_free (PkVisitCheck *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  g_free (self);
}

/* A positive number the workspace sets for visits (meta @key), else @fallback. */
double
pk_visit_setting (PkStore    *store,
                  const char *key,
                  double      fallback)
{
  g_autofree char *text = pk_store_get_meta (store, key);
  char *end = NULL;
  double v = text ? g_ascii_strtod (text, &end) : NAN;

  return text != NULL && end != text && *end == '\0' && v > 0 ? v : fallback;
}

/* The office an approval made for the case: it stands at the declared site
 * and is no neighbour of its own (0 when there is none). */
static gint64
office_of_case (PkStore *store,
                gint64   case_id)
{
  g_autoptr(GPtrArray) offices = case_id > 0 ? pk_store_list_offices (store, NULL) : NULL;

  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if (o->case_id == case_id)
        return o->id;
    }
  return 0;
}

/**
 * pk_visit_check:
 *
 * Judges the visit's measurements again: how far the premises the inspector
 * found lie from the site the applicant declared (flagged past the
 * workspace's setting), and the siting check at the observed place with the
 * measured floor area (SR-1 on the area found, ST-1/ST-2).
 *
 * Returns: (transfer full): the check, or %NULL with @error set
 */
PkVisitCheck *
pk_visit_check (PkStore        *store,
                PkSiteChecker  *checker,
                const PkVisit  *visit,
                GError        **error)
{
  g_autoptr(PkCase) c = NULL;
  PkVisitCheck *check = g_new0 (PkVisitCheck, 1);
  PkSiteQuery query;
  PkLicense license = PK_LICENSE_URBAN;

  check->offset_m = NAN;
  check->max_offset_m = pk_visit_setting (store, PK_VISIT_MAX_OFFSET_KEY, PK_VISIT_MAX_OFFSET_DEFAULT);
  if (visit->case_id > 0)
    {
      if ((c = pk_store_get_case (store, visit->case_id, error)) == NULL)
        {
          pk_visit_check_free (check);
          return NULL;
        }
      license = c->license;
      if (c->has_site && !c->site_not_on_map)
        {
          check->has_declared = TRUE;
          check->declared_lat = c->site_lat;
          check->declared_lon = c->site_lon;
        }
    }
  else if (visit->office_id > 0)
    {
      g_autoptr(PkOffice) o = pk_store_get_office (store, visit->office_id, NULL);

      if (o != NULL)
        {
          license = o->license;
          check->has_declared = TRUE;
          check->declared_lat = o->lat;
          check->declared_lon = o->lon;
        }
    }
  if (check->has_declared && visit->has_position)
    {
      check->offset_m = pk_geodesic_distance (check->declared_lat, check->declared_lon, visit->lat, visit->lon);
      check->offset_flagged = check->offset_m > check->max_offset_m;
    }
  if (checker == NULL || (!visit->has_position && !check->has_declared))
    return check;
  pk_site_query_init (&query);
  query.lat = visit->has_position ? visit->lat : check->declared_lat;
  query.lon = visit->has_position ? visit->lon : check->declared_lon;
  query.license = license;
  query.area_m2 = visit->area_m2;
  query.ignore_office_id = visit->office_id > 0 ? visit->office_id : office_of_case (store, visit->case_id);
  if (visit->standards[2].result == PK_ST_PASS)
    query.land_use = PK_LAND_USE_YES;
  else if (visit->standards[2].result == PK_ST_FAIL)
    query.land_use = PK_LAND_USE_NO;
  check->verdict = pk_site_checker_check (checker, &query);
  return check;
}

