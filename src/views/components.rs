//! Components shared by pages: form fields in the GOV.UK patterns (label, hint and error
//! tied with `aria-describedby`), the error summary, responsive images.

use super::PageCtx;
use crate::content::images::SourceImage;
use crate::content::taxonomy::Agency;
use crate::domain::{FieldError, FormErrors};
use maud::{Markup, html};

/// A whole number with the language's thousands separator ("1,204", "1.204").
pub fn number(ctx: &PageCtx, n: i64) -> String {
    let sep = if ctx.locale.tag == "en" { ',' } else { '.' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A number for a message: from 1,000 up the same text as [`number`], so a page never
/// writes "4.000" in one place and "4000" in another; below it a number, which plural
/// selectors need (1,000 and more are "other" in every language offered).
pub fn number_arg(ctx: &PageCtx, n: i64) -> fluent_templates::fluent_bundle::FluentValue<'static> {
    if n.unsigned_abs() >= 1000 {
        number(ctx, n).into()
    } else {
        n.into()
    }
}

/// The text of a field error, in the page's language.
pub fn error_text(ctx: &PageCtx, e: &FieldError) -> String {
    let args: Vec<(&str, fluent_templates::fluent_bundle::FluentValue<'_>)> = e
        .args
        .iter()
        .map(|(k, v)| (*k, number_arg(ctx, *v)))
        .collect();
    ctx.t_args(e.message_id, &args)
}

/// Component: the error summary at the top of a failed form, focused on arrival
/// (`autofocus` on a `tabindex="-1"` container works without script) and linking to
/// each field in error.
pub fn error_summary(ctx: &PageCtx, errors: &FormErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary tabindex="-1" autofocus {
                div role="alert" {
                    h2.error-summary__title #error-summary-title { (ctx.t("form-error-summary-title")) }
                    ul {
                        @for e in errors.iter() {
                            li { a href={ "#" (e.field) } { (error_text(ctx, e)) } }
                        }
                    }
                }
            }
        }
    }
}

/// `aria-describedby` from the ids of a hint and an error that exist.
fn described_by(hint: Option<&str>, error: Option<&str>) -> Option<String> {
    let ids: Vec<&str> = [hint, error].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A text-like input field.
pub struct Input<'a> {
    /// `name` and `id`.
    pub name: &'a str,
    /// Fluent id of the label.
    pub label: &'a str,
    /// Fluent id of the hint, if any.
    pub hint: Option<&'a str>,
    /// Current value (kept across failed submissions).
    pub value: &'a str,
    /// `text`, `email`, `tel`...
    pub kind: &'a str,
    /// `autocomplete` token for personal fields.
    pub autocomplete: Option<&'a str>,
    /// Extra CSS class (`input--short`).
    pub class: Option<&'a str>,
}

impl Input<'_> {
    /// Component: label, hint, error and input.
    pub fn render(&self, ctx: &PageCtx, errors: &FormErrors) -> Markup {
        let error = errors.get(self.name);
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let described = described_by(
            self.hint.map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        );
        html! {
            div.field.field--error[error.is_some()] {
                label for=(self.name) { (ctx.t(self.label)) }
                @if let Some(h) = self.hint { p.hint id=(hint_id) { (ctx.t(h)) } }
                @if let Some(e) = error { (error_message(ctx, &error_id, e)) }
                input type=(self.kind) id=(self.name) name=(self.name) value=(self.value) class=[self.class]
                    autocomplete=[self.autocomplete] spellcheck=[self.autocomplete.map(|_| "false")]
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[described];
            }
        }
    }
}

