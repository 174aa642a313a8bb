/* pk-photo.h: a site-visit photo read from a JPEG or PNG file — its EXIF
 * time, position and orientation, set upright and scaled to a size cap
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define PK_PHOTO_ERROR (pk_photo_error_quark ())
GQuark pk_photo_error_quark (void);

typedef enum
{
  PK_PHOTO_ERROR_FORMAT,           /* not a JPEG or a PNG */
  PK_PHOTO_ERROR_DAMAGED,          /* one, but it cannot be decoded */
  PK_PHOTO_ERROR_TOO_LARGE,        /* declares more pixels than any camera makes */
} PkPhotoError;

/* The longest side a stored photo keeps unless a setting says otherwise */
#define PK_PHOTO_DEFAULT_MAX_SIDE 1600

typedef struct
{
  GBytes   *content;               /* what is stored: the original when upright and within
                                      the cap, else an upright, scaled JPEG */
  char     *mime_type;             /* "image/jpeg" or "image/png" */
  char     *sha256;                /* of the original file */
  gint64    original_size;
  int       width, height;         /* of @content */
  int       orientation;           /* EXIF 1…8 as the camera wrote it (1 when none) */
  char     *taken_at;              /* EXIF DateTimeOriginal as "YYYY-MM-DDTHH:MM:SS", or NULL */
  gboolean  has_position;          /* EXIF GPS latitude and longitude */
  double    lat, lon;
} PkPhoto;

PkPhoto         *pk_photo_read        (GBytes      *original,
                                       int          max_side,
                                       GError     **error);
void             pk_photo_free        (PkPhoto     *self);
cairo_surface_t *pk_photo_decode      (GBytes      *content,
                                       int          max_side,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkPhoto, pk_photo_free)

G_END_DECLS
