//! Tracking a report: the form, the public page, the "not found or not public" page and
//! the reporter's private view.

use super::PageCtx;
use super::components::{Input, Radio, error_summary, radios, textarea};
use super::dates::{format_date, report_day, report_moment};
use super::layout::{Title, page};
use super::reports::photo_url;
use crate::domain::access::ReporterDetails;
use crate::domain::case::{Event, EventKind, Photo, Report, Status};
use crate::domain::deadlines;
use crate::domain::report::Privacy;
use crate::domain::{Code, FormErrors};
use maud::{Markup, html};

/// The id of the track form (the language switch submits it).
pub const TRACK_FORM_ID: &str = "track-form";

/// What was typed into the track form (and its query: a code to fill in).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct TrackInput {
    pub code: String,
    pub key: String,
    pub switch_lang: String,
    /// `1` when the private view was closed or timed out.
    pub expired: String,
    /// A private-view form sent after the view had closed ("info", "rate", "reopen"), kept
    /// through giving the code and key again, with what it carried.
    pub pending: String,
    /// The code of the report the pending form was for.
    pub pending_code: String,
    pub info: String,
    pub rating: String,
    pub comment: String,
    pub reason: String,
    pub form_id: String,
}

impl TrackInput {
    /// The private-view form kept here, if any (only the three the view has).
    pub fn pending_action(&self) -> Option<&'static str> {
        match self.pending.as_str() {
            "info" => Some("info"),
            "rate" => Some("rate"),
            "reopen" => Some("reopen"),
            _ => None,
        }
    }
}

/// Page: enter a tracking code, and the access key for the private view.
pub fn form(
    ctx: &PageCtx,
    input: &TrackInput,
    errors: &FormErrors,
    notice: Option<String>,
) -> Markup {
    let title = ctx.t("track-title");
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (error_summary(ctx, errors))
            @if let Some(n) = &notice {
                div.notice role="status" tabindex="-1" autofocus[errors.is_empty()] { p { (n) } }
            }
            h1 { (title) }
            p { (ctx.t("track-intro")) }
            @if let Some(action) = input.pending_action() {
                @let kept = match action { "info" => &input.info, "rate" => &input.comment, _ => &input.reason };
                @if !kept.trim().is_empty() {
                    h2 { (ctx.t("track-pending-heading")) }
                    p.preserve-lines data-source="data" { (kept) }
                }
            }
            form #(TRACK_FORM_ID) method="post" action=(ctx.url("/track")) novalidate {
                @if input.pending_action().is_some() {
                    input type="hidden" name="pending" value=(input.pending);
                    input type="hidden" name="pending_code" value=(input.pending_code);
                    input type="hidden" name="info" value=(input.info);
                    input type="hidden" name="rating" value=(input.rating);
                    input type="hidden" name="comment" value=(input.comment);
                    input type="hidden" name="reason" value=(input.reason);
                    input type="hidden" name="form_id" value=(input.form_id);
                }
                (Input { name: "code", label: "track-code-label", hint: Some("track-code-hint"), value: &input.code, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                (Input { name: "key", label: "track-key-label", hint: Some("track-key-hint"), value: &input.key, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                button.button type="submit" { (ctx.t("track-submit")) }
            }
            p { a href=(ctx.url("/track/lost-key")) { (ctx.t("track-lost-key-link")) } }
            p { a href=(ctx.url("/reports/new")) { (ctx.t("track-new-report-link")) } }
        },
    )
}

/// Page: a code that does not exist and a report that is not public look the same.
pub fn not_public(ctx: &PageCtx) -> Markup {
    let title = ctx.t("report-not-public-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (ctx.t("report-not-public-text")) }
            p { a href=(ctx.url("/track")) { (ctx.t("report-not-public-track")) } }
        },
    )
}

/// The status of a report in words.
fn status_text(ctx: &PageCtx, status: Status) -> String {
    ctx.t(status.message_id())
}

