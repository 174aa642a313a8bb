/* pk-map-view.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <shumate/shumate.h>

#include "pk-basemap-source.h"
#include "pk-feature-layer.h"
#include "pk-gui-util.h"
#include "pk-map-view.h"
#include "pk-office-details.h"

struct _PkMapView
{
  GtkWidget         parent_instance;

  ShumateSimpleMap *map;
  PkFeatureLayer   *layer;
  GtkPopover       *popover;
  PkOfficeDetails  *details;

  PkBasemap        *basemap;       /* owned */
  PkBasemapSource  *source;        /* owned; NULL for online tiles */
  PkPlace          *province;      /* owned */
  GPtrArray        *counties;
  GPtrArray        *cities;
  GPtrArray        *offices;
  gboolean          check_mode;
  gint64            selected_id;   /* the office whose details are shown */
  gint64            drag_id;       /* the office being dragged, or 0 */
  double            drag_x, drag_y;
  GtkPopover       *info;          /* a vacant area's or a zone's details */
  PkZone           *draft;         /* owned: the zone being drawn, NULL when not drawing */
  gboolean          draft_keyboard; /* the last corner came from the keyboard: crosshair at the centre */
  double            pointer_x, pointer_y;
  gboolean          has_vacancy;
};

enum { SITE_PICKED, OFFICE_ACTION, ADD_OFFICE, OFFICE_MOVED, ZONE_DRAWN, ZONE_PICKED, VACANT_PICKED,
       N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PkMapView, pk_map_view, GTK_TYPE_WIDGET)

#define OSM_ATTRIBUTION "© OpenStreetMap contributors"

static void update_draft (PkMapView *self);

static const PkPlace *
find_county (PkMapView *self,
             gint64     id)
{
  for (guint i = 0; self->counties && i < self->counties->len; i++)
    if (((PkPlace *) g_ptr_array_index (self->counties, i))->id == id)
      return g_ptr_array_index (self->counties, i);
  return NULL;
}

static void
popup_office (PkMapView      *self,
              const PkOffice *office)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double x, y;

  pk_feature_layer_set_selected_office (self->layer, office->id);
  self->selected_id = office->id;
  pk_office_details_set_office (self->details, office, find_county (self, office->county_id));
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), office->lat,
                                              office->lon, &x, &y);
  gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) { x - 6, y - 6, 12, 12 });
  gtk_popover_popup (self->popover);
}

static void
update_draft (PkMapView *self)
{
  double lat = 0, lon = 0, x = self->pointer_x, y = self->pointer_y;

  if (self->draft == NULL)
    {
      pk_feature_layer_set_draft (self->layer, NULL, FALSE, 0, 0);
      return;
    }
  if (self->draft_keyboard)
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              GTK_WIDGET (self), x, y, &lat, &lon);
  pk_feature_layer_set_draft (self->layer, self->draft, TRUE, lat, lon);
}

static void
on_motion_cb (PkMapView                *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->draft != NULL && !self->draft_keyboard)
    update_draft (self);
}

static void
on_viewport_changed_cb (PkMapView *self)
{
  if (self->draft != NULL && self->draft_keyboard)
    update_draft (self);
}

static void
on_click_released_cb (PkMapView       *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  PkOffice *office;

  if (self->draft != NULL)
    {
      double lat, lon;

      shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                                  GTK_WIDGET (self), x, y, &lat, &lon);
      if (n_press == 2)
        {
          /* the first click of a double-click already placed this corner */
          pk_map_view_finish_zone (self);
          return;
        }
      pk_zone_add_point (self->draft, lon, lat);
      self->draft_keyboard = FALSE;
      update_draft (self);
      return;
    }
  if (n_press != 1)
    return;
  if (self->check_mode)
    {
      double lat, lon;

      shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                                  GTK_WIDGET (self), x, y, &lat, &lon);
      g_signal_emit (self, signals[SITE_PICKED], 0, lat, lon);
      return;
    }
  office = pk_feature_layer_pick_office (self->layer, x, y);
  if (office != NULL)
    popup_office (self, office);
  else
    {
      gint64 zone = pk_feature_layer_pick_zone (self->layer, x, y);
      double lat, lon;

      pk_feature_layer_set_selected_office (self->layer, 0);
      self->selected_id = 0;
      shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                                  GTK_WIDGET (self), x, y, &lat, &lon);
      if (zone != 0)
        g_signal_emit (self, signals[ZONE_PICKED], 0, zone, x, y);
      else if (self->has_vacancy)
        g_signal_emit (self, signals[VACANT_PICKED], 0, lat, lon, x, y);
    }
}

