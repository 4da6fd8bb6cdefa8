//! HTTP caching of public answers (issue #23): how long a shared cache (nginx) may keep
//! each kind of public page ([`Policy`], the one table of lifetimes), the weak validator
//! ([`ETag`]) and the `304 Not Modified` to a matching `If-None-Match`.
//!
//! Only cookie-free public answers are cacheable; everything else is [`PRIVATE`]
//! (`startup::guard` makes sure of it for every answer that sets a cookie). Language is in
//! the path, so `Vary` names `Accept-Encoding` only (Open311 answers, whose language comes
//! from `Accept-Language`, name that too).
//!
//! A page kept as [`crate::page_cache::Finished`] carries the tag of its bytes, computed
//! once when it is rendered: a conditional request for a kept page is answered after the
//! version check alone, before any rendering. Answers rendered on each request
//! ([`tagged`]) are tagged from their bytes too, which saves the transfer. Every tag also
//! hashes [`build`] (the binary), so a new release never matches an old tag.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// The `Cache-Control` of anything personal, a form, the back office, an answer to a POST
/// and anything that sets a cookie: neither a browser nor a proxy keeps it.
pub const PRIVATE: &str = "private, no-store";

/// How long a kind of public answer may be kept. `max-age` is what a browser keeps without
/// asking (0 but for content: it asks again with the tag and gets a 304); `s-maxage` what
/// nginx keeps (RFC 9111 5.2.2.10; nginx honours it over `max-age`).
///
/// | policy | shared cache | why |
/// | --- | --- | --- |
/// | `Content` | 5 min (+1 min stale while revalidating, a day if Balai fails) | home, content pages, campaign list, Open311 services: change only with a deployment or SIGHUP |
/// | `Workshop` | 10 s | campaign and workshop pages show places left, which each registration changes; the form counts places in its transaction, so a late count never overbooks |
/// | `Report` | 5 s, never stale | a report page (and its feed, its Open311 request, its photos) changes within seconds of staff action, including staff removing personal data or making it non-public: that must leave the cache within seconds |
/// | `Listing` | 10 s, never stale | browse, an agency's page, Open311 request lists: report titles and excerpts (the same removal concern); Balai itself keeps them 5 s |
/// | `Statistics` | 1 min (+1 min stale, an hour if Balai fails) | figures are recomputed at most every five minutes and name no one |
/// | `Feed` | 30 s | the resolved feed: report summaries; feed readers poll every few minutes |
/// | `OpenData` | 1 min | CSV and JSON exports stream every public report: the costliest answer, and the one a crowd of scrapers asks for; a redaction reaches it within a minute |
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    Content,
    Workshop,
    Report,
    Listing,
    Statistics,
    Feed,
    OpenData,
}

impl Policy {
    /// The `Cache-Control` value.
    pub const fn cache_control(self) -> &'static str {
        match self {
            Self::Content => {
                "public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"
            }
            Self::Workshop => "public, max-age=0, s-maxage=10",
            Self::Report => "public, max-age=0, s-maxage=5",
            Self::Listing => "public, max-age=0, s-maxage=10",
            Self::Statistics => {
                "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=3600"
            }
            Self::Feed => "public, max-age=0, s-maxage=30",
            Self::OpenData => "public, max-age=0, s-maxage=60",
        }
    }
}

impl Policy {
    /// The `Cache-Control` header, made at compile time (`from_static` checks every byte
    /// when called at run time: a thousand instructions a request in the profile).
    pub fn header(self) -> HeaderValue {
        match self {
            Self::Content => const { HeaderValue::from_static(Self::Content.cache_control()) },
            Self::Workshop => const { HeaderValue::from_static(Self::Workshop.cache_control()) },
            Self::Report => const { HeaderValue::from_static(Self::Report.cache_control()) },
            Self::Listing => const { HeaderValue::from_static(Self::Listing.cache_control()) },
            Self::Statistics => {
                const { HeaderValue::from_static(Self::Statistics.cache_control()) }
            }
            Self::Feed => const { HeaderValue::from_static(Self::Feed.cache_control()) },
            Self::OpenData => const { HeaderValue::from_static(Self::OpenData.cache_control()) },
        }
    }
}

/// What changes with each build: the package version and the binary itself (its size and
/// modification time; a deployment installs a new file), read once.
pub fn build() -> u64 {
    static BUILD: OnceLock<u64> = OnceLock::new();
    *BUILD.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| (m.len(), m.modified().ok()))
            .ok();
        hash((env!("CARGO_PKG_VERSION"), exe))
    })
}

