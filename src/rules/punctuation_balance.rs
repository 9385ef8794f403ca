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
use crate::document::{Document, Span};
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

/// The straight `"`: not in [`PAIRS`], as it opens and closes alike.
const STRAIGHT: usize = PAIRS.len();

/// Every mark with its kind (an index into [`PAIRS`], or [`STRAIGHT`]), flattened from
/// [`PAIRS`] at compile time: a candidate is looked up in one short array.
const MARKS: [(char, usize); mark_count()] = marks();

const fn mark_count() -> usize {
    let mut count = 1;
    let mut kind = 0;
    while kind < PAIRS.len() {
        count += PAIRS[kind].0.len() + PAIRS[kind].1.len();
        kind += 1;
    }
    count
}

const fn marks() -> [(char, usize); mark_count()] {
    let mut marks = [('"', STRAIGHT); mark_count()];
    let mut next = 1;
    let mut kind = 0;
    while kind < PAIRS.len() {
        let (opening, closing) = PAIRS[kind];
        let mut i = 0;
        while i < opening.len() + closing.len() {
            let mark = if i < opening.len() {
                opening[i]
            } else {
                closing[i - opening.len()]
            };
            marks[next] = (mark, kind);
            next += 1;
            i += 1;
        }
        kind += 1;
    }
    marks
}

/// The kind of a mark: an index into [`PAIRS`], or [`STRAIGHT`].
fn kind_of(c: char) -> Option<usize> {
    MARKS
        .iter()
        .find(|&&(mark, _)| mark == c)
        .map(|&(_, kind)| kind)
}

/// The first UTF-8 byte of every mark (a test holds the two lists together). Most prose
/// holds none of them (all marks but `()[]"` are non-ASCII).
const LEAD_BYTES: [u8; 8] = [b'"', b'(', b')', b'[', b']', 0xE2, 0xE3, 0xEF];

/// The bytes [`lead_hits`] tests at once.
const BLOCK: usize = 16;

/// The lead bytes of a block as one number, a byte of it for each byte of the block:
/// 1 for a lead byte, 0 otherwise, so that its set bits, lowest first, are the block's
/// lead bytes. Written without branches, so that the compiler compares each lead with
/// the whole block at once: 22 instructions for 16 bytes, where a test and a branch
/// per byte took 8 a byte (40% of the rule on the seed). Kept out of line: inlined into
/// the loop over the blocks, it was vectorised differently from one build to the next,
/// 60 to 150 instructions a block, which made the rule 2.7 M to 5.4 M of the seed.
#[inline(never)]
fn lead_hits(block: &[u8; BLOCK]) -> u128 {
    let mut hits = [0u8; BLOCK];
    for (hit, &b) in hits.iter_mut().zip(block) {
        for lead in LEAD_BYTES {
            *hit |= u8::from(b == lead);
        }
    }
    u128::from_le_bytes(hits)
}

/// A mark of any kind in a piece, before pairing.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    at: usize,
    mark: char,
    kind: usize,
}

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

/// One piece of prose as the reader sees it, and its marks. Its text is the spans of
/// the source it shows, in order: its runs without their bare URLs (up to where GitHub
/// would have ended them had the sentence been separated), and one `\n` from each gap
/// between runs that holds a line break. The marks are found in one pass over those
/// bytes; the few tests that read around a mark walk the spans from it, so nothing is
/// built per character.
struct Piece<'a> {
    source: &'a str,
    spans: Vec<Range<usize>>,
    marks: Vec<Candidate>,
    /// The kinds among [`Piece::marks`], a bit for each: most pieces hold one or two of
    /// the ten, and a kind absent is neither paired nor reported.
    kinds: u16,
}

