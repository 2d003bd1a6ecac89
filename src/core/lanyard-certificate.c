/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-certificate.h"
#include "lanyard-claim.h"
#include "lanyard-error.h"

void
lanyard_certificate_free (LanyardCertificate *self)
{
  if (self == NULL)
    return;
  g_free (self->learner);
  g_free (self->learner_drawn);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self);
}

static const LanyardCreditAmount *
find_amount (GPtrArray  *amounts,
             const char *code)
{
  if (amounts == NULL)
    return NULL;
  for (guint i = 0; i < amounts->len; i++)
    {
      const LanyardCreditAmount *a = g_ptr_array_index (amounts, i);

      if (g_strcmp0 (a->code, code) == 0)
        return a;
    }
  return NULL;
}

/* What the learner claims: the attestation, in the type's steps, never more
 * than earned (CME.md: credits claimed, not the designated maximum). */
static double
claimed_amount (const LanyardCreditType *type,
                double                   earned,
                GPtrArray               *attestations)
{
  const LanyardCreditAmount *attested = find_amount (attestations, type->code);
  double step = type->step > 0 ? type->step : 0.25;
  double claimed;

  if (attested == NULL)
    return earned;
  claimed = floor (attested->amount / step + 1e-9) * step;
  return CLAMP (claimed, 0.0, earned);
}

static gboolean
claim_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA, message);
  return FALSE;
}

/* CME.md: a claim is refused when above what was earned, for a type the
 * profession cannot get, or off the type's step, so that the claim stored
 * is the claim printed. `shown` is the amount as the learner gave it. */
gboolean
lanyard_certificate_check_claim_value (const LanyardEvent         *event,
                                       const LanyardAttendee      *attendee,
                                       const LanyardCreditReport  *report,
                                       const char                 *code,
                                       double                      value,
                                       const char                 *shown,
                                       double                     *out_amount,
                                       GError                    **error)
{
  const LanyardCreditType *type = lanyard_event_find_credit_type (event, code);
  g_autofree char *message = NULL;
  g_autofree char *shown_owned = NULL;
  double step, earned, steps;

  if (shown == NULL)
    shown = shown_owned = g_strdup_printf ("%.2f", value);
  if (type == NULL)
    {
      message = g_strdup_printf (_("“%s” is not a credit type of this event."), code);
      return claim_error (error, message);
    }
  if (!lanyard_credit_type_applies (type, attendee->profession))
    {
      /* Translators: a credit type's name, then a profession as stored (physician, nurse…) */
      message = g_strdup_printf (_("%s cannot be claimed by this learner's profession (%s)."), type->label,
                                 attendee->profession && *attendee->profession ? attendee->profession : "—");
      return claim_error (error, message);
    }
  step = type->step > 0 ? type->step : 0.25;
  steps = value / step;
  if (value < 0 || fabs (steps - round (steps)) > 1e-9)
    {
      /* Translators: an amount as typed, a credit type's name, its step (e.g. 0.25) */
      message = g_strdup_printf (_("%s is not a whole number of steps: %s is claimed in steps of %g."),
                                 shown, type->label, step);
      return claim_error (error, message);
    }
  earned = lanyard_credit_report_get_total (report, type->code);
  if (value > earned + 1e-9)
    {
      /* Translators: an amount as typed, the amount earned, a credit type's name */
      message = g_strdup_printf (_("%s is more than the %.2f %s earned."), shown, earned, type->label);
      return claim_error (error, message);
    }
  *out_amount = round (steps) * step;
  return TRUE;
}

/* The same for an amount as typed: a plain decimal only. */
gboolean
lanyard_certificate_check_claim (const LanyardEvent         *event,
                                 const LanyardAttendee      *attendee,
                                 const LanyardCreditReport  *report,
                                 const char                 *code,
                                 const char                 *amount,
                                 double                     *out_amount,
                                 GError                    **error)
{
  g_autofree char *message = NULL;
  const char *p;

  if (lanyard_event_find_credit_type (event, code) == NULL)
    return lanyard_certificate_check_claim_value (event, attendee, report, code, 0, amount, out_amount, error);
  /* digits, optionally a point and more digits: no sign, exponent or hex */
  for (p = amount; g_ascii_isdigit (*p); p++)
    ;
  if (p != amount && *p == '.' && g_ascii_isdigit (p[1]))
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  if (p == amount || *p != '\0' || strlen (amount) > 12)
    {
      const LanyardCreditType *type = lanyard_event_find_credit_type (event, code);

      /* the profession is judged before the amount */
      if (!lanyard_credit_type_applies (type, attendee->profession))
        return lanyard_certificate_check_claim_value (event, attendee, report, code, 0, amount, out_amount, error);
      message = g_strdup_printf (_("“%s” is not an amount of credit: write a number such as 1.5."), amount);
      return claim_error (error, message);
    }
  return lanyard_certificate_check_claim_value (event, attendee, report, code, g_ascii_strtod (amount, NULL),
                                                amount, out_amount, error);
}

