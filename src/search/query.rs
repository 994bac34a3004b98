//! The query language, fzf's extended syntax: space-separated terms must all match; `'word`
//! matches as an exact substring, `^word` at the start, `word$` at the end (`^word$` the whole
//! title); `!` before a term (`!word`, `!'word`, `!^word`, `!word$`) keeps only what does not
//! match it exactly; `a | b` matches either; `\ ` is a space inside a term. Plain terms match
//! fuzzily. Each term is smart case: case-insensitive unless it has an uppercase letter.

use crate::text::words::{is_whole_word, occurrences, word_at};

/// How a term matches a title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Fuzzy,
    /// A substring.
    Exact,
    /// A whole word (`'word'`): a substring with no letter, digit or `_` on either side.
    Word,
    Prefix,
    Suffix,
    /// The whole title.
    Equal,
}

/// One term of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub kind: Kind,
    /// Matches what does not match the rest of the term.
    pub negated: bool,
    pub text: String,
    pub case_sensitive: bool,
}

/// Terms of which one must match (`a | b`).
pub type Group = Vec<Term>;

/// A parsed query: groups that must all match, and the text it was parsed from. Parsed once
/// where the user's text comes in (the query line, an option) and passed on parsed.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// As typed.
    typed: String,
    pub groups: Vec<Group>,
}

/// Two queries are equal when they mean the same: how the terms are spaced does not count.
impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.groups == other.groups
    }
}

impl Eq for Query {}

impl Query {
    pub fn parse(query: &str) -> Query {
        let mut groups: Vec<Group> = Vec::new();
        let mut or_next = false;
        for token in tokens(query) {
            let token = token.as_str();
            if token == "|" {
                or_next = !groups.is_empty();
                continue;
            }
            let Some(term) = Term::parse(token) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if or_next => group.push(term),
                _ => groups.push(vec![term]),
            }
            or_next = false;
        }
        Query {
            typed: query.to_string(),
            groups,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The words worth highlighting where they occur: the text of every term that is not
    /// negated, of two characters or more.
    pub fn highlight_words(&self) -> Vec<String> {
        self.groups
            .iter()
            .flatten()
            .filter(|term| !term.negated && term.text.chars().count() >= 2)
            .map(|term| term.text.clone())
            .collect()
    }
}

/// The query's tokens: separated by whitespace, except a space after a backslash, which is
/// part of the token (`'john\ foster` is one term, as in fzf).
fn tokens(query: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut token = String::new();
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&' ') {
            token.push(' ');
            chars.next();
        } else if c.is_whitespace() {
            if !token.is_empty() {
                tokens.push(std::mem::take(&mut token));
            }
        } else {
            token.push(c);
        }
    }
    if !token.is_empty() {
        tokens.push(token);
    }
    tokens
}

impl Term {
    /// A term from one token, or None for a token that is only operators (`!`, `'`, `^`, `$`).
    fn parse(token: &str) -> Option<Term> {
        let (negated, rest) = match token.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        if rest == "$" {
            return None;
        }
        let (kind, text) = if let Some(exact) = rest.strip_prefix('\'') {
            match exact.strip_suffix('\'').filter(|word| !word.is_empty()) {
                Some(word) => (Kind::Word, word),
                None => (Kind::Exact, exact),
            }
        } else if let Some(prefix) = rest.strip_prefix('^') {
            match prefix.strip_suffix('$') {
                Some(whole) => (Kind::Equal, whole),
                None => (Kind::Prefix, prefix),
            }
        } else if let Some(suffix) = rest.strip_suffix('$').filter(|s| !s.is_empty()) {
            (Kind::Suffix, suffix)
        } else {
            // Negation is exact, as in fzf: `!fire` drops titles that contain "fire".
            (if negated { Kind::Exact } else { Kind::Fuzzy }, rest)
        };
        if text.is_empty() {
            return None;
        }
        Some(Term {
            kind,
            negated,
            text: text.to_string(),
            case_sensitive: text.chars().any(char::is_uppercase),
        })
    }

