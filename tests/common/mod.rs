//! Shared helpers for the integration tests: an app on the embedded data,
//! key presses by name, and rendering into ratatui's `TestBackend`.
#![allow(dead_code)]

pub mod pdf;
pub mod pty;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use somevett::app::App;
use somevett::clock::Clock;
use somevett::content::Library;
use somevett::domain::date::{Date, Timestamp};
use somevett::keymap::{KeyChord, Keymap};
use somevett::ui::theme::Theme;

/// Runs the real binary with `args`, colours off; parsed packs are never
/// cached in the user's cache folder from here.
pub fn somevett(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_somevett"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOMEVETT_NO_CACHE", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run somevett: {e}"))
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn library() -> Library {
    Library::embedded().unwrap_or_else(|e| panic!("embedded data must load:\n{e}"))
}

/// The time every app in the tests reads: snapshots hold no date of the
/// day they run.
pub const NOW: &str = "2026-11-23T10:00:00Z";

/// The day of `NOW`, for the binary's hidden `--today`.
pub const TODAY: &str = "2026-11-23";

/// `NOW` as the instant the record stores.
pub fn now() -> Timestamp {
    at(NOW)
}

/// An instant written as RFC 3339 in a test.
pub fn at(rfc3339: &str) -> Timestamp {
    rfc3339
        .parse()
        .unwrap_or_else(|e| panic!("{rfc3339} in a test: {e}"))
}

/// A day written as `YYYY-MM-DD` in a test.
pub fn day(iso: &str) -> Option<Date> {
    Some(
        iso.parse()
            .unwrap_or_else(|e| panic!("{iso} in a test: {e}")),
    )
}

pub fn app_with(library: Library) -> App {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    App::new(library, keymap, Theme::monochrome()).with_clock(Clock::fixed(NOW))
}

/// A pack of one document, «egen», with one item: «Snøskuter på isen
/// krever løyve.» (`egen.a.1`), for tests of `--data`.
pub const PACK: &str = r#"(id: "egen", title: "Egne regler", issuer: "Testkommune", kind: Retningslinjer, source: "egne.docx",
    sections: [(id: "a", title: "A", items: [(id: "1", text: "Snøskuter på isen krever løyve.", tags: [], place: "1")])])"#;

/// A `--data` folder holding `pack` as `guidelines/egen.ron`.
pub fn data_with(pack: &str) -> std::io::Result<tempfile::TempDir> {
    let data = tempfile::tempdir()?;
    std::fs::create_dir(data.path().join("guidelines"))?;
    std::fs::write(data.path().join("guidelines/egen.ron"), pack)?;
    Ok(data)
}

pub fn app() -> App {
    app_with(library())
}

/// The file of the outcome open in the app.
pub fn open_file(app: &App) -> Result<std::path::PathBuf, &'static str> {
    app.open_outcome()
        .as_ref()
        .map(|s| s.file.path.clone())
        .ok_or("no outcome is open")
}

/// Presses keys named as in keymap files, e.g. `["/", "ctrl-u", "enter"]`.
pub fn press(app: &mut App, keys: &[&str]) {
    for name in keys {
        let chord = KeyChord::parse(name).unwrap_or_else(|e| panic!("{e}"));
        app.handle_key(KeyEvent::new(chord.code, chord.modifiers));
    }
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

pub fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|frame| app.render(frame))
        .unwrap_or_else(|e| panic!("{e}"));
    terminal
}

/// The rendered screen as plain text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Moves one fact a decision may rest on: TikTok's transfers, under appeal.
pub fn appeal_tiktok_transfers(library: &mut Library) {
    use somevett::domain::platform::{Fact, FactStatus};
    if let Some(Fact::Known { status, .. }) = library
        .platforms
        .platforms
        .iter_mut()
        .find(|p| p.id == "tiktok")
        .map(|p| &mut p.transfers)
    {
        *status = FactStatus::Anket;
    }
}

/// The rich two-platform example, its latest round resting on what
/// `library` says now, and no review date: only the ground can reopen it.
pub fn rich_decided(library: &Library) -> somevett::domain::Outcome {
    let mut rich = crate::example_outcomes::rich(library);
    rich.next_review = None;
    let ground = library.ground(&rich);
    if let Some(last) = rich.decision.rounds.last_mut() {
        last.ground = Some(ground);
    }
    rich
}
