/* pk-visits-window.c: site visits (S11) — the inspector's visits as a list
 * and on a map; the visit form (ST-1 … ST-13, measured area, observed
 * position, photos, outcome), each change saved in the background as it is
 * made; field bundles exported and merged back; the conflicts a merge left,
 * side by side for a person to settle.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-visits-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pk-bundle.h"
#include "pk-gui-util.h"
#include "pk-jalali.h"
#include "pk-json.h"
#include "pk-map-view.h"
#include "pk-photo.h"
#include "pk-report.h"
#include "pk-text.h"
#include "pk-visits.h"
#include "pk-visits-window.h"

#define THUMB_SIDE 180

struct _PkVisitsWindow
{
  AdwWindow          parent_instance;

  AdwViewStack      *stack;
  AdwViewStackPage  *conflicts_page;
  GtkWidget         *import_button;
  AdwToastOverlay   *toast_overlay;
  gint64             last_resolved;    /* the conflict resolved last here, for the tests */
  GtkWidget         *export_button;
  GtkRevealer       *bundle_banner;
  GtkLabel          *bundle_label;
  GtkBox            *list_column;
  GtkSearchEntry    *inspector_entry;
  GtkListBox        *visit_list;
  GtkBox            *form_box;
  GtkBox            *conflict_box;

  PkStore           *store;        /* owned */
  gboolean           bundle;       /* the workspace is a field bundle */
  PkMapView         *map;
  gboolean           have_map;     /* its outlines and offices are read */
  GCancellable      *cancellable;  /* owned: the window's work */
  guint              n_busy;
  GPtrArray         *items;        /* Item, as last read */
  GPtrArray         *conflicts;    /* PkBundleConflict, open */
  gint64             shown_id;     /* the visit in the form, or 0 */
  struct Page       *page;         /* its data, as last read */
  GQueue             edits;        /* Edit: saved one after another */
  gboolean           saving;
  gboolean           picking;      /* the next click on the map is the observed position */
  GPtrArray         *undo;         /* Undo: what each change to the shown visit replaced, the last on top */
  gulong             changed_id;
  guint              reload_id;

  /* the parts of the form that follow each save */
  GtkWidget         *measure_group;
  GPtrArray         *live_rows;    /* its rows that say what the measurements mean now */
  GtkWidget         *photo_flow;
  GtkWidget         *add_photos;
  GtkWidget         *outcome_group;
  GtkWidget         *reason_entry;
};

G_DEFINE_FINAL_TYPE (PkVisitsWindow, pk_visits_window, ADW_TYPE_WINDOW)

/* ---- what is read in a worker ---------------------------------------------------- */

typedef struct
{
  PkVisit *visit;
  char    *subject;      /* the case's number or the office's code */
  char    *applicant;
  gboolean has_site;
  double   lat, lon;
  guint    n_photos;
} Item;

static void
item_free (Item *item)
{
  pk_visit_free (item->visit);
  g_free (item->subject);
  g_free (item->applicant);
  g_free (item);
}

typedef struct
{
  GPtrArray *items;
  GPtrArray *conflicts;
  PkMapData *map_data;    /* the first time only */
} List;

static void
list_free (List *l)
{
  g_clear_pointer (&l->items, g_ptr_array_unref);
  g_clear_pointer (&l->conflicts, g_ptr_array_unref);
  g_clear_pointer (&l->map_data, pk_map_data_free);
  g_free (l);
}

typedef struct Page
{
  PkVisit      *visit;
  PkCase       *c;          /* the case, or NULL for a routine inspection */
  PkVisitCheck *check;
  GPtrArray    *photos;     /* PkVisitPhoto */
  GPtrArray    *thumbs;     /* GdkTexture, or NULL where a photo would not decode */
} Page;

static void
page_free (Page *p)
{
  if (p == NULL)
    return;
  g_clear_pointer (&p->visit, pk_visit_free);
  g_clear_pointer (&p->c, pk_case_free);
  g_clear_pointer (&p->check, pk_visit_check_free);
  g_clear_pointer (&p->photos, g_ptr_array_unref);
  g_clear_pointer (&p->thumbs, g_ptr_array_unref);
  g_free (p);
}

typedef struct
{
  char     *inspector;    /* the filter, or NULL */
  gboolean  want_map;     /* the map's data too (the first time) */
} ListArgs;

static void
list_args_free (ListArgs *a)
{
  g_free (a->inspector);
  g_free (a);
}

static gpointer
list_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ListArgs *args = data;
  g_autoptr(GPtrArray) visits = pk_store_list_visits (store, args->inspector, error);
  List *l;

  if (visits == NULL)
    return NULL;
  l = g_new0 (List, 1);
  l->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (guint i = 0; i < visits->len; i++)
    {
      PkVisit *v = g_ptr_array_index (visits, i);
      Item *item = g_new0 (Item, 1);
      g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, v->id, 0, NULL);

      if (v->case_id > 0)
        {
          g_autoptr(PkCase) c = pk_store_get_case (store, v->case_id, NULL);

          item->subject = g_strdup (c ? c->number : "?");
          item->applicant = g_strdup (c ? pk_case_get_field (c, "company.name") : NULL);
          if (c != NULL && c->has_site && !c->site_not_on_map)
            {
              item->has_site = TRUE;
              item->lat = c->site_lat;
              item->lon = c->site_lon;
            }
        }
      else
        {
          g_autoptr(PkOffice) o = pk_store_get_office (store, v->office_id, NULL);

          item->subject = g_strdup (o ? o->code : "?");
          item->applicant = g_strdup (o ? o->name : NULL);
          if (o != NULL)
            {
              item->has_site = TRUE;
              item->lat = o->lat;
              item->lon = o->lon;
            }
        }
      item->n_photos = photos ? photos->len : 0;
      item->visit = pk_visit_copy (v);
      g_ptr_array_add (l->items, item);
    }
  if ((l->conflicts = pk_store_list_bundle_conflicts (store, TRUE, error)) == NULL ||
      (args->want_map && (l->map_data = pk_map_data_load (store, error)) == NULL))
    {
      list_free (l);
      return NULL;
    }
  return l;
}

/* An RGB24 image as a texture (painted onto ARGB32 first: RGB24's spare byte
 * is not an alpha). */
static GdkTexture *
texture_of (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (argb);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_set_source_surface (cr, s, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (argb);
  bytes = g_bytes_new (cairo_image_surface_get_data (argb), (gsize) cairo_image_surface_get_stride (argb) * h);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (argb));
  cairo_surface_destroy (argb);
  return texture;
}

/* The visit, its case, the check at the observed position and its photos'
 * thumbnails: everything the form shows. */
static Page *
read_page (PkStore  *store,
           gint64    visit_id,
           GError  **error)
{
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, error);
  Page *p;

  if (checker == NULL)
    return NULL;
  p = g_new0 (Page, 1);
  if ((p->visit = pk_store_get_visit (store, visit_id, error)) == NULL ||
      (p->check = pk_visit_check (store, checker, p->visit, error)) == NULL ||
      (p->photos = pk_store_list_visit_photos (store, visit_id, 0, error)) == NULL)
    {
      page_free (p);
      return NULL;
    }
  if (p->visit->case_id > 0)
    p->c = pk_store_get_case (store, p->visit->case_id, NULL);
  p->thumbs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < p->photos->len; i++)
    {
      PkVisitPhoto *photo = g_ptr_array_index (p->photos, i);
      g_autoptr(GBytes) content = pk_store_get_visit_photo_content (store, photo->id, NULL);
      cairo_surface_t *s = content ? pk_photo_decode (content, THUMB_SIDE * 2, NULL) : NULL;

      g_ptr_array_add (p->thumbs, s ? texture_of (s) : NULL);
      if (s != NULL)
        cairo_surface_destroy (s);
    }
  return p;
}

static gpointer
page_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return read_page (store, *(gint64 *) data, error);
}

/* ---- busy -------------------------------------------------------------------------- */

static void
set_busy (PkVisitsWindow *self,
          gboolean        busy)
{
  self->n_busy += busy ? 1 : -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->n_busy > 0 ? "progress" : NULL);
}

/* ---- the list and the map ---------------------------------------------------------- */

static const char *
outcome_class (PkVisitOutcome outcome)
{
  return outcome == PK_VISIT_COMPLIANT ? "success" : outcome == PK_VISIT_NOT_COMPLIANT ? "error" : "dim-label";
}

