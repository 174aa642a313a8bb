/* pk-import.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-import"

#include "config.h"

#include <geodesic.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pk-coords.h"
#include "pk-csv.h"
#include "pk-export.h"
#include "pk-geom.h"
#include "pk-ident.h"
#include "pk-import.h"
#include "pk-json.h"
#include "pk-jalali.h"
#include "pk-rules.h"
#include "pk-siting.h"
#include "pk-text.h"

void
pk_import_report_free (PkImportReport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->notes);
  g_free (self);
}

static PkImportReport *
report_new (PkImportFlags flags)
{
  PkImportReport *r = g_new0 (PkImportReport, 1);

  r->problems = g_ptr_array_new_with_free_func (g_free);
  r->notes = g_ptr_array_new_with_free_func (g_free);
  r->dry_run = (flags & PK_IMPORT_DRY_RUN) != 0;
  return r;
}

/* A postal code is exactly 10 digits (Persian digits accepted). */
gboolean
pk_postal_code_is_valid (const char *code)
{
  g_autofree char *ascii = pk_text_to_ascii_digits (code);

  if (ascii == NULL || strlen (ascii) != 10)
    return FALSE;
  for (const char *p = ascii; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
has_json_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json");
}

/* One raw record, whatever the file format. */
typedef struct
{
  guint       row;
  const char *label;           /* "row" or "feature" */
  GHashTable *fields;          /* column → value (borrowed strings) */
  gboolean    has_point;
  double      lat, lon;
  JsonObject *geometry;        /* GeoJSON only; borrowed from the parser kept alive */
  const char *problem;         /* set when the record itself is malformed (translated) */
} Record;

static const char *
field (Record     *rec,
       const char *name)
{
  const char *v = g_hash_table_lookup (rec->fields, name);

  return v != NULL && *v != '\0' ? v : NULL;
}

/* Free text of an office: code, name, holder, address. */
static char *
check_office_text (const PkOffice *o)
{
  const struct { const char *value; guint max; const char *what; } fields[] = {
    { o->code, PK_TEXT_MAX_CODE, N_("code") },
    { o->name, PK_TEXT_MAX_NAME, N_("name") },
    { o->holder, PK_TEXT_MAX_NAME, N_("holder") },
    { o->address, PK_TEXT_MAX_LONG, N_("address") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *reason = pk_text_check_field (fields[i].value, fields[i].max);

      if (reason != NULL)
        /* TRANSLATORS: "name: the text has 300 characters; at most 200 are taken" */
        return g_strdup_printf (_("%s: %s"), _(fields[i].what), reason);
    }
  return NULL;
}

/* Validates a record into an office; returns a reason (translated) or NULL. */
static char *
record_to_office (Record        *rec,
                  PkSiteChecker *checker,
                  PkOffice      *o)
{
  const char *v;
  int y, m, d;

  if (rec->problem != NULL)
    return g_strdup (rec->problem);
  if ((v = field (rec, "code")) == NULL)
    return g_strdup (_("the code is missing"));
  o->code = g_strdup (v);
  if ((v = field (rec, "name")) == NULL)
    return g_strdup (_("the name is missing"));
  o->name = g_strdup (v);
  if ((v = field (rec, "license")) == NULL)
    return g_strdup (_("the licence type is missing (urban or rural)"));
  if (!pk_license_from_string (v, &o->license))
    return g_strdup_printf (_("unknown licence type “%s” (urban or rural)"), v);
  o->status = PK_STATUS_ACTIVE;
  if ((v = field (rec, "status")) != NULL && !pk_status_from_string (v, &o->status))
    return g_strdup_printf (_("unknown status “%s” (active, approved, planned or suspended)"), v);

  if (!rec->has_point)
    {
      const char *lat = field (rec, "lat"), *lon = field (rec, "lon");

      if (lat == NULL || lon == NULL)
        return g_strdup (_("the coordinates are missing (lat and lon)"));
      if (!pk_text_parse_double (lat, &rec->lat) || !pk_text_parse_double (lon, &rec->lon))
        return g_strdup_printf (_("unreadable coordinates “%s, %s”"), lat, lon);
    }
  if (!pk_coords_check_range (rec->lat, rec->lon, NULL))
    return g_strdup_printf (_("coordinates out of range (%g, %g)"), rec->lat, rec->lon);
  if (!pk_site_checker_in_province (checker, rec->lat, rec->lon))
    return g_strdup_printf (_("the place (%.5f, %.5f) is outside the workspace's province"),
                            rec->lat, rec->lon);
  o->lat = rec->lat;
  o->lon = rec->lon;
  {
    const PkPlace *county = pk_site_checker_find_county (checker, o->lat, o->lon);
    o->county_id = county ? county->id : 0;
  }

  if ((v = field (rec, "postal_code")) != NULL)
    {
      if (!pk_postal_code_is_valid (v))
        return g_strdup_printf (_("postal code “%s” is not 10 digits"), v);
      o->postal_code = pk_text_to_ascii_digits (v);
    }
  if ((v = field (rec, "license_issued")) != NULL)
    {
      if (!pk_date_parse_iso (v, &y, &m, &d))
        return g_strdup_printf (_("licence issue date “%s” is not a date (YYYY-MM-DD)"), v);
      o->license_issued = g_strdup (v);
    }
  if ((v = field (rec, "license_expires")) != NULL)
    {
      if (!pk_date_parse_iso (v, &y, &m, &d))
        return g_strdup_printf (_("licence expiry date “%s” is not a date (YYYY-MM-DD)"), v);
      o->license_expires = g_strdup (v);
    }
  if (o->license_issued != NULL && o->license_expires != NULL &&
      g_strcmp0 (o->license_expires, o->license_issued) < 0)
    return g_strdup_printf (_("the licence expires (%s) before it was issued (%s)"),
                            o->license_expires, o->license_issued);
  o->holder = g_strdup (field (rec, "holder"));
  o->address = g_strdup (field (rec, "address"));
  /* the register (LT-8, LT-9): who holds it, and a cancellation */
  if ((v = field (rec, "holder_code")) != NULL)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *reason = g_utf8_strlen (v, -1) == 11          /* a company's national ID */
                                ? pk_ident_check_national_id (v, &normalized)
                                : pk_ident_check_national_code (v, &normalized);

      if (reason != NULL)
        return g_strdup_printf (_("holder_code “%s”: %s"), v, reason);
      o->holder_code = g_steal_pointer (&normalized);
    }
  if ((v = field (rec, "cancelled_on")) != NULL)
    {
      if (!pk_date_parse_iso (v, &y, &m, &d))
        return g_strdup_printf (_("cancellation date “%s” is not a date (YYYY-MM-DD)"), v);
      o->cancelled_on = g_strdup (v);
      v = field (rec, "cancel_reason");
      if (v == NULL || (!g_str_equal (v, "violation") && !g_str_equal (v, "other")))
        return g_strdup (_("a cancelled licence needs its cancel_reason: violation or other (LT-9)"));
      o->cancel_reason = g_strdup (v);
    }
  else if (field (rec, "cancel_reason") != NULL)
    return g_strdup (_("cancel_reason without cancelled_on"));
  {
    char *reason = check_office_text (o);

    if (reason != NULL)
      return reason;
  }
  v = field (rec, "sample");
  o->sample = v != NULL && (g_str_equal (v, "1") || g_ascii_strcasecmp (v, "true") == 0);
  return NULL;
}

static const char * const known_columns[] = {
  "id", "code", "name", "license", "status", "sample", "county", "county_en", "postal_code",
  "holder", "address", "license_issued", "license_expires", "lat", "lon", "holder_code", "cancelled_on",
  "cancel_reason", NULL
};

/* Long on purpose: one reader for both forms an import takes (GeoJSON
 * features, CSV rows) that turns each into a record the same way, so the
 * refusal report names rows alike whatever the file. */
static GPtrArray *
read_records (const char      *path,
              PkImportReport  *report,
              GPtrArray      **keep_alive,
              GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = g_filename_display_name (path);

  *keep_alive = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist"), display);
      return NULL;
    }

  if (has_json_extension (path))
    {
      g_autoptr(JsonParser) parser = pk_json_parse_file (path, error);
      JsonNode *root;
      JsonArray *features;

      if (parser == NULL)
        return NULL;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          g_strcmp0 (pk_json_string_member (json_node_get_object (root), "type"),
                     "FeatureCollection") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not a GeoJSON FeatureCollection"), display);
          return NULL;
        }
      if ((features = pk_json_array_member (json_node_get_object (root), "features")) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s”: “features” must be a list of features"), display);
          return NULL;
        }
      g_ptr_array_add (*keep_alive, g_object_ref (parser));
      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonNode *fnode = json_array_get_element (features, i);
          Record *rec = g_new0 (Record, 1);
          JsonObject *f, *props;

          rec->row = i + 1;
          rec->label = "feature";
          rec->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_ptr_array_add (records, rec);
          if (!JSON_NODE_HOLDS_OBJECT (fnode))
            {
              rec->problem = _("it is not a GeoJSON feature (an object)");
              continue;
            }
          f = json_node_get_object (fnode);
          rec->geometry = pk_json_object_member (f, "geometry");
          if ((props = pk_json_object_member (f, "properties")) == NULL)
            {
              rec->problem = _("it has no “properties” object");
              continue;
            }
          {
            GList *members = json_object_get_members (props);

            for (GList *l = members; l; l = l->next)
              {
                JsonNode *n = json_object_get_member (props, l->data);
                char *value = NULL;

                if (JSON_NODE_HOLDS_VALUE (n))
                  {
                    if (json_node_get_value_type (n) == G_TYPE_STRING)
                      value = g_strdup (json_node_get_string (n));
                    else if (json_node_get_value_type (n) == G_TYPE_BOOLEAN)
                      value = g_strdup (json_node_get_boolean (n) ? "1" : "0");
                    else if (json_node_get_value_type (n) == G_TYPE_INT64)
                      value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
                    else
                      value = g_strdup_printf ("%.17g", json_node_get_double (n));
                  }
                if (value)
                  g_hash_table_insert (rec->fields, g_utf8_strdown (l->data, -1), value);
              }
            g_list_free (members);
          }
          if (rec->geometry != NULL &&
              g_strcmp0 (pk_json_string_member (rec->geometry, "type"), "Point") == 0)
            {
              JsonArray *xy = pk_json_array_member (rec->geometry, "coordinates");

              if (xy == NULL || json_array_get_length (xy) < 2 ||
                  !pk_json_number (json_array_get_element (xy, 0), &rec->lon) ||
                  !pk_json_number (json_array_get_element (xy, 1), &rec->lat))
                rec->problem = _("the point's coordinates are not two numbers [lon, lat]");
              else
                rec->has_point = TRUE;
            }
        }
    }
  else
    {
      g_autoptr(PkCsv) csv = pk_csv_read_file (path, error);

      if (csv == NULL)
        {
          g_prefix_error (error, "“%s”: ", display);
          return NULL;
        }
      for (guint c = 0; csv->header[c]; c++)
        if (!g_strv_contains (known_columns, csv->header[c]))
          g_ptr_array_add (report->notes, g_strdup_printf (_("column “%s” is not known and was "
                                                             "ignored"), csv->header[c]));
      for (guint i = 0; i < csv->rows->len; i++)
        {
          Record *rec = g_new0 (Record, 1);

          rec->row = g_array_index (csv->row_numbers, guint, i);
          rec->label = "row";
          rec->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          for (guint c = 0; csv->header[c]; c++)
            {
              const char *cell = pk_csv_cell (csv, i, c);

              /* our export guards formula-like cells with an apostrophe */
              if (cell != NULL && cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@", cell[1]))
                cell++;
              if (cell != NULL)
                g_hash_table_insert (rec->fields, g_strdup (csv->header[c]), g_strdup (cell));
            }
          g_ptr_array_add (records, rec);
        }
    }
  return g_steal_pointer (&records);
}

