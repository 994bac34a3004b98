//! Proximity: `tax NEAR/5 evasion` and `"tax evasion"~5` find the words within 5 words of
//! each other, in either order, in one paragraph. Each side is a whole word or a wildcard,
//! with its own smart case (`Blair NEAR/3 brown`: `Blair` as written, `brown` any case).
//! With more words (`"a b c"~n`) each is found at its own place, with at most n other words
//! among them. A match runs from its first word to its last, holds at most one line break
//! (so never crosses a blank line), and matches do not overlap: from the leftmost word that
//! begins one, the shortest, then on after it — what a lazy regular expression would find.

use super::glob::Glob;
use crate::text::highlight::find_folded;
use crate::text::words::{count_words, is_whole_word, occurrences};
use std::ops::Range;

/// Words a proximity term may join: enough for any phrase, and a bit per word in a `u8`.
pub(crate) const MOST_WORDS: usize = 8;

/// A proximity term: its words, and how many other words may come between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Near {
    pub operands: Vec<Operand>,
    pub gap: usize,
}

/// One side of a proximity term: a whole word or a wildcard (lowercase unless it is
/// case-sensitive, as smart case makes a side with a capital).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operand {
    pub form: Form,
    pub case_sensitive: bool,
}

/// What a side of a proximity term matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    Word(String),
    Wildcard(Glob),
}

impl Operand {
    /// The operand written `text` (a whole word or a wildcard), or why it cannot be one.
    pub fn new(text: &str) -> Result<Operand, String> {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let kept = match case_sensitive {
            true => text.to_string(),
            false => crate::text::words::lowercase(text),
        };
        let form = if Glob::is_wildcard(text) {
            Form::Wildcard(Glob::new(&kept)?)
        } else if text.chars().all(crate::text::words::is_word_char) && !text.is_empty() {
            Form::Word(kept)
        } else {
            return Err(format!(
                "NEAR joins whole words or wildcards: {text} is not one"
            ));
        };
        Ok(Operand {
            form,
            case_sensitive,
        })
    }

    /// Where it occurs in `text`, as whole words, in order.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        match &self.form {
            Form::Word(word) => occurrences(text, word, self.case_sensitive)
                .into_iter()
                .filter(|range| is_whole_word(text, range))
                .collect(),
            Form::Wildcard(glob) => glob.words_in(text, self.case_sensitive),
        }
    }

    /// Where it occurs in `lowered` (a text lowercased, this operand ignoring case).
    fn ranges_in_lowered(&self, lowered: &str) -> Vec<Range<usize>> {
        match &self.form {
            Form::Word(word) => memchr::memmem::find_iter(lowered.as_bytes(), word.as_bytes())
                .map(|at| at..at + word.len())
                .filter(|range| is_whole_word(lowered, range))
                .collect(),
            Form::Wildcard(glob) => glob.words_in(lowered, true),
        }
    }

    /// Text every word it matches holds: the word, or a wildcard's literal (maybe empty).
    pub fn literal(&self) -> &str {
        match &self.form {
            Form::Word(word) => word,
            Form::Wildcard(glob) => glob.literal(),
        }
    }

    /// The operand as it was written (lowercased when it ignores case).
    pub fn written(&self) -> String {
        match &self.form {
            Form::Word(word) => word.clone(),
            Form::Wildcard(glob) => glob.written(),
        }
    }
}

impl Near {
    /// The term as the query language writes it.
    pub fn label(&self) -> String {
        let words: Vec<String> = self.operands.iter().map(Operand::written).collect();
        format!("\"{}\"~{}", words.join(" "), self.gap)
    }

