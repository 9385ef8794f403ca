//! `.pocketlint.yaml`: which rules run, how severe they are, their options.
//!
//! ```yaml
//! rules:
//!   heading-level: off
//!   dup-paragraph: { severity: error, min-chars: 60 }
//! exclude: ["docs/**"]
//! ```
//! Unknown keys and rule names are errors pointing at their line.

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{NamedSource, Report};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};

use crate::settings::{AnyOptions, Profile, RuleSchema};
pub use crate::settings::{Level, Settings, TocConfig};

/// Names the config file may have, in order of preference.
pub const CONFIG_NAMES: [&str; 2] = [".pocketlint.yaml", ".pocketlint.yml"];

/// The contents of one config file.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    /// What the `rules:` mapping sets, rule by rule, in the order written.
    pub rules: Vec<RuleEntry>,
    /// Globs (relative to the config file's folder) of files not to lint.
    pub exclude: Vec<String>,
    /// How the table of contents is found and what it covers; `toc: off` disables it.
    pub toc: TocConfig,
    /// `owner/repo` on GitHub: absolute links into its README are links into the
    /// document. Inferred from the links when unset.
    pub repository: Option<String>,
    /// `online: true`: `check` checks links online as with `--online`.
    pub online: bool,
    /// `profile: awesome`: turns on the rules of that profile.
    pub profile: Option<Profile>,
}

/// A rule's entry under `rules:`: a level (`off`), or a mapping of options that may
/// include `severity`.
#[derive(Debug, Clone)]
pub struct RuleEntry {
    pub name: &'static str,
    pub level: Option<Level>,
    pub options: Option<AnyOptions>,
}

/// The top-level keys of a config file.
const KEYS: &[&str] = &["rules", "exclude", "toc", "repository", "online", "profile"];

/// Reads a whole config file, checking rule names and options against the schema.
struct FileSeed<'s>(&'s [RuleSchema]);

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = ConfigFile;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ConfigFile, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = ConfigFile;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping with rules, exclude, toc, repository, online, profile")
    }

    fn visit_unit<E: de::Error>(self) -> Result<ConfigFile, E> {
        Ok(ConfigFile::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ConfigFile, A::Error> {
        let mut file = ConfigFile::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "rules" => file.rules = map.next_value_seed(RulesSeed(self.0))?,
                "exclude" => file.exclude = map.next_value()?,
                "toc" => file.toc = map.next_value()?,
                "repository" => file.repository = Some(repository(map.next_value()?)?),
                "online" => file.online = map.next_value()?,
                "profile" => file.profile = Some(map.next_value()?),
                other => return Err(de::Error::unknown_field(other, KEYS)),
            }
        }
        Ok(file)
    }
}

/// `repository: owner/repo`, refused in words when it is not of that form.
fn repository<E: de::Error>(text: String) -> Result<String, E> {
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match text.split_once('/') {
        Some((owner, repo)) if valid(owner) && valid(repo) => Ok(text),
        _ => Err(E::custom(format!(
            "repository \"{text}\" is not of the form owner/repo"
        ))),
    }
}

/// Reads the `rules:` mapping: every key must name a rule of the schema.
struct RulesSeed<'s>(&'s [RuleSchema]);

impl<'de> DeserializeSeed<'de> for RulesSeed<'_> {
    type Value = Vec<RuleEntry>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RulesSeed<'_> {
    type Value = Vec<RuleEntry>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of rule names")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some(rule) = self.0.iter().find(|r| r.name == key) else {
                let names: Vec<&'static str> = self.0.iter().map(|r| r.name).collect();
                // `unknown_field` wants a `'static` list; the schema is one.
                let names: &'static [&'static str] = Vec::leak(names);
                return Err(de::Error::unknown_field(&key, names));
            };
            entries.push(map.next_value_seed(EntrySeed(rule))?);
        }
        Ok(entries)
    }
}

