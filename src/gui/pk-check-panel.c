/* pk-check-panel.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-check-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pk-check-panel.h"
#include "pk-coords.h"
#include "pk-gui-util.h"
#include "pk-report.h"
#include "pk-text.h"

struct _PkCheckPanel
{
  GtkBox          parent_instance;

  GtkEntry       *coords_entry;
  GtkDropDown    *license_dropdown;
  GtkSpinButton  *area_spin;
  GtkDropDown    *land_use_dropdown;
  GtkLabel       *verdict_label;
  GtkLabel       *place_label;
  GtkListBox     *rules_list;
  GtkButton      *pdf_button;

  PkStore        *store;       /* owned */
  PkSiteChecker  *checker;     /* owned */
  PkSiteVerdict  *verdict;     /* owned, NULL until a site is chosen */
  gboolean        has_site;
  double          lat, lon;
  gint64          ignore_office_id;   /* checking an office's own place */
};

G_DEFINE_FINAL_TYPE (PkCheckPanel, pk_check_panel, GTK_TYPE_BOX)

enum { VERDICT_CHANGED, LOCATION_ENTERED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
status_icon (PkRuleStatus status)
{
  switch (status)
    {
    case PK_RULE_PASS: return "emblem-ok-symbolic";
    case PK_RULE_FAIL: return "dialog-error-symbolic";
    default: return "dialog-question-symbolic";
    }
}

static const char *
status_text (PkRuleStatus status)
{
  switch (status)
    {
    case PK_RULE_PASS: return _("Pass");
    case PK_RULE_FAIL: return _("Fail");
    default: return _("Unknown");
    }
}

static void
show_verdict (PkCheckPanel *self)
{
  GtkWidget *child;
  const PkSiteVerdict *v = self->verdict;
  g_autofree char *place = NULL;
  g_autofree char *coords = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rules_list))) != NULL)
    gtk_list_box_remove (self->rules_list, child);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), v != NULL);
  if (v == NULL)
    {
      gtk_label_set_label (self->verdict_label, _("No site chosen yet"));
      gtk_label_set_label (self->place_label, "");
      return;
    }

  gtk_label_set_label (self->verdict_label, pk_verdict_display_name (v->verdict));
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label),
                            v->verdict == PK_VERDICT_PASS ? "success"
                            : v->verdict == PK_VERDICT_FAIL ? "error" : "warning");
  coords = g_strdup_printf ("%.5f, %.5f", v->query.lat, v->query.lon);
  place = g_strdup_printf ("%s — %s%s%s", coords,
                           v->county ? pk_place_display_name (v->county) : _("outside every county"),
                           v->urban_city ? " · " : "",
                           v->urban_city ? pk_place_display_name (v->urban_city) : "");
  {
    g_autofree char *localized = pk_text_localize_digits (place);
    gtk_label_set_label (self->place_label, localized);
  }

  for (guint i = 0; i < v->rules->len; i++)
    {
      const PkRuleResult *r = g_ptr_array_index (v->rules, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (r->status));
      g_autofree char *title = g_strdup_printf ("%s · %s", r->id, status_text (r->status));
      g_autofree char *why = g_strdup_printf ("%s [%s]", r->message, r->source);
      GtkWidget *title_label = gtk_label_new (title);
      GtkWidget *why_label = gtk_label_new (why);

      /* wrapped labels, not AdwActionRow: its subtitle does not wrap in 1.2 and
       * would stretch the sidebar to the longest message */
      gtk_widget_set_margin_top (row, 8);
      gtk_widget_set_margin_bottom (row, 8);
      gtk_widget_set_margin_start (row, 10);
      gtk_widget_set_margin_end (row, 10);
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_add_css_class (icon, r->status == PK_RULE_PASS ? "success"
                                      : r->status == PK_RULE_FAIL ? "error" : "warning");
      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_widget_add_css_class (title_label, "heading");
      gtk_label_set_xalign (GTK_LABEL (why_label), 0);
      gtk_label_set_wrap (GTK_LABEL (why_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (why_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (why_label), 40);
      gtk_label_set_selectable (GTK_LABEL (why_label), TRUE);
      gtk_widget_add_css_class (why_label, "caption");
      gtk_box_append (GTK_BOX (texts), title_label);
      gtk_box_append (GTK_BOX (texts), why_label);
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), texts);
      gtk_list_box_append (self->rules_list, row);
    }
}

