/* pk-working-group.h: the working group's review queue, meetings and
 * decisions (PA-5 and final approval), with the county's capacity (LT-7)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-siting.h"
#include "pk-store.h"

G_BEGIN_DECLS

#define PK_WORKING_GROUP_ERROR (pk_working_group_error_quark ())
GQuark pk_working_group_error_quark (void);

typedef enum
{
  PK_WORKING_GROUP_ERROR_CLOSED,       /* the meeting's decisions are final */
  PK_WORKING_GROUP_ERROR_CAPACITY,     /* LT-7: the county has no free place */
  PK_WORKING_GROUP_ERROR_NOT_WAITING,  /* the case does not wait for the working group */
  PK_WORKING_GROUP_ERROR_INVALID,
  PK_WORKING_GROUP_ERROR_REGISTER,     /* LT-9: not yet five years since a cancellation */
} PkWorkingGroupError;

/* What the register of licences says about the applicant (LT-8, LT-9). */
typedef struct
{
  const char   *rule;             /* "LT-8" or "LT-9" */
  PkRuleStatus  status;           /* FAIL: refused; UNKNOWN: for the working group to judge */
  char         *message;          /* translated */
  char         *possible_from;    /* LT-9: ISO date a new request becomes possible, or NULL */
} PkRegisterFinding;

void           pk_register_finding_free   (PkRegisterFinding *self);
GPtrArray     *pk_case_check_register     (PkStore         *store,
                                           const PkCase    *c,
                                           GError         **error);

/* A case that waits for the working group, as the queue shows it. */
typedef struct
{
  PkCase        *c;                /* owned */
  PkReview       review;
  PkPlace       *county;           /* owned, no geometry; NULL when the site is not on the map */
  int            capacity;         /* the county's for the licence type (LT-7), -1 when not set */
  int            free_places;      /* as pk_county_free_places() says it */
  int            days_waiting;
  char          *verdict_stored;   /* "pass", "fail", "needs_review", or NULL (no check stored) */
  PkSiteVerdict *verdict_now;      /* the check run again now, or NULL */
  gboolean       stale;            /* the two differ: something changed around the site */
  GPtrArray     *register_findings; /* PkRegisterFinding (LT-8, LT-9); empty when clear */
  GPtrArray     *competitors;      /* char *: numbers of waiting cases competing with this one */
  PkVisit       *visit;            /* the case's latest site visit (S11), or NULL */
  gint64         own_office_id;    /* the office the case's approval made, or 0 */
} PkReviewItem;

void           pk_review_item_free        (PkReviewItem    *self);
gboolean       pk_case_waits_for_review   (const PkCase    *c,
                                           PkReview        *review);
PkSiteVerdict *pk_review_check_again      (PkSiteChecker   *checker,
                                           const PkCase    *c,
                                           gint64           own_office_id);
GPtrArray     *pk_review_queue            (PkStore         *store,
                                           PkSiteChecker   *checker,
                                           const PkReview  *only,
                                           gint64           county_id,
                                           int              license,
                                           GError         **error);

gint64         pk_meeting_create          (PkStore            *store,
                                           const char         *number,
                                           const char         *date,
                                           const char * const *members,
                                           GError            **error);
gboolean       pk_meeting_add_case        (PkStore         *store,
                                           gint64           meeting_id,
                                           gint64           case_id,
                                           GError         **error);
gint64         pk_meeting_decide          (PkStore         *store,
                                           PkSiteChecker   *checker,
                                           gint64           meeting_id,
                                           gint64           case_id,
                                           const PkDecision *decision,
                                           GError         **error);
gboolean       pk_case_withdraw           (PkStore         *store,
                                           gint64           case_id,
                                           const char      *reason,
                                           GError         **error);
gboolean       pk_meeting_close           (PkStore         *store,
                                           gint64           meeting_id,
                                           GError         **error);
PkMeeting     *pk_meeting_find            (PkStore         *store,
                                           const char      *number_or_id,
                                           GError         **error);
int            pk_county_free_places      (PkStore         *store,
                                           gint64           county_id,
                                           PkLicense        license,
                                           gint64           except_case_id,
                                           int             *capacity,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkReviewItem, pk_review_item_free)

G_END_DECLS
