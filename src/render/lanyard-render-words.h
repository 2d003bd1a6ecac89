/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words printed on badges and certificates, in the document's language
 * rather than the screen's. The kiosk's language button switches gettext
 * for the whole process (LANGUAGE) while one attendee uses it; a badge or a
 * certificate drawn on a print thread meanwhile must stay in the event's
 * language. gettext offers no lookup by language that leaves the process
 * alone (dcgettext's locale is the thread's LC_MESSAGES, and LANGUAGE
 * overrides it), so these read the installed catalog, LOCALEDIR/LANG/
 * LC_MESSAGES/lanyard.mo, themselves: read once, kept, and safe from any
 * thread. Plural forms follow the catalog's own Plural-Forms rule.
 *
 * language: a gettext language ("de", "pt_BR", "ar"; "de-DE" is read as
 * "de_DE", then "de"); one without a catalog (English) gives the text as
 * written. NULL: the process's gettext, as _() does.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *lanyard_render_gettext  (const char *language,
                                     const char *msgid) G_GNUC_FORMAT (2);
/* As C_() or NC_(): the message in its context. */
const char *lanyard_render_pgettext (const char *language,
                                     const char *context,
                                     const char *msgid) G_GNUC_FORMAT (3);
const char *lanyard_render_ngettext (const char *language,
                                     const char *msgid,
                                     const char *msgid_plural,
                                     gulong      n) G_GNUC_FORMAT (3);

G_END_DECLS
