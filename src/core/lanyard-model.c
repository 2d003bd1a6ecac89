/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lanyard-model.h"

LanyardCreditAmount *
lanyard_credit_amount_new (const char *code,
                           double      amount)
{
  LanyardCreditAmount *self = g_new0 (LanyardCreditAmount, 1);

  self->code = g_strdup (code);
  self->amount = amount;
  return self;
}

void
lanyard_credit_amount_free (LanyardCreditAmount *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self);
}

LanyardCreditType *
lanyard_credit_type_new (void)
{
  LanyardCreditType *self = g_new0 (LanyardCreditType, 1);

  self->step = 0.25;
  return self;
}

void
lanyard_credit_type_free (LanyardCreditType *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->label);
  g_free (self->unit);
  g_strfreev (self->professions);
  g_free (self->designation_statement);
  g_free (self->uan);
  g_strfreev (self->required_ids);
  g_free (self->attestation);
  g_free (self);
}

LanyardQuestion *
lanyard_question_new (void)
{
  return g_new0 (LanyardQuestion, 1);
}

void
lanyard_question_free (LanyardQuestion *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->text);
  g_strfreev (self->choices);
  g_free (self);
}

LanyardAnswer *
lanyard_answer_new (const char *question,
                    const char *session_id)
{
  LanyardAnswer *self = g_new0 (LanyardAnswer, 1);

  self->question = g_strdup (question);
  self->session_id = g_strdup (session_id);
  return self;
}

void
lanyard_answer_free (LanyardAnswer *self)
{
  if (self == NULL)
    return;
  g_free (self->question);
  g_free (self->session_id);
  g_free (self->choice);
  g_free (self->text);
  g_free (self);
}

static const char * const question_kinds[] = { "scale", "choice", "text" };

const char *
lanyard_question_kind_to_string (LanyardQuestionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (question_kinds), "text");
  return question_kinds[kind];
}

gboolean
lanyard_question_kind_from_string (const char          *s,
                                   LanyardQuestionKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (question_kinds); i++)
    if (g_strcmp0 (s, question_kinds[i]) == 0)
      {
        *out = (LanyardQuestionKind) i;
        return TRUE;
      }
  return FALSE;
}

LanyardFaculty *
lanyard_faculty_new (const char *name,
                     const char *ticket_code)
{
  LanyardFaculty *self = g_new0 (LanyardFaculty, 1);

  self->name = g_strdup (name);
  self->ticket_code = g_strdup (ticket_code);
  return self;
}

void
lanyard_faculty_free (LanyardFaculty *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->ticket_code);
  g_free (self);
}

LanyardSession *
lanyard_session_new (void)
{
  LanyardSession *self = g_new0 (LanyardSession, 1);

  self->credits = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_amount_free);
  self->faculty = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_faculty_free);
  return self;
}

void
lanyard_session_free (LanyardSession *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->uuid);
  g_free (self->title);
  g_free (self->room);
  g_clear_pointer (&self->credits, g_ptr_array_unref);
  g_clear_pointer (&self->faculty, g_ptr_array_unref);
  g_free (self->disclosure);
  g_free (self);
}

double
lanyard_session_get_credits (const LanyardSession *self,
                             const char           *code)
{
  for (guint i = 0; i < self->credits->len; i++)
    {
      const LanyardCreditAmount *c = g_ptr_array_index (self->credits, i);

      if (g_strcmp0 (c->code, code) == 0)
        return c->amount;
    }
  return 0.0;
}

/* An event is shared: a device's context hands it to windows and to print
 * jobs running in threads, and replaces it when the event is reloaded;
 * each holder keeps its own reference. */
LanyardEvent *
lanyard_event_new (void)
{
  LanyardEvent *self = g_atomic_rc_box_new0 (LanyardEvent);

  self->policy.missing_exit = LANYARD_MISSING_EXIT_COUNT_TO_END;
  self->policy.entry_window_minutes = 20;
  self->policy.repeat_seconds = 60;
  self->policy.press_takes_seat = TRUE;
  self->policy.doors_require_check_in = TRUE;
  self->credit_types = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_type_free);
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_session_free);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_question_free);
  return self;
}

/* Takes a const event: holders that only read it still own a reference. */
LanyardEvent *
lanyard_event_ref (const LanyardEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire ((gpointer) self);
}

