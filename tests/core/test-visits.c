/* test-visits.c: site visits and field bundles on real sample workspaces —
 * photos read as a camera wrote them (EXIF orientation, time, GPS), the
 * outcome reaching the case (S11 done, or returned: RT-1, RT-2), a bundle
 * that only records visits, signed and sealed, merged back with a conflict
 * shown and nothing guessed, and refused whole when altered, cut short or
 * foreign
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "pk-test-photo.h"
#include "pk-test-sql.h"
#include "pk-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "pk-bundle.h"
#include "pk-case-workflow.h"
#include "pk-geography.h"
#include "pk-mbtiles.h"
#include "pk-photo.h"
#include "pk-report.h"
#include "pk-store-internal.h"
#include "pk-test-review.h"
#include "pk-visits.h"

/* rural sites in Sarbisheh that pass every rule in the sample, far apart */
static const double sites[][2] = { { 32.30, 59.80 }, { 32.50, 59.70 }, { 32.45, 59.95 } };

/* Whether the pixel at (@x, @y) of @s is the dark block pk_test_photo draws top left. */
static gboolean
dark_at (cairo_surface_t *s,
         int              x,
         int              y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (s) + (gsize) y * cairo_image_surface_get_stride (s));

  return ((row[x] >> 16) & 0xFF) < 80 && (row[x] & 0xFF) < 150;
}

/* A phone's portrait photo is stored sideways with orientation 6: it is set
 * upright, scaled to the cap, and keeps its time, position and the
 * original's SHA-256; an upright PNG within the cap is kept byte for byte. */
static void
test_photo (void)
{
  g_autoptr(GBytes) jpeg = pk_test_photo_jpeg (2400, 1200, 6, "2026:12:02 10:15:30", TRUE, 32.8663, 59.2211);
  g_autoptr(GBytes) png = pk_test_photo_png (640, 480);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a photo at all", 18);
  g_autoptr(PkPhoto) photo = NULL;
  g_autoptr(PkPhoto) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  cairo_surface_t *s;
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  g_autoptr(GBytes) cut = g_bytes_new (data, len / 3);

  photo = pk_photo_read (jpeg, 1600, &error);
  g_assert_no_error (error);
  g_assert_cmpint (photo->orientation, ==, 6);
  g_assert_cmpint (photo->width, ==, 800);       /* upright: portrait, longest side at the cap */
  g_assert_cmpint (photo->height, ==, 1600);
  g_assert_cmpstr (photo->taken_at, ==, "2026-12-02T10:15:30");
  g_assert_true (photo->has_position);
  g_assert_cmpfloat_with_epsilon (photo->lat, 32.8663, 1e-5);
  g_assert_cmpfloat_with_epsilon (photo->lon, 59.2211, 1e-5);
  g_assert_cmpstr (photo->sha256, ==, sha);
  g_assert_cmpint (photo->original_size, ==, len);
  /* turned a quarter clockwise: the sensor's top-left corner is now top right */
  s = pk_photo_decode (photo->content, 0, &error);
  g_assert_no_error (error);
  g_assert_true (dark_at (s, 780, 20));
  g_assert_false (dark_at (s, 20, 20));
  g_assert_false (dark_at (s, 780, 1580));
  cairo_surface_destroy (s);

  kept = pk_photo_read (png, 1600, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (kept->content, png));
  g_assert_false (kept->has_position);
  g_assert_null (kept->taken_at);

  g_assert_null (pk_photo_read (junk, 1600, &error));
  g_assert_error (error, PK_PHOTO_ERROR, PK_PHOTO_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (pk_photo_read (cut, 1600, &error));
  g_assert_error (error, PK_PHOTO_ERROR, PK_PHOTO_ERROR_DAMAGED);
}

static PkVisit *
assigned (PkStore *store,
          gint64   case_id,
          const char *inspector)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) c = pk_store_get_case (store, case_id, &error);
  gint64 id;
  PkVisit *v;

  g_assert_no_error (error);
  id = pk_visit_assign (store, c->number, 0, inspector, "1405/09/12", &error);
  g_assert_no_error (error);
  v = pk_store_get_visit (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v->date, ==, "2026-12-03");
  return v;
}

static void
set_all (PkStore    *store,
         PkVisit    *v,
         PkStResult  result)
{
  g_autoptr(GError) error = NULL;

  for (int i = 2; i <= 10; i++)
    {
      pk_visit_set_standard (store, v, pk_standard_id (i), i == 6 ? PK_ST_CENTRAL : result, NULL, &error);
      g_assert_no_error (error);
    }
}

static PkStageState
s11_state (PkStore *store,
           gint64   case_id,
           char   **note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkCase) c = pk_store_get_case (store, case_id, &error);

  g_assert_no_error (error);
  if (note != NULL)
    *note = g_strdup (g_hash_table_lookup (c->stage_notes, "S11"));
  return pk_case_stage_state (c, pk_stage_info ("S11"));
}

/* A compliant visit completes S11; a non-compliant one returns the case
 * with the standards it misses (RT-1, RT-2); compliance is refused while a
 * standard fails or the measured area is under SR-1's minimum. */
