/* pk-application.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-application"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pk-application.h"
#include "pk-map-view.h"
#include "pk-preferences-window.h"
#include "pk-text.h"
#include "pk-window.h"

struct _PkApplication
{
  AdwApplication  parent_instance;

  char           *screenshot;      /* --screenshot FILE: photograph the window and quit */
};

G_DEFINE_FINAL_TYPE (PkApplication, pk_application, ADW_TYPE_APPLICATION)

/**
 * pk_i18n_init:
 *
 * Binds our catalogue (PK_LOCALEDIR overrides the installed one for
 * uninstalled runs) and lays the UI out right to left when it is Persian,
 * whether or not GTK's own catalogue is installed.
 */
void
pk_i18n_init (void)
{
  const char *localedir = g_getenv ("PK_LOCALEDIR");

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");      /* files and coordinates use '.', whatever the locale */
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (pk_text_locale_is_persian ())
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
}

static PkWindow *
get_window (PkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (pk_window_new (GTK_APPLICATION (self)));
  return PK_WINDOW (window);
}

/* PK_REPORT_MAP_FRAME=1, for the start-up benchmark: the first frame painted
 * with the workspace shown and every basemap tile it asked for, read from the
 * frame clock. Once no tile has come for 0.7 s, its CLOCK_MONOTONIC time is
 * printed as "map-frame-us N" and the application quits. */
typedef struct
{
  PkApplication *app;
  PkWindow      *window;
  PkStore       *shown;          /* not owned: only compared */
  guint          served;         /* tiles delivered when last looked */
  gint64         frame_us;       /* the first frame painted since the last change, or 0 */
  gint64         quiet_since;
} MapFrameWatch;

static void
on_after_paint (GdkFrameClock *clock,
                MapFrameWatch *watch)
{
  PkStore *store = pk_window_get_store (watch->window);
  guint served = pk_map_view_get_tiles_served (pk_window_get_map_view (watch->window));

  if (store != watch->shown || served != watch->served)
    {
      watch->shown = store;
      watch->served = served;
      watch->frame_us = 0;
      watch->quiet_since = g_get_monotonic_time ();
    }
  if (watch->frame_us == 0 && store != NULL && served > 0)
    watch->frame_us = g_get_monotonic_time ();
}

static gboolean
on_map_frame_poll (gpointer data)
{
  MapFrameWatch *watch = data;
  PkStore *store = pk_window_get_store (watch->window);
  guint served = pk_map_view_get_tiles_served (pk_window_get_map_view (watch->window));

  if (store != watch->shown || served != watch->served || watch->frame_us == 0 ||
      g_get_monotonic_time () - watch->quiet_since < 700 * 1000)
    return G_SOURCE_CONTINUE;
  g_print ("map-frame-us %" G_GINT64_FORMAT "\n", watch->frame_us);
  g_application_quit (G_APPLICATION (watch->app));
  return G_SOURCE_REMOVE;
}

static void
watch_map_frame (PkApplication *self,
                 PkWindow      *window)
{
  MapFrameWatch *watch = g_new0 (MapFrameWatch, 1);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  watch->app = self;
  watch->window = window;
  watch->quiet_since = g_get_monotonic_time ();
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), watch);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, on_map_frame_poll, watch, g_free);
}

static void
present (PkApplication *self,
         PkWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (g_strcmp0 (g_getenv ("PK_REPORT_MAP_FRAME"), "1") == 0 &&
      gtk_widget_get_frame_clock (GTK_WIDGET (window)) != NULL)
    watch_map_frame (self, window);
  if (self->screenshot != NULL)
    {
      g_autoptr(GError) error = NULL;

      pk_window_wait_for_map (window, 20000);
      if (!pk_window_save_screenshot (window, self->screenshot, &error))
        g_printerr ("%s\n", error->message);
      g_application_quit (G_APPLICATION (self));
    }
}

static void
pk_application_activate (GApplication *app)
{
  PkApplication *self = PK_APPLICATION (app);
  PkWindow *window = get_window (self);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-workspace");

  if (pk_window_get_store (window) == NULL && *last != '\0' &&
      (g_file_test (last, G_FILE_TEST_EXISTS) || pk_store_location_is_server (last)))
    {
      pk_window_set_start_view_pending (window, self->screenshot == NULL);
      pk_window_open_workspace_async (window, last, NULL, NULL);     /* shown when read */
    }
  present (self, window);
}

static void
pk_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PkApplication *self = PK_APPLICATION (app);
  PkWindow *window = get_window (self);
  g_autofree char *path = g_file_get_path (files[0]);
  g_autofree char *uri = g_file_get_uri (files[0]);

  /* a server workspace is named by its URI, which no GFile backend reads */
  if (path == NULL && uri != NULL && (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://")))
    path = g_steal_pointer (&uri);

  /* the window at once, the workspace when it has been read (begun first:
   * a screenshot waits in present() for what is being opened) */
  if (path != NULL)
    {
      /* the first start asks who is using the app; a photograph does not */
      pk_window_set_start_view_pending (window, self->screenshot == NULL && pk_window_get_store (window) == NULL);
      pk_window_open_workspace_asked (window, path);
    }
  else
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Cannot Open Workspace"),
                                                  _("Only a workspace file on this computer can be opened."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  present (self, window);
}

static int
pk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PkApplication *self = PK_APPLICATION (app);

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot);
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pishkhan %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Pishkhan Siting authors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Pishkhan Siting"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "comments", _("Siting and licensing of government-service counter "
                                       "offices (urban Pishkhan and rural ICT offices)"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWidget *prefs = pk_preferences_window_new (gtk_application_get_active_window (app));

  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
pk_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "preferences", preferences_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (pk_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
}

static void
pk_application_finalize (GObject *object)
{
  g_free (PK_APPLICATION (object)->screenshot);
  G_OBJECT_CLASS (pk_application_parent_class)->finalize (object);
}

static void
pk_application_class_init (PkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pk_application_finalize;
  app_class->activate = pk_application_activate;
  app_class->open = pk_application_open;
  app_class->startup = pk_application_startup;
  app_class->handle_local_options = pk_application_handle_local_options;
}

static void
pk_application_init (PkApplication *self)
{
  const GOptionEntry options[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Photograph the window into FILE (PNG) once the map is drawn, then quit"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

PkApplication *
pk_application_new (void)
{
  return g_object_new (PK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/ir/pishkhan/Siting",
                       NULL);
}
