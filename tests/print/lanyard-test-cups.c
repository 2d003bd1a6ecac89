/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include <cups/cups.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lanyard-test-cups.h"

static char *
script_path (void)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");

  g_assert_nonnull (src);
  return g_build_filename (src, "tests", "fixtures", "cups-fixture.sh", NULL);
}

LanyardTestCups *
lanyard_test_cups_start (char **out_skip)
{
  static const char * const tools[] = { "cupsd", "ippeveprinter", "avahi-daemon", "dbus-daemon",
                                        "lpadmin", "ipptool", "unshare" };
  g_autoptr(LanyardTestCups) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = script_path ();
  g_autofree char *owner = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *env_path = NULL;
  g_autofree char *env_text = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);
      if (found == NULL)
        {
          /* .ci/run installs every one: there a printing test that
           * skipped would be a printing test that never ran */
          if (g_getenv ("CI") != NULL && *g_getenv ("CI") != '\0')
            g_error ("%s is not installed, and CI is set: the printing tests must run", tools[i]);
          *out_skip = g_strdup_printf ("%s is not installed", tools[i]);
          return NULL;
        }
    }

  self = g_new0 (LanyardTestCups, 1);
  self->dir = g_dir_make_tmp ("lanyard-cups-XXXXXX", &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "/bin/bash", script, "start", self->dir, owner, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("CUPS fixture did not start:\n%s%s", out, err);
  }

  env_path = g_build_filename (self->dir, "env", NULL);
  g_file_get_contents (env_path, &env_text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (env_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      if (eq == NULL)
        continue;
      *eq = '\0';
      g_setenv (lines[i], eq + 1, TRUE);
    }
  /* libcups caches the server per thread: read $CUPS_SERVER again. */
  cupsSetServer (NULL);

  self->queue = g_strdup (g_getenv ("LANYARD_TEST_QUEUE"));
  self->printer_uri = g_strdup (g_getenv ("LANYARD_TEST_PRINTER_URI"));
  self->spool = g_strdup (g_getenv ("LANYARD_TEST_SPOOL"));
  g_assert_nonnull (self->queue);
  g_assert_nonnull (self->printer_uri);
  g_assert_nonnull (self->spool);
  return g_steal_pointer (&self);
}

void
lanyard_test_cups_script (LanyardTestCups *self,
                          const char      *action,
                          const char      *arg)
{
  g_autofree char *script = script_path ();
  const char *argv[] = { "/bin/bash", script, action, self->dir, arg, NULL };

  lanyard_test_cups_run (self, argv);
}

void
lanyard_test_cups_run (LanyardTestCups    *self,
                       const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  (void) self;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s%s", argv[0], out, err);
}

void
lanyard_test_cups_signal_cupsd (LanyardTestCups *self,
                                int              signo)
{
  g_autofree char *path = g_build_filename (self->dir, "pids", "cupsd", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  pid = (pid_t) g_ascii_strtoll (text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill (pid, signo), ==, 0);
}

void
lanyard_test_cups_stop (LanyardTestCups *self)
{
  if (self == NULL)
    return;
  if (self->dir != NULL)
    {
      g_autofree char *script = script_path ();
      const char *argv[] = { "/bin/bash", script, "stop", self->dir, NULL };
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", self->dir);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    NULL, NULL, NULL, NULL);
      if (g_getenv ("LANYARD_TEST_KEEP") == NULL)
        g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
    }
  g_free (self->dir);
  g_free (self->queue);
  g_free (self->printer_uri);
  g_free (self->spool);
  g_free (self);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;
  g_autofree char *ba = g_path_get_basename (sa);
  g_autofree char *bb = g_path_get_basename (sb);

  /* "12-name.pdf": numeric job number first. */
  return (int) (g_ascii_strtoll (ba, NULL, 10) - g_ascii_strtoll (bb, NULL, 10));
}

GPtrArray *
lanyard_test_cups_wait_spool (LanyardTestCups *self,
                              guint            n,
                              guint            limit_s)
{
  for (guint tries = 0; ; tries++)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GDir) dir = g_dir_open (self->spool, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".pdf"))
          g_ptr_array_add (files, g_build_filename (self->spool, name, NULL));
      g_ptr_array_sort (files, compare_names);
      if (files->len >= n || tries >= limit_s * 10)
        return g_steal_pointer (&files);
      g_usleep (100 * 1000);
    }
}

