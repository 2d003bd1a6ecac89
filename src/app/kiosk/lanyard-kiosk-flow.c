/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-kiosk-flow.h"
#include "lanyard-last4.h"

#define CONFIRM_SECONDS   6   /* the badge prints on its own after this */
#define COLLECT_SECONDS   8   /* "collect your badge" stays this long */

struct _LanyardKioskFlow
{
  /* settings */
  gboolean          verify_last4;
  gboolean          tap_to_print;
  gboolean          claim_first;
  gint64            idle_us;
  char             *time_zone;

  /* state */
  LanyardKioskPage  page;
  LanyardRefusal    refusal;
  LanyardAttendee  *attendee;
  gint64            last_input;
  gint64            page_since;
  guint             verify_tries;      /* left for this person */
  gboolean          print_requested;
  gboolean          claiming;          /* "My credits & certificate" */
  char             *title;
  char             *message;
};

LanyardKioskFlow *
lanyard_kiosk_flow_new (gboolean    verify_last4,
                        gboolean    tap_to_print,
                        guint       idle_seconds,
                        const char *time_zone)
{
  LanyardKioskFlow *self = g_new0 (LanyardKioskFlow, 1);

  self->verify_last4 = verify_last4;
  self->tap_to_print = tap_to_print;
  self->idle_us = (gint64) MAX (idle_seconds, 5) * G_USEC_PER_SEC;
  self->time_zone = g_strdup (time_zone);
  self->page = LANYARD_KIOSK_WELCOME;
  return self;
}

void
lanyard_kiosk_flow_free (LanyardKioskFlow *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  g_free (self->time_zone);
  g_free (self->title);
  g_free (self->message);
  g_free (self);
}

static void
set_texts (LanyardKioskFlow *self,
           char             *title,
           char             *message)
{
  g_free (self->title);
  self->title = title;
  g_free (self->message);
  self->message = message;
}

static void
go (LanyardKioskFlow *self,
    LanyardKioskPage  page,
    gint64            now)
{
  self->page = page;
  self->page_since = now;
  self->last_input = now;
}

/* Back to the start, forgetting who was here: the next person must not
 * see the last one's name. */
static void
reset (LanyardKioskFlow *self,
       gint64            now)
{
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  self->refusal = LANYARD_REFUSAL_NONE;
  self->verify_tries = LANYARD_LAST4_TRIES;
  self->print_requested = FALSE;
  self->claiming = self->claim_first;
  set_texts (self, g_strdup (_("Welcome")), g_strdup (_("Hold the QR code from your confirmation e-mail up to the camera")));
  go (self, LANYARD_KIOSK_WELCOME, now);
}

void
lanyard_kiosk_flow_set_claim_first (LanyardKioskFlow *self,
                                    gboolean          claim_first)
{
  self->claim_first = claim_first;
  if (self->page == LANYARD_KIOSK_WELCOME)
    self->claiming = claim_first;
}

void
lanyard_kiosk_flow_set_claiming (LanyardKioskFlow *self,
                                 gboolean          claiming,
                                 gint64            now)
{
  if (self->page == LANYARD_KIOSK_PRINTING)
    return;
  reset (self, now);
  self->claiming = claiming;
}

gboolean
lanyard_kiosk_flow_get_claiming (LanyardKioskFlow *self)
{
  return self->claiming;
}

static void
ask_last_four (LanyardKioskFlow *self,
               gint64            now)
{
  set_texts (self, g_strdup (_("One more check")),
             g_strdup (_("Type the last four characters of the code in your confirmation e-mail.")));
  go (self, LANYARD_KIOSK_VERIFY, now);
}

/* Claiming: whoever the code names, checked in or not, sees their credits;
 * after a name search only once the last four match. */
static gboolean
claim_result (LanyardKioskFlow           *self,
              const LanyardCheckinResult *result,
              gboolean                    from_search,
              gint64                      now)
{
  switch (result->outcome)
    {
    case LANYARD_OUTCOME_CHECKED_IN:
    case LANYARD_OUTCOME_ALREADY_CHECKED_IN:
    case LANYARD_OUTCOME_NEEDS_DESK:
      if (self->attendee == NULL)
        return FALSE;
      set_texts (self, g_strdup (_("My credits & certificate")), g_strdup (""));
      if (from_search)
        ask_last_four (self, now);
      else
        go (self, LANYARD_KIOSK_CLAIM, now);
      return TRUE;
    default:
      return FALSE;
    }
}

