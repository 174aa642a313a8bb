/* pk-coverage.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-coverage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pk-coverage.h"
#include "pk-rules.h"
#include "pk-siting.h"
#include "pk-text.h"
#include "pk-vacancy.h"

void
pk_county_coverage_free (PkCountyCoverage *self)
{
  if (self == NULL)
    return;
  pk_place_free (self->county);
  g_clear_pointer (&self->vacant, pk_geometry_unref);
  g_ptr_array_unref (self->unserved_cities);
  g_free (self);
}

/* LT-7 counts licences held or planned: active, approved and planned offices. */
int
pk_county_coverage_n_offices (const PkCountyCoverage *self)
{
  return self->n_active + self->n_approved + self->n_planned;
}

/* The county's free places for the licence type (LT-7), or -1 when the
 * working group has set no capacity. */
int
pk_county_coverage_free_places (const PkCountyCoverage *self)
{
  return self->capacity < 0 ? -1 : MAX (0, self->capacity - pk_county_coverage_n_offices (self));
}

/* The share of what can be served that is served (1 when there is nothing). */
double
pk_county_coverage_served_share (const PkCountyCoverage *self)
{
  return self->area_km2 > 0 ? 1 - self->vacant_area_km2 / self->area_km2 : 1;
}

gint64
pk_coverage_find_county (PkStore     *store,
                         const char  *name_or_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) counties = pk_store_list_counties (store, error);
  g_autofree char *key = pk_text_fold (name_or_id);

  if (counties == NULL)
    return 0;
  for (guint i = 0; i < counties->len; i++)
    {
      PkPlace *c = g_ptr_array_index (counties, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
      g_autofree char *fa = pk_text_fold (c->name_fa);
      g_autofree char *en = pk_text_fold (c->name_en);

      if (g_str_equal (key, id) || g_str_equal (key, fa) || g_str_equal (key, en))
        return c->id;
    }
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
               _("No county “%s” in this workspace"), name_or_id);
  return 0;
}

/* A county's row without its areas: the offices by status, the capacity, and
 * the cities with no serving office of the type within the service radius. */
static PkCountyCoverage *
county_row (const PkPlace   *c,
            PkLicense        license,
            const PkRuleSet *rules,
            GArray          *offices,
            GPtrArray       *cities,
            PkVacancy       *vacancy)
{
  PkCountyCoverage *row = g_new0 (PkCountyCoverage, 1);
  double radius = rules->service_radius_m[license];

  row->county = pk_place_copy (c);
  g_clear_pointer (&row->county->geometry, pk_geometry_unref);
  row->license = license;
  row->service_radius_m = radius;
  row->capacity = pk_rule_set_get_capacity (rules, c->id, license);
  row->unserved_cities = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  for (guint k = 0; k < offices->len; k++)
    {
      const PkOfficePoint *o = &g_array_index (offices, PkOfficePoint, k);

      if (o->county_id != c->id || o->license != license)
        continue;
      row->n_active += o->status == PK_STATUS_ACTIVE;
      row->n_approved += o->status == PK_STATUS_APPROVED;
      row->n_planned += o->status == PK_STATUS_PLANNED;
    }
  for (guint k = 0; k < cities->len; k++)
    {
      PkPlace *city = g_ptr_array_index (cities, k);

      if (city->parent_id == c->id && !pk_vacancy_serves (vacancy, city->lat, city->lon))
        {
          PkPlace *copy = pk_place_copy (city);

          g_clear_pointer (&copy->geometry, pk_geometry_unref);
          g_ptr_array_add (row->unserved_cities, copy);
        }
    }
  return row;
}

/**
 * pk_coverage_compute:
 * @county_id: one county, or 0 for all
 *
 * Per county: the vacant area for @license (pk-vacancy.c: county minus the
 * union of the serving offices' service circles, and for rural minus the urban
 * areas; for urban the urban areas minus the circles — computed by GEOS in the
 * county's UTM zone, counties in parallel), the cities with no serving office
 * of the type within the service radius, the offices by status and the
 * county's capacity (LT-7).
 *
 * Returns: (transfer full) (element-type PkCountyCoverage): one row per county
 */
