//! The agency API (issue #19), JSON under `/api/v1/agency/`: an agency's system reads its
//! queue and its cases, and takes the workflow actions an officer of the agency may take,
//! authenticated by `Authorization: Bearer <partner key>` of a key tied to that agency.
//!
//! - `GET /api/v1/agency/cases?status=&page=`: the cases routed to the agency (scope `read`).
//! - `GET /api/v1/agency/cases/{code}`: one case with its timeline (scope `read`).
//! - `POST /api/v1/agency/cases/{code}/actions`: `{"action": "answer", "text": "..."}`
//!   (scope `update`; `Idempotency-Key` header: a retry gets the first answer again).
//!
//! The same rules as the back office: what an officer of the agency may see
//! (`domain::access`: the routed reports of its agency; a case of another agency is the
//! same 404 as none), and actions through `domain::workflow::plan` and
//! `db::cases::act_by` (the same table, deadlines and transaction). The timeline names the
//! officer role (the agency's system speaks for its officers); the partner audit log names
//! the key. Never the reporter's name, email, phone or relationship, whatever the report's
//! privacy. Errors are `application/problem+json` (RFC 9457): `type`, `title`, `status`,
//! `detail`. Bodies over 64 KiB are refused (413).

use crate::db::cases::{self, ActError, By};
use crate::db::{reports, webhooks};
use crate::domain::case::{Event, Report, Status};
use crate::domain::form::{check_length, clean_text};
use crate::domain::partner::{Partner, Scope};
use crate::domain::report::DESCRIPTION_MAX;
use crate::domain::staff::Role;
use crate::domain::workflow::{self, Action, ActionInput};
use crate::domain::{Code, deadlines};
use crate::error::KeepBody;
use crate::routes::api_key::{self, KeyError};
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Largest body of an action.
pub const BODY_MAX: usize = 64 * 1024;
/// Cases a page of the queue holds.
const PER_PAGE: i64 = 50;
/// The actions an agency's system may ask for (those of an officer; the workflow decides
/// which applies to the case as it is).
const ACTIONS: [Action; 6] = [
    Action::Answer,
    Action::AskInfo,
    Action::Postpone,
    Action::NotOurs,
    Action::Close,
    Action::Note,
];

/// An error as `application/problem+json`.
pub fn problem(status: StatusCode, title: &str, detail: &str) -> HttpResponse {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    json_response(status, &body.to_string(), "application/problem+json")
}

fn json_response(status: StatusCode, body: &str, content_type: &str) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
        .insert_header((header::CACHE_CONTROL, crate::http_cache::PRIVATE))
        .body(body.to_owned());
    res.extensions_mut().insert(KeepBody);
    res
}

fn key_problem(e: &KeyError) -> HttpResponse {
    let (status, title) = match e {
        KeyError::Missing | KeyError::Invalid => (StatusCode::UNAUTHORIZED, "Unauthorized"),
        KeyError::Forbidden => (StatusCode::FORBIDDEN, "Forbidden"),
        KeyError::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, "Too Many Requests"),
        KeyError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"),
    };
    let mut res = problem(status, title, &e.to_string());
    if status == StatusCode::UNAUTHORIZED {
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer realm=\"balai-agency-api\""),
        );
    }
    if let Some(s) = e.retry_after()
        && let Ok(v) = header::HeaderValue::from_str(&s.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

fn unexpected(e: &anyhow::Error) -> HttpResponse {
    tracing::error!(error = ?e, "agency API failed");
    let mut res = problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "Service Unavailable",
        "the request could not be completed now; try again later",
    );
    res.headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
    res
}

fn not_found() -> HttpResponse {
    problem(
        StatusCode::NOT_FOUND,
        "Not Found",
        "no such case for this key",
    )
}

