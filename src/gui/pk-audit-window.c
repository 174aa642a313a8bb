/* pk-audit-window.c: the audit log, readable — who changed what and when,
 * filtered by person, kind of record and date, the newest first, before and
 * after side by side; exported as CSV. Read in the background.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-audit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-export.h"
#include "pk-gui-util.h"
#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-audit-window.h"
#include "pk-text.h"

/* The changes are read a page at a time, newest first; "Show More" reads the
 * next (the CSV has them all). */
#define PAGE 200

struct _PkAuditWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *title;
  GtkSearchEntry *actor_entry;
  GtkDropDown    *entity_drop;
  GtkEntry       *since_entry;
  GtkListBox     *list;

  PkStore        *store;         /* owned */
  GCancellable   *cancellable;   /* owned: the read under way */
  GPtrArray      *entries;       /* PkAuditEntry: the pages read so far, newest first */
  gboolean        more;          /* the last page was full: there may be older ones */
  GtkWidget      *more_row;      /* "Show More", or NULL */
  struct Filter  *filter;        /* what the pages are read with */
  guint           n_busy;
};

G_DEFINE_FINAL_TYPE (PkAuditWindow, pk_audit_window, ADW_TYPE_WINDOW)

/* The kinds of record, as the store names them; the first is "every kind". */
static const char * const entities[] = {
  NULL, "office", "zone", "case", "case-decision", "case-condition", "meeting", "visit", "visit-photo", "bundle",
  "bundle-conflict", "rule_setting", "urban_area",
};

static const char *
entity_display_name (const char *entity)
{
  if (g_strcmp0 (entity, "office") == 0) return _("Offices");
  if (g_strcmp0 (entity, "zone") == 0) return _("Approved zones");
  if (g_strcmp0 (entity, "case") == 0) return _("Cases");
  if (g_strcmp0 (entity, "case-decision") == 0) return _("Decisions");
  if (g_strcmp0 (entity, "case-condition") == 0) return _("Conditions");
  if (g_strcmp0 (entity, "meeting") == 0) return _("Meetings");
  if (g_strcmp0 (entity, "visit") == 0) return _("Site visits");
  if (g_strcmp0 (entity, "visit-photo") == 0) return _("Visit photos");
  if (g_strcmp0 (entity, "bundle") == 0) return _("Field bundles");
  if (g_strcmp0 (entity, "bundle-conflict") == 0) return _("Merge conflicts");
  if (g_strcmp0 (entity, "rule_setting") == 0) return _("Rule settings");
  if (g_strcmp0 (entity, "urban_area") == 0) return _("City limits");
  return _("Every kind of record");
}

typedef struct Filter
{
  char  *actor;
  char  *entity;
  char  *since;
  gint64 before;       /* the page's start: below this id (0: the newest) */
} Filter;

static void
filter_free (Filter *f)
{
  g_free (f->actor);
  g_free (f->entity);
  g_free (f->since);
  g_free (f);
}

static Filter *
filter_copy (const Filter *f)
{
  Filter *copy = g_new0 (Filter, 1);

  copy->actor = g_strdup (f->actor);
  copy->entity = g_strdup (f->entity);
  copy->since = g_strdup (f->since);
  copy->before = f->before;
  return copy;
}

static gpointer
read_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Filter *f = data;

  return pk_store_list_audit_page (store, f->since, f->actor, f->entity, f->before, PAGE, error);
}