impl<'a> Piece<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            source,
            spans: Vec::new(),
            marks: Vec::new(),
            kinds: 0,
        }
    }

    /// Reads the piece made of `runs` in place of the last one (the buffers are reused);
    /// false when it holds no mark. The marks are found first, in one pass over the
    /// bytes of the runs, so a piece without any costs that pass and nothing more.
    fn read(&mut self, doc: &Document, runs: &[Span]) -> bool {
        self.marks.clear();
        for run in runs {
            self.find_marks(&run.range());
        }
        if self.marks.is_empty() {
            return false;
        }
        self.spans.clear();
        let (first, last) = (&runs[0], &runs[runs.len() - 1]);
        // Most pieces are one line: no gap between their runs need be searched.
        let one_line = doc.lines.line_of(first.start()) == doc.lines.line_of(last.end());
        let mut previous_end = None;
        for run in runs.iter().map(|run| run.range()) {
            if let Some(end) = previous_end
                && !one_line
                && let Some(line_break) = self.source[end..run.start].find('\n')
            {
                self.spans.push(end + line_break..end + line_break + 1);
            }
            previous_end = Some(run.end);
            let mut start = run.start;
            for url in doc.bare_urls_within(&run) {
                if start < url.start() {
                    self.spans.push(start..url.start());
                }
                let len = intended_len(doc.slice(url)).unwrap_or(url.len());
                start = start.max(url.start() + len);
            }
            if start < run.end {
                self.spans.push(start..run.end);
            }
        }
        // Marks in bare URLs are not the reader's; both lists are in order.
        let mut spans = self.spans.iter().peekable();
        self.marks.retain(|mark| {
            while spans.next_if(|s| s.end <= mark.at).is_some() {}
            spans.peek().is_some_and(|s| s.start <= mark.at)
        });
        self.kinds = self.marks.iter().fold(0, |kinds, m| kinds | 1 << m.kind);
        !self.marks.is_empty()
    }

    /// Whether the piece holds a mark of `kind`.
    fn has(&self, kind: usize) -> bool {
        self.kinds & 1 << kind != 0
    }

    /// Adds the marks of `span` to [`Piece::marks`], a block of bytes at a time (the
    /// last one padded with bytes that are no lead): a block without a lead byte, as
    /// most are, costs one vectorised test and no call.
    fn find_marks(&mut self, span: &Range<usize>) {
        let (blocks, rest) = self.source.as_bytes()[span.clone()].as_chunks::<BLOCK>();
        for (n, block) in blocks.iter().enumerate() {
            let hits = lead_hits(block);
            if hits != 0 {
                self.add_marks(span.start + n * BLOCK, hits);
            }
        }
        let mut last = [0; BLOCK];
        last[..rest.len()].copy_from_slice(rest);
        self.add_marks(span.start + blocks.len() * BLOCK, lead_hits(&last));
    }

    /// Adds the marks among the lead bytes `hits` ([`lead_hits`]) of the block at `start`.
    fn add_marks(&mut self, start: usize, mut hits: u128) {
        while hits != 0 {
            let at = start + hits.trailing_zeros() as usize / 8;
            hits &= hits - 1;
            let mark = self.source[at..].chars().next().unwrap_or_default();
            if let Some(kind) = kind_of(mark) {
                self.marks.push(Candidate { at, mark, kind });
            }
        }
    }

    /// The marks of one kind, in order.
    fn marks_of(&self, kind: usize) -> impl Iterator<Item = &Candidate> {
        self.marks.iter().filter(move |m| m.kind == kind)
    }

    /// The characters before offset `at` (to the start of the piece for `usize::MAX`),
    /// nearest first.
    fn before(&self, at: usize) -> impl Iterator<Item = char> + '_ {
        let holding = self.spans.partition_point(|s| s.start < at);
        self.spans[..holding]
            .iter()
            .rev()
            .flat_map(move |s| self.source[s.start..s.end.min(at)].chars().rev())
    }

    /// The characters after the one at offset `at`, nearest first.
    fn after(&self, at: usize) -> impl Iterator<Item = char> + '_ {
        let holding = self.spans.partition_point(|s| s.end <= at);
        self.spans[holding..]
            .iter()
            .flat_map(move |s| self.source[s.start.max(at)..s.end].chars())
            .skip(1)
    }

    /// The text of the piece between two offsets.
    fn text(&self, range: Range<usize>) -> String {
        let first = self.spans.partition_point(|s| s.end <= range.start);
        self.spans[first..]
            .iter()
            .take_while(|s| s.start < range.end)
            .map(|s| &self.source[s.start.max(range.start)..s.end.min(range.end)])
            .collect()
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let mut piece = Piece::new(doc.source);
    for runs in pieces(doc) {
        if piece.read(doc, runs) {
            check_piece(doc, &piece, out);
        }
    }
}

