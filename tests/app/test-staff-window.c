/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff desk in this process, on a display (xvfb-run), printing through
 * the private CUPS fixture (tests/fixtures/cups-fixture.sh): the PIN (wrong,
 * then right), a search on the on-screen keyboard, an attendee's page, a
 * replacement badge with a reason (printed; the old badge refused as
 * replaced), a corrected name (audited), a walk-in (badge printed), a
 * cancelled registration, a name that looks like markup (a walk-in, its
 * toasts), a pharmacist sent to the desk cleared by entering his NABP
 * e-Profile ID and birth MMDD (shown only as "on file"), a walk-in
 * pharmacist asked for those ids, the status page with the printer, the
 * lock; and the desk's work with the keyboard alone (real keys, xdotool).
 * lanyardctl checks each result from outside. Each case has a database of
 * its own, made from the demo event (Jane at the conference already in
 * it), its own device context and a fresh desk built from it, and ends
 * with the desk and the context finalized: a reference left behind fails.
 * Screenshots of every page and dialog go to $G_TEST_BUILDDIR/staff-screens.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>
#include <string.h>

#include "lanyard-application.h"
#include "lanyard-checkin.h"
#include "lanyard-keyboard.h"
#include "lanyard-pin.h"
#include "lanyard-staff-window.h"
#include "lanyard-test-cups.h"
#include "lanyard-test-window.h"
#include "lanyard-kiosk-window.h"

#define PIN "2468"

/* What the cases share: lanyardctl, the printer, the application the
 * desks belong to. */
typedef struct {
  char               *shots;
  const char         *ctl;
  LanyardTestCups    *cups;
  LanyardApplication *app;
  guint               spooled;   /* badges the printer has received so far */
} Shared;

static Shared shared;

/* Each case's own database, context and desk. */
typedef struct {
  char               *dir;
  char               *db;
  LanyardContext     *context;
  LanyardKioskConfig *config;    /* the context's: a case may point it elsewhere */
  LanyardStaffWindow *window;
} Fixture;

#define DESK_LOCKED   GINT_TO_POINTER (FALSE)
#define DESK_UNLOCKED GINT_TO_POINTER (TRUE)

/* lanyardctl --db … ARGS: its standard output, and its exit status. */
static char *
ctl (Fixture    *fx,
     int        *exit_status,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) shared.ctl);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fx->db);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (exit_status != NULL)
    *exit_status = g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
  return g_steal_pointer (&out);
}

static void
shoot (GtkWindow  *window,
       const char *name)
{
  lanyard_test_shoot (window, shared.shots, name);
}

static void
wait_label (GtkWidget  *root,
            const char *needle)
{
  for (int i = 0; i < 400 && lanyard_test_label_text_containing (root, needle) == NULL; i++)
    lanyard_test_spin (50);
  if (lanyard_test_label_text_containing (root, needle) == NULL)
    {
      g_autofree char *path = g_build_filename (shared.shots, "failed.png", NULL);

      lanyard_page_report_save_screenshot (GTK_WINDOW (gtk_widget_get_root (root)), path);
      g_error ("no “%s” on the screen (%s)", needle, path);
    }
}

/* The mapped button showing @label, depth first. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* Clicks it, as a person would. */
static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = find_button (root, label);

  if (button == NULL)
    g_error ("no button “%s”", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  lanyard_test_spin (50);
}

/* The visible window that is not the desk: a dialog. */
static GtkWindow *
dialog_window (Fixture *fx)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (int tries = 0; tries < 100; tries++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (w != GTK_WINDOW (fx->window) && gtk_widget_get_mapped (GTK_WIDGET (w)))
            return w;
        }
      lanyard_test_spin (20);
    }
  g_error ("no dialog");
  return NULL;
}

static void
fill (GtkWindow  *dialog,
      const char *field,
      const char *text)
{
  GtkWidget *input = g_object_get_data (G_OBJECT (dialog), field);

  g_assert_true (GTK_IS_EDITABLE (input));
  gtk_editable_set_text (GTK_EDITABLE (input), text);
}

/* the search entry waits a moment for more keys */
static void
type_keys (LanyardKeyboard *kb,
           const char      *text)
{
  lanyard_test_type_keys (kb, text, 400);
}

static gint64
attendee_id (Fixture    *fx,
             const char *code)
{
  g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (lanyard_context_get_store (fx->context), code, NULL);

  g_assert_nonnull (a);
  return a->id;
}

/* Until the scan log has @kind for the attendee (the print went through). */
static void
wait_logged (Fixture        *fx,
             gint64          id,
             LanyardScanKind kind)
{
  for (int tries = 0; tries < 600; tries++)
    {
      g_autoptr(GPtrArray) scans = lanyard_store_list_scans (lanyard_context_get_store (fx->context), id, NULL);

      for (guint i = 0; scans != NULL && i < scans->len; i++)
        if (((LanyardScan *) g_ptr_array_index (scans, i))->kind == kind)
          return;
      lanyard_test_spin (100);
    }
  g_error ("%s never logged", lanyard_scan_kind_to_string (kind));
}

/* The next badge at the printer has @name on it. */
static void
assert_printed (const char *name)
{
  g_autoptr(GPtrArray) files = lanyard_test_cups_wait_spool (shared.cups, shared.spooled + 1, 60);
  g_autofree char *text = NULL;

  g_assert_cmpuint (files->len, ==, shared.spooled + 1);
  text = lanyard_test_pdftotext (g_ptr_array_index (files, shared.spooled));
  shared.spooled++;
  g_assert_nonnull (text);
  if (strstr (text, name) == NULL)
    g_error ("“%s” not on the badge:\n%s", name, text);
}

/* lanyardctl's answer @out has @needle in it (or, @present FALSE, not):
 * what the desk wrote is there for every other process too. */
static void
assert_outside (const char *out,
                const char *needle,
                gboolean    present)
{
  if ((strstr (out, needle) != NULL) != present)
    g_error ("lanyardctl %s “%s”:\n%s", present ? "does not show" : "still shows", needle, out);
}

