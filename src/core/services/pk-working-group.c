/* pk-working-group.c: what the working group does with the cases that wait
 * for it. The queue: the cases at PA-5 (the location, before approval) and
 * at the final approval (S12, after the site visit), each with its stored
 * siting verdict and the verdict run again now. Meetings: a number, a date,
 * the members present, an agenda; one decision per case and meeting —
 * approve (with conditions), return for revision (RT-1), reject — final once
 * the meeting is closed. An approval that would take the county past its
 * capacity (LT-7) is refused unless a reason is given, which the audit log
 * keeps; an approved location becomes an approved office linked to its case.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-working-group"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-case-workflow.h"
#include "pk-geom.h"
#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-text.h"
#include "pk-working-group.h"

G_DEFINE_QUARK (pk-working-group-error-quark, pk_working_group_error)

void
pk_review_item_free (PkReviewItem *self)
{
  if (self == NULL)
    return;
  pk_case_free (self->c);
  g_clear_pointer (&self->county, pk_place_free);
  g_free (self->verdict_stored);
  g_clear_pointer (&self->verdict_now, pk_site_verdict_unref);
  g_clear_pointer (&self->register_findings, g_ptr_array_unref);
  g_clear_pointer (&self->competitors, g_ptr_array_unref);
  g_clear_pointer (&self->visit, pk_visit_free);
  g_free (self);
}

void
pk_register_finding_free (PkRegisterFinding *self)
{
  if (self == NULL)
    return;
  g_free (self->message);
  g_free (self->possible_from);
  g_free (self);
}

/* The national codes the case's applicant holds licences under: the
 * company's national ID, the applicant's or the CEO's national code. */
static GPtrArray *
applicant_codes (const PkCase *c)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const char *company = pk_case_get_field (c, "company.national_id");

  if (company != NULL)
    g_ptr_array_add (codes, pk_text_to_ascii_digits (company));
  for (guint i = 0; i < c->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (c->people, i);

      if ((g_strcmp0 (p->role, "applicant") == 0 || g_strcmp0 (p->role, "ceo") == 0) &&
          p->national_code != NULL && *p->national_code)
        g_ptr_array_add (codes, pk_text_to_ascii_digits (p->national_code));
    }
  return codes;
}

static void
add_finding (GPtrArray    *out,
             const char   *rule,
             PkRuleStatus  status,
             char         *message,
             char         *possible_from)
{
  PkRegisterFinding *f = g_new0 (PkRegisterFinding, 1);

  f->rule = rule;
  f->status = status;
  f->message = message;
  f->possible_from = possible_from;
  g_ptr_array_add (out, f);
}

/* The register of offices and the rule set, read once for as many cases as
 * need them (the queue asks for every waiting case). */
typedef struct
{
  GPtrArray *offices;
  PkRuleSet *rules;
} Register;

static gboolean
register_read (PkStore   *store,
               Register  *reg,
               GError   **error)
{
  reg->offices = pk_store_list_offices (store, error);
  reg->rules = reg->offices ? pk_store_load_rules (store, error) : NULL;
  return reg->rules != NULL;
}

