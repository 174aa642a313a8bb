/* pk-bundle.h: field bundles — one inspector's visits and what they need,
 * taken offline, signed on the laptop and merged back without guessing
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"

G_BEGIN_DECLS

#define PK_BUNDLE_ERROR (pk_bundle_error_quark ())
GQuark pk_bundle_error_quark (void);

typedef enum
{
  PK_BUNDLE_ERROR_NOT_BUNDLE,      /* a workspace, or no workspace at all */
  PK_BUNDLE_ERROR_DAMAGED,         /* cannot be read: truncated, broken */
  PK_BUNDLE_ERROR_ALTERED,         /* changed after it was signed */
  PK_BUNDLE_ERROR_FOREIGN,         /* issued by another workspace */
  PK_BUNDLE_ERROR_INSPECTOR,       /* says another inspector than it was issued to */
  PK_BUNDLE_ERROR_NOTHING,         /* the inspector has no visit waiting */
  PK_BUNDLE_ERROR_INVALID,
} PkBundleError;

/* How far around a site the bundle takes offices (for SR-3 and SR-6 there)
 * and basemap tiles */
#define PK_BUNDLE_RADIUS_M 20000.0
#define PK_BUNDLE_TILE_RADIUS_M 2000.0
#define PK_BUNDLE_MAX_TILE_ZOOM 17

typedef struct
{
  char  *uuid;
  char  *inspector;
  char  *issued_at;
  char  *workspace_uuid;           /* the workspace that issued it */
  guint  n_visits;
  guint  n_decided;                /* visits with an outcome */
  guint  n_photos;
  guint  n_cases;
  guint  n_offices;
  guint  n_tiles;
} PkBundleInfo;

typedef struct
{
  PkBundleInfo *info;
  gboolean      dry_run;
  guint         n_applied;         /* visits whose changes were merged */
  guint         n_photos;          /* photos merged */
  guint         n_unchanged;       /* visits the inspector did not touch */
  guint         n_already;         /* merged by an earlier import of the same bundle */
  GPtrArray    *applied;           /* char *: "VISIT (CASE): what" lines, for people */
  GPtrArray    *conflicts;         /* PkBundleConflict: open ones this bundle has */
  guint         n_new_conflicts;
} PkBundleImport;

void            pk_bundle_info_free    (PkBundleInfo   *self);
void            pk_bundle_import_free  (PkBundleImport *self);

PkBundleInfo   *pk_bundle_export       (PkStore        *store,
                                        const char     *inspector,
                                        const char     *path,
                                        const char     *mbtiles_path,
                                        GError        **error);
PkBundleInfo   *pk_bundle_verify       (PkStore        *store,
                                        const char     *path,
                                        GError        **error);
PkBundleImport *pk_bundle_import       (PkStore        *store,
                                        const char     *path,
                                        gboolean        dry_run,
                                        GError        **error);
gboolean        pk_bundle_resolve      (PkStore        *store,
                                        gint64          conflict_id,
                                        gboolean        take_theirs,
                                        GError        **error);

PkAuditEntry   *pk_bundle_last_import  (PkStore        *store,
                                        const char     *bundle_uuid,
                                        GError        **error);
char           *pk_bundle_undo_import  (PkStore        *store,
                                        const char     *bundle_uuid,
                                        GError        **error);
gboolean        pk_bundle_undo_resolution (PkStore     *store,
                                        gint64          conflict_id,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkBundleInfo, pk_bundle_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkBundleImport, pk_bundle_import_free)

G_END_DECLS
