/* test-window.c: the real main window under Xvfb, photographed
 *
 * Runs the application, opens a freshly built sample workspace, waits for the
 * basemap tiles, photographs the window into $PK_SCREENSHOT_DIR and checks
 * what a person would see: the map is drawn (not blank), offices of both
 * symbols are on it, the title and layout follow the language.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pk-application.h"
#include "pk-case-attach.h"
#include "pk-case-workflow.h"
#include "pk-coverage.h"
#include "pk-geography.h"
#include "pk-office-editor.h"
#include "pk-preferences-window.h"
#include "pk-report.h"
#include "pk-scan-pdf.h"
#include "pk-text.h"
#include "pk-import-dialog.h"
#include "pk-bundle.h"
#include "pk-connect-dialog.h"
#include "pk-test-util.h"
#include "pk-test-photo.h"
#include "pk-test-review.h"
#include "pk-visits.h"
#include "pk-working-group.h"
#include "pk-window.h"

static char *workspace_path;      /* each check's own copy of … */
static char *pristine_path;       /* … the sample, made once */
static const char *lang;

typedef struct
{
  guint n_pixels, n_changed, n_blue, n_green;
  GHashTable *colours;
} Stats;

static gboolean
near (const guint8 *p, int r, int g, int b)
{
  return ABS (p[0] - r) < 30 && ABS (p[1] - g) < 30 && ABS (p[2] - b) < 30;
}

static void
map_stats (GdkTexture            *texture,
           const graphene_rect_t *area,
           Stats                 *s)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  guint32 first = 0;

  gdk_texture_download (texture, data, w * 4);     /* Cairo ARGB32: B, G, R, A in memory */
  s->colours = g_hash_table_new (NULL, NULL);
  for (int y = (int) area->origin.y; y < (int) (area->origin.y + area->size.height) && y < h; y++)
    for (int x = (int) area->origin.x; x < (int) (area->origin.x + area->size.width) && x < w; x++)
      {
        const guint8 *px = data + ((gsize) y * w + x) * 4;
        guint8 rgb[3] = { px[2], px[1], px[0] };
        guint32 v = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];

        if (s->n_pixels++ == 0)
          first = v;
        s->n_changed += v != first;
        s->n_blue += near (rgb, 28, 99, 217);       /* urban Pishkhan symbol */
        s->n_green += near (rgb, 38, 153, 64);      /* rural ICT symbol */
        g_hash_table_add (s->colours, GUINT_TO_POINTER (v));
      }
}

/* How many pixels of @area differ between two photographs. */
static guint
count_changed (GdkTexture            *a,
               GdkTexture            *b,
               const graphene_rect_t *area)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guint32 *pa = g_malloc ((gsize) w * h * 4);
  g_autofree guint32 *pb = g_malloc ((gsize) w * h * 4);
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  gdk_texture_download (a, (guint8 *) pa, w * 4);
  gdk_texture_download (b, (guint8 *) pb, w * 4);
  for (int y = (int) area->origin.y; y < (int) (area->origin.y + area->size.height) && y < h; y++)
    for (int x = (int) area->origin.x; x < (int) (area->origin.x + area->size.width) && x < w; x++)
      n += pa[(gsize) y * w + x] != pb[(gsize) y * w + x];
  return n;
}

