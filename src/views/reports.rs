//! The report form, one topic per page; "check your answers"; the confirmation.

use super::PageCtx;
use super::components::{
    Choice, Input, OptionGroup, Radio, Select, choices, error_summary, radios, textarea,
};
use super::dates::format_date;
use super::layout::{Title, page};
use crate::domain::FormErrors;
use crate::domain::case::Photo;
use crate::domain::report::{
    Answers, DESCRIPTION_MAX, Kind, MAX_PHOTOS, PHOTO_DESCRIPTION_MAX, Privacy, Step, TITLE_MAX,
};
use maud::{Markup, html};
use time::{Date, OffsetDateTime};

/// The id of each step's form (the language switch submits it).
pub const STEP_FORM_ID: &str = "report-step";
/// The id of the photo upload form.
pub const UPLOAD_FORM_ID: &str = "photo-upload";

/// The URL of a step, keeping the way back to "check your answers".
pub fn step_url(ctx: &PageCtx, step: Step, return_to_check: bool) -> String {
    let mut url = ctx.url(&format!("/reports/new/{}", step.slug()));
    if return_to_check {
        url.push_str("?return=check");
    }
    url
}

/// A photo's URL (the media route decides who may load it).
pub fn photo_url(id: &str, variant: &str) -> String {
    format!("/media/{id}/{variant}")
}

/// Page: where a report begins: what it takes, how long a draft is kept.
pub fn start(ctx: &PageCtx, open_draft: Option<Step>, days: i64) -> Markup {
    let title = ctx.t("report-start-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("report-start-lede")) }
            h2 { (ctx.t("report-start-need-heading")) }
            ul {
                li { (ctx.t("report-start-need-what")) }
                li { (ctx.t("report-start-need-where")) }
                li { (ctx.t("report-start-need-photos")) }
                li { (ctx.t("report-start-need-contact")) }
            }
            p { (ctx.t_args("report-start-draft-kept", &[("days", days.into())])) }
            p { (ctx.t("report-start-no-time-limit")) }
            @if let Some(step) = open_draft {
                h2 { (ctx.t("report-start-continue-heading")) }
                p { a.button href=(step_url(ctx, step, false)) { (ctx.t("report-start-continue")) } }
                form method="post" action=(ctx.url("/reports/new")) {
                    button.button.button--secondary type="submit" { (ctx.t("report-start-new")) }
                }
            } @else {
                form method="post" action=(ctx.url("/reports/new")) {
                    button.button type="submit" { (ctx.t("report-start-button")) }
                }
            }
            p { a href=(ctx.url("/pages/privacy")) { (ctx.t("report-privacy-link")) } }
        },
    )
}

/// Everything a step page shows.
pub struct StepPage<'a> {
    pub step: Step,
    pub answers: &'a Answers,
    pub errors: &'a FormErrors,
    /// A notice above the form (a restarted draft...).
    pub notice: Option<String>,
    /// The step was reached with "Change" from "check your answers".
    pub return_to_check: bool,
    /// The draft's photos (photos step, check step).
    pub photos: &'a [Photo],
    /// What was typed as the description of a photo that was refused.
    pub photo_description: &'a str,
    /// A fresh id for the upload form (a double click uploads once).
    pub upload_id: &'a str,
    /// When the draft will be deleted if left alone.
    pub expires: OffsetDateTime,
    /// Today, for the date hint.
    pub today: Date,
}

/// The number of a step as people count them (the personal-data question shares the
/// number of the text it is about).
fn step_number(step: Step) -> (usize, usize) {
    let counted: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|s| *s != Step::PersonalData)
        .collect();
    let shown = if step == Step::PersonalData {
        Step::Details
    } else {
        step
    };
    let n = counted
        .iter()
        .position(|s| *s == shown)
        .map_or(1, |i| i + 1);
    (n, counted.len())
}