/* Asks with one IPP request, asserts an answer; the caller frees it. */
static ipp_t *
ask (http_t     *http,
     ipp_t      *request,
     const char *resource)
{
  ipp_t *response;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  response = cupsDoRequest (http, request, resource);
  g_assert_nonnull (response);
  g_assert_cmpint (ippGetStatusCode (response), <=, IPP_STATUS_OK_CONFLICTING);
  return response;
}

int
lanyard_test_cups_job_state (LanyardTestCups *self,
                             int              job_id)
{
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response;
  int state;

  (void) self;
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, "ipp://localhost/");
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  response = ask (CUPS_HTTP_DEFAULT, request, "/jobs/");
  state = ippGetInteger (ippFindAttribute (response, "job-state", IPP_TAG_ENUM), 0);
  ippDelete (response);
  return state;
}

char *
lanyard_test_cups_job_media (LanyardTestCups *self,
                             int              job_id)
{
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *media;
  char *value;

  (void) self;
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, "ipp://localhost/");
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  response = ask (CUPS_HTTP_DEFAULT, request, "/jobs/");
  media = ippFindAttribute (response, "media", IPP_TAG_ZERO);
  value = media != NULL ? g_strdup (ippGetString (media, 0, NULL)) : NULL;
  ippDelete (response);
  return value;
}

guint
lanyard_test_cups_printer_jobs (LanyardTestCups *self)
{
  char scheme[32], userpass[256], host[256], resource[256];
  int port = 0;
  http_t *http;
  ipp_t *request, *response;
  guint n = 0;

  g_assert_cmpint (httpSeparateURI (HTTP_URI_CODING_ALL, self->printer_uri, scheme, sizeof scheme,
                                    userpass, sizeof userpass, host, sizeof host, &port,
                                    resource, sizeof resource), >=, HTTP_URI_STATUS_OK);
  http = httpConnect2 (host, port, NULL, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 30000, NULL);
  g_assert_nonnull (http);
  request = ippNewRequest (IPP_OP_GET_JOBS);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, self->printer_uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", NULL, "all");
  response = ask (http, request, resource);
  for (ipp_attribute_t *a = ippFirstAttribute (response); a != NULL; a = ippNextAttribute (response))
    if (ippGetGroupTag (a) == IPP_TAG_JOB && g_strcmp0 (ippGetName (a), "job-id") == 0)
      n++;
  ippDelete (response);
  httpClose (http);
  return n;
}

guint
lanyard_test_cups_printed (LanyardTestCups *self,
                           guint            n,
                           guint            limit_s)
{
  g_autofree char *path = g_build_filename (self->dir, "printed", NULL);
  guint lines = 0;

  for (guint i = 0; i <= limit_s * 10; i++)
    {
      g_autofree char *text = NULL;

      lines = 0;
      if (g_file_get_contents (path, &text, NULL, NULL))
        for (const char *c = text; *c != '\0'; c++)
          lines += *c == '\n';
      if (lines >= n)
        break;
      g_usleep (100 * 1000);
    }
  return lines;
}

guint
lanyard_test_cups_count_requests (LanyardTestCups *self,
                                  const char      *operation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (self->dir, "log", "cups-access.log", NULL);
  g_autofree char *text = NULL;
  g_autofree char *word = g_strdup_printf (" %s ", operation);
  guint n = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    n++;
  return n;
}

char *
lanyard_test_pdftotext (const char *pdf_path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf_path, "-", NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}