static void
spin (int n)
{
  for (int i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();      /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* Photographs @window into @png, waiting for a first frame it may not have
 * drawn yet; one that cannot be taken says why. */
static void
save_png (GtkWindow  *window,
          const char *png)
{
  g_autoptr(GError) error = NULL;

  for (int tries = 0; !pk_save_screenshot (window, png, &error) && tries < 40; tries++)
    {
      g_clear_error (&error);
      g_usleep (25000);
      for (int i = 0; i < 50; i++)
        g_main_context_iteration (NULL, FALSE);
    }
  if (error != NULL)
    g_error ("the window could not be photographed: %s", error->message);
}

static void
photograph (GtkWindow  *window,
            const char *name)
{
  const char *dir = g_getenv ("PK_SCREENSHOT_DIR");
  g_autofree char *png = g_strdup_printf ("%s/%s-%s.png", dir ? dir : g_get_tmp_dir (), name, lang);

  spin (300);
  save_png (window, png);
}

static void
count_notify (guint *n)
{
  (*n)++;
}

/* Whether a button for @action is on show and can be pressed: what the
 * person sees of an action's state. */
static gboolean
actionable_shown (GtkWidget  *root,
                  const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0 &&
      gtk_widget_is_visible (root) && gtk_widget_is_sensitive (root))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (actionable_shown (child, action))
      return TRUE;
  return FALSE;
}

/* Whether a row under @root has @title: what a list shows once it is read */
static gboolean
row_titled (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (row_titled (child, title))
      return TRUE;
  return FALSE;
}

/* Coverage is computed in the background: wait for it, keeping the window drawing. */
static void
wait_coverage (PkCoveragePanel *panel)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  while (pk_coverage_panel_get_busy (panel) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pk_coverage_panel_get_busy (panel));
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Keeps the result of an async call for the test to finish it. */
static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The window reloads in the background after an edit: wait until it has. */
static void
settle (PkWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (pk_window_is_busy (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pk_window_is_busy (window));
}

static void
check_window (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (g_getenv ("PK_SCREENSHOT_DIR"));
  g_autofree char *png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;
  gboolean persian = g_str_equal (lang, "fa");
  PkMapView *map = pk_window_get_map_view (window);
  Stats s = { 0 };

  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pk_window_wait_for_map (window, 30000));
  g_assert_cmpuint (pk_map_view_get_tiles_served (map), >, 4);

  if (dir == NULL)
    dir = g_build_filename (g_get_tmp_dir (), "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  png = g_strdup_printf ("%s/main-window-%s.png", dir, lang);
  save_png (GTK_WINDOW (window), png);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", png);

  /* what the person sees: a drawn map with both office symbols */
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (map), GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 400);
  map_stats (texture, &bounds, &s);
  g_test_message ("map: %u px, %u differ from the first, %u colours, %u blue, %u green",
                  s.n_pixels, s.n_changed, g_hash_table_size (s.colours), s.n_blue, s.n_green);
  g_assert_cmpuint (s.n_changed, >, s.n_pixels / 4);
  g_assert_cmpuint (g_hash_table_size (s.colours), >, 50);
  g_assert_cmpuint (s.n_blue, >, 200);
  g_assert_cmpuint (s.n_green, >, 200);
  g_hash_table_unref (s.colours);

  /* language: the title is translated and Persian reads right to left */
  if (persian)
    {
      g_assert_true (pk_text_locale_is_persian ());
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "جانمایی دفاتر پیشخوان"));
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
      /* the sidebar (the flap) sits on the right in RTL */
      g_assert_cmpfloat (bounds.origin.x, <, 50);
    }
  else
    {
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Pishkhan Siting"));
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_LTR);
      g_assert_cmpfloat (bounds.origin.x, >, 200);
    }
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "sample.pkws"));

  /* search folds Arabic letters and ZWNJ */
  pk_window_search (window, "بيرجند");        /* Arabic yeh */
  g_assert_cmpuint (pk_window_get_n_results (window), >=, 2);   /* county and city, offices */
  pk_window_search (window, "عشق‌آباد");       /* with ZWNJ; stored with a space */
  g_assert_cmpuint (pk_window_get_n_results (window), >=, 2);
  pk_window_search (window, "birjand");
  g_assert_cmpuint (pk_window_get_n_results (window), >=, 2);
  pk_window_search (window, "zzzz-nothing");
  g_assert_cmpuint (pk_window_get_n_results (window), ==, 0);
  pk_window_search (window, "");

  /* the vacant-area overlay: rural, photographed */
  {
    g_autofree char *vpng = g_strdup_printf ("%s/vacant-rural-%s.png", dir, lang);
    g_autoptr(GdkTexture) vt = NULL;

    pk_window_set_vacancy (window, "rural");
    wait_coverage (pk_window_get_coverage_panel (window));
    for (int i = 0; i < 100; i++)
      g_main_context_iteration (NULL, FALSE);
    save_png (GTK_WINDOW (window), vpng);
    vt = gdk_texture_new_from_filename (vpng, &error);
    /* most of a rural province is beyond every office's reach: much of the map is shaded */
    g_assert_cmpuint (count_changed (texture, vt, &bounds), >, s.n_pixels / 10);
    pk_window_set_vacancy (window, "none");
  }

  /* a failed open keeps the current workspace */
  g_assert_false (pk_window_open_workspace (window, "/nonexistent.pkws", &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_nonnull (pk_window_get_store (window));

  /* opening in the background: the window is busy meanwhile, the workspace
   * shown when read; a failure keeps the current one */
  {
    PkStore *was = pk_window_get_store (window);
    guint n = pk_map_view_get_offices (map)->len;
    g_autoptr(GAsyncResult) result = NULL;

    pk_window_open_workspace_async (window, "/nonexistent.pkws", on_async_done, &result);
    g_assert_true (pk_window_is_busy (window));
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (pk_window_open_workspace_finish (window, result, &error));
    g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (pk_window_get_store (window) == was);
    g_clear_object (&result);

    pk_window_open_workspace_async (window, workspace_path, on_async_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (pk_window_open_workspace_finish (window, result, &error));
    g_assert_no_error (error);
    g_assert_true (pk_window_get_store (window) != was);
    g_assert_cmpuint (pk_map_view_get_offices (map)->len, ==, n);
    settle (window);
  }
}

/* The siting checker: a rural site right next to an active rural office fails
 * SR-3 and SR-6; the verdict panel lists all seven rules; photographed. */
static void
check_site_panel (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  PkCheckPanel *panel = pk_window_get_check_panel (window);
  g_autoptr(GPtrArray) offices = pk_store_list_offices (pk_window_get_store (window), &error);
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  const char *dir = g_getenv ("PK_SCREENSHOT_DIR");
  PkOffice *rural = NULL;
  PkSiteVerdict *v;

  for (guint i = 0; i < offices->len && rural == NULL; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);
      if (o->license == PK_LICENSE_RURAL && o->status == PK_STATUS_ACTIVE)
        rural = o;
    }
  g_assert_nonnull (rural);

  pk_window_set_check_mode (window, TRUE);
  g_assert_true (pk_window_get_check_mode (window));
  pk_check_panel_set_license (panel, PK_LICENSE_RURAL);
  pk_check_panel_set_area (panel, 30);
  pk_check_panel_set_land_use (panel, PK_LAND_USE_YES);
  pk_check_panel_set_location (panel, rural->lat + 0.01, rural->lon + 0.01);
  pk_map_view_go_to (pk_window_get_map_view (window), rural->lat + 0.01, rural->lon + 0.01, 11);
  v = pk_check_panel_get_verdict (panel);
  g_assert_nonnull (v);
  g_assert_cmpint (v->verdict, ==, PK_VERDICT_FAIL);
  g_assert_cmpuint (v->rules->len, ==, 7);
  g_assert_cmpint (((PkRuleResult *) g_ptr_array_index (v->rules, 2))->status, ==, PK_RULE_FAIL);

  pk_window_wait_for_map (window, 20000);
  png = g_strdup_printf ("%s/check-site-%s.png", dir ? dir : g_get_tmp_dir (), lang);
  save_png (GTK_WINDOW (window), png);
  g_assert_no_error (error);

  pdf = g_strdup_printf ("%s/check-site-%s.pdf", dir ? dir : g_get_tmp_dir (), lang);
  g_assert_true (pk_check_panel_save_pdf (panel, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  /* a place name instead of coordinates: Birjand (written with an Arabic yeh) */
  {
    GtkWidget *entry = gtk_widget_get_first_child (GTK_WIDGET (panel));
    PkSiteVerdict *bv;

    while (entry != NULL && !GTK_IS_ENTRY (entry))
      entry = gtk_widget_get_next_sibling (entry);
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "بيرجند");
    g_signal_emit_by_name (entry, "activate");
    bv = pk_check_panel_get_verdict (panel);
    g_assert_nonnull (bv);
    g_assert_cmpfloat_with_epsilon (bv->query.lat, 32.8634, 0.001);
    g_assert_true (bv->urban);
  }
  pk_window_set_check_mode (window, FALSE);
}

/* The row under @root titled @title, or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button under @root labelled @label (as written, mnemonic included), or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The office editor on show, waiting up to 30 s for it to open. */
static PkOfficeEditor *
wait_office_editor (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GListModel *tops = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (tops, i);

          if (PK_IS_OFFICE_EDITOR (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            return PK_OFFICE_EDITOR (w);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_error ("no office editor opened");
}

static void
wait_saved (PkOfficeEditor *editor)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pk_office_editor_is_saving (editor) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pk_office_editor_is_saving (editor));
}

/* The map's own edits as a person makes them, with another person at work on
 * the same workspace (@other, a second connection): the editor opened from
 * an office's menu, its save written in a worker; a save that collides with
 * the other's change refused and shown side by side, then kept knowingly; a
 * drag; Ctrl+Z twice without waiting; a removal from the menu, undone. None
 * of it a round trip to a server on the main thread. */
static void
check_map_edits (PkWindow *window,
                 PkStore  *other)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_window_get_store (window);
  PkMapView *map = pk_window_get_map_view (window);
  g_autoptr(PkOffice) opened = NULL;
  g_autoptr(PkOffice) theirs = NULL;
  g_autoptr(PkOffice) now = NULL;
  PkOfficeEditor *editor;
  const char *new_name = g_str_equal (lang, "fa") ? "دفتر پیشخوان مرکزی" : "Central counter office";
  const char *their_holder = g_str_equal (lang, "fa") ? "علی رضایی" : "Ali Rezaei";
  gint64 id = 0;
  guint trips;

  settle (window);
  for (guint i = 0; i < pk_map_view_get_offices (map)->len && id == 0; i++)
    {
      PkOffice *o = g_ptr_array_index (pk_map_view_get_offices (map), i);

      if (o->status == PK_STATUS_ACTIVE)
        id = o->id;
    }
  g_assert_cmpint (id, >, 0);
  opened = pk_store_get_office (other, id, &error);
  g_assert_no_error (error);
  trips = pk_store_get_main_loop_round_trips (store);

  /* the editor opens on the office as a worker read it */
  g_signal_emit_by_name (map, "office-action", "edit-office", id);
  editor = wait_office_editor ();
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), _("Name"))), new_name);
  /* meanwhile another person changes the holder */
  theirs = pk_store_get_office (other, id, &error);
  g_free (theirs->holder);
  theirs->holder = g_strdup (their_holder);
  pk_store_set_actor (other, g_str_equal (lang, "fa") ? "مریم" : "Maryam");
  g_assert_true (pk_store_update_office (other, theirs, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  g_assert_true (pk_office_editor_is_saving (editor));           /* answered by a worker, later */
  wait_saved (editor);
  g_assert_true (pk_office_editor_has_conflict (editor));
  now = pk_store_get_office (other, id, &error);
  g_assert_cmpstr (now->holder, ==, their_holder);                /* nothing of theirs lost */
  g_assert_cmpstr (now->name, ==, opened->name);
  g_clear_pointer (&now, pk_office_free);
  gtk_window_set_default_size (GTK_WINDOW (editor), 560, 760);
  photograph (GTK_WINDOW (editor), "office-conflict");

  /* saved again with theirs on show: what was typed is kept, as typed */
  {
    GtkWidget *watch = GTK_WIDGET (editor);

    g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
    g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
    settle (window);
    while (watch != NULL)
      g_main_context_iteration (NULL, TRUE);                     /* closed once written */
  }
  now = pk_store_get_office (other, id, &error);
  g_assert_cmpstr (now->name, ==, new_name);
  g_assert_cmpstr (now->holder, ==, opened->holder);
  g_clear_pointer (&now, pk_office_free);

  /* a drag on the map moves the place and nothing else */
  g_signal_emit_by_name (map, "office-moved", id, opened->lat + 0.01, opened->lon);
  g_assert_true (pk_window_is_busy (window));
  settle (window);
  now = pk_store_get_office (other, id, &error);
  g_assert_cmpfloat_with_epsilon (now->lat, opened->lat + 0.01, 1e-9);
  g_assert_cmpstr (now->name, ==, new_name);
  g_clear_pointer (&now, pk_office_free);

  /* Ctrl+Z twice without waiting: the move, then the save; theirs is back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle (window);
  now = pk_store_get_office (other, id, &error);
  g_assert_cmpfloat_with_epsilon (now->lat, opened->lat, 1e-9);
  g_assert_cmpstr (now->name, ==, opened->name);
  g_assert_cmpstr (now->holder, ==, their_holder);
  g_clear_pointer (&now, pk_office_free);

  /* removed from its menu, and back with Ctrl+Z */
  g_signal_emit_by_name (map, "office-action", "remove-office", id);
  settle (window);
  g_assert_null (pk_store_get_office_by_uuid (other, opened->record.uuid, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle (window);
  now = pk_store_get_office_by_uuid (other, opened->record.uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->holder, ==, their_holder);
  id = now->id;
  g_clear_pointer (&now, pk_office_free);

  /* the editor closed while its save is being written: the save lands */
  g_signal_emit_by_name (map, "office-action", "edit-office", id);
  editor = wait_office_editor ();
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), _("Address"))), new_name);
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), _("_Save")), "clicked");
  gtk_window_destroy (GTK_WINDOW (editor));
  settle (window);
  now = pk_store_get_office (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->address, ==, new_name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle (window);

  g_test_message ("round trips on the main thread during the map's edits: %u",
                  pk_store_get_main_loop_round_trips (store) - trips);
  g_assert_cmpuint (pk_store_get_main_loop_round_trips (store), ==, trips);
}

