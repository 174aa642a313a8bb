/* pk-record.h: what every record a person changes carries besides its fields
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PkRecord:
 *
 * The identity and history of an office, a zone, a case, a person or document
 * of a case, a stage state or a case event. The rowid names a record inside
 * one file; the UUID names it everywhere, so that two copies of a workspace
 * (a field laptop's and the secretariat's) can be merged, and the revision
 * tells which copy changed it since they parted.
 */
typedef struct
{
  char   *uuid;          /* RFC 4122 version 4, lower case; NULL until stored */
  gint64  revision;      /* 1 when created, one more at every change; 0 until stored */
  char   *updated_at;    /* ISO 8601, UTC */
  char   *updated_by;    /* the user's name as set in the app, or the login name */
} PkRecord;

void      pk_record_clear       (PkRecord       *self);
void      pk_record_copy_into   (PkRecord       *dest,
                                 const PkRecord *src);

char     *pk_uuid_new           (void);
gboolean  pk_uuid_is_valid      (const char     *text);

G_END_DECLS
