//! What people met using Balai by hand (issue #21, items 2, 4, 6 and 7), beyond the
//! automated checks: buttons that look like what they do, error links that keep the label
//! in view, errors that survive forced colours, titles that say which page it is, readable
//! charts, limits tied to their fields, one way to write a number, optional fields marked,
//! specific errors, report links told apart, and the tracking form filled in.

use crate::helpers::{TestApp, clean, repo, sel, text_of};
use crate::public::sent;
use crate::reports::Browser;
use crate::staff::{act, report, sign_in};
use crate::workshops::{SMALL, fixed};

fn css() -> String {
    std::fs::read_to_string(repo().join("assets/css/site.css")).unwrap()
}

/// The CSS rules outside any at-rule block, as (selectors, declarations). Enough for the
/// flat stylesheet of Balai: a rule inside `@media` is skipped with its block.
fn top_level_rules(css: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        rest = rest[i..].split_once("*/").map_or("", |(_, r)| r);
    }
    text.push_str(rest);
    let mut rules = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    let mut selector = String::new();
    let mut at_rule = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '{' => {
                if depth == 0 {
                    selector = text[start..i].trim().to_owned();
                    if selector.starts_with('@') {
                        at_rule = 1;
                    }
                }
                depth += 1;
                start = i + 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    if at_rule == 0 {
                        rules.push((selector.clone(), text[start..i].trim().to_owned()));
                    }
                    at_rule = 0;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    rules
}

