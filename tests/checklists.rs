//! Dilemma checklists, KS's assessment and management's decision.

use crate::common;

use common::{press, render, screen_text, type_text};
use somevett::app::App;
use somevett::domain::checklist::Status;
use somevett::domain::decision::Decision;
use somevett::keymap::Context;
use somevett::outcome;
use somevett::ui::assessment::AssessmentScreen;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn open_outcome(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Kommunens TikTok");
    press(&mut app, &["enter"]);
    app.clear_status(); // it names a temporary folder
    app
}

fn status(app: &App, key: &str) -> Status {
    app.open_outcome()
        .as_ref()
        .map_or(Status::IkkeVurdert, |s| s.outcome.checklists.status(key))
}

#[test]
fn the_content_has_five_dilemma_kinds_and_ks_chapters() {
    let library = common::library();
    let kinds: Vec<&str> = library
        .dilemmas
        .kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(
        kinds,
        ["rolle", "tempo", "integritet", "ytring", "kompetanse"]
    );
    for k in &library.dilemmas.kinds {
        assert!(
            (4..=6).contains(&k.questions.len()),
            "{}: {}",
            k.id,
            k.questions.len()
        );
    }
    let sections: Vec<&str> = library
        .assessment
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        sections,
        [
            "behov",
            "beskrivelse",
            "sikkerhet",
            "ansvar",
            "etikk",
            "grunnlag",
            "regelverk",
            "overforing",
            "risiko",
            "prosess"
        ]
    );
    for s in &library.assessment.sections {
        assert!(s.chapter.starts_with("KS kap."), "{}", s.chapter);
        for q in &s.items {
            for g in &q.guidelines {
                assert!(
                    library.find(g).is_some(),
                    "{}.{} cites unknown {g}",
                    s.id,
                    q.id
                );
            }
        }
    }
    for k in &library.dilemmas.kinds {
        for q in &k.questions {
            for g in &q.guidelines {
                assert!(
                    library.find(g).is_some(),
                    "{}.{} cites unknown {g}",
                    k.id,
                    q.id
                );
            }
        }
    }
}

#[test]
fn answers_progress_and_the_next_unassessed_item_are_one_key_away() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(
        &mut app,
        // The first three questions are KS ch. 1's; skip them. Each answer
        // moves the cursor on to the next open question.
        &["5", "down", "down", "down", "y", "p", "n", "down", "i"],
    );
    assert_eq!(
        app.screen_at::<AssessmentScreen>(5)
            .map(|c| c.list.selected),
        Some(8),
        "after i the cursor is on the next open question"
    );
    assert_eq!(status(&app, "vurdering.beskrivelse.formal"), Status::Ja);
    assert_eq!(status(&app, "vurdering.beskrivelse.omfang"), Status::Delvis);
    assert_eq!(status(&app, "vurdering.beskrivelse.sarbare"), Status::Nei);
    assert_eq!(
        status(&app, "vurdering.beskrivelse.registrerte"),
        Status::IkkeRelevant
    );
    press(&mut app, &["home", "down", "down", "down", "u"]);
    assert_eq!(
        app.screen_at::<AssessmentScreen>(5)
            .map(|c| c.list.selected),
        Some(6),
        "u jumps over answered items to the first unassessed"
    );
    let text = screen_text(&render(&mut app, 100, 30));
    assert!(text.contains("Systematisk beskrivelse  4/8"), "{text}");
    assert!(
        text.contains("4/42 vurdert") || text.contains("4/"),
        "{text}"
    );
    Ok(())
}

#[test]
fn a_no_carries_a_note_and_a_measure_with_owner_and_due_date() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(
        &mut app,
        // An answer moves the cursor on: `up` goes back to write its note.
        &["5", "down", "down", "down", "down", "down", "n", "up", "e"],
    );
    type_text(&mut app, "Barn følger skolens konto.");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Vurdere aldersgrense og moderering");
    press(&mut app, &["tab"]);
    type_text(&mut app, "rektor");
    press(&mut app, &["tab"]);
    type_text(&mut app, "2027-02-01");
    press(&mut app, &["enter", "ctrl-s"]);
    let path = common::open_file(&app)?;
    let (saved, _) = outcome::load(&path)?;
    let a = saved
        .checklists
        .get("vurdering.beskrivelse.sarbare")
        .ok_or("not saved")?;
    assert_eq!(a.status, Status::Nei);
    assert_eq!(a.note, "Barn følger skolens konto.");
    let m = a.measure.as_ref().ok_or("no measure")?;
    assert_eq!(
        (m.text.as_str(), m.owner.as_str(), m.due),
        (
            "Vurdere aldersgrense og moderering",
            "rektor",
            common::day("2027-02-01")
        )
    );
    assert_eq!(
        Some(&saved),
        app.open_outcome().map(|s| &s.outcome),
        "answers round-trip through the file"
    );
    Ok(())
}

