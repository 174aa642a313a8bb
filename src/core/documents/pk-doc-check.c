/* pk-doc-check.c
 *
 * The directorate returns files for poor scans (DOC-1, RT-1). This checks an
 * upload before it is sent, with Poppler, against the rules of its kind:
 *   - page count for the kind (a national card has one or two sides);
 *   - one image per page: each page is one scanned sheet (DOC-2 … DOC-4);
 *   - the effective resolution of each page's image (pixels over the printed
 *     size), at least a setting (default 200 dpi), and no blank pages (DOC-1);
 *   - colour, judged on the pixels, not the declared colour space: a grey scan
 *     saved as RGB is still grey (DOC-5).
 * Encrypted, damaged, empty or non-PDF files are refused with a plain reason.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE          /* memmem */
#define G_LOG_DOMAIN "pk-doc-check"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "pk-doc-check.h"
#include "pk-doc-image.h"
#include "pk-text.h"

G_DEFINE_QUARK (pk-doc-error-quark, pk_doc_error)

/* More pages than any document of a case: measured no further. */
#define PK_DOC_MAX_PAGES 100

typedef struct
{
  const char *id;
  int         min_pages;
  int         max_pages;      /* 0: no limit */
  const char *image_rule;     /* the "one image per page" rule of the kind */
  gboolean    colour_required;
} Kind;

static const Kind kinds[] = {
  { "birth-certificate", 1, 0, "DOC-2", TRUE },
  { "articles-of-association", 1, 0, "DOC-3", TRUE },
  { "establishment-notice", 1, 0, "DOC-4", TRUE },
  { "national-card", 1, 2, "DOC-1", TRUE },
  { "degree", 1, 2, "DOC-1", TRUE },
  { "military-card", 1, 2, "DOC-1", TRUE },
  { "no-record-certificate", 1, 2, "DOC-1", TRUE },
  { "photo", 1, 1, "DOC-1", TRUE },
  { "tax-registration", 1, 0, "DOC-6", FALSE },
  { "bank-debt-statement", 1, 0, "DOC-7", FALSE },
  { "commitment-form", 1, 0, "DOC-1", FALSE },
  { "postal-code-confirmation", 1, 0, "DOC-1", FALSE },
  { "generic", 1, 0, "DOC-1", FALSE },
};

const char * const *
pk_doc_kinds (void)
{
  static const char *ids[G_N_ELEMENTS (kinds) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    ids[i] = kinds[i].id;
  return ids;
}

const char *
pk_doc_kind_display (const char *kind)
{
  if (g_strcmp0 (kind, "birth-certificate") == 0) return _("Birth certificate, all pages");
  if (g_strcmp0 (kind, "articles-of-association") == 0) return _("Certified articles of association");
  if (g_strcmp0 (kind, "establishment-notice") == 0) return _("Establishment and latest-changes notice");
  if (g_strcmp0 (kind, "national-card") == 0) return _("National card");
  if (g_strcmp0 (kind, "degree") == 0) return _("Degree");
  if (g_strcmp0 (kind, "military-card") == 0) return _("Military service card or exemption");
  if (g_strcmp0 (kind, "no-record-certificate") == 0) return _("No-criminal-record certificate");
  if (g_strcmp0 (kind, "photo") == 0) return _("Personnel photo");
  if (g_strcmp0 (kind, "tax-registration") == 0) return _("Tax registration sheet (step 4)");
  if (g_strcmp0 (kind, "bank-debt-statement") == 0) return _("Bank-debt statement (credit scoring)");
  if (g_strcmp0 (kind, "commitment-form") == 0) return _("Signed commitment form");
  if (g_strcmp0 (kind, "postal-code-confirmation") == 0) return _("Postal-code confirmation of the site");
  return _("Other document");
}

static const Kind *
find_kind (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].id, id) == 0)
      return &kinds[i];
  return NULL;
}

static void
finding_free (PkFinding *f)
{
  g_free (f->message);
  g_free (f);
}

void
pk_doc_report_free (PkDocReport *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->kind);
  g_ptr_array_unref (self->findings);
  g_free (self->page_dpi);
  g_clear_pointer (&self->thumbnails, g_ptr_array_unref);
  g_free (self);
}