/// Specificity (ids, classes, types) of one complex selector: enough for the selectors
/// Balai writes (`:where()` counts nothing, `:not()` and `:is()` their argument).
fn specificity(s: &str) -> (u32, u32, u32) {
    let mut out = (0, 0, 0);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                out.0 += 1;
                i += 1;
            }
            b'.' | b'[' => {
                out.1 += 1;
                i += 1;
                if b[i - 1] == b'[' {
                    while i < b.len() && b[i] != b']' {
                        i += 1;
                    }
                }
            }
            b':' => {
                let rest = &s[i..];
                if rest.starts_with(":where(") {
                    let mut depth = 0;
                    while i < b.len() {
                        if b[i] == b'(' {
                            depth += 1;
                        } else if b[i] == b')' {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        i += 1;
                    }
                    i += 1;
                } else if rest.starts_with(":not(") || rest.starts_with(":is(") {
                    // The argument is counted as the loop goes on through it.
                    i += rest.find('(').unwrap() + 1;
                } else {
                    if !rest.starts_with("::") {
                        out.1 += 1;
                    }
                    i += 1;
                    while i < b.len()
                        && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':')
                    {
                        i += 1;
                    }
                }
            }
            c if c.is_ascii_alphabetic() => {
                let prev = if i == 0 { b' ' } else { b[i - 1] };
                if matches!(prev, b' ' | b'>' | b'+' | b'~' | b'(' | b',') {
                    out.2 += 1;
                }
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

#[test]
fn the_specificity_helper_counts_like_a_browser() {
    assert_eq!(specificity("button:not(.link-button)"), (0, 1, 1));
    assert_eq!(specificity(":where(button:not(.link-button))"), (0, 0, 0));
    assert_eq!(specificity(".button--secondary"), (0, 1, 0));
    assert_eq!(specificity(".button:hover"), (0, 2, 0));
    assert_eq!(specificity("a[aria-current]"), (0, 1, 1));
}

/// #21 item 4: the rule that paints every button the main colour must not outweigh the
/// secondary and warning variants (`button:not(.link-button)` did: 0,1,1 against 0,1,0),
/// and each state (plain, hover) of a variant comes after the base rule it overrides.
#[test]
fn secondary_and_warning_buttons_outweigh_the_main_button_rule() {
    let css = css();
    let rules = top_level_rules(&css);
    let position = |pred: &dyn Fn(&str, &str) -> bool| {
        rules
            .iter()
            .position(|(s, d)| pred(s, d))
            .unwrap_or_else(|| panic!("no such rule"))
    };
    for (state, paint) in [("", "var(--btn-bg)"), (":hover", "var(--btn-hover)")] {
        let base = position(&|_, d| d.contains(&format!("background: {paint}")));
        let strongest = rules[base]
            .0
            .split(',')
            .map(|s| specificity(s.trim()))
            .max()
            .unwrap();
        for variant in [".button--secondary", ".button--warning"] {
            let wanted = format!("{variant}{state}");
            let at = position(&|s, d| {
                s.split(',').any(|x| x.trim() == wanted) && d.contains("background")
            });
            let own = specificity(&wanted);
            assert!(
                own > strongest || (own == strongest && at > base),
                "{wanted} ({own:?}, rule {at}) is outweighed by `{}` ({strongest:?}, rule {base})",
                rules[base].0
            );
        }
    }
}

/// #21 item 4: the views give secondary and destructive actions their class.
#[test]
fn destructive_and_secondary_buttons_carry_their_class() {
    let mut sources = String::new();
    let mut dirs = vec![repo().join("src/views")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                sources.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let lines: Vec<&str> = sources.lines().collect();
    for (message, class) in [
        ("staff-sign-out", "button--secondary"),
        ("report-photo-upload", "button--secondary"),
        ("report-photo-remove", "button--warning"),
        ("staff-account-disable", "button--warning"),
        ("cancel-submit", "button--warning"),
    ] {
        let quoted = format!("ctx.t(\"{message}\")");
        let at = lines
            .iter()
            .position(|l| l.contains(&quoted))
            .unwrap_or_else(|| panic!("{message} is not shown"));
        let button = lines[at.saturating_sub(2)..=at]
            .iter()
            .rev()
            .find(|l| l.contains("button."))
            .unwrap_or_else(|| panic!("{message}: no button before it"));
        assert!(button.contains(class), "{message}: {button}");
    }
}

/// #21 items 2, 6 and 7: error links keep the label in view (a scroll margin on every
/// field and group they lead to); the current page and list are not told by colour alone;
/// in forced colours an error shows its "Error:" prefix; charts are narrow enough that
/// their text stays readable at 320 px.
#[test]
fn the_stylesheet_keeps_labels_in_view_and_marks_current_and_errors() {
    let css = css();
    let rules = top_level_rules(&css);
    let margin = rules
        .iter()
        .find(|(_, d)| d.contains("scroll-margin-top"))
        .expect("a scroll margin for fields");
    for target in ["input", "select", "textarea", "fieldset"] {
        assert!(
            margin.0.split(',').any(|s| s.trim() == target),
            "{target} has no scroll margin"
        );
    }
    assert!(margin.1.contains("70vh"), "{}", margin.1);
    let current = rules
        .iter()
        .find(|(s, _)| s.contains(".pagination") && s.contains("[aria-current]"))
        .expect("a style for the current page of a pagination");
    assert!(current.0.contains(".staff-lists"), "{}", current.0);
    assert!(
        current.1.contains("font-weight: 700") && current.1.contains("border-bottom"),
        "{}",
        current.1
    );
    let forced = css
        .split("@media (forced-colors: active)")
        .nth(1)
        .expect("a forced-colours block");
    let forced = &forced[..forced.find("\n}").unwrap()];
    assert!(
        forced.contains(".error-message > .visually-hidden")
            && forced.contains("position: static !important"),
        "the error prefix stays hidden in forced colours"
    );
    let chart = rules
        .iter()
        .find(|(s, _)| s == ".chart svg")
        .expect("a chart rule");
    assert!(chart.1.contains("max-width: 20rem"), "{}", chart.1);
}

/// #21 item 6: a search, a filter and page 2 are pages of their own, and their titles say
/// so; the current page's link is marked.
#[actix_web::test]
async fn browse_variants_have_titles_of_their_own() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    balai::seed::synthetic(
        &app.state,
        60,
        11,
        time::macros::datetime!(2026-11-27 12:00 UTC),
    )
    .await
    .unwrap();
    for (lang, search, page) in [
        ("en", "Search results for", "page 2 of"),
        ("id", "Hasil pencarian", "halaman 2 dari"),
    ] {
        let title = |res: crate::helpers::TestResponse| text_of(&res.html(), "title");
        let plain = app.get(&format!("/{lang}/reports?status=all")).await;
        let doc = plain.html();
        let second = doc
            .select(&sel(".pagination a"))
            .find(|a| clean(&a.text().collect::<String>()).ends_with(" 2"))
            .and_then(|a| a.value().attr("href").map(str::to_owned))
            .expect("a link to page 2");
        assert_eq!(
            doc.select(&sel(".pagination a[aria-current=page]")).count(),
            1,
            "{lang}: page 1 is marked current"
        );
        let titles = [
            title(app.get(&format!("/{lang}/reports")).await),
            title(plain),
            title(app.get(&second).await),
            title(
                app.get(&format!("/{lang}/reports?status=all&q=jalan"))
                    .await,
            ),
            title(
                app.get(&format!("/{lang}/reports?status=all&province=51"))
                    .await,
            ),
        ];
        let mut distinct = titles.to_vec();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), titles.len(), "{lang}: {titles:#?}");
        assert!(titles[2].contains(page), "{lang}: {}", titles[2]);
        assert!(
            titles[3].contains(search) && titles[3].contains("jalan"),
            "{lang}: {}",
            titles[3]
        );
    }
}

