//! Text as the search sees it: folded (lowercase, å→a, ø→o, æ→ae, accents
//! dropped), cut into words, and reduced to stems so inflected forms meet.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Pushes the folded form of one char; returns how many chars it pushed.
fn fold_char(c: char, out: &mut String) -> usize {
    let mut n = 0;
    for lower in c.to_lowercase() {
        let folded: &str = match lower {
            'å' | 'à' | 'á' | 'â' | 'ä' | 'ã' => "a",
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => "o",
            'æ' => "ae",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' | 'ù' => "u",
            'í' | 'ì' | 'ï' => "i",
            'č' => "c",
            'š' => "s",
            'ž' => "z",
            'đ' => "d",
            'ŋ' => "n",
            'ŧ' => "t",
            _ => {
                out.push(lower);
                n += 1;
                continue;
            }
        };
        out.push_str(folded);
        n += folded.len();
    }
    n
}

/// Folds text for matching. ASCII text takes a fast path with no per-char work
/// beyond lowercasing.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, out);
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Calls `emit(word, position)` for each word of folded `text`. A hyphenated
/// word («e-post», «nett-etikk») gives its parts and, at the first part's
/// position, the joined form («epost»), so both spellings find it.
pub fn for_each_word(text: &str, mut emit: impl FnMut(&str, u32)) {
    let mut pos = 0u32;
    let mut joined = String::new();
    for run in text.split(|c: char| !is_word_char(c) && c != '-') {
        if !run.contains('-') {
            if !run.is_empty() {
                emit(run, pos);
                pos += 1;
            }
            continue;
        }
        let first = pos;
        joined.clear();
        let mut count = 0;
        for part in run.split('-').filter(|p| !p.is_empty()) {
            emit(part, pos);
            pos += 1;
            count += 1;
            joined.push_str(part);
        }
        if count > 1 {
            emit(&joined, first);
        }
    }
}

/// Calls `found(folded word, origin)` for each word of an original (unfolded)
/// text, for highlighting: `origin` gives, for each char of the folded word,
/// the index of the original char it came from. Hyphenated words come as
/// their parts only.
pub fn for_each_spanned_word(text: &str, mut found: impl FnMut(&str, &[usize])) {
    let mut folded = String::new();
    let mut origin = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if is_word_char(c) {
            let n = fold_char(c, &mut folded);
            origin.extend(std::iter::repeat_n(i, n));
        } else if !folded.is_empty() {
            found(&folded, &origin);
            folded.clear();
            origin.clear();
        }
    }
    if !folded.is_empty() {
        found(&folded, &origin);
    }
}

/// A query as terms: folded, hyphens inside a word dropped («e-post» →
/// «epost»), cut at any other punctuation.
pub fn query_terms(query: &str) -> Vec<String> {
    let folded = fold(query);
    let mut terms = Vec::new();
    for chunk in folded.split_whitespace() {
        let joined: String = chunk.split('-').collect();
        terms.extend(
            joined
                .split(|c: char| !is_word_char(c))
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
        );
    }
    terms
}

/// Reduces folded words to stems: the Snowball Norwegian stemmer, then the
/// verbal nouns it keeps («sletting» → «slett», like «slettes»).
pub struct Stems(Stemmer);

impl Default for Stems {
    fn default() -> Self {
        Stems(Stemmer::create(Algorithm::Norwegian))
    }
}

impl std::fmt::Debug for Stems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stems")
    }
}

impl Stems {
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Cow::Borrowed(word);
        }
        let stem = self.0.stem(word);
        for suffix in ["ingene", "ingen", "inger", "ing", "inga"] {
            if let Some(base) = stem.strip_suffix(suffix)
                && base.len() >= 4
            {
                return Cow::Owned(base.to_owned());
            }
        }
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_norwegian_letters_and_case() {
        assert_eq!(
            fold("Forhåndsdrøftelse ÆRLIG Båt"),
            "forhandsdroftelse aerlig bat"
        );
    }

    #[test]
    fn spanned_words_point_back_to_original_chars() {
        let mut words = Vec::new();
        for_each_spanned_word("Æbø, x", |w, origin| {
            words.push((w.to_owned(), origin.to_vec()))
        });
        assert_eq!(words[0], ("aebo".to_owned(), vec![0, 0, 1, 2]));
        assert_eq!(words[1], ("x".to_owned(), vec![5]));
    }

    #[test]
    fn hyphenated_words_give_parts_and_the_joined_form() {
        let mut seen = Vec::new();
        for_each_word("kommunal e-post, art. 6", |w, p| {
            seen.push((w.to_owned(), p))
        });
        let words: Vec<&str> = seen.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["kommunal", "e", "post", "epost", "art", "6"]);
        assert_eq!(seen[3].1, 1);
    }

    #[test]
    fn query_terms_join_hyphens_and_split_punctuation() {
        assert_eq!(query_terms("E-post art.6"), vec!["epost", "art", "6"]);
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        let s = Stems::default();
        let stem = |w: &str| s.stem(w).into_owned();
        assert_eq!(stem("bilder"), stem("bilde"));
        assert_eq!(stem("bildet"), stem("bilde"));
        assert_eq!(stem("sletting"), stem("slettes"));
        assert_eq!(stem("moderering"), stem("moderere"));
        assert_eq!(stem("oppbevaring"), stem("oppbevares"));
        assert_eq!(stem("profilering"), stem("profilert"));
    }
}
