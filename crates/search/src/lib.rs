//! Search over guideline items: the matcher and the ranking, no UI.
//!
//! Words first. Each query term is matched against whole words of an item,
//! best first: the exact word, the same stem («bilder» meets «bildet»), a word
//! that starts with the term, a compound that ends with or holds it, a
//! synonym from `data/synonyms.ron`, a word with one or two typos, and last
//! the term's letters in order inside one word. A term never matches letters
//! scattered across several words. Items that hold every term come first;
//! terms close together in the text count; section titles, tags and places
//! count less than the text. Text is folded (lowercase, å→a, ø→o, æ→ae), so
//! `forhandsdroftelse` finds «forhåndsdrøftelse».

pub use somevett_text::words as text;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use memchr::memmem;

use somevett_content::Library;
use somevett_content::synonyms::Synonyms;
use somevett_domain::ItemRef;
pub use text::fold;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use text::{Stems, for_each_spanned_word, for_each_word, query_terms};

/// One ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub at: ItemRef,
    pub score: i64,
}

/// Ranked hits and how many items matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The hits that deserve a place: those within reach of the best, at most
    /// the limit asked for.
    pub hits: Vec<Hit>,
    /// How many items hold every term (or, when none does, the most terms).
    pub total: usize,
}

/// How well one word matches one term; higher is better.
mod class {
    pub const EXACT: u16 = 100;
    pub const STEM: u16 = 94;
    pub const PREFIX: u16 = 88;
    /// The term ends a compound: «vurdering» in «konsekvensvurdering».
    pub const SUFFIX: u16 = 76;
    pub const SYNONYM: u16 = 66;
    pub const SYNONYM_PREFIX: u16 = 60;
    pub const TYPO_1: u16 = 54;
    /// The term inside a compound: «konsekvens» in «personvernkonsekvenser».
    pub const INFIX: u16 = 48;
    pub const TYPO_2: u16 = 42;
    pub const SUBSEQUENCE: u16 = 24;
}

/// Weights of the fields, in percent of a match in the item's text.
const TAGS: u32 = 70;
const SECTION: u32 = 60;
const PLACE: u32 = 50;
const DOCUMENT: u32 = 35;

/// A hit is shown when its score is at least this share (percent) of the best.
const CUT_OFF: i64 = 45;

/// Words that carry no meaning in a query, dropped when other terms remain.
const STOP_WORDS: &[&str] = &[
    "a", "about", "and", "at", "av", "de", "den", "det", "du", "eller", "en", "er", "et", "for",
    "fra", "hva", "hvem", "hvor", "hvordan", "i", "jeg", "kan", "ma", "man", "med", "mot", "nar",
    "of", "og", "om", "on", "pa", "regel", "regelen", "regler", "reglene", "rule", "rules", "sier",
    "skal", "som", "the", "til", "to", "ved", "vi",
];

/// One alternative way to satisfy a term: its words in order (one, or a
/// phrase), literal or through a synonym.
#[derive(Debug, Clone)]
struct Alternative {
    term: usize,
    words: Vec<String>,
    literal: bool,
    /// Matched only as the whole word (a synonym file's `whole`).
    whole: bool,
}

impl Alternative {
    /// A single typed word gets every kind of match; a word of a phrase or
    /// a synonym only the close ones; a whole-word entry only itself.
    fn full(&self) -> bool {
        self.literal && self.words.len() == 1 && !self.whole
    }
}

/// A query, parsed once: its terms and each term's alternatives.
#[derive(Debug, Clone, Default)]
struct Query {
    terms: usize,
    alternatives: Vec<Alternative>,
}

/// Synonym groups, folded: each member as the stems of its words.
#[derive(Debug, Default)]
struct SynonymTable {
    /// Each group's members, as folded words (not its one-way `from` words,
    /// which lead to the group but are not led to).
    groups: Vec<Vec<Vec<String>>>,
    /// The folded words matched only as whole words.
    whole: std::collections::HashSet<Vec<String>>,
    /// A member's stems joined by spaces -> the groups it belongs to.
    by_key: HashMap<String, Vec<usize>>,
    /// The longest member, in words.
    longest: usize,
}

impl SynonymTable {
    fn new(synonyms: &Synonyms, stems: &Stems) -> Self {
        let mut table = SynonymTable::default();
        for group in &synonyms.groups {
            let g = table.groups.len();
            let members: Vec<Vec<String>> = group
                .words
                .iter()
                .map(|w| query_terms(w))
                .filter(|m| !m.is_empty())
                .collect();
            let from: Vec<Vec<String>> = group
                .from
                .iter()
                .map(|w| query_terms(w))
                .filter(|m| !m.is_empty())
                .collect();
            for m in members.iter().chain(&from) {
                table.longest = table.longest.max(m.len());
                let ids = table.by_key.entry(key(m, stems)).or_default();
                if !ids.contains(&g) {
                    ids.push(g);
                }
            }
            table.whole.extend(
                group
                    .whole
                    .iter()
                    .map(|w| query_terms(w))
                    .filter(|m| !m.is_empty()),
            );
            table.groups.push(members);
        }
        table
    }
}