static void
register_clear (Register *reg)
{
  g_clear_pointer (&reg->offices, g_ptr_array_unref);
  g_clear_pointer (&reg->rules, pk_rule_set_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Register, register_clear)

/* The office a case's approval made, or 0. */
static gint64
office_of_case (const Register *reg,
                gint64          case_id)
{
  for (guint i = 0; i < reg->offices->len; i++)
    if (((PkOffice *) g_ptr_array_index (reg->offices, i))->case_id == case_id)
      return ((PkOffice *) g_ptr_array_index (reg->offices, i))->id;
  return 0;
}

/* LT-7, as pk_county_free_places() says it, from what is read already. */
static int
free_places_in (const Register *reg,
                gint64          county_id,
                PkLicense       license,
                gint64          except_case_id,
                int            *capacity)
{
  int cap = pk_rule_set_get_capacity (reg->rules, county_id, license), n = 0;

  if (capacity)
    *capacity = cap;
  if (cap < 0)
    return G_MININT;
  for (guint i = 0; i < reg->offices->len; i++)
    {
      PkOffice *o = g_ptr_array_index (reg->offices, i);

      if (o->county_id == county_id && o->license == license && o->status != PK_STATUS_SUSPENDED &&
          (except_case_id == 0 || o->case_id != except_case_id))
        n++;
    }
  return cap - n;
}

static GPtrArray *
findings_for (const Register *reg,
              const PkCase   *c)
{
  g_autoptr(GPtrArray) codes = applicant_codes (c);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_register_finding_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  for (guint i = 0; codes->len > 0 && i < reg->offices->len; i++)
    {
      const PkOffice *o = g_ptr_array_index (reg->offices, i);
      int y, m, d;

      if (o->holder_code == NULL || o->case_id == c->id ||
          !g_ptr_array_find_with_equal_func (codes, o->holder_code, g_str_equal, NULL))
        continue;
      if (o->cancelled_on == NULL)
        add_finding (out, "LT-8", PK_RULE_UNKNOWN,
                     g_strdup_printf (_("Already holds the licence of office %s (%s): another needs the "
                                        "ministry’s consent (LT-8)"), o->code, o->name), NULL);
      else if (g_strcmp0 (o->cancel_reason, "violation") == 0)
        add_finding (out, "LT-9", PK_RULE_UNKNOWN,
                     g_strdup_printf (_("The licence of office %s was cancelled for a violation on %s: "
                                        "for the working group to judge (LT-9)"), o->code, o->cancelled_on),
                     NULL);
      else if (pk_date_parse_iso (o->cancelled_on, &y, &m, &d))
        {
          g_autofree char *from = g_strdup_printf ("%04d-%02d-%02d", y + 5, m, m == 2 && d == 29 ? 28 : d);

          if (g_strcmp0 (today, from) < 0)
            {
              g_autofree char *shown = pk_date_format_for_locale (from);

              add_finding (out, "LT-9", PK_RULE_FAIL,
                           g_strdup_printf (_("The licence of office %s was cancelled on %s: a new request is "
                                              "possible from %s (LT-9)"), o->code, o->cancelled_on, shown),
                           g_steal_pointer (&from));
            }
        }
    }
  return out;
}

/**
 * pk_case_check_register:
 *
 * What the register of offices says about the applicant: one who holds a
 * licence already needs the ministry's consent for another (LT-8, for the
 * working group to see); one whose licence was cancelled for a reason other
 * than a violation may apply again five years after (LT-9: refused before,
 * with the date it becomes possible); one cancelled for a violation is for
 * the working group to judge.
 *
 * Returns: (transfer full) (element-type PkRegisterFinding): the findings,
 * empty when the register says nothing; %NULL with @error set
 */
GPtrArray *
pk_case_check_register (PkStore       *store,
                        const PkCase  *c,
                        GError       **error)
{
  g_auto(Register) reg = { 0 };

  if (!register_read (store, &reg, error))
    return NULL;
  return findings_for (&reg, c);
}

/**
 * pk_case_waits_for_review:
 * @review: (out) (optional): which review
 *
 * Whether the case waits for the working group: open, not returned, and
 * stopped at PA-5 or at S12 (the final approval after the site visit).
 */
gboolean
pk_case_waits_for_review (const PkCase *c,
                          PkReview     *review)
{
  const PkStageInfo *current;

  if (c->outcome != NULL || c->status != PK_CASE_OPEN || (current = pk_case_current_stage (c)) == NULL)
    return FALSE;
  if (g_str_equal (current->id, "PA-5"))
    {
      if (review)
        *review = PK_REVIEW_PRE;
      return TRUE;
    }
  if (g_str_equal (current->id, "S12"))
    {
      if (review)
        *review = PK_REVIEW_FINAL;
      return TRUE;
    }
  return FALSE;
}

/* The rule @id's measured value in a stored verdict, or NULL. */
static JsonNode *
stored_measure (JsonObject *verdict,
                const char *id)
{
  JsonArray *rules = json_object_has_member (verdict, "rules") ? json_object_get_array_member (verdict, "rules") : NULL;

  for (guint i = 0; rules && i < json_array_get_length (rules); i++)
    {
      JsonObject *r = json_array_get_object_element (rules, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (r, "id", ""), id) == 0)
        return json_object_get_member (r, "measured");
    }
  return NULL;
}

/**
 * pk_review_check_again:
 * @own_office_id: the approved office the case itself made, left out of the
 *   check (it would stand at the same place), or 0
 *
 * The siting check of the case's site run again now, with the floor area and
 * land use it was checked with. An office opened nearby since then turns a
 * pass into a fail.
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL when the site is
 * not on the map
 */
