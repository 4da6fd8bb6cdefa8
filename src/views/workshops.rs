//! Workshop pages: the list with filters, one workshop, the registration form, the
//! registration's status page, the look-up form and the cancel confirmation.

use super::PageCtx;
use super::components::{
    Choice, Input, choices, error_summary, other_lang, responsive_image, textarea,
};
use super::dates::{format_date, moment_in_zone, workshop_when};
use super::layout::{Title, page};
use crate::content::Workshop;
use crate::content::workshops::{Format, RegistrationWindow};
use crate::domain::registration::{AccessNeed, Need, Registration, RegistrationStatus};
use crate::domain::{FormErrors, RegistrationInput};
use maud::{Markup, PreEscaped, html};
use std::collections::HashMap;

/// Confirmed places taken, by (workshop slug, pool).
pub type Seats = HashMap<(String, String), i64>;

/// General places left in a workshop.
pub fn places_left(w: &Workshop, seats: &Seats) -> i64 {
    let taken = seats
        .get(&(w.slug.clone(), "general".to_owned()))
        .copied()
        .unwrap_or(0);
    (i64::from(w.capacity) - taken).max(0)
}

/// Wheelchair spaces left in a workshop (a pool of its own, beside the general places).
pub fn wheelchair_left(w: &Workshop, seats: &Seats) -> i64 {
    let taken = seats
        .get(&(w.slug.clone(), "wheelchair".to_owned()))
        .copied()
        .unwrap_or(0);
    (i64::from(w.wheelchair_spaces) - taken).max(0)
}

/// "12 places left", "No places left: join the waiting list", "Registration opens ...",
/// followed, when the workshop has wheelchair spaces and registration is open, by how
/// many of those are left (their own pool: a full workshop may still have one).
pub fn availability(ctx: &PageCtx, w: &Workshop, seats: &Seats) -> String {
    let now = ctx.now();
    if w.is_past(now) {
        return ctx.t("workshop-status-past");
    }
    match w.window(now) {
        RegistrationWindow::NotYetOpen => ctx.t_args(
            "workshop-status-opens",
            &[("date", moment_in_zone(ctx, w, w.registration_opens).into())],
        ),
        RegistrationWindow::Closed => ctx.t("workshop-status-closed"),
        RegistrationWindow::Open => {
            let general = match places_left(w, seats) {
                0 if w.wheelchair_spaces > 0 => ctx.t("workshop-status-full-general"),
                0 => ctx.t("workshop-status-full"),
                n => ctx.t_args("workshop-status-places", &[("count", n.into())]),
            };
            if w.wheelchair_spaces == 0 {
                return general;
            }
            let wheelchair = match wheelchair_left(w, seats) {
                0 => ctx.t("workshop-status-wheelchair-full"),
                n => ctx.t_args("workshop-status-wheelchair", &[("count", n.into())]),
            };
            format!("{general}. {wheelchair}")
        }
    }
}

fn format_id(f: Format) -> &'static str {
    match f {
        Format::InPerson => "workshop-format-in-person",
        Format::Online => "workshop-format-online",
        Format::Both => "workshop-format-both",
    }
}

/// "Kota Denpasar, Bali".
fn place(ctx: &PageCtx, w: &Workshop) -> String {
    let areas = &ctx.content.areas;
    let regency = areas.regency(&w.regency).map_or("", |a| a.name.as_str());
    let province = areas.province(&w.province).map_or("", |a| a.name.as_str());
    format!("{regency}, {province}")
}

/// Component: workshops as a list of headed items; `level` is the heading level.
pub fn workshop_list(ctx: &PageCtx, items: &[&Workshop], seats: &Seats, level: u8) -> Markup {
    html! {
        ul.workshop-list {
            @for w in items {
                // Only the workshop's own text may be in another language (a fallback):
                // the labels, dates and places around it are in the page's.
                @let lang = other_lang(ctx, &w.lang);
                li.card {
                    @let link = html! { a href=(ctx.url(&format!("/workshops/{}", w.slug))) data-source="content" lang=[lang] { (w.title) } };
                    @if level == 2 { h2 { (link) } } @else { h3 { (link) } }
                    dl.summary-list {
                        div { dt { (ctx.t("workshop-when")) } dd { (workshop_when(ctx, w)) } }
                        div { dt { (ctx.t("workshop-where")) } dd data-source="data" { (place(ctx, w)) } }
                        div { dt { (ctx.t("workshop-format")) } dd { (ctx.t(format_id(w.format))) } }
                        div { dt { (ctx.t("workshop-places")) } dd { strong { (availability(ctx, w, seats)) } } }
                    }
                    p data-source="content" lang=[lang] { (w.summary) }
                }
            }
        }
    }
}