/* Add, move, remove an office in the app; each is logged and undoable. */
static void
check_editing (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_window_get_store (window);
  g_autoptr(GPtrArray) before = pk_store_list_offices (store, &error);
  g_autoptr(PkOffice) o = pk_office_new ();
  g_autoptr(PkOffice) moved = NULL;
  g_autoptr(PkOffice) back = NULL;
  gint64 audit = pk_store_count_audit (store);
  guint n = before->len;
  gint64 id;

  o->code = g_strdup ("GUI-1");
  o->name = g_strdup ("دفتر آزمایشی");
  o->license = PK_LICENSE_URBAN;
  o->status = PK_STATUS_APPROVED;
  o->lat = 32.87;
  o->lon = 59.21;
  /* the name set in Preferences is who the workspace records */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "user-name", " مریم کاربر ");
  }
  {
    /* the store's "changed" puts the one office on the map: the map's list is
     * the same list, one longer — the workspace is not read again */
    GPtrArray *before = pk_map_view_get_offices (pk_window_get_map_view (window));

    pk_window_edit_office (window, NULL, o);
    g_assert_true (pk_window_is_busy (window));       /* written in a worker, not here */
    settle (window);
    g_assert_true (pk_map_view_get_offices (pk_window_get_map_view (window)) == before);
    g_assert_cmpuint (before->len, ==, n + 1);
  }
  id = pk_store_office_code_owner (store, "GUI-1");
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(PkOffice) added = pk_store_get_office (store, id, &error);
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_assert_cmpstr (added->record.updated_by, ==, "مریم کاربر");
    g_assert_cmpint (added->record.revision, ==, 1);
    g_settings_reset (settings, "user-name");
  }

  moved = pk_store_get_office (store, id, &error);
  moved->lat += 0.01;
  {
    g_autoptr(PkOffice) was = pk_store_get_office (store, id, &error);
    pk_window_edit_office (window, was, moved);
  }
  pk_window_undo (window);             /* the move, asked before the edit is written: undoes it */
  settle (window);
  back = pk_store_get_office (store, id, &error);
  g_assert_cmpfloat_with_epsilon (back->lat, 32.87, 1e-9);

  pk_window_edit_office (window, back, NULL);   /* remove */
  settle (window);
  g_assert_cmpint (pk_store_office_code_owner (store, "GUI-1"), ==, 0);
  pk_window_undo (window);             /* comes back */
  settle (window);
  g_assert_cmpint (pk_store_office_code_owner (store, "GUI-1"), >, 0);
  {
    /* … as the same record: the undo keeps its identity */
    g_autoptr(PkOffice) again = pk_store_get_office (store, pk_store_office_code_owner (store, "GUI-1"),
                                                     &error);

    g_assert_cmpstr (again->record.uuid, ==, back->record.uuid);
  }
  pk_window_undo (window);             /* the add */
  settle (window);
  g_assert_cmpint (pk_store_office_code_owner (store, "GUI-1"), ==, 0);
  g_assert_cmpuint (pk_map_view_get_offices (pk_window_get_map_view (window))->len, ==, n);
  /* every step is in the audit log: add, move, its undo, remove, re-add, remove */
  g_assert_cmpint (pk_store_count_audit (store), ==, audit + 6);
  g_assert_no_error (error);

  /* redo (Ctrl+Shift+Z) brings the add back; a new edit would end the branch */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  settle (window);
  g_assert_cmpint (pk_store_office_code_owner (store, "GUI-1"), >, 0);
  g_assert_cmpuint (pk_map_view_get_offices (pk_window_get_map_view (window))->len, ==, n + 1);
  pk_window_undo (window);
  settle (window);
  g_assert_cmpint (pk_store_office_code_owner (store, "GUI-1"), ==, 0);
  g_assert_cmpint (pk_store_count_audit (store), ==, audit + 8);
  g_assert_no_error (error);

  {
    g_autoptr(PkStore) other = pk_store_open (pk_store_get_path (store), &error);

    g_assert_no_error (error);
    check_map_edits (window, other);
  }

  /* an import runs in the background; the map has the offices when it lands */
  {
    g_autofree char *dir = g_dir_make_tmp ("pk-gui-import-XXXXXX", NULL);
    g_autofree char *csv = g_build_filename (dir, "offices.csv", NULL);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PkImportReport) report = NULL;

    g_assert_true (g_file_set_contents (csv, "code,name,license,status,lat,lon\n"
                                        "IMP-1,دفتر وارداتی یک,urban,active,32.8700,59.2100\n"
                                        "IMP-2,دفتر وارداتی دو,rural,planned,32.5000,59.6000\n", -1, NULL));
    pk_window_import_async (window, csv, FALSE, 0, NULL, on_async_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    report = pk_window_import_finish (window, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_imported, ==, 2);
    settle (window);
    g_assert_cmpuint (pk_map_view_get_offices (pk_window_get_map_view (window))->len, ==, n + 2);
    g_assert_cmpint (pk_store_office_code_owner (store, "IMP-2"), >, 0);

    /* from the menu: a dry run first; its dialog lists the refused row and
     * offers the valid rows only; nothing is written until then */
    g_assert_true (g_file_set_contents (csv, "code,name,license,status,lat,lon\n"
                                        "IMP-3,دفتر وارداتی سه,urban,active,32.8800,59.2200\n"
                                        "IMP-4,دفتر بیرون از ایران,urban,active,48.0000,2.3000\n", -1, NULL));
    pk_window_preview_import (window, csv, FALSE);
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      AdwMessageDialog *dialog = NULL;

      while ((dialog = find_message_dialog ()) == NULL && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (PK_IS_IMPORT_DIALOG (dialog));
      g_assert_cmpuint (pk_import_dialog_get_n_refused (PK_IMPORT_DIALOG (dialog)), ==, 1);
      g_assert_true (adw_message_dialog_has_response (dialog, "skip"));
      g_assert_false (adw_message_dialog_has_response (dialog, "import"));
      g_assert_cmpint (pk_store_office_code_owner (store, "IMP-3"), ==, 0);
      photograph (GTK_WINDOW (dialog), "import-preview");
      adw_message_dialog_response (dialog, "skip");
      gtk_window_destroy (GTK_WINDOW (dialog));
      while (pk_store_office_code_owner (store, "IMP-3") == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (pk_store_office_code_owner (store, "IMP-3"), >, 0);
      g_assert_cmpint (pk_store_office_code_owner (store, "IMP-4"), ==, 0);
      settle (window);
      g_assert_cmpuint (pk_map_view_get_offices (pk_window_get_map_view (window))->len, ==, n + 3);
    }
    g_unlink (csv);
    g_rmdir (dir);
  }

  /* the editor, photographed with a bad postal code flagged as typed */
  {
    PkOfficeEditor *editor = pk_office_editor_new (GTK_WINDOW (window), o);
    g_autofree char *png = g_strdup_printf ("%s/office-editor-%s.png",
                                            g_getenv ("PK_SCREENSHOT_DIR") ? g_getenv ("PK_SCREENSHOT_DIR")
                                                                          : g_get_tmp_dir (), lang);

    gtk_window_present (GTK_WINDOW (editor));
    pk_office_editor_show_error (editor, _("postal code “12345” is not 10 digits"));
    for (int i = 0; i < 200; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (pk_save_screenshot (GTK_WINDOW (editor), png, &error));
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  /* Preferences open on who you are: the name every change is recorded with */
  {
    GtkWidget *prefs = pk_preferences_window_new (GTK_WINDOW (window));
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *png = g_strdup_printf ("%s/preferences-%s.png",
                                            g_getenv ("PK_SCREENSHOT_DIR") ? g_getenv ("PK_SCREENSHOT_DIR")
                                                                          : g_get_tmp_dir (), lang);

    g_settings_set_string (settings, "user-name", g_str_equal (lang, "fa") ? "مریم احمدی" : "Maryam Ahmadi");
    gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 520);
    gtk_window_present (GTK_WINDOW (prefs));
    for (int i = 0; i < 200; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (pk_save_screenshot (GTK_WINDOW (prefs), png, &error));
    gtk_window_destroy (GTK_WINDOW (prefs));
    g_settings_reset (settings, "user-name");
  }

  /* the rule-set editor lists every setting and each county's capacity, read
   * in a worker; a change is saved after a pause, in a worker, and logged */
  {
    GtkWidget *prefs = pk_preferences_window_new (GTK_WINDOW (window));
    g_autofree char *png = g_strdup_printf ("%s/rule-set-%s.png",
                                            g_getenv ("PK_SCREENSHOT_DIR") ? g_getenv ("PK_SCREENSHOT_DIR")
                                                                          : g_get_tmp_dir (), lang);
    PkStore *store = pk_window_get_store (window);
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    gint64 audit = pk_store_count_audit (store);
    g_autoptr(PkRuleSet) before = pk_store_load_rules (store, &error);
    g_autoptr(PkRuleSet) after = NULL;
    GtkWidget *spacing;

    g_assert_true (pk_preferences_window_is_busy (PK_PREFERENCES_WINDOW (prefs)));
    while (pk_preferences_window_is_busy (PK_PREFERENCES_WINDOW (prefs)) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    spacing = pk_preferences_window_get_setting_widget (PK_PREFERENCES_WINDOW (prefs), "rule:min_spacing_rural_m");
    g_assert_nonnull (spacing);
    {
      /* the value written in the locale's digits, not left blank */
      g_autofree char *expected = g_strdup_printf ("%d", (int) before->min_spacing_m[PK_LICENSE_RURAL]);
      g_autofree char *localized = pk_text_localize_digits (expected);

      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spacing)), ==, localized);
    }
    /* three clicks on the arrow: one save, of the last value */
    for (int i = 1; i <= 3; i++)
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spacing), before->min_spacing_m[PK_LICENSE_RURAL] + 100 * i);
    g_assert_cmpint (pk_store_count_audit (store), ==, audit);           /* nothing written yet */
    while (pk_preferences_window_is_busy (PK_PREFERENCES_WINDOW (prefs)) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    after = pk_store_load_rules (store, &error);
    g_assert_cmpfloat (after->min_spacing_m[PK_LICENSE_RURAL], ==, before->min_spacing_m[PK_LICENSE_RURAL] + 300);
    g_assert_cmpint (pk_store_count_audit (store), ==, audit + 1);
    /* and back, saved as the window closes */
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spacing), before->min_spacing_m[PK_LICENSE_RURAL]);
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "rules");
    gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 760);
    gtk_window_present (GTK_WINDOW (prefs));
    for (int i = 0; i < 200; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)),
                     ==, "rules");
    g_assert_true (pk_save_screenshot (GTK_WINDOW (prefs), png, &error));
    gtk_window_destroy (GTK_WINDOW (prefs));
    do
      {
        g_clear_pointer (&after, pk_rule_set_free);
        spin (5);
        g_usleep (10000);
        after = pk_store_load_rules (store, &error);
      }
    while (after->min_spacing_m[PK_LICENSE_RURAL] != before->min_spacing_m[PK_LICENSE_RURAL] &&
           g_get_monotonic_time () < deadline);
    g_assert_cmpfloat (after->min_spacing_m[PK_LICENSE_RURAL], ==, before->min_spacing_m[PK_LICENSE_RURAL]);
  }
}


/* Coverage mode (#5): overlays, the sortable county table, a suggestion
 * added as a planned office, a zone drawn on the map and named in its
 * dialog, a vacant area's "check a site here"; all undoable; photographed. */
