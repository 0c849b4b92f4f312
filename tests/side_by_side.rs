//! Issue 15: one workshop, each platform assessed and decided on its own,
//! shown side by side in the app (screen 7) and in the report; and an older
//! file with two platforms opens with nothing lost.

use crate::common;

use std::fs;

use common::{press, render, screen_text, type_text};
use somevett::app::App;
use somevett::domain::Outcome;
use somevett::domain::decision::Decision;
use somevett::domain::per_platform::board;
use somevett::domain::risk::Score;
use somevett::keymap::Context;
use somevett::outcome;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn outcome_of(app: &App) -> Outcome {
    app.open_outcome()
        .map(|s| s.outcome.clone())
        .unwrap_or_else(|| panic!("no outcome is open"))
}

/// An outcome for Facebook and TikTok, made by keys on Økter.
fn facebook_and_tiktok(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Kommunens kontoer");
    press(&mut app, &["tab", "tab", "tab"]);
    type_text(&mut app, "Facebook, TikTok");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(outcome_of(&app).platforms, ["Facebook", "TikTok"]);
    app.clear_status();
    app
}

fn score(likelihood: u8, consequence: u8) -> Option<Score> {
    Some(Score {
        likelihood,
        consequence,
    })
}

/// The workshop of the issue's «done when»: the shared scores, TikTok's
/// own, a risk not relevant for TikTok, and a decision per platform.
fn workshop(app: &mut App) {
    // The shared assessment of the first risk: 4×4 before, 2×2 after.
    press(app, &["2", "s", "4", "4", "2", "2", "enter"]);
    // TikTok's own: after measures still 5×4 (top band).
    press(app, &["p", "p", "s", "4", "4", "5", "4", "enter"]);
    // The second risk does not apply to TikTok.
    press(app, &["j", "i", "k"]);
    // Management: Facebook approved, TikTok not, both still wanted; the
    // overall decision is left to follow from theirs (godkjent).
    press(app, &["5", "v", "b"]);
    assert_eq!(app.top_context(), Context::Form);
    press(app, &["tab"]);
    press(app, &["g", "tab", "tab", "j", "tab", "tab"]);
    press(app, &["i", "tab", "tab", "j", "tab", "tab"]);
    type_text(app, "TikTok har restrisiko i øverste bånd.");
    press(app, &["tab"]);
    type_text(app, "kommunedirektøren");
    press(app, &["ctrl-s"]);
    // The assessment is not finished: the app names what is missing and asks.
    assert_eq!(app.top_context(), Context::Confirm);
    press(app, &["y"]);
}

#[test]
fn facebook_and_tiktok_get_their_own_scores_and_decisions() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    workshop(&mut app);
    let o = outcome_of(&app);
    let first = &o.risk.assessments[0];
    assert_eq!((first.inherent, first.residual), (score(4, 4), score(2, 2)));
    assert_eq!(first.for_platform("Facebook").residual, score(2, 2));
    assert_eq!(first.for_platform("TikTok").residual, score(5, 4));
    assert_eq!(
        first.for_platform("TikTok").inherent,
        score(4, 4),
        "TikTok shares what it did not set"
    );
    assert_eq!(
        o.risk
            .assessments
            .iter()
            .filter(|a| !a.relevant_for("TikTok"))
            .count(),
        1
    );
    let round = o.decision.latest().ok_or("no round")?;
    assert_eq!(
        round.decision,
        Decision::Godkjent,
        "one platform approved, none on conditions"
    );
    assert_eq!(round.decision_for("Facebook"), Some(Decision::Godkjent));
    assert_eq!(round.decision_for("TikTok"), Some(Decision::IkkeGodkjent));

    let library = common::library();
    let columns = board(&o, &library.scales, &library.platforms);
    let rows: Vec<[String; 7]> = columns
        .iter()
        .map(somevett::outcome::board::texts)
        .collect();
    assert_eq!(rows.len(), 3, "two platforms and the baseline");
    assert_eq!(rows[0][1], "4 Lav");
    assert_eq!(rows[1][1], "20 Høy");
    assert_eq!((rows[0][2].as_str(), rows[1][2].as_str()), ("0", "1"));
    assert_eq!(rows[0][6], "godkjent (runde 1)");
    assert_eq!(rows[1][6], "ikke godkjent (runde 1)");
    assert_eq!(rows[2][0], "Ikke bruke plattformen");

    let report = somevett::outcome::export::to_markdown(&o, &library);
    let section = report
        .split("## Plattformene side om side")
        .nth(1)
        .ok_or("no side-by-side section in the report")?;
    for expected in [
        "**Facebook**",
        "**TikTok**",
        "20 Høy",
        "ikke godkjent (runde 1)",
    ] {
        assert!(section.contains(expected), "{expected} missing:\n{section}");
    }
    assert!(
        report.contains("TikTok: ikke godkjent"),
        "the summary gives the decision per platform"
    );
    Ok(())
}

