//! The index of the words of every document's text, built in the background once the corpus
//! is loaded, so that a text search for words answers without reading the files again; kept
//! in the lasting store (`lasting`) so a corpus opened again has it at once.
//!
//! A word is a run of letters, digits and `_`. A term made only of such characters can only
//! occur inside one word (the characters around a word are not word characters), so its
//! occurrences in a document are its occurrences in the document's words, counted once per
//! distinct word: exactly what scanning the text finds. A term with other characters (`e-mail`,
//! `^start`) is answered by scanning, but only the documents the index cannot rule out.
//!
//! The index lives in shards of documents, each with its vocabulary as two texts (the words
//! as written, and lowercased) in which a term is found with one substring search, and each
//! word's postings (document, count) as variable-length integers (`posting`). A shard built
//! now covers consecutive documents; one reopened from the store knows where each of its
//! documents is now (documents changed or removed since are no longer its). Files over
//! `MEMORY_BYTES` are left to scanning, and so is every document no shard covers: a changed
//! one until it is indexed again, or those past the memory budget.

mod build;
mod file;
mod held;
mod known;
pub(crate) mod lasting;
mod lookup;
mod posting;
mod word_walk;

use super::scan::{group_holds, matches_all};
use super::tally::Tally;
use super::terms::ContentTerm;
use crate::search::query::pattern::Pattern;
use crate::search::query::pattern::glob::Glob;
use crate::text::words::{is_word_char, word_from};
use crate::work::job::Cancel;
pub(crate) use build::{build, build_read};
use held::{Bytes, U32s};
use known::{Known, MAYBE};
pub(crate) use word_walk::WordPostings;

/// Documents in a shard: work for one core at a time, and the unit of the budget.
pub(crate) const SHARD_DOCS: usize = 16_384;

/// Text a shard indexes at most; its later documents are left to scanning. This keeps a
/// shard's offsets within `u32` and the memory of one shard being built bounded.
const SHARD_TEXT_BYTES: usize = 256 << 20;

/// The default memory budget of the index, in MiB (`--index-memory`).
pub const DEFAULT_BUDGET_MIB: usize = 256;

/// The words of a corpus's documents, for the documents it covers. A clone shares what is
/// mapped from the store.
#[derive(Clone, Default)]
pub struct TextIndex {
    /// Built ones in document order; reopened ones in the order they were kept.
    shards: Vec<Shard>,
    bytes: usize,
}

#[derive(Clone)]
struct Shard {
    /// Where each of its documents is in the corpus now.
    places: Places,
    /// Each document's text length in bytes (for BM25), `u32::MAX` at most.
    lengths: U32s,
    /// Each document's words (what word lists and counts per million divide by).
    words: U32s,
    /// Documents left to scanning (files too big to hold), as local positions, in order.
    unindexed: U32s,
    vocabulary: Vocabulary,
    /// Each word's postings: (local document − previous one, count), as `posting` writes them.
    postings: Bytes,
    /// Where word `i`'s postings start in `postings`; one more entry than words.
    posting_starts: U32s,
}

/// Where a shard's documents are in the corpus.
#[derive(Clone)]
enum Places {
    /// Consecutive, from this one.
    From(usize),
    /// Each one's position, [`Places::GONE`] for one changed or removed since it was indexed.
    Listed(Vec<u32>),
}

impl Places {
    const GONE: u32 = u32::MAX;
}

/// A shard's distinct words, each followed by a line break, as written and lowercased; word
/// `i` starts at `starts[i]` in both.
#[derive(Clone)]
struct Vocabulary {
    words: Bytes,
    word_starts: U32s,
    lower: Bytes,
    lower_starts: U32s,
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex")
            .field("shards", &self.shards.len())
            .field("documents", &self.documents())
            .field("bytes", &self.bytes)
            .finish()
    }
}

impl TextIndex {
    /// The index's size in bytes (held in memory, or mapped from the store).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many documents the index answers for.
    pub fn documents(&self) -> usize {
        self.shards.iter().map(Shard::answered).sum()
    }

    /// True when the index can count `term` exactly: a substring or whole word made only of
    /// word characters.
    pub fn answers(term: &ContentTerm) -> bool {
        // A wildcard matches whole words, each of which the vocabulary holds.
        let wildcard = matches!(term.pattern(), Some(Pattern::Wildcard(_)));
        wildcard
            || (term.is_word_term()
                && !term.needle().is_empty()
                && term.needle().chars().all(is_word_char))
    }

