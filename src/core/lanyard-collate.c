/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unicode/ucol.h>
#include <unicode/uloc.h>

#include "lanyard-collate.h"
#include "lanyard-model.h"

struct _LanyardCollator {
  UCollator *ucol;
};

LanyardCollator *
lanyard_collator_new (const char *language)
{
  LanyardCollator *self = g_new0 (LanyardCollator, 1);
  char locale[ULOC_FULLNAME_CAPACITY] = "";
  UErrorCode status = U_ZERO_ERROR;

  if (language != NULL && *language != '\0')
    uloc_forLanguageTag (language, locale, sizeof locale, NULL, &status);
  if (U_FAILURE (status))
    {
      g_debug ("“%s” is not a language tag ICU reads; sorting in the root order", language);
      locale[0] = '\0';
    }
  status = U_ZERO_ERROR;
  self->ucol = ucol_open (locale, &status);
  if (U_FAILURE (status))
    {
      status = U_ZERO_ERROR;
      self->ucol = ucol_open ("", &status);
    }
  g_assert (U_SUCCESS (status));
  return self;
}

void
lanyard_collator_free (LanyardCollator *self)
{
  if (self == NULL)
    return;
  ucol_close (self->ucol);
  g_free (self);
}

int
lanyard_collator_compare (LanyardCollator *self,
                          const char      *a,
                          const char      *b)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = ucol_strcollUTF8 (self->ucol, a != NULL ? a : "", -1, b != NULL ? b : "", -1, &status);

  if (U_FAILURE (status))
    return g_strcmp0 (a, b);
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

static int
compare_attendees (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  LanyardCollator *self = user_data;
  const LanyardAttendee *x = *(LanyardAttendee * const *) a;
  const LanyardAttendee *y = *(LanyardAttendee * const *) b;
  int order = lanyard_collator_compare (self, x->last_name, y->last_name);

  if (order == 0)
    order = lanyard_collator_compare (self, x->first_name, y->first_name);
  return order != 0 ? order : g_strcmp0 (x->ticket_code, y->ticket_code);
}

void
lanyard_collator_sort_attendees (LanyardCollator *self,
                                 GPtrArray       *attendees)
{
  g_ptr_array_sort_with_data (attendees, compare_attendees, self);
}
