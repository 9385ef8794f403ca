//! `blank-lines`: runs of blank lines longer than the document's style, and a file that
//! does not end with a newline.
//!
//! Some lists deliberately put two blank lines before each section heading
//! (free-programming-books, awesome-selfhosted): when most headings are preceded by the
//! same longer run, that run is the style before headings and is not reported.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};

use super::Context;
use super::convention::{MOST, Tally, Untouchable};

declare_rule!("blank-lines", Format, Warning, fix: Always(Safe), options: Options,
    check: Document(check),
    summary: "more consecutive blank lines than the document's style, or no final newline");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Options {
    /// Most blank lines allowed in a row anywhere; unset, one (and before headings,
    /// the run most headings have).
    #[serde(deserialize_with = "crate::settings::optional_count")]
    pub maximum: Option<usize>,
    /// Whether the file must end with a newline (default: true).
    pub final_newline: Option<bool>,
}

/// Blank lines `first..=last`, none of them inside code or raw HTML.
struct Run {
    first: usize,
    last: usize,
    before_heading: bool,
}

impl Run {
    fn len(&self) -> usize {
        self.last - self.first + 1
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<Options>();
    let runs = blank_runs(doc);
    let mut before_headings = Tally::default();
    for run in runs.iter().filter(|r| r.before_heading) {
        before_headings.add(run.len());
    }
    let heading_style = before_headings.dominant(MOST).filter(|&n| n > 1);
    for run in &runs {
        let allowed = match (options.maximum, heading_style) {
            (Some(maximum), _) => maximum,
            (None, Some(style)) if run.before_heading => style,
            (None, _) => 1,
        };
        if run.len() <= allowed {
            continue;
        }
        let start = doc.lines.line_start(run.first + allowed);
        let end = doc.lines.line_range(doc.source, run.last).end.max(start);
        let end = doc.source[end..]
            .find('\n')
            .map_or(doc.source.len(), |i| end + i + 1);
        let why = match (options.maximum, heading_style) {
            (None, Some(style)) if run.before_heading => format!(
                ", as before {} headings in this document",
                before_headings.share(style)
            ),
            _ => String::new(),
        };
        out.push(
            Diagnostic::new(start..end, format!("{} blank lines in a row", run.len()))
                .with_help(format!("keep {allowed}{why}"))
                .with_fix(Fix::safe(vec![Edit::delete(start..end)])),
        );
    }
    if options.final_newline.unwrap_or(true)
        && let Some((last, c)) = doc.source.char_indices().next_back()
        && c != '\n'
    {
        out.push(
            Diagnostic::new(last..doc.source.len(), "file does not end with a newline")
                .with_help("add one")
                .with_fix(Fix::safe(vec![Edit::insert(doc.source.len(), "\n")])),
        );
    }
}

fn blank_runs(doc: &Document) -> Vec<Run> {
    let untouchable = Untouchable::new(doc);
    let heading_lines: Vec<usize> = doc
        .blocks
        .iter()
        .filter(|b| b.parent().is_none() && matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| doc.lines.line_of(b.span.start()))
        .collect();
    // Heading lines come in order, as the runs do: each run's is stepped to, not searched.
    let mut headings = heading_lines.iter().peekable();
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    for line in 0..=doc.lines.len() {
        let blank = line < doc.lines.len()
            && doc.is_blank_line(line)
            && !untouchable.contains(doc.lines.line_start(line));
        match (blank, open) {
            (true, None) => open = Some(line),
            (false, Some(first)) => {
                open = None;
                while headings.next_if(|&&heading| heading < line).is_some() {}
                runs.push(Run {
                    first,
                    last: line - 1,
                    before_heading: headings.peek() == Some(&&line),
                });
            }
            _ => {}
        }
    }
    runs
}
