/* pk-window.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdlib.h>

#include "pk-case-list.h"
#include "pk-coverage.h"
#include "pk-text.h"
#include "pk-connect-dialog.h"
#include "pk-window-private.h"


G_DEFINE_FINAL_TYPE (PkWindow, pk_window, ADW_TYPE_APPLICATION_WINDOW)


void
_pk_window_toast (PkWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_pk_window_show_error (PkWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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

#define MAX_OFFICES_IN_PLACE 64

static void
office_update_clear (gpointer data)
{
  g_clear_pointer (&((OfficeUpdate *) data)->office, pk_office_free);
}

/* What a reload reads, in a worker thread on a connection of its own: the
 * map whole, or the offices that changed (@ids) to put on it in place; and
 * the checker's snapshot. */
typedef struct
{
  GArray        *ids;          /* gint64; NULL: the map whole */
  PkMapData     *map;
  GArray        *updates;      /* OfficeUpdate, for @ids */
  PkSiteChecker *checker;
} Reload;

static void
reload_free (Reload *r)
{
  g_clear_pointer (&r->ids, g_array_unref);
  g_clear_pointer (&r->map, pk_map_data_free);
  g_clear_pointer (&r->updates, g_array_unref);
  g_clear_pointer (&r->checker, pk_site_checker_free);
  g_free (r);
}

static gpointer
reload_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Reload *ask = data;
  Reload *r = g_new0 (Reload, 1);

  r->updates = g_array_new (FALSE, FALSE, sizeof (OfficeUpdate));
  g_array_set_clear_func (r->updates, office_update_clear);
  if (ask->ids == NULL && (r->map = pk_map_data_load (store, error)) == NULL)
    goto failed;
  for (guint i = 0; ask->ids != NULL && i < ask->ids->len; i++)
    {
      g_autoptr(GError) local = NULL;
      OfficeUpdate u = { g_array_index (ask->ids, gint64, i), NULL };

      if ((u.office = pk_store_get_office (store, u.id, &local)) == NULL &&
          !g_error_matches (local, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto failed;
        }
      g_array_append_val (r->updates, u);   /* no office: gone */
    }
  if ((r->checker = pk_site_checker_new (store, error)) == NULL)
    goto failed;
  return r;

failed:
  reload_free (r);
  return NULL;
}

static void
on_reloaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkWindow *self = PK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  Reload *r = pk_store_run_job_finish (result, &error);

  if (r == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _pk_window_toast (self, error->message);
    }
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      reload_free (r);
      return;                          /* a newer reload is under way */
    }
  else
    {
      if (r->map != NULL)
        pk_map_view_set_data (self->map_view, g_steal_pointer (&r->map));
      else
        for (guint i = 0; i < r->updates->len; i++)
          {
            OfficeUpdate *u = &g_array_index (r->updates, OfficeUpdate, i);

            pk_map_view_update_office (self->map_view, u->id, u->office);
          }
      /* this reload was started after every change before it (a newer one
       * cancels it), so it has them all; a whole one has them too */
      g_array_set_size (self->office_ids, 0);
      pk_check_panel_set_checker (self->check_panel, self->store, g_steal_pointer (&r->checker));
      pk_place_sidebar_refresh (self->place_sidebar);
      reload_free (r);
    }
  g_clear_object (&self->reloading);
}

static void
start_reload (PkWindow *self,
              gboolean  checker_only)
{
  Reload *ask;

  /* a whole reload under way may have read the map before this change: it
   * starts again whole, not as the checker alone */
  if (self->reloading != NULL && self->reloading_all)
    checker_only = FALSE;
  self->reloading_all = !checker_only;
  if (self->reloading != NULL)
    g_cancellable_cancel (self->reloading);
  g_clear_object (&self->reloading);
  self->reloading = g_cancellable_new ();
  ask = g_new0 (Reload, 1);
  if (checker_only)
    {
      ask->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (ask->ids, self->office_ids->data, self->office_ids->len);
    }
  pk_store_run_job_async (self->store, self, reload_job, ask, (GDestroyNotify) reload_free,
                          (GDestroyNotify) reload_free, self->reloading, on_reloaded, NULL);
  pk_coverage_panel_refresh (self->coverage_panel);
}

/* After a change made elsewhere or an import: the map, the checker's
 * snapshot and the county counts, read in the background (25,000 offices take
 * a moment) and shown when they land; a newer reload replaces an older one.
 * The window's own edits are applied one record at a time instead (below). */
void
pk_window_reload (PkWindow *self)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  if (self->store == NULL)
    return;
  start_reload (self, FALSE);
}

/* What the store said changed since the last time: an office is read alone
 * and put on the map in place; the checker's snapshot and the coverage are
 * made again in the background. Rules, outlines and urban areas change
 * what everything is drawn from: those read the workspace again. */
