/* pk-case-stages.c
 *
 * The vocabulary of case files and the stage catalogue: which stages a request
 * goes through (by request type, licence type and applicant kind) and what
 * each stage asks for. Stage and rule IDs are domain.md's.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pk-json.h"
#include "pk-case.h"
#include "pk-doc-check.h"
#include "pk-ident.h"
#include "pk-jalali.h"
#include "pk-text.h"


/* ---- vocabulary -------------------------------------------------------- */

const char *
pk_request_to_string (PkRequest request)
{
  static const char *ids[] = { NULL, "RQ-1", "RQ-2", "RQ-3", "RQ-4", "RQ-5", "RQ-6", "RQ-7", "RQ-8" };

  return request >= PK_REQUEST_FIRST && request <= PK_REQUEST_LAST ? ids[request] : NULL;
}

gboolean
pk_request_from_string (const char *text,
                        PkRequest  *out)
{
  for (PkRequest r = PK_REQUEST_FIRST; r <= PK_REQUEST_LAST; r++)
    if (g_strcmp0 (text, pk_request_to_string (r)) == 0 ||
        (text != NULL && g_ascii_strcasecmp (text, pk_request_to_string (r)) == 0))
      {
        *out = r;
        return TRUE;
      }
  return FALSE;
}

const char *
pk_request_display_name (PkRequest request)
{
  switch (request)
    {
    case PK_REQUEST_ISSUE: return _("Issue a licence (RQ-1)");
    case PK_REQUEST_TRANSFER: return _("Transfer of the concession (RQ-2)");
    case PK_REQUEST_RENEWAL: return _("Renewal (RQ-3)");
    case PK_REQUEST_ADDRESS: return _("Change of address (RQ-4)");
    case PK_REQUEST_WITHDRAWAL: return _("Withdrawal (RQ-5)");
    case PK_REQUEST_CORRECTION: return _("Correction of licence details (RQ-6)");
    case PK_REQUEST_COMPLETION: return _("Completion of licence information (RQ-7)");
    case PK_REQUEST_DEPUTY: return _("Introduction of the deputy or manager (RQ-8)");
    default: return "?";
    }
}

const char *
pk_applicant_to_string (PkApplicantKind kind)
{
  return kind == PK_APPLICANT_COMPANY ? "company" : "person";
}

gboolean
pk_applicant_from_string (const char      *text,
                          PkApplicantKind *out)
{
  if (g_strcmp0 (text, "person") == 0)
    *out = PK_APPLICANT_PERSON;
  else if (g_strcmp0 (text, "company") == 0)
    *out = PK_APPLICANT_COMPANY;
  else
    return FALSE;
  return TRUE;
}

const char *
pk_applicant_display_name (PkApplicantKind kind)
{
  return kind == PK_APPLICANT_COMPANY ? _("Company (legal person)") : _("Natural person");
}

const char *
pk_case_status_to_string (PkCaseStatus status)
{
  switch (status)
    {
    case PK_CASE_RETURNED: return "returned";
    case PK_CASE_DONE: return "done";
    case PK_CASE_OPEN:
    default: return "open";
    }
}

const char *
pk_case_status_display_name (PkCaseStatus status)
{
  switch (status)
    {
    case PK_CASE_RETURNED: return _("Revisions needed");
    case PK_CASE_DONE: return _("Done");
    case PK_CASE_OPEN:
    default: return _("In progress");
    }
}

const char *
pk_stage_state_display_name (PkStageState state)
{
  switch (state)
    {
    case PK_STAGE_DONE: return _("Done");
    case PK_STAGE_MISSING: return _("Missing");
    case PK_STAGE_RETURNED: return _("Returned");
    case PK_STAGE_TODO:
    default: return _("Ready to mark done");
    }
}

const char *
pk_who_display_name (PkWho who)
{
  switch (who)
    {
    case PK_WHO_SECRETARIAT: return _("Working-group secretariat");
    case PK_WHO_WORKING_GROUP: return _("Provincial working group");
    case PK_WHO_DIRECTORATE: return _("Provincial ICT directorate");
    case PK_WHO_CRA: return _("CRA (the regulator)");
    case PK_WHO_INSPECTOR: return _("Inspector (governorate; the secretariat in the capital)");
    case PK_WHO_ASSOCIATION: return _("Trade association");
    case PK_WHO_APPLICANT:
    default: return _("Applicant");
    }
}

