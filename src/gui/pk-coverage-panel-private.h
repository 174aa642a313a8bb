/* pk-coverage-panel-private.h: what the coverage panel's files share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-coverage-item.h"
#include "pk-coverage-panel.h"

G_BEGIN_DECLS

struct _PkCoveragePanel
{
  GtkBox            parent_instance;

  GtkToggleButton  *urban_toggle;
  GtkToggleButton  *rural_toggle;
  GtkSwitch        *vacant_switch;
  GtkSwitch        *service_switch;
  GtkSwitch        *choropleth_switch;
  GtkScrolledWindow *table_window;
  GtkLabel         *unserved_label;
  GtkDropDown      *scope_dropdown;
  GtkSpinButton    *count_spin;
  GtkListBox       *suggestions_list;
  GtkListBox       *zones_list;

  GtkColumnView    *table;
  GtkColumnViewColumn *columns[N_COLUMNS];
  GListStore       *items;
  GtkSingleSelection *selection;

  PkStore          *store;      /* owned */
  PkMapView        *map_view;   /* not owned: the window's */
  GPtrArray        *rows;       /* PkCountyCoverage of the shown licence, with geometry */
  GPtrArray        *counties;   /* PkPlace */
  GPtrArray        *offices;    /* PkOffice */
  GPtrArray        *zones;      /* PkZone */
  GPtrArray        *suggestions; /* PkSuggestion */
  gboolean          updating;
  gboolean          stale;      /* rows not computed: nothing showed them since the last edit */
  GCancellable     *refreshing; /* the refresh under way, or NULL */
  GCancellable     *suggesting; /* the suggestion under way, or NULL */
  GtkButton        *suggest_button;
  PkCoverageCache  *cache;      /* owned: each county's vacancy while its inputs stay (they
                                   are its key, so it serves any workspace) */
};

/* pk-coverage-panel.c */
GtkWidget *_pk_coverage_panel_icon_button     (const char      *icon,
                                               const char      *tooltip);

/* pk-coverage-panel-suggest.c */
void _pk_coverage_panel_clear_suggestions     (PkCoveragePanel *self);
void _pk_coverage_panel_class_add_suggestions (GtkWidgetClass  *widget_class);

G_END_DECLS
