/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub's PostgreSQL schema, one migration per version, each applied in
 * one transaction by `lanyardctl hub init`; hub_meta.schema_version says
 * which were. Never edit a released migration: add the next one.
 *
 * Positions. Every row a device can pull (the event, a registration, a
 * device's row) carries `pos`, taken from one sequence (the column's
 * default on insert, a row trigger on update) in a statement that first
 * took a transaction-level advisory lock (a BEFORE … FOR EACH STATEMENT
 * trigger, so a row costs no PL/pgSQL). The lock is held to commit, so a
 * transaction can only take a position after every transaction that took
 * an earlier one has committed or rolled back:
 * positions become visible in order, and a device that has read up to
 * position P never later finds a committed row below P. (A bare sequence
 * would not do: two pushes commit in either order, and a device pulling
 * between the two commits would skip the lower position forever.) The cost
 * is that writers to the hub queue behind each other; pushes are one
 * statement each.
 *
 * Rules applied at the hub, as rows arrive (hub_apply):
 * - a device's new registration (a walk-in) is added unless its ticket
 *   code is there already;
 * - an audited edit of a field sets it: the later at the hub wins. When the
 *   edit did not start from the value it overwrites (old_value differs) and
 *   that value came from another device's edit, that edit lost: a
 *   `conflict` row names it, and flows down to every device;
 * - a badge version only grows: the highest wins;
 * - status (cancel, restore) is a field like any other; scans are never
 *   dropped, whatever the status.
 */
#pragma once

#define LANYARD_HUB_ADVISORY_LOCK "7236818"
#define LANYARD_HUB_CHANNEL "lanyard_hub"

