/* test-working-group.c: the review queue, meetings and decisions on a real
 * sample workspace — capacity (LT-7) kept one approval at a time, a verdict
 * turned stale by a neighbour's approval (SR-3), closed meetings, returns
 * (RT-1) and rejections
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "pk-test-sql.h"
#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pk-case-workflow.h"
#include "pk-geography.h"
#include "pk-import.h"
#include "pk-test-review.h"
#include "pk-working-group.h"

/* Two sites in Sarbisheh, rural, that pass every rule in the sample, far apart */
#define SITE_A_LAT 32.30
#define SITE_A_LON 59.80
#define SITE_B_LAT 32.50
#define SITE_B_LON 59.70

static gint64
new_meeting (PkStore    *store,
             const char *number)
{
  g_autoptr(GError) error = NULL;
  const char *members[] = { "Dr. Ahmadi", "Ms. Rezaei", NULL };
  gint64 id = pk_meeting_create (store, number, "1405/09/11", members, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
county_at (PkStore *store,
           double   lat,
           double   lon)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  const PkPlace *county = pk_site_checker_find_county (checker, lat, lon);

  g_assert_nonnull (county);
  return county->id;
}

/* LT-7: with one free place in the county, the first approval takes it, the
 * second is refused and writes nothing, and goes through with an override
 * whose reason the audit log keeps. */
static void
test_capacity (PkTestWorkspace *f,
               gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
  g_autoptr(PkOffice) office = NULL;
  g_autoptr(PkCase) b_case = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 a, b, meeting, county, decision;
  int capacity, free_places;
  gint64 audit_before;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, SITE_A_LAT, SITE_A_LON);
  b = pk_test_case_at_pa5 (store, SITE_B_LAT, SITE_B_LON);
  county = county_at (store, SITE_A_LAT, SITE_A_LON);
  g_assert_cmpint (county_at (store, SITE_B_LAT, SITE_B_LON), ==, county);
  free_places = pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, &capacity, &error);
  g_assert_no_error (error);
  /* one place left */
  g_assert_true (pk_store_save_capacity (store, county, PK_LICENSE_RURAL,
                                         capacity >= 0 ? capacity - free_places + 1 : 1 + 0, &error));
  free_places = pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, &capacity, &error);
  g_assert_cmpint (free_places, ==, 1);

  checker = pk_site_checker_new (store, &error);
  meeting = new_meeting (store, "7/1405");
  g_assert_true (pk_meeting_add_case (store, meeting, a, &error));
  g_assert_true (pk_meeting_add_case (store, meeting, b, &error));
  g_assert_no_error (error);

  /* the first takes the place: an approved office at its site, linked */
  g_ptr_array_add (approve->conditions, pk_case_condition_new ("Signboard as the association designs it",
                                                               "1405/12/01"));
  decision = pk_meeting_decide (store, checker, meeting, a, approve, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decision, >, 0);
  {
    g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, a, &error);
    PkDecision *d = g_ptr_array_index (decisions, 0);

    g_assert_cmpuint (decisions->len, ==, 1);
    g_assert_cmpint (d->kind, ==, PK_DECISION_APPROVE);
    g_assert_cmpuint (d->conditions->len, ==, 1);
    g_assert_cmpstr (((PkCaseCondition *) g_ptr_array_index (d->conditions, 0))->due, ==, "2027-02-20");
    office = pk_store_get_office (store, d->office_id, &error);
    g_assert_nonnull (office);
    g_assert_cmpint (office->status, ==, PK_STATUS_APPROVED);
    g_assert_cmpint (office->case_id, ==, a);
    g_assert_cmpfloat_with_epsilon (office->lat, SITE_A_LAT, 1e-9);
  }
  g_assert_cmpint (pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, NULL, &error), ==, 0);
  {
    g_autoptr(PkCase) done = pk_store_get_case (store, a, &error);

    g_assert_false (pk_case_waits_for_review (done, NULL));
    g_assert_cmpstr (pk_case_get_field (done, "pa5.decision"), ==, "approved");
    g_assert_cmpstr (pk_case_get_field (done, "pa5.date"), ==, "2026-12-02");
  }

  /* the second is refused and nothing of it is written */
  audit_before = pk_store_count_audit (store);
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, b, approve, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_CAPACITY);
  g_clear_error (&error);
  g_assert_cmpint (pk_store_count_audit (store), ==, audit_before);
  b_case = pk_store_get_case (store, b, &error);
  g_assert_true (pk_case_waits_for_review (b_case, NULL));
  g_assert_null (pk_case_get_field (b_case, "pa5.decision"));

  /* an override with its reason: accepted, and the audit log says why */
  approve->override_reason = g_strdup ("Border county: the ministry asked for a second office");
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, b, approve, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, NULL, &error), ==, -1);
  audit = pk_store_list_audit (store, NULL, NULL, "case-decision", &error);
  g_assert_cmpuint (audit->len, ==, 2);
  g_assert_nonnull (strstr (((PkAuditEntry *) g_ptr_array_index (audit, 1))->after,
                            "\"override_capacity\":\"Border county"));

  /* a second decision on the same case in the same meeting is refused */
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, a, approve, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_NOT_WAITING);
}