GPtrArray *
pk_coverage_compute (PkStore    *store,
                     PkLicense   license,
                     gint64      county_id,
                     gboolean    with_geometry,
                     GError    **error)
{
  return pk_coverage_compute_cached (store, NULL, license, county_id, with_geometry, error);
}

/* A county's result as the cache keeps it. */
typedef struct
{
  guint64     fingerprint;
  double      county_km2, base_km2, vacant_km2;
  PkGeometry *vacant;          /* NULL: none, or not asked for (see with_geometry) */
  gboolean    with_geometry;
} Kept;

static void
kept_free (Kept *k)
{
  g_clear_pointer (&k->vacant, pk_geometry_unref);
  g_free (k);
}

struct _PkCoverageCache
{
  GMutex      lock;
  GHashTable *kept;            /* "license:county" → Kept */
  guint       n_computed;      /* counties computed by the last call */
};

PkCoverageCache *
pk_coverage_cache_new (void)
{
  PkCoverageCache *self = g_new0 (PkCoverageCache, 1);

  g_mutex_init (&self->lock);
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) kept_free);
  return self;
}

void
pk_coverage_cache_free (PkCoverageCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->kept);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* How many counties the last computation through @self computed rather than
 * took from it. */
guint
pk_coverage_cache_get_n_computed (PkCoverageCache *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_computed;
  g_mutex_unlock (&self->lock);
  return n;
}

static char *
kept_key (PkLicense license,
          gint64    county_id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, license, county_id);
}

/* Fills @v from @cache when it holds the county with the same fingerprint
 * (and its shape, when the shape is asked for). */
static gboolean
take_kept (PkCoverageCache *cache,
           PkLicense        license,
           gint64           county_id,
           guint64          fingerprint,
           gboolean         with_geometry,
           PkVacancyCounty *v)
{
  g_autofree char *key = kept_key (license, county_id);
  Kept *k;
  gboolean found;

  g_mutex_lock (&cache->lock);
  k = g_hash_table_lookup (cache->kept, key);
  found = k != NULL && k->fingerprint == fingerprint && (k->with_geometry || !with_geometry);
  if (found)
    {
      v->county_km2 = k->county_km2;
      v->base_km2 = k->base_km2;
      v->vacant_km2 = k->vacant_km2;
      v->vacant = with_geometry && k->vacant ? pk_geometry_ref (k->vacant) : NULL;
    }
  g_mutex_unlock (&cache->lock);
  return found;
}

static void
keep (PkCoverageCache       *cache,
      PkLicense              license,
      gint64                 county_id,
      guint64                fingerprint,
      gboolean               with_geometry,
      const PkVacancyCounty *v)
{
  Kept *k = g_new0 (Kept, 1);

  k->fingerprint = fingerprint;
  k->county_km2 = v->county_km2;
  k->base_km2 = v->base_km2;
  k->vacant_km2 = v->vacant_km2;
  k->vacant = v->vacant ? pk_geometry_ref (v->vacant) : NULL;
  k->with_geometry = with_geometry;
  g_mutex_lock (&cache->lock);
  g_hash_table_replace (cache->kept, kept_key (license, county_id), k);
  g_mutex_unlock (&cache->lock);
}

/* What every vacancy is worked out from: the rules, the counties (with
 * their outlines), the cities, where the offices are. */
static gboolean
read_inputs (PkStore     *store,
             PkRuleSet  **rules,
             GPtrArray  **counties,
             GPtrArray  **cities,
             GArray     **offices,
             GError     **error)
{
  return (*rules = pk_store_load_rules (store, error)) != NULL &&
         (*counties = pk_store_list_counties (store, error)) != NULL &&
         (*cities = pk_store_list_cities (store, error)) != NULL &&
         (*offices = pk_store_list_office_points (store, error)) != NULL;
}

/**
 * pk_coverage_compute_cached:
 * @cache: (nullable): results kept from earlier calls, updated by this one
 *
 * pk_coverage_compute(), computing again only the counties whose vacancy
 * depends on something that changed since @cache last saw them.
 */
