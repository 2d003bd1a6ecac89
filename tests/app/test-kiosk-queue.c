/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk in front of a queue, in this process on a display (xvfb-run),
 * driven by real input: xdotool presses, taps and types at the screen
 * coordinates of the widgets meant (each widget's place is read from the
 * window), as a person at the screen would. The camera is a GStreamer
 * source reading one picture file again and again; a case swaps the
 * picture (blank, or a badge's QR code) to hold a code up to it.
 *   - the PIN pad: centred over the page, 20 s by default, closes by
 *     itself when left alone and counts down to it, its keys stay put
 *     after a wrong PIN, and no code is taken while it is open;
 *   - a code held up while someone types a name is ignored;
 *   - the last four: each wrong try says so and empties the field, and
 *     the three tries hold for the registration across visits;
 *   - Back and the idle reset leave nothing to undo in the search field,
 *     and the field has no context menu;
 *   - a cancelled registration and a pharmacist without an NABP e-Profile
 *     ID, held up, are sent to the desk in words.
 * Screenshots go to $G_TEST_BUILDDIR/queue-screens.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "lanyard-application.h"
#include "lanyard-checkin.h"
#include "lanyard-kiosk-window.h"
#include "lanyard-pin-dialog.h"
#include "lanyard-test-cups.h"
#include "lanyard-test-window.h"

#define PIN "2468"

typedef struct {
  char                *dir;
  char                *shots;
  char                *camera_file;  /* what the camera sees */
  char                *blank_png;
  char                *jane_png;
  char                *siobhan_png;
  char                *robert_png;
  char                *kline_png;    /* MW26-DEMO07: cancelled */
  char                *nguyen_png;   /* MW26-DEMO06: pharmacist, no NABP e-Profile ID */
  char                *wang_png;     /* MW26-DEMO03: checked in only by database-held */
  LanyardTestCups     *cups;         /* NULL: no CUPS here */
  char                *cups_skip;
  LanyardApplication  *app;
  LanyardContext      *context;
} Shared;

static Shared shared;

typedef struct {
  GtkWindow *window;
  guint      codes_seen;   /* by the camera, whether the kiosk took them or not */
} Fixture;

static void
shoot (GtkWindow  *window,
       const char *name)
{
  lanyard_test_shoot (window, shared.shots, name);
}

/* ------------------------------------------------------------------ */
/* Real input: xdotool at the widgets' places on the screen             */

static void
on_xdotool_done (GPid     pid,
                 int      status,
                 gpointer data)
{
  g_autoptr(GError) error = NULL;

  if (!g_spawn_check_wait_status (status, &error))
    g_error ("xdotool: %s", error->message);
  g_spawn_close_pid (pid);
  *(gboolean *) data = TRUE;
}

/* Runs xdotool with @args (NULL-terminated) while the main loop turns:
 * GTK must see the events as they come. */
static void
xdotool_v (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  GPid pid;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (const char *const *a = args; *a != NULL; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                      NULL, NULL, &pid, &error))
    g_error ("xdotool: %s", error->message);
  g_child_watch_add (pid, on_xdotool_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

#define xdotool(...) xdotool_v ((const char *[]) { __VA_ARGS__, NULL })

/* The centre of @widget on the screen (the root window's coordinates). */
static void
screen_point (GtkWidget *widget,
              int       *x,
              int       *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t p;
  double sx, sy;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface), DefaultRootWindow (display),
                         0, 0, &rx, &ry, &child);
  *x = rx + (int) (p.x + sx);
  *y = ry + (int) (p.y + sy);
}

static void
move_to (GtkWidget *widget)
{
  g_autofree char *xs = NULL, *ys = NULL;
  int x, y;

  screen_point (widget, &x, &y);
  xs = g_strdup_printf ("%d", x);
  ys = g_strdup_printf ("%d", y);
  xdotool ("mousemove", xs, ys);
}

static void
tap (GtkWidget *widget)
{
  move_to (widget);
  xdotool ("click", "1");
  lanyard_test_spin (100);
}

/* The mapped button under @root that reads @text. */
static GtkWidget *
button_reading (GtkWidget  *root,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_BUTTON (child))
        {
          GtkWidget *label = lanyard_test_label_containing (child, text);

          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), text) == 0
              || (label != NULL && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), text)))
            return child;
        }
      if ((found = button_reading (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static void
tap_button (GtkWidget  *root,
            const char *text)
{
  GtkWidget *button = button_reading (root, text);

  if (button == NULL)
    g_error ("no button “%s” on screen", text);
  tap (button);
}

/* Taps each character of @text on the on-screen keyboard under @root. */
static void
tap_keys (GtkWidget  *root,
          const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), key);
      tap_button (root, key);
    }
}

/* The kiosk's own main loop until @cond holds, @ms at most. */
#define WAIT_FOR(cond, ms) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + (ms) * 1000; \
    while (!(cond) && g_get_monotonic_time () < _end) \
      lanyard_test_spin (20); \
  } G_STMT_END

/* ------------------------------------------------------------------ */
/* The camera's picture                                                 */

static void
camera_shows (const char *png)
{
  g_autofree char *tmp = g_strconcat (shared.camera_file, ".new", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (tmp, contents, len, NULL));
  g_assert_cmpint (g_rename (tmp, shared.camera_file), ==, 0);
}

static void
on_camera_code (GObject  *camera,
                GBytes   *code,
                Fixture  *fx)
{
  fx->codes_seen++;
}

/* Shows Jane's code and waits until the camera has read it: the kiosk
 * has had its chance to take it. */
static void
hold_up_janes_code (Fixture *fx)
{
  guint seen = fx->codes_seen;

  camera_shows (shared.jane_png);
  WAIT_FOR (fx->codes_seen > seen, 15000);
  g_assert_cmpuint (fx->codes_seen, >, seen);
  /* the kiosk's handler ran before ours; one more turn for its page */
  lanyard_test_spin (300);
}

