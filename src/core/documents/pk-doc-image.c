/* pk-doc-image.c
 *
 * The fast path of doc-check. Poppler decodes a page's image whole (a 300 dpi
 * A4 scan is 8.7 million pixels) to tell its size and colours. Scans are one
 * image a page, so qpdf reads that image's size from its dictionary and its
 * bytes from the stream, undoing the general-purpose filters a PDF writer may
 * have wrapped around it (ASCII85, ASCIIHex, Flate, LZW, RunLength — with PNG
 * predictors), and the image is decoded at about 1/8 scale:
 *   - JPEG (DCT): by libjpeg's own 1/8 scaling, in grey, RGB or CMYK/YCCK
 *     (Adobe's inverted CMYK too), honouring a /Decode inversion;
 *   - raw samples: every 8th pixel of 1, 2, 4, 8 or 16 bits per component in
 *     grey, RGB, CMYK, ICC-based, Cal*, or indexed colour, with /Decode
 *     arrays, and image masks.
 * JPX, CCITT and JBIG2 images are left to the fallback, which renders the page
 * small instead of decoding the image at full size.
 *
 * Every image the page draws (forms included) is measured against
 * PK_DOC_MAX_IMAGE_PIXELS before anything decodes it.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-doc-check"

#include "config.h"

#include <setjmp.h>
#include <stdio.h>            /* before jpeglib.h, which needs FILE and size_t */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <zlib.h>

#include "pk-doc-image.h"
#include "pk-jpeg.h"

#define SAMPLE_STEP 8
#define MAX_FORM_DEPTH 4
#define MAX_IMAGES_LISTED 64

/* An RGB24 surface, or NULL when cairo cannot make one that size (it keeps
 * to 32767 pixels a side: an image 100 million pixels wide and one high is
 * within the pixel cap but not that). */
static cairo_surface_t *
new_surface (int width,
             int height)
{
  cairo_surface_t *surface;

  if (width <= 0 || height <= 0 || width > 32767 || height > 32767)
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

/* ---- JPEG at 1/8 scale ------------------------------------------------- */

static inline guint32
cmyk_to_rgb (int c,
             int m,
             int y,
             int k)
{
  return ((guint32) ((255 - c) * (255 - k) / 255) << 16) |
         ((guint32) ((255 - m) * (255 - k) / 255) << 8) |
         (guint32) ((255 - y) * (255 - k) / 255);
}

static cairo_surface_t *
jpeg_decode_small (const unsigned char *data,
                   size_t               len,
                   gboolean             decode_inverted)
{
  struct jpeg_decompress_struct cinfo;
  PkJpegError jerr;
  cairo_surface_t *volatile surface = NULL;
  JSAMPLE *volatile row = NULL;
  gboolean cmyk, inverted;

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
    longjmp (jerr.jump, 1);
  cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  /* PDF takes the decoder's samples as they are and applies /Decode; the
   * writers of Adobe's inverted CMYK JPEGs say /Decode [1 0 1 0 1 0 1 0] */
  inverted = decode_inverted;
  cinfo.scale_num = 1;
  cinfo.scale_denom = SAMPLE_STEP;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_start_decompress (&cinfo);
  if ((surface = new_surface (cinfo.output_width, cinfo.output_height)) == NULL)
    longjmp (jerr.jump, 1);
  row = g_malloc ((gsize) cinfo.output_width * cinfo.output_components);
  {
    guint8 *dst = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);

    while (cinfo.output_scanline < cinfo.output_height)
      {
        guint32 *out = (guint32 *) (dst + (gsize) cinfo.output_scanline * stride);
        JSAMPROW rows[1] = { row };

        jpeg_read_scanlines (&cinfo, rows, 1);
        for (JDIMENSION x = 0; x < cinfo.output_width; x++)
          {
            const JSAMPLE *p = row + (gsize) x * cinfo.output_components;

            if (cmyk && inverted)
              out[x] = cmyk_to_rgb (255 - p[0], 255 - p[1], 255 - p[2], 255 - p[3]);
            else if (cmyk)
              out[x] = cmyk_to_rgb (p[0], p[1], p[2], p[3]);
            else if (inverted)
              out[x] = ((guint32) (255 - p[0]) << 16) | ((guint32) (255 - p[1]) << 8) | (255 - p[2]);
            else
              out[x] = ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
          }
      }
  }
  cairo_surface_mark_dirty (surface);
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  g_free (row);
  return surface;
}

