/* pk-window.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-case-list.h"
#include "pk-check-panel.h"
#include "pk-coverage.h"
#include "pk-coverage-panel.h"
#include "pk-geography.h"
#include "pk-import.h"
#include "pk-office-editor.h"
#include "pk-text.h"
#include "pk-edit-history.h"
#include "pk-window.h"

struct _PkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *read_only_banner;
  guint                 watch_id;          /* polls for other programs' commits */
  AdwFlap              *flap;
  GtkSearchEntry       *search_entry;
  GtkLabel             *list_heading;
  GtkListBox           *place_list;
  GtkStack             *main_stack;
  GtkStack             *sidebar_stack;
  PkMapView            *map_view;
  PkCheckPanel         *check_panel;
  GtkToggleButton      *check_button;
  PkCoveragePanel      *coverage_panel;
  GtkToggleButton      *coverage_button;
  GtkScrolledWindow    *sidebar_scroller;

  GSettings            *settings;     /* owned */
  PkStore              *store;        /* owned, NULL until a workspace is open */
  guint                 n_results;
  PkEditHistory        *history;      /* owned; the open workspace's, this session only */
  GCancellable         *cancellable;  /* owned; the window's work in the background */
  GCancellable         *reloading;    /* owned; the reload under way, or NULL */
  guint                 n_writing;    /* imports under way in workers */
  gint64                redraw_zone;  /* the zone whose outline is being redrawn, or 0 */
};

G_DEFINE_FINAL_TYPE (PkWindow, pk_window, ADW_TYPE_APPLICATION_WINDOW)

typedef enum
{
  ROW_PROVINCE,
  ROW_COUNTY,
  ROW_CITY,
  ROW_OFFICE,
} RowKind;

static void
toast (PkWindow   *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_error (PkWindow   *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_row (RowKind     kind,
          gpointer    item,
          const char *title,
          const char *subtitle,
          const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* kind + 1: a row without data (the "nothing matches" label) reads as -1 */
  g_object_set_data (G_OBJECT (row), "pk-kind", GINT_TO_POINTER (kind + 1));
  g_object_set_data (G_OBJECT (row), "pk-item", item);
  return row;
}

/* "N urban Pishkhan · M rural ICT", digits in the user's script. */
static char *
counts_text (const guint *counts)
{
  /* TRANSLATORS: office counts of a county in the sidebar */
  g_autofree char *text = g_strdup_printf (_("%u urban Pishkhan · %u rural ICT"),
                                           counts[PK_LICENSE_URBAN], counts[PK_LICENSE_RURAL]);

  return pk_text_localize_digits (text);
}

static void
clear_list (PkWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->place_list))) != NULL)
    gtk_list_box_remove (self->place_list, child);
}

static int
compare_places_by_name (gconstpointer a,
                        gconstpointer b)
{
  const PkPlace *pa = *(PkPlace **) a, *pb = *(PkPlace **) b;

  return g_utf8_collate (pk_place_display_name (pa), pk_place_display_name (pb));
}

static void
fill_county_list (PkWindow *self)
{
  GPtrArray *counties = pk_map_view_get_counties (self->map_view);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) by_county = NULL;     /* county id → guint[2] by licence */
  g_autofree char *all = NULL;
  guint total[2] = { 0, 0 };

  clear_list (self);
  gtk_label_set_label (self->list_heading, _("Counties"));
  if (self->store == NULL)
    return;

  /* one pass over the offices for every county's counts */
  {
    GPtrArray *offices = pk_map_view_get_offices (self->map_view);

    by_county = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
    for (guint i = 0; offices && i < offices->len; i++)
      {
        PkOffice *o = g_ptr_array_index (offices, i);
        guint *n = g_hash_table_lookup (by_county, &o->county_id);

        if (n == NULL)
          {
            n = g_new0 (guint, 2);
            g_hash_table_insert (by_county, &o->county_id, n);
          }
        n[o->license]++;
        total[o->license]++;
      }
  }
  all = counts_text (total);
  gtk_list_box_append (self->place_list,
                       make_row (ROW_PROVINCE, NULL, _("Whole province"), all,
                                 "zoom-fit-best-symbolic"));
  if (counties == NULL)
    return;
  /* borrowed pointers: g_ptr_array_copy() would inherit the free function */
  sorted = g_ptr_array_sized_new (counties->len);
  for (guint i = 0; i < counties->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (counties, i));
  g_ptr_array_sort (sorted, compare_places_by_name);
  for (guint i = 0; i < sorted->len; i++)
    {
      PkPlace *c = g_ptr_array_index (sorted, i);
      const guint *n = g_hash_table_lookup (by_county, &c->id);
      g_autofree char *counts = counts_text (n ? n : (const guint[2]) { 0, 0 });

      gtk_list_box_append (self->place_list,
                           make_row (ROW_COUNTY, c, pk_place_display_name (c), counts, NULL));
    }
}

static gboolean
place_matches (const PkPlace *p,
               const char    *needle)
{
  return pk_text_matches (p->name_fa, needle) || pk_text_matches (p->name_en, needle);
}

/* Search folds Arabic/Persian letter variants and ZWNJ (pk_text_fold), so
 * «بيرجند» (Arabic yeh) finds Birjand. */
