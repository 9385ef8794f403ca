//! The properties the fuzz targets check, kept in the library so that the AFL++ targets
//! (`fuzz/`), the regression test replaying their crashes and the bounded proptest run
//! in `tests/fuzz_regressions.rs` all check exactly the same thing. A broken property
//! panics: AFL++ records a panic as a crash, a test as a failure.
//!
//! Not part of the API: it reaches into the CLI's input path, which is crate-private.

use crate::cli::input::SourceFile;
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;
use crate::fix::{Applicability, Edit, Fix, edits_are_valid};
use crate::linter;
use crate::report::summary::{self, JobSummary};
use crate::report::{self, FileOutput, FileReport, Format, HumanOptions};

/// The name the input is reported under.
const NAME: &str = "fuzz.md";

/// Arbitrary bytes go through the CLI's input path: binary or non-UTF-8 input is an
/// error, never a panic; text is linted by every rule and rendered in every format,
/// and every finding points at whole characters of it.
pub fn check_bytes(data: &[u8]) {
    let is_text = !data.contains(&0) && std::str::from_utf8(data).is_ok();
    let file = match SourceFile::decode(data.to_vec(), &NAME) {
        Ok(file) => file,
        Err(err) => {
            assert!(!is_text, "text refused as binary or not UTF-8: {err}");
            return;
        }
    };
    assert!(is_text, "binary or non-UTF-8 input accepted");
    let diagnostics = crate::check(&file.text, &Settings::default());
    for d in &diagnostics {
        assert_points_into(&file.text, d);
    }
    render_every_format(&file, diagnostics);
}

/// Characters put before the middle line of a [`render_bytes`] input: findings after
/// them sit past column 65,535, where miette's padding used to panic.
const WIDE_RUN: usize = 33_000;

/// Arbitrary bytes with 33k CJK characters (66k columns) opening their middle line:
/// linted and rendered in every format like [`check_bytes`], and the human output
/// names each finding at the line and character column the other formats give.
pub fn render_bytes(data: &[u8]) {
    let Ok(file) = SourceFile::decode(data.to_vec(), &NAME) else {
        return;
    };
    let middle = file.text.as_bytes()[..file.text.len() / 2]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut text = file.text.clone();
    text.insert_str(middle, &"中".repeat(WIDE_RUN));
    let file = SourceFile { text, bom: false };
    let diagnostics = crate::check(&file.text, &Settings::default());
    for d in &diagnostics {
        assert_points_into(&file.text, d);
        assert_human_agrees(&file.text, d);
    }
    render_every_format(&file, diagnostics);
}

/// The human output of a finding without labels names the place `--format concise`
/// (and JSON, SARIF, GitHub) gives.
fn assert_human_agrees(source: &str, d: &Diagnostic) {
    if !d.labels.is_empty() {
        return;
    }
    let at = report::Position::of(&LineIndex::new(source), source, d);
    let report = [FileReport::new(NAME.to_owned(), source, 0, vec![d.clone()])];
    let mut out = Vec::new();
    report::write(Format::Human, &report, &HumanOptions::default(), &mut out)
        .expect("writing to memory");
    let out = String::from_utf8(out).expect("human output is UTF-8");
    let header = format!("[{NAME}:{}:{}]", at.line, at.column);
    assert!(
        out.contains(&header),
        "{}: human output does not name {header}:\n{out}",
        d.rule
    );
}

/// Arbitrary text is fixed with the safe, then also the unsafe fixes: each round of the
/// engine changes only the bytes its edits cover, the fixes converge, nothing fixable
/// is left, and a second pass changes nothing. Unfixed text is written back as read.
pub fn fix_bytes(data: &[u8]) {
    let Ok(file) = SourceFile::decode(data.to_vec(), &NAME) else {
        return;
    };
    assert_eq!(
        file.render(&file.text).as_bytes(),
        data,
        "unchanged text is not written back byte for byte"
    );
    let settings = Settings::default();
    for min in [Applicability::Safe, Applicability::Unsafe] {
        fix_and_verify(min.as_str(), &file.text, &settings, min);
    }
}

