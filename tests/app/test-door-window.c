/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session door in this process, on a display (xvfb-run), beside the
 * end-to-end test that drives it through a camera: a door for Workshop
 * Room 1, whose ticketed workshop S25 (12 seats) began 40 minutes ago,
 * scans fed as if the camera had read them (one table row a case), and
 * what the room monitor sees — the page drawn (through the page observer),
 * the result in words, the counter, the last scans. Everyone but Mr Haddad checked in at the
 * event this morning, as the doors require. Each case has a database, a
 * device context and a door of its own, finalized at the end: a reference
 * left behind fails. One more case sets up a door with no room yet, and
 * takes it back to its setup, with the keyboard alone (real keys, xdotool).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-door-window.h"
#include "lanyard-inspector-guard.h"
#include "lanyard-pin.h"
#include "lanyard-test-window.h"

#define ROOM     "Workshop Room 1"
#define CAPACITY 12

#define NURSE    "MW26-102701"   /* Hélène Beaulieu, registered for S25 */
#define JANE     "MW26-DEMO01"   /* registered for S25 */
#define SIOBHAN  "MW26-DEMO05"   /* not registered for S25 */
#define SKIPPED  "MW26-103182"   /* registered for S25, never checked in */
#define PIN      "2468"

typedef struct {
  const char *code;
  const char *page;    /* the page drawn for it */
} Scan;

typedef struct {
  const char *name;    /* the attendee's name on the row, or "Unknown badge" */
  const char *title;
} Recent;

/* One case: who was inside before, what is scanned in turn, and what the
 * screen shows after the last scan. */
typedef struct {
  const char *path;
  const char *inside_before;  /* an entry on record from 30 minutes ago, or NULL */
  Scan        scans[3];       /* in turn */
  const char *title;
  const char *detail;
  const char *name;           /* on the result; NULL: no name shown */
  const char *counter_before;
  const char *counter;
  Recent      recent[3];      /* the last scans, newest first */
  gboolean    not_set_up;     /* no room yet: the way to the PIN */
} DoorCase;

static const DoorCase cases[] = {
  { "/door-window/admitted", NULL, { { NURSE, "result:entered" } },
    "Admitted", "Enjoy the session", "Hélène Beaulieu",
    "0 inside / 12", "1 inside / 12",
    { { "Hélène Beaulieu", "Admitted" } } },
  { "/door-window/exit-with-minutes", JANE, { { JANE, "result:exited" } },
    "Exit recorded", "30 minutes in this session", "Jane Smith",
    "1 inside / 12", "0 inside / 12",
    { { "Jane Smith", "Exit recorded" } } },
  /* Toggle: the same badge again within repeat_seconds is a repeat, not an exit. */
  { "/door-window/already-inside", NULL, { { NURSE, "result:entered" }, { NURSE, "result:already-inside" } },
    "Already inside", "This badge was just scanned in: go ahead", "Hélène Beaulieu",
    "0 inside / 12", "1 inside / 12",
    { { "Hélène Beaulieu", "Already inside" }, { "Hélène Beaulieu", "Admitted" } } },
  { "/door-window/not-registered", NULL, { { SIOBHAN, "result:not-registered" } },
    "Not registered for this workshop", "This workshop needs a ticket", "Siobhán",
    "0 inside / 12", "0 inside / 12",
    { { "Siobhán", "Not registered for this workshop" } } },
  { "/door-window/unknown", NULL, { { "NOPE-0000", "result:unknown" } },
    "Unknown badge", "Please see the registration desk", NULL,
    "0 inside / 12", "0 inside / 12",
    { { "Unknown badge", "Unknown badge" } } },
  { "/door-window/not-checked-in", NULL, { { SKIPPED, "result:not-checked-in" } },
    "Please check in first", "You have not checked in at the event yet", "حداد",
    "0 inside / 12", "0 inside / 12",
    { { "حداد", "Please check in first" } } },
};

/* A door with no room yet. */
static const DoorCase not_set_up = { .not_set_up = TRUE };

typedef struct {
  char              *dir;
  char              *db;
  LanyardContext    *context;
  LanyardDoorWindow *window;
  gint64             entered_at;  /* the entry on record before, if any */
} Fixture;

/* The event today, S25 in it from 40 minutes ago for two hours, with
 * CAPACITY seats: what the clock picks for the room now. */