/* Two requests 100 m apart: approving one makes it serve, and the other's
 * verdict, run again, fails spacing (SR-3) — stale in the queue. */
static void
test_stale_verdict (PkTestWorkspace *f,
                    gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
  PkReview pre = PK_REVIEW_PRE;
  gint64 a, b, meeting;
  PkReviewItem *item;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, SITE_A_LAT, SITE_A_LON);
  b = pk_test_case_at_pa5 (store, SITE_A_LAT + 0.0009, SITE_A_LON);       /* 100 m north */
  checker = pk_site_checker_new (store, &error);
  queue = pk_review_queue (store, checker, &pre, 0, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 2);
  for (guint i = 0; i < queue->len; i++)
    {
      item = g_ptr_array_index (queue, i);
      g_assert_false (item->stale);
      g_assert_cmpstr (item->verdict_stored, ==, "pass");
      g_assert_cmpint (item->verdict_now->verdict, ==, PK_VERDICT_PASS);
      g_assert_nonnull (item->county);
    }

  /* they compete: within the spacing distance of each other (SR-3) */
  for (guint i = 0; i < queue->len; i++)
    {
      item = g_ptr_array_index (queue, i);
      g_assert_cmpuint (item->competitors->len, ==, 1);
    }

  meeting = new_meeting (store, "8/1405");
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, a, approve, &error), >, 0);
  g_assert_no_error (error);

  /* the approved office serves now: a new snapshot sees it */
  g_clear_pointer (&checker, pk_site_checker_free);
  g_clear_pointer (&queue, g_ptr_array_unref);
  checker = pk_site_checker_new (store, &error);
  queue = pk_review_queue (store, checker, NULL, 0, PK_LICENSE_RURAL, &error);
  g_assert_cmpuint (queue->len, ==, 1);
  item = g_ptr_array_index (queue, 0);
  g_assert_cmpint (item->c->id, ==, b);
  g_assert_true (item->stale);
  g_assert_cmpstr (item->verdict_stored, ==, "pass");
  g_assert_cmpint (item->verdict_now->verdict, ==, PK_VERDICT_FAIL);
  for (guint i = 0; i < item->verdict_now->rules->len; i++)
    {
      PkRuleResult *r = g_ptr_array_index (item->verdict_now->rules, i);

      if (g_str_equal (r->id, "SR-3"))
        {
          g_assert_cmpint (r->status, ==, PK_RULE_FAIL);
          g_assert_cmpfloat (r->measured, <, 150);
        }
    }
  /* the approved case's own office does not fail its own check again */
  {
    g_autoptr(PkCase) ca = pk_store_get_case (store, a, &error);
    g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, a, &error);
    g_autoptr(PkSiteVerdict) again =
      pk_review_check_again (checker, ca, ((PkDecision *) g_ptr_array_index (decisions, 0))->office_id);

    g_assert_cmpint (again->verdict, ==, PK_VERDICT_PASS);
  }
  /* other filters: a licence type or a county with none waiting */
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = pk_review_queue (store, checker, NULL, 0, PK_LICENSE_URBAN, &error);
  g_assert_cmpuint (queue->len, ==, 0);
}

