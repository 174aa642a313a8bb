/* pk-ident.h: Iranian identifiers, validated with the reason shown
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns NULL when @text is valid, or a translated reason. Persian and
 * Arabic-Indic digits are accepted; *normalized receives ASCII digits. */
char *pk_ident_check_national_code (const char  *text,
                                    char       **normalized);
char *pk_ident_check_national_id   (const char  *text,
                                    char       **normalized);
char *pk_ident_check_postal_code   (const char  *text,
                                    char       **normalized);
char *pk_ident_check_mobile        (const char  *text,
                                    char       **normalized);

G_END_DECLS
