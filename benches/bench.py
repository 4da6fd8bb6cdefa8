#!/usr/bin/env python3
"""Helpers for benches/run.sh (standard library only).

Subcommands:
  start PIDFILE LOGFILE URL -- CMD...   start CMD in the background, poll URL every 2 ms,
                                       print the milliseconds from exec to the first 200
  quiet PID [MAX_S]                     wait until PID uses almost no CPU (start-up work done)
  sample-rss PID OUTFILE [INTERVAL_S]   append VmRSS (kB) of PID every 0.2 s until killed
  rss PID                               print VmRSS and VmHWM of PID in kB
  timed OUTFILE -- CMD...               run CMD under /usr/bin/time -v; write wall seconds
                                       (perf_counter) and peak RSS (kB) to OUTFILE
  free-port                             print a free TCP port on 127.0.0.1
  cpu-busy SECONDS                      percent of all cores busy over SECONDS (/proc/stat)
  submit BASE CLIENTS PREP_S OUT        the report form with CLIENTS concurrent clients (wrk
                                       and benches/form.lua): for PREP_S s each fills drafts
                                       (start + every step), then all drafts are sent, each
                                       client its share; writes counts and times (the send
                                       phase alone) to OUT (JSON)
  commits DBFILE SECONDS OUT            single-row durable commits (WAL, synchronous=FULL),
                                       one transaction each, for SECONDS; JSON to OUT
  upload BASE JPEG CLIENTS SECONDS OUT  CLIENTS clients upload JPEG to their own drafts
                                       (a new draft every 5 photos) for SECONDS; JSON to OUT
  report WORKDIR                        read everything run.sh saved and print the table
"""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
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
    interval = float(args[2]) if len(args) > 2 else 0.2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(out, "a") as f:
        while True:
            try:
                kb = status_kb(pid, "VmRSS")
            except OSError:
                return
            f.write(f"{kb}\n")
            f.flush()
            time.sleep(interval)


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


# ---------------------------------------------------------------- report form clients


def loopback(base):
    m = re.match(r"http://127\.0\.0\.1:(\d+)$", base)
    if not m:
        sys.exit("loopback only: BASE must be http://127.0.0.1:PORT")
    return int(m.group(1))