/* A closed meeting's decisions are final: deciding in it, or adding to its
 * agenda, is refused; a later meeting decides. */
static void
test_closed_meeting (PkTestWorkspace *f,
                     gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
  g_autoptr(PkMeeting) m = NULL;
  gint64 a, first, later;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, SITE_A_LAT, SITE_A_LON);
  checker = pk_site_checker_new (store, &error);
  first = new_meeting (store, "9/1405");
  g_assert_true (pk_meeting_close (store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pk_meeting_decide (store, checker, first, a, approve, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (pk_meeting_add_case (store, first, a, &error));
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (pk_meeting_close (store, first, &error));
  g_clear_error (&error);
  m = pk_store_get_meeting (store, first, &error);
  g_assert_cmpuint (m->agenda->len, ==, 0);
  g_assert_cmpuint (m->decisions->len, ==, 0);

  /* a number is used once */
  g_assert_cmpint (pk_meeting_create (store, "9/1405", "2026-12-03", (const char *[]) { "X", NULL }, &error), ==, 0);
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  /* a meeting needs a date and members */
  g_assert_cmpint (pk_meeting_create (store, "10/1405", "1405/13/01", (const char *[]) { "X", NULL }, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pk_meeting_create (store, "10/1405", "1405/09/12", (const char *[]) { " ", NULL }, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID);
  g_clear_error (&error);

  later = new_meeting (store, "10/1405");
  g_assert_cmpint (pk_meeting_decide (store, checker, later, a, approve, &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&m, pk_meeting_free);
  m = pk_meeting_find (store, "10/1405", &error);
  g_assert_cmpuint (m->agenda->len, ==, 1);                /* put on the agenda by the decision */
  g_assert_cmpuint (m->decisions->len, ==, 1);
}

/* A return sends the case back with its reasons (RT-1) to what fails; a
 * rejection closes it and frees the place it held. */
static void
test_return_and_reject (PkTestWorkspace *f,
                        gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkDecision) ret = pk_decision_new (PK_DECISION_RETURN);
  g_autoptr(PkDecision) reject = pk_decision_new (PK_DECISION_REJECT);
  g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
  g_autoptr(PkCase) c = NULL;
  gint64 a, b, meeting, office_id;
  guint n_offices;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, SITE_A_LAT, SITE_A_LON);
  b = pk_test_case_at_pa5 (store, SITE_B_LAT, SITE_B_LON);
  checker = pk_site_checker_new (store, &error);
  meeting = new_meeting (store, "11/1405");

  /* a return without reasons is refused */
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, a, ret, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID);
  g_clear_error (&error);
  ret->reason = g_strdup ("The building is a warehouse");
  g_strfreev (ret->rules);
  ret->rules = g_strdupv ((char *[]) { "ST-2", NULL });
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, a, ret, &error), >, 0);
  g_assert_no_error (error);
  c = pk_store_get_case (store, a, &error);
  g_assert_cmpint (c->status, ==, PK_CASE_RETURNED);
  g_assert_cmpint (pk_case_stage_state (c, pk_stage_info ("PA-3")), ==, PK_STAGE_RETURNED);
  g_assert_nonnull (strstr (g_hash_table_lookup (c->stage_notes, "PA-3"), "warehouse"));
  g_assert_nonnull (strstr (g_hash_table_lookup (c->stage_notes, "PA-3"), "ST-2"));
  g_assert_false (pk_case_waits_for_review (c, NULL));

  /* approved, then rejected by a later meeting: the office goes, the place is free */
  n_offices = pk_test_count (pk_store_list_offices (store, NULL));
  office_id = 0;
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, b, approve, &error), >, 0);
  g_assert_cmpuint (pk_test_count (pk_store_list_offices (store, NULL)), ==, n_offices + 1);
  /* after an approval at PA-5 the case goes on; bring it to S12 is long:
   * reject it while it waits again (it was sent back to PA-5 by hand) */
  {
    g_autoptr(PkCase) cb = pk_store_get_case (store, b, &error);
    g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, b, &error);

    office_id = ((PkDecision *) g_ptr_array_index (decisions, 0))->office_id;
    g_assert_cmpint (office_id, >, 0);
    g_assert_true (pk_case_workflow_mark_stage (store, cb, "PA-5", FALSE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, b, reject, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_INVALID);  /* no reason */
  g_clear_error (&error);
  reject->reason = g_strdup ("The applicant holds a licence already (LT-8) without the ministry's consent");
  {
    gint64 later = new_meeting (store, "12/1405");

    g_assert_cmpint (pk_meeting_decide (store, checker, later, b, reject, &error), >, 0);
    g_assert_no_error (error);
  }
  g_clear_pointer (&c, pk_case_free);
  c = pk_store_get_case (store, b, &error);
  g_assert_cmpstr (c->outcome, ==, "rejected");
  g_assert_cmpstr (pk_case_get_field (c, "pa5.decision"), ==, "rejected");
  g_assert_null (pk_store_get_office (store, office_id, NULL));
  g_assert_cmpuint (pk_test_count (pk_store_list_offices (store, NULL)), ==, n_offices);
  g_assert_false (pk_case_waits_for_review (c, NULL));
}