/// Fixes `source` at `min` and checks the promises every fix makes: each round changes
/// only the bytes its edits cover, the fixes converge, nothing fixable at `min` is
/// left, and a second pass changes nothing. Returns the fixed text. The rule fixture
/// tests (`tests/rules.rs`) hold every fixture to the same promises.
pub fn fix_and_verify(
    label: &str,
    source: &str,
    settings: &Settings,
    min: Applicability,
) -> String {
    let once = linter::fix_observed(source, settings, min, assert_round_edits_only);
    assert!(
        once.not_converged.is_empty(),
        "{label}: fixes did not converge: {:?}",
        once.not_converged
    );
    let left: Vec<&Diagnostic> = once
        .remaining
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
        .collect();
    assert!(
        left.is_empty(),
        "{label}: fixable findings remain after fixing: {left:#?}"
    );
    let again = linter::fix(&once.output, settings, min);
    assert_eq!(
        again.output, once.output,
        "{label}: a second fix pass changed the text"
    );
    assert_eq!(again.applied, 0);
    once.output
}

/// One round of the fix engine turned `before` into `after` by exactly the edits of
/// the fixes it applied: every other byte is unchanged.
fn assert_round_edits_only(before: &str, applied: &[&Fix], after: &str) {
    let mut edits: Vec<&Edit> = applied.iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    for fix in applied {
        assert!(
            edits_are_valid(before, &fix.edits),
            "malformed fix applied: {fix:?}"
        );
    }
    let mut expected = String::with_capacity(after.len());
    let mut cursor = 0;
    for edit in edits {
        assert!(
            edit.range.start >= cursor,
            "overlapping edits applied: {edit:?}"
        );
        expected.push_str(&before[cursor..edit.range.start]);
        expected.push_str(&edit.content);
        cursor = edit.range.end;
    }
    expected.push_str(&before[cursor..]);
    assert_eq!(
        expected, after,
        "a fix round changed bytes outside its edits"
    );
}

/// A finding's span, labels and fix edits lie in `source` on character boundaries.
fn assert_points_into(source: &str, d: &Diagnostic) {
    let on_chars = |r: &std::ops::Range<usize>| r.start <= r.end && source.get(r.clone()).is_some();
    assert!(
        on_chars(&d.span),
        "{}: span {:?} off the text",
        d.rule,
        d.span
    );
    for label in &d.labels {
        assert!(
            on_chars(&label.span),
            "{}: label span {:?} off the text",
            d.rule,
            label.span
        );
    }
    if let Some(fix) = &d.fix {
        assert!(
            edits_are_valid(source, &fix.edits),
            "{}: malformed fix {fix:?}",
            d.rule
        );
    }
}

/// Renders the findings in every output format (human also in colour) and the job summary.
fn render_every_format(file: &SourceFile, diagnostics: Vec<Diagnostic>) {
    let reports = [FileReport::new(
        NAME.to_owned(),
        &file.text,
        file.offset(),
        diagnostics,
    )];
    let coloured = HumanOptions {
        color: true,
        unsafe_fixes: true,
        ..HumanOptions::default()
    };
    for (format, options) in <Format as clap::ValueEnum>::value_variants()
        .iter()
        .map(|&f| (f, HumanOptions::default()))
        .chain([(Format::Human, coloured)])
    {
        report::write(format, &reports, &options, &mut Vec::new()).expect("writing to memory");
    }
    let outputs = reports
        .iter()
        .map(|r| FileOutput::render(Format::Concise, r, &HumanOptions::default(), true))
        .collect::<std::io::Result<Vec<_>>>()
        .expect("rendering in memory");
    summary::write(&outputs, &JobSummary::default(), &mut Vec::new()).expect("writing to memory");
}
