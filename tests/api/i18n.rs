//! Languages: negotiation, `lang` attributes, language links, fallback of a missing
//! message, a third language added as a folder, locale parity, pseudo-localisation.

use crate::helpers::{TestApp, clean, pages, repo, sel, text_of};
use actix_web::test::TestRequest;
use scraper::{ElementRef, Node};
use std::collections::BTreeSet;
use std::path::Path;

#[actix_web::test]
async fn root_redirects_to_the_best_language() {
    let app = TestApp::spawn().await;
    let cases = [
        (None, "/id/"),
        (Some("en"), "/en/"),
        (Some("en-US,en;q=0.9"), "/en/"),
        (Some("id-ID,id;q=0.9,en;q=0.8"), "/id/"),
        (Some("fr-FR,fr;q=0.9"), "/id/"),
        (Some("fr;q=0.9, en;q=0.5"), "/en/"),
        (Some("%%% not a header ;;;"), "/id/"),
    ];
    for (accept, expected) in cases {
        let mut req = TestRequest::get().uri("/");
        if let Some(a) = accept {
            req = req.insert_header(("Accept-Language", a));
        }
        let res = app.call(req).await;
        assert_eq!(res.status, 303, "{accept:?}");
        assert_eq!(res.header("location"), expected, "{accept:?}");
        assert_eq!(res.header("vary"), "Accept-Language");
    }
    let res = app.get("/en").await;
    assert_eq!((res.status.as_u16(), res.header("location")), (303, "/en/"));
}

#[actix_web::test]
async fn every_page_has_its_lang_and_links_to_itself_in_the_other_language() {
    let app = TestApp::spawn().await;
    for (lang, other) in [("id", "en"), ("en", "id")] {
        for path in pages(lang) {
            let doc = app.get(&path).await.html();
            assert_eq!(
                doc.root_element().value().attr("lang"),
                Some(lang),
                "{path}"
            );
            let switch: Vec<ElementRef> = doc.select(&sel("nav.lang-switch a")).collect();
            assert_eq!(switch.len(), 1, "{path}: one other language");
            let link = switch[0].value();
            let expected = path.replacen(&format!("/{lang}/"), &format!("/{other}/"), 1);
            assert_eq!(link.attr("href"), Some(expected.as_str()), "{path}");
            assert_eq!(link.attr("lang"), Some(other), "{path}");
            assert_eq!(link.attr("hreflang"), Some(other), "{path}");
            let alternate = doc
                .select(&sel("link[rel=alternate]"))
                .next()
                .expect("alternate link");
            assert_eq!(alternate.value().attr("hreflang"), Some(other));
        }
    }
}

/// Copy the real locales into `dir`, plus extra language folders.
fn locales_with(dir: &Path, extra: &[(&str, &str, &str)]) {
    for lang in ["id", "en"] {
        let to = dir.join(lang);
        std::fs::create_dir_all(&to).unwrap();
        for f in std::fs::read_dir(repo().join("locales").join(lang)).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
        }
    }
    for (lang, file, text) in extra {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
        std::fs::write(dir.join(lang).join(file), text).unwrap();
    }
}

#[actix_web::test]
async fn a_third_language_is_a_folder_and_missing_messages_fall_back_to_indonesian() {
    let locales = tempfile::tempdir().unwrap();
    // Javanese with only two messages translated.
    locales_with(
        locales.path(),
        &[(
            "jv",
            "common.ftl",
            "language-name = Basa Jawa\nnav-home = Ngarep\n",
        )],
    );
    let dir = locales.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.locales_dir = dir, |_| {}).await;

    let res = app.get("/jv/").await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    assert_eq!(doc.root_element().value().attr("lang"), Some("jv"));
    assert_eq!(
        text_of(&doc, "nav.site-nav li:first-child a"),
        "Ngarep",
        "translated message"
    );
    assert_eq!(
        text_of(&doc, "a.skip-link"),
        "Langsung ke konten utama",
        "falls back to Indonesian"
    );
    assert_eq!(
        app.state.i18n.missing_count(),
        0,
        "a fallback is not a missing message"
    );

    // The other languages link to the new one, named in its own language.
    let doc = app.get("/en/pages/help").await.html();
    let names: Vec<String> = doc
        .select(&sel("nav.lang-switch a"))
        .map(|a| clean(&a.text().collect::<String>()))
        .collect();
    assert_eq!(names, ["Bahasa Indonesia", "Basa Jawa"]);
}