void
pk_window_search (PkWindow   *self,
                  const char *text)
{
  g_autofree char *needle = pk_text_fold (text);
  GPtrArray *counties, *cities, *offices;
  guint n = 0;
  const guint max_results = 200;

  g_return_if_fail (PK_IS_WINDOW (self));

  if (*needle == '\0')
    {
      self->n_results = 0;
      fill_county_list (self);
      return;
    }
  clear_list (self);
  gtk_label_set_label (self->list_heading, _("Search results"));
  counties = pk_map_view_get_counties (self->map_view);
  cities = pk_map_view_get_cities (self->map_view);
  offices = pk_map_view_get_offices (self->map_view);

  for (guint i = 0; counties && i < counties->len && n < max_results; i++)
    {
      PkPlace *c = g_ptr_array_index (counties, i);

      if (place_matches (c, needle) && ++n)
        gtk_list_box_append (self->place_list,
                             make_row (ROW_COUNTY, c, pk_place_display_name (c), _("County"),
                                       "mark-location-symbolic"));
    }
  for (guint i = 0; cities && i < cities->len && n < max_results; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);

      if (place_matches (c, needle) && ++n)
        gtk_list_box_append (self->place_list,
                             make_row (ROW_CITY, c, pk_place_display_name (c),
                                       c->is_county_seat ? _("County seat") : _("City"),
                                       "mark-location-symbolic"));
    }
  for (guint i = 0; offices && i < offices->len && n < max_results; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if ((pk_text_matches (o->name, needle) || pk_text_matches (o->code, needle)) && ++n)
        gtk_list_box_append (self->place_list,
                             make_row (ROW_OFFICE, o, o->name, pk_license_display_name (o->license),
                                       "building-symbolic"));
    }
  self->n_results = n;
  if (n == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing matches"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 24);
      gtk_list_box_append (self->place_list, label);
    }
}

guint
pk_window_get_n_results (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), 0);
  return self->n_results;
}

static void
activate_row (PkWindow      *self,
              GtkListBoxRow *row)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pk-kind")) - 1;
  gpointer item = g_object_get_data (G_OBJECT (row), "pk-item");

  if (kind < 0)
    return;

  switch (kind)
    {
    case ROW_PROVINCE:
      pk_map_view_zoom_to_province (self->map_view);
      break;
    case ROW_COUNTY:
    case ROW_CITY:
      pk_map_view_zoom_to_place (self->map_view, item);
      break;
    case ROW_OFFICE:
      pk_map_view_show_office (self->map_view, item);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_place_row_activated_cb (PkWindow      *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  activate_row (self, row);
}

static void
on_search_changed_cb (PkWindow       *self,
                      GtkSearchEntry *entry)
{
  pk_window_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter jumps to the first result. */
static void
on_search_activate_cb (PkWindow       *self,
                       GtkSearchEntry *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->place_list, 0);

  if (first != NULL)
    activate_row (self, first);
}

/**
 * pk_window_set_vacancy:
 * @which: "none", "urban" or "rural"
 *
 * Shows (or hides) the vacant areas of a licence type: a shortcut to the
 * coverage panel's licence and switch.
 */
void
pk_window_set_vacancy (PkWindow   *self,
                       const char *which)
{
  PkLicense license;

  g_return_if_fail (PK_IS_WINDOW (self));
  if (pk_license_from_string (which, &license))
    {
      pk_coverage_panel_set_license (self->coverage_panel, license);
      pk_coverage_panel_set_overlays (self->coverage_panel, TRUE, FALSE, FALSE);
    }
  else
    pk_coverage_panel_set_overlays (self->coverage_panel, FALSE, FALSE, FALSE);
}

PkCoveragePanel *
pk_window_get_coverage_panel (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  return self->coverage_panel;
}

/* What a reload reads, in a worker thread on a connection of its own. */
typedef struct
{
  PkStore       *store;      /* the window's; only its path and user are read */
  PkMapData     *map;
  PkSiteChecker *checker;
} Reload;

static void
reload_free (Reload *r)
{
  g_object_unref (r->store);
  g_clear_pointer (&r->map, pk_map_data_free);
  g_clear_pointer (&r->checker, pk_site_checker_free);
  g_free (r);
}

static void
reload_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Reload *r = data;
  g_autoptr(PkStore) store = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((store = pk_store_open_another (r->store, &error)) == NULL ||
      (r->map = pk_map_data_load (store, &error)) == NULL ||
      (r->checker = pk_site_checker_new (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_reloaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  Reload *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, error->message);
    }
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;                          /* a newer reload is under way */
  else
    {
      pk_map_view_set_data (self->map_view, g_steal_pointer (&r->map));
      pk_check_panel_set_checker (self->check_panel, self->store, g_steal_pointer (&r->checker));
      pk_window_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }
  g_clear_object (&self->reloading);
}

/* After any edit: the map, the checker's snapshot and the county counts,
 * read in the background (25,000 offices take a moment) and shown when
 * they land; a newer reload replaces an older one. */
void
pk_window_reload (PkWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Reload *r;

  g_return_if_fail (PK_IS_WINDOW (self));
  if (self->store == NULL)
    return;
  if (self->reloading != NULL)
    g_cancellable_cancel (self->reloading);
  g_clear_object (&self->reloading);
  self->reloading = g_cancellable_new ();
  r = g_new0 (Reload, 1);
  r->store = g_object_ref (self->store);
  task = g_task_new (self, self->reloading, on_reloaded, NULL);
  g_task_set_source_tag (task, pk_window_reload);
  g_task_set_task_data (task, r, (GDestroyNotify) reload_free);
  g_task_run_in_thread (task, reload_thread);
  pk_coverage_panel_refresh (self->coverage_panel);
}

/* TRUE while the window reloads, imports or computes coverage in the background. */
gboolean
pk_window_is_busy (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  return self->reloading != NULL || self->n_writing > 0 || pk_coverage_panel_get_busy (self->coverage_panel);
}

static void
update_undo_actions (PkWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history && pk_edit_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history && pk_edit_history_get_can_redo (self->history));
}

/* Takes @history (transfer full, may be NULL); the actions follow its can-undo and can-redo. */
static void
set_history (PkWindow      *self,
             PkEditHistory *history)
{
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  self->history = history;
  if (history != NULL)
    {
      g_signal_connect_swapped (history, "notify::can-undo", G_CALLBACK (update_undo_actions), self);
      g_signal_connect_swapped (history, "notify::can-redo", G_CALLBACK (update_undo_actions), self);
    }
  update_undo_actions (self);
}

