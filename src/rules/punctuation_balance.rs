//! `punctuation-balance`: quotes and brackets opened and never closed, closed without
//! being opened, or written the wrong way round.
//!
//! Each run of text a reader sees as one piece (a paragraph, a list item's own text, a
//! table cell, a heading) is read from [`Document::prose`]: code, HTML, images, link
//! destinations and bare URLs are not in it, so a pair split by a link (`([paper](…))`)
//! still pairs. Each kind of pair is matched on its own stack; `(` and `（` are one kind,
//! as CJK text often closes one with the other. What is not a pair is set aside first:
//! enumerations (`1)`, `b）`), emoticons (`:)`), apostrophes (`don’t`, `users’`), inch
//! marks (`27"`) and half-open ranges (`[0, 1)`).
//!
//! The unpaired marks left are then read together, as a proofreader would: `”以人为本“`
//! is one reversed pair, `”一切”` one quotation whose first mark should open it, and
//! `“…"` one quotation closed with the wrong mark.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Edit, Fix};
use crate::text::is_cjk;

use super::Context;
use super::urls::intended_len;

declare_rule!("punctuation-balance", Structure, Warning, fix: Sometimes(Unsafe),
    check: Document(check),
    summary: "a quote or bracket left open, closed without being opened, or reversed");

/// The kinds of pairs, each with its opening and closing marks (of each width).
const PAIRS: &[(&[char], &[char])] = &[
    (&['“'], &['”']),
    (&['‘'], &['’']),
    (&['《'], &['》']),
    (&['〈'], &['〉']),
    (&['「'], &['」']),
    (&['『'], &['』']),
    (&['【'], &['】']),
    (&['(', '（'], &[')', '）']),
    (&['['], &[']']),
];
const CURLY_DOUBLE: usize = 0;
const CURLY_SINGLE: usize = 1;
const PARENTHESES: usize = 7;

/// One mark of a pair in a piece of text.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    mark: char,
    opening: bool,
    paired: bool,
}

impl Mark {
    fn span(&self) -> Range<usize> {
        self.at..self.at + self.mark.len_utf8()
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for piece in pieces(doc) {
        let chars = characters(doc, &piece);
        let truncated = is_truncated(&chars);
        let mut curly = Vec::new();
        for kind in 0..PAIRS.len() {
            let mut marks = pair_marks(&chars, kind, out);
            if truncated {
                close_all(&mut marks);
            }
            if kind == CURLY_DOUBLE {
                curly = marks;
            } else {
                report(doc, &marks, kind, out);
            }
        }
        let mut straight = straight_quotes(&chars);
        if truncated {
            close_all(&mut straight);
        }
        if let Some(mixed) = mixed_quotes(&mut curly, &straight) {
            out.push(mixed);
        } else if let Some(open) = straight.iter().find(|q| !q.paired) {
            out.push(
                Diagnostic::new(open.span(), "`\"` is never closed")
                    .with_help("add the closing `\"` where the quotation ends, or remove this one"),
            );
        }
        report(doc, &curly, CURLY_DOUBLE, out);
    }
}

/// Whether a piece ends with `...` or `…`: text cut short (a generated list truncates
/// long descriptions), whose closing marks were cut with it.
fn is_truncated(chars: &[(usize, char)]) -> bool {
    let mut tail = chars
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .skip_while(|c| c.is_whitespace());
    match tail.next() {
        Some('…') => true,
        Some('.') => tail.take(2).filter(|&c| c == '.').count() == 2,
        _ => false,
    }
}

/// Takes the opening marks left open as closed by text that was cut off.
fn close_all(marks: &mut [Mark]) {
    for mark in marks.iter_mut().filter(|m| m.opening) {
        mark.paired = true;
    }
}

/// The prose of the document, one piece per block: consecutive runs of
/// [`Document::prose`] whose innermost block is the same.
fn pieces(doc: &Document) -> Vec<Vec<Range<usize>>> {
    let mut pieces: Vec<Vec<Range<usize>>> = Vec::new();
    let mut current = None;
    for run in &doc.prose {
        let block = doc.block_at(run.start);
        match pieces.last_mut() {
            Some(piece) if block == current => piece.push(run.clone()),
            _ => pieces.push(vec![run.clone()]),
        }
        current = block;
    }
    pieces
}

/// The characters of a piece with their offsets: bare URLs left out (up to where GitHub
/// would have ended them had the sentence been separated), a `\n` where a line ends.
fn characters(doc: &Document, piece: &[Range<usize>]) -> Vec<(usize, char)> {
    let mut chars = Vec::new();
    let mut previous_end = None;
    for run in piece {
        if let Some(end) = previous_end
            && doc.source[end..run.start].contains('\n')
        {
            chars.push((end, '\n'));
        }
        previous_end = Some(run.end);
        let urls: Vec<Range<usize>> = doc
            .bare_urls_within(run)
            .iter()
            .map(|u| {
                let len = intended_len(doc.slice(u)).unwrap_or(u.len());
                u.start..u.start + len
            })
            .collect();
        chars.extend(
            doc.slice(run)
                .char_indices()
                .map(|(i, c)| (run.start + i, c))
                .filter(|(at, _)| !urls.iter().any(|u| u.contains(at))),
        );
    }
    chars
}

/// The marks of pair `kind` in `chars`, paired on a stack. A `‘` used as an
/// apostrophe (`It‘s`) is reported here and left out.
fn pair_marks(chars: &[(usize, char)], kind: usize, out: &mut Vec<Diagnostic>) -> Vec<Mark> {
    let (opening, closing) = PAIRS[kind];
    let ranges = if kind >= PARENTHESES {
        range_marks(chars)
    } else {
        Vec::new()
    };
    let mut marks: Vec<Mark> = Vec::new();
    // Each open mark: its index in `marks` and in `chars`.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (i, &(at, mark)) in chars.iter().enumerate() {
        let is_opening = opening.contains(&mark);
        if !(is_opening || closing.contains(&mark)) || ranges.binary_search(&i).is_ok() {
            continue;
        }
        if kind == CURLY_SINGLE && is_opening && between_letters(chars, i) {
            out.push(misused_apostrophe(at));
            continue;
        }
        let paired = if is_opening {
            open.push((marks.len(), i));
            false
        } else if let Some((o, _)) = open.pop() {
            marks[o].paired = true;
            true
        } else if is_not_closing(chars, i, kind) {
            continue;
        } else {
            false
        };
        marks.push(Mark {
            at,
            mark,
            opening: is_opening,
            paired,
        });
    }
    // An opening mark left open after eyes is an emoticon (`:(`).
    let emoticons: Vec<usize> = open
        .into_iter()
        .filter(|&(_, i)| is_emoticon(chars, i))
        .map(|(o, _)| o)
        .collect();
    let mut index = 0;
    marks.retain(|_| {
        index += 1;
        emoticons.binary_search(&(index - 1)).is_err()
    });
    marks
}

