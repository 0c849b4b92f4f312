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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub at: ItemRef,
    pub score: i64,
}

/// Ranked hits and how many items matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
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

fn terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

#[derive(Debug, Clone)]
struct Entry {
    at: ItemRef,
    text: String,
    tags: String,
    /// Indices into `SearchIndex::contexts`: the section title and the
    /// document title, shared by many items and so matched once per search.
    section: usize,
    document: usize,
}

/// The search index over every item of a library.
pub struct SearchIndex {
    entries: Vec<Entry>,
    contexts: Vec<String>,
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

/// How many candidates the fuzzy matcher ranks after the cheap first pass,
/// beyond the hits asked for.
const RERANK_MARGIN: usize = 10;

/// First-pass scores: a substring at a word start, any substring; a
/// scattered match scores at most 1000.
const WORD_START: u32 = 3000;
const SUBSTRING: u32 = 2000;

/// From this many items the first pass runs on every core.
const PARALLEL_FROM: usize = 4096;

impl SearchIndex {
    pub fn new(library: &Library) -> Self {
        let mut contexts = Vec::new();
        let mut entries = Vec::with_capacity(library.item_count());
        for (d, document) in library.documents.iter().enumerate() {
            let doc_ctx = contexts.len();
            contexts.push(fold(&document.title));
            for (s, section) in document.sections.iter().enumerate() {
                let sec_ctx = contexts.len();
                contexts.push(fold(&section.title));
                for (i, item) in section.items.iter().enumerate() {
                    entries.push(Entry {
                        at: ItemRef {
                            document: d,
                            section: s,
                            item: i,
                        },
                        text: fold(&item.text),
                        tags: fold(&item.tags.join(" ")),
                        section: sec_ctx,
                        document: doc_ctx,
                    });
                }
            }
        }
        SearchIndex {
            entries,
            contexts,
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
        self.search_counted(query, limit).hits
    }

    /// Like `search`, with the number of all matching items.
    ///
    /// Two passes keep a keystroke within a frame on large corpora: a cheap
    /// pass finds every item where all terms match (as subsequences) and
    /// orders them by how tight the match is; the fuzzy matcher then scores
    /// and ranks the best of those.
    pub fn search_counted(&self, query: &str, limit: usize) -> Results {
        let terms = terms(query);
        if terms.is_empty() || limit == 0 {
            return Results::default();
        }
        let context_scores: Vec<Vec<Option<u32>>> = terms
            .iter()
            .map(|t| self.contexts.iter().map(|c| tightness(c, t)).collect())
            .collect();
        let mut candidates = self.cheap_pass(&terms, &context_scores);
        let total = candidates.len();
        let rerank = limit + RERANK_MARGIN;
        let by_cheap = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if candidates.len() > rerank {
            candidates.select_nth_unstable_by(rerank - 1, by_cheap);
            candidates.truncate(rerank);
        }
        // Section and document titles are shared by many items: score each once.
        let mut context_cache: Vec<Vec<Option<Option<i64>>>> =
            vec![vec![None; self.contexts.len()]; terms.len()];
        let mut scored: Vec<(i64, usize)> = candidates
            .into_iter()
            .filter_map(|(_, i)| {
                self.score(&self.entries[i], &terms, &mut context_cache)
                    .map(|s| (s, i))
            })
            .collect();
        // Best score first; equal scores keep document order.
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        let hits = scored
            .into_iter()
            .map(|(score, i)| Hit {
                at: self.entries[i].at,
                score,
            })
            .collect();
        Results { hits, total }
    }

    /// Every entry where all terms match somewhere, with its rough score.
    /// Large corpora are split over the machine's cores.
    fn cheap_pass(
        &self,
        terms: &[String],
        context_scores: &[Vec<Option<u32>>],
    ) -> Vec<(u32, usize)> {
        let check = |offset: usize, entries: &[Entry]| -> Vec<(u32, usize)> {
            entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let mut total = 0;
                    for (term, ctx) in terms.iter().zip(context_scores) {
                        let in_text = tightness(&e.text, term).map(|s| s * TEXT_WEIGHT as u32);
                        // A substring in the text beats any match in the context.
                        if let Some(score) =
                            in_text.filter(|s| *s >= SUBSTRING * TEXT_WEIGHT as u32)
                        {
                            total += score;
                            continue;
                        }
                        let in_context = ctx[e.section]
                            .max(ctx[e.document])
                            .max(tightness(&e.tags, term));
                        total += in_text.max(in_context)?;
                    }
                    Some((total, offset + i))
                })
                .collect()
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if self.entries.len() < PARALLEL_FROM || threads < 2 {
            return check(0, &self.entries);
        }
        let chunk = self.entries.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .entries
                .chunks(chunk)
                .enumerate()
                .map(|(n, part)| scope.spawn(move || check(n * chunk, part)))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    fn score(
        &self,
        e: &Entry,
        terms: &[String],
        cache: &mut [Vec<Option<Option<i64>>>],
    ) -> Option<i64> {
        let mut total = 0;
        for (t, term) in terms.iter().enumerate() {
            let in_text = self
                .matcher
                .fuzzy_match(&e.text, term)
                .map(|s| s * TEXT_WEIGHT);
            let mut context = |c: usize| {
                *cache[t][c]
                    .get_or_insert_with(|| self.matcher.fuzzy_match(&self.contexts[c], term))
            };
            let in_context = context(e.section)
                .max(context(e.document))
                .max(self.matcher.fuzzy_match(&e.tags, term));
            total += in_text.max(in_context)?;
        }
        Some(total)
    }

    /// Where `query` matches in `text`, as sorted char indices into `text`:
    /// the characters to highlight.
    pub fn positions(&self, text: &str, query: &str) -> Vec<usize> {
        let folded = Folded::new(text);
        let mut out: Vec<usize> = terms(query)
            .iter()
            .filter_map(|t| self.matcher.fuzzy_indices(&folded.text, t))
            .flat_map(|(_, idx)| idx)
            .filter_map(|i| folded.origin.get(i).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// How tightly `needle` occurs in `haystack` as a subsequence: highest for a
/// substring at a word start, then any substring, then by the shortest span.
fn tightness(haystack: &str, needle: &str) -> Option<u32> {
    if let Some(at) = haystack.find(needle) {
        let word_start = haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        return Some(if word_start { WORD_START } else { SUBSTRING });
    }
    let hay = haystack.as_bytes();
    let pattern = needle.as_bytes();
    // Forward: the earliest end of a match; backward: the latest start for it.
    let mut p = 0;
    let mut end = None;
    for (i, &b) in hay.iter().enumerate() {
        if b == pattern[p] {
            p += 1;
            if p == pattern.len() {
                end = Some(i);
                break;
            }
        }
    }
    let end = end?;
    let mut p = pattern.len();
    let mut start = end;
    for i in (0..=end).rev() {
        if hay[i] == pattern[p - 1] {
            p -= 1;
            if p == 0 {
                start = i;
                break;
            }
        }
    }
    let gaps = (end + 1 - start - pattern.len()) as u32;
    Some(1000u32.saturating_sub(gaps).max(1))
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
