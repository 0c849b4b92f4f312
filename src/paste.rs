//! Pasted and typed text, made safe before a field sees it.
//!
//! A bracketed paste ends at the first `ESC [ 201 ~`. A paste that holds
//! that marker itself ends early, and the terminal delivers the rest as
//! key presses, which could fire actions (delete an outcome). The
//! `PasteGuard` treats the key events that arrive in the same burst right
//! after a paste as more pasted text: they are typed, never acted on.
//!
//! A paste whose start marker follows a lone `ESC` or a byte that is not
//! UTF-8 in the same read is not recognised by the terminal library: its
//! marker's `ESC` is eaten and the rest arrives as the keys `[200~` and the
//! pasted text. `recover_pastes` finds those among the events read
//! together and makes them the paste they were.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::content::sanitize::sanitize;
use crate::terminal_text::is_unsafe;

/// Key events closer than this to the paste (or to the previous absorbed
/// key) belong to it: terminals deliver a paste in one burst, far faster
/// than anyone types or a key repeats (about every 30 ms).
pub const BURST: Duration = Duration::from_millis(10);

/// However fast keys keep coming, none later than this after the paste is
/// taken for a part of it: a held key is a key.
pub const LONGEST: Duration = Duration::from_millis(100);

/// The keys a paste's start and end markers leave when their `ESC` is lost.
const START: &str = "[200~";
const END: &str = "[201~";

/// Pasted text with control characters, escape sequences and invisible
/// characters removed; line ends become `\n`.
pub fn sanitize_paste(text: &str) -> String {
    sanitize(&text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Whether a typed key is a character that must never reach a field (C1
/// controls, bidi overrides, zero-width characters).
pub fn is_unsafe_key(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(c) if is_unsafe(c))
}

/// Decides which key events right after a paste are pasted text.
#[derive(Debug, Default, Clone)]
pub struct PasteGuard {
    until: Option<Instant>,
    /// The paste's time plus `LONGEST`.
    last: Option<Instant>,
}

impl PasteGuard {
    /// A paste has just been delivered.
    pub fn pasted(&mut self, now: Instant) {
        self.until = Some(now + BURST);
        self.last = Some(now + LONGEST);
    }

    /// For a key event: `Some(text)` when it belongs to the paste (the text
    /// it stands for, possibly empty), `None` when it is a real key press.
    pub fn absorb(&mut self, key: &KeyEvent, now: Instant) -> Option<String> {
        let until = self.until?;
        if now > until || self.last.is_some_and(|last| now > last) {
            self.until = None;
            return None;
        }
        self.until = Some(now + BURST);
        if key.kind == KeyEventKind::Release {
            return Some(String::new());
        }
        Some(sanitize_paste(&key_text(key)))
    }
}

/// The text a key stands for in pasted text: a character, a line end or a
/// tab; nothing for any other key.
fn key_text(key: &KeyEvent) -> String {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            c.to_string()
        }
        KeyCode::Enter => "\n".to_owned(),
        KeyCode::Tab => "\t".to_owned(),
        _ => String::new(),
    }
}

/// The character of a plain key press, if it is one.
fn plain_char(event: &Event) -> Option<char> {
    match event {
        Event::Key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers,
            kind: KeyEventKind::Press,
            ..
        }) if !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(*c),
        _ => None,
    }
}

/// Whether the plain keys from `at` spell `marker`.
fn spells(events: &[Event], at: usize, marker: &str) -> bool {
    let mut chars = marker.chars();
    let n = marker.chars().count();
    events.len() >= at + n
        && events[at..at + n]
            .iter()
            .all(|e| plain_char(e) == chars.next())
}