static void
show_undo_toast (PkWindow   *self,
                 const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/**
 * pk_window_edit_office:
 * @before: (nullable): the office as it was (NULL to add)
 * @after: (nullable): the office as it should be (NULL to remove)
 *
 * Applies an edit through the workspace's edit history (logged, undoable).
 */
gboolean
pk_window_edit_office (PkWindow        *self,
                       const PkOffice  *before,
                       const PkOffice  *after,
                       GError         **error)
{
  gint64 id;

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);
  if ((id = pk_edit_history_edit_office (self->history, before, after, error)) == 0)
    return FALSE;
  pk_window_reload (self);
  if (before == NULL)
    pk_map_view_select_office (self->map_view, id);
  show_undo_toast (self, pk_edit_history_get_undo_label (self->history));
  return TRUE;
}

/**
 * pk_window_edit_zone:
 * @before: (nullable): the zone as it was (NULL to add)
 * @after: (nullable): the zone as it should be (NULL to remove)
 *
 * As pk_window_edit_office(), for an approved zone.
 */
gboolean
pk_window_edit_zone (PkWindow      *self,
                     const PkZone  *before,
                     const PkZone  *after,
                     GError       **error)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);
  if (pk_edit_history_edit_zone (self->history, before, after, error) == 0)
    return FALSE;
  pk_window_reload (self);
  show_undo_toast (self, pk_edit_history_get_undo_label (self->history));
  return TRUE;
}

gboolean
pk_window_undo (PkWindow  *self,
                GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  if (self->history == NULL || !pk_edit_history_get_can_undo (self->history))
    return TRUE;
  ok = pk_edit_history_undo (self->history, error);
  pk_window_reload (self);
  return ok;
}

gboolean
pk_window_redo (PkWindow  *self,
                GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  if (self->history == NULL || !pk_edit_history_get_can_redo (self->history))
    return TRUE;
  ok = pk_edit_history_redo (self->history, error);
  pk_window_reload (self);
  return ok;
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pk_window_redo (self, &error))
    show_error (self, _("Cannot Redo"), error->message);
  else
    toast (self, _("Redone"));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pk_window_undo (self, &error))
    show_error (self, _("Cannot Undo"), error->message);
  else
    toast (self, _("Undone"));
}

static char *
on_editor_save_cb (PkOfficeEditor *editor,
                   PkOffice       *office,
                   PkWindow       *self)
{
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) before = NULL;
  char *reason;

  if ((checker = pk_site_checker_new (self->store, &error)) == NULL)
    return g_strdup (error->message);
  if ((reason = pk_office_check_fields (self->store, checker, office)) != NULL)
    return reason;
  if (office->id != 0 && (before = pk_store_get_office (self->store, office->id, &error)) == NULL)
    return g_strdup (error->message);
  if (!pk_window_edit_office (self, before, office, &error))
    return g_strdup (error->message);
  return NULL;
}

static void
open_editor (PkWindow       *self,
             const PkOffice *office)
{
  PkOfficeEditor *editor = pk_office_editor_new (GTK_WINDOW (self), office);

  g_signal_connect_object (editor, "save", G_CALLBACK (on_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_add_office_cb (PkWindow  *self,
                  double     lat,
                  double     lon,
                  PkMapView *map)
{
  g_autoptr(PkOffice) o = pk_office_new ();

  if (self->store == NULL)
    return;
  o->lat = lat;
  o->lon = lon;
  o->status = PK_STATUS_APPROVED;    /* added at an approved location */
  open_editor (self, o);
}

static void
on_office_action_cb (PkWindow   *self,
                     const char *action,
                     gint64      id,
                     PkMapView  *map)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) office = pk_store_get_office (self->store, id, &error);

  if (office == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (g_str_equal (action, "edit-office"))
    open_editor (self, office);
  else if (g_str_equal (action, "remove-office"))
    {
      if (!pk_window_edit_office (self, office, NULL, &error))
        show_error (self, _("Cannot Remove the Office"), error->message);
    }
  else if (g_str_equal (action, "check-office"))
    {
      pk_window_set_check_mode (self, TRUE);
      pk_check_panel_check_office (self->check_panel, office);
    }
}

static void
on_office_moved_cb (PkWindow  *self,
                    gint64     id,
                    double     lat,
                    double     lon,
                    PkMapView *map)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) before = pk_store_get_office (self->store, id, &error);
  g_autoptr(PkOffice) after = NULL;
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autofree char *reason = NULL;

  if (before == NULL || (checker = pk_site_checker_new (self->store, &error)) == NULL)
    {
      toast (self, error->message);
      pk_window_reload (self);
      return;
    }
  after = pk_office_copy (before);
  after->lat = lat;
  after->lon = lon;
  if ((reason = pk_office_check_fields (self->store, checker, after)) != NULL)
    {
      toast (self, reason);
      pk_window_reload (self);                       /* puts the office back where it was */
      return;
    }
  if (!pk_window_edit_office (self, before, after, &error))
    {
      show_error (self, _("Cannot Move the Office"), error->message);
      pk_window_reload (self);
    }
}

typedef PkImportReport *(*ImportFunc) (PkStore *, const char *, PkImportFlags, GError **);

