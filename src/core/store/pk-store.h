/* pk-store.h: a workspace — its records and its transactions; the file workspace
 * (SQLite + SpatiaLite, pk-sqlite-store.c) is one backend behind it
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pk-case.h"
#include "pk-doc-check.h"
#include "pk-meeting.h"
#include "pk-office.h"
#include "pk-place.h"
#include "pk-rules.h"
#include "pk-visit.h"
#include "pk-zone.h"

G_BEGIN_DECLS

#define PK_STORE_SCHEMA_VERSION 8
#define PK_STORE_FILE_EXTENSION ".pkws"

#define PK_STORE_ERROR (pk_store_error_quark ())
GQuark pk_store_error_quark (void);

typedef enum
{
  PK_STORE_ERROR_NOT_FOUND,
  PK_STORE_ERROR_EXISTS,
  PK_STORE_ERROR_NOT_WORKSPACE,
  PK_STORE_ERROR_CORRUPT,
  PK_STORE_ERROR_TOO_NEW,
  PK_STORE_ERROR_SQL,
  PK_STORE_ERROR_INVALID,
  PK_STORE_ERROR_READ_ONLY,
  PK_STORE_ERROR_FULL,
  PK_STORE_ERROR_CONFLICT,       /* changed by someone else since it was read */
  PK_STORE_ERROR_UNSUPPORTED,    /* this backend cannot do it (yet) */
} PkStoreError;

#define PK_TYPE_STORE (pk_store_get_type ())
G_DECLARE_DERIVABLE_TYPE (PkStore, pk_store, PK, STORE, GObject)

PkStore    *pk_store_open               (const char   *path,
                                         GError      **error);
PkStore    *pk_store_open_read_only     (const char   *path,
                                         GError      **error);
PkStore    *pk_store_open_with_password (const char   *location,
                                         const char   *password,
                                         GError      **error);
gboolean    pk_store_location_is_server (const char   *location);
char       *pk_store_dup_display_name   (PkStore      *self);
/* One workspace of a server database (pk_store_list_server_workspaces()) */
typedef struct
{
  char   *name;              /* as ?workspace= names it */
  char   *province_fa;
  char   *province_en;
  gint64  n_serving;         /* offices active or approved */
  gint64  n_open_cases;
  int     schema_version;    /* -1: this login cannot read it */
} PkServerWorkspace;

void        pk_server_workspace_free    (PkServerWorkspace *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkServerWorkspace, pk_server_workspace_free)
GPtrArray  *pk_store_list_server_workspaces (const char *uri,
                                             const char *password,
                                             GError    **error);
const char *pk_store_get_role           (PkStore      *self);
gboolean    pk_store_can_edit_register  (PkStore      *self);
gboolean    pk_store_grant              (PkStore      *self,
                                         const char   *login,
                                         const char   *role,
                                         const char   *name,
                                         GError      **error);
PkStore    *pk_store_copy               (PkStore      *source,
                                         const char   *target,
                                         gboolean      overwrite,
                                         guint        *n_records,
                                         GError      **error);
PkStore    *pk_store_create             (const char   *path,
                                         gboolean      overwrite,
                                         GError      **error);
PkStore    *pk_store_open_another       (PkStore      *self,
                                         GError      **error);