/// Different in every process: for tags of versions that are only meaningful inside one
/// (the content's load number), so another instance or a restart never matches them.
fn instance() -> u64 {
    static INSTANCE: OnceLock<u64> = OnceLock::new();
    *INSTANCE.get_or_init(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        hash((now, std::process::id(), &INSTANCE as *const _ as usize))
    })
}

fn hash(parts: impl Hash) -> u64 {
    // SipHash with fixed keys: the same bytes give the same tag on every instance of a build.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

/// A weak entity tag, `W/"<16 hex digits>"` (RFC 9110 8.8.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ETag(HeaderValue);

impl ETag {
    /// The tag of these bytes in this build.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self::from_hash(hash((build(), bytes)))
    }

    /// The tag of a version that means the same on every instance of a build (a photo's id).
    pub fn of_version(parts: impl Hash) -> Self {
        Self::from_hash(hash((build(), parts)))
    }

    /// The tag of a version that holds this process's content load number (an export).
    pub fn of_local_version(parts: impl Hash) -> Self {
        Self::from_hash(hash((build(), instance(), parts)))
    }

    fn from_hash(h: u64) -> Self {
        // Sixteen hex digits in quotes: always a valid header value.
        Self(
            HeaderValue::from_str(&format!("W/\"{h:016x}\""))
                .unwrap_or(HeaderValue::from_static("W/\"0\"")),
        )
    }

    /// The opaque tag without `W/` and quotes.
    fn opaque(&self) -> &[u8] {
        let b = self.0.as_bytes();
        b.get(3..b.len() - 1).unwrap_or_default()
    }

    /// The header value.
    pub fn header(&self) -> HeaderValue {
        self.0.clone()
    }
}

/// Whether the request's `If-None-Match` matches `tag` by weak comparison (RFC 9110
/// 13.1.2): `*`, or any listed tag with the same opaque part. Only GET (a HEAD arrives as
/// GET, `head`). A malformed header is ignored whole (a 200 is always a correct answer).
pub fn matches(req: &HttpRequest, tag: &ETag) -> bool {
    req.method() == Method::GET && if_none_match(req.headers(), tag)
}

/// Most bytes of `If-None-Match` looked at; a longer header is ignored (200).
const MAX_IF_NONE_MATCH: usize = 8 * 1024;

fn if_none_match(headers: &HeaderMap, tag: &ETag) -> bool {
    let mut seen = 0;
    let mut found = false;
    for value in headers.get_all(header::IF_NONE_MATCH) {
        seen += value.len();
        if seen > MAX_IF_NONE_MATCH {
            return false;
        }
        match list_matches(value.as_bytes(), tag.opaque()) {
            Some(m) => found |= m,
            None => return false,
        }
    }
    found
}

/// One `If-None-Match` field value: `*` or a comma list of entity tags. `None` when it
/// does not parse; else whether an element matches `opaque`.
pub fn list_matches(value: &[u8], opaque: &[u8]) -> Option<bool> {
    let is_space = |b: &u8| *b == b' ' || *b == b'\t';
    let trimmed: &[u8] = {
        let start = value
            .iter()
            .position(|b| !is_space(b))
            .unwrap_or(value.len());
        let end = value
            .iter()
            .rposition(|b| !is_space(b))
            .map_or(start, |e| e + 1);
        &value[start..end]
    };
    if trimmed == b"*" {
        return Some(true);
    }
    let mut rest = trimmed;
    let mut found = false;
    let mut any = false;
    loop {
        // Empty list elements (`a, , b`) are allowed (RFC 9110 5.6.1).
        while let Some((first, tail)) = rest.split_first() {
            if *first == b',' || is_space(first) {
                rest = tail;
            } else {
                break;
            }
        }
        if rest.is_empty() {
            return any.then_some(found);
        }
        let body = rest.strip_prefix(b"W/").unwrap_or(rest);
        let body = body.strip_prefix(b"\"")?;
        let close = body.iter().position(|b| *b == b'"')?;
        let candidate = &body[..close];
        // etagc: %x21 / %x23-7E / obs-text.
        if candidate.iter().any(|b| *b < 0x21 || *b == 0x7f) {
            return None;
        }
        found |= candidate == opaque;
        any = true;
        rest = &body[close + 1..];
        // After a tag: spaces, then a comma or the end.
        while let Some((first, tail)) = rest.split_first() {
            if is_space(first) {
                rest = tail;
            } else {
                break;
            }
        }
        match rest.first() {
            None => return Some(found),
            Some(b',') => {}
            Some(_) => return None,
        }
    }
}

