//! The Økter screen, driven by key presses as a workshop team would.

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{press, render, screen_text, type_text};
use somevett::app::{AUTOSAVE_DELAY, App};
use somevett::keymap::Context;
use somevett::outcome;
use somevett::ui::sessions::SessionsScreen;

fn app_in(dir: &std::path::Path) -> App {
    common::app().with_outcomes(Some(dir.to_path_buf()))
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_team_creates_an_outcome_with_key_presses_and_finds_it_on_disk() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Skolens Instagram");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Meråker kommune");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "Instagram, Facebook");
    // Participants are rows: a role picked (p = personvernombud), a name typed.
    press(&mut app, &["tab"]);
    type_text(&mut app, "Kari");
    press(&mut app, &["tab", "p", "ctrl-n", "tab", "l", "enter"]);
    assert!(
        (app.top_context() != Context::Form),
        "the form closes on submit"
    );

    let listed = outcome::list(dir.path())?;
    assert_eq!(listed.len(), 1);
    let saved = listed[0].outcome.as_ref().map_err(|e| e.to_string())?;
    assert_eq!(saved.title, "Skolens Instagram");
    assert_eq!(saved.municipality, "Meråker kommune");
    assert_eq!(saved.platforms, vec!["Instagram", "Facebook"]);
    assert_eq!(saved.participants.len(), 2);

    let text = screen_text(&render(&mut app, 100, 30));
    assert!(
        text.contains("Økt: Skolens Instagram"),
        "the open outcome shows in the tab bar:\n{text}"
    );
    Ok(())
}

#[test]
fn edits_are_autosaved_after_a_short_pause() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Autolagring");
    press(
        &mut app,
        &["enter", "e", "tab", "tab", "tab", "tab", "tab", "tab"],
    );
    type_text(&mut app, "Første notat");
    press(&mut app, &["ctrl-s"]);
    let path = common::open_file(&app)?;
    assert!(app.open_outcome().is_some_and(|s| s.is_dirty()));
    let start = Instant::now();
    app.tick(start);
    assert_eq!(
        outcome::load(&path)?.0.notes,
        "",
        "not saved before the pause"
    );
    app.tick(start + AUTOSAVE_DELAY + Duration::from_millis(10));
    // The autosave writes on another thread; the loop takes its result.
    app.finish_saving();
    assert_eq!(outcome::load(&path)?.0.notes, "Første notat");
    assert!(app.open_outcome().is_some_and(|s| !s.is_dirty()));
    Ok(())
}

#[test]
fn a_failed_save_keeps_the_work_and_quitting_asks_first() -> TestResult {
    let dir = tempfile::tempdir()?;
    let outcomes = dir.path().join("okter");
    let mut app = app_in(&outcomes);
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Sårbar");
    press(&mut app, &["enter", "e"]);
    type_text(&mut app, " økt");
    press(&mut app, &["ctrl-s"]);
    // The folder vanishes; a plain file takes its place.
    std::fs::remove_dir_all(&outcomes)?;
    std::fs::write(&outcomes, "ikke en mappe")?;
    press(&mut app, &["ctrl-s"]);
    let status = app.status().cloned().ok_or("no status")?;
    assert!(
        status.error && status.text.contains("Kunne ikke lagre"),
        "{status:?}"
    );
    assert_eq!(
        app.open_outcome().map(|s| s.outcome.title.as_str()),
        Some("Sårbar økt")
    );
    press(&mut app, &["q"]);
    assert!(app.is_running(), "quitting with unsaved work asks first");
    assert!((app.top_context() == Context::Confirm));
    press(&mut app, &["n"]);
    assert!(app.is_running() && (app.top_context() != Context::Confirm));
    press(&mut app, &["q", "y"]);
    assert!(!app.is_running());
    Ok(())
}

