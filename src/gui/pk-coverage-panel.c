/* pk-coverage-panel.c
 *
 * The working group's coverage view (#5): per licence type, the overlays on
 * the map (vacant areas, service areas, counties shaded by the share served),
 * the county table (sortable, CSV), suggested sites with "add as planned",
 * and the approved zones. The panel computes; the window writes (so every
 * write goes through its undo stack): the buttons here activate win.* actions.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-coverage-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pk-coverage.h"
#include "pk-coverage-item.h"
#include "pk-coverage-panel-private.h"
#include "pk-gui-util.h"
#include "pk-report.h"
#include "pk-text.h"

/* ---- the panel --------------------------------------------------------- */


enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PkCoveragePanel, pk_coverage_panel, GTK_TYPE_BOX)

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  column_ptr)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (column_ptr) == COL_COUNTY ? 0 : 1);
  gtk_list_item_set_child (item, label);
}

/* GTK 4.8 sets a tooltip (and tells accessibility) even when it is the same:
 * with every visible cell bound again after a refresh, that held a frame */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  const char *shown = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (shown, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column_ptr)
{
  PkCoverageItem *ci = gtk_list_item_get_item (item);
  const PkCountyCoverage *row = pk_coverage_item_get_row (ci);
  g_autofree char *text = pk_coverage_item_cell_text (row, GPOINTER_TO_INT (column_ptr));
  GtkWidget *label = gtk_list_item_get_child (item);

  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
  if (GPOINTER_TO_INT (column_ptr) == COL_UNSERVED && row->unserved_cities->len > 0)
    {
      GString *names = g_string_new (NULL);

      for (guint k = 0; k < row->unserved_cities->len; k++)
        g_string_append_printf (names, "%s%s", k ? _(", ") : "",
                                pk_place_display_name (g_ptr_array_index (row->unserved_cities, k)));
      set_tooltip (label, names->str);
      g_string_free (names, TRUE);
    }
  else
    set_tooltip (label, NULL);
}

static void
add_column (PkCoveragePanel *self,
            PkCoverageColumn           column,
            const char      *title,
            const char      *tooltip)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (pk_coverage_item_compare, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_expand (col, column == COL_COUNTY);
  gtk_column_view_append_column (self->table, col);
  self->columns[column] = col;
  if (tooltip != NULL)
    g_object_set_data_full (G_OBJECT (col), "tooltip", g_strdup (tooltip), g_free);
  g_object_unref (col);
}

static void
show_unserved (PkCoveragePanel *self)
{
  PkCoverageItem *item = gtk_single_selection_get_selected_item (self->selection);
  GString *text;

  if (item == NULL)
    {
      gtk_label_set_text (self->unserved_label,
                          _("Select a county to name its cities with no office in reach."));
      return;
    }
  text = g_string_new (NULL);
  if (pk_coverage_item_get_row (item)->unserved_cities->len == 0)
    g_string_printf (text, _("%s: every city has an office in reach."),
                     pk_place_display_name (pk_coverage_item_get_row (item)->county));
  else
    {
      g_string_printf (text, _("%s, cities with no office in reach: "),
                       pk_place_display_name (pk_coverage_item_get_row (item)->county));
      for (guint k = 0; k < pk_coverage_item_get_row (item)->unserved_cities->len; k++)
        g_string_append_printf (text, "%s%s", k ? _(", ") : "",
                                pk_place_display_name (g_ptr_array_index (pk_coverage_item_get_row (item)->unserved_cities, k)));
    }
  gtk_label_set_text (self->unserved_label, text->str);
  g_string_free (text, TRUE);
}

static void
on_selection_changed_cb (PkCoveragePanel *self)
{
  PkCoverageItem *item = gtk_single_selection_get_selected_item (self->selection);

  show_unserved (self);
  if (item != NULL && self->map_view != NULL)
    for (guint i = 0; self->counties && i < self->counties->len; i++)
      {
        PkPlace *c = g_ptr_array_index (self->counties, i);

        if (c->id == pk_coverage_item_get_row (item)->county->id)
          pk_map_view_zoom_to_place (self->map_view, c);
      }
}

