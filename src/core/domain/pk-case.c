/* pk-case.c
 *
 * The application case file: the case itself, checking its fields and
 * people, and what each stage still misses (the stage catalogue and the plans
 * by request are in pk-case-stages.c). Pure logic: the store keeps the case, the UI and the CLI
 * show it. Stage and rule IDs are domain.md's.
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

G_DEFINE_QUARK (pk-case-error-quark, pk_case_error)

/* ---- the case ---------------------------------------------------------- */

void
pk_case_person_free (PkCasePerson *self)
{
  if (self == NULL)
    return;
  g_free (self->role);
  g_free (self->name);
  g_free (self->national_code);
  g_free (self->mobile);
  g_free (self->eligibility);
  pk_record_clear (&self->record);
  g_free (self);
}

PkCasePerson *
pk_case_person_copy (const PkCasePerson *self)
{
  PkCasePerson *copy = g_new0 (PkCasePerson, 1);

  copy->id = self->id;
  copy->role = g_strdup (self->role);
  copy->name = g_strdup (self->name);
  copy->national_code = g_strdup (self->national_code);
  copy->mobile = g_strdup (self->mobile);
  copy->on_board = self->on_board;
  copy->eligibility = g_strdup (self->eligibility);
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_case_document_free (PkCaseDocument *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->file_name);
  g_free (self->findings);
  g_free (self->added_at);
  pk_record_clear (&self->record);
  g_free (self);
}

void
pk_case_event_free (PkCaseEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->at);
  g_free (self->actor);
  g_free (self->kind);
  g_free (self->stage);
  g_free (self->message);
  g_free (self);
}

PkCase *
pk_case_new (PkRequest       request,
             PkLicense       license,
             PkApplicantKind applicant)
{
  PkCase *self = g_new0 (PkCase, 1);

  self->request = request;
  self->license = license;
  self->applicant = applicant;
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stage_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stage_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_person_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_document_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_case_event_free);
  return self;
}

void
pk_case_free (PkCase *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_hash_table_unref (self->fields);
  g_free (self->site_address);
  g_free (self->site_check);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self->outcome);
  g_hash_table_unref (self->stage_states);
  g_hash_table_unref (self->stage_notes);
  g_ptr_array_unref (self->people);
  g_ptr_array_unref (self->documents);
  g_ptr_array_unref (self->events);
  pk_record_clear (&self->record);
  g_free (self);
}

const char *
pk_case_get_field (const PkCase *self,
                   const char   *key)
{
  const char *v = g_hash_table_lookup (self->fields, key);

  return v && *v ? v : NULL;
}

/* ---- validation -------------------------------------------------------- */

/**
 * pk_case_check_field:
 * @normalized: (out) (optional): the value as it is to be stored
 *
 * Returns: (nullable): a translated reason when @value is not valid for
 *   @field, %NULL when it is (an empty value is valid here: missing, not wrong)
 */
char *
pk_case_check_field (const PkFieldInfo *field,
                     const char        *value,
                     char             **normalized)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

  if (normalized)
    *normalized = NULL;
  if (*stripped == '\0')
    return NULL;
  {
    char *reason = pk_text_check_field (stripped, PK_TEXT_MAX_LONG);

    if (reason != NULL)
      return reason;
  }
  switch (field->type)
    {
    case PK_FIELD_NATIONAL_ID:
      return pk_ident_check_national_id (stripped, normalized);
    case PK_FIELD_POSTAL_CODE:
      return pk_ident_check_postal_code (stripped, normalized);
    case PK_FIELD_DATE:
      {
        /* Solar Hijri (1405/09/01) or Gregorian, any digits: stored as ISO 8601 */
        char *iso = NULL;

        if (!pk_date_parse_input (stripped, &iso))
          return g_strdup (_("not a date"));
        g_free (stripped);
        stripped = iso;
      }
      break;
    case PK_FIELD_CHOICE:
      {
        g_auto(GStrv) choices = g_strsplit (field->choices, "|", -1);

        if (!g_strv_contains ((const char * const *) choices, stripped))
          return g_strdup_printf (_("“%s” is not one of the choices"), stripped);
      }
      break;
    case PK_FIELD_CHECK:
      if (!g_str_equal (stripped, "1") && !g_str_equal (stripped, "0"))
        return g_strdup (_("a tick is 1 or 0"));
      break;
    case PK_FIELD_TEXT:
    default:
      break;
    }
  if (normalized)
    *normalized = g_steal_pointer (&stripped);
  return NULL;
}

