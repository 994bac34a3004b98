//! `/regex/` terms: the regex crate's syntax and its guarantee of time linear in the text, so
//! no pattern can hang a search. Smart case as every term (an uppercase letter written in the
//! pattern, not in an escape such as `\S` or `\p{Lu}`, makes it case-sensitive); `^` and `$`
//! are a line's start and end (CRLF too), and a match never runs across a line break, as
//! ripgrep's do. What every match must begin (or end) with, when the pattern says, lets the
//! word index rule out the documents that cannot hold it.

use crate::text::words::{is_word_char, lowercase};
use regex::bytes::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::ops::Range;
use std::sync::Arc;

/// The compiled automaton may take this much memory: far past any pattern typed by hand.
const SIZE_LIMIT: usize = 64 << 20;

/// A compiled `/regex/` term.
#[derive(Clone, Debug)]
pub struct RegexPattern {
    source: String,
    regex: Arc<Regex>,
    case_sensitive: bool,
    /// Runs of word characters one of which every match holds (lowercase unless the pattern
    /// is case-sensitive), when the pattern allows saying so.
    literals: Option<Vec<String>>,
}

impl PartialEq for RegexPattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for RegexPattern {}

/// Why a pattern is not a regular expression: where (a char offset in the pattern) and what.
#[derive(Debug, PartialEq, Eq)]
pub struct RegexError {
    pub at: usize,
    pub why: String,
}