/// Set the headers a cacheable answer (and its 304) carries: `Cache-Control`, `ETag` and
/// `Vary: accept-encoding` (kept if already there).
pub fn set_headers(headers: &mut HeaderMap, policy: Policy, tag: &ETag) {
    headers.insert(header::CACHE_CONTROL, policy.header());
    headers.insert(header::ETAG, tag.header());
    let varies = headers
        .get_all(header::VARY)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"));
    if !varies {
        headers.append(
            header::VARY,
            const { HeaderValue::from_static("accept-encoding") },
        );
    }
}

/// Make the answer's `Vary` one header naming each field once (the first spelling kept,
/// in order): handlers name `accept-encoding` for a cache's sake, and `Compress` appends
/// its own when it compresses (`startup::app` calls this outside it).
pub fn one_vary(headers: &mut HeaderMap) {
    if headers.get_all(header::VARY).nth(1).is_none() {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    for value in headers.get_all(header::VARY) {
        for name in value.to_str().unwrap_or_default().split(',') {
            let name = name.trim();
            if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                names.push(name.to_owned());
            }
        }
    }
    if let Ok(v) = HeaderValue::from_str(&names.join(", ")) {
        headers.insert(header::VARY, v);
    }
}

/// The 304 for a request whose tag matched: no body, the same `Cache-Control`, `ETag` and
/// `Vary` as the 200 (RFC 9110 15.4.5), plus any `Vary` of the answer (`extra_vary`).
pub fn not_modified(policy: Policy, tag: &ETag, vary: Option<HeaderValue>) -> HttpResponse {
    let mut res = HttpResponse::NotModified().finish();
    if let Some(v) = vary {
        res.headers_mut().insert(header::VARY, v);
    }
    set_headers(res.headers_mut(), policy, tag);
    res
}

/// A public answer rendered for this request, made cacheable: a 200 with its bytes gets
/// `policy` and the tag of its bytes, or the 304 when the request already has them. Any
/// other answer (an error, a streamed body) is returned as it is.
pub fn tagged(req: &HttpRequest, policy: Policy, res: HttpResponse) -> HttpResponse {
    if res.status() != StatusCode::OK {
        return res;
    }
    let (res, body) = res.into_parts();
    let bytes = match body.try_into_bytes() {
        Ok(bytes) => bytes,
        Err(body) => return res.set_body(body),
    };
    let tag = ETag::of_bytes(&bytes);
    if matches(req, &tag) {
        let vary = res.headers().get(header::VARY).cloned();
        return not_modified(policy, &tag, vary);
    }
    let mut res = res.set_body(BoxBody::new(bytes));
    set_headers(res.headers_mut(), policy, &tag);
    res
}

/// Make an answer private: `private, no-store`, and no validator (nothing to revalidate).
pub fn make_private(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    headers.remove(header::ETAG);
    headers.remove(header::LAST_MODIFIED);
}

