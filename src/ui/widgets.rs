//! Small pieces every screen and overlay shares: a titled panel, a popup,
//! and one list cursor with paging, so moving works the same everywhere.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear};

use crate::action::Action;
use crate::ui::theme::Theme;

/// A bordered block with a title; the focused panel's border stands out.
pub fn panel<'a>(title: impl Into<String>, focused: bool, theme: &Theme) -> Block<'a> {
    let border = if focused {
        theme.border_focus
    } else {
        theme.border
    };
    Block::bordered()
        .title(Line::styled(format!(" {} ", title.into()), theme.title))
        .border_style(border)
}

/// Clears a centred area of `percent` (width, height) of `area`, draws a
/// focused panel with `title` there, and returns the panel's inside.
pub fn popup(
    frame: &mut Frame,
    area: Rect,
    percent: (u16, u16),
    title: &str,
    theme: &Theme,
) -> Rect {
    let rect = centered(area, percent.0, percent.1);
    frame.render_widget(Clear, rect);
    let block = panel(title.trim(), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A rectangle of the given percentages of `area`, centred.
pub fn centered(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    area.centered(
        Constraint::Percentage(width_percent),
        Constraint::Percentage(height_percent),
    )
}

/// A selection in a list of `len` entries, moved by the list actions; a
/// page is what the list showed when it was last drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub page: usize,
}

impl ListCursor {
    /// Moves for a list action; returns whether the action was a move.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let page = self.page.max(1);
        self.selected = match action {
            Action::Up | Action::PrevResult => self.selected.saturating_sub(1),
            Action::Down | Action::NextResult => self.selected + 1,
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => self.selected + page,
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        }
        .min(last);
        true
    }

    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

/// A vertical scroll offset for a paragraph; clamped when drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub offset: u16,
    pub page: u16,
}

impl Scroll {
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.page.max(1);
        self.offset = match action {
            Action::Up => self.offset.saturating_sub(1),
            Action::Down => self.offset.saturating_add(1),
            Action::PageUp => self.offset.saturating_sub(page),
            Action::PageDown => self.offset.saturating_add(page),
            Action::First => 0,
            Action::Last => u16::MAX,
            _ => return false,
        };
        true
    }

    /// Keeps the offset inside `lines` shown in `height` rows.
    pub fn clamp(&mut self, lines: usize, height: u16) {
        self.page = height;
        let max = u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .saturating_sub(height);
        self.offset = self.offset.min(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_pages_by_what_was_shown_and_stays_in_the_list() {
        let mut c = ListCursor {
            selected: 0,
            page: 10,
        };
        c.apply(Action::PageDown, 25);
        assert_eq!(c.selected, 10);
        c.apply(Action::PageDown, 25);
        c.apply(Action::PageDown, 25);
        assert_eq!(c.selected, 24);
        c.apply(Action::Down, 25);
        assert_eq!(c.selected, 24);
        assert!(!c.apply(Action::Open, 25));
        c.apply(Action::First, 25);
        assert_eq!(c.selected, 0);
        c.apply(Action::Up, 0);
        assert_eq!(c.selected, 0);
    }
}
