//! Reading a document's words as n-grams: a ring of the last N words of the current run (the
//! words no punctuation, blank line or document's end separates; a single line break does
//! not), lowercased as the word index lowercases them, each with its hash — so a pass can
//! tell which n-grams are its own without making their text. Fed a piece at a time, the run
//! going on across pieces; or only the stretches near a query's words.

use super::ngrams::SIZES;
use crate::search::query::Query;
use crate::text::words::{for_each_word, is_word_char, lowercase};
use rustc_hash::FxHasher;
use std::hash::Hasher;
use std::ops::Range;

/// The last words read of the current run of words (those no punctuation or blank line
/// separates), lowercased, with each one's hash: a ring of `n`.
pub(crate) struct Chain {
    n: usize,
    words: Vec<(String, u64)>,
    /// Where the next word goes in the ring.
    next: usize,
    /// Words of the run in the ring (at most `n`).
    held: usize,
    /// Since the last word: line breaks, and whether anything but whitespace came.
    breaks: usize,
    broken: bool,
}

impl Chain {
    pub(crate) fn new(n: usize) -> Chain {
        let n = n.clamp(*SIZES.start(), *SIZES.end());
        Chain {
            n,
            words: vec![(String::new(), 0); n],
            next: 0,
            held: 0,
            breaks: 0,
            broken: false,
        }
    }

    /// A new document: no run yet.
    pub(crate) fn restart(&mut self) {
        self.held = 0;
        self.breaks = 0;
        self.broken = false;
    }

    /// Reads `text` on from where the last piece ended, calling `full` each time the ring
    /// holds an n-gram.
    pub(crate) fn feed(&mut self, text: &str, full: &mut dyn FnMut(&Chain)) {
        let base = text.as_ptr() as usize;
        let mut at = 0;
        for_each_word(text, |word| {
            let start = word.as_ptr() as usize - base;
            self.between(&text[at..start]);
            self.push(word);
            if self.held == self.n {
                full(self);
            }
            at = start + word.len();
        });
        self.between(&text[at..]);
    }

