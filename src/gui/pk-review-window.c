/* pk-review-window.c: the working group's review queue. On the side, the
 * cases that wait for it — the location before approval (PA-5) and the
 * final approval — longest waiting first, a stale verdict flagged; the one
 * chosen on one page: its site checked when submitted and again now (an
 * office approved nearby since fails SR-3), the county's capacity and free
 * places (LT-7), the nearest offices, the vacant area it would serve, the
 * applicant, the documents with their checks and pages, earlier decisions;
 * then the decision itself, recorded in an open meeting. The queue, what the
 * chosen case's page adds (the vacant area, the pages) and a decision are
 * worked out in the background.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-coverage.h"
#include "pk-doc-check.h"
#include "pk-gui-util.h"
#include "pk-ident.h"
#include "pk-jalali.h"
#include "pk-map-view.h"
#include "pk-report.h"
#include "pk-review-window.h"
#include "pk-text.h"
#include "pk-working-group.h"

struct _PkReviewWindow
{
  AdwWindow          parent_instance;

  AdwViewSwitcherTitle *title;
  AdwViewStack      *stack;
  GtkListBox        *meeting_list;
  GtkScrolledWindow *meeting_scroller;
  GtkDropDown       *stage_drop;
  GtkDropDown       *county_drop;
  GtkDropDown       *license_drop;
  GtkDropDown       *days_drop;
  GArray            *county_ids;     /* gint64, in the county drop's order after "every county" */
  gboolean           filling;        /* the drops are being filled: not a filter change */
  GtkProgressBar    *progress;
  GtkListBox        *queue_list;
  GtkScrolledWindow *detail_scroller;

  /* the decision form of the chosen case */
  GtkWidget         *meeting_combo;  /* AdwComboRow */
  GtkWidget         *kind_combo;
  GtkEditable       *reason_entry;
  GtkEditable       *rules_entry;
  GtkEditable       *conditions_entry;
  GtkEditable       *override_entry;

  PkMapView         *map;            /* owned: one map, moved into each case's page */
  GtkFrame          *map_frame;      /* the page's frame holding it, or NULL */
  PkStore           *store;          /* owned */
  GCancellable      *cancellable;    /* owned: the window's work */
  struct Queue      *queue;          /* what the last refresh read, or NULL */
  int                selected;       /* index in the queue, or -1 */
  int                meeting;        /* index in queue->all_meetings, or -1 */
  guint              n_busy;
  guint              pulse_id;

  /* what the chosen case's page waits for from a worker */
  guint              detail_serial;  /* the page's; a late answer for another is dropped */
  AdwPreferencesGroup *gain_group;
  GtkWidget         *gain_row;
  GPtrArray         *doc_rows;       /* AdwPreferencesRow per document, for its pages */
  guint              n_gain_rows;    /* shown when the last answer landed, for the tests */
  guint              n_page_thumbnails;
};

G_DEFINE_FINAL_TYPE (PkReviewWindow, pk_review_window, ADW_TYPE_WINDOW)

typedef struct Queue
{
  GPtrArray *items;       /* PkReviewItem */
  GPtrArray *meetings;    /* PkMeeting, the open ones */
  GPtrArray *all_meetings; /* PkMeeting, every one, the latest first */
  GHashTable *numbers;    /* case id → its number, for the agendas */
  GPtrArray *decisions;   /* per item: GPtrArray of PkDecision */
  PkMapData *map_data;    /* the map's outlines and offices, until the map takes them */
  GPtrArray *counties;    /* PkPlace (no geometry), when the filter asked for them, or NULL */
} Queue;

/* What the queue is read with: the drops' choices. */
typedef struct
{
  int     stage;          /* 0 every review, 1 PA-5, 2 final */
  gint64  county_id;      /* 0: every county */
  int     license;        /* -1: both */
  int     min_days;
  gboolean counties;      /* list the counties for the drop */
} QueueAsk;

static const int min_days_choices[] = { 0, 7, 30, 90 };

static void
queue_free (Queue *q)
{
  if (q == NULL)
    return;
  g_ptr_array_unref (q->items);
  g_ptr_array_unref (q->meetings);
  g_clear_pointer (&q->all_meetings, g_ptr_array_unref);
  g_clear_pointer (&q->numbers, g_hash_table_unref);
  g_ptr_array_unref (q->decisions);
  g_clear_pointer (&q->map_data, pk_map_data_free);
  g_clear_pointer (&q->counties, g_ptr_array_unref);
  g_free (q);
}

/* ---- busy ----------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (PK_REVIEW_WINDOW (data)->progress);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (PkReviewWindow *self,
          gboolean        busy)
{
  self->n_busy += busy ? 1 : -1;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->n_busy > 0);
  if (self->n_busy > 0 && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self);
  else if (self->n_busy == 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* ---- the queue, read in a worker ------------------------------------------------ */


static gpointer
queue_job (PkStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  const QueueAsk *ask = data;
  PkReview only = ask->stage == 2 ? PK_REVIEW_FINAL : PK_REVIEW_PRE;
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, error);
  g_autoptr(GPtrArray) meetings = NULL;
  Queue *q;

  if (checker == NULL)
    return NULL;
  q = g_new0 (Queue, 1);
  q->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_meeting_free);
  q->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  /* the map's too: an office a decision approved is on it */
  if ((q->map_data = pk_map_data_load (store, error)) == NULL ||
      (q->items = pk_review_queue (store, checker, ask->stage ? &only : NULL, ask->county_id, ask->license,
                                   error)) == NULL ||
      (meetings = pk_store_list_meetings (store, error)) == NULL)
    {
      if (q->items == NULL)
        q->items = g_ptr_array_new ();
      queue_free (q);
      return NULL;
    }
  for (guint i = 0; i < q->items->len; i++)     /* waited long enough */
    if (((PkReviewItem *) g_ptr_array_index (q->items, i))->days_waiting < ask->min_days)
      g_ptr_array_remove_index (q->items, i--);
  if (ask->counties && (q->counties = pk_store_list_counties (store, NULL)) != NULL)
    for (guint i = 0; i < q->counties->len; i++)
      g_clear_pointer (&((PkPlace *) g_ptr_array_index (q->counties, i))->geometry, pk_geometry_unref);
  for (guint i = 0; i < meetings->len; i++)
    if (((PkMeeting *) g_ptr_array_index (meetings, i))->closed_at == NULL)
      g_ptr_array_add (q->meetings, pk_meeting_copy (g_ptr_array_index (meetings, i)));
  q->numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < meetings->len; i++)
    {
      PkMeeting *m = g_ptr_array_index (meetings, i);

      for (guint k = 0; k < m->agenda->len; k++)
        {
          gint64 id = g_array_index (m->agenda, PkAgendaItem, k).case_id;
          g_autoptr(PkCase) c = g_hash_table_contains (q->numbers, &id) ? NULL : pk_store_get_case (store, id, NULL);

          if (c != NULL)
            g_hash_table_insert (q->numbers, g_memdup2 (&id, sizeof id), g_strdup (c->number));
        }
    }
  q->all_meetings = g_steal_pointer (&meetings);
  for (guint i = 0; i < q->items->len; i++)
    {
      PkReviewItem *item = g_ptr_array_index (q->items, i);
      GPtrArray *decisions = pk_store_list_case_decisions (store, item->c->id, NULL);

      g_ptr_array_add (q->decisions, decisions ? decisions : g_ptr_array_new ());
    }
  return q;
}