PkLicense
pk_coverage_panel_get_license (PkCoveragePanel *self)
{
  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), PK_LICENSE_RURAL);
  return gtk_toggle_button_get_active (self->urban_toggle) ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
}

/* The overlays, from the switches and the computed rows. */
static void
push_overlays (PkCoveragePanel *self)
{
  PkLicense license = pk_coverage_panel_get_license (self);
  GPtrArray *shapes = NULL;

  if (self->map_view == NULL)
    return;
  if (self->rows != NULL && gtk_switch_get_active (self->vacant_switch))
    {
      shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_geometry_unref);
      for (guint i = 0; i < self->rows->len; i++)
        {
          PkCountyCoverage *r = g_ptr_array_index (self->rows, i);

          if (r->vacant != NULL)
            g_ptr_array_add (shapes, pk_geometry_ref (r->vacant));
        }
    }
  pk_map_view_set_vacancy (self->map_view, shapes, license);
  pk_map_view_set_service_areas (self->map_view,
                                 self->rows != NULL && self->rows->len > 0 &&
                                 gtk_switch_get_active (self->service_switch),
                                 license,
                                 self->rows && self->rows->len
                                 ? ((PkCountyCoverage *) g_ptr_array_index (self->rows, 0))->service_radius_m
                                 : 0);
  pk_map_view_set_choropleth (self->map_view,
                              gtk_switch_get_active (self->choropleth_switch) ? self->rows : NULL);
  pk_map_view_set_zones (self->map_view, self->zones, 0);
}

static void
rebuild_table (PkCoveragePanel *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->rows && i < self->rows->len; i++)
    g_ptr_array_add (items, pk_coverage_item_new (self->rows, g_ptr_array_index (self->rows, i)));
  /* one change, not one per county: the sorted view re-sorts once */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_unserved (self);
}

static void
zone_button_clicked_cb (GtkButton *button,
                        gpointer   unused)
{
  const char *action = g_object_get_data (G_OBJECT (button), "action");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "zone"));

  gtk_widget_activate_action (GTK_WIDGET (button), action, "x", id);
}

GtkWidget *
_pk_coverage_panel_icon_button (const char *icon,
                                const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
rebuild_zones (PkCoveragePanel *self)
{
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->zones_list, 0)) != NULL)
    gtk_list_box_remove (self->zones_list, GTK_WIDGET (old));
  for (guint i = 0; self->zones && i < self->zones->len; i++)
    {
      PkZone *z = g_ptr_array_index (self->zones, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (_("%s · %u of %d offices · %.0f km²"),
                                                   pk_license_display_name (z->license),
                                                   pk_zone_count_offices (z, self->offices),
                                                   z->capacity, z->area_km2);
      g_autofree char *localized = pk_text_localize_digits (subtitle);
      const struct { const char *icon, *tip, *action; } buttons[] = {
        { "document-edit-symbolic", _("Edit name, licence type and capacity"), "win.edit-zone" },
        { "find-location-symbolic", _("Redraw the outline"), "win.redraw-zone" },
        { "user-trash-symbolic", _("Remove the zone (Ctrl+Z brings it back)"), "win.delete-zone" },
      };

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), z->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
      for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
        {
          GtkWidget *button = _pk_coverage_panel_icon_button (buttons[b].icon, buttons[b].tip);

          g_object_set_data (G_OBJECT (button), "action", (gpointer) buttons[b].action);
          g_object_set_data (G_OBJECT (button), "zone", GSIZE_TO_POINTER (z->id));
          g_signal_connect (button, "clicked", G_CALLBACK (zone_button_clicked_cb), NULL);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->zones_list, row);
    }
}

static void
rebuild_scope (PkCoveragePanel *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Whole province"));
  for (guint i = 0; self->counties && i < self->counties->len; i++)
    gtk_string_list_append (list, pk_place_display_name (g_ptr_array_index (self->counties, i)));
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (list));
}

/**
 * pk_coverage_panel_refresh:
 *
 * Recomputes everything for the shown licence type: after opening a
 * workspace, after any edit of offices, zones or rules.
 */
/* The coverage rows cost a GEOS pass over every county: only computed when
 * something shows them — the panel, or an overlay on the map. */
