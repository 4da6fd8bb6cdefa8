//! T-FUZZ-1 on stable: every input in the fuzz corpora (`fuzz/corpus/<target>/`, seeds and
//! what `cargo fuzz` found and minimised) replayed through the same entry the fuzz target
//! calls. A crash found once stays a test.

use std::path::Path;

fn replay(target: &str, entry: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 4, "{target}: corpus too small");
    for path in inputs {
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(outcome.is_ok(), "{target} fails on {}", path.display());
    }
}

#[test]
fn tracking_code_corpus_replays_clean() {
    replay("tracking_code", balai::fuzzing::tracking_code);
}

#[test]
fn report_form_corpus_replays_clean() {
    replay("report_form", balai::fuzzing::report_form);
}

#[test]
fn photo_upload_corpus_replays_clean() {
    replay("photo_upload", balai::fuzzing::photo_upload);
}

#[test]
fn front_matter_corpus_replays_clean() {
    replay("front_matter", balai::fuzzing::front_matter);
}

#[test]
fn browse_query_corpus_replays_clean() {
    replay("browse_query", balai::fuzzing::browse_query);
}