/* A JSON record as lines of "key: value", for reading side by side. */
static char *
readable (const char *json)
{
  g_autoptr(JsonParser) parser = json ? pk_json_parse_text (json) : NULL;
  JsonObject *o;
  GString *out;
  g_autoptr(GList) members = NULL;

  if (json == NULL)
    return g_strdup ("—");
  if (parser == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (json);
  o = json_node_get_object (json_parser_get_root (parser));
  out = g_string_new (NULL);
  members = json_object_get_members (o);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *v = json_object_get_member (o, l->data);
      g_autofree char *value = JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING
                               ? g_strdup (json_node_get_string (v)) : json_to_string (v, FALSE);

      g_string_append_printf (out, "%s%s: %s", out->len ? "\n" : "", (char *) l->data, value);
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
side (const char *heading,
      const char *json)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (heading);
  g_autofree char *text = readable (json);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
entry_row (const PkAuditEntry *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  g_autofree char *day = g_strndup (e->at ? e->at : "", 10);
  g_autofree char *date = pk_date_format_for_locale (day);
  g_autofree char *time = e->at && strlen (e->at) >= 16 ? g_strndup (e->at + 11, 5) : g_strdup ("");
  g_autofree char *head = g_strdup_printf ("%s %s UTC · %s · %s · %s %" G_GINT64_FORMAT, date, time, e->actor,
                                           e->action, e->entity, e->entity_id);
  g_autofree char *localized = pk_text_localize_digits (head);
  GtkWidget *label = gtk_label_new (localized);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides), side (_("Before"), e->before));
  gtk_box_append (GTK_BOX (sides), side (_("After"), e->after));
  gtk_box_append (GTK_BOX (box), sides);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

static void read_page (PkAuditWindow *self,
                       gboolean       more);

static void
on_more_clicked_cb (PkAuditWindow *self)
{
  read_page (self, TRUE);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PkAuditWindow *self = PK_AUDIT_WINDOW (source);
  Filter *asked = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pk_store_run_job_finish (result, &error);
  GtkWidget *child;

  self->n_busy--;
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Audit Log"), error->message);
      return;
    }
  if (asked->before == 0)              /* a first page: instead of what was shown */
    {
      g_ptr_array_set_size (self->entries, 0);
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
        gtk_list_box_remove (self->list, child);
      self->more_row = NULL;
    }
  if (self->more_row != NULL)
    {
      gtk_list_box_remove (self->list, self->more_row);
      self->more_row = NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list, entry_row (g_ptr_array_index (entries, i)));
  self->more = entries->len == PAGE;
  g_ptr_array_extend_and_steal (self->entries, g_steal_pointer (&entries));
  if (self->more)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _Older Changes"));

      gtk_widget_add_css_class (button, "flat");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_more_clicked_cb), self, G_CONNECT_SWAPPED);
      self->more_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->more_row), button);
      gtk_list_box_append (self->list, self->more_row);
    }
  {
    g_autofree char *text = self->more
      ? g_strdup_printf (_("The newest %u changes; older ones on request, or export them all"), self->entries->len)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", self->entries->len),
                         self->entries->len);
    g_autofree char *localized = pk_text_localize_digits (text);

    adw_window_title_set_subtitle (self->title, localized);
  }
}

/* Reads the newest page the filters find, or (@more) the next older one. */
static void
read_page (PkAuditWindow *self,
           gboolean       more)
{
  Filter *f;

  if (more)
    {
      if (!self->more || self->filter == NULL || self->entries->len == 0)
        return;
      f = filter_copy (self->filter);
      f->before = ((PkAuditEntry *) g_ptr_array_index (self->entries, self->entries->len - 1))->id;
      if (self->more_row != NULL)
        gtk_widget_set_sensitive (self->more_row, FALSE);
    }
  else
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      f = filter_copy (self->filter);
    }
  self->n_busy++;
  pk_store_run_job_async (self->store, self, read_job, f, (GDestroyNotify) filter_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_read, NULL);
}

static void
reload (PkAuditWindow *self)
{
  Filter *f = g_new0 (Filter, 1);
  const char *actor = gtk_editable_get_text (GTK_EDITABLE (self->actor_entry));
  const char *since = gtk_editable_get_text (GTK_EDITABLE (self->since_entry));
  guint kind = gtk_drop_down_get_selected (self->entity_drop);

  f->actor = *actor ? g_strdup (actor) : NULL;
  f->entity = kind < G_N_ELEMENTS (entities) ? g_strdup (entities[kind]) : NULL;
  if (*since && !pk_date_parse_input (since, &f->since))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->since_entry), "error");
      filter_free (f);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->since_entry), "error");
  g_clear_pointer (&self->filter, filter_free);
  self->filter = f;
  read_page (self, FALSE);
}

