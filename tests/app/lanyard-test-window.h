/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the in-process window tests share: spinning the main loop, waiting
 * for a page to be drawn, finding widgets and labels on screen, typing on
 * the on-screen keyboard, screenshots, and the test database's files.
 */
#pragma once

#include <gtk/gtk.h>

#include "lanyard-application.h"
#include "lanyard-keyboard.h"

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds without blocking. */
void        lanyard_test_spin                  (guint            ms);

/* A LanyardPageFunc: remembers the page last drawn. */
void        lanyard_test_page_seen             (GtkWindow       *window,
                                                const char      *page,
                                                gint64           painted_at,
                                                gpointer         user_data);
/* The page last drawn (NULL before any). */
const char *lanyard_test_last_page             (void);
/* Forgets the page last drawn: a fresh window's first page is waited for,
 * not taken from the window before it. */
void        lanyard_test_forget_page           (void);
/* Waits (20 s at most) until @page is the page last drawn. */
void        lanyard_test_wait_page             (const char      *page);

/* The first (mapped, if @mapped_only) widget of @type under @root, depth first. */
GtkWidget  *lanyard_test_find_widget           (GtkWidget       *root,
                                                GType            type,
                                                gboolean         mapped_only);
/* The first mapped label under @root whose text contains @needle. */
GtkWidget  *lanyard_test_label_containing      (GtkWidget       *root,
                                                const char      *needle);
/* The first mapped label under @root that says @text, all of it. */
GtkWidget  *lanyard_test_label_saying          (GtkWidget       *root,
                                                const char      *text);
const char *lanyard_test_label_text_containing (GtkWidget       *root,
                                                const char      *needle);
/* The text of a label containing needle, once one shows it (searches and
 * pages read off the main thread); fails after 20 s. */
const char *lanyard_test_wait_label_containing (GtkWidget       *root,
                                                const char      *needle);
/* The text of any label or editable under @root, shown or hidden, that
 * contains @needle (NULL when none does). */
const char *lanyard_test_any_text_containing   (GtkWidget       *root,
                                                const char      *needle);

/* Types @text key by key, then spins @settle_ms. */
void        lanyard_test_type_keys             (LanyardKeyboard *kb,
                                                const char      *text,
                                                guint            settle_ms);

/* A PNG of @window as @dir/@name, once it is drawn at its size. */
void        lanyard_test_shoot                 (GtkWindow       *window,
                                                const char      *dir,
                                                const char      *name);

/* Runs the command line @argv (NULL-terminated), which must succeed. */
void        lanyard_test_run                   (const char *const *argv);

/* Yesterday's date in UTC, YYYY-MM-DD: for `lanyardctl init --start-on`,
 * so the demo's first day (its sessions end by 18:00 in Chicago) is over
 * whatever the hour the test runs at. */
char       *lanyard_test_yesterday             (void);

/* Destroys @window, as the application does on its way out (the kiosk
 * and the door refuse to close without the PIN), and asserts it is
 * finalized: nothing else may hold it. */
void        lanyard_test_close_and_free        (GtkWindow       *window);

/* The end of a case with a database of its own: @window closed and freed
 * (lanyard_test_close_and_free), then its device @context, which nothing
 * else may hold either; the database @dir/@db_name removed. */
void        lanyard_test_close_device          (GtkWindow       *window,
                                                LanyardContext  *context,
                                                const char      *dir,
                                                const char      *db_name);

/* A visible window other than @mine (a dialog it opened), or NULL. */
GtkWindow  *lanyard_test_other_window          (GtkWindow       *mine);

/* Makes the database @config->db_path with lanyardctl @ctl from the demo
 * event under $LANYARD_SOURCE_DIR, opens @app on @config (taken), sets the
 * staff @pin, registers and holds @app. Returns the device's context (owned
 * by @app). */
LanyardContext *lanyard_test_open_demo_app     (LanyardApplication *app,
                                                LanyardKioskConfig *config,
                                                const char         *ctl,
                                                const char         *pin);

/* A stand-in for GNOME's session manager on the session bus (its own
 * thread and connection: GTK calls Inhibit synchronously), recording the
 * inhibitors GtkApplication takes. Start it before the application
 * registers. */
typedef struct _LanyardTestSessionManager LanyardTestSessionManager;

LanyardTestSessionManager *lanyard_test_session_manager_start (void);
void        lanyard_test_session_manager_stop  (LanyardTestSessionManager *sm);
/* Waits (10 s at most) until the inhibitors held are exactly one, with
 * @flags, for the toplevel @xid (GTK's X11 window id, 0 elsewhere). */
void        lanyard_test_session_manager_wait_one (LanyardTestSessionManager *sm,
                                                   guint                      flags,
                                                   guint32                    xid);

/* The keyboard alone: real key presses on the X display (xdotool, through
 * XTEST), as a person at a keyboard makes them; the window handles them as
 * it handles any key. Before keys, @window is given the input focus if it
 * has lost it, as a window manager gives it to the window on top (Xvfb has
 * none: when a dialog closes, X gives the focus to nobody). */

/* Why keys cannot be pressed here (no xdotool, or LANYARD_TEST_NO_KEYS
 * set), for the caller's g_test_skip; NULL when they can. */
const char *lanyard_test_cannot_press          (void);
/* Presses @keys, xdotool's names spaced ("Tab", "shift+Tab", "Return",
 * "space", "Down"), and returns once @window has handled them. */
void        lanyard_test_press                 (GtkWindow       *window,
                                                const char      *keys);
/* Types @text (ASCII) on the keyboard into what has the focus. */
void        lanyard_test_type                  (GtkWindow       *window,
                                                const char      *text);
/* Presses @key (Tab, shift+Tab, an arrow) until @target or a widget in it
 * has the focus; FALSE when it never does (each stop is passed once). */
gboolean    lanyard_test_press_until           (GtkWindow       *window,
                                                const char      *key,
                                                GtkWidget       *target);
/* Presses @key until what has the focus shows the words @label (an item
 * of a list or a drop-down's choices); FALSE when it never does. */
gboolean    lanyard_test_press_until_saying    (GtkWindow       *window,
                                                const char      *key,
                                                const char      *label);
/* The control that takes the focus for the words @label on @window: the
 * label saying exactly that, or the first focusable widget above it. */
GtkWidget  *lanyard_test_control_for           (GtkWindow       *window,
                                                const char      *label);
/* Tab to the control showing @label, and Enter on it. */
void        lanyard_test_tab_and_enter         (GtkWindow       *window,
                                                const char      *label);
/* The text field that has the focus of @window (fails when none has). */
GtkEditable *lanyard_test_focused_editable     (GtkWindow       *window);

/* Removes the database @dir/@db_name (with its WAL and keys) and @dir. */
void        lanyard_test_remove_db             (const char      *dir,
                                                const char      *db_name);

G_END_DECLS