static void
run_check (PkCheckPanel *self)
{
  PkSiteQuery q;
  static const PkLandUse land_uses[] = { PK_LAND_USE_UNKNOWN, PK_LAND_USE_YES, PK_LAND_USE_NO };

  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  if (self->checker != NULL && self->has_site)
    {
      pk_site_query_init (&q);
      q.lat = self->lat;
      q.lon = self->lon;
      q.license = gtk_drop_down_get_selected (self->license_dropdown) == 1 ? PK_LICENSE_RURAL
                                                                            : PK_LICENSE_URBAN;
      q.area_m2 = gtk_spin_button_get_value (self->area_spin);
      q.land_use = land_uses[MIN (gtk_drop_down_get_selected (self->land_use_dropdown), 2)];
      q.ignore_office_id = self->ignore_office_id;
      self->verdict = pk_site_checker_check (self->checker, &q);
    }
  show_verdict (self);
  g_signal_emit (self, signals[VERDICT_CHANGED], 0);
}

static void
on_input_changed_cb (PkCheckPanel *self)
{
  run_check (self);
}

static void
on_coords_activate_cb (PkCheckPanel *self)
{
  g_autoptr(GError) error = NULL;
  double lat, lon;

  if (!pk_coords_parse (gtk_editable_get_text (GTK_EDITABLE (self->coords_entry)), &lat, &lon,
                        &error) &&
      (self->checker == NULL ||        /* else a city or an office by name, in the snapshot */
       !pk_site_checker_find_place (self->checker, gtk_editable_get_text (GTK_EDITABLE (self->coords_entry)),
                                    &lat, &lon)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->coords_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->coords_entry), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->coords_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->coords_entry), NULL);
  self->lat = lat;
  self->lon = lon;
  self->has_site = TRUE;
  run_check (self);
  g_signal_emit (self, signals[LOCATION_ENTERED], 0, lat, lon);
}

/* The check's PDF, written with a snapshot of its own (the panel's may be
 * replaced meanwhile); in a worker from the button. */
static gboolean
write_check_pdf (PkStore     *store,
                 gpointer     verdict,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, error);

  return checker != NULL && pk_report_write_check_pdf (store, checker, verdict, path, error);
}

static void
on_save_pdf_cb (PkCheckPanel *self)
{
  if (self->verdict == NULL || self->store == NULL)
    return;
  pk_save_file_dialog_in_worker (GTK_WIDGET (self), _("Save Site Check"), "site-check.pdf", self->store,
                                 write_check_pdf, pk_site_verdict_ref (self->verdict),
                                 (GDestroyNotify) pk_site_verdict_unref);
}

static void
pk_check_panel_dispose (GObject *object)
{
  PkCheckPanel *self = PK_CHECK_PANEL (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->checker, pk_site_checker_free);
  g_clear_pointer (&self->verdict, pk_site_verdict_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PK_TYPE_CHECK_PANEL);
  G_OBJECT_CLASS (pk_check_panel_parent_class)->dispose (object);
}

static void
pk_check_panel_class_init (PkCheckPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pk_check_panel_dispose;
  signals[VERDICT_CHANGED] = g_signal_new ("verdict-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
  /* typed coordinates: the map should go there */
  signals[LOCATION_ENTERED] = g_signal_new ("location-entered", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ir/pishkhan/Siting/ui/pk-check-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, coords_entry);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, license_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, area_spin);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, land_use_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, place_label);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, rules_list);
  gtk_widget_class_bind_template_child (widget_class, PkCheckPanel, pdf_button);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_coords_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_pdf_cb);
}

static void
pk_check_panel_init (PkCheckPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pk_spin_button_localize (self->area_spin, NULL);       /* Persian digits in Persian */
}

GtkWidget *
pk_check_panel_new (void)
{
  return g_object_new (PK_TYPE_CHECK_PANEL, NULL);
}