/* The applicant withdraws: the case closes as withdrawn and frees what it
 * held — the approved office leaves the register, the county's place comes
 * back (LT-7), the neighbour's site passes SR-3 again; a closed case and a
 * case whose licence is issued are refused with nothing written. */
static void
test_withdraw (PkTestWorkspace *f,
               gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(PkCase) ca = NULL;
  g_autoptr(PkCase) cc = NULL;
  g_autoptr(PkOffice) office = NULL;
  PkReview pre = PK_REVIEW_PRE;
  const PkCaseEvent *last;
  gint64 a, b, c, meeting, county, office_id;
  int free_before;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, SITE_A_LAT, SITE_A_LON);
  b = pk_test_case_at_pa5 (store, SITE_A_LAT + 0.0009, SITE_A_LON);       /* 100 m north */
  county = county_at (store, SITE_A_LAT, SITE_A_LON);
  free_before = pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, NULL, &error);
  checker = pk_site_checker_new (store, &error);
  meeting = new_meeting (store, "21/1405");
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, a, approve, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, a, &error);

    office_id = ((PkDecision *) g_ptr_array_index (decisions, 0))->office_id;
  }
  g_assert_nonnull ((office = pk_store_get_office (store, office_id, &error)));
  g_clear_pointer (&office, pk_office_free);
  g_assert_cmpint (pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, NULL, &error), ==, free_before - 1);

  g_assert_true (pk_case_withdraw (store, a, "  The applicant moved to Mashhad  ", &error));
  g_assert_no_error (error);
  ca = pk_store_get_case (store, a, &error);
  g_assert_cmpstr (ca->outcome, ==, "withdrawn");
  last = g_ptr_array_index (ca->events, ca->events->len - 1);
  g_assert_cmpstr (last->kind, ==, "withdrawn");
  g_assert_cmpstr (last->message, ==, "The applicant moved to Mashhad");
  g_assert_null (pk_store_get_office (store, office_id, NULL));
  g_assert_cmpint (pk_county_free_places (store, county, PK_LICENSE_RURAL, 0, NULL, &error), ==, free_before);
  /* the neighbour's site is free of it again */
  g_clear_pointer (&checker, pk_site_checker_free);
  checker = pk_site_checker_new (store, &error);
  queue = pk_review_queue (store, checker, &pre, 0, -1, &error);
  g_assert_cmpuint (queue->len, ==, 1);
  g_assert_cmpint (((PkReviewItem *) g_ptr_array_index (queue, 0))->c->id, ==, b);
  g_assert_cmpint (((PkReviewItem *) g_ptr_array_index (queue, 0))->verdict_now->verdict, ==, PK_VERDICT_PASS);

  /* closed already: refused */
  g_assert_false (pk_case_withdraw (store, a, NULL, &error));
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_NOT_WAITING);
  g_clear_error (&error);

  /* a waiting case leaves the queue */
  g_assert_true (pk_case_withdraw (store, b, NULL, &error));
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = pk_review_queue (store, checker, &pre, 0, -1, &error);
  g_assert_cmpuint (queue->len, ==, 0);

  /* a licence issued (the office active): giving it up is a request of its own */
  c = pk_test_case_at_pa5 (store, SITE_B_LAT, SITE_B_LON);
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, c, approve, &error), >, 0);
  {
    g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, c, &error);

    office_id = ((PkDecision *) g_ptr_array_index (decisions, 0))->office_id;
  }
  office = pk_store_get_office (store, office_id, &error);
  office->status = PK_STATUS_ACTIVE;
  g_assert_true (pk_store_update_office (store, office, &error));
  g_assert_false (pk_case_withdraw (store, c, "changed my mind", &error));
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_NOT_WAITING);
  g_assert_nonnull (strstr (error->message, "RQ-5"));
  g_clear_error (&error);
  cc = pk_store_get_case (store, c, &error);
  g_assert_null (cc->outcome);
  g_clear_pointer (&office, pk_office_free);
  g_assert_nonnull ((office = pk_store_get_office (store, office_id, &error)));
}