static GtkWidget *
visit_row (const Item *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *date = pk_date_format_for_locale (item->visit->date);
  g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT " · %s · %s", item->visit->id, item->subject, date);
  g_autofree char *head_l = pk_text_localize_digits (head);
  g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u photo", "%s — %u photos",
                                                       item->n_photos),
                                          item->visit->inspector, item->n_photos);
  g_autofree char *sub_l = pk_text_localize_digits (sub);
  GtkWidget *label = gtk_label_new (head_l);
  GtkWidget *state = gtk_label_new (pk_visit_outcome_display_name (item->visit->outcome));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);
  gtk_widget_add_css_class (state, "caption-heading");
  gtk_widget_add_css_class (state, outcome_class (item->visit->outcome));
  gtk_box_append (GTK_BOX (top), state);
  gtk_box_append (GTK_BOX (box), top);
  if (item->applicant != NULL)
    {
      label = gtk_label_new (item->applicant);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }
  label = gtk_label_new (sub_l);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "visit-id", GSIZE_TO_POINTER ((gsize) item->visit->id));
  return row;
}

/* Every visit a pin, numbered; the chosen one with where it was found. */
static void
update_marks (PkVisitsWindow *self)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, TRUE, sizeof (PkMapMark));

  if (self->map == NULL || self->items == NULL)
    return;
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = g_ptr_array_index (self->items, i);
      PkMapMark m = { item->lat, item->lon, PK_MAP_MARK_OPEN, item->visit->id == self->shown_id, "" };
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT, item->visit->id);
      g_autofree char *label_l = pk_text_localize_digits (label);
      const PkVisit *v = item->visit->id == self->shown_id && self->page ? self->page->visit : item->visit;

      if (!item->has_site)
        continue;
      m.kind = v->outcome == PK_VISIT_COMPLIANT ? PK_MAP_MARK_DONE
               : v->outcome == PK_VISIT_NOT_COMPLIANT ? PK_MAP_MARK_FAILED : PK_MAP_MARK_OPEN;
      g_strlcpy (m.label, label_l, sizeof m.label);
      g_array_append_val (marks, m);
      if (m.chosen && v->has_position)
        {
          PkMapMark seen = { v->lat, v->lon, PK_MAP_MARK_OBSERVED, TRUE, "" };

          g_array_append_val (marks, seen);
        }
    }
  pk_map_view_set_marks (self->map, marks);
}

static void load (PkVisitsWindow *self);
static void show_page (PkVisitsWindow *self, gint64 visit_id);
static void build_conflicts (PkVisitsWindow *self);

static void
on_list_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  g_autoptr(GError) error = NULL;
  List *l = pk_store_run_job_finish (result, &error);
  GtkWidget *child;
  GtkListBoxRow *keep = NULL;

  set_busy (self, FALSE);
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Visits"), error->message);
      return;
    }
  if (l->map_data != NULL)
    {
      pk_map_view_set_data (self->map, g_steal_pointer (&l->map_data));
      pk_map_view_set_basemap (self->map, PK_BASEMAP_BUILTIN, NULL, NULL);
      self->have_map = TRUE;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&l->items);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = g_steal_pointer (&l->conflicts);
  list_free (l);

  g_signal_handlers_block_matched (self->visit_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visit_list))) != NULL)
    gtk_list_box_remove (self->visit_list, child);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = g_ptr_array_index (self->items, i);
      GtkWidget *row = visit_row (item);

      gtk_list_box_append (self->visit_list, row);
      if (item->visit->id == self->shown_id)
        keep = GTK_LIST_BOX_ROW (row);
    }
  if (keep != NULL)
    gtk_list_box_select_row (self->visit_list, keep);
  g_signal_handlers_unblock_matched (self->visit_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  adw_view_stack_page_set_needs_attention (self->conflicts_page, self->conflicts->len > 0);
  adw_view_stack_page_set_badge_number (self->conflicts_page, self->conflicts->len);
  build_conflicts (self);
  update_marks (self);
  if (self->shown_id == 0 && self->items->len > 0)
    {
      /* the first visit waiting for an outcome, else the first */
      gint64 first = ((Item *) g_ptr_array_index (self->items, 0))->visit->id;

      for (guint i = 0; i < self->items->len; i++)
        if (((Item *) g_ptr_array_index (self->items, i))->visit->outcome == PK_VISIT_PENDING)
          {
            first = ((Item *) g_ptr_array_index (self->items, i))->visit->id;
            break;
          }
      pk_visits_window_show_visit (self, first);
    }
  else if (self->items->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
        gtk_box_remove (self->form_box, child);
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "find-location-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Site Visits"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("Assign a visit from a case at the site-visit step (S11), or from an "
                                         "office for a routine inspection."));
      gtk_box_append (self->form_box, empty);
    }
}

static void
load (PkVisitsWindow *self)
{
  const char *inspector = gtk_editable_get_text (GTK_EDITABLE (self->inspector_entry));
  ListArgs *args = g_new0 (ListArgs, 1);

  args->inspector = *inspector ? g_strdup (inspector) : NULL;
  args->want_map = !self->have_map;
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, list_job, args, (GDestroyNotify) list_args_free,
                          (GDestroyNotify) list_free, self->cancellable, on_list_read, NULL);
}

static gboolean
reload_cb (gpointer data)
{
  PkVisitsWindow *self = data;

  self->reload_id = 0;
  load (self);
  return G_SOURCE_REMOVE;
}

/* Visits, photos and conflicts changed (here, in a merge, or elsewhere): the
 * list is read again, once, a moment later. */
static void
on_store_changed_cb (PkStore        *store,
                     const char     *entity,
                     gint64          id,
                     PkVisitsWindow *self)
{
  if (!g_str_has_prefix (entity, "visit") && !g_str_has_prefix (entity, "bundle") &&
      !g_str_equal (entity, "workspace"))
    return;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (300, reload_cb, self);
}

static void
on_filter_changed_cb (PkVisitsWindow *self)
{
  load (self);
}

static void
on_visit_selected_cb (PkVisitsWindow *self,
                      GtkListBoxRow  *row)
{
  if (row != NULL)
    show_page (self, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "visit-id")));
}

/* ---- saving, one change after another ---------------------------------------------- */

typedef enum
{
  EDIT_STANDARD,
  EDIT_NOTE,
  EDIT_AREA,
  EDIT_POSITION,
  EDIT_OUTCOME,
  EDIT_PHOTOS,
  EDIT_RESTORE,               /* undo: the visit as it was before the last change */
  EDIT_REMOVE_PHOTO,
  EDIT_REMOVE_PHOTOS,         /* undo of photos added */
  EDIT_RESTORE_PHOTO,         /* undo of a photo removed */
} EditKind;

typedef struct
{
  EditKind        kind;
  gint64          visit_id;
  gint64          revision;   /* as the form last read it: another's change since is refused */
  int             index;
  PkStResult      result;
  char           *text;
  double          a, b;
  PkVisitOutcome  outcome;
  GStrv           paths;
  PkVisit        *restore;
  GArray         *photo_ids;  /* gint64: the photos to remove */
  PkVisitPhoto   *photo;      /* a photo removed (filled by the job) or to put back */
  GBytes         *content;    /* … and its bytes */
} Edit;

/* What an undo brings back: the visit's fields as they were, photos added
 * (to remove), or a photo removed (to put back). */
typedef struct
{
  PkVisit      *before;
  GArray       *added;       /* gint64 */
  PkVisitPhoto *removed;
  GBytes       *content;
} Undo;

static void
undo_free (Undo *u)
{
  g_clear_pointer (&u->before, pk_visit_free);
  g_clear_pointer (&u->added, g_array_unref);
  g_clear_pointer (&u->removed, pk_visit_photo_free);
  g_clear_pointer (&u->content, g_bytes_unref);
  g_free (u);
}

static void
edit_free (Edit *e)
{
  g_free (e->text);
  g_strfreev (e->paths);
  g_clear_pointer (&e->restore, pk_visit_free);
  g_clear_pointer (&e->photo_ids, g_array_unref);
  g_clear_pointer (&e->photo, pk_visit_photo_free);
  g_clear_pointer (&e->content, g_bytes_unref);
  g_free (e);
}

