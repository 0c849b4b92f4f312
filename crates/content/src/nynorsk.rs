//! The nynorsk of the report (issue 27): `data/nn/*.ron`, each a list of
//! `(nb: "…", nn: "…")` where `nb` is a text as the code or `data/*.ron`
//! writes it. A pack's `nn/` folder adds its own tables (for its own texts)
//! over these. Checked when loaded: both sides written, and one bokmål text
//! never given two nynorsk ones.

use std::path::Path;

use serde::Deserialize;

use super::error::{LocatedError, line_col};
use super::sanitize::sanitize_in_place;
use somevett_domain::words::Catalogue;

/// The tables compiled into the binary: the report's own words (and the
/// domain's labels and rules), then one per content file.
pub const EMBEDDED_NYNORSK: &[(&str, &str)] = &[
    (
        "data/nn/report.ron",
        include_str!("../../../data/nn/report.ron"),
    ),
    (
        "data/nn/assessment.ron",
        include_str!("../../../data/nn/assessment.ron"),
    ),
    (
        "data/nn/dilemmas.ron",
        include_str!("../../../data/nn/dilemmas.ron"),
    ),
    (
        "data/nn/wheel.ron",
        include_str!("../../../data/nn/wheel.ron"),
    ),
    (
        "data/nn/scales.ron",
        include_str!("../../../data/nn/scales.ron"),
    ),
    (
        "data/nn/precedents.ron",
        include_str!("../../../data/nn/precedents.ron"),
    ),
    (
        "data/nn/acts.ron",
        include_str!("../../../data/nn/acts.ron"),
    ),
    (
        "data/nn/platforms.ron",
        include_str!("../../../data/nn/platforms.ron"),
    ),
    (
        "data/nn/risks.ron",
        include_str!("../../../data/nn/risks.ron"),
    ),
    (
        "data/nn/guidelines.ron",
        include_str!("../../../data/nn/guidelines.ron"),
    ),
];

/// The folder in a pack with its own tables.
pub const NYNORSK_DIR: &str = "nn";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    texts: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    nb: String,
    nn: String,
}

/// Parses one table into `into`; what is wrong is said with file, line and
/// column.
pub fn parse(file: &str, text: &str, into: &mut Catalogue, errors: &mut Vec<LocatedError>) {
    let Some(parsed) = super::parse_ron::<TableFile>(file, text, errors) else {
        return;
    };
    // Each entry is where the next `nb:` is (one per entry, in order).
    let mut cursor = 0;
    for mut e in parsed.texts {
        sanitize_in_place(&mut e.nb);
        sanitize_in_place(&mut e.nn);
        let here = text[cursor..].find("nb:").map_or(cursor, |i| cursor + i);
        let at = line_col(text, here);
        cursor = (here + 1).min(text.len());
        if e.nb.trim().is_empty() || e.nn.trim().is_empty() {
            errors.push(LocatedError::new(
                file,
                at,
                "en oppføring må ha både nb (bokmål) og nn (nynorsk)",
            ));
            continue;
        }
        if let Some(before) = into.insert(&e.nb, &e.nn) {
            errors.push(LocatedError::new(
                file,
                at,
                format!(
                    "«{}» har to ulike nynorske tekster: «{before}» og «{}»",
                    e.nb, e.nn
                ),
            ));
        }
    }
}

/// The embedded tables, parsed the first time a nynorsk text is asked for
/// (not at every start: they are a third of the embedded content).
pub fn embedded() -> &'static Catalogue {
    static EMBEDDED: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    EMBEDDED.get_or_init(|| {
        let mut out = Catalogue::default();
        parse_embedded(&mut out, &mut Vec::new());
        out
    })
}

/// What is wrong in the embedded tables (the tests and `check` hold them
/// to none).
pub fn embedded_errors() -> Vec<LocatedError> {
    let mut errors = Vec::new();
    parse_embedded(&mut Catalogue::default(), &mut errors);
    errors
}

fn parse_embedded(into: &mut Catalogue, errors: &mut Vec<LocatedError>) {
    for (file, text) in EMBEDDED_NYNORSK {
        parse(file, text, into, errors);
    }
}

/// A pack's own tables, `nn/*.ron` in its folder: they are read with the
/// pack (so their errors are told when it loads) and are looked in before
/// the embedded ones.
pub(super) fn load(extra: Option<&Path>, errors: &mut Vec<LocatedError>) -> Catalogue {
    let mut out = Catalogue::default();
    let Some(dir) = extra.map(|d| d.join(NYNORSK_DIR)) else {
        return out;
    };
    for path in super::entries(&dir, errors).unwrap_or_default() {
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        if let Some((file, text)) = super::read_optional(&path, errors) {
            let mut theirs = Catalogue::default();
            parse(&file, &text, &mut theirs, errors);
            out.merge(theirs);
        }
    }
    out
}