static gboolean
eligibility_ticked (const PkCasePerson *p,
                    const char         *id)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (p->eligibility == NULL || (parser = pk_json_parse_text (p->eligibility)) == NULL)
    return FALSE;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_get_boolean_member_with_default (json_node_get_object (root), id, FALSE);
}

/**
 * pk_case_check_person:
 *
 * Returns: (nullable): what is wrong or missing with @person (name, national
 *   code, mobile number, eligibility EL-1…EL-8), or %NULL
 */
char *
pk_case_check_person (const PkCasePerson *person)
{
  GString *out = g_string_new (NULL);
  char *reason;

  if (person->name == NULL || *person->name == '\0')
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("no name"));
  if (person->national_code == NULL || *person->national_code == '\0')
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("no national code"));
  else if ((reason = pk_ident_check_national_code (person->national_code, NULL)) != NULL)
    {
      g_string_append_printf (out, "%s%s: %s", out->len ? "; " : "", _("national code"), reason);
      g_free (reason);
    }
  if (person->mobile == NULL || *person->mobile == '\0')
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("no mobile number"));
  else if ((reason = pk_ident_check_mobile (person->mobile, NULL)) != NULL)
    {
      g_string_append_printf (out, "%s%s: %s", out->len ? "; " : "", _("mobile number"), reason);
      g_free (reason);
    }
  for (const char * const *el = pk_eligibility_ids (); *el; el++)
    if (!eligibility_ticked (person, *el))
      g_string_append_printf (out, "%s%s %s", out->len ? "; " : "", *el, _("not confirmed"));
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* ---- what is missing --------------------------------------------------- */

static const PkCaseDocument *
find_document (const PkCase *self,
               const char   *kind,
               gint64        person_id)
{
  const PkCaseDocument *best = NULL;

  /* the newest one counts: a fixed scan replaces a failing one */
  for (guint i = 0; i < self->documents->len; i++)
    {
      const PkCaseDocument *d = g_ptr_array_index (self->documents, i);

      if (g_str_equal (d->kind, kind) && d->person_id == person_id)
        best = d;
    }
  return best;
}

static const char *
person_display (const PkCasePerson *p)
{
  return p->name && *p->name ? p->name : _("(no name yet)");
}

const char *
pk_case_role_display_name (const char *role)
{
  if (g_strcmp0 (role, "ceo") == 0) return _("CEO");
  if (g_strcmp0 (role, "board") == 0) return _("Board member");
  if (g_strcmp0 (role, "deputy") == 0) return _("Deputy or manager");
  return _("Applicant");
}

/* The documents each person of S4 brings (the registration and security
 * systems' list): national card, all birth-certificate pages (DOC-2), military
 * card, no-record certificate, photo; the degree (EL-7) of the applicant or
 * the CEO. */
static const char * const person_docs[] = {
  "national-card", "birth-certificate", "military-card", "no-record-certificate", "photo", NULL
};

static void
add_document_need (const PkCase *self,
                   GPtrArray    *out,
                   const char   *kind,
                   gint64        person_id,
                   const char   *whose)
{
  const PkCaseDocument *d = find_document (self, kind, person_id);

  if (d == NULL)
    g_ptr_array_add (out, whose
                     ? g_strdup_printf (_("Document: %s of %s"), pk_doc_kind_display (kind), whose)
                     : g_strdup_printf (_("Document: %s"), pk_doc_kind_display (kind)));
  else if (!d->pass)
    g_ptr_array_add (out, g_strdup_printf (_("Document %s fails its check (DOC-1…DOC-5): attach a better scan"),
                                           d->file_name));
}

/**
 * pk_case_stage_documents:
 *
 * Returns: (transfer full) (element-type utf8): the document kinds the stage
 *   asks of the case itself (per-person documents are asked by S4)
 */
GPtrArray *
pk_case_stage_documents (const PkCase      *self,
                         const PkStageInfo *stage)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; stage->documents && stage->documents[i]; i++)
    g_ptr_array_add (out, g_strdup (stage->documents[i]));
  return out;
}

/**
 * pk_case_missing:
 *
 * Returns: (transfer full) (element-type utf8): what @stage still needs, one
 *   translated line each; empty when nothing is missing
 */
