//! The fields of each step of the report form.

use super::StepPage;
use crate::domain::FormErrors;
use crate::domain::report::{DESCRIPTION_MAX, Kind, Privacy, Step, TITLE_MAX};
use crate::views::PageCtx;
use crate::views::components::{
    Choice, Input, OptionGroup, Radio, Select, agency_groups, choices, radios,
};
use maud::{Markup, html};

/// The fields of the step `p.step` (the photos and check steps have none).
pub(super) fn step_fields(ctx: &PageCtx, p: &StepPage<'_>, title: &str) -> Markup {
    match p.step {
        Step::Kind => kind_fields(ctx, p, title),
        Step::Details => details_fields(ctx, p),
        Step::PersonalData => personal_data_fields(ctx, p, title),
        Step::Province => province_fields(ctx, p),
        Step::Place => place_fields(ctx, p),
        Step::Date => date_fields(ctx, p),
        Step::Agency => agency_fields(ctx, p),
        Step::Privacy => privacy_fields(ctx, p, title),
        Step::About => about_fields(ctx, p),
        Step::Photos | Step::Check => html! {},
    }
}

/// Fields: the kind of report, one radio button per kind.
fn kind_fields(ctx: &PageCtx, p: &StepPage<'_>, title: &str) -> Markup {
    let a = p.answers;
    let items: Vec<Radio<'_>> = Kind::ALL
        .iter()
        .map(|k| Radio {
            value: k.as_str(),
            label: ctx.t(k.message_id()),
            hint: Some(ctx.t(k.hint_message_id())),
            checked: a.kind == k.as_str(),
        })
        .collect();
    radios(ctx, "kind", title, true, None, &items, p.errors)
}

/// Fields: the title, description and category, with the honeypot.
fn details_fields(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let e = p.errors;
    let lang = ctx.locale.tag.as_str();
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
        // Each limit in its field's own hint (tied by aria-describedby), its number written
        // by the one function for numbers.
        (limited_field(ctx, "title", "report-title-label", "report-title-hint", TITLE_MAX, &a.title, e))
        (limited_field(ctx, "description", "report-description-label", "report-description-hint", DESCRIPTION_MAX, &a.description, e))
        (Select { name: "category", label: &ctx.t("report-category-label"), hint: Some(&ctx.t("report-category-hint")), first: Some(&ctx.t("report-choose")), groups: &[categories], selected: &a.category }.render(ctx, e))
        // Honeypot: hidden by CSS (so from screen readers too); people never fill it.
        div.honeypot aria-hidden="true" {
            label for="website" { (ctx.t("register-honeypot")) }
            input #website type="text" name="website" value="" autocomplete="off" tabindex="-1";
        }
    }
}

/// A text field whose hint says its limit: `title` an input, `description` a textarea.
fn limited_field(
    ctx: &PageCtx,
    name: &str,
    label: &str,
    hint: &str,
    max: usize,
    value: &str,
    e: &FormErrors,
) -> Markup {
    let error = e.get(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = match error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let max = crate::views::components::number_arg(ctx, i64::try_from(max).unwrap_or(i64::MAX));
    html! {
        div.field.field--error[error.is_some()] {
            label for=(name) { (ctx.t(label)) }
            p.hint id=(hint_id) { (ctx.t_args(hint, &[("max", max)])) }
            @if let Some(err) = error { (crate::views::components::error_message(ctx, &error_id, err)) }
            @if name == "title" {
                input type="text" id=(name) name=(name) value=(value) autocomplete="off" spellcheck="false"
                    aria-invalid=[error.map(|_| "true")] aria-describedby=(described);
            } @else {
                textarea id=(name) name=(name) rows="3" aria-invalid=[error.map(|_| "true")] aria-describedby=(described) { (value) }
            }
        }
    }
}

/// Fields: the personal data found in the text, and whether to edit or keep it.
fn personal_data_fields(ctx: &PageCtx, p: &StepPage<'_>, title: &str) -> Markup {
    let a = p.answers;
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
        (radios(ctx, "personal_data_choice", &ctx.t("report-personal-data-legend"), false, None, &items, p.errors))
    }
}

/// Fields: the province, chosen from a list.
fn province_fields(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
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
        selected: &p.answers.province,
    }
    .render(ctx, p.errors)
}

/// Fields: the regency of the chosen province, and the place.
fn place_fields(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let e = p.errors;
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

/// Fields: the agency, regional ones of the place first, then national ones.
fn agency_fields(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let regency = Some(a.regency.as_str()).filter(|r| !r.is_empty());
    let groups = agency_groups(ctx, &a.province, regency);
    Select {
        name: "agency",
        label: &ctx.t("report-agency-label"),
        hint: Some(&ctx.t("report-agency-hint")),
        first: Some(&ctx.t("report-agency-unknown")),
        groups: &groups,
        selected: &a.agency,
    }
    .render(ctx, p.errors)
}

/// Fields: the privacy choice, with the "who sees what" table.
fn privacy_fields(ctx: &PageCtx, p: &StepPage<'_>, title: &str) -> Markup {
    let a = p.answers;
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
        (radios(ctx, "privacy", title, true, Some(&ctx.t("report-privacy-hint")), &items, p.errors))
        (who_sees_what(ctx))
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

/// Fields: the date, as day, month and year.
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
                @if let Some(err) = error { (crate::views::components::error_message(ctx, "date-error", err)) }
                div.date-input {
                    (part("day", "report-date-day", &a.day, false))
                    (part("month", "report-date-month", &a.month, false))
                    (part("year", "report-date-year", &a.year, true))
                }
            }
        }
    }
}

/// Fields: the reporter's name, contact, on whose behalf, and the consents.
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
        (choices(ctx, "notify", "report-notify-legend", Some(ctx.t("report-notify-hint")), "checkbox", &[
            Choice { name: "notify", value: "yes", label: "report-notify", checked: a.notify == "yes" },
        ], e))
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
