//! Drawing. One file per screen, plus the shared pieces: tab bar, key bar,
//! help overlay and theme.

pub mod form;
pub mod guidelines;
pub mod help;
pub mod input;
pub mod keybar;
pub mod matrix;
pub mod picker;
pub mod risk;
pub mod search;
pub mod sessions;
pub mod theme;
pub mod wheel;
pub mod wheel_shape;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::theme::Theme;

/// The app's screens, in tab order. Each keeps its number (1-6) in the
/// full set (Retningslinjer, Risiko, Navigasjonshjul, Dilemmaer, Vurdering,
/// Økter); screens not built yet are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Guidelines,
    Risk,
    Wheel,
    Sessions,
}

impl Screen {
    pub const ALL: [Screen; 4] = [
        Screen::Guidelines,
        Screen::Risk,
        Screen::Wheel,
        Screen::Sessions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Guidelines => "Retningslinjer",
            Screen::Risk => "Risiko",
            Screen::Wheel => "Navigasjonshjul",
            Screen::Sessions => "Økter",
        }
    }

    pub fn number(self) -> u8 {
        match self {
            Screen::Guidelines => 1,
            Screen::Risk => 2,
            Screen::Wheel => 3,
            Screen::Sessions => 6,
        }
    }

    pub fn by_number(n: u8) -> Option<Screen> {
        Screen::ALL.into_iter().find(|s| s.number() == n)
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

/// The top line: numbered tabs, the active one marked, and on the right the
/// open outcome's title (● while it has unsaved changes) or a note.
pub fn render_tabs(frame: &mut Frame, area: Rect, active: Screen, note: Line, theme: &Theme) {
    let mut spans = vec![Span::styled(" somevett ", theme.title)];
    for screen in Screen::ALL {
        let style = if screen == active {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(
            format!(" {} {} ", screen.number(), screen.title()),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    let tabs = Line::from(spans);
    let used = tabs.width() as u16;
    frame.render_widget(tabs, area);
    let room = area.width.saturating_sub(used + 1);
    let note_width = (note.width() as u16 + 1).min(room);
    if note_width > 1 {
        let right = Rect {
            x: area.right() - note_width,
            width: note_width,
            ..area
        };
        frame.render_widget(note, right);
    }
}
