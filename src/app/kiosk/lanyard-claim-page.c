/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lanyard-attendee-field.h"
#include "lanyard-certificate.h"
#include "lanyard-checkin.h"
#include "lanyard-claim.h"
#include "lanyard-claim-page.h"
#include "lanyard-credits.h"
#include "lanyard-document-job.h"
#include "lanyard-keyboard.h"
#include "lanyard-kiosk-entry.h"
#include "lanyard-store-work.h"

/* What one claimable type shows: its stepper and the permission asked. */
typedef struct {
  const LanyardCreditType *type;
  double                   earned;
  double                   claimed;   /* before this visit; -1 = never */
  GtkSpinButton           *spin;
  GtkCheckButton          *permission; /* NULL unless the type asks */
} TypeLine;

/* One question asked (per session: once for each session attended). */
typedef struct {
  const LanyardQuestion *question;
  char                  *session_id;
  GtkWidget             *row;      /* shown one at a time */
  GPtrArray             *toggles;  /* GtkToggleButton*, SCALE and CHOICE */
  GtkEditable           *entry;    /* TEXT */
} Asked;

struct _LanyardClaimPage
{
  AdwBin                    parent_instance;

  /* template widgets */
  GtkLabel                 *title;
  GtkLabel                 *message;
  GtkLabel                 *problem;
  GtkScrolledWindow        *scroller;
  GtkBox                   *content;
  LanyardKeyboard          *keyboard;
  GtkButton                *back_button;
  GtkButton                *next_button;

  /* owned */
  LanyardClaimStep          step;
  LanyardAttendee          *attendee;
  LanyardCreditReport      *report;
  GArray                   *types;    /* TypeLine */
  GPtrArray                *asked;    /* Asked* */
  guint                     current;  /* the question shown */
  gboolean                  evaluation_done;
  gboolean                  writing;  /* a claim, an evaluation or a read on its way */
  guint                     shown;    /* counts resets: whose page a write's answer is for */
  GCancellable             *cancellable;

  /* borrowed until reset */
  LanyardStore             *store;
  const LanyardEvent       *event;
  const LanyardKioskConfig *config;
  const char               *device;  /* borrowed: the name its rows go under */
};

G_DEFINE_FINAL_TYPE (LanyardClaimPage, lanyard_claim_page, ADW_TYPE_BIN)