static void
free_record (Record *rec)
{
  g_hash_table_unref (rec->fields);
  g_free (rec);
}

static void
add_problem (PkImportReport *report,
             Record         *rec,
             const char     *reason)
{
  /* TRANSLATORS: "row 3: the name is missing"; the first %s is "row" or "feature" */
  g_ptr_array_add (report->problems,
                   g_strdup_printf (_("%s %u: %s"),
                                    g_str_equal (rec->label, "row") ? _("row") : _("feature"),
                                    rec->row, reason));
}

/**
 * pk_import_offices:
 *
 * Reads offices from CSV (header line, columns in any order) or a GeoJSON
 * FeatureCollection of points, validates every row (code present and unique
 * in the file and the workspace, name, licence type, status, coordinates
 * inside the province, 10-digit postal code, ISO dates) and imports them in
 * one transaction: all of them, or — when any row is refused — none, unless
 * %PK_IMPORT_SKIP_INVALID. A dry run validates and reports the same and
 * writes nothing.
 *
 * Returns: (transfer full): the report, or %NULL with @error when the file
 *   itself cannot be read
 */
PkImportReport *
pk_import_offices (PkStore        *store,
                   const char     *path,
                   PkImportFlags   flags,
                   GError        **error)
{
  g_autoptr(PkImportReport) report = report_new (flags);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) valid = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_office_free);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  if ((checker = pk_site_checker_new (store, error)) == NULL)
    return NULL;
  if ((records = read_records (path, report, &keep, error)) == NULL)
    return NULL;
  g_ptr_array_set_free_func (records, (GDestroyNotify) free_record);
  report->n_rows = records->len;

  for (guint i = 0; i < records->len; i++)
    {
      Record *rec = g_ptr_array_index (records, i);
      g_autoptr(PkOffice) o = pk_office_new ();
      g_autofree char *reason = record_to_office (rec, checker, o);

      if (reason == NULL && g_hash_table_contains (codes, o->code))
        reason = g_strdup_printf (_("code “%s” appears twice in the file"), o->code);
      if (reason == NULL && pk_store_office_code_exists (store, o->code))
        reason = g_strdup_printf (_("code “%s” is already in the workspace"), o->code);
      if (reason != NULL)
        {
          add_problem (report, rec, reason);
          continue;
        }
      g_hash_table_add (codes, o->code);
      g_ptr_array_add (valid, g_steal_pointer (&o));
    }
  report->n_valid = valid->len;

  if ((flags & PK_IMPORT_DRY_RUN) ||
      (report->problems->len > 0 && !(flags & PK_IMPORT_SKIP_INVALID)))
    return g_steal_pointer (&report);

  /* one transaction: the import lands whole or not at all */
  if (!pk_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < valid->len; i++)
    if (pk_store_add_office (store, g_ptr_array_index (valid, i), error) == 0)
      {
        pk_store_rollback (store);
        return NULL;
      }
  if (!pk_store_commit (store, error))
    return NULL;
  report->n_imported = valid->len;
  return g_steal_pointer (&report);
}