/* Waits until the desk shows someone other than @before, and returns who:
 * a page is read off the main thread, so a new name may already be on
 * screen (a toast, a dialog) before the page is. */
static gint64
wait_other_attendee (Fixture *fx,
                     gint64   before)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (lanyard_staff_window_get_attendee_id (fx->window) == before && g_get_monotonic_time () < until)
    lanyard_test_spin (20);
  g_assert_cmpint (lanyard_staff_window_get_attendee_id (fx->window), !=, before);
  return lanyard_staff_window_get_attendee_id (fx->window);
}

/* The attendee page for @code, opened as the desk's scanner opens it. */
static void
open_attendee (Fixture    *fx,
               const char *code,
               const char *name)
{
  lanyard_staff_window_scan (fx->window, (const guint8 *) code, strlen (code));
  wait_label (GTK_WIDGET (fx->window), name);
  lanyard_test_wait_page ("attendee");
  g_assert_cmpint (lanyard_staff_window_get_attendee_id (fx->window), ==, attendee_id (fx, code));
}

/* Someone registered at the desk before the case began: the ticket code. */
static char *
walked_in_before (Fixture    *fx,
                  const char *first_name,
                  const char *last_name)
{
  g_autofree char *out = NULL;
  int status = 0;

  out = ctl (fx, &status, "walk-in", "--first-name", first_name, "--last-name", last_name, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (g_strstrip (out), "WI-"));
  return g_steal_pointer (&out);
}

static void
test_pin (Fixture       *fx,
         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  GtkWindow *dialog;
  LanyardKeyboard *keys;

  lanyard_test_wait_page ("locked");
  shoot (GTK_WINDOW (fx->window), "01-locked.png");
  click (window, "Unlock");
  dialog = dialog_window (fx);
  keys = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (dialog), LANYARD_TYPE_KEYBOARD, TRUE));
  g_assert_nonnull (keys);
  type_keys (keys, "1111");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  wait_label (GTK_WIDGET (dialog), "not right");
  shoot (dialog, "02-pin-wrong.png");
  g_assert_cmpstr (lanyard_test_last_page (), ==, "locked");

  type_keys (keys, PIN);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  lanyard_test_wait_page ("people");
  shoot (GTK_WINDOW (fx->window), "03-people.png");
}

/* Another process holds the database while staff enter the PIN: the
 * try is checked and counted off the main thread, so the pad keeps
 * drawing and the desk opens once the file is free. A pad that checked
 * on its main thread would wait out the busy timeout (5 s) in the tap
 * (the hash alone takes about 0.1 s). */
static void
test_pin_database_held (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) other = lanyard_store_open (fx->db, &error);
  GtkWindow *dialog;
  LanyardKeyboard *keys;
  gint64 tapped;

  g_assert_no_error (error);
  lanyard_test_wait_page ("locked");
  click (window, "Unlock");
  dialog = dialog_window (fx);
  keys = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (dialog), LANYARD_TYPE_KEYBOARD, TRUE));
  type_keys (keys, PIN);
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);
  tapped = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  /* at once: far less than the busy wait, even under the sanitizers */
  g_assert_cmpint (g_get_monotonic_time () - tapped, <, G_USEC_PER_SEC);
  lanyard_test_spin (1500);
  shoot (dialog, "25-pin-checking.png");
  g_assert_cmpstr (lanyard_test_last_page (), ==, "locked");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  lanyard_store_rollback (other);
  lanyard_test_wait_page ("people");
}

static void
test_search_open (Fixture       *fx,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  LanyardKeyboard *kb = LANYARD_KEYBOARD (lanyard_test_find_widget (window, LANYARD_TYPE_KEYBOARD, TRUE));
  GtkListBox *results;
  GtkListBoxRow *row;

  g_assert_nonnull (kb);
  type_keys (kb, "SMITH");
  g_assert_cmpstr (gtk_editable_get_text (lanyard_keyboard_get_target (kb)), ==, "SMITH");
  wait_label (window, "Jane Smith");
  g_assert_nonnull (lanyard_test_label_text_containing (window, "MW26-DEMO01"));
  shoot (GTK_WINDOW (fx->window), "04-search.png");

  /* A tap on the row whose subtitle has Jane's code. */
  row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (lanyard_test_label_containing (window, "MW26-DEMO01"),
                                                   GTK_TYPE_LIST_BOX_ROW));
  g_assert_nonnull (row);
  results = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row)));
  g_signal_emit_by_name (results, "row-activated", row);
  lanyard_test_wait_page ("attendee");
  g_assert_cmpint (lanyard_staff_window_get_attendee_id (fx->window), ==, attendee_id (fx, "MW26-DEMO01"));
  wait_label (window, "Jane Smith, MD");
  /* the page: history, sessions with minutes, credits so far */
  g_assert_nonnull (lanyard_test_label_text_containing (window, "Checked in"));
  g_assert_nonnull (lanyard_test_label_text_containing (window, "minutes"));
  g_assert_nonnull (lanyard_test_label_text_containing (window, "AMA PRA Category 1"));
  shoot (GTK_WINDOW (fx->window), "05-attendee.png");
}

static void
test_replacement (Fixture       *fx,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  gint64 jane = attendee_id (fx, "MW26-DEMO01");
  g_autofree char *lookup = ctl (fx, NULL, "lookup", "MW26-DEMO01", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *old = NULL;
  g_autofree char *out = NULL;
  GtkWindow *dialog;
  int status = 0;

  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  g_assert_true (json_parser_load_from_data (parser, lookup, -1, NULL));
  old = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "badge_code"));
  g_assert_true (g_str_has_prefix (old, "LY1:"));

  click (window, "Replacement…");
  dialog = dialog_window (fx);
  fill (dialog, "reason", "lost at the reception");
  shoot (dialog, "06-replacement.png");
  click (GTK_WIDGET (dialog), "Replace and print");
  wait_logged (fx, jane, LANYARD_SCAN_BADGE_REPRINTED);
  assert_printed ("Smith");
  wait_label (window, "Replacement badge: lost at the reception");
  wait_label (window, "version 2");
  shoot (GTK_WINDOW (fx->window), "07-replaced.png");

  out = ctl (fx, &status, "checkin", old, NULL);
  g_assert_cmpint (status, ==, 1);
  g_free (out);
  out = ctl (fx, &status, "checkin", old, "--json", NULL);
  g_assert_nonnull (strstr (out, "\"replaced\""));
}