enum {
  STEP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
asked_free (Asked *self)
{
  g_free (self->session_id);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  g_free (self);
}

const char *
lanyard_claim_step_to_string (LanyardClaimStep step)
{
  switch (step)
    {
    case LANYARD_CLAIM_STEP_TRANSCRIPT: return "transcript";
    case LANYARD_CLAIM_STEP_ATTEST: return "attest";
    case LANYARD_CLAIM_STEP_EVALUATION: return "evaluation";
    case LANYARD_CLAIM_STEP_PRINTING: return "printing";
    case LANYARD_CLAIM_STEP_DONE: return "done";
    case LANYARD_CLAIM_STEP_PROBLEM: return "problem";
    case LANYARD_CLAIM_STEP_NONE:
    default: return "none";
    }
}

LanyardClaimStep
lanyard_claim_page_get_step (LanyardClaimPage *self)
{
  g_return_val_if_fail (LANYARD_IS_CLAIM_PAGE (self), LANYARD_CLAIM_STEP_NONE);
  return self->step;
}

static void
clear_content (LanyardClaimPage *self)
{
  GtkWidget *child;

  /* typed answers do not stay in an entry's undo or primary selection */
  for (guint i = 0; i < self->asked->len; i++)
    {
      Asked *asked = g_ptr_array_index (self->asked, i);

      if (asked->entry != NULL)
        lanyard_kiosk_entry_forget (asked->entry);
    }
  g_ptr_array_set_size (self->asked, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  lanyard_keyboard_set_target (self->keyboard, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->keyboard), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
set_step (LanyardClaimPage *self,
          LanyardClaimStep  step,
          const char       *title,
          const char       *message,
          const char       *next_label)
{
  self->step = step;
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), next_label != NULL);
  if (next_label != NULL)
    gtk_button_set_label (self->next_button, next_label);
  gtk_button_set_label (self->back_button,
                        step == LANYARD_CLAIM_STEP_TRANSCRIPT ? _("Not me")
                        : step == LANYARD_CLAIM_STEP_DONE ? _("Done") : _("Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), step != LANYARD_CLAIM_STEP_PRINTING);
  g_signal_emit (self, signals[STEP_CHANGED], 0);
}

static void
say_problem (LanyardClaimPage *self,
             const char       *text)
{
  gtk_label_set_text (self->problem, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static char *
format_amount (double                   amount,
               const LanyardCreditType *type)
{
  /* Translators: an amount and a credit type's name: "1.50 AMA PRA Category 1 Credit™" */
  return g_strdup_printf (_("%.2f %s"), amount, type->label);
}

static const TypeLine *
find_line (LanyardClaimPage *self,
           const char       *code)
{
  for (guint i = 0; i < self->types->len; i++)
    if (g_strcmp0 (g_array_index (self->types, TypeLine, i).type->code, code) == 0)
      return &g_array_index (self->types, TypeLine, i);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Transcript                                                           */

static void
add_session_row (LanyardClaimPage           *self,
                 const LanyardSessionCredit *line)
{
  const LanyardSession *session = lanyard_event_find_session (self->event, line->session_id);
  GtkBox *row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  g_autoptr(GString) detail = g_string_new (NULL);

  gtk_widget_add_css_class (GTK_WIDGET (row), "claim-row");
  add_label (row, session != NULL ? session->title : line->session_id, "claim-row-title");
  g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", line->minutes),
                          line->minutes);
  for (guint k = 0; line->credits != NULL && k < line->credits->len; k++)
    {
      const LanyardCreditAmount *c = g_ptr_array_index (line->credits, k);
      const LanyardCreditType *type = lanyard_event_find_credit_type (self->event, c->code);
      g_autofree char *amount = type != NULL ? format_amount (c->amount, type) : NULL;

      if (amount != NULL)
        g_string_append_printf (detail, " · %s", amount);
    }
  add_label (row, detail->str, "claim-row-detail");
  if (line->presenter)
    add_label (row, _("You presented this session: presenters get no learner credit for it."), "claim-row-note");
  else if (line->note != NULL)
    add_label (row, line->note, "claim-row-note");
  gtk_box_append (self->content, GTK_WIDGET (row));
}

static gboolean
anything_to_claim (LanyardClaimPage *self)
{
  for (guint i = 0; i < self->types->len; i++)
    {
      const TypeLine *t = &g_array_index (self->types, TypeLine, i);

      if (t->earned > t->claimed + 1e-9)
        return TRUE;
    }
  return FALSE;
}

/* As lanyard_certificate_prepare decides: pharmacists (CPE Monitor) and
 * professions no credit type is for. */
static gboolean
participation_only (LanyardClaimPage *self)
{
  if (g_strcmp0 (self->attendee->profession, "pharmacist") == 0)
    return TRUE;
  for (guint i = 0; i < self->event->credit_types->len; i++)
    if (lanyard_credit_type_applies (g_ptr_array_index (self->event->credit_types, i), self->attendee->profession))
      return FALSE;
  return TRUE;
}

static void
show_transcript (LanyardClaimPage *self)
{
  g_autofree char *name = lanyard_attendee_dup_display_name (self->attendee);
  g_autofree char *title = g_strdup_printf (_("Your credits, %s"), name);
  const char *next = NULL;
  gboolean any_session = FALSE;

  clear_content (self);
  add_label (self->content, _("Sessions attended"), "claim-heading");
  for (guint i = 0; i < self->report->sessions->len; i++)
    {
      add_session_row (self, g_ptr_array_index (self->report->sessions, i));
      any_session = TRUE;
    }
  if (!any_session)
    add_label (self->content, _("No session attendance is recorded for you yet. If you attended sessions, "
                                "please see the registration desk."), "claim-row-note");

  add_label (self->content, _("Credit"), "claim-heading");
  for (guint i = 0; i < self->event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (self->event->credit_types, i);
      const TypeLine *t = find_line (self, type->code);
      g_auto(GStrv) missing = NULL;
      g_autofree char *earned = NULL;
      g_autofree char *text = NULL;

      if (!lanyard_credit_type_applies (type, self->attendee->profession))
        continue;
      earned = format_amount (lanyard_credit_report_get_total (self->report, type->code), type);
      missing = lanyard_credit_type_missing_ids (type, self->attendee);
      if (missing[0] != NULL)
        {
          const LanyardAttendeeField *field = lanyard_attendee_field_find (missing[0]);

          /* Translators: the credit earned ("2.00 ABIM MOC points"), then an id's name */
          text = g_strdup_printf (_("%s earned. To claim it, please see the registration desk: "
                                    "your %s is missing."), earned, _(field->label));
        }
      else if (t != NULL && t->claimed >= 0)
        {
          g_autofree char *claimed = format_amount (t->claimed, type);

          /* Translators: the credit earned, then the credit claimed on an earlier visit */
          text = g_strdup_printf (_("%s earned; you claimed %s on an earlier visit."), earned, claimed);
        }
      else
        /* Translators: the credit earned ("2.00 AMA PRA Category 1 Credits™") */
        text = g_strdup_printf (_("%s earned."), earned);
      add_label (self->content, text, "claim-total");
    }
  if (participation_only (self))
    add_label (self->content, g_strcmp0 (self->attendee->profession, "pharmacist") == 0
               ? _("You receive a statement of participation; your credit will appear in CPE Monitor.")
               : _("You receive a certificate of participation with your hours."), "claim-row-note");

  if (anything_to_claim (self))
    next = _("Claim my credit");
  else if (any_session)
    next = _("Print my certificate");
  set_step (self, LANYARD_CLAIM_STEP_TRANSCRIPT, title,
            _("What your badge scans at the session doors show."), next);
}

/* ------------------------------------------------------------------ */
/* Attestation                                                          */

static void
show_attest (LanyardClaimPage *self)
{
  clear_content (self);
  for (guint i = 0; i < self->types->len; i++)
    {
      TypeLine *t = &g_array_index (self->types, TypeLine, i);
      GtkBox *row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
      GtkBox *amount = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16));
      double low = MAX (t->claimed, 0.0);

      gtk_widget_add_css_class (GTK_WIDGET (row), "claim-row");
      add_label (row, t->type->label, "claim-row-title");
      add_label (row, t->type->attestation != NULL ? t->type->attestation
                 : _("I attest that I participated in this activity and claim only the credit "
                     "commensurate with the extent of my participation."), NULL);
      add_label (amount, _("I claim"), NULL);
      t->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (low, t->earned, t->type->step));
      gtk_spin_button_set_digits (t->spin, 2);
      gtk_spin_button_set_snap_to_ticks (t->spin, TRUE);
      gtk_spin_button_set_numeric (t->spin, TRUE);
      gtk_spin_button_set_value (t->spin, t->earned);
      gtk_widget_set_name (GTK_WIDGET (t->spin), t->type->code);
      gtk_box_append (amount, GTK_WIDGET (t->spin));
      add_label (amount, t->type->unit, NULL);
      gtk_box_append (row, GTK_WIDGET (amount));
      if (t->type->permission_to_report)
        {
          t->permission = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (
            _("You may report this credit to my certifying board.")));
          gtk_box_append (row, GTK_WIDGET (t->permission));
        }
      else
        t->permission = NULL;
      gtk_box_append (self->content, GTK_WIDGET (row));
    }
  set_step (self, LANYARD_CLAIM_STEP_ATTEST, _("Claim your credit"),
            _("Claim only the credit that matches your participation. You can lower it, never raise it."),
            _("I attest — continue"));
}

/* ------------------------------------------------------------------ */
/* The claim and the evaluation, written on a worker                   */

/* Written on a worker thread with a connection of its own
 * (lanyard-store-work.h), so that a database another process holds (an
 * import, a backup, rows from the hub) does not freeze the kiosk in the
 * tap; the page goes on once it is written, if it still shows the same
 * person. The data holds no widget: the event's reference keeps the
 * claims' credit type codes. */
typedef enum {
  CLAIM_WRITE_CLAIMS,
  CLAIM_WRITE_EVALUATION,
  CLAIM_WRITE_CERTIFICATE_PRINTED,
} ClaimWriteKind;

typedef struct {
  ClaimWriteKind  kind;
  LanyardEvent   *event;
  gint64          attendee_id;
  guint           shown;     /* the page's count when the write was made */
  char           *device;
  LanyardClaim   *claims;    /* CLAIMS */
  guint           n_claims;
  GPtrArray      *answers;   /* EVALUATION: LanyardAnswer */
  gint64          at;
} ClaimWrite;

static void
claim_write_free (ClaimWrite *write)
{
  lanyard_event_unref (write->event);
  g_free (write->device);
  g_free (write->claims);
  g_clear_pointer (&write->answers, g_ptr_array_unref);
  g_free (write);
}

static ClaimWrite *
claim_write_new (LanyardClaimPage *self,
                 ClaimWriteKind    kind)
{
  ClaimWrite *write = g_new0 (ClaimWrite, 1);

  write->kind = kind;
  write->event = lanyard_event_ref ((LanyardEvent *) self->event);
  write->attendee_id = self->attendee->id;
  write->shown = self->shown;
  write->device = g_strdup (self->device);
  write->at = g_get_real_time ();
  return write;
}

static gpointer
claim_write_run (LanyardStore  *store,
                 gpointer       data,
                 GError       **error)
{
  ClaimWrite *write = data;

  switch (write->kind)
    {
    case CLAIM_WRITE_CLAIMS:
      lanyard_claim_record (store, write->event, write->attendee_id, write->claims, write->n_claims,
                            write->device, write->at, error);
      break;
    case CLAIM_WRITE_EVALUATION:
      lanyard_evaluation_record (store, write->event, write->attendee_id, write->answers, write->device, error);
      break;
    case CLAIM_WRITE_CERTIFICATE_PRINTED:
      /* in the scan log, as the desk's certificates are */
      lanyard_checkin_record_print (store, write->attendee_id, LANYARD_SCAN_CERTIFICATE_PRINTED, write->device,
                                    NULL, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void on_written (gpointer      owner,
                        gpointer      result,
                        const GError *error,
                        gpointer      data);

static void
claim_write_async (LanyardClaimPage *self,
                   ClaimWrite       *write)
{
  /* the next tap waits for a claim or an evaluation */
  if (write->kind != CLAIM_WRITE_CERTIFICATE_PRINTED)
    self->writing = TRUE;
  lanyard_store_work_async (self->store, self, claim_write_run, NULL, on_written, write,
                            (GDestroyNotify) claim_write_free, NULL);
}

static void
record_claims (LanyardClaimPage *self)
{
  ClaimWrite *write = claim_write_new (self, CLAIM_WRITE_CLAIMS);
  LanyardClaim *claims = g_new0 (LanyardClaim, MAX (self->types->len, 1));
  guint n = 0;

  for (guint i = 0; i < self->types->len; i++)
    {
      const TypeLine *t = &g_array_index (self->types, TypeLine, i);

      if (t->spin == NULL)
        continue;
      claims[n].code = t->type->code;
      claims[n].credits = round (gtk_spin_button_get_value (t->spin) / t->type->step) * t->type->step;
      claims[n].permission_to_report = t->permission != NULL && gtk_check_button_get_active (t->permission);
      n++;
    }
  write->claims = claims;
  write->n_claims = n;
  claim_write_async (self, write);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                           */

static void
on_entry_focus (GtkEventControllerFocus *controller,
                LanyardClaimPage        *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  lanyard_keyboard_set_target (self->keyboard, GTK_EDITABLE (entry));
}

static void
add_question (LanyardClaimPage      *self,
              const LanyardQuestion *q,
              const LanyardSession  *session)
{
  Asked *asked = g_new0 (Asked, 1);
  GtkBox *row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  g_autofree char *text = session != NULL ? g_strdup_printf ("%s — %s", session->title, q->text) : g_strdup (q->text);

  asked->question = q;
  asked->session_id = session != NULL ? g_strdup (session->id) : NULL;
  asked->row = GTK_WIDGET (row);
  gtk_widget_add_css_class (GTK_WIDGET (row), "claim-row");
  add_label (row, text, "claim-row-title");
  if (q->kind == LANYARD_QUESTION_TEXT)
    {
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      gtk_widget_add_css_class (entry, "kiosk-entry");
      g_signal_connect (focus, "enter", G_CALLBACK (on_entry_focus), self);
      gtk_widget_add_controller (entry, focus);
      lanyard_kiosk_entry_guard (entry);
      asked->entry = GTK_EDITABLE (entry);
      gtk_box_append (row, entry);
    }
  else
    {
      GtkBox *buttons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
      guint n = q->kind == LANYARD_QUESTION_SCALE ? 5 : g_strv_length (q->choices);

      asked->toggles = g_ptr_array_new ();
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *label = q->kind == LANYARD_QUESTION_SCALE ? g_strdup_printf ("%u", k + 1)
                                                                      : g_strdup (q->choices[k]);
          GtkWidget *button = gtk_toggle_button_new_with_label (label);

          gtk_widget_add_css_class (button, "claim-answer");
          if (asked->toggles->len > 0)
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), g_ptr_array_index (asked->toggles, 0));
          g_ptr_array_add (asked->toggles, button);
          gtk_box_append (buttons, button);
        }
      gtk_box_append (row, GTK_WIDGET (buttons));
      if (q->kind == LANYARD_QUESTION_SCALE)
        add_label (row, _("1 = not at all, 5 = very much"), "claim-row-detail");
    }
  g_ptr_array_add (self->asked, asked);
  gtk_box_append (self->content, GTK_WIDGET (row));
}

static gboolean
is_answered (const Asked *asked)
{
  if (asked->entry != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (asked->entry)));

      return *text != '\0';
    }
  for (guint k = 0; k < asked->toggles->len; k++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (asked->toggles, k)))
      return TRUE;
  return FALSE;
}