static gint64
match_city (GPtrArray  *cities,
            Record     *rec)
{
  static const char * const id_keys[] = { "city_id", "id" };
  static const char * const name_keys[] = { "name_fa", "name_en", "name", "city" };

  for (guint k = 0; k < G_N_ELEMENTS (id_keys); k++)
    {
      const char *v = field (rec, id_keys[k]);
      gint64 id;

      if (v == NULL)
        continue;
      id = g_ascii_strtoll (v, NULL, 10);
      for (guint i = 0; i < cities->len; i++)
        if (((PkPlace *) g_ptr_array_index (cities, i))->id == id)
          return id;
    }
  for (guint k = 0; k < G_N_ELEMENTS (name_keys); k++)
    {
      g_autofree char *want = NULL;
      gint64 found = 0;
      guint n = 0;

      if (field (rec, name_keys[k]) == NULL)
        continue;
      want = pk_text_fold (field (rec, name_keys[k]));
      for (guint i = 0; i < cities->len; i++)
        {
          PkPlace *c = g_ptr_array_index (cities, i);
          g_autofree char *fa = pk_text_fold (c->name_fa);
          g_autofree char *en = pk_text_fold (c->name_en);

          if (g_str_equal (want, fa) || (*en && g_str_equal (want, en)))
            {
              found = c->id;
              n++;
            }
        }
      if (n == 1)
        return found;
    }
  return 0;
}