/// Page: one step of the report form.
pub fn step(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let title = ctx.t(p.step.title_id());
    let failed = !p.errors.is_empty();
    let (n, of) = step_number(p.step);
    let back = if p.return_to_check {
        Some(step_url(ctx, Step::Check, false))
    } else {
        p.step
            .previous(p.answers)
            .map(|s| step_url(ctx, s, false))
            .or_else(|| Some(ctx.url("/reports/new")))
    };
    let heading_in_legend = matches!(p.step, Step::Kind | Step::PersonalData | Step::Privacy);
    page(
        ctx,
        Title {
            name: &title,
            error: failed,
        },
        html! {
            @if let Some(href) = &back {
                p { a.back-link href=(href) { (ctx.t("report-back")) } }
            }
            (error_summary(ctx, p.errors))
            @if let Some(notice) = &p.notice {
                div.notice role="status" { p { (notice) } }
            }
            p.caption { (ctx.t_args("report-step-of", &[("n", n.into()), ("of", of.into())])) }
            @if !heading_in_legend { h1 { (title) } }
            @match p.step {
                Step::Photos => (photos_step(ctx, p)),
                Step::Check => (check(ctx, p)),
                _ => {
                    form #(STEP_FORM_ID) method="post" action=(step_url(ctx, p.step, p.return_to_check)) novalidate {
                        (step_fields(ctx, p, &title))
                        @if p.return_to_check { input type="hidden" name="return" value="check"; }
                        button.button type="submit" { (ctx.t("report-continue")) }
                    }
                }
            }
            p.hint { (ctx.t_args("report-draft-until", &[("date", format_date(ctx, p.expires.date()).into())])) }
        },
    )
}

