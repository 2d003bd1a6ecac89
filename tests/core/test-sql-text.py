#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# No SQL is built from text: every statement Lanyard prepares or runs is a
# string literal in the source, with the values bound (sqlite3_bind_*,
# PQexecParams), so nothing a registration, a scan or a search holds can
# become SQL. The one statement built at run time is the schema version
# (PRAGMA user_version = a number), listed below. TAP output.
import os
import re
import sys

src = os.path.join(os.environ.get("LANYARD_SOURCE_DIR", "."), "src")
# (file, the argument as written): statements not literal on purpose
allowed = {
    ("core/lanyard-store.c", "sql"),                            # the helpers themselves
    ("core/lanyard-store.c", "lanyard_store_migrations[v]"),    # literals in lanyard-store-schema.h
    ("core/lanyard-store.c", "bump"),                           # PRAGMA user_version = %d
    ("core/lanyard-store.c", "LANYARD_ATTENDEE_BULK_RESTORE"),  # literals in lanyard-store-schema.h
    ("hub/lanyard-hub-pg.c", "sql"),                            # the hub's helpers themselves
    ("hub/lanyard-sync.c", "sql"),                              # row_sql (kind): a literal per kind
    ("cli/lanyard-cli-hub.c", "argc - i"),                      # a command's function, not SQL
    ("hub/lanyard-hub.c", "lanyard_hub_migrations[v]"),         # literals in lanyard-hub-schema.h
    ("hub/lanyard-hub.c", "sql"),                               # role DDL (no parameters in PostgreSQL DDL):
                                                                # PQescapeIdentifier / PQescapeLiteral
    ("hub/lanyard-sync.c", "full"),                             # full ? literal : literal
    ("core/lanyard-archive.c", "sql"),                          # query_csv (tables[i].sql): a literal per table
}
calls = re.compile(r"\b(lanyard_store_prepare|sqlite3_prepare\w*|sqlite3_exec|exec|run|PQexec\w*|PQprepare"
                   r"|PQsendQuery\w*|lanyard_hub_exec|lanyard_hub_query)"
                   r"\s*\(\s*[\w>.-]+\s*,\s*")
sql_format = re.compile(r"(g_strdup_printf|g_string_(?:append_)?printf|sqlite3_v?mprintf|sqlite3_snprintf|g_strconcat)"
                        r"\s*\([^;]*?\"\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH)\b",
                        re.IGNORECASE | re.S)
n = 0
failed = 0


def report(good, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if good else "not ok") + f" {n} - {what}")
    if not good:
        failed += 1
        print("# " + detail.replace("\n", "\n# "))


bad_args, built = [], []
for root, _, files in os.walk(src):
    for name in sorted(files):
        if not name.endswith(".c"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, src)
        text = open(path, encoding="utf-8").read()
        for m in calls.finditer(text):
            rest = text[m.end():]
            # a literal, or a choice between two literals
            if re.match(r'"|[\w>.\- =!<]+\?\s*"[^"]*"\s*:\s*"', rest):
                continue
            arg = re.match(r"[^,)\n]+", rest).group(0).strip()
            line = text.count("\n", 0, m.start()) + 1
            if (rel, arg) not in allowed:
                bad_args.append(f"{rel}:{line}: {m.group(1)} ({arg})")
        for m in sql_format.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            snippet = m.group(0).replace("\n", " ")[:80]
            if (rel, snippet) != ("core/lanyard-store.c", 'g_strdup_printf ("PRAGMA'):
                built.append(f"{rel}:{line}: {snippet}")

report(not bad_args, "every statement prepared or run is a string literal", "\n".join(bad_args))
report(not built,
       "no SQL is formatted from text (only the schema version number)", "\n".join(built))
print(f"1..{n}")
sys.exit(1 if failed else 0)