fn key(words: &[String], stems: &Stems) -> String {
    words
        .iter()
        .map(|w| stems.stem(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every distinct folded word of the corpus, in one buffer.
#[derive(Debug, Default)]
struct Vocabulary {
    /// "\nword\nword\n…": one shared buffer, searched with memmem.
    buffer: String,
    /// Where each word starts in `buffer`; one more at the end.
    starts: Vec<u32>,
    /// Each word's stem, as an id.
    stem_of: Vec<u32>,
    /// Each word's letters a-z as bits: a cheap test before counting typos.
    letters: Vec<u32>,
    stem_ids: WordMap<u32>,
}

impl Vocabulary {
    fn len(&self) -> usize {
        self.stem_of.len()
    }

    fn word(&self, id: usize) -> &str {
        let start = self.starts[id] as usize;
        let end = self.starts[id + 1] as usize - 1;
        &self.buffer[start..end]
    }

    /// The word containing byte `offset` of the buffer.
    fn word_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }
}

/// A multiply-rotate hash for short words: the index is built from
/// trusted-enough text, and SipHash's resistance to flooding cost a third of
/// the build time.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<V> = HashMap<Box<str>, V, BuildHasherDefault<WordHasher>>;

/// A word of at most 15 bytes packed with its length into one integer: most
/// words are, and looking them up then compares integers, not strings.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    key[15] = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
    Some(u128::from_le_bytes(key))
}

/// Builds a vocabulary and the token lists that point into it.
struct Builder<'s> {
    /// Word ids by `short_key`, and of longer words by the word.
    short_ids: HashMap<u128, u32, BuildHasherDefault<WordHasher>>,
    ids: WordMap<u32>,
    /// Folded text of the field being added, reused.
    folded: String,
    vocabulary: Vocabulary,
    stems: &'s Stems,
}

impl Builder<'_> {
    fn id(&mut self, word: &str) -> u32 {
        let short = short_key(word);
        let known = match short {
            Some(key) => self.short_ids.get(&key),
            None => self.ids.get(word),
        };
        if let Some(&id) = known {
            return id;
        }
        let v = &mut self.vocabulary;
        let id = v.stem_of.len() as u32;
        if v.buffer.is_empty() {
            v.buffer.push('\n');
        }
        v.starts.pop();
        v.starts.push(v.buffer.len() as u32);
        v.buffer.push_str(word);
        v.buffer.push('\n');
        v.starts.push(v.buffer.len() as u32);
        let stem = self.stems.stem(word);
        let next = v.stem_ids.len() as u32;
        let stem_id = *v.stem_ids.entry(stem.into()).or_insert(next);
        v.stem_of.push(stem_id);
        v.letters.push(letters(word));
        match short {
            Some(key) => self.short_ids.insert(key, id),
            None => self.ids.insert(word.into(), id),
        };
        id
    }

    /// Appends the words of `text` to `tokens` as word ids, in order.
    fn tokens(&mut self, text: &str, tokens: &mut Tokens) {
        let mut folded = std::mem::take(&mut self.folded);
        folded.clear();
        text::fold_into(text, &mut folded);
        for_each_word(&folded, |w, _| tokens.push(self.id(w)));
        self.folded = folded;
    }
}

/// Word ids, one field after another: two bytes each while the vocabulary
/// fits in them (it does for every pack we know), else four.
#[derive(Debug)]
enum Tokens {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Default for Tokens {
    fn default() -> Self {
        Tokens::Narrow(Vec::new())
    }
}

impl Tokens {
    fn len(&self) -> u32 {
        let n = match self {
            Tokens::Narrow(v) => v.len(),
            Tokens::Wide(v) => v.len(),
        };
        n as u32
    }

    fn push(&mut self, id: u32) {
        match self {
            Tokens::Narrow(v) => match u16::try_from(id) {
                Ok(id) => v.push(id),
                Err(_) => {
                    let mut wide: Vec<u32> = v.iter().map(|&x| u32::from(x)).collect();
                    wide.push(id);
                    *self = Tokens::Wide(wide);
                }
            },
            Tokens::Wide(v) => v.push(id),
        }
    }

    fn append(&mut self, other: Tokens) {
        match other {
            Tokens::Narrow(v) => v.into_iter().for_each(|id| self.push(u32::from(id))),
            Tokens::Wide(v) => v.into_iter().for_each(|id| self.push(id)),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Tokens::Narrow(v) => v.shrink_to_fit(),
            Tokens::Wide(v) => v.shrink_to_fit(),
        }
    }
}

/// One item: its fields as ranges of tokens. Where it is comes from
/// `SearchIndex::section_starts`, only for the hits shown.
#[derive(Debug, Clone)]
struct Entry {
    /// The fields lie one after another in `SearchIndex::tokens`: the text
    /// from `bounds[0]`, the tags from `bounds[1]`, the place from
    /// `bounds[2]` to `bounds[3]`.
    bounds: [u32; 4],
    /// Indices into `SearchIndex::contexts`: the section title and the
    /// document title, shared by many items and so matched once per search.
    section: u32,
    document: u32,
}

/// Where a section's items start among the entries: (first entry,
/// document, section). An item's place is found from its entry's index.
type SectionStart = [u32; 3];

impl Entry {
    fn text(&self) -> Range<u32> {
        self.bounds[0]..self.bounds[1]
    }

