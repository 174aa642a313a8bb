/* pk-visit.c: site visits and their photos as values
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-visit"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "pk-json.h"
#include "pk-visit.h"

G_DEFINE_BOXED_TYPE (PkVisit, pk_visit, pk_visit_copy, pk_visit_free)

/* chapter 3 of the licensing guide (domain.md, "Site standards") */
static const char * const standard_titles[PK_N_STANDARDS] = {
  N_("Urban office: floor area at least 50 m²"),
  N_("Rural ICT office: floor area at least 20 m²"),
  N_("Permitted land use for the premises"),
  N_("Enough space set aside for clients"),
  N_("Signboard in the prescribed colour, logo and text"),
  N_("Facilities for veterans, people with disabilities and the elderly"),
  N_("Staff kitchenette and toilet (or the building’s central facilities)"),
  N_("Places above the counters for signs for clients"),
  N_("Tariff board mounted in view and readable"),
  N_("Equipment: client desks and chairs, computers, lines, card reader"),
  N_("Safety: fire extinguisher, burglar alarm"),
  N_("Postal-code confirmation of the site"),
  N_("A transfer to a new address: the new site meets all of the above"),
};

PkVisit *
pk_visit_new (void)
{
  PkVisit *self = g_new0 (PkVisit, 1);

  self->area_m2 = NAN;
  return self;
}