static void
lanyard_event_clear (LanyardEvent *self)
{
  g_free (self->id);
  g_free (self->uuid);
  g_free (self->title);
  g_free (self->venue);
  g_free (self->city);
  g_free (self->address);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->time_zone);
  g_free (self->language);
  g_free (self->provider);
  g_free (self->provider_address);
  g_free (self->learning_format);
  g_free (self->accreditation_statement);
  g_free (self->joint_accreditation_statement);
  g_free (self->ipce_statement);
  g_free (self->activity_id);
  g_clear_pointer (&self->credit_types, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
}

void
lanyard_event_unref (LanyardEvent *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify) lanyard_event_clear);
}

LanyardSession *
lanyard_event_find_session (const LanyardEvent *self,
                            const char         *id)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      LanyardSession *s = g_ptr_array_index (self->sessions, i);

      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

LanyardCreditType *
lanyard_event_find_credit_type (const LanyardEvent *self,
                                const char         *code)
{
  for (guint i = 0; i < self->credit_types->len; i++)
    {
      LanyardCreditType *t = g_ptr_array_index (self->credit_types, i);

      if (g_strcmp0 (t->code, code) == 0)
        return t;
    }
  return NULL;
}

LanyardAttendee *
lanyard_attendee_new (void)
{
  LanyardAttendee *self = g_new0 (LanyardAttendee, 1);

  self->badge_version = 1;
  return self;
}

LanyardAttendee *
lanyard_attendee_copy (const LanyardAttendee *self)
{
  LanyardAttendee *copy = g_new0 (LanyardAttendee, 1);

  *copy = *self;
  copy->uuid = g_strdup (self->uuid);
  copy->ticket_code = g_strdup (self->ticket_code);
  copy->first_name = g_strdup (self->first_name);
  copy->last_name = g_strdup (self->last_name);
  copy->credentials = g_strdup (self->credentials);
  copy->profession = g_strdup (self->profession);
  copy->affiliation = g_strdup (self->affiliation);
  copy->email = g_strdup (self->email);
  copy->npi = g_strdup (self->npi);
  copy->abim_id = g_strdup (self->abim_id);
  copy->nabp_eprofile = g_strdup (self->nabp_eprofile);
  copy->birth_mmdd = g_strdup (self->birth_mmdd);
  copy->license = g_strdup (self->license);
  copy->board = g_strdup (self->board);
  copy->first_name_latin = g_strdup (self->first_name_latin);
  copy->last_name_latin = g_strdup (self->last_name_latin);
  copy->sessions = g_strdupv (self->sessions);
  return copy;
}

void
lanyard_attendee_free (LanyardAttendee *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->ticket_code);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->credentials);
  g_free (self->profession);
  g_free (self->affiliation);
  g_free (self->email);
  g_free (self->npi);
  g_free (self->abim_id);
  g_free (self->nabp_eprofile);
  g_free (self->birth_mmdd);
  g_free (self->license);
  g_free (self->board);
  g_free (self->first_name_latin);
  g_free (self->last_name_latin);
  g_strfreev (self->sessions);
  g_free (self);
}