PkSiteVerdict *
pk_review_check_again (PkSiteChecker *checker,
                       const PkCase  *c,
                       gint64         own_office_id)
{
  g_autoptr(JsonParser) parser = NULL;
  PkSiteQuery query;

  if (!c->has_site || c->site_not_on_map)
    return NULL;
  pk_site_query_init (&query);
  query.lat = c->site_lat;
  query.lon = c->site_lon;
  query.license = c->license;
  query.ignore_office_id = own_office_id;
  if (c->site_check != NULL && (parser = pk_json_parse_text (c->site_check)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *v = json_node_get_object (json_parser_get_root (parser));
      JsonNode *area = stored_measure (v, "SR-1");
      JsonNode *land = stored_measure (v, "SR-7");

      if (area != NULL && json_node_get_value_type (area) == G_TYPE_DOUBLE)
        query.area_m2 = json_node_get_double (area);
      if (land != NULL && json_node_get_value_type (land) == G_TYPE_STRING)
        pk_land_use_from_string (json_node_get_string (land), &query.land_use);
    }
  return pk_site_checker_check (checker, &query);
}

/* The verdict and every rule's status, in one string to compare. */
static char *
verdict_signature_json (const char *json)
{
  g_autoptr(JsonParser) parser = json ? pk_json_parse_text (json) : NULL;
  JsonObject *v;
  JsonArray *rules;
  GString *out;

  if (parser == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  v = json_node_get_object (json_parser_get_root (parser));
  out = g_string_new (json_object_get_string_member_with_default (v, "verdict", ""));
  rules = json_object_has_member (v, "rules") ? json_object_get_array_member (v, "rules") : NULL;
  for (guint i = 0; rules && i < json_array_get_length (rules); i++)
    {
      JsonObject *r = json_array_get_object_element (rules, i);

      g_string_append_printf (out, " %s:%s", json_object_get_string_member_with_default (r, "id", ""),
                              json_object_get_string_member_with_default (r, "status", ""));
    }
  return g_string_free (out, FALSE);
}

static char *
verdict_signature (const PkSiteVerdict *verdict)
{
  g_autoptr(JsonNode) node = pk_site_verdict_to_json (verdict);
  g_autofree char *json = json_to_string (node, FALSE);

  return verdict_signature_json (json);
}

/* Days since the case reached the stage it waits at (its last stage done or
 * resubmission), or since it was opened. */
static int
days_waiting (const PkCase *c)
{
  const char *since = c->created_at;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = NULL;

  for (guint i = 0; i < c->events->len; i++)
    {
      const PkCaseEvent *e = g_ptr_array_index (c->events, i);

      if (g_str_equal (e->kind, "stage-done") || g_str_equal (e->kind, "resubmitted"))
        since = e->at;
    }
  if (since == NULL || (then = g_date_time_new_from_iso8601 (since, NULL)) == NULL)
    return 0;
  return (int) MAX (0, g_date_time_difference (now, then) / G_TIME_SPAN_DAY);
}

/* Requests that compete: sites within the spacing distance of each other
 * (SR-3: approving one fails the other), or more requests of one licence
 * type in a county than it has free places (LT-7). */
static void
find_competitors (PkSiteChecker *checker,
                  GPtrArray     *items)
{
  const PkRuleSet *rules = pk_site_checker_get_rules (checker);

  for (guint i = 0; i < items->len; i++)
    {
      PkReviewItem *a = g_ptr_array_index (items, i);
      int free_places = a->free_places, capacity = a->capacity, waiting = 0;

      a->competitors = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < items->len; k++)
        {
          PkReviewItem *b = g_ptr_array_index (items, k);

          if (k == i || b->c->license != a->c->license || a->county == NULL || b->county == NULL)
            continue;
          if (a->county->id == b->county->id && b->review == PK_REVIEW_PRE)
            waiting++;
          if (pk_geodesic_distance (a->c->site_lat, a->c->site_lon, b->c->site_lat, b->c->site_lon) <
              rules->min_spacing_m[a->c->license])
            g_ptr_array_add (a->competitors, g_strdup (b->c->number));
        }
      /* the county's free places cannot take them all: every other request there competes */
      if (capacity >= 0 && waiting + 1 > MAX (free_places, 0))
        for (guint k = 0; k < items->len; k++)
          {
            PkReviewItem *b = g_ptr_array_index (items, k);

            if (k != i && b->county != NULL && b->county->id == a->county->id && b->c->license == a->c->license &&
                b->review == PK_REVIEW_PRE &&
                !g_ptr_array_find_with_equal_func (a->competitors, b->c->number, g_str_equal, NULL))
              g_ptr_array_add (a->competitors, g_strdup (b->c->number));
          }
    }
}

/* The longest waiting first; then by case number. */
static int
compare_waiting (gconstpointer a,
                 gconstpointer b)
{
  const PkReviewItem *ia = *(PkReviewItem **) a, *ib = *(PkReviewItem **) b;

  if (ia->days_waiting != ib->days_waiting)
    return ib->days_waiting - ia->days_waiting;
  return g_strcmp0 (ia->c->number, ib->c->number);
}

/**
 * pk_review_queue:
 * @checker: the siting snapshot to run the checks again with
 * @only: (nullable): one review only (PA-5 or final)
 * @county_id: one county only, or 0
 * @license: one licence type only, or -1
 *
 * The cases that wait for the working group, the longest waiting first.
 *
 * Returns: (transfer full) (element-type PkReviewItem): the queue, or %NULL
 * with @error set
 */
GPtrArray *
pk_review_queue (PkStore         *store,
                 PkSiteChecker   *checker,
                 const PkReview  *only,
                 gint64           county_id,
                 int              license,
                 GError         **error)
{
  g_autoptr(GPtrArray) cases = pk_store_list_cases (store, error);    /* whole: stages, people, events */
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_auto(Register) reg = { 0 };

  if (cases == NULL || !register_read (store, &reg, error) ||
      (visits = pk_store_list_visits (store, NULL, error)) == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_review_item_free);
  for (guint i = 0; i < cases->len; i++)
    {
      PkCase *listed = g_ptr_array_index (cases, i);
      g_autoptr(PkReviewItem) item = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *now = NULL;
      const PkPlace *county = NULL;
      PkReview review;

      if ((license >= 0 && listed->license != (PkLicense) license) ||
          !pk_case_waits_for_review (listed, &review) || (only != NULL && *only != review))
        continue;
      item = g_new0 (PkReviewItem, 1);
      item->c = g_steal_pointer (&g_ptr_array_index (cases, i));       /* the array frees NULL */
      item->review = review;
      if (item->c->has_site && !item->c->site_not_on_map)
        county = pk_site_checker_find_county (checker, item->c->site_lat, item->c->site_lon);
      if (county_id > 0 && (county == NULL || county->id != county_id))
        continue;
      item->county = county ? pk_place_copy (county) : NULL;
      item->capacity = -1;
      item->free_places = county ? free_places_in (&reg, county->id, item->c->license, item->c->id, &item->capacity)
                                 : G_MININT;
      item->days_waiting = days_waiting (item->c);
      stored = verdict_signature_json (item->c->site_check);
      if (stored != NULL)
        item->verdict_stored = g_strndup (stored, strcspn (stored, " "));
      item->own_office_id = office_of_case (&reg, item->c->id);
      item->verdict_now = pk_review_check_again (checker, item->c, item->own_office_id);
      if (item->verdict_now != NULL)
        now = verdict_signature (item->verdict_now);
      item->stale = g_strcmp0 (stored, now) != 0 && stored != NULL && now != NULL;
      item->register_findings = findings_for (&reg, item->c);
      /* the site visit's outcome, when there is one (the latest by date) */
      for (guint k = 0; k < visits->len; k++)
        {
          PkVisit *v = g_ptr_array_index (visits, k);

          if (v->case_id == item->c->id)
            {
              g_clear_pointer (&item->visit, pk_visit_free);
              item->visit = pk_visit_copy (v);
            }
        }
      g_ptr_array_add (out, g_steal_pointer (&item));
    }
  find_competitors (checker, out);
  g_ptr_array_sort (out, compare_waiting);
  return g_steal_pointer (&out);
}

/* ---- meetings -------------------------------------------------------------- */

/**
 * pk_meeting_create:
 * @date: ISO 8601 or Solar Hijri (1405/09/11), ASCII or Persian digits
 * @members: (array zero-terminated=1): the members present, at least one
 *
 * Returns: the new meeting's id, or 0 with @error set
 */
gint64
pk_meeting_create (PkStore            *store,
                   const char         *number,
                   const char         *date,
                   const char * const *members,
                   GError            **error)
{
  g_autoptr(PkMeeting) m = pk_meeting_new ();
  g_autoptr(GStrvBuilder) present = g_strv_builder_new ();
  g_autofree char *iso = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (number ? number : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                           _("A meeting needs its number"));
      return 0;
    }
  if (date == NULL || !pk_date_parse_input (date, &iso))
    {
      g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                   _("“%s” is not a date (write 2026-12-02 or 1405/09/11)"), date ? date : "");
      return 0;
    }
  for (guint i = 0; members && members[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (members[i]));

      if (*name != '\0')
        g_strv_builder_add (present, name);
    }
  g_strfreev (m->members);
  m->members = g_strv_builder_end (present);
  if (m->members[0] == NULL)
    {
      g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                           _("A meeting needs the members present (at least one)"));
      return 0;
    }
  m->number = g_steal_pointer (&trimmed);
  m->date = g_steal_pointer (&iso);
  return pk_store_add_meeting (store, m, error);
}

