//! Guidelines: documents from the sources, their sections and items.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::words::Words;

/// One source document (a municipality's rules, KS's guide, a privacy statement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    /// The title as the source states it, or one somevett supplies (then
    /// `title_supplied` is true and the title is shown as supplied).
    pub title: String,
    /// True when the source states no title and `title` is somevett's.
    #[serde(default)]
    pub title_supplied: bool,
    /// A short name for lists, e.g. "Meråker kommune"; the issuer if empty.
    #[serde(default)]
    pub short: String,
    pub issuer: String,
    pub kind: DocumentKind,
    /// The date (`YYYY-MM-DD`) or year (`YYYY`) the source states; None when undated.
    #[serde(default)]
    pub date: Option<String>,
    /// The decision that adopted the document, where the source states one,
    /// e.g. "Vedtatt i kommunestyret 24.04.2017, sak 41/17".
    #[serde(default)]
    pub decision: Option<String>,
    /// The version, where the source states one.
    #[serde(default)]
    pub version: Option<String>,
    /// The transcription this pack was made from (a file name, or for a
    /// municipality's own pack its own document): secondary to the citation.
    pub source: String,
    #[serde(default)]
    pub summary: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    Retningslinjer,
    Veileder,
    Personvernerklaering,
}

impl DocumentKind {
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Retningslinjer => "retningslinjer",
            DocumentKind::Veileder => "veileder",
            DocumentKind::Personvernerklaering => "personvernerklæring",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// The page the part starts on, where the source gives pages (KS's table
    /// of contents).
    #[serde(default)]
    pub page: Option<u32>,
    pub items: Vec<Item>,
}

/// One rule or fact, in one clear Norwegian statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Local id inside its section; the full id is `document.section.item`.
    /// Ids, places and tags are short: `CompactString` keeps up to 24 bytes
    /// inline, so a large pack does not spend an allocation on each.
    pub id: CompactString,
    /// Fixed once loaded: a boxed `str` is a third smaller than a `String`,
    /// as is the note (20,000 items: a third of a megabyte).
    pub text: Box<str>,
    #[serde(default)]
    pub tags: Tags,
    /// Where in the source: heading and numbered point.
    pub place: CompactString,
    /// What somevett adds that the source does not say (a law it does not
    /// cite, a damaged sentence, a name from another work). Always shown
    /// apart from `text`, never mixed into it.
    #[serde(default)]
    pub note: Option<Box<str>>,
}

/// An item's tags, kept in one string, each followed by `TAG_END`: most
/// items' tags then fit inline in 24 bytes, where a list of strings took an
/// allocation of its own (20,000 items: about a megabyte). Read and written
/// as a list of strings, as before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags(CompactString);

/// Ends each tag in `Tags`: a control character, which no tag keeps (the
/// loader removes control characters from every text).
const TAG_END: char = '\u{1f}';

impl Tags {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator(TAG_END)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl<S: AsRef<str>> FromIterator<S> for Tags {
    fn from_iter<I: IntoIterator<Item = S>>(tags: I) -> Self {
        let mut joined = CompactString::default();
        for tag in tags {
            joined.extend(tag.as_ref().chars().filter(|&c| c != TAG_END));
            joined.push(TAG_END);
        }
        Tags(joined)
    }
}

impl Serialize for Tags {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // With its length first: postcard (the pack cache) needs it.
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.iter().count()))?;
        for tag in self.iter() {
            seq.serialize_element(tag)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Tags;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of tags")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tags, A::Error> {
                let mut joined = CompactString::default();
                while let Some(tag) = seq.next_element::<std::borrow::Cow<'de, str>>()? {
                    joined.extend(tag.chars().filter(|&c| c != TAG_END));
                    joined.push(TAG_END);
                }
                Ok(Tags(joined))
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// The heading a note is shown under, apart from the source's statement.
pub const NOTE_HEADING: &str = "Merknad fra somevett (står ikke i kilden)";

/// The position of an item in a list of documents: (document, section, item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub document: usize,
    pub section: usize,
    pub item: usize,
}

impl Document {
    pub fn item(&self, section: usize, item: usize) -> Option<(&Section, &Item)> {
        let s = self.sections.get(section)?;
        Some((s, s.items.get(item)?))
    }

