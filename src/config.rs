//! The user's settings file, `config.ron` in the platform config folder, e.g.
//! `(theme: "projector")`. Every entry is optional; a missing file means the
//! defaults, and a bad one is an error naming file:line:col.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::content::LocatedError;

/// The colour themes, chosen with `--theme NAME` or `theme` in the config file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, strum::VariantArray)]
pub enum ThemeName {
    /// Colours for a dark terminal (the default).
    #[default]
    Dark,
    /// Colours for a light terminal.
    Light,
    /// High contrast for a projector: bright colours only, bold selection.
    Projector,
    /// No colour: bold, reverse video, underline and symbols.
    Mono,
}

impl ThemeName {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [ThemeName] = <ThemeName as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Projector => "projector",
            ThemeName::Mono => "mono",
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ThemeName {
    type Err = String;

    /// A theme by name; an unknown name is an error listing the valid ones.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| {
                let valid: Vec<&str> = Self::ALL.iter().map(|t| t.as_str()).collect();
                format!("ukjent tema «{s}»; gyldige temaer er {}", valid.join(", "))
            })
    }
}

impl<'de> Deserialize<'de> for ThemeName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The settings file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Written as a plain string, `theme: "light"`, not RON's `Some("light")`.
    #[serde(default, deserialize_with = "some")]
    pub theme: Option<ThemeName>,
}

fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

impl Config {
    /// The settings in `path`, or the defaults when there is no file.
    pub fn load(path: Option<&Path>) -> Result<Self, LocatedError> {
        let Some(path) = path else {
            return Ok(Self::default());
        };
        let shown = path.display().to_string();
        // Bounded, a leading BOM dropped, a FIFO or a folder refused: as
        // every other file somevett reads.
        let text = crate::content::read_text(path)?.ok_or_else(|| {
            LocatedError::new(
                &shown,
                (1, 1),
                "kan ikke lese innstillingene: filen finnes ikke",
            )
        })?;
        Self::parse(&shown, &text)
    }

    /// Settings from RON text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, LocatedError> {
        ron::from_str(text).map_err(|e| LocatedError::from_ron(file, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_is_named_in_any_case_and_an_unknown_one_lists_the_valid_ones() {
        assert_eq!("Projector".parse(), Ok(ThemeName::Projector));
        assert_eq!(" mono ".parse(), Ok(ThemeName::Mono));
        let err = "neon".parse::<ThemeName>().err().unwrap_or_default();
        assert!(
            err.contains("«neon»") && err.contains("dark, light, projector, mono"),
            "{err}"
        );
    }

    #[test]
    fn the_config_file_chooses_a_theme_or_says_where_it_is_wrong() {
        assert_eq!(
            Config::parse("config.ron", r#"(theme: "light")"#),
            Ok(Config {
                theme: Some(ThemeName::Light)
            })
        );
        assert_eq!(Config::parse("config.ron", "()"), Ok(Config::default()));
        let err = Config::parse("config.ron", "(\n  theme: \"neon\",\n)")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("config.ron:2:"), "{err}");
        assert!(err.contains("projector"), "{err}");
        let err = Config::parse("config.ron", "(tema: \"mono\")")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("config.ron:1:"), "{err}");
    }
}
