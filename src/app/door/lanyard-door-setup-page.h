/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Behind the staff PIN at a session door: which room, which session (by
 * the clock, or one picked by hand) and whether this device records entry
 * and exit, entry only or exit only. "Open the door" is door.open.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-door-flow.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_DOOR_SETUP_PAGE (lanyard_door_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardDoorSetupPage, lanyard_door_setup_page, LANYARD, DOOR_SETUP_PAGE, AdwBin)

/* Again when the event is reloaded; @rooms: from lanyard_door_flow_list_rooms. */
void                  lanyard_door_setup_page_set_event     (LanyardDoorSetupPage *self,
                                                             const LanyardEvent   *event,
                                                             GPtrArray            *rooms);
void                  lanyard_door_setup_page_select        (LanyardDoorSetupPage *self,
                                                             const char           *room,
                                                             const char           *session_id,
                                                             LanyardDoorDirection  direction);
const char           *lanyard_door_setup_page_get_room      (LanyardDoorSetupPage *self);
/* NULL: by the clock */
const char           *lanyard_door_setup_page_get_session   (LanyardDoorSetupPage *self);
LanyardDoorDirection  lanyard_door_setup_page_get_direction (LanyardDoorSetupPage *self);
/* A line about the hub: how to join one, or that the door just did. */
void                  lanyard_door_setup_page_set_hub_text  (LanyardDoorSetupPage *self,
                                                             const char           *text);

G_END_DECLS