    /// Whether the exact kinds match `title` (ignoring negation); fuzzy terms are the
    /// matcher's business.
    pub fn matches_exactly(&self, title: &str) -> bool {
        if self.case_sensitive {
            return exact_match(self.kind, title, &self.text);
        }
        if title.is_ascii() && self.text.is_ascii() {
            return exact_match_ascii_ignoring_case(
                self.kind,
                title.as_bytes(),
                self.text.as_bytes(),
            );
        }
        exact_match(self.kind, &title.to_lowercase(), &self.text.to_lowercase())
    }

    /// Where in `title` (as char positions) an exact kind matched, for emphasis.
    pub fn exact_positions(&self, title: &str) -> Vec<usize> {
        let count = self.text.chars().count();
        let total = title.chars().count();
        let start = match self.kind {
            Kind::Prefix | Kind::Equal => Some(0),
            Kind::Suffix => total.checked_sub(count),
            Kind::Exact | Kind::Word => occurrences(title, &self.text, self.case_sensitive)
                .into_iter()
                .find(|range| self.kind == Kind::Exact || is_whole_word(title, range))
                .map(|range| title[..range.start].chars().count()),
            Kind::Fuzzy => None,
        };
        start.map_or_else(Vec::new, |start| (start..start + count).collect())
    }

    /// True when every title this term matches is also matched by `earlier` (whose text this
    /// term's text extends): ranking this term can start from `earlier`'s matches.
    fn implies(&self, earlier: &Term) -> bool {
        if self.negated || earlier.negated {
            return self == earlier;
        }
        let grown = if earlier.case_sensitive {
            self.case_sensitive && self.text.starts_with(&earlier.text)
        } else {
            self.text
                .to_lowercase()
                .starts_with(&earlier.text.to_lowercase())
        };
        grown
            && match earlier.kind {
                // An exact match implies a fuzzy one only where both fold case alike: skim
                // folds ASCII letters only ("fé" does not fuzzy-match "CAFÉ", "fé$" does).
                Kind::Fuzzy => self.kind == Kind::Fuzzy || earlier.case_sensitive,
                Kind::Exact => self.kind != Kind::Fuzzy,
                Kind::Prefix => matches!(self.kind, Kind::Prefix | Kind::Equal),
                // A longer suffix or whole title does not end with the shorter one, nor is a
                // longer word the shorter one.
                Kind::Suffix | Kind::Equal | Kind::Word => self == earlier,
            }
    }
}

fn exact_match(kind: Kind, title: &str, text: &str) -> bool {
    match kind {
        Kind::Word => word_at(title, text).is_some(),
        Kind::Exact | Kind::Fuzzy => title.contains(text),
        Kind::Prefix => title.starts_with(text),
        Kind::Suffix => title.ends_with(text),
        Kind::Equal => title == text,
    }
}

fn exact_match_ascii_ignoring_case(kind: Kind, title: &[u8], text: &[u8]) -> bool {
    let n = text.len();
    match kind {
        Kind::Word => {
            let lower = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_ascii_lowercase();
            word_at(&lower(title), &lower(text)).is_some()
        }
        Kind::Exact | Kind::Fuzzy => title
            .windows(n)
            .any(|window| window.eq_ignore_ascii_case(text)),
        Kind::Prefix => title
            .get(..n)
            .is_some_and(|head| head.eq_ignore_ascii_case(text)),
        Kind::Suffix => title.len() >= n && title[title.len() - n..].eq_ignore_ascii_case(text),
        Kind::Equal => title.eq_ignore_ascii_case(text),
    }
}

