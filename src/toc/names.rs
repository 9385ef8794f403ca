//! Matching the plain names of a table TOC to section headings.
//!
//! A TOC cell rarely repeats its heading verbatim: `百川` names `### 百川 Baichuan-7B`,
//! `复旦MOSS` names `### 【复旦】MOSS`. Names are compared in three passes, each only
//! for what the previous left open: the same [`name_key`]; then containment at a token
//! boundary (each CJK character is a token); then similarity (character bigrams, or the
//! share of the name made of words the heading has). Within a pass, headings no other
//! entry has taken and headings in the entry's own part are preferred; a name that still
//! fits several headings is ambiguous, never guessed. Headings are indexed by key and by
//! token, so an entry is only ever compared with headings sharing a token with it.

use std::ops::Range;

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::sorted::common;
use crate::text::{fold, is_cjk, is_ideograph};

/// Below this a heading is not a plausible match at all.
const MIN_SIMILARITY: f64 = 0.3;
/// Two candidates closer than this are a tie.
const TIE: f64 = 0.05;

/// How a name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// Same key: equal but for case, brackets, punctuation and spacing.
    Exact(usize),
    /// A short form: one name is a run of whole tokens of the other.
    Short(usize),
    /// Only similar: the entry probably means this heading.
    Fuzzy(usize),
    /// Fits these headings equally well.
    Ambiguous(Vec<usize>),
    /// Fits no heading.
    None,
}

/// A heading names may match: its index and the part (`##` heading) it belongs to.
pub struct Candidate<'a> {
    pub heading: usize,
    pub part: Option<usize>,
    pub text: &'a str,
}

/// A name to match, and the part its TOC group stands for.
pub struct Query<'a> {
    pub text: &'a str,
    pub part: Option<usize>,
}

/// Dice coefficient over character bigrams (1.0 for equal strings).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    dice(&bigrams(a), &bigrams(b))
}

/// Texts with their character bigrams, each text's sorted, in shared buffers: to
/// compare many texts with [`similarity_of`] without collecting and sorting anything
/// per comparison, nor allocating per text (the suggestion index of the corpus
/// concatenation's 6,298 headings was 78 M instructions with a `String` and a `Vec`
/// per heading and a `Vec` per distinct bigram).
#[derive(Debug, Default)]
pub struct BigramTable {
    texts: String,
    grams: Vec<u64>,
    spans: Vec<(Range<usize>, Range<usize>)>,
}

impl BigramTable {
    /// Adds the text `write` appends to the buffer it is given; it is then
    /// [`BigramTable::get`] of the index returned.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) -> usize {
        let (text_start, gram_start) = (self.texts.len(), self.grams.len());
        write(&mut self.texts);
        push_bigrams(&self.texts[text_start..], &mut self.grams);
        self.spans
            .push((text_start..self.texts.len(), gram_start..self.grams.len()));
        self.spans.len() - 1
    }

    pub fn push(&mut self, text: &str) -> usize {
        self.push_with(|out| out.push_str(text))
    }

    pub fn get(&self, index: usize) -> Bigrams<'_> {
        let (text, grams) = &self.spans[index];
        Bigrams {
            text: &self.texts[text.clone()],
            sorted: &self.grams[grams.clone()],
        }
    }
}

/// A text of a [`BigramTable`] and its sorted bigrams.
#[derive(Debug, Clone, Copy)]
pub struct Bigrams<'a> {
    text: &'a str,
    sorted: &'a [u64],
}

impl<'a> Bigrams<'a> {
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Whether the two texts have a bigram in common.
    pub fn shares_one_with(&self, other: &Bigrams) -> bool {
        common(self.sorted, other.sorted).next().is_some()
    }
}

/// [`similarity`] of two texts whose bigrams are already sorted.
pub fn similarity_of(a: &Bigrams, b: &Bigrams) -> f64 {
    if a.text == b.text {
        return 1.0;
    }
    dice(a.sorted, b.sorted)
}

/// The character bigrams of `text`, sorted.
fn bigrams(text: &str) -> Vec<u64> {
    let mut grams = Vec::new();
    push_bigrams(text, &mut grams);
    grams
}

