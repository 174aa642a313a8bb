/* pk-case-workflow.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-case-workflow.h"
#include "pk-text.h"

/*
 * The rules of a case's course live here; the store only writes what it is
 * given. Each step is one transaction: the stage, the status it implies, the
 * history entry. The caller's PkCase is brought up to date only after the
 * commit, so a refused or failed step leaves it as it was.
 */

static gboolean
check_stage (const char  *stage,
             GError     **error)
{
  if (pk_stage_info (stage) == NULL)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, _("“%s” is not a stage."), stage);
      return FALSE;
    }
  return TRUE;
}

/* Inside the open transaction: the status the stages now imply, and the case
 * as stored (read back before the commit, so a failure can still roll back). */
static PkCase *
finish (PkStore  *store,
        gint64    case_id,
        GError  **error)
{
  g_autoptr(PkCase) now = pk_store_get_case (store, case_id, error);
  PkCaseStatus status;

  if (now == NULL)
    return NULL;
  status = pk_case_derive_status (now);
  if (status != now->status)
    {
      if (!pk_store_write_case_status (store, case_id, status, error))
        return NULL;
      now->status = status;
    }
  return g_steal_pointer (&now);
}

/* Commits, and gives @c the case as it was stored. */
static gboolean
commit_into (PkStore  *store,
             PkCase   *c,
             PkCase   *stored,
             GError  **error)
{
  if (stored == NULL)
    {
      pk_store_rollback (store);
      return FALSE;
    }
  if (!pk_store_commit (store, error))
    {
      pk_case_free (stored);
      return FALSE;
    }
  pk_case_take (c, stored);
  return TRUE;
}

/**
 * pk_case_workflow_set_field:
 * @value: (nullable): as typed; %NULL or "" clears the field
 *
 * Checks @value for the field @key (dates, postal and national codes, areas
 * — normalised: Persian digits, ISO dates) and writes it.
 */
static gboolean
set_field (PkStore     *store,
           gint64       case_id,
           const char  *key,
           gboolean     check,
           const char  *seen,
           const char  *value,
           GError     **error)
{
  const PkFieldInfo *field = pk_case_find_field (key);
  g_autofree char *reason = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if (field == NULL)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, _("“%s” is not a field of a case."), key);
      return FALSE;
    }
  if ((reason = pk_case_check_field (field, value, &normalized)) != NULL)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, "%s: %s", pk_case_field_label (field), reason);
      return FALSE;
    }
  return check ? pk_store_write_case_field_if (store, case_id, key, seen, normalized, error)
               : pk_store_write_case_field (store, case_id, key, normalized, error);
}

gboolean
pk_case_workflow_set_field (PkStore     *store,
                            gint64       case_id,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  return set_field (store, case_id, key, FALSE, NULL, value, error);
}

/**
 * pk_case_workflow_set_field_if:
 * @seen: (nullable): the value the editor started from
 *
 * As pk_case_workflow_set_field(), refused with %PK_STORE_ERROR_CONFLICT when
 * someone else saved the field since it was read (pk_store_write_case_field_if()).
 */
gboolean
pk_case_workflow_set_field_if (PkStore     *store,
                               gint64       case_id,
                               const char  *key,
                               const char  *seen,
                               const char  *value,
                               GError     **error)
{
  return set_field (store, case_id, key, TRUE, seen, value, error);
}

/**
 * pk_case_workflow_set_site:
 *
 * The site is where @verdict checked it (SR-1…SR-7), and the verdict is
 * kept with the case: the stage that needs a siting check reads it.
 */
gboolean
pk_case_workflow_set_site (PkStore              *store,
                           PkCase               *c,
                           const PkSiteVerdict  *verdict,
                           GError              **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);
  node = pk_site_verdict_to_json (verdict);
  json = json_to_string (node, FALSE);
  if (!pk_store_begin (store, error))
    return FALSE;
  if (!pk_store_set_case_site (store, c->id, TRUE, verdict->query.lat, verdict->query.lon,
                               c->site_not_on_map, c->site_address, json, error) ||
      !pk_store_add_case_event (store, c->id, "site-checked", NULL,
                                pk_verdict_display_name (verdict->verdict), error))
    {
      pk_store_rollback (store);
      return FALSE;
    }
  return commit_into (store, c, finish (store, c->id, error), error);
}

/* Whether the site is off the map (then its address is what locates it). */
gboolean
pk_case_workflow_set_site_details (PkStore     *store,
                                   PkCase      *c,
                                   gboolean     not_on_map,
                                   const char  *address,
                                   GError     **error)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if ((reason = pk_text_check_field (address, PK_TEXT_MAX_LONG)) != NULL)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, "%s", reason);
      return FALSE;
    }
  if (!pk_store_begin (store, error))
    return FALSE;
  if (!pk_store_set_case_site (store, c->id, c->has_site, c->site_lat, c->site_lon, not_on_map,
                               address, c->site_check, error))
    {
      pk_store_rollback (store);
      return FALSE;
    }
  return commit_into (store, c, finish (store, c->id, error), error);
}

/* S14 done: the licence is issued, and the office the working group
 * approved for the case is active (opened again: approved again). */
