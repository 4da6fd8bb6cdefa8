#!/usr/bin/env bash
# Balai benchmarks: one command, one table.
#
#   benches/run.sh
#   benches/run.sh --quick   the public pages and Open311 against nginx, with the README's
#                            defaults and with logging reduced, in about 4 minutes after the
#                            build (benches/quick.sh says how)
#   benches/run.sh --cache   a campaign page and a public report page through nginx with
#                            deploy/nginx.conf's cache, against Balai alone and nginx serving
#                            the same bytes, at 64 and 512 connections (benches/cache.sh)
#   benches/run.sh --replica public pages read from a PostgreSQL streaming replica against
#                            read from the primary (benches/replica.sh)
#
# Builds Balai in release mode, starts it on fresh SQLite databases (start-up time), seeds
# BENCH_REPORTS synthetic reports (`balai seed --reports N --seed 1`, timed) and starts it
# on that database on a free loopback port for everything else, measured against
# references run in the same session on the same machine:
#   1. pages vs nginx serving a saved copy of the same bytes, plain and gzip, wrk --latency
#      (median of BENCH_RUNS runs): home, a workshop, a content page at 64 connections; a
#      public report, browsing (default, a filter, a text search, the last page), the
#      statistics and an agency page at 32 connections;
#   open data: /data/reports.csv timed with curl, rows counted, Balai's RSS sampled;
#   2. sending a report: 32 clients fill drafts (every step), then send them all; the send
#      step's reports/s against single-row durable commits (python3 sqlite3, WAL,
#      synchronous=FULL) for as long, in the same data dir; reports stored = sends
#      acknowledged;
#   3. balai::photos::process vs vipsthumbnail [strip] on a 12-megapixel JPEG with GPS EXIF
#      and a 4000x3000 PNG: wall time, peak RSS (/usr/bin/time -v), output bytes at Q=82;
#   4. the report page's p99 (wrk, 8 connections) while 2 clients upload the 12 MP JPEG,
#      against the same without uploads;
#   5. footprint: VmRSS idle and under load, start-up time to the first 200 on /health on a
#      fresh database and on the seeded one;
#   6. PostgreSQL (when it answers at BENCH_PG; BENCH_POSTGRES=0 skips it): the same reports
#      seeded into a fresh database, Balai on it, the public pages under the same load.
#
# Everything runs on 127.0.0.1 only. Installs what it needs with apt-get (wrk, nginx,
# libvips-tools, imagemagick, libimage-exiftool-perl, time, curl, sqlite3). Takes about
# 50 minutes, 10 of them seeding a million reports (more on the first run, which also builds
# the photo program: a few minutes).
#
# Knobs (environment): BENCH_DURATION=10 (s per wrk run), BENCH_RUNS=3, BENCH_WARMUP=3 (s),
# BENCH_CONNECTIONS=64 (home, workshop, content), BENCH_BROWSE_CONNECTIONS=32 (the other
# pages), BENCH_REPORTS=1000000 (reports seeded), BENCH_PG_REPORTS=BENCH_REPORTS (on
# PostgreSQL), BENCH_POSTGRES=1, BENCH_PG=postgres://postgres@127.0.0.1:5432, BENCH_PG_URL
# (a database seeded earlier with `balai seed --reports N --seed 1`: used, not dropped),
# BENCH_SQLITE_SEEDED (a data folder seeded earlier the same way: its balai.db is copied),
# BENCH_SUBMIT_CLIENTS=32,
# BENCH_SUBMIT_PREP=3*BENCH_DURATION (s of filling drafts before they are all sent),
# BENCH_PHOTO_RUNS=5, BENCH_SKIP_BUILD=1 (reuse target/release/balai and the photo program
# as built), BENCH_KEEP=1 (keep the work folder with raw wrk outputs, images, the database).
set -euo pipefail
case "${1:-}" in
--quick) exec "$(dirname "${BASH_SOURCE[0]}")/quick.sh" ;;
--cache) exec "$(dirname "${BASH_SOURCE[0]}")/cache.sh" ;;
--replica) exec "$(dirname "${BASH_SOURCE[0]}")/replica.sh" ;;
"") ;;
*) echo "usage: benches/run.sh [--quick | --cache | --replica]" >&2; exit 2 ;;
esac

DURATION=${BENCH_DURATION:-10}
RUNS=${BENCH_RUNS:-3}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
BROWSE_CONNECTIONS=${BENCH_BROWSE_CONNECTIONS:-32}
REPORTS=${BENCH_REPORTS:-1000000}
PG_REPORTS=${BENCH_PG_REPORTS:-$REPORTS}
SUBMIT_CLIENTS=${BENCH_SUBMIT_CLIENTS:-32}
SUBMIT_PREP=${BENCH_SUBMIT_PREP:-$((DURATION * 3))}
PHOTO_RUNS=${BENCH_PHOTO_RUNS:-5}
JPEG_QUALITY=82 # src/photos.rs JPEG_QUALITY

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_PY="python3 $REPO/benches/bench.py"
cd "$REPO"
STARTED_AT=$EPOCHREALTIME

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'benches/run.sh: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/balai-bench.XXXXXX")
# nginx's workers run as an unprivileged user when started as root: let them read the root.
chmod 755 "$WORK"
FACTS=$WORK/facts.tsv
: >"$FACTS"
fact() { printf '%s\t%s\n' "$1" "$2" >>"$FACTS"; }

