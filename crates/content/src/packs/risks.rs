//! `risks.ron`: KS's risk table, the content categories and the scenario
//! bank.

use crate::*;

pub(crate) fn parse_risks(
    file: &str,
    text: &str,
    library: Option<&Library>,
    errors: &mut Vec<LocatedError>,
) -> Option<RiskCatalog> {
    let mut catalog: RiskCatalog = parse_ron(file, text, errors)?;
    sanitize(&mut catalog);
    let before = errors.len();
    let mut err = |needle: &str, message: String| {
        let at = find_literal(text, needle, 0).unwrap_or(0);
        errors.push(LocatedError::new(file, line_col(text, at), message));
    };
    let goal_ids = check_goals(&catalog, &mut err);
    check_scenarios(&catalog, &goal_ids, library, &mut err);
    (errors.len() == before).then_some(catalog)
}

/// `kafjord.til-brukere.6`, as opposed to a free citation like "KS kap. 7".
pub(crate) fn looks_like_item_id(text: &str) -> bool {
    text.split('.').count() == 3 && text.split('.').all(is_valid_id)
}

/// Text from a file never reaches the terminal raw.
fn sanitize(catalog: &mut RiskCatalog) {
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
}

/// The privacy goals: ids unique and valid, names, sources and texts
/// given. Returns the goals' ids, for the scenarios to point to.
fn check_goals<'c>(
    catalog: &'c RiskCatalog,
    err: &mut impl FnMut(&str, String),
) -> HashSet<&'c str> {
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
    goal_ids
}

/// The scenarios: ids unique and valid, a title, a description, a known
/// privacy goal and sources, and the guideline items they cite loaded.
fn check_scenarios(
    catalog: &RiskCatalog,
    goal_ids: &HashSet<&str>,
    library: Option<&Library>,
    err: &mut impl FnMut(&str, String),
) {
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
}