static gboolean
apply_changes_cb (gpointer data)
{
  PkWindow *self = data;

  self->apply_id = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  /* many offices at once (a bulk write on this connection): one read of all
   * in a worker beats one read each on the main thread */
  g_array_append_vals (self->office_ids, self->changed_offices->data, self->changed_offices->len);
  if (self->changed_all || self->office_ids->len > MAX_OFFICES_IN_PLACE)
    pk_window_reload (self);
  else if (self->changed_offices->len > 0)
    start_reload (self, TRUE);      /* read in the worker, shown with the checker's new snapshot */
  else if (self->changed_zones)
    pk_coverage_panel_refresh (self->coverage_panel);
  g_array_set_size (self->changed_offices, 0);
  self->changed_zones = FALSE;
  self->changed_all = FALSE;
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (PkStore    *store,
                     const char *entity,
                     gint64      id,
                     PkWindow   *self)
{
  if (g_str_equal (entity, "office"))
    g_array_append_val (self->changed_offices, id);
  else if (g_str_equal (entity, "zone"))
    self->changed_zones = TRUE;
  else if (!g_str_has_prefix (entity, "case") && !g_str_equal (entity, "meeting"))
    self->changed_all = TRUE;           /* a case's records and meetings are not on the map */
  /* a transaction tells its records one by one, right after its commit: they
   * are applied together as soon as the commit's caller returns */
  if (self->apply_id == 0)
    self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT, apply_changes_cb, self, NULL);
}

/* TRUE while the window reloads, imports or computes coverage in the background. */
gboolean
pk_window_is_busy (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  return self->reloading != NULL || self->opening != NULL || self->n_writing > 0 || self->apply_id != 0 ||
         (self->history != NULL && pk_edit_history_get_busy (self->history)) ||
         pk_coverage_panel_get_busy (self->coverage_panel);
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
  PkSiteChecker *checker = pk_check_panel_get_checker (self->check_panel);
  const PkPlace *province = NULL;
  g_autofree char *base = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Pishkhan Siting"));
      return;
    }
  /* the checker's snapshot has it: no round trip to a server here */
  province = checker ? pk_site_checker_get_province (checker) : NULL;
  base = pk_store_dup_display_name (self->store);
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


/* TRUE while the workspace is read-only (the banner says so). */
gboolean
pk_window_get_read_only (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  return self->store != NULL && (pk_store_is_read_only (self->store) || pk_store_is_bundle (self->store));
}

/* Shows @store, its map data and checker read beforehand (both transfer full). */
/* What the window asks a workspace once, read where it is opened (a worker,
 * for a server): whether it is a field bundle, whose basemap it carries. */
static gboolean
read_bundle_tiles (PkStore *store)
{
  g_autofree char *tiles = pk_store_get_meta (store, "bundle_tiles");

  pk_store_is_bundle (store);               /* kept by the store from now on */
  return tiles != NULL && atoi (tiles) > 0;
}

static void
show_workspace (PkWindow      *self,
                PkStore       *store,
                PkMapData     *map,
                PkSiteChecker *checker,
                gboolean       bundle_tiles)
{
  const char *path = pk_store_get_path (store);

  /* what a reload or an opening begun before must not land on this one */
  if (self->reloading != NULL)
    g_cancellable_cancel (self->reloading);
  g_clear_object (&self->reloading);
  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  pk_map_view_set_data (self->map_view, map);
  pk_check_panel_set_checker (self->check_panel, store, checker);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  /* what the last workspace said changed means nothing in this one */
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_array_set_size (self->changed_offices, 0);
  g_array_set_size (self->office_ids, 0);
  self->changed_zones = self->changed_all = FALSE;
  self->bundle_tiles = bundle_tiles;
  apply_user_name (self);
  gtk_revealer_set_reveal_child (self->read_only_banner, pk_store_is_read_only (store) || pk_store_is_bundle (store));
  gtk_label_set_text (self->read_only_label, pk_store_is_bundle (store)
                      ? _("This is an inspector’s field bundle: site visits can be recorded (Ctrl+I); nothing "
                          "else can be changed. Bring it back to the secretariat to merge it.")
                      : _("This workspace is read-only (the file or its folder cannot be written). You can look at "
                          "everything; changes are not saved."));
  _pk_window_set_history (self, pk_edit_history_new (store));      /* undo belongs to one workspace */
  pk_coverage_panel_set_workspace (self->coverage_panel, self->store, self->map_view);
  pk_window_apply_basemap (self);
  gtk_stack_set_visible_child_name (self->main_stack, "map");
  update_title (self);
  pk_place_sidebar_reset (self->place_sidebar);
  if (pk_store_is_bundle (store))
    {
      /* a field bundle opens on the inspector's view, whoever is asking */
      self->start_view_pending = FALSE;
      pk_window_open_visits (self);
    }
  else if (self->start_view_pending)
    {
      self->start_view_pending = FALSE;
      pk_window_show_start_view (self);
    }
  pk_map_view_zoom_to_province (self->map_view);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *abs = g_file_get_path (file);

    g_settings_set_string (self->settings, "last-workspace", abs);
  }
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
  PkMapData *map;
  PkSiteChecker *checker;

  g_return_val_if_fail (PK_IS_WINDOW (self), FALSE);
  if ((map = pk_map_data_load (store, error)) == NULL)
    return FALSE;
  if ((checker = pk_site_checker_new (store, error)) == NULL)
    {
      pk_map_data_free (map);
      return FALSE;
    }
  show_workspace (self, store, map, checker, read_bundle_tiles (store));
  return TRUE;
}

