//! The browse page: filters as a plain GET form, results as a list with headings, each
//! with its status in words, and pagination.

use super::PageCtx;
use super::components::{OptionGroup, Select};
/// Numbers are written by one function, in components (the error texts use it too).
pub use super::components::{number, number_arg};
use super::dates::format_date;
use super::layout::{Title, page as shell};
use crate::domain::public::{Browse, PublicReport, Sort, StatusFilter};
use crate::domain::report::Kind;
use crate::domain::{Code, FormErrors};
use maud::{Markup, html};

/// The browse query as typed (every field a string, so nothing fails to parse).
#[derive(Debug, Default, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct BrowseQuery {
    pub status: String,
    pub kind: String,
    pub category: String,
    pub province: String,
    pub regency: String,
    pub agency: String,
    pub from_day: String,
    pub from_month: String,
    pub from_year: String,
    pub to_day: String,
    pub to_month: String,
    pub to_year: String,
    pub q: String,
    pub sort: String,
    pub after: String,
    pub before: String,
    pub last: String,
    pub p: String,
}

impl BrowseQuery {
    /// The filters as a query string (no position), to build page links and exports.
    pub fn filters(&self) -> String {
        let plain = Self {
            after: String::new(),
            before: String::new(),
            last: String::new(),
            p: String::new(),
            ..self.clone()
        };
        let pairs: Vec<String> = [
            ("status", &plain.status),
            ("kind", &plain.kind),
            ("category", &plain.category),
            ("province", &plain.province),
            ("regency", &plain.regency),
            ("agency", &plain.agency),
            ("from_day", &plain.from_day),
            ("from_month", &plain.from_month),
            ("from_year", &plain.from_year),
            ("to_day", &plain.to_day),
            ("to_month", &plain.to_month),
            ("to_year", &plain.to_year),
            ("q", &plain.q),
            ("sort", &plain.sort),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
        pairs.join("&")
    }
}

/// Percent-encode a query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link to a nearby page.
#[derive(Debug, Clone)]
pub struct PageLink {
    pub number: i64,
    /// The cursor the page starts after (`None`: the first page).
    pub after: Option<String>,
    pub current: bool,
}

/// What the browse page shows.
pub struct BrowsePage<'a> {
    pub query: &'a BrowseQuery,
    pub browse: &'a Browse,
    pub total: i64,
    pub rows: &'a [PublicReport],
    pub page: i64,
    pub pages: i64,
    pub links: &'a [PageLink],
    /// Filters that were not recognised and were left out.
    pub dropped: &'a [&'static str],
}