/// Component: a multi-line text field.
pub fn textarea(
    ctx: &PageCtx,
    name: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    errors: &FormErrors,
) -> Markup {
    let error = errors.get(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = described_by(
        hint.map(|_| hint_id.as_str()),
        error.map(|_| error_id.as_str()),
    );
    html! {
        div.field.field--error[error.is_some()] {
            label for=(name) { (ctx.t(label)) }
            @if let Some(h) = hint { p.hint id=(hint_id) { (ctx.t(h)) } }
            @if let Some(e) = error { (error_message(ctx, &error_id, e)) }
            textarea id=(name) name=(name) rows="3" aria-invalid=[error.map(|_| "true")] aria-describedby=[described] { (value) }
        }
    }
}

/// Component: the message beside a field in error, with a hidden "Error:" for screen readers.
pub fn error_message(ctx: &PageCtx, id: &str, e: &FieldError) -> Markup {
    html! {
        p.error-message id=(id) {
            span.visually-hidden { (ctx.t("form-error-prefix")) " " }
            (error_text(ctx, e))
        }
    }
}

/// One choice in a group of radios or checkboxes.
pub struct Choice<'a> {
    /// `name` of the input (checkboxes each have their own).
    pub name: &'a str,
    /// Submitted value.
    pub value: &'a str,
    /// Fluent id of its label.
    pub label: &'a str,
    /// Whether it is selected.
    pub checked: bool,
}

/// Component: radios or checkboxes in a fieldset with a legend, hint and error. A
/// checkbox's id is its name; a radio group's first input carries the group's id, so
/// the error summary's link always lands on an input.
pub fn choices(
    ctx: &PageCtx,
    group: &str,
    legend: &str,
    hint: Option<String>,
    kind: &str,
    items: &[Choice<'_>],
    errors: &FormErrors,
) -> Markup {
    let error = errors
        .get(group)
        .or_else(|| items.iter().find_map(|c| errors.get(c.name)));
    let hint_id = format!("{group}-hint");
    let error_id = format!("{group}-error");
    let described = described_by(
        hint.as_ref().map(|_| hint_id.as_str()),
        error.map(|_| error_id.as_str()),
    );
    let class = if kind == "radio" {
        "radios"
    } else {
        "checkboxes"
    };
    html! {
        div.field.field--error[error.is_some()] {
            fieldset aria-describedby=[described] {
                legend { (ctx.t(legend)) }
                @if let Some(h) = &hint { p.hint id=(hint_id) { (h) } }
                @if let Some(e) = error { (error_message(ctx, &error_id, e)) }
                div class=(class) {
                    @for (i, c) in items.iter().enumerate() {
                        @let id = if kind == "checkbox" { c.name.to_owned() } else if i == 0 { group.to_owned() } else { format!("{group}-{i}") };
                        div class=(kind) {
                            input type=(kind) id=(id) name=(c.name) value=(c.value) checked[c.checked];
                            label for=(id) { (ctx.t(c.label)) }
                        }
                    }
                }
            }
        }
    }
}

/// Component: a content image at several widths, with its size to avoid layout shift.
pub fn responsive_image(image: &SourceImage, alt: &str, sizes: &str) -> Markup {
    let variants = image.variants();
    let srcset: Vec<String> = variants
        .iter()
        .map(|(w, _)| format!("{} {w}w", image.url(*w)))
        .collect();
    let (w, h) = variants
        .last()
        .copied()
        .unwrap_or((image.width, image.height));
    html! {
        img src=(image.url(w)) srcset=(srcset.join(", ")) sizes=(sizes) width=(w) height=(h) alt=(alt);
    }
}

/// One radio with text already in the page's language (for lists from content and
/// for choices that carry a hint).
pub struct Radio<'a> {
    /// Submitted value.
    pub value: &'a str,
    /// Its label.
    pub label: String,
    /// A one-line hint under the label, tied with `aria-describedby`.
    pub hint: Option<String>,
    /// Whether it is selected.
    pub checked: bool,
}