static void
on_popover_closed_cb (PkMapView *self)
{
  /* the office stays selected (and draggable) until another click */
}

static void
office_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PkMapView *self = PK_MAP_VIEW (widget);

  gtk_popover_popdown (self->popover);
  if (self->selected_id != 0)
    g_signal_emit (self, signals[OFFICE_ACTION], 0, action_name + strlen ("map."), self->selected_id);
}

/* Secondary click: add an office here (the working group's "approved location"). */
static void
on_secondary_click_cb (PkMapView       *self,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkGestureClick *gesture)
{
  double lat, lon;

  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              GTK_WIDGET (self), x, y, &lat, &lon);
  g_signal_emit (self, signals[ADD_OFFICE], 0, lat, lon);
}

static PkOffice *
find_office (PkMapView *self,
             gint64     id)
{
  for (guint i = 0; self->offices && i < self->offices->len; i++)
    if (((PkOffice *) g_ptr_array_index (self->offices, i))->id == id)
      return g_ptr_array_index (self->offices, i);
  return NULL;
}

/* Dragging the selected office moves it; any other drag pans the map. */
static void
on_drag_begin_cb (PkMapView      *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  PkOffice *o = self->check_mode ? NULL : pk_feature_layer_pick_office (self->layer, x, y);

  if (o == NULL || o->id != self->selected_id)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_popover_popdown (self->popover);
  self->drag_id = o->id;
  self->drag_x = x;
  self->drag_y = y;
}

static void
on_drag_update_cb (PkMapView      *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  PkOffice *o = find_office (self, self->drag_id);

  if (o == NULL)
    return;
  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              GTK_WIDGET (self), self->drag_x + dx,
                                              self->drag_y + dy, &o->lat, &o->lon);
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

static void
on_drag_end_cb (PkMapView      *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  PkOffice *o = find_office (self, self->drag_id);

  self->drag_id = 0;
  if (o != NULL && (dx * dx + dy * dy) > 4)
    g_signal_emit (self, signals[OFFICE_MOVED], 0, o->id, o->lat, o->lon);
}

/* Arrow keys pan by a quarter of the view, +/- zoom: the map works without a mouse. */
static gboolean
on_key_pressed_cb (PkMapView             *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double dx = 0, dy = 0, lat, lon;

  if (self->draft != NULL)
    switch (keyval)
      {
      case GDK_KEY_space: case GDK_KEY_Insert: case GDK_KEY_KP_Insert: case GDK_KEY_KP_Space:
        /* a corner at the crosshair in the middle of the view */
        shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), w / 2, h / 2,
                                                    &lat, &lon);
        pk_zone_add_point (self->draft, lon, lat);
        self->draft_keyboard = TRUE;
        update_draft (self);
        return TRUE;
      case GDK_KEY_BackSpace: case GDK_KEY_Delete:
        pk_zone_remove_last_point (self->draft);
        update_draft (self);
        return TRUE;
      case GDK_KEY_Return: case GDK_KEY_KP_Enter:
        pk_map_view_finish_zone (self);
        return TRUE;
      case GDK_KEY_Escape:
        pk_map_view_cancel_zone (self);
        return TRUE;
      default:
        break;
      }

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -w / 4; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = w / 4; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -h / 4; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = h / 4; break;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      shumate_map_zoom_in (map);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      shumate_map_zoom_out (map);
      return TRUE;
    default:
      return FALSE;
    }
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self), w / 2 + dx,
                                              h / 2 + dy, &lat, &lon);
  shumate_map_center_on (map, lat, lon);
  if (self->draft != NULL)
    {
      self->draft_keyboard = TRUE;
      update_draft (self);
    }
  return TRUE;
}

