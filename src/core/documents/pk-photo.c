/* pk-photo.c: site-visit photos — EXIF read with libexif, JPEG decoded and
 * written with libjpeg, PNG through cairo; set upright and scaled with cairo
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-photo"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <libexif/exif-data.h>

#include "pk-doc-image.h"
#include "pk-jpeg.h"
#include "pk-photo.h"

G_DEFINE_QUARK (pk-photo-error-quark, pk_photo_error)

void
pk_photo_free (PkPhoto *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->content, g_bytes_unref);
  g_free (self->mime_type);
  g_free (self->sha256);
  g_free (self->taken_at);
  g_free (self);
}

static gboolean
is_jpeg (const guint8 *p,
         gsize         len)
{
  return len > 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF;
}

static gboolean
is_png (const guint8 *p,
        gsize         len)
{
  return len > 8 && memcmp (p, "\x89PNG\r\n\x1a\n", 8) == 0;
}

/* ---- EXIF --------------------------------------------------------------- */

static ExifEntry *
exif_entry (ExifData *ed,
            ExifIfd   ifd,
            int       tag)
{
  return ed->ifd[ifd] ? exif_content_get_entry (ed->ifd[ifd], (ExifTag) tag) : NULL;
}

/* GPS degrees, minutes, seconds (three rationals) with their N/S, E/W reference */
static gboolean
exif_degrees (ExifData *ed,
              int       tag,
              int       ref_tag,
              double   *out)
{
  ExifEntry *e = exif_entry (ed, EXIF_IFD_GPS, tag);
  ExifEntry *ref = exif_entry (ed, EXIF_IFD_GPS, ref_tag);
  ExifByteOrder order = exif_data_get_byte_order (ed);
  double value = 0, scale = 1;

  if (e == NULL || e->format != EXIF_FORMAT_RATIONAL || e->components < 1)
    return FALSE;
  for (unsigned long i = 0; i < MIN (e->components, 3); i++)
    {
      ExifRational r = exif_get_rational (e->data + 8 * i, order);

      if (r.denominator == 0)
        return FALSE;
      value += (double) r.numerator / r.denominator / scale;
      scale *= 60;
    }
  if (ref != NULL && ref->size > 0 && (ref->data[0] == 'S' || ref->data[0] == 'W'))
    value = -value;
  *out = value;
  return TRUE;
}

static void
read_exif (PkPhoto      *photo,
           const guint8 *data,
           gsize         len)
{
  ExifData *ed = exif_data_new_from_data (data, len);
  ExifEntry *e;

  photo->orientation = 1;
  if (ed == NULL)
    return;
  if ((e = exif_entry (ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION)) != NULL && e->format == EXIF_FORMAT_SHORT)
    {
      int o = exif_get_short (e->data, exif_data_get_byte_order (ed));

      photo->orientation = o >= 1 && o <= 8 ? o : 1;
    }
  if ((e = exif_entry (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL)) != NULL ||
      (e = exif_entry (ed, EXIF_IFD_0, EXIF_TAG_DATE_TIME)) != NULL)
    {
      int y, mo, d, h, mi, s;
      g_autofree char *text = g_strndup ((const char *) e->data, e->size);

      /* "YYYY:MM:DD HH:MM:SS", the camera's local time */
      if (sscanf (text, "%4d:%2d:%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) == 6 &&
          y > 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 61)
        photo->taken_at = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
    }
  if (exif_degrees (ed, EXIF_TAG_GPS_LATITUDE, EXIF_TAG_GPS_LATITUDE_REF, &photo->lat) &&
      exif_degrees (ed, EXIF_TAG_GPS_LONGITUDE, EXIF_TAG_GPS_LONGITUDE_REF, &photo->lon) &&
      fabs (photo->lat) <= 90 && fabs (photo->lon) <= 180 && (photo->lat != 0 || photo->lon != 0))
    photo->has_position = TRUE;
  exif_data_unref (ed);
}

/* ---- JPEG ---------------------------------------------------------------- */

/* Decoded at the smallest of libjpeg's scales (1/8 … 1) that keeps the longest
 * side past @max_side (so an image within the cap is decoded whole);
 * @too_large set when it declares a bomb. */
static cairo_surface_t *
jpeg_decode (const guint8 *data,
             gsize         len,
             int           max_side,
             gboolean     *too_large)
{
  struct jpeg_decompress_struct cinfo;
  PkJpegError jerr;
  cairo_surface_t *volatile surface = NULL;
  JSAMPLE *volatile row = NULL;
  guint8 *dst;
  int stride;

  cinfo.err = pk_jpeg_error_init (&jerr);
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      g_free (row);
      if (surface != NULL)
        cairo_surface_destroy (surface);
      return NULL;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, len);
  jpeg_read_header (&cinfo, TRUE);
  if ((guint64) cinfo.image_width * cinfo.image_height > PK_DOC_MAX_IMAGE_PIXELS)
    {
      *too_large = TRUE;
      longjmp (jerr.jump, 1);
    }
  cinfo.scale_num = 1;
  cinfo.scale_denom = 1;
  while (cinfo.scale_denom < 8 && max_side > 0 &&
         MAX (cinfo.image_width, cinfo.image_height) / (cinfo.scale_denom * 2) > (guint) max_side)
    cinfo.scale_denom *= 2;
  cinfo.out_color_space = JCS_RGB;
  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK)
    cinfo.out_color_space = JCS_CMYK;
  jpeg_start_decompress (&cinfo);
  if (cinfo.output_width > 32767 || cinfo.output_height > 32767)
    longjmp (jerr.jump, 1);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cinfo.output_width, cinfo.output_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    longjmp (jerr.jump, 1);
  row = g_malloc ((gsize) cinfo.output_width * cinfo.output_components);
  dst = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      guint32 *out = (guint32 *) (dst + (gsize) cinfo.output_scanline * stride);
      JSAMPROW rows[1] = { row };

      jpeg_read_scanlines (&cinfo, rows, 1);
      for (JDIMENSION x = 0; x < cinfo.output_width; x++)
        {
          const JSAMPLE *p = row + (gsize) x * cinfo.output_components;

          if (cinfo.output_components == 4)     /* Adobe's inverted CMYK */
            out[x] = ((guint32) (p[0] * p[3] / 255) << 16) | ((guint32) (p[1] * p[3] / 255) << 8) |
                     (guint32) (p[2] * p[3] / 255);
          else
            out[x] = ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
        }
    }
  cairo_surface_mark_dirty (surface);
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  g_free (row);
  if (jerr.cut_short)
    g_clear_pointer ((cairo_surface_t **) &surface, cairo_surface_destroy);
  return surface;
}