/// #21 item 6: each list of the staff queue has its own title.
#[actix_web::test]
async fn staff_lists_have_titles_of_their_own() {
    let app = crate::staff::app().await;
    let mut a = sign_in(&app, "admin@balai.id").await;
    let new = a.get("/en/staff?list=new").await;
    let closed = a.get("/en/staff?list=closed").await;
    let (new, closed) = (
        text_of(&new.html(), "title"),
        text_of(&closed.html(), "title"),
    );
    assert!(new.starts_with("New - Reports queue"), "{new}");
    assert!(closed.starts_with("Closed - Reports queue"), "{closed}");
}

/// #21 item 7: chart text is 13 units in a 300-unit-wide picture at most 20rem wide, so
/// 12 px or more at a 320 px viewport (288 px of column), and a label keeps its words.
#[actix_web::test]
async fn statistics_charts_are_readable_at_320_px() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    balai::seed::synthetic(
        &app.state,
        60,
        11,
        time::macros::datetime!(2026-11-27 12:00 UTC),
    )
    .await
    .unwrap();
    let res = app.get("/en/statistics").await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    let mut charts = 0;
    for svg in doc.select(&sel(".chart svg")) {
        charts += 1;
        let view_box = svg.value().attr("viewBox").unwrap();
        let width: f64 = view_box.split(' ').nth(2).unwrap().parse().unwrap();
        for text in svg.select(&sel("text")) {
            let size: f64 = text.value().attr("font-size").unwrap().parse().unwrap();
            assert!(
                size * 288.0 / width >= 12.0,
                "{size} units in {width}: too small at 320 px"
            );
        }
        let labels: Vec<String> = svg
            .select(&sel("text"))
            .step_by(2)
            .map(|t| {
                clean(&t.text().collect::<String>())
                    .trim_end_matches(':')
                    .to_owned()
            })
            .collect();
        let section = svg.parent().and_then(scraper::ElementRef::wrap).unwrap();
        let rows: Vec<String> = section
            .select(&sel("tbody th"))
            .map(|t| clean(&t.text().collect::<String>()))
            .collect();
        for (label, row) in labels.iter().zip(&rows) {
            if row.chars().count() <= 40 {
                assert_eq!(label, row, "a label is cut");
            }
        }
    }
    assert!(charts >= 2, "{charts} charts");
}

/// #21 item 7: each length limit is in its own field's hint (tied by aria-describedby), and
/// a number is written one way per language, on the page and in its errors.
#[actix_web::test]
async fn length_limits_are_in_the_field_hints_and_numbers_are_written_one_way() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    for (lang, four_thousand) in [("id", "4.000"), ("en", "4,000")] {
        let mut b = Browser::new(&app);
        b.lang = if lang == "id" { "id" } else { "en" };
        b.begin().await;
        b.step("kind", &[("kind", "complaint")], "/reports/new/details")
            .await;
        let page = b.get(&b.url("/reports/new/details")).await;
        let doc = page.html();
        let described = |id: &str| {
            doc.select(&sel(&format!("#{id}")))
                .next()
                .and_then(|e| e.value().attr("aria-describedby").map(str::to_owned))
                .unwrap_or_default()
        };
        assert_eq!(described("title"), "title-hint");
        assert!(text_of(&doc, "#title-hint").contains("150"), "{lang}");
        assert_eq!(described("description"), "description-hint");
        assert!(
            text_of(&doc, "#description-hint").contains(four_thousand),
            "{lang}"
        );
        assert!(
            !page.body.contains("4000"),
            "{lang}: 4000 written without a separator"
        );
        let long = "d".repeat(4001);
        let res = b
            .post(
                &b.url("/reports/new/details"),
                &[
                    ("title", "Ramp"),
                    ("description", &long),
                    ("category", "accessibility-barrier"),
                ],
            )
            .await;
        assert_eq!(res.status, 422);
        let doc = res.html();
        assert!(
            text_of(&doc, "#description-error").contains(four_thousand),
            "{lang}"
        );
        assert!(
            text_of(&doc, ".error-summary").contains(four_thousand),
            "{lang}"
        );
    }
}