# ------------------------------------------------------------------ processes and clean-up
# Only processes this script started, and only while they run (a stopped one's PID may be
# reused by another process).
STARTED_PIDS=()
track() { STARTED_PIDS+=("$1"); }
untrack() {
    local keep=() p
    for p in "${STARTED_PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
    STARTED_PIDS=("${keep[@]}")
}
stop() { stop_pid "$1"; untrack "$1"; }
stop_pid() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        echo "work folder kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
# /usr/local/bin may hold a stand-in `convert`: use Debian's ImageMagick by its full path.
IM_CONVERT=/usr/bin/convert
IM_COMPARE=/usr/bin/compare
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v vipsthumbnail >/dev/null || need+=(libvips-tools)
{ [ -x "$IM_CONVERT" ] && "$IM_CONVERT" -version 2>/dev/null | grep -q ImageMagick; } || need+=(imagemagick)
command -v exiftool >/dev/null || need+=(libimage-exiftool-perl)
[ -x /usr/bin/time ] || need+=(time)
command -v curl >/dev/null || need+=(curl)
command -v sqlite3 >/dev/null || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
NGINX=/usr/sbin/nginx

# ------------------------------------------------------------------ the machine
CORES=$(nproc)
CPU_MODEL=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM_TOTAL=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
    echo "Machine: $CORES cores ($CPU_MODEL), $MEM_TOTAL RAM, $(uname -sr)"
    busy=$($BENCH_PY cpu-busy 3)
    echo "Before starting: CPU ${busy}% busy over 3 s with nothing of ours running$( [ "$busy" -le 15 ] || echo ' (BUSY: other work is running, figures are noisy)'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Tools: $(rustc --version), $($NGINX -v 2>&1 | sed 's/.*: //'), wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'), libvips $(vipsthumbnail --vips-version | awk '{print $2}'), $("$IM_CONVERT" -version | awk 'NR==1 {print $2, $3}'), exiftool $(exiftool -ver)"
    echo "Load generator, Balai and nginx share the same $CORES cores (wrk -t$CORES -c$CONNECTIONS)."
} | tee "$WORK/machine.txt" >&2

# ------------------------------------------------------------------ build
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    say "cargo build --release"
    cargo build --release >&2
fi
BALAI=$REPO/target/release/balai
[ -x "$BALAI" ] || die "no $BALAI (build it, or unset BENCH_SKIP_BUILD)"
stale=
[ -z "$(find src Cargo.toml Cargo.lock build.rs migrations -newer "$BALAI" -type f -print -quit)" ] ||
    stale=" (BALAI BINARY OLDER THAN THE SOURCES: BENCH_SKIP_BUILD)"
echo "Balai: commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -z "$(git status --porcelain -- src 2>/dev/null)" ] || echo ' with local changes in src/'), binary built $(date -r "$BALAI" '+%F %T')$stale" |
    tee -a "$WORK/machine.txt" >&2

# The photo program: a throwaway crate outside the repo that depends on this one by path, so
# no code is added to src/ and Cargo.toml stays untouched. Cached in target/bench-photo.
say "building the photo program (balai::photos::process)"
PHOTO_PROJ=${TMPDIR:-/tmp}/balai-photo-bench
mkdir -p "$PHOTO_PROJ/src"
write_if_changed() { # path; content on stdin. Unchanged files keep their mtime (no rebuild).
    local new
    new=$(mktemp)
    cat >"$new"
    if cmp -s "$new" "$1"; then rm -f "$new"; else mv "$new" "$1"; fi
}
write_if_changed "$PHOTO_PROJ/Cargo.toml" <<EOF
[package]
name = "balai-photo-bench"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
balai = { path = "$REPO" }

[profile.release]
strip = true

[workspace]
EOF
write_if_changed "$PHOTO_PROJ/src/main.rs" <<'EOF'
//! Runs balai::photos::process on one file, as the report form will: the whole upload in
//! memory, no claimed type. Writes display.jpg and thumb.jpg into OUTDIR.
use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: balai-photo-bench INPUT OUTDIR".into());
    };
    let out = PathBuf::from(out);
    let bytes = std::fs::read(&input)?;
    let started = Instant::now();
    let photo = balai::photos::process(&bytes, None)?;
    let elapsed = started.elapsed();
    std::fs::write(out.join("display.jpg"), &photo.display)?;
    std::fs::write(out.join("thumb.jpg"), &photo.thumb)?;
    println!(
        "display {}x{} {} bytes, thumb {}x{} {} bytes, process {:.1} ms",
        photo.display_width,
        photo.display_height,
        photo.display.len(),
        photo.thumb_width,
        photo.thumb_height,
        photo.thumb.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}
EOF
# The same dependency versions as the application.
if [ ! -f "$PHOTO_PROJ/Cargo.lock" ] || [ "$REPO/Cargo.lock" -nt "$PHOTO_PROJ/Cargo.lock" ]; then
    cp "$REPO/Cargo.lock" "$PHOTO_PROJ/Cargo.lock"
fi
PHOTO_BIN=$REPO/target/bench-photo/release/balai-photo-bench
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -x "$PHOTO_BIN" ]; then
    CARGO_TARGET_DIR=$REPO/target/bench-photo cargo build --release \
        --manifest-path "$PHOTO_PROJ/Cargo.toml" >&2
fi

# ------------------------------------------------------------------ test photos
# Made here, never downloaded; cached (they take ~25 s to make). A plasma fractal with
# sensor-like noise stands in for a phone photo; EXIF carries a GPS position (Jakarta), a
# camera and Orientation=6 (turned 90 degrees, as a phone held upright writes it).
INPUTS=$REPO/target/bench-photo/inputs-v1
PHOTO_JPEG=$INPUTS/photo-12mp.jpg
PHOTO_PNG=$INPUTS/screen-4000x3000.png
if [ ! -s "$PHOTO_JPEG" ] || [ ! -s "$PHOTO_PNG" ]; then
    say "making the test photos"
    mkdir -p "$INPUTS"
    "$IM_CONVERT" -size 4000x3000 -seed 42 plasma:fractal -blur 0x1 -attenuate 0.4 \
        +noise Gaussian -quality 92 -sampling-factor 2x2 "$INPUTS/tmp.jpg"
    exiftool -q -overwrite_original -n -Make=BenchCam -Model="Balai Bench 1" \
        -DateTimeOriginal="2026:11:27 10:00:00" -Orientation=6 \
        -GPSLatitude=6.2088 -GPSLatitudeRef=S -GPSLongitude=106.8456 -GPSLongitudeRef=E \
        "$INPUTS/tmp.jpg"
    mv "$INPUTS/tmp.jpg" "$PHOTO_JPEG"
    "$IM_CONVERT" -size 4000x3000 -seed 7 plasma:fractal -blur 0x3 "png24:$INPUTS/tmp.png"
    mv "$INPUTS/tmp.png" "$PHOTO_PNG"
