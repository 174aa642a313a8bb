/* pk-visits.c: site visits (S11), from assignment to the case's next step
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-visits"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "pk-case-workflow.h"
#include "pk-geom.h"
#include "pk-jalali.h"
#include "pk-photo.h"
#include "pk-text.h"
#include "pk-visits.h"

G_DEFINE_QUARK (pk-visit-error-quark, pk_visit_error)

static gboolean
refuse_in_bundle (PkStore     *store,
                  const char  *what,
                  GError     **error)
{
  if (!pk_store_is_bundle (store))
    return FALSE;
  g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
               _("This is a field bundle: %s is done at the secretariat"), what);
  return TRUE;
}

/* What does not apply to the premises is said before the visit: the other
 * licence type's floor area (ST-1 urban, ST-2 rural), and ST-13 unless the
 * case is a transfer to a new address. */
static void
mark_not_applicable (PkStore *store,
                              PkVisit *v)
{
  g_autoptr(PkCase) c = v->case_id > 0 ? pk_store_get_case (store, v->case_id, NULL) : NULL;
  g_autoptr(PkOffice) o = v->office_id > 0 ? pk_store_get_office (store, v->office_id, NULL) : NULL;
  PkLicense license;

  if (c == NULL && o == NULL)
    return;
  license = c != NULL ? c->license : o->license;
  v->standards[license == PK_LICENSE_URBAN ? 1 : 0].result = PK_ST_NA;
  if (c == NULL || !c->new_address)
    v->standards[12].result = PK_ST_NA;
}

/**
 * pk_visit_assign:
 * @case_number: (nullable): the case at S11 (its number or id)
 * @office_id: an office for a routine inspection, when @case_number is %NULL
 * @date: ISO 8601 or Solar Hijri
 *
 * Returns: the visit's id, or 0 with @error set
 */
gint64
pk_visit_assign (PkStore     *store,
                 const char  *case_number,
                 gint64       office_id,
                 const char  *inspector,
                 const char  *date,
                 GError     **error)
{
  g_autoptr(PkVisit) v = pk_visit_new ();
  g_autofree char *name = g_strstrip (g_strdup (inspector ? inspector : ""));
  g_autofree char *iso = NULL;
  g_autofree char *bad = NULL;

  g_return_val_if_fail (PK_IS_STORE (store), 0);
  if (refuse_in_bundle (store, _("assigning visits"), error))
    return 0;
  if (*name == '\0')
    {
      g_set_error_literal (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, _("A visit needs its inspector"));
      return 0;
    }
  if ((bad = pk_text_check_field (name, PK_TEXT_MAX_NAME)) != NULL)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, "%s", bad);
      return 0;
    }
  if (date == NULL || !pk_date_parse_input (date, &iso))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("“%s” is not a date (write 2026-12-02 or 1405/09/11)"), date ? date : "");
      return 0;
    }
  if (case_number != NULL)
    {
      g_autoptr(PkCase) c = pk_store_find_case (store, case_number, error);

      if (c == NULL)
        return 0;
      if (c->outcome != NULL || c->status == PK_CASE_DONE)
        {
          g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_FINISHED,
                       _("Case %s is closed; it needs no visit"), c->number);
          return 0;
        }
      v->case_id = c->id;
    }
  else
    {
      g_autoptr(PkOffice) o = pk_store_get_office (store, office_id, error);

      if (o == NULL)
        return 0;
      v->office_id = o->id;
    }
  v->inspector = g_steal_pointer (&name);
  v->date = g_steal_pointer (&iso);
  mark_not_applicable (store, v);
  return pk_store_add_visit (store, v, error);
}

/* A visit by its id or UUID. */
PkVisit *
pk_visit_find (PkStore     *store,
               const char  *id_or_uuid,
               GError     **error)
{
  guint64 id;

  if (id_or_uuid != NULL && pk_uuid_is_valid (id_or_uuid))
    return pk_store_get_visit_by_uuid (store, id_or_uuid, error);
  if (id_or_uuid == NULL || !g_ascii_string_to_unsigned (id_or_uuid, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no visit “%s”"),
                   id_or_uuid ? id_or_uuid : "");
      return NULL;
    }
  return pk_store_get_visit (store, (gint64) id, error);
}

