/* pk-site-verdict.c: a candidate site's verdict — the siting rules SR-1 …
 * SR-7 applied to what the checker found (pk-siting.c), and the verdict as
 * text and JSON
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-siting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pk-siting-private.h"
#include "pk-text.h"

G_DEFINE_BOXED_TYPE (PkSiteVerdict, pk_site_verdict, pk_site_verdict_ref, pk_site_verdict_unref)

static void
rule_result_free (PkRuleResult *r)
{
  g_free (r->measured_text);
  g_free (r->required_text);
  g_free (r->message);
  g_free (r);
}

PkSiteVerdict *
pk_site_verdict_ref (PkSiteVerdict *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
pk_site_verdict_unref (PkSiteVerdict *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_clear_pointer (&self->province, pk_place_free);
  g_clear_pointer (&self->county, pk_place_free);
  g_clear_pointer (&self->urban_city, pk_place_free);
  g_array_unref (self->nearest);
  g_ptr_array_unref (self->rules);
  g_free (self);
}

PkPlace *
_pk_place_copy_without_geometry (const PkPlace *p)
{
  PkPlace *c;

  if (p == NULL)
    return NULL;
  c = pk_place_copy (p);
  g_clear_pointer (&c->geometry, pk_geometry_unref);
  return c;
}

static PkRuleResult *
add_rule (PkSiteVerdict *v,
          const char    *id,
          const char    *source,
          PkRuleStatus   status)
{
  PkRuleResult *r = g_new0 (PkRuleResult, 1);

  r->id = id;
  r->source = source;
  r->status = status;
  r->measured = NAN;
  r->required = NAN;
  g_ptr_array_add (v->rules, r);
  return r;
}

static const char *
place_name (const PkPlace *p)
{
  return p ? pk_place_display_name (p) : "?";
}

static const char *
license_short (PkLicense license)
{
  return license == PK_LICENSE_URBAN ? _("urban Pishkhan") : _("rural ICT");
}


/* ---- the rules, one by one ------------------------------------------------ */

/* SR-1: floor area (ST-1 urban 50 m², ST-2 rural 20 m²) */
void
_pk_site_rule_floor_area (PkSiteVerdict   *v,
                          const PkRuleSet *rules)
{
  const PkSiteQuery *q = &v->query;
  PkRuleResult *r = add_rule (v, "SR-1", q->license == PK_LICENSE_URBAN ? "ST-1" : "ST-2",
                              PK_RULE_UNKNOWN);

  r->required = rules->min_area_m2[q->license];
  if (isnan (q->area_m2))
    r->message = pk_text_printf_localized (_("Floor area not given; the minimum is %.0f m²"), r->required);
  else
    {
      r->measured = q->area_m2;
      r->status = q->area_m2 >= r->required ? PK_RULE_PASS : PK_RULE_FAIL;
      r->message = pk_text_printf_localized (_("Floor area %.0f m²; minimum %.0f m²"), q->area_m2, r->required);
    }
}

/* SR-2: urban Pishkhan inside an urban area, rural ICT outside (LT-1). @city:
 * the urban area the site is in (v->basis says how it is known), or NULL. */
void
_pk_site_rule_urban (PkSiteVerdict *v,
                     const PkPlace *city)
{
  const PkSiteQuery *q = &v->query;
  PkLicense lic = q->license;
  PkRuleResult *r = add_rule (v, "SR-2", "LT-1", PK_RULE_PASS);

  r->measured_text = g_strdup (v->urban ? "urban" : "rural");
  r->required_text = g_strdup (lic == PK_LICENSE_URBAN ? "urban" : "rural");
  r->local_setting = v->basis == PK_BASIS_APPROXIMATE;
  if ((lic == PK_LICENSE_URBAN) != v->urban)
    r->status = PK_RULE_FAIL;
  if (v->basis == PK_BASIS_APPROXIMATE)
    {
      double d = pk_geodesic_distance (q->lat, q->lon, city->lat, city->lon);

      /* near the edge of a guessed circle the answer is not certain */
      if (fabs (d - v->urban_radius_m) < 0.15 * v->urban_radius_m)
        r->status = PK_RULE_UNKNOWN;
      r->message = pk_text_printf_localized (_("Inside the approximate urban area of %s (a %.1f km circle, "
                                               "local setting: no city limits imported)%s"),
                                             place_name (city), v->urban_radius_m / 1000,
                                             r->status == PK_RULE_UNKNOWN ? _("; near its edge, verify") : "");
    }
  else if (v->basis == PK_BASIS_POLYGON)
    r->message = pk_text_printf_localized (_("Inside the city limits of %s"), place_name (city));
  else
    r->message = pk_text_printf_localized (_("Outside every urban area (imported city limits or approximate circles)"));
  if (r->status == PK_RULE_FAIL)
    {
      g_autofree char *why = r->message;

      r->message = pk_text_printf_localized ("%s — %s", why,
                                             lic == PK_LICENSE_URBAN
                                               ? _("an urban Pishkhan office must be inside an urban area")
                                               : _("a rural ICT office must be outside urban areas"));
    }
}

