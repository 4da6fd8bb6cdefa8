#!/usr/bin/env bash
# benches/run.sh --cache (this script): issue #23's figures for the cache in front.
#
# A campaign page and a public report page, each read three ways at 64 and at 512
# connections (wrk -t<cores>, plain: no Accept-Encoding):
#   balai    Balai alone, straight from wrk;
#   cache    through nginx with the cache as deploy/nginx.conf ships it (its http-level
#            lines, upstream and TLS server's lines and locations, without TLS: made by
#            benches/cache_conf.py), Balai behind it;
#   static   the same nginx serving the same bytes from a file, with Balai's headers (the
#            reference: ratios are against it, measured in the same run).
# The cache is warm before each run (one request, then the warm-up), and every request
# that reached Balai during a cache run is counted (nginx logs only those). A report page
# is kept 5 s (s-maxage) and a campaign page 10 s, so a run of 10 s refreshes each a few
# times in the background: that is part of what is measured.
#
# Balai runs with BALAI_REQUEST_LOG=errors and nginx with access_log off (the README's
# advice for a busy deployment), on SQLite with BENCH_CACHE_REPORTS synthetic reports
# (2000). BENCH_CACHE_DURATION (10 s per run) and BENCH_CACHE_WARMUP (2 s) change the run;
# BENCH_SKIP_BUILD=1 reuses target/release/balai; BALAI_BIN takes another binary.
# Prints its exact configuration above the table. Loopback only. About 3 minutes after
# the build.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BENCH_PY="python3 $REPO/benches/bench.py"
DURATION=${BENCH_CACHE_DURATION:-10}
WARMUP=${BENCH_CACHE_WARMUP:-2}
REPORTS=${BENCH_CACHE_REPORTS:-2000}
CONNECTIONS=(64 512)
CORES=$(nproc)
say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'benches/run.sh --cache: %s\n' "$*" >&2; exit 1; }

WORK_PREFIX=balai-cache
BUILD_NOTE="not counted"
# shellcheck source=benches/common.sh
source "$REPO/benches/common.sh"
busy_before=$($BENCH_PY cpu-busy 3)

say "seeding $REPORTS reports"
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/tmp"
env -u BALAI_DATABASE_URL BALAI_DATA_DIR="$DATA" RUST_LOG=error "$BALAI" seed --reports "$REPORTS" --seed 1 >"$WORK/seed.log" 2>&1 ||
    die "seeding failed: $(tail -3 "$WORK/seed.log")"

BPORT=$($BENCH_PY free-port)
CPORT=$($BENCH_PY free-port)
SPORT=$($BENCH_PY free-port)
env -u BALAI_DATABASE_URL -u RUST_LOG -u BALAI_LOG_FORMAT \
    BALAI_BIND=127.0.0.1:$BPORT BALAI_DATA_DIR="$DATA" BALAI_REQUEST_LOG=errors BALAI_TRUSTED_PROXIES=127.0.0.1 \
    $BENCH_PY start "$WORK/balai.pid" "$WORK/balai.log" "http://127.0.0.1:$BPORT/health" -- "$BALAI" serve >/dev/null ||
    die "Balai did not start: $(tail -5 "$WORK/balai.log")"
STARTED_PIDS+=("$(cat "$WORK/balai.pid")")
$BENCH_PY quiet "$(cat "$WORK/balai.pid")" >/dev/null

report_code=$(sqlite3 "$DATA/balai.db" "SELECT code FROM reports WHERE privacy<>'confidential' AND held=0 AND verified_at IS NOT NULL AND status='closed' LIMIT 1")
[ -n "$report_code" ] || die "no public closed report in the seeded database"
campaign=$(basename "$(ls content/campaigns/*.id.md | head -1)" .id.md)
PAGES=(campaign report)
declare -A url_of=([campaign]=/id/campaigns/$campaign [report]=/en/reports/$report_code)

pages_seen=$(python3 benches/cache_conf.py "$WORK" "$CORES" "$BPORT" "$CPORT" "$SPORT" \
    campaign="${url_of[campaign]}" report="${url_of[report]}") || die "benches/cache_conf.py failed"
$NGINX -t -q -e stderr -p "$WORK" -c "$WORK/nginx.conf" 2>"$WORK/nginx-t.log" ||
    die "nginx refuses the configuration: $(cat "$WORK/nginx-t.log")"
$NGINX -e stderr -p "$WORK" -c "$WORK/nginx.conf" >"$WORK/nginx.log" 2>&1 &
STARTED_PIDS+=("$!")
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$SPORT/campaign.html" && break
    sleep 0.05