fi
[ -n "$(exiftool -s3 -GPSPosition "$PHOTO_JPEG")" ] || die "the test JPEG lost its GPS tag"
for f in "$PHOTO_JPEG" "$PHOTO_PNG"; do
    # src/photos.rs refuses files over MAX_BYTES (10 MiB).
    [ "$(stat -c %s "$f")" -le $((10 * 1024 * 1024)) ] || die "$f is over 10 MiB"
done

# ------------------------------------------------------------------ 5. start-up
BPORT=$($BENCH_PY free-port)
BASE=http://127.0.0.1:$BPORT
start_balai() { # DATA_DIR [VAR=value...]; prints ms to the first 200 on /health
    local data=$1
    shift
    env -u BALAI_DATABASE_URL BALAI_BIND=127.0.0.1:$BPORT BALAI_DATA_DIR="$data" \
        BALAI_LOG_FORMAT=json RUST_LOG=warn "$@" \
        $BENCH_PY start "$WORK/balai.pid" "$WORK/balai.log" "$BASE/health" -- "$BALAI"
}
start_series() { # LABEL DATA_DIR(empty: a fresh one each time) [VAR=value...]: 3 starts,
    # the last one left running as BALAI_PID; the times go to STARTUPS
    local label=$1 data=$2 i ms busy
    shift 2
    STARTUPS=()
    for i in 1 2 3; do
        rm -f "$WORK/balai.pid"
        ms=$(start_balai "${data:-$(mktemp -d "$WORK/data.XXXX")}" "$@") || {
            [ -s "$WORK/balai.pid" ] && track "$(cat "$WORK/balai.pid")"
            die "Balai did not start: $(tail -5 "$WORK/balai.log")"
        }
        STARTUPS+=("$ms")
        BALAI_PID=$(cat "$WORK/balai.pid")
        track "$BALAI_PID"
        # Start-up goes on in the background (content images resized): wait until it is done.
        busy=$($BENCH_PY quiet "$BALAI_PID")
        echo "$label, start $i: first 200 on /health after $ms ms; background work done after ${busy} s" >&2
        [ "$i" = 3 ] || stop "$BALAI_PID"
    done
}
say "start-up: 3 starts on fresh SQLite databases"
start_series fresh ""
fact startup_ms "${STARTUPS[*]}"
fact rss.start_kb "$($BENCH_PY rss "$BALAI_PID" | cut -d' ' -f1)"
stop "$BALAI_PID"

# ------------------------------------------------------------------ seed
# The reports that browsing, statistics, the open data and the write path run against.
SEEDED=$WORK/data-seeded
mkdir -p "$SEEDED"
DB=$SEEDED/balai.db
t0=$EPOCHREALTIME
if [ -n "${BENCH_SQLITE_SEEDED:-}" ]; then
    # A data folder seeded earlier: its database is copied (left as it was), not seeded again.
    say "copying the database seeded earlier in $BENCH_SQLITE_SEEDED"
    [ -f "$BENCH_SQLITE_SEEDED/balai.db" ] || die "no balai.db in $BENCH_SQLITE_SEEDED"
    sqlite3 "$BENCH_SQLITE_SEEDED/balai.db" "VACUUM INTO '$DB'"
    echo "copied: seeded earlier, not timed here" >"$WORK/seed.txt"
else
    say "seeding $REPORTS synthetic reports (balai seed --reports $REPORTS --seed 1)"
    # RUST_LOG=error: sqlx's slow-statement warnings (whole batch inserts) would flood the log.
    env -u BALAI_DATABASE_URL BALAI_DATA_DIR="$SEEDED" BALAI_LOG_FORMAT=json RUST_LOG=error \
        "$BALAI" seed --reports "$REPORTS" --seed 1 >"$WORK/seed.txt" 2>"$WORK/seed.err" ||
        die "balai seed failed: $(tail -c 2000 "$WORK/seed.err")"
fi
seed_wall=$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.1f}')")
seed_said=$(grep -o 'written in [0-9.]* s' "$WORK/seed.txt" | grep -o '[0-9.]*' || true)
grep 'written in' "$WORK/seed.txt" >&2 || true
fact seed.reports "$REPORTS"
fact seed.said_s "${seed_said:-?}"
fact seed.wall_s "$seed_wall"
n_reports=$(sqlite3 "$DB" 'SELECT count(*) FROM reports')
fact seed.count "$n_reports"
fact seed.db_mb "$(du -cm "$DB"* | tail -1 | cut -f1)"
echo "seed: $n_reports reports in the database, ${seed_wall} s wall, $(du -ch "$DB"* | tail -1 | cut -f1) on disk" >&2

# Balai on the seeded database for everything that follows. The form limits are lifted
# (for the write path and the uploads): BALAI_SUBMISSIONS_PER_HOUR=1000000 (one bucket for
# 127.0.0.1) and BALAI_MIN_FORM_SECONDS=0 (else clients this fast look like bots).
LIMITS=(BALAI_SUBMISSIONS_PER_HOUR=1000000 BALAI_MIN_FORM_SECONDS=0)
say "start-up: 3 starts on the seeded database ($n_reports reports)"
start_series seeded "$SEEDED" "${LIMITS[@]}"
fact startup_seeded_ms "${STARTUPS[*]}"
fact rss.start_seeded_kb "$($BENCH_PY rss "$BALAI_PID" | cut -d' ' -f1)"

