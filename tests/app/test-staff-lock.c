/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff desk's idle lock (lanyard-staff-lock.h), on a clock of our own.
 */
#include "config.h"

#include "lanyard-staff-lock.h"

#define S(n) ((gint64) (n) * G_USEC_PER_SEC)
#define T0   S (1000)

static void
test_locked_until_unlocked (void)
{
  g_autoptr(LanyardStaffLock) lock = lanyard_staff_lock_new (180);

  g_assert_true (lanyard_staff_lock_is_locked (lock));
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0), ==, 0);
  /* input while locked opens nothing, and a tick reports no new lock */
  lanyard_staff_lock_touch (lock, T0);
  g_assert_true (lanyard_staff_lock_is_locked (lock));
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (1)));

  lanyard_staff_lock_unlock (lock, T0);
  g_assert_false (lanyard_staff_lock_is_locked (lock));
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0), ==, 180);
}

static void
test_locks_after_timeout (void)
{
  g_autoptr(LanyardStaffLock) lock = lanyard_staff_lock_new (180);

  lanyard_staff_lock_unlock (lock, T0);
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (179)));
  g_assert_false (lanyard_staff_lock_is_locked (lock));
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0 + S (179)), ==, 1);
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0 + S (179) + 1), ==, 1);  /* rounds up */

  g_assert_true (lanyard_staff_lock_tick (lock, T0 + S (180)));
  g_assert_true (lanyard_staff_lock_is_locked (lock));
  /* it says so once */
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (181)));
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0 + S (181)), ==, 0);
}

static void
test_input_resets (void)
{
  g_autoptr(LanyardStaffLock) lock = lanyard_staff_lock_new (180);

  lanyard_staff_lock_unlock (lock, T0);
  lanyard_staff_lock_touch (lock, T0 + S (170));
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (200)));
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0 + S (200)), ==, 150);
  lanyard_staff_lock_touch (lock, T0 + S (340));
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (519)));
  g_assert_true (lanyard_staff_lock_tick (lock, T0 + S (520)));

  /* a touch stamped earlier than the last one (events out of order) does
   * not shorten the time left */
  lanyard_staff_lock_unlock (lock, T0 + S (600));
  lanyard_staff_lock_touch (lock, T0 + S (500));
  g_assert_cmpuint (lanyard_staff_lock_seconds_left (lock, T0 + S (600)), ==, 180);
}

static void
test_lock_by_hand (void)
{
  g_autoptr(LanyardStaffLock) lock = lanyard_staff_lock_new (180);

  lanyard_staff_lock_unlock (lock, T0);
  lanyard_staff_lock_lock (lock);
  g_assert_true (lanyard_staff_lock_is_locked (lock));
  /* a touch after locking does not reopen it */
  lanyard_staff_lock_touch (lock, T0 + S (1));
  g_assert_true (lanyard_staff_lock_is_locked (lock));
  /* unlocking again starts a fresh interval */
  lanyard_staff_lock_unlock (lock, T0 + S (1000));
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (1100)));
}

static void
test_zero_seconds (void)
{
  g_autoptr(LanyardStaffLock) lock = lanyard_staff_lock_new (0);

  /* a setting of 0 still leaves a second, not a desk that cannot open */
  lanyard_staff_lock_unlock (lock, T0);
  g_assert_false (lanyard_staff_lock_tick (lock, T0 + S (1) - 1));
  g_assert_true (lanyard_staff_lock_tick (lock, T0 + S (1)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/staff-lock/locked-until-unlocked", test_locked_until_unlocked);
  g_test_add_func ("/staff-lock/locks-after-timeout", test_locks_after_timeout);
  g_test_add_func ("/staff-lock/input-resets", test_input_resets);
  g_test_add_func ("/staff-lock/lock-by-hand", test_lock_by_hand);
  g_test_add_func ("/staff-lock/zero-seconds", test_zero_seconds);
  return g_test_run ();
}