/// Appends the character bigrams of `text` to `out` and sorts them, each packed in a
/// `u64` (the first character in the high half): sorting and merging pairs of `char`
/// compared twice as much, and sorting was most of indexing a heading.
fn push_bigrams(text: &str, out: &mut Vec<u64>) {
    let start = out.len();
    let mut chars = text.chars().map(u64::from);
    if let Some(mut previous) = chars.next() {
        for c in chars {
            out.push(previous << 32 | c);
            previous = c;
        }
    }
    out[start..].sort_unstable();
}

/// Dice coefficient of two sorted bigram lists: twice the bigrams they share over
/// their total.
fn dice(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * common(x, y).count() as f64 / (x.len() + y.len()) as f64
}

/// Names folded once into shared buffers, each read through a [`Name`]. A `String` for
/// the folded text, another for the key and a `Vec` of words per name were 2.2 M of
/// the seed's 6.0 M instructions of TOC analysis (589 names, mostly CJK).
#[derive(Debug, Default)]
pub struct Names {
    folded: String,
    keys: String,
    /// Each name's words, as byte ranges of its own folded text.
    tokens: Vec<Range<usize>>,
    spans: Vec<NameSpans>,
}

/// Where one name lies in the buffers of [`Names`].
#[derive(Debug)]
struct NameSpans {
    folded: Range<usize>,
    key: Range<usize>,
    tokens: Range<usize>,
}

impl Names {
    /// Buffers for `names` names of about `bytes` bytes in all, grown once rather than doubled
    /// and copied along the way.
    fn with_capacity(names: usize, bytes: usize) -> Self {
        Self {
            folded: String::with_capacity(bytes),
            keys: String::with_capacity(bytes),
            tokens: Vec::with_capacity(bytes / 3),
            spans: Vec::with_capacity(names),
        }
    }

    /// Folds `text` into the buffers; it is then [`Names::get`] of the index returned.
    pub fn push(&mut self, text: &str) -> usize {
        let folded_start = self.folded.len();
        fold_into(text, &mut self.folded);
        let folded = &self.folded[folded_start..];
        let key_start = self.keys.len();
        let tokens_start = self.tokens.len();
        // One pass makes the key (the letters and digits, [`crate::text::name_key`]) and
        // the words: runs of letters and digits, each CJK character alone. The key is
        // copied a run of kept characters at a time, not pushed a character at a time
        // (encoding each one again was a fifth of the names' cost on the seed).
        let (mut word, mut kept) = (None, None);
        for (i, c) in folded.char_indices() {
            match class(c) {
                Class::Separator => {
                    self.tokens.extend(word.take().map(|start| start..i));
                    if let Some(start) = kept.take() {
                        self.keys.push_str(&folded[start..i]);
                    }
                }
                Class::Letter => {
                    kept.get_or_insert(i);
                    word.get_or_insert(i);
                }
                Class::Alone => {
                    kept.get_or_insert(i);
                    self.tokens.extend(word.take().map(|start| start..i));
                    self.tokens.push(i..i + c.len_utf8());
                }
            }
        }
        if let Some(start) = kept {
            self.keys.push_str(&folded[start..]);
        }
        self.tokens.extend(word.map(|start| start..folded.len()));
        self.spans.push(NameSpans {
            folded: folded_start..self.folded.len(),
            key: key_start..self.keys.len(),
            tokens: tokens_start..self.tokens.len(),
        });
        self.spans.len() - 1
    }

    pub fn get(&self, index: usize) -> Name<'_> {
        let spans = &self.spans[index];
        Name {
            folded: &self.folded[spans.folded.clone()],
            key: &self.keys[spans.key.clone()],
            tokens: &self.tokens[spans.tokens.clone()],
        }
    }
}

/// Appends [`fold`] of `text` to `out`. Names in ASCII, CJK ideographs, CJK brackets
/// and fullwidth ASCII (`【复旦】MOSS`, `（LLaMA）`) are folded here without the
/// normalizer: two allocations and a normalization per name were most of [`Names`]'
/// cost on the seed. Sequences of these characters never compose, so folding them one
/// by one is folding the whole (the tests compare every one of them with [`fold`]).
pub(super) fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut fullwidth = false;
    if text.is_ascii() {
        out.push_str(text);
    } else if text.chars().all(|c| {
        fullwidth |= is_fullwidth(c);
        folds_alone(c)
    }) {
        // Only fullwidth ASCII changes; a name without any is copied whole.
        if fullwidth {
            out.extend(text.chars().map(fold_char));
        } else {
            out.push_str(text);
        }
    } else {
        out.push_str(&fold(text));
        return;
    }
    out[start..].make_ascii_lowercase();
}