fn step_fields(ctx: &PageCtx, p: &StepPage<'_>, title: &str) -> Markup {
    let a = p.answers;
    let e = p.errors;
    let lang = ctx.locale.tag.as_str();
    match p.step {
        Step::Kind => {
            let items: Vec<Radio<'_>> = Kind::ALL
                .iter()
                .map(|k| Radio {
                    value: k.as_str(),
                    label: ctx.t(k.message_id()),
                    hint: Some(ctx.t(k.hint_message_id())),
                    checked: a.kind == k.as_str(),
                })
                .collect();
            radios(ctx, "kind", title, true, None, &items, e)
        }
        Step::Details => {
            let categories = OptionGroup {
                label: None,
                options: ctx
                    .content
                    .taxonomy
                    .categories
                    .iter()
                    .map(|c| (c.slug.clone(), c.name(lang).to_owned()))
                    .collect(),
            };
            html! {
                (Input { name: "title", label: "report-title-label", hint: Some("report-title-hint"), value: &a.title, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
                (textarea(ctx, "description", "report-description-label", Some("report-description-hint"), &a.description, e))
                (Select { name: "category", label: &ctx.t("report-category-label"), hint: Some(&ctx.t("report-category-hint")), first: Some(&ctx.t("report-choose")), groups: &[categories], selected: &a.category }.render(ctx, e))
                p.hint { (ctx.t_args("report-length-limits", &[("title", TITLE_MAX.into()), ("description", DESCRIPTION_MAX.into())])) }
                // Honeypot: hidden by CSS (so from screen readers too); people never fill it.
                div.honeypot aria-hidden="true" {
                    label for="website" { (ctx.t("register-honeypot")) }
                    input #website type="text" name="website" value="" autocomplete="off" tabindex="-1";
                }
            }
        }
        Step::PersonalData => {
            let findings = a.personal_data_findings();
            let items = [
                Radio {
                    value: "edit",
                    label: ctx.t("report-personal-data-edit"),
                    hint: None,
                    checked: a.personal_data_choice == "edit",
                },
                Radio {
                    value: "keep",
                    label: ctx.t("report-personal-data-keep"),
                    hint: Some(ctx.t("report-personal-data-keep-hint")),
                    checked: a.personal_data_choice == "keep",
                },
            ];
            html! {
                h1 { (title) }
                p { (ctx.t("report-personal-data-intro")) }
                ul {
                    @for f in &findings {
                        li { (ctx.t(f.kind.message_id())) ": " strong data-source="data" { (f.text) } }
                    }
                }
                p { (ctx.t("report-personal-data-why")) }
                (radios(ctx, "personal_data_choice", &ctx.t("report-personal-data-legend"), false, None, &items, e))
            }
        }
        Step::Province => {
            let provinces = OptionGroup {
                label: None,
                options: ctx
                    .content
                    .areas
                    .provinces()
                    .map(|p| (p.code.clone(), p.name.clone()))
                    .collect(),
            };
            Select {
                name: "province",
                label: &ctx.t("report-province-label"),
                hint: Some(&ctx.t("report-province-hint")),
                first: Some(&ctx.t("report-choose")),
                groups: &[provinces],
                selected: &a.province,
            }
            .render(ctx, e)
        }
        Step::Place => {
            let province = ctx
                .content
                .areas
                .province(&a.province)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let regencies = OptionGroup {
                label: None,
                options: ctx
                    .content
                    .areas
                    .regencies_in(&a.province)
                    .map(|r| (r.code.clone(), r.name.clone()))
                    .collect(),
            };
            let hint = ctx.t_args("report-regency-hint", &[("province", province.into())]);
            html! {
                (Select { name: "regency", label: &ctx.t("report-regency-label"), hint: Some(&hint), first: Some(&ctx.t("report-choose")), groups: &[regencies], selected: &a.regency }.render(ctx, e))
                (Input { name: "place", label: "report-place-label", hint: Some("report-place-hint"), value: &a.place, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
            }
        }
        Step::Date => date_fields(ctx, p),
        Step::Agency => {
            let regional = ctx.content.taxonomy.regional_agencies(
                &a.province,
                Some(a.regency.as_str()).filter(|r| !r.is_empty()),
                &ctx.content.areas,
            );
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
                    options: ctx
                        .content
                        .taxonomy
                        .national
                        .iter()
                        .map(|g| (g.slug.clone(), g.name(lang).to_owned()))
                        .collect(),
                },
            ];
            Select {
                name: "agency",
                label: &ctx.t("report-agency-label"),
                hint: Some(&ctx.t("report-agency-hint")),
                first: Some(&ctx.t("report-agency-unknown")),
                groups: &groups,
                selected: &a.agency,
            }
            .render(ctx, e)
        }
        Step::Privacy => {
            let items: Vec<Radio<'_>> = Privacy::ALL
                .iter()
                .map(|v| Radio {
                    value: v.as_str(),
                    label: ctx.t(v.message_id()),
                    hint: Some(ctx.t(v.hint_message_id())),
                    checked: a.privacy == v.as_str(),
                })
                .collect();
            html! {
                (radios(ctx, "privacy", title, true, Some(&ctx.t("report-privacy-hint")), &items, e))
                (who_sees_what(ctx))
            }
        }
        Step::About => about_fields(ctx, p),
        Step::Photos | Step::Check => html! {},
    }
}

/// Component: the "who sees what" table of the privacy step.
fn who_sees_what(ctx: &PageCtx) -> Markup {
    let yes = ctx.t("answer-yes");
    let no = ctx.t("answer-no");
    // (row label, public: [public, anonymous, confidential] for the public, agency...)
    let rows: [(&str, [bool; 3], [bool; 3]); 2] = [
        (
            "report-who-row-report",
            [true, true, false],
            [true, true, true],
        ),
        (
            "report-who-row-name",
            [false, false, false],
            [true, false, true],
        ),
    ];
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t("report-who-caption")) {
            table {
                caption { (ctx.t("report-who-caption")) }
                thead {
                    tr {
                        th scope="col" { (ctx.t("report-who-choice")) }
                        th scope="col" { (ctx.t("report-who-what")) }
                        th scope="col" { (ctx.t("report-who-public")) }
                        th scope="col" { (ctx.t("report-who-agency")) }
                    }
                }
                tbody {
                    @for (i, p) in Privacy::ALL.iter().enumerate() {
                        @for (j, (row, public, agency)) in rows.iter().enumerate() {
                            tr {
                                @if j == 0 { th scope="rowgroup" rowspan="2" { (ctx.t(p.message_id())) } }
                                th scope="row" { (ctx.t(row)) }
                                td { (if public[i] { &yes } else { &no }) }
                                td { (if agency[i] { &yes } else { &no }) }
                            }
                        }
                    }
                }
            }
        }
        p { (ctx.t("report-who-staff")) }
    }
}