static gboolean
apply_edit (PkStore  *store,
            Edit     *e,
            PkVisit  *v,
            GError  **error)
{
  switch (e->kind)
    {
    case EDIT_STANDARD:
      return pk_visit_set_standard (store, v, pk_standard_id (e->index), e->result, NULL, error);
    case EDIT_NOTE:
      return pk_visit_set_standard (store, v, pk_standard_id (e->index), v->standards[e->index].result,
                                    e->text ? e->text : "", error);
    case EDIT_AREA:
      return pk_visit_set_area (store, v, e->a, error);
    case EDIT_POSITION:
      return pk_visit_set_position (store, v, TRUE, e->a, e->b, error);
    case EDIT_OUTCOME:
      return pk_visit_set_outcome (store, v, e->outcome, e->text, NULL, error);
    case EDIT_RESTORE:
      {
        g_autoptr(PkVisit) back = pk_visit_copy (e->restore);
        g_autofree char *json = pk_visit_to_json (e->restore);
        g_autoptr(JsonParser) parser = pk_json_parse_text (json);

        /* its content, onto the visit as it is now (a change by someone else since is refused) */
        pk_record_clear (&back->record);
        pk_record_copy_into (&back->record, &v->record);
        back->id = v->id;
        pk_visit_take_json (back, json_node_get_object (json_parser_get_root (parser)));
        return pk_store_update_visit (store, back, error);
      }
    case EDIT_REMOVE_PHOTO:
      {
        g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, v->id, 0, error);
        gint64 id = g_array_index (e->photo_ids, gint64, 0);

        /* kept, so that an undo can put it back as it was */
        for (guint i = 0; photos != NULL && i < photos->len; i++)
          if (((PkVisitPhoto *) g_ptr_array_index (photos, i))->id == id)
            e->photo = pk_visit_photo_copy (g_ptr_array_index (photos, i));
        if (photos == NULL || (e->content = pk_store_get_visit_photo_content (store, id, error)) == NULL)
          return FALSE;
        return pk_visit_remove_photo (store, v, id, error);
      }
    case EDIT_REMOVE_PHOTOS:
      if (!pk_store_begin (store, error))
        return FALSE;
      for (guint i = 0; i < e->photo_ids->len; i++)
        if (!pk_visit_remove_photo (store, v, g_array_index (e->photo_ids, gint64, i), error))
          {
            pk_store_rollback (store);
            return FALSE;
          }
      return pk_store_commit (store, error);
    case EDIT_RESTORE_PHOTO:
      {
        gsize len;
        const guint8 *head = g_bytes_get_data (e->content, &len);

        e->photo->visit_id = v->id;
        return pk_store_add_visit_photo (store, e->photo, len > 4 && head[0] == 0x89 ? "image/png" : "image/jpeg",
                                         e->content, 0, error) > 0;
      }
    case EDIT_PHOTOS:
      if (!pk_store_begin (store, error))
        return FALSE;
      for (guint i = 0; e->paths && e->paths[i]; i++)
        {
          g_autofree char *data = NULL;
          g_autoptr(GBytes) bytes = NULL;
          gsize len;

          if (!g_file_get_contents (e->paths[i], &data, &len, error))
            {
              pk_store_rollback (store);
              return FALSE;
            }
          bytes = g_bytes_new_take (g_steal_pointer (&data), len);
          if (pk_visit_add_photo (store, v, e->paths[i], bytes, error) == 0)
            {
              pk_store_rollback (store);
              return FALSE;
            }
        }
      return pk_store_commit (store, error);
    default:
      g_assert_not_reached ();
    }
}

static gpointer
save_job (PkStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Edit *e = data;
  g_autoptr(PkVisit) v = pk_store_get_visit (store, e->visit_id, error);

  if (v == NULL)
    return NULL;
  v->record.revision = e->revision;
  if (!apply_edit (store, e, v, error))
    return NULL;
  return read_page (store, e->visit_id, error);
}

static void save_next (PkVisitsWindow *self);
static void refresh_live (PkVisitsWindow *self);
static void build_photos (PkVisitsWindow *self);
static void build_form (PkVisitsWindow *self);

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  g_autoptr(GError) error = NULL;
  Edit *e = pk_store_job_get_data (result);
  EditKind kind = e->kind;
  gint64 visit_id = e->visit_id;
  Page *page = pk_store_run_job_finish (result, &error);

  self->saving = FALSE;
  set_busy (self, FALSE);
  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* what was not saved is not kept: the form shows the visit as stored */
      g_queue_clear_full (&self->edits, (GDestroyNotify) edit_free);
      pk_show_error (GTK_WIDGET (self), _("Cannot Save the Visit"), error->message);
      if (visit_id == self->shown_id)
        show_page (self, visit_id);
      return;
    }
  if (visit_id != self->shown_id)
    page_free (page);
  else
    {
      /* what the form showed before is what an undo brings back */
      if (self->page != NULL && (kind == EDIT_STANDARD || kind == EDIT_NOTE || kind == EDIT_AREA ||
                                 kind == EDIT_POSITION))
        {
          Undo *u = g_new0 (Undo, 1);

          u->before = g_steal_pointer (&self->page->visit);
          g_ptr_array_add (self->undo, u);
        }
      else if (self->page != NULL && kind == EDIT_PHOTOS)
        {
          Undo *u = g_new0 (Undo, 1);

          u->added = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (guint i = 0; i < page->photos->len; i++)
            {
              gint64 id = ((PkVisitPhoto *) g_ptr_array_index (page->photos, i))->id;
              gboolean known = FALSE;

              for (guint k = 0; k < self->page->photos->len; k++)
                known |= ((PkVisitPhoto *) g_ptr_array_index (self->page->photos, k))->id == id;
              if (!known)
                g_array_append_val (u->added, id);
            }
          g_ptr_array_add (self->undo, u);
        }
      else if (kind == EDIT_REMOVE_PHOTO && e->photo != NULL && e->content != NULL)
        {
          Undo *u = g_new0 (Undo, 1);

          u->removed = g_steal_pointer (&e->photo);
          u->content = g_steal_pointer (&e->content);
          g_ptr_array_add (self->undo, u);
        }
      else if (kind == EDIT_OUTCOME)
        g_ptr_array_set_size (self->undo, 0);       /* decided: final */
      page_free (self->page);
      self->page = page;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.undo", self->undo->len > 0);
      if (kind == EDIT_OUTCOME || kind == EDIT_RESTORE)
        build_form (self);
      else
        {
          refresh_live (self);
          if (kind == EDIT_PHOTOS || kind == EDIT_REMOVE_PHOTO || kind == EDIT_REMOVE_PHOTOS ||
              kind == EDIT_RESTORE_PHOTO)
            build_photos (self);
        }
      update_marks (self);
    }
  save_next (self);
}

static void
save_next (PkVisitsWindow *self)
{
  Edit *e;

  if (self->saving || (e = g_queue_pop_head (&self->edits)) == NULL)
    return;
  if (self->page != NULL && self->page->visit->id == e->visit_id)
    e->revision = self->page->visit->record.revision;
  self->saving = TRUE;
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, save_job, e, (GDestroyNotify) edit_free, (GDestroyNotify) page_free,
                          self->cancellable, on_saved, NULL);
}

static Edit *
new_edit (PkVisitsWindow *self,
          EditKind        kind)
{
  Edit *e = g_new0 (Edit, 1);

  e->kind = kind;
  e->visit_id = self->shown_id;
  return e;
}

static void
queue_edit (PkVisitsWindow *self,
            Edit           *e)
{
  g_queue_push_tail (&self->edits, e);
  save_next (self);
}

/* ---- the form --------------------------------------------------------------------- */

static const PkStResult choices[] = { PK_ST_UNSET, PK_ST_PASS, PK_ST_FAIL, PK_ST_NA, PK_ST_CENTRAL };

static void
on_standard_chosen_cb (GtkDropDown    *drop,
                       GParamSpec     *pspec,
                       PkVisitsWindow *self)
{
  Edit *e = new_edit (self, EDIT_STANDARD);

  e->index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (drop), "standard"));
  e->result = choices[gtk_drop_down_get_selected (drop)];
  queue_edit (self, e);
}

