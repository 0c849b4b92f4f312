//! Text from files is cleaned once, when loaded, so that nothing a pack
//! contains can reach the terminal raw.

const TAB_WIDTH: usize = 4;

/// Removes ANSI escape sequences, control characters (except newline),
/// bidirectional controls and invisible format characters (zero-width
/// spaces and joiners, BOM, soft hyphen), and expands tabs to spaces.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI introducer: the same as ESC [.
            '\u{9b}' => skip_csi_body(&mut chars),
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if c.is_control() || is_invisible(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// Sanitises in place, avoiding an allocation when the text is already clean.
pub fn sanitize_in_place<T: AsRef<str> + From<String>>(text: &mut T) {
    if needs_sanitizing(text.as_ref()) {
        *text = T::from(sanitize(text.as_ref()));
    }
}

/// Whether `sanitize` would change `text`. Most text holds no byte that
/// can begin an unsafe character (an ASCII control, or the lead byte of a C1
/// control or an invisible format character: 0xC2, or 0xCD and up, while
/// Norwegian letters begin with 0xC3), and is passed over a byte at a time.
pub fn needs_sanitizing(text: &str) -> bool {
    let suspect = |b: &u8| (*b < 0x20 && *b != b'\n') || *b == 0x7f || *b == 0xc2 || *b >= 0xcd;
    text.as_bytes().iter().any(suspect)
        && text
            .chars()
            .any(|c| c == '\t' || (c != '\n' && c.is_control()) || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    crate::terminal::is_invisible_format(c)
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC \.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-character sequences such as ESC c (reset) or ESC ( B.
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
            chars.next();
        }
        // ESC followed by a final byte (ESC c, ESC 7 ...); a lone ESC before
        // a newline or a letter outside that range takes nothing with it.
        Some(c) if ('\u{30}'..='\u{7e}').contains(c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameter and intermediate bytes, then one final byte in @..~.
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn removes_colour_codes_and_cursor_movement() {
        assert_eq!(
            sanitize("\u{1b}[31mrød\u{1b}[0m tekst\u{1b}[2J"),
            "rød tekst"
        );
    }

    #[test]
    fn removes_title_setting_osc_sequences() {
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b\u{1b}]2;x\u{1b}\\c"), "abc");
    }

    #[test]
    fn removes_control_and_bidi_characters_but_keeps_newlines() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{202e}d\u{2066}e\nf\r"), "abcde\nf");
    }

    #[test]
    fn removes_zero_width_and_format_characters() {
        assert_eq!(
            sanitize("Mer\u{200d}åker\u{200b}\u{2060}\u{feff}\u{ad} kommune"),
            "Meråker kommune"
        );
    }

    #[test]
    fn a_lone_escape_does_not_swallow_the_next_line() {
        assert_eq!(sanitize("slutt\u{1b}\n---"), "slutt\n---");
        assert_eq!(sanitize("a\u{1b}cb"), "ab");
    }

    #[test]
    fn expands_tabs_to_the_next_stop() {
        assert_eq!(sanitize("ab\tc\n\td"), "ab  c\n    d");
    }

    #[test]
    fn keeps_norwegian_letters_and_emoji() {
        assert_eq!(sanitize("Blåbærsyltetøy 🫐"), "Blåbærsyltetøy 🫐");
    }

    proptest::proptest! {
        /// The byte-level shortcut never lets through what `sanitize` removes.
        #[test]
        fn in_place_is_the_same_as_sanitize(text in "(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}\\u{ad}\\u{34f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{feff}\\u{e0001}«»–æøå])*") {
            let mut in_place = text.clone();
            super::sanitize_in_place(&mut in_place);
            proptest::prop_assert_eq!(in_place, sanitize(&text));
        }

        /// One unsafe character that is not ASCII, among Norwegian letters
        /// (not U+009B, which as CSI takes what follows with it).
        #[test]
        fn one_unsafe_character_among_letters_is_removed(text in "[a-zæøåé«» –]{0,8}[\\u{80}-\\u{9a}\\u{9c}-\\u{9f}\\u{ad}\\u{34f}\\u{61c}\\u{115f}\\u{17b4}\\u{180b}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2060}\\u{3164}\\u{fe00}\\u{feff}\\u{ffa0}\\u{fff9}\\u{1bca0}\\u{1d173}\\u{e0001}][a-zæøåé«» –]{0,8}") {
            let mut in_place = text.clone();
            super::sanitize_in_place(&mut in_place);
            proptest::prop_assert_eq!(in_place.chars().count() + 1, text.chars().count());
        }
    }
}