static const char * const lanyard_hub_migrations[] = {
  /* 1 */
  "CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);"
  "CREATE SEQUENCE hub_position;"
  "CREATE FUNCTION hub_lock_positions () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = public AS $$"
  "BEGIN"
  "  PERFORM pg_advisory_xact_lock (" LANYARD_HUB_ADVISORY_LOCK ");"
  "  RETURN NULL;"
  "END $$;"
  "CREATE FUNCTION hub_new_position () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = public AS $$"
  "BEGIN"
  "  NEW.pos := nextval ('hub_position');"
  "  RETURN NEW;"
  "END $$;"
  "CREATE FUNCTION hub_notify () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  PERFORM pg_notify ('" LANYARD_HUB_CHANNEL "', '');"
  "  RETURN NULL;"
  "END $$;"
  "CREATE TABLE hub_event ("
  "  id int PRIMARY KEY CHECK (id = 1), document text NOT NULL, public_key text NOT NULL,"
  "  pin_hash text, pos bigint NOT NULL DEFAULT nextval ('hub_position'));"
  "CREATE TABLE device ("
  "  name text PRIMARY KEY, role text NOT NULL CHECK (role IN ('kiosk', 'desk', 'door')),"
  "  login text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now (), removed_at timestamptz,"
  "  last_seen timestamptz, clock_offset_us bigint, rows_waiting int, version text);"
  "CREATE TABLE registration ("
  "  ticket_code text PRIMARY KEY, uuid text NOT NULL, first_name text NOT NULL DEFAULT '',"
  "  last_name text NOT NULL DEFAULT '', credentials text NOT NULL DEFAULT '',"
  "  profession text NOT NULL DEFAULT '', affiliation text NOT NULL DEFAULT '',"
  "  role text NOT NULL DEFAULT 'attendee', status text NOT NULL DEFAULT 'active',"
  "  badge_version int NOT NULL DEFAULT 1, sessions text[] NOT NULL DEFAULT '{}',"
  "  email text NOT NULL DEFAULT '', npi text NOT NULL DEFAULT '', abim_id text NOT NULL DEFAULT '',"
  "  nabp_eprofile text NOT NULL DEFAULT '', birth_mmdd text NOT NULL DEFAULT '',"
  "  license text NOT NULL DEFAULT '', field_source jsonb NOT NULL DEFAULT '{}',"
  "  updated_at timestamptz NOT NULL DEFAULT now (), pos bigint NOT NULL DEFAULT nextval ('hub_position'));"
  "CREATE UNIQUE INDEX registration_pos ON registration (pos);"
  /* Every device's rows, append-only: scans, audit, attestations, print
   * jobs, walk-ins; and the hub's conflict notes. `sensitive` holds what a
   * door may not read (e-mail, licence, NPI, … in audit rows and walk-ins). */
  "CREATE TABLE device_row ("
  "  uuid text PRIMARY KEY, device text NOT NULL, kind text NOT NULL, ticket_code text,"
  "  device_at bigint NOT NULL, received_at timestamptz NOT NULL DEFAULT clock_timestamp (),"
  "  payload jsonb NOT NULL, sensitive jsonb, pos bigint NOT NULL DEFAULT nextval ('hub_position'));"
  "CREATE UNIQUE INDEX device_row_pos ON device_row (pos);"
  "CREATE INDEX device_row_ticket ON device_row (ticket_code, device_at);"
  "CREATE TRIGGER hub_event_lock BEFORE INSERT OR UPDATE ON hub_event"
  "  FOR EACH STATEMENT EXECUTE FUNCTION hub_lock_positions ();"
  "CREATE TRIGGER registration_lock BEFORE INSERT OR UPDATE ON registration"
  "  FOR EACH STATEMENT EXECUTE FUNCTION hub_lock_positions ();"
  "CREATE TRIGGER device_row_lock BEFORE INSERT ON device_row"
  "  FOR EACH STATEMENT EXECUTE FUNCTION hub_lock_positions ();"
  "CREATE TRIGGER hub_event_pos BEFORE UPDATE ON hub_event"
  "  FOR EACH ROW EXECUTE FUNCTION hub_new_position ();"
  "CREATE TRIGGER registration_pos BEFORE UPDATE ON registration"
  "  FOR EACH ROW EXECUTE FUNCTION hub_new_position ();"
  "CREATE FUNCTION hub_no_change () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  RAISE EXCEPTION 'device rows are append-only';"
  "END $$;"
  "CREATE TRIGGER device_row_append_only BEFORE UPDATE OR DELETE ON device_row"
  "  FOR EACH ROW EXECUTE FUNCTION hub_no_change ();"
  "CREATE TRIGGER hub_event_notify AFTER INSERT OR UPDATE ON hub_event"
  "  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify ();"
  "CREATE TRIGGER registration_notify AFTER INSERT OR UPDATE ON registration"
  "  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify ();"
  "CREATE TRIGGER device_row_notify AFTER INSERT ON device_row"
  "  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify ();"
  /* The device a login belongs to; NULL for a removed one. */
  "CREATE FUNCTION hub_current_device () RETURNS text LANGUAGE sql STABLE SECURITY DEFINER"
  "  SET search_path = public AS $$"
  "  SELECT name FROM device WHERE login = session_user AND removed_at IS NULL"
  "$$;"
  /* A device's contact: its clock against the hub's, what it still holds. */
  "CREATE FUNCTION hub_device_seen (device_now_us bigint, waiting int, device_version text)"
  "  RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$"
  "  UPDATE device SET last_seen = clock_timestamp (),"
  "    clock_offset_us = device_now_us - (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint,"
  "    rows_waiting = waiting, version = device_version"
  "  WHERE login = session_user AND removed_at IS NULL;"
  "  SELECT (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint"
  "$$;"
  "ALTER TABLE device_row ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY device_row_read ON device_row FOR SELECT USING (true);"
  "CREATE POLICY device_row_own ON device_row FOR INSERT WITH CHECK (device = hub_current_device ());"
  "CREATE FUNCTION hub_apply () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = public AS $$"
  "DECLARE"
  "  field text := NEW.payload->>'field';"
  "  new_value text := coalesce (NEW.sensitive->>'new_value', NEW.payload->>'new_value');"
  "  old_value text := coalesce (NEW.sensitive->>'old_value', NEW.payload->>'old_value');"
  "  reg registration;"
  "  current_value text;"
  "  source text;"
  "  source_device text;"
  "BEGIN"
  "  IF NEW.kind = 'attendee' THEN"
  "    INSERT INTO registration (ticket_code, uuid, first_name, last_name, credentials, profession,"
  "      affiliation, role, status, badge_version, sessions, email, npi, abim_id, nabp_eprofile,"
  "      birth_mmdd, license)"
  "    VALUES (NEW.ticket_code, NEW.payload->>'uuid', coalesce (NEW.payload->>'first_name', ''),"
  "      coalesce (NEW.payload->>'last_name', ''), coalesce (NEW.payload->>'credentials', ''),"
  "      coalesce (NEW.payload->>'profession', ''), coalesce (NEW.payload->>'affiliation', ''),"
  "      coalesce (NEW.payload->>'role', 'attendee'), coalesce (NEW.payload->>'status', 'active'),"
  "      coalesce ((NEW.payload->>'badge_version')::int, 1),"
  "      ARRAY (SELECT jsonb_array_elements_text (coalesce (NEW.payload->'sessions', '[]'))),"
  "      coalesce (NEW.sensitive->>'email', ''), coalesce (NEW.sensitive->>'npi', ''),"
  "      coalesce (NEW.sensitive->>'abim_id', ''), coalesce (NEW.sensitive->>'nabp_eprofile', ''),"
  "      coalesce (NEW.sensitive->>'birth_mmdd', ''), coalesce (NEW.sensitive->>'license', ''))"
  "    ON CONFLICT (ticket_code) DO NOTHING;"
  "  ELSIF NEW.kind = 'audit' AND NEW.ticket_code IS NOT NULL THEN"
  "    IF field = 'badge_version' THEN"
  "      UPDATE registration SET badge_version = new_value::int, updated_at = now ()"
  "        WHERE ticket_code = NEW.ticket_code AND badge_version < new_value::int;"
  "    ELSIF field IN ('first_name', 'last_name', 'credentials', 'profession', 'affiliation', 'role',"
  "                    'status', 'email', 'npi', 'abim_id', 'nabp_eprofile', 'birth_mmdd', 'license') THEN"
  "      SELECT * INTO reg FROM registration WHERE ticket_code = NEW.ticket_code FOR UPDATE;"
  "      IF NOT FOUND THEN"
  "        RETURN NULL;"
  "      END IF;"
  "      EXECUTE format ('SELECT ($1).%I', field) INTO current_value USING reg;"
  "      source := reg.field_source->>field;"
  "      IF source IS NOT NULL AND current_value IS DISTINCT FROM old_value THEN"
  "        SELECT device INTO source_device FROM device_row WHERE uuid = source;"
  "        IF source_device IS DISTINCT FROM NEW.device THEN"
  "          INSERT INTO device_row (uuid, device, kind, ticket_code, device_at, payload)"
  "          VALUES ('conflict:' || source, 'hub', 'conflict', NEW.ticket_code,"
  "            (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint,"
  "            jsonb_build_object ('field', field, 'lost', source, 'lost_device', source_device,"
  "                                'won', NEW.uuid, 'won_device', NEW.device))"
  "          ON CONFLICT DO NOTHING;"
  "        END IF;"
  "      END IF;"
  "      EXECUTE format ('UPDATE registration SET %I = $1, updated_at = now (),"
  "                       field_source = field_source || jsonb_build_object (%L, $2::text)"
  "                       WHERE ticket_code = $3', field, field)"
  "        USING new_value, NEW.uuid, NEW.ticket_code;"
  "    END IF;"
  "  END IF;"
  "  RETURN NULL;"
  "END $$;"
  "CREATE TRIGGER device_row_apply AFTER INSERT ON device_row"
  "  FOR EACH ROW WHEN (NEW.kind IN ('attendee', 'audit')) EXECUTE FUNCTION hub_apply ();",
  /* 2: the certifying board's name and the learner's permission to report
   * to boards (the device's migration 9, read by the PARS report), and the
   * name in Latin letters beside one in another script (the device's
   * migration 11, for the kiosk's search): kept with the registration,
   * brought by imports, walk-ins and edits. Not granted to doors. An edit
   * of the permission comes as "yes"/"no", stored as a boolean. */
  "ALTER TABLE registration ADD COLUMN board text NOT NULL DEFAULT '',"
  "  ADD COLUMN permission_to_report boolean NOT NULL DEFAULT false,"
  "  ADD COLUMN first_name_latin text NOT NULL DEFAULT '',"
  "  ADD COLUMN last_name_latin text NOT NULL DEFAULT '';"
  "CREATE OR REPLACE FUNCTION hub_apply () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = public AS $$"
  "DECLARE"
  "  field text := NEW.payload->>'field';"
  "  new_value text := coalesce (NEW.sensitive->>'new_value', NEW.payload->>'new_value');"
  "  old_value text := coalesce (NEW.sensitive->>'old_value', NEW.payload->>'old_value');"
  "  reg registration;"
  "  current_value text;"
  "  source text;"
  "  source_device text;"
  "BEGIN"
  "  IF NEW.kind = 'attendee' THEN"
  "    INSERT INTO registration (ticket_code, uuid, first_name, last_name, credentials, profession,"
  "      affiliation, role, status, badge_version, sessions, email, npi, abim_id, nabp_eprofile,"
  "      birth_mmdd, license, board, permission_to_report, first_name_latin, last_name_latin)"
  "    VALUES (NEW.ticket_code, NEW.payload->>'uuid', coalesce (NEW.payload->>'first_name', ''),"
  "      coalesce (NEW.payload->>'last_name', ''), coalesce (NEW.payload->>'credentials', ''),"
  "      coalesce (NEW.payload->>'profession', ''), coalesce (NEW.payload->>'affiliation', ''),"
  "      coalesce (NEW.payload->>'role', 'attendee'), coalesce (NEW.payload->>'status', 'active'),"
  "      coalesce ((NEW.payload->>'badge_version')::int, 1),"
  "      ARRAY (SELECT jsonb_array_elements_text (coalesce (NEW.payload->'sessions', '[]'))),"
  "      coalesce (NEW.sensitive->>'email', ''), coalesce (NEW.sensitive->>'npi', ''),"
  "      coalesce (NEW.sensitive->>'abim_id', ''), coalesce (NEW.sensitive->>'nabp_eprofile', ''),"
  "      coalesce (NEW.sensitive->>'birth_mmdd', ''), coalesce (NEW.sensitive->>'license', ''),"
  "      coalesce (NEW.payload->>'board', ''), coalesce ((NEW.payload->>'permission_to_report')::int, 0) <> 0,"
  "      coalesce (NEW.payload->>'first_name_latin', ''), coalesce (NEW.payload->>'last_name_latin', ''))"
  "    ON CONFLICT (ticket_code) DO NOTHING;"
  "  ELSIF NEW.kind = 'audit' AND NEW.ticket_code IS NOT NULL THEN"
  "    IF field = 'badge_version' THEN"
  "      UPDATE registration SET badge_version = new_value::int, updated_at = now ()"
  "        WHERE ticket_code = NEW.ticket_code AND badge_version < new_value::int;"
  "    ELSIF field IN ('first_name', 'last_name', 'credentials', 'profession', 'affiliation', 'role',"
  "                    'status', 'email', 'npi', 'abim_id', 'nabp_eprofile', 'birth_mmdd', 'license',"
  "                    'board', 'permission_to_report', 'first_name_latin', 'last_name_latin') THEN"
  "      IF field = 'permission_to_report' THEN"
  "        old_value := CASE old_value WHEN 'yes' THEN 'true' WHEN 'no' THEN 'false' ELSE old_value END;"
  "        new_value := CASE new_value WHEN 'yes' THEN 'true' WHEN 'no' THEN 'false' END;"
  "        IF new_value IS NULL THEN"
  "          RETURN NULL;"
  "        END IF;"
  "      END IF;"
  "      SELECT * INTO reg FROM registration WHERE ticket_code = NEW.ticket_code FOR UPDATE;"
  "      IF NOT FOUND THEN"
  "        RETURN NULL;"
  "      END IF;"
  "      EXECUTE format ('SELECT ($1).%I', field) INTO current_value USING reg;"
  "      source := reg.field_source->>field;"
  "      IF source IS NOT NULL AND current_value IS DISTINCT FROM old_value THEN"
  "        SELECT device INTO source_device FROM device_row WHERE uuid = source;"
  "        IF source_device IS DISTINCT FROM NEW.device THEN"
  "          INSERT INTO device_row (uuid, device, kind, ticket_code, device_at, payload)"
  "          VALUES ('conflict:' || source, 'hub', 'conflict', NEW.ticket_code,"
  "            (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint,"
  "            jsonb_build_object ('field', field, 'lost', source, 'lost_device', source_device,"
  "                                'won', NEW.uuid, 'won_device', NEW.device))"
  "          ON CONFLICT DO NOTHING;"
  "        END IF;"
  "      END IF;"
  "      EXECUTE format ('UPDATE registration SET %I = $1::%s, updated_at = now (),"
  "                       field_source = field_source || jsonb_build_object (%L, $2::text)"
  "                       WHERE ticket_code = $3', field,"
  "                      CASE field WHEN 'permission_to_report' THEN 'boolean' ELSE 'text' END, field)"
  "        USING new_value, NEW.uuid, NEW.ticket_code;"
  "    END IF;"
  "  END IF;"
  "  RETURN NULL;"
  "END $$;",
  /* 3: a learner's evaluation words that devices before version 2 pushed
   * inside the payload, which a door's login may read, moved to
   * `sensitive` as they now arrive. Device rows are append-only: the guard
   * is lifted for this one statement, inside the migration's transaction. */
  "ALTER TABLE device_row DISABLE TRIGGER device_row_append_only;"
  "UPDATE device_row SET sensitive = coalesce (sensitive, '{}'::jsonb) || jsonb_build_object ('text', payload->'text'),"
  "  payload = payload - 'text'"
  "  WHERE kind = 'evaluation_answer' AND payload ? 'text';"
  "ALTER TABLE device_row ENABLE TRIGGER device_row_append_only;",
};

#define LANYARD_HUB_SCHEMA_VERSION ((int) G_N_ELEMENTS (lanyard_hub_migrations))