/// What a character of a folded name is to its words.
enum Class {
    /// Not part of any word: punctuation, symbols, spaces.
    Separator,
    /// A letter or digit of a word.
    Letter,
    /// A CJK letter, a word of its own.
    Alone,
}

/// The [`Class`] of `c`. ASCII and CJK ideographs, most characters of a list's names,
/// are told apart without the Unicode tables: asking every character `is_cjk` and
/// `is_alphanumeric` was half of the folding's cost on the seed.
#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c.is_ascii_alphanumeric() {
            true => Class::Letter,
            false => Class::Separator,
        };
    }
    if is_ideograph(c) || (is_cjk(c) && c.is_alphanumeric()) {
        Class::Alone
    } else if c.is_alphanumeric() {
        Class::Letter
    } else {
        Class::Separator
    }
}

/// Appends [`crate::text::name_key`] of `text` to `out`, folding only a text that is not
/// ASCII (and that without the normalizer where [`fold_into`] can).
pub fn push_key(text: &str, out: &mut String) {
    if text.is_ascii() {
        let letters = text.bytes().filter(u8::is_ascii_alphanumeric);
        out.extend(letters.map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    let mut folded = String::new();
    fold_into(text, &mut folded);
    out.extend(
        folded
            .chars()
            .filter(|&c| !matches!(class(c), Class::Separator)),
    );
}

/// Whether [`crate::text::name_key`] of `text` is not empty (every cell of a table TOC
/// is asked): an ASCII letter or digit, or an ideograph, is one once folded, and only
/// a text with neither is folded to tell.
pub fn has_key(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_alphanumeric() || is_ideograph(c))
        || fold(text).chars().any(char::is_alphanumeric)
}

/// Characters [`fold_into`] folds without the normalizer: NFKC leaves them as they are
/// or (fullwidth ASCII) maps them to one ASCII character, and they compose with nothing.
fn folds_alone(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301B}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF5E}')
}

/// NFKC of one [`folds_alone`] character: fullwidth ASCII (`（`, `Ａ`) is ASCII.
fn fold_char(c: char) -> char {
    if is_fullwidth(c) {
        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
    } else {
        c
    }
}

/// Fullwidth ASCII: the [`folds_alone`] characters that NFKC changes.
fn is_fullwidth(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}')
}

/// A name of [`Names`]: its folded text, its key, and its words as ranges of the
/// folded text.
#[derive(Debug, Clone, Copy)]
pub struct Name<'a> {
    folded: &'a str,
    key: &'a str,
    tokens: &'a [Range<usize>],
}

impl<'a> Name<'a> {
    /// The name reduced to its letters and digits: [`crate::text::name_key`].
    pub fn key(&self) -> &'a str {
        self.key
    }

    fn token(&self, range: &Range<usize>) -> &'a str {
        &self.folded[range.clone()]
    }

    fn tokens(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.tokens.iter().map(|r| self.token(r))
    }

    /// Whether `other`'s words occur in this name as a run of whole words.
    pub fn contains_run(&self, other: &Name) -> bool {
        let n = other.tokens.len();
        n > 0
            && self.tokens.windows(n).any(|window| {
                window
                    .iter()
                    .zip(other.tokens)
                    .all(|(a, b)| self.token(a) == other.token(b))
            })
    }

    /// Long enough that being contained in another name means something.
    fn distinctive(&self) -> bool {
        let chars = self.key.chars().count();
        chars >= 3 || (chars >= 2 && self.key.chars().all(is_cjk))
    }

    /// The share of this name made of words (not single CJK characters) `other` has.
    fn word_coverage(&self, other: &Name) -> f64 {
        let covered: usize = self
            .tokens()
            .filter(|t| t.chars().count() >= 3 && other.tokens().any(|o| o == *t))
            .map(|t| t.chars().count())
            .sum();
        covered as f64 / self.key.chars().count().max(1) as f64
    }
}