# ------------------------------------------------------------------ 1. pages: save copies
PAGES=(home workshop content report browse browse-filter browse-search browse-last statistics agency)
# The statistics and agency pages share figures cached for 5 minutes: each is measured in a
# block of its own (see fresh_figures), statistics first and agency last.
ORDER=(statistics home workshop content report browse browse-filter browse-search browse-last agency)
workshop_slug=
for f in content/workshops/*.id.md; do
    slug=$(basename "$f" .id.md)
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/id/workshops/$slug")" = 200 ]; then
        workshop_slug=$slug
        break
    fi
done
[ -n "$workshop_slug" ] || die "no workshop page answers 200"
report_code=$(sqlite3 "$DB" "SELECT code FROM reports WHERE privacy<>'confidential' AND held=0 AND verified_at IS NOT NULL AND status='closed' LIMIT 1")
[ -n "$report_code" ] || die "no public closed report in the seeded database"
declare -A url_of=(
    [home]=/id/
    [workshop]=/id/workshops/$workshop_slug
    [content]=/id/pages/about
    [report]=/en/reports/$report_code
    [browse]=/en/reports
    [browse-filter]='/en/reports?status=all&province=32'
    [browse-search]='/en/reports?status=all&q=jalan'
    [browse-last]='/en/reports?status=all&last=1'
    [statistics]=/en/statistics
    [agency]=/en/agencies/kemenhub
)
# Connections and targets (issue #6 for the pages of public browsing): minimum throughput
# ratio to nginx ("-": none), p99 in ms.
declare -A conns_of=() target_of=(
    [home]='0.5 10' [workshop]='0.5 10' [content]='0.5 10'
    [report]='0.333 20' [browse]='- 20' [browse-filter]='- 20' [browse-search]='- 20'
    [browse-last]='- 20' [statistics]='- 50' [agency]='- 20'
)
for page in "${PAGES[@]}"; do
    case $page in home | workshop | content) conns_of[$page]=$CONNECTIONS ;; *) conns_of[$page]=$BROWSE_CONNECTIONS ;; esac
    fact "conns.$page" "${conns_of[$page]}"
    fact "target.$page" "${target_of[$page]}"
done
NGINX_DIR=$WORK/nginx
mkdir -p "$NGINX_DIR/root" "$NGINX_DIR/tmp" "$WORK/wrk"
chmod 755 "$NGINX_DIR" "$NGINX_DIR/root"
locations=
for page in "${PAGES[@]}"; do
    url=${url_of[$page]}
    fact "url.$page" "$url"
    # Same URL, no Accept-Encoding: the uncompressed bytes Balai sends. The first request
    # to each page on this instance (statistics: computes the figures).
    asked_at=$EPOCHSECONDS
    first=$(curl -sS -f -w '%{time_total}' -D "$WORK/$page.headers" -o "$NGINX_DIR/root/$page.html" "$BASE$url") ||
        die "$page ($url) did not answer 200"
    # The first request to the statistics page on this instance computes the figures.
    [ "$page" != statistics ] || STATS_AT=$asked_at
    fact "first_ms.$page" "$(python3 -c "print(f'{$first * 1000:.0f}')")"
    chmod 644 "$NGINX_DIR/root/$page.html"
    fact "bytes.$page.plain" "$(stat -c %s "$NGINX_DIR/root/$page.html")"
    # nginx sends Balai's own headers too (CSP and the rest), so both answers weigh the same.
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
    locations+="        location = /$page.html {"$'\n'"$adds        }"$'\n'
done

# ------------------------------------------------------------------ nginx
NPORT=$($BENCH_PY free-port)
NBASE=http://127.0.0.1:$NPORT
cat >"$NGINX_DIR/nginx.conf" <<EOF
# Written by benches/run.sh: static copies of Balai's pages, loopback only.
daemon off;
master_process on;
worker_processes $CORES;
pid $NGINX_DIR/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    server_tokens off;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    types { text/html html; }
    default_type application/octet-stream;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    etag off;
    # actix keeps a connection for any number of requests; nginx's default closes it after 1000.
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    # On the fly, as actix's Compress does. actix-http 3 gzips with flate2's
    # Compression::fast(), which is zlib level 1. text/html is always in gzip_types
    # (naming it again only draws a duplicate warning).
    gzip on;
    gzip_comp_level 1;
    gzip_min_length 0;
    gzip_vary on;
    server {
        listen 127.0.0.1:$NPORT;
        root $NGINX_DIR/root;
$locations        location / { return 404; }
    }
}
EOF
$NGINX -t -q -e stderr -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" 2>&1 | grep -v 'user" directive' >&2 || true
$NGINX -e stderr -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" >"$WORK/nginx.log" 2>&1 &
NGINX_PID=$!
track "$NGINX_PID"
for i in $(seq 100); do
    curl -s -o /dev/null "$NBASE/home.html" && break
    sleep 0.05
done

say "checking that both answer the same bytes, plain and gzip"
for page in "${PAGES[@]}"; do
    saved=$NGINX_DIR/root/$page.html
    curl -sS -f -o "$WORK/check.plain" "$NBASE/$page.html"
    cmp -s "$saved" "$WORK/check.plain" || die "nginx does not answer the saved $page page"
    sizes=
    for server in balai nginx; do
        if [ $server = balai ]; then u=$BASE${url_of[$page]}; else u=$NBASE/$page.html; fi
        curl -sS -f -H 'Accept-Encoding: gzip' -D "$WORK/check.h" -o "$WORK/check.gz" "$u"
        grep -qi '^content-encoding: gzip' "$WORK/check.h" || die "$server did not gzip $page"
        gunzip -c "$WORK/check.gz" | cmp -s - "$saved" || die "$server gzip body of $page differs"
        sizes+=${sizes:+/}$(stat -c %s "$WORK/check.gz")
    done
    fact "bytes.$page.gzip" "${sizes%/*} B, nginx ${sizes#*/} B"
    echo "$page ${url_of[$page]}: $(stat -c %s "$saved") B plain, $sizes B gzipped (Balai/nginx)" >&2