static void
check_coverage (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_window_get_store (window);
  PkMapView *map = pk_window_get_map_view (window);
  PkCoveragePanel *panel = pk_window_get_coverage_panel (window);
  const char *dir = g_getenv ("PK_SCREENSHOT_DIR");
  g_autofree char *png = g_strdup_printf ("%s/coverage-%s.png", dir ? dir : g_get_tmp_dir (), lang);
  g_autoptr(GPtrArray) before = pk_store_list_offices (store, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  GPtrArray *rows, *picks;
  gint64 audit = pk_store_count_audit (store);
  PkCountyCoverage *low = NULL, *high = NULL;

  pk_window_set_coverage_mode (window, TRUE);
  g_assert_true (pk_window_get_coverage_mode (window));
  g_assert_false (pk_window_get_check_mode (window));
  pk_coverage_panel_set_license (panel, PK_LICENSE_RURAL);
  pk_coverage_panel_set_overlays (panel, TRUE, TRUE, TRUE);
  g_assert_true (pk_coverage_panel_get_busy (panel));      /* the window is not held up */
  wait_coverage (panel);
  rows = pk_coverage_panel_get_rows (panel);
  g_assert_cmpuint (rows->len, ==, 12);
  g_assert_cmpuint (pk_coverage_panel_get_n_table_rows (panel), ==, 12);

  /* sorted by the share served, low to high, then high to low */
  pk_coverage_panel_sort_by (panel, 5, FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      PkCountyCoverage *r = g_ptr_array_index (rows, i);
      if (r->county->id == pk_coverage_panel_get_table_county (panel, 0))
        low = r;
      if (r->county->id == pk_coverage_panel_get_table_county (panel, 11))
        high = r;
    }
  g_assert_nonnull (low);
  g_assert_nonnull (high);
  g_assert_cmpfloat (low->vacant_area_km2 / low->area_km2, >=, high->vacant_area_km2 / high->area_km2);
  pk_coverage_panel_sort_by (panel, 5, TRUE);
  g_assert_cmpint (pk_coverage_panel_get_table_county (panel, 0), ==, high->county->id);

  /* a suggestion, added as a planned office with one click, and undone */
  {
    g_autoptr(GAsyncResult) result = NULL;

    pk_coverage_panel_suggest_async (panel, 0, 3, on_async_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    picks = pk_coverage_panel_suggest_finish (panel, result, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (picks->len, >=, 1);
  {
    PkSuggestion *sg = g_ptr_array_index (picks, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-planned", "(sdd)",
                                               "rural", sg->lat, sg->lon));
  }
  settle (window);
  after = pk_store_list_offices (store, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  {
    PkOffice *added = NULL;
    for (guint i = 0; i < after->len; i++)
      if (((PkOffice *) g_ptr_array_index (after, i))->status == PK_STATUS_PLANNED &&
          g_str_has_prefix (((PkOffice *) g_ptr_array_index (after, i))->code, "PLN-"))
        added = g_ptr_array_index (after, i);
    g_assert_nonnull (added);
    g_assert_cmpint (added->license, ==, PK_LICENSE_RURAL);
    g_assert_cmpint (added->county_id, >, 0);
  }
  pk_window_undo (window);
  settle (window);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pk_store_list_offices (store, &error);
  g_assert_cmpuint (after->len, ==, before->len);

  /* draw a zone: four corners (two by "click", two at the crosshair), Enter, name it */
  pk_map_view_go_to (map, 32.6, 59.4, 9);
  spin (50);
  pk_map_view_start_zone (map, NULL);
  g_assert_true (pk_map_view_is_drawing (map));
  pk_map_view_add_zone_point (map, 32.70, 59.30);
  pk_map_view_add_zone_point (map, 32.70, 59.55);
  pk_map_view_add_zone_point (map, 32.50, 59.55);
  pk_map_view_add_zone_point (map, 32.40, 59.40);
  pk_map_view_add_zone_point (map, 32.50, 59.30);
  pk_map_view_finish_zone (map);
  g_assert_false (pk_map_view_is_drawing (map));
  spin (50);
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    GtkWidget *grid;

    g_assert_nonnull (dialog);
    grid = adw_message_dialog_get_extra_child (dialog);
    gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0)),
                           g_str_equal (lang, "fa") ? "پهنهٔ شرق بیرجند" : "East of Birjand");
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2)), 2);
    photograph (GTK_WINDOW (dialog), "zone-new");
    adw_message_dialog_response (dialog, "save");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  settle (window);
  zones = pk_store_list_zones (store, &error);
  g_assert_cmpuint (zones->len, ==, 1);
  g_assert_cmpuint (((PkZone *) g_ptr_array_index (zones, 0))->n_points, ==, 5);
  g_assert_cmpint (((PkZone *) g_ptr_array_index (zones, 0))->capacity, ==, 2);
  wait_coverage (panel);
  g_assert_cmpuint (pk_coverage_panel_get_zones (panel)->len, ==, 1);

  /* the same with the keyboard only: Space at the crosshair, arrows to pan,
   * Backspace takes a corner back, Enter finishes, the dialog asks the name */
  {
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));
    GtkEventController *keys = NULL;
    static const guint presses[] = { GDK_KEY_space, GDK_KEY_Right, GDK_KEY_space, GDK_KEY_Down,
                                     GDK_KEY_space, GDK_KEY_Left, GDK_KEY_space, GDK_KEY_BackSpace,
                                     GDK_KEY_Return };
    AdwMessageDialog *dialog;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          keys = GTK_EVENT_CONTROLLER (c);
      }
    g_object_unref (controllers);
    g_assert_nonnull (keys);
    pk_map_view_start_zone (map, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
      {
        gboolean handled = FALSE;

        g_signal_emit_by_name (keys, "key-pressed", presses[i], 0, 0, &handled);
        g_assert_true (handled);
        spin (5);
      }
    g_assert_false (pk_map_view_is_drawing (map));
    spin (50);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    /* four corners placed, one taken back */
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), g_str_equal (lang, "fa") ? "۳" : "3"));
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_clear_pointer (&zones, g_ptr_array_unref);
    zones = pk_store_list_zones (store, &error);
    g_assert_cmpuint (zones->len, ==, 1);            /* cancelled: nothing stored */
  }

  /* a vacant area's details, and "check a site here" opens the checker there */
  {
    PkCountyCoverage *r = NULL;
    GtkWidget *content, *button;
    double lon, lat;

    wait_coverage (panel);
    rows = pk_coverage_panel_get_rows (panel);     /* recomputed after each edit */
    for (guint i = 0; i < rows->len && r == NULL; i++)
      if (((PkCountyCoverage *) g_ptr_array_index (rows, i))->vacant)
        r = g_ptr_array_index (rows, i);
    g_assert_nonnull (r);
    pk_geometry_label_point (r->vacant, &lon, &lat);
    content = pk_coverage_panel_describe_vacant (panel, lat, lon);
    g_assert_nonnull (content);
    g_object_ref_sink (content);
    button = gtk_widget_get_last_child (content);
    g_assert_true (GTK_IS_BUTTON (button));
    /* the button must be in a window to reach win.check-here: pop it up on the map */
    pk_map_view_popup_info (map, g_object_ref (content), 200, 200);
    spin (50);
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (pk_window_get_check_mode (window));
    g_assert_nonnull (pk_check_panel_get_verdict (pk_window_get_check_panel (window)));
    g_object_unref (content);
    pk_window_set_coverage_mode (window, TRUE);
  }

  pk_map_view_zoom_to_province (map);
  pk_window_wait_for_map (window, 20000);
  spin (100);
  save_png (GTK_WINDOW (window), png);
  g_assert_no_error (error);

  /* the zone: undo removes it; every step was audited */
  pk_window_undo (window);
  settle (window);
  g_clear_pointer (&zones, g_ptr_array_unref);
  zones = pk_store_list_zones (store, &error);
  g_assert_cmpuint (zones->len, ==, 0);
  g_assert_cmpint (pk_store_count_audit (store), ==, audit + 4);
  pk_coverage_panel_set_overlays (panel, FALSE, FALSE, FALSE);
  pk_window_set_coverage_mode (window, FALSE);
}

static void
wait_case_list (PkCaseList *list)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  spin (10);
  while (pk_case_list_is_busy (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pk_case_list_is_busy (list));
}

/* Whatever the case window does in a worker, done. */
static void
wait_case_window (PkCaseWindow *wizard)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pk_case_window_is_busy (wizard) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pk_case_window_is_busy (wizard));
}

/* A case opened from the list: read in a worker, then its window. */
static PkCaseWindow *
open_case (PkCaseList *list,
           gint64      case_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkCaseWindow *wizard;

  pk_case_list_open_case_async (list, case_id, on_async_done, &result);
  g_assert_true (pk_case_list_is_busy (list));         /* the read is not the main thread's */
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  wizard = pk_case_list_open_case_finish (list, result, &error);
  g_assert_no_error (error);
  g_assert_true (PK_IS_CASE_WINDOW (wizard));
  return wizard;
}

/* The case list, the new-case dialog (LT-2 said at once), and the wizard:
 * it opens where the case stopped, fields are saved as typed (Solar Hijri
 * dates in Persian), documents are checked on attach with thumbnails and the
 * failing page marked, the history is a timeline; photographed. */