static const char * const eligibility[] = {
  "EL-1", "EL-2", "EL-3", "EL-4", "EL-5", "EL-6", "EL-7", "EL-8", NULL
};

const char * const *
pk_eligibility_ids (void)
{
  return eligibility;
}

const char *
pk_eligibility_label (const char *id)
{
  if (g_strcmp0 (id, "EL-1") == 0) return _("Iranian citizenship (EL-1)");
  if (g_strcmp0 (id, "EL-2") == 0) return _("Muslim or of a recognised religion (EL-2)");
  if (g_strcmp0 (id, "EL-3") == 0) return _("No criminal record, no addiction (EL-3)");
  if (g_strcmp0 (id, "EL-4") == 0) return _("Military service card or exemption, for men (EL-4)");
  if (g_strcmp0 (id, "EL-5") == 0) return _("Not a government employee (EL-5)");
  if (g_strcmp0 (id, "EL-6") == 0) return _("No bank, tax or insurance debt (EL-6)");
  if (g_strcmp0 (id, "EL-7") == 0) return _("At least a bachelor’s degree (EL-7)");
  if (g_strcmp0 (id, "EL-8") == 0) return _("Physical and mental ability (EL-8)");
  return id;
}

/* A choice of a PK_FIELD_CHOICE field, for the reader. */
const char *
pk_case_choice_label (const char *key)
{
  static const struct { const char *key, *label; } labels[] = {
    { "approved", N_("Agreed") },
    { "rejected", N_("Not agreed") },
    { "company", N_("Company") },
    { "institution", N_("Institution") },
    { "cooperative", N_("Cooperative") },
    { "cooperative-company", N_("Cooperative company") },
    { "government", N_("Government") },
    { "other", N_("Other") },
    { "private", N_("Private") },
    { "not-chosen", N_("Not chosen") },
    { "clear", N_("Nothing found") },
    { "issues", N_("Issues found") },
    { "meets", N_("Meets the standards") },
    { "misses", N_("Misses the standards") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].key, key) == 0)
      return _(labels[i].label);
  return key;
}

/* An entry of the history, for the reader. */
const char *
pk_case_event_display_name (const char *kind)
{
  if (g_strcmp0 (kind, "created") == 0) return _("Case filed");
  if (g_strcmp0 (kind, "stage-done") == 0) return _("Stage done");
  if (g_strcmp0 (kind, "stage-reopened") == 0) return _("Stage opened again");
  if (g_strcmp0 (kind, "returned") == 0) return _("Returned to the applicant (RT-1)");
  if (g_strcmp0 (kind, "resubmitted") == 0) return _("Sent again");
  if (g_strcmp0 (kind, "document-added") == 0) return _("Document attached");
  if (g_strcmp0 (kind, "document-removed") == 0) return _("Document removed");
  if (g_strcmp0 (kind, "site-checked") == 0) return _("Site checked");
  if (g_strcmp0 (kind, "person-added") == 0) return _("Person added");
  if (g_strcmp0 (kind, "person-removed") == 0) return _("Person removed");
  if (g_strcmp0 (kind, "withdrawn") == 0) return _("Withdrawn by the applicant");
  if (g_strcmp0 (kind, "merge-undone") == 0) return _("A field bundle’s merge undone");
  if (g_strcmp0 (kind, "resolution-undone") == 0) return _("A field bundle’s conflict resolution undone");
  return kind;
}

/**
 * pk_case_outcome_display_name:
 * @outcome: (nullable): as stored: "approved", "rejected", "withdrawn", or %NULL
 *
 * Returns: what a closed case came to, translated; "Open" for %NULL
 */
const char *
pk_case_outcome_display_name (const char *outcome)
{
  if (outcome == NULL) return C_("case", "Open");
  if (g_str_equal (outcome, "approved")) return C_("case", "Approved");
  if (g_str_equal (outcome, "rejected")) return C_("case", "Rejected");
  if (g_str_equal (outcome, "withdrawn")) return C_("case", "Withdrawn");
  return outcome;
}

