/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain values shared by the core, the renderers, the printers and the UI.
 * All times are microseconds since the Unix epoch, UTC (g_get_real_time ()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LANYARD_ROLE_ATTENDEE,
  LANYARD_ROLE_FACULTY,
  LANYARD_ROLE_EXHIBITOR,
  LANYARD_ROLE_STAFF,
  LANYARD_ROLE_PRESS,
} LanyardRole;

typedef enum {
  LANYARD_STATUS_ACTIVE,
  LANYARD_STATUS_CANCELLED,
} LanyardStatus;

typedef enum {
  LANYARD_MISSING_EXIT_COUNT_TO_END, /* entry without exit counts to the session's end */
  LANYARD_MISSING_EXIT_NO_CREDIT,    /* entry without exit earns nothing */
} LanyardMissingExit;

typedef enum {
  LANYARD_ROUNDING_ACTIVITY,    /* a credit type's minutes summed, rounded once */
  LANYARD_ROUNDING_PER_SESSION, /* each session rounded, then summed (an office's choice) */
} LanyardRounding;

/* What a scan was for. Stored as a lowercase word. */
typedef enum {
  LANYARD_SCAN_CHECK_IN,
  LANYARD_SCAN_SESSION_ENTRY,
  LANYARD_SCAN_SESSION_EXIT,
  LANYARD_SCAN_BADGE_PRINTED,
  LANYARD_SCAN_BADGE_REPRINTED,
  LANYARD_SCAN_CERTIFICATE_PRINTED,
  LANYARD_SCAN_DISCLOSURE_SHOWN,
  LANYARD_SCAN_BADGE_WAITING,      /* checked in; the badge waits for the printer */
  LANYARD_SCAN_BADGE_CANCELLED,    /* the desk said not to print the waiting badge */
} LanyardScanKind;

/* What happened, accepted or refused. Stored and printed as a lowercase
 * word (lanyard_outcome_to_string): "checked_in", "already_checked_in", … */
typedef enum {
  LANYARD_OUTCOME_CHECKED_IN,
  LANYARD_OUTCOME_ALREADY_CHECKED_IN,
  LANYARD_OUTCOME_ENTERED,
  LANYARD_OUTCOME_EXITED,
  LANYARD_OUTCOME_ALREADY_INSIDE,   /* repeat scan at the door */
  LANYARD_OUTCOME_NOT_REGISTERED,   /* ticketed session, no registration */
  LANYARD_OUTCOME_FULL,
  LANYARD_OUTCOME_REPLACED,         /* badge code of an older badge version */
  LANYARD_OUTCOME_CANCELLED,
  LANYARD_OUTCOME_UNKNOWN,
  LANYARD_OUTCOME_OUTSIDE_WINDOW,   /* too early / after the end */
  LANYARD_OUTCOME_NO_SESSION,       /* door scan with no current session */
  LANYARD_OUTCOME_NEEDS_DESK,       /* e.g. missing licence number */
  LANYARD_OUTCOME_PRINTED,          /* badge / certificate printed */
  LANYARD_OUTCOME_SHOWN,            /* disclosure shown */
  LANYARD_OUTCOME_NOT_INSIDE,       /* exit scan of someone not inside */
  LANYARD_OUTCOME_NOT_CHECKED_IN,   /* session door before checking in at the event */
} LanyardOutcome;

typedef enum {
  LANYARD_JOB_PENDING,    /* recorded, not yet accepted by CUPS */
  LANYARD_JOB_SUBMITTED,  /* accepted, pending/processing/held */
  LANYARD_JOB_COMPLETED,
  LANYARD_JOB_FAILED,     /* aborted, refused, printer stopped, timed out: retryable */
  LANYARD_JOB_CANCELLED,
} LanyardJobState;

typedef struct {
  char   *code;          /* "AMA_PRA_1", "ANCC", "ACPE", "AAPA_1", "ABIM_MOC" */
  double  amount;
} LanyardCreditAmount;

typedef struct {
  char    *code;
  char    *label;                    /* "AMA PRA Category 1 Credit™" */
  char    *unit;                     /* "credits", "contact hours", "points" */
  double   step;                     /* 0.25 */
  double   max_credits;              /* designated maximum for the activity */
  GStrv    professions;              /* who may claim; NULL or empty = anyone */
  gboolean evaluation_required;
  gboolean full_attendance_required; /* whole session or nothing */
  char    *designation_statement;    /* as configured, from the event file */
  char    *uan;                      /* ACPE Universal Activity Number */
  GStrv    required_ids;             /* attendee fields needed: "npi", "nabp_eprofile", "birth_mmdd", "abim_id" */
  char    *attestation;              /* the event's own attestation wording, or NULL */
  gboolean permission_to_report;     /* a board type (MOC, state licensing): the learner is asked */
} LanyardCreditType;

typedef enum {
  LANYARD_QUESTION_SCALE,  /* 1–5 */
  LANYARD_QUESTION_CHOICE, /* one of `choices` */
  LANYARD_QUESTION_TEXT,   /* free text */
} LanyardQuestionKind;

