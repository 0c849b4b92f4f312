//! Every platform judged on its own evidence (issue 19): the rules per
//! platform, what a round stores, corrections that say what changed,
//! changes as data that undo takes back whole, and migration from format 4.

use crate::common;
use somevett::domain::words::Words;

use common::{press, type_text};
use proptest::prelude::*;
use somevett::app::App;
use somevett::content::Library;
use somevett::domain::Outcome;
use somevett::domain::change::Change;
use somevett::domain::checklist::Status;
use somevett::domain::date::Timestamp;
use somevett::domain::decision::{Decision, prior_consultation_required};
use somevett::domain::risk::{RiskAssessment, RiskId, Score, ScoreField, Side, Treatment};
use somevett::domain::rules::{self, DecisionDraft, PlatformDraft};
use somevett::domain::wheel::{Reflection, Stance};
use somevett::keymap::Context;
use somevett::outcome;
use somevett::ui::screen::Effect;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PLATFORMS: [&str; 2] = ["Facebook", "TikTok"];

/// What is missing before management decides, in bokmål.
fn missing(o: &Outcome, library: &Library) -> Vec<String> {
    rules::missing(
        o,
        &library.assessment,
        &library.dilemmas,
        &library.risks,
        &Words::bokmal(),
    )
}
fn two_platforms() -> Outcome {
    let mut o = Outcome::new(
        "20261123100000-00000001".into(),
        "Kultur på Facebook og TikTok".into(),
        common::now(),
    );
    o.platforms = PLATFORMS.map(Into::into).to_vec();
    o
}

/// The first `n` risks of KS's table, as stored ids.
fn risk_ids(library: &Library, n: usize) -> Vec<RiskId> {
    library
        .risks
        .assessable(&Default::default())
        .into_iter()
        .take(n)
        .map(|r| r.id)
        .collect()
}

fn score(o: &mut Outcome, risk: &RiskId, platform: Option<&str>, values: [u8; 4]) {
    let a = o.risk.entry(risk);
    for (field, v) in [
        ScoreField::InherentLikelihood,
        ScoreField::InherentConsequence,
        ScoreField::ResidualLikelihood,
        ScoreField::ResidualConsequence,
    ]
    .into_iter()
    .zip(values)
    {
        match platform {
            Some(p) => a.set_for(p, field, v),
            None => a.set(field, v),
        }
    }
}

/// A round as management would record it: each platform's decision and
/// wish, nothing conditional.
fn draft(decisions: [Decision; 2], wants: [bool; 2]) -> DecisionDraft {
    DecisionDraft {
        platforms: PLATFORMS
            .iter()
            .zip(decisions)
            .zip(wants)
            .map(|((p, d), w)| PlatformDraft {
                platform: (*p).into(),
                decision: Some(d),
                conditions: if d == Decision::BetingetGodkjent {
                    vec!["Vilkår".into()]
                } else {
                    Vec::new()
                },
                wants_platform: Some(w),
                prior_consultation: None,
            })
            .collect(),
        justification: "Begrunnet".into(),
        decided_by: "kommunedirektør".into(),
        date: common::day("2026-11-23"),
        ..DecisionDraft::default()
    }
}

fn record(o: &mut Outcome, library: &Library, draft: DecisionDraft) -> Result<(), String> {
    let round = draft.validate(o, &library.scales, None)?;
    Change::RecordDecision(Box::new(round))
        .apply(o)
        .map_err(|r| r.to_string())
}

/// The issue's case: TikTok scored to 20 after measures on its own, the
/// shared assessment at 12; two rounds, both platforms still wanted.
fn tiktok_in_the_top_band(library: &Library) -> Outcome {
    let mut o = two_platforms();
    let ids = risk_ids(library, 1);
    score(&mut o, &ids[0], None, [4, 4, 3, 4]);
    score(&mut o, &ids[0], Some("TikTok"), [5, 5, 4, 5]);
    for _ in 0..2 {
        let d = draft([Decision::Godkjent, Decision::IkkeGodkjent], [true, true]);
        record(&mut o, library, d).unwrap_or_else(|e| panic!("{e}"));
    }
    o
}

