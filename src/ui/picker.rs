//! A list to pick one entry from. What picking does is the opener's
//! (`OnPick`), as a question carries its yes: a measure for a risk, a
//! guideline to read. The picker itself only lists and moves.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::action::Action;
use crate::keymap::Context;
use crate::ui::screen::{Ctx, Effect, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::{ListCursor, popup};

/// What picking an entry does, given by whoever opens the picker.
pub trait OnPick: std::fmt::Debug {
    /// The effect of picking entry `index`; an effect that should close the
    /// picker says so (`Effect::Pop`).
    fn pick(&self, index: usize, item: &PickItem) -> Option<Effect>;
}

/// One entry to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    /// What is stored when it is picked (a measure's source, e.g. `apenhet.t3`).
    pub id: String,
    pub text: String,
    /// Where it comes from, as a reader names it.
    pub from: String,
    /// Picked already: shown as such, and not added twice.
    pub chosen: bool,
}

#[derive(Debug)]
pub struct Picker {
    pub on_pick: Box<dyn OnPick>,
    pub title: String,
    pub items: Vec<PickItem>,
    /// What `e` does instead of picking (write a measure of one's own), if
    /// anything: carried as the confirm carries its yes.
    pub own: Option<Box<Effect>>,
    cursor: ListCursor,
    list: ListState,
}

impl Picker {
    pub fn new(on_pick: impl OnPick + 'static, title: String, items: Vec<PickItem>) -> Self {
        Picker {
            on_pick: Box::new(on_pick),
            title,
            items,
            own: None,
            cursor: ListCursor::default(),
            list: ListState::default(),
        }
    }

    /// `e` does `effect` instead of picking.
    pub fn with_own(mut self, effect: Effect) -> Self {
        self.own = Some(Box::new(effect));
        self
    }

    /// Moves the selection; on `Accept` the picked entry's effect.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if action != Action::Accept {
            self.cursor.apply(action, self.items.len());
            return None;
        }
        let i = self.cursor.selected;
        self.on_pick.pick(i, self.items.get(i)?)
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, own_key: &str) {
        let inner = popup(frame, area, (85, 70), &self.title, theme);
        let width = inner.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = if self.items.is_empty() {
            let mut lines = vec![Line::styled("Kilden foreslår ingen tiltak her.", theme.dim)];
            if self.own.is_some() {
                lines.push(Line::styled(
                    format!("{own_key} skriver et eget tiltak."),
                    theme.label,
                ));
            }
            vec![ListItem::new(lines)]
        } else {
            self.items
                .iter()
                .map(|item| {
                    let mark = if item.chosen { "✓ " } else { "  " };
                    let mut lines: Vec<Line> = textwrap::wrap(&item.text, width.max(10))
                        .into_iter()
                        .enumerate()
                        .map(|(k, l)| {
                            let lead = if k == 0 { mark } else { "  " };
                            Line::raw(format!("{lead}{l}"))
                        })
                        .collect();
                    let from = if item.chosen {
                        format!("  {} · valgt allerede", item.from)
                    } else {
                        format!("  {}", item.from)
                    };
                    // Where it comes from, wrapped like the text: a place
                    // in a source is never cut before its point number.
                    lines.extend(
                        textwrap::wrap(from.trim_start(), width.saturating_sub(2).max(10))
                            .into_iter()
                            .map(|l| Line::from(Span::styled(format!("  {l}"), theme.dim))),
                    );
                    ListItem::new(lines)
                })
                .collect()
        };
        self.cursor.page = (inner.height / 3).max(1) as usize;
        self.list.select(Some(self.cursor.selected));
        let list = List::new(items)
            .highlight_style(theme.selected)
            .highlight_symbol("› ");
        frame.render_stateful_widget(list, inner, &mut self.list);
    }
}

impl Layer for Picker {
    fn context(&self) -> Context {
        Context::Picker
    }

    /// An empty list has nothing to pick; a measure of one's own can
    /// always be written instead.
    fn available(&self, action: Action, _ctx: &Ctx) -> bool {
        match action {
            Action::Accept => !self.items.is_empty(),
            Action::Edit => self.own.is_some(),
            _ => true,
        }
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Option<Effect> {
        if action == Action::Edit {
            let own = self.own.take()?;
            return Some(Effect::Many(vec![Effect::Pop, *own]));
        }
        self.update(action)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let own_key = ctx.key(Context::Picker, Action::Edit);
        Picker::render(self, frame, area, ctx.theme, &own_key);
    }
}
