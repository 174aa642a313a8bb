/* pk-jalali.h: Solar Hijri dates through ICU's Persian calendar
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  pk_jalali_from_gregorian (int         gy,
                                    int         gm,
                                    int         gd,
                                    int        *jy,
                                    int        *jm,
                                    int        *jd);
gboolean  pk_jalali_to_gregorian   (int         jy,
                                    int         jm,
                                    int         jd,
                                    int        *gy,
                                    int        *gm,
                                    int        *gd);
gboolean  pk_date_parse_iso        (const char *iso,
                                    int        *y,
                                    int        *m,
                                    int        *d);
char     *pk_date_format           (const char *iso,
                                    gboolean    persian);
char     *pk_date_format_for_locale (const char *iso);
gboolean  pk_date_parse_input      (const char  *text,
                                    char       **iso);

G_END_DECLS