fn date_fields(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let e = p.errors;
    let error = e
        .get("day")
        .or_else(|| e.get("month"))
        .or_else(|| e.get("year"));
    let example = ctx.t_args(
        "report-date-hint",
        &[
            ("day", p.today.day().into()),
            ("month", u8::from(p.today.month()).into()),
            ("year", p.today.year().into()),
        ],
    );
    let described = if error.is_some() {
        "date-hint date-error"
    } else {
        "date-hint"
    };
    let part = |name: &'static str, label: &str, value: &str, wide: bool| {
        // A date that does not exist or is out of range marks all three parts.
        let whole = error.is_some_and(|x| {
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
    html! {
        div.field.field--error[error.is_some()] {
            fieldset role="group" aria-describedby=(described) {
                legend { (ctx.t("report-date-legend")) }
                p.hint #date-hint { (example) }
                @if let Some(err) = error { (super::components::error_message(ctx, "date-error", err)) }
                div.date-input {
                    (part("day", "report-date-day", &a.day, false))
                    (part("month", "report-date-month", &a.month, false))
                    (part("year", "report-date-year", &a.year, true))
                }
            }
        }
    }
}

fn about_fields(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let e = p.errors;
    let anonymous = a.privacy == Privacy::Anonymous.as_str();
    let behalf = [
        Radio {
            value: "self",
            label: ctx.t("report-behalf-self"),
            hint: None,
            checked: a.behalf == "self",
        },
        Radio {
            value: "other",
            label: ctx.t("report-behalf-other"),
            hint: Some(ctx.t("report-behalf-other-hint")),
            checked: a.behalf == "other",
        },
    ];
    html! {
        p { (ctx.t(if anonymous { "report-about-intro-anonymous" } else { "report-about-intro" })) }
        (Input { name: "name", label: if anonymous { "report-name-label-optional" } else { "report-name-label" }, hint: None, value: &a.name, kind: "text", autocomplete: Some("name"), class: None }.render(ctx, e))
        (Input { name: "email", label: "report-email-label", hint: Some("report-contact-hint"), value: &a.email, kind: "email", autocomplete: Some("email"), class: None }.render(ctx, e))
        (Input { name: "phone", label: "report-phone-label", hint: Some("register-phone-hint"), value: &a.phone, kind: "tel", autocomplete: Some("tel"), class: None }.render(ctx, e))
        (radios(ctx, "behalf", &ctx.t("report-behalf-legend"), false, None, &behalf, e))
        (Input { name: "relationship", label: "report-relationship-label", hint: Some("report-relationship-hint"), value: &a.relationship, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, e))
        (choices(ctx, "other_agreed", "report-other-agreed-legend", None, "checkbox", &[
            Choice { name: "other_agreed", value: "yes", label: "report-other-agreed", checked: a.other_agreed == "yes" },
        ], e))
        (choices(ctx, "consent", "report-consent-legend", Some(ctx.t("report-consent-hint")), "checkbox", &[
            Choice { name: "consent", value: "yes", label: "report-consent", checked: a.consent == "yes" },
        ], e))
        p { a href=(ctx.url("/pages/privacy")) { (ctx.t("report-privacy-link")) } }
    }
}

fn photos_step(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let e = p.errors;
    let full = p.photos.len() >= MAX_PHOTOS;
    html! {
        p { (ctx.t_args("report-photos-intro", &[("max", MAX_PHOTOS.into())])) }
        @if p.photos.is_empty() {
            p { (ctx.t("report-photos-none")) }
        } @else {
            h2 { (ctx.t_args("report-photos-added", &[("count", p.photos.len().into())])) }
            ul.photo-list {
                @for (i, ph) in p.photos.iter().enumerate() {
                    @let alt = photo_alt(ctx, ph, i);
                    li {
                        img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(alt);
                        p data-source="data" { (ph.description.clone().unwrap_or_else(|| ctx.t("report-photo-no-description"))) }
                        form method="post" action=(ctx.url(&format!("/reports/new/photos/{}/remove", ph.id))) {
                            button.button.button--secondary type="submit" {
                                (ctx.t("report-photo-remove")) span.visually-hidden { " " (alt) }
                            }
                        }
                    }
                }
            }
        }
        @if full {
            p { (ctx.t_args("report-photos-full", &[("max", MAX_PHOTOS.into())])) }
        } @else {
            h2 { (ctx.t("report-photo-add-heading")) }
            form #(UPLOAD_FORM_ID) method="post" enctype="multipart/form-data" action=(ctx.url("/reports/new/photos")) novalidate {
                @let error = e.get("photo");
                div.field.field--error[error.is_some()] {
                    label for="photo" { (ctx.t("report-photo-label")) }
                    p.hint #photo-hint { (ctx.t("report-photo-hint")) }
                    @if let Some(err) = error { (super::components::error_message(ctx, "photo-error", err)) }
                    input #photo type="file" name="photo" accept="image/jpeg,image/png,image/webp"
                        aria-describedby=(if error.is_some() { "photo-hint photo-error" } else { "photo-hint" })
                        aria-invalid=[error.map(|_| "true")];
                }
                (textarea(ctx, "photo_description", "report-photo-description-label", Some("report-photo-description-hint"), p.photo_description, e))
                p.hint { (ctx.t_args("report-photo-description-max", &[("max", PHOTO_DESCRIPTION_MAX.into())])) }
                input type="hidden" name="upload_id" value=(p.upload_id);
                @if p.return_to_check { input type="hidden" name="return" value="check"; }
                button.button.button--secondary type="submit" { (ctx.t("report-photo-upload")) }
            }
        }
        p { a.button href=(step_url(ctx, if p.return_to_check { Step::Check } else { Step::Privacy }, false)) {
            (ctx.t(if p.photos.is_empty() { "report-photos-skip" } else { "report-continue" }))
        } }
    }
}

/// A photo's alt text: its description, or "Photo N" when it has none.
fn photo_alt(ctx: &PageCtx, ph: &Photo, index: usize) -> String {
    ph.description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| ctx.t_args("report-photo-default-alt", &[("n", (index + 1).into())]))
}

