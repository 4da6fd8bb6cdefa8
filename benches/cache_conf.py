#!/usr/bin/env python3
"""The nginx configuration of benches/cache.sh (standard library only).

  cache_conf.py WORK CORES BALAI_PORT CACHE_PORT STATIC_PORT NAME=PATH...

Saves each page PATH as Balai answers it (plain) to WORK/root/NAME.html and writes
WORK/nginx.conf with two servers in one nginx:

  CACHE_PORT   deploy/nginx.conf as shipped: its http-level lines (the cache folder moved
               into WORK), its upstream (one server: Balai on BALAI_PORT) and its TLS
               server's lines and locations without TLS (no listen, certificates,
               protocols, http2, name). Requests that reached Balai are logged to
               WORK/upstream.log (only those: `if=$upstream_addr`, background refreshes
               included), so the table can say how many there were.
  STATIC_PORT  the reference: the saved bytes at /NAME.html, with Balai's headers added.

Prints the headers Balai sent with each page (Cache-Control, ETag) for the configuration.
"""

import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def parse(text, at=0):
    """nginx statements from text[at:]: (head, body or None), comments dropped; and where
    the block ended."""
    out, head, quote, i = [], "", None, at
    while i < len(text):
        c = text[i]
        i += 1
        if quote:
            head += c
            if c == "\\" and i < len(text):
                head += text[i]
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            head += c
        elif c == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
        elif c == ";":
            out.append((head.strip(), None))
            head = ""
        elif c == "{":
            body, i = parse(text, i)
            out.append((head.strip(), body))
            head = ""
        elif c == "}":
            return out, i
        else:
            head += c
    return out, i


def render(stmts):
    return "".join(
        f"{h};\n" if b is None else f"{h} {{\n{render(b)}}}\n" for h, b in stmts
    )


def name(stmt):
    return (stmt[0].split() or [""])[0]


def deploy(work, balai_port):
    """The http-level lines, the upstream and the TLS server's lines of deploy/nginx.conf."""
    stmts, _ = parse((REPO / "deploy/nginx.conf").read_text())
    http = []
    for head, body in stmts:
        if name((head, body)) == "proxy_cache_path":
            words = head.split()
            words[1] = str(Path(work) / "cache")
            http.append((" ".join(words), None))
        elif name((head, body)) == "upstream":
            kept = [s for s in body if name(s) != "server"]
            http.append((head, [(f"server 127.0.0.1:{balai_port}", None)] + kept))
        elif name((head, body)) != "server":
            http.append((head, body))
    tls = next(
        body
        for head, body in stmts
        if name((head, body)) == "server" and any(h.startswith("listen 443") for h, _ in body)
    )
    tls_only = {"listen", "ssl_certificate", "ssl_certificate_key", "ssl_protocols", "http2", "server_name"}
    server = [s for s in tls if name(s) not in tls_only]
    return render(http), render(server)


def save_pages(work, balai_port, pages):
    """Saves each page and returns its nginx location with Balai's headers, and a summary."""
    root = Path(work) / "root"
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    locations, seen = "", []
    for page, path in pages:
        with urllib.request.urlopen(f"http://127.0.0.1:{balai_port}{path}") as res:
            body = res.read()
            headers = res.getheaders()
        (root / f"{page}.html").write_bytes(body)
        (root / f"{page}.html").chmod(0o644)
        adds = ""
        for k, v in headers:
            if k.lower() in ("date", "content-length", "content-type", "content-encoding",
                             "transfer-encoding", "vary", "connection", "keep-alive", "server"):
                continue
            if any(ch in v for ch in '"$\\'):
                continue
            adds += f'            add_header {k} "{v}" always;\n'
        locations += f"        location = /{page}.html {{\n{adds}        }}\n"
        got = dict((k.lower(), v) for k, v in headers)
        seen.append(f"{page} {path}: {len(body)} bytes, Cache-Control: {got.get('cache-control', '-')}, "
                    f"ETag: {got.get('etag', '-')}")
    return locations, seen


def main():
    work, cores, balai_port, cache_port, static_port = sys.argv[1:6]
    pages = [a.split("=", 1) for a in sys.argv[6:]]
    http, server = deploy(work, balai_port)
    locations, seen = save_pages(work, balai_port, pages)
    (Path(work) / "nginx.conf").write_text(f"""daemon off;
master_process on;
worker_processes {cores};
pid {work}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    server_tokens off;
    client_body_temp_path {work}/tmp/body;
    proxy_temp_path {work}/tmp/proxy;
    fastcgi_temp_path {work}/tmp/fastcgi;
    uwsgi_temp_path {work}/tmp/uwsgi;
    scgi_temp_path {work}/tmp/scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    etag off;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    gzip off;
    log_format upstream '$upstream_cache_status $upstream_status $request_uri';
    # ---- from deploy/nginx.conf
{http}
    # ---- the cache: deploy/nginx.conf's TLS server without TLS
    server {{
        listen 127.0.0.1:{cache_port} backlog=4096;
        access_log {work}/upstream.log upstream if=$upstream_addr;
        log_subrequest on;
{server}
    }}
    # ---- the reference: the same bytes, saved
    server {{
        listen 127.0.0.1:{static_port} backlog=4096;
        root {work}/root;
{locations}        location / {{ return 404; }}
    }}
}}
""")
    print("\n".join(seen))


if __name__ == "__main__":
    main()
