//! The query forms that are patterns rather than text: word wildcards (`fraud*`), regular
//! expressions (`/regex/`) and proximity (`a NEAR/5 b`, `"a b"~5`). Each is compiled once,
//! where the query is parsed (so a bad one is said at once, where it is wrong), and matches
//! titles and text alike: the word index and the reader call the same matching.

pub(crate) mod glob;
pub(crate) mod near;
pub(crate) mod regex;

use glob::Glob;
use near::Near;
use regex::RegexPattern;
use std::ops::Range;

/// A compiled pattern term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    Wildcard(Glob),
    Regex(RegexPattern),
    Near(Near),
}

impl Pattern {
    /// Where it matches in `text` (the text as it is: each pattern ignores case itself when
    /// `case_sensitive` is false), in order, not overlapping.
    pub fn ranges(&self, text: &str, case_sensitive: bool) -> Vec<Range<usize>> {
        match self {
            Pattern::Wildcard(glob) => glob.words_in(text, case_sensitive),
            Pattern::Regex(regex) => regex.ranges(text.as_bytes()),
            // Each side has its own case.
            Pattern::Near(near) => near.ranges(text),
        }
    }

    /// Whether it matches somewhere in `text`.
    pub fn is_in(&self, text: &str, case_sensitive: bool) -> bool {
        match self {
            Pattern::Regex(regex) => regex.is_in(text),
            _ => !self.ranges(text, case_sensitive).is_empty(),
        }
    }

    /// True when a match may run onto the next line (proximity), so a reader looks at two
    /// lines joined, as for a phrase.
    pub fn spans_lines(&self) -> bool {
        matches!(self, Pattern::Near(_))
    }
}