GPtrArray *
pk_coverage_compute_cached (PkStore         *store,
                            PkCoverageCache *cache,
                            PkLicense        license,
                            gint64           county_id,
                            gboolean         with_geometry,
                            GError         **error)
{
  g_autoptr(PkRuleSet) rules = NULL;
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GArray) offices = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(PkVacancy) vacancy = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (PkVacancyCounty));
  g_autoptr(GArray) asked = g_array_new (FALSE, TRUE, sizeof (PkVacancyCounty));
  g_autoptr(GArray) asked_index = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) fingerprints = g_array_new (FALSE, FALSE, sizeof (guint64));
  gboolean ok;

  if (!read_inputs (store, &rules, &counties, &cities, &offices, error))
    return NULL;
  vacancy = pk_vacancy_new (license, rules, offices, cities);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_county_coverage_free);
  for (guint i = 0; i < counties->len; i++)
    {
      PkPlace *c = g_ptr_array_index (counties, i);
      PkVacancyCounty v = { c->geometry };
      guint64 fingerprint;

      if ((county_id != 0 && c->id != county_id) || c->geometry == NULL)
        continue;
      fingerprint = cache ? pk_vacancy_fingerprint (vacancy, c->geometry) : 0;
      if (cache == NULL || !take_kept (cache, license, c->id, fingerprint, with_geometry, &v))
        {
          guint at = all->len;

          g_array_append_val (asked, v);
          g_array_append_val (asked_index, at);
        }
      g_array_append_val (all, v);
      g_array_append_val (fingerprints, fingerprint);
      g_ptr_array_add (out, county_row (c, license, rules, offices, cities, vacancy));
    }
  if (county_id != 0 && out->len == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No county with id %lld"),
                   (long long) county_id);
      return NULL;
    }

  ok = pk_vacancy_compute (vacancy, (PkVacancyCounty *) asked->data, asked->len, with_geometry, NULL, error);
  for (guint k = 0; k < asked->len; k++)
    {
      PkVacancyCounty *v = &g_array_index (asked, PkVacancyCounty, k);
      guint at = g_array_index (asked_index, guint, k);

      if (ok && cache != NULL)
        keep (cache, license, ((PkCountyCoverage *) g_ptr_array_index (out, at))->county->id,
              g_array_index (fingerprints, guint64, at), with_geometry, v);
      g_array_index (all, PkVacancyCounty, at) = *v;
    }
  if (cache != NULL)
    {
      g_mutex_lock (&cache->lock);
      cache->n_computed = asked->len;
      g_mutex_unlock (&cache->lock);
    }
  for (guint i = 0; i < out->len; i++)
    {
      PkCountyCoverage *row = g_ptr_array_index (out, i);
      PkVacancyCounty *v = &g_array_index (all, PkVacancyCounty, i);

      row->county_area_km2 = v->county_km2;
      row->area_km2 = v->base_km2;
      row->vacant_area_km2 = v->vacant_km2;
      row->vacant = g_steal_pointer (&v->vacant);
    }
  return ok ? g_steal_pointer (&out) : NULL;
}

void
pk_site_gain_free (PkSiteGain *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_free (self);
}

/* What of the county's vacant area the site would serve; never below 0. */
double
pk_site_gain_km2 (const PkSiteGain *self)
{
  return MAX (self->vacant_before_km2 - self->vacant_after_km2, 0);
}

/**
 * pk_coverage_site_gain:
 * @county_id: the county the site lies in
 * @except_office_id: an office left out (the one the case's approval already
 *   made, so that an approved site is judged as when it was proposed), or 0
 *
 * The vacant area of @county_id for @license (as pk_coverage_compute() works
 * it out) without an office at (@lat, @lon) and with one there that serves,
 * and the county's unserved cities it would serve: what the working group
 * weighs a proposed site by (PA-3, PA-5).
 *
 * Returns: (transfer full): the gain, or %NULL with @error set
 */
