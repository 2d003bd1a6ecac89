/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Recognises USB barcode scanners that "type" what they read, like a
 * keyboard (a keyboard wedge): a burst of character keys, each within
 * LANYARD_WEDGE_GAP_US of the one before, at least LANYARD_WEDGE_MIN_CHARS
 * long, ending with Enter. A person typing is slower than that, so their
 * keys pass through as typing.
 *
 * The kiosk feeds it every key press from a capture-phase key controller on
 * the window, so scans work on every page and never land in a text field.
 * Since the first keys of a burst look like typing, character keys are held
 * back (swallowed) until it is clear what they are, then either released
 * (delivered as typing, late by at most the gap) or turned into a scan:
 *
 *   key pressed (keyval → ch with gdk_keyval_to_unicode()):
 *     - modifier keys alone (Shift, Ctrl, …): do not feed them, let them
 *       through — scanners press Shift for capitals;
 *     - with Ctrl/Alt/Super held: feed lanyard_wedge_key (ch = 0, FALSE);
 *     - Return / KP_Enter / ISO_Enter (or Linefeed): is_enter = TRUE;
 *     - a printable character: ch; any other key (arrows, Backspace, Tab…):
 *       ch = 0, is_enter = FALSE.
 *   1. if *release was set, deliver that text first as typed text (e.g.
 *      insert it into the focused editable) and free it;
 *   2. then act on the returned action for this key:
 *      PASS → let the key through (return GDK_EVENT_PROPAGATE);
 *      HOLD → swallow it (GDK_EVENT_STOP) and (re)arm a timer for
 *             lanyard_wedge_get_deadline(); when it fires call
 *             lanyard_wedge_expire() and deliver what it releases;
 *      SCAN → swallow it; *code holds the scanned bytes (one scan).
 *
 * Times are µs from one monotonic clock (g_get_monotonic_time()), the same
 * for keys and the timer. Pure and table-tested; not thread-safe. */

#define LANYARD_WEDGE_GAP_US     (50 * 1000)  /* max gap between keys of a burst */
#define LANYARD_WEDGE_MIN_CHARS  4            /* shorter bursts are typing */
#define LANYARD_WEDGE_MAX_CHARS  1024         /* longer: not a scan, release */

typedef enum {
  LANYARD_WEDGE_PASS,  /* deliver this key normally */
  LANYARD_WEDGE_HOLD,  /* swallow it for now; it may belong to a scan */
  LANYARD_WEDGE_SCAN,  /* swallow it: it ended a scan, see *code */
} LanyardWedgeAction;

typedef struct _LanyardWedge LanyardWedge;

LanyardWedge       *lanyard_wedge_new          (void);
void                lanyard_wedge_free         (LanyardWedge  *self);

/* One key press. @ch: the character the key types (0 if none); @is_enter:
 * Return/Enter. On return *@release is %NULL or UTF-8 text of earlier held
 * keys that turned out to be typing (deliver it before this key); *@code is
 * %NULL unless the action is SCAN. Both are the caller's to free. */
LanyardWedgeAction  lanyard_wedge_key          (LanyardWedge  *self,
                                                gunichar       ch,
                                                gboolean       is_enter,
                                                gint64         now_us,
                                                char         **release,
                                                GBytes       **code);

/* When keys are held: the time by which another key must arrive for them to
 * still be a burst; call lanyard_wedge_expire() then. -1 when none held. */
gint64              lanyard_wedge_get_deadline (LanyardWedge  *self);

/* Releases held keys if no key came in time. Returns the text to deliver
 * as typing (caller frees) or %NULL (nothing held, or not yet due). */
char               *lanyard_wedge_expire       (LanyardWedge  *self,
                                                gint64         now_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardWedge, lanyard_wedge_free)

G_END_DECLS
