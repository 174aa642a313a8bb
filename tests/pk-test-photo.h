/* pk-test-photo.h: camera-like photos for the visit tests — a JPEG with the
 * EXIF a phone writes (orientation, time, GPS), or a plain PNG
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

GBytes *pk_test_photo_jpeg (int         width,
                            int         height,
                            int         orientation,
                            const char *taken,
                            gboolean    has_gps,
                            double      lat,
                            double      lon);
GBytes *pk_test_photo_png  (int         width,
                            int         height);
void    pk_test_photo_save (GBytes     *bytes,
                            const char *path);
