/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A pretend camera for machines without a webcam, so a newcomer sees the
 * whole flow: it shows the demo badges' codes in turn, each like a phone
 * screen held up (the QR code centred on white, 1280×720), with an empty
 * frame between codes so each one leaves the view and counts again on the
 * next round.
 *
 * Renders the frames as PNGs into @dir (created if needed; the caller owns
 * it and removes it when done) and returns the source description to give
 * lanyard_camera_new(). @codes: the payloads, as strings (at least one). */
char *lanyard_demo_camera_source_description (GPtrArray   *codes,
                                              const char  *dir,
                                              GError     **error);

/* Seconds each code (and each empty frame) stays in view. */
#define LANYARD_DEMO_CAMERA_SECONDS_PER_FRAME 2

G_END_DECLS
