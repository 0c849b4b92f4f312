//! The bottom key bar: the keys that work here, read from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::keymap::{ContextBindings, Keymap};
use crate::ui::theme::Theme;

/// One entry: the key, its label, and whether it must stay when space is
/// short (help, and a screen's main keys, `Action::is_main`, which go only
/// after every other entry).
pub type Entry = (String, String, bool);

/// The entries for the bindings in force, most specific context first, so a
/// screen's main keys come before the global ones. Each action appears once,
/// with its first key; neighbours with the same label share one entry
/// (`1–5 poeng`). Help is marked to stay, so the way to every other key is
/// always on screen.
pub fn entries(shown: &[ContextBindings], keymap: &Keymap) -> Vec<Entry> {
    let mut seen: Vec<Action> = Vec::new();
    let mut out: Vec<(Vec<String>, &str, bool)> = Vec::new();
    for (context, bindings) in shown {
        for (action, keys) in bindings {
            let Some(label) = keymap.label(*context, *action) else {
                continue;
            };
            if seen.contains(action) {
                continue;
            }
            seen.push(*action);
            let Some(key) = keys.first() else {
                continue;
            };
            match out.last_mut() {
                Some((keys, last, _)) if *last == label => keys.push(key.to_string()),
                _ => out.push((
                    vec![key.to_string()],
                    label,
                    *action == Action::Help || action.is_main(),
                )),
            }
        }
    }
    out.into_iter()
        .map(|(keys, label, stays)| (join_keys(&keys), label.to_owned(), stays))
        .collect()
}

/// "1–5" for a run of digits, else the keys joined with "/".
fn join_keys(keys: &[String]) -> String {
    let digits: Vec<u32> = keys
        .iter()
        .filter_map(|k| k.parse().ok().filter(|_| k.len() == 1))
        .collect();
    let run = digits.len() == keys.len()
        && digits.len() > 2
        && digits.windows(2).all(|w| w[1] == w[0] + 1);
    match (run, digits.first(), digits.last()) {
        (true, Some(a), Some(b)) => format!("{a}–{b}"),
        _ => keys.join("/"),
    }
}

/// How an entry is drawn: roomy, tight, or tight with its label cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Roomy,
    Tight,
    Short,
}

const SHORT_LABEL: usize = 6;

/// Shorter words for the labels a narrow terminal cannot show whole, that
/// still tell the keys apart (`f for  m mot`). A label without one is shown
/// whole: never cut into a form nobody reads (`rappo.`).
const SHORT_FORMS: &[(&str, &str)] = &[
    ("taler for", "for"),
    ("taler mot", "mot"),
    ("ikke relevant", "irrelevant"),
    ("ikke vurdert", "tøm"),
    ("neste uvurderte", "neste åpne"),
    ("godta forslag", "godta"),
    ("neste dimensjon", "neste"),
    ("neste felt", "felt"),
    ("neste fane", "fane"),
    ("visning", "vis"),
    ("rediger", "endre"),
    ("vurdering", "vurder"),
    ("nytt dilemma", "dilemma"),
    ("vis i retningslinjer", "vis"),
    ("legg tilbake", "tilbake"),
    ("korriger", "rett"),
    ("nytt navn", "navn"),
];

fn label(label: &str, fit: Fit) -> String {
    if fit != Fit::Short || label.chars().count() <= SHORT_LABEL {
        return label.to_owned();
    }
    SHORT_FORMS
        .iter()
        .find(|(long, _)| *long == label)
        .map_or_else(|| label.to_owned(), |(_, short)| (*short).to_owned())
}

fn width((key, text, _): &Entry, fit: Fit) -> usize {
    let text = label(text, fit).chars().count();
    let key = key.chars().count();
    match fit {
        // " key " + " label  "
        Fit::Roomy => key + text + 5,
        // " key " + "label "
        Fit::Tight | Fit::Short => key + text + 3,
    }
}

