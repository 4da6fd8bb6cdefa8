//! The assisted-intake desk (issue #19): the one-page form staff fill in for a citizen,
//! and the printable confirmation with the tracking code and access key.

use super::staff_bar;
use crate::domain::FormErrors;
use crate::domain::access::Staff;
use crate::domain::desk::DeskInput;
use crate::domain::report::{Channel, DESCRIPTION_MAX, Kind, Privacy, TITLE_MAX};
use crate::views::PageCtx;
use crate::views::components::{
    Choice, Input, OptionGroup, Radio, Select, agency_groups, choices, error_message,
    error_summary, number_arg, radios,
};
use crate::views::dates::format_date;
use crate::views::layout::{Title, page};
use maud::{Markup, html};
use time::Date;

/// Page: the desk form, empty or again with what was typed and its errors or a notice.
pub fn desk(
    ctx: &PageCtx,
    staff: &Staff,
    input: &DeskInput,
    form_id: &str,
    errors: &FormErrors,
    notice: Option<String>,
    today: Date,
) -> Markup {
    let title = ctx.t("desk-title");
    let e = errors;
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let channels: Vec<Radio<'_>> = Channel::DESK
        .iter()
        .map(|ch| Radio {
            value: ch.as_str(),
            label: ctx.t(ch.message_id()),
            hint: None,
            checked: input.channel == ch.as_str(),
        })
        .collect();
    let kinds: Vec<Radio<'_>> = Kind::ALL
        .iter()
        .map(|k| Radio {
            value: k.as_str(),
            label: ctx.t(k.message_id()),
            hint: Some(ctx.t(k.hint_message_id())),
            checked: input.kind == k.as_str(),
        })
        .collect();
    let privacies: Vec<Radio<'_>> = Privacy::ALL
        .iter()
        .map(|v| Radio {
            value: v.as_str(),
            label: ctx.t(v.message_id()),
            hint: Some(ctx.t(v.hint_message_id())),
            checked: input.privacy == v.as_str(),
        })
        .collect();
    let categories = [OptionGroup {
        label: None,
        options: c
            .taxonomy
            .categories
            .iter()
            .map(|x| (x.slug.clone(), x.name(lang).to_owned()))
            .collect(),
    }];
    let provinces = [OptionGroup {
        label: None,
        options: c
            .areas
            .provinces()
            .map(|p| (p.code.clone(), p.name.clone()))
            .collect(),
    }];
    // Without scripts the regency list cannot follow the province: every regency, in a
    // group per province (the check refuses one outside the chosen province).
    let regencies: Vec<OptionGroup> = c
        .areas
        .provinces()
        .map(|p| OptionGroup {
            label: Some(p.name.clone()),
            options: c
                .areas
                .regencies_in(&p.code)
                .map(|r| (r.code.clone(), r.name.clone()))
                .collect(),
        })
        .collect();
    let regency = Some(input.regency.as_str()).filter(|r| !r.is_empty());
    let agencies = agency_groups(ctx, &input.province, regency);
    let date_error = e
        .get("day")
        .or_else(|| e.get("month"))
        .or_else(|| e.get("year"));
    let date_hint = ctx.t_args(
        "report-date-hint",
        &[
            ("day", today.day().into()),
            ("month", u8::from(today.month()).into()),
            ("year", today.year().into()),
        ],
    );
    let limit = |n: usize| number_arg(ctx, i64::try_from(n).unwrap_or(i64::MAX));
    let date_part = |name: &'static str, label: &str, value: &str, wide: bool| {
        // A date that does not exist or is out of range marks all three parts.
        let whole = date_error.is_some_and(|x| {
            matches!(
                x.message_id,
                "report-error-date-invalid"
                    | "report-error-date-future"
                    | "report-error-date-early"
            )
        });
        let invalid = e.get(name).is_some() || whole;
        html! {
            div.date-part {
                label for=(name) { (ctx.t(label)) }
                input type="text" inputmode="numeric" id=(name) name=(name) value=(value)
                    class=(if wide { "input--year" } else { "input--short" })
                    autocomplete="off" aria-invalid=[invalid.then_some("true")];
            }
        }
    };
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (staff_bar(ctx, staff))
            (error_summary(ctx, errors))
            @if let Some(n) = &notice {
                div.notice.notice--warning role="status" tabindex="-1" autofocus[errors.is_empty()] { p { (n) } }
            }
            h1 { (title) }
            p.lede { (ctx.t("desk-lede")) }
            form method="post" action=(ctx.url("/staff/desk")) novalidate {
                input type="hidden" name="csrf" value=(staff.session.csrf);
                input type="hidden" name="form_id" value=(form_id);
                (radios(ctx, "channel", &ctx.t("desk-channel-legend"), false, Some(&ctx.t("desk-channel-hint")), &channels, e))
                h2 { (ctx.t("desk-report-heading")) }
                (radios(ctx, "kind", &ctx.t("desk-kind-legend"), false, None, &kinds, e))
                (text_field(ctx, "title", "report-title-label", &ctx.t_args("report-title-hint", &[("max", limit(TITLE_MAX))]), &input.title, false, e))
                (text_field(ctx, "description", "report-description-label", &ctx.t_args("report-description-hint", &[("max", limit(DESCRIPTION_MAX))]), &input.description, true, e))
                (Select { name: "category", label: &ctx.t("report-category-label"), hint: Some(&ctx.t("report-category-hint")), first: Some(&ctx.t("report-choose")), groups: &categories, selected: &input.category }.render(ctx, e))
                (Select { name: "province", label: &ctx.t("report-province-label"), hint: Some(&ctx.t("desk-province-hint")), first: Some(&ctx.t("report-choose")), groups: &provinces, selected: &input.province }.render(ctx, e))
                (Select { name: "regency", label: &ctx.t("report-regency-label"), hint: Some(&ctx.t("desk-regency-hint")), first: Some(&ctx.t("report-choose")), groups: &regencies, selected: &input.regency }.render(ctx, e))
                (Input { name: "place", label: "report-place-label", hint: Some("report-place-hint"), value: &input.place, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
                div.field.field--error[date_error.is_some()] {
                    fieldset role="group" aria-describedby=(if date_error.is_some() { "date-hint date-error" } else { "date-hint" }) {
                        legend { (ctx.t("report-date-legend")) }
                        p.hint #date-hint { (date_hint) }
                        @if let Some(err) = date_error { (error_message(ctx, "date-error", err)) }
                        div.date-input {
                            (date_part("day", "report-date-day", &input.day, false))
                            (date_part("month", "report-date-month", &input.month, false))
                            (date_part("year", "report-date-year", &input.year, true))
                        }
                    }
                }
                (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: Some(&ctx.t("desk-agency-hint")), first: Some(&ctx.t("report-agency-unknown")), groups: &agencies, selected: &input.agency }.render(ctx, e))
                (radios(ctx, "privacy", &ctx.t("desk-privacy-legend"), false, Some(&ctx.t("desk-privacy-hint")), &privacies, e))
                h2 { (ctx.t("desk-citizen-heading")) }
                p { (ctx.t("desk-citizen-intro")) }
                (Input { name: "name", label: "report-name-label", hint: Some("desk-name-hint"), value: &input.name, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
                (Input { name: "email", label: "report-email-label", hint: Some("desk-email-hint"), value: &input.email, kind: "email", autocomplete: Some("off"), class: None }.render(ctx, e))
                (choices(ctx, "notify", "report-notify-legend", Some(ctx.t("desk-notify-hint")), "checkbox", &[
                    Choice { name: "notify", value: "yes", label: "desk-notify", checked: input.notify == "yes" },
                ], e))
                (Input { name: "phone", label: "report-phone-label", hint: Some("register-phone-hint"), value: &input.phone, kind: "tel", autocomplete: Some("off"), class: None }.render(ctx, e))
                (choices(ctx, "consent", "desk-consent-legend", Some(ctx.t("desk-consent-hint")), "checkbox", &[
                    Choice { name: "consent", value: "yes", label: "desk-consent", checked: input.consent == "yes" },
                ], e))
                button.button type="submit" { (ctx.t("desk-submit")) }
            }
        },
    )
}

