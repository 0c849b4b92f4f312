//! Privacy risk: KS's table (ch. 7), the scenario bank, the scales and bands
//! a municipality accepts (`catalog`), a team's scored assessments
//! (`assessment`), and the matrix they are drawn on (`matrix`).

mod assessment;
mod catalog;
mod matrix;

pub use assessment::*;
pub use catalog::*;
pub use matrix::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn scales(bands: &[(u8, u8)]) -> Scales {
        let steps = |prefix: &str| {
            (1..=5)
                .map(|v| ScaleStep {
                    value: v,
                    label: format!("{prefix}{v}"),
                    description: String::new(),
                })
                .collect()
        };
        Scales {
            source: "test".into(),
            likelihood: steps("S"),
            consequence: steps("K"),
            bands: bands
                .iter()
                .enumerate()
                .map(|(i, (min, max))| Band {
                    name: format!("B{i}"),
                    min: *min,
                    max: *max,
                    color: BandColor::Green,
                    acceptance: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn risk_is_likelihood_times_consequence_and_falls_in_a_band() {
        let s = scales(&[(1, 5), (6, 10), (11, 15), (16, 25)]);
        let score = Score {
            likelihood: 4,
            consequence: 4,
        };
        assert_eq!(score.value(), 16);
        assert_eq!(s.band(16).map(|b| b.name.as_str()), Some("B3"));
        assert!(s.is_top(16) && !s.is_top(15));
        assert_eq!(s.band(5).map(|b| b.name.as_str()), Some("B0"));
        assert_eq!(s.band(6).map(|b| b.name.as_str()), Some("B1"));
        assert!(s.problems().is_empty());
    }

    #[test]
    fn a_municipality_may_set_its_own_bands_but_not_leave_gaps() {
        let strict = scales(&[(1, 3), (4, 8), (9, 25)]);
        assert!(strict.problems().is_empty());
        assert!(strict.is_top(9));
        assert!(!scales(&[(1, 5), (7, 25)]).problems().is_empty());
        assert!(!scales(&[(1, 5), (6, 20)]).problems().is_empty());
        assert!(!scales(&[(1, 10), (6, 25)]).problems().is_empty());
    }

    #[test]
    fn scoring_one_number_at_a_time_completes_a_score() {
        let mut a = RiskAssessment::default();
        a.set(ScoreField::InherentLikelihood, 4);
        assert_eq!(
            a.inherent,
            Some(Score {
                likelihood: 4,
                consequence: 0
            })
        );
        assert!(!a.inherent.is_some_and(Score::is_complete));
        a.set(ScoreField::InherentConsequence, 3);
        assert_eq!(a.inherent.map(Score::value), Some(12));
        a.set(ScoreField::InherentLikelihood, 0);
        a.set(ScoreField::InherentConsequence, 0);
        assert_eq!(a.inherent, None);
        assert_eq!(
            ScoreField::ResidualConsequence.next(),
            ScoreField::InherentLikelihood
        );
    }

    #[test]
    fn treatment_cycles_through_all_four_and_back_to_none() {
        let mut t = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            t = Treatment::cycle(t);
            seen.push(t);
        }
        assert_eq!(
            seen,
            vec![
                Some(Treatment::Redusere),
                Some(Treatment::Unnga),
                Some(Treatment::Dele),
                Some(Treatment::Akseptere),
                None
            ]
        );
    }
}