static void
check_cases (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_window_get_store (window);
  g_autoptr(PkCase) company = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
  g_autoptr(PkCase) rural = pk_case_new (PK_REQUEST_RENEWAL, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);
  g_autofree char *dir = g_dir_make_tmp ("pk-gui-case-XXXXXX", NULL);
  g_autofree char *scan = g_build_filename (dir, "statement.pdf", NULL);
  static const ScanPage pages[] = { SCAN_COLOUR, SCAN_BLANK };
  PkCaseList *list;
  PkCaseWindow *wizard;
  GtkWidget *dialog;
  guint marked = 0;

  g_assert_cmpint (pk_store_add_case (store, company, &error), >, 0);
  g_assert_cmpint (pk_store_add_case (store, rural, &error), >, 0);
  g_assert_no_error (error);
  pk_case_workflow_set_field (store, company->id, "pa1.read", "1", &error);
  pk_case_workflow_set_field (store, company->id, "pa2.read", "1", &error);
  pk_case_workflow_set_field (store, company->id, "company.name",
                              g_str_equal (lang, "fa") ? "شرکت خدمات پیشخوان نمونه" : "Sample Counter Services Co.", &error);
  g_assert_true (pk_case_workflow_mark_stage (store, company, "PA-1", TRUE, &error));
  g_assert_true (pk_case_workflow_mark_stage (store, company, "PA-2", TRUE, &error));
  g_assert_true (pk_case_workflow_return (store, rural, "S3", g_str_equal (lang, "fa")
                                       ? "صورت‌حساب بدهی بانکی خوانا نیست" : "The bank-debt statement is unreadable",
                                       &error));
  g_assert_no_error (error);

  list = pk_window_open_cases (window);
  wait_case_list (list);
  g_assert_cmpuint (pk_case_list_get_n_shown (list), ==, 2);
  pk_case_list_set_status (list, PK_CASE_RETURNED);
  wait_case_list (list);
  g_assert_cmpuint (pk_case_list_get_n_shown (list), ==, 1);
  pk_case_list_set_status (list, -1);
  pk_case_list_set_search (list, g_str_equal (lang, "fa") ? "نمونه" : "sample counter");
  wait_case_list (list);
  g_assert_cmpuint (pk_case_list_get_n_shown (list), ==, 1);
  pk_case_list_set_search (list, "");
  wait_case_list (list);
  photograph (GTK_WINDOW (list), "case-list");

  /* a long list comes a page at a time: 100, then the rest when asked */
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(PkCase) more = pk_case_new (PK_REQUEST_RENEWAL, PK_LICENSE_RURAL, PK_APPLICANT_PERSON);

      g_assert_cmpint (pk_store_add_case (store, more, &error), >, 0);
    }
  pk_case_list_refresh (list);
  wait_case_list (list);
  g_assert_cmpuint (pk_case_list_get_n_shown (list), ==, 100);
  g_assert_true (pk_case_list_show_more (list));
  wait_case_list (list);
  g_assert_cmpuint (pk_case_list_get_n_shown (list), ==, 122);
  g_assert_false (pk_case_list_show_more (list));

  /* LT-2: an urban licence for a natural person cannot be created */
  dialog = pk_case_list_new_case_dialog (list);
  {
    GtkWidget *grid = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));

    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2)), 1);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
    photograph (GTK_WINDOW (dialog), "case-new");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* the wizard opens where the company's case stopped: PA-3, the site */
  wizard = open_case (list, company->id);
  g_assert_nonnull (wizard);
  g_assert_cmpstr (pk_case_window_get_stage (wizard), ==, "PA-3");
  pk_window_wait_for_map (window, 5000);
  photograph (GTK_WINDOW (wizard), "case-site");

  /* the stage is an action and a property: a window watching it hears of the change */
  {
    guint notified = 0;

    g_signal_connect_swapped (wizard, "notify::stage", G_CALLBACK (count_notify), &notified);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "case.show-stage", "s", "PA-4"));
    g_assert_cmpuint (notified, ==, 1);
    g_assert_cmpstr (pk_case_window_get_stage (wizard), ==, "PA-4");
    /* a stage not done offers "Mark Stage Done" and "Return", not "Send Again" */
    g_assert_true (actionable_shown (GTK_WIDGET (wizard), "case.mark-done"));
    g_assert_true (actionable_shown (GTK_WIDGET (wizard), "case.return"));
    g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.resubmit"));
    g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.reopen"));
    g_signal_handlers_disconnect_by_func (wizard, count_notify, &notified);
  }

  /* a date typed in Solar Hijri (or Gregorian) is stored as ISO 8601; a bad one is not */
  g_assert_true (pk_case_window_set_field (wizard, "pa4.date", "۱۴۰۵/۰۸/۲۹"));
  g_assert_cmpstr (pk_case_get_field (pk_case_window_get_case (wizard), "pa4.date"), ==, "2026-11-20");
  /* replacing the text clears the field first; a month 13 is then not stored */
  g_assert_false (pk_case_window_set_field (wizard, "pa4.date", "1405/13/01"));
  g_assert_true (pk_case_window_set_field (wizard, "pa4.date", "2026-11-20"));
  g_assert_cmpstr (pk_case_get_field (pk_case_window_get_case (wizard), "pa4.date"), ==, "2026-11-20");

  /* marked done, and opened again, in the background */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "case.mark-done", NULL));
  while (pk_case_window_is_busy (wizard))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (pk_case_stage_state (pk_case_window_get_case (wizard), pk_stage_info ("PA-4")), ==, PK_STAGE_DONE);
  {
    g_autoptr(PkCase) stored = pk_store_get_case (store, company->id, &error);

    g_assert_cmpint (pk_case_stage_state (stored, pk_stage_info ("PA-4")), ==, PK_STAGE_DONE);
  }
  g_assert_true (actionable_shown (GTK_WIDGET (wizard), "case.reopen"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "case.reopen", NULL));
  while (pk_case_window_is_busy (wizard))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (pk_case_stage_state (pk_case_window_get_case (wizard), pk_stage_info ("PA-4")), !=, PK_STAGE_DONE);

  /* S1: the company's national ID is validated as typed */
  pk_case_window_show_stage (wizard, "S1");
  g_assert_false (pk_case_window_set_field (wizard, "company.national_id", "10101010101"));
  photograph (GTK_WINDOW (wizard), "case-company");

  /* S3: a two-page statement with a blank page: attached, checked, the page marked */
  g_assert_true (pk_scan_pdf_write (scan, pages, 2, 300, &error));
  pk_case_window_show_stage (wizard, "S3");
  {
    const char *paths[] = { scan, NULL };
    g_autoptr(GAsyncResult) result = NULL;

    /* checked in the background: the window says so, and keeps drawing */
    pk_case_window_attach_async (wizard, "bank-debt-statement", 0, paths, NULL, on_async_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (pk_case_window_attach_finish (wizard, result, &error));
    g_assert_no_error (error);
    wait_case_window (wizard);              /* the case read again, the page with it */
  }
  g_assert_cmpuint (pk_case_window_get_n_thumbnails (wizard, &marked), ==, 2);
  g_assert_cmpuint (marked, ==, 1);
  photograph (GTK_WINDOW (wizard), "case-documents");

  /* S4: the CEO, a national code checked as typed */
  {
    PkCasePerson ceo = { 0 };

    ceo.role = (char *) "ceo";
    ceo.name = (char *) (g_str_equal (lang, "fa") ? "مریم احمدی" : "Maryam Ahmadi");
    ceo.national_code = (char *) "0012345678";            /* a mistyped check digit */
    ceo.mobile = (char *) "09151234567";
    ceo.eligibility = (char *) "{\"EL-1\": true, \"EL-2\": true}";
    g_assert_cmpint (pk_store_add_case_person (store, company->id, &ceo, &error), >, 0);
  }
  pk_case_window_show_stage (wizard, "S4");
  /* the person added elsewhere arrives with the case read again in a worker */
  g_assert_true (pk_case_window_is_busy (wizard));
  wait_case_window (wizard);
  g_assert_cmpuint (pk_case_window_get_case (wizard)->people->len, ==, 1);
  photograph (GTK_WINDOW (wizard), "case-people");
  /* the code corrected as typed: stored after the pause, in a worker — the
   * keystroke itself writes nothing */
  {
    GtkWidget *code = pk_case_window_get_field_widget (wizard, "person.national_code");
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    g_autoptr(PkCase) stored = NULL;

    g_assert_nonnull (code);
    gtk_editable_set_text (GTK_EDITABLE (code), "0012345679");
    stored = pk_store_get_case (store, company->id, &error);
    g_assert_cmpstr (((PkCasePerson *) g_ptr_array_index (stored->people, 0))->national_code, ==,
                     "0012345678");
    g_assert_true (pk_case_window_is_saving (wizard));
    while (pk_case_window_is_saving (wizard) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_clear_pointer (&stored, pk_case_free);
    stored = pk_store_get_case (store, company->id, &error);
    g_assert_cmpstr (((PkCasePerson *) g_ptr_array_index (stored->people, 0))->national_code, ==,
                     "0012345679");
    g_assert_cmpstr (((PkCasePerson *) g_ptr_array_index (pk_case_window_get_case (wizard)->people, 0))->national_code,
                     ==, "0012345679");
  }
  /* typed, and the window closed within the pause: saved all the same, by a
   * worker that outlives the window */
  {
    GtkWidget *code = pk_case_window_get_field_widget (wizard, "person.national_code");
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    g_autoptr(PkCase) stored = NULL;

    gtk_editable_set_text (GTK_EDITABLE (code), "0023456787");
    gtk_window_destroy (GTK_WINDOW (wizard));
    do
      {
        g_clear_pointer (&stored, pk_case_free);
        spin (5);
        g_usleep (10000);
        stored = pk_store_get_case (store, company->id, &error);
        g_assert_no_error (error);
      }
    while (g_strcmp0 (((PkCasePerson *) g_ptr_array_index (stored->people, 0))->national_code, "0023456787") != 0 &&
           g_get_monotonic_time () < deadline);
    g_assert_cmpstr (((PkCasePerson *) g_ptr_array_index (stored->people, 0))->national_code, ==, "0023456787");
  }

  /* the returned case opens at the returned stage; its history is a timeline */
  wizard = open_case (list, rural->id);
  g_assert_cmpstr (pk_case_window_get_stage (wizard), ==, "S3");
  photograph (GTK_WINDOW (wizard), "case-returned");
  /* a returned stage is sent again (RT-1), not marked done nor returned twice */
  g_assert_true (actionable_shown (GTK_WIDGET (wizard), "case.resubmit"));
  g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.mark-done"));
  g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.return"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "case.show-stage", "s", ""));
  g_assert_null (pk_case_window_get_stage (wizard));
  /* the history page has no stage to act on */
  g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.resubmit"));
  g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.mark-done"));
  photograph (GTK_WINDOW (wizard), "case-history");
  {
    const char *sdir = g_getenv ("PK_SCREENSHOT_DIR");
    g_autofree char *pdf = g_strdup_printf ("%s/case-summary-%s.pdf", sdir ? sdir : g_get_tmp_dir (), lang);

    g_assert_true (pk_case_window_save_summary (wizard, pdf, &error));
    g_assert_no_error (error);
  }
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (list));
  g_unlink (scan);
  g_rmdir (dir);
}

/* Another program writes to the open workspace: the window shows it without
 * reopening. Then a read-only workspace: the banner says so, and an edit is
 * refused with the store's sentence. */
static void
check_other_writer_and_read_only (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) other = pk_store_open (workspace_path, &error);
  g_autoptr(PkOffice) o = pk_office_new ();
  g_autoptr(PkStore) ro = NULL;
  g_autofree char *dir = g_strdup (g_getenv ("PK_SCREENSHOT_DIR"));
  g_autofree char *png = NULL;
  guint before;

  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  g_assert_no_error (error);
  g_assert_false (pk_window_get_read_only (window));
  g_assert_false (pk_window_check_external_changes (window));      /* nothing yet */
  before = pk_map_view_get_offices (pk_window_get_map_view (window))->len;
  o->code = g_strdup ("OTHER-1");
  o->name = g_strdup ("Written by another program");
  o->license = PK_LICENSE_RURAL;
  o->status = PK_STATUS_ACTIVE;
  o->lat = 32.70;
  o->lon = 59.40;
  g_assert_cmpint (pk_store_add_office (other, o, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (pk_window_check_external_changes (window));
  settle (window);
  g_assert_cmpuint (pk_map_view_get_offices (pk_window_get_map_view (window))->len, ==, before + 1);

  ro = pk_store_open_read_only (workspace_path, &error);
  g_assert_no_error (error);
  g_assert_true (pk_window_open_store (window, ro, &error));
  g_assert_true (pk_window_get_read_only (window));
  pk_window_wait_for_map (window, 20000);
  g_assert_false (pk_store_delete_office (ro, 1, &error));
  g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_READ_ONLY);
  if (dir == NULL)
    dir = g_build_filename (g_get_tmp_dir (), "screenshots", NULL);
  png = g_strdup_printf ("%s/read-only-%s.png", dir, lang);
  g_clear_error (&error);
  save_png (GTK_WINDOW (window), png);
}