/// Matches every query to at most one candidate; see the module documentation.
pub fn match_names(candidates: &[Candidate], queries: &[Query]) -> Vec<NameMatch> {
    let texts = || {
        let candidates = candidates.iter().map(|c| c.text);
        candidates.chain(queries.iter().map(|q| q.text))
    };
    let mut names = Names::with_capacity(texts().count(), texts().map(str::len).sum());
    for text in texts() {
        names.push(text);
    }
    let parts: Vec<Option<usize>> = queries.iter().map(|q| q.part).collect();
    let mut matching = Matching::new(candidates, &names, &parts);
    matching.exact();
    matching.short();
    matching.fuzzy();
    matching.into_headings()
}

/// Candidates by word or by key, each list a chain through one array: a `Vec` per
/// distinct word (each CJK character is one) was an allocation per word of every
/// heading.
struct Index<'n> {
    /// Per word, the position in `links` of the last candidate listed under it.
    last: FxHashMap<&'n str, usize>,
    /// Each listing: the candidate, and the position of the listing before it under the
    /// same word.
    links: Vec<(usize, Option<usize>)>,
}

impl<'n> Index<'n> {
    /// An index for about `listings` listings, sized once: growing the map and the
    /// array as they filled was a fifth of matching the seed's names.
    fn with_capacity(listings: usize) -> Self {
        Self {
            last: FxHashMap::with_capacity_and_hasher(listings, Default::default()),
            links: Vec::with_capacity(listings),
        }
    }

    /// Lists `candidate` under `word`, once however often its name repeats the word.
    fn add(&mut self, word: &'n str, candidate: usize) {
        let at = self.links.len();
        let before = match self.last.entry(word) {
            Entry::Occupied(mut last) => {
                if self.links[*last.get()].0 == candidate {
                    return;
                }
                Some(last.insert(at))
            }
            Entry::Vacant(last) => {
                last.insert(at);
                None
            }
        };
        self.links.push((candidate, before));
    }

    /// The candidates listed under `word`, the last listed first.
    fn get(&self, word: &str) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.last.get(word).copied(), |&at| self.links[at].1)
            .map(|at| self.links[at].0)
    }
}

/// The state of one [`match_names`]: the candidates' names indexed by key and token, the
/// queries, which candidates are taken and what each query found so far (by candidate
/// index). The passes run from the surest match to the loosest.
struct Matching<'c, 'n> {
    candidates: &'c [Candidate<'c>],
    /// The candidates' names, then the queries'.
    names: &'n Names,
    by_key: Index<'n>,
    by_token: Index<'n>,
    /// The part of each query.
    parts: &'n [Option<usize>],
    claimed: Vec<bool>,
    found: Vec<Option<NameMatch>>,
}

