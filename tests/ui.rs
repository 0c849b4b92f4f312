//! Screens rendered into ratatui's `TestBackend`.

use crate::common;

use common::{app, press, render, screen_text, type_text};
use somevett::content::Library;
use somevett::keymap::Context;

#[test]
fn guidelines_screen_at_80x24() {
    let mut app = app();
    press(&mut app, &["enter", "enter", "enter", "down"]);
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn search_overlay_at_80x24() {
    let mut app = app();
    press(&mut app, &["/"]);
    type_text(&mut app, "bilder samtykke");
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = app();
    press(&mut app, &["?"]);
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn every_screen_state_renders_at_tiny_and_huge_sizes() {
    let states: [&[&str]; 15] = [
        &[],
        &["enter", "enter", "enter"],
        &["/", "b", "a", "t"],
        &["?"],
        &["2"],
        &["2", "v"],
        &["2", "v", "v"],
        &["3"],
        &["3", "v"],
        &["4"],
        &["5"],
        &["5", "v"],
        &["6"],
        &["6", "n", "x"],
        &["6", "n", "x", "f1"],
    ];
    for keys in states {
        for (w, h) in [(1, 1), (20, 5), (49, 11), (50, 12), (80, 24), (200, 60)] {
            let mut app = app();
            press(&mut app, keys);
            let text = screen_text(&render(&mut app, w, h));
            if (w, h) == (20, 5) {
                assert!(text.contains("Terminalen"), "{text}");
            }
        }
    }
}

#[test]
fn a_terminal_below_the_minimum_says_so() {
    let text = screen_text(&render(&mut app(), 40, 10));
    assert!(text.contains("Terminalen er for liten"), "{text}");
}

#[test]
fn search_results_update_on_every_keystroke_and_enter_jumps_to_the_item() {
    let mut app = app();
    press(&mut app, &["/"]);
    type_text(&mut app, "taushets");
    let broad = app
        .search()
        .as_ref()
        .map(|s| s.hits.len())
        .unwrap_or_default();
    type_text(&mut app, "plikt personalsak");
    let narrow = app
        .search()
        .as_ref()
        .map(|s| s.hits.len())
        .unwrap_or_default();
    assert!(narrow >= 1 && narrow < broad, "{broad} -> {narrow}");
    let target = app.search().and_then(|s| s.selected()).map(|h| h.at);
    press(&mut app, &["enter"]);
    assert_eq!(
        app.top_context(),
        Context::Item,
        "the hit shows over the screen"
    );
    let text = screen_text(&render(&mut app, 120, 30));
    let id = target
        .and_then(|at| app.library().view(at))
        .map(|v| v.full_id())
        .unwrap_or_default();
    assert!(id.starts_with("kafjord."), "{id}");
    assert!(text.contains(&id), "the item is shown in full:\n{text}");
    press(&mut app, &["o"]);
    assert!(app.search().is_none());
    assert_eq!(app.screen_number(), 1);
    let text = screen_text(&render(&mut app, 120, 30));
    assert!(
        text.contains(&id),
        "o shows it under Retningslinjer:\n{text}"
    );
}

#[test]
fn lookup_works_from_every_screen_and_esc_returns_where_you_were() {
    for screen in ["1", "2", "3", "4", "5", "6"] {
        let mut app = app();
        press(&mut app, &[screen, "/"]);
        assert_eq!(app.top_context(), Context::Search, "/ on screen {screen}");
        type_text(&mut app, "bilder elever");
        press(&mut app, &["enter"]);
        assert_eq!(app.top_context(), Context::Item, "screen {screen}");
        press(&mut app, &["esc", "esc"]);
        assert_eq!(app.overlay_depth(), 0);
        assert_eq!(app.screen_number().to_string(), screen);
    }
}

#[test]
fn typing_q_in_search_types_instead_of_quitting() {
    let mut app = app();
    press(&mut app, &["/", "q"]);
    assert!(app.is_running());
    assert_eq!(app.search().map(|s| s.query()).as_deref(), Some("q"));
    press(&mut app, &["esc", "q"]);
    assert!(!app.is_running());
}

#[test]
fn ctrl_c_quits_even_while_searching() {
    let mut app = app();
    press(&mut app, &["/", "ctrl-c"]);
    assert!(!app.is_running());
}

#[test]
fn key_bar_and_help_follow_a_rebound_keymap() -> Result<(), Box<dyn std::error::Error>> {
    let mut keymap = somevett::keymap::Keymap::default_keymap()?;
    keymap.patch(
        "user.ron",
        r#"(guidelines: [(on: ["s"], run: search)], unbind: [(context: guidelines, on: ["/"])])"#,
    )?;
    let mut app = somevett::app::App::new(
        common::library(),
        keymap,
        somevett::ui::theme::Theme::monochrome(),
    );
    let bar = screen_text(&render(&mut app, 80, 24));
    let bar = bar.lines().last().unwrap_or_default().to_owned();
    assert!(bar.contains(" s  søk"), "{bar}");
    assert!(!bar.contains(" /  søk"), "{bar}");
    press(&mut app, &["?"]);
    let help = screen_text(&render(&mut app, 80, 40));
    assert!(help.contains("Søk i alle retningslinjer"), "{help}");
    assert!(
        help.lines()
            .any(|l| l.contains(" s ") && l.contains("Søk i alle")),
        "{help}"
    );
    Ok(())
}

#[test]
fn a_pack_with_escape_sequences_renders_without_them() -> Result<(), Box<dyn std::error::Error>> {
    let pack = "(id: \"ondsinnet\", title: \"Ondsinnet \\u{1b}]0;tittel\\u{7}pakke\", issuer: \"Test\\u{1b}[2J\", \
        kind: Retningslinjer, source: \"x\", sections: [(id: \"a\", title: \"A\\u{1b}[31m\", items: [\
        (id: \"1\", text: \"Rød \\u{1b}[31mtekst\\u{1b}[0m og \\u{202e}snudd\", tags: [\"x\"], place: \"p\")])])";
    let library = Library::from_sources([("ondsinnet.ron", pack)])?;
    let mut app = common::app_with(library);
    press(&mut app, &["enter", "enter", "enter", "down"]);
    let terminal = render(&mut app, 100, 24);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "raw control character {:?} reached the screen",
            cell.symbol()
        );
    }
    let text = screen_text(&terminal);
    assert!(text.contains("Rød tekst og snudd"), "{text}");
    Ok(())
}