/* ---- raw samples ------------------------------------------------------- */

typedef struct
{
  int      n_comps;             /* samples per pixel in the stream */
  int      base_comps;          /* of the palette's base space when indexed */
  gboolean indexed;
  guint8  *palette;             /* (hival + 1) × base_comps, owned */
  int      hival;
  gboolean mask;                /* /ImageMask: one bit, 0 paints */
} ColourSpace;

static void
colour_space_clear (ColourSpace *cs)
{
  g_clear_pointer (&cs->palette, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ColourSpace, colour_space_clear)

static int
device_comps (qpdf_data q,
              qpdf_oh   name)
{
  if (qpdf_oh_is_name_and_equals (q, name, "/DeviceGray") || qpdf_oh_is_name_and_equals (q, name, "/G") ||
      qpdf_oh_is_name_and_equals (q, name, "/CalGray"))
    return 1;
  if (qpdf_oh_is_name_and_equals (q, name, "/DeviceRGB") || qpdf_oh_is_name_and_equals (q, name, "/RGB") ||
      qpdf_oh_is_name_and_equals (q, name, "/CalRGB"))
    return 3;
  if (qpdf_oh_is_name_and_equals (q, name, "/DeviceCMYK") || qpdf_oh_is_name_and_equals (q, name, "/CMYK"))
    return 4;
  return 0;
}

/* Grey, RGB and CMYK by any of their names, ICC-based by /N; 0 for others. */
static int
simple_comps (qpdf_data q,
              qpdf_oh   cs)
{
  int n = device_comps (q, cs);

  if (n > 0)
    return n;
  if (qpdf_oh_is_array (q, cs) && qpdf_oh_get_array_n_items (q, cs) >= 2)
    {
      qpdf_oh family = qpdf_oh_get_array_item (q, cs, 0);
      qpdf_oh param = qpdf_oh_get_array_item (q, cs, 1);

      if (qpdf_oh_is_name_and_equals (q, family, "/ICCBased") && qpdf_oh_is_stream (q, param))
        {
          long long icc_n = qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, qpdf_oh_get_dict (q, param), "/N"));

          return icc_n == 1 || icc_n == 3 || icc_n == 4 ? (int) icc_n : 0;
        }
      if (qpdf_oh_is_name_and_equals (q, family, "/CalRGB"))
        return 3;
      if (qpdf_oh_is_name_and_equals (q, family, "/CalGray"))
        return 1;
    }
  return 0;
}

/* Reads /ColorSpace (a name, a named resource or an array) into @cs. */
static gboolean
read_colour_space (qpdf_data    q,
                   qpdf_oh      dict,
                   qpdf_oh      resources,
                   ColourSpace *cs)
{
  qpdf_oh value = qpdf_oh_get_key (q, dict, "/ColorSpace");

  if (qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, dict, "/ImageMask"), "true") ||
      (qpdf_oh_is_bool (q, qpdf_oh_get_key (q, dict, "/ImageMask")) &&
       qpdf_oh_get_bool_value (q, qpdf_oh_get_key (q, dict, "/ImageMask"))))
    {
      cs->n_comps = 1;
      cs->mask = TRUE;
      return TRUE;
    }
  /* a resource name like /CS0 */
  if (qpdf_oh_is_name (q, value) && device_comps (q, value) == 0)
    {
      qpdf_oh named = qpdf_oh_get_key (q, qpdf_oh_get_key (q, resources, "/ColorSpace"),
                                       qpdf_oh_get_name (q, value));

      if (!qpdf_oh_is_null (q, named))
        value = named;
    }
  if ((cs->n_comps = simple_comps (q, value)) > 0)
    return TRUE;
  if (qpdf_oh_is_array (q, value) && qpdf_oh_get_array_n_items (q, value) == 4 &&
      (qpdf_oh_is_name_and_equals (q, qpdf_oh_get_array_item (q, value, 0), "/Indexed") ||
       qpdf_oh_is_name_and_equals (q, qpdf_oh_get_array_item (q, value, 0), "/I")))
    {
      qpdf_oh lookup = qpdf_oh_get_array_item (q, value, 3);
      unsigned char *buf = NULL;
      const char *str = NULL;
      size_t len = 0;
      gsize need;

      cs->base_comps = simple_comps (q, qpdf_oh_get_array_item (q, value, 1));
      cs->hival = (int) qpdf_oh_get_int_value (q, qpdf_oh_get_array_item (q, value, 2));
      if (cs->base_comps == 0 || cs->hival < 0 || cs->hival > 255)
        return FALSE;
      need = (gsize) (cs->hival + 1) * cs->base_comps;
      cs->palette = g_malloc0 (need);
      if (qpdf_oh_is_stream (q, lookup))
        {
          if ((qpdf_oh_get_stream_data (q, lookup, qpdf_dl_generalized, NULL, &buf, &len) & QPDF_ERRORS) ||
              buf == NULL)
            {
              free (buf);
              return FALSE;
            }
          memcpy (cs->palette, buf, MIN (len, need));
          free (buf);
        }
      else if (qpdf_oh_is_string (q, lookup) &&
               (str = qpdf_oh_get_binary_string_value (q, lookup, &len)) != NULL)
        memcpy (cs->palette, str, MIN (len, need));
      else
        return FALSE;
      cs->indexed = TRUE;
      cs->n_comps = 1;
      return TRUE;
    }
  return FALSE;
}

