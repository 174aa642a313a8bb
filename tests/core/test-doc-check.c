/* test-doc-check.c: document checks on PDFs the test makes with cairo
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>

#include "pk-doc-check.h"
#include "pk-scan-pdf.h"

static char *tmpdir;

static char *
make (const char     *name,
      const ScanPage *pages,
      guint           n,
      double          dpi)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (pk_scan_pdf_write (path, pages, n, dpi, &error));
  g_assert_no_error (error);
  return path;
}

static PkDocReport *
check (const char *path,
       const char *kind)
{
  g_autoptr(GError) error = NULL;
  PkDocOptions opts = { 200 };
  PkDocReport *r = pk_doc_check (path, kind, &opts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* the finding for @rule on @page (0: the whole file) with @status exists */
static gboolean
has (PkDocReport     *r,
     const char      *rule,
     PkFindingStatus  status,
     int              page)
{
  for (guint i = 0; i < r->findings->len; i++)
    {
      PkFinding *f = g_ptr_array_index (r->findings, i);

      if (g_str_equal (f->rule, rule) && f->status == status && f->page == page)
        return TRUE;
    }
  return FALSE;
}

static void
test_good_scan (void)
{
  const ScanPage pages[] = { SCAN_COLOUR, SCAN_COLOUR, SCAN_COLOUR };
  g_autofree char *path = make ("good.pdf", pages, 3, 210);
  g_autoptr(PkDocReport) r = check (path, "birth-certificate");
  g_autoptr(JsonNode) json = pk_doc_report_to_json (r);
  JsonObject *o = json_node_get_object (json);

  g_assert_true (r->pass);
  g_assert_cmpint (r->pages, ==, 3);
  g_assert_cmpfloat_with_epsilon (r->page_dpi[0], 210, 2);
  g_assert_true (has (r, "DOC-2", PK_FINDING_PASS, 0));
  g_assert_true (has (r, "DOC-5", PK_FINDING_PASS, 0));
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "pass");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "birth-certificate");
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 3);
}

static void
test_grey (void)
{
  const ScanPage pages[] = { SCAN_COLOUR, SCAN_GREY };
  g_autofree char *path = make ("grey.pdf", pages, 2, 210);
  g_autoptr(PkDocReport) r = check (path, "articles-of-association");
  g_autoptr(PkDocReport) generic = check (path, "generic");

  g_assert_false (r->pass);
  g_assert_true (has (r, "DOC-5", PK_FINDING_FAIL, 2));
  g_assert_false (has (r, "DOC-5", PK_FINDING_FAIL, 1));
  g_assert_true (generic->pass);                    /* other documents: only a warning */
  g_assert_true (has (generic, "DOC-5", PK_FINDING_WARN, 2));
}

/* a typed sheet scanned in colour has no coloured ink, but is not a grey scan */
static void
test_colour_scan_of_plain_sheet (void)
{
  const ScanPage pages[] = { SCAN_COLOUR_PLAIN };
  g_autofree char *path = make ("plain-colour.pdf", pages, 1, 210);
  g_autoptr(PkDocReport) r = check (path, "articles-of-association");

  g_assert_true (r->pass);
  g_assert_true (has (r, "DOC-5", PK_FINDING_PASS, 0));
}

static void
test_low_resolution (void)
{
  const ScanPage pages[] = { SCAN_COLOUR };
  g_autofree char *path = make ("low.pdf", pages, 1, 120);
  g_autoptr(PkDocReport) r = check (path, "national-card");
  PkDocOptions lenient = { 100 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PkDocReport) ok = pk_doc_check (path, "national-card", &lenient, &error);

  g_assert_false (r->pass);
  g_assert_true (has (r, "DOC-1", PK_FINDING_FAIL, 1));
  g_assert_cmpfloat_with_epsilon (r->page_dpi[0], 120, 2);
  g_assert_true (ok->pass);                         /* the threshold is a setting */
}

