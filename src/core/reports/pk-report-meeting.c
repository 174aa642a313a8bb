/* pk-report-meeting.c: the working group's papers — a meeting's minutes
 * and the decision letter to an applicant (PA-5, final approval; RT-1)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "pk-jalali.h"
#include "pk-meeting.h"
#include "pk-report-private.h"
#include "pk-text.h"

/* Who the case is for: the company, else the applicant, else its number. */
static char *
applicant_name (const PkCase *c)
{
  const char *company = c ? pk_case_get_field (c, "company.name") : NULL;

  if (company != NULL)
    return g_strdup (company);
  for (guint i = 0; c && i < c->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (c->people, i);

      if (g_strcmp0 (p->role, "applicant") == 0 && p->name && *p->name)
        return g_strdup (p->name);
    }
  return g_strdup (_("the applicant"));
}

static char *
localized_date (const char *iso)
{
  g_autofree char *day = g_strndup (iso ? iso : "", 10);
  g_autofree char *text = pk_date_format_for_locale (day);

  return pk_text_localize_digits (text);
}

/* The decision in words: its kind, then its conditions, reasons, rules and,
 * past the capacity, why. */
static char *
decision_text (const PkDecision *d)
{
  GString *text = g_string_new (pk_decision_display_name (d));

  for (guint i = 0; i < d->conditions->len; i++)
    {
      const PkCaseCondition *cond = g_ptr_array_index (d->conditions, i);
      g_autofree char *due = cond->due ? localized_date (cond->due) : NULL;

      g_string_append_printf (text, "\n%s%s", pk_text_bullet (), cond->text);
      if (due != NULL)
        g_string_append_printf (text, _(" (by %s)"), due);
    }
  if (d->reason != NULL && *d->reason)
    g_string_append_printf (text, "\n%s %s", _("Reason:"), d->reason);
  if (d->rules != NULL && d->rules[0] != NULL)
    {
      g_autofree char *rules = g_strjoinv (_(", "), d->rules);

      g_string_append_printf (text, "\n%s %s", _("Rules not met:"), rules);
    }
  if (d->override_reason != NULL)
    g_string_append_printf (text, "\n%s %s", _("Approved past the county’s capacity (LT-7) because:"),
                            d->override_reason);
  {
    char *localized = pk_text_localize_digits (text->str);

    g_string_free (text, TRUE);
    return localized;
  }
}

/* Long on purpose: the minutes top to bottom as they print. */
static gboolean
write_minutes_to (PkStore          *store,
                  const PkMeeting  *m,
                  PkOutput         *out,
                  GError          **error)
{
  g_autofree char *number = pk_text_localize_digits (m->number);
  g_autofree char *title = g_strdup_printf (_("Minutes of working-group meeting %s"), number);
  g_autofree char *date = localized_date (m->date);
  g_autofree char *members = g_strjoinv (_(", "), m->members);
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  cairo_surface_t *surface = _pk_report_begin_titled (out, &doc, title, error);

  if (surface == NULL)
    return FALSE;
  _pk_report_line (&doc, title, 17, TRUE);
  _pk_report_line (&doc, _("Provincial working group for counter offices (Pishkhan and rural ICT)"), 11, FALSE);
  doc.y += 4;
  _pk_report_field (&doc, _("Date"), date);
  _pk_report_field (&doc, _("Members present"), members);
  _pk_report_field (&doc, _("State"), m->closed_at ? _("closed: the decisions are final")
                                                   : _("open: a draft, decisions may still be added"));
  doc.y += 8;
  _pk_report_line (&doc, _("Cases and decisions"), 12, TRUE);
  if (m->agenda->len == 0)
    _pk_report_line (&doc, _("No case was on the agenda."), 10, FALSE);
  for (guint i = 0; i < m->agenda->len; i++)
    {
      const PkAgendaItem *item = &g_array_index (m->agenda, PkAgendaItem, i);
      g_autoptr(PkCase) c = pk_store_get_case (store, item->case_id, NULL);
      const PkDecision *d = pk_meeting_find_decision (m, item->case_id);
      g_autofree char *who = applicant_name (c);
      g_autofree char *head = g_strdup_printf ("%u. %s", i + 1, c ? c->number : "?");
      g_autofree char *head_l = pk_text_localize_digits (head);
      g_autofree char *about = g_strdup_printf ("%s — %s, %s", who, pk_review_display_name (item->review),
                                                c ? pk_license_display_name (c->license) : "");
      g_autofree char *body = d ? decision_text (d) : g_strdup (_("Not decided in this meeting"));
      double h1, h2;

      _pk_report_new_page_if_needed (&doc, 44);
      cairo_set_source_rgb (doc.cr, 0.85, 0.85, 0.85);
      cairo_rectangle (doc.cr, MARGIN, doc.y - 3, PAGE_W - 2 * MARGIN, 0.6);
      cairo_fill (doc.cr);
      h1 = _pk_report_text_at (&doc, MARGIN, 110, head_l, 10, TRUE, 0.1, 0.1, 0.1);
      h2 = _pk_report_text_at (&doc, MARGIN + 115, PAGE_W - 2 * MARGIN - 115, about, 10, FALSE, 0.25, 0.25, 0.25);
      doc.y += MAX (h1, h2) + 2;
      h2 = _pk_report_text_at (&doc, MARGIN + 115, PAGE_W - 2 * MARGIN - 115, body, 10, FALSE,
                               d && d->kind == PK_DECISION_REJECT ? 0.7 : 0.1, 0.1, 0.1);
      doc.y += h2 + 10;
    }
  doc.y += 10;
  _pk_report_line (&doc, _("Signatures of the members present"), 12, TRUE);
  _pk_report_signature_lines (&doc, (const char * const *) m->members);
  return _pk_report_finish (&doc, surface, out, error);
}

