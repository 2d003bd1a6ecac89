/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing through libcups' destination API, and following jobs.
 */
#include "config.h"

#include <cups/cups.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lanyard-error.h"
#include "lanyard-print.h"

#define POLL_INTERVAL_US (250 * 1000)
#define CONNECT_TIMEOUT_MS 5000
#define BUSY_RETRY_US (500 * 1000)
#define CANCEL_GRACE_US (2 * G_USEC_PER_SEC)

/* ------------------------------------------------------------------ */
/* Printer status                                                       */

void
lanyard_printer_status_free (LanyardPrinterStatus *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->uri);
  g_strfreev (self->reasons);
  g_free (self->message);
  g_free (self->make_and_model);
  g_free (self->kind);
  g_free (self);
}

const char *
lanyard_printer_state_to_string (LanyardPrinterState state)
{
  switch (state)
    {
    case LANYARD_PRINTER_IDLE: return "idle";
    case LANYARD_PRINTER_PROCESSING: return "processing";
    case LANYARD_PRINTER_STOPPED: return "stopped";
    case LANYARD_PRINTER_UNREACHABLE: return "unreachable";
    default: return "unknown";
    }
}

static gboolean
is_uri (const char *queue_or_uri)
{
  return queue_or_uri != NULL
         && (g_str_has_prefix (queue_or_uri, "ipp://")
             || g_str_has_prefix (queue_or_uri, "ipps://"));
}

static GStrv
reasons_from_attr (ipp_attribute_t *attr)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; attr != NULL && i < ippGetCount (attr); i++)
    {
      const char *r = ippGetString (attr, i, NULL);
      if (r != NULL && !g_str_equal (r, "none"))
        g_strv_builder_add (builder, r);
    }
  return g_strv_builder_end (builder);
}

static GStrv
reasons_from_option (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (value != NULL)
    {
      parts = g_strsplit (value, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0' && !g_str_equal (parts[i], "none"))
            g_strv_builder_add (builder, parts[i]);
        }
    }
  return g_strv_builder_end (builder);
}

static void
status_set_message (LanyardPrinterStatus *status)
{
  g_clear_pointer (&status->message, g_free);
  status->message = lanyard_printer_reasons_to_message ((const char * const *) status->reasons,
                                                        &status->is_error);
  if (status->state == LANYARD_PRINTER_STOPPED && !status->is_error)
    {
      g_free (status->message);
      status->message = g_strdup (_("The printer has stopped"));
      status->is_error = TRUE;
    }
  else if (status->state == LANYARD_PRINTER_UNREACHABLE)
    {
      g_free (status->message);
      status->message = g_strdup (_("The printer cannot be reached: check that it is on and connected"));
      status->is_error = TRUE;
    }
}

static LanyardPrinterState
state_from_ipp (int ipp_state)
{
  switch (ipp_state)
    {
    case IPP_PSTATE_PROCESSING: return LANYARD_PRINTER_PROCESSING;
    case IPP_PSTATE_STOPPED: return LANYARD_PRINTER_STOPPED;
    default: return LANYARD_PRINTER_IDLE;
    }
}

/* What kind of printer: colour or monochrome and its resolution, from
 * the queue's or printer's IPP attributes (color-supported,
 * printer-resolution-default; for a driver's PPD cupsd makes them from
 * ColorDevice and DefaultResolution); without info, colour from the
 * queue's printer-type. In words for the desk: "Zebra ZPL Label Printer,
 * 203 dpi, monochrome". */
static void
status_set_kind (LanyardPrinterStatus *status,
                 http_t               *http,
                 cups_dest_t          *dest,
                 cups_dinfo_t         *info)
{
  const char *model = cupsGetOption ("printer-make-and-model", dest->num_options, dest->options);
  const char *type = cupsGetOption ("printer-type", dest->num_options, dest->options);
  ipp_attribute_t *attr;
  g_autofree char *model_text = NULL;
  gboolean known = FALSE;

  status->dpi = 0;
  if (info != NULL && (attr = cupsFindDestSupported (http, dest, info, "color")) != NULL)
    {
      status->monochrome = !ippGetBoolean (attr, 0);
      known = TRUE;
    }
  else if (type != NULL)
    {
      status->monochrome = (strtoul (type, NULL, 10) & CUPS_PRINTER_COLOR) == 0;
      known = TRUE;
    }
  if (info != NULL && (attr = cupsFindDestDefault (http, dest, info, "printer-resolution")) != NULL)
    {
      ipp_res_t units;
      int yres;
      int xres = ippGetResolution (attr, 0, &yres, &units);

      status->dpi = units == IPP_RES_PER_CM ? (int) (xres * 2.54 + 0.5) : xres;
    }
  g_free (status->make_and_model);
  status->make_and_model = g_strdup (model);
  g_clear_pointer (&status->kind, g_free);
  if (!known)
    return;
  model_text = g_strdup (model != NULL && *model != '\0' ? model : _("Printer"));
  if (status->dpi > 0)
    status->kind = g_strdup_printf (status->monochrome
                                    /* TRANSLATORS: the printer's make and model, then its resolution. */
                                    ? _("%s, %d dpi, monochrome") : _("%s, %d dpi, colour"),
                                    model_text, status->dpi);
  else
    status->kind = g_strdup_printf (status->monochrome ? _("%s, monochrome") : _("%s, colour"), model_text);
}

static LanyardPrinterStatus *
status_from_dest (cups_dest_t *dest)
{
  LanyardPrinterStatus *status = g_new0 (LanyardPrinterStatus, 1);
  const char *v;

  status->name = g_strdup (dest->name);
  v = cupsGetOption ("device-uri", dest->num_options, dest->options);
  if (v == NULL)
    v = cupsGetOption ("printer-uri-supported", dest->num_options, dest->options);
  status->uri = g_strdup (v);
  v = cupsGetOption ("printer-state", dest->num_options, dest->options);
  status->state = state_from_ipp (v != NULL ? atoi (v) : IPP_PSTATE_IDLE);
  status->reasons = reasons_from_option (cupsGetOption ("printer-state-reasons",
                                                        dest->num_options, dest->options));
  v = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  status->accepting = v == NULL || g_str_equal (v, "true");
  status->is_default = dest->is_default;
  status_set_message (status);
  return status;
}

static void
set_cups_error (GError    **error,
                int         code,
                const char *what)
{
  const char *detail = cupsLastErrorString ();

  if (detail != NULL && *detail != '\0')
    /* TRANSLATORS: first %s says what failed, second is CUPS' own words. */
    g_set_error (error, LANYARD_ERROR, code, _("%s (%s)"), what, detail);
  else
    g_set_error_literal (error, LANYARD_ERROR, code, what);
}

static gboolean
cups_unreachable (void)
{
  ipp_status_t s = cupsLastError ();
  return s == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || s == IPP_STATUS_ERROR_INTERNAL;
}

/* Bounded waits. libcups' own connection to cupsd (CUPS_HTTP_DEFAULT)
 * waits as long as libcups likes (a stuck cupsd held a lookup for minutes),
 * so every call goes over a connection of Lanyard's own whose waits end at
 * a deadline (monotonic µs): libcups asks deadline_passed each time a wait
 * of WAIT_SLICE_S runs out, and gives up once it says so. */
#define WAIT_SLICE_S 0.25

static gint64
deadline_in (guint timeout_seconds)
{
  return g_get_monotonic_time () + (gint64) MAX (timeout_seconds, 1) * G_USEC_PER_SEC;
}

static int
ms_left (gint64 deadline)
{
  gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

  return (int) CLAMP (left, 1, G_MAXINT);
}

/* Where a connection's waits end; expired once it was shut for it. */
typedef struct {
  gint64   deadline;
  gboolean expired;
} Bound;

/* http_timeout_cb_t: 1 = keep waiting. */
static int
deadline_not_passed (http_t *http,
                     void   *user_data)
{
  Bound *bound = user_data;

  if (g_get_monotonic_time () < bound->deadline)
    return 1;
  /* libcups tries again on a connection that timed out (flushing, asking
   * for the default printer…), a slice at a time: shut it, so whatever
   * libcups still tries fails at once. */
  httpShutdown (http);
  bound->expired = TRUE;
  return 0;
}

/* bound must outlive http (it is read at each wait). */
static void
http_bound (http_t *http,
            Bound  *bound)
{
  httpSetTimeout (http, WAIT_SLICE_S, deadline_not_passed, bound);
}

static void
set_service_unreachable (GError **error)
{
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER, _("The print service cannot be reached"));
}

/* A connection to cupsd ($CUPS_SERVER: a socket path or a host). */
static http_t *
connect_cupsd (Bound   *bound,
               GError **error)
{
  http_t *http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1,
                               ms_left (bound->deadline), NULL);

  if (http == NULL)
    {
      set_service_unreachable (error);
      return NULL;
    }
  http_bound (http, bound);
  return http;
}

