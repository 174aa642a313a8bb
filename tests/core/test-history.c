/* test-history.c: undo and redo of office and zone edits (PkEditHistory)
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pk-test-util.h"

#include "pk-edit-history.h"

typedef struct
{
  char          *dir;
  PkStore       *store;
  PkEditHistory *history;
  guint          can_undo_notified;
} Fixture;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Fixture    *f)
{
  f->can_undo_notified++;
}

/* The history writes in a worker; a test waits for each answer in turn. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gint64
edit_office (PkEditHistory   *history,
             const PkOffice  *before,
             const PkOffice  *after,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pk_edit_history_edit_office_async (history, before, after, PK_EDIT_FLAGS_NONE, NULL, on_done, &result);
  return pk_edit_history_edit_finish (history, wait_for (&result), NULL, error);
}

static gint64
edit_zone (PkEditHistory  *history,
           const PkZone   *before,
           const PkZone   *after,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pk_edit_history_edit_zone_async (history, before, after, PK_EDIT_FLAGS_NONE, NULL, on_done, &result);
  return pk_edit_history_edit_finish (history, wait_for (&result), NULL, error);
}

static gboolean
undo (PkEditHistory  *history,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pk_edit_history_undo_async (history, NULL, on_done, &result);
  return pk_edit_history_step_finish (history, wait_for (&result), error);
}

static gboolean
redo (PkEditHistory  *history,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pk_edit_history_redo_async (history, NULL, on_done, &result);
  return pk_edit_history_step_finish (history, wait_for (&result), error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pk-history-XXXXXX", NULL);
  path = g_build_filename (f->dir, "test.pkws", NULL);
  f->store = pk_store_create (path, FALSE, &error);
  g_assert_no_error (error);
  pk_store_set_actor (f->store, "secretariat");
  f->history = pk_edit_history_new (f->store);
  g_signal_connect (f->history, "notify::can-undo", G_CALLBACK (on_notify), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->store);
  pk_test_remove_dir (f->dir);
  g_free (f->dir);
}

static PkOffice *
office (const char *code,
        double      lat)
{
  PkOffice *o = pk_office_new ();

  o->code = g_strdup (code);
  o->name = g_strdup ("دفتر پیشخوان");
  o->license = PK_LICENSE_URBAN;
  o->status = PK_STATUS_ACTIVE;
  o->lat = lat;
  o->lon = 59.2;
  return o;
}

static guint
n_offices (PkStore *store)
{
  g_autoptr(GPtrArray) all = pk_store_list_offices (store, NULL);

  return all->len;
}

/* Add, move, remove; undo all three, redo all three; each step written
 * through the store (audit log) and the office the same record throughout. */
static void
test_office_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) o = office ("H-1", 32.80);
  g_autoptr(PkOffice) added = NULL;
  g_autoptr(PkOffice) moved = NULL;
  g_autoptr(PkOffice) back = NULL;
  g_autofree char *uuid = NULL;
  gint64 audit = pk_store_count_audit (f->store);
  gint64 id;

  g_assert_false (pk_edit_history_get_can_undo (f->history));
  id = edit_office (f->history, NULL, o, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (pk_edit_history_get_undo_label (f->history), ==, "Office added");
  added = pk_store_get_office (f->store, id, &error);
  uuid = g_strdup (added->record.uuid);

  moved = pk_office_copy (added);
  moved->lat = 32.90;
  g_assert_cmpint (edit_office (f->history, added, moved, &error), ==, id);
  g_assert_true (edit_office (f->history, moved, NULL, &error) > 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_offices (f->store), ==, 0);
  g_assert_true (pk_edit_history_get_can_undo (f->history));
  g_assert_false (pk_edit_history_get_can_redo (f->history));

  /* undo the removal: the same record comes back */
  g_assert_true (undo (f->history, &error));
  g_assert_no_error (error);
  back = pk_store_get_office_by_uuid (f->store, uuid, &error);
  g_assert_nonnull (back);
  g_assert_cmpfloat (back->lat, ==, 32.90);
  g_clear_pointer (&back, pk_office_free);
  /* undo the move, then the add */
  undo (f->history, &error);
  g_assert_no_error (error);
  back = pk_store_get_office_by_uuid (f->store, uuid, &error);
  g_assert_cmpfloat (back->lat, ==, 32.80);
  g_clear_pointer (&back, pk_office_free);
  g_assert_true (undo (f->history, &error));
  g_assert_cmpuint (n_offices (f->store), ==, 0);
  g_assert_false (pk_edit_history_get_can_undo (f->history));
  g_assert_false (undo (f->history, &error));
  g_assert_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_NOTHING);
  g_clear_error (&error);

  /* redo all three */
  g_assert_true (redo (f->history, &error));
  back = pk_store_get_office_by_uuid (f->store, uuid, &error);
  g_assert_cmpfloat (back->lat, ==, 32.80);
  g_clear_pointer (&back, pk_office_free);
  g_assert_true (redo (f->history, &error));
  back = pk_store_get_office_by_uuid (f->store, uuid, &error);
  g_assert_cmpfloat (back->lat, ==, 32.90);
  g_clear_pointer (&back, pk_office_free);
  g_assert_true (redo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_offices (f->store), ==, 0);
  g_assert_false (pk_edit_history_get_can_redo (f->history));
  /* 3 edits + 3 undos + 3 redos, each an audit entry */
  g_assert_cmpint (pk_store_count_audit (f->store), ==, audit + 9);
  g_assert_cmpuint (f->can_undo_notified, >=, 9);
}