GPtrArray *
pk_case_missing (const PkCase      *self,
                 const PkStageInfo *stage)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (const PkFieldInfo *f = stage->fields; f && f->key; f++)
    {
      const char *v = pk_case_get_field (self, f->key);
      gboolean required = !f->optional;
      g_autofree char *reason = NULL;

      /* a request's own details are what RQ-5, RQ-6 and RQ-7 are about */
      if (g_str_equal (f->key, "request.details"))
        required = self->request == PK_REQUEST_WITHDRAWAL || self->request == PK_REQUEST_CORRECTION ||
                   self->request == PK_REQUEST_COMPLETION;
      if (v == NULL || (f->type == PK_FIELD_CHECK && !g_str_equal (v, "1")))
        {
          if (required)
            g_ptr_array_add (out, g_strdup (pk_case_field_label (f)));
        }
      else if ((reason = pk_case_check_field (f, v, NULL)) != NULL)
        g_ptr_array_add (out, g_strdup_printf ("%s: %s", pk_case_field_label (f), reason));
    }
  if (g_str_equal (stage->id, "PA-5") && g_strcmp0 (pk_case_get_field (self, "pa5.decision"), "rejected") == 0)
    g_ptr_array_add (out, g_strdup (_("The working group did not agree (PA-5): the case cannot go on")));
  if (g_str_equal (stage->id, "S11") && g_strcmp0 (pk_case_get_field (self, "s11.result"), "misses") == 0)
    g_ptr_array_add (out, g_strdup (_("The site misses the standards: return the file (RT-1, RT-2)")));

  for (guint i = 0; stage->documents && stage->documents[i]; i++)
    add_document_need (self, out, stage->documents[i], 0, NULL);

  if (stage->needs & PK_NEEDS_SITE)
    {
      if (!self->has_site && !self->site_not_on_map)
        g_ptr_array_add (out, g_strdup (_("The site: pick it on the map, or say it is not on the map")));
      if (self->site_not_on_map && (self->site_address == NULL || *self->site_address == '\0'))
        g_ptr_array_add (out, g_strdup (_("The site’s address (it is not on the map)")));
    }
  if ((stage->needs & PK_NEEDS_SITE_CHECK) && self->has_site)
    {
      if (self->site_check == NULL)
        g_ptr_array_add (out, g_strdup (_("A siting check of the site (SR-1…SR-7)")));
      else if (pk_case_site_check_fails (self))
        g_ptr_array_add (out, g_strdup (_("The site fails the siting check: choose another")));
    }

  if (stage->needs & PK_NEEDS_PEOPLE)
    {
      gboolean deputy = self->request == PK_REQUEST_DEPUTY;
      guint n_applicant = 0, n_ceo = 0, n_board = 0, n_deputy = 0;

      for (guint i = 0; i < self->people->len; i++)
        {
          const PkCasePerson *p = g_ptr_array_index (self->people, i);
          g_autofree char *reason = pk_case_check_person (p);
          g_autofree char *whose = g_strdup_printf ("%s (%s)", person_display (p), pk_case_role_display_name (p->role));

          n_applicant += g_strcmp0 (p->role, "applicant") == 0;
          n_ceo += g_strcmp0 (p->role, "ceo") == 0;
          n_board += g_strcmp0 (p->role, "board") == 0 || p->on_board;
          n_deputy += g_strcmp0 (p->role, "deputy") == 0;
          if (reason != NULL)
            g_ptr_array_add (out, g_strdup_printf ("%s: %s", whose, reason));
          for (guint k = 0; person_docs[k]; k++)
            add_document_need (self, out, person_docs[k], p->id, whose);
          if (g_strcmp0 (p->role, "applicant") == 0 || g_strcmp0 (p->role, "ceo") == 0)
            add_document_need (self, out, "degree", p->id, whose);
        }
      if (deputy)
        {
          if (n_deputy == 0)
            g_ptr_array_add (out, g_strdup (_("The deputy or manager being introduced")));
        }
      else if (self->applicant == PK_APPLICANT_PERSON)
        {
          if (n_applicant != 1)
            g_ptr_array_add (out, g_strdup (_("The applicant (one natural person)")));
        }
      else
        {
          if (n_ceo != 1)
            g_ptr_array_add (out, g_strdup (_("EL-10: the company’s CEO")));
          if (n_board == 0)
            g_ptr_array_add (out, g_strdup (_("EL-10: the board members")));
        }
    }
  return out;
}

/**
 * pk_case_stage_state:
 *
 * Returned (RT-1) until resubmitted; done once marked done; otherwise
 * missing or ready by what pk_case_missing() finds.
 */
