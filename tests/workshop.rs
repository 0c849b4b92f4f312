//! The traps a new user met in a whole workshop (`shared/audits/ux.md`),
//! each driven by keys: moving never changes the record, everything can be
//! undone, fields take only what they mean, and the app says where you are.

use crate::common;

use std::time::{Duration, Instant};

use common::{press, render, screen_text, type_text};
use somevett::app::{App, INFO_TTL};
use somevett::domain::Outcome;
use somevett::keymap::Context;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn open_outcome(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Kommunens TikTok");
    press(&mut app, &["enter"]);
    app.clear_status();
    app
}

fn outcome(app: &App) -> Outcome {
    app.open_outcome()
        .map(|s| s.outcome.clone())
        .unwrap_or_else(|| panic!("no outcome is open"))
}

/// The record without its timestamps, which every change moves.
fn record(app: &App) -> Outcome {
    let mut o = outcome(app);
    o.updated = somevett::domain::date::Timestamp::UNIX_EPOCH;
    o
}

#[test]
fn every_kind_of_change_is_undone_and_redone_step_by_step() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    let mut states = vec![record(&app)];
    let steps: &[&[&str]] = &[
        &["2", "s", "4"], // a score
        &["5", "enter"],  // another, and scoring ends
        &["b"],           // a treatment
        &["3", "n"],      // a new dilemma ...
        &["f"],           // a stance
        &["4", "y"],      // an answer
        &["5", "p"],      // another answer
        &["3", "d", "y"], // an alternative deleted
    ];
    for keys in steps {
        press(&mut app, keys);
        if app.top_context() == Context::Form {
            type_text(&mut app, "Skal skolen ha TikTok?");
            press(&mut app, &["ctrl-s"]);
        }
        assert_ne!(
            states.last(),
            Some(&record(&app)),
            "{keys:?} changed the record"
        );
        states.push(record(&app));
    }
    for expected in states.iter().rev().skip(1) {
        press(&mut app, &["ctrl-z"]);
        assert_eq!(&record(&app), expected);
    }
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        status.starts_with("Angret: "),
        "the status says what was undone: {status}"
    );
    for expected in states.iter().skip(1) {
        press(&mut app, &["ctrl-y"]);
        assert_eq!(&record(&app), expected);
    }
}

#[test]
fn at_least_a_hundred_steps_can_be_undone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    let start = record(&app);
    press(&mut app, &["4"]);
    for _ in 0..60 {
        press(&mut app, &["y", "n"]);
    }
    for _ in 0..120 {
        press(&mut app, &["ctrl-z"]);
    }
    assert_eq!(record(&app).checklists, start.checklists);
}

#[test]
fn undone_changes_are_saved_like_any_other() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["4", "y", "ctrl-s", "ctrl-z"]);
    let now = Instant::now();
    app.tick(now + Duration::from_secs(2));
    app.finish_saving();
    let path = common::open_file(&app)?;
    let (saved, _) = somevett::outcome::load(&path)?;
    assert!(
        saved
            .checklists
            .answers
            .iter()
            .all(|a| !a.status.is_assessed())
    );
    Ok(())
}

#[test]
fn q_closes_a_picker_and_quits_only_from_a_screen() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["2", "j", "j", "j", "t"]);
    assert_eq!(app.top_context(), Context::Picker);
    press(&mut app, &["q"]);
    assert!(
        app.is_running(),
        "t then q closed the picker, it did not quit"
    );
    assert_eq!(app.top_context(), Context::Risk);
    press(&mut app, &["?", "q", "/"]);
    type_text(&mut app, "q");
    assert!(app.is_running(), "q is text in the search field");
    press(&mut app, &["esc", "q"]);
    assert!(!app.is_running());
}

#[test]
fn dates_are_refused_inline_unless_they_are_dates() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "n", "e", "tab"]);
    type_text(&mut app, "Rutine for moderering");
    press(&mut app, &["tab", "tab"]);
    for bad in ["2026-11-2305.12.2026", "snart", "2027-13-45"] {
        type_text(&mut app, bad);
        let text = screen_text(&render(&mut app, 80, 24));
        assert!(text.contains("Feil:"), "{bad} is flagged as typed:\n{text}");
        press(&mut app, &["ctrl-s"]);
        assert_eq!(app.top_context(), Context::Form, "{bad} is refused");
        press(&mut app, &["ctrl-u"]);
        for _ in 0..30 {
            press(&mut app, &["backspace"]);
        }
    }
    type_text(&mut app, "5.12.26");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(app.top_context(), Context::Checklist);
    let measure = outcome(&app)
        .checklists
        .answers
        .iter()
        .find_map(|a| a.measure.clone())
        .ok_or("no measure")?;
    assert_eq!(measure.due, common::day("2026-12-05"));
    Ok(())
}