typedef void (*WindowCheck) (PkWindow *window);

/* Each check gets a fresh application, window and copy of the sample, so
 * that one failing does not hide the others. */
static void
on_activate_cb (GApplication *app,
                gpointer      check)
{
  PkWindow *window = PK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr(GError) error = NULL;

  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  pk_window_wait_for_map (window, 30000);
  ((WindowCheck) check) (window);
  /* no worker may still read the workspace when the next check replaces it */
  settle (window);
  g_application_quit (app);
}

/* The first start asks who uses the app and opens on that role's view; the
 * answer is kept: the next start opens there without asking. */
static void
check_start_view (PkWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new ("ir.pishkhan.Siting");
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_settings_set_string (settings, "role", "");
  pk_window_set_start_view_pending (window, TRUE);
  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  spin (50);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "working-group"));
  g_assert_true (adw_message_dialog_has_response (dialog, "applicant"));
  g_assert_true (adw_message_dialog_has_response (dialog, "inspector"));
  photograph (GTK_WINDOW (dialog), "start-role");
  adw_message_dialog_response (dialog, "applicant");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pk_window_get_coverage_mode (window));          /* the areas without an office */
  {
    g_autofree char *role = g_settings_get_string (settings, "role");

    g_assert_cmpstr (role, ==, "applicant");
  }
  pk_window_set_coverage_mode (window, FALSE);
  settle (window);

  /* kept: opening again asks nothing; the working group starts on its queue */
  g_settings_set_string (settings, "role", "working-group");
  pk_window_set_start_view_pending (window, TRUE);
  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  spin (50);
  g_assert_null (find_message_dialog ());
  {
    GListModel *tops = gtk_window_get_toplevels ();
    PkReviewWindow *review = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (tops) && review == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (tops, i);

        if (PK_IS_REVIEW_WINDOW (w))
          review = PK_REVIEW_WINDOW (w);
      }
    g_assert_nonnull (review);
    while (pk_review_window_is_busy (review))
      g_main_context_iteration (NULL, TRUE);
    gtk_window_destroy (GTK_WINDOW (review));
  }
  g_settings_set_string (settings, "role", "map");
}


/* A refusal is said in a dialog: closed, as the person would. */
static void
dismiss_error_dialog (void)
{
  AdwMessageDialog *dialog;

  spin (20);
  dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The working group's queue: two requests 100 m apart at PA-5; approving one
 * in a meeting (in the background) leaves the other stale, flagged, and its
 * check of now failing spacing (SR-3); photographed. */
static void
check_review (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_window_get_store (window);
  g_autofree char *a_number = NULL, *b_number = NULL;
  PkReviewWindow *review;
  gint64 a, b, meeting;
  gint64 deadline;

  a = pk_test_case_at_pa5 (store, 32.30, 59.80);
  b = pk_test_case_at_pa5 (store, 32.3009, 59.80);
  {
    /* b's applicant sent a statement: its pages are on the review page */
    const ScanPage pages[] = { SCAN_COLOUR, SCAN_BLANK };
    g_autofree char *scan = g_build_filename (g_get_tmp_dir (), "review-statement.pdf", NULL);
    const char *paths[] = { scan, NULL };
    g_autoptr(PkDocReport) report = NULL;

    g_assert_true (pk_scan_pdf_write (scan, pages, 2, 300, &error));
    report = pk_case_attach_document (store, b, "bank-debt-statement", 0, paths, &error);
    g_assert_no_error (error);
    g_unlink (scan);
  }
  {
    g_autoptr(PkCase) ca = pk_store_get_case (store, a, &error);
    g_autoptr(PkCase) cb = pk_store_get_case (store, b, &error);

    a_number = g_strdup (ca->number);
    b_number = g_strdup (cb->number);
  }
  meeting = pk_meeting_create (store, "7/1405", "1405/09/11",
                               (const char *[]) { "Dr. Ahmadi", "Ms. Rezaei", NULL }, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL));
  review = NULL;
  {
    GListModel *tops = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (tops) && review == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (tops, i);

        if (PK_IS_REVIEW_WINDOW (w))
          review = PK_REVIEW_WINDOW (w);
      }
  }
  g_assert_nonnull (review);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pk_review_window_get_n_cases (review), ==, 2);
  /* the filters: another licence type, a longer wait, then their county */
  {
    const struct { const char *county; int license, days; guint n; } filters[] = {
      { NULL, PK_LICENSE_URBAN, 0, 0 }, { NULL, -1, 7, 0 }, { "Sarbisheh", PK_LICENSE_RURAL, 0, 2 },
      { "Birjand", -1, 0, 0 }, { NULL, -1, 0, 2 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        const char *county = filters[i].county && g_str_equal (lang, "fa") ? (g_str_equal (filters[i].county, "Birjand")
                                                                             ? "بیرجند" : "سربیشه")
                                                                          : filters[i].county;

        g_assert_true (pk_review_window_set_filters (review, county, filters[i].license, filters[i].days));
        while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        g_assert_cmpuint (pk_review_window_get_n_cases (review), ==, filters[i].n);
      }
  }
  g_assert_true (pk_review_window_select (review, a_number));
  g_assert_false (pk_review_window_selected_is_stale (review));
  while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* a's site serves part of Birjand's vacant area; it has no documents */
  g_assert_cmpuint (pk_review_window_get_n_gain_rows (review), >=, 2);
  g_assert_cmpuint (pk_review_window_get_n_page_thumbnails (review), ==, 0);

  /* approved through the form: two conditions, one with a due date; a
   * Persian "؛" separates them as ";" does; a date that is none is refused */
  g_assert_true (pk_review_window_fill_form (review, 0, "Signboard as the association designs it @ 1405/13/40", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.decide", NULL));
  spin (20);
  while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  dismiss_error_dialog ();
  g_assert_cmpuint (pk_review_window_get_n_cases (review), ==, 2);
  g_assert_true (pk_review_window_fill_form (review, 0, "Signboard as the association designs it @ 1404/10/25؛ "
                                             "Card reader installed (ST-10)", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.decide", NULL));
  spin (20);
  while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pk_review_window_get_n_cases (review), ==, 1);
  {
    g_autoptr(GPtrArray) decisions = pk_store_list_case_decisions (store, a, &error);
    const PkDecision *d = g_ptr_array_index (decisions, 0);

    g_assert_cmpuint (d->conditions->len, ==, 2);
    g_assert_cmpstr (((PkCaseCondition *) g_ptr_array_index (d->conditions, 0))->due, ==, "2026-01-15");
    g_assert_null (((PkCaseCondition *) g_ptr_array_index (d->conditions, 1))->due);
  }
  g_assert_true (pk_review_window_select (review, b_number));
  g_assert_true (pk_review_window_selected_is_stale (review));
  while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pk_review_window_get_n_gain_rows (review), >=, 2);
  g_assert_cmpuint (pk_review_window_get_n_page_thumbnails (review), ==, 2);
  photograph (GTK_WINDOW (review), "review");
  g_assert_true (pk_review_window_scroll_to_coverage (review));
  photograph (GTK_WINDOW (review), "review-coverage");

  /* the meeting: its agenda and decision; closing it makes them final */
  g_assert_true (pk_review_window_show_meeting (review, "7/1405"));
  g_assert_true (actionable_shown (GTK_WIDGET (review), "review.close-meeting"));
  g_assert_true (actionable_shown (GTK_WIDGET (review), "review.letter"));
  photograph (GTK_WINDOW (review), "meeting");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.close-meeting", NULL));
  while (pk_review_window_is_busy (review) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pk_review_window_show_meeting (review, "7/1405"));
  g_assert_false (actionable_shown (GTK_WIDGET (review), "review.close-meeting"));
  {
    g_autoptr(PkMeeting) m = pk_store_get_meeting (store, meeting, &error);

    g_assert_nonnull (m->closed_at);
  }
  gtk_window_destroy (GTK_WINDOW (review));

  /* a's wizard: the decision on its history page, a condition ticked met */
  {
    PkCaseWindow *wizard = pk_case_window_new (GTK_WINDOW (window), store, a, &error);
    g_autoptr(GPtrArray) decisions = NULL;
    guint n_met = 99;

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (wizard));
    pk_case_window_show_history (wizard);
    while (pk_case_window_is_busy (wizard) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pk_case_window_get_n_conditions (wizard, &n_met), ==, 2);
    g_assert_cmpuint (n_met, ==, 0);
    g_assert_true (pk_case_window_tick_condition (wizard, 1, TRUE));
    spin (20);
    while (pk_case_window_is_busy (wizard) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pk_case_window_get_n_conditions (wizard, &n_met), ==, 2);
    g_assert_cmpuint (n_met, ==, 1);
    decisions = pk_store_list_case_decisions (store, a, &error);
    {
      const PkDecision *d = g_ptr_array_index (decisions, 0);

      g_assert_null (((PkCaseCondition *) g_ptr_array_index (d->conditions, 0))->met_at);
      g_assert_nonnull (((PkCaseCondition *) g_ptr_array_index (d->conditions, 1))->met_at);
    }
    photograph (GTK_WINDOW (wizard), "case-decisions");
    gtk_window_destroy (GTK_WINDOW (wizard));
  }

  /* b's applicant withdraws: the case is closed, read only, and says so */
  {
    PkCaseWindow *wizard = pk_case_window_new (GTK_WINDOW (window), store, b, &error);
    AdwMessageDialog *dialog;
    GtkWidget *scroller;
    g_autoptr(PkCase) cb = NULL;

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (wizard));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "case.withdraw", NULL));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    scroller = adw_message_dialog_get_extra_child (dialog);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (
                                GTK_SCROLLED_WINDOW (scroller)))), "The applicant found another site", -1);
    adw_message_dialog_response (dialog, "withdraw");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin (20);
    while (pk_case_window_is_busy (wizard) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    cb = pk_store_get_case (store, b, &error);
    g_assert_cmpstr (cb->outcome, ==, "withdrawn");
    g_assert_cmpstr (pk_case_window_get_case (wizard)->outcome, ==, "withdrawn");
    g_assert_false (actionable_shown (GTK_WIDGET (wizard), "case.mark-done"));
    gtk_widget_activate_action (GTK_WIDGET (wizard), "case.withdraw", NULL);    /* disabled: asks nothing */
    g_assert_null (find_message_dialog ());
    photograph (GTK_WINDOW (wizard), "case-withdrawn");
    gtk_window_destroy (GTK_WINDOW (wizard));
  }

  /* the audit log shows the decision: who, when, before and after */
  {
    PkAuditWindow *audit = pk_window_open_audit (window);

    pk_audit_window_set_filter (audit, NULL, "case-decision", NULL);
    while (pk_audit_window_is_busy (audit) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pk_audit_window_get_n_rows (audit), ==, 1);
    pk_audit_window_set_filter (audit, "nobody-by-this-name", NULL, NULL);
    while (pk_audit_window_is_busy (audit) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pk_audit_window_get_n_rows (audit), ==, 0);
    pk_audit_window_set_filter (audit, NULL, NULL, "1405/09/01");
    while (pk_audit_window_is_busy (audit) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pk_audit_window_get_n_rows (audit), >, 5);
    photograph (GTK_WINDOW (audit), "audit");

    /* a long log comes a page at a time, newest first */
    {
      g_autoptr(GPtrArray) all = NULL;

      for (guint i = 0; i < 250; i++)
        g_assert_true (pk_store_log (store, "note", "office", 1, NULL, "{\"n\":1}", &error));
      all = pk_store_list_audit (store, NULL, NULL, NULL, &error);
      pk_audit_window_set_filter (audit, NULL, NULL, NULL);
      while (pk_audit_window_is_busy (audit) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (pk_audit_window_get_n_rows (audit), ==, 200);
      g_assert_true (pk_audit_window_show_more (audit));
      while (pk_audit_window_is_busy (audit) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (pk_audit_window_get_n_rows (audit), ==, MIN (all->len, 400));
    }
    gtk_window_destroy (GTK_WINDOW (audit));
  }
}

static PkVisitsWindow *
find_visits_window (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);

      if (PK_IS_VISITS_WINDOW (w))
        return PK_VISITS_WINDOW (w);
    }
  return NULL;
}