done

# ------------------------------------------------------------------ 1. pages: load
# --timeout 30s: an answer slower than wrk's default 2 s is counted in the latencies, not
# dropped as a socket timeout.
run_wrk() { # duration target url enc out [connections]
    local hdr=() c=${6:-$CONNECTIONS}
    [ "$4" = gzip ] && hdr=(-H 'Accept-Encoding: gzip')
    wrk -t"$CORES" -c"$c" -d"$1"s --timeout 30s --latency "${hdr[@]}" "$3" >"$5"
}
drain() { # let Balai finish what a run left it (slow requests go on after wrk stops)
    local waited
    waited=$($BENCH_PY quiet "$BALAI_PID" 120)
    case $waited in 1.0 | 1.1 | 1.2) ;; *) echo "  (Balai busy for ${waited} s after the run)" >&2 ;; esac
}
target_url() { # server page
    if [ "$1" = balai ]; then echo "$BASE${url_of[$2]}"; else echo "$NBASE/$2.html"; fi
}
warm_page() { # page
    local enc server
    for enc in plain gzip; do
        for server in balai nginx; do
            run_wrk "$WARMUP" $server "$(target_url $server "$1")" $enc /dev/null "${conns_of[$1]}"
            [ $server = nginx ] || drain
        done
    done
}

alone() { # page: 5 requests one after the other, the median
    local times=() i ms
    for i in 1 2 3 4 5; do
        times+=("$(curl -sS -f -o /dev/null -w '%{time_total}' "$BASE${url_of[$1]}")")
    done
    ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk '{printf "%.1f", $1 * 1000}')
    fact "alone_ms.$1" "$ms"
    echo "$1: one request at a time, $ms ms" >&2
}
# The statistics and agency pages share figures kept 5 minutes: when they expire under
# load, every request in flight computes them again (seconds each at a million reports).
# They are measured warm, each in a block of its own that must fit in the 5 minutes:
# requests to them happen only there, and a block that would not fit waits for the
# figures to expire and lets one request compute them again (timed) first.
STATS_BLOCK_S=$((4 * (WARMUP + 3) + RUNS * 4 * (DURATION + 3) + 15))
fresh_figures() { # page
    local age t asked_at
    age=$((EPOCHSECONDS - STATS_AT))
    if [ "$age" -lt 300 ] && [ $((age + STATS_BLOCK_S)) -gt 290 ]; then
        echo "$1: figures computed ${age} s ago would expire during the block: waiting $((301 - age)) s" >&2
        sleep $((301 - age))
    fi
    asked_at=$EPOCHSECONDS
    t=$(curl -sS -f -o /dev/null -w '%{time_total}' "$BASE${url_of[$1]}")
    [ $((asked_at - STATS_AT)) -lt 300 ] || STATS_AT=$asked_at
    echo "$1: first request of its block took ${t} s" >&2
    fact "block_first_ms.$1" "$(python3 -c "print(f'{$t * 1000:.0f}')")"
}

say "one request at a time: 5 sequential requests per page (median)"
for page in "${PAGES[@]}"; do
    case $page in statistics | agency) continue ;; esac
    alone "$page"
done

say "warm-up: ${WARMUP} s per page, encoding and server"
for page in "${PAGES[@]}"; do
    case $page in statistics | agency) continue ;; esac
    warm_page "$page"
done
sleep 2
fact rss.idle_kb "$($BENCH_PY rss "$BALAI_PID" | cut -d' ' -f1)"

say "measuring: $RUNS runs of ${DURATION} s per page, encoding and server (about $((${#PAGES[@]} * 2 * 2 * RUNS * (DURATION + 1) / 60)) min)"
for page in "${ORDER[@]}"; do
    case $page in
    statistics | agency)
        fresh_figures "$page"
        alone "$page"
        warm_page "$page"
        ;;
    esac
    for enc in plain gzip; do
        for run in $(seq "$RUNS"); do
            # Alternate which server goes first, so a drift in the machine hits both alike.
            order=(balai nginx)
            [ $((run % 2)) = 0 ] && order=(nginx balai)
            for server in "${order[@]}"; do
                out=$WORK/wrk/$page.$enc.$server.run$run.txt
                if [ $server = balai ]; then
                    $BENCH_PY sample-rss "$BALAI_PID" "$WORK/rss-load.txt" &
                    sampler=$!
                    track "$sampler"
                    run_wrk "$DURATION" $server "$(target_url $server "$page")" $enc "$out" "${conns_of[$page]}"
                    kill "$sampler" 2>/dev/null || true
                    wait "$sampler" 2>/dev/null || true
                    untrack "$sampler"
                    drain
                else
                    run_wrk "$DURATION" $server "$(target_url $server "$page")" $enc "$out" "${conns_of[$page]}"
                fi
                printf '%-13s %-5s run %s %-5s %s\n' "$page" "$enc" "$run" "$server" \
                    "$(grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors' "$out" | tr -s ' ' | tr '\n' ' ')" >&2
            done
        done
    done
done
read -r _ hwm < <($BENCH_PY rss "$BALAI_PID")
fact rss.hwm_kb "$hwm"
fact rss.load_max_kb "$(sort -n "$WORK/rss-load.txt" | tail -1)"
fact rss.load_median_kb "$(sort -n "$WORK/rss-load.txt" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
nginx_kb=0
for pid in "$NGINX_PID" $(pgrep -P "$NGINX_PID"); do
    nginx_kb=$((nginx_kb + $($BENCH_PY rss "$pid" | cut -d' ' -f1)))