#[test]
fn rename_duplicate_and_delete_with_confirmation() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Original");
    press(&mut app, &["enter", "c"]);
    assert_eq!(outcome::list(dir.path())?.len(), 2);
    let titles: Vec<String> = outcome::list(dir.path())?
        .into_iter()
        .filter_map(|l| l.outcome.ok().map(|o| o.title))
        .collect();
    assert!(titles.contains(&"Original (kopi)".to_owned()), "{titles:?}");

    // Rename the selected one.
    press(&mut app, &["r", "home", "ctrl-k"]);
    type_text(&mut app, "Nytt navn");
    press(&mut app, &["enter"]);
    let titles: Vec<String> = outcome::list(dir.path())?
        .into_iter()
        .filter_map(|l| l.outcome.ok().map(|o| o.title))
        .collect();
    assert!(titles.contains(&"Nytt navn".to_owned()), "{titles:?}");

    press(&mut app, &["d"]);
    assert!((app.top_context() == Context::Confirm));
    press(&mut app, &["esc"]);
    assert_eq!(outcome::list(dir.path())?.len(), 2, "no means no");
    press(&mut app, &["d", "j", "enter"]);
    assert_eq!(
        outcome::list(dir.path())?.len(),
        2,
        "j and Enter move; they never say yes"
    );
    press(&mut app, &["y"]);
    assert_eq!(outcome::list(dir.path())?.len(), 1);
    let trash = dir.path().join("papirkurv");
    assert_eq!(
        outcome::list(&trash)?.len(),
        1,
        "deleted means moved to the waste basket"
    );
    press(&mut app, &["v", "enter"]);
    assert_eq!(
        outcome::list(dir.path())?.len(),
        2,
        "and it comes back from there"
    );
    assert_eq!(outcome::list(&trash)?.len(), 0);
    Ok(())
}

#[test]
fn a_broken_file_is_listed_and_never_touched() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("odelagt.ron"),
        "(format_version: 2, title: ",
    )?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6"]);
    let text = screen_text(&render(&mut app, 100, 30));
    assert!(
        text.contains("odelagt.ron") && text.contains("ødelagt"),
        "{text}"
    );
    press(&mut app, &["enter"]);
    assert!(app.open_outcome().is_none());
    assert!(app.status().is_some_and(|s| s.error));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("odelagt.ron"))?,
        "(format_version: 2, title: "
    );
    Ok(())
}

#[test]
fn sessions_screen_at_80x24() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6"]);
    let empty = screen_text(&render(&mut app, 80, 24));
    assert!(empty.contains("Trykk n for å lage en ny"), "{empty}");
    press(&mut app, &["n"]);
    type_text(&mut app, "Kommunens Facebook-side");
    let form = screen_text(&render(&mut app, 80, 24));
    assert!(
        form.contains("Ny økt") && form.contains("Kommunens Facebook-side"),
        "{form}"
    );
    Ok(())
}

#[test]
fn pasted_text_lands_in_the_focused_field() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    app.paste("Limt inn\ntittel");
    press(&mut app, &["enter"]);
    assert_eq!(
        app.open_outcome().map(|s| s.outcome.title.as_str()),
        Some("Limt inn tittel")
    );
    Ok(())
}

#[test]
fn the_open_outcome_shows_in_the_tab_bar_on_every_screen() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Facebook");
    press(&mut app, &["enter"]);
    for screen in ["1", "2", "tab", "tab", "tab", "tab"] {
        press(&mut app, &[screen]);
        let text = screen_text(&render(&mut app, 80, 24));
        let top = text.lines().next().unwrap_or_default().to_owned();
        assert!(
            top.contains("Økt: Facebook"),
            "{}: {top}",
            app.screen_number()
        );
    }
    Ok(())
}

#[test]
fn creating_a_new_outcome_saves_the_open_one_first() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Første");
    press(&mut app, &["enter", "e", "end"]);
    type_text(&mut app, " endret");
    press(&mut app, &["enter"]);
    let first = common::open_file(&app)?;
    assert!(app.open_outcome().is_some_and(|s| s.is_dirty()));
    press(&mut app, &["n"]);
    type_text(&mut app, "Andre");
    press(&mut app, &["enter"]);
    assert_eq!(
        outcome::load(&first)?.0.title,
        "Første endret",
        "the edit was saved, not lost"
    );
    Ok(())
}

#[test]
fn the_selection_stays_on_the_same_outcome_when_the_list_is_re_sorted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    for title in ["A", "B", "C"] {
        press(&mut app, &["6", "n"]);
        type_text(&mut app, title);
        press(&mut app, &["enter"]);
        std::thread::sleep(Duration::from_millis(1100)); // distinct timestamps, newest first
    }
    press(&mut app, &["end"]);
    let oldest = app.listed().last().map(|l| l.path.clone()).ok_or("empty")?;
    press(&mut app, &["r", "end"]);
    type_text(&mut app, " omdøpt");
    press(&mut app, &["enter"]);
    let selected = app
        .screen_at::<SessionsScreen>(6)
        .and_then(SessionsScreen::selected_path)
        .map(Path::to_path_buf);
    assert_eq!(
        selected,
        Some(oldest),
        "the renamed outcome moved to the top and the cursor with it"
    );
    Ok(())
}