static void G_GNUC_PRINTF (5, 6)
add (PkDocReport     *r,
     const char      *rule,
     PkFindingStatus  status,
     int              page,
     const char      *format,
     ...)
{
  PkFinding *f = g_new0 (PkFinding, 1);
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  f->rule = rule;
  f->status = status;
  f->page = page;
  f->message = pk_text_localize_digits (text);
  g_ptr_array_add (r->findings, f);
  if (status == PK_FINDING_FAIL)
    r->pass = FALSE;
}

/* Reads the head and tail of the file: a PDF starts with %PDF- and ends with
 * %%EOF (a truncated upload has lost its end). */
static gboolean
check_envelope (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *display = g_filename_display_name (path);
  char head[8] = { 0 }, tail[1025] = { 0 };
  goffset size;
  gsize n;

  if ((info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NONE, NULL, NULL)) == NULL ||
      g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_MISSING, _("“%s” does not exist"), display);
      return FALSE;
    }
  size = g_file_info_get_size (info);
  if (size == 0)
    {
      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_EMPTY, _("“%s” is empty"), display);
      return FALSE;
    }
  if ((in = g_file_read (file, NULL, error)) == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, 5, &n, NULL, error))
    return FALSE;
  if (n < 5 || memcmp (head, "%PDF-", 5) != 0)
    {
      const char *what = memcmp (head, "\xFF\xD8\xFF", 3) == 0 ? _(" (it is a JPEG image)")
                       : memcmp (head, "\x89PNG", 4) == 0 ? _(" (it is a PNG image)") : "";

      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_NOT_PDF,
                   _("“%s” is not a PDF file%s; scan to PDF, or combine the photos into one PDF"),
                   display, what);
      return FALSE;
    }
  if (!g_seekable_seek (G_SEEKABLE (in), MAX (0, size - 1024), G_SEEK_SET, NULL, error) ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), tail, 1024, &n, NULL, error))
    return FALSE;
  if (memmem (tail, n, "%%EOF", 5) == NULL)     /* binary bytes may hold NULs */
    {
      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_DAMAGED,
                   _("“%s” is damaged or incomplete (its end is missing); upload it again"),
                   display);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  double   blank_fraction;     /* share of pixels near the paper colour */
  double   colour_fraction;    /* share of clearly coloured pixels */
  double   tint_fraction;      /* share of pixels with any chroma at all */
  double   ink_fraction;       /* share of pixels that are marks (not paper) */
} PixelStats;

/* Blank / colour from pixels: the paper is the most common brightness, marks
 * differ from it clearly; chroma tells colour from grey. @step samples. */
static void
surface_pixel_stats (cairo_surface_t *surface,
                     int              step,
                     PixelStats      *s)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int pw = cairo_image_surface_get_width (surface), ph = cairo_image_surface_get_height (surface);
  guint64 n = 0, coloured = 0, tinted = 0, ink = 0, hist[64] = { 0 }, peak = 0;
  int paper = 0;

  memset (s, 0, sizeof *s);
  if (data == NULL)
    return;
  cairo_surface_flush (surface);
  for (int y = 0; y < ph; y += step)
    for (int x = 0; x < pw; x += step)
      {
        guint32 px = *(guint32 *) (data + (gsize) y * stride + 4 * x);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        int mx = MAX (r, MAX (g, b)), mn = MIN (r, MIN (g, b));

        n++;
        coloured += (mx - mn) > 28;            /* chroma: grey stays below whatever its level */
        tinted += (mx - mn) >= 4;
        hist[((r * 299 + g * 587 + b * 114) / 1000) / 4]++;
      }
  for (int i = 0; i < 64; i++)
    if (hist[i] > peak)
      {
        peak = hist[i];
        paper = i;
      }
  for (int i = 0; i < 64; i++)
    if (ABS (i - paper) > 6)
      ink += hist[i];
  s->colour_fraction = n ? (double) coloured / n : 0;
  s->tint_fraction = n ? (double) tinted / n : 0;
  s->ink_fraction = n ? (double) ink / n : 0;
  s->blank_fraction = 1 - s->ink_fraction;
}

