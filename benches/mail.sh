#!/usr/bin/env bash
# Balai's outbox against a plain SMTP client: messages per second to the same local SMTP
# sink, in the same run, on the same machine, as a ratio.
#
#   benches/mail.sh
#
# 1. A fresh SQLite database (`balai migrate`) gets BENCH_MESSAGES waiting report-update
#    messages, written straight into the outbox table; Balai starts with BALAI_SMTP_URL set
#    to a local aiosmtpd sink (tests/support/smtp_sink.py, which fsyncs each message) and
#    sends them all: claim 32 (8 in flight), render both parts in the recipient's language, SMTP, mark
#    each sent (one durable commit per message).
# 2. python3 smtplib sends the same number of copies of one message Balai sent (the same
#    bytes) over one connection to a second sink of the same kind.
# Rates are counted from the sinks' files (first to last message written), so start-up
# and connection set-up count for neither. Every message must arrive, once.
#
# Knobs (environment): BENCH_MESSAGES=2000, BENCH_SKIP_BUILD=1 (reuse target/release/balai),
# BALAI_BIN (another binary), BENCH_KEEP=1 (keep the work folder).
# Needs Debian's python3-aiosmtpd (installed when missing) and sqlite3's Python module.
set -euo pipefail

MESSAGES=${BENCH_MESSAGES:-2000}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=/usr/bin/python3 # Debian's: python3-aiosmtpd is installed for it
cd "$REPO"

if ! "$PY" -c 'import aiosmtpd' 2>/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null
fi
BIN=${BALAI_BIN:-target/release/balai}
if [ -z "${BALAI_BIN:-}" ] && [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  cargo build --release --quiet
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -n "${BENCH_KEEP:-}" ] && echo "work folder kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_sink() { # port dir
  "$PY" tests/support/smtp_sink.py "$1" "$2" >/dev/null &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $1)).close()" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the SMTP sink did not start" >&2; exit 1
}
count() { find "$1/new" -type f 2>/dev/null | wc -l; }
wait_for() { # dir n seconds
  local deadline=$((SECONDS + $3))
  while [ "$(count "$1")" -lt "$2" ]; do
    [ $SECONDS -lt "$deadline" ] || { echo "only $(count "$1") of $2 messages arrived in $3 s" >&2; exit 1; }
    sleep 0.1
  done
}
# Messages per second from the first file written to the last (mtimes).
rate() {
  "$PY" - "$1" <<'EOF'
import os, sys
d = os.path.join(sys.argv[1], "new")
t = sorted(os.stat(os.path.join(d, f)).st_mtime for f in os.listdir(d))
print(f"{(len(t) - 1) / (t[-1] - t[0]):.1f}" if len(t) > 1 and t[-1] > t[0] else "0")
EOF
}

# 1. Balai.
export BALAI_DATA_DIR="$WORK/data" BALAI_LOG_FORMAT=json
"$BIN" migrate >/dev/null
"$PY" - "$WORK/data/balai.db" "$MESSAGES" <<'EOF'
import sqlite3, sys, json
db = sqlite3.connect(sys.argv[1])
params = json.dumps({"Report": {"Changed": {"code": "KS2ZF4NZW", "status": "answered"}}})
# Timestamps in the past: every message is due at once.
rows = [("report-changed", f"bench:{i}", f"warga{i}@contoh.id", "id" if i % 2 else "en", params,
         "waiting", "2000-01-01 00:00:00+00:00", "2000-01-01 00:00:00+00:00")
        for i in range(int(sys.argv[2]))]
db.executemany("""INSERT INTO outbox (kind, dedupe, recipient, lang, params, status, next_try_at,
    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows)
db.commit()
EOF
BALAI_SINK=$(free_port)
start_sink "$BALAI_SINK" "$WORK/balai-sink"
BALAI_BIND=127.0.0.1:0 BALAI_SMTP_URL="smtp://127.0.0.1:$BALAI_SINK" \
  BALAI_PUBLIC_URL=https://balai.example BALAI_MAIL_FROM='Balai <balai@balai.example>' \
  "$BIN" serve >"$WORK/balai.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/balai-sink" "$MESSAGES" 600
BALAI_RATE=$(rate "$WORK/balai-sink")
sleep 1 # the last message is marked sent just after the sink took it
SENT=$("$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM outbox WHERE status = 'sent'\").fetchone()[0])" "$WORK/data/balai.db")

# 2. A plain SMTP client sending the same bytes.
PLAIN_SINK=$(free_port)
start_sink "$PLAIN_SINK" "$WORK/plain-sink"
SAMPLE=$(find "$WORK/balai-sink/new" -type f -print -quit)
"$PY" - "$PLAIN_SINK" "$SAMPLE" "$MESSAGES" <<'EOF'
import smtplib, sys
port, sample, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
raw = open(sample, "rb").read()
raw = raw.split(b"\r\n", 1)[1]  # the sink's X-RcptTo line
with smtplib.SMTP("127.0.0.1", port) as s:
    for i in range(n):
        s.sendmail("balai@balai.example", [f"warga{i}@contoh.id"], raw)
EOF
wait_for "$WORK/plain-sink" "$MESSAGES" 600
PLAIN_RATE=$(rate "$WORK/plain-sink")

DISTINCT=$(grep -h -i '^Message-ID:' "$WORK"/balai-sink/new/* | sort -u | wc -l)
echo
echo "| messages | Balai outbox → SMTP sink (msg/s) | smtplib → SMTP sink (msg/s) | ratio | all sent once |"
echo "| --- | --- | --- | --- | --- |"
printf '| %s | %s | %s | %s | %s |\n' "$MESSAGES" "$BALAI_RATE" "$PLAIN_RATE" \
  "$("$PY" -c "print(f'{$BALAI_RATE / $PLAIN_RATE:.2f}')")" \
  "$([ "$SENT" -eq "$MESSAGES" ] && [ "$DISTINCT" -eq "$MESSAGES" ] && [ "$(count "$WORK/balai-sink")" -eq "$MESSAGES" ] && echo yes || echo "no ($SENT marked sent, $DISTINCT distinct)")"