/* One question of the evaluation, from the event file. */
typedef struct {
  char               *id;
  char               *text;
  LanyardQuestionKind kind;
  GStrv               choices;     /* CHOICE only */
  gboolean            per_session; /* asked for each session attended, not once */
  gboolean            required;
} LanyardQuestion;

/* A learner's answer to one question (for one session when per_session). */
typedef struct {
  char *question;   /* LanyardQuestion.id */
  char *session_id; /* NULL = the activity */
  int   score;      /* SCALE: 1–5; 0 = none */
  char *choice;     /* CHOICE: one of the choices */
  char *text;       /* TEXT */
} LanyardAnswer;

typedef struct {
  char *name;
  char *ticket_code; /* NULL when the presenter is not registered */
} LanyardFaculty;

typedef struct {
  char      *id;
  char      *uuid;
  char      *title;
  char      *room;
  gint64     starts_at;
  gint64     ends_at;
  int        capacity;   /* 0 = no limit */
  gboolean   ticketed;   /* needs a session registration */
  GPtrArray *credits;    /* LanyardCreditAmount*: designated per credit type */
  GPtrArray *faculty;    /* LanyardFaculty* */
  char      *disclosure; /* shown to learners before the start (ACCME Standard 3) */
} LanyardSession;

typedef struct {
  LanyardMissingExit missing_exit;
  LanyardRounding    rounding;
  gboolean           press_takes_seat;     /* press count against a session's capacity (TRUE) */
  int                min_minutes;          /* per session; fewer earn nothing (0 = no threshold) */
  int                entry_window_minutes; /* entries accepted from this long before the start (20) */
  int                repeat_seconds;       /* an exit this soon after entry is a repeat (60) */
  gboolean           verify_last4;         /* kiosk asks the ticket code's last four after a name search */
  gboolean           tap_to_print;         /* kiosk waits for a tap instead of a countdown */
  gboolean           doors_require_check_in; /* session doors send those not checked in to the desk (on) */
} LanyardPolicy;

typedef struct {
  char         *id;
  char         *uuid;
  char         *title;
  char         *venue;
  char         *city;
  char         *address;
  char         *start_date;     /* "YYYY-MM-DD", local to time_zone */
  char         *end_date;
  char         *time_zone;      /* IANA, e.g. "America/Chicago" */
  char         *language;       /* BCP 47, e.g. "en-US", "tr", "de-DE": names sort by it; NULL = root order */
  char         *provider;
  char         *provider_address;
  char         *learning_format; /* "live activity" */
  char         *accreditation_statement;
  char         *joint_accreditation_statement; /* NULL unless jointly accredited */
  char         *ipce_statement;                /* NULL unless configured */
  char         *activity_id;    /* ACCME activity ID (PARS), or NULL */
  LanyardPolicy policy;
  GPtrArray    *credit_types;   /* LanyardCreditType* */
  GPtrArray    *questions;      /* LanyardQuestion*: the evaluation, in order; may be empty */
  GPtrArray    *sessions;       /* LanyardSession*, by start time */
} LanyardEvent;

typedef struct {
  gint64        id;            /* store row id; 0 = not stored yet */
  char         *uuid;
  char         *ticket_code;   /* from the registration system, unique */
  char         *first_name;
  char         *last_name;
  char         *credentials;   /* "MD, FACC" */
  char         *profession;    /* one of lanyard_professions (): "physician", "pharmacist", … */
  char         *affiliation;
  char         *email;
  LanyardRole   role;
  LanyardStatus status;
  /* sensitive: for reporting only, never shown on a kiosk screen */
  char         *npi;
  char         *abim_id;
  char         *nabp_eprofile;
  char         *birth_mmdd;
  char         *license;
  char         *board;         /* certifying board for MOC ("ABIM"); its ID is abim_id */
  gboolean      permission_to_report; /* to boards (MOC, state licensing), given at registration */
  char         *first_name_latin; /* the name in Latin script when it is written in another */
  char         *last_name_latin;  /* ("Taro", "Yamada" for 山田 太郎); "" when none */
  int           badge_version; /* starts at 1; a replacement bumps it */
  gint64        revision;      /* bumped on every change, for sync */
  GStrv         sessions;      /* registered (ticketed) session ids */
} LanyardAttendee;

typedef struct {
  char           *uuid;
  char           *device;
  gint64          at;           /* when it happened (a paper sheet's time when back-dated) */
  gint64          recorded_at;  /* when it was written down; 0 = not stored yet */
  gint64          attendee_id;  /* 0 = code did not resolve */
  char           *session_id;   /* NULL for event-level scans */
  LanyardScanKind kind;
  LanyardOutcome  outcome;
  char           *detail;       /* free text for people: reason, job id… */
} LanyardScan;