/* Renders the page small (about 40 dpi) and looks at its pixels. */
static void
page_pixel_stats (PopplerPage      *page,
                  PixelStats       *s,
                  cairo_surface_t **thumbnail)
{
  double w, h, scale;
  int pw, ph;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &w, &h);
  /* about 40 dpi; a page of absurd size is drawn no larger than 4000 px */
  scale = 40.0 / 72.0;
  if (!(w > 0 && h > 0) || MAX (w, h) * scale > 4000)
    scale = 4000 / MAX (MAX (w, h), 1.0);
  pw = CLAMP ((int) (w * scale), 1, 4000);
  ph = CLAMP ((int) (h * scale), 1, 4000);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  surface_pixel_stats (surface, 1, s);
  *thumbnail = pk_doc_thumbnail (surface);
  cairo_surface_destroy (surface);
}

typedef struct
{
  gboolean   readable;
  guint      n_images;
  double     dpi;          /* lowest effective resolution of the page's images, or NAN */
  PixelStats stats;
  cairo_surface_t *thumbnail;
  /* from pk-doc-image: the page's one image as qpdf read it */
  int        jpeg_width, jpeg_height;   /* declared size; 0 when not one image */
  cairo_surface_t *jpeg_small;         /* decoded at about 1/8 scale, or NULL */
  gboolean   fast;                     /* judged from jpeg_small */
  gboolean   too_large;                /* an image declares more than PK_DOC_MAX_IMAGE_PIXELS */
  int        big_width, big_height;
  gboolean   skipped;                  /* not measured: the verdict was already known */
} PageResult;

/* qpdf's view of page @index into @pr. */
static void
fast_page (qpdf_data   q,
           int         index,
           PageResult *pr)
{
  PkPageImage image;

  pk_doc_image_read_page (q, index, &image);
  pr->too_large = image.too_large;
  pr->big_width = image.big_width;
  pr->big_height = image.big_height;
  pr->jpeg_width = image.width;
  pr->jpeg_height = image.height;
  pr->jpeg_small = image.small;
}

/**
 * pk_doc_thumbnail:
 * @surface: a decoded page image, or a page rendered small
 *
 * A PK_DOC_THUMBNAIL_HEIGHT px tall picture of it: each thumbnail pixel is the
 * mean of a 3 × 3 sample of its source cell — no full-size resampling, so a
 * 300 dpi scan already decoded for the check costs a few milliseconds more.
 *
 * Returns: (transfer full): an RGB24 image surface
 */
cairo_surface_t *
pk_doc_thumbnail (cairo_surface_t *surface)
{
  int sw = cairo_image_surface_get_width (surface), sh = cairo_image_surface_get_height (surface);
  int th = PK_DOC_THUMBNAIL_HEIGHT, tw = CLAMP ((int) ((double) sw * th / MAX (sh, 1)), 1, 4 * th);
  int sstride = cairo_image_surface_get_stride (surface);
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, tw, th);
  int ostride = cairo_image_surface_get_stride (out);
  guint8 *src, *dst;

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  dst = cairo_image_surface_get_data (out);
  if (src == NULL || sw <= 0 || sh <= 0)
    return out;                       /* nothing to draw from: an empty thumbnail */
  for (int y = 0; y < th; y++)
    for (int x = 0; x < tw; x++)
      {
        guint r = 0, g = 0, b = 0;

        for (int j = 0; j < 3; j++)
          for (int i = 0; i < 3; i++)
            {
              int sx = MIN (sw - 1, (int) (((double) x + (i + 0.5) / 3) * sw / tw));
              int sy = MIN (sh - 1, (int) (((double) y + (j + 0.5) / 3) * sh / th));
              guint32 px = *(guint32 *) (src + (gsize) sy * sstride + 4 * sx);

              r += (px >> 16) & 0xff;
              g += (px >> 8) & 0xff;
              b += px & 0xff;
            }
        *(guint32 *) (dst + (gsize) y * ostride + 4 * x) = ((r / 9) << 16) | ((g / 9) << 8) | (b / 9);
      }
  cairo_surface_mark_dirty (out);
  return out;
}

/* Some scanners write one sheet as strips, one above the other or side by
 * side: the images cover their bounding box once, without gaps or overlaps,
 * each spans the whole box one way and at most a third of it the other (two
 * half-page images are two sheets on one page, which DOC-2 refuses). */