static void
test_correction (Fixture       *fx,
                gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  g_autofree char *audit = NULL;
  GtkWindow *dialog;

  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  click (window, "Correct…");
  dialog = dialog_window (fx);
  fill (dialog, "last-name", "Smyth");
  fill (dialog, "credentials", "MD, MPH");
  shoot (dialog, "08-edit.png");
  click (GTK_WIDGET (dialog), "Save");
  wait_label (window, "Jane Smyth, MD, MPH");
  wait_label (window, "“Smith” → “Smyth”");
  shoot (GTK_WINDOW (fx->window), "09-corrected.png");

  audit = ctl (fx, NULL, "audit", "MW26-DEMO01", NULL);
  assert_outside (audit, "“Smith” → “Smyth”", TRUE);
  assert_outside (audit, "staff-window-test", TRUE);
}

static void
test_walk_in (Fixture       *fx,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  g_autoptr(LanyardAttendee) walker = NULL;
  g_autofree char *lookup = NULL;
  GtkWindow *dialog;
  gint64 before;

  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  before = lanyard_staff_window_get_attendee_id (fx->window);
  click (window, "Walk-in…");
  dialog = dialog_window (fx);
  fill (dialog, "first-name", "Zora");
  fill (dialog, "last-name", "Walkabout");
  fill (dialog, "credentials", "RN");
  fill (dialog, "affiliation", "Lakeside Community Clinic");
  shoot (dialog, "10-walk-in.png");
  click (GTK_WIDGET (dialog), "Register and print");
  wait_label (window, "Zora Walkabout");
  walker = lanyard_store_get_attendee (lanyard_context_get_store (fx->context), wait_other_attendee (fx, before),
                                       NULL);
  g_assert_nonnull (walker);
  g_assert_true (g_str_has_prefix (walker->ticket_code, "WI-"));
  wait_logged (fx, walker->id, LANYARD_SCAN_BADGE_PRINTED);
  assert_printed ("Walkabout");
  wait_label (window, "Badge printed");
  shoot (GTK_WINDOW (fx->window), "11-walk-in-printed.png");

  lookup = ctl (fx, NULL, "lookup", walker->ticket_code, NULL);
  assert_outside (lookup, "Walkabout", TRUE);
}

static void
test_cancel (Fixture       *fx,
            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  g_autofree char *code = walked_in_before (fx, "Zora", "Walkabout");
  g_autoptr(LanyardAttendee) walker = NULL;
  g_autofree char *lookup = NULL;
  GtkWindow *dialog;
  int status = 0;

  open_attendee (fx, code, "Zora Walkabout");
  walker = lanyard_store_get_attendee (lanyard_context_get_store (fx->context),
                                       lanyard_staff_window_get_attendee_id (fx->window), NULL);
  g_assert_nonnull (walker);
  click (window, "Cancel registration…");
  dialog = dialog_window (fx);
  shoot (dialog, "12-cancel.png");
  click (GTK_WIDGET (dialog), "Cancel registration");
  wait_label (window, "This registration is cancelled");
  shoot (GTK_WINDOW (fx->window), "13-cancelled.png");
  lookup = ctl (fx, NULL, "lookup", walker->ticket_code, NULL);
  assert_outside (lookup, "cancelled", TRUE);
  g_free (ctl (fx, &status, "checkin", walker->ticket_code, NULL));
  g_assert_cmpint (status, ==, 1);  /* cancelled, or (the core bug) unknown */

  click (window, "Restore registration");
  wait_label (window, "active");
  g_clear_pointer (&lookup, g_free);
  lookup = ctl (fx, NULL, "lookup", walker->ticket_code, NULL);
  assert_outside (lookup, "cancelled", FALSE);
}

/* A kiosk's badge waits for its printer: the desk sees it on the person's
 * page and can say not to print it; the log keeps who decided. */
static void
test_waiting_badge (Fixture       *fx,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  LanyardStore *store = lanyard_context_get_store (fx->context);
  gint64 id = attendee_id (fx, "MW26-DEMO01");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  const LanyardScan *last;
  gint64 deadline;

  g_assert_true (lanyard_checkin_record_badge_waiting (store, id, "kiosk-1", "The printer is out of labels", &error));
  g_assert_no_error (error);
  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  wait_label (window, "A badge waits for the printer at kiosk-1");
  wait_label (window, "Badge waiting for the printer: The printer is out of labels");
  shoot (GTK_WINDOW (fx->window), "14-waiting-badge.png");
  click (window, "Don’t print it");
  wait_label (window, "Waiting badge not to be printed");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (lanyard_test_label_containing (window, "A badge waits for the printer") != NULL &&
         g_get_monotonic_time () < deadline)
    lanyard_test_spin (50);
  g_assert_null (lanyard_test_label_containing (window, "A badge waits for the printer"));
  scans = lanyard_store_list_scans (store, id, &error);
  g_assert_no_error (error);
  g_assert_null (lanyard_checkin_find_waiting_badge (scans));
  last = g_ptr_array_index (scans, scans->len - 1);
  g_assert_cmpint (last->kind, ==, LANYARD_SCAN_BADGE_CANCELLED);
  g_assert_cmpstr (last->device, ==, lanyard_context_get_device (fx->context));
}

/* Names are text, never markup: a toast with this one used to be empty
 * (and a warning: fatal here). */
static void
test_markup_name (Fixture       *fx,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  GtkWindow *dialog;

  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  click (window, "Walk-in…");
  dialog = dialog_window (fx);
  fill (dialog, "first-name", "<b>Bob</b>");
  fill (dialog, "last-name", "& Co");
  click (GTK_WIDGET (dialog), "Register and print");
  wait_logged (fx, wait_other_attendee (fx, attendee_id (fx, "MW26-DEMO01")), LANYARD_SCAN_BADGE_PRINTED);
  assert_printed ("& Co");
  wait_label (window, "Badge printed for <b>Bob</b> & Co");
  shoot (GTK_WINDOW (fx->window), "13-markup-name.png");
}