/* One question a screen: it fits any kiosk's screen with the keyboard. */
static void
show_question (LanyardClaimPage *self,
               guint             index)
{
  const Asked *asked = g_ptr_array_index (self->asked, index);
  g_autofree char *count = NULL;

  self->current = index;
  for (guint i = 0; i < self->asked->len; i++)
    gtk_widget_set_visible (((Asked *) g_ptr_array_index (self->asked, i))->row, i == index);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  lanyard_keyboard_set_target (self->keyboard, asked->entry);
  gtk_widget_set_visible (GTK_WIDGET (self->keyboard), asked->entry != NULL);
  if (asked->entry != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (asked->entry));
  /* Translators: "Question 2 of 5" */
  count = g_strdup_printf (_("Question %u of %u"), index + 1, self->asked->len);
  set_step (self, LANYARD_CLAIM_STEP_EVALUATION, _("Evaluation"), count,
            index + 1 < self->asked->len ? _("Next question") : _("Send my answers"));
}

static void
show_evaluation (LanyardClaimPage *self)
{
  clear_content (self);
  for (guint i = 0; i < self->event->questions->len; i++)
    {
      const LanyardQuestion *q = g_ptr_array_index (self->event->questions, i);

      if (!q->per_session)
        {
          add_question (self, q, NULL);
          continue;
        }
      for (guint s = 0; s < self->report->sessions->len; s++)
        {
          const LanyardSessionCredit *line = g_ptr_array_index (self->report->sessions, s);
          const LanyardSession *session = lanyard_event_find_session (self->event, line->session_id);

          if (session != NULL && !line->presenter && line->minutes > 0)
            add_question (self, q, session);
        }
    }
  add_label (self->content,
             _("Your answers are summarized with everyone else’s; the CME office sees only that you took part."),
             "claim-row-detail");
  if (self->asked->len > 0)
    show_question (self, 0);
}

