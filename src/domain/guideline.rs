//! Guidelines: documents from the sources, their sections and items.

use serde::{Deserialize, Serialize};

/// One source document (a municipality's rules, KS's guide, a privacy statement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub title: String,
    /// A short name for lists, e.g. "Meråker kommune"; the issuer if empty.
    #[serde(default)]
    pub short: String,
    pub issuer: String,
    pub kind: DocumentKind,
    #[serde(default)]
    pub date: Option<String>,
    /// The file or document this pack was transcribed from.
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
    pub items: Vec<Item>,
}

/// One rule or fact, in one clear Norwegian statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Local id inside its section; the full id is `document.section.item`.
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where in the source: heading and numbered point.
    pub place: String,
}

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

    /// "file (kind, date)": where the document's text comes from.
    pub fn source_line(&self) -> String {
        match &self.date {
            Some(date) => format!("{} ({}, {})", self.source, self.kind.label(), date),
            None => format!("{} ({})", self.source, self.kind.label()),
        }
    }
}
