//! A list to pick one entry from: a measure from the sources for a risk, or
//! one of the guideline items a question rests on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::action::Action;
use crate::domain::change::Change;
use crate::domain::risk::{Measure, RiskId};
use crate::keymap::Context;
use crate::ui::overlay::ItemOverlay;
use crate::ui::screen::{Ctx, Effect, Layer, Selection};
use crate::ui::theme::Theme;
use crate::ui::widgets::{ListCursor, popup};

/// What a pick is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickKind {
    /// A measure for a risk: the shared list, or one platform's own.
    Measure(RiskId, Option<String>),
    /// A guideline item to read.
    Guideline(Vec<crate::domain::ItemRef>),
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickKind,
    pub title: String,
    /// (where it comes from, text)
    pub items: Vec<(String, String)>,
    cursor: ListCursor,
    list: ListState,
}

impl Picker {
    pub fn new(kind: PickKind, title: String, items: Vec<(String, String)>) -> Self {
        Picker {
            kind,
            title,
            items,
            cursor: ListCursor::default(),
            list: ListState::default(),
        }
    }

    /// Moves the selection; on `Accept` the picked entry's effect.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if action != Action::Accept {
            self.cursor.apply(action, self.items.len());
            return None;
        }
        let i = self.cursor.selected;
        let (source, text) = self.items.get(i).cloned()?;
        Some(match &self.kind {
            PickKind::Measure(risk, platform) => {
                let (risk, platform) = (risk.clone(), platform.clone());
                Effect::Many(vec![
                    Effect::Pop,
                    Effect::change(Change::AddMeasure {
                        risk,
                        platform,
                        measure: Measure {
                            text,
                            source,
                            ..Measure::default()
                        },
                    }),
                    Effect::Info("Tiltaket er lagt til. Eier og frist settes med e.".into()),
                ])
            }
            PickKind::Guideline(refs) => {
                let at = *refs.get(i)?;
                Effect::Many(vec![
                    Effect::Select(Selection::Item(at)),
                    Effect::push(ItemOverlay::new(at)),
                ])
            }
        })
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = popup(frame, area, (85, 70), &self.title, theme);
        let width = inner.width.saturating_sub(2) as usize;
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

    /// An empty list has nothing to pick.
    fn available(&self, action: Action) -> bool {
        action != Action::Accept || !self.items.is_empty()
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Option<Effect> {
        self.update(action)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        Picker::render(self, frame, area, ctx.theme);
    }
}
