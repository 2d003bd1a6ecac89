/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-attendee-field.h"
#include "lanyard-certificate.h"
#include "lanyard-checkin.h"
#include "lanyard-credits.h"
#include "lanyard-staff-record.h"

static void
field_free (LanyardStaffField *field)
{
  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

static void
job_free (LanyardStaffJob *job)
{
  g_free (job->text);
  g_free (job);
}

void
lanyard_staff_record_free (LanyardStaffRecord *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  g_free (self->name);
  g_ptr_array_unref (self->details);
  g_ptr_array_unref (self->history);
  g_ptr_array_unref (self->sessions);
  g_ptr_array_unref (self->credits);
  g_ptr_array_unref (self->jobs);
  g_ptr_array_unref (self->audit);
  g_free (self->no_certificate);
  g_free (self->waiting_badge);
  g_free (self);
}

char *
lanyard_staff_format_time (const LanyardEvent *event,
                           gint64              at)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (event->time_zone ? event->time_zone : "UTC");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%a %H:%M");
}

const char *
lanyard_staff_job_state_text (LanyardJobState state)
{
  switch (state)
    {
    case LANYARD_JOB_PENDING:
      return _("waiting");
    case LANYARD_JOB_SUBMITTED:
      return _("printing");
    case LANYARD_JOB_COMPLETED:
      return _("printed");
    case LANYARD_JOB_FAILED:
      return _("failed");
    case LANYARD_JOB_CANCELLED:
    default:
      return _("cancelled");
    }
}

static const char *
role_text (LanyardRole role)
{
  switch (role)
    {
    case LANYARD_ROLE_FACULTY:
      return _("Faculty");
    case LANYARD_ROLE_EXHIBITOR:
      return _("Exhibitor");
    case LANYARD_ROLE_STAFF:
      return _("Staff");
    case LANYARD_ROLE_PRESS:
      return _("Press");
    case LANYARD_ROLE_ATTENDEE:
    default:
      return _("Attendee");
    }
}

static const char *
profession_text (const char *profession)
{
  if (g_strcmp0 (profession, "physician") == 0)
    return _("Physician");
  if (g_strcmp0 (profession, "nurse") == 0)
    return _("Nurse");
  if (g_strcmp0 (profession, "pharmacist") == 0)
    return _("Pharmacist");
  if (g_strcmp0 (profession, "physician_assistant") == 0)
    return _("Physician assistant");
  if (g_strcmp0 (profession, "psychologist") == 0)
    return _("Psychologist");
  if (g_strcmp0 (profession, "other") == 0)
    return _("Other");
  return profession;
}

/* The store's field names in the change history, as words. */
static const char *
field_text (const char *field)
{
  static const struct { const char *field; const char *text; } words[] = {
    { "first_name", N_("first name") },
    { "last_name", N_("last name") },
    { "credentials", N_("credentials") },
    { "affiliation", N_("affiliation") },
    { "profession", N_("profession") },
    { "email", N_("e-mail") },
    { "status", N_("registration") },
    { "badge_version", N_("badge version") },
  };

  const LanyardAttendeeField *learner = lanyard_attendee_field_find (field);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (field, words[i].field) == 0)
      return _(words[i].text);
  return learner != NULL ? _(learner->label) : field;
}

static const char *
id_label (const char *field)
{
  if (g_strcmp0 (field, "npi") == 0)
    return _("NPI");
  if (g_strcmp0 (field, "nabp_eprofile") == 0)
    return _("NABP e-Profile ID");
  if (g_strcmp0 (field, "birth_mmdd") == 0)
    return _("Birth month and day");
  if (g_strcmp0 (field, "abim_id") == 0)
    return _("ABIM ID");
  return field;
}

static const char *
id_value (const LanyardAttendee *a,
          const char            *field)
{
  if (g_strcmp0 (field, "npi") == 0)
    return a->npi;
  if (g_strcmp0 (field, "nabp_eprofile") == 0)
    return a->nabp_eprofile;
  if (g_strcmp0 (field, "birth_mmdd") == 0)
    return a->birth_mmdd;
  if (g_strcmp0 (field, "abim_id") == 0)
    return a->abim_id;
  return NULL;
}

static void
add_field (GPtrArray  *fields,
           const char *label,
           const char *value)
{
  LanyardStaffField *field;

  if (value == NULL || *value == '\0')
    return;
  field = g_new0 (LanyardStaffField, 1);
  field->label = g_strdup (label);
  field->value = g_strdup (value);
  g_ptr_array_add (fields, field);
}