static void
test_two_images_and_typed (void)
{
  const ScanPage pages[] = { SCAN_COLOUR, SCAN_TWO_IMAGES, SCAN_TEXT_ONLY };
  g_autofree char *path = make ("two.pdf", pages, 3, 210);
  g_autoptr(PkDocReport) r = check (path, "establishment-notice");

  g_assert_false (r->pass);
  g_assert_true (has (r, "DOC-4", PK_FINDING_FAIL, 2));
  g_assert_true (has (r, "DOC-4", PK_FINDING_FAIL, 3));
  g_assert_false (has (r, "DOC-4", PK_FINDING_FAIL, 1));
}

static void
test_blank_page (void)
{
  const ScanPage pages[] = { SCAN_COLOUR, SCAN_BLANK, SCAN_COLOUR };
  g_autofree char *path = make ("blank.pdf", pages, 3, 210);
  g_autoptr(PkDocReport) r = check (path, "birth-certificate");

  g_assert_false (r->pass);
  g_assert_true (has (r, "DOC-1", PK_FINDING_FAIL, 2));
  g_assert_false (has (r, "DOC-1", PK_FINDING_FAIL, 1));
}

static void
test_page_count (void)
{
  const ScanPage pages[] = { SCAN_COLOUR, SCAN_COLOUR, SCAN_COLOUR };
  g_autofree char *path = make ("three.pdf", pages, 3, 210);
  g_autoptr(PkDocReport) r = check (path, "national-card");   /* a card has 1–2 sides */

  g_assert_false (r->pass);
  g_assert_true (has (r, "DOC-1", PK_FINDING_FAIL, 0));
}

static void
test_unreadable (void)
{
  const ScanPage pages[] = { SCAN_COLOUR };
  g_autofree char *good = make ("whole.pdf", pages, 1, 150);
  g_autofree char *trunc = g_build_filename (tmpdir, "truncated.pdf", NULL);
  g_autofree char *empty = g_build_filename (tmpdir, "empty.pdf", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "photo.pdf", NULL);
  g_autofree char *text = g_build_filename (tmpdir, "notes.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  const struct { const char *path; int code; } cases[] = {
    { trunc, PK_DOC_ERROR_DAMAGED },
    { empty, PK_DOC_ERROR_EMPTY },
    { png, PK_DOC_ERROR_NOT_PDF },
    { text, PK_DOC_ERROR_NOT_PDF },
    { missing, PK_DOC_ERROR_MISSING },
  };

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (trunc, contents, len / 2, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (text, "hello\n", -1, NULL));
  {
    cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 20, 20);
    g_assert_cmpint (cairo_surface_write_to_png (s, png), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (s);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PkDocReport) r = pk_doc_check (cases[i].path, "generic", NULL, &error);

      g_assert_null (r);
      g_assert_error (error, PK_DOC_ERROR, cases[i].code);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (pk_doc_check (good, "passport", NULL, &error));
    g_assert_error (error, PK_DOC_ERROR, PK_DOC_ERROR_UNKNOWN_KIND);
  }
}

/* qpdf (installed by make deps) writes a password-protected copy */
static void
test_encrypted (void)
{
  const ScanPage pages[] = { SCAN_COLOUR };
  g_autofree char *good = make ("plain.pdf", pages, 1, 150);
  g_autofree char *locked = g_build_filename (tmpdir, "locked.pdf", NULL);
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PkDocReport) r = NULL;
  const char *argv[] = { qpdf, "--encrypt", "user", "owner", "256", "--", good, locked, NULL };
  int status = -1;

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed (make deps installs it)");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_file_test (locked, G_FILE_TEST_IS_REGULAR));
  r = pk_doc_check (locked, "generic", NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PK_DOC_ERROR, PK_DOC_ERROR_ENCRYPTED);
}

/* A photo of a sheet as a camera or scanner writes it: a JPEG of @w × @h,
 * colour (a tinted form with coloured marks) or grey. */