#[test]
fn the_decision_form_never_guesses_and_asks_before_recording_an_unfinished_assessment() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "b", "g", "tab", "tab"]);
    type_text(&mut app, "Godt nok");
    press(&mut app, &["tab"]);
    type_text(&mut app, "kommunedirektør");
    press(&mut app, &["ctrl-s"]);
    let error = app.form_error().unwrap_or_default();
    assert!(
        error.contains("ønsker"),
        "«ønsker fortsatt» starts empty: {error}"
    );
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains("Ønsker fortsatt plattformen"),
        "the label is whole at 80 columns:\n{text}"
    );
    press(&mut app, &["tab", "tab", "n", "ctrl-s"]);
    assert_eq!(app.top_context(), Context::Confirm);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(
        text.contains("42 punkter i vurderingen er ikke vurdert"),
        "{text}"
    );
    press(&mut app, &["n"]);
    assert_eq!(
        app.top_context(),
        Context::Form,
        "no: back to the form, nothing lost"
    );
    assert!(outcome(&app).decision.rounds.is_empty());
    press(&mut app, &["ctrl-s", "y"]);
    let rounds = outcome(&app).decision.rounds;
    assert_eq!(rounds.len(), 1);
    assert!(!rounds[0].wants_platform);
}

#[test]
fn the_latest_round_can_be_corrected_and_the_old_words_are_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "b", "i", "tab", "tab"]);
    type_text(&mut app, "For høy risiko");
    press(&mut app, &["tab"]);
    type_text(&mut app, "ledergruppen");
    press(&mut app, &["tab", "tab", "j", "ctrl-s", "y"]);
    // Who corrects and why come first, and both are required.
    press(&mut app, &["r", "tab", "tab", "tab", "tab", "end"]);
    type_text(&mut app, " for barn");
    press(&mut app, &["ctrl-s"]);
    let error = app.form_error().unwrap_or_default();
    assert!(error.contains("hvem som korrigerer"), "{error}");
    assert!(outcome(&app).decision.rounds[0].corrections.is_empty());
    press(&mut app, &["backtab", "backtab", "backtab", "backtab"]);
    type_text(&mut app, "personvernombudet");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Begrunnelsen var ikke ferdig skrevet");
    press(&mut app, &["ctrl-s"]);
    let rounds = outcome(&app).decision.rounds;
    assert_eq!(rounds.len(), 1, "a correction is not a new round");
    assert_eq!(rounds[0].justification, "For høy risiko for barn");
    assert_eq!(rounds[0].corrections.len(), 1);
    let c = &rounds[0].corrections[0];
    assert_eq!(c.justification, "For høy risiko");
    assert_eq!(c.corrected_by, "personvernombudet");
    assert_eq!(c.reason, "Begrunnelsen var ikke ferdig skrevet");
    let changes: Vec<String> = c.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        changes,
        ["Begrunnelse: For høy risiko → For høy risiko for barn"],
        "only what changed is named"
    );
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(text.contains("Korrigert"), "{text}");
    assert!(text.contains("av personvernombudet"), "{text}");
    assert!(
        text.contains("Begrunnelse: For høy risiko → For høy risiko for barn"),
        "{text}"
    );
}

#[test]
fn stance_keys_on_the_wheel_summary_act_on_the_cell_you_see() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Skal skolen ha TikTok?");
    press(&mut app, &["ctrl-s", "v", "down", "down", "right", "m"]);
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(
        text.contains("›− taler mot"),
        "the cursor cell shows the stance:\n{text}"
    );
    let o = outcome(&app);
    let alt = &o.wheel.reflections[0].alternatives[1];
    assert_eq!(
        alt.stance("moral"),
        Some(somevett::domain::wheel::Stance::TalerMot),
        "third dimension, second alternative"
    );
}