done
for page in "${PAGES[@]}"; do
    curl -sS -f -o "$WORK/check" "http://127.0.0.1:$SPORT/$page.html" || die "nginx does not serve $page"
    cmp -s "$WORK/check" "$WORK/root/$page.html" || die "nginx answers other bytes for $page"
    curl -sS -f -o "$WORK/check" "http://127.0.0.1:$CPORT${url_of[$page]}" || die "the cache does not answer $page"
    cmp -s "$WORK/check" "$WORK/root/$page.html" || die "the cache answers other bytes for $page"
    hit=$(curl -sS -o /dev/null -D - "http://127.0.0.1:$CPORT${url_of[$page]}" | tr -d '\r' | sed -n 's/^X-Cache-Status: //Ip')
    [ "$hit" = HIT ] || echo "WARNING: the second request of $page was $hit, not HIT: is Balai's Cache-Control public?" >&2
done

url() { # how page
    case $1 in
    balai) echo "http://127.0.0.1:$BPORT${url_of[$2]}" ;;
    cache) echo "http://127.0.0.1:$CPORT${url_of[$2]}" ;;
    static) echo "http://127.0.0.1:$SPORT/$2.html" ;;
    esac
}
# req/s, p50 ms, p99 ms, errors or non-2xx of a wrk output
read_wrk() {
    python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
def ms(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", t, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
err = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
n = (int(bad.group(1)) if bad else 0) + (sum(int(x) for x in err.groups()) if err else 0)
print(f"{rps:.0f} {ms(50):.2f} {ms(99):.2f} {n}")
PY
}
upstream_lines() { wc -l <"$WORK/upstream.log" 2>/dev/null || echo 0; }

declare -A result=() reached=()
MEASURE_START=$EPOCHREALTIME
for conns in "${CONNECTIONS[@]}"; do
    for page in "${PAGES[@]}"; do
        for how in static cache balai; do
            u=$(url $how "$page")
            wrk -t"$CORES" -c"$conns" -d"$WARMUP"s --timeout 30s "$u" >/dev/null
            before=$(upstream_lines)
            wrk -t"$CORES" -c"$conns" -d"$DURATION"s --timeout 30s --latency "$u" >"$WORK/$conns.$page.$how.txt"
            result[$conns.$page.$how]=$(read_wrk "$WORK/$conns.$page.$how.txt")
            reached[$conns.$page.$how]=$(($(upstream_lines) - before))
            echo "$page -c$conns $how: ${result[$conns.$page.$how]} (req/s, p50, p99 ms, errors)" >&2
        done
    done
done
busy_after=$($BENCH_PY cpu-busy 3)
commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -z "$(git status --porcelain -- src 2>/dev/null)" ] || echo ' with local changes in src/')"

echo
echo "Configuration (benches/run.sh --cache, $(date -u '+%F %H:%M UTC')):"
echo "- machine: $CORES cores ($(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), shared by wrk, Balai and nginx; CPU ${busy_before}% busy before, ${busy_after}% after (over 3 s, nothing of ours running)"
echo "- Balai: commit $commit, $BALAI built $(date -r "$BALAI" '+%F %T')$stale; SQLite, $REPORTS synthetic reports; BALAI_REQUEST_LOG=errors; actix workers: one per core ($CORES)"
echo "- pages (plain bodies as Balai sends them):"
while IFS= read -r l; do echo "  - $l"; done <<<"$pages_seen"
echo "- nginx $($NGINX -v 2>&1 | sed 's/.*nginx\///'): one process, worker_processes $CORES, worker_connections 8192, keepalive_requests 1000000, access_log off, sendfile on, gzip off; the cache server: deploy/nginx.conf's lines (proxy_cache_path with its zone and sizes, the cookie map, upstream keepalive, the TLS server's lines and location) without TLS, requests that reached Balai logged; the static server: the saved bytes with Balai's headers"
echo "- wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'): -t$CORES -c64 and -c512, -d${DURATION}s --timeout 30s --latency, after a ${WARMUP}-s warm-up each; plain (no Accept-Encoding); one run each, static, cache, then Balai alone"
echo
echo "| page, connections | static nginx req/s (p50 / p99 ms) | nginx cache req/s (p50 / p99 ms) | ratio | requests that reached Balai | Balai alone req/s (p50 / p99 ms) | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for conns in "${CONNECTIONS[@]}"; do
    for page in "${PAGES[@]}"; do
        row="| $page \`${url_of[$page]}\`, $conns"
        read -r srps sp50 sp99 serr <<<"${result[$conns.$page.static]}"
        row+=" | $(printf "%'d" "$srps") ($sp50 / $sp99)"
        for how in cache balai; do
            read -r rps p50 p99 err <<<"${result[$conns.$page.$how]}"
            ratio=$(python3 -c "print(f'{$rps / $srps:.2f}' if $srps else '-')")
            note=
            [ "$err" = 0 ] || note=" ($err errors or non-2xx)"
            row+=" | $(printf "%'d" "$rps") ($p50 / $p99)$note | $ratio"
            [ $how = cache ] && row+=" | ${reached[$conns.$page.cache]}"
        done
        [ "$serr" = 0 ] || row+=" (static: $serr errors or non-2xx)"
        echo "$row |"
    done
done
printf '\nCache mode: %.0f s measuring (after the build).\n' "$(python3 -c "print($EPOCHREALTIME - $MEASURE_START)")"
