/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event, its credit types and sessions in the store.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-error.h"
#include "lanyard-store-private.h"

#define DOORS_REQUIRE_CHECK_IN "policy.doors_require_check_in"
#define EVENT_LANGUAGE "event.language"

#define STEP_OR_FAIL(stmt) \
  if (sqlite3_step (stmt) != SQLITE_DONE) \
    goto fail

static char *
join_strv (GStrv v)
{
  return v ? g_strjoinv (";", v) : NULL;
}

static GStrv
split_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return g_strsplit (text, ";", -1);
}

static gboolean
session_has_scans (LanyardStore *self,
                   const char   *session_id)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT 1 FROM scan WHERE session_id = ? LIMIT 1", NULL);

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static guint
session_registrations (LanyardStore *self,
                       const char   *session_id)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT count(*) FROM session_registration WHERE session_id = ?", NULL);

  if (stmt == NULL)
    return G_MAXUINT;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : G_MAXUINT;
}

gboolean
lanyard_store_save_event (LanyardStore        *self,
                          const LanyardEvent  *event,
                          GError             **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) old_ids = g_ptr_array_new_with_free_func (g_free);
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (LANYARD_IS_STORE (self), FALSE);

  if (!lanyard_store_begin (self, error))
    return FALSE;

  stmt = lanyard_store_prepare (self, "SELECT id FROM event WHERE id != ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, event->id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
                   _("This database holds the event “%s”; use a new database for “%s”."),
                   sqlite3_column_text (stmt, 0), event->id);
      lanyard_store_rollback (self);
      return FALSE;
    }

  stmt = lanyard_store_prepare (self,
      "INSERT INTO event (id, uuid, title, venue, city, address, start_date, end_date, time_zone, provider,"
      " provider_address, learning_format, accreditation_statement, joint_accreditation_statement,"
      " ipce_statement, missing_exit, min_minutes, entry_window_minutes, repeat_seconds, verify_last4,"
      " tap_to_print, updated_at, rounding, press_takes_seat) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
      " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
      " ON CONFLICT (id) DO UPDATE SET title = ?3, venue = ?4, city = ?5, address = ?6, start_date = ?7,"
      " end_date = ?8, time_zone = ?9, provider = ?10, provider_address = ?11, learning_format = ?12,"
      " accreditation_statement = ?13, joint_accreditation_statement = ?14, ipce_statement = ?15,"
      " missing_exit = ?16, min_minutes = ?17, entry_window_minutes = ?18, repeat_seconds = ?19,"
      " verify_last4 = ?20, tap_to_print = ?21, updated_at = ?22, rounding = ?23, press_takes_seat = ?24", error);
  if (stmt == NULL)
    goto fail;
  {
    g_autofree char *uuid = event->uuid ? g_strdup (event->uuid) : g_uuid_string_random ();
    const char *texts[] = {
      event->id, uuid, event->title, event->venue, event->city, event->address, event->start_date,
      event->end_date, event->time_zone, event->provider, event->provider_address, event->learning_format,
      event->accreditation_statement, event->joint_accreditation_statement, event->ipce_statement,
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      lanyard_bind_text (stmt, i + 1, texts[i]);
    sqlite3_bind_text (stmt, 16, event->policy.missing_exit == LANYARD_MISSING_EXIT_NO_CREDIT
                                 ? "no_credit" : "count_to_end", -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 17, event->policy.min_minutes);
    sqlite3_bind_int (stmt, 18, event->policy.entry_window_minutes);
    sqlite3_bind_int (stmt, 19, event->policy.repeat_seconds);
    sqlite3_bind_int (stmt, 20, event->policy.verify_last4);
    sqlite3_bind_int (stmt, 21, event->policy.tap_to_print);
    sqlite3_bind_int64 (stmt, 22, now);
    sqlite3_bind_text (stmt, 23, event->policy.rounding == LANYARD_ROUNDING_PER_SESSION
                                 ? "per_session" : "activity", -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 24, event->policy.press_takes_seat);
    STEP_OR_FAIL (stmt);
  }
  /* In meta, so that a database saved before this policy reads it as on. */
  if (!lanyard_store_set_meta (self, DOORS_REQUIRE_CHECK_IN,
                               event->policy.doors_require_check_in ? "true" : "false", error)
      || !lanyard_store_set_meta (self, EVENT_LANGUAGE, event->language != NULL ? event->language : "", error))
    goto fail;

  stmt = lanyard_store_prepare (self, "DELETE FROM credit_type", error);
  if (stmt == NULL)
    goto fail;
  STEP_OR_FAIL (stmt);
  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *t = g_ptr_array_index (event->credit_types, i);
      g_autofree char *professions = join_strv (t->professions);
      g_autofree char *required = join_strv (t->required_ids);

      stmt = lanyard_store_prepare (self,
          "INSERT INTO credit_type (code, position, label, unit, step, max_credits, professions,"
          " evaluation_required, full_attendance_required, designation_statement, uan, required_ids,"
          " attestation, permission_to_report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      lanyard_bind_text (stmt, 1, t->code);
      sqlite3_bind_int (stmt, 2, i);
      lanyard_bind_text (stmt, 3, t->label ? t->label : t->code);
      lanyard_bind_text (stmt, 4, t->unit);
      sqlite3_bind_double (stmt, 5, t->step);
      sqlite3_bind_double (stmt, 6, t->max_credits);
      lanyard_bind_text (stmt, 7, professions);
      sqlite3_bind_int (stmt, 8, t->evaluation_required);
      sqlite3_bind_int (stmt, 9, t->full_attendance_required);
      lanyard_bind_text (stmt, 10, t->designation_statement);
      lanyard_bind_text (stmt, 11, t->uan);
      lanyard_bind_text (stmt, 12, required);
      lanyard_bind_text (stmt, 13, t->attestation);
      sqlite3_bind_int (stmt, 14, t->permission_to_report);
      STEP_OR_FAIL (stmt);
    }

  stmt = lanyard_store_prepare (self, "UPDATE event SET activity_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  lanyard_bind_text (stmt, 1, event->activity_id);
  lanyard_bind_text (stmt, 2, event->id);
  STEP_OR_FAIL (stmt);

  stmt = lanyard_store_prepare (self, "DELETE FROM evaluation_question", error);
  if (stmt == NULL)
    goto fail;
  STEP_OR_FAIL (stmt);
  for (guint i = 0; i < event->questions->len; i++)
    {
      const LanyardQuestion *q = g_ptr_array_index (event->questions, i);
      /* one choice a line: a choice may hold a ';' */
      g_autofree char *choices = q->choices ? g_strjoinv ("\n", q->choices) : NULL;

      stmt = lanyard_store_prepare (self,
          "INSERT INTO evaluation_question (id, position, text, kind, choices, per_session, required)"
          " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      lanyard_bind_text (stmt, 1, q->id);
      sqlite3_bind_int (stmt, 2, i);
      lanyard_bind_text (stmt, 3, q->text);
      lanyard_bind_text (stmt, 4, lanyard_question_kind_to_string (q->kind));
      lanyard_bind_text (stmt, 5, choices);
      sqlite3_bind_int (stmt, 6, q->per_session);
      sqlite3_bind_int (stmt, 7, q->required);
      STEP_OR_FAIL (stmt);
    }

  /* Sessions gone from the file: fine unless someone was scanned there
   * or is registered for it (a ticket bought for a workshop). */
  stmt = lanyard_store_prepare (self, "SELECT id FROM session", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (old_ids, lanyard_column_dup (stmt, 0));
  for (guint i = 0; i < old_ids->len; i++)
    {
      const char *id = g_ptr_array_index (old_ids, i);
      guint registered;

      if (lanyard_event_find_session (event, id) != NULL)
        continue;
      if (session_has_scans (self, id))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
                       _("Session %s is no longer in the event file, but attendance was recorded there. "
                         "Keep it in the file (its attendance counts for credit)."), id);
          lanyard_store_rollback (self);
          return FALSE;
        }
      registered = session_registrations (self, id);
      if (registered > 0)
        {
          if (registered == G_MAXUINT)
            goto fail;
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Session %s is no longer in the event file, but %u person is registered for it. "
                                    "Keep it in the file, or first import the registrations without it.",
                                    "Session %s is no longer in the event file, but %u people are registered for it. "
                                    "Keep it in the file, or first import the registrations without it.",
                                    registered),
                       id, registered);
          lanyard_store_rollback (self);
          return FALSE;
        }
      stmt = lanyard_store_prepare (self, "DELETE FROM session WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      STEP_OR_FAIL (stmt);
    }

  for (guint i = 0; i < event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (event->sessions, i);
      g_autofree char *uuid = s->uuid ? g_strdup (s->uuid) : g_uuid_string_random ();

      stmt = lanyard_store_prepare (self,
          "INSERT INTO session (id, uuid, title, room, starts_at, ends_at, capacity, ticketed, disclosure)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET title = ?3, room = ?4,"
          " starts_at = ?5, ends_at = ?6, capacity = ?7, ticketed = ?8, disclosure = ?9", error);
      if (stmt == NULL)
        goto fail;
      lanyard_bind_text (stmt, 1, s->id);
      lanyard_bind_text (stmt, 2, uuid);
      lanyard_bind_text (stmt, 3, s->title);
      lanyard_bind_text (stmt, 4, s->room);
      sqlite3_bind_int64 (stmt, 5, s->starts_at);
      sqlite3_bind_int64 (stmt, 6, s->ends_at);
      sqlite3_bind_int (stmt, 7, s->capacity);
      sqlite3_bind_int (stmt, 8, s->ticketed);
      lanyard_bind_text (stmt, 9, s->disclosure);
      STEP_OR_FAIL (stmt);

      stmt = lanyard_store_prepare (self, "DELETE FROM session_credit WHERE session_id = ?", error);
      if (stmt == NULL)
        goto fail;
      lanyard_bind_text (stmt, 1, s->id);
      STEP_OR_FAIL (stmt);
      for (guint k = 0; k < s->credits->len; k++)
        {
          const LanyardCreditAmount *c = g_ptr_array_index (s->credits, k);

          stmt = lanyard_store_prepare (self,
              "INSERT INTO session_credit (session_id, credit_type, amount) VALUES (?, ?, ?)", error);
          if (stmt == NULL)
            goto fail;
          lanyard_bind_text (stmt, 1, s->id);
          lanyard_bind_text (stmt, 2, c->code);
          sqlite3_bind_double (stmt, 3, c->amount);
          STEP_OR_FAIL (stmt);
        }

      stmt = lanyard_store_prepare (self, "DELETE FROM session_faculty WHERE session_id = ?", error);
      if (stmt == NULL)
        goto fail;
      lanyard_bind_text (stmt, 1, s->id);
      STEP_OR_FAIL (stmt);
      for (guint k = 0; k < s->faculty->len; k++)
        {
          const LanyardFaculty *f = g_ptr_array_index (s->faculty, k);

          stmt = lanyard_store_prepare (self,
              "INSERT INTO session_faculty (session_id, position, name, ticket_code) VALUES (?, ?, ?, ?)", error);
          if (stmt == NULL)
            goto fail;
          lanyard_bind_text (stmt, 1, s->id);
          sqlite3_bind_int (stmt, 2, k);
          lanyard_bind_text (stmt, 3, f->name);
          lanyard_bind_text (stmt, 4, f->ticket_code);
          STEP_OR_FAIL (stmt);
        }
    }

  return lanyard_store_commit (self, error);

fail:
  if (error != NULL && *error == NULL)
    lanyard_store_set_error (self, error);
  lanyard_store_rollback (self);
  return FALSE;
}