#[test]
fn info_goes_after_a_moment_and_an_error_stays_until_a_key() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["ctrl-s", "4", "y", "ctrl-s"]);
    assert!(app.status().is_some_and(|s| !s.error));
    app.tick(Instant::now() + INFO_TTL + Duration::from_millis(10));
    assert!(app.status().is_none(), "the info went");
    let mut app = common::app();
    press(&mut app, &["2", "s"]);
    assert!(app.status().is_some_and(|s| s.error));
    app.tick(Instant::now() + INFO_TTL * 10);
    assert!(app.status().is_some(), "an error waits for a key");
    press(&mut app, &["j"]);
    assert!(app.status().is_none());
}

#[test]
fn the_app_reopens_the_outcome_open_at_quit_and_greets_a_first_start() -> TestResult {
    let dir = tempfile::tempdir()?;
    let state = dir.path().join("state").join("sist.txt");
    let outcomes = dir.path().join("okter");
    let mut app = common::app()
        .with_outcomes(Some(outcomes.clone()))
        .with_state(Some(state.clone()));
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Slik går et verksted"), "{text}");
    press(&mut app, &["esc", "6", "n"]);
    type_text(&mut app, "Huskes");
    press(&mut app, &["enter", "q"]);
    let mut again = common::app()
        .with_outcomes(Some(outcomes))
        .with_state(Some(state));
    assert_eq!(again.outcome().map(|o| o.title.as_str()), Some("Huskes"));
    let text = screen_text(&render(&mut again, 100, 24));
    assert!(text.contains("Åpnet igjen «Huskes»"), "{text}");
    assert!(
        !text.contains("Slik går et verksted"),
        "only the first start: {text}"
    );
    Ok(())
}

#[test]
fn without_an_open_outcome_screens_two_to_five_say_how_to_start() {
    let mut app = common::app();
    for screen in ["2", "3", "4", "5"] {
        press(&mut app, &[screen]);
        let text = screen_text(&render(&mut app, 120, 36));
        assert!(text.contains("trykk 6 og n"), "screen {screen}:\n{text}");
    }
}

#[test]
fn a_participant_is_kept_as_typed_and_its_role_is_picked() {
    // The audit typed «Per» and «Anne» and got roles with empty names.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Deltakere");
    press(&mut app, &["tab", "tab", "tab", "tab"]);
    type_text(&mut app, "Per");
    press(&mut app, &["tab", "l", "ctrl-n"]);
    type_text(&mut app, "Anne");
    press(&mut app, &["enter"]);
    let error = app.form_error().unwrap_or_default();
    assert!(
        error.contains("Anne"),
        "a name without a role is asked about: {error}"
    );
    press(&mut app, &["tab", "k", "enter"]);
    let participants = outcome(&app).participants;
    let saved: Vec<(&str, &str)> = participants
        .iter()
        .map(|p| (p.name.as_str(), p.role.label()))
        .collect();
    assert_eq!(saved, vec![("Per", "leder"), ("Anne", "kommunikasjon")]);
}

#[test]
fn leaving_risiko_ends_scoring_so_a_digit_switches_screens_again() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    let before = record(&app);
    press(&mut app, &["2", "s", "6", "2", "4"]);
    assert_eq!(app.screen_number(), 4);
    assert_eq!(
        record(&app).risk,
        before.risk,
        "4 went to screen 4, it did not score"
    );
}

#[test]
fn undoing_a_new_risk_while_scoring_it_never_scores_another() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["2", "n"]);
    type_text(&mut app, "Egen risiko");
    press(&mut app, &["enter", "s", "ctrl-z", "3"]);
    assert!(
        record(&app).risk.assessments.is_empty(),
        "{:?}",
        record(&app).risk
    );
    assert_eq!(app.screen_number(), 3);
}

#[test]
fn a_measure_picked_for_an_undone_risk_goes_nowhere_and_the_next_risk_starts_clean() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["2", "n"]);
    type_text(&mut app, "Egen");
    press(&mut app, &["tab", "tab", "right", "enter", "t", "ctrl-z"]);
    assert_eq!(
        app.top_context(),
        Context::Picker,
        "undo waits while the list is open"
    );
    assert_eq!(record(&app).risk.custom.len(), 1);
    press(&mut app, &["esc", "ctrl-z"]);
    assert!(record(&app).risk.custom.is_empty());
    let mut part = record(&app).risk;
    part.entry("egen.1").note = "rest".into();
    assert_eq!(
        part.next_custom_id(),
        "2",
        "an id with an assessment is not reused"
    );
}

