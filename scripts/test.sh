#!/usr/bin/env bash
# Install everything the tests need (Chromium, redis-server, Python and npm packages) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium for the browser tests; redis-server for the cluster tests (which start their own on a free port).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq $missing >/dev/null
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# @gradio/client (a devDependency) is what the JavaScript client test runs.
[ -d js/node_modules ] || (cd js && npm ci --no-audit --no-fund --loglevel=error)
.venv/bin/python -m mypy --strict reblocks
.venv/bin/lint-imports  # the layering contracts in pyproject.toml
exec .venv/bin/python -m pytest -q "$@"