static void show_detail (PkReviewWindow *self);
static void show_detail_page (PkReviewWindow *self);
static void fill_counties (PkReviewWindow *self,
                           GPtrArray      *counties);
static void fill_meetings (PkReviewWindow *self);

static GtkWidget *
queue_row (const PkReviewItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = pk_text_localize_digits (item->c->number);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · waiting %d day",
                                                            "%s · %s · waiting %d days", item->days_waiting),
                                               pk_review_display_name (item->review),
                                               item->county ? pk_place_display_name (item->county) : "—",
                                               item->days_waiting);
  g_autofree char *localized = pk_text_localize_digits (subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
  if (item->stale)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("The site’s check differs now from when it was submitted"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
on_queue_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (source);
  g_autoptr(GError) error = NULL;
  Queue *q = pk_store_run_job_finish (result, &error);
  GtkWidget *child;
  g_autofree char *previous = NULL;

  set_busy (self, FALSE);
  if (q == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Queue"), error->message);
      return;
    }
  if (self->queue != NULL && self->selected >= 0 && (guint) self->selected < self->queue->items->len)
    previous = g_strdup (((PkReviewItem *) g_ptr_array_index (self->queue->items, self->selected))->c->number);
  if (self->map == NULL)
    {
      self->map = g_object_ref_sink (PK_MAP_VIEW (pk_map_view_new ()));
      gtk_widget_set_size_request (GTK_WIDGET (self->map), -1, 280);
      pk_map_view_set_data (self->map, g_steal_pointer (&q->map_data));
      pk_map_view_set_basemap (self->map, PK_BASEMAP_BUILTIN, NULL, NULL);
    }
  else
    pk_map_view_set_data (self->map, g_steal_pointer (&q->map_data));
  if (q->counties != NULL && q->counties->len > 0)
    fill_counties (self, q->counties);
  queue_free (self->queue);
  self->queue = q;
  self->selected = -1;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list))) != NULL)
    gtk_list_box_remove (self->queue_list, child);
  for (guint i = 0; i < q->items->len; i++)
    gtk_list_box_append (self->queue_list, queue_row (g_ptr_array_index (q->items, i)));
  {
    g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case waits", "%u cases wait",
                                                       q->items->len), q->items->len);
    g_autofree char *localized = pk_text_localize_digits (n);

    adw_view_switcher_title_set_subtitle (self->title, localized);
  }
  fill_meetings (self);
  if (q->items->len == 0)
    {
      show_detail (self);
      return;
    }
  if (previous == NULL || !pk_review_window_select (self, previous))
    gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, 0));
}

/**
 * pk_review_window_refresh:
 *
 * Reads the queue again in the background (the checks run again now).
 */
void
pk_review_window_refresh (PkReviewWindow *self)
{
  g_return_if_fail (PK_IS_REVIEW_WINDOW (self));
  QueueAsk *ask = g_new0 (QueueAsk, 1);
  guint county = gtk_drop_down_get_selected (self->county_drop);
  guint license = gtk_drop_down_get_selected (self->license_drop);
  guint days = gtk_drop_down_get_selected (self->days_drop);

  ask->stage = (int) gtk_drop_down_get_selected (self->stage_drop);
  ask->county_id = county > 0 && county <= self->county_ids->len ? g_array_index (self->county_ids, gint64, county - 1)
                                                                 : 0;
  ask->license = license == 1 ? PK_LICENSE_URBAN : license == 2 ? PK_LICENSE_RURAL : -1;
  ask->min_days = days < G_N_ELEMENTS (min_days_choices) ? min_days_choices[days] : 0;
  ask->counties = self->county_ids->len == 0;
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, queue_job, ask, g_free,
                          (GDestroyNotify) queue_free, self->cancellable, on_queue_read, NULL);
}

static void
on_filter_changed_cb (PkReviewWindow *self)
{
  if (self->store != NULL && !self->filling)
    pk_review_window_refresh (self);
}

/* The county drop, from the first read: every county of the workspace. */
static void
fill_counties (PkReviewWindow *self,
               GPtrArray      *counties)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char *[]) { _("Every county"), NULL });

  g_array_set_size (self->county_ids, 0);
  for (guint i = 0; i < counties->len; i++)
    {
      const PkPlace *c = g_ptr_array_index (counties, i);

      gtk_string_list_append (model, pk_place_display_name (c));
      g_array_append_val (self->county_ids, c->id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->county_drop, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->county_drop, 0);
  self->filling = FALSE;
}

/* ---- the chosen case ------------------------------------------------------------ */

static GtkWidget *
row (AdwPreferencesGroup *group,
     const char          *title,
     const char          *subtitle,
     const char          *css)
{
  GtkWidget *r = adw_action_row_new ();
  g_autofree char *localized = subtitle ? pk_text_localize_digits (subtitle) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r), title);
  if (localized != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (r), localized);
  if (css != NULL)
    gtk_widget_add_css_class (r, css);
  adw_preferences_group_add (group, r);
  return r;
}

/* An empty page in @scroller, as wide as a form reads well; returns its box. */
static GtkWidget *
new_page (GtkScrolledWindow *scroller)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (scroller, clamp);
  return page;
}

static AdwPreferencesGroup *
group (GtkWidget  *page,
       const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (GTK_BOX (page), g);
  return ADW_PREFERENCES_GROUP (g);
}

