//! One reusable text input, single- or multi-line, on ratatui-textarea:
//! cursor movement, word jumps, Unicode widths, undo and paste come from there.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::content::sanitize::sanitize;
use crate::ui::theme::Theme;

#[derive(Debug, Clone)]
pub struct TextInput {
    area: TextArea<'static>,
    multiline: bool,
}

impl TextInput {
    pub fn single(text: &str) -> Self {
        Self::new(vec![text.replace('\n', " ")], false)
    }

    pub fn multi(text: &str) -> Self {
        Self::new(text.lines().map(str::to_owned).collect(), true)
    }

    fn new(lines: Vec<String>, multiline: bool) -> Self {
        let mut area = TextArea::new(lines);
        area.set_cursor_line_style(Style::new());
        area.set_max_histories(200);
        if multiline {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        TextInput { area, multiline }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// Edits with a key; Enter makes a new line only in a multi-line input.
    /// Returns whether the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let newline = key.code == KeyCode::Enter
            || (key.code == KeyCode::Char('m') && key.modifiers.contains(KeyModifiers::CONTROL));
        if newline && !self.multiline {
            return false;
        }
        // As in readline: Ctrl-U clears to the start of the line.
        if key.code == KeyCode::Char('u') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return self.area.delete_line_by_head();
        }
        self.area.input(key)
    }

    /// Inserts pasted text, cleaned of control characters; a single-line
    /// input gets its line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> bool {
        let clean = sanitize(&text.replace("\r\n", "\n").replace('\r', "\n"));
        let clean = if self.multiline {
            clean
        } else {
            clean.replace('\n', " ")
        };
        self.area.insert_str(clean)
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, focused: bool, theme: &Theme) {
        let cursor = if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        self.area.set_cursor_style(cursor);
        self.area
            .set_style(if focused { theme.base } else { theme.dim });
        frame.render_widget(&self.area, area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_norwegian_letters_and_emoji_and_moving_the_cursor() {
        let mut input = TextInput::single("");
        for c in "blåbær 🫐".chars() {
            input.input(key(KeyCode::Char(c)));
        }
        input.input(key(KeyCode::Home));
        input.input(key(KeyCode::Char('ø')));
        assert_eq!(input.text(), "øblåbær 🫐");
    }

    #[test]
    fn enter_does_not_break_a_single_line() {
        let mut input = TextInput::single("a");
        input.input(key(KeyCode::Enter));
        input.input(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL));
        assert_eq!(input.text(), "a");
        let mut notes = TextInput::multi("a");
        notes.input(key(KeyCode::Enter));
        notes.input(key(KeyCode::Char('b')));
        assert_eq!(notes.text(), "a\nb");
    }

    #[test]
    fn paste_is_cleaned_and_kept_on_one_line_where_needed() {
        let mut input = TextInput::single("");
        input.paste("Kari\r\nOla\u{1b}[31m");
        assert_eq!(input.text(), "Kari Ola");
    }
}