/* A long case list comes a page at a time (each one query's worth), newest
 * first, each case once, with the filters applied across pages. */
static void
test_case_pages (PkTestWorkspace *f,
                 gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PkCaseFilter filter;
  guint n_renewals = 0, n_pages = 0, n_found = 0;
  gint64 before = 0, next;

  g_assert_no_error (error);
  g_assert_true (pk_store_begin (store, &error));
  for (guint i = 0; i < 230; i++)
    {
      g_autoptr(PkCase) c = pk_case_new (i % 3 == 0 ? PK_REQUEST_RENEWAL : PK_REQUEST_ISSUE, PK_LICENSE_RURAL,
                                         PK_APPLICANT_PERSON);

      g_assert_cmpint (pk_store_add_case (store, c, &error), >, 0);
    }
  g_assert_true (pk_store_commit (store, &error));
  all = pk_store_list_cases (store, &error);
  g_assert_cmpuint (all->len, >=, 230);
  for (guint i = 0; i < all->len; i++)
    n_renewals += ((PkCase *) g_ptr_array_index (all, i))->request == PK_REQUEST_RENEWAL;

  pk_case_filter_init (&filter);
  do
    {
      g_autoptr(GPtrArray) page = pk_case_list_page (store, &filter, before, 100, &next, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 100);
      for (guint i = 0; i < page->len; i++)
        {
          PkCase *c = g_ptr_array_index (page, i);

          g_assert_false (g_hash_table_contains (seen, &c->id));
          g_hash_table_add (seen, g_memdup2 (&c->id, sizeof c->id));
          g_array_append_val (ids, c->id);
        }
      before = next;
      n_pages++;
    }
  while (next != 0);
  g_assert_cmpuint (ids->len, ==, all->len);
  g_assert_cmpuint (n_pages, ==, (all->len + 99) / 100);
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), <, g_array_index (ids, gint64, i - 1));

  /* renewals only: matched across pages, never more than asked at once */
  filter.request = PK_REQUEST_RENEWAL;
  before = 0;
  do
    {
      g_autoptr(GPtrArray) page = pk_case_list_page (store, &filter, before, 30, &next, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 30);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (((PkCase *) g_ptr_array_index (page, i))->request, ==, PK_REQUEST_RENEWAL);
      n_found += page->len;
      before = next;
    }
  while (next != 0);
  g_assert_cmpuint (n_found, ==, n_renewals);

  /* the audit log too: newest first, each change once, the filter kept */
  {
    g_autoptr(GPtrArray) every = pk_store_list_audit (store, NULL, NULL, "case", &error);
    guint n = 0;
    gint64 last = G_MAXINT64;

    before = 0;
    for (;;)
      {
        g_autoptr(GPtrArray) page = pk_store_list_audit_page (store, NULL, NULL, "case", before, 64, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < page->len; i++)
          {
            PkAuditEntry *e = g_ptr_array_index (page, i);

            g_assert_cmpstr (e->entity, ==, "case");
            g_assert_cmpint (e->id, <, last);
            last = e->id;
          }
        n += page->len;
        if (page->len < 64)
          break;
        before = last;
      }
    g_assert_cmpuint (every->len, >=, 230);
    g_assert_cmpuint (n, ==, every->len);
  }

  /* a number typed in Persian digits finds its case */
  {
    const PkCase *c = g_ptr_array_index (all, 7);
    g_autoptr(GString) persian = g_string_new (NULL);
    g_autoptr(GPtrArray) page = NULL;

    for (const char *p = c->number; *p; p++)
      if (g_ascii_isdigit (*p))
        g_string_append_unichar (persian, 0x06F0 + (*p - '0'));
      else
        g_string_append_c (persian, *p);
    pk_case_filter_init (&filter);
    filter.text = persian->str;
    page = pk_case_list_page (store, &filter, 0, 10, &next, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 1);
    g_assert_cmpstr (((PkCase *) g_ptr_array_index (page, 0))->number, ==, c->number);
    g_assert_cmpint (next, ==, 0);
  }
}

