/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "My credits & certificate" at the kiosk, in this process on a display
 * (xvfb-run), printing through the private CUPS fixture: the way in from
 * the welcome page (name search, then the last four), the transcript, the
 * attestation with a claim below what was earned, the evaluation (a
 * required question left out is refused; then a scale, a choice and free
 * text typed on the on-screen keyboard), the certificate at the printer
 * read back with the claimed amount on it; a second visit shows the claim
 * and cannot claim more than was earned; the idle reset forgets it all.
 * The whole claim again with the keyboard alone (real keys, xdotool).
 * Every step is saved as PNG in $G_TEST_BUILDDIR/claim-screens-LANG.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "lanyard-application.h"
#include "lanyard-keyboard.h"
#include "lanyard-kiosk-window.h"
#include "lanyard-test-cups.h"
#include "lanyard-test-window.h"

typedef struct {
  gboolean            german;
  const char         *ctl;
  char               *shots;
  LanyardTestCups    *cups;
  LanyardApplication *app;
} Shared;

static Shared shared;

typedef struct {
  char           *dir;
  char           *db;
  LanyardContext *context;
  GtkWindow      *window;
} Fixture;

static void
ctl (Fixture    *fx,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) shared.ctl);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fx->db);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  lanyard_test_run ((const char * const *) argv->pdata);
}

/* The words the kiosk says, in the language the test runs in. */
#define T(en, de) (shared.german ? (de) : (en))

static void
shoot (Fixture    *fx,
       const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  lanyard_test_shoot (fx->window, shared.shots, file);
}

/* Jane (MW26-DEMO01, a physician) at S01 from 5 minutes before its start
 * to 55 minutes after: 55 minutes, 1.00 credit earned. */
static void
attend (Fixture    *fx,
        const char *session_id,
        int         from,
        int         to)
{
  const LanyardEvent *event = lanyard_context_get_event (fx->context);
  const LanyardSession *s = lanyard_event_find_session (event, session_id);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (s->starts_at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) in = g_date_time_add_minutes (start, from);
  g_autoptr(GDateTime) out = g_date_time_add_minutes (start, to);
  g_autofree char *at_in = g_date_time_format (in, "%FT%TZ");
  g_autofree char *at_out = g_date_time_format (out, "%FT%TZ");

  ctl (fx, "checkin", "MW26-DEMO01", "--session", session_id, "--device", "door-a", "--at", at_in, NULL);
  ctl (fx, "checkin", "MW26-DEMO01", "--session", session_id, "--exit", "--device", "door-a", "--at", at_out, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *event = g_build_filename (src, "data", "demo", "event.json", NULL);
  g_autofree char *regs = g_build_filename (src, "data", "demo", "registrations.csv", NULL);
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = lanyard_test_yesterday ();

  fx->dir = g_dir_make_tmp ("claim-window-XXXXXX", NULL);
  fx->db = g_build_filename (fx->dir, "kiosk.db", NULL);
  ctl (fx, "init", "--event", event, "--start-on", yesterday, NULL);
  ctl (fx, "import", regs, NULL);
  ctl (fx, "checkin", "MW26-DEMO01", "--device", "kiosk-2", NULL);

  config->db_path = g_strdup (fx->db);
  config->device_name = g_strdup ("kiosk-claim");
  config->printer = g_strdup ("no-such-badge-printer");
  config->certificate_printer = g_strdup (shared.cups->queue);
  config->certificate_paper = g_strdup ("a4");
  config->camera_source = g_strdup ("videotestsrc pattern=black is-live=true");
  config->idle_seconds = 3600;
  fx->context = lanyard_context_new (g_steal_pointer (&config), NULL, &error);
  g_assert_no_error (error);
  attend (fx, "S01", -5, 55);

  lanyard_test_forget_page ();
  fx->window = GTK_WINDOW (lanyard_kiosk_window_new (GTK_APPLICATION (shared.app), fx->context));
  lanyard_kiosk_window_set_page_observer (LANYARD_KIOSK_WINDOW (fx->window), lanyard_test_page_seen, NULL);
  g_object_set (fx->window, "printer-check-seconds", 0, NULL);
  gtk_window_present (fx->window);
  lanyard_test_wait_page ("welcome");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  lanyard_test_close_device (fx->window, fx->context, fx->dir, "kiosk.db");
  g_free (fx->dir);
  g_free (fx->db);
}

static gint64
jane_id (Fixture *fx)
{
  g_autoptr(GPtrArray) hits = lanyard_store_search (lanyard_context_get_store (fx->context), "MW26-DEMO01", 1, NULL);

  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 1);
  return ((LanyardAttendee *) g_ptr_array_index (hits, 0))->id;
}