/* Writes @changed over @visit (refused when someone changed it since it was
 * read) and reads it back into @visit. */
static gboolean
save (PkStore   *store,
      PkVisit   *visit,
      PkVisit   *changed,
      GError   **error)
{
  g_autoptr(PkVisit) fresh = NULL;

  if (!pk_store_update_visit (store, changed, error) ||
      (fresh = pk_store_get_visit (store, visit->id, error)) == NULL)
    return FALSE;
  pk_visit_free (g_steal_pointer (&changed));
  /* swap the contents: the caller's pointer stays valid */
  {
    PkVisit tmp = *visit;

    *visit = *fresh;
    *fresh = tmp;
  }
  return TRUE;
}

static gboolean
refuse_when_decided (const PkVisit  *visit,
                     GError        **error)
{
  if (visit->outcome == PK_VISIT_PENDING)
    return FALSE;
  g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_FINISHED,
               _("The visit’s outcome is recorded (%s); it no longer changes"),
               pk_visit_outcome_display_name (visit->outcome));
  return TRUE;
}

/**
 * pk_visit_reassign:
 * @inspector: (nullable): another inspector, or %NULL to keep this one
 * @date: (nullable): another date (ISO 8601 or Solar Hijri), or %NULL
 *
 * The secretariat moves a visit that is not decided yet to another inspector
 * or day. A bundle that carried it comes back as a conflict, not applied.
 */
gboolean
pk_visit_reassign (PkStore     *store,
                   PkVisit     *visit,
                   const char  *inspector,
                   const char  *date,
                   GError     **error)
{
  g_autofree char *name = inspector ? g_strstrip (g_strdup (inspector)) : NULL;
  g_autofree char *iso = NULL;
  g_autofree char *bad = NULL;
  PkVisit *changed;

  if (refuse_in_bundle (store, _("reassigning visits"), error) || refuse_when_decided (visit, error))
    return FALSE;
  if (name != NULL && (*name == '\0' || (bad = pk_text_check_field (name, PK_TEXT_MAX_NAME)) != NULL))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, "%s", bad ? bad : _("A visit needs its inspector"));
      return FALSE;
    }
  if (date != NULL && !pk_date_parse_input (date, &iso))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("“%s” is not a date (write 2026-12-02 or 1405/09/11)"), date);
      return FALSE;
    }
  changed = pk_visit_copy (visit);
  if (name != NULL)
    {
      g_free (changed->inspector);
      changed->inspector = g_steal_pointer (&name);
    }
  if (iso != NULL)
    {
      g_free (changed->date);
      changed->date = g_steal_pointer (&iso);
    }
  return save (store, visit, changed, error);
}

gboolean
pk_visit_set_standard (PkStore     *store,
                       PkVisit     *visit,
                       const char  *standard,
                       PkStResult   result,
                       const char  *note,
                       GError     **error)
{
  int i = pk_standard_index (standard);
  g_autofree char *bad = NULL;
  PkVisit *changed;

  if (i < 0)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("“%s” is not a site standard (ST-1 … ST-13)"), standard ? standard : "");
      return FALSE;
    }
  if (result == PK_ST_CENTRAL && i != 6)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("Only ST-7 can be met by the building’s central facilities"));
      return FALSE;
    }
  if (note != NULL && (bad = pk_text_check_field (note, PK_TEXT_MAX_LONG)) != NULL)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, "%s", bad);
      return FALSE;
    }
  if (refuse_when_decided (visit, error))
    return FALSE;
  changed = pk_visit_copy (visit);
  changed->standards[i].result = result;
  if (note != NULL)
    {
      g_free (changed->standards[i].note);
      changed->standards[i].note = *note ? g_strdup (note) : NULL;
    }
  return save (store, visit, changed, error);
}