done
fact nginx.rss_kb "$nginx_kb"
fact pages "${PAGES[*]}"
stop "$NGINX_PID"

# ------------------------------------------------------------------ open data: CSV export
say "CSV export: /data/reports.csv"
sleep 1
read -r rss_before hwm_before < <($BENCH_PY rss "$BALAI_PID")
$BENCH_PY sample-rss "$BALAI_PID" "$WORK/rss-csv.txt" 0.05 &
sampler=$!
track "$sampler"
# curl's own figures go to stderr (%{stderr}); the body is only counted.
csv_lines=$(curl -sS -f -w '%{stderr}%{time_total} %{size_download} %{http_code}\n' \
    "$BASE/data/reports.csv" 2>"$WORK/csv.curl" | wc -l)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
untrack "$sampler"
read -r rss_after hwm_after < <($BENCH_PY rss "$BALAI_PID")
read -r csv_s csv_bytes csv_code < <(tail -1 "$WORK/csv.curl")
[ "$csv_code" = 200 ] || die "CSV export answered $csv_code: $(cat "$WORK/csv.curl")"
fact csv.seconds "$csv_s"
fact csv.bytes "$csv_bytes"
fact csv.rows "$((csv_lines - 1))" # less the header line
fact csv.rss_before_kb "$rss_before"
fact csv.rss_peak_kb "$(sort -n "$WORK/rss-csv.txt" | tail -1)"
fact csv.rss_after_kb "$rss_after"
fact csv.hwm "$hwm_before $hwm_after"
fact csv.public "$(sqlite3 "$DB" "SELECT count(*) FROM reports WHERE privacy<>'confidential' AND held=0 AND verified_at IS NOT NULL")"
echo "CSV: $((csv_lines - 1)) rows, $csv_bytes bytes in $csv_s s; VmRSS $rss_before kB before, $(sort -n "$WORK/rss-csv.txt" | tail -1) kB peak, $rss_after kB after" >&2

# ------------------------------------------------------------------ 2. write path
say "sending reports: $SUBMIT_CLIENTS clients fill drafts for $SUBMIT_PREP s, then send them all"
before=$(sqlite3 "$DB" 'SELECT count(*) FROM reports')
drafts_before=$(sqlite3 "$DB" "SELECT count(*) FROM report_drafts WHERE report_id IS NOT NULL")
$BENCH_PY submit "$BASE" "$SUBMIT_CLIENTS" "$SUBMIT_PREP" "$WORK/submit.json" >&2
after=$(sqlite3 "$DB" 'SELECT count(*) FROM reports')
fact submit.added "$((after - before))"
fact submit.sent_drafts "$(($(sqlite3 "$DB" "SELECT count(*) FROM report_drafts WHERE report_id IS NOT NULL") - drafts_before))"
send_s=$(python3 -c "import json; print(max(3.0, json.load(open('$WORK/submit.json'))['send_s']))")
say "reference: single-row durable commits (python3 sqlite3, WAL, synchronous=FULL) for $send_s s"
$BENCH_PY commits "$SEEDED/bench-commits.db" "$send_s" "$WORK/commits.json" >&2
rm -f "$SEEDED"/bench-commits.db*

# ------------------------------------------------------------------ 4. pages under upload
say "report page under upload load: wrk -c8, with and without 2 clients uploading the 12 MP JPEG"
for run in $(seq "$RUNS"); do
    for mode in quiet upload; do
        out=$WORK/wrk/upload.$mode.run$run.txt
        if [ $mode = upload ]; then
            $BENCH_PY upload "$BASE" "$PHOTO_JPEG" 2 "$((DURATION + 3))" "$WORK/upload.run$run.json" >&2 &
            uploader=$!
            track "$uploader"
            sleep 2 # the first uploads under way
        fi
        wrk -t2 -c8 -d"$DURATION"s --timeout 30s --latency "$BASE${url_of[report]}" >"$out"
        if [ $mode = upload ]; then
            wait "$uploader" || die "the upload clients failed"
            untrack "$uploader"
        fi
        printf 'report page, %-6s run %s %s\n' "$mode" "$run" \
            "$(grep -E 'Requests/sec|^ +(50|99)%' "$out" | tr -s ' ' | tr '\n' ' ')" >&2
    done
done
read -r _ hwm < <($BENCH_PY rss "$BALAI_PID")
fact rss.hwm_end_kb "$hwm"
stop "$BALAI_PID"

