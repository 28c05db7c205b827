#!/usr/bin/env bash
# Install what the site needs and build it into _site/; no root needed.
# The browser tests also need Debian packages (Chromium, Java for the Nu Html Checker, npm for
# axe-core): installed here when run as root, otherwise named, and the rest goes on.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
  else
    echo "setup.sh: only the browser tests need these Debian packages; to run them, install as root:" >&2
    echo "  apt-get install$missing" >&2
  fi
fi
# pip installs for this user when the Python installation is not writable.
python3 -m pip install -q -e '.[test]'
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
fi
python3 build.py
