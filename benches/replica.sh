#!/usr/bin/env bash
# benches/run.sh --replica (this script, issue #23): the same public pages read from a
# PostgreSQL streaming replica against read from the primary, in the same run.
#
# Makes a self-contained pair in the work folder as tests/api/replica.rs does (initdb a
# primary on a free port, `pg_basebackup -R -X stream` into a standby on another, both run
# as the postgres user), seeds BENCH_REPLICA_REPORTS synthetic reports (2000) into the
# primary, waits for the standby to replay them, then starts Balai twice on the same data:
#   primary   BALAI_DATABASE_URL only (every read on the primary);
#   replica   the same plus BALAI_DATABASE_REPLICA_URL (public reads on the standby).
# Pages (plain): a public report, browse with a filter, the statistics, Open311
# `GET requests.json` (rendered on every request) and the resolved feed; wrk -t<cores> -c32,
# one run of BENCH_REPLICA_DURATION s (5) after BENCH_REPLICA_WARMUP s (1), primary first.
# Besides req/s it counts the transactions each server ran during the pages
# (pg_stat_database.xact_commit): where the reads went. Both servers share this machine's
# cores with Balai and wrk, so req/s shows what routing reads costs, not the capacity a
# replica on its own machine adds; the transaction counts show the load taken off the
# primary. About 2 minutes after the build (BENCH_SKIP_BUILD=1 reuses it). Loopback only.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BENCH_PY="python3 $REPO/benches/bench.py"
DURATION=${BENCH_REPLICA_DURATION:-5}
WARMUP=${BENCH_REPLICA_WARMUP:-1}
REPORTS=${BENCH_REPLICA_REPORTS:-2000}
CONNS=32
CORES=$(nproc)
say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'benches/run.sh --replica: %s\n' "$*" >&2; exit 1; }

WORK_PREFIX=balai-replica
BUILD_NOTE="not counted"
# shellcheck source=benches/common.sh
source "$REPO/benches/common.sh"
command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"
BIN=$(pg_config --bindir 2>/dev/null || true)
[ -x "$BIN/initdb" ] || BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] && [ -x "$BIN/pg_basebackup" ] ||
    die "the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are missing: apt-get install postgresql"
busy_before=$($BENCH_PY cpu-busy 3)

# The pair, as the postgres user (the server refuses to run as root).
PG=$WORK/pg
mkdir -p "$PG"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres: "$PG"
PPORT=$($BENCH_PY free-port)
SPORT=$($BENCH_PY free-port)
stop_pair() {
    as_pg "$BIN/pg_ctl" -D "$PG/s" -m fast -w stop >/dev/null 2>&1 || true
    as_pg "$BIN/pg_ctl" -D "$PG/p" -m fast -w stop >/dev/null 2>&1 || true
}
trap 'stop_pair; cleanup' EXIT
pg_start() { # data port
    as_pg "$BIN/pg_ctl" -D "$1" -o "-p $2 -c listen_addresses=127.0.0.1 -k $PG" -l "$1.log" -w start >/dev/null
}
say "a primary on $PPORT and its streaming standby on $SPORT"
as_pg "$BIN/initdb" -D "$PG/p" -U postgres --auth=trust -E UTF8 >"$PG/initdb.log"
pg_start "$PG/p" "$PPORT"
as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PPORT" -U postgres -D "$PG/s" -R -X stream -c fast
pg_start "$PG/s" "$SPORT"
PRIMARY=postgres://postgres@127.0.0.1:$PPORT/balai
STANDBY=postgres://postgres@127.0.0.1:$SPORT/balai
psql -qAt "postgres://postgres@127.0.0.1:$PPORT/postgres" -c "CREATE DATABASE balai"

say "seeding $REPORTS reports into the primary"
BALAI_DATABASE_URL=$PRIMARY BALAI_DATA_DIR="$WORK/data.seed" RUST_LOG=error "$BALAI" seed --reports "$REPORTS" --seed 1 >"$WORK/seed.log" 2>&1 ||
    die "seeding failed: $(tail -3 "$WORK/seed.log")"
caught_up() {
    local target
    target=$(psql -qAt "$PRIMARY" -c "SELECT pg_current_wal_lsn()")
    for _ in $(seq 600); do
        [ "$(psql -qAt "$STANDBY" -c "SELECT pg_last_wal_replay_lsn() >= '$target'")" = t ] && return 0
        sleep 0.1
    done
    die "the standby did not catch up"
}
caught_up
# Both servers' statistics of what ran, and a VACUUM ANALYZE so both plan alike.
psql -qAt "$PRIMARY" -c "VACUUM ANALYZE"
caught_up

report_code=$(psql -qAt "$PRIMARY" -c "SELECT code FROM reports WHERE privacy<>'confidential' AND NOT held AND verified_at IS NOT NULL AND status='closed' LIMIT 1")
[ -n "$report_code" ] || die "no public closed report in the seeded database"
PAGES=(report browse statistics open311-requests feed)
declare -A url_of=([report]=/en/reports/$report_code [browse]="/en/reports?status=all&province=32"
    [statistics]=/en/statistics [open311-requests]=/open311/v2/requests.json [feed]=/feeds/resolved.atom)