static void
record_evaluation (LanyardClaimPage *self)
{
  ClaimWrite *write = claim_write_new (self, CLAIM_WRITE_EVALUATION);
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_answer_free);

  for (guint i = 0; i < self->asked->len; i++)
    {
      const Asked *asked = g_ptr_array_index (self->asked, i);
      g_autoptr(LanyardAnswer) a = lanyard_answer_new (asked->question->id, asked->session_id);

      if (asked->entry != NULL)
        {
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (asked->entry)));

          if (*text != '\0')
            a->text = g_steal_pointer (&text);
        }
      else
        for (guint k = 0; k < asked->toggles->len; k++)
          if (gtk_toggle_button_get_active (g_ptr_array_index (asked->toggles, k)))
            {
              if (asked->question->kind == LANYARD_QUESTION_SCALE)
                a->score = (int) k + 1;
              else
                a->choice = g_strdup (asked->question->choices[k]);
            }
      if (a->text != NULL || a->score > 0 || a->choice != NULL)
        g_ptr_array_add (answers, g_steal_pointer (&a));
    }
  write->answers = answers;
  claim_write_async (self, write);
}

/* ------------------------------------------------------------------ */
/* Certificate                                                          */

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LanyardClaimPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  gboolean pharmacist;

  if (!lanyard_document_job_finish (result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->attendee == NULL)
        return;
      clear_content (self);
      set_step (self, LANYARD_CLAIM_STEP_PROBLEM, _("Your certificate could not be printed"),
                _("Your claim is recorded. The registration desk can print your certificate."), NULL);
      say_problem (self, error->message);
      return;
    }
  if (self->attendee == NULL)
    return;
  claim_write_async (self, claim_write_new (self, CLAIM_WRITE_CERTIFICATE_PRINTED));
  pharmacist = g_strcmp0 (self->attendee->profession, "pharmacist") == 0;
  where = g_strdup (self->config->certificate_collect != NULL && *self->config->certificate_collect != '\0'
                    ? self->config->certificate_collect : _("at the certificate printer"));
  clear_content (self);
  set_step (self, LANYARD_CLAIM_STEP_DONE,
            pharmacist ? _("Please collect your statement of participation")
                       : _("Please collect your certificate"),
            NULL, NULL);
  {
    /* Translators: %s is where, e.g. "at the certificate printer" */
    g_autofree char *collect = g_strdup_printf (_("It is printing now; collect it %s."), where);
    g_autofree char *text = pharmacist
      ? g_strconcat (collect, " ", _("Your credit will appear in CPE Monitor."), NULL)
      : g_strdup (collect);

    gtk_label_set_text (self->message, text);
  }
}