/// Whether the closing mark at `chars[i]`, with nothing open to close, is something
/// else: an enumeration, an emoticon or an apostrophe.
fn is_not_closing(chars: &[(usize, char)], i: usize, kind: usize) -> bool {
    match kind {
        PARENTHESES => is_enumeration(chars, i) || is_emoticon(chars, i),
        CURLY_SINGLE => is_apostrophe(chars, i),
        _ => false,
    }
}

/// `:)`, `;-(`, `=)`, `:'(`, `: )`: an ASCII parenthesis after eyes.
fn is_emoticon(chars: &[(usize, char)], i: usize) -> bool {
    let before = |n: usize| i.checked_sub(n).map(|j| chars[j].1);
    let eyes = |c: Option<char>| matches!(c, Some(':' | ';' | '='));
    chars[i].1.is_ascii()
        && (eyes(before(1))
            || matches!(before(1), Some('-' | '\'' | '^')) && eyes(before(2))
            || chars[i].1 == ')' && before(1) == Some(' ') && before(2) == Some(':'))
}

/// `1)`, `b）`, `iv)`, `二）`: a short number or a letter after the start of the
/// text, a space or punctuation.
fn is_enumeration(chars: &[(usize, char)], i: usize) -> bool {
    let token_start = chars[..i]
        .iter()
        .rposition(|&(_, c)| !(c.is_ascii_alphanumeric() || is_cjk_numeral(c)))
        .map_or(0, |j| j + 1);
    let token: Vec<char> = chars[token_start..i].iter().map(|&(_, c)| c).collect();
    let numeral = match token.as_slice() {
        [] => false,
        [c] => c.is_ascii_alphanumeric() || is_cjk_numeral(*c),
        _ => {
            token.len() <= 3 && token.iter().all(char::is_ascii_digit)
                || token.iter().all(|&c| is_cjk_numeral(c))
                || token.len() <= 4 && token.iter().all(|c| "ivx".contains(*c))
        }
    };
    numeral
        && chars[..token_start]
            .last()
            .is_none_or(|&(_, c)| !c.is_alphanumeric())
}

