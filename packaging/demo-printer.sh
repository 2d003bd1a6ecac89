# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the demos. demo_printer: with no printer set up, badges go to
# a stand-in IPP Everywhere printer on loopback (the one the tests use),
# which keeps every PDF it receives; $demo_printer_uri is then its URI
# (empty when a printer is set up, or when the stand-in did not start).
demo_printer () {
  demo_printer_uri=
  lpstat -d 2>/dev/null | grep -q ':' && return 0
  printer_dir="$demo_dir/printer"
  bash tests/fixtures/cups-fixture.sh stop "$printer_dir" >/dev/null 2>&1 || true
  if bash tests/fixtures/cups-fixture.sh start "$printer_dir" $$ >"$demo_dir/printer.log" 2>&1; then
    . "$printer_dir/env"
    echo "No printer is set up: badges go to a stand-in printer; the PDFs it prints are in $LANYARD_TEST_SPOOL"
    demo_printer_uri=$LANYARD_TEST_PRINTER_URI
  else
    echo "No printer is set up, and the stand-in printer did not start (see $demo_dir/printer.log):"
    echo "the kiosk will show its printer-problem page after each badge."
  fi
}