/* What the page reads of a person's record, the transcript's or the
 * certificate's (the scan log's rows for them, their attestations, their
 * evaluation), read and worked out on a worker thread with a connection
 * of its own (lanyard-store-work.h): at the largest meeting a few
 * milliseconds, up to some 20 on a loaded machine (bench-scale), and the
 * page would wait for a disk another process keeps busy. The answer is
 * taken only if the page still shows that visit; a tap meanwhile waits. */
typedef struct {
  LanyardEvent    *event;
  LanyardAttendee *attendee;
  guint            shown;
  gboolean         certificate;  /* the certificate, else the transcript */
  gint64           now;
} ClaimRead;

typedef struct {
  GPtrArray           *attestations;
  gboolean             evaluation_done;
  LanyardCreditReport *report;        /* the transcript's */
  LanyardCertificate  *certificate;   /* or the certificate */
} ClaimRecord;

static void
claim_read_free (ClaimRead *read)
{
  lanyard_event_unref (read->event);
  lanyard_attendee_free (read->attendee);
  g_free (read);
}

static void
claim_record_free (ClaimRecord *record)
{
  g_clear_pointer (&record->attestations, g_ptr_array_unref);
  g_clear_pointer (&record->report, lanyard_credit_report_free);
  g_clear_pointer (&record->certificate, lanyard_certificate_free);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClaimRecord, claim_record_free)

