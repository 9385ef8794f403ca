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

use std::collections::HashMap;

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

/// The words of a name, folded: runs of letters and digits, each CJK character alone.
pub fn tokens(text: &str) -> Vec<String> {
    folded_tokens(&fold(text))
}

/// [`tokens`] of a text already [`fold`]ed.
fn folded_tokens(folded: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in folded.chars() {
        if is_cjk(c) && c.is_alphanumeric() {
            tokens.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            tokens.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
        }
    }
    tokens.extend((!word.is_empty()).then_some(word));
    tokens
}

/// Dice coefficient over character bigrams (1.0 for equal strings).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        grams
    };
    let (x, y) = (bigrams(a), bigrams(b));
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

/// Whether `needle` occurs in `hay` as a run of whole tokens.
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

struct Name {
    key: String,
    tokens: Vec<String>,
}

impl Name {
    fn new(text: &str) -> Self {
        let folded = fold(text);
        Self {
            key: key_of_folded(&folded),
            tokens: folded_tokens(&folded),
        }
    }

    /// Long enough that being contained in another name means something.
    fn distinctive(&self) -> bool {
        let chars = self.key.chars().count();
        chars >= 3 || (chars >= 2 && self.key.chars().all(is_cjk))
    }

    /// The share of this name made of words (not single CJK characters) `other` has.
    fn word_coverage(&self, other: &Name) -> f64 {
        let covered: usize = self
            .tokens
            .iter()
            .filter(|t| t.chars().count() >= 3 && other.tokens.contains(t))
            .map(|t| t.chars().count())
            .sum();
        covered as f64 / self.key.chars().count().max(1) as f64
    }
}

/// Matches every query to at most one candidate; see the module documentation.
pub fn match_names(candidates: &[Candidate], queries: &[Query]) -> Vec<NameMatch> {
    let names: Vec<Name> = candidates.iter().map(|c| Name::new(c.text)).collect();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_token: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        by_key.entry(&name.key).or_default().push(i);
        let mut seen: Vec<&str> = name.tokens.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for token in seen {
            by_token.entry(token).or_default().push(i);
        }
    }
    let queries: Vec<(Name, Option<usize>)> = queries
        .iter()
        .map(|q| (Name::new(q.text), q.part))
        .collect();
    let mut claimed = vec![false; candidates.len()];
    let mut found: Vec<Option<NameMatch>> = vec![None; queries.len()];
    let narrow = |list: Vec<usize>, part: Option<usize>, claimed: &[bool]| {
        let list = keep_if_any(list, |&c| !claimed[c]);
        keep_if_any(list, |&c| part.is_some() && candidates[c].part == part)
    };

    for (q, (name, part)) in queries.iter().enumerate() {
        if let Some(list) = by_key.get(name.key.as_str()) {
            let pick = narrow(list.clone(), *part, &claimed)[0];
            claimed[pick] = true;
            found[q] = Some(NameMatch::Exact(pick));
        }
    }

    // Sharing tokens, for the queries still open: candidate → number of shared tokens.
    let shared = |name: &Name| {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut seen: Vec<&String> = name.tokens.iter().collect();
        seen.sort_unstable();
        seen.dedup();
        for token in seen {
            for &c in by_token.get(token.as_str()).into_iter().flatten() {
                *counts.entry(c).or_default() += 1;
            }
        }
        counts
    };
    let containing: Vec<Vec<usize>> = queries
        .iter()
        .zip(&found)
        .map(|((name, _), done)| {
            if done.is_some() {
                return Vec::new();
            }
            let mut list: Vec<usize> = shared(name)
                .into_keys()
                .filter(|&c| {
                    let other = &names[c];
                    (name.distinctive() && contains_run(&other.tokens, &name.tokens))
                        || (other.distinctive() && contains_run(&name.tokens, &other.tokens))
                })
                .collect();
            list.sort_unstable();
            list
        })
        .collect();
    // Unique fits first: each one taken may make another entry's fit unique.
    loop {
        let mut progress = false;
        for (q, list) in containing.iter().enumerate() {
            if found[q].is_some() || list.is_empty() {
                continue;
            }
            if let [pick] = narrow(list.clone(), queries[q].1, &claimed)[..] {
                claimed[pick] = true;
                found[q] = Some(NameMatch::Short(pick));
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    for (q, list) in containing.into_iter().enumerate() {
        if found[q].is_none() && !list.is_empty() {
            let list = narrow(list, queries[q].1, &claimed);
            found[q] = Some(NameMatch::Ambiguous(list));
        }
    }

    for (q, (name, part)) in queries.iter().enumerate() {
        if found[q].is_some() {
            continue;
        }
        let scored: Vec<(usize, f64)> = shared(name)
            .into_keys()
            .map(|c| {
                let other = &names[c];
                let score = similarity(&name.key, &other.key).max(name.word_coverage(other));
                (c, score)
            })
            .filter(|&(_, score)| score >= MIN_SIMILARITY)
            .collect();
        let list = narrow(scored.iter().map(|&(c, _)| c).collect(), *part, &claimed);
        let mut ranked: Vec<(usize, f64)> = scored
            .into_iter()
            .filter(|(c, _)| list.contains(c))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found[q] = Some(match ranked.as_slice() {
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
        });
        if let Some(NameMatch::Fuzzy(c)) = found[q] {
            claimed[c] = true;
        }
    }

    found
        .into_iter()
        .map(|m| match m.unwrap_or(NameMatch::None) {
            NameMatch::Exact(c) => NameMatch::Exact(candidates[c].heading),
            NameMatch::Short(c) => NameMatch::Short(candidates[c].heading),
            NameMatch::Fuzzy(c) => NameMatch::Fuzzy(candidates[c].heading),
            NameMatch::Ambiguous(list) => {
                NameMatch::Ambiguous(list.into_iter().map(|c| candidates[c].heading).collect())
            }
            NameMatch::None => NameMatch::None,
        })
        .collect()
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
            Name::new("百川 Baichuan-7B").tokens,
            ["百", "川", "baichuan", "7b"]
        );
        assert_eq!(Name::new("【复旦】MOSS").tokens, ["复", "旦", "moss"]);
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
