//! The bottom key bar: the keys that work here, read from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::keymap::ContextBindings;
use crate::ui::theme::Theme;

/// One entry: the key, its label, and whether it must stay when space is short.
pub type Entry = (String, &'static str, bool);

/// The entries for the bindings in force, most specific context first. Each
/// action appears once, with its first key. Help is marked to stay, so the
/// way to every other key is always on screen.
pub fn entries(shown: &[ContextBindings]) -> Vec<Entry> {
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
                out.push((key.to_string(), label, *action == Action::Help));
            }
        }
    }
    out
}

fn width((key, label, _): &Entry) -> usize {
    // " key " + " label  ", counted in chars (keys and labels are narrow).
    key.chars().count() + label.chars().count() + 5
}

/// The entries that fit in `room` columns: in order, dropping the last ones
/// that are not marked to stay.
pub fn fitting(entries: &[Entry], room: usize) -> Vec<&Entry> {
    let mut kept: Vec<&Entry> = entries.iter().collect();
    while kept.iter().map(|e| width(e)).sum::<usize>() > room {
        match kept.iter().rposition(|e| !e.2) {
            Some(i) => {
                kept.remove(i);
            }
            None => break,
        }
    }
    kept
}

pub fn render(frame: &mut Frame, area: Rect, entries: &[Entry], theme: &Theme) {
    let mut spans = Vec::new();
    for (key, label, _) in fitting(entries, area.width as usize) {
        spans.push(Span::styled(format!(" {key} "), theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.key_label));
    }
    frame.render_widget(Line::from(spans), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_stays_when_the_bar_is_too_narrow() {
        let entries: Vec<Entry> = vec![
            ("Enter".into(), "åpne", false),
            ("/".into(), "søk", false),
            ("q".into(), "avslutt", false),
            ("?".into(), "hjelp", true),
        ];
        let labels: Vec<&str> = fitting(&entries, 25).iter().map(|e| e.1).collect();
        assert_eq!(labels, vec!["åpne", "hjelp"]);
        assert_eq!(fitting(&entries, 200).len(), 4);
    }
}
