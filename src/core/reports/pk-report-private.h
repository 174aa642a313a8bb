/* pk-report-private.h: the page and text helpers the report files share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "pk-output.h"
#include "pk-report.h"

G_BEGIN_DECLS

#define PAGE_W 595.0      /* A4, points */
#define PAGE_H 842.0
#define MARGIN 42.0

typedef struct
{
  cairo_t  *cr;
  double    y;
  gboolean  rtl;
  int       page;
  double    page_w;    /* right-to-left text is placed from this edge */
} Doc;

cairo_surface_t *_pk_report_begin          (PkOutput        *out,
                                            GError         **error);
cairo_surface_t *_pk_report_begin_sized    (PkOutput        *out,
                                            double           width,
                                            double           height,
                                            GError         **error);
cairo_t     *_pk_report_create_cr          (cairo_surface_t *surface);
gboolean     _pk_report_finish             (Doc             *doc,
                                            cairo_surface_t *surface,
                                            PkOutput        *out,
                                            GError         **error);
PangoLayout *_pk_report_make_layout        (Doc        *doc,
                                            const char *markup,
                                            double      size,
                                            gboolean    bold,
                                            double      width);
void         _pk_report_new_page_if_needed (Doc        *doc,
                                            double      needed);
double       _pk_report_text_at            (Doc        *doc,
                                            double      x,
                                            double      width,
                                            const char *text,
                                            double      size,
                                            gboolean    bold,
                                            double      r,
                                            double      g,
                                            double      b);
void         _pk_report_line               (Doc        *doc,
                                            const char *text,
                                            double      size,
                                            gboolean    bold);
void         _pk_report_field              (Doc        *doc,
                                            const char *label,
                                            const char *value);
cairo_surface_t *_pk_report_begin_titled  (PkOutput        *out,
                                            Doc             *doc,
                                            const char      *title,
                                            GError         **error);
void         _pk_report_signature_lines    (Doc                *doc,
                                            const char * const *names);

G_END_DECLS