/**
 * pk_window_open_workspace:
 *
 * Opens @path at once (the tests and a first start use it); on failure the
 * current workspace stays open and @error says why.
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

/* What opening reads, in a worker: the connection itself (migrations run
 * there), then the map's data and the checker. */
typedef struct
{
  char          *path;
  char          *password;   /* a server's, given or from the keyring; never kept */
  PkStore       *store;
  PkMapData     *map;
  PkSiteChecker *checker;
  gboolean       bundle_tiles;
} Opening;

static void
opening_free (Opening *o)
{
  g_free (o->path);
  if (o->password)
    memset (o->password, 0, strlen (o->password));
  g_free (o->password);
  g_clear_object (&o->store);
  g_clear_pointer (&o->map, pk_map_data_free);
  g_clear_pointer (&o->checker, pk_site_checker_free);
  g_free (o);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Opening *o = data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (o->password == NULL && pk_store_location_is_server (o->path))
    o->password = pk_connect_lookup_password (o->path);
  if ((o->store = pk_store_open_with_password (o->path, o->password, &error)) == NULL ||
      (o->map = pk_map_data_load (o->store, &error)) == NULL ||
      (o->checker = pk_site_checker_new (o->store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  o->bundle_tiles = read_bundle_tiles (o->store);
  g_task_return_boolean (task, TRUE);
}

/* When the caller asks for no callback: show it, or say in a toast why not. */
static void
on_opened_default (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pk_window_open_workspace_finish (PK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _pk_window_toast (PK_WINDOW (source), error->message);
}

/**
 * pk_window_open_workspace_async:
 *
 * Opens @path in the background (a national workspace takes a moment to
 * read, an old one to migrate) and shows it when it is ready; the current
 * workspace stays meanwhile, and stays if opening fails. Opening another
 * workspace meanwhile cancels this one. With no @callback, a failure is
 * told in a toast.
 */
static void
open_async (PkWindow            *self,
            const char          *path,
            const char          *password,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Opening *o = g_new0 (Opening, 1);

  g_return_if_fail (PK_IS_WINDOW (self));
  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  self->opening = g_cancellable_new ();
  o->path = g_strdup (path);
  o->password = g_strdup (password);
  adw_window_title_set_subtitle (self->window_title, _("Opening the workspace…"));
  task = g_task_new (self, self->opening, callback ? callback : on_opened_default, user_data);
  g_task_set_source_tag (task, open_async);
  g_task_set_task_data (task, o, (GDestroyNotify) opening_free);
  g_task_run_in_thread (task, open_thread);
}

void
pk_window_open_workspace_async (PkWindow            *self,
                                const char          *path,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  open_async (self, path, NULL, callback, user_data);
}

/**
 * pk_window_open_server_async:
 * @password: (nullable): the login's password; %NULL: the keyring's, or none
 *
 * As pk_window_open_workspace_async(), for a server workspace's URI.
 */
void
pk_window_open_server_async (PkWindow            *self,
                             const char          *uri,
                             const char          *password,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  open_async (self, uri, password, callback, user_data);
}

static void
on_opened_explained (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pk_window_open_workspace_finish (PK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _pk_window_show_error (PK_WINDOW (source), _("Cannot Open Workspace"), error->message);
}

/**
 * pk_window_open_workspace_asked:
 *
 * Opens @path in the background because the user asked for it (the Open
 * dialog, the command line): a failure is explained in a dialog, not a toast.
 */
void
pk_window_open_workspace_asked (PkWindow   *self,
                                const char *path)
{
  pk_window_open_workspace_async (self, path, on_opened_explained, NULL);
}

gboolean
pk_window_open_workspace_finish (PkWindow      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  Opening *o = g_task_get_task_data (G_TASK (result));

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (self->opening == g_task_get_cancellable (G_TASK (result)))
    {
      g_clear_object (&self->opening);
      update_title (self);
    }
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "superseded");
      return FALSE;
    }
  show_workspace (self, o->store, g_steal_pointer (&o->map), g_steal_pointer (&o->checker), o->bundle_tiles);
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

  /* a field bundle carries the basemap of its sites: it is an MBTiles file too */
  if (self->store != NULL && self->bundle_tiles)
    {
      k = PK_BASEMAP_MBTILES;
      g_free (mbtiles);
      mbtiles = g_strdup (pk_store_get_path (self->store));
    }

  if (!pk_map_view_set_basemap (self->map_view, k, mbtiles, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("The MBTiles basemap cannot be used: %s. "
                                                "Showing the built-in outlines."), error->message);
      _pk_window_toast (self, msg);
      pk_map_view_set_basemap (self->map_view, PK_BASEMAP_BUILTIN, NULL, NULL);
    }
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

/**
 * pk_window_open_review:
 *
 * The working group's review queue and decisions (a window of its own).
 */
PkReviewWindow *
pk_window_open_review (PkWindow *self)
{
  PkReviewWindow *review;

  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return NULL;
  review = pk_review_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (review));
  return review;
}

/* The app's start: the role's view follows the first workspace shown. */
void
pk_window_set_start_view_pending (PkWindow *self,
                                  gboolean  pending)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  self->start_view_pending = pending;
}

/**
 * pk_window_open_visits:
 *
 * The site visits of the open workspace: the inspector's list, map and form;
 * bundles out and back (a window of its own).
 */
PkVisitsWindow *
pk_window_open_visits (PkWindow *self)
{
  PkVisitsWindow *visits;

  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return NULL;
  visits = pk_visits_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (visits));
  return visits;
}

/**
 * pk_window_open_audit:
 *
 * Who changed what and when in the open workspace (a window of its own).
 */
PkAuditWindow *
pk_window_open_audit (PkWindow *self)
{
  PkAuditWindow *audit;

  g_return_val_if_fail (PK_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return NULL;
  audit = pk_audit_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (audit));
  return audit;
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
  _pk_window_toast (self, _("Changes saved by another program were loaded."));
  self->n_external++;
  return TRUE;
}

/* How often other programs' changes were heard and loaded: by the window's
 * own watch or by pk_window_check_external_changes(). For the tests. */
guint
pk_window_get_n_external_reloads (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), 0);
  return self->n_external;
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
  g_clear_handle_id (&self->apply_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->changed_offices, g_array_unref);
  g_clear_pointer (&self->office_ids, g_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->import_toast);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->reloading != NULL)
    g_cancellable_cancel (self->reloading);
  g_clear_object (&self->reloading);
  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  _pk_window_set_history (self, NULL);
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
  g_type_ensure (PK_TYPE_PLACE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, place_sidebar);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, check_panel);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, coverage_panel);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, coverage_button);
  gtk_widget_class_bind_template_child (widget_class, PkWindow, sidebar_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_verdict_changed_cb);

  _pk_window_class_add_actions (widget_class);
}