#[test]
fn a_conflict_on_leaving_an_outcome_stays_in_sight() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Delt");
    press(&mut app, &["enter", "e", "end"]);
    type_text(&mut app, " av to");
    press(&mut app, &["enter"]);
    // A colleague changes the file meanwhile.
    let path = common::open_file(&app)?;
    let (mut theirs, _) = outcome::load(&path)?;
    theirs.notes = "Kollega".into();
    std::fs::write(&path, outcome::to_ron(&theirs)?)?;
    press(&mut app, &["n"]);
    type_text(&mut app, "Neste");
    press(&mut app, &["enter"]);
    let status = app.status().cloned().ok_or("no status")?;
    assert!(status.error, "{status:?}");
    assert!(
        status.text.contains("Opprettet «Neste»") && status.text.contains("konflikt"),
        "{status:?}"
    );
    assert_eq!(
        outcome::load(&path)?.0.notes,
        "Kollega",
        "their version is kept"
    );
    Ok(())
}

#[test]
fn ctrl_s_writes_the_file_again_if_it_was_removed_from_outside() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = app_in(dir.path());
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Borte");
    press(&mut app, &["enter"]);
    let path = common::open_file(&app)?;
    std::fs::remove_file(&path)?;
    press(&mut app, &["ctrl-s"]);
    assert_eq!(outcome::load(&path)?.0.title, "Borte");
    Ok(())
}

/// The binary reads the outcomes folder on another thread: the first frame
/// does not wait for a folder of 1,000 outcomes, Økter says it is being
/// read, and whatever needs the list waits for it.
#[test]
fn a_folder_read_later_is_listed_when_it_is_needed() -> TestResult {
    let dir = tempfile::tempdir()?;
    for title in ["Første", "Andre", "Tredje"] {
        let mut o =
            somevett::domain::Outcome::new(format!("id-{title}"), title.into(), common::now());
        o.municipality = "Meråker".into();
        outcome::create(dir.path(), &o)?;
    }
    let mut app = common::app().with_outcomes_read_later(Some(dir.path().to_path_buf()));
    press(&mut app, &["6"]);
    let first = common::screen_text(&common::render(&mut app, 100, 30));
    assert!(
        first.contains("Leser øktene i mappen") || first.contains("Tredje"),
        "{first}"
    );
    app.refresh_list();
    let shown = common::screen_text(&common::render(&mut app, 100, 30));
    for title in ["Første", "Andre", "Tredje"] {
        assert!(shown.contains(title), "{shown}");
    }
    assert!(!shown.contains("Leser øktene"), "{shown}");
    Ok(())
}

/// Issue 25: `o` on Økter shows every unit × platform at once, as `somevett
/// status` does: decided, undecided, «til ny vurdering» with why; Enter
/// opens the outcome of the row; `o` goes back, and nothing is changed.
#[test]
fn the_overview_shows_every_unit_and_platform_and_opens_the_selected() -> TestResult {
    let dir = tempfile::tempdir()?;
    let library = common::library();
    let rich = common::rich_decided(&library);
    let file = dir.path().join("kommunens-facebook-og-tiktok.ron");
    std::fs::write(&file, outcome::to_ron(&rich)?)?;
    let before = std::fs::read(&file)?;
    let mut moved = library;
    common::appeal_tiktok_transfers(&mut moved);
    let mut app = common::app_with(moved).with_outcomes(Some(dir.path().to_path_buf()));
    press(&mut app, &["6", "o"]);
    let text = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(
        text.contains("Oversikt: 1 besluttet, 0 ikke besluttet, 1 til ny vurdering"),
        "{text}"
    );
    assert!(text.contains("Kåfjord kommune, Kommunikasjon"), "{text}");
    press(&mut app, &["down"]);
    let text = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(
        text.contains("Til ny vurdering fordi:")
            && text.contains("• TikTok: Overføring til tredjeland er endret"),
        "{text}"
    );
    press(&mut app, &["d", "n"]);
    assert!(app.open_outcome().is_none(), "nothing is deleted or opened");
    press(&mut app, &["enter"]);
    assert_eq!(common::open_file(&app)?, file);
    assert_eq!(
        std::fs::read(&file)?,
        before,
        "the overview changes nothing"
    );
    Ok(())
}
