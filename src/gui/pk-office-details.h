/* pk-office-details.h: what the map shows of a clicked office
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pk-office.h"
#include "pk-place.h"

G_BEGIN_DECLS

#define PK_TYPE_OFFICE_DETAILS (pk_office_details_get_type ())
G_DECLARE_FINAL_TYPE (PkOfficeDetails, pk_office_details, PK, OFFICE_DETAILS, GtkBox)

GtkWidget *pk_office_details_new        (void);
void       pk_office_details_set_office (PkOfficeDetails *self,
                                         const PkOffice  *office,
                                         const PkPlace   *county);

G_END_DECLS
