/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's writes (lanyard-staff-write.h), each as the worker runs it,
 * on a store of the demo event: what it returns, what it leaves in the
 * store, and the check-in a badge handed over at the desk makes (once,
 * never for a cancelled registration). A table: one row a write.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-event-import.h"
#include "lanyard-staff-write.h"
#include "../core/lanyard-test-db.h"

typedef struct {
  char             *dir;
  char             *path;
  LanyardStore     *store;
  LanyardEvent     *event;
  LanyardBadgeKeys *keys;
  gint64            jane;
} Fixture;

typedef enum {
  BEFORE_NOTHING,
  BEFORE_CANCELLED,   /* Jane's registration cancelled */
  BEFORE_CHECKED_IN,  /* Jane checked in at a kiosk */
  BEFORE_WAITING,     /* a kiosk's badge for Jane waits for its printer */
} Before;

typedef struct {
  const char            *path;
  LanyardStaffWriteKind  kind;
  Before                 before;
  gboolean               badge;       /* with the badge's check-in */
  gboolean               fails;       /* an error, no result */
  gboolean               returns;     /* an attendee as the write left them */
  guint                  check_ins;   /* Jane's (or the walk-in's) check-ins after it */
} Case;

static const Case cases[] = {
  { "/staff-write/replace", LANYARD_STAFF_WRITE_REPLACE, BEFORE_NOTHING, TRUE, FALSE, TRUE, 1 },
  { "/staff-write/replace-checked-in", LANYARD_STAFF_WRITE_REPLACE, BEFORE_CHECKED_IN, TRUE, FALSE, TRUE, 1 },
  /* refused: restore it first */
  { "/staff-write/replace-cancelled", LANYARD_STAFF_WRITE_REPLACE, BEFORE_CANCELLED, TRUE, TRUE, FALSE, 0 },
  { "/staff-write/correct", LANYARD_STAFF_WRITE_CORRECT, BEFORE_NOTHING, FALSE, FALSE, TRUE, 0 },
  { "/staff-write/walk-in", LANYARD_STAFF_WRITE_WALK_IN, BEFORE_NOTHING, TRUE, FALSE, TRUE, 1 },
  { "/staff-write/cancel", LANYARD_STAFF_WRITE_SET_STATUS, BEFORE_NOTHING, FALSE, FALSE, FALSE, 0 },
  { "/staff-write/cancel-waiting", LANYARD_STAFF_WRITE_CANCEL_WAITING, BEFORE_WAITING, FALSE, FALSE, FALSE, 0 },
  { "/staff-write/cancel-nothing-waiting", LANYARD_STAFF_WRITE_CANCEL_WAITING, BEFORE_NOTHING, FALSE, TRUE, FALSE,
    0 },
  { "/staff-write/print-badge", LANYARD_STAFF_WRITE_PRINT_BADGE, BEFORE_NOTHING, TRUE, FALSE, TRUE, 1 },
  { "/staff-write/print-badge-checked-in", LANYARD_STAFF_WRITE_PRINT_BADGE, BEFORE_CHECKED_IN, TRUE, FALSE, TRUE,
    1 },
  { "/staff-write/print-badge-cancelled", LANYARD_STAFF_WRITE_PRINT_BADGE, BEFORE_CANCELLED, TRUE, FALSE, TRUE,
    0 },
  { "/staff-write/printed", LANYARD_STAFF_WRITE_PRINTED, BEFORE_NOTHING, FALSE, FALSE, FALSE, 0 },
};

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *event = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);
  g_autoptr(LanyardAttendee) jane = lanyard_attendee_new ();

  fx->dir = g_dir_make_tmp ("lanyard-staff-write-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "test.db", NULL);
  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);
  fx->event = lanyard_event_load_file (event, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  g_assert_no_error (error);
  fx->keys = lanyard_badge_keys_generate_for_store (fx->store, FALSE, &error);
  g_assert_no_error (error);

  jane->ticket_code = g_strdup ("SW-JANE");
  jane->first_name = g_strdup ("Jane");
  jane->last_name = g_strdup ("Smith");
  jane->credentials = g_strdup ("MD");
  jane->profession = g_strdup ("physician");
  jane->email = g_strdup ("jane@example.org");
  g_assert_true (lanyard_store_upsert_attendee (fx->store, jane, NULL, NULL, &error));
  g_assert_no_error (error);
  fx->jane = jane->id;
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  lanyard_badge_keys_free (fx->keys);
  lanyard_event_unref (fx->event);
  g_assert_finalize_object (fx->store);
  lanyard_test_remove_db_file (fx->dir, fx->path);
  g_free (fx->path);
  g_free (fx->dir);
}

static guint
count_scans (Fixture         *fx,
             gint64           id,
             LanyardScanKind  kind)
{
  g_autoptr(GPtrArray) scans = lanyard_store_list_scans (fx->store, id, NULL);
  guint n = 0;

  for (guint i = 0; scans != NULL && i < scans->len; i++)
    n += ((LanyardScan *) g_ptr_array_index (scans, i))->kind == kind;
  return n;
}

