//! One case: the report as the role may see it, its photos, timeline and audit log, and
//! the forms of the actions the role may take.

use super::{agency_name, area, audit_table, deadline_text, staff_bar, status_text};
use crate::domain::access::{ReporterDetails, Staff};
use crate::domain::case::{Event, Photo, Report};
use crate::domain::staff::Role;
use crate::domain::workflow::{Action, AuditEntry};
use crate::domain::{Code, FormErrors};
use crate::views::PageCtx;
use crate::views::components::{
    Input, OptionGroup, Select, agency_groups, error_message, textarea,
};
use crate::views::dates::{format_date, report_moment};
use crate::views::layout::{Title, page};
use crate::views::reports::photo_url;
use maud::{Markup, html};
use time::Date;

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
    /// Who brought the report in: the partner system's name, the staff member who filed
    /// it at the desk (issue #19; shown to staff only).
    pub origin: &'a crate::domain::desk::OriginNames,
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
    page(
        ctx,
        Title {
            name: &title,
            error: !p.errors.is_empty(),
        },
        html! {
            (staff_bar(ctx, p.staff))
            (case_error_summary(ctx, p))
            @if let Some(n) = &p.notice {
                div.notice role="status" tabindex="-1" autofocus[p.errors.is_empty()] { p { (n) } }
            }
            h1 { (title) }
            (summary_list(ctx, p))
            @if r.personal_data_kept {
                div.notice.notice--warning { p { (ctx.t("staff-personal-data-kept")) } }
            }
            (report_text(ctx, p))
            (photos_section(ctx, p))
            (timeline(ctx, p))
            (actions_section(ctx, p))
            @if !p.audit.is_empty() {
                h2 { (ctx.t("staff-audit")) }
                (audit_table(ctx, p.audit))
            }
        },
    )
}

/// Component: the error summary, whose links lead to the failed action's fields.
fn case_error_summary(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    html! {
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
                            li { a href=(target) { (crate::views::components::error_text(ctx, e)) } }
                        }
                    }
                }
            }
        }
    }
}

/// Component: the facts of the report (status, deadline, kind, place, reporter...).
fn summary_list(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let r = p.report;
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    html! {
        dl.summary-list {
            div { dt { (ctx.t("report-check-status")) } dd { strong { (status_text(ctx, r)) } } }
            div { dt { (ctx.t("staff-col-deadline")) } dd { (deadline_text(ctx, r, p.today)) } }
            @if let (Some(at), crate::domain::case::Status::Closed) = (r.reopen_requested_at, r.status) {
                div { dt { (ctx.t("staff-reopen-requested")) } dd { (report_moment(ctx, r, at)) } }
            }
            div { dt { (ctx.t("report-check-kind")) } dd { (ctx.t(r.kind.message_id())) } }
            div { dt { (ctx.t("report-category-label")) } dd { (c.taxonomy.category(&r.category).map(|x| x.name(lang).to_owned()).unwrap_or_default()) } }
            div { dt { (ctx.t("report-where")) } dd { (area(ctx, r)) } }
            @if let Some(place) = &r.place { div { dt { (ctx.t("report-place-label")) } dd data-source="data" { (place) } } }
            div { dt { (ctx.t("report-date-legend")) } dd { (Date::parse(&r.occurred_on, &time::format_description::well_known::Iso8601::DATE).map(|d| format_date(ctx, d)).unwrap_or_default()) } }
            div { dt { (ctx.t("report-agency-label")) } dd { (agency_name(ctx, r.agency.as_deref())) } }
            div { dt { (ctx.t("report-check-privacy")) } dd { (ctx.t(r.privacy.message_id())) } }
            div { dt { (ctx.t("report-sent-on")) } dd { (report_moment(ctx, r, r.created_at)) } }
            div { dt { (ctx.t("staff-filter-channel")) } dd {
                (ctx.t(r.channel.message_id()))
                @if let Some(partner) = &p.origin.partner { " · " span data-source="data" { (partner) } }
            } }
            @if let Some(filer) = &p.origin.filed_by {
                div { dt { (ctx.t("staff-desk-filed-by")) } dd data-source="data" { (filer) } }
            }
            @if let Some(at) = r.desk_consent_at {
                div { dt { (ctx.t("staff-desk-consent")) } dd { (ctx.t_args("staff-desk-consent-given", &[("date", report_moment(ctx, r, at).into())])) } }
            }
            (reporter_rows(ctx, p))
            @if let Some(rating) = r.rating {
                div { dt { (ctx.t("staff-rating")) } dd { (rating) " / 5" @if let Some(cm) = &r.rating_comment { " · " span data-source="data" { (cm) } } } }
            }
        }
    }
}