    /// Adds the documents the index covers to `tally` for the query's `groups`, and returns
    /// those left to scan, in order, among the first `count` documents: the ones it does not
    /// cover, and, when some terms cannot be answered here, the ones whose answerable groups
    /// hold. A phrase of word-character words is answered where one of its words is absent
    /// (so is the phrase); elsewhere the document is read.
    /// None if `cancel` was set first.
    pub fn tally(
        &self,
        groups: &[Vec<ContentTerm>],
        count: usize,
        tally: &mut Tally,
        cancel: &Cancel,
    ) -> Option<Vec<usize>> {
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        let known: Vec<Known> = terms.iter().map(|term| Known::of(term)).collect();
        let answerable: Vec<bool> = known.iter().map(|k| !matches!(k, Known::Not)).collect();
        // A group can rule a document out only if the index answers all its terms there.
        let mut deciding = Vec::new();
        let mut position = 0;
        for group in groups {
            let range = position..position + group.len();
            if answerable[range.clone()].iter().all(|&a| a) {
                deciding.push((group, range.clone()));
            }
            position = range.end;
        }
        // Every term counted by the index, and a document without any of them not a match
        // (no term is negated).
        let counted_alone = known.iter().all(|k| matches!(k, Known::Count(_)))
            && !matches_all(groups, &vec![0; terms.len()]);
        let mut covered = vec![false; count];
        let mut rest = Vec::new();
        for shard in &self.shards {
            if cancel.is_cancelled() {
                return None;
            }
            let size = shard.lengths.len();
            // Each term's count in each document; MAYBE where only reading can tell.
            let counts: Vec<Vec<u32>> = known.iter().map(|k| k.counts(shard, size)).collect();
            if let Some(first) = shard.whole_from(count).filter(|_| counted_alone) {
                // Every document here counted by the index, and only those with a term can
                // match: added up without a step per document.
                covered[first..first + size].fill(true);
                let length_of = |local: usize| u64::from(shard.lengths.at(local));
                let length = (0..size).map(length_of).sum();
                tally.add_shard(first, &counts, (length, &length_of), groups);
                continue;
            }
            let mut unindexed = shard.unindexed.iter().peekable();
            let mut row = vec![0usize; terms.len()];
            let mut knows = vec![false; terms.len()];
            for local in 0..size {
                let left_out = unindexed.next_if(|&u| u as usize == local).is_some();
                let Some(doc) = shard.place(local).filter(|&doc| doc < count) else {
                    continue;
                };
                if left_out {
                    // Not covered: scanned with the rest.
                    continue;
                }
                covered[doc] = true;
                for ((slot, knows), counts) in row.iter_mut().zip(&mut knows).zip(&counts) {
                    let count = counts.get(local).copied();
                    *knows = count.is_some_and(|count| count != MAYBE);
                    *slot = count.filter(|_| *knows).map_or(0, |count| count as usize);
                }
                let ruled_out = deciding.iter().any(|(group, range)| {
                    let known_here = knows[range.clone()].iter().all(|&k| k);
                    known_here && !group_holds(group, &row[range.clone()])
                });
                if knows.iter().all(|&k| k) || ruled_out {
                    // A document ruled out is not read: the terms the index cannot count are
                    // unknown in it, and their rarity is judged on the documents read.
                    let length = u64::from(shard.lengths.at(local));
                    tally.add_counts(doc, &row, &knows, length, groups);
                } else {
                    rest.push(doc);
                }
            }
        }
        rest.extend((0..count).filter(|&doc| !covered[doc]));
        rest.sort_unstable();
        Some(rest)
    }
}

impl Shard {
    /// Where local document `local` is in the corpus now; None when it is gone.
    fn place(&self, local: usize) -> Option<usize> {
        match &self.places {
            Places::From(first) => Some(first + local),
            Places::Listed(places) => places
                .get(local)
                .filter(|&&place| place != Places::GONE)
                .map(|&place| place as usize),
        }
    }

    /// Where its documents start in the corpus when they are all there, consecutive, within
    /// the first `count`, and none left to scanning.
    fn whole_from(&self, count: usize) -> Option<usize> {
        match self.places {
            Places::From(first) if self.unindexed.len() == 0 => {
                (first + self.lengths.len() <= count).then_some(first)
            }
            _ => None,
        }
    }

