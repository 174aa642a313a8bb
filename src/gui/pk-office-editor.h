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

/* The "save" signal hands over a PkOffice; whoever writes it answers, now or
 * when the write is done, with pk_office_editor_finish_save() (NULL: done,
 * the editor closes; a reason: shown, the editor stays open) or
 * pk_office_editor_show_conflict(). */
PkOfficeEditor *pk_office_editor_new       (GtkWindow      *parent,
                                            const PkOffice *office);
PkOffice       *pk_office_editor_get_office (PkOfficeEditor *self);
const PkOffice *pk_office_editor_get_base  (PkOfficeEditor *self);
gboolean        pk_office_editor_is_saving (PkOfficeEditor *self);
gboolean        pk_office_editor_has_conflict (PkOfficeEditor *self);
void            pk_office_editor_show_error (PkOfficeEditor *self,
                                             const char     *message);
void            pk_office_editor_finish_save (PkOfficeEditor *self,
                                              const char     *reason);
void            pk_office_editor_show_conflict (PkOfficeEditor *self,
                                                const char     *message,
                                                const PkOffice *theirs);

G_END_DECLS