/// One answer of "check your answers".
struct Row {
    key: String,
    value: Markup,
    change: Step,
}

fn check(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let none = ctx.t("report-answer-none");
    let text = |s: &str| {
        if s.trim().is_empty() {
            html! { (none) }
        } else {
            html! { span data-source="data" { (s) } }
        }
    };
    let kind = Kind::parse(&a.kind)
        .map(|k| ctx.t(k.message_id()))
        .unwrap_or_default();
    let category = c
        .taxonomy
        .category(&a.category)
        .map(|x| x.name(lang).to_owned())
        .unwrap_or_default();
    let province = c
        .areas
        .province(&a.province)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let regency = c
        .areas
        .regency(&a.regency)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let agency = if a.agency.is_empty() {
        ctx.t("report-agency-unknown")
    } else {
        c.taxonomy
            .agency(&a.agency, &c.areas)
            .map(|x| x.name(lang).to_owned())
            .unwrap_or_default()
    };
    let date = a
        .date(p.today)
        .map(|d| format_date(ctx, d))
        .unwrap_or_default();
    let privacy = Privacy::parse(&a.privacy)
        .map(|v| ctx.t(v.message_id()))
        .unwrap_or_default();
    let contact: Vec<&str> = [a.email.as_str(), a.phone.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let behalf = if a.behalf == "other" {
        ctx.t_args(
            "report-check-behalf-other",
            &[("relationship", a.relationship.clone().into())],
        )
    } else {
        ctx.t("report-behalf-self")
    };
    let rows = [
        Row {
            key: ctx.t("report-check-kind"),
            value: html! { (kind) },
            change: Step::Kind,
        },
        Row {
            key: ctx.t("report-title-label"),
            value: text(&a.title),
            change: Step::Details,
        },
        Row {
            key: ctx.t("report-description-label"),
            value: html! { span.preserve-lines data-source="data" { (a.description) } },
            change: Step::Details,
        },
        Row {
            key: ctx.t("report-category-label"),
            value: html! { (category) },
            change: Step::Details,
        },
        Row {
            key: ctx.t("report-province-label"),
            value: html! { (province) },
            change: Step::Province,
        },
        Row {
            key: ctx.t("report-regency-label"),
            value: html! { (regency) },
            change: Step::Place,
        },
        Row {
            key: ctx.t("report-place-label"),
            value: text(&a.place),
            change: Step::Place,
        },
        Row {
            key: ctx.t("report-date-legend"),
            value: html! { (date) },
            change: Step::Date,
        },
        Row {
            key: ctx.t("report-agency-label"),
            value: html! { (agency) },
            change: Step::Agency,
        },
        Row {
            key: ctx.t("report-check-photos"),
            value: html! { (ctx.t_args("report-photos-count", &[("count", p.photos.len().into())])) },
            change: Step::Photos,
        },
        Row {
            key: ctx.t("report-check-privacy"),
            value: html! { (privacy) },
            change: Step::Privacy,
        },
        Row {
            key: ctx.t("report-name-label"),
            value: text(&a.name),
            change: Step::About,
        },
        Row {
            key: ctx.t("report-check-contact"),
            value: text(&contact.join(", ")),
            change: Step::About,
        },
        Row {
            key: ctx.t("report-behalf-legend"),
            value: html! { (behalf) },
            change: Step::About,
        },
    ];
    html! {
        dl.summary-list.summary-list--actions {
            @for r in &rows {
                div {
                    dt { (r.key) }
                    dd { (r.value) }
                    dd.summary-list__action {
                        a href=(step_url(ctx, r.change, true)) {
                            (ctx.t("report-change")) span.visually-hidden { " " (r.key) }
                        }
                    }
                }
            }
        }
        @if !p.photos.is_empty() {
            ul.photo-list {
                @for (i, ph) in p.photos.iter().enumerate() {
                    li { img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(photo_alt(ctx, ph, i)); }
                }
            }
        }
        @if a.personal_data_choice == "keep" && a.privacy != Privacy::Confidential.as_str() {
            div.notice.notice--warning { p { (ctx.t("report-check-personal-data-kept")) } }
        }
        h2 { (ctx.t("report-check-send-heading")) }
        p { (ctx.t("report-check-send-text")) }
        form #(STEP_FORM_ID) method="post" action=(ctx.url("/reports/new/send")) novalidate {
            button.button type="submit" { (ctx.t("report-send")) }
        }
    }
}