/// The partner of the request's key, tied to an agency, with `scope`.
async fn partner(
    state: &AppState,
    req: &HttpRequest,
    scope: Scope,
) -> Result<(Partner, String), HttpResponse> {
    let key = api_key::bearer(req);
    let p = api_key::authenticate(state, req, key.as_deref(), scope)
        .await
        .map_err(|e| key_problem(&e))?;
    match p.agency.clone() {
        Some(a) => Ok((p, a)),
        None => Err(problem(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "this key is not tied to an agency",
        )),
    }
}

/// A case as the API gives it: what an officer of the agency sees, without who sent it.
#[derive(Debug, Serialize)]
pub struct CaseJson {
    pub code: String,
    pub status: &'static str,
    pub kind: &'static str,
    pub category: String,
    pub agency: Option<String>,
    /// `public`, `confidential` or `anonymous`: how the reporter asked the report to be
    /// treated (the API never gives who sent it, whatever this says).
    pub privacy: &'static str,
    pub title: String,
    pub description: String,
    pub province: String,
    pub regency: String,
    pub occurred_on: String,
    pub created_at: String,
    pub routed_at: Option<String>,
    pub deadline: Option<String>,
    /// Send it back as `version` with an action to refuse the action if the case changed
    /// meanwhile (409).
    pub version: i32,
    /// The actions the agency may take on the case now.
    pub actions: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
struct EventJson {
    at: String,
    kind: &'static str,
    actor: &'static str,
    agency: Option<String>,
    public: bool,
    text: Option<String>,
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn case_json(state: &AppState, r: &Report) -> CaseJson {
    let content = state.content();
    let data = crate::domain::webhook::CaseData::of(r, r.status, r.agency.as_deref(), None);
    CaseJson {
        code: r.code.clone(),
        status: r.status.as_str(),
        kind: r.kind.as_str(),
        category: r.category.clone(),
        agency: r.agency.clone(),
        privacy: r.privacy.as_str(),
        title: r.title.clone(),
        description: r.description.clone(),
        province: r.province.clone(),
        regency: r.regency.clone(),
        occurred_on: r.occurred_on.clone(),
        created_at: rfc3339(r.created_at),
        routed_at: r.routed_at.map(rfc3339),
        deadline: data.deadline(&content.holidays).map(|d| d.to_string()),
        version: r.version,
        actions: workflow::available_for(Role::Officer, r)
            .into_iter()
            .filter(|a| ACTIONS.contains(a))
            .map(Action::as_str)
            .collect(),
    }
}

/// What an officer of `agency` may see (`domain::access`): routed to it.
fn visible(r: &Report, agency: &str) -> bool {
    r.routed_at.is_some() && r.agency.as_deref() == Some(agency)
}

async fn case_of(state: &AppState, agency: &str, code: &str) -> Result<Report, HttpResponse> {
    let Some(code) = Code::parse(code) else {
        return Err(not_found());
    };
    match reports::by_code(&state.db, &code).await {
        Ok(Some(r)) if visible(&r, agency) => Ok(r),
        Ok(_) => Err(not_found()),
        Err(e) => Err(unexpected(&e)),
    }
}

/// The queue's filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub status: String,
    pub page: String,
}

/// GET /api/v1/agency/cases
#[tracing::instrument(level = "debug", skip_all)]
pub async fn queue(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let (_, agency) = match partner(&state, &req, Scope::Read).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    // A query that cannot be read (a parameter given twice, say) is refused, not ignored:
    // ignored, it would answer the whole queue as if no filter had been asked for.
    let Ok(q) =
        web::Query::<QueueQuery>::from_query(req.query_string()).map(web::Query::into_inner)
    else {
        return problem(
            StatusCode::BAD_REQUEST,
            "Bad Request",
            "the query could not be read: give status and page at most once each",
        );
    };
    let status = match q.status.trim() {
        "" => None,
        s => match Status::parse(s) {
            Some(s) => Some(s),
            None => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Bad Request",
                    "status must be one of the case statuses (routed, in-progress, answered, ...)",
                );
            }
        },
    };
    let page = match q.page.trim() {
        "" => 1,
        p => match p.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => n,
            _ => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Bad Request",
                    "page must be a whole number from 1",
                );
            }
        },
    };
    let (rows, total) = match cases::agency_queue(
        &state.db,
        &agency,
        status,
        PER_PAGE,
        (page - 1) * PER_PAGE,
    )
    .await
    {
        Ok(x) => x,
        Err(e) => return unexpected(&e),
    };
    let cases: Vec<CaseJson> = rows.iter().map(|r| case_json(&state, r)).collect();
    let body = serde_json::json!({
        "agency": agency,
        "page": page,
        "per_page": PER_PAGE,
        "total": total,
        "cases": cases,
    });
    json_response(StatusCode::OK, &body.to_string(), "application/json")
}

