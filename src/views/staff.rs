//! The back office: sign-in, the queue, a case with its actions, accounts and the audit log.

use super::PageCtx;
use super::components::{Input, OptionGroup, Select, error_message, error_summary, textarea};
use super::dates::{format_date, format_moment};
use super::layout::{Title, page};
use super::reports::photo_url;
use crate::domain::access::{ReporterDetails, Staff};
use crate::domain::case::{Event, Photo, Queue, Report};
use crate::domain::deadlines::{self, Due};
use crate::domain::report::Kind;
use crate::domain::staff::{Role, User};
use crate::domain::workflow::{Action, AuditEntry};
use crate::domain::{Code, FormErrors};
use maud::{Markup, html};
use time::Date;

/// The id of the sign-in form (the language switch submits it).
pub const SIGN_IN_FORM_ID: &str = "sign-in";

/// What the sign-in form carries (and its query).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
    /// Where to go after signing in (a back-office path).
    pub next: String,
    /// Why the last session ended: `idle`, `expired`, `disabled`, `signed-out`.
    pub reason: String,
    /// A form posted after the session ended (see [`KeptForm`]).
    pub kept: String,
    pub switch_lang: String,
}

/// A staff form that was posted after the session ended, kept to be confirmed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct KeptForm {
    /// The path it was posted to.
    pub action: String,
    /// Its fields, without the old CSRF token.
    pub fields: Vec<(String, String)>,
}

impl KeptForm {
    /// As a hidden field's value.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// From a hidden field's value; only forms of the back office.
    pub fn parse(s: &str) -> Option<Self> {
        let k: Self = serde_json::from_str(s).ok()?;
        let ok = k.action.starts_with('/')
            && k.action.contains("/staff/reports/")
            && k.action
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/-".contains(&b));
        ok.then_some(k)
    }
}

fn reason_message(reason: &str) -> Option<&'static str> {
    match reason {
        "idle" => Some("staff-ended-idle"),
        "expired" => Some("staff-ended-expired"),
        "disabled" => Some("staff-ended-disabled"),
        "signed-out" => Some("staff-ended-signed-out"),
        _ => None,
    }
}

/// Page: sign in.
pub fn sign_in(
    ctx: &PageCtx,
    input: &SignInInput,
    errors: &FormErrors,
    notice: Option<String>,
) -> Markup {
    let title = ctx.t("staff-sign-in-title");
    let reason = reason_message(&input.reason).map(|id| ctx.t(id));
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (error_summary(ctx, errors))
            @if let Some(n) = &notice {
                div.notice.notice--warning role="alert" tabindex="-1" autofocus[errors.is_empty()] { p { (n) } }
            }
            @if let Some(r) = &reason {
                div.notice role="status" { p { (r) } }
            }
            h1 { (title) }
            form #(SIGN_IN_FORM_ID) method="post" action=(ctx.url("/staff/sign-in")) novalidate {
                (Input { name: "email", label: "staff-email", hint: None, value: &input.email, kind: "email", autocomplete: Some("username"), class: None }.render(ctx, errors))
                (Input { name: "password", label: "staff-password", hint: None, value: "", kind: "password", autocomplete: Some("current-password"), class: None }.render(ctx, errors))
                input type="hidden" name="next" value=(input.next);
                input type="hidden" name="kept" value=(input.kept);
                button.button type="submit" { (ctx.t("staff-sign-in-button")) }
            }
            p { (ctx.t("staff-sign-in-help")) }
        },
    )
}

/// Page: after signing in again, the form that was posted when the session had ended,
/// filled in, for the person to check and send.
pub fn confirm_kept(ctx: &PageCtx, kept: &KeptForm, csrf: &str) -> Markup {
    let title = ctx.t("staff-kept-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (ctx.t("staff-kept-text")) }
            form method="post" action=(kept.action) {
                @for (name, value) in &kept.fields {
                    @if let Some(label) = kept_label(name) {
                        div.field {
                            label for=(format!("kept-{name}")) { (ctx.t(label)) }
                            textarea id=(format!("kept-{name}")) name=(name) rows="5" { (value) }
                        }
                    } @else {
                        input type="hidden" name=(name) value=(value);
                    }
                }
                input type="hidden" name="csrf" value=(csrf);
                button.button type="submit" { (ctx.t("staff-kept-send")) }
            }
            p { a href=(ctx.url("/staff")) { (ctx.t("staff-kept-discard")) } }
        },
    )
}

