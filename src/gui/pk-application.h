/* pk-application.h
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PK_TYPE_APPLICATION (pk_application_get_type ())
G_DECLARE_FINAL_TYPE (PkApplication, pk_application, PK, APPLICATION, AdwApplication)

PkApplication *pk_application_new (void);
void           pk_i18n_init       (void);

G_END_DECLS