impl<'c, 'n> Matching<'c, 'n> {
    fn new(candidates: &'c [Candidate<'c>], names: &'n Names, parts: &'n [Option<usize>]) -> Self {
        let tokens = (0..candidates.len())
            .map(|i| names.get(i).tokens.len())
            .sum();
        let mut by_key = Index::with_capacity(candidates.len());
        let mut by_token = Index::with_capacity(tokens);
        for i in 0..candidates.len() {
            let name = names.get(i);
            by_key.add(name.key, i);
            for token in name.tokens() {
                by_token.add(token, i);
            }
        }
        Self {
            candidates,
            names,
            by_key,
            by_token,
            claimed: vec![false; candidates.len()],
            found: vec![None; parts.len()],
            parts,
        }
    }

    /// The name of query `q`.
    fn query(&self, q: usize) -> Name<'n> {
        self.names.get(self.candidates.len() + q)
    }

    /// `list` without taken candidates, then only those in `part`, each unless that
    /// would leave nothing.
    fn narrow(&self, list: Vec<usize>, part: Option<usize>) -> Vec<usize> {
        let list = keep_if_any(list, |&c| !self.claimed[c]);
        keep_if_any(list, |&c| part.is_some() && self.candidates[c].part == part)
    }

    fn take(&mut self, query: usize, found: NameMatch) {
        if let NameMatch::Exact(c) | NameMatch::Short(c) | NameMatch::Fuzzy(c) = found {
            self.claimed[c] = true;
        }
        self.found[query] = Some(found);
    }

    /// The candidates sharing a word with `name`, each once, in order.
    fn shared(&self, name: &Name) -> Vec<usize> {
        let mut shared: Vec<usize> = name
            .tokens()
            .flat_map(|token| self.by_token.get(token))
            .collect();
        shared.sort_unstable();
        shared.dedup();
        shared
    }

    /// Queries whose name key is a candidate's.
    fn exact(&mut self) {
        for q in 0..self.parts.len() {
            let mut same: Vec<usize> = self.by_key.get(self.query(q).key).collect();
            if !same.is_empty() {
                same.reverse();
                let pick = self.narrow(same, self.parts[q])[0];
                self.take(q, NameMatch::Exact(pick));
            }
        }
    }

    /// Open queries whose name contains a candidate's, or is contained in one: unique
    /// fits first, as each one taken may make another entry's fit unique; what is left
    /// with several fits is ambiguous.
    fn short(&mut self) {
        let containing: Vec<Vec<usize>> =
            (0..self.parts.len()).map(|q| self.containing(q)).collect();
        loop {
            let mut progress = false;
            for (q, list) in containing.iter().enumerate() {
                if self.found[q].is_some() || list.is_empty() {
                    continue;
                }
                if let [pick] = self.narrow(list.clone(), self.parts[q])[..] {
                    self.take(q, NameMatch::Short(pick));
                    progress = true;
                }
            }
            if !progress {
                break;
            }
        }
        for (q, list) in containing.into_iter().enumerate() {
            if self.found[q].is_none() && !list.is_empty() {
                let list = self.narrow(list, self.parts[q]);
                self.take(q, NameMatch::Ambiguous(list));
            }
        }
    }

    /// The candidates whose names contain or are contained in open query `q`'s, sorted.
    fn containing(&self, q: usize) -> Vec<usize> {
        if self.found[q].is_some() {
            return Vec::new();
        }
        let name = self.query(q);
        self.shared(&name)
            .into_iter()
            .filter(|&c| {
                let other = self.names.get(c);
                (name.distinctive() && other.contains_run(&name))
                    || (other.distinctive() && name.contains_run(&other))
            })
            .collect()
    }

    /// Open queries by similarity: the best candidate when it clearly leads.
    fn fuzzy(&mut self) {
        for q in 0..self.parts.len() {
            if self.found[q].is_some() {
                continue;
            }
            let name = self.query(q);
            let scored: Vec<(usize, f64)> = self
                .shared(&name)
                .into_iter()
                .map(|c| {
                    let other = self.names.get(c);
                    let score = similarity(name.key, other.key).max(name.word_coverage(&other));
                    (c, score)
                })
                .filter(|&(_, score)| score >= MIN_SIMILARITY)
                .collect();
            let list = self.narrow(scored.iter().map(|&(c, _)| c).collect(), self.parts[q]);
            let mut ranked: Vec<(usize, f64)> = scored
                .into_iter()
                .filter(|(c, _)| list.contains(c))
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            self.take(q, best_ranked(&ranked));
        }
    }

    /// What each query found, by heading.
    fn into_headings(self) -> Vec<NameMatch> {
        let heading = |c: usize| self.candidates[c].heading;
        self.found
            .into_iter()
            .map(|m| match m.unwrap_or(NameMatch::None) {
                NameMatch::Exact(c) => NameMatch::Exact(heading(c)),
                NameMatch::Short(c) => NameMatch::Short(heading(c)),
                NameMatch::Fuzzy(c) => NameMatch::Fuzzy(heading(c)),
                NameMatch::Ambiguous(list) => {
                    NameMatch::Ambiguous(list.into_iter().map(heading).collect())
                }
                NameMatch::None => NameMatch::None,
            })
            .collect()
    }
}

/// The match of candidates ranked by score, best first: the best when it leads by more
/// than a tie, else the tied ones.
fn best_ranked(ranked: &[(usize, f64)]) -> NameMatch {
    match ranked {
        [] => NameMatch::None,
        [(best, _)] => NameMatch::Fuzzy(*best),
        [(best, top), (_, second), ..] if top - second >= TIE => NameMatch::Fuzzy(*best),
        [(_, top), ..] => NameMatch::Ambiguous(
            ranked
                .iter()
                .filter(|(_, s)| top - s < TIE)
                .map(|&(c, _)| c)
                .collect(),
        ),
    }
}

