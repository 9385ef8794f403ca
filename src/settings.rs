//! What one check runs with: which rules, how severe, their options, how the TOC is found.
//!
//! Settings know no rule by type: a rule's options are stored by their type and read
//! back by the rule that declared them ([`Settings::options`]), and a rule's default
//! severity comes from its declaration. So the rules read settings, and the config file
//! fills them through the [`RuleSchema`]s the rule registry hands it, without either
//! importing the other.

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::diagnostic::Severity;

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A rule's options, whatever their type.
pub type AnyOptions = Arc<dyn Any + Send + Sync>;

/// Reads a rule's options mapping (its `severity` already taken out).
pub type ParseOptions =
    fn(&mut dyn erased_serde::Deserializer<'_>) -> Result<AnyOptions, erased_serde::Error>;

/// What the config file may say about one rule: its name, and how to read its options.
#[derive(Clone, Copy)]
pub struct RuleSchema {
    pub name: &'static str,
    pub parse_options: ParseOptions,
}

impl fmt::Debug for RuleSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSchema")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The [`ParseOptions`] of options of type `T`; `T` rejects keys it does not know.
pub fn parse_options<T>(
    deserializer: &mut dyn erased_serde::Deserializer<'_>,
) -> Result<AnyOptions, erased_serde::Error>
where
    T: for<'de> Deserialize<'de> + Send + Sync + 'static,
{
    Ok(Arc::new(erased_serde::deserialize::<T>(deserializer)?))
}

/// Reads a count option (a most, a least, an indent) as a whole number of at least 1,
/// refusing anything else in words a list maintainer reads, not serde's ("invalid u64").
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    struct CountVisitor;

    impl Visitor<'_> for CountVisitor {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number, 1 or more")
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<usize, E> {
            match usize::try_from(value) {
                Ok(count) if count >= 1 => Ok(count),
                _ => Err(E::custom(format!(
                    "{value} is out of range: allowed is a whole number, 1 or more"
                ))),
            }
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<usize, E> {
            match u64::try_from(value) {
                Ok(value) => self.visit_u64(value),
                Err(_) => Err(E::custom(format!(
                    "{value} is out of range: allowed is a whole number, 1 or more"
                ))),
            }
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<usize, E> {
            Err(E::custom(format!(
                "{value} is not a whole number: allowed is a whole number, 1 or more"
            )))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
            Err(E::custom(format!(
                "{value:?} is not a number: allowed is a whole number, 1 or more"
            )))
        }
    }

    deserializer.deserialize_any(CountVisitor)
}

/// [`count`] for an option that may be left unset.
pub fn optional_count<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<usize>, D::Error> {
    count(deserializer).map(Some)
}

/// Everything a check needs to know: which rules run, how severe, with what options.
///
/// The default runs every rule at its declared severity with default options.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Levels the config file sets, by rule name; other rules run at their default.
    levels: HashMap<String, Level>,
    /// When set, only these rules run.
    select: Option<Vec<String>>,
    /// These rules never run.
    ignore: Vec<String>,
    /// Options the config file sets, by their type.
    options: HashMap<TypeId, AnyOptions>,
    pub toc: TocConfig,
    /// The configured `repository:` (`owner/repo`), if any.
    pub repository: Option<String>,
}

impl Settings {
    /// Sets the level of rule `name`.
    pub fn set_level(&mut self, name: &str, level: Level) {
        self.levels.insert(name.to_owned(), level);
    }

    /// Sets a rule's options (replacing the defaults of their type).
    pub fn set_options(&mut self, options: AnyOptions) {
        self.options.insert((*options).type_id(), options);
    }

    /// The severity rule `name` runs at, `default` unless configured, or `None` when it
    /// is off.
    pub fn severity(&self, name: &str, default: Severity) -> Option<Severity> {
        self.severity_of(name, default, true)
    }

    /// [`Settings::severity`] of a rule that may be off by default (`on_by_default`
    /// false): such a rule runs only when the config sets its level or `select` names it.
    pub fn severity_of(
        &self,
        name: &str,
        default: Severity,
        on_by_default: bool,
    ) -> Option<Severity> {
        let named = |names: &[String]| names.iter().any(|s| s == name);
        let selected = self.select.as_deref().is_none_or(named);
        if !selected || named(&self.ignore) {
            return None;
        }
        match self.levels.get(name) {
            Some(level) => level.severity(),
            None if on_by_default || self.select.as_deref().is_some_and(named) => Some(default),
            None => None,
        }
    }