/// Rows of the summary list: who sent the report, as far as this member of staff may see.
fn reporter_rows(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let none = ctx.t("report-answer-none");
    html! {
        @if let Some(who) = p.reporter {
            div { dt { (ctx.t("report-name-label")) } dd data-source="data" { (who.name.unwrap_or(&none)) } }
            div { dt { (ctx.t("report-email-label")) } dd data-source="data" { (who.email.unwrap_or(&none)) } }
            div { dt { (ctx.t("report-phone-label")) } dd data-source="data" { (who.phone.unwrap_or(&none)) } }
            @if let Some(relationship) = who.on_behalf {
                div { dt { (ctx.t("report-behalf-legend")) } dd data-source="data" { (ctx.t_args("report-check-behalf-other", &[("relationship", relationship.into())])) } }
                @if let Some(at) = p.report.behalf_consent_at {
                    div { dt { (ctx.t("staff-behalf-consent")) } dd { (ctx.t_args("staff-behalf-consent-given", &[("date", report_moment(ctx, p.report, at).into())])) } }
                }
            }
        } @else {
            div { dt { (ctx.t("report-name-label")) } dd { (ctx.t("staff-anonymous")) } }
        }
    }
}

/// Component: the title and description, and for admins the original text.
fn report_text(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let r = p.report;
    html! {
        h2 { (ctx.t("report-title-label")) }
        p data-source="data" lang=[r.text_lang.as_deref()] { (r.title) }
        h2 { (ctx.t("report-description-label")) }
        p.preserve-lines data-source="data" lang=[r.text_lang.as_deref()] { (r.description) }
        @if p.staff.role == Role::Admin {
            @if let Some(orig) = &r.original_description {
                details {
                    summary { (ctx.t("staff-original-text")) }
                    p data-source="data" { (r.original_title.clone().unwrap_or_default()) }
                    p.preserve-lines data-source="data" { (orig) }
                }
            }
        }
    }
}

/// Component: the photos, each with the form that describes it when the role may.
fn photos_section(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    html! {
        @if !p.photos.is_empty() {
            h2 { (ctx.t("report-check-photos")) }
            ul.photo-list {
                @for (i, ph) in p.photos.iter().enumerate() {
                    @let alt = ph.description.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| ctx.t_args("report-photo-default-alt", &[("n", (i + 1).into())]));
                    li {
                        a href=(photo_url(&ph.id, "display")) { img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(alt); }
                        @if p.actions.contains(&Action::Describe) {
                            (action_form(ctx, p, Action::Describe, describe_fields(ctx, p, i, ph)))
                        }
                    }
                }
            }
        }
    }
}

/// Fields: the description of photo number `i + 1`.
fn describe_fields(ctx: &PageCtx, p: &CasePage<'_>, i: usize, ph: &Photo) -> Markup {
    // The photo whose description failed carries the id the error summary links to, its
    // message and what was typed.
    let failed = p.failed == Some(Action::Describe) && p.form.photo == ph.id;
    let id = if failed {
        "text-describe".to_owned()
    } else {
        format!("describe-{i}")
    };
    let error = if failed { p.errors.get("text") } else { None };
    let value = if failed {
        p.form.text.clone()
    } else {
        ph.description.clone().unwrap_or_default()
    };
    html! {
        input type="hidden" name="photo" value=(ph.id);
        div.field.field--error[error.is_some()] {
            label for=(id) { (ctx.t_args("staff-photo-description", &[("n", (i + 1).into())])) }
            @if let Some(e) = error { (error_message(ctx, "text-describe-error", e)) }
            textarea id=(id) name="text" rows="2" aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| "text-describe-error")] { (value) }
        }
    }
}