static gint64
count_scans (const char *ticket_code,
             const char *kind)
{
  g_autoptr(GPtrArray) hits = lanyard_store_search (lanyard_context_get_store (shared.context), ticket_code, 1, NULL);
  g_autoptr(GPtrArray) scans = NULL;
  const LanyardAttendee *a;
  gint64 n = 0;

  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 1);
  a = g_ptr_array_index (hits, 0);
  scans = lanyard_store_list_scans (lanyard_context_get_store (shared.context), a->id, NULL);
  g_assert_nonnull (scans);
  for (guint i = 0; i < scans->len; i++)
    {
      LanyardScan *scan = g_ptr_array_index (scans, i);

      if (g_str_equal (lanyard_scan_kind_to_string (scan->kind), kind))
        n++;
    }
  return n;
}

/* ------------------------------------------------------------------ */
/* The PIN pad                                                          */

static GtkWindow *
pin_pad (Fixture *fx)
{
  return lanyard_test_other_window (fx->window);
}

/* As staff open it: pressed on the top right corner and held until the
 * pad is on screen. */
static GtkWindow *
open_pin_pad (Fixture *fx)
{
  g_autofree char *x = g_strdup_printf ("%d", gtk_widget_get_width (GTK_WIDGET (fx->window)) - 36);
  GtkWindow *pad;

  xdotool ("mousemove", x, "36", "mousedown", "1");
  WAIT_FOR (pin_pad (fx) != NULL && gtk_widget_get_mapped (GTK_WIDGET (pin_pad (fx))), 10000);
  xdotool ("mouseup", "1");
  pad = pin_pad (fx);
  g_assert_nonnull (pad);
  lanyard_test_spin (300);
  return pad;
}

static void
test_pin_pad_centred_keys_stay (Fixture       *fx,
                                gconstpointer  data)
{
  GtkWindow *pad = open_pin_pad (fx);
  GtkWidget *card, *one;
  guint idle_seconds = 0;
  int kx, ky, cx, cy, one_x, one_y, x, y;

  /* closes after 20 s without input, unless told otherwise */
  g_object_get (pad, "idle-seconds", &idle_seconds, NULL);
  g_assert_cmpuint (idle_seconds, ==, 20);

  /* centred over the kiosk */
  card = gtk_window_get_child (pad);
  screen_point (GTK_WIDGET (fx->window), &kx, &ky);
  screen_point (card, &cx, &cy);
  g_test_message ("kiosk centre %d,%d; pad centre %d,%d", kx, ky, cx, cy);
  g_assert_cmpint (ABS (cx - kx), <=, 2);
  g_assert_cmpint (ABS (cy - ky), <=, 2);
  shoot (pad, "pin-pad.png");

  /* a wrong PIN, tapped: said, and the keys where they were */
  one = button_reading (GTK_WIDGET (pad), "1");
  g_assert_nonnull (one);
  screen_point (one, &one_x, &one_y);
  tap_keys (GTK_WIDGET (pad), "1111");
  tap_button (GTK_WIDGET (pad), "Unlock");
  /* (the try is checked on a worker) */
  lanyard_test_wait_label_containing (GTK_WIDGET (pad), "not right");
  screen_point (one, &x, &y);
  g_assert_cmpint (x, ==, one_x);
  g_assert_cmpint (y, ==, one_y);
  shoot (pad, "pin-pad-wrong.png");

  /* the longest words the pad says (in German, three lines): still put */
  gtk_label_set_text (GTK_LABEL (lanyard_test_label_containing (GTK_WIDGET (pad), "not right")),
                      "Auf diesem Kiosk ist keine PIN für das Personal festgelegt. Legen Sie eine "
                      "mit „lanyardctl set-pin“ fest.");
  lanyard_test_spin (200);
  screen_point (one, &x, &y);
  g_assert_cmpint (y, ==, one_y);
  shoot (pad, "pin-pad-long-words.png");

  /* Cancel, tapped: the kiosk again */
  tap_button (GTK_WIDGET (pad), "Cancel");
  WAIT_FOR (pin_pad (fx) == NULL, 5000);
  g_assert_null (pin_pad (fx));
}

static void
test_pin_pad_times_out (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWindow *pad = open_pin_pad (fx);
  gint64 last_input;

  g_object_set (pad, "idle-seconds", 3, NULL);
  /* a key tapped keeps it open: the time counts from the last input */
  lanyard_test_spin (1000);
  last_input = g_get_monotonic_time ();  /* the key's event comes after */
  tap_keys (GTK_WIDGET (pad), "2");
  g_assert_true (pin_pad (fx) == pad);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lanyard_test_find_widget (GTK_WIDGET (pad), GTK_TYPE_PASSWORD_ENTRY, TRUE))), ==, "2");
  /* it says when it goes, counting down */
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (pad), "Closes in "));
  WAIT_FOR (pin_pad (fx) == NULL || lanyard_test_label_text_containing (GTK_WIDGET (pad), "Closes in 1 second") != NULL, 10000);
  g_assert_true (pin_pad (fx) == pad);
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (pad), "Closes in 1 second"));
  shoot (pad, "pin-pad-closing.png");
  WAIT_FOR (pin_pad (fx) == NULL, 10000);
  g_assert_null (pin_pad (fx));
  g_assert_cmpint (g_get_monotonic_time () - last_input, >=, 3 * G_USEC_PER_SEC);
  /* the kiosk takes touches again */
  g_assert_cmpint (lanyard_kiosk_window_get_page (LANYARD_KIOSK_WINDOW (fx->window)), ==, LANYARD_KIOSK_WELCOME);
  tap_button (GTK_WIDGET (fx->window), "Find me by name");
  lanyard_test_wait_page ("search");
}

