/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "lanyard-attendee-field.h"
#include "lanyard-error.h"
#include "lanyard-event-import.h"

/* Every error names the member, as a path: "sessions[3].capacity". */
static gboolean
invalid (GError    **error,
         const char *path,
         const char *what)
{
  g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
               _("Event file: %s %s"), path, what);
  return FALSE;
}

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
get_string (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *node = member (obj, name);
  g_autofree char *path = g_strconcat (prefix, name, NULL);

  if (node == NULL)
    {
      if (required)
        return invalid (error, path, _("is missing"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, path, _("must be text"));
  if (required && *json_node_get_string (node) == '\0')
    return invalid (error, path, _("must not be empty"));
  g_free (*out);
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
get_number (JsonObject *obj,
            const char *prefix,
            const char *name,
            double     *out,
            GError    **error)
{
  JsonNode *node = member (obj, name);
  g_autofree char *path = g_strconcat (prefix, name, NULL);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return invalid (error, path, _("must be a number"));
  *out = json_node_get_double (node);
  if (*out < 0 || !isfinite (*out))
    return invalid (error, path, _("must not be negative"));
  return TRUE;
}

/* A whole number is a number first: same checks, then no fraction. */
static gboolean
get_int (JsonObject *obj,
         const char *prefix,
         const char *name,
         int        *out,
         GError    **error)
{
  g_autofree char *path = g_strconcat (prefix, name, NULL);
  double v = *out;

  if (!get_number (obj, prefix, name, &v, error))
    return FALSE;
  if (v != floor (v) || v > G_MAXINT32)
    return invalid (error, path, _("must be a whole number"));
  *out = (int) v;
  return TRUE;
}

static gboolean
get_bool (JsonObject *obj,
          const char *prefix,
          const char *name,
          gboolean   *out,
          GError    **error)
{
  JsonNode *node = member (obj, name);
  g_autofree char *path = g_strconcat (prefix, name, NULL);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, path, _("must be true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_strv (JsonObject *obj,
          const char *prefix,
          const char *name,
          GStrv      *out,
          GError    **error)
{
  JsonNode *node = member (obj, name);
  g_autofree char *path = g_strconcat (prefix, name, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, path, _("must be a list of text"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
        return invalid (error, path, _("must be a list of text"));
      g_strv_builder_add (builder, json_node_get_string (el));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
get_object (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node = member (obj, name);
  g_autofree char *path = g_strconcat (prefix, name, NULL);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("must be an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_time (JsonObject *obj,
          const char *prefix,
          const char *name,
          GTimeZone  *tz,
          gint64     *out,
          GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = g_strconcat (prefix, name, NULL);
  g_autoptr(GDateTime) dt = NULL;

  if (!get_string (obj, prefix, name, TRUE, &text, error))
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, tz);
  if (dt == NULL)
    return invalid (error, path, _("must be a time like 2026-11-24T08:00:00-06:00"));
  *out = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
read_credit_type (JsonNode           *node,
                  guint               index,
                  LanyardCreditType **out,
                  GError            **error)
{
  g_autoptr(LanyardCreditType) t = lanyard_credit_type_new ();
  g_autofree char *prefix = g_strdup_printf ("credit_types[%u].", index);
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, prefix, _("must be an object"));
  obj = json_node_get_object (node);
  if (!get_string (obj, prefix, "code", TRUE, &t->code, error) ||
      !get_string (obj, prefix, "label", FALSE, &t->label, error) ||
      !get_string (obj, prefix, "unit", FALSE, &t->unit, error) ||
      !get_number (obj, prefix, "step", &t->step, error) ||
      !get_number (obj, prefix, "max_credits", &t->max_credits, error) ||
      !get_strv (obj, prefix, "professions", &t->professions, error) ||
      !get_bool (obj, prefix, "evaluation_required", &t->evaluation_required, error) ||
      !get_bool (obj, prefix, "full_attendance_required", &t->full_attendance_required, error) ||
      !get_string (obj, prefix, "designation_statement", FALSE, &t->designation_statement, error) ||
      !get_string (obj, prefix, "uan", FALSE, &t->uan, error) ||
      !get_strv (obj, prefix, "required_ids", &t->required_ids, error) ||
      !get_string (obj, prefix, "attestation", FALSE, &t->attestation, error) ||
      !get_bool (obj, prefix, "permission_to_report", &t->permission_to_report, error))
    return FALSE;
  /* An id no field holds could never be supplied: its learners would be
   * sent to the desk for good. */
  for (guint i = 0; t->required_ids != NULL && t->required_ids[i] != NULL; i++)
    if (!g_strv_contains (lanyard_attendee_id_fields (), t->required_ids[i]))
      {
        g_autofree char *path = g_strconcat (prefix, "required_ids", NULL);

        return invalid (error, path, _("names an unknown id; use npi, nabp_eprofile, birth_mmdd, abim_id or license"));
      }
  if (t->label == NULL)
    t->label = g_strdup (t->code);
  if (t->unit == NULL)
    t->unit = g_strdup ("credits");
  if (t->step <= 0)
    t->step = 0.25;
  *out = g_steal_pointer (&t);
  return TRUE;
}

static gboolean
read_question (JsonNode         *node,
               guint             index,
               LanyardQuestion **out,
               GError          **error)
{
  g_autoptr(LanyardQuestion) q = lanyard_question_new ();
  g_autofree char *prefix = g_strdup_printf ("evaluation.questions[%u].", index);
  g_autofree char *kind = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, prefix, _("must be an object"));
  obj = json_node_get_object (node);
  if (!get_string (obj, prefix, "id", TRUE, &q->id, error) ||
      !get_string (obj, prefix, "text", TRUE, &q->text, error) ||
      !get_string (obj, prefix, "kind", TRUE, &kind, error) ||
      !get_strv (obj, prefix, "choices", &q->choices, error) ||
      !get_bool (obj, prefix, "per_session", &q->per_session, error) ||
      !get_bool (obj, prefix, "required", &q->required, error))
    return FALSE;
  if (!lanyard_question_kind_from_string (kind, &q->kind))
    {
      g_autofree char *path = g_strconcat (prefix, "kind", NULL);

      return invalid (error, path, _("must be \"scale\", \"choice\" or \"text\""));
    }
  if (q->kind == LANYARD_QUESTION_CHOICE && (q->choices == NULL || g_strv_length (q->choices) < 2))
    {
      g_autofree char *path = g_strconcat (prefix, "choices", NULL);

      return invalid (error, path, _("must list at least two choices"));
    }
  *out = g_steal_pointer (&q);
  return TRUE;
}

static gboolean
read_evaluation (JsonObject   *obj,
                 LanyardEvent *event,
                 GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *evaluation = NULL;
  JsonNode *node;
  JsonArray *array;

  if (!get_object (obj, "", "evaluation", &evaluation, error))
    return FALSE;
  if (evaluation == NULL || (node = member (evaluation, "questions")) == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "evaluation.questions", _("must be a list"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      LanyardQuestion *q = NULL;

      if (!read_question (json_array_get_element (array, i), i, &q, error))
        return FALSE;
      g_ptr_array_add (event->questions, q);
      if (!g_hash_table_add (ids, q->id))
        {
          g_autofree char *path = g_strdup_printf ("evaluation.questions[%u].id", i);

          return invalid (error, path, _("is used by another question too"));
        }
    }
  return TRUE;
}

static gboolean
read_session (JsonNode           *node,
              guint               index,
              GTimeZone          *tz,
              const LanyardEvent *event,
              LanyardSession    **out,
              GError            **error)
{
  g_autoptr(LanyardSession) s = lanyard_session_new ();
  g_autofree char *prefix = g_strdup_printf ("sessions[%u].", index);
  JsonObject *obj, *credits = NULL;
  JsonNode *faculty;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, prefix, _("must be an object"));
  obj = json_node_get_object (node);
  if (!get_string (obj, prefix, "id", TRUE, &s->id, error) ||
      !get_string (obj, prefix, "title", TRUE, &s->title, error) ||
      !get_string (obj, prefix, "room", TRUE, &s->room, error) ||
      !get_time (obj, prefix, "start", tz, &s->starts_at, error) ||
      !get_time (obj, prefix, "end", tz, &s->ends_at, error) ||
      !get_int (obj, prefix, "capacity", &s->capacity, error) ||
      !get_bool (obj, prefix, "ticketed", &s->ticketed, error) ||
      !get_string (obj, prefix, "disclosure", FALSE, &s->disclosure, error) ||
      !get_object (obj, prefix, "credits", &credits, error))
    return FALSE;
  if (s->ends_at <= s->starts_at)
    {
      g_autofree char *path = g_strconcat (prefix, "end", NULL);
      return invalid (error, path, _("must be after the start"));
    }

  if (credits != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (credits);

      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *cprefix = g_strconcat (prefix, "credits.", NULL);
          double amount = 0;

          if (lanyard_event_find_credit_type (event, l->data) == NULL)
            {
              g_autofree char *path = g_strconcat (cprefix, l->data, NULL);
              return invalid (error, path, _("is not one of the event's credit_types"));
            }
          if (!get_number (credits, cprefix, l->data, &amount, error))
            return FALSE;
          g_ptr_array_add (s->credits, lanyard_credit_amount_new (l->data, amount));
        }
    }

  faculty = member (obj, "faculty");
  if (faculty != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (faculty))
        {
          g_autofree char *path = g_strconcat (prefix, "faculty", NULL);
          return invalid (error, path, _("must be a list"));
        }
      array = json_node_get_array (faculty);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);
          g_autofree char *fprefix = g_strdup_printf ("%sfaculty[%u].", prefix, i);
          g_autofree char *name = NULL;
          g_autofree char *ticket = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (el))
            return invalid (error, fprefix, _("must be an object"));
          if (!get_string (json_node_get_object (el), fprefix, "name", TRUE, &name, error) ||
              !get_string (json_node_get_object (el), fprefix, "ticket_code", FALSE, &ticket, error))
            return FALSE;
          g_ptr_array_add (s->faculty, lanyard_faculty_new (name, ticket));
        }
    }

  *out = g_steal_pointer (&s);
  return TRUE;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const LanyardSession *sa = *(LanyardSession **) a;
  const LanyardSession *sb = *(LanyardSession **) b;

  return (sa->starts_at > sb->starts_at) - (sa->starts_at < sb->starts_at);
}

LanyardEvent *
lanyard_event_load_data (const char  *json,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *missing_exit = NULL;
  g_autofree char *rounding = NULL;
  JsonNode *root, *node;
  JsonObject *obj, *statements = NULL, *policy = NULL;

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      /* json-glib cuts the token it quotes at a byte count, maybe inside a
       * character. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
                   _("The event file is not valid JSON: %s"), reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
                           _("The event file must hold one JSON object."));
      return NULL;
    }
  obj = json_node_get_object (root);

  if (!get_string (obj, "", "id", TRUE, &event->id, error) ||
      !get_string (obj, "", "title", TRUE, &event->title, error) ||
      !get_string (obj, "", "venue", FALSE, &event->venue, error) ||
      !get_string (obj, "", "city", FALSE, &event->city, error) ||
      !get_string (obj, "", "address", FALSE, &event->address, error) ||
      !get_string (obj, "", "start_date", FALSE, &event->start_date, error) ||
      !get_string (obj, "", "end_date", FALSE, &event->end_date, error) ||
      !get_string (obj, "", "time_zone", TRUE, &event->time_zone, error) ||
      !get_string (obj, "", "language", FALSE, &event->language, error) ||
      !get_string (obj, "", "provider", TRUE, &event->provider, error) ||
      !get_string (obj, "", "provider_address", FALSE, &event->provider_address, error) ||
      !get_string (obj, "", "learning_format", FALSE, &event->learning_format, error) ||
      !get_string (obj, "", "activity_id", FALSE, &event->activity_id, error) ||
      !read_evaluation (obj, event, error) ||
      !get_object (obj, "", "statements", &statements, error) ||
      !get_object (obj, "", "policy", &policy, error))
    return NULL;

  tz = g_time_zone_new_identifier (event->time_zone);
  if (tz == NULL)
    {
      invalid (error, "time_zone", _("is not a time zone this system knows (e.g. America/Chicago)"));
      return NULL;
    }
  if (event->learning_format == NULL)
    event->learning_format = g_strdup ("live activity");

  if (statements != NULL &&
      (!get_string (statements, "statements.", "accreditation", FALSE, &event->accreditation_statement, error) ||
       !get_string (statements, "statements.", "joint_accreditation", FALSE, &event->joint_accreditation_statement, error) ||
       !get_string (statements, "statements.", "ipce", FALSE, &event->ipce_statement, error)))
    return NULL;

  if (policy != NULL)
    {
      if (!get_string (policy, "policy.", "missing_exit", FALSE, &missing_exit, error) ||
          !get_int (policy, "policy.", "min_minutes", &event->policy.min_minutes, error) ||
          !get_int (policy, "policy.", "entry_window_minutes", &event->policy.entry_window_minutes, error) ||
          !get_int (policy, "policy.", "repeat_seconds", &event->policy.repeat_seconds, error) ||
          !get_bool (policy, "policy.", "verify_last4", &event->policy.verify_last4, error) ||
          !get_bool (policy, "policy.", "tap_to_print", &event->policy.tap_to_print, error) ||
          !get_bool (policy, "policy.", "press_takes_seat", &event->policy.press_takes_seat, error) ||
          !get_bool (policy, "policy.", "doors_require_check_in", &event->policy.doors_require_check_in, error) ||
          !get_string (policy, "policy.", "rounding", FALSE, &rounding, error))
        return NULL;
      if (rounding != NULL)
        {
          if (g_str_equal (rounding, "per_session"))
            event->policy.rounding = LANYARD_ROUNDING_PER_SESSION;
          else if (!g_str_equal (rounding, "activity"))
            {
              invalid (error, "policy.rounding", _("must be \"activity\" or \"per_session\""));
              return NULL;
            }
        }
      if (missing_exit != NULL)
        {
          if (g_str_equal (missing_exit, "no_credit"))
            event->policy.missing_exit = LANYARD_MISSING_EXIT_NO_CREDIT;
          else if (!g_str_equal (missing_exit, "count_to_end"))
            {
              invalid (error, "policy.missing_exit", _("must be \"count_to_end\" or \"no_credit\""));
              return NULL;
            }
        }
    }

  node = member (obj, "credit_types");
  if (node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          invalid (error, "credit_types", _("must be a list"));
          return NULL;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          LanyardCreditType *t = NULL;

          if (!read_credit_type (json_array_get_element (array, i), i, &t, error))
            return NULL;
          if (lanyard_event_find_credit_type (event, t->code) != NULL)
            {
              g_autofree char *path = g_strdup_printf ("credit_types[%u].code", i);

              invalid (error, path, _("is used by another credit type too"));
              lanyard_credit_type_free (t);
              return NULL;
            }
          g_ptr_array_add (event->credit_types, t);
        }
    }

  node = member (obj, "sessions");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      invalid (error, "sessions", _("must list at least one session"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      LanyardSession *s = NULL;

      if (!read_session (json_array_get_element (json_node_get_array (node), i), i, tz, event, &s, error))
        return NULL;
      if (!g_hash_table_add (ids, s->id))
        {
          g_autofree char *path = g_strdup_printf ("sessions[%u].id", i);
          invalid (error, path, _("is used by another session too"));
          lanyard_session_free (s);
          return NULL;
        }
      g_ptr_array_add (event->sessions, s);
    }
  g_ptr_array_sort (event->sessions, compare_sessions);

  return g_steal_pointer (&event);
}

LanyardEvent *
lanyard_event_load_file (const char  *path,
                         GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT,
                   _("Cannot read the event file: %s"), local_error->message);
      return NULL;
    }
  return lanyard_event_load_data (data, len, error);
}
