/* pk-coverage-item.c: a row of the county coverage table (LT-7, PA-3)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-coverage-panel"

#include "config.h"

#include <gtk/gtk.h>

#include "pk-coverage-item.h"
#include "pk-text.h"

struct _PkCoverageItem
{
  GObject           parent_instance;
  GPtrArray        *rows;     /* ref: keeps @row alive */
  PkCountyCoverage *row;
};

G_DEFINE_FINAL_TYPE (PkCoverageItem, pk_coverage_item, G_TYPE_OBJECT)

static void
pk_coverage_item_finalize (GObject *object)
{
  g_ptr_array_unref (PK_COVERAGE_ITEM (object)->rows);
  G_OBJECT_CLASS (pk_coverage_item_parent_class)->finalize (object);
}

static void
pk_coverage_item_class_init (PkCoverageItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pk_coverage_item_finalize;
}

static void
pk_coverage_item_init (PkCoverageItem *self)
{
}

PkCoverageItem *
pk_coverage_item_new (GPtrArray        *rows,
                      PkCountyCoverage *row)
{
  PkCoverageItem *self = g_object_new (PK_TYPE_COVERAGE_ITEM, NULL);

  self->rows = g_ptr_array_ref (rows);
  self->row = row;
  return self;
}

/* The cell text, digits in the user's script. */
char *
pk_coverage_item_cell_text (const PkCountyCoverage *r,
                            PkCoverageColumn        column)
{
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_COUNTY:
      return g_strdup (pk_place_display_name (r->county));
    case COL_OFFICES:
      text = g_strdup_printf ("%d", pk_county_coverage_n_offices (r));
      break;
    case COL_CAPACITY:
      text = r->capacity < 0 ? g_strdup ("—") : g_strdup_printf ("%d", r->capacity);
      break;
    case COL_FREE:
      text = r->capacity < 0 ? g_strdup ("—") : g_strdup_printf ("%d", pk_county_coverage_free_places (r));
      break;
    case COL_AREA:
      text = g_strdup_printf ("%.0f", r->area_km2);
      break;
    case COL_SERVED:
      text = g_strdup_printf ("%.0f%%", 100 * pk_county_coverage_served_share (r));
      break;
    case COL_UNSERVED:
    default:
      text = g_strdup_printf ("%u", r->unserved_cities->len);
      break;
    }
  return pk_text_localize_digits (text);
}

static double
cell_value (const PkCountyCoverage *r,
            PkCoverageColumn        column)
{
  switch (column)
    {
    case COL_OFFICES: return pk_county_coverage_n_offices (r);
    case COL_CAPACITY: return r->capacity;
    case COL_FREE: return pk_county_coverage_free_places (r);
    case COL_AREA: return r->area_km2;
    case COL_SERVED: return pk_county_coverage_served_share (r);
    case COL_UNSERVED: return r->unserved_cities->len;
    case COL_COUNTY:
    default: return 0;
    }
}

int
pk_coverage_item_compare (gconstpointer a,
                          gconstpointer b,
                          gpointer      column_ptr)
{
  const PkCountyCoverage *ra = PK_COVERAGE_ITEM ((gpointer) a)->row;
  const PkCountyCoverage *rb = PK_COVERAGE_ITEM ((gpointer) b)->row;
  PkCoverageColumn column = GPOINTER_TO_INT (column_ptr);
  double va, vb;

  if (column == COL_COUNTY)
    {
      g_autofree char *ka = g_utf8_collate_key (pk_place_display_name (ra->county), -1);
      g_autofree char *kb = g_utf8_collate_key (pk_place_display_name (rb->county), -1);

      return g_strcmp0 (ka, kb) < 0 ? GTK_ORDERING_SMALLER
           : g_strcmp0 (ka, kb) > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
  va = cell_value (ra, column);
  vb = cell_value (rb, column);
  return va < vb ? GTK_ORDERING_SMALLER : va > vb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}


/* The county's coverage this row shows. */
PkCountyCoverage *
pk_coverage_item_get_row (PkCoverageItem *self)
{
  g_return_val_if_fail (PK_IS_COVERAGE_ITEM (self), NULL);
  return self->row;
}