static void
wait_visits (PkVisitsWindow *visits)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  spin (20);
  while (pk_visits_window_is_busy (visits) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pk_visits_window_is_busy (visits));
  spin (20);
}

/* An inspector's visits: three assigned, a bundle taken to the field and
 * brought back — one visit merged with its photos, one a conflict because its
 * case changed at the secretariat meanwhile. The window lists them on a map,
 * its form writes through the worker (a standard, a photo), the conflict is
 * shown side by side; the bundle itself opens on the inspector's view with
 * nothing else editable. Photographed. */
static void
check_visits (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  PkStore *store = pk_window_get_store (window);
  g_autofree char *dir = g_path_get_dirname (workspace_path);
  g_autofree char *bundle_path = g_build_filename (dir, "reza.pkbundle", NULL);
  g_autofree char *photo_path = g_build_filename (dir, "counter.jpg", NULL);
  g_autoptr(GBytes) jpeg = pk_test_photo_jpeg (1600, 1200, 6, "2026:12:03 10:20:00", TRUE, 32.3003, 59.8004);
  g_autoptr(GBytes) png = pk_test_photo_png (640, 480);
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(PkBundleImport) merged = NULL;
  gint64 cases[3], visits[3];
  const double sites[3][2] = { { 32.30, 59.80 }, { 32.50, 59.70 }, { 32.45, 59.95 } };
  PkVisitsWindow *win;

  pk_test_photo_save (jpeg, photo_path);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PkCase) c = NULL;

      cases[i] = pk_test_case_at_pa5 (store, sites[i][0], sites[i][1]);
      c = pk_store_get_case (store, cases[i], &error);
      visits[i] = pk_visit_assign (store, c->number, 0, "Reza Ahmadi", "1405/09/12", &error);
      g_assert_no_error (error);
    }
  info = pk_bundle_export (store, "Reza Ahmadi", bundle_path, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PkStore) field = pk_store_open (bundle_path, &error);

    g_assert_no_error (error);
    for (int i = 0; i < 2; i++)
      {
        g_autoptr(PkVisit) v = pk_store_get_visit (field, visits[i], &error);

        for (int s = 2; s <= 11; s++)
          g_assert_true (pk_visit_set_standard (field, v, pk_standard_id (s), s == 6 ? PK_ST_CENTRAL
                                                : s == 3 && i == 0 ? PK_ST_FAIL : PK_ST_PASS,
                                                s == 3 && i == 0 ? "One desk for clients" : NULL, &error));
        g_assert_true (pk_visit_set_area (field, v, 26, &error));
        g_assert_true (pk_visit_set_position (field, v, TRUE, sites[i][0] + 0.0004, sites[i][1] + 0.0003, &error));
        g_assert_cmpint (pk_visit_add_photo (field, v, "front.jpg", jpeg, &error), >, 0);
        g_assert_cmpint (pk_visit_add_photo (field, v, "sign.png", png, &error), >, 0);
        g_assert_true (pk_visit_set_outcome (field, v, i == 0 ? PK_VISIT_NOT_COMPLIANT : PK_VISIT_COMPLIANT, NULL,
                                             NULL, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_true (pk_case_workflow_set_field (store, cases[1], "company.name", "Shargh Counter Co.", &error));
  merged = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->n_applied, ==, 1);
  g_assert_cmpuint (merged->conflicts->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.visits", NULL));
  win = find_visits_window ();
  g_assert_nonnull (win);
  wait_visits (win);
  g_assert_cmpuint (pk_visits_window_get_n_visits (win), ==, 3);
  g_assert_cmpuint (pk_visits_window_get_n_conflicts (win), ==, 1);
  g_assert_true (actionable_shown (GTK_WIDGET (win), "visits.export"));
  g_assert_true (actionable_shown (GTK_WIDGET (win), "visits.import"));

  /* the merge undone from the window: the conflict gone, the visit waiting
   * again; merged again through the window, whose report offers the undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "visits.undo-import", NULL));
  wait_visits (win);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (pk_visits_window_get_n_conflicts (win), ==, 0);
  {
    g_autoptr(PkVisit) back = pk_store_get_visit (store, visits[0], &error);

    g_assert_cmpint (back->outcome, ==, PK_VISIT_PENDING);
  }
  pk_visits_window_import_bundle (win, bundle_path);
  wait_visits (win);
  {
    AdwMessageDialog *report = find_message_dialog ();

    g_assert_nonnull (report);
    g_assert_true (adw_message_dialog_has_response (report, "undo"));
    photograph (GTK_WINDOW (report), "visits-merged");
    gtk_window_destroy (GTK_WINDOW (report));
  }
  g_assert_cmpuint (pk_visits_window_get_n_conflicts (win), ==, 1);
  {
    g_autoptr(PkVisit) again = pk_store_get_visit (store, visits[0], &error);

    g_assert_cmpint (again->outcome, ==, PK_VISIT_NOT_COMPLIANT);
  }
  pk_visits_window_show_visit (win, visits[0]);
  wait_visits (win);
  g_assert_cmpint (pk_visits_window_get_shown_visit (win), ==, visits[0]);
  photograph (GTK_WINDOW (win), "visits");

  /* the form writes through the worker: a standard, then a photo */
  pk_visits_window_show_visit (win, visits[2]);
  wait_visits (win);
  pk_visits_window_set_standard (win, 4, PK_ST_FAIL);
  pk_visits_window_add_photos (win, (const char *[]) { photo_path, NULL });
  wait_visits (win);
  {
    g_autoptr(PkVisit) v = pk_store_get_visit (store, visits[2], &error);
    g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, visits[2], 0, &error);

    g_assert_cmpint (v->standards[4].result, ==, PK_ST_FAIL);
    g_assert_cmpuint (photos->len, ==, 1);
    g_assert_true (((PkVisitPhoto *) g_ptr_array_index (photos, 0))->has_position);
  }
  /* Ctrl+Z takes the photo back, then the standard */
  pk_visits_window_undo (win);
  wait_visits (win);
  {
    g_autoptr(PkVisit) v = pk_store_get_visit (store, visits[2], &error);
    g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, visits[2], 0, &error);

    g_assert_cmpuint (photos->len, ==, 0);
    g_assert_cmpint (v->standards[4].result, ==, PK_ST_FAIL);
  }
  pk_visits_window_undo (win);
  wait_visits (win);
  {
    g_autoptr(PkVisit) v = pk_store_get_visit (store, visits[2], &error);

    g_assert_cmpint (v->standards[4].result, ==, PK_ST_UNSET);
  }
  /* a photo removed comes back, the same photo, with Ctrl+Z */
  pk_visits_window_add_photos (win, (const char *[]) { photo_path, NULL });
  wait_visits (win);
  {
    g_autoptr(GPtrArray) added = pk_store_list_visit_photos (store, visits[2], 0, &error);
    g_autoptr(GPtrArray) removed = NULL;
    g_autoptr(GPtrArray) back = NULL;
    g_autofree char *uuid = NULL;

    g_assert_cmpuint (added->len, ==, 1);
    uuid = g_strdup (((PkVisitPhoto *) g_ptr_array_index (added, 0))->record.uuid);
    pk_visits_window_remove_photo (win, ((PkVisitPhoto *) g_ptr_array_index (added, 0))->id);
    wait_visits (win);
    removed = pk_store_list_visit_photos (store, visits[2], 0, &error);
    g_assert_cmpuint (removed->len, ==, 0);
    pk_visits_window_undo (win);
    wait_visits (win);
    back = pk_store_list_visit_photos (store, visits[2], 0, &error);
    g_assert_cmpuint (back->len, ==, 1);
    g_assert_cmpstr (((PkVisitPhoto *) g_ptr_array_index (back, 0))->record.uuid, ==, uuid);
  }
  /* a decided visit keeps its photos: the removal is refused, in words */
  {
    g_autoptr(GPtrArray) before = pk_store_list_visit_photos (store, visits[0], 0, &error);
    g_autoptr(GPtrArray) after = NULL;

    pk_visits_window_show_visit (win, visits[0]);
    wait_visits (win);
    pk_visits_window_remove_photo (win, ((PkVisitPhoto *) g_ptr_array_index (before, 0))->id);
    wait_visits (win);
    after = pk_store_list_visit_photos (store, visits[0], 0, &error);
    g_assert_cmpuint (after->len, ==, before->len);
    dismiss_error_dialog ();
  }
  pk_visits_window_show_visit (win, visits[0]);
  wait_visits (win);
  spin (100);
  pk_visits_window_focus_photos (win);
  photograph (GTK_WINDOW (win), "visit-form");
  pk_visits_window_show_conflicts (win);
  spin (50);
  photograph (GTK_WINDOW (win), "visits-conflicts");
  /* the bundle's side taken, then taken back from the toast's Undo */
  {
    g_autoptr(GPtrArray) open = pk_store_list_bundle_conflicts (store, TRUE, &error);
    gint64 conflict = ((PkBundleConflict *) g_ptr_array_index (open, 0))->id;

    pk_visits_window_resolve (win, conflict, TRUE);
    wait_visits (win);
    g_assert_null (find_message_dialog ());
    g_assert_cmpint (pk_visits_window_get_last_resolved (win), ==, conflict);
    g_assert_cmpuint (pk_visits_window_get_n_conflicts (win), ==, 0);
    photograph (GTK_WINDOW (win), "visits-resolved");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "visits.undo-resolution", "x", conflict));
    wait_visits (win);
    g_assert_null (find_message_dialog ());
    g_assert_cmpuint (pk_visits_window_get_n_conflicts (win), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (win));

  /* the case's S11 page: its visit, its outcome, and a button to assign another */
  {
    PkCaseWindow *wizard = pk_case_window_new (GTK_WINDOW (window), store, cases[0], &error);

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (wizard));
    pk_case_window_show_stage (wizard, "S11");
    g_assert_cmpstr (pk_case_window_get_stage (wizard), ==, "S11");
    /* the merged visit returned the case: the stage says so, and may be sent again */
    g_assert_cmpint (pk_case_stage_state (pk_case_window_get_case (wizard), pk_stage_info ("S11")), ==,
                     PK_STAGE_RETURNED);
    g_assert_true (actionable_shown (GTK_WIDGET (wizard), "case.resubmit"));
    /* its visits are read in a worker: the page says so, then lists them */
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      while (row_titled (GTK_WIDGET (wizard), _("Reading the visits…")) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (row_titled (GTK_WIDGET (wizard), _("Reading the visits…")));
      g_assert_false (row_titled (GTK_WIDGET (wizard), _("No visit assigned yet")));
    }
    photograph (GTK_WINDOW (wizard), "case-visit");
    gtk_window_destroy (GTK_WINDOW (wizard));
  }

  /* a routine inspection, from an office on the map */
  {
    g_autoptr(GPtrArray) offices = pk_store_list_offices (store, &error);
    PkOffice *o = g_ptr_array_index (offices, 0);
    PkMapView *map = pk_window_get_map_view (window);
    AdwMessageDialog *dialog;
    GtkWidget *box;
    g_autoptr(GPtrArray) inspections = NULL;

    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    pk_map_view_select_office (map, o->id);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "map.inspect-office", NULL));
    /* the office is read in a worker, then the dialog asks */
    while ((dialog = find_message_dialog ()) == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (dialog);
    box = adw_message_dialog_get_extra_child (dialog);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (box)), "Mina Karimi");
    photograph (GTK_WINDOW (dialog), "inspect-office");
    adw_message_dialog_response (dialog, "assign");
    gtk_window_destroy (GTK_WINDOW (dialog));
    /* … and the visit written in a worker */
    do
      {
        g_clear_pointer (&inspections, g_ptr_array_unref);
        g_main_context_iteration (NULL, FALSE);
        inspections = pk_store_list_visits (store, "Mina Karimi", &error);
      }
    while (inspections->len == 0 && g_get_monotonic_time () < deadline);
    g_assert_cmpuint (inspections->len, ==, 1);
    g_assert_cmpint (((PkVisit *) g_ptr_array_index (inspections, 0))->office_id, ==, o->id);
    g_assert_cmpint (((PkVisit *) g_ptr_array_index (inspections, 0))->case_id, ==, 0);
  }

  /* the bundle opens on the inspector's view; nothing else can be changed */
  g_assert_true (pk_window_open_workspace (window, bundle_path, &error));
  g_assert_no_error (error);
  spin (50);
  win = find_visits_window ();
  g_assert_nonnull (win);
  wait_visits (win);
  g_assert_false (actionable_shown (GTK_WIDGET (win), "visits.export"));
  g_assert_true (pk_window_get_read_only (window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.draw-zone", NULL) &&
                  pk_map_view_is_drawing (pk_window_get_map_view (window)));
  photograph (GTK_WINDOW (win), "visits-bundle");
  gtk_window_destroy (GTK_WINDOW (win));
  settle (window);
}

