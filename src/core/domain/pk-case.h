/* pk-case.h: application case files — request types, stages, what is missing
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pk-office.h"

G_BEGIN_DECLS

/* RQ-1 … RQ-8: the requests of the CRA system. */
typedef enum
{
  PK_REQUEST_ISSUE = 1,          /* RQ-1 */
  PK_REQUEST_TRANSFER,           /* RQ-2 */
  PK_REQUEST_RENEWAL,            /* RQ-3 */
  PK_REQUEST_ADDRESS,            /* RQ-4 */
  PK_REQUEST_WITHDRAWAL,         /* RQ-5 */
  PK_REQUEST_CORRECTION,         /* RQ-6 */
  PK_REQUEST_COMPLETION,         /* RQ-7 */
  PK_REQUEST_DEPUTY,             /* RQ-8 */
} PkRequest;

#define PK_REQUEST_FIRST PK_REQUEST_ISSUE
#define PK_REQUEST_LAST  PK_REQUEST_DEPUTY

typedef enum
{
  PK_APPLICANT_PERSON,           /* a natural person */
  PK_APPLICANT_COMPANY,          /* a legal person */
} PkApplicantKind;

typedef enum
{
  PK_CASE_OPEN,
  PK_CASE_RETURNED,              /* RT-1: back with the applicant */
  PK_CASE_DONE,                  /* every stage done */
} PkCaseStatus;

typedef enum
{
  PK_STAGE_TODO,                 /* nothing missing, not yet marked done */
  PK_STAGE_MISSING,              /* something the stage asks for is not there */
  PK_STAGE_DONE,
  PK_STAGE_RETURNED,             /* RT-1: returned with reasons */
} PkStageState;

typedef enum
{
  PK_WHO_APPLICANT,
  PK_WHO_SECRETARIAT,
  PK_WHO_WORKING_GROUP,
  PK_WHO_DIRECTORATE,
  PK_WHO_CRA,
  PK_WHO_INSPECTOR,              /* the governorate, or the secretariat in the capital */
  PK_WHO_ASSOCIATION,
} PkWho;

typedef enum
{
  PK_FIELD_TEXT,
  PK_FIELD_DATE,                 /* ISO 8601, entered in Solar Hijri in Persian */
  PK_FIELD_CHECK,                /* "1" when ticked */
  PK_FIELD_NATIONAL_ID,          /* a company's 11-digit national ID */
  PK_FIELD_POSTAL_CODE,
  PK_FIELD_CHOICE,               /* one of the field's choices */
} PkFieldType;

typedef struct
{
  const char  *key;              /* in the case's fields: "company.name" … */
  PkFieldType  type;
  const char  *label;            /* untranslated; pk_case_field_label() */
  const char  *choices;          /* PK_FIELD_CHOICE: '|'-separated keys */
  gboolean     optional;
} PkFieldInfo;

/* What a stage asks for, besides its fields. */
typedef enum
{
  PK_NEEDS_NOTHING = 0,
  PK_NEEDS_PEOPLE  = 1 << 0,     /* the applicant, or a company's CEO and board (EL-10) */
  PK_NEEDS_SITE    = 1 << 1,     /* a site on the map, or "not on the map" and an address */
  PK_NEEDS_SITE_CHECK = 1 << 2,  /* a saved siting check that does not fail */
} PkNeeds;

typedef struct
{
  const char         *id;        /* "PA-3", "S10", "AL-2" … (domain.md) */
  const char         *title;     /* untranslated; pk_stage_title() */
  const char         *asks;      /* untranslated; what the stage asks, in a sentence */
  PkWho               who;
  const PkFieldInfo  *fields;    /* NULL-key terminated, may be NULL */
  const char * const *documents; /* kinds of the whole case (not per person), may be NULL */
  PkNeeds             needs;
} PkStageInfo;

/* A person of the case: the natural applicant, or a company's CEO or board
 * member (EL-10), or the deputy introduced by RQ-8. */
typedef struct
{
  gint64   id;
  char    *role;                 /* "applicant", "ceo", "board", "deputy" */
  char    *name;
  char    *national_code;
  char    *mobile;
  gboolean on_board;             /* a CEO who is also a board member */
  char    *eligibility;          /* JSON object: "EL-1" … "EL-8" → true */
  PkRecord record;
} PkCasePerson;

typedef struct
{
  gint64   id;
  char    *kind;                 /* a doc-check kind */
  gint64   person_id;            /* 0: the case's own document */
  char    *file_name;
  int      pages;
  gboolean pass;
  char    *findings;             /* JSON array, as doc-check --json */
  char    *added_at;
  PkRecord record;
} PkCaseDocument;

typedef struct
{
  gint64   id;
  char    *at;                   /* ISO 8601, UTC */
  char    *actor;
  char    *kind;                 /* "created", "stage-done", "stage-reopened", "returned",
                                    "resubmitted", "document-added", "document-removed",
                                    "site-checked", "person-added", "person-removed",
                                    "withdrawn" */
  char    *stage;                /* may be NULL */
  char    *message;              /* may be NULL: the reasons of a return */
} PkCaseEvent;