static gboolean
images_tile_one_sheet (GList *images)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE, sum = 0, box;

  for (GList *l = images; l; l = l->next)
    {
      PopplerRectangle *a = &((PopplerImageMapping *) l->data)->area;

      x1 = MIN (x1, MIN (a->x1, a->x2));
      x2 = MAX (x2, MAX (a->x1, a->x2));
      y1 = MIN (y1, MIN (a->y1, a->y2));
      y2 = MAX (y2, MAX (a->y1, a->y2));
      sum += fabs ((a->x2 - a->x1) * (a->y2 - a->y1));
      for (GList *m = images; m != l; m = m->next)
        {
          PopplerRectangle *b = &((PopplerImageMapping *) m->data)->area;
          double ow = MIN (MAX (a->x1, a->x2), MAX (b->x1, b->x2)) - MAX (MIN (a->x1, a->x2), MIN (b->x1, b->x2));
          double oh = MIN (MAX (a->y1, a->y2), MAX (b->y1, b->y2)) - MAX (MIN (a->y1, a->y2), MIN (b->y1, b->y2));

          /* Poppler rounds each area out to whole pixels of its own: strips
           * may seem to overlap by a point or two, sheets overlap far more */
          if (ow > 0 && oh > 0 &&
              ow * oh > 0.03 * MIN (fabs ((a->x2 - a->x1) * (a->y2 - a->y1)),
                                    fabs ((b->x2 - b->x1) * (b->y2 - b->y1))))
            return FALSE;
        }
    }
  box = (x2 - x1) * (y2 - y1);
  if (box <= 0 || fabs (sum - box) >= 0.04 * box)
    return FALSE;
  {
    gboolean rows = TRUE, columns = TRUE;

    for (GList *l = images; l; l = l->next)
      {
        PopplerRectangle *a = &((PopplerImageMapping *) l->data)->area;
        double w = fabs (a->x2 - a->x1), h = fabs (a->y2 - a->y1);

        rows = rows && w > 0.97 * (x2 - x1) && h <= (y2 - y1) / 3 + 2;
        columns = columns && h > 0.97 * (y2 - y1) && w <= (x2 - x1) / 3 + 2;
      }
    return rows || columns;
  }
}

static void
measure_page (PopplerPage *page,
              PageResult  *pr)
{
  GList *images;

  pr->readable = TRUE;
  pr->dpi = NAN;
  if (pr->too_large)       /* Poppler would try to allocate it, and abort */
    return;
  images = poppler_page_get_image_mapping (page);
  pr->n_images = g_list_length (images);
  if (pr->n_images == 1 && pr->jpeg_width > 0)
    {
      PopplerImageMapping *m = images->data;
      double wi = (m->area.x2 - m->area.x1) / 72.0, hi = (m->area.y2 - m->area.y1) / 72.0;

      /* the image Poppler draws must be the one qpdf read: same proportions
       * (an unused resource beside an inline image would not be) */
      if (wi > 0 && hi > 0 && pr->jpeg_height > 0 &&
          fabs (log ((wi / hi) / ((double) pr->jpeg_width / pr->jpeg_height))) < 0.05)
        {
          pr->dpi = MIN (pr->jpeg_width / wi, pr->jpeg_height / hi);
          if (pr->jpeg_small != NULL)
            {
              surface_pixel_stats (pr->jpeg_small, 1, &pr->stats);
              pr->thumbnail = pk_doc_thumbnail (pr->jpeg_small);
              pr->fast = TRUE;
            }
          else      /* JPX, CCITT, JBIG2…: the page drawn small, not the image decoded whole */
            page_pixel_stats (page, &pr->stats, &pr->thumbnail);
          poppler_page_free_image_mapping (images);
          return;
        }
    }
  /* several images: one sheet cut in strips, or several sheets (DOC-2);
   * the resolution of each is read from the images themselves, which the
   * size check above has bounded for every XObject */
  if (pr->n_images > 1 && images_tile_one_sheet (images))
    pr->n_images = 1;
  for (GList *l = images; l && g_list_length (images) <= 64 && pr->jpeg_width == 0 &&
                          g_list_length (images) > 1; l = l->next)
    {
      PopplerImageMapping *m = l->data;
      double wi = (m->area.x2 - m->area.x1) / 72.0, hi = (m->area.y2 - m->area.y1) / 72.0;
      cairo_surface_t *img;
      double dpi;

      if (wi <= 0 || hi <= 0 || (img = poppler_page_get_image (page, m->image_id)) == NULL)
        continue;
      dpi = MIN (cairo_image_surface_get_width (img) / wi,
                 cairo_image_surface_get_height (img) / hi);
      cairo_surface_destroy (img);
      if (isnan (pr->dpi) || dpi < pr->dpi)
        pr->dpi = dpi;
    }
  page_pixel_stats (page, &pr->stats, &pr->thumbnail);
  poppler_page_free_image_mapping (images);
}