fn check_piece(doc: &Document, piece: &Piece, out: &mut Vec<Diagnostic>) {
    let truncated = is_truncated(piece);
    let ranges = range_marks(piece);
    let mut curly = Vec::new();
    for kind in (0..PAIRS.len()).filter(|&kind| piece.has(kind)) {
        let mut marks = pair_marks(piece, kind, &ranges, out);
        if truncated {
            close_all(&mut marks);
        }
        if kind == CURLY_DOUBLE {
            curly = marks;
        } else {
            report(doc, &marks, kind, out);
        }
    }
    let mut straight = straight_quotes(piece);
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

/// Whether a piece ends with `...` or `…`: text cut short (a generated list truncates
/// long descriptions), whose closing marks were cut with it.
fn is_truncated(piece: &Piece) -> bool {
    let mut tail = piece.before(usize::MAX).skip_while(|c| c.is_whitespace());
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
/// [`Document::prose`] whose innermost block is the same. Runs and blocks are both in
/// document order, so one walk over the two finds each run's block.
fn pieces<'d>(doc: &'d Document) -> Vec<&'d [Span]> {
    let mut pieces = Vec::new();
    let mut blocks = BlockWalk { doc, next: 0 };
    let (mut start, mut current) = (0, None);
    for (i, run) in doc.prose.iter().enumerate() {
        let block = blocks.innermost(run.start());
        if i > 0 && block != current {
            pieces.push(&doc.prose[start..i]);
            start = i;
        }
        current = block;
    }
    if start < doc.prose.len() {
        pieces.push(&doc.prose[start..]);
    }
    pieces
}

/// [`Document::block_at`] for offsets met in increasing order: the last block starting
/// at or before the offset is found by stepping on from the last call, not by a search.
struct BlockWalk<'d, 'a> {
    doc: &'d Document<'a>,
    /// The first block starting after the last offset asked for.
    next: usize,
}

impl BlockWalk<'_, '_> {
    fn innermost(&mut self, offset: usize) -> Option<usize> {
        let blocks = &self.doc.blocks;
        while blocks
            .get(self.next)
            .is_some_and(|b| b.span.start() <= offset)
        {
            self.next += 1;
        }
        let mut current = self.next.checked_sub(1);
        while let Some(i) = current {
            if blocks[i].span.contains(offset) {
                return Some(i);
            }
            current = blocks[i].parent();
        }
        None
    }
}