/* An office of @holder in the register, cancelled on @cancelled (or not). */
static void
register_office (PkStore    *store,
                 const char *code,
                 const char *holder,
                 const char *cancelled,
                 const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) o = pk_office_new ();

  o->code = g_strdup (code);
  o->name = g_strdup (code);
  o->license = PK_LICENSE_URBAN;
  o->status = PK_STATUS_ACTIVE;
  o->lat = 32.87;
  o->lon = 59.21;
  o->holder_code = g_strdup (holder);
  o->cancelled_on = g_strdup (cancelled);
  o->cancel_reason = g_strdup (reason);
  g_assert_cmpint (pk_store_add_office (store, o, &error), >, 0);
  g_assert_no_error (error);
}

/* LT-8: a holder needs the ministry's consent (flagged); LT-9: cancelled for
 * another reason less than five years ago is refused with the date it
 * becomes possible; cancelled for a violation is flagged. */
static void
test_register (PkTestWorkspace *f,
               gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkDecision) approve = pk_decision_new (PK_DECISION_APPROVE);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(PkCase) c = NULL;
  g_autoptr(PkCasePerson) person = g_new0 (PkCasePerson, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) two_years_ago = g_date_time_add_years (now, -2);
  g_autofree char *cancelled = g_date_time_format (two_years_ago, "%Y-%m-%d");
  g_autofree char *possible = NULL;
  PkRegisterFinding *finding;
  gint64 id, meeting;

  g_assert_no_error (error);
  id = pk_test_case_at_pa5 (store, SITE_A_LAT, SITE_A_LON);
  person->role = g_strdup ("applicant");
  person->name = g_strdup ("Zahra Karimi");
  person->national_code = g_strdup ("0012345679");
  g_assert_cmpint (pk_store_add_case_person (store, id, person, &error), >, 0);
  c = pk_store_get_case (store, id, &error);

  /* nothing in the register yet */
  findings = pk_case_check_register (store, c, &error);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* holds an active licence: LT-8, for the working group */
  register_office (store, "REG-1", "0012345679", NULL, NULL);
  findings = pk_case_check_register (store, c, &error);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (finding->rule, ==, "LT-8");
  g_assert_cmpint (finding->status, ==, PK_RULE_UNKNOWN);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* cancelled for another reason two years ago: refused, possible in three */
  register_office (store, "REG-2", "0012345679", cancelled, "other");
  findings = pk_case_check_register (store, c, &error);
  g_assert_cmpuint (findings->len, ==, 2);
  finding = g_ptr_array_index (findings, 1);
  g_assert_cmpstr (finding->rule, ==, "LT-9");
  g_assert_cmpint (finding->status, ==, PK_RULE_FAIL);
  {
    g_autoptr(GDateTime) later = g_date_time_add_years (two_years_ago, 5);

    possible = g_date_time_format (later, "%Y-%m-%d");
  }
  g_assert_cmpstr (finding->possible_from, ==, possible);
  checker = pk_site_checker_new (store, &error);
  meeting = new_meeting (store, "13/1405");
  g_assert_cmpint (pk_meeting_decide (store, checker, meeting, id, approve, &error), ==, 0);
  g_assert_error (error, PK_WORKING_GROUP_ERROR, PK_WORKING_GROUP_ERROR_REGISTER);
  g_clear_error (&error);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* a violation: flagged for the working group, not refused by itself; an
   * unrelated holder is not the applicant */
  register_office (store, "REG-3", "0012345679", "2020-01-01", "violation");
  register_office (store, "REG-4", "0499370899", NULL, NULL);
  findings = pk_case_check_register (store, c, &error);
  g_assert_cmpuint (findings->len, ==, 3);
  finding = g_ptr_array_index (findings, 2);
  g_assert_cmpstr (finding->rule, ==, "LT-9");
  g_assert_cmpint (finding->status, ==, PK_RULE_UNKNOWN);
}