#[test]
fn enter_on_a_question_jumps_to_the_guideline_it_rests_on() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    // Rolle, question 1 rests on three items: Enter offers them.
    press(&mut app, &["4", "enter"]);
    assert!(
        (app.top_context() == Context::Picker),
        "several guidelines: a picker"
    );
    press(&mut app, &["enter"]);
    assert_eq!(
        app.top_context(),
        Context::Item,
        "the item shows over the checklist"
    );
    press(&mut app, &["o"]);
    assert_eq!(app.screen_number(), 1, "o shows it under Retningslinjer");
    let text = screen_text(&render(&mut app, 120, 30));
    assert!(text.contains("meraker.privat.4"), "{text}");
    Ok(())
}

#[test]
fn dilemma_answers_are_kept_apart_from_the_assessment() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    // y moves on; up goes back; space cycles where it stands.
    press(&mut app, &["4", "y", "up", "space", "space"]);
    assert_eq!(
        status(&app, "dilemma.rolle.1"),
        Status::Nei,
        "y then two cycles: ja -> delvis -> nei"
    );
    let text = screen_text(&render(&mut app, 100, 30));
    assert!(
        text.contains("Rolledilemma") && text.contains("Eksempel:"),
        "{text}"
    );
    Ok(())
}

fn decide(app: &mut App, decision: &str, wants: &str, asked: &str) {
    press(app, &["5", "b"]);
    // Choices are picked, not typed: a first letter picks the option.
    type_text(app, &decision[..1]);
    press(app, &["tab"]);
    if decision.starts_with('b') {
        type_text(app, "Kommentarfeltet stenges");
    }
    press(app, &["tab"]);
    type_text(app, "Risikoen er vurdert og tiltak er på plass.");
    press(app, &["tab"]);
    type_text(app, "kommunedirektør");
    press(app, &["tab", "tab"]);
    type_text(app, &wants[..1]);
    press(app, &["tab"]);
    type_text(app, asked.get(..1).unwrap_or_default());
    press(app, &["ctrl-s"]);
    // Unassessed items are named and a yes is asked for.
    if app.top_context() == Context::Confirm {
        press(app, &["y"]);
    }
}

/// Scores one risk in the top band, before and after measures.
fn high_residual_risk(app: &mut App) {
    press(app, &["2", "s", "5", "5", "4", "4", "enter"]);
}

#[test]
fn every_round_before_management_is_kept_and_the_rule_asks_for_prior_consultation() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    high_residual_risk(&mut app);
    decide(&mut app, "betinget", "ja", "");
    let rounds = |app: &App| {
        app.open_outcome()
            .as_ref()
            .map_or(0, |s| s.outcome.decision.rounds.len())
    };
    assert_eq!(rounds(&app), 1);
    let first = app
        .open_outcome()
        .as_ref()
        .and_then(|s| s.outcome.decision.rounds.first().cloned())
        .ok_or("no round")?;
    assert_eq!(first.decision, Decision::BetingetGodkjent);
    assert_eq!(first.conditions, vec!["Kommentarfeltet stenges"]);
    assert!(first.residual_top);
    assert_eq!(
        first.prior_consultation, None,
        "first round: the rule does not apply"
    );
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("Runde 1"), "{text}");
    assert!(
        text.contains("Blir vurderingen lagt fram igjen (runde 2)"),
        "{text}"
    );

    decide(&mut app, "ikke godkjent", "ja", "ja");
    assert_eq!(rounds(&app), 2, "the second round is added, the first kept");
    let part = app
        .open_outcome()
        .as_ref()
        .map(|s| s.outcome.decision.clone())
        .ok_or("no session")?;
    assert_eq!(part.rounds[0], first, "history never changes");
    assert!(part.consultation_required(None));
    assert_eq!(part.rounds[1].prior_consultation, Some(true));
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("forhåndsdrøftelse (GDPR art. 36)"), "{text}");
    assert!(
        text.contains("Runde 2") && text.contains("Runde 1"),
        "{text}"
    );

    let path = common::open_file(&app)?;
    press(&mut app, &["ctrl-s"]);
    assert_eq!(
        outcome::load(&path)?.0.decision,
        part,
        "the history round-trips through the file"
    );
    Ok(())
}

