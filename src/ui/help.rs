//! The help overlay, generated from the active keymap so it is always true.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The keys' column in help; descriptions start after it.
const KEY_COLUMN: usize = 24;

use crate::action::Action;
use crate::keymap::{Context, ContextBindings, Keymap};
use crate::ui::screen::{Ctx, Effect, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::{Scroll, centered};

#[derive(Debug, Clone, Default)]
pub struct HelpOverlay {
    scroll: Scroll,
}

impl HelpOverlay {
    pub fn update(&mut self, action: Action) {
        self.scroll.apply(action);
    }

    /// `shown` lists the bindings in force behind the overlay, most specific
    /// context first, then the overlay's own.
    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        shown: &[ContextBindings],
        keymap: &Keymap,
        theme: &Theme,
    ) {
        let popup = centered(area, 80, 85);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(Line::styled(" Hjelp: taster ", theme.title))
            .border_style(theme.border_focus);
        let inner = block.inner(popup);
        // Descriptions wrap under themselves, not under the keys.
        let room = usize::from(inner.width).saturating_sub(KEY_COLUMN).max(12);
        let mut lines = Vec::new();
        for (context, bindings) in shown {
            if bindings.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(context.title(), theme.title));
            let mut sorted: Vec<_> = bindings.iter().collect();
            sorted.sort_by_key(|(action, _)| action.section());
            let mut section = None;
            for (action, keys) in sorted {
                if section != Some(action.section()) {
                    section = Some(action.section());
                    lines.push(Line::styled(
                        format!(" {}", action.section().title()),
                        theme.dim,
                    ));
                }
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                let keys = format!("  {}", keys.join(", "));
                let description = keymap.describe(*context, *action);
                let parts = textwrap::wrap(&description, room);
                let indent = " ".repeat(KEY_COLUMN);
                let mut first = true;
                if keys.chars().count() >= KEY_COLUMN {
                    // Keys too many for their column: on a line of their own.
                    lines.push(Line::styled(keys.clone(), theme.label));
                    first = false;
                }
                for part in parts {
                    let lead = if first {
                        Span::styled(format!("{keys:<KEY_COLUMN$}"), theme.label)
                    } else {
                        Span::raw(indent.clone())
                    };
                    lines.push(Line::from(vec![lead, Span::raw(part.into_owned())]));
                    first = false;
                }
            }
        }
        let help = Paragraph::new(lines).wrap(Wrap { trim: false });
        self.scroll
            .clamp(help.line_count(inner.width), inner.height);
        let help = help.block(block).scroll((self.scroll.offset, 0));
        frame.render_widget(help, popup);
    }
}
impl Layer for HelpOverlay {
    fn context(&self) -> Context {
        Context::Help
    }

    fn handle(&mut self, action: Action, _ctx: &Ctx) -> Option<Effect> {
        self.update(action);
        None
    }

    /// Help is drawn by the app, which knows the keys behind it
    /// (`HelpOverlay::render` with the bindings in force).
    fn render(&mut self, _frame: &mut Frame, _area: Rect, _ctx: &Ctx) {}
}
