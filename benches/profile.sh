#!/usr/bin/env bash
# Where a kept public page's time goes (issue #24 item 3): instructions per request under
# callgrind (repeatable on a loaded machine), or perf samples under wrk load.
#
#   benches/profile.sh callgrind OUT   instructions per request and the top functions
#   benches/profile.sh perf OUT        perf record (cpu-clock, DWARF call graphs) under wrk
#
# The binary needs its symbols, and the normal release build strips them; build a copy
# beside it (same code, other target folder, so nobody else's build is invalidated):
#
#   CARGO_PROFILE_RELEASE_STRIP=false CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
#     cargo build --release --target-dir target/profiling
#   BALAI_BIN=target/profiling/release/balai benches/profile.sh callgrind benches/profiles/NAME
#
# Seeds PROFILE_REPORTS (2000) synthetic reports as `run.sh --quick` does, starts
# `balai serve` as the README does (request log on, info; PROFILE_ENV adds settings, e.g.
# BALAI_REQUEST_LOG=errors) and asks for each page: home `/id/`, a public report, the
# statistics, an agency page, a workshop, a content page and Open311 `requests.json`.
# callgrind: PROFILE_WARMUP (100) requests, counters zeroed,
# PROFILE_REQUESTS (2000) requests on one kept-alive connection (the bytes wrk sends: GET,
# Host, nothing else), counters dumped; OUT/<page>.callgrind, OUT/<page>.txt (the top
# inclusive and self functions) and OUT/summary.txt (instructions per request, all threads:
# the workers, the log writer, the runtime). perf: wrk -t2 -c32 for PROFILE_SECONDS (10)
# per page while perf samples the server; OUT/<page>.perf.txt.
set -euo pipefail
MODE=${1:?usage: benches/profile.sh callgrind|perf OUT}
OUT=${2:?usage: benches/profile.sh callgrind|perf OUT}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BALAI=${BALAI_BIN:-$REPO/target/release/balai}
REPORTS=${PROFILE_REPORTS:-2000}
WARMUP=${PROFILE_WARMUP:-100}
REQUESTS=${PROFILE_REQUESTS:-2000}
SECONDS_PER_PAGE=${PROFILE_SECONDS:-10}
BENCH_PY="python3 $REPO/benches/bench.py"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/balai-profile.XXXXXX")
SERVER_PID=
cleanup() {
    [ -z "$SERVER_PID" ] || kill -TERM "$SERVER_PID" 2>/dev/null || true
    [ -z "$SERVER_PID" ] || wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

DATA=$WORK/data
mkdir -p "$DATA"
env -u BALAI_DATABASE_URL BALAI_DATA_DIR="$DATA" RUST_LOG=error "$BALAI" seed --reports "$REPORTS" --seed 1 >"$WORK/seed.log" 2>&1
code=$(sqlite3 "$DATA/balai.db" "SELECT code FROM reports WHERE privacy<>'confidential' AND held=0 AND verified_at IS NOT NULL AND status='closed' LIMIT 1")
# The first workshop the content holds (its page answers 200 whatever its dates).
workshop=$(basename "$(ls "$REPO"/content/workshops/*.id.md | head -1)" .id.md)
PAGES=(home report statistics agency workshop content open311)
declare -A url_of=([home]=/id/ [report]=/en/reports/$code [statistics]=/en/statistics [agency]=/en/agencies/kemenhub
    [workshop]=/id/workshops/$workshop [content]=/id/pages/about [open311]=/open311/v2/requests.json)
PORT=$($BENCH_PY free-port)

# One kept-alive connection, N requests as wrk sends them; the body read to its end.
hammer() { # path count
    python3 - "$PORT" "$1" "$2" <<'PY'
import socket, sys
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
s = socket.create_connection(("127.0.0.1", port))
req = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
buf = b""
for _ in range(n):
    s.sendall(req)
    while b"\r\n\r\n" not in buf:
        buf += s.recv(65536)
    head, buf = buf.split(b"\r\n\r\n", 1)
    status = head.split(b" ", 2)[1]
    if status != b"200":
        sys.exit(f"{path}: {head.decode(errors='replace')}")
    length = next(int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:"))
    while len(buf) < length:
        buf += s.recv(65536)
    buf = buf[length:]
PY
}

# Function names without the registry's and the toolchain's folders, cut to 200 columns.
short() { sed 's|/root/.cargo/registry/src/[^/]*/||g; s|/rustc/[0-9a-f]*/library/||g; s| \[/[^]]*\]$||' | cut -c1-200; }

start() { # command...
    # shellcheck disable=SC2086
    env -u BALAI_DATABASE_URL -u RUST_LOG -u BALAI_LOG_FORMAT -u BALAI_REQUEST_LOG \
        BALAI_BIND=127.0.0.1:$PORT BALAI_DATA_DIR="$DATA" ${PROFILE_ENV:-} "$@" serve >"$WORK/balai.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 600); do
        curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
        sleep 0.2
    done
    echo "Balai did not start: $(tail -5 "$WORK/balai.log")" >&2
    exit 1
}

# Content images are resized in the background after a start (and kept in the data dir):
# done once here, natively, so the profile holds requests only.
start "$BALAI"
count_images() { find "$DATA/content-images" -type f 2>/dev/null | wc -l; }
last=-1
for i in $(seq 300); do
    sleep 2
    n=$(count_images)
    if [ "$n" = "$last" ] && { [ "$n" -gt 0 ] || [ "$i" -gt 10 ]; }; then break; fi
    last=$n
done
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=

commit="$(git -C "$REPO" rev-parse --short HEAD)$( [ -z "$(git -C "$REPO" status --porcelain -- src)" ] || echo ' with local changes in src/')"
{
    echo "benches/profile.sh $MODE, $(date -u '+%F %H:%M UTC'), commit $commit"
    echo "binary: $BALAI (built $(date -r "$BALAI" '+%F %T')); $REPORTS reports seeded; settings: README defaults${PROFILE_ENV:+ + $PROFILE_ENV}"
} >"$OUT/summary.txt"

case $MODE in
callgrind)
    start valgrind --tool=callgrind --callgrind-out-file="$OUT/all.callgrind" "$BALAI"
    echo "valgrind --tool=callgrind $BALAI serve; per page: $WARMUP requests, callgrind_control -z, $REQUESTS requests on one connection, callgrind_control -d" >>"$OUT/summary.txt"
    echo "| page | instructions per request |" >>"$OUT/summary.txt"
    echo "| --- | --- |" >>"$OUT/summary.txt"
    sleep 5 # the statistics' warm-up at start
    for page in "${PAGES[@]}"; do
        hammer "${url_of[$page]}" "$WARMUP"
        callgrind_control -z "$SERVER_PID" >/dev/null
        hammer "${url_of[$page]}" "$REQUESTS"
        callgrind_control -d "$page" "$SERVER_PID" >/dev/null
        dump=$(ls -t "$OUT"/all.callgrind.* | head -1)
        mv "$dump" "$OUT/$page.callgrind"
        total=$(sed -n 's/^summary: \([0-9]*\).*/\1/p; s/^totals: \([0-9]*\).*/\1/p' "$OUT/$page.callgrind" | head -1)
        echo "| $page \`${url_of[$page]}\` | $((total / REQUESTS)) |" >>"$OUT/$page.ir"
        cat "$OUT/$page.ir" >>"$OUT/summary.txt"
        rm "$OUT/$page.ir"
        {
            echo "# $page ${url_of[$page]}: $REQUESTS requests, $total instructions"
            echo "## inclusive"
            callgrind_annotate --inclusive=yes --threshold=100 "$OUT/$page.callgrind" 2>/dev/null | sed -n '/^Ir/,$p' | head -50 || true
            echo "## self (without the threads' entry points, which callgrind_annotate lists here too)"
            callgrind_annotate --inclusive=no --threshold=100 "$OUT/$page.callgrind" 2>/dev/null | sed -n '/^Ir/,$p' | grep -v 'PROGRAM TOTALS' | grep -Ev '\((100\.0|9[0-9]\.[0-9]+)%\)' | head -35 || true
        } | short >"$OUT/$page.txt"
    done
    ;;
perf)
    start "$BALAI"
    echo "perf record -e cpu-clock -F 999 --call-graph dwarf -p PID while wrk -t2 -c32 -d${SECONDS_PER_PAGE}s" >>"$OUT/summary.txt"
    for page in "${PAGES[@]}"; do
        url=http://127.0.0.1:$PORT${url_of[$page]}
        wrk -t2 -c32 -d2s "$url" >/dev/null
        wrk -t2 -c32 -d"${SECONDS_PER_PAGE}s" "$url" >"$WORK/wrk.txt" &
        wrk_pid=$!
        perf record -q -e cpu-clock -F 999 --call-graph dwarf,16384 -o "$WORK/perf.data" -p "$SERVER_PID" -- sleep "$((SECONDS_PER_PAGE - 2))" 2>/dev/null
        wait "$wrk_pid"
        echo "| $page | $(sed -n 's/Requests\/sec: *//p' "$WORK/wrk.txt") req/s under perf |" >>"$OUT/summary.txt"
        {
            echo "# $page ${url_of[$page]}"
            echo "## children (inclusive)"
            perf report -i "$WORK/perf.data" --children --stdio --no-call-graph --percent-limit 2 2>/dev/null | grep -v '^#' | grep -v '^$' | head -50 || true
            echo "## self"
            perf report -i "$WORK/perf.data" --no-children --stdio --no-call-graph --percent-limit 0.7 2>/dev/null | grep -v '^#' | grep -v '^$' | head -45 || true
        } | short >"$OUT/$page.perf.txt"
    done
    ;;
*) echo "usage: benches/profile.sh callgrind|perf OUT" >&2; exit 2 ;;
esac
cat "$OUT/summary.txt"
