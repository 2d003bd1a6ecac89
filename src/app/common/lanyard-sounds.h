/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two short tones, distinct: success (a code was recognised, a badge is
 * ready) and error (a refusal). Played through GStreamer from the
 * program's resources; a kiosk without a sound device stays silent and
 * otherwise unaffected.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LANYARD_SOUND_SUCCESS,
  LANYARD_SOUND_ERROR,
} LanyardSound;

typedef struct _LanyardSounds LanyardSounds;

LanyardSounds *lanyard_sounds_new  (void);
void           lanyard_sounds_free (LanyardSounds *self);
void           lanyard_sounds_play (LanyardSounds *self,
                                    LanyardSound   sound);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSounds, lanyard_sounds_free)

G_END_DECLS