# ------------------------------------------------------------------ 3. photos
say "photos: balai::photos::process vs vipsthumbnail (Q=$JPEG_QUALITY, strip), $PHOTO_RUNS runs each"
mkdir -p "$WORK/photo"
photos=()
for photo in jpeg png; do
    if [ $photo = jpeg ]; then in=$PHOTO_JPEG; else in=$PHOTO_PNG; fi
    dims=$(vipsheader -f width "$in")x$(vipsheader -f height "$in")
    mb=$(awk -v b="$(stat -c %s "$in")" 'BEGIN {printf "%.1f", b / 1048576}')
    if [ $photo = jpeg ]; then
        desc="JPEG $dims, $mb MB, GPS EXIF, Orientation 6"
    else
        desc="PNG $dims RGB, $mb MB"
    fi
    photos+=("$photo")
    fact "photo.$photo.desc" "$desc"
    o=$WORK/photo/$photo
    mkdir -p "$o/balai" "$o/vips" "$o/vips1"
    vips_out() { echo "$1/$2.jpg[Q=$JPEG_QUALITY,strip]"; }
    # Warm-up (page cache, first-run costs), not counted.
    "$PHOTO_BIN" "$in" "$o/balai" >/dev/null
    vipsthumbnail "$in" --size 1600 -o "$(vips_out "$o/vips" display)"
    for run in $(seq "$PHOTO_RUNS"); do
        $BENCH_PY timed "$WORK/photo/$photo.balai.run$run.json" -- "$PHOTO_BIN" "$in" "$o/balai"
        # vipsthumbnail makes one size per run: both sizes from the original, as a vips-based
        # server would (it shrinks on load, so the 400 px run is cheap).
        $BENCH_PY timed "$WORK/photo/$photo.vips-display.run$run.json" -- \
            vipsthumbnail "$in" --size 1600 -o "$(vips_out "$o/vips" display)"
        $BENCH_PY timed "$WORK/photo/$photo.vips-thumb.run$run.json" -- \
            vipsthumbnail "$in" --size 400 -o "$(vips_out "$o/vips" thumb)"
        # For information: vips on one thread (Balai decodes one photo per core).
        VIPS_CONCURRENCY=1 $BENCH_PY timed "$WORK/photo/$photo.vips1-display.run$run.json" -- \
            vipsthumbnail "$in" --size 1600 -o "$(vips_out "$o/vips1" display)"
        VIPS_CONCURRENCY=1 $BENCH_PY timed "$WORK/photo/$photo.vips1-thumb.run$run.json" -- \
            vipsthumbnail "$in" --size 400 -o "$(vips_out "$o/vips1" thumb)"
    done
    # For information: vips with 4:4:4 chroma (Balai's encoder writes 4:2:2, vips 4:2:0 at Q<90).
    mkdir -p "$o/vips444"
    vipsthumbnail "$in" --size 1600 -o "$o/vips444/display.jpg[Q=$JPEG_QUALITY,strip,subsample-mode=off]"
    vipsthumbnail "$in" --size 400 -o "$o/vips444/thumb.jpg[Q=$JPEG_QUALITY,strip,subsample-mode=off]"
    for tool in balai vips vips444; do
        fact "photo.$photo.$tool.display_bytes" "$(stat -c %s "$o/$tool/display.jpg")"
        fact "photo.$photo.$tool.thumb_bytes" "$(stat -c %s "$o/$tool/thumb.jpg")"
        echo "$photo $tool: display $(vipsheader "$o/$tool/display.jpg" | cut -d: -f2-)" >&2
    done
    # Same quality? PSNR of each 1600 px copy against ImageMagick's Lanczos resize of the
    # upright original (PNG, lossless).
    "$IM_CONVERT" "$in" -auto-orient -filter Lanczos -resize 1600x1600 "$o/ref.png"
    for tool in balai vips vips444; do
        psnr=$("$IM_COMPARE" -metric PSNR "$o/$tool/display.jpg" "$o/ref.png" null: 2>&1 || true)
        fact "photo.$photo.$tool.psnr" "$(printf '%.1f' "$psnr" 2>/dev/null || echo "$psnr")"
    done
    # Nothing of the original's metadata may survive (GPS above all).
    meta=()
    for tool in balai vips; do
        tags=$(exiftool -q -s3 -a -EXIF:all -XMP:all -IPTC:all -GPS:all -ICC_Profile:all \
            "$o/$tool/display.jpg" "$o/$tool/thumb.jpg" | wc -l)
        if [ "$tags" = 0 ]; then meta+=(none); else meta+=("$tags tags"); fi
    done
    fact "photo.$photo.metadata" "${meta[0]}|${meta[1]}"
done
fact photos "${photos[*]}"

# ------------------------------------------------------------------ PostgreSQL
# The same reports (same seed) in a fresh PostgreSQL database, Balai on it, and the public
# pages under the same load as on SQLite (plain, one run each). Skipped when PostgreSQL
# does not answer at BENCH_PG (default postgres://postgres@127.0.0.1:5432), or with
# BENCH_POSTGRES=0.
PG_ADMIN=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PG_PAGES=(report browse browse-filter browse-search browse-last statistics agency)
PG_DONE=0
if [ "${BENCH_POSTGRES:-1}" = 1 ] && psql "$PG_ADMIN/postgres" -qAtc 'SELECT 1' >/dev/null 2>&1; then
    if [ -n "${BENCH_PG_URL:-}" ]; then
        # A database seeded earlier with the same command (kept; its own count is reported).
        PG_URL=$BENCH_PG_URL
        PG_DB=
        PG_REPORTS=$(psql "$PG_URL" -qAtc 'SELECT count(*) FROM reports')
        pg_seed_s="earlier (BENCH_PG_URL)"
    else
        PG_DB=balai_bench_$$
        psql "$PG_ADMIN/postgres" -qc "CREATE DATABASE $PG_DB" >/dev/null
        PG_URL=$PG_ADMIN/$PG_DB
        say "PostgreSQL: seeding $PG_REPORTS reports into $PG_DB"
        t0=$EPOCHREALTIME
        env BALAI_DATABASE_URL="$PG_URL" BALAI_DATA_DIR="$WORK/data-pg" BALAI_LOG_FORMAT=json RUST_LOG=error \
            "$BALAI" seed --reports "$PG_REPORTS" --seed 1 >"$WORK/seed-pg.txt" 2>"$WORK/seed-pg.err" ||
            die "balai seed on PostgreSQL failed: $(tail -c 2000 "$WORK/seed-pg.err")"
        pg_seed_s="$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.0f}')") s"
    fi
    psql "$PG_URL" -qc 'VACUUM ANALYZE' >/dev/null
    pg_code=$(psql "$PG_URL" -qAtc "SELECT code FROM reports WHERE privacy<>'confidential' AND NOT held AND verified_at IS NOT NULL AND status='closed' LIMIT 1")
    rm -f "$WORK/balai.pid"
    start_balai "$WORK/data-pg" BALAI_DATABASE_URL="$PG_URL" >/dev/null || die "Balai did not start on PostgreSQL"
    BALAI_PID=$(cat "$WORK/balai.pid")
    track "$BALAI_PID"
    $BENCH_PY quiet "$BALAI_PID" 120 >/dev/null
    mkdir -p "$WORK/wrk-pg"
    for page in "${PG_PAGES[@]}"; do
        url=${url_of[$page]}
        [ "$page" != report ] || url=/en/reports/$pg_code
        curl -sS -f -o /dev/null "$BASE$url" || die "PostgreSQL: $page ($url) did not answer 200"
        run_wrk "$WARMUP" balai "$BASE$url" plain /dev/null "$BROWSE_CONNECTIONS"
        drain
        run_wrk "$DURATION" balai "$BASE$url" plain "$WORK/wrk-pg/$page.txt" "$BROWSE_CONNECTIONS"
        drain
        printf 'PostgreSQL %-13s %s\n' "$page" "$(grep -E 'Requests/sec|^ +(50|99)%|Non-2xx' "$WORK/wrk-pg/$page.txt" | tr -s ' ' | tr '\n' ' ')" >&2
    done
    stop "$BALAI_PID"
    [ -z "$PG_DB" ] || psql "$PG_ADMIN/postgres" -qc "DROP DATABASE $PG_DB WITH (FORCE)" >/dev/null
    PG_DONE=1
