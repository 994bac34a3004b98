//! The query language, one for every place a query is typed: the title filter, text mode,
//! the reader's `/`, `--filter` and `--search`. It is fzf's extended syntax with phrases:
//! space-separated terms must all match; `'word` is an exact substring, `'word'` a whole word,
//! `"two words"` a phrase, `^word` at the start, `word$` at the end (`^word$` the whole title or
//! line); `!` before a term keeps only what does not match it exactly; `a | b` matches either;
//! `\ ` is a space inside a term. Plain terms match titles fuzzily (exact substrings in exact
//! mode, `-x`) and text as substrings. A term made only of punctuation (`$`, `!`, `'`) is that
//! text, never an operator with nothing to act on. Each term is smart case: case-insensitive
//! unless it has an uppercase letter. How each kind matches is in `term` (titles) and
//! `search::text::terms` (text); the table the help and the README show is [`SYNTAX`].

mod forms;
pub(crate) mod pattern;
mod syntax;
mod term;
mod tokens;

use forms::Parsed;
use pattern::Pattern;
pub use syntax::SYNTAX;
pub(crate) use term::narrows;
use tokens::{Token, tokens};

/// How a term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Fuzzy,
    /// A substring.
    Exact,
    /// A whole word (`'word'`): a substring with no letter, digit or `_` on either side.
    Word,
    /// Words in this order (`"tax claim"`): in text, separated by any run of spaces with at
    /// most one line break; in a title, an exact substring.
    Phrase,
    Prefix,
    Suffix,
    /// The whole title (or line).
    Equal,
    /// Whole words like a wildcard (`fraud*`, `*fraud`, `fr?ud`).
    Wildcard,
    /// A regular expression (`/regex/`).
    Regex,
    /// Words near each other (`a NEAR/5 b`, `"a b"~5`).
    Near,
}

/// One term of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub kind: Kind,
    /// Matches what does not match the rest of the term.
    pub negated: bool,
    pub text: String,
    pub case_sensitive: bool,
    /// The compiled pattern of a wildcard, a regex or a proximity term.
    pub pattern: Option<Pattern>,
}

/// Terms of which one must match (`a | b`).
pub(crate) type Group = Vec<Term>;

/// A parsed query: groups that must all match, the text it was parsed from, and what is wrong
/// with it, if anything. Parsed once where the user's text comes in (the query line, the
/// reader's prompt, an option) and passed on parsed.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// As typed.
    typed: String,
    pub groups: Vec<Group>,
    /// Why part of the query cannot mean what it says (an unclosed quote), for the query line
    /// or an error message. The rest of the query still stands.
    problem: Option<String>,
}

/// Two queries are equal when they mean the same: how the terms are spaced does not count.
impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.groups == other.groups
    }
}

impl Eq for Query {}

/// How plain words match titles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Matching {
    /// Plain words are fuzzy, `'word` exact (fzf's default).
    #[default]
    Fuzzy,
    /// Plain words are exact substrings, `'word` fuzzy (fzf's `--exact`).
    Exact,
}

impl Query {
    /// Parses a query in the default (fuzzy) matching.
    pub fn parse(query: &str) -> Query {
        Query::parse_with(query, Matching::Fuzzy)
    }