static void
test_outcome (PkTestWorkspace *f,
              gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkVisit) good = NULL;
  g_autoptr(PkVisit) bad = NULL;
  g_autofree char *note = NULL;
  gint64 a, b;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]);
  b = pk_test_case_at_pa5 (store, sites[1][0], sites[1][1]);
  good = assigned (store, a, "Reza Ahmadi");
  bad = assigned (store, b, "Reza Ahmadi");
  g_assert_cmpint (s11_state (store, a, NULL), ==, PK_STAGE_MISSING);

  /* ST-7's central facilities are a choice for ST-7 only */
  g_assert_false (pk_visit_set_standard (store, good, "ST-5", PK_ST_CENTRAL, NULL, &error));
  g_assert_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pk_visit_set_standard (store, good, "ST-14", PK_ST_PASS, NULL, &error));
  g_clear_error (&error);
  set_all (store, good, PK_ST_PASS);
  g_assert_cmpint (good->standards[6].result, ==, PK_ST_CENTRAL);

  /* a rural office needs 20 m² (ST-2): 15 m² measured cannot be compliant */
  g_assert_true (pk_visit_set_area (store, good, 15, &error));
  g_assert_no_error (error);
  g_assert_false (pk_visit_set_outcome (store, good, PK_VISIT_COMPLIANT, NULL, NULL, &error));
  g_assert_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SR-1"));
  g_clear_error (&error);
  g_assert_true (pk_visit_set_area (store, good, 32, &error));
  g_assert_true (pk_visit_set_position (store, good, TRUE, sites[0][0] + 0.0003, sites[0][1], &error));
  g_assert_true (pk_visit_set_outcome (store, good, PK_VISIT_COMPLIANT, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s11_state (store, a, NULL), ==, PK_STAGE_DONE);
  g_assert_cmpstr (good->signed_by, ==, "Reza Ahmadi");
  /* decided: it no longer changes */
  g_assert_false (pk_visit_set_area (store, good, 40, &error));
  g_assert_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_FINISHED);
  g_clear_error (&error);

  set_all (store, bad, PK_ST_PASS);
  /* a photo taken by mistake comes off, before the visit is decided */
  {
    g_autoptr(GBytes) png = pk_test_photo_png (200, 150);
    gint64 photo = pk_visit_add_photo (store, bad, "wrong.png", png, &error);
    g_autoptr(GPtrArray) left = NULL;

    g_assert_cmpint (photo, >, 0);
    g_assert_true (pk_visit_remove_photo (store, bad, photo, &error));
    g_assert_no_error (error);
    left = pk_store_list_visit_photos (store, bad->id, 0, &error);
    g_assert_cmpuint (left->len, ==, 0);
    g_assert_false (pk_visit_remove_photo (store, bad, photo, &error));
    g_assert_error (error, PK_STORE_ERROR, PK_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_true (pk_visit_set_standard (store, bad, "ST-9", PK_ST_FAIL, "no tariff board", &error));
  g_assert_false (pk_visit_set_outcome (store, bad, PK_VISIT_COMPLIANT, NULL, NULL, &error));
  g_assert_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (s11_state (store, b, NULL), ==, PK_STAGE_MISSING);      /* nothing of the refusal written */
  g_assert_true (pk_visit_set_outcome (store, bad, PK_VISIT_NOT_COMPLIANT, "Come back when it is mounted",
                                       NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s11_state (store, b, &note), ==, PK_STAGE_RETURNED);
  g_assert_nonnull (strstr (note, "ST-9"));
  g_assert_nonnull (strstr (note, "no tariff board"));
  g_assert_nonnull (strstr (note, "RT-1"));
  g_assert_nonnull (strstr (note, "RT-2"));
}

/* The measurements judged again: the distance from the declared site,
 * flagged past the workspace's setting, and the check at the observed place. */
static void
test_check (PkTestWorkspace *f,
            gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autoptr(PkSiteChecker) checker = NULL;
  g_autoptr(PkVisit) v = NULL;
  g_autoptr(PkVisitCheck) near = NULL;
  g_autoptr(PkVisitCheck) far = NULL;

  g_assert_no_error (error);
  v = assigned (store, pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]), "Reza Ahmadi");
  checker = pk_site_checker_new (store, &error);
  g_assert_true (pk_visit_set_position (store, v, TRUE, sites[0][0] + 0.0003, sites[0][1], &error));
  near = pk_visit_check (store, checker, v, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (near->offset_m - 33.3), <, 1.0);
  g_assert_false (near->offset_flagged);
  g_assert_nonnull (near->verdict);
  g_assert_cmpint (near->verdict->verdict, !=, PK_VERDICT_FAIL);
  g_assert_true (pk_store_set_meta (store, PK_VISIT_MAX_OFFSET_KEY, "20", &error));
  far = pk_visit_check (store, checker, v, &error);
  g_assert_true (far->offset_flagged);
  g_assert_cmpfloat (far->max_offset_m, ==, 20);
}

static gint64
audit_count (PkStore *store)
{
  return pk_store_count_audit (store);
}

static void
flip_byte (const char *from,
           const char *to,
           gsize       offset)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_cmpuint (offset, <, len);
  data[offset] ^= 0x5A;
  g_assert_true (g_file_set_contents (to, data, len, NULL));
}

/* Refused whole: nothing written, one line that says why. */
static void
assert_refused (PkStore       *store,
                const char    *path,
                PkBundleError  code)
{
  g_autoptr(GError) error = NULL;
  gint64 before = audit_count (store);
  g_autoptr(PkBundleImport) report = pk_bundle_import (store, path, FALSE, &error);

  g_assert_null (report);
  g_assert_error (error, PK_BUNDLE_ERROR, (int) code);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (audit_count (store), ==, before);
}

/* The round trip: export for one inspector; on the laptop only visits can be
 * recorded; a case changed at the secretariat meanwhile makes its visit a
 * conflict while the other visit and its photos arrive byte for byte; the
 * same bundle again changes nothing; a person resolves the conflict; a
 * byte changed anywhere, a cut file or another workspace's bundle is
 * refused whole. */
