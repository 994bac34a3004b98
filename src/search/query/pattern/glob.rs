//! Word wildcards: `fraud*` (words beginning with "fraud"), `*fraud` (ending with it), `fr?ud`
//! (one character in place of the `?`). A wildcard matches whole words, as the word index
//! keeps them (`text::words`): `fraud*` finds "fraudster" but not "defraud", and a `*` or `?`
//! stands only for word characters (letters, digits, `_`), since a word holds nothing else.

use crate::text::words::{for_each_word, is_word_char, lowercase, occurrences};
use std::ops::Range;

/// A word wildcard, lowercased unless it is case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    pattern: Vec<char>,
    /// The longest run of its characters that are not `*` or `?`: where a matching word
    /// must hold it, found in text before words are tried.
    literal: String,
}

impl Glob {
    /// The wildcard written `text` (already lowercased when it ignores case), or why it is
    /// not one: its other characters must be word characters.
    pub fn new(text: &str) -> Result<Glob, String> {
        if let Some(bad) = text
            .chars()
            .find(|&c| c != '*' && c != '?' && !is_word_char(c))
        {
            return Err(format!(
                "a wildcard stands inside one word: `{bad}` in {text} is not a letter, digit or _"
            ));
        }
        let literal = text
            .split(['*', '?'])
            .max_by_key(|run| run.len())
            .unwrap_or_default()
            .to_string();
        Ok(Glob {
            pattern: text.chars().collect(),
            literal,
        })
    }

    /// True when a text holding `*` or `?` and a word character is meant as a wildcard.
    pub fn is_wildcard(text: &str) -> bool {
        text.contains(['*', '?']) && text.chars().any(char::is_alphanumeric)
    }

    /// The wildcard as written (lowercased when it ignores case).
    pub fn written(&self) -> String {
        self.pattern.iter().collect()
    }

    /// The longest literal run (what the index looks for in its vocabulary first).
    pub fn literal(&self) -> &str {
        &self.literal
    }

    /// Whether the whole of `word` (lowercased already when the wildcard ignores case)
    /// matches: `*` any run of characters, `?` one character.
    pub fn matches(&self, word: &str) -> bool {
        let word: Vec<char> = word.chars().collect();
        let (mut p, mut w) = (0, 0);
        // Where the last `*` was, and the word position it is trying to cover up to.
        let mut star: Option<(usize, usize)> = None;
        while w < word.len() {
            match self.pattern.get(p) {
                Some('*') => {
                    star = Some((p, w));
                    p += 1;
                }
                Some(&c) if c == '?' || c == word[w] => {
                    p += 1;
                    w += 1;
                }
                _ => match star {
                    Some((at, covered)) => {
                        p = at + 1;
                        w = covered + 1;
                        star = Some((at, covered + 1));
                    }
                    None => return false,
                },
            }
        }
        self.pattern[p..].iter().all(|&c| c == '*')
    }

    /// The whole words of `text` that match, as byte ranges of `text`, in order. A word is
    /// compared lowercased (char by char) unless `case_sensitive`.
    pub fn words_in(&self, text: &str, case_sensitive: bool) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = Vec::new();
        let mut consider = |range: Range<usize>| {
            if found.last() == Some(&range) {
                return;
            }
            let word = &text[range.clone()];
            let matched = match case_sensitive {
                true => self.matches(word),
                false => self.matches(&lowercase(word)),
            };
            if matched {
                found.push(range);
            }
        };
        if self.literal.is_empty() {
            let base = text.as_ptr() as usize;
            for_each_word(text, |word| {
                let start = word.as_ptr() as usize - base;
                consider(start..start + word.len());
            });
        } else {
            // The literal is made of word characters: each place holding it is inside one
            // word, which is then tried whole.
            for place in occurrences(text, &self.literal, case_sensitive) {
                consider(word_around(text, place));
            }
        }
        found
    }
}

/// The whole word of `text` that `inside` (a range of word characters) is part of.
fn word_around(text: &str, inside: Range<usize>) -> Range<usize> {
    let before = text[..inside.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(inside.start, |(at, _)| at);
    let after = text[inside.end..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(at, _)| inside.end + at);
    before..after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(text: &str) -> Glob {
        Glob::new(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn stars_and_marks_stand_for_word_characters() {
        let cases = [
            ("fraud*", "fraud", true),
            ("fraud*", "fraudster", true),
            ("fraud*", "defraud", false),
            ("*fraud", "defraud", true),
            ("*fraud", "frauds", false),
            ("fr?ud", "fraud", true),
            ("fr?ud", "frud", false),
            ("*a*b*", "xaxxbx", true),
            ("*a*b*", "xbxa", false),
            ("a*a", "a", false),
            ("a*a", "aa", true),
            ("caf?", "café", true),
        ];
        for (pattern, word, expected) in cases {
            assert_eq!(glob(pattern).matches(word), expected, "{pattern} {word}");
        }
        assert_eq!(glob("*ab?cde*").literal(), "cde");
        assert!(Glob::new("e-ma*").is_err());
        assert!(
            Glob::is_wildcard("fraud*") && !Glob::is_wildcard("**") && !Glob::is_wildcard("fraud")
        );
    }

    #[test]
    fn words_are_found_whole_in_text() {
        let text = "Fraud, fraudsters; defraud FRAUDULENT fraud_x. Ünfraud";
        let words = |pattern: &str, case_sensitive: bool| -> Vec<&str> {
            let ranges = glob(pattern).words_in(text, case_sensitive);
            ranges.into_iter().map(|range| &text[range]).collect()
        };
        assert_eq!(
            words("fraud*", false),
            ["Fraud", "fraudsters", "FRAUDULENT", "fraud_x"]
        );
        assert_eq!(words("fraud*", true), ["fraudsters", "fraud_x"]);
        assert_eq!(words("*fraud", false), ["Fraud", "defraud", "Ünfraud"]);
        assert_eq!(words("???????", false), ["defraud", "fraud_x", "Ünfraud"]);
        assert_eq!(words("?????", false), ["Fraud"]);
    }
}