typedef struct
{
  PkStore    *store;          /* the window's; only its path and user are read */
  ImportFunc  import;
  char       *path;
  PkImportFlags flags;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_object_unref (job->store);
  g_free (job->path);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  g_autoptr(PkStore) store = NULL;
  GError *error = NULL;
  PkImportReport *report;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((store = pk_store_open_another (job->store, &error)) == NULL ||
      (report = job->import (store, job->path, job->flags, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) pk_import_report_free);
}

/**
 * pk_window_import_async:
 * @urban_areas: city limits (GeoJSON) instead of offices (CSV or GeoJSON)
 *
 * Imports in a worker thread on a connection of its own, all or nothing
 * (or, with %PK_IMPORT_DRY_RUN, only checks); the window keeps drawing and
 * says what it is doing. The map reloads when it lands.
 */
void
pk_window_import_async (PkWindow            *self,
                        const char          *path,
                        gboolean             urban_areas,
                        PkImportFlags        flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (PK_IS_WINDOW (self) && self->store != NULL);
  job->store = g_object_ref (self->store);
  job->import = urban_areas ? pk_import_urban_areas : pk_import_offices;
  job->path = g_strdup (path);
  job->flags = flags;
  g_task_set_source_tag (task, pk_window_import_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  self->n_writing++;
  if (!(flags & PK_IMPORT_DRY_RUN))
    {
      AdwToast *busy = adw_toast_new (urban_areas ? _("Importing city limits…") : _("Importing offices…"));

      adw_toast_set_timeout (busy, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (busy));
      g_object_set_data_full (G_OBJECT (task), "pk-busy-toast", busy, g_object_unref);
    }
  g_task_run_in_thread (task, import_thread);
}

/* Returns: (transfer full): the report, or %NULL with @error set */
PkImportReport *
pk_window_import_finish (PkWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  AdwToast *busy;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if ((busy = g_object_get_data (G_OBJECT (result), "pk-busy-toast")) != NULL)
    adw_toast_dismiss (busy);
  self->n_writing--;
  if (self->store != NULL)
    pk_store_changed_elsewhere (self->store);      /* seen: the reload below shows it */
  if (!g_task_had_error (G_TASK (result)) &&
      !(((ImportJob *) g_task_get_task_data (G_TASK (result)))->flags & PK_IMPORT_DRY_RUN))
    pk_window_reload (self);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkImportReport) report = pk_window_import_finish (self, result, &error);
  g_autofree char *message = NULL;
  g_autofree char *localized = NULL;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Import Failed"), error->message);
      return;
    }
  message = g_strdup_printf (_("Imported %u of %u rows"), report->n_imported, report->n_rows);
  localized = pk_text_localize_digits (message);
  toast (self, localized);
}

static void
on_import_confirmed_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PkWindow         *self)
{
  ImportFunc import = g_object_get_data (G_OBJECT (dialog), "pk-import");
  const char *path = g_object_get_data (G_OBJECT (dialog), "pk-path");

  if (!g_str_equal (response, "import") && !g_str_equal (response, "skip"))
    return;
  pk_window_import_async (self, path, import == pk_import_urban_areas,
                          g_str_equal (response, "skip") ? PK_IMPORT_SKIP_INVALID : 0,
                          self->cancellable, on_imported, NULL);
}

/* The dry run's report: every refused row, and the choices it leaves. */
static void
on_previewed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  ImportFunc import = job->import;
  g_autofree char *path = g_strdup (job->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkImportReport) report = pk_window_import_finish (self, result, &error);
  g_autofree char *summary = NULL;
  g_autofree char *localized = NULL;
  GString *details;
  GtkWidget *dialog, *scroller, *label;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Cannot Import"), error->message);
      return;
    }
  summary = g_strdup_printf (_("%u of %u rows are valid."), report->n_valid, report->n_rows);
  localized = pk_text_localize_digits (summary);
  details = g_string_new (NULL);
  for (guint i = 0; i < report->problems->len; i++)
    g_string_append_printf (details, "%s\n", (char *) g_ptr_array_index (report->problems, i));
  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (details, "%s\n", (char *) g_ptr_array_index (report->notes, i));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Preview"), localized);
  if (details->len > 0)
    {
      label = gtk_label_new (details->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  g_string_free (details, TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (report->problems->len > 0 && report->n_valid > 0)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "skip", _("Import _Valid Rows Only"));
  if (report->problems->len == 0 && report->n_valid > 0)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  g_object_set_data (G_OBJECT (dialog), "pk-import", import);
  g_object_set_data_full (G_OBJECT (dialog), "pk-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Validates the whole file first (a dry run, in the background) and shows
 * every refused row; nothing is written until the user confirms. */
static void
preview_import (PkWindow   *self,
                const char *path,
                ImportFunc  import)
{
  pk_window_import_async (self, path, import == pk_import_urban_areas, PK_IMPORT_DRY_RUN,
                          self->cancellable, on_previewed, NULL);
}

static void
on_import_file_cb (PkWindow             *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    preview_import (self, path, g_object_get_data (G_OBJECT (chooser), "pk-import"));
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  gboolean urban = g_str_equal (action_name, "win.import-urban-areas");
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (urban ? _("Import City Limits") : _("Import Offices"),
                                 GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;
  gtk_file_filter_set_name (filter, urban ? _("GeoJSON files") : _("CSV or GeoJSON files"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  if (!urban)
    gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "pk-import",
                     urban ? (gpointer) pk_import_urban_areas : (gpointer) pk_import_offices);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_file_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_verdict_changed_cb (PkWindow     *self,
                       PkCheckPanel *panel)
{
  pk_map_view_set_verdict (self->map_view, pk_check_panel_get_verdict (panel));
}

static void
on_location_entered_cb (PkWindow     *self,
                        double        lat,
                        double        lon,
                        PkCheckPanel *panel)
{
  pk_map_view_go_to (self->map_view, lat, lon, 11);
}

static void
on_site_picked_cb (PkWindow  *self,
                   double     lat,
                   double     lon,
                   PkMapView *map)
{
  pk_check_panel_set_location (self->check_panel, lat, lon);
}

/* The sidebar shows places, the site checker or coverage; the coverage
 * table needs a wider sidebar. */
static void
set_sidebar (PkWindow   *self,
             const char *page)
{
  int width = g_str_equal (page, "coverage") ? 480 : 340;

  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
  gtk_scrolled_window_set_min_content_width (self->sidebar_scroller, -1);
  gtk_scrolled_window_set_max_content_width (self->sidebar_scroller, width);
  gtk_scrolled_window_set_min_content_width (self->sidebar_scroller, width);
  gtk_toggle_button_set_active (self->coverage_button, g_str_equal (page, "coverage"));
  gtk_toggle_button_set_active (self->check_button, g_str_equal (page, "check"));
  if (!g_str_equal (page, "check"))
    pk_map_view_set_check_mode (self->map_view, FALSE);
  if (!g_str_equal (page, "places"))
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
leave_check_mode (PkWindow *self)
{
  pk_map_view_set_check_mode (self->map_view, FALSE);
  pk_map_view_set_verdict (self->map_view, NULL);
}

gboolean
pk_window_get_coverage_mode (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->sidebar_stack), "coverage");
}

/* Coverage mode: the sidebar shows the overlays, the county table, suggested
 * sites and approved zones. */
void
pk_window_set_coverage_mode (PkWindow *self,
                             gboolean  on)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  if (on)
    {
      if (pk_window_get_check_mode (self))
        leave_check_mode (self);
      set_sidebar (self, "coverage");
    }
  else if (pk_window_get_coverage_mode (self))
    set_sidebar (self, "places");
  else
    gtk_toggle_button_set_active (self->coverage_button, FALSE);
}

static void
coverage_mode_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  pk_window_set_coverage_mode (self, !pk_window_get_coverage_mode (self));
}

static void
check_mode_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  pk_window_set_check_mode (self, !pk_window_get_check_mode (self));
}

gboolean
pk_window_get_check_mode (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->sidebar_stack), "check");
}