static GBytes *
jpeg_encode (cairo_surface_t *surface,
             int              quality)
{
  struct jpeg_compress_struct cinfo;
  PkJpegError jerr;
  unsigned char *volatile buffer = NULL;
  unsigned long size = 0;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *src;
  g_autofree JSAMPLE *row = g_malloc ((gsize) width * 3);
  GBytes *out;

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  cinfo.err = pk_jpeg_error_init (&jerr);
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_compress (&cinfo);
      free (buffer);
      return NULL;
    }
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, (unsigned char **) &buffer, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      const guint32 *in = (const guint32 *) (src + (gsize) cinfo.next_scanline * stride);
      JSAMPROW rows[1] = { row };

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (in[x] >> 16) & 0xFF;
          row[3 * x + 1] = (in[x] >> 8) & 0xFF;
          row[3 * x + 2] = in[x] & 0xFF;
        }
      jpeg_write_scanlines (&cinfo, rows, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  out = g_bytes_new (buffer, size);
  free (buffer);
  return out;
}

/* ---- PNG ----------------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         at;
} PngReader;

static cairo_status_t
png_read (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *r = closure;

  if (r->len - r->at < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* PNG's IHDR says the size before cairo allocates it */
static gboolean
png_size (const guint8 *p,
          gsize         len,
          guint64      *pixels)
{
  if (len < 24 || memcmp (p + 12, "IHDR", 4) != 0)
    return FALSE;
  *pixels = (guint64) GUINT32_FROM_BE (*(guint32 *) (p + 16)) * GUINT32_FROM_BE (*(guint32 *) (p + 20));
  return TRUE;
}

static cairo_surface_t *
png_decode (const guint8 *data,
            gsize         len,
            gboolean     *too_large)
{
  PngReader reader = { data, len, 0 };
  cairo_surface_t *surface;
  guint64 pixels;

  if (!png_size (data, len, &pixels))
    return NULL;
  if (pixels > PK_DOC_MAX_IMAGE_PIXELS)
    {
      *too_large = TRUE;
      return NULL;
    }
  surface = cairo_image_surface_create_from_png_stream (png_read, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* ---- upright and scaled -------------------------------------------------- */

/* @surface turned as EXIF @orientation says and scaled so that its longest
 * side is at most @max_side (0: as it is); white behind transparency. */
static cairo_surface_t *
upright (cairo_surface_t *surface,
         int              orientation,
         int              max_side)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  gboolean swap = orientation >= 5;
  int uw = swap ? h : w, uh = swap ? w : h;
  double scale = max_side > 0 && MAX (uw, uh) > max_side ? (double) max_side / MAX (uw, uh) : 1;
  int ow = MAX (1, (int) round (uw * scale)), oh = MAX (1, (int) round (uh * scale));
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, ow, oh);
  cairo_t *cr = cairo_create (out);
  cairo_matrix_t m;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, (double) ow / uw, (double) oh / uh);
  /* the EXIF orientations as transforms of the stored image into the upright one */
  switch (orientation)
    {
    case 2: cairo_matrix_init (&m, -1, 0, 0, 1, w, 0); break;
    case 3: cairo_matrix_init (&m, -1, 0, 0, -1, w, h); break;
    case 4: cairo_matrix_init (&m, 1, 0, 0, -1, 0, h); break;
    case 5: cairo_matrix_init (&m, 0, 1, 1, 0, 0, 0); break;
    case 6: cairo_matrix_init (&m, 0, 1, -1, 0, h, 0); break;
    case 7: cairo_matrix_init (&m, 0, -1, -1, 0, h, w); break;
    case 8: cairo_matrix_init (&m, 0, -1, 1, 0, 0, w); break;
    default: cairo_matrix_init_identity (&m); break;
    }
  cairo_transform (cr, &m);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  return out;
}

