//! Open311 `POST requests.{format}`: a partner system files a report for a citizen.
//!
//! The same workflow as the web form: the parameters become the form's `Answers`, checked
//! by the same `Answers::check_step` (so the same limits and rules apply, and the errors
//! are the form's own, named by parameter), a draft is made and sent by the same
//! `db::sending::send` (tracking code, access key, deadlines from the send, the staff
//! queue), with the channel `partner` and the partner's id. The privacy level is an
//! attribute and is honoured as on the form; `lat`/`long` are stored, never required, never
//! published; `media_url` is recorded, never fetched (fetching a URL a client names would
//! let it make Balai call anything Balai can reach: SSRF).
//!
//! The citizen's access key is returned to the submitting partner only, in the POST's
//! answer (extension field `access_key`), like the web form's confirmation page shows it
//! once: the partner hands it on with the tracking code. It is never stored (only its
//! hash), and is derived from the draft id with the secret key, so a retried POST can be
//! answered with the same key.
//!
//! Retries: an `Idempotency-Key` header (or an Open311-style `client_token` parameter)
//! names the request. The draft's id is derived from the partner and that key, so a retry
//! (even concurrent) sends the same draft and makes one report; the key's first request
//! fingerprint is kept, a retry with the same parameters gets the same answer, another
//! request with the same key is refused with 422.

use super::read::{
    ATTR_AGENCY, ATTR_CONSENT, ATTR_KIND, ATTR_NOTIFY, ATTR_OCCURRED, ATTR_PLACE, ATTR_PRIVACY,
    ATTR_PROVINCE, ATTR_REGENCY, ATTR_TITLE, unknown_service,
};
use super::{error, errors, format_of, locale, param, respond, t, t_args, unavailable};
use crate::content::ContentStore;
use crate::db::partners::{self, Idempotency};
use crate::db::reports;
use crate::db::sending::{self, Origin, SendError};
use crate::domain::partner::{PartnerEvent, Scope};
use crate::domain::report::{Answers, Channel, Step, TITLE_MAX};
use crate::domain::{FormErrors, deadlines};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::routes::api_key::{self, KeyError};
use crate::security;
use crate::state::AppState;
use crate::views::open311::{self as view, Format};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

/// Largest body taken (a description of 4,000 characters, percent-encoded, is at most
/// 36,000 bytes; the rest is room for attributes).
pub const BODY_MAX: usize = 64 * 1024;
/// Most parameters in one request.
const PARAMS_MAX: usize = 100;
/// Longest idempotency key.
const IDEMPOTENCY_KEY_MAX: usize = 200;
/// Longest `media_url`, and how many are recorded.
const MEDIA_URL_MAX: usize = 2000;
const MEDIA_URLS_MAX: usize = 5;

/// The parameter an error of a form field is reported under.
fn param_of(field: &str) -> String {
    match field {
        "description" => "description".to_owned(),
        "category" => "service_code".to_owned(),
        "name" => "first_name".to_owned(),
        "email" => "email".to_owned(),
        "phone" => "phone".to_owned(),
        "day" | "month" | "year" => format!("attribute[{ATTR_OCCURRED}]"),
        other => format!("attribute[{other}]"),
    }
}

/// The value of `attribute[code]`.
fn attribute<'a>(params: &'a [(String, String)], code: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| {
            k.strip_prefix("attribute[")
                .and_then(|r| r.strip_suffix(']'))
                .is_some_and(|c| c == code)
        })
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Words of a name, lower case, separated by single spaces, with a space at each end.
fn words(s: &str) -> String {
    let mut out = String::from(" ");
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&w.to_lowercase());
        out.push(' ');
    }
    out
}