/* "Check a site" mode: map clicks choose the site, the sidebar shows the verdict. */
void
pk_window_set_check_mode (PkWindow *self,
                          gboolean  on)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  if (on)
    {
      set_sidebar (self, "check");
      pk_map_view_set_check_mode (self->map_view, TRUE);
    }
  else
    {
      if (pk_window_get_check_mode (self))
        set_sidebar (self, "places");
      else
        gtk_toggle_button_set_active (self->check_button, FALSE);
      leave_check_mode (self);
    }
}

PkCheckPanel *
pk_window_get_check_panel (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  return self->check_panel;
}

static void
update_title (PkWindow *self)
{
  g_autoptr(PkPlace) province = NULL;
  g_autofree char *base = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Pishkhan Siting"));
      return;
    }
  province = pk_store_get_province (self->store, NULL);
  base = g_path_get_basename (pk_store_get_path (self->store));
  /* TRANSLATORS: window subtitle: province — workspace file name */
  subtitle = g_strdup_printf (_("%s — %s"), province ? pk_place_display_name (province) : "?", base);
  if (pk_store_is_read_only (self->store))
    {
      /* TRANSLATORS: window subtitle of a workspace that cannot be changed */
      char *ro = g_strdup_printf (_("%s (read-only)"), subtitle);

      g_free (subtitle);
      subtitle = ro;
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);
  title = g_strdup_printf ("%s — %s", _("Pishkhan Siting"), subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Who the workspace records beside this window's changes: the name set in
 * Preferences, else the account's full name, else the login name. */
static void
apply_user_name (PkWindow *self)
{
  g_autofree char *name = g_strstrip (g_settings_get_string (self->settings, "user-name"));
  const char *real = g_get_real_name ();

  if (self->store == NULL)
    return;
  if (*name != '\0')
    pk_store_set_actor (self->store, name);
  else if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    pk_store_set_actor (self->store, real);
  else
    pk_store_set_actor (self->store, g_get_user_name ());
}

/**
 * pk_window_open_workspace:
 *
 * Opens @path; on failure the current workspace stays open and @error says why.
 */
gboolean
pk_window_open_workspace (PkWindow    *self,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(PkStore) store = NULL;

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);

  if ((store = pk_store_open (path, error)) == NULL)
    return FALSE;
  return pk_window_open_store (self, store, error);
}

/* TRUE while the workspace is read-only (the banner says so). */
gboolean
pk_window_get_read_only (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  return self->store != NULL && pk_store_is_read_only (self->store);
}

/**
 * pk_window_open_store:
 *
 * Shows an already opened workspace; on failure the current one stays.
 */
gboolean
pk_window_open_store (PkWindow  *self,
                      PkStore   *store,
                      GError   **error)
{
  const char *path = pk_store_get_path (store);

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  if (!pk_map_view_set_workspace (self->map_view, store, error))
    return FALSE;
  /* what a reload of the previous workspace reads must not land on this one */
  if (self->reloading != NULL)
    g_cancellable_cancel (self->reloading);
  g_clear_object (&self->reloading);
  if (!pk_check_panel_set_store (self->check_panel, store, error))
    return FALSE;
  g_set_object (&self->store, store);
  apply_user_name (self);
  gtk_revealer_set_reveal_child (self->read_only_banner, pk_store_is_read_only (store));
  set_history (self, pk_edit_history_new (store));      /* undo belongs to one workspace */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-mode", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coverage-mode", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cases", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-zone", TRUE);
  pk_coverage_panel_set_workspace (self->coverage_panel, self->store, self->map_view);
  pk_window_apply_basemap (self);
  gtk_stack_set_visible_child_name (self->main_stack, "map");
  update_title (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_county_list (self);
  pk_map_view_zoom_to_province (self->map_view);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *abs = g_file_get_path (file);

    g_settings_set_string (self->settings, "last-workspace", abs);
  }
  return TRUE;
}

void
pk_window_apply_basemap (PkWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = g_settings_get_string (self->settings, "basemap");
  g_autofree char *mbtiles = g_settings_get_string (self->settings, "mbtiles-path");
  PkBasemapKind k = g_str_equal (kind, "mbtiles") ? PK_BASEMAP_MBTILES
                  : g_str_equal (kind, "osm") ? PK_BASEMAP_OSM
                  : PK_BASEMAP_BUILTIN;

  if (!pk_map_view_set_basemap (self->map_view, k, mbtiles, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("The MBTiles basemap cannot be used: %s. "
                                                "Showing the built-in outlines."), error->message);
      toast (self, msg);
      pk_map_view_set_basemap (self->map_view, PK_BASEMAP_BUILTIN, NULL, NULL);
    }
}

