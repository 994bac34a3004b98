//! An in-memory index of the words of every document's text, built in the background once the
//! corpus is loaded, so that a text search for words answers without reading the files again.
//!
//! A word is a run of letters, digits and `_`. A term made only of such characters can only
//! occur inside one word (the characters around a word are not word characters), so its
//! occurrences in a document are its occurrences in the document's words, counted once per
//! distinct word: exactly what scanning the text finds. A term with other characters (`e-mail`,
//! `^start`) is answered by scanning, but only the documents the index cannot rule out.
//!
//! The index lives in shards of consecutive documents, each with its vocabulary as two texts
//! (the words as written, and lowercased) in which a term is found with one substring search,
//! and each word's postings (document, count) as variable-length integers. Files over
//! `MEMORY_BYTES` are left to scanning. Building stops at a memory budget; the documents it did
//! not reach are scanned. The index is never written anywhere.

mod build;
mod frequencies;
mod known;

use super::scan::{Tally, group_holds};
use super::terms::ContentTerm;
use crate::text::words::{is_word_char, word_from};
use crate::work::job::Cancel;
pub(crate) use build::build;
pub(crate) use frequencies::Frequencies;
use known::{Known, MAYBE};
use std::ops::Range;

/// Documents in a shard: work for one core at a time, and the unit of the budget.
const SHARD_DOCS: usize = 16_384;

/// Text a shard indexes at most; its later documents are left to scanning. This keeps a
/// shard's offsets within `u32` and the memory of one shard being built bounded.
const SHARD_TEXT_BYTES: usize = 256 << 20;

/// The default memory budget of the index, in MiB (`--index-memory`).
pub const DEFAULT_BUDGET_MIB: usize = 256;

/// The words of a corpus's documents, for the documents it covers.
#[derive(Default)]
pub struct TextIndex {
    /// In document order.
    shards: Vec<Shard>,
    bytes: usize,
}

struct Shard {
    first: usize,
    /// Each document's text length in bytes (for BM25), `u32::MAX` at most.
    lengths: Vec<u32>,
    /// Documents left to scanning (files too big to hold), as local positions, in order.
    unindexed: Vec<u32>,
    vocabulary: Vocabulary,
    /// Each word's postings: (local document − previous one, count) as LEB128 integers.
    postings: Vec<u8>,
    /// Where word `i`'s postings start in `postings`; one more entry than words.
    posting_starts: Vec<u32>,
}

/// A shard's distinct words, each followed by a line break, as written and lowercased; word
/// `i` starts at `starts[i]` in both.
struct Vocabulary {
    words: String,
    word_starts: Vec<u32>,
    lower: String,
    lower_starts: Vec<u32>,
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
    /// Memory the index holds, in bytes.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many documents the index answers for.
    pub fn documents(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| shard.lengths.len() - shard.unindexed.len())
            .sum()
    }

    /// True when the index can count `term` exactly: a substring or whole word made only of
    /// word characters.
    pub fn answers(term: &ContentTerm) -> bool {
        term.is_word_term() && !term.needle().is_empty() && term.needle().chars().all(is_word_char)
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
        let mut rest = Vec::new();
        let mut next = 0;
        for (shard, size, gap) in self.covering(count) {
            if cancel.is_cancelled() {
                return None;
            }
            rest.extend(gap);
            // Each term's count in each document; MAYBE where only reading can tell.
            let counts: Vec<Vec<u32>> = known.iter().map(|k| k.counts(shard, size)).collect();
            let mut unindexed = shard.unindexed.iter().peekable();
            let mut row = vec![0usize; terms.len()];
            let mut knows = vec![false; terms.len()];
            for local in 0..size {
                let doc = shard.first + local;
                if unindexed.next_if(|&&u| u as usize == local).is_some() {
                    rest.push(doc);
                    continue;
                }
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
                    let length = u64::from(shard.lengths[local]);
                    tally.add_counts(doc, &row, &knows, length, groups);
                } else {
                    rest.push(doc);
                }
            }
            next = shard.first + size;
        }
        rest.extend(next..count);
        Some(rest)
    }
}