/// Page: browse public reports.
pub fn page(ctx: &PageCtx, p: &BrowsePage<'_>) -> Markup {
    let title = ctx.t("browse-title");
    let q = p.query;
    let c = &ctx.content;
    let lang = ctx.locale.tag.as_str();
    let e = FormErrors::default();
    let plain = |options: Vec<(String, String)>| {
        [OptionGroup {
            label: None,
            options,
        }]
    };
    let heading = ctx.t_args(
        p.browse.status.count_message_id(),
        &[
            ("count", p.total.into()),
            ("shown", number(ctx, p.total).into()),
        ],
    );
    let filters = q.filters();
    // The feed of resolved reports under these filters (a province's, a regency's, a
    // body's), linked in `head` and in the open-data list.
    let feed_href = if filters.is_empty() {
        "/feeds/resolved.atom".to_owned()
    } else {
        format!("/feeds/resolved.atom?{filters}")
    };
    let ctx = &ctx
        .clone()
        .with_feed(ctx.t("feed-resolved-title"), feed_href.clone());
    let base = ctx.url("/reports");
    let with = |extra: &str| {
        let mut url = base.clone();
        let mut parts: Vec<&str> = Vec::new();
        if !filters.is_empty() {
            parts.push(&filters);
        }
        if !extra.is_empty() {
            parts.push(extra);
        }
        if !parts.is_empty() {
            url.push('?');
            url.push_str(&parts.join("&"));
        }
        url
    };
    let sort = p.browse.sort;
    let doc_title = doc_title(ctx, p, &heading);
    shell(
        ctx,
        Title {
            name: &doc_title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("browse-lede")) }
            p { a href="#results" { (ctx.t("browse-skip-to-results")) } }
            @if !p.dropped.is_empty() {
                div.notice.notice--warning role="status" {
                    p { (ctx.t("browse-dropped")) }
                    ul { @for d in p.dropped { li { (ctx.t(filter_message_id(d))) } } }
                }
            }
            form.filters method="get" action=(base) {
                h2 { (ctx.t("browse-filters-heading")) }
                div.field {
                    label for="q" { (ctx.t("browse-search-label")) }
                    p.hint #q-hint { (ctx.t("browse-search-hint")) }
                    input #q type="search" name="q" value=(q.q) aria-describedby="q-hint";
                }
                (Select { name: "status", label: &ctx.t("report-check-status"), hint: None, first: None, groups: &plain(StatusFilter::ALL.iter().map(|s| (s.as_str().to_owned(), ctx.t(s.message_id()))).collect()), selected: p.browse.status.as_str() }.render(ctx, &e))
                (Select { name: "kind", label: &ctx.t("report-check-kind"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(Kind::ALL.iter().map(|k| (k.as_str().to_owned(), ctx.t(k.message_id()))).collect()), selected: p.browse.kind.as_deref().unwrap_or_default() }.render(ctx, &e))
                (Select { name: "category", label: &ctx.t("report-category-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.taxonomy.categories.iter().map(|x| (x.slug.clone(), x.name(lang).to_owned())).collect()), selected: p.browse.category.as_deref().unwrap_or_default() }.render(ctx, &e))
                (Select { name: "province", label: &ctx.t("report-province-label"), hint: Some(&ctx.t(if p.browse.province.is_some() { "browse-province-hint-chosen" } else { "browse-province-hint" })), first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.areas.provinces().map(|x| (x.code.clone(), x.name.clone())).collect()), selected: p.browse.province.as_deref().unwrap_or_default() }.render(ctx, &e))
                @if let Some(province) = &p.browse.province {
                    (Select { name: "regency", label: &ctx.t("report-regency-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.areas.regencies_in(province).map(|x| (x.code.clone(), x.name.clone())).collect()), selected: p.browse.regency.as_deref().unwrap_or_default() }.render(ctx, &e))
                }
                (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: Some(&ctx.t("browse-agency-hint")), first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.taxonomy.national.iter().map(|x| (x.slug.clone(), x.name(lang).to_owned())).collect()), selected: p.browse.agency.as_deref().unwrap_or_default() }.render(ctx, &e))
                (date_range(ctx, "from", "browse-from", [&q.from_day, &q.from_month, &q.from_year]))
                (date_range(ctx, "to", "browse-to", [&q.to_day, &q.to_month, &q.to_year]))
                (Select { name: "sort", label: &ctx.t("browse-sort"), hint: None, first: None, groups: &plain(Sort::ALL.iter().map(|s| (s.as_str().to_owned(), ctx.t(s.message_id()))).collect()), selected: sort.as_str() }.render(ctx, &e))
                button.button type="submit" { (ctx.t("browse-apply")) }
                p { a href=(base) { (ctx.t("browse-clear")) } }
            }
            h2 #results aria-live="polite" { (heading) }
            @if p.rows.is_empty() {
                p { (ctx.t("browse-empty")) }
                ul {
                    li { (ctx.t("browse-empty-status")) }
                    li { (ctx.t("browse-empty-filters")) }
                    li { (ctx.t("browse-empty-words")) }
                }
            } @else {
                ol.results {
                    @for r in p.rows {
                        @let code = Code::parse(&r.code).map(|x| x.to_string()).unwrap_or_default();
                        li {
                            // Two reports may share a title: the link's name ends with the code.
                            h3 { a href=(ctx.url(&format!("/reports/{}", r.code))) { span data-source="data" lang=[r.text_lang.as_deref()] { (r.title) } span.visually-hidden { ", " (ctx.t_args("browse-link-code", &[("code", code.clone().into())])) } } }
                            p {
                                strong { (ctx.t(r.status.message_id())) }
                                " · " (ctx.t(r.kind.message_id()))
                                " · " (c.taxonomy.category(&r.category).map(|x| x.name(lang).to_owned()).unwrap_or_default())
                            }
                            p.hint {
                                (c.areas.regency(&r.regency).map(|x| x.name.clone()).unwrap_or_default())
                                ", " (c.areas.province(&r.province).map(|x| x.name.clone()).unwrap_or_default())
                                " · " (ctx.t_args("browse-sent-on", &[("date", format_date(ctx, crate::domain::deadlines::local_date(r.created_at, crate::domain::deadlines::zone_of_province(&r.province))).into())]))
                                " · " (code)
                            }
                        }
                    }
                }
                @if p.pages > 1 {
                    nav.pagination aria-label=(ctx.t("browse-pages-label")) {
                        ul {
                            @if p.page > 1 {
                                @if let Some(first) = p.rows.first() {
                                    li { a href=(with(&format!("before={}&p={}", crate::domain::public::Cursor::of(first).encode(sort), p.page - 1))) rel="prev" { (ctx.t("browse-previous")) } }
                                }
                            }
                            @for l in p.links {
                                li {
                                    @if l.current {
                                        a href=(with(&format!("p={}", l.number))) aria-current="page" { (ctx.t_args("browse-page-n", &[("n", number_arg(ctx, l.number))])) }
                                    } @else {
                                        @let extra = match &l.after { Some(a) => format!("after={a}&p={}", l.number), None => String::new() };
                                        a href=(with(&extra)) { (ctx.t_args("browse-page-n", &[("n", number_arg(ctx, l.number))])) }
                                    }
                                }
                            }
                            @if p.page < p.pages {
                                @if let Some(last) = p.rows.last() {
                                    li { a href=(with(&format!("after={}&p={}", crate::domain::public::Cursor::of(last).encode(sort), p.page + 1))) rel="next" { (ctx.t("browse-next")) } }
                                }
                                li { a href=(with("last=1")) { (ctx.t_args("browse-last", &[("n", number_arg(ctx, p.pages))])) } }
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t("browse-open-data-heading")) }
            ul {
                li { a href=(format!("/data/reports.csv{}", if filters.is_empty() { String::new() } else { format!("?{filters}") })) { (ctx.t("browse-csv")) } }
                li { a href=(format!("/data/reports.json{}", if filters.is_empty() { String::new() } else { format!("?{filters}") })) { (ctx.t("browse-json")) } }
                li { a href=(feed_href) type="application/atom+xml" { (ctx.t(if filters.is_empty() { "browse-feed" } else { "browse-feed-filtered" })) } }
                li { a href=(ctx.url("/pages/open-data")) { (ctx.t("browse-open-data-about")) } }
                li { a href=(ctx.url("/statistics")) { (ctx.t("nav-statistics")) } }
                li { a href=(ctx.url("/agencies")) { (ctx.t("agencies-title")) } }
            }
        },
    )
}

/// Component: a date filter as three labelled inputs.
/// The page's `<title>`: which search, filters and page it is (browse, search and page 2
/// are different pages, so their titles differ).
fn doc_title(ctx: &PageCtx, p: &BrowsePage<'_>, heading: &str) -> String {
    let filtered = p.browse.kind.is_some()
        || p.browse.category.is_some()
        || p.browse.province.is_some()
        || p.browse.regency.is_some()
        || p.browse.agency.is_some()
        || p.browse.from.is_some()
        || p.browse.until.is_some()
        || p.browse.status != StatusFilter::default();
    let what = match p.browse.text.as_deref().filter(|t| !t.is_empty()) {
        Some(words) => Some(ctx.t_args("browse-doc-search", &[("q", words.to_owned().into())])),
        None if filtered => Some(ctx.t_args(
            "browse-doc-filtered",
            &[("heading", heading.to_owned().into())],
        )),
        None => None,
    };
    let base = what.clone().unwrap_or_else(|| ctx.t("browse-title"));
    let paged = if p.pages > 1 {
        ctx.t_args(
            "browse-doc-page",
            &[
                ("what", base.into()),
                ("page", number(ctx, p.page).into()),
                ("pages", number(ctx, p.pages).into()),
            ],
        )
    } else {
        base
    };
    if what.is_some() {
        ctx.t_args("browse-doc-title", &[("what", paged.into())])
    } else {
        paged
    }
}

fn date_range(ctx: &PageCtx, prefix: &str, legend: &str, values: [&str; 3]) -> Markup {
    let parts = [
        ("day", "report-date-day", false),
        ("month", "report-date-month", false),
        ("year", "report-date-year", true),
    ];
    html! {
        div.field {
            fieldset role="group" {
                legend { (ctx.t(legend)) }
                div.date-input {
                    @for (i, (part, label, wide)) in parts.iter().enumerate() {
                        @let id = format!("{prefix}_{part}");
                        div.date-part {
                            label for=(id) { (ctx.t(label)) }
                            input id=(id) name=(id) type="text" inputmode="numeric" value=(values[i])
                                class=(if *wide { "input--year" } else { "input--short" });
                        }
                    }
                }
            }
        }
    }
}

/// The Fluent id naming a browse filter that was dropped (its query name).
pub fn filter_message_id(name: &str) -> &'static str {
    match name {
        "kind" => "browse-filter-kind",
        "category" => "browse-filter-category",
        "province" => "browse-filter-province",
        "regency" => "browse-filter-regency",
        "agency" => "browse-filter-agency",
        "q" => "browse-filter-q",
        "status" => "browse-filter-status",
        "sort" => "browse-filter-sort",
        "from" => "browse-filter-from",
        "to" => "browse-filter-to",
        _ => "browse-filter-query",
    }
}
