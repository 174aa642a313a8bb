/* pk-zone-dialog.h: an approved zone's name, licence type, capacity and note
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-zone.h"

G_BEGIN_DECLS

#define PK_TYPE_ZONE_DIALOG (pk_zone_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PkZoneDialog, pk_zone_dialog, PK, ZONE_DIALOG, AdwMessageDialog)

PkZoneDialog *pk_zone_dialog_new      (GtkWindow    *parent,
                                       const PkZone *zone);
PkZone       *pk_zone_dialog_get_zone (PkZoneDialog *self);

G_END_DECLS