/* SR-3: spacing to the nearest serving office of the same type (local setting) */
void
_pk_site_rule_spacing (PkSiteVerdict *v,
                       double         nearest_m)
{
  PkLicense lic = v->query.license;
  PkRuleResult *r = add_rule (v, "SR-3", "SR-3", PK_RULE_PASS);

  r->required = v->min_spacing_m;
  r->local_setting = TRUE;
  if (isfinite (nearest_m))
    {
      r->measured = nearest_m;
      r->status = nearest_m >= v->min_spacing_m ? PK_RULE_PASS : PK_RULE_FAIL;
      r->message = pk_text_printf_localized (_("Nearest %s office %.2f km away; minimum spacing %.2f km "
                                               "(local setting)"), license_short (lic), nearest_m / 1000,
                                             v->min_spacing_m / 1000);
    }
  else
    r->message = pk_text_printf_localized (_("No serving %s office in the workspace; minimum spacing %.2f km "
                                             "(local setting)"), license_short (lic), v->min_spacing_m / 1000);
}

/* SR-4: the county's free capacity (LT-7). @used: its active, approved and
 * planned offices of the type; @capacity: negative when none is set. */
void
_pk_site_rule_capacity (PkSiteVerdict *v,
                        const PkPlace *county,
                        int            used,
                        int            capacity)
{
  PkLicense lic = v->query.license;
  PkRuleResult *r = add_rule (v, "SR-4", "LT-7", PK_RULE_UNKNOWN);

  r->local_setting = TRUE;
  if (county == NULL)
    {
      r->message = pk_text_printf_localized (_("Not in a county, so no county capacity applies"));
      return;
    }
  r->measured = used;
  if (capacity < 0)
    r->message = pk_text_printf_localized (_("The working group has set no %s capacity for %s (LT-7); "
                                             "%d offices there now"), license_short (lic), place_name (county),
                                           used);
  else
    {
      r->required = capacity;
      r->status = used < capacity ? PK_RULE_PASS : PK_RULE_FAIL;
      r->message = pk_text_printf_localized (_("%s has %d of its %d %s offices (active, approved or "
                                               "planned); %d free"), place_name (county), used, capacity,
                                             license_short (lic), MAX (capacity - used, 0));
    }
}

/* SR-5: inside the province and a county */
void
_pk_site_rule_province (PkSiteVerdict *v,
                        const PkPlace *province,
                        gboolean       in_province,
                        const PkPlace *county)
{
  PkRuleResult *r = add_rule (v, "SR-5", "SR-5", PK_RULE_PASS);

  r->required_text = g_strdup (province ? province->name_en : NULL);
  r->measured_text = g_strdup (county ? county->name_en : NULL);
  if (!in_province)
    {
      r->status = PK_RULE_FAIL;
      r->message = pk_text_printf_localized (_("Outside %s, the province of this working group"),
                                             place_name (province));
    }
  else if (county == NULL)
    {
      r->status = PK_RULE_FAIL;
      r->message = pk_text_printf_localized (_("Inside %s but in no county"), place_name (province));
    }
  else
    r->message = pk_text_printf_localized (_("Inside %s, county of %s"), place_name (province),
                                           place_name (county));
}

/* SR-6: an area without an office (PA-3): none of the type within the
 * service radius. @n_within: how many of v->nearest are. */
void
_pk_site_rule_service (PkSiteVerdict *v,
                       double         nearest_m,
                       guint          n_within)
{
  PkLicense lic = v->query.license;
  PkRuleResult *r = add_rule (v, "SR-6", "PA-3", PK_RULE_PASS);

  r->required = v->service_radius_m;
  r->local_setting = TRUE;
  if (isfinite (nearest_m))
    r->measured = nearest_m;
  if (n_within > 0)
    {
      r->status = PK_RULE_FAIL;
      r->message = pk_text_printf_localized (_("%u%s %s offices within the %.1f km service radius (local "
                                               "setting); the area is already served"), n_within,
                                             n_within == v->nearest->len ? "+" : "", license_short (lic),
                                             v->service_radius_m / 1000);
    }
  else
    r->message = pk_text_printf_localized (_("No %s office within the %.1f km service radius (local setting)"),
                                           license_short (lic), v->service_radius_m / 1000);
}

/* SR-7: permitted land use (ST-3) */
void
_pk_site_rule_land_use (PkSiteVerdict *v)
{
  PkLandUse land_use = v->query.land_use;
  PkRuleResult *r = add_rule (v, "SR-7", "ST-3", land_use == PK_LAND_USE_YES ? PK_RULE_PASS
                                                 : land_use == PK_LAND_USE_NO ? PK_RULE_FAIL
                                                 : PK_RULE_UNKNOWN);

  r->measured_text = g_strdup (pk_land_use_to_string (land_use));
  r->required_text = g_strdup ("yes");
  r->message = g_strdup (land_use == PK_LAND_USE_YES ? _("Permitted land use declared")
                         : land_use == PK_LAND_USE_NO ? _("The premises' land use is not permitted")
                         : _("Permitted land use not yet declared (ST-3)"));
}