PkSiteGain *
pk_coverage_site_gain (PkStore      *store,
                       PkLicense     license,
                       gint64        county_id,
                       double        lat,
                       double        lon,
                       gint64        except_office_id,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr(PkRuleSet) rules = NULL;
  g_autoptr(GPtrArray) counties = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GArray) offices = NULL;
  g_autoptr(PkVacancy) before = NULL;
  g_autoptr(PkVacancy) after = NULL;
  g_autoptr(PkSiteGain) gain = g_new0 (PkSiteGain, 1);
  PkOfficePoint site = { 0, county_id, lat, lon, license, PK_STATUS_ACTIVE };
  PkVacancyCounty v[2] = { { NULL } };
  const PkPlace *county = NULL;

  if (!read_inputs (store, &rules, &counties, &cities, &offices, error))
    return NULL;
  for (guint i = 0; i < counties->len && county == NULL; i++)
    if (((PkPlace *) g_ptr_array_index (counties, i))->id == county_id)
      county = g_ptr_array_index (counties, i);
  if (county == NULL || county->geometry == NULL)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("No county with id %lld"),
                   (long long) county_id);
      return NULL;
    }
  for (guint i = 0; i < offices->len; i++)
    if (g_array_index (offices, PkOfficePoint, i).id == except_office_id && except_office_id != 0)
      g_array_remove_index_fast (offices, i--);
  before = pk_vacancy_new (license, rules, offices, cities);
  g_array_append_val (offices, site);
  after = pk_vacancy_new (license, rules, offices, cities);
  v[0].outline = v[1].outline = county->geometry;
  if (!pk_vacancy_compute (before, &v[0], 1, FALSE, cancellable, error) ||
      !pk_vacancy_compute (after, &v[1], 1, FALSE, cancellable, error))
    return NULL;
  gain->license = license;
  gain->vacant_before_km2 = v[0].vacant_km2;
  gain->vacant_after_km2 = v[1].vacant_km2;
  gain->cities = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
  for (guint k = 0; k < cities->len; k++)
    {
      PkPlace *city = g_ptr_array_index (cities, k);

      if (city->parent_id == county_id && !pk_vacancy_serves (before, city->lat, city->lon) &&
          pk_vacancy_serves (after, city->lat, city->lon))
        {
          PkPlace *copy = pk_place_copy (city);

          g_clear_pointer (&copy->geometry, pk_geometry_unref);
          g_ptr_array_add (gain->cities, copy);
        }
    }
  return g_steal_pointer (&gain);
}

static double
round2 (double v)
{
  return round (v * 100) / 100;
}

/* cli.md: {"license", "service_radius_m", "counties": [...], "total_vacant_area_km2"} */
JsonNode *
pk_coverage_vacancy_json (GPtrArray *rows,
                          PkLicense  license)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  double total = 0, radius = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "license");
  json_builder_add_string_value (b, pk_license_to_string (license));
  json_builder_set_member_name (b, "counties");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      PkCountyCoverage *r = g_ptr_array_index (rows, i);

      radius = r->service_radius_m;
      total += r->vacant_area_km2;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "county");
      pk_place_add_json (r->county, b);
      json_builder_set_member_name (b, "area_km2");
      json_builder_add_double_value (b, round2 (r->area_km2));
      json_builder_set_member_name (b, "county_area_km2");
      json_builder_add_double_value (b, round2 (r->county_area_km2));
      json_builder_set_member_name (b, "vacant_area_km2");
      json_builder_add_double_value (b, round2 (r->vacant_area_km2));
      json_builder_set_member_name (b, "unserved_cities");
      json_builder_begin_array (b);
      for (guint k = 0; k < r->unserved_cities->len; k++)
        pk_place_add_json (g_ptr_array_index (r->unserved_cities, k), b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "service_radius_m");
  json_builder_add_double_value (b, radius);
  json_builder_set_member_name (b, "total_vacant_area_km2");
  json_builder_add_double_value (b, round2 (total));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* One feature per county with a vacant area: `county`, its own `area_km2`. */