/// Filters of the workshop list, as typed in the GET form.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ListFilter {
    /// Province code, or empty for all.
    pub province: String,
    /// `in-person`, `online`, `both`, or empty for all.
    pub format: String,
}

/// Page: the workshops, upcoming first, with filters.
pub fn list(
    ctx: &PageCtx,
    filter: &ListFilter,
    provinces: &[(String, String)],
    upcoming: &[&Workshop],
    past: &[&Workshop],
    seats: &Seats,
) -> Markup {
    let title = ctx.t("workshops-title");
    let total = upcoming.len() + past.len();
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("workshops-lede")) }
            form.filters method="get" action=(ctx.url("/workshops")) {
                div.field {
                    label for="province" { (ctx.t("workshops-filter-province")) }
                    select #province name="province" {
                        option value="" selected[filter.province.is_empty()] { (ctx.t("workshops-filter-all-provinces")) }
                        @for (code, name) in provinces {
                            option value=(code) selected[filter.province == *code] data-source="data" { (name) }
                        }
                    }
                }
                div.field {
                    label for="format" { (ctx.t("workshops-filter-format")) }
                    select #format name="format" {
                        option value="" selected[filter.format.is_empty()] { (ctx.t("workshops-filter-all-formats")) }
                        @for f in [Format::InPerson, Format::Online, Format::Both] {
                            option value=(f.as_str()) selected[filter.format == f.as_str()] { (ctx.t(format_id(f))) }
                        }
                    }
                }
                button.button type="submit" { (ctx.t("workshops-filter-submit")) }
            }
            p role="status" { (ctx.t_args("workshops-count", &[("count", total.into())])) }
            h2 { (ctx.t("workshops-upcoming")) }
            @if upcoming.is_empty() {
                p { (ctx.t("workshops-none-upcoming")) }
            } @else {
                (workshop_list(ctx, upcoming, seats, 3))
            }
            h2 { (ctx.t("workshops-past")) }
            @if past.is_empty() {
                p { (ctx.t("workshops-none-past")) }
            } @else {
                (workshop_list(ctx, past, seats, 3))
            }
            p { a href=(ctx.url("/campaigns")) { (ctx.t("campaigns-all-link")) } }
        },
    )
}