/* Another process holds the database (an import, a backup, rows from
 * the hub) while staff save a correction and print a replacement: the
 * desk keeps drawing, and each write lands once the file is free. Here
 * the holder is another connection in this same thread: a desk that
 * wrote on its main thread would wait out the busy timeout (5 s) in the
 * click, then fail ("Not saved"). */
static void
test_database_held (Fixture       *fx,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  gint64 jane = attendee_id (fx, "MW26-DEMO01");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) other = lanyard_store_open (fx->db, &error);
  g_autoptr(LanyardAttendee) corrected = NULL;
  GtkWindow *dialog;
  gint64 clicked;

  g_assert_no_error (error);
  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");

  click (window, "Correct…");
  dialog = dialog_window (fx);
  fill (dialog, "last-name", "Smyth");
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);
  clicked = g_get_monotonic_time ();
  click (GTK_WIDGET (dialog), "Save");
  /* at once: far less than the busy wait, even under the sanitizers */
  g_assert_cmpint (g_get_monotonic_time () - clicked, <, G_USEC_PER_SEC);
  lanyard_test_spin (1500);
  g_assert_null (lanyard_test_label_containing (window, "Jane Smyth, MD"));
  lanyard_store_rollback (other);
  wait_label (window, "Jane Smyth, MD");
  corrected = lanyard_store_get_attendee (lanyard_context_get_store (fx->context), jane, NULL);
  g_assert_cmpstr (corrected->last_name, ==, "Smyth");

  click (window, "Replacement…");
  dialog = dialog_window (fx);
  fill (dialog, "reason", "lost while the file was held");
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);
  clicked = g_get_monotonic_time ();
  click (GTK_WIDGET (dialog), "Replace and print");
  g_assert_cmpint (g_get_monotonic_time () - clicked, <, G_USEC_PER_SEC);
  lanyard_test_spin (1500);
  g_assert_null (lanyard_test_label_containing (window, "Printing the badge"));
  lanyard_store_rollback (other);
  wait_logged (fx, jane, LANYARD_SCAN_BADGE_REPRINTED);
  assert_printed ("Smyth");
  wait_label (window, "Replacement badge: lost while the file was held");
  wait_label (window, "version 2");
}

/* The certificate at the desk: read and worked out off the main thread,
 * then printed; without any attendance, said why there is none. */
static void
test_certificate (Fixture       *fx,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  GtkWindow *dialog;

  /* Jane attended the opening plenary (the demo's scans) */
  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  click (window, "Certificate");
  wait_logged (fx, attendee_id (fx, "MW26-DEMO01"), LANYARD_SCAN_CERTIFICATE_PRINTED);
  assert_printed ("Jane Smith, MD");
  wait_label (window, "Certificate printed for Jane Smith, MD");

  /* Siobhán attended nothing yet */
  open_attendee (fx, "MW26-DEMO05", "Siobhán");
  click (window, "Certificate");
  dialog = dialog_window (fx);
  wait_label (GTK_WIDGET (dialog), "No session attendance is recorded");
  shoot (dialog, "26-no-certificate.png");
  gtk_window_destroy (dialog);
  {
    /* and nothing went to the printer for her */
    g_autoptr(GPtrArray) files = lanyard_test_cups_wait_spool (shared.cups, shared.spooled + 1, 2);

    g_assert_cmpuint (files->len, ==, shared.spooled);
  }
}

/* Jane's print jobs that have failed so far. */
static guint
failed_prints (Fixture *fx,
               gint64   id)
{
  g_autoptr(GPtrArray) jobs = lanyard_store_list_print_jobs (lanyard_context_get_store (fx->context), id, NULL);
  guint failed = 0;

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    failed += ((LanyardPrintJob *) g_ptr_array_index (jobs, i))->state == LANYARD_JOB_FAILED;
  return failed;
}

/* Prints Jane's badge to a queue that does not exist, and waits until it
 * has failed; with @before, that toast is taken away @after_ms after the
 * print started. Returns how long the print took, in ms. */
static int
print_failing (Fixture  *fx,
               AdwToast *before,
               int       after_ms)
{
  gint64 jane = attendee_id (fx, "MW26-DEMO01");
  guint failed = failed_prints (fx, jane);
  gint64 start = g_get_monotonic_time ();
  gboolean dismissed = before == NULL;
  gboolean told = FALSE;
  int took;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "desk.print-badge", NULL);
  while (failed_prints (fx, jane) == failed)
    {
      if (!told && lanyard_test_label_containing (GTK_WIDGET (fx->window), "Printing the badge for Jane Smith, MD…"))
        {
          told = TRUE;
          if (before == NULL)
            shoot (GTK_WINDOW (fx->window), "24-printing-bar.png");
        }
      if (!dismissed && g_get_monotonic_time () - start >= after_ms * 1000)
        {
          adw_toast_dismiss (before);
          dismissed = TRUE;
        }
      lanyard_test_spin (5);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
    }
  took = (g_get_monotonic_time () - start) / 1000;
  if (!dismissed)
    adw_toast_dismiss (before);
  /* said while it printed, and no longer once it is over */
  g_assert_true (told);
  for (int i = 0; i < 100 && lanyard_test_label_containing (GTK_WIDGET (fx->window), "Printing the badge") != NULL; i++)
    lanyard_test_spin (20);
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Printing the badge"));
  return took;
}

/* Every toast on @overlay closed with its own button, as staff would, and
 * gone from the screen. */
static void
close_toasts (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *close = child != content ? lanyard_test_find_widget (child, GTK_TYPE_BUTTON, TRUE) : NULL;

      if (close != NULL)
        gtk_widget_activate (close);
    }
  lanyard_test_spin (700);
}