static void
pk_map_view_dispose (GObject *object)
{
  PkMapView *self = PK_MAP_VIEW (object);

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  if (self->info != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->info));
      self->info = NULL;
    }
  if (self->map != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->map));
      self->map = NULL;
    }
  g_clear_object (&self->source);
  G_OBJECT_CLASS (pk_map_view_parent_class)->dispose (object);
}

static void
pk_map_view_finalize (GObject *object)
{
  PkMapView *self = PK_MAP_VIEW (object);

  g_clear_pointer (&self->basemap, pk_basemap_unref);
  g_clear_pointer (&self->province, pk_place_free);
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->draft, pk_zone_free);
  G_OBJECT_CLASS (pk_map_view_parent_class)->finalize (object);
}

static void
pk_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  PkMapView *self = PK_MAP_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->map), width, height, baseline, NULL);
  gtk_popover_present (self->popover);
  gtk_popover_present (self->info);
}

static void
pk_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  PkMapView *self = PK_MAP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->map), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  /* libshumate asks for the whole world's width; the map takes what is left
   * (and AdwFlap would otherwise share the window with the sidebar by halves) */
  *natural = MAX (*minimum, 400);
}

static void
pk_map_view_class_init (PkMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pk_map_view_dispose;
  object_class->finalize = pk_map_view_finalize;
  widget_class->size_allocate = pk_map_view_size_allocate;
  widget_class->measure = pk_map_view_measure;
  gtk_widget_class_set_css_name (widget_class, "pk-map-view");

  /* in check mode a click chooses the site to check */
  signals[SITE_PICKED] = g_signal_new ("site-picked", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* "edit-office", "remove-office", "check-office" or "inspect-office", and the office's id */
  signals[OFFICE_ACTION] = g_signal_new ("office-action", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  signals[ADD_OFFICE] = g_signal_new ("add-office", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[OFFICE_MOVED] = g_signal_new ("office-moved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* Enter, or a double-click, ends a drawing: the outline, as a PkZone with no name yet */
  signals[ZONE_DRAWN] = g_signal_new ("zone-drawn", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, PK_TYPE_ZONE);
  /* a click on an approved zone: its id and where (widget coordinates) */
  signals[ZONE_PICKED] = g_signal_new ("zone-picked", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* a click elsewhere while vacant areas are shown: lat, lon, x, y */
  signals[VACANT_PICKED] = g_signal_new ("vacant-picked", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                                         G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_install_action (widget_class, "map.edit-office", NULL, office_action);
  gtk_widget_class_install_action (widget_class, "map.remove-office", NULL, office_action);
  gtk_widget_class_install_action (widget_class, "map.check-office", NULL, office_action);
  gtk_widget_class_install_action (widget_class, "map.inspect-office", NULL, office_action);
}

static void
pk_map_view_init (PkMapView *self)
{
  ShumateViewport *viewport;
  GtkGesture *click;
  GtkEventController *keys;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->map = shumate_simple_map_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->map), GTK_WIDGET (self));
  viewport = shumate_simple_map_get_viewport (self->map);
  shumate_viewport_set_min_zoom_level (viewport, 4);
  shumate_viewport_set_max_zoom_level (viewport, 16);

  self->layer = pk_feature_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->layer));

  self->details = PK_OFFICE_DETAILS (pk_office_details_new ());
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->details));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (on_popover_closed_cb), self,
                           G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_click_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  {
    GtkGesture *drag = gtk_gesture_drag_new ();

    /* capture phase: we decide before the map starts panning */
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  }

  self->info = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->info), GTK_WIDGET (self));
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();

    g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
  }
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
pk_map_view_new (void)
{
  return g_object_new (PK_TYPE_MAP_VIEW, NULL);
}

