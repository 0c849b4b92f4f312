//! Content loading and validation: the packs embedded in the binary, plus
//! packs from `--data DIR` that add documents or replace embedded ones.

pub mod acts;
pub mod cache;
pub mod platforms;
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
    /// Synonym groups for the search: the embedded ones and a pack's own.
    pub synonyms: synonyms::Synonyms,
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
        // A pack's risks.ron, scales.ron and wheel.ron replace the embedded ones.
        let overrides = match extra {
            Some(dir) => [
                RISKS_FILE,
                SCALES_FILE,
                WHEEL_FILE,
                DILEMMAS_FILE,
                ASSESSMENT_FILE,
            ]
            .map(|name| read_optional(&dir.join(name), &mut errors)),
            None => [None, None, None, None, None],
        };
        let pick = |i: usize, embedded: (&'static str, &'static str)| {
            overrides[i]
                .as_ref()
                .map_or(embedded, |(f, t)| (f.as_str(), t.as_str()))
        };
        let (file, text) = pick(1, EMBEDDED_SCALES);
        if let Some(s) = parse_scales(file, text, &mut errors) {
            library.scales = s;
        }
        let (file, text) = pick(0, EMBEDDED_RISKS);
        // The embedded scenarios cite embedded guidelines (a test keeps them
        // true); a pack may replace those documents, so only a pack's own
        // risks.ron is checked against what is loaded.
        let refs = overrides[0].is_some().then_some(&library);
        if let Some(r) = parse_risks(file, text, refs, &mut errors) {
            library.risks = r;
        }
        let (file, text) = pick(2, EMBEDDED_WHEEL);
        if let Some(w) = parse_wheel(file, text, &mut errors) {
            library.wheel = w;
        }
        let (file, text) = pick(3, EMBEDDED_DILEMMAS);
        let refs = overrides[3].is_some().then_some(&library);
        if let Some(d) = parse_dilemmas(file, text, refs, &mut errors) {
            library.dilemmas = d;
        }
        let (file, text) = EMBEDDED_ACTS;
        if let Some(a) = parse_ron(file, text, &mut errors) {
            library.acts = a;
        }
        let (file, text) = pick(4, EMBEDDED_ASSESSMENT);
        let refs = overrides[4].is_some().then_some(&library);
        if let Some(a) = parse_assessment(file, text, refs, &mut errors) {
            library.assessment = a;
        }
        library.platforms = load_platforms(extra, &mut errors);
        library.synonyms = synonyms::load(extra, &mut errors);
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
        library.synonyms = synonyms::load(None, &mut errors);
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

/// The text of a pack or keymap file: a regular file of at most
/// `regular_file::MAX_SIZE` bytes in UTF-8 (a BOM is dropped). `Ok(None)`
/// when it does not exist; a FIFO or device is never opened.
pub fn read_text(path: &Path) -> Result<Option<String>, LocatedError> {
    let name = path.display().to_string();
    let bytes = match regular_file::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => {
            return Err(LocatedError::new(
                &name,
                (1, 1),
                format!("kan ikke lese filen: {e}"),
            ));
        }
    };
    regular_file::decode_utf8(&bytes)
        .map(|text| Some(text.to_owned()))
        .map_err(|(at, message)| LocatedError::new(&name, at, message))
}