    /// [`Chain::feed`] for only the n-grams `holding` wants: `text` is lowercased whole (fast),
    /// the first words of its first group's runs (one of which every such n-gram holds) found
    /// in it by a byte search, and only the words within an n-gram of one read, each place
    /// once (the stretches around nearby finds are merged).
    /// Each piece of a big file is read on its own: an n-gram across the line break between
    /// two 8 MiB pieces is not seen.
    pub(crate) fn feed_near(
        &mut self,
        text: &str,
        holding: &Holding,
        full: &mut dyn FnMut(&Chain),
    ) {
        let lowered = lowercase(text);
        if lowered.len() != text.len() {
            // A character whose lowercase is longer (`İ`) splits words otherwise than the
            // word index does: the piece is read whole, word by word, as `feed` reads it.
            self.feed(text, full);
            self.restart();
            return;
        }
        let mut stretches: Vec<Range<usize>> = Vec::new();
        for first in holding.firsts() {
            for at in memchr::memmem::find_iter(lowered.as_bytes(), first.as_bytes()) {
                stretches.push(words_back(&lowered, at, self.n)..words_on(&lowered, at, self.n));
            }
        }
        stretches.sort_by_key(|stretch| stretch.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(stretches.len());
        for stretch in stretches {
            match merged.last_mut() {
                Some(last) if stretch.start <= last.end => last.end = last.end.max(stretch.end),
                _ => merged.push(stretch),
            }
        }
        for stretch in merged {
            self.restart();
            self.feed(&lowered[stretch], full);
        }
        self.restart();
    }

    /// What comes between two words: whitespace with at most one line break keeps the run.
    fn between(&mut self, gap: &str) {
        for c in gap.chars() {
            match c {
                '\n' => self.breaks += 1,
                c if c.is_whitespace() => {}
                _ => self.broken = true,
            }
        }
    }

    fn push(&mut self, word: &str) {
        if self.broken || self.breaks > 1 {
            self.held = 0;
        }
        (self.breaks, self.broken) = (0, false);
        let (slot, hash) = &mut self.words[self.next];
        if word.is_ascii() {
            slot.clear();
            slot.push_str(word);
            slot.make_ascii_lowercase();
        } else {
            *slot = lowercase(word);
        }
        let mut hasher = FxHasher::default();
        hasher.write(slot.as_bytes());
        *hash = hasher.finish();
        self.next = (self.next + 1) % self.n;
        self.held = (self.held + 1).min(self.n);
    }

    /// The ring's words, oldest first (when it is full).
    fn in_order(&self) -> impl Iterator<Item = &(String, u64)> {
        (0..self.n).map(move |k| &self.words[(self.next + k) % self.n])
    }

    /// The n-gram's hash, from its words' hashes in order.
    pub(crate) fn hash(&self) -> u64 {
        self.in_order().fold(0u64, |hash, (_, word)| {
            (hash.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95)
        })
    }

    /// True when the n-gram holds what `holding` asks: from each group, one of its runs.
    pub(crate) fn holds(&self, holding: &Holding) -> bool {
        holding
            .groups
            .iter()
            .all(|group| group.iter().any(|run| self.holds_run(run)))
    }

    /// True when the words of `run` are in the n-gram, one after another.
    fn holds_run(&self, run: &[String]) -> bool {
        let word = |at: usize| self.words[(self.next + at) % self.n].0.as_str();
        !run.is_empty()
            && run.len() <= self.n
            && (0..=self.n - run.len())
                .any(|from| run.iter().enumerate().all(|(k, w)| word(from + k) == w))
    }

    /// The n-gram's words, a space between each, into `key`.
    pub(crate) fn join_into(&self, key: &mut String) {
        key.clear();
        for (at, (word, _)) in self.in_order().enumerate() {
            if at > 0 {
                key.push(' ');
            }
            key.push_str(word);
        }
    }
}

/// Where the `k`th word back from byte `at` of `text` starts, the word `at` is in counted
/// first (the text's start when it has fewer).
fn words_back(text: &str, at: usize, k: usize) -> usize {
    let (mut count, mut start, mut in_word) = (0, at, false);
    for (place, c) in text[..at].char_indices().rev() {
        if is_word_char(c) {
            (start, in_word) = (place, true);
        } else if in_word {
            count += 1;
            in_word = false;
            if count >= k {
                return start;
            }
        }
    }
    0
}

/// Where the `k`th word on from byte `at` of `text` ends, the word `at` is in counted first
/// (the text's end when it has fewer).
fn words_on(text: &str, at: usize, k: usize) -> usize {
    let (mut count, mut in_word) = (0, false);
    for (place, c) in text[at..].char_indices() {
        let word = is_word_char(c);
        if in_word && !word {
            count += 1;
            if count >= k {
                return at + place;
            }
        }
        in_word = word;
    }
    text.len()
}

/// What an n-gram must hold to be counted, from a query: from each of its groups (terms that
/// must all match; `a | b` is a group of two) one of the group's runs of words, lowercased —
/// `tax` is a run of one word, `"tax evasion"` of two. Negated terms ask nothing; a query
/// with no word asks nothing, and every n-gram is counted.
#[derive(Clone, Debug, Default)]
pub(crate) struct Holding {
    groups: Vec<Vec<Vec<String>>>,
}

impl Holding {
    pub(crate) fn of(query: &Query) -> Holding {
        let groups = query.groups.iter().map(|group| {
            let terms = group.iter().filter(|term| !term.negated);
            let runs = terms.map(|term| {
                let mut run = Vec::new();
                for_each_word(&term.text, |word| run.push(lowercase(word)));
                run
            });
            runs.filter(|run| !run.is_empty()).collect::<Vec<_>>()
        });
        Holding {
            groups: groups.filter(|group| !group.is_empty()).collect(),
        }
    }

