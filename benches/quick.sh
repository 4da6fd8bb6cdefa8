#!/usr/bin/env bash
# benches/run.sh --quick (this script): the public pages against nginx serving the same
# bytes, in a few minutes, twice:
#
#   defaults  Balai as the README starts it (`balai serve`: pretty log at info, a line per
#             request, BALAI_REQUEST_LOG=all), its output to a file as a service manager
#             would keep it; nginx with `access_log` on, to a file.
#   reduced   Balai with BALAI_REQUEST_LOG=errors (the README's advice for a busy
#             deployment: only 4xx and 5xx answers logged); nginx with `access_log off`.
#
# Pages (plain, no gzip): home, a workshop, a content page, a public report, browse,
# statistics, an agency page, and Open311 `GET /open311/v2/requests.json`; each (by default) one run of
# BENCH_QUICK_DURATION s (5) after a BENCH_QUICK_WARMUP s (1) warm-up, wrk -t<cores> -c32,
# Balai first, then nginx. Then, under the defaults: Open311 `POST requests.json` (a new
# report each, wrk + benches/open311.lua) against the web form's send step (benches/form.lua
# through bench.py submit: 32 clients fill drafts for 5 s, then send them all), in the same
# run, each counted in the database.
#
# About 4 minutes after the build (`cargo build --release`, not counted; BENCH_SKIP_BUILD=1
# reuses target/release/balai). On a database of BENCH_QUICK_REPORTS synthetic reports
# (2000), not the million of the full run: the full run's tables are the ones published.
# Prints its exact configuration above the table. Loopback only.
#
# BENCH_QUICK_RUNS=N (1) measures each page N times per server, alternating which goes
# first, and shows the median run; BENCH_QUICK_CONFIGS ("defaults reduced") picks the
# configurations (the write path runs under the defaults only). The comparison issue #24
# sets its goal on: BENCH_QUICK_RUNS=3 BENCH_QUICK_CONFIGS=reduced (about 5 minutes).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BENCH_PY="python3 $REPO/benches/bench.py"
DURATION=${BENCH_QUICK_DURATION:-5}
WARMUP=${BENCH_QUICK_WARMUP:-1}
CONNS=32
RUNS=${BENCH_QUICK_RUNS:-1}
CONFIGS=${BENCH_QUICK_CONFIGS:-defaults reduced}
for c in $CONFIGS; do
    case $c in defaults | reduced) ;; *) echo "BENCH_QUICK_CONFIGS: defaults and/or reduced, not $c" >&2; exit 2 ;; esac
done
REPORTS=${BENCH_QUICK_REPORTS:-2000}
SUBMIT_CLIENTS=32
SUBMIT_PREP=5
CORES=$(nproc)
STARTED_AT=$EPOCHREALTIME
say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'benches/run.sh --quick: %s\n' "$*" >&2; exit 1; }

WORK_PREFIX=balai-quick
BUILD_NOTE="not counted in the quick mode's time"
# shellcheck source=benches/common.sh
source "$REPO/benches/common.sh"
MEASURE_START=$EPOCHREALTIME
busy_before=$($BENCH_PY cpu-busy 3)

say "seeding $REPORTS reports"
DATA=$WORK/data
mkdir -p "$DATA"
env -u BALAI_DATABASE_URL BALAI_DATA_DIR="$DATA" RUST_LOG=error "$BALAI" seed --reports "$REPORTS" --seed 1 >"$WORK/seed.log" 2>&1 ||
    die "seeding failed: $(tail -3 "$WORK/seed.log")"
OPEN311_KEY=$(env -u BALAI_DATABASE_URL BALAI_DATA_DIR="$DATA" RUST_LOG=error "$BALAI" partner add \
    --name "Benchmark partner" --scope submit --per-minute 100000000 | sed -n 's/^key: //p')
[ -n "$OPEN311_KEY" ] || die "balai partner add printed no key"