/// `list` filtered by `keep`, unless that would leave nothing.
fn keep_if_any(list: Vec<usize>, keep: impl Fn(&usize) -> bool) -> Vec<usize> {
    if list.iter().any(&keep) {
        list.into_iter().filter(keep).collect()
    } else {
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(headings: &[&str], names: &[&str]) -> Vec<NameMatch> {
        let candidates: Vec<Candidate> = headings
            .iter()
            .enumerate()
            .map(|(heading, text)| Candidate {
                heading,
                part: None,
                text,
            })
            .collect();
        let queries: Vec<Query> = names
            .iter()
            .map(|text| Query { text, part: None })
            .collect();
        match_names(&candidates, &queries)
    }

    fn tokens(text: &str) -> Vec<String> {
        let mut names = Names::default();
        let at = names.push(text);
        names.get(at).tokens().map(str::to_owned).collect()
    }

    #[test]
    fn tokens_split_cjk_characters() {
        assert_eq!(tokens("百川 Baichuan-7B"), ["百", "川", "baichuan", "7b"]);
        assert_eq!(tokens("【复旦】MOSS"), ["复", "旦", "moss"]);
        assert_eq!(tokens("（ＬＬａＭＡ）模型"), ["llama", "模", "型"]);
    }

    #[test]
    fn short_forms_resolve() {
        let headings = [
            "百川 Baichuan-7B",
            "【复旦】MOSS",
            "EVA: 大规模中文开放域对话系统",
            "中文Alpaca模型Luotuo",
            "中文对话式大语言模型Firefly",
            "Firefly-LLaMA2-Chinese",
        ];
        let found = run(
            &headings,
            &[
                "百川",
                "复旦MOSS",
                "EVA",
                "中文Alpaca Luotuo",
                "流萤Firefly",
                "Firefly-LLaMA2-Chinese",
                "Nothing Here",
            ],
        );
        assert_eq!(
            found,
            [
                NameMatch::Short(0),
                NameMatch::Exact(1),
                NameMatch::Short(2),
                NameMatch::Fuzzy(3),
                NameMatch::Fuzzy(4),
                NameMatch::Exact(5),
                NameMatch::None,
            ]
        );
    }

    #[test]
    fn a_key_is_letters_or_digits() {
        for text in ["【】", "*【 】", "（）", "—", "", "\u{301}"] {
            assert!(!has_key(text), "{text}");
        }
        for text in ["【x】", "（Ａ）", "①", "é", "模"] {
            assert!(has_key(text), "{text}");
        }
    }

    #[test]
    fn keys_are_name_keys() {
        for text in [
            "Ｆｏｏ Bar",
            "",
            "模型 Ωmega",
            "e\u{301}clair",
            "C++ & Rust: 2024!",
        ] {
            let mut key = String::from("x");
            push_key(text, &mut key);
            assert_eq!(key[1..], crate::text::name_key(text), "{text}");
        }
    }

    #[test]
    fn names_keep_their_own_spans() {
        let mut names = Names::default();
        let texts = ["Ｆｏｏ Bar", "", "模型 Ωmega", "e\u{301}clair"];
        let at: Vec<usize> = texts.iter().map(|t| names.push(t)).collect();
        for (text, at) in texts.iter().zip(at) {
            assert_eq!(names.get(at).key, crate::text::name_key(text), "{text}");
        }
    }

    #[test]
    fn ideographs_are_cjk_letters() {
        let ideographs = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_ideograph(c));
        for c in ideographs {
            assert!(is_cjk(c) && c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    /// Every character folded without the normalizer folds as [`fold`] folds it.
    #[test]
    fn characters_folded_alone_fold_as_fold_does() {
        let alone = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| folds_alone(c));
        for c in alone {
            let mut out = String::new();
            fold_into(&c.to_string(), &mut out);
            assert_eq!(out, fold(&c.to_string()), "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        /// Texts of such characters, and texts with others, fold as [`fold`] folds them.
        #[test]
        fn texts_fold_as_fold_does(text in "[a-zA-Z0-9 \\-:、。【】「」（）Ａ-ｚ０-９一-龥\u{301}Ω]{0,12}") {
            let mut out = String::from("x");
            fold_into(&text, &mut out);
            proptest::prop_assert_eq!(&out[1..], fold(&text));
        }
    }

    #[test]
    fn a_name_fitting_two_headings_is_ambiguous() {
        let found = run(&["Llama Coder", "Llama Guard"], &["Llama"]);
        assert_eq!(found, [NameMatch::Ambiguous(vec![0, 1])]);
    }
}
