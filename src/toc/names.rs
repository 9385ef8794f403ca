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

use rustc_hash::FxHashMap;

use crate::text::{fold, is_cjk, key_of_folded};

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

/// A text with its character bigrams sorted, for comparing it with [`similarity_of`]
/// many times without collecting and sorting them again.
#[derive(Debug)]
pub struct Bigrams {
    text: String,
    sorted: Vec<(char, char)>,
}

impl Bigrams {
    pub fn new(text: String) -> Self {
        Self {
            sorted: bigrams(&text),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Each bigram once, in order.
    pub fn distinct(&self) -> impl Iterator<Item = (char, char)> + '_ {
        self.sorted
            .iter()
            .enumerate()
            .filter(|&(i, gram)| i == 0 || self.sorted[i - 1] != *gram)
            .map(|(_, &gram)| gram)
    }
}

/// [`similarity`] of two texts whose bigrams are already sorted.
pub fn similarity_of(a: &Bigrams, b: &Bigrams) -> f64 {
    if a.text == b.text {
        return 1.0;
    }
    dice(&a.sorted, &b.sorted)
}

/// The character bigrams of `text`, sorted.
fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text.chars().collect();
    let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    grams.sort_unstable();
    grams
}

/// Dice coefficient of two sorted bigram lists: twice the bigrams they share over
/// their total.
fn dice(x: &[(char, char)], y: &[(char, char)]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// A name folded once: its key, and its words (runs of letters and digits, each CJK
/// character alone) as ranges of the folded text. A `String` per word was half of
/// the matching's instructions on the seed, whose names are mostly CJK.
pub struct Name {
    folded: String,
    key: String,
    tokens: Vec<Range<usize>>,
}

impl Name {
    pub fn new(text: &str) -> Self {
        let folded = fold(text);
        Self {
            key: key_of_folded(&folded),
            tokens: token_ranges(&folded),
            folded,
        }
    }

    /// The name reduced to its letters and digits: [`crate::text::name_key`].
    pub fn key(&self) -> &str {
        &self.key
    }

    fn token(&self, range: &Range<usize>) -> &str {
        &self.folded[range.clone()]
    }

    fn tokens(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|r| self.token(r))
    }

    /// Whether `other`'s words occur in this name as a run of whole words.
    pub fn contains_run(&self, other: &Name) -> bool {
        let n = other.tokens.len();
        n > 0
            && self.tokens.windows(n).any(|window| {
                window
                    .iter()
                    .zip(&other.tokens)
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

/// The words of a [`fold`]ed text, as byte ranges.
fn token_ranges(folded: &str) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    // The start of the word being read.
    let mut word = None;
    for (i, c) in folded.char_indices() {
        if is_cjk(c) && c.is_alphanumeric() {
            tokens.extend(word.take().map(|start| start..i));
            tokens.push(i..i + c.len_utf8());
        } else if c.is_alphanumeric() {
            word.get_or_insert(i);
        } else if let Some(start) = word.take() {
            tokens.push(start..i);
        }
    }
    tokens.extend(word.map(|start| start..folded.len()));
    tokens
}

/// Matches every query to at most one candidate; see the module documentation.
pub fn match_names(candidates: &[Candidate], queries: &[Query]) -> Vec<NameMatch> {
    let names: Vec<Name> = candidates.iter().map(|c| Name::new(c.text)).collect();
    let queries: Vec<(Name, Option<usize>)> = queries
        .iter()
        .map(|q| (Name::new(q.text), q.part))
        .collect();
    let mut matching = Matching::new(candidates, &names, &queries);
    matching.exact();
    matching.short();
    matching.fuzzy();
    matching.into_headings()
}

/// The state of one [`match_names`]: the candidates' names indexed by key and token, the
/// queries, which candidates are taken and what each query found so far (by candidate
/// index). The passes run from the surest match to the loosest.
struct Matching<'c, 'n> {
    candidates: &'c [Candidate<'c>],
    names: &'n [Name],
    by_key: FxHashMap<&'n str, Vec<usize>>,
    by_token: FxHashMap<&'n str, Vec<usize>>,
    queries: &'n [(Name, Option<usize>)],
    claimed: Vec<bool>,
    found: Vec<Option<NameMatch>>,
}

impl<'c, 'n> Matching<'c, 'n> {
    fn new(
        candidates: &'c [Candidate<'c>],
        names: &'n [Name],
        queries: &'n [(Name, Option<usize>)],
    ) -> Self {
        let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut by_token: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, name) in names.iter().enumerate() {
            by_key.entry(name.key.as_str()).or_default().push(i);
            for token in name.tokens() {
                let list = by_token.entry(token).or_default();
                // A word the name repeats lists it once.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Self {
            candidates,
            names,
            by_key,
            by_token,
            claimed: vec![false; candidates.len()],
            found: vec![None; queries.len()],
            queries,
        }
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
            .filter_map(|token| self.by_token.get(token))
            .flatten()
            .copied()
            .collect();
        shared.sort_unstable();
        shared.dedup();
        shared
    }

    /// Queries whose name key is a candidate's.
    fn exact(&mut self) {
        for q in 0..self.queries.len() {
            let (name, part) = &self.queries[q];
            if let Some(list) = self.by_key.get(name.key()) {
                let pick = self.narrow(list.clone(), *part)[0];
                self.take(q, NameMatch::Exact(pick));
            }
        }
    }

    /// Open queries whose name contains a candidate's, or is contained in one: unique
    /// fits first, as each one taken may make another entry's fit unique; what is left
    /// with several fits is ambiguous.
    fn short(&mut self) {
        let containing: Vec<Vec<usize>> = (0..self.queries.len())
            .map(|q| self.containing(q))
            .collect();
        loop {
            let mut progress = false;
            for (q, list) in containing.iter().enumerate() {
                if self.found[q].is_some() || list.is_empty() {
                    continue;
                }
                if let [pick] = self.narrow(list.clone(), self.queries[q].1)[..] {
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
                let list = self.narrow(list, self.queries[q].1);
                self.take(q, NameMatch::Ambiguous(list));
            }
        }
    }

    /// The candidates whose names contain or are contained in open query `q`'s, sorted.
    fn containing(&self, q: usize) -> Vec<usize> {
        if self.found[q].is_some() {
            return Vec::new();
        }
        let name = &self.queries[q].0;
        self.shared(name)
            .into_iter()
            .filter(|&c| {
                let other = &self.names[c];
                (name.distinctive() && other.contains_run(name))
                    || (other.distinctive() && name.contains_run(other))
            })
            .collect()
    }

    /// Open queries by similarity: the best candidate when it clearly leads.
    fn fuzzy(&mut self) {
        for q in 0..self.queries.len() {
            if self.found[q].is_some() {
                continue;
            }
            let (name, part) = &self.queries[q];
            let scored: Vec<(usize, f64)> = self
                .shared(name)
                .into_iter()
                .map(|c| {
                    let other = &self.names[c];
                    let score = similarity(&name.key, &other.key).max(name.word_coverage(other));
                    (c, score)
                })
                .filter(|&(_, score)| score >= MIN_SIMILARITY)
                .collect();
            let list = self.narrow(scored.iter().map(|&(c, _)| c).collect(), *part);
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

    #[test]
    fn tokens_split_cjk_characters() {
        assert_eq!(
            Name::new("百川 Baichuan-7B").tokens().collect::<Vec<_>>(),
            ["百", "川", "baichuan", "7b"]
        );
        assert_eq!(
            Name::new("【复旦】MOSS").tokens().collect::<Vec<_>>(),
            ["复", "旦", "moss"]
        );
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
    fn a_name_fitting_two_headings_is_ambiguous() {
        let found = run(&["Llama Coder", "Llama Guard"], &["Llama"]);
        assert_eq!(found, [NameMatch::Ambiguous(vec![0, 1])]);
    }
}
