/* pk-visits-window.h: site visits — the inspector's list and map, the visit
 * form saved as it is typed, field bundles out and back, merge conflicts
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_TYPE_VISITS_WINDOW (pk_visits_window_get_type ())
G_DECLARE_FINAL_TYPE (PkVisitsWindow, pk_visits_window, PK, VISITS_WINDOW, AdwWindow)

typedef void (*PkVisitAssignedFunc) (gint64   visit_id,
                                     gpointer data);

void            pk_visit_assign_dialog           (GtkWindow           *parent,
                                                  PkStore             *store,
                                                  const char          *case_number,
                                                  gint64               office_id,
                                                  PkVisitAssignedFunc  done,
                                                  gpointer             data);

PkVisitsWindow *pk_visits_window_new             (GtkWindow      *parent,
                                                  PkStore        *store);
gboolean        pk_visits_window_is_busy         (PkVisitsWindow *self);
guint           pk_visits_window_get_n_visits    (PkVisitsWindow *self);
guint           pk_visits_window_get_n_conflicts (PkVisitsWindow *self);
void            pk_visits_window_show_visit      (PkVisitsWindow *self,
                                                  gint64          visit_id);
gint64          pk_visits_window_get_shown_visit (PkVisitsWindow *self);
void            pk_visits_window_show_conflicts  (PkVisitsWindow *self);
void            pk_visits_window_focus_photos    (PkVisitsWindow *self);
void            pk_visits_window_set_standard    (PkVisitsWindow *self,
                                                  int             index,
                                                  PkStResult      result);
void            pk_visits_window_add_photos      (PkVisitsWindow      *self,
                                                  const char * const  *paths);
void            pk_visits_window_undo            (PkVisitsWindow *self);
void            pk_visits_window_remove_photo    (PkVisitsWindow *self,
                                                  gint64          photo_id);
void            pk_visits_window_import_bundle   (PkVisitsWindow *self,
                                                  const char     *path);

void            pk_visits_window_resolve       (PkVisitsWindow *self,
                                                gint64          conflict_id,
                                                gboolean        theirs);
gint64          pk_visits_window_get_last_resolved (PkVisitsWindow *self);

G_END_DECLS