/// Reads one rule's entry: a level, or a mapping of its options and `severity`.
struct EntrySeed<'s>(&'s RuleSchema);

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = RuleEntry;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RuleEntry, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = RuleEntry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("off, info, warning, error, or a mapping of options")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<RuleEntry, E> {
        let level = Level::deserialize(de::value::StrDeserializer::new(value))?;
        Ok(self.entry(Some(level), None))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<RuleEntry, E> {
        // YAML 1.1 reads a bare `off` as false in some tools; accept it here too.
        if value {
            Err(E::invalid_value(de::Unexpected::Bool(true), &self))
        } else {
            Ok(self.entry(Some(Level::Off), None))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RuleEntry, A::Error> {
        let mut severity = None;
        let mut error = None;
        let options = SeverityAside {
            map,
            severity: &mut severity,
            error: &mut error,
        };
        let mut erased =
            <dyn erased_serde::Deserializer>::erase(de::value::MapAccessDeserializer::new(options));
        let options = (self.0.parse_options)(&mut erased);
        // The reader's own error knows where in the file it is; the erased one does not.
        let options =
            options.map_err(|erased| error.take().unwrap_or_else(|| de::Error::custom(erased)))?;
        Ok(self.entry(severity, Some(options)))
    }
}

impl EntrySeed<'_> {
    fn entry(&self, level: Option<Level>, options: Option<AnyOptions>) -> RuleEntry {
        RuleEntry {
            name: self.0.name,
            level,
            options,
        }
    }
}

/// A rule's options mapping with its `severity` key taken out (into `severity`), so
/// the options type of a rule never has to declare it. The first error of the mapping
/// is kept in `error`, with its place in the file, for the caller to report.
struct SeverityAside<'a, A, E> {
    map: A,
    severity: &'a mut Option<Level>,
    error: &'a mut Option<E>,
}

impl<'de, A: MapAccess<'de>> SeverityAside<'_, A, A::Error> {
    fn keep<T>(&mut self, result: Result<T, A::Error>) -> Result<T, A::Error> {
        result.map_err(|err| {
            let shown = de::Error::custom(&err);
            self.error.get_or_insert(err);
            shown
        })
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for SeverityAside<'_, A, A::Error> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        mut seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let key = self.map.next_key_seed(KeySeed(seed));
            match self.keep(key)? {
                None => return Ok(None),
                Some(Key::Option(key)) => return Ok(Some(key)),
                Some(Key::Severity(unused)) => {
                    let severity = self.map.next_value();
                    *self.severity = Some(self.keep(severity)?);
                    seed = unused;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let value = self.map.next_value_seed(ValueSeed(seed));
        self.keep(value)
    }
}

/// A key of a rule's options mapping: `severity`, or one the options type reads.
enum Key<S, K> {
    /// `severity`, with the options' key reader, unused.
    Severity(S),
    Option(K),
}

/// Reads a key inside the config reader (so an unknown one is reported at its place),
/// handing every key but `severity` to the options' key reader `S`.
struct KeySeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<S> {
    type Value = Key<S, S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let key = String::deserialize(deserializer)?;
        if key == "severity" {
            return Ok(Key::Severity(self.0));
        }
        let key: de::value::StringDeserializer<de::value::Error> = key.into_deserializer();
        self.0
            .deserialize(key)
            .map(Key::Option)
            .map_err(de::Error::custom)
    }
}

/// Reads an option's value inside the config reader, so its error is reported at its
/// place. The options type reads it from a copy: its errors then carry only their words
/// (the config reader's own errors would bring their place into the words when they
/// cross the type erasure of [`RuleSchema::parse_options`]).
struct ValueSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ValueSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        self.0.deserialize(value).map_err(de::Error::custom)
    }
}

impl ConfigFile {
    /// Parses YAML, checking rule names and options against `schema` (the registry's
    /// [`crate::rules::SCHEMA`]); the error is a report pointing at the offending line of
    /// `path`.
    pub fn parse(text: &str, path: &Path, schema: &[RuleSchema]) -> Result<Self, Report> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        let parsed =
            serde_saphyr::with_deserializer_from_str(text, |de| FileSeed(schema).deserialize(de));
        parsed.map_err(|err| {
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
    pub fn load(path: &Path, schema: &[RuleSchema]) -> Result<Self, Report> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| miette::miette!("cannot read config file {}: {err}", path.display()))?;
        Self::parse(&text, path, schema)
    }

    /// The settings this file gives: its levels, options and TOC settings.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::default();
        settings.toc = self.toc.clone();
        settings.repository = self.repository.clone();
        settings.profile = self.profile;
        for entry in &self.rules {
            if let Some(level) = entry.level {
                settings.set_level(entry.name, level);
            }
            if let Some(options) = &entry.options {
                settings.set_options(options.clone());
            }
        }
        settings
    }
}

