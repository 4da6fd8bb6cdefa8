//! What the fuzz targets run (`fuzz/`, driven by `cargo fuzz`), kept in the library so that
//! `tests/api/fuzz_corpora.rs` replays the committed corpora on stable Rust with every
//! `cargo test`. Each entry takes arbitrary bytes and returns normally, or panics where an
//! invariant of the code under test is broken: that panic is what the fuzzer reports.
//!
//! The five inputs that come from outside: tracking codes and access keys, the report
//! form's steps, a photo upload (multipart body, then the photo pipeline), a content
//! file's front matter, and the browse page's query string.

use crate::content::{self, ContentStore, Folder};
use crate::domain::access_key::AccessKey;
use crate::domain::code::Code;
use crate::domain::public::{Cursor, Sort};
use crate::domain::report::{Answers, Kind, Step, StepInput};
use crate::photos;
use crate::views::browse::BrowseQuery;
use actix_web::http::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use std::path::Path;
use std::sync::OnceLock;

/// The content shipped in `content/`, loaded once (areas, categories, agencies and
/// campaigns are what forms and filters are checked against).
fn store() -> Option<&'static ContentStore> {
    static STORE: OnceLock<Option<ContentStore>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            ContentStore::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).ok()
        })
        .as_ref()
}

/// The shipped content; a fuzz run without it would test nothing.
fn content() -> &'static ContentStore {
    match store() {
        Some(s) => s,
        None => panic!("content/ did not load: run the targets from the repository"),
    }
}

/// Tracking codes and access keys as typed: what parses prints in a form that parses back
/// to the same value, and is stored in its canonical form.
pub fn tracking_code(data: &[u8]) {
    let typed = String::from_utf8_lossy(data);
    if let Some(code) = Code::parse(&typed) {
        let canonical = code.as_str();
        assert_eq!(canonical.len(), 9, "{typed:?}");
        assert!(canonical.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(Code::parse(&code.to_string()).as_ref(), Some(&code));
        assert_eq!(Code::parse(canonical).as_ref(), Some(&code));
    }
    if let Some(key) = AccessKey::parse(&typed) {
        let shown = key.to_string();
        let again = AccessKey::parse(&shown);
        assert_eq!(
            again.as_ref().map(AccessKey::hash),
            Some(key.hash()),
            "{typed:?}"
        );
        assert_eq!(
            AccessKey::parse(&shown.to_lowercase()).map(|k| k.hash()),
            Some(key.hash())
        );
    }
}

/// The report form: the input is a series of posts separated by `0xFF`, each a step
/// (its first byte) and a form body as the browser sends it. After every post the step's
/// check runs; at the end the draft is parsed as "Send" parses it. A draft that parses
/// must have every step clean, and one with a step in error must not parse.
pub fn report_form(data: &[u8]) {
    let content = content();
    let today = time::macros::date!(2026 - 11 - 28);
    let mut answers = Answers::default();
    for post in data.split(|b| *b == 0xFF).take(32) {
        let Some((&which, body)) = post.split_first() else {
            continue;
        };
        let step = Step::ALL[usize::from(which) % Step::ALL.len()];
        // As `web::Form` decodes it; a body that does not decode is a 400 there.
        let Ok(input) = serde_urlencoded::from_bytes::<StepInput>(body) else {
            continue;
        };
        answers.take(step, input);
        let _ = answers.check_step(step, content, today);
    }
    // The draft is stored as JSON and read back on the next request.
    let stored = serde_json::to_string(&answers).unwrap_or_default();
    let loaded: Answers = serde_json::from_str(&stored).unwrap_or_default();
    assert_eq!(loaded, answers, "a draft changes when stored and read back");
    match answers.parse(content, today) {
        Ok(report) => {
            assert!(answers.first_incomplete(content, today).is_none());
            assert!(!report.title.trim().is_empty());
            assert!(!report.description.trim().is_empty());
            assert!(report.occurred_on <= today);
            assert!(content.areas.province(&report.province).is_some());
            assert!(content.areas.regency_in(&report.regency, &report.province));
            assert!(content.taxonomy.category(&report.category).is_some());
            // One-line fields hold no control characters; long text only line breaks and tabs.
            assert!(
                !report.title.chars().any(char::is_control),
                "{:?}",
                report.title
            );
            let stray = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
            assert!(
                !report.description.chars().any(stray),
                "{:?}",
                report.description
            );
        }
        Err(step) => {
            assert_eq!(answers.first_incomplete(content, today), Some(step));
        }
    }
}

/// A photo upload as it arrives: the first line is the request's `Content-Type`, the rest
/// the multipart body, cut into chunks where the input says (bodies arrive in pieces).
/// The form is read with its limits, then a file goes through the photo pipeline: what it
/// accepts is a metadata-free JPEG within the sizes promised; what it refuses names a
/// message.
pub fn photo_upload(data: &[u8]) {
    let (head, body) = match data.iter().position(|b| *b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b"multipart/form-data; boundary=x"[..], data),
    };
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_bytes(head) {
        headers.insert(CONTENT_TYPE, v);
    }
    // Chunk sizes from the body's first byte: 1 to 256 bytes a piece.
    let piece = usize::from(body.first().copied().unwrap_or(0)) + 1;
    let chunks: Vec<Result<actix_web::web::Bytes, actix_web::error::PayloadError>> = body
        .chunks(piece)
        .map(|c| Ok(actix_web::web::Bytes::copy_from_slice(c)))
        .collect();
    let multipart = actix_multipart::Multipart::new(&headers, futures_util::stream::iter(chunks));
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    else {
        return;
    };
    // The whole body is in memory, so a reader that waits 200 ms is stuck for good: the
    // server gives such a request up after `UPLOAD_IDLE` (actix-multipart can wait for ever
    // on some malformed bodies; see `fuzz/corpus/photo_upload/stalls-*`).
    let idle = std::time::Duration::from_millis(200);
    let read = crate::routes::reports::photos::read_upload(multipart, idle);
    let upload = match runtime.block_on(read) {
        Ok(upload) => upload,
        Err(unreadable) => {
            // What was read before the problem is kept for the page, never the file.
            assert!(unreadable.partial.bytes.is_empty());
            let limit = crate::routes::reports::photos::TEXT_FIELD_MAX * 3;
            assert!(unreadable.partial.description.len() <= limit);
            return;
        }
    };
    assert!(upload.bytes.len() <= photos::MAX_BYTES);
    assert!(upload.description.len() <= crate::routes::reports::photos::TEXT_FIELD_MAX * 3);
    if upload.bytes.is_empty() {
        return;
    }
    match photos::process(&upload.bytes, upload.claimed.as_deref()) {
        Ok(p) => {
            assert!(p.display_width.max(p.display_height) <= photos::DISPLAY_EDGE);
            assert!(p.thumb_width.max(p.thumb_height) <= photos::THUMB_EDGE);
            for (bytes, w, h) in [
                (&p.display, p.display_width, p.display_height),
                (&p.thumb, p.thumb_width, p.thumb_height),
            ] {
                assert!(bytes.starts_with(&[0xFF, 0xD8]), "not a JPEG");
                // No EXIF (APP1) segment: the GPS position and camera are gone.
                assert!(!bytes.windows(6).any(|w| w == b"Exif\0\0"), "metadata kept");
                let decoded = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg);
                let dims = decoded.map(|i| (i.width(), i.height())).ok();
                assert_eq!(dims, Some((w, h)), "stored size differs from the JPEG's");
            }
        }
        Err(e) => assert!(!e.message_id().is_empty()),
    }
}

