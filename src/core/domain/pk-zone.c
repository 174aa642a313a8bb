/* pk-zone.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-zone"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-text.h"
#include "pk-zone.h"

G_DEFINE_QUARK (pk-zone-error-quark, pk_zone_error)

/* The largest province, Kerman, spans about 7° of longitude. */
#define PK_ZONE_MAX_SPAN_DEG 10

G_DEFINE_BOXED_TYPE (PkZone, pk_zone, pk_zone_copy, pk_zone_free)

PkZone *
pk_zone_new (void)
{
  PkZone *self = g_new0 (PkZone, 1);

  self->license = PK_LICENSE_RURAL;
  self->capacity = 1;
  return self;
}

PkZone *
pk_zone_copy (const PkZone *self)
{
  PkZone *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->note = g_strdup (self->note);
  copy->xy = g_memdup2 (self->xy, sizeof (double) * 2 * self->n_points);
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_zone_free (PkZone *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->note);
  g_free (self->xy);
  pk_record_clear (&self->record);
  g_free (self);
}

void
pk_zone_add_point (PkZone *self,
                   double  lon,
                   double  lat)
{
  g_return_if_fail (self != NULL);
  self->xy = g_renew (double, self->xy, 2 * (self->n_points + 1));
  self->xy[2 * self->n_points] = lon;
  self->xy[2 * self->n_points + 1] = lat;
  self->n_points++;
}

gboolean
pk_zone_remove_last_point (PkZone *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->n_points == 0)
    return FALSE;
  self->n_points--;
  return TRUE;
}

/* Even-odd ray casting over the one ring. */
gboolean
pk_zone_contains (const PkZone *self,
                  double        lon,
                  double        lat)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0, j = self->n_points - 1; i < self->n_points; j = i++)
    {
      double xi = self->xy[2 * i], yi = self->xy[2 * i + 1];
      double xj = self->xy[2 * j], yj = self->xy[2 * j + 1];

      if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

/**
 * pk_zone_validate:
 *
 * The fields a zone needs before it is stored: a name, a capacity of at least
 * one office, three or more distinct vertices. (The store also refuses an
 * outline that crosses itself.)
 */
gboolean
pk_zone_validate (const PkZone  *self,
                  GError       **error)
{
  g_autofree char *name = g_strstrip (g_strdup (self && self->name ? self->name : ""));
  guint distinct = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  if (*name == '\0')
    {
      g_set_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID, _("A zone needs a name."));
      return FALSE;
    }
  {
    g_autofree char *reason = pk_text_check_field (name, PK_TEXT_MAX_NAME);

    if (reason == NULL)
      reason = pk_text_check_field (self->note, PK_TEXT_MAX_LONG);
    if (reason != NULL)
      {
        g_set_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID, "%s", reason);
        return FALSE;
      }
  }
  if (self->capacity < 1 || self->capacity > 1000)
    {
      g_set_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID,
                   _("A zone takes from 1 to 1000 offices."));
      return FALSE;
    }
  for (guint i = 0; i < self->n_points; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < i && !seen; k++)
        seen = self->xy[2 * k] == self->xy[2 * i] && self->xy[2 * k + 1] == self->xy[2 * i + 1];
      if (!seen)
        distinct++;
      if (self->xy[2 * i] < -180 || self->xy[2 * i] > 180 ||
          self->xy[2 * i + 1] < -90 || self->xy[2 * i + 1] > 90)
        {
          g_set_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID,
                       _("Vertex %u of the zone is not a position on Earth."), i + 1);
          return FALSE;
        }
    }
  if (distinct < 3)
    {
      g_set_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID,
                   _("A zone needs at least three distinct corners."));
      return FALSE;
    }
  {
    /* a zone lies inside one province; an outline around the whole Earth
     * would have an area of nothing and hold every office */
    double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

    for (guint i = 0; i < self->n_points; i++)
      {
        min_x = MIN (min_x, self->xy[2 * i]);
        max_x = MAX (max_x, self->xy[2 * i]);
        min_y = MIN (min_y, self->xy[2 * i + 1]);
        max_y = MAX (max_y, self->xy[2 * i + 1]);
      }
    if (max_x - min_x > PK_ZONE_MAX_SPAN_DEG || max_y - min_y > PK_ZONE_MAX_SPAN_DEG)
      {
        g_set_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID,
                     _("The zone spans %.1f° by %.1f°; a zone lies within one province (at most %d°)."),
                     max_x - min_x, max_y - min_y, PK_ZONE_MAX_SPAN_DEG);
        return FALSE;
      }
  }
  return TRUE;
}

/* POLYGON((lon lat, …, first)) in the C locale. */
char *
pk_zone_to_wkt (const PkZone *self)
{
  GString *s = g_string_new ("POLYGON((");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i <= self->n_points; i++)
    {
      guint k = i % self->n_points;

      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.7f", self->xy[2 * k]));
      g_string_append_c (s, ' ');
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.7f", self->xy[2 * k + 1]));
    }
  g_string_append (s, "))");
  return g_string_free (s, FALSE);
}

/* Offices of the zone's licence type inside it that hold or will hold a
 * licence (active, approved, planned): what its capacity is measured against. */
guint
pk_zone_count_offices (const PkZone *self,
                       GPtrArray    *offices)
{
  guint n = 0;

  for (guint i = 0; offices && i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if (o->license == self->license && o->status != PK_STATUS_SUSPENDED &&
          pk_zone_contains (self, o->lon, o->lat))
        n++;
    }
  return n;
}

/* One GeoJSON Feature: the ring (closed, counter-clockwise as RFC 7946 asks)
 * and its properties; @offices (may be NULL) gives "taken". */
void
pk_zone_add_feature (const PkZone *self,
                     GPtrArray    *offices,
                     JsonBuilder  *b)
{
  double signed2 = 0;
  gboolean ccw;

  for (guint i = 0, j = self->n_points - 1; i < self->n_points; j = i++)
    signed2 += (self->xy[2 * j] * self->xy[2 * i + 1]) - (self->xy[2 * i] * self->xy[2 * j + 1]);
  ccw = signed2 > 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Feature");
  json_builder_set_member_name (b, "geometry");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Polygon");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  for (guint i = 0; i <= self->n_points; i++)
    {
      guint k = i % self->n_points;

      if (!ccw)
        k = (self->n_points - k) % self->n_points;
      json_builder_begin_array (b);
      json_builder_add_double_value (b, self->xy[2 * k]);
      json_builder_add_double_value (b, self->xy[2 * k + 1]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "layer");
  json_builder_add_string_value (b, "approved-zone");
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, self->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->name);
  json_builder_set_member_name (b, "license");
  json_builder_add_string_value (b, pk_license_to_string (self->license));
  json_builder_set_member_name (b, "capacity");
  json_builder_add_int_value (b, self->capacity);
  if (offices != NULL)
    {
      json_builder_set_member_name (b, "taken");
      json_builder_add_int_value (b, pk_zone_count_offices (self, offices));
    }
  json_builder_set_member_name (b, "area_km2");
  json_builder_add_double_value (b, self->area_km2);
  if (self->note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, self->note);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
pk_zones_to_geojson (GPtrArray *zones,
                     GPtrArray *offices)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < zones->len; i++)
    pk_zone_add_feature (g_ptr_array_index (zones, i), offices, b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}