static inline guint
sample_at (const guint8 *row,
           gsize         index,      /* sample number in the row */
           int           bpc)
{
  switch (bpc)
    {
    case 8: return row[index];
    case 16: return row[2 * index];                  /* the high byte is enough */
    case 1: return (row[index >> 3] >> (7 - (index & 7))) & 1;
    case 2: return (row[index >> 2] >> (2 * (3 - (index & 3)))) & 3;
    case 4: return (row[index >> 1] >> (4 * (1 - (index & 1)))) & 15;
    default: return 0;
    }
}

/* Every 8th pixel of one row of samples into @out (sw pixels). */
static void
sample_row (const guint8      *row,
            int                width,
            int                bpc,
            const ColourSpace *cs,
            const double      *decode,
            guint32           *out,
            int                sw)
{
  int max_v = bpc == 16 ? 255 : (1 << bpc) - 1;

  for (int x = 0; x < sw; x++)
    {
      int sx = MIN (width - 1, x * SAMPLE_STEP + SAMPLE_STEP / 2);
      double v[4];

      for (int c = 0; c < cs->n_comps; c++)
        {
          double raw = sample_at (row, (gsize) sx * cs->n_comps + c, bpc);
          double d0 = decode ? decode[2 * c] : 0;
          double d1 = decode ? decode[2 * c + 1] : (cs->indexed ? max_v : 1);

          v[c] = d0 + raw * (d1 - d0) / max_v;
        }
      if (cs->mask)
        out[x] = v[0] < 0.5 ? 0x000000 : 0xFFFFFF;       /* 0 paints black */
      else if (cs->indexed)
        {
          int i = CLAMP ((int) (v[0] + 0.5), 0, cs->hival);
          const guint8 *p = cs->palette + (gsize) i * cs->base_comps;

          out[x] = cs->base_comps == 1 ? p[0] * 0x010101u
                 : cs->base_comps == 3 ? ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2]
                 : cmyk_to_rgb (p[0], p[1], p[2], p[3]);
        }
      else
        {
          int c[4];

          for (int k = 0; k < cs->n_comps; k++)
            c[k] = CLAMP ((int) (v[k] * 255 + 0.5), 0, 255);
          out[x] = cs->n_comps == 1 ? c[0] * 0x010101u
                 : cs->n_comps == 3 ? ((guint32) c[0] << 16) | ((guint32) c[1] << 8) | (guint32) c[2]
                 : cmyk_to_rgb (c[0], c[1], c[2], c[3]);
        }
    }
}

/* The source row each output row samples. */
static inline int
sampled_row (int y,
             int height)
{
  return MIN (height - 1, y * SAMPLE_STEP + SAMPLE_STEP / 2);
}

/* Every 8th pixel of @data as an RGB24 surface, or NULL when @len is not
 * what the dictionary promises. @decode: the /Decode pairs, NULL for default. */
