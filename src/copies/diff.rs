//! How two versions of a text differ, word by word (words as separated by white space, shown
//! with their punctuation as `wdiff` shows them, but compared as copies are found: lowercased,
//! punctuation aside): the runs both have, the words only the left has (removed), only the
//! right has (added), and runs replaced by others (changed), by the patience diff of the
//! `similar` crate, bounded in time and length (and saying so when it was). Then laid out side by side: each
//! side's words flowed into its own column, the sides brought level again where a change has
//! made one longer, so what both have is read across.

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// The diff of two long documents gives up looking for the best alignment after this (it is
/// still right, only perhaps not the shortest).
const DEADLINE: Duration = Duration::from_secs(2);

/// Words of each side compared at most.
const MOST_WORDS: usize = 200_000;

/// What a run of words is in the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Same,
    Removed,
    Added,
    Changed,
}

/// A run of words: the left side's and the right side's (one of them empty when removed or
/// added; the same when alike).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Part {
    pub mark: Mark,
    pub left: Vec<String>,
    pub right: Vec<String>,
}

/// The words two texts differ by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordDiff {
    pub parts: Vec<Part>,
    pub removed: usize,
    pub added: usize,
    /// Words of the left side changed into others.
    pub changed: usize,
    /// Why the comparison is rougher than it might be (texts cut, time run out), if it is.
    pub rough: Option<String>,
}

impl WordDiff {
    pub(crate) fn of(left: &str, right: &str) -> WordDiff {
        let (a, b) = (words_of(left), words_of(right));
        let (keys_a, keys_b) = (keys_of(&a), keys_of(&b));
        let deadline = Instant::now() + DEADLINE;
        let ops =
            capture_diff_slices_deadline(Algorithm::Patience, &keys_a, &keys_b, Some(deadline));
        let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let mut diff = WordDiff::default();
        let cut = [left, right]
            .iter()
            .any(|text| text.split_whitespace().nth(MOST_WORDS).is_some());
        diff.rough = match (cut, Instant::now() >= deadline) {
            (true, _) => Some(format!("the first {MOST_WORDS} words of each compared")),
            (false, true) => Some(format!(
                "compared roughly: the best alignment was given up after {} s",
                DEADLINE.as_secs()
            )),
            (false, false) => None,
        };
        for op in ops {
            let (mark, left, right) = match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => (
                    Mark::Same,
                    owned(&a[old_index..old_index + len]),
                    owned(&b[new_index..new_index + len]),
                ),
                DiffOp::Delete {
                    old_index, old_len, ..
                } => (
                    Mark::Removed,
                    owned(&a[old_index..old_index + old_len]),
                    Vec::new(),
                ),
                DiffOp::Insert {
                    new_index, new_len, ..
                } => (
                    Mark::Added,
                    Vec::new(),
                    owned(&b[new_index..new_index + new_len]),
                ),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (
                    Mark::Changed,
                    owned(&a[old_index..old_index + old_len]),
                    owned(&b[new_index..new_index + new_len]),
                ),
            };
            match mark {
                Mark::Removed => diff.removed += left.len(),
                Mark::Added => diff.added += right.len(),
                Mark::Changed => diff.changed += left.len(),
                Mark::Same => {}
            }
            diff.parts.push(Part { mark, left, right });
        }
        diff
    }

    /// Whether the two texts have the same words.
    #[cfg(test)]
    pub(crate) fn is_same(&self) -> bool {
        self.removed + self.added + self.changed == 0
    }

    /// The two sides laid out in columns of `width`: each line a run of (text, mark) pieces
    /// per side. A run of removed, added or changed words is bracketed (`[-…-]`, `{+…+}`,
    /// `[~…~]` and `{~…~}`), so it is seen without colour too.
    pub(crate) fn side_by_side(&self, width: usize) -> Vec<[Line; 2]> {
        let mut sides = [Flow::new(width), Flow::new(width)];
        for part in &self.parts {
            if part.mark == Mark::Same && sides[0].lines.len() != sides[1].lines.len() {
                // A change made one side longer: both go on from a new line, level.
                for side in &mut sides {
                    side.break_line();
                }
                let level = sides[0].lines.len().max(sides[1].lines.len());
                for side in &mut sides {
                    side.lines.resize_with(level, Vec::new);
                }
            }
            let (open, close) = brackets(part.mark);
            sides[0].put(&part.left, part.mark, open[0], close[0]);
            sides[1].put(&part.right, part.mark, open[1], close[1]);
        }
        let [mut left, mut right] = sides.map(Flow::finish);
        let level = left.len().max(right.len());
        left.resize_with(level, Vec::new);
        right.resize_with(level, Vec::new);
        left.into_iter().zip(right).map(|(l, r)| [l, r]).collect()
    }
}

