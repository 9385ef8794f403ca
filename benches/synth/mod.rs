//! A synthetic curated list: `sections` `###` entries of `entries` links each, grouped in
//! `##` parts of 50, with a link-list TOC, alternating Chinese and English text. Shaped
//! like the real lists in `../shared/corpus`, scalable to 20,000 sections.

use std::fmt::Write;

pub fn list(sections: usize, entries: usize) -> String {
    let parts = sections.div_ceil(50);
    let mut out = String::with_capacity(sections * (entries + 3) * 90);
    out.push_str(
        "# Awesome Synthetic [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n",
    );
    out.push_str("A generated list for benchmarks. 用于基准测试的生成列表。\n\n## Contents\n\n");
    for part in 0..parts {
        let _ = writeln!(
            out,
            "- [Part {part} 第{part}部分](#part-{part}-第{part}部分)"
        );
        for s in part * 50..((part + 1) * 50).min(sections) {
            let _ = writeln!(out, "  - [{}](#{})", name(s), anchor(s));
        }
    }
    for part in 0..parts {
        let _ = write!(out, "\n## Part {part} 第{part}部分\n");
        for s in part * 50..((part + 1) * 50).min(sections) {
            let _ = write!(out, "\n### {}\n\n", name(s));
            for e in 0..entries {
                if s.is_multiple_of(2) {
                    let _ = writeln!(
                        out,
                        "- [Project {s}-{e}](https://github.com/owner{s}/project-{e}) - A tool for task {e} of section {s}."
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "- [项目 {s}-{e}](https://github.com/owner{s}/xiangmu-{e}) - 第{s}节的第{e}个工具，支持中文。"
                    );
                }
            }
            let _ = write!(
                out,
                "\n更多信息见 <https://example.com/{s}>. See the docs for details.\n"
            );
        }
    }
    out
}

fn name(s: usize) -> String {
    if s.is_multiple_of(2) {
        format!("Section {s} Tools")
    } else {
        format!("第{s}节 模型")
    }
}

fn anchor(s: usize) -> String {
    if s.is_multiple_of(2) {
        format!("section-{s}-tools")
    } else {
        format!("第{s}节-模型")
    }
}