#[test]
fn correcting_with_no_round_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "r"]);
    assert_ne!(app.top_context(), Context::Form);
    assert!(app.status().is_some_and(|s| s.error));
    assert!(!app.open_outcome().is_some_and(|s| s.can_undo()));
}

#[test]
fn autosave_does_not_hide_an_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["4", "y", "3", "f"]);
    assert!(app.status().is_some_and(|s| s.error));
    app.tick(Instant::now() + Duration::from_secs(2));
    app.finish_saving();
    assert!(app.status().is_some_and(|s| s.error), "{:?}", app.status());
    assert!(
        !app.open_outcome().is_some_and(|s| s.is_dirty()),
        "it was saved all the same"
    );
}

#[test]
fn ctrl_c_over_a_form_asks_before_the_typed_text_is_lost() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["6", "e", "tab"]);
    type_text(&mut app, "Bergen");
    press(&mut app, &["ctrl-c"]);
    assert!(app.is_running());
    assert_eq!(app.top_context(), Context::Confirm);
    press(&mut app, &["n"]);
    assert_eq!(
        app.top_context(),
        Context::Form,
        "back to the form, text kept"
    );
    press(&mut app, &["enter"]);
    assert_eq!(outcome(&app).municipality, "Bergen");
}

#[test]
fn after_a_deletion_the_row_under_the_cursor_can_be_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["n"]);
    type_text(&mut app, "Andre");
    press(&mut app, &["enter", "home", "d", "y"]);
    assert_eq!(app.listed().len(), 1);
    assert!(app.available(somevett::action::Action::Open));
}

#[test]
fn a_tall_form_scrolls_to_the_field_being_typed_in() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "b", "tab", "tab", "tab"]);
    type_text(&mut app, "kommunedirektør");
    let text = common::screen_text(&render(&mut app, 50, 12));
    assert!(text.contains("kommunedirektør"), "{text}");
    assert!(text.contains("av 8"), "the form says it scrolls: {text}");
}

#[test]
fn the_wheel_summary_shows_its_cursor_row_in_a_small_terminal() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "D");
    press(
        &mut app,
        &["ctrl-s", "v", "down", "down", "down", "down", "down"],
    );
    let text = common::screen_text(&render(&mut app, 50, 12));
    assert!(text.contains("Etikk"), "{text}");
}

#[test]
fn an_empty_list_offers_nothing_to_pick() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    // The first risk of KS's table has no measures in the sources.
    press(&mut app, &["2", "t"]);
    assert_eq!(app.top_context(), Context::Picker);
    let text = screen_text(&render(&mut app, 120, 36));
    let bar = text.lines().last().unwrap_or_default();
    assert!(!bar.contains("velg"), "{bar}");
    let before = record(&app);
    press(&mut app, &["enter"]);
    assert_eq!(record(&app), before);
}

/// `q` while scoring ends the scoring; it never quits the app (round 3, M2).
#[test]
fn q_while_scoring_ends_scoring_and_never_quits() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["2", "s", "4"]);
    assert_eq!(app.top_context(), Context::Scoring);
    for (w, h) in [(80, 24), (120, 36)] {
        let screen = screen_text(&render(&mut app, w, h));
        let bar = screen.lines().last().unwrap_or_default();
        assert!(
            !bar.contains(" q "),
            "the key bar offers no q while scoring: {bar}"
        );
    }
    press(&mut app, &["q"]);
    assert!(app.is_running(), "q did not quit");
    assert_eq!(app.top_context(), Context::Risk, "q ended the scoring");
}

/// `Esc` on a form with changes asks before they go; `n` keeps every word,
/// `y` throws them away; an untouched form closes at once (round 3, M6).
#[test]
fn esc_on_a_changed_form_asks_before_the_text_is_lost() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["5", "b", "esc"]);
    assert_eq!(
        app.top_context(),
        Context::Checklist,
        "nothing typed: it closes"
    );
    press(&mut app, &["b", "tab"]);
    type_text(&mut app, "Ti minutter med begrunnelse");
    press(&mut app, &["esc"]);
    assert_eq!(app.top_context(), Context::Confirm);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Forkaste endringene"), "{text}");
    press(&mut app, &["n"]);
    assert_eq!(app.top_context(), Context::Form, "n: back to the form");
    let text = screen_text(&render(&mut app, 120, 36));
    assert!(
        text.contains("Ti minutter med begrunnelse"),
        "nothing lost:\n{text}"
    );
    press(&mut app, &["esc", "y"]);
    assert_eq!(app.top_context(), Context::Checklist);
    assert!(outcome(&app).decision.rounds.is_empty());
}