/// A pack file that may or may not be there.
fn read_optional(path: &Path, errors: &mut Vec<LocatedError>) -> Option<(String, String)> {
    match read_text(path) {
        Ok(text) => text.map(|t| (path.display().to_string(), t)),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The names a data folder may hold: `guidelines/` and the override files.
const KNOWN_IN_DATA_DIR: &[&str] = &[
    GUIDELINES_DIR,
    RISKS_FILE,
    SCALES_FILE,
    WHEEL_FILE,
    DILEMMAS_FILE,
    ASSESSMENT_FILE,
    platforms::PLATFORMS_FILE,
    synonyms::SYNONYMS_FILE,
];

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

/// Every entry of `dir` that is not hidden, sorted; unreadable folders are
/// an error.
fn entries(dir: &Path, errors: &mut Vec<LocatedError>) -> Option<Vec<std::path::PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<_> = entries
                .filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect();
            paths.sort();
            Some(paths)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Vec::new()),
        Err(e) => {
            errors.push(LocatedError::new(
                &dir.display().to_string(),
                (1, 1),
                format!("kan ikke lese datamappen: {e}"),
            ));
            None
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The guideline packs in `DIR/guidelines/*.ron`. Every file somevett does
/// not recognise, there or in `DIR` itself, is an error that names it: a
/// pack placed outside `guidelines/`, a misspelt override, a wrong
/// extension would otherwise be ignored without a word. Hidden files
/// (`.git`, `.DS_Store`) are passed over.
fn pack_paths(dir: &Path, errors: &mut Vec<LocatedError>) -> Vec<std::path::PathBuf> {
    if !dir.is_dir() {
        errors.push(LocatedError::new(
            &dir.display().to_string(),
            (1, 1),
            "datamappen finnes ikke",
        ));
        return Vec::new();
    }
    let Some(top) = entries(dir, errors) else {
        return Vec::new();
    };
    for path in &top {
        if !KNOWN_IN_DATA_DIR.contains(&file_name(path).as_str()) {
            errors.push(LocatedError::new(
                &path.display().to_string(),
                (1, 1),
                format!(
                    "ukjent fil i datamappen, den brukes ikke: retningslinjer hører hjemme i {GUIDELINES_DIR}/, og filene som erstatter innebygd innhold heter {}",
                    KNOWN_IN_DATA_DIR[1..].join(", ")
                ),
            ));
        }
    }
    let Some(paths) = entries(&dir.join(GUIDELINES_DIR), errors) else {
        return Vec::new();
    };
    paths
        .into_iter()
        .filter(|path| {
            let ron = regular_file::is_ron(&file_name(path));
            if !ron {
                errors.push(LocatedError::new(
                    &path.display().to_string(),
                    (1, 1),
                    "ukjent fil, den brukes ikke: bare filer som slutter på .ron leses her",
                ));
            }
            ron
        })
        .collect()
}

/// A pack file read and parsed: its name, the document and where its id
/// stands, and the problems found.
type ParsedPack = (
    String,
    Option<(Document, (usize, usize))>,
    Vec<LocatedError>,
);

/// Reads and parses pack files, on every core for a large pack; one file's
/// text per core is in memory at a time. The results keep the files' order.
fn parse_packs(paths: &[std::path::PathBuf]) -> Vec<ParsedPack> {
    let one = |path: &std::path::PathBuf| -> Option<ParsedPack> {
        let mut errors = Vec::new();
        let Some((file, text)) = read_optional(path, &mut errors) else {
            // A file that cannot be read (a FIFO, a device, bad UTF-8) is
            // reported; one deleted since it was listed is passed over.
            return (!errors.is_empty()).then(|| (path.display().to_string(), None, errors));
        };
        let parsed = parse_document(&file, &text, &mut errors).map(|d| {
            let id_at = line_col(&text, find_literal(&text, &d.id, 0).unwrap_or(0));
            (d, id_at)
        });
        Some((file, parsed, errors))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || paths.len() < 16 {
        return paths.iter().filter_map(one).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().filter_map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            // A panic while parsing is a bug, not bad input: it stays a panic,
            // as it would be without threads.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The packs of `dir` from the cache when it matches, else parsed (and
/// cached when every file was valid).
fn cached_packs(
    dir: &Path,
    paths: &[std::path::PathBuf],
    cache_dir: Option<&Path>,
) -> (Vec<ParsedPack>, cache::CacheUse) {
    let Some(cache) = cache_dir.and_then(|c| cache::PackCache::new(c, dir, paths)) else {
        let how = match cache_dir {
            Some(_) => cache::CacheUse::Missed,
            None => cache::CacheUse::Off,
        };
        return (parse_packs(paths), how);
    };
    if let Some(packs) = cache.read() {
        let packs = packs
            .into_iter()
            .map(|(file, document, id_at)| (file, Some((document, id_at)), Vec::new()))
            .collect();
        return (packs, cache::CacheUse::Hit);
    }
    let parsed = parse_packs(paths);
    let valid = parsed.len() == paths.len()
        && parsed
            .iter()
            .all(|(_, document, errors)| document.is_some() && errors.is_empty());
    if !valid {
        return (parsed, cache::CacheUse::Missed);
    }
    let packs: Vec<cache::CachedPack> = parsed
        .into_iter()
        .filter_map(|(file, document, _)| document.map(|(d, at)| (file, d, at)))
        .collect();
    let how = if cache.write(&packs) {
        cache::CacheUse::Written
    } else {
        cache::CacheUse::Missed
    };
    let parsed = packs
        .into_iter()
        .map(|(file, document, id_at)| (file, Some((document, id_at)), Vec::new()))
        .collect();
    (parsed, how)
}

fn parse_document(file: &str, text: &str, errors: &mut Vec<LocatedError>) -> Option<Document> {
    let mut document: Document = parse_ron(file, text, errors)?;
    sanitize_document(&mut document);
    let before = errors.len();
    validate(file, text, &document, errors);
    (errors.len() == before).then_some(document)
}

fn sanitize_document(d: &mut Document) {
    for text in [
        &mut d.title,
        &mut d.short,
        &mut d.issuer,
        &mut d.source,
        &mut d.summary,
    ] {
        sanitize_in_place(text);
    }
    for text in [&mut d.date, &mut d.decision, &mut d.version]
        .into_iter()
        .flatten()
    {
        sanitize_in_place(text);
    }
    // The parser grows lists by doubling; a large pack keeps them for the
    // whole session, so they are cut to size here (a megabyte at 20,000 items).
    d.sections.shrink_to_fit();
    for section in &mut d.sections {
        sanitize_in_place(&mut section.title);
        section.items.shrink_to_fit();
        for item in &mut section.items {
            sanitize_in_place(&mut item.text);
            sanitize_in_place(&mut item.place);
            if let Some(note) = &mut item.note {
                sanitize_in_place(note);
            }
            sanitize::sanitize_tags(&mut item.tags);
        }
    }
}

/// `YYYY-MM-DD` or `YYYY`.
fn is_date_or_year(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match text.split('-').collect::<Vec<_>>()[..] {
        [y] => digits(y, 4),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// An id as packs write them: a-z, 0-9 and `-`, not empty.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks what serde cannot: ids, empty texts, missing sources, duplicates.
/// Places are found by searching for the offending id's literal in the file.
fn validate(file: &str, text: &str, d: &Document, errors: &mut Vec<LocatedError>) {
    let mut err = |offset: usize, message: String| {
        errors.push(LocatedError::new(file, line_col(text, offset), message));
    };
    // An id with escapes in it is not found as written; then its key is.
    let doc_at = find_literal(text, &d.id, 0)
        .or_else(|| text.find("id:"))
        .unwrap_or(0);
    if !is_valid_id(&d.id) {
        err(
            doc_at,
            format!("ugyldig dokument-id «{}»: bruk a-z, 0-9 og -", d.id),
        );
    }
    for (value, what) in [
        (&d.title, "title"),
        (&d.issuer, "issuer"),
        (&d.source, "source"),
    ] {
        if value.trim().is_empty() {
            let message = if what == "source" {
                "dokumentet mangler kilde (source)".to_owned()
            } else {
                format!("dokumentet mangler {what}")
            };
            err(doc_at, message);
        }
    }
    if let Some(date) = &d.date
        && !is_date_or_year(date)
    {
        err(
            find_literal(text, date, 0).unwrap_or(doc_at),
            format!(
                "ugyldig dato «{date}»: skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ, eller None når kilden er udatert"
            ),
        );
    }
    for (value, what) in [(&d.decision, "decision"), (&d.version, "version")] {
        if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
            err(
                doc_at,
                format!("{what} er tom: skriv None når kilden ikke oppgir det"),
            );
        }
    }
    if d.sections.is_empty() {
        err(doc_at, "dokumentet har ingen deler (sections)".to_owned());
    }
    let mut section_ids = HashSet::new();
    let mut cursor = doc_at;
    for section in &d.sections {
        let at = find_literal(text, &section.id, cursor).unwrap_or(cursor);
        cursor = at;
        if !is_valid_id(&section.id) {
            err(
                at,
                format!("ugyldig del-id «{}»: bruk a-z, 0-9 og -", section.id),
            );
        }
        if !section_ids.insert(section.id.as_str()) {
            err(
                at,
                format!("del-id «{}» finnes allerede i {}", section.id, d.id),
            );
        }
        if section.title.trim().is_empty() {
            err(at, format!("delen «{}» mangler tittel", section.id));
        }
        if section.items.is_empty() {
            err(
                at,
                format!("delen «{}» har ingen punkter (items)", section.id),
            );
        }
        let mut item_ids = HashSet::new();
        for item in &section.items {
            let at = find_literal(text, &item.id, cursor + 1).unwrap_or(cursor);
            cursor = at;
            let full = d.full_id(section, item);
            if !is_valid_id(&item.id) {
                err(
                    at,
                    format!("ugyldig punkt-id «{}»: bruk a-z, 0-9 og -", item.id),
                );
            }
            if !item_ids.insert(item.id.as_str()) {
                err(at, format!("punkt-id «{full}» finnes allerede"));
            }
            if item.text.trim().is_empty() {
                err(at, format!("punktet «{full}» har tom tekst"));
            }
            if item.note.as_ref().is_some_and(|n| n.trim().is_empty()) {
                err(
                    at,
                    format!("punktet «{full}» har en tom merknad (note): skriv None"),
                );
            }
            if item.place.trim().is_empty() {
                err(
                    at,
                    format!("punktet «{full}» mangler plassering i kilden (place)"),
                );
            }
            if item
                .tags
                .iter()
                .any(|t| t.trim().is_empty() || t.contains(char::is_whitespace))
            {
                err(
                    at,
                    format!("punktet «{full}» har et tomt emneord eller et med mellomrom"),
                );
            }
        }
    }
}

fn parse_scales(file: &str, text: &str, errors: &mut Vec<LocatedError>) -> Option<Scales> {
    let mut scales: Scales = parse_ron(file, text, errors)?;
    sanitize_in_place(&mut scales.source);
    for step in scales
        .likelihood
        .iter_mut()
        .chain(scales.consequence.iter_mut())
    {
        sanitize_in_place(&mut step.label);
        sanitize_in_place(&mut step.description);
    }
    for band in &mut scales.bands {
        sanitize_in_place(&mut band.name);
        sanitize_in_place(&mut band.acceptance);
    }
    let problems = scales.problems();
    for problem in &problems {
        let at = text.find("bands").unwrap_or(0);
        errors.push(LocatedError::new(file, line_col(text, at), problem.clone()));
    }
    problems.is_empty().then_some(scales)
}

fn parse_risks(
    file: &str,
    text: &str,
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) -> Option<RiskCatalog> {
    let mut catalog: RiskCatalog = parse_ron(file, text, errors)?;
    for goal in &mut catalog.goals {
        sanitize_in_place(&mut goal.name);
        sanitize_in_place(&mut goal.source);
        for entry in goal
            .risks
            .iter_mut()
            .chain(&mut goal.considerations)
            .chain(&mut goal.measures)
        {
            sanitize_in_place(&mut entry.text);
        }
    }
    for c in &mut catalog.categories {
        for t in [&mut c.name, &mut c.text, &mut c.source] {
            sanitize_in_place(t);
        }
    }
    for s in &mut catalog.scenarios {
        for t in [&mut s.title, &mut s.description] {
            sanitize_in_place(t);
        }
        s.sources.iter_mut().for_each(sanitize_in_place);
        s.measures.iter_mut().for_each(sanitize_in_place);
    }
    let before = errors.len();
    let mut err = |needle: &str, message: String| {
        let at = find_literal(text, needle, 0).unwrap_or(0);
        errors.push(LocatedError::new(file, line_col(text, at), message));
    };
    let mut goal_ids = HashSet::new();
    for goal in &catalog.goals {
        if !is_valid_id(&goal.id) || !goal_ids.insert(goal.id.as_str()) {
            err(
                &goal.id,
                format!("ugyldig eller dobbel id for personvernmål «{}»", goal.id),
            );
        }
        if goal.name.trim().is_empty() || goal.source.trim().is_empty() {
            err(
                &goal.id,
                format!("personvernmålet «{}» mangler navn eller kilde", goal.id),
            );
        }
        let mut entry_ids = HashSet::new();
        for entry in goal
            .risks
            .iter()
            .chain(&goal.considerations)
            .chain(&goal.measures)
        {
            if !is_valid_id(&entry.id) || !entry_ids.insert(entry.id.as_str()) {
                err(
                    &entry.id,
                    format!("ugyldig eller dobbel id «{}» i «{}»", entry.id, goal.id),
                );
            }
            if entry.text.trim().is_empty() {
                err(
                    &entry.id,
                    format!("«{}.{}» har tom tekst", goal.id, entry.id),
                );
            }
        }
    }
    let mut scenario_ids = HashSet::new();
    for s in &catalog.scenarios {
        if !is_valid_id(&s.id) || !scenario_ids.insert(s.id.as_str()) {
            err(
                &s.id,
                format!("ugyldig eller dobbel scenario-id «{}»", s.id),
            );
        }
        if s.title.trim().is_empty() || s.description.trim().is_empty() {
            err(
                &s.id,
                format!("scenarioet «{}» mangler tittel eller beskrivelse", s.id),
            );
        }
        if !goal_ids.contains(s.goal.as_str()) {
            err(
                &s.id,
                format!(
                    "scenarioet «{}» viser til ukjent personvernmål «{}»",
                    s.id, s.goal
                ),
            );
        }
        if s.sources.is_empty() {
            err(&s.id, format!("scenarioet «{}» mangler kilde", s.id));
        }
        for source in &s.sources {
            if looks_like_item_id(source) && library.is_some_and(|l| l.find(source).is_none()) {
                err(
                    source,
                    format!(
                        "scenarioet «{}» viser til ukjent retningslinje «{source}»",
                        s.id
                    ),
                );
            }
        }
    }
    (errors.len() == before).then_some(catalog)
}

/// `kafjord.til-brukere.6`, as opposed to a free citation like "KS kap. 7".
fn looks_like_item_id(text: &str) -> bool {
    text.split('.').count() == 3 && text.split('.').all(is_valid_id)
}

fn parse_wheel(file: &str, text: &str, errors: &mut Vec<LocatedError>) -> Option<Wheel> {
    let mut wheel: Wheel = parse_ron(file, text, errors)?;
    sanitize_in_place(&mut wheel.source);
    sanitize_in_place(&mut wheel.centre);
    wheel.method.iter_mut().for_each(sanitize_in_place);
    for d in &mut wheel.dimensions {
        sanitize_in_place(&mut d.name);
        sanitize_in_place(&mut d.question);
        d.questions.iter_mut().for_each(sanitize_in_place);
    }
    let before = errors.len();
    let mut err = |needle: &str, message: String| {
        let at = find_literal(text, needle, 0).unwrap_or(0);
        errors.push(LocatedError::new(file, line_col(text, at), message));
    };
    if wheel.centre.trim().is_empty() {
        err(
            "centre",
            "hjulet mangler spørsmålet i midten (centre)".to_owned(),
        );
    }
    if wheel.dimensions.len() < 2 {
        err(
            "dimensions",
            "hjulet trenger minst to dimensjoner".to_owned(),
        );
    }
    let mut ids = HashSet::new();
    for d in &wheel.dimensions {
        if !is_valid_id(&d.id) || !ids.insert(d.id.as_str()) {
            err(
                &d.id,
                format!("ugyldig eller dobbel dimensjons-id «{}»", d.id),
            );
        }
        if d.name.trim().is_empty() || d.question.trim().is_empty() {
            err(
                &d.id,
                format!("dimensjonen «{}» mangler navn eller spørsmål", d.id),
            );
        }
    }
    (errors.len() == before).then_some(wheel)
}

fn parse_dilemmas(
    file: &str,
    text: &str,
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) -> Option<DilemmaCatalog> {
    let mut catalog: DilemmaCatalog = parse_ron(file, text, errors)?;
    sanitize_in_place(&mut catalog.source);
    for kind in &mut catalog.kinds {
        for t in [&mut kind.name, &mut kind.description, &mut kind.example] {
            sanitize_in_place(t);
        }
        kind.questions.iter_mut().for_each(sanitize_question);
    }
    let before = errors.len();
    let mut ids = HashSet::new();
    for kind in &catalog.kinds {
        let complete = !kind.name.trim().is_empty() && !kind.description.trim().is_empty();
        let group = QuestionGroup {
            id: &kind.id,
            complete,
            what: "dilemmaet",
            missing: "navn eller beskrivelse",
        };
        group.check(file, text, &mut ids, &kind.questions, library, errors);
    }
    (errors.len() == before).then_some(catalog)
}

fn parse_assessment(
    file: &str,
    text: &str,
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) -> Option<AssessmentChecklist> {
    let mut checklist: AssessmentChecklist = parse_ron(file, text, errors)?;
    sanitize_in_place(&mut checklist.source);
    for section in &mut checklist.sections {
        sanitize_in_place(&mut section.title);
        sanitize_in_place(&mut section.chapter);
        section.items.iter_mut().for_each(sanitize_question);
    }
    let before = errors.len();
    let mut ids = HashSet::new();
    for section in &checklist.sections {
        let complete = !section.title.trim().is_empty() && !section.chapter.trim().is_empty();
        let group = QuestionGroup {
            id: &section.id,
            complete,
            what: "delen",
            missing: "tittel eller kapittel",
        };
        group.check(file, text, &mut ids, &section.items, library, errors);
    }
    (errors.len() == before).then_some(checklist)
}

/// A dilemma kind or an assessment section, as far as validation goes.
struct QuestionGroup<'a> {
    id: &'a str,
    /// Whether its own texts (name, description, title ...) are filled in.
    complete: bool,
    what: &'static str,
    missing: &'static str,
}

impl<'a> QuestionGroup<'a> {
    fn check(
        &self,
        file: &str,
        text: &str,
        ids: &mut HashSet<&'a str>,
        questions: &[Question],
        library: Option<&Library>,
        errors: &mut Vec<LocatedError>,
    ) {
        if !is_valid_id(self.id) || !ids.insert(self.id) {
            locate(
                errors,
                file,
                text,
                self.id,
                format!("ugyldig eller dobbel id «{}»", self.id),
            );
        }
        if !self.complete {
            locate(
                errors,
                file,
                text,
                self.id,
                format!("{} «{}» mangler {}", self.what, self.id, self.missing),
            );
        }
        check_questions(file, text, self.id, questions, library, errors);
    }
}

fn sanitize_question(q: &mut Question) {
    sanitize_in_place(&mut q.text);
    sanitize_in_place(&mut q.source);
}

fn locate(errors: &mut Vec<LocatedError>, file: &str, text: &str, needle: &str, message: String) {
    let at = find_literal(text, needle, 0).unwrap_or(0);
    errors.push(LocatedError::new(file, line_col(text, at), message));
}

/// Ids, texts and sources of a list of questions; cited guideline items must
/// exist when `library` is given.
fn check_questions(
    file: &str,
    text: &str,
    owner: &str,
    questions: &[Question],
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) {
    let mut ids = HashSet::new();
    let owner_at = find_literal(text, owner, 0).unwrap_or(0);
    for q in questions {
        let at = find_literal(text, &q.id, owner_at).unwrap_or(owner_at);
        let mut err =
            |message: String| errors.push(LocatedError::new(file, line_col(text, at), message));
        if !is_valid_id(&q.id) || !ids.insert(q.id.as_str()) {
            err(format!(
                "ugyldig eller dobbel spørsmåls-id «{}» i «{owner}»",
                q.id
            ));
        }
        if q.text.trim().is_empty() {
            err(format!("spørsmålet «{owner}.{}» har tom tekst", q.id));
        }
        if q.source.trim().is_empty() {
            err(format!("spørsmålet «{owner}.{}» mangler kilde", q.id));
        }
        for g in &q.guidelines {
            if library.is_some_and(|l| l.find(g).is_none()) {
                err(format!(
                    "spørsmålet «{owner}.{}» viser til ukjent retningslinje «{g}»",
                    q.id
                ));
            }
        }
    }
    if questions.is_empty() {
        locate(
            errors,
            file,
            text,
            owner,
            format!("«{owner}» har ingen spørsmål"),
        );
    }
}

/// Parses RON, or records where it is malformed.
fn parse_ron<T: serde::de::DeserializeOwned>(
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
