//! Content loading and validation: the packs embedded in the binary, plus
//! packs from `--data DIR` that add documents or replace embedded ones.

pub mod acts;
pub mod cache;
mod files;
mod ground;
mod guidelines;
pub mod nynorsk;
mod packs;
pub mod platforms;
pub mod precedents;
pub mod public;
pub mod synonyms;

pub use somevett_text::error;

/// Text cleaned once when loaded: `somevett_text::sanitize`, and an item's tags.
pub mod sanitize {
    pub use somevett_text::sanitize::*;

    /// The same for each of an item's tags.
    pub fn sanitize_tags(tags: &mut somevett_domain::guideline::Tags) {
        if tags.iter().any(needs_sanitizing) {
            *tags = tags.iter().map(sanitize).collect();
        }
    }
}

use std::collections::HashSet;
use std::path::Path;

pub use acts::ActList;
pub use error::{Errors, LocatedError};
use error::{find_literal, line_col};
use sanitize::sanitize_in_place;
use somevett_domain::checklist::{AssessmentChecklist, DilemmaCatalog, Question};
use somevett_domain::platform::PlatformCatalog;
use somevett_domain::risk::{RiskCatalog, Scales};
use somevett_domain::wheel::Wheel;
use somevett_domain::{Document, Item, ItemRef, Section};
use somevett_text::regular_file;

pub use files::read_text;
use files::{KNOWN_IN_DATA_DIR, entries, file_name, read_optional};
use guidelines::{cached_packs, is_valid_id, pack_paths, parse_document};
use packs::Pack;

/// The guideline packs compiled into the binary, in display order.
pub const EMBEDDED_GUIDELINES: &[(&str, &str)] = &[
    (
        "data/guidelines/ks.ron",
        include_str!("../../../data/guidelines/ks.ron"),
    ),
    (
        "data/guidelines/meraker.ron",
        include_str!("../../../data/guidelines/meraker.ron"),
    ),
    (
        "data/guidelines/kafjord.ron",
        include_str!("../../../data/guidelines/kafjord.ron"),
    ),
    (
        "data/guidelines/nordmore.ron",
        include_str!("../../../data/guidelines/nordmore.ron"),
    ),
    (
        "data/guidelines/personvern-some.ron",
        include_str!("../../../data/guidelines/personvern-some.ron"),
    ),
];

/// KS's risk table, content categories and scenario bank.
pub const EMBEDDED_RISKS: (&str, &str) =
    ("data/risks.ron", include_str!("../../../data/risks.ron"));
/// Risk scales and acceptance bands.
pub const EMBEDDED_SCALES: (&str, &str) =
    ("data/scales.ron", include_str!("../../../data/scales.ron"));

/// The ethics navigation wheel.
pub const EMBEDDED_WHEEL: (&str, &str) =
    ("data/wheel.ron", include_str!("../../../data/wheel.ron"));

/// The five kinds of social-media dilemma with their checklists.
pub const EMBEDDED_DILEMMAS: (&str, &str) = (
    "data/dilemmas.ron",
    include_str!("../../../data/dilemmas.ron"),
);
/// KS's assessment as a checklist.
pub const EMBEDDED_ASSESSMENT: (&str, &str) = (
    "data/assessment.ron",
    include_str!("../../../data/assessment.ron"),
);

/// The Norwegian acts content may name.
pub const EMBEDDED_ACTS: (&str, &str) = ("data/acts.ron", include_str!("../../../data/acts.ron"));

/// Where a pack's folder keeps its guideline documents.
pub const GUIDELINES_DIR: &str = "guidelines";
/// The files in a pack's folder that replace the embedded risk content.
pub const RISKS_FILE: &str = "risks.ron";
pub const SCALES_FILE: &str = "scales.ron";
pub const WHEEL_FILE: &str = "wheel.ron";
pub const DILEMMAS_FILE: &str = "dilemmas.ron";
pub const ASSESSMENT_FILE: &str = "assessment.ron";