gboolean
pk_visit_set_area (PkStore   *store,
                   PkVisit   *visit,
                   double     area_m2,
                   GError   **error)
{
  PkVisit *changed;

  if (!isnan (area_m2) && (!isfinite (area_m2) || area_m2 <= 0 || area_m2 > 100000))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("A floor area is more than 0 and at most 100,000 m²"));
      return FALSE;
    }
  if (refuse_when_decided (visit, error))
    return FALSE;
  changed = pk_visit_copy (visit);
  changed->area_m2 = area_m2;
  return save (store, visit, changed, error);
}

gboolean
pk_visit_set_position (PkStore   *store,
                       PkVisit   *visit,
                       gboolean   has_position,
                       double     lat,
                       double     lon,
                       GError   **error)
{
  PkVisit *changed;

  if (has_position && (!isfinite (lat) || !isfinite (lon) || fabs (lat) > 90 || fabs (lon) > 180))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("A position is a latitude from −90 to 90 and a longitude from −180 to 180"));
      return FALSE;
    }
  if (refuse_when_decided (visit, error))
    return FALSE;
  changed = pk_visit_copy (visit);
  changed->has_position = has_position;
  changed->lat = has_position ? lat : 0;
  changed->lon = has_position ? lon : 0;
  return save (store, visit, changed, error);
}

/* The measured area under the licence type's minimum (SR-1: ST-1, ST-2). */
static gboolean
area_too_small (PkStore        *store,
                const PkVisit  *visit,
                double         *minimum)
{
  g_autoptr(PkRuleSet) rules = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(PkOffice) o = NULL;
  PkLicense license;

  if (isnan (visit->area_m2) || (rules = pk_store_load_rules (store, NULL)) == NULL)
    return FALSE;
  if (visit->case_id > 0 && (c = pk_store_get_case (store, visit->case_id, NULL)) != NULL)
    license = c->license;
  else if (visit->office_id > 0 && (o = pk_store_get_office (store, visit->office_id, NULL)) != NULL)
    license = o->license;
  else
    return FALSE;
  *minimum = rules->min_area_m2[license];
  return visit->area_m2 < *minimum;
}

/**
 * pk_visit_set_outcome:
 * @reason: (nullable): words besides the failing standards
 * @signed_by: (nullable): the inspector's name as signed; the visit's inspector when %NULL
 *
 * Decides the visit: compliant only when no standard fails and the measured
 * area meets SR-1; not compliant with the failing standards (or words) as its
 * reasons. In the secretariat's workspace the outcome goes to the case at
 * once (pk_visit_apply_outcome()); in a field bundle it waits for the merge.
 */
gboolean
pk_visit_set_outcome (PkStore         *store,
                      PkVisit         *visit,
                      PkVisitOutcome   outcome,
                      const char      *reason,
                      const char      *signed_by,
                      GError         **error)
{
  g_autofree char *failing = pk_visit_failing_standards (visit);
  g_autofree char *words = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *bad = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  double minimum = 0;
  PkVisit *changed;

  if (refuse_when_decided (visit, error))
    return FALSE;
  if ((bad = pk_text_check_field (words, PK_TEXT_MAX_LONG)) != NULL)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, "%s", bad);
      return FALSE;
    }
  if (outcome == PK_VISIT_COMPLIANT && failing != NULL)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("The site misses %s; the visit cannot be compliant"), failing);
      return FALSE;
    }
  if (outcome == PK_VISIT_COMPLIANT && area_too_small (store, visit, &minimum))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   _("The measured floor area (%.0f m²) is under the %.0f m² the licence needs (SR-1, "
                     "ST-1/ST-2); the visit cannot be compliant"), visit->area_m2, minimum);
      return FALSE;
    }
  if (outcome == PK_VISIT_NOT_COMPLIANT && failing == NULL && *words == '\0' &&
      !area_too_small (store, visit, &minimum))
    {
      g_set_error_literal (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                           _("A site that is not compliant needs its reasons: mark the standards it misses "
                             "or say why (RT-1)"));
      return FALSE;
    }
  changed = pk_visit_copy (visit);
  changed->outcome = outcome;
  g_free (changed->reason);
  changed->reason = *words ? g_strdup (words) : NULL;
  g_free (changed->signed_by);
  changed->signed_by = g_strdup (signed_by && *signed_by ? signed_by : visit->inspector);
  g_free (changed->outcome_at);
  changed->outcome_at = outcome == PK_VISIT_PENDING ? NULL : g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  if (!pk_store_begin (store, error))
    {
      pk_visit_free (changed);
      return FALSE;
    }
  if (!save (store, visit, changed, error) ||
      (!pk_store_is_bundle (store) && !pk_visit_apply_outcome (store, visit, error)))
    {
      pk_store_rollback (store);
      return FALSE;
    }
  return pk_store_commit (store, error);
}

