/* pk-import-dialog.h: an import's dry run and the choices it leaves
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-import.h"

G_BEGIN_DECLS

#define PK_TYPE_IMPORT_DIALOG (pk_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PkImportDialog, pk_import_dialog, PK, IMPORT_DIALOG, AdwMessageDialog)

PkImportDialog *pk_import_dialog_new             (GtkWindow            *parent,
                                                  const char           *path,
                                                  gboolean              urban_areas,
                                                  const PkImportReport *report);
const char     *pk_import_dialog_get_path        (PkImportDialog       *self);
gboolean        pk_import_dialog_get_urban_areas (PkImportDialog       *self);
guint           pk_import_dialog_get_n_refused   (PkImportDialog       *self);

G_END_DECLS