#[test]
fn only_tiktok_requires_prior_consultation_in_the_record_and_the_rules() {
    let library = common::library();
    let o = tiktok_in_the_top_band(&library);
    let round = o.decision.latest().unwrap_or_else(|| panic!("no round"));
    assert!(
        round.top(Some("TikTok")),
        "TikTok's own 20 is in the top band"
    );
    assert!(!round.top(Some("Facebook")), "Facebook shares 12");
    assert!(o.decision.consultation_required(Some("TikTok")));
    assert!(!o.decision.consultation_required(Some("Facebook")));
    assert_eq!(rules::required_in(&o), ["TikTok"]);
    let text = rules::rule_text(&o, &library.scales, &Words::bokmal()).join("\n");
    assert!(text.contains("• TikTok: ja (1 risiko)"), "{text}");
    assert!(text.contains("• Facebook: nei"), "{text}");
    assert!(text.contains("TikTok: forhåndsdrøftelse kreves."), "{text}");
    assert!(
        text.contains("Facebook: forhåndsdrøftelse kreves ikke."),
        "{text}"
    );
}

#[test]
fn the_report_says_tiktok_requires_prior_consultation_in_markdown_and_pdf() -> TestResult {
    let library = common::library();
    let o = tiktok_in_the_top_band(&library);
    let md = outcome::export::to_markdown(&o, &library);
    assert!(
        md.contains("- TikTok: Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36)."),
        "{md}"
    );
    assert!(!md.contains("- Facebook: Datatilsynet må bes"), "{md}");
    assert!(
        md.contains("Risiko for TikTok: 1 risiko vurdert, 1 i øverste bånd"),
        "{md}"
    );
    assert!(
        md.contains("Risiko for Facebook: 1 risiko vurdert, 0 i øverste bånd"),
        "{md}"
    );
    assert!(
        md.contains("### Risikomatrise for TikTok før og etter tiltak"),
        "{md}"
    );
    assert!(
        !md.contains("### Risikomatrise for Facebook"),
        "Facebook shares the scores: no matrices of its own"
    );
    assert!(
        md.contains("**TikTok: restrisiko i øverste bånd:** ja"),
        "{md}"
    );
    assert!(
        md.contains("**Facebook: restrisiko i øverste bånd:** nei"),
        "{md}"
    );
    let pdf = outcome::pdf::to_pdf(&o, &library)?;
    let text = common::pdf::all_text(&pdf)?;
    assert!(
        text.contains("TikTok: Datatilsynet må bes om forhåndsdrøftelse"),
        "{text}"
    );
    assert!(text.contains("TikTok: forhåndsdrøftelse kreves."), "{text}");
    assert!(
        text.contains("Facebook: forhåndsdrøftelse kreves ikke."),
        "{text}"
    );
    assert!(!text.contains("Facebook: Datatilsynet må bes"), "{text}");
    Ok(())
}

