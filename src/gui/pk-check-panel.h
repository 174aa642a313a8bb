/* pk-check-panel.h: the siting checker's side panel
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pk-siting.h"

G_BEGIN_DECLS

#define PK_TYPE_CHECK_PANEL (pk_check_panel_get_type ())
G_DECLARE_FINAL_TYPE (PkCheckPanel, pk_check_panel, PK, CHECK_PANEL, GtkBox)

GtkWidget     *pk_check_panel_new          (void);
PkSiteChecker *pk_check_panel_get_checker  (PkCheckPanel  *self);
void           pk_check_panel_set_checker  (PkCheckPanel  *self,
                                            PkStore       *store,
                                            PkSiteChecker *checker);
gboolean       pk_check_panel_set_store    (PkCheckPanel *self,
                                            PkStore      *store,
                                            GError      **error);
void           pk_check_panel_set_location (PkCheckPanel *self,
                                            double        lat,
                                            double        lon);
void           pk_check_panel_set_license  (PkCheckPanel *self,
                                            PkLicense     license);
void           pk_check_panel_set_area     (PkCheckPanel *self,
                                            double        area_m2);
void           pk_check_panel_set_land_use (PkCheckPanel *self,
                                            PkLandUse     land_use);
void           pk_check_panel_check_office (PkCheckPanel *self,
                                            const PkOffice *office);
PkSiteVerdict *pk_check_panel_get_verdict  (PkCheckPanel *self);
gboolean       pk_check_panel_save_pdf     (PkCheckPanel *self,
                                            const char   *path,
                                            GError      **error);

G_END_DECLS