static void
test_no_scans_under_pin_pad (Fixture       *fx,
                             gconstpointer  data)
{
  gint64 before = count_scans ("MW26-DEMO01", "check_in");
  GtkWindow *pad = open_pin_pad (fx);

  hold_up_janes_code (fx);
  g_assert_true (pin_pad (fx) == pad);
  g_assert_cmpint (lanyard_kiosk_window_get_page (LANYARD_KIOSK_WINDOW (fx->window)), ==, LANYARD_KIOSK_WELCOME);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "welcome");
  g_assert_cmpint (count_scans ("MW26-DEMO01", "check_in"), ==, before);
  shoot (pad, "pin-pad-code-ignored.png");
  camera_shows (shared.blank_png);
  tap_button (GTK_WIDGET (pad), "Cancel");
  WAIT_FOR (pin_pad (fx) == NULL, 5000);
}

/* ------------------------------------------------------------------ */
/* Typing                                                               */

static GtkEditable *
focused_entry (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;

  return entry != NULL ? GTK_EDITABLE (entry) : NULL;
}

/* "Find me by name" tapped, @text typed at a person's pace: the field. */
static GtkEditable *
search_for (Fixture    *fx,
            const char *text)
{
  GtkEditable *entry;

  tap_button (GTK_WIDGET (fx->window), "Find me by name");
  lanyard_test_wait_page ("search");
  xdotool ("type", "--delay", "150", text);
  lanyard_test_spin (300);
  entry = focused_entry (fx->window);
  g_assert_nonnull (entry);
  /* the X server hands the keys on in its own time (slow under ASan) */
  for (int i = 0; i < 100 && g_strcmp0 (gtk_editable_get_text (entry), text) != 0; i++)
    lanyard_test_spin (50);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, text);
  return entry;
}

static void
test_code_ignored_while_typing (Fixture       *fx,
                                gconstpointer  data)
{
  GtkEditable *entry = search_for (fx, "venk");

  hold_up_janes_code (fx);
  g_assert_cmpint (lanyard_kiosk_window_get_page (LANYARD_KIOSK_WINDOW (fx->window)), ==, LANYARD_KIOSK_SEARCH);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "search");
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Jane"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "venk");
  shoot (fx->window, "search-code-ignored.png");
  camera_shows (shared.blank_png);
}

/* The results: a scrollbar beside the list, and words when the keyboard
 * hides some of them. */
static void
test_results_scroll (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWidget *list, *scrollbar;
  graphene_rect_t list_box, bar_box;

  search_for (fx, "venk");
  list = lanyard_test_find_widget (GTK_WIDGET (fx->window), GTK_TYPE_LIST_BOX, TRUE);
  scrollbar = lanyard_test_find_widget (GTK_WIDGET (fx->window), GTK_TYPE_SCROLLBAR, TRUE);
  g_assert_nonnull (list);
  g_assert_nonnull (scrollbar);
  g_assert_true (gtk_widget_compute_bounds (list, GTK_WIDGET (fx->window), &list_box));
  g_assert_true (gtk_widget_compute_bounds (scrollbar, GTK_WIDGET (fx->window), &bar_box));
  g_test_message ("list %g..%g, scrollbar at %g", list_box.origin.x, list_box.origin.x + list_box.size.width,
                  bar_box.origin.x);
  g_assert_cmpfloat (bar_box.origin.x, >=, list_box.origin.x + list_box.size.width - 1);
  g_assert_cmpfloat (bar_box.origin.x, <=, list_box.origin.x + list_box.size.width + 24);
  shoot (fx->window, "search-more-below.png");
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (fx->window), "More names below"));

  /* scrolled to the end: nothing more below */
  xdotool ("key", "ctrl+a", "BackSpace");
  xdotool ("type", "--delay", "150", "smith");
  WAIT_FOR (focused_entry (fx->window) != NULL &&
            g_strcmp0 (gtk_editable_get_text (focused_entry (fx->window)), "smith") == 0, 10000);
  lanyard_test_spin (500);
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "More names below"));
}

/* ------------------------------------------------------------------ */
/* The last four                                                        */

/* Finds Jane by name, as a person would, and taps her. */
static void
find_jane (Fixture *fx)
{
  GtkWidget *row;

  search_for (fx, "smith");
  WAIT_FOR ((row = lanyard_test_label_containing (GTK_WIDGET (fx->window), "Jane Smith")) != NULL, 5000);
  g_assert_nonnull (row);
  tap (row);
  lanyard_test_wait_page ("verify");
}

static void
type_last_four (Fixture    *fx,
                const char *four)
{
  xdotool ("type", "--delay", "150", four);
  xdotool ("key", "Return");
  lanyard_test_spin (300);
}

