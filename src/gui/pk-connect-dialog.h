/* pk-connect-dialog.h: Connect to Server…
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-window.h"

G_BEGIN_DECLS

GtkWidget *pk_connect_dialog_present  (PkWindow   *window);
char      *pk_connect_build_uri       (const char *host,
                                       const char *database,
                                       const char *workspace,
                                       const char *user);
char      *pk_connect_lookup_password (const char *uri);

G_END_DECLS
