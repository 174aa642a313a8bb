/* pk-bench-doc.c: speed of the document check (issue: application case file)
 *
 * A 20-page, 300 dpi colour scan made with cairo; measures in one run the
 * whole doc-check (target: under 1 s) and a page thumbnail (target: under
 * 50 ms; the app makes it from the image the check decodes anyway, against
 * Poppler rendering the page), against poppler-utils' `pdfimages -list` on
 * the same file.
 *
 * Given a folder (bench/run-doc-bench.sh makes one with tests/scan-corpus.py:
 * the same 20-page A4 300 dpi scan written by PIL, reportlab, img2pdf,
 * ImageMagick, Ghostscript, qpdf and hand-made filter chains), it also prints
 * one row per writer: doc-check beside `pdftoppm -r 20` rendering every page
 * of the same file, both medians of 3 in the same run.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <time.h>

#include "pk-doc-check.h"
#include "pk-scan-pdf.h"
#include "pk-test-util.h"

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median_of_3 (GArray *a)
{
  g_array_sort (a, compare_double);
  return g_array_index (a, double, a->len / 2);
}

/* g_ptr_array_sort passes pointers to the elements */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
bench_writers (const char *folder)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *out = g_dir_make_tmp ("pk-bench-ppm-XXXXXX", NULL);
  const char *name;
  double worst = 0;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  printf ("\nDocument check per PDF writer — the same 20-page A4 300 dpi colour scan\n");
  printf ("%-28s %7s %6s %12s %12s %7s %6s\n", "writer / encoding", "MiB", "qpdf", "doc-check s",
          "pdftoppm s", "ratio", "pass");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autofree char *prefix = g_build_filename (out, "page", NULL);
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
      gboolean pass = FALSE;
      guint n_fast = 0;
      GStatBuf st;

      g_stat (path, &st);
      for (int run = 0; run < 3; run++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PkDocReport) r = NULL;
          double t = now_s ();

          r = pk_doc_check (path, "birth-certificate", NULL, &error);
          t = now_s () - t;
          g_array_append_val (ours, t);
          pass = r != NULL && r->pass;
          n_fast = r ? r->n_fast : 0;
          if (pdftoppm != NULL)
            {
              const char *args[] = { pdftoppm, "-r", "20", "-png", path, prefix, NULL };

              t = now_s ();
              g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, NULL, NULL, NULL, NULL);
              t = now_s () - t;
              g_array_append_val (theirs, t);
            }
        }
      worst = MAX (worst, median_of_3 (ours));
      printf ("%-28s %7.1f %6u %12.3f %12.3f %6.1f× %6s\n", (char *) g_ptr_array_index (names, i),
              st.st_size / 1048576.0, n_fast, median_of_3 (ours),
              theirs->len ? median_of_3 (theirs) : NAN,
              theirs->len ? median_of_3 (theirs) / median_of_3 (ours) : NAN, pass ? "yes" : "NO");
      pk_test_remove_dir (out);            /* pdftoppm's pages */
      g_mkdir (out, 0700);
    }
  g_rmdir (out);
  printf ("%-28s %7s %6s %12.3f %12s\n", "slowest writer", "", "", worst, "target < 1");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pk-bench-doc-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "scan-20p-300dpi.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *pdfimages = g_find_program_in_path ("pdfimages");
  g_autoptr(GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumbs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quick = g_array_new (FALSE, FALSE, sizeof (double));
  ScanPage pages[20];
  PopplerDocument *doc;
  double t, baseline = NAN;
  guint n_fast = 0;
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    pages[i] = SCAN_COLOUR;
  if (!pk_scan_pdf_write (pdf, pages, G_N_ELEMENTS (pages), 300, &error))
    g_error ("%s", error->message);
  g_stat (pdf, &st);

  for (int run = 0; run < 3; run++)
    {
      g_autoptr(PkDocReport) r = NULL;

      t = now_s ();
      r = pk_doc_check (pdf, "birth-certificate", NULL, &error);
      t = now_s () - t;
      if (r == NULL || !r->pass)
        g_error ("the good scan did not pass");
      n_fast = r->n_fast;
      g_array_append_val (checks, t);
    }
  g_array_sort (checks, compare_double);

  doc = poppler_document_new_from_file (uri, NULL, &error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      double w, h, scale;
      cairo_surface_t *s;
      cairo_t *cr;

      t = now_s ();
      poppler_page_get_size (page, &w, &h);
      scale = 160 / w;                               /* a 160 px wide thumbnail */
      s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 160, (int) ceil (h * scale));
      cr = cairo_create (s);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
      t = (now_s () - t) * 1000;
      g_array_append_val (thumbs, t);

      /* what the app does: the thumbnail from the image the check decoded anyway */
      {
        GList *images = poppler_page_get_image_mapping (page);
        cairo_surface_t *img = images ? poppler_page_get_image (page, ((PopplerImageMapping *) images->data)->image_id)
                                      : NULL;

        if (img != NULL)
          {
            cairo_surface_t *thumb;

            t = now_s ();
            thumb = pk_doc_thumbnail (img);
            t = (now_s () - t) * 1000;
            g_array_append_val (quick, t);
            cairo_surface_destroy (thumb);
            cairo_surface_destroy (img);
          }
        poppler_page_free_image_mapping (images);
      }
      g_object_unref (page);
    }
  g_object_unref (doc);
  g_array_sort (thumbs, compare_double);
  g_array_sort (quick, compare_double);

  if (pdfimages != NULL)
    {
      const char *args[] = { pdfimages, "-list", pdf, NULL };

      t = now_s ();
      g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                    NULL, NULL, NULL);
      baseline = now_s () - t;
    }

  printf ("\nDocument check — 20-page, 300 dpi colour scan (%.1f MiB)\n", st.st_size / 1048576.0);
  printf ("%-44s %12s %12s\n", "measure", "value", "target");
  printf ("%-44s %12.3f %12s\n", "doc-check, whole file, median of 3, s", g_array_index (checks, double, 1), "< 1");
  printf ("%-44s %12u %12s\n", "  pages read by qpdf (not decoded whole)", n_fast, "");
  printf ("%-44s %12.1f %12s\n", "thumbnail from the check's image, p50, ms",
          g_array_index (quick, double, quick->len / 2), "");
  printf ("%-44s %12.1f %12s\n", "thumbnail from the check's image, max, ms",
          g_array_index (quick, double, quick->len - 1), "< 50");
  printf ("%-44s %12.1f %12s\n", "  baseline: Poppler renders the page, p50, ms",
          g_array_index (thumbs, double, thumbs->len / 2), "");
  printf ("%-44s %12.1f %12s\n", "  baseline: Poppler renders the page, max, ms",
          g_array_index (thumbs, double, thumbs->len - 1), "");
  if (!isnan (baseline))
    printf ("%-44s %12.3f %12s\n", "baseline: pdfimages -list, s", baseline, "");

  g_unlink (pdf);
  g_rmdir (dir);
  if (argc > 1)
    bench_writers (argv[1]);
  return 0;
}
