# Sourced by benches/quick.sh and benches/cache.sh: the tools they need (installed with
# apt-get when missing: wrk, nginx, curl, sqlite3), a work folder removed on exit with
# every process recorded in STARTED_PIDS, and the release build. Expects REPO, say, die,
# WORK_PREFIX (the work folder's name) and BUILD_NOTE; sets NGINX, WORK, BALAI and stale.
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
command -v sqlite3 >/dev/null || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    say "installing ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
NGINX=/usr/sbin/nginx

WORK=$(mktemp -d "${TMPDIR:-/tmp}/$WORK_PREFIX.XXXXXX")
# nginx's workers run as an unprivileged user when started as root: let them in.
chmod 755 "$WORK"
STARTED_PIDS=()
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
    if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    say "cargo build --release ($BUILD_NOTE)"
    cargo build --release >&2
fi
# BALAI_BIN: another binary (a debug build only checks that the script works).
BALAI=${BALAI_BIN:-$REPO/target/release/balai}
[ -x "$BALAI" ] || die "no $BALAI (build it, or unset BENCH_SKIP_BUILD)"
stale=
[ -z "$(find src Cargo.toml Cargo.lock build.rs migrations -newer "$BALAI" -type f -print -quit)" ] ||
    stale=" (OLDER THAN THE SOURCES)"