/* After a failed call on http: did cupsd fail to answer (rather than say no)? */
static gboolean
cupsd_failed (http_t      *http,
              const Bound *bound)
{
  return g_get_monotonic_time () >= bound->deadline || httpError (http) != 0 || cups_unreachable ();
}

/* cupsGetDests2 listed nothing: because cupsd failed to answer? */
static gboolean
dests_failed (http_t      *http,
              const Bound *bound)
{
  return cupsd_failed (http, bound)
         || (cupsLastError () > IPP_STATUS_OK_CONFLICTING && cupsLastError () != IPP_STATUS_ERROR_NOT_FOUND);
}

GPtrArray *
lanyard_printer_list (guint    timeout_seconds,
                      GError **error)
{
  cups_dest_t *dests = NULL;
  int n;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_printer_status_free);
  Bound bound = { deadline_in (timeout_seconds), FALSE };
  http_t *http = connect_cupsd (&bound, error);

  if (http == NULL)
    return NULL;
  n = cupsGetDests2 (http, &dests);
  if (n == 0 && dests_failed (http, &bound))
    {
      httpClose (http);
      set_service_unreachable (error);
      return NULL;
    }
  for (int i = 0; i < n; i++)
    {
      /* cupsGetDests2 also lists instances (name/instance) and discovered
       * network printers without a queue; only real local queues. */
      if (dests[i].instance != NULL)
        continue;
      if (cupsGetOption ("printer-uri-supported", dests[i].num_options, dests[i].options) == NULL
          && cupsGetOption ("device-uri", dests[i].num_options, dests[i].options) == NULL)
        continue;
      {
        LanyardPrinterStatus *status = status_from_dest (&dests[i]);
        /* One more request a queue, for its resolution. */
        cups_dinfo_t *info = bound.expired ? NULL : cupsCopyDestInfo (http, &dests[i]);

        status_set_kind (status, http, &dests[i], info);
        if (info != NULL)
          cupsFreeDestInfo (info);
        g_ptr_array_add (list, status);
      }
    }
  httpClose (http);
  cupsFreeDests (n, dests);
  return g_steal_pointer (&list);
}

/* ------------------------------------------------------------------ */
/* Targets: a cupsd queue or a printer by URI                           */

typedef struct {
  char         *label;        /* queue name or URI, for messages */
  char         *key;          /* for a cupsd queue: where it is kept between jobs */
  gboolean      is_device;    /* a printer by URI, not a cupsd queue */
  Bound         bound;        /* every wait on http ends at bound.deadline */
  cups_dest_t  *dest;
  http_t       *http;         /* to the printer, or to cupsd for a queue */
  cups_dinfo_t *info;
  char         *printer_uri;  /* for Get-Job/Printer-Attributes */
  char         *resource;
  int           config_time;  /* the queue's printer-config-change-time when opened */
  gboolean      unanswered;   /* a question about a job got no answer (not "no such job") */
} Target;

static void
target_free (Target *t)
{
  if (t == NULL)
    return;
  if (t->info != NULL)
    cupsFreeDestInfo (t->info);
  if (t->dest != NULL)
    cupsFreeDests (1, t->dest);
  if (t->http != NULL)
    httpClose (t->http);
  g_free (t->label);
  g_free (t->key);
  g_free (t->printer_uri);
  g_free (t->resource);
  g_free (t);
}

/* Kept targets. Connecting to cupsd, listing its destinations and copying
 * a queue's details cost 0.2–0.3 s a job, so a target is kept between
 * jobs (one per queue and print server, or per printer URI; a worker
 * thread takes it out while it uses it, so none is shared) and checked
 * with one request before it is used again: a queue or printer that
 * changed or went, or a connection that broke, is opened afresh — still
 * within the deadline. */
static GMutex kept_lock;
static GHashTable *kept_targets;  /* key → Target* */

static char *
cupsd_key_prefix (void)
{
  return g_strdup_printf ("cupsd:%s:%d/", cupsServer (), ippPort ());
}

static char *
target_key (const char *queue_or_uri)
{
  g_autofree char *prefix = NULL;

  if (is_uri (queue_or_uri))
    return g_strconcat ("device:", queue_or_uri, NULL);
  prefix = cupsd_key_prefix ();
  return g_strconcat (prefix, queue_or_uri != NULL ? queue_or_uri : "", NULL);
}

static Target *
kept_take (const char *key)
{
  gpointer stolen_key = NULL;
  gpointer t = NULL;

  g_mutex_lock (&kept_lock);
  if (kept_targets != NULL && g_hash_table_steal_extended (kept_targets, key, &stolen_key, &t))
    g_free (stolen_key);
  g_mutex_unlock (&kept_lock);
  return t;
}

/* Puts t back for the next job, or frees it when it may not serve one:
 * a connection that ran out of time or failed. */
static void
target_release (Target *t)
{
  if (t == NULL)
    return;
  if (t->key == NULL || t->bound.expired || httpError (t->http) != 0)
    {
      target_free (t);
      return;
    }
  g_mutex_lock (&kept_lock);
  if (kept_targets == NULL)
    kept_targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) target_free);
  /* One print server at a time: queues of another (a test's earlier
   * cupsd, a changed $CUPS_SERVER) are let go. */
  {
    g_autofree char *server = cupsd_key_prefix ();
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, kept_targets);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (g_str_has_prefix (key, "cupsd:") && !g_str_has_prefix (key, server))
        g_hash_table_iter_remove (&iter);
  }
  g_hash_table_replace (kept_targets, g_strdup (t->key), t);
  g_mutex_unlock (&kept_lock);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Target, target_release)

/* cupsGetNamedDest, but only on http: when the queue is not among what
 * http lists, cupsGetNamedDest goes on to browse with libcups' default
 * connection, which does not end at Lanyard's deadline. NULL name = the
 * default queue. */
static cups_dest_t *
get_named_dest (http_t      *http,
                const char  *name,
                const Bound *bound,
                gboolean    *out_unreachable)
{
  cups_dest_t *dests = NULL;
  cups_dest_t *copy = NULL;
  cups_dest_t *found;
  int n = cupsGetDests2 (http, &dests);

  *out_unreachable = n == 0 && dests_failed (http, bound);
  found = cupsGetDest (name, NULL, n, dests);
  if (found != NULL)
    cupsCopyDest (found, 0, &copy);
  cupsFreeDests (n, dests);
  return copy;
}

/* One Get-Printer-Attributes of wanted; NULL when the printer (or the
 * queue) did not answer or said no. */
static ipp_t *
target_get_printer_attributes (Target             *t,
                               const char * const *wanted,
                               int                 n_wanted)
{
  ipp_t *request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  ipp_t *response;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, t->printer_uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 n_wanted, NULL, (const char **) wanted);
  response = cupsDoRequest (t->http, request, t->resource);
  if (response != NULL && ippGetStatusCode (response) > IPP_STATUS_OK_CONFLICTING)
    g_clear_pointer (&response, ippDelete);
  return response;
}

/* The queue's printer-config-change-time (which cupsd moves on whenever
 * the queue is changed), 0 if it did not say; FALSE when the queue did
 * not answer (gone, or the connection broke). */
static gboolean
target_config_time (Target *t,
                    int    *out_time)
{
  static const char * const wanted[] = { "printer-config-change-time" };
  ipp_t *response = target_get_printer_attributes (t, wanted, G_N_ELEMENTS (wanted));
  ipp_attribute_t *attr;

  if (response == NULL)
    return FALSE;
  attr = ippFindAttribute (response, "printer-config-change-time", IPP_TAG_INTEGER);
  *out_time = attr != NULL ? ippGetInteger (attr, 0) : 0;
  ippDelete (response);
  return TRUE;
}

/* A kept queue for key, if it is still the same queue on a working
 * connection; its waits now end at deadline. */
static Target *
kept_target_check (const char *key,
                   gint64      deadline)
{
  Target *t = kept_take (key);
  int config_time = 0;

  if (t == NULL)
    return NULL;
  t->bound.deadline = deadline;
  t->bound.expired = FALSE;
  if (!target_config_time (t, &config_time) || config_time != t->config_time)
    {
      g_debug ("queue %s changed or did not answer: opening it again", t->label);
      target_free (t);
      return NULL;
    }
  return t;
}

static gboolean
target_fetch_info (Target  *t,
                   GError **error)
{
  t->info = cupsCopyDestInfo (t->http, t->dest);
  if (t->info == NULL)
    {
      if (t->is_device)
        g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                     _("The printer at %s cannot be reached: check that it is on and connected"),
                     t->label);
      else
        set_service_unreachable (error);
      return FALSE;
    }
  /* Debian 12's libcups (< 2.4.11) answers a wrong size on the first
   * media lookup unless the media list was counted once first. */
  (void) cupsGetDestMediaCount (t->http, t->dest, t->info, CUPS_MEDIA_FLAGS_DEFAULT);
  return TRUE;
}