static void
move_workshop_to_now (Fixture *fx)
{
  LanyardStore *store = lanyard_context_get_store (fx->context);
  gint64 now = g_get_real_time ();
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GError) error = NULL;
  LanyardSession *s25;

  event = lanyard_store_load_event (store, &error);
  g_assert_no_error (error);
  tz = g_time_zone_new_identifier (event->time_zone);
  g_assert_nonnull (tz);
  today = g_date_time_new_now (tz);
  g_free (event->start_date);
  g_free (event->end_date);
  event->start_date = g_date_time_format (today, "%F");
  event->end_date = g_date_time_format (today, "%F");
  s25 = (LanyardSession *) lanyard_event_find_session (event, "S25");
  g_assert_nonnull (s25);
  g_assert_cmpstr (s25->room, ==, ROOM);
  s25->starts_at = now - G_GINT64_CONSTANT (40) * 60 * G_USEC_PER_SEC;
  s25->ends_at = now + G_GINT64_CONSTANT (80) * 60 * G_USEC_PER_SEC;
  s25->capacity = CAPACITY;
  g_assert_true (lanyard_store_save_event (store, event, &error));
  g_assert_no_error (error);
  g_assert_true (lanyard_context_reload_event (fx->context, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  const DoorCase *c = data;
  const char *ctl = g_getenv ("LANYARDCTL");
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *event = g_build_filename (src, "data", "demo", "event.json", NULL);
  g_autofree char *regs = g_build_filename (src, "data", "demo", "registrations.csv", NULL);
  LanyardKioskConfig *config = lanyard_kiosk_config_new ();
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("door-window-XXXXXX", NULL);
  fx->db = g_build_filename (fx->dir, "door.db", NULL);
  lanyard_test_run ((const char *[]) { ctl, "--db", fx->db, "init", "--event", event, NULL });
  lanyard_test_run ((const char *[]) { ctl, "--db", fx->db, "import", regs, NULL });
  config->db_path = g_strdup (fx->db);
  config->device_name = g_strdup ("door-window-test");
  config->camera_source = g_strdup ("lanyardnosuchsource");
  config->door_room = c->not_set_up ? NULL : g_strdup (ROOM);
  fx->context = lanyard_context_new (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_pin_set (lanyard_context_get_store (fx->context), PIN, &error));
  g_assert_no_error (error);
  move_workshop_to_now (fx);
  for (const char *const *code = (const char *[]) { NURSE, JANE, SIOBHAN, NULL }; *code != NULL; code++)
    lanyard_test_run ((const char *[]) { ctl, "--db", fx->db, "checkin", *code, "--device", "kiosk-1", NULL });
  if (c->inside_before != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -30);
      g_autofree char *at = g_date_time_format (then, "%FT%TZ");

      lanyard_test_run ((const char *[]) { ctl, "--db", fx->db, "checkin", c->inside_before, "--session", "S25",
                                            "--device", "door-window-test", "--at", at, NULL });
      fx->entered_at = g_date_time_to_unix (then) * G_USEC_PER_SEC;
    }

  lanyard_test_forget_page ();
  fx->window = g_object_new (LANYARD_TYPE_DOOR_WINDOW, "context", fx->context, NULL);
  lanyard_door_window_set_page_observer (fx->window, lanyard_test_page_seen, NULL);
  gtk_window_present (GTK_WINDOW (fx->window));
  lanyard_test_wait_page (c->not_set_up ? "not-set-up" : "ready");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  lanyard_test_close_device (GTK_WINDOW (fx->window), fx->context, fx->dir, "door.db");
  g_free (fx->dir);
  g_free (fx->db);
}

/* The mapped labels under @root, depth first, into @texts. */
static void
collect_labels (GtkWidget *root,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (child)));
      collect_labels (child, texts);
    }
}

/* The counter: "N inside / CAPACITY". */
static const char *
counter_text (GtkWidget *window)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (window, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_regex_match_simple ("^[0-9]+ inside", g_ptr_array_index (texts, i), 0, 0))
      return g_ptr_array_index (texts, i);
  return NULL;
}

/* The last scans, newest first: each row's labels, joined. */
static GPtrArray *
recent_rows (GtkWidget *window)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *list = lanyard_test_find_widget (window, GTK_TYPE_LIST_BOX, TRUE);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();

      collect_labels (row, texts);
      g_ptr_array_add (texts, NULL);
      g_ptr_array_add (rows, g_strjoinv (" · ", (char **) texts->pdata));
    }
  return rows;
}