static void
add_details (LanyardStaffRecord *self,
             const LanyardEvent *event)
{
  const LanyardAttendee *a = self->attendee;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *badge = g_strdup_printf (_("version %d"), a->badge_version);

  add_field (self->details, _("Ticket code"), a->ticket_code);
  add_field (self->details, _("Credentials"), a->credentials);
  add_field (self->details, _("Profession"), profession_text (a->profession));
  add_field (self->details, _("Affiliation"), a->affiliation);
  add_field (self->details, _("Role"), role_text (a->role));
  add_field (self->details, _("E-mail"), a->email);
  add_field (self->details, _("Registration"),
             a->status == LANYARD_STATUS_CANCELLED ? _("cancelled") : _("active"));
  add_field (self->details, _("Badge"), badge);

  /* The ids credit reporting needs: whether they are there, not what. */
  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);

      if (!lanyard_credit_type_applies (type, a->profession) || type->required_ids == NULL)
        continue;
      for (guint j = 0; type->required_ids[j] != NULL; j++)
        {
          const char *field = type->required_ids[j];
          const char *value = id_value (a, field);

          if (!g_hash_table_add (seen, (gpointer) field))
            continue;
          add_field (self->details, id_label (field),
                     value != NULL && *value != '\0' ? _("on file") : _("missing: needed for credit"));
        }
    }
}

static char *
scan_text (const LanyardScan *scan)
{
  gboolean accepted = lanyard_outcome_is_accepted (scan->outcome);

  switch (scan->kind)
    {
    case LANYARD_SCAN_CHECK_IN:
      return accepted ? g_strdup (_("Checked in"))
                      : g_strdup_printf (_("Check-in refused: %s"), lanyard_outcome_to_message (scan->outcome));
    case LANYARD_SCAN_BADGE_PRINTED:
      return g_strdup (_("Badge printed"));
    case LANYARD_SCAN_BADGE_REPRINTED:
      return scan->detail != NULL && *scan->detail != '\0'
             ? g_strdup_printf (_("Replacement badge: %s"), scan->detail)
             : g_strdup (_("Replacement badge"));
    case LANYARD_SCAN_CERTIFICATE_PRINTED:
      return g_strdup (_("Certificate printed"));
    case LANYARD_SCAN_BADGE_WAITING:
      return g_strdup_printf (_("Badge waiting for the printer: %s"), scan->detail != NULL ? scan->detail : "");
    case LANYARD_SCAN_BADGE_CANCELLED:
      return g_strdup (_("Waiting badge not to be printed"));
    case LANYARD_SCAN_SESSION_ENTRY:
    case LANYARD_SCAN_SESSION_EXIT:
    case LANYARD_SCAN_DISCLOSURE_SHOWN:
    default:
      return NULL;
    }
}

/* A badge that could not print (a kiosk's printer out of labels) waits
 * and prints by itself once the printer is back, unless the desk says not
 * to print it. */
static void
add_waiting_badge (LanyardStaffRecord *self,
                   const LanyardEvent *event,
                   GPtrArray          *scans)
{
  const LanyardScan *waiting = lanyard_checkin_find_waiting_badge (scans);
  g_autofree char *when = NULL;

  if (waiting == NULL)
    return;
  when = lanyard_staff_format_time (event, waiting->at);
  /* Translators: "A badge waits for the printer at kiosk-1 since Tue 10:42 (The printer is out of labels)." */
  self->waiting_badge = g_strdup_printf (_("A badge waits for the printer at %s since %s (%s). It prints by itself "
                                           "once the printer works again."),
                                         waiting->device, when, waiting->detail != NULL ? waiting->detail : "");
}

static void
add_history (LanyardStaffRecord *self,
             const LanyardEvent *event,
             GPtrArray          *scans)
{
  for (guint i = 0; i < scans->len; i++)
    {
      const LanyardScan *scan = g_ptr_array_index (scans, i);
      g_autofree char *text = scan_text (scan);
      g_autofree char *when = NULL;

      if (text == NULL)
        continue;
      when = lanyard_staff_format_time (event, scan->at);
      g_ptr_array_add (self->history, g_strdup_printf ("%s · %s · %s", when, scan->device ? scan->device : "?", text));
    }
}