/**
 * pk_report_write_minutes_pdf:
 *
 * A meeting's minutes: number, date, the members present, each case on the
 * agenda with its decision (conditions with their dates, reasons and the
 * rules that fail, an override of the capacity and why), and a signature line
 * per member. An open meeting's minutes say they are a draft. Persian is
 * shaped and set right to left when the UI is Persian. Written beside @path
 * and renamed over it when whole.
 */
gboolean
pk_report_write_minutes_pdf (PkStore          *store,
                             const PkMeeting  *meeting,
                             const char       *path,
                             GError          **error)
{
  PkOutput *out = pk_output_open (path, error);

  return out != NULL && pk_output_close (out, write_minutes_to (store, meeting, out, error), error);
}

/* Long on purpose: the letter top to bottom as it prints. */
static gboolean
write_letter_to (const PkCase      *c,
                 const PkMeeting   *m,
                 const PkDecision  *d,
                 PkOutput          *out,
                 GError           **error)
{
  g_autofree char *number = pk_text_localize_digits (c->number);
  g_autofree char *meeting = pk_text_localize_digits (m->number);
  g_autofree char *date = localized_date (m->date);
  g_autofree char *who = applicant_name (c);
  g_autofree char *title = g_strdup_printf (_("Decision on case %s"), number);
  g_autofree char *to = g_strdup_printf (_("To: %s"), who);
  g_autofree char *opening = NULL;
  g_autofree char *body = decision_text (d);
  const char *next;
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  cairo_surface_t *surface = _pk_report_begin_titled (out, &doc, title, error);

  if (surface == NULL)
    return FALSE;
  _pk_report_line (&doc, _("Provincial working group for counter offices (Pishkhan and rural ICT)"), 11, FALSE);
  _pk_report_field (&doc, _("Date"), date);
  _pk_report_field (&doc, _("Case"), number);
  doc.y += 10;
  _pk_report_line (&doc, to, 12, TRUE);
  _pk_report_line (&doc, title, 15, TRUE);
  doc.y += 6;
  opening = g_strdup_printf (d->review == PK_REVIEW_PRE
                             ? _("The working group reviewed the location of your request (%s, %s) in its meeting %s of %s "
                                 "and decided:")
                             : _("The working group reviewed your file (%s, %s) for final approval in its meeting %s of %s "
                                 "and decided:"),
                             pk_request_display_name (c->request), pk_license_display_name (c->license),
                             meeting, date);
  {
    g_autofree char *localized = pk_text_localize_digits (opening);

    _pk_report_line (&doc, localized, 11, FALSE);
  }
  doc.y += 4;
  _pk_report_line (&doc, body, 11, TRUE);
  doc.y += 8;
  switch (d->kind)
    {
    case PK_DECISION_APPROVE:
      next = d->review == PK_REVIEW_PRE
             ? _("You may go on with the steps after approval (S1…S14); the conditions above are followed on "
                 "your file until they are met.")
             : _("Your file goes to the CRA to issue the licence (S13); you will be told the fee by SMS (S14).");
      break;
    case PK_DECISION_RETURN:
      next = _("Fix what is named above and send the file again (RT-1). Delays caused by a site that misses "
               "the standards are the applicant’s responsibility (RT-2).");
      break;
    case PK_DECISION_REJECT:
    default:
      next = _("This request is closed. A later meeting of the working group may review a new request.");
      break;
    }
  _pk_report_line (&doc, next, 11, FALSE);
  doc.y += 20;
  _pk_report_signature_lines (&doc, (const char * const []) { _("Secretary of the working group"), NULL });
  return _pk_report_finish (&doc, surface, out, error);
}

/**
 * pk_report_write_decision_letter:
 *
 * The working group's latest decision on @c as a letter to the applicant:
 * what was decided, in which meeting, with the conditions or the reasons and
 * what to do next. Refused when no meeting has decided on the case yet.
 */
gboolean
pk_report_write_decision_letter (PkStore       *store,
                                 const PkCase  *c,
                                 const char    *path,
                                 GError       **error)
{
  g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, c->id, error);
  g_autoptr(PkMeeting) m = NULL;
  const PkDecision *d;
  PkOutput *out;

  if (decisions == NULL)
    return FALSE;
  if (decisions->len == 0)
    {
      g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND,
                   _("The working group has not decided on case %s yet"), c->number);
      return FALSE;
    }
  d = g_ptr_array_index (decisions, decisions->len - 1);
  if ((m = pk_store_get_meeting (store, d->meeting_id, error)) == NULL ||
      (out = pk_output_open (path, error)) == NULL)
    return FALSE;
  return pk_output_close (out, write_letter_to (c, m, d, out, error), error);
}