static gpointer
claim_read_run (LanyardStore  *store,
                gpointer       data,
                GError       **error)
{
  ClaimRead *read = data;
  g_autoptr(ClaimRecord) record = g_new0 (ClaimRecord, 1);
  g_autoptr(GPtrArray) scans = NULL;

  if (read->certificate)
    {
      if ((record->certificate = lanyard_claim_read_certificate (store, read->event, read->attendee, read->now,
                                                                 error)) == NULL)
        return NULL;
      return g_steal_pointer (&record);
    }
  if ((scans = lanyard_store_list_scans (store, read->attendee->id, error)) == NULL
      || (record->attestations = lanyard_store_list_attestations (store, read->attendee->id, error)) == NULL)
    return NULL;
  record->evaluation_done = lanyard_store_get_evaluation_done (store, read->attendee->id);
  record->report = lanyard_credits_compute (read->event, read->attendee, scans, read->now);
  return g_steal_pointer (&record);
}

static void show_record (LanyardClaimPage *self,
                         ClaimRecord      *record);

static void
on_read (gpointer      owner,
         gpointer      result,
         const GError *error,
         gpointer      data)
{
  LanyardClaimPage *self = owner;
  g_autoptr(ClaimRecord) record = result;
  ClaimRead *read = data;
  LanyardPaper paper = LANYARD_PAPER_LETTER;

  /* the page was reset since (the person left; maybe another came) */
  if (read->shown != self->shown || self->attendee == NULL)
    return;
  self->writing = FALSE;
  if (!read->certificate)
    {
      if (record == NULL)
        set_step (self, LANYARD_CLAIM_STEP_PROBLEM, _("This kiosk has a problem"), error->message, NULL);
      else
        show_record (self, record);
      return;
    }
  if (record == NULL)
    {
      clear_content (self);
      set_step (self, LANYARD_CLAIM_STEP_PROBLEM, _("No certificate yet"), error->message, NULL);
      return;
    }
  if (self->config->certificate_paper != NULL)
    lanyard_paper_from_string (self->config->certificate_paper, &paper);
  clear_content (self);
  set_step (self, LANYARD_CLAIM_STEP_PRINTING, _("Printing your certificate…"), _("This takes a few seconds."), NULL);
  lanyard_certificate_job_run_async (self->store, self->event, self->attendee->id,
                                     g_steal_pointer (&record->certificate), paper,
                                     self->config->certificate_printer, self->config->print_timeout_seconds,
                                     self->cancellable, on_printed, g_object_ref (self));
}