typedef gpointer (*PkStoreJobFunc) (PkStore       *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

void        pk_store_run_job_async      (PkStore             *self,
                                         gpointer             source_object,
                                         PkStoreJobFunc       func,
                                         gpointer             data,
                                         GDestroyNotify       data_free,
                                         GDestroyNotify       result_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gpointer    pk_store_run_job_finish     (GAsyncResult        *result,
                                         GError             **error);
gpointer    pk_store_job_get_data       (GAsyncResult        *result);
gboolean    pk_store_publish            (PkStore      *self,
                                         GError      **error);
gboolean    pk_store_file_in_use        (const char   *path);
const char *pk_store_get_path           (PkStore      *self);
int         pk_store_get_schema_version (PkStore      *self);
gboolean    pk_store_is_read_only       (PkStore      *self);
gboolean    pk_store_changed_elsewhere  (PkStore      *self);
gboolean    pk_store_is_bundle          (PkStore      *self);
void        pk_store_set_actor          (PkStore      *self,
                                         const char   *actor);
const char *pk_store_get_actor          (PkStore      *self);

gboolean    pk_store_begin              (PkStore      *self,
                                         GError      **error);
gboolean    pk_store_commit             (PkStore      *self,
                                         GError      **error);
void        pk_store_rollback           (PkStore      *self);

gboolean    pk_store_lookup_meta        (PkStore      *self,
                                         const char   *key,
                                         char        **value,
                                         GError      **error);
char       *pk_store_get_meta           (PkStore      *self,
                                         const char   *key);
gboolean    pk_store_set_meta           (PkStore      *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);

gboolean    pk_store_add_province       (PkStore      *self,
                                         gint64        id,
                                         const char   *name_fa,
                                         const char   *name_en,
                                         const char   *geojson_geometry,
                                         GError      **error);
gint64      pk_store_add_county         (PkStore      *self,
                                         const char   *name_fa,
                                         const char   *name_en,
                                         gint64        osm_relation,
                                         const char   *geojson_geometry,
                                         GError      **error);
gint64      pk_store_add_city           (PkStore      *self,
                                         gint64        id,
                                         gint64        county_id,
                                         const char   *name_fa,
                                         const char   *name_en,
                                         gboolean      is_county_seat,
                                         double        lat,
                                         double        lon,
                                         GError      **error);
gint64      pk_store_add_office         (PkStore      *self,
                                         const PkOffice *office,
                                         GError      **error);

PkPlace    *pk_store_get_province       (PkStore      *self,
                                         GError      **error);
GPtrArray  *pk_store_list_provinces     (PkStore      *self,
                                         GError      **error);
GPtrArray  *pk_store_list_counties      (PkStore      *self,
                                         GError      **error);
GPtrArray  *pk_store_list_cities        (PkStore      *self,
                                         GError      **error);
GPtrArray  *pk_store_list_offices       (PkStore      *self,
                                         GError      **error);
GArray     *pk_store_list_office_points (PkStore      *self,
                                         GError      **error);
gboolean    pk_store_log                (PkStore      *self,
                                         const char   *action,
                                         const char   *entity,
                                         gint64        entity_id,
                                         const char   *before_json,
                                         const char   *after_json,
                                         GError      **error);
PkOffice   *pk_store_get_office         (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
PkOffice   *pk_store_get_office_by_uuid (PkStore      *self,
                                         const char   *uuid,
                                         GError      **error);
gboolean    pk_store_update_office      (PkStore      *self,
                                         const PkOffice *office,
                                         GError      **error);
gboolean    pk_store_delete_office      (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
gint64      pk_store_office_code_owner  (PkStore      *self,
                                         const char   *code);
gboolean    pk_store_case_office        (PkStore      *self,
                                         gint64        case_id,
                                         gint64       *office_id,
                                         GError      **error);
gboolean    pk_store_office_code_exists (PkStore      *self,
                                         const char   *code);
GHashTable *pk_store_get_rule_settings  (PkStore      *self,
                                         GError      **error);
gboolean    pk_store_set_rule_setting   (PkStore      *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);
PkRuleSet  *pk_store_load_rules         (PkStore      *self,
                                         GError      **error);
gboolean    pk_store_save_rule_value    (PkStore      *self,
                                         const char   *key,
                                         double        value,
                                         GError      **error);
gboolean    pk_store_save_capacity      (PkStore      *self,
                                         gint64        county_id,
                                         PkLicense     license,
                                         int           capacity,
                                         GError      **error);
char       *pk_store_polygon_invalid_reason (PkStore    *self,
                                             const char *geojson_geometry);
gboolean    pk_store_set_urban_area     (PkStore      *self,
                                         gint64        city_id,
                                         const char   *geojson_geometry,
                                         GError      **error);
gint64      pk_store_add_zone           (PkStore      *self,
                                         const PkZone *zone,
                                         GError      **error);
gboolean    pk_store_update_zone        (PkStore      *self,
                                         const PkZone *zone,
                                         GError      **error);
gboolean    pk_store_delete_zone        (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
PkZone     *pk_store_get_zone_by_uuid   (PkStore      *self,
                                         const char   *uuid,
                                         GError      **error);
PkZone     *pk_store_get_zone           (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
GPtrArray  *pk_store_list_zones         (PkStore      *self,
                                         GError      **error);
gint64      pk_store_count_audit        (PkStore      *self);

/* one change in the audit log, as pk_store_list_audit() reads it */
typedef struct
{
  gint64  id;
  char   *at;                    /* ISO 8601, UTC */
  char   *actor;
  char   *action;                /* "insert", "update", "delete", "close", "outcome"… */
  char   *entity;                /* "office", "case", "meeting", "case-decision"… */
  gint64  entity_id;
  char   *before;                /* JSON, or NULL */
  char   *after;                 /* JSON, or NULL */
} PkAuditEntry;

void        pk_audit_entry_free         (PkAuditEntry *self);
GPtrArray  *pk_store_list_audit         (PkStore      *self,
                                         const char   *since,
                                         const char   *actor,
                                         const char   *entity,
                                         GError      **error);
GPtrArray  *pk_store_list_audit_page    (PkStore      *self,
                                         const char   *since,
                                         const char   *actor,
                                         const char   *entity,
                                         gint64        before_id,
                                         guint         limit,
                                         GError      **error);

/* the working group (pk-store-meetings.c) */
gint64      pk_store_add_meeting        (PkStore          *self,
                                         const PkMeeting  *meeting,
                                         GError          **error);
PkMeeting  *pk_store_get_meeting        (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
GPtrArray  *pk_store_list_meetings      (PkStore      *self,
                                         GError      **error);
gboolean    pk_store_add_agenda_case    (PkStore      *self,
                                         gint64        meeting_id,
                                         gint64        case_id,
                                         PkReview      review,
                                         GError      **error);
gboolean    pk_store_close_meeting      (PkStore      *self,
                                         gint64        meeting_id,
                                         GError      **error);
gint64      pk_store_add_decision       (PkStore          *self,
                                         const PkDecision *decision,
                                         GError          **error);
GPtrArray  *pk_store_list_case_decisions (PkStore     *self,
                                          gint64       case_id,
                                          GError     **error);
gboolean    pk_store_set_condition_met  (PkStore      *self,
                                         gint64        condition_id,
                                         gboolean      met,
                                         GError      **error);
gboolean    pk_store_write_case_outcome (PkStore      *self,
                                         gint64        case_id,
                                         const char   *outcome,
                                         GError      **error);

/* site visits (pk-store-visits.c) */
gint64      pk_store_add_visit          (PkStore        *self,
                                         const PkVisit  *visit,
                                         GError        **error);
gboolean    pk_store_update_visit       (PkStore        *self,
                                         const PkVisit  *visit,
                                         GError        **error);
PkVisit    *pk_store_get_visit          (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
PkVisit    *pk_store_get_visit_by_uuid  (PkStore      *self,
                                         const char   *uuid,
                                         GError      **error);
GPtrArray  *pk_store_list_visits        (PkStore      *self,
                                         const char   *inspector,
                                         GError      **error);
gint64      pk_store_add_visit_photo    (PkStore             *self,
                                         const PkVisitPhoto  *photo,
                                         const char          *mime_type,
                                         GBytes              *content,
                                         gint64               conflict_id,
                                         GError             **error);
GPtrArray  *pk_store_list_visit_photos  (PkStore      *self,
                                         gint64        visit_id,
                                         gint64        conflict_id,
                                         GError      **error);
gboolean    pk_store_delete_visit_photo (PkStore      *self,
                                         gint64        photo_id,
                                         GError      **error);
GBytes     *pk_store_get_visit_photo_content (PkStore *self,
                                         gint64        photo_id,
                                         GError      **error);
gboolean    pk_store_settle_conflict_photos (PkStore  *self,
                                         gint64        conflict_id,
                                         gboolean      keep,
                                         GError      **error);

/* field bundles (pk-store-bundle.c) */
typedef struct
{
  int     zoom, x, y;                /* XYZ, as the map asks */
  GBytes *data;
} PkBundleTile;

typedef struct
{
  const char *uuid;
  const char *inspector;
  const char *key;                   /* hex */
  const char *issued_at;
  const char *base_json;             /* {record UUID: revision at export} */
  GArray     *visit_ids;             /* gint64: what the bundle keeps */
  GArray     *case_ids;
  GArray     *office_ids;
  GPtrArray  *tiles;                 /* PkBundleTile, or NULL */
  const char *tiles_attribution;     /* the basemap's credit, kept with its tiles; or NULL */
} PkBundleSpec;

typedef struct
{
  gint64  id;
  char   *bundle_uuid;
  char   *inspector;
  char   *visit_uuid;
  gint64  revision;                  /* the visit's revision in the bundle */
  char   *reason;
  char   *ours;                      /* the visit here when it was found (JSON), or NULL */
  char   *theirs;                    /* the bundle's visit (JSON) */
  char   *found_at;
  char   *resolved_at;
  char   *resolved_by;
  char   *resolution;                /* "ours", "theirs", or NULL while open */
} PkBundleConflict;

void        pk_bundle_conflict_free     (PkBundleConflict *self);
gboolean    pk_store_write_bundle       (PkStore             *self,
                                         const char          *path,
                                         const PkBundleSpec  *spec,
                                         GError             **error);
gboolean    pk_store_bundle_signature_valid (PkStore  *self,
                                         const char   *key,
                                         GError      **error);
gboolean    pk_store_add_bundle_key     (PkStore      *self,
                                         const char   *uuid,
                                         const char   *inspector,
                                         const char   *key,
                                         const char   *base_json,
                                         GError      **error);
gboolean    pk_store_get_bundle_key     (PkStore      *self,
                                         const char   *uuid,
                                         char        **inspector,
                                         char        **key,
                                         char        **base_json,
                                         GError      **error);
gint64      pk_store_bundle_last_merge  (PkStore      *self,
                                         const char   *bundle_uuid,
                                         const char   *record_uuid,
                                         gint64       *our_revision);
gboolean    pk_store_note_bundle_merge  (PkStore      *self,
                                         const char   *bundle_uuid,
                                         const char   *record_uuid,
                                         gint64        revision,
                                         gint64        our_revision,
                                         GError      **error);
gboolean    pk_store_forget_bundle_merges (PkStore    *self,
                                         const char   *bundle_uuid,
                                         const char   *record_uuid,
                                         gint64        revision,
                                         GError      **error);
gboolean    pk_store_delete_bundle_conflict (PkStore  *self,
                                         gint64        id,
                                         GError      **error);
gint64      pk_store_add_bundle_conflict (PkStore                *self,
                                          const PkBundleConflict *conflict,
                                          gboolean               *is_new,
                                          GError                **error);
GPtrArray  *pk_store_list_bundle_conflicts (PkStore   *self,
                                         gboolean      open_only,
                                         GError      **error);
PkBundleConflict *pk_store_get_bundle_conflict (PkStore *self,
                                         gint64        id,
                                         GError      **error);
gboolean    pk_store_resolve_bundle_conflict (PkStore *self,
                                         gint64        id,
                                         const char   *resolution,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkBundleConflict, pk_bundle_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkAuditEntry, pk_audit_entry_free)

/* case files (pk-store-cases.c) */
gint64      pk_store_add_case           (PkStore      *self,
                                         PkCase       *c,
                                         GError      **error);
PkCase     *pk_store_get_case           (PkStore      *self,
                                         gint64        id,
                                         GError      **error);
PkCase     *pk_store_find_case          (PkStore      *self,
                                         const char   *number_or_id,
                                         GError      **error);
GPtrArray  *pk_store_list_cases         (PkStore      *self,
                                         GError      **error);
GPtrArray  *pk_store_list_cases_page    (PkStore      *self,
                                         gint64        before_id,
                                         guint         limit,
                                         GError      **error);
gboolean    pk_store_write_case_field   (PkStore      *self,
                                         gint64        case_id,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);
gboolean    pk_store_write_case_field_if (PkStore     *self,
                                          gint64       case_id,
                                          const char  *key,
                                          const char  *seen,
                                          const char  *value,
                                          GError     **error);
gboolean    pk_store_set_case_site      (PkStore      *self,
                                         gint64        case_id,
                                         gboolean      has_site,
                                         double        lat,
                                         double        lon,
                                         gboolean      not_on_map,
                                         const char   *address,
                                         const char   *check_json,
                                         GError      **error);
gint64      pk_store_add_case_person    (PkStore      *self,
                                         gint64        case_id,
                                         const PkCasePerson *person,
                                         GError      **error);
gboolean    pk_store_update_case_person (PkStore      *self,
                                         const PkCasePerson *person,
                                         GError      **error);
gboolean    pk_store_delete_case_person (PkStore      *self,
                                         gint64        person_id,
                                         GError      **error);
gint64      pk_store_add_case_document  (PkStore      *self,
                                         gint64        case_id,
                                         const char   *kind,
                                         gint64        person_id,
                                         const char   *file_name,
                                         GBytes       *content,
                                         const PkDocReport *report,
                                         GError      **error);
gboolean    pk_store_delete_case_document (PkStore    *self,
                                         gint64        document_id,
                                         GError      **error);
GBytes     *pk_store_get_case_document_content (PkStore *self,
                                         gint64        document_id,
                                         GError      **error);
GPtrArray  *pk_store_get_case_document_thumbnails (PkStore *self,
                                         gint64        document_id,
                                         GError      **error);
gboolean    pk_store_write_case_stage   (PkStore      *self,
                                         gint64        case_id,
                                         const char   *stage,
                                         PkStageState  state,
                                         const char   *note,
                                         GError      **error);
gboolean    pk_store_write_case_status  (PkStore      *self,
                                         gint64        case_id,
                                         PkCaseStatus  status,
                                         GError      **error);
gboolean    pk_store_add_case_event     (PkStore      *self,
                                         gint64        case_id,
                                         const char   *kind,
                                         const char   *stage,
                                         const char   *message,
                                         GError      **error);

guint       pk_store_get_main_loop_round_trips (PkStore *self);

G_END_DECLS