/// Component: the timeline of the case's events, internal ones marked.
fn timeline(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    html! {
        h2 { (ctx.t("staff-timeline")) }
        ol.timeline {
            @for ev in p.events {
                li {
                    p {
                        strong { (ctx.t(ev.kind.message_id())) }
                        // Not public: seen by staff only, or by staff and the reporter (a
                        // question, the reporter's answer, a rating, a request to reopen).
                        @if !ev.public && crate::domain::case::EventKind::WITH_REPORTER.contains(&ev.kind) {
                            " " span.tag { (ctx.t("staff-visibility-reporter")) }
                        } @else if !ev.public {
                            " " span.tag { (ctx.t("staff-internal")) }
                        }
                        br;
                        (report_moment(ctx, p.report, ev.at)) " · " (ctx.t(ev.actor.message_id()))
                        @if let Some(a) = &ev.agency { " · " (agency_name(ctx, Some(a))) }
                    }
                    @if let Some(b) = &ev.body { (crate::views::track::event_body(ctx, ev.kind, b)) }
                }
            }
        }
    }
}

/// Component: one section per action the role may take (describing is on each photo).
fn actions_section(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    html! {
        h2 { (ctx.t("staff-actions")) }
        @if p.actions.is_empty() { p { (ctx.t("staff-no-actions")) } }
        @for a in p.actions.iter().filter(|a| **a != Action::Describe) {
            section.action aria-labelledby=(format!("action-{}", a.as_str())) {
                h3 id=(format!("action-{}", a.as_str())) { (ctx.t(a.message_id())) }
                (action_form(ctx, p, *a, action_fields(ctx, p, *a)))
            }
        }
    }
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

/// The errors the form of action `a` shows: only those of the action that failed.
fn errors_of<'a>(p: &CasePage<'a>, a: Action) -> &'a FormErrors {
    if p.failed == Some(a) {
        p.errors
    } else {
        FormErrors::none()
    }
}

/// What the form of action `a` shows in a field: what was typed if that action failed.
fn kept(p: &CasePage<'_>, a: Action, typed: &str) -> String {
    if p.failed == Some(a) {
        typed.to_owned()
    } else {
        String::new()
    }
}

/// Fields: those of action `a` (none for the actions that are only a button).
fn action_fields(ctx: &PageCtx, p: &CasePage<'_>, a: Action) -> Markup {
    match a {
        Action::Reject => text_field(
            ctx,
            p,
            a,
            "staff-field-reason",
            Some("staff-hint-reason-public"),
        ),
        Action::Archive => text_field(
            ctx,
            p,
            a,
            "staff-field-reason",
            Some("staff-hint-reason-public"),
        ),
        Action::NotOurs => text_field(ctx, p, a, "staff-field-reason", None),
        Action::KeepClosed => text_field(
            ctx,
            p,
            a,
            "staff-field-reason",
            Some("staff-hint-keep-closed"),
        ),
        Action::AskInfo => text_field(
            ctx,
            p,
            a,
            "staff-field-question",
            Some("staff-hint-question"),
        ),
        Action::Answer => text_field(ctx, p, a, "staff-field-answer", Some("staff-hint-answer")),
        Action::Note => text_field(ctx, p, a, "staff-field-note", Some("staff-hint-note")),
        Action::Route => route_fields(ctx, p),
        Action::Postpone => postpone_fields(ctx, p),
        Action::Edit => edit_fields(ctx, p),
        _ => html! {},
    }
}