/// The regency or city an `address_string` names: `Ok(None)` when it names none,
/// `Err(())` when it names several and nothing tells them apart. A full name (`Kota
/// Bogor`) beats a bare one (`Bogor`, which is both a regency and a city); a named
/// province narrows the candidates.
#[expect(
    clippy::result_unit_err,
    reason = "one way to fail, said by the caller"
)]
pub fn regency_of_address(content: &ContentStore, address: &str) -> Result<Option<String>, ()> {
    let text = words(address);
    let mut full = Vec::new();
    let mut bare = Vec::new();
    for p in content.areas.provinces() {
        for r in content.areas.regencies_in(&p.code) {
            let name = words(&r.name);
            if text.contains(&name) {
                full.push(r.code.clone());
                continue;
            }
            let short = name
                .strip_prefix(" kabupaten ")
                .or_else(|| name.strip_prefix(" kota "))
                .map(|rest| format!(" {rest}"));
            if short.is_some_and(|s| text.contains(&s)) {
                bare.push(r.code.clone());
            }
        }
    }
    let found = if full.is_empty() { bare } else { full };
    if found.len() <= 1 {
        return Ok(found.into_iter().next());
    }
    let named: Vec<&String> = found
        .iter()
        .filter(|code| {
            let province = code.split('.').next().unwrap_or_default();
            content
                .areas
                .province(province)
                .is_some_and(|p| text.contains(&words(&p.name)))
        })
        .collect();
    match named.as_slice() {
        [one] => Ok(Some((*one).clone())),
        _ => Err(()),
    }
}

/// A title from the description when none is given: its first line, cut to fit.
fn title_from(description: &str) -> String {
    let line = description
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim();
    let cut: String = line.chars().take(TITLE_MAX).collect();
    if cut.chars().count() < line.chars().count() {
        let mut shorter: String = cut.chars().take(TITLE_MAX - 1).collect();
        shorter.push('…');
        return shorter;
    }
    cut
}

/// The date attribute as the form's day, month and year (`YYYY-MM-DD`, or a datetime
/// whose date part is that); a value that is not a date is kept so the form's check names it.
fn date_parts(value: &str) -> (String, String, String) {
    let date = value.get(..10).unwrap_or(value);
    let mut parts = date.splitn(3, '-');
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    match (y, m, d) {
        (Some(y), Some(m), Some(d))
            if value.len() == 10 || value.as_bytes().get(10) == Some(&b'T') =>
        {
            (d.to_owned(), m.to_owned(), y.to_owned())
        }
        _ => (String::new(), String::new(), String::new()),
    }
}

/// The idempotency key of a request: the `Idempotency-Key` header (a structured-field
/// string, quotes optional) or the `client_token` parameter. `Err` when it is malformed.
fn idempotency_key(req: &HttpRequest, params: &[(String, String)]) -> Result<Option<String>, ()> {
    let header = req
        .headers()
        .get("idempotency-key")
        .map(|v| v.to_str().map_err(|_| ()))
        .transpose()?
        .map(|v| v.trim().trim_matches('"').to_owned());
    let key = header.or_else(|| param(params, "client_token").map(str::to_owned));
    match key {
        None => Ok(None),
        Some(k)
            if !k.is_empty()
                && k.len() <= IDEMPOTENCY_KEY_MAX
                && k.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            Ok(Some(k))
        }
        Some(_) => Err(()),
    }
}

/// The fingerprint of a request's parameters (the key left out: a rotated key retrying
/// is the same request), sorted.
fn fingerprint(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> =
        params.iter().filter(|(k, _)| k != "api_key").collect();
    sorted.sort();
    let mut h = Sha256::new();
    for (k, v) in sorted {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([1]);
    }
    hex::encode(h.finalize())
}

/// The draft id of a partner's request: derived from the partner and its idempotency key
/// (so every retry sends the same draft), else random.
fn draft_id(state: &AppState, partner_id: i64, idem: Option<&str>) -> anyhow::Result<String> {
    Ok(match idem {
        Some(k) => security::sign(
            &state.secret_key,
            "open311-draft",
            &format!("{partner_id}\0{k}"),
        )[..32]
            .to_owned(),
        None => security::random_id()?,
    })
}

/// The receipt the access key of a partner's report is derived with (see
/// `domain::access_key`): fixed per partner, since the draft id already differs per request.
fn receipt(partner_id: i64) -> String {
    format!("open311-partner-{partner_id}")
}

/// The answer to a key that was not accepted, in the Open311 format.
fn key_refused(state: &AppState, locale: &Locale, format: Format, e: &KeyError) -> HttpResponse {
    let description = match e {
        KeyError::Missing => t(state, locale, "open311-error-api-key-missing"),
        KeyError::Invalid => t(state, locale, "open311-error-api-key-invalid"),
        KeyError::Forbidden => t(state, locale, "open311-error-api-key-scope"),
        KeyError::RateLimited(s) => t_args(
            state,
            locale,
            "open311-error-rate-limited",
            &[("seconds", (*s).max(1).into())],
        ),
        KeyError::Unavailable(err) => {
            tracing::error!(error = ?err, "open311: the key could not be checked");
            t(state, locale, "open311-error-unavailable")
        }
    };
    let res = error(format, e.status(), description);
    match e.retry_after() {
        Some(s) => super::with_retry_after(res, s),
        None => res,
    }
}