    pub fn parse_with(query: &str, matching: Matching) -> Query {
        let mut groups: Vec<Group> = Vec::new();
        let mut problem = None;
        // A bar after a term joins the next term to its group; one with no term before it is
        // the text `|`, and one at the end waits for the next term to be typed.
        let mut or_next = false;
        let mut after_term = false;
        // `NEAR/n` seen after a term: that term (taken back out of its group), the gap, and
        // where the operator was; the next term completes it.
        let mut near: Option<(Term, usize, usize)> = None;
        for (at, token) in tokens(query) {
            let term = match token {
                Token::Bar if after_term => {
                    or_next = true;
                    after_term = false;
                    continue;
                }
                Token::Bar if or_next => continue,
                Token::Bar => Ok(Some(Term::literal("|", false))),
                Token::Word(word) if word.starts_with("NEAR/") => {
                    match (word["NEAR/".len()..].parse::<usize>(), after_term) {
                        (Err(_), _) => {
                            problem =
                                Some(at_column(at, "NEAR/ wants a number of words, as NEAR/5"))
                        }
                        (Ok(_), false) => {
                            problem = Some(at_column(at, "NEAR/n wants a word before it"))
                        }
                        (Ok(gap), true) => {
                            if let Some(left) = take_last(&mut groups, &mut or_next) {
                                near = Some((left, gap, at));
                                after_term = false;
                            }
                        }
                    }
                    continue;
                }
                Token::Word(word) => Term::parse(&word, matching),
                Token::Phrase {
                    negated,
                    text,
                    closed,
                    slop,
                } => Term::phrase(negated, &text, closed, slop.as_deref()),
                Token::Regex {
                    negated,
                    text,
                    closed,
                    at,
                } => Term::regex(negated, &text, closed, at),
            };
            let term = match term {
                Ok(Some(term)) => term,
                Ok(None) => continue,
                // A problem that leaves a term to stand (an open quote) is said with it.
                Err((why, kept)) => {
                    problem = Some(why);
                    match kept {
                        Some(term) => term,
                        None => continue,
                    }
                }
            };
            let term = match near.take() {
                None => term,
                Some((left, gap, at)) => match Term::near(&left, &term, gap) {
                    Ok(joined) => joined,
                    Err(why) => {
                        problem = Some(at_column(at, &why));
                        push(&mut groups, left, or_next);
                        or_next = false;
                        term
                    }
                },
            };
            push(&mut groups, term, or_next);
            or_next = false;
            after_term = true;
        }
        if let Some((left, _, at)) = near {
            problem = Some(at_column(at, "NEAR/n wants a word after it"));
            push(&mut groups, left, or_next);
        }
        Query {
            typed: query.to_string(),
            groups,
            problem,
        }
    }

    /// The query as it was typed.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// What is wrong with the query, if anything: said in the query line, refused by options.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// True when a term is negated: it means nothing inside one document.
    pub fn has_negation(&self) -> bool {
        self.groups.iter().flatten().any(|term| term.negated)
    }

    /// The words worth highlighting where they occur: the text of every term that is not
    /// negated, of two characters or more, and not a pattern.
    pub fn highlight_words(&self) -> Vec<String> {
        self.groups
            .iter()
            .flatten()
            .filter(|term| !term.negated && term.text.chars().count() >= 2)
            // A pattern's text is not what it finds.
            .filter(|term| term.pattern.is_none())
            .map(|term| term.text.clone())
            .collect()
    }
}

/// Adds `term` to the last group (after a bar) or as a group of its own.
fn push(groups: &mut Vec<Group>, term: Term, or_next: bool) {
    match groups.last_mut() {
        Some(group) if or_next => group.push(term),
        _ => groups.push(vec![term]),
    }
}

/// Takes the last term back out of its group (to join it to a `NEAR/n`), noting in `or_next`
/// whether it was joined to its group by a bar, so the joined term goes back where it was.
fn take_last(groups: &mut Vec<Group>, or_next: &mut bool) -> Option<Term> {
    let group = groups.last_mut()?;
    let term = group.pop()?;
    *or_next = !group.is_empty();
    if group.is_empty() {
        groups.pop();
    }
    Some(term)
}

/// A problem said with where it is in the query (a column counted from 1), first: the query
/// line cuts a long message at its end.
fn at_column(at: usize, why: &str) -> String {
    format!("at {}: {why}", at + 1)
}

impl Term {
    fn new(kind: Kind, negated: bool, text: &str) -> Term {
        Term {
            kind,
            negated,
            text: text.to_string(),
            case_sensitive: text.chars().any(char::is_uppercase),
            pattern: None,
        }
    }

    /// A term that is its text, whatever operators it is made of.
    fn literal(text: &str, negated: bool) -> Term {
        Term::new(Kind::Exact, negated, text)
    }