/// The marks of pair `kind` in a piece, paired on a stack; `ranges` holds the offsets
/// of the brackets of half-open ranges, left out. A `‘` used as an apostrophe (`It‘s`)
/// is reported here and left out.
fn pair_marks(
    piece: &Piece,
    kind: usize,
    ranges: &[usize],
    out: &mut Vec<Diagnostic>,
) -> Vec<Mark> {
    let (opening, _) = PAIRS[kind];
    let mut marks: Vec<Mark> = Vec::new();
    // The index in `marks` of each open mark.
    let mut open: Vec<usize> = Vec::new();
    for &Candidate { at, mark, .. } in piece.marks_of(kind) {
        if ranges.binary_search(&at).is_ok() {
            continue;
        }
        let is_opening = opening.contains(&mark);
        if kind == CURLY_SINGLE && is_opening && between_letters(piece, at) {
            out.push(misused_apostrophe(at));
            continue;
        }
        let paired = if is_opening {
            open.push(marks.len());
            false
        } else if let Some(o) = open.pop() {
            marks[o].paired = true;
            true
        } else if is_not_closing(piece, at, mark, kind) {
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
        .filter(|&o| is_emoticon(piece, marks[o].at, marks[o].mark))
        .collect();
    let mut index = 0;
    marks.retain(|_| {
        index += 1;
        emoticons.binary_search(&(index - 1)).is_err()
    });
    marks
}

/// Whether the closing `mark` at `at`, with nothing open to close, is something else:
/// an enumeration, an emoticon or an apostrophe.
fn is_not_closing(piece: &Piece, at: usize, mark: char, kind: usize) -> bool {
    match kind {
        PARENTHESES => is_enumeration(piece, at) || is_emoticon(piece, at, mark),
        CURLY_SINGLE => is_apostrophe(piece, at),
        _ => false,
    }
}

/// `:)`, `;-(`, `=)`, `:'(`, `: )`: an ASCII parenthesis after eyes.
fn is_emoticon(piece: &Piece, at: usize, mark: char) -> bool {
    let mut before = piece.before(at);
    let (one, two) = (before.next(), before.next());
    let eyes = |c: Option<char>| matches!(c, Some(':' | ';' | '='));
    mark.is_ascii()
        && (eyes(one)
            || matches!(one, Some('-' | '\'' | '^')) && eyes(two)
            || mark == ')' && one == Some(' ') && two == Some(':'))
}

/// `1)`, `b）`, `iv)`, `二）`: a short number or a letter after the start of the
/// text, a space or punctuation.
fn is_enumeration(piece: &Piece, at: usize) -> bool {
    let (mut len, mut digits, mut cjk, mut roman) = (0, true, true, true);
    let mut before = piece.before(at);
    let preceding = loop {
        match before.next() {
            Some(c) if c.is_ascii_alphanumeric() || is_cjk_numeral(c) => {
                len += 1;
                digits &= c.is_ascii_digit();
                cjk &= is_cjk_numeral(c);
                roman &= "ivx".contains(c);
                if len > 4 && !cjk {
                    return false;
                }
            }
            other => break other,
        }
    };
    let numeral = match len {
        0 => false,
        1 => true,
        _ => len <= 3 && digits || cjk || len <= 4 && roman,
    };
    numeral && preceding.is_none_or(|c| !c.is_alphanumeric())
}

fn is_cjk_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// `’` after a letter, closing nothing: `don’t`, `users’`, `90’s`.
fn is_apostrophe(piece: &Piece, at: usize) -> bool {
    piece.before(at).next().is_some_and(is_latin)
}

/// Whether the mark at `at` sits between two letters or digits of a non-CJK script.
fn between_letters(piece: &Piece, at: usize) -> bool {
    is_apostrophe(piece, at) && piece.after(at).next().is_some_and(is_latin)
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

/// The offsets of the brackets of half-open ranges (`[0, 1)`, `(0, n]`): a bracket
/// closed by the other kind's mark around two comma-separated bounds, with no ASCII
/// bracket between.
fn range_marks(piece: &Piece) -> Vec<usize> {
    let mut marks = Vec::new();
    let mut previous: Option<&Candidate> = None;
    for bracket in piece
        .marks
        .iter()
        .filter(|m| matches!(m.mark, '(' | ')' | '[' | ']'))
    {
        if let Some(open) = previous
            && matches!((open.mark, bracket.mark), ('[', ')') | ('(', ']'))
            && is_interval(&piece.text(open.at + 1..bracket.at))
        {
            marks.extend([open.at, bracket.at]);
        }
        previous = Some(bracket);
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
fn straight_quotes(piece: &Piece) -> Vec<Mark> {
    let mut quotes: Vec<Mark> = Vec::new();
    let mut open: Option<usize> = None;
    for &Candidate { at, mark, .. } in piece.marks_of(STRAIGHT) {
        if let Some(o) = open.take() {
            quotes[o].paired = true;
            quotes.push(Mark {
                at,
                mark,
                opening: false,
                paired: true,
            });
        } else if !piece.before(at).next().is_some_and(|c| c.is_ascii_digit()) {
            open = Some(quotes.len());
            quotes.push(Mark {
                at,
                mark,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_bytes_are_the_first_bytes_of_the_marks() {
        let mut firsts: Vec<u8> = MARKS
            .iter()
            .map(|(mark, _)| mark.to_string().as_bytes()[0])
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        let mut leads = LEAD_BYTES.to_vec();
        leads.sort_unstable();
        assert_eq!(firsts, leads);
    }

    #[test]
    fn every_mark_has_its_kind() {
        assert_eq!(kind_of('"'), Some(STRAIGHT));
        assert_eq!(kind_of('“'), Some(CURLY_DOUBLE));
        assert_eq!(kind_of('）'), Some(PARENTHESES));
        assert_eq!(kind_of(']'), Some(PAIRS.len() - 1));
        assert_eq!(kind_of('，'), None);
        assert_eq!(MARKS.len(), 21);
    }
}
