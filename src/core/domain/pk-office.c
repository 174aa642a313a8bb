/* pk-office.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-office"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pk-office.h"

G_DEFINE_BOXED_TYPE (PkOffice, pk_office, pk_office_copy, pk_office_free)

PkOffice *
pk_office_new (void)
{
  return g_new0 (PkOffice, 1);
}

PkOffice *
pk_office_copy (const PkOffice *self)
{
  PkOffice *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->holder = g_strdup (self->holder);
  copy->holder_code = g_strdup (self->holder_code);
  copy->cancelled_on = g_strdup (self->cancelled_on);
  copy->cancel_reason = g_strdup (self->cancel_reason);
  copy->address = g_strdup (self->address);
  copy->postal_code = g_strdup (self->postal_code);
  copy->license_issued = g_strdup (self->license_issued);
  copy->license_expires = g_strdup (self->license_expires);
  pk_record_copy_into (&copy->record, &self->record);
  return copy;
}

void
pk_office_free (PkOffice *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->name);
  g_free (self->holder);
  g_free (self->holder_code);
  g_free (self->cancelled_on);
  g_free (self->cancel_reason);
  g_free (self->address);
  g_free (self->postal_code);
  g_free (self->license_issued);
  g_free (self->license_expires);
  pk_record_clear (&self->record);
  g_free (self);
}

static const char * const license_ids[] = { "urban", "rural" };
static const char * const status_ids[] = { "active", "approved", "planned", "suspended" };

const char *
pk_license_to_string (PkLicense license)
{
  g_return_val_if_fail (license <= PK_LICENSE_RURAL, NULL);
  return license_ids[license];
}

gboolean
pk_license_from_string (const char *str,
                        PkLicense  *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (license_ids); i++)
    if (g_ascii_strcasecmp (str, license_ids[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pk_license_display_name (PkLicense license)
{
  switch (license)
    {
    case PK_LICENSE_URBAN:
      return _("Urban Pishkhan office");
    case PK_LICENSE_RURAL:
      return _("Rural ICT office");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pk_status_to_string (PkStatus status)
{
  g_return_val_if_fail (status <= PK_STATUS_SUSPENDED, NULL);
  return status_ids[status];
}

gboolean
pk_status_from_string (const char *str,
                       PkStatus   *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_ids); i++)
    if (g_ascii_strcasecmp (str, status_ids[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pk_status_display_name (PkStatus status)
{
  switch (status)
    {
    case PK_STATUS_ACTIVE:
      return _("Active");
    case PK_STATUS_APPROVED:
      return _("Approved");
    case PK_STATUS_PLANNED:
      return _("Planned");
    case PK_STATUS_SUSPENDED:
      return _("Suspended");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* cli.md "coverage semantics": active and approved offices serve their area. */
gboolean
pk_status_serves (PkStatus status)
{
  return status == PK_STATUS_ACTIVE || status == PK_STATUS_APPROVED;
}