static void
test_last_four_tries_across_visits (Fixture       *fx,
                                    gconstpointer  data)
{
  GtkEditable *entry;
  g_autofree char *first = NULL;
  const char *second;

  find_jane (fx);
  entry = focused_entry (fx->window);
  g_assert_nonnull (entry);
  shoot (fx->window, "verify.png");

  /* a wrong try: said, the field empty and still the one typed into */
  type_last_four (fx, "0000");
  WAIT_FOR (lanyard_test_label_containing (GTK_WIDGET (fx->window), "2 tries left") != NULL, 10000);
  first = g_strdup (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "tries left"));
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "2 tries left"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_true (focused_entry (fx->window) == entry);
  shoot (fx->window, "verify-wrong-1.png");

  /* the next wrong try says so in new words */
  type_last_four (fx, "1111");
  WAIT_FOR (lanyard_test_label_containing (GTK_WIDGET (fx->window), "1 try left") != NULL, 10000);
  second = lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "try left");
  g_assert_nonnull (second);
  g_assert_nonnull (strstr (second, "1 try left"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_true (focused_entry (fx->window) == entry);
  shoot (fx->window, "verify-wrong-2.png");

  /* Back, and the same name again: the tries used are still used */
  tap_button (GTK_WIDGET (fx->window), "Back");
  lanyard_test_wait_page ("welcome");
  find_jane (fx);
  type_last_four (fx, "2222");
  lanyard_test_wait_page ("refused:needs-desk");
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Jane"));
  shoot (fx->window, "verify-limit.png");

  /* and a fourth visit goes straight to the desk */
  tap_button (GTK_WIDGET (fx->window), "Done");
  lanyard_test_wait_page ("welcome");
  search_for (fx, "smith");
  lanyard_test_spin (200);
  tap (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Jane Smith"));
  lanyard_test_wait_page ("refused:needs-desk");
}

/* ------------------------------------------------------------------ */
/* Nothing left for the next person                                     */

static void
assert_nothing_to_undo (Fixture *fx)
{
  GtkEditable *entry;

  tap_button (GTK_WIDGET (fx->window), "Find me by name");
  lanyard_test_wait_page ("search");
  entry = focused_entry (fx->window);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  xdotool ("key", "ctrl+z");
  lanyard_test_spin (300);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Venkataraman"));
  shoot (fx->window, "search-after-undo.png");
}

static void
test_nothing_to_undo (Fixture       *fx,
                      gconstpointer  data)
{
  /* after Back */
  search_for (fx, "venk");
  tap_button (GTK_WIDGET (fx->window), "Back");
  lanyard_test_wait_page ("welcome");
  assert_nothing_to_undo (fx);

  /* after the idle reset */
  xdotool ("type", "--delay", "150", "venk");
  lanyard_test_wait_page ("welcome");
  assert_nothing_to_undo (fx);
}

/* A right click on the field opens no menu. */
static void
test_no_context_menu (Fixture       *fx,
                      gconstpointer  data)
{
  GtkEditable *entry = search_for (fx, "venk");

  move_to (GTK_WIDGET (entry));
  xdotool ("click", "3");
  lanyard_test_spin (500);
  xdotool ("key", "shift+F10");
  lanyard_test_spin (500);
  g_assert_null (lanyard_test_find_widget (GTK_WIDGET (entry), GTK_TYPE_POPOVER, TRUE));
  shoot (fx->window, "search-no-menu.png");
}

/* ------------------------------------------------------------------ */
/* Contrast: every text as drawn, against what is drawn behind it       */

static double
channel (guint8 c)
{
  double v = c / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

/* WCAG 2 relative luminance of a packed RGB pixel */
static double
luminance (const guint8 *p)
{
  return 0.2126 * channel (p[0]) + 0.7152 * channel (p[1]) + 0.0722 * channel (p[2]);
}

static double
contrast (double a,
          double b)
{
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/* The window as drawn (once it has been: a fresh window takes a while). */
static GdkTexture *
render (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  for (int i = 0; i < 100; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
      lanyard_test_spin (50);
    }
  g_error ("the window was never drawn");
}

/* The label's text against its background, from the pixels: the
 * background is the colour most of the label's box has, the text the
 * pixel furthest from it in luminance (the solid middle of a stroke). */
static double
label_contrast (const guint8    *pixels,
                gsize            stride,
                int              width,
                int              height,
                const graphene_rect_t *box)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 background = 0;
  guint best = 0;
  double bg, ratio = 21;
  int x0 = MAX (0, (int) box->origin.x), y0 = MAX (0, (int) box->origin.y);
  int x1 = MIN (width, (int) (box->origin.x + box->size.width));
  int y1 = MIN (height, (int) (box->origin.y + box->size.height));

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;
        guint32 key = (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (key))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (key), GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            background = key;
          }
      }
  bg = luminance ((const guint8[]) { background >> 16, (background >> 8) & 0xff, background & 0xff });
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double c = contrast (luminance (pixels + y * stride + x * 4), bg);

        if (ratio == 21 || c > ratio)
          ratio = c;
      }
  return ratio;
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        g_ptr_array_add (labels, child);
      collect_labels (child, labels);
    }
}

/* Every text on @window reaches 4.5:1 against what is behind it. */
static void
assert_contrast (GtkWindow  *window,
                 const char *page)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree guint8 *pixels = NULL;
  int width, height;
  gsize stride;
  guint failed = 0;

  lanyard_test_spin (300);
  /* the caret, dark and blinking, is not the text measured */
  if (g_object_get_data (G_OBJECT (gtk_widget_get_display (GTK_WIDGET (window))), "no-caret") == NULL)
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (css, "text { caret-color: transparent; }", -1);
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (window)),
                                                  GTK_STYLE_PROVIDER (css), G_MAXUINT);
      g_object_set_data (G_OBJECT (gtk_widget_get_display (GTK_WIDGET (window))), "no-caret", css);
      lanyard_test_spin (300);
    }
  texture = render (window);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);   /* B G R A on little-endian */
  for (gsize i = 0; i < stride * height; i += 4)
    {
      guint8 b = pixels[i];

      pixels[i] = pixels[i + 2];
      pixels[i + 2] = b;
    }
  collect_labels (GTK_WIDGET (window), labels);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t box;
      double ratio;

      g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (window), &box));
      /* in a scrolled list, only what shows */
      for (GtkWidget *w = label; w != NULL; w = gtk_widget_get_parent (w))
        if (GTK_IS_SCROLLED_WINDOW (w))
          {
            graphene_rect_t view;

            g_assert_true (gtk_widget_compute_bounds (w, GTK_WIDGET (window), &view));
            if (!graphene_rect_intersection (&box, &view, &box))
              box.size.width = box.size.height = 0;
          }
      if (box.size.width < 4 || box.size.height < 4)
        continue;
      ratio = label_contrast (pixels, stride, width, height, &box);
      g_test_message ("%s: “%s” %.2f:1", page, gtk_label_get_text (GTK_LABEL (label)), ratio);
      if (ratio < 4.5)
        {
          g_test_message ("  under 4.5:1");
          failed++;
        }
    }
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_contrast (Fixture       *fx,
               gconstpointer  data)
{
  GtkEditable *entry;

  assert_contrast (fx->window, "welcome");
  tap_button (GTK_WIDGET (fx->window), "Find me by name");
  lanyard_test_wait_page ("search");
  assert_contrast (fx->window, "search, empty");
  xdotool ("type", "--delay", "150", "venk");
  lanyard_test_spin (300);
  assert_contrast (fx->window, "search, results");
  entry = focused_entry (fx->window);
  tap_button (GTK_WIDGET (fx->window), "Back");
  lanyard_test_wait_page ("welcome");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Jane's code: her confirm page, with her affiliation */
  hold_up_janes_code (fx);
  lanyard_test_wait_page ("confirm");
  camera_shows (shared.blank_png);
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Lakeshore"));
  assert_contrast (fx->window, "confirm");
  shoot (fx->window, "confirm.png");
  tap_button (GTK_WIDGET (fx->window), "Not me");
  lanyard_test_wait_page ("welcome");

  /* the PIN pad, with a problem said */
  {
    GtkWindow *pad = open_pin_pad (fx);

    tap_keys (GTK_WIDGET (pad), "1111");
    tap_button (GTK_WIDGET (pad), "Unlock");
    lanyard_test_wait_label_containing (GTK_WIDGET (pad), "not right");
    assert_contrast (pad, "PIN pad");
    tap_button (GTK_WIDGET (pad), "Cancel");
    WAIT_FOR (pin_pad (fx) == NULL, 5000);
  }
}