/* The meeting, refused when it is closed. */
static PkMeeting *
open_meeting (PkStore  *store,
              gint64    meeting_id,
              GError  **error)
{
  g_autoptr(PkMeeting) m = pk_store_get_meeting (store, meeting_id, error);

  if (m == NULL)
    return NULL;
  if (m->closed_at != NULL)
    {
      g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_CLOSED,
                   _("Meeting %s is closed: its decisions are final; a later meeting may decide again"),
                   m->number);
      return NULL;
    }
  return g_steal_pointer (&m);
}

/* The case, refused when it does not wait for the working group. */
static PkCase *
waiting_case (PkStore   *store,
              gint64     case_id,
              PkReview  *review,
              GError   **error)
{
  g_autoptr(PkCase) c = pk_store_get_case (store, case_id, error);
  const PkStageInfo *current;

  if (c == NULL)
    return NULL;
  if (!pk_case_waits_for_review (c, review))
    {
      current = pk_case_current_stage (c);
      g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_NOT_WAITING,
                   c->outcome ? _("Case %s does not wait for the working group: it was decided (%s)")
                   : c->status == PK_CASE_RETURNED ? _("Case %s does not wait for the working group: it is back with the applicant%s")
                   : _("Case %s does not wait for the working group: it is at %s"),
                   c->number, c->outcome ? c->outcome : c->status == PK_CASE_RETURNED ? "" :
                   current ? current->id : "—");
      return NULL;
    }
  return g_steal_pointer (&c);
}

