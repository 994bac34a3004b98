//! The terms that are more than text, made from their tokens: a phrase (and a phrase with
//! `~N`, which is proximity), a word wildcard, a `/regex/`, and two terms joined by `NEAR/n`.
//! Each says what is wrong where it is, and keeps what can still be searched.

use super::pattern::Pattern;
use super::pattern::glob::Glob;
use super::pattern::near::{MOST_WORDS, Near, Operand};
use super::pattern::regex::RegexPattern;
use super::{Kind, Term};
use crate::text::words::lowercase;

/// A token made a term: the term (None for nothing to look for), or what is wrong and the
/// term that still stands despite it, if one does.
pub(super) type Parsed = Result<Option<Term>, (String, Option<Term>)>;

impl Term {
    /// A term with a compiled pattern.
    fn with_pattern(
        kind: Kind,
        negated: bool,
        text: &str,
        case_sensitive: bool,
        pattern: Pattern,
    ) -> Term {
        Term {
            kind,
            negated,
            text: text.to_string(),
            case_sensitive,
            pattern: Some(pattern),
        }
    }

    /// `word*`, `*word`, `w?rd`: whole words like it.
    pub(super) fn wildcard(negated: bool, text: &str) -> Parsed {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let written = if case_sensitive {
            text.to_string()
        } else {
            lowercase(text)
        };
        match Glob::new(&written) {
            Ok(glob) => Ok(Some(Term::with_pattern(
                Kind::Wildcard,
                negated,
                text,
                case_sensitive,
                Pattern::Wildcard(glob),
            ))),
            Err(why) => Err((why, None)),
        }
    }

    /// `"two words"`, or with `~N` after it the words within N of each other.
    pub(super) fn phrase(negated: bool, text: &str, closed: bool, slop: Option<&str>) -> Parsed {
        let text = text.trim();
        if text.is_empty() {
            return match closed {
                true => Err(("empty \"\"".to_string(), None)),
                false => Err(("unclosed \"".to_string(), None)),
            };
        }
        let phrase = Term::new(Kind::Phrase, negated, text);
        if !closed {
            return Err(("unclosed \"".to_string(), Some(phrase)));
        }
        let Some(slop) = slop else {
            return Ok(Some(phrase));
        };
        let Ok(gap) = slop.parse::<usize>() else {
            return Err((
                format!("~ after a phrase wants a number of words, as \"{text}\"~5"),
                Some(phrase),
            ));
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        match Term::near_of(negated, &words, gap) {
            Ok(near) => Ok(Some(near)),
            Err(why) => Err((why, Some(phrase))),
        }
    }

    /// `/pattern/` whose pattern starts at char `at` of the query.
    pub(super) fn regex(negated: bool, text: &str, closed: bool, at: usize) -> Parsed {
        if text.is_empty() {
            return Err(("empty //".to_string(), None));
        }
        match RegexPattern::new(text) {
            Ok(regex) => {
                let case_sensitive = regex.is_case_sensitive();
                let term = Term::with_pattern(
                    Kind::Regex,
                    negated,
                    text,
                    case_sensitive,
                    Pattern::Regex(regex),
                );
                match closed {
                    true => Ok(Some(term)),
                    false => Err(("unclosed /".to_string(), Some(term))),
                }
            }
            Err(error) => Err((
                format!("at {}: bad regex: {}", at + error.at + 1, error.why),
                None,
            )),
        }
    }

    /// `left NEAR/gap right`: both words within `gap` words of each other.
    pub(super) fn near(left: &Term, right: &Term, gap: usize) -> Result<Term, String> {
        let operand = |term: &Term| match term.kind {
            Kind::Fuzzy | Kind::Exact | Kind::Word | Kind::Wildcard => Ok(term.text.clone()),
            Kind::Near => Err(format!(
                "NEAR/n joins two words, not a NEAR again: for more words write \"{} …\"~{gap}",
                term.text
            )),
            _ => Err(format!(
                "NEAR/n joins two words or wildcards, not {}",
                term.label()
            )),
        };
        if right.negated {
            return Err("NEAR/n: put ! before the first word to drop what has both".to_string());
        }
        let words = [operand(left)?, operand(right)?];
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        Term::near_of(left.negated, &words, gap)
    }

    /// The proximity term of `words` within `gap` of each other: smart case over all of them.
    fn near_of(negated: bool, words: &[&str], gap: usize) -> Result<Term, String> {
        if words.len() > MOST_WORDS {
            return Err(format!("proximity joins at most {MOST_WORDS} words"));
        }
        let text = words.join(" ");
        let operands = words
            .iter()
            .map(|word| Operand::new(word))
            .collect::<Result<Vec<Operand>, String>>()?;
        // Each side keeps its own case; the term as a whole ignores case only if all do.
        let case_sensitive = operands.iter().all(|operand| operand.case_sensitive);
        let near = Near { operands, gap };
        Ok(Term::with_pattern(
            Kind::Near,
            negated,
            &text,
            case_sensitive,
            Pattern::Near(near),
        ))
    }
}
