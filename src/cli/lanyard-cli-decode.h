/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `lanyardctl decode IMAGE...`: runs Lanyard's QR decoder on image files
 * and prints one line per image, "PATH<TAB>HEX" (the payload bytes in
 * lowercase hex) or "PATH<TAB>-" when no code was found. @argv[0] is the
 * command name ("decode"). Returns the exit status: 0 when every image was
 * read, 1 when one could not be read (reason on stderr, the others still
 * printed), 2 on a usage error. */
int lanyard_cli_decode (int    argc,
                        char **argv);

G_END_DECLS