static void
on_open_response_cb (PkWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL &&
      !pk_window_open_workspace (self, path, &error))
    show_error (self, _("Cannot Open Workspace"), error->message);
  g_object_unref (chooser);
}

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pishkhan Siting workspaces"));
  gtk_file_filter_add_pattern (filter, "*" PK_STORE_FILE_EXTENSION);
  return filter;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Open Workspace"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = workspace_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save_new_response_cb (PkWindow             *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  const char *province = g_object_get_data (G_OBJECT (chooser), "pk-province");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      /* the chooser already asked whether to replace an existing file */
      if ((store = pk_workspace_create_province (path, province, TRUE, &error)) == NULL)
        show_error (self, _("Cannot Create Workspace"), error->message);
      else
        {
          g_clear_object (&store);
          if (!pk_window_open_workspace (self, path, &error))
            show_error (self, _("Cannot Open Workspace"), error->message);
        }
    }
  g_object_unref (chooser);
}

static void
on_province_chosen_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PkWindow         *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "pk-dropdown");
  GPtrArray *provinces = g_object_get_data (G_OBJECT (dialog), "pk-provinces");
  PkPlace *province;
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = workspace_filter ();

  if (!g_str_equal (response, "create"))
    return;
  province = g_ptr_array_index (provinces, gtk_drop_down_get_selected (dropdown));
  chooser = gtk_file_chooser_native_new (_("Save New Workspace"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));
  suggested = g_strdup_printf ("%s%s", province->name_en, PK_STORE_FILE_EXTENSION);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data_full (G_OBJECT (chooser), "pk-province",
                          g_strdup_printf ("%" G_GINT64_FORMAT, province->id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_new_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) provinces = pk_geography_list_provinces (&error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *dropdown;

  if (provinces == NULL)
    {
      show_error (self, _("Cannot Create Workspace"), error->message);
      return;
    }
  g_ptr_array_sort (provinces, compare_places_by_name);
  for (guint i = 0; i < provinces->len; i++)
    gtk_string_list_append (names, pk_place_display_name (g_ptr_array_index (provinces, i)));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Workspace"),
                                   _("Choose the province. The workspace gets its outline and "
                                     "cities from the bundled data; it has no offices yet."));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "create", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "pk-dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "pk-provinces", g_steal_pointer (&provinces),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_province_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zoom_province_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  pk_map_view_zoom_to_province (PK_WINDOW (widget)->map_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* ---- coverage: suggested sites and approved zones ---------------------- */

/* One click on a suggestion: a planned office there (not yet serving), with a
 * code and a name the working group can change later; undoable. */
static void
add_planned_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  g_autoptr(PkOffice) o = pk_office_new ();
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *license;
  const PkPlace *county;

  g_variant_get (param, "(&sdd)", &license, &o->lat, &o->lon);
  if (self->store == NULL || !pk_license_from_string (license, &o->license))
    return;
  if ((checker = pk_site_checker_new (self->store, &error)) == NULL)
    {
      show_error (self, _("Cannot Add the Office"), error->message);
      return;
    }
  for (guint n = 1; o->code == NULL || pk_store_office_code_exists (self->store, o->code); n++)
    {
      g_free (o->code);
      o->code = g_strdup_printf ("PLN-%u", n);
    }
  county = pk_site_checker_find_county (checker, o->lat, o->lon);
  /* TRANSLATORS: the name given to an office added from a suggestion: "Planned office, <county>" */
  o->name = g_strdup_printf (_("Planned office, %s"), county ? pk_place_display_name (county) : "—");
  o->status = PK_STATUS_PLANNED;
  if ((reason = pk_office_check_fields (self->store, checker, o)) != NULL)
    {
      show_error (self, _("Cannot Add the Office"), reason);
      return;
    }
  if (!pk_window_edit_office (self, NULL, o, &error))
    show_error (self, _("Cannot Add the Office"), error->message);
}

/* "Check a site here": the siting checker at a point, for a licence type. */
static void
check_here_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  const char *license;
  PkLicense l;
  double lat, lon;

  g_variant_get (param, "(&sdd)", &license, &lat, &lon);
  if (self->store == NULL || !pk_license_from_string (license, &l))
    return;
  pk_map_view_popdown_info (self->map_view);
  pk_window_set_check_mode (self, TRUE);
  pk_check_panel_set_license (self->check_panel, l);
  pk_check_panel_set_location (self->check_panel, lat, lon);
  pk_map_view_go_to (self->map_view, lat, lon, 11);
}

static void
draw_zone_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);

  self->redraw_zone = 0;
  pk_map_view_start_zone (self->map_view, NULL);
  toast (self, _("Click the corners of the zone; Enter or a double-click finishes, Escape cancels"));
}

typedef struct
{
  PkWindow    *self;
  PkZone      *zone;       /* owned: the outline and the id (0 for a new zone) */
  GtkEntry    *name;
  GtkDropDown *license;
  GtkSpinButton *capacity;
  GtkEntry    *note;
} ZoneDialog;

static void
zone_dialog_free (ZoneDialog *d)
{
  pk_zone_free (d->zone);
  g_free (d);
}

static void open_zone_dialog (PkWindow *self, const PkZone *zone);

static void
on_zone_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            ZoneDialog       *d)
{
  g_autoptr(PkZone) after = NULL;
  g_autoptr(PkZone) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *note;

  if (!g_str_equal (response, "save"))
    return;
  after = pk_zone_copy (d->zone);
  g_free (after->name);
  after->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name)));
  after->license = gtk_drop_down_get_selected (d->license) == 0 ? PK_LICENSE_URBAN : PK_LICENSE_RURAL;
  after->capacity = gtk_spin_button_get_value_as_int (d->capacity);
  note = gtk_editable_get_text (GTK_EDITABLE (d->note));
  g_free (after->note);
  after->note = *note ? g_strdup (note) : NULL;
  if (after->id != 0 && (before = pk_store_get_zone (d->self->store, after->id, &error)) == NULL)
    {
      show_error (d->self, _("Cannot Save the Zone"), error->message);
      return;
    }
  if (!pk_window_edit_zone (d->self, before, after, &error))
    {
      /* nothing typed is lost: the dialog comes back with the same values */
      show_error (d->self, _("Cannot Save the Zone"), error->message);
      open_zone_dialog (d->self, after);
    }
}