/* A new edit after an undo ends the redo branch. */
static void
test_new_edit_ends_redo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) a = office ("H-2", 32.8);
  g_autoptr(PkOffice) b = office ("H-3", 32.7);

  g_assert_true (edit_office (f->history, NULL, a, &error) > 0);
  g_assert_true (undo (f->history, &error));
  g_assert_true (pk_edit_history_get_can_redo (f->history));
  g_assert_true (edit_office (f->history, NULL, b, &error) > 0);
  g_assert_false (pk_edit_history_get_can_redo (f->history));
  g_assert_false (redo (f->history, &error));
  g_assert_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_NOTHING);
}

/* Someone else changed the office after our edit: undo is refused, names
 * them, and writes nothing. So is a redo of an add whose code is taken. */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) o = office ("H-4", 32.8);
  g_autoptr(PkOffice) stored = NULL;
  g_autoptr(PkOffice) theirs = NULL;
  g_autoptr(PkOffice) after = NULL;
  gint64 audit, id;

  id = edit_office (f->history, NULL, o, &error);
  stored = pk_store_get_office (f->store, id, &error);
  pk_store_set_actor (f->store, "inspector Karimi");
  theirs = pk_office_copy (stored);
  g_free (theirs->name);
  theirs->name = g_strdup ("دفتر بازدیدشده");
  g_assert_true (pk_store_update_office (f->store, theirs, &error));
  pk_store_set_actor (f->store, "secretariat");

  audit = pk_store_count_audit (f->store);
  g_assert_false (undo (f->history, &error));
  g_assert_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CHANGED_ELSEWHERE);
  g_assert_nonnull (strstr (error->message, "inspector Karimi"));
  g_clear_error (&error);
  g_assert_cmpint (pk_store_count_audit (f->store), ==, audit);
  after = pk_store_get_office (f->store, id, &error);
  g_assert_cmpstr (after->name, ==, "دفتر بازدیدشده");
  g_assert_true (pk_edit_history_get_can_undo (f->history));     /* kept: nothing happened */
}

static PkZone *
zone (double lon)
{
  PkZone *z = pk_zone_new ();

  z->name = g_strdup ("پهنه");
  z->license = PK_LICENSE_RURAL;
  z->capacity = 1;
  pk_zone_add_point (z, lon, 32.0);
  pk_zone_add_point (z, lon + 0.1, 32.0);
  pk_zone_add_point (z, lon + 0.1, 32.1);
  return z;
}