    fn tags(&self) -> Range<u32> {
        self.bounds[1]..self.bounds[2]
    }

    fn place(&self) -> Range<u32> {
        self.bounds[2]..self.bounds[3]
    }
}

/// The search index over every item of a library: built once, at load.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// One per section with items, in entry order.
    section_starts: Vec<SectionStart>,
    /// Every field's words as vocabulary ids, one field after another; a
    /// word's position is its index in its field.
    tokens: Tokens,
    contexts: Vec<Range<u32>>,
    vocabulary: Vocabulary,
    stems: Stems,
    synonyms: SynonymTable,
    /// Letters in order inside one word: the last tier.
    skim: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("words", &self.vocabulary.len())
            .finish_non_exhaustive()
    }
}

/// How one term matched one field: the best score and where in the field.
#[derive(Debug, Clone, Copy, Default)]
struct FieldMatch {
    score: u16,
    pos: u16,
}

/// Per-query lookup: for each vocabulary word, the alternatives' words it
/// matches and how well.
struct Plan {
    query: Query,
    /// Vocabulary word -> 1 + index into `lists`, or 0 for no match.
    table: Vec<u32>,
    lists: Vec<Vec<(u16, u8, u16)>>,
}

/// Scratch space for matching one field.
struct Scan {
    best: Vec<FieldMatch>,
    /// Per phrase alternative, per word: the last position and score it
    /// matched, at `phrase_at[alternative]`.
    last: Vec<(i32, u16)>,
    phrase_at: Vec<usize>,
    /// Whether the last field matched anything, so there is something to reset.
    dirty: bool,
}

const NEVER: (i32, u16) = (i32::MIN / 2, 0);

impl Scan {
    fn new(plan: &Plan) -> Self {
        let mut phrase_at = Vec::new();
        let mut slots = 0;
        for a in &plan.query.alternatives {
            phrase_at.push(slots);
            if a.words.len() > 1 {
                slots += a.words.len();
            }
        }
        Scan {
            best: vec![FieldMatch::default(); plan.query.terms],
            last: vec![NEVER; slots],
            phrase_at,
            dirty: false,
        }
    }

    fn reset(&mut self) {
        if self.dirty {
            self.best.fill(FieldMatch::default());
            self.last.fill(NEVER);
            self.dirty = false;
        }
    }
}

impl SearchIndex {
    pub fn new(library: &Library) -> Self {
        let stems = Stems::default();
        let synonyms = SynonymTable::new(&library.synonyms, &stems);
        let mut builder = Builder {
            short_ids: HashMap::default(),
            ids: WordMap::default(),
            folded: String::new(),
            vocabulary: Vocabulary::default(),
            stems: &stems,
        };
        let mut tokens = Tokens::default();
        let mut contexts = Vec::new();
        let mut entries = Vec::with_capacity(library.item_count());
        let mut section_starts = Vec::new();
        let mut context = |builder: &mut Builder, tokens: &mut Tokens, text: &str| {
            let start = tokens.len();
            builder.tokens(text, tokens);
            contexts.push(start..tokens.len());
            contexts.len() as u32 - 1
        };
        let mut context_tokens = Tokens::default();
        for (d, document) in library.documents.iter().enumerate() {
            let doc_ctx = context(&mut builder, &mut context_tokens, &document.title);
            for (s, section) in document.sections.iter().enumerate() {
                let sec_ctx = context(&mut builder, &mut context_tokens, &section.title);
                if !section.items.is_empty() {
                    section_starts.push([entries.len(), d, s].map(|n| n as u32));
                }
                for item in &section.items {
                    let mut field = |texts: &[&str]| {
                        let start = tokens.len();
                        for text in texts {
                            builder.tokens(text, &mut tokens);
                        }
                        start..tokens.len()
                    };
                    let text = field(&[&item.text]);
                    let tags: Vec<&str> = item.tags.iter().collect();
                    let tags = field(&tags);
                    let place = field(&[&item.place]);
                    debug_assert!(text.end == tags.start && tags.end == place.start);
                    entries.push(Entry {
                        bounds: [text.start, tags.start, place.start, place.end],
                        section: sec_ctx,
                        document: doc_ctx,
                    });
                }
            }
        }
        // Context tokens go after the items' tokens, in the same buffer.
        let offset = tokens.len();
        tokens.append(context_tokens);
        tokens.shrink_to_fit();
        let contexts = contexts
            .into_iter()
            .map(|r| r.start + offset..r.end + offset)
            .collect();
        let mut vocabulary = builder.vocabulary;
        vocabulary.buffer.shrink_to_fit();
        section_starts.shrink_to_fit();
        SearchIndex {
            entries,
            section_starts,
            tokens,
            contexts,
            vocabulary,
            stems,
            synonyms,
            skim: SkimMatcherV2::default(),
        }
    }

