//! Route-enumerated security tests. `src/startup.rs` is read as text at test time and
//! every (method, path) its router registers must have a row in [`ROUTES`] saying how
//! the route is checked; a route added without a row fails
//! `every_route_in_the_router_is_in_the_security_table`.
//!
//! - T-SEC-5 (cross-agency IDOR): every staff route × {admin, verifier, officer of the
//!   report's agency, officer of another agency, a citizen holding a private-view cookie,
//!   an anonymous visitor}. Only the authorised succeed; a denied member of staff gets a
//!   404 identical to a page (or report id) that does not exist; a visitor without a
//!   session goes to sign in. The photo route and a non-public report's public routes too.
//! - T-SEC-7 (CSRF): every POST route × {no token, another session's token,
//!   `Sec-Fetch-Site: cross-site`, `Sec-Fetch-Site: same-site`, `Origin:
//!   https://evil.example` without Fetch Metadata}, then a valid same-origin request. A
//!   refused request changes no database row and sets no cookie; every request from another
//!   site answers 403 (the guard on every resource, `startup::resource`), and staff routes
//!   answer 403 without their token too. What a public route accepts by design is listed
//!   in its row (`accepted`), kept exact so a change fails the test until the list is
//!   updated.
//! - GET routes never change state, for any actor.
//!
//! The database is compared whole (every table, every row) before and after each request.

use crate::helpers::{TestApp, TestResponse, repo, sel};
use crate::reports::{Browser, report_of};
use actix_web::test::TestRequest;
use balai::db::{Db, reports, staff as staff_db};
use balai::domain::staff::hash_password;
use balai::domain::workflow::Action;
use balai::settings::Settings;
use std::cell::Cell;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------
// The table: one row per (method, path) of the router.
// ---------------------------------------------------------------------------------------

/// Who may use a staff route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Anyone, signed in or not (the sign-in page).
    Anyone,
    /// Any signed-in member of staff.
    Staff,
    /// Admins and verifiers (workshop registrations).
    Organisers,
    /// Admins only (accounts).
    Admins,
    /// Whoever may see the report: admins, verifiers, officers of the agency it was routed to.
    CaseViewers,
}

/// What binds a public POST to the person sending it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cred {
    /// Nothing: anyone may send the request as it is.
    None,
    /// A secret form field (the staff CSRF token, a registration's signed token).
    Field(&'static str),
    /// A cookie. `bound`: the URL names an object that must belong to the cookie, so
    /// another person's cookie must not act on it.
    Cookie { name: &'static str, bound: bool },
}

/// A forged request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Forgery {
    /// Same origin, but without the secret (field or cookie).
    NoToken,
    /// Same origin, with another session's secret.
    OtherToken,
    /// The secret, sent from another site (`Sec-Fetch-Site: cross-site`).
    CrossSite,
    /// The secret, sent from a sibling subdomain (`Sec-Fetch-Site: same-site`), which
    /// `SameSite` cookies do not stop.
    SameSite,
    /// The secret, with `Origin: https://evil.example` and no Fetch Metadata.
    EvilOrigin,
}

impl Forgery {
    const ALL: [Self; 5] = [
        Self::NoToken,
        Self::OtherToken,
        Self::CrossSite,
        Self::SameSite,
        Self::EvilOrigin,
    ];
}

/// None accepted.
const NONE: &[Forgery] = &[];