/* ------------------------------------------------------------------ */
/* The printer out of labels                                            */

static const LanyardPrintJob *
only_badge_job (GPtrArray *jobs)
{
  g_assert_nonnull (jobs);
  g_assert_cmpuint (jobs->len, ==, 1);
  return g_ptr_array_index (jobs, 0);
}

static gint64
attendee_id (const char *ticket_code)
{
  g_autoptr(GPtrArray) hits = lanyard_store_search (lanyard_context_get_store (shared.context), ticket_code, 1, NULL);

  g_assert_cmpuint (hits->len, ==, 1);
  return ((LanyardAttendee *) g_ptr_array_index (hits, 0))->id;
}

static LanyardJobState
badge_job_state (const char *ticket_code)
{
  g_autoptr(GPtrArray) jobs = lanyard_store_list_print_jobs (lanyard_context_get_store (shared.context),
                                                            attendee_id (ticket_code), NULL);

  return only_badge_job (jobs)->state;
}

/* The queue paused: the welcome page says so before anyone scans; the
 * person behind @png checks in all the same, and is told the badge waits. */
static void
check_in_while_printer_out (Fixture    *fx,
                            const char *png,
                            const char *ticket_code,
                            const char *shots)
{
  g_autofree char *welcome_png = g_strdup_printf ("%s-welcome.png", shots);
  g_autofree char *refused_png = g_strdup_printf ("%s-refused.png", shots);
  guint seen;

  g_object_set (fx->window, "printer-check-seconds", 1, NULL);
  lanyard_test_cups_run (shared.cups, (const char *const[]) { "cupsdisable", "-r", "Out of labels",
                                                             shared.cups->queue, NULL });
  WAIT_FOR (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed") != NULL, 10000);
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed"));
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (fx->window), "registration desk"));
  shoot (fx->window, welcome_png);

  seen = fx->codes_seen;
  camera_shows (png);
  WAIT_FOR (fx->codes_seen > seen, 15000);
  lanyard_test_wait_page ("confirm");
  camera_shows (shared.blank_png);
  tap_button (GTK_WIDGET (fx->window), "Print my badge");
  WAIT_FOR (g_strcmp0 (lanyard_test_last_page (), "refused:printer") == 0, 90000);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "refused:printer");
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (fx->window), "prints here by itself"));
  shoot (fx->window, refused_png);
  g_assert_cmpint (count_scans (ticket_code, "check_in"), ==, 1);
  g_assert_cmpint (count_scans (ticket_code, "badge_printed"), ==, 0);
  g_assert_cmpint (badge_job_state (ticket_code), ==, LANYARD_JOB_FAILED);
  tap_button (GTK_WIDGET (fx->window), "Done");
  lanyard_test_wait_page ("welcome");
}

