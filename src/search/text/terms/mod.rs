//! A query's terms as content search uses them: every term matches literally (a plain term is
//! a substring, as `grep -i` finds it), `'word'` a whole word, `"two words"` a phrase (see
//! `phrase`), `^text` at the start of a line, `text$` at the end of one; smart case per term.

use super::caseless::{Caseless, lowercase_may_differ};
use super::phrase::{self, phrase_ranges, words_of};
use crate::corpus::decode::utf8_lossy;
use crate::search::query::pattern::Pattern;
use crate::search::query::{Kind, Query, Term};
use crate::text::highlight::find_ignoring_case;
use crate::text::sanitize::split_lines;
use crate::text::words::{is_whole_word, lowercase, occurrences, word_from};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

mod json;

/// One term, ready to count in text.
#[derive(Clone, Debug)]
pub struct ContentTerm {
    kind: Kind,
    pub negated: bool,
    /// Lowercased unless the term is case-sensitive.
    needle: String,
    case_sensitive: bool,
    /// A phrase's words (lowercased with the needle), empty for the other kinds.
    words: Vec<String>,
    /// For a substring (or a phrase's first word) that ignores case: its search straight in
    /// the text as it is (see [`Caseless`]).
    caseless: Option<Caseless>,
    /// A wildcard's, a regex's or a proximity term's compiled pattern, which finds it.
    pattern: Option<Pattern>,
    /// Text a wildcard or a proximity term cannot occur without (a wildcard's literal, each
    /// side's), with its caseless search when case is ignored: a chunk without one of them
    /// is passed over at the speed of a search, before any word is looked at.
    needs: Vec<(String, Option<Caseless>)>,
}

/// The groups of a query (one of each group's terms must hold), as content terms.
pub fn content_terms(query: &Query) -> Vec<Vec<ContentTerm>> {
    query
        .groups
        .iter()
        .map(|group| group.iter().map(ContentTerm::from).collect())
        .collect()
}

/// The terms of a query that are looked for (those not negated): what the reader finds and
/// highlights for it.
pub(crate) fn positive_terms(query: &Query) -> Vec<ContentTerm> {
    let terms = query.groups.iter().flatten().filter(|term| !term.negated);
    terms.map(ContentTerm::from).collect()
}

impl From<&Term> for ContentTerm {
    fn from(term: &Term) -> Self {
        let needle = if term.case_sensitive {
            term.text.clone()
        } else {
            lowercase(&term.text)
        };
        ContentTerm {
            kind: term.kind,
            negated: term.negated,
            words: match term.kind {
                Kind::Phrase => words_of(&needle),
                _ => Vec::new(),
            },
            caseless: match (term.case_sensitive, term.kind) {
                (true, _) | (_, Kind::Wildcard | Kind::Regex | Kind::Near) => None,
                // A phrase is found from its first word.
                (false, Kind::Phrase) => needle.split_whitespace().next().and_then(Caseless::new),
                (false, _) => Caseless::new(&needle),
            },
            needle,
            case_sensitive: term.case_sensitive,
            needs: needs_of(term),
            pattern: term.pattern.clone(),
        }
    }
}

/// What `term` (a wildcard or a proximity term) cannot occur without: see `ContentTerm::needs`.
fn needs_of(term: &Term) -> Vec<(String, Option<Caseless>)> {
    // Each literal with whether it is looked for as written (a proximity term's sides each
    // have their own case).
    let literals: Vec<(&str, bool)> = match &term.pattern {
        Some(Pattern::Wildcard(glob)) => vec![(glob.literal(), term.case_sensitive)],
        Some(Pattern::Near(near)) => near
            .operands
            .iter()
            .map(|operand| (operand.literal(), operand.case_sensitive))
            .collect(),
        _ => Vec::new(),
    };
    let need = |(literal, cased): (&str, bool)| {
        let caseless = (!cased).then(|| Caseless::new(literal)).flatten();
        (cased || caseless.is_some()).then(|| (literal.to_string(), caseless))
    };
    literals
        .into_iter()
        .filter(|(literal, _)| !literal.is_empty())
        .filter_map(need)
        .collect()
}

