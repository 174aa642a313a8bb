/* pk-case-window-visits.c: the site visit step (S11) of a case — its visits
 * with their outcome, one opened in the visit window, a new one assigned to
 * an inspector on a date
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-case-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-case-window-private.h"
#include "pk-gui-util.h"
#include "pk-jalali.h"
#include "pk-text.h"
#include "pk-visits.h"
#include "pk-visits-window.h"

static void
on_open_visit_cb (GtkButton    *button,
                  PkCaseWindow *self)
{
  PkVisitsWindow *visits = pk_visits_window_new (GTK_WINDOW (self), self->store);

  pk_visits_window_show_visit (visits, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "visit")));
  gtk_window_present (GTK_WINDOW (visits));
}

static void
on_assigned (gint64    visit_id,
             gpointer  data)
{
  _pk_case_window_build_page (data);
}

static void
on_assign_cb (GtkButton    *button,
              PkCaseWindow *self)
{
  pk_visit_assign_dialog (GTK_WINDOW (self), self->store, self->c->number, 0, on_assigned, self);
}

/* In a worker: the case's visits (@data: the case's id) */
static gpointer
list_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 case_id = *(gint64 *) data;
  g_autoptr(GPtrArray) all = pk_store_list_visits (store, NULL, error);
  GPtrArray *mine;

  if (all == NULL)
    return NULL;
  mine = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_visit_free);
  for (guint i = 0; i < all->len; i++)
    if (((PkVisit *) g_ptr_array_index (all, i))->case_id == case_id)
      g_ptr_array_add (mine, pk_visit_copy (g_ptr_array_index (all, i)));
  return mine;
}

/* Back on the window's thread: the rows, in the group if the page still shows it. */
static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  PkCaseWindow *self = PK_CASE_WINDOW (source);
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) group = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = pk_store_run_job_finish (result, &error);
  GtkWidget *waiting;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (group == NULL)
    return;
  waiting = g_object_get_data (G_OBJECT (group), "pk-waiting");
  if (waiting != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), waiting);
  for (guint i = 0; visits != NULL && i < visits->len; i++)
    {
      const PkVisit *v = g_ptr_array_index (visits, i);
      g_autofree char *date = pk_date_format_for_locale (v->date);
      g_autofree char *title = g_strdup_printf (_("%s, %s"), v->inspector, date);
      g_autofree char *title_l = pk_text_localize_digits (title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_with_label (_("Open"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_l);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pk_visit_outcome_display_name (v->outcome));
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (open), "visit", GSIZE_TO_POINTER ((gsize) v->id));
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_visit_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (visits == NULL || visits->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), visits == NULL ? error->message
                                                                                : _("No visit assigned yet"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/* The case's visits and a button to assign one: on the S11 page. The visits
 * are read in a worker (a server is a round trip away); the group says so
 * meanwhile. */
void
_pk_case_window_add_visits (PkCaseWindow *self,
                            GtkWidget    *page)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *assign = gtk_button_new_with_mnemonic (_("_Assign a Visit…"));
  GtkWidget *waiting = adw_action_row_new ();
  gint64 *case_id = g_new (gint64, 1);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Site visits"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The visit’s outcome fills this step: compliant completes it, not "
                                           "compliant returns the file with the reasons (RT-1, RT-2)."));
  gtk_widget_set_sensitive (assign, !pk_store_is_read_only (self->store) && !pk_store_is_bundle (self->store) &&
                                    self->c->outcome == NULL);
  g_signal_connect (assign, "clicked", G_CALLBACK (on_assign_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), assign);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (waiting), _("Reading the visits…"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), waiting);
  g_object_set_data (G_OBJECT (group), "pk-waiting", waiting);
  gtk_box_append (GTK_BOX (page), group);
  *case_id = self->c->id;
  g_weak_ref_init (ref, group);
  pk_store_run_job_async (self->store, self, list_job, case_id, g_free, (GDestroyNotify) g_ptr_array_unref,
                          NULL, on_listed, ref);
}
