/* pk-jpeg.c: libjpeg's errors as the documents folder handles them
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-documents"

#include "config.h"

#include <jerror.h>

#include "pk-jpeg.h"

static void
error_exit (j_common_ptr cinfo)
{
  longjmp (((PkJpegError *) cinfo->err)->jump, 1);
}

/* libjpeg's warnings ("Corrupt JPEG data…") are not for users; a file that
 * ends early is noted: libjpeg would fill the rest with grey and carry on. */
static void
emit_message (j_common_ptr cinfo,
              int          level)
{
  if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
    ((PkJpegError *) cinfo->err)->cut_short = TRUE;
}

/* Installs the handlers; returns what a decompress or compress struct's err takes. */
struct jpeg_error_mgr *
pk_jpeg_error_init (PkJpegError *error)
{
  struct jpeg_error_mgr *mgr = jpeg_std_error (&error->pub);

  mgr->error_exit = error_exit;
  mgr->emit_message = emit_message;
  error->cut_short = FALSE;
  return mgr;
}