/// GET /api/v1/agency/cases/{code}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    let (_, agency) = match partner(&state, &req, Scope::Read).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let r = match case_of(&state, &agency, &path).await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let events: Vec<Event> = match cases::staff_events(&state.db, r.id).await {
        Ok(e) => e,
        Err(e) => return unexpected(&e),
    };
    let timeline: Vec<EventJson> = events
        .into_iter()
        .map(|e| EventJson {
            at: rfc3339(e.at),
            kind: e.kind.as_str(),
            actor: e.actor.as_str(),
            agency: e.agency,
            public: e.public,
            text: e.body,
        })
        .collect();
    let body = serde_json::json!({ "case": case_json(&state, &r), "timeline": timeline });
    json_response(StatusCode::OK, &body.to_string(), "application/json")
}

/// What an action's body carries.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    pub action: String,
    #[serde(default)]
    pub text: Option<String>,
    /// Postpone: until when (ISO date, after today).
    #[serde(default)]
    pub until: Option<String>,
    /// The case's `version` as read; refused with 409 if it changed since.
    #[serde(default)]
    pub version: Option<i32>,
}

/// POST /api/v1/agency/cases/{code}/actions
#[tracing::instrument(level = "debug", skip_all)]
pub async fn act(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let (partner, agency) = match partner(&state, &req, Scope::Update).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    if body.len() > BODY_MAX {
        return problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Payload Too Large",
            "the body may be at most 64 KiB",
        );
    }
    // Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a quoted string, or
    // the bare text most clients send.
    let idem = match req.headers().get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(v)) => {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            if v.is_empty() || v.len() > 255 || !v.bytes().all(|b| b.is_ascii_graphic()) {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Bad Request",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters",
                );
            }
            Some(v.to_owned())
        }
        Some(Err(_)) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "Bad Request",
                "Idempotency-Key must be visible ASCII",
            );
        }
    };
    let fingerprint = {
        let mut h = Sha256::new();
        h.update(path.as_bytes());
        h.update([0]);
        h.update(&body);
        hex::encode(h.finalize())
    };
    if let Some(key) = &idem {
        match webhooks::idempotent_answer(&state.db, partner.id, key).await {
            Ok(Some((fp, status, stored))) if fp == fingerprint => {
                let status = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
                let kind = if status.is_success() {
                    "application/json"
                } else {
                    "application/problem+json"
                };
                let mut res = json_response(status, &stored, kind);
                res.headers_mut().insert(
                    header::HeaderName::from_static("idempotent-replayed"),
                    header::HeaderValue::from_static("true"),
                );
                return res;
            }
            Ok(Some(_)) => {
                return problem(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Unprocessable Content",
                    "this Idempotency-Key was used with another request",
                );
            }
            Ok(None) => {}
            Err(e) => return unexpected(&e),
        }
    }
    let (status, answer) = run_action(&state, &partner, &agency, &path, &body).await;
    // Kept: the answer, success or refusal (not an outage: the retry should run again).
    if let Some(key) = &idem
        && status != StatusCode::SERVICE_UNAVAILABLE
        && let Err(e) = webhooks::keep_answer(
            &state.db,
            partner.id,
            key,
            &fingerprint,
            i32::from(status.as_u16()),
            &answer,
            state.now(),
        )
        .await
    {
        return unexpected(&e);
    }
    let kind = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut res = json_response(status, &answer, kind);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
    }
    res
}