#[test]
fn no_prior_consultation_when_the_risk_is_below_the_top_band_or_the_wish_is_gone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["2", "5", "5", "2", "2"]);
    decide(&mut app, "betinget", "ja", "");
    decide(&mut app, "betinget", "ja", "");
    assert!(
        !app.open_outcome()
            .as_ref()
            .is_some_and(|s| s.outcome.decision.consultation_required(None)),
        "residual 4 is low"
    );
    high_residual_risk(&mut app);
    decide(&mut app, "ikke godkjent", "nei", "");
    assert!(
        !app.open_outcome()
            .as_ref()
            .is_some_and(|s| s.outcome.decision.consultation_required(None)),
        "no longer wanted"
    );
    Ok(())
}

#[test]
fn the_decision_view_lists_what_is_missing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["2", "s", "4", "4", "enter", "5", "v"]);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("Mangler før beslutning"), "{text}");
    assert!(
        text.contains("42 punkter i vurderingen er ikke vurdert"),
        "{text}"
    );
    assert!(text.contains("risiko uten restrisiko"), "{text}");
    assert!(text.contains("ingen etisk refleksjon"), "{text}");
    Ok(())
}

#[test]
fn a_decision_without_justification_is_refused_and_nothing_is_lost() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "b"]);
    type_text(&mut app, "godkjent");
    press(&mut app, &["ctrl-s"]);
    let error = app.form_error().unwrap_or_default();
    assert!(error.contains("begrunne"), "{error}");
    assert_eq!(
        app.open_outcome()
            .as_ref()
            .map(|s| s.outcome.decision.rounds.len()),
        Some(0)
    );
    Ok(())
}

#[test]
fn dilemmas_screen_at_80x24() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["4", "y", "n"]);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
    Ok(())
}

#[test]
fn assessment_screen_at_80x24() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "y", "p"]);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
    press(&mut app, &["v"]);
    insta::assert_snapshot!("decision_view_at_80x24", render(&mut app, 80, 24).backend());
    Ok(())
}

#[test]
fn the_report_contains_checklists_decision_and_history() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "down", "down", "down", "n"]);
    high_residual_risk(&mut app);
    press(&mut app, &["6"]);
    decide(&mut app, "betinget", "ja", "");
    decide(&mut app, "ikke godkjent", "ja", "nei");
    let o = &app.open_outcome().ok_or("no session")?.outcome;
    let md = outcome::export::to_markdown(o, app.library());
    // Lines are wrapped at 80 columns: sentences are looked for in the flowed text.
    let flat = md.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(md.contains("## Sammendrag"), "{md}");
    assert!(md.contains("- Ledelsens beslutning: ikke godkjent"), "{md}");
    assert!(
        md.contains("- Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36)."),
        "{md}"
    );
    assert!(
        md.contains("- Risiko: 1 risiko vurdert, 1 i øverste bånd"),
        "{md}"
    );
    assert!(
        md.find("## Sammendrag") < md.find("## Tiltaksplan")
            && md.find("## Tiltaksplan") < md.find("## Risikovurdering"),
        "the summary comes first after the front page, then the action plan"
    );
    assert!(md.contains("## Vurdering etter KS-veilederen"), "{md}");
    assert!(
        md.contains("### Systematisk beskrivelse (KS kap. 2) (1/8 vurdert)"),
        "{md}"
    );
    assert!(md.contains("## Dilemmasjekklister"), "{md}");
    assert!(md.contains("## Ledelsens beslutning"), "{md}");
    assert!(md.contains("**IKKE GODKJENT (kommunedirektør"), "{md}");
    assert!(
        flat.contains("må kommunen anmode Datatilsynet om forhåndsdrøftelse og dokumentere at den ikke greier å gjøre risikoen lavere"),
        "KS's duty and the documentation duty: {md}"
    );
    assert!(
        md.contains("#### Runde 1: betinget godkjent")
            && md.contains("#### Runde 2: ikke godkjent"),
        "{md}"
    );
    Ok(())
}