BPORT=$($BENCH_PY free-port)
BASE=http://127.0.0.1:$BPORT
NPORT=$($BENCH_PY free-port)
NBASE=http://127.0.0.1:$NPORT
# The form's limits lifted for the write path, as in the full run (one address sends
# everything): BALAI_SUBMISSIONS_PER_HOUR and BALAI_MIN_FORM_SECONDS.
LIMITS=(BALAI_SUBMISSIONS_PER_HOUR=1000000 BALAI_MIN_FORM_SECONDS=0)
declare -A BALAI_ENV=(
    [defaults]="${LIMITS[*]}"
    [reduced]="${LIMITS[*]} BALAI_REQUEST_LOG=errors"
)
declare -A NGINX_LOG=(
    [defaults]="access_log $WORK/nginx-access.log;"
    [reduced]="access_log off;"
)
start_balai() { # config
    rm -f "$WORK/balai.pid"
    # shellcheck disable=SC2086
    env -u BALAI_DATABASE_URL -u RUST_LOG -u BALAI_LOG_FORMAT -u BALAI_REQUEST_LOG \
        BALAI_BIND=127.0.0.1:$BPORT BALAI_DATA_DIR="$DATA" ${BALAI_ENV[$1]} \
        $BENCH_PY start "$WORK/balai.pid" "$WORK/balai.$1.log" "$BASE/health" -- "$BALAI" serve >/dev/null ||
        die "Balai did not start: $(tail -5 "$WORK/balai.$1.log")"
    BALAI_PID=$(cat "$WORK/balai.pid")
    STARTED_PIDS+=("$BALAI_PID")
    $BENCH_PY quiet "$BALAI_PID" >/dev/null
}

