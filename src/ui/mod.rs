//! Drawing. One file per screen, plus the shared pieces: tab bar, key bar,
//! help overlay and theme.

pub mod checklist;
pub mod decision;
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
    Dilemmas,
    Assessment,
    Sessions,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Guidelines,
        Screen::Risk,
        Screen::Wheel,
        Screen::Dilemmas,
        Screen::Assessment,
        Screen::Sessions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Guidelines => "Retningslinjer",
            Screen::Risk => "Risiko",
            Screen::Wheel => "Navigasjonshjul",
            Screen::Dilemmas => "Dilemmaer",
            Screen::Assessment => "Vurdering",
            Screen::Sessions => "Økter",
        }
    }

    pub fn number(self) -> u8 {
        match self {
            Screen::Guidelines => 1,
            Screen::Risk => 2,
            Screen::Wheel => 3,
            Screen::Dilemmas => 4,
            Screen::Assessment => 5,
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
/// open outcome's title (● while it has unsaved changes) or a note. When
/// space is short, inactive tabs shrink to their numbers so the note stays.
pub fn render_tabs(frame: &mut Frame, area: Rect, active: Screen, note: Line, theme: &Theme) {
    let tabs = |compact: bool| {
        let mut spans = Vec::new();
        if !compact {
            spans.push(Span::styled(" somevett ", theme.title));
        }
        for screen in Screen::ALL {
            let (style, label) = if screen == active {
                (
                    theme.tab_active,
                    format!(" {} {} ", screen.number(), screen.title()),
                )
            } else if compact {
                (theme.tab, format!(" {} ", screen.number()))
            } else {
                (
                    theme.tab,
                    format!(" {} {} ", screen.number(), screen.title()),
                )
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    };
    let full = tabs(false);
    let line = if full.width() + note.width() < area.width as usize {
        full
    } else {
        tabs(true)
    };
    let used = line.width() as u16;
    frame.render_widget(line, area);
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