static void
test_write (Fixture       *fx,
            gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(LanyardStaffWrite) write = lanyard_staff_write_new (c->kind, fx->jane, "desk-1");
  g_autoptr(LanyardAttendee) before = lanyard_store_get_attendee (fx->store, fx->jane, NULL);
  g_autoptr(LanyardAttendee) after = NULL;
  g_autoptr(LanyardAttendee) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = fx->jane;

  switch (c->before)
    {
    case BEFORE_CANCELLED:
      g_assert_true (lanyard_store_set_status (fx->store, fx->jane, LANYARD_STATUS_CANCELLED, "desk-0", &error));
      break;
    case BEFORE_CHECKED_IN:
      {
        LanyardCheckinRequest request = { .action = LANYARD_CHECKIN_EVENT, .device = "kiosk-1" };
        g_autoptr(LanyardCheckinResult) r = lanyard_checkin_perform (fx->store, fx->event, fx->keys,
                                                                     (const guint8 *) "SW-JANE", 7, &request, &error);

        g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
      }
      break;
    case BEFORE_WAITING:
      g_assert_true (lanyard_checkin_record_badge_waiting (fx->store, fx->jane, "kiosk-1", "Out of labels", &error));
      break;
    case BEFORE_NOTHING:
      break;
    }
  g_assert_no_error (error);

  switch (c->kind)
    {
    case LANYARD_STAFF_WRITE_REPLACE:
      write->reason = g_strdup ("lost");
      break;
    case LANYARD_STAFF_WRITE_CORRECT:
      write->attendee = lanyard_attendee_copy (before);
      g_free (write->attendee->last_name);
      write->attendee->last_name = g_strdup ("Smyth");
      break;
    case LANYARD_STAFF_WRITE_WALK_IN:
      write->attendee_id = 0;
      write->attendee = lanyard_attendee_new ();
      write->attendee->first_name = g_strdup ("Walt");
      write->attendee->last_name = g_strdup ("Walker");
      write->attendee->profession = g_strdup ("physician");
      break;
    case LANYARD_STAFF_WRITE_SET_STATUS:
      write->status = LANYARD_STATUS_CANCELLED;
      break;
    case LANYARD_STAFF_WRITE_PRINT_BADGE:
      write->attendee = lanyard_attendee_copy (before);
      break;
    case LANYARD_STAFF_WRITE_PRINTED:
      write->printed = LANYARD_SCAN_BADGE_REPRINTED;
      write->reason = g_strdup ("lost");
      break;
    default:
      break;
    }
  if (c->badge)
    lanyard_staff_write_check_in (write, fx->event, fx->keys);

  after = lanyard_staff_write_run (fx->store, write, &error);
  if (c->fails)
    {
      g_assert_nonnull (error);
      g_assert_null (after);
      g_assert_cmpuint (count_scans (fx, id, LANYARD_SCAN_CHECK_IN), ==, c->check_ins);
      return;
    }
  g_assert_no_error (error);
  g_assert_true ((after != NULL) == c->returns);
  if (after != NULL)
    {
      id = after->id;
      g_assert_cmpint (id, >, 0);
    }
  stored = lanyard_store_get_attendee (fx->store, id, NULL);

  switch (c->kind)
    {
    case LANYARD_STAFF_WRITE_REPLACE:
      g_assert_cmpint (after->badge_version, ==, before->badge_version + 1);
      g_assert_cmpint (stored->badge_version, ==, after->badge_version);
      break;
    case LANYARD_STAFF_WRITE_CORRECT:
      g_assert_cmpstr (after->last_name, ==, "Smyth");
      g_assert_cmpstr (stored->last_name, ==, "Smyth");
      break;
    case LANYARD_STAFF_WRITE_WALK_IN:
      g_assert_cmpint (id, !=, fx->jane);
      g_assert_nonnull (after->ticket_code);
      g_assert_cmpstr (stored->ticket_code, ==, after->ticket_code);
      g_assert_cmpstr (stored->last_name, ==, "Walker");
      break;
    case LANYARD_STAFF_WRITE_SET_STATUS:
      g_assert_cmpint (stored->status, ==, LANYARD_STATUS_CANCELLED);
      break;
    case LANYARD_STAFF_WRITE_CANCEL_WAITING:
      g_assert_cmpuint (count_scans (fx, id, LANYARD_SCAN_BADGE_CANCELLED), ==, 1);
      break;
    case LANYARD_STAFF_WRITE_PRINTED:
      g_assert_cmpuint (count_scans (fx, id, LANYARD_SCAN_BADGE_REPRINTED), ==, 1);
      break;
    default:
      break;
    }
  /* checked in by the badge where the rules check them in, once */
  g_assert_cmpuint (count_scans (fx, id, LANYARD_SCAN_CHECK_IN), ==, c->check_ins);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LANYARD_SOURCE_DIR") == NULL)
    {
      g_test_skip ("needs LANYARD_SOURCE_DIR");
      return g_test_run ();
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add (cases[i].path, Fixture, &cases[i], fixture_setup, test_write, fixture_teardown);
  return g_test_run ();
}
