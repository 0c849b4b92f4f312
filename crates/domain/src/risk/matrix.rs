//! Risks on the 5×5 matrix: one point per assessed risk, before and after.

use super::*;

/// One assessed risk on the matrix: inherent and residual share a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixPoint {
    pub label: String,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
}

/// The markers in the matrix cell for (likelihood, consequence): `n` for a
/// risk before measures, `n'` after.
pub fn cell_markers(points: &[MatrixPoint], likelihood: u8, consequence: u8) -> Vec<String> {
    let at = |s: Option<Score>| {
        s.is_some_and(|s| s.likelihood == likelihood && s.consequence == consequence)
    };
    let mut out = Vec::new();
    for p in points {
        if at(p.inherent) {
            out.push(p.label.clone());
        }
        if at(p.residual) {
            out.push(format!("{}'", p.label));
        }
    }
    out
}

/// The points for every assessed risk, numbered in list order from 1; only
/// complete scores are plotted.
pub fn matrix_points(risks: &[RiskInfo], part: &RiskPart) -> Vec<(usize, MatrixPoint)> {
    risks
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let a = part.get(&r.id)?;
            let inherent = a.inherent.filter(|s| s.is_complete());
            let residual = a.residual.filter(|s| s.is_complete());
            (inherent.is_some() || residual.is_some()).then(|| {
                (
                    i,
                    MatrixPoint {
                        label: (i + 1).to_string(),
                        inherent,
                        residual,
                    },
                )
            })
        })
        .collect()
}
