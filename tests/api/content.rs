//! Content files: `balai content check` finds each kind of planted problem with file
//! and line; unsafe content refuses to load; the shipped content is clean.

use crate::helpers::{TestApp, repo, text_of};
use balai::content::{ContentStore, check};

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures").join(name)
}

#[test]
fn the_shipped_content_and_locales_have_no_problems() {
    let problems = check::run(&repo().join("content"), &repo().join("locales"));
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn content_check_finds_every_planted_problem_with_file_and_line() {
    let problems = check::run(&fixture("content-bad"), &fixture("locales-bad"));
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expect = [
        ("pages/guide.id.md:9:", "heading level skipped"),
        ("pages/guide.id.md:11:", "image without alt text"),
        ("pages/guide.id.md:13:", "link text \"klik di sini\""),
        ("pages/guide.id.md:15:", "link text \"https://lapor.go.id\""),
        ("pages/guide.id.md:17:", "link text \"click here\""),
        (
            "pages/guide.id.md:0:",
            "missing translation: add guide.en.md",
        ),
        ("pages/broken.id.md:3:", "front matter"),
        ("pages/broken.en.md:1:", "front matter missing"),
        ("pages/unsafe.id.md:6:", "<script>"),
        ("pages/unsafe.en.md:6:", "event handler"),
        (
            "locales-bad/en:0:",
            "message `only-in-id` is missing in `en`",
        ),
        ("workshops/broken.id.md:4:", "field `campaign`: no campaign"),
        ("workshops/broken.id.md:5:", "field `image`: no file"),
        (
            "workshops/broken.id.md:0:",
            "field `image_alt`: an image needs alt text",
        ),
        (
            "workshops/broken.id.md:6:",
            "field `start`: the offset does not match",
        ),
        (
            "workshops/broken.id.md:7:",
            "field `end`: the workshop ends before it starts",
        ),
        (
            "workshops/broken.id.md:10:",
            "field `province`: unknown province",
        ),
        ("workshops/broken.id.md:12:", "field `capacity`"),
        (
            "workshops/broken.id.md:14:",
            "field `registration_closes`: registration must close before",
        ),
        (
            "workshops/pair.id.md:12:",
            "field `capacity`: differs from the en version",
        ),
        (
            "campaigns/kampanye.id.md:5:",
            "field `image_alt`: an image needs alt text",
        ),
        (
            "campaigns/baik.id.md:0:",
            "missing translation: add baik.en.md",
        ),
        ("locales-bad/en/main.ftl:4:", "Fluent syntax"),
    ];
    for (place, what) in expect {
        assert!(
            found.iter().any(|p| p.contains(place) && p.contains(what)),
            "expected {place} {what}; found:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn content_with_script_or_handlers_is_refused_when_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::copy(
        fixture("content-bad/pages/unsafe.id.md"),
        pages.join("unsafe.id.md"),
    )
    .unwrap();
    let problems = ContentStore::load(dir.path()).expect_err("script refused");
    assert!(
        problems
            .iter()
            .any(|p| p.line == 6 && p.message.contains("script")),
        "{problems:?}"
    );
}

#[actix_web::test]
async fn a_page_missing_in_one_language_shows_the_indonesian_text_marked_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("only.id.md"), "+++\ntitle = \"Hanya Indonesia\"\nsummary = \"Ringkas.\"\nupdated = 2026-11-27\n+++\n\nIsi <b>tebal</b>.\n").unwrap();
    let content = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.content_dir = content, |_| {}).await;
    let res = app.get("/en/pages/only").await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    assert_eq!(text_of(&doc, "h1"), "Hanya Indonesia");
    assert_eq!(
        text_of(&doc, "[data-source=content][lang=id] h1"),
        "Hanya Indonesia"
    );
    assert!(
        res.body.contains("&lt;b&gt;tebal&lt;/b&gt;"),
        "raw HTML is escaped"
    );
    assert_eq!(text_of(&doc, ".page-meta"), "Last updated 27 November 2026");
}

#[actix_web::test]
async fn content_reloads_and_a_broken_change_keeps_the_old_content() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let page = |title: &str| {
        format!("+++\ntitle = \"{title}\"\nsummary = \"S.\"\nupdated = 2026-11-27\n+++\n\nIsi.\n")
    };
    std::fs::write(pages.join("news.id.md"), page("Lama")).unwrap();
    let content = dir.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.content_dir = content, |_| {}).await;
    assert_eq!(
        text_of(&app.get("/id/pages/news").await.html(), "h1"),
        "Lama"
    );

    std::fs::write(pages.join("news.id.md"), page("Baru")).unwrap();
    app.state.reload_content().unwrap();
    assert_eq!(
        text_of(&app.get("/id/pages/news").await.html(), "h1"),
        "Baru"
    );

    std::fs::write(pages.join("news.id.md"), "no front matter").unwrap();
    assert!(app.state.reload_content().is_err());
    assert_eq!(
        text_of(&app.get("/id/pages/news").await.html(), "h1"),
        "Baru",
        "old content kept"
    );
}
