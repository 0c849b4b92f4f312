//! Themes on real screens: each theme's styles pinned by snapshots of the
//! styled buffer, and every screen checked readable in every theme at 80x24,
//! from 256 colours down to none.

use crate::common;

use common::{press, render, screen_text, type_text};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use somevett::app::App;
use somevett::ui::risk::{RiskScreen, RiskView};
use somevett::ui::theme::{ColorDepth, Theme, ThemeName};
use somevett::ui::wheel::{WheelScreen, WheelView};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Every theme at the depths where it differs, named for the snapshots:
/// `dark_16`, `dark_256`, `light_16`, `light_256`, `projector`, `mono`.
fn themes() -> Vec<(String, Theme)> {
    let mut all = Vec::new();
    for &name in ThemeName::ALL {
        let (t16, t256) = (
            Theme::new(name, ColorDepth::Ansi16),
            Theme::new(name, ColorDepth::Ansi256),
        );
        if t16 == t256 {
            all.push((name.to_string(), t16));
        } else {
            all.push((format!("{name}_16"), t16));
            all.push((format!("{name}_256"), t256));
        }
    }
    all
}

/// An open outcome with two risks scored (one in the top band) and a
/// reflection whose selected alternative has a stance on four dimensions.
fn workshop(dir: &std::path::Path) -> App {
    let mut app = common::app().with_outcomes(Some(dir.to_path_buf()));
    press(&mut app, &["6", "n"]);
    type_text(&mut app, "Skolens Instagram");
    press(
        &mut app,
        &["enter", "2", "s", "4", "4", "2", "3", "enter", "b"],
    );
    press(&mut app, &["down", "down", "s", "3", "3", "enter"]);
    press(&mut app, &["3", "n"]);
    type_text(&mut app, "Skal skolen opprette en Instagram-konto?");
    press(&mut app, &["ctrl-s", "j"]);
    // Each dimension starts at the first alternative: j goes to the second.
    press(
        &mut app,
        &["m", "l", "j", "f", "l", "j", "u", "l", "j", "x", "l", "j"],
    );
    app.clear_status(); // it names a temporary folder
    app
}

/// The screens a workshop uses, as the keys that reach them from anywhere.
const SCREENS: [(&str, &[&str]); 10] = [
    ("guidelines", &["1"]),
    ("risk table", &["2"]),
    ("risk matrix", &["2", "v", "v"]),
    ("wheel", &["3"]),
    ("wheel summary", &["3", "v"]),
    ("dilemmas", &["4"]),
    ("assessment", &["5"]),
    ("sessions", &["6"]),
    ("search", &["1", "/", "b", "i", "l", "d", "e"]),
    ("help", &["1", "?"]),
];

/// Back on the first screen, with no overlay and each screen's first view.
fn reset(app: &mut App) {
    press(app, &["esc", "esc", "2"]);
    while app
        .screen_at::<RiskScreen>(2)
        .is_some_and(|r| r.view != RiskView::Assessment)
    {
        press(app, &["v"]);
    }
    press(app, &["3"]);
    while app
        .screen_at::<WheelScreen>(3)
        .is_some_and(|w| w.view != WheelView::Wheel)
    {
        press(app, &["v"]);
    }
    press(app, &["1"]);
}

fn styled(app: &mut App, theme: &Theme) -> Buffer {
    app.set_theme(*theme);
    render(app, 80, 24).backend().buffer().clone()
}

fn is_ansi16(c: Color) -> bool {
    !matches!(c, Color::Indexed(_) | Color::Rgb(..))
}

