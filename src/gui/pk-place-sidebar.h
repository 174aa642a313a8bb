/* pk-place-sidebar.h: the province, its counties and a search over places and offices
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pk-map-view.h"

G_BEGIN_DECLS

#define PK_TYPE_PLACE_SIDEBAR (pk_place_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PkPlaceSidebar, pk_place_sidebar, PK, PLACE_SIDEBAR, GtkBox)

void     pk_place_sidebar_set_map_view  (PkPlaceSidebar *self,
                                         PkMapView      *map);
void     pk_place_sidebar_refresh       (PkPlaceSidebar *self);
void     pk_place_sidebar_reset         (PkPlaceSidebar *self);
void     pk_place_sidebar_search        (PkPlaceSidebar *self,
                                         const char     *text);
guint    pk_place_sidebar_get_n_results (PkPlaceSidebar *self);
void     pk_place_sidebar_focus_search  (PkPlaceSidebar *self);
int      pk_place_compare_names         (gconstpointer   a,
                                         gconstpointer   b);

G_END_DECLS
