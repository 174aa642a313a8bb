/* pk-gui-util.h: small pieces the windows and panels share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pk-store.h"

G_BEGIN_DECLS

/* Writes @path in a worker thread, reading through @store (the worker's own
 * connection); FALSE with @error set when it cannot. */
typedef gboolean (*PkSaveJobFunc) (PkStore     *store,
                                   gpointer     data,
                                   const char  *path,
                                   GError     **error);

void pk_save_file_dialog_in_worker (GtkWidget      *parent,
                                    const char     *title,
                                    const char     *suggested_name,
                                    PkStore        *store,
                                    PkSaveJobFunc   save,
                                    gpointer        data,
                                    GDestroyNotify  data_free);
void pk_spin_button_localize (GtkSpinButton *spin,
                              const char    *unset);
void pk_show_error       (GtkWidget  *parent,
                          const char *heading,
                          const char *message);

void pk_free_in_background (gpointer        data,
                            GDestroyNotify  free_func);

GtkWidget *pk_document_thumbnails_new (GPtrArray  *pngs,
                                       const char *findings,
                                       guint       max_pages,
                                       guint      *n_shown,
                                       guint      *n_marked);

G_END_DECLS