/**
 * pk_check_panel_get_checker:
 *
 * The snapshot the panel checks sites with: the workspace's outlines and
 * offices as of the last reload. Its outlines answer "which county, inside
 * the province?" for an office being edited without a new snapshot.
 *
 * Returns: (transfer none) (nullable): the checker, %NULL before a workspace
 */
PkSiteChecker *
pk_check_panel_get_checker (PkCheckPanel *self)
{
  g_return_val_if_fail (PK_IS_CHECK_PANEL (self), NULL);
  return self->checker;
}

/* A new snapshot of the workspace for checking (after opening or any edit). */
/* Checks against @checker (transfer full), built from @store, perhaps in a worker. */
void
pk_check_panel_set_checker (PkCheckPanel  *self,
                            PkStore       *store,
                            PkSiteChecker *checker)
{
  g_return_if_fail (PK_IS_CHECK_PANEL (self));
  g_set_object (&self->store, store);
  /* 25,000 offices' snapshot: freed off the main thread */
  if (self->checker != NULL)
    pk_free_in_background (g_steal_pointer (&self->checker), (GDestroyNotify) pk_site_checker_free);
  self->checker = checker;
  run_check (self);
}

gboolean
pk_check_panel_set_store (PkCheckPanel  *self,
                          PkStore       *store,
                          GError       **error)
{
  PkSiteChecker *checker;

  g_return_val_if_fail (PK_IS_CHECK_PANEL (self), FALSE);
  if ((checker = pk_site_checker_new (store, error)) == NULL)
    return FALSE;
  pk_check_panel_set_checker (self, store, checker);
  return TRUE;
}

void
pk_check_panel_set_location (PkCheckPanel *self,
                             double        lat,
                             double        lon)
{
  g_autofree char *text = NULL;
  g_autofree char *localized = NULL;

  g_return_if_fail (PK_IS_CHECK_PANEL (self));
  self->lat = lat;
  self->lon = lon;
  self->has_site = TRUE;
  self->ignore_office_id = 0;
  text = g_strdup_printf ("%.6f, %.6f", lat, lon);
  localized = pk_text_localize_digits (text);
  gtk_editable_set_text (GTK_EDITABLE (self->coords_entry), localized);
  gtk_widget_remove_css_class (GTK_WIDGET (self->coords_entry), "error");
  run_check (self);
}

void
pk_check_panel_set_license (PkCheckPanel *self,
                            PkLicense     license)
{
  gtk_drop_down_set_selected (self->license_dropdown, license == PK_LICENSE_RURAL ? 1 : 0);
}

void
pk_check_panel_set_area (PkCheckPanel *self,
                         double        area_m2)
{
  gtk_spin_button_set_value (self->area_spin, area_m2);
}

void
pk_check_panel_set_land_use (PkCheckPanel *self,
                             PkLandUse     land_use)
{
  gtk_drop_down_set_selected (self->land_use_dropdown,
                              land_use == PK_LAND_USE_YES ? 1 : land_use == PK_LAND_USE_NO ? 2 : 0);
}

/**
 * pk_check_panel_get_verdict:
 *
 * Returns: (transfer none) (nullable): the current verdict
 */
PkSiteVerdict *
pk_check_panel_get_verdict (PkCheckPanel *self)
{
  g_return_val_if_fail (PK_IS_CHECK_PANEL (self), NULL);
  return self->verdict;
}

gboolean
pk_check_panel_save_pdf (PkCheckPanel  *self,
                         const char    *path,
                         GError       **error)
{
  g_return_val_if_fail (PK_IS_CHECK_PANEL (self), FALSE);
  if (self->verdict == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No site has been checked"));
      return FALSE;
    }
  return write_check_pdf (self->store, self->verdict, path, error);
}

/* Checks an existing office's own place, leaving the office itself out. */
void
pk_check_panel_check_office (PkCheckPanel   *self,
                             const PkOffice *office)
{
  g_return_if_fail (PK_IS_CHECK_PANEL (self));
  pk_check_panel_set_license (self, office->license);
  pk_check_panel_set_location (self, office->lat, office->lon);
  self->ignore_office_id = office->id;
  run_check (self);
}
