#!/usr/bin/env bash
# Install what the site needs and build it into _site/; no root needed.
# The browser tests also need Debian packages (Chromium, Java for the Nu Html Checker, npm for
# axe-core) and the deploy test nginx: installed here when run as root, otherwise named, and
# the rest goes on.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
  else
    echo "setup.sh: only the browser and deploy tests need these Debian packages; to run them, install as root:" >&2
    echo "  apt-get install$missing" >&2
  fi
fi
# The exact versions the suite passed with, each checked against its hash (requirements.txt,
# made by uv from pyproject.toml's ranges; README "Dependencies" says how to refresh it). Then
# the project itself, without letting pip pick other versions. pip installs for this user when
# the Python installation is not writable.
python3 -m pip install -q --require-hashes -r requirements.txt
python3 -m pip install -q --no-deps -e .
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
fi
python3 build.py