static void
test_printer_outage (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;

  if (shared.cups == NULL)
    {
      g_test_skip (shared.cups_skip);
      return;
    }
  check_in_while_printer_out (fx, shared.siobhan_png, "MW26-DEMO05", "printer-out");

  /* labels in again: the badge prints by itself, once */
  lanyard_test_cups_run (shared.cups, (const char *const[]) { "cupsenable", shared.cups->queue, NULL });
  WAIT_FOR (count_scans ("MW26-DEMO05", "badge_printed") == 1, 60000);
  g_assert_cmpint (count_scans ("MW26-DEMO05", "badge_printed"), ==, 1);
  files = lanyard_test_cups_wait_spool (shared.cups, 1, 10);
  g_assert_cmpuint (files->len, ==, 1);
  WAIT_FOR (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed") == NULL, 10000);
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed"));
  g_assert_cmpint (badge_job_state ("MW26-DEMO05"), ==, LANYARD_JOB_COMPLETED);
  shoot (fx->window, "printer-back-welcome.png");
  /* a few more looks at the printer: nothing more is sent */
  lanyard_test_spin (3000);
  g_assert_cmpuint (lanyard_test_cups_printer_jobs (shared.cups), ==, 1);
  g_assert_cmpint (count_scans ("MW26-DEMO05", "badge_printed"), ==, 1);
}

/* The desk printed the badge while the kiosk's copy waited: the waiting
 * one never prints. */
static void
test_printer_outage_desk_printed (Fixture       *fx,
                                  gconstpointer  data)
{
  LanyardStore *store = lanyard_context_get_store (shared.context);
  g_autoptr(LanyardScan) reprint = lanyard_scan_new ();
  g_autoptr(GError) error = NULL;
  guint sent;

  if (shared.cups == NULL)
    {
      g_test_skip (shared.cups_skip);
      return;
    }
  check_in_while_printer_out (fx, shared.jane_png, "MW26-DEMO01", "printer-out-desk");
  sent = lanyard_test_cups_printer_jobs (shared.cups);
  reprint->device = g_strdup ("desk-1");
  reprint->attendee_id = attendee_id ("MW26-DEMO01");
  reprint->kind = LANYARD_SCAN_BADGE_REPRINTED;
  reprint->outcome = LANYARD_OUTCOME_PRINTED;
  g_assert_true (lanyard_store_append_scan (store, reprint, &error));
  g_assert_no_error (error);

  lanyard_test_cups_run (shared.cups, (const char *const[]) { "cupsenable", shared.cups->queue, NULL });
  WAIT_FOR (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed") == NULL, 10000);
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed"));
  lanyard_test_spin (3000);
  g_assert_cmpuint (lanyard_test_cups_printer_jobs (shared.cups), ==, sent);
  g_assert_cmpint (badge_job_state ("MW26-DEMO01"), ==, LANYARD_JOB_FAILED);
  g_assert_cmpint (count_scans ("MW26-DEMO01", "badge_printed"), ==, 0);
}

/* The desk said not to print the waiting badge (the person left, or took
 * a hand-written one): it never prints, and the log says who decided. */
static void
test_printer_outage_desk_cancelled (Fixture       *fx,
                                    gconstpointer  data)
{
  LanyardStore *store = lanyard_context_get_store (shared.context);
  g_autoptr(GError) error = NULL;
  guint sent;

  if (shared.cups == NULL)
    {
      g_test_skip (shared.cups_skip);
      return;
    }
  check_in_while_printer_out (fx, shared.robert_png, "MW26-DEMO02", "printer-out-cancelled");
  g_assert_cmpint (count_scans ("MW26-DEMO02", "badge_waiting"), ==, 1);
  sent = lanyard_test_cups_printer_jobs (shared.cups);
  g_assert_true (lanyard_checkin_cancel_waiting_badge (store, attendee_id ("MW26-DEMO02"), "desk-1", &error));
  g_assert_no_error (error);

  lanyard_test_cups_run (shared.cups, (const char *const[]) { "cupsenable", shared.cups->queue, NULL });
  WAIT_FOR (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed") == NULL, 10000);
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (fx->window), "Badges cannot be printed"));
  lanyard_test_spin (3000);
  g_assert_cmpuint (lanyard_test_cups_printer_jobs (shared.cups), ==, sent);
  g_assert_cmpint (count_scans ("MW26-DEMO02", "badge_printed"), ==, 0);
  g_assert_cmpint (count_scans ("MW26-DEMO02", "badge_cancelled"), ==, 1);
}

/* ------------------------------------------------------------------ */
/* Codes the kiosk refuses: said in words                               */

/* @png held up to the camera: the page @page, with @words on it. */
static void
hold_up_refused (Fixture    *fx,
                 const char *png,
                 const char *page,
                 const char *words,
                 const char *shot)
{
  guint seen = fx->codes_seen;

  lanyard_test_forget_page ();
  camera_shows (png);
  WAIT_FOR (fx->codes_seen > seen, 15000);
  g_assert_cmpuint (fx->codes_seen, >, seen);
  lanyard_test_wait_page (page);
  camera_shows (shared.blank_png);
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), words));
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "registration desk"));
  shoot (fx->window, shot);
}

static void
test_refusals_in_words (Fixture       *fx,
                        gconstpointer  data)
{
  /* a cancelled registration: go to the desk */
  hold_up_refused (fx, shared.kline_png, "refused:cancelled", "was cancelled", "refused-cancelled.png");
  g_assert_cmpint (count_scans ("MW26-DEMO07", "check_in"), ==, 1);
  tap_button (GTK_WIDGET (fx->window), "Done");
  lanyard_test_wait_page ("welcome");

  /* a pharmacist without an NABP e-Profile ID: the desk asks for it
   * before the badge (CME.md, CPE Monitor) */
  hold_up_refused (fx, shared.nguyen_png, "refused:needs-desk", "one more detail", "refused-needs-desk.png");
  g_assert_cmpint (count_scans ("MW26-DEMO06", "badge_printed"), ==, 0);
}

/* ------------------------------------------------------------------ */

/* Longest time between two turns of the main loop while it is run for
 * @ms: what a person at the screen would see frozen. */
static gint64 gap_last, gap_longest;

static gboolean
on_gap_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (gap_last != 0)
    gap_longest = MAX (gap_longest, now - gap_last);
  gap_last = now;
  return G_SOURCE_CONTINUE;
}

static gint64
longest_gap_spinning (guint ms)
{
  guint id;

  gap_last = gap_longest = 0;
  id = g_timeout_add (10, on_gap_tick, NULL);
  lanyard_test_spin (ms);
  g_source_remove (id);
  return gap_longest;
}

/* Another process holds the database (an import, a backup, a sync) when
 * someone taps "Print my badge": the check-in waits for it on a worker
 * thread, the kiosk keeps drawing its printing page, and once the
 * database is let go the person is checked in and the badge printed. (On
 * the main thread, the kiosk froze until the database was let go.) */