    /// Where the item of entry `i` is.
    fn item_at(&self, i: usize) -> ItemRef {
        let n = self.section_starts.partition_point(|p| p[0] as usize <= i);
        let [first, document, section] = self.section_starts[n - 1].map(|x| x as usize);
        ItemRef {
            document,
            section,
            item: i - first,
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

    /// Like `search`, with the number of items that matched.
    pub fn search_counted(&self, query: &str, limit: usize) -> Results {
        self.ranked(self.parse(query), limit)
    }

    /// Like `search_counted`, with the query's words to highlight hits with
    /// (`highlight`): the query is parsed once for both.
    pub fn search_highlighted(&self, query: &str, limit: usize) -> (Results, Highlight) {
        let query = self.parse(query);
        let highlight = self.highlight_for(&query);
        (self.ranked(query, limit), highlight)
    }

    fn ranked(&self, query: Query, limit: usize) -> Results {
        if query.terms == 0 || limit == 0 {
            return Results::default();
        }
        let plan = self.plan(query);
        let terms = plan.query.terms;
        let mut scan = Scan::new(&plan);
        // Each context's best score per term, flat: `contexts × terms`.
        let mut context_scores = Vec::with_capacity(self.contexts.len() * terms);
        for r in &self.contexts {
            self.scan(&plan, r, &mut scan);
            context_scores.extend(scan.best.iter().map(|m| u32::from(m.score)));
        }
        let context = |c: u32| &context_scores[c as usize * terms..(c as usize + 1) * terms];
        let mut scored: Vec<(usize, i64, usize)> = Vec::new();
        let mut text = vec![FieldMatch::default(); terms];
        let mut side = vec![0u32; terms];
        for (i, e) in self.entries.iter().enumerate() {
            self.scan(&plan, &e.text(), &mut scan);
            let mut any = scan.dirty;
            text.copy_from_slice(&scan.best);
            let (section, document) = (context(e.section), context(e.document));
            for ((s, sec), doc) in side.iter_mut().zip(section).zip(document) {
                *s = (sec * SECTION).max(doc * DOCUMENT);
                any |= *s > 0;
            }
            for (range, weight) in [(&e.tags(), TAGS), (&e.place(), PLACE)] {
                if range.is_empty() {
                    continue;
                }
                self.scan(&plan, range, &mut scan);
                if scan.dirty {
                    any = true;
                    for (s, m) in side.iter_mut().zip(&scan.best) {
                        *s = (*s).max(u32::from(m.score) * weight);
                    }
                }
            }
            if !any {
                continue;
            }
            let mut covered = 0;
            let mut score: i64 = 0;
            let (mut first, mut last, mut in_text) = (u16::MAX, 0u16, 0);
            for (m, &s) in text.iter().zip(&side) {
                let own = i64::from(m.score) * 100;
                let other = i64::from(s);
                if own == 0 && other == 0 {
                    continue;
                }
                covered += 1;
                score += own.max(other) + own.min(other) / 4;
                if m.score > 0 {
                    in_text += 1;
                    first = first.min(m.pos);
                    last = last.max(m.pos);
                }
            }
            if covered == 0 {
                continue;
            }
            if in_text > 1 {
                // Terms close together: up to 20 points per extra term.
                let span = i64::from(last - first);
                score += 2000 * (in_text - 1) * 4 / (4 + span);
            }
            scored.push((covered, score, i));
        }
        let Some(most) = scored.iter().map(|s| s.0).max() else {
            return Results::default();
        };
        scored.retain(|s| s.0 == most);
        let total = scored.len();
        let best = scored.iter().map(|s| s.1).max().unwrap_or(0);
        scored.retain(|s| s.1 * 100 >= best * CUT_OFF);
        // Best score first; equal scores keep document order. Only the hits
        // shown are sorted.
        let order =
            |a: &(usize, i64, usize), b: &(usize, i64, usize)| b.1.cmp(&a.1).then(a.2.cmp(&b.2));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        let hits = scored
            .into_iter()
            .map(|(_, score, i)| Hit {
                at: self.item_at(i),
                score: score / 10,
            })
            .collect();
        Results { hits, total }
    }

    /// The terms of a query and their alternatives: the literal words, and
    /// the members of any synonym group a term (or a run of terms) belongs to.
    fn parse(&self, query: &str) -> Query {
        let words: Vec<String> = query_terms(query)
            .into_iter()
            .flat_map(|w| match self.split_compound(&w) {
                Some((head, tail)) => vec![head, tail],
                None => vec![w],
            })
            .collect();
        let mut groups_of: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = self.synonyms.longest.min(words.len() - i).max(1);
            let found = (1..=longest).rev().find_map(|n| {
                let run = &words[i..i + n];
                let groups = self.synonyms.by_key.get(&key(run, &self.stems))?;
                Some((run.to_vec(), groups.clone()))
            });
            let (run, groups) = found.unwrap_or_else(|| (vec![words[i].clone()], Vec::new()));
            i += run.len();
            groups_of.push((run, groups));
        }
        let meaningful = groups_of
            .iter()
            .any(|(run, groups)| run.len() > 1 || !groups.is_empty() || !is_stop_word(&run[0]));
        let mut parsed = Query::default();
        for (run, groups) in groups_of {
            if meaningful && run.len() == 1 && groups.is_empty() && is_stop_word(&run[0]) {
                continue;
            }
            let term = parsed.terms;
            parsed.terms += 1;
            for &g in &groups {
                for member in &self.synonyms.groups[g] {
                    if *member != run
                        && !parsed
                            .alternatives
                            .iter()
                            .any(|a| a.term == term && a.words == *member)
                    {
                        parsed.alternatives.push(Alternative {
                            term,
                            whole: self.synonyms.whole.contains(member),
                            words: member.clone(),
                            literal: false,
                        });
                    }
                }
            }
            parsed.alternatives.push(Alternative {
                term,
                whole: self.synonyms.whole.contains(&run),
                words: run,
                literal: true,
            });
        }
        parsed
    }

    /// A typed compound that no word of the corpus starts with, cut where both
    /// halves are words of the corpus, with or without a linking «s» or «e»
    /// between them: «facebookgruppe» → «facebook» «gruppe»,
    /// «taushetspliktbrudd» → «taushetsplikt» «brudd», «bildedeling» →
    /// «bilde» «deling», «personvernerklæringer» → «personvern»
    /// «erklæringer». A whole word always wins: a term is split only when no
    /// word of the corpus starts with it.
    fn split_compound(&self, term: &str) -> Option<(String, String)> {
        let chars = term.chars().count();
        let known = |w: &str| {
            self.synonyms
                .by_key
                .contains_key(self.stems.stem(w).as_ref())
        };
        if chars < 8 || self.starts_a_word(term) || known(term) {
            return None;
        }
        // The cut points, at least three letters from either end.
        let cuts: Vec<usize> = term
            .char_indices()
            .map(|(i, _)| i)
            .skip(3)
            .take(chars.saturating_sub(5))
            .collect();
        // The longest head first: «personvernombudet» keeps «personvern».
        cuts.iter().rev().find_map(|&i| {
            let (head, rest) = term.split_at(i);
            if !self.is_head(head) && !known(head) {
                return None;
            }
            // The tail as it is, or after a linking «s» or «e».
            let linked = rest
                .strip_prefix(['s', 'e'])
                .filter(|t| t.chars().count() >= 3);
            [Some(rest), linked]
                .into_iter()
                .flatten()
                .find(|tail| self.is_tail(tail) || known(tail))
                .map(|tail| (head.to_owned(), tail.to_owned()))
        })
    }

    /// A compound's first part: a word of the corpus, or (five letters or
    /// more) the start of one, as «kommentar» starts «kommentarer».
    fn is_head(&self, head: &str) -> bool {
        self.is_word(head) || (head.chars().count() >= 5 && self.starts_a_word(head))
    }

    /// A compound's last part: the start of a word of the corpus, or so once
    /// an inflection is taken off («deling» → «del», as in «dele»), or (five
    /// letters or more) the end of one, as «erklæring» ends
    /// «personvernerklæring».
    fn is_tail(&self, tail: &str) -> bool {
        if self.starts_a_word(tail) || (tail.chars().count() >= 5 && self.ends_a_word(tail)) {
            return true;
        }
        ["ingen", "ing", "ene", "er", "en", "et"]
            .iter()
            .filter_map(|suffix| tail.strip_suffix(suffix))
            .any(|stem| stem.chars().count() >= 3 && self.starts_a_word(stem))
    }

    fn is_word(&self, word: &str) -> bool {
        let needle = format!("\n{word}\n");
        memmem::find(self.vocabulary.buffer.as_bytes(), needle.as_bytes()).is_some()
    }

    fn ends_a_word(&self, word: &str) -> bool {
        let needle = format!("{word}\n");
        memmem::find(self.vocabulary.buffer.as_bytes(), needle.as_bytes()).is_some()
    }

    fn starts_a_word(&self, word: &str) -> bool {
        let needle = format!("\n{word}");
        memmem::find(self.vocabulary.buffer.as_bytes(), needle.as_bytes()).is_some()
    }

    /// Finds, once per query, every vocabulary word each alternative's words match.
    fn plan(&self, query: Query) -> Plan {
        let v = &self.vocabulary;
        let mut table = vec![0u32; v.len()];
        let mut lists: Vec<Vec<(u16, u8, u16)>> = Vec::new();
        let mut add = |word: usize, a: u16, j: u8, score: u16| {
            if table[word] == 0 {
                lists.push(Vec::new());
                // As many lists as vocabulary words at most, which `u32` ids count.
                table[word] = u32::try_from(lists.len()).unwrap_or(u32::MAX);
            }
            let list = &mut lists[table[word] as usize - 1];
            match list.iter_mut().find(|(la, lj, _)| *la == a && *lj == j) {
                Some(entry) => entry.2 = entry.2.max(score),
                None => list.push((a, j, score)),
            }
        };
        // A query's alternatives and an alternative's words beyond what the
        // plan's small ids count are left out, not wrapped onto others.
        for (a, alt) in (0..=u16::MAX).zip(&query.alternatives) {
            let full = alt.full();
            for (j, word) in (0..=u8::MAX).zip(&alt.words) {
                if alt.whole {
                    self.whole_word(word, alt.literal, |id, score| add(id, a, j, score));
                } else {
                    self.matches(word, full, alt.literal, |id, score| add(id, a, j, score));
                }
            }
        }
        Plan {
            query,
            table,
            lists,
        }
    }

    /// Calls `found(word id, score)` for each vocabulary word that `pattern` matches.
    fn matches(&self, pattern: &str, full: bool, literal: bool, mut found: impl FnMut(usize, u16)) {
        let v = &self.vocabulary;
        let n = pattern.len();
        if n == 0 {
            return;
        }
        // Four letters are too few to guess a typo or a scattered word from.
        let fuzzy = full && n >= 5;
        let mut matched = vec![false; if fuzzy { v.len() } else { 0 }];
        self.substrings(pattern, full, literal, &mut matched, &mut found);
        self.inflections(pattern, literal, &mut matched, &mut found);
        if fuzzy {
            self.near_misses(pattern, &matched, &mut found);
        }
    }

    /// The vocabulary word that is `pattern` itself, for a whole-word entry.
    fn whole_word(&self, pattern: &str, literal: bool, mut found: impl FnMut(usize, u16)) {
        let v = &self.vocabulary;
        let needle = format!("\n{pattern}\n");
        if let Some(at) = memmem::find(v.buffer.as_bytes(), needle.as_bytes()) {
            let score = if literal {
                class::EXACT
            } else {
                class::SYNONYM
            };
            found(v.word_at(at + 1), score);
        }
    }

    /// Words that hold `pattern`: the same word, a word that starts with
    /// it, and (when it is long enough to be a part of a compound) one that
    /// ends with or holds it.
    fn substrings(
        &self,
        pattern: &str,
        full: bool,
        literal: bool,
        matched: &mut [bool],
        found: &mut impl FnMut(usize, u16),
    ) {
        let v = &self.vocabulary;
        let n = pattern.len();
        let (exact, prefix) = if literal {
            (class::EXACT, class::PREFIX)
        } else {
            (class::SYNONYM, class::SYNONYM_PREFIX)
        };
        let buffer = v.buffer.as_bytes();
        // From a word start only, unless the pattern is long enough to be
        // a part of a compound.
        let inside = full && n >= 4;
        let needle = if inside {
            pattern.to_owned()
        } else {
            format!("\n{pattern}")
        };
        let skip = usize::from(!inside);
        let mut previous = usize::MAX;
        for at in memmem::find_iter(buffer, needle.as_bytes()) {
            let at = at + skip;
            let id = v.word_at(at);
            let start = v.starts[id] as usize;
            let end = v.starts[id + 1] as usize - 1;
            let score = if at == start && at + n == end {
                exact
            } else if at == start {
                if !literal && n < 4 {
                    continue;
                }
                // Shorter completions first: «bil» likes «bilde» over «bildebruk».
                prefix - u16::try_from((end - start - n) / 4).map_or(6, |d| d.min(6))
            } else if at + n == end {
                class::SUFFIX
            } else {
                class::INFIX
            };
            if id == previous {
                found(id, score);
                continue;
            }
            previous = id;
            if let Some(m) = matched.get_mut(id) {
                *m = true;
            }
            found(id, score);
        }
    }

    /// Inflected forms: every word with the same stem as `pattern`.
    fn inflections(
        &self,
        pattern: &str,
        literal: bool,
        matched: &mut [bool],
        found: &mut impl FnMut(usize, u16),
    ) {
        let v = &self.vocabulary;
        let stem = if literal { class::STEM } else { class::SYNONYM };
        let stemmed = self.stems.stem(pattern);
        if let Some(&sid) = v.stem_ids.get(stemmed.as_ref()) {
            for (id, &s) in v.stem_of.iter().enumerate() {
                if s == sid && v.word(id) != pattern {
                    found(id, stem);
                    if let Some(m) = matched.get_mut(id) {
                        *m = true;
                    }
                }
            }
        }
    }

    /// Words not matched otherwise that are `pattern` with a typo or two,
    /// or that hold its letters in order.
    fn near_misses(&self, pattern: &str, matched: &[bool], found: &mut impl FnMut(usize, u16)) {
        let v = &self.vocabulary;
        let n = pattern.len();
        let max_typos = if n >= 8 { 2 } else { 1 };
        let p = pattern.as_bytes();
        let mut rows = Vec::new();
        let wanted = letters(pattern);
        for (id, done) in matched.iter().enumerate() {
            if *done {
                continue;
            }
            // Each edit adds or removes at most one letter that the other lacks.
            let have = v.letters[id];
            let missing = (wanted & !have).count_ones() as usize;
            if missing > max_typos {
                continue;
            }
            let w = v.word(id).as_bytes();
            if w.len().abs_diff(n) <= max_typos
                && (have & !wanted).count_ones() as usize <= max_typos
            {
                match typos_in(w, p, max_typos, &mut rows) {
                    Some(1) => {
                        found(id, class::TYPO_1);
                        continue;
                    }
                    Some(_) => {
                        found(id, class::TYPO_2);
                        continue;
                    }
                    None => {}
                }
            }
            if missing == 0
                && w.len() > n
                && w[0] == p[0]
                && in_word(&self.skim, v.word(id), pattern)
            {
                found(id, class::SUBSEQUENCE);
            }
        }
    }

    /// Matches one field's tokens; leaves each term's best in `scan.best`.
    fn scan(&self, plan: &Plan, field: &Range<u32>, scan: &mut Scan) {
        let range = field.start as usize..field.end as usize;
        match &self.tokens {
            Tokens::Narrow(v) => scan_words(plan, v[range].iter().map(|&w| u32::from(w)), scan),
            Tokens::Wide(v) => scan_words(plan, v[range].iter().copied(), scan),
        }
    }

    /// Where `query` matches in `text`, as sorted char indices into `text`:
    /// the characters to highlight. (For many texts, parse the query once
    /// with `search_highlighted` and use `highlight`.)
    pub fn positions(&self, text: &str, query: &str) -> Vec<usize> {
        self.highlight(&self.highlight_for(&self.parse(query)), text, usize::MAX)
    }

    /// Where `words` match in `text`, as sorted char indices into `text`,
    /// up to `reach` chars after the first match: what a line can show.
    pub fn highlight(&self, words: &Highlight, text: &str, reach: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut end = usize::MAX;
        for_each_spanned_word(text, |w, origin| {
            if origin.first().is_some_and(|&at| at > end) {
                return;
            }
            for pattern in &words.patterns {
                if let Some(range) = self.word_match(w, pattern) {
                    out.extend(range.filter_map(|i| origin.get(i).copied()));
                }
            }
            if end == usize::MAX
                && let Some(&first) = out.iter().min()
            {
                end = first.saturating_add(reach);
            }
        });
        out.sort_unstable();
        out.dedup();
        out.retain(|&at| at <= end);
        out
    }

    /// The words of a parsed query to highlight, with their stems.
    fn highlight_for(&self, query: &Query) -> Highlight {
        let patterns = query
            .alternatives
            .iter()
            .flat_map(|alt| {
                let full = alt.full();
                alt.words.iter().map(move |word| Pattern {
                    stem: self.stems.stem(word).into_owned(),
                    word: word.clone(),
                    full,
                    literal: alt.literal,
                })
            })
            .collect();
        Highlight { patterns }
    }

    /// Which chars (of the folded word) a pattern matches, by the same rules
    /// as `matches`.
    fn word_match(&self, w: &str, pattern: &Pattern) -> Option<Range<usize>> {
        let Pattern {
            word: p,
            stem,
            full,
            literal,
        } = pattern;
        let n = p.len();
        if n == 0 {
            return None;
        }
        let whole = 0..w.len();
        // A stem keeps a word's first letters (the stemmer only changes
        // suffixes after the third), so words that start differently are
        // never stemmed: stemming every word of every hit in view was most
        // of a keystroke's cost.
        if w == p || (w.as_bytes().first() == p.as_bytes().first() && self.stems.stem(w) == *stem) {
            return Some(whole);
        }
        if w.starts_with(p.as_str()) && (*literal || n >= 4) {
            return Some(0..n);
        }
        if !(*full && n >= 4) {
            return None;
        }
        if let Some(at) = w.find(p.as_str()) {
            return Some(at..at + n);
        }
        if n < 5 {
            return None;
        }
        let max_typos = if n >= 8 { 2 } else { 1 };
        if w.len().abs_diff(n) <= max_typos
            && typos(w.as_bytes(), p.as_bytes(), max_typos).is_some()
        {
            return Some(whole);
        }
        (w.len() > n && w.as_bytes()[0] == p.as_bytes()[0] && in_word(&self.skim, w, p))
            .then_some(whole)
    }
}

/// One word of a parsed query to highlight, with its stem.
#[derive(Debug, Clone)]
struct Pattern {
    word: String,
    stem: String,
    /// A single typed word: every kind of match counts.
    full: bool,
    literal: bool,
}

/// A query's words to highlight hits with (`SearchIndex::highlight`),
/// parsed once with the search (`SearchIndex::search_highlighted`).
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    patterns: Vec<Pattern>,
}