PkStageState
pk_case_stage_state (const PkCase      *self,
                     const PkStageInfo *stage)
{
  gpointer stored;
  g_autoptr(GPtrArray) missing = NULL;

  if (g_hash_table_lookup_extended (self->stage_states, stage->id, NULL, &stored))
    return GPOINTER_TO_INT (stored);
  missing = pk_case_missing (self, stage);
  return missing->len > 0 ? PK_STAGE_MISSING : PK_STAGE_TODO;
}

/* The first stage not done (a returned one first of all): where the wizard opens. */
const PkStageInfo *
pk_case_current_stage (const PkCase *self)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (self);

  for (guint i = 0; i < plan->len; i++)
    if (pk_case_stage_state (self, g_ptr_array_index (plan, i)) == PK_STAGE_RETURNED)
      return g_ptr_array_index (plan, i);
  for (guint i = 0; i < plan->len; i++)
    if (pk_case_stage_state (self, g_ptr_array_index (plan, i)) != PK_STAGE_DONE)
      return g_ptr_array_index (plan, i);
  return NULL;
}

static const char *
stage_state_to_string (PkStageState s)
{
  switch (s)
    {
    case PK_STAGE_DONE: return "done";
    case PK_STAGE_MISSING: return "missing";
    case PK_STAGE_RETURNED: return "returned";
    case PK_STAGE_TODO:
    default: return "ready";
    }
}