#[test]
fn every_screen_is_readable_in_every_theme_at_80x24() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop(dir.path());
    for (screen, keys) in SCREENS {
        for (name, theme) in themes() {
            reset(&mut app);
            press(&mut app, keys);
            let buf = styled(&mut app, &theme);
            let text = screen_text(&render(&mut app, 80, 24));
            let at = format!("{screen} in {name}");
            for cell in buf.content() {
                let visible = !matches!(cell.symbol(), " " | "█" | "▀" | "▄");
                assert!(
                    !(visible && cell.fg == cell.bg && cell.fg != Color::Reset),
                    "{at}: «{}» drawn in its own background:\n{text}",
                    cell.symbol()
                );
                let colours = [cell.fg, cell.bg];
                if name.ends_with("_16") || name.starts_with("projector") {
                    assert!(colours.iter().all(|c| is_ansi16(*c)), "{at}: {colours:?}");
                }
                if name.starts_with("projector") {
                    assert!(!colours.contains(&Color::DarkGray), "{at}: dark grey");
                }
                if name.starts_with("mono") {
                    assert_eq!(colours, [Color::Reset; 2], "{at}: colour");
                }
            }
            // The current screen's tab stands out, by colour or reverse video.
            let active = buf.content().iter().any(|c| {
                c.modifier.contains(Modifier::REVERSED)
                    || (c.bg == theme.tab_active.bg.unwrap_or(Color::Reset) && c.bg != Color::Reset)
            });
            assert!(active, "{at}: nothing stands out:\n{text}");
            for (w, h) in [(1, 1), (20, 5), (120, 36), (200, 60)] {
                render(&mut app, w, h); // draws without panicking
            }
        }
    }
    Ok(())
}

#[test]
fn the_selection_shows_in_every_theme() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop(dir.path());
    reset(&mut app);
    press(&mut app, &["3"]);
    for (name, theme) in themes() {
        let buf = styled(&mut app, &theme);
        let selected = buf
            .content()
            .iter()
            .filter(|c| {
                c.bg == theme.selected.bg.unwrap_or(Color::Reset)
                    && c.modifier.contains(theme.selected.add_modifier)
            })
            .map(|c| c.symbol())
            .collect::<String>();
        assert!(
            selected.contains("Ikke være til stede"),
            "{name}: {selected:?}"
        );
        if name.starts_with("mono") {
            assert!(theme.selected.add_modifier.contains(Modifier::REVERSED));
        }
    }
    Ok(())
}

#[test]
fn without_colour_an_error_reads_as_one() -> TestResult {
    let mut app = common::app();
    press(&mut app, &["2", "s"]);
    let text = screen_text(&render(&mut app, 80, 24));
    let status = text.lines().nth(22).unwrap_or_default();
    assert!(status.starts_with(" Feil: Ingen økt er åpen"), "{text}");
    app.set_theme(Theme::new(ThemeName::Dark, ColorDepth::Ansi16));
    let text = screen_text(&render(&mut app, 80, 24));
    let status = text.lines().nth(22).unwrap_or_default();
    assert!(status.starts_with(" Ingen økt er åpen"), "{text}");
    // A form's error too: a dilemma saved without a description.
    let dir = tempfile::tempdir()?;
    let mut app = workshop(dir.path());
    reset(&mut app);
    press(&mut app, &["3", "n", "ctrl-s"]);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Feil: Beskriv dilemmaet."), "{text}");
    Ok(())
}

#[test]
fn each_theme_draws_the_wheel_with_its_own_styles() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop(dir.path());
    reset(&mut app);
    press(&mut app, &["3"]);
    for (name, theme) in themes() {
        insta::assert_debug_snapshot!(format!("wheel_{name}"), styled(&mut app, &theme));
    }
    Ok(())
}

#[test]
fn each_theme_draws_the_risk_matrix_with_its_own_styles() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop(dir.path());
    reset(&mut app);
    press(&mut app, &["2", "v", "v"]);
    for (name, theme) in themes() {
        insta::assert_debug_snapshot!(format!("matrix_{name}"), styled(&mut app, &theme));
    }
    Ok(())
}

#[test]
fn each_theme_draws_search_over_the_guidelines_with_its_own_styles() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = workshop(dir.path());
    reset(&mut app);
    press(&mut app, &["1", "/"]);
    type_text(&mut app, "bilde");
    for (name, theme) in themes() {
        insta::assert_debug_snapshot!(format!("search_{name}"), styled(&mut app, &theme));
    }
    Ok(())
}