#[test]
fn every_locale_has_the_same_message_ids() {
    let root = repo().join("locales");
    let mut sets = Vec::new();
    for lang in ["id", "en"] {
        let mut ids = BTreeSet::new();
        for file in std::fs::read_dir(root.join(lang)).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str()).expect("valid Fluent");
            for entry in resource.body {
                match entry {
                    fluent_syntax::ast::Entry::Message(m) => assert!(
                        ids.insert(m.id.name.to_owned()),
                        "{lang}: duplicate {}",
                        m.id.name
                    ),
                    fluent_syntax::ast::Entry::Term(t) => {
                        assert!(ids.insert(format!("-{}", t.id.name)))
                    }
                    _ => {}
                }
            }
        }
        sets.push((lang, ids));
    }
    let (_, id) = &sets[0];
    let (_, en) = &sets[1];
    assert!(!id.is_empty());
    assert_eq!(
        id.difference(en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "in id, missing in en"
    );
    assert_eq!(
        en.difference(id).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "in en, missing in id"
    );
}

/// Visible text (and text-bearing attributes) outside content written as files and
/// outside elements in another language.
fn ui_text(el: ElementRef, page_lang: &str, out: &mut Vec<String>) {
    let v = el.value();
    // Content files and data (codes, area names) are not interface text.
    if v.attr("data-source").is_some() || v.attr("lang").is_some_and(|l| l != page_lang) {
        return;
    }
    for attr in ["aria-label", "alt", "title", "placeholder"] {
        if let Some(a) = v.attr(attr) {
            out.push(a.to_owned());
        }
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push(t.to_string()),
            Node::Element(_) => {
                if let Some(e) = ElementRef::wrap(child)
                    && !matches!(e.value().name(), "script" | "style")
                {
                    ui_text(e, page_lang, out);
                }
            }
            _ => {}
        }
    }
}

#[actix_web::test]
async fn pseudo_localisation_finds_no_text_that_bypassed_fluent() {
    let locales = tempfile::tempdir().unwrap();
    locales_with(locales.path(), &[]);
    // en-XA: English messages, every one visibly transformed by the loader.
    let pseudo = locales.path().join("en-XA");
    std::fs::create_dir_all(&pseudo).unwrap();
    for f in std::fs::read_dir(locales.path().join("en")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, pseudo.join(f.file_name().unwrap())).unwrap();
    }
    let dir = locales.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.locales_dir = dir, |_| {}).await;

    let mut paths = pages("en-XA");
    paths.push("/en-XA/no-such-page".into());
    for path in paths {
        let res = app.get(&path).await;
        let doc = res.html();
        let mut texts = Vec::new();
        ui_text(doc.root_element(), "en-XA", &mut texts);
        // A content page's title also stands in <title>: it is content, not Fluent text.
        let content_title = text_of(&doc, "[data-source=content] h1, h1[data-source=content]");
        for text in texts {
            let mut text = clean(&text);
            if !content_title.is_empty() {
                text = text.replace(&content_title, "");
            }
            let ascii_word = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() > 1);
            assert!(!ascii_word, "{path}: text not from Fluent: {text:?}");
        }
    }
    // Pseudo-locales are never offered to people.
    let doc = app.get("/en/").await.html();
    assert!(
        doc.select(&sel("nav.lang-switch a[lang='en-XA']"))
            .next()
            .is_none()
    );
    let res = app
        .call(
            TestRequest::get()
                .uri("/")
                .insert_header(("Accept-Language", "en-XA")),
        )
        .await;
    assert_eq!(res.header("location"), "/en/");
}