/* libshumate 1.0.3 inserts the first base layer at the top of the stack
 * (insert_layer_behind with a NULL sibling), over our overlay: put it back on top. */
static void
raise_feature_layer (PkMapView *self)
{
  g_autoptr(PkFeatureLayer) layer = g_object_ref (self->layer);

  shumate_simple_map_remove_overlay_layer (self->map, SHUMATE_LAYER (layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (layer));
}

static void
set_source (PkMapView       *self,
            PkBasemapSource *source,
            const char      *id,
            const char      *name,
            const char      *license,
            guint            min_zoom,
            guint            max_zoom)
{
  g_autoptr(ShumateRasterRenderer) renderer =
    shumate_raster_renderer_new_full (id, name, license, "https://www.openstreetmap.org/copyright",
                                      min_zoom, max_zoom, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                      SHUMATE_DATA_SOURCE (source));

  g_set_object (&self->source, source);
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (renderer));
  raise_feature_layer (self);
}

/**
 * pk_map_view_set_basemap:
 *
 * Built-in (the workspace's outlines, offline), a raster MBTiles file
 * (offline), or OpenStreetMap's tile server (online; never the default).
 */
gboolean
pk_map_view_set_basemap (PkMapView      *self,
                         PkBasemapKind   kind,
                         const char     *mbtiles_path,
                         GError        **error)
{
  g_return_val_if_fail (PK_IS_MAP_VIEW (self), FALSE);

  if (kind == PK_BASEMAP_MBTILES)
    {
      PkMbtiles *mbtiles = pk_mbtiles_open (mbtiles_path ? mbtiles_path : "", error);
      g_autoptr(PkBasemapSource) source = NULL;
      g_autofree char *license = NULL;

      if (mbtiles == NULL)
        return FALSE;
      license = g_strdup (pk_mbtiles_get_attribution (mbtiles) ? pk_mbtiles_get_attribution (mbtiles)
                                                                 : OSM_ATTRIBUTION);
      source = pk_basemap_source_new_for_mbtiles (mbtiles);
      set_source (self, source, "pk-mbtiles", pk_mbtiles_get_name (mbtiles), license,
                  pk_mbtiles_get_min_zoom (mbtiles), pk_mbtiles_get_max_zoom (mbtiles));
      return TRUE;
    }
  if (kind == PK_BASEMAP_OSM)
    {
      g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
      ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry,
                                                                     SHUMATE_MAP_SOURCE_OSM_MAPNIK);

      g_clear_object (&self->source);
      shumate_simple_map_set_map_source (self->map, osm);
      raise_feature_layer (self);
      return TRUE;
    }
  if (self->basemap != NULL)
    {
      g_autoptr(PkBasemapSource) source = pk_basemap_source_new_for_basemap (self->basemap);

      set_source (self, source, "pk-builtin", _("Workspace outlines"), OSM_ATTRIBUTION, 4, 16);
    }
  return TRUE;
}

struct _PkMapData
{
  PkBasemap *basemap;
  PkPlace   *province;
  GPtrArray *counties;
  GPtrArray *cities;
  GPtrArray *offices;
  gboolean   sample;
};

void
pk_map_data_free (PkMapData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->basemap, pk_basemap_unref);
  g_clear_pointer (&data->province, pk_place_free);
  g_clear_pointer (&data->counties, g_ptr_array_unref);
  g_clear_pointer (&data->cities, g_ptr_array_unref);
  g_clear_pointer (&data->offices, g_ptr_array_unref);
  g_free (data);
}