#[test]
fn the_board_shows_the_platforms_side_by_side_at_both_sizes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    workshop(&mut app);
    press(&mut app, &["7"]);
    app.clear_status();
    let wide = screen_text(&render(&mut app, 120, 36));
    for expected in [
        "Plattformene side om side",
        "Facebook",
        "TikTok",
        "20 Høy",
        "beslutning i runde 1",
        "ikke godkjent",
        "Ikke bruke plattformen",
    ] {
        assert!(wide.contains(expected), "{expected}:\n{wide}");
    }
    insta::assert_snapshot!("board_120x36", wide);
    press(&mut app, &["j"]);
    let narrow = screen_text(&render(&mut app, 80, 24));
    assert!(narrow.contains("Risikoer i øverste bånd"), "{narrow}");
    insta::assert_snapshot!("board_tiktok_80x24", narrow);
    Ok(())
}

#[test]
fn moving_and_switching_platforms_never_change_the_record() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    workshop(&mut app);
    let before = outcome_of(&app);
    press(
        &mut app,
        &[
            "2", "p", "p", "p", "j", "k", "v", "v", "v", "7", "j", "j", "k", "g", "G",
        ],
    );
    assert_eq!(outcome_of(&app), before);
    Ok(())
}

#[test]
fn a_platform_score_is_undone_back_to_the_shared_one() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    press(
        &mut app,
        &["2", "s", "3", "3", "enter", "p", "s", "5", "enter"],
    );
    let facebook = |app: &App| {
        outcome_of(app).risk.assessments[0]
            .for_platform("Facebook")
            .inherent
    };
    assert_eq!(facebook(&app), score(5, 3));
    press(&mut app, &["ctrl-z"]);
    assert_eq!(facebook(&app), score(3, 3));
    assert!(outcome_of(&app).risk.assessments[0].platforms.is_empty());
    // `i` is for a platform: on the shared view it only says so.
    press(&mut app, &["p", "p"]);
    let before = outcome_of(&app);
    press(&mut app, &["i"]);
    assert_eq!(outcome_of(&app), before);
    Ok(())
}

#[test]
fn a_new_dilemma_suggests_the_platforms_and_not_using_social_media() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Hvor skal kommunen være?");
    press(&mut app, &["ctrl-s"]);
    let o = outcome_of(&app);
    let names: Vec<&str> = o.wheel.reflections[0]
        .alternatives
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Facebook", "TikTok", "Ikke bruke sosiale medier"]);
    Ok(())
}

const V3_TWO_PLATFORMS: &str = r#"(
    format_version: 3,
    id: "20261101-abc",
    title: "Kommunens kontoer",
    platforms: ["Facebook", "TikTok"],
    created: "2026-11-01T10:00:00Z",
    updated: "2026-11-02T10:00:00Z",
    risk: (
        assessments: [
            (
                risk: "tabell.apenhet.r2",
                inherent: Some((likelihood: 4, consequence: 4)),
                residual: Some((likelihood: 2, consequence: 3)),
                treatment: Some(redusere),
                measures: [(text: "Moderer kommentarfeltet", owner: "kommunikasjon", due: "2027-01-31", status: pagar)],
                note: "Felles for alle",
            ),
        ],
    ),
    decision: (
        rounds: [
            (
                decision: betinget_godkjent,
                conditions: ["Kommentarer moderert"],
                justification: "Akseptabel restrisiko",
                decided_by: "kommunedirektør",
                date: "2026-11-02",
                wants_platform: true,
                residual_top: false,
            ),
        ],
    ),
)"#;