/* Connect to Server…: the dialog filled as a person would, the server's
 * workspace on the map, another person's change heard without reopening. */
static void
check_server (PkWindow *window)
{
  g_autoptr(GError) error = NULL;
  char *cluster_dir = NULL;
  g_autofree char *server = pk_test_pg_start (&cluster_dir);
  g_autofree char *uri = g_strdup_printf ("%s&workspace=directorate", server);
  g_autoptr(PkStore) pristine = pk_store_open (pristine_path, &error);
  g_autoptr(PkStore) copy = pk_store_copy (pristine, uri, FALSE, NULL, &error);
  g_autoptr(PkStore) other = NULL;
  g_autoptr(PkOffice) office = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  guint heard;
  const char *values[] = { cluster_dir, "pishkhan", "directorate", "postgres", "" };
  guint i = 0;
  gint64 deadline;
  const char *title;

  g_assert_no_error (error);
  g_clear_object (&copy);
  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pk_window_wait_for_map (window, 30000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", NULL));
  spin (50);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  list = adw_message_dialog_get_extra_child (dialog);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_EDITABLE (row) && i < G_N_ELEMENTS (values))
      gtk_editable_set_text (GTK_EDITABLE (row), values[i++]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (values));
  photograph (GTK_WINDOW (dialog), "connect-dialog");
  adw_message_dialog_response (dialog, "connect");

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((pk_window_get_store (window) == NULL ||
          !pk_store_location_is_server (pk_store_get_path (pk_window_get_store (window)))) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pk_store_location_is_server (pk_store_get_path (pk_window_get_store (window))));
  g_assert_true (pk_window_wait_for_map (window, 30000));
  title = gtk_window_get_title (GTK_WINDOW (window));
  g_test_message ("title: %s", title);
  g_assert_nonnull (strstr (title, "directorate"));
  g_assert_null (strstr (title, "host="));
  photograph (GTK_WINDOW (window), "server-window");

  /* someone else renames an office on the server: the window hears it */
  heard = pk_window_get_n_external_reloads (window);
  other = pk_store_open (uri, &error);
  g_assert_no_error (error);
  pk_store_set_actor (other, "maryam");
  office = pk_store_get_office (other, 3, &error);
  g_assert_no_error (error);
  g_free (office->name);
  office->name = g_strdup ("دفتر تازه‌نام");
  g_assert_true (pk_store_update_office (other, office, &error));
  g_assert_no_error (error);
  /* heard by the test's call or by the window's own watch, whichever asks first */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!pk_window_check_external_changes (window) && pk_window_get_n_external_reloads (window) == heard &&
         g_get_monotonic_time () < deadline)
    {
      g_usleep (20000);
      spin (10);
    }
  g_assert_cmpuint (pk_window_get_n_external_reloads (window), >, heard);
  settle (window);
  /* opened, shown and told of another's change without a round trip on the main thread */
  g_assert_cmpuint (pk_store_get_main_loop_round_trips (pk_window_get_store (window)), ==, 0);
  check_map_edits (window, other);
  g_clear_object (&other);
  /* the window lets go of the server before it stops */
  g_assert_true (pk_window_open_workspace (window, workspace_path, &error));
  g_assert_no_error (error);
  pk_test_pg_stop (cluster_dir);
}

static void
run_check (gconstpointer check)
{
  g_autoptr(PkApplication) app = pk_application_new ();
  char *argv[] = { (char *) "pishkhan", NULL };
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (pristine_path, &contents, &len, NULL));
  /* a fresh copy: no log of the last check's writes may be replayed onto it */
  {
    g_autofree char *wal = g_strconcat (workspace_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (workspace_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_assert_true (g_file_set_contents (workspace_path, contents, len, NULL));
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), (gpointer) check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = NULL;
  g_autofree char *dir = NULL;
  int rc;

  lang = g_getenv ("LANGUAGE") && g_str_has_prefix (g_getenv ("LANGUAGE"), "fa") ? "fa" : "en";
  pk_i18n_init ();
  g_test_init (&argc, &argv, NULL);     /* not ISOLATE_DIRS: the screenshots must stay */

  if (g_str_equal (lang, "fa") && !pk_text_locale_is_persian ())
    g_error ("LANGUAGE=fa but the Persian catalogue did not load: is the fa_IR.UTF-8 "
             "locale installed (make deps) and PK_LOCALEDIR set?");

  /* the app starts on the map, not on the question "who is using it" (its own check asks it) */
  {
    g_autoptr(GSettings) settings = g_settings_new ("ir.pishkhan.Siting");

    g_settings_set_string (settings, "role", "map");
  }
  dir = g_dir_make_tmp ("pk-gui-XXXXXX", NULL);
  pristine_path = g_build_filename (dir, "pristine.pkws", NULL);
  workspace_path = g_build_filename (dir, "sample.pkws", NULL);
  store = pk_workspace_create_sample (pristine_path, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_data_func ("/gui/main-window/map", check_window, run_check);
  g_test_add_data_func ("/gui/main-window/site-panel", check_site_panel, run_check);
  g_test_add_data_func ("/gui/main-window/editing", check_editing, run_check);
  g_test_add_data_func ("/gui/main-window/coverage", check_coverage, run_check);
  g_test_add_data_func ("/gui/main-window/cases", check_cases, run_check);
  g_test_add_data_func ("/gui/main-window/review", check_review, run_check);
  g_test_add_data_func ("/gui/main-window/start-view", check_start_view, run_check);
  g_test_add_data_func ("/gui/main-window/visits", check_visits, run_check);
  g_test_add_data_func ("/gui/main-window/other-writer-and-read-only", check_other_writer_and_read_only,
                        run_check);
  g_test_add_data_func ("/gui/main-window/server", check_server, run_check);
  rc = g_test_run ();

  g_unlink (workspace_path);
  g_unlink (pristine_path);
  g_rmdir (dir);
  return rc;
}
