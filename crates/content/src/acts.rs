//! The Norwegian acts content may name (`data/acts.ron`), and a check that a
//! text names no other: an invented act name («opphavsrettsloven») is an error
//! in the content, not a fact.

use serde::Deserialize;

/// `data/acts.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActList {
    pub acts: Vec<Act>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// The act's short name, e.g. "åndsverkloven".
    pub name: String,
    /// Every form a text may use, lower case ("arkivloven", "arkivlovens").
    pub forms: Vec<String>,
    /// What somevett adds about the act (not from the sources).
    #[serde(default)]
    pub note: Option<String>,
}

/// The endings that make a word an act's name.
const ENDINGS: &[&str] = &["loven", "lova", "lovens", "lovas"];

impl ActList {
    /// The words in `text` that name an act not on the list, in order.
    pub fn unknown<'t>(&self, text: &'t str) -> Vec<&'t str> {
        act_names(text)
            .filter(|word| {
                let lower = word.to_lowercase();
                !self.acts.iter().any(|a| a.forms.contains(&lower))
            })
            .collect()
    }
}

/// Words that look like the name of an act: letters (and hyphens) ending in
/// -loven, -lova, -lovens or -lovas, with something before the ending
/// («loven» alone, as in «COPYRIGHT loven», names no act by itself).
pub fn act_names(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| {
            let lower = w.to_lowercase();
            ENDINGS
                .iter()
                .any(|e| lower.ends_with(e) && lower.len() > e.len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> ActList {
        ActList {
            acts: vec![Act {
                name: "arkivlova".into(),
                forms: vec!["arkivlova".into(), "arkivloven".into()],
                note: None,
            }],
        }
    }

    #[test]
    fn finds_act_names_by_their_ending() {
        let found: Vec<_> =
            act_names("Etter Arkivlova og åndsverkloven, men ikke «COPYRIGHT loven».").collect();
        assert_eq!(found, ["Arkivlova", "åndsverkloven"]);
    }

    #[test]
    fn an_act_off_the_list_is_unknown_whatever_its_case() {
        let text = "Arkivloven gjelder; Opphavsrettsloven finnes ikke.";
        assert_eq!(list().unknown(text), ["Opphavsrettsloven"]);
    }
}
