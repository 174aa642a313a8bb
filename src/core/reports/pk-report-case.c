/* pk-report-case.c: the case summary PDF — the request, its people, stages,
 * documents with their check results, and its history
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pk-json.h"
#include "pk-case.h"
#include "pk-coverage.h"
#include "pk-doc-check.h"
#include "pk-export.h"
#include "pk-jalali.h"
#include "pk-output.h"
#include "pk-report-private.h"
#include "pk-text.h"

/* ---- the case summary ------------------------------------------------------ */

/* An ISO 8601 time as a date for the reader: Solar Hijri in Persian. */
static char *
event_date (const char *iso)
{
  g_autofree char *day = g_strndup (iso ? iso : "", 10);

  return pk_date_format_for_locale (day);
}

/**
 * pk_report_write_case_pdf:
 *
 * The case summary for printing or the file: the request, the applicant and
 * the people, the site and its verdict, every stage with its state and what
 * it misses, the documents with their check results, and the history.
 * Persian is shaped and set right to left when the UI is Persian.
 */
/* Long on purpose: the summary's pages laid out top to bottom, section after
 * section, as they print. */
static gboolean
write_case_pdf_to (PkStore       *store,
                   const PkCase  *c,
                   PkOutput      *out,
                   GError       **error)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (c);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = pk_date_format_for_locale (today_iso);
  g_autofree char *title = NULL;
  g_autofree char *number = pk_text_localize_digits (c->number);
  cairo_surface_t *surface;
  Doc doc = { NULL, MARGIN, pk_text_locale_is_persian (), 1, PAGE_W };
  const PkStageInfo *current = pk_case_current_stage (c);

  if ((surface = _pk_report_begin (out, error)) == NULL)
    return FALSE;
  title = g_strdup_printf (_("Case %s"), number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pishkhan Siting");
  doc.cr = _pk_report_create_cr (surface);

  _pk_report_line (&doc, title, 18, TRUE);
  _pk_report_line (&doc, pk_request_display_name (c->request), 12, FALSE);
  doc.y += 4;
  _pk_report_field (&doc, _("Date"), today);
  _pk_report_field (&doc, _("Licence type"), pk_license_display_name (c->license));
  _pk_report_field (&doc, _("Applicant"), pk_applicant_display_name (c->applicant));
  if (c->conversion)
    _pk_report_field (&doc, _("Conversion (LT-6)"), _("yes: another body’s service licence is converted"));
  _pk_report_field (&doc, _("Status"), pk_case_status_display_name (c->status));
  _pk_report_field (&doc, _("Current stage"), current ? pk_stage_title (current) : _("every stage is done"));
  {
    g_autofree char *filed = event_date (c->created_at);
    _pk_report_field (&doc, _("Filed"), filed);
  }
  if (pk_case_get_field (c, "company.name"))
    {
      g_autofree char *company = g_strdup_printf ("%s — %s %s", pk_case_get_field (c, "company.name"),
                                                  _("national ID"),
                                                  pk_case_get_field (c, "company.national_id")
                                                  ? pk_case_get_field (c, "company.national_id") : "—");
      g_autofree char *localized = pk_text_localize_digits (company);

      _pk_report_field (&doc, _("Company"), localized);
    }

  /* people */
  if (c->people->len > 0)
    {
      doc.y += 6;
      _pk_report_line (&doc, _("People (EL-10)"), 12, TRUE);
      for (guint i = 0; i < c->people->len; i++)
        {
          const PkCasePerson *p = g_ptr_array_index (c->people, i);
          g_autofree char *problem = pk_case_check_person (p);
          g_autofree char *text = g_strdup_printf ("%s — %s %s, %s %s%s%s", p->name ? p->name : "—",
                                                   _("national code"), p->national_code ? p->national_code : "—",
                                                   _("mobile"), p->mobile ? p->mobile : "—",
                                                   problem ? " — " : "", problem ? problem : "");
          g_autofree char *localized = pk_text_localize_digits (text);

          _pk_report_field (&doc, pk_case_role_display_name (p->role), localized);
        }
    }

  /* the site */
  doc.y += 6;
  _pk_report_line (&doc, _("Site"), 12, TRUE);
  if (c->has_site)
    {
      g_autofree char *where = pk_text_printf_localized ("%.6f, %.6f", c->site_lat, c->site_lon);
      _pk_report_field (&doc, _("Location (WGS84)"), where);
    }
  if (c->site_not_on_map)
    _pk_report_field (&doc, _("On the map"), _("not found on the map; the applicant answers for the address"));
  if (c->site_address)
    _pk_report_field (&doc, _("Address"), c->site_address);
  if (pk_case_get_field (c, "site.postal_code"))
    {
      g_autofree char *code = pk_text_localize_digits (pk_case_get_field (c, "site.postal_code"));
      _pk_report_field (&doc, _("Postal code"), code);
    }
  if (c->site_check != NULL)
    {
      g_autoptr(JsonParser) parser = NULL;

      if ((parser = pk_json_parse_text (c->site_check)) != NULL &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *o = json_node_get_object (json_parser_get_root (parser));
          const char *verdict = json_object_get_string_member_with_default (o, "verdict", "");
          PkVerdictKind kind = g_str_equal (verdict, "pass") ? PK_VERDICT_PASS
                             : g_str_equal (verdict, "fail") ? PK_VERDICT_FAIL : PK_VERDICT_NEEDS_REVIEW;
          JsonArray *rules = json_object_has_member (o, "rules") ? json_object_get_array_member (o, "rules") : NULL;

          _pk_report_field (&doc, _("Siting check"), pk_verdict_display_name (kind));
          for (guint i = 0; rules && i < json_array_get_length (rules); i++)
            {
              JsonObject *r = json_array_get_object_element (rules, i);
              g_autofree char *localized =
                pk_text_localize_digits (json_object_get_string_member_with_default (r, "message", ""));

              _pk_report_field (&doc, json_object_get_string_member_with_default (r, "id", ""), localized);
            }
        }
    }
  else if (!c->site_not_on_map && !c->has_site)
    _pk_report_field (&doc, _("Site"), _("not chosen yet"));

  /* stages */
  doc.y += 6;
  _pk_report_line (&doc, _("Stages"), 12, TRUE);
  for (guint i = 0; i < plan->len; i++)
    {
      const PkStageInfo *st = g_ptr_array_index (plan, i);
      PkStageState state = pk_case_stage_state (c, st);
      g_autoptr(GPtrArray) missing = pk_case_missing (c, st);
      g_autofree char *head = g_strdup_printf ("%s  %s", st->id, pk_stage_state_display_name (state));
      GString *body = g_string_new (pk_stage_title (st));
      const char *note = g_hash_table_lookup (c->stage_notes, st->id);
      g_autofree char *localized = NULL;
      double h1, h2;

      g_string_append_printf (body, " — %s", pk_who_display_name (st->who));
      if (note != NULL)
        g_string_append_printf (body, "\n%s %s", _("Returned because:"), note);
      if (state != PK_STAGE_DONE)
        for (guint k = 0; k < missing->len; k++)
          g_string_append_printf (body, "\n%s%s", pk_text_bullet (), (char *) g_ptr_array_index (missing, k));
      localized = pk_text_localize_digits (body->str);
      g_string_free (body, TRUE);
      _pk_report_new_page_if_needed (&doc, 30);
      h1 = _pk_report_text_at (&doc, MARGIN, 110, head, 9.5, TRUE,
                    state == PK_STAGE_DONE ? 0.1 : state == PK_STAGE_RETURNED ? 0.75 : 0.6,
                    state == PK_STAGE_DONE ? 0.5 : state == PK_STAGE_RETURNED ? 0.1 : 0.4,
                    state == PK_STAGE_DONE ? 0.2 : 0.1);
      h2 = _pk_report_text_at (&doc, MARGIN + 115, PAGE_W - 2 * MARGIN - 115, localized, 9.5, FALSE, 0.1, 0.1, 0.1);
      doc.y += MAX (h1, h2) + 5;
    }

  /* documents */
  doc.y += 6;
  _pk_report_line (&doc, _("Documents"), 12, TRUE);
  if (c->documents->len == 0)
    _pk_report_line (&doc, _("None attached yet."), 9.5, FALSE);
  for (guint i = 0; i < c->documents->len; i++)
    {
      const PkCaseDocument *d = g_ptr_array_index (c->documents, i);
      g_autofree char *text = g_strdup_printf ("%s — %s, %d %s — %s", pk_doc_kind_display (d->kind),
                                               d->file_name, d->pages, _("pages"),
                                               d->pass ? _("passes DOC-1…DOC-5") : _("fails its check"));
      g_autofree char *localized = pk_text_localize_digits (text);
      g_autofree char *when = event_date (d->added_at);

      _pk_report_field (&doc, when, localized);
    }

  /* history */
  doc.y += 6;
  _pk_report_line (&doc, _("History"), 12, TRUE);
  for (guint i = 0; i < c->events->len; i++)
    {
      const PkCaseEvent *e = g_ptr_array_index (c->events, i);
      g_autofree char *when = event_date (e->at);
      g_autofree char *text = g_strdup_printf ("%s%s%s%s%s — %s", pk_case_event_display_name (e->kind),
                                               e->stage && *e->stage ? " " : "", e->stage ? e->stage : "",
                                               e->message && *e->message ? ": " : "",
                                               e->message ? e->message : "", e->actor);
      g_autofree char *localized = pk_text_localize_digits (text);

      _pk_report_field (&doc, when, localized);
    }

  return _pk_report_finish (&doc, surface, out, error);
}

/* written beside @path and renamed over it when whole */
gboolean
pk_report_write_case_pdf (PkStore       *store,
                          const PkCase  *c,
                          const char    *path,
                          GError       **error)
{
  PkOutput *out = pk_output_open (path, error);

  return out != NULL && pk_output_close (out, write_case_pdf_to (store, c, out, error), error);
}