/* Opens a queue or printer by URI; every wait on it ends at deadline. A
 * queue kept from an earlier job is used again when it still answers
 * the same (see kept_targets). */
static Target *
target_open (const char *queue_or_uri,
             gboolean    need_info,
             gint64      deadline,
             GError    **error)
{
  g_autoptr(Target) t = NULL;
  gboolean unreachable = FALSE;
  const char *uri;

  if (queue_or_uri != NULL)
    {
      g_autofree char *key = target_key (queue_or_uri);

      t = kept_target_check (key, deadline);
      if (t == NULL && g_get_monotonic_time () >= deadline)
        {
          /* The check used up the time: cupsd or the printer is stuck. */
          if (is_uri (queue_or_uri))
            g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                         _("The printer at %s cannot be reached: check that it is on and connected"),
                         queue_or_uri);
          else
            set_service_unreachable (error);
          return NULL;
        }
      if (t != NULL)
        {
          if (need_info && t->info == NULL && !target_fetch_info (t, error))
            return NULL;
          return g_steal_pointer (&t);
        }
    }

  t = g_new0 (Target, 1);
  t->bound.deadline = deadline;
  if (is_uri (queue_or_uri))
    {
      char resource[1024] = "";

      t->is_device = TRUE;
      t->label = g_strdup (queue_or_uri);
      t->dest = cupsGetDestWithURI (NULL, queue_or_uri);
      if (t->dest == NULL)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                       _("“%s” is not a printer address Lanyard understands"), queue_or_uri);
          return NULL;
        }
      t->http = cupsConnectDest (t->dest, CUPS_DEST_FLAGS_DEVICE, MIN (CONNECT_TIMEOUT_MS, ms_left (deadline)),
                                 NULL, resource, sizeof resource, NULL, NULL);
      if (t->http == NULL)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                       _("The printer at %s cannot be reached: check that it is on and connected"),
                       queue_or_uri);
          return NULL;
        }
      http_bound (t->http, &t->bound);
      t->printer_uri = g_strdup (queue_or_uri);
      t->resource = g_strdup (*resource != '\0' ? resource : "/ipp/print");
      if (target_config_time (t, &t->config_time) && t->config_time != 0)
        t->key = target_key (queue_or_uri);
    }
  else
    {
      if ((t->http = connect_cupsd (&t->bound, error)) == NULL)
        return NULL;
      t->dest = get_named_dest (t->http, queue_or_uri, &t->bound, &unreachable);
      if (t->dest == NULL)
        {
          if (unreachable)
            set_service_unreachable (error);
          else if (queue_or_uri == NULL)
            g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND,
                                 _("No printer is set up as the default"));
          else
            g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND,
                         _("There is no printer called “%s”"), queue_or_uri);
          return NULL;
        }
      t->label = g_strdup (t->dest->name);
      uri = cupsGetOption ("printer-uri-supported", t->dest->num_options, t->dest->options);
      if (uri != NULL)
        t->printer_uri = g_strdup (uri);
      else
        t->printer_uri = g_strdup_printf ("ipp://localhost/printers/%s", t->dest->name);
      t->resource = g_strdup ("/");
      /* Kept only when the queue says when it was last changed, and never
       * the default queue (which may become another one). */
      if (queue_or_uri != NULL && target_config_time (t, &t->config_time) && t->config_time != 0)
        t->key = target_key (queue_or_uri);
    }

  if (need_info && !target_fetch_info (t, error))
    return NULL;
  return g_steal_pointer (&t);
}

/* One Get-Printer-Attributes; FALSE when the printer did not answer. */
static gboolean
target_query_printer (Target              *t,
                      LanyardPrinterStatus *status)
{
  static const char * const wanted[] = {
    "printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
  };
  ipp_t *response = target_get_printer_attributes (t, wanted, G_N_ELEMENTS (wanted));
  ipp_attribute_t *attr;

  if (response == NULL)
    return FALSE;
  attr = ippFindAttribute (response, "printer-state", IPP_TAG_ENUM);
  status->state = state_from_ipp (attr != NULL ? ippGetInteger (attr, 0) : IPP_PSTATE_IDLE);
  g_strfreev (status->reasons);
  status->reasons = reasons_from_attr (ippFindAttribute (response, "printer-state-reasons",
                                                         IPP_TAG_KEYWORD));
  attr = ippFindAttribute (response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  status->accepting = attr == NULL || ippGetBoolean (attr, 0);
  ippDelete (response);
  status_set_message (status);
  return TRUE;
}

LanyardPrinterStatus *
lanyard_printer_get_status (const char *queue_or_uri,
                            guint       timeout_seconds,
                            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Target) t = NULL;
  g_autoptr(LanyardPrinterStatus) status = g_new0 (LanyardPrinterStatus, 1);

  status->name = g_strdup (queue_or_uri);
  status->uri = g_strdup (queue_or_uri);
  t = target_open (queue_or_uri, TRUE, deadline_in (timeout_seconds), &local_error);
  if (t == NULL)
    {
      if (g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND)
          || !is_uri (queue_or_uri))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      status->state = LANYARD_PRINTER_UNREACHABLE;
      status->reasons = g_new0 (char *, 1);
      status_set_message (status);
      return g_steal_pointer (&status);
    }

  if (!is_uri (queue_or_uri))
    {
      const char *device = cupsGetOption ("device-uri", t->dest->num_options, t->dest->options);
      g_free (status->name);
      status->name = g_strdup (t->dest->name);
      g_free (status->uri);
      status->uri = g_strdup (device != NULL ? device : t->printer_uri);
      status->is_default = t->dest->is_default;
    }
  status_set_kind (status, t->http, t->dest, t->info);
  if (!target_query_printer (t, status))
    {
      if (!is_uri (queue_or_uri))
        {
          set_service_unreachable (error);
          return NULL;
        }
      status->state = LANYARD_PRINTER_UNREACHABLE;
      if (status->reasons == NULL)
        status->reasons = g_new0 (char *, 1);
      status_set_message (status);
    }
  return g_steal_pointer (&status);
}

/* ------------------------------------------------------------------ */
/* Submitting                                                           */

/* A size made to measure (a roll: the badge's own length), when the
 * printer lists a custom range (custom_min_… and custom_max_… in
 * media-supported; a PPD's CustomPageSize) that holds w × h (1/100 mm).
 * libcups' own lookup by size does not offer these for a PPD's range. */
static char *
custom_media (Target *t,
              int     w,
              int     h)
{
  ipp_attribute_t *attr = cupsFindDestSupported (t->http, t->dest, t->info, "media");
  int min_w = -1, min_h = -1, max_w = -1, max_h = -1;
  char keyword[256];

  for (int i = 0; attr != NULL && i < ippGetCount (attr); i++)
    {
      const char *value = ippGetString (attr, i, NULL);
      /* pwgMediaForPWG answers custom sizes in one buffer a thread: read
       * each at once. */
      pwg_media_t *size = value != NULL && g_str_has_prefix (value, "custom_m") ? pwgMediaForPWG (value) : NULL;

      if (size == NULL)
        continue;
      if (g_str_has_prefix (value, "custom_min_"))
        {
          min_w = size->width;
          min_h = size->length;
        }
      else if (g_str_has_prefix (value, "custom_max_"))
        {
          max_w = size->width;
          max_h = size->length;
        }
    }
  if (min_w < 0 || max_w < 0 || w < min_w || w > max_w || h < min_h || h > max_h)
    return NULL;
  if (!pwgFormatSizeName (keyword, sizeof keyword, "custom", NULL, w, h, NULL))
    return NULL;
  return g_strdup (keyword);
}

/* Picks the media the printer offers for the document's size (within
 * 1 mm, either way round): a size it lists (a label printer's
 * "w288h216"), else one it makes to measure (a roll). *out_media NULL =
 * the printer's default, when no size is asked for, the printer lists
 * none, or a colour printer lacks it. FALSE when nothing fits on a
 * monochrome printer: the badge is not scaled onto other labels. */