/// Page: one workshop.
pub fn show(ctx: &PageCtx, w: &Workshop, campaign_title: Option<&str>, seats: &Seats) -> Markup {
    let now = ctx.now();
    let lang = other_lang(ctx, &w.lang);
    page(
        ctx,
        Title {
            name: &w.title,
            error: false,
        },
        html! {
            div data-source="content" lang=[lang] {
                h1 { (w.title) }
                p.lede { (w.summary) }
            }
            @if let Some(title) = campaign_title {
                p { (ctx.t("workshop-part-of")) " " a href=(ctx.url(&format!("/campaigns/{}", w.campaign))) data-source="content" { (title) } }
            }
            dl.summary-list {
                div { dt { (ctx.t("workshop-when")) } dd { (workshop_when(ctx, w)) } }
                div { dt { (ctx.t("workshop-format")) } dd { (ctx.t(format_id(w.format))) } }
                @if let (Some(venue), Some(address)) = (&w.venue, &w.address) {
                    div { dt { (ctx.t("workshop-venue")) } dd data-source="content" { (venue) br; (address) } }
                }
                @if let Some(note) = &w.online_note {
                    div { dt { (ctx.t("workshop-online")) } dd data-source="content" { (note) } }
                }
                div { dt { (ctx.t("workshop-where")) } dd data-source="data" { (place(ctx, w)) } }
                div { dt { (ctx.t("workshop-places")) } dd { strong { (availability(ctx, w, seats)) } } }
                div { dt { (ctx.t("workshop-contact")) } dd data-source="content" { (w.contact) } }
            }
            @if w.window(now) == RegistrationWindow::Open {
                p { a.button href=(ctx.url(&format!("/workshops/{}/register", w.slug))) { (ctx.t("workshop-register-button")) } }
                p { (ctx.t_args("workshop-registration-closes", &[("date", moment_in_zone(ctx, w, w.registration_closes).into())])) }
            }
            p { a href=(ctx.url(&format!("/workshops/{}.ics", w.slug))) download { (ctx.t("workshop-calendar-link")) } }
            h2 { (ctx.t("workshop-access-heading")) }
            dl.summary-list {
                @for (id, yes) in w.access.list() {
                    div { dt { (ctx.t(id)) } dd { (ctx.t(if yes { "answer-yes" } else { "answer-no" })) } }
                }
            }
            @if w.needs_notice_days > 0 && !w.is_past(now) {
                p { (ctx.t_args("workshop-needs-notice", &[("date", format_date(ctx, w.needs_deadline()).into())])) }
            }
            div data-source="content" lang=[lang] {
                @if let Some(img) = w.image.as_ref().and_then(|i| ctx.content.images.get(&i.file).map(|f| (f, &i.alt))) {
                    (responsive_image(img.0, img.1, "(min-width: 48rem) 48rem, 100vw"))
                }
                div.prose { (PreEscaped(&w.html)) }
            }
            p { a href=(ctx.url("/workshops")) { (ctx.t("workshops-all-link")) } }
        },
    )
}

/// What the registration page shows besides the form.
pub struct RegisterForm<'a> {
    /// What was typed.
    pub input: &'a RegistrationInput,
    /// What is wrong with it.
    pub errors: &'a FormErrors,
    /// A notice above the form (closed meanwhile, rate limited), as a Fluent id and text.
    pub notice: Option<String>,
}

/// The id of the registration form (the language switch submits it).
pub const REGISTER_FORM_ID: &str = "registration-form";

/// A message naming the workshop (`$workshop`), the title marked with its language when
/// it fell back to another one than the page's.
fn naming(ctx: &PageCtx, id: &str, w: &Workshop) -> Markup {
    const MARK: &str = "\u{E000}";
    let text = ctx.t_args(id, &[("workshop", MARK.into())]);
    let (before, after) = text.split_once(MARK).unwrap_or((text.as_str(), ""));
    html! { (before) span lang=[other_lang(ctx, &w.lang)] data-source="content" { (w.title) } (after) }
}