#[test]
fn the_overall_decision_may_not_contradict_the_platforms() {
    let library = common::library();
    let o = two_platforms();
    let mut d = draft([Decision::Godkjent, Decision::IkkeGodkjent], [true, false]);
    d.overall = Some(Decision::BetingetGodkjent);
    let err = d
        .clone()
        .validate(&o, &library.scales, None)
        .err()
        .unwrap_or_default();
    assert!(
        err.contains("stemmer ikke med plattformenes") && err.contains("«godkjent»"),
        "{err}"
    );
    d.overall = None;
    let round = d
        .validate(&o, &library.scales, None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(round.decision, Decision::Godkjent, "it follows from theirs");
    assert!(round.wants_platform, "Facebook is still wanted");
    assert_eq!(
        round.platform("TikTok").and_then(|p| p.wants_platform),
        Some(false)
    );
}

#[test]
fn conditions_belong_to_a_platforms_conditional_approval() {
    let library = common::library();
    let o = two_platforms();
    let mut d = draft(
        [Decision::BetingetGodkjent, Decision::Godkjent],
        [true, true],
    );
    d.platforms[0].conditions.clear();
    let err = d
        .clone()
        .validate(&o, &library.scales, None)
        .err()
        .unwrap_or_default();
    assert!(err.contains("skriv minst ett vilkår for Facebook"), "{err}");
    d.platforms[0].conditions = vec!["Samtykke fra foresatte".into()];
    d.platforms[1].conditions = vec!["Stray".into()];
    let err = d
        .clone()
        .validate(&o, &library.scales, None)
        .err()
        .unwrap_or_default();
    assert!(err.contains("TikTok har vilkår"), "{err}");
    d.platforms[1].conditions.clear();
    let round = d
        .validate(&o, &library.scales, None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(round.decision, Decision::BetingetGodkjent);
    assert_eq!(
        round.conditions_for(Some("Facebook")),
        ["Samtykke fra foresatte"]
    );
    assert!(round.conditions.is_empty(), "no shared conditions");
}

#[test]
fn a_partly_scored_risk_is_missing_for_the_platform_it_is_partial_for() {
    let library = common::library();
    let mut o = two_platforms();
    let ids = risk_ids(&library, 2);
    score(&mut o, &ids[0], None, [3, 3, 2, 2]);
    // TikTok: S without K after measures.
    o.risk
        .entry(&ids[0])
        .set_for("TikTok", ScoreField::ResidualLikelihood, 4);
    o.risk
        .entry(&ids[0])
        .set_for("TikTok", ScoreField::ResidualConsequence, 0);
    // The second risk: S only, shared.
    o.risk.entry(&ids[1]).set(ScoreField::InherentLikelihood, 3);
    let missing = missing(&o, &library);
    let titles: Vec<String> = library
        .risks
        .assessable(&o.risk)
        .iter()
        .take(2)
        .map(|r| r.title.to_owned())
        .collect();
    let partial = |t: &str| format!("risiko delvis skåret (mangler S eller K): {t}");
    assert!(
        missing.contains(&format!("{} (TikTok)", partial(&titles[0]))),
        "{missing:#?}"
    );
    assert!(missing.contains(&partial(&titles[1])), "{missing:#?}");
}

/// A round recorded in format 4 with two platforms, and a decision date
/// that a format 2 file once took as free text.
const FORMAT_4: &str = r#"(
    format_version: 4,
    id: "20261123100000-00000002",
    title: "Gammel runde",
    platforms: ["Facebook", "TikTok"],
    created: "2026-11-20T10:00:00Z",
    updated: "2026-11-20T10:00:00Z",
    decision: (rounds: [(
        decision: betinget_godkjent,
        conditions: ["Facebook: samtykkerutine"],
        justification: "Rekkevidde",
        decided_by: "kommunedirektør",
        date: "2026-11-2305.12.2026",
        wants_platform: true,
        residual_top: false,
        platforms: [
            (platform: "Facebook", decision: betinget_godkjent),
            (platform: "TikTok", decision: ikke_godkjent),
        ],
    )]),
)
"#;

#[test]
fn a_format_4_round_keeps_what_it_recorded_and_says_how_it_was_computed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("gammel.ron");
    std::fs::write(&path, FORMAT_4)?;
    let (o, file) = outcome::load(&path)?;
    assert_eq!(file.migrated_from(), Some(4));
    assert_eq!(o.format_version, somevett::domain::FORMAT_VERSION);
    let round = &o.decision.rounds[0];
    assert!(round.computed_the_old_way());
    assert!(!round.top(Some("TikTok")), "the stored flag stands");
    assert_eq!(round.decision_for("TikTok"), Some(Decision::IkkeGodkjent));
    assert_eq!(round.date, None, "no date is shown that was none");
    assert!(
        round.note.contains("«2026-11-2305.12.2026»"),
        "kept word for word: {}",
        round.note
    );
    let library = common::library();
    let md = outcome::export::to_markdown(&o, &library);
    assert!(!md.contains("23.11.2026"), "never read as a date:\n{md}");
    assert!(md.contains("**Dato:** ikke gyldig (se merknad)"), "{md}");
    let flat = md.split_whitespace().collect::<Vec<_>>().join(" ");
    let solid: String = md.split_whitespace().collect();
    assert!(solid.contains("«2026-11-2305.12.2026»"), "{md}");
    assert!(
        flat.contains("regnet ut fra de felles skårene"),
        "the report says the flag was computed the old way:\n{md}"
    );
    Ok(())
}

#[test]
fn a_correction_names_each_field_it_changes_per_platform() {
    use somevett::domain::decision::CorrectedBy;
    let library = common::library();
    let mut o = tiktok_in_the_top_band(&library);
    let mut d = draft(
        [Decision::Godkjent, Decision::BetingetGodkjent],
        [true, true],
    );
    d.platforms[1].prior_consultation = Some(true);
    let latest = o.decision.latest().cloned();
    let round = d
        .validate(&o, &library.scales, latest.as_ref())
        .unwrap_or_else(|e| panic!("{e}"));
    let by = CorrectedBy {
        who: "Anne Berg".into(),
        reason: "TikTok ble betinget godkjent i møtet".into(),
        at: common::now(),
    };
    Change::CorrectDecision(Box::new(round), by)
        .apply(&mut o)
        .unwrap_or_else(|e| panic!("{e}"));
    let c = &o.decision.rounds[1].corrections[0];
    let changes: Vec<String> = c.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        changes,
        [
            "Samlet beslutning: godkjent → betinget godkjent",
            "TikTok: ikke godkjent → betinget godkjent",
            "TikTok: vilkår: ingen → Vilkår",
            "TikTok: forhåndsdrøftelse: ikke bedt om → bedt om",
        ]
    );
    assert_eq!(c.corrected_by, "Anne Berg");
    assert!(
        o.decision.rounds[1].top(Some("TikTok")),
        "a correction keeps the flag the round recorded"
    );
}

