/* pk-office-editor.h: add or edit one office
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-office.h"

G_BEGIN_DECLS

#define PK_TYPE_OFFICE_EDITOR (pk_office_editor_get_type ())
G_DECLARE_FINAL_TYPE (PkOfficeEditor, pk_office_editor, PK, OFFICE_EDITOR, AdwWindow)

/* The "save" signal hands over a PkOffice; its handler answers NULL (done,
 * the editor closes) or a reason, shown in the editor, which stays open. */
PkOfficeEditor *pk_office_editor_new       (GtkWindow      *parent,
                                            const PkOffice *office);
PkOffice       *pk_office_editor_get_office (PkOfficeEditor *self);
void            pk_office_editor_show_error (PkOfficeEditor *self,
                                             const char     *message);

G_END_DECLS