static void
test_bundle (PkTestWorkspace *f,
             gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *bundle_path = g_build_filename (f->dir, "reza.pkbundle", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.pkws", NULL);
  g_autofree char *other_bundle = g_build_filename (f->dir, "other.pkbundle", NULL);
  g_autofree char *flipped = g_build_filename (f->dir, "flipped.pkbundle", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "cut.pkbundle", NULL);
  g_autoptr(GBytes) jpeg = pk_test_photo_jpeg (1200, 900, 1, "2026:12:03 09:00:00", TRUE, 32.3001, 59.8002);
  g_autoptr(GBytes) png = pk_test_photo_png (320, 240);
  g_autoptr(PkVisit) v1 = NULL, v2 = NULL, v3 = NULL, other_visit = NULL;
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(PkBundleImport) first = NULL, again = NULL, later = NULL;
  g_autoptr(PkCase) c2 = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *bundle_data = NULL;
  gsize bundle_len;
  gint64 a, b, c, before;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]);
  b = pk_test_case_at_pa5 (store, sites[1][0], sites[1][1]);
  c = pk_test_case_at_pa5 (store, sites[2][0], sites[2][1]);
  v1 = assigned (store, a, "Reza Ahmadi");
  v2 = assigned (store, b, "Reza Ahmadi");
  v3 = assigned (store, c, "Reza Ahmadi");
  other_visit = assigned (store, c, "Someone Else");

  info = pk_bundle_export (store, "Reza Ahmadi", bundle_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_visits, ==, 3);
  g_assert_cmpuint (info->n_cases, ==, 3);
  g_assert_null (pk_bundle_export (store, "Nobody", other_bundle, NULL, &error));
  g_assert_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOTHING);
  g_clear_error (&error);

  /* on the laptop */
  {
    g_autoptr(PkStore) field = pk_store_open (bundle_path, &error);
    g_autoptr(PkVisit) f1 = NULL, f2 = NULL;
    g_autoptr(GPtrArray) visits = NULL;
    g_autoptr(PkCase) fc = NULL;

    g_assert_no_error (error);
    g_assert_true (pk_store_is_bundle (field));
    visits = pk_store_list_visits (field, NULL, &error);
    g_assert_cmpuint (visits->len, ==, 3);          /* Someone Else's stayed home */
    f1 = pk_store_get_visit_by_uuid (field, v1->record.uuid, &error);
    f2 = pk_store_get_visit_by_uuid (field, v2->record.uuid, &error);
    g_assert_no_error (error);
    /* nothing but visits can be recorded here */
    fc = pk_store_get_case (field, a, &error);
    g_assert_false (pk_case_workflow_set_field (field, fc->id, "company.name", "X", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (pk_visit_assign (field, fc->number, 0, "Reza Ahmadi", "2026-12-05", &error), ==, 0);
    g_assert_error (error, PK_VISIT_ERROR, PK_VISIT_ERROR_INVALID);
    g_clear_error (&error);

    set_all (field, f1, PK_ST_PASS);
    g_assert_true (pk_visit_set_standard (field, f1, "ST-4", PK_ST_FAIL, "one desk only", &error));
    g_assert_true (pk_visit_set_area (field, f1, 28, &error));
    g_assert_cmpint (pk_visit_add_photo (field, f1, "front.jpg", jpeg, &error), >, 0);
    g_assert_cmpint (pk_visit_add_photo (field, f1, "sign.png", png, &error), >, 0);
    g_assert_true (pk_visit_set_outcome (field, f1, PK_VISIT_NOT_COMPLIANT, NULL, NULL, &error));
    g_assert_no_error (error);
    set_all (field, f2, PK_ST_PASS);
    g_assert_true (pk_visit_set_outcome (field, f2, PK_VISIT_COMPLIANT, NULL, NULL, &error));
    g_assert_no_error (error);
    /* in the bundle the outcome waits for the merge: the case is frozen */
    g_assert_cmpint (s11_state (field, a, NULL), ==, PK_STAGE_MISSING);
  }
  {
    g_autoptr(PkBundleInfo) checked = pk_bundle_verify (store, bundle_path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (checked->n_decided, ==, 2);
    g_assert_cmpuint (checked->n_photos, ==, 2);
    g_assert_cmpstr (checked->inspector, ==, "Reza Ahmadi");
  }

  /* at the secretariat meanwhile: case b changes */
  g_assert_true (pk_case_workflow_set_field (store, b, "company.name", "Shargh Counter Co.", &error));
  g_assert_no_error (error);

  /* damaged, altered, cut short, foreign: refused whole */
  g_assert_true (g_file_get_contents (bundle_path, &bundle_data, &bundle_len, NULL));
  for (gsize off = 4096 + 777; off < bundle_len; off += bundle_len / 7)
    {
      flip_byte (bundle_path, flipped, off);
      {
        g_autoptr(GError) local = NULL;
        g_autoptr(PkBundleImport) r = pk_bundle_import (store, flipped, FALSE, &local);

        g_assert_null (r);
        g_assert_true (g_error_matches (local, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_ALTERED) ||
                       g_error_matches (local, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_DAMAGED));
      }
    }
  flip_byte (bundle_path, flipped, bundle_len - 20);     /* the seal itself */
  assert_refused (store, flipped, PK_BUNDLE_ERROR_ALTERED);
  g_assert_true (g_file_set_contents (cut, bundle_data, bundle_len / 2, NULL));
  assert_refused (store, cut, PK_BUNDLE_ERROR_DAMAGED);
  {
    g_autoptr(PkStore) other = pk_workspace_create_sample (other_path, FALSE, &error);
    g_autoptr(PkVisit) ov = NULL;
    g_autoptr(PkBundleInfo) oi = NULL;

    g_assert_no_error (error);
    ov = assigned (other, pk_test_case_at_pa5 (other, sites[0][0], sites[0][1]), "Reza Ahmadi");
    oi = pk_bundle_export (other, "Reza Ahmadi", other_bundle, NULL, &error);
    g_assert_no_error (error);
  }
  assert_refused (store, other_bundle, PK_BUNDLE_ERROR_FOREIGN);
  assert_refused (store, f->path, PK_BUNDLE_ERROR_NOT_BUNDLE);

  /* a dry run says what would happen and writes nothing */
  before = audit_count (store);
  {
    g_autoptr(PkBundleImport) dry = pk_bundle_import (store, bundle_path, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dry->n_applied, ==, 1);
    g_assert_cmpuint (dry->conflicts->len, ==, 1);
  }
  g_assert_cmpint (audit_count (store), ==, before);

  first = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_applied, ==, 1);
  g_assert_cmpuint (first->n_photos, ==, 2);
  g_assert_cmpuint (first->n_unchanged, ==, 1);
  g_assert_cmpuint (first->conflicts->len, ==, 1);
  g_assert_cmpstr (((PkBundleConflict *) g_ptr_array_index (first->conflicts, 0))->visit_uuid, ==,
                   v2->record.uuid);
  /* visit 1 arrived, with its photos byte for byte, and returned its case */
  {
    g_autoptr(PkVisit) merged = pk_store_get_visit (store, v1->id, &error);
    g_autoptr(GPtrArray) here = pk_store_list_visit_photos (store, v1->id, 0, &error);
    g_autoptr(PkStore) field = pk_store_open_read_only (bundle_path, &error);
    g_autoptr(GPtrArray) there = NULL;
    g_autoptr(GPtrArray) audit = NULL;
    gboolean named = FALSE;

    g_assert_no_error (error);
    g_assert_cmpint (merged->outcome, ==, PK_VISIT_NOT_COMPLIANT);
    g_assert_cmpfloat (merged->area_m2, ==, 28);
    g_assert_cmpstr (merged->standards[3].note, ==, "one desk only");
    g_assert_cmpint (s11_state (store, a, NULL), ==, PK_STAGE_RETURNED);
    there = pk_store_list_visit_photos (field, v1->id, 0, &error);
    g_assert_cmpuint (here->len, ==, 2);
    g_assert_cmpuint (there->len, ==, 2);
    for (guint i = 0; i < here->len; i++)
      {
        PkVisitPhoto *h = g_ptr_array_index (here, i), *t = g_ptr_array_index (there, i);
        g_autoptr(GBytes) hb = pk_store_get_visit_photo_content (store, h->id, &error);
        g_autoptr(GBytes) tb = pk_store_get_visit_photo_content (field, t->id, &error);

        g_assert_cmpstr (h->record.uuid, ==, t->record.uuid);
        g_assert_true (g_bytes_equal (hb, tb));
      }
    /* the audit log names the inspector and the bundle */
    audit = pk_store_list_audit (store, NULL, "Reza Ahmadi", "visit", &error);
    for (guint i = 0; i < audit->len; i++)
      {
        PkAuditEntry *e = g_ptr_array_index (audit, i);

        named |= g_strcmp0 (e->action, "merge") == 0 && strstr (e->after, info->uuid) != NULL;
      }
    g_assert_true (named);
  }
  /* visit 2: nothing of it applied, its case untouched */
  {
    g_autoptr(PkVisit) held = pk_store_get_visit (store, v2->id, &error);
    g_autoptr(GPtrArray) photos = pk_store_list_visit_photos (store, v2->id, 0, &error);

    g_assert_cmpint (held->outcome, ==, PK_VISIT_PENDING);
    g_assert_cmpint (s11_state (store, b, NULL), ==, PK_STAGE_MISSING);
  }

  /* again: nothing changes */
  before = audit_count (store);
  again = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_applied, ==, 0);
  g_assert_cmpuint (again->n_new_conflicts, ==, 0);
  g_assert_cmpuint (again->conflicts->len, ==, 1);
  g_assert_cmpint (audit_count (store), ==, before);

  /* a person takes the bundle's side: the visit and its case move on */
  conflicts = pk_store_list_bundle_conflicts (store, TRUE, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (pk_bundle_resolve (store, ((PkBundleConflict *) g_ptr_array_index (conflicts, 0))->id, TRUE,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (s11_state (store, b, NULL), ==, PK_STAGE_DONE);
  c2 = pk_store_get_case (store, b, &error);
  g_assert_cmpstr (pk_case_get_field (c2, "company.name"), ==, "Shargh Counter Co.");
  g_assert_false (pk_bundle_resolve (store, ((PkBundleConflict *) g_ptr_array_index (conflicts, 0))->id, FALSE,
                                     &error));
  g_clear_error (&error);

  /* the inspector goes on with the third visit after the merge: no conflict */
  {
    g_autoptr(PkStore) field = pk_store_open (bundle_path, &error);
    g_autoptr(PkVisit) f3 = pk_store_get_visit_by_uuid (field, v3->record.uuid, &error);

    g_assert_no_error (error);
    g_assert_true (pk_visit_set_standard (field, f3, "ST-5", PK_ST_FAIL, "no signboard yet", &error));
  }
  later = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->n_applied, ==, 1);
  g_assert_cmpuint (later->conflicts->len, ==, 0);
  {
    g_autoptr(PkVisit) moved = pk_store_get_visit (store, v3->id, &error);
    g_autoptr(PkVisit) untouched = pk_store_get_visit (store, other_visit->id, &error);

    g_assert_cmpint (moved->standards[4].result, ==, PK_ST_FAIL);
    g_assert_cmpint (untouched->record.revision, ==, 1);
  }
}

/* The same visit in two bundles, and a visit reassigned at the secretariat
 * while its bundle was out: the first bundle merges, the second brings back
 * two conflicts and applies nothing of them. */
static void
test_two_bundles (PkTestWorkspace *f,
                  gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *first_path = g_build_filename (f->dir, "first.pkbundle", NULL);
  g_autofree char *second_path = g_build_filename (f->dir, "second.pkbundle", NULL);
  g_autoptr(PkVisit) va = NULL, vb = NULL, moved = NULL;
  g_autoptr(PkBundleInfo) i1 = NULL, i2 = NULL;
  g_autoptr(PkBundleImport) r1 = NULL, r2 = NULL;
  g_autoptr(PkVisit) after_a = NULL, after_b = NULL;

  g_assert_no_error (error);
  va = assigned (store, pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]), "Reza Ahmadi");
  vb = assigned (store, pk_test_case_at_pa5 (store, sites[1][0], sites[1][1]), "Reza Ahmadi");
  i1 = pk_bundle_export (store, "Reza Ahmadi", first_path, NULL, &error);
  i2 = pk_bundle_export (store, "Reza Ahmadi", second_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (i1->uuid, !=, i2->uuid);
  {
    g_autoptr(PkStore) one = pk_store_open (first_path, &error);
    g_autoptr(PkStore) two = pk_store_open (second_path, &error);
    g_autoptr(PkVisit) a1 = pk_store_get_visit (one, va->id, &error);
    g_autoptr(PkVisit) a2 = pk_store_get_visit (two, va->id, &error);
    g_autoptr(PkVisit) b2 = pk_store_get_visit (two, vb->id, &error);

    g_assert_true (pk_visit_set_standard (one, a1, "ST-3", PK_ST_PASS, NULL, &error));
    g_assert_true (pk_visit_set_standard (two, a2, "ST-3", PK_ST_FAIL, "no permit shown", &error));
    g_assert_true (pk_visit_set_standard (two, b2, "ST-5", PK_ST_PASS, NULL, &error));
    g_assert_no_error (error);
  }
  /* reassigned at the secretariat meanwhile */
  moved = pk_store_get_visit (store, vb->id, &error);
  g_assert_true (pk_visit_reassign (store, moved, "Someone Else", "1405/09/20", &error));
  g_assert_no_error (error);

  r1 = pk_bundle_import (store, first_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->n_applied, ==, 1);
  g_assert_cmpuint (r1->conflicts->len, ==, 0);
  r2 = pk_bundle_import (store, second_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->n_applied, ==, 0);
  g_assert_cmpuint (r2->conflicts->len, ==, 2);
  after_a = pk_store_get_visit (store, va->id, &error);
  after_b = pk_store_get_visit (store, vb->id, &error);
  g_assert_cmpint (after_a->standards[2].result, ==, PK_ST_PASS);          /* the first bundle's, kept */
  g_assert_cmpstr (after_b->inspector, ==, "Someone Else");
  g_assert_cmpint (after_b->standards[4].result, ==, PK_ST_UNSET);

  /* a person takes the bundle's side of the reassigned visit; the inspector's
   * next change to it then merges, and the other conflict still waits */
  {
    g_autoptr(PkBundleImport) r3 = NULL;
    g_autoptr(PkVisit) settled = NULL;
    gint64 conflict_b = 0;

    for (guint i = 0; i < r2->conflicts->len; i++)
      {
        PkBundleConflict *c = g_ptr_array_index (r2->conflicts, i);

        if (g_strcmp0 (c->visit_uuid, vb->record.uuid) == 0)
          conflict_b = c->id;
      }
    g_assert_cmpint (conflict_b, >, 0);
    g_assert_true (pk_bundle_resolve (store, conflict_b, TRUE, &error));
    g_assert_no_error (error);
    {
      g_autoptr(PkStore) two = pk_store_open (second_path, &error);
      g_autoptr(PkVisit) b2 = pk_store_get_visit (two, vb->id, &error);

      g_assert_true (pk_visit_set_standard (two, b2, "ST-6", PK_ST_PASS, NULL, &error));
      g_assert_no_error (error);
    }
    r3 = pk_bundle_import (store, second_path, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r3->n_applied, ==, 1);
    g_assert_cmpuint (r3->conflicts->len, ==, 1);
    settled = pk_store_get_visit (store, vb->id, &error);
    g_assert_cmpint (settled->standards[4].result, ==, PK_ST_PASS);
    g_assert_cmpint (settled->standards[5].result, ==, PK_ST_PASS);
    g_assert_cmpstr (settled->inspector, ==, "Reza Ahmadi");        /* the bundle's side was taken */
  }
}

/* As the previous version (schema 7) left a bundle: without what schema 8
 * added, signed and sealed under its key. */
static void
make_older (const char *path,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX case_people_case; DROP INDEX meeting_cases_case;"
                                 " UPDATE meta SET value = '7' WHERE key = 'schema_version'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (_pk_store_bundle_sign (db, key, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_true (_pk_store_bundle_seal (path, key, &error));
  g_assert_no_error (error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, len, NULL));
}

