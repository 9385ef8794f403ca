//! `cargo bench`: parse, check and fix on real lists (../shared/corpus, when present)
//! and on synthetic lists of 2,000 and 20,000 sections, beside the floor a bare
//! pulldown-cmark pass sets.

mod synth;

use std::path::Path;
use std::sync::LazyLock;

use pocketlint::config::Settings;
use pocketlint::document::Document;
use pocketlint::fix::Applicability;
use pocketlint::linter;

/// (name, text) of every input: the real lists found, then the synthetic ones.
static INPUTS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut inputs = Vec::new();
    for name in [
        "pocket-v3.3.md",
        "lists/awesome-selfhosted__awesome-selfhosted.md",
        "lists/avelino__awesome-go.md",
    ] {
        match std::fs::read_to_string(corpus.join(name)) {
            Ok(text) => inputs.push((name.trim_start_matches("lists/").to_owned(), text)),
            Err(_) => eprintln!("skipping {name}: ../shared/corpus is absent"),
        }
    }
    inputs.push(("synthetic-2000".to_owned(), synth::list(2_000, 5)));
    inputs.push(("synthetic-20000".to_owned(), synth::list(20_000, 5)));
    inputs
});

const NAMES: &[&str] = &[
    "pocket-v3.3.md",
    "awesome-selfhosted__awesome-selfhosted.md",
    "avelino__awesome-go.md",
    "synthetic-2000",
    "synthetic-20000",
];

fn input(name: &str) -> Option<&'static str> {
    INPUTS
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
}

fn main() {
    divan::main();
}

/// The floor: pulldown-cmark alone, every event with its offset, nothing built.
#[divan::bench(args = NAMES)]
fn pulldown_floor(bencher: divan::Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let options = pocketlint::document::markdown_options();
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| {
            pulldown_cmark::Parser::new_ext(divan::black_box(text), options)
                .into_offset_iter()
                .count()
        });
}

#[divan::bench(args = NAMES)]
fn parse(bencher: divan::Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| Document::parse(divan::black_box(text)));
}

#[divan::bench(args = NAMES)]
fn check(bencher: divan::Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let settings = Settings::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| pocketlint::check(divan::black_box(text), &settings));
}

#[divan::bench(args = NAMES, sample_count = 20)]
fn fix_safe(bencher: divan::Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let settings = Settings::default();
    bencher.bench(|| linter::fix(divan::black_box(text), &settings, Applicability::Safe));
}