static gboolean
is_cjk_text (const char *text)
{
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      switch (g_unichar_get_script (g_utf8_get_char (p)))
        {
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
        case G_UNICODE_SCRIPT_HANGUL:
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* Chinese, Japanese and Korean names read family name first, unspaced. */
gboolean
lanyard_attendee_is_family_name_first (const LanyardAttendee *self)
{
  return is_cjk_text (self->first_name) && is_cjk_text (self->last_name);
}

/* "Jane Smith, MD" — what a badge and a greeting show. */
/* FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE around each part when
 * isolate is set: each part is laid out in its own direction. */
static char *
dup_display_name (const LanyardAttendee *self,
                  gboolean               isolate)
{
  GString *s = g_string_new (NULL);
  const char *first = self->first_name ? self->first_name : "";
  const char *last = self->last_name ? self->last_name : "";
  const char *open = isolate ? "\u2068" : "";
  const char *close = isolate ? "\u2069" : "";

  if (lanyard_attendee_is_family_name_first (self))
    g_string_append_printf (s, "%s%s%s%s%s%s", open, last, close, open, first, close);
  else
    {
      if (*first != '\0')
        g_string_append_printf (s, "%s%s%s", open, first, close);
      if (*first != '\0' && *last != '\0')
        g_string_append_c (s, ' ');
      if (*last != '\0')
        g_string_append_printf (s, "%s%s%s", open, last, close);
    }
  if (self->credentials != NULL && *self->credentials != '\0')
    g_string_append_printf (s, ", %s%s%s", open, self->credentials, close);
  return g_string_free (s, FALSE);
}

char *
lanyard_attendee_dup_display_name (const LanyardAttendee *self)
{
  return dup_display_name (self, FALSE);
}

char *
lanyard_attendee_dup_display_name_isolated (const LanyardAttendee *self)
{
  return dup_display_name (self, TRUE);
}

char *
lanyard_attendee_dup_latin_name (const LanyardAttendee *self)
{
  const char *first = self->first_name_latin ? self->first_name_latin : "";
  const char *last = self->last_name_latin ? self->last_name_latin : "";

  if (*first == '\0' && *last == '\0')
    return NULL;
  return g_strjoin (*first != '\0' && *last != '\0' ? " " : "", first, last, NULL);
}

LanyardScan *
lanyard_scan_new (void)
{
  return g_new0 (LanyardScan, 1);
}

void
lanyard_scan_free (LanyardScan *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->device);
  g_free (self->session_id);
  g_free (self->detail);
  g_free (self);
}

LanyardPrintJob *
lanyard_print_job_new (void)
{
  return g_new0 (LanyardPrintJob, 1);
}

void
lanyard_print_job_free (LanyardPrintJob *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->document);
  g_free (self->queue);
  g_free (self->pdf_path);
  g_free (self->error);
  g_free (self->template_name);
  g_free (self->paper);
  g_free (self->media);
  g_free (self->sent_pdf_path);
  g_free (self->printed_name);
  g_free (self);
}

/* Enum ↔ word tables. The words are stored in the database and printed by
 * lanyardctl --json, so they never change once released. */

static const char * const role_words[] = {
  [LANYARD_ROLE_ATTENDEE] = "attendee",
  [LANYARD_ROLE_FACULTY] = "faculty",
  [LANYARD_ROLE_EXHIBITOR] = "exhibitor",
  [LANYARD_ROLE_STAFF] = "staff",
  [LANYARD_ROLE_PRESS] = "press",
};

static const char * const status_words[] = {
  [LANYARD_STATUS_ACTIVE] = "active",
  [LANYARD_STATUS_CANCELLED] = "cancelled",
};

static const char * const scan_kind_words[] = {
  [LANYARD_SCAN_CHECK_IN] = "check_in",
  [LANYARD_SCAN_SESSION_ENTRY] = "session_entry",
  [LANYARD_SCAN_SESSION_EXIT] = "session_exit",
  [LANYARD_SCAN_BADGE_PRINTED] = "badge_printed",
  [LANYARD_SCAN_BADGE_REPRINTED] = "badge_reprinted",
  [LANYARD_SCAN_CERTIFICATE_PRINTED] = "certificate_printed",
  [LANYARD_SCAN_DISCLOSURE_SHOWN] = "disclosure_shown",
  [LANYARD_SCAN_BADGE_WAITING] = "badge_waiting",
  [LANYARD_SCAN_BADGE_CANCELLED] = "badge_cancelled",
};

static const char * const outcome_words[] = {
  [LANYARD_OUTCOME_CHECKED_IN] = "checked_in",
  [LANYARD_OUTCOME_ALREADY_CHECKED_IN] = "already_checked_in",
  [LANYARD_OUTCOME_ENTERED] = "entered",
  [LANYARD_OUTCOME_EXITED] = "exited",
  [LANYARD_OUTCOME_ALREADY_INSIDE] = "already_inside",
  [LANYARD_OUTCOME_NOT_REGISTERED] = "not_registered",
  [LANYARD_OUTCOME_FULL] = "full",
  [LANYARD_OUTCOME_REPLACED] = "replaced",
  [LANYARD_OUTCOME_CANCELLED] = "cancelled",
  [LANYARD_OUTCOME_UNKNOWN] = "unknown",
  [LANYARD_OUTCOME_OUTSIDE_WINDOW] = "outside_window",
  [LANYARD_OUTCOME_NO_SESSION] = "no_session",
  [LANYARD_OUTCOME_NEEDS_DESK] = "needs_desk",
  [LANYARD_OUTCOME_PRINTED] = "printed",
  [LANYARD_OUTCOME_SHOWN] = "shown",
  [LANYARD_OUTCOME_NOT_INSIDE] = "not_inside",
  [LANYARD_OUTCOME_NOT_CHECKED_IN] = "not_checked_in",
};

static const char * const profession_words[] = {
  "physician", "nurse", "pharmacist", "physician_assistant", "psychologist", "other", NULL
};

