#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-schemas.sh SCHEMA.xml OVERRIDE: the schema and the kiosk's override
# compile strictly, together with the GTK schema the override changes.
set -eu
schema=$1
override=$2
gtk_schema=${GTK_DEBUG_SCHEMA:-/usr/share/glib-2.0/schemas/org.gtk.gtk4.Settings.Debug.gschema.xml}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$schema" "$override" "$tmp/"
if [ -f "$gtk_schema" ]; then
  cp "$gtk_schema" "$tmp/"
else
  echo "no $gtk_schema: checking the schema alone" >&2
  rm "$tmp/$(basename "$override")"
fi
exec glib-compile-schemas --strict --dry-run "$tmp"
