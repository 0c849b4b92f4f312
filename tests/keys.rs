//! Random key sequences never panic and keep the app's state consistent.

use crate::common;

use somevett::ui::guidelines::GuidelinesScreen;

use std::sync::LazyLock;

use crossterm::event::KeyEvent;
use proptest::prelude::*;
use somevett::keymap::{Context, KeyChord, Keymap};

/// Every key bound anywhere in the default keymap, but the two that quit
/// from a screen, plus letters and digits that fields take as text: new
/// bindings are fuzzed without anyone listing them here.
pub(crate) static KEYS: LazyLock<Vec<KeyChord>> = LazyLock::new(|| {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let quits = [
        KeyChord::parse("q").unwrap_or_else(|e| panic!("{e}")),
        somevett::keymap::quit_chord(),
    ];
    let mut keys: Vec<KeyChord> = Context::ALL
        .iter()
        .flat_map(|c| keymap.bindings(*c))
        .flat_map(|(_, keys)| keys)
        .filter(|k| !quits.contains(k))
        .collect();
    for text in ["a", "å", "ø", "7", "ctrl-w", "ctrl-k", "alt-b"] {
        keys.push(KeyChord::parse(text).unwrap_or_else(|e| panic!("{e}")));
    }
    keys.sort_by_key(|k| format!("{k:?}"));
    keys.dedup();
    keys
});

fn press(app: &mut somevett::app::App, k: usize) {
    let chord = KEYS[k];
    app.handle_key(KeyEvent::new(chord.code, chord.modifiers));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_keys_never_panic(keys in proptest::collection::vec(0..KEYS.len(), 0..60), w in 1u16..140, h in 1u16..50) {
        // No outcomes folder: whatever the keys ask for, nothing is written.
        let mut app = common::app();
        for k in keys {
            press(&mut app, k);
            prop_assert!(app.is_running(), "only q and Ctrl-C quit");
        }
        common::render(&mut app, w, h);
        common::render(&mut app, 80, 24);
        let guidelines = app.screen_at::<GuidelinesScreen>(1);
        prop_assert!(guidelines.is_some_and(|g| g.rows(app.library()).contains(&g.selected())), "the selection is always a visible row");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// With an outcome open, random keys edit risks, reflections and
    /// answers; whatever they do, the outcome stays one that saves and
    /// loads unchanged.
    #[test]
    fn random_keys_on_an_open_outcome_keep_it_saveable(keys in proptest::collection::vec(0..KEYS.len(), 0..80)) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
        common::press(&mut app, &["6", "n"]);
        common::type_text(&mut app, "Tilfeldig");
        common::press(&mut app, &["enter"]);
        prop_assert!(app.open_outcome().is_some());
        for k in keys {
            press(&mut app, k);
        }
        common::render(&mut app, 80, 24);
        if let Some(s) = &app.open_outcome() {
            let text = somevett::outcome::to_ron(&s.outcome).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (back, _) = somevett::outcome::parse("prop.ron", &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&back, &s.outcome);
        }
    }
}

/// Keys that only move you, wherever you can be without a key that changes
/// something: every chord whose action, in every such context, is not a
/// change (and not quit). The digits are among them: they score only in the
/// scoring mode, which only a change key (`s`) starts.
static MOVES: LazyLock<Vec<KeyChord>> = LazyLock::new(|| {
    use somevett::action::{Action, Section};
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    // Every context but those only a change key opens (scoring starts with
    // `s`, a voice with `M`, the voices' board with `S`; forms, pickers and questions with keys that change the record),
    // so a new screen's context is in without a word here.
    let only_by_a_change = [
        Context::Scoring,
        Context::Voice,
        Context::Votes,
        Context::Form,
        Context::Picker,
        Context::Confirm,
    ];
    let reachable: Vec<Context> = Context::ALL
        .iter()
        .copied()
        .filter(|c| !only_by_a_change.contains(c))
        .collect();
    let mut keys: Vec<KeyChord> = KEYS
        .iter()
        .copied()
        .filter(|k| {
            reachable.iter().all(|c| {
                keymap
                    .action(*c, *k)
                    .is_none_or(|a| a.section() != Section::Change && a != Action::Quit)
            })
        })
        .collect();
    keys.dedup();
    keys
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The audit's first trap: keys that move you never change the record.
    #[test]
    fn keys_that_move_never_change_the_record(keys in proptest::collection::vec(0..MOVES.len(), 0..80)) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
        common::press(&mut app, &["6", "n"]);
        common::type_text(&mut app, "Bevegelse");
        common::press(&mut app, &["enter", "2", "s", "4", "4", "enter", "3", "n"]);
        common::type_text(&mut app, "Et dilemma");
        common::press(&mut app, &["ctrl-s", "f", "4", "y"]);
        let before = app.outcome().cloned();
        for k in keys {
            let chord = MOVES[k];
            app.handle_key(KeyEvent::new(chord.code, chord.modifiers));
        }
        common::render(&mut app, 80, 24);
        prop_assert_eq!(app.outcome().cloned(), before);
    }
}

#[test]
fn the_moving_keys_include_the_digits_and_the_arrows() {
    for name in ["1", "2", "3", "j", "k", "down", "tab", "/", "v", "esc", "?"] {
        let k = KeyChord::parse(name).unwrap_or_else(|e| panic!("{e}"));
        assert!(MOVES.contains(&k), "{name} should be a moving key");
    }
    for name in ["s", "y", "f", "b", "d", "q", "ctrl-z"] {
        let k = KeyChord::parse(name).unwrap_or_else(|e| panic!("{e}"));
        assert!(!MOVES.contains(&k), "{name} changes something or quits");
    }
}