/// All loaded content, validated and sanitised.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub documents: Vec<Document>,
    /// Where each document came from (file name, for messages and `show`).
    pub origins: Vec<String>,
    /// Whether each document is an embedded one that a `--data` pack may replace.
    replaceable: Vec<bool>,
    pub risks: RiskCatalog,
    pub scales: Scales,
    pub wheel: Wheel,
    pub dilemmas: DilemmaCatalog,
    pub assessment: AssessmentChecklist,
    /// The acts content may name (embedded only).
    pub acts: ActList,
    /// Facts about the platforms; a pack's `platforms.ron` adds or replaces.
    pub platforms: PlatformCatalog,
    /// What other public bodies decided, and why; a pack's
    /// `precedents.ron` adds or replaces.
    pub precedents: somevett_domain::precedent::PrecedentCatalog,
    /// Synonym groups for the search: the embedded ones and a pack's own.
    pub synonyms: synonyms::Synonyms,
    /// The fixed texts of the public texts, in bokmål and nynorsk (issue 27).
    pub public: public::PublicTexts,
    /// A pack's own nynorsk (`DIR/nn/`), looked in before the embedded
    /// tables of `data/nn/`, which are read when first needed
    /// (`Library::words`).
    pub nynorsk: somevett_domain::words::Catalogue,
}

/// A flattened view of one item with everything a caller needs to show it.
#[derive(Debug, Clone, Copy)]
pub struct ItemView<'a> {
    pub at: ItemRef,
    pub document: &'a Document,
    pub section: &'a Section,
    pub item: &'a Item,
}

impl ItemView<'_> {
    pub fn full_id(&self) -> String {
        self.document.full_id(self.section, self.item)
    }

    /// The full reference: the document's citation and where the item is in it.
    pub fn cite(&self) -> String {
        self.document.cite(self.section, self.item)
    }
}

