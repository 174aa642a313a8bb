/* pk-text.h: Persian-aware text helpers (search folding, digits)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *pk_text_fold             (const char *text);
const char *pk_text_bullet         (void);
gboolean  pk_text_matches          (const char *haystack,
                                    const char *needle_folded);
char     *pk_text_to_ascii_digits  (const char *text);
char     *pk_text_to_persian_digits (const char *text);
char     *pk_text_localize_digits  (const char *text);
char     *pk_text_printf_localized (const char *format,
                                   ...) G_GNUC_PRINTF (1, 2);
gboolean  pk_text_parse_double     (const char *text,
                                    double     *out);
gboolean  pk_text_locale_is_persian (void);
char     *pk_text_check_field      (const char *value,
                                    guint       max_chars);

/* How much free text a field takes (characters). */
#define PK_TEXT_MAX_CODE   64
#define PK_TEXT_MAX_NAME   200
#define PK_TEXT_MAX_LONG   2000

G_END_DECLS
