/* pk-place-sidebar.c: the sidebar's places — the province, its counties and,
 * as one types, the counties, cities and offices that match. A row takes the
 * map there (the map view is the sidebar's "map-view").
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-place-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pk-place-sidebar.h"
#include "pk-text.h"

struct _PkPlaceSidebar
{
  GtkBox          parent_instance;

  GtkSearchEntry *search_entry;
  GtkLabel       *list_heading;
  GtkListBox     *place_list;

  PkMapView      *map;            /* owned */
  guint           n_results;
  GPtrArray      *counts;         /* char *: the county rows' new counts, not all shown yet */
  guint           counts_next;    /* the next of them to show */
  guint           counts_id;      /* shows them a few rows a frame */
};

#define ROWS_PER_FRAME 40

enum {
  PROP_0,
  PROP_MAP_VIEW,
  PROP_N_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PkPlaceSidebar, pk_place_sidebar, GTK_TYPE_BOX)

typedef enum
{
  ROW_PROVINCE,
  ROW_COUNTY,
  ROW_CITY,
  ROW_OFFICE,
} RowKind;

static GtkWidget *
make_row (RowKind     kind,
          gpointer    item,
          const char *title,
          const char *subtitle,
          const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* kind + 1: a row without data (the "nothing matches" label) reads as -1 */
  g_object_set_data (G_OBJECT (row), "pk-kind", GINT_TO_POINTER (kind + 1));
  g_object_set_data (G_OBJECT (row), "pk-item", item);
  if (kind == ROW_COUNTY)
    g_object_set_data (G_OBJECT (row), "pk-id", GSIZE_TO_POINTER ((gsize) ((PkPlace *) item)->id));
  return row;
}

/* "N urban Pishkhan · M rural ICT", digits in the user's script. */
static char *
counts_text (const guint *counts)
{
  /* TRANSLATORS: office counts of a county in the sidebar */
  g_autofree char *text = g_strdup_printf (_("%u urban Pishkhan · %u rural ICT"),
                                           counts[PK_LICENSE_URBAN], counts[PK_LICENSE_RURAL]);

  return pk_text_localize_digits (text);
}

static void stop_counts (PkPlaceSidebar *self);

static void
clear_list (PkPlaceSidebar *self)
{
  GtkWidget *child;

  stop_counts (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->place_list))) != NULL)
    gtk_list_box_remove (self->place_list, child);
}

/* For g_ptr_array_sort() of PkPlace pointers: by the name the user reads. */
int
pk_place_compare_names (gconstpointer a,
                        gconstpointer b)
{
  const PkPlace *pa = *(PkPlace **) a, *pb = *(PkPlace **) b;

  return g_utf8_collate (pk_place_display_name (pa), pk_place_display_name (pb));
}

static void
set_subtitle (GtkListBoxRow *row,
              const char    *text)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), text) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

static gboolean
show_counts_cb (gpointer data)
{
  PkPlaceSidebar *self = data;
  guint end = MIN (self->counts_next + ROWS_PER_FRAME, self->counts->len);

  for (; self->counts_next < end; self->counts_next++)
    {
      GtkListBoxRow *r = gtk_list_box_get_row_at_index (self->place_list, (int) self->counts_next + 1);

      if (r != NULL)
        set_subtitle (r, g_ptr_array_index (self->counts, self->counts_next));
    }
  if (self->counts_next < self->counts->len)
    return G_SOURCE_CONTINUE;
  self->counts_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_counts (PkPlaceSidebar *self)
{
  g_clear_handle_id (&self->counts_id, g_source_remove);
  g_ptr_array_set_size (self->counts, 0);
  self->counts_next = 0;
}

/* When the list already shows these counties (in order), only the counts
 * change: 400 rows built again would hold the window a frame or more, and
 * 400 labels set at once hold it too — they change a few rows a frame, in
 * the background of drawing. */
static gboolean
update_counts (PkPlaceSidebar *self,
               GPtrArray      *sorted,
               const char     *all,
               GHashTable     *by_county)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->place_list, 0);

  if (row == NULL || GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pk-kind")) != ROW_PROVINCE + 1 ||
      gtk_list_box_get_row_at_index (self->place_list, (int) sorted->len + 1) != NULL)
    return FALSE;
  for (guint i = 0; i < sorted->len; i++)
    {
      GtkListBoxRow *r = gtk_list_box_get_row_at_index (self->place_list, (int) i + 1);
      gpointer shown = r ? g_object_get_data (G_OBJECT (r), "pk-item") : NULL;

      /* the same county, perhaps read again (a new PkPlace) */
      if (shown == NULL || GPOINTER_TO_INT (g_object_get_data (G_OBJECT (r), "pk-kind")) != ROW_COUNTY + 1 ||
          GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (r), "pk-id")) !=
          (gsize) ((PkPlace *) g_ptr_array_index (sorted, i))->id)
        return FALSE;
    }
  set_subtitle (row, all);
  stop_counts (self);
  for (guint i = 0; i < sorted->len; i++)
    {
      PkPlace *c = g_ptr_array_index (sorted, i);
      GtkListBoxRow *r = gtk_list_box_get_row_at_index (self->place_list, (int) i + 1);
      const guint *n = g_hash_table_lookup (by_county, &c->id);

      g_object_set_data (G_OBJECT (r), "pk-item", c);       /* the old one may be freed */
      g_ptr_array_add (self->counts, counts_text (n ? n : (const guint[2]) { 0, 0 }));
    }
  self->counts_id = g_idle_add (show_counts_cb, self);
  return TRUE;
}