/**
 * pk_map_data_load:
 *
 * Everything the map shows of a workspace, read from @store: safe in a
 * worker thread (with a connection of its own), so that a reload after an
 * edit or an import does not hold the window up.
 *
 * Returns: (transfer full) (nullable): the data, or %NULL with @error set
 */
PkMapData *
pk_map_data_load (PkStore  *store,
                  GError  **error)
{
  PkMapData *data = g_new0 (PkMapData, 1);
  g_autofree char *sample = NULL;

  if ((data->basemap = pk_basemap_new (store, error)) == NULL ||
      (data->province = pk_store_get_province (store, error)) == NULL ||
      (data->counties = pk_store_list_counties (store, error)) == NULL ||
      (data->cities = pk_store_list_cities (store, error)) == NULL ||
      (data->offices = pk_store_list_offices (store, error)) == NULL)
    {
      pk_map_data_free (data);
      return NULL;
    }
  sample = pk_store_get_meta (store, "sample");
  data->sample = g_strcmp0 (sample, "1") == 0;
  return data;
}

/* Shows @data (transfer full). */
void
pk_map_view_set_data (PkMapView *self,
                      PkMapData *data)
{
  GPtrArray *old_offices;

  g_return_if_fail (PK_IS_MAP_VIEW (self));
  g_return_if_fail (data != NULL);

  g_clear_pointer (&self->basemap, pk_basemap_unref);
  g_clear_pointer (&self->province, pk_place_free);
  g_clear_pointer (&self->counties, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  old_offices = g_steal_pointer (&self->offices);
  self->basemap = g_steal_pointer (&data->basemap);
  self->province = g_steal_pointer (&data->province);
  self->counties = g_steal_pointer (&data->counties);
  self->cities = g_steal_pointer (&data->cities);
  self->offices = g_steal_pointer (&data->offices);

  pk_feature_layer_set_data (self->layer, self->counties, self->cities, self->offices, data->sample);
  pk_map_data_free (data);
  /* once the layer lets go of them too, 25,000 offices are freed in a worker */
  pk_free_in_background (old_offices, (GDestroyNotify) g_ptr_array_unref);
  gtk_popover_popdown (self->popover);
  /* keep the selection across a reload after an edit, if the office is still there */
  if (find_office (self, self->selected_id) != NULL)
    pk_feature_layer_set_selected_office (self->layer, self->selected_id);
  else
    self->selected_id = 0;
}

/**
 * pk_map_view_update_office:
 * @office: (nullable): the office as it now is, %NULL when it was removed
 *
 * One office changed (edited, added, removed, or undone): the map shows it
 * without reading the workspace again.
 */
void
pk_map_view_update_office (PkMapView      *self,
                           gint64          id,
                           const PkOffice *office)
{
  guint i;

  g_return_if_fail (PK_IS_MAP_VIEW (self));
  if (self->offices == NULL)
    return;
  for (i = 0; i < self->offices->len; i++)
    if (((PkOffice *) g_ptr_array_index (self->offices, i))->id == id)
      break;
  if (office == NULL && i < self->offices->len)
    g_ptr_array_remove_index (self->offices, i);
  else if (office != NULL && i < self->offices->len)
    {
      pk_office_free (g_ptr_array_index (self->offices, i));
      g_ptr_array_index (self->offices, i) = pk_office_copy (office);
    }
  else if (office != NULL)
    g_ptr_array_add (self->offices, pk_office_copy (office));
  if (self->selected_id == id)
    gtk_popover_popdown (self->popover);    /* its details are the office as it was */
  if (office == NULL && self->selected_id == id)
    pk_map_view_select_office (self, 0);
  pk_feature_layer_offices_changed (self->layer);
}

/* Reads and shows @store at once; a failure leaves the current map untouched. */
gboolean
pk_map_view_set_workspace (PkMapView  *self,
                           PkStore    *store,
                           GError    **error)
{
  PkMapData *data;

  g_return_val_if_fail (PK_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (PK_IS_STORE (store), FALSE);
  if ((data = pk_map_data_load (store, error)) == NULL)
    return FALSE;
  pk_map_view_set_data (self, data);
  return TRUE;
}

static void
zoom_to_bbox (PkMapView    *self,
              const PkBBox *b)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1, zx, zy, zoom, lat_c, lon_c;

  if (w < 50 || h < 50)
    {
      w = 900;
      h = 700;
    }
  /* the span at zoom 0, in pixels; fit it into the view with a margin */
  pk_mercator_project (b->max_y, b->min_x, 0, 256, &x0, &y0);
  pk_mercator_project (b->min_y, b->max_x, 0, 256, &x1, &y1);
  zx = log2 ((w * 0.9) / MAX (x1 - x0, 1e-9));
  zy = log2 ((h * 0.9) / MAX (y1 - y0, 1e-9));
  zoom = CLAMP (MIN (zx, zy), 4, 15);

  lon_c = (b->min_x + b->max_x) / 2;
  /* centre in Mercator, not in degrees */
  {
    double my = (y0 + y1) / 2, n = G_PI - 2 * G_PI * my / 256;
    lat_c = 180 / G_PI * atan (sinh (n));
  }
  shumate_map_go_to_full_with_duration (map, lat_c, lon_c, zoom, 0);
}

void
pk_map_view_zoom_to_place (PkMapView     *self,
                           const PkPlace *place)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  g_return_if_fail (place != NULL);

  if (place->geometry != NULL)
    zoom_to_bbox (self, &place->geometry->bbox);
  else
    shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (self->map),
                                          place->lat, place->lon, 12, 0);
}