static void
claim_read_async (LanyardClaimPage *self,
                  gboolean          certificate)
{
  ClaimRead *read = g_new0 (ClaimRead, 1);

  read->event = lanyard_event_ref ((LanyardEvent *) self->event);
  read->attendee = lanyard_attendee_copy (self->attendee);
  read->shown = self->shown;
  read->certificate = certificate;
  read->now = g_get_real_time ();
  /* the next tap waits for it */
  self->writing = TRUE;
  lanyard_store_work_async (self->store, self, claim_read_run, (GDestroyNotify) claim_record_free, on_read, read,
                            (GDestroyNotify) claim_read_free, self->cancellable);
}

static void
print_certificate (LanyardClaimPage *self)
{
  claim_read_async (self, TRUE);
}

static gboolean
needs_evaluation (LanyardClaimPage *self)
{
  return !self->evaluation_done && self->event->questions->len > 0;
}

static void
start_evaluation (LanyardClaimPage *self)
{
  show_evaluation (self);
  /* only per-session questions, and no session to ask them for: an
   * evaluation with no answers */
  if (self->asked->len == 0)
    record_evaluation (self);
}

/* The claim or the evaluation written: the next step, or what went
 * wrong (said on the same page, which the person may tap again). */
static void
on_written (gpointer      owner,
            gpointer      result,
            const GError *error,
            gpointer      data)
{
  LanyardClaimPage *self = owner;
  ClaimWrite *write = data;

  if (write->kind == CLAIM_WRITE_CERTIFICATE_PRINTED)
    {
      if (error != NULL)
        g_message ("Could not log the print: %s", error->message);
      return;
    }
  /* the page was reset since (the person left; maybe another came) */
  if (write->shown != self->shown || self->attendee == NULL)
    return;
  self->writing = FALSE;
  if (error != NULL)
    {
      say_problem (self, error->message);
      return;
    }
  if (write->kind == CLAIM_WRITE_EVALUATION)
    self->evaluation_done = TRUE;
  if (write->kind == CLAIM_WRITE_CLAIMS && needs_evaluation (self))
    start_evaluation (self);
  else
    print_certificate (self);
}

static void
next (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  LanyardClaimPage *self = LANYARD_CLAIM_PAGE (widget);

  if (self->writing)
    return;
  switch (self->step)
    {
    case LANYARD_CLAIM_STEP_TRANSCRIPT:
      if (anything_to_claim (self))
        show_attest (self);
      else if (needs_evaluation (self))
        start_evaluation (self);
      else
        print_certificate (self);
      break;
    case LANYARD_CLAIM_STEP_ATTEST:
      record_claims (self);
      break;
    case LANYARD_CLAIM_STEP_EVALUATION:
      {
        const Asked *asked = g_ptr_array_index (self->asked, self->current);

        if (asked->question->required && !is_answered (asked))
          {
            g_autofree char *text = g_strdup_printf (_("Please answer “%s”."), asked->question->text);

            say_problem (self, text);
            return;
          }
        if (self->current + 1 < self->asked->len)
          {
            show_question (self, self->current + 1);
            return;
          }
      }
      record_evaluation (self);
      break;
    case LANYARD_CLAIM_STEP_NONE:
    case LANYARD_CLAIM_STEP_PRINTING:
    case LANYARD_CLAIM_STEP_DONE:
    case LANYARD_CLAIM_STEP_PROBLEM:
    default:
      break;
    }
}

