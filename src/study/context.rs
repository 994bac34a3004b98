//! The text around a hit, as the concordance shows it and as sorting and collocates see it: the
//! hit's own line, and when that is short, the lines before and after it joined with a space,
//! up to a blank line (a paragraph's end; phrases stop there too) or the text's end. A long
//! line's segments join without a space. All of it is shown text (sanitized as the reader
//! shows it), read a segment at a time, so a hit in a gigabyte file costs a few reads.

use crate::corpus::source::Source;
use crate::reader::segment::{previous_start, segment_at};
use crate::reader::unit_text;
use crate::text::words::{for_each_word, lowercase};
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
    fn reached(self, text: &str) -> bool {
        match self {
            Reach::Chars(chars) => text.chars().nth(chars.saturating_sub(1)).is_some(),
            Reach::Words(words) => {
                let mut count = 0;
                for_each_word(text, |_| count += 1);
                count >= words
            }
        }
    }
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
        let (mut at, mut line) = match self.counted {
            (at, line) if at <= start => (at, line),
            _ => (0, 1),
        };
        while at < start {
            let end = (at + (1 << 20)).min(start);
            let bytes = self.source.bytes(at..end)?;
            if bytes.is_empty() {
                break;
            }
            line += memchr::memchr_iter(b'\n', &bytes).count();
            at = end;
        }
        self.counted = (start, line);
        Ok(line)
    }

    /// The segment starting at `start`: where it ends, its shown text, and whether it ends
    /// its line (a long line's first segments do not).
    fn segment(&mut self, start: u64) -> io::Result<(u64, String, bool)> {
        if let Some((at, end, text, ends_line)) = &self.last
            && *at == start
        {
            return Ok((*end, text.clone(), *ends_line));
        }
        let (end, bytes) = segment_at(self.source, start)?;
        let ends_line = bytes.last() == Some(&b'\n') || end >= self.source.size();
        let text = unit_text(self.source, &bytes, start);
        self.last = Some((start, end, text.clone(), ends_line));
        Ok((end, text, ends_line))
    }

    /// The hit at `range` of the segment starting at `start`, with at least `reach` of text
    /// each side where its paragraph has it.
    pub fn around(&mut self, start: u64, range: Range<usize>, reach: Reach) -> io::Result<Around> {
        let (end, text, ends_line) = self.segment(start)?;
        let range = clamp(&text, range);
        let mut before = text[..range.start].to_string();
        let mut after = text[range.end..].to_string();
        let hit = text[range].to_string();
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
            before = format!("{line}{joint}{before}");
            at = previous;
        }
        let (mut next, mut joint_ends_line) = (end, ends_line);
        for _ in 0..MAX_LINES {
            if reach.reached(&after) || next >= self.source.size() {
                break;
            }
            let (following, line, line_ended) = self.segment(next)?;
            if line.trim().is_empty() || following <= next {
                break;
            }
            let joint = if joint_ends_line { " " } else { "" };
            after = format!("{after}{joint}{line}");
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
pub fn words_each_side(around: &Around, span: usize) -> (Vec<String>, Vec<String>) {
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
    let before = before.iter().rev().take(span).map(|w| lowercase(w));
    let after = after.iter().take(span).map(|w| lowercase(w));
    (before.collect(), after.collect())
}

/// True when two characters side by side are both word characters: one word.
fn glued(left: Option<char>, right: Option<char>) -> bool {
    use crate::text::words::is_word_char;
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
pub fn last_chars(text: &str, chars: usize) -> &str {
    let cut = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(at, _)| at);
    if chars == 0 { "" } else { &text[cut..] }
}

/// The first `chars` characters of `text`.
pub fn first_chars(text: &str, chars: usize) -> &str {
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