/* Puts a waiting case on an open meeting's agenda (again: no change). */
gboolean
pk_meeting_add_case (PkStore  *store,
                     gint64    meeting_id,
                     gint64    case_id,
                     GError  **error)
{
  g_autoptr(PkMeeting) m = open_meeting (store, meeting_id, error);
  g_autoptr(PkCase) c = NULL;
  PkReview review;

  if (m == NULL || (c = waiting_case (store, case_id, &review, error)) == NULL)
    return FALSE;
  return pk_store_add_agenda_case (store, meeting_id, case_id, review, error);
}

/**
 * pk_case_withdraw:
 * @reason: (nullable): the applicant's words, kept in the case's history
 *
 * The applicant withdraws the request: in one transaction the case is closed
 * as *withdrawn* and what it held is freed — the approved office its PA-5
 * decision made leaves the register, so the county's place (LT-7) and the
 * spacing around the site (SR-3) are free for other requests. Refused for a
 * case closed already, and once its licence is issued (the office active):
 * giving up a licence is a request of its own (RQ-5).
 */
gboolean
pk_case_withdraw (PkStore     *store,
                  gint64       case_id,
                  const char  *reason,
                  GError     **error)
{
  g_autoptr(PkCase) c = NULL;
  g_autofree char *text = g_strstrip (g_strdup (reason ? reason : ""));
  gint64 office_id;

  if (!pk_store_begin (store, error))
    return FALSE;
  if ((c = pk_store_get_case (store, case_id, error)) == NULL ||
      !pk_store_case_office (store, case_id, &office_id, error))
    goto fail;
  if (c->outcome != NULL)
    {
      g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_NOT_WAITING,
                   _("Case %s is closed already (%s)"), c->number, pk_case_outcome_display_name (c->outcome));
      goto fail;
    }
  if (office_id > 0)
    {
      g_autoptr(PkOffice) office = pk_store_get_office (store, office_id, error);

      if (office == NULL)
        goto fail;
      if (office->status == PK_STATUS_ACTIVE || office->status == PK_STATUS_SUSPENDED)
        {
          g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_NOT_WAITING,
                       _("Case %s has its licence issued (office %s); giving the licence up is a request "
                         "of its own (RQ-5)"), c->number, office->code ? office->code : "");
          goto fail;
        }
      if (!pk_store_delete_office (store, office_id, error))
        goto fail;
    }
  if (!pk_store_write_case_outcome (store, case_id, "withdrawn", error) ||
      !pk_store_add_case_event (store, case_id, "withdrawn", NULL, *text ? text : NULL, error))
    goto fail;
  return pk_store_commit (store, error);