/* One convention for titles: the name as registered with its
 * credentials after it ("Jane Smith, MD"), never "Dr" before it as well
 * (README, "The kiosk"). */
static char *
greeting_name (const LanyardAttendee *a)
{
  return lanyard_attendee_dup_display_name (a);
}

static char *
format_time (gint64      at,
             const char *time_zone)
{
  g_autoptr(GTimeZone) tz = time_zone ? g_time_zone_new_identifier (time_zone) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  if (tz == NULL)
    tz = g_time_zone_new_local ();
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%H:%M");
}

static void
refuse (LanyardKioskFlow *self,
        LanyardRefusal    refusal,
        char             *title,
        char             *message,
        gint64            now)
{
  self->refusal = refusal;
  set_texts (self, title, message);
  go (self, LANYARD_KIOSK_REFUSED, now);
}

static void
show_confirm (LanyardKioskFlow *self,
              gint64            now)
{
  g_autofree char *name = greeting_name (self->attendee);

  set_texts (self,
             g_strdup_printf (_("Welcome, %s"), name),
             self->tap_to_print
             ? g_strdup (_("Tap “Print my badge” to print it, or “Not me” if this is not you."))
             : g_strdup (_("Your badge prints in a moment. Tap “Not me” if this is not you.")));
  go (self, LANYARD_KIOSK_CONFIRM, now);
}

void
lanyard_kiosk_flow_scan_result (LanyardKioskFlow           *self,
                                const LanyardCheckinResult *result,
                                gboolean                    from_search,
                                gint64                      now)
{
  /* "Not me" and "Back" are the ways out of a page where someone is
   * typing or answering. */
  if (!lanyard_kiosk_flow_takes_scans (self, from_search))
    return;

  {
    gboolean claiming = self->claiming;

    reset (self, now);
    self->claiming = claiming;
  }
  if (result->attendee != NULL)
    self->attendee = lanyard_attendee_copy (result->attendee);
  if (self->claiming && claim_result (self, result, from_search, now))
    return;

  switch (result->outcome)
    {
    case LANYARD_OUTCOME_CHECKED_IN:
      if (from_search && self->verify_last4)
        ask_last_four (self, now);
      else
        show_confirm (self, now);
      break;

    case LANYARD_OUTCOME_ALREADY_CHECKED_IN:
      {
        gint64 at = result->badge_printed_at ? result->badge_printed_at : result->previous_at;
        const char *where = result->badge_printed_at ? result->badge_printed_device : result->previous_device;
        g_autofree char *when = format_time (at, self->time_zone);

        if (result->badge_printed_at != 0)
          refuse (self, LANYARD_REFUSAL_ALREADY_PRINTED, g_strdup (_("Your badge was already printed")),
                  /* Translators: "printed at 08:14 on kiosk-3" */
                  g_strdup_printf (_("It was printed at %s on %s. The registration desk can print a replacement."),
                                   when, where ? where : _("another device")),
                  now);
        else
          /* Checked in, but no badge came out (the printer failed). */
          refuse (self, LANYARD_REFUSAL_ALREADY_PRINTED, g_strdup (_("You are already checked in")),
                  /* Translators: "checked in at 08:14 on kiosk-3" */
                  g_strdup_printf (_("You checked in at %s on %s. Your badge is printed at the registration desk."),
                                   when, where ? where : _("another device")),
                  now);
      }
      break;

    case LANYARD_OUTCOME_REPLACED:
      refuse (self, LANYARD_REFUSAL_REPLACED, g_strdup (_("This badge was replaced")),
              g_strdup (_("A newer badge was printed for you. Please use it, or see the registration desk.")), now);
      break;

    case LANYARD_OUTCOME_CANCELLED:
      refuse (self, LANYARD_REFUSAL_CANCELLED, g_strdup (_("This registration was cancelled")),
              g_strdup (_("Please see the registration desk.")), now);
      break;

    case LANYARD_OUTCOME_NEEDS_DESK:
      refuse (self, LANYARD_REFUSAL_NEEDS_DESK, g_strdup (_("Please see the registration desk")),
              g_strdup (_("We need one more detail from you before we print your badge.")), now);
      break;

    default:
      g_clear_pointer (&self->attendee, lanyard_attendee_free);
      refuse (self, LANYARD_REFUSAL_UNKNOWN, g_strdup (_("We don’t know this code")),
              g_strdup (_("Please try “Find me by name”, or see the registration desk.")), now);
      break;
    }
}