/// The config file that governs files in `dir`: the nearest one found walking up.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |name| d.join(name)))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::settings::parse_options;

    #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Limits {
        min_chars: Option<usize>,
    }

    #[derive(Debug, Clone, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Nothing {}

    const SCHEMA: &[RuleSchema] = &[
        RuleSchema {
            name: "plain",
            parse_options: parse_options::<Nothing>,
        },
        RuleSchema {
            name: "limited",
            parse_options: parse_options::<Limits>,
        },
    ];

    fn parse(yaml: &str) -> Result<ConfigFile, Report> {
        ConfigFile::parse(yaml, Path::new("c.yaml"), SCHEMA)
    }

    #[test]
    fn levels_and_option_maps_are_read() {
        let yaml = "rules:\n  plain: off\n  limited: { severity: error, min-chars: 3 }\n";
        let settings = parse(yaml).unwrap().settings();
        assert_eq!(settings.severity("plain", Severity::Info, None), None);
        assert_eq!(
            settings.severity("limited", Severity::Info, None),
            Some(Severity::Error)
        );
        assert_eq!(settings.options::<Limits>().min_chars, Some(3));
    }

    #[test]
    fn repository_is_owner_slash_name() {
        let config = parse("repository: Owner/the-repo\n").unwrap();
        assert_eq!(config.repository.as_deref(), Some("Owner/the-repo"));
        for wrong in ["owner", "owner/", "https://github.com/o/r"] {
            let err = parse(&format!("repository: {wrong}\n")).unwrap_err();
            assert!(
                format!("{err:?}").contains("not of the form owner/repo"),
                "{wrong}"
            );
        }
    }

    #[test]
    fn online_is_a_boolean() {
        assert!(parse("online: true\n").unwrap().online);
        assert!(!parse("exclude: []\n").unwrap().online);
        assert!(parse("online: sometimes\n").is_err());
    }

    #[test]
    fn profile_names_a_known_profile() {
        let config = parse("profile: awesome\n").unwrap();
        assert_eq!(config.settings().profile, Some(Profile::Awesome));
        assert_eq!(parse("exclude: []\n").unwrap().profile, None);
        let err = parse("profile: fancy\n").unwrap_err();
        assert!(format!("{err:?}").contains("awesome"), "{err:?}");
    }

    #[test]
    fn toc_is_a_mapping_or_off() {
        let yaml = "toc: { start: Contents, levels: [2, 3], exclude: [Sponsors] }\n";
        let config = parse(yaml).unwrap();
        assert_eq!(config.toc.start.as_deref(), Some("Contents"));
        assert_eq!(config.toc.levels, Some(vec![2, 3]));
        assert!(!parse("toc: off\n").unwrap().toc.enabled);
        assert!(parse("toc: { levels: [9] }\n").is_err());
    }

    #[test]
    fn unknown_rule_names_point_at_their_line() {
        let yaml = "rules:\n  plain: warning\n  no-such-rule: off\n";
        let err = parse(yaml).unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("no-such-rule"), "{text}");
        let label = err.labels().and_then(|mut l| l.next()).expect("a label");
        assert_eq!(label.offset(), yaml.find("no-such-rule").unwrap());
    }

    #[test]
    fn unknown_options_and_keys_are_errors() {
        assert!(parse("rules:\n  plain: { severity: info, x: 1 }\n").is_err());
        assert!(parse("rule:\n  plain: off\n").is_err());
    }

    /// The options are read through a type-erased schema: their errors must still point
    /// at their place, in words without a second copy of it.
    #[test]
    fn option_errors_point_at_the_key_or_value() {
        for (yaml, at, words) in [
            (
                "rules:\n  limited: { min-char: 3 }\n",
                "min-char",
                "unknown field `min-char`",
            ),
            (
                "rules:\n  limited: { min-chars: many }\n",
                "many",
                "invalid type: string \"many\"",
            ),
            (
                "rules:\n  limited: { severity: loud }\n",
                "loud",
                "unknown variant `loud`",
            ),
        ] {
            let err = parse(yaml).unwrap_err();
            let label = err.labels().and_then(|mut l| l.next()).expect("a label");
            assert_eq!(label.offset(), yaml.find(at).unwrap(), "{err:?}");
            let text = err.to_string();
            assert!(text.contains(words) && !text.contains("line"), "{text}");
        }
    }
}