static gboolean
rows_wanted (PkCoveragePanel *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self)) || gtk_switch_get_active (self->vacant_switch) ||
         gtk_switch_get_active (self->service_switch) || gtk_switch_get_active (self->choropleth_switch);
}

/* What a refresh reads, in a worker thread on a connection of its own. */
typedef struct
{
  PkLicense  license;
  gboolean   with_rows;
  gboolean   with_counties;    /* the first refresh of a workspace: the scope's names */
  PkCoverageCache *cache;      /* the panel's (a GTask keeps the panel alive) */
  GPtrArray *rows;
  GPtrArray *offices;
  GPtrArray *zones;
  GPtrArray *counties;
} Snapshot;

static void
snapshot_free (Snapshot *snap)
{
  g_clear_pointer (&snap->rows, g_ptr_array_unref);
  g_clear_pointer (&snap->offices, g_ptr_array_unref);
  g_clear_pointer (&snap->zones, g_ptr_array_unref);
  g_clear_pointer (&snap->counties, g_ptr_array_unref);
  g_free (snap);
}

static gpointer
refresh_job (PkStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const Snapshot *want = data;
  Snapshot *snap = g_new0 (Snapshot, 1);

  if ((want->with_rows &&
       (snap->rows = pk_coverage_compute_cached (store, want->cache, want->license, 0, TRUE,
                                                 error)) == NULL) ||
      (snap->offices = pk_store_list_offices (store, error)) == NULL ||
      (snap->zones = pk_store_list_zones (store, error)) == NULL ||
      (want->with_counties && (snap->counties = pk_store_list_counties (store, error)) == NULL))
    {
      snapshot_free (snap);
      return NULL;
    }
  return snap;
}

static void
set_busy (PkCoveragePanel *self,
          GCancellable    *refreshing)
{
  gboolean was = self->refreshing != NULL;

  if (self->refreshing != NULL)
    g_cancellable_cancel (self->refreshing);
  g_set_object (&self->refreshing, refreshing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->table_window), refreshing == NULL);
  if (refreshing != NULL)
    gtk_label_set_text (self->unserved_label, _("Computing coverage…"));
  if (was != (refreshing != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkCoveragePanel *self = PK_COVERAGE_PANEL (source);
  g_autoptr(GError) error = NULL;
  Snapshot *snap = pk_store_run_job_finish (result, &error);
  GPtrArray *old_rows;

  if (snap == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, NULL);
          pk_show_error (GTK_WIDGET (self), _("Cannot Compute Coverage"), error->message);
        }
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      snapshot_free (snap);
      return;                      /* a newer refresh is under way */
    }
  old_rows = g_steal_pointer (&self->rows);
  pk_free_in_background (g_steal_pointer (&self->offices), (GDestroyNotify) g_ptr_array_unref);
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  self->rows = g_steal_pointer (&snap->rows);
  self->offices = g_steal_pointer (&snap->offices);
  self->zones = g_steal_pointer (&snap->zones);
  if (snap->counties != NULL)
    {
      g_clear_pointer (&self->counties, g_ptr_array_unref);
      self->counties = g_steal_pointer (&snap->counties);
      rebuild_scope (self);
    }
  set_busy (self, NULL);
  /* the table's items hold the old rows too: once they are replaced, the
   * last reference (a country's vacant areas) is dropped in a worker */
  rebuild_table (self);
  pk_free_in_background (g_steal_pointer (&old_rows), (GDestroyNotify) g_ptr_array_unref);
  rebuild_zones (self);
  _pk_coverage_panel_clear_suggestions (self);
  push_overlays (self);
  snapshot_free (snap);
}

void
pk_coverage_panel_refresh (PkCoveragePanel *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  Snapshot *want;

  g_return_if_fail (PK_IS_COVERAGE_PANEL (self));
  if (self->store == NULL)
    return;
  /* a GEOS pass over every county: in a worker, the window keeps drawing */
  self->stale = !rows_wanted (self);
  want = g_new0 (Snapshot, 1);
  want->license = pk_coverage_panel_get_license (self);
  want->with_rows = !self->stale;
  want->with_counties = self->counties == NULL;
  want->cache = self->cache;
  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  pk_store_run_job_async (self->store, self, refresh_job, want, (GDestroyNotify) snapshot_free,
                          (GDestroyNotify) snapshot_free, cancellable, on_refreshed, NULL);
}

