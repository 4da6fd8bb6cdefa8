#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets into fuzz/corpus/<target>/ (run from the
repository; the files it writes are committed, and `cargo fuzz` adds what it finds)."""
import io, os, pathlib, zlib, struct

ROOT = pathlib.Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
REPO = ROOT.parent


def put(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# Tracking codes and access keys as people type them.
for i, s in enumerate(["K7M-4QX-92B", "k7m 4qx 92b", "K7M\u20114QX\u201192B", "K7M4QX92",
                       "O1L-IIO-000", "7KQ2 M9XA 3BCD EFGH JKMN PQRS TVWX YZ23 4567",
                       "7kq2-m9xa-3bcd-efgh-jkmn-pqrs-tvwx-yz23-4567", "", "-" * 70]):
    put("tracking_code", f"seed-{i}", s)

# The report form: posts separated by 0xFF, each the step's index in Step::ALL then a body.
STEPS = ["kind", "details", "personal-data", "province", "place", "date", "agency",
         "photos", "privacy", "about-you", "check"]
def post(step, body):
    return bytes([STEPS.index(step)]) + body.encode()
complete = [
    post("kind", "kind=complaint"),
    post("details", "title=Ramp+at+the+village+office+is+broken&description=The+ramp+has"
         "+a+20+cm+step.%0D%0AWheelchair+users+cannot+enter.&category=accessibility-barrier"),
    post("province", "province=51"),
    post("place", "regency=51.71&place=Kantor+Desa+Sanur+Kaja"),
    post("date", "day=20&month=11&year=2026"),
    post("agency", "agency=reg-51.71"),
    post("privacy", "privacy=anonymous"),
    post("about-you", "name=Siti+Rahayu&email=siti%40contoh.id&phone=&behalf=self&consent=yes"),
]
put("report_form", "seed-complete", b"\xff".join(complete))
put("report_form", "seed-personal-data", b"\xff".join(complete[:1] + [
    post("details", "title=Call+me&description=My+NIK+is+3171012345678901+and+phone+"
         "081234567890&category=health"),
    post("personal-data", "personal_data_choice=keep")] + complete[2:]))
put("report_form", "seed-other", b"\xff".join(complete[:-1] + [
    post("about-you", "behalf=other&relationship=Ibu&other_agreed=yes&consent=yes&website=x")]))
put("report_form", "seed-errors", b"\xff".join([
    post("details", "title=&description=%00%E2%80%AE&category=nope"),
    post("date", "day=31&month=2&year=2026"), post("place", "regency=99.99")]))

# Photo uploads: Content-Type line, then a multipart body.
def png(w, h):
    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(w * 3)) for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
def upload(file_bytes, ctype="image/png", fname="photo.png", desc="Tangga rusak"):
    b = b"XyZ"
    body = (b"--" + b + b'\r\nContent-Disposition: form-data; name="photo_description"\r\n\r\n'
            + desc.encode() + b"\r\n--" + b + b'\r\nContent-Disposition: form-data; name="upload_id"'
            b"\r\n\r\nabc123\r\n--" + b + b'\r\nContent-Disposition: form-data; name="photo"; '
            b'filename="' + fname.encode() + b'"\r\nContent-Type: ' + ctype.encode() + b"\r\n\r\n"
            + file_bytes + b"\r\n--" + b + b"--\r\n")
    return b"multipart/form-data; boundary=XyZ\n" + body
put("photo_upload", "seed-png", upload(png(24, 16)))
put("photo_upload", "seed-png-as-jpeg", upload(png(8, 40), "image/jpeg", "x.jpg"))
put("photo_upload", "seed-svg", upload(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/jpeg", "a.jpg"))
put("photo_upload", "seed-empty", upload(b"", "application/octet-stream", ""))
put("photo_upload", "seed-truncated", upload(png(30, 30))[:180])
put("photo_upload", "seed-bomb-header", upload(png(1, 1).replace(struct.pack(">II", 1, 1), struct.pack(">II", 100000, 100000), 1)))
for p in sorted((REPO / "tests" / "fixtures").rglob("*")):
    if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp") and p.stat().st_size < 64 * 1024:
        put("photo_upload", "fixture-" + p.name, upload(p.read_bytes(), "image/" + p.suffix[1:], p.name))

# Content files: first byte 0 page, 1 campaign, 2 workshop; then the file's text.
for folder, byte in (("pages", 0), ("campaigns", 1), ("workshops", 2)):
    for p in sorted((REPO / "content" / folder).glob("*.md"))[:4]:
        put("front_matter", f"{folder}-{p.name}", bytes([byte]) + p.read_bytes())
put("front_matter", "broken-toml", b"\x02+++\ntitle = \"x\nstarts = 2026-13-40\n+++\nbody")
put("front_matter", "script", b"\x00+++\ntitle = \"x\"\nsummary = \"y\"\n+++\n<script>alert(1)</script>\n[a](javascript:x)")

# Browse query strings.
for i, q in enumerate([
    "", "status=resolved&kind=complaint&category=health&province=51&regency=51.71",
    "agency=reg-51.71&from_day=1&from_month=1&from_year=2026&to_day=31&to_month=12&to_year=2026",
    "q=jalan+rusak&sort=answered&after=1764288000000000000_42",
    "sort=oldest&before=99&p=3&last=1", "q=%00%3Cscript%3E&status=%27%20OR%201%3D1--",
    "province=51&regency=32.04", "kind=complaint&kind=aspiration", "q=" + "a" * 300,
    "from_day=31&from_month=2&from_year=2026&sort=x&after=-1",
]):
    put("browse_query", f"seed-{i}", q)
