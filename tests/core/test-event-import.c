/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-error.h"
#include "lanyard-event-import.h"
#include "lanyard-store.h"

static void
test_demo_event (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardEvent) event = lanyard_event_load_file (path, &error);
  const LanyardSession *s;

  g_assert_no_error (error);
  g_assert_cmpstr (event->time_zone, ==, "America/Chicago");
  g_assert_cmpuint (event->sessions->len, >=, 20);
  g_assert_nonnull (lanyard_event_find_credit_type (event, "ACPE")->uan);
  s = lanyard_event_find_session (event, "S01");
  /* 2026-11-24T08:00:00-06:00 */
  g_assert_cmpint (s->starts_at, ==, G_GINT64_CONSTANT (1795528800) * G_USEC_PER_SEC);
  g_assert_cmpfloat (lanyard_session_get_credits (s, "AMA_PRA_1"), ==, 1.5);
  g_assert_nonnull (s->disclosure);
  g_assert_cmpuint (s->faculty->len, >, 0);
}

typedef struct {
  const char *json;
  const char *member;  /* the error names it */
} BadCase;

#define MIN_EVENT(sessions) "{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"UTC\",\"provider\":\"P\",\"sessions\":" sessions "}"
#define ONE_SESSION(extra) "[{\"id\":\"S1\",\"title\":\"x\",\"room\":\"r\",\"start\":\"2026-01-01T09:00:00Z\",\"end\":\"2026-01-01T10:00:00Z\"" extra "}]"

static const BadCase bad_cases[] = {
  { "not json", "JSON" },
  { "[1,2]", "object" },
  { "{\"title\":\"T\"}", "id" },
  { "{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"Mars/Olympus\",\"provider\":\"P\",\"sessions\":[]}", "time_zone" },
  { MIN_EVENT ("[]"), "sessions" },
  { MIN_EVENT (ONE_SESSION (",\"capacity\":\"ten\"")), "sessions[0].capacity" },
  { MIN_EVENT (ONE_SESSION (",\"capacity\":2.5")), "sessions[0].capacity" },
  { MIN_EVENT (ONE_SESSION (",\"credits\":{\"NOPE\":1}")), "sessions[0].credits.NOPE" },
  { MIN_EVENT ("[{\"id\":\"S1\",\"title\":\"x\",\"room\":\"r\",\"start\":\"tomorrow\",\"end\":\"2026-01-01T10:00:00Z\"}]"), "sessions[0].start" },
  { MIN_EVENT ("[{\"id\":\"S1\",\"title\":\"x\",\"room\":\"r\",\"start\":\"2026-01-01T11:00:00Z\",\"end\":\"2026-01-01T10:00:00Z\"}]"), "sessions[0].end" },
  { "{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"UTC\",\"provider\":\"P\",\"policy\":{\"missing_exit\":\"maybe\"},\"sessions\":" ONE_SESSION ("") "}", "policy.missing_exit" },
  { "{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"UTC\",\"provider\":\"P\",\"policy\":{\"doors_require_check_in\":\"no\"},\"sessions\":" ONE_SESSION ("") "}", "policy.doors_require_check_in" },
  { "{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"UTC\",\"provider\":\"P\",\"credit_types\":[{\"code\":\"ACPE\",\"required_ids\":[\"nabp\"]}],\"sessions\":" ONE_SESSION ("") "}", "credit_types[0].required_ids" },
};

static void
test_bad_events (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LanyardEvent) event = lanyard_event_load_data (bad_cases[i].json, -1, &error);

      g_test_message ("%s", bad_cases[i].json);
      g_assert_null (event);
      g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT);
      g_assert_nonnull (strstr (error->message, bad_cases[i].member));
    }
}

static void
test_local_times (void)
{
  const char *json = "{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"America/Chicago\",\"provider\":\"P\","
                     "\"sessions\":[{\"id\":\"S1\",\"title\":\"x\",\"room\":\"r\","
                     "\"start\":\"2026-11-24T08:00:00\",\"end\":\"2026-11-24T09:00:00\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardEvent) event = lanyard_event_load_data (json, -1, &error);

  g_assert_no_error (error);
  /* no offset: local to the event's time zone (CST, UTC−6) */
  g_assert_cmpint (((LanyardSession *) event->sessions->pdata[0])->starts_at, ==,
                   G_GINT64_CONSTANT (1795528800) * G_USEC_PER_SEC);
  g_assert_cmpint (event->policy.entry_window_minutes, ==, 20);
}

/* doors_require_check_in: on unless the event file says false, and kept
 * by the store (a database saved before the policy existed reads as on). */
static void
test_door_check_in_policy (void)
{
  const struct { const char *policy; gboolean on; } cases[] = {
    { "", TRUE },
    { ",\"policy\":{\"min_minutes\":10}", TRUE },
    { ",\"policy\":{\"doors_require_check_in\":true}", TRUE },
    { ",\"policy\":{\"doors_require_check_in\":false}", FALSE },
  };
  g_autofree char *dir = g_dir_make_tmp ("lanyard-event-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"E\",\"title\":\"T\",\"time_zone\":\"UTC\",\"provider\":\"P\"%s,"
                                               "\"sessions\":" ONE_SESSION ("") "}", cases[i].policy);
      g_autoptr(GError) error = NULL;
      g_autoptr(LanyardEvent) event = lanyard_event_load_data (json, -1, &error);
      g_autoptr(LanyardStore) store = NULL;
      g_autoptr(LanyardEvent) back = NULL;

      g_test_message ("policy %s", cases[i].policy);
      g_assert_no_error (error);
      g_assert_cmpint (event->policy.doors_require_check_in, ==, cases[i].on);
      store = lanyard_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (lanyard_store_save_event (store, event, &error));
      back = lanyard_store_load_event (store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (back->policy.doors_require_check_in, ==, cases[i].on);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/event-import/demo", test_demo_event);
  g_test_add_func ("/event-import/bad", test_bad_events);
  g_test_add_func ("/event-import/local-times", test_local_times);
  g_test_add_func ("/event-import/door-check-in-policy", test_door_check_in_policy);
  return g_test_run ();
}