static gboolean
choose_media (Target  *t,
              double   width_pt,
              double   height_pt,
              char   **out_media,
              GError **error)
{
  cups_size_t size;
  int w = (int) (width_pt * 2540.0 / 72.0 + 0.5);
  int h = (int) (height_pt * 2540.0 / 72.0 + 0.5);
  int n, best = -1, best_off = G_MAXINT;
  ipp_attribute_t *attr;
  g_autofree char *w_text = NULL;
  g_autofree char *h_text = NULL;

  *out_media = NULL;
  if (width_pt <= 0 || height_pt <= 0)
    return TRUE;
  n = cupsGetDestMediaCount (t->http, t->dest, t->info, CUPS_MEDIA_FLAGS_DEFAULT);
  for (int i = 0; i < n; i++)
    {
      int off;

      memset (&size, 0, sizeof size);
      if (!cupsGetDestMediaByIndex (t->http, t->dest, t->info, i, CUPS_MEDIA_FLAGS_DEFAULT, &size))
        continue;
      /* The same way round is better than turned. */
      off = MIN (ABS (size.width - w) + ABS (size.length - h),
                 ABS (size.width - h) + ABS (size.length - w) + 1);
      if (off <= 100 && off < best_off)
        {
          best = i;
          best_off = off;
        }
    }
  memset (&size, 0, sizeof size);
  if ((best >= 0 && cupsGetDestMediaByIndex (t->http, t->dest, t->info, best, CUPS_MEDIA_FLAGS_DEFAULT, &size))
      || cupsGetDestMediaBySize (t->http, t->dest, t->info, w, h, CUPS_MEDIA_FLAGS_DEFAULT, &size)
      || cupsGetDestMediaBySize (t->http, t->dest, t->info, h, w, CUPS_MEDIA_FLAGS_DEFAULT, &size))
    {
      *out_media = g_strdup (size.media);
      return TRUE;
    }
  if ((*out_media = custom_media (t, w, h)) != NULL)
    return TRUE;
  /* A colour (office) printer without the size still prints the badge on
   * its default paper, as before; a monochrome label printer would put it
   * on labels of another size, scaled. */
  attr = cupsFindDestSupported (t->http, t->dest, t->info, "color");
  if (n == 0 || attr == NULL || ippGetBoolean (attr, 0))
    {
      g_debug ("%s lists no media of %d×%d (1/100 mm); using its default", t->label, w, h);
      return TRUE;
    }
  w_text = g_strdup_printf ("%.4g", width_pt / 72.0 * 25.4);
  h_text = g_strdup_printf ("%.4g", height_pt / 72.0 * 25.4);
  /* TRANSLATORS: the printer's name, then the badge's width and height in mm. */
  g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
               _("The printer “%s” has no labels of %s × %s mm for this badge: load labels of that size, "
                 "or choose a badge template that fits the printer's labels"),
               t->label, w_text, h_text);
  return FALSE;
}

/* Sends pdf_path with media (NULL = the printer's default) and copies. */
static gboolean
target_submit (Target     *t,
               const char *pdf_path,
               const char *title,
               const char *media,
               int         copies,
               int        *out_job_id,
               GError    **error)
{
  g_autofree char *copies_text = g_strdup_printf ("%d", copies > 0 ? copies : 1);
  g_autofree char *basename = g_path_get_basename (pdf_path);
  cups_option_t *options = NULL;
  int num_options = 0;
  int job_id = 0;
  ipp_status_t ipp_status;
  http_status_t http_status;
  FILE *fp;
  char buffer[65536];
  size_t n;
  gboolean ok = TRUE, late;

  fp = g_fopen (pdf_path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                   _("The document to print is missing (%s: %s)"), pdf_path, g_strerror (saved));
      return FALSE;
    }

  if (media != NULL)
    num_options = cupsAddOption (CUPS_MEDIA, media, num_options, &options);
  num_options = cupsAddOption (CUPS_COPIES, copies_text, num_options, &options);

  /* A printer without a spooler answers "busy" while it finishes the
   * previous job (also one just cancelled): try again until the deadline. */
  for (;;)
    {
      ipp_status = cupsCreateDestJob (t->http, t->dest, t->info, &job_id, title, num_options, options);
      if (ipp_status != IPP_STATUS_ERROR_BUSY || g_get_monotonic_time () >= t->bound.deadline)
        break;
      g_usleep (BUSY_RETRY_US);
    }
  if (ipp_status > IPP_STATUS_OK_CONFLICTING || job_id <= 0)
    {
      if (ipp_status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
        set_cups_error (error, LANYARD_ERROR_PRINTER, _("The printer is not accepting jobs"));
      else
        set_cups_error (error, LANYARD_ERROR_PRINTER, _("The printer refused the job"));
      ok = FALSE;
      goto out;
    }

  /* From here on CUPS has a job: its id goes back also when the document
   * fails, for the record. The job is cancelled then, but a cancel can
   * come too late (the document whole at cupsd, the answer lost to a
   * timeout): a retry must first ask what became of it, not send the
   * badge again blind. */
  *out_job_id = job_id;
  http_status = cupsStartDestDocument (t->http, t->dest, t->info, job_id, basename,
                                       CUPS_FORMAT_PDF, 0, NULL, 1);
  if (http_status != HTTP_STATUS_CONTINUE)
    {
      set_cups_error (error, LANYARD_ERROR_PRINTER, _("The printer refused the document"));
      cupsCancelDestJob (t->http, t->dest, job_id);
      ok = FALSE;
      goto out;
    }
  while ((n = fread (buffer, 1, sizeof buffer, fp)) > 0)
    {
      if (cupsWriteRequestData (t->http, buffer, n) != HTTP_STATUS_CONTINUE)
        {
          ok = FALSE;
          break;
        }
      /* Tests: the program killed while the document is on its way. */
      if (g_strcmp0 (g_getenv ("LANYARD_PRINT_TEST_EXIT_AFTER"), "document") == 0)
        _exit (137);
    }
  /* Tests: the document's end slow to arrive (cupsd holds the job as
   * "job-incoming" meanwhile), and the program killed once it has. */
  late = g_strcmp0 (g_getenv ("LANYARD_PRINT_TEST_EXIT_AFTER"), "late-document") == 0;
  if (late)
    g_usleep (3 * G_USEC_PER_SEC);
  if (cupsFinishDestDocument (t->http, t->dest, t->info) > IPP_STATUS_OK_CONFLICTING)
    ok = FALSE;
  if (late)
    _exit (137);
  /* Tests: the document whole at cupsd, its answer lost (a timeout on a
   * loaded machine): taken for a failure once the badge is out. */
  if (g_strcmp0 (g_getenv ("LANYARD_PRINT_TEST_EXIT_AFTER"), "lost-answer") == 0)
    {
      g_usleep (4 * G_USEC_PER_SEC);
      ok = FALSE;
    }
  if (!ok)
    {
      set_cups_error (error, LANYARD_ERROR_PRINTER, _("Sending the document to the printer failed"));
      cupsCancelDestJob (t->http, t->dest, job_id);
      goto out;
    }

out:
  cupsFreeOptions (num_options, options);
  fclose (fp);
  return ok;
}

gboolean
lanyard_print_submit_only (const char *queue_or_uri,
                           const char *pdf_path,
                           double      width_pt,
                           double      height_pt,
                           int        *out_cups_job_id,
                           GError    **error)
{
  g_autoptr(Target) t = target_open (queue_or_uri, TRUE, deadline_in (30), error);
  g_autofree char *media = NULL;

  if (t == NULL)
    return FALSE;
  if (!choose_media (t, width_pt, height_pt, &media, error))
    return FALSE;
  return target_submit (t, pdf_path, "Lanyard", media, 1, out_cups_job_id, error);
}

/* ------------------------------------------------------------------ */
/* Following                                                            */

typedef struct {
  int    state;        /* ipp_jstate_t, 0 = unknown */
  int    impressions;  /* job-impressions-completed, 0 if not said */
  GStrv  reasons;
  char  *message;
} JobInfo;

static void
job_info_clear (JobInfo *info)
{
  g_clear_pointer (&info->reasons, g_strfreev);
  g_clear_pointer (&info->message, g_free);
  info->state = 0;
  info->impressions = 0;
}

static gboolean
target_query_job (Target  *t,
                  int      job_id,
                  JobInfo *info)
{
  static const char * const wanted[] = { "job-state", "job-state-reasons", "job-state-message",
                                         "job-impressions-completed" };
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *attr;

  job_info_clear (info);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, t->printer_uri);
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, (const char **) wanted);
  response = cupsDoRequest (t->http, request, t->resource);
  if (response == NULL || ippGetStatusCode (response) > IPP_STATUS_OK_CONFLICTING)
    {
      t->unanswered = response == NULL || ippGetStatusCode (response) != IPP_STATUS_ERROR_NOT_FOUND;
      ippDelete (response);
      return FALSE;
    }
  attr = ippFindAttribute (response, "job-state", IPP_TAG_ENUM);
  info->state = attr != NULL ? ippGetInteger (attr, 0) : 0;
  attr = ippFindAttribute (response, "job-impressions-completed", IPP_TAG_INTEGER);
  info->impressions = attr != NULL ? ippGetInteger (attr, 0) : 0;
  info->reasons = reasons_from_attr (ippFindAttribute (response, "job-state-reasons", IPP_TAG_KEYWORD));
  attr = ippFindAttribute (response, "job-state-message", IPP_TAG_TEXT);
  if (attr != NULL && ippGetString (attr, 0, NULL) != NULL && *ippGetString (attr, 0, NULL) != '\0')
    info->message = g_strdup (ippGetString (attr, 0, NULL));
  ippDelete (response);
  return TRUE;
}