/* City limits come from other people's files: a bowtie, an unclosed ring, a
 * hole outside its shell or the whole world would later break coverage for a
 * county, and a 20,000-vertex zigzag would make it take minutes. */
#define URBAN_MAX_VERTICES 10000
#define URBAN_MAX_AREA_KM2 3000.0     /* Tehran, the largest city, is about 730 km² */
#define URBAN_MAX_OFFSET_DEG 0.3      /* the city's point lies within ~30 km of its limits */

static char *
check_ring (JsonArray *ring,
            guint     *n_vertices,
            PkBBox    *bbox,
            double    *area_m2)
{
  guint n = json_array_get_length (ring);
  g_autofree double *lats = NULL;
  g_autofree double *lons = NULL;
  double perimeter;

  if (n < 4)
    return g_strdup_printf (_("a ring has %u positions; a closed ring needs at least 4"), n);
  if ((*n_vertices += n) > URBAN_MAX_VERTICES)
    return g_strdup_printf (_("more than %d vertices; simplify the outline"), URBAN_MAX_VERTICES);
  lats = g_new (double, n);
  lons = g_new (double, n);
  for (guint k = 0; k < n; k++)
    {
      JsonNode *pos = json_array_get_element (ring, k);
      JsonArray *xy = JSON_NODE_HOLDS_ARRAY (pos) ? json_node_get_array (pos) : NULL;

      if (xy == NULL || json_array_get_length (xy) < 2 ||
          !pk_json_number (json_array_get_element (xy, 0), &lons[k]) ||
          !pk_json_number (json_array_get_element (xy, 1), &lats[k]))
        return g_strdup_printf (_("position %u of a ring is not two numbers [lon, lat]"), k + 1);
      if (!pk_coords_check_range (lats[k], lons[k], NULL))
        return g_strdup_printf (_("position %u (%g, %g) is not a place on Earth"), k + 1,
                                lons[k], lats[k]);
      bbox->min_x = MIN (bbox->min_x, lons[k]);
      bbox->max_x = MAX (bbox->max_x, lons[k]);
      bbox->min_y = MIN (bbox->min_y, lats[k]);
      bbox->max_y = MAX (bbox->max_y, lats[k]);
    }
  if (lats[0] != lats[n - 1] || lons[0] != lons[n - 1])
    return g_strdup (_("a ring is not closed (its last position must repeat the first)"));
  geod_polygonarea (pk_geod_wgs84 (), lats, lons, (int) n - 1, area_m2, &perimeter);
  *area_m2 = fabs (*area_m2);
  return NULL;
}