static const char * const job_state_words[] = {
  [LANYARD_JOB_PENDING] = "pending",
  [LANYARD_JOB_SUBMITTED] = "submitted",
  [LANYARD_JOB_COMPLETED] = "completed",
  [LANYARD_JOB_FAILED] = "failed",
  [LANYARD_JOB_CANCELLED] = "cancelled",
};

static gboolean
word_lookup (const char * const *words,
             guint               n_words,
             const char         *s,
             int                *out)
{
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < n_words; i++)
    {
      if (words[i] != NULL && g_ascii_strcasecmp (words[i], s) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_WORDS(prefix, Type, table)                                   \
  const char *                                                              \
  prefix##_to_string (Type value)                                           \
  {                                                                         \
    if ((guint) value >= G_N_ELEMENTS (table))                              \
      return NULL;                                                          \
    return table[value];                                                    \
  }                                                                         \
  gboolean                                                                  \
  prefix##_from_string (const char *s, Type *out)                           \
  {                                                                         \
    int v;                                                                  \
    if (!word_lookup (table, G_N_ELEMENTS (table), s, &v))                  \
      return FALSE;                                                         \
    *out = (Type) v;                                                        \
    return TRUE;                                                            \
  }

DEFINE_WORDS (lanyard_role, LanyardRole, role_words)
DEFINE_WORDS (lanyard_status, LanyardStatus, status_words)
DEFINE_WORDS (lanyard_scan_kind, LanyardScanKind, scan_kind_words)
DEFINE_WORDS (lanyard_outcome, LanyardOutcome, outcome_words)
DEFINE_WORDS (lanyard_job_state, LanyardJobState, job_state_words)

gboolean
lanyard_outcome_is_accepted (LanyardOutcome outcome)
{
  switch (outcome)
    {
    case LANYARD_OUTCOME_CHECKED_IN:
    case LANYARD_OUTCOME_ENTERED:
    case LANYARD_OUTCOME_EXITED:
    case LANYARD_OUTCOME_PRINTED:
    case LANYARD_OUTCOME_SHOWN:
      return TRUE;
    default:
      return FALSE;
    }
}

/* One line for a person: the CLI's stderr, the staff desk's history. */
const char *
lanyard_outcome_to_message (LanyardOutcome outcome)
{
  switch (outcome)
    {
    case LANYARD_OUTCOME_CHECKED_IN: return _("Checked in");
    case LANYARD_OUTCOME_ALREADY_CHECKED_IN: return _("Already checked in");
    case LANYARD_OUTCOME_ENTERED: return _("Admitted");
    case LANYARD_OUTCOME_EXITED: return _("Exit recorded");
    case LANYARD_OUTCOME_ALREADY_INSIDE: return _("Already inside");
    case LANYARD_OUTCOME_NOT_REGISTERED: return _("Not registered for this workshop");
    case LANYARD_OUTCOME_FULL: return _("The room is full");
    case LANYARD_OUTCOME_REPLACED: return _("This badge was replaced by a newer one");
    case LANYARD_OUTCOME_CANCELLED: return _("This registration was cancelled");
    case LANYARD_OUTCOME_UNKNOWN: return _("Unknown code");
    case LANYARD_OUTCOME_OUTSIDE_WINDOW: return _("Not open for entry at this time");
    case LANYARD_OUTCOME_NO_SESSION: return _("No session in this room now");
    case LANYARD_OUTCOME_NEEDS_DESK: return _("Please see the registration desk (details missing)");
    case LANYARD_OUTCOME_PRINTED: return _("Printed");
    case LANYARD_OUTCOME_SHOWN: return _("Shown");
    case LANYARD_OUTCOME_NOT_INSIDE: return _("No entry scan was recorded for this session");
    case LANYARD_OUTCOME_NOT_CHECKED_IN: return _("Please check in first");
    default: return _("Unknown outcome");
    }
}

const char * const *
lanyard_professions (void)
{
  return profession_words;
}

/* What a person reads for a stored profession; an unknown word as it is. */
const char *
lanyard_profession_to_label (const char *profession)
{
  static const char * const labels[] = {
    N_("Physician"), N_("Nurse"), N_("Pharmacist"), N_("Physician assistant"), N_("Psychologist"), N_("Other"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (profession_words) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (profession, profession_words[i]) == 0)
      return _(labels[i]);
  return profession != NULL ? profession : "";
}