void
lanyard_kiosk_flow_find_by_name (LanyardKioskFlow *self,
                                 gint64            now)
{
  gboolean claiming = self->claiming;

  if (self->page == LANYARD_KIOSK_PRINTING)
    return;
  reset (self, now);
  self->claiming = claiming;
  set_texts (self, g_strdup (_("Find me by name")), g_strdup (_("Type the first letters of your last name")));
  go (self, LANYARD_KIOSK_SEARCH, now);
}

static void
refuse_verify (LanyardKioskFlow *self,
               gint64            now)
{
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  refuse (self, LANYARD_REFUSAL_NEEDS_DESK, g_strdup (_("Please see the registration desk")),
          g_strdup (_("The code did not match three times. The desk will help you.")), now);
}

gboolean
lanyard_kiosk_flow_verify (LanyardKioskFlow *self,
                           const char       *last_four,
                           gint64            now)
{
  if (self->page != LANYARD_KIOSK_VERIFY || self->attendee == NULL)
    return TRUE;
  if (lanyard_last4_matches (self->attendee->ticket_code, last_four))
    {
      if (self->claiming)
        go (self, LANYARD_KIOSK_CLAIM, now);
      else
        show_confirm (self, now);
      return TRUE;
    }
  if (self->verify_tries > 0)
    self->verify_tries--;
  if (self->verify_tries == 0)
    {
      refuse_verify (self, now);
      return FALSE;
    }
  /* Each wrong try says so, with what is left: the words change every
   * time, so nobody takes the page for the one before. */
  set_texts (self, g_strdup (_("That does not match")),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Check the last four characters of the code in your confirmation "
                                           "e-mail. %u try left.",
                                           "Check the last four characters of the code in your confirmation "
                                           "e-mail. %u tries left.",
                                           self->verify_tries),
                              self->verify_tries));
  self->last_input = now;
  return FALSE;
}

void
lanyard_kiosk_flow_set_verify_tries (LanyardKioskFlow *self,
                                     guint             tries_left,
                                     gint64            now)
{
  if (self->page != LANYARD_KIOSK_VERIFY)
    return;
  self->verify_tries = MIN (tries_left, LANYARD_LAST4_TRIES);
  if (self->verify_tries == 0)
    refuse_verify (self, now);
}

gboolean
lanyard_kiosk_flow_takes_scans (LanyardKioskFlow *self,
                                gboolean          from_search)
{
  switch (self->page)
    {
    case LANYARD_KIOSK_PRINTING:
      return FALSE;
    /* Someone is typing or answering "is this you?": a code passing
     * behind them must not put another person's name on the screen. */
    case LANYARD_KIOSK_SEARCH:
    case LANYARD_KIOSK_VERIFY:
    case LANYARD_KIOSK_CONFIRM:
    case LANYARD_KIOSK_CLAIM:
      return from_search;
    case LANYARD_KIOSK_WELCOME:
    case LANYARD_KIOSK_COLLECT:
    case LANYARD_KIOSK_REFUSED:
    default:
      return TRUE;
    }
}

void
lanyard_kiosk_flow_confirm (LanyardKioskFlow *self,
                            gint64            now)
{
  if (self->page != LANYARD_KIOSK_CONFIRM)
    return;
  self->print_requested = TRUE;
  set_texts (self, g_strdup (_("Printing your badge…")), g_strdup (_("This takes a few seconds.")));
  go (self, LANYARD_KIOSK_PRINTING, now);
}

void
lanyard_kiosk_flow_not_me (LanyardKioskFlow *self,
                           gint64            now)
{
  if (self->page == LANYARD_KIOSK_PRINTING)
    return;
  reset (self, now);
}

void
lanyard_kiosk_flow_print_done (LanyardKioskFlow *self,
                               gint64            now)
{
  if (self->page != LANYARD_KIOSK_PRINTING)
    return;
  set_texts (self, g_strdup (_("Please collect your badge")),
             g_strdup (_("It is coming out of the printer below. Enjoy the meeting!")));
  go (self, LANYARD_KIOSK_COLLECT, now);
}