    /// Marks in `covered` the documents it holds (by their place now).
    fn cover(&self, covered: &mut [bool]) {
        match self.places {
            Places::From(first) => {
                let end = (first + self.lengths.len()).min(covered.len());
                covered[first.min(end)..end].fill(true);
            }
            Places::Listed(_) => {
                for local in 0..self.lengths.len() {
                    if let Some(slot) = self.place(local).and_then(|doc| covered.get_mut(doc)) {
                        *slot = true;
                    }
                }
            }
        }
    }

    /// How many of its documents it answers for: those still there and not left to scanning.
    fn answered(&self) -> usize {
        let unindexed: Vec<u32> = self.unindexed.iter().collect();
        (0..self.lengths.len())
            .filter(|&local| self.place(local).is_some())
            .filter(|&local| unindexed.binary_search(&(local as u32)).is_err())
            .count()
    }

    /// Occurrences of `term` (answerable) in each of the shard's first `size` documents.
    fn counts(&self, term: &ContentTerm, size: usize) -> Vec<u32> {
        let mut counts = vec![0u32; size];
        let (text, starts) = if term.is_case_sensitive() {
            (&self.vocabulary.words, &self.vocabulary.word_starts)
        } else {
            (&self.vocabulary.lower, &self.vocabulary.lower_starts)
        };
        let text = text.as_str();
        let needle = term.needle();
        // Occurrences in the vocabulary, by word: found in one pass over all the words.
        let mut per_word: Vec<(usize, u32)> = Vec::new();
        let mut note = |at: usize| {
            let word = starts
                .partition_point(|start| start as usize <= at)
                .saturating_sub(1);
            match per_word.last_mut() {
                Some((last, count)) if *last == word => *count += 1,
                _ => per_word.push((word, 1)),
            }
        };
        if let Some(Pattern::Wildcard(glob)) = term.pattern() {
            per_word = wildcard_words(text, starts, glob);
        } else if term.is_whole_word() {
            let mut from = 0;
            while let Some(at) = word_from(text, needle, from) {
                note(at);
                from = at + needle.len();
            }
        } else {
            memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()).for_each(&mut note);
        }
        for (word, occurrences) in per_word {
            for (local, count) in self.postings_of(word) {
                if let Some(slot) = counts.get_mut(local) {
                    *slot = slot.saturating_add(count.saturating_mul(occurrences));
                }
            }
        }
        counts
    }

    /// Word `word`'s postings: (local document, occurrences).
    fn postings_of(&self, word: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        let range =
            self.posting_starts.at(word) as usize..self.posting_starts.at(word + 1) as usize;
        let mut bytes = self.postings.get(range).unwrap_or_default();
        let mut local = 0usize;
        std::iter::from_fn(move || {
            let (gap, count) = posting::read(&mut bytes)?;
            local = local.saturating_add(usize::try_from(gap).unwrap_or(usize::MAX));
            Some((local.saturating_sub(1), count))
        })
    }

    /// Bytes of the shard's data, held or mapped.
    fn bytes(&self) -> usize {
        let vocabulary = &self.vocabulary;
        let places = match &self.places {
            Places::From(_) => 0,
            Places::Listed(places) => places.capacity() * 4,
        };
        places
            + self.lengths.0.len()
            + self.words.0.len()
            + self.unindexed.0.len()
            + vocabulary.words.len()
            + vocabulary.lower.len()
            + vocabulary.word_starts.0.len()
            + vocabulary.lower_starts.0.len()
            + self.postings.len()
            + self.posting_starts.0.len()
    }
}

/// The words of a vocabulary (`text`, each word followed by a line break, word `i` from
/// `starts[i]`) that `glob` matches whole, each once: those holding its literal, found with
/// one search of the vocabulary, or every word when it has none.
fn wildcard_words(text: &str, starts: &U32s, glob: &Glob) -> Vec<(usize, u32)> {
    let word_of = |at: usize| {
        starts
            .partition_point(|start| start as usize <= at)
            .saturating_sub(1)
    };
    let word_text = |word: usize| {
        let start = starts.at(word) as usize;
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |end| start + end);
        &text[start..end]
    };
    let candidates: Vec<usize> = match glob.literal() {
        "" => (0..starts.len()).collect(),
        literal => {
            let mut words: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), literal)
                .map(word_of)
                .collect();
            words.dedup();
            words
        }
    };
    candidates
        .into_iter()
        .filter(|&word| glob.matches(word_text(word)))
        .map(|word| (word, 1))
        .collect()
}

