/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session door's screen, without GTK: which session the door is for
 * (the current or next one in its room by the clock, unless a monitor chose
 * one), whether its disclosure statement is up (before the start, ACCME
 * Standard 3), what the last scan showed in words, icon and tone, the
 * counter, and the last ten scans. The window only draws what this says.
 */
#pragma once

#include <glib.h>

#include "lanyard-checkin.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_DOOR_TOGGLE,    /* inside → exit, else entry: one device at the door */
  LANYARD_DOOR_ENTRY,     /* a dedicated entry device */
  LANYARD_DOOR_EXIT,      /* a dedicated exit device */
} LanyardDoorDirection;

typedef enum {
  LANYARD_DOOR_TONE_GOOD, /* admitted, exit recorded */
  LANYARD_DOOR_TONE_WARN, /* already inside, no entry on record */
  LANYARD_DOOR_TONE_BAD,  /* refused */
} LanyardDoorTone;

typedef struct {
  LanyardOutcome  outcome;
  LanyardDoorTone tone;
  gint64          at;
  char           *name;      /* "Jane Smith, MD", or NULL (unknown code) */
  char           *title;     /* "Admitted", big */
  char           *detail;    /* "52 minutes in this session", or NULL */
  const char     *icon_name;
} LanyardDoorScan;

typedef struct _LanyardDoorFlow LanyardDoorFlow;

LanyardDoorFlow       *lanyard_door_flow_new           (const LanyardEvent    *event,
                                                        const char            *time_zone);
void                   lanyard_door_flow_free          (LanyardDoorFlow       *self);
void                   lanyard_door_flow_set_event     (LanyardDoorFlow       *self,
                                                        const LanyardEvent    *event);

/* setup */
void                   lanyard_door_flow_set_room      (LanyardDoorFlow       *self,
                                                        const char            *room);
const char            *lanyard_door_flow_get_room      (LanyardDoorFlow       *self);
/* NULL: by the clock */
gboolean               lanyard_door_flow_set_session   (LanyardDoorFlow       *self,
                                                        const char            *session_id);
void                   lanyard_door_flow_set_direction (LanyardDoorFlow       *self,
                                                        LanyardDoorDirection   direction);
LanyardDoorDirection   lanyard_door_flow_get_direction (LanyardDoorFlow       *self);
/* The rooms of the event, in session order, each once. */
GPtrArray             *lanyard_door_flow_list_rooms    (LanyardDoorFlow       *self);

/* the session and what to ask the core for */
const LanyardSession  *lanyard_door_flow_get_session   (LanyardDoorFlow       *self,
                                                        gint64                 now);
LanyardCheckinAction   lanyard_door_flow_get_action    (LanyardDoorFlow       *self);
/* "Opening plenary · 08:00–09:30 · Grand Ballroom A" */
char                  *lanyard_door_flow_dup_session_line (LanyardDoorFlow    *self,
                                                        gint64                 now);

/* disclosure: shown from when the door opens for the session until it
 * starts; TRUE from take_disclosure_to_log once per session shown */
gboolean               lanyard_door_flow_shows_disclosure (LanyardDoorFlow    *self,
                                                        gint64                 now);
gboolean               lanyard_door_flow_take_disclosure_to_log (LanyardDoorFlow *self,
                                                        gint64                 now);

/* scans */
void                   lanyard_door_flow_scan_result   (LanyardDoorFlow       *self,
                                                        const LanyardCheckinResult *result,
                                                        gint64                 now);
/* The scan could not be recorded (the database refused): the person hears
 * so and is sent to staff, rather than being told their badge is unknown. */
void                   lanyard_door_flow_scan_failed   (LanyardDoorFlow       *self,
                                                        const char            *reason,
                                                        gint64                 now);
void                   lanyard_door_flow_set_counts    (LanyardDoorFlow       *self,
                                                        int                    inside,
                                                        int                    capacity);
const LanyardDoorScan *lanyard_door_flow_get_last      (LanyardDoorFlow       *self);
/* newest first, at most ten */
GPtrArray             *lanyard_door_flow_get_recent    (LanyardDoorFlow       *self);
/* "38 inside / 40", or "38 inside" without a capacity */
char                  *lanyard_door_flow_dup_counter   (LanyardDoorFlow       *self);
/* The result stays up this long, then the screen says "ready" again;
 * a new scan replaces it at once. Returns TRUE when the screen changed. */
gboolean               lanyard_door_flow_tick          (LanyardDoorFlow       *self,
                                                        gint64                 now);

/* What the door shows while its camera is not working, given the camera's
 * own words (NULL while it works): a door has no search by name, so the
 * staff are told to mend the camera or scan with a USB scanner. */
const char            *lanyard_door_flow_camera_problem (const char         *camera_message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardDoorFlow, lanyard_door_flow_free)

G_END_DECLS