fail:
  pk_store_rollback (store);
  return FALSE;
}

/**
 * pk_meeting_close:
 *
 * Its decisions become final: a correction is a new decision in a later meeting.
 */
gboolean
pk_meeting_close (PkStore  *store,
                  gint64    meeting_id,
                  GError  **error)
{
  g_autoptr(PkMeeting) m = open_meeting (store, meeting_id, error);

  return m != NULL && pk_store_close_meeting (store, meeting_id, error);
}

/* A meeting by its number, or by its id when no meeting has that number. */
PkMeeting *
pk_meeting_find (PkStore     *store,
                 const char  *number_or_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) all = pk_store_list_meetings (store, error);
  g_autofree char *ascii = pk_text_to_ascii_digits (number_or_id);
  gint64 id;

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((PkMeeting *) g_ptr_array_index (all, i))->number, number_or_id) == 0)
      return pk_meeting_copy (g_ptr_array_index (all, i));
  if (g_ascii_string_to_signed (ascii, 10, 1, G_MAXINT64, &id, NULL))
    for (guint i = 0; i < all->len; i++)
      if (((PkMeeting *) g_ptr_array_index (all, i))->id == id)
        return pk_meeting_copy (g_ptr_array_index (all, i));
  g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND, _("There is no meeting “%s”"), number_or_id);
  return NULL;
}

/**
 * pk_county_free_places:
 * @except_case_id: leave out the office this case's approval made (0: none)
 * @capacity: (out) (optional): the county's capacity, -1 when not set
 *
 * LT-7: the county's capacity for the licence type less the offices that
 * hold a place (active, approved, planned). Negative when it is passed.
 *
 * Returns: the free places, or G_MININT when the capacity is not set
 */
int
pk_county_free_places (PkStore    *store,
                       gint64      county_id,
                       PkLicense   license,
                       gint64      except_case_id,
                       int        *capacity,
                       GError    **error)
{
  g_auto(Register) reg = { 0 };

  if (capacity)
    *capacity = -1;
  if (!register_read (store, &reg, error))
    return G_MININT;
  return free_places_in (&reg, county_id, license, except_case_id, capacity);
}

/* ---- decisions --------------------------------------------------------------- */

/* What the approved office is called: the company, else the applicant. */
static char *
office_name (const PkCase *c)
{
  const char *company = pk_case_get_field (c, "company.name");

  if (company != NULL)
    return g_strdup (company);
  for (guint i = 0; i < c->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (c->people, i);

      if (g_strcmp0 (p->role, "applicant") == 0 && p->name && *p->name)
        return g_strdup (p->name);
    }
  return g_strdup_printf (_("Approved location, case %s"), c->number);
}

/* The holder's national code (LT-8, LT-9): the company's national ID, or
 * the applicant's national code. */
static const char *
holder_code (const PkCase *c)
{
  const char *company = pk_case_get_field (c, "company.national_id");

  if (company != NULL)
    return company;
  for (guint i = 0; i < c->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (c->people, i);

      if (g_strcmp0 (p->role, "applicant") == 0 && p->national_code && *p->national_code)
        return p->national_code;
    }
  return NULL;
}

/* An approved location: the county must have a free place (LT-7) unless
 * @override says why not; the site becomes an approved office linked to the
 * case (a new one, or the one an earlier approval made). Returns its id, 0
 * for a site that is not on the map, -1 with @error set. */