static cairo_surface_t *
decode_any (const guint8  *data,
            gsize          len,
            int            max_side,
            GError       **error)
{
  gboolean too_large = FALSE;
  cairo_surface_t *surface = NULL;

  if (is_jpeg (data, len))
    surface = jpeg_decode (data, len, max_side, &too_large);
  else if (is_png (data, len))
    surface = png_decode (data, len, &too_large);
  else
    {
      g_set_error (error, PK_PHOTO_ERROR, PK_PHOTO_ERROR_FORMAT, _("not a JPEG or PNG photo"));
      return NULL;
    }
  if (too_large)
    g_set_error (error, PK_PHOTO_ERROR, PK_PHOTO_ERROR_TOO_LARGE,
                 _("the image declares more than %d million pixels"), PK_DOC_MAX_IMAGE_PIXELS / 1000000);
  else if (surface == NULL)
    g_set_error (error, PK_PHOTO_ERROR, PK_PHOTO_ERROR_DAMAGED, _("the image is damaged and cannot be read"));
  return surface;
}

/**
 * pk_photo_read:
 * @original: a JPEG or PNG file's bytes
 * @max_side: the longest side to keep (0: no cap)
 *
 * Reads a visit photo: its EXIF time, GPS position and orientation; keeps the
 * file as it is when it is upright and within the cap, else an upright copy
 * scaled to the cap (JPEG). The original's SHA-256 is kept either way.
 *
 * Returns: (transfer full): the photo, or %NULL with @error set
 */
PkPhoto *
pk_photo_read (GBytes  *original,
               int      max_side,
               GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (original, &len);
  g_autoptr(PkPhoto) photo = g_new0 (PkPhoto, 1);
  cairo_surface_t *surface;
  int w, h;

  photo->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, original);
  photo->original_size = len;
  photo->orientation = 1;
  if (is_jpeg (data, len))
    read_exif (photo, data, len);
  if ((surface = decode_any (data, len, max_side, error)) == NULL)
    return NULL;
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  /* a JPEG is decoded at a smaller scale only when even that stays past the cap */
  if (photo->orientation == 1 && (max_side <= 0 || MAX (w, h) <= max_side))
    {
      /* as the camera wrote it */
      photo->content = g_bytes_ref (original);
      photo->mime_type = g_strdup (is_png (data, len) ? "image/png" : "image/jpeg");
      photo->width = w;
      photo->height = h;
    }
  else
    {
      cairo_surface_t *turned = upright (surface, photo->orientation, max_side);

      photo->content = jpeg_encode (turned, 85);
      photo->mime_type = g_strdup ("image/jpeg");
      photo->width = cairo_image_surface_get_width (turned);
      photo->height = cairo_image_surface_get_height (turned);
      cairo_surface_destroy (turned);
    }
  cairo_surface_destroy (surface);
  if (photo->content == NULL)
    {
      g_set_error (error, PK_PHOTO_ERROR, PK_PHOTO_ERROR_DAMAGED, _("the image is damaged and cannot be read"));
      return NULL;
    }
  return g_steal_pointer (&photo);
}

/**
 * pk_photo_decode:
 * @content: a stored photo (upright already)
 * @max_side: the longest side wanted (0: as it is)
 *
 * Returns: (transfer full): an RGB24 surface, or %NULL with @error set
 */
cairo_surface_t *
pk_photo_decode (GBytes  *content,
                 int      max_side,
                 GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (content, &len);
  cairo_surface_t *surface = decode_any (data, len, max_side, error);
  cairo_surface_t *scaled;

  if (surface == NULL)
    return NULL;
  if (max_side <= 0 || MAX (cairo_image_surface_get_width (surface),
                            cairo_image_surface_get_height (surface)) <= max_side)
    return surface;
  scaled = upright (surface, 1, max_side);
  cairo_surface_destroy (surface);
  return scaled;
}