static void
target_cancel_job (Target *t,
                   int     job_id)
{
  /* Also after the deadline: a job given up on must not print later. */
  t->bound.deadline = MAX (t->bound.deadline, g_get_monotonic_time () + CANCEL_GRACE_US);
  if (cupsCancelDestJob (t->http, t->dest, job_id) > IPP_STATUS_OK_CONFLICTING)
    g_debug ("cancelling job %d on %s: %s", job_id, t->label, cupsLastErrorString ());
  /* Tests: the program killed the moment a job was cancelled at CUPS. */
  if (g_strcmp0 (g_getenv ("LANYARD_PRINT_TEST_EXIT_AFTER"), "cancel") == 0)
    _exit (137);
}

/* The printer only needs labels or paper: what it holds prints once
 * it is refilled. */
static gboolean
printer_needs_media (const LanyardPrinterStatus *printer)
{
  for (guint i = 0; printer->reasons != NULL && printer->reasons[i] != NULL; i++)
    if (g_str_has_prefix (printer->reasons[i], "media-empty")
        || g_str_has_prefix (printer->reasons[i], "media-needed"))
      return TRUE;
  return FALSE;
}

static void
job_set_final (LanyardPrintJob *job,
               LanyardJobState  state,
               const char      *message)
{
  job->state = state;
  g_free (job->error);
  job->error = g_strdup (message);
}

/* The job's name at CUPS: the record's id and uuid, so that Lanyard can
 * find the job again when it stopped (killed, power cut) before it heard
 * CUPS' job id. */
static char *
job_title (const LanyardPrintJob *job)
{
  return g_strdup_printf ("Lanyard %s %" G_GINT64_FORMAT " %s", job->document != NULL ? job->document : "document",
                          job->id, job->uuid != NULL ? job->uuid : "");
}

/* The newest job named title on t, 0 if none. */
static int
target_job_by_title (Target     *t,
                     const char *title)
{
  static const char * const wanted[] = { "job-id", "job-name" };
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOBS);
  ipp_t *response;
  int found = 0;
  int id = 0;
  gboolean named = FALSE;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, t->printer_uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", NULL, "all");
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, (const char **) wanted);
  response = cupsDoRequest (t->http, request, t->resource);
  if (response == NULL || ippGetStatusCode (response) > IPP_STATUS_OK_CONFLICTING)
    {
      t->unanswered = TRUE;
      ippDelete (response);
      return 0;
    }
  /* one group of attributes a job, in any order, between separators */
  for (ipp_attribute_t *a = ippFirstAttribute (response); ; a = ippNextAttribute (response))
    {
      if (a == NULL || ippGetName (a) == NULL)
        {
          if (named && id > found)
            found = id;
          id = 0;
          named = FALSE;
          if (a == NULL)
            break;
          continue;
        }
      if (ippGetGroupTag (a) != IPP_TAG_JOB)
        continue;
      if (g_strcmp0 (ippGetName (a), "job-id") == 0)
        id = ippGetInteger (a, 0);
      else if (g_strcmp0 (ippGetName (a), "job-name") == 0)
        named = g_strcmp0 (ippGetString (a, 0, NULL), title) == 0;
    }
  ippDelete (response);
  return found;
}

/* What the printer behind a cupsd queue holds of a job. cupsd stopped
 * mid-job (an update, a restart) takes the job back as pending and sends
 * it again one day, while the printer still has, or has printed, the copy
 * it was sent: only the printer can tell. */
typedef enum {
  COPY_UNKNOWN,  /* not an IPP printer, not answering, or no such job there */
  COPY_HELD,     /* the printer has it and has not finished: it will come out */
  COPY_PRINTED,  /* it came out (or some of it did) */
  COPY_DROPPED,  /* the printer cancelled or aborted it with nothing out */
} PrinterCopy;

/* For the debug lines that tell a drill's failure story. */
static const char *
printer_copy_to_string (PrinterCopy copy)
{
  switch (copy)
    {
    case COPY_HELD:
      return "held";
    case COPY_PRINTED:
      return "printed";
    case COPY_DROPPED:
      return "dropped";
    case COPY_UNKNOWN:
    default:
      return "unknown";
    }
}

static PrinterCopy
printer_copy (Target                *t,
              const LanyardPrintJob *job)
{
  g_autoptr(Target) printer = NULL;
  g_autofree char *title = NULL;
  const char *device;
  JobInfo info = { 0, 0, NULL, NULL };
  PrinterCopy copy = COPY_UNKNOWN;
  int id;

  if (t->is_device || t->dest == NULL)
    return COPY_UNKNOWN;
  device = cupsGetOption ("device-uri", t->dest->num_options, t->dest->options);
  if (device == NULL || !(g_str_has_prefix (device, "ipp://") || g_str_has_prefix (device, "ipps://")))
    return COPY_UNKNOWN;
  printer = target_open (device, FALSE, t->bound.deadline, NULL);
  if (printer == NULL)
    return COPY_UNKNOWN;
  title = job_title (job);
  id = target_job_by_title (printer, title);
  if (id <= 0 || !target_query_job (printer, id, &info))
    return COPY_UNKNOWN;
  switch (info.state)
    {
    case IPP_JSTATE_COMPLETED:
      copy = COPY_PRINTED;
      break;
    case IPP_JSTATE_CANCELED:
    case IPP_JSTATE_ABORTED:
      copy = info.impressions > 0 ? COPY_PRINTED : COPY_DROPPED;
      break;
    default:
      copy = COPY_HELD;
      break;
    }
  job_info_clear (&info);
  return copy;
}

/* Follows job->cups_job_id until a final state; TRUE if it timed out.
 * Stops following when the printer is stopped or reports an error for two
 * polls in a row, on timeout and on cancellation. One print request comes
 * out at most once: a job that reached the printer (or waits only for
 * labels or paper) may still come out once the printer is seen to, so it
 * is left there, never cancelled, and stays SUBMITTED with the reason in
 * job->error; a retry finds it (reconcile) instead of sending another. A
 * job that never left a stopped queue is cancelled and FAILED: a retry is
 * then the only copy. A job cupsd took back when it was restarted, of
 * which the printer holds the first copy, is cancelled at cupsd and the
 * printer's copy followed instead (from the start when printer_only). */