/* A print that ends just as its "Printing…" note takes the place of
 * another toast. libadwaita 1.2.2 frees a toast dismissed within 200 ms
 * of being shown in another's place (its hide is shorter than that show)
 * and then reads it: the desk's crash in the keyboard case, where a
 * correction's "Saved" toast ran out as the replacement printed. Freed
 * memory is scribbled over here (main's mallopt) so that such a read
 * crashes. The other toast is taken away at times around the print's end
 * (a queue that does not exist: the print fails, as quickly each time);
 * the desk says what it prints in a bar of its own and takes no toast
 * away, and lives. */
static void
test_print_ends_under_toast (Fixture       *fx,
                             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (lanyard_test_find_widget (window, ADW_TYPE_TOAST_OVERLAY, TRUE));
  int took;

  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  g_free (fx->config->printer);
  fx->config->printer = g_strdup ("lanyard-test-no-such-queue");
  took = print_failing (fx, NULL, 0);
  for (int early = 240; early >= 0; early -= 40)
    {
      g_autoptr(AdwToast) before = adw_toast_new ("Shown before the print");

      close_toasts (overlay);
      adw_toast_set_timeout (before, 0);
      adw_toast_overlay_add_toast (overlay, g_object_ref (before));
      lanyard_test_spin (600);
      took = print_failing (fx, before, MAX (took - early, 0));
      g_test_message ("print failed in %d ms, the toast before it taken away %d ms earlier", took, early);
      lanyard_test_spin (700);
    }
  wait_label (window, "Not printed for Jane Smith, MD");
}

/* A dialog other than @old (which may still be closing; hold a reference
 * on it, or the new one may take its address). */
static GtkWindow *
next_dialog (Fixture   *fx,
             GtkWindow *old)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (int tries = 0; tries < 200; tries++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (w != GTK_WINDOW (fx->window) && w != old && gtk_widget_get_mapped (GTK_WIDGET (w)))
            return w;
        }
      lanyard_test_spin (20);
    }
  g_error ("no new dialog");
  return NULL;
}

static gboolean
needs_desk (Fixture *fx,
            gint64   id)
{
  g_autoptr(LanyardAttendee) a = lanyard_store_get_attendee (lanyard_context_get_store (fx->context), id, NULL);

  g_assert_nonnull (a);
  return lanyard_checkin_needs_desk (lanyard_context_get_event (fx->context), a);
}

/* A pharmacist the kiosk sent to the desk (no NABP e-Profile ID, no birth
 * MMDD), scanned with the scanner's line end: the desk enters the ids,
 * and he no longer needs the desk. The ids never show on screen. */
static void
test_clear_needs_desk (Fixture       *fx,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  const char *scanned = "MW26-DEMO06\r\n";
  gint64 paul = attendee_id (fx, "MW26-DEMO06");
  g_autoptr(LanyardAttendee) after = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GtkWindow) dialog = NULL;
  g_autoptr(GtkWindow) refusal = NULL;
  int status = 0;

  g_assert_true (needs_desk (fx, paul));
  lanyard_staff_window_scan (fx->window, (const guint8 *) scanned, strlen (scanned));
  wait_label (window, "Paul Nguyen");
  g_assert_cmpint (lanyard_staff_window_get_attendee_id (fx->window), ==, paul);
  wait_label (window, "missing: needed for credit");

  click (window, "Correct…");
  dialog = g_object_ref (dialog_window (fx));
  fill (dialog, "nabp-eprofile", "30000O2");  /* a letter O for a zero */
  fill (dialog, "birth-mmdd", "0229");
  click (GTK_WIDGET (dialog), "Save");
  refusal = g_object_ref (next_dialog (fx, dialog));
  wait_label (GTK_WIDGET (refusal), "6 or 7 digits");
  shoot (refusal, "15-not-saved.png");
  click (GTK_WIDGET (refusal), "Close");
  g_assert_true (needs_desk (fx, paul));

  click (window, "Correct…");
  g_clear_object (&dialog);
  dialog = g_object_ref (next_dialog (fx, refusal));
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (dialog), "NABP e-Profile ID"));
  fill (dialog, "nabp-eprofile", "3000002");
  fill (dialog, "birth-mmdd", "0229");
  /* the permission to report, a yes/no choice ("no" from the import) */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog),
                                                                                  "permission-to-report"))), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "permission-to-report")), 1);
  shoot (dialog, "16-edit-ids.png");
  click (GTK_WIDGET (dialog), "Save");
  wait_label (window, "Permission to report to boards: “no” → “yes”");
  wait_label (window, "NABP e-Profile ID: “missing” → “on file”");
  wait_label (window, "Birth month and day: “missing” → “on file”");
  g_assert_null (lanyard_test_label_text_containing (window, "missing: needed for credit"));
  g_assert_null (lanyard_test_label_text_containing (window, "3000002"));
  g_assert_null (lanyard_test_label_text_containing (window, "0229"));
  shoot (GTK_WINDOW (fx->window), "17-needs-desk-cleared.png");

  g_assert_false (needs_desk (fx, paul));
  after = lanyard_store_get_attendee (lanyard_context_get_store (fx->context), paul, NULL);
  g_assert_cmpstr (after->nabp_eprofile, ==, "3000002");
  g_assert_cmpstr (after->birth_mmdd, ==, "0229");
  g_assert_true (after->permission_to_report);
  out = ctl (fx, &status, "checkin", "MW26-DEMO06", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  assert_outside (out, "\"checked_in\"", TRUE);
}

/* A profession the list does not have (stored before the import held to
 * the keywords; the import now rejects it) is not swapped for the
 * drop-down's first choice by an unrelated correction. */
static void
test_profession_kept (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  g_autoptr(LanyardAttendee) dora = lanyard_attendee_new ();
  g_autoptr(LanyardAttendee) after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  dora->ticket_code = g_strdup ("DX-1");
  dora->first_name = g_strdup ("Dora");
  dora->last_name = g_strdup ("Dent");
  dora->profession = g_strdup ("dentist");
  g_assert_true (lanyard_store_upsert_attendee (lanyard_context_get_store (fx->context), dora, NULL, NULL, &error));
  g_assert_no_error (error);
  lanyard_staff_window_scan (fx->window, (const guint8 *) "DX-1", 4);
  wait_label (window, "Dora Dent");
  click (window, "Correct…");
  dialog = dialog_window (fx);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "profession"))),
                    ==, GTK_INVALID_LIST_POSITION);
  fill (dialog, "credentials", "DDS");
  click (GTK_WIDGET (dialog), "Save");
  wait_label (window, "Dora Dent, DDS");
  after = lanyard_store_find_ticket (lanyard_context_get_store (fx->context), "DX-1", NULL);
  g_assert_cmpstr (after->profession, ==, "dentist");
}