static void
set_n_results (PkPlaceSidebar *self,
               guint           n)
{
  if (self->n_results == n)
    return;
  self->n_results = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
}

static void
fill_county_list (PkPlaceSidebar *self)
{
  GPtrArray *counties = self->map ? pk_map_view_get_counties (self->map) : NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) by_county = NULL;     /* county id → guint[2] by licence */
  g_autofree char *all = NULL;
  guint total[2] = { 0, 0 };

  gtk_label_set_label (self->list_heading, _("Counties"));
  if (self->map == NULL)
    {
      clear_list (self);
      return;
    }

  /* one pass over the offices for every county's counts */
  {
    GPtrArray *offices = pk_map_view_get_offices (self->map);

    by_county = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
    for (guint i = 0; offices && i < offices->len; i++)
      {
        PkOffice *o = g_ptr_array_index (offices, i);
        guint *n = g_hash_table_lookup (by_county, &o->county_id);

        if (n == NULL)
          {
            n = g_new0 (guint, 2);
            g_hash_table_insert (by_county, &o->county_id, n);
          }
        n[o->license]++;
        total[o->license]++;
      }
  }
  all = counts_text (total);
  /* borrowed pointers: g_ptr_array_copy() would inherit the free function */
  sorted = g_ptr_array_sized_new (counties ? counties->len : 0);
  for (guint i = 0; counties && i < counties->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (counties, i));
  g_ptr_array_sort (sorted, pk_place_compare_names);
  if (update_counts (self, sorted, all, by_county))
    return;
  clear_list (self);
  gtk_list_box_append (self->place_list,
                       make_row (ROW_PROVINCE, NULL, _("Whole province"), all,
                                 "zoom-fit-best-symbolic"));
  for (guint i = 0; i < sorted->len; i++)
    {
      PkPlace *c = g_ptr_array_index (sorted, i);
      const guint *n = g_hash_table_lookup (by_county, &c->id);
      g_autofree char *counts = counts_text (n ? n : (const guint[2]) { 0, 0 });

      gtk_list_box_append (self->place_list,
                           make_row (ROW_COUNTY, c, pk_place_display_name (c), counts, NULL));
    }
}

static gboolean
place_matches (const PkPlace *p,
               const char    *needle)
{
  return pk_text_matches (p->name_fa, needle) || pk_text_matches (p->name_en, needle);
}

/* Search folds Arabic/Persian letter variants and ZWNJ (pk_text_fold), so
 * «بيرجند» (Arabic yeh) finds Birjand. */
void
pk_place_sidebar_search (PkPlaceSidebar *self,
                         const char     *text)
{
  g_autofree char *needle = pk_text_fold (text);
  GPtrArray *counties, *cities, *offices;
  guint n = 0;
  const guint max_results = 200;

  g_return_if_fail (PK_IS_PLACE_SIDEBAR (self));

  if (*needle == '\0' || self->map == NULL)
    {
      set_n_results (self, 0);
      fill_county_list (self);
      return;
    }
  clear_list (self);
  gtk_label_set_label (self->list_heading, _("Search results"));
  counties = pk_map_view_get_counties (self->map);
  cities = pk_map_view_get_cities (self->map);
  offices = pk_map_view_get_offices (self->map);

  for (guint i = 0; counties && i < counties->len && n < max_results; i++)
    {
      PkPlace *c = g_ptr_array_index (counties, i);

      if (place_matches (c, needle) && ++n)
        gtk_list_box_append (self->place_list,
                             make_row (ROW_COUNTY, c, pk_place_display_name (c), _("County"),
                                       "mark-location-symbolic"));
    }
  for (guint i = 0; cities && i < cities->len && n < max_results; i++)
    {
      PkPlace *c = g_ptr_array_index (cities, i);

      if (place_matches (c, needle) && ++n)
        gtk_list_box_append (self->place_list,
                             make_row (ROW_CITY, c, pk_place_display_name (c),
                                       c->is_county_seat ? _("County seat") : _("City"),
                                       "mark-location-symbolic"));
    }
  for (guint i = 0; offices && i < offices->len && n < max_results; i++)
    {
      PkOffice *o = g_ptr_array_index (offices, i);

      if ((pk_text_matches (o->name, needle) || pk_text_matches (o->code, needle)) && ++n)
        gtk_list_box_append (self->place_list,
                             make_row (ROW_OFFICE, o, o->name, pk_license_display_name (o->license),
                                       "building-symbolic"));
    }
  set_n_results (self, n);
  if (n == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing matches"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 24);
      gtk_list_box_append (self->place_list, label);
    }
}