/* From the welcome page to Jane's transcript: the name search, then the
 * last four of her code. */
static void
come_in (Fixture    *fx,
         const char *shot)
{
  LanyardKeyboard *kb;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.claim-toggle", NULL);
  lanyard_test_wait_page ("welcome:claim");
  if (shot != NULL)
    shoot (fx, shot);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.pick-attendee", "x", jane_id (fx));
  lanyard_test_wait_page ("verify");
  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (fx->window), LANYARD_TYPE_KEYBOARD, TRUE));
  lanyard_test_type_keys (kb, "MO01", 50);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.verify", NULL);
  lanyard_test_wait_page ("claim:transcript");
}

static GtkWidget *
claim_page (Fixture *fx)
{
  GtkWidget *page = lanyard_test_find_widget (GTK_WIDGET (fx->window), g_type_from_name ("LanyardClaimPage"), TRUE);

  g_assert_nonnull (page);
  return page;
}

static GtkSpinButton *
spin_for (Fixture    *fx,
          const char *code)
{
  GtkWidget *root = claim_page (fx);

  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;)
    {
      if (GTK_IS_SPIN_BUTTON (w) && g_strcmp0 (gtk_widget_get_name (w), code) == 0)
        return GTK_SPIN_BUTTON (w);
      /* depth first */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == root ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_error ("no stepper for %s", code);
  return NULL;
}

/* The toggle button labelled @label under the question whose text has @question. */
static void
answer (Fixture    *fx,
        const char *question,
        const char *label)
{
  /* in the questions, not the note above them that may name one */
  GtkWidget *list = lanyard_test_find_widget (claim_page (fx), GTK_TYPE_SCROLLED_WINDOW, TRUE);
  GtkWidget *title = lanyard_test_label_containing (list, question);
  GtkWidget *row;

  g_assert_nonnull (title);
  row = gtk_widget_get_parent (title);
  for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; w = gtk_widget_get_next_sibling (w))
    for (GtkWidget *b = gtk_widget_get_first_child (w); b != NULL; b = gtk_widget_get_next_sibling (b))
      if (GTK_IS_TOGGLE_BUTTON (b) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (b)), label) == 0)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), TRUE);
          return;
        }
  g_error ("no answer %s to %s", label, question);
}

static const char *
next_step (Fixture    *fx,
           const char *page)
{
  gtk_widget_activate_action (claim_page (fx), "claim.next", NULL);
  if (page != NULL)
    lanyard_test_wait_page (page);
  return lanyard_test_last_page ();
}

static char *
sql_text (Fixture    *fx,
          const char *sql)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", fx->db, sql, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_strstrip (g_steal_pointer (&out));
}

/* The @n-th certificate at the printer is Jane's, 0.75 claimed. */
static void
assert_certificate (guint n)
{
  g_autoptr(GPtrArray) files = lanyard_test_cups_wait_spool (shared.cups, n, 60);
  g_autofree char *text = NULL;

  g_assert_cmpuint (files->len, ==, n);
  text = lanyard_test_pdftotext (g_ptr_array_index (files, n - 1));
  g_assert_nonnull (text);
  if (strstr (text, "0.75") == NULL || strstr (text, "Jane Smith") == NULL)
    g_error ("the certificate does not show 0.75 claimed:\n%s", text);
}