void
lanyard_kiosk_flow_print_refused (LanyardKioskFlow           *self,
                                  const LanyardCheckinResult *result,
                                  gint64                      now)
{
  if (self->page != LANYARD_KIOSK_PRINTING)
    return;
  self->page = LANYARD_KIOSK_WELCOME;
  lanyard_kiosk_flow_scan_result (self, result, FALSE, now);
}

/* The printer's words ("The printer is out of labels") as a sentence,
 * whether or not they came with a full stop. */
static char *
printer_sentence (const char *printer_message)
{
  if (printer_message == NULL || *printer_message == '\0')
    return g_strdup (_("The printer has a problem."));
  if (g_str_has_suffix (printer_message, ".") || g_str_has_suffix (printer_message, "!")
      || g_str_has_suffix (printer_message, "。"))
    return g_strdup (printer_message);
  return g_strconcat (printer_message, ".", NULL);
}

/* The printer failed: the badge waits for it (@waits), or it could not be
 * made at all and the desk prints it. */
static void
refuse_printer (LanyardKioskFlow *self,
                const char       *printer_message,
                gboolean          waits,
                gint64            now)
{
  g_autofree char *sentence = NULL;

  if (self->page != LANYARD_KIOSK_PRINTING)
    return;
  sentence = printer_sentence (printer_message);
  if (waits)
    refuse (self, LANYARD_REFUSAL_PRINTER, g_strdup (_("You are checked in")),
            /* Translators: %s is the printer's problem as a sentence */
            g_strdup_printf (_("%s Your badge prints here by itself once the printer is fixed; "
                               "if you cannot wait, the registration desk can print it."), sentence),
            now);
  else
    refuse (self, LANYARD_REFUSAL_PRINTER, g_strdup (_("Your badge could not be printed")),
            g_strdup_printf (_("%s Staff have been told, and your badge will be printed at the desk."), sentence),
            now);
}

void
lanyard_kiosk_flow_print_failed (LanyardKioskFlow *self,
                                 const char       *printer_message,
                                 gint64            now)
{
  refuse_printer (self, printer_message, FALSE, now);
}

void
lanyard_kiosk_flow_print_waits (LanyardKioskFlow *self,
                                const char       *printer_message,
                                gint64            now)
{
  refuse_printer (self, printer_message, TRUE, now);
}

void
lanyard_kiosk_flow_scan_failed (LanyardKioskFlow *self,
                                const char       *reason,
                                gint64            now)
{
  refuse (self, LANYARD_REFUSAL_DEVICE, g_strdup (_("This kiosk has a problem")),
          /* Translators: %s says why the kiosk could not check the person in */
          g_strdup_printf (_("Your check-in could not be recorded (%s). Please go to the registration desk; "
                             "staff have been told."), reason != NULL ? reason : _("no reason given")),
          now);
}

void
lanyard_kiosk_flow_touch (LanyardKioskFlow *self,
                          gint64            now)
{
  self->last_input = now;
}

/* Timers: the confirm countdown, the collect page, the idle timeout.
 * Returns TRUE when the page changed. */
gboolean
lanyard_kiosk_flow_tick (LanyardKioskFlow *self,
                         gint64            now)
{
  switch (self->page)
    {
    case LANYARD_KIOSK_WELCOME:
      /* "My credits & certificate" pressed and left: back to the usual path */
      if (self->claiming != self->claim_first && now - self->last_input >= self->idle_us)
        {
          reset (self, now);
          return TRUE;
        }
      return FALSE;
    case LANYARD_KIOSK_PRINTING:
      return FALSE;

    case LANYARD_KIOSK_CONFIRM:
      if (!self->tap_to_print && now - self->page_since >= CONFIRM_SECONDS * G_USEC_PER_SEC)
        {
          lanyard_kiosk_flow_confirm (self, now);
          return TRUE;
        }
      break;

    case LANYARD_KIOSK_COLLECT:
      if (now - self->page_since >= COLLECT_SECONDS * G_USEC_PER_SEC)
        {
          reset (self, now);
          return TRUE;
        }
      break;

    case LANYARD_KIOSK_SEARCH:
    case LANYARD_KIOSK_VERIFY:
    case LANYARD_KIOSK_REFUSED:
    default:
      break;
    }

  if (now - self->last_input >= self->idle_us)
    {
      reset (self, now);
      return TRUE;
    }
  return FALSE;
}

