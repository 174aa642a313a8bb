/* pk-output.h: files written whole or not at all
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _PkOutput PkOutput;

char           *pk_output_temp_path   (const char           *path);
PkOutput       *pk_output_open        (const char           *path,
                                       GError              **error);
cairo_status_t  pk_output_cairo_write (void                 *closure,
                                       const unsigned char  *data,
                                       unsigned int          length);
gboolean        pk_output_write       (PkOutput             *self,
                                       const void           *data,
                                       gsize                 length);
const char     *pk_output_get_path    (PkOutput             *self);
gboolean        pk_output_close       (PkOutput             *self,
                                       gboolean              written,
                                       GError              **error);

G_END_DECLS
