//! The words the reader highlights — the `--keyword`s, those added with `+`, the query's words
//! — found all at once, ignoring case: one Aho–Corasick automaton per set of words, so a line
//! is searched in one pass whatever the number of words (ten thousand keywords cost what one
//! does). Where words overlap, the longest one starting first is highlighted; each is still
//! counted wherever it occurs (`tax` inside `tax claim` too).

use super::highlight::find_folded;
use super::words::lowercase;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

/// The most keywords used. An automaton for many more would still be quick, but no one reads
/// that many colours, and the header could not list them.
pub(crate) const MOST_KEYWORDS: usize = 10_000;

/// The longest word highlighted, in bytes: no prose has a longer one, and a pasted 20,000-
/// character "word" would otherwise make every key pay for its automaton. A longer word is
/// passed over (the reader's search still finds and marks its hits).
pub(crate) const LONGEST_WORD: usize = 1024;

/// Above this many bytes in a word, the automaton is a plain one (an NFA, built in time
/// linear in the words): the crate's default for a few words is a DFA, whose building grows
/// with the square of a long word (half a second for 20,000 characters).
const DFA_WORD_BYTES: usize = 64;

/// Words to find, each once (the first spelling kept, ignoring case), in the order given.
/// Cloned cheaply: the app and the reader hold the same set.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    inner: Arc<Words>,
}

#[derive(Debug, Default)]
struct Words {
    words: Vec<String>,
    lowercase: HashSet<String>,
    /// Reports every occurrence, also inside another word's; None when there are no words
    /// (or, never in practice, the automaton could not be built). One automaton of the
    /// standard kind: the crate's leftmost kinds take half a second to build for ten
    /// thousand short words that are prefixes of one another (`w1`, `w10`…).
    automaton: Option<AhoCorasick>,
}

impl WordSet {
    pub fn new(words: impl IntoIterator<Item = String>) -> WordSet {
        let mut set = Words::default();
        let mut patterns = Vec::new();
        for word in words {
            if word.len() > LONGEST_WORD {
                continue;
            }
            let lower = word.to_lowercase();
            if lower.is_empty() || !set.lowercase.insert(lower.clone()) {
                continue;
            }
            set.words.push(word);
            patterns.push(lower);
        }
        if !patterns.is_empty() {
            let long = patterns.iter().any(|word| word.len() > DFA_WORD_BYTES);
            set.automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(long.then_some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok();
        }
        WordSet {
            inner: Arc::new(set),
        }
    }

    /// The words, in order, as first given.
    pub fn words(&self) -> &[String] {
        &self.inner.words
    }

    pub fn len(&self) -> usize {
        self.inner.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.words.is_empty()
    }

    /// Whether `word` is in the set, ignoring case.
    pub fn contains(&self, word: &str) -> bool {
        self.inner.lowercase.contains(&word.to_lowercase())
    }

    /// Every occurrence of the words in `text`, ignoring case, in order and not overlapping
    /// (where they overlap, the longest that starts first): its byte range (on char
    /// boundaries) and which word it is.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut all = self.occurrences(text);
        all.sort_unstable_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
        let mut kept: Vec<(Range<usize>, usize)> = Vec::with_capacity(all.len());
        for (range, word) in all {
            if kept.last().is_none_or(|(last, _)| range.start >= last.end) {
                kept.push((range, word));
            }
        }
        kept
    }

    /// How often each word occurs in `text`, ignoring case: every occurrence, also inside
    /// another word's (as counting each word on its own would).
    pub fn count(&self, text: &str) -> Vec<usize> {
        let mut counts = vec![0; self.len()];
        // Counts need no offsets in `text`: the lowercase copy is searched as it is.
        if let Some(automaton) = &self.inner.automaton {
            for found in automaton.find_overlapping_iter(&lowercase(text)) {
                counts[found.pattern().as_usize()] += 1;
            }
        }
        counts
    }

    /// Every occurrence, overlapping ones too, in the order they end.
    fn occurrences(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some(automaton) = &self.inner.automaton else {
            return Vec::new();
        };
        find_folded(text, |lowered| {
            automaton
                .find_overlapping_iter(lowered)
                .map(|found| (found.range(), found.pattern().as_usize()))
                .collect()
        })
    }
}

/// What the reader highlights: the keywords, each in its own colour in order, then the
/// query's words (those not keywords already) in the colours after.
#[derive(Clone, Copy, Debug)]
pub struct Highlights<'a> {
    pub keywords: &'a WordSet,
    pub query: &'a WordSet,
}

/// The empty set, for highlighting nothing.
static NO_WORDS: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(WordSet::default);

impl Highlights<'static> {
    /// Nothing highlighted.
    pub fn none() -> Highlights<'static> {
        Highlights {
            keywords: &NO_WORDS,
            query: &NO_WORDS,
        }
    }
}

impl Highlights<'_> {
    /// Every occurrence in `text`: its byte range and its colour slot.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let offset = self.keywords.len();
        let mut found = self.keywords.find(text);
        found.extend(
            self.query
                .find(text)
                .into_iter()
                .map(|(range, word)| (range, offset + word)),
        );
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> WordSet {
        WordSet::new(words.iter().map(|w| w.to_string()))
    }

    #[test]
    fn every_word_is_found_in_one_pass_ignoring_case() {
        let words = set(&["party", "Tax", "tax claim", "PARTY"]);
        assert_eq!(words.words(), ["party", "Tax", "tax claim"]);
        let text = "The Party's TAX CLAIM, the tax, the party.";
        let found: Vec<(&str, usize)> = words
            .find(text)
            .into_iter()
            .map(|(range, word)| (&text[range], word))
            .collect();
        assert_eq!(
            found,
            vec![("Party", 0), ("TAX CLAIM", 2), ("tax", 1), ("party", 0)]
        );
        // Counted wherever they occur: `tax` inside `TAX CLAIM` too.
        assert_eq!(words.count(text), vec![2, 2, 1]);
        assert!(words.contains("TAX") && !words.contains("claim"));
    }

    #[test]
    fn offsets_stay_on_the_original_text_when_case_changes_length() {
        let words = set(&["café", "stanbul"]);
        let text = "İstanbul CAFÉ";
        for (range, _) in words.find(text) {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        assert_eq!(words.count(text), vec![1, 1]);
    }

    #[test]
    fn a_long_word_is_found_and_an_overlong_one_passed_over() {
        let long = "ab".repeat(300);
        let words = set(&[&long, &"x".repeat(LONGEST_WORD + 1), "tax"]);
        assert_eq!(words.len(), 2);
        let text = format!("tax {} tax", long.to_uppercase());
        assert_eq!(words.count(&text), vec![1, 2]);
    }

    #[test]
    fn ten_thousand_words_are_one_automaton() {
        let words = WordSet::new((0..MOST_KEYWORDS).map(|n| format!("word{n}")));
        assert_eq!(words.len(), MOST_KEYWORDS);
        let found = words.find("a word9999 and word17 but not a sword");
        let names: Vec<usize> = found.into_iter().map(|(_, word)| word).collect();
        // The longest word that starts first: word17, not word1.
        assert_eq!(names, vec![9999, 17]);
    }

    #[test]
    fn the_query_words_come_after_the_keywords() {
        let (keywords, query) = (set(&["alpha"]), set(&["beta"]));
        let highlights = Highlights {
            keywords: &keywords,
            query: &query,
        };
        let found: Vec<usize> = highlights
            .find("beta alpha")
            .into_iter()
            .map(|(_, slot)| slot)
            .collect();
        assert_eq!(found, vec![0, 1]);
    }
}