static void
on_note_done_cb (GtkEntry       *entry,
                 PkVisitsWindow *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "standard"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  Edit *e;

  if (self->page == NULL || g_strcmp0 (self->page->visit->standards[index].note ? self->page->visit->standards[index].note
                                                                                : "", text) == 0)
    return;
  e = new_edit (self, EDIT_NOTE);
  e->index = index;
  e->text = g_strdup (text);
  queue_edit (self, e);
}

static void
on_note_focus_leave_cb (GtkEventControllerFocus *focus,
                        PkVisitsWindow          *self)
{
  on_note_done_cb (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))), self);
}

static GtkWidget *
group (const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  return g;
}

static GtkWidget *
info_row (GtkWidget  *g,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *localized = pk_text_localize_digits (value ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), localized);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
  return row;
}

static GtkWidget *
standard_row (PkVisitsWindow *self,
              const PkVisit  *v,
              int             i,
              gboolean        decided)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *drop, *note;
  GtkEventController *focus;
  guint n = i == 6 ? G_N_ELEMENTS (choices) : G_N_ELEMENTS (choices) - 1;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pk_standard_id (i));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pk_standard_title (i));
  for (guint k = 0; k < n; k++)
    gtk_string_list_append (names, pk_st_result_display_name (choices[k]));
  drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  for (guint k = 0; k < n; k++)
    if (choices[k] == v->standards[i].result)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), k);
  g_object_set_data (G_OBJECT (drop), "standard", GINT_TO_POINTER (i));
  gtk_widget_set_sensitive (drop, !decided);
  if (v->standards[i].result == PK_ST_FAIL)
    gtk_widget_add_css_class (drop, "error");
  g_signal_connect (drop, "notify::selected", G_CALLBACK (on_standard_chosen_cb), self);
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (note), v->standards[i].note ? v->standards[i].note : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (note), 16);
  gtk_widget_set_valign (note, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (note, !decided);
  g_object_set_data (G_OBJECT (note), "standard", GINT_TO_POINTER (i));
  g_signal_connect (note, "activate", G_CALLBACK (on_note_done_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_note_focus_leave_cb), self);
  gtk_widget_add_controller (note, focus);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), note);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop);
  return row;
}

static void
on_area_changed_cb (GtkSpinButton  *spin,
                    PkVisitsWindow *self)
{
  double value = gtk_spin_button_get_value (spin);
  Edit *e;

  if (self->page == NULL || (!isnan (self->page->visit->area_m2) && self->page->visit->area_m2 == value) ||
      (isnan (self->page->visit->area_m2) && value <= 0))
    return;
  e = new_edit (self, EDIT_AREA);
  e->a = value > 0 ? value : NAN;
  queue_edit (self, e);
}

static void
on_pick_toggled_cb (GtkToggleButton *button,
                    PkVisitsWindow  *self)
{
  self->picking = gtk_toggle_button_get_active (button);
  pk_map_view_set_check_mode (self->map, self->picking);
}

static void
on_site_picked_cb (PkMapView      *map,
                   double          lat,
                   double          lon,
                   PkVisitsWindow *self)
{
  Edit *e;

  if (!self->picking || self->page == NULL || self->page->visit->outcome != PK_VISIT_PENDING)
    return;
  e = new_edit (self, EDIT_POSITION);
  e->a = lat;
  e->b = lon;
  queue_edit (self, e);
}

static void
on_use_photo_position_cb (GtkButton      *button,
                          PkVisitsWindow *self)
{
  PkVisitPhoto *p = g_object_get_data (G_OBJECT (button), "photo");
  Edit *e = new_edit (self, EDIT_POSITION);

  e->a = p->lat;
  e->b = p->lon;
  queue_edit (self, e);
}

/* The measurements and what they say now: rebuilt after every save. */
static void
refresh_live (PkVisitsWindow *self)
{
  const Page *p = self->page;
  GtkWidget *row;

  if (p == NULL || self->measure_group == NULL)
    return;
  for (guint i = 0; i < self->live_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->measure_group),
                                  g_ptr_array_index (self->live_rows, i));
  g_ptr_array_set_size (self->live_rows, 0);
  {
    g_autofree char *where = p->visit->has_position ? g_strdup_printf ("%.6f, %.6f", p->visit->lat, p->visit->lon)
                                                    : g_strdup (_("Not recorded: pick it on the map or take it from a photo"));
    g_autofree char *text = NULL;
    GtkWidget *r2 = NULL;

    if (!isnan (p->check->offset_m))
      text = g_strdup_printf (p->check->offset_flagged
                              ? _("%s — %.0f m from the declared site, more than the %.0f m allowed")
                              : _("%s — %.0f m from the declared site (within %.0f m)"),
                              where, p->check->offset_m, p->check->max_offset_m);
    row = info_row (self->measure_group, _("Observed position"), text ? text : where);
    if (p->check->offset_flagged)
      gtk_widget_add_css_class (row, "warning");
    if (p->check->verdict != NULL)
      {
        GString *why = g_string_new (pk_verdict_display_name (p->check->verdict->verdict));
        g_autofree char *why_s = NULL;

        for (guint i = 0; i < p->check->verdict->rules->len; i++)
          {
            const PkRuleResult *r = g_ptr_array_index (p->check->verdict->rules, i);

            if (r->status == PK_RULE_FAIL)
              g_string_append_printf (why, " · %s %s", r->id, r->message);
          }
        why_s = g_string_free (why, FALSE);
        r2 = info_row (self->measure_group, p->visit->has_position ? _("Siting check at the observed position")
                                                                     : _("Siting check at the declared site"), why_s);
        if (p->check->verdict->verdict == PK_VERDICT_FAIL)
          gtk_widget_add_css_class (r2, "error");
      }
    g_ptr_array_add (self->live_rows, row);
    if (r2 != NULL)
      g_ptr_array_add (self->live_rows, r2);
  }
  if (p->check->verdict != NULL && self->map != NULL)
    pk_map_view_set_verdict (self->map, p->check->verdict);
}

static void
on_photo_response_cb (GtkNativeDialog *chooser,
                      int              response,
                      PkVisitsWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) f = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (f);

          if (path != NULL)
            g_strv_builder_add (paths, path);
        }
      list = g_strv_builder_end (paths);
      pk_visits_window_add_photos (self, (const char * const *) list);
    }
  g_object_unref (chooser);
}

static void
on_add_photos_cb (GtkButton      *button,
                  PkVisitsWindow *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose Photos of the Site"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"),
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Photos (JPEG, PNG)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_photo_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_photo_cb (GtkButton      *button,
                    PkVisitsWindow *self)
{
  PkVisitPhoto *p = g_object_get_data (G_OBJECT (button), "photo");

  pk_visits_window_remove_photo (self, p->id);
}

static GtkWidget *
photo_tile (PkVisitsWindow *self,
            PkVisitPhoto   *p,
            GdkTexture     *thumb,
            gboolean        decided)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = thumb ? gtk_picture_new_for_paintable (GDK_PAINTABLE (thumb)) : gtk_image_new_from_icon_name ("image-missing-symbolic");
  GString *caption = g_string_new (p->file_name);
  g_autofree char *caption_l = NULL;
  GtkWidget *label;

  gtk_widget_set_size_request (picture, THUMB_SIDE, THUMB_SIDE * 3 / 4);
  if (thumb != NULL)
    gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "card");
  gtk_box_append (GTK_BOX (box), picture);
  if (p->taken_at != NULL)
    {
      g_autofree char *day = g_strndup (p->taken_at, 10);
      g_autofree char *date = pk_date_format_for_locale (day);

      g_string_append_printf (caption, "\n%s %s", date, p->taken_at + MIN (strlen (p->taken_at), 11));
    }
  if (p->has_position)
    g_string_append_printf (caption, "\n%.5f, %.5f", p->lat, p->lon);
  caption_l = pk_text_localize_digits (caption->str);
  g_string_free (caption, TRUE);
  label = gtk_label_new (caption_l);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  if (!decided)
    {
      GtkWidget *remove = gtk_button_new_with_label (_("Remove"));

      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (remove), "photo", p);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_photo_cb), self);
      gtk_box_append (GTK_BOX (box), remove);
    }
  if (p->has_position && !decided)
    {
      GtkWidget *use = gtk_button_new_with_label (_("Use This Position"));

      gtk_widget_add_css_class (use, "flat");
      g_object_set_data (G_OBJECT (use), "photo", p);
      g_signal_connect (use, "clicked", G_CALLBACK (on_use_photo_position_cb), self);
      gtk_box_append (GTK_BOX (box), use);
    }
  return box;
}

