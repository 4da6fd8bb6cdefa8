//! Statistics and agency records: each chart is inline SVG (`role="img"`, a title and a
//! description, every bar labelled with its number so colour is never the only cue) with
//! the same figures in a table beside it.

use super::PageCtx;
use super::browse::number;
use super::dates::{format_date, format_moment, month_name};
use super::layout::{Title, page as shell};
use crate::content::taxonomy::Agency;
use crate::domain::case::Status;
use crate::domain::public::PublicReport;
use crate::domain::report::{Channel, Kind};
use crate::stats::{AgencyRecord, Stats};
use maud::{Markup, html};
use time::OffsetDateTime;

/// Component: a horizontal bar chart and the same figures in a table.
fn chart(
    ctx: &PageCtx,
    id: &str,
    heading: &str,
    label_col: &str,
    rows: &[(String, i64, Option<String>)],
) -> Markup {
    let max = rows.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    // Each row: its label on a line of its own, the bar and its figure below. The SVG is
    // at most 20rem wide and scales down with the column (288 px at a 320 px viewport), so
    // its 13-unit text stays at 12.5 px or more, and a label has the whole width (#21).
    let row_h = 40;
    let height = i64::try_from(rows.len()).unwrap_or(0) * row_h + 4;
    let desc = ctx.t("stats-chart-desc");
    html! {
        // Not a named region: the table inside is the region, named by the heading.
        section.chart {
            h2 id=(format!("{id}-heading")) { (heading) }
            @if rows.is_empty() {
                p { (ctx.t("stats-none")) }
            } @else {
                svg role="img" aria-labelledby=(format!("{id}-title {id}-desc")) viewBox=(format!("0 0 300 {height}")) width="100%" xmlns="http://www.w3.org/2000/svg" {
                    title id=(format!("{id}-title")) { (heading) }
                    desc id=(format!("{id}-desc")) { (desc) " " }
                    @for (i, (label, n, _)) in rows.iter().enumerate() {
                        @let y = i64::try_from(i).unwrap_or(0) * row_h + 2;
                        @let w = (n * 220 / max).max(if *n > 0 { 2 } else { 0 });
                        // The hidden separators (and the space that ends the description)
                        // draw nothing; a text browser, which reads the SVG's text in a row,
                        // would otherwise run description, labels and figures together.
                        text x="0" y=(y + 13) font-size="13" fill="currentColor" { (truncate(label, CHART_LABEL_CHARS)) tspan visibility="hidden" { ": " } }
                        rect x="0" y=(y + 18) width=(w) height="14" fill="currentColor" {}
                        text x=(w + 5) y=(y + 30) font-size="13" fill="currentColor" { (number(ctx, *n)) tspan visibility="hidden" { "; " } }
                    }
                }
                div.table-wrap tabindex="0" role="region" aria-label=(heading) {
                    table {
                        caption { (heading) }
                        thead { tr { th scope="col" { (label_col) } th scope="col" { (ctx.t("stats-col-reports")) } } }
                        tbody {
                            @for (label, n, link) in rows {
                                // Each figure leads to the reports behind it (the same public layer).
                                tr {
                                    th scope="row" { @if let Some(href) = link { a href=(href) { (label) } } @else { (label) } }
                                    td { (number(ctx, *n)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How many characters of a label fit on a chart row (300 units, 13-unit text); the table
/// beside the chart has every label whole.
const CHART_LABEL_CHARS: usize = 40;

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn freshness(ctx: &PageCtx, at: Option<OffsetDateTime>) -> Markup {
    html! {
        @if let Some(t) = at {
            p.hint { (ctx.t_args("stats-fresh", &[("time", format_moment(ctx, t).into())])) }
        }
    }
}

fn days(ctx: &PageCtx, d: Option<i64>) -> String {
    d.map_or_else(
        || ctx.t("stats-not-yet"),
        |d| ctx.t_args("stats-working-days", &[("days", d.into())]),
    )
}

/// Page: statistics.
pub fn page(ctx: &PageCtx, s: &Stats) -> Markup {
    let title = ctx.t("stats-title");
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let by = |m: &std::collections::BTreeMap<String, i64>,
              name: &dyn Fn(&str) -> String,
              filter: Option<&str>|
     -> Vec<(String, i64, Option<String>)> {
        let mut v: Vec<(String, i64, Option<String>)> = m
            .iter()
            .map(|(k, n)| {
                let link = filter.map(|f| {
                    ctx.url(&format!(
                        "/reports?status=all&{f}={}",
                        super::browse::encode(k)
                    ))
                });
                (name(k), *n, link)
            })
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    let status = by(
        &s.by_status,
        &|k| Status::parse(k).map_or_else(|| k.to_owned(), |s| ctx.t(s.message_id())),
        None,
    );
    let kind = by(
        &s.by_kind,
        &|k| {
            Kind::parse(k)
                .map(|x| ctx.t(x.message_id()))
                .unwrap_or_default()
        },
        Some("kind"),
    );
    let category = by(
        &s.by_category,
        &|k| {
            c.taxonomy
                .category(k)
                .map(|x| x.name(lang).to_owned())
                .unwrap_or_else(|| k.to_owned())
        },
        Some("category"),
    );
    let province = by(
        &s.by_province,
        &|k| {
            c.areas
                .province(k)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| k.to_owned())
        },
        Some("province"),
    );
    let channel = by(
        &s.by_channel,
        &|k| {
            Channel::parse(k)
                .map(|x| ctx.t(x.message_id()))
                .unwrap_or_else(|| k.to_owned())
        },
        None,
    );
    let monthly: Vec<(String, i64, Option<String>)> = s
        .monthly
        .iter()
        .map(|(y, m, n)| (format!("{} {y}", month_name(ctx, *m)), *n, None))
        .collect();
    shell(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t_args("stats-lede", &[("count", s.total.into()), ("shown", number(ctx, s.total).into())])) }
            (freshness(ctx, s.computed_at))
            dl.summary-list {
                div { dt { (ctx.t("stats-median-verify")) } dd { (days(ctx, s.median_verify_days)) } }
                div { dt { (ctx.t("stats-median-answer")) } dd { (days(ctx, s.median_answer_days)) } }
                div { dt { (ctx.t("stats-on-time")) } dd { (s.on_time_percent.map_or_else(|| ctx.t("stats-not-yet"), |p| format!("{p}%"))) } }
            }
            (chart(ctx, "trend", &ctx.t("stats-monthly"), &ctx.t("stats-col-month"), &monthly))
            (chart(ctx, "status", &ctx.t("stats-by-status"), &ctx.t("report-check-status"), &status))
            (chart(ctx, "kind", &ctx.t("stats-by-kind"), &ctx.t("report-check-kind"), &kind))
            (chart(ctx, "category", &ctx.t("stats-by-category"), &ctx.t("report-category-label"), &category))
            (chart(ctx, "province", &ctx.t("stats-by-province"), &ctx.t("report-province-label"), &province))
            (chart(ctx, "channel", &ctx.t("stats-by-channel"), &ctx.t("stats-col-channel"), &channel))
            p { a href=(ctx.url("/agencies")) { (ctx.t("stats-agencies-link")) } }
        },
    )
}

/// Page: the agencies, as a league table.
pub fn agencies(ctx: &PageCtx, s: &Stats, sort: &str) -> Markup {
    let title = ctx.t("agencies-title");
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let mut rows: Vec<(Agency, &AgencyRecord)> = s
        .agencies
        .iter()
        .filter_map(|(slug, r)| c.taxonomy.agency(slug, &c.areas).map(|a| (a, r)))
        .collect();
    match sort {
        "received" => rows.sort_by_key(|r| std::cmp::Reverse(r.1.received)),
        "name" => rows.sort_by(|a, b| a.0.name(lang).cmp(b.0.name(lang))),
        _ => rows.sort_by(|a, b| {
            b.1.on_time_percent()
                .cmp(&a.1.on_time_percent())
                .then(b.1.answered.cmp(&a.1.answered))
        }),
    }
    let sort_link = |key: &str, label: &str| {
        html! {
            @if sort == key { strong aria-current="true" { (ctx.t(label)) } }
            @else { a href=(ctx.url(&format!("/agencies?sort={key}"))) { (ctx.t(label)) } }
        }
    };
    shell(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("agencies-lede")) }
            (freshness(ctx, s.computed_at))
            p { (ctx.t("agencies-sort")) " " (sort_link("on-time", "agencies-sort-on-time")) " · " (sort_link("received", "agencies-sort-received")) " · " (sort_link("name", "agencies-sort-name")) }
            @if rows.is_empty() {
                p { (ctx.t("stats-none")) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-label=(title) {
                    table {
                        caption { (title) }
                        thead { tr {
                            th scope="col" { (ctx.t("report-agency-label")) }
                            th scope="col" { (ctx.t("agencies-received")) }
                            th scope="col" { (ctx.t("agencies-answered")) }
                            th scope="col" { (ctx.t("agencies-on-time")) }
                            th scope="col" { (ctx.t("agencies-median")) }
                            th scope="col" { (ctx.t("agencies-open")) }
                            th scope="col" { (ctx.t("agencies-overdue")) }
                        } }
                        tbody {
                            @for (a, r) in &rows {
                                tr {
                                    th scope="row" { a href=(ctx.url(&format!("/agencies/{}", a.slug))) { (a.name(lang)) } }
                                    td { (number(ctx, r.received)) }
                                    td { (number(ctx, r.answered)) }
                                    td { (r.on_time_percent().map_or_else(|| ctx.t("stats-not-yet"), |p| format!("{p}%"))) }
                                    td { (days(ctx, r.median_answer_days)) }
                                    td { (number(ctx, r.open)) }
                                    td { (number(ctx, r.overdue)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Page: one agency's record and its latest resolved reports.
pub fn agency(
    ctx: &PageCtx,
    a: &Agency,
    r: &AgencyRecord,
    latest: &[PublicReport],
    computed_at: Option<OffsetDateTime>,
) -> Markup {
    let lang = ctx.locale.tag.as_str();
    let name = a.name(lang).to_owned();
    shell(
        ctx,
        Title {
            name: &name,
            error: false,
        },
        html! {
            h1 { (name) }
            (freshness(ctx, computed_at))
            dl.summary-list {
                div { dt { (ctx.t("agencies-received")) } dd { (number(ctx, r.received)) } }
                div { dt { (ctx.t("agencies-answered")) } dd { (number(ctx, r.answered)) } }
                div { dt { (ctx.t("agencies-on-time")) } dd { (r.on_time_percent().map_or_else(|| ctx.t("stats-not-yet"), |p| format!("{p}%"))) } }
                div { dt { (ctx.t("agencies-median")) } dd { (days(ctx, r.median_answer_days)) } }
                div { dt { (ctx.t("agencies-open")) } dd { (number(ctx, r.open)) } }
                div { dt { (ctx.t("agencies-overdue")) } dd { (number(ctx, r.overdue)) } }
            }
            h2 { (ctx.t("agencies-latest")) }
            @if latest.is_empty() {
                p { (ctx.t("stats-none")) }
            } @else {
                ul {
                    @for rep in latest {
                        li {
                            a href=(ctx.url(&format!("/reports/{}", rep.code))) data-source="data" { (rep.title) }
                            " · " (ctx.t_args("browse-sent-on", &[("date", format_date(ctx, crate::domain::deadlines::local_date(rep.created_at, crate::domain::deadlines::zone_of_province(&rep.province))).into())]))
                        }
                    }
                }
            }
            p { a href=(ctx.url(&format!("/reports?agency={}&status=all", a.slug))) { (ctx.t("agencies-all-reports")) } }
            p { a href=(format!("/feeds/resolved.atom?agency={}", a.slug)) { (ctx.t("agencies-feed")) } }
            p { a href=(ctx.url("/agencies")) { (ctx.t("agencies-all")) } }
        },
    )
}