#[test]
fn a_format_3_file_with_two_platforms_opens_with_nothing_lost() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("v3.ron");
    fs::write(&path, V3_TWO_PLATFORMS)?;
    let (o, mut file) = outcome::load(&path)?;
    assert_eq!(file.migrated_from(), Some(3));
    assert_eq!(o.format_version, somevett::domain::FORMAT_VERSION);
    let a = &o.risk.assessments[0];
    for platform in ["Facebook", "TikTok"] {
        let own = a.for_platform(platform);
        assert_eq!(
            own.inherent,
            score(4, 4),
            "{platform} starts with the scores"
        );
        assert_eq!(own.residual, score(2, 3));
        assert_eq!(own.measures, a.measures);
        assert_eq!(
            o.decision.rounds[0].decision_for(platform),
            Some(Decision::BetingetGodkjent),
            "{platform} starts with the round's decision"
        );
    }
    assert_eq!(a.note, "Felles for alle");
    assert_eq!(o.decision.rounds[0].conditions, ["Kommentarer moderert"]);
    assert_eq!(
        fs::read_to_string(&path)?,
        V3_TWO_PLATFORMS,
        "loading never rewrites"
    );
    outcome::save(&mut file, &o)?;
    assert_eq!(
        fs::read_to_string(outcome::backup_path(&path, 3))?,
        V3_TWO_PLATFORMS,
        "the original is kept as a backup"
    );
    let (again, file) = outcome::load(&path)?;
    assert_eq!(file.migrated_from(), None);
    assert_eq!(again, o);
    Ok(())
}

#[test]
fn a_format_2_file_is_migrated_through_3_to_4() -> TestResult {
    let text = V3_TWO_PLATFORMS
        .replace("format_version: 3", "format_version: 2")
        .replace(", status: pagar", "")
        .replace("due: \"2027-01-31\"", "due: \"31.01.2027\"");
    let (o, from) = outcome::parse("v2.ron", &text)?;
    assert_eq!(from, Some(2));
    assert_eq!(
        o.risk.assessments[0].measures[0].due,
        common::day("2027-01-31")
    );
    assert_eq!(o.decision.rounds[0].platforms.len(), 2);
    Ok(())
}

#[test]
fn a_measure_for_one_platform_stays_with_it_and_reaches_the_action_plan() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    press(&mut app, &["2", "p", "p", "e"]);
    assert_eq!(app.top_context(), Context::Form);
    type_text(&mut app, "Ikke på jobbtelefoner");
    press(&mut app, &["ctrl-s"]);
    let o = outcome_of(&app);
    let a = &o.risk.assessments[0];
    assert!(a.measures.is_empty(), "the shared measures are untouched");
    let own: Vec<String> = a
        .for_platform("TikTok")
        .measures
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(own, ["Ikke på jobbtelefoner"]);
    assert!(a.for_platform("Facebook").measures.is_empty());
    let plan = somevett::outcome::plan::action_plan(&o, &common::library());
    assert!(
        plan.iter()
            .any(|m| m.text == "Ikke på jobbtelefoner" && m.origin.ends_with("(bare TikTok)")),
        "{plan:?}"
    );
    Ok(())
}

#[test]
fn a_platform_taken_off_the_list_is_no_longer_shown_or_changed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = facebook_and_tiktok(dir.path());
    press(&mut app, &["2", "p", "p"]);
    assert!(screen_text(&render(&mut app, 80, 24)).contains("Risikoer · TikTok"));
    // Økter, e: the platforms field is the fourth.
    press(&mut app, &["6", "e", "tab", "tab", "tab"]);
    press(&mut app, &["backspace"; 16]);
    type_text(&mut app, "Facebook");
    press(&mut app, &["ctrl-s", "2"]);
    assert_eq!(outcome_of(&app).platforms, ["Facebook"]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Risikoer · felles"), "{text}");
    press(&mut app, &["s", "2", "enter"]);
    let o = outcome_of(&app);
    assert_eq!(
        o.risk.assessments[0].inherent.map(|s| s.likelihood),
        Some(2)
    );
    assert!(o.risk.assessments[0].platforms.is_empty());
    Ok(())
}
