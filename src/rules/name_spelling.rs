//! `name-spelling`: a well-known product name written in a form its owner never uses
//! (`Github`, `Javascript`, `Nodejs`). Only prose is read: the document's text runs,
//! which hold no code, HTML, link text or destination, and within them no bare URL and
//! no word that runs on into a host name or path (`Github.com`, `Nodejs/`). Only the
//! mixed-case misspellings are listed: a lowercase `github` or `nodejs` is as often a
//! package, user or command name as a slip.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Applicability, Edit, Fix};

use super::Context;

declare_rule!("name-spelling", Text, Warning, fix: Sometimes(Safe), profile: Awesome,
    check: Document(check),
    summary: "a well-known product name misspelt in prose (Github, Javascript, MacOS)");

/// Misspelt forms and the names as their owners write them on their own sites: the
/// mixed-case entries of awesome-lint's spell-check list, and the names of
/// curated-list subjects (ML, Chinese platforms) that recur in our corpus.
const NAMES: [(&str, &str); 40] = [
    ("ChatGpt", "ChatGPT"),
    ("Chatgpt", "ChatGPT"),
    ("Coffeescript", "CoffeeScript"),
    ("Deepseek", "DeepSeek"),
    ("Github", "GitHub"),
    ("Gitlab", "GitLab"),
    ("GraphQl", "GraphQL"),
    ("Graphql", "GraphQL"),
    ("Javascript", "JavaScript"),
    ("JQuery", "jQuery"),
    ("Jquery", "jQuery"),
    ("Linkedin", "LinkedIn"),
    ("MacOS", "macOS"),
    ("MacOs", "macOS"),
    ("Macos", "macOS"),
    ("MongoDb", "MongoDB"),
    ("Mongodb", "MongoDB"),
    ("MySql", "MySQL"),
    ("Mysql", "MySQL"),
    ("NodeJS", "Node.js"),
    ("NodeJs", "Node.js"),
    ("Nodejs", "Node.js"),
    ("nodeJS", "Node.js"),
    ("OpenAi", "OpenAI"),
    ("Openai", "OpenAI"),
    ("Paypal", "PayPal"),
    ("Postgresql", "PostgreSQL"),
    ("Powershell", "PowerShell"),
    ("Pytorch", "PyTorch"),
    ("Sqlite", "SQLite"),
    ("StackOverflow", "Stack Overflow"),
    ("Stackoverflow", "Stack Overflow"),
    ("Tensorflow", "TensorFlow"),
    ("Typescript", "TypeScript"),
    ("VueJS", "Vue.js"),
    ("VueJs", "Vue.js"),
    ("Webassembly", "WebAssembly"),
    ("Wechat", "WeChat"),
    ("Wordpress", "WordPress"),
    ("Youtube", "YouTube"),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for run in &doc.text_runs {
        let text = doc.slice(run);
        for (start, word) in words(text) {
            let Some(&(_, name)) = NAMES.iter().find(|(wrong, _)| *wrong == word) else {
                continue;
            };
            let span = run.start() + start..run.start() + start + word.len();
            if !stands_alone(text, start..start + word.len()) || in_bare_url(doc, span.start) {
                continue;
            }
            let finding = Diagnostic::new(span.clone(), format!("\"{word}\" is spelt \"{name}\""));
            // A heading's text is its anchor, which links and the TOC point at.
            out.push(if in_heading(doc, span.start) {
                finding.with_help(format!("write \"{name}\" (and update links to its anchor)"))
            } else {
                finding
                    .with_help(format!("write \"{name}\""))
                    .with_fix(Fix::new(
                        Applicability::Safe,
                        vec![Edit::replace(span, name)],
                    ))
            });
        }
    }
}

/// The runs of ASCII letters in `text`, with their offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    found
}

/// Whether the word at `span` of `text` is a word of prose, not part of an identifier,
/// a host name, a path or an address (`Github_token`, `Nodejs.org`, `@Github`, `v2Github`).
fn stands_alone(text: &str, span: std::ops::Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let next = after.next();
    let joined = |c: char| c.is_alphanumeric() || matches!(c, '_' | '/' | '@' | '\\' | '-');
    let dotted = next == Some('.') && after.next().is_some_and(char::is_alphanumeric);
    !before.is_some_and(|c| joined(c) || c == '.') && !next.is_some_and(joined) && !dotted
}

fn in_bare_url(doc: &Document, offset: usize) -> bool {
    let after = doc.bare_urls.partition_point(|r| r.start() <= offset);
    after > 0 && doc.bare_urls[after - 1].contains(offset)
}

fn in_heading(doc: &Document, offset: usize) -> bool {
    doc.section_at(offset)
        .is_some_and(|h| doc.headings[h].span.contains(offset))
}