/* A bundle the inspector took out before the secretariat's update comes back:
 * it is read through a copy brought up to date, checked on the file as it is
 * (which stays byte for byte) and merged; one edited outside the app with its
 * key is still refused. The inspector's own updated app brings it up to date
 * and signs it again, unless it was altered before. */
static void
test_older_bundle (PkTestWorkspace *f,
                   gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *bundle_path = g_build_filename (f->dir, "reza.pkbundle", NULL);
  g_autofree char *edited = g_build_filename (f->dir, "edited.pkbundle", NULL);
  g_autofree char *edited_laptop = g_build_filename (f->dir, "edited-laptop.pkbundle", NULL);
  g_autofree char *laptop = g_build_filename (f->dir, "laptop.pkbundle", NULL);
  g_autofree char *key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(PkVisit) visit = NULL;
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(PkBundleImport) first = NULL;
  g_autoptr(PkBundleImport) second = NULL;
  g_autoptr(PkVisit) merged = NULL;

  g_assert_no_error (error);
  visit = assigned (store, pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]), "Reza Ahmadi");
  g_assert_nonnull (pk_bundle_export (store, "Reza Ahmadi", bundle_path, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PkStore) field = pk_store_open (bundle_path, &error);
    g_autoptr(PkVisit) v = pk_store_get_visit (field, visit->id, &error);

    g_assert_true (pk_visit_set_standard (field, v, "ST-3", PK_ST_PASS, NULL, &error));
    g_assert_no_error (error);
  }
  key = pk_test_sql_text (bundle_path, "SELECT value FROM meta WHERE key = 'bundle_key'");
  make_older (bundle_path, key);
  copy_file (bundle_path, laptop);
  copy_file (bundle_path, edited);
  pk_test_sql_exec (edited, "UPDATE visits SET area_m2 = 99");
  g_assert_true (_pk_store_bundle_seal (edited, key, &error));
  copy_file (edited, edited_laptop);
  g_assert_true (g_file_get_contents (bundle_path, &before, &before_len, NULL));

  info = pk_bundle_verify (store, bundle_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_visits, ==, 1);
  first = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_applied, ==, 1);
  merged = pk_store_get_visit (store, visit->id, &error);
  g_assert_cmpint (merged->standards[2].result, ==, PK_ST_PASS);
  g_assert_true (g_file_get_contents (bundle_path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  assert_refused (store, edited, PK_BUNDLE_ERROR_ALTERED);

  /* on the laptop, the app updated: the bundle is brought up to date there */
  {
    g_autoptr(PkStore) field = pk_store_open (laptop, &error);
    g_autoptr(PkVisit) v = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (pk_store_get_schema_version (field), ==, PK_STORE_SCHEMA_VERSION);
    v = pk_store_get_visit (field, visit->id, &error);
    g_assert_true (pk_visit_set_standard (field, v, "ST-5", PK_ST_PASS, NULL, &error));
    g_assert_no_error (error);
  }
  second = pk_bundle_import (store, laptop, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_applied, ==, 1);
  {
    g_autoptr(PkStore) field = pk_store_open (edited_laptop, &error);

    g_assert_no_error (error);
    g_assert_cmpint (pk_store_get_schema_version (field), ==, PK_STORE_SCHEMA_VERSION);
  }
  assert_refused (store, edited_laptop, PK_BUNDLE_ERROR_ALTERED);
}

/* An import undone: the visit it applied, its photos and its case's S11 as
 * they were, the conflict it found gone; importing again merges again, the
 * photos byte for byte. A visit changed since refuses the undo, whole. */
static void
test_undo_import (PkTestWorkspace *f,
                  gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *bundle_path = g_build_filename (f->dir, "undo.pkbundle", NULL);
  g_autoptr(GBytes) jpeg = pk_test_photo_jpeg (800, 600, 1, "2026:12:03 09:00:00", TRUE, 32.3001, 59.8002);
  g_autoptr(PkVisit) v1 = NULL, v2 = NULL, v1_before = NULL, v1_after = NULL, v1_again = NULL;
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(PkBundleImport) first = NULL, second = NULL;
  g_autoptr(PkCase) before_case = NULL, undone_case = NULL;
  g_autoptr(GPtrArray) photos = NULL, photos_again = NULL;
  g_autofree char *undone = NULL;
  gint64 a, b;

  g_assert_no_error (error);
  a = pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]);
  b = pk_test_case_at_pa5 (store, sites[1][0], sites[1][1]);
  v1 = assigned (store, a, "Reza Ahmadi");
  v2 = assigned (store, b, "Reza Ahmadi");
  info = pk_bundle_export (store, "Reza Ahmadi", bundle_path, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PkStore) field = pk_store_open (bundle_path, &error);
    g_autoptr(PkVisit) f1 = pk_store_get_visit_by_uuid (field, v1->record.uuid, &error);
    g_autoptr(PkVisit) f2 = pk_store_get_visit_by_uuid (field, v2->record.uuid, &error);

    g_assert_no_error (error);
    set_all (field, f1, PK_ST_PASS);
    g_assert_cmpint (pk_visit_add_photo (field, f1, "front.jpg", jpeg, &error), >, 0);
    g_assert_true (pk_visit_set_outcome (field, f1, PK_VISIT_COMPLIANT, NULL, NULL, &error));
    set_all (field, f2, PK_ST_PASS);
    g_assert_cmpint (pk_visit_add_photo (field, f2, "door.jpg", jpeg, &error), >, 0);
    g_assert_true (pk_visit_set_outcome (field, f2, PK_VISIT_COMPLIANT, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  /* b's case changes here meanwhile: its visit will be a conflict */
  g_assert_true (pk_case_workflow_set_field (store, b, "company.name", "Shargh Counter Co.", &error));
  v1_before = pk_store_get_visit (store, v1->id, &error);
  before_case = pk_store_get_case (store, a, &error);
  g_assert_null (pk_bundle_last_import (store, NULL, &error));
  g_assert_no_error (error);

  first = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_applied, ==, 1);
  g_assert_cmpuint (first->n_new_conflicts, ==, 1);
  g_assert_cmpint (s11_state (store, a, NULL), ==, PK_STAGE_DONE);
  photos = pk_store_list_visit_photos (store, v1->id, 0, &error);
  g_assert_cmpuint (photos->len, ==, 1);

  /* undone: as before the import */
  undone = pk_bundle_undo_import (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, info->uuid);
  v1_after = pk_store_get_visit (store, v1->id, &error);
  g_assert_cmpint (v1_after->outcome, ==, v1_before->outcome);
  for (guint i = 0; i < PK_N_STANDARDS; i++)
    g_assert_cmpint (v1_after->standards[i].result, ==, v1_before->standards[i].result);
  g_assert_cmpuint (pk_test_count (pk_store_list_visit_photos (store, v1->id, 0, &error)), ==, 0);
  undone_case = pk_store_get_case (store, a, &error);
  g_assert_cmpint (s11_state (store, a, NULL), ==, pk_case_stage_state (before_case, pk_stage_info ("S11")));
  g_assert_cmpint (undone_case->status, ==, before_case->status);
  g_assert_cmpstr (pk_case_get_field (undone_case, "s11.result"), ==, pk_case_get_field (before_case, "s11.result"));
  g_assert_cmpuint (pk_test_count (pk_store_list_bundle_conflicts (store, FALSE, &error)), ==, 0);
  g_assert_null (pk_bundle_last_import (store, NULL, &error));
  g_clear_pointer (&undone, g_free);
  undone = pk_bundle_undo_import (store, NULL, &error);
  g_assert_null (undone);
  g_assert_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOTHING);
  g_clear_error (&error);

  /* imported again: merged again, the photo byte for byte */
  second = pk_bundle_import (store, bundle_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_applied, ==, 1);
  g_assert_cmpuint (second->n_new_conflicts, ==, 1);
  photos_again = pk_store_list_visit_photos (store, v1->id, 0, &error);
  g_assert_cmpuint (photos_again->len, ==, 1);
  g_assert_cmpstr (((PkVisitPhoto *) g_ptr_array_index (photos_again, 0))->sha256, ==,
                   ((PkVisitPhoto *) g_ptr_array_index (photos, 0))->sha256);
  g_assert_cmpstr (((PkVisitPhoto *) g_ptr_array_index (photos_again, 0))->record.uuid, ==,
                   ((PkVisitPhoto *) g_ptr_array_index (photos, 0))->record.uuid);
  g_assert_cmpint (s11_state (store, a, NULL), ==, PK_STAGE_DONE);

  /* the secretariat changes the merged visit: the undo would overwrite it */
  v1_again = pk_store_get_visit (store, v1->id, &error);
  g_free (v1_again->date);
  v1_again->date = g_strdup ("2026-12-09");
  g_assert_true (pk_store_update_visit (store, v1_again, &error));
  {
    gint64 n = audit_count (store);

    g_assert_null (pk_bundle_undo_import (store, info->uuid, &error));
    g_assert_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "changed since the import"));
    g_clear_error (&error);
    g_assert_cmpint (audit_count (store), ==, n);
    g_assert_cmpint (s11_state (store, a, NULL), ==, PK_STAGE_DONE);
  }

  /* b's conflict: the bundle's side taken, then the resolution undone — the
   * visit and case as they were, the photo held back in the conflict again;
   * taken once more, the same photo comes out */
  {
    g_autoptr(GPtrArray) open = pk_store_list_bundle_conflicts (store, TRUE, &error);
    g_autoptr(PkVisit) v2_before = pk_store_get_visit (store, v2->id, &error);
    g_autoptr(PkVisit) v2_taken = NULL, v2_back = NULL;
    g_autoptr(PkCase) b_before = pk_store_get_case (store, b, &error);
    g_autoptr(PkCase) b_back = NULL;
    g_autoptr(GPtrArray) shown = NULL, held = NULL, shown_again = NULL;
    g_autoptr(PkBundleConflict) reopened = NULL;
    gint64 conflict;

    g_assert_cmpuint (open->len, ==, 1);
    conflict = ((PkBundleConflict *) g_ptr_array_index (open, 0))->id;
    g_assert_false (pk_bundle_undo_resolution (store, conflict, &error));        /* nothing resolved yet */
    g_assert_error (error, PK_BUNDLE_ERROR, PK_BUNDLE_ERROR_NOTHING);
    g_clear_error (&error);
    g_assert_true (pk_bundle_resolve (store, conflict, TRUE, &error));
    g_assert_no_error (error);
    v2_taken = pk_store_get_visit (store, v2->id, &error);
    g_assert_cmpint (v2_taken->outcome, ==, PK_VISIT_COMPLIANT);
    shown = pk_store_list_visit_photos (store, v2->id, 0, &error);
    g_assert_cmpuint (shown->len, ==, 1);
    g_assert_cmpint (s11_state (store, b, NULL), ==, PK_STAGE_DONE);

    g_assert_true (pk_bundle_undo_resolution (store, conflict, &error));
    g_assert_no_error (error);
    v2_back = pk_store_get_visit (store, v2->id, &error);
    g_assert_cmpint (v2_back->outcome, ==, v2_before->outcome);
    g_assert_cmpuint (pk_test_count (pk_store_list_visit_photos (store, v2->id, 0, &error)), ==, 0);
    held = pk_store_list_visit_photos (store, v2->id, conflict, &error);
    g_assert_cmpuint (held->len, ==, 1);
    b_back = pk_store_get_case (store, b, &error);
    g_assert_cmpint (s11_state (store, b, NULL), ==, pk_case_stage_state (b_before, pk_stage_info ("S11")));
    /* the case's history says what was undone: a resolution, not a merge */
    g_assert_cmpstr (((PkCaseEvent *) g_ptr_array_index (b_back->events, b_back->events->len - 1))->kind, ==,
                     "resolution-undone");
    reopened = pk_store_get_bundle_conflict (store, conflict, &error);
    g_assert_null (reopened->resolved_at);

    g_assert_true (pk_bundle_resolve (store, conflict, TRUE, &error));
    g_assert_no_error (error);
    shown_again = pk_store_list_visit_photos (store, v2->id, 0, &error);
    g_assert_cmpuint (shown_again->len, ==, 1);
    g_assert_cmpstr (((PkVisitPhoto *) g_ptr_array_index (shown_again, 0))->record.uuid, ==,
                     ((PkVisitPhoto *) g_ptr_array_index (shown, 0))->record.uuid);
    g_assert_cmpstr (((PkVisitPhoto *) g_ptr_array_index (shown_again, 0))->sha256, ==,
                     ((PkVisitPhoto *) g_ptr_array_index (shown, 0))->sha256);
    g_assert_true (pk_bundle_undo_resolution (store, conflict, &error));

    /* keeping this workspace's side: undone, the conflict is open again */
    g_assert_true (pk_bundle_resolve (store, conflict, FALSE, &error));
    g_assert_cmpuint (pk_test_count (pk_store_list_bundle_conflicts (store, TRUE, &error)), ==, 0);
    g_assert_true (pk_bundle_undo_resolution (store, conflict, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pk_test_count (pk_store_list_bundle_conflicts (store, TRUE, &error)), ==, 1);
    g_assert_cmpuint (pk_test_count (pk_store_list_visit_photos (store, v2->id, conflict, &error)), ==, 1);
  }
}