fn is_cjk_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// `’` after a letter, closing nothing: `don’t`, `users’`, `90’s`.
fn is_apostrophe(chars: &[(usize, char)], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|j| is_latin(chars[j].1))
}

/// Whether `chars[i]` sits between two letters or digits of a non-CJK script.
fn between_letters(chars: &[(usize, char)], i: usize) -> bool {
    is_apostrophe(chars, i) && chars.get(i + 1).is_some_and(|&(_, c)| is_latin(c))
}

fn is_latin(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn misused_apostrophe(at: usize) -> Diagnostic {
    Diagnostic::new(
        at..at + '‘'.len_utf8(),
        "`‘` inside a word: an opening quote typed for an apostrophe",
    )
    .with_help("write the apostrophe `’`")
    .with_fix(Fix::unsafe_edits(vec![Edit::replace(
        at..at + '‘'.len_utf8(),
        "’",
    )]))
}

/// The indices in `chars` of the brackets of half-open ranges (`[0, 1)`, `(0, n]`):
/// a bracket closed by the other kind's mark around two comma-separated bounds.
fn range_marks(chars: &[(usize, char)]) -> Vec<usize> {
    let mut marks = Vec::new();
    for (i, &(_, open)) in chars.iter().enumerate() {
        let close = match open {
            '[' => ')',
            '(' => ']',
            _ => continue,
        };
        let Some(j) = chars[i + 1..]
            .iter()
            .position(|&(_, c)| "()[]".contains(c))
            .map(|j| i + 1 + j)
        else {
            continue;
        };
        let inside: String = chars[i + 1..j].iter().map(|&(_, c)| c).collect();
        if chars[j].1 == close && is_interval(&inside) {
            marks.extend([i, j]);
        }
    }
    marks
}

/// `0, 1` or `-∞, n`: two short bounds and a comma.
fn is_interval(inside: &str) -> bool {
    let Some((low, high)) = inside.split_once(',') else {
        return false;
    };
    [low, high].iter().all(|bound| {
        let bound = bound.trim();
        !bound.is_empty()
            && bound.chars().count() <= 12
            && bound
                .chars()
                .all(|c| c.is_alphanumeric() || "+-.∞".contains(c))
    })
}

/// The straight `"` of a piece, paired in turn; one after a digit with nothing open
/// is an inch mark (`27"`) and left out.
fn straight_quotes(chars: &[(usize, char)]) -> Vec<Mark> {
    let mut quotes: Vec<Mark> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c != '"' {
            continue;
        }
        if let Some(o) = open.take() {
            quotes[o].paired = true;
            quotes.push(Mark {
                at,
                mark: c,
                opening: false,
                paired: true,
            });
        } else if !(i > 0 && chars[i - 1].1.is_ascii_digit()) {
            open = Some(quotes.len());
            quotes.push(Mark {
                at,
                mark: c,
                opening: true,
                paired: false,
            });
        }
    }
    quotes
}

/// A quotation opened with one kind of double quote and closed with the other (`“…"`,
/// `"…”`): the straight quote left open and the curly one next to it, with no double
/// quote between. Marks the curly one paired.
fn mixed_quotes(curly: &mut [Mark], straight: &[Mark]) -> Option<Diagnostic> {
    let open = straight.iter().find(|q| !q.paired)?;
    let before = curly.iter().rposition(|m| m.at < open.at);
    let after = curly.iter().position(|m| m.at > open.at);
    let straight_between =
        |a: usize, b: usize| straight.iter().any(|q| q.at > a.min(b) && q.at < a.max(b));
    let (curly_index, replacement) = match (before, after) {
        (Some(b), _)
            if curly[b].opening && !curly[b].paired && !straight_between(curly[b].at, open.at) =>
        {
            (b, '”')
        }
        (_, Some(a))
            if !curly[a].opening && !curly[a].paired && !straight_between(open.at, curly[a].at) =>
        {
            (a, '“')
        }
        _ => return None,
    };
    curly[curly_index].paired = true;
    let other = curly[curly_index];
    let span = open.at.min(other.at)..(open.at.max(other.at) + 1).max(other.span().end);
    Some(
        Diagnostic::new(
            span,
            format!(
                "quotation opened with `{}` and closed with `{}`",
                if other.opening { '“' } else { '"' },
                if other.opening { '"' } else { '”' }
            ),
        )
        .with_help(format!("write `{replacement}` for the straight quote"))
        .with_fix(Fix::unsafe_edits(vec![Edit::replace(
            open.span(),
            replacement.to_string(),
        )])),
    )
}