#[cfg(test)]
mod tests {
    pub(super) mod against_scanning {
        use super::super::*;
        use crate::corpus::store::DocStore;
        use crate::corpus::{WalkOptions, load};
        use crate::search::query::Query;
        use crate::search::text::scan::Scan;
        use crate::search::text::terms::content_terms;
        use crate::search::text::{TextMatch, search};
        use proptest::prelude::*;

        /// Pieces the documents are made of: words, their case variants, letters whose case
        /// changes length (İ, ß, Σ, the Kelvin sign) and what separates words.
        pub(crate) const PIECES: &[&str] = &[
            "kenya",
            "Kenya",
            "KENYA",
            "war",
            "warfare",
            "e-mail",
            "snake_case",
            "İ",
            "ß",
            "Σ",
            "\u{212A}",
            "café",
            "42",
            " ",
            " ",
            "\n",
            ".",
            "'",
            "_",
            "\t",
        ];

        pub(crate) const QUERIES: &[&str] = &[
            "kenya",
            "Kenya",
            "war",
            "'war'",
            "e",
            "mail",
            "e-mail",
            "^war",
            "war$",
            "!kenya war",
            "kenya | café",
            "'i'",
            "i",
            "ss",
            "σ",
            "42",
            "k",
            "'kenya'",
            "_case",
            "a'",
            "kenya e-mail",
            "!kenya e-mail",
            "war | a' ^kenya",
            "\"kenya war\"",
            "\"war kenya\" | e-mail",
            "!\"kenya war\"",
            "war*",
            "*ya",
            "k?nya",
            "!war* kenya",
            "/war\\w*/",
            "/K[e]nya|café/",
            "/\\w+ya/",
            "kenya NEAR/2 war",
            "\"war* kenya\"~1",
            "!\"war mail\"~3 e",
            "\"Kenya war\" kenya",
            "\"e-mail kenya\"",
        ];

        pub(crate) fn found(
            query: &str,
            docs: &DocStore,
            index: Option<&TextIndex>,
        ) -> Vec<(usize, usize, String)> {
            let groups = content_terms(&Query::parse(query));
            let scan = Scan {
                docs,
                groups: &groups,
                passages: false,
                index,
                within: None,
            };
            let ranked: Vec<TextMatch> = scan
                .run(2, &Cancel::new(), |_, _| {})
                .map(|tally| tally.ranked(&groups))
                .unwrap_or_default();
            ranked
                .into_iter()
                .map(|f| (f.index, f.hits, format!("{:.9}", f.score)))
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]
            #[test]
            fn the_index_finds_what_scanning_finds(
                texts in prop::collection::vec(
                    prop::collection::vec(prop::sample::select(PIECES), 0..30), 1..12),
                budget in prop::sample::select(vec![0usize, 1 << 30]),
            ) {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
                for (n, pieces) in texts.iter().enumerate() {
                    let text = format!("Title {n}.\n{}", pieces.concat());
                    std::fs::write(dir.path().join(format!("{n:02}.txt")), text)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
                let options = WalkOptions { extensions: vec!["txt".into()], ..WalkOptions::default() };
                let corpus = load(&crate::corpus::Inputs::one(dir.path()), &options).unwrap_or_else(|e| panic!("{e}"));
                let docs = corpus.docs;
                let index = build(&docs, budget, 2);
                for query in QUERIES {
                    let (indexed, scanned) = compared(query, &docs, &index);
                    prop_assert_eq!(&indexed, &scanned, "{}", query);
                    let plain = search(&docs, &Query::parse(query), 2, false);
                    prop_assert_eq!(plain.len(), scanned.len());
                }
            }
        }

        /// What `query` finds in `docs` with `index` and by scanning, to compare: the same
        /// matches, hits and scores. Documents the index rules out are not read, so when some
        /// terms cannot be answered by it, the rarity of the others is judged without them:
        /// the same matches and hits, but scores may differ, and are left out.
        pub(crate) fn compared(query: &str, docs: &DocStore, index: &TextIndex) -> (Found, Found) {
            let mut scanned = found(query, docs, None);
            let mut indexed = found(query, docs, Some(index));
            let terms = content_terms(&Query::parse(query));
            if !terms.iter().flatten().all(TextIndex::answers) {
                for found in [&mut scanned, &mut indexed] {
                    found.sort();
                    found.iter_mut().for_each(|(_, _, score)| score.clear());
                }
            }
            (indexed, scanned)
        }

        /// Each match: its document, hits and score.
        pub(crate) type Found = Vec<(usize, usize, String)>;
    }
}