/// A piece of text, its bytes and, once a term needs them, its text (for bytes of a UTF-8
/// file not checked yet) and its lowercase copy (made once for all the terms that ignore
/// case). Most text needs neither for substrings: they are counted in its bytes as they are.
pub struct Chunk<'a> {
    bytes: &'a [u8],
    text: OnceLock<Cow<'a, str>>,
    /// True when a term found caselessly in the text as it is is found as often as in its
    /// lowercase copy (see [`lowercase_may_differ`]).
    caseless_agrees: OnceLock<bool>,
    lower: OnceLock<String>,
}

impl<'a> Chunk<'a> {
    pub fn new(text: &'a str) -> Chunk<'a> {
        Chunk {
            bytes: text.as_bytes(),
            text: OnceLock::from(Cow::Borrowed(text)),
            caseless_agrees: OnceLock::new(),
            lower: OnceLock::new(),
        }
    }

    /// A chunk of bytes of a UTF-8 file, made text only if a term needs it (a byte that is
    /// not UTF-8 is then U+FFFD, as the reader shows it).
    pub fn of_utf8(bytes: &'a [u8]) -> Chunk<'a> {
        Chunk {
            bytes,
            text: OnceLock::new(),
            caseless_agrees: OnceLock::new(),
            lower: OnceLock::new(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| utf8_lossy(self.bytes))
    }

    /// The text lowercased (char by char, see [`lowercase`]).
    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| lowercase(self.text()))
    }

    fn caseless_agrees(&self) -> bool {
        *self
            .caseless_agrees
            .get_or_init(|| !lowercase_may_differ(self.bytes))
    }
}

impl ContentTerm {
    /// True for a plain substring (fuzzy or `'exact`), which matches anywhere in a line.
    pub fn is_substring(&self) -> bool {
        matches!(self.kind, Kind::Fuzzy | Kind::Exact)
    }

    /// True for the kinds that match anywhere in a line: substrings and whole words.
    pub fn is_word_term(&self) -> bool {
        matches!(self.kind, Kind::Fuzzy | Kind::Exact | Kind::Word)
    }

    /// A phrase's words (lowercased unless the term is case-sensitive); empty for other kinds.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// A term standing for part of another (a phrase's word, a proximity term's side, a
    /// regex's literal), with its case rule: what the word index looks for to rule it out.
    pub(crate) fn part(
        kind: Kind,
        needle: &str,
        case_sensitive: bool,
        pattern: Option<Pattern>,
    ) -> ContentTerm {
        ContentTerm {
            kind,
            negated: false,
            needle: needle.to_string(),
            case_sensitive,
            words: Vec::new(),
            caseless: None,
            pattern,
            needs: Vec::new(),
        }
    }

    /// The compiled pattern of a wildcard, regex or proximity term.
    pub fn pattern(&self) -> Option<&Pattern> {
        self.pattern.as_ref()
    }

    /// True for a phrase (`"two words"`), which may run onto the next line.
    pub fn is_phrase(&self) -> bool {
        self.kind == Kind::Phrase
    }

    /// True for a term whose match may run onto the next line: a phrase, or words near each
    /// other.
    pub fn spans_lines(&self) -> bool {
        self.is_phrase() || self.pattern.as_ref().is_some_and(Pattern::spans_lines)
    }

    /// True for words near each other (`a NEAR/5 b`): found a paragraph at a time.
    pub fn is_near(&self) -> bool {
        matches!(self.pattern, Some(Pattern::Near(_)))
    }

    /// True for `'word'`: whole words only.
    pub fn is_whole_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// The text to find (lowercased unless the term is case-sensitive).
    pub fn needle(&self) -> &str {
        &self.needle
    }

    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Where the term occurs in one line (without its line break), as byte ranges of `line`
    /// in order, not overlapping.
    pub fn ranges_in(&self, line: &str) -> Vec<Range<usize>> {
        self.ranges_in_part(line, 0, true, true)
    }