    /// A term from one token (not a phrase or a regex).
    fn parse(token: &str, matching: Matching) -> Parsed {
        if token.is_empty() {
            return Ok(None);
        }
        // Operators with nothing to act on: the user is looking for that very text.
        if token.chars().all(|c| !c.is_alphanumeric()) {
            return Ok(Some(Term::literal(token, false)));
        }
        let (negated, rest) = match token.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let (kind, text) = if let Some(exact) = rest.strip_prefix('\'') {
            match exact.strip_suffix('\'').filter(|word| !word.is_empty()) {
                Some(word) => (Kind::Word, word),
                // fzf's --exact: the quote "unquotes" a term back to fuzzy.
                None if matching == Matching::Exact && !negated => (Kind::Fuzzy, exact),
                None => (Kind::Exact, exact),
            }
        } else if let Some(prefix) = rest.strip_prefix('^') {
            match prefix.strip_suffix('$') {
                Some(whole) => (Kind::Equal, whole),
                None => (Kind::Prefix, prefix),
            }
        } else if let Some(suffix) = rest.strip_suffix('$').filter(|s| !s.is_empty()) {
            (Kind::Suffix, suffix)
        } else if pattern::glob::Glob::is_wildcard(rest) {
            return Term::wildcard(negated, rest);
        } else if negated || matching == Matching::Exact {
            // Negation is exact, as in fzf: `!fire` drops titles that contain "fire".
            (Kind::Exact, rest)
        } else {
            (Kind::Fuzzy, rest)
        };
        Ok(Some(Term::new(kind, negated, text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn term(kind: Kind, negated: bool, text: &str) -> Term {
        Term::new(kind, negated, text)
    }

    fn terms(query: &str) -> Vec<Term> {
        Query::parse(query).groups.into_iter().flatten().collect()
    }

    #[test]
    fn every_operator_parses() {
        let query = Query::parse("fuzzy 'exact ^pre suf$ ^whole$ !not !'not2 !^np !ns$ Case");
        let expected = [
            term(Kind::Fuzzy, false, "fuzzy"),
            term(Kind::Exact, false, "exact"),
            term(Kind::Prefix, false, "pre"),
            term(Kind::Suffix, false, "suf"),
            term(Kind::Equal, false, "whole"),
            term(Kind::Exact, true, "not"),
            term(Kind::Exact, true, "not2"),
            term(Kind::Prefix, true, "np"),
            term(Kind::Suffix, true, "ns"),
            term(Kind::Fuzzy, false, "Case"),
        ];
        let groups: Vec<Group> = expected.into_iter().map(|t| vec![t]).collect();
        assert_eq!(query.groups, groups);
        assert!(query.groups[9][0].case_sensitive && !query.groups[0][0].case_sensitive);
        assert_eq!(query.problem(), None);
    }

    #[test]
    fn an_escaped_space_belongs_to_the_term() {
        let query = Query::parse("'john\\ foster  told\\ ");
        assert_eq!(
            query.groups,
            vec![
                vec![term(Kind::Exact, false, "john foster")],
                vec![term(Kind::Fuzzy, false, "told ")],
            ]
        );
        // A backslash before anything else is itself.
        assert_eq!(terms("a\\b"), [term(Kind::Fuzzy, false, "a\\b")]);
    }

    #[test]
    fn bars_join_terms_into_one_group() {
        let query = Query::parse("go$ | rb$ | py$ ^core");
        assert_eq!(query.groups.len(), 2);
        assert_eq!(query.groups[0].len(), 3);
        // A bar at the end waits for the next term.
        assert_eq!(Query::parse("a |"), Query::parse("a"));
        assert_eq!(Query::parse("a | | b"), Query::parse("a | b"));
        assert_eq!(terms("'ab'"), [term(Kind::Word, false, "ab")]);
    }

    #[test]
    fn punctuation_alone_is_the_text_itself() {
        for text in ["$", "!", "^", "'", "''", "^$", "!$", "...", "|", "£"] {
            assert_eq!(terms(text), [term(Kind::Exact, false, text)], "{text}");
        }
        assert_eq!(
            Query::parse("| a").groups,
            vec![
                vec![term(Kind::Exact, false, "|")],
                vec![term(Kind::Fuzzy, false, "a")]
            ]
        );
        assert_eq!(
            terms("price $"),
            [
                term(Kind::Fuzzy, false, "price"),
                term(Kind::Exact, false, "$")
            ]
        );
        // With a letter, the operators are operators.
        assert_eq!(terms("a$"), [term(Kind::Suffix, false, "a")]);
        assert_eq!(terms("!a"), [term(Kind::Exact, true, "a")]);
    }

    #[test]
    fn phrases_keep_their_spaces() {
        assert_eq!(
            Query::parse("\"tax claim\" court").groups,
            vec![
                vec![term(Kind::Phrase, false, "tax claim")],
                vec![term(Kind::Fuzzy, false, "court")]
            ]
        );
        assert_eq!(
            terms("!\"Tax  claim\" | \" x \""),
            [
                term(Kind::Phrase, true, "Tax  claim"),
                term(Kind::Phrase, false, "x")
            ]
        );
        assert!(terms("!\"Tax claim\"")[0].case_sensitive);
        // A quote inside a word is the character.
        assert_eq!(terms("5\""), [term(Kind::Fuzzy, false, "5\"")]);
        assert_eq!(Query::parse("\"a b\"").problem(), None);
    }

    #[test]
    fn a_query_that_cannot_mean_anything_says_why() {
        let open = Query::parse("court \"tax cl");
        assert_eq!(open.groups[1], vec![term(Kind::Phrase, false, "tax cl")]);
        assert!(open.problem().is_some_and(|p| p.contains("unclosed")));
        let empty = Query::parse("\"\" court");
        assert_eq!(empty.groups, vec![vec![term(Kind::Fuzzy, false, "court")]]);
        assert!(empty.problem().is_some_and(|p| p.contains("empty")));
        assert!(Query::parse("\"").problem().is_some());
    }

    #[test]
    fn exact_matching_swaps_plain_and_quoted() {
        let exact = |q: &str| {
            Query::parse_with(q, Matching::Exact)
                .groups
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            exact("oil 'fuzy 'word' !not ^pre"),
            [
                term(Kind::Exact, false, "oil"),
                term(Kind::Fuzzy, false, "fuzy"),
                term(Kind::Word, false, "word"),
                term(Kind::Exact, true, "not"),
                term(Kind::Prefix, false, "pre"),
            ]
        );
        assert_ne!(
            Query::parse("oil"),
            Query::parse_with("oil", Matching::Exact)
        );
    }

    #[test]
    fn highlight_words_skip_negations_and_single_letters() {
        let query = Query::parse("beacon !war 'hope x | ^world \"tax claim\"");
        assert_eq!(
            query.highlight_words(),
            vec!["beacon", "hope", "world", "tax claim"]
        );
    }

    #[test]
    fn wildcards_regexes_and_proximity_parse_with_their_patterns() {
        let kinds = |q: &str| -> Vec<(Kind, bool, String)> {
            terms(q)
                .into_iter()
                .map(|t| (t.kind, t.negated, t.label()))
                .collect()
        };
        assert_eq!(
            kinds("fraud* !*ism fr?ud"),
            [
                (Kind::Wildcard, false, "fraud*".to_string()),
                (Kind::Wildcard, true, "!*ism".to_string()),
                (Kind::Wildcard, false, "fr?ud".to_string()),
            ]
        );
        assert_eq!(
            kinds("/tax (evasion|fraud)/ !/^x/"),
            [
                (Kind::Regex, false, "/tax (evasion|fraud)/".to_string()),
                (Kind::Regex, true, "!/^x/".to_string()),
            ]
        );
        assert_eq!(
            kinds("/a\\/b/")[0].2,
            "/a/b/",
            "an escaped slash is a slash"
        );
        assert_eq!(
            kinds("tax NEAR/5 evasion"),
            [(Kind::Near, false, "\"tax evasion\"~5".to_string())]
        );
        assert_eq!(
            Query::parse("tax NEAR/5 evasion"),
            Query::parse("\"tax evasion\"~5")
        );
        assert_eq!(
            Query::parse("oil | tax NEAR/2 fraud* court").groups.len(),
            2,
            "NEAR binds its two words inside a group"
        );
        assert_eq!(Query::parse("oil | tax NEAR/2 fraud*").groups[0].len(), 2);
        // Punctuation alone, `*` and `/` included, is still that text.
        for text in ["*", "?", "/", "**"] {
            assert_eq!(terms(text), [term(Kind::Exact, false, text)], "{text}");
        }
        assert!(terms("Fraud*")[0].case_sensitive && !terms("/\\Sx/")[0].case_sensitive);
    }

    #[test]
    fn a_bad_pattern_is_said_where_it_is() {
        let problem = |q: &str| Query::parse(q).problem().map(str::to_string);
        let said = |q: &str, part: &str| {
            let p = problem(q);
            assert!(p.as_deref().is_some_and(|p| p.contains(part)), "{q}: {p:?}");
        };
        said("oil /tax(/", "at 9: bad regex");
        said("oil /tax(/", "bad regex");
        said("/abc", "unclosed /");
        assert_eq!(
            terms("/abc")[0].kind,
            Kind::Regex,
            "an open regex still searches"
        );
        said("oil NEAR/x tax", "at 5: ");
        said("NEAR/3 tax", "wants a word before it");
        said("tax NEAR/3", "wants a word after it");
        assert_eq!(terms("tax NEAR/3"), [term(Kind::Fuzzy, false, "tax")]);
        said("tax NEAR/3 \"a b\"", "joins two words");
        said("\"tax evasion\"~x", "number of words");
        said("e-ma*", "a wildcard stands inside one word");
        said("\"e-mail x\"~2", "whole words or wildcards");
        assert_eq!(problem("tax NEAR/3 evasion /ok/ ok*"), None);
    }
}
