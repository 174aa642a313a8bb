/* pk-coords.h: coordinates as people type them
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PK_COORDS_ERROR (pk_coords_error_quark ())
GQuark   pk_coords_error_quark (void);

typedef enum
{
  PK_COORDS_ERROR_SYNTAX,
  PK_COORDS_ERROR_RANGE,
} PkCoordsError;

gboolean pk_coords_parse       (const char  *text,
                                double      *lat,
                                double      *lon,
                                GError     **error);
gboolean pk_coords_check_range (double       lat,
                                double       lon,
                                GError     **error);

G_END_DECLS
