#!/usr/bin/env python3
"""Helpers for benches/run.sh (standard library only).

Subcommands:
  start PIDFILE LOGFILE URL -- CMD...   start CMD in the background, poll URL every 2 ms,
                                       print the milliseconds from exec to the first 200
  quiet PID [MAX_S]                     wait until PID uses almost no CPU (start-up work done)
  sample-rss PID OUTFILE                append VmRSS (kB) of PID every 0.2 s until killed
  rss PID                               print VmRSS and VmHWM of PID in kB
  timed OUTFILE -- CMD...               run CMD under /usr/bin/time -v; write wall seconds
                                       (perf_counter) and peak RSS (kB) to OUTFILE
  free-port                             print a free TCP port on 127.0.0.1
  cpu-busy SECONDS                      percent of all cores busy over SECONDS (/proc/stat)
  report WORKDIR                        read everything run.sh saved and print the table
"""

import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path


# ---------------------------------------------------------------- processes


def cmd_start(args):
    pidfile, logfile, url = args[0], args[1], args[2]
    assert args[3] == "--"
    argv = args[4:]
    m = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    host, port, path = m.group(1), int(m.group(2)), m.group(3)
    if host != "127.0.0.1":
        sys.exit("loopback only")
    log = open(logfile, "ab")
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    Path(pidfile).write_text(f"{proc.pid}\n")
    deadline = t0 + 60
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            sys.exit(f"process exited with {proc.returncode} before answering {url}")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=1)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                print(f"{(time.perf_counter() - t0) * 1000:.1f}")
                return
        except OSError:
            pass
        time.sleep(0.002)
    sys.exit(f"no 200 from {url} within 60 s")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def cmd_quiet(args):
    """Wait until the process used under 2% of a core over two consecutive 0.5 s windows."""
    pid = int(args[0])
    max_s = float(args[1]) if len(args) > 1 else 60
    hz = os.sysconf("SC_CLK_TCK")
    t0 = time.monotonic()
    calm = 0
    last = cpu_ticks(pid)
    while time.monotonic() - t0 < max_s:
        time.sleep(0.5)
        now = cpu_ticks(pid)
        calm = calm + 1 if (now - last) / hz < 0.01 else 0
        last = now
        if calm >= 2:
            print(f"{time.monotonic() - t0:.1f}")
            return
    print(f"{time.monotonic() - t0:.1f} (still busy)")


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def cmd_rss(args):
    pid = int(args[0])
    print(status_kb(pid, "VmRSS"), status_kb(pid, "VmHWM"))


def cmd_sample_rss(args):
    pid, out = int(args[0]), args[1]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(out, "a") as f:
        while True:
            try:
                kb = status_kb(pid, "VmRSS")
            except OSError:
                return
            f.write(f"{kb}\n")
            f.flush()
            time.sleep(0.2)


def cpu_times():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]  # idle + iowait
    return sum(v[:8]), idle


def cmd_cpu_busy(args):
    t0, i0 = cpu_times()
    time.sleep(float(args[0]))
    t1, i1 = cpu_times()
    print(f"{100 * (1 - (i1 - i0) / max(1, t1 - t0)):.0f}")


def cmd_free_port(_args):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def cmd_timed(args):
    out = args[0]
    assert args[1] == "--"
    argv = args[2:]
    tfile = out + ".time"
    t0 = time.perf_counter()
    res = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + argv,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        sys.stderr.write(res.stderr.decode(errors="replace"))
        sys.exit(f"command failed ({res.returncode}): {' '.join(argv)}")
    text = Path(tfile).read_text()
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    Path(out).write_text(json.dumps({"wall_s": wall, "peak_kb": peak,
                                     "stdout": res.stdout.decode(errors="replace")}))


# ---------------------------------------------------------------- parsing


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    text = Path(path).read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", text, re.M))
    bad = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        bad += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        bad += sum(int(x) for x in m.groups())
    return {"rps": rps, "p50": to_ms(lat["50"]), "p99": to_ms(lat["99"]), "errors": bad}


def read_kv(path):
    kv = {}
    if Path(path).exists():
        for line in Path(path).read_text().splitlines():
            if "\t" in line:
                k, v = line.split("\t", 1)
                kv[k] = v
    return kv


# ---------------------------------------------------------------- report


def fmt_num(x, digits=0):
    if x is None:
        return "-"
    return f"{x:,.{digits}f}"