/// What the confirmation shows.
pub struct Confirmation<'a> {
    /// The tracking code, grouped (`K7M-4QX-92B`).
    pub code: &'a str,
    /// The access key, grouped, when it may still be shown (the first hour).
    pub key: Option<String>,
    /// The date by which staff check the report.
    pub verify_by: Date,
    pub privacy: Privacy,
}

/// Page: the report was sent.
pub fn sent(ctx: &PageCtx, c: &Confirmation<'_>) -> Markup {
    let title = ctx.t("report-sent-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            div.notice role="status" {
                h1 { (title) }
                p { (ctx.t("report-sent-code-label")) }
                p.code-display data-source="data" { (c.code) }
            }
            @if let Some(key) = &c.key {
                h2 { (ctx.t("report-sent-key-heading")) }
                p { (ctx.t("report-sent-key-label")) }
                p.code-display.code-display--key data-source="data" { (key) }
                p { strong { (ctx.t("report-sent-key-advice")) } }
            } @else {
                p { (ctx.t("report-sent-key-gone")) }
            }
            h2 { (ctx.t("report-sent-next-heading")) }
            p { (ctx.t_args("report-sent-next-verify", &[
                ("date", format_date(ctx, c.verify_by).into()),
                ("days", crate::domain::deadlines::ANSWER_WORKING_DAYS.into()),
            ])) }
            p { (ctx.t(match c.privacy {
                Privacy::Public => "report-sent-next-public",
                Privacy::Anonymous => "report-sent-next-anonymous",
                Privacy::Confidential => "report-sent-next-confidential",
            })) }
            p { a href=(ctx.url("/track")) { (ctx.t("report-sent-track-link")) } }
            form method="post" action=(ctx.url("/reports/new")) {
                button.button.button--secondary type="submit" { (ctx.t("report-start-another")) }
            }
        },
    )
}