static cairo_surface_t *
sample_raw (const guint8      *data,
            gsize              len,
            int                width,
            int                height,
            int                bpc,
            const ColourSpace *cs,
            const double      *decode)
{
  int sw = MAX (1, width / SAMPLE_STEP), sh = MAX (1, height / SAMPLE_STEP);
  gsize row_bytes = ((gsize) width * cs->n_comps * bpc + 7) / 8;
  cairo_surface_t *surface;
  guint8 *dst;
  int stride;

  if (len < row_bytes * height || (surface = new_surface (sw, sh)) == NULL)
    return NULL;
  dst = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < sh; y++)
    sample_row (data + (gsize) sampled_row (y, height) * row_bytes, width, bpc, cs, decode,
                (guint32 *) (dst + (gsize) y * stride), sw);
  cairo_surface_mark_dirty (surface);
  return surface;
}

static inline guint8
paeth (int a,
       int b,
       int c)
{
  int p = a + b - c, pa = ABS (p - a), pb = ABS (p - b), pc = ABS (p - c);

  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undoes one row's PNG filter (its first byte) in place, given the row above. */
static gboolean
png_unfilter (guint8       *row,
              const guint8 *prev,
              gsize         len,
              int           bpp)
{
  guint8 type = row[0];
  guint8 *r = row + 1;
  const guint8 *u = prev + 1;

  switch (type)
    {
    case 0:
      break;
    case 1:
      for (gsize i = bpp; i < len; i++)
        r[i] += r[i - bpp];
      break;
    case 2:
      for (gsize i = 0; i < len; i++)
        r[i] += u[i];
      break;
    case 3:
      for (gsize i = 0; i < len; i++)
        r[i] += ((i >= (gsize) bpp ? r[i - bpp] : 0) + u[i]) / 2;
      break;
    case 4:
      for (gsize i = 0; i < len; i++)
        r[i] += paeth (i >= (gsize) bpp ? r[i - bpp] : 0, u[i], i >= (gsize) bpp ? u[i - bpp] : 0);
      break;
    default:
      return FALSE;
    }
  return TRUE;
}

/* Flate without a predictor or with PNG ones: inflated with zlib a row at a
 * time into one row of memory, and only every 8th row sampled — a 300 dpi
 * page is 26 MB inflated, which qpdf would hand over whole. NULL when the
 * stream is not what the dictionary says (the caller then asks qpdf). */
static cairo_surface_t *
inflate_sample (const guint8      *z,
                gsize              zlen,
                int                width,
                int                height,
                int                bpc,
                const ColourSpace *cs,
                const double      *decode,
                gboolean           png_predictor)
{
  int sw = MAX (1, width / SAMPLE_STEP), sh = MAX (1, height / SAMPLE_STEP);
  gsize row_bytes = ((gsize) width * cs->n_comps * bpc + 7) / 8;
  gsize enc = row_bytes + (png_predictor ? 1 : 0);
  int bpp = MAX (1, (cs->n_comps * bpc + 7) / 8);
  g_autofree guint8 *cur = g_malloc0 (enc);
  g_autofree guint8 *prev = g_malloc0 (enc);
  cairo_surface_t *surface = new_surface (sw, sh);
  guint8 *dst;
  int stride;
  z_stream zs = { 0 };
  int y = 0;

  if (surface == NULL)
    return NULL;
  dst = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  if (inflateInit (&zs) != Z_OK)
    goto fail;
  zs.next_in = (Bytef *) z;
  zs.avail_in = (uInt) MIN (zlen, G_MAXUINT);
  for (int r = 0; r < height && y < sh; r++)
    {
      zs.next_out = cur;
      zs.avail_out = (uInt) enc;
      while (zs.avail_out > 0)
        {
          int rc = inflate (&zs, Z_SYNC_FLUSH);

          if (rc == Z_STREAM_END && zs.avail_out > 0)
            break;
          if (rc != Z_OK && rc != Z_STREAM_END)
            break;
          if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out > 0)
            break;
        }
      if (zs.avail_out > 0 || (png_predictor && !png_unfilter (cur, prev, row_bytes, bpp)))
        {
          inflateEnd (&zs);
          goto fail;
        }
      while (y < sh && sampled_row (y, height) == r)
        {
          sample_row (cur + (png_predictor ? 1 : 0), width, bpc, cs, decode,
                      (guint32 *) (dst + (gsize) y * stride), sw);
          y++;
        }
      {
        guint8 *t = prev;

        prev = cur;
        cur = t;
      }
    }
  inflateEnd (&zs);
  cairo_surface_mark_dirty (surface);
  return surface;

fail:
  cairo_surface_destroy (surface);
  return NULL;
}