/// Events read together, with any paste whose start marker lost its `ESC`
/// made a paste again: from the keys `[200~` to the keys `[201~` or the
/// end of what was read, the keys are its text, and a lone `Esc` just
/// before it (the byte that hid the marker) is dropped. Nothing in it is
/// ever run as a key.
pub fn recover_pastes(events: Vec<Event>) -> Vec<Event> {
    let n_start = START.chars().count();
    let n_end = END.chars().count();
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if !spells(&events, i, START) {
            out.push(events[i].clone());
            i += 1;
            continue;
        }
        if matches!(out.last(), Some(Event::Key(k)) if k.code == KeyCode::Esc) {
            out.pop();
        }
        i += n_start;
        let mut text = String::new();
        while i < events.len() && !spells(&events, i, END) {
            if let Event::Key(key) = &events[i]
                && key.kind != KeyEventKind::Release
            {
                text.push_str(&key_text(key));
            }
            i += 1;
        }
        if i < events.len() {
            i += n_end;
        }
        out.push(Event::Paste(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_in_the_burst_after_a_paste_are_text_and_later_ones_are_keys() {
        let t0 = Instant::now();
        let mut guard = PasteGuard::default();
        assert_eq!(guard.absorb(&key(KeyCode::Char('d')), t0), None);
        guard.pasted(t0);
        let ms = |n| t0 + Duration::from_millis(n);
        assert_eq!(
            guard.absorb(&key(KeyCode::Char('d')), ms(1)).as_deref(),
            Some("d")
        );
        assert_eq!(
            guard.absorb(&key(KeyCode::Enter), ms(2)).as_deref(),
            Some("\n")
        );
        assert_eq!(
            guard.absorb(&key(KeyCode::Delete), ms(3)).as_deref(),
            Some("")
        );
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(guard.absorb(&ctrl_s, ms(4)).as_deref(), Some(""));
        assert_eq!(guard.absorb(&key(KeyCode::Char('y')), ms(200)), None);
    }

    /// A key held down repeats about every 20-30 ms: after a paste, the
    /// repeats are keys, not text (round 3, rel F12: 40 Backspaces 20 ms
    /// apart were all swallowed), and nothing is absorbed past `LONGEST`.
    #[test]
    fn a_held_key_after_a_paste_is_a_key() {
        let t0 = Instant::now();
        let ms = |n| t0 + Duration::from_millis(n);
        let mut guard = PasteGuard::default();
        guard.pasted(t0);
        assert_eq!(guard.absorb(&key(KeyCode::Backspace), ms(20)), None);
        assert_eq!(guard.absorb(&key(KeyCode::Backspace), ms(40)), None);
        guard.pasted(t0);
        let fast: Vec<_> = (1..=30)
            .map(|i| guard.absorb(&key(KeyCode::Char('x')), ms(i * 8)))
            .collect();
        assert!(fast[..12].iter().all(Option::is_some), "a burst is text");
        assert!(fast[12..].iter().all(Option::is_none), "not past 100 ms");
    }

    fn chars(text: &str) -> Vec<Event> {
        text.chars()
            .map(|c| Event::Key(key(KeyCode::Char(c))))
            .collect()
    }

    /// What crossterm gives for `ESC ESC[200~6dy ESC[201~` and for
    /// `0xE5 ESC[200~6dy ESC[201~` read at once (rel F7): the paste's keys,
    /// its start marker without ESC, and no end marker.
    #[test]
    fn a_paste_whose_marker_lost_its_esc_is_a_paste_again() {
        let mut events = vec![Event::Key(key(KeyCode::Esc))];
        events.extend(chars("[200~6dy"));
        assert_eq!(recover_pastes(events), [Event::Paste("6dy".into())]);
        let mut events = chars("[200~abc");
        events.push(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        )));
        events.extend(chars("[201~q"));
        assert_eq!(
            recover_pastes(events),
            [
                Event::Paste("abc".into()),
                Event::Key(key(KeyCode::Char('q')))
            ]
        );
        let typed = chars("[20~0");
        assert_eq!(recover_pastes(typed.clone()), typed, "no marker, no paste");
    }

    #[test]
    fn pasted_text_loses_control_characters() {
        assert_eq!(
            sanitize_paste("a\u{1b}[201~b\r\nc\u{202e}\u{200b}d\u{9b}31m"),
            "ab\ncd"
        );
    }
}