/// Component: the facts of a report everyone who sees it may see; `place`, the place in
/// the reporter's own words, only where the viewer may see it (never on the public page:
/// it can be someone's home, and the exports and feeds leave it out too).
fn facts(ctx: &PageCtx, r: &Report, place: Option<&str>) -> Markup {
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let kind = ctx.t(r.kind.message_id());
    let category = c
        .taxonomy
        .category(&r.category)
        .map(|x| x.name(lang).to_owned())
        .unwrap_or_else(|| r.category.clone());
    let province = c
        .areas
        .province(&r.province)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let regency = c
        .areas
        .regency(&r.regency)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let agency = r
        .agency
        .as_deref()
        .and_then(|a| c.taxonomy.agency(a, &c.areas))
        .map_or_else(
            || ctx.t("report-agency-not-yet"),
            |a| a.name(lang).to_owned(),
        );
    let occurred = time::Date::parse(
        &r.occurred_on,
        &time::format_description::well_known::Iso8601::DATE,
    )
    .map(|d| format_date(ctx, d))
    .unwrap_or_default();
    html! {
        div { dt { (ctx.t("report-check-status")) } dd { strong { (status_text(ctx, r.status)) } } }
        div { dt { (ctx.t("report-check-kind")) } dd { (kind) } }
        div { dt { (ctx.t("report-category-label")) } dd { (category) } }
        // A barrier of the portal itself (`routes::barrier`) has no area.
        @if !province.is_empty() { div { dt { (ctx.t("report-where")) } dd { (regency) ", " (province) } } }
        @if let Some(place) = place { div { dt { (ctx.t("report-place-label")) } dd data-source="data" { (place) } } }
        div { dt { (ctx.t("report-date-legend")) } dd { (occurred) } }
        div { dt { (ctx.t("report-agency-label")) } dd { (agency) } }
        div { dt { (ctx.t("report-sent-on")) } dd { (report_day(ctx, r, r.created_at)) } }
        @if let Some(d) = deadline_text(ctx, r) {
            div { dt { (ctx.t("report-deadline-label")) } dd { (d) } }
        }
    }
}

/// Component: photos with their descriptions as alt text.
fn photo_list(ctx: &PageCtx, photos: &[Photo]) -> Markup {
    html! {
        @if !photos.is_empty() {
            h2 { (ctx.t("report-check-photos")) }
            ul.photo-list {
                @for (i, ph) in photos.iter().enumerate() {
                    @let alt = ph.description.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| ctx.t_args("report-photo-default-alt", &[("n", (i + 1).into())]));
                    @let (thumb, display) = (photo_url(&ph.id, "thumb"), photo_url(&ph.id, "display"));
                    // The description is the image's alt text, which is also the link's
                    // name; shown again as a caption it would be read twice.
                    li {
                        a href=(display) {
                            img src=(thumb) width=(ph.thumb_width) height=(ph.thumb_height) alt=(alt);
                        }
                    }
                }
            }
        }
    }
}

/// Component: the timeline, oldest first.
fn timeline(ctx: &PageCtx, r: &Report, events: &[Event]) -> Markup {
    let answer_by = r.due(&ctx.content.holidays).answer_by;
    let zone = r.zone();
    html! {
        h2 { (ctx.t("report-timeline-heading")) }
        ol.timeline {
            @for e in events {
                li {
                    p {
                        strong { (ctx.t(e.kind.message_id())) }
                        br;
                        (report_moment(ctx, r, e.at)) " · " (ctx.t(e.actor.message_id()))
                        @if let Some(a) = e.agency.as_deref().and_then(|a| ctx.content.taxonomy.agency(a, &ctx.content.areas)) {
                            " · " (a.name(&ctx.locale.tag))
                        }
                    }
                    @if e.kind == EventKind::Answered {
                        @if let Some(due) = answer_by {
                            @let late = crate::domain::deadlines::working_days_between(due, deadlines::local_date(e.at, zone), &ctx.content.holidays);
                            p { @if late > 0 { (ctx.t_args("report-answered-late", &[("days", late.into())])) } @else { (ctx.t("report-answered-on-time")) } }
                        }
                    }
                    @if let Some(body) = &e.body {
                        @if e.kind != EventKind::Rated { (event_body(ctx, e.kind, body)) }
                    }
                }
            }
        }
    }
}