LanyardKioskPage
lanyard_kiosk_flow_get_page (LanyardKioskFlow *self)
{
  return self->page;
}

LanyardRefusal
lanyard_kiosk_flow_get_refusal (LanyardKioskFlow *self)
{
  return self->refusal;
}

const LanyardAttendee *
lanyard_kiosk_flow_get_attendee (LanyardKioskFlow *self)
{
  return self->attendee;
}

const char *
lanyard_kiosk_flow_get_title (LanyardKioskFlow *self)
{
  if (self->title == NULL)
    set_texts (self, g_strdup (_("Welcome")), g_strdup (_("Hold the QR code from your confirmation e-mail up to the camera")));
  return self->title;
}

const char *
lanyard_kiosk_flow_get_message (LanyardKioskFlow *self)
{
  lanyard_kiosk_flow_get_title (self);
  return self->message;
}

/* Colour is never the only signal: every page has an icon and words. */
const char *
lanyard_kiosk_flow_get_icon_name (LanyardKioskFlow *self)
{
  switch (self->page)
    {
    case LANYARD_KIOSK_CONFIRM:
      return "avatar-default-symbolic";
    case LANYARD_KIOSK_PRINTING:
      return "printer-symbolic";
    case LANYARD_KIOSK_COLLECT:
      return "emblem-ok-symbolic";
    case LANYARD_KIOSK_REFUSED:
      return self->refusal == LANYARD_REFUSAL_PRINTER ? "printer-error-symbolic"
           : self->refusal == LANYARD_REFUSAL_DEVICE ? "dialog-error-symbolic"
           : "dialog-warning-symbolic";
    case LANYARD_KIOSK_SEARCH:
      return "system-search-symbolic";
    case LANYARD_KIOSK_VERIFY:
      return "dialog-password-symbolic";
    case LANYARD_KIOSK_CLAIM:
      return "document-print-symbolic";
    case LANYARD_KIOSK_WELCOME:
    default:
      return "camera-web-symbolic";
    }
}

int
lanyard_kiosk_flow_get_countdown (LanyardKioskFlow *self,
                                  gint64            now)
{
  gint64 left;

  if (self->page != LANYARD_KIOSK_CONFIRM || self->tap_to_print)
    return -1;
  left = CONFIRM_SECONDS * G_USEC_PER_SEC - (now - self->page_since);
  return (int) MAX (0, (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* TRUE once per print the flow asked for: the window starts the job. */
gboolean
lanyard_kiosk_flow_should_print (LanyardKioskFlow *self)
{
  gboolean r = self->print_requested;

  self->print_requested = FALSE;
  return r;
}

const char *
lanyard_kiosk_page_to_string (LanyardKioskPage page)
{
  switch (page)
    {
    case LANYARD_KIOSK_WELCOME: return "welcome";
    case LANYARD_KIOSK_SEARCH: return "search";
    case LANYARD_KIOSK_VERIFY: return "verify";
    case LANYARD_KIOSK_CONFIRM: return "confirm";
    case LANYARD_KIOSK_PRINTING: return "printing";
    case LANYARD_KIOSK_COLLECT: return "collect";
    case LANYARD_KIOSK_REFUSED: return "refused";
    case LANYARD_KIOSK_CLAIM: return "claim";
    default: return "welcome";
    }
}

const char *
lanyard_refusal_to_string (LanyardRefusal refusal)
{
  switch (refusal)
    {
    case LANYARD_REFUSAL_ALREADY_PRINTED: return "already-printed";
    case LANYARD_REFUSAL_REPLACED: return "replaced";
    case LANYARD_REFUSAL_CANCELLED: return "cancelled";
    case LANYARD_REFUSAL_NEEDS_DESK: return "needs-desk";
    case LANYARD_REFUSAL_UNKNOWN: return "unknown";
    case LANYARD_REFUSAL_PRINTER: return "printer";
    case LANYARD_REFUSAL_DEVICE: return "device";
    case LANYARD_REFUSAL_NONE:
    default: return "none";
    }
}
