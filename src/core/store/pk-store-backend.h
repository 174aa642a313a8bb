/* pk-store-backend.h: what a workspace backend implements (the GFile /
 * GLocalFile pattern): PkStore's public functions check their arguments and
 * call these; the base class keeps what every backend shares — the actor,
 * nested transactions and the "changed" signal after the outermost commit.
 * Included by backends only.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-geom.h"
#include "pk-store.h"

G_BEGIN_DECLS

/* One value of a row as workspace copy moves it between backends */
typedef enum
{
  PK_CELL_NULL,
  PK_CELL_INT,
  PK_CELL_REAL,
  PK_CELL_TEXT,
  PK_CELL_BLOB,
  PK_CELL_GEOMETRY,     /* WKB, SRID 4326 */
} PkCellKind;

typedef struct
{
  PkCellKind    kind;
  gint64        i;
  double        d;
  const guint8 *data;   /* TEXT (not NUL-terminated), BLOB, GEOMETRY */
  gsize         len;
} PkCell;

typedef gboolean (*PkRowFunc) (const PkCell  *cells,
                               gpointer       user_data,
                               GError       **error);

struct _PkStoreClass
{
  GObjectClass parent_class;

  /* a connection of its own to the same workspace, for a worker thread */
  PkStore    *(*open_another)   (PkStore  *self,
                                 GError  **error);
  /* transactions nest: @depth is how many are open before a begin, and
   * including the one that ends at a commit or a rollback */
  gboolean    (*begin_level)    (PkStore  *self,
                                 guint     depth,
                                 GError  **error);
  gboolean    (*commit_level)   (PkStore  *self,
                                 guint     depth,
                                 GError  **error);
  void        (*rollback_level) (PkStore  *self,
                                 guint     depth);