def verdict(ok):
    return "yes" if ok else "**NO**"


def cmd_report(args):
    work = Path(args[0])
    facts = read_kv(work / "facts.tsv")
    rows = []  # (part, case, metric, balai, reference, ratio, target, met)
    notes = []

    # 1. Pages vs nginx
    pages = [p for p in facts.get("pages", "").split() if p]
    for page in pages:
        for enc in ("plain", "gzip"):
            res = {}
            for server in ("balai", "nginx"):
                runs = sorted((work / "wrk").glob(f"{page}.{enc}.{server}.run*.txt"))
                parsed = [parse_wrk(r) for r in runs]
                if not parsed:
                    continue
                errors = sum(p["errors"] for p in parsed)
                if errors:
                    notes.append(f"{page} {enc} {server}: {errors} errors or non-2xx answers")
                res[server] = {k: statistics.median(p[k] for p in parsed)
                               for k in ("rps", "p50", "p99")}
                res[server]["n"] = len(parsed)
            size = facts.get(f"bytes.{page}.{enc}", "?")
            case = f"{page}, {enc}: {size} B" if enc == "plain" else f"{page}, gzip: {size}"
            if "balai" not in res or "nginx" not in res:
                rows.append(("1 pages", case, "-", "not measured", "", "", "", ""))
                continue
            b, n = res["balai"], res["nginx"]
            ratio = b["rps"] / n["rps"]
            rows.append(("1 pages", case, "throughput, req/s", fmt_num(b["rps"]),
                         fmt_num(n["rps"]) + " nginx", f"{ratio:.2f}", ">= 0.5",
                         verdict(ratio >= 0.5)))
            rows.append(("", "", "latency p50, ms", fmt_num(b["p50"], 2), fmt_num(n["p50"], 2),
                         f"{b['p50'] / n['p50']:.2f}" if n["p50"] else "-", "", ""))
            rows.append(("", "", "latency p99, ms", fmt_num(b["p99"], 2), fmt_num(n["p99"], 2),
                         f"{b['p99'] / n['p99']:.2f}" if n["p99"] else "-", "< 10 ms",
                         verdict(b["p99"] < 10)))
    rows.append(("1 pages", "report page", "-", "not measured: TODO, the page does not exist yet",
                 "", "", "", ""))

    # 2. Send report vs raw durable commits
    rows.append(("2 send report", "vs raw durable commits", "-",
                 "not measured: needs report submission", "", "", "", ""))

    # 3. Photos vs libvips
    for photo in [p for p in facts.get("photos", "").split() if p]:
        desc = facts.get(f"photo.{photo}.desc", photo)

        def runs_of(tool):
            files = sorted((work / "photo").glob(f"{photo}.{tool}.run*.json"))
            return [json.loads(f.read_text()) for f in files]

        balai_runs = runs_of("balai")
        vips_d = runs_of("vips-display")
        vips_t = runs_of("vips-thumb")
        if not balai_runs or not vips_d or not vips_t:
            rows.append(("3 photos", desc, "-", "not measured", "", "", "", ""))
            continue
        bw = statistics.median(r["wall_s"] for r in balai_runs)
        bm = statistics.median(r["peak_kb"] for r in balai_runs)
        # vips makes each size in its own run, as a vips-based server would: add the times,
        # take the larger peak.
        vw = statistics.median(r["wall_s"] for r in vips_d) + statistics.median(
            r["wall_s"] for r in vips_t)
        vm = max(statistics.median(r["peak_kb"] for r in vips_d),
                 statistics.median(r["peak_kb"] for r in vips_t))
        bb = int(facts[f"photo.{photo}.balai.display_bytes"]) + int(
            facts[f"photo.{photo}.balai.thumb_bytes"])
        vb = int(facts[f"photo.{photo}.vips.display_bytes"]) + int(
            facts[f"photo.{photo}.vips.thumb_bytes"])
        rows.append(("3 photos", desc, "wall time, s", fmt_num(bw, 3),
                     fmt_num(vw, 3) + " vipsthumbnail", f"{bw / vw:.2f}", "<= 1.0x",
                     verdict(bw / vw <= 1.0)))
        rows.append(("", "", "peak RSS, MB", fmt_num(bm / 1024, 1), fmt_num(vm / 1024, 1),
                     f"{bm / vm:.2f}", "<= 1.5x", verdict(bm / vm <= 1.5)))
        rows.append(("", "", "output bytes (1600 + 400 px)", fmt_num(bb), fmt_num(vb),
                     f"{bb / vb:.2f}", "<= 1.1x", verdict(bb / vb <= 1.1)))
        bp, vp = facts.get(f"photo.{photo}.balai.psnr"), facts.get(f"photo.{photo}.vips.psnr")
        if bp and vp:
            rows.append(("", "", "PSNR of 1600 px copy vs ImageMagick Lanczos, dB", bp, vp, "",
                         "(quality check)", ""))
        if facts.get(f"photo.{photo}.vips444.display_bytes"):
            qb = int(facts[f"photo.{photo}.vips444.display_bytes"]) + int(
                facts[f"photo.{photo}.vips444.thumb_bytes"])
            rows.append(("", "",
                         "output bytes vs vips with 4:4:4 chroma "
                         f"(its PSNR {facts.get(f'photo.{photo}.vips444.psnr', '-')} dB)",
                         fmt_num(bb), fmt_num(qb), f"{bb / qb:.2f}", "(info)", ""))
        v1 = runs_of("vips1-display"), runs_of("vips1-thumb")
        if v1[0] and v1[1]:
            w1 = sum(statistics.median(r["wall_s"] for r in rs) for rs in v1)
            rows.append(("", "", "wall time vs vips on 1 thread, s", fmt_num(bw, 3),
                         fmt_num(w1, 3), f"{bw / w1:.2f}", "(info)", ""))
        meta = facts.get(f"photo.{photo}.metadata")
        if meta:
            rows.append(("", "", "GPS/EXIF in outputs", meta.split("|")[0], meta.split("|")[1],
                         "", "none", verdict(meta == "none|none")))

    # 4. Pages under upload load
    rows.append(("4 pages under upload", "-", "-", "not measured: needs report upload",
                 "", "", "", ""))

    # 5. Footprint
    def mb(key):
        v = facts.get(key)
        return None if v is None else int(v) / 1024

    idle = mb("rss.idle_kb")
    rows.append(("5 footprint", "Balai RSS idle (after start-up and warm-up)", "VmRSS, MB",
                 fmt_num(idle, 1), "", "", "< 50 MB",
                 verdict(idle is not None and idle < 50)))
    if facts.get("rss.start_kb"):
        rows.append(("", "Balai RSS right after start-up", "VmRSS, MB",
                     fmt_num(mb("rss.start_kb"), 1), "", "", "(info)", ""))
    if facts.get("rss.load_max_kb"):
        rows.append(("", "Balai RSS under load (64 connections)", "VmRSS, MB (median / max)",
                     f"{fmt_num(mb('rss.load_median_kb'), 1)} / {fmt_num(mb('rss.load_max_kb'), 1)}",
                     "", "", "(info)", ""))
    if facts.get("rss.hwm_kb"):
        rows.append(("", "Balai peak RSS over the whole run", "VmHWM, MB",
                     fmt_num(mb("rss.hwm_kb"), 1), "", "", "(info)", ""))
    if facts.get("nginx.rss_kb"):
        rows.append(("", "nginx RSS after the runs (master + workers)", "VmRSS, MB",
                     fmt_num(mb("nginx.rss_kb"), 1), "", "", "(info)", ""))
    if facts.get("startup_ms"):
        ms = [float(x) for x in facts["startup_ms"].split()]
        rows.append(("", f"start-up to first 200 on /health, fresh database ({len(ms)} starts)",
                     "ms, median (all: " + ", ".join(f"{x:.0f}" for x in ms) + ")",
                     f"{statistics.median(ms):.0f}", "", "", "(info)", ""))
    rows.append(("", "start-up with 1,000,000 reports", "-",
                 "not measured: needs `balai seed --reports`", "", "", "", ""))

    header = ("part", "case", "metric", "Balai", "reference", "ratio", "target", "met")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]

    def line(r):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"

    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    for n in notes:
        print(f"WARNING: {n}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    {
        "start": cmd_start,
        "quiet": cmd_quiet,
        "rss": cmd_rss,
        "sample-rss": cmd_sample_rss,
        "timed": cmd_timed,
        "free-port": cmd_free_port,
        "cpu-busy": cmd_cpu_busy,
        "report": cmd_report,
    }[cmd](args)


if __name__ == "__main__":
    main()