BPORT=$($BENCH_PY free-port)
BASE=http://127.0.0.1:$BPORT
start_balai() { # mode
    local extra=()
    [ "$1" = replica ] && extra=(BALAI_DATABASE_REPLICA_URL="$STANDBY")
    rm -f "$WORK/balai.pid"
    env -u RUST_LOG -u BALAI_LOG_FORMAT BALAI_DATABASE_URL="$PRIMARY" "${extra[@]}" \
        BALAI_BIND=127.0.0.1:$BPORT BALAI_DATA_DIR="$WORK/data.$1" BALAI_REQUEST_LOG=errors \
        $BENCH_PY start "$WORK/balai.pid" "$WORK/balai.$1.log" "$BASE/health" -- "$BALAI" serve >/dev/null ||
        die "Balai did not start: $(tail -5 "$WORK/balai.$1.log")"
    BALAI_PID=$(cat "$WORK/balai.pid")
    STARTED_PIDS+=("$BALAI_PID")
    $BENCH_PY quiet "$BALAI_PID" >/dev/null
}
xacts() { psql -qAt "$1" -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'balai'"; }
# req/s, p99 ms, non-2xx and socket errors of a wrk --latency output
read_wrk() {
    awk '/^Requests\/sec:/ { rps = $2 }
        /^ +99%/ { p = $2 + 0; if ($2 ~ /us$/) p /= 1000; else if ($2 ~ /[0-9]s$/) p *= 1000 }
        /Non-2xx or 3xx/ { bad += $NF }
        /Socket errors:/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
        END { printf "%.0f %.2f %d\n", rps, p, bad }' "$1"
}

declare -A result=() on_primary=() on_standby=()
for mode in primary replica; do
    say "Balai reading from the $mode"
    start_balai "$mode"
    for page in "${PAGES[@]}"; do
        u=$BASE${url_of[$page]}
        curl -sS -f -o /dev/null "$u" || die "$page (${url_of[$page]}) did not answer 200"
        wrk -t"$CORES" -c"$CONNS" -d"$WARMUP"s --timeout 30s "$u" >/dev/null
        # Statistics reach pg_stat_database when a backend goes idle: read them after a pause.
        sleep 2
        p0=$(xacts "$PRIMARY")
        s0=$(xacts "$STANDBY")
        wrk -t"$CORES" -c"$CONNS" -d"$DURATION"s --timeout 30s --latency "$u" >"$WORK/$mode.$page.txt"
        sleep 2
        on_primary[$mode.$page]=$(($(xacts "$PRIMARY") - p0))
        on_standby[$mode.$page]=$(($(xacts "$STANDBY") - s0))
        result[$mode.$page]=$(read_wrk "$WORK/$mode.$page.txt")
        echo "$mode $page: ${result[$mode.$page]} (req/s, p99 ms, errors); transactions: primary ${on_primary[$mode.$page]}, standby ${on_standby[$mode.$page]}" >&2
    done
    stop_pid "$BALAI_PID"
done
busy_after=$($BENCH_PY cpu-busy 3)

echo
echo "Configuration (benches/run.sh --replica, $(date -u '+%F %H:%M UTC')):"
echo "- machine: $CORES cores, shared by wrk, Balai and both PostgreSQL servers; CPU ${busy_before}% busy before, ${busy_after}% after (over 3 s, nothing of ours running)"
echo "- Balai: commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $BALAI$stale; BALAI_REQUEST_LOG=errors; $REPORTS synthetic reports on PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') (initdb defaults), standby by pg_basebackup -R -X stream"
echo "- wrk -t$CORES -c$CONNS -d${DURATION}s after ${WARMUP} s of warm-up, plain, one run each, primary first; transactions: pg_stat_database xact_commit + xact_rollback of the database during the run (each server's own count, read 2 s after the run, when backends have reported; includes a counting query or two)"
echo
echo "| page (wrk -c$CONNS) | reads on the primary: req/s (p99 ms) | transactions on the primary | reads on the replica: req/s (p99 ms) | on the primary / on the standby | replica / primary |"
echo "| --- | --- | --- | --- | --- | --- |"
for page in "${PAGES[@]}"; do
    read -r prps pp99 perr <<<"${result[primary.$page]}"
    read -r rrps rp99 rerr <<<"${result[replica.$page]}"
    ratio=$(python3 -c "print(f'{$rrps / $prps:.2f}' if $prps else '-')")
    note=
    [ "$perr$rerr" = 00 ] || note=" ($perr/$rerr errors or non-2xx)"
    echo "| $page \`${url_of[$page]}\` | $(printf "%'d" "$prps") ($pp99) | ${on_primary[primary.$page]} | $(printf "%'d" "$rrps") ($rp99) | ${on_primary[replica.$page]} / ${on_standby[replica.$page]} | $ratio$note |"
done