/* ---- filters ----------------------------------------------------------- */

static const char *
filter_kind (qpdf_data q,
             qpdf_oh   name)
{
  static const struct { const char *name, *kind; } names[] = {
    { "/DCTDecode", "DCT" }, { "/DCT", "DCT" },
    { "/FlateDecode", "Flate" }, { "/Fl", "Flate" },
    { "/ASCII85Decode", "ASCII85" }, { "/A85", "ASCII85" },
    { "/ASCIIHexDecode", "ASCIIHex" }, { "/AHx", "ASCIIHex" },
    { "/LZWDecode", "LZW" }, { "/LZW", "LZW" },
    { "/RunLengthDecode", "RunLength" }, { "/RL", "RunLength" },
    { "/JPXDecode", "JPX" }, { "/CCITTFaxDecode", "CCITT" }, { "/CCF", "CCITT" },
    { "/JBIG2Decode", "JBIG2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (qpdf_oh_is_name_and_equals (q, name, names[i].name))
      return names[i].kind;
  return NULL;
}

/* The image's bytes as its last filter left them: for DCT, the JPEG file
 * with every filter before it undone by qpdf (the stream's dictionary is
 * changed in memory for that; the document is never written). */
static gboolean
read_jpeg_bytes (qpdf_data       q,
                 qpdf_oh         image,
                 qpdf_oh         filters,
                 guint           n_filters,
                 unsigned char **buf,
                 size_t         *len)
{
  qpdf_oh dict = qpdf_oh_get_dict (q, image);
  QPDF_BOOL filtered = QPDF_FALSE;

  if (n_filters == 1)
    return !(qpdf_oh_get_stream_data (q, image, qpdf_dl_none, NULL, buf, len) & QPDF_ERRORS) && *buf;
  {
    qpdf_oh prefix = qpdf_oh_new_array (q);
    qpdf_oh parms = qpdf_oh_get_key (q, dict, "/DecodeParms");
    qpdf_oh prefix_parms = qpdf_oh_new_array (q);

    for (guint i = 0; i + 1 < n_filters; i++)
      {
        qpdf_oh_append_item (q, prefix, qpdf_oh_get_array_item (q, filters, i));
        qpdf_oh_append_item (q, prefix_parms, qpdf_oh_is_array (q, parms)
                             ? qpdf_oh_get_array_item (q, parms, i) : qpdf_oh_new_null (q));
      }
    qpdf_oh_replace_key (q, dict, "/Filter", prefix);
    qpdf_oh_replace_key (q, dict, "/DecodeParms", prefix_parms);
  }
  if ((qpdf_oh_get_stream_data (q, image, qpdf_dl_generalized, &filtered, buf, len) & QPDF_ERRORS) ||
      *buf == NULL || !filtered)
    {
      free (*buf);
      *buf = NULL;
      return FALSE;
    }
  return TRUE;
}

/* Decodes the one image small, or leaves out->small NULL for the fallback. */
static void
decode_small (qpdf_data    q,
              qpdf_oh      image,
              qpdf_oh      resources,
              PkPageImage *out)
{
  qpdf_oh dict = qpdf_oh_get_dict (q, image);
  qpdf_oh filter = qpdf_oh_get_key (q, dict, "/Filter");
  qpdf_oh decode_oh = qpdf_oh_get_key (q, dict, "/Decode");
  g_auto(ColourSpace) cs = { 0 };
  double decode[8];
  gboolean have_decode = FALSE;
  qpdf_oh filters;
  guint n_filters;
  const char *last;
  unsigned char *buf = NULL;
  size_t len = 0;

  if (qpdf_oh_is_name (q, filter))
    {
      filters = qpdf_oh_new_array (q);
      qpdf_oh_append_item (q, filters, filter);
    }
  else if (qpdf_oh_is_array (q, filter))
    filters = filter;
  else
    filters = qpdf_oh_new_array (q);
  n_filters = qpdf_oh_get_array_n_items (q, filters);
  last = n_filters ? filter_kind (q, qpdf_oh_get_array_item (q, filters, n_filters - 1)) : "none";
  for (guint i = 0; i + 1 < n_filters; i++)
    {
      const char *k = filter_kind (q, qpdf_oh_get_array_item (q, filters, i));

      /* only general-purpose filters may come before the image's own */
      if (k == NULL || g_str_equal (k, "DCT") || g_str_equal (k, "JPX") ||
          g_str_equal (k, "CCITT") || g_str_equal (k, "JBIG2"))
        return;
    }
  if (last == NULL || g_str_equal (last, "JPX") || g_str_equal (last, "CCITT") ||
      g_str_equal (last, "JBIG2"))
    return;

  if (qpdf_oh_is_array (q, decode_oh))
    {
      guint n = MIN ((guint) qpdf_oh_get_array_n_items (q, decode_oh), (guint) G_N_ELEMENTS (decode));

      for (guint i = 0; i < n; i++)
        decode[i] = qpdf_oh_get_numeric_value (q, qpdf_oh_get_array_item (q, decode_oh, i));
      have_decode = n >= 2;
    }

  if (g_str_equal (last, "DCT"))
    {
      if (!read_jpeg_bytes (q, image, filters, n_filters, &buf, &len))
        return;
      out->small = jpeg_decode_small (buf, len, have_decode && decode[0] > decode[1]);
      out->encoding = n_filters > 1 ? "filters+DCT" : "DCT";
      free (buf);
      return;
    }
  {
    int bpc = (int) qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, dict, "/BitsPerComponent"));
    QPDF_BOOL filtered = QPDF_FALSE;

    if (!read_colour_space (q, dict, resources, &cs))
      return;
    if (cs.mask)
      bpc = 1;
    if ((bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) ||
        (have_decode && qpdf_oh_get_array_n_items (q, decode_oh) < 2 * cs.n_comps))
      return;
    if (n_filters == 1 && g_str_equal (last, "Flate"))
      {
        qpdf_oh parms = qpdf_oh_get_key (q, dict, "/DecodeParms");
        long long predictor = qpdf_oh_is_dictionary (q, parms)
                              ? qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, parms, "/Predictor")) : 1;
        long long columns = qpdf_oh_is_dictionary (q, parms) && qpdf_oh_has_key (q, parms, "/Columns")
                            ? qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, parms, "/Columns")) : out->width;

        /* the predictor's own row layout must be the image's */
        if ((predictor <= 1 || (predictor >= 10 && columns == out->width)) &&
            !(qpdf_oh_get_stream_data (q, image, qpdf_dl_none, NULL, &buf, &len) & QPDF_ERRORS) && buf)
          out->small = inflate_sample (buf, len, out->width, out->height, bpc, &cs,
                                       have_decode ? decode : NULL, predictor >= 10);
        free (buf);
        buf = NULL;
        if (out->small != NULL)
          {
            out->encoding = "Flate";
            return;
          }
      }
    if ((qpdf_oh_get_stream_data (q, image, qpdf_dl_generalized, &filtered, &buf, &len) & QPDF_ERRORS) ||
        buf == NULL || (n_filters > 0 && !filtered))
      {
        free (buf);
        return;
      }
    out->small = sample_raw (buf, len, out->width, out->height, bpc, &cs,
                             have_decode ? decode : NULL);
    out->encoding = n_filters > 0 ? "Flate" : "raw";
    free (buf);
  }
}