static void
build_photos (PkVisitsWindow *self)
{
  GtkWidget *child;
  gboolean decided;

  if (self->photo_flow == NULL || self->page == NULL)
    return;
  decided = self->page->visit->outcome != PK_VISIT_PENDING;
  while ((child = gtk_widget_get_first_child (self->photo_flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->photo_flow), child);
  for (guint i = 0; i < self->page->photos->len; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (self->photo_flow),
                         photo_tile (self, g_ptr_array_index (self->page->photos, i),
                                     g_ptr_array_index (self->page->thumbs, i), decided));
}

static void
decide (PkVisitsWindow *self,
        PkVisitOutcome  outcome)
{
  Edit *e = new_edit (self, EDIT_OUTCOME);

  e->outcome = outcome;
  e->text = g_strdup (self->reason_entry ? gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)) : NULL);
  queue_edit (self, e);
}

static void
on_compliant_cb (GtkButton      *button,
                 PkVisitsWindow *self)
{
  decide (self, PK_VISIT_COMPLIANT);
}

static void
on_not_compliant_cb (GtkButton      *button,
                     PkVisitsWindow *self)
{
  decide (self, PK_VISIT_NOT_COMPLIANT);
}

typedef struct
{
  gint64 visit_id;
} ReportData;

static gboolean
save_report (PkStore     *store,
             gpointer     data,
             const char  *path,
             GError     **error)
{
  g_autoptr(PkSiteChecker) checker = pk_site_checker_new (store, error);
  g_autoptr(PkVisit) v = NULL;

  return checker != NULL && (v = pk_store_get_visit (store, *(gint64 *) data, error)) != NULL &&
         pk_report_write_visit_pdf (store, checker, v, path, error);
}

static void
report_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (widget);
  g_autofree char *file = NULL;

  if (self->shown_id == 0)
    return;
  file = g_strdup_printf ("visit-%" G_GINT64_FORMAT ".pdf", self->shown_id);
  pk_save_file_dialog_in_worker (widget, _("Save the Visit Report"), file, self->store, save_report,
                                 g_memdup2 (&self->shown_id, sizeof (gint64)), g_free);
}

static void
build_outcome (PkVisitsWindow *self,
               GtkWidget      *g)
{
  const PkVisit *v = self->page->visit;
  g_autofree char *failing = pk_visit_failing_standards (v);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *report = gtk_button_new_with_mnemonic (_("Visit _Report…"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (report), "visits.report");
  if (v->outcome != PK_VISIT_PENDING)
    {
      GtkWidget *row = info_row (g, pk_visit_outcome_display_name (v->outcome),
                                 failing ? failing : _("Every standard that applies is met"));
      g_autofree char *signed_by = g_strdup_printf (_("Signed by %s"), v->signed_by ? v->signed_by : v->inspector);

      gtk_widget_add_css_class (row, outcome_class (v->outcome));
      if (v->reason != NULL)
        info_row (g, _("Reason"), v->reason);
      info_row (g, _("Inspector"), signed_by);
    }
  else
    {
      GtkWidget *ok = gtk_button_new_with_mnemonic (_("_Compliant"));
      GtkWidget *not_ok = gtk_button_new_with_mnemonic (_("_Not Compliant"));
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reason, besides the standards the site misses"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      self->reason_entry = row;
      gtk_widget_add_css_class (ok, "suggested-action");
      gtk_widget_add_css_class (not_ok, "destructive-action");
      gtk_widget_set_sensitive (ok, failing == NULL);
      gtk_widget_set_tooltip_text (ok, failing ? _("A standard is marked as missed") : NULL);
      g_signal_connect (ok, "clicked", G_CALLBACK (on_compliant_cb), self);
      g_signal_connect (not_ok, "clicked", G_CALLBACK (on_not_compliant_cb), self);
      gtk_box_append (GTK_BOX (buttons), ok);
      gtk_box_append (GTK_BOX (buttons), not_ok);
    }
  gtk_box_append (GTK_BOX (buttons), report);
  gtk_widget_set_margin_top (buttons, 8);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), buttons);
}

/* The whole form for the shown visit. */
static void
build_form (PkVisitsWindow *self)
{
  const Page *p = self->page;
  const PkVisit *v = p->visit;
  gboolean decided = v->outcome != PK_VISIT_PENDING;
  g_autofree char *date = pk_date_format_for_locale (v->date);
  g_autofree char *title = NULL;
  GtkWidget *child, *g, *row, *spin, *pick, *add;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
  self->measure_group = self->photo_flow = self->outcome_group = self->reason_entry = self->add_photos = NULL;
  g_ptr_array_set_size (self->live_rows, 0);

  /* the site as declared */
  if (p->c != NULL)
    title = g_strdup_printf (_("Case %s"), p->c->number);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, v->id);

      title = g_strdup_printf (_("Visit %s"), id);
    }
  {
    g_autofree char *title_l = pk_text_localize_digits (title);

    g = group (title_l, p->c ? pk_request_display_name (p->c->request) : _("Routine inspection of an office"));
  }
  if (p->c != NULL)
    {
      info_row (g, _("Applicant"), pk_case_get_field (p->c, "company.name"));
      info_row (g, _("Licence"), pk_license_display_name (p->c->license));
      if (p->c->site_address != NULL)
        info_row (g, _("Declared address"), p->c->site_address);
    }
  if (p->check->has_declared)
    {
      g_autofree char *where = g_strdup_printf ("%.6f, %.6f", p->check->declared_lat, p->check->declared_lon);

      info_row (g, _("Declared site"), where);
    }
  info_row (g, _("Date of the visit"), date);
  info_row (g, _("Inspector"), v->inspector);
  gtk_box_append (self->form_box, g);

  /* what was found */
  g = group (_("Measurements"), _("The siting check runs again at the position and area found (SR-1 … SR-7)."));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Measured floor area"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("square metres"));
  spin = gtk_spin_button_new_with_range (0, 100000, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (v->area_m2) ? 0 : v->area_m2);
  pk_spin_button_localize (GTK_SPIN_BUTTON (spin), _("not measured"));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (spin, !decided);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_area_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
  pick = gtk_toggle_button_new_with_mnemonic (_("_Move the Pin"));
  gtk_widget_set_tooltip_text (pick, _("Click the map where the premises are"));
  gtk_widget_set_sensitive (pick, !decided);
  g_signal_connect (pick, "toggled", G_CALLBACK (on_pick_toggled_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g), pick);
  self->measure_group = g;
  gtk_box_append (self->form_box, g);
  refresh_live (self);

  /* the checklist */
  g = group (_("Checklist"), _("The standards of chapter 3 of the licensing guide (ST-1 … ST-13)."));
  for (int i = 0; i < PK_N_STANDARDS; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), standard_row (self, v, i, decided));
  gtk_box_append (self->form_box, g);

  /* the photos */
  g = group (_("Photos"), _("Set upright and kept with their time and position; the original’s SHA-256 is kept."));
  add = self->add_photos = gtk_button_new_with_mnemonic (_("_Add Photos…"));
  gtk_widget_set_sensitive (add, !decided);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_photos_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g), add);
  self->photo_flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->photo_flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->photo_flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->photo_flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->photo_flow), 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->photo_flow);
  gtk_box_append (self->form_box, g);
  build_photos (self);

  /* the outcome */
  g = group (_("Outcome"), _("Compliant completes the site visit (S11); not compliant returns the file with the "
                             "reasons (RT-1, RT-2)."));
  self->outcome_group = g;
  build_outcome (self, g);
  gtk_box_append (self->form_box, g);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.report", TRUE);
}

static void
on_page_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  g_autoptr(GError) error = NULL;
  Page *page = pk_store_run_job_finish (result, &error);

  set_busy (self, FALSE);
  if (page == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Read the Visit"), error->message);
      return;
    }
  if (page->visit->id != self->shown_id)
    {
      page_free (page);
      return;
    }
  page_free (self->page);
  self->page = page;
  build_form (self);
  update_marks (self);
  if (self->map != NULL && self->page->check->has_declared)
    pk_map_view_go_to (self->map, self->page->check->declared_lat, self->page->check->declared_lon, 15);
}

