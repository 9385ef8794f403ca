//! Inline suppression comments:
//! `<!-- pocketlint-disable RULE, … -->` … `<!-- pocketlint-enable RULE, … -->`,
//! `<!-- pocketlint-disable-next-line RULE -->`, `<!-- pocketlint-disable-file RULE -->`.
//! No rule named means every rule.
//!
//! remark-lint's comments, which lists checked with awesome-lint carry, count too:
//! `<!--lint disable ID …-->`, `<!--lint enable ID …-->` and `<!--lint ignore ID …-->`
//! (the next line). Their IDs are awesome-lint's; the caller maps them to rule names
//! ([`Suppressions::is_suppressed_with`]).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

#[derive(Debug, Clone)]
struct Comment {
    directive: Directive,
    /// Rule names; empty means all rules.
    rules: Vec<String>,
    offset: usize,
    /// 0-based line of the comment's end.
    line: usize,
}

/// The suppression comments of one document, in order.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    comments: Vec<Comment>,
}

impl Suppressions {
    /// Records a comment body if it is a pocketlint directive.
    pub(super) fn add(&mut self, body: &str, offset: usize, line: usize) {
        let (rest, remark) = match body.strip_prefix("pocketlint-") {
            Some(rest) => (rest, false),
            None => match body.strip_prefix("lint ") {
                Some(rest) => (rest.trim_start(), true),
                None => return,
            },
        };
        let (word, names) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let directive = match (word, remark) {
            ("disable", _) => Directive::Disable,
            ("enable", _) => Directive::Enable,
            ("disable-next-line", false) | ("ignore", true) => Directive::DisableNextLine,
            ("disable-file", false) => Directive::DisableFile,
            _ => return,
        };
        let rules = names
            .split([',', ' ', '\t', '\n'])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        self.comments.push(Comment {
            directive,
            rules,
            offset,
            line,
        });
    }

    /// Adds the comments of the next part of the same source, which all follow these.
    pub(super) fn append(&mut self, later: Suppressions) {
        self.comments.extend(later.comments);
    }

    /// Whether a finding of `rule` at `offset`, on 0-based `line`, is suppressed.
    pub fn is_suppressed(&self, rule: &str, offset: usize, line: usize) -> bool {
        self.is_suppressed_with(rule, offset, line, |name| name)
    }

    /// [`Self::is_suppressed`], reading each name a comment gives through `rule_name`
    /// (which maps another linter's IDs to rule names).
    pub fn is_suppressed_with<'n>(
        &'n self,
        rule: &str,
        offset: usize,
        line: usize,
        rule_name: impl Fn(&'n str) -> &'n str,
    ) -> bool {
        let mut disabled = false;
        for comment in &self.comments {
            let applies = comment.rules.is_empty()
                || comment.rules.iter().any(|r| rule_name(r.as_str()) == rule);
            if !applies {
                continue;
            }
            match comment.directive {
                Directive::DisableFile => return true,
                Directive::DisableNextLine if comment.line + 1 == line => return true,
                Directive::Disable if comment.offset <= offset => disabled = true,
                Directive::Enable if comment.offset <= offset => disabled = false,
                _ => {}
            }
        }
        disabled
    }
}
