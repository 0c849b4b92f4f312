//! Drawing and the screens' rules. Each screen is a component (`screen.rs`)
//! in its own file; overlays share one stack (`overlay.rs`); shared widgets,
//! texts and the theme are beside them. Nothing here reads or writes files.

pub mod assessment;
pub mod case;
pub mod cells;
pub mod checklist;
pub mod compare;
pub mod decision;
pub mod dilemmas;
pub mod export;
pub mod form;
pub mod ground;
pub mod guidelines;
pub mod help;
pub mod input;
pub mod keybar;
pub mod matrix;
pub mod overlay;
pub mod overview;
pub mod picker;
pub mod public;
pub mod review;
pub mod risk;
pub mod screen;
pub mod search;
pub mod sessions;
pub mod strings;
pub mod theme;
pub mod voice;
pub mod votes;
pub mod wheel;
pub mod wheel_shape;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::screen::Screen;
use crate::ui::theme::Theme;

/// The screens, in tab order: a screen's number (the key `tab(N)` binds)
/// is its place here plus one. Code names a screen by this, never by its
/// number. A new screen is one new file, one variant here and one line in
/// `ScreenId::build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum ScreenId {
    Guidelines,
    Risk,
    Wheel,
    Dilemmas,
    Assessment,
    Sessions,
    Compare,
}

impl ScreenId {
    /// Its place in `screens()`.
    pub fn index(self) -> usize {
        <ScreenId as strum::VariantArray>::VARIANTS
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    /// Its number, 1-based, as the tabs show it.
    pub fn number(self) -> u8 {
        u8::try_from(self.index() + 1).unwrap_or(u8::MAX)
    }

    /// The screen numbered `n` (1-based), if there is one.
    pub fn from_number(n: u8) -> Option<ScreenId> {
        let i = usize::from(n).checked_sub(1)?;
        <ScreenId as strum::VariantArray>::VARIANTS.get(i).copied()
    }

    /// The token a text uses for the key that goes to it (`Keymap::fill`).
    pub fn key_token(self) -> String {
        format!("{{global.tab({})}}", self.number())
    }

    fn build(self) -> Box<dyn Screen> {
        match self {
            ScreenId::Guidelines => Box::new(guidelines::GuidelinesScreen::default()),
            ScreenId::Risk => Box::new(risk::RiskScreen::default()),
            ScreenId::Wheel => Box::new(wheel::WheelScreen::default()),
            ScreenId::Dilemmas => Box::new(dilemmas::DilemmasScreen::default()),
            ScreenId::Assessment => Box::new(assessment::AssessmentScreen::default()),
            ScreenId::Sessions => Box::new(sessions::SessionsScreen::default()),
            ScreenId::Compare => Box::new(compare::CompareScreen::default()),
        }
    }
}

/// The screens in tab order (`ScreenId`).
pub fn screens() -> Vec<Box<dyn Screen>> {
    <ScreenId as strum::VariantArray>::VARIANTS
        .iter()
        .map(|id| id.build())
        .collect()
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

/// One tab: its full and short title.
pub struct Tab {
    pub title: &'static str,
    pub short: &'static str,
    /// The key that goes to it, as the keymap binds it; empty when none.
    pub key: String,
}

/// The top line: all numbered tabs with their names, the active one
/// marked, and on the right the open outcome's title (● while it has
/// unsaved changes) or a note. When space is short the brand goes first,
/// then names are shortened, then the note is cut; names stay.
pub fn render_tabs(
    frame: &mut Frame,
    area: Rect,
    tabs: &[Tab],
    active: usize,
    note: Line,
    theme: &Theme,
) {
    // (brand shown, short names, tight spacing)
    let line = |brand: bool, short: bool, tight: bool| {
        let mut spans = Vec::new();
        if brand {
            spans.push(Span::styled(" somevett ", theme.title));
        }
        for (i, tab) in tabs.iter().enumerate() {
            let name = if short { tab.short } else { tab.title };
            let named = if tab.key.is_empty() {
                name.to_owned()
            } else {
                format!("{} {name}", tab.key)
            };
            let label = if i == active || !tight {
                format!(" {named} ")
            } else {
                named
            };
            let style = if i == active {
                theme.tab_active
            } else {
                theme.tab
            };
            if tight && i > 0 && i != active && i != active + 1 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(label, style));
        }
        Line::from(spans)
    };
    let width = area.width as usize;
    let full_note = note.width() + 1;
    let candidates = [
        (line(true, false, false), full_note),
        (line(false, false, false), full_note),
        (line(false, true, true), full_note),
        (line(false, true, true), full_note.min(15)),
    ];
    let chosen = candidates
        .iter()
        .find(|(l, room)| l.width() + room <= width)
        .map_or_else(|| line(false, true, true), |(l, _)| l.clone());
    let used = cells::count(chosen.width());
    frame.render_widget(chosen, area);
    let room = area.width.saturating_sub(used + 1);
    let note_width = cells::count(note.width()).saturating_add(1).min(room);
    if note_width > 2 {
        let right = Rect {
            x: area.right() - note_width,
            width: note_width,
            ..area
        };
        frame.render_widget(note, right);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn a_screen_id_names_its_screen_and_its_number() {
        let screens = screens();
        assert_eq!(screens.len(), ScreenId::VARIANTS.len());
        for &id in ScreenId::VARIANTS {
            assert_eq!(ScreenId::from_number(id.number()), Some(id));
        }
        let title = |id: ScreenId| screens[id.index()].title();
        assert_eq!(title(ScreenId::Guidelines), "Retningslinjer");
        assert_eq!(title(ScreenId::Sessions), "Økter");
        assert_eq!(title(ScreenId::Assessment), "Vurdering");
        assert_eq!(ScreenId::Sessions.key_token(), "{global.tab(6)}");
        assert_eq!(ScreenId::from_number(0), None);
        assert_eq!(ScreenId::from_number(8), None);
    }
}