typedef struct
{
  GBytes     *bytes;       /* the file, shared read-only */
  PageResult *results;
  int         first;       /* this worker takes pages first, first + step, … */
  int         step;
  int         n_pages;
  gboolean    unreadable;  /* qpdf could not read the file */
} Worker;

/* qpdf first: it bounds every image before Poppler may decode one. */
static void
measure_one (PopplerDocument *doc,
             qpdf_data        q,
             int              index,
             PageResult      *pr)
{
  PopplerPage *page;

  fast_page (q, index, pr);
  if ((page = poppler_document_get_page (doc, index)) != NULL)
    {
      measure_page (page, pr);
      g_object_unref (page);
    }
}

/* A Poppler document is not for two threads at once: each worker opens its own. */
static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  PopplerDocument *doc = poppler_document_new_from_bytes (w->bytes, NULL, NULL);
  qpdf_data q = pk_doc_image_open (w->bytes);

  w->unreadable = q == NULL;
  for (int i = w->first; doc != NULL && q != NULL && i < w->n_pages; i += w->step)
    measure_one (doc, q, i, &w->results[i]);
  g_clear_object (&doc);
  pk_doc_image_close (q);
  return NULL;
}

/* Measures the first @n_pages of @n_total pages; the rest are marked skipped.
 * *@unreadable: qpdf could not read the file, so no page was given to Poppler. */
static PageResult *
measure_pages (GBytes          *bytes,
               PopplerDocument *doc,
               int              n_pages,
               int              n_total,
               gboolean        *unreadable)
{
  PageResult *results = g_new0 (PageResult, MAX (n_total, 1));
  int n_workers = CLAMP ((int) g_get_num_processors (), 1, 4);

  *unreadable = FALSE;
  for (int i = n_pages; i < n_total; i++)
    results[i].skipped = TRUE;

  n_workers = MIN (n_workers, n_pages);
  if (n_workers <= 1)
    {
      qpdf_data q = n_pages > 0 ? pk_doc_image_open (bytes) : NULL;

      *unreadable = n_pages > 0 && q == NULL;
      for (int i = 0; q != NULL && i < n_pages; i++)
        measure_one (doc, q, i, &results[i]);
      pk_doc_image_close (q);
      return results;
    }
  {
    Worker workers[4];
    GThread *threads[4];

    for (int t = 0; t < n_workers; t++)
      {
        workers[t] = (Worker) { bytes, results, t, n_workers, n_pages, FALSE };
        threads[t] = g_thread_new ("pk-doc-check", worker_run, &workers[t]);
      }
    for (int t = 0; t < n_workers; t++)
      {
        g_thread_join (threads[t]);
        *unreadable |= workers[t].unreadable;
      }
  }
  return results;
}

/**
 * pk_doc_check:
 * @path: the file to check
 * @kind: one of pk_doc_kinds()
 *
 * Returns: (transfer full): the findings, or %NULL with @error when the file
 *   cannot be read at all (missing, empty, not a PDF, damaged, encrypted)
 */
/* Long on purpose: the document rules (DOC-) applied in the order the guide
 * states them, each appending its finding. */
