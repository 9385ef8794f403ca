//! awesome-lint's wording rules for an entry's description: how it starts (a capital, a
//! number, a quote, a symbol, a name spelled lowercase) and how it ends (`.`, `!`, `?`,
//! `…`, a closing parenthesis or an emoji after punctuation; never punctuation both
//! inside and after a closing quote).

use crate::text::LOWERCASE_NAMES;

/// Characters that end a sentence.
const ENDINGS: [char; 4] = ['.', '!', '?', '…'];

/// Closing quotes punctuation may sit inside.
const CLOSING_QUOTES: [char; 2] = ['"', '”'];

/// Whether a description (the text a reader sees after the link) ends as a sentence
/// does; `last_text` is the text of its last piece when that piece is plain text.
pub fn ends_properly(description: &str, last_text: &str) -> bool {
    let description = description.trim_end();
    let mut rev = description.chars().rev();
    let trailing_endings = rev.clone().take_while(|c| ENDINGS.contains(c)).count();
    let before_endings = description.chars().rev().nth(trailing_endings);
    if trailing_endings > 0 && before_endings.is_some_and(|c| CLOSING_QUOTES.contains(&c)) {
        // `"end".` is right, `"end.".` says it twice.
        let inside = description.chars().rev().nth(trailing_endings + 1);
        return !inside.is_some_and(|c| ENDINGS.contains(&c));
    }
    let last = rev.next();
    if last.is_some_and(|c| ENDINGS.contains(&c))
        || (last.is_some_and(|c| CLOSING_QUOTES.contains(&c))
            && rev.next().is_some_and(|c| ENDINGS.contains(&c)))
    {
        return true;
    }
    if !description.contains(ENDINGS) {
        let words = words(description);
        if words.len() > 2 || !words.last().is_some_and(|w| ends_with_emoji(w)) {
            return false;
        }
    }
    let last_text = last_text.trim_end();
    last_text.ends_with(')') || ends_with_emoji(last_text)
}

/// The first word of a description (after its ` - `) when it starts in lowercase where a
/// capital belongs.
pub fn lowercase_start(text: &str) -> Option<&str> {
    let trimmed = text.trim_start();
    if trimmed.starts_with(['/', '@', '#', '$', '~', '&', '%']) {
        return None;
    }
    let word = words(trimmed).into_iter().next()?;
    let first = word.chars().next()?;
    let letters: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let lowercase = first.is_lowercase()
        && is_latin_greek_or_cyrillic(first)
        && !letters
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
        && !LOWERCASE_NAMES.contains(&letters.as_str());
    lowercase.then_some(word)
}

/// Whether a letter is of the scripts whose descriptions awesome-lint holds to a capital
/// start: Latin, Greek and Cyrillic (Georgian, Armenian and the rest are left alone).
fn is_latin_greek_or_cyrillic(c: char) -> bool {
    matches!(c,
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}'
        | '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' | '\u{0400}'..='\u{052F}')
}

/// The words of a text as awesome-lint splits them: at spaces, hyphens, semicolons,
/// dots, slashes and apostrophes.
fn words(text: &str) -> Vec<&str> {
    text.split([' ', '-', ';', '.', '/', '\''])
        .filter(|w| !w.is_empty())
        .collect()
}

/// A text with its emoji left out.
pub fn without_emoji(text: &str) -> String {
    text.chars().filter(|&c| !is_emoji_part(c)).collect()
}

/// Whether a text ends with an emoji (variation selectors and joiners aside), or with
/// a GitHub emoji shortcode (`:tada:`).
pub fn ends_with_emoji(text: &str) -> bool {
    let shortcode = text
        .strip_suffix(':')
        .and_then(|t| t.rsplit_once(':'))
        .is_some_and(|(_, code)| {
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(&b))
        });
    shortcode
        || text
            .chars()
            .rev()
            .find(|&c| !matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}'))
            .is_some_and(is_emoji)
}

/// Pictographs and symbols drawn as emoji.
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{2300}'..='\u{23FF}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}')
}

/// An emoji or a character that only joins or modifies one.
fn is_emoji_part(c: char) -> bool {
    is_emoji(c) || matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{20E3}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_with_punctuation_once() {
        for good in [
            "A tool.",
            "Really?",
            "Wow!",
            "And so on…",
            "Says \"end\".",
            "Says \"end.\"",
            "Says “end!”",
            "Works (mostly).",
            "Fast. Small (beta)",
            "Fast. Fun 🎉",
            "Costs money. :yen:",
            "🎉",
        ] {
            assert!(ends_properly(good, good), "{good}");
        }
        for bad in [
            "A tool",
            "Says \"end.\".",
            "Says “end…”?",
            "Reversed quote.“",
            "Generate sparklines ▁▂▃▅▂▇",
            "Three words here 🎉",
        ] {
            assert!(!ends_properly(bad, bad), "{bad}");
        }
    }

    #[test]
    fn descriptions_start_with_a_capital_a_number_a_symbol_or_a_lowercase_name() {
        for good in [
            "A tool.",
            "3D engine.",
            "@scope/pkg.",
            "npm helper.",
            "iOS kit.",
            "jQuery plugin.",
            "\"Quoted\".",
            "中文描述。",
            "ქართული.",
            "հայերեն.",
        ] {
            assert_eq!(lowercase_start(good), None, "{good}");
        }
        assert_eq!(lowercase_start("an invalid description."), Some("an"));
        assert_eq!(lowercase_start("invalid sub-item."), Some("invalid"));
    }
}