/* TRUE while a refresh is computing in the background. */
gboolean
pk_coverage_panel_get_busy (PkCoveragePanel *self)
{
  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), FALSE);
  return self->refreshing != NULL;
}

static void
refresh_if_stale (PkCoveragePanel *self)
{
  if (self->stale && rows_wanted (self))
    pk_coverage_panel_refresh (self);
}

void
pk_coverage_panel_set_workspace (PkCoveragePanel *self,
                                 PkStore         *store,
                                 PkMapView       *map_view)
{
  g_return_if_fail (PK_IS_COVERAGE_PANEL (self));
  g_set_object (&self->store, store);
  self->map_view = map_view;
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  rebuild_scope (self);
  pk_coverage_panel_refresh (self);         /* the counties come with it, from a worker */
}

static void
on_license_toggled_cb (PkCoveragePanel *self,
                       GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    pk_coverage_panel_refresh (self);
}

static void
on_overlay_changed_cb (PkCoveragePanel *self)
{
  if (self->updating)
    return;
  if (self->stale && rows_wanted (self))
    pk_coverage_panel_refresh (self);
  else
    push_overlays (self);
}

void
pk_coverage_panel_set_license (PkCoveragePanel *self,
                               PkLicense        license)
{
  g_return_if_fail (PK_IS_COVERAGE_PANEL (self));
  gtk_toggle_button_set_active (license == PK_LICENSE_URBAN ? self->urban_toggle : self->rural_toggle,
                                TRUE);
}

void
pk_coverage_panel_set_overlays (PkCoveragePanel *self,
                                gboolean         vacant,
                                gboolean         service,
                                gboolean         choropleth)
{
  g_return_if_fail (PK_IS_COVERAGE_PANEL (self));
  self->updating = TRUE;
  gtk_switch_set_active (self->vacant_switch, vacant);
  gtk_switch_set_active (self->service_switch, service);
  gtk_switch_set_active (self->choropleth_switch, choropleth);
  self->updating = FALSE;
  if (self->stale && rows_wanted (self))
    pk_coverage_panel_refresh (self);
  else
    push_overlays (self);
}

/**
 * pk_coverage_panel_get_rows:
 *
 * Returns: (transfer none) (element-type PkCountyCoverage) (nullable): the
 *   shown licence type's coverage, county by county
 */
GPtrArray *
pk_coverage_panel_get_rows (PkCoveragePanel *self)
{
  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), NULL);
  if (self->stale)
    pk_coverage_panel_refresh (self);
  return self->rows;
}

/**
 * pk_coverage_panel_get_zones:
 *
 * Returns: (transfer none) (element-type PkZone) (nullable): the approved zones
 */
GPtrArray *
pk_coverage_panel_get_zones (PkCoveragePanel *self)
{
  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), NULL);
  return self->zones;
}

guint
pk_coverage_panel_get_n_table_rows (PkCoveragePanel *self)
{
  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

/* As a click on the column header does. */
void
pk_coverage_panel_sort_by (PkCoveragePanel *self,
                           guint            column,
                           gboolean         descending)
{
  g_return_if_fail (PK_IS_COVERAGE_PANEL (self));
  g_return_if_fail (column < N_COLUMNS);
  gtk_column_view_sort_by_column (self->table, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* The county shown at @position, in the table's current order. */
gint64
pk_coverage_panel_get_table_county (PkCoveragePanel *self,
                                    guint            position)
{
  g_autoptr(PkCoverageItem) item = NULL;

  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), 0);
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  return item ? pk_coverage_item_get_row (item)->county->id : 0;
}

/* ---- a vacant area's popover ------------------------------------------ */

static void
check_here_cb (GtkButton *button,
               gpointer   unused)
{
  PkLicense license = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "license"));
  double *at = g_object_get_data (G_OBJECT (button), "at");

  gtk_widget_activate_action (GTK_WIDGET (button), "win.check-here", "(sdd)",
                              pk_license_to_string (license), at[0], at[1]);
}

