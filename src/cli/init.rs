//! `pocketlint init`: a starter `.pocketlint.yaml` for the list in front of it.
//!
//! The config says what pocketlint found, so that a maintainer corrects a guess rather
//! than learns every key: the table of contents it took (pinned by its title, so an
//! edit to the list cannot make detection take another), the repository the README's
//! own links name, the bullet its lists use. The rules are run with those settings, and
//! a rule with many findings on the list as it stands is turned down, with a comment
//! saying how many: CI can be switched on today and the rule raised again once the
//! findings are worked through. Findings `--fix` settles are left on: one command ends
//! them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use miette::{Report, miette};

use super::ExitStatus;
use super::args::InitArgs;
use super::input::{SourceFile, collect};
use crate::config::{CONFIG_NAMES, ConfigFile, Settings};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::report::statistics::Statistics;
use crate::rules;
use crate::toc;

/// More findings than this on a list, not all of them fixed by `--fix`, turn a rule
/// down: a maintainer works through a handful by hand, not dozens before CI can start.
const NOISY: usize = 10;

/// The Awesome badge (`[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)`,
/// or its flat variant): the list follows the awesome list guidelines.
const AWESOME_BADGE: &str = "(https://awesome.re/badge";

pub fn run(args: &InitArgs) -> ExitStatus {
    match write_config(args) {
        Ok(path) => {
            println!("wrote {}", path.display());
            ExitStatus::Clean
        }
        Err(err) => {
            super::print_error(&err);
            ExitStatus::Error
        }
    }
}

/// Writes the starter config beside the list; returns its path.
fn write_config(args: &InitArgs) -> Result<PathBuf, Report> {
    let list = match &args.file {
        Some(file) => file.clone(),
        None => collect(&[])?.remove(0),
    };
    let dir = list
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !args.force
        && let Some(existing) = CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.exists())
    {
        return Err(miette!(
            "{} already exists; `pocketlint init --force` overwrites it",
            existing.display()
        ));
    }
    let file = SourceFile::read(&list)?;
    let name = list.file_name().map_or_else(
        || list.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let path = dir.join(CONFIG_NAMES[0]);
    std::fs::write(&path, starter(&name, &file.text)?)
        .map_err(|err| miette!("{}: cannot write the config: {err}", path.display()))?;
    Ok(path)
}

/// What the list shows of itself, which the config pins.
struct Found {
    toc: Option<FoundToc>,
    /// `owner/repo`, inferred from the README's links into itself.
    repository: Option<String>,
    /// The lists' bullet and how many lists use it.
    marker: Option<(&'static str, String)>,
    awesome: bool,
}

/// The table of contents detection took.
struct FoundToc {
    /// Where it starts, its title included (1-based).
    line: usize,
    /// Its title, when it is found under one (not between a generator's markers).
    title: Option<String>,
    /// The heading levels it lists.
    levels: Vec<u8>,
    entries: usize,
}

impl Found {
    fn of(text: &str) -> Self {
        let doc = Document::parse(text);
        let analysis = toc::analyse(&doc, &Default::default(), None);
        Self {
            toc: analysis.toc.as_ref().map(|t| FoundToc {
                line: doc
                    .position(
                        t.title
                            .map_or(t.region.start, |b| doc.blocks[b].span.start()),
                    )
                    .0,
                title: t.title.map(|b| doc.blocks[b].text(&doc).trim().to_owned()),
                levels: t.levels.clone(),
                entries: t.entries.len(),
            }),
            repository: analysis.anchors.repository().map(str::to_owned),
            marker: rules::list_marker::house_marker(&doc),
            awesome: text.contains(AWESOME_BADGE),
        }
    }
}

/// The starter config for the list `name` holding `text`.
pub fn starter(name: &str, text: &str) -> Result<String, Report> {
    let found = Found::of(text);
    let mut config = header(name, &found);
    let mut rules = pins(&found);
    // The findings the pinned settings give, rule by rule.
    let settings = settings_of(&with_rules(&config, &rules))?;
    let statistics = Statistics::of(&crate::check(text, &settings));
    let mut fix_first = Vec::new();
    for (rule, count) in statistics.rows() {
        if count.count <= NOISY {
            continue;
        }
        if count.fixable == count.count {
            fix_first.push(rule);
            continue;
        }
        let Some(declared) = rules::find(rule) else {
            continue;
        };
        let (level, effect) = if declared.severity == Severity::Info {
            ("off", "off")
        } else {
            ("info", "at info, shown but failing no run")
        };
        let _ = writeln!(
            rules,
            "  # {} findings on {name} today ({} fixed by --fix): {effect} until they are\n  \
             # worked through; delete this line then\n  {rule}: {level}",
            count.count, count.fixable
        );
    }
    if !fix_first.is_empty() {
        let _ = writeln!(
            config,
            "# `pocketlint check --fix` fixes every finding of {} on {name}: run it once.\n",
            fix_first.join(", ")
        );
    }
    let config = with_rules(&config, &rules);
    // What is written must load: a config `init` writes is never one `check` refuses.
    settings_of(&config)?;
    Ok(config)
}

/// `config` with the `rules:` mapping of `rules`, when it has entries.
fn with_rules(config: &str, rules: &str) -> String {
    if rules.is_empty() {
        config.to_owned()
    } else {
        format!("{config}rules:\n{rules}")
    }
}

fn settings_of(yaml: &str) -> Result<Settings, Report> {
    Ok(ConfigFile::parse(yaml, Path::new(CONFIG_NAMES[0]), &rules::SCHEMA)?.settings())
}

/// The comments on top, and the keys outside `rules:`.
fn header(name: &str, found: &Found) -> String {
    let mut out = format!(
        "# pocketlint's config for {name}, written by `pocketlint init` from the list as it\n\
         # is. Every key may go; `pocketlint rules` lists the rules, `pocketlint explain\n\
         # RULE` documents one.\n\n"
    );
    if found.awesome {
        out.push_str(
            "# The list carries the Awesome badge: the awesome profile adds the checks of the\n\
             # awesome list guidelines. Uncomment it once your pocketlint has profiles.\n\
             # profile: awesome\n\n",
        );
    }
    match &found.toc {
        Some(toc) => {
            let levels: Vec<String> = toc.levels.iter().map(u8::to_string).collect();
            let entries = match toc.entries {
                1 => "1 entry".to_owned(),
                n => format!("{n} entries"),
            };
            let _ = writeln!(
                out,
                "# The table of contents found at line {}: {entries}, listing the level {} \
                 headings.",
                toc.line,
                levels.join(" and ")
            );
            out.push_str("toc:\n");
            if let Some(title) = &toc.title {
                let _ = writeln!(out, "  start: {}", quoted(title));
            }
            let _ = writeln!(out, "  levels: [{}]", levels.join(", "));
        }
        None => out.push_str(
            "# No table of contents found. If the list has one, name its title:\n\
             # toc:\n#   start: Contents\n",
        ),
    }
    if let Some(repository) = &found.repository {
        let _ = writeln!(
            out,
            "\n# The README's repository, from its own links: absolute links into it are\n\
             # links into the document.\nrepository: {repository}"
        );
    }
    out.push('\n');
    out
}

/// The conventions pinned under `rules:`.
fn pins(found: &Found) -> String {
    let mut out = String::new();
    if let Some((marker, share)) = &found.marker {
        let _ = writeln!(
            out,
            "  # The lists' bullet: {share} lists use {}.\n  list-marker: {{ marker: {} }}",
            quoted(marker),
            quoted(marker)
        );
    }
    out
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
