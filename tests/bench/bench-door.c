/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Session door benchmark, the real program on a display (xvfb-run,
 * GSK_RENDERER=cairo as in the tests), at a plenary moved to now:
 *   - back to back: badges of different people held up one after the other
 *     in 1280×720 frames
 *     (the camera's GStreamer test source switched to the next person's
 *     code as soon as the result is drawn); scans per minute the door
 *     accepts — decoded, logged, result page drawn — the camera's restart
 *     between two people included;
 *   - frame → result page drawn: the first frame of a picture with a code
 *     arriving in the window → the result page painted (median of rounds).
 * Instrumented through the door's page observer (after-paint). A tool, not
 * a gate: it prints figures against the goals (≥ 60 a minute, ≤ 150 ms)
 * and exits 0.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-application.h"
#include "lanyard-bench-app.h"
#include "lanyard-camera.h"
#include "lanyard-door-window.h"

#define ROUNDS 40

typedef struct {
  LanyardApplication *app;
  LanyardDoorWindow  *window;
  LanyardCamera      *camera;
  GPtrArray          *sources;          /* one camera source per person */
  char               *plain_source;
  guint               round;            /* the person now before the camera */
  gboolean            started;
  gint64              t_start;          /* first code put before the camera */
  gint64              t_shown;          /* this round's code put before the camera */
  gint64              t_frame;          /* this round's first frame */
  gint64              t_result;         /* the last result drawn */
  GArray             *latencies_ms;     /* double */
  guint               entered;
} Bench;

static void
show_person (Bench *b)
{
  b->t_frame = 0;
  b->t_shown = g_get_monotonic_time ();
  lanyard_bench_switch_camera (b->camera, g_ptr_array_index (b->sources, b->round));
}

static void
report (Bench *b)
{
  GArray *l = b->latencies_ms;
  double minutes = (b->t_result - b->t_start) / 60e6;
  double median;

  lanyard_bench_sort (l);
  median = g_array_index (l, double, l->len / 2);
  printf ("back to back: %u badges in %.1f s = %.0f scans a minute (goal ≥ 60), %u admitted\n",
          l->len, minutes * 60, l->len / minutes, b->entered);
  printf ("frame arrival → result page drawn: median %.1f ms (goal ≤ 150), min %.1f ms, p90 %.1f ms, "
          "max %.1f ms (%u rounds)\n",
          median, g_array_index (l, double, 0), g_array_index (l, double, (l->len * 9) / 10),
          g_array_index (l, double, l->len - 1), l->len);
  printf ("frame → result alone (no camera restart between people) would allow %.0f a minute\n",
          60e3 / median);
}

static void
on_frame (LanyardCamera *camera,
          GBytes        *rgb,
          int            width,
          int            height,
          int            stride,
          Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  (void) camera;
  (void) rgb;
  (void) width;
  (void) height;
  (void) stride;
  if (!b->started)
    {
      /* The door is up and the camera runs: the first person steps up. */
      b->started = TRUE;
      b->t_start = now;
      show_person (b);
      return;
    }
  if (b->t_frame == 0)
    b->t_frame = now;
}

static void
on_page (GtkWindow  *window,
         const char *page,
         gint64      painted_at,
         gpointer    user_data)
{
  Bench *b = user_data;
  double ms;

  (void) window;
  if (!b->started || !g_str_has_prefix (page, "result:"))
    return;
  /* The code may overtake the first preview frame to the main loop: then
   * from the camera's start, an upper bound. */
  ms = (painted_at - (b->t_frame != 0 ? b->t_frame : b->t_shown)) / 1e3;
  g_array_append_val (b->latencies_ms, ms);
  b->t_result = painted_at;
  if (g_str_equal (page, "result:entered"))
    b->entered++;
  if (++b->round < b->sources->len)
    {
      show_person (b);
      return;
    }
  lanyard_camera_stop (b->camera);
  report (b);
  g_application_quit (G_APPLICATION (b->app));
}

/* The camera exists once the door was drawn. */
static gboolean
find_camera (gpointer data)
{
  Bench *b = data;

  if (b->window == NULL || lanyard_door_window_get_camera (b->window) == NULL)
    return G_SOURCE_CONTINUE;
  b->camera = LANYARD_CAMERA (lanyard_door_window_get_camera (b->window));
  g_signal_connect (b->camera, "frame", G_CALLBACK (on_frame), b);
  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Bench          *b)
{
  (void) app;
  if (!LANYARD_IS_DOOR_WINDOW (window))
    return;
  b->window = LANYARD_DOOR_WINDOW (window);
  lanyard_door_window_set_page_observer (b->window, on_page, b);
  g_timeout_add (1, find_camera, b);
}

