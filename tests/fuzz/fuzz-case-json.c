/* fuzz-case-json.c: the JSON a workspace keeps inside a case, read back
 *
 * A workspace may come from anyone: a case's stored site verdict, a
 * person's eligibility ticks and a document's findings are JSON in its
 * columns. The input is written into all three, then the case is read, its
 * plan judged, turned into the export JSON and, for small inputs, printed as
 * the summary PDF.
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pk-fuzz.h"
#include "pk-report.h"
#include "pk-store-internal.h"

static gint64
the_case (PkStore *store)
{
  static gint64 id;

  if (id == 0)
    {
      g_autoptr(PkCase) c = pk_case_new (PK_REQUEST_ISSUE, PK_LICENSE_URBAN, PK_APPLICANT_COMPANY);
      PkCasePerson p = { 0, (char *) "ceo", (char *) "Fuzz", NULL, NULL, FALSE, NULL };
      g_autoptr(GError) error = NULL;

      id = pk_store_add_case (store, c, &error);
      g_assert_no_error (error);
      g_assert (pk_store_add_case_person (store, id, &p, &error) > 0);
      g_assert (sqlite3_exec (_pk_store_db (store),
                              "INSERT INTO case_documents (case_id, kind, file_name, content, pages, pass,"
                              " findings, added_at) VALUES ((SELECT max (id) FROM cases), 'birth-certificate',"
                              " 'x.pdf', x'25504446', 1, 0, '[]', '2026-01-01')", NULL, NULL, NULL) == SQLITE_OK);
    }
  return id;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PkStore *store = pk_fuzz_sample_store ();
  gint64 id = the_case (store);
  static const char * const columns[] = {
    "UPDATE cases SET site_check = ?1, site_lat = 32.87, site_lon = 59.22",
    "UPDATE case_people SET eligibility = ?1",
    "UPDATE case_documents SET findings = ?1",
  };
  g_autoptr(PkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GPtrArray) plan = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert (sqlite3_prepare_v2 (_pk_store_db (store), columns[i], -1, &stmt, NULL) == SQLITE_OK);
      sqlite3_bind_text (stmt, 1, (const char *) data, (int) size, SQLITE_TRANSIENT);
      g_assert (sqlite3_step (stmt) == SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  if ((c = pk_store_get_case (store, id, &error)) == NULL)
    return 0;
  plan = pk_case_plan (c);
  for (guint i = 0; i < plan->len; i++)
    g_ptr_array_unref (pk_case_missing (c, g_ptr_array_index (plan, i)));
  json = pk_case_to_json (c);
  if (size < 512)
    {
      g_autofree char *pdf = g_strdup (pk_fuzz_write_file (NULL, 0, ".pdf"));

      pk_report_write_case_pdf (store, c, pdf, NULL);
      g_unlink (pdf);
    }
  return 0;
}