static gboolean
licence_issued (PkStore  *store,
                gint64    case_id,
                gboolean  issued,
                GError  **error)
{
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, error);

  if (offices == NULL)
    return FALSE;
  for (guint i = 0; i < offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      g_autoptr(GDateTime) now = NULL;

      if (o->case_id != case_id)
        continue;
      o->status = issued ? PK_STATUS_ACTIVE : PK_STATUS_APPROVED;
      g_free (o->license_issued);
      now = g_date_time_new_now_utc ();
      o->license_issued = issued ? g_date_time_format (now, "%Y-%m-%d") : NULL;
      if (!pk_store_update_office (store, o, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pk_case_workflow_mark_stage:
 *
 * Marks @stage done — refused while anything it needs is missing, judged
 * on the case as stored, not on a copy that may be stale — or open again.
 */
gboolean
pk_case_workflow_mark_stage (PkStore     *store,
                             PkCase      *c,
                             const char  *stage,
                             gboolean     done,
                             GError     **error)
{
  g_autoptr(PkCase) fresh = NULL;

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if (!check_stage (stage, error) || !pk_store_begin (store, error))
    return FALSE;
  if ((fresh = pk_store_get_case (store, c->id, error)) == NULL)
    goto fail;
  if (done)
    {
      g_autoptr(GPtrArray) missing = pk_case_missing (fresh, pk_stage_info (stage));

      if (missing->len > 0)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (missing, NULL);
          list = g_strjoinv ("; ", (char **) missing->pdata);
          g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_MISSING, _("%s is not done: %s"), stage, list);
          goto fail;
        }
    }
  if (!pk_store_write_case_stage (store, c->id, stage, done ? PK_STAGE_DONE : 0, NULL, error) ||
      !pk_store_add_case_event (store, c->id, done ? "stage-done" : "stage-reopened", stage, NULL, error) ||
      (g_str_equal (stage, "S14") && !licence_issued (store, c->id, done, error)))
    goto fail;
  return commit_into (store, c, finish (store, c->id, error), error);

fail:
  pk_store_rollback (store);
  return FALSE;
}

/**
 * pk_case_workflow_return:
 *
 * RT-1: the file goes back to the applicant with the reasons (poor scans, a
 * site that misses the standards); the stage is marked returned.
 */
gboolean
pk_case_workflow_return (PkStore     *store,
                         PkCase      *c,
                         const char  *stage,
                         const char  *reasons,
                         GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (reasons ? reasons : ""));

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if (!check_stage (stage, error))
    return FALSE;
  if (*text == '\0')
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_MISSING,
                   _("A returned file needs its reasons (RT-1), so the applicant knows what to fix."));
      return FALSE;
    }
  if (!pk_store_begin (store, error))
    return FALSE;
  if (!pk_store_write_case_stage (store, c->id, stage, PK_STAGE_RETURNED, text, error) ||
      !pk_store_add_case_event (store, c->id, "returned", stage, text, error))
    {
      pk_store_rollback (store);
      return FALSE;
    }
  return commit_into (store, c, finish (store, c->id, error), error);
}

/**
 * pk_case_workflow_resubmit:
 *
 * The applicant sends a returned file again: each returned stage opens
 * again, refused while the stage still misses something.
 */
gboolean
pk_case_workflow_resubmit (PkStore  *store,
                           PkCase   *c,
                           GError  **error)
{
  g_autoptr(PkCase) fresh = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  guint n_returned = 0;

  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if (!pk_store_begin (store, error))
    return FALSE;
  if ((fresh = pk_store_get_case (store, c->id, error)) == NULL)
    goto fail;
  plan = pk_case_plan (fresh);
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      g_autoptr(GPtrArray) missing = NULL;

      if (pk_case_stage_state (fresh, st) != PK_STAGE_RETURNED)
        continue;
      missing = pk_case_missing (fresh, st);
      if (missing->len > 0)
        {
          g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_MISSING,
                       _("%s still misses: %s"), st->id, (char *) g_ptr_array_index (missing, 0));
          goto fail;
        }
      if (!pk_store_write_case_stage (store, c->id, st->id, 0, NULL, error) ||
          !pk_store_add_case_event (store, c->id, "resubmitted", st->id, NULL, error))
        goto fail;
      n_returned++;
    }
  if (n_returned == 0)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, _("The case was not returned."));
      goto fail;
    }
  return commit_into (store, c, finish (store, c->id, error), error);

fail:
  pk_store_rollback (store);
  return FALSE;
}

/**
 * pk_case_list_page:
 * @filter: what the list narrows to
 * @before_id: where the page before ended (0: from the newest)
 * @want: how many matching cases make a page
 * @next_before_id: (out): where the next page starts, 0 when there is none
 *
 * One page of the cases @filter matches, newest first, read from the store
 * a page at a time (each one query's worth over the wire) until @want match
 * or the cases end: a list shows this much, and more when asked.
 *
 * Returns: (transfer full) (element-type PkCase): the page, or %NULL with @error set
 */
GPtrArray *
pk_case_list_page (PkStore             *store,
                   const PkCaseFilter  *filter,
                   gint64               before_id,
                   guint                want,
                   gint64              *next_before_id,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_free);
  guint step = MAX (want, 50);

  g_return_val_if_fail (PK_IS_STORE (store), NULL);
  g_return_val_if_fail (want > 0, NULL);
  *next_before_id = 0;
  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          (page = pk_store_list_cases_page (store, before_id, step, error)) == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        {
          PkCase *c = g_ptr_array_index (page, i);

          before_id = c->id;
          if (!pk_case_matches (c, filter))
            continue;
          g_ptr_array_add (out, g_steal_pointer (&page->pdata[i]));
          if (out->len == want)
            {
              /* more after this one? the next page says; a case left unread on this one is */
              *next_before_id = i + 1 < page->len || page->len == step ? before_id : 0;
              return g_steal_pointer (&out);
            }
        }
      if (page->len < step)
        return g_steal_pointer (&out);
    }
}