/// Page: a public report.
pub fn public(ctx: &PageCtx, r: &Report, photos: &[Photo], events: &[Event]) -> Markup {
    let code = Code::parse(&r.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    // The report's timeline as an Atom feed, linked in `head` and in the page.
    let feed_title = ctx.t_args("feed-report-title", &[("code", code.clone().into())]);
    let feed_href = format!("/feeds/reports/{}.atom", r.code);
    let ctx = &ctx.clone().with_feed(feed_title, feed_href.clone());
    page(
        ctx,
        Title {
            name: &r.title,
            error: false,
        },
        html! {
            p.caption { (ctx.t_args("report-public-caption", &[("code", code.into())])) }
            h1 data-source="data" lang=[r.text_lang.as_deref()] { (r.title) }
            dl.summary-list { (facts(ctx, r, None)) }
            h2 { (ctx.t("report-description-label")) }
            p.preserve-lines data-source="data" lang=[r.text_lang.as_deref()] { (r.description) }
            @if r.privacy == Privacy::Anonymous {
                p { (ctx.t("report-public-anonymous")) }
            }
            (photo_list(ctx, photos))
            (timeline(ctx, r, events))
            p { a href=(feed_href) type="application/atom+xml" { (ctx.t("report-feed-link")) } }
        },
    )
}

/// What the private view shows.
pub struct PrivateView<'a> {
    pub report: &'a Report,
    /// Who sent it, as the reporter sees it (`Report::reporter_for(Viewer::Reporter)`).
    pub reporter: ReporterDetails<'a>,
    pub photos: &'a [Photo],
    pub events: &'a [Event],
    pub errors: &'a FormErrors,
    pub info: &'a str,
    pub rating: &'a str,
    pub comment: &'a str,
    pub reason: &'a str,
    pub form_id: &'a str,
    pub can_reopen: bool,
    pub notice: Option<String>,
}

/// Page: the reporter's private view.
pub fn private(ctx: &PageCtx, v: &PrivateView<'_>) -> Markup {
    let r = v.report;
    let code = Code::parse(&r.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let title = ctx.t_args("track-private-title", &[("code", code.clone().into())]);
    let e = v.errors;
    let action = |a: &str| ctx.url(&format!("/track/{}/{a}", r.code));
    let answered = matches!(r.status, Status::Answered | Status::Closed);
    let none = ctx.t("report-answer-none");
    let privacy = ctx.t(r.privacy.message_id());
    let who = v.reporter;
    let contact: Vec<&str> = [who.email, who.phone].into_iter().flatten().collect();
    let stars: Vec<Radio<'_>> = [
        ("1", "track-rating-1"),
        ("2", "track-rating-2"),
        ("3", "track-rating-3"),
        ("4", "track-rating-4"),
        ("5", "track-rating-5"),
    ]
    .iter()
    .map(|(n, label)| Radio {
        value: n,
        label: ctx.t(label),
        hint: None,
        checked: v.rating == *n
            || (v.rating.is_empty() && r.rating.is_some_and(|x| x.to_string() == *n)),
    })
    .collect();
    page(
        ctx,
        Title {
            name: &title,
            error: !e.is_empty(),
        },
        html! {
            (error_summary(ctx, e))
            @if let Some(n) = &v.notice {
                div.notice role="status" { p { (n) } }
            }
            h1 { (title) }
            p { (ctx.t("track-private-intro")) }
            @if r.status == Status::InfoRequested {
                div.notice.notice--warning { p { strong { (ctx.t("track-info-requested")) } } }
            }
            dl.summary-list {
                (facts(ctx, r, r.place.as_deref()))
                div { dt { (ctx.t("report-check-privacy")) } dd { (privacy) } }
                div { dt { (ctx.t("report-name-label")) } dd data-source="data" { (who.name.unwrap_or(&none)) } }
                div { dt { (ctx.t("report-check-contact")) } dd data-source="data" { @if contact.is_empty() { (none) } @else { (contact.join(", ")) } } }
                @if let Some(relationship) = who.on_behalf {
                    div { dt { (ctx.t("report-behalf-legend")) } dd data-source="data" { (ctx.t_args("report-check-behalf-other", &[("relationship", relationship.into())])) } }
                }
            }
            h2 { (ctx.t("report-title-label")) }
            p data-source="data" lang=[r.text_lang.as_deref()] { (r.title) }
            h2 { (ctx.t("report-description-label")) }
            p.preserve-lines data-source="data" lang=[r.text_lang.as_deref()] { (r.description) }
            (photo_list(ctx, v.photos))
            (timeline(ctx, r, v.events))
            h2 #add-information { (ctx.t(if r.status == Status::InfoRequested { "track-answer-heading" } else { "track-add-heading" })) }
            form method="post" action=(action("info")) novalidate {
                (textarea(ctx, "info", "track-info-label", Some("track-info-hint"), v.info, e))
                input type="hidden" name="form_id" value=(v.form_id);
                button.button type="submit" { (ctx.t("track-info-submit")) }
            }
            @if answered {
                h2 { (ctx.t("track-rate-heading")) }
                form method="post" action=(action("rate")) novalidate {
                    (radios(ctx, "rating", &ctx.t("track-rating-legend"), false, Some(&ctx.t("track-rating-hint")), &stars, e))
                    (textarea(ctx, "comment", "track-comment-label", None, v.comment, e))
                    button.button type="submit" { (ctx.t("track-rate-submit")) }
                }
            }
            @if answered || r.status == Status::Rejected {
                (ombudsman(ctx))
            }
            @if v.can_reopen {
                h2 { (ctx.t("track-reopen-heading")) }
                form method="post" action=(action("reopen")) novalidate {
                    (textarea(ctx, "reason", "track-reason-label", Some("track-reason-hint"), v.reason, e))
                    input type="hidden" name="form_id" value=(v.form_id);
                    button.button.button--secondary type="submit" { (ctx.t("track-reopen-submit")) }
                }
            }
            h2 { (ctx.t("track-leave-heading")) }
            form method="post" action=(ctx.url("/track/leave")) {
                button.button.button--secondary type="submit" { (ctx.t("track-leave")) }
            }
        },
    )
}