static gint64
approve_location (PkStore        *store,
                  PkSiteChecker  *checker,
                  const Register *reg,
                  PkCase         *c,
                  const char     *override,
                  GError        **error)
{
  const PkPlace *county;
  g_autoptr(PkOffice) office = NULL;
  gint64 existing;
  int capacity, free_places;

  if (!c->has_site || c->site_not_on_map)
    return 0;
  county = pk_site_checker_find_county (checker, c->site_lat, c->site_lon);
  if (county != NULL)
    {
      free_places = free_places_in (reg, county->id, c->license, c->id, &capacity);
      if (capacity >= 0 && free_places < 1 && (override == NULL || *override == '\0'))
        {
          g_autofree char *text = g_strdup_printf (_("%s has no free place for a %s (LT-7): capacity %d, "
                                                     "%d taken. Give a reason to approve past it."),
                                                   pk_place_display_name (county),
                                                   pk_license_display_name (c->license), capacity,
                                                   capacity - free_places);
          g_autofree char *localized = pk_text_localize_digits (text);

          g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_CAPACITY, localized);
          return -1;
        }
    }
  if ((existing = office_of_case (reg, c->id)) > 0 &&
      (office = pk_store_get_office (store, existing, error)) == NULL)
    return -1;
  if (office == NULL)
    {
      office = pk_office_new ();
      office->code = g_strdup_printf ("C-%s", c->number);
    }
  g_free (office->name);
  office->name = office_name (c);
  office->license = c->license;
  office->status = PK_STATUS_APPROVED;
  office->lat = c->site_lat;
  office->lon = c->site_lon;
  office->county_id = county ? county->id : 0;
  office->case_id = c->id;
  g_free (office->holder_code);
  office->holder_code = g_strdup (holder_code (c));
  g_free (office->address);
  office->address = g_strdup (c->site_address);
  if (existing > 0)
    return pk_store_update_office (store, office, error) ? existing : -1;
  existing = pk_store_add_office (store, office, error);
  return existing > 0 ? existing : -1;
}

/* Where a return sends the applicant: the site step when a siting or site
 * standard fails (SR-, ST-), else the stage under review. */
static const char *
return_stage (const PkCase     *c,
              PkReview          review,
              const PkDecision *d)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (c);
  const char *site = review == PK_REVIEW_PRE ? "PA-3" : "S10";

  for (guint i = 0; d->rules && d->rules[i]; i++)
    if (g_str_has_prefix (d->rules[i], "SR-") || g_str_has_prefix (d->rules[i], "ST-"))
      for (guint k = 0; k < plan->len; k++)
        if (g_str_equal (((const PkStageInfo *) g_ptr_array_index (plan, k))->id, site))
          return site;
  return review == PK_REVIEW_PRE ? "PA-5" : "S12";
}

static gboolean
check_decision (const PkDecision  *d,
                GError           **error)
{
  g_autofree char *reason = g_strstrip (g_strdup (d->reason ? d->reason : ""));

  if (d->kind == PK_DECISION_RETURN && *reason == '\0' && (d->rules == NULL || d->rules[0] == NULL))
    {
      g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                           _("A return needs its reasons (RT-1): the rules that fail or words of your own"));
      return FALSE;
    }
  if (d->kind == PK_DECISION_REJECT && *reason == '\0')
    {
      g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                           _("A rejection needs its reason"));
      return FALSE;
    }
  for (guint i = 0; i < d->conditions->len; i++)
    {
      PkCaseCondition *cond = g_ptr_array_index (d->conditions, i);
      g_autofree char *iso = NULL;

      if (cond->text == NULL || *g_strstrip (cond->text) == '\0')
        {
          g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                               _("A condition needs its text"));
          return FALSE;
        }
      if (cond->due != NULL && !pk_date_parse_input (cond->due, &iso))
        {
          g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                       _("“%s” is not a date (write 2026-12-02 or 1405/09/11)"), cond->due);
          return FALSE;
        }
      if (iso != NULL)
        {
          g_free (cond->due);
          cond->due = g_steal_pointer (&iso);
        }
    }
  return TRUE;
}

/* Inside the decision's transaction: what it does to the case. Returns the
 * approved office's id (0 when none), -1 with @error set. */
