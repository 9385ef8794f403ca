//! `.pocketlint.yaml`: which rules run, how severe they are, their options.
//!
//! ```yaml
//! rules:
//!   heading-level: off
//!   dup-paragraph: { severity: error, min-chars: 60 }
//! exclude: ["docs/**"]
//! ```
//! Unknown keys and rule names are errors pointing at their line.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use miette::{NamedSource, Report};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::diagnostic::Severity;
use crate::rules::{RULES, RuleOptions, RulesConfig};

/// Names the config file may have, in order of preference.
pub const CONFIG_NAMES: [&str; 2] = [".pocketlint.yaml", ".pocketlint.yml"];

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

/// A rule's entry under `rules:`: either just a level, or a mapping of options
/// (which may include `severity`).
#[derive(Debug, Clone)]
pub enum RuleEntry<O> {
    Level(Level),
    Options(O),
}

impl<'de, O: Deserialize<'de>> Deserialize<'de> for RuleEntry<O> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor<O>(PhantomData<O>);

        impl<'de, O: Deserialize<'de>> Visitor<'de> for EntryVisitor<O> {
            type Value = RuleEntry<O>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("off, info, warning, error, or a mapping of options")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Level::deserialize(de::value::StrDeserializer::new(value)).map(RuleEntry::Level)
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
                // YAML 1.1 reads a bare `off` as false in some tools; accept it here too.
                if value {
                    Err(E::invalid_value(de::Unexpected::Bool(true), &self))
                } else {
                    Ok(RuleEntry::Level(Level::Off))
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                O::deserialize(de::value::MapAccessDeserializer::new(map)).map(RuleEntry::Options)
            }
        }

        deserializer.deserialize_any(EntryVisitor(PhantomData))
    }
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

/// The contents of one config file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub rules: RulesConfig,
    /// Globs (relative to the config file's folder) of files not to lint.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// How the table of contents is found and what it covers; `toc: off` disables it.
    #[serde(default)]
    pub toc: TocConfig,
    /// `online: true`: `check` checks links online as with `--online`.
    #[serde(default)]
    pub online: bool,
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

impl ConfigFile {
    /// Parses YAML; the error is a report pointing at the offending line of `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Self, Report> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_saphyr::from_str(text).map_err(|err| {
            let name = path.display().to_string();
            let options = serde_saphyr::render_options! { source_name: Some(name.as_str()) };
            let report =
                serde_saphyr::miette::to_miette_report_with_options(&err, text, &name, options);
            if report.labels().is_some() {
                report
            } else {
                Report::msg(format!("{name}: {err}"))
                    .with_source_code(NamedSource::new(name, text.to_owned()))
            }
        })
    }

    /// Reads and parses the config file at `path`.
    pub fn load(path: &Path) -> Result<Self, Report> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| miette::miette!("cannot read config file {}: {err}", path.display()))?;
        Self::parse(&text, path)
    }
}

/// The config file that governs files in `dir`: the nearest one found walking up.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |name| d.join(name)))
        .find(|p| p.is_file())
}

/// Everything a check needs to know: which rules run, how severe, with what options.
#[derive(Debug, Clone)]
pub struct Settings {
    severities: HashMap<&'static str, Severity>,
    pub options: RuleOptions,
    pub toc: TocConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Self::from_config(&ConfigFile::default())
    }
}

impl Settings {
    pub fn from_config(config: &ConfigFile) -> Self {
        let mut severities: HashMap<&'static str, Severity> = RULES
            .iter()
            .map(|r| (r.meta().name, r.meta().severity))
            .collect();
        for (name, level) in config.rules.levels() {
            match level.severity() {
                Some(severity) => severities.insert(name, severity),
                None => severities.remove(name),
            };
        }
        Self {
            severities,
            options: config.rules.options(),
            toc: config.toc.clone(),
        }
    }

    /// The severity `rule` runs at, or `None` when it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.severities.get(rule).copied()
    }

    /// Keeps only the rules in `select` (when given), then turns off those in `ignore`.
    pub fn restrict(&mut self, select: &[String], ignore: &[String]) {
        if !select.is_empty() {
            self.severities
                .retain(|name, _| select.iter().any(|s| s == name));
        }
        self.severities
            .retain(|name, _| !ignore.iter().any(|s| s == name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_option_maps_are_read() {
        let yaml = "rules:\n  heading-level: off\n  invisible-char: { severity: error }\n";
        let config = ConfigFile::parse(yaml, Path::new("c.yaml")).unwrap();
        let settings = Settings::from_config(&config);
        assert_eq!(settings.severity("heading-level"), None);
        assert_eq!(settings.severity("invisible-char"), Some(Severity::Error));
    }

    #[test]
    fn toc_is_a_mapping_or_off() {
        let yaml = "toc: { start: Contents, levels: [2, 3], exclude: [Sponsors] }\n";
        let config = ConfigFile::parse(yaml, Path::new("c.yaml")).unwrap();
        assert_eq!(config.toc.start.as_deref(), Some("Contents"));
        assert_eq!(config.toc.levels, Some(vec![2, 3]));
        let off = ConfigFile::parse("toc: off\n", Path::new("c.yaml")).unwrap();
        assert!(!off.toc.enabled);
        assert!(ConfigFile::parse("toc: { levels: [9] }\n", Path::new("c.yaml")).is_err());
    }

    #[test]
    fn counts_out_of_range_are_refused_in_words_at_their_place() {
        for (value, words) in [
            (
                "0",
                "0 is out of range: allowed is a whole number, 1 or more",
            ),
            (
                "-1",
                "-1 is out of range: allowed is a whole number, 1 or more",
            ),
            ("1.5", "1.5 is not a whole number"),
            ("many", "\"many\" is not a number"),
        ] {
            for option in ["blank-lines: { maximum", "list-marker: { indent"] {
                let yaml = format!("rules:\n  {option}: {value} }}\n");
                let err = ConfigFile::parse(&yaml, Path::new("c.yaml")).unwrap_err();
                let text = format!("{err:?}");
                assert!(text.contains(words) && text.contains("c.yaml:2:"), "{text}");
                assert!(!text.contains("invalid"), "{text}");
            }
        }
        let yaml = "rules:\n  blank-lines: { maximum: 1 }\n";
        let settings =
            Settings::from_config(&ConfigFile::parse(yaml, Path::new("c.yaml")).unwrap());
        assert_eq!(settings.options.blank_lines.maximum, Some(1));
        let err = ConfigFile::parse("toc: { levels: [2, -1] }\n", Path::new("c.yaml")).unwrap_err();
        assert!(
            format!("{err:?}").contains("heading level -1 is out of range: allowed are 1 to 6")
        );
    }

    #[test]
    fn unknown_rule_names_point_at_their_line() {
        let yaml = "rules:\n  heading-level: warning\n  no-such-rule: off\n";
        let err = ConfigFile::parse(yaml, Path::new("c.yaml")).unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("no-such-rule"), "{text}");
        let label = err.labels().and_then(|mut l| l.next()).expect("a label");
        assert_eq!(label.offset(), yaml.find("no-such-rule").unwrap());
    }
}