/* Everything about a city-limit geometry that can be judged without the
 * database; returns a reason (translated) or NULL. */
static char *
check_urban_geometry (JsonObject    *geometry,
                      const PkPlace *city,
                      double        *area_out)
{
  const char *type = pk_json_string_member (geometry, "type");
  JsonArray *coords = pk_json_array_member (geometry, "coordinates");
  gboolean multi = g_strcmp0 (type, "MultiPolygon") == 0;
  PkBBox bbox = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  guint n_vertices = 0;
  double area_km2 = 0;

  if (!multi && g_strcmp0 (type, "Polygon") != 0)
    return g_strdup (_("the geometry is not a Polygon or MultiPolygon"));
  if (coords == NULL || json_array_get_length (coords) == 0)
    return g_strdup (_("the geometry has no coordinates"));
  for (guint p = 0; p < (multi ? json_array_get_length (coords) : 1); p++)
    {
      JsonNode *pnode = multi ? json_array_get_element (coords, p) : NULL;
      JsonArray *rings = multi ? (JSON_NODE_HOLDS_ARRAY (pnode) ? json_node_get_array (pnode) : NULL)
                               : coords;

      if (rings == NULL || json_array_get_length (rings) == 0)
        return g_strdup (_("a polygon has no rings"));
      for (guint r = 0; r < json_array_get_length (rings); r++)
        {
          JsonNode *rnode = json_array_get_element (rings, r);
          double ring_m2 = 0;
          char *reason;

          if (!JSON_NODE_HOLDS_ARRAY (rnode))
            return g_strdup (_("a ring is not a list of positions"));
          if ((reason = check_ring (json_node_get_array (rnode), &n_vertices, &bbox, &ring_m2)))
            return reason;
          area_km2 += (r == 0 ? 1 : -1) * ring_m2 / 1e6;
        }
    }
  *area_out = area_km2;
  if (city->lon < bbox.min_x - URBAN_MAX_OFFSET_DEG || city->lon > bbox.max_x + URBAN_MAX_OFFSET_DEG ||
      city->lat < bbox.min_y - URBAN_MAX_OFFSET_DEG || city->lat > bbox.max_y + URBAN_MAX_OFFSET_DEG)
    return g_strdup (_("the outline is far from the city it names"));
  return NULL;
}

