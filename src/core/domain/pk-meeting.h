/* pk-meeting.h: the working group's meetings, their decisions on cases, and
 * the conditions an approval carries (PA-5, final approval; P0-4, P0-7)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pk-record.h"

G_BEGIN_DECLS

/* Which of the working group's two reviews a case waits for: the location
 * before approval (PA-5) or the final approval after the site visit (S12). */
typedef enum
{
  PK_REVIEW_PRE,                 /* "PA-5" */
  PK_REVIEW_FINAL,               /* "final" */
} PkReview;

typedef enum
{
  PK_DECISION_APPROVE,           /* with or without conditions */
  PK_DECISION_RETURN,            /* for revision, with reasons (RT-1) */
  PK_DECISION_REJECT,
} PkDecisionKind;

typedef struct
{
  gint64   id;
  gint64   case_id;
  gint64   decision_id;
  char    *text;
  char    *due;                  /* ISO 8601 date, or NULL */
  char    *met_at;               /* when someone marked it met, or NULL */
  char    *met_by;
  PkRecord record;
} PkCaseCondition;

typedef struct
{
  gint64          id;
  gint64          meeting_id;
  gint64          case_id;
  PkReview        review;
  PkDecisionKind  kind;
  char           *reason;        /* a return's or a rejection's words; may be NULL for an approval */
  GStrv           rules;         /* the rule IDs a return names ("SR-3", "DOC-1"…), may be empty */
  char           *override_reason; /* an approval past the county's capacity (LT-7), or NULL */
  char           *decided_at;    /* ISO 8601, UTC */
  gint64          office_id;     /* the approved office an approval made, or 0 */
  GPtrArray      *conditions;    /* PkCaseCondition */
  PkRecord        record;
} PkDecision;

typedef struct
{
  gint64     case_id;
  PkReview   review;
} PkAgendaItem;

typedef struct
{
  gint64     id;
  char      *number;             /* as the secretariat numbers them: "12/1405" */
  char      *date;               /* ISO 8601 date */
  GStrv      members;            /* the members present */
  char      *closed_at;          /* NULL while open: decisions final once closed */
  GArray    *agenda;             /* PkAgendaItem, in order */
  GPtrArray *decisions;          /* PkDecision */
  PkRecord   record;
} PkMeeting;

#define PK_TYPE_MEETING (pk_meeting_get_type ())

GType            pk_meeting_get_type          (void) G_GNUC_CONST;
PkMeeting       *pk_meeting_new               (void);
PkMeeting       *pk_meeting_copy              (const PkMeeting *self);
void             pk_meeting_free              (PkMeeting       *self);
const PkDecision *pk_meeting_find_decision    (const PkMeeting *self,
                                               gint64           case_id);
gboolean         pk_meeting_has_case          (const PkMeeting *self,
                                               gint64           case_id);

PkDecision      *pk_decision_new              (PkDecisionKind   kind);
PkDecision      *pk_decision_copy             (const PkDecision *self);
void             pk_decision_free             (PkDecision      *self);
PkCaseCondition *pk_case_condition_new        (const char      *text,
                                               const char      *due);
PkCaseCondition *pk_case_condition_copy       (const PkCaseCondition *self);
void             pk_case_condition_free       (PkCaseCondition *self);

const char      *pk_review_to_string          (PkReview         review);
gboolean         pk_review_from_string        (const char      *text,
                                               PkReview        *out);
const char      *pk_review_display_name       (PkReview         review);
const char      *pk_decision_kind_to_string   (PkDecisionKind   kind);
gboolean         pk_decision_kind_from_string (const char      *text,
                                               PkDecisionKind  *out);
const char      *pk_decision_display_name     (const PkDecision *decision);
void             pk_decision_add_json         (const PkDecision *decision,
                                               JsonBuilder      *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkMeeting, pk_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkDecision, pk_decision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkCaseCondition, pk_case_condition_free)

G_END_DECLS