/// Page: the registration form, empty or after a failed submission.
pub fn register(ctx: &PageCtx, w: &Workshop, form: &RegisterForm<'_>) -> Markup {
    let title = ctx.t_args("register-title", &[("workshop", w.title.clone().into())]);
    let input = form.input;
    let errors = form.errors;
    let failed = !errors.is_empty() || form.notice.is_some();
    let needs_hint = if w.needs_notice_days > 0 {
        let date = format_date(ctx, w.needs_deadline());
        ctx.t_args("register-needs-hint-deadline", &[("date", date.into())])
    } else {
        ctx.t("register-needs-hint")
    };
    let needs: Vec<Choice<'_>> = AccessNeed::ALL
        .iter()
        .filter(|n| **n != AccessNeed::Wheelchair || w.wheelchair_spaces > 0)
        .map(|n| Choice {
            name: n.field(),
            value: "yes",
            label: n.message_id(),
            checked: input.has(*n),
        })
        .collect();
    page(
        ctx,
        Title {
            name: &title,
            error: failed,
        },
        html! {
            (error_summary(ctx, errors))
            @if let Some(notice) = &form.notice {
                div.error-summary tabindex="-1" autofocus[errors.is_empty()] role="alert" {
                    p { (notice) }
                }
            }
            h1 { (naming(ctx, "register-title", w)) }
            p { (workshop_when(ctx, w)) }
            p { (ctx.t("register-intro")) }
            form #registration-form method="post" action=(ctx.url(&format!("/workshops/{}/register", w.slug))) novalidate {
                (Input { name: "name", label: "register-name", hint: None, value: &input.name, kind: "text", autocomplete: Some("name"), class: None }.render(ctx, errors))
                (Input { name: "email", label: "register-email", hint: Some("register-contact-hint"), value: &input.email, kind: "email", autocomplete: Some("email"), class: None }.render(ctx, errors))
                (Input { name: "phone", label: "register-phone", hint: Some("register-phone-hint"), value: &input.phone, kind: "tel", autocomplete: Some("tel"), class: None }.render(ctx, errors))
                (Input { name: "organisation", label: "register-organisation", hint: None, value: &input.organisation, kind: "text", autocomplete: Some("organization"), class: None }.render(ctx, errors))
                @if w.format == Format::Both {
                    (choices(ctx, "attendance", "register-attendance", None, "radio", &[
                        Choice { name: "attendance", value: "in-person", label: "workshop-format-in-person", checked: input.attendance == "in-person" },
                        Choice { name: "attendance", value: "online", label: "workshop-format-online", checked: input.attendance == "online" },
                    ], errors))
                }
                (choices(ctx, "needs", "register-needs", Some(needs_hint), "checkbox", &needs, errors))
                (textarea(ctx, "dietary_detail", "register-dietary-detail", Some("register-dietary-detail-hint"), &input.dietary_detail, errors))
                (textarea(ctx, "other_detail", "register-other-detail", Some("register-other-detail-hint"), &input.other_detail, errors))
                (choices(ctx, "consent", "register-consent-legend", Some(ctx.t("register-consent-hint")), "checkbox", &[
                    Choice { name: "consent", value: "yes", label: "register-consent", checked: !input.consent.is_empty() },
                ], errors))
                p { a href=(ctx.url("/pages/privacy")) { (ctx.t("register-privacy-link")) } }
                // Honeypot: hidden by CSS (so from screen readers too); people never fill it.
                div.honeypot aria-hidden="true" {
                    label for="website" { (ctx.t("register-honeypot")) }
                    input #website type="text" name="website" value=(input.website) autocomplete="off" tabindex="-1";
                }
                input type="hidden" name="form_token" value=(input.form_token);
                input type="hidden" name="form_id" value=(input.form_id);
                button.button type="submit" { (ctx.t("register-submit")) }
            }
        },
    )
}

/// Page: a workshop whose registration is not open (or is over).
pub fn register_closed(ctx: &PageCtx, w: &Workshop, seats: &Seats) -> Markup {
    let title = ctx.t_args("register-title", &[("workshop", w.title.clone().into())]);
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (naming(ctx, "register-title", w)) }
            p.lede { (availability(ctx, w, seats)) }
            p { a href=(ctx.url(&format!("/workshops/{}", w.slug))) { (ctx.t("register-back-to-workshop")) } }
        },
    )
}

/// What the status page says about a registration.
pub struct Status<'a> {
    /// The registration.
    pub reg: &'a Registration,
    /// Its access needs.
    pub needs: &'a [Need],
    /// Place on the waiting list, when waitlisted.
    pub position: Option<i64>,
    /// The signed token that lets this page be seen.
    pub token: &'a str,
    /// A notice: just registered, just cancelled.
    pub notice: Option<&'static str>,
}

