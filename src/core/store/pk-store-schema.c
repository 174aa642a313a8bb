/* pk-store-schema.c: the workspace schema and its migrations
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pk-store-internal.h"


/* A version 4 UUID in SQL, one per row, for records written before schema 5. */
#define PK_SQL_UUID \
  "lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4' ||" \
  " substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1) ||" \
  " substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))"

/* The rest of PkRecord's columns on @table (updated_at is there already):
 * rows written before get a UUID, revision 1 and the best "when" and "by
 * whom" the file knows (@at, @by: SQL expressions, or NULL), else the time
 * of the migration and "migration". */
#define RECORD_COLUMNS(table, at, by) \
  "ALTER TABLE " table " ADD COLUMN uuid TEXT;" \
  "ALTER TABLE " table " ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;" \
  "ALTER TABLE " table " ADD COLUMN updated_by TEXT;" \
  "UPDATE " table " SET uuid = " PK_SQL_UUID "," \
  "  updated_at = coalesce (" at ", strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))," \
  "  updated_by = coalesce (" by ", 'migration');" \
  "CREATE UNIQUE INDEX " table "_uuid ON " table " (uuid);"

/* The PkRecord columns of a table created after schema 5 */
#define PK_RECORD_COLUMNS_SQL \
  "uuid TEXT NOT NULL UNIQUE, revision INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL"

/* Ordered migrations: entry N brings a file from version N to N + 1. Never edit a
 * released entry; add a new one and bump PK_STORE_SCHEMA_VERSION. */
