//! The text around a hit, as the concordance shows it and as sorting and collocates see it: the
//! hit's own line, and when that is short, the lines before and after it joined with a space,
//! up to a blank line (a paragraph's end; phrases stop there too) or the text's end. A long
//! line's segments join without a space. All of it is shown text (sanitized as the reader
//! shows it), read a segment at a time, so a hit in a gigabyte file costs a few reads.

use crate::corpus::source::Source;
use crate::reader::segment::{previous_start, segment_at};
use crate::reader::unit_text;
use crate::text::words::{for_each_word, is_word_char, lowercase};
use std::io;
use std::ops::Range;

/// A hit with the text around it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Around {
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// How much text around a hit is wanted.
#[derive(Clone, Copy, Debug)]
pub enum Reach {
    Chars(usize),
    Words(usize),
}

impl Reach {
    /// The end of `text` that this reach keeps (all of it when it is shorter). Words are
    /// counted from the end, only as far as needed: a hit late in a long line costs no more.
    fn tail(self, text: &str) -> &str {
        match self {
            Reach::Chars(chars) => last_chars(text, chars),
            // One word more: the one glued to the hit is not beside it.
            Reach::Words(words) => &text[start_of_last_words(text, words + 1)..],
        }
    }

    /// The start of `text` that this reach keeps.
    fn head(self, text: &str) -> &str {
        match self {
            Reach::Chars(chars) => first_chars(text, chars),
            Reach::Words(words) => &text[..end_of_first_words(text, words + 1)],
        }
    }

    fn reached(self, text: &str) -> bool {
        match self {
            // No context wanted: none is read (`--context 0`).
            Reach::Chars(0) | Reach::Words(0) => true,
            Reach::Chars(chars) => text.chars().nth(chars - 1).is_some(),
            Reach::Words(words) => {
                end_of_first_words(text, words) < text.len() || {
                    let mut count = 0;
                    for_each_word(text, |_| count += 1);
                    count >= words
                }
            }
        }
    }
}

/// Where the `n`th word from the end of `text` starts (0 when it has fewer).
fn start_of_last_words(text: &str, n: usize) -> usize {
    let (mut count, mut start, mut in_word) = (0, text.len(), false);
    for (at, c) in text.char_indices().rev() {
        if is_word_char(c) {
            (start, in_word) = (at, true);
        } else if in_word {
            count += 1;
            in_word = false;
            if count == n {
                return start;
            }
        }
    }
    0
}

/// Where the `n`th word of `text` ends (the text's length when it has fewer).
fn end_of_first_words(text: &str, n: usize) -> usize {
    let (mut count, mut in_word) = (0, false);
    for (at, c) in text.char_indices() {
        let word = is_word_char(c);
        if in_word && !word {
            count += 1;
            if count == n {
                return at;
            }
        }
        in_word = word;
    }
    text.len()
}

/// Lines read beyond the hit's own, each way, at most: context is not a chapter.
const MAX_LINES: usize = 8;

/// A document's text read around its hits, keeping the segment last read (hits come in
/// document order, often several to a line).
pub struct Neighbourhood<'a> {
    source: &'a mut Source,
    /// The last segment read: its start, its end, its shown text, whether it ends a line.
    last: Option<(u64, u64, String, bool)>,
    /// The last offset whose line was asked for, and that line: lines are counted on from it.
    counted: (u64, usize),
}