impl Library {
    /// Words in `malform`: the report's texts and the content's, nynorsk
    /// from a pack's `nn/` and then `data/nn/`.
    pub fn words(
        &self,
        malform: somevett_domain::public::Malform,
    ) -> somevett_domain::words::Words<'_> {
        use somevett_domain::public::Malform;
        use somevett_domain::words::Words;
        match malform {
            Malform::Bokmal => Words::bokmal(),
            Malform::Nynorsk => Words::layered(malform, vec![&self.nynorsk, nynorsk::embedded()]),
        }
    }

    /// The embedded packs only.
    pub fn embedded() -> Result<Self, Errors> {
        Self::load(None)
    }

    /// The embedded packs, then every `*.ron` in `DIR/guidelines/` (by file
    /// name); a pack whose document id is already loaded replaces it.
    pub fn load(extra: Option<&Path>) -> Result<Self, Errors> {
        Self::load_cached(extra, None).map(|(library, _)| library)
    }

    /// As `load`, with the embedded and the `--data` folder's guideline
    /// packs read from a parsed copy in `cache_dir` when it is up to date
    /// (and written there when it is not): see `cache`. The result is the
    /// same either way. The use reported is the `--data` folder's, else the
    /// embedded packs'.
    pub fn load_cached(
        extra: Option<&Path>,
        cache_dir: Option<&Path>,
    ) -> Result<(Self, cache::CacheUse), Errors> {
        let mut errors = Vec::new();
        let mut library = Library::default();
        let mut used = library.add_embedded(cache_dir, &mut errors);
        if let Some(dir) = extra {
            let paths = pack_paths(dir, &mut errors);
            let (packs, how) = cached_packs(dir, &paths, cache_dir);
            used = how;
            for (file, parsed, found) in packs {
                errors.extend(found);
                if let Some((document, id_at)) = parsed {
                    library.insert(&file, document, id_at, true, &mut errors);
                }
            }
        }
        // A pack's scales.ron, risks.ron, wheel.ron, dilemmas.ron and
        // assessment.ron replace the embedded ones (`packs`).
        if let Some(s) = Scales::load(extra, &library, &mut errors) {
            library.scales = s;
        }
        if let Some(r) = RiskCatalog::load(extra, &library, &mut errors) {
            library.risks = r;
        }
        if let Some(w) = Wheel::load(extra, &library, &mut errors) {
            library.wheel = w;
        }
        if let Some(d) = DilemmaCatalog::load(extra, &library, &mut errors) {
            library.dilemmas = d;
        }
        let (file, text) = EMBEDDED_ACTS;
        if let Some(a) = parse_ron(file, text, &mut errors) {
            library.acts = a;
        }
        if let Some(a) = AssessmentChecklist::load(extra, &library, &mut errors) {
            library.assessment = a;
        }
        library.platforms = load_platforms(extra, &mut errors);
        library.precedents = load_precedents(extra, &library, &mut errors);
        library.public = public::load(extra, &library, &mut errors);
        library.nynorsk = nynorsk::load(extra, &mut errors);
        let tags = synonyms::Tags::new(library.items().flat_map(|v| v.item.tags.iter()));
        let embedded = synonyms::Tags::new(
            library
                .documents
                .iter()
                .zip(&library.replaceable)
                .filter(|(_, embedded)| **embedded)
                .flat_map(|(d, _)| d.sections.iter().flat_map(|s| &s.items))
                .flat_map(|item| item.tags.iter()),
        );
        library.synonyms = synonyms::load(extra, &embedded, &tags, &mut errors);
        if errors.is_empty() {
            Ok((library, used))
        } else {
            Err(Errors(errors))
        }
    }

    /// The embedded guideline packs and synonyms only, which is all a
    /// search reads (`somevett search` without `--data`): the rest of the
    /// embedded content took a quarter of such a run. It is the same in
    /// every build and checked by the tests and `somevett check`; a `--data`
    /// folder is always loaded whole, so that its errors are reported.
    pub fn embedded_for_search(cache_dir: Option<&Path>) -> Result<Self, Errors> {
        let mut errors = Vec::new();
        let mut library = Library::default();
        library.add_embedded(cache_dir, &mut errors);
        // The embedded groups against the embedded tags are checked by the
        // tests and `somevett check`, not here.
        library.synonyms = synonyms::load(
            None,
            &synonyms::Tags::default(),
            &synonyms::Tags::default(),
            &mut errors,
        );
        // The embedded register, as a search reads it: checked against the
        // rest by the tests and `somevett check`, not here.
        let (file, text) = precedents::EMBEDDED_PRECEDENTS;
        if let Some(p) = parse_ron(file, text, &mut errors) {
            library.precedents = p;
        }
        if errors.is_empty() {
            Ok(library)
        } else {
            Err(Errors(errors))
        }
    }

    /// Parses and validates one pack from text. Used by `load` and by tests.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Errors> {
        let mut errors = Vec::new();
        let mut library = Library::default();
        for (file, text) in sources {
            library.add(file, text, false, &mut errors);
        }
        if errors.is_empty() {
            Ok(library)
        } else {
            Err(Errors(errors))
        }
    }

    /// The embedded guideline packs, from the cache when it has them.
    fn add_embedded(
        &mut self,
        cache_dir: Option<&Path>,
        errors: &mut Vec<LocatedError>,
    ) -> cache::CacheUse {
        let cache = cache_dir.map(cache::PackCache::embedded);
        if let Some(packs) = cache.as_ref().and_then(cache::PackCache::read) {
            for (file, document, id_at) in packs {
                self.insert(&file, document, id_at, false, errors);
            }
            return cache::CacheUse::Hit;
        }
        for (file, text) in EMBEDDED_GUIDELINES {
            self.add(file, text, false, errors);
        }
        let Some(cache) = cache else {
            return cache::CacheUse::Off;
        };
        if !errors.is_empty() || self.documents.len() != EMBEDDED_GUIDELINES.len() {
            return cache::CacheUse::Missed;
        }
        let packs: Vec<cache::CachedPack> = EMBEDDED_GUIDELINES
            .iter()
            .zip(&self.documents)
            .map(|((file, text), d)| {
                let id_at = line_col(text, find_literal(text, &d.id, 0).unwrap_or(0));
                ((*file).to_owned(), d.clone(), id_at)
            })
            .collect();
        if cache.write(&packs) {
            cache::CacheUse::Written
        } else {
            cache::CacheUse::Missed
        }
    }

    fn add(&mut self, file: &str, text: &str, may_replace: bool, errors: &mut Vec<LocatedError>) {
        let Some(document) = parse_document(file, text, errors) else {
            return;
        };
        let id_at = line_col(text, find_literal(text, &document.id, 0).unwrap_or(0));
        self.insert(file, document, id_at, may_replace, errors);
    }

    /// Adds a parsed document; `id_at` is where its id stands in its file.
    fn insert(
        &mut self,
        file: &str,
        document: Document,
        id_at: (usize, usize),
        may_replace: bool,
        errors: &mut Vec<LocatedError>,
    ) {
        match self.documents.iter().position(|d| d.id == document.id) {
            Some(i) if may_replace && self.replaceable[i] => {
                self.documents[i] = document;
                self.origins[i] = file.to_owned();
                self.replaceable[i] = false;
            }
            Some(i) => {
                errors.push(LocatedError::new(
                    file,
                    id_at,
                    format!(
                        "dokument-id «{}» finnes også i {}",
                        document.id, self.origins[i]
                    ),
                ));
            }
            None => {
                self.documents.push(document);
                self.origins.push(file.to_owned());
                self.replaceable.push(!may_replace);
            }
        }
    }

    pub fn item_count(&self) -> usize {
        self.documents.iter().map(Document::item_count).sum()
    }

    pub fn view(&self, at: ItemRef) -> Option<ItemView<'_>> {
        let document = self.documents.get(at.document)?;
        let (section, item) = document.item(at.section, at.item)?;
        Some(ItemView {
            at,
            document,
            section,
            item,
        })
    }

    /// Every item, in document order.
    pub fn items(&self) -> impl Iterator<Item = ItemView<'_>> {
        self.documents.iter().enumerate().flat_map(|(d, document)| {
            document
                .sections
                .iter()
                .enumerate()
                .flat_map(move |(s, section)| {
                    section
                        .items
                        .iter()
                        .enumerate()
                        .map(move |(i, item)| ItemView {
                            at: ItemRef {
                                document: d,
                                section: s,
                                item: i,
                            },
                            document,
                            section,
                            item,
                        })
                })
        })
    }

    /// Every text a user can read, with a label saying where it is
    /// (`ks.behov.2`, `ks.behov.2 (merknad)`, `risks.ron scenario opphavsrett`).
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::new();
        for d in &self.documents {
            out.push((d.id.clone(), &d.title));
            out.push((d.id.clone(), &d.summary));
            for s in &d.sections {
                out.push((format!("{}.{}", d.id, s.id), &s.title));
            }
        }
        for v in self.items() {
            out.push((v.full_id(), &v.item.text));
            if let Some(note) = &v.item.note {
                out.push((format!("{} (merknad)", v.full_id()), note));
            }
        }
        for g in &self.risks.goals {
            for e in g.risks.iter().chain(&g.considerations).chain(&g.measures) {
                out.push((format!("risks.ron {}.{}", g.id, e.id), &e.text));
            }
        }
        for c in &self.risks.categories {
            out.push((format!("risks.ron kategori {}", c.id), &c.text));
        }
        for sc in &self.risks.scenarios {
            let at = format!("risks.ron scenario {}", sc.id);
            out.push((at.clone(), &sc.title));
            out.push((at.clone(), &sc.description));
            for m in sc.measures.iter().chain(&sc.sources) {
                out.push((at.clone(), m));
            }
        }
        for b in &self.scales.bands {
            out.push((format!("scales.ron {}", b.name), &b.acceptance));
        }
        out.push(("wheel.ron".to_owned(), &self.wheel.source));
        for d in &self.wheel.dimensions {
            out.push((format!("wheel.ron {}", d.id), &d.question));
            for q in &d.questions {
                out.push((format!("wheel.ron {}", d.id), q));
            }
        }
        for m in &self.wheel.method {
            out.push(("wheel.ron".to_owned(), m));
        }
        for k in &self.dilemmas.kinds {
            let at = format!("dilemmas.ron {}", k.id);
            out.push((at.clone(), &k.description));
            out.push((at.clone(), &k.example));
            for q in &k.questions {
                out.push((format!("{at}.{}", q.id), &q.text));
            }
        }
        for s in &self.assessment.sections {
            for q in &s.items {
                out.push((format!("assessment.ron {}.{}", s.id, q.id), &q.text));
            }
        }
        for p in &self.platforms.platforms {
            for (field, _, fact) in p.facts() {
                if let somevett_domain::platform::Fact::Known { text, .. } = fact {
                    out.push((format!("platforms.ron {}.{field}", p.id), text));
                }
            }
            for (i, c) in p.cases.iter().enumerate() {
                out.push((format!("platforms.ron {}.cases[{i}]", p.id), &c.summary));
            }
        }
        for p in &self.precedents.precedents {
            out.push((format!("precedents.ron {}.summary", p.id), &p.summary));
            out.push((format!("precedents.ron {}.why", p.id), &p.why));
        }
        out
    }

    /// Words naming an act that is not in `data/acts.ron`: (where, word).
    pub fn unknown_acts(&self) -> Vec<(String, String)> {
        self.texts()
            .into_iter()
            .flat_map(|(at, text)| {
                self.acts
                    .unknown(text)
                    .into_iter()
                    .map(move |w| (at.clone(), w.to_owned()))
            })
            .collect()
    }

    /// Looks up an item by its full id, `document.section.item`.
    pub fn find(&self, full_id: &str) -> Option<ItemView<'_>> {
        let mut parts = full_id.splitn(3, '.');
        let (doc, sec, item) = (parts.next()?, parts.next()?, parts.next()?);
        let d = self.documents.iter().position(|x| x.id == doc)?;
        let s = self.documents[d]
            .sections
            .iter()
            .position(|x| x.id == sec)?;
        let i = self.documents[d].sections[s]
            .items
            .iter()
            .position(|x| x.id == item)?;
        self.view(ItemRef {
            document: d,
            section: s,
            item: i,
        })
    }
}

