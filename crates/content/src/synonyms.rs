//! Synonym groups for the search: words that mean the same to the people who
//! type them (bokmål and nynorsk forms, abbreviations, loanwords, names of
//! acts, titles). Embedded from `data/synonyms.ron`; a `--data` folder's own
//! `synonyms.ron` adds the municipality's groups.

use std::path::Path;

use serde::Deserialize;
use somevett_text::words::{Stems, query_terms};

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

/// The guideline items' tags (shown as «Emner»), as the search reads them
/// (folded and stemmed), so that a synonym group holds a tag only as its
/// own first word. The search matches a tag like a word of the item, so a
/// tag among a group's words would bring every item with that tag to a
/// search on any of the group's words: «profiler» (accounts, Kåfjord) in
/// the «konto» group brought KS's profiling items, tagged «profil», to a
/// search on «konto» (content audit round 3, S4).
#[derive(Debug, Default)]
pub struct Tags {
    stems: Stems,
    /// Each tag's key (its folded words' stems) and the tag as written.
    keys: Vec<(String, String)>,
}

impl Tags {
    pub fn new<'a>(tags: impl IntoIterator<Item = &'a str>) -> Self {
        let mut this = Tags::default();
        for tag in tags {
            let key = this.key(tag);
            if !key.is_empty() && !this.keys.iter().any(|(k, _)| *k == key) {
                this.keys.push((key, tag.to_owned()));
            }
        }
        this
    }

    /// A word or phrase as the search looks it up among the synonyms.
    fn key(&self, word: &str) -> String {
        query_terms(word)
            .iter()
            .map(|w| self.stems.stem(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The tag that `word` is to the search, if any.
    fn tag_of(&self, word: &str) -> Option<&str> {
        if self.keys.is_empty() {
            return None;
        }
        let key = self.key(word);
        self.keys
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, tag)| tag.as_str())
    }
}

/// The embedded groups, then those of `DIR/synonyms.ron` if there is one;
/// a word that is one of `tags` must be its group's first word (`Tags`).
/// The embedded groups are checked against the embedded documents' tags
/// (`embedded`): a `--data` pack's tag that one of them happens to hold is
/// not an error in a file the municipality cannot change. A `--data`
/// synonyms file is checked against every tag (`tags`).
pub(super) fn load(
    extra: Option<&Path>,
    embedded: &Tags,
    tags: &Tags,
    errors: &mut Vec<LocatedError>,
) -> Synonyms {
    let (file, text) = EMBEDDED_SYNONYMS;
    let mut synonyms = parse(file, text, embedded, errors).unwrap_or_default();
    if let Some((file, text)) =
        extra.and_then(|dir| super::read_optional(&dir.join(SYNONYMS_FILE), errors))
        && let Some(more) = parse(&file, &text, tags, errors)
    {
        synonyms.groups.extend(more.groups);
    }
    synonyms
}

/// Parses and checks one synonym file. A word of a group's `words` that is
/// one of `tags` is an error unless it is the group's first word, the tag's
/// own group: a group stands for one meaning, and a tag for one (a `from`
/// word leads to the group one way, so a search on the group's words never
/// reaches it). `Tags::default()` checks no tags.
pub fn parse(
    file: &str,
    text: &str,
    tags: &Tags,
    errors: &mut Vec<LocatedError>,
) -> Option<Synonyms> {
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
            let key = query_terms(w).join(" ");
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
        let own = tags.tag_of(first);
        let mut cursor = at;
        for w in group.words.iter().skip(1) {
            let word_at = find_literal(text, w, cursor).unwrap_or(at);
            cursor = word_at + 1;
            if let Some(tag) = tags.tag_of(w)
                && own != Some(tag)
            {
                errors.push(LocatedError::new(
                    file,
                    line_col(text, word_at),
                    format!(
                        "«{w}» i synonymgruppen «{first}» er også emnet «{tag}», som gruppen \
                         ikke står for: et søk på gruppens ord ville finne punktene med \
                         emnet «{tag}» (et emne kan stå i en gruppe bare som dens første ord)"
                    ),
                ));
            }
        }
    }
    (errors.len() == before).then_some(synonyms)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tags of the embedded guideline packs.
    fn embedded_tags() -> Tags {
        let library = crate::Library::from_sources(crate::EMBEDDED_GUIDELINES.iter().copied())
            .unwrap_or_else(|e| panic!("{e}"));
        Tags::new(library.items().flat_map(|v| v.item.tags.iter()))
    }

    #[test]
    fn the_embedded_groups_are_valid() {
        let mut errors = Vec::new();
        let (file, text) = EMBEDDED_SYNONYMS;
        let synonyms = parse(file, text, &embedded_tags(), &mut errors);
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(messages.is_empty(), "{messages:#?}");
        assert!(synonyms.is_some_and(|s| s.groups.len() > 20));
    }

    #[test]
    fn a_tag_stands_in_no_other_group() {
        // Profiling is KS's tag «profilering»; Kåfjord's «profiler» are
        // accounts, and «målrettet annonsering» is not profiling either.
        let tags = embedded_tags();
        assert_eq!(tags.tag_of("profilert"), Some("profilering"));
        assert_eq!(tags.tag_of("profiler"), None);
        assert_eq!(tags.tag_of("kontoer"), Some("konto"));
    }

    #[test]
    fn a_synonym_that_is_another_tag_is_named_with_its_place() {
        let text = "(groups: [\n  (words: [\"konto\", \"kanal\",\n    \"profiler\"], source: \"x\"),\n  (words: [\"profil\", \"profiler\"], source: \"x\"),\n  (words: [\"tredjeland\"], from: [\"konto\"], source: \"x\"),\n])";
        let tags = Tags::new(["konto", "profil"]);
        let mut errors = Vec::new();
        assert!(parse("s.ron", text, &tags, &mut errors).is_none());
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with(
                "s.ron:3:5: «profiler» i synonymgruppen «konto» er også emnet «profil»"
            ),
            "{messages:?}"
        );
        // Without the tags, the same groups pass.
        let mut errors = Vec::new();
        assert!(parse("s.ron", text, &Tags::default(), &mut errors).is_some());
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_bad_group_is_named_with_its_line() {
        let text = "(groups: [\n  (words: [\"a\", \"b\"], source: \"x\"),\n  (words: [\"mail\"], source: \"\", added: [\"x\"]),\n])";
        let mut errors = Vec::new();
        assert!(parse("s.ron", text, &Tags::default(), &mut errors).is_none());
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
        assert!(parse("s.ron", text, &Tags::default(), &mut errors).is_none());
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
