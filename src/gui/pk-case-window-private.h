/* pk-case-window-private.h: what the case window's section files share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pk-case-window.h"
#include "pk-check-panel.h"
#include "pk-map-view.h"

G_BEGIN_DECLS

struct _PkCaseWindow
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *title;
  GtkListBox        *stage_list;
  GtkScrolledWindow *page_scroller;
  GtkLabel          *missing_label;     /* on the shown page, updated as fields change */
  GtkWidget         *stage_bar;          /* the case.* buttons of the shown stage */
  GtkWidget         *done_button;
  GtkWidget         *reopen_button;
  GtkWidget         *resubmit_button;
  GtkWidget         *return_button;

  PkStore           *store;              /* owned */
  PkCase            *c;                  /* owned, reloaded after each write */
  char              *shown;              /* stage id, or NULL for the history */
  GHashTable        *entries;            /* field key → GtkEditable, for tests */
  GHashTable        *thumbs;             /* document id → its pages' thumbnails (GPtrArray of GBytes), read once */
  GHashTable        *thumb_slots;        /* document id → the shown page's box waiting for them */
  guint              n_thumbnails;
  guint              n_marked;
  PkCheckPanel      *check;              /* on a site page */
  PkMapView         *map;
  GtkWidget         *attach_banner;      /* "Checking the document…" while one is */
  guint              n_attaching;
  GCancellable      *cancellable;        /* the window's work in the background */
  GHashTable        *pending;            /* field key → value typed, not yet saved */
  GHashTable        *pending_people;     /* person id → PkCasePerson as typed, not yet saved */
  guint              save_timeout;       /* the pause after typing, then the save */
  GQueue             acts;               /* what is asked of the case, in order: one in a worker at a time */
  gboolean           act_running;
  GtkWidget         *status_banner;      /* "Revisions needed…", "Withdrawn — closed…" */
  AdwPreferencesGroup *decisions_group;  /* on the history page */
  GtkWidget         *decisions_placeholder; /* "Reading…" until the worker answers */
  guint              decisions_serial;   /* the page's; a late answer for an older one is dropped */
  guint              n_conditions;
  guint              n_conditions_met;
  guint              n_jobs;             /* reads and writes in a worker */
  char              *address_typed;      /* the site's address as typed, not yet saved */
  guint              address_timeout;
};

/* pk-case-window.c */
void       _pk_case_window_show_states   (PkCaseWindow *self);
void       _pk_case_window_refresh       (PkCaseWindow *self);
void       _pk_case_window_build_page    (PkCaseWindow *self);
void       _pk_case_window_save_typed    (PkCaseWindow *self);
void       _pk_case_window_set_field     (PkCaseWindow *self,
                                          const char   *key,
                                          const char   *value);
void       _pk_case_window_add_person    (PkCaseWindow *self,
                                          const char   *role);
void       _pk_case_window_remove_person (PkCaseWindow *self,
                                          gint64        person_id);
void       _pk_case_window_remove_document (PkCaseWindow *self,
                                          gint64        document_id);
void       _pk_case_window_attaching     (PkCaseWindow *self,
                                          int           delta);
GtkWidget *_pk_case_window_label         (const char   *text,
                                          const char   *css);
void       _pk_case_window_withdraw      (PkCaseWindow *self,
                                          const char   *reason);
void       _pk_case_window_mark_condition (PkCaseWindow *self,
                                          gint64        condition_id,
                                          gboolean      met);

/* pk-case-window-fields.c: a stage's fields, saved as typed */
void       _pk_case_window_person_typed  (PkCaseWindow       *self,
                                          const PkCasePerson *person);
void       _pk_case_window_reapply_typed (PkCaseWindow       *self);
void       _pk_case_overlay_typed        (PkCase             *c,
                                          GHashTable         *fields,
                                          GHashTable         *people);
GHashTable *_pk_case_window_people_table_new (void);
GtkWidget *_pk_case_window_field_row     (PkCaseWindow      *self,
                                          const PkFieldInfo *field);

/* pk-case-window-documents.c: a document requirement's rows, attach, thumbnails */
GtkWidget *_pk_case_window_small_button  (const char   *icon,
                                          const char   *label,
                                          const char   *tooltip);
void       _pk_case_window_read_thumbnails (PkCaseWindow *self);
void       _pk_case_window_add_documents (PkCaseWindow *self,
                                          GtkWidget    *group,
                                          const char   *kind,
                                          gint64        person_id);

/* pk-case-window-visits.c: the site visit step (S11) */
void       _pk_case_window_add_visits    (PkCaseWindow *self,
                                          GtkWidget    *page);

/* pk-case-window-decisions.c: the working group's decisions, conditions, withdrawal */
void       _pk_case_window_show_status   (PkCaseWindow *self);
void       _pk_case_window_add_decisions (PkCaseWindow *self,
                                          GtkWidget    *page);
void       _pk_case_window_withdraw_action (GtkWidget  *widget,
                                            const char *name,
                                            GVariant   *param);

/* pk-case-window-people.c: the applicant's people (S4, EL-10) */
void       _pk_case_window_add_people    (PkCaseWindow *self,
                                          GtkWidget    *page);

G_END_DECLS
