//! Pasted and typed text, made safe before a field sees it.
//!
//! A bracketed paste ends at the first `ESC [ 201 ~`. A paste that holds
//! that marker itself ends early, and the terminal delivers the rest as
//! key presses, which could fire actions (delete an outcome). The
//! `PasteGuard` treats the key events that arrive in the same burst right
//! after a paste as more pasted text: they are typed, never acted on.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::content::sanitize::sanitize;
use crate::terminal_text::is_unsafe;

/// Key events closer than this to the paste (or to the previous absorbed
/// key) belong to it: terminals deliver a paste in one burst, far faster
/// than anyone types.
pub const BURST: Duration = Duration::from_millis(30);

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
}

impl PasteGuard {
    /// A paste has just been delivered.
    pub fn pasted(&mut self, now: Instant) {
        self.until = Some(now + BURST);
    }

    /// For a key event: `Some(text)` when it belongs to the paste (the text
    /// it stands for, possibly empty), `None` when it is a real key press.
    pub fn absorb(&mut self, key: &KeyEvent, now: Instant) -> Option<String> {
        let until = self.until?;
        if now > until {
            self.until = None;
            return None;
        }
        self.until = Some(now + BURST);
        if key.kind == KeyEventKind::Release {
            return Some(String::new());
        }
        let text = match key.code {
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
        };
        Some(sanitize_paste(&text))
    }
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

    #[test]
    fn pasted_text_loses_control_characters() {
        assert_eq!(
            sanitize_paste("a\u{1b}[201~b\r\nc\u{202e}\u{200b}d\u{9b}31m"),
            "ab\ncd"
        );
    }
}