static void
show_page (PkVisitsWindow *self,
           gint64          visit_id)
{
  if (visit_id != self->shown_id)
    {
      g_ptr_array_set_size (self->undo, 0);          /* undo belongs to one visit */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.undo", FALSE);
    }
  self->shown_id = visit_id;
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, page_job, g_memdup2 (&visit_id, sizeof visit_id), g_free,
                          (GDestroyNotify) page_free, self->cancellable, on_page_read, NULL);
}

/* ---- conflicts ---------------------------------------------------------------------- */

/* "YYYY-MM-DDTHH:MM…Z" as the locale writes the day (Solar Hijri in Persian), with the time */
static char *
when (const char *iso)
{
  g_autofree char *day = g_strndup (iso ? iso : "", 10);
  g_autofree char *date = pk_date_format_for_locale (day);
  g_autofree char *time = iso && strlen (iso) >= 16 ? g_strndup (iso + 11, 5) : g_strdup ("");

  return g_strdup_printf ("%s %s", date, time);
}

/* One side of a conflict as lines, the ones that differ from @other in bold. */
static GtkWidget *
conflict_side (const char *heading,
               const char *json,
               const char *other_json)
{
  g_autoptr(JsonParser) parser = json ? pk_json_parse_text (json) : NULL;
  g_autoptr(JsonParser) other_parser = other_json ? pk_json_parse_text (other_json) : NULL;
  JsonObject *side = parser ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  JsonObject *other = other_parser ? json_node_get_object (json_parser_get_root (other_parser)) : NULL;
  JsonObject *visit = side ? pk_json_object_member (side, "visit") : NULL;
  JsonObject *other_visit = other ? pk_json_object_member (other, "visit") : NULL;
  JsonObject *c = side ? pk_json_object_member (side, "case") : NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (heading);
  GString *text = g_string_new (NULL);
  g_autofree char *localized = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (visit == NULL)
    g_string_append (text, _("Deleted here"));
  else
    {
      JsonObject *st = pk_json_object_member (visit, "standards");
      JsonObject *ost = other_visit ? pk_json_object_member (other_visit, "standards") : NULL;
      PkVisitOutcome outcome = PK_VISIT_PENDING;
      const char *mine = pk_json_string_member (visit, "outcome");
      const char *theirs = other_visit ? pk_json_string_member (other_visit, "outcome") : NULL;
      g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_object_get_int_member_with_default (visit, "revision", 0));
      g_autofree char *at = when (pk_json_string_member (visit, "updated_at"));
      g_autofree char *by = g_strdup_printf (_("Revision %s, by %s at %s"), revision,
                                             pk_json_string_member (visit, "updated_by"), at);
      g_autofree char *by_e = g_markup_escape_text (by, -1);
      g_autofree char *insp = g_markup_escape_text (pk_json_string_member (visit, "inspector"), -1);

      pk_visit_outcome_from_string (mine, &outcome);
      g_string_append_printf (text, "%s\n%s: %s\n", by_e, _("Inspector"), insp);
      g_string_append_printf (text, g_strcmp0 (mine, theirs) ? "<b>%s: %s</b>\n" : "%s: %s\n", _("Outcome"),
                              pk_visit_outcome_display_name (outcome));
      for (int i = 0; i < PK_N_STANDARDS; i++)
        {
          JsonObject *a = st ? pk_json_object_member (st, pk_standard_id (i)) : NULL;
          JsonObject *b = ost ? pk_json_object_member (ost, pk_standard_id (i)) : NULL;
          const char *ra = a ? pk_json_string_member (a, "result") : NULL;
          const char *rb = b ? pk_json_string_member (b, "result") : NULL;
          PkStResult r = PK_ST_UNSET;

          pk_st_result_from_string (ra, &r);
          g_string_append_printf (text, g_strcmp0 (ra, rb) ? "<b>%s: %s</b>\n" : "%s: %s\n", pk_standard_id (i),
                                  pk_st_result_display_name (r));
        }
      if (json_object_has_member (side, "photos"))
        {
          guint n = json_array_get_length (json_object_get_array_member (side, "photos"));
          g_autofree char *photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new photo", "%u new photos",
                                                                  n), n);

          g_string_append_printf (text, "<b>%s</b>\n", photos);
        }
    }
  if (c != NULL)
    {
      g_autofree char *number = g_markup_escape_text (pk_json_string_member (c, "number"), -1);
      g_autofree char *cby = g_markup_escape_text (pk_json_string_member (c, "updated_by") ?
                                                   pk_json_string_member (c, "updated_by") : "", -1);

      g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_object_get_int_member_with_default (c, "revision", 0));

      g_string_append_printf (text, _("Case %s: revision %s by %s"), number, revision, cby);
    }
  /* each line is a paragraph of its own to Pango: one that starts "ST-3" would
   * run left to right in a right-to-left window */
  if (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL)
    {
      g_auto(GStrv) lines = g_strsplit (text->str, "\n", -1);

      g_string_truncate (text, 0);
      for (guint i = 0; lines[i]; i++)
        g_string_append_printf (text, "%s\u200F%s", i ? "\n" : "", lines[i]);
    }
  localized = pk_text_localize_digits (text->str);
  g_string_free (text, TRUE);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), localized);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static void resolve (PkVisitsWindow *self, gint64 id, gboolean theirs);

static void
on_keep_ours_cb (GtkButton      *button,
                 PkVisitsWindow *self)
{
  resolve (self, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "conflict")), FALSE);
}

static void
on_take_theirs_cb (GtkButton      *button,
                   PkVisitsWindow *self)
{
  resolve (self, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "conflict")), TRUE);
}

static void
build_conflicts (PkVisitsWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflict_box))) != NULL)
    gtk_box_remove (self->conflict_box, child);
  if (self->conflicts == NULL || self->conflicts->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("Every change merged from the field bundles applied cleanly."));
      gtk_box_append (self->conflict_box, empty);
      return;
    }
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      const PkBundleConflict *c = g_ptr_array_index (self->conflicts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
      g_autofree char *title = g_strdup_printf (_("Conflict %s — visit by %s"), id, c->inspector);
      g_autofree char *title_l = pk_text_localize_digits (title);
      GtkWidget *g = group (title_l, c->reason);
      GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *ours = gtk_button_new_with_label (_("Keep This Workspace’s"));
      GtkWidget *theirs = gtk_button_new_with_label (_("Take the Bundle’s"));
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
      gtk_box_append (GTK_BOX (sides), conflict_side (_("This workspace"), c->ours, c->theirs));
      gtk_box_append (GTK_BOX (sides), conflict_side (_("The bundle"), c->theirs, c->ours));
      g_object_set_data (G_OBJECT (ours), "conflict", GSIZE_TO_POINTER ((gsize) c->id));
      g_object_set_data (G_OBJECT (theirs), "conflict", GSIZE_TO_POINTER ((gsize) c->id));
      gtk_widget_set_sensitive (theirs, c->ours != NULL);
      gtk_widget_add_css_class (theirs, "suggested-action");
      g_signal_connect (ours, "clicked", G_CALLBACK (on_keep_ours_cb), self);
      g_signal_connect (theirs, "clicked", G_CALLBACK (on_take_theirs_cb), self);
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (buttons), ours);
      gtk_box_append (GTK_BOX (buttons), theirs);
      gtk_box_append (GTK_BOX (card), sides);
      gtk_box_append (GTK_BOX (card), buttons);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_set_margin_top (sides, 12);
      gtk_widget_set_margin_start (sides, 12);
      gtk_widget_set_margin_end (sides, 12);
      gtk_widget_set_margin_bottom (buttons, 12);
      gtk_widget_set_margin_end (buttons, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), card);
      gtk_box_append (self->conflict_box, g);
    }
}

typedef struct
{
  gint64   id;
  gboolean theirs;
} Resolve;

static gpointer
resolve_job (PkStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Resolve *r = data;

  return pk_bundle_resolve (store, r->id, r->theirs, error) ? GINT_TO_POINTER (1) : NULL;
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  Resolve *r = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (pk_store_run_job_finish (result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Resolve the Conflict"), error->message);
    }
  else
    {
      /* a wrong click is taken back from the toast */
      AdwToast *toast = adw_toast_new (r->theirs ? _("The bundle’s visit was taken")
                                                 : _("This workspace’s visit was kept"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "visits.undo-resolution");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (r->id));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);     /* before any older message */
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      self->last_resolved = r->id;
    }
  load (self);
}

