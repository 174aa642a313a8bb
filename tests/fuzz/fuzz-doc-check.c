/* fuzz-doc-check.c: doc-check on PDF bytes, and photos combined into a PDF
 *
 * The first byte picks: even, the rest is a PDF checked as a birth
 * certificate; odd, the rest is a photo (JPEG or PNG) combined into a PDF
 * and checked.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pk-doc-check.h"
#include "pk-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PkDocReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (size < 1)
    return 0;
  if (data[0] % 2 == 0)
    {
      const char *path = pk_fuzz_write_file (data + 1, size - 1, ".pdf");

      report = pk_doc_check (path, "birth-certificate", NULL, &error);
    }
  else
    {
      g_autofree char *photo = g_strdup (pk_fuzz_write_file (data + 1, size - 1, ".jpg"));
      g_autofree char *pdf = g_strconcat (photo, ".pdf", NULL);
      const char *paths[] = { photo, NULL };

      if (pk_doc_combine_images (paths, pdf, &error))
        report = pk_doc_check (pdf, "photo", NULL, &error);
      g_unlink (pdf);
    }
  g_assert (report != NULL || error != NULL);
  if (report != NULL)
    g_assert_cmpuint (report->thumbnails->len, ==, (guint) report->pages);
  return 0;
}
