/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-staff-record.h"
#include "lanyard-staff-write.h"

LanyardStaffWrite *
lanyard_staff_write_new (LanyardStaffWriteKind  kind,
                         gint64                 attendee_id,
                         const char            *device)
{
  LanyardStaffWrite *write = g_new0 (LanyardStaffWrite, 1);

  write->kind = kind;
  write->attendee_id = attendee_id;
  write->device = g_strdup (device);
  return write;
}

void
lanyard_staff_write_check_in (LanyardStaffWrite      *write,
                              LanyardEvent           *event,
                              const LanyardBadgeKeys *keys)
{
  g_return_if_fail (write != NULL && write->event == NULL);

  write->event = lanyard_event_ref (event);
  write->keys = keys != NULL ? g_memdup2 (keys, sizeof *keys) : NULL;
}

void
lanyard_staff_write_free (LanyardStaffWrite *write)
{
  if (write == NULL)
    return;
  g_free (write->device);
  g_free (write->reason);
  g_clear_pointer (&write->attendee, lanyard_attendee_free);
  g_clear_pointer (&write->event, lanyard_event_unref);
  g_clear_pointer (&write->keys, lanyard_badge_keys_free);
  g_free (write);
}

/* At the desk means here: a badge handed over checks its owner in, where
 * the rules would check them in (not twice, not a cancelled registration). */
static void
check_in (LanyardStore          *store,
          LanyardStaffWrite     *write,
          const LanyardAttendee *attendee)
{
  LanyardCheckinRequest request = {
    .action = LANYARD_CHECKIN_EVENT,
    .device = write->device,
    .dry_run = TRUE,
  };
  g_autoptr(LanyardCheckinResult) dry = NULL;
  g_autoptr(LanyardCheckinResult) done = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *code = (const guint8 *) attendee->ticket_code;
  gsize len = strlen (attendee->ticket_code);

  dry = lanyard_checkin_perform (store, write->event, write->keys, code, len, &request, &error);
  if (dry == NULL || dry->outcome != LANYARD_OUTCOME_CHECKED_IN)
    return;
  request.dry_run = FALSE;
  done = lanyard_checkin_perform (store, write->event, write->keys, code, len, &request, &error);
  if (done == NULL)
    g_message ("Desk check-in: %s", error->message);
}

gpointer
lanyard_staff_write_run (LanyardStore  *store,
                         gpointer       data,
                         GError       **error)
{
  LanyardStaffWrite *write = data;
  g_autoptr(LanyardAttendee) attendee = NULL;

  switch (write->kind)
    {
    case LANYARD_STAFF_WRITE_REPLACE:
      if (lanyard_store_bump_badge_version (store, write->attendee_id, write->reason, write->device, error) == 0
          || (attendee = lanyard_store_get_attendee (store, write->attendee_id, error)) == NULL)
        return NULL;
      break;
    case LANYARD_STAFF_WRITE_CORRECT:
      if (!lanyard_store_update_attendee (store, write->attendee, write->device, error))
        return NULL;
      attendee = lanyard_attendee_copy (write->attendee);
      break;
    case LANYARD_STAFF_WRITE_WALK_IN:
      g_free (write->attendee->ticket_code);
      write->attendee->ticket_code = lanyard_staff_new_walk_in_code (store);
      if (!lanyard_store_upsert_attendee (store, write->attendee, NULL, NULL, error))
        return NULL;
      attendee = lanyard_attendee_copy (write->attendee);
      break;
    case LANYARD_STAFF_WRITE_SET_STATUS:
      if (!lanyard_store_set_status (store, write->attendee_id, write->status, write->device, error))
        return NULL;
      break;
    case LANYARD_STAFF_WRITE_CANCEL_WAITING:
      if (!lanyard_checkin_cancel_waiting_badge (store, write->attendee_id, write->device, error))
        return NULL;
      break;
    case LANYARD_STAFF_WRITE_PRINT_BADGE:
      attendee = lanyard_attendee_copy (write->attendee);
      break;
    case LANYARD_STAFF_WRITE_PRINTED:
      if (!lanyard_checkin_record_print (store, write->attendee_id, write->printed, write->device, write->reason,
                                         error))
        return NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (write->event != NULL && attendee != NULL)
    check_in (store, write, attendee);
  return g_steal_pointer (&attendee);
}