static const char * const migrations[] = {
  /* 0 → 1: the foundation */
  "SELECT InitSpatialMetadata(0, 'WGS84');"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE provinces (id INTEGER PRIMARY KEY, name_fa TEXT NOT NULL, name_en TEXT);"
  "SELECT AddGeometryColumn('provinces', 'geom', 4326, 'MULTIPOLYGON', 'XY');"
  "SELECT CreateSpatialIndex('provinces', 'geom');"
  "CREATE TABLE counties (id INTEGER PRIMARY KEY,"
  "  province_id INTEGER NOT NULL REFERENCES provinces (id),"
  "  name_fa TEXT NOT NULL, name_en TEXT, osm_relation INTEGER);"
  "SELECT AddGeometryColumn('counties', 'geom', 4326, 'MULTIPOLYGON', 'XY');"
  "SELECT CreateSpatialIndex('counties', 'geom');"
  "CREATE TABLE settlements (id INTEGER PRIMARY KEY,"
  "  county_id INTEGER REFERENCES counties (id),"
  "  kind TEXT NOT NULL DEFAULT 'city' CHECK (kind IN ('city', 'village')),"
  "  name_fa TEXT NOT NULL, name_en TEXT,"
  "  is_county_seat INTEGER NOT NULL DEFAULT 0);"
  "SELECT AddGeometryColumn('settlements', 'geom', 4326, 'POINT', 'XY');"
  "SELECT CreateSpatialIndex('settlements', 'geom');"
  "CREATE TABLE offices (id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length (code) > 0),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  license TEXT NOT NULL CHECK (license IN ('urban', 'rural')),"
  "  status TEXT NOT NULL CHECK (status IN ('active', 'approved', 'planned', 'suspended')),"
  "  sample INTEGER NOT NULL DEFAULT 0,"
  "  holder TEXT, address TEXT,"
  "  postal_code TEXT CHECK (postal_code IS NULL OR"
  "    (length (postal_code) = 10 AND postal_code NOT GLOB '*[^0-9]*')),"
  "  license_issued TEXT, license_expires TEXT,"
  "  county_id INTEGER REFERENCES counties (id));"
  "SELECT AddGeometryColumn('offices', 'geom', 4326, 'POINT', 'XY');"
  "SELECT CreateSpatialIndex('offices', 'geom');"
  "CREATE INDEX offices_county ON offices (county_id, license);"
  "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
  "  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,"
  "  before TEXT, after TEXT);",

  /* 1 → 2: urban-area polygons for SR-2 and the province's rule set */
  "SELECT AddGeometryColumn('settlements', 'urban_area', 4326, 'MULTIPOLYGON', 'XY');"
  "SELECT CreateSpatialIndex('settlements', 'urban_area');"
  "CREATE TABLE rule_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);",

  /* 2 → 3: approved zones drawn by the working group */
  "CREATE TABLE zones (id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  license TEXT NOT NULL CHECK (license IN ('urban', 'rural')),"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 1),"
  "  note TEXT, created_at TEXT NOT NULL);"
  "SELECT AddGeometryColumn('zones', 'geom', 4326, 'POLYGON', 'XY');"
  "SELECT CreateSpatialIndex('zones', 'geom');",

  /* 3 → 4: application case files (RQ-1 … RQ-8), their stages, people,
   * documents (the PDFs themselves) and history */
  "CREATE TABLE cases (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
  "  request TEXT NOT NULL CHECK (request IN ('RQ-1', 'RQ-2', 'RQ-3', 'RQ-4', 'RQ-5', 'RQ-6',"
  "    'RQ-7', 'RQ-8')),"
  "  license TEXT NOT NULL CHECK (license IN ('urban', 'rural')),"
  "  applicant TEXT NOT NULL CHECK (applicant IN ('person', 'company')),"
  "  conversion INTEGER NOT NULL DEFAULT 0, new_address INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'returned', 'done')),"
  "  fields TEXT NOT NULL DEFAULT '{}',"
  "  site_lat REAL, site_lon REAL, site_not_on_map INTEGER NOT NULL DEFAULT 0,"
  "  site_address TEXT, site_check TEXT,"
  "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
  "CREATE TABLE case_stages (case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('done', 'returned')),"
  "  note TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (case_id, stage));"
  "CREATE TABLE case_people (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('applicant', 'ceo', 'board', 'deputy')),"
  "  name TEXT, national_code TEXT, mobile TEXT, on_board INTEGER NOT NULL DEFAULT 0,"
  "  eligibility TEXT NOT NULL DEFAULT '{}');"
  "CREATE TABLE case_documents (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL, person_id INTEGER REFERENCES case_people (id) ON DELETE CASCADE,"
  "  file_name TEXT NOT NULL, content BLOB NOT NULL, pages INTEGER NOT NULL,"
  "  pass INTEGER NOT NULL, findings TEXT NOT NULL, thumbnails BLOB, added_at TEXT NOT NULL);"
  "CREATE TABLE case_events (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, stage TEXT, message TEXT);"
  "CREATE INDEX case_events_case ON case_events (case_id);"
  "CREATE INDEX case_documents_case ON case_documents (case_id);",

  /* 4 → 5: stable identities and revisions, so that two copies of a workspace
   * can be merged: every record a person changes gets a UUID (version 4), a
   * revision, when and by whom it last changed; a deleted record leaves a
   * tombstone; case numbers come from a counter per Solar Hijri year */
  "ALTER TABLE offices ADD COLUMN updated_at TEXT;"
  "ALTER TABLE zones ADD COLUMN updated_at TEXT;"
  "ALTER TABLE case_people ADD COLUMN updated_at TEXT;"
  "ALTER TABLE case_documents ADD COLUMN updated_at TEXT;"
  "ALTER TABLE case_events ADD COLUMN updated_at TEXT;"
  RECORD_COLUMNS ("offices", "(SELECT max (at) FROM audit_log WHERE entity = 'office'"
                  " AND entity_id = offices.id)", "(SELECT actor FROM audit_log WHERE entity = 'office'"
                  " AND entity_id = offices.id ORDER BY id DESC LIMIT 1)")
  RECORD_COLUMNS ("zones", "created_at", "NULL")
  RECORD_COLUMNS ("cases", "updated_at", "NULL")
  RECORD_COLUMNS ("case_people", "NULL", "NULL")
  RECORD_COLUMNS ("case_documents", "added_at", "NULL")
  RECORD_COLUMNS ("case_stages", "updated_at", "NULL")
  RECORD_COLUMNS ("case_events", "at", "actor")
  "CREATE TABLE tombstones (uuid TEXT PRIMARY KEY, entity TEXT NOT NULL,"
  "  deleted_at TEXT NOT NULL, deleted_by TEXT NOT NULL);"
  "CREATE TABLE case_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
  "INSERT INTO case_counters SELECT CAST (substr (number, 1, 4) AS INTEGER),"
  "  max (CAST (substr (number, 6) AS INTEGER)) FROM cases GROUP BY 1;"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('workspace_uuid', " PK_SQL_UUID ");",

  /* 5 → 6: the working group decides (PA-5, final approval): meetings with
   * their members and agenda, one decision per case and meeting (conditions
   * tracked on the case), what a case came to; an approved location is an
   * office linked to its case; offices keep their holder's national code and
   * a cancellation's date and kind (LT-8, LT-9) */
  "CREATE TABLE meetings (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE"
  "  CHECK (length (trim (number)) > 0),"
  "  date TEXT NOT NULL, members TEXT NOT NULL DEFAULT '[]', closed_at TEXT,"
  "  " PK_RECORD_COLUMNS_SQL ");"
  "CREATE TABLE meeting_cases (meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, stage TEXT NOT NULL CHECK (stage IN ('PA-5', 'final')),"
  "  PRIMARY KEY (meeting_id, case_id));"
  "CREATE TABLE decisions (id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id),"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL CHECK (stage IN ('PA-5', 'final')),"
  "  kind TEXT NOT NULL CHECK (kind IN ('approve', 'return', 'reject')),"
  "  reason TEXT, rules TEXT NOT NULL DEFAULT '[]', override_reason TEXT,"
  "  decided_at TEXT NOT NULL, office_id INTEGER,"
  "  " PK_RECORD_COLUMNS_SQL ", UNIQUE (meeting_id, case_id));"
  "CREATE INDEX decisions_case ON decisions (case_id);"
  "CREATE TABLE case_conditions (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL CHECK (length (trim (text)) > 0), due TEXT, met_at TEXT, met_by TEXT,"
  "  " PK_RECORD_COLUMNS_SQL ");"
  "CREATE INDEX case_conditions_case ON case_conditions (case_id);"
  "ALTER TABLE cases ADD COLUMN outcome TEXT"
  "  CHECK (outcome IS NULL OR outcome IN ('approved', 'rejected', 'withdrawn'));"
  "ALTER TABLE offices ADD COLUMN case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL;"
  "ALTER TABLE offices ADD COLUMN holder_code TEXT;"
  "ALTER TABLE offices ADD COLUMN cancelled_on TEXT;"
  "ALTER TABLE offices ADD COLUMN cancel_reason TEXT"
  "  CHECK (cancel_reason IS NULL OR cancel_reason IN ('violation', 'other'));"
  "CREATE INDEX offices_case ON offices (case_id);"
  "CREATE INDEX offices_holder ON offices (holder_code);",

  /* 6 → 7: site visits (S11) with the ST checklist and their photos; the
   * field bundles this workspace issued (their keys and what each held at
   * export), the changes merged from them and the conflicts left for a person */
  "CREATE TABLE visits (id INTEGER PRIMARY KEY,"
  "  case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL,"
  "  office_id INTEGER REFERENCES offices (id) ON DELETE SET NULL,"
  "  inspector TEXT NOT NULL CHECK (length (trim (inspector)) > 0),"
  "  date TEXT NOT NULL, checklist TEXT NOT NULL DEFAULT '{}', area_m2 REAL,"
  "  obs_lat REAL, obs_lon REAL,"
  "  outcome TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (outcome IN ('pending', 'compliant', 'not-compliant')),"
  "  reason TEXT, signed_by TEXT, outcome_at TEXT,"
  "  " PK_RECORD_COLUMNS_SQL ");"
  "CREATE INDEX visits_case ON visits (case_id);"
  "CREATE INDEX visits_inspector ON visits (inspector);"
  "CREATE TABLE visit_photos (id INTEGER PRIMARY KEY,"
  "  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,"
  "  file_name TEXT NOT NULL, mime_type TEXT NOT NULL, content BLOB NOT NULL,"
  "  content_sha256 TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL, original_size INTEGER NOT NULL, width INTEGER NOT NULL,"
  "  height INTEGER NOT NULL, taken_at TEXT, lat REAL, lon REAL, added_at TEXT NOT NULL,"
  "  conflict_id INTEGER,"
  "  " PK_RECORD_COLUMNS_SQL ");"
  "CREATE INDEX visit_photos_visit ON visit_photos (visit_id);"
  "CREATE TABLE bundle_keys (uuid TEXT PRIMARY KEY, inspector TEXT NOT NULL,"
  "  key TEXT NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL,"
  "  base TEXT NOT NULL DEFAULT '{}');"
  "CREATE TABLE bundle_merges (bundle_uuid TEXT NOT NULL, record_uuid TEXT NOT NULL,"
  "  revision INTEGER NOT NULL, our_revision INTEGER NOT NULL, merged_at TEXT NOT NULL,"
  "  PRIMARY KEY (bundle_uuid, record_uuid, revision));"
  "CREATE TABLE bundle_conflicts (id INTEGER PRIMARY KEY, bundle_uuid TEXT NOT NULL,"
  "  inspector TEXT NOT NULL, visit_uuid TEXT NOT NULL, revision INTEGER NOT NULL,"
  "  reason TEXT NOT NULL, ours TEXT, theirs TEXT NOT NULL, found_at TEXT NOT NULL,"
  "  resolved_at TEXT, resolved_by TEXT, resolution TEXT"
  "    CHECK (resolution IS NULL OR resolution IN ('ours', 'theirs')),"
  "  UNIQUE (bundle_uuid, visit_uuid, revision));",

  /* 7 → 8: a case's people found by their case (read each time a case
   * opens), and its places on meetings' agendas (its removal cascades) */
  "CREATE INDEX case_people_case ON case_people (case_id);"
  "CREATE INDEX meeting_cases_case ON meeting_cases (case_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PK_STORE_SCHEMA_VERSION);

