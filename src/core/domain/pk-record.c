/* pk-record.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-record"

#include "config.h"

#include "pk-record.h"

void
pk_record_clear (PkRecord *self)
{
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->updated_at, g_free);
  g_clear_pointer (&self->updated_by, g_free);
  self->revision = 0;
}

/* @dest's own strings are not freed: it is a fresh bitwise copy of @src. */
void
pk_record_copy_into (PkRecord       *dest,
                     const PkRecord *src)
{
  dest->uuid = g_strdup (src->uuid);
  dest->revision = src->revision;
  dest->updated_at = g_strdup (src->updated_at);
  dest->updated_by = g_strdup (src->updated_by);
}

char *
pk_uuid_new (void)
{
  return g_uuid_string_random ();
}

/* Lower-case hyphenated form only: what the store writes and compares. */
gboolean
pk_uuid_is_valid (const char *text)
{
  if (text == NULL || !g_uuid_string_is_valid (text))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}