/* The demo event with its opening plenary (S01, Grand Ballroom A, open to
 * everyone) moved to now, so every badge is admitted. */
static void
write_event (const char *demo,
             const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -10);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (now, 80);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *start_text = g_date_time_format_iso8601 (start);
  g_autofree char *end_text = g_date_time_format_iso8601 (end);
  JsonObject *event;
  JsonArray *sessions;

  if (!json_parser_load_from_file (parser, demo, &error))
    g_error ("%s: %s", demo, error->message);
  event = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (event, "start_date", today);
  json_object_set_string_member (event, "end_date", today);
  /* the door's own pace: the attendees have not been to a kiosk */
  json_object_set_boolean_member (json_object_get_object_member (event, "policy"), "doors_require_check_in", FALSE);
  sessions = json_object_get_array_member (event, "sessions");
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);

      if (g_strcmp0 (json_object_get_string_member (session, "id"), "S01") != 0)
        continue;
      json_object_set_string_member (session, "start", start_text);
      json_object_set_string_member (session, "end", end_text);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  if (!json_generator_to_file (generator, path, &error))
    g_error ("%s: %s", path, error->message);
}

/* The first ROUNDS attendees' ticket codes, in the order of the file. */
static GPtrArray *
read_codes (const char *registrations)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (registrations, &text, NULL, &error))
    g_error ("%s: %s", registrations, error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && codes->len < ROUNDS; i++)
    {
      const char *comma = strchr (lines[i], ',');

      if (comma != NULL && comma > lines[i])
        g_ptr_array_add (codes, g_strndup (lines[i], comma - lines[i]));
    }
  return codes;
}

int
main (int   argc,
      char *argv[])
{
  LanyardBenchEnv env;
  g_autofree char *dir = NULL, *db = NULL;
  g_autofree char *demo = NULL, *event = NULL, *regs = NULL, *plain = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LanyardApplication) app = NULL;
  Bench b = { 0 };

  (void) argc;
  (void) argv;
  if (!lanyard_bench_env_get ("bench-door", &env))
    return 0;
  dir = g_dir_make_tmp ("bench-door-XXXXXX", NULL);
  db = g_build_filename (dir, "door.db", NULL);
  demo = g_build_filename (env.src, "data", "demo", "event.json", NULL);
  event = g_build_filename (dir, "event.json", NULL);
  regs = g_build_filename (env.src, "data", "demo", "registrations.csv", NULL);
  plain = g_build_filename (dir, "plain.png", NULL);
  write_event (demo, event);
  lanyard_bench_run ((const char *[]) { env.ctl, "--db", db, "init", "--event", event, NULL });
  lanyard_bench_run ((const char *[]) { env.ctl, "--db", db, "import", regs, NULL });
  lanyard_bench_write_frame (plain, NULL);

  codes = read_codes (regs);
  b.sources = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < codes->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("code-%02u.png", i);
      g_autofree char *png = g_build_filename (dir, name, NULL);

      lanyard_bench_run ((const char *[]) { env.make_qr, g_ptr_array_index (codes, i), png, NULL });
      lanyard_bench_write_frame (png, png);
      g_ptr_array_add (b.sources, g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze", png));
    }
  b.plain_source = g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze", plain);
  b.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_setenv ("LANYARD_NO_SOUND", "1", TRUE);

  app = lanyard_application_new ();
  b.app = app;
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &b);
  g_application_run (G_APPLICATION (app), 11,
                     (char *[]) { (char *) "lanyard", (char *) "--mode", (char *) "door", (char *) "--db", db,
                                  (char *) "--session", (char *) "S01", (char *) "--device", (char *) "bench-door",
                                  (char *) "--camera", b.plain_source, NULL });
  if (b.latencies_ms->len < b.sources->len)
    printf ("bench-door: only %u of %u badges came through\n", b.latencies_ms->len, b.sources->len);

  g_array_unref (b.latencies_ms);
  g_ptr_array_unref (b.sources);
  g_free (b.plain_source);
  lanyard_bench_remove_tree (dir);
  return 0;
}