static void
add_site (PkReviewWindow     *self,
          GtkWidget          *page,
          const PkReviewItem *item)
{
  AdwPreferencesGroup *g = group (page, _("The site"), _("Checked when the applicant sent it, and again now "
                                                         "against today’s offices (SR-1…SR-7)."));
  g_autofree char *capacity_text = NULL;

  if (item->c->site_not_on_map || !item->c->has_site)
    {
      row (g, _("Not on the map"), item->c->site_address, NULL);
      return;
    }
  row (g, _("Checked when submitted"),
       item->verdict_stored == NULL ? _("no check stored")
       : pk_verdict_display_name (g_str_equal (item->verdict_stored, "pass") ? PK_VERDICT_PASS
                                  : g_str_equal (item->verdict_stored, "fail") ? PK_VERDICT_FAIL
                                  : PK_VERDICT_NEEDS_REVIEW), NULL);
  if (item->verdict_now != NULL)
    {
      GtkWidget *r = row (g, _("Checked again now"), pk_verdict_display_name (item->verdict_now->verdict),
                          item->verdict_now->verdict == PK_VERDICT_FAIL ? "error" : NULL);

      if (item->stale)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_prefix (ADW_ACTION_ROW (r), icon);
          row (g, _("Changed since it was checked"),
               _("An office opened or was approved nearby, or a rule changed: judge the site on the check of now."),
               "warning");
        }
      for (guint i = 0; i < item->verdict_now->rules->len; i++)
        {
          const PkRuleResult *rule = g_ptr_array_index (item->verdict_now->rules, i);

          if (rule->status != PK_RULE_PASS)
            row (g, rule->id, rule->message, rule->status == PK_RULE_FAIL ? "error" : "warning");
        }
    }
  capacity_text = item->capacity < 0 ? g_strdup (_("not set by the working group"))
                                     : g_strdup_printf (_("%d places, %d free"), item->capacity,
                                                        MAX (item->free_places, 0));
  row (g, item->county ? pk_place_display_name (item->county) : _("Outside every county"), capacity_text, NULL);
  if (item->verdict_now != NULL && item->verdict_now->nearest->len > 0)
    {
      AdwPreferencesGroup *near = group (page, _("Nearest offices"), NULL);

      for (guint i = 0; i < MIN (item->verdict_now->nearest->len, 3); i++)
        {
          const PkNearOffice *o = &g_array_index (item->verdict_now->nearest, PkNearOffice, i);
          g_autofree char *text = g_strdup_printf (_("%s · %s · %.2f km"), o->code,
                                                   pk_license_display_name (o->license), o->distance_m / 1000);

          row (near, o->name, text, NULL);
        }
    }
  if (item->county != NULL)
    {
      self->gain_group = group (page, _("Coverage"),
                                _("What an office here would serve of the county’s vacant area (PA-3), "
                                  "as if the case’s own approval were not there yet."));
      self->gain_row = row (self->gain_group, _("Working out the vacant area…"), NULL, NULL);
    }
}

/* The site on the map with the check of now: its county, the spacing and
 * service circles, the lines to the nearest offices. One map for the window,
 * read once, moved from page to page. */
static void
add_map (PkReviewWindow     *self,
         GtkWidget          *page,
         const PkReviewItem *item)
{
  GtkWidget *frame;

  if (item->verdict_now == NULL || self->map == NULL)     /* the map's data comes with the queue */
    return;
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->map));
  gtk_box_append (GTK_BOX (page), frame);
  self->map_frame = GTK_FRAME (frame);
  pk_map_view_set_verdict (self->map, item->verdict_now);
  pk_map_view_go_to (self->map, item->c->site_lat, item->c->site_lon, 12);
}

/* The site visit (S11): its outcome, what the site misses, who saw it and when. */
static void
add_visit (GtkWidget          *page,
           const PkReviewItem *item)
{
  const PkVisit *v = item->visit;
  AdwPreferencesGroup *g;
  g_autofree char *date = NULL;
  g_autofree char *who = NULL;
  g_autofree char *failing = NULL;

  if (v == NULL)
    return;
  g = group (page, _("Site visit"), _("What the inspector found at the premises (S11; ST-1 … ST-13)."));
  date = pk_date_format_for_locale (v->date);
  who = g_strdup_printf (_("%s, %s"), v->inspector, date);
  failing = pk_visit_failing_standards (v);
  row (g, pk_visit_outcome_display_name (v->outcome), who,
       v->outcome == PK_VISIT_NOT_COMPLIANT ? "error" : v->outcome == PK_VISIT_COMPLIANT ? "success" : NULL);
  if (failing != NULL)
    row (g, _("Standards not met"), failing, "error");
  if (v->reason != NULL)
    row (g, _("Reason"), v->reason, NULL);
}

/* What the register says (LT-8, LT-9), and the requests this one competes
 * with: approving one changes what the others can get. */
static void
add_register_and_competitors (GtkWidget          *page,
                              const PkReviewItem *item)
{
  if (item->register_findings->len > 0)
    {
      AdwPreferencesGroup *g = group (page, _("The register of licences"), NULL);

      for (guint i = 0; i < item->register_findings->len; i++)
        {
          const PkRegisterFinding *f = g_ptr_array_index (item->register_findings, i);

          row (g, f->rule, f->message, f->status == PK_RULE_FAIL ? "error" : "warning");
        }
    }
  if (item->competitors->len > 0)
    {
      AdwPreferencesGroup *g = group (page, _("Competing requests"),
                                      _("Within the spacing distance of this site (SR-3), or for the county’s "
                                        "last free places (LT-7): approving one changes what the others can get."));

      for (guint i = 0; i < item->competitors->len; i++)
        row (g, g_ptr_array_index (item->competitors, i), NULL, NULL);
    }
}

