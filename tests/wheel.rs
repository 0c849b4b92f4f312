//! The navigation wheel: walking a dilemma round six dimensions to a choice.

use crate::common;

use common::{press, render, screen_text, type_text};
use somevett::app::App;
use somevett::domain::wheel::Stance;
use somevett::keymap::Context;
use somevett::outcome;
use somevett::ui::wheel::WheelScreen;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// An open outcome, on the wheel screen, with one reflection and the three
/// usual alternatives.
fn reflecting(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Skolens Instagram");
    press(&mut app, &["enter", "3", "n"]);
    type_text(&mut app, "Skal skolen opprette en Instagram-konto?");
    press(&mut app, &["ctrl-s"]);
    app.clear_status(); // it names a temporary folder
    app
}

fn stance(app: &App, alternative: usize, dimension: &str) -> Option<Stance> {
    app.open_outcome()
        .as_ref()?
        .outcome
        .wheel
        .reflections
        .first()?
        .alternatives
        .get(alternative)?
        .stance(dimension)
}

#[test]
fn one_key_moves_round_the_wheel_and_one_key_sets_a_stance() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    assert_eq!(
        app.screen_state::<WheelScreen>().map_or(9, |w| w.dimension),
        0
    );
    press(&mut app, &["f"]);
    assert_eq!(stance(&app, 0, "jus"), Some(Stance::TalerFor));
    press(&mut app, &["j", "m"]);
    assert_eq!(stance(&app, 1, "jus"), Some(Stance::TalerMot));
    press(&mut app, &["l", "l", "l", "u"]);
    assert_eq!(
        app.screen_state::<WheelScreen>().map_or(9, |w| w.dimension),
        3
    );
    // Each dimension starts at the first alternative (round 3, ux §3).
    assert_eq!(stance(&app, 0, "omdomme"), Some(Stance::Uavklart));
    press(&mut app, &["h", "h", "h", "h"]);
    assert_eq!(
        app.screen_state::<WheelScreen>().map_or(9, |w| w.dimension),
        5,
        "round the wheel backwards from Jus lands on Etikk"
    );
    press(&mut app, &["space", "space"]);
    assert_eq!(stance(&app, 0, "etikk"), Some(Stance::TalerMot));
    press(&mut app, &["j", "j", "j", "x"]);
    assert_eq!(
        app.screen_state::<WheelScreen>()
            .map_or(9, |w| w.alternative),
        2,
        "the selection stops at the last alternative"
    );
    assert_eq!(stance(&app, 2, "etikk"), Some(Stance::IkkeRelevant));
    Ok(())
}

#[test]
fn notes_alternatives_choice_and_justification_are_recorded() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["e"]);
    type_text(
        &mut app,
        "Personvernforordningen krever behandlingsgrunnlag.",
    );
    press(&mut app, &["ctrl-s", "a"]);
    type_text(&mut app, "Bruke skolens nettside i stedet");
    press(&mut app, &["enter", "j", "r", "end"]);
    type_text(&mut app, " nå");
    press(&mut app, &["enter", "c", "b"]);
    type_text(&mut app, "Omdømme mot økonomi");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Vi kan forsvare det åpent.");
    press(&mut app, &["ctrl-s", "ctrl-s"]);
    let path = common::open_file(&app)?;
    let (saved, _) = outcome::load(&path)?;
    let r = &saved.wheel.reflections[0];
    assert_eq!(r.alternatives.len(), 4);
    assert_eq!(r.alternatives[3].name, "Bruke skolens nettside i stedet");
    assert_eq!(r.alternatives[1].name, "Ikke være til stede nå");
    assert_eq!(
        r.alternatives[0].get("jus").map(|a| a.note.as_str()),
        Some("Personvernforordningen krever behandlingsgrunnlag.")
    );
    assert_eq!(r.choice, Some(1));
    assert_eq!(r.conflicts, "Omdømme mot økonomi");
    assert_eq!(r.justification, "Vi kan forsvare det åpent.");
    assert_eq!(
        Some(&saved),
        app.open_outcome().map(|s| &s.outcome),
        "the reflection round-trips through the file"
    );
    Ok(())
}

#[test]
fn an_alternative_is_deleted_only_after_a_yes_and_two_always_remain() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["d", "n"]);
    assert_eq!(
        app.open_outcome()
            .as_ref()
            .map(|s| s.outcome.wheel.reflections[0].alternatives.len()),
        Some(3)
    );
    // j is «ja» in Norwegian but also «down»: a question never takes it.
    press(&mut app, &["d", "j", "enter"]);
    assert_eq!(
        app.open_outcome()
            .as_ref()
            .map(|s| s.outcome.wheel.reflections[0].alternatives.len()),
        Some(3)
    );
    press(&mut app, &["y"]);
    assert_eq!(
        app.open_outcome()
            .as_ref()
            .map(|s| s.outcome.wheel.reflections[0].alternatives.len()),
        Some(2)
    );
    press(&mut app, &["d"]);
    assert!(
        (app.top_context() != Context::Confirm),
        "a dilemma keeps at least two alternatives"
    );
    Ok(())
}