/// True when every title matching `query` also matches `previous`, so ranking `query` needs
/// only `previous`'s matches: `query` extends `previous` by typing, its earlier groups stand,
/// the last one at most grew in a way that only narrows, and new groups only add conditions.
pub fn narrows(before: &Query, now: &Query) -> bool {
    if !now.typed.starts_with(&before.typed) {
        return false;
    }
    let n = before.groups.len();
    if n == 0 || now.groups.len() < n || now.groups[..n - 1] != before.groups[..n - 1] {
        return false;
    }
    let (last_before, last_now) = (&before.groups[n - 1], &now.groups[n - 1]);
    last_before == last_now
        || matches!((&last_before[..], &last_now[..]), ([earlier], [term]) if term.implies(earlier))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(kind: Kind, negated: bool, text: &str) -> Term {
        Term {
            kind,
            negated,
            text: text.into(),
            case_sensitive: text.chars().any(char::is_uppercase),
        }
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
        assert_eq!(
            Query::parse("a\\b").groups,
            vec![vec![term(Kind::Fuzzy, false, "a\\b")]]
        );
    }

    #[test]
    fn bars_join_terms_into_one_group() {
        let query = Query::parse("go$ | rb$ | py$ ^core");
        assert_eq!(query.groups.len(), 2);
        assert_eq!(query.groups[0].len(), 3);
        // Dangling bars and bare operators are ignored while typing.
        assert_eq!(Query::parse("a |"), Query::parse("a"));
        assert_eq!(Query::parse("| a"), Query::parse("a"));
        assert_eq!(Query::parse("a ! ' ^ $ !^"), Query::parse("a"));
        assert_eq!(
            Query::parse("'ab'").groups[0][0],
            term(Kind::Word, false, "ab")
        );
        assert_eq!(
            Query::parse("''").groups[0][0],
            term(Kind::Exact, false, "'")
        );
    }

    #[test]
    fn exact_kinds_match_with_smart_case() {
        let matches = |q: &str, title: &str| Query::parse(q).groups[0][0].matches_exactly(title);
        assert!(matches("'acon", "The BEACON of hope"));
        assert!(!matches("'Acon", "The BEACON of hope"));
        assert!(matches("^the", "The beacon"));
        assert!(!matches("^beacon", "The beacon"));
        assert!(matches("hope$", "Of HOPE"));
        assert!(matches("^ofhope$", "OFHOPE"));
        assert!(matches("'café", "CAFÉ society"));
        assert!(matches("'war'", "The War, again"));
        assert!(!matches("'war'", "Warfare and wars"));
        assert!(matches("'War'", "Warfare, War"));
        assert_eq!(
            word_at("xa-a-a", "a-a"),
            Some(3),
            "an overlapping occurrence counts"
        );
    }

    fn narrows(previous: &str, query: &str) -> bool {
        super::narrows(&Query::parse(previous), &Query::parse(query))
    }

    #[test]
    fn narrowing_follows_what_typing_can_only_restrict() {
        assert!(narrows("bea", "beac"));
        assert!(narrows("bea", "bea con"));
        assert!(narrows("bea", "bea !con"), "an added negation restricts");
        assert!(narrows("'bea", "'beac"));
        assert!(narrows("^bea", "^bea$"));
        assert!(narrows("'bea", "'bea'"), "a whole word is a substring");
        assert!(!narrows("'bea'", "'bea'c"));
        assert!(
            !narrows("bea", "bea$"),
            "exact and fuzzy fold case differently"
        );
        assert!(narrows("Bea", "Bea$"), "alike when case counts");
        assert!(
            !narrows("bea$", "bea$c"),
            "a new suffix does not end with the old one"
        );
        assert!(!narrows("!bea", "!beac"), "a longer negation drops less");
        assert!(!narrows("a", "a | b"), "an alternative widens");
        assert!(!narrows("a |", "a | b"));
        assert!(!narrows("bea", "be"));
        assert!(!narrows("", "a"));
        assert!(narrows("a b", "a b"));
    }

    #[test]
    fn highlight_words_skip_negations_and_single_letters() {
        let query = Query::parse("beacon !war 'hope x | ^world");
        assert_eq!(query.highlight_words(), vec!["beacon", "hope", "world"]);
    }
}