else
    say "PostgreSQL: not measured (BENCH_POSTGRES=0, or nothing answers at $PG_ADMIN)"
fi

# ------------------------------------------------------------------ the table
echo
cat "$WORK/machine.txt"
echo "Pages: $(for p in "${PAGES[@]}"; do printf '%s = %s  ' "$p" "${url_of[$p]}"; done)"
echo "Pages: wrk -t$CORES -c$CONNECTIONS (home, workshop, content) or -c$BROWSE_CONNECTIONS (the others) --latency, ${WARMUP} s warm-up, median of $RUNS runs of ${DURATION} s (each figure's median on its own); nginx $($NGINX -v 2>&1 | sed 's/.*\///') with gzip_comp_level 1 (= actix's level), sendfile, $CORES workers. Balai runs on the seeded database ($n_reports reports) with BALAI_SUBMISSIONS_PER_HOUR=1000000 BALAI_MIN_FORM_SECONDS=0. Statistics and agency: figures kept 5 minutes; each measured warm, in a block of its own that fits in the 5 minutes (after waiting for them to expire and one request computing them again when needed)."
echo "Send report: $SUBMIT_CLIENTS clients (wrk threads of one keep-alive connection each, benches/form.lua, on the same cores) fill drafts for $SUBMIT_PREP s, then send them all, each its share; only the send phase (first request to last answer) counts for reports/s. Pages under upload: wrk -t2 -c8, median of $RUNS runs of ${DURATION} s each way."
echo "Photos: median of $PHOTO_RUNS runs after one warm-up, whole process (start, read, decode, resize, encode, write); vipsthumbnail runs once per size; peak RSS from /usr/bin/time -v."
echo
# The exact configuration, printed with every table.
print_config() {
    echo "Configuration (benches/run.sh, $(date -u '+%F %H:%M UTC')):"
    echo "- machine: $CORES cores ($CPU_MODEL), $MEM_TOTAL, shared by wrk, Balai, nginx and the clients"
    echo "- Balai: commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -z "$(git status --porcelain -- src 2>/dev/null)" ] || echo ' with local changes in src/'), release build$stale; SQLite, $n_reports reports; RUST_LOG=warn BALAI_LOG_FORMAT=json (so no request lines: they are written at info), ${LIMITS[*]}; actix workers: one per core"
    echo "- nginx $($NGINX -v 2>&1 | sed 's/.*nginx\///'): worker_processes $CORES, keepalive_requests 1000000, keepalive_timeout 75s, access_log off, sendfile on, gzip on at level 1 (gzip_min_length 0), Balai's headers added to each saved page"
    echo "- wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'): -t$CORES, -c$CONNECTIONS (home, workshop, content) and -c$BROWSE_CONNECTIONS (the other pages), --timeout 30s --latency; $RUNS run(s) of ${DURATION} s after ${WARMUP} s of warm-up, median; servers alternate which goes first"
    echo "- not the README's defaults (a line per request at info): \`benches/run.sh --quick\` measures both"
    echo
}
print_config
$BENCH_PY report "$WORK"
echo
busy=$($BENCH_PY cpu-busy 3)
printf 'Whole run: %.0f s. After it: CPU %s%% busy over 3 s with nothing of ours running%s; load average %s\n' \
    "$(python3 -c "print($EPOCHREALTIME - $STARTED_AT)")" "$busy" \
    "$( [ "$busy" -le 15 ] || echo ' (BUSY: other work was running, figures are noisy)')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$PG_DONE" = 1 ]; then
    echo
    print_config
    echo "PostgreSQL: $PG_REPORTS reports, the same generator and seed (seeded: $pg_seed_s), wrk -c$BROWSE_CONNECTIONS, ${WARMUP} s warm-up, one run of ${DURATION} s, plain."
    echo
    echo "| page (32) | req/s | p50 ms | p99 ms | non-2xx |"
    echo "| --- | --- | --- | --- | --- |"
    for page in "${PG_PAGES[@]}"; do
        python3 - "$page" "$WORK/wrk-pg/$page.txt" <<'PY'
import re, sys
page, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def ms(label):
    m = re.search(r"^\s+" + label + r"%\s+([\d.]+)(us|ms|s)\b", text, re.M)
    if not m:
        return "?"
    v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return f"{v:.1f}"
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"| {page} | {float(rps.group(1)):,.0f} | {ms('50')} | {ms('99')} | {bad.group(1) if bad else 0} |")
PY
    done
fi