/// A text field with its hint (already in the page's language): an input or a textarea.
fn text_field(
    ctx: &PageCtx,
    name: &str,
    label: &str,
    hint: &str,
    value: &str,
    multiline: bool,
    e: &FormErrors,
) -> Markup {
    let error = e.get(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = match error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    html! {
        div.field.field--error[error.is_some()] {
            label for=(name) { (ctx.t(label)) }
            p.hint id=(hint_id) { (hint) }
            @if let Some(err) = error { (error_message(ctx, &error_id, err)) }
            @if multiline {
                textarea id=(name) name=(name) rows="5" aria-invalid=[error.map(|_| "true")] aria-describedby=(described) { (value) }
            } @else {
                input type="text" id=(name) name=(name) value=(value) autocomplete="off"
                    aria-invalid=[error.map(|_| "true")] aria-describedby=(described);
            }
        }
    }
}

/// What the desk's confirmation shows.
pub struct DeskSent<'a> {
    /// The tracking code, grouped.
    pub code: &'a str,
    /// The access key, grouped.
    pub key: String,
    /// The date by which staff check the report.
    pub verify_by: Date,
    pub channel: Channel,
    /// The citizen gave an email address: the code and key were sent there too.
    pub emailed: bool,
    pub report_id: i64,
}

/// Page: the report was filed; printable for the citizen (the back office's bar and the
/// buttons are not printed).
pub fn desk_sent(ctx: &PageCtx, staff: &Staff, s: &DeskSent<'_>) -> Markup {
    let title = ctx.t("desk-sent-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            div.notice role="status" {
                h1 { (title) }
                p { (ctx.t_args("desk-sent-channel", &[("channel", ctx.t(s.channel.message_id()).into())])) }
                p { (ctx.t("desk-sent-code-label")) }
                p.code-display data-source="data" { (s.code) }
            }
            h2 { (ctx.t("desk-sent-key-heading")) }
            p { (ctx.t("desk-sent-key-label")) }
            p.code-display.code-display--key data-source="data" { (s.key) }
            p { strong { (ctx.t("desk-sent-key-advice")) } }
            @if s.emailed { p { (ctx.t("desk-sent-emailed")) } }
            h2 { (ctx.t("report-sent-next-heading")) }
            p { (ctx.t_args("desk-sent-next", &[("date", format_date(ctx, s.verify_by).into())])) }
            p { (ctx.t_args("desk-sent-track", &[("url", ctx.url("/track").into())])) }
            p.no-print { (ctx.t("desk-sent-print")) }
            ul.no-print {
                li { a href=(ctx.url(&format!("/staff/reports/{}", s.report_id))) { (ctx.t("desk-sent-case-link")) } }
                li { a href=(ctx.url("/staff/desk")) { (ctx.t("desk-sent-another")) } }
            }
        },
    )
}
