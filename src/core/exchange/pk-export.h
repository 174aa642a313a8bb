/* pk-export.h: offices as GeoJSON or CSV
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pk-store.h"

G_BEGIN_DECLS

void  pk_office_add_feature      (const PkOffice    *office,
                                  GPtrArray         *counties,
                                  JsonBuilder       *builder);
char *pk_export_offices_geojson (PkStore  *store,
                                 GError  **error);
char *pk_export_offices_csv     (PkStore  *store,
                                 GError  **error);
char *pk_export_audit_csv       (GPtrArray *entries);

void  pk_json_add_polygons       (JsonBuilder       *builder,
                                 const PkGeometry  *geometry);

gboolean pk_export_case_file     (PkStore      *store,
                                 PkCase       *c,
                                 const char   *path,
                                 GError      **error);

G_END_DECLS