static gboolean
is_pharmacist (const LanyardAttendee *attendee)
{
  return g_strcmp0 (attendee->profession, "pharmacist") == 0;
}

LanyardCertificate *
lanyard_certificate_prepare (const LanyardEvent    *event,
                             const LanyardAttendee *attendee,
                             GPtrArray             *scans,
                             GPtrArray             *attestations,
                             gboolean               evaluation_done,
                             gint64                 now,
                             GError               **error)
{
  g_autoptr(LanyardCertificate) self = g_new0 (LanyardCertificate, 1);
  g_autoptr(LanyardCreditReport) report = NULL;
  gboolean any_type_applies = FALSE;
  gboolean any_earned = FALSE;
  gint64 seconds = 0;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (attendee != NULL, NULL);

  if (attendee->status == LANYARD_STATUS_CANCELLED)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOTHING_TO_CERTIFY,
                   _("This registration was cancelled, so there is no certificate. "
                     "Please see the registration desk."));
      return NULL;
    }

  report = lanyard_credits_compute (event, attendee, scans, now);
  for (guint i = 0; i < report->sessions->len; i++)
    {
      const LanyardSessionCredit *line = g_ptr_array_index (report->sessions, i);

      if (line->presenter || line->minutes <= 0)
        continue;
      seconds += line->seconds;
      self->sessions++;
    }
  self->minutes = (int) (seconds / 60);
  self->hours = lanyard_credits_round (seconds * G_USEC_PER_SEC, 0.25);

  if (self->minutes == 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOTHING_TO_CERTIFY,
                   _("No session attendance is recorded for you yet, so there is "
                     "nothing to certify. Please see the registration desk."));
      return NULL;
    }

  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->pending = g_ptr_array_new ();
  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);
      LanyardCertificateLine *line;
      double earned;

      if (!lanyard_credit_type_applies (type, attendee->profession))
        continue;
      any_type_applies = TRUE;

      earned = lanyard_credit_report_get_total (report, type->code);
      if (earned <= 0)
        continue;
      any_earned = TRUE;

      /* CME.md: a setting per credit type. Credit that waits for the
       * evaluation is named on the certificate as waiting, not printed. */
      if (type->evaluation_required && !evaluation_done)
        {
          g_ptr_array_add (self->pending, (gpointer) type);
          continue;
        }

      line = g_new0 (LanyardCertificateLine, 1);
      line->type = type;
      line->earned = earned;
      line->claimed = claimed_amount (type, earned, attestations);
      line->attested = find_amount (attestations, type->code) != NULL;
      if (!line->attested)
        {
          /* The kiosk sends such a learner to the desk before the claim
           * (CME.md: a board or CPE Monitor cannot take the record without
           * the id): the certificate must not offer the credit as simply
           * "to claim" either. */
          g_auto(GStrv) missing = lanyard_credit_type_missing_ids (type, attendee);

          if (missing[0] != NULL)
            line->missing_id = lanyard_attendee_field_find (missing[0])->key;
        }
      if (line->claimed <= 0)
        {
          g_free (line);
          continue;
        }
      g_ptr_array_add (self->lines, line);
    }

  if (any_type_applies && !any_earned)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOTHING_TO_CERTIFY,
                   _("Your recorded attendance does not reach a credit yet, so there "
                     "is nothing to certify. Please see the registration desk."));
      return NULL;
    }
  if (self->lines->len == 0 && self->pending->len > 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_EVALUATION_REQUIRED,
                   _("Please complete the activity evaluation first; "
                     "your certificate can be printed right after."));
      return NULL;
    }
  if (any_type_applies && self->lines->len == 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOTHING_TO_CERTIFY,
                   _("You claimed no credit, so there is nothing to certify."));
      return NULL;
    }

  /* Pharmacists' credit is recorded in CPE Monitor; professions with no
   * credit type of this event get a record of attendance. */
  self->kind = (is_pharmacist (attendee) || !any_type_applies)
             ? LANYARD_CERTIFICATE_PARTICIPATION
             : LANYARD_CERTIFICATE_CREDIT;
  /* A physician assistant, or anyone else no credit type is for: the
   * activity's AMA PRA designation and their hours, never "claimed". */
  if (!any_type_applies)
    {
      const LanyardCreditType *ama = lanyard_event_find_credit_type (event, "AMA_PRA_1");

      if (ama != NULL && ama->max_credits > 0)
        self->designated = ama;
    }
  self->learner = lanyard_attendee_dup_display_name (attendee);
  self->learner_drawn = lanyard_attendee_dup_display_name_isolated (attendee);
  return g_steal_pointer (&self);
}