    /// Where the term occurs in a piece of a line (of a line too long to take whole), which
    /// `starts_line` or not and `ends_line` or not, from byte `from` of it on (what is before
    /// is context: a whole word sees the character before it): a term anchored to a line's
    /// start or end matches only where the piece has it.
    pub fn ranges_in_part(
        &self,
        line: &str,
        from: usize,
        starts_line: bool,
        ends_line: bool,
    ) -> Vec<Range<usize>> {
        let anchored_start = matches!(self.kind, Kind::Prefix | Kind::Equal);
        let anchored_end = matches!(self.kind, Kind::Suffix | Kind::Equal);
        let starts_line = starts_line && from == 0;
        if (anchored_start && !starts_line) || (anchored_end && !ends_line) {
            return Vec::new();
        }
        if let Some(pattern) = &self.pattern {
            // Found in the whole line, so a word or a line start before `from` is seen.
            let ranges = pattern.ranges(line, self.case_sensitive);
            return ranges.into_iter().filter(|r| r.start >= from).collect();
        }
        let rest = &line[from..];
        let shift = |ranges: Vec<Range<usize>>| -> Vec<Range<usize>> {
            ranges
                .into_iter()
                .map(|range| range.start + from..range.end + from)
                .collect()
        };
        if self.kind == Kind::Phrase {
            return shift(phrase_ranges(rest, &self.words, self.case_sensitive));
        }
        let found = shift(occurrences(rest, &self.needle, self.case_sensitive));
        match self.kind {
            Kind::Fuzzy | Kind::Exact => found,
            Kind::Word => found
                .into_iter()
                .filter(|range| is_whole_word(line, range))
                .collect(),
            Kind::Phrase | Kind::Wildcard | Kind::Regex | Kind::Near => Vec::new(),
            Kind::Prefix => found.into_iter().filter(|range| range.start == 0).collect(),
            // Occurrences found do not overlap, so one ending the line may be hidden by the
            // one before it ("aa$" in "aaa"): the line's end is looked at on its own.
            Kind::Suffix => (from..line.len())
                .rev()
                .filter(|&at| line.is_char_boundary(at))
                .take(self.needle.chars().count() + 1)
                .find_map(|at| {
                    let tail = &line[at..];
                    let whole = if self.case_sensitive {
                        tail == self.needle
                    } else {
                        find_ignoring_case(tail, &self.needle).first() == Some(&(0..tail.len()))
                    };
                    whole.then_some(at..line.len())
                })
                .into_iter()
                .collect(),
            Kind::Equal => found
                .into_iter()
                .filter(|range| *range == (0..line.len()))
                .collect(),
        }
    }

    /// How many times the term occurs in a chunk of text.
    ///
    /// A substring is counted in the chunk's bytes as they are: matching bytes that are not
    /// UTF-8 is impossible for a term that is (its characters are whole), so the count is the
    /// text's unless the term holds U+FFFD, which such bytes show as. Ignoring case, the
    /// text must be lowercased only where a character lowercases to two (`İ`), which matters
    /// only to a term with an `i` or a combining dot.
    pub fn count_chunk(&self, chunk: &Chunk) -> usize {
        // (Text with an `İ` may lowercase to what a caseless search would not find.)
        let lacks = |(literal, caseless): &(String, Option<Caseless>)| match caseless {
            Some(caseless) => chunk.caseless_agrees() && !caseless.is_in(chunk.bytes),
            None => memchr::memmem::find(chunk.bytes, literal.as_bytes()).is_none(),
        };
        if self.needs.iter().any(lacks) {
            return 0;
        }
        match &self.pattern {
            Some(Pattern::Regex(regex)) => return regex.count(chunk.bytes),
            Some(pattern) => return pattern.ranges(chunk.text(), self.case_sensitive).len(),
            None => {}
        }
        let replacement = self.needle.contains('\u{FFFD}');
        if self.case_sensitive {
            if self.is_substring() && !replacement && !self.needle.is_empty() {
                return memchr::memmem::find_iter(chunk.bytes, self.needle.as_bytes()).count();
            }
            return self.count(chunk.text());
        }
        let dotted_i = self.needle.contains(['i', '\u{307}']);
        match &self.caseless {
            Some(caseless)
                if self.is_substring()
                    && !replacement
                    && (!dotted_i || chunk.caseless_agrees()) =>
            {
                caseless.count(chunk.bytes)
            }
            _ => self.count(chunk.lower()),
        }
    }

