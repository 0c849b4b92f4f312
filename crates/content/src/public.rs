//! The fixed texts of what the public reads (issue 27, `data/public.ron`):
//! each sentence in bokmål and nynorsk, and the source items each part of
//! the texts quotes. Checked when loaded: every text in both målformer,
//! no key twice, every item one the library holds; a pack's `public.ron`
//! replaces texts key by key and item lists section by section.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::error::{LocatedError, find_literal, line_col};
use super::sanitize::sanitize_in_place;
use crate::Library;
use somevett_domain::public::Malform;

/// The texts compiled into the binary.
pub const EMBEDDED_PUBLIC: (&str, &str) =
    ("data/public.ron", include_str!("../../../data/public.ron"));

/// The file in a pack's folder with its own texts.
pub const PUBLIC_FILE: &str = "public.ron";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicFile {
    texts: Vec<Text>,
    #[serde(default)]
    items: Vec<ItemList>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    key: String,
    nb: String,
    nn: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemList {
    section: String,
    ids: Vec<String>,
}

/// The texts, by key, and the items each section quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicTexts {
    texts: BTreeMap<String, (String, String)>,
    items: BTreeMap<String, Vec<String>>,
}

impl PublicTexts {
    /// The text of `key` in `malform`; a key no file has is said, visibly,
    /// never left out (the tests hold the embedded file to every key used).
    /// A library made without loading (`Library::default()`, the search's
    /// own) reads the embedded texts.
    pub fn get(&self, key: &str, malform: Malform) -> String {
        match self.texts.get(key).or_else(|| embedded().texts.get(key)) {
            Some((nb, nn)) => match malform {
                Malform::Bokmal => nb.clone(),
                Malform::Nynorsk => nn.clone(),
            },
            None => format!("[mangler tekst: {key}]"),
        }
    }

    /// The text of `key` with `{name}`s filled in.
    pub fn fill(&self, key: &str, malform: Malform, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key, malform);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The items the section quotes, by full id.
    pub fn items(&self, section: &str) -> &[String] {
        self.items.get(section).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    fn merge(&mut self, other: PublicTexts) {
        self.texts.extend(other.texts);
        self.items.extend(other.items);
    }
}

/// The embedded texts as written, parsed once (items unchecked).
fn embedded() -> &'static PublicTexts {
    static EMBEDDED: std::sync::OnceLock<PublicTexts> = std::sync::OnceLock::new();
    EMBEDDED.get_or_init(|| {
        let (file, text) = EMBEDDED_PUBLIC;
        let mut errors = Vec::new();
        let parsed: Option<PublicFile> = super::parse_ron(file, text, &mut errors);
        let mut out = PublicTexts::default();
        for t in parsed.map(|p| p.texts).unwrap_or_default() {
            out.texts.insert(t.key, (t.nb, t.nn));
        }
        out
    })
}

/// Parses and checks one file against the items `library` holds. Not
/// `strict` (the embedded file beside a pack that replaced a document it
/// quotes), an item the library does not have is left out instead of an
/// error; the tests hold the embedded file to the embedded library.
pub fn parse(
    file: &str,
    text: &str,
    library: &Library,
    strict: bool,
    errors: &mut Vec<LocatedError>,
) -> Option<PublicTexts> {
    let parsed: PublicFile = super::parse_ron(file, text, errors)?;
    let before = errors.len();
    let mut out = PublicTexts::default();
    let mut seen = HashSet::new();
    let mut cursor = 0;
    for mut t in parsed.texts {
        for s in [&mut t.key, &mut t.nb, &mut t.nn] {
            sanitize_in_place(s);
        }
        cursor = find_literal(text, &t.key, cursor).unwrap_or(cursor);
        let at = line_col(text, cursor);
        if !seen.insert(t.key.clone()) {
            errors.push(LocatedError::new(
                file,
                at,
                format!("teksten «{}» står to ganger", t.key),
            ));
        }
        if t.nb.trim().is_empty() || t.nn.trim().is_empty() {
            errors.push(LocatedError::new(
                file,
                at,
                format!("teksten «{}» må ha både nb (bokmål) og nn (nynorsk)", t.key),
            ));
        }
        out.texts.insert(t.key, (t.nb, t.nn));
    }
    for mut list in parsed.items {
        if !strict {
            list.ids.retain(|id| library.find(id).is_some());
        }
        for id in &list.ids {
            if library.find(id).is_none() {
                let at = find_literal(text, id, 0).unwrap_or(0);
                errors.push(LocatedError::new(
                    file,
                    line_col(text, at),
                    format!(
                        "«{}» viser til punktet «{id}», som ikke finnes",
                        list.section
                    ),
                ));
            }
        }
        out.items.insert(list.section, list.ids);
    }
    (errors.len() == before).then_some(out)
}

/// The embedded texts, and a pack's over them.
pub(super) fn load(
    extra: Option<&std::path::Path>,
    library: &Library,
    errors: &mut Vec<LocatedError>,
) -> PublicTexts {
    let (file, text) = EMBEDDED_PUBLIC;
    let mut texts = parse(file, text, library, false, errors).unwrap_or_default();
    let own = extra.and_then(|dir| super::read_optional(&dir.join(PUBLIC_FILE), errors));
    if let Some((file, text)) = own
        && let Some(theirs) = parse(&file, &text, library, true, errors)
    {
        texts.merge(theirs);
    }
    texts
}