/**
 * pk_import_urban_areas:
 *
 * City limits (SR-2) from a GeoJSON FeatureCollection of (Multi)Polygons,
 * matched to the workspace's cities by `city_id`/`id` or by name (Persian or
 * English, search-folded). All or nothing, like the office import.
 */
PkImportReport *
pk_import_urban_areas (PkStore        *store,
                       const char     *path,
                       PkImportFlags   flags,
                       GError        **error)
{
  g_autoptr(PkImportReport) report = report_new (flags);
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = g_filename_display_name (path);

  if ((cities = pk_store_list_cities (store, error)) == NULL)
    return NULL;
  if (!has_json_extension (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s”: urban areas are read from GeoJSON (.geojson)"), display);
      return NULL;
    }
  if ((records = read_records (path, report, &keep, error)) == NULL)
    return NULL;
  g_ptr_array_set_free_func (records, (GDestroyNotify) free_record);
  report->n_rows = records->len;

  for (guint i = 0; i < records->len; i++)
    {
      Record *rec = g_ptr_array_index (records, i);
      g_autoptr(JsonNode) geom = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *geojson = NULL;
      const PkPlace *city = NULL;
      double area_km2 = 0;
      gint64 id;

      if (rec->problem != NULL)
        {
          add_problem (report, rec, rec->problem);
          continue;
        }
      if (rec->geometry == NULL)
        {
          add_problem (report, rec, _("the geometry is not a Polygon or MultiPolygon"));
          continue;
        }
      if ((id = match_city (cities, rec)) == 0)
        {
          add_problem (report, rec, _("no city of the workspace matches its city_id or name"));
          continue;
        }
      for (guint c = 0; c < cities->len && city == NULL; c++)
        if (((PkPlace *) g_ptr_array_index (cities, c))->id == id)
          city = g_ptr_array_index (cities, c);
      if ((reason = check_urban_geometry (rec->geometry, city, &area_km2)) != NULL)
        {
          add_problem (report, rec, reason);
          continue;
        }
      geom = json_node_init_object (json_node_alloc (), rec->geometry);
      geojson = json_to_string (geom, FALSE);
      /* what only GEOS can tell: self-crossing edges, a hole outside its shell */
      if ((reason = pk_store_polygon_invalid_reason (store, geojson)) != NULL)
        {
          add_problem (report, rec, reason);
          continue;
        }
      if (area_km2 < 0.01 || area_km2 > URBAN_MAX_AREA_KM2)
        {
          add_problem (report, rec, area_km2 < 0.01
                       ? _("the outline encloses no area")
                       : _("the outline encloses more than any city does (at most 3000 km²)"));
          continue;
        }
      g_array_append_val (ids, id);
      g_ptr_array_add (geoms, g_steal_pointer (&geojson));
    }
  report->n_valid = ids->len;
  if ((flags & PK_IMPORT_DRY_RUN) ||
      (report->problems->len > 0 && !(flags & PK_IMPORT_SKIP_INVALID)))
    return g_steal_pointer (&report);

  if (!pk_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (!pk_store_set_urban_area (store, g_array_index (ids, gint64, i),
                                  g_ptr_array_index (geoms, i), error))
      {
        g_prefix_error (error, _("feature %u: "), i + 1);
        pk_store_rollback (store);
        return NULL;
      }
  if (!pk_store_commit (store, error))
    return NULL;
  report->n_imported = ids->len;
  return g_steal_pointer (&report);
}

/* A geodesic circle as a closed ring of lon/lat pairs (64 vertices). */
static void
add_circle (JsonBuilder *b,
            double       lat,
            double       lon,
            double       radius_m)
{
  json_builder_begin_array (b);                 /* polygon */
  json_builder_begin_array (b);                 /* ring */
  for (int i = 0; i <= 64; i++)
    {
      double plat, plon, azi2;

      geod_direct (pk_geod_wgs84 (), lat, lon, (i % 64) * 360.0 / 64, radius_m, &plat, &plon, &azi2);
      json_builder_begin_array (b);
      json_builder_add_double_value (b, round (plon * 1e7) / 1e7);
      json_builder_add_double_value (b, round (plat * 1e7) / 1e7);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_array (b);
}

/**
 * pk_export_urban_areas:
 *
 * The urban areas the checker uses (cli.md): one feature per city, `basis`
 * `polygon` (imported city limits) or `approximate` (the rule set's circle).
 */
char *
pk_export_urban_areas (PkStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) cities = pk_store_list_cities (store, error);
  g_autoptr(PkRuleSet) rules = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (cities == NULL || (rules = pk_store_load_rules (store, error)) == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < cities->len; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Feature");
      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "city_id");
      json_builder_add_int_value (b, c->id);
      json_builder_set_member_name (b, "city");
      pk_place_add_json (c, b);
      json_builder_set_member_name (b, "basis");
      json_builder_add_string_value (b, c->geometry ? "polygon" : "approximate");
      if (c->geometry == NULL)
        {
          json_builder_set_member_name (b, "radius_m");
          json_builder_add_double_value (b, pk_rule_set_get_urban_radius (rules, c));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "geometry");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "MultiPolygon");
      json_builder_set_member_name (b, "coordinates");
      json_builder_begin_array (b);
      if (c->geometry == NULL)
        add_circle (b, c->lat, c->lon, pk_rule_set_get_urban_radius (rules, c));
      else
        pk_json_add_polygons (b, c->geometry);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/**
 * pk_office_check_fields:
 *
 * The same checks as the import, for an office typed in the app: code given
 * and not used by another office, name given, a 10-digit postal code if any,
 * inside the province. Fills in the county. Asks only @checker's snapshot,
 * so a window may call it at each save; the edit's write checks the code
 * against the store again (pk-edit-history.c).
 *
 * Returns: (transfer full) (nullable): why the office cannot be saved, or %NULL
 */
char *
pk_office_check_fields (PkSiteChecker *checker,
                        PkOffice      *o)
{
  gint64 owner;

  if (o->code == NULL || *g_strstrip (o->code) == '\0')
    return g_strdup (_("the code is missing"));
  if (o->name == NULL || *g_strstrip (o->name) == '\0')
    return g_strdup (_("the name is missing"));
  {
    char *reason = check_office_text (o);

    if (reason != NULL)
      return reason;
  }
  owner = pk_site_checker_office_code_owner (checker, o->code);
  if (owner != 0 && owner != o->id)
    return g_strdup_printf (_("code “%s” is already in the workspace"), o->code);
  if (o->postal_code != NULL && *o->postal_code != '\0')
    {
      g_autofree char *ascii = NULL;

      if (!pk_postal_code_is_valid (o->postal_code))
        return g_strdup_printf (_("postal code “%s” is not 10 digits"), o->postal_code);
      ascii = pk_text_to_ascii_digits (o->postal_code);
      g_free (o->postal_code);
      o->postal_code = g_steal_pointer (&ascii);
    }
  return pk_office_check_place (checker, o->lat, o->lon, &o->county_id);
}

/**
 * pk_office_check_place:
 * @county_id: (out): the county at the place (0: none)
 *
 * Whether an office may stand at (@lat, @lon): inside the province.
 *
 * Returns: (transfer full) (nullable): why not, or %NULL
 */
char *
pk_office_check_place (PkSiteChecker *checker,
                       double         lat,
                       double         lon,
                       gint64        *county_id)
{
  const PkPlace *county;

  if (!pk_site_checker_in_province (checker, lat, lon))
    return g_strdup_printf (_("the place (%.5f, %.5f) is outside the workspace's province"), lat, lon);
  county = pk_site_checker_find_county (checker, lat, lon);
  *county_id = county ? county->id : 0;
  return NULL;
}