static void
test_claim (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *rows = NULL;
  const char *note;
  GtkSpinButton *spin;
  LanyardKeyboard *kb;
  double low, high;

  come_in (fx, "welcome-claim");
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), T ("55 minutes", "55 Minuten")));
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), "1.00 AMA PRA Category 1 Credit"));
  shoot (fx, "transcript");

  next_step (fx, "claim:attest");
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), "I attest that I participated in the Midwest"));
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), T ("certifying board", "Zertifizierungsstelle")));
  spin = spin_for (fx, "AMA_PRA_1");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 1.0, 1e-9);
  gtk_spin_button_get_range (spin, &low, &high);
  g_assert_cmpfloat_with_epsilon (high, 1.0, 1e-9);
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_BACKWARD, 0.25);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 0.75, 1e-9);
  shoot (fx, "attest");

  next_step (fx, "claim:evaluation");
  shoot (fx, "evaluation-scale");
  /* a required question left out is refused, in words */
  next_step (fx, NULL);
  lanyard_test_spin (50);
  note = lanyard_test_label_text_containing (claim_page (fx), T ("Please answer", "Bitte beantworten"));
  g_assert_nonnull (note);
  answer (fx, "how useful", "4");
  next_step (fx, NULL);
  lanyard_test_wait_page ("claim:evaluation");
  answer (fx, "commercial bias", "Yes");
  shoot (fx, "evaluation-choice");
  next_step (fx, NULL);
  lanyard_test_spin (50);
  /* the session's question is not required */
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), "objectives"));
  next_step (fx, NULL);
  lanyard_test_spin (50);
  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (claim_page (fx), LANYARD_TYPE_KEYBOARD, TRUE));
  g_assert_nonnull (kb);
  lanyard_test_type_keys (kb, "MORE CASES", 30);
  shoot (fx, "evaluation-text");
  next_step (fx, "claim:printing");
  shoot (fx, "printing");
  lanyard_test_wait_page ("claim:done");
  shoot (fx, "done");

  assert_certificate (1);

  rows = sql_text (fx, "SELECT credit_type || '=' || credits || '@' || device FROM attestation ORDER BY credit_type;"
                       "SELECT count(*) FROM evaluation_answer WHERE device = 'kiosk-claim' AND text = 'MORE CASES';"
                       "SELECT count(*) FROM evaluation WHERE device = 'kiosk-claim';"
                       "SELECT count(*) FROM scan WHERE kind = 'certificate_printed' AND device = 'kiosk-claim'");
  g_assert_cmpstr (rows, ==, "ABIM_MOC=1.0@kiosk-claim\nAMA_PRA_1=0.75@kiosk-claim\n1\n1\n1");

  /* Done: back to the welcome page, the claim forgotten. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.go-home", NULL);
  lanyard_test_wait_page ("welcome");
  g_assert_null (lanyard_test_any_text_containing (GTK_WIDGET (fx->window), "Jane Smith"));

  /* A second visit: what was claimed, and no more than earned. */
  come_in (fx, NULL);
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), T ("you claimed 0.75", "haben Sie 0.75")));
  shoot (fx, "transcript-again");
  next_step (fx, "claim:attest");
  spin = spin_for (fx, "AMA_PRA_1");
  gtk_spin_button_get_range (spin, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (high, 1.0, 1e-9);
  gtk_spin_button_set_value (spin, 5.0);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 1.0, 1e-9);
  next_step (fx, "claim:printing");
  lanyard_test_wait_page ("claim:done");
  g_free (rows);
  rows = sql_text (fx, "SELECT group_concat (credits, ' ') FROM attestation WHERE credit_type = 'AMA_PRA_1'");
  g_assert_cmpstr (rows, ==, "0.75 1.0");

  /* Idle: everything on screen forgotten. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.go-home", NULL);
  lanyard_test_wait_page ("welcome");
  g_assert_null (lanyard_test_any_text_containing (GTK_WIDGET (fx->window), "0.75"));
}

/* Another process holds the database (an import, a backup, rows from
 * the hub) as Jane taps "I attest — continue": the kiosk keeps drawing,
 * nothing is recorded while the lock is held, and the claim lands and
 * the evaluation follows once it goes. The holder is another connection
 * in this same thread: a kiosk that wrote in the tap would wait out the
 * busy timeout (5 s) there, then say it failed. */
static void
test_database_held (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) other = lanyard_store_open (fx->db, &error);
  g_autofree char *rows = NULL;
  gint64 tapped;

  g_assert_no_error (error);
  come_in (fx, NULL);
  next_step (fx, "claim:attest");
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);
  tapped = g_get_monotonic_time ();
  next_step (fx, NULL);
  g_assert_cmpint (g_get_monotonic_time () - tapped, <, G_USEC_PER_SEC);
  lanyard_test_spin (1500);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "claim:attest");
  /* a second tap meanwhile changes nothing */
  next_step (fx, NULL);
  lanyard_store_rollback (other);
  lanyard_test_wait_page ("claim:evaluation");
  rows = sql_text (fx, "SELECT count(*) FROM attestation WHERE device = 'kiosk-claim'");
  g_assert_cmpstr (rows, ==, "2");
}

/* The whole claim with the keyboard alone: Tab (and Shift+Tab) to each
 * control, Enter or Space on it, an arrow on the stepper, and the words
 * typed into the field that has the focus; the claim and the evaluation
 * are recorded and the certificate printed with the lowered amount. */