/* A walk-in pharmacist: the form asks for the ids ACPE reports, and
 * registers only with them. */
static void
test_walk_in_pharmacist (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  const char * const *professions = lanyard_professions ();
  g_autoptr(LanyardAttendee) walker = NULL;
  GtkWindow *dialog;
  GtkWidget *nabp, *npi;
  guint pharmacist = 0;

  while (g_strcmp0 (professions[pharmacist], "pharmacist") != 0)
    pharmacist++;
  open_attendee (fx, "MW26-DEMO01", "Jane Smith, MD");
  click (window, "Walk-in…");
  dialog = dialog_window (fx);
  nabp = g_object_get_data (G_OBJECT (dialog), "nabp-eprofile");
  npi = g_object_get_data (G_OBJECT (dialog), "npi");
  g_assert_false (gtk_widget_get_visible (nabp));   /* a physician's credits need no ids here */
  fill (dialog, "first-name", "Ada");
  fill (dialog, "last-name", "Apothecary");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "profession")), pharmacist);
  lanyard_test_spin (50);
  g_assert_true (gtk_widget_get_visible (nabp));
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (dialog), "birth-mmdd")));
  g_assert_false (gtk_widget_get_visible (npi));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "Register and print")));
  fill (dialog, "nabp-eprofile", "3000009");
  fill (dialog, "birth-mmdd", "0704");
  shoot (dialog, "18-walk-in-pharmacist.png");
  click (GTK_WIDGET (dialog), "Register and print");
  wait_label (window, "Ada Apothecary");
  walker = lanyard_store_get_attendee (lanyard_context_get_store (fx->context),
                                       wait_other_attendee (fx, attendee_id (fx, "MW26-DEMO01")), NULL);
  g_assert_cmpstr (walker->profession, ==, "pharmacist");
  g_assert_cmpstr (walker->nabp_eprofile, ==, "3000009");
  g_assert_false (needs_desk (fx, walker->id));
  wait_logged (fx, walker->id, LANYARD_SCAN_BADGE_PRINTED);
  assert_printed ("Apothecary");
}

/* The dialog that opened now, held in @dialog in place of the one
 * before (which may still be closing). */
static void
take_dialog (Fixture    *fx,
             GtkWindow **dialog)
{
  GtkWindow *next = g_object_ref (next_dialog (fx, *dialog));

  g_clear_object (dialog);
  *dialog = next;
}

/* The desk with the keyboard alone: Tab (and Shift+Tab, arrows in a list
 * and a drop-down) to each control, Enter or Space on it, and the words
 * typed into the field that has the focus. The PIN, a search, Jane's
 * page, her name corrected, a replacement badge, a walk-in pharmacist (his
 * profession chosen in the drop-down): each in the database, each badge at
 * the printer. */
static void
test_keyboard_alone (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fx->window);
  gint64 jane = attendee_id (fx, "MW26-DEMO01");
  g_autoptr(LanyardAttendee) corrected = NULL;
  g_autoptr(LanyardAttendee) walker = NULL;
  g_autofree char *audit = NULL;
  g_autoptr(GtkWindow) dialog = NULL;

  if (lanyard_test_cannot_press () != NULL)
    {
      g_test_skip (lanyard_test_cannot_press ());
      return;
    }
  lanyard_test_wait_page ("locked");
  lanyard_test_tab_and_enter (window, "Unlock");
  /* the pad takes the PIN as typed, and Enter */
  take_dialog (fx, &dialog);
  lanyard_test_type (dialog, PIN);
  lanyard_test_press (dialog, "Return");
  lanyard_test_wait_page ("people");

  g_assert_true (lanyard_test_press_until (window, "Tab",
                                           lanyard_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, TRUE)));
  lanyard_test_type (window, "SMITH");
  wait_label (GTK_WIDGET (window), "MW26-DEMO01");
  g_assert_true (lanyard_test_press_until_saying (window, "Tab", "Jane Smith, MD"));
  shoot (window, "20-keyboard-result.png");
  lanyard_test_press (window, "Return");
  lanyard_test_wait_page ("attendee");
  g_assert_cmpint (lanyard_staff_window_get_attendee_id (fx->window), ==, jane);

  /* her name corrected: Tab into the field selects what is in it (the
   * page first, its focus ring on the button: README's screenshot) */
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "Correct…")));
  shoot (window, "23-keyboard-attendee.png");
  lanyard_test_press (window, "Return");
  take_dialog (fx, &dialog);
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "last-name")));
  lanyard_test_type (dialog, "Smyth");
  shoot (dialog, "21-keyboard-correct.png");
  lanyard_test_tab_and_enter (dialog, "Save");
  wait_label (GTK_WIDGET (window), "Jane Smyth, MD");
  corrected = lanyard_store_get_attendee (lanyard_context_get_store (fx->context), jane, NULL);
  g_assert_cmpstr (corrected->last_name, ==, "Smyth");
  audit = ctl (fx, NULL, "audit", "MW26-DEMO01", NULL);
  assert_outside (audit, "“Smith” → “Smyth”", TRUE);

  /* a replacement badge, the reason typed */
  lanyard_test_tab_and_enter (window, "Replacement…");
  take_dialog (fx, &dialog);
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "reason")));
  lanyard_test_type (dialog, "lost at the reception");
  lanyard_test_tab_and_enter (dialog, "Replace and print");
  wait_logged (fx, jane, LANYARD_SCAN_BADGE_REPRINTED);
  assert_printed ("Smyth");
  wait_label (GTK_WIDGET (window), "Replacement badge: lost at the reception");

  /* a walk-in pharmacist: his profession from the drop-down by arrows */
  lanyard_test_tab_and_enter (window, "Walk-in…");
  take_dialog (fx, &dialog);
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "first-name")));
  lanyard_test_type (dialog, "Ada");
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "last-name")));
  lanyard_test_type (dialog, "Apothecary");
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "profession")));
  lanyard_test_press (dialog, "space");
  g_assert_true (lanyard_test_press_until_saying (dialog, "Down", "Pharmacist"));
  lanyard_test_press (dialog, "Return");
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (dialog), "nabp-eprofile")));
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "nabp-eprofile")));
  lanyard_test_type (dialog, "3000009");
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "birth-mmdd")));
  lanyard_test_type (dialog, "0704");
  shoot (dialog, "22-keyboard-walk-in.png");
  lanyard_test_tab_and_enter (dialog, "Register and print");
  wait_label (GTK_WIDGET (window), "Ada Apothecary");
  walker = lanyard_store_get_attendee (lanyard_context_get_store (fx->context), wait_other_attendee (fx, jane),
                                       NULL);
  g_assert_nonnull (walker);
  g_assert_cmpstr (walker->profession, ==, "pharmacist");
  g_assert_cmpstr (walker->nabp_eprofile, ==, "3000009");
  wait_logged (fx, walker->id, LANYARD_SCAN_BADGE_PRINTED);
  assert_printed ("Apothecary");
}