/// Page: a registration's status (also the confirmation after registering).
pub fn status(ctx: &PageCtx, w: &Workshop, s: &Status<'_>) -> Markup {
    let code = crate::domain::Code::parse(&s.reg.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let title = ctx.t("registration-title");
    let state = match (s.reg.status, s.position) {
        (RegistrationStatus::Confirmed, _) => ctx.t("registration-status-confirmed"),
        (RegistrationStatus::Waitlisted, Some(n)) if s.reg.pool == "wheelchair" => ctx.t_args(
            "registration-status-waitlisted-wheelchair",
            &[("position", n.into())],
        ),
        (RegistrationStatus::Waitlisted, Some(n)) => {
            ctx.t_args("registration-status-waitlisted", &[("position", n.into())])
        }
        (RegistrationStatus::Held, _) => ctx.t("registration-status-held"),
        _ => ctx.t("registration-status-cancelled"),
    };
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            @if let Some(n) = s.notice {
                div.notice role="status" { p { strong { (ctx.t(n)) } } }
            }
            h1 { (title) }
            p { (ctx.t("registration-code-label")) }
            p.code-display data-source="data" { (code) }
            p { (ctx.t("registration-code-advice")) }
            h2 { (ctx.t("registration-status-heading")) }
            p.registration-status { strong { (state) } }
            dl.summary-list {
                div { dt { (ctx.t("registration-workshop")) } dd { a href=(ctx.url(&format!("/workshops/{}", w.slug))) data-source="content" lang=[other_lang(ctx, &w.lang)] { (w.title) } } }
                div { dt { (ctx.t("workshop-when")) } dd { (workshop_when(ctx, w)) } }
                div { dt { (ctx.t("register-name")) } dd data-source="data" { (s.reg.name) } }
                div { dt { (ctx.t("register-attendance")) } dd { (ctx.t(format_id(Format::parse(&s.reg.attendance).unwrap_or(Format::InPerson)))) } }
            }
            h2 { (ctx.t("registration-needs-heading")) }
            @if s.needs.is_empty() {
                p { (ctx.t("registration-no-needs")) }
            } @else {
                dl.summary-list {
                    @for n in s.needs {
                        @let label = AccessNeed::parse(&n.need).map(|a| ctx.t(a.message_id())).unwrap_or_default();
                        div {
                            dt { (label) @if let Some(d) = &n.detail { ": " span data-source="data" { (d) } } }
                            dd { (ctx.t(n.status.registrant_message_id())) }
                        }
                    }
                }
            }
            @if let Some(url) = meeting_url(w, s.reg) {
                h2 { (ctx.t("registration-meeting-heading")) }
                p { (ctx.t("registration-meeting-text")) }
                p { a href=(url) { (ctx.t("registration-meeting-link")) } }
            }
            p { a href=(ctx.url(&format!("/workshops/{}.ics", w.slug))) download { (ctx.t("workshop-calendar-link")) } }
            @if s.reg.status != RegistrationStatus::Cancelled {
                h2 { (ctx.t("registration-cancel-heading")) }
                p { (ctx.t("registration-cancel-text")) }
                p { a href=(ctx.url(&format!("/workshops/registrations/{}/cancel?t={}", s.reg.code, s.token))) { (ctx.t("registration-cancel-link")) } }
            }
        },
    )
}

/// The video call's address, for a confirmed participant who attends online.
fn meeting_url<'a>(w: &'a Workshop, reg: &Registration) -> Option<&'a str> {
    let online = match w.format {
        Format::Online => true,
        Format::Both => reg.attendance == Format::Online.as_str(),
        Format::InPerson => false,
    };
    w.meeting_url
        .as_deref()
        .filter(|_| online && reg.status == RegistrationStatus::Confirmed)
}

/// What was typed into the look-up form.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct LookupInput {
    /// The registration code.
    pub code: String,
    /// The email address or phone number given when registering.
    pub contact: String,
}

/// Page: find a registration by code and contact.
pub fn lookup(ctx: &PageCtx, input: &LookupInput, errors: &FormErrors) -> Markup {
    let title = ctx.t("lookup-title");
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (error_summary(ctx, errors))
            h1 { (title) }
            p { (ctx.t("lookup-intro")) }
            form #lookup-form method="post" action=(ctx.url("/workshops/registrations")) novalidate {
                (Input { name: "code", label: "lookup-code", hint: Some("lookup-code-hint"), value: &input.code, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                (Input { name: "contact", label: "lookup-contact", hint: Some("lookup-contact-hint"), value: &input.contact, kind: "text", autocomplete: Some("email"), class: None }.render(ctx, errors))
                button.button type="submit" { (ctx.t("lookup-submit")) }
            }
        },
    )
}

/// Page: "are you sure you want to cancel?".
pub fn cancel_confirm(ctx: &PageCtx, w: &Workshop, reg: &Registration, token: &str) -> Markup {
    let title = ctx.t("cancel-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (naming(ctx, "cancel-question", w)) }
            form method="post" action=(ctx.url(&format!("/workshops/registrations/{}/cancel", reg.code))) {
                input type="hidden" name="t" value=(token);
                button.button.button--warning type="submit" { (ctx.t("cancel-submit")) }
            }
            p { a href=(ctx.url(&format!("/workshops/registrations/{}?t={token}", reg.code))) { (ctx.t("cancel-keep")) } }
        },
    )
}
