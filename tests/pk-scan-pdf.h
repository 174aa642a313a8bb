/* pk-scan-pdf.h: PDFs that look like scans, made with cairo, for tests and benchmarks
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef enum
{
  SCAN_COLOUR,
  SCAN_GREY,          /* grey pixels, saved as RGB */
  SCAN_BLANK,         /* an empty sheet: paper and scanner noise */
  SCAN_TWO_IMAGES,    /* two images on the page */
  SCAN_TEXT_ONLY,     /* no image at all: a typed page */
  SCAN_COLOUR_PLAIN,  /* a colour scan of a black-and-white sheet: tinted paper, RGB noise */
} ScanPage;

/* One A4 page per entry of @pages, each image scanned at @dpi. */
gboolean pk_scan_pdf_write (const char     *path,
                            const ScanPage *pages,
                            guint           n_pages,
                            double          dpi,
                            GError        **error);