impl RegexPattern {
    /// Compiles `source`, or says where and why it cannot be.
    pub fn new(source: &str) -> Result<RegexPattern, RegexError> {
        let case_sensitive = writes_uppercase(source);
        let at_char = |byte: usize| source.get(..byte).map_or(0, |head| head.chars().count());
        let hir = regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .crlf(true)
            .build()
            .parse(source)
            .map_err(|error| {
                let (at, why) = match &error {
                    regex_syntax::Error::Parse(e) => (e.span().start.offset, e.kind().to_string()),
                    regex_syntax::Error::Translate(e) => {
                        (e.span().start.offset, e.kind().to_string())
                    }
                    other => (0, other.to_string()),
                };
                RegexError {
                    at: at_char(at),
                    why,
                }
            })?;
        let regex = RegexBuilder::new(source)
            .case_insensitive(!case_sensitive)
            .multi_line(true)
            .crlf(true)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(|error| RegexError {
                at: 0,
                why: error
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .to_string(),
            })?;
        Ok(RegexPattern {
            source: source.to_string(),
            regex: Arc::new(regex),
            case_sensitive,
            literals: required_words(&hir, case_sensitive),
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Runs of word characters of which every match holds one, if known.
    pub fn literals(&self) -> Option<&[String]> {
        self.literals.as_deref()
    }

    /// Whether it matches somewhere in `text` (a title: one line).
    pub fn is_in(&self, text: &str) -> bool {
        !self.ranges(text.as_bytes()).is_empty()
    }

    /// Its matches in `text`, in order, none empty, none across a line break: found in the
    /// text whole, and line by line only when a match ran across one.
    pub fn ranges(&self, text: &[u8]) -> Vec<Range<usize>> {
        let whole: Vec<Range<usize>> = self
            .regex
            .find_iter(text)
            .map(|found| found.range())
            .filter(|range| !range.is_empty())
            .collect();
        if !whole
            .iter()
            .any(|range| text[range.clone()].contains(&b'\n'))
        {
            return whole;
        }
        let mut found = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive(|&byte| byte == b'\n') {
            let end = line.len() - line.strip_suffix(b"\n").map_or(0, |_| 1);
            let body = &line[..end];
            let body = body.strip_suffix(b"\r").unwrap_or(body);
            found.extend(
                self.regex
                    .find_iter(body)
                    .map(|m| start + m.start()..start + m.end())
                    .filter(|range| !range.is_empty()),
            );
            start += line.len();
        }
        found
    }

    /// How many times it matches in `text`.
    pub fn count(&self, text: &[u8]) -> usize {
        self.ranges(text).len()
    }
}

/// True when the pattern writes an uppercase letter itself: escapes (`\S`, `\W`, `\p{Lu}`)
/// and group names do not count.
fn writes_uppercase(source: &str) -> bool {
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some('p' | 'P') = chars.next()
                    && chars.peek() == Some(&'{')
                {
                    for skipped in chars.by_ref() {
                        if skipped == '}' {
                            break;
                        }
                    }
                }
            }
            '(' if chars.peek() == Some(&'?') => {
                // `(?P<Name>` and `(?<Name>`: the name is not text.
                let ahead: String = chars.clone().take(3).collect();
                if ahead.starts_with("?P<") || ahead.starts_with("?<") {
                    for skipped in chars.by_ref() {
                        if skipped == '>' {
                            break;
                        }
                    }
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

/// Runs of word characters one of which every match of `hir` holds: from each of the
/// literals every match begins with (or, failing that, ends with), its longest run of word
/// characters, lowercased when the search ignores case. None when some match may hold none:
/// a literal without a word character, or no finite set of literals. Ignoring case, a run
/// holds only characters whose case variants all lowercase to what it does, so the index's
/// lowercased vocabulary finds every word the regex can match (`s` ends a run: the long s
/// `ſ` matches it, and lowercases to itself).
fn required_words(hir: &Hir, case_sensitive: bool) -> Option<Vec<String>> {
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| {
            let mut seq = Extractor::new().kind(kind).extract(hir);
            seq.optimize_for_prefix_by_preference();
            let literals = seq.literals()?;
            let runs: Option<Vec<String>> = literals
                .iter()
                .map(|literal| {
                    let text = std::str::from_utf8(literal.as_bytes()).ok()?;
                    // Ignoring case, a character some other character folds to but does not
                    // lowercase to cannot be looked for in the lowercased vocabulary.
                    let breaks = |c: char| {
                        !is_word_char(c) || (!case_sensitive && !folds_as_it_lowercases(c))
                    };
                    let run = text
                        .split(breaks)
                        .rev()
                        .max_by_key(|run| run.len())
                        .filter(|run| !run.is_empty())?;
                    Some(match case_sensitive {
                        true => run.to_string(),
                        false => lowercase(run),
                    })
                })
                .collect();
            runs.filter(|runs| !runs.is_empty())
        })
        .max_by_key(|runs| runs.iter().map(String::len).min().unwrap_or(0))
}

/// True when every character a caseless regex takes for `c` lowercases as `c` does.
fn folds_as_it_lowercases(c: char) -> bool {
    let lower = |c: char| c.to_lowercase().collect::<String>();
    let escaped = regex_syntax::escape(c.encode_utf8(&mut [0; 4]));
    let parsed = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(&escaped);
    match parsed.as_ref().map(Hir::kind) {
        Ok(HirKind::Literal(_)) => true,
        Ok(HirKind::Class(Class::Unicode(class))) => class
            .iter()
            .flat_map(|range| range.start()..=range.end())
            .all(|other| lower(other) == lower(c)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex(source: &str) -> RegexPattern {
        RegexPattern::new(source).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn matches_stay_in_their_line_and_case_is_smart() {
        let text = b"Tax evasion\r\ntax  evasion; TAX\nevasion";
        let found = |source: &str| {
            let ranges = regex(source).ranges(text);
            ranges
                .into_iter()
                .map(|range| String::from_utf8_lossy(&text[range]).into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(found(r"tax\s+evasion"), ["Tax evasion", "tax  evasion"]);
        assert_eq!(found(r"Tax\s+evasion"), ["Tax evasion"]);
        assert_eq!(found(r"^tax"), ["Tax", "tax"]);
        assert_eq!(found(r"evasion$"), ["evasion", "evasion"]);
        assert_eq!(
            found(r"\S+"),
            ["Tax", "evasion", "tax", "evasion;", "TAX", "evasion"]
        );
        assert_eq!(found("q*"), Vec::<String>::new(), "empty matches are none");
        assert!(!regex(r"\p{Lu}\S").is_case_sensitive());
        assert!(!regex(r"(?P<Name>a)").is_case_sensitive());
    }

    #[test]
    fn errors_say_where() {
        let error = |source: &str| RegexPattern::new(source).err().map(|e| e.at);
        assert_eq!(error("ab(cd"), Some(2));
        assert_eq!(error("é[z-a]"), Some(2));
        assert_eq!(error(r"\p{Nope}"), Some(0));
        assert_eq!(error("fine"), None);
    }

    #[test]
    fn required_words_are_what_every_match_holds() {
        let words = |source: &str| regex(source).literals().map(<[String]>::to_vec);
        assert_eq!(words(r"fraud\w*"), Some(vec!["fraud".to_string()]));
        assert_eq!(
            words(r"(tax|duty) evasion"),
            Some(vec!["tax".into(), "duty".into()])
        );
        assert_eq!(words(r"\w+ing"), Some(vec!["ing".to_string()]));
        assert_eq!(words(r"\w+"), None);
        assert_eq!(words(r"Yukos"), Some(vec!["Yukos".to_string()]));
        assert_eq!(words(r"oil"), Some(vec!["oil".to_string()]));
        assert_eq!(
            words(r"gases"),
            Some(vec!["ga".to_string()]),
            "ſ matches s ignoring case, and lowercases to itself"
        );
        assert_eq!(words(r"Gases"), Some(vec!["Gases".to_string()]));
        assert_eq!(
            words(r"k"),
            Some(vec!["k".to_string()]),
            "the Kelvin sign lowercases to k"
        );
    }
}