typedef struct
{
  gint64          id;
  char           *number;        /* "1405-0001": Solar Hijri year and sequence */
  PkRequest       request;
  PkLicense       license;
  PkApplicantKind applicant;
  gboolean        conversion;    /* LT-6 */
  gboolean        new_address;   /* RQ-2 with a new site (ST-13) */
  PkCaseStatus    status;
  GHashTable     *fields;        /* key → value (strings) */
  gboolean        has_site;
  double          site_lat, site_lon;
  gboolean        site_not_on_map;
  char           *site_address;
  char           *site_check;    /* the saved verdict (JSON), or NULL */
  char           *created_at;
  char           *updated_at;
  char           *outcome;       /* "approved", "rejected", "withdrawn", or NULL while open */
  PkRecord        record;
  /* loaded with the case */
  GHashTable     *stage_states;  /* stage id → PkStageState stored (DONE / RETURNED) */
  GHashTable     *stage_notes;   /* stage id → reasons of a return */
  GPtrArray      *people;        /* PkCasePerson */
  GPtrArray      *documents;     /* PkCaseDocument (meta data; the PDF stays in the store) */
  GPtrArray      *events;        /* PkCaseEvent, oldest first */
} PkCase;

#define PK_CASE_ERROR (pk_case_error_quark ())
GQuark pk_case_error_quark (void);

typedef enum
{
  PK_CASE_ERROR_NOT_ALLOWED,
  PK_CASE_ERROR_MISSING,
  PK_CASE_ERROR_INVALID,
} PkCaseError;

const char        *pk_request_to_string      (PkRequest        request);
gboolean           pk_request_from_string    (const char      *text,
                                              PkRequest       *out);
const char        *pk_request_display_name   (PkRequest        request);
const char        *pk_applicant_to_string    (PkApplicantKind  kind);
gboolean           pk_applicant_from_string  (const char      *text,
                                              PkApplicantKind *out);
const char        *pk_applicant_display_name (PkApplicantKind  kind);
const char        *pk_case_status_to_string  (PkCaseStatus     status);
const char        *pk_case_status_display_name (PkCaseStatus   status);
const char        *pk_stage_state_display_name (PkStageState   state);
const char        *pk_who_display_name       (PkWho            who);
const char        *pk_eligibility_label      (const char      *id);
const char * const *pk_eligibility_ids       (void);
const char        *pk_eligibility_evidence   (const char      *id);
const char        *pk_case_choice_label      (const char      *key);
const char        *pk_case_event_display_name (const char     *kind);
const char        *pk_case_outcome_display_name (const char   *outcome);
const char        *pk_case_role_display_name (const char      *role);

gboolean           pk_case_check_kind        (PkRequest        request,
                                              PkLicense        license,
                                              PkApplicantKind  applicant,
                                              gboolean         conversion,
                                              GError         **error);

PkCase            *pk_case_new               (PkRequest        request,
                                              PkLicense        license,
                                              PkApplicantKind  applicant);
void               pk_case_free              (PkCase          *self);
const char        *pk_case_get_field         (const PkCase    *self,
                                              const char      *key);

const PkStageInfo *pk_stage_info             (const char      *id);
const PkFieldInfo *pk_case_find_field        (const char      *key);
const char        *pk_stage_title            (const PkStageInfo *stage);
const char        *pk_stage_asks             (const PkStageInfo *stage);
const char        *pk_case_field_label       (const PkFieldInfo *field);
GPtrArray         *pk_case_plan              (const PkCase    *self);
GPtrArray         *pk_case_stage_documents   (const PkCase    *self,
                                              const PkStageInfo *stage);
GPtrArray         *pk_case_missing           (const PkCase    *self,
                                              const PkStageInfo *stage);
PkStageState       pk_case_stage_state       (const PkCase    *self,
                                              const PkStageInfo *stage);
const PkStageInfo *pk_case_current_stage     (const PkCase    *self);
char              *pk_case_check_field       (const PkFieldInfo *field,
                                              const char      *value,
                                              char           **normalized);
char              *pk_case_check_person      (const PkCasePerson *person);
JsonNode          *pk_case_to_json           (const PkCase    *self);
gboolean           pk_case_site_check_fails  (const PkCase    *self);
PkCaseStatus       pk_case_derive_status     (const PkCase    *self);
void               pk_case_take              (PkCase          *dest,
                                              PkCase          *src);

PkCasePerson      *pk_case_person_copy       (const PkCasePerson *self);
void               pk_case_person_free       (PkCasePerson    *self);
void               pk_case_document_free     (PkCaseDocument  *self);
void               pk_case_event_free        (PkCaseEvent     *self);

/* What a case list narrows to; any member may be left out. */
typedef struct
{
  int         status;            /* a PkCaseStatus, or -1 for any */
  int         request;           /* a PkRequest, or -1 for any */
  const char *text;              /* in the number, the company's or a person's name; NULL for any */
} PkCaseFilter;

void               pk_case_filter_init       (PkCaseFilter    *filter);
gboolean           pk_case_matches           (const PkCase    *self,
                                              const PkCaseFilter *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkCase, pk_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkCasePerson, pk_case_person_free)

G_END_DECLS
