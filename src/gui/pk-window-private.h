/* pk-window-private.h: what the files of PkWindow share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-check-panel.h"
#include "pk-coverage-panel.h"
#include "pk-edit-history.h"
#include "pk-import.h"
#include "pk-office-editor.h"
#include "pk-place-sidebar.h"
#include "pk-window.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  PkOffice *office;            /* owned; NULL when the office is gone */
} OfficeUpdate;

struct _PkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *read_only_banner;
  GtkLabel             *read_only_label;
  guint                 watch_id;          /* polls for other programs' commits */
  guint                 n_external;        /* reloads for them, for the tests */
  AdwFlap              *flap;
  PkPlaceSidebar       *place_sidebar;
  GtkStack             *main_stack;
  GtkStack             *sidebar_stack;
  PkMapView            *map_view;
  PkCheckPanel         *check_panel;
  GtkToggleButton      *check_button;
  PkCoveragePanel      *coverage_panel;
  GtkToggleButton      *coverage_button;
  GtkScrolledWindow    *sidebar_scroller;

  GSettings            *settings;     /* owned */
  gboolean              start_view_pending; /* the role's view, once the first workspace is shown */
  PkStore              *store;        /* owned, NULL until a workspace is open */
  PkEditHistory        *history;      /* owned; the open workspace's, this session only */
  GCancellable         *cancellable;  /* owned; the window's work in the background */
  GCancellable         *reloading;    /* owned; the reload under way, or NULL */
  gboolean              reloading_all; /* … of everything, not the checker alone */
  GCancellable         *opening;      /* owned; the workspace being opened, or NULL */
  guint                 n_writing;    /* imports under way in workers */
  AdwToast             *import_toast; /* owned; "Importing…" while one is */
  gint64                redraw_zone;  /* the zone whose outline is being redrawn, or 0 */
  gboolean              bundle_tiles; /* the open workspace is a field bundle with its basemap */

  /* what the store said changed, applied together when the main loop is idle */
  gulong                changed_id;   /* the handler on store's "changed" */
  GArray               *changed_offices;  /* gint64 */
  GArray               *office_ids;       /* gint64: changed, read and shown with the next checker */
  gboolean              changed_zones;
  gboolean              changed_all;  /* rules, outlines, urban areas: read everything again */
  guint                 apply_id;
};

/* pk-window.c */
void     _pk_window_toast                 (PkWindow       *self,
                                           const char     *message);
void     _pk_window_show_error            (PkWindow       *self,
                                           const char     *heading,
                                           const char     *body);
/* pk-window-actions.c */
void     _pk_window_class_add_actions     (GtkWidgetClass *widget_class);
void     _pk_window_update_actions        (PkWindow       *self);

/* pk-window-edit.c */
void     _pk_window_set_history           (PkWindow       *self,
                                           PkEditHistory  *history);
void     _pk_window_add_office            (PkWindow       *self,
                                           const PkOffice *office);
void     _pk_window_on_add_office_cb      (PkWindow       *self,
                                           double          lat,
                                           double          lon,
                                           PkMapView      *map);
void     _pk_window_on_office_action_cb   (PkWindow       *self,
                                           const char     *action,
                                           gint64          id,
                                           PkMapView      *map);
void     _pk_window_on_office_moved_cb    (PkWindow       *self,
                                           gint64          id,
                                           double          lat,
                                           double          lon,
                                           PkMapView      *map);

/* pk-window-import.c */
void     _pk_window_import_action         (GtkWidget      *widget,
                                           const char     *action_name,
                                           GVariant       *param);

/* pk-window-zones.c */
void     _pk_window_open_zone_dialog      (PkWindow       *self,
                                           const PkZone   *zone);
void     _pk_window_draw_zone_action      (GtkWidget      *widget,
                                           const char     *action_name,
                                           GVariant       *param);
void     _pk_window_zone_action           (GtkWidget      *widget,
                                           const char     *action_name,
                                           GVariant       *param);
void     _pk_window_on_zone_drawn_cb      (PkWindow       *self,
                                           PkZone         *outline,
                                           PkMapView      *map);
void     _pk_window_on_zone_picked_cb     (PkWindow       *self,
                                           gint64          id,
                                           double          x,
                                           double          y,
                                           PkMapView      *map);
void     _pk_window_on_vacant_picked_cb   (PkWindow       *self,
                                           double          lat,
                                           double          lon,
                                           double          x,
                                           double          y,
                                           PkMapView      *map);

G_END_DECLS