static void
on_filter_changed_cb (PkAuditWindow *self)
{
  if (self->store != NULL)
    reload (self);
}

/* Every change the filters find, oldest first, read in the worker. */
static gboolean
save_csv (PkStore     *store,
          gpointer     data,
          const char  *path,
          GError     **error)
{
  Filter *f = data;
  g_autoptr(GPtrArray) all = pk_store_list_audit (store, f->since, f->actor, f->entity, error);
  g_autofree char *text = NULL;

  if (all == NULL)
    return FALSE;
  text = pk_export_audit_csv (all);
  return g_file_set_contents (path, text, -1, error);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PkAuditWindow *self = PK_AUDIT_WINDOW (widget);

  if (self->filter != NULL)
    pk_save_file_dialog_in_worker (widget, _("Export the Audit Log"), "audit.csv", self->store, save_csv,
                                   filter_copy (self->filter), (GDestroyNotify) filter_free);
}

/* As typing the filters: for tests. */
void
pk_audit_window_set_filter (PkAuditWindow *self,
                            const char    *actor,
                            const char    *entity,
                            const char    *since)
{
  g_return_if_fail (PK_IS_AUDIT_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->actor_entry), actor ? actor : "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), since ? since : "");
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entities[i], entity) == 0)
      gtk_drop_down_set_selected (self->entity_drop, i);
  reload (self);
}

gboolean
pk_audit_window_is_busy (PkAuditWindow *self)
{
  g_return_val_if_fail (PK_IS_AUDIT_WINDOW (self), FALSE);
  return self->n_busy > 0;
}

/* How many changes are shown (the pages read so far). */
guint
pk_audit_window_get_n_rows (PkAuditWindow *self)
{
  g_return_val_if_fail (PK_IS_AUDIT_WINDOW (self), 0);
  return self->entries->len;
}

/* For the tests: reads the next older page, as "Show Older Changes" does;
 * FALSE when there is none. */
gboolean
pk_audit_window_show_more (PkAuditWindow *self)
{
  g_return_val_if_fail (PK_IS_AUDIT_WINDOW (self), FALSE);
  if (!self->more)
    return FALSE;
  read_page (self, TRUE);
  return TRUE;
}

static void
pk_audit_window_dispose (GObject *object)
{
  PkAuditWindow *self = PK_AUDIT_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, filter_free);
  G_OBJECT_CLASS (pk_audit_window_parent_class)->dispose (object);
}

static void
pk_audit_window_finalize (GObject *object)
{
  g_ptr_array_unref (PK_AUDIT_WINDOW (object)->entries);
  G_OBJECT_CLASS (pk_audit_window_parent_class)->finalize (object);
}

static void
pk_audit_window_class_init (PkAuditWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pk_audit_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = pk_audit_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkAuditWindow, title);
  gtk_widget_class_bind_template_child (widget_class, PkAuditWindow, actor_entry);
  gtk_widget_class_bind_template_child (widget_class, PkAuditWindow, entity_drop);
  gtk_widget_class_bind_template_child (widget_class, PkAuditWindow, since_entry);
  gtk_widget_class_bind_template_child (widget_class, PkAuditWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
}

static void
pk_audit_window_init (PkAuditWindow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    gtk_string_list_append (kinds, entity_display_name (entities[i]));
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pk_audit_entry_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->entity_drop, G_LIST_MODEL (kinds));
}

/**
 * pk_audit_window_new:
 *
 * The audit log of @store's workspace, read at once in the background.
 */
PkAuditWindow *
pk_audit_window_new (GtkWindow *parent,
                     PkStore   *store)
{
  PkAuditWindow *self = g_object_new (PK_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  reload (self);
  return self;
}
