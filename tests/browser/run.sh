#!/usr/bin/env bash
# Balai's browser accessibility suite, end to end: installs what it needs (Debian's
# chromium, lynx and a Java runtime; the npm packages of package-lock.json), starts Balai on
# a free port with a fresh SQLite database, waits for /health, runs the suite's self-test
# and the suite itself in one headless Chromium, stops the server. Exits non-zero on any
# failure. Screenshots, HTML as served and lynx dumps go to tests/browser/artifacts/.
#
#   tests/browser/run.sh                  everything
#   SUITE_ARGS="--only '^home'" tests/browser/run.sh   some states only (a regex on name.lang)
#   BALAI_BIN=path/to/balai               the binary (default target/debug/balai; built
#                                         with `cargo build` only if it is missing)
#   BALAI_CHROMIUM=/usr/bin/chromium      the browser
#
# `balai seed --demo` (when the binary has it) adds reports in every state and three staff
# accounts (admin, verifier, agency officer); their codes and access keys, emails and
# passwords are saved to artifacts/demo-reports.tsv and handed to the suite in
# BALAI_DEMO_REPORTS. `balai seed --reports 60 --seed 1` then adds synthetic public
# reports, so browsing has pages to go through, and `balai user add` a spare account per
# language for the state that disables one.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
step() { printf '\n-- %s\n' "$*"; }

step "system packages"
need=()
[ -x "${BALAI_CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
command -v lynx >/dev/null || need+=(lynx)
command -v java >/dev/null || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v node >/dev/null || { echo "node (20 or later) is needed" >&2; exit 1; }
"${BALAI_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1 || true

step "npm packages"
# --ignore-scripts: vnu-jar's install script would download a Java; Debian's is used.
if ! cmp -s "$HERE/package-lock.json" "$HERE/node_modules/.balai-installed-lock"; then
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$HERE/package-lock.json" "$HERE/node_modules/.balai-installed-lock"
else
  echo "node_modules up to date"
fi

step "Balai server"
BALAI_BIN="${BALAI_BIN:-target/debug/balai}"
if [ ! -x "$BALAI_BIN" ]; then
  echo "$BALAI_BIN is missing: building it once"
  cargo build --quiet
fi
DATA="$(mktemp -d)"
mkdir -p "$HERE/artifacts"
LOG="$HERE/artifacts/server.log"
# A fixed start for the clock, so workshops with open registration exist whatever the date.
export BALAI_DATA_DIR="$DATA" BALAI_LOG_FORMAT=json BALAI_NOW="${BALAI_NOW:-2026-11-27T12:00:00Z}"
# The demo reports (one line each: report<TAB>label<TAB>code<TAB>key) and demo staff
# accounts (staff<TAB>email<TAB>role<TAB>password) go to a file the suite reads
# (BALAI_DEMO_REPORTS), so report and back-office pages are tested with real codes, keys
# and accounts.
DEMO="$HERE/artifacts/demo-reports.tsv"
rm -f "$DEMO"
if "$BALAI_BIN" --help | grep -Eq '^[[:space:]]+seed[[:space:]]'; then
  echo "seeding demo data"
  if ! "$BALAI_BIN" seed --demo >"$DEMO" 2>"$HERE/artifacts/seed.log"; then
    echo "balai seed --demo failed:" >&2; cat "$HERE/artifacts/seed.log" >&2; exit 1
  fi
  echo "$(grep -c '^report' "$DEMO") demo reports, $(grep -c '^staff' "$DEMO" || true) demo staff accounts"
  export BALAI_DEMO_REPORTS="$DEMO"
  # Enough public reports for browsing to have several pages (20 a page), statistics
  # and agency records with figures.
  if ! "$BALAI_BIN" seed --reports 60 --seed 1 >>"$HERE/artifacts/seed.log" 2>&1; then
    echo "balai seed --reports 60 failed:" >&2; cat "$HERE/artifacts/seed.log" >&2; exit 1
  fi
  tail -1 "$HERE/artifacts/seed.log"
  # A spare account per language for the state that disables one (never signed in).
  for lang in id en; do
    email="retired.$lang@demo.balai.id"
    password="retired-$lang-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    if ! printf '%s\n' "$password" | "$BALAI_BIN" user add --email "$email" --name "Retired $lang" --role verifier >>"$HERE/artifacts/seed.log" 2>&1; then
      echo "balai user add $email failed:" >&2; cat "$HERE/artifacts/seed.log" >&2; exit 1
    fi
    printf 'staff\t%s\tverifier\t%s\n' "$email" "$password" >>"$DEMO"
  done
else
  echo "no seed command: the states that need demo reports or staff accounts are skipped"
fi
# Messages go to a local SMTP server (tests/support/smtp_sink.py, on Debian's
# python3-aiosmtpd) when there is one: the lost-key states read their one-time link from
# the folder it writes (BALAI_MAIL_DIR); without it those states are skipped.
SINK=""
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  MAIL_PORT="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  /usr/bin/python3 tests/support/smtp_sink.py "$MAIL_PORT" "$DATA/mail" >"$HERE/artifacts/smtp.log" 2>&1 &
  SINK=$!
  export BALAI_SMTP_URL="smtp://127.0.0.1:$MAIL_PORT" BALAI_MAIL_DIR="$DATA/mail"
  echo "messages go to an SMTP server on port $MAIL_PORT"
fi
BALAI_BIND=127.0.0.1:0 "$BALAI_BIN" serve >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  if [ -n "$SINK" ]; then kill "$SINK" 2>/dev/null || true; wait "$SINK" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

PORT=""
for _ in $(seq 1 100); do
  if ! kill -0 "$SERVER" 2>/dev/null; then echo "Balai stopped at start:" >&2; cat "$LOG" >&2; exit 1; fi
  PORT="$(grep -o '"message":"Balai is serving","port":[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)"
  [ -n "$PORT" ] && break
  sleep 0.2
done
[ -n "$PORT" ] || { echo "Balai did not say which port it serves on:" >&2; cat "$LOG" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
node -e '
  const url = process.argv[1] + "/health";
  const until = Date.now() + 30000;
  (async function poll() {
    try { const r = await fetch(url); if (r.ok && (await r.text()).trim() === "ok") return console.log("healthy:", url); } catch {}
    if (Date.now() > until) { console.error("no healthy answer from " + url); process.exit(1); }
    setTimeout(poll, 200);
  })();' "$BASE"

step "browser suite (self-test, then Balai at $BASE)"
cd "$HERE"
# shellcheck disable=SC2086
eval "node suite.mjs --self-test --base \"$BASE\" ${SUITE_ARGS:-}"