static gpointer
unresolve_job (PkStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return pk_bundle_undo_resolution (store, *(gint64 *) data, error) ? GINT_TO_POINTER (1) : NULL;
}

static void
on_unresolved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (pk_store_run_job_finish (result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pk_show_error (GTK_WIDGET (self), _("Cannot Undo the Resolution"), error->message);
  load (self);
}

/* visits.undo-resolution (x): the conflict open again, as before it was resolved. */
static void
undo_resolution_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);

  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, unresolve_job, g_memdup2 (&id, sizeof id), g_free, NULL,
                          self->cancellable, on_unresolved, NULL);
}

static void
resolve (PkVisitsWindow *self,
         gint64          id,
         gboolean        theirs)
{
  Resolve *r = g_new0 (Resolve, 1);

  r->id = id;
  r->theirs = theirs;
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, resolve_job, r, g_free, NULL, self->cancellable, on_resolved, NULL);
}

/* ---- bundles out and back ------------------------------------------------------------ */

static gpointer
import_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return pk_bundle_import (store, data, FALSE, error);
}

static gpointer
undo_import_job (PkStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return pk_bundle_undo_import (store, data, error);
}

static void
on_import_undone (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = pk_store_run_job_finish (result, &error);

  set_busy (self, FALSE);
  if (uuid == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("Cannot Undo the Merge"), error->message);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The merge was undone")));
  load (self);
}

/* visits.undo-import: the last import of a bundle taken back, in the background. */
static void
undo_import_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (widget);

  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, undo_import_job, NULL, NULL, g_free, self->cancellable,
                          on_import_undone, NULL);
}

static void
on_undo_merge_cb (PkVisitsWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "visits.undo-import", NULL);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkBundleImport) report = pk_store_run_job_finish (result, &error);
  g_autofree char *body = NULL;
  g_autofree char *body_l = NULL;
  GtkWidget *dialog;

  set_busy (self, FALSE);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pk_show_error (GTK_WIDGET (self), _("The Bundle Was Refused"), error->message);
      return;
    }
  if (report->n_applied == 0 && report->n_new_conflicts == 0)
    body = g_strdup (report->n_already > 0 ? _("Nothing changed: this bundle’s changes were merged already.")
                                           : _("Nothing changed: the bundle holds no change."));
  else
    body = g_strdup_printf (_("From %s: %u visits and %u photos merged; %u conflicts wait for you, side by side."),
                            report->info->inspector, report->n_applied, report->n_photos, report->conflicts->len);
  body_l = pk_text_localize_digits (body);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Bundle Merged"), body_l);
  if (report->n_applied > 0 || report->n_new_conflicts > 0)
    {
      /* a wrong bundle, or the wrong moment: taken back at once, whole */
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "undo", _("_Undo the Merge"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo", ADW_RESPONSE_DESTRUCTIVE);
      g_signal_connect_object (dialog, "response::undo", G_CALLBACK (on_undo_merge_cb), self, G_CONNECT_SWAPPED);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
  load (self);
  if (report->conflicts->len > 0)
    adw_view_stack_set_visible_child_name (self->stack, "conflicts");
}

/* Merges the bundle at @path in the background, then says what happened. */
void
pk_visits_window_import_bundle (PkVisitsWindow *self,
                                const char     *path)
{
  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  set_busy (self, TRUE);
  pk_store_run_job_async (self->store, self, import_job, g_strdup (path), g_free,
                          (GDestroyNotify) pk_bundle_import_free, self->cancellable, on_imported, NULL);
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       PkVisitsWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        pk_visits_window_import_bundle (self, path);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose a Field Bundle"), GTK_WINDOW (widget),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Merge"),
                                                               _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
save_bundle (PkStore     *store,
             gpointer     data,
             const char  *path,
             GError     **error)
{
  g_autoptr(PkBundleInfo) info = pk_bundle_export (store, data, path, NULL, error);

  return info != NULL;
}

/* The bundle of the inspector named in the filter, else of the shown visit's. */
static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (widget);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->inspector_entry));
  const char *inspector = *typed ? typed : self->page ? self->page->visit->inspector : NULL;
  g_autofree char *file = NULL;

  if (inspector == NULL)
    return;
  file = g_strdup_printf ("%s.pkbundle", inspector);
  pk_save_file_dialog_in_worker (widget, _("Export a Field Bundle"), file, self->store, save_bundle,
                                 g_strdup (inspector), g_free);
}

/* Takes back the last change to the shown visit's checklist or measurements. */
static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (widget);
  Edit *e;

  if (self->undo->len == 0 || self->page == NULL || self->page->visit->outcome != PK_VISIT_PENDING)
    return;
  {
    Undo *u = g_ptr_array_steal_index (self->undo, self->undo->len - 1);

    if (u->before != NULL)
      {
        e = new_edit (self, EDIT_RESTORE);
        e->restore = g_steal_pointer (&u->before);
      }
    else if (u->added != NULL)
      {
        e = new_edit (self, EDIT_REMOVE_PHOTOS);
        e->photo_ids = g_steal_pointer (&u->added);
      }
    else
      {
        e = new_edit (self, EDIT_RESTORE_PHOTO);
        e->photo = g_steal_pointer (&u->removed);
        e->content = g_steal_pointer (&u->content);
      }
    undo_free (u);
  }
  gtk_widget_action_set_enabled (widget, "visits.undo", self->undo->len > 0);
  queue_edit (self, e);
}

/* ---- the window ------------------------------------------------------------------------ */

static void
pk_visits_window_dispose (GObject *object)
{
  PkVisitsWindow *self = PK_VISITS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->page, page_free);
  g_queue_clear_full (&self->edits, (GDestroyNotify) edit_free);
  g_clear_pointer (&self->live_rows, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  G_OBJECT_CLASS (pk_visits_window_parent_class)->dispose (object);
}