/* Name, licence type, capacity and note of @zone (new when its id is 0). */
static void
open_zone_dialog (PkWindow     *self,
                  const PkZone *zone)
{
  ZoneDialog *d = g_new0 (ZoneDialog, 1);
  GtkWidget *dialog, *grid, *label;
  g_autofree char *body = NULL;
  g_autofree char *localized = NULL;
  const char *licenses[] = { pk_license_display_name (PK_LICENSE_URBAN),
                             pk_license_display_name (PK_LICENSE_RURAL), NULL };

  d->self = self;
  d->zone = pk_zone_copy (zone);
  body = g_strdup_printf (_("Corners in the outline: %u"), zone->n_points);
  localized = pk_text_localize_digits (body);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), zone->id ? _("Edit Approved Zone")
                                                                : _("New Approved Zone"), localized);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);

  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  d->name = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (d->name), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (d->name), zone->name ? zone->name : "");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->name));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->name), 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Licence"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  d->license = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (licenses));
  gtk_drop_down_set_selected (d->license, zone->license == PK_LICENSE_URBAN ? 0 : 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->license));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->license), 1, 1, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Offices it may take"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  d->capacity = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 1000, 1));
  gtk_spin_button_set_value (d->capacity, MAX (zone->capacity, 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->capacity));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->capacity), 1, 2, 1, 1);

  label = gtk_label_new_with_mnemonic (_("N_ote for applicants"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 3, 1, 1);
  d->note = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (d->note), zone->note ? zone->note : "");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->note));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->note), 1, 3, 1, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_zone_dialog_response_cb), d,
                         (GClosureNotify) (void (*) (void)) zone_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (d->name));
}

/* A finished drawing: a new zone (named in a dialog), or a redrawn outline. */
static void
on_zone_drawn_cb (PkWindow  *self,
                  PkZone    *outline,
                  PkMapView *map)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!pk_zone_validate (&(PkZone) { .name = (char *) "-", .capacity = 1, .n_points = outline->n_points,
                                     .xy = outline->xy }, &error))
    {
      show_error (self, _("Cannot Use the Outline"), error->message);
      self->redraw_zone = 0;
      return;
    }
  if (self->redraw_zone != 0)
    {
      g_autoptr(PkZone) before = pk_store_get_zone (self->store, self->redraw_zone, &error);
      g_autoptr(PkZone) after = NULL;

      self->redraw_zone = 0;
      if (before == NULL)
        {
          show_error (self, _("Cannot Save the Zone"), error->message);
          return;
        }
      after = pk_zone_copy (before);
      g_free (after->xy);
      after->xy = g_memdup2 (outline->xy, sizeof (double) * 2 * outline->n_points);
      after->n_points = outline->n_points;
      if (!pk_window_edit_zone (self, before, after, &error))
        show_error (self, _("Cannot Save the Zone"), error->message);
      return;
    }
  {
    g_autoptr(PkZone) zone = pk_zone_copy (outline);

    zone->license = pk_coverage_panel_get_license (self->coverage_panel);
    open_zone_dialog (self, zone);
  }
}

static void
zone_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PkWindow *self = PK_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkZone) zone = NULL;

  pk_map_view_popdown_info (self->map_view);
  if (self->store == NULL || (zone = pk_store_get_zone (self->store, id, &error)) == NULL)
    {
      if (error != NULL)
        toast (self, error->message);
      return;
    }
  if (g_str_equal (action_name, "win.edit-zone"))
    open_zone_dialog (self, zone);
  else if (g_str_equal (action_name, "win.redraw-zone"))
    {
      self->redraw_zone = id;
      pk_map_view_start_zone (self->map_view, NULL);
      toast (self, _("Click the new corners; Enter finishes, Escape keeps the old outline"));
    }
  else if (!pk_window_edit_zone (self, zone, NULL, &error))
    show_error (self, _("Cannot Remove the Zone"), error->message);
}

static void
zone_popover_button_cb (GtkButton *button,
                        gpointer   unused)
{
  gtk_widget_activate_action (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "action"),
                              "x", (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "zone")));
}

/* A click on an approved zone: what it is and what may be done with it. */
static void
on_zone_picked_cb (PkWindow  *self,
                   gint64     id,
                   double     x,
                   double     y,
                   PkMapView *map)
{
  GPtrArray *zones = pk_coverage_panel_get_zones (self->coverage_panel);
  g_autoptr(GPtrArray) offices = NULL;
  PkZone *zone = NULL;
  GtkWidget *box, *label, *buttons;
  g_autofree char *details = NULL;
  g_autofree char *localized = NULL;
  const struct { const char *label, *action; } actions[] = {
    { _("_Edit"), "win.edit-zone" },
    { _("_Redraw"), "win.redraw-zone" },
    { _("Re_move"), "win.delete-zone" },
  };

  for (guint i = 0; zones && i < zones->len; i++)
    if (((PkZone *) g_ptr_array_index (zones, i))->id == id)
      zone = g_ptr_array_index (zones, i);
  if (zone == NULL)
    return;
  offices = pk_store_list_offices (self->store, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (zone->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  details = g_strdup_printf (_("Approved zone for new offices\n%s · %u of %d offices · %.0f km²%s%s"),
                             pk_license_display_name (zone->license),
                             pk_zone_count_offices (zone, offices), zone->capacity, zone->area_km2,
                             zone->note ? "\n" : "", zone->note ? zone->note : "");
  localized = pk_text_localize_digits (details);
  label = gtk_label_new (localized);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_box_append (GTK_BOX (box), label);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (actions[i].label);

      g_object_set_data (G_OBJECT (button), "action", (gpointer) actions[i].action);
      g_object_set_data (G_OBJECT (button), "zone", GSIZE_TO_POINTER (id));
      g_signal_connect (button, "clicked", G_CALLBACK (zone_popover_button_cb), NULL);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (box), buttons);
  pk_map_view_popup_info (self->map_view, box, x, y);
}

static void
on_vacant_picked_cb (PkWindow  *self,
                     double     lat,
                     double     lon,
                     double     x,
                     double     y,
                     PkMapView *map)
{
  GtkWidget *content = pk_coverage_panel_describe_vacant (self->coverage_panel, lat, lon);

  if (content != NULL)
    pk_map_view_popup_info (self->map_view, content, x, y);
}

/**
 * pk_window_open_cases:
 *
 * The case list of the open workspace (a window of its own).
 */
PkCaseList *
pk_window_open_cases (PkWindow *self)
{
  PkCaseList *list;

  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return NULL;
  list = pk_case_list_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (list));
  return list;
}

