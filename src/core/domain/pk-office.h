/* pk-office.h: an office (urban Pishkhan or rural ICT) and its licence vocabulary
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pk-record.h"

G_BEGIN_DECLS

/* LT-1: two licence types. */
typedef enum
{
  PK_LICENSE_URBAN,
  PK_LICENSE_RURAL,
} PkLicense;

typedef enum
{
  PK_STATUS_ACTIVE,
  PK_STATUS_APPROVED,
  PK_STATUS_PLANNED,
  PK_STATUS_SUSPENDED,
} PkStatus;

typedef struct
{
  gint64    id;
  char     *code;
  char     *name;
  PkLicense license;
  PkStatus  status;
  gboolean  sample;
  char     *holder;
  char     *address;
  char     *postal_code;
  char     *license_issued;    /* ISO 8601 date, or NULL */
  char     *license_expires;   /* ISO 8601 date, or NULL */
  gint64    county_id;         /* 0 when outside every county */
  double    lat;
  double    lon;
  gint64    case_id;           /* the case whose approval made it, or 0 */
  char     *holder_code;       /* the holder's national code (LT-8, LT-9), or NULL */
  char     *cancelled_on;      /* ISO 8601 date the licence was cancelled, or NULL */
  char     *cancel_reason;     /* "violation" or "other" when cancelled */
  PkRecord  record;
} PkOffice;

/* An office as geometry sees it: where it is, what it is, whether it serves.
 * Listing these is a fraction of listing whole offices (no strings). */
typedef struct
{
  gint64    id;
  gint64    county_id;         /* 0 when outside every county */
  double    lat;
  double    lon;
  PkLicense license;
  PkStatus  status;
} PkOfficePoint;

#define PK_TYPE_OFFICE (pk_office_get_type ())
GType        pk_office_get_type          (void) G_GNUC_CONST;
PkOffice    *pk_office_new               (void);
PkOffice    *pk_office_copy              (const PkOffice *self);
void         pk_office_free              (PkOffice       *self);

const char  *pk_license_to_string        (PkLicense       license);
gboolean     pk_license_from_string      (const char     *str,
                                          PkLicense      *out);
const char  *pk_license_display_name     (PkLicense       license);
const char  *pk_status_to_string         (PkStatus        status);
gboolean     pk_status_from_string       (const char     *str,
                                          PkStatus       *out);
const char  *pk_status_display_name      (PkStatus        status);
gboolean     pk_status_serves            (PkStatus        status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkOffice, pk_office_free)

G_END_DECLS
