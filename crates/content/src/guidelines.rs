//! Guideline packs: the documents in `DIR/guidelines/*.ron`, found,
//! parsed (from the cache when it is up to date), sanitised and validated.

use super::*;

/// The guideline packs in `DIR/guidelines/*.ron`. Every file somevett does
/// not recognise, there or in `DIR` itself, is an error that names it: a
/// pack placed outside `guidelines/`, a misspelt override, a wrong
/// extension would otherwise be ignored without a word. Hidden files
/// (`.git`, `.DS_Store`) are passed over.
pub(crate) fn pack_paths(dir: &Path, errors: &mut Vec<LocatedError>) -> Vec<std::path::PathBuf> {
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
pub(crate) type ParsedPack = (
    String,
    Option<(Document, (usize, usize))>,
    Vec<LocatedError>,
);

/// Reads and parses pack files, on every core for a large pack; one file's
/// text per core is in memory at a time. The results keep the files' order.
pub(crate) fn parse_packs(paths: &[std::path::PathBuf]) -> Vec<ParsedPack> {
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
pub(crate) fn cached_packs(
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

pub(crate) fn parse_document(
    file: &str,
    text: &str,
    errors: &mut Vec<LocatedError>,
) -> Option<Document> {
    let mut document: Document = parse_ron(file, text, errors)?;
    sanitize_document(&mut document);
    let before = errors.len();
    validate(file, text, &document, errors);
    (errors.len() == before).then_some(document)
}

pub(crate) fn sanitize_document(d: &mut Document) {
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
pub(crate) fn is_date_or_year(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match text.split('-').collect::<Vec<_>>()[..] {
        [y] => digits(y, 4),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// An id as packs write them: a-z, 0-9 and `-`, not empty.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks what serde cannot: ids, empty texts, missing sources, duplicates.
/// Places are found by searching for the offending id's literal in the file.
pub(crate) fn validate(file: &str, text: &str, d: &Document, errors: &mut Vec<LocatedError>) {
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
            if !item_ids.insert(item.id.as_str()) {
                err(at, format!("punkt-id «{full}» finnes allerede"));
            }
            for message in item_problems(item, &full) {
                err(at, message);
            }
        }
    }
}

/// What is wrong with one item on its own: its id, an empty text, note or
/// tag, or no place in the source.
fn item_problems(item: &Item, full: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !is_valid_id(&item.id) {
        problems.push(format!(
            "ugyldig punkt-id «{}»: bruk a-z, 0-9 og -",
            item.id
        ));
    }
    if item.text.trim().is_empty() {
        problems.push(format!("punktet «{full}» har tom tekst"));
    }
    if item.note.as_ref().is_some_and(|n| n.trim().is_empty()) {
        problems.push(format!(
            "punktet «{full}» har en tom merknad (note): skriv None"
        ));
    }
    if item.place.trim().is_empty() {
        problems.push(format!(
            "punktet «{full}» mangler plassering i kilden (place)"
        ));
    }
    if item
        .tags
        .iter()
        .any(|t| t.trim().is_empty() || t.contains(char::is_whitespace))
    {
        problems.push(format!(
            "punktet «{full}» har et tomt emneord eller et med mellomrom"
        ));
    }
    problems
}