/* Typing in one of the desk's dialogs is using the desk: the time before
 * it locks itself starts again, as for a key in the window. (It did not:
 * three minutes in a walk-in form, say under a slow machine or a long
 * list of fields, locked the desk and closed the form under the person
 * typing, what they typed lost; and a test holding such a dialog without
 * a reference of its own read it freed.) No clock is asserted: time is
 * let pass with the dialog open until the seconds left have gone down by
 * ten, then a key is pressed in the dialog, and they must have gone up. */
static void
test_dialog_input (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fx->window);
  guint full = lanyard_context_get_config (fx->context)->staff_lock_seconds;
  g_autoptr(GtkWindow) dialog = NULL;
  guint before;

  if (lanyard_test_cannot_press () != NULL)
    {
      g_test_skip (lanyard_test_cannot_press ());
      return;
    }
  g_assert_cmpuint (full, >, 20);
  click (GTK_WIDGET (window), "Walk-in…");
  dialog = g_object_ref (dialog_window (fx));
  while ((before = lanyard_staff_window_get_lock_seconds_left (fx->window)) > full - 10)
    lanyard_test_spin (100);
  g_assert_cmpuint (before, >, 0);
  g_assert_true (lanyard_test_press_until (dialog, "Tab", g_object_get_data (G_OBJECT (dialog), "first-name")));
  lanyard_test_type (dialog, "Ada");
  g_assert_cmpuint (lanyard_staff_window_get_lock_seconds_left (fx->window), >, before);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "first-name")), ==, "Ada");
}

static void
test_status (Fixture       *fx,
            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  AdwViewStack *stack = ADW_VIEW_STACK (lanyard_test_find_widget (window, ADW_TYPE_VIEW_STACK, TRUE));
  g_autofree char *printer = g_strdup_printf ("%s (this desk’s printer)", shared.cups->queue);
  g_autofree char *queue = g_strdup_printf ("--print=%s", shared.cups->queue);
  int status = 0;

  /* a badge printed before */
  g_free (ctl (fx, &status, "badge", "MW26-DEMO01", queue, NULL));
  g_assert_cmpint (status, ==, 0);
  assert_printed ("Smith");
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (stack, "status");
  lanyard_test_wait_page ("status");
  wait_label (window, printer);
  g_assert_nonnull (lanyard_test_label_text_containing (window, "Ready"));
  g_assert_nonnull (lanyard_test_label_text_containing (window, "Badge · printed"));
  /* sessions: only those people came to */
  g_assert_nonnull (lanyard_test_label_text_containing (window, "S01"));
  g_assert_null (lanyard_test_label_text_containing (window, "S26"));
  shoot (GTK_WINDOW (fx->window), "14-status.png");
}

static void
test_lock (Fixture       *fx,
          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fx->window);
  AdwViewStack *stack = ADW_VIEW_STACK (lanyard_test_find_widget (window, ADW_TYPE_VIEW_STACK, TRUE));

  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  g_autofree char *code = walked_in_before (fx, "Zora", "Walkabout");

  open_attendee (fx, code, "Zora Walkabout");
  adw_view_stack_set_visible_child_name (stack, "people");
  lanyard_test_wait_page ("attendee");
  /* a dialog left open as the desk locks */
  click (window, "Walk-in…");
  g_assert_nonnull (dialog_window (fx));
  gtk_widget_activate_action (window, "desk.lock", NULL);
  lanyard_test_wait_page ("locked");
  /* nobody's details stay on a desk left alone, and no dialog either */
  g_assert_cmpint (lanyard_staff_window_get_attendee_id (fx->window), ==, 0);
  g_assert_null (lanyard_test_label_text_containing (window, "Walkabout"));
  lanyard_test_spin (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (fx->window) && gtk_widget_get_visible (GTK_WIDGET (w)))
        g_error ("a window is still open over the locked desk: “%s”", gtk_window_get_title (w));
    }
}

