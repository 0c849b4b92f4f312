//! Drawing. One file per screen, plus the shared pieces: tab bar, key bar,
//! help overlay and theme.

pub mod guidelines;
pub mod help;
pub mod keybar;
pub mod search;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::theme::Theme;

/// The app's screens, in tab order. Later screens join as they are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Guidelines,
}

impl Screen {
    pub const ALL: [Screen; 1] = [Screen::Guidelines];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Guidelines => "Retningslinjer",
        }
    }
}

/// Below this the app only says that the terminal is too small.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("Terminalen er for liten.", theme.error),
        Line::raw(format!(
            "Trenger minst {MIN_WIDTH}×{MIN_HEIGHT}, har {}×{}.",
            area.width, area.height
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The top line: numbered tabs, the active one marked, and a right-hand note.
pub fn render_tabs(frame: &mut Frame, area: Rect, active: Screen, note: &str, theme: &Theme) {
    let mut spans = vec![Span::styled(" somevett ", theme.title)];
    for (i, screen) in Screen::ALL.iter().enumerate() {
        let style = if *screen == active {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, screen.title()),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), area);
    let note_width = note.chars().count() as u16 + 1;
    if note_width < area.width {
        let right = Rect {
            x: area.right() - note_width,
            width: note_width,
            ..area
        };
        frame.render_widget(Line::styled(note, theme.dim), right);
    }
}