PkVisit *
pk_visit_copy (const PkVisit *self)
{
  PkVisit *copy = g_memdup2 (self, sizeof *self);

  copy->inspector = g_strdup (self->inspector);
  copy->date = g_strdup (self->date);
  for (int i = 0; i < PK_N_STANDARDS; i++)
    copy->standards[i].note = g_strdup (self->standards[i].note);
  copy->reason = g_strdup (self->reason);
  copy->signed_by = g_strdup (self->signed_by);
  copy->outcome_at = g_strdup (self->outcome_at);
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_visit_free (PkVisit *self)
{
  if (self == NULL)
    return;
  g_free (self->inspector);
  g_free (self->date);
  for (int i = 0; i < PK_N_STANDARDS; i++)
    g_free (self->standards[i].note);
  g_free (self->reason);
  g_free (self->signed_by);
  g_free (self->outcome_at);
  pk_record_clear (&self->record);
  g_free (self);
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Whether two copies of a visit say the same (their identity and history aside). */
gboolean
pk_visit_equal_content (const PkVisit *a,
                        const PkVisit *b)
{
  if (a->case_id != b->case_id || a->office_id != b->office_id ||
      g_strcmp0 (a->inspector, b->inspector) != 0 || g_strcmp0 (a->date, b->date) != 0 ||
      !same_number (a->area_m2, b->area_m2) || a->has_position != b->has_position ||
      (a->has_position && (a->lat != b->lat || a->lon != b->lon)) ||
      a->outcome != b->outcome || g_strcmp0 (a->reason, b->reason) != 0 ||
      g_strcmp0 (a->signed_by, b->signed_by) != 0)
    return FALSE;
  for (int i = 0; i < PK_N_STANDARDS; i++)
    if (a->standards[i].result != b->standards[i].result ||
        g_strcmp0 (a->standards[i].note, b->standards[i].note) != 0)
      return FALSE;
  return TRUE;
}

PkVisitPhoto *
pk_visit_photo_copy (const PkVisitPhoto *self)
{
  PkVisitPhoto *copy = g_memdup2 (self, sizeof *self);

  copy->file_name = g_strdup (self->file_name);
  copy->sha256 = g_strdup (self->sha256);
  copy->content_sha256 = g_strdup (self->content_sha256);
  copy->taken_at = g_strdup (self->taken_at);
  copy->added_at = g_strdup (self->added_at);
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_visit_photo_free (PkVisitPhoto *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self->sha256);
  g_free (self->content_sha256);
  g_free (self->taken_at);
  g_free (self->added_at);
  pk_record_clear (&self->record);
  g_free (self);
}

int
pk_standard_index (const char *id)
{
  guint64 n;

  if (id == NULL || g_ascii_strncasecmp (id, "ST-", 3) != 0 ||
      !g_ascii_string_to_unsigned (id + 3, 10, 1, PK_N_STANDARDS, &n, NULL))
    return -1;
  return (int) n - 1;
}

const char *
pk_standard_id (int index)
{
  static const char * const ids[PK_N_STANDARDS] = {
    "ST-1", "ST-2", "ST-3", "ST-4", "ST-5", "ST-6", "ST-7", "ST-8", "ST-9", "ST-10", "ST-11",
    "ST-12", "ST-13",
  };

  g_return_val_if_fail (index >= 0 && index < PK_N_STANDARDS, NULL);
  return ids[index];
}

const char *
pk_standard_title (int index)
{
  g_return_val_if_fail (index >= 0 && index < PK_N_STANDARDS, NULL);
  return _(standard_titles[index]);
}

static const char * const result_names[] = { "", "pass", "fail", "na", "central" };

const char *
pk_st_result_to_string (PkStResult result)
{
  g_return_val_if_fail (result <= PK_ST_CENTRAL, "");
  return result_names[result];
}

gboolean
pk_st_result_from_string (const char *text,
                          PkStResult *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (result_names); i++)
    if (text != NULL && g_ascii_strcasecmp (text, result_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pk_st_result_display_name (PkStResult result)
{
  switch (result)
    {
    case PK_ST_PASS:
      return C_("standard", "Meets");
    case PK_ST_FAIL:
      return C_("standard", "Misses");
    case PK_ST_NA:
      return C_("standard", "Not applicable");
    case PK_ST_CENTRAL:
      return C_("standard", "Central facilities");
    case PK_ST_UNSET:
    default:
      return C_("standard", "Not judged");
    }
}

static const char * const outcome_names[] = { "pending", "compliant", "not-compliant" };

const char *
pk_visit_outcome_to_string (PkVisitOutcome outcome)
{
  g_return_val_if_fail (outcome <= PK_VISIT_NOT_COMPLIANT, "pending");
  return outcome_names[outcome];
}

gboolean
pk_visit_outcome_from_string (const char     *text,
                              PkVisitOutcome *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (text, outcome_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pk_visit_outcome_display_name (PkVisitOutcome outcome)
{
  switch (outcome)
    {
    case PK_VISIT_COMPLIANT:
      return C_("visit", "Compliant");
    case PK_VISIT_NOT_COMPLIANT:
      return C_("visit", "Not compliant");
    case PK_VISIT_PENDING:
    default:
      return C_("visit", "Not decided yet");
    }
}

char *
pk_visit_failing_standards (const PkVisit *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (int i = 0; i < PK_N_STANDARDS; i++)
    if (self->standards[i].result == PK_ST_FAIL)
      g_strv_builder_add (ids, pk_standard_id (i));
  list = g_strv_builder_end (ids);
  return list[0] ? g_strjoinv (", ", list) : NULL;
}

static void
add_checklist (const PkVisit *self,
               JsonBuilder   *b)
{
  json_builder_begin_object (b);
  for (int i = 0; i < PK_N_STANDARDS; i++)
    {
      const PkStAnswer *a = &self->standards[i];

      if (a->result == PK_ST_UNSET && a->note == NULL)
        continue;
      json_builder_set_member_name (b, pk_standard_id (i));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "result");
      if (a->result == PK_ST_UNSET)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, pk_st_result_to_string (a->result));
      if (a->note != NULL)
        {
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, a->note);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

char *
pk_visit_checklist_to_json (const PkVisit *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  add_checklist (self, b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
pk_visit_checklist_from_json (PkVisit    *self,
                              const char *json)
{
  g_autoptr(JsonParser) parser = pk_json_parse_text (json);
  JsonObject *o;

  if (parser == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  o = json_node_get_object (json_parser_get_root (parser));
  for (int i = 0; i < PK_N_STANDARDS; i++)
    {
      JsonObject *a = pk_json_object_member (o, pk_standard_id (i));
      PkStResult r = PK_ST_UNSET;

      g_clear_pointer (&self->standards[i].note, g_free);
      self->standards[i].result = PK_ST_UNSET;
      if (a == NULL)
        continue;
      if (pk_st_result_from_string (pk_json_string_member (a, "result"), &r))
        self->standards[i].result = r;
      self->standards[i].note = g_strdup (pk_json_string_member (a, "note"));
    }
  return TRUE;
}


/* The visit's members into an object @builder has open (the CLI's and the
 * audit log's shape). */
void
pk_visit_add_json (const PkVisit *self,
                   JsonBuilder   *b)
{
  g_autofree char *failing = pk_visit_failing_standards (self);

  if (self->record.uuid != NULL)
    pk_json_add_string_or_null (b, "uuid", self->record.uuid);
  pk_json_add_string_or_null (b, "inspector", self->inspector);
  pk_json_add_string_or_null (b, "date", self->date);
  json_builder_set_member_name (b, "standards");
  add_checklist (self, b);
  json_builder_set_member_name (b, "area_m2");
  if (isnan (self->area_m2))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, self->area_m2);
  pk_json_add_position (b, "position", self->has_position, self->lat, self->lon);
  pk_json_add_string_or_null (b, "outcome", pk_visit_outcome_to_string (self->outcome));
  json_builder_set_member_name (b, "failing");
  json_builder_begin_array (b);
  for (int i = 0; i < PK_N_STANDARDS; i++)
    if (self->standards[i].result == PK_ST_FAIL)
      json_builder_add_string_value (b, pk_standard_id (i));
  json_builder_end_array (b);
  pk_json_add_string_or_null (b, "reason", self->reason);
  pk_json_add_string_or_null (b, "signed_by", self->signed_by);
  pk_json_add_string_or_null (b, "outcome_at", self->outcome_at);
}

char *
pk_visit_to_json (const PkVisit *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  pk_visit_add_json (self, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/**
 * pk_visit_take_json:
 * @object: what pk_visit_add_json() wrote
 *
 * Sets @self's recorded fields (inspector, date, checklist, area, position,
 * outcome) from @object; its identity and links stay.
 *
 * Returns: %FALSE when @object is not a visit's
 */
gboolean
pk_visit_take_json (PkVisit    *self,
                    JsonObject *o)
{
  JsonObject *standards = pk_json_object_member (o, "standards");
  JsonObject *position = pk_json_object_member (o, "position");
  JsonNode *area = json_object_get_member (o, "area_m2");
  PkVisitOutcome outcome;

  if (standards == NULL || pk_json_string_member (o, "inspector") == NULL ||
      !pk_visit_outcome_from_string (pk_json_string_member (o, "outcome"), &outcome))
    return FALSE;
  g_free (self->inspector);
  self->inspector = g_strdup (pk_json_string_member (o, "inspector"));
  g_free (self->date);
  self->date = g_strdup (pk_json_string_member (o, "date"));
  for (int i = 0; i < PK_N_STANDARDS; i++)
    {
      JsonObject *a = pk_json_object_member (standards, pk_standard_id (i));
      PkStResult r = PK_ST_UNSET;

      g_clear_pointer (&self->standards[i].note, g_free);
      if (a != NULL && pk_st_result_from_string (pk_json_string_member (a, "result"), &r))
        self->standards[i].result = r;
      else
        self->standards[i].result = PK_ST_UNSET;
      if (a != NULL)
        self->standards[i].note = g_strdup (pk_json_string_member (a, "note"));
    }
  if (area == NULL || !JSON_NODE_HOLDS_VALUE (area) || !pk_json_number (area, &self->area_m2))
    self->area_m2 = NAN;
  self->has_position = position != NULL;
  self->lat = position ? json_object_get_double_member_with_default (position, "lat", 0) : 0;
  self->lon = position ? json_object_get_double_member_with_default (position, "lon", 0) : 0;
  self->outcome = outcome;
  g_free (self->reason);
  self->reason = g_strdup (pk_json_string_member (o, "reason"));
  g_free (self->signed_by);
  self->signed_by = g_strdup (pk_json_string_member (o, "signed_by"));
  g_free (self->outcome_at);
  self->outcome_at = g_strdup (pk_json_string_member (o, "outcome_at"));
  return TRUE;
}

void
pk_visit_photo_add_json (const PkVisitPhoto *self,
                         JsonBuilder        *b)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, self->id);
  pk_json_add_string_or_null (b, "uuid", self->record.uuid);
  pk_json_add_string_or_null (b, "file_name", self->file_name);
  pk_json_add_string_or_null (b, "sha256", self->sha256);
  pk_json_add_string_or_null (b, "content_sha256", self->content_sha256);
  json_builder_set_member_name (b, "original_size");
  json_builder_add_int_value (b, self->original_size);
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, self->width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, self->height);
  pk_json_add_string_or_null (b, "taken_at", self->taken_at);
  pk_json_add_position (b, "position", self->has_position, self->lat, self->lon);
}