static void
add_string (JsonBuilder *b,
            const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The case as `case show --json` prints it (documents without their bytes). */
/* Long on purpose: the case file format (pishkhan-case/1) field by field, in
 * the order of its documentation. */
JsonNode *
pk_case_to_json (const PkCase *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) plan = pk_case_plan (self);
  const PkStageInfo *current = pk_case_current_stage (self);
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  add_string (b, self->number);
  json_builder_set_member_name (b, "request");
  add_string (b, pk_request_to_string (self->request));
  json_builder_set_member_name (b, "license");
  add_string (b, pk_license_to_string (self->license));
  json_builder_set_member_name (b, "applicant");
  add_string (b, pk_applicant_to_string (self->applicant));
  json_builder_set_member_name (b, "conversion");
  json_builder_add_boolean_value (b, self->conversion);
  json_builder_set_member_name (b, "new_address");
  json_builder_add_boolean_value (b, self->new_address);
  json_builder_set_member_name (b, "status");
  add_string (b, pk_case_status_to_string (self->status));
  pk_json_add_string_or_null (b, "outcome", self->outcome);    /* closed: approved, rejected, withdrawn */
  json_builder_set_member_name (b, "current_stage");
  if (current)
    add_string (b, current->id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "created_at");
  add_string (b, self->created_at);
  json_builder_set_member_name (b, "updated_at");
  add_string (b, self->updated_at);

  json_builder_set_member_name (b, "fields");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      add_string (b, value);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "site");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lat");
  if (self->has_site)
    json_builder_add_double_value (b, self->site_lat);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "lon");
  if (self->has_site)
    json_builder_add_double_value (b, self->site_lon);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "not_on_map");
  json_builder_add_boolean_value (b, self->site_not_on_map);
  json_builder_set_member_name (b, "address");
  add_string (b, self->site_address);
  json_builder_set_member_name (b, "check");
  if (self->site_check != NULL)
    {
      g_autoptr(JsonParser) parser = NULL;

      if ((parser = pk_json_parse_text (self->site_check)) != NULL)
        json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_null_value (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      g_autoptr(GPtrArray) missing = pk_case_missing (self, st);
      const char *note = g_hash_table_lookup (self->stage_notes, st->id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      add_string (b, st->id);
      json_builder_set_member_name (b, "title");
      add_string (b, pk_stage_title (st));
      json_builder_set_member_name (b, "state");
      add_string (b, stage_state_to_string (pk_case_stage_state (self, st)));
      json_builder_set_member_name (b, "missing");
      json_builder_begin_array (b);
      for (guint k = 0; k < missing->len; k++)
        add_string (b, g_ptr_array_index (missing, k));
      json_builder_end_array (b);
      if (note != NULL)
        {
          json_builder_set_member_name (b, "returned_because");
          add_string (b, note);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "people");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (self->people, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, p->id);
      json_builder_set_member_name (b, "role");
      add_string (b, p->role);
      json_builder_set_member_name (b, "name");
      add_string (b, p->name);
      json_builder_set_member_name (b, "national_code");
      add_string (b, p->national_code);
      json_builder_set_member_name (b, "mobile");
      add_string (b, p->mobile);
      json_builder_set_member_name (b, "on_board");
      json_builder_add_boolean_value (b, p->on_board);
      json_builder_set_member_name (b, "eligibility");
      {
        g_autoptr(JsonParser) parser = NULL;

        if (p->eligibility && (parser = pk_json_parse_text (p->eligibility)) != NULL)
          json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
        else
          json_builder_add_null_value (b);
      }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->documents->len; i++)
    {
      const PkCaseDocument *d = g_ptr_array_index (self->documents, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, d->id);
      json_builder_set_member_name (b, "kind");
      add_string (b, d->kind);
      json_builder_set_member_name (b, "person_id");
      if (d->person_id)
        json_builder_add_int_value (b, d->person_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "file");
      add_string (b, d->file_name);
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, d->pages);
      json_builder_set_member_name (b, "verdict");
      add_string (b, d->pass ? "pass" : "fail");
      json_builder_set_member_name (b, "added_at");
      add_string (b, d->added_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->events->len; i++)
    {
      const PkCaseEvent *e = g_ptr_array_index (self->events, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "at");
      add_string (b, e->at);
      json_builder_set_member_name (b, "actor");
      add_string (b, e->actor);
      json_builder_set_member_name (b, "kind");
      add_string (b, e->kind);
      json_builder_set_member_name (b, "stage");
      add_string (b, e->stage);
      json_builder_set_member_name (b, "message");
      add_string (b, e->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * pk_case_site_check_fails:
 *
 * Whether the siting check saved with the case (pk_site_verdict_to_json())
 * says the site fails; %FALSE when there is none or it cannot be read.
 */
gboolean
pk_case_site_check_fails (const PkCase *self)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (self->site_check == NULL || (parser = pk_json_parse_text (self->site_check)) == NULL)
    return FALSE;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root) &&
         g_strcmp0 (pk_json_string_member (json_node_get_object (root), "verdict"), "fail") == 0;
}

/**
 * pk_case_derive_status:
 *
 * The case's status from its stage states: returned while any stage of its
 * plan is returned (RT-1), done when every stage is, open otherwise.
 */
PkCaseStatus
pk_case_derive_status (const PkCase *self)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (self);
  gboolean returned = FALSE, all_done = plan->len > 0;

  for (guint i = 0; i < plan->len; i++)
    {
      PkStageState s = pk_case_stage_state (self, g_ptr_array_index (plan, i));

      returned |= s == PK_STAGE_RETURNED;
      all_done &= s == PK_STAGE_DONE;
    }
  return returned ? PK_CASE_RETURNED : all_done ? PK_CASE_DONE : PK_CASE_OPEN;
}

/* Gives @dest everything @src holds, and frees what @dest held (and @src). */
void
pk_case_take (PkCase *dest,
              PkCase *src)
{
  PkCase old = *dest;

  *dest = *src;
  *src = old;
  pk_case_free (src);
}

void
pk_case_filter_init (PkCaseFilter *filter)
{
  filter->status = -1;
  filter->request = -1;
  filter->text = NULL;
}

/**
 * pk_case_matches:
 *
 * Whether the case is one @filter asks for: its status and request, and
 * the text found in its number, its company's name or a person's name —
 * folded as Persian is typed (Arabic or Persian yeh and kaf, digits of
 * either script).
 */
gboolean
pk_case_matches (const PkCase       *self,
                 const PkCaseFilter *filter)
{
  g_autofree char *needle = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) hay = NULL;
  const char *company;

  if (filter->status >= 0 && (int) self->status != filter->status)
    return FALSE;
  if (filter->request >= 0 && (int) self->request != filter->request)
    return FALSE;
  if (filter->text == NULL || *filter->text == '\0')
    return TRUE;
  needle = pk_text_fold (filter->text);
  ascii = pk_text_to_ascii_digits (filter->text);
  hay = g_string_new (self->number);
  company = pk_case_get_field (self, "company.name");
  g_string_append_printf (hay, " %s", company ? company : "");
  for (guint k = 0; k < self->people->len; k++)
    {
      const char *name = ((PkCasePerson *) g_ptr_array_index (self->people, k))->name;

      g_string_append_printf (hay, " %s", name ? name : "");
    }
  folded = pk_text_fold (hay->str);
  return strstr (folded, needle) != NULL || (ascii != NULL && strstr (hay->str, ascii) != NULL);
}