/// A text's words as shown (split at white space), the first `MOST_WORDS`.
fn words_of(text: &str) -> Vec<&str> {
    text.split_whitespace().take(MOST_WORDS).collect()
}

/// What two words are compared by: lowercased, without their punctuation (what is left of
/// a word of punctuation only is itself), so that case and punctuation alone change nothing,
/// as they change no shingle.
fn keys_of(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|word| {
            let key: String = word
                .chars()
                .filter(|&c| crate::text::words::is_word_char(c))
                .flat_map(char::to_lowercase)
                .collect();
            if key.is_empty() {
                word.to_string()
            } else {
                key
            }
        })
        .collect()
}

/// One line of one side: its pieces.
pub(crate) type Line = Vec<(String, Mark)>;

fn brackets(mark: Mark) -> ([&'static str; 2], [&'static str; 2]) {
    match mark {
        Mark::Same => (["", ""], ["", ""]),
        Mark::Removed => (["[-", ""], ["-]", ""]),
        Mark::Added => (["", "{+"], ["", "+}"]),
        Mark::Changed => (["[~", "{~"], ["~]", "~}"]),
    }
}

/// Words flowed into lines of a width.
struct Flow {
    width: usize,
    lines: Vec<Line>,
    line: Line,
    used: usize,
}

impl Flow {
    fn new(width: usize) -> Flow {
        Flow {
            width: width.max(8),
            lines: Vec::new(),
            line: Vec::new(),
            used: 0,
        }
    }

    fn put(&mut self, words: &[String], mark: Mark, open: &str, close: &str) {
        let last = words.len().saturating_sub(1);
        for (at, word) in words.iter().enumerate() {
            let mut shown = String::new();
            if at == 0 {
                shown.push_str(open);
            }
            shown.push_str(word);
            if at == last {
                shown.push_str(close);
            }
            self.word(shown, mark);
        }
    }

    fn word(&mut self, word: String, mark: Mark) {
        let width = word.width();
        if self.used > 0 && self.used + 1 + width > self.width {
            self.break_line();
        }
        if self.used > 0 {
            // The space between two marked words is marked too: a run reads as one.
            let space_mark = match self.line.last() {
                Some((_, before)) if *before == mark => mark,
                _ => Mark::Same,
            };
            self.line.push((" ".to_string(), space_mark));
            self.used += 1;
        }
        self.used += width;
        self.line.push((word, mark));
    }

    fn break_line(&mut self) {
        if !self.line.is_empty() {
            self.lines.push(std::mem::take(&mut self.line));
            self.used = 0;
        }
    }

    fn finish(mut self) -> Vec<Line> {
        self.break_line();
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn words_removed_added_and_changed_are_told_apart() {
        let diff = WordDiff::of(
            "Reuters: the minister said taxes would rise in April",
            "the minister said on Monday taxes would fall in April",
        );
        assert_eq!((diff.removed, diff.added, diff.changed), (1, 2, 1));
        let marks: Vec<Mark> = diff.parts.iter().map(|p| p.mark).collect();
        assert_eq!(
            marks,
            [
                Mark::Removed,
                Mark::Same,
                Mark::Added,
                Mark::Same,
                Mark::Changed,
                Mark::Same
            ]
        );
        assert!(!diff.is_same());
        assert!(WordDiff::of("a  b\nc", "a b c").is_same());
        // Case and punctuation alone change no word, as they change no shingle.
        assert!(WordDiff::of("The Minister, said", "the minister said").is_same());
        assert_eq!(diff.rough, None);
    }

    #[test]
    fn side_by_side_brackets_the_differences_and_keeps_the_sides_level() {
        let diff = WordDiff::of(
            "one two three four five six",
            "one two inserted words that make this side longer three four five six",
        );
        let rows = diff.side_by_side(16);
        let left: Vec<String> = rows.iter().map(|[l, _]| text(l)).collect();
        let right: Vec<String> = rows.iter().map(|[_, r]| text(r)).collect();
        assert_eq!(left[0], "one two");
        assert_eq!(right[0], "one two");
        assert!(right[1].starts_with("{+inserted"), "{right:?}");
        assert!(right.iter().any(|line| line.ends_with("+}")), "{right:?}");
        // After the insertion both sides go on level.
        let at = left
            .iter()
            .position(|l| l.starts_with("three"))
            .unwrap_or(usize::MAX);
        assert!(right[at].starts_with("three"), "{left:?} {right:?}");
        assert!(
            rows.iter()
                .all(|[l, r]| text(l).width() <= 16 && text(r).width() <= 16)
        );
    }
}