static void
test_database_held (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) other = NULL;
  guint seen;
  gint64 longest;

  if (shared.cups == NULL)
    {
      g_test_skip (shared.cups_skip);
      return;
    }
  seen = fx->codes_seen;
  camera_shows (shared.wang_png);
  WAIT_FOR (fx->codes_seen > seen, 15000);
  lanyard_test_wait_page ("confirm");
  camera_shows (shared.blank_png);

  other = lanyard_store_open (lanyard_store_get_path (lanyard_context_get_store (shared.context)), &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);
  tap_button (GTK_WIDGET (fx->window), "Print my badge");
  lanyard_test_wait_page ("printing");
  /* held 2.5 s, within the busy timeout (5 s): the check-in waits for it */
  longest = longest_gap_spinning (2500);
  g_test_message ("longest main loop gap while the database was held: %.0f ms", longest / 1000.0);
  /* a second is far more than a frame takes, even under the sanitizers on
   * a loaded machine, and far less than the wait */
  g_assert_cmpint (longest, <, G_USEC_PER_SEC);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "printing");
  g_assert_cmpint (count_scans ("MW26-DEMO03", "check_in"), ==, 0);
  lanyard_store_rollback (other);

  WAIT_FOR (g_strcmp0 (lanyard_test_last_page (), "collect") == 0, 60000);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "collect");
  g_assert_cmpint (count_scans ("MW26-DEMO03", "check_in"), ==, 1);
  WAIT_FOR (count_scans ("MW26-DEMO03", "badge_printed") == 1, 30000);
  g_assert_cmpint (count_scans ("MW26-DEMO03", "badge_printed"), ==, 1);
}

/* Another process holds the database when a refused code is held up
 * (a cancelled registration: the refusal is logged at once). The code is
 * looked up and the refusal written on a worker thread: the kiosk keeps
 * drawing, says nothing until the refusal is written, then says it once.
 * (On the main thread the kiosk froze for the busy timeout, 5 s.) */
static void
test_refusal_database_held (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) other = NULL;
  gint64 before = count_scans ("MW26-DEMO07", "check_in");
  guint seen, watch;
  gint64 longest;

  other = lanyard_store_open (lanyard_store_get_path (lanyard_context_get_store (shared.context)), &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_begin (other, &error));
  g_assert_no_error (error);
  lanyard_test_forget_page ();
  seen = fx->codes_seen;
  /* the main loop watched from before the code is shown until 2.5 s
   * after it was seen, within the busy timeout (5 s) */
  gap_last = gap_longest = 0;
  watch = g_timeout_add (10, on_gap_tick, NULL);
  camera_shows (shared.kline_png);
  WAIT_FOR (fx->codes_seen > seen, 15000);
  g_assert_cmpuint (fx->codes_seen, >, seen);
  lanyard_test_spin (2500);
  g_source_remove (watch);
  longest = gap_longest;
  camera_shows (shared.blank_png);
  g_test_message ("longest main loop gap while the database was held: %.0f ms", longest / 1000.0);
  g_assert_cmpint (longest, <, G_USEC_PER_SEC);
  g_assert_null (lanyard_test_last_page ());
  g_assert_cmpint (count_scans ("MW26-DEMO07", "check_in"), ==, before);
  lanyard_store_rollback (other);

  lanyard_test_wait_page ("refused:cancelled");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "was cancelled"));
  g_assert_cmpint (count_scans ("MW26-DEMO07", "check_in"), ==, before + 1);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  if (LANYARD_IS_KIOSK_WINDOW (window))
    lanyard_kiosk_window_set_page_observer (LANYARD_KIOSK_WINDOW (window), lanyard_test_page_seen, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  GObject *camera = NULL;

  camera_shows (shared.blank_png);
  lanyard_test_forget_page ();
  fx->window = GTK_WINDOW (lanyard_kiosk_window_new (GTK_APPLICATION (shared.app), shared.context));
  g_object_add_weak_pointer (G_OBJECT (fx->window), (gpointer *) &fx->window);
  gtk_window_present (fx->window);
  lanyard_test_wait_page ("welcome");
  WAIT_FOR ((camera = lanyard_kiosk_window_get_camera (LANYARD_KIOSK_WINDOW (fx->window))) != NULL, 10000);
  g_assert_nonnull (camera);
  g_signal_connect (camera, "code", G_CALLBACK (on_camera_code), fx);
  lanyard_test_spin (300);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (shared.app))) != NULL)
    lanyard_test_close_and_free (windows->data);
  g_assert_null (fx->window);
}

