//! The one escaping function for everything somevett writes to a terminal
//! or to standard output: file names, ids, key names, error messages and
//! every CLI command's output. Text loaded from files is already sanitised;
//! this is the last line of defence for what is not (names of files, what a
//! parser echoes back, paths the user passed).
//!
//! Unlike sanitising, escaping keeps the information: `ESC` becomes the
//! visible `\u{1b}`, so a user can still tell which file is meant.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

/// Whether a character must never reach a terminal raw: C0 and C1 controls
/// (newline and tab excepted), bidirectional controls, and invisible
/// format characters (zero-width spaces and joiners, BOM, soft hyphen,
/// tag characters) that garble layout or hide text.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible_format(c)
}

/// Bidi controls and other invisible format characters (Unicode `Cf`, the
/// ones that occur in practice).
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// `text` with every unsafe character written as `\u{..}`; newlines and
/// tabs are kept. Borrows when there is nothing to escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like `escape`, for text that must stay on one line (a file name in a
/// list): newlines and tabs are escaped too.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || c == '\t' || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path for display on one line; bytes that are not UTF-8 show as U+FFFD.
pub fn path(path: &Path) -> String {
    escape_line(&path.to_string_lossy()).into_owned()
}

/// JSON text with unsafe characters as JSON escapes (`\u202e`). Outside
/// strings JSON is ASCII, so this never changes its meaning.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes everything passing through it, line by line, so
/// no command can write a raw control sequence by mistake. Bytes that are
/// not UTF-8 are shown as U+FFFD.
pub struct EscapingWriter<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> EscapingWriter<W> {
    pub fn new(inner: W) -> Self {
        EscapingWriter {
            inner,
            line: Vec::new(),
        }
    }

    fn emit(&mut self, upto: usize) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.line[..upto]);
        let escaped = escape(&text).into_owned();
        self.line.drain(..upto);
        self.inner.write_all(escaped.as_bytes())
    }
}

impl<W: Write> Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.line.extend_from_slice(buf);
        if let Some(last) = self.line.iter().rposition(|&b| b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // An incomplete UTF-8 sequence at the end waits for its next bytes.
        let complete = match std::str::from_utf8(&self.line) {
            Ok(_) => self.line.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.line.len(),
        };
        if complete > 0 {
            self.emit(complete)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for EscapingWriter<W> {
    fn drop(&mut self) {
        if !self.line.is_empty() {
            let len = self.line.len();
            let _ = self.emit(len);
        }
        let _ = self.inner.flush();
    }
}

/// Whether `bytes` hold anything that a terminal would act on or hide:
/// ESC, C1 controls, bidi and invisible format characters. Used by tests.
pub fn has_raw_escape(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).chars().any(is_unsafe) || bytes.contains(&0x1b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_shows_control_sequences_as_visible_text() {
        let hostile = "\u{1b}]0;PWNED\u{7}\u{1b}]52;c;cm0K\u{7}\u{202e}evil\u{9b}2J";
        let shown = escape(hostile);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert_eq!(
            shown,
            "\\u{1b}]0;PWNED\\u{7}\\u{1b}]52;c;cm0K\\u{7}\\u{202e}evil\\u{9b}2J"
        );
    }

    #[test]
    fn zero_width_characters_are_escaped_and_norwegian_letters_kept() {
        assert_eq!(
            escape("Mer\u{200d}åker\u{feff}"),
            "Mer\\u{200d}åker\\u{feff}"
        );
        assert_eq!(escape("Blåbær\tøy\n"), "Blåbær\tøy\n");
        assert_eq!(escape_line("a\nb\tc"), "a\\nb\\tc");
    }

    #[test]
    fn json_escapes_stay_valid_json() -> Result<(), serde_json::Error> {
        let json = serde_json::to_string("a\u{202e}b\u{e0041}")?;
        let escaped = escape_json(&json);
        assert!(!escaped.chars().any(is_unsafe));
        let back: String = serde_json::from_str(&escaped)?;
        assert_eq!(back, "a\u{202e}b\u{e0041}");
        Ok(())
    }

    #[test]
    fn the_writer_escapes_across_write_calls() -> io::Result<()> {
        let mut out = Vec::new();
        {
            let mut w = EscapingWriter::new(&mut out);
            w.write_all(b"a\x1b")?;
            w.write_all(b"[2Jb\n\xe2\x80")?;
            w.write_all(b"\xaec\n")?;
            w.flush()?;
        }
        assert_eq!(String::from_utf8_lossy(&out), "a\\u{1b}[2Jb\n\\u{202e}c\n");
        Ok(())
    }
}