/**
 * pk_visit_return_reasons:
 *
 * A non-compliant visit's reasons as the case shows them (RT-1, RT-2): the
 * standards the site misses with their notes, the area, the inspector's words.
 */
char *
pk_visit_return_reasons (const PkVisit *visit)
{
  GString *s = g_string_new (NULL);
  g_autofree char *date = pk_date_format_for_locale (visit->date);

  g_string_append_printf (s, _("Site visit of %s by %s: the site is not compliant (RT-1; delays are the "
                               "applicant’s, RT-2)."), date, visit->inspector);
  for (int i = 0; i < PK_N_STANDARDS; i++)
    if (visit->standards[i].result == PK_ST_FAIL)
      {
        g_string_append_printf (s, " %s %s", pk_standard_id (i), pk_standard_title (i));
        if (visit->standards[i].note != NULL)
          g_string_append_printf (s, " (%s)", visit->standards[i].note);
        g_string_append_c (s, '.');
      }
  if (!isnan (visit->area_m2))
    g_string_append_printf (s, _(" Measured floor area: %.0f m²."), visit->area_m2);
  if (visit->reason != NULL)
    g_string_append_printf (s, " %s", visit->reason);
  return g_string_free (s, FALSE);
}

/**
 * pk_visit_apply_outcome:
 *
 * Brings a decided visit to its case: the S11 fields (date, inspector,
 * result, the standards ST-3 … ST-11), then S11 done when compliant, or the
 * case returned at S11 with the visit's reasons when not (RT-1, RT-2).
 */
gboolean
pk_visit_apply_outcome (PkStore        *store,
                        const PkVisit  *visit,
                        GError        **error)
{
  g_autoptr(PkCase) c = NULL;
  gboolean compliant = visit->outcome == PK_VISIT_COMPLIANT;

  if (visit->case_id == 0 || visit->outcome == PK_VISIT_PENDING)
    return TRUE;
  if ((c = pk_store_get_case (store, visit->case_id, error)) == NULL)
    return FALSE;
  if (!pk_store_begin (store, error))
    return FALSE;
  if (!pk_case_workflow_set_field (store, c->id, "s11.date", visit->date, error) ||
      !pk_case_workflow_set_field (store, c->id, "s11.inspector", visit->signed_by ? visit->signed_by
                                   : visit->inspector, error) ||
      !pk_case_workflow_set_field (store, c->id, "s11.result", compliant ? "meets" : "misses", error))
    goto fail;
  for (int i = 2; i <= 10; i++)           /* ST-3 … ST-11, the fields S11 asks for */
    {
      g_autofree char *key = g_strdup_printf ("s11.%s", pk_standard_id (i));
      PkStResult r = visit->standards[i].result;
      gboolean met = r == PK_ST_PASS || r == PK_ST_NA || r == PK_ST_CENTRAL;

      if (!pk_case_workflow_set_field (store, c->id, key, met ? "1" : "0", error))
        goto fail;
    }
  if (compliant)
    {
      if (!pk_case_workflow_mark_stage (store, c, "S11", TRUE, error))
        goto fail;
    }
  else
    {
      g_autofree char *reasons = pk_visit_return_reasons (visit);

      if (!pk_case_workflow_return (store, c, "S11", reasons, error))
        goto fail;
    }
  return pk_store_commit (store, error);

fail:
  pk_store_rollback (store);
  return FALSE;
}

