#!/usr/bin/env bash
# Install everything the site and its tests need, then build the site into _site/.
# System packages (Chromium for the browser tests, Java for the Nu Html Checker, npm for
# axe-core) come from Debian's packages; installing them needs root.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: please install these Debian packages first (as root):$missing" >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
fi
python3 -m pip install -q -e '.[test]'
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
python3 build.py
