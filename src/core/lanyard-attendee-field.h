/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learner fields staff may set (lanyardctl edit, walk-in, the desk's
 * forms): what each is called, whether it is sensitive (never shown in
 * full), and the check a value must pass. One check per field, each saying
 * what is wrong in words (LANYARD_ERROR_INVALID_DATA). Also the other
 * small checks made wherever text enters: scanned codes, device names.
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

typedef gboolean (*LanyardFieldCheck) (const char  *value,
                                       GError     **error);

typedef struct {
  const char        *key;       /* store column and audit name: "nabp_eprofile" */
  const char        *option;    /* lanyardctl option: "nabp-eprofile" */
  const char        *label;     /* untranslated (N_): "NABP e-Profile ID" */
  gboolean           sensitive; /* shown as "on file" / "missing", never in full */
  gboolean           required;  /* cannot be emptied */
  LanyardFieldCheck  check;     /* NULL: any text */
  /* A value from a list (a drop-down at the desk): the words stored, and
   * what a person reads for each. NULL: free text. */
  const char * const *(*choices)      (void);
  const char         *(*choice_label) (const char *choice);
} LanyardAttendeeField;

const LanyardAttendeeField *lanyard_attendee_fields          (guint                 *n_fields);
const LanyardAttendeeField *lanyard_attendee_field_find      (const char            *key);
char                      **lanyard_attendee_field_slot      (LanyardAttendee       *attendee,
                                                              const char            *key);
const char                 *lanyard_attendee_field_get       (const LanyardAttendee *attendee,
                                                              const char            *key);
void                        lanyard_attendee_field_set       (LanyardAttendee       *attendee,
                                                              const char            *key,
                                                              const char            *value);
/* Every field's key, in the table's order. */
const char * const         *lanyard_attendee_field_keys      (void);
/* The sensitive ones, the ids credit reporting needs: "npi", … */
const char * const         *lanyard_attendee_id_fields       (void);
const char                 *lanyard_attendee_field_shown     (const char            *key,
                                                              const char            *value);
gboolean                    lanyard_attendee_field_check     (const char            *key,
                                                              const char            *value,
                                                              GError               **error);
GStrv                       lanyard_attendee_missing_ids     (const LanyardEvent    *event,
                                                              const LanyardAttendee *attendee);

gboolean lanyard_check_profession    (const char *value, GError **error);
gboolean lanyard_check_yes_no        (const char *value, GError **error);
gboolean lanyard_check_birth_mmdd    (const char *value, GError **error);
gboolean lanyard_check_npi           (const char *value, GError **error);
gboolean lanyard_check_nabp_eprofile (const char *value, GError **error);
gboolean lanyard_check_board_id      (const char *value, GError **error);
gboolean lanyard_check_license       (const char *value, GError **error);
gboolean lanyard_check_email         (const char *value, GError **error);
gboolean lanyard_check_device_name   (const char *value, GError **error);

const guint8 *lanyard_code_trim      (const guint8 *code,
                                      gsize         len,
                                      gsize        *out_len);

G_END_DECLS
