//! Errors in data and keymap files, always with the place they come from.

use std::fmt;

/// A problem at a place in a file: shown as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for LocatedError {}

impl LocatedError {
    pub fn new(file: &str, (line, col): (usize, usize), message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            col,
            message: message.into(),
        }
    }

    /// A RON syntax or type error, at the place the parser stopped.
    pub fn from_ron(file: &str, err: &ron::error::SpannedError) -> Self {
        Self::new(
            file,
            (err.span.start.line, err.span.start.col),
            format!("ugyldig RON: {}", err.code),
        )
    }
}

/// One or more located errors; every problem is reported, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Errors(pub Vec<LocatedError>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Line and column (both from 1, columns in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of the string literal `"text"` at or after `from`, if any.
pub fn find_literal(source: &str, text: &str, from: usize) -> Option<usize> {
    let needle = format!("\"{text}\"");
    source.get(from..)?.find(&needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "første\nlinje: «x»";
        let off = src.find('x').unwrap_or_default();
        assert_eq!(line_col(src, off), (2, 9));
    }

    #[test]
    fn find_literal_skips_earlier_text() {
        let src = r#"(id: "a", items: [(id: "a")])"#;
        let first = find_literal(src, "a", 0).unwrap_or_default();
        let second = find_literal(src, "a", first + 1);
        assert_eq!(second, Some(23));
    }
}
