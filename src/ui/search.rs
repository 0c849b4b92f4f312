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
use crate::keymap::Context;
use crate::search::{Highlight, Hit, SearchIndex};
use crate::ui::input::TextInput;
use crate::ui::overlay::ItemOverlay;
use crate::ui::screen::{Ctx, Effect, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::centered;

/// How many hits the overlay keeps; more than anyone scrolls through.
pub const MAX_HITS: usize = 30;

/// Characters a hit's line holds beyond its width in cells, should some
/// take no cell of their own.
const SLACK: usize = 8;

#[derive(Debug, Clone)]
pub struct SearchOverlay {
    input: TextInput,
    pub hits: Vec<Hit>,
    /// How many items matched, of which `hits` holds the best.
    pub total: usize,
    list: ListState,
    page: usize,
    /// The query's words, to highlight the hits in view with.
    words: Highlight,
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
            words: Highlight::default(),
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
        let (results, words) = index.search_highlighted(&self.query(), MAX_HITS);
        self.words = words;
        self.hits = results.hits;
        self.total = results.total;
        self.highlights = vec![None; self.hits.len()];
        self.list = ListState::default().with_selected(Some(0));
    }

    /// Where the overlay draws over `area`, all of it anew on every frame.
    pub fn area(area: Rect) -> Rect {
        centered(area, 90, 85)
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        library: &Library,
        index: &SearchIndex,
        theme: &Theme,
    ) {
        let popup = Self::area(area);
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
        // Two lines a hit; only the hits in view are built and highlighted
        // (matching positions costs more than ranking), and the list is
        // scrolled here the way `List` would, so it sees just those.
        self.page = (list_area.height / 2) as usize;
        let selected = self.list.selected().unwrap_or(0);
        let mut offset = self.list.offset().min(self.hits.len().saturating_sub(1));
        if selected < offset {
            offset = selected;
        } else if self.page > 0 && selected >= offset + self.page {
            offset = selected + 1 - self.page;
        }
        *self.list.offset_mut() = offset;
        let end = (offset + self.page.max(1)).min(self.hits.len());
        let items: Vec<ListItem> = (offset..end)
            .filter_map(|i| {
                let v = library.view(self.hits[i].at)?;
                let positions = self.highlights.get_mut(i)?.get_or_insert_with(|| {
                    index.highlight(&self.words, &v.item.text, width + SLACK)
                });
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
        let mut in_view = ListState::default().with_selected(Some(selected - offset));
        frame.render_stateful_widget(list, list_area, &mut in_view);
    }
}

/// The text as one line with matched chars styled; when the first match
/// would fall off the right edge, the line starts shortly before it.
fn highlighted<'a>(text: &str, positions: &[usize], width: usize, theme: &Theme) -> Line<'a> {
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
    // The line is cut at the list's edge: no more characters than fit (a
    // few more, should some take no cell of their own).
    for (i, c) in text.chars().enumerate().skip(start).take(width + SLACK) {
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
        run.push(c);
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

impl Layer for SearchOverlay {
    fn context(&self) -> Context {
        Context::Search
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn handle(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let at = self.update(action, ctx.index)?;
        Some(Effect::push(ItemOverlay::new(at)))
    }

    fn input(&mut self, key: KeyEvent, ctx: &Ctx) {
        SearchOverlay::input(self, key, ctx.index);
    }

    fn paste(&mut self, text: &str, ctx: &Ctx) {
        SearchOverlay::paste(self, text, ctx.index);
    }

    /// Drawn whole on every keystroke: what lies under it need not be there.
    fn covers(&self, area: Rect) -> Option<Rect> {
        Some(Self::area(area))
    }

    /// The query is run again on the new index.
    fn library_changed(&mut self, _old: &Library, _new: &Library, index: &SearchIndex) -> bool {
        self.refresh(index);
        true
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        SearchOverlay::render(self, frame, area, ctx.library, ctx.index, ctx.theme);
    }
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

    #[test]
    fn highlight_stops_at_the_edge_of_the_list() {
        let theme = Theme::monochrome();
        let text = "ord ".repeat(500);
        let line = highlighted(&text, &[0, 1, 2], 40, &theme);
        let chars: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
        assert!((40..=48).contains(&chars), "{chars} characters built");
    }
}
