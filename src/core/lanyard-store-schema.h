/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Migrations, one per schema version, each applied in one transaction.
 * Never edit a released migration: add the next one. */
/* Migration 10's index, also dropped and made again around a bulk load
 * into an empty database (lanyard_store_defer_tally_index). */
#define LANYARD_ATTENDEE_TALLY_INDEX "CREATE INDEX attendee_tally ON attendee (status, role, profession)"
#define LANYARD_ATTENDEE_NAME_INDEX "CREATE INDEX attendee_name ON attendee (last_name COLLATE NOCASE, first_name COLLATE NOCASE)"
#define LANYARD_ATTENDEE_PRESENCE_INSERT_TRIGGER "CREATE TRIGGER attendee_presence_insert AFTER INSERT ON attendee" \
  "  BEGIN UPDATE presence_visit SET role = NEW.role WHERE attendee_id = NEW.id; END"
/* What a bulk load into an empty database set aside, made again, with the
 * trigger's work for the rows loaded done in one statement
 * (lanyard_store_defer_tally_index). */
#define LANYARD_ATTENDEE_BULK_RESTORE LANYARD_ATTENDEE_TALLY_INDEX "; " LANYARD_ATTENDEE_NAME_INDEX "; " \
  "UPDATE presence_visit SET role = a.role FROM attendee a WHERE a.id = presence_visit.attendee_id; " \
  LANYARD_ATTENDEE_PRESENCE_INSERT_TRIGGER