/// Read the body, up to [`BODY_MAX`]; `None` when it is longer.
async fn body(mut payload: web::Payload) -> Result<Option<Vec<u8>>, AppError> {
    let mut out = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::Unexpected(anyhow::anyhow!("body: {e}")))?;
        if out.len() + chunk.len() > BODY_MAX {
            return Ok(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Some(out))
}

/// POST /open311/v2/requests.{format}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let format = format_of(&path).ok_or(AppError::NotFound)?;
    let locale = locale(&state, &req);
    let bad = |description: String| error(format, StatusCode::BAD_REQUEST, description);
    let too_large = || {
        let mut res = error(
            format,
            StatusCode::PAYLOAD_TOO_LARGE,
            t_args(
                &state,
                locale,
                "open311-error-too-large",
                &[("max", (BODY_MAX as i64).into())],
            ),
        );
        // The rest of the body is not read: the connection cannot be reused.
        res.head_mut()
            .set_connection_type(actix_web::http::ConnectionType::Close);
        res
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > BODY_MAX) {
        return Ok(too_large());
    }
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    if form_type
        .as_deref()
        .is_some_and(|t| t != "application/x-www-form-urlencoded")
    {
        return Ok(bad(t(&state, locale, "open311-error-body")));
    }
    let Some(bytes) = body(payload).await? else {
        return Ok(too_large());
    };
    let (Some(mut params), Some(query)) = (
        std::str::from_utf8(&bytes).ok().and_then(super::params),
        super::params(req.query_string()),
    ) else {
        return Ok(bad(t(&state, locale, "open311-error-body")));
    };
    // The key may come in the query string too (some clients put it there).
    params.extend(query);
    if params.len() > PARAMS_MAX {
        return Ok(bad(t_args(
            &state,
            locale,
            "open311-error-too-many",
            &[
                ("name", "parameters".into()),
                ("max", (PARAMS_MAX as i64).into()),
            ],
        )));
    }
    let partner =
        match api_key::authenticate(&state, &req, param(&params, "api_key"), Scope::Submit).await {
            Ok(p) => p,
            Err(e) => return Ok(key_refused(&state, locale, format, &e)),
        };
    let Ok(idem) = idempotency_key(&req, &params) else {
        return Ok(bad(t(&state, locale, "open311-error-idempotency-key")));
    };
    let now = state.now();
    let draft_id = draft_id(&state, partner.id, idem.as_deref())?;
    let key = crate::routes::reports::access_key(&state, &draft_id, &receipt(partner.id));
    let notice = t(&state, locale, "open311-notice");
    let answer = |code: &str| {
        respond(
            &view::created(code, &notice, &key.to_string()),
            format,
            StatusCode::OK,
        )
    };
    let Some(service_code) = param(&params, "service_code") else {
        return Ok(bad(t(&state, locale, "open311-error-service-code-missing")));
    };
    let content = state.content();
    if content.taxonomy.category(service_code).is_none() {
        return Ok(unknown_service(&state, locale, format, service_code));
    }
    let mut problems = Vec::new();
    let mut answers = Answers {
        kind: attribute(&params, ATTR_KIND).unwrap_or_default().to_owned(),
        category: service_code.to_owned(),
        description: param(&params, "description").unwrap_or_default().to_owned(),
        place: attribute(&params, ATTR_PLACE)
            .or_else(|| param(&params, "address_string"))
            .unwrap_or_default()
            .to_owned(),
        agency: attribute(&params, ATTR_AGENCY)
            .unwrap_or_default()
            .to_owned(),
        privacy: attribute(&params, ATTR_PRIVACY)
            .unwrap_or_default()
            .to_owned(),
        name: [param(&params, "first_name"), param(&params, "last_name")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        email: param(&params, "email").unwrap_or_default().to_owned(),
        phone: param(&params, "phone").unwrap_or_default().to_owned(),
        notify: attribute(&params, ATTR_NOTIFY)
            .unwrap_or_default()
            .to_owned(),
        consent: attribute(&params, ATTR_CONSENT)
            .unwrap_or_default()
            .to_owned(),
        behalf: "self".to_owned(),
        ..Answers::default()
    };
    answers.title = attribute(&params, ATTR_TITLE)
        .map_or_else(|| title_from(&answers.description), str::to_owned);
    // The form asks whether to keep text that looks like personal data; a partner's
    // system cannot be asked, so it is kept and flagged for staff (as "keep" on the form).
    answers.personal_data_choice = "keep".to_owned();
    answers.personal_data_kept = answers.text_fingerprint();
    // Where: the attributes, else the regency (and its province) the address names.
    match (
        attribute(&params, ATTR_REGENCY),
        param(&params, "address_string"),
    ) {
        (Some(regency), _) => {
            answers.regency = regency.to_owned();
            answers.province = attribute(&params, ATTR_PROVINCE)
                .map(str::to_owned)
                .unwrap_or_else(|| regency.split('.').next().unwrap_or_default().to_owned());
        }
        (None, Some(address)) => match regency_of_address(&content, address) {
            Ok(Some(code)) => {
                answers.province = code.split('.').next().unwrap_or_default().to_owned();
                answers.regency = code;
            }
            Ok(None) => problems.push(t(&state, locale, "open311-error-location")),
            Err(()) => problems.push(t(&state, locale, "open311-error-address-ambiguous")),
        },
        (None, None) => problems.push(t(&state, locale, "open311-error-location")),
    }
    let today = deadlines::today(now);
    let (day, month, year) = match attribute(&params, ATTR_OCCURRED) {
        Some(v) => date_parts(v),
        None => (
            today.day().to_string(),
            u8::from(today.month()).to_string(),
            today.year().to_string(),
        ),
    };
    (answers.day, answers.month, answers.year) = (day, month, year);
    let point = match (param(&params, "lat"), param(&params, "long")) {
        (None, None) => None,
        (Some(lat), Some(long)) => match (lat.parse::<f64>(), long.parse::<f64>()) {
            (Ok(lat), Ok(long))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long) =>
            {
                Some((lat, long))
            }
            _ => {
                problems.push(t(&state, locale, "open311-error-lat-long"));
                None
            }
        },
        _ => {
            problems.push(t(&state, locale, "open311-error-lat-long"));
            None
        }
    };
    let media: Vec<&str> = params
        .iter()
        .filter(|(k, v)| k == "media_url" && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
        .collect();
    if media.len() > MEDIA_URLS_MAX
        || media.iter().any(|u| {
            u.len() > MEDIA_URL_MAX
                || !(u.starts_with("https://") || u.starts_with("http://"))
                || u.chars().any(char::is_whitespace)
        })
    {
        problems.push(t(&state, locale, "open311-error-media-url"));
    }
    // The form's own checks, step by step, named by parameter.
    let mut errors_found = FormErrors::default();
    for step in [
        Step::Kind,
        Step::Details,
        Step::Province,
        Step::Place,
        Step::Date,
        Step::Agency,
        Step::Privacy,
        Step::About,
    ] {
        for e in answers.check_step(step, &content, today).iter() {
            errors_found.add_with(e.field, e.message_id, e.args.clone());
        }
    }
    for e in errors_found.iter() {
        let args: Vec<(&str, fluent_templates::fluent_bundle::FluentValue<'_>)> =
            e.args.iter().map(|(k, v)| (*k, (*v).into())).collect();
        let message = t_args(&state, locale, e.message_id, &args);
        problems.push(t_args(
            &state,
            locale,
            "open311-error-field",
            &[
                ("param", param_of(e.field).into()),
                ("message", message.into()),
            ],
        ));
    }
    if !problems.is_empty() {
        return Ok(errors(format, StatusCode::BAD_REQUEST, problems));
    }
    let report = match answers.parse(&content, today) {
        Ok(r) => r,
        Err(step) => {
            // Every step was checked above; say which one still fails rather than panic.
            return Ok(bad(step.slug().to_owned()));
        }
    };

    // A retry: the same request is answered as the first was (only a request that
    // passed the checks takes its key, so a refused one can be corrected and sent again).
    if let Some(k) = &idem {
        match partners::take_idempotency_key(&state.db, partner.id, k, &fingerprint(&params), now)
            .await
        {
            Ok(Idempotency::Conflict) => {
                return Ok(error(
                    format,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    t(&state, locale, "open311-error-idempotency-conflict"),
                ));
            }
            Ok(Idempotency::Same(Some(report_id))) => {
                return Ok(match partners::report_code(&state.db, report_id).await {
                    Ok(Some(code)) => answer(&code),
                    Ok(None) => unavailable(
                        &state,
                        locale,
                        format,
                        &anyhow::anyhow!("the report of an idempotency key is gone"),
                    ),
                    Err(e) => unavailable(&state, locale, format, &e),
                });
            }
            Ok(Idempotency::New | Idempotency::Same(None)) => {}
            Err(e) => return Ok(unavailable(&state, locale, format, &e)),
        }
    }

    // The draft (made once, sent once), then the web form's send.
    let lang = locale.tag.clone();
    match reports::draft(&state.db, &draft_id, now).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            if let Err(e) = reports::create_draft(&state.db, &draft_id, &lang, now).await {
                // A concurrent retry made it.
                if !matches!(reports::draft(&state.db, &draft_id, now).await, Ok(Some(_))) {
                    return Ok(unavailable(&state, locale, format, &e));
                }
            }
            if let Err(e) = reports::save_answers(&state.db, &draft_id, &answers, now).await {
                return Ok(unavailable(&state, locale, format, &e));
            }
        }
        Err(e) => return Ok(unavailable(&state, locale, format, &e)),
    }
    let origin = Origin {
        channel: Channel::Partner,
        partner_id: Some(partner.id),
        filed_by_staff_id: None,
    };
    let sent = match sending::send(
        &state.db,
        None,
        &draft_id,
        &report,
        origin,
        &key.hash(),
        &lang,
        false,
        now,
    )
    .await
    {
        Ok(sent) => sent,
        Err(SendError::RateLimited(wait)) => {
            return Ok(key_refused(
                &state,
                locale,
                format,
                &KeyError::RateLimited(wait),
            ));
        }
        Err(SendError::NoDraft) => {
            return Ok(unavailable(
                &state,
                locale,
                format,
                &anyhow::anyhow!("the partner's draft is gone"),
            ));
        }
        Err(SendError::Other(e)) => return Ok(unavailable(&state, locale, format, &e)),
    };
    if !sent.repeated {
        let media_text = (!media.is_empty()).then(|| media.join("\n"));
        let extras =
            partners::set_report_extras(&state.db, sent.report_id, point, media_text.as_deref())
                .await;
        let audit = partners::record(
            &state.db,
            partner.id,
            PartnerEvent::ReportCreated,
            Some(sent.report_id),
            None,
            now,
        )
        .await;
        if let Err(e) = extras.and(audit) {
            // The report is made and durable; what is missing is said in the log.
            tracing::error!(error = ?e, report = sent.report_id, "open311: extras or audit not stored");
        }
    }
    if let Some(k) = &idem
        && let Err(e) =
            partners::set_idempotent_report(&state.db, partner.id, k, sent.report_id).await
    {
        tracing::error!(error = ?e, report = sent.report_id, "open311: idempotency key not linked");
    }
    tracing::info!(
        report = sent.report_id,
        partner = partner.id,
        repeated = sent.repeated,
        "open311 report sent"
    );
    Ok(answer(sent.code.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_first_line_and_fit() {
        assert_eq!(title_from("\n  Jalan rusak  \nlagi"), "Jalan rusak");
        let long = "a".repeat(400);
        let t = title_from(&long);
        assert_eq!(t.chars().count(), TITLE_MAX);
        assert!(t.ends_with('…'));
    }

    #[test]
    fn dates_split_into_the_forms_fields() {
        assert_eq!(
            date_parts("2026-01-31"),
            ("31".into(), "01".into(), "2026".into())
        );
        assert_eq!(
            date_parts("2026-01-31T10:00:00Z"),
            ("31".into(), "01".into(), "2026".into())
        );
        assert_eq!(
            date_parts("31/01/2026"),
            (String::new(), String::new(), String::new())
        );
        assert_eq!(
            date_parts("é"),
            (String::new(), String::new(), String::new())
        );
    }

    #[test]
    fn fingerprints_ignore_order_and_the_key() {
        let a = vec![
            ("a".into(), "1".into()),
            ("api_key".into(), "x".into()),
            ("b".into(), "2".into()),
        ];
        let b = vec![
            ("b".into(), "2".into()),
            ("a".into(), "1".into()),
            ("api_key".into(), "y".into()),
        ];
        assert_eq!(fingerprint(&a), fingerprint(&b));
        let c = vec![("a".into(), "1".into()), ("b".into(), "3".into())];
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }
}