static void
test_scan (Fixture       *fx,
           gconstpointer  data)
{
  const DoorCase *c = data;
  GtkWidget *window = GTK_WIDGET (fx->window);
  g_autoptr(GPtrArray) rows = NULL;
  guint n_recent = 0;

  /* counted off the main thread as the session is taken up */
  for (int i = 0; i < 1000 && g_strcmp0 (counter_text (window), c->counter_before) != 0; i++)
    lanyard_test_spin (20);
  g_assert_cmpstr (counter_text (window), ==, c->counter_before);
  for (const Scan *scan = c->scans; scan < c->scans + G_N_ELEMENTS (c->scans) && scan->code != NULL; scan++)
    {
      lanyard_test_forget_page ();
      lanyard_door_window_scan (fx->window, (const guint8 *) scan->code, strlen (scan->code));
      lanyard_test_wait_page (scan->page);
    }
  /* "30 minutes": the setup took less than a minute after the entry. */
  if (c->inside_before != NULL)
    g_assert_cmpint (g_get_real_time () - fx->entered_at, <, G_GINT64_CONSTANT (31) * 60 * G_USEC_PER_SEC);
  g_assert_nonnull (lanyard_test_label_text_containing (window, c->title));
  g_assert_nonnull (lanyard_test_label_text_containing (window, c->detail));
  if (c->name != NULL)
    g_assert_nonnull (lanyard_test_label_text_containing (window, c->name));
  g_assert_cmpstr (counter_text (window), ==, c->counter);

  /* The result stays up a moment; then the door is ready for the next,
   * the last scans beside the camera. */
  lanyard_test_wait_page ("ready");
  rows = recent_rows (window);
  while (n_recent < G_N_ELEMENTS (c->recent) && c->recent[n_recent].name != NULL)
    n_recent++;
  g_assert_cmpuint (rows->len, ==, n_recent);
  for (guint i = 0; i < n_recent; i++)
    {
      const char *row = g_ptr_array_index (rows, i);

      if (strstr (row, c->recent[i].name) == NULL || strstr (row, c->recent[i].title) == NULL)
        g_error ("last scan %u is “%s”, not %s · %s", i, row, c->recent[i].name, c->recent[i].title);
    }
}

/* The staff corner under @root (a long press there, or Enter, asks for
 * the PIN). */
static GtkWidget *
find_corner (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, "staff-corner"))
        return child;
      if ((found = find_corner (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
shoot_focus (Fixture    *fx,
             const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir (),
                                           "door-window-screens", NULL);

  g_mkdir_with_parents (dir, 0755);
  lanyard_test_shoot (GTK_WINDOW (fx->window), dir, name);
}

/* The PIN pad over the door: the PIN typed, and Enter. */
static void
type_pin (Fixture *fx)
{
  GtkWindow *pad = NULL;

  for (int i = 0; i < 100 && (pad = lanyard_test_other_window (GTK_WINDOW (fx->window))) == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (pad);
  lanyard_test_type (pad, PIN);
  lanyard_test_press (pad, "Return");
  lanyard_test_wait_page ("setup");
}

/* The row of the list on the screen whose words contain @text. */
static GtkWidget *
row_containing (Fixture    *fx,
                const char *text)
{
  GtkWidget *label = lanyard_test_label_containing (GTK_WIDGET (fx->window), text);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
}

/* A door set up with the keyboard alone: the PIN, the room and its
 * session chosen with the arrows in their lists, the direction, the door
 * opened; a scan is an entry to that session. Then the staff corner
 * reached by Tab takes the door back to its setup, behind the PIN, to
 * make it an exit. */
static void
test_keyboard_alone (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fx->window);
  const LanyardSession *s25 = lanyard_event_find_session (lanyard_context_get_event (fx->context), "S25");
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(LanyardAttendee) nurse = NULL;
  const LanyardScan *entry = NULL;

  if (lanyard_test_cannot_press () != NULL)
    {
      g_test_skip (lanyard_test_cannot_press ());
      return;
    }
  lanyard_test_tab_and_enter (window, "Enter the staff PIN");
  type_pin (fx);

  /* into the rooms, down to this one; then its sessions */
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_find_widget (GTK_WIDGET (window),
                                                                                      GTK_TYPE_LIST_BOX, TRUE)));
  g_assert_true (lanyard_test_press_until (window, "Down", lanyard_test_control_for (window, ROOM)));
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "By the clock: the current or next session")));
  g_assert_true (lanyard_test_press_until (window, "Down", row_containing (fx, s25->title)));
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "Entry only")));
  lanyard_test_press (window, "space");
  shoot_focus (fx, "door-setup-keyboard.png");
  lanyard_test_tab_and_enter (window, "Open the door");
  lanyard_test_wait_page ("ready");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (window), s25->title));
  g_assert_nonnull (lanyard_test_label_saying (GTK_WIDGET (window), "Entry only"));

  lanyard_test_forget_page ();
  lanyard_door_window_scan (fx->window, (const guint8 *) NURSE, strlen (NURSE));
  lanyard_test_wait_page ("result:entered");
  nurse = lanyard_store_find_ticket (lanyard_context_get_store (fx->context), NURSE, NULL);
  scans = lanyard_store_list_scans (lanyard_context_get_store (fx->context), nurse->id, NULL);
  for (guint i = 0; i < scans->len && entry == NULL; i++)
    if (((LanyardScan *) g_ptr_array_index (scans, i))->kind == LANYARD_SCAN_SESSION_ENTRY)
      entry = g_ptr_array_index (scans, i);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->session_id, ==, "S25");
  lanyard_test_wait_page ("ready");

  /* the staff corner, by Tab: behind the PIN, the setup again */
  g_assert_true (lanyard_test_press_until (window, "Tab", find_corner (GTK_WIDGET (window))));
  /* the ring stays where the keyboard left it, past GTK's 3 s */
  lanyard_test_spin (3500);
  g_assert_true (gtk_window_get_focus_visible (window));
  shoot_focus (fx, "door-corner-keyboard.png");
  lanyard_test_press (window, "Return");
  type_pin (fx);
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "Exit only")));
  lanyard_test_press (window, "space");
  lanyard_test_tab_and_enter (window, "Open the door");
  lanyard_test_wait_page ("ready");
  g_assert_nonnull (lanyard_test_label_saying (GTK_WIDGET (window), "Exit only"));
}