/* ---- a page's images ----------------------------------------------------- */

/* The page's resources, inherited from its parents when it has none. */
static qpdf_oh
page_resources (qpdf_data q,
                qpdf_oh   page)
{
  for (int depth = 0; depth < 32 && qpdf_oh_is_dictionary (q, page); depth++)
    {
      qpdf_oh res = qpdf_oh_get_key (q, page, "/Resources");

      if (qpdf_oh_is_dictionary (q, res))
        return res;
      page = qpdf_oh_get_key (q, page, "/Parent");
    }
  return qpdf_oh_new_null (q);
}

typedef struct
{
  qpdf_oh image;
  qpdf_oh resources;       /* where its colour space names are looked up */
} Found;

/* Collects the image XObjects reachable from @resources, forms included;
 * qpdf's key iterator is one per document, so keys are read before recursing. */
static void
collect_images (qpdf_data    q,
                qpdf_oh      resources,
                int          depth,
                GArray      *found,
                GHashTable  *seen,
                PkPageImage *out)
{
  qpdf_oh xobjects = qpdf_oh_get_key (q, resources, "/XObject");
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (qpdf_oh));

  if (depth > MAX_FORM_DEPTH || !qpdf_oh_is_dictionary (q, xobjects))
    return;
  qpdf_oh_begin_dict_key_iter (q, xobjects);
  while (qpdf_oh_dict_more_keys (q))
    {
      qpdf_oh x = qpdf_oh_get_key (q, xobjects, qpdf_oh_dict_next_key (q));

      g_array_append_val (children, x);
    }
  for (guint i = 0; i < children->len; i++)
    {
      qpdf_oh x = g_array_index (children, qpdf_oh, i);
      qpdf_oh dict, subtype;
      int id;

      if (!qpdf_oh_is_stream (q, x))
        continue;
      id = qpdf_oh_get_object_id (q, x);
      if (id > 0 && !g_hash_table_add (seen, GINT_TO_POINTER (id)))
        continue;                                   /* a form drawn twice, or a loop */
      dict = qpdf_oh_get_dict (q, x);
      subtype = qpdf_oh_get_key (q, dict, "/Subtype");
      if (qpdf_oh_is_name_and_equals (q, subtype, "/Image"))
        {
          long long w = qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, dict, "/Width"));
          long long h = qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, dict, "/Height"));
          Found f = { x, resources };

          if (w <= 0 || h <= 0 || w > G_MAXINT / 2 || h > G_MAXINT / 2 ||
              (guint64) w * (guint64) h > PK_DOC_MAX_IMAGE_PIXELS)
            {
              out->too_large = TRUE;
              out->big_width = (int) CLAMP (w, 0, G_MAXINT);
              out->big_height = (int) CLAMP (h, 0, G_MAXINT);
            }
          out->n_images++;
          if (found->len < MAX_IMAGES_LISTED)
            g_array_append_val (found, f);
        }
      else if (qpdf_oh_is_name_and_equals (q, subtype, "/Form"))
        {
          qpdf_oh form_res = qpdf_oh_get_key (q, dict, "/Resources");

          collect_images (q, qpdf_oh_is_dictionary (q, form_res) ? form_res : resources,
                          depth + 1, found, seen, out);
        }
    }
}