impl<'a> Neighbourhood<'a> {
    pub fn new(source: &'a mut Source) -> Neighbourhood<'a> {
        Neighbourhood {
            source,
            last: None,
            counted: (0, 1),
        }
    }

    /// The line number (from 1) where the segment starting at `start` is.
    /// Counted on from the last one asked for (hits come in order), a MiB at a time.
    pub fn line_of(&mut self, start: u64) -> io::Result<usize> {
        let (from, line) = match self.counted {
            (at, line) if at <= start => (at, line),
            _ => (0, 1),
        };
        let line = line + self.source.line_breaks(from..start)?;
        self.counted = (start, line);
        Ok(line)
    }

    /// The segment starting at `start`: where it ends, its shown text, and whether it ends
    /// its line (a long line's first segments do not).
    /// It is kept as the last segment read; the text is given only when it is another (the
    /// hit's own is read from `last`, not copied).
    fn segment(&mut self, start: u64) -> io::Result<(u64, String, bool)> {
        if let Some((at, end, _, ends_line)) = &self.last
            && *at == start
        {
            return Ok((*end, String::new(), *ends_line));
        }
        let (end, bytes) = segment_at(self.source, start)?;
        let ends_line = bytes.last() == Some(&b'\n') || end >= self.source.size();
        let text = unit_text(self.source, &bytes, start);
        self.last = Some((start, end, text.clone(), ends_line));
        Ok((end, text, ends_line))
    }

    /// The hit at `range` of the segment starting at `start`, with `reach` of text each side
    /// (less where its paragraph has less; no more, so a long line is not copied per hit).
    pub fn around(&mut self, start: u64, range: Range<usize>, reach: Reach) -> io::Result<Around> {
        let (end, _, ends_line) = self.segment(start)?;
        let Some((_, _, text, _)) = &self.last else {
            return Ok(Around::default());
        };
        // A hit that runs past a cut in a long line ends in the next segment.
        let spilled = range.end.saturating_sub(text.len());
        let range = clamp(text, range);
        let mut before = reach.tail(&text[..range.start]).to_string();
        let mut after = reach.head(&text[range.end..]).to_string();
        let mut hit = text[range].to_string();
        let mut at = start;
        for _ in 0..MAX_LINES {
            if reach.reached(&before) || at == 0 {
                break;
            }
            let previous = previous_start(self.source, at)?;
            let (_, line, line_ended) = self.segment(previous)?;
            if line.trim().is_empty() {
                break;
            }
            let joint = if line_ended { " " } else { "" };
            before = reach.tail(&format!("{line}{joint}{before}")).to_string();
            at = previous;
        }
        let (mut next, mut joint_ends_line) = (end, ends_line);
        // Through as many segments as the hit covers (a term longer than a segment, a phrase
        // that goes on after a line break, shown as a space).
        let mut spilled = spilled;
        while spilled > 0 && next < self.source.size() {
            let (following, line, line_ended) = self.segment(next)?;
            let cut = clamp(&line, 0..spilled).end;
            if joint_ends_line {
                hit.push(' ');
            }
            hit.push_str(&line[..cut]);
            after = reach.head(&line[cut..]).to_string();
            spilled = spilled.saturating_sub(line.len());
            if following <= next {
                break;
            }
            (next, joint_ends_line) = (following, line_ended);
        }
        for _ in 0..MAX_LINES {
            if reach.reached(&after) || next >= self.source.size() {
                break;
            }
            let (following, line, line_ended) = self.segment(next)?;
            if line.trim().is_empty() || following <= next {
                break;
            }
            let joint = if joint_ends_line { " " } else { "" };
            after = reach.head(&format!("{after}{joint}{line}")).to_string();
            (next, joint_ends_line) = (following, line_ended);
        }
        Ok(Around { before, hit, after })
    }

    /// The words (lowercased) within `span` words of the hit each side: those before it,
    /// nearest first, and those after it.
    pub fn words_around(
        &mut self,
        start: u64,
        range: Range<usize>,
        span: usize,
    ) -> io::Result<(Vec<String>, Vec<String>)> {
        let around = self.around(start, range, Reach::Words(span + 1))?;
        Ok(words_each_side(&around, span))
    }
}

/// The words (lowercased) within `span` words each side of a hit: before it nearest first,
/// then after it. A word the hit cuts (`harbour` of `harbours` found as `harbour`) is not
/// beside it: the word it is part of is the hit.
pub(crate) fn words_each_side(around: &Around, span: usize) -> (Vec<String>, Vec<String>) {
    let (before, after) = words_beside(around, span);
    let lower = |words: Vec<&str>| words.into_iter().map(lowercase).collect();
    (lower(before), lower(after))
}

/// [`words_each_side`] as written (not lowercased), borrowed from `around`.
pub(crate) fn words_beside(around: &Around, span: usize) -> (Vec<&str>, Vec<&str>) {
    let mut before: Vec<&str> = Vec::new();
    for_each_word(&around.before, |word| before.push(word));
    if glued(around.before.chars().next_back(), around.hit.chars().next()) {
        before.pop();
    }
    let mut after: Vec<&str> = Vec::new();
    for_each_word(&around.after, |word| after.push(word));
    if glued(around.hit.chars().next_back(), around.after.chars().next()) && !after.is_empty() {
        after.remove(0);
    }
    before.reverse();
    before.truncate(span);
    after.truncate(span);
    (before, after)
}

/// True when two characters side by side are both word characters: one word.
fn glued(left: Option<char>, right: Option<char>) -> bool {
    left.is_some_and(is_word_char) && right.is_some_and(is_word_char)
}

/// `range` inside `text` on character boundaries (a file that changed since its hits were
/// found may have moved them).
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = range.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

/// The last `chars` characters of `text`.
pub(crate) fn last_chars(text: &str, chars: usize) -> &str {
    let cut = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(at, _)| at);
    if chars == 0 { "" } else { &text[cut..] }
}

/// The first `chars` characters of `text`.
pub(crate) fn first_chars(text: &str, chars: usize) -> &str {
    let cut = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    &text[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, line_start: u64, range: Range<usize>, reach: Reach) -> Around {
        let mut source = Source::text(text);
        let mut near = Neighbourhood::new(&mut source);
        near.around(line_start, range, reach)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn context_reaches_into_the_paragraphs_lines_but_not_past_a_blank_one() {
        let text = "Before the blank.\n\nThe first line\nof the port of\nMombasa and more\ntext.\n";
        // "port" on the third line (starting at 34).
        let start = text.find("of the port").unwrap_or(0) as u64;
        let found = around(text, start, 7..11, Reach::Chars(40));
        assert_eq!(found.hit, "port");
        assert_eq!(found.before, "The first line of the ");
        assert_eq!(found.after, " of Mombasa and more text.");
        let words = words_each_side(&found, 2);
        assert_eq!(
            words,
            (
                vec!["the".into(), "of".into()],
                vec!["of".into(), "mombasa".into()]
            )
        );
    }

    #[test]
    fn a_cut_word_is_the_hit_not_its_neighbour() {
        let found = Around {
            before: "the ".into(),
            hit: "harbour".into(),
            after: "s were full".into(),
        };
        assert_eq!(
            words_each_side(&found, 5),
            (vec!["the".into()], vec!["were".into(), "full".into()])
        );
        assert_eq!(last_chars("abcdef", 3), "def");
        assert_eq!(last_chars("ab", 3), "ab");
        assert_eq!(first_chars("abcdef", 2), "ab");
        assert_eq!(first_chars("é", 0), "");
    }
}