/// Field: the text of action `a`, with ids of its own (several forms on one page have one).
fn text_field(
    ctx: &PageCtx,
    p: &CasePage<'_>,
    a: Action,
    label: &str,
    hint: Option<&str>,
) -> Markup {
    let err = errors_of(p, a).get("text");
    let text_id = format!("text-{}", a.as_str());
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
                aria-describedby=[(!described.is_empty()).then(|| described.join(" "))] { (kept(p, a, &p.form.text)) }
        }
    }
}

/// Fields: the agency to route the report to, and a note.
fn route_fields(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let r = p.report;
    let mut groups = agency_groups(ctx, &r.province, Some(r.regency.as_str()));
    // A barrier of the portal itself (`routes::barrier`) has no area: its operator is
    // offered instead of the regional governments.
    if r.agency.as_deref() == Some(crate::content::taxonomy::OPERATOR)
        && let Some(op) = ctx
            .content
            .taxonomy
            .agency(crate::content::taxonomy::OPERATOR, &ctx.content.areas)
    {
        groups[0] = OptionGroup {
            label: None,
            options: vec![(op.slug.clone(), op.name(&ctx.locale.tag).to_owned())],
        };
    }
    let selected = if p.failed == Some(Action::Route) {
        p.form.agency.clone()
    } else {
        r.agency.clone().unwrap_or_default()
    };
    html! {
        (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: None, first: Some(&ctx.t("report-choose")), groups: &groups, selected: &selected }.render(ctx, errors_of(p, Action::Route)))
        (text_field(ctx, p, Action::Route, "staff-field-route-note", Some("staff-hint-route-note")))
    }
}

/// Fields: the reason to postpone, and the date until when.
fn postpone_fields(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let a = Action::Postpone;
    let f = p.form;
    let e = errors_of(p, a);
    let err = e
        .get("day")
        .or_else(|| e.get("month"))
        .or_else(|| e.get("year"));
    // The part in error is invalid; a date that is whole but not after today, all three.
    let whole = err.is_some_and(|x| x.message_id == "staff-error-until-past");
    let invalid = |part: &str| (whole || e.get(part).is_some()).then_some("true");
    html! {
        (text_field(ctx, p, a, "staff-field-reason", Some("staff-hint-reason-public")))
        div.field.field--error[err.is_some()] {
            fieldset role="group" aria-describedby=[err.map(|_| "until-error")] {
                legend { (ctx.t("staff-field-until")) }
                @if let Some(err) = err { (error_message(ctx, "until-error", err)) }
                div.date-input {
                    div.date-part { label for="day" { (ctx.t("report-date-day")) } input #day.input--short type="text" inputmode="numeric" name="day" value=(kept(p, a, &f.day)) aria-invalid=[invalid("day")]; }
                    div.date-part { label for="month" { (ctx.t("report-date-month")) } input #month.input--short type="text" inputmode="numeric" name="month" value=(kept(p, a, &f.month)) aria-invalid=[invalid("month")]; }
                    div.date-part { label for="year" { (ctx.t("report-date-year")) } input #year.input--year type="text" inputmode="numeric" name="year" value=(kept(p, a, &f.year)) aria-invalid=[invalid("year")]; }
                }
            }
        }
    }
}

/// Fields: the edited title and description.
fn edit_fields(ctx: &PageCtx, p: &CasePage<'_>) -> Markup {
    let mine = p.failed == Some(Action::Edit);
    let (title, description) = if mine {
        (p.form.title.clone(), p.form.description.clone())
    } else {
        (p.report.title.clone(), p.report.description.clone())
    };
    let e = errors_of(p, Action::Edit);
    html! {
        p.hint { (ctx.t("staff-hint-edit")) }
        (Input { name: "title", label: "report-title-label", hint: None, value: &title, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
        (textarea(ctx, "description", "report-description-label", None, &description, e))
    }
}
