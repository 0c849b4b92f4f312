//! Fuzzy search over guideline items: the matcher and the ranking, no UI.
//!
//! Like fzf, space-separated terms match independently and all must match.
//! Text is folded before matching (lowercase, å→a, ø→o, æ→ae, accents
//! dropped), so `forhandsdroftelse` finds «forhåndsdrøftelse».

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::content::Library;
use crate::domain::ItemRef;

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: ItemRef,
    pub score: i64,
    /// Matched positions in the item's text, as char indices, sorted.
    pub text_positions: Vec<usize>,
}

/// A field of an item, folded once when the index is built.
#[derive(Debug, Clone)]
struct Folded {
    text: String,
    /// For each char of `text`, the index of the char it came from.
    origin: Vec<usize>,
}

impl Folded {
    fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.chars().enumerate() {
            for lower in c.to_lowercase() {
                let n = fold_char(lower, &mut text);
                origin.extend(std::iter::repeat_n(i, n));
            }
        }
        Folded { text, origin }
    }
}

/// Pushes the folded form of a lowercase char; returns how many chars it pushed.
fn fold_char(c: char, out: &mut String) -> usize {
    let folded: &str = match c {
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
            out.push(c);
            return 1;
        }
    };
    out.push_str(folded);
    folded.len()
}

/// Folds a query the same way the index is folded.
pub fn fold(text: &str) -> String {
    Folded::new(text).text
}

#[derive(Debug, Clone)]
struct Entry {
    at: ItemRef,
    text: Folded,
    /// Section title, document title and tags, matched with lower weight.
    context: [String; 3],
}

/// The search index over every item of a library.
pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .finish()
    }
}

/// How much a match in the item's own text counts over one in its context.
const TEXT_WEIGHT: i64 = 2;

impl SearchIndex {
    pub fn new(library: &Library) -> Self {
        let entries = library
            .items()
            .map(|v| Entry {
                at: v.at,
                text: Folded::new(&v.item.text),
                context: [
                    fold(&v.section.title),
                    fold(&v.document.title),
                    fold(&v.item.tags.join(" ")),
                ],
            })
            .collect();
        SearchIndex {
            entries,
            // Both sides are folded to lowercase already.
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ranked hits for `query`, best first, at most `limit`. An empty query
    /// gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = query.split_whitespace().map(fold).collect();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(i64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| self.score(e, &terms).map(|s| (s, i)))
            .collect();
        // Best score first; equal scores keep document order.
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, i)| {
                let e = &self.entries[i];
                Hit {
                    at: e.at,
                    score,
                    text_positions: self.positions(&e.text, &terms),
                }
            })
            .collect()
    }

    fn score(&self, e: &Entry, terms: &[String]) -> Option<i64> {
        let mut total = 0;
        for term in terms {
            let in_text = self
                .matcher
                .fuzzy_match(&e.text.text, term)
                .map(|s| s * TEXT_WEIGHT);
            let in_context = e
                .context
                .iter()
                .filter_map(|c| self.matcher.fuzzy_match(c, term))
                .max();
            total += in_text.max(in_context)?;
        }
        Some(total)
    }

    fn positions(&self, text: &Folded, terms: &[String]) -> Vec<usize> {
        let mut out: Vec<usize> = terms
            .iter()
            .filter_map(|t| self.matcher.fuzzy_indices(&text.text, t))
            .flat_map(|(_, idx)| idx)
            .filter_map(|i| text.origin.get(i).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
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
    fn folded_positions_point_back_to_original_chars() {
        let f = Folded::new("Æbø");
        assert_eq!(f.text, "aebo");
        assert_eq!(f.origin, vec![0, 0, 1, 2]);
    }
}
