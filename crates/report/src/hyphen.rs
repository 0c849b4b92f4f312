//! Where a Norwegian word may be broken at a line's end: Liang's patterns
//! for bokmål (hyph-utf8's nb patterns as the hyphenation crate compiles
//! them, embedded from `hyph/`), and after a hyphen or slash the word
//! already has. The PDF layout breaks a word only where it is longer than
//! its line or cell. A nynorsk report (issue 27) uses the same patterns:
//! hyph-utf8's nn patterns are the nb ones, and the two differ only in two
//! exceptions for short words (nynorsk «attende», «betre»), which are never
//! longer than a line.

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

/// The compiled bokmål patterns (see `hyph/LICENSE.txt`).
static NB: &[u8] = include_bytes!("../hyph/nb.standard.bincode");

/// Letters kept together at each end of a word or of a part of one.
const MIN: usize = 2;

fn dictionary() -> Option<&'static Standard> {
    static DICTIONARY: OnceLock<Option<Standard>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| Standard::from_reader(Language::NorwegianBokmal, &mut &NB[..]).ok())
        .as_ref()
}

/// A place a word may be broken: the byte offset where the next line's part
/// begins, and whether a hyphen is drawn there (not after a hyphen or a
/// slash the word has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    pub at: usize,
    pub hyphen: bool,
}

/// The places `word` may be broken, in order. Each run of letters is
/// hyphenated by the patterns; punctuation stays with its neighbour.
pub fn breaks(word: &str) -> Vec<Break> {
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let push_run = |start: usize, end: usize, out: &mut Vec<Break>| {
        let run = &word[start..end];
        if run.chars().count() < 2 * MIN {
            return;
        }
        if let Some(dict) = dictionary() {
            for at in dict.hyphenate(run).breaks {
                let (left, right) = (&run[..at], &run[at..]);
                if left.chars().count() >= MIN && right.chars().count() >= MIN {
                    out.push(Break {
                        at: start + at,
                        hyphen: true,
                    });
                }
            }
        }
    };
    for (i, c) in word.char_indices() {
        if c.is_alphabetic() {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = run_start.take() {
            push_run(start, i, &mut out);
        }
        let after = i + c.len_utf8();
        if matches!(c, '-' | '/' | '\u{2010}' | '\u{2013}')
            && word[..i].chars().count() >= MIN
            && word[after..].chars().count() >= MIN
        {
            out.push(Break {
                at: after,
                hyphen: false,
            });
        }
    }
    if let Some(start) = run_start {
        push_run(start, word.len(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str) -> Vec<String> {
        let mut parts = Vec::new();
        let mut from = 0;
        for b in breaks(word) {
            parts.push(word[from..b.at].to_owned());
            from = b.at;
        }
        parts.push(word[from..].to_owned());
        parts
    }

    /// The embedded patterns load and break a compound where Norwegian
    /// breaks it (report.md §2: «kommunikasjonsrådgiver» in a narrow cell).
    #[test]
    fn a_norwegian_compound_breaks_between_syllables() {
        assert!(dictionary().is_some(), "the nb patterns load");
        let parts = parts("kommunikasjonsrådgiver");
        assert!(parts.len() >= 4, "{parts:?}");
        assert!(
            parts.iter().any(|p| p.ends_with("sjons")),
            "a break between the compound's parts: {parts:?}"
        );
        for p in &parts {
            assert!(p.chars().count() >= MIN, "{parts:?}");
        }
    }

    /// Capitals, punctuation and a hyphen the word has: the letters are
    /// hyphenated, the hyphen is a break without another hyphen drawn.
    #[test]
    fn punctuation_and_an_own_hyphen_are_kept() {
        let word = "«Personvernkonsekvensvurdering»";
        let b = breaks(word);
        assert!(b.len() >= 3 && b.iter().all(|b| b.hyphen), "{b:?}");
        let own = |w: &str| -> Vec<usize> {
            breaks(w)
                .iter()
                .filter(|b| !b.hyphen)
                .map(|b| b.at)
                .collect()
        };
        assert_eq!(own("SoMe-retningslinjer"), vec!["SoMe-".len()]);
        assert!(own("e-postadresse").is_empty(), "one letter is too few");
        assert!(breaks("ja").is_empty() && breaks("").is_empty());
    }
}
