/* pk-preferences-window.h
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PK_TYPE_PREFERENCES_WINDOW (pk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PkPreferencesWindow, pk_preferences_window, PK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *pk_preferences_window_new (GtkWindow *parent);
gboolean   pk_preferences_window_is_busy (PkPreferencesWindow *self);
GtkWidget *pk_preferences_window_get_setting_widget (PkPreferencesWindow *self,
                                                     const char          *id);

G_END_DECLS