/* The register comes in with the offices: holder_code (a national code or a
 * company's national ID, validated), cancelled_on and cancel_reason. */
static void
test_register_import (PkTestWorkspace *f,
                      gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "register.csv", NULL);
  g_autoptr(PkImportReport) report = NULL;
  g_autoptr(PkOffice) o = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, "code,name,license,status,lat,lon,holder_code,cancelled_on,cancel_reason\n"
                                      "R-1,One,urban,active,32.87,59.21,۰۰۱۲۳۴۵۶۷۹,2023-05-01,other\n"
                                      "R-2,Two,urban,active,32.88,59.22,0012345678,,\n"
                                      "R-3,Three,urban,active,32.89,59.23,,2023-05-01,\n", -1, NULL));
  report = pk_import_offices (store, csv, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 0);             /* all or nothing */
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "row 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 1), "LT-9"));
  g_clear_pointer (&report, pk_import_report_free);
  report = pk_import_offices (store, csv, PK_IMPORT_SKIP_INVALID, &error);
  g_assert_cmpuint (report->n_imported, ==, 1);
  o = pk_store_get_office (store, pk_store_office_code_owner (store, "R-1"), &error);
  g_assert_cmpstr (o->holder_code, ==, "0012345679");
  g_assert_cmpstr (o->cancelled_on, ==, "2023-05-01");
  g_assert_cmpstr (o->cancel_reason, ==, "other");
  g_unlink (csv);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, PkTestWorkspace, NULL, pk_test_workspace_setup, fn, pk_test_workspace_teardown)
  ADD ("/working-group/capacity", test_capacity);
  ADD ("/working-group/stale-verdict", test_stale_verdict);
  ADD ("/working-group/closed-meeting", test_closed_meeting);
  ADD ("/working-group/return-and-reject", test_return_and_reject);
  ADD ("/working-group/withdraw", test_withdraw);
  ADD ("/working-group/case-pages", test_case_pages);
  ADD ("/working-group/register", test_register);
  ADD ("/working-group/register-import", test_register_import);
#undef ADD
  return g_test_run ();
}
