/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-attendee-field.h"
#include "lanyard-certificate.h"
#include "lanyard-claim.h"
#include "lanyard-credits.h"
#include "lanyard-error.h"

/* The ids this type needs that the learner lacks (keys, e.g. "abim_id"):
 * they are sent to the desk before claiming it (CME.md: MOC and CPE
 * Monitor cannot take a record without them). */
GStrv
lanyard_credit_type_missing_ids (const LanyardCreditType *type,
                                 const LanyardAttendee   *attendee)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint j = 0; type->required_ids != NULL && type->required_ids[j] != NULL; j++)
    {
      const char *key = type->required_ids[j];

      if (lanyard_attendee_field_find (key) != NULL && *lanyard_attendee_field_get (attendee, key) == '\0')
        g_strv_builder_add (builder, key);
    }
  return g_strv_builder_end (builder);
}

static gboolean
check_one (const LanyardEvent         *event,
           const LanyardAttendee      *attendee,
           const LanyardCreditReport  *report,
           const LanyardClaim         *claim,
           double                     *out_amount,
           GError                    **error)
{
  const LanyardCreditType *type;
  g_auto(GStrv) missing = NULL;

  if (!lanyard_certificate_check_claim_value (event, attendee, report, claim->code, claim->credits, NULL,
                                              out_amount, error))
    return FALSE;
  type = lanyard_event_find_credit_type (event, claim->code);
  missing = lanyard_credit_type_missing_ids (type, attendee);
  if (missing[0] != NULL)
    {
      const LanyardAttendeeField *field = lanyard_attendee_field_find (missing[0]);

      /* Translators: a credit type's name, then an id's name (e.g. "ABIM board ID") */
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_MISSING_ID,
                   _("%s needs your %s, which the registration does not have. "
                     "Please see the registration desk."), type->label, _(field->label));
      return FALSE;
    }
  return TRUE;
}

gboolean
lanyard_claim_record (LanyardStore        *store,
                      const LanyardEvent  *event,
                      gint64               attendee_id,
                      const LanyardClaim  *claims,
                      guint                n_claims,
                      const char          *device,
                      gint64               now,
                      GError             **error)
{
  g_autoptr(LanyardAttendee) attendee = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(LanyardCreditReport) report = NULL;
  g_autofree double *amounts = NULL;

  if (n_claims == 0)
    return TRUE;
  if (!lanyard_store_begin (store, error))
    return FALSE;
  /* What was earned is what the scan log says now, in this transaction:
   * a claim made on another kiosk a moment ago is seen. */
  if ((attendee = lanyard_store_get_attendee (store, attendee_id, error)) == NULL ||
      (scans = lanyard_store_list_scans (store, attendee_id, error)) == NULL)
    goto fail;
  if (attendee->status == LANYARD_STATUS_CANCELLED)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOTHING_TO_CERTIFY,
                           _("This registration was cancelled, so no credit can be claimed. "
                             "Please see the registration desk."));
      goto fail;
    }
  report = lanyard_credits_compute (event, attendee, scans, now);
  amounts = g_new0 (double, n_claims);
  for (guint i = 0; i < n_claims; i++)
    if (!check_one (event, attendee, report, &claims[i], &amounts[i], error))
      goto fail;
  for (guint i = 0; i < n_claims; i++)
    {
      const LanyardCreditType *type = lanyard_event_find_credit_type (event, claims[i].code);

      if (!lanyard_store_add_attestation (store, attendee_id, claims[i].code, amounts[i], device,
                                          type->permission_to_report && claims[i].permission_to_report, error))
        goto fail;
    }
  return lanyard_store_commit (store, error);

fail:
  lanyard_store_rollback (store);
  return FALSE;
}

static const LanyardAnswer *
find_answer (GPtrArray  *answers,
             const char *question)
{
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const LanyardAnswer *a = g_ptr_array_index (answers, i);

      if (g_strcmp0 (a->question, question) == 0)
        return a;
    }
  return NULL;
}

static gboolean
answer_is_valid (const LanyardQuestion *q,
                 const LanyardAnswer   *a)
{
  switch (q->kind)
    {
    case LANYARD_QUESTION_SCALE:
      return a->score >= 1 && a->score <= 5;
    case LANYARD_QUESTION_CHOICE:
      return a->choice != NULL && q->choices != NULL && g_strv_contains ((const char * const *) q->choices, a->choice);
    case LANYARD_QUESTION_TEXT:
    default:
      {
        g_autofree char *text = g_strstrip (g_strdup (a->text != NULL ? a->text : ""));

        return *text != '\0';
      }
    }
}

/* The answers and "evaluation done", together or not at all. Required
 * questions must be answered; an answer must fit its question. */
gboolean
lanyard_evaluation_record (LanyardStore        *store,
                           const LanyardEvent  *event,
                           gint64               attendee_id,
                           GPtrArray           *answers,
                           const char          *device,
                           GError             **error)
{
  for (guint i = 0; i < event->questions->len; i++)
    {
      const LanyardQuestion *q = g_ptr_array_index (event->questions, i);

      if (q->required && !q->per_session && find_answer (answers, q->id) == NULL)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_EVALUATION_REQUIRED,
                       _("Please answer “%s”."), q->text);
          return FALSE;
        }
    }
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const LanyardAnswer *a = g_ptr_array_index (answers, i);
      const LanyardQuestion *q = NULL;

      for (guint k = 0; k < event->questions->len && q == NULL; k++)
        if (g_strcmp0 (((LanyardQuestion *) g_ptr_array_index (event->questions, k))->id, a->question) == 0)
          q = g_ptr_array_index (event->questions, k);
      if (q == NULL || !answer_is_valid (q, a))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       _("“%s” is not an answer to this evaluation's question %s."),
                       a->text ? a->text : a->choice ? a->choice : "—", a->question);
          return FALSE;
        }
    }

  if (!lanyard_store_begin (store, error))
    return FALSE;
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    if (!lanyard_store_add_evaluation_answer (store, attendee_id, g_ptr_array_index (answers, i), device, error))
      goto fail;
  if (!lanyard_store_set_evaluation_done (store, attendee_id, device, error))
    goto fail;
  return lanyard_store_commit (store, error);

fail:
  lanyard_store_rollback (store);
  return FALSE;
}

LanyardCertificate *
lanyard_claim_read_certificate (LanyardStore          *store,
                                const LanyardEvent    *event,
                                const LanyardAttendee *attendee,
                                gint64                 now,
                                GError               **error)
{
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GPtrArray) attestations = NULL;

  g_return_val_if_fail (LANYARD_IS_STORE (store), NULL);
  g_return_val_if_fail (event != NULL && attendee != NULL, NULL);

  if ((scans = lanyard_store_list_scans (store, attendee->id, error)) == NULL
      || (attestations = lanyard_store_list_attestations (store, attendee->id, error)) == NULL)
    return NULL;
  return lanyard_certificate_prepare (event, attendee, scans, attestations,
                                      lanyard_store_get_evaluation_done (store, attendee->id), now, error);
}