#[test]
fn a_pack_checklist_citing_an_unknown_guideline_is_an_error_with_its_place() -> TestResult {
    let dir = tempfile::tempdir()?;
    let pack = r#"(
    source: "Egen sjekkliste",
    sections: [
        (
            id: "egen",
            title: "Egne krav",
            chapter: "Lokalt",
            items: [
                (id: "a", text: "Er kontoen registrert?", source: "Lokalt", guidelines: ["meraker.privat.99"]),
            ],
        ),
    ],
)"#;
    std::fs::write(dir.path().join("assessment.ron"), pack)?;
    let err = somevett::content::Library::load(Some(dir.path()))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let file = dir.path().join("assessment.ron");
    assert!(err.starts_with(&format!("{}:9:", file.display())), "{err}");
    assert!(err.contains("meraker.privat.99"), "{err}");
    std::fs::write(&file, pack.replace("meraker.privat.99", "meraker.privat.4"))?;
    let library = somevett::content::Library::load(Some(dir.path()))?;
    assert_eq!(
        library.assessment.sections.len(),
        1,
        "a pack replaces KS's checklist"
    );
    Ok(())
}

#[test]
fn the_prior_consultation_rule_is_visible_at_80x24() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    high_residual_risk(&mut app);
    decide(&mut app, "betinget", "ja", "");
    decide(&mut app, "ikke godkjent", "ja", "ja");
    app.clear_status();
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Datatilsynet"), "{text}");
    Ok(())
}

#[test]
fn b_for_the_decision_is_offered_in_the_checklist_view_too() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5"]);
    let text = screen_text(&render(&mut app, 200, 24));
    let bar: Vec<&str> = text
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert!(bar.windows(2).any(|w| w == ["b", "beslutning"]), "{text}");
    Ok(())
}

#[test]
fn the_decision_view_scrolls_no_further_than_its_content() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    high_residual_risk(&mut app);
    for _ in 0..3 {
        decide(&mut app, "betinget", "ja", "ja");
    }
    app.clear_status();
    press(&mut app, &["end"]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains("Runde 1"),
        "the oldest round is reachable:\n{text}"
    );
    press(&mut app, &["v", "v"]);
    assert_eq!(
        app.screen_at::<AssessmentScreen>(5)
            .map(|c| c.decision_scroll.offset),
        Some(0),
        "switching views starts at the top"
    );
    Ok(())
}

/// The place of the assessment item `key` in Vurdering's list.
fn index_of(key: &str) -> Result<usize, String> {
    let library = common::library();
    let groups = library.assessment.groups();
    somevett::domain::checklist::keys(&groups)
        .position(|k| k == key)
        .ok_or_else(|| format!("{key} is not in the assessment"))
}

/// Round 3 (ux, issue 21 item 3): the app answers the items it already knows
/// with a suggestion the team confirms: nothing is answered until `a`, the
/// suggestion says why, and it follows the platform shown.
#[test]
fn vurdering_suggests_what_the_outcome_already_shows_and_the_team_confirms_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Forslag");
    press(&mut app, &["tab", "tab", "tab"]);
    type_text(&mut app, "TikTok");
    press(&mut app, &["enter"]);
    let table = "vurdering.risiko.tabell";
    let down = vec!["down"; index_of(table)?];
    // Nothing scored: no suggestion, and `a` answers nothing.
    press(&mut app, &["5"]);
    press(&mut app, &down);
    press(&mut app, &["a"]);
    assert_eq!(status(&app, table), Status::IkkeVurdert);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(text.contains("ikke noe forslag"), "{text}");
    // Two of KS's six table risks scored: «delvis», said with the count.
    press(
        &mut app,
        &["2", "s", "3", "4", "enter", "down", "s", "2", "2", "enter"],
    );
    press(&mut app, &["5"]);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(text.contains("Forslag"), "{text}");
    assert!(text.contains("2 av 6 risikoer i KS-tabellen"), "{text}");
    assert_eq!(
        status(&app, table),
        Status::IkkeVurdert,
        "a suggestion is no answer"
    );
    press(&mut app, &["a"]);
    assert_eq!(status(&app, table), Status::Delvis);
    // Once answered as suggested, the suggestion is gone from the item.
    press(&mut app, &["up"]);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(!text.contains("(a godtar)"), "{text}");
    // TikTok: the first is not relevant there and the other four are scored
    // for TikTok alone, so TikTok's table is done while the shared is not.
    press(&mut app, &["2", "p", "g", "i"]);
    for _ in 0..4 {
        press(&mut app, &["down", "down", "s", "1", "1", "enter"]);
        press(&mut app, &["up"]);
    }
    press(&mut app, &["5", "P"]);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(
        text.contains("[✓] ja: 5 av 5 risikoer i KS-tabellen"),
        "{text}"
    );
    press(&mut app, &["a"]);
    let tiktok = app
        .open_outcome()
        .map(|o| o.outcome.checklists.for_platform("TikTok").status(table));
    assert_eq!(tiktok, Some(Status::Ja));
    assert_eq!(
        status(&app, table),
        Status::Delvis,
        "the shared answer stays"
    );
    // Undo takes a confirmed answer back like any other.
    press(&mut app, &["ctrl-z"]);
    let tiktok = app
        .open_outcome()
        .map(|o| o.outcome.checklists.for_platform("TikTok").status(table));
    assert_eq!(tiktok, Some(Status::Delvis));
    Ok(())
}