    pub fn short_name(&self) -> &str {
        if self.short.is_empty() {
            &self.issuer
        } else {
            &self.short
        }
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn full_id(&self, section: &Section, item: &Item) -> String {
        format!("{}.{}.{}", self.id, section.id, item.id)
    }

    /// The title as shown in a citation: a supplied one in brackets, marked.
    pub fn cited_title(&self) -> String {
        self.cited_title_in(&Words::bokmal())
    }

    /// As `cited_title`, somevett's mark in `w`'s målform.
    pub fn cited_title_in(&self, w: &Words) -> String {
        if self.title_supplied {
            w.f(
                "[{title}] (tittel satt av somevett; kilden har ingen)",
                &[("title", &self.title)],
            )
        } else {
            self.title.clone()
        }
    }

    /// The date or year, or «udatert».
    pub fn dated(&self) -> &str {
        self.date.as_deref().unwrap_or("udatert")
    }

    /// The document as a reference: issuer, title, date, decision, version.
    /// E.g. "Meråker kommune: Retningslinjer for bruk av sosiale medier i
    /// Meråker kommune. 2017-04-24. Vedtatt i kommunestyret 24.04.2017, sak 41/17."
    pub fn citation(&self) -> String {
        self.citation_in(&Words::bokmal())
    }

    /// As `citation`, in `w`'s målform: the title stays as published; the
    /// issuer, decision and somevett's own words follow `w`.
    pub fn citation_in(&self, w: &Words) -> String {
        let date = self.date.clone().unwrap_or_else(|| w.t("Udatert"));
        let mut out = format!("{}: {}. {date}.", w.t(&self.issuer), self.cited_title_in(w));
        if let Some(decision) = &self.decision {
            out.push_str(&format!(" {}.", w.t(decision).trim_end_matches('.')));
        }
        if let Some(version) = &self.version {
            out.push_str(&format!(
                " {}.",
                w.f(
                    "Versjon {version}",
                    &[("version", &version.trim_end_matches('.'))]
                )
            ));
        }
        out
    }

    /// Where an item is: part, place and page, e.g. "«Formål», Kap. 2.1, s. 8 ff.".
    pub fn locate(&self, section: &Section, item: &Item) -> String {
        // A place that starts with the part's title says it already.
        let mut out = if item.place.starts_with(section.title.as_str()) {
            item.place.to_string()
        } else {
            format!("«{}», {}", section.title, item.place)
        };
        if let Some(page) = section.page {
            out.push_str(&format!(", s. {page} ff."));
        }
        out
    }

    /// The document's metadata as (label, value) lines, for `show` and the
    /// screens: title, issuer, date, decision, version; the transcription last.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("Dokument", self.cited_title()),
            ("Utgiver", self.issuer.clone()),
            ("Dato", self.dated().to_owned()),
        ];
        if let Some(decision) = &self.decision {
            out.push(("Vedtak", decision.clone()));
        }
        if let Some(version) = &self.version {
            out.push(("Versjon", version.clone()));
        }
        out
    }

    /// The transcription as a secondary field: "004_….txt (transkripsjon)".
    pub fn transcription(&self) -> String {
        format!("{} (transkripsjon)", self.source)
    }

    /// One item's citation as (label, value) lines: the document's fields,
    /// part, place, page, then the full reference and the transcription.
    pub fn item_fields(&self, section: &Section, item: &Item) -> Vec<(&'static str, String)> {
        let mut out = self.fields();
        out.push(("Del", section.title.clone()));
        out.push(("Plassering", item.place.to_string()));
        if let Some(page) = section.page {
            out.push((
                "Side",
                format!("s. {page} ff. (etter innholdsfortegnelsen)"),
            ));
        }
        out.push(("Kilde", self.cite(section, item)));
        out.push(("Fil", self.transcription()));
        out
    }

    /// The full reference to one item: the document's citation and the item's place.
    pub fn cite(&self, section: &Section, item: &Item) -> String {
        format!("{} {}", self.citation(), self.locate(section, item))
    }

    /// As `cite`, in `w`'s målform (the place in the source as it is).
    pub fn cite_in(&self, section: &Section, item: &Item, w: &Words) -> String {
        format!("{} {}", self.citation_in(w), self.locate(section, item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_and_write_as_a_list_of_strings() {
        let tags: Tags = ron::from_str(r#"["personvern", "", "bilder"]"#).unwrap();
        assert_eq!(
            tags.iter().collect::<Vec<_>>(),
            ["personvern", "", "bilder"]
        );
        assert_eq!(
            ron::to_string(&tags).unwrap(),
            r#"["personvern","","bilder"]"#
        );
        let bytes = postcard::to_stdvec(&tags).unwrap();
        assert_eq!(
            postcard::to_stdvec(&vec!["personvern", "", "bilder"]).unwrap(),
            bytes
        );
        assert_eq!(postcard::from_bytes::<Tags>(&bytes).unwrap(), tags);
    }

    #[test]
    fn no_tags_and_one_empty_tag_differ() {
        let none: Tags = ron::from_str("[]").unwrap();
        let empty: Tags = ron::from_str(r#"[""]"#).unwrap();
        assert!(none.is_empty() && none.iter().next().is_none());
        assert!(!empty.is_empty());
        assert_eq!(empty.iter().collect::<Vec<_>>(), [""]);
        assert_eq!(["a", "b"].into_iter().collect::<Tags>().join(", "), "a, b");
    }
}