/// #21 item 7: the phone number is optional, and its label says so.
#[actix_web::test]
async fn the_phone_number_is_marked_optional() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    for (lang, word) in [("en", "(optional)"), ("id", "(opsional)")] {
        let res = app
            .get(&format!("/{lang}/workshops/{SMALL}/register"))
            .await;
        assert_eq!(res.status, 200);
        let label = text_of(&res.html(), "label[for=phone]");
        assert!(label.ends_with(word), "{lang}: {label}");
    }
}

/// #21 item 7: postponing without a reason says which text is missing, and a date that is
/// not after today marks its three inputs invalid.
#[actix_web::test]
async fn postpone_errors_name_the_reason_and_mark_the_date() {
    let app = crate::staff::app().await;
    let (id, _, _) = report(&app, "public").await;
    let mut a = sign_in(&app, "admin@balai.id").await;
    assert_eq!(act(&mut a, id, "verify", &[]).await.status, 303);
    assert_eq!(
        act(&mut a, id, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    let res = act(
        &mut a,
        id,
        "postpone",
        &[("text", ""), ("day", "1"), ("month", "1"), ("year", "2020")],
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let doc = res.html();
    let summary = text_of(&doc, ".error-summary");
    assert!(
        summary.contains("Enter why the report is postponed"),
        "{summary}"
    );
    assert!(!summary.contains("Enter the text"), "{summary}");
    for part in ["day", "month", "year"] {
        let input = doc.select(&sel(&format!("#{part}"))).next().unwrap();
        assert_eq!(input.value().attr("aria-invalid"), Some("true"), "{part}");
    }
}

/// #21 item 7: two reports with the same title: their links' names differ (the code).
#[actix_web::test]
async fn links_to_reports_with_the_same_title_are_told_apart() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let done = ["verified", "routed", "answered", "closed"];
    let first = sent(&app, "public", "Broken ramp", &done).await;
    let second = sent(&app, "public", "Broken ramp", &done).await;
    for lang in ["en", "id"] {
        let res = app.get(&format!("/{lang}/reports")).await;
        let doc = res.html();
        let names: Vec<String> = doc
            .select(&sel("ol.results h3 a"))
            .map(|a| clean(&a.text().collect::<String>()))
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_ne!(names[0], names[1]);
        for name in &names {
            assert!(
                name.starts_with("Broken ramp"),
                "the name starts with the visible text: {name}"
            );
        }
        let shown = |code: &str| balai::domain::Code::parse(code).unwrap().to_string();
        assert!(
            names.iter().any(|n| n.ends_with(&shown(&first))),
            "{names:?}"
        );
        assert!(
            names.iter().any(|n| n.ends_with(&shown(&second))),
            "{names:?}"
        );
    }
}

/// #21 item 7: "Follow your report" opens the tracking form with the code filled in; the
/// key never goes into an address.
#[actix_web::test]
async fn follow_your_report_fills_in_the_code() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let res = b.post("/en/reports/new/send", &[]).await;
    assert_eq!(res.status, 303);
    let res = b.get("/en/reports/new/sent").await;
    let doc = res.html();
    let shown: Vec<String> = doc
        .select(&sel(".code-display"))
        .map(|e| clean(&e.text().collect::<String>()))
        .collect();
    let (code, key) = (&shown[0], &shown[1]);
    let href = doc
        .select(&sel("main a[href*='/track']"))
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.contains("code="))
        .expect("a link to the tracking form with the code")
        .to_owned();
    assert_eq!(href, format!("/en/track?code={code}"));
    assert!(!href.contains(key.as_str()));
    let form = app.get(&href).await;
    let doc = form.html();
    let value = doc
        .select(&sel("input#code"))
        .next()
        .and_then(|i| i.value().attr("value"))
        .unwrap_or_default();
    assert_eq!(value, code);
    let key_value = doc
        .select(&sel("input#key"))
        .next()
        .and_then(|i| i.value().attr("value"))
        .unwrap_or_default();
    assert_eq!(key_value, "");
}
