/* pk-window-role.c: the view a person starts on — the working group's review
 * queue, an applicant's map of vacant areas, an inspector's visit list —
 * asked at the first start and kept in the settings ("role")
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-window-private.h"

static void
apply_role (PkWindow   *self,
            const char *role)
{
  if (self->store == NULL)
    return;
  if (g_str_equal (role, "working-group"))
    pk_window_open_review (self);
  else if (g_str_equal (role, "applicant"))
    pk_window_set_coverage_mode (self, TRUE);         /* the areas without an office (PA-3) */
  else if (g_str_equal (role, "inspector"))
    pk_window_open_visits (self);                     /* the visit list, on its map */
}

static void
on_role_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PkWindow         *self)
{
  if (g_str_equal (response, "close"))
    return;
  g_settings_set_string (self->settings, "role", response);
  apply_role (self, response);
}

/**
 * pk_window_show_start_view:
 *
 * Opens the view of the person's role; at the first start asks who they
 * are. Called once the first workspace has been shown.
 */
void
pk_window_show_start_view (PkWindow *self)
{
  g_autofree char *role = g_settings_get_string (self->settings, "role");
  const char *server_role = self->store ? pk_store_get_role (self->store) : NULL;
  GtkWidget *dialog;

  /* on a server the login's role says who is using it: nothing to ask */
  if (server_role != NULL)
    {
      apply_role (self, g_str_equal (server_role, "working_group") || g_str_equal (server_role, "secretariat")
                        ? "working-group"
                        : g_str_equal (server_role, "viewer") ? "map" : server_role);
      return;
    }
  if (*role != '\0')
    {
      apply_role (self, role);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Who Is Using Pishkhan Siting?"),
                                   _("The app opens on your work: the working group on its review queue, an "
                                     "applicant on the areas without an office, an inspector on the site visits. "
                                     "Preferences can change it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "working-group", _("_Working Group"),
                                    "applicant", _("_Applicant"), "inspector", _("_Inspector"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_role_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