/// The entries that fit in `room` columns, and how to draw them: labels are
/// drawn tighter, then cut short, before any entry is dropped; then the last
/// ones not marked to stay go first.
fn fitting_with(entries: &[Entry], room: usize) -> (Vec<&Entry>, Fit) {
    let total = |kept: &[&Entry], fit| kept.iter().map(|e| width(e, fit)).sum::<usize>();
    let mut kept: Vec<&Entry> = entries.iter().collect();
    for fit in [Fit::Roomy, Fit::Tight, Fit::Short] {
        if total(&kept, fit) <= room {
            return (kept, fit);
        }
    }
    while total(&kept, Fit::Short) > room {
        match kept.iter().rposition(|e| !e.2) {
            Some(i) => {
                kept.remove(i);
            }
            None => break,
        }
    }
    (kept, Fit::Short)
}

/// The entries that fit in `room` columns, in order.
pub fn fitting(entries: &[Entry], room: usize) -> Vec<&Entry> {
    fitting_with(entries, room).0
}

pub fn render(frame: &mut Frame, area: Rect, entries: &[Entry], theme: &Theme) {
    let mut spans = Vec::new();
    let (kept, fit) = fitting_with(entries, area.width as usize);
    for entry in kept {
        let (key, text, _) = entry;
        spans.push(Span::styled(format!(" {key} "), theme.key));
        let shown = label(text, fit);
        let text = if fit == Fit::Roomy {
            format!(" {shown}  ")
        } else {
            format!("{shown} ")
        };
        spans.push(Span::styled(text, theme.key_label));
    }
    frame.render_widget(Line::from(spans), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_stays_when_the_bar_is_too_narrow() {
        let entries: Vec<Entry> = vec![
            ("Enter".into(), "åpne".into(), false),
            ("/".into(), "søk".into(), false),
            ("q".into(), "avslutt".into(), false),
            ("?".into(), "hjelp".into(), true),
        ];
        let labels: Vec<&str> = fitting(&entries, 25).iter().map(|e| e.1.as_str()).collect();
        assert_eq!(labels, vec!["åpne", "hjelp"]);
        assert_eq!(fitting(&entries, 200).len(), 4);
        let labels: Vec<&str> = fitting(&entries, 12).iter().map(|e| e.1.as_str()).collect();
        assert_eq!(labels, vec!["hjelp"]);
    }

    #[test]
    fn labels_are_drawn_tighter_and_cut_before_a_key_is_dropped() {
        let entries: Vec<Entry> = vec![
            ("y".into(), "ja".into(), false),
            ("u".into(), "neste uvurderte".into(), false),
            ("?".into(), "hjelp".into(), true),
        ];
        let roomy: usize = entries.iter().map(|e| width(e, Fit::Roomy)).sum();
        let short: usize = entries.iter().map(|e| width(e, Fit::Short)).sum();
        assert_eq!(
            fitting_with(&entries, roomy),
            (entries.iter().collect(), Fit::Roomy)
        );
        assert_eq!(fitting_with(&entries, roomy - 1).1, Fit::Tight);
        assert_eq!(fitting_with(&entries, short).1, Fit::Short);
        assert_eq!(fitting(&entries, short).len(), 3, "all three keys stay");
        assert_eq!(label("neste uvurderte", Fit::Short), "neste åpne");
        assert_eq!(label("taler for", Fit::Short), "for");
        assert_eq!(label("kopier", Fit::Short), "kopier");
        // No word is cut into a form nobody reads (round 3, ux M10).
        assert_eq!(label("rapport", Fit::Short), "rapport");
        assert_eq!(label("forrige", Fit::Short), "forrige");
    }

    #[test]
    fn neighbours_with_one_label_share_an_entry() {
        assert_eq!(join_keys(&["1".into(), "2".into(), "3".into()]), "1–3");
        assert_eq!(join_keys(&["f".into(), "m".into()]), "f/m");
    }
}