/**
 * pk_doc_image_read_page:
 *
 * Fills @out for page @index (0-based): how many images it draws, whether one
 * of them is too large to decode, and — when there is exactly one image — its
 * declared size and the image decoded small.
 */
void
pk_doc_image_read_page (qpdf_data    q,
                        int          index,
                        PkPageImage *out)
{
  qpdf_oh page = qpdf_get_page_n (q, index);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  memset (out, 0, sizeof *out);
  collect_images (q, page_resources (q, page), 0, found, seen, out);
  if (out->n_images == 1 && !out->too_large)
    {
      Found *f = &g_array_index (found, Found, 0);
      qpdf_oh dict = qpdf_oh_get_dict (q, f->image);

      out->width = (int) qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, dict, "/Width"));
      out->height = (int) qpdf_oh_get_int_value (q, qpdf_oh_get_key (q, dict, "/Height"));
      decode_small (q, f->image, f->resources, out);
    }
  qpdf_oh_release_all (q);
}

/**
 * pk_doc_image_open:
 *
 * Returns: a qpdf reader of @bytes for one thread, or %NULL when qpdf cannot
 *   read them. Errors and warnings stay inside (qpdf would print them).
 */
qpdf_data
pk_doc_image_open (GBytes *bytes)
{
  qpdf_data q;

  if (bytes == NULL)
    return NULL;
  q = qpdf_init ();
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  if (qpdf_read_memory (q, "scan", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &
      QPDF_ERRORS)
    pk_doc_image_close (q), q = NULL;
  return q;
}

/* Takes qpdf's pending error and warnings first: left unread, qpdf prints
 * "application did not handle error" on stderr. */
void
pk_doc_image_close (qpdf_data q)
{
  if (q == NULL)
    return;
  while (qpdf_more_warnings (q))
    qpdf_next_warning (q);
  if (qpdf_has_error (q))
    qpdf_get_error (q);
  qpdf_cleanup (&q);
}
