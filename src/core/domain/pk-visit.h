/* pk-visit.h: a site visit (S11) judged against the chapter-3 standards
 * ST-1 … ST-13, its measured area, observed position, photos and outcome
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pk-record.h"

G_BEGIN_DECLS

#define PK_N_STANDARDS 13          /* ST-1 … ST-13 */

typedef enum
{
  PK_ST_UNSET,
  PK_ST_PASS,
  PK_ST_FAIL,
  PK_ST_NA,                        /* does not apply to this site */
  PK_ST_CENTRAL,                   /* ST-7 only: the building has central facilities */
} PkStResult;

typedef struct
{
  PkStResult  result;
  char       *note;
} PkStAnswer;

typedef enum
{
  PK_VISIT_PENDING,
  PK_VISIT_COMPLIANT,
  PK_VISIT_NOT_COMPLIANT,
} PkVisitOutcome;

typedef struct
{
  gint64          id;
  gint64          case_id;         /* the case at S11, or 0 */
  gint64          office_id;       /* a routine inspection of an office, or 0 */
  char           *inspector;
  char           *date;            /* ISO 8601 date the visit is planned for */
  PkStAnswer      standards[PK_N_STANDARDS];
  double          area_m2;         /* measured floor area; NAN until measured */
  gboolean        has_position;    /* where the inspector found the premises */
  double          lat, lon;
  PkVisitOutcome  outcome;
  char           *reason;          /* words besides the failing standards, or NULL */
  char           *signed_by;       /* the inspector's name given with the outcome */
  char           *outcome_at;      /* ISO 8601, UTC */
  PkRecord        record;
} PkVisit;

typedef struct
{
  gint64    id;
  gint64    visit_id;
  char     *file_name;             /* as the inspector's file was called */
  char     *sha256;                /* of the original file, hex */
  char     *content_sha256;        /* of what is stored (upright, scaled), hex */
  gint64    original_size;
  int       width, height;         /* of the stored image, upright */
  char     *taken_at;              /* EXIF time, "YYYY-MM-DDTHH:MM:SS", or NULL */
  gboolean  has_position;          /* EXIF GPS */
  double    lat, lon;
  char     *added_at;
  PkRecord  record;
} PkVisitPhoto;

#define PK_TYPE_VISIT (pk_visit_get_type ())

GType          pk_visit_get_type            (void) G_GNUC_CONST;
PkVisit       *pk_visit_new                 (void);
PkVisit       *pk_visit_copy                (const PkVisit *self);
void           pk_visit_free                (PkVisit       *self);
gboolean       pk_visit_equal_content       (const PkVisit *a,
                                             const PkVisit *b);

PkVisitPhoto  *pk_visit_photo_copy          (const PkVisitPhoto *self);
void           pk_visit_photo_free          (PkVisitPhoto  *self);

/* "ST-1" … "ST-13" ↔ 0 … 12; -1 for anything else */
int            pk_standard_index            (const char    *id);
const char    *pk_standard_id               (int            index);
const char    *pk_standard_title            (int            index);
const char    *pk_st_result_to_string       (PkStResult     result);
gboolean       pk_st_result_from_string     (const char    *text,
                                             PkStResult    *out);
const char    *pk_st_result_display_name    (PkStResult     result);
const char    *pk_visit_outcome_to_string   (PkVisitOutcome outcome);
gboolean       pk_visit_outcome_from_string (const char    *text,
                                             PkVisitOutcome *out);
const char    *pk_visit_outcome_display_name (PkVisitOutcome outcome);

/* the standards marked fail, as "ST-4, ST-9", or NULL when none */
char          *pk_visit_failing_standards   (const PkVisit *self);
/* the checklist as JSON {"ST-1": {"result": "pass", "note": …}, …} and back */
char          *pk_visit_checklist_to_json   (const PkVisit *self);
gboolean       pk_visit_checklist_from_json (PkVisit       *self,
                                             const char    *json);
void           pk_visit_add_json            (const PkVisit *self,
                                             JsonBuilder   *builder);
char          *pk_visit_to_json             (const PkVisit *self);
gboolean       pk_visit_take_json           (PkVisit       *self,
                                             JsonObject    *object);
void           pk_visit_photo_add_json      (const PkVisitPhoto *self,
                                             JsonBuilder   *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkVisit, pk_visit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkVisitPhoto, pk_visit_photo_free)

G_END_DECLS