/// How a route is checked.
#[derive(Debug, Clone, Copy)]
enum Check {
    /// A public GET: no session, nothing private. `status`: what the sample answers to a
    /// visitor holding every cookie of the world. Covered by the GET-changes-nothing test.
    Public { sample: &'static str, status: u16 },
    /// Exempt from the matrices, and why (still requested by the GET-changes-nothing test).
    Exempt {
        sample: &'static str,
        status: u16,
        why: &'static str,
    },
    /// A staff GET: the IDOR matrix (and the GET-changes-nothing test).
    StaffGet { sample: &'static str, who: Who },
    /// A staff POST: the IDOR matrix (each actor with their own CSRF token) and the CSRF
    /// matrix (every forgery answers 403).
    StaffPost { who: Who },
    /// A public POST: the CSRF matrix. `accepted`: forgeries the app accepts today
    /// (findings); every other forgery must change nothing.
    PublicPost {
        cred: Cred,
        accepted: &'static [Forgery],
    },
    /// `/media/{id}/{variant}`: the photo matrix.
    Photo { sample: &'static str },
}

#[derive(Debug)]
struct Route {
    method: &'static str,
    /// As registered in `src/startup.rs`, the scope's prefix included.
    path: &'static str,
    check: Check,
}

const fn get(path: &'static str, sample: &'static str, status: u16) -> Route {
    Route {
        method: "GET",
        path,
        check: Check::Public { sample, status },
    }
}

const fn staff_get(path: &'static str, sample: &'static str, who: Who) -> Route {
    Route {
        method: "GET",
        path,
        check: Check::StaffGet { sample, who },
    }
}

const fn staff_post(path: &'static str, who: Who) -> Route {
    Route {
        method: "POST",
        path,
        check: Check::StaffPost { who },
    }
}

const fn public_post(path: &'static str, cred: Cred, accepted: &'static [Forgery]) -> Route {
    Route {
        method: "POST",
        path,
        check: Check::PublicPost { cred, accepted },
    }
}

const DRAFT: Cred = Cred::Cookie {
    name: "balai_draft",
    bound: false,
};
const DRAFT_OBJECT: Cred = Cred::Cookie {
    name: "balai_draft",
    bound: true,
};
const VIEW_OBJECT: Cred = Cred::Cookie {
    name: "balai_report",
    bound: true,
};

/// Every route of the router. Sample placeholders are filled from the [`World`]:
/// `{asset}`, `{image}`, `{photo}`, `{public}` (a public report's code), `{routed}` (a
/// confidential report's code, whose private view the world's citizen holds),
/// `{routed_id}`, `{user}` (a staff account id), `{slug}` (a workshop), `{reg}` and `{t}`
/// (a registration and its token), `{stop}` (the stop token of `routed`'s updates).
const ROUTES: &[Route] = &[
    get("/", "/", 303),
    Route {
        method: "GET",
        path: "/health",
        check: Check::Exempt {
            sample: "/health",
            status: 200,
            why: "for load balancers: no session, no personal data, answers only ok or not",
        },
    },
    Route {
        method: "GET",
        path: "/health/details",
        check: Check::Exempt {
            sample: "/health/details",
            status: 200,
            why: "for operators: which database answers and the replica's lag; no session, no personal data",
        },
    },
    get("/assets/{hash}/{file:.*}", "{asset}", 200),
    get("/media/content/{hash}/{width}.jpg", "{image}", 200),
    Route {
        method: "GET",
        path: "/media/{id}/{variant}",
        check: Check::Photo {
            sample: "/media/{photo}/display",
        },
    },
    get("/data/reports.csv", "/data/reports.csv", 200),
    get("/data/reports.json", "/data/reports.json", 200),
    get("/feeds/resolved.atom", "/feeds/resolved.atom", 200),
    // Open311 GeoReport v2 (issue #19): public reads of public reports only (any site may
    // read them: `Access-Control-Allow-Origin: *`).
    get(
        "/open311/v2/discovery.{format}",
        "/open311/v2/discovery.xml",
        200,
    ),
    get(
        "/open311/v2/services.{format}",
        "/open311/v2/services.json",
        200,
    ),
    get(
        "/open311/v2/services/{code}.{format}",
        "/open311/v2/services/health.xml",
        200,
    ),
    get(
        "/open311/v2/requests.{format}",
        "/open311/v2/requests.json",
        200,
    ),
    get(
        "/open311/v2/requests/{id}.{format}",
        "/open311/v2/requests/{public}.json",
        200,
    ),
    // The POST is a machine API: the partner key in the request (`api_key`) is the
    // authority, no cookie is read, so another site has no ambient credential to borrow and
    // the route is exempt from the cross-site guard by design, on these two exact paths
    // (`startup::cross_site_allowed`). Without the key, or with a revoked one, it is refused
    // (403) and changes nothing.
    public_post(
        "/open311/v2/requests.{format}",
        Cred::Field("api_key"),
        &[Forgery::CrossSite, Forgery::SameSite, Forgery::EvilOrigin],
    ),
    get(
        "/feeds/reports/{code}.atom",
        "/feeds/reports/{public}.atom",
        200,
    ),
    get("/robots.txt", "/robots.txt", 200),
    // The agency API (issue #19; tests/api/agency.rs): JSON for an agency's system, with a
    // partner key tied to the agency in `Authorization: Bearer`. Without a key: 401.
    get("/api/v1/agency/cases", "/api/v1/agency/cases", 401),
    get(
        "/api/v1/agency/cases/{code}",
        "/api/v1/agency/cases/{routed}",
        401,
    ),
    // Its actions: the bearer key is the authority, never a cookie, so another site has no
    // ambient credential to borrow: exempt from the cross-site guard on this path only
    // (`startup::cross_site_allowed`). Without the key, or with a revoked one: 401, nothing
    // changes.
    public_post(
        "/api/v1/agency/cases/{code}/actions",
        Cred::Field("authorization"),
        &[Forgery::CrossSite, Forgery::SameSite, Forgery::EvilOrigin],
    ),
    // The OpenAPI document of the machine endpoints (issue #19 item 6; tests/api/openapi.rs).
    get("/api/openapi.json", "/api/openapi.json", 200),
    get("/{lang}", "/en", 303),
    get("/{lang}/", "/en/", 200),
    get("/{lang}/pages/{slug}", "/en/pages/about", 200),
    get(
        "/{lang}/accessibility/report",
        "/en/accessibility/report",
        200,
    ),
    // Sends a barrier report (a confidential report to the operator) and sets the cookies
    // of its confirmation: refused from another site.
    public_post("/{lang}/accessibility/report", Cred::None, NONE),
    // Nothing sent from this browser: back to the form.
    get(
        "/{lang}/accessibility/report/sent",
        "/en/accessibility/report/sent",
        303,
    ),
    get("/{lang}/campaigns", "/en/campaigns", 200),
    get(
        "/{lang}/campaigns/{slug}",
        "/en/campaigns/lapor-tanpa-hambatan",
        200,
    ),
    get("/{lang}/reports", "/en/reports", 200),
    get("/{lang}/statistics", "/en/statistics", 200),
    get("/{lang}/agencies", "/en/agencies", 200),
    get("/{lang}/agencies/{slug}", "/en/agencies/kemenhub", 200),
    get("/{lang}/reports/new", "/en/reports/new", 200),
    // Creates a draft and sets its cookie: refused from another site.
    public_post("/{lang}/reports/new", Cred::None, NONE),
    public_post("/{lang}/reports/new/send", DRAFT, NONE),
    // The world's draft is not sent: to "check your answers".
    get("/{lang}/reports/new/sent", "/en/reports/new/sent", 303),
    get("/{lang}/reports/new/photos", "/en/reports/new/photos", 200),
    public_post("/{lang}/reports/new/photos", DRAFT, NONE),
    public_post("/{lang}/reports/new/photos/{id}/remove", DRAFT_OBJECT, NONE),
    get("/{lang}/reports/new/{step}", "/en/reports/new/details", 200),
    // Without the draft cookie a step starts a new draft with what was posted and sets
    // its cookie, by design (a lost cookie must not lose what was typed); only from this
    // site, so it is not a cross-site forgery.
    public_post("/{lang}/reports/new/{step}", DRAFT, &[Forgery::NoToken]),
    get("/{lang}/reports/{code}", "/en/reports/{public}", 200),
    get("/{lang}/track", "/en/track", 200),
    // Sets the private-view cookie of the code and key posted: refused from another site.
    public_post("/{lang}/track", Cred::None, NONE),
    // Clears the private-view cookie: refused from another site.
    public_post("/{lang}/track/leave", Cred::None, NONE),
    get("/{lang}/track/{code}", "/en/track/{routed}", 200),
    public_post("/{lang}/track/{code}/{action}", VIEW_OBJECT, NONE),
    get("/{lang}/track/lost-key", "/en/track/lost-key", 200),
    // Asks for a one-time link by email (the same page whether or not code and address
    // match; limited per address, code and email): refused from another site.
    public_post("/{lang}/track/lost-key", Cred::None, NONE),
    // A link that no longer works (or never did): 410.
    get(
        "/{lang}/track/new-key/{token}",
        "/en/track/new-key/0123456789abcdef0123456789abcdef",
        410,
    ),
    // The emailed token in the path is the secret: refused from another site.
    public_post("/{lang}/track/new-key/{token}", Cred::None, NONE),
    staff_get("/{lang}/staff", "/en/staff", Who::Staff),
    staff_get("/{lang}/staff/sign-in", "/en/staff/sign-in", Who::Anyone),
    // No session yet, so no token: refused from another site by Fetch Metadata/Origin.
    public_post("/{lang}/staff/sign-in", Cred::None, &[]),
    staff_post("/{lang}/staff/sign-out", Who::Staff),
    staff_get("/{lang}/staff/accounts", "/en/staff/accounts", Who::Admins),
    staff_get(
        "/{lang}/staff/accounts/{id}",
        "/en/staff/accounts/{user}",
        Who::Admins,
    ),
    staff_post("/{lang}/staff/accounts/{id}/disable", Who::Admins),
    staff_post("/{lang}/staff/accounts", Who::Admins),
    staff_get(
        "/{lang}/staff/accounts/new",
        "/en/staff/accounts/new",
        Who::Admins,
    ),
    staff_get("/{lang}/staff/password", "/en/staff/password", Who::Staff),
    staff_post("/{lang}/staff/password", Who::Staff),
    staff_get("/{lang}/staff/outbox", "/en/staff/outbox", Who::Admins),
    staff_get("/{lang}/staff/email", "/en/staff/email", Who::Staff),
    staff_post("/{lang}/staff/email", Who::Staff),
    staff_get(
        "/{lang}/staff/workshops",
        "/en/staff/workshops",
        Who::Organisers,
    ),
    staff_get(
        "/{lang}/staff/workshops/{slug}",
        "/en/staff/workshops/{slug}",
        Who::Organisers,
    ),
    staff_post("/{lang}/staff/workshops/{slug}/needs", Who::Organisers),
    staff_get(
        "/{lang}/staff/workshops/{slug}/registrations.csv",
        "/en/staff/workshops/{slug}/registrations.csv",
        Who::Organisers,
    ),
    staff_get(
        "/{lang}/staff/reports/{id}",
        "/en/staff/reports/{routed_id}",
        Who::CaseViewers,
    ),
    staff_post("/{lang}/staff/reports/{id}/{action}", Who::CaseViewers),
    // Integrations (issue #19): partner keys and agency webhooks, admins only.
    staff_get(
        "/{lang}/staff/integrations",
        "/en/staff/integrations",
        Who::Admins,
    ),
    staff_post("/{lang}/staff/integrations/keys", Who::Admins),
    staff_post("/{lang}/staff/integrations/keys/{id}/revoke", Who::Admins),
    staff_post("/{lang}/staff/integrations/webhooks", Who::Admins),
    staff_post(
        "/{lang}/staff/integrations/webhooks/{agency}/disable",
        Who::Admins,
    ),
    staff_post(
        "/{lang}/staff/integrations/deliveries/{id}/resend",
        Who::Admins,
    ),
    // The assisted-intake desk (issue #19): any member of staff files a report for a citizen.
    staff_get("/{lang}/staff/desk", "/en/staff/desk", Who::Staff),
    staff_post("/{lang}/staff/desk", Who::Staff),
    // Its confirmation shows the key only to the session that filed the form (tests/api/
    // desk.rs); any other form id, or no session, leads back to the desk or to sign in.
    get(
        "/{lang}/staff/desk/sent/{form_id}",
        "/en/staff/desk/sent/0123456789abcdef0123456789abcdef",
        303,
    ),
    // Stopping messages (RFC 8058): the signed token in the path is the authority, and a
    // mail client posts the one-click stop from wherever it runs, so from another site too.
    get("/{lang}/mail/stop/{token}", "/en/mail/stop/{stop}", 200),
    public_post(
        "/{lang}/mail/stop/{token}",
        Cred::None,
        &[Forgery::CrossSite, Forgery::SameSite, Forgery::EvilOrigin],
    ),
    get("/{lang}/workshops", "/en/workshops", 200),
    get(
        "/{lang}/workshops/registrations",
        "/en/workshops/registrations",
        200,
    ),
    // A look-up by code and contact; only rate-limit counters change.
    public_post("/{lang}/workshops/registrations", Cred::None, NONE),
    get(
        "/{lang}/workshops/registrations/{code}",
        "/en/workshops/registrations/{reg}?t={t}",
        200,
    ),
    get(
        "/{lang}/workshops/registrations/{code}/cancel",
        "/en/workshops/registrations/{reg}/cancel?t={t}",
        200,
    ),
    // The signed token is the secret, and the request must come from this site.
    public_post(
        "/{lang}/workshops/registrations/{code}/cancel",
        Cred::Field("t"),
        NONE,
    ),
    get(
        "/{lang}/workshops/{slug}.ics",
        "/en/workshops/{slug}.ics",
        200,
    ),
    get("/{lang}/workshops/{slug}", "/en/workshops/{slug}", 200),
    get(
        "/{lang}/workshops/{slug}/register",
        "/en/workshops/{slug}/register",
        200,
    ),
    // No ambient authority (no cookie); the form token only times the form (a missing
    // one holds the registration for staff), so it is not a CSRF secret.
    public_post("/{lang}/workshops/{slug}/register", Cred::None, NONE),
];

// ---------------------------------------------------------------------------------------
// Reading the router from src/startup.rs.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Open,
    Close,
    Dot,
    Comma,
    Other,
}

/// Rust source as words (with `::` paths), string literals and punctuation; comments,
/// char literals and lifetimes dropped.
fn lex(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            i += 2;
            while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if ch == 'r' && matches!(next, Some('"' | '#')) && (i == 0 || !ident(c[i - 1])) {
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            assert_eq!(c.get(j), Some(&'"'), "raw string in startup.rs");
            let start = j + 1;
            j = start;
            while !(c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#'))) {
                j += 1;
            }
            out.push(Tok::Str(c[start..j].iter().collect()));
            i = j + 1 + hashes;
        } else if ch == '"' {
            i += 1;
            let mut s = String::new();
            while c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                s.push(c[i]);
                i += 1;
            }
            out.push(Tok::Str(s));
            i += 1;
        } else if ch == '\'' {
            if next == Some('\\') {
                i += 2;
                while c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1; // a lifetime
            }
        } else if ident(ch) {
            let mut w = String::new();
            while i < c.len() && (ident(c[i]) || (c[i] == ':' && c.get(i + 1) == Some(&':'))) {
                if c[i] == ':' {
                    w.push_str("::");
                    i += 2;
                } else {
                    w.push(c[i]);
                    i += 1;
                }
            }
            out.push(Tok::Word(w));
        } else {
            out.push(match ch {
                '(' => Tok::Open,
                ')' => Tok::Close,
                '.' => Tok::Dot,
                ',' => Tok::Comma,
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

const METHODS: [&str; 6] = ["get", "post", "put", "delete", "patch", "head"];

/// Every (METHOD, path) registered in `app_with` of `src/startup.rs`, in registration
/// order: `.route("path", web::get()...)`, and `resource("path")` (or `web::resource`)
/// with each `.get(`/`.post(`/... chained on it, under the prefixes of enclosing
/// `web::scope("...")`s. Anything this reading cannot account for (a non-literal path, a
/// `.service(` of something else, `.to(` on a resource, `.default_service(`, routes
/// configured elsewhere) panics, so a route can never slip past unseen.
pub(crate) fn router_routes() -> Pairs {
    routes_in(&std::fs::read_to_string(repo().join("src/startup.rs")).unwrap())
}

/// The routes of the text of `startup.rs` (see [`router_routes`]).
fn routes_in(src: &str) -> Pairs {
    let start = src
        .find("pub fn app_with(")
        .expect("startup.rs has `pub fn app_with(`");
    let body = &src[start..];
    let end = body.find("\n}\n").expect("the end of app_with");
    let toks = lex(&body[..end]);
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let string = |i: usize| match toks.get(i) {
        Some(Tok::Str(s)) => Some(s.clone()),
        _ => None,
    };
    let mut depth = 0i32;
    // (prefix, depth of the scope expression)
    let mut scopes: Vec<(String, i32)> = Vec::new();
    // (full path, depth of the resource expression, methods seen)
    let mut current: Option<(String, i32, usize)> = None;
    let mut out = Vec::new();
    let finish = |current: &mut Option<(String, i32, usize)>| {
        if let Some((path, _, n)) = current.take() {
            assert!(
                n > 0,
                "resource {path:?} in startup.rs has no method I can read"
            );
        }
    };
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                scopes.retain(|s| s.1 <= depth);
                if current.as_ref().is_some_and(|c| c.1 > depth) {
                    finish(&mut current);
                }
            }
            Tok::Word(w)
                if (w == "resource" || w == "web::resource")
                    && toks.get(i + 1) == Some(&Tok::Open) =>
            {
                finish(&mut current);
                let path = string(i + 2).unwrap_or_else(|| {
                    panic!("a resource in startup.rs without a literal path: read it by hand")
                });
                let prefix: String = scopes.iter().map(|s| s.0.as_str()).collect();
                current = Some((format!("{prefix}{path}"), depth, 0));
            }
            Tok::Word(w) if w == "web::scope" => {
                let prefix = string(i + 2).expect("web::scope with a literal prefix");
                scopes.push((prefix, depth));
            }
            Tok::Dot if toks.get(i + 2) == Some(&Tok::Open) => {
                let m = word(i + 1).unwrap_or_default();
                let on_resource = current.as_ref().is_some_and(|c| c.1 == depth);
                match m {
                    "service" => {
                        let arg = word(i + 3).unwrap_or_default();
                        assert!(
                            ["resource", "web::resource", "web::scope"].contains(&arg),
                            ".service({arg}...) in startup.rs: extend the reading in route_matrix.rs"
                        );
                    }
                    "configure" => assert_eq!(
                        word(i + 3),
                        Some("extra"),
                        "routes configured in another function are not read"
                    ),
                    // The fallback for paths no route answers (issue #21, item 14): it
                    // only moves a trailing slash (301/308, same site) or answers 404,
                    // changes nothing and reads no cookie; `finding.rs` tests it.
                    "default_service"
                        if word(i + 3) == Some("web::to")
                            && word(i + 5) == Some("routes::slash::fallback") => {}
                    "default_service" | "external_resource" => {
                        panic!(".{m}( in startup.rs: extend the reading in route_matrix.rs")
                    }
                    "route" if string(i + 3).is_some() => {
                        let path = string(i + 3).unwrap_or_default();
                        let method = word(i + 5)
                            .and_then(|w| w.strip_prefix("web::"))
                            .filter(|w| METHODS.contains(w))
                            .unwrap_or_else(|| panic!(".route({path:?}) without web::METHOD()"));
                        let prefix: String = scopes.iter().map(|s| s.0.as_str()).collect();
                        out.push((method.to_uppercase(), format!("{prefix}{path}")));
                    }
                    "route" if on_resource => {
                        let method = word(i + 3)
                            .and_then(|w| w.strip_prefix("web::"))
                            .filter(|w| METHODS.contains(w))
                            .expect("resource.route(web::METHOD()...)");
                        if let Some(c) = current.as_mut() {
                            out.push((method.to_uppercase(), c.0.clone()));
                            c.2 += 1;
                        }
                    }
                    "to" | "default_service_fn" if on_resource => {
                        panic!("a resource with .to(): every method; list them in route_matrix.rs")
                    }
                    m if on_resource && METHODS.contains(&m) => {
                        if let Some(c) = current.as_mut() {
                            out.push((m.to_uppercase(), c.0.clone()));
                            c.2 += 1;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    finish(&mut current);
    assert!(
        out.len() > 20,
        "too few routes read from startup.rs: {out:?}"
    );
    out
}

/// Whether `path` (no query) matches an actix pattern: `{name}` is one non-empty segment
/// (or part of one, with a literal suffix like `{slug}.ics`), `{name:.*}` the rest.
/// Whether a path segment matches a pattern segment with one or more `{name}` parts
/// (`{code}.{format}`): its literal parts in order, each `{name}` at least one character.
fn segment_matches(pattern: &str, segment: &str) -> bool {
    let mut literals = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        literals.push(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        rest = &rest[close + 1..];
    }
    let (first, last) = (literals[0], rest);
    if !segment.starts_with(first) || !segment.ends_with(last) {
        return false;
    }
    if segment.len() < first.len() + last.len() + literals.len() {
        return false;
    }
    let mut at = first.len();
    let end = segment.len() - last.len();
    // Each middle literal after at least one character of the placeholder before it.
    for lit in &literals[1..] {
        match segment[at + 1..end].find(lit) {
            Some(i) => at = at + 1 + i + lit.len(),
            None => return false,
        }
    }
    at < end
}

fn matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, p) in pat.iter().enumerate() {
        if p.contains(":.*}") {
            return segs.len() > i;
        }
        let Some(s) = segs.get(i) else {
            return false;
        };
        match p.find('{') {
            None => {
                if p != s {
                    return false;
                }
            }
            Some(_) => {
                assert!(!p.contains(':'), "pattern {pattern} not understood");
                if !segment_matches(p, s) {
                    return false;
                }
            }
        }
    }
    segs.len() == pat.len()
}

/// Every (method, path) of the router has a row in [`ROUTES`] and every row is a route
/// of the router: a new route fails here until someone says how it is checked. Routes
/// declared by attribute macros (`#[get(...)]`), which the reading would miss, fail too.
#[test]
fn every_route_in_the_router_is_in_the_security_table() {
    let router = router_routes();
    // The reading sees a route added in any of the usual shapes (here to a copy of the
    // text): a multi-line resource in the scope, with a comment and two methods.
    let text = std::fs::read_to_string(repo().join("src/startup.rs")).unwrap();
    let anchor = ".service(resource(\"/statistics\")";
    assert!(
        text.contains(anchor),
        "startup.rs changed shape: update this check"
    );
    let new = ".service(\n    resource(\"/staff/export\") // new\n        \
               .app_data(web::FormConfig::default().limit(1))\n        .get(x)\n        \
               .post(y),\n)\n.route(\"/staff/x\", web::delete().to(z))\n";
    let added = text.replacen(anchor, &format!("{new}{anchor}"), 1);
    let seen = routes_in(&added);
    for route in [
        ("GET", "/{lang}/staff/export"),
        ("POST", "/{lang}/staff/export"),
        ("DELETE", "/{lang}/staff/x"),
    ] {
        let route = (route.0.to_owned(), route.1.to_owned());
        assert!(seen.contains(&route), "{route:?} not read from {seen:?}");
    }
    assert_eq!(seen.len(), router.len() + 3);
    let table: Pairs = ROUTES
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let mut problems = Vec::new();
    for r in &router {
        if !table.contains(r) {
            problems.push(format!(
                "{} {} is in src/startup.rs but not in ROUTES (tests/api/route_matrix.rs): \
                 add a row saying who may use it and how it is protected",
                r.0, r.1
            ));
        }
        if router.iter().filter(|x| *x == r).count() > 1 {
            problems.push(format!("{} {} is registered twice", r.0, r.1));
        }
    }
    for r in &table {
        if !router.contains(r) {
            problems.push(format!(
                "{} {} is in ROUTES but not in src/startup.rs: remove the row",
                r.0, r.1
            ));
        }
        if table.iter().filter(|x| *x == r).count() > 1 {
            problems.push(format!("{} {} has two rows in ROUTES", r.0, r.1));
        }
    }
    // Routes declared by attributes would not be in startup.rs at all.
    let mut stack = vec![repo().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                for m in METHODS.iter().chain(&["route", "routes"]) {
                    for attr in [format!("#[{m}("), format!("#[actix_web::{m}(")] {
                        if text.contains(&attr) {
                            problems.push(format!("{} declares a route with {attr}", p.display()));
                        }
                    }
                }
            }
        }
    }
    // The method rows agree with the kind of check.
    for r in ROUTES {
        let post = matches!(r.check, Check::StaffPost { .. } | Check::PublicPost { .. });
        if let Check::Exempt { why, .. } = r.check
            && why.len() < 20
        {
            problems.push(format!("{} {}: say why it is exempt", r.method, r.path));
        }
        if post != (r.method == "POST") {
            problems.push(format!(
                "{} {}: check {:?} is for the other method",
                r.method, r.path, r.check
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Pairs of strings: cookies and form fields (name, value), routes (method, path).
type Pairs = Vec<(String, String)>;

// ---------------------------------------------------------------------------------------
// The world: staff, reports, a draft, a registration.
// ---------------------------------------------------------------------------------------

const PASSWORD: &str = "kopi tubruk di balai desa";
/// A report id that does not exist.
const MISSING: i64 = 999_999;

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-27 12:00 UTC)
}

fn settings(s: &mut Settings) {
    crate::workshops::fixed(s);
    // Many sends and look-ups from one test address.
    s.submissions_per_hour = 100_000;
    s.lookups_per_hour = 100_000;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Admin,
    Verifier,
    /// An officer of the agency the report was routed to (kemenhub).
    OfficerOwn,
    /// An officer of another agency (kemenkes).
    OfficerOther,
    /// No staff session, but the private-view cookie of the routed report.
    Citizen,
    Anonymous,
}

const ACTORS: [Actor; 6] = [
    Actor::Admin,
    Actor::Verifier,
    Actor::OfficerOwn,
    Actor::OfficerOther,
    Actor::Citizen,
    Actor::Anonymous,
];

impl Actor {
    fn email(self) -> Option<&'static str> {
        match self {
            Self::Admin => Some("admin@balai.id"),
            Self::Verifier => Some("verifier@balai.id"),
            Self::OfficerOwn => Some("officer@kemenhub.go.id"),
            Self::OfficerOther => Some("officer@kemenkes.go.id"),
            Self::Citizen | Self::Anonymous => None,
        }
    }
}

/// A staff session made directly in the database (no password hashing, no limits).
#[derive(Debug, Clone)]
struct Sess {
    user_id: i64,
    token: String,
    csrf: String,
}

/// A report sent through the public form.
#[derive(Debug, Clone)]
struct Case {
    id: i64,
    code: String,
    key: String,
    photo: Option<String>,
}

struct World<'a> {
    app: &'a TestApp,
    hash: String,
    sessions: Vec<(Actor, Sess)>,
    /// Confidential, verified and routed to kemenhub, with a photo.
    routed: Case,
    /// Confidential, submitted (not routed), with a photo.
    fresh: Case,
    /// Public and verified.
    public: Case,
    /// The private-view cookie of `routed` (the citizen's) and of `public`.
    view: String,
    other_view: String,
    /// A draft (not sent) with a photo.
    draft: String,
    draft_photo: String,
    /// A registration for `crate::workshops::SMALL` with an access need: (code, token, email).
    reg: (String, String, String),
    asset: String,
    image: String,
    n: Cell<u32>,
}

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4 % 256) as u8, (y * 5 % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn multipart(file: &[u8], upload_id: &str) -> (String, Vec<u8>) {
    let boundary = "----balaimatrixboundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"photo_description\"\r\n\r\nFoto\r\n").as_bytes());
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"upload_id\"\r\n\r\n{upload_id}\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn app() -> TestApp {
    TestApp::spawn_with(settings, |_| {}).await
}

async fn new_session(app: &TestApp, email: &str) -> Sess {
    let db = &app.state.db;
    let user = staff_db::user_by_email(db, email).await.unwrap().unwrap();
    let token = staff_db::start_session(db, user.id, now()).await.unwrap();
    let csrf = staff_db::session(db, &token, now())
        .await
        .unwrap()
        .unwrap()
        .csrf;
    Sess {
        user_id: user.id,
        token,
        csrf,
    }
}

/// A report through the public form, optionally with a photo.
async fn send_report(app: &TestApp, privacy: &str, photo: bool, n: u32) -> Case {
    let mut b = Browser::new(app);
    b.fill("complaint", privacy).await;
    if photo {
        let res =
            crate::reports::upload(&mut b, &jpeg(), "image/jpeg", "Foto", &format!("{n:032x}"))
                .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let (code, key) = b.send_report().await;
    let stored = report_of(app, &code).await;
    let photo = reports::report_photos(&app.state.db, stored.id)
        .await
        .unwrap()
        .first()
        .map(|p| p.id.clone());
    Case {
        id: stored.id,
        code: stored.code,
        key,
        photo,
    }
}

/// The private-view cookie of a report.
async fn view_cookie(app: &TestApp, case: &Case) -> String {
    let mut b = Browser::new(app);
    let res = b
        .post("/en/track", &[("code", &case.code), ("key", &case.key)])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    b.cookies["balai_report"].clone()
}

async fn version_of(app: &TestApp, id: i64) -> String {
    reports::by_id(&app.state.db, id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

/// A staff action through the real route, with the session's token.
async fn staff_act(app: &TestApp, s: &Sess, id: i64, action: &str, fields: &[(&str, &str)]) {
    let version = version_of(app, id).await;
    let mut all = vec![("csrf", s.csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    let res = app
        .call(
            TestRequest::post()
                .uri(&format!("/en/staff/reports/{id}/{action}"))
                .insert_header(("cookie", format!("balai_staff={}", s.token)))
                .set_form(&all),
        )
        .await;
    assert_eq!(res.status, 303, "{action}: {}", res.body);
}

/// A registration for the small workshop with a BISINDO interpreter asked for:
/// (code, token, email).
async fn registration(app: &TestApp, n: u32) -> (String, String, String) {
    let email = format!("matrix{n}@contoh.id");
    let fields = vec![
        ("name".to_owned(), format!("Peserta {n}")),
        ("email".to_owned(), email.clone()),
        ("consent".to_owned(), "yes".to_owned()),
        ("need_bisindo".to_owned(), "yes".to_owned()),
    ];
    let location = crate::workshops::register(app, crate::workshops::SMALL, fields).await;
    let (path, query) = location.split_once("?t=").unwrap();
    let code = path.rsplit('/').next().unwrap().to_owned();
    let token = query.split('&').next().unwrap().to_owned();
    (code, token, email)
}

async fn world(app: &TestApp) -> World<'_> {
    let db = &app.state.db;
    let hash = hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("admin@balai.id", "admin", None),
        ("verifier@balai.id", "verifier", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
        ("officer@kemenkes.go.id", "officer", Some("kemenkes")),
    ] {
        assert!(
            staff_db::add_user(db, email, "Petugas", role, agency, &hash, now())
                .await
                .unwrap()
        );
    }
    let mut sessions = Vec::new();
    for actor in ACTORS {
        if let Some(email) = actor.email() {
            sessions.push((actor, new_session(app, email).await));
        }
    }
    let verifier = sessions
        .iter()
        .find(|s| s.0 == Actor::Verifier)
        .map(|s| s.1.clone())
        .unwrap();
    let routed = send_report(app, "confidential", true, 1).await;
    let fresh = send_report(app, "confidential", true, 2).await;
    let public = send_report(app, "public", false, 3).await;
    staff_act(app, &verifier, routed.id, "verify", &[]).await;
    staff_act(
        app,
        &verifier,
        routed.id,
        "route",
        &[("agency", "kemenhub")],
    )
    .await;
    staff_act(app, &verifier, public.id, "verify", &[]).await;
    let view = view_cookie(app, &routed).await;
    let other_view = view_cookie(app, &public).await;

    let mut d = Browser::new(app);
    d.begin().await;
    let res = crate::reports::upload(
        &mut d,
        &jpeg(),
        "image/jpeg",
        "Foto",
        &format!("{:032x}", 4),
    )
    .await;
    assert_eq!(res.status, 303);
    let draft = d.cookies["balai_draft"].clone();
    let draft_photo = reports::draft_photos(db, &draft).await.unwrap()[0]
        .id
        .clone();

    let reg = registration(app, 0).await;

    // A stylesheet and a content image, as pages link them.
    let home = app.get("/en/").await;
    let asset = home
        .html()
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .and_then(|e| e.value().attr("href"))
        .unwrap()
        .to_owned();
    let campaign = app.get("/en/campaigns/lapor-tanpa-hambatan").await;
    let image = campaign
        .html()
        .select(&sel("img"))
        .filter_map(|e| e.value().attr("src"))
        .find(|s| s.starts_with("/media/content/"))
        .expect("the campaign page shows a content image")
        .to_owned();
    World {
        app,
        hash,
        sessions,
        routed,
        fresh,
        public,
        view,
        other_view,
        draft,
        draft_photo,
        reg,
        asset,
        image,
        n: Cell::new(100),
    }
}

impl World<'_> {
    fn next(&self) -> u32 {
        self.n.set(self.n.get() + 1);
        self.n.get()
    }

    fn sess(&self, actor: Actor) -> Option<&Sess> {
        self.sessions.iter().find(|s| s.0 == actor).map(|s| &s.1)
    }

    /// The cookies an actor sends, and their CSRF token ("" without a session).
    fn creds(&self, actor: Actor) -> (Pairs, String) {
        match self.sess(actor) {
            Some(s) => (
                vec![("balai_staff".to_owned(), s.token.clone())],
                s.csrf.clone(),
            ),
            None if actor == Actor::Citizen => (
                vec![("balai_report".to_owned(), self.view.clone())],
                String::new(),
            ),
            None => (Vec::new(), String::new()),
        }
    }

    /// Another staff session's CSRF token (a different person's).
    fn other_csrf(&self, actor: Actor) -> String {
        let other = if actor == Actor::Verifier {
            Actor::Admin
        } else {
            Actor::Verifier
        };
        self.sess(other).unwrap().csrf.clone()
    }

    /// A sample URL with its placeholders filled in.
    fn fill(&self, sample: &str) -> String {
        sample
            .replace("{asset}", &self.asset)
            .replace("{image}", &self.image)
            .replace("{photo}", self.routed.photo.as_deref().unwrap())
            .replace("{public}", &self.public.code)
            .replace("{routed_id}", &self.routed.id.to_string())
            .replace("{routed}", &self.routed.code)
            .replace(
                "{user}",
                &self.sess(Actor::OfficerOwn).unwrap().user_id.to_string(),
            )
            .replace("{slug}", crate::workshops::SMALL)
            .replace("{reg}", &self.reg.0)
            .replace("{t}", &self.reg.1)
            .replace(
                "{stop}",
                &balai::mail::stop::token(
                    &self.app.state.secret_key,
                    &format!("report:{}", self.routed.id),
                ),
            )
    }

    async fn get_as(&self, cookies: &[(String, String)], path: &str) -> TestResponse {
        let mut req = TestRequest::get().uri(path);
        if !cookies.is_empty() {
            req = req.insert_header(("cookie", cookie_header(cookies)));
        }
        self.app.call(req).await
    }

    async fn get(&self, actor: Actor, path: &str) -> TestResponse {
        self.get_as(&self.creds(actor).0, path).await
    }
}

fn cookie_header(cookies: &[(String, String)]) -> String {
    cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

// ---------------------------------------------------------------------------------------
// State: the whole database, and the cookies a response sets.
// ---------------------------------------------------------------------------------------

type Snapshot = BTreeMap<String, Vec<String>>;

/// One query that reads every row of every table as (table, row as text); built once per
/// backend (every test database has the same schema).
async fn dump_query(db: &Db) -> String {
    static CACHE: std::sync::Mutex<BTreeMap<&'static str, String>> =
        std::sync::Mutex::new(BTreeMap::new());
    if let Some(q) = CACHE.lock().unwrap().get(db.backend()) {
        return q.clone();
    }
    let mut parts = Vec::new();
    match db {
        Db::Sqlite(p) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
            )
            .fetch_all(p)
            .await
            .unwrap();
            for t in tables {
                let cols: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                        .bind(&t)
                        .fetch_all(p)
                        .await
                        .unwrap();
                let row = cols
                    .iter()
                    .map(|c| format!("quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || ',' || ");
                parts.push(format!("SELECT '{t}', {row} FROM \"{t}\""));
            }
        }
        Db::Postgres(p) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
                 AND tablename <> '_sqlx_migrations'",
            )
            .fetch_all(p)
            .await
            .unwrap();
            for t in tables {
                parts.push(format!("SELECT '{t}'::text, x::text FROM \"{t}\" x"));
            }
        }
    }
    assert!(parts.len() >= 10, "too few tables: {parts:?}");
    let q = parts.join(" UNION ALL ");
    CACHE.lock().unwrap().insert(db.backend(), q.clone());
    q
}

/// Every row of every table, as text, sorted.
async fn snapshot(db: &Db) -> Snapshot {
    let q = dump_query(db).await;
    let rows: Pairs = balai::on_pool!(db, p => sqlx::query_as(&q).fetch_all(p).await).unwrap();
    let mut out = Snapshot::new();
    for (table, row) in rows {
        out.entry(table).or_default().push(row);
    }
    for rows in out.values_mut() {
        rows.sort();
    }
    out
}

/// The tables whose rows differ.
fn changed_tables(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let names: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter(|t| before.get(*t) != after.get(*t))
        .cloned()
        .collect()
}

/// Whether a response changes the browser: sets a cookie, or removes one it was sent.
fn sets_cookie(res: &TestResponse, sent: &[(String, String)]) -> bool {
    res.headers.get_all("set-cookie").any(|v| {
        let v = v.to_str().unwrap();
        let (name, value) = v.split(';').next().unwrap().split_once('=').unwrap();
        let removal = value.is_empty() || v.contains("Max-Age=0");
        !removal || sent.iter().any(|(n, _)| n == name)
    })
}

/// What a request did: its response, the tables it changed, whether it set cookies.
struct Outcome {
    res: TestResponse,
    tables: Vec<String>,
    cookie: bool,
}

impl Outcome {
    fn changed(&self) -> bool {
        !self.tables.is_empty() || self.cookie
    }

    fn describe(&self) -> String {
        format!(
            "{} (tables changed: {:?}, cookie set: {}, location: {:?})",
            self.res.status,
            self.tables,
            self.cookie,
            self.res.header("location")
        )
    }
}

// ---------------------------------------------------------------------------------------
// POST scenarios: a fresh, valid request per route and actor.
// ---------------------------------------------------------------------------------------

/// A valid POST as one actor would send it from the site's own page.
#[derive(Debug, Clone)]
struct Post {
    path: String,
    fields: Pairs,
    multipart: Option<(String, Vec<u8>)>,
    cookies: Pairs,
    /// The same secret from another session or binding ("" when none makes sense).
    other: String,
    /// The status of success.
    ok: u16,
}

fn post(path: String, fields: &[(&str, &str)], cookies: Pairs) -> Post {
    Post {
        path,
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        multipart: None,
        cookies,
        other: String::new(),
        ok: 303,
    }
}

fn draft_cookie(b: &Browser<'_>) -> Pairs {
    vec![("balai_draft".to_owned(), b.cookies["balai_draft"].clone())]
}

/// Build, with fresh objects where the request would use them up, the valid request of
/// a POST route as `actor` (staff routes use the actor's own session and token; public
/// routes are sent by a citizen with their own cookies). Panics for a route without a
/// scenario, so a new POST row needs one.
async fn scenario(w: &World<'_>, route: &str, actor: Actor) -> Post {
    let app = w.app;
    let db = &app.state.db;
    let n = w.next();
    let (cookies, csrf) = w.creds(actor);
    match route {
        "/{lang}/reports/new" => {
            // A visitor part-way through a report starts another.
            let mut b = Browser::new(app);
            b.begin().await;
            post("/en/reports/new".into(), &[], draft_cookie(&b))
        }
        "/{lang}/reports/new/send" => {
            let mut b = Browser::new(app);
            b.fill("complaint", "public").await;
            post("/en/reports/new/send".into(), &[], draft_cookie(&b))
        }
        "/{lang}/reports/new/photos" => {
            let mut b = Browser::new(app);
            b.begin().await;
            let mut p = post("/en/reports/new/photos".into(), &[], draft_cookie(&b));
            p.multipart = Some(multipart(&jpeg(), &format!("{n:032x}")));
            p
        }
        "/{lang}/reports/new/photos/{id}/remove" => {
            let mut b = Browser::new(app);
            b.begin().await;
            let res =
                crate::reports::upload(&mut b, &jpeg(), "image/jpeg", "", &format!("{n:032x}"))
                    .await;
            assert_eq!(res.status, 303);
            let photo = reports::draft_photos(db, &b.cookies["balai_draft"])
                .await
                .unwrap()[0]
                .id
                .clone();
            let mut attacker = Browser::new(app);
            attacker.begin().await;
            let mut p = post(
                format!("/en/reports/new/photos/{photo}/remove"),
                &[],
                draft_cookie(&b),
            );
            p.other = attacker.cookies["balai_draft"].clone();
            p
        }
        "/{lang}/reports/new/{step}" => {
            let mut b = Browser::new(app);
            b.begin().await;
            post(
                "/en/reports/new/kind".into(),
                &[("kind", "complaint")],
                draft_cookie(&b),
            )
        }
        "/{lang}/accessibility/report" => {
            let form_id = format!("{n:032x}");
            post(
                "/en/accessibility/report".into(),
                &[
                    ("location", "The home page"),
                    ("problem", "The menu is cut off at 400% zoom."),
                    ("form_id", &form_id),
                ],
                Vec::new(),
            )
        }
        "/{lang}/track" => post(
            "/en/track".into(),
            &[("code", &w.public.code), ("key", &w.public.key)],
            Vec::new(),
        ),
        "/{lang}/track/leave" => post(
            "/en/track/leave".into(),
            &[],
            vec![("balai_report".to_owned(), w.view.clone())],
        ),
        "/{lang}/track/{code}/{action}" => {
            let mut p = post(
                format!("/en/track/{}/info", w.routed.code),
                &[
                    ("info", &format!("Tambahan keterangan {n}")),
                    ("form_id", &format!("{n:032x}")),
                ],
                vec![("balai_report".to_owned(), w.view.clone())],
            );
            p.other = w.other_view.clone();
            p
        }
        "/{lang}/track/lost-key" => {
            let mut p = post(
                "/en/track/lost-key".into(),
                &[("code", &w.public.code), ("email", "siti@contoh.id")],
                Vec::new(),
            );
            p.ok = 200;
            p
        }
        "/{lang}/track/new-key/{token}" => {
            // A report of its own: the new key must not replace the world's keys.
            let mut b = Browser::new(app);
            b.fill("complaint", "public").await;
            let (code, _) = b.send_report().await;
            let code = balai::domain::Code::parse(&code).unwrap();
            let token = format!("{n:032x}");
            let hash = {
                use sha2::Digest;
                hex::encode(sha2::Sha256::digest(token.as_bytes()))
            };
            let message = |id: i64, to: &str| {
                balai::mail::message::Message::Report(
                    balai::mail::reports::ReportMessage::NewKeyLink {
                        code: code.to_string(),
                        token: token.clone(),
                    },
                )
                .to_row(to, "en", format!("key-link:{id}:{n}"))
                .about_report(id)
            };
            assert!(
                reports::ask_for_key_link(db, &code, "siti@contoh.id", &hash, message, now())
                    .await
                    .unwrap()
            );
            let mut p = post(format!("/en/track/new-key/{token}"), &[], Vec::new());
            p.ok = 200;
            p
        }
        "/{lang}/staff/integrations/keys" => {
            let form_id = format!("{n:032x}");
            let mut p = post(
                "/en/staff/integrations/keys".into(),
                &[
                    ("csrf", &csrf),
                    ("form_id", &form_id),
                    ("key-name", &format!("Partner {n}")),
                    ("key-agency", "kemenhub"),
                    ("scope-read", "yes"),
                ],
                cookies,
            );
            // The key is shown on the page (once), not behind a redirect.
            p.ok = 200;
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/integrations/keys/{id}/revoke" => {
            let (id, _) = agency_key(app, "read").await;
            let mut p = post(
                format!("/en/staff/integrations/keys/{id}/revoke"),
                &[("csrf", &csrf)],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/integrations/webhooks" => {
            let mut p = post(
                "/en/staff/integrations/webhooks".into(),
                &[
                    ("csrf", &csrf),
                    ("hook-agency", "kemenhub"),
                    ("hook-url", &format!("https://agency{n}.example/hook")),
                    ("hook-new-secret", "yes"),
                ],
                cookies,
            );
            // The new secret is shown on the page (once).
            p.ok = 200;
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/integrations/webhooks/{agency}/disable" => {
            balai::db::webhooks::set_endpoint(
                db,
                "kemenkes",
                &format!("https://agency{n}.example/hook"),
                Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                now(),
            )
            .await
            .unwrap();
            let mut p = post(
                "/en/staff/integrations/webhooks/kemenkes/disable".into(),
                &[("csrf", &csrf)],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/integrations/deliveries/{id}/resend" => {
            let id: i64 = balai::on_pool!(db, p => sqlx::query_scalar(
                "INSERT INTO webhook_deliveries (event_id, agency, event_type, data, status, attempts, next_try_at, created_at)
                 VALUES ($1, 'kemenhub', 'case.routed', '{}', 'failed', 10, $2, $2) RETURNING id")
                .bind(format!("evt_matrix_{n}")).bind(now()).fetch_one(p).await).unwrap();
            let mut p = post(
                format!("/en/staff/integrations/deliveries/{id}/resend"),
                &[("csrf", &csrf)],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/api/v1/agency/cases/{code}/actions" => {
            // A fresh key each time; the other "session's" secret is a revoked key.
            let (_, key) = agency_key(app, "read,update").await;
            let (revoked_id, revoked) = agency_key(app, "read,update").await;
            assert!(
                balai::db::partners::revoke(db, revoked_id, None, now())
                    .await
                    .unwrap()
            );
            let code = w.routed.code.replace('-', "");
            let body = format!(r#"{{"action":"note","text":"Catatan {n}"}}"#);
            Post {
                path: format!("/api/v1/agency/cases/{code}/actions"),
                fields: vec![("authorization".to_owned(), key)],
                multipart: Some(("application/json".to_owned(), body.into_bytes())),
                cookies: Vec::new(),
                other: revoked,
                ok: 200,
            }
        }
        "/{lang}/staff/desk" => {
            let form_id = format!("{n:032x}");
            let mut p = post(
                "/en/staff/desk".into(),
                &[
                    ("csrf", &csrf),
                    ("form_id", &form_id),
                    ("channel", "walk_in"),
                    ("kind", "complaint"),
                    ("title", "Filed at the desk"),
                    ("description", "The citizen came in person."),
                    ("category", "health"),
                    ("province", "51"),
                    ("regency", "51.71"),
                    ("day", "20"),
                    ("month", "11"),
                    ("year", "2026"),
                    ("privacy", "confidential"),
                    ("name", "Wayan"),
                    ("phone", "081234567890"),
                    ("consent", "yes"),
                ],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/sign-in" => post(
            "/en/staff/sign-in".into(),
            &[("email", "admin@balai.id"), ("password", PASSWORD)],
            Vec::new(),
        ),
        "/{lang}/staff/sign-out" => {
            // A session of its own, so the world's stays open.
            let (cookies, csrf) = match actor.email() {
                Some(email) => {
                    let s = new_session(app, email).await;
                    (vec![("balai_staff".to_owned(), s.token)], s.csrf)
                }
                None => (cookies, csrf),
            };
            let mut p = post("/en/staff/sign-out".into(), &[("csrf", &csrf)], cookies);
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/email" => {
            // The daily email turned the other way, so a valid request changes something.
            let on: bool = match actor.email() {
                Some(email) => balai::on_pool!(db, p => sqlx::query_scalar("SELECT digest FROM staff_users WHERE email = $1").bind(email).fetch_one(p).await).unwrap(),
                None => true,
            };
            let digest = if on { "off" } else { "on" };
            let mut p = post(
                "/en/staff/email".into(),
                &[("csrf", &csrf), ("digest", digest)],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/accounts" => {
            let email = format!("created{n}@kemenhub.go.id");
            let mut p = post(
                "/en/staff/accounts".into(),
                &[
                    ("csrf", &csrf),
                    ("email", &email),
                    ("name", "Created"),
                    ("role", "officer"),
                    ("agency", "kemenhub"),
                    ("password", PASSWORD),
                ],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/password" => {
            // An account of the actor's role and a session of its own: changing the
            // password ends the account's other sessions, so not the world's accounts.
            let (cookies, csrf) = match actor.email() {
                Some(email) => {
                    let me = staff_db::user_by_email(db, email).await.unwrap().unwrap();
                    let own = format!("password{n}-{email}");
                    staff_db::add_user(
                        db,
                        &own,
                        "Petugas",
                        me.role.as_str(),
                        me.agency.as_deref(),
                        &w.hash,
                        now(),
                    )
                    .await
                    .unwrap();
                    let s = new_session(app, &own).await;
                    (vec![("balai_staff".to_owned(), s.token)], s.csrf)
                }
                None => (cookies, csrf),
            };
            let mut p = post(
                "/en/staff/password".into(),
                &[
                    ("csrf", &csrf),
                    ("current", PASSWORD),
                    ("new", "a new password for the matrix"),
                ],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/accounts/{id}/disable" => {
            let email = format!("target{n}@kemenhub.go.id");
            assert!(
                staff_db::add_user(
                    db,
                    &email,
                    "Target",
                    "officer",
                    Some("kemenhub"),
                    &w.hash,
                    now()
                )
                .await
                .unwrap()
            );
            let id = staff_db::user_by_email(db, &email)
                .await
                .unwrap()
                .unwrap()
                .id;
            let mut p = post(
                format!("/en/staff/accounts/{id}/disable"),
                &[("csrf", &csrf)],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/workshops/{slug}/needs" => {
            let (_, _, email) = registration(app, n).await;
            let id: i64 = balai::on_pool!(db, p => sqlx::query_scalar("SELECT id FROM registrations WHERE email = $1").bind(&email).fetch_one(p).await).unwrap();
            let mut p = post(
                format!("/en/staff/workshops/{}/needs", crate::workshops::SMALL),
                &[
                    ("csrf", &csrf),
                    ("registration", &id.to_string()),
                    ("need", "bisindo"),
                    ("status", "arranged"),
                ],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/staff/reports/{id}/{action}" => {
            let id = w.routed.id;
            let version = version_of(app, id).await;
            let mut p = post(
                format!("/en/staff/reports/{id}/note"),
                &[
                    ("csrf", &csrf),
                    ("version", &version),
                    ("text", &format!("Catatan {n}")),
                ],
                cookies,
            );
            p.other = w.other_csrf(actor);
            p
        }
        "/{lang}/mail/stop/{token}" => {
            // A list of its own each time, so each stop changes something.
            let token = balai::mail::stop::token(&app.state.secret_key, &format!("digest:{n}"));
            let mut p = post(
                format!("/en/mail/stop/{token}"),
                &[("List-Unsubscribe", "One-Click")],
                Vec::new(),
            );
            p.ok = 200;
            p
        }
        "/open311/v2/requests.{format}" => {
            // A fresh partner key each time; the other "session's" secret is a revoked key.
            let (_, key) = crate::open311::key(app, "submit", 1000).await;
            let (revoked_id, revoked) = crate::open311::key(app, "submit", 1000).await;
            assert!(
                balai::db::partners::revoke(db, revoked_id, None, now())
                    .await
                    .unwrap()
            );
            Post {
                path: "/open311/v2/requests.json".into(),
                fields: crate::open311::body(&key, &[]),
                multipart: None,
                cookies: Vec::new(),
                other: revoked,
                ok: 200,
            }
        }
        "/{lang}/workshops/registrations" => post(
            "/en/workshops/registrations".into(),
            &[("code", &w.reg.0), ("contact", &w.reg.2)],
            Vec::new(),
        ),
        "/{lang}/workshops/registrations/{code}/cancel" => {
            let (code, token, _) = registration(app, n).await;
            let mut p = post(
                format!("/en/workshops/registrations/{code}/cancel"),
                &[("t", &token)],
                Vec::new(),
            );
            p.other = w.reg.1.clone();
            p
        }
        "/{lang}/workshops/{slug}/register" => {
            let slug = crate::workshops::SMALL;
            let form = app.get(&format!("/en/workshops/{slug}/register")).await;
            let doc = form.html();
            let hidden = |name: &str| {
                doc.select(&sel(&format!("input[name={name}]")))
                    .next()
                    .and_then(|e| e.value().attr("value"))
                    .unwrap()
                    .to_owned()
            };
            let (token, id) = (hidden("form_token"), hidden("form_id"));
            post(
                format!("/en/workshops/{slug}/register"),
                &[
                    ("name", &format!("Peserta {n}")),
                    ("email", &format!("matrix{n}@contoh.id")),
                    ("consent", "yes"),
                    ("form_token", &token),
                    ("form_id", &id),
                ],
                Vec::new(),
            )
        }
        other => panic!("no POST scenario for {other}: add one to `scenario` in route_matrix.rs"),
    }
}

/// The request of `p`: valid (same origin) with `forgery: None`, else forged; `None`
/// when the forgery makes no sense for the route (no secret to leave out or swap).
fn request(p: &Post, cred: Cred, forgery: Option<Forgery>) -> Option<(TestRequest, Pairs)> {
    let mut fields = p.fields.clone();
    let mut cookies = p.cookies.clone();
    let mut headers: Vec<(&str, &str)> = vec![("host", "balai.example")];
    let same_origin = [
        ("sec-fetch-site", "same-origin"),
        ("origin", "http://balai.example"),
    ];
    match forgery {
        None => headers.extend(same_origin),
        Some(Forgery::NoToken) => {
            match cred {
                Cred::None => return None,
                Cred::Field(name) => fields.retain(|(k, _)| k != name),
                Cred::Cookie { name, .. } => cookies.retain(|(k, _)| k != name),
            }
            headers.extend(same_origin);
        }
        Some(Forgery::OtherToken) => {
            match cred {
                Cred::None | Cred::Cookie { bound: false, .. } => return None,
                Cred::Field(name) => {
                    for f in fields.iter_mut().filter(|(k, _)| k == name) {
                        f.1 = p.other.clone();
                    }
                }
                Cred::Cookie { name, bound: true } => {
                    for c in cookies.iter_mut().filter(|(k, _)| k == name) {
                        c.1 = p.other.clone();
                    }
                }
            }
            assert!(!p.other.is_empty(), "{}: no other token", p.path);
            headers.extend(same_origin);
        }
        Some(Forgery::CrossSite) => headers.push(("sec-fetch-site", "cross-site")),
        Some(Forgery::SameSite) => headers.push(("sec-fetch-site", "same-site")),
        Some(Forgery::EvilOrigin) => headers.push(("origin", "https://evil.example")),
    }
    let mut req = TestRequest::post().uri(&p.path);
    for h in headers {
        req = req.insert_header(h);
    }
    // The agency API's key travels in `Authorization: Bearer` (carried here as a field).
    if let Some((_, key)) = fields.iter().find(|(k, _)| k == "authorization") {
        req = req.insert_header(("authorization", format!("Bearer {key}")));
    }
    if !cookies.is_empty() {
        req = req.insert_header(("cookie", cookie_header(&cookies)));
    }
    req = match &p.multipart {
        Some((ct, body)) => req
            .insert_header(("content-type", ct.clone()))
            .set_payload(body.clone()),
        None => req.set_form(&fields),
    };
    Some((req, cookies))
}

/// Send a request and see what it changed.
async fn run(app: &TestApp, req: TestRequest, sent: &[(String, String)]) -> Outcome {
    let before = snapshot(&app.state.db).await;
    let res = app.call(req).await;
    let after = snapshot(&app.state.db).await;
    let cookie = sets_cookie(&res, sent);
    Outcome {
        tables: changed_tables(&before, &after),
        cookie,
        res,
    }
}

// ---------------------------------------------------------------------------------------
// T-SEC-5: who may use each staff route.
// ---------------------------------------------------------------------------------------

/// What an actor should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Served (GET 200; POST its success status, and something changed).
    Ok,
    /// 404, exactly the page of something that does not exist; nothing changed.
    Hidden,
    /// Sent to sign in (whatever the route does without a session); nothing changed.
    SignIn,
}

fn want(who: Who, actor: Actor) -> Want {
    use Actor::*;
    match (who, actor) {
        (Who::Anyone, _) => Want::Ok,
        (_, Citizen | Anonymous) => Want::SignIn,
        (Who::Staff, _)
        | (Who::Organisers, Admin | Verifier)
        | (Who::Admins, Admin)
        | (Who::CaseViewers, Admin | Verifier | OfficerOwn) => Want::Ok,
        _ => Want::Hidden,
    }
}

/// A 404 page with the request's own path taken out (the language switch links it), so
/// the pages of two URLs can be compared.
fn normalised(res: &TestResponse, path: &str) -> String {
    let path = path.split('?').next().unwrap();
    let rest = path.strip_prefix("/en").unwrap_or(path);
    format!(
        "{} {} {}",
        res.status,
        res.header("content-type"),
        res.body.replace(path, "«path»").replace(rest, "«path»")
    )
}

/// Whether an outcome is the one wanted; a description of the difference if not.
fn judge(
    want: Want,
    method: &str,
    path: &str,
    out: &Outcome,
    ok: u16,
    not_found: &str,
) -> Result<(), String> {
    let res = &out.res;
    let good = match want {
        Want::Ok if method == "GET" => res.status == 200,
        Want::Ok => res.status == ok && out.changed(),
        Want::Hidden => res.status == 404 && normalised(res, path) == not_found && !out.changed(),
        Want::SignIn => {
            let location = res.header("location");
            let to_sign_in = if path.ends_with("/sign-out") {
                res.status == 303 && location == "/en/staff/sign-in?reason=signed-out"
            } else if method == "POST" && path.starts_with("/en/staff/reports/") {
                // A case form posted without a session: the sign-in page, the form kept.
                res.status == 401
                    && res
                        .html()
                        .select(&sel("input[name=password]"))
                        .next()
                        .is_some()
            } else {
                res.status == 303 && location == format!("/en/staff/sign-in?next={path}")
            };
            to_sign_in && !out.changed()
        }
    };
    if good {
        Ok(())
    } else {
        Err(format!("wanted {want:?}, got {}", out.describe()))
    }
}

/// T-SEC-5: every staff route (from the table, itself checked against the router) ×
/// {admin, verifier, officer of the report's agency, officer of another agency, citizen
/// with a private-view cookie, anonymous}. Only the authorised succeed (POSTs carry the
/// actor's own CSRF token from the same origin, so only authorisation can refuse them);
/// a member of staff who may not see a page gets a 404 identical to a page that does not
/// exist, and changes nothing; without a staff session, everyone is sent to sign in.
/// Then every case action on another agency's report (and officers on a report not
/// routed yet), GET and POST, answers exactly like a report id that does not exist; no
/// queue lists a report the officer may not open, and queue filters outside the
/// allowlist are refused with 400.
#[actix_web::test]
async fn staff_routes_admit_only_authorised_actors_and_hide_the_rest() {
    let app = app().await;
    let w = world(&app).await;
    let admin = w.creds(Actor::Admin).0;
    let nowhere = "/en/staff/no-such-page";
    let not_found = normalised(&w.get_as(&admin, nowhere).await, nowhere);
    assert!(
        not_found.starts_with("404 Not Found text/html"),
        "{not_found}"
    );
    let mut fails = Vec::new();
    let mut checked = 0;
    for r in ROUTES {
        match r.check {
            Check::StaffGet { sample, who } => {
                let path = w.fill(sample);
                for actor in ACTORS {
                    let (cookies, _) = w.creds(actor);
                    let req = TestRequest::get()
                        .uri(&path)
                        .insert_header(("cookie", cookie_header(&cookies)));
                    let out = run(&app, req, &cookies).await;
                    checked += 1;
                    if let Err(e) = judge(want(who, actor), "GET", &path, &out, 200, &not_found) {
                        fails.push(format!("GET {path} as {actor:?}: {e}"));
                    }
                }
            }
            Check::StaffPost { who } => {
                for actor in ACTORS {
                    let p = scenario(&w, r.path, actor).await;
                    let (req, sent) = request(&p, Cred::None, None).unwrap();
                    let out = run(&app, req, &sent).await;
                    checked += 1;
                    if let Err(e) = judge(want(who, actor), "POST", &p.path, &out, p.ok, &not_found)
                    {
                        fails.push(format!("POST {} as {actor:?}: {e}", p.path));
                    }
                }
            }
            _ => {}
        }
    }
    assert!(checked >= 60, "only {checked} staff requests checked");

    // Every action, and the case page itself, on a report the officer may not see: the
    // same 404 as a report id that does not exist.
    let hidden = [
        (Actor::OfficerOther, w.routed.id),
        (Actor::OfficerOther, w.fresh.id),
        (Actor::OfficerOwn, w.fresh.id),
    ];
    for (actor, id) in hidden {
        let (cookies, csrf) = w.creds(actor);
        let version = version_of(&app, id).await;
        let page = format!("/en/staff/reports/{id}");
        let missing = format!("/en/staff/reports/{MISSING}");
        let want_page = normalised(&w.get_as(&cookies, &missing).await, &missing);
        let got = w.get_as(&cookies, &page).await;
        if normalised(&got, &page) != want_page || want_page != not_found {
            fails.push(format!(
                "GET {page} as {actor:?} differs from a missing report: {}",
                got.status
            ));
        }
        let photo = match id {
            x if x == w.routed.id => w.routed.photo.clone(),
            _ => w.fresh.photo.clone(),
        }
        .unwrap();
        for action in Action::ALL {
            let fields = [
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("text", "Jawaban dari instansi lain"),
                ("agency", "kemenkes"),
                ("title", "Judul baru"),
                ("description", "Uraian baru"),
                ("day", "1"),
                ("month", "1"),
                ("year", "2027"),
                ("photo", photo.as_str()),
            ];
            let mut pages = Vec::new();
            for target in [id, MISSING] {
                let path = format!("/en/staff/reports/{target}/{}", action.as_str());
                let req = TestRequest::post()
                    .uri(&path)
                    .insert_header(("sec-fetch-site", "same-origin"))
                    .insert_header(("cookie", cookie_header(&cookies)))
                    .set_form(fields);
                let out = run(&app, req, &cookies).await;
                if out.changed() {
                    fails.push(format!(
                        "POST {path} as {actor:?} changed {}",
                        out.describe()
                    ));
                }
                pages.push(normalised(&out.res, &path));
            }
            if pages[0] != pages[1] || pages[0] != not_found {
                fails.push(format!(
                    "POST /en/staff/reports/{id}/{} as {actor:?} differs from a missing report: {}",
                    action.as_str(),
                    &pages[0][..3]
                ));
            }
        }
    }

    // Queues: an officer's lists never link a report the officer may not open.
    let link = |id: i64| format!("href=\"/en/staff/reports/{id}\"");
    let lists = [
        "new", "info", "routed", "overdue", "answered", "closed", "held",
    ];
    for list in lists {
        for (actor, hidden) in [
            (
                Actor::OfficerOther,
                vec![w.routed.id, w.fresh.id, w.public.id],
            ),
            (Actor::OfficerOwn, vec![w.fresh.id, w.public.id]),
        ] {
            let res = w.get(actor, &format!("/en/staff?list={list}")).await;
            assert_eq!(res.status, 200);
            for id in hidden {
                if res.body.contains(&link(id)) {
                    fails.push(format!("{actor:?}'s {list} list links report {id}"));
                }
            }
        }
    }
    // Filters outside the allowlist are refused, not passed on (CVE-2023-34090's lesson).
    for query in [
        "list=all",
        "category=x%27%20OR%201%3D1",
        "province=99",
        "agency=kemenkes%25",
        "kind=secret",
    ] {
        let res = w
            .get(Actor::OfficerOwn, &format!("/en/staff?{query}"))
            .await;
        if res.status != 400 {
            fails.push(format!("/en/staff?{query}: {} (wanted 400)", res.status));
        }
    }
    // ...and the same check can see a link when there is one.
    let own = w.get(Actor::OfficerOwn, "/en/staff?list=routed").await;
    if !own.body.contains(&link(w.routed.id)) {
        fails.push("the officer's own routed case is not listed".into());
    }
    let new = w.get(Actor::Verifier, "/en/staff?list=new").await;
    if !new.body.contains(&link(w.fresh.id)) {
        fails.push("the new report is not in the verifier's list".into());
    }

    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}

/// T-SEC-5 (photo) / T-SEC-14: the photo of a confidential report is served (both sizes)
/// only to admins, verifiers, officers of the agency it was routed to and the reporter
/// holding its private-view cookie; a report not routed yet shows its photo to no
/// officer; a draft's photo only to the draft's own browser. Everyone else gets the same
/// 404 as a photo id that does not exist. The report's public page and feed answer like
/// an unknown code, and the open data never mention it.
#[actix_web::test]
async fn photos_and_public_routes_of_a_non_public_report_stay_hidden() {
    let app = app().await;
    let w = world(&app).await;
    let missing_photo = format!("/media/{}/display", "0f".repeat(16));
    let not_found = normalised(&app.get(&missing_photo).await, &missing_photo);
    assert!(not_found.starts_with("404 Not Found"), "{not_found}");
    let draft_cookie = vec![("balai_draft".to_owned(), w.draft.clone())];
    let other_view = vec![("balai_report".to_owned(), w.other_view.clone())];
    let mut fails = Vec::new();
    let cases: Vec<(&str, &str, Vec<Actor>)> = vec![
        (
            w.routed.photo.as_deref().unwrap(),
            "routed",
            vec![
                Actor::Admin,
                Actor::Verifier,
                Actor::OfficerOwn,
                Actor::Citizen,
            ],
        ),
        (
            w.fresh.photo.as_deref().unwrap(),
            "fresh",
            vec![Actor::Admin, Actor::Verifier],
        ),
        (w.draft_photo.as_str(), "draft", vec![]),
    ];
    for (photo, what, allowed) in &cases {
        for variant in ["display", "thumb"] {
            let path = format!("/media/{photo}/{variant}");
            let mut askers: Vec<(String, Pairs, bool)> = ACTORS
                .iter()
                .map(|a| (format!("{a:?}"), w.creds(*a).0, allowed.contains(a)))
                .collect();
            askers.push((
                "another report's reporter".into(),
                other_view.clone(),
                false,
            ));
            askers.push((
                "the draft's browser".into(),
                draft_cookie.clone(),
                *what == "draft",
            ));
            for (who, cookies, may) in askers {
                let res = w.get_as(&cookies, &path).await;
                let good = if may {
                    res.status == 200
                        && res.header("content-type") == "image/jpeg"
                        && res.header("cache-control") == "private, no-store"
                } else {
                    normalised(&res, &path) == not_found
                };
                if !good {
                    fails.push(format!(
                        "GET {path} ({what} photo) as {who}: {} (may: {may})",
                        res.status
                    ));
                }
            }
        }
    }

    // The report's public page and feed: like a code that does not exist.
    let unknown = "ZZZZ2222";
    for (route, code) in [
        ("/en/reports/", w.routed.code.as_str()),
        ("/feeds/reports/", w.routed.code.as_str()),
    ] {
        let suffix = if route.starts_with("/feeds") {
            ".atom"
        } else {
            ""
        };
        let path = format!("{route}{code}{suffix}");
        let other = format!("{route}{unknown}{suffix}");
        let (a, b) = (app.get(&path).await, app.get(&other).await);
        assert_eq!(a.status, 404, "{path}");
        if a.body.replace(code, "«code»") != b.body.replace(unknown, "«code»") {
            fails.push(format!("{path} differs from an unknown code"));
        }
    }
    for data in [
        "/data/reports.csv",
        "/data/reports.json",
        "/feeds/resolved.atom",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
    ] {
        let res = app.get(data).await;
        assert_eq!(res.status, 200);
        for c in [&w.routed, &w.fresh] {
            if res.body.contains(&c.code) || res.body.contains(c.photo.as_deref().unwrap()) {
                fails.push(format!(
                    "{data} mentions the confidential report {}",
                    c.code
                ));
            }
        }
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}

// ---------------------------------------------------------------------------------------
// T-SEC-7: forged POSTs.
// ---------------------------------------------------------------------------------------

/// The victim whose session a forgery rides on, per staff route.
fn victim(route: &str) -> Actor {
    match route {
        "/{lang}/staff/workshops/{slug}/needs"
        | "/{lang}/staff/email"
        | "/{lang}/staff/desk"
        | "/{lang}/staff/password" => Actor::Verifier,
        "/{lang}/staff/reports/{id}/{action}" => Actor::OfficerOwn,
        "/{lang}/staff/accounts/{id}/disable"
        | "/{lang}/staff/accounts"
        | "/{lang}/staff/integrations/keys"
        | "/{lang}/staff/integrations/keys/{id}/revoke"
        | "/{lang}/staff/integrations/webhooks"
        | "/{lang}/staff/integrations/webhooks/{agency}/disable"
        | "/{lang}/staff/integrations/deliveries/{id}/resend"
        | "/{lang}/staff/sign-out" => Actor::Admin,
        _ => Actor::Citizen,
    }
}

/// T-SEC-7: every POST route of the router (via the table) gets, each on fresh objects:
/// no token, another session's token (or a cookie bound to another object), `Sec-Fetch-Site:
/// cross-site`, `Sec-Fetch-Site: same-site`, `Origin: https://evil.example` without Fetch
/// Metadata; then a valid same-origin request. A refused forgery changes no row of any
/// table and sets no cookie, and on staff routes answers 403; the valid request succeeds
/// and changes something. Forgeries a public route accepts today must be exactly those
/// listed in its row (`accepted`: by design, same site only), printed at the end.
#[actix_web::test]
async fn every_post_route_refuses_forgeries_and_changes_nothing() {
    let app = app().await;
    let w = world(&app).await;
    let mut fails = Vec::new();
    let mut findings = Vec::new();
    let mut posts = 0;
    for r in ROUTES {
        let (cred, accepted, staff) = match r.check {
            Check::StaffPost { .. } => (Cred::Field("csrf"), &[][..], true),
            Check::PublicPost { cred, accepted } => (cred, accepted, false),
            _ => continue,
        };
        posts += 1;
        let actor = victim(r.path);
        for forgery in Forgery::ALL {
            let p = scenario(&w, r.path, actor).await;
            let Some((req, sent)) = request(&p, cred, Some(forgery)) else {
                continue;
            };
            let out = run(&app, req, &sent).await;
            // From another site: 403 on every route. Without the secret (same site):
            // nothing changes, and staff routes say 403.
            let cross_site = matches!(
                forgery,
                Forgery::CrossSite | Forgery::SameSite | Forgery::EvilOrigin
            );
            let refused = !out.changed() && (out.res.status == 403 || (!staff && !cross_site));
            let listed = accepted.contains(&forgery);
            match (refused, listed) {
                (true, false) => {}
                (false, true) => findings.push(format!(
                    "POST {} with {forgery:?}: accepted, {}",
                    r.path,
                    out.describe()
                )),
                (false, false) => fails.push(format!(
                    "POST {} with {forgery:?} was not refused: {}",
                    p.path,
                    out.describe()
                )),
                (true, true) => fails.push(format!(
                    "POST {} with {forgery:?} is now refused ({}): remove it from the route's \
                     `accepted` list in ROUTES",
                    r.path,
                    out.describe()
                )),
            }
        }
        let p = scenario(&w, r.path, actor).await;
        let (req, sent) = request(&p, cred, None).unwrap();
        let out = run(&app, req, &sent).await;
        if out.res.status != p.ok || !out.changed() {
            fails.push(format!(
                "POST {} (valid, same origin) did not succeed: {} {}",
                p.path,
                out.describe(),
                &out.res.body.chars().take(300).collect::<String>()
            ));
        }
    }
    assert!(posts >= 16, "only {posts} POST routes");
    if !findings.is_empty() {
        eprintln!(
            "T-SEC-7: accepted by design (same site only):\n{}",
            findings.join("\n")
        );
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}

// ---------------------------------------------------------------------------------------
// GET routes never change state.
// ---------------------------------------------------------------------------------------

/// Every GET route of the router (via the table), at a sample URL that the router sends
/// to that very route, requested by a visitor holding every cookie of the world (admin
/// session, draft, private view), who gets the expected status, and by an anonymous
/// visitor, a citizen, an officer of another agency and a verifier: afterwards every row
/// of every table is as it was, and no response set a cookie.
#[actix_web::test]
async fn get_routes_never_change_state() {
    let app = app().await;
    let w = world(&app).await;
    let router = router_routes();
    let mut everything = w.creds(Actor::Admin).0;
    everything.push(("balai_draft".to_owned(), w.draft.clone()));
    everything.push(("balai_report".to_owned(), w.view.clone()));
    let mut fails = Vec::new();
    let before = snapshot(&app.state.db).await;
    let mut gets = 0;
    for r in ROUTES.iter().filter(|r| r.method == "GET") {
        gets += 1;
        let (sample, status) = match r.check {
            Check::Public { sample, status } | Check::Exempt { sample, status, .. } => {
                (sample, status)
            }
            Check::StaffGet { sample, .. } | Check::Photo { sample } => (sample, 200),
            _ => unreachable!("a GET row with a POST check"),
        };
        let url = w.fill(sample);
        let path = url.split('?').next().unwrap();
        let first = router.iter().find(|(_, pattern)| matches(pattern, path));
        if first.map(|f| f.1.as_str()) != Some(r.path) {
            fails.push(format!("sample {url} of {} reaches {first:?}", r.path));
        }
        let mut askers = vec![everything.clone()];
        for a in [
            Actor::Anonymous,
            Actor::Citizen,
            Actor::OfficerOther,
            Actor::Verifier,
        ] {
            askers.push(w.creds(a).0);
        }
        for (i, cookies) in askers.iter().enumerate() {
            let res = w.get_as(cookies, &url).await;
            if i == 0 && res.status != status {
                fails.push(format!("GET {url}: {} (wanted {status})", res.status));
            }
            if sets_cookie(&res, cookies) {
                fails.push(format!(
                    "GET {url} sets a cookie: {:?}",
                    res.header("set-cookie")
                ));
            }
        }
    }
    assert!(gets >= 38, "only {gets} GET routes");
    // The one write a GET makes, by design (issue 21): a download of registrations
    // (personal data) is recorded in the audit log. Any other write still fails here.
    balai::on_pool!(&app.state.db, p => sqlx::query("DELETE FROM audit_log WHERE action = 'registrations-downloaded'").execute(p).await.map(|_| ())).unwrap();
    let after = snapshot(&app.state.db).await;
    let tables = changed_tables(&before, &after);
    if !tables.is_empty() {
        fails.push(format!("GET requests changed {tables:?}"));
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}

/// A partner key tied to kemenhub with `scopes`: its id and the key (the agency API).
async fn agency_key(app: &TestApp, scopes: &str) -> (i64, String) {
    use secrecy::ExposeSecret;
    let k = balai::domain::partner::generate().unwrap();
    let id = balai::db::partners::create(
        &app.state.db,
        &balai::db::partners::NewPartner {
            name: "Matrix agency system",
            agency: Some("kemenhub"),
            scopes,
            key_hash: &k.hash,
            key_prefix: &k.prefix,
            per_minute: 100_000,
            created_by: None,
        },
        now(),
    )
    .await
    .unwrap();
    (id, k.secret.expose_secret().to_owned())
}