static void
cases_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  pk_window_open_cases (PK_WINDOW (widget));
}

/**
 * pk_window_check_external_changes:
 *
 * Another program (the CLI, a second window) may write to the same workspace:
 * SQLite lets it in turn, and this shows what it wrote without reopening.
 *
 * Returns: whether anything was reloaded
 */
gboolean
pk_window_check_external_changes (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  /* the window's own workers write on connections of their own: their
   * commits are not another program's, and a reload follows them anyway */
  if (self->store == NULL || self->n_writing > 0 || !pk_store_changed_elsewhere (self->store))
    return FALSE;
  pk_window_reload (self);
  toast (self, _("Changes saved by another program were loaded."));
  return TRUE;
}

static gboolean
watch_workspace_cb (gpointer data)
{
  pk_window_check_external_changes (PK_WINDOW (data));
  return G_SOURCE_CONTINUE;
}

static void
pk_window_dispose (GObject *object)
{
  PkWindow *self = PK_WINDOW (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->reloading != NULL)
    g_cancellable_cancel (self->reloading);
  g_clear_object (&self->reloading);
  set_history (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PK_TYPE_WINDOW);
  G_OBJECT_CLASS (pk_window_parent_class)->dispose (object);
}

static void
pk_window_class_init (PkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pk_window_dispose;

  g_type_ensure (PK_TYPE_MAP_VIEW);
  g_type_ensure (PK_TYPE_CHECK_PANEL);
  g_type_ensure (PK_TYPE_COVERAGE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, list_heading);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, place_list);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, check_panel);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, coverage_panel);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, coverage_button);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, sidebar_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_verdict_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_place_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-province", NULL, zoom_province_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.check-mode", NULL, check_mode_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.coverage-mode", NULL, coverage_mode_action);
  gtk_widget_class_install_action (widget_class, "win.cases", NULL, cases_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.cases", NULL);
  gtk_widget_class_install_action (widget_class, "win.add-planned", "(sdd)", add_planned_action);
  gtk_widget_class_install_action (widget_class, "win.check-here", "(sdd)", check_here_action);
  gtk_widget_class_install_action (widget_class, "win.draw-zone", NULL, draw_zone_action);
  gtk_widget_class_install_action (widget_class, "win.edit-zone", "x", zone_action);
  gtk_widget_class_install_action (widget_class, "win.redraw-zone", "x", zone_action);
  gtk_widget_class_install_action (widget_class, "win.delete-zone", "x", zone_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.coverage-mode", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-offices", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-urban-areas", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.check-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-province", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

static void
pk_window_init (PkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::user-name",
                           G_CALLBACK (apply_user_name), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::basemap",
                           G_CALLBACK (pk_window_apply_basemap), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::mbtiles-path",
                           G_CALLBACK (pk_window_apply_basemap), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-mode", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coverage-mode", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cases", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-zone", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  self->cancellable = g_cancellable_new ();
  /* a data_version read every two seconds costs microseconds */
  self->watch_id = g_timeout_add_seconds (2, watch_workspace_cb, self);
  g_signal_connect_object (self->map_view, "add-office", G_CALLBACK (on_add_office_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "office-action", G_CALLBACK (on_office_action_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "office-moved", G_CALLBACK (on_office_moved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "site-picked", G_CALLBACK (on_site_picked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "zone-drawn", G_CALLBACK (on_zone_drawn_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "zone-picked", G_CALLBACK (on_zone_picked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "vacant-picked", G_CALLBACK (on_vacant_picked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_panel, "location-entered",
                           G_CALLBACK (on_location_entered_cb), self, G_CONNECT_SWAPPED);
}

PkWindow *
pk_window_new (GtkApplication *application)
{
  return g_object_new (PK_TYPE_WINDOW, "application", application, NULL);
}

PkStore *
pk_window_get_store (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  return self->store;
}

PkMapView *
pk_window_get_map_view (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  return self->map_view;
}

/**
 * pk_window_wait_for_map:
 *
 * Runs the main loop until the basemap has stopped delivering tiles (for
 * screenshots and tests). Returns %FALSE if no tile came before @timeout_ms.
 */
gboolean
pk_window_wait_for_map (PkWindow *self,
                        guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gint64 quiet_since = g_get_monotonic_time ();
  guint last = 0;

  while (g_get_monotonic_time () < end)
    {
      guint served;

      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
      served = pk_map_view_get_tiles_served (self->map_view);
      if (served != last)
        {
          last = served;
          quiet_since = g_get_monotonic_time ();
        }
      else if (served > 0 && g_get_monotonic_time () - quiet_since > 700 * 1000)
        break;
    }
  /* let the last frame be laid out and drawn */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  return last > 0;
}

/**
 * pk_window_save_screenshot:
 *
 * Photographs the window as it is drawn, without any X tool: the window's
 * paintable is snapshotted and rendered with the window's own renderer.
 */
gboolean
pk_window_save_screenshot (PkWindow    *self,
                           const char  *path,
                           GError     **error)
{
  return pk_save_screenshot (GTK_WINDOW (self), path, error);
}

/* Any of our windows (the main one, an editor) photographed the same way. */
gboolean
pk_save_screenshot (GtkWindow   *self,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  if (w <= 0 || h <= 0 || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window is not shown");
      return FALSE;
    }
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window drew nothing");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  return TRUE;
}