/* Runs a script; a SpatiaLite management function that answers 0 has failed
 * without an SQLite error, so SELECT steps must return a true value. */
static gboolean
exec_script (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  const char *tail = sql;

  while (tail != NULL && *tail != '\0')
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *start = tail;
      int rc;

      if (sqlite3_prepare_v2 (db, start, -1, &stmt, &tail) != SQLITE_OK)
        return _pk_store_db_error (db, error, "Could not prepare the workspace schema");
      if (stmt == NULL)
        break;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER &&
          sqlite3_column_int (stmt, 0) == 0)
        {
          g_set_error (error, PK_STORE_ERROR, PK_STORE_ERROR_SQL,
                       "Spatial metadata step failed: %.*s", (int) (tail - start), start);
          return FALSE;
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _pk_store_db_error (db, error, "Could not create the workspace schema");
    }
  return TRUE;
}

/* Brings the schema of @db from @version to @version + 1 (inside the caller's transaction). */
gboolean
_pk_store_run_migration (sqlite3     *db,
                         int          version,
                         GError     **error)
{
  g_return_val_if_fail (version >= 0 && version < PK_STORE_SCHEMA_VERSION, FALSE);
  if (!exec_script (db, migrations[version], error))
    {
      g_prefix_error (error, "Migration to schema version %d: ", version + 1);
      return FALSE;
    }
  return TRUE;
}
