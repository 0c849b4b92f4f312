//! Every keystroke of a search typed in the app, with its frame, timed in
//! process: `cargo run --release --example keystrokes`. Prints the time to
//! handle each key and to handle and draw it (µs), three times over, with
//! the dark theme at 120x36 through crossterm into a sink: the worst
//! keystroke without the terminal's own noise (`examples/pty_driver.rs`
//! measures it through a pseudo-terminal).

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use somevett::app::App;
use somevett::config::ThemeName;
use somevett::content::Library;
use somevett::keymap::Keymap;
use somevett::ui::theme::{ColorDepth, Theme};

const QUERY: &str = "bilder av elever samtykke";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let library = Library::embedded()?;
    let theme = Theme::new(ThemeName::Dark, ColorDepth::Ansi256);
    let mut app = App::new(library, Keymap::default_keymap()?, theme);
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 36)),
        },
    )?;
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('/')));
    terminal.draw(|f| app.render(f))?;
    let mut worst = 0;
    // More rounds for a profiler: `ROUNDS=200 perf record ...`.
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    for round in 0..rounds {
        let mut line = String::new();
        for ch in QUERY.chars() {
            let start = Instant::now();
            app.handle_key(key(KeyCode::Char(ch)));
            let handled = start.elapsed().as_micros();
            terminal.draw(|f| app.render(f))?;
            let drawn = start.elapsed().as_micros();
            worst = worst.max(drawn);
            line += &format!("{ch}:{handled}/{drawn} ");
        }
        if round < 3 {
            println!("{line}");
        }
        for _ in QUERY.chars() {
            app.handle_key(key(KeyCode::Backspace));
        }
        terminal.draw(|f| app.render(f))?;
    }
    println!("worst keystroke with its frame: {worst} µs");
    Ok(())
}