/// `Ctrl-U` in a text field clears to the start of the line, as readline does.
#[test]
fn ctrl_u_in_a_text_field_clears_to_the_start_of_the_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["6", "e"]);
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "Ny tittel");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(outcome(&app).title, "Ny tittel");
}

/// What undo took back stays in the status line until the next key, not
/// four seconds: a facilitator looking at the group must still read it.
#[test]
fn what_undo_took_back_stays_until_the_next_key() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = open_outcome(dir.path());
    press(&mut app, &["4", "y", "ctrl-z"]);
    let said = |app: &App| app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said(&app).starts_with("Angret"), "{}", said(&app));
    let later = std::time::Instant::now() + somevett::app::INFO_TTL * 3;
    app.tick(later);
    assert!(
        said(&app).starts_with("Angret"),
        "still there: {}",
        said(&app)
    );
    press(&mut app, &["j"]);
    assert_eq!(said(&app), "", "gone at the next key");
}

/// Stopped by a signal while the save fails (a full disk, a folder gone):
/// the outcome is kept as an emergency copy beside the state file and the
/// farewell says where; a form's typed text is kept as a draft and shown
/// at the next start (round 3, rel F2, F3: both were lost without a word).
#[test]
fn a_stop_without_asking_keeps_the_form_and_the_unsaved_outcome() -> TestResult {
    let home = tempfile::tempdir()?;
    let folder = home.path().join("okter");
    let state = home.path().join("state").join("sist-apnet.txt");
    let mut app = common::app()
        .with_outcomes(Some(folder.clone()))
        .with_state(Some(state.clone()));
    press(&mut app, &["esc", "6", "n"]);
    type_text(&mut app, "Nødstopp");
    press(&mut app, &["enter", "2", "s", "3", "3"]);
    press(&mut app, &["6", "e", "end"]);
    type_text(&mut app, " med notat som ikke er lagret");
    // The folder is gone and a file stands in its place: no save can succeed.
    std::fs::remove_dir_all(&folder)?;
    std::fs::write(&folder, "ikke en mappe")?;
    app.keep_work();
    let farewell = app.farewell().join("\n");
    assert!(farewell.contains("nødkopi"), "{farewell}");
    let copies: Vec<_> = std::fs::read_dir(home.path().join("state/nodkopier"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(copies.len(), 1, "{farewell}");
    let (kept, _) = somevett::outcome::load(&copies[0])?;
    assert_eq!(kept.title, "Nødstopp");
    assert!(
        kept.risk.assessments.iter().any(|a| a.inherent.is_some()),
        "the edit is in it"
    );
    assert!(farewell.contains("teksten er i"), "{farewell}");
    // The next start shows what was typed, once.
    std::fs::remove_file(&folder)?;
    let next = common::app()
        .with_outcomes(Some(folder.clone()))
        .with_state(Some(state.clone()));
    let shown = {
        let mut next = next;
        screen_text(&render(&mut next, 100, 30))
    };
    assert!(shown.contains("Tekst som ikke ble lagret"), "{shown}");
    assert!(shown.contains("med notat som ikke er lagret"), "{shown}");
    let again = common::app().with_state(Some(state));
    let shown = {
        let mut again = again;
        screen_text(&render(&mut again, 100, 30))
    };
    assert!(
        !shown.contains("Tekst som ikke ble lagret"),
        "shown once: {shown}"
    );
    Ok(())
}

/// The next start comes back to the screen the app quit on, with the
/// outcome that was open (round 3, ux §3 item 6).
#[test]
fn the_next_start_comes_back_to_the_screen_it_left() -> TestResult {
    let home = tempfile::tempdir()?;
    let outcomes = home.path().join("okter");
    let state = home.path().join("state").join("sist-apnet.txt");
    let mut app = common::app()
        .with_outcomes(Some(outcomes.clone()))
        .with_state(Some(state.clone()));
    press(&mut app, &["esc", "6", "n"]);
    type_text(&mut app, "Plassen");
    press(&mut app, &["enter", "5"]);
    app.remember_place();
    let again = common::app()
        .with_outcomes(Some(outcomes))
        .with_state(Some(state));
    assert_eq!(again.outcome().map(|o| o.title.as_str()), Some("Plassen"));
    assert_eq!(
        again.top_context(),
        Context::Checklist,
        "Vurdering (5) again"
    );
    Ok(())
}

/// The next start also shows the platform the screen showed and the row
/// that was selected there (issue 21 item 6): TikTok's assessment on
/// Risiko with the third risk, and on Vurdering TikTok's answers at the
/// question left.
#[test]
fn the_next_start_comes_back_to_the_platform_and_the_row() -> TestResult {
    use somevett::ui::assessment::AssessmentScreen;
    use somevett::ui::risk::RiskScreen;
    let home = tempfile::tempdir()?;
    let outcomes = home.path().join("okter");
    let state = home.path().join("state").join("sist-apnet.txt");
    let start = || {
        common::app()
            .with_outcomes(Some(outcomes.clone()))
            .with_state(Some(state.clone()))
    };
    let mut app = start();
    press(&mut app, &["esc", "6", "n"]);
    type_text(&mut app, "Plassen");
    press(&mut app, &["tab", "tab", "tab"]);
    type_text(&mut app, "Facebook, TikTok");
    press(&mut app, &["enter", "2", "p", "p", "down", "down"]);
    let risk = |app: &somevett::app::App| {
        let r = app.screen_at::<RiskScreen>(2);
        let selected = render_selected(app);
        (r.and_then(|r| r.platform.clone()), selected)
    };
    let before = risk(&app);
    assert_eq!(before.0.as_deref(), Some("TikTok"));
    assert_eq!(before.1.as_deref(), Some("tabell.apenhet.r1"));
    app.remember_place();
    let again = start();
    assert_eq!(again.top_context(), Context::Risk);
    assert_eq!(risk(&again), before, "the platform and the risk come back");
    // Vurdering: TikTok's answers, the seventh question.
    let mut app = again;
    press(
        &mut app,
        &[
            "5", "P", "P", "down", "down", "down", "down", "down", "down",
        ],
    );
    app.remember_place();
    let again = start();
    let checklist = again.screen_at::<AssessmentScreen>(5);
    assert_eq!(checklist.map(|c| c.list.selected), Some(6));
    assert_eq!(
        checklist.and_then(|c| c.list.platform.as_deref()),
        Some("TikTok")
    );
    Ok(())
}

/// The id of the risk selected on Risiko.
fn render_selected(app: &somevett::app::App) -> Option<String> {
    let r = app.screen_at::<somevett::ui::risk::RiskScreen>(2)?;
    r.selected_risk().map(ToString::to_string)
}

/// An autosave writes on another thread: the keys never wait for the disk,
/// a change made while it writes stays unsaved until the next one, and a
/// save the user asks for waits for it first (round 3, rel F-scale).
#[test]
fn an_autosave_writes_beside_the_keys_and_loses_no_change_made_meanwhile() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = open_outcome(dir.path());
    press(&mut app, &["4", "y"]);
    app.tick(Instant::now() + Duration::from_secs(2));
    // A change while the autosave may still be writing.
    press(&mut app, &["n"]);
    app.finish_saving();
    assert!(
        app.open_outcome().is_some_and(|s| s.is_dirty()),
        "the change made meanwhile is not taken for saved"
    );
    press(&mut app, &["ctrl-s"]);
    assert!(app.open_outcome().is_some_and(|s| !s.is_dirty()));
    let path = common::open_file(&app)?;
    let (saved, _) = somevett::outcome::load(&path)?;
    assert_eq!(
        saved.checklists.answers.len(),
        2,
        "both answers are on disk"
    );
    Ok(())
}

/// The first start's page of the workshop's steps is whole at 80x24, its
/// last line (how to close it) included.
#[test]
fn the_welcome_page_is_whole_at_80x24() -> TestResult {
    let home = tempfile::tempdir()?;
    let state = home.path().join("state").join("sist-apnet.txt");
    let mut app = common::app().with_state(Some(state));
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Slik går et verksted"), "{text}");
    assert!(text.contains("Esc lukker denne siden."), "{text}");
    Ok(())
}