static void
add_applicant (PkReviewWindow *self,
               GtkWidget      *page,
               const PkCase   *c)
{
  AdwPreferencesGroup *g = group (page, _("The applicant"), NULL);
  const char *company = pk_case_get_field (c, "company.name");

  row (g, pk_applicant_display_name (c->applicant), company, NULL);
  for (guint i = 0; i < c->people->len; i++)
    {
      const PkCasePerson *p = g_ptr_array_index (c->people, i);
      g_autofree char *reason = p->national_code ? pk_ident_check_national_code (p->national_code, NULL) : NULL;
      g_autofree char *text = g_strdup_printf ("%s · %s%s%s", p->role, p->national_code ? p->national_code : "—",
                                               reason ? " — " : "", reason ? reason : "");

      row (g, p->name && *p->name ? p->name : _("(no name)"), text, reason ? "error" : NULL);
    }
  if (c->documents->len > 0)
    {
      AdwPreferencesGroup *docs = group (page, _("Documents"), NULL);

      for (guint i = 0; i < c->documents->len; i++)
        {
          const PkCaseDocument *d = g_ptr_array_index (c->documents, i);
          g_autofree char *text = g_strdup_printf ("%s · %d %s · %s", d->file_name, d->pages, _("pages"),
                                                   d->pass ? _("passes DOC-1…DOC-5") : _("fails its check"));

          GtkWidget *pages = adw_preferences_row_new ();

          row (docs, pk_doc_kind_display (d->kind), text, d->pass ? NULL : "error");
          /* its pages, when the worker has read them */
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (pages), FALSE);
          gtk_widget_set_visible (pages, FALSE);
          g_object_set_data_full (G_OBJECT (pages), "findings", g_strdup (d->findings), g_free);
          adw_preferences_group_add (docs, pages);
          g_ptr_array_add (self->doc_rows, pages);
        }
    }
}

static GtkEditable *
form_entry (AdwPreferencesGroup *g,
            const char          *title)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_preferences_group_add (g, entry);
  return GTK_EDITABLE (entry);
}

static void
add_decision_form (PkReviewWindow *self,
                   GtkWidget      *page,
                   GPtrArray      *decisions)
{
  AdwPreferencesGroup *g;
  g_autoptr(GtkStringList) meetings = gtk_string_list_new (NULL);
  const char *kinds[] = { _("Approve"), _("Return for revision (RT-1)"), _("Reject"), NULL };
  GtkWidget *combo, *button;

  if (decisions->len > 0)
    {
      AdwPreferencesGroup *earlier = group (page, _("Earlier decisions"), NULL);

      for (guint i = 0; i < decisions->len; i++)
        {
          const PkDecision *d = g_ptr_array_index (decisions, i);
          g_autofree char *when = pk_date_format_for_locale (d->decided_at ? d->decided_at : "");

          row (earlier, pk_decision_display_name (d), d->reason ? d->reason : when, NULL);
        }
    }
  g = group (page, _("Decision"), _("Recorded in an open meeting; final when the meeting is closed. Past the "
                                     "county’s capacity (LT-7) an approval needs the reason."));
  for (guint i = 0; i < self->queue->meetings->len; i++)
    {
      const PkMeeting *m = g_ptr_array_index (self->queue->meetings, i);
      g_autofree char *date = pk_date_format_for_locale (m->date);
      g_autofree char *text = g_strdup_printf ("%s — %s", m->number, date);
      g_autofree char *localized = pk_text_localize_digits (text);

      gtk_string_list_append (meetings, localized);
    }
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Meeting"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (meetings));
  if (self->queue->meetings->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), _("No meeting is open: create one first"));
  adw_preferences_group_add (g, combo);
  self->meeting_combo = combo;
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Decision"));
  {
    g_autoptr(GtkStringList) model = gtk_string_list_new (kinds);

    adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
  }
  adw_preferences_group_add (g, combo);
  self->kind_combo = combo;
  self->conditions_entry = form_entry (g, _("Conditions of an approval (separate with “;”; a due date after “@”)"));
  self->reason_entry = form_entry (g, _("Reason (a return or a rejection)"));
  self->rules_entry = form_entry (g, _("Rules that fail (e.g. SR-3, DOC-1)"));
  self->override_entry = form_entry (g, _("Approve past the capacity because…"));
  button = gtk_button_new_with_mnemonic (_("_Record Decision"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 12);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.decide");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.decide", self->queue->meetings->len > 0);
  gtk_box_append (GTK_BOX (page), button);
}

/* ---- what the chosen case's page adds, from a worker ----------------------------- */

typedef struct
{
  guint      serial;
  PkLicense  license;
  gint64     county_id;          /* 0: the site is on no county (or not on the map) */
  double     lat, lon;
  gint64     own_office_id;
  GArray    *doc_ids;            /* gint64 */
} DetailAsk;

typedef struct
{
  PkSiteGain *gain;              /* NULL when there is no county to gain in */
  char       *gain_error;        /* why it could not be worked out, or NULL */
  GPtrArray  *pages;             /* per document: GPtrArray of GBytes, or NULL */
} Detail;

static void
detail_ask_free (DetailAsk *ask)
{
  g_array_unref (ask->doc_ids);
  g_free (ask);
}

static void
detail_free (Detail *d)
{
  g_clear_pointer (&d->gain, pk_site_gain_free);
  g_free (d->gain_error);
  g_ptr_array_unref (d->pages);
  g_free (d);
}

static gpointer
detail_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  DetailAsk *ask = data;
  Detail *d = g_new0 (Detail, 1);

  d->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  if (ask->county_id != 0)
    {
      g_autoptr(GError) local = NULL;

      d->gain = pk_coverage_site_gain (store, ask->license, ask->county_id, ask->lat, ask->lon,
                                       ask->own_office_id, cancellable, &local);
      if (d->gain == NULL)
        d->gain_error = g_strdup (local->message);
    }
  for (guint i = 0; i < ask->doc_ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GPtrArray *pngs = pk_store_get_case_document_thumbnails (store, g_array_index (ask->doc_ids, gint64, i), NULL);

      g_ptr_array_add (d->pages, pngs ? pngs : g_ptr_array_new ());
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      detail_free (d);
      return NULL;
    }
  return d;
}

/* The vacant area the site would serve: its county's before and after, the
 * cities it would reach. */
static void
fill_gain (PkReviewWindow *self,
           Detail         *d)
{
  g_autofree char *served = NULL, *county = NULL;

  adw_preferences_group_remove (self->gain_group, self->gain_row);
  self->gain_row = NULL;
  self->n_gain_rows = 0;
  if (d->gain == NULL)
    {
      row (self->gain_group, _("Not worked out"), d->gain_error, "warning");
      return;
    }
  served = g_strdup_printf (_("%.1f km² of the county’s %.1f km² vacant for this licence type"),
                            pk_site_gain_km2 (d->gain), d->gain->vacant_before_km2);
  county = g_strdup_printf (_("%.1f km² left vacant with it"), d->gain->vacant_after_km2);
  row (self->gain_group, _("The vacant area it would serve"), served,
       pk_site_gain_km2 (d->gain) < 0.05 ? "warning" : NULL);
  row (self->gain_group, _("The county after it"), county, NULL);
  self->n_gain_rows = 2;
  if (d->gain->cities->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < d->gain->cities->len; i++)
        g_string_append_printf (names, "%s%s", i ? _(", ") : "",
                                pk_place_display_name (g_ptr_array_index (d->gain->cities, i)));
      row (self->gain_group, _("Unserved cities it would serve"), names->str, NULL);
      self->n_gain_rows++;
    }
}