static void
pk_window_init (PkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->changed_offices = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->office_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

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
  _pk_window_update_actions (self);
  self->cancellable = g_cancellable_new ();
  /* a data_version read every two seconds costs microseconds */
  self->watch_id = g_timeout_add_seconds (2, watch_workspace_cb, self);
  g_signal_connect_object (self->map_view, "add-office", G_CALLBACK (_pk_window_on_add_office_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "office-action", G_CALLBACK (_pk_window_on_office_action_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "office-moved", G_CALLBACK (_pk_window_on_office_moved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "site-picked", G_CALLBACK (on_site_picked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "zone-drawn", G_CALLBACK (_pk_window_on_zone_drawn_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "zone-picked", G_CALLBACK (_pk_window_on_zone_picked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "vacant-picked", G_CALLBACK (_pk_window_on_vacant_picked_cb), self,
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
 * Runs the main loop until the workspace being opened is shown and the
 * basemap has stopped delivering tiles (for screenshots and tests). Returns
 * %FALSE if no tile came before @timeout_ms.
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
      else if (served > 0 && self->opening == NULL && g_get_monotonic_time () - quiet_since > 700 * 1000)
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

/* As typing @text in the sidebar's search: for tests. */
void
pk_window_search (PkWindow   *self,
                  const char *text)
{
  g_return_if_fail (PK_IS_WINDOW (self));
  pk_place_sidebar_search (self->place_sidebar, text);
}

guint
pk_window_get_n_results (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), 0);
  return pk_place_sidebar_get_n_results (self->place_sidebar);
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
