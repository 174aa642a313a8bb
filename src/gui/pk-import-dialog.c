/* pk-import-dialog.c: an import's dry run — how many rows are valid, each
 * refused row with its reason, notes (columns ignored…) — and the choices it
 * leaves: import all when nothing is refused, the valid rows only when some
 * are, or nothing. Nothing has been written when it opens.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-import-dialog.h"
#include "pk-text.h"

struct _PkImportDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *scroller;
  GtkListBox       *row_list;

  char             *path;
  gboolean          urban_areas;
  guint             n_refused;
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_URBAN_AREAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PkImportDialog, pk_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
add_line (PkImportDialog *self,
          const char     *text,
          const char     *icon,
          const char     *css)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  g_autofree char *localized = pk_text_localize_digits (text);
  GtkWidget *label = gtk_label_new (localized);

  gtk_widget_add_css_class (image, css);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_append (self->row_list, box);
}

static void
set_report (PkImportDialog       *self,
            const PkImportReport *report)
{
  g_autofree char *summary = g_strdup_printf (_("%u of %u rows are valid."), report->n_valid, report->n_rows);
  g_autofree char *localized = pk_text_localize_digits (summary);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_body (dialog, localized);
  self->n_refused = report->problems->len;
  for (guint i = 0; i < report->problems->len; i++)
    add_line (self, g_ptr_array_index (report->problems, i), "dialog-error-symbolic", "error");
  for (guint i = 0; i < report->notes->len; i++)
    add_line (self, g_ptr_array_index (report->notes, i), "dialog-information-symbolic", "dim-label");
  gtk_widget_set_visible (self->scroller, report->problems->len + report->notes->len > 0);

  if (report->problems->len > 0 && report->n_valid > 0)
    adw_message_dialog_add_response (dialog, "skip", _("Import _Valid Rows Only"));
  if (report->problems->len == 0 && report->n_valid > 0)
    {
      adw_message_dialog_add_response (dialog, "import", _("_Import"));
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "import");
    }
}

static void
pk_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkImportDialog *self = PK_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_URBAN_AREAS:
      g_value_set_boolean (value, self->urban_areas);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PkImportDialog *self = PK_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_URBAN_AREAS:
      self->urban_areas = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_import_dialog_finalize (GObject *object)
{
  PkImportDialog *self = PK_IMPORT_DIALOG (object);

  g_free (self->path);
  G_OBJECT_CLASS (pk_import_dialog_parent_class)->finalize (object);
}

static void
pk_import_dialog_class_init (PkImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pk_import_dialog_finalize;
  object_class->get_property = pk_import_dialog_get_property;
  object_class->set_property = pk_import_dialog_set_property;

  /**
   * PkImportDialog:path:
   *
   * The file checked, and imported if the person says so.
   */
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS);
  /**
   * PkImportDialog:urban-areas:
   *
   * City limits (GeoJSON) rather than offices.
   */
  properties[PROP_URBAN_AREAS] = g_param_spec_boolean ("urban-areas", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PkImportDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, PkImportDialog, row_list);
}

static void
pk_import_dialog_init (PkImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pk_import_dialog_new:
 * @report: the dry run of importing @path
 */
PkImportDialog *
pk_import_dialog_new (GtkWindow            *parent,
                      const char           *path,
                      gboolean              urban_areas,
                      const PkImportReport *report)
{
  PkImportDialog *self = g_object_new (PK_TYPE_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE,
                                       "path", path, "urban-areas", urban_areas, NULL);

  set_report (self, report);
  return self;
}

const char *
pk_import_dialog_get_path (PkImportDialog *self)
{
  g_return_val_if_fail (PK_IS_IMPORT_DIALOG (self), NULL);
  return self->path;
}

gboolean
pk_import_dialog_get_urban_areas (PkImportDialog *self)
{
  g_return_val_if_fail (PK_IS_IMPORT_DIALOG (self), FALSE);
  return self->urban_areas;
}

/* How many rows the dry run refused. */
guint
pk_import_dialog_get_n_refused (PkImportDialog *self)
{
  g_return_val_if_fail (PK_IS_IMPORT_DIALOG (self), 0);
  return self->n_refused;
}