static void
on_detail_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (source);
  DetailAsk *ask = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;
  Detail *d = pk_store_run_job_finish (result, &error);

  set_busy (self, FALSE);
  if (d == NULL || ask->serial != self->detail_serial)
    {
      g_clear_pointer (&d, detail_free);
      return;                           /* cancelled, or the page is another's now */
    }
  if (self->gain_group != NULL && self->gain_row != NULL)
    fill_gain (self, d);
  self->n_page_thumbnails = 0;
  for (guint i = 0; i < d->pages->len && i < self->doc_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->doc_rows, i);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      guint shown = 0;
      GtkWidget *strip = pk_document_thumbnails_new (g_ptr_array_index (d->pages, i),
                                                     g_object_get_data (G_OBJECT (row), "findings"), 8,
                                                     &shown, NULL);

      gtk_widget_set_margin_top (strip, 6);
      gtk_widget_set_margin_bottom (strip, 6);
      gtk_widget_set_margin_start (strip, 12);
      gtk_widget_set_margin_end (strip, 12);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), strip);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), scroller);
      gtk_widget_set_visible (row, shown > 0);
      self->n_page_thumbnails += shown;
    }
  detail_free (d);
}

/* Asks a worker for what the page of @item waits for. */
static void
read_detail (PkReviewWindow     *self,
             const PkReviewItem *item)
{
  DetailAsk *ask = g_new0 (DetailAsk, 1);

  ask->serial = self->detail_serial;
  ask->license = item->c->license;
  ask->county_id = item->county && item->c->has_site && !item->c->site_not_on_map ? item->county->id : 0;
  ask->lat = item->c->site_lat;
  ask->lon = item->c->site_lon;
  ask->own_office_id = item->own_office_id;
  ask->doc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < item->c->documents->len; i++)
    g_array_append_val (ask->doc_ids, ((PkCaseDocument *) g_ptr_array_index (item->c->documents, i))->id);
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, detail_job, ask, (GDestroyNotify) detail_ask_free,
                          (GDestroyNotify) detail_free, self->cancellable, on_detail_read, NULL);
}

/* The chosen case's page, built anew; the map is kept for the next one. */
static void
show_detail (PkReviewWindow *self)
{
  if (self->map_frame != NULL)
    {
      gtk_frame_set_child (self->map_frame, NULL);      /* the map goes on to the next page */
      self->map_frame = NULL;
    }
  show_detail_page (self);
}

/* Long on purpose: the chosen case's page, section after section. */
static void
show_detail_page (PkReviewWindow *self)
{
  GtkWidget *page = new_page (self->detail_scroller);
  const PkReviewItem *item;
  g_autofree char *heading = NULL;
  g_autofree char *sub = NULL;
  GtkWidget *label;

  self->detail_serial++;
  self->gain_group = NULL;
  self->gain_row = NULL;
  g_ptr_array_set_size (self->doc_rows, 0);
  self->n_gain_rows = self->n_page_thumbnails = 0;
  self->meeting_combo = self->kind_combo = NULL;
  self->reason_entry = self->rules_entry = self->conditions_entry = self->override_entry = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.decide", FALSE);
  if (self->queue == NULL || self->selected < 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Case Waits"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Cases appear here when they reach the working group: the location "
                                         "before approval (PA-5) or the final approval."));
      gtk_scrolled_window_set_child (self->detail_scroller, status);
      return;
    }
  item = g_ptr_array_index (self->queue->items, self->selected);
  heading = g_strdup_printf (_("Case %s — %s"), item->c->number, pk_review_display_name (item->review));
  {
    g_autofree char *localized = pk_text_localize_digits (heading);

    label = gtk_label_new (localized);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (page), label);
  sub = g_strdup_printf ("%s · %s · %s", pk_request_display_name (item->c->request),
                         pk_license_display_name (item->c->license), pk_applicant_display_name (item->c->applicant));
  label = gtk_label_new (sub);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (page), label);

  add_map (self, page, item);
  add_site (self, page, item);
  add_visit (page, item);
  add_register_and_competitors (page, item);
  add_applicant (self, page, item->c);
  add_decision_form (self, page, g_ptr_array_index (self->queue->decisions, self->selected));
  if (self->gain_row != NULL || self->doc_rows->len > 0)
    read_detail (self, item);
}

static void
on_row_selected_cb (PkReviewWindow *self,
                    GtkListBoxRow  *row)
{
  self->selected = row ? gtk_list_box_row_get_index (row) : -1;
  show_detail (self);
}

/* ---- meetings ------------------------------------------------------------------- */

static void
show_meeting (PkReviewWindow *self)
{
  GtkWidget *page = new_page (self->meeting_scroller);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  const PkMeeting *m;
  AdwPreferencesGroup *g;
  g_autofree char *heading = NULL;
  g_autofree char *date = NULL;
  g_autofree char *members = NULL;
  GtkWidget *label, *button;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.close-meeting", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.minutes", FALSE);
  if (self->queue == NULL || self->meeting < 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Meetings Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), _("Create one with New Meeting…"));
      gtk_scrolled_window_set_child (self->meeting_scroller, status);
      return;
    }
  m = g_ptr_array_index (self->queue->all_meetings, self->meeting);
  heading = g_strdup_printf (_("Meeting %s"), m->number);
  {
    g_autofree char *localized = pk_text_localize_digits (heading);

    label = gtk_label_new (localized);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (page), label);
  g = group (page, _("The meeting"), NULL);
  date = pk_date_format_for_locale (m->date);
  members = g_strjoinv (_(", "), m->members);
  row (g, _("Date"), date, NULL);
  row (g, _("Members present"), members, NULL);
  row (g, _("State"), m->closed_at ? _("closed: the decisions are final")
                                   : _("open: a draft, decisions may still be added"), NULL);
  g = group (page, _("Cases and decisions"), NULL);
  if (m->agenda->len == 0)
    row (g, _("No case was on the agenda."), NULL, NULL);
  for (guint i = 0; i < m->agenda->len; i++)
    {
      const PkAgendaItem *item = &g_array_index (m->agenda, PkAgendaItem, i);
      const PkDecision *d = pk_meeting_find_decision (m, item->case_id);
      const char *number = g_hash_table_lookup (self->queue->numbers, &item->case_id);
      g_autofree char *title = g_strdup_printf ("%s — %s", number ? number : "?", pk_review_display_name (item->review));
      g_autofree char *localized = pk_text_localize_digits (title);
      GString *text = g_string_new (d ? pk_decision_display_name (d) : _("Not decided in this meeting"));
      GtkWidget *r;

      for (guint k = 0; d && k < d->conditions->len; k++)
        g_string_append_printf (text, "\n%s%s", pk_text_bullet (),
                                ((PkCaseCondition *) g_ptr_array_index (d->conditions, k))->text);
      if (d && d->reason)
        g_string_append_printf (text, "\n%s", d->reason);
      if (d && d->override_reason)
        g_string_append_printf (text, "\n%s %s", _("Approved past the county’s capacity (LT-7) because:"),
                                d->override_reason);
      r = row (g, localized, text->str, d && d->kind == PK_DECISION_REJECT ? "error" : NULL);
      g_string_free (text, TRUE);
      if (d != NULL)
        {
          button = gtk_button_new_with_mnemonic (_("_Letter…"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("The decision as a letter to the applicant (PDF)"));
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (item->case_id));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.letter");
          adw_action_row_add_suffix (ADW_ACTION_ROW (r), button);
        }
    }
  button = gtk_button_new_with_mnemonic (_("_Minutes PDF…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.minutes");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Close Meeting"));
  gtk_widget_set_tooltip_text (button, _("Its decisions become final; a correction is a new decision in a later meeting"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review.close-meeting");
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (page), buttons);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.close-meeting", m->closed_at == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.minutes", TRUE);
}