/// Matches one field's words; leaves each term's best in `scan.best`.
fn scan_words(plan: &Plan, words: impl Iterator<Item = u32>, scan: &mut Scan) {
    scan.reset();
    for (p, word) in words.enumerate() {
        let slot = plan.table[word as usize];
        if slot == 0 {
            continue;
        }
        let p = u16::try_from(p).unwrap_or(u16::MAX);
        for &(a, j, score) in &plan.lists[slot as usize - 1] {
            let alt = &plan.query.alternatives[usize::from(a)];
            let pos = i32::from(p);
            scan.dirty = true;
            let matched = if alt.words.len() == 1 {
                Some(score)
            } else {
                let at = scan.phrase_at[usize::from(a)];
                let last = &mut scan.last[at..at + alt.words.len()];
                last[usize::from(j)] = (pos, score);
                // A phrase: all its words within a short window.
                let window = alt.words.len() as i32 + 1;
                last.iter()
                    .all(|&(p, _)| pos - p <= window && p - pos <= window)
                    .then(|| last.iter().map(|l| l.1).min().unwrap_or(0))
            };
            if let Some(score) = matched {
                let best = &mut scan.best[alt.term];
                if score > best.score {
                    *best = FieldMatch { score, pos: p };
                }
            }
        }
    }
}