char *
pk_coverage_vacancy_geojson (GPtrArray *rows)
{
  GString *out = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  gboolean first = TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      PkCountyCoverage *r = g_ptr_array_index (rows, i);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) props = NULL;
      g_autofree char *props_text = NULL;
      g_autofree char *geometry = NULL;

      if (r->vacant == NULL || r->vacant_area_km2 <= 0)
        continue;
      geometry = pk_geometry_to_geojson (r->vacant, 6);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "county");
      pk_place_add_json (r->county, b);
      json_builder_set_member_name (b, "license");
      json_builder_add_string_value (b, pk_license_to_string (r->license));
      json_builder_set_member_name (b, "area_km2");
      json_builder_add_double_value (b, round2 (r->vacant_area_km2));
      json_builder_set_member_name (b, "service_radius_m");
      json_builder_add_double_value (b, r->service_radius_m);
      json_builder_set_member_name (b, "unserved_cities");
      json_builder_begin_array (b);
      for (guint k = 0; k < r->unserved_cities->len; k++)
        pk_place_add_json (g_ptr_array_index (r->unserved_cities, k), b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      props = json_builder_get_root (b);
      props_text = json_to_string (props, FALSE);
      g_string_append_printf (out, "%s\n{\"type\": \"Feature\", \"properties\": %s, \"geometry\": %s}",
                              first ? "" : ",", props_text, geometry);
      first = FALSE;
    }
  g_string_append (out, "\n]}\n");
  return g_string_free (out, FALSE);
}

static void
table_row_json (JsonBuilder      *b,
                PkCountyCoverage *r)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "license");
  json_builder_add_string_value (b, pk_license_to_string (r->license));
  json_builder_set_member_name (b, "active");
  json_builder_add_int_value (b, r->n_active);
  json_builder_set_member_name (b, "approved");
  json_builder_add_int_value (b, r->n_approved);
  json_builder_set_member_name (b, "planned");
  json_builder_add_int_value (b, r->n_planned);
  json_builder_set_member_name (b, "capacity");
  if (r->capacity >= 0)
    json_builder_add_int_value (b, r->capacity);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "free_capacity");
  if (r->capacity >= 0)
    json_builder_add_int_value (b, pk_county_coverage_free_places (r));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "area_km2");
  json_builder_add_double_value (b, round2 (r->area_km2));
  json_builder_set_member_name (b, "vacant_area_km2");
  json_builder_add_double_value (b, round2 (r->vacant_area_km2));
  json_builder_set_member_name (b, "covered_share");
  json_builder_add_double_value (b, round (1000 * pk_county_coverage_served_share (r)) / 1000);
  json_builder_set_member_name (b, "unserved_cities");
  json_builder_add_int_value (b, r->unserved_cities->len);
  json_builder_set_member_name (b, "service_radius_m");
  json_builder_add_double_value (b, r->service_radius_m);
  json_builder_end_object (b);
}