static void
fill_meetings (PkReviewWindow *self)
{
  GtkWidget *child;
  gint64 shown = self->meeting >= 0 && self->queue && self->queue->all_meetings &&
                 (guint) self->meeting < self->queue->all_meetings->len
                 ? ((PkMeeting *) g_ptr_array_index (self->queue->all_meetings, self->meeting))->id : 0;

  self->meeting = -1;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->meeting_list))) != NULL)
    gtk_list_box_remove (self->meeting_list, child);
  for (guint i = 0; i < self->queue->all_meetings->len; i++)
    {
      const PkMeeting *m = g_ptr_array_index (self->queue->all_meetings, i);
      GtkWidget *r = adw_action_row_new ();
      g_autofree char *date = pk_date_format_for_locale (m->date);
      g_autofree char *title = pk_text_localize_digits (m->number);
      g_autofree char *sub = g_strdup_printf ("%s · %s", date, m->closed_at ? _("closed") : _("open"));
      g_autofree char *localized = pk_text_localize_digits (sub);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (r), localized);
      gtk_list_box_append (self->meeting_list, r);
      if (m->id == shown || (shown == 0 && i == 0))
        gtk_list_box_select_row (self->meeting_list, GTK_LIST_BOX_ROW (r));
    }
  if (self->queue->all_meetings->len == 0)
    show_meeting (self);
}

static void
on_meeting_selected_cb (PkReviewWindow *self,
                        GtkListBoxRow  *row)
{
  self->meeting = row ? gtk_list_box_row_get_index (row) : -1;
  show_meeting (self);
}

/* ---- a meeting created or closed, in a worker ------------------------------------ */

typedef struct
{
  gint64      close_id;        /* the meeting to close; 0: create one */
  char       *number;
  char       *date;
  GStrv       members;
  const char *error_title;     /* static, translated */
} MeetingAsk;

static void
meeting_ask_free (MeetingAsk *ask)
{
  g_free (ask->number);
  g_free (ask->date);
  g_strfreev (ask->members);
  g_free (ask);
}

static gpointer
meeting_job (PkStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  MeetingAsk *ask = data;
  gboolean ok = ask->close_id > 0
    ? pk_meeting_close (store, ask->close_id, error)
    : pk_meeting_create (store, ask->number, ask->date, (const char * const *) ask->members, error) > 0;

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_meeting_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (source);
  MeetingAsk *ask = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (pk_store_run_job_finish (result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      pk_show_error (GTK_WIDGET (self), ask->error_title, error->message);
    }
  pk_review_window_refresh (self);
}

static void
run_meeting_job (PkReviewWindow *self,
                 MeetingAsk     *ask)
{
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, meeting_job, ask, (GDestroyNotify) meeting_ask_free, NULL,
                          self->cancellable, on_meeting_done, NULL);
}

static void
close_meeting_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (widget);
  MeetingAsk *ask;

  if (self->queue == NULL || self->meeting < 0)
    return;
  ask = g_new0 (MeetingAsk, 1);
  ask->close_id = ((PkMeeting *) g_ptr_array_index (self->queue->all_meetings, self->meeting))->id;
  ask->error_title = _("Cannot Close the Meeting");
  run_meeting_job (self, ask);
}

static gboolean
save_minutes (PkStore     *store,
              gpointer     data,
              const char  *path,
              GError     **error)
{
  return pk_report_write_minutes_pdf (store, data, path, error);
}

static void
minutes_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (widget);
  const PkMeeting *m;
  g_autofree char *file = NULL;

  if (self->queue == NULL || self->meeting < 0)
    return;
  m = g_ptr_array_index (self->queue->all_meetings, self->meeting);
  file = g_strdup_printf ("minutes-%s.pdf", m->number);
  g_strdelimit (file, "/\\", '-');
  pk_save_file_dialog_in_worker (widget, _("Save the Minutes"), file, self->store, save_minutes, pk_meeting_copy (m),
                                 (GDestroyNotify) pk_meeting_free);
}

static gboolean
save_letter (PkStore     *store,
             gpointer     data,
             const char  *path,
             GError     **error)
{
  g_autoptr(PkCase) c = pk_store_get_case (store, *(gint64 *) data, error);

  return c != NULL && pk_report_write_decision_letter (store, c, path, error);
}

static void
letter_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);
  const char *number = self->queue ? g_hash_table_lookup (self->queue->numbers, &id) : NULL;
  g_autofree char *file = g_strdup_printf ("decision-%s.pdf", number ? number : "case");

  pk_save_file_dialog_in_worker (widget, _("Save the Decision Letter"), file, self->store, save_letter,
                                 g_memdup2 (&id, sizeof id), g_free);
}