static gboolean
follow_job (Target          *t,
            LanyardPrintJob *job,
            gboolean         printer_only,
            GCancellable    *cancellable)
{
  gint64 deadline = t->bound.deadline;
  int error_polls = 0;
  int unanswered = 0;
  gboolean timed_out = FALSE;
  gboolean processed = FALSE;   /* cupsd was seen sending it */
  gboolean at_printer = printer_only;  /* only the printer's copy is left to follow */
  JobInfo info = { 0, 0, NULL, NULL };

  for (;;)
    {
      g_autoptr(LanyardPrinterStatus) printer = g_new0 (LanyardPrinterStatus, 1);

      if (at_printer)
        {
          PrinterCopy copy = printer_copy (t, job);

          if (copy == COPY_PRINTED)
            {
              job_set_final (job, LANYARD_JOB_COMPLETED, NULL);
              break;
            }
          if (copy == COPY_DROPPED)
            {
              job_set_final (job, LANYARD_JOB_FAILED, _("The printer could not print it"));
              break;
            }
        }
      else if (target_query_job (t, job->cups_job_id, &info))
        {
          unanswered = 0;
          if (info.state == IPP_JSTATE_PROCESSING)
            processed = TRUE;
          else if (processed && (info.state == IPP_JSTATE_PENDING || info.state == IPP_JSTATE_HELD))
            {
              /* cupsd took it back (it was restarted): it would send a
               * second copy one day, while the printer has the first. */
              PrinterCopy copy = printer_copy (t, job);

              if (copy == COPY_PRINTED || copy == COPY_HELD)
                {
                  target_cancel_job (t, job->cups_job_id);
                  if (copy == COPY_PRINTED)
                    {
                      job_set_final (job, LANYARD_JOB_COMPLETED, NULL);
                      break;
                    }
                  at_printer = TRUE;
                }
            }
          if (info.state == IPP_JSTATE_COMPLETED)
            {
              job_set_final (job, LANYARD_JOB_COMPLETED, NULL);
              break;
            }
          if (info.state == IPP_JSTATE_CANCELED)
            {
              job_set_final (job, LANYARD_JOB_CANCELLED, _("The job was cancelled at the printer"));
              break;
            }
          if (info.state == IPP_JSTATE_ABORTED)
            {
              g_autofree char *why = NULL;
              if (target_query_printer (t, printer))
                why = g_strdup (printer->message);
              if (why == NULL)
                why = lanyard_printer_reasons_to_message ((const char * const *) info.reasons, NULL);
              if (why == NULL)
                why = g_strdup (_("The printer could not print it"));
              job_set_final (job, LANYARD_JOB_FAILED, why);
              break;
            }
        }
      else if (++unanswered >= 8 && !t->is_device)
        {
          /* Two seconds without an answer from cupsd (stuck, or being
           * restarted): it keeps its jobs, and the printer what it was
           * sent, so the badge may still come out. Left queued; what
           * became of it is asked before any retry. */
          job_set_final (job, LANYARD_JOB_SUBMITTED,
                         _("The print service stopped answering: the badge may still come out"));
          break;
        }
      else if (unanswered >= 8)
        {
          /* Two seconds without an answer: the printer is gone. */
          target_cancel_job (t, job->cups_job_id);
          job_set_final (job, LANYARD_JOB_FAILED,
                         _("The printer stopped answering: check that it is on and connected"));
          break;
        }

      /* A cupsd queue keeps the reasons its backend last reported (e.g.
       * media-empty after a cancelled job) until the next job's backend
       * runs: they count only once our job is processing, or when the
       * queue itself is stopped. A printer by URI reports live. */
      if (!at_printer && target_query_printer (t, printer)
          && (printer->state == LANYARD_PRINTER_STOPPED
              || (printer->is_error && printer->message != NULL
                  && (t->is_device || info.state == IPP_JSTATE_PROCESSING))))
        {
          /* Two polls in a row, so a reason that flickers while the printer
           * changes state does not fail a job that would have printed; on a
           * cupsd queue three seconds, the time its backend needs to
           * replace the reasons it left behind with the printer's own. */
          if (++error_polls >= (t->is_device || printer->state == LANYARD_PRINTER_STOPPED
                                ? 2 : 12))
            {
              if (t->is_device || info.state == IPP_JSTATE_PROCESSING || printer_needs_media (printer))
                job_set_final (job, LANYARD_JOB_SUBMITTED,
                               printer->message != NULL ? printer->message : _("The printer is stopped"));
              else
                {
                  target_cancel_job (t, job->cups_job_id);
                  job_set_final (job, LANYARD_JOB_FAILED, printer->message);
                }
              break;
            }
        }
      else
        error_polls = 0;

      if (g_cancellable_is_cancelled (cancellable))
        {
          target_cancel_job (t, job->cups_job_id);
          job_set_final (job, LANYARD_JOB_CANCELLED, _("Printing was cancelled"));
          break;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          /* queued or in the printer: it may still come out */
          job_set_final (job, LANYARD_JOB_SUBMITTED, _("The printer did not finish in time"));
          timed_out = TRUE;
          break;
        }
      g_usleep (POLL_INTERVAL_US);
    }
  job_info_clear (&info);
  return timed_out;
}

/* ------------------------------------------------------------------ */
/* Recorded jobs                                                        */

char *
lanyard_print_dup_kept_dir (void)
{
  const char *env = g_getenv ("LANYARD_PRINT_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_cache_dir (), "lanyard", "print", NULL);
}

char *
lanyard_print_new_kept_path (const char  *document,
                             GError     **error)
{
  g_autofree char *dir = lanyard_print_dup_kept_dir ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", document, uuid);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                   _("The folder for print files, %s, could not be made: %s"), dir, g_strerror (saved));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

/* The PDF must outlive the caller's temporary file for a retry: copy it
 * into the kept directory unless it is already there. */
static char *
keep_pdf (const char *pdf_path,
          GError    **error)
{
  g_autofree char *dir = lanyard_print_dup_kept_dir ();
  g_autofree char *dir_prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (uuid, ".pdf", NULL);
  g_autofree char *dest = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) to = g_file_new_for_path (dest);
  g_autoptr(GError) local_error = NULL;

  if (g_str_has_prefix (pdf_path, dir_prefix))
    return g_strdup (pdf_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                   _("Cannot keep the document for printing (%s: %s)"), dir, g_strerror (saved));
      return NULL;
    }
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                   _("Cannot keep the document for printing (%s)"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&dest);
}

static LanyardPrintJob *
print_job_copy (const LanyardPrintJob *job)
{
  LanyardPrintJob *copy = lanyard_print_job_new ();

  *copy = *job;
  copy->uuid = g_strdup (job->uuid);
  copy->document = g_strdup (job->document);
  copy->queue = g_strdup (job->queue);
  copy->pdf_path = g_strdup (job->pdf_path);
  copy->error = g_strdup (job->error);
  copy->template_name = g_strdup (job->template_name);
  copy->paper = g_strdup (job->paper);
  copy->media = g_strdup (job->media);
  copy->sent_pdf_path = g_strdup (job->sent_pdf_path);
  copy->printed_name = g_strdup (job->printed_name);
  return copy;
}

/* Follows a SUBMITTED job on t and records what became of it: TRUE
 * only when it printed. */
static gboolean
follow_recorded (LanyardStore    *store,
                 Target          *t,
                 LanyardPrintJob *job,
                 gboolean         printer_only,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GError) store_error = NULL;
  gboolean timed_out = follow_job (t, job, printer_only, cancellable);

  if (!lanyard_store_update_print_job (store, job, &store_error))
    {
      g_propagate_error (error, g_steal_pointer (&store_error));
      return FALSE;
    }
  switch (job->state)
    {
    case LANYARD_JOB_COMPLETED:
      return TRUE;
    case LANYARD_JOB_CANCELLED:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, job->error);
      return FALSE;
    default:
      g_set_error_literal (error, LANYARD_ERROR,
                           timed_out ? LANYARD_ERROR_PRINT_TIMEOUT : LANYARD_ERROR_PRINTER,
                           job->error);
      return FALSE;
    }
}

/* Sends an already recorded job's sent_pdf_path and follows it, updating
 * the record at each step. The media is chosen once, by the job's page
 * size, and kept in the record for every retry. The record stays
 * retryable on every failure. */