static gint64
apply_decision (PkStore          *store,
                PkSiteChecker    *checker,
                const PkMeeting  *m,
                PkCase           *c,
                PkReview          review,
                const PkDecision *d,
                GError          **error)
{
  const char *stage = review == PK_REVIEW_PRE ? "PA-5" : "S12";
  g_auto(Register) reg = { 0 };
  gint64 office_id = 0;

  if (!register_read (store, &reg, error))         /* the offices and rules, once */
    return -1;
  switch (d->kind)
    {
    case PK_DECISION_APPROVE:
      {
        g_autoptr(GPtrArray) findings = findings_for (&reg, c);

        for (guint i = 0; i < findings->len; i++)
          {
            PkRegisterFinding *f = g_ptr_array_index (findings, i);

            if (f->status == PK_RULE_FAIL)
              {
                g_set_error_literal (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_REGISTER, f->message);
                return -1;
              }
          }
      }
      if (review == PK_REVIEW_PRE &&
          ((office_id = approve_location (store, checker, &reg, c, d->override_reason, error)) < 0 ||
           !pk_case_workflow_set_field (store, c->id, "pa5.decision", "approved", error) ||
           !pk_case_workflow_set_field (store, c->id, "pa5.date", m->date, error)))
        return -1;
      if (review == PK_REVIEW_FINAL)
        office_id = office_of_case (&reg, c->id);
      if (review == PK_REVIEW_FINAL && !pk_case_workflow_set_field (store, c->id, "s12.date", m->date, error))
        return -1;
      if (!pk_case_workflow_mark_stage (store, c, stage, TRUE, error))
        return -1;
      return office_id;

    case PK_DECISION_RETURN:
      {
        g_autofree char *rules = d->rules && d->rules[0] ? g_strjoinv (", ", d->rules) : NULL;
        g_autofree char *text = g_strdup_printf ("%s%s%s%s", d->reason ? d->reason : "",
                                                 rules && d->reason && *d->reason ? " (" : "",
                                                 rules ? rules : "", rules && d->reason && *d->reason ? ")" : "");

        return pk_case_workflow_return (store, c, return_stage (c, review, d), g_strstrip (text), error) ? 0 : -1;
      }

    case PK_DECISION_REJECT:
      if ((office_id = office_of_case (&reg, c->id)) > 0 && !pk_store_delete_office (store, office_id, error))
        return -1;                      /* what the case held is free again */
      if (review == PK_REVIEW_PRE &&
          (!pk_case_workflow_set_field (store, c->id, "pa5.decision", "rejected", error) ||
           !pk_case_workflow_set_field (store, c->id, "pa5.date", m->date, error)))
        return -1;
      return pk_store_write_case_outcome (store, c->id, "rejected", error) ? 0 : -1;

    default:
      g_return_val_if_reached (-1);
    }
}

/**
 * pk_meeting_decide:
 * @checker: the siting snapshot, to find the site's county (LT-7)
 * @decision: its kind, reason, rule IDs, conditions and, to approve past the
 *   county's capacity, the override's reason; the rest is filled here
 *
 * The meeting's one decision on the case (put on the agenda if it was not),
 * all in one transaction: approve — an approved office at the site, linked
 * to the case, PA-5 (or S12) done; return — the case back with the reasons
 * (RT-1) at what to fix; reject — the case closed, what it held freed.
 * Refused in a closed meeting, for a case that does not wait, and past the
 * county's capacity without an override.
 *
 * Returns: the decision's id, or 0 with @error set
 */
gint64
pk_meeting_decide (PkStore           *store,
                   PkSiteChecker     *checker,
                   gint64             meeting_id,
                   gint64             case_id,
                   const PkDecision  *decision,
                   GError           **error)
{
  g_autoptr(PkMeeting) m = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(PkDecision) d = pk_decision_copy (decision);
  PkReview review;
  gint64 office_id, id;

  if (!check_decision (d, error) || !pk_store_begin (store, error))
    return 0;
  if ((m = open_meeting (store, meeting_id, error)) == NULL ||
      (c = waiting_case (store, case_id, &review, error)) == NULL)
    goto fail;
  if (pk_meeting_find_decision (m, case_id) != NULL)
    {
      g_set_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID,
                   _("Meeting %s has decided on case %s already; a later meeting may decide again"),
                   m->number, c->number);
      goto fail;
    }
  if (!pk_meeting_has_case (m, case_id) && !pk_store_add_agenda_case (store, meeting_id, case_id, review, error))
    goto fail;
  if ((office_id = apply_decision (store, checker, m, c, review, d, error)) < 0)
    goto fail;
  d->meeting_id = meeting_id;
  d->case_id = case_id;
  d->review = review;
  d->office_id = office_id;
  if (d->kind != PK_DECISION_APPROVE)
    g_ptr_array_set_size (d->conditions, 0);      /* conditions go with an approval */
  if ((id = pk_store_add_decision (store, d, error)) == 0)
    goto fail;
  if (!pk_store_commit (store, error))
    return 0;
  return id;

fail:
  pk_store_rollback (store);
  return 0;
}