  /* the records: one for each public pk_store_…() of the same name */
  gboolean    (*publish)                      (PkStore  *self,
                                               GError  **error);
  const char *(*get_path)                     (PkStore *self);
  int         (*get_schema_version)           (PkStore *self);
  gboolean    (*is_read_only)                 (PkStore *self);
  gboolean    (*changed_elsewhere)            (PkStore *self);
  gboolean    (*lookup_meta)                  (PkStore     *self,
                                               const char  *key,
                                               char       **value,
                                               GError     **error);
  char *      (*get_meta)                     (PkStore    *self,
                                               const char *key);
  gboolean    (*set_meta)                     (PkStore     *self,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);
  gboolean    (*add_province)                 (PkStore     *self,
                                               gint64       id,
                                               const char  *name_fa,
                                               const char  *name_en,
                                               const char  *geojson_geometry,
                                               GError     **error);
  gint64      (*add_county)                   (PkStore     *self,
                                               const char  *name_fa,
                                               const char  *name_en,
                                               gint64       osm_relation,
                                               const char  *geojson_geometry,
                                               GError     **error);
  gint64      (*add_city)                     (PkStore     *self,
                                               gint64       id,
                                               gint64       county_id,
                                               const char  *name_fa,
                                               const char  *name_en,
                                               gboolean     is_county_seat,
                                               double       lat,
                                               double       lon,
                                               GError     **error);
  gint64      (*add_office)                   (PkStore         *self,
                                               const PkOffice  *office,
                                               GError         **error);
  PkPlace *   (*get_province)                 (PkStore  *self,
                                               GError  **error);
  GPtrArray * (*list_provinces)               (PkStore  *self,
                                               GError  **error);
  GPtrArray * (*list_counties)                (PkStore  *self,
                                               GError  **error);
  GPtrArray * (*list_cities)                  (PkStore  *self,
                                               GError  **error);
  GPtrArray * (*list_offices)                 (PkStore  *self,
                                               GError  **error);
  GArray *    (*list_office_points)           (PkStore  *self,
                                               GError  **error);
  gboolean    (*log)                          (PkStore     *self,
                                               const char  *action,
                                               const char  *entity,
                                               gint64       entity_id,
                                               const char  *before_json,
                                               const char  *after_json,
                                               GError     **error);
  PkOffice *  (*get_office)                   (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  PkOffice *  (*get_office_by_uuid)           (PkStore     *self,
                                               const char  *uuid,
                                               GError     **error);
  gboolean    (*update_office)                (PkStore         *self,
                                               const PkOffice  *office,
                                               GError         **error);
  gboolean    (*delete_office)                (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  gint64      (*office_code_owner)            (PkStore    *self,
                                               const char *code);
  gboolean    (*case_office)                  (PkStore  *self,
                                               gint64    case_id,
                                               gint64   *office_id,
                                               GError  **error);
  gboolean    (*office_code_exists)           (PkStore    *self,
                                               const char *code);
  GHashTable *(*get_rule_settings)            (PkStore  *self,
                                               GError  **error);
  gboolean    (*set_rule_setting)             (PkStore     *self,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);
  PkRuleSet * (*load_rules)                   (PkStore  *self,
                                               GError  **error);
  gboolean    (*save_rule_value)              (PkStore     *self,
                                               const char  *key,
                                               double       value,
                                               GError     **error);
  gboolean    (*save_capacity)                (PkStore    *self,
                                               gint64      county_id,
                                               PkLicense   license,
                                               int         capacity,
                                               GError    **error);
  char *      (*polygon_invalid_reason)       (PkStore    *self,
                                               const char *geojson_geometry);
  gboolean    (*set_urban_area)               (PkStore     *self,
                                               gint64       city_id,
                                               const char  *geojson_geometry,
                                               GError     **error);
  gint64      (*add_zone)                     (PkStore       *self,
                                               const PkZone  *zone,
                                               GError       **error);
  gboolean    (*update_zone)                  (PkStore       *self,
                                               const PkZone  *zone,
                                               GError       **error);
  gboolean    (*delete_zone)                  (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  PkZone *    (*get_zone_by_uuid)             (PkStore     *self,
                                               const char  *uuid,
                                               GError     **error);
  PkZone *    (*get_zone)                     (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  GPtrArray * (*list_zones)                   (PkStore  *self,
                                               GError  **error);
  gint64      (*count_audit)                  (PkStore *self);
  gint64      (*add_case)                     (PkStore  *self,
                                               PkCase   *c,
                                               GError  **error);
  PkCase *    (*get_case)                     (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  PkCase *    (*find_case)                    (PkStore     *self,
                                               const char  *number_or_id,
                                               GError     **error);
  /* newest first; only ids below @before_id (0: from the newest), at most
   * @limit (0: every one) */
  GPtrArray * (*list_cases)                   (PkStore  *self,
                                               gint64    before_id,
                                               guint     limit,
                                               GError  **error);
  /* @check: refuse with PK_STORE_ERROR_CONFLICT unless the field is @seen now */
  gboolean    (*write_case_field)             (PkStore     *self,
                                               gint64       case_id,
                                               const char  *key,
                                               gboolean     check,
                                               const char  *seen,
                                               const char  *value,
                                               GError     **error);
  gboolean    (*set_case_site)                (PkStore     *self,
                                               gint64       case_id,
                                               gboolean     has_site,
                                               double       lat,
                                               double       lon,
                                               gboolean     not_on_map,
                                               const char  *address,
                                               const char  *check_json,
                                               GError     **error);
  gint64      (*add_case_person)              (PkStore             *self,
                                               gint64               case_id,
                                               const PkCasePerson  *person,
                                               GError             **error);
  gboolean    (*update_case_person)           (PkStore             *self,
                                               const PkCasePerson  *person,
                                               GError             **error);
  gboolean    (*delete_case_person)           (PkStore  *self,
                                               gint64    person_id,
                                               GError  **error);
  gint64      (*add_case_document)            (PkStore            *self,
                                               gint64              case_id,
                                               const char         *kind,
                                               gint64              person_id,
                                               const char         *file_name,
                                               GBytes             *content,
                                               const PkDocReport  *report,
                                               GError            **error);
  gboolean    (*delete_case_document)         (PkStore  *self,
                                               gint64    document_id,
                                               GError  **error);
  GBytes *    (*get_case_document_content)    (PkStore  *self,
                                               gint64    document_id,
                                               GError  **error);
  GPtrArray * (*get_case_document_thumbnails) (PkStore  *self,
                                               gint64    document_id,
                                               GError  **error);
  gboolean    (*write_case_stage)             (PkStore       *self,
                                               gint64         case_id,
                                               const char    *stage,
                                               PkStageState   state,
                                               const char    *note,
                                               GError       **error);
  gboolean    (*write_case_status)            (PkStore       *self,
                                               gint64         case_id,
                                               PkCaseStatus   status,
                                               GError       **error);
  gboolean    (*add_case_event)               (PkStore     *self,
                                               gint64       case_id,
                                               const char  *kind,
                                               const char  *stage,
                                               const char  *message,
                                               GError     **error);
  gint64      (*add_meeting)                  (PkStore          *self,
                                               const PkMeeting  *meeting,
                                               GError          **error);
  PkMeeting * (*get_meeting)                  (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  GPtrArray * (*list_meetings)                (PkStore  *self,
                                               GError  **error);
  gboolean    (*add_agenda_case)              (PkStore   *self,
                                               gint64     meeting_id,
                                               gint64     case_id,
                                               PkReview   review,
                                               GError   **error);
  gboolean    (*close_meeting)                (PkStore  *self,
                                               gint64    meeting_id,
                                               GError  **error);
  gint64      (*add_decision)                 (PkStore           *self,
                                               const PkDecision  *decision,
                                               GError           **error);
  GPtrArray * (*list_case_decisions)          (PkStore  *self,
                                               gint64    case_id,
                                               GError  **error);
  gboolean    (*set_condition_met)            (PkStore   *self,
                                               gint64     condition_id,
                                               gboolean   met,
                                               GError   **error);
  gboolean    (*write_case_outcome)           (PkStore     *self,
                                               gint64       case_id,
                                               const char  *outcome,
                                               GError     **error);
  /* @limit 0: every change, oldest first; else at most @limit, newest first,
   * of ids below @before_id (0: from the newest) */
  GPtrArray * (*list_audit)                   (PkStore     *self,
                                               const char  *since,
                                               const char  *actor,
                                               const char  *entity,
                                               gint64       before_id,
                                               guint        limit,
                                               GError     **error);
  gint64      (*add_visit)                    (PkStore        *self,
                                               const PkVisit  *visit,
                                               GError        **error);
  gboolean    (*update_visit)                 (PkStore        *self,
                                               const PkVisit  *visit,
                                               GError        **error);
  PkVisit *   (*get_visit)                    (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  PkVisit *   (*get_visit_by_uuid)            (PkStore     *self,
                                               const char  *uuid,
                                               GError     **error);
  GPtrArray * (*list_visits)                  (PkStore     *self,
                                               const char  *inspector,
                                               GError     **error);
  gint64      (*add_visit_photo)              (PkStore             *self,
                                               const PkVisitPhoto  *photo,
                                               const char          *mime_type,
                                               GBytes              *content,
                                               gint64               conflict_id,
                                               GError             **error);
  GPtrArray * (*list_visit_photos)            (PkStore  *self,
                                               gint64    visit_id,
                                               gint64    conflict_id,
                                               GError  **error);
  gboolean    (*delete_visit_photo)           (PkStore  *self,
                                               gint64    photo_id,
                                               GError  **error);
  GBytes *    (*get_visit_photo_content)      (PkStore  *self,
                                               gint64    photo_id,
                                               GError  **error);
  gboolean    (*settle_conflict_photos)       (PkStore   *self,
                                               gint64     conflict_id,
                                               gboolean   keep,
                                               GError   **error);
  gboolean    (*bundle_signature_valid)       (PkStore     *self,
                                               const char  *key,
                                               GError     **error);
  gboolean    (*add_bundle_key)               (PkStore     *self,
                                               const char  *uuid,
                                               const char  *inspector,
                                               const char  *key,
                                               const char  *base_json,
                                               GError     **error);
  gboolean    (*get_bundle_key)               (PkStore     *self,
                                               const char  *uuid,
                                               char       **inspector,
                                               char       **key,
                                               char       **base_json,
                                               GError     **error);
  gint64      (*bundle_last_merge)            (PkStore     *self,
                                               const char  *bundle_uuid,
                                               const char  *record_uuid,
                                               gint64      *our_revision);
  gboolean    (*note_bundle_merge)            (PkStore     *self,
                                               const char  *bundle_uuid,
                                               const char  *record_uuid,
                                               gint64       revision,
                                               gint64       our_revision,
                                               GError     **error);
  /* undoing an import: its merge notes of @record_uuid from @revision on go */
  gboolean    (*forget_bundle_merges)         (PkStore     *self,
                                               const char  *bundle_uuid,
                                               const char  *record_uuid,
                                               gint64       revision,
                                               GError     **error);
  /* undoing an import: a conflict it found goes, with the photos it held back */
  gboolean    (*delete_bundle_conflict)       (PkStore     *self,
                                               gint64       id,
                                               GError     **error);
  gint64      (*add_bundle_conflict)          (PkStore                 *self,
                                               const PkBundleConflict  *conflict,
                                               gboolean                *is_new,
                                               GError                 **error);
  GPtrArray * (*list_bundle_conflicts)        (PkStore   *self,
                                               gboolean   open_only,
                                               GError   **error);
  PkBundleConflict *(*get_bundle_conflict)    (PkStore  *self,
                                               gint64    id,
                                               GError  **error);
  gboolean    (*resolve_bundle_conflict)      (PkStore     *self,
                                               gint64       id,
                                               const char  *resolution,
                                               GError     **error);

  /* workspace copy: a table's columns, its rows in @columns' order, one row
   * written as it was, and what a table needs once it is full (a server's
   * identity sequences) */
  GStrv       (*list_columns)                 (PkStore     *self,
                                               const char  *table,
                                               GError     **error);
  gboolean    (*read_rows)                    (PkStore            *self,
                                               const char         *table,
                                               const char         *where,
                                               const char * const *columns,
                                               PkRowFunc           func,
                                               gpointer            user_data,
                                               GError            **error);
  gboolean    (*write_row)                    (PkStore            *self,
                                               const char         *table,
                                               const char * const *columns,
                                               const PkCell       *cells,
                                               GError            **error);
  gboolean    (*finish_rows)                  (PkStore     *self,
                                               const char  *table,
                                               GError     **error);
  /* a server's login made one of the roles (a file has no logins) */
  gboolean    (*grant)                        (PkStore     *self,
                                               const char  *login,
                                               const char  *role,
                                               const char  *name,
                                               GError     **error);
  /* a server login's role ("working_group" …), and whether it may change
   * the register of offices, zones and urban areas; a file has neither */
  const char *(*get_role)                     (PkStore *self);
  gboolean    (*can_edit_register)            (PkStore *self);
  gpointer padding[8];
};

/* The tables of a workspace, each after those it refers to */
extern const char * const _pk_store_tables[];

gboolean    _pk_store_is_geometry_column (const char *column);
void        _pk_store_rules_default_class_init (PkStoreClass *klass);

const char *_pk_store_actor          (PkStore    *self);
char       *_pk_store_now            (void);
void        _pk_store_emit_change    (PkStore    *self,
                                      const char *entity,
                                      gint64      id);
void        _pk_store_note_change    (PkStore    *self,
                                      const char *entity,
                                      gint64      id);
gboolean    _pk_store_in_transaction (PkStore    *self);
void        _pk_store_count_round_trip (PkStore  *self);
void        _pk_store_meta_written   (PkStore    *self,
                                      const char *key);
char       *_pk_store_office_json    (const PkOffice *office);
char       *_pk_store_zone_json      (const PkZone   *zone);
char       *_pk_store_strv_json      (const char * const *strv);
GStrv       _pk_store_strv_from_json (const char     *text);
char       *_pk_store_meeting_json   (const PkMeeting  *meeting);
char       *_pk_store_decision_json  (const PkDecision *decision);
void        _pk_store_zone_set_outline (PkZone           *zone,
                                        const PkGeometry *geometry);
GBytes     *_pk_store_thumbnails_blob (const PkDocReport *report);
void        _pk_store_case_load_fields (PkCase     *c,
                                        const char *json);
void        _pk_store_case_field_conflict (GError     **error,
                                           const char  *key,
                                           const char  *now,
                                           const char  *by);
char       *_pk_store_one_member_json (const char *key,
                                       const char *value);

G_END_DECLS