static void
test_claim_by_keyboard (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWindow *window = fx->window;
  g_autofree char *rows = NULL;
  g_autoptr(GPtrArray) before = lanyard_test_cups_wait_spool (shared.cups, 0, 0);

  if (lanyard_test_cannot_press () != NULL)
    {
      g_test_skip (lanyard_test_cannot_press ());
      return;
    }
  lanyard_test_tab_and_enter (window, _("My credits & certificate"));
  lanyard_test_wait_page ("welcome:claim");
  lanyard_test_tab_and_enter (window, _("Find me by name"));
  lanyard_test_wait_page ("search");
  lanyard_test_type (window, "SMITH");
  g_assert_cmpstr (gtk_editable_get_text (lanyard_test_focused_editable (window)), ==, "SMITH");
  for (int i = 0; i < 100 && lanyard_test_label_saying (GTK_WIDGET (window), "Jane Smith, MD") == NULL; i++)
    lanyard_test_spin (20);
  lanyard_test_tab_and_enter (window, "Jane Smith, MD");
  lanyard_test_wait_page ("verify");
  lanyard_test_type (window, "MO01");
  lanyard_test_tab_and_enter (window, _("Check"));
  lanyard_test_wait_page ("claim:transcript");
  lanyard_test_tab_and_enter (window, _("Claim my credit"));
  lanyard_test_wait_page ("claim:attest");

  /* one step down on the stepper, and the permission to report ticked */
  g_assert_true (lanyard_test_press_until (window, "Tab", GTK_WIDGET (spin_for (fx, "AMA_PRA_1"))));
  lanyard_test_press (window, "Down");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin_for (fx, "AMA_PRA_1")), 0.75, 1e-9);
  lanyard_test_tab_and_enter (window, _("You may report this credit to my certifying board."));
  shoot (fx, "keyboard-attest");
  lanyard_test_tab_and_enter (window, _("I attest — continue"));
  lanyard_test_wait_page ("claim:evaluation");

  /* a scale, a choice (Space on the toggle), one left out, words typed */
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "4")));
  lanyard_test_press (window, "space");
  lanyard_test_tab_and_enter (window, _("Next question"));
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), "commercial bias"));
  g_assert_true (lanyard_test_press_until (window, "shift+Tab", lanyard_test_control_for (window, "Yes")));
  lanyard_test_press (window, "space");
  shoot (fx, "keyboard-evaluation");
  lanyard_test_tab_and_enter (window, _("Next question"));
  g_assert_nonnull (lanyard_test_label_containing (claim_page (fx), "objectives"));
  lanyard_test_tab_and_enter (window, _("Next question"));
  /* the free text: its field has the focus */
  lanyard_test_type (window, "MORE CASES");
  g_assert_cmpstr (gtk_editable_get_text (lanyard_test_focused_editable (window)), ==, "MORE CASES");
  lanyard_test_tab_and_enter (window, _("Send my answers"));
  lanyard_test_wait_page ("claim:done");

  assert_certificate (before->len + 1);
  rows = sql_text (fx, "SELECT credit_type || '=' || credits || ':' || permission_to_report FROM attestation"
                       " ORDER BY credit_type;"
                       "SELECT group_concat (coalesce (score, choice, text), ',') FROM evaluation_answer"
                       " WHERE device = 'kiosk-claim'");
  g_assert_cmpstr (rows, ==, "ABIM_MOC=1.0:1\nAMA_PRA_1=0.75:0\n4,Yes,MORE CASES");

  lanyard_test_tab_and_enter (window, _("Done"));
  lanyard_test_wait_page ("welcome");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *skip = NULL;
  g_autoptr(GError) error = NULL;
  const char *lang = g_getenv ("LANGUAGE");
  const char *localedir = g_getenv ("LANYARD_LOCALEDIR");
  g_autofree char *dir = NULL;
  int status;

  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  shared.ctl = g_getenv ("LANYARDCTL");
  if (shared.ctl == NULL || g_getenv ("LANYARD_SOURCE_DIR") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs LANYARDCTL, LANYARD_SOURCE_DIR and a display");
      return g_test_run ();
    }
  if ((shared.cups = lanyard_test_cups_start (&skip)) == NULL)
    {
      g_test_skip (skip);
      return g_test_run ();
    }
  g_setenv ("LANYARD_NO_SOUND", "1", TRUE);
  shared.german = lang != NULL && g_str_has_prefix (lang, "de");
  dir = g_strdup_printf ("claim-screens-%s", lang != NULL && *lang != '\0' ? lang : "en");
  shared.shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir (),
                                   dir, NULL);
  g_mkdir_with_parents (shared.shots, 0755);
  shared.app = lanyard_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (shared.app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (shared.app));

  g_test_add ("/claim-window/claim", Fixture, NULL, fixture_setup, test_claim, fixture_teardown);
  g_test_add ("/claim-window/database-held", Fixture, NULL, fixture_setup, test_database_held, fixture_teardown);
  g_test_add ("/claim-window/keyboard-alone", Fixture, NULL, fixture_setup, test_claim_by_keyboard, fixture_teardown);
  status = g_test_run ();

  g_application_release (G_APPLICATION (shared.app));
  g_clear_object (&shared.app);
  g_clear_pointer (&shared.cups, lanyard_test_cups_stop);
  g_free (shared.shots);
  return status;
}