/// A content file: the first byte picks the folder (page, campaign, workshop), the rest
/// is the file's text. A file refused always says why.
pub fn front_matter(data: &[u8]) {
    let content = content();
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let (folder, name) = match which % 3 {
        0 => (Folder::Pages, "fuzz.id.md"),
        1 => (Folder::Campaigns, "fuzz.en.md"),
        _ => (Folder::Workshops, "fuzz.id.md"),
    };
    let text = String::from_utf8_lossy(rest);
    let (accepted, findings) = content::parse_text(content, folder, name, &text);
    if !accepted {
        assert!(!findings.errors.is_empty(), "refused without a reason");
    }
    for p in findings.errors.iter().chain(&findings.lints) {
        assert!(!p.to_string().is_empty());
    }
}

/// The browse page's query string: whatever is kept is a value the content knows; the
/// rest is dropped and named. Page cursors read back as they were written.
pub fn browse_query(data: &[u8]) {
    let content = content();
    let query = String::from_utf8_lossy(data);
    let Ok(q) = actix_web::web::Query::<BrowseQuery>::from_query(&query) else {
        return;
    };
    let mut dropped = Vec::new();
    let b = crate::routes::browse::parse(content, &q, &mut dropped);
    if let Some(k) = &b.kind {
        assert!(Kind::parse(k).is_some());
    }
    if let Some(c) = &b.category {
        assert!(content.taxonomy.category(c).is_some());
    }
    if let Some(p) = &b.province {
        assert!(content.areas.province(p).is_some());
    }
    if let Some(r) = &b.regency {
        assert!(content.areas.regency(r).is_some());
        if let Some(p) = &b.province {
            assert!(content.areas.regency_in(r, p));
        }
    }
    if let Some(a) = &b.agency {
        assert!(content.taxonomy.agency(a, &content.areas).is_some());
    }
    if let Some(t) = &b.text {
        assert!(t.chars().count() <= 200 && !t.chars().any(char::is_control));
    }
    // The filters written into page links read back as they were.
    let filters = q.filters();
    let again = actix_web::web::Query::<BrowseQuery>::from_query(&filters).map(|a| a.filters());
    assert_eq!(again.ok().as_ref(), Some(&filters));
    for sort in [Sort::Newest, Sort::Oldest, Sort::Answered] {
        for raw in [&q.after, &q.before] {
            if let Some(c) = Cursor::decode(raw, sort) {
                let again = Cursor::decode(&c.encode(sort), sort);
                assert_eq!(
                    again.map(|a| (a.id, a.answered_nanos)),
                    Some((c.id, c.answered_nanos))
                );
            }
        }
    }
}
