/* pk-doc-image.h: a page's scanned image read from the PDF's own objects (private to doc-check)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* No scanner makes more: an A3 sheet at 600 dpi is 70 million pixels. An image
 * declaring more is a decompression bomb, and Poppler would abort on it. */
#define PK_DOC_MAX_IMAGE_PIXELS (100 * 1000 * 1000)

typedef struct
{
  guint            n_images;     /* image XObjects the page draws, forms included */
  int              width;        /* of the one image, as declared; 0 when not one */
  int              height;
  gboolean         too_large;    /* some image declares more than PK_DOC_MAX_IMAGE_PIXELS */
  int              big_width;    /* …and its size */
  int              big_height;
  cairo_surface_t *small;        /* the one image decoded at about 1/8 scale, or NULL */
  const char      *encoding;     /* what it was ("DCT", "ASCII85+DCT", "Flate") or NULL */
} PkPageImage;

qpdf_data pk_doc_image_open      (GBytes      *bytes);
void      pk_doc_image_close     (qpdf_data    q);
void      pk_doc_image_read_page (qpdf_data    q,
                                  int          index,
                                  PkPageImage *out);

G_END_DECLS