static void
test_zone (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkZone) z = zone (59.0);
  g_autoptr(PkZone) stored = NULL;
  g_autoptr(PkZone) bigger = NULL;
  g_autoptr(PkZone) back = NULL;
  gint64 id;

  id = edit_zone (f->history, NULL, z, &error);
  g_assert_no_error (error);
  stored = pk_store_get_zone (f->store, id, &error);
  bigger = pk_zone_copy (stored);
  bigger->capacity = 3;
  g_assert_true (edit_zone (f->history, stored, bigger, &error) > 0);
  g_assert_cmpstr (pk_edit_history_get_undo_label (f->history), ==, "Zone changed");
  g_assert_true (undo (f->history, &error));
  back = pk_store_get_zone_by_uuid (f->store, stored->record.uuid, &error);
  g_assert_cmpint (back->capacity, ==, 1);
  g_clear_pointer (&back, pk_zone_free);
  g_assert_true (redo (f->history, &error));
  back = pk_store_get_zone_by_uuid (f->store, stored->record.uuid, &error);
  g_assert_cmpint (back->capacity, ==, 3);
  /* an invalid edit is refused and not kept */
  {
    g_autoptr(PkZone) empty = pk_zone_copy (back);

    g_free (empty->name);
    empty->name = g_strdup ("  ");
    g_assert_cmpint (edit_zone (f->history, back, empty, &error), ==, 0);
    g_assert_error (error, PK_ZONE_ERROR, PK_ZONE_ERROR_INVALID);
    g_assert_cmpstr (pk_edit_history_get_undo_label (f->history), ==, "Zone changed");
  }
}

/* A form filled from an older reading: with the revision check the save is
 * refused, nothing is written, and the record as stored now comes back to
 * be shown beside what was typed; saved again on it, it goes through. */
static void
test_form_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) o = office ("H-5", 32.8);
  g_autoptr(PkOffice) opened = NULL;
  g_autoptr(PkOffice) theirs = NULL;
  g_autoptr(PkOffice) mine = NULL;
  g_autoptr(PkOffice) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  PkOffice *current = NULL;
  gint64 id, audit;

  id = edit_office (f->history, NULL, o, &error);
  opened = pk_store_get_office (f->store, id, &error);       /* the editor opens on this */
  pk_store_set_actor (f->store, "inspector Karimi");
  theirs = pk_office_copy (opened);
  g_free (theirs->holder);
  theirs->holder = g_strdup ("علی رضایی");
  g_assert_true (pk_store_update_office (f->store, theirs, &error));
  pk_store_set_actor (f->store, "secretariat");

  mine = pk_office_copy (opened);
  g_free (mine->name);
  mine->name = g_strdup ("دفتر مرکزی");
  audit = pk_store_count_audit (f->store);
  pk_edit_history_edit_office_async (f->history, opened, mine, PK_EDIT_FLAGS_CHECK_REVISION, NULL, on_done,
                                     &result);
  g_assert_cmpint (pk_edit_history_edit_finish (f->history, wait_for (&result), (gpointer *) &current, &error),
                   ==, 0);
  g_assert_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "inspector Karimi"));
  g_clear_error (&error);
  g_assert_nonnull (current);
  g_assert_cmpstr (current->holder, ==, "علی رضایی");
  g_assert_cmpint (current->record.revision, ==, opened->record.revision + 1);
  g_assert_cmpint (pk_store_count_audit (f->store), ==, audit);
  g_assert_cmpstr (pk_edit_history_get_undo_label (f->history), ==, "Office added");

  /* saved again on the version shown: theirs is overwritten knowingly */
  g_clear_object (&result);
  pk_edit_history_edit_office_async (f->history, current, mine, PK_EDIT_FLAGS_CHECK_REVISION, NULL, on_done,
                                     &result);
  g_assert_cmpint (pk_edit_history_edit_finish (f->history, wait_for (&result), NULL, &error), ==, id);
  g_assert_no_error (error);
  stored = pk_store_get_office (f->store, id, &error);
  g_assert_cmpstr (stored->name, ==, "دفتر مرکزی");
  /* … and undo returns it to theirs, not to what the form first read */
  g_assert_true (undo (f->history, &error));
  g_clear_pointer (&stored, pk_office_free);
  stored = pk_store_get_office (f->store, id, &error);
  g_assert_cmpstr (stored->holder, ==, "علی رضایی");
  g_assert_cmpstr (stored->name, ==, "دفتر پیشخوان");
  pk_office_free (current);
}