/// Component: a radio group whose legend is the page's `h1` (one question per page, the
/// GOV.UK pattern) or a plain legend. The first radio carries the group's id, so the
/// error summary's link lands on an input.
pub fn radios(
    ctx: &PageCtx,
    group: &str,
    legend: &str,
    legend_is_heading: bool,
    hint: Option<&str>,
    items: &[Radio<'_>],
    errors: &FormErrors,
) -> Markup {
    let error = errors.get(group);
    let hint_id = format!("{group}-hint");
    let error_id = format!("{group}-error");
    let described = described_by(
        hint.map(|_| hint_id.as_str()),
        error.map(|_| error_id.as_str()),
    );
    html! {
        div.field.field--error[error.is_some()] {
            fieldset aria-describedby=[described] {
                legend {
                    @if legend_is_heading { h1 { (legend) } } @else { (legend) }
                }
                @if let Some(h) = hint { p.hint id=(hint_id) { (h) } }
                @if let Some(e) = error { (error_message(ctx, &error_id, e)) }
                div.radios {
                    @for (i, r) in items.iter().enumerate() {
                        @let id = if i == 0 { group.to_owned() } else { format!("{group}-{i}") };
                        @let item_hint = format!("{id}-item-hint");
                        div.radio {
                            input type="radio" id=(id) name=(group) value=(r.value) checked[r.checked]
                                aria-describedby=[r.hint.as_ref().map(|_| item_hint.as_str())];
                            label for=(id) { (r.label) }
                            @if let Some(h) = &r.hint { p.hint id=(item_hint) { (h) } }
                        }
                    }
                }
            }
        }
    }
}

/// A group of options in a select (`label` `None`: options without a group).
pub struct OptionGroup {
    /// The group's label, in the page's language.
    pub label: Option<String>,
    /// (value, text) pairs.
    pub options: Vec<(String, String)>,
}

/// Component: a labelled select with hint and error.
pub struct Select<'a> {
    pub name: &'a str,
    /// The label, in the page's language.
    pub label: &'a str,
    pub hint: Option<&'a str>,
    /// An option with an empty value shown first ("Choose...").
    pub first: Option<&'a str>,
    pub groups: &'a [OptionGroup],
    /// The value chosen.
    pub selected: &'a str,
}

impl Select<'_> {
    /// The field, with its error from `errors`.
    pub fn render(&self, ctx: &PageCtx, errors: &FormErrors) -> Markup {
        let Self {
            name,
            label,
            hint,
            first,
            groups,
            selected,
        } = *self;
        let error = errors.get(name);
        let hint_id = format!("{name}-hint");
        let error_id = format!("{name}-error");
        let described = described_by(
            hint.map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        );
        html! {
            div.field.field--error[error.is_some()] {
                label for=(name) { (label) }
                @if let Some(h) = hint { p.hint id=(hint_id) { (h) } }
                @if let Some(e) = error { (error_message(ctx, &error_id, e)) }
                select id=(name) name=(name) aria-invalid=[error.map(|_| "true")] aria-describedby=[described] {
                    @if let Some(f) = first { option value="" selected[selected.is_empty()] { (f) } }
                    @for g in groups {
                        @if let Some(l) = &g.label {
                            optgroup label=(l) {
                                @for (v, t) in &g.options { option value=(v) selected[selected == v] { (t) } }
                            }
                        } @else {
                            @for (v, t) in &g.options { option value=(v) selected[selected == v] { (t) } }
                        }
                    }
                }
            }
        }
    }
}

/// `lang` for text that fell back to another language than the page's.
pub fn other_lang<'a>(ctx: &PageCtx, lang: &'a str) -> Option<&'a str> {
    (lang != ctx.locale.tag).then_some(lang)
}

/// The agencies a report in `province` (and `regency`) may go to, as option groups: its
/// regional governments first, then the national agencies (the report form and routing).
pub fn agency_groups(ctx: &PageCtx, province: &str, regency: Option<&str>) -> [OptionGroup; 2] {
    let (c, lang) = (&ctx.content, ctx.locale.tag.as_str());
    let options = |agencies: &[Agency]| {
        agencies
            .iter()
            .map(|g| (g.slug.clone(), g.name(lang).to_owned()))
            .collect()
    };
    let regional = c.taxonomy.regional_agencies(province, regency, &c.areas);
    [
        OptionGroup {
            label: Some(ctx.t("report-agency-regional")),
            options: options(&regional),
        },
        OptionGroup {
            label: Some(ctx.t("report-agency-national")),
            options: options(&c.taxonomy.national),
        },
    ]
}