PkDocReport *
pk_doc_check (const char          *path,
              const char          *kind_id,
              const PkDocOptions  *options,
              GError             **error)
{
  const Kind *kind = find_kind (kind_id);
  g_autoptr(PkDocReport) r = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *empty;
  PopplerDocument *doc;
  gboolean unreadable;
  int n_measure;
  double min_dpi = options && options->min_dpi > 0 ? options->min_dpi : 200;
  int n_images_ok = 0, n_colour = 0, n_blank = 0, n_low = 0;
  PageResult *results;

  if (kind == NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) pk_doc_kinds ());

      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_UNKNOWN_KIND,
                   _("unknown document kind “%s”; one of: %s"), kind_id, list);
      return NULL;
    }
  if (!check_envelope (path, error))
    return NULL;

  if ((mapped = g_mapped_file_new (path, FALSE, error)) == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  /* opening parses the structure only; no image is decoded yet */
  doc = poppler_document_new_from_bytes (bytes, NULL, &local);
  if (doc == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_ENCRYPTED,
                     _("“%s” is protected with a password; upload it without protection"),
                     display);
      else
        g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_DAMAGED,
                     _("“%s” is damaged and cannot be read (%s)"), display,
                     local ? local->message : "?");
      return NULL;
    }

  r = g_new0 (PkDocReport, 1);
  r->file = g_strdup (path);
  r->kind = g_strdup (kind->id);
  r->pass = TRUE;
  r->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  r->pages = poppler_document_get_n_pages (doc);
  r->page_dpi = g_new (double, MAX (r->pages, 1));
  r->thumbnails = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);

  n_measure = r->pages;
  if (r->pages > PK_DOC_MAX_PAGES)
    {
      /* no document of a case has that many: the verdict is known, nothing is measured */
      add (r, kind->image_rule, PK_FINDING_FAIL, 0,
           _("%d pages; no document sent with a case has more than %d pages — send each "
             "document as its own file"), r->pages, PK_DOC_MAX_PAGES);
      n_measure = 0;
    }
  else if (r->pages < kind->min_pages || (kind->max_pages > 0 && r->pages > kind->max_pages))
    {
      add (r, kind->image_rule, PK_FINDING_FAIL, 0,
           kind->max_pages > 0 ? _("%d pages; %s takes %d to %d pages")
                               : _("%d pages; %s takes at least %d pages%.0d"),
           r->pages, pk_doc_kind_display (kind->id), kind->min_pages, kind->max_pages);
      /* the verdict is known: look only at the pages the kind could have */
      n_measure = MIN (r->pages, MAX (kind->max_pages, kind->min_pages));
    }
  else
    add (r, kind->image_rule, PK_FINDING_PASS, 0, _("%d pages"), r->pages);

  /* the pages are measured in parallel (each decode is the slow part), then
   * judged in order so the findings read page by page */
  results = measure_pages (bytes, doc, n_measure, r->pages, &unreadable);
  if (unreadable)
    {
      /* qpdf reads every image's declared size before Poppler may decode
       * one; a file qpdf cannot read at all is not given to Poppler */
      g_free (results);
      g_object_unref (doc);
      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be read"), display);
      return NULL;
    }
  /* pages not measured share one empty thumbnail (100,000 of their own would be 3 GB) */
  empty = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 78, PK_DOC_THUMBNAIL_HEIGHT);
  for (int i = 0; i < r->pages; i++)
    {
      PageResult *pr = &results[i];
      guint n_images = pr->n_images;
      double page_dpi = pr->dpi;

      r->page_dpi[i] = page_dpi;
      g_clear_pointer (&pr->jpeg_small, cairo_surface_destroy);
      r->n_fast += pr->fast;
      /* one per page, in order: an unreadable page gets an empty one */
      g_ptr_array_add (r->thumbnails, pr->thumbnail != NULL
                                      ? g_steal_pointer (&pr->thumbnail)
                                      : cairo_surface_reference (empty));
      if (pr->skipped)
        continue;
      if (!pr->readable)
        {
          add (r, "DOC-1", PK_FINDING_FAIL, i + 1, _("the page cannot be read"));
          continue;
        }
      if (pr->too_large)
        {
          add (r, "DOC-1", PK_FINDING_FAIL, i + 1,
               _("an image on this page declares %d × %d pixels, more than any scan; it was "
                 "not opened"), pr->big_width, pr->big_height);
          continue;
        }

      /* DOC-2 … DOC-4: one scanned sheet per page */
      if (n_images == 1)
        n_images_ok++;
      else if (n_images == 0)
        add (r, kind->image_rule, kind->colour_required ? PK_FINDING_FAIL : PK_FINDING_WARN, i + 1,
             _("no scanned image on this page (a typed or empty page, not a scan)"));
      else
        add (r, kind->image_rule, PK_FINDING_FAIL, i + 1,
             _("%u images on this page; put one scanned sheet on each page"), n_images);

      /* DOC-1: effective resolution = image pixels over the size it is printed at */
      if (!isnan (page_dpi) && page_dpi + 0.5 < min_dpi)
        {
          n_low++;
          add (r, "DOC-1", PK_FINDING_FAIL, i + 1,
               _("scan resolution %.0f dpi; at least %.0f dpi is needed"), page_dpi, min_dpi);
        }

      /* DOC-1 blank pages, DOC-5 colour: on the pixels */
      if (pr->stats.ink_fraction < 0.002)
        {
          n_blank++;
          add (r, "DOC-1", PK_FINDING_FAIL, i + 1, _("the page is blank"));
        }
      /* a colour scan of a black-and-white sheet still has tinted paper and
       * sensor noise in R, G and B apart; a grey scan has R = G = B everywhere */
      else if (pr->stats.colour_fraction >= 0.005 || pr->stats.tint_fraction >= 0.2)
        n_colour++;
      else
        add (r, "DOC-5", kind->colour_required ? PK_FINDING_FAIL : PK_FINDING_WARN, i + 1,
             _("the scan is greyscale or black and white; scan the original in colour"));
    }
  g_free (results);
  cairo_surface_destroy (empty);

  /* a rule passes only where every page was looked at */
  if (r->pages > 0 && n_measure == r->pages && n_images_ok == r->pages)
    add (r, kind->image_rule, PK_FINDING_PASS, 0, _("one scanned image on every page"));
  if (r->pages > 0 && n_measure == r->pages && n_low == 0 && n_images_ok > 0)
    add (r, "DOC-1", PK_FINDING_PASS, 0, _("resolution at least %.0f dpi on every page"), min_dpi);
  if (r->pages > 0 && n_measure == r->pages && n_blank == 0)
    add (r, "DOC-1", PK_FINDING_PASS, 0, _("no blank pages"));
  if (r->pages > 0 && n_colour == r->pages)
    add (r, "DOC-5", PK_FINDING_PASS, 0, _("colour scan"));

  g_object_unref (doc);
  return g_steal_pointer (&r);
}

