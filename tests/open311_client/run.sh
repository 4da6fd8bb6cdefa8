#!/bin/sh
# Run check.py (PyPI `georeport` 0.3.1, an independent Open311 client) against a running
# Balai. Makes a virtual environment in $OPEN311_VENV (default target/open311-venv) once.
# Fails loudly when Python, venv or pip are missing: it never passes without running.
# usage: tests/open311_client/run.sh ROOT PUBLIC_CODE HIDDEN_CODE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${OPEN311_VENV:-$here/../../target/open311-venv}
python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "open311 client check: $python not found (needed to run the georeport client)" >&2
    exit 2
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import georeport' 2>/dev/null; then
    "$python" -m venv "$venv" || { echo "open311 client check: python3 -m venv failed" >&2; exit 2; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'georeport==0.3.1' \
        || { echo "open311 client check: pip install georeport==0.3.1 failed" >&2; exit 2; }
fi
exec "$venv/bin/python" "$here/check.py" "$@"
