#!/usr/bin/env bash
# Balai benchmarks: one command, one table.
#
#   benches/run.sh
#
# Builds Balai in release mode, starts it on a fresh SQLite database on a free loopback port,
# and measures against references run in the same session on the same machine:
#   1. pages (home, a workshop, a content page) vs nginx serving a saved copy of the same
#      bytes, plain and gzip, 64 connections, wrk --latency (median of BENCH_RUNS runs);
#   2. sending a report vs raw durable commits: not measured yet (no report submission);
#   3. balai::photos::process vs vipsthumbnail [strip] on a 12-megapixel JPEG with GPS EXIF
#      and a 4000x3000 PNG: wall time, peak RSS (/usr/bin/time -v), output bytes at Q=82;
#   4. pages under upload load: not measured yet (no report upload);
#   5. footprint: VmRSS idle and under load, start-up time to the first 200 on /health.
#
# Everything runs on 127.0.0.1 only. Installs what it needs with apt-get (wrk, nginx,
# libvips-tools, imagemagick, libimage-exiftool-perl, time, curl). Takes about 8 minutes
# (more on the first run, which also builds the photo program: a few minutes).
#
# Knobs (environment): BENCH_DURATION=10 (s per wrk run), BENCH_RUNS=3, BENCH_WARMUP=3 (s),
# BENCH_CONNECTIONS=64, BENCH_PHOTO_RUNS=5, BENCH_SKIP_BUILD=1 (reuse target/release/balai and
# the photo program as built),
# BENCH_KEEP=1 (keep the work folder with raw wrk outputs and images).
set -euo pipefail

DURATION=${BENCH_DURATION:-10}
RUNS=${BENCH_RUNS:-3}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
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
start_balai() { # fresh data dir each time; prints ms to the first 200 on /health
    local data
    data=$(mktemp -d "$WORK/data.XXXX")
    BALAI_BIND=127.0.0.1:$BPORT BALAI_DATA_DIR=$data BALAI_LOG_FORMAT=json RUST_LOG=warn \
        $BENCH_PY start "$WORK/balai.pid" "$WORK/balai.log" "$BASE/health" -- "$BALAI"
}
say "start-up: 3 starts on fresh SQLite databases"
startups=()
for i in 1 2 3; do
    rm -f "$WORK/balai.pid"
    ms=$(start_balai) || { [ -s "$WORK/balai.pid" ] && track "$(cat "$WORK/balai.pid")"; die "Balai did not start: $(tail -5 "$WORK/balai.log")"; }
    startups+=("$ms")
    BALAI_PID=$(cat "$WORK/balai.pid")
    track "$BALAI_PID"
    # Start-up goes on in the background (content images resized): wait until it is done.
    busy=$($BENCH_PY quiet "$BALAI_PID")
    echo "start $i: first 200 on /health after ${startups[-1]} ms; background work done after ${busy} s" >&2
    [ "$i" = 3 ] || stop "$BALAI_PID"
done
fact startup_ms "${startups[*]}"
fact rss.start_kb "$($BENCH_PY rss "$BALAI_PID" | cut -d' ' -f1)"

# ------------------------------------------------------------------ 1. pages: save copies
PAGES=(home workshop content)
# TODO(report page): add the report form page (e.g. `report` -> /id/reports/new) to PAGES and
# url_of once report submission exists; until then the table says "not measured".
workshop_slug=
for f in content/workshops/*.id.md; do
    slug=$(basename "$f" .id.md)
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/id/workshops/$slug")" = 200 ]; then
        workshop_slug=$slug
        break
    fi
done
[ -n "$workshop_slug" ] || die "no workshop page answers 200"
declare -A url_of=(
    [home]=/id/
    [workshop]=/id/workshops/$workshop_slug
    [content]=/id/pages/about
)
NGINX_DIR=$WORK/nginx
mkdir -p "$NGINX_DIR/root" "$NGINX_DIR/tmp" "$WORK/wrk"
chmod 755 "$NGINX_DIR" "$NGINX_DIR/root"
locations=
for page in "${PAGES[@]}"; do
    url=${url_of[$page]}
    fact "url.$page" "$url"
    # Same URL, no Accept-Encoding: the uncompressed bytes Balai sends.
    curl -sS -f -D "$WORK/$page.headers" -o "$NGINX_DIR/root/$page.html" "$BASE$url"
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
run_wrk() { # duration target url enc out
    local hdr=()
    [ "$4" = gzip ] && hdr=(-H 'Accept-Encoding: gzip')
    wrk -t"$CORES" -c"$CONNECTIONS" -d"$1"s --latency "${hdr[@]}" "$3" >"$5"
}
target_url() { # server page
    if [ "$1" = balai ]; then echo "$BASE${url_of[$2]}"; else echo "$NBASE/$2.html"; fi
}

say "warm-up: ${WARMUP} s per page, encoding and server"
for page in "${PAGES[@]}"; do
    for enc in plain gzip; do
        for server in balai nginx; do
            run_wrk "$WARMUP" $server "$(target_url $server "$page")" $enc /dev/null
        done
    done
done
sleep 2
fact rss.idle_kb "$($BENCH_PY rss "$BALAI_PID" | cut -d' ' -f1)"

say "measuring: $RUNS runs of ${DURATION} s per page, encoding and server (about $((${#PAGES[@]} * 2 * 2 * RUNS * DURATION / 60)) min)"
for page in "${PAGES[@]}"; do
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
                    run_wrk "$DURATION" $server "$(target_url $server "$page")" $enc "$out"
                    kill "$sampler" 2>/dev/null || true
                    wait "$sampler" 2>/dev/null || true
                    untrack "$sampler"
                else
                    run_wrk "$DURATION" $server "$(target_url $server "$page")" $enc "$out"
                fi
                printf '%-8s %-5s run %s %-5s %s\n' "$page" "$enc" "$run" "$server" \
                    "$(grep -E 'Requests/sec|^ +(50|99)%' "$out" | tr -s ' ' | tr '\n' ' ')" >&2
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
stop "$BALAI_PID"
stop "$NGINX_PID"

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

# ------------------------------------------------------------------ the table
echo
cat "$WORK/machine.txt"
echo "Pages: $(for p in "${PAGES[@]}"; do printf '%s = %s  ' "$p" "${url_of[$p]}"; done)"
echo "Pages: wrk -t$CORES -c$CONNECTIONS --latency, ${WARMUP} s warm-up, median of $RUNS runs of ${DURATION} s (each figure's median on its own); nginx $($NGINX -v 2>&1 | sed 's/.*\///') with gzip_comp_level 1 (= actix's level), sendfile, $CORES workers."
echo "Photos: median of $PHOTO_RUNS runs after one warm-up, whole process (start, read, decode, resize, encode, write); vipsthumbnail runs once per size; peak RSS from /usr/bin/time -v."
echo
$BENCH_PY report "$WORK"
echo
busy=$($BENCH_PY cpu-busy 3)
printf 'Whole run: %.0f s. After it: CPU %s%% busy over 3 s with nothing of ours running%s; load average %s\n' \
    "$(python3 -c "print($EPOCHREALTIME - $STARTED_AT)")" "$busy" \
    "$( [ "$busy" -le 15 ] || echo ' (BUSY: other work was running, figures are noisy)')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