#[test]
fn the_search_field_edits_with_the_cursor_like_every_other_field() {
    let mut app = app();
    press(&mut app, &["/"]);
    type_text(&mut app, "samtykke");
    press(&mut app, &["home"]);
    type_text(&mut app, "bilder ");
    assert_eq!(
        app.search().map(|s| s.query()).as_deref(),
        Some("bilder samtykke")
    );
    press(&mut app, &["ctrl-w", "ctrl-w"]);
    assert_eq!(app.search().map(|s| s.query()).as_deref(), Some("samtykke"));
    app.paste("bilder\n");
    let query = app.search().map(|s| s.query()).unwrap_or_default();
    assert!(query.contains("bilder"), "{query}");
    assert!(!app.search().is_some_and(|s| s.hits.is_empty()));
}

#[test]
fn search_overlay_says_how_many_it_shows_of_how_many_matched() {
    let mut app = app();
    press(&mut app, &["/"]);
    type_text(&mut app, "personvern");
    let text = screen_text(&render(&mut app, 100, 30));
    let index = somevett::search::SearchIndex::new(&common::library());
    let total = index.search_counted("personvern", 30).total;
    assert!(total > 30, "{total}");
    assert!(
        text.contains(&format!("viser 30 av {total} treff")),
        "{text}"
    );
}

/// After `/` … `Enter` `o`, Esc returns to the screen the search was opened
/// from (round 3, ux §3 item 6); on Retningslinjer reached by its own key,
/// Esc does nothing and the key bar does not offer it.
#[test]
fn esc_after_showing_an_item_under_retningslinjer_returns_to_the_screen() {
    let mut app = app();
    press(&mut app, &["4", "/"]);
    for c in "bilder".chars() {
        press(&mut app, &[&c.to_string()]);
    }
    press(&mut app, &["enter", "o"]);
    assert_eq!(app.screen_number(), 1);
    let bar = screen_text(&render(&mut app, 120, 30));
    assert!(bar.contains("tilbake"), "{bar}");
    press(&mut app, &["esc"]);
    assert_eq!(app.screen_number(), 4, "back where the search began");
    press(&mut app, &["1", "esc"]);
    assert_eq!(app.screen_number(), 1, "nowhere to go back to");
    let bar = screen_text(&render(&mut app, 120, 30));
    assert!(!bar.contains("tilbake"), "{bar}");
}
