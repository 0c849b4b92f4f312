//! The bottom key bar: the keys that work here, read from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::app::ContextBindings;
use crate::ui::theme::Theme;

/// The (key, label) pairs for the bindings in force, most specific context
/// first. Each action appears once, with its first key.
pub fn entries(shown: &[ContextBindings]) -> Vec<(String, &'static str)> {
    let mut seen: Vec<Action> = Vec::new();
    let mut out = Vec::new();
    for (_, bindings) in shown {
        for (action, keys) in bindings {
            let Some(label) = action.key_bar_label() else {
                continue;
            };
            if seen.contains(action) {
                continue;
            }
            seen.push(*action);
            if let Some(key) = keys.first() {
                out.push((key.to_string(), label));
            }
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, entries: &[(String, &'static str)], theme: &Theme) {
    let mut spans = Vec::new();
    for (key, label) in entries {
        spans.push(Span::styled(format!(" {key} "), theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.key_label));
    }
    frame.render_widget(Line::from(spans), area);
}