void
pk_map_view_zoom_to_province (PkMapView *self)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  if (self->province != NULL)
    pk_map_view_zoom_to_place (self, self->province);
}

void
pk_map_view_show_office (PkMapView      *self,
                         const PkOffice *office)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  g_return_if_fail (office != NULL);

  shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (self->map),
                                        office->lat, office->lon, 13, 0);
  popup_office (self, office);
}

guint
pk_map_view_get_tiles_served (PkMapView *self)
{
  g_return_val_if_fail (PK_IS_MAP_VIEW (self), 0);
  return self->source ? pk_basemap_source_get_n_served (self->source) : 0;
}

GPtrArray *
pk_map_view_get_offices (PkMapView *self)
{
  return self->offices;
}

GPtrArray *
pk_map_view_get_counties (PkMapView *self)
{
  return self->counties;
}

GPtrArray *
pk_map_view_get_cities (PkMapView *self)
{
  return self->cities;
}

void
pk_map_view_set_check_mode (PkMapView *self,
                            gboolean   on)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  self->check_mode = on;
  gtk_popover_popdown (self->popover);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), on ? "crosshair" : NULL);
}

void
pk_map_view_set_verdict (PkMapView     *self,
                         PkSiteVerdict *verdict)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  pk_feature_layer_set_verdict (self->layer, verdict);
}

/* Places to mark over the map: an inspector's visits (see PkMapMark). */
void
pk_map_view_set_marks (PkMapView *self,
                       GArray    *marks)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  pk_feature_layer_set_marks (self->layer, marks);
}

void
pk_map_view_go_to (PkMapView *self,
                   double     lat,
                   double     lon,
                   double     zoom)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (self->map), lat, lon, zoom, 0);
}

/**
 * pk_map_view_get_office:
 *
 * Returns: (transfer none) (nullable): the office with @id as the map has it
 */
PkOffice *
pk_map_view_get_office (PkMapView *self,
                        gint64     id)
{
  g_return_val_if_fail (PK_IS_MAP_VIEW (self), NULL);
  return find_office (self, id);
}

void
pk_map_view_select_office (PkMapView *self,
                           gint64     id)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  self->selected_id = id;
  pk_feature_layer_set_selected_office (self->layer, id);
}