/// An outcome opened in the app with two platforms and one custom risk.
fn app_with_two_platforms(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Kontoene");
    press(&mut app, &["tab", "tab", "tab"]);
    type_text(&mut app, "Facebook, TikTok");
    press(&mut app, &["ctrl-s"]);
    app.clear_status();
    app
}

fn current(app: &App) -> Outcome {
    let mut o = app
        .open_outcome()
        .map(|s| s.outcome.clone())
        .unwrap_or_else(|| panic!("no outcome is open"));
    o.updated = Timestamp::UNIX_EPOCH;
    o
}

fn any_platform() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("Facebook".to_owned())),
        Just(Some("TikTok".to_owned()))
    ]
}

fn any_change(ids: Vec<RiskId>) -> impl Strategy<Value = Change> {
    let id = proptest::sample::select(ids);
    let field = proptest::sample::select(vec![
        ScoreField::InherentLikelihood,
        ScoreField::InherentConsequence,
        ScoreField::ResidualLikelihood,
        ScoreField::ResidualConsequence,
    ]);
    let treatment = proptest::option::of(proptest::sample::select(Treatment::ALL.to_vec()));
    prop_oneof![
        (id.clone(), any_platform(), field, 0..=5u8).prop_map(|(risk, platform, field, value)| {
            Change::Score {
                risk,
                platform,
                field,
                value,
            }
        }),
        (id.clone(), any_platform(), treatment).prop_map(|(risk, platform, treatment)| {
            Change::Treatment {
                risk,
                platform,
                treatment,
            }
        }),
        (id.clone(), any::<bool>()).prop_map(|(risk, relevant)| Change::Relevant {
            risk,
            platform: "TikTok".into(),
            relevant,
        }),
        "[a-zæøå ]{1,12}".prop_map(|title| Change::AddCustomRisk {
            title,
            description: String::new(),
            goal: String::new(),
        }),
        (
            "[a-z]{1,6}",
            any_platform(),
            proptest::sample::select(Status::ALL.to_vec())
        )
            .prop_map(|(key, platform, status)| Change::Answer {
                key: format!("vurdering.a.{key}"),
                platform,
                status,
            }),
        ("[a-z]{1,3}", any_platform(), "[a-z ]{0,8}").prop_map(|(key, platform, note)| {
            Change::AnswerDetails {
                key: format!("vurdering.a.{key}"),
                platform,
                note,
                measure: None,
            }
        }),
        "[a-zæøå ?]{1,20}".prop_map(|d| Change::AddReflection(Reflection::new(d))),
        (
            0..2usize,
            0..4usize,
            proptest::option::of(proptest::sample::select(Stance::ALL.to_vec()))
        )
            .prop_map(|(reflection, alternative, stance)| Change::Stance {
                reflection,
                alternative,
                dimension: "moral".into(),
                stance,
            }),
        (0..2usize, proptest::option::of(0..4usize))
            .prop_map(|(reflection, choice)| Change::Choose { reflection, choice }),
        proptest::sample::select(vec![Change::RecordDecision(Box::new(
            draft([Decision::Godkjent, Decision::IkkeGodkjent], [true, true])
                .validate(&two_platforms(), &common::library().scales, None)
                .unwrap_or_else(|e| panic!("{e}"))
        )),]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every change is taken back whole by undo and made again by redo;
    /// a change that is refused leaves the record as it was.
    #[test]
    fn undo_after_any_change_is_the_record_before(changes in proptest::collection::vec(
        any_change(risk_ids(&common::library(), 6)), 1..6)
    ) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut app = app_with_two_platforms(dir.path());
        for change in changes {
            let before = current(&app);
            app.apply(Effect::change(change.clone()));
            let after = current(&app);
            if after == before {
                continue;
            }
            press(&mut app, &["ctrl-z"]);
            if app.top_context() == Context::Confirm {
                prop_assert!(change.is_decision(), "only a decision asks: {change:?}");
                press(&mut app, &["y"]);
            }
            prop_assert_eq!(&current(&app), &before, "undo of {:?}", change);
            press(&mut app, &["ctrl-y"]);
            prop_assert_eq!(&current(&app), &after, "redo of {:?}", change);
        }
    }

    /// A platform's score set with `set_for` is what `for_platform` gives,
    /// the other platform keeps what it had, and the shared score is untouched.
    #[test]
    fn for_platform_after_set_for_gives_what_was_set(
        shared in proptest::option::of((1..=5u8, 1..=5u8)),
        field in proptest::sample::select(vec![
            ScoreField::InherentLikelihood,
            ScoreField::InherentConsequence,
            ScoreField::ResidualLikelihood,
            ScoreField::ResidualConsequence,
        ]),
        value in 0..=5u8,
    ) {
        let shared = shared.map(|(likelihood, consequence)| Score { likelihood, consequence });
        let mut a = RiskAssessment {
            inherent: shared,
            residual: shared,
            ..RiskAssessment::default()
        };
        let mut expected = a.for_platform("TikTok");
        expected.set(field, value);
        let facebook = a.for_platform("Facebook");
        a.set_for("TikTok", field, value);
        let side = field.side();
        prop_assert_eq!(a.for_platform("TikTok").score(side), expected.score(side));
        prop_assert_eq!(a.for_platform("Facebook"), facebook);
        prop_assert_eq!(a.score(side), shared);
        let other = match side { Side::Inherent => Side::Residual, Side::Residual => Side::Inherent };
        prop_assert_eq!(a.for_platform("TikTok").score(other), shared);
    }

    /// For every platform, the rule computed from the round as stored
    /// equals the rule computed from that platform's resolved risks.
    #[test]
    fn the_stored_rule_per_platform_is_the_rule_of_its_own_risks(
        scores in proptest::collection::vec(
            (any_platform(), proptest::array::uniform4(0..=5u8)), 1..6),
        wants in proptest::collection::vec(proptest::array::uniform2(any::<bool>()), 1..4),
    ) {
        let library = common::library();
        let ids = risk_ids(&library, 3);
        let mut o = two_platforms();
        for (i, (platform, values)) in scores.iter().enumerate() {
            score(&mut o, &ids[i % ids.len()], platform.as_deref(), *values);
        }
        for (n, w) in wants.iter().enumerate() {
            let d = draft([Decision::Godkjent, Decision::IkkeGodkjent], *w);
            record(&mut o, &library, d).map_err(TestCaseError::fail)?;
            let round = &o.decision.rounds[n];
            for (p, wanted) in PLATFORMS.iter().zip(w) {
                let top = !rules::top_band(&rules::risk_for(&o, Some(p)), &library.scales)
                    .is_empty();
                prop_assert_eq!(round.top(Some(p)), top, "{} round {}", p, n + 1);
                prop_assert_eq!(round.wants(Some(p)), *wanted);
                prop_assert_eq!(
                    o.decision.consultation_required(Some(p)),
                    prior_consultation_required(n + 1, top, *wanted),
                    "{} round {}", p, n + 1
                );
            }
        }
    }
}

/// Checklists get Risiko's model: a shared answer, and with `P` a
/// platform's own where it differs, marked, counted and reported apart
/// (round 3, M8: art. 26 «ja» beside TikTok's «ukjent»).
#[test]
fn a_checklist_answer_can_differ_for_one_platform() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_with_two_platforms(dir.path());
    // Each answer moves the cursor on to the next open question.
    press(&mut app, &["5", "y", "P", "P", "k", "n", "y"]);
    let o = current(&app);
    let library = common::library();
    let groups = library.assessment.groups();
    let keys: Vec<&str> = somevett::domain::checklist::keys(&groups).collect();
    let (first, second) = (keys[0], keys[1]);
    assert_eq!(
        o.checklists.status(first),
        Status::Ja,
        "the shared answer stays"
    );
    let tiktok = o.checklists.for_platform("TikTok");
    assert_eq!(tiktok.status(first), Status::Nei);
    assert_eq!(tiktok.status(second), Status::Ja);
    assert_eq!(o.checklists.status(second), Status::IkkeVurdert);
    assert_eq!(
        o.checklists.for_platform("Facebook").status(first),
        Status::Ja
    );
    let text = common::screen_text(&common::render(&mut app, 80, 24));
    assert!(text.contains("KS-vurderingen · TikTok"), "{text}");
    assert!(
        text.contains("[✗]*"),
        "TikTok's own answer is marked:\n{text}"
    );
    // Setting TikTok's answer to the shared one shares it again.
    press(&mut app, &["home", "y"]);
    assert!(!current(&app).checklists.is_own(first, "TikTok"));
    press(&mut app, &["home", "n"]);
    let o = current(&app);
    let missing = missing(&o, &library);
    assert!(
        missing.contains(&"41 punkter i vurderingen er ikke vurdert (Facebook)".to_owned())
            && missing.contains(&"40 punkter i vurderingen er ikke vurdert (TikTok)".to_owned()),
        "{missing:#?}"
    );
    let md = outcome::export::to_markdown(&o, &library);
    assert!(md.contains("ja; TikTok: nei"), "{md}");
    Ok(())
}