gint64
lanyard_store_get_event_stamp (LanyardStore *self)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LANYARD_IS_STORE (self), 0);

  stmt = lanyard_store_prepare (self, "SELECT updated_at FROM event LIMIT 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

LanyardEvent *
lanyard_store_load_event (LanyardStore  *self,
                          GError       **error)
{
  g_autoptr(LanyardEvent) event = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LANYARD_IS_STORE (self), NULL);

  stmt = lanyard_store_prepare (self,
      "SELECT id, uuid, title, venue, city, address, start_date, end_date, time_zone, provider,"
      " provider_address, learning_format, accreditation_statement, joint_accreditation_statement,"
      " ipce_statement, missing_exit, min_minutes, entry_window_minutes, repeat_seconds, verify_last4,"
      " tap_to_print, rounding, press_takes_seat, activity_id FROM event LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT,
                           _("No event is loaded on this device yet. Run “lanyardctl init --event EVENT.json”."));
      return NULL;
    }

  event = lanyard_event_new ();
  event->id = lanyard_column_dup (stmt, 0);
  event->uuid = lanyard_column_dup (stmt, 1);
  event->title = lanyard_column_dup (stmt, 2);
  event->venue = lanyard_column_dup (stmt, 3);
  event->city = lanyard_column_dup (stmt, 4);
  event->address = lanyard_column_dup (stmt, 5);
  event->start_date = lanyard_column_dup (stmt, 6);
  event->end_date = lanyard_column_dup (stmt, 7);
  event->time_zone = lanyard_column_dup (stmt, 8);
  event->provider = lanyard_column_dup (stmt, 9);
  event->provider_address = lanyard_column_dup (stmt, 10);
  event->learning_format = lanyard_column_dup (stmt, 11);
  event->accreditation_statement = lanyard_column_dup (stmt, 12);
  event->joint_accreditation_statement = lanyard_column_dup (stmt, 13);
  event->ipce_statement = lanyard_column_dup (stmt, 14);
  event->policy.missing_exit = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 15), "no_credit") == 0
                               ? LANYARD_MISSING_EXIT_NO_CREDIT : LANYARD_MISSING_EXIT_COUNT_TO_END;
  event->policy.min_minutes = sqlite3_column_int (stmt, 16);
  event->policy.entry_window_minutes = sqlite3_column_int (stmt, 17);
  event->policy.repeat_seconds = sqlite3_column_int (stmt, 18);
  event->policy.verify_last4 = sqlite3_column_int (stmt, 19);
  event->policy.tap_to_print = sqlite3_column_int (stmt, 20);
  event->policy.rounding = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 21), "per_session") == 0
                           ? LANYARD_ROUNDING_PER_SESSION : LANYARD_ROUNDING_ACTIVITY;
  event->policy.press_takes_seat = sqlite3_column_int (stmt, 22);
  event->activity_id = lanyard_column_dup (stmt, 23);
  {
    g_autofree char *doors = lanyard_store_get_meta (self, DOORS_REQUIRE_CHECK_IN);

    g_autofree char *language = lanyard_store_get_meta (self, EVENT_LANGUAGE);

    event->policy.doors_require_check_in = g_strcmp0 (doors, "false") != 0;
    event->language = language != NULL && *language != '\0' ? g_steal_pointer (&language) : NULL;
  }

  stmt = lanyard_store_prepare (self,
      "SELECT code, label, unit, step, max_credits, professions, evaluation_required,"
      " full_attendance_required, designation_statement, uan, required_ids, attestation, permission_to_report"
      " FROM credit_type ORDER BY position",
      error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardCreditType *t = lanyard_credit_type_new ();

      t->code = lanyard_column_dup (stmt, 0);
      t->label = lanyard_column_dup (stmt, 1);
      t->unit = lanyard_column_dup (stmt, 2);
      t->step = sqlite3_column_double (stmt, 3);
      t->max_credits = sqlite3_column_double (stmt, 4);
      t->professions = split_text ((const char *) sqlite3_column_text (stmt, 5));
      t->evaluation_required = sqlite3_column_int (stmt, 6);
      t->full_attendance_required = sqlite3_column_int (stmt, 7);
      t->designation_statement = lanyard_column_dup (stmt, 8);
      t->uan = lanyard_column_dup (stmt, 9);
      t->required_ids = split_text ((const char *) sqlite3_column_text (stmt, 10));
      t->attestation = lanyard_column_dup (stmt, 11);
      t->permission_to_report = sqlite3_column_int (stmt, 12);
      g_ptr_array_add (event->credit_types, t);
    }

  stmt = lanyard_store_prepare (self,
      "SELECT id, text, kind, choices, per_session, required FROM evaluation_question ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardQuestion *q = lanyard_question_new ();

      q->id = lanyard_column_dup (stmt, 0);
      q->text = lanyard_column_dup (stmt, 1);
      lanyard_question_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &q->kind);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        q->choices = g_strsplit ((const char *) sqlite3_column_text (stmt, 3), "\n", -1);
      q->per_session = sqlite3_column_int (stmt, 4);
      q->required = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (event->questions, q);
    }

  stmt = lanyard_store_prepare (self,
      "SELECT id, uuid, title, room, starts_at, ends_at, capacity, ticketed, disclosure FROM session"
      " ORDER BY starts_at, room, id", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardSession *s = lanyard_session_new ();

      s->id = lanyard_column_dup (stmt, 0);
      s->uuid = lanyard_column_dup (stmt, 1);
      s->title = lanyard_column_dup (stmt, 2);
      s->room = lanyard_column_dup (stmt, 3);
      s->starts_at = sqlite3_column_int64 (stmt, 4);
      s->ends_at = sqlite3_column_int64 (stmt, 5);
      s->capacity = sqlite3_column_int (stmt, 6);
      s->ticketed = sqlite3_column_int (stmt, 7);
      s->disclosure = lanyard_column_dup (stmt, 8);
      g_ptr_array_add (event->sessions, s);
    }

  stmt = lanyard_store_prepare (self, "SELECT session_id, credit_type, amount FROM session_credit", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardSession *s = lanyard_event_find_session (event, (const char *) sqlite3_column_text (stmt, 0));

      if (s != NULL)
        g_ptr_array_add (s->credits, lanyard_credit_amount_new ((const char *) sqlite3_column_text (stmt, 1),
                                                                sqlite3_column_double (stmt, 2)));
    }

  stmt = lanyard_store_prepare (self,
      "SELECT session_id, name, ticket_code FROM session_faculty ORDER BY session_id, position", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardSession *s = lanyard_event_find_session (event, (const char *) sqlite3_column_text (stmt, 0));

      if (s != NULL)
        g_ptr_array_add (s->faculty, lanyard_faculty_new ((const char *) sqlite3_column_text (stmt, 1),
                                                          (const char *) sqlite3_column_text (stmt, 2)));
    }

  return g_steal_pointer (&event);
}
