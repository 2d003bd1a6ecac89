#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian 12 package Lanyard needs to build, run and test.
set -eu
here=$(dirname "$0")
if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
grep -v '^#' "$here/debian-packages.txt" | xargs apt-get install -y --no-install-recommends