/// The frame `kept` shows after drawing `app` again, and the same frame
/// drawn from scratch at the same size. (Drawing at another size in between
/// would also draw everything anew, but it moves a text field's scrolled
/// view, which is no difference the copy makes.)
fn kept_and_fresh(
    app: &mut somevett::app::App,
    kept: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) -> (ratatui::buffer::Buffer, ratatui::buffer::Buffer) {
    let area = kept.backend().buffer().area;
    kept.draw(|f| app.render(f))
        .unwrap_or_else(|e| panic!("{e}"));
    app.draw_everything_next();
    let fresh = common::render(app, area.width, area.height);
    (
        kept.backend().buffer().clone(),
        fresh.backend().buffer().clone(),
    )
}

fn terminal() -> ratatui::Terminal<ratatui::backend::TestBackend> {
    ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30))
        .unwrap_or_else(|e| panic!("{e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Under an overlay the app copies what lies beneath the top overlay
    /// from its last frame instead of drawing it again. Whatever the keys,
    /// that frame is the one drawn from scratch: the copy is never stale.
    #[test]
    fn a_frame_over_a_copied_background_is_the_frame_drawn_anew(keys in proptest::collection::vec(0..KEYS.len(), 0..60)) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut app = common::app().with_outcomes(Some(dir.path().to_path_buf()));
        common::press(&mut app, &["6", "n"]);
        common::type_text(&mut app, "Tilfeldig");
        common::press(&mut app, &["enter", "?", "/"]);
        let mut kept = terminal();
        for k in keys {
            press(&mut app, k);
            let (cached, fresh) = kept_and_fresh(&mut app, &mut kept);
            prop_assert_eq!(cached, fresh);
        }
    }
}

/// A context added to the list without its section in keymaps/default.ron
/// would have no keys and no place in help: this fails first.
#[test]
fn every_context_has_its_section_in_the_default_keymap() {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    for &context in Context::ALL {
        assert!(
            !keymap.bindings(context).is_empty(),
            "{context:?} ({}) has no bindings in keymaps/default.ron",
            context.title()
        );
    }
}

/// A screen added to `ui::screens()` is reached by its number and has a
/// context with keys of its own.
#[test]
fn every_screen_has_its_number_key_and_a_context_with_keys() {
    use somevett::action::Action;
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let screens = somevett::ui::screens();
    for (i, screen) in screens.iter().enumerate() {
        let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
        assert!(
            !keymap.keys_for(Context::Global, Action::Tab(n)).is_empty(),
            "screen {n} ({}) has no number key in the global section",
            screen.title()
        );
        assert!(
            !keymap.bindings(screen.context()).is_empty(),
            "screen {n} ({}) has no keys of its own",
            screen.title()
        );
    }
}

/// Every hint on screen names the keys that work (round 3, ux M10, code
/// §9.2): with a user keymap that moves `s` and `b`, the welcome page, the
/// key bar, the messages and the scoring title name the new keys and never
/// the old ones.
#[test]
fn hints_follow_a_user_keymap_that_moves_s_and_b() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("keymap.ron");
    std::fs::write(
        &file,
        r#"(
            risk: [(on: ["z"], run: start_scoring), (on: ["x"], run: cycle_treatment)],
            checklist: [(on: ["ctrl-b"], run: decide)],
            global: [(on: ["ctrl-o"], run: tab(6))],
            unbind: [
                (context: risk, on: ["s", "b"]),
                (context: checklist, on: ["b"]),
                (context: global, on: ["6"]),
            ],
        )"#,
    )?;
    let keymap = Keymap::load(Some(&file))?;
    let state = dir.path().join("state/sist-apnet.txt");
    let mut app = somevett::app::App::new(
        common::library(),
        keymap,
        somevett::ui::theme::Theme::monochrome(),
    )
    .with_clock(somevett::clock::Clock::fixed(common::NOW))
    .with_outcomes(Some(dir.path().join("okter")))
    .with_state(Some(state));
    let welcome = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(welcome.contains("Økter (Ctrl-O): trykk n"), "{welcome}");
    assert!(welcome.contains("trykk z og skår"), "{welcome}");
    assert!(welcome.contains("Velg behandling (x)"), "{welcome}");
    assert!(welcome.contains("Ctrl-B registrerer"), "{welcome}");
    common::press(&mut app, &["esc", "2"]);
    let none_open = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(none_open.contains("trykk Ctrl-O og n"), "{none_open}");
    assert!(
        none_open.contains("Ctrl-O Økter"),
        "the tab names its key: {none_open}"
    );
    common::press(&mut app, &["ctrl-o", "n"]);
    common::type_text(&mut app, "Egne taster");
    common::press(&mut app, &["enter", "2"]);
    let risk = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(
        risk.contains("z skår") && risk.contains("x behandl"),
        "{risk}"
    );
    assert!(
        !risk.contains(" s skår") && !risk.contains(" b behandl"),
        "{risk}"
    );
    common::press(&mut app, &["z"]);
    let scoring = common::screen_text(&common::render(&mut app, 120, 36));
    assert!(
        scoring.contains("Skårer: 1–5 i merket felt, Enter ferdig"),
        "{scoring}"
    );
    Ok(())
}
