/* pk-place.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-place"

#include "config.h"

#include "pk-place.h"
#include "pk-text.h"

G_DEFINE_BOXED_TYPE (PkPlace, pk_place, pk_place_copy, pk_place_free)

PkPlace *
pk_place_new (PkPlaceKind kind)
{
  PkPlace *self = g_new0 (PkPlace, 1);

  self->kind = kind;
  return self;
}

PkPlace *
pk_place_copy (const PkPlace *self)
{
  PkPlace *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->name_fa = g_strdup (self->name_fa);
  copy->name_en = g_strdup (self->name_en);
  copy->geometry = self->geometry ? pk_geometry_ref (self->geometry) : NULL;
  return copy;
}

void
pk_place_free (PkPlace *self)
{
  if (self == NULL)
    return;
  g_free (self->name_fa);
  g_free (self->name_en);
  g_clear_pointer (&self->geometry, pk_geometry_unref);
  g_free (self);
}

/* Persian names are primary (some cities have no English name); English UIs
 * show the English name where there is one. */
const char *
pk_place_display_name (const PkPlace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (!pk_text_locale_is_persian () && self->name_en != NULL && *self->name_en != '\0')
    return self->name_en;
  return self->name_fa;
}

/**
 * pk_place_add_json:
 * @self: (nullable): the place, or %NULL for JSON null
 *
 * cli.md: a place is written as {"name_fa": …, "name_en": …} wherever it appears.
 */
void
pk_place_add_json (const PkPlace *self,
                   JsonBuilder   *b)
{
  if (self == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name_fa");
  json_builder_add_string_value (b, self->name_fa);
  json_builder_set_member_name (b, "name_en");
  if (self->name_en != NULL)
    json_builder_add_string_value (b, self->name_en);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}
