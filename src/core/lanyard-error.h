/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANYARD_ERROR (lanyard_error_quark ())

/* Codes the UI and the CLI switch on. Messages carried with them are
 * written for a person (translatable), never parsed. */
typedef enum {
  LANYARD_ERROR_FAILED,
  LANYARD_ERROR_DATABASE,            /* SQLite said no; the database is untouched */
  LANYARD_ERROR_DATABASE_TOO_NEW,    /* schema newer than this program */
  LANYARD_ERROR_NO_EVENT,            /* database has no event loaded yet */
  LANYARD_ERROR_NOT_FOUND,           /* no such attendee / session / job */
  LANYARD_ERROR_INVALID_EVENT,       /* event JSON is malformed or incomplete */
  LANYARD_ERROR_PARSE,               /* a file could not be parsed at all */
  LANYARD_ERROR_INVALID_DATA,        /* a value is out of range / malformed */
  LANYARD_ERROR_NO_KEY,              /* badge signing key missing */
  LANYARD_ERROR_BAD_KEY,             /* key file unreadable or wrong size */
  LANYARD_ERROR_NOTHING_TO_CERTIFY,  /* no attendance, no credit */
  LANYARD_ERROR_EVALUATION_REQUIRED, /* evaluation/attestation missing */
  LANYARD_ERROR_PRINTER,             /* printer unreachable or refused a job */
  LANYARD_ERROR_PRINT_TIMEOUT,       /* a job did not finish in time */
  LANYARD_ERROR_RENDER,              /* template or drawing failed */
  LANYARD_ERROR_CAMERA,              /* no camera / camera gone */
  LANYARD_ERROR_PIN_WRONG,
  LANYARD_ERROR_PIN_LOCKED,
  LANYARD_ERROR_PIN_NOT_SET,
  LANYARD_ERROR_BAD_SIGNATURE,       /* a badge code well-formed but not signed by this event's key */
  LANYARD_ERROR_HUB_OFFLINE,         /* the hub cannot be reached, or the connection broke */
  LANYARD_ERROR_HUB_REFUSED,         /* the hub refused this device: password, removed, TLS, privileges */
  LANYARD_ERROR_HUB_TOO_NEW,         /* the hub's schema is newer than this program */
  LANYARD_ERROR_NOT_JOINED,          /* the database follows no hub */
  LANYARD_ERROR_MISSING_ID,          /* a credit type needs an id the registration lacks: the desk */
} LanyardError;

GQuark lanyard_error_quark (void);

G_END_DECLS