    /// Keeps only the rules in `select` (when given), then turns off those in `ignore`.
    pub fn restrict(&mut self, select: &[String], ignore: &[String]) {
        if !select.is_empty() {
            let kept = select
                .iter()
                .filter(|s| self.select.as_ref().is_none_or(|old| old.contains(s)));
            self.select = Some(kept.cloned().collect());
        }
        self.ignore.extend(ignore.iter().cloned());
    }

    /// The options of type `T` that the config sets, or their defaults.
    pub fn options<T: Any + Clone + Default>(&self) -> Cow<'_, T> {
        self.options
            .get(&TypeId::of::<T>())
            .and_then(|options| options.downcast_ref::<T>())
            .map_or_else(|| Cow::Owned(T::default()), Cow::Borrowed)
    }
}

/// The `toc:` section: where the table of contents is and what it must cover.
///
/// ```yaml
/// toc: { start: "Contents", levels: [2, 3], exclude: ["Sponsors"] }
/// toc: off
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocConfig {
    /// False with `toc: off`: no TOC is detected and the TOC rules find nothing.
    pub enabled: bool,
    /// Text of the heading or paragraph that opens the TOC, instead of detecting it.
    pub start: Option<String>,
    /// Heading levels the TOC must list, instead of inferring them from its entries.
    pub levels: Option<Vec<u8>>,
    /// Section titles never expected in the TOC, in addition to the usual ones
    /// (Contributing, License, …); compared ignoring case, spacing and punctuation.
    pub exclude: Vec<String>,
}

impl Default for TocConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            start: None,
            levels: None,
            exclude: Vec::new(),
        }
    }
}

/// The options of `toc:` when written as a mapping.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TocOptions {
    #[serde(default)]
    start: Option<String>,
    /// Read wide so that any number gets the message in words, not "invalid u8".
    #[serde(default)]
    levels: Option<Vec<i64>>,
    #[serde(default)]
    exclude: Vec<String>,
}

impl<'de> Deserialize<'de> for TocConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TocVisitor;

        impl<'de> Visitor<'de> for TocVisitor {
            type Value = TocConfig;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("off, or a mapping with start, levels, exclude")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                match value {
                    "off" => self.visit_bool(false),
                    _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
                }
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
                Ok(TocConfig {
                    enabled: value,
                    ..TocConfig::default()
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let options = TocOptions::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let levels = options
                    .levels
                    .map(|levels| {
                        levels
                            .into_iter()
                            .map(|level| {
                                u8::try_from(level)
                                    .ok()
                                    .filter(|l| (1..=6).contains(l))
                                    .ok_or_else(|| {
                                        de::Error::custom(format!(
                                            "heading level {level} is out of range: allowed \
                                             are 1 to 6"
                                        ))
                                    })
                            })
                            .collect::<Result<Vec<u8>, A::Error>>()
                    })
                    .transpose()?;
                Ok(TocConfig {
                    enabled: true,
                    start: options.start,
                    levels,
                    exclude: options.exclude,
                })
            }
        }

        deserializer.deserialize_any(TocVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Limit(usize);

    #[test]
    fn configured_levels_override_defaults_and_select_ignore_narrow() {
        let mut settings = Settings::default();
        assert_eq!(settings.severity("a", Severity::Info), Some(Severity::Info));
        settings.set_level("a", Level::Error);
        settings.set_level("b", Level::Off);
        assert_eq!(
            settings.severity("a", Severity::Info),
            Some(Severity::Error)
        );
        assert_eq!(settings.severity("b", Severity::Info), None);
        settings.restrict(&["a".to_owned(), "c".to_owned()], &["c".to_owned()]);
        assert_eq!(
            settings.severity("a", Severity::Info),
            Some(Severity::Error)
        );
        assert_eq!(settings.severity("c", Severity::Info), None);
        assert_eq!(settings.severity("d", Severity::Info), None);
    }

    #[test]
    fn a_rule_off_by_default_runs_when_configured_or_selected() {
        let mut settings = Settings::default();
        assert_eq!(settings.severity_of("a", Severity::Info, false), None);
        settings.set_level("a", Level::Warning);
        assert_eq!(
            settings.severity_of("a", Severity::Info, false),
            Some(Severity::Warning)
        );
        assert_eq!(settings.severity_of("b", Severity::Info, false), None);
        settings.restrict(&["b".to_owned()], &[]);
        assert_eq!(
            settings.severity_of("b", Severity::Info, false),
            Some(Severity::Info)
        );
    }

    #[test]
    fn options_are_found_by_type_and_default_otherwise() {
        let mut settings = Settings::default();
        assert_eq!(*settings.options::<Limit>(), Limit(0));
        settings.set_options(Arc::new(Limit(7)));
        assert_eq!(*settings.options::<Limit>(), Limit(7));
    }
}