/**
 * pk_visit_add_photo:
 * @original: the file's bytes, JPEG or PNG
 *
 * Adds a photo: upright (EXIF orientation), scaled to the workspace's cap,
 * with the time and position it carries and the original's SHA-256.
 *
 * Returns: the photo's id, or 0 with @error set
 */
gint64
pk_visit_add_photo (PkStore     *store,
                    PkVisit     *visit,
                    const char  *file_name,
                    GBytes      *original,
                    GError     **error)
{
  int max_side = (int) pk_visit_setting (store, PK_VISIT_PHOTO_SIDE_KEY, PK_PHOTO_DEFAULT_MAX_SIDE);
  g_autoptr(PkPhoto) photo = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *base = g_path_get_basename (file_name ? file_name : "photo");
  PkVisitPhoto row = { 0 };

  if ((photo = pk_photo_read (original, max_side, &local)) == NULL)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, "%s: %s", base, local->message);
      return 0;
    }
  row.visit_id = visit->id;
  row.file_name = base;
  row.sha256 = photo->sha256;
  row.original_size = photo->original_size;
  row.width = photo->width;
  row.height = photo->height;
  row.taken_at = photo->taken_at;
  row.has_position = photo->has_position;
  row.lat = photo->lat;
  row.lon = photo->lon;
  return pk_store_add_visit_photo (store, &row, photo->mime_type, photo->content, 0, error);
}

/**
 * pk_visit_save_setting:
 * @key: %PK_VISIT_MAX_OFFSET_KEY (metres) or %PK_VISIT_PHOTO_SIDE_KEY (pixels)
 *
 * Saves one of the workspace's visit settings; the audit log keeps the old
 * and the new value.
 */
gboolean
pk_visit_save_setting (PkStore     *store,
                       const char  *key,
                       double       value,
                       GError     **error)
{
  gboolean offset = g_strcmp0 (key, PK_VISIT_MAX_OFFSET_KEY) == 0;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;

  if (!offset && g_strcmp0 (key, PK_VISIT_PHOTO_SIDE_KEY) != 0)
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID, _("“%s” is not a visit setting"), key ? key : "");
      return FALSE;
    }
  if (offset ? (value < 1 || value > 5000) : (value < 320 || value > 8000))
    {
      g_set_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID,
                   offset ? _("The distance is from 1 to 5,000 m") : _("The longest side is from 320 to 8,000 pixels"));
      return FALSE;
    }
  text = g_strdup_printf ("%.0f", value);
  if (!pk_store_begin (store, error))
    return FALSE;
  before = pk_store_get_meta (store, key);
  before_json = g_strdup_printf ("{\"%s\":%s}", key, before ? before : "null");
  after_json = g_strdup_printf ("{\"%s\":%s}", key, text);
  if (!pk_store_set_meta (store, key, text, error) ||
      !pk_store_log (store, "update", "setting", 0, before_json, after_json, error))
    {
      pk_store_rollback (store);
      return FALSE;
    }
  return pk_store_commit (store, error);
}

/* Takes a photo off a visit that is not decided yet. */
gboolean
pk_visit_remove_photo (PkStore   *store,
                       PkVisit   *visit,
                       gint64     photo_id,
                       GError   **error)
{
  g_autoptr(GPtrArray) photos = NULL;
  gboolean found = FALSE;

  if (refuse_when_decided (visit, error) ||
      (photos = pk_store_list_visit_photos (store, visit->id, 0, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < photos->len; i++)
    found |= ((PkVisitPhoto *) g_ptr_array_index (photos, i))->id == photo_id;
  if (!found)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("The photo is no longer in the workspace"));
      return FALSE;
    }
  return pk_store_delete_visit_photo (store, photo_id, error);
}