static char *
blank_png (const char *dir)
{
  g_autofree guchar *white = g_malloc (640 * 360 * 3);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  char *path = g_build_filename (dir, "blank.png", NULL);

  memset (white, 0xff, 640 * 360 * 3);
  bytes = g_bytes_new (white, 640 * 360 * 3);
  texture = gdk_memory_texture_new (640, 360, GDK_MEMORY_R8G8B8, bytes, 640 * 3);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

int
main (int   argc,
      char *argv[])
{
  const char *ctl = g_getenv ("LANYARDCTL");
  const char *make_qr = g_getenv ("LANYARD_MAKE_QR");
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autofree char *quoted = NULL;
  g_autofree char *xdotool_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  xdotool_path = g_find_program_in_path ("xdotool");
  if (ctl == NULL || make_qr == NULL || g_getenv ("LANYARD_SOURCE_DIR") == NULL
      || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool_path == NULL)
    {
      g_test_skip ("needs LANYARDCTL, LANYARD_MAKE_QR, LANYARD_SOURCE_DIR, an X display and xdotool");
      return g_test_run ();
    }
  g_setenv ("LANYARD_NO_SOUND", "1", TRUE);
  shared.dir = g_dir_make_tmp ("kiosk-queue-XXXXXX", NULL);
  shared.shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : shared.dir,
                                   "queue-screens", NULL);
  g_mkdir_with_parents (shared.shots, 0755);
  shared.blank_png = blank_png (shared.dir);
  shared.jane_png = g_build_filename (shared.dir, "jane.png", NULL);
  lanyard_test_run ((const char *[]) { make_qr, "MW26-DEMO01", shared.jane_png, NULL });
  shared.siobhan_png = g_build_filename (shared.dir, "siobhan.png", NULL);
  lanyard_test_run ((const char *[]) { make_qr, "MW26-DEMO05", shared.siobhan_png, NULL });
  shared.robert_png = g_build_filename (shared.dir, "robert.png", NULL);
  lanyard_test_run ((const char *[]) { make_qr, "MW26-DEMO02", shared.robert_png, NULL });
  shared.kline_png = g_build_filename (shared.dir, "kline.png", NULL);
  lanyard_test_run ((const char *[]) { make_qr, "MW26-DEMO07", shared.kline_png, NULL });
  shared.nguyen_png = g_build_filename (shared.dir, "nguyen.png", NULL);
  lanyard_test_run ((const char *[]) { make_qr, "MW26-DEMO06", shared.nguyen_png, NULL });
  shared.wang_png = g_build_filename (shared.dir, "wang.png", NULL);
  lanyard_test_run ((const char *[]) { make_qr, "MW26-DEMO03", shared.wang_png, NULL });
  shared.cups = lanyard_test_cups_start (&shared.cups_skip);
  shared.camera_file = g_build_filename (shared.dir, "camera.png", NULL);
  camera_shows (shared.blank_png);

  config->db_path = g_build_filename (shared.dir, "kiosk.db", NULL);
  /* one picture, read four times a second: swapping the file is holding
   * up a code */
  quoted = g_strescape (shared.camera_file, NULL);
  config->camera_source = g_strdup_printf ("multifilesrc location=\"%s\" loop=true caps=image/png,framerate=4/1"
                                           " ! pngdec ! videorate ! video/x-raw,framerate=8/1", quoted);
  if (shared.cups != NULL)
    config->printer = g_strdup (shared.cups->queue);
  config->print_timeout_seconds = 30;
  config->verify_last4 = (g_free (config->verify_last4), g_strdup ("always"));
  config->tap_to_print = (g_free (config->tap_to_print), g_strdup ("always"));
  /* short enough to wait for, long enough for a case's typing */
  config->idle_seconds = 10;
  shared.app = lanyard_application_new ();
  shared.context = lanyard_test_open_demo_app (shared.app, g_steal_pointer (&config), ctl, PIN);
  g_signal_connect (shared.app, "window-added", G_CALLBACK (on_window_added), NULL);

  g_test_add ("/kiosk-queue/pin-pad-centred-keys-stay", Fixture, NULL, fixture_setup,
              test_pin_pad_centred_keys_stay, fixture_teardown);
  g_test_add ("/kiosk-queue/pin-pad-times-out", Fixture, NULL, fixture_setup,
              test_pin_pad_times_out, fixture_teardown);
  g_test_add ("/kiosk-queue/no-scans-under-pin-pad", Fixture, NULL, fixture_setup,
              test_no_scans_under_pin_pad, fixture_teardown);
  g_test_add ("/kiosk-queue/code-ignored-while-typing", Fixture, NULL, fixture_setup,
              test_code_ignored_while_typing, fixture_teardown);
  g_test_add ("/kiosk-queue/last-four-tries-across-visits", Fixture, NULL, fixture_setup,
              test_last_four_tries_across_visits, fixture_teardown);
  g_test_add ("/kiosk-queue/nothing-to-undo", Fixture, NULL, fixture_setup,
              test_nothing_to_undo, fixture_teardown);
  g_test_add ("/kiosk-queue/no-context-menu", Fixture, NULL, fixture_setup,
              test_no_context_menu, fixture_teardown);
  g_test_add ("/kiosk-queue/results-scroll", Fixture, NULL, fixture_setup, test_results_scroll, fixture_teardown);
  g_test_add ("/kiosk-queue/contrast", Fixture, NULL, fixture_setup, test_contrast, fixture_teardown);
  g_test_add ("/kiosk-queue/printer-outage", Fixture, NULL, fixture_setup, test_printer_outage, fixture_teardown);
  g_test_add ("/kiosk-queue/printer-outage-desk-printed", Fixture, NULL, fixture_setup,
              test_printer_outage_desk_printed, fixture_teardown);
  g_test_add ("/kiosk-queue/printer-outage-desk-cancelled", Fixture, NULL, fixture_setup,
              test_printer_outage_desk_cancelled, fixture_teardown);
  g_test_add ("/kiosk-queue/refusals-in-words", Fixture, NULL, fixture_setup,
              test_refusals_in_words, fixture_teardown);
  g_test_add ("/kiosk-queue/refusal-database-held", Fixture, NULL, fixture_setup, test_refusal_database_held,
              fixture_teardown);
  g_test_add ("/kiosk-queue/database-held", Fixture, NULL, fixture_setup, test_database_held,
              fixture_teardown);
  status = g_test_run ();

  g_application_release (G_APPLICATION (shared.app));
  g_clear_object (&shared.app);
  g_remove (shared.blank_png);
  g_remove (shared.robert_png);
  g_free (shared.robert_png);
  g_remove (shared.kline_png);
  g_free (shared.kline_png);
  g_remove (shared.nguyen_png);
  g_free (shared.nguyen_png);
  g_remove (shared.wang_png);
  g_free (shared.wang_png);
  g_remove (shared.jane_png);
  g_remove (shared.siobhan_png);
  g_clear_pointer (&shared.cups, lanyard_test_cups_stop);
  g_free (shared.cups_skip);
  g_free (shared.siobhan_png);
  g_remove (shared.camera_file);
  lanyard_test_remove_db (shared.dir, "kiosk.db");
  g_free (shared.dir);
  g_free (shared.shots);
  g_free (shared.blank_png);
  g_free (shared.jane_png);
  g_free (shared.camera_file);
  return status;
}