typedef struct {
  gint64          id;
  char           *uuid;
  gint64          attendee_id;
  char           *document;     /* "badge" or "certificate" */
  char           *queue;        /* CUPS queue name or ipp:// URI */
  char           *pdf_path;     /* the first try's document, kept as evidence only */
  int             cups_job_id;  /* 0 until accepted */
  LanyardJobState state;
  char           *error;        /* last reason, in words */
  gint64          created_at;
  gint64          updated_at;
  /* How it prints, the same on every retry. */
  char           *template_name; /* a badge's template ("4x3"…) */
  char           *paper;         /* a certificate's paper ("letter", "a4") */
  char           *media;         /* the media keyword the printer was given; NULL = its default */
  double          width_pt;      /* the document's page */
  double          height_pt;
  int             copies;        /* 0 is taken as 1 */
  /* What the last try printed: a retry draws the document again from the
   * database, so these may differ from the first try's. */
  char           *sent_pdf_path;
  int             badge_version; /* a badge's version (its QR code) */
  char           *printed_name;  /* the name on it */
} LanyardPrintJob;

LanyardCreditAmount *lanyard_credit_amount_new  (const char *code, double amount);
void                 lanyard_credit_amount_free (LanyardCreditAmount *self);
LanyardCreditType   *lanyard_credit_type_new    (void);
void                 lanyard_credit_type_free   (LanyardCreditType *self);
LanyardQuestion     *lanyard_question_new       (void);
void                 lanyard_question_free      (LanyardQuestion *self);
const char          *lanyard_question_kind_to_string   (LanyardQuestionKind kind);
gboolean             lanyard_question_kind_from_string (const char *s, LanyardQuestionKind *out);
LanyardAnswer       *lanyard_answer_new         (const char *question, const char *session_id);
void                 lanyard_answer_free        (LanyardAnswer *self);
LanyardFaculty      *lanyard_faculty_new        (const char *name, const char *ticket_code);
void                 lanyard_faculty_free       (LanyardFaculty *self);
LanyardSession      *lanyard_session_new        (void);
void                 lanyard_session_free       (LanyardSession *self);
double               lanyard_session_get_credits (const LanyardSession *self, const char *code);
LanyardEvent        *lanyard_event_new          (void);
LanyardEvent        *lanyard_event_ref          (const LanyardEvent *self);
void                 lanyard_event_unref        (LanyardEvent *self);
LanyardSession      *lanyard_event_find_session (const LanyardEvent *self, const char *id);
LanyardCreditType   *lanyard_event_find_credit_type (const LanyardEvent *self, const char *code);
LanyardAttendee     *lanyard_attendee_new       (void);
LanyardAttendee     *lanyard_attendee_copy      (const LanyardAttendee *self);
void                 lanyard_attendee_free      (LanyardAttendee *self);
char                *lanyard_attendee_dup_display_name (const LanyardAttendee *self);
/* The same, each name and the credentials isolated (U+2068…U+2069), for
 * drawing: an Arabic first name cannot carry the last name and the
 * credentials into its direction. */
char                *lanyard_attendee_dup_display_name_isolated (const LanyardAttendee *self);
/* The name in Latin script, "Taro Yamada", shown small under one written
 * in another; NULL when there is none. */
char                *lanyard_attendee_dup_latin_name (const LanyardAttendee *self);
gboolean             lanyard_attendee_is_family_name_first (const LanyardAttendee *self);
LanyardScan         *lanyard_scan_new           (void);
void                 lanyard_scan_free          (LanyardScan *self);
LanyardPrintJob     *lanyard_print_job_new      (void);
void                 lanyard_print_job_free     (LanyardPrintJob *self);

const char *lanyard_role_to_string        (LanyardRole role);
gboolean    lanyard_role_from_string      (const char *s, LanyardRole *out);
const char *lanyard_status_to_string      (LanyardStatus status);
gboolean    lanyard_status_from_string    (const char *s, LanyardStatus *out);
const char *lanyard_scan_kind_to_string   (LanyardScanKind kind);
gboolean    lanyard_scan_kind_from_string (const char *s, LanyardScanKind *out);
const char *lanyard_outcome_to_string     (LanyardOutcome outcome);
gboolean    lanyard_outcome_from_string   (const char *s, LanyardOutcome *out);
gboolean    lanyard_outcome_is_accepted   (LanyardOutcome outcome);
const char *lanyard_outcome_to_message    (LanyardOutcome outcome);
const char *lanyard_job_state_to_string   (LanyardJobState state);
/* The professions a registration may name, as stored; NULL-terminated. */
const char * const *lanyard_professions    (void);
const char *lanyard_profession_to_label   (const char *profession);
gboolean    lanyard_job_state_from_string (const char *s, LanyardJobState *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCreditAmount, lanyard_credit_amount_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCreditType, lanyard_credit_type_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardQuestion, lanyard_question_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardAnswer, lanyard_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardFaculty, lanyard_faculty_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSession, lanyard_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardEvent, lanyard_event_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardAttendee, lanyard_attendee_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardScan, lanyard_scan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardPrintJob, lanyard_print_job_free)

G_END_DECLS