    /// Every match in `text`, as byte ranges from its first word's start to its last's end
    /// (each side with its own case). When every side ignores case, the text is lowercased
    /// once for all of them and searched as it is — unless it holds an `İ`, whose lowercase
    /// (`i` and a combining dot, which is no word character) would move a word's bounds:
    /// words are then lowercased one by one, as the word index lowercases them.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let bounds_kept = !text.contains('\u{130}');
        if bounds_kept && self.operands.iter().all(|operand| !operand.case_sensitive) {
            let found = find_folded(text, |lowered| {
                let spans = self.spans_found(lowered, Operand::ranges_in_lowered);
                spans.into_iter().map(|range| (range, ())).collect()
            });
            return found.into_iter().map(|(range, ())| range).collect();
        }
        self.spans_found(text, Operand::ranges)
    }

    /// The matches in `text` of the sides as `find` finds each.
    fn spans_found(
        &self,
        text: &str,
        find: impl Fn(&Operand, &str) -> Vec<Range<usize>>,
    ) -> Vec<Range<usize>> {
        let mut places: Vec<(Range<usize>, u8)> = Vec::new();
        for (bit, operand) in self.operands.iter().enumerate().take(MOST_WORDS) {
            places.extend(
                find(operand, text)
                    .into_iter()
                    .map(|range| (range, 1u8 << bit)),
            );
        }
        places.sort_by_key(|(range, _)| range.start);
        // A word two operands match is one place, matching both.
        let mut words: Vec<(Range<usize>, u8)> = Vec::with_capacity(places.len());
        for (range, bits) in places {
            match words.last_mut() {
                Some((last, last_bits)) if *last == range => *last_bits |= bits,
                _ => words.push((range, bits)),
            }
        }
        self.spans(text, &words)
    }

    /// The matches made of `words` (whole words of `text` in order, each with the operands
    /// it matches as bits), leftmost first, shortest, not overlapping.
    fn spans(&self, text: &str, words: &[(Range<usize>, u8)]) -> Vec<Range<usize>> {
        let wanted = self.operands.len().min(MOST_WORDS);
        let all: u8 = if wanted == MOST_WORDS {
            u8::MAX
        } else {
            (1u8 << wanted) - 1
        };
        if wanted == 1 {
            return words.iter().map(|(range, _)| range.clone()).collect();
        }
        // Between each found word and the next: the other words, and the line breaks
        // (capped: past the limits nothing further is looked at).
        let between: Vec<(usize, usize)> = words
            .windows(2)
            .map(|pair| {
                let gap = &text[pair[0].0.end..pair[1].0.start];
                let breaks = memchr::memchr_iter(b'\n', gap.as_bytes()).take(2).count();
                (count_words(gap) as usize, breaks)
            })
            .collect();
        let mut found = Vec::new();
        let mut first = 0;
        while first < words.len() {
            let mut reach = reachable(&[0], words[first].1);
            let (mut span_words, mut breaks) = (1usize, 0usize);
            let mut matched = None;
            for last in first + 1..words.len() {
                let (others, line_breaks) = between[last - 1];
                span_words += others + 1;
                breaks += line_breaks;
                if breaks > 1 || span_words > wanted + self.gap {
                    break;
                }
                if reachable(&reach, words[last].1).contains(&all) {
                    matched = Some(last);
                    break;
                }
                reach = merge(&reach, &reachable(&reach, words[last].1));
            }
            match matched {
                Some(last) => {
                    found.push(words[first].0.start..words[last].0.end);
                    first = last + 1;
                }
                None => first += 1,
            }
        }
        found
    }
}

/// The sets of operands covered (as bits) after one more word matching `bits` takes one of
/// them, from each set in `from`.
fn reachable(from: &[u8], bits: u8) -> Vec<u8> {
    let mut next: Vec<u8> = from
        .iter()
        .flat_map(|&set| {
            (0..8)
                .map(|bit| 1u8 << bit)
                .filter(move |&one| bits & one != 0 && set & one == 0)
                .map(move |one| set | one)
        })
        .collect();
    next.sort_unstable();
    next.dedup();
    next
}

/// The sets of either list, once each.
fn merge(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut both: Vec<u8> = a.iter().chain(b).copied().collect();
    both.sort_unstable();
    both.dedup();
    both
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(words: &[&str], gap: usize) -> Near {
        let operands = words
            .iter()
            .map(|w| Operand::new(w))
            .collect::<Result<_, _>>();
        Near {
            operands: operands.unwrap_or_else(|e| panic!("{e}")),
            gap,
        }
    }

    fn found(term: &Near, text: &str) -> Vec<String> {
        let ranges = term.ranges(text);
        ranges.into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn words_within_the_gap_either_way_in_one_paragraph() {
        let tax = near(&["tax", "evasion"], 2);
        assert_eq!(found(&tax, "Tax evasion."), ["Tax evasion"]);
        assert_eq!(found(&tax, "evasion of the tax"), ["evasion of the tax"]);
        assert_eq!(found(&tax, "tax a b c evasion"), Vec::<String>::new());
        assert_eq!(found(&tax, "tax a\nb evasion"), ["tax a\nb evasion"]);
        assert_eq!(found(&tax, "tax\n\nevasion"), Vec::<String>::new());
        assert_eq!(
            found(&tax, "taxes evasion"),
            Vec::<String>::new(),
            "whole words"
        );
        assert_eq!(
            found(&tax, "tax tax evasion tax"),
            ["tax tax evasion"],
            "from the leftmost word, the shortest, not overlapping"
        );
        let wild = near(&["tax*", "eva*"], 0);
        assert_eq!(
            found(&wild, "taxes evaded; evasion tax"),
            ["taxes evaded", "evasion tax"]
        );
        let three = near(&["a", "b", "c"], 1);
        assert_eq!(found(&three, "c x b a"), ["c x b a"]);
        assert_eq!(found(&three, "a x b y c"), Vec::<String>::new());
        let same = near(&["tax", "tax"], 0);
        assert_eq!(
            found(&same, "tax x tax tax"),
            ["tax tax"],
            "each at its own place"
        );
        assert!(Operand::new("e-mail").is_err());
        let cased = near(&["Blair", "brown"], 3);
        assert_eq!(
            found(&cased, "Blair and BROWN; blair and brown"),
            ["Blair and BROWN"],
            "each side its own smart case"
        );
    }
}