/* Shows the meeting @number on the Meetings page; FALSE when there is none. */
gboolean
pk_review_window_show_meeting (PkReviewWindow *self,
                               const char     *number)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  for (guint i = 0; self->queue && i < self->queue->all_meetings->len; i++)
    if (g_strcmp0 (((PkMeeting *) g_ptr_array_index (self->queue->all_meetings, i))->number, number) == 0)
      {
        adw_view_stack_set_visible_child_name (self->stack, "meetings");
        gtk_list_box_select_row (self->meeting_list, gtk_list_box_get_row_at_index (self->meeting_list, (int) i));
        return TRUE;
      }
  return FALSE;
}

/* ---- deciding ------------------------------------------------------------------- */

typedef struct
{
  gint64      meeting_id;
  gint64      case_id;
  PkDecision *decision;
} DecideJob;

static void
decide_job_free (DecideJob *job)
{
  pk_decision_free (job->decision);
  g_free (job);
}

static gpointer
decide_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  DecideJob *job = data;
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, error);
  gint64 id;

  if (checker == NULL ||
      (id = pk_meeting_decide (store, checker, job->meeting_id, job->case_id, job->decision, error)) == 0)
    return NULL;
  return g_memdup2 (&id, sizeof id);
}

static void
on_decided (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkReviewWindow *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree gint64 *id = pk_store_run_job_finish (result, &error);

  set_busy (self, FALSE);
  if (id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pk_review_window_refresh (self);
  g_task_return_int (task, *id);
}

/**
 * pk_review_window_decide_async:
 * @decision: for the chosen case
 *
 * Records @decision on the chosen case in the meeting @meeting_id, in the
 * background (the siting snapshot is read there); the queue is read again.
 */
void
pk_review_window_decide_async (PkReviewWindow      *self,
                               gint64               meeting_id,
                               const PkDecision    *decision,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DecideJob *job;

  g_return_if_fail (self->queue != NULL && self->selected >= 0);
  job = g_new0 (DecideJob, 1);
  job->meeting_id = meeting_id;
  job->case_id = ((PkReviewItem *) g_ptr_array_index (self->queue->items, self->selected))->c->id;
  job->decision = pk_decision_copy (decision);
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, decide_job, job, (GDestroyNotify) decide_job_free, g_free,
                          cancellable, on_decided, task);
}

/* Returns: the decision's id, or 0 with @error set */
gint64
pk_review_window_decide_finish (PkReviewWindow  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;                   /* -1 is GTask's "error" */
}

static void
on_form_decided (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (pk_review_window_decide_finish (self, result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pk_show_error (GTK_WIDGET (self), _("Cannot Record the Decision"), error->message);
}

static char *
entry_text (GtkEditable *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  return *text ? g_steal_pointer (&text) : NULL;
}

static void
decide_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (widget);
  guint meeting = adw_combo_row_get_selected (ADW_COMBO_ROW (self->meeting_combo));
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_combo));
  g_autoptr(PkDecision) d = pk_decision_new (kind == 0 ? PK_DECISION_APPROVE
                                             : kind == 1 ? PK_DECISION_RETURN : PK_DECISION_REJECT);
  g_autofree char *conditions = entry_text (self->conditions_entry);
  g_autofree char *rules = entry_text (self->rules_entry);

  if (self->queue == NULL || meeting >= self->queue->meetings->len)
    return;
  d->reason = entry_text (self->reason_entry);
  d->override_reason = d->kind == PK_DECISION_APPROVE ? entry_text (self->override_entry) : NULL;
  if (rules != NULL)
    {
      g_strfreev (d->rules);
      d->rules = g_strsplit_set (rules, ",; ", -1);
      /* empty pieces between separators */
      for (char **p = d->rules, **q = d->rules; ; p++)
        {
          if (*p == NULL)
            {
              *q = NULL;
              break;
            }
          if (**p)
            *q++ = *p;
          else
            g_free (*p);
        }
    }
  if (conditions != NULL && d->kind == PK_DECISION_APPROVE)
    {
      /* "text @ due; text…" — a Persian keyboard's "؛" separates too; the
       * core checks the dates */
      g_autoptr(GString) plain = g_string_new (conditions);
      g_auto(GStrv) parts = NULL;

      g_string_replace (plain, "؛", ";", 0);
      parts = g_strsplit (plain->str, ";", -1);

      for (guint i = 0; parts[i]; i++)
        {
          char *at = strchr (parts[i], '@');
          char *due = at ? g_strstrip (at + 1) : NULL;

          if (at != NULL)
            *at = '\0';
          if (*g_strstrip (parts[i]))
            g_ptr_array_add (d->conditions, pk_case_condition_new (parts[i], due && *due ? due : NULL));
        }
    }
  pk_review_window_decide_async (self, ((PkMeeting *) g_ptr_array_index (self->queue->meetings, meeting))->id, d,
                                 self->cancellable, on_form_decided, NULL);
}

/* ---- a new meeting -------------------------------------------------------------- */

static void
on_new_meeting_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PkReviewWindow   *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *number = GTK_EDITABLE (gtk_widget_get_first_child (box));
  GtkEditable *date = GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (number)));
  GtkEditable *members = GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (date)));
  MeetingAsk *ask;

  if (!g_str_equal (response, "create"))
    return;
  ask = g_new0 (MeetingAsk, 1);
  ask->number = g_strdup (gtk_editable_get_text (number));
  ask->date = g_strdup (gtk_editable_get_text (date));
  ask->members = g_strsplit_set (gtk_editable_get_text (members), ",،", -1);
  ask->error_title = _("Cannot Create the Meeting");
  run_meeting_job (self, ask);
}

static GtkWidget *
dialog_entry (GtkWidget  *box,
              const char *placeholder,
              const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Meeting"),
                                              _("Its number, its date and the members present."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = pk_date_format_for_locale (iso);

  dialog_entry (box, _("Number, e.g. 12/1405"), NULL);
  dialog_entry (box, _("Date"), today);
  dialog_entry (box, _("Members present, separated by commas"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create", _("_Create"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_meeting_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the window ------------------------------------------------------------------ */

gboolean
pk_review_window_is_busy (PkReviewWindow *self)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  return self->n_busy > 0;
}

guint
pk_review_window_get_n_cases (PkReviewWindow *self)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), 0);
  return self->queue ? self->queue->items->len : 0;
}

/* Chooses the case @number in the queue; FALSE when it does not wait. */
gboolean
pk_review_window_select (PkReviewWindow *self,
                         const char     *number)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  for (guint i = 0; self->queue && i < self->queue->items->len; i++)
    if (g_strcmp0 (((PkReviewItem *) g_ptr_array_index (self->queue->items, i))->c->number, number) == 0)
      {
        gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, (int) i));
        return TRUE;
      }
  return FALSE;
}

