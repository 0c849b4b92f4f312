//! A list to pick one entry from, e.g. a measure from KS's table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState};

use crate::action::Action;
use crate::ui::search::centered;
use crate::ui::theme::Theme;

/// What a pick is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickKind {
    /// A measure for the selected risk.
    Measure,
    /// A guideline item to open.
    Guideline,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickKind,
    pub title: String,
    /// (where it comes from, text)
    pub items: Vec<(String, String)>,
    list: ListState,
}

impl Picker {
    pub fn new(kind: PickKind, title: String, items: Vec<(String, String)>) -> Self {
        Picker {
            kind,
            title,
            items,
            list: ListState::default().with_selected(Some(0)),
        }
    }

    /// Moves the selection; returns the picked entry on `Accept`.
    pub fn update(&mut self, action: Action) -> Option<(String, String)> {
        let last = self.items.len().saturating_sub(1);
        let current = self.list.selected().unwrap_or(0);
        match action {
            Action::Up | Action::PrevResult => self.list.select(Some(current.saturating_sub(1))),
            Action::Down | Action::NextResult => self.list.select(Some((current + 1).min(last))),
            Action::First => self.list.select(Some(0)),
            Action::Last => self.list.select(Some(last)),
            Action::Accept => return self.items.get(current).cloned(),
            _ => {}
        }
        None
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let popup = centered(area, 85, 70);
        frame.render_widget(Clear, popup);
        let width = popup.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = if self.items.is_empty() {
            vec![ListItem::new(Line::styled(
                "Kilden foreslår ingen tiltak her.",
                theme.dim,
            ))]
        } else {
            self.items
                .iter()
                .map(|(source, text)| {
                    let mut lines: Vec<Line> = textwrap::wrap(text, width.max(10))
                        .into_iter()
                        .map(|l| Line::raw(l.into_owned()))
                        .collect();
                    lines.push(Line::from(Span::styled(source.clone(), theme.dim)));
                    ListItem::new(lines)
                })
                .collect()
        };
        let list = List::new(items)
            .block(
                Block::bordered()
                    .title(Line::styled(format!(" {} ", self.title), theme.title))
                    .border_style(theme.border_focus),
            )
            .highlight_style(theme.selected)
            .highlight_symbol("› ");
        frame.render_stateful_widget(list, popup, &mut self.list);
    }
}