static char *
write_jpeg (const char *name,
            int         w,
            int         h,
            gboolean    colour)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  g_autofree JSAMPLE *row = g_malloc ((gsize) w * 3);
  GRand *rand = g_rand_new_with_seed (w + h);
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_stdio_dest (&c, f);
  c.image_width = w;
  c.image_height = h;
  c.input_components = colour ? 3 : 1;
  c.in_color_space = colour ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 85, TRUE);
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rows[1] = { row };
      int y = c.next_scanline;

      for (int x = 0; x < w; x++)
        {
          gboolean mark = (y / 40) % 3 == 0 && (x / 25) % 4 != 0;      /* lines of "text" */
          int noise = g_rand_int_range (rand, -6, 7);
          int r = mark ? 40 : 236, g = mark ? 60 : 232, b = mark ? 150 : 214;     /* blue ink, cream paper */

          if (colour)
            {
              row[3 * x] = CLAMP (r + noise, 0, 255);
              row[3 * x + 1] = CLAMP (g + noise, 0, 255);
              row[3 * x + 2] = CLAMP (b + noise, 0, 255);
            }
          else
            row[x] = CLAMP ((mark ? 50 : 230) + noise, 0, 255);
        }
      jpeg_write_scanlines (&c, rows, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  fclose (f);
  g_rand_free (rand);
  return path;
}

/* Photos of the originals (JPEG, as phones and scanners write them) combined
 * into one PDF keep their JPEG: the check reads its size and decodes it small
 * (the fast path) and must judge as the full decode would — 300 dpi colour
 * passes, 150 dpi fails DOC-1, grey fails DOC-5. */
static void
test_jpeg_pages (void)
{
  g_autofree char *good = write_jpeg ("good.jpg", 2480, 3508, TRUE);
  g_autofree char *low = write_jpeg ("low.jpg", 1240, 1754, TRUE);
  g_autofree char *grey = write_jpeg ("grey.jpg", 2480, 3508, FALSE);
  g_autofree char *pdf = g_build_filename (tmpdir, "photos.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *pages[] = { good, low, grey, NULL };
  g_autoptr(PkDocReport) r = NULL;

  g_assert_true (pk_doc_combine_images (pages, pdf, &error));
  g_assert_no_error (error);
  r = check (pdf, "birth-certificate");
  g_assert_cmpint (r->pages, ==, 3);
  g_assert_false (r->pass);
  g_assert_cmpfloat_with_epsilon (r->page_dpi[0], 300, 1);
  g_assert_cmpfloat_with_epsilon (r->page_dpi[1], 150, 1);
  g_assert_false (has (r, "DOC-1", PK_FINDING_FAIL, 1));
  g_assert_false (has (r, "DOC-5", PK_FINDING_FAIL, 1));
  g_assert_true (has (r, "DOC-1", PK_FINDING_FAIL, 2));      /* 150 dpi */
  g_assert_false (has (r, "DOC-5", PK_FINDING_FAIL, 2));
  g_assert_true (has (r, "DOC-5", PK_FINDING_FAIL, 3));      /* grey */
  g_assert_false (has (r, "DOC-1", PK_FINDING_FAIL, 3));
  g_assert_cmpuint (r->n_fast, ==, 3);             /* all three read by qpdf, decoded small */
  g_assert_cmpuint (r->thumbnails->len, ==, 3);
  g_assert_cmpint (cairo_image_surface_get_height (g_ptr_array_index (r->thumbnails, 0)), ==,
                   PK_DOC_THUMBNAIL_HEIGHT);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmpdir = g_dir_make_tmp ("pk-doc-XXXXXX", NULL);
  g_test_add_func ("/doc-check/good-scan", test_good_scan);
  g_test_add_func ("/doc-check/greyscale", test_grey);
  g_test_add_func ("/doc-check/low-resolution", test_low_resolution);
  g_test_add_func ("/doc-check/colour-scan-of-plain-sheet", test_colour_scan_of_plain_sheet);
  g_test_add_func ("/doc-check/two-images-and-typed", test_two_images_and_typed);
  g_test_add_func ("/doc-check/blank-page", test_blank_page);
  g_test_add_func ("/doc-check/page-count", test_page_count);
  g_test_add_func ("/doc-check/unreadable", test_unreadable);
  g_test_add_func ("/doc-check/encrypted", test_encrypted);
  g_test_add_func ("/doc-check/jpeg-pages", test_jpeg_pages);
  rc = g_test_run ();
  pk_test_remove_dir (tmpdir);
  return rc;
}
