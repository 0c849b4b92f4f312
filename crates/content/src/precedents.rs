//! Loading and validating the precedent register (`data/precedents.ron`
//! and a pack's own `precedents.ron`): every precedent is dated, sourced
//! and checked, and names only platforms, risks and wheel dimensions the
//! library knows; every problem is reported with file:line:col.

use std::collections::HashSet;

use super::error::{LocatedError, find_literal, line_col};
use super::is_valid_id;
use super::platforms::{check_checked, check_sources, is_case_date, sanitize_source};
use super::sanitize::sanitize_in_place;
use crate::Library;
use somevett_domain::precedent::PrecedentCatalog;
use somevett_domain::risk::RiskPart;

/// The register compiled into the binary.
pub const EMBEDDED_PRECEDENTS: (&str, &str) = (
    "data/precedents.ron",
    include_str!("../../../data/precedents.ron"),
);

/// The file in a pack's folder that adds precedents or replaces embedded ones.
pub const PRECEDENTS_FILE: &str = "precedents.ron";

/// Parses and validates one register against what `library` knows
/// (platforms, risks, wheel dimensions); `None` (with the errors recorded)
/// when it is malformed or breaks a rule. Not `strict` (the embedded
/// register beside a pack that replaced the risks or the wheel), a link to
/// a risk, dimension or platform the library does not have is left out
/// instead; the tests hold the embedded register to the embedded library.
pub fn parse(
    file: &str,
    text: &str,
    library: &Library,
    strict: bool,
    errors: &mut Vec<LocatedError>,
) -> Option<PrecedentCatalog> {
    let mut catalog: PrecedentCatalog = match ron::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            errors.push(LocatedError::from_ron(file, &e));
            return None;
        }
    };
    let before = errors.len();
    let risks: HashSet<String> = library
        .risks
        .assessable(&RiskPart::default())
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect();
    let mut ids = HashSet::new();
    let mut cursor = 0;
    for p in &mut catalog.precedents {
        for t in [
            &mut p.id,
            &mut p.date,
            &mut p.body,
            &mut p.summary,
            &mut p.why,
            &mut p.checked,
            &mut p.note,
        ] {
            sanitize_in_place(t);
        }
        p.sources.iter_mut().for_each(sanitize_source);
        p.origin = file.to_owned();
        cursor = find_literal(text, &p.id, cursor).unwrap_or(cursor);
        let at = line_col(text, cursor);
        let mut err = |message: String| errors.push(LocatedError::new(file, at, message));
        let id = p.id.clone();
        if !is_valid_id(&id) || !ids.insert(id.clone()) {
            err(format!(
                "ugyldig eller dobbel id «{id}»: bruk a-z, 0-9 og -, én gang"
            ));
        }
        if !is_case_date(&p.date) {
            err(format!(
                "«{id}» har ugyldig dato «{}»: skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ",
                p.date
            ));
        }
        for (value, what) in [(&p.body, "body"), (&p.summary, "summary"), (&p.why, "why")] {
            if value.trim().is_empty() {
                err(format!("«{id}» mangler {what}"));
            }
        }
        let known_platform = |x: &String| library.platforms.platforms.iter().any(|p| &p.id == x);
        let known_dimension = |x: &String| library.wheel.dimensions.iter().any(|d| &d.id == x);
        if !strict {
            p.platforms.retain(known_platform);
            p.risks.retain(|r| risks.contains(r));
            p.dimensions.retain(known_dimension);
        }
        if p.platforms.is_empty() && strict {
            err(format!("«{id}» nevner ingen plattform (platforms)"));
        }
        for platform in p.platforms.iter().filter(|x| !known_platform(x)) {
            err(format!(
                "«{id}» nevner en ukjent plattform «{platform}» (se platforms.ron)"
            ));
        }
        for risk in p.risks.iter().filter(|r| !risks.contains(*r)) {
            err(format!(
                "«{id}» nevner en ukjent risiko «{risk}»: skriv tabell.MÅL.RISIKO eller scenario.ID"
            ));
        }
        for dimension in p.dimensions.iter().filter(|x| !known_dimension(x)) {
            err(format!(
                "«{id}» nevner en ukjent dimensjon «{dimension}» i hjulet"
            ));
        }
        check_sources(&id, &p.sources, &mut err);
        check_checked(&id, &p.checked, &mut err);
    }
    (errors.len() == before).then_some(catalog)
}
