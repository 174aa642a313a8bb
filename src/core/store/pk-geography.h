/* pk-geography.h: the bundled geography and the workspaces made from it
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_SAMPLE_PROVINCE_ID 17       /* South Khorasan in iran-provinces.csv */
#define PK_SAMPLE_SEED        1403

GPtrArray *pk_geography_list_provinces   (GError     **error);
PkPlace   *pk_geography_find_province    (const char  *name_or_id,
                                          GError     **error);
PkStore   *pk_workspace_create_province  (const char  *path,
                                          const char  *province,
                                          gboolean     overwrite,
                                          GError     **error);
PkStore   *pk_workspace_create_sample    (const char  *path,
                                          gboolean     overwrite,
                                          GError     **error);

G_END_DECLS
