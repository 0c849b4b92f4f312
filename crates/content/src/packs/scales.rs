//! `scales.ron`: the risk scales and their acceptance bands.

use crate::*;

pub(crate) fn parse_scales(
    file: &str,
    text: &str,
    errors: &mut Vec<LocatedError>,
) -> Option<Scales> {
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
