/* pk-test-photo.c: camera-like photos for the visit tests
 *
 * The pixels are drawn with cairo (a dark block in the top-left corner, so
 * that a test can tell which way up a stored photo is), written with libjpeg,
 * and an APP1 segment made by libexif is put after the SOI marker, where
 * cameras put theirs.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <libexif/exif-data.h>

#include "pk-test-photo.h"

static cairo_surface_t *
draw (int width,
      int height)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 0.85, 0.80, 0.70);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.05, 0.10, 0.35);
  cairo_rectangle (cr, 0, 0, width / 4.0, height / 4.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static GByteArray *
encode_jpeg (cairo_surface_t *s)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  int width = cairo_image_surface_get_width (s), height = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *src = cairo_image_surface_get_data (s);
  g_autofree JSAMPLE *row = g_malloc ((gsize) width * 3);
  GByteArray *out;

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, 90, TRUE);
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
  out = g_byte_array_new ();
  g_byte_array_append (out, buffer, size);
  free (buffer);
  return out;
}

static ExifEntry *
add_entry (ExifData  *ed,
           ExifIfd    ifd,
           ExifTag    tag,
           ExifFormat format,
           unsigned   components)
{
  ExifMem *mem = exif_mem_new_default ();
  ExifEntry *e = exif_entry_new_mem (mem);

  e->tag = tag;
  e->format = format;
  e->components = components;
  e->size = exif_format_get_size (format) * components;
  e->data = exif_mem_alloc (mem, e->size);
  exif_content_add_entry (ed->ifd[ifd], e);
  exif_mem_unref (mem);
  exif_entry_unref (e);
  return e;
}

static void
set_degrees (ExifData *ed,
             ExifTag   tag,
             ExifTag   ref_tag,
             double    value,
             char      positive,
             char      negative)
{
  ExifEntry *e = add_entry (ed, EXIF_IFD_GPS, tag, EXIF_FORMAT_RATIONAL, 3);
  ExifEntry *ref = add_entry (ed, EXIF_IFD_GPS, ref_tag, EXIF_FORMAT_ASCII, 2);
  double a = fabs (value);
  int deg = (int) a, min = (int) ((a - deg) * 60);
  double sec = ((a - deg) * 60 - min) * 60;
  ExifRational parts[3] = { { deg, 1 }, { min, 1 }, { (ExifLong) round (sec * 10000), 10000 } };

  for (int i = 0; i < 3; i++)
    exif_set_rational (e->data + 8 * i, EXIF_BYTE_ORDER_INTEL, parts[i]);
  ref->data[0] = value < 0 ? negative : positive;
  ref->data[1] = '\0';
}

/* A JPEG of @width × @height as the sensor saw it, with EXIF @orientation,
 * DateTimeOriginal @taken ("2026:12:02 10:15:30") and, with @has_gps, a GPS
 * position. */
GBytes *
pk_test_photo_jpeg (int         width,
                    int         height,
                    int         orientation,
                    const char *taken,
                    gboolean    has_gps,
                    double      lat,
                    double      lon)
{
  cairo_surface_t *s = draw (width, height);
  GByteArray *jpeg = encode_jpeg (s);
  ExifData *ed = exif_data_new ();
  unsigned char *exif = NULL;
  unsigned int exif_len = 0;
  GByteArray *out = g_byte_array_new ();
  guint8 marker[4];
  ExifEntry *e;

  cairo_surface_destroy (s);
  exif_data_set_byte_order (ed, EXIF_BYTE_ORDER_INTEL);
  e = add_entry (ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1);
  exif_set_short (e->data, EXIF_BYTE_ORDER_INTEL, orientation);
  if (taken != NULL)
    {
      e = add_entry (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_FORMAT_ASCII, 20);
      memcpy (e->data, taken, MIN (strlen (taken), 19));
    }
  if (has_gps)
    {
      set_degrees (ed, (ExifTag) EXIF_TAG_GPS_LATITUDE, (ExifTag) EXIF_TAG_GPS_LATITUDE_REF, lat, 'N', 'S');
      set_degrees (ed, (ExifTag) EXIF_TAG_GPS_LONGITUDE, (ExifTag) EXIF_TAG_GPS_LONGITUDE_REF, lon, 'E', 'W');
    }
  exif_data_save_data (ed, &exif, &exif_len);
  exif_data_unref (ed);
  g_assert (exif != NULL && exif_len + 2 < 65536);
  /* SOI, then APP1 with the EXIF, then the rest as libjpeg wrote it */
  g_byte_array_append (out, jpeg->data, 2);
  marker[0] = 0xFF;
  marker[1] = 0xE1;
  marker[2] = (exif_len + 2) >> 8;
  marker[3] = (exif_len + 2) & 0xFF;
  g_byte_array_append (out, marker, 4);
  g_byte_array_append (out, exif, exif_len);
  g_byte_array_append (out, jpeg->data + 2, jpeg->len - 2);
  free (exif);
  g_byte_array_unref (jpeg);
  return g_byte_array_free_to_bytes (out);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
pk_test_photo_png (int width,
                   int height)
{
  cairo_surface_t *s = draw (width, height);
  GByteArray *out = g_byte_array_new ();

  cairo_surface_write_to_png_stream (s, append_png, out);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (out);
}

void
pk_test_photo_save (GBytes     *bytes,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}