/* `coverage --json`: per county, both licence types side by side. */
JsonNode *
pk_coverage_table_json (GPtrArray *urban,
                        GPtrArray *rural)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "counties");
  json_builder_begin_array (b);
  for (guint i = 0; i < urban->len; i++)
    {
      PkCountyCoverage *u = g_ptr_array_index (urban, i), *r = g_ptr_array_index (rural, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "county");
      pk_place_add_json (u->county, b);
      json_builder_set_member_name (b, "county_area_km2");
      json_builder_add_double_value (b, round2 (u->county_area_km2));
      json_builder_set_member_name (b, "urban");
      table_row_json (b, u);
      json_builder_set_member_name (b, "rural");
      table_row_json (b, r);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
pk_coverage_table_csv (GPtrArray *urban,
                       GPtrArray *rural)
{
  GString *out = g_string_new ("county_fa,county_en,license,active,approved,planned,capacity,"
                               "free_capacity,area_km2,vacant_area_km2,covered_share,"
                               "unserved_cities,service_radius_m\r\n");

  for (guint i = 0; i < urban->len; i++)
    for (int t = 0; t < 2; t++)
      {
        PkCountyCoverage *r = g_ptr_array_index (t == 0 ? urban : rural, i);
        g_autofree char *cap = r->capacity >= 0 ? g_strdup_printf ("%d", r->capacity) : g_strdup ("");
        g_autofree char *freecap = r->capacity >= 0 ? g_strdup_printf ("%d", pk_county_coverage_free_places (r))
                                                    : g_strdup ("");

        g_string_append_printf (out, "%s,%s,%s,%d,%d,%d,%s,%s,%.2f,%.2f,%.3f,%u,%.0f\r\n",
                                r->county->name_fa, r->county->name_en ? r->county->name_en : "",
                                pk_license_to_string (r->license), r->n_active, r->n_approved,
                                r->n_planned, cap, freecap, r->area_km2, r->vacant_area_km2,
                                pk_county_coverage_served_share (r),
                                r->unserved_cities->len, r->service_radius_m);
      }
  return g_string_free (out, FALSE);
}

void
pk_vacant_part_free (PkVacantPart *self)
{
  if (self == NULL)
    return;
  pk_place_free (self->county);
  g_ptr_array_unref (self->cities);
  g_free (self);
}

/* Distance in metres (local equirectangular: parts are a county at most) from
 * (@lon, @lat) to the nearest edge of @poly. */
static double
distance_to_edges (const PkPolygon *poly,
                   double           lon,
                   double           lat)
{
  double kx = 111320.0 * cos (lat * G_PI / 180), ky = 110574.0, best = G_MAXDOUBLE;

  for (guint r = 0; r < poly->n_rings; r++)
    {
      const PkRing *ring = &poly->rings[r];

      for (guint i = 0; i + 1 < ring->n_points; i++)
        {
          double ax = (ring->xy[2 * i] - lon) * kx, ay = (ring->xy[2 * i + 1] - lat) * ky;
          double bx = (ring->xy[2 * i + 2] - lon) * kx, by = (ring->xy[2 * i + 3] - lat) * ky;
          double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
          double t = len2 > 0 ? CLAMP (-(ax * dx + ay * dy) / len2, 0, 1) : 0;

          best = MIN (best, hypot (ax + t * dx, ay + t * dy));
        }
    }
  return best;
}

/**
 * pk_coverage_vacant_part_at:
 * @rows: (element-type PkCountyCoverage): computed with geometry
 *
 * The vacant part under a click: its county, its area on the ellipsoid, the
 * unserved cities in it, and its deepest point — the one farthest from its
 * edges, found on a 40 × 40 grid and refined once around the best cell: an
 * office there reaches the most of the part, so the siting checker starts
 * there ("check a site here").
 *
 * Returns: (nullable): NULL when no vacant area is under (@lat, @lon)
 */
PkVacantPart *
pk_coverage_vacant_part_at (GPtrArray *rows,
                            double     lat,
                            double     lon)
{
  g_return_val_if_fail (rows != NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      PkCountyCoverage *row = g_ptr_array_index (rows, i);

      if (row->vacant == NULL || !pk_bbox_contains (&row->vacant->bbox, lon, lat))
        continue;
      for (guint p = 0; p < row->vacant->n_polygons; p++)
        {
          const PkPolygon *poly = &row->vacant->polygons[p];
          PkVacantPart *part;
          double best = -1, cx, cy, w, h;

          if (!pk_polygon_contains (poly, lon, lat, FALSE))
            continue;
          part = g_new0 (PkVacantPart, 1);
          part->county = pk_place_copy (row->county);
          part->license = row->license;
          part->area_km2 = pk_polygon_geodesic_area_m2 (poly) / 1e6;
          part->cities = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_place_free);
          for (guint k = 0; k < row->unserved_cities->len; k++)
            {
              PkPlace *c = g_ptr_array_index (row->unserved_cities, k);

              if (pk_polygon_contains (poly, c->lon, c->lat, TRUE))
                g_ptr_array_add (part->cities, pk_place_copy (c));
            }

          part->best_lat = lat;
          part->best_lon = lon;
          cx = (poly->bbox.min_x + poly->bbox.max_x) / 2;
          cy = (poly->bbox.min_y + poly->bbox.max_y) / 2;
          w = poly->bbox.max_x - poly->bbox.min_x;
          h = poly->bbox.max_y - poly->bbox.min_y;
          for (int pass = 0; pass < 2; pass++)
            {
              double x0 = cx - w / 2, y0 = cy - h / 2;

              for (int gy = 0; gy <= 40; gy++)
                for (int gx = 0; gx <= 40; gx++)
                  {
                    double x = x0 + w * gx / 40, y = y0 + h * gy / 40, d;

                    if (!pk_polygon_contains (poly, x, y, FALSE))
                      continue;
                    d = distance_to_edges (poly, x, y);
                    if (d > best)
                      {
                        best = d;
                        part->best_lon = x;
                        part->best_lat = y;
                      }
                  }
              /* second pass: a finer grid around the best point */
              cx = part->best_lon;
              cy = part->best_lat;
              w /= 10;
              h /= 10;
            }
          return part;
        }
    }
  return NULL;
}