/// The embedded platform facts, with a pack's `platforms.ron` merged in.
fn load_platforms(extra: Option<&Path>, errors: &mut Vec<LocatedError>) -> PlatformCatalog {
    let (file, text) = platforms::EMBEDDED_PLATFORMS;
    let mut catalog = platforms::parse(file, text, errors).unwrap_or_default();
    let own = extra.and_then(|dir| read_optional(&dir.join(platforms::PLATFORMS_FILE), errors));
    if let Some((file, text)) = own
        && let Some(theirs) = platforms::parse(&file, &text, errors)
    {
        catalog.merge(theirs);
    }
    catalog
}

/// The embedded precedents, with a pack's `precedents.ron` merged in; each
/// checked against the platforms, risks and wheel loaded before.
fn load_precedents(
    extra: Option<&Path>,
    library: &Library,
    errors: &mut Vec<LocatedError>,
) -> somevett_domain::precedent::PrecedentCatalog {
    let (file, text) = precedents::EMBEDDED_PRECEDENTS;
    let mut catalog = precedents::parse(file, text, library, false, errors).unwrap_or_default();
    let own = extra.and_then(|dir| read_optional(&dir.join(precedents::PRECEDENTS_FILE), errors));
    if let Some((file, text)) = own
        && let Some(theirs) = precedents::parse(&file, &text, library, true, errors)
    {
        catalog.merge(theirs);
    }
    catalog
}

/// Parses RON, or records where it is malformed.
pub(crate) fn parse_ron<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    errors: &mut Vec<LocatedError>,
) -> Option<T> {
    match ron::from_str(text) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(LocatedError::from_ron(file, &e));
            None
        }
    }
}