/// Whether an answer may be kept by a shared cache according to its own headers (tests
/// and `startup::guard` use it): `public` and no `private`/`no-store`.
pub fn is_public(headers: &HeaderMap) -> bool {
    headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let d: Vec<&str> = v.split(',').map(str::trim).collect();
            d.contains(&"public") && !d.contains(&"private") && !d.contains(&"no-store")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn tag() -> ETag {
        ETag::of_bytes(b"page")
    }

    fn header_for(t: &ETag) -> String {
        t.header().to_str().unwrap().to_owned()
    }

    fn asks(values: &[&str]) -> bool {
        let mut req = TestRequest::get();
        for v in values {
            req = req.append_header((header::IF_NONE_MATCH, *v));
        }
        matches(&req.to_http_request(), &tag())
    }

    #[test]
    fn vary_becomes_one_line_naming_each_field_once() {
        let mut h = HeaderMap::new();
        for v in ["accept-language, Accept-Encoding", "accept-encoding"] {
            h.append(header::VARY, HeaderValue::from_static(v));
        }
        one_vary(&mut h);
        let lines: Vec<_> = h.get_all(header::VARY).collect();
        assert_eq!(lines, ["accept-language, Accept-Encoding"]);
        let mut h = HeaderMap::new();
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        one_vary(&mut h);
        assert_eq!(h.get(header::VARY).unwrap(), "accept-encoding");
    }

    #[test]
    fn tags_are_weak_quoted_and_follow_the_bytes() {
        let t = header_for(&tag());
        assert!(
            t.starts_with("W/\"") && t.ends_with('"') && t.len() == 20,
            "{t}"
        );
        assert_eq!(tag(), ETag::of_bytes(b"page"));
        assert_ne!(tag(), ETag::of_bytes(b"page2"));
        assert_ne!(ETag::of_version(1), ETag::of_local_version(1));
    }

    #[test]
    fn if_none_match_uses_weak_comparison_stars_and_lists() {
        let t = header_for(&tag());
        let strong = t.trim_start_matches("W/").to_owned();
        assert!(asks(&[&t]));
        assert!(asks(&[&strong]), "weak comparison ignores W/");
        assert!(asks(&["*"]));
        assert!(asks(&[" * "]));
        assert!(asks(&[&format!("\"a\", W/\"b\",{t}")]));
        assert!(asks(&[&format!("\"a\" ,, {strong} ,")]));
        assert!(asks(&["\"a\"", &t]), "several header lines are one list");
        assert!(!asks(&[]));
        assert!(!asks(&["\"a\", W/\"b\""]));
        assert!(!asks(&["\"a,b\", W/\"x\""]));
        // Commas are allowed inside a tag: a list is read tag by tag, not split on commas.
        assert!(!asks(&[&format!("\"x,{}\"", &strong[1..strong.len() - 1])]));
    }

    #[test]
    fn malformed_or_huge_headers_are_ignored() {
        let t = header_for(&tag());
        for bad in [
            "",
            "   ",
            "W/",
            "\"open",
            "abc",
            "*, \"a\"",
            "W/ \"a\"",
            "\"a\" \"b\"",
            "\"a\"x",
        ] {
            assert!(!asks(&[bad]), "{bad:?}");
            assert!(
                !asks(&[bad, &t]),
                "a malformed line spoils the list: {bad:?}"
            );
        }
        let many = vec!["\"x\""; 2000].join(", ");
        assert!(!asks(&[&format!("{many}, {t}")]), "over the limit");
        assert!(asks(&[&format!("{}, {t}", vec!["\"x\""; 100].join(", "))]));
        assert_eq!(
            list_matches(b"\"\"", b""),
            Some(true),
            "an empty tag is a tag"
        );
        assert_eq!(list_matches(b"\"a\x7f\"", b"a\x7f"), None, "not an etagc");
        assert_eq!(list_matches(b"\"a b\"", b"a b"), None, "no spaces in a tag");
    }

    #[test]
    fn only_get_and_head_revalidate() {
        let t = header_for(&tag());
        let post = TestRequest::post()
            .insert_header((header::IF_NONE_MATCH, t))
            .to_http_request();
        assert!(!matches(&post, &tag()));
    }

    #[actix_web::test]
    async fn a_tagged_answer_and_its_304_carry_the_same_headers() {
        let page = || HttpResponse::Ok().content_type("text/plain").body("page");
        let req = TestRequest::get().to_http_request();
        let full = tagged(&req, Policy::Report, page());
        assert_eq!(full.status(), StatusCode::OK);
        let etag = full.headers().get(header::ETAG).unwrap().clone();
        let again = TestRequest::get()
            .insert_header((header::IF_NONE_MATCH, etag.clone()))
            .to_http_request();
        let short = tagged(&again, Policy::Report, page());
        assert_eq!(short.status(), StatusCode::NOT_MODIFIED);
        for h in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            assert_eq!(full.headers().get(&h), short.headers().get(&h), "{h}");
        }
        assert!(is_public(full.headers()));
        let body = actix_web::body::to_bytes(short.into_body()).await.unwrap();
        assert!(body.is_empty());
        let refused = tagged(&req, Policy::Report, HttpResponse::NotFound().body("no"));
        assert!(refused.headers().get(header::ETAG).is_none());
    }

    #[test]
    fn private_answers_lose_their_validator() {
        let mut res = HttpResponse::Ok().finish();
        set_headers(res.headers_mut(), Policy::Content, &tag());
        make_private(res.headers_mut());
        assert_eq!(res.headers().get(header::CACHE_CONTROL).unwrap(), PRIVATE);
        assert!(res.headers().get(header::ETAG).is_none());
        assert!(!is_public(res.headers()));
    }
}
