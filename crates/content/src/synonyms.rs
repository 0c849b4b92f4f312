//! Synonym groups for the search: words that mean the same to the people who
//! type them (bokmål and nynorsk forms, abbreviations, loanwords, names of
//! acts, titles). Embedded from `data/synonyms.ron`; a `--data` folder's own
//! `synonyms.ron` adds the municipality's groups.

use std::path::Path;

use serde::Deserialize;

use super::error::{LocatedError, find_literal, line_col};
use super::parse_ron;

/// The embedded synonym groups.
pub const EMBEDDED_SYNONYMS: (&str, &str) = (
    "data/synonyms.ron",
    include_str!("../../../data/synonyms.ron"),
);
/// The file in a `--data` folder that adds synonym groups.
pub const SYNONYMS_FILE: &str = "synonyms.ron";

/// Words and phrases that a search treats as one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    /// The words and phrases, canonical first («e-post», «mail», «e-mail»).
    pub words: Vec<String>,
    /// Where the words come from: the sources' own words, with seed and line.
    pub source: String,
    /// The words of `words` that no source uses: added by us, and so marked.
    #[serde(default)]
    pub added: Vec<String>,
    /// One way only: these words lead to the group's `words`, but the group's
    /// words do not lead to them, nor they to each other («USA» and «Kina»
    /// lead to «tredjeland»; «tredjeland» leads to neither, and «USA» not
    /// to «Kina»).
    #[serde(default)]
    pub from: Vec<String>,
    /// Words of `words` or `from` matched only as the whole word: no prefix,
    /// typo or inflection («Kina» is not «KINS», «X» not «xxx», «dele» not
    /// «en del av»).
    #[serde(default)]
    pub whole: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    pub groups: Vec<SynonymGroup>,
}

/// The embedded groups, then those of `DIR/synonyms.ron` if there is one.
pub(super) fn load(extra: Option<&Path>, errors: &mut Vec<LocatedError>) -> Synonyms {
    let (file, text) = EMBEDDED_SYNONYMS;
    let mut synonyms = parse(file, text, errors).unwrap_or_default();
    if let Some((file, text)) =
        extra.and_then(|dir| super::read_optional(&dir.join(SYNONYMS_FILE), errors))
        && let Some(more) = parse(&file, &text, errors)
    {
        synonyms.groups.extend(more.groups);
    }
    synonyms
}

/// Parses and checks one synonym file.
pub fn parse(file: &str, text: &str, errors: &mut Vec<LocatedError>) -> Option<Synonyms> {
    let mut synonyms: Synonyms = parse_ron(file, text, errors)?;
    let before = errors.len();
    let mut from = 0;
    for group in &mut synonyms.groups {
        for w in group
            .words
            .iter_mut()
            .chain(group.added.iter_mut())
            .chain(group.from.iter_mut())
            .chain(group.whole.iter_mut())
        {
            *w = super::sanitize::sanitize(w).trim().to_owned();
        }
        let first = group.words.first().map_or("", String::as_str);
        let at = find_literal(text, first, from).unwrap_or(from);
        from = at + 1;
        let mut problem = |message: String| {
            errors.push(LocatedError::new(file, line_col(text, at), message));
        };
        if group.words.len() + group.from.len() < 2 {
            problem(format!("synonymgruppen «{first}» må ha minst to ord"));
        }
        if group.source.trim().is_empty() {
            problem(format!("synonymgruppen «{first}» mangler kilde (source)"));
        }
        let mut seen = Vec::new();
        for w in &group.words {
            let key = somevett_text::words::query_terms(w).join(" ");
            if key.is_empty() {
                problem(format!("tomt ord i synonymgruppen «{first}»"));
            } else if seen.contains(&key) {
                problem(format!("«{w}» står to ganger i synonymgruppen «{first}»"));
            } else {
                seen.push(key);
            }
        }
        for a in &group.added {
            if !group.words.contains(a) && !group.from.contains(a) {
                problem(format!(
                    "«{a}» under added står ikke blant ordene i synonymgruppen «{first}»"
                ));
            }
        }
        for w in &group.whole {
            if !group.words.contains(w) && !group.from.contains(w) {
                problem(format!(
                    "«{w}» under whole står ikke blant ordene i synonymgruppen «{first}»"
                ));
            }
        }
        for w in &group.from {
            if group.words.contains(w) {
                problem(format!(
                    "«{w}» står både under words og from i synonymgruppen «{first}»"
                ));
            }
        }
    }
    (errors.len() == before).then_some(synonyms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_groups_are_valid() {
        let mut errors = Vec::new();
        let (file, text) = EMBEDDED_SYNONYMS;
        let synonyms = parse(file, text, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(synonyms.is_some_and(|s| s.groups.len() > 20));
    }

    #[test]
    fn a_bad_group_is_named_with_its_line() {
        let text = "(groups: [\n  (words: [\"a\", \"b\"], source: \"x\"),\n  (words: [\"mail\"], source: \"\", added: [\"x\"]),\n])";
        let mut errors = Vec::new();
        assert!(parse("s.ron", text, &mut errors).is_none());
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages.iter().all(|m| m.starts_with("s.ron:3:")),
            "{messages:?}"
        );
        assert!(messages[0].contains("minst to ord"), "{messages:?}");
    }

    #[test]
    fn one_way_and_whole_words_are_checked() {
        let text = "(groups: [\n  (words: [\"tredjeland\"], from: [\"Kina\"], whole: [\"Kina\"], source: \"x\"),\n  (words: [\"a\", \"b\"], from: [\"a\"], whole: [\"c\"], source: \"x\"),\n])";
        let mut errors = Vec::new();
        assert!(parse("s.ron", text, &mut errors).is_none());
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages.iter().all(|m| m.starts_with("s.ron:3:")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("«c» under whole")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("både under words og from")),
            "{messages:?}"
        );
    }
}