static const char * const lanyard_store_migrations[] = {
  /* 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE event ("
  "  id TEXT PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL, venue TEXT, city TEXT,"
  "  address TEXT, start_date TEXT, end_date TEXT, time_zone TEXT NOT NULL, provider TEXT NOT NULL,"
  "  provider_address TEXT, learning_format TEXT, accreditation_statement TEXT,"
  "  joint_accreditation_statement TEXT, ipce_statement TEXT,"
  "  missing_exit TEXT NOT NULL, min_minutes INTEGER NOT NULL, entry_window_minutes INTEGER NOT NULL,"
  "  repeat_seconds INTEGER NOT NULL, verify_last4 INTEGER NOT NULL, tap_to_print INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE TABLE credit_type ("
  "  code TEXT PRIMARY KEY, position INTEGER NOT NULL, label TEXT NOT NULL, unit TEXT, step REAL NOT NULL,"
  "  max_credits REAL NOT NULL, professions TEXT, evaluation_required INTEGER NOT NULL,"
  "  full_attendance_required INTEGER NOT NULL, designation_statement TEXT, uan TEXT, required_ids TEXT);"
  "CREATE TABLE session ("
  "  id TEXT PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL, room TEXT,"
  "  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, capacity INTEGER NOT NULL DEFAULT 0,"
  "  ticketed INTEGER NOT NULL DEFAULT 0, disclosure TEXT);"
  "CREATE INDEX session_room ON session (room, starts_at);"
  "CREATE TABLE session_credit ("
  "  session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE, credit_type TEXT NOT NULL,"
  "  amount REAL NOT NULL, PRIMARY KEY (session_id, credit_type));"
  "CREATE TABLE session_faculty ("
  "  session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE, position INTEGER NOT NULL,"
  "  name TEXT NOT NULL, ticket_code TEXT, PRIMARY KEY (session_id, position));"
  "CREATE TABLE attendee ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, ticket_code TEXT NOT NULL UNIQUE,"
  "  first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL, credentials TEXT NOT NULL DEFAULT '',"
  "  profession TEXT NOT NULL DEFAULT '', affiliation TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT 'attendee', status TEXT NOT NULL DEFAULT 'active',"
  "  npi TEXT NOT NULL DEFAULT '', abim_id TEXT NOT NULL DEFAULT '', nabp_eprofile TEXT NOT NULL DEFAULT '',"
  "  birth_mmdd TEXT NOT NULL DEFAULT '', license TEXT NOT NULL DEFAULT '',"
  "  badge_version INTEGER NOT NULL DEFAULT 1, revision INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
  LANYARD_ATTENDEE_NAME_INDEX ";"
  "CREATE TABLE session_registration ("
  "  attendee_id INTEGER NOT NULL REFERENCES attendee (id) ON DELETE CASCADE,"
  "  session_id TEXT NOT NULL REFERENCES session (id), PRIMARY KEY (attendee_id, session_id));"
  "CREATE VIRTUAL TABLE attendee_fts USING fts5 ("
  "  name, affiliation, email, code, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');"
  /* The scan log: append-only, so devices can later be merged by UUID. */
  "CREATE TABLE scan ("
  "  uuid TEXT PRIMARY KEY, device TEXT NOT NULL, at INTEGER NOT NULL, attendee_id INTEGER,"
  "  session_id TEXT, kind TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT);"
  "CREATE INDEX scan_attendee ON scan (attendee_id, kind, at);"
  "CREATE INDEX scan_session ON scan (session_id, attendee_id, at);"
  "CREATE TRIGGER scan_no_update BEFORE UPDATE ON scan"
  "  BEGIN SELECT RAISE (ABORT, 'the scan log is append-only'); END;"
  "CREATE TRIGGER scan_no_delete BEFORE DELETE ON scan"
  "  BEGIN SELECT RAISE (ABORT, 'the scan log is append-only'); END;"
  "CREATE TABLE attestation ("
  "  uuid TEXT PRIMARY KEY, attendee_id INTEGER NOT NULL REFERENCES attendee (id),"
  "  credit_type TEXT NOT NULL, credits REAL NOT NULL, at INTEGER NOT NULL);"
  "CREATE INDEX attestation_attendee ON attestation (attendee_id, credit_type, at);"
  "CREATE TABLE evaluation ("
  "  attendee_id INTEGER PRIMARY KEY REFERENCES attendee (id), completed_at INTEGER NOT NULL);"
  "CREATE TABLE print_job ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, attendee_id INTEGER REFERENCES attendee (id),"
  "  document TEXT NOT NULL, queue TEXT, pdf_path TEXT, cups_job_id INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL, error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
  "CREATE INDEX print_job_attendee ON print_job (attendee_id, created_at);"
  "CREATE TABLE audit ("
  "  uuid TEXT PRIMARY KEY, attendee_id INTEGER NOT NULL REFERENCES attendee (id), field TEXT NOT NULL,"
  "  old_value TEXT, new_value TEXT, at INTEGER NOT NULL, device TEXT, reason TEXT);"
  "CREATE INDEX audit_attendee ON audit (attendee_id, at);",
  /* 2: INSERT OR REPLACE deletes the old row without firing scan_no_delete
   * (delete triggers run on REPLACE only with recursive_triggers), so it
   * could rewrite a logged scan. A UUID that is there already is refused. */
  "CREATE TRIGGER scan_no_replace BEFORE INSERT ON scan"
  "  WHEN EXISTS (SELECT 1 FROM scan WHERE uuid = NEW.uuid)"
  "  BEGIN SELECT RAISE (ABORT, 'the scan log is append-only'); END;",
  /* 3: when a scan was written down beside the time it claims (paper
   * sheets typed in later); the event's rounding and press policies. */
  "ALTER TABLE scan ADD COLUMN recorded_at INTEGER;"
  "ALTER TABLE event ADD COLUMN rounding TEXT NOT NULL DEFAULT 'activity';"
  "ALTER TABLE event ADD COLUMN press_takes_seat INTEGER NOT NULL DEFAULT 1;",
  /* 4: hub sync (src/hub): what this device still has to push, and the
   * hub's notes of edits that lost a conflict. The triggers that fill the
   * outbox are made when the database joins a hub (lanyard-sync.c), so a
   * device that follows none pays nothing for them on every insert. */
  "CREATE TABLE sync_outbox (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, uuid TEXT NOT NULL);"
  "CREATE TABLE sync_conflict ("
  "  uuid TEXT PRIMARY KEY, ticket_code TEXT, field TEXT, lost TEXT, lost_device TEXT, won TEXT,"
  "  won_device TEXT, at INTEGER NOT NULL);",
  /* 5: print job: how it prints (template, paper, media, page, copies), kept
   * for every retry, and what the last try printed (a retry redraws). */
  "ALTER TABLE print_job ADD COLUMN template TEXT;"
  "ALTER TABLE print_job ADD COLUMN paper TEXT;"
  "ALTER TABLE print_job ADD COLUMN media TEXT;"
  "ALTER TABLE print_job ADD COLUMN width_pt REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE print_job ADD COLUMN height_pt REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE print_job ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE print_job ADD COLUMN sent_pdf_path TEXT;"
  "ALTER TABLE print_job ADD COLUMN badge_version INTEGER;"
  "ALTER TABLE print_job ADD COLUMN printed_name TEXT;",
  /* 6: the kiosk's last-four check: wrong tries per registration, kept
   * across visits and kiosks for some minutes (lanyard-last4.h) */
  "CREATE TABLE last4_failure ("
  "  attendee_id INTEGER NOT NULL REFERENCES attendee (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL, device TEXT);"
  "CREATE INDEX last4_failure_attendee ON last4_failure (attendee_id, at);",
  /* 7: claiming at the kiosk (issue 13): where a claim was made and the
   * learner's permission to report it to boards; evaluations that travel
   * (uuid, device) with their answers; the event's ACCME activity ID, each
   * credit type's own attestation wording and the evaluation's questions. */
  "ALTER TABLE attestation ADD COLUMN device TEXT;"
  "ALTER TABLE attestation ADD COLUMN permission_to_report INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE evaluation ADD COLUMN uuid TEXT;"
  "ALTER TABLE evaluation ADD COLUMN device TEXT;"
  "CREATE TABLE evaluation_answer ("
  "  uuid TEXT PRIMARY KEY, attendee_id INTEGER NOT NULL REFERENCES attendee (id), session_id TEXT,"
  "  question TEXT NOT NULL, score INTEGER, choice TEXT, text TEXT, at INTEGER NOT NULL, device TEXT);"
  "CREATE INDEX evaluation_answer_question ON evaluation_answer (question, session_id);"
  "ALTER TABLE event ADD COLUMN activity_id TEXT;"
  "ALTER TABLE credit_type ADD COLUMN attestation TEXT;"
  "ALTER TABLE credit_type ADD COLUMN permission_to_report INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE evaluation_question ("
  "  id TEXT PRIMARY KEY, position INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, choices TEXT,"
  "  per_session INTEGER NOT NULL DEFAULT 0, required INTEGER NOT NULL DEFAULT 0);",
  /* 8: scale (issue 14): the scan log at the largest meeting's size (4 M rows).
   * scan_device: a device's last scan for the clock check on every write
   * (was a full scan of the log). scan_timeline: one learner's timeline read
   * from the index alone (export, credits). scan_arrival, scan_admission and
   * session_tally: who has arrived and how many came into each session, kept
   * by triggers as scans are written, so `stats` does not read the log.
   * Upgrading a database that already holds millions of scans builds these
   * at once: about a second per million scans. */
  "CREATE INDEX scan_device ON scan (device, recorded_at);"
  "CREATE INDEX scan_timeline ON scan (attendee_id, at, kind, outcome, session_id, recorded_at);"
  "CREATE TABLE scan_arrival (attendee_id INTEGER PRIMARY KEY);"
  "CREATE TABLE scan_admission ("
  "  session_id TEXT NOT NULL, attendee_id INTEGER NOT NULL, PRIMARY KEY (session_id, attendee_id)) WITHOUT ROWID;"
  "CREATE TABLE session_tally (session_id TEXT PRIMARY KEY, admitted INTEGER NOT NULL) WITHOUT ROWID;"
  "INSERT OR IGNORE INTO scan_arrival SELECT IFNULL (attendee_id, 0) FROM scan"
  "  WHERE kind = 'check_in' AND outcome = 'checked_in';"
  "INSERT OR IGNORE INTO scan_admission SELECT session_id, IFNULL (attendee_id, 0) FROM scan"
  "  WHERE kind = 'session_entry' AND outcome = 'entered' AND session_id IS NOT NULL;"
  "INSERT INTO session_tally SELECT session_id, count(*) FROM scan_admission GROUP BY session_id;"
  "CREATE TRIGGER scan_tally_arrival AFTER INSERT ON scan"
  "  WHEN NEW.kind = 'check_in' AND NEW.outcome = 'checked_in'"
  "  BEGIN INSERT OR IGNORE INTO scan_arrival VALUES (IFNULL (NEW.attendee_id, 0)); END;"
  "CREATE TRIGGER scan_tally_admission AFTER INSERT ON scan"
  "  WHEN NEW.kind = 'session_entry' AND NEW.outcome = 'entered' AND NEW.session_id IS NOT NULL"
  "  BEGIN INSERT OR IGNORE INTO scan_admission VALUES (NEW.session_id, IFNULL (NEW.attendee_id, 0)); END;"
  "CREATE TRIGGER scan_admission_tally AFTER INSERT ON scan_admission BEGIN"
  "  INSERT OR IGNORE INTO session_tally VALUES (NEW.session_id, 0);"
  "  UPDATE session_tally SET admitted = admitted + 1 WHERE session_id = NEW.session_id; END;",
  /* 9 (reports, issue 13): what ACCME PARS needs of a learner beside the
   * ids already kept (licence "TX 123456", NPI, board ID in abim_id): the
   * certifying board's name and the learner's permission to report to
   * boards, as the registration system collected it.
   * (In parentheses: clang takes two string literals joined in an array
   * of them for a missing comma.) */
  ("ALTER TABLE attendee ADD COLUMN board TEXT NOT NULL DEFAULT '';"
   "ALTER TABLE attendee ADD COLUMN permission_to_report INTEGER NOT NULL DEFAULT 0;"),
  /* 10 (scale, issue 14): `stats` and the desk's status counts without reading
   * every registration (100,000 wide rows): registered and cancelled, and
   * the arrivals by role and profession, from this index alone. */
  LANYARD_ATTENDEE_TALLY_INDEX ";",
  /* 11 (names, issue 24): the name in Latin script beside one written in
   * another (山田 太郎: Taro Yamada), for people typing on a Latin
   * keyboard; the search index carries it with the name. */
  ("ALTER TABLE attendee ADD COLUMN first_name_latin TEXT NOT NULL DEFAULT '';"
   "ALTER TABLE attendee ADD COLUMN last_name_latin TEXT NOT NULL DEFAULT '';"),
  /* 12 (hub sync, issue 12): other devices' print jobs as the hub brings
   * them, each at its latest state, for the desk's record ("printed at
   * kiosk-3"); apart from print_job, which this device's printing owns. */
  "CREATE TABLE sync_print_job ("
  "  uuid TEXT PRIMARY KEY, device TEXT NOT NULL, attendee_id INTEGER REFERENCES attendee (id),"
  "  document TEXT NOT NULL, state TEXT NOT NULL, error TEXT, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX sync_print_job_attendee ON sync_print_job (attendee_id, updated_at);",
  /* 13 (scale, issue 14): who is inside a session without walking its
   * entrants (the door's count before each scan, the desk's during a slot).
   * A visit is a counting entry (entered, already inside) of a known
   * learner into a session, from its time until the first of: their next
   * entry anywhere (by time, then the order recorded) or a counting exit
   * (exited, not inside) from that session after it. Inside a session at
   * T: a visit into it with entered_at <= T < left_at (left_at NULL: not
   * left), the same as the latest entry up to T into it with no exit from
   * it after that, at any T, so a scan that arrives late (synced from
   * another device, with an earlier time) changes only the visit it falls
   * in. Of entries at one time only the one recorded last is kept (the
   * ones before it lasted no time). The log is append-only (no update, no
   * delete, a uuid never twice), so inserts are all the triggers see.
   * Each visit carries its learner's role (NULL: no such registration), kept
   * by triggers on attendee, so counting the seats joins no registration.
   * Upgrading a database of millions of scans builds them at once. */
  "CREATE TABLE presence_visit ("
  "  attendee_id INTEGER NOT NULL, entered_at INTEGER NOT NULL, session_id TEXT NOT NULL, left_at INTEGER, role TEXT,"
  "  PRIMARY KEY (attendee_id, entered_at)) WITHOUT ROWID;"
  "CREATE INDEX presence_visit_session ON presence_visit (session_id, entered_at, left_at, role);"
  "INSERT INTO presence_visit SELECT attendee_id, at, session_id,"
  "  (SELECT min (t) FROM (SELECT next_at AS t UNION ALL SELECT x.at FROM scan x INDEXED BY scan_timeline"
  "    WHERE x.attendee_id = e.attendee_id AND x.at >= e.at AND x.kind = 'session_exit'"
  "    AND x.outcome IN ('exited', 'not_inside') AND x.session_id = e.session_id"
  "    AND (x.at > e.at OR x.rowid > e.rid))), (SELECT role FROM attendee a WHERE a.id = e.attendee_id)"
  "  FROM (SELECT attendee_id, at, session_id, rowid AS rid,"
  "    lead (at) OVER (PARTITION BY attendee_id ORDER BY at, rowid) AS next_at FROM scan"
  "    WHERE kind = 'session_entry' AND outcome IN ('entered', 'already_inside')"
  "    AND session_id IS NOT NULL AND attendee_id IS NOT NULL) e"
  "  WHERE next_at IS NULL OR next_at > at;"
  "CREATE TRIGGER scan_presence_entry AFTER INSERT ON scan"
  "  WHEN NEW.kind = 'session_entry' AND NEW.outcome IN ('entered', 'already_inside')"
  "  AND NEW.session_id IS NOT NULL AND NEW.attendee_id IS NOT NULL BEGIN"
  "  DELETE FROM presence_visit WHERE attendee_id = NEW.attendee_id AND entered_at = NEW.at;"
  "  UPDATE presence_visit SET left_at = NEW.at WHERE attendee_id = NEW.attendee_id AND entered_at < NEW.at"
  "    AND (left_at IS NULL OR left_at > NEW.at);"
  "  INSERT INTO presence_visit VALUES (NEW.attendee_id, NEW.at, NEW.session_id,"
  "    (SELECT min (t) FROM (SELECT min (entered_at) AS t FROM presence_visit"
  "      WHERE attendee_id = NEW.attendee_id AND entered_at > NEW.at"
  "      UNION ALL SELECT x.at FROM scan x INDEXED BY scan_timeline"
  "      WHERE x.attendee_id = NEW.attendee_id AND x.at > NEW.at AND x.kind = 'session_exit'"
  "      AND x.outcome IN ('exited', 'not_inside') AND x.session_id = NEW.session_id)),"
  "    (SELECT role FROM attendee WHERE id = NEW.attendee_id)); END;"
  "CREATE TRIGGER scan_presence_exit AFTER INSERT ON scan"
  "  WHEN NEW.kind = 'session_exit' AND NEW.outcome IN ('exited', 'not_inside')"
  "  AND NEW.session_id IS NOT NULL AND NEW.attendee_id IS NOT NULL BEGIN"
  "  UPDATE presence_visit SET left_at = NEW.at WHERE attendee_id = NEW.attendee_id AND entered_at <= NEW.at"
  "    AND session_id = NEW.session_id AND (left_at IS NULL OR left_at > NEW.at); END;"
  LANYARD_ATTENDEE_PRESENCE_INSERT_TRIGGER ";"
  "CREATE TRIGGER attendee_presence_role AFTER UPDATE OF role ON attendee"
  "  BEGIN UPDATE presence_visit SET role = NEW.role WHERE attendee_id = NEW.id; END;"
  "CREATE TRIGGER attendee_presence_delete AFTER DELETE ON attendee"
  "  BEGIN UPDATE presence_visit SET role = NULL WHERE attendee_id = OLD.id; END;",
};