/// Reports the unpaired marks of one kind, reading them together: a run of closing
/// and opening marks in turn, each pair tight around its text, is reversed pairs
/// (`”涌现“ … ”幻觉“`); two quotes facing the same way around a word (`”一切”`) are one
/// quotation with one mark wrong; the rest are reported one by one.
fn report(doc: &Document, marks: &[Mark], kind: usize, out: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < marks.len() {
        let mark = marks[i];
        if mark.paired {
            i += 1;
            continue;
        }
        if let Some(end) = reversed_run(doc, marks, i) {
            for pair in marks[i..=end].chunks(2) {
                out.push(reversed(pair[0], pair[1]));
            }
            i = end + 1;
            continue;
        }
        if let Some(&next) = marks.get(i + 1)
            && kind < PARENTHESES
            && !next.paired
            && next.opening == mark.opening
            && wraps_tightly(doc, mark, next)
        {
            out.push(same_way(mark, next));
            i += 2;
            continue;
        }
        let (opening, closing) = counterparts(mark.mark);
        out.push(if mark.opening {
            Diagnostic::new(mark.span(), format!("`{}` is never closed", mark.mark)).with_help(
                format!("add the closing `{closing}` where it ends, or remove this one"),
            )
        } else {
            Diagnostic::new(
                mark.span(),
                format!("`{}` closes nothing: no `{opening}` before it", mark.mark),
            )
            .with_help(format!(
                "add the opening `{opening}` where it starts, or remove this one"
            ))
        });
        i += 1;
    }
}

/// The index of the last mark of a run of reversed pairs starting with the unpaired
/// closing mark `marks[start]`: closing and opening marks in turn, ending with an
/// unpaired opening mark, each closing mark tight with the opening one after it.
fn reversed_run(doc: &Document, marks: &[Mark], start: usize) -> Option<usize> {
    if marks[start].opening {
        return None;
    }
    let mut i = start;
    while let Some(&next) = marks.get(i + 1) {
        if marks[i].opening || !next.opening || !wraps_tightly(doc, marks[i], next) {
            return None;
        }
        if !next.paired {
            return Some(i + 1);
        }
        match marks.get(i + 2) {
            Some(after) if !after.opening && after.paired => i += 2,
            _ => return None,
        }
    }
    None
}

/// Whether two marks wrap the text between them as a pair would: it starts with a
/// letter or digit, ends with one or with a sentence mark (`”Reversed quote.“`), and
/// holds no line break.
fn wraps_tightly(doc: &Document, first: Mark, second: Mark) -> bool {
    let inside = &doc.source[first.span().end..second.at];
    !inside.contains('\n')
        && inside.chars().count() <= 100
        && inside.chars().next().is_some_and(char::is_alphanumeric)
        && inside
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || ".!?…。！？".contains(c))
}

fn reversed(close: Mark, open: Mark) -> Diagnostic {
    let (opening, _) = counterparts(close.mark);
    let (_, closing) = counterparts(open.mark);
    Diagnostic::new(
        close.at..open.span().end,
        format!(
            "`{}` and `{}` are reversed: the text is closed before it is opened",
            close.mark, open.mark
        ),
    )
    .with_help(format!("swap them: `{opening}…{closing}`"))
    .with_fix(Fix::unsafe_edits(vec![
        Edit::replace(close.span(), opening.to_string()),
        Edit::replace(open.span(), closing.to_string()),
    ]))
}

/// Two marks facing the same way around a word: the one that faces wrong is turned.
fn same_way(first: Mark, second: Mark) -> Diagnostic {
    let (opening, closing) = counterparts(first.mark);
    let (wrong, right) = if first.opening {
        (second, closing)
    } else {
        (first, opening)
    };
    Diagnostic::new(
        first.at..second.span().end,
        format!(
            "`{}` and `{}` face the same way: one of them should be `{right}`",
            first.mark, second.mark
        ),
    )
    .with_help(format!("write `{opening}…{closing}`"))
    .with_fix(Fix::unsafe_edits(vec![Edit::replace(
        wrong.span(),
        right.to_string(),
    )]))
}

/// The opening and closing marks of the pair `mark` belongs to, of its width.
fn counterparts(mark: char) -> (char, char) {
    PAIRS
        .iter()
        .flat_map(|(opening, closing)| opening.iter().zip(closing.iter()))
        .find(|&(&o, &c)| o == mark || c == mark)
        .map_or((mark, mark), |(&o, &c)| (o, c))
}