    /// The caseless search of a term that ignores case (of a phrase's first word), if it is
    /// a substring or a phrase.
    pub fn caseless(&self) -> Option<&Caseless> {
        self.caseless.as_ref()
    }

    /// How many times the term occurs in a text given as it is and lowercased.
    pub fn count_in(&self, text: &str, lower: &str) -> usize {
        // A pattern ignores case itself (a proximity term's sides each their own way).
        self.count(if self.case_sensitive || self.pattern.is_some() {
            text
        } else {
            lower
        })
    }

    /// How many times the term occurs in `text` (lines for the line-anchored kinds).
    fn count(&self, text: &str) -> usize {
        let needle = self.needle.as_str();
        if let Some(pattern) = &self.pattern {
            return pattern.ranges(text, self.case_sensitive).len();
        }
        if needle.is_empty() {
            return 0;
        }
        match self.kind {
            Kind::Fuzzy | Kind::Exact => memchr::memmem::find_iter(text.as_bytes(), needle).count(),
            Kind::Word => {
                let mut count = 0;
                let mut from = 0;
                while let Some(at) = word_from(text, needle, from) {
                    count += 1;
                    from = at + needle.len();
                }
                count
            }
            Kind::Phrase => phrase::count(text, &self.words),
            Kind::Prefix => split_lines(text)
                .filter(|line| line.starts_with(needle))
                .count(),
            Kind::Suffix => split_lines(text)
                .filter(|line| line.ends_with(needle))
                .count(),
            Kind::Equal => split_lines(text).filter(|line| *line == needle).count(),
            Kind::Wildcard | Kind::Regex | Kind::Near => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(query: &str, text: &str) -> usize {
        let terms = content_terms(&Query::parse(query));
        let chunk = Chunk::new(text);
        let counted = terms[0][0].count_chunk(&chunk);
        assert_eq!(counted, terms[0][0].count_in(text, &lowercase(text)));
        counted
    }

    #[test]
    fn characters_whose_lowercase_is_ascii_are_counted_as_lowercasing_counts() {
        // The Kelvin sign is a K to the caseless search; the dotted I (lowercase: i and a
        // combining dot) makes the text be lowercased instead.
        assert_eq!(count("kenya", "\u{212A}enya, KENYA, “kenya”"), 3);
        assert_eq!(
            count("i", "\u{130}, Í"),
            1,
            "the dotted I lowercases to an i"
        );
        assert_eq!(count("straße", "STRAẞE Straße strasse"), 2);
    }

    #[test]
    fn each_kind_counts_what_grep_would() {
        let text = "War and peace.\nwarfare, WAR!\nPeace\n  peace talks\r\n";
        assert_eq!(count("war", text), 3, "a substring, ignoring case");
        assert_eq!(count("War", text), 1, "uppercase: case-sensitive");
        assert_eq!(count("'war'", text), 2, "whole words only");
        assert_eq!(count("^peace", text), 1, "at the start of a line");
        assert_eq!(
            count("talks$", text),
            1,
            "at the end of a line, before CRLF"
        );
        assert_eq!(count("^peace$", text), 1);
        assert_eq!(count("fraud", text), 0);
        assert_eq!(
            count("'-x'", "-x-x"),
            1,
            "boundaries against the whole text"
        );
        assert_eq!(count("\"war and\"", text), 1, "a phrase");
        assert_eq!(count("\"peace. warfare\"", text), 1, "across a line break");
        assert_eq!(count("!", text), 1, "punctuation is literal");
    }
}