static cairo_status_t
append_bytes (GByteArray          *out,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (out, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A basemap tile: a plain 256-pixel PNG. */
static GBytes *
tile_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GByteArray) out = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.55, 0.75, 0.55);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, (cairo_write_func_t) (void (*) (void)) append_bytes, out);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
hex_of (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GString *hex = g_string_sized_new (2 * size);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02X", data[i]);
  return g_string_free (hex, FALSE);
}

/* Every page's text, one after the other. */
static char *
pdf_text (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, NULL);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (doc);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (text, FALSE);
}

/* With an MBTiles basemap the bundle takes the tiles around its sites, and
 * is itself an MBTiles file the laptop's map reads; tiles far off stay home. */
static void
test_bundle_tiles (PkTestWorkspace *f,
                   gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkStore) store = pk_workspace_create_sample (f->path, FALSE, &error);
  g_autofree char *tiles_path = g_build_filename (f->dir, "basemap.mbtiles", NULL);
  g_autofree char *bundle_path = g_build_filename (f->dir, "tiles.pkbundle", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(PkVisit) v = NULL;
  g_autoptr(PkBundleInfo) info = NULL;
  g_autoptr(PkBundleInfo) checked = NULL;
  g_autoptr(PkMbtiles) mb = NULL;
  g_autoptr(GBytes) near = NULL;
  g_autoptr(GBytes) far = NULL;
  int z = 12, n = 1 << z;
  double r = sites[0][0] * G_PI / 180;
  int x = (int) floor ((sites[0][1] + 180) / 360 * n);
  int y = (int) floor ((1 - log (tan (r) + 1 / cos (r)) / G_PI) / 2 * n);

  g_autoptr(GBytes) png = tile_png ();
  g_autofree char *hex = NULL;

  g_assert_no_error (error);
  v = assigned (store, pk_test_case_at_pa5 (store, sites[0][0], sites[0][1]), "Reza Ahmadi");
  hex = hex_of (png);
  sql = g_strdup_printf ("CREATE TABLE metadata (name TEXT, value TEXT);"
                         "INSERT INTO metadata VALUES ('name', 'Province'), ('format', 'png'), ('minzoom', '12'),"
                         " ('maxzoom', '12'), ('attribution', '© Test Tiles contributors');"
                         "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                         "INSERT INTO tiles VALUES (12, %d, %d, x'%s'), (12, %d, %d, x'89504E470D0A1A0A02');",
                         x, n - 1 - y, hex, x + 5, n - 1 - y - 5);
  pk_test_sql_exec (tiles_path, sql);
  info = pk_bundle_export (store, "Reza Ahmadi", bundle_path, tiles_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_tiles, ==, 1);
  mb = pk_mbtiles_open (bundle_path, &error);
  g_assert_no_error (error);
  near = pk_mbtiles_get_tile (mb, x, y, z, &error);
  g_assert_no_error (error);
  g_assert_nonnull (near);
  g_assert_true (g_bytes_equal (near, png));
  far = pk_mbtiles_get_tile (mb, x + 5, y + 5, z, &error);
  g_assert_null (far);
  g_clear_pointer (&mb, pk_mbtiles_close);
  /* reading it as a basemap changed nothing the seal covers */
  checked = pk_bundle_verify (store, bundle_path, &error);
  g_assert_no_error (error);

  /* the visit report made on the laptop draws the bundle's tiles and credits
   * them; the secretariat's says it drew its own outlines */
  {
    g_autoptr(PkStore) field = pk_store_open (bundle_path, &error);
    g_autoptr(PkSiteChecker) checker = NULL;
    g_autoptr(PkSiteChecker) home_checker = pk_site_checker_new (store, &error);
    g_autoptr(PkVisit) there = NULL;
    g_autofree char *report = g_build_filename (f->dir, "field-report.pdf", NULL);
    g_autofree char *home = g_build_filename (f->dir, "home-report.pdf", NULL);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    checker = pk_site_checker_new (field, &error);
    there = pk_store_get_visit_by_uuid (field, v->record.uuid, &error);
    g_assert_no_error (error);
    g_assert_true (pk_report_write_visit_pdf (field, checker, there, report, &error));
    g_assert_no_error (error);
    text = pdf_text (report);
    g_assert_nonnull (strstr (text, "© Test Tiles contributors (the field bundle’s tiles)"));
    g_clear_pointer (&text, g_free);
    g_assert_true (pk_report_write_visit_pdf (store, home_checker, v, home, &error));
    text = pdf_text (home);
    g_assert_null (strstr (text, "Test Tiles"));
    g_assert_nonnull (strstr (text, "the workspace’s own outlines"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/visits/photo", test_photo);
#define ADD(path, fn) g_test_add (path, PkTestWorkspace, NULL, pk_test_workspace_setup, fn, pk_test_workspace_teardown)
  ADD ("/visits/outcome", test_outcome);
  ADD ("/visits/check", test_check);
  ADD ("/visits/bundle", test_bundle);
  ADD ("/visits/bundle-tiles", test_bundle_tiles);
  ADD ("/visits/two-bundles", test_two_bundles);
  ADD ("/visits/undo-import", test_undo_import);
  ADD ("/visits/older-bundle", test_older_bundle);
#undef ADD
  return g_test_run ();
}
