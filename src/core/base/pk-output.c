/* pk-output.c
 *
 * A report, a map or a combined scan is written to a hidden file beside its
 * destination and renamed over it only when every byte is on the disk: a
 * full disk or a crash half-way leaves the old file (or none), never a
 * truncated one. Writes are checked here, not left to stdio: cairo's own
 * file output does not notice a short write at the end of a full disk.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pk-output.h"

struct _PkOutput
{
  char *path;           /* the destination */
  char *temp_path;      /* ".partial-XXXXXXXX-name" beside it */
  int   fd;
  int   error_code;     /* errno of the first failed write, 0 while all is well */
};

/* "dir/.partial-XXXXXXXX-name": hidden, beside @path, with its ending. */
char *
pk_output_temp_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".partial-%08x-%s", g_random_int (), base);

  return g_build_filename (dir, name, NULL);
}

/**
 * pk_output_open:
 * @path: where the file will be when pk_output_close() succeeds
 *
 * Returns: (transfer full): a file to write, or %NULL with @error
 */
PkOutput *
pk_output_open (const char  *path,
                GError     **error)
{
  PkOutput *self = g_new0 (PkOutput, 1);

  self->path = g_strdup (path);
  /* same folder (the rename stays atomic), hidden, same ending */
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_free (self->temp_path);
      self->temp_path = pk_output_temp_path (path);
      self->fd = g_open (self->temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (self->fd >= 0 || errno != EEXIST)
        break;
    }
  if (self->fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("“%s” cannot be written: %s"),
                   display, g_strerror (saved));
      g_free (self->temp_path);
      g_free (self->path);
      g_free (self);
      return NULL;
    }
  return self;
}

const char *
pk_output_get_path (PkOutput *self)
{
  return self->path;
}

gboolean
pk_output_write (PkOutput   *self,
                 const void *data,
                 gsize       length)
{
  const guint8 *p = data;

  while (length > 0 && self->error_code == 0)
    {
      gssize n = write (self->fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          self->error_code = n < 0 ? errno : ENOSPC;
          break;
        }
      p += n;
      length -= n;
    }
  return self->error_code == 0;
}

/* A cairo_write_func_t: cairo_pdf_surface_create_for_stream (pk_output_cairo_write, out, …). */
cairo_status_t
pk_output_cairo_write (void                *closure,
                       const unsigned char *data,
                       unsigned int         length)
{
  return pk_output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * pk_output_close:
 * @written: whether the writer finished without error
 *
 * When @written and every write went through, flushes the file to the disk
 * and renames it over the destination; otherwise removes it, and says which
 * file could not be written (the writer's own @error names only the cause).
 *
 * Returns: %TRUE when the destination now holds the new file
 */
gboolean
pk_output_close (PkOutput  *self,
                 gboolean   written,
                 GError   **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  int code = self->error_code;
  gboolean ok = FALSE;

  if (written && code == 0 && fsync (self->fd) != 0)
    code = errno;
  if (close (self->fd) != 0 && written && code == 0)
    code = errno;
  if (written && code == 0)
    {
      if (g_rename (self->temp_path, self->path) == 0)
        ok = TRUE;
      else
        code = errno;
    }
  if (!ok)
    {
      g_unlink (self->temp_path);
      if (code != 0)
        {
          g_clear_error (error);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (code), _("“%s” cannot be written: %s"),
                       display, g_strerror (code));
        }
      else
        g_prefix_error (error, _("“%s” cannot be written: "), display);
    }
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
  return ok;
}