static gboolean
send_recorded (LanyardStore    *store,
               LanyardPrintJob *job,
               guint            timeout_seconds,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(Target) t = NULL;
  g_autofree char *title = NULL;
  int cups_job_id = 0;

  job->cups_job_id = 0;
  job->state = LANYARD_JOB_PENDING;
  g_clear_pointer (&job->error, g_free);

  /* One deadline for the whole try: finding the printer, sending, following. */
  t = target_open (job->queue, TRUE, deadline_in (timeout_seconds), &local_error);
  title = job_title (job);
  if (t == NULL
      || (job->media == NULL && !choose_media (t, job->width_pt, job->height_pt, &job->media, &local_error))
      || !target_submit (t, job->sent_pdf_path, title, job->media, job->copies, &cups_job_id, &local_error))
    {
      /* failed, with the CUPS job if one was made: a retry asks about it */
      job->cups_job_id = cups_job_id;
      g_debug ("job %" G_GINT64_FORMAT " (CUPS job %d): not sent: %s", job->id, cups_job_id, local_error->message);
      job_set_final (job, LANYARD_JOB_FAILED, local_error->message);
      if (!lanyard_store_update_print_job (store, job, &store_error))
        g_warning ("print job %" G_GINT64_FORMAT " not updated: %s", job->id, store_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Tests: the program killed the moment CUPS took the copy. */
  if (g_strcmp0 (g_getenv ("LANYARD_PRINT_TEST_EXIT_AFTER"), "submit") == 0)
    _exit (137);

  job->cups_job_id = cups_job_id;
  job->state = LANYARD_JOB_SUBMITTED;
  if (job->queue == NULL)
    job->queue = g_strdup (t->label);
  if (!lanyard_store_update_print_job (store, job, &store_error))
    g_warning ("print job %" G_GINT64_FORMAT " not updated: %s", job->id, store_error->message);
  g_clear_error (&store_error);

  return follow_recorded (store, t, job, FALSE, cancellable, error);
}

gboolean
lanyard_print_job_run_sync (LanyardStore    *store,
                            LanyardPrintJob *job,
                            double           width_pt,
                            double           height_pt,
                            guint            timeout_seconds,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autofree char *kept = NULL;

  g_return_val_if_fail (LANYARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (job != NULL && job->pdf_path != NULL, FALSE);

  kept = keep_pdf (job->pdf_path, error);
  if (kept == NULL)
    return FALSE;
  g_free (job->pdf_path);
  job->pdf_path = g_steal_pointer (&kept);
  g_free (job->sent_pdf_path);
  job->sent_pdf_path = g_strdup (job->pdf_path);
  if (width_pt > 0 && height_pt > 0)
    {
      job->width_pt = width_pt;
      job->height_pt = height_pt;
    }
  job->state = LANYARD_JOB_PENDING;
  job->cups_job_id = 0;
  g_clear_pointer (&job->error, g_free);
  /* Recorded before anything is sent: a crash or power cut from here on
   * leaves a PENDING record with its PDF, which the staff desk can retry. */
  if (!lanyard_store_add_print_job (store, job, error))
    return FALSE;
  return send_recorded (store, job, timeout_seconds, cancellable, error);
}

/* What became of a recorded job's CUPS job. */
typedef enum {
  RECONCILE_ERROR,    /* CUPS or the store could not be asked: error set */
  RECONCILE_PRINTED,  /* it came out (or some of it did): COMPLETED */
  RECONCILE_WAITING,  /* CUPS or the printer still holds it: SUBMITTED; error set */
  RECONCILE_SEND,     /* nothing came out or can: send it again */
} Reconciled;

/* How long a job may stay "job-incoming" at cupsd before it is taken
 * for one whose document will never arrive. */
#define INCOMING_GRACE_SECONDS 10

/* How long after a send with no job id heard back a job of its name may
 * still appear at cupsd (reconcile ()). */
#define SEND_GRACE_SECONDS 10

/* Held at cupsd as "job-incoming": its document has not all arrived. */
static gboolean
is_incoming (const JobInfo *info)
{
  return info->state == IPP_JSTATE_HELD && info->reasons != NULL
         && g_strv_contains ((const char * const *) info->reasons, "job-incoming");
}

/* Whether job_id is still held at cupsd as "job-incoming" after
 * grace_seconds, asked every half second; info holds what cupsd said last.
 * A program killed just after writing the last of its document leaves
 * cupsd reading it for a while: cancelled then, the job still came out,
 * and the badge was sent again (gui-kills, twice in 100 kills). */
static gboolean
still_incoming_after (Target  *t,
                      int      job_id,
                      JobInfo *info,
                      guint    grace_seconds)
{
  for (guint i = 0; i < grace_seconds * 2; i++)
    {
      g_usleep (G_USEC_PER_SEC / 2);
      job_info_clear (info);
      if (!target_query_job (t, job_id, info))
        return FALSE;
      if (!is_incoming (info))
        return FALSE;
    }
  return TRUE;
}

/* Asks CUPS about job's CUPS job (by its id, or by its name when Lanyard
 * stopped before it heard the id) and records the answer. One still held
 * is followed until the deadline when follow is set. */
static Reconciled
reconcile (LanyardStore    *store,
           LanyardPrintJob *job,
           gboolean         follow,
           guint            timeout_seconds,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(Target) t = NULL;
  JobInfo info = { 0, 0, NULL, NULL };
  Reconciled reconciled = RECONCILE_SEND;

  t = target_open (job->queue, TRUE, deadline_in (timeout_seconds), error);
  if (t == NULL)
    return RECONCILE_ERROR;
  if (job->cups_job_id <= 0)
    {
      g_autofree char *title = job_title (job);

      job->cups_job_id = target_job_by_title (t, title);
      /* Sent a moment ago by a program stopped before it heard back: its
       * request may still be on its way into cupsd, which then makes the
       * job after this question (once a start asked 2.9 s after such a
       * send, found none, sent the badge again, and both printed). Asked
       * again until the send is SEND_GRACE_SECONDS old. */
      while (job->cups_job_id <= 0 && !t->unanswered && !g_cancellable_is_cancelled (cancellable)
             && g_get_real_time () - job->updated_at < SEND_GRACE_SECONDS * G_USEC_PER_SEC)
        {
          g_usleep (G_USEC_PER_SEC / 2);
          job->cups_job_id = target_job_by_title (t, title);
        }
      g_debug ("job %" G_GINT64_FORMAT ": no CUPS job recorded; by its name “%s”, CUPS job %d%s (sent %.1f s ago)",
               job->id, title, job->cups_job_id, t->unanswered ? " (cupsd did not answer)" : "",
               (g_get_real_time () - job->updated_at) / 1e6);
    }
  if (job->cups_job_id > 0 && target_query_job (t, job->cups_job_id, &info))
    {
      /* What the printer behind the queue says counts first: cupsd
       * restarted mid-job keeps a pending job it would send again, and a
       * job Lanyard cancelled at cupsd for that reason is the printer's. */
      PrinterCopy copy = COPY_UNKNOWN;

      /* Created at cupsd, its document never arrived whole: the program
       * that sent it was stopped on the way. cupsd holds such a job
       * ("job-incoming") and nothing of it can print; left there it was
       * followed until the timeout at every start, and the badges waiting
       * behind it were never asked about. Cancelled, so that no part of
       * it ever prints, and sent again — unless the printer behind the
       * queue has a copy of it after all (then it is followed, below). */
      if (is_incoming (&info)
          && still_incoming_after (t, job->cups_job_id, &info, INCOMING_GRACE_SECONDS)
          && (copy = printer_copy (t, job)) != COPY_HELD && copy != COPY_PRINTED)
        {
          g_debug ("job %" G_GINT64_FORMAT " (CUPS job %d): its document never arrived whole; cancelled",
                   job->id, job->cups_job_id);
          target_cancel_job (t, job->cups_job_id);
          job_info_clear (&info);
          if (target_query_job (t, job->cups_job_id, &info) && info.state == IPP_JSTATE_CANCELED)
            info.state = IPP_JSTATE_ABORTED;  /* nothing came out: sent again */
        }
      if (copy == COPY_UNKNOWN && info.state != IPP_JSTATE_COMPLETED && info.state != IPP_JSTATE_ABORTED)
        copy = printer_copy (t, job);
      gboolean printer_only = copy == COPY_HELD && info.state != IPP_JSTATE_PROCESSING;
      g_debug ("job %" G_GINT64_FORMAT " (CUPS job %d): CUPS says %s, %d impressions; the printer's copy %s",
               job->id, job->cups_job_id, ippEnumString ("job-state", info.state), info.impressions,
               printer_copy_to_string (copy));

      if (copy == COPY_PRINTED || (printer_only && info.state == IPP_JSTATE_PENDING))
        target_cancel_job (t, job->cups_job_id);
      if (copy == COPY_PRINTED)
        info.state = IPP_JSTATE_COMPLETED;
      else if (copy == COPY_HELD)
        info.state = IPP_JSTATE_PROCESSING;
      switch (info.state)
        {
        case IPP_JSTATE_COMPLETED:
          job_set_final (job, LANYARD_JOB_COMPLETED, NULL);
          reconciled = RECONCILE_PRINTED;
          break;
        case IPP_JSTATE_CANCELED:
        case IPP_JSTATE_ABORTED:
          if (info.impressions > 0)
            {
              job_set_final (job, LANYARD_JOB_COMPLETED, NULL);
              reconciled = RECONCILE_PRINTED;
            }
          else if (job->state != LANYARD_JOB_FAILED)
            job_set_final (job, LANYARD_JOB_FAILED, info.state == IPP_JSTATE_CANCELED
                                                    ? _("The job was cancelled at the printer")
                                                    : _("The printer could not print it"));
          break;
        default:
          /* pending, held, processing, stopped: it may still come out */
          job->state = LANYARD_JOB_SUBMITTED;
          if (follow)
            {
              job_info_clear (&info);
              if (follow_recorded (store, t, job, printer_only, cancellable, error))
                return RECONCILE_PRINTED;
              return job->state == LANYARD_JOB_SUBMITTED ? RECONCILE_WAITING : RECONCILE_ERROR;
            }
          if (job->error == NULL)
            job->error = g_strdup (_("The badge is still at the printer"));
          reconciled = RECONCILE_WAITING;
          break;
        }
    }
  else if (t->unanswered)
    {
      /* Not "no such job": CUPS did not answer the question. Recorded as
       * failed here, the badge would be sent again while the first copy may
       * still come out (a badge twice); the record stays as it is, to be
       * asked again. */
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER,
                           _("The print service stopped answering: the badge may still come out"));
      return RECONCILE_ERROR;
    }
  else if (job->state == LANYARD_JOB_PENDING || job->state == LANYARD_JOB_SUBMITTED)
    {
      /* CUPS knows nothing of it: it was never sent, or is long gone. The
       * printer behind the queue is asked too, by the job's name: once a
       * start after a kill found no job of the killed kiosk's badge at
       * cupsd, sent it again, and the printer printed both (gui-kills). */
      PrinterCopy copy = printer_copy (t, job);

      g_debug ("job %" G_GINT64_FORMAT " (CUPS job %d): CUPS has no such job; the printer's copy %s", job->id,
               job->cups_job_id, printer_copy_to_string (copy));
      if (copy == COPY_PRINTED)
        {
          job_set_final (job, LANYARD_JOB_COMPLETED, NULL);
          reconciled = RECONCILE_PRINTED;
        }
      else if (copy == COPY_HELD)
        {
          /* it comes out by itself: asked again at the next retry */
          job->state = LANYARD_JOB_SUBMITTED;
          if (job->error == NULL)
            job->error = g_strdup (_("The badge is still at the printer"));
          reconciled = RECONCILE_WAITING;
        }
      else
        job_set_final (job, LANYARD_JOB_FAILED, _("The printer has no record of this job"));
    }
  job_info_clear (&info);
  if (!lanyard_store_update_print_job (store, job, error))
    return RECONCILE_ERROR;
  if (reconciled == RECONCILE_WAITING)
    g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER, job->error);
  return reconciled;
}

gboolean
lanyard_print_job_reconcile_sync (LanyardStore     *store,
                                  gint64            job_id,
                                  guint             timeout_seconds,
                                  LanyardPrintJob **out_job,
                                  GError          **error)
{
  g_autoptr(LanyardPrintJob) job = lanyard_store_get_print_job (store, job_id, error);
  g_autoptr(GError) local_error = NULL;

  if (out_job != NULL)
    *out_job = NULL;
  if (job == NULL)
    return FALSE;
  if (job->state == LANYARD_JOB_PENDING || job->state == LANYARD_JOB_SUBMITTED
      || (job->state == LANYARD_JOB_FAILED && job->cups_job_id > 0))
    {
      if (reconcile (store, job, FALSE, timeout_seconds, NULL, &local_error) == RECONCILE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (out_job != NULL)
    *out_job = g_steal_pointer (&job);
  return TRUE;
}

gboolean
lanyard_print_job_retry_sync (LanyardStore           *store,
                              gint64                  job_id,
                              const char             *queue,
                              gboolean                force,
                              LanyardPrintRedrawFunc  redraw,
                              guint                   timeout_seconds,
                              GCancellable           *cancellable,
                              LanyardPrintJob       **out_job,
                              GError                **error)
{
  g_autoptr(LanyardPrintJob) job = lanyard_store_get_print_job (store, job_id, error);
  g_autoptr(LanyardPrintJob) drawn = NULL;
  g_autofree char *pdf_path = NULL;
  gboolean ok;

  g_return_val_if_fail (redraw != NULL, FALSE);

  if (out_job != NULL)
    *out_job = NULL;
  if (job == NULL)
    return FALSE;
  if (!force && job->state == LANYARD_JOB_COMPLETED)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("Print job %lld was already printed"), (long long) job_id);
      return FALSE;
    }
  /* Before another copy: what became of the first? One that printed, or
   * may still print (at the printer waiting for labels, or queued), is
   * not sent again, only followed; staff asking for a copy (force) skip
   * this. */
  if (!force && (job->state == LANYARD_JOB_PENDING || job->state == LANYARD_JOB_SUBMITTED
                 || (job->state == LANYARD_JOB_FAILED && job->cups_job_id > 0)))
    {
      Reconciled reconciled = reconcile (store, job, TRUE, timeout_seconds, cancellable, error);

      if (reconciled != RECONCILE_SEND)
        {
          if (out_job != NULL)
            *out_job = g_steal_pointer (&job);
          return reconciled == RECONCILE_PRINTED;
        }
      if (queue != NULL)
        {
          g_free (job->queue);
          job->queue = g_strdup (queue);
        }
    }
  if (queue != NULL)
    {
      g_free (job->queue);
      job->queue = g_strdup (queue);
    }
  g_debug ("job %" G_GINT64_FORMAT " (CUPS job %d, %s): sent%s", job->id, job->cups_job_id,
           lanyard_job_state_to_string (job->state), force ? " as a copy staff asked for" : "");
  /* The kept PDF is what the first try printed, evidence only: the badge
   * may have been replaced (its old QR is refused at every door), the name
   * corrected, the registration cancelled since. The document is drawn
   * again from what the store says now, on the job's template or paper;
   * the record says what this try printed. A refusal leaves the record as
   * it was. */
  pdf_path = lanyard_print_new_kept_path (job->document != NULL ? job->document : "document", error);
  drawn = print_job_copy (job);
  if (pdf_path == NULL || !redraw (store, drawn, pdf_path, error))
    {
      if (pdf_path != NULL)
        g_unlink (pdf_path);
      if (out_job != NULL)
        *out_job = g_steal_pointer (&job);
      return FALSE;
    }
  g_free (drawn->sent_pdf_path);
  drawn->sent_pdf_path = g_steal_pointer (&pdf_path);
  /* Recorded as about to be sent before it is, as a first try is: killed
   * once CUPS has this copy, a record left failed would never be asked
   * about again and the copy would print unrecorded (or, printed again by
   * hand, twice); one left pending is looked up by its name at the next
   * start. */
  drawn->state = LANYARD_JOB_PENDING;
  drawn->cups_job_id = 0;
  g_clear_pointer (&drawn->error, g_free);
  if (!lanyard_store_update_print_job (store, drawn, error))
    {
      if (out_job != NULL)
        *out_job = g_steal_pointer (&job);
      return FALSE;
    }
  ok = send_recorded (store, drawn, timeout_seconds, cancellable, error);
  if (out_job != NULL)
    *out_job = g_steal_pointer (&drawn);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Async: the worker opens its own store connection                     */

typedef struct {
  char            *db_path;
  LanyardPrintJob *job;
  gint64           job_id;   /* retry */
  char            *queue;    /* retry */
  gboolean         force;
  gboolean         retry;
  LanyardPrintRedrawFunc redraw;
  double           width_pt;
  double           height_pt;
  guint            timeout_seconds;
  GError          *error;    /* failure, the job record being set too */
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->db_path);
  lanyard_print_job_free (data->job);
  g_free (data->queue);
  g_clear_error (&data->error);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(LanyardStore) store = NULL;
  GError *error = NULL;

  store = lanyard_store_open (data->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->retry)
    {
      LanyardPrintJob *job = NULL;
      lanyard_print_job_retry_sync (store, data->job_id, data->queue, data->force, data->redraw,
                                    data->timeout_seconds, cancellable, &job, &data->error);
      data->job = job;
    }
  else
    lanyard_print_job_run_sync (store, data->job, data->width_pt, data->height_pt,
                                data->timeout_seconds, cancellable, &data->error);
  g_task_return_boolean (task, TRUE);
}

static void
start_task (LanyardStore        *store,
            RunData             *data,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  data->db_path = g_strdup (lanyard_store_get_path (store));
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  /* The worker gives up on its own timeout and cancels at the printer;
   * GTask must not return early on cancellation, or the record would be
   * left SUBMITTED while the worker still runs. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

static gboolean
finish_task (GAsyncResult     *result,
             gpointer          source_tag,
             LanyardPrintJob **out_job,
             GError          **error)
{
  RunData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (out_job != NULL)
    *out_job = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_job != NULL && data->job != NULL)
    *out_job = print_job_copy (data->job);
  if (data->error != NULL)
    {
      g_propagate_error (error, g_error_copy (data->error));
      return FALSE;
    }
  return TRUE;
}

void
lanyard_print_job_run_async (LanyardStore        *store,
                             LanyardPrintJob     *job,
                             double               width_pt,
                             double               height_pt,
                             guint                timeout_seconds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RunData *data = g_new0 (RunData, 1);

  g_return_if_fail (LANYARD_IS_STORE (store));
  g_return_if_fail (job != NULL && job->pdf_path != NULL);

  data->job = print_job_copy (job);
  data->width_pt = width_pt;
  data->height_pt = height_pt;
  data->timeout_seconds = timeout_seconds;
  start_task (store, data, cancellable, callback, user_data, lanyard_print_job_run_async);
}

gboolean
lanyard_print_job_run_finish (GAsyncResult     *result,
                              LanyardPrintJob **out_job,
                              GError          **error)
{
  return finish_task (result, lanyard_print_job_run_async, out_job, error);
}

void
lanyard_print_job_retry_async (LanyardStore           *store,
                               gint64                  job_id,
                               const char             *queue,
                               gboolean                force,
                               LanyardPrintRedrawFunc  redraw,
                               guint                   timeout_seconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  RunData *data = g_new0 (RunData, 1);

  g_return_if_fail (LANYARD_IS_STORE (store));

  data->retry = TRUE;
  data->job_id = job_id;
  data->queue = g_strdup (queue);
  data->force = force;
  data->redraw = redraw;
  data->timeout_seconds = timeout_seconds;
  start_task (store, data, cancellable, callback, user_data, lanyard_print_job_retry_async);
}

gboolean
lanyard_print_job_retry_finish (GAsyncResult     *result,
                                LanyardPrintJob **out_job,
                                GError          **error)
{
  return finish_task (result, lanyard_print_job_retry_async, out_job, error);
}