/* A verdict for @q with no rules yet. */
PkSiteVerdict *
_pk_site_verdict_new (const PkSiteQuery *q,
                      const PkRuleSet   *rules)
{
  PkSiteVerdict *v = g_new0 (PkSiteVerdict, 1);

  v->ref_count = 1;
  v->query = *q;
  v->nearest = g_array_new (FALSE, TRUE, sizeof (PkNearOffice));
  g_array_set_clear_func (v->nearest, (GDestroyNotify) _pk_near_office_clear);
  v->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_result_free);
  v->min_spacing_m = rules->min_spacing_m[q->license];
  v->service_radius_m = rules->service_radius_m[q->license];
  return v;
}

/* Overall: fail if any rule fails, needs review if any is unknown, else pass. */
void
_pk_site_verdict_conclude (PkSiteVerdict *v)
{
  v->verdict = PK_VERDICT_PASS;
  for (guint i = 0; i < v->rules->len; i++)
    {
      PkRuleResult *rr = g_ptr_array_index (v->rules, i);

      if (rr->status == PK_RULE_FAIL)
        v->verdict = PK_VERDICT_FAIL;
      else if (rr->status == PK_RULE_UNKNOWN && v->verdict == PK_VERDICT_PASS)
        v->verdict = PK_VERDICT_NEEDS_REVIEW;
    }
}

const char *
pk_verdict_to_string (PkVerdictKind verdict)
{
  static const char * const ids[] = { "pass", "fail", "needs-review" };

  return ids[verdict];
}

const char *
pk_verdict_display_name (PkVerdictKind verdict)
{
  switch (verdict)
    {
    case PK_VERDICT_PASS: return _("Pass");
    case PK_VERDICT_FAIL: return _("Fail");
    case PK_VERDICT_NEEDS_REVIEW: return _("Needs review");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
pk_rule_status_to_string (PkRuleStatus status)
{
  static const char * const ids[] = { "pass", "fail", "unknown" };

  return ids[status];
}

const char *
pk_setting_basis_to_string (PkSettingBasis basis)
{
  static const char * const ids[] = { "none", "polygon", "approximate" };

  return ids[basis];
}

gboolean
pk_land_use_from_string (const char *str,
                         PkLandUse  *out)
{
  /* case-insensitive, like the licence type beside it in a batch file */
  if (str == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (str, "yes") == 0)
    *out = PK_LAND_USE_YES;
  else if (g_ascii_strcasecmp (str, "no") == 0)
    *out = PK_LAND_USE_NO;
  else if (g_ascii_strcasecmp (str, "unknown") == 0)
    *out = PK_LAND_USE_UNKNOWN;
  else
    return FALSE;
  return TRUE;
}

const char *
pk_land_use_to_string (PkLandUse land_use)
{
  static const char * const ids[] = { "unknown", "yes", "no" };

  return ids[land_use];
}

static void
add_place (JsonBuilder   *b,
           const char    *member,
           const PkPlace *p)
{
  json_builder_set_member_name (b, member);
  pk_place_add_json (p, b);
}

static void
add_value (JsonBuilder *b,
           const char  *member,
           double       num,
           const char  *text)
{
  json_builder_set_member_name (b, member);
  if (!isnan (num))
    json_builder_add_double_value (b, round (num * 10) / 10);
  else if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

/**
 * pk_site_verdict_to_json:
 *
 * Returns: (transfer full): the object `pishkhan-cli check --json` prints
 */
JsonNode *
pk_site_verdict_to_json (const PkSiteVerdict *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, pk_verdict_to_string (v->verdict));
  json_builder_set_member_name (b, "location");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, v->query.lat);
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, v->query.lon);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "license");
  json_builder_add_string_value (b, pk_license_to_string (v->query.license));
  add_place (b, "province", v->province);
  add_place (b, "county", v->county);
  json_builder_set_member_name (b, "setting");
  json_builder_add_string_value (b, v->urban ? "urban" : "rural");
  json_builder_set_member_name (b, "setting_basis");
  json_builder_add_string_value (b, pk_setting_basis_to_string (v->basis));
  add_place (b, "urban_area_city", v->urban_city);
  if (v->basis == PK_BASIS_APPROXIMATE)
    {
      json_builder_set_member_name (b, "urban_radius_m");
      json_builder_add_double_value (b, v->urban_radius_m);
    }

  json_builder_set_member_name (b, "nearest_offices");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->nearest->len; i++)
    {
      const PkNearOffice *n = &g_array_index (v->nearest, PkNearOffice, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, n->id);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, n->code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, n->name);
      json_builder_set_member_name (b, "license");
      json_builder_add_string_value (b, pk_license_to_string (n->license));
      json_builder_set_member_name (b, "distance_m");
      json_builder_add_double_value (b, round (n->distance_m * 10) / 10);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->rules->len; i++)
    {
      const PkRuleResult *r = g_ptr_array_index (v->rules, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, r->id);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, pk_rule_status_to_string (r->status));
      add_value (b, "measured", r->measured, r->measured_text);
      add_value (b, "required", r->required, r->required_text);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, r->message);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, r->source);
      json_builder_set_member_name (b, "local_setting");
      json_builder_add_boolean_value (b, r->local_setting);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