/* Another office has the code: refused in words before anything is written. */
static void
test_code_taken (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) a = office ("H-6", 32.8);
  g_autoptr(PkOffice) b = office ("H-6", 32.7);
  gint64 audit;

  g_assert_cmpint (edit_office (f->history, NULL, a, &error), >, 0);
  audit = pk_store_count_audit (f->store);
  g_assert_cmpint (edit_office (f->history, NULL, b, &error), ==, 0);
  g_assert_error (error, PK_EDIT_HISTORY_ERROR, PK_EDIT_HISTORY_ERROR_CODE_TAKEN);
  g_assert_nonnull (strstr (error->message, "H-6"));
  g_assert_cmpint (pk_store_count_audit (f->store), ==, audit);
  g_assert_cmpuint (n_offices (f->store), ==, 1);
}

/* Edits, a move and undos asked at once, without waiting: written one at a
 * time in the order asked, the history busy until the last is done; an undo
 * asked while the edit it undoes is being written undoes that edit. */
static void
test_queued_in_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkOffice) o = office ("H-7", 32.8);
  g_autoptr(PkOffice) p = office ("H-8", 32.6);
  g_autoptr(PkOffice) stored = NULL;
  GAsyncResult *results[5] = { NULL, };
  gint64 id;

  id = edit_office (f->history, NULL, o, &error);
  g_assert_false (pk_edit_history_get_busy (f->history));
  pk_edit_history_move_office_async (f->history, id, 32.85, 59.25, 0, NULL, on_done, &results[0]);
  g_assert_true (pk_edit_history_get_busy (f->history));       /* asked, not yet written */
  pk_edit_history_move_office_async (f->history, id, 32.95, 59.35, 0, NULL, on_done, &results[1]);
  pk_edit_history_edit_office_async (f->history, NULL, p, PK_EDIT_FLAGS_NONE, NULL, on_done, &results[2]);
  pk_edit_history_undo_async (f->history, NULL, on_done, &results[3]);     /* undoes the add of H-8 */
  pk_edit_history_undo_async (f->history, NULL, on_done, &results[4]);     /* … then the second move */
  g_assert_cmpint (pk_edit_history_edit_finish (f->history, wait_for (&results[0]), NULL, &error), ==, id);
  g_assert_cmpint (pk_edit_history_edit_finish (f->history, wait_for (&results[1]), NULL, &error), ==, id);
  g_assert_cmpint (pk_edit_history_edit_finish (f->history, wait_for (&results[2]), NULL, &error), >, 0);
  g_assert_true (pk_edit_history_step_finish (f->history, wait_for (&results[3]), &error));
  g_assert_true (pk_edit_history_step_finish (f->history, wait_for (&results[4]), &error));
  g_assert_no_error (error);
  g_assert_false (pk_edit_history_get_busy (f->history));
  g_assert_cmpint (pk_store_office_code_owner (f->store, "H-8"), ==, 0);
  stored = pk_store_get_office (f->store, id, &error);
  g_assert_cmpfloat_with_epsilon (stored->lat, 32.85, 1e-9);        /* back to the first move */
  g_assert_cmpfloat_with_epsilon (stored->lon, 59.25, 1e-9);
  g_assert_cmpstr (stored->code, ==, "H-7");                         /* a move changes the place only */
  g_assert_true (pk_edit_history_get_can_redo (f->history));
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    g_object_unref (results[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/history/office-round-trip", Fixture, NULL, fixture_setup, test_office_round_trip,
              fixture_teardown);
  g_test_add ("/history/new-edit-ends-redo", Fixture, NULL, fixture_setup, test_new_edit_ends_redo,
              fixture_teardown);
  g_test_add ("/history/changed-elsewhere", Fixture, NULL, fixture_setup, test_changed_elsewhere,
              fixture_teardown);
  g_test_add ("/history/zone", Fixture, NULL, fixture_setup, test_zone, fixture_teardown);
  g_test_add ("/history/form-conflict", Fixture, NULL, fixture_setup, test_form_conflict, fixture_teardown);
  g_test_add ("/history/code-taken", Fixture, NULL, fixture_setup, test_code_taken, fixture_teardown);
  g_test_add ("/history/queued-in-order", Fixture, NULL, fixture_setup, test_queued_in_order,
              fixture_teardown);
  return g_test_run ();
}