fn problem_body(status: StatusCode, title: &str, detail: &str) -> (StatusCode, String) {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    (status, body.to_string())
}

/// Check and take the action: its status and JSON body.
async fn run_action(
    state: &AppState,
    partner: &Partner,
    agency: &str,
    code: &str,
    body: &[u8],
) -> (StatusCode, String) {
    let bad = |d: &str| problem_body(StatusCode::BAD_REQUEST, "Bad Request", d);
    let input: ActionBody = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(_) => {
            return bad(
                "the body must be a JSON object with \"action\" and, as the action needs, \"text\", \"until\", \"version\"",
            );
        }
    };
    let Some(action) = Action::parse(&input.action).filter(|a| ACTIONS.contains(a)) else {
        return bad("action must be one of answer, ask, postpone, not-ours, close, note");
    };
    let mut parsed = ActionInput::default();
    match input.text.as_deref().map(|t| clean_text(t, true)) {
        Some(Err(_)) => return bad("text holds characters that are not allowed"),
        Some(Ok(t)) if !t.is_empty() => {
            if check_length(&t, DESCRIPTION_MAX).is_err() {
                return bad("text may be at most 4000 characters");
            }
            parsed.text = Some(t);
        }
        _ => {}
    }
    if action.needs_text() && parsed.text.is_none() {
        return bad("this action needs a text");
    }
    if action == Action::Postpone {
        let today = deadlines::today(state.now());
        match input.until.as_deref().and_then(deadlines::parse_date) {
            Some(d) if d > today => parsed.until = Some(d.to_string()),
            _ => return bad("postpone needs until: a date after today (YYYY-MM-DD)"),
        }
    }
    let r = match case_of(state, agency, code).await {
        Ok(r) => r,
        Err(_) => {
            return problem_body(
                StatusCode::NOT_FOUND,
                "Not Found",
                "no such case for this key",
            );
        }
    };
    let version = input.version.unwrap_or(r.version);
    let agency_owned = agency.to_owned();
    let decide = move |r: &Report| {
        visible(r, &agency_owned).then_some(())?;
        let mut o = workflow::plan(action, Role::Officer, r, &parsed).ok()?;
        // The timeline names the officer role: the agency's system speaks for it.
        o.step.actor = crate::domain::case::Actor::Officer;
        Some(o)
    };
    match cases::act_by(
        &state.db,
        r.id,
        version,
        By::Partner(partner.id),
        decide,
        state.now(),
    )
    .await
    {
        Ok(_) => {
            state.public_changed();
            state.mail_written();
            match reports::by_id(&state.db, r.id).await {
                Ok(Some(fresh)) => {
                    let body = serde_json::json!({ "case": case_json(state, &fresh) });
                    (StatusCode::OK, body.to_string())
                }
                Ok(None) => problem_body(
                    StatusCode::NOT_FOUND,
                    "Not Found",
                    "no such case for this key",
                ),
                Err(e) => {
                    tracing::error!(error = ?e, "agency API failed");
                    problem_body(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "Service Unavailable",
                        "try again later",
                    )
                }
            }
        }
        Err(ActError::Stale) => problem_body(
            StatusCode::CONFLICT,
            "Conflict",
            "the case changed since this version; read it again",
        ),
        Err(ActError::NotAllowed) => problem_body(
            StatusCode::CONFLICT,
            "Conflict",
            "the workflow does not allow this action on the case as it is now",
        ),
        Err(ActError::Other(e)) => {
            tracing::error!(error = ?e, "agency API failed");
            problem_body(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service Unavailable",
                "try again later",
            )
        }
    }
}
