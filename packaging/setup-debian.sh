#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian 12 package Lanyard needs to build, run and test.
# Runs as root or as anyone: with every package in place already it needs
# no privilege; otherwise it asks for root through sudo, or, on a Debian
# installed without sudo (a root password set at installation), through su.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
packages=$(grep -v '^#' "$here/debian-packages.txt")
if [ "$(id -u)" -ne 0 ]; then
  # shellcheck disable=SC2086 # one package a word
  if dpkg-query -W -f='${db:Status-Status}\n' $packages 2>/dev/null | grep -qvx installed ||
     [ "$(dpkg-query -W -f='${db:Status-Status}\n' $packages 2>/dev/null | wc -l)" -ne "$(echo "$packages" | wc -l)" ]; then
    if command -v sudo >/dev/null 2>&1; then
      exec sudo "$here/setup-debian.sh" "$@"
    fi
    echo "Installing Lanyard's Debian packages needs root: the root password, please." >&2
    exec su root -s /bin/sh -c 'exec "$0" "$@"' "$here/setup-debian.sh" "$@"
  fi
  echo "Every package Lanyard needs is installed."
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
echo "$packages" | xargs apt-get install -y --no-install-recommends