/* @attendee_id's last session entry on record, or NULL. */
static LanyardScan *
last_entry (Fixture *fx,
            gint64   attendee_id)
{
  g_autoptr(GPtrArray) scans = lanyard_store_list_scans (lanyard_context_get_store (fx->context), attendee_id, NULL);

  for (guint i = scans != NULL ? scans->len : 0; i > 0; i--)
    {
      LanyardScan *scan = g_ptr_array_index (scans, i - 1);

      if (scan->kind == LANYARD_SCAN_SESSION_ENTRY)
        return g_ptr_array_steal_index (scans, i - 1);
    }
  return NULL;
}

/* Another process holds the database's write lock (a lanyardctl import, a
 * backup) when a badge is scanned: the scan waits for the lock on a worker
 * thread, so the door's main loop goes on (the call returns at once), and
 * the result shows once it is recorded. On the main thread the scan held
 * the door for as long as the lock was held (here, as the holder is this
 * same thread, until the busy timeout, 5 s, and then failed). */
static void
test_database_held (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) other = lanyard_store_open (fx->db, &error);
  g_autoptr(LanyardAttendee) nurse = NULL;
  g_autoptr(LanyardAttendee) jane = NULL;
  g_autoptr(LanyardScan) jane_entry = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  gint64 called, jane_read, released;

  g_assert_no_error (error);
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);

  lanyard_test_forget_page ();
  called = g_get_monotonic_time ();
  lanyard_door_window_scan (fx->window, (const guint8 *) NURSE, strlen (NURSE));
  /* at once: a second is far more than queueing the scan takes, even
   * under the sanitizers on a loaded machine, and far less than the wait */
  g_assert_cmpint (g_get_monotonic_time () - called, <, G_USEC_PER_SEC);
  lanyard_test_spin (1500);
  /* a second badge while the first waits: recorded after it, at the time
   * it was read */
  jane_read = g_get_real_time ();
  lanyard_door_window_scan (fx->window, (const guint8 *) JANE, strlen (JANE));
  lanyard_test_spin (1000);
  /* nothing recorded, nothing shown, while the lock is held */
  g_assert_cmpstr (lanyard_test_last_page (), !=, "result:entered");
  released = g_get_real_time ();
  lanyard_store_rollback (other);
  lanyard_test_wait_page ("result:entered");

  nurse = lanyard_store_find_ticket (lanyard_context_get_store (fx->context), NURSE, NULL);
  scans = lanyard_store_list_scans (lanyard_context_get_store (fx->context), nurse->id, NULL);
  g_assert_cmpuint (scans->len, >, 0);
  g_assert_cmpint (((LanyardScan *) g_ptr_array_index (scans, scans->len - 1))->kind, ==,
                   LANYARD_SCAN_SESSION_ENTRY);
  jane = lanyard_store_find_ticket (lanyard_context_get_store (fx->context), JANE, NULL);
  for (int i = 0; i < 500 && (jane_entry = last_entry (fx, jane->id)) == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (jane_entry);
  g_assert_cmpint (jane_entry->at, >=, jane_read);
  g_assert_cmpint (jane_entry->at, <, released);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  if (g_getenv ("LANYARDCTL") == NULL || g_getenv ("LANYARD_SOURCE_DIR") == NULL)
    {
      g_test_skip ("needs LANYARDCTL and LANYARD_SOURCE_DIR");
      return g_test_run ();
    }
  g_setenv ("LANYARD_NO_SOUND", "1", TRUE);
  /* as the application does as it starts: every window guarded, its
   * focus ring kept */
  lanyard_inspector_guard_install ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add (cases[i].path, Fixture, &cases[i], fixture_setup, test_scan, fixture_teardown);
  g_test_add ("/door-window/keyboard-alone", Fixture, &not_set_up, fixture_setup, test_keyboard_alone,
              fixture_teardown);
  g_test_add ("/door-window/database-held", Fixture, &cases[0], fixture_setup, test_database_held,
              fixture_teardown);
  return g_test_run ();
}