guint
pk_place_sidebar_get_n_results (PkPlaceSidebar *self)
{
  g_return_val_if_fail (PK_IS_PLACE_SIDEBAR (self), 0);
  return self->n_results;
}

/* The list again from the map's places and offices, under the search typed. */
void
pk_place_sidebar_refresh (PkPlaceSidebar *self)
{
  g_return_if_fail (PK_IS_PLACE_SIDEBAR (self));
  pk_place_sidebar_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* A new workspace: the search emptied, the counties listed. */
void
pk_place_sidebar_reset (PkPlaceSidebar *self)
{
  g_return_if_fail (PK_IS_PLACE_SIDEBAR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pk_place_sidebar_search (self, "");
}

void
pk_place_sidebar_focus_search (PkPlaceSidebar *self)
{
  g_return_if_fail (PK_IS_PLACE_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
pk_place_sidebar_set_map_view (PkPlaceSidebar *self,
                               PkMapView      *map)
{
  g_return_if_fail (PK_IS_PLACE_SIDEBAR (self));
  if (g_set_object (&self->map, map))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}

static void
activate_row (PkPlaceSidebar *self,
              GtkListBoxRow  *row)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pk-kind")) - 1;
  gpointer item = g_object_get_data (G_OBJECT (row), "pk-item");

  if (kind < 0 || self->map == NULL)
    return;

  switch (kind)
    {
    case ROW_PROVINCE:
      pk_map_view_zoom_to_province (self->map);
      break;
    case ROW_COUNTY:
    case ROW_CITY:
      pk_map_view_zoom_to_place (self->map, item);
      break;
    case ROW_OFFICE:
      pk_map_view_show_office (self->map, item);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_place_row_activated_cb (PkPlaceSidebar *self,
                           GtkListBoxRow  *row,
                           GtkListBox     *list)
{
  activate_row (self, row);
}

static void
on_search_changed_cb (PkPlaceSidebar *self,
                      GtkSearchEntry *entry)
{
  pk_place_sidebar_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter jumps to the first result. */
static void
on_search_activate_cb (PkPlaceSidebar *self,
                       GtkSearchEntry *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->place_list, 0);

  if (first != NULL)
    activate_row (self, first);
}

static void pk_place_sidebar_finalize (GObject *object);

static void
pk_place_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkPlaceSidebar *self = PK_PLACE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, self->n_results);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_place_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_MAP_VIEW:
      pk_place_sidebar_set_map_view (PK_PLACE_SIDEBAR (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pk_place_sidebar_dispose (GObject *object)
{
  PkPlaceSidebar *self = PK_PLACE_SIDEBAR (object);

  g_clear_object (&self->map);
  stop_counts (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PK_TYPE_PLACE_SIDEBAR);
  G_OBJECT_CLASS (pk_place_sidebar_parent_class)->dispose (object);
}

static void
pk_place_sidebar_class_init (PkPlaceSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pk_place_sidebar_dispose;
  object_class->finalize = pk_place_sidebar_finalize;
  object_class->get_property = pk_place_sidebar_get_property;
  object_class->set_property = pk_place_sidebar_set_property;

  /**
   * PkPlaceSidebar:map-view:
   *
   * The map whose places are listed and that a row moves.
   */
  properties[PROP_MAP_VIEW] = g_param_spec_object ("map-view", NULL, NULL, PK_TYPE_MAP_VIEW,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  /**
   * PkPlaceSidebar:n-results:
   *
   * How many places and offices match the search (0 without one).
   */
  properties[PROP_N_RESULTS] = g_param_spec_uint ("n-results", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/ir/pishkhan/Siting/ui/pk-place-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, PkPlaceSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PkPlaceSidebar, list_heading);
  gtk_widget_class_bind_template_child (widget_class, PkPlaceSidebar, place_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_place_row_activated_cb);
}

static void
pk_place_sidebar_init (PkPlaceSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->counts = g_ptr_array_new_with_free_func (g_free);
}

static void
pk_place_sidebar_finalize (GObject *object)
{
  PkPlaceSidebar *self = PK_PLACE_SIDEBAR (object);

  g_ptr_array_unref (self->counts);
  G_OBJECT_CLASS (pk_place_sidebar_parent_class)->finalize (object);
}