static void
add_attendance (LanyardStaffRecord *self,
                const LanyardEvent *event,
                GPtrArray          *scans,
                gint64              now)
{
  g_autoptr(LanyardCreditReport) report = lanyard_credits_compute (event, self->attendee, scans, now);

  for (guint i = 0; i < report->sessions->len; i++)
    {
      const LanyardSessionCredit *sc = g_ptr_array_index (report->sessions, i);
      const LanyardSession *s = lanyard_event_find_session (event, sc->session_id);
      g_autofree char *minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                                               sc->minutes), sc->minutes);

      g_ptr_array_add (self->sessions, g_strdup_printf ("%s — %s%s%s", s != NULL ? s->title : sc->session_id,
                                                        minutes, sc->note ? " · " : "", sc->note ? sc->note : ""));
    }
  for (guint i = 0; i < report->totals->len; i++)
    {
      const LanyardCreditAmount *amount = g_ptr_array_index (report->totals, i);
      const LanyardCreditType *type = lanyard_event_find_credit_type (event, amount->code);

      if (type == NULL)
        continue;
      /* Translators: credit type, amount, unit ("credits", "contact hours") */
      g_ptr_array_add (self->credits, g_strdup_printf (_("%s: %.2f %s"), type->label, amount->amount,
                                                       type->unit ? type->unit : ""));
    }
}

/* "… — out of paper", unless it printed in the end */
static void
add_job_error (LanyardStaffJob *line,
               const char      *error)
{
  char *with_error;

  if (error == NULL || *error == '\0' || line->state == LANYARD_JOB_COMPLETED)
    return;
  with_error = g_strdup_printf ("%s — %s", line->text, error);
  g_free (line->text);
  line->text = with_error;
}

GPtrArray *
lanyard_staff_describe_jobs (const LanyardEvent *event,
                             GPtrArray          *jobs)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);

  for (guint i = 0; i < jobs->len; i++)
    {
      const LanyardPrintJob *job = g_ptr_array_index (jobs, i);
      LanyardStaffJob *line = g_new0 (LanyardStaffJob, 1);
      g_autofree char *when = lanyard_staff_format_time (event, job->updated_at ? job->updated_at : job->created_at);
      const char *what = g_strcmp0 (job->document, "certificate") == 0 ? _("Certificate") : _("Badge");
      const char *state = lanyard_staff_job_state_text (job->state);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);

      line->id = job->id;
      line->state = job->state;
      line->waits = job->state == LANYARD_JOB_SUBMITTED && job->error != NULL;
      /* Translators: job number, document, state, time */
      line->text = g_strdup_printf (_("#%s · %s · %s · %s"), number, what, state, when);
      add_job_error (line, job->error);
      g_ptr_array_add (lines, line);
    }
  return lines;
}

/* Other devices' print jobs for the person, as the hub brought them: no
 * number and no retry here, the job is that device's. */
static gboolean
add_other_devices_jobs (LanyardStaffRecord  *self,
                        const LanyardEvent  *event,
                        LanyardStore        *store,
                        gint64               attendee_id,
                        GError             **error)
{
  g_autoptr(GPtrArray) others = lanyard_sync_list_print_jobs (store, attendee_id, error);

  if (others == NULL)
    return FALSE;
  for (guint i = 0; i < others->len; i++)
    {
      const LanyardSyncPrintJob *job = g_ptr_array_index (others, i);
      LanyardStaffJob *line = g_new0 (LanyardStaffJob, 1);
      g_autofree char *when = lanyard_staff_format_time (event, job->updated_at);
      const char *what = g_strcmp0 (job->document, "certificate") == 0 ? _("Certificate") : _("Badge");

      line->state = job->state;
      /* Translators: document, state, time, the device that printed it ("Badge · Printed · Tue 08:14 · at kiosk-3") */
      line->text = g_strdup_printf (_("%s · %s · %s · at %s"), what, lanyard_staff_job_state_text (job->state),
                                    when, job->device);
      add_job_error (line, job->error);
      g_ptr_array_add (self->jobs, line);
    }
  return TRUE;
}

/* A name and a ticket code staff can search for: "Jane Smith · MW26-DEMO01". */
static char *
conflict_title (LanyardStore *store,
                const char   *ticket_code)
{
  g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (store, ticket_code, NULL);
  g_autofree char *name = a != NULL ? lanyard_attendee_dup_display_name (a) : NULL;

  return name != NULL ? g_strdup_printf ("%s · %s", name, ticket_code) : g_strdup (ticket_code);
}

