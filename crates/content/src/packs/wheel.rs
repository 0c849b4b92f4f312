//! `wheel.ron`: the ethics navigation wheel.

use crate::*;

pub(crate) fn parse_wheel(file: &str, text: &str, errors: &mut Vec<LocatedError>) -> Option<Wheel> {
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