    /// True when it asks nothing: every n-gram is counted.
    pub(crate) fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The first words of the first group's runs.
    fn firsts(&self) -> impl Iterator<Item = &String> {
        self.groups
            .iter()
            .take(1)
            .flatten()
            .filter_map(|run| run.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holding(query: &str) -> Holding {
        Holding::of(&Query::parse(query))
    }

    /// The n-grams of `text` as the chain finds them, fed in `pieces`.
    fn grams(n: usize, pieces: &[&str]) -> Vec<String> {
        let mut chain = Chain::new(n);
        let mut found = Vec::new();
        let mut key = String::new();
        for piece in pieces {
            chain.feed(piece, &mut |chain| {
                chain.join_into(&mut key);
                found.push(key.clone());
            });
        }
        found
    }

    #[test]
    fn sequences_stop_at_punctuation_and_blank_lines_but_not_a_line_break() {
        assert_eq!(
            grams(2, &["The Bank of\nEngland, said £5m.\n\nNew  para"]),
            ["the bank", "bank of", "of england", "new para"]
        );
        assert_eq!(grams(3, &["a b c d"]), ["a b c", "b c d"]);
        assert_eq!(grams(2, &["Straße İstanbul"]), ["straße i̇stanbul"]);
    }

    #[test]
    fn a_run_goes_on_across_pieces_cut_at_a_line_break() {
        assert_eq!(grams(2, &["one two\n", "three"]), ["one two", "two three"]);
        assert_eq!(grams(2, &["one two\n", "\nthree"]), ["one two"]);
    }

    #[test]
    fn only_the_ngrams_near_a_find_are_read_each_once() {
        let text = "Said one. He said, said it twice; unsaid words and more words said";
        let mut near = Vec::new();
        let mut key = String::new();
        let runs = holding("said");
        let mut chain = Chain::new(2);
        chain.feed_near(text, &runs, &mut |chain| {
            if chain.holds(&runs) {
                chain.join_into(&mut key);
                near.push(key.clone());
            }
        });
        let everywhere: Vec<String> = grams(2, &[&text.to_lowercase()])
            .into_iter()
            .filter(|gram| gram.split(' ').any(|word| word == "said"))
            .collect();
        assert_eq!(near, everywhere);
        assert_eq!(near, ["said one", "he said", "said it", "words said"]);
        assert_eq!(words_back("a bb ccc", 6, 2), 2);
        // A text whose lowercase is longer is read whole, as feed reads it.
        let (mut turkish, mut chain) = (Vec::new(), Chain::new(2));
        chain.feed_near(
            "İstanbul said. Go İstanbul now",
            &holding("go"),
            &mut |chain| {
                chain.join_into(&mut key);
                turkish.push(key.clone());
            },
        );
        assert_eq!(turkish, ["i̇stanbul said", "go i̇stanbul", "i̇stanbul now"]);
        assert_eq!(words_on("a bb ccc dd", 3, 2), 8);
    }

    #[test]
    fn an_ngram_holds_a_run_of_the_querys_words() {
        let mut chain = Chain::new(3);
        chain.feed("tax evasion case", &mut |_| {});
        assert!(chain.holds(&holding("Tax")));
        assert!(chain.holds(&holding("\"tax evasion\"")));
        assert!(chain.holds(&holding("case tax")), "each group held");
        assert!(
            chain.holds(&holding("nothing | case !case")),
            "one of a group"
        );
        assert!(!chain.holds(&holding("tax nothing")));
        assert!(!chain.holds(&holding("\"evasion tax\"")));
        assert!(!chain.holds(&holding("ta")));
        assert!(
            !chain.holds(&holding("\"tax evasion case tax\"")),
            "longer than n"
        );
        assert!(chain.holds(&holding("!tax")), "asks nothing");
    }
}