/// Issue 20: `s` on Vurdering records the saksframlegg's fields and the
/// forslag til vedtak, `o` the description of the processing, the legal
/// basis and the DPO's advice; each is one change undo takes back, and
/// Dilemmaer has neither.
#[test]
fn vurdering_records_the_case_and_the_description_and_undo_takes_them_back() -> TestResult {
    use somevett::domain::case::LegalBasis;
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["4", "s"]);
    assert!(
        app.open_outcome()
            .is_some_and(|o| o.outcome.case.is_empty())
    );
    press(&mut app, &["5", "s"]);
    type_text(&mut app, "Åse Ødegård");
    press(&mut app, &["ctrl-s"]);
    let case = |app: &App| {
        app.open_outcome()
            .map(|o| o.outcome.case.clone())
            .unwrap_or_default()
    };
    assert_eq!(case(&app).officer, "Åse Ødegård");
    press(&mut app, &["o"]);
    type_text(&mut app, "Informere innbyggerne.");
    // To the legal basis (the ninth field) and the first basis offered.
    for _ in 0..8 {
        press(&mut app, &["tab"]);
    }
    press(&mut app, &["right", "ctrl-s"]);
    let processing = app
        .open_outcome()
        .map(|o| o.outcome.processing.clone())
        .unwrap_or_default();
    assert_eq!(processing.purpose, "Informere innbyggerne.");
    assert_eq!(processing.basis, Some(LegalBasis::OffentligOppgave));
    press(&mut app, &["ctrl-z"]);
    assert!(
        app.open_outcome()
            .is_some_and(|o| o.outcome.processing.is_empty())
    );
    press(&mut app, &["ctrl-z"]);
    assert!(case(&app).is_empty());
    Ok(())
}

/// Issue 23 item 3: where the sources disagree the app says so. With high
/// residual risk the decision view states Datatilsynet's reading of the rule
/// on prior consultation beside KS's (which counts rounds), and a round
/// records which reading management applied; the report prints it.
#[test]
fn both_readings_of_the_prior_consultation_rule_are_shown_and_one_is_recorded() -> TestResult {
    use somevett::domain::decision::Reading;
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "v"]);
    let calm = screen_text(&render(&mut app, 120, 36));
    assert!(
        !calm.contains("Datatilsynets lesing"),
        "no high risk, no reading: {calm}"
    );
    high_residual_risk(&mut app);
    press(&mut app, &["5"]);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(text.contains("Kildene leser regelen ulikt"), "{text}");
    assert!(text.contains("Datatilsynets lesing"), "{text}");
    // As `decide`, and the reading (the last field, picked by its letter).
    press(&mut app, &["b"]);
    type_text(&mut app, "i");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "Restrisikoen er for høy.");
    press(&mut app, &["tab"]);
    type_text(&mut app, "kommunedirektør");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "j");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "d");
    press(&mut app, &["ctrl-s"]);
    if app.top_context() == Context::Confirm {
        press(&mut app, &["y"]);
    }
    let recorded = app
        .open_outcome()
        .and_then(|o| o.outcome.decision.rounds.last().cloned())
        .ok_or("no round recorded")?;
    assert_eq!(
        recorded.reading,
        Some(Reading::Datatilsynet),
        "{recorded:?}"
    );
    let md = outcome::export::to_markdown(
        &app.open_outcome().ok_or("no outcome")?.outcome,
        app.library(),
    );
    assert!(
        md.contains("Forhåndsdrøftelse lest etter:** Datatilsynet"),
        "{md}"
    );
    Ok(())
}