void
pk_map_view_set_vacancy (PkMapView *self,
                         GPtrArray *vacant,
                         PkLicense  license)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  self->has_vacancy = vacant != NULL;
  pk_feature_layer_set_vacancy (self->layer, vacant, license);
}

/**
 * pk_map_view_popup_info:
 * @content: (transfer full): what to show, for example a vacant area's details
 *
 * Shows @content in a popover pointing at (@x, @y).
 */
void
pk_map_view_popup_info (PkMapView *self,
                        GtkWidget *content,
                        double     x,
                        double     y)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  gtk_popover_set_child (self->info, content);
  gtk_popover_set_pointing_to (self->info, &(GdkRectangle) { x - 2, y - 2, 4, 4 });
  gtk_popover_popup (self->info);
}

void
pk_map_view_popdown_info (PkMapView *self)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  gtk_popover_popdown (self->info);
}

/**
 * pk_map_view_start_zone:
 * @initial: (nullable): an outline to edit, or %NULL for a new one
 *
 * Drawing mode: each click (or Space, at the crosshair in the middle, for the
 * keyboard) adds a corner, Backspace removes the last, Enter or a
 * double-click finishes (the "zone-drawn" signal), Escape cancels.
 */
void
pk_map_view_start_zone (PkMapView    *self,
                        const PkZone *initial)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  g_clear_pointer (&self->draft, pk_zone_free);
  self->draft = initial ? pk_zone_copy (initial) : pk_zone_new ();
  self->draft_keyboard = FALSE;
  gtk_popover_popdown (self->popover);
  gtk_popover_popdown (self->info);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_grab_focus (GTK_WIDGET (self));
  update_draft (self);
}

gboolean
pk_map_view_is_drawing (PkMapView *self)
{
  g_return_val_if_fail (PK_IS_MAP_VIEW (self), FALSE);
  return self->draft != NULL;
}

/* For tests and the keyboard: a corner at (@lat, @lon). */
void
pk_map_view_add_zone_point (PkMapView *self,
                            double     lat,
                            double     lon)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  g_return_if_fail (self->draft != NULL);
  pk_zone_add_point (self->draft, lon, lat);
  update_draft (self);
}

void
pk_map_view_cancel_zone (PkMapView *self)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  g_clear_pointer (&self->draft, pk_zone_free);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->check_mode ? "crosshair" : NULL);
  update_draft (self);
}

/* Ends the drawing and emits "zone-drawn" with the outline (the receiver
 * validates it: fewer than three corners get a clear message there). */
void
pk_map_view_finish_zone (PkMapView *self)
{
  g_autoptr(PkZone) zone = NULL;

  g_return_if_fail (PK_IS_MAP_VIEW (self));
  if (self->draft == NULL)
    return;
  zone = g_steal_pointer (&self->draft);
  pk_map_view_cancel_zone (self);
  g_signal_emit (self, signals[ZONE_DRAWN], 0, zone);
}

void
pk_map_view_set_service_areas (PkMapView *self,
                               gboolean   on,
                               PkLicense  license,
                               double     radius_m)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  pk_feature_layer_set_service_areas (self->layer, on, license, radius_m);
}

void
pk_map_view_set_choropleth (PkMapView *self,
                            GPtrArray *rows)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  pk_feature_layer_set_choropleth (self->layer, rows);
}

void
pk_map_view_set_zones (PkMapView *self,
                       GPtrArray *zones,
                       gint64     selected)
{
  g_return_if_fail (PK_IS_MAP_VIEW (self));
  pk_feature_layer_set_zones (self->layer, zones, selected);
}

/* For benchmarks and tests: the one layer that draws offices, cities and labels. */
GtkWidget *
pk_map_view_get_feature_layer (PkMapView *self)
{
  g_return_val_if_fail (PK_IS_MAP_VIEW (self), NULL);
  return GTK_WIDGET (self->layer);
}
