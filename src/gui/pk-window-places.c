/* pk-window-places.c: the sidebar's places — the province, its counties and,
 * as one types, the counties, cities and offices that match
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pk-text.h"
#include "pk-window-private.h"

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

static void
clear_list (PkWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->place_list))) != NULL)
    gtk_list_box_remove (self->place_list, child);
}

int
_pk_window_compare_places (gconstpointer a,
                           gconstpointer b)
{
  const PkPlace *pa = *(PkPlace **) a, *pb = *(PkPlace **) b;

  return g_utf8_collate (pk_place_display_name (pa), pk_place_display_name (pb));
}

void
_pk_window_fill_county_list (PkWindow *self)
{
  GPtrArray *counties = pk_map_view_get_counties (self->map_view);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) by_county = NULL;     /* county id → guint[2] by licence */
  g_autofree char *all = NULL;
  guint total[2] = { 0, 0 };

  clear_list (self);
  gtk_label_set_label (self->list_heading, _("Counties"));
  if (self->store == NULL)
    return;

  /* one pass over the offices for every county's counts */
  {
    GPtrArray *offices = pk_map_view_get_offices (self->map_view);

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
  gtk_list_box_append (self->place_list,
                       make_row (ROW_PROVINCE, NULL, _("Whole province"), all,
                                 "zoom-fit-best-symbolic"));
  if (counties == NULL)
    return;
  /* borrowed pointers: g_ptr_array_copy() would inherit the free function */
  sorted = g_ptr_array_sized_new (counties->len);
  for (guint i = 0; i < counties->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (counties, i));
  g_ptr_array_sort (sorted, _pk_window_compare_places);
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
pk_window_search (PkWindow   *self,
                  const char *text)
{
  g_autofree char *needle = pk_text_fold (text);
  GPtrArray *counties, *cities, *offices;
  guint n = 0;
  const guint max_results = 200;

  g_return_if_fail (PK_IS_WINDOW (self));

  if (*needle == '\0')
    {
      self->n_results = 0;
      _pk_window_fill_county_list (self);
      return;
    }
  clear_list (self);
  gtk_label_set_label (self->list_heading, _("Search results"));
  counties = pk_map_view_get_counties (self->map_view);
  cities = pk_map_view_get_cities (self->map_view);
  offices = pk_map_view_get_offices (self->map_view);

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
  self->n_results = n;
  if (n == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing matches"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 24);
      gtk_list_box_append (self->place_list, label);
    }
}

guint
pk_window_get_n_results (PkWindow *self)
{
  g_return_val_if_fail (PK_IS_WINDOW (self), 0);
  return self->n_results;
}

static void
activate_row (PkWindow      *self,
              GtkListBoxRow *row)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pk-kind")) - 1;
  gpointer item = g_object_get_data (G_OBJECT (row), "pk-item");

  if (kind < 0)
    return;

  switch (kind)
    {
    case ROW_PROVINCE:
      pk_map_view_zoom_to_province (self->map_view);
      break;
    case ROW_COUNTY:
    case ROW_CITY:
      pk_map_view_zoom_to_place (self->map_view, item);
      break;
    case ROW_OFFICE:
      pk_map_view_show_office (self->map_view, item);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_place_row_activated_cb (PkWindow      *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  activate_row (self, row);
}

static void
on_search_changed_cb (PkWindow       *self,
                      GtkSearchEntry *entry)
{
  pk_window_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter jumps to the first result. */
static void
on_search_activate_cb (PkWindow       *self,
                       GtkSearchEntry *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->place_list, 0);

  if (first != NULL)
    activate_row (self, first);
}

void
_pk_window_class_add_places (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_place_row_activated_cb);
}