/**
 * pk_coverage_panel_describe_vacant:
 *
 * Returns: (transfer floating) (nullable): the details of the vacant part at
 *   (@lat, @lon) — county, area, unserved cities — with "check a site here"
 *   at its deepest point; %NULL when nothing vacant is there
 */
GtkWidget *
pk_coverage_panel_describe_vacant (PkCoveragePanel *self,
                                   double           lat,
                                   double           lon)
{
  g_autoptr(PkVacantPart) part = NULL;
  GtkWidget *box, *label, *button;
  g_autofree char *heading = NULL;
  g_autofree char *area = NULL;
  g_autofree char *localized = NULL;
  GString *cities;
  double *at;

  g_return_val_if_fail (PK_IS_COVERAGE_PANEL (self), NULL);
  if (self->rows == NULL || !gtk_switch_get_active (self->vacant_switch) ||
      (part = pk_coverage_vacant_part_at (self->rows, lat, lon)) == NULL)
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, 260, -1);
  heading = g_strdup_printf (part->license == PK_LICENSE_RURAL
                             ? _("Vacant area: no rural ICT office in reach")
                             : _("Vacant area: no urban Pishkhan in reach"));
  label = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  area = g_strdup_printf (_("County: %s\nArea: %.1f km²"), pk_place_display_name (part->county),
                          part->area_km2);
  localized = pk_text_localize_digits (area);
  label = gtk_label_new (localized);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  cities = g_string_new (NULL);
  if (part->cities->len == 0)
    g_string_append (cities, _("No city in it lacks an office."));
  else
    {
      g_string_append (cities, _("Cities with no office in reach: "));
      for (guint k = 0; k < part->cities->len; k++)
        g_string_append_printf (cities, "%s%s", k ? _(", ") : "",
                                pk_place_display_name (g_ptr_array_index (part->cities, k)));
    }
  label = gtk_label_new (cities->str);
  g_string_free (cities, TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  button = gtk_button_new_with_mnemonic (_("_Check a Site Here"));
  gtk_widget_set_tooltip_text (button, _("Opens the siting checker at the point deepest inside this area"));
  gtk_widget_add_css_class (button, "suggested-action");
  at = g_new (double, 2);
  at[0] = part->best_lat;
  at[1] = part->best_lon;
  g_object_set_data_full (G_OBJECT (button), "at", at, g_free);
  g_object_set_data (G_OBJECT (button), "license", GINT_TO_POINTER (part->license));
  g_signal_connect (button, "clicked", G_CALLBACK (check_here_cb), NULL);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/* ---- exports ----------------------------------------------------------- */

/* The county table of both licence types, through the panel's cache: what
 * the map's overlays computed is not computed again. */
static gboolean
save_csv (PkStore     *store,
          gpointer     cache,
          const char  *path,
          GError     **error)
{
  g_autoptr(GPtrArray) urban = NULL;
  g_autoptr(GPtrArray) rural = NULL;
  g_autofree char *csv = NULL;

  if ((urban = pk_coverage_compute_cached (store, cache, PK_LICENSE_URBAN, 0, FALSE, error)) == NULL ||
      (rural = pk_coverage_compute_cached (store, cache, PK_LICENSE_RURAL, 0, FALSE, error)) == NULL)
    return FALSE;
  csv = pk_coverage_table_csv (urban, rural);
  return g_file_set_contents (path, csv, -1, error);
}

static gboolean
save_geojson (PkStore     *store,
              gpointer     data,
              const char  *path,
              GError     **error)
{
  g_autofree char *text = NULL;

  text = pk_report_publication_geojson (store, PK_MAP_LAYER_OFFICES | PK_MAP_LAYER_VACANT_RURAL |
                                        PK_MAP_LAYER_VACANT_URBAN | PK_MAP_LAYER_ZONES, error);
  return text != NULL && g_file_set_contents (path, text, -1, error);
}

static gboolean
save_map (PkStore     *store,
          gpointer     layers,
          const char  *path,
          GError     **error)
{
  return pk_report_write_map (store, path, FALSE, GPOINTER_TO_UINT (layers), error);
}

static void
on_export_csv_cb (PkCoveragePanel *self)
{
  if (self->store == NULL)
    return;
  pk_save_file_dialog_in_worker (GTK_WIDGET (self), _("Save County Table"), "coverage.csv",
                                 self->store, save_csv, self->cache, NULL);
}

static void
on_export_geojson_cb (PkCoveragePanel *self)
{
  if (self->store == NULL)
    return;
  pk_save_file_dialog_in_worker (GTK_WIDGET (self), _("Save for Publication"),
                                 "offices-vacant-zones.geojson", self->store, save_geojson, NULL, NULL);
}

static void
on_export_map_cb (PkCoveragePanel *self)
{
  PkMapLayers layers = PK_MAP_LAYER_OFFICES | PK_MAP_LAYER_ZONES |
                       (pk_coverage_panel_get_license (self) == PK_LICENSE_URBAN
                        ? PK_MAP_LAYER_VACANT_URBAN : PK_MAP_LAYER_VACANT_RURAL);

  if (self->store == NULL)
    return;
  pk_save_file_dialog_in_worker (GTK_WIDGET (self), _("Save Applicant Map"), "applicant-map.pdf",
                                 self->store, save_map, GUINT_TO_POINTER (layers), NULL);
}

/* ---- life cycle -------------------------------------------------------- */

static void
pk_coverage_panel_dispose (GObject *object)
{
  PkCoveragePanel *self = PK_COVERAGE_PANEL (object);

  set_busy (self, NULL);
  if (self->suggesting != NULL)
    g_cancellable_cancel (self->suggesting);
  g_clear_object (&self->suggesting);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  gtk_widget_dispose_template (GTK_WIDGET (self), PK_TYPE_COVERAGE_PANEL);
  G_OBJECT_CLASS (pk_coverage_panel_parent_class)->dispose (object);
}

static void
pk_coverage_panel_finalize (GObject *object)
{
  /* here, not in dispose: a refresh's worker holds the panel until it ends */
  pk_coverage_cache_free (PK_COVERAGE_PANEL (object)->cache);
  G_OBJECT_CLASS (pk_coverage_panel_parent_class)->finalize (object);
}

static void
pk_coverage_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, pk_coverage_panel_get_busy (PK_COVERAGE_PANEL (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_coverage_panel_class_init (PkCoveragePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pk_coverage_panel_dispose;
  object_class->finalize = pk_coverage_panel_finalize;
  object_class->get_property = pk_coverage_panel_get_property;

  /**
   * PkCoveragePanel:busy:
   *
   * Whether coverage is being computed in the background.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-coverage-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, urban_toggle);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, rural_toggle);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, vacant_switch);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, service_switch);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, choropleth_switch);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, table_window);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, unserved_label);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, count_spin);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, zones_list);
  gtk_widget_class_bind_template_callback (widget_class, on_license_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overlay_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_csv_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_geojson_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_map_cb);
  gtk_widget_class_bind_template_child (widget_class, PkCoveragePanel, suggest_button);
  _pk_coverage_panel_class_add_suggestions (widget_class);
}

static void
pk_coverage_panel_init (PkCoveragePanel *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  pk_spin_button_localize (self->count_spin, NULL);      /* Persian digits in Persian */

  self->cache = pk_coverage_cache_new ();
  self->items = g_list_store_new (PK_TYPE_COVERAGE_ITEM);
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->table, FALSE);
  /* TRANSLATORS: column headers of the county coverage table; keep them short */
  add_column (self, COL_COUNTY, _("County"), NULL);
  add_column (self, COL_OFFICES, C_("column", "Offices"), NULL);
  add_column (self, COL_CAPACITY, C_("column", "Cap."), NULL);
  add_column (self, COL_FREE, C_("column", "Free"), NULL);
  add_column (self, COL_AREA, C_("column", "km²"), NULL);
  add_column (self, COL_SERVED, C_("column", "Served"), NULL);
  add_column (self, COL_UNSERVED, C_("column", "Unserved cities"), NULL);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->table)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (self->table_window, GTK_WIDGET (self->table));
  g_signal_connect (self, "map", G_CALLBACK (refresh_if_stale), NULL);
}

GtkWidget *
pk_coverage_panel_new (void)
{
  return g_object_new (PK_TYPE_COVERAGE_PANEL, NULL);
}
