//! Properties of the fix engine, over generated texts, edits and Markdown documents.

use pocketlint::cli::input::SourceFile;
use pocketlint::config::Settings;
use pocketlint::fix::{Applicability, Edit, Fix, apply_fixes};
use pocketlint::linter;
use proptest::prelude::*;

/// Text with multi-byte characters, so edits can land off character boundaries.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-z ]",
            "[中文]",
            Just("\n".to_owned()),
            Just("\u{FE0F}".to_owned())
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Fixes with one or two edits at arbitrary byte offsets.
fn fixes(len: usize) -> impl Strategy<Value = Vec<Fix>> {
    let edit = (0..=len, 0..=4usize, "[xy]{0,3}").prop_map(move |(start, width, content)| {
        Edit::replace(start..(start + width).min(len), content)
    });
    proptest::collection::vec(proptest::collection::vec(edit, 1..3), 0..8)
        .prop_map(|groups| groups.into_iter().map(Fix::safe).collect())
}

/// Markdown made of the pieces real lists have, defects included.
fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# Title\n\n"),
        Just("## Part\n\n"),
        Just("### Entry ️\n"),
        Just("#### Deep\n"),
        Just("- https://github.com/a/b\n"),
        Just("- [Name](https://example.com) - A thing.\n"),
        Just("Some text with a zero\u{200B}width space.\n\n"),
        Just("| A | B\u{3000} |\n| - | - |\n| c | d |\n\n"),
        Just("```\n## code ️\n```\n\n"),
        Just("\n"),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn applied_edits_never_overlap_and_the_rest_is_untouched(
        (source, fixes) in text().prop_flat_map(|s| { let len = s.len(); (Just(s), fixes(len)) })
    ) {
        let (output, applied) = apply_fixes(&source, &fixes);
        // Rebuild the expected output from the applied fixes alone.
        let mut edits: Vec<&Edit> = applied.iter().flat_map(|&i| &fixes[i].edits).collect();
        edits.sort_by_key(|e| e.range.start);
        for pair in edits.windows(2) {
            prop_assert!(pair[0].range.end <= pair[1].range.start, "overlapping edits applied");
        }
        let mut expected = String::new();
        let mut cursor = 0;
        for edit in &edits {
            prop_assert!(source.is_char_boundary(edit.range.start) && source.is_char_boundary(edit.range.end));
            expected.push_str(&source[cursor..edit.range.start]);
            expected.push_str(&edit.content);
            cursor = edit.range.end;
        }
        expected.push_str(&source[cursor..]);
        prop_assert_eq!(output, expected);
    }

    #[test]
    fn fixing_converges_and_is_idempotent(doc in markdown(), unsafe_too in any::<bool>()) {
        let settings = Settings::default();
        let min = if unsafe_too { Applicability::Unsafe } else { Applicability::Safe };
        let once = linter::fix(&doc, &settings, min);
        prop_assert!(once.not_converged.is_empty(), "did not converge: {:?}", once.not_converged);
        let twice = linter::fix(&once.output, &settings, min);
        prop_assert_eq!(&twice.output, &once.output);
        prop_assert_eq!(twice.applied, 0);
    }

    #[test]
    fn fixed_files_keep_bom_line_endings_and_final_newline(
        doc in markdown(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        final_newline in any::<bool>(),
    ) {
        let mut text = doc.trim_end_matches('\n').to_owned();
        if final_newline {
            text.push('\n');
        }
        // A file without any line ending has no CRLF style to keep.
        let crlf = crlf && text.contains('\n');
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let file = SourceFile { text, bom };
        let fixed = linter::fix(&file.text, &Settings::default(), Applicability::Unsafe);
        let written = file.render(&fixed.output);
        prop_assert_eq!(written.starts_with('\u{FEFF}'), bom);
        // A missing final newline is blank-lines' to add; one that is there stays.
        prop_assert!(!final_newline || written.ends_with('\n'));
        let lone_lf = written.match_indices('\n').any(|(i, _)| !written[..i].ends_with('\r'));
        let crlf_written = written.contains("\r\n");
        if crlf {
            prop_assert!(!lone_lf, "a CRLF file got a lone LF: {:?}", written);
        } else {
            prop_assert!(!crlf_written, "an LF file got a CRLF: {:?}", written);
        }
    }

    #[test]
    fn checking_never_panics_on_arbitrary_text(doc in "\\PC{0,200}") {
        let _ = pocketlint::check(&doc, &Settings::default());
    }
}