/// Where Ombudsman RI takes complaints about how a public service handled one.
pub const OMBUDSMAN_URL: &str = "https://ombudsman.go.id/";

/// Component: the way to the Ombudsman, for a report answered, closed or rejected.
fn ombudsman(ctx: &PageCtx) -> Markup {
    html! {
        p.ombudsman {
            (ctx.t("track-ombudsman")) " "
            a href=(OMBUDSMAN_URL) { (ctx.t("track-ombudsman-link")) }
        }
    }
}

/// Component: a timeline step's text; a postponement's date ("reason (2026-12-16)" as
/// stored) shown as every other date is.
pub fn event_body(ctx: &PageCtx, kind: EventKind, body: &str) -> Markup {
    let (text, until) = if kind == EventKind::Postponed {
        deadlines::split_postponed(body)
    } else {
        (body, None)
    };
    html! {
        @if !text.trim().is_empty() { p.preserve-lines data-source="data" { (text) } }
        @if let Some(d) = until {
            p { (ctx.t_args("report-postponed-until", &[("date", format_date(ctx, d).into())])) }
        }
    }
}

/// The deadline that applies to a report now, as its public page and private view say
/// it: by when staff check it, or by when the agency answers (a postponement moves it);
/// and, when past, by how many working days (the holiday calendar's).
fn deadline_text(ctx: &PageCtx, r: &Report) -> Option<String> {
    let cal = &ctx.content.holidays;
    let due = r.due(cal);
    let (id, date) = if r.status.with_verifiers() && !r.held {
        ("report-deadline-verify", due.verify_by)
    } else if r.status.with_agency() {
        let postponed = r.postponed_until.as_deref().and_then(deadlines::parse_date);
        let d = match (due.answer_by, postponed) {
            (Some(a), Some(p)) => a.max(p),
            (a, p) => a.or(p)?,
        };
        ("report-deadline-answer", d)
    } else {
        return None;
    };
    let mut text = ctx.t_args(id, &[("date", format_date(ctx, date).into())]);
    let today = deadlines::local_date(ctx.now(), r.zone());
    let late = deadlines::working_days_between(date, today, cal);
    if late > 0 {
        text.push_str(". ");
        text.push_str(&ctx.t_args("report-overdue", &[("days", late.into())]));
    }
    Some(text)
}