workshop_slug=
report_code=
PAGES=(home workshop content report browse statistics agency open311-requests)
declare -A url_of=()
declare -A file_of=()
find_urls() {
    local f slug
    for f in content/workshops/*.id.md; do
        slug=$(basename "$f" .id.md)
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/id/workshops/$slug")" = 200 ]; then
            workshop_slug=$slug
            break
        fi
    done
    [ -n "$workshop_slug" ] || die "no workshop page answers 200"
    report_code=$(sqlite3 "$DATA/balai.db" "SELECT code FROM reports WHERE privacy<>'confidential' AND held=0 AND verified_at IS NOT NULL AND status='closed' LIMIT 1")
    [ -n "$report_code" ] || die "no public closed report in the seeded database"
    url_of=([home]=/id/ [workshop]=/id/workshops/$workshop_slug [content]=/id/pages/about
        [report]=/en/reports/$report_code [browse]=/en/reports [statistics]=/en/statistics
        [agency]=/en/agencies/kemenhub [open311-requests]=/open311/v2/requests.json)
    local p
    for p in "${PAGES[@]}"; do
        case $p in open311-*) file_of[$p]=$p.json ;; *) file_of[$p]=$p.html ;; esac
    done
}

start_nginx() { # config: saves Balai's answers and serves them
    local page url adds h name value locations=""
    rm -rf "$WORK/nginx"
    mkdir -p "$WORK/nginx/root" "$WORK/nginx/tmp"
    chmod 755 "$WORK/nginx" "$WORK/nginx/root"
    for page in "${PAGES[@]}"; do
        url=${url_of[$page]}
        curl -sS -f -D "$WORK/$page.headers" -o "$WORK/nginx/root/${file_of[$page]}" "$BASE$url" ||
            die "$page ($url) did not answer 200"
        chmod 644 "$WORK/nginx/root/${file_of[$page]}"
        # Balai's own headers (CSP and the rest) sent by nginx too, so both answers weigh the same.
        adds=
        while IFS= read -r h; do
            h=${h%$'\r'}
            name=${h%%:*}
            value=${h#*: }
            case ${name,,} in
            '' | http/* | date | content-length | content-type | content-encoding | \
                transfer-encoding | vary | connection | keep-alive | server) continue ;;
            esac
            case $value in *'"'* | *'$'* | *'\'*) continue ;; esac
            adds+="            add_header $name \"$value\" always;"$'\n'
        done <"$WORK/$page.headers"
        locations+="        location = /${file_of[$page]} {"$'\n'"$adds        }"$'\n'
    done
    cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $CORES;
pid $WORK/nginx/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
    ${NGINX_LOG[$1]}
    server_tokens off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    types { text/html html; application/json json; }
    default_type application/octet-stream;
    charset utf-8;
    charset_types application/json;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    etag off;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    gzip off;
    server {
        listen 127.0.0.1:$NPORT;
        root $WORK/nginx/root;
$locations        location / { return 404; }
    }
}
EOF
    $NGINX -e stderr -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx.log" 2>&1 &
    NGINX_PID=$!
    STARTED_PIDS+=("$NGINX_PID")
    for _ in $(seq 100); do
        curl -s -o /dev/null "$NBASE/home.html" && break
        sleep 0.05
    done
    for page in "${PAGES[@]}"; do
        curl -sS -f -o "$WORK/check" "$NBASE/${file_of[$page]}" || die "nginx does not serve $page"
        cmp -s "$WORK/check" "$WORK/nginx/root/${file_of[$page]}" || die "nginx answers other bytes for $page"
    done
}

wrk_run() { # seconds url out
    wrk -t"$CORES" -c"$CONNS" -d"$1"s --timeout 30s --latency "$2" >"$3"
}
# req/s, p99 ms, non-2xx of a wrk output
read_wrk() {
    python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", t, re.M)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
err = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
n = (int(bad.group(1)) if bad else 0) + (sum(int(x) for x in err.groups()) if err else 0)
print(f"{rps:.0f} {p99:.2f} {n}")
PY
}

# The run with the median req/s of "rps p99 errors;" entries (its p99 with it; errors summed).
median_run() {
    python3 - "$1" <<'PY'
import sys
runs = [r.split() for r in sys.argv[1].split(";") if r.strip()]
runs.sort(key=lambda r: float(r[0]))
m = runs[(len(runs) - 1) // 2]
print(f"{m[0]} {m[1]} {sum(int(r[2]) for r in runs)}")
PY
}

declare -A result=()
declare -A runs=()
for config in $CONFIGS; do
    say "$config: Balai and nginx"
    start_balai "$config"
    [ -n "$report_code" ] || find_urls
    start_nginx "$config"
    for page in "${PAGES[@]}"; do
        for server in balai nginx; do
            if [ $server = balai ]; then u=$BASE${url_of[$page]}; else u=$NBASE/${file_of[$page]}; fi
            wrk_run "$WARMUP" "$u" /dev/null
        done
        # Runs alternate which server goes first, so neither always follows the other's load.
        for run in $(seq "$RUNS"); do
            order="balai nginx"
            [ $((run % 2)) = 1 ] || order="nginx balai"
            for server in $order; do
                if [ $server = balai ]; then u=$BASE${url_of[$page]}; else u=$NBASE/${file_of[$page]}; fi
                out="$WORK/$config.$page.$server.$run.txt"
                wrk_run "$DURATION" "$u" "$out"
                runs[$config.$page.$server]+="$(read_wrk "$out");"
                echo "$config $page $server run $run: $(read_wrk "$out") (req/s, p99 ms, errors)" >&2
            done
        done
        for server in balai nginx; do
            result[$config.$page.$server]=$(median_run "${runs[$config.$page.$server]}")
        done
    done
    if [ "$config" = defaults ]; then
        say "defaults: Open311 POST against the web form's send step"
        before=$(sqlite3 "$DATA/balai.db" "SELECT count(*) FROM reports")
        $BENCH_PY submit "$BASE" "$SUBMIT_CLIENTS" "$SUBMIT_PREP" "$WORK/submit.json" >&2
        after_form=$(sqlite3 "$DATA/balai.db" "SELECT count(*) FROM reports")
        wrk -t"$CORES" -c"$CONNS" -d"$DURATION"s --timeout 30s -s benches/open311.lua "$BASE" -- "$OPEN311_KEY" >"$WORK/open311-post.txt"
        after_post=$(sqlite3 "$DATA/balai.db" "SELECT count(*) FROM reports")
        post_json=$(grep '^{' "$WORK/open311-post.txt" | tail -1)
    fi
    stop_pid "$NGINX_PID"
    stop_pid "$BALAI_PID"
done

log_lines=$(wc -l <"$WORK/balai.defaults.log" 2>/dev/null || echo "not run:")
log_lines_reduced=$(wc -l <"$WORK/balai.reduced.log" 2>/dev/null || echo "not run:")
nginx_lines=$(wc -l <"$WORK/nginx-access.log" 2>/dev/null || echo 0)
busy_after=$($BENCH_PY cpu-busy 3)
commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -z "$(git status --porcelain -- src 2>/dev/null)" ] || echo ' with local changes in src/')"

echo
echo "Configuration (benches/run.sh --quick, $(date -u '+%F %H:%M UTC')):"
echo "- machine: $CORES cores ($(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), shared by wrk, Balai and nginx; CPU ${busy_before}% busy before, ${busy_after}% after (over 3 s, nothing of ours running)"
echo "- Balai: commit $commit, $BALAI built $(date -r "$BALAI" '+%F %T')$stale; SQLite, $REPORTS synthetic reports (balai seed --reports $REPORTS --seed 1); ${LIMITS[*]}; actix workers: one per core ($CORES)"
echo "- defaults: no RUST_LOG, BALAI_LOG_FORMAT or BALAI_REQUEST_LOG set (info, pretty, a line per request), output to a file ($log_lines lines written); nginx access_log on to a file (combined format, unbuffered; $nginx_lines lines)"
echo "- reduced: BALAI_REQUEST_LOG=errors ($log_lines_reduced lines written); nginx access_log off"
echo "- nginx $($NGINX -v 2>&1 | sed 's/.*nginx\///'): worker_processes $CORES, keepalive_requests 1000000, keepalive_timeout 75s, sendfile on, gzip off, Balai's headers added to each saved page"
echo "- wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'): -t$CORES -c$CONNS -d${DURATION}s --timeout 30s, after a ${WARMUP}-s warm-up per page and server; plain (no Accept-Encoding); $RUNS run(s) each, the median shown, Balai first in odd runs and nginx first in even ones; configurations run: $CONFIGS"
echo
echo "| page (wrk -c$CONNS, plain) | defaults: Balai req/s (p99 ms) | nginx, access_log on | ratio | reduced: Balai req/s (p99 ms) | nginx, access_log off | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for page in "${PAGES[@]}"; do
    row="| $page \`${url_of[$page]}\`"
    for config in defaults reduced; do
        if [ -z "${result[$config.$page.balai]:-}" ]; then
            row+=" | not run | not run | -"
            continue
        fi
        read -r brps bp99 berr <<<"${result[$config.$page.balai]}"
        read -r nrps np99 nerr <<<"${result[$config.$page.nginx]}"
        ratio=$(python3 -c "print(f'{$brps / $nrps:.2f}' if $nrps else '-')")
        note=
        [ "$berr$nerr" = 00 ] || note=" ($berr/$nerr errors or non-2xx)"
        row+=" | $(printf "%'d" "$brps") ($bp99) | $(printf "%'d" "$nrps") ($np99) | $ratio$note"
    done
    echo "$row |"
done
echo
if [ -z "${post_json:-}" ]; then
    echo "Write path not measured: it runs under the defaults, and BENCH_QUICK_CONFIGS was '$CONFIGS'."
else
python3 - "$WORK/submit.json" "$post_json" "$before" "$after_form" "$after_post" "$DURATION" <<'PY'
import json, sys
form = json.load(open(sys.argv[1]))
post = json.loads(sys.argv[2])
before, after_form, after_post = (int(x) for x in sys.argv[3:6])
made = after_post - after_form
answered = post["requests"] - post["non_2xx"]
per_s = answered / post["seconds"] if post["seconds"] else 0
ratio = per_s / form["sends_per_s"] if form["sends_per_s"] else float("nan")
print("| write path (defaults, same run) | reports/s | p50 / p99 ms | reports stored |")
print("| --- | --- | --- | --- |")
print(f"| web form's send step ({form['clients']} clients; {form['sent']} drafts filled for 5 s, then sent) "
      f"| {form['sends_per_s']:,.0f} | {form['send_p50_ms']:.0f} / {form['send_p99_ms']:.0f} | {after_form - before} of {form['sent']} sent |")
print(f"| Open311 POST requests.json (wrk -c32, {post['seconds']:.1f} s, a new report each; {post['non_2xx']} non-2xx) "
      f"| {per_s:,.0f} ({ratio:.2f}x the send step) | {post['p50_ms']:.0f} / {post['p99_ms']:.0f} | {made} for {answered} answered 200 in the run (and any still in flight at its end) |")
PY
fi
printf '\nQuick mode: %.0f s measuring (after the build).\n' "$(python3 -c "print($EPOCHREALTIME - $MEASURE_START)")"