static void
pk_visits_window_class_init (PkVisitsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pk_visits_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-visits-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, bundle_banner);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, bundle_label);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, list_column);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, inspector_entry);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, visit_list);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, form_box);
  gtk_widget_class_bind_template_child (widget_class, PkVisitsWindow, conflict_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visit_selected_cb);
  gtk_widget_class_install_action (widget_class, "visits.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "visits.undo-import", NULL, undo_import_action);
  gtk_widget_class_install_action (widget_class, "visits.undo-resolution", "x", undo_resolution_action);
  gtk_widget_class_install_action (widget_class, "visits.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "visits.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "visits.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "visits.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pk_visits_window_init (PkVisitsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_queue_init (&self->edits);
  self->live_rows = g_ptr_array_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_free);
  self->cancellable = g_cancellable_new ();
  self->map = PK_MAP_VIEW (pk_map_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->map), -1, 260);
  gtk_box_insert_child_after (self->list_column, GTK_WIDGET (self->map), NULL);
  g_signal_connect (self->map, "site-picked", G_CALLBACK (on_site_picked_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.undo", FALSE);
}

/**
 * pk_visits_window_new:
 *
 * The site visits of @store's workspace, read at once in the background. In
 * a field bundle the window is the inspector's view: their visits only, and
 * neither export nor import.
 */
PkVisitsWindow *
pk_visits_window_new (GtkWindow *parent,
                      PkStore   *store)
{
  PkVisitsWindow *self = g_object_new (PK_TYPE_VISITS_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->bundle = pk_store_is_bundle (store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  gtk_widget_set_visible (self->import_button, !self->bundle);
  adw_view_stack_page_set_visible (self->conflicts_page, !self->bundle);
  gtk_widget_set_visible (self->export_button, !self->bundle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.import", !self->bundle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.undo-import", !self->bundle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.export", !self->bundle);
  if (self->bundle)
    {
      g_autofree char *inspector = pk_store_get_meta (store, "bundle_inspector");
      g_autofree char *issued = pk_store_get_meta (store, "bundle_issued_at");
      g_autofree char *day = g_strndup (issued ? issued : "", 10);
      g_autofree char *date = pk_date_format_for_locale (day);
      g_autofree char *text = g_strdup_printf (_("Field bundle for %s, issued %s. Record the visits here, with no "
                                                 "network; bring the file back to the secretariat to merge it. "
                                                 "Nothing else can be changed in it."), inspector, date);
      g_autofree char *text_l = pk_text_localize_digits (text);

      gtk_label_set_text (self->bundle_label, text_l);
      gtk_revealer_set_reveal_child (self->bundle_banner, TRUE);
    }
  load (self);
  return self;
}

/* As pressing a conflict's "Take the Bundle's" (@theirs) or "Keep This
 * Workspace's"; the result comes in the background, with an Undo toast. */
void
pk_visits_window_resolve (PkVisitsWindow *self,
                          gint64          conflict_id,
                          gboolean        theirs)
{
  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  resolve (self, conflict_id, theirs);
}

/* The conflict resolved last in this window, 0 when none; for the tests. */
gint64
pk_visits_window_get_last_resolved (PkVisitsWindow *self)
{
  g_return_val_if_fail (PK_IS_VISITS_WINDOW (self), 0);
  return self->last_resolved;
}

gboolean
pk_visits_window_is_busy (PkVisitsWindow *self)
{
  g_return_val_if_fail (PK_IS_VISITS_WINDOW (self), FALSE);
  return self->n_busy > 0 || self->saving || self->reload_id != 0 || !g_queue_is_empty (&self->edits);
}

guint
pk_visits_window_get_n_visits (PkVisitsWindow *self)
{
  g_return_val_if_fail (PK_IS_VISITS_WINDOW (self), 0);
  return self->items ? self->items->len : 0;
}

guint
pk_visits_window_get_n_conflicts (PkVisitsWindow *self)
{
  g_return_val_if_fail (PK_IS_VISITS_WINDOW (self), 0);
  return self->conflicts ? self->conflicts->len : 0;
}

void
pk_visits_window_show_visit (PkVisitsWindow *self,
                             gint64          visit_id)
{
  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->visit_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "visit-id")) == visit_id)
      {
        g_signal_handlers_block_matched (self->visit_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
        gtk_list_box_select_row (self->visit_list, GTK_LIST_BOX_ROW (row));
        g_signal_handlers_unblock_matched (self->visit_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      }
  adw_view_stack_set_visible_child_name (self->stack, "visits");
  show_page (self, visit_id);
}

gint64
pk_visits_window_get_shown_visit (PkVisitsWindow *self)
{
  g_return_val_if_fail (PK_IS_VISITS_WINDOW (self), 0);
  return self->page ? self->page->visit->id : 0;
}

void
pk_visits_window_show_conflicts (PkVisitsWindow *self)
{
  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, "conflicts");
}

/* As choosing in the standard's list: for tests. */
void
pk_visits_window_set_standard (PkVisitsWindow *self,
                               int             index,
                               PkStResult      result)
{
  Edit *e;

  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  g_return_if_fail (index >= 0 && index < PK_N_STANDARDS && self->shown_id > 0);
  e = new_edit (self, EDIT_STANDARD);
  e->index = index;
  e->result = result;
  queue_edit (self, e);
}

/* Adds the photos at @paths to the shown visit, in the background. */
void
pk_visits_window_add_photos (PkVisitsWindow     *self,
                             const char * const *paths)
{
  Edit *e;

  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  if (self->shown_id == 0 || paths == NULL || paths[0] == NULL)
    return;
  e = new_edit (self, EDIT_PHOTOS);
  e->paths = g_strdupv ((char **) paths);
  queue_edit (self, e);
}

/* Brings the shown visit's photos into view (for tests and screenshots). */
void
pk_visits_window_focus_photos (PkVisitsWindow *self)
{
  GtkWidget *scroller;
  graphene_point_t at;

  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  if (self->photo_flow == NULL ||
      (scroller = gtk_widget_get_ancestor (self->photo_flow, GTK_TYPE_SCROLLED_WINDOW)) == NULL ||
      !gtk_widget_compute_point (self->photo_flow, GTK_WIDGET (self->form_box), &GRAPHENE_POINT_INIT (0, 0), &at))
    return;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), at.y - 120);
}

/* Takes back the last change, as Ctrl+Z does: for tests. */
void
pk_visits_window_undo (PkVisitsWindow *self)
{
  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "visits.undo", NULL);
}

/* Takes photo @photo_id off the shown visit, in the background (undoable). */
void
pk_visits_window_remove_photo (PkVisitsWindow *self,
                               gint64          photo_id)
{
  Edit *e;

  g_return_if_fail (PK_IS_VISITS_WINDOW (self));
  if (self->shown_id == 0)
    return;
  e = new_edit (self, EDIT_REMOVE_PHOTO);
  e->photo_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (e->photo_ids, photo_id);
  queue_edit (self, e);
}

/* ---- assigning a visit ---------------------------------------------------------------- */

typedef struct
{
  PkStore             *store;
  GtkWindow           *parent;     /* a reference: told how it went */
  char                *case_number;
  gint64               office_id;
  GtkEditable         *inspector;
  GtkEditable         *date;
  char                *inspector_text;    /* as typed, for the worker */
  char                *date_text;
  PkVisitAssignedFunc  done;
  gpointer             data;
} AssignData;

static void
assign_data_free (AssignData *d)
{
  g_object_unref (d->store);
  g_object_unref (d->parent);
  g_free (d->case_number);
  g_free (d->inspector_text);
  g_free (d->date_text);
  g_free (d);
}

/* In a worker: the visit written (its id, boxed). */
static gpointer
assign_job (PkStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AssignData *d = data;
  gint64 id = pk_visit_assign (store, d->case_number, d->office_id, d->inspector_text, d->date_text, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
on_assigned_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AssignData *d = pk_store_job_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = pk_store_run_job_finish (result, &error);

  if (id == NULL)
    pk_show_error (GTK_WIDGET (d->parent), _("Cannot Assign the Visit"), error->message);
  else if (d->done != NULL && !gtk_widget_in_destruction (GTK_WIDGET (d->parent)))
    d->done (*id, d->data);
}

static void
on_assign_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AssignData       *d)
{
  if (!g_str_equal (response, "assign"))
    {
      assign_data_free (d);
      return;
    }
  d->inspector_text = g_strdup (gtk_editable_get_text (d->inspector));
  d->date_text = g_strdup (gtk_editable_get_text (d->date));
  /* written in a worker: the dialog closes at once, the parent hears when it is stored */
  pk_store_run_job_async (d->store, d->parent, assign_job, d, (GDestroyNotify) assign_data_free, g_free, NULL,
                          on_assigned_cb, NULL);
}

/**
 * pk_visit_assign_dialog:
 * @case_number: (nullable): the case at S11, or %NULL for a routine
 *   inspection of office @office_id
 * @done: (nullable): called with the new visit's id once it is stored,
 *   while @parent is shown (@data should live as long as @parent)
 *
 * Asks for the inspector and the date (today, as the locale writes it) and
 * assigns the visit, in a worker; a refusal is said over @parent.
 */
void
pk_visit_assign_dialog (GtkWindow           *parent,
                        PkStore             *store,
                        const char          *case_number,
                        gint64               office_id,
                        PkVisitAssignedFunc  done,
                        gpointer             data)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, case_number ? _("Assign a Site Visit")
                                                                  : _("Assign a Routine Inspection"),
                                              case_number ? _("The governorate visits the site in the counties, the "
                                                              "secretariat in the capital (S11).")
                                                          : _("An inspector checks the office against the standards "
                                                              "(ST-1 … ST-13)."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *inspector = gtk_entry_new ();
  GtkWidget *date = gtk_entry_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *shown = pk_date_format_for_locale (today);
  AssignData *d = g_new0 (AssignData, 1);

  gtk_entry_set_placeholder_text (GTK_ENTRY (inspector), _("Inspector"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (date), _("Date (1405/09/12 or 2026-12-03)"));
  gtk_editable_set_text (GTK_EDITABLE (date), shown);
  gtk_box_append (GTK_BOX (box), inspector);
  gtk_box_append (GTK_BOX (box), date);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "assign", _("_Assign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  d->store = g_object_ref (store);
  d->parent = g_object_ref (parent);
  d->case_number = g_strdup (case_number);
  d->office_id = office_id;
  d->inspector = GTK_EDITABLE (inspector);
  d->date = GTK_EDITABLE (date);
  d->done = done;
  d->data = data;
  g_signal_connect (dialog, "response", G_CALLBACK (on_assign_response_cb), d);
  gtk_window_present (GTK_WINDOW (dialog));
}