/* Jane came yesterday… today: checked in, and an hour in the first session. */
static void
jane_attended (Fixture *fx)
{
  const LanyardEvent *event = lanyard_context_get_event (fx->context);
  const LanyardSession *s01 = lanyard_event_find_session (event, "S01");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) in = NULL;
  g_autoptr(GDateTime) out = NULL;
  g_autoptr(GDateTime) arrived = NULL;
  g_autofree char *at_in = NULL;
  g_autofree char *at_out = NULL;
  g_autofree char *at_checkin = NULL;
  int status = 0;

  g_assert_nonnull (s01);
  start = g_date_time_new_from_unix_utc (s01->starts_at / G_USEC_PER_SEC);
  in = g_date_time_add_minutes (start, -5);
  out = g_date_time_add_minutes (start, 55);
  arrived = g_date_time_add_minutes (start, -30);
  at_checkin = g_date_time_format (arrived, "%FT%TZ");
  at_in = g_date_time_format (in, "%FT%TZ");
  at_out = g_date_time_format (out, "%FT%TZ");
  g_free (ctl (fx, &status, "checkin", "MW26-DEMO01", "--device", "kiosk-2", "--at", at_checkin, NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (ctl (fx, &status, "checkin", "MW26-DEMO01", "--session", "S01", "--device", "door-a", "--at", at_in, NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (ctl (fx, &status, "checkin", "MW26-DEMO01", "--session", "S01", "--exit", "--device", "door-a",
               "--at", at_out, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* A database of the demo event and its registrations, Jane's day in it,
 * the staff PIN set; a context on it, and a desk built from that context,
 * locked or (@data DESK_UNLOCKED) open. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *event = g_build_filename (src, "data", "demo", "event.json", NULL);
  g_autofree char *regs = g_build_filename (src, "data", "demo", "registrations.csv", NULL);
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(GError) error = NULL;
  gboolean unlocked = GPOINTER_TO_INT (data);
  g_autofree char *yesterday = lanyard_test_yesterday ();
  int status = 0;

  fx->dir = g_dir_make_tmp ("staff-window-XXXXXX", NULL);
  fx->db = g_build_filename (fx->dir, "desk.db", NULL);
  g_free (ctl (fx, &status, "init", "--event", event, "--start-on", yesterday, NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (ctl (fx, &status, "import", regs, NULL));
  g_assert_cmpint (status, ==, 0);

  config->db_path = g_strdup (fx->db);
  config->device_name = g_strdup ("staff-window-test");
  config->printer = g_strdup (shared.cups->queue);
  config->camera_source = g_strdup ("videotestsrc pattern=black is-live=true");
  fx->config = config;
  fx->context = lanyard_context_new (g_steal_pointer (&config), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_pin_set (lanyard_context_get_store (fx->context), PIN, &error));
  g_assert_no_error (error);
  jane_attended (fx);

  lanyard_test_forget_page ();
  fx->window = lanyard_staff_window_new (GTK_APPLICATION (shared.app), fx->context, unlocked);
  lanyard_staff_window_set_page_observer (fx->window, lanyard_test_page_seen, NULL);
  gtk_window_present (GTK_WINDOW (fx->window));
  lanyard_test_wait_page (unlocked ? "people" : "locked");
}

/* The desk closed, and nothing holding it or its context. */
static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  lanyard_test_close_device (GTK_WINDOW (fx->window), fx->context, fx->dir, "desk.db");
  g_free (fx->dir);
  g_free (fx->db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *skip = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* memory freed is scribbled over, so that a read of it crashes here
   * rather than now and then (print-ends-under-toast) */
  mallopt (M_PERTURB, 0xa5);
  /* every debug message on standard error, where tests/privacy-run.sh
   * looks for personal data (and out of the TAP stream) */
  g_log_writer_default_set_use_stderr (TRUE);
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
  shared.shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir (),
                                   "staff-screens", NULL);
  g_mkdir_with_parents (shared.shots, 0755);
  /* The desks' application: it holds their windows, not their data. */
  shared.app = lanyard_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (shared.app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (shared.app));

  g_test_add ("/staff-window/pin", Fixture, DESK_LOCKED, fixture_setup, test_pin, fixture_teardown);
  g_test_add ("/staff-window/pin-database-held", Fixture, DESK_LOCKED, fixture_setup, test_pin_database_held,
              fixture_teardown);
  g_test_add ("/staff-window/search-open", Fixture, DESK_UNLOCKED, fixture_setup, test_search_open, fixture_teardown);
  g_test_add ("/staff-window/replacement", Fixture, DESK_UNLOCKED, fixture_setup, test_replacement, fixture_teardown);
  g_test_add ("/staff-window/correction", Fixture, DESK_UNLOCKED, fixture_setup, test_correction, fixture_teardown);
  g_test_add ("/staff-window/walk-in", Fixture, DESK_UNLOCKED, fixture_setup, test_walk_in, fixture_teardown);
  g_test_add ("/staff-window/cancel", Fixture, DESK_UNLOCKED, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/staff-window/waiting-badge", Fixture, DESK_UNLOCKED, fixture_setup, test_waiting_badge, fixture_teardown);
  g_test_add ("/staff-window/markup-name", Fixture, DESK_UNLOCKED, fixture_setup, test_markup_name, fixture_teardown);
  g_test_add ("/staff-window/clear-needs-desk", Fixture, DESK_UNLOCKED, fixture_setup, test_clear_needs_desk, fixture_teardown);
  g_test_add ("/staff-window/walk-in-pharmacist", Fixture, DESK_UNLOCKED, fixture_setup, test_walk_in_pharmacist, fixture_teardown);
  g_test_add ("/staff-window/profession-kept", Fixture, DESK_UNLOCKED, fixture_setup, test_profession_kept, fixture_teardown);
  g_test_add ("/staff-window/certificate", Fixture, DESK_UNLOCKED, fixture_setup, test_certificate, fixture_teardown);
  g_test_add ("/staff-window/status", Fixture, DESK_UNLOCKED, fixture_setup, test_status, fixture_teardown);
  g_test_add ("/staff-window/lock", Fixture, DESK_UNLOCKED, fixture_setup, test_lock, fixture_teardown);
  g_test_add ("/staff-window/keyboard-alone", Fixture, DESK_LOCKED, fixture_setup, test_keyboard_alone, fixture_teardown);
  g_test_add ("/staff-window/database-held", Fixture, DESK_UNLOCKED, fixture_setup, test_database_held,
              fixture_teardown);
  g_test_add ("/staff-window/print-ends-under-toast", Fixture, DESK_UNLOCKED, fixture_setup,
              test_print_ends_under_toast, fixture_teardown);
  g_test_add ("/staff-window/dialog-input", Fixture, DESK_UNLOCKED, fixture_setup, test_dialog_input, fixture_teardown);
  status = g_test_run ();

  g_application_release (G_APPLICATION (shared.app));
  g_clear_object (&shared.app);
  g_clear_pointer (&shared.cups, lanyard_test_cups_stop);
  g_free (shared.shots);
  return status;
}
