/* pk-rules.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pk-rules.h"

/* The scalar settings. Defaults of local settings are deliberately modest
 * and shown as such in the UI; the working group sets its own. */
static const PkRuleInfo rule_infos[] = {
  { "min_area_urban_m2", 50, FALSE, "ST-1" },
  { "min_area_rural_m2", 20, FALSE, "ST-2" },
  { "min_spacing_urban_m", 500, TRUE, "SR-3" },
  { "min_spacing_rural_m", 3000, TRUE, "SR-3" },
  { "service_radius_urban_m", 1000, TRUE, "SR-6, PA-3" },
  { "service_radius_rural_m", 5000, TRUE, "SR-6, PA-3" },
  { "urban_radius_seat_m", 3000, TRUE, "SR-2" },
  { "urban_radius_city_m", 1500, TRUE, "SR-2" },
};

const PkRuleInfo *
pk_rule_info_list (guint *n)
{
  *n = G_N_ELEMENTS (rule_infos);
  return rule_infos;
}

const PkRuleInfo *
pk_rule_info_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_infos); i++)
    if (g_str_equal (rule_infos[i].key, key))
      return &rule_infos[i];
  return NULL;
}

static double *
slot (PkRuleSet  *self,
      const char *key)
{
  if (g_str_equal (key, "min_area_urban_m2")) return &self->min_area_m2[PK_LICENSE_URBAN];
  if (g_str_equal (key, "min_area_rural_m2")) return &self->min_area_m2[PK_LICENSE_RURAL];
  if (g_str_equal (key, "min_spacing_urban_m")) return &self->min_spacing_m[PK_LICENSE_URBAN];
  if (g_str_equal (key, "min_spacing_rural_m")) return &self->min_spacing_m[PK_LICENSE_RURAL];
  if (g_str_equal (key, "service_radius_urban_m")) return &self->service_radius_m[PK_LICENSE_URBAN];
  if (g_str_equal (key, "service_radius_rural_m")) return &self->service_radius_m[PK_LICENSE_RURAL];
  if (g_str_equal (key, "urban_radius_seat_m")) return &self->urban_radius_seat_m;
  if (g_str_equal (key, "urban_radius_city_m")) return &self->urban_radius_city_m;
  return NULL;
}

PkRuleSet *
pk_rule_set_new_default (void)
{
  PkRuleSet *self = g_new0 (PkRuleSet, 1);

  for (guint i = 0; i < G_N_ELEMENTS (rule_infos); i++)
    *slot (self, rule_infos[i].key) = rule_infos[i].default_value;
  self->capacity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->city_radius = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return self;
}

void
pk_rule_set_free (PkRuleSet *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->capacity);
  g_hash_table_unref (self->city_radius);
  g_free (self);
}

/**
 * pk_rule_set_new_from_settings:
 * @values: setting key → value text, as the workspace stores them
 *
 * The defaults with the workspace's settings laid over them. Keys:
 * the scalar keys of pk_rule_info_list(), `capacity.COUNTY_ID.urban|rural`
 * (LT-7, SR-4) and `urban_radius.CITY_ID`.
 */
PkRuleSet *
pk_rule_set_new_from_settings (GHashTable *values)
{
  g_autoptr(PkRuleSet) self = pk_rule_set_new_default ();
  GHashTableIter iter;
  const char *key, *value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
    {
      double *s = slot (self, key);
      double v = g_ascii_strtod (value, NULL);

      if (s != NULL)
        *s = v;
      else if (g_str_has_prefix (key, "capacity."))
        {
          g_auto(GStrv) parts = g_strsplit (key, ".", -1);

          if (g_strv_length (parts) == 3)
            g_hash_table_insert (self->capacity, g_strdup_printf ("%s:%s", parts[1], parts[2]),
                                 GINT_TO_POINTER ((int) v + 1));
        }
      else if (g_str_has_prefix (key, "urban_radius."))
        {
          gint64 *id = g_new (gint64, 1);
          double *r = g_new (double, 1);

          *id = g_ascii_strtoll (key + strlen ("urban_radius."), NULL, 10);
          *r = v;
          g_hash_table_insert (self->city_radius, id, r);
        }
    }
  return g_steal_pointer (&self);
}

/* Returns -1 when the working group has set no capacity for the county. */
int
pk_rule_set_get_capacity (const PkRuleSet *self,
                          gint64           county_id,
                          PkLicense        license)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", county_id,
                                          pk_license_to_string (license));
  gpointer v = g_hash_table_lookup (self->capacity, key);

  return v ? GPOINTER_TO_INT (v) - 1 : -1;
}

double
pk_rule_set_get_urban_radius (const PkRuleSet *self,
                              const PkPlace   *city)
{
  double *r = g_hash_table_lookup (self->city_radius, &city->id);

  if (r != NULL)
    return *r;
  return city->is_county_seat ? self->urban_radius_seat_m : self->urban_radius_city_m;
}