static const char *
status_id (PkFindingStatus s)
{
  return s == PK_FINDING_PASS ? "pass" : s == PK_FINDING_FAIL ? "fail" : "warn";
}

JsonNode *
pk_doc_report_to_json (const PkDocReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, r->file);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, r->kind);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, r->pages);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, r->pass ? "pass" : "fail");
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->findings->len; i++)
    {
      const PkFinding *f = g_ptr_array_index (r->findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status_id (f->status));
      json_builder_set_member_name (b, "page");
      if (f->page > 0)
        json_builder_add_int_value (b, f->page);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- photos of originals, combined into one PDF ------------------------- */

/* The pixel size of a JPEG, from its first start-of-frame marker. */
static gboolean
jpeg_size (const guint8 *d,
           gsize         len,
           int          *w,
           int          *h)
{
  gsize i = 2;

  if (len < 4 || d[0] != 0xFF || d[1] != 0xD8)
    return FALSE;
  while (i + 9 < len)
    {
      guint marker, seglen;

      if (d[i] != 0xFF)
        return FALSE;
      marker = d[i + 1];
      seglen = (d[i + 2] << 8) | d[i + 3];
      /* SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          *h = (d[i + 5] << 8) | d[i + 6];
          *w = (d[i + 7] << 8) | d[i + 8];
          return *w > 0 && *h > 0;
        }
      i += 2 + seglen;
    }
  return FALSE;
}

/* The pixel size of a PNG, from its IHDR chunk. */
static gboolean
png_size (const guint8 *d,
          gsize         len,
          int          *w,
          int          *h)
{
  guint32 pw, ph;

  if (len < 24 || memcmp (d, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp (d + 12, "IHDR", 4) != 0)
    return FALSE;
  pw = ((guint32) d[16] << 24) | ((guint32) d[17] << 16) | ((guint32) d[18] << 8) | d[19];
  ph = ((guint32) d[20] << 24) | ((guint32) d[21] << 16) | ((guint32) d[22] << 8) | d[23];
  *w = (int) MIN (pw, (guint32) G_MAXINT);
  *h = (int) MIN (ph, (guint32) G_MAXINT);
  return pw > 0 && ph > 0;
}

/**
 * pk_doc_combine_images:
 * @paths: JPEG or PNG photos of the original sheets, in page order
 *
 * Writes one PDF with one image per page (DOC-2 … DOC-4), each page A4 in the
 * image's orientation and the image filling it; a JPEG is embedded as it is
 * (no recompression, so its resolution and colour stay what was scanned).
 */
/* Long on purpose: each photo read, measured and placed on an A4 page of its
 * orientation in one pass, so no decoded image outlives its page. */
gboolean
pk_doc_combine_images (const char * const  *paths,
                       const char          *out_pdf,
                       GError             **error)
{
  cairo_surface_t *pdf = NULL;
  cairo_t *cr = NULL;
  cairo_status_t status;

  if (paths == NULL || paths[0] == NULL)
    {
      g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_MISSING, _("No images to combine."));
      return FALSE;
    }
  for (guint i = 0; paths[i]; i++)
    {
      g_autofree char *display = g_filename_display_name (paths[i]);
      g_autofree guint8 *data = NULL;
      gsize len = 0;
      cairo_surface_t *image = NULL;
      int w = 0, h = 0;
      double page_w, page_h, scale;

      if (!g_file_get_contents (paths[i], (char **) &data, &len, error))
        goto fail;
      /* the size a photo declares is checked before anything decodes it: an
       * 87-byte JPEG may claim 30000 × 30000 pixels */
      if ((jpeg_size (data, len, &w, &h) || png_size (data, len, &w, &h)) &&
          (guint64) w * h > PK_DOC_MAX_IMAGE_PIXELS)
        {
          g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_DAMAGED,
                       _("“%s” declares %d × %d pixels, more than any camera takes; it was not opened"),
                       display, w, h);
          goto fail;
        }
      if (jpeg_size (data, len, &w, &h))
        {
          /* the JPEG goes into the PDF as it is: the surface only gives it a
           * size, so one bit a pixel is plenty (RGB24 would be 4 bytes) */
          image = cairo_image_surface_create (CAIRO_FORMAT_A1, w, h);
          if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS ||
              cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, data, len,
                                           g_free, data) != CAIRO_STATUS_SUCCESS)
            g_clear_pointer (&image, cairo_surface_destroy);
          else
            data = NULL;                  /* cairo owns it now */
        }
      else if (len > 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
        {
          image = cairo_image_surface_create_from_png (paths[i]);
          if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
            g_clear_pointer (&image, cairo_surface_destroy);
          else
            {
              w = cairo_image_surface_get_width (image);
              h = cairo_image_surface_get_height (image);
            }
        }
      if (image == NULL)
        {
          g_set_error (error, PK_DOC_ERROR, PK_DOC_ERROR_NOT_PDF,
                       _("“%s” is not a JPEG or PNG photo."), display);
          goto fail;
        }
      page_w = w > h ? 842 : 595;
      page_h = w > h ? 595 : 842;
      if (pdf == NULL)
        {
          pdf = cairo_pdf_surface_create (out_pdf, page_w, page_h);
          cr = cairo_create (pdf);
        }
      else
        cairo_pdf_surface_set_size (pdf, page_w, page_h);
      scale = MIN (page_w / w, page_h / h);
      cairo_save (cr);
      cairo_translate (cr, (page_w - w * scale) / 2, (page_h - h * scale) / 2);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_show_page (cr);
      cairo_surface_destroy (image);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (out_pdf);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” cannot be written: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;

fail:
  if (cr != NULL)
    cairo_destroy (cr);
  if (pdf != NULL)
    {
      cairo_surface_finish (pdf);
      cairo_surface_destroy (pdf);
      g_unlink (out_pdf);
    }
  return FALSE;
}