/* The transcript from the person's record: the types they may claim. */
static void
show_record (LanyardClaimPage *self,
             ClaimRecord      *record)
{
  const LanyardEvent *event = self->event;

  self->evaluation_done = record->evaluation_done;
  self->report = g_steal_pointer (&record->report);
  g_array_set_size (self->types, 0);
  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);
      g_auto(GStrv) missing = NULL;
      TypeLine t = { type, lanyard_credit_report_get_total (self->report, type->code), -1, NULL, NULL };

      if (!lanyard_credit_type_applies (type, self->attendee->profession) || t.earned <= 0)
        continue;
      missing = lanyard_credit_type_missing_ids (type, self->attendee);
      if (missing[0] != NULL)
        continue;
      for (guint k = 0; k < record->attestations->len; k++)
        {
          const LanyardCreditAmount *a = g_ptr_array_index (record->attestations, k);

          if (g_strcmp0 (a->code, type->code) == 0)
            t.claimed = a->amount;
        }
      g_array_append_val (self->types, t);
    }
  show_transcript (self);
}

void
lanyard_claim_page_show (LanyardClaimPage         *self,
                         LanyardStore             *store,
                         const LanyardEvent       *event,
                         const LanyardKioskConfig *config,
                         const char               *device,
                         const LanyardAttendee    *attendee)
{
  g_return_if_fail (LANYARD_IS_CLAIM_PAGE (self));
  lanyard_claim_page_reset (self);
  self->store = store;
  self->event = event;
  self->config = config;
  self->device = device;
  self->attendee = lanyard_attendee_copy (attendee);
  self->cancellable = g_cancellable_new ();
  /* the transcript once read (on_read ()): the page says nothing until
   * then, a moment */
  claim_read_async (self, FALSE);
}

void
lanyard_claim_page_reset (LanyardClaimPage *self)
{
  g_return_if_fail (LANYARD_IS_CLAIM_PAGE (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->shown++;
  self->writing = FALSE;
  clear_content (self);
  g_array_set_size (self->types, 0);
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  g_clear_pointer (&self->report, lanyard_credit_report_free);
  self->store = NULL;
  self->event = NULL;
  self->step = LANYARD_CLAIM_STEP_NONE;
  gtk_label_set_text (self->title, "");
  gtk_label_set_text (self->message, "");
}

static void
lanyard_claim_page_dispose (GObject *object)
{
  LanyardClaimPage *self = LANYARD_CLAIM_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANYARD_TYPE_CLAIM_PAGE);
  G_OBJECT_CLASS (lanyard_claim_page_parent_class)->dispose (object);
}

static void
lanyard_claim_page_finalize (GObject *object)
{
  LanyardClaimPage *self = LANYARD_CLAIM_PAGE (object);

  g_clear_pointer (&self->asked, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_array_unref);
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  g_clear_pointer (&self->report, lanyard_credit_report_free);
  G_OBJECT_CLASS (lanyard_claim_page_parent_class)->finalize (object);
}

static void
lanyard_claim_page_class_init (LanyardClaimPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanyard_claim_page_dispose;
  object_class->finalize = lanyard_claim_page_finalize;

  /* The step shown changed (the window logs it, and counts it as input). */
  signals[STEP_CHANGED] = g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LANYARD_TYPE_KEYBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/kiosk/lanyard-claim-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, title);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, message);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, problem);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, content);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, keyboard);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardClaimPage, next_button);
  gtk_widget_class_install_action (widget_class, "claim.next", NULL, next);
}

static void
lanyard_claim_page_init (LanyardClaimPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->types = g_array_new (FALSE, TRUE, sizeof (TypeLine));
  self->asked = g_ptr_array_new_with_free_func ((GDestroyNotify) asked_free);
}