impl TextIndex {
    /// The shards holding any of the first `count` documents, in order: each with how many
    /// of those it holds, and the documents just before it that no shard holds (shards left
    /// out over the budget). The documents after the last shard are the caller's to add.
    fn covering(&self, count: usize) -> impl Iterator<Item = (&Shard, usize, Range<usize>)> {
        let mut next = 0;
        let within = self
            .shards
            .iter()
            .take_while(move |shard| shard.first < count);
        within.map(move |shard| {
            let size = shard.lengths.len().min(count - shard.first);
            let gap = next..shard.first;
            next = shard.first + size;
            (shard, size, gap)
        })
    }
}

impl Shard {
    /// Occurrences of `term` (answerable) in each of the shard's first `size` documents.
    fn counts(&self, term: &ContentTerm, size: usize) -> Vec<u32> {
        let mut counts = vec![0u32; size];
        let (text, starts) = if term.is_case_sensitive() {
            (&self.vocabulary.words, &self.vocabulary.word_starts)
        } else {
            (&self.vocabulary.lower, &self.vocabulary.lower_starts)
        };
        let needle = term.needle();
        // Occurrences in the vocabulary, by word: found in one pass over all the words.
        let mut per_word: Vec<(usize, u32)> = Vec::new();
        let mut note = |at: usize| {
            let word = starts.partition_point(|&start| start as usize <= at) - 1;
            match per_word.last_mut() {
                Some((last, count)) if *last == word => *count += 1,
                _ => per_word.push((word, 1)),
            }
        };
        if term.is_whole_word() {
            let mut from = 0;
            while let Some(at) = word_from(text, needle, from) {
                note(at);
                from = at + needle.len();
            }
        } else {
            memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()).for_each(&mut note);
        }
        for (word, occurrences) in per_word {
            let range = self.posting_starts[word] as usize..self.posting_starts[word + 1] as usize;
            let mut bytes = &self.postings[range];
            let mut local = 0usize;
            while !bytes.is_empty() {
                local += read_number(&mut bytes) as usize;
                let count = read_number(&mut bytes);
                if let Some(slot) = counts.get_mut(local - 1) {
                    *slot = slot.saturating_add(count.saturating_mul(occurrences));
                }
            }
        }
        counts
    }

    fn bytes(&self) -> usize {
        let vocabulary = &self.vocabulary;
        self.lengths.capacity() * 4
            + self.unindexed.capacity() * 4
            + vocabulary.words.capacity()
            + vocabulary.lower.capacity()
            + (vocabulary.word_starts.capacity() + vocabulary.lower_starts.capacity()) * 4
            + self.postings.capacity()
            + self.posting_starts.capacity() * 4
    }
}

fn read_number(bytes: &mut &[u8]) -> u32 {
    let mut number = 0u32;
    let mut shift = 0;
    while let Some((&byte, rest)) = bytes.split_first() {
        *bytes = rest;
        number |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        shift += 7;
        if byte < 0x80 {
            break;
        }
    }
    number
}

#[cfg(test)]
mod tests {
    use super::build::write_number;
    use super::*;

    #[test]
    fn numbers_survive_the_round_trip() {
        let mut bytes = Vec::new();
        for number in [0, 1, 127, 128, 300, 16_384, u32::MAX] {
            write_number(&mut bytes, number);
        }
        let mut read = &bytes[..];
        let back: Vec<u32> = (0..7).map(|_| read_number(&mut read)).collect();
        assert_eq!(back, [0, 1, 127, 128, 300, 16_384, u32::MAX]);
        assert!(read.is_empty());
    }

    mod against_scanning {
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
        const PIECES: &[&str] = &[
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

        const QUERIES: &[&str] = &[
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
            "\"Kenya war\" kenya",
            "\"e-mail kenya\"",
        ];

        fn found(
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
                    let mut scanned = found(query, &docs, None);
                    let mut indexed = found(query, &docs, Some(&index));
                    let terms = content_terms(&Query::parse(query));
                    if !terms.iter().flatten().all(TextIndex::answers) {
                        // Documents the index rules out are not read, so the rarity of the
                        // other terms is judged without them: the same matches and hits, but
                        // scores may differ.
                        for found in [&mut scanned, &mut indexed] {
                            found.sort();
                            found.iter_mut().for_each(|(_, _, score)| score.clear());
                        }
                    }
                    prop_assert_eq!(&indexed, &scanned, "{}", query);
                    let plain = search(&docs, &Query::parse(query), 2, false);
                    prop_assert_eq!(plain.len(), scanned.len());
                }
            }
        }
    }
}