gboolean
pk_review_window_selected_is_stale (PkReviewWindow *self)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  return self->queue && self->selected >= 0 &&
         ((PkReviewItem *) g_ptr_array_index (self->queue->items, self->selected))->stale;
}

/* For the tests: the chosen case's vacant-area rows and page thumbnails, once
 * the worker's answer has landed (0 before). */
guint
pk_review_window_get_n_gain_rows (PkReviewWindow *self)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), 0);
  return self->n_gain_rows;
}

guint
pk_review_window_get_n_page_thumbnails (PkReviewWindow *self)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), 0);
  return self->n_page_thumbnails;
}

/**
 * pk_review_window_set_filters:
 * @county: (nullable): a county's name as the drop shows it, or %NULL for every county
 * @license: a #PkLicense, or -1 for both
 * @min_days: 0, 7, 30 or 90
 *
 * Chooses in the drops, as a person would; the queue is read again.
 * Returns: FALSE when there is no such choice
 */
gboolean
pk_review_window_set_filters (PkReviewWindow *self,
                              const char     *county,
                              int             license,
                              int             min_days)
{
  GListModel *counties = gtk_drop_down_get_model (self->county_drop);
  guint county_at = 0, days_at = G_MAXUINT;

  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  for (guint i = 1; county != NULL && i < g_list_model_get_n_items (counties) && county_at == 0; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (counties), i), county) == 0)
      county_at = i;
  for (guint i = 0; i < G_N_ELEMENTS (min_days_choices); i++)
    if (min_days_choices[i] == min_days)
      days_at = i;
  if ((county != NULL && county_at == 0) || days_at == G_MAXUINT)
    return FALSE;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->county_drop, county_at);
  gtk_drop_down_set_selected (self->license_drop, license == PK_LICENSE_URBAN ? 1 : license == PK_LICENSE_RURAL ? 2 : 0);
  gtk_drop_down_set_selected (self->days_drop, days_at);
  self->filling = FALSE;
  pk_review_window_refresh (self);
  return TRUE;
}

/* For the tests: the decision form typed in, as a person would (@kind: 0
 * approve, 1 return, 2 reject); review.decide then records it. */
gboolean
pk_review_window_fill_form (PkReviewWindow *self,
                            guint           kind,
                            const char     *conditions,
                            const char     *reason)
{
  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  if (self->kind_combo == NULL)
    return FALSE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_combo), kind);
  gtk_editable_set_text (self->conditions_entry, conditions ? conditions : "");
  gtk_editable_set_text (self->reason_entry, reason ? reason : "");
  return TRUE;
}

/* Scrolls the chosen case's page to its coverage and what follows (the
 * applicant, the documents' pages); FALSE when it has none. */
gboolean
pk_review_window_scroll_to_coverage (PkReviewWindow *self)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->detail_scroller);
  GtkWidget *content = viewport ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  graphene_point_t at;

  g_return_val_if_fail (PK_IS_REVIEW_WINDOW (self), FALSE);
  if (self->gain_group == NULL || content == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self->gain_group), content, &GRAPHENE_POINT_INIT (0, 0), &at))
    return FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), at.y - 12);
  return TRUE;
}

static void
pk_review_window_dispose (GObject *object)
{
  PkReviewWindow *self = PK_REVIEW_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->queue, queue_free);
  if (self->map_frame != NULL)
    gtk_frame_set_child (self->map_frame, NULL);
  self->map_frame = NULL;
  g_clear_object (&self->map);
  G_OBJECT_CLASS (pk_review_window_parent_class)->dispose (object);
}

/* The page's rows stay listed until the end: a selection cleared while the
 * window is torn down builds an empty page. */
static void
pk_review_window_finalize (GObject *object)
{
  g_ptr_array_unref (PK_REVIEW_WINDOW (object)->doc_rows);
  g_array_unref (PK_REVIEW_WINDOW (object)->county_ids);
  G_OBJECT_CLASS (pk_review_window_parent_class)->finalize (object);
}

static void
pk_review_window_class_init (PkReviewWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pk_review_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = pk_review_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, title);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, stage_drop);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, county_drop);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, license_drop);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, days_drop);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, progress);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, queue_list);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, meeting_list);
  gtk_widget_class_bind_template_child (widget_class, PkReviewWindow, meeting_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_meeting_selected_cb);
  gtk_widget_class_install_action (widget_class, "review.close-meeting", NULL, close_meeting_action);
  gtk_widget_class_install_action (widget_class, "review.minutes", NULL, minutes_action);
  gtk_widget_class_install_action (widget_class, "review.letter", "x", letter_action);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_install_action (widget_class, "review.decide", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "review.new-meeting", NULL, new_meeting_action);
}

static void
pk_review_window_init (PkReviewWindow *self)
{
  const char *stages[] = { _("Every review"), _("Location (PA-5)"), _("Final approval"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (stages);

  const char *licenses[] = { _("Both licence types"), pk_license_display_name (PK_LICENSE_URBAN),
                             pk_license_display_name (PK_LICENSE_RURAL), NULL };
  const char *days[] = { _("Any wait"), _("7 days or more"), _("30 days or more"), _("90 days or more"), NULL };
  g_autoptr(GtkStringList) license_model = gtk_string_list_new (licenses);
  g_autoptr(GtkStringList) days_model = gtk_string_list_new (days);
  g_autoptr(GtkStringList) county_model = gtk_string_list_new ((const char *[]) { _("Every county"), NULL });

  self->doc_rows = g_ptr_array_new ();        /* before the template: it may show a page */
  self->county_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->county_drop, G_LIST_MODEL (county_model));
  gtk_drop_down_set_model (self->license_drop, G_LIST_MODEL (license_model));
  gtk_drop_down_set_model (self->days_drop, G_LIST_MODEL (days_model));
  self->selected = -1;
  self->meeting = -1;
  self->cancellable = g_cancellable_new ();
  gtk_drop_down_set_model (self->stage_drop, G_LIST_MODEL (model));
  self->filling = FALSE;
}

/**
 * pk_review_window_new:
 *
 * The review queue of @store's workspace, read at once in the background.
 */
PkReviewWindow *
pk_review_window_new (GtkWindow *parent,
                      PkStore   *store)
{
  PkReviewWindow *self = g_object_new (PK_TYPE_REVIEW_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  show_detail (self);
  pk_review_window_refresh (self);
  return self;
}
