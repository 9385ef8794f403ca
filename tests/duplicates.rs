//! The duplicate rules on the reference list, and the promise of their safe fixes:
//! they only ever delete text that still exists elsewhere in the document.

mod common;

use pocketlint::config::Settings;
use pocketlint::fix::Applicability;
use pocketlint::linter;

const RULES: [&str; 3] = ["dup-section", "dup-paragraph", "dup-link"];

fn duplicate_rules() -> Settings {
    let mut settings = Settings::default();
    settings.restrict(&RULES.map(str::to_owned), &[]);
    settings
}

#[test]
fn reference_list_duplicates_are_found_and_safely_fixed() {
    let Some(path) = common::shared_dir("corpus/pocket-v3.3.md") else {
        return;
    };
    let source = std::fs::read_to_string(path).expect("reads");
    let settings = duplicate_rules();
    let found = pocketlint::check(&source, &settings);
    let line = |offset: usize| source[..offset].lines().count() + 1;

    let tiny = found
        .iter()
        .find(|d| d.rule == "dup-section" && d.message.contains("TinyLlama"))
        .expect("TinyLlama is a dup-section");
    assert_eq!(line(tiny.span.start), 2196);
    assert_eq!(
        line(tiny.labels[0].span.start),
        1015,
        "first occurrence labelled"
    );
    assert!(
        tiny.fix
            .as_ref()
            .is_none_or(|f| f.applicability < Applicability::Safe)
    );

    let moss = "综合上述发现，该团队进一步总结出在大模型上训练更稳定的 PPO 算法版本：PPO-max。并使用 Helpful 和 Harmless 数据集全面评估，结果显示经过 PPO-max 算法训练的模型展现出了出色的人类对齐性能！\n\n";
    let paragraph = found
        .iter()
        .find(|d| d.rule == "dup-paragraph")
        .expect("the MOSS-RLHF paragraph is reported");
    assert!(paragraph.message.contains("综合上述发现"));
    let link = found
        .iter()
        .find(|d| d.rule == "dup-link" && source[d.span.clone()].contains("XuanYuan2.0"))
        .expect("the link repeated in one section is reported");
    assert_eq!(
        link.fix.as_ref().map(|f| f.applicability),
        Some(Applicability::Safe)
    );

    // `check --fix` with the duplicate rules: exactly the second copy of the paragraph
    // and the repeated link line go, every other byte stays.
    let fixed = linter::fix(&source, &settings, Applicability::Safe).output;
    let first_copy = source.find(moss).expect("paragraph present");
    let second_copy = first_copy + moss.len();
    assert!(
        source[second_copy..].starts_with(moss),
        "the copy follows the original"
    );
    let repeated = "- https://huggingface.co/xyz-nlp/XuanYuan2.0\n";
    let first_link = source.find(repeated).expect("link present");
    let second_link = first_link
        + repeated.len()
        + source[first_link + repeated.len()..]
            .find(repeated)
            .expect("repeated");
    let mut expected = source.clone();
    expected.replace_range(second_link..second_link + repeated.len(), "");
    expected.replace_range(second_copy..second_copy + moss.len(), "");
    assert_eq!(fixed, expected);
    let headings = |text: &str| text.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(
        headings(&fixed),
        headings(&source),
        "no safe fix removes a section"
    );
}

/// A tiny deterministic generator (xorshift), so the test needs no new dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const HEADINGS: &[&str] = &[
    "## Alpha",
    "## Beta",
    "### TinyLlama",
    "## 复旦 MOSS",
    "### Alpha",
];
const PARAGRAPHS: &[&str] = &[
    "A small model trained on public data for on-device use and research.",
    "A small model trained on public   data for on-device use and research.",
    "综合上述发现，该团队进一步总结出在大模型上训练更稳定的 PPO 算法版本：PPO-max。",
    "Short text.",
    "> A small model trained on public data for on-device use and research.",
];
const ITEMS: &[&str] = &[
    "- https://github.com/example/alpha",
    "- https://github.com/example/alpha/",
    "- https://arxiv.org/abs/2401.02385",
    "- [Alpha](https://github.com/example/alpha) - a model",
    "- [Alpha](https://github.com/example/alpha) -  a model",
    "- [Beta](https://github.com/example/beta) - another model",
    "  - https://github.com/example/alpha",
    "- Each model is evaluated on the same three benchmarks every week.",
];

fn generate(rng: &mut Rng) -> String {
    let mut doc = String::from("# List\n\n");
    for _ in 0..1 + rng.next() % 4 {
        doc.push_str(rng.pick(HEADINGS));
        doc.push('\n');
        for _ in 0..rng.next() % 3 {
            doc.push_str(rng.pick(ITEMS));
            doc.push('\n');
        }
        for _ in 0..rng.next() % 3 {
            doc.push('\n');
            doc.push_str(rng.pick(PARAGRAPHS));
            doc.push('\n');
        }
        doc.push('\n');
    }
    doc
}

#[test]
fn safe_fixes_only_remove_text_that_remains_elsewhere() {
    let settings = duplicate_rules();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let key = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut fixed_cases = 0;
    for case in 0..400 {
        let source = generate(&mut rng);
        let fixed = linter::fix(&source, &settings, Applicability::Safe).output;
        if fixed == source {
            continue;
        }
        fixed_cases += 1;
        // Only whole lines are deleted, in order, and each non-blank line deleted has a
        // copy (up to whitespace and the list marker) that stays.
        let kept: Vec<&str> = fixed.lines().collect();
        let mut next = 0;
        for line in source.lines() {
            if kept.get(next) == Some(&line) {
                next += 1;
                continue;
            }
            assert!(
                !line.starts_with('#'),
                "case {case}: a heading was removed\n{source}"
            );
            if line.trim().is_empty() {
                continue;
            }
            let body = |l: &str| key(l.trim_start().trim_start_matches(['-', '*', '+']));
            assert!(
                kept.iter().any(|k| body(k) == body(line)),
                "case {case}: {line:?} was removed and exists nowhere else\n{source}\n---\n{fixed}"
            );
        }
        assert_eq!(
            next,
            kept.len(),
            "case {case}: the fix did more than delete lines\n{source}\n---\n{fixed}"
        );
    }
    assert!(
        fixed_cases >= 50,
        "only {fixed_cases} generated documents had a safe fix"
    );
}
