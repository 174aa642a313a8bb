/* pk-jpeg.h: libjpeg's errors as the documents folder handles them — a
 * longjmp back to the decoder instead of exit(), warnings kept quiet, a file
 * that ends before its image noted (private to src/core/documents)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <setjmp.h>
#include <stdio.h>            /* before jpeglib.h, which needs FILE and size_t */
#include <jpeglib.h>

G_BEGIN_DECLS

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;      /* set with setjmp() by the caller, before any libjpeg call */
  gboolean              cut_short; /* the data ended before the image did */
} PkJpegError;

struct jpeg_error_mgr *pk_jpeg_error_init (PkJpegError *error);

G_END_DECLS