/**
 * pk_eligibility_evidence:
 *
 * Returns: (nullable): the document kind that shows eligibility item @id of a
 *   person (EL-1 the national card, EL-3 the no-record certificate, EL-4 the
 *   military card, EL-7 the degree); %NULL where it is declared or comes from
 *   an inquiry (EL-2, EL-5 — S7/S8 —, EL-6 — DOC-7 —, EL-8)
 */
const char *
pk_eligibility_evidence (const char *id)
{
  if (g_strcmp0 (id, "EL-1") == 0) return "national-card";
  if (g_strcmp0 (id, "EL-3") == 0) return "no-record-certificate";
  if (g_strcmp0 (id, "EL-4") == 0) return "military-card";
  if (g_strcmp0 (id, "EL-7") == 0) return "degree";
  return NULL;
}

/* ---- the stage catalogue ----------------------------------------------- */

static const PkFieldInfo pa1_fields[] = {
  { "pa1.read", PK_FIELD_CHECK, N_("I have read the governing principles (resolution 2, session 353)"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo pa2_fields[] = {
  { "pa2.read", PK_FIELD_CHECK, N_("I have downloaded and read the commitment form"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo pa4_fields[] = {
  { "pa4.date", PK_FIELD_DATE, N_("Date the written request was sent"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo pa5_fields[] = {
  { "pa5.decision", PK_FIELD_CHOICE, N_("Working group’s decision"), "approved|rejected", FALSE },
  { "pa5.date", PK_FIELD_DATE, N_("Session date"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s1_fields[] = {
  { "company.name", PK_FIELD_TEXT, N_("Company name"), NULL, FALSE },
  { "company.type", PK_FIELD_CHOICE, N_("Type"),
    "company|institution|cooperative|cooperative-company|government|other", FALSE },
  { "company.ownership", PK_FIELD_CHOICE, N_("Ownership"), "private|government|not-chosen", FALSE },
  { "company.reg_number", PK_FIELD_TEXT, N_("Registration number"), NULL, FALSE },
  { "company.reg_date", PK_FIELD_DATE, N_("Registration date"), NULL, FALSE },
  { "company.province", PK_FIELD_TEXT, N_("Province of registration"), NULL, FALSE },
  { "company.national_id", PK_FIELD_NATIONAL_ID, N_("National ID of the company"), NULL, FALSE },
  { "company.activity", PK_FIELD_CHECK,
    N_("The activity in the articles matches the licence (EL-9)"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s2_fields[] = {
  { "s2.economic_code", PK_FIELD_TEXT, N_("Economic code"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s5_fields[] = {
  { "s5.tracking", PK_FIELD_TEXT, N_("Request number in the CRA system"), NULL, FALSE },
  { "request.details", PK_FIELD_TEXT, N_("What is requested (details, corrections, reasons)"), NULL, TRUE },
  { NULL }
};
static const PkFieldInfo s6_fields[] = {
  { "s6.date", PK_FIELD_DATE, N_("Date the qualification system was completed"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s7_fields[] = {
  { "s7.date", PK_FIELD_DATE, N_("Date of the social-security inquiry"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s8_fields[] = {
  { "s8.result", PK_FIELD_CHOICE, N_("Result of the inquiries"), "clear|issues", FALSE },
  { NULL }
};
static const PkFieldInfo s10_fields[] = {
  { "site.postal_code", PK_FIELD_POSTAL_CODE, N_("Postal code of the site (ST-12)"), NULL, FALSE },
  { "site.area_m2", PK_FIELD_TEXT, N_("Floor area, m² (ST-1, ST-2)"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s11_fields[] = {
  { "s11.date", PK_FIELD_DATE, N_("Date of the visit"), NULL, FALSE },
  { "s11.inspector", PK_FIELD_TEXT, N_("Inspector"), NULL, FALSE },
  { "s11.result", PK_FIELD_CHOICE, N_("Result of the visit"), "meets|misses", FALSE },
  { "s11.ST-3", PK_FIELD_CHECK, N_("Permitted land use (ST-3)"), NULL, TRUE },
  { "s11.ST-4", PK_FIELD_CHECK, N_("Enough space for clients (ST-4)"), NULL, TRUE },
  { "s11.ST-5", PK_FIELD_CHECK, N_("Signboard as prescribed (ST-5)"), NULL, TRUE },
  { "s11.ST-6", PK_FIELD_CHECK, N_("Access for veterans, disabled and elderly people (ST-6)"), NULL, TRUE },
  { "s11.ST-7", PK_FIELD_CHECK, N_("Kitchenette and toilet, or central facilities (ST-7)"), NULL, TRUE },
  { "s11.ST-8", PK_FIELD_CHECK, N_("Places for signs above the counters (ST-8)"), NULL, TRUE },
  { "s11.ST-9", PK_FIELD_CHECK, N_("Tariff board in view (ST-9)"), NULL, TRUE },
  { "s11.ST-10", PK_FIELD_CHECK, N_("Desks, chairs, computers, lines, card reader (ST-10)"), NULL, TRUE },
  { "s11.ST-11", PK_FIELD_CHECK, N_("Fire extinguisher and burglar alarm (ST-11)"), NULL, TRUE },
  { NULL }
};
static const PkFieldInfo s12_fields[] = {
  { "s12.date", PK_FIELD_DATE, N_("Date the directorate confirmed"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s13_fields[] = {
  { "s13.date", PK_FIELD_DATE, N_("Date the file was sent to the CRA"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo s14_fields[] = {
  { "s14.date", PK_FIELD_DATE, N_("Date the licence fee was paid"), NULL, FALSE },
  { "s14.receipt", PK_FIELD_TEXT, N_("Payment receipt number"), NULL, TRUE },
  { NULL }
};
static const PkFieldInfo al1_fields[] = {
  { "al1.date", PK_FIELD_DATE, N_("Date the documents were handed to the association"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo al2_fields[] = {
  { "al2.date", PK_FIELD_DATE, N_("Date the deputy was introduced in the CRA system"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo al3_fields[] = {
  { "al3.done", PK_FIELD_CHECK, N_("Signboard and stamp designs received"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo al4_fields[] = {
  { "al4.done", PK_FIELD_CHECK, N_("Office equipped under the association’s supervision"), NULL, FALSE },
  { NULL }
};
static const PkFieldInfo al5_fields[] = {
  { "al5.done", PK_FIELD_CHECK, N_("Required training arranged"), NULL, FALSE },
  { NULL }
};

static const char * const s1_docs[] = { "articles-of-association", "establishment-notice", NULL };
static const char * const s2_docs[] = { "tax-registration", NULL };
static const char * const s3_docs[] = { "bank-debt-statement", NULL };
static const char * const s9_docs[] = { "commitment-form", NULL };
static const char * const s10_docs[] = { "postal-code-confirmation", NULL };

static const PkStageInfo stages[] = {
  { "PA-1", N_("Read the governing principles"),
    N_("Read the CRA commission’s resolution 2 of session 353 and its amendments."),
    PK_WHO_APPLICANT, pa1_fields, NULL, 0 },
  { "PA-2", N_("Read the commitment form"),
    N_("Download and read the commitment form (تعهدنامه)."), PK_WHO_APPLICANT, pa2_fields, NULL, 0 },
  { "PA-3", N_("Choose a location"),
    N_("Look at the existing offices and choose a location among the areas with no office; check it against the siting rules."),
    PK_WHO_APPLICANT, NULL, NULL, PK_NEEDS_SITE | PK_NEEDS_SITE_CHECK },
  { "PA-4", N_("Send the written request"),
    N_("Send a written request with the address of the chosen place to the directorate."),
    PK_WHO_APPLICANT, pa4_fields, NULL, 0 },
  { "PA-5", N_("Working group review"),
    N_("The provincial working group reviews the request in session; if it agrees, the applicant continues."),
    PK_WHO_WORKING_GROUP, pa5_fields, NULL, 0 },
  { "S1", N_("Register the company"),
    N_("Register a company whose activity is the operation of service counter offices (urban licences)."),
    PK_WHO_APPLICANT, s1_fields, s1_docs, 0 },
  { "S2", N_("Tax registration"),
    N_("Register with the tax system up to its step 4 and get an economic code (DOC-6)."),
    PK_WHO_APPLICANT, s2_fields, s2_docs, 0 },
  { "S3", N_("Credit scoring"),
    N_("Register in the credit-scoring system and attach the bank-debt statement (DOC-7)."),
    PK_WHO_APPLICANT, NULL, s3_docs, 0 },
  { "S4", N_("People and their documents"),
    N_("The applicant, or the company’s CEO and every board member (EL-10): identity, eligibility EL-1…EL-8 and their documents."),
    PK_WHO_APPLICANT, NULL, NULL, PK_NEEDS_PEOPLE },
  { "S5", N_("File the request in the CRA system"),
    N_("Register the person or the company in the CRA licensing system and file the request."),
    PK_WHO_APPLICANT, s5_fields, NULL, 0 },
  { "S6", N_("Qualification system"),
    N_("Complete the qualification system (احراز صلاحیت)."), PK_WHO_APPLICANT, s6_fields, NULL, 0 },
  { "S7", N_("Social-security inquiry"),
    N_("The applicant asks social security for the employment inquiry; the certificate goes to the inquirer."),
    PK_WHO_APPLICANT, s7_fields, NULL, 0 },
  { "S8", N_("Health-insurance and armed-forces inquiries"),
    N_("The directorate makes the health-insurance and armed-forces employment inquiries."),
    PK_WHO_DIRECTORATE, s8_fields, NULL, 0 },
  { "S9", N_("Commitment form"),
    N_("Fill in, stamp and sign the commitment form and hand it in."), PK_WHO_APPLICANT, NULL, s9_docs, 0 },
  { "S10", N_("Propose the site"),
    N_("Propose a site that meets the chapter-3 standards and obtain the postal-code confirmation (ST-12)."),
    PK_WHO_APPLICANT, s10_fields, s10_docs, PK_NEEDS_SITE | PK_NEEDS_SITE_CHECK },
  { "S11", N_("Site visit"),
    N_("The governorate (in the counties) or the secretariat (in the capital) visits the site against the standards ST-3…ST-11."),
    PK_WHO_INSPECTOR, s11_fields, NULL, 0 },
  { "S12", N_("Directorate’s confirmation"),
    N_("Send the commitment form, postal-code confirmation, articles and notices to the directorate and get its confirmation."),
    PK_WHO_DIRECTORATE, s12_fields, NULL, 0 },
  { "S13", N_("File sent to the CRA"),
    N_("The directorate completes the electronic file and sends it to the CRA."),
    PK_WHO_DIRECTORATE, s13_fields, NULL, 0 },
  { "S14", N_("Licence fee"),
    N_("The CRA sends an SMS; the applicant pays the licence fee."), PK_WHO_APPLICANT, s14_fields, NULL, 0 },
  { "AL-1", N_("Hand the documents to the association"),
    N_("Contact the association, hand in the physical documents, introduce manager, deputy and users."),
    PK_WHO_ASSOCIATION, al1_fields, NULL, 0 },
  { "AL-2", N_("Introduce the deputy"),
    N_("Introduce the deputy in the CRA system."), PK_WHO_APPLICANT, al2_fields, NULL, 0 },
  { "AL-3", N_("Signboard and stamp"),
    N_("Get the signboard and stamp designs from the association."), PK_WHO_ASSOCIATION, al3_fields, NULL, 0 },
  { "AL-4", N_("Equip the office"),
    N_("Equip the office under the association’s supervision."), PK_WHO_ASSOCIATION, al4_fields, NULL, 0 },
  { "AL-5", N_("Training"),
    N_("Arrange the required training."), PK_WHO_ASSOCIATION, al5_fields, NULL, 0 },
};

const PkStageInfo *
pk_stage_info (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (stages[i].id, id) == 0)
      return &stages[i];
  return NULL;
}

/* The field with @key, whatever stage asks for it. */
const PkFieldInfo *
pk_case_find_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    for (const PkFieldInfo *f = stages[i].fields; f && f->key; f++)
      if (g_strcmp0 (f->key, key) == 0)
        return f;
  return NULL;
}

const char *
pk_stage_title (const PkStageInfo *stage)
{
  return _(stage->title);
}

const char *
pk_stage_asks (const PkStageInfo *stage)
{
  return _(stage->asks);
}

const char *
pk_case_field_label (const PkFieldInfo *field)
{
  return _(field->label);
}

/* ---- which stages, by request ------------------------------------------ */

/**
 * pk_case_check_kind:
 *
 * Whether the applicant kind may file this request for this licence type:
 * LT-2 (urban Pishkhan licences go to companies only), LT-3 (rural ICT
 * licences may go to natural persons), LT-6 (conversion only on a new
 * licence). The error says which rule refuses and why.
 */
gboolean
pk_case_check_kind (PkRequest         request,
                    PkLicense         license,
                    PkApplicantKind   applicant,
                    gboolean          conversion,
                    GError          **error)
{
  if (request < PK_REQUEST_FIRST || request > PK_REQUEST_LAST)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID, _("Unknown request type."));
      return FALSE;
    }
  if (license == PK_LICENSE_URBAN && applicant == PK_APPLICANT_PERSON)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_NOT_ALLOWED,
                   _("LT-2: urban Pishkhan licences are issued and transferred only to companies "
                     "(legal persons); a natural person may apply for a rural ICT licence (LT-3)."));
      return FALSE;
    }
  if (conversion && request != PK_REQUEST_ISSUE)
    {
      g_set_error (error, PK_CASE_ERROR, PK_CASE_ERROR_NOT_ALLOWED,
                   _("LT-6: converting another body’s service licence is asked for with a new "
                     "licence request (RQ-1)."));
      return FALSE;
    }
  return TRUE;
}

static const char * const plan_issue[] = {
  "PA-1", "PA-2", "PA-3", "PA-4", "PA-5", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9",
  "S10", "S11", "S12", "S13", "S14", "AL-1", "AL-2", "AL-3", "AL-4", "AL-5", NULL
};
static const char * const plan_transfer[] = {
  "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "PA-3", "S10", "S11", "S12", "S13", "S14", NULL
};
static const char * const plan_renewal[] = { "S3", "S4", "S5", "S9", "S12", "S13", "S14", NULL };
static const char * const plan_address[] = { "PA-3", "S5", "S10", "S11", "S12", "S13", NULL };
static const char * const plan_withdrawal[] = { "S5", "S12", "S13", NULL };
static const char * const plan_correction[] = { "S5", "S12", "S13", NULL };
static const char * const plan_completion[] = { "S5", "S13", NULL };
static const char * const plan_deputy[] = { "S4", "S5", "AL-2", "S13", NULL };

/**
 * pk_case_plan:
 *
 * The stages of this case, in order: by request type (RQ-1 … RQ-8), with the
 * company steps S1–S2 only for urban licences ("rural applicants skip"), and
 * a transfer's site steps (PA-3, S10, S11) only with a new address (ST-13).
 *
 * Returns: (transfer container) (element-type PkStageInfo)
 */
GPtrArray *
pk_case_plan (const PkCase *self)
{
  const char * const *ids;
  GPtrArray *out = g_ptr_array_new ();

  switch (self->request)
    {
    case PK_REQUEST_ISSUE: ids = plan_issue; break;
    case PK_REQUEST_TRANSFER: ids = plan_transfer; break;
    case PK_REQUEST_RENEWAL: ids = plan_renewal; break;
    case PK_REQUEST_ADDRESS: ids = plan_address; break;
    case PK_REQUEST_WITHDRAWAL: ids = plan_withdrawal; break;
    case PK_REQUEST_CORRECTION: ids = plan_correction; break;
    case PK_REQUEST_COMPLETION: ids = plan_completion; break;
    case PK_REQUEST_DEPUTY: ids = plan_deputy; break;
    default: return out;
    }
  for (guint i = 0; ids[i]; i++)
    {
      gboolean company_step = g_str_equal (ids[i], "S1") || g_str_equal (ids[i], "S2");
      gboolean site_step = g_str_equal (ids[i], "PA-3") || g_str_equal (ids[i], "S10") ||
                           g_str_equal (ids[i], "S11");

      if (company_step && (self->license != PK_LICENSE_URBAN || self->applicant != PK_APPLICANT_COMPANY))
        continue;
      if (self->request == PK_REQUEST_TRANSFER && site_step && !self->new_address)
        continue;
      g_ptr_array_add (out, (gpointer) pk_stage_info (ids[i]));
    }
  return out;
}