#[test]
fn the_summary_shows_for_against_and_where_alternatives_divide() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    // Present: law for, reputation against. Absent: law for, reputation for.
    press(
        &mut app,
        &[
            "f", "l", "l", "l", "m", "j", "f", "h", "h", "h", "j", "f", "v",
        ],
    );
    let text = screen_text(&render(&mut app, 100, 30));
    assert!(
        text.contains("Omdømme ⇄"),
        "reputation divides the alternatives:\n{text}"
    );
    assert!(
        text.contains("+1 −1 konflikt"),
        "the first alternative is conflicted:\n{text}"
    );
    assert!(text.contains("+2 −0"), "{text}");
    assert!(
        text.contains("Skiller alternativene (⇄): Omdømme"),
        "{text}"
    );
    Ok(())
}

/// The extent, in cells, of the drawn wheel: columns and rows that hold
/// half-block pixels.
fn wheel_extent(app: &mut App, width: u16, height: u16) -> (usize, usize) {
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    // Only the wheel's half of the screen.
    for y in 0..buffer.area.height {
        for x in 1..buffer.area.width * 55 / 100 {
            if ["▀", "▄", "█"].contains(&buffer[(x, y)].symbol()) {
                xs.push(x);
                ys.push(y);
            }
        }
    }
    let span = |v: &[u16]| {
        (v.iter().max().copied().unwrap_or(0) - v.iter().min().copied().unwrap_or(0) + 1) as usize
    };
    (span(&xs), span(&ys))
}

#[test]
fn the_wheel_is_round_on_a_terminal_whose_cells_are_twice_as_tall_as_wide() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    for (w, h) in [(80, 24), (160, 48), (120, 30)] {
        let (cols, rows) = wheel_extent(&mut app, w, h);
        // A cell is about twice as tall as wide: a circle spans twice as many columns as rows.
        let ratio = cols as f64 / (2.0 * rows as f64);
        assert!(
            (0.85..=1.15).contains(&ratio),
            "{w}x{h}: {cols} columns x {rows} rows, ratio {ratio:.2}"
        );
        assert!(
            rows >= (h as usize) / 3,
            "{w}x{h}: the wheel uses the room it has ({rows} rows)"
        );
    }
    Ok(())
}

#[test]
fn wheel_at_80x24() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["f", "j", "m", "l"]);
    insta::assert_snapshot!(render(&mut app, 80, 24).backend());
    Ok(())
}

#[test]
fn wheel_at_160x48() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["f", "j", "m", "l", "f"]);
    insta::assert_snapshot!(render(&mut app, 160, 48).backend());
    Ok(())
}

#[test]
fn the_wheel_reads_without_colour() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["f", "j", "m"]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains("[+]") && text.contains("[−]"),
        "stances carry symbols:\n{text}"
    );
    // At 80x24 the centre is narrow: the question takes two lines.
    assert!(text.contains("Hva gjør") && text.contains("du?"), "{text}");
    Ok(())
}

#[test]
fn the_report_contains_each_reflections_grid_and_choice() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["f", "j", "m", "c"]);
    let o = &app.open_outcome().ok_or("no session")?.outcome;
    let md = outcome::export::to_markdown(o, app.library());
    assert!(
        md.contains("## Etisk refleksjon (navigasjonshjulet)"),
        "{md}"
    );
    assert!(
        md.contains("### Refleksjon 1: Skal skolen opprette en Instagram-konto?"),
        "{md}"
    );
    // Three alternatives do not fit 80 columns as a table: each dimension
    // is a list item with a line per alternative.
    assert!(
        md.contains("- **Jus**\n  - Være til stede på plattformen: + taler for\n  - Ikke være til stede: − taler mot\n  - Være til stede med begrensninger: ikke vurdert\n"),
        "{md}"
    );
    assert!(
        md.contains("**Valgt alternativ:** Ikke være til stede"),
        "{md}"
    );
    Ok(())
}

#[test]
fn without_an_open_outcome_the_wheel_still_shows_and_explains() {
    let mut app = common::app();
    press(&mut app, &["3", "f"]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Hva gjør") && text.contains("du?"), "{text}");
    assert!(text.contains("Ingen økt er åpen"), "{text}");
}

#[test]
fn a_pending_question_must_be_answered_before_anything_else() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["d", "6", "j", "tab"]);
    assert_eq!(app.top_context(), Context::Confirm);
    assert_eq!(app.screen_number(), 3);
    press(&mut app, &["q"]);
    assert!(app.is_running(), "q answers no, it does not quit");
    assert_eq!(app.top_context(), Context::Wheel);
    assert_eq!(
        app.open_outcome()
            .as_ref()
            .map(|s| s.outcome.wheel.reflections[0].alternatives.len()),
        Some(3)
    );
    Ok(())
}

/// In the summary at 80x24 the chosen alternative's ✓ comes before its
/// name, so a narrow column cuts the name, never the mark (round 3, ux §7).
#[test]
fn the_chosen_mark_is_never_cut_in_a_narrow_summary() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = reflecting(dir.path());
    press(&mut app, &["c"]);
    if app.top_context() != somevett::keymap::Context::Wheel {
        press(&mut app, &["esc"]);
    }
    press(&mut app, &["v"]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("✓ Være"), "{text}");
    Ok(())
}