static char *
conflict_words (const LanyardSyncConflict *c,
                const char                *devices,
                const char                *when)
{
  if (g_strcmp0 (c->kind, "printed_twice") == 0)
    /* Translators: devices, then a time: "kiosk-1, kiosk-2 · Tue 08:14" */
    return g_strdup_printf (_("Printed twice: checked in at more than one device (%s · %s) while "
                              "they could not reach each other"), devices, when);
  if (g_strcmp0 (c->kind, "checked_in_cancelled") == 0)
    return g_strdup_printf (_("Checked in at %s after the registration was cancelled (%s): "
                              "talk to them at the desk"), devices, when);
  if (g_strcmp0 (c->kind, "edit_lost") == 0)
    {
      g_autofree char *field = g_strdelimit (g_strdup (c->field != NULL ? c->field : ""), "_", ' ');

      return g_strdup_printf (_("Two desks changed “%s” (%s · %s): the later one was kept, the other "
                                "is in the history; check it"), field, devices, when);
    }
  return g_strdup_printf ("%s (%s · %s)", c->kind, devices, when);
}

GPtrArray *
lanyard_staff_describe_conflicts (LanyardStore       *store,
                                  const LanyardEvent *event,
                                  GPtrArray          *conflicts)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const LanyardSyncConflict *c = g_ptr_array_index (conflicts, i);
      g_auto(GStrv) names = g_strsplit (c->devices != NULL ? c->devices : "", ",", -1);
      g_autofree char *devices = g_strjoinv (", ", names);
      g_autofree char *when = lanyard_staff_format_time (event, c->at);
      LanyardStaffField *field = g_new0 (LanyardStaffField, 1);

      field->label = conflict_title (store, c->ticket_code);
      field->value = conflict_words (c, devices, when);
      g_ptr_array_add (fields, field);
    }
  return fields;
}

static void
add_audit (LanyardStaffRecord *self,
           const LanyardEvent *event,
           GPtrArray          *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const LanyardAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *when = lanyard_staff_format_time (event, e->at);

      g_ptr_array_add (self->audit, g_strdup_printf ("%s · %s · %s: “%s” → “%s”%s%s", when, e->device ? e->device : "?",
                                                     field_text (e->field),
                                                     lanyard_attendee_field_shown (e->field, e->old_value),
                                                     lanyard_attendee_field_shown (e->field, e->new_value),
                                                     e->reason ? " · " : "", e->reason ? e->reason : ""));
    }
}

LanyardStaffRecord *
lanyard_staff_record_load (LanyardStore       *store,
                           const LanyardEvent *event,
                           gint64              attendee_id,
                           gint64              now,
                           GError            **error)
{
  g_autoptr(LanyardStaffRecord) self = g_new0 (LanyardStaffRecord, 1);
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) attestations = NULL;
  g_autoptr(LanyardCertificate) certificate = NULL;
  g_autoptr(GError) no_certificate = NULL;

  self->details = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->sessions = g_ptr_array_new_with_free_func (g_free);
  self->credits = g_ptr_array_new_with_free_func (g_free);
  self->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  self->audit = g_ptr_array_new_with_free_func (g_free);

  if ((self->attendee = lanyard_store_get_attendee (store, attendee_id, error)) == NULL
      || (scans = lanyard_store_list_scans (store, attendee_id, error)) == NULL
      || (jobs = lanyard_store_list_print_jobs (store, attendee_id, error)) == NULL
      || (audit = lanyard_store_list_audit (store, attendee_id, error)) == NULL
      || (attestations = lanyard_store_list_attestations (store, attendee_id, error)) == NULL)
    return NULL;

  self->name = lanyard_attendee_dup_display_name (self->attendee);
  add_details (self, event);
  add_history (self, event, scans);
  add_attendance (self, event, scans, now);
  add_waiting_badge (self, event, scans);
  g_ptr_array_unref (self->jobs);
  self->jobs = lanyard_staff_describe_jobs (event, jobs);
  if (!add_other_devices_jobs (self, event, store, attendee_id, error))
    return NULL;
  add_audit (self, event, audit);

  certificate = lanyard_certificate_prepare (event, self->attendee, scans, attestations,
                                             lanyard_store_get_evaluation_done (store, attendee_id),
                                             now, &no_certificate);
  if (certificate == NULL)
    self->no_certificate = g_strdup (no_certificate != NULL ? no_certificate->message : _("No certificate"));
  return g_steal_pointer (&self);
}

char *
lanyard_staff_new_walk_in_code (LanyardStore *store)
{
  for (;;)
    {
      g_autofree char *code = g_strdup_printf ("WI-%08X", g_random_int ());
      g_autoptr(LanyardAttendee) clash = lanyard_store_find_ticket (store, code, NULL);

      if (clash == NULL)
        return g_steal_pointer (&code);
    }
}