/// The letters a-z of a folded word, as bits.
fn letters(word: &str) -> u32 {
    word.bytes()
        .filter(u8::is_ascii_lowercase)
        .fold(0, |bits, b| bits | 1 << (b - b'a'))
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The number of edits (insert, delete, substitute, swap two neighbours)
/// between two words, if at most `max`.
fn typos(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    typos_in(a, b, max, &mut Vec::new())
}

/// `typos` with its three rows in `rows`, reused between calls.
fn typos_in(a: &[u8], b: &[u8], max: usize, rows: &mut Vec<Vec<usize>>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    rows.resize_with(3, Vec::new);
    for row in rows.iter_mut() {
        row.clear();
        row.resize(width, 0);
    }
    for (j, cell) in rows[1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[a.len() % 3][b.len()];
    (d <= max).then_some(d)
}

/// Skim's V2 score (fuzzy-matcher) a letters-in-order match must reach per
/// query letter: a matched letter scores 16, consecutive letters and word
/// starts add, gaps subtract; 17 keeps «kmmntr» in «kommentarfelt» (17.8)
/// and «smtk» in «samtykke» (18.8) and drops letters strewn over a long
/// compound, «pvk» in «personvernkonsekvens» (16.3).
const IN_WORD_SCORE: i64 = 17;

/// Whether `pattern`'s letters occur in order inside the one word `word`
/// (never across words), tightly enough, by skim's V2 scoring.
fn in_word(skim: &SkimMatcherV2, word: &str, pattern: &str) -> bool {
    skim.fuzzy_match(word, pattern)
        .is_some_and(|score| score >= IN_WORD_SCORE * pattern.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_knows_its_item_across_documents_and_empty_sections() {
        let pack = |id: &str| {
            format!(
                r#"(id: "{id}", title: "T", issuer: "I", kind: Retningslinjer, source: "s",
                sections: [
                    (id: "a", title: "A", items: [
                        (id: "1", text: "En.", place: "1"), (id: "2", text: "To.", place: "2")]),
                    (id: "b", title: "B", items: [(id: "1", text: "Tre.", place: "1")]),
                ])"#
            )
        };
        let (first, second) = (pack("x"), pack("y"));
        let mut library =
            Library::from_sources([("x.ron", first.as_str()), ("y.ron", second.as_str())]).unwrap();
        // The loader refuses an empty section; the index must not rely on it.
        let mut empty = library.documents[0].sections[0].clone();
        empty.items.clear();
        library.documents[0].sections.insert(1, empty);
        let index = SearchIndex::new(&library);
        let expected: Vec<ItemRef> = library.items().map(|v| v.at).collect();
        let found: Vec<ItemRef> = (0..index.len()).map(|i| index.item_at(i)).collect();
        assert_eq!(found, expected);
        assert_eq!(expected.len(), 6);
        let hits: Vec<ItemRef> = index.search("tre", 5).iter().map(|h| h.at).collect();
        assert_eq!(hits, [expected[2], expected[5]]);
    }

    #[test]
    fn tokens_widen_when_the_vocabulary_outgrows_two_bytes() {
        let mut tokens = Tokens::default();
        tokens.push(7);
        assert!(matches!(tokens, Tokens::Narrow(_)));
        tokens.push(70_000);
        match tokens {
            Tokens::Wide(v) => assert_eq!(v, vec![7, 70_000]),
            Tokens::Narrow(_) => panic!("still narrow"),
        }
    }

    #[test]
    fn typos_count_swaps_as_one_edit() {
        assert_eq!(typos(b"samtykke", b"samtykke", 2), Some(0));
        assert_eq!(typos(b"samtykke", b"smatykke", 2), Some(1));
        assert_eq!(typos(b"samtykke", b"samtyke", 2), Some(1));
        assert_eq!(typos(b"samtykke", b"sxmtyke", 1), None);
    }

    #[test]
    fn short_keys_tell_words_apart_and_leave_long_ones_out() {
        let words = [
            "",
            "a",
            "a\0",
            "b",
            "samtykke",
            "samtykket",
            "øy",
            "123456789012345",
        ];
        let keys: std::collections::HashSet<u128> =
            words.iter().filter_map(|w| short_key(w)).collect();
        assert_eq!(keys.len(), words.len());
        assert_eq!(short_key("personvernkonsekvens"), None);
        assert_eq!(short_key("1234567890123456"), None);
    }

    #[test]
    fn a_subsequence_must_be_tight() {
        let skim = SkimMatcherV2::default();
        assert!(in_word(&skim, "personvernombud", "pers"));
        assert!(in_word(&skim, "kommentarfelt", "kmmntr"));
        assert!(in_word(&skim, "samtykke", "smtk"));
        assert!(!in_word(&skim, "personvernkonsekvens", "pvk"));
        assert!(!in_word(&skim, "facebookkommunens", "cookies"));
    }
}
