/* test-case.c: case files — stages by request and applicant, validation,
 * documents checked on attach, returns and resubmission, autosave after a kill
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pk-case-attach.h"
#include "pk-case-workflow.h"
#include "pk-case.h"
#include "pk-doc-check.h"
#include "pk-geography.h"
#include "pk-scan-pdf.h"
#include "pk-siting.h"
#include "pk-store-internal.h"
#include "pk-store.h"

static char *tmpdir;

static gboolean
plan_has (const PkCase *c,
          const char   *id)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (c);

  for (guint i = 0; i < plan->len; i++)
    if (g_str_equal (((PkStageInfo *) g_ptr_array_index (plan, i))->id, id))
      return TRUE;
  return FALSE;
}

static char *
plan_string (const PkCase *c)
{
  g_autoptr(GPtrArray) plan = pk_case_plan (c);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < plan->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", ((PkStageInfo *) g_ptr_array_index (plan, i))->id);
  return g_string_free (s, FALSE);
}

/* The stages differ by request type, licence type and applicant kind. */
static void
test_plans (void)
{
  g_autoptr(PkCase) urban = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  g_autoptr(PkCase) rural = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) transfer = pk_case_new (PK_REQUEST_TRANSFER, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) withdrawal = pk_case_new (PK_REQUEST_WITHDRAWAL, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  g_autoptr(PkCase) deputy = pk_case_new (PK_REQUEST_DEPUTY, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  g_autofree char *w = NULL;
  g_autofree char *d = NULL;
  g_autoptr(GPtrArray) up = pk_case_plan (urban);

  /* RQ-1: PA-1…PA-5, S1…S14, AL-1…AL-5 for an urban company */
  g_assert_cmpuint (up->len, ==, 5 + 14 + 5);
  g_assert_true (plan_has (urban, "S1"));
  g_assert_true (plan_has (urban, "S2"));
  /* "rural applicants skip" the company steps */
  g_assert_false (plan_has (rural, "S1"));
  g_assert_false (plan_has (rural, "S2"));
  g_assert_true (plan_has (rural, "S3"));
  /* RQ-2: the site steps only with a new address (ST-13) */
  g_assert_false (plan_has (transfer, "S10"));
  g_assert_false (plan_has (transfer, "PA-3"));
  transfer->new_address = TRUE;
  g_assert_true (plan_has (transfer, "S10"));
  g_assert_true (plan_has (transfer, "S11"));
  /* a withdrawal asks for little */
  w = plan_string (withdrawal);
  g_assert_cmpstr (w, ==, "S5 S12 S13");
  d = plan_string (deputy);
  g_assert_cmpstr (d, ==, "S4 S5 AL-2 S13");
}

/* LT-2, LT-3, LT-6: who may file what; the refusal says which rule. */
static void
test_kinds (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pk_case_check_kind (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_PERSON, FALSE, &error));
  g_assert_error (error, PK_CASE_ERROR, PK_CASE_ERROR_NOT_ALLOWED);
  g_assert_true (g_str_has_prefix (error->message, "LT-2"));
  g_clear_error (&error);
  g_assert_false (pk_case_check_kind (PK_REQUEST_TRANSFER, PK_LICENSE_URBAN, PK_APPLICANT_PERSON, FALSE, &error));
  g_clear_error (&error);
  g_assert_true (pk_case_check_kind (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON, FALSE, &error));
  g_assert_true (pk_case_check_kind (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (pk_case_check_kind (PK_REQUEST_RENEWAL, PK_LICENSE_RURAL, PK_APPLICANT_PERSON, TRUE, &error));
  g_assert_true (g_str_has_prefix (error->message, "LT-6"));
}

static PkStore *
new_workspace (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_workspace_create_sample (path, TRUE, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
attach (PkStore    *store,
        gint64      case_id,
        const char *kind,
        gint64      person_id,
        ScanPage    page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (tmpdir, "scan.pdf", NULL);
  g_autoptr(PkDocReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize len;
  gint64 id;

  g_assert_true (pk_scan_pdf_write (pdf, &page, 1, 300, &error));
  report = pk_doc_check (pdf, kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  bytes = g_bytes_new_take (data, len);
  id = pk_store_add_case_document (store, case_id, kind, person_id, "scan.pdf", bytes, report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* a thumbnail per page, made by the check, kept with the document */
  {
    g_autoptr(GPtrArray) thumbs = pk_store_get_case_document_thumbnails (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (thumbs->len, ==, (guint) report->pages);
    for (guint i = 0; i < thumbs->len; i++)
      g_assert_true (memcmp (g_bytes_get_data (g_ptr_array_index (thumbs, i), NULL), "\x89PNG", 4) == 0);
  }
  return id;
}

static PkCase *
reload (PkStore *store,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  PkCase *c = pk_store_get_case (store, id, &error);

  g_assert_no_error (error);
  return c;
}

/* A rural applicant's renewal (RQ-3) through every stage: fields validated as
 * typed, documents checked on attach, the people's eligibility, a stage that
 * cannot be marked done while anything is missing, a return (RT-1) with
 * reasons and the resubmission; every step in the history. */
static void
test_case_file (void)
{
  g_autoptr(PkStore) store = new_workspace ("case.pkws");
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_RENEWAL, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(PkCase) back = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  PkCasePerson person = { 0 };
  const PkStageInfo *s3 = pk_stage_info ("S3"), *s4 = pk_stage_info ("S4");
  gint64 id, person_id, grey;

  id = pk_store_add_case (store, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_nonnull (c->number);
  g_assert_cmpint (strlen (c->number), ==, 9);           /* 1405-0001 */
  g_assert_true (g_str_has_suffix (c->number, "-0001"));

  /* an urban person is refused before anything is written */
  {
    g_autoptr(PkCase) bad = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_PERSON);
    g_autoptr(GPtrArray) all = NULL;

    g_assert_cmpint (pk_store_add_case (store, bad, &error), ==, 0);
    g_assert_error (error, PK_CASE_ERROR, PK_CASE_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
    all = pk_store_list_cases (store, &error);
    g_assert_cmpuint (all->len, ==, 1);
  }

  /* fields: dates stored as ISO (typed Gregorian or Solar Hijri, any digits),
   * postal codes with Persian digits normalised, bad values refused */
  g_assert_true (pk_case_workflow_set_field (store, id, "s12.date", "2026-11-20", &error));
  g_assert_true (pk_case_workflow_set_field (store, id, "s12.date", "۱۴۰۵/۰۸/۲۸", &error));
  back = reload (store, id);
  g_assert_cmpstr (pk_case_get_field (back, "s12.date"), ==, "2026-11-19");
  g_clear_pointer (&back, pk_case_free);
  g_assert_false (pk_case_workflow_set_field (store, id, "s12.date", "1405/13/01", &error));
  g_assert_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pk_case_workflow_set_field (store, id, "s12.date", "2026-11-20", &error));
  g_assert_false (pk_case_workflow_set_field (store, id, "no.such.field", "x", &error));
  g_clear_error (&error);
  g_assert_true (pk_case_workflow_set_field (store, id, "site.postal_code", "۹۷۱۷۸۵۳۵۱۱", &error));
  g_assert_false (pk_case_workflow_set_field (store, id, "site.postal_code", "12345", &error));
  g_clear_error (&error);
  back = reload (store, id);
  g_assert_cmpstr (pk_case_get_field (back, "site.postal_code"), ==, "9717853511");
  g_assert_cmpstr (pk_case_get_field (back, "s12.date"), ==, "2026-11-20");
  g_clear_pointer (&back, pk_case_free);

  /* S3 needs the bank-debt statement (DOC-7): a greyscale scan attaches but fails */
  back = reload (store, id);
  missing = pk_case_missing (back, s3);
  g_assert_cmpuint (missing->len, ==, 1);
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_assert_false (pk_case_workflow_mark_stage (store, back, "S3", TRUE, &error));
  g_assert_error (error, PK_CASE_ERROR, PK_CASE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "S3"));
  g_clear_error (&error);
  grey = attach (store, id, "bank-debt-statement", 0, SCAN_BLANK);
  g_clear_pointer (&back, pk_case_free);
  back = reload (store, id);
  missing = pk_case_missing (back, s3);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (missing, 0), "fails"));
  g_clear_pointer (&missing, g_ptr_array_unref);
  attach (store, id, "bank-debt-statement", 0, SCAN_COLOUR);
  g_clear_pointer (&back, pk_case_free);
  back = reload (store, id);
  missing = pk_case_missing (back, s3);
  g_assert_cmpuint (missing->len, ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_assert_true (pk_case_workflow_mark_stage (store, back, "S3", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pk_store_delete_case_document (store, grey, &error));

  /* S4: the applicant, validated, with eligibility and documents */
  person.role = (char *) "applicant";
  person.name = (char *) "زهرا رضایی";
  person.national_code = (char *) "0012345678";          /* check digit wrong */
  person.mobile = (char *) "09151234567";
  person.eligibility = (char *) "{\"EL-1\": true}";
  person_id = pk_store_add_case_person (store, id, &person, &error);
  g_assert_no_error (error);
  g_clear_pointer (&back, pk_case_free);
  back = reload (store, id);
  missing = pk_case_missing (back, s4);
  {
    gboolean code = FALSE, el = FALSE, card = FALSE;

    for (guint i = 0; i < missing->len; i++)
      {
        const char *m = g_ptr_array_index (missing, i);
        code |= strstr (m, "national code") != NULL;
        el |= strstr (m, "EL-8") != NULL;
        card |= strstr (m, "National card") != NULL;
      }
    g_assert_true (code);
    g_assert_true (el);
    g_assert_true (card);
  }
  g_clear_pointer (&missing, g_ptr_array_unref);
  person.id = person_id;
  person.national_code = (char *) "0012345679";          /* valid */
  person.eligibility = (char *) "{\"EL-1\": true, \"EL-2\": true, \"EL-3\": true, \"EL-4\": true,"
                                " \"EL-5\": true, \"EL-6\": true, \"EL-7\": true, \"EL-8\": true}";
  g_assert_true (pk_store_update_case_person (store, &person, &error));
  for (const char * const *k = (const char *[]) { "national-card", "birth-certificate", "military-card",
                                                  "no-record-certificate", "photo", "degree", NULL }; *k; k++)
    attach (store, id, *k, person_id, SCAN_COLOUR);
  g_clear_pointer (&back, pk_case_free);
  back = reload (store, id);
  missing = pk_case_missing (back, s4);
  for (guint i = 0; i < missing->len; i++)
    g_test_message ("S4 still misses: %s", (char *) g_ptr_array_index (missing, i));
  g_assert_cmpuint (missing->len, ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_assert_true (pk_case_workflow_mark_stage (store, back, "S4", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pk_case_current_stage (back)->id, ==, "S5");

  /* RT-1: the secretariat returns S4 for a poor scan; the case opens there */
  g_assert_false (pk_case_workflow_return (store, back, "S4", "", &error));
  g_clear_error (&error);
  g_assert_true (pk_case_workflow_return (store, back, "S4", "The birth certificate is unreadable", &error));
  g_assert_cmpint (back->status, ==, PK_CASE_RETURNED);
  g_clear_pointer (&back, pk_case_free);
  back = reload (store, id);
  g_assert_cmpint (back->status, ==, PK_CASE_RETURNED);
  g_assert_cmpstr (pk_case_current_stage (back)->id, ==, "S4");
  g_assert_cmpint (pk_case_stage_state (back, s4), ==, PK_STAGE_RETURNED);
  g_assert_cmpstr (g_hash_table_lookup (back->stage_notes, "S4"), ==, "The birth certificate is unreadable");
  /* resubmitted: S4 open again, the case back in progress */
  g_assert_true (pk_case_workflow_resubmit (store, back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back->status, ==, PK_CASE_OPEN);
  g_assert_false (pk_case_workflow_resubmit (store, back, &error));     /* not returned now */
  g_clear_error (&error);
  g_clear_pointer (&back, pk_case_free);
  back = reload (store, id);
  g_assert_cmpint (pk_case_stage_state (back, s4), ==, PK_STAGE_TODO);
  {
    GString *kinds = g_string_new (NULL);

    for (guint i = 0; i < back->events->len; i++)
      g_string_append_printf (kinds, "%s ", ((PkCaseEvent *) g_ptr_array_index (back->events, i))->kind);
    g_assert_true (g_str_has_prefix (kinds->str, "created "));
    g_assert_nonnull (strstr (kinds->str, "stage-done returned resubmitted"));
    g_string_free (kinds, TRUE);
  }

  /* the JSON of `case show --json` */
  {
    g_autoptr(JsonNode) node = pk_case_to_json (back);
    JsonObject *o = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (o, "request"), ==, "RQ-3");
    g_assert_cmpstr (json_object_get_string_member (o, "current_stage"), ==, "S4");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "stages")), ==, 7);
  }
}

/* Nothing typed is lost: a process that saves a field and is then killed
 * (SIGKILL, no clean-up at all) leaves it in the workspace. */
static void
test_autosave_after_kill (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "kill.pkws", NULL);
  g_autoptr(PkStore) store = new_workspace ("kill.pkws");
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) again = NULL;
  g_autoptr(PkCase) back = NULL;
  gint64 id = pk_store_add_case (store, c, &error);
  int status = 0;
  pid_t pid;

  g_assert_no_error (error);
  g_clear_object (&store);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PkStore *child = pk_store_open (path, NULL);

      if (child != NULL && pk_case_workflow_set_field (child, id, "pa4.date", "2026-11-21", NULL))
        kill (getpid (), SIGKILL);
      _exit (3);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  again = pk_store_open (path, &error);
  g_assert_no_error (error);
  back = pk_store_get_case (again, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pk_case_get_field (back, "pa4.date"), ==, "2026-11-21");
}

/* One way to attach for the app and the CLI: a photo is known by its bytes,
 * not its name (a PNG named ".JPG", a photo with no ending at all), and a
 * PDF with an upper-case ending is kept as it came. */
static void
test_attach_by_content (void)
{
  g_autoptr(PkStore) store = new_workspace ("attach.pkws");
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) back = NULL;
  g_autofree char *photo = g_build_filename (tmpdir, "SCAN.JPG", NULL);
  g_autofree char *nameless = g_build_filename (tmpdir, "scan-without-ending", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "statement.PDF", NULL);
  static const ScanPage page[] = { SCAN_COLOUR };
  gint64 id;

  g_assert_cmpint ((id = pk_store_add_case (store, c, &error)), >, 0);
  {
    cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 620, 877);
    cairo_t *cr = cairo_create (img);

    cairo_set_source_rgb (cr, 0.95, 0.93, 0.88);
    cairo_paint (cr);
    cairo_set_source_rgb (cr, 0.7, 0.1, 0.1);
    cairo_rectangle (cr, 50, 50, 300, 40);
    cairo_fill (cr);
    cairo_destroy (cr);
    g_assert_cmpint (cairo_surface_write_to_png (img, nameless), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (img);
  }
  g_assert_true (pk_scan_pdf_write (pdf, page, 1, 300, &error));
  {
    /* the same photo again, under a misleading upper-case ending */
    g_autofree char *png = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (nameless, &png, &len, NULL));
    g_assert_true (g_file_set_contents (photo, png, len, NULL));
  }
  {
    const char *one[] = { photo, NULL };
    const char *other[] = { nameless, NULL };
    const char *kept[] = { pdf, NULL };
    g_autoptr(PkDocReport) r1 = pk_case_attach_document (store, id, "birth-certificate", 0, one, &error);
    g_autoptr(PkDocReport) r2 = NULL;
    g_autoptr(PkDocReport) r3 = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (r1);
    r2 = pk_case_attach_document (store, id, "birth-certificate", 0, other, &error);
    g_assert_no_error (error);
    r3 = pk_case_attach_document (store, id, "birth-certificate", 0, kept, &error);
    g_assert_no_error (error);
  }
  back = pk_store_get_case (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->documents->len, ==, 3);
  g_assert_cmpstr (((PkCaseDocument *) g_ptr_array_index (back->documents, 0))->file_name, ==, "SCAN (1 photo).pdf");
  g_assert_cmpstr (((PkCaseDocument *) g_ptr_array_index (back->documents, 1))->file_name, ==,
                   "scan-without-ending (1 photo).pdf");
  g_assert_cmpstr (((PkCaseDocument *) g_ptr_array_index (back->documents, 2))->file_name, ==, "statement.PDF");
}

/* A return whose transaction fails leaves the caller's case as it was: the
 * store changes a copy and hands its state over only after the commit. */
static void
test_rollback_leaves_case (void)
{
  g_autoptr(PkStore) store = new_workspace ("rollback.pkws");
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autoptr(GError) error = NULL;
  PkCaseStatus status;

  g_assert_cmpint (pk_store_add_case (store, c, &error), >, 0);
  g_assert_no_error (error);
  status = c->status;
  /* the history refuses any new entry, so the transaction fails at its end */
  g_assert_cmpint (sqlite3_exec (_pk_store_db (store), "CREATE TEMP TRIGGER refuse BEFORE INSERT ON"
                                 " case_events BEGIN SELECT RAISE (ABORT, 'refused'); END", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_false (pk_case_workflow_return (store, c, "PA-3", "The site is outside the county", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_hash_table_contains (c->stage_states, "PA-3"));
  g_assert_false (g_hash_table_contains (c->stage_notes, "PA-3"));
  g_assert_cmpint (c->status, ==, status);

  g_assert_cmpint (sqlite3_exec (_pk_store_db (store), "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (pk_case_workflow_return (store, c, "PA-3", "The site is outside the county", &error));
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (c->stage_states, "PA-3"));
  g_assert_cmpint (c->status, ==, PK_CASE_RETURNED);
}

/* Photos of the original sheets (PNG here) combined into one PDF in order:
 * one image per page, and the result passes doc-check as a birth
 * certificate; something that is not a photo is refused with its name. */
static void
test_combine_images (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (tmpdir, "page1.png", NULL);
  g_autofree char *b = g_build_filename (tmpdir, "page2.png", NULL);
  g_autofree char *txt = g_build_filename (tmpdir, "notes.png", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "combined.pdf", NULL);
  g_autoptr(PkDocReport) report = NULL;
  const char *pages[] = { a, b, NULL };
  const char *bad[] = { a, txt, NULL };
  GRand *rand = g_rand_new_with_seed (7);

  for (int k = 0; k < 2; k++)
    {
      /* a colour "photo" at about 210 dpi over an A4 sheet */
      cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1740, 2460);
      guint32 *px;

      cairo_surface_flush (img);
      px = (guint32 *) cairo_image_surface_get_data (img);
      for (int y = 0; y < 2460; y++)
        for (int x = 0; x < 1740; x++)
          {
            guint r = 200 + g_rand_int_range (rand, 0, 40) - (x / 40) % 3 * 30;
            guint g = 180 + g_rand_int_range (rand, 0, 40) - (y / 60) % 2 * 60;
            guint bl = 140 + g_rand_int_range (rand, 0, 40);

            px[(gsize) y * (cairo_image_surface_get_stride (img) / 4) + x] = (MIN (r, 255) << 16) | (MIN (g, 255) << 8) | MIN (bl, 255);
          }
      cairo_surface_mark_dirty (img);
      g_assert_cmpint (cairo_surface_write_to_png (img, k ? b : a), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (img);
    }
  g_rand_free (rand);

  g_assert_true (pk_doc_combine_images (pages, pdf, &error));
  g_assert_no_error (error);
  report = pk_doc_check (pdf, "birth-certificate", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->pages, ==, 2);
  for (guint i = 0; i < report->findings->len; i++)
    {
      PkFinding *f = g_ptr_array_index (report->findings, i);
      g_test_message ("%s %d %s", f->rule, f->status, f->message);
    }
  g_assert_true (report->pass);

  g_file_set_contents (txt, "not a picture", -1, NULL);
  g_assert_false (pk_doc_combine_images (bad, pdf, &error));
  g_assert_error (error, PK_DOC_ERROR, PK_DOC_ERROR_NOT_PDF);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* PA-3 through the workflow: the site is where the verdict checked it, the
 * verdict is kept with the case and read as JSON, not searched for; a
 * failing site blocks the stage, a passing one does not; each check is in
 * the history with its outcome. */
static void
test_site_verdict (void)
{
  g_autoptr(PkStore) store = new_workspace ("site.pkws");
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, &error);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
  const PkStageInfo *pa3 = pk_stage_info ("PA-3");
  const PkOffice *taken = NULL;
  PkSiteQuery q;

  g_assert_cmpint (pk_store_add_case (store, c, &error), >, 0);
  for (guint i = 0; i < offices->len && taken == NULL; i++)
    if (((PkOffice *) g_ptr_array_index (offices, i))->license == PK_LICENSE_URBAN)
      taken = g_ptr_array_index (offices, i);
  g_assert_nonnull (taken);

  /* right beside an urban office: too close (SR-3), the check fails */
  pk_site_query_init (&q);
  q.lat = taken->lat + 0.0001;
  q.lon = taken->lon;
  q.license = PK_LICENSE_URBAN;
  {
    g_autoptr(PkSiteVerdict) v = pk_site_checker_check (checker, &q);
    g_autoptr(GPtrArray) missing = NULL;
    gboolean says_fails = FALSE;

    g_assert_cmpint (v->verdict, ==, PK_VERDICT_FAIL);
    g_assert_true (pk_case_workflow_set_site (store, c, v, &error));
    g_assert_no_error (error);
    g_assert_true (c->has_site);
    g_assert_cmpfloat_with_epsilon (c->site_lat, q.lat, 1e-9);
    g_assert_true (pk_case_site_check_fails (c));
    missing = pk_case_missing (c, pa3);
    for (guint i = 0; i < missing->len; i++)
      says_fails |= strstr (g_ptr_array_index (missing, i), "fails the siting check") != NULL;
    g_assert_true (says_fails);
    g_assert_false (pk_case_workflow_mark_stage (store, c, "PA-3", TRUE, &error));
    g_assert_error (error, PK_CASE_ERROR, PK_CASE_ERROR_MISSING);
    g_clear_error (&error);
  }

  /* the verdict is read, not matched as text: a passing check with "fail"
   * in a place name or a rule's message is not a failing site */
  g_free (c->site_check);
  c->site_check = g_strdup ("{\"verdict\": \"pass\", \"rules\": [{\"verdict\":\"fail\"}]}");
  g_assert_false (pk_case_site_check_fails (c));
  g_free (c->site_check);
  c->site_check = g_strdup ("not JSON \"verdict\":\"fail\"");
  g_assert_false (pk_case_site_check_fails (c));
  g_clear_pointer (&c, pk_case_free);

  {
    g_autoptr(PkCase) back = NULL;
    gboolean logged = FALSE;

    back = pk_store_get_case (store, 1, &error);
    g_assert_no_error (error);
    g_assert_true (pk_case_site_check_fails (back));    /* as stored, not as the test changed it */
    for (guint i = 0; i < back->events->len; i++)
      {
        PkCaseEvent *e = g_ptr_array_index (back->events, i);

        /* the outcome in words the history shows, not the JSON's keyword */
        logged |= g_strcmp0 (e->kind, "site-checked") == 0 &&
                  g_strcmp0 (e->message, pk_verdict_display_name (PK_VERDICT_FAIL)) == 0;
      }
    g_assert_true (logged);
    /* off the map: the address is what locates it, and it is checked as text */
    g_assert_true (pk_case_workflow_set_site_details (store, back, TRUE, "بیرجند، خیابان طالقانی ۱۲", &error));
    g_assert_true (back->site_not_on_map);
    g_assert_cmpstr (back->site_address, ==, "بیرجند، خیابان طالقانی ۱۲");
    g_assert_false (pk_case_workflow_set_site_details (store, back, TRUE, "bad\x01text", &error));
    g_assert_error (error, PK_CASE_ERROR, PK_CASE_ERROR_INVALID);
  }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("pk-case-XXXXXX", NULL);
  g_test_add_func ("/case/plans", test_plans);
  g_test_add_func ("/case/kinds", test_kinds);
  g_test_add_func ("/case/file", test_case_file);
  g_test_add_func ("/case/site-verdict", test_site_verdict);
  g_test_add_func ("/case/autosave-after-kill", test_autosave_after_kill);
  g_test_add_func ("/case/rollback-leaves-case", test_rollback_leaves_case);
  g_test_add_func ("/case/attach-by-content", test_attach_by_content);
  g_test_add_func ("/case/combine-images", test_combine_images);
  rc = g_test_run ();
  pk_test_remove_dir (tmpdir);
  return rc;
}
