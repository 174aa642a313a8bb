/* pk-test-review.c: a case brought to the working group, for the core and GUI tests
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-case-workflow.h"
#include "pk-siting.h"
#include "pk-test-review.h"
#include "pk-working-group.h"

/* A rural person's request for a licence (RQ-1) brought to PA-5: the principles and
 * the commitment form read, the site checked at (@lat, @lon), the request sent. */
gint64
pk_test_case_at_pa5 (PkStore *store,
                     double   lat,
                     double   lon)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  g_autoptr(PkSiteVerdict) verdict = NULL;
  PkSiteQuery query;
  gint64 id;
  const char *stages[] = { "PA-1", "PA-2", "PA-3", "PA-4" };

  g_assert_no_error (error);
  id = pk_store_add_case (store, c, &error);
  g_assert_no_error (error);
  g_clear_pointer (&c, pk_case_free);
  c = pk_store_get_case (store, id, &error);
  pk_site_query_init (&query);
  query.lat = lat;
  query.lon = lon;
  query.license = PK_LICENSE_RURAL;
  query.area_m2 = 40;
  query.land_use = PK_LAND_USE_YES;
  verdict = pk_site_checker_check (checker, &query);
  g_assert_cmpint (verdict->verdict, ==, PK_VERDICT_PASS);
  pk_case_workflow_set_site (store, c, verdict, &error);
  g_assert_no_error (error);
  pk_case_workflow_set_field (store, id, "pa1.read", "1", &error);
  g_assert_no_error (error);
  pk_case_workflow_set_field (store, id, "pa2.read", "1", &error);
  g_assert_no_error (error);
  pk_case_workflow_set_field (store, id, "pa4.date", "2026-11-22", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_assert_true (pk_case_workflow_mark_stage (store, c, stages[i], TRUE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (pk_case_waits_for_review (c, NULL));
  return id;
}

