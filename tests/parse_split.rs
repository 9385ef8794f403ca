//! A source parsed in parts gives the document one piece gives: the corpus lists cut
//! before every heading that allows it, and texts built to tempt a wrong cut.

mod common;

use pocketlint::document::Document;

/// The document of `source` in parts as small as its cuts allow, printed, with the
/// number of parts; and the document in one piece, printed.
fn both(source: &str) -> (String, usize, String) {
    let (split, parts) = Document::parse_in_parts(source, 1);
    let (whole, one) = Document::parse_in_parts(source, usize::MAX);
    assert_eq!(one, 1);
    (format!("{split:#?}"), parts, format!("{whole:#?}"))
}

/// Asserts that `source` parses the same in parts, and in `parts` of them.
fn assert_same(source: &str, parts: usize) {
    let (split, cut_in, whole) = both(source);
    assert_eq!(split, whole, "parts differ from one piece:\n{source}");
    assert_eq!(cut_in, parts, "parts of:\n{source}");
}

#[test]
fn corpus_lists_parse_the_same_in_parts() {
    let Some(corpus) = common::shared_dir("corpus") else {
        return;
    };
    let mut files = 0;
    let mut parts = 0;
    for dir in ["lists", "lists2", "pocket"] {
        for entry in std::fs::read_dir(corpus.join(dir)).expect("corpus folder") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("utf-8 list");
            let (split, cut_in, whole) = both(&source);
            assert!(split == whole, "{} differs in parts", path.display());
            files += 1;
            parts += cut_in;
        }
    }
    assert!(files > 30, "{files} lists");
    // Most lists are cut before nearly every section.
    assert!(parts > 50 * files, "{parts} parts in {files} lists");
}

#[test]
fn headings_after_a_blank_line_cut_the_text() {
    let source = "# Title\n\nintro\n\n## A\n\n- [a](https://a.io)\n- b\n\n## A\n\n| x |\n| - |\n| y |\n\n### B\n> quote\n\n#\n";
    assert_same(source, 5);
}

#[test]
fn anchors_and_sections_run_across_parts() {
    let (split, parts) = Document::parse_in_parts("# A\n\ntext\n\n## A\n\n## A\n\n# B\n", 1);
    assert_eq!(parts, 4);
    let anchors: Vec<&str> = split.headings.iter().map(|h| h.anchor(&split)).collect();
    assert_eq!(anchors, ["a", "a-1", "a-2", "b"]);
    assert_same("# A\n\ntext\n\n## A\n\n## A\n\n# B\n", 4);
}

#[test]
fn no_cut_inside_a_code_fence() {
    assert_same("# A\n\n```sh\nrun\n\n# a comment\n```\n\n# B\n", 2);
    assert_same("# A\n\n~~~~\n```\n\n# in the fence\n~~~~\n\n# B\n", 2);
    // A fence of backticks with a backtick in its info string is inline code.
    assert_same("# A\n\n``` a ` b\n\n# B\n", 2);
}

#[test]
fn a_fence_the_scan_misreads_is_found_by_the_parse() {
    // The fence opened in the list item ends with it at `b`; the scan thinks `b` is
    // inside it and takes the next fence for its end, then cuts inside that fence (and
    // thinks `# B` is in one).
    let source = "# A\n\n- item\n  ```\nb\n\n```\n\n# inside the fence\n```\n\n# B\n";
    assert_same(source, 1);
}

#[test]
fn no_cut_inside_html_that_ends_at_a_marker() {
    // The parse finds each first part open at its cut, which drops the cuts after it.
    assert_same("# A\n\n<!--\n\n# commented out\n\n-->\n\n# B\n", 1);
    assert_same("# A\n\n<pre>\n\n# preformatted\n</pre>\n\n# B\n", 1);
    // A `<div>` block ends at the blank line: the heading after it is one.
    assert_same("# A\n\n<div>\n<p>x</p>\n\n# B\n</div>\n", 2);
}

#[test]
fn setext_headings_and_indented_code_stay_whole() {
    assert_same("Title\n=====\n\n# A\n\ntext\n---\n\n    # code\n\n# B\n", 3);
}

#[test]
fn front_matter_keeps_the_text_in_one_piece() {
    // Cut before `# a comment`, the first part has no front matter, but a thematic break.
    assert_same("---\ntitle: x\n\n# a comment\n---\n\n# A\n\ntext\n", 1);
}

#[test]
fn definitions_keep_the_text_in_one_piece() {
    assert_same("# A\n\nsee [x][later]\n\n# B\n\n[later]: https://x.io\n", 1);
    assert_same("# A\n\nnote[^1]\n\n# B\n\n[^1]: the note\n", 1);
}

#[test]
fn suppressions_and_crlf_lines_survive_the_cut() {
    let source = "# A\r\n\r\n<!-- pocketlint-disable dup-link -->\r\n\r\n# B\r\n\r\n<!-- pocketlint-enable dup-link -->\r\n";
    assert_same(source, 2);
}