class Client:
    """One keep-alive connection, as one browser tab: no redirects followed."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def post(self, path, body=b"", ctype="application/x-www-form-urlencoded", cookie=None):
        headers = {"Content-Type": ctype, "Content-Length": str(len(body))}
        if cookie:
            headers["Cookie"] = cookie
        while True:
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request("POST", path, body=body, headers=headers)
                res = self.conn.getresponse()
                res.read()
                if res.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return res.status, res.getheader("Location", ""), res.getheader("Set-Cookie", "")
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                # Only a kept-alive connection that the server had closed is retried, once
                # on a new one (every POST here is safe to repeat: a sent draft stays sent,
                # an upload id is stored once).
                if not reused:
                    raise


def new_draft(client, lang="en"):
    """POST /{lang}/reports/new: a new draft; returns its cookie ("balai_draft=...")."""
    status, location, set_cookie = client.post(f"/{lang}/reports/new")
    m = re.match(r"(balai_draft=[0-9a-f]{32})", set_cookie)
    if status != 303 or not m:
        raise RuntimeError(f"new draft: {status} {location} {set_cookie!r}")
    return m.group(1)


# The answers of every step (valid), and the step each one leads to.
FORM_STEPS = [
    ("kind", {"kind": "complaint"}, "details"),
    ("details", {
        "title": "Puskesmas tutup sebelum jam layanan",
        "description": "Puskesmas di kelurahan kami tutup pukul 11 siang, padahal papan di "
                       "depan menyebut layanan sampai pukul 14. Warga yang datang siang "
                       "hari harus pulang tanpa dilayani.",
        "category": "health",
    }, "province"),
    ("province", {"province": "51"}, "place"),
    ("place", {"regency": "51.71", "place": ""}, "date"),
    ("date", {"day": "1", "month": "11", "year": "2026"}, "agency"),
    ("agency", {"agency": ""}, "photos"),
    ("privacy", {"privacy": "public"}, "about-you"),
    ("about-you", {"name": "Pelapor Uji", "email": "pelapor@example.org", "behalf": "self",
                   "consent": "yes"}, "check"),
]


def fill_draft(client, lang="en"):
    cookie = new_draft(client, lang)
    for step, answers, following in FORM_STEPS:
        body = urllib.parse.urlencode(answers).encode()
        status, location, _ = client.post(f"/{lang}/reports/new/{step}", body, cookie=cookie)
        if status != 303 or not location.endswith(f"/reports/new/{following}"):
            raise RuntimeError(f"step {step}: {status} -> {location!r}")
    return cookie


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def run_form(base, clients, seconds, mode, work, until_done=False):
    """benches/form.lua under wrk with CLIENTS threads of one connection each; its JSON.
    until_done: SIGINT wrk once every thread has written its done file (send mode)."""
    script = Path(__file__).with_name("form.lua")
    cmd = ["wrk", f"-t{clients}", f"-c{clients}", f"-d{seconds}s", "--timeout", "60s",
           "-s", str(script), base, "--", mode, str(work), str(clients)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    if until_done:
        while proc.poll() is None:
            if len(list(Path(work).glob("done.*"))) >= clients:
                proc.send_signal(signal.SIGINT)
                break
            time.sleep(0.01)
    out, _ = proc.communicate()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        sys.exit(f"wrk {mode} failed ({proc.returncode}): {out}")
    return json.loads(lines[-1])


def cmd_submit(args):
    base, clients, prep_s, out = args[0], int(args[1]), float(args[2]), args[3]
    loopback(base)
    work = Path(out).with_suffix(".drafts")
    work.mkdir(exist_ok=True)
    for f in work.iterdir():
        f.unlink()
    # Phase 1: every client (a wrk thread with one connection) starts drafts and answers
    # every step until the time is up.
    fill = run_form(base, clients, int(prep_s), "fill", work)
    cookies = [c for f in sorted(work.glob("cookies.*")) for c in f.read_text().split()]
    # Phase 2: the same clients send every complete draft ("Send report" on the check
    # page), each its share; the phase ends with the last answer.
    send = run_form(base, clients, 600, "send", work, until_done=True)
    result = {
        "clients": clients,
        "client": "wrk + benches/form.lua",
        "prepared": len(cookies),
        "distinct_drafts_prepared": len(set(cookies)),
        "prepare_s": fill["seconds"],
        "prepare_refused": fill["refused"],
        "sent": send["count"],
        "refused": send["refused"],
        "refused_sample": send["refused_sample"] + fill["refused_sample"],
        "errors": send["errors"] + fill["errors"],
        "errors_sample": [],
        "send_s": send["seconds"],
        "sends_per_s": send["count"] / send["seconds"] if send["seconds"] else None,
        "send_p50_ms": send["p50_ms"],
        "send_p99_ms": send["p99_ms"],
        "flow_per_s": send["count"] / (fill["seconds"] + send["seconds"]),
        "requests_per_report": 1 + len(FORM_STEPS) + 1,
    }
    Path(out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result))


def cmd_commits(args):
    """The reference: what the disk allows for one durable commit after another."""
    dbfile, seconds, out = args[0], float(args[1]), args[2]
    db = sqlite3.connect(dbfile, isolation_level=None)
    mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    db.execute("PRAGMA synchronous=FULL")
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    if mode != "wal" or sync != 2:
        sys.exit(f"reference database not durable: journal_mode={mode} synchronous={sync}")
    db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at REAL NOT NULL, "
               "payload TEXT NOT NULL)")
    payload = "x" * 600  # about a report's row
    n = 0
    t0 = time.perf_counter()
    end = t0 + seconds
    while True:
        now = time.perf_counter()
        if now >= end:
            break
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (at, payload) VALUES (?, ?)", (now, payload))
        db.execute("COMMIT")
        n += 1
    wall = time.perf_counter() - t0
    rows = db.execute("SELECT count(*) FROM t").fetchone()[0]
    db.close()
    result = {"commits": n, "seconds": wall, "commits_per_s": n / wall, "rows": rows,
              "sqlite": sqlite3.sqlite_version}
    Path(out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result))


def multipart(fields, file_field, file_name, file_type, file_bytes):
    boundary = "----balaibench" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                     f'\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                 f'filename="{file_name}"\r\nContent-Type: {file_type}\r\n\r\n'.encode())
    parts.append(file_bytes)
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def cmd_upload(args):
    base, jpeg, clients, seconds, out = (args[0], args[1], int(args[2]), float(args[3]),
                                         args[4])
    port = loopback(base)
    photo = Path(jpeg).read_bytes()
    lock = threading.Lock()
    done, latencies, errors = [0], [], []
    end = time.perf_counter() + seconds

    def run():
        c = Client(port)
        cookie, in_draft = None, 5
        while time.perf_counter() < end:
            try:
                if in_draft >= 5:  # a draft holds at most five photos
                    cookie, in_draft = new_draft(c), 0
                body, ctype = multipart(
                    {"photo_description": "Jalan rusak di depan pasar",
                     "upload_id": secrets.token_hex(16)},
                    "photo", "photo.jpg", "image/jpeg", photo)
                t = time.perf_counter()
                status, location, _ = c.post("/en/reports/new/photos", body, ctype, cookie)
                dt = time.perf_counter() - t
                in_draft += 1
                if status != 303 or not location.endswith("/reports/new/photos"):
                    raise RuntimeError(f"upload: {status} -> {location!r}")
                with lock:
                    done[0] += 1
                    latencies.append(dt * 1000)
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(str(e))
                c, in_draft = Client(port), 5
                time.sleep(0.1)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    result = {"clients": clients, "uploads": done[0], "seconds": wall,
              "uploads_per_s": done[0] / wall, "bytes": len(photo),
              "p50_ms": pct(latencies, 50), "max_ms": max(latencies, default=None),
              "errors": len(errors), "errors_sample": errors[:5]}
    Path(out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result))


# ---------------------------------------------------------------- parsing


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    text = Path(path).read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    # wrk pads values in seconds with a trailing space ("1.36s ").
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", text, re.M))
    m = re.search(r"(\d+) requests in", text)
    if "50" not in lat or "99" not in lat or (m and int(m.group(1)) == 0):
        lat = {"50": "30s", "99": "30s"}  # nothing answered within wrk's timeout
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
    def wrk_median(pattern, label):
        parsed = [parse_wrk(r) for r in sorted((work / "wrk").glob(pattern))]
        if not parsed:
            return None
        errors = sum(p["errors"] for p in parsed)
        if errors:
            notes.append(f"{label}: {errors} errors or non-2xx answers")
        res = {k: statistics.median(p[k] for p in parsed) for k in ("rps", "p50", "p99")}
        res["n"] = len(parsed)
        res["errors"] = errors
        return res

    n_reports = facts.get("seed.count")
    pages = [p for p in facts.get("pages", "").split() if p]
    for page in pages:
        min_ratio, max_p99 = facts.get(f"target.{page}", "0.5 10").split()
        max_p99 = float(max_p99)
        conns = facts.get(f"conns.{page}", "?")
        url = facts.get(f"url.{page}", "")
        for enc in ("plain", "gzip"):
            res = {}
            for server in ("balai", "nginx"):
                r = wrk_median(f"{page}.{enc}.{server}.run*.txt", f"{page} {enc} {server}")
                if r:
                    res[server] = r
            size = facts.get(f"bytes.{page}.{enc}", "?")
            case = (f"{page} {url}, plain: {size} B" if enc == "plain"
                    else f"{page}, gzip: {size}") + f", {conns} conn."
            if "balai" not in res or "nginx" not in res:
                rows.append(("1 pages", case, "-", "not measured", "", "", "", ""))
                continue
            b, n = res["balai"], res["nginx"]
            ratio = b["rps"] / n["rps"]
            if min_ratio == "-":
                rt, rv = "(info)", ""
            else:
                want = float(min_ratio)
                rt = ">= 1/3" if abs(want - 1 / 3) < 0.01 else f">= {want:g}"
                rv = verdict(ratio >= want)
            rows.append(("1 pages", case, "throughput, req/s", fmt_num(b["rps"]),
                         fmt_num(n["rps"]) + " nginx", f"{ratio:.2f}", rt, rv))
            rows.append(("", "", "latency p50, ms", fmt_num(b["p50"], 2), fmt_num(n["p50"], 2),
                         f"{b['p50'] / n['p50']:.2f}" if n["p50"] else "-", "", ""))
            rows.append(("", "", "latency p99, ms", fmt_num(b["p99"], 2), fmt_num(n["p99"], 2),
                         f"{b['p99'] / n['p99']:.2f}" if n["p99"] else "-",
                         f"< {max_p99:g} ms", verdict(b["p99"] < max_p99 and not b["errors"])))
        if facts.get(f"alone_ms.{page}"):
            rows.append(("", "", "one request at a time (median of 5), ms",
                         facts[f"alone_ms.{page}"], "", "", "(info)", ""))
        if page in ("statistics", "agency") and facts.get(f"first_ms.{page}"):
            what = ("computes the figures" if page == "statistics"
                    else "figures already cached by the statistics page")
            again = facts.get(f"block_first_ms.{page}")
            rows.append(("", f"{page}: first request ({what})", "ms", facts[f"first_ms.{page}"],
                         "", "", "(info)", ""))
            if again:
                rows.append(("", f"{page}: first request of its measuring block "
                             "(figures computed again when older than 5 min)", "ms", again,
                             "", "", "(info)", ""))

    # Open data: the CSV export
    if facts.get("csv.rows"):
        csv_rows, csv_s = int(facts["csv.rows"]), float(facts["csv.seconds"])
        mb_out = int(facts["csv.bytes"]) / 1048576
        rate = csv_rows / csv_s if csv_s else 0
        rows.append(("open data", f"/data/reports.csv: {fmt_num(csv_rows)} rows "
                     f"({fmt_num(int(facts.get('csv.public', 0)))} public reports), "
                     f"{mb_out:,.0f} MB", "rows/s (time)", f"{fmt_num(rate)} ({csv_s:.1f} s)",
                     "", "", "> 50,000", verdict(rate > 50000)))
        before = int(facts["csv.rss_before_kb"]) / 1024
        peak = int(facts["csv.rss_peak_kb"]) / 1024
        after = int(facts["csv.rss_after_kb"]) / 1024
        rows.append(("", "", "Balai VmRSS before / peak during / after, MB",
                     f"{before:.1f} / {peak:.1f} / {after:.1f}", "", "",
                     "flat (peak < before + 32 MB)", verdict(peak < before + 32)))
    else:
        rows.append(("open data", "CSV export", "-", "not measured", "", "", "", ""))

    # 2. Send report vs raw durable commits
    sub_f, com_f = work / "submit.json", work / "commits.json"
    if sub_f.exists() and com_f.exists():
        sub, com = json.loads(sub_f.read_text()), json.loads(com_f.read_text())
        ratio = sub["sends_per_s"] / com["commits_per_s"]
        rows.append(("2 send report", f"the send step, {sub['clients']} clients, "
                     f"{fmt_num(sub['sent'])} reports in {sub['send_s']:.1f} s",
                     "reports/s vs commits/s", fmt_num(sub["sends_per_s"]),
                     f"{fmt_num(com['commits_per_s'])} commits/s (python3 sqlite3 "
                     f"{com['sqlite']}, WAL, FULL, {com['seconds']:.1f} s)",
                     f"{ratio:.2f}", ">= 0.5", verdict(ratio >= 0.5)))
        rows.append(("", "", "send latency p50 / p99, ms",
                     f"{fmt_num(sub['send_p50_ms'], 1)} / {fmt_num(sub['send_p99_ms'], 1)}",
                     "", "", "(info)", ""))
        rows.append(("", f"whole form: {sub['requests_per_report']} POSTs (new draft, "
                     f"8 steps, send), no page views; {sub['prepare_s']:.0f} s filling",
                     "reports/s", fmt_num(sub["flow_per_s"], 1), "", "", "(info)", ""))
        added = int(facts.get("submit.added", -1))
        # Each draft sent once: as many drafts marked sent as reports added.
        marked = int(facts.get("submit.sent_drafts", -1))
        ok = (added == sub["sent"] == marked == sub["distinct_drafts_prepared"]
              and sub["errors"] == 0 and sub["refused"] == 0
              and sub["prepared"] == sub["sent"])
        rows.append(("", "reports stored vs sends acknowledged", "count",
                     f"{fmt_num(added)} stored, {fmt_num(sub['sent'])} acknowledged "
                     f"({fmt_num(sub['prepared'])} drafts, {sub['refused']} refused, "
                     f"{sub['errors']} errors)", "", "", "equal, none lost", verdict(ok)))
        for e in sub.get("errors_sample", []) + sub.get("refused_sample", []):
            notes.append(f"send report: {e}")
    else:
        rows.append(("2 send report", "vs raw durable commits", "-", "not measured",
                     "", "", "", ""))

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

    # 4. Pages under upload
    quiet = wrk_median("upload.quiet.run*.txt", "report page without uploads")
    busy = wrk_median("upload.upload.run*.txt", "report page under uploads")
    ups = [json.loads(f.read_text()) for f in sorted(work.glob("upload.run*.json"))]
    if quiet and busy and ups:
        rows.append(("4 pages under upload", "report page, 8 conn., while 2 clients upload "
                     f"a {ups[0]['bytes'] / 1048576:.1f} MB 12 MP JPEG (median of {len(ups)})",
                     "latency p99, ms", fmt_num(busy["p99"], 2),
                     fmt_num(quiet["p99"], 2) + " without uploads",
                     f"{busy['p99'] / quiet['p99']:.1f}", "< 20 ms", verdict(busy["p99"] < 20)))
        rows.append(("", "", "latency p50, ms", fmt_num(busy["p50"], 2), fmt_num(quiet["p50"], 2),
                     f"{busy['p50'] / quiet['p50']:.1f}", "", ""))
        rows.append(("", "", "throughput, req/s", fmt_num(busy["rps"]), fmt_num(quiet["rps"]),
                     f"{busy['rps'] / quiet['rps']:.2f}", "", ""))
        n_up = sum(u["uploads"] for u in ups)
        secs = sum(u["seconds"] for u in ups)
        errs = sum(u["errors"] for u in ups)
        p50s = [u["p50_ms"] for u in ups if u["p50_ms"] is not None]
        rows.append(("", "", "uploads stored (per s; p50 ms each)",
                     f"{n_up} ({n_up / secs:.2f}/s; "
                     f"{fmt_num(statistics.median(p50s)) if p50s else '-'} ms)",
                     "", "", "no errors", verdict(errs == 0)))
        for u in ups:
            for e in u.get("errors_sample", []):
                notes.append(f"upload: {e}")
    else:
        rows.append(("4 pages under upload", "-", "-", "not measured", "", "", "", ""))

    # 5. Footprint
    def mb(key):
        v = facts.get(key)
        return None if v is None else int(v) / 1024

    idle = mb("rss.idle_kb")
    rows.append(("5 footprint", "Balai RSS idle (seeded database, after warm-up)", "VmRSS, MB",
                 fmt_num(idle, 1), "", "", "< 50 MB",
                 verdict(idle is not None and idle < 50)))
    if facts.get("rss.start_kb"):
        rows.append(("", "Balai RSS right after start-up", "VmRSS, MB",
                     fmt_num(mb("rss.start_kb"), 1), "", "", "(info)", ""))
    if facts.get("rss.load_max_kb"):
        rows.append(("", "Balai RSS under page load (32-64 connections)", "VmRSS, MB (median / max)",
                     f"{fmt_num(mb('rss.load_median_kb'), 1)} / {fmt_num(mb('rss.load_max_kb'), 1)}",
                     "", "", "(info)", ""))
    if facts.get("rss.hwm_kb"):
        rows.append(("", "Balai peak RSS after the page runs", "VmHWM, MB",
                     fmt_num(mb("rss.hwm_kb"), 1), "", "", "(info)", ""))
    if facts.get("nginx.rss_kb"):
        rows.append(("", "nginx RSS after the runs (master + workers)", "VmRSS, MB",
                     fmt_num(mb("nginx.rss_kb"), 1), "", "", "(info)", ""))
    if facts.get("startup_ms"):
        ms = [float(x) for x in facts["startup_ms"].split()]
        rows.append(("", f"start-up to first 200 on /health, fresh database ({len(ms)} starts)",
                     "ms, median (all: " + ", ".join(f"{x:.0f}" for x in ms) + ")",
                     f"{statistics.median(ms):.0f}", "", "", "(info)", ""))
    if facts.get("startup_seeded_ms"):
        ms = [float(x) for x in facts["startup_seeded_ms"].split()]
        rows.append(("", f"start-up to first 200 on /health, {fmt_num(int(n_reports or 0))} "
                     f"reports ({len(ms)} starts)",
                     "ms, median (all: " + ", ".join(f"{x:.0f}" for x in ms) + ")",
                     f"{statistics.median(ms):.0f}", "", "", "(info)", ""))
    if facts.get("rss.start_seeded_kb"):
        rows.append(("", "Balai RSS right after start-up on the seeded database", "VmRSS, MB",
                     fmt_num(mb("rss.start_seeded_kb"), 1), "", "", "(info)", ""))
    if facts.get("seed.wall_s"):
        rows.append(("", f"seed {fmt_num(int(facts['seed.reports']))} reports "
                     "(balai seed --reports N --seed 1)",
                     "s (as it says; wall)", f"{facts['seed.said_s']} ({facts['seed.wall_s']})",
                     "", "", "(info)", ""))
        rows.append(("", "SQLite database after seeding (with WAL)", "MB",
                     fmt_num(int(facts["seed.db_mb"])), "", "", "(info)", ""))
    if facts.get("rss.hwm_end_kb"):
        rows.append(("", "Balai peak RSS at the end (after export, sends and uploads)",
                     "VmHWM, MB", fmt_num(mb("rss.hwm_end_kb"), 1), "", "", "(info)", ""))

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
        "submit": cmd_submit,
        "commits": cmd_commits,
        "upload": cmd_upload,
        "report": cmd_report,
    }[cmd](args)


if __name__ == "__main__":
    main()
