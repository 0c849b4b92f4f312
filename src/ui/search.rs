//! The search overlay: an input line and ranked hits that update on every
//! keystroke, with the matched characters highlighted.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState};

use crate::action::Action;
use crate::content::Library;
use crate::domain::ItemRef;
use crate::search::{Hit, SearchIndex};
use crate::ui::input::TextInput;
use crate::ui::theme::Theme;
use crate::ui::widgets::centered;

/// How many hits the overlay keeps; more than anyone scrolls through.
pub const MAX_HITS: usize = 30;

#[derive(Debug, Clone)]
pub struct SearchOverlay {
    input: TextInput,
    pub hits: Vec<Hit>,
    /// How many items matched, of which `hits` holds the best.
    pub total: usize,
    list: ListState,
    page: usize,
    /// Highlighted positions per hit, found once per query.
    highlights: Vec<Option<Vec<usize>>>,
}

impl Default for SearchOverlay {
    fn default() -> Self {
        SearchOverlay {
            input: TextInput::single(""),
            hits: Vec::new(),
            total: 0,
            list: ListState::default(),
            page: 0,
            highlights: Vec::new(),
        }
    }
}

impl SearchOverlay {
    pub fn query(&self) -> String {
        self.input.text()
    }

    pub fn selected(&self) -> Option<&Hit> {
        self.hits.get(self.list.selected().unwrap_or(0))
    }

    /// Edits the query with a key; the hits follow on every change.
    pub fn input(&mut self, key: KeyEvent, index: &SearchIndex) {
        if self.input.input(key) {
            self.refresh(index);
        }
    }

    pub fn paste(&mut self, text: &str, index: &SearchIndex) {
        if self.input.paste(text) {
            self.refresh(index);
        }
    }

    /// Changes the overlay; returns the item to jump to on `Accept`.
    pub fn update(&mut self, action: Action, index: &SearchIndex) -> Option<ItemRef> {
        let last = self.hits.len().saturating_sub(1);
        let current = self.list.selected().unwrap_or(0);
        let page = self.page.max(1);
        match action {
            Action::Accept => return self.selected().map(|h| h.at),
            Action::NextResult | Action::Down => self.list.select(Some((current + 1).min(last))),
            Action::PrevResult | Action::Up => self.list.select(Some(current.saturating_sub(1))),
            Action::PageDown => self.list.select(Some((current + page).min(last))),
            Action::PageUp => self.list.select(Some(current.saturating_sub(page))),
            Action::ClearInput => {
                self.input = TextInput::single("");
                self.refresh(index);
            }
            _ => {}
        }
        None
    }

    /// Runs the query again (on every change, and on a new index).
    pub fn refresh(&mut self, index: &SearchIndex) {
        let results = index.search_counted(&self.query(), MAX_HITS);
        self.hits = results.hits;
        self.total = results.total;
        self.highlights = vec![None; self.hits.len()];
        self.list = ListState::default().with_selected(Some(0));
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        library: &Library,
        index: &SearchIndex,
        theme: &Theme,
    ) {
        let popup = centered(area, 90, 85);
        frame.render_widget(Clear, popup);
        let query = self.query();
        let count = match (query.trim().is_empty(), self.total) {
            (true, _) => "skriv for å søke".to_owned(),
            (false, 0) => "ingen treff".to_owned(),
            (false, n) if n > self.hits.len() => {
                format!("viser {} av {n} treff", self.hits.len())
            }
            (false, n) => format!("{n} treff"),
        };
        let block = Block::bordered()
            .title(Line::styled(" Søk i retningslinjene ", theme.title))
            .title_bottom(Line::styled(format!(" {count} "), theme.dim).right_aligned())
            .border_style(theme.border_focus);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [input_area, list_area] = inner.layout(&Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
        ]));
        let [prompt_area, field_area] = Rect {
            height: 1,
            ..input_area
        }
        .layout(&Layout::horizontal([
            Constraint::Length(2),
            Constraint::Fill(1),
        ]));
        frame.render_widget(Span::styled("/ ", theme.label), prompt_area);
        self.input.render(frame, field_area, true, theme);

        let width = list_area.width.saturating_sub(2) as usize;
        // Only the hits in view are highlighted: matching positions costs more than ranking.
        self.page = (list_area.height / 2) as usize;
        // The list scrolls during this render, so cover both the old and the new view.
        let selected = self.list.selected().unwrap_or(0);
        let offset = self.list.offset();
        let visible =
            offset.min(selected.saturating_sub(self.page))..(offset + self.page).max(selected) + 1;
        let highlights = &mut self.highlights;
        let items: Vec<ListItem> = self
            .hits
            .iter()
            .enumerate()
            .filter_map(|(i, hit)| {
                let v = library.view(hit.at)?;
                let positions = match highlights.get_mut(i) {
                    Some(cached) if visible.contains(&i) => cached
                        .get_or_insert_with(|| index.positions(&v.item.text, &query))
                        .as_slice(),
                    _ => &[],
                };
                let text = highlighted(&v.item.text, positions, width, theme);
                let meta = Line::from(vec![
                    Span::styled(v.full_id(), theme.dim),
                    Span::styled(
                        format!("  {} › {}", v.document.short_name(), v.section.title),
                        theme.dim,
                    ),
                ]);
                Some(ListItem::new(vec![text, meta]))
            })
            .collect();
        let list = List::new(items)
            .highlight_style(theme.selected)
            .highlight_symbol("› ");
        frame.render_stateful_widget(list, list_area, &mut self.list);
    }
}

/// The text as one line with matched chars styled; when the first match
/// would fall off the right edge, the line starts shortly before it.
fn highlighted<'a>(text: &str, positions: &[usize], width: usize, theme: &Theme) -> Line<'a> {
    let chars: Vec<char> = text.chars().collect();
    let first = positions.first().copied().unwrap_or(0);
    let start = if width > 8 && first + 4 > width {
        first.saturating_sub(width / 3)
    } else {
        0
    };
    let mut spans = Vec::new();
    if start > 0 {
        spans.push(Span::styled("…", theme.dim));
    }
    let mut run = String::new();
    let mut run_matched = false;
    let mut matches = positions.iter().copied().peekable();
    while matches.peek().is_some_and(|&p| p < start) {
        matches.next();
    }
    for (i, c) in chars.iter().enumerate().skip(start) {
        let is_match = matches.peek() == Some(&i);
        if is_match {
            matches.next();
        }
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched {
                theme.matched
            } else {
                theme.base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(*c);
    }
    if !run.is_empty() {
        let style = if run_matched {
            theme.matched
        } else {
            theme.base
        };
        spans.push(Span::styled(run, style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_on_char_indices_not_bytes() {
        let theme = Theme::monochrome();
        let line = highlighted("Båt og bør", &[1, 7], 80, &theme);
        let parts: Vec<(&str, bool)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == theme.matched))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("B", false),
                ("å", true),
                ("t og ", false),
                ("b", true),
                ("ør", false)
            ]
        );
    }

    #[test]
    fn highlight_scrolls_to_a_late_match() {
        let theme = Theme::monochrome();
        let text = format!("{}samtykke", "x".repeat(100));
        let line = highlighted(&text, &[100], 40, &theme);
        assert_eq!(line.spans[0].content, "…");
        assert!(
            line.spans
                .iter()
                .any(|s| s.content == "s" && s.style == theme.matched)
        );
    }
}