/// Component: the back office's own navigation and the sign-out button.
pub fn staff_bar(ctx: &PageCtx, staff: &Staff) -> Markup {
    let user = &staff.session.user;
    html! {
        div.staff-bar {
            p {
                (ctx.t_args("staff-signed-in-as", &[("name", user.name.clone().into()), ("role", ctx.t(staff.role.message_id()).into())]))
            }
            nav aria-label=(ctx.t("staff-nav-label")) {
                ul {
                    li { a href=(ctx.url("/staff")) { (ctx.t("staff-nav-queue")) } }
                    @if staff.role != Role::Officer {
                        li { a href=(ctx.url("/staff/workshops")) { (ctx.t("staff-nav-workshops")) } }
                    }
                    @if staff.role == Role::Admin {
                        li { a href=(ctx.url("/staff/accounts")) { (ctx.t("staff-nav-accounts")) } }
                    }
                }
            }
            form method="post" action=(ctx.url("/staff/sign-out")) {
                input type="hidden" name="csrf" value=(staff.session.csrf);
                button.button.button--secondary type="submit" { (ctx.t("staff-sign-out")) }
            }
        }
    }
}

/// Query of the queue.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub list: String,
    pub category: String,
    pub province: String,
    pub agency: String,
    pub kind: String,
}

/// The deadline that applies to a report now, if any.
pub fn current_deadline(ctx: &PageCtx, r: &Report) -> Option<Date> {
    let cal = &ctx.content.holidays;
    let due = Due::of(r.created_at.date(), r.routed_at.map(|t| t.date()), cal);
    match r.status.as_str() {
        "submitted" | "verified" if !r.held => Some(due.verify_by),
        "routed" | "in-progress" => {
            let postponed = r.postponed_until.as_deref().and_then(|d| {
                Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok()
            });
            match (due.answer_by, postponed) {
                (Some(a), Some(p)) => Some(a.max(p)),
                (a, p) => a.or(p),
            }
        }
        _ => None,
    }
}

/// Working days a report is past its deadline (0 when it is not).
pub fn overdue_by(ctx: &PageCtx, r: &Report, today: Date) -> i64 {
    current_deadline(ctx, r).map_or(0, |d| {
        deadlines::working_days_between(d, today, &ctx.content.holidays)
    })
}

fn status_text(ctx: &PageCtx, r: &Report) -> String {
    if r.held {
        ctx.t("staff-status-held")
    } else {
        ctx.t(r.status.message_id())
    }
}

fn area(ctx: &PageCtx, r: &Report) -> String {
    let c = &ctx.content;
    let regency = c
        .areas
        .regency(&r.regency)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let province = c
        .areas
        .province(&r.province)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    format!("{regency}, {province}")
}

fn agency_name(ctx: &PageCtx, slug: Option<&str>) -> String {
    let c = &ctx.content;
    slug.and_then(|a| c.taxonomy.agency(a, &c.areas))
        .map_or_else(
            || ctx.t("report-agency-not-yet"),
            |a| a.name(&ctx.locale.tag).to_owned(),
        )
}

fn deadline_text(ctx: &PageCtx, r: &Report, today: Date) -> String {
    match current_deadline(ctx, r) {
        None => ctx.t("staff-no-deadline"),
        Some(d) => {
            let late = deadlines::working_days_between(d, today, &ctx.content.holidays);
            if late > 0 {
                ctx.t_args(
                    "staff-overdue-by",
                    &[("date", format_date(ctx, d).into()), ("days", late.into())],
                )
            } else {
                ctx.t_args("staff-due-on", &[("date", format_date(ctx, d).into())])
            }
        }
    }
}

/// Page: the queue.
pub fn queue(
    ctx: &PageCtx,
    staff: &Staff,
    list: Queue,
    q: &QueueQuery,
    rows: &[Report],
    today: Date,
) -> Markup {
    let title = ctx.t("staff-queue-title");
    let c = &ctx.content;
    let lang = ctx.locale.tag.as_str();
    let list_url = |l: Queue| ctx.url(&format!("/staff?list={}", l.as_str()));
    let heading = ctx.t_args(
        "staff-queue-heading",
        &[
            ("list", ctx.t(list.message_id()).into()),
            ("count", rows.len().into()),
        ],
    );
    let e = FormErrors::default();
    let plain = |options: Vec<(String, String)>| {
        [OptionGroup {
            label: None,
            options,
        }]
    };
    html! {
        (page(ctx, Title { name: &title, error: false }, html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            nav.staff-lists aria-label=(ctx.t("staff-lists-label")) {
                ul {
                    @for l in Queue::ALL {
                        @if staff.role != Role::Officer || !matches!(l, Queue::New | Queue::Held) {
                            li { a href=(list_url(*l)) aria-current=[(*l == list).then_some("page")] { (ctx.t(l.message_id())) } }
                        }
                    }
                }
            }
            form.filters method="get" action=(ctx.url("/staff")) {
                input type="hidden" name="list" value=(list.as_str());
                (Select { name: "category", label: &ctx.t("report-category-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.taxonomy.categories.iter().map(|x| (x.slug.clone(), x.name(lang).to_owned())).collect()), selected: &q.category }.render(ctx, &e))
                (Select { name: "province", label: &ctx.t("report-province-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.areas.provinces().map(|p| (p.code.clone(), p.name.clone())).collect()), selected: &q.province }.render(ctx, &e))
                @if staff.role != Role::Officer {
                    (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.taxonomy.national.iter().map(|x| (x.slug.clone(), x.name(lang).to_owned())).collect()), selected: &q.agency }.render(ctx, &e))
                }
                (Select { name: "kind", label: &ctx.t("report-check-kind"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(Kind::ALL.iter().map(|k| (k.as_str().to_owned(), ctx.t(k.message_id()))).collect()), selected: &q.kind }.render(ctx, &e))
                button.button.button--secondary type="submit" { (ctx.t("staff-filter-apply")) }
            }
            h2 { (heading) }
            @if rows.is_empty() {
                p { (ctx.t("staff-queue-empty")) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-label=(heading) {
                    table {
                        caption.visually-hidden { (heading) }
                        thead { tr {
                            th scope="col" { (ctx.t("staff-col-report")) }
                            th scope="col" { (ctx.t("report-check-status")) }
                            th scope="col" { (ctx.t("report-where")) }
                            th scope="col" { (ctx.t("report-agency-label")) }
                            th scope="col" { (ctx.t("staff-col-deadline")) }
                        } }
                        tbody {
                            @for r in rows {
                                @let code = Code::parse(&r.code).map(|c| c.to_string()).unwrap_or_default();
                                tr {
                                    td { a href=(ctx.url(&format!("/staff/reports/{}", r.id))) data-source="data" { (r.title) } br; span.hint { (code) " · " (ctx.t(r.kind.message_id())) } }
                                    td { (status_text(ctx, r)) }
                                    td { (area(ctx, r)) }
                                    td { (agency_name(ctx, r.agency.as_deref())) }
                                    td { @if overdue_by(ctx, r, today) > 0 { strong { (deadline_text(ctx, r, today)) } } @else { (deadline_text(ctx, r, today)) } }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// What a case page shows.
pub struct CasePage<'a> {
    pub staff: &'a Staff,
    pub report: &'a Report,
    pub photos: &'a [Photo],
    pub events: &'a [Event],
    pub audit: &'a [AuditEntry],
    /// The action whose form failed (its form shows the errors and the kept text).
    pub failed: Option<Action>,
    pub form: &'a ActionForm,
    pub errors: &'a FormErrors,
    pub notice: Option<String>,
    pub today: Date,
    /// Who sent the report, as far as this member of staff may see it.
    pub reporter: Option<ReporterDetails<'a>>,
    /// The actions the role may take on the report as it is.
    pub actions: &'a [Action],
}

/// What an action form sends.
#[derive(Debug, Default, Clone)]
pub struct ActionForm {
    pub csrf: String,
    pub version: String,
    pub text: String,
    pub agency: String,
    pub title: String,
    pub description: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub photo: String,
}

impl ActionForm {
    /// From the posted fields (unknown ones ignored; a repeated field keeps the last).
    pub fn from_fields(fields: &[(String, String)]) -> Self {
        let mut f = Self::default();
        for (k, v) in fields {
            let slot = match k.as_str() {
                "csrf" => &mut f.csrf,
                "version" => &mut f.version,
                "text" => &mut f.text,
                "agency" => &mut f.agency,
                "title" => &mut f.title,
                "description" => &mut f.description,
                "day" => &mut f.day,
                "month" => &mut f.month,
                "year" => &mut f.year,
                "photo" => &mut f.photo,
                _ => continue,
            };
            v.clone_into(slot);
        }
        f
    }
}

/// Page: one case.
pub fn case(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let r = p.report;
    let code = Code::parse(&r.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let title = ctx.t_args("staff-case-title", &[("code", code.clone().into())]);
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let none = ctx.t("report-answer-none");
    let actions = p.actions;
    page(
        ctx,
        Title {
            name: &title,
            error: !p.errors.is_empty(),
        },
        html! {
            (staff_bar(ctx, p.staff))
            @if !p.errors.is_empty() {
                // Like `error_summary`, but a text field's id names its action (several
                // forms on one page each have a text).
                div.error-summary tabindex="-1" autofocus {
                    div role="alert" {
                        h2.error-summary__title { (ctx.t("form-error-summary-title")) }
                        ul {
                            @for e in p.errors.iter() {
                                @let target = match (e.field, p.failed) {
                                    ("text", Some(a)) => format!("#text-{}", a.as_str()),
                                    (f, _) => format!("#{f}"),
                                };
                                li { a href=(target) { (super::components::error_text(ctx, e)) } }
                            }
                        }
                    }
                }
            }
            @if let Some(n) = &p.notice {
                div.notice role="status" tabindex="-1" autofocus[p.errors.is_empty()] { p { (n) } }
            }
            h1 { (title) }
            dl.summary-list {
                div { dt { (ctx.t("report-check-status")) } dd { strong { (status_text(ctx, r)) } } }
                div { dt { (ctx.t("staff-col-deadline")) } dd { (deadline_text(ctx, r, p.today)) } }
                div { dt { (ctx.t("report-check-kind")) } dd { (ctx.t(r.kind.message_id())) } }
                div { dt { (ctx.t("report-category-label")) } dd { (c.taxonomy.category(&r.category).map(|x| x.name(lang).to_owned()).unwrap_or_default()) } }
                div { dt { (ctx.t("report-where")) } dd { (area(ctx, r)) } }
                @if let Some(place) = &r.place { div { dt { (ctx.t("report-place-label")) } dd data-source="data" { (place) } } }
                div { dt { (ctx.t("report-date-legend")) } dd { (Date::parse(&r.occurred_on, &time::format_description::well_known::Iso8601::DATE).map(|d| format_date(ctx, d)).unwrap_or_default()) } }
                div { dt { (ctx.t("report-agency-label")) } dd { (agency_name(ctx, r.agency.as_deref())) } }
                div { dt { (ctx.t("report-check-privacy")) } dd { (ctx.t(r.privacy.message_id())) } }
                div { dt { (ctx.t("report-sent-on")) } dd { (format_moment(ctx, r.created_at)) } }
                @if let Some(who) = p.reporter {
                    div { dt { (ctx.t("report-name-label")) } dd data-source="data" { (who.name.unwrap_or(&none)) } }
                    div { dt { (ctx.t("report-email-label")) } dd data-source="data" { (who.email.unwrap_or(&none)) } }
                    div { dt { (ctx.t("report-phone-label")) } dd data-source="data" { (who.phone.unwrap_or(&none)) } }
                    @if let Some(relationship) = who.on_behalf {
                        div { dt { (ctx.t("report-behalf-legend")) } dd data-source="data" { (ctx.t_args("report-check-behalf-other", &[("relationship", relationship.into())])) } }
                    }
                } @else {
                    div { dt { (ctx.t("report-name-label")) } dd { (ctx.t("staff-anonymous")) } }
                }
                @if let Some(rating) = r.rating {
                    div { dt { (ctx.t("staff-rating")) } dd { (rating) " / 5" @if let Some(cm) = &r.rating_comment { " · " span data-source="data" { (cm) } } } }
                }
            }
            @if r.personal_data_kept {
                div.notice.notice--warning { p { (ctx.t("staff-personal-data-kept")) } }
            }
            h2 { (ctx.t("report-title-label")) }
            p data-source="data" { (r.title) }
            h2 { (ctx.t("report-description-label")) }
            p.preserve-lines data-source="data" { (r.description) }
            @if p.staff.role == Role::Admin {
                @if let Some(orig) = &r.original_description {
                    details {
                        summary { (ctx.t("staff-original-text")) }
                        p data-source="data" { (r.original_title.clone().unwrap_or_default()) }
                        p.preserve-lines data-source="data" { (orig) }
                    }
                }
            }
            @if !p.photos.is_empty() {
                h2 { (ctx.t("report-check-photos")) }
                ul.photo-list {
                    @for (i, ph) in p.photos.iter().enumerate() {
                        @let alt = ph.description.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| ctx.t_args("report-photo-default-alt", &[("n", (i + 1).into())]));
                        li {
                            a href=(photo_url(&ph.id, "display")) { img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(alt); }
                            @if actions.contains(&Action::Describe) {
                                (action_form(ctx, p, Action::Describe, html! {
                                    input type="hidden" name="photo" value=(ph.id);
                                    // The photo whose description failed carries the id the error
                                    // summary links to, its message and what was typed.
                                    @let failed = p.failed == Some(Action::Describe) && p.form.photo == ph.id;
                                    @let id = if failed { "text-describe".to_owned() } else { format!("describe-{i}") };
                                    @let error = if failed { p.errors.get("text") } else { None };
                                    @let value = if failed { p.form.text.clone() } else { ph.description.clone().unwrap_or_default() };
                                    div.field.field--error[error.is_some()] {
                                        label for=(id) { (ctx.t_args("staff-photo-description", &[("n", (i + 1).into())])) }
                                        @if let Some(e) = error { (error_message(ctx, "text-describe-error", e)) }
                                        textarea id=(id) name="text" rows="2" aria-invalid=[error.map(|_| "true")]
                                            aria-describedby=[error.map(|_| "text-describe-error")] { (value) }
                                    }
                                }))
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t("staff-timeline")) }
            ol.timeline {
                @for ev in p.events {
                    li {
                        p {
                            strong { (ctx.t(ev.kind.message_id())) }
                            @if !ev.public { " " span.tag { (ctx.t("staff-internal")) } }
                            br;
                            (format_moment(ctx, ev.at)) " · " (ctx.t(ev.actor.message_id()))
                            @if let Some(a) = &ev.agency { " · " (agency_name(ctx, Some(a))) }
                        }
                        @if let Some(b) = &ev.body { p.preserve-lines data-source="data" { (b) } }
                    }
                }
            }
            h2 { (ctx.t("staff-actions")) }
            @if actions.is_empty() { p { (ctx.t("staff-no-actions")) } }
            @for a in actions.iter().filter(|a| **a != Action::Describe) {
                section.action aria-labelledby=(format!("action-{}", a.as_str())) {
                    h3 id=(format!("action-{}", a.as_str())) { (ctx.t(a.message_id())) }
                    (action_form(ctx, p, *a, action_fields(ctx, p, *a)))
                }
            }
            @if !p.audit.is_empty() {
                h2 { (ctx.t("staff-audit")) }
                (audit_table(ctx, p.audit))
            }
        },
    )
}

/// Component: the form of one action, with the token, the version and its button.
fn action_form(ctx: &PageCtx, p: &CasePage<'_>, a: Action, fields: Markup) -> Markup {
    let version = if p.failed == Some(a) && !p.form.version.is_empty() {
        p.form.version.clone()
    } else {
        p.report.version.to_string()
    };
    html! {
        form method="post" action=(ctx.url(&format!("/staff/reports/{}/{}", p.report.id, a.as_str()))) novalidate {
            (fields)
            input type="hidden" name="csrf" value=(p.staff.session.csrf);
            input type="hidden" name="version" value=(version);
            button.button.button--secondary[matches!(a, Action::Note | Action::Describe)] type="submit" { (ctx.t(a.button_message_id())) }
        }
    }
}

fn action_fields(ctx: &PageCtx, p: &CasePage<'_>, a: Action) -> Markup {
    let mine = p.failed == Some(a);
    let f = p.form;
    let empty = FormErrors::default();
    let e = if mine { p.errors } else { &empty };
    let val = |s: &str| if mine { s.to_owned() } else { String::new() };
    let r = p.report;
    let c = &ctx.content;
    let lang = ctx.locale.tag.as_str();
    // Each form has its own ids (several textareas on one page).
    let text_id = format!("text-{}", a.as_str());
    let text_field = |label: &str, hint: Option<&str>| {
        let err = e.get("text");
        let hint_id = format!("{text_id}-hint");
        let err_id = format!("{text_id}-error");
        let described: Vec<&str> = [hint.map(|_| hint_id.as_str()), err.map(|_| err_id.as_str())]
            .into_iter()
            .flatten()
            .collect();
        html! {
            div.field.field--error[err.is_some()] {
                label for=(text_id) { (ctx.t(label)) }
                @if let Some(h) = hint { p.hint id=(hint_id) { (ctx.t(h)) } }
                @if let Some(err) = err { (error_message(ctx, &err_id, err)) }
                textarea id=(text_id) name="text" rows="4" aria-invalid=[err.map(|_| "true")]
                    aria-describedby=[(!described.is_empty()).then(|| described.join(" "))] { (val(&f.text)) }
            }
        }
    };
    match a {
        Action::Reject => text_field("staff-field-reason", Some("staff-hint-reason-public")),
        Action::Archive => text_field("staff-field-reason", Some("staff-hint-reason-public")),
        Action::NotOurs => text_field("staff-field-reason", None),
        Action::AskInfo => text_field("staff-field-question", Some("staff-hint-question")),
        Action::Answer => text_field("staff-field-answer", Some("staff-hint-answer")),
        Action::Note => text_field("staff-field-note", Some("staff-hint-note")),
        Action::Route => {
            let regional =
                c.taxonomy
                    .regional_agencies(&r.province, Some(r.regency.as_str()), &c.areas);
            let groups = [
                OptionGroup {
                    label: Some(ctx.t("report-agency-regional")),
                    options: regional
                        .iter()
                        .map(|g| (g.slug.clone(), g.name(lang).to_owned()))
                        .collect(),
                },
                OptionGroup {
                    label: Some(ctx.t("report-agency-national")),
                    options: c
                        .taxonomy
                        .national
                        .iter()
                        .map(|g| (g.slug.clone(), g.name(lang).to_owned()))
                        .collect(),
                },
            ];
            let selected = if mine {
                f.agency.clone()
            } else {
                r.agency.clone().unwrap_or_default()
            };
            html! {
                (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: None, first: Some(&ctx.t("report-choose")), groups: &groups, selected: &selected }.render(ctx, e))
                (text_field("staff-field-route-note", Some("staff-hint-route-note")))
            }
        }
        Action::Postpone => {
            let err = e
                .get("day")
                .or_else(|| e.get("month"))
                .or_else(|| e.get("year"));
            html! {
                (text_field("staff-field-reason", Some("staff-hint-reason-public")))
                div.field.field--error[err.is_some()] {
                    fieldset role="group" aria-describedby=[err.map(|_| "until-error")] {
                        legend { (ctx.t("staff-field-until")) }
                        @if let Some(err) = err { (error_message(ctx, "until-error", err)) }
                        div.date-input {
                            div.date-part { label for="day" { (ctx.t("report-date-day")) } input #day.input--short type="text" inputmode="numeric" name="day" value=(val(&f.day)); }
                            div.date-part { label for="month" { (ctx.t("report-date-month")) } input #month.input--short type="text" inputmode="numeric" name="month" value=(val(&f.month)); }
                            div.date-part { label for="year" { (ctx.t("report-date-year")) } input #year.input--year type="text" inputmode="numeric" name="year" value=(val(&f.year)); }
                        }
                    }
                }
            }
        }
        Action::Edit => {
            let title = if mine {
                f.title.clone()
            } else {
                r.title.clone()
            };
            let description = if mine {
                f.description.clone()
            } else {
                r.description.clone()
            };
            html! {
                p.hint { (ctx.t("staff-hint-edit")) }
                (Input { name: "title", label: "report-title-label", hint: None, value: &title, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
                (textarea(ctx, "description", "report-description-label", None, &description, e))
            }
        }
        _ => html! {},
    }
}

/// Component: audit log entries.
fn audit_table(ctx: &PageCtx, entries: &[AuditEntry]) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t("staff-audit")) {
            table {
                thead { tr {
                    th scope="col" { (ctx.t("staff-audit-when")) }
                    th scope="col" { (ctx.t("staff-audit-who")) }
                    th scope="col" { (ctx.t("staff-audit-what")) }
                    th scope="col" { (ctx.t("staff-audit-report")) }
                    th scope="col" { (ctx.t("staff-audit-change")) }
                } }
                tbody {
                    @for a in entries {
                        tr {
                            td { (format_moment(ctx, a.at)) }
                            td { a href=(ctx.url(&format!("/staff/accounts/{}", a.user_id))) { (a.user_email) } }
                            td { (ctx.t(a.action.message_id())) }
                            td { @if let (Some(id), Some(code)) = (a.report_id, &a.report_code) { a href=(ctx.url(&format!("/staff/reports/{id}"))) { (code) } } }
                            td { (a.from_state.clone().unwrap_or_default()) " → " (a.to_state.clone().unwrap_or_default()) @if let Some(d) = &a.detail { " (" (d) ")" } }
                        }
                    }
                }
            }
        }
    }
}

/// Page: the accounts.
pub fn accounts(ctx: &PageCtx, staff: &Staff, users: &[User]) -> Markup {
    let title = ctx.t("staff-accounts-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            p { (ctx.t("staff-accounts-cli")) }
            div.table-wrap tabindex="0" role="region" aria-label=(title) {
                table {
                    thead { tr {
                        th scope="col" { (ctx.t("staff-email")) }
                        th scope="col" { (ctx.t("staff-col-name")) }
                        th scope="col" { (ctx.t("staff-col-role")) }
                        th scope="col" { (ctx.t("report-agency-label")) }
                        th scope="col" { (ctx.t("staff-col-state")) }
                    } }
                    tbody {
                        @for u in users {
                            tr {
                                td { a href=(ctx.url(&format!("/staff/accounts/{}", u.id))) { (u.email) } }
                                td { (u.name) }
                                td { (ctx.t(u.role.message_id())) }
                                td { (agency_name(ctx, u.agency.as_deref())) }
                                td { (ctx.t(if u.disabled { "staff-account-disabled" } else { "staff-account-active" })) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Page: one account and its audit log.
pub fn account(ctx: &PageCtx, staff: &Staff, user: &User, audit: &[AuditEntry]) -> Markup {
    let title = ctx.t_args(
        "staff-account-title",
        &[("email", user.email.clone().into())],
    );
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            dl.summary-list {
                div { dt { (ctx.t("staff-col-name")) } dd { (user.name) } }
                div { dt { (ctx.t("staff-col-role")) } dd { (ctx.t(user.role.message_id())) } }
                div { dt { (ctx.t("staff-col-state")) } dd { (ctx.t(if user.disabled { "staff-account-disabled" } else { "staff-account-active" })) } }
            }
            @if !user.disabled && user.id != staff.session.user.id {
                form method="post" action=(ctx.url(&format!("/staff/accounts/{}/disable", user.id))) {
                    input type="hidden" name="csrf" value=(staff.session.csrf);
                    button.button.button--warning type="submit" { (ctx.t("staff-account-disable")) }
                }
            }
            h2 { (ctx.t("staff-audit")) }
            @if audit.is_empty() { p { (ctx.t("staff-audit-empty")) } } @else { (audit_table(ctx, audit)) }
        },
    )
}

/// The label of a kept form's text field (`None`: a field kept hidden).
fn kept_label(name: &str) -> Option<&'static str> {
    match name {
        "text" => Some("staff-field-text"),
        "title" => Some("staff-field-title"),
        "description" => Some("staff-field-description"),
        _ => None,
    }
}
