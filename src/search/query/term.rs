//! How a term matches a title: the exact kinds (substring, whole word, phrase, start, end,
//! whole title) with smart case, where in the title they matched, and when one term's matches
//! are a subset of another's, so that typing on can narrow the last ranking instead of
//! ranking every title again. Fuzzy terms are the matcher's business (`search::titles`).

use super::{Kind, Pattern, Query, Term};
use crate::text::words::{is_whole_word, occurrences, word_at};

impl Term {
    /// The term as the query language writes it (`word`, `'word'`, `"a phrase"`, `^start`),
    /// to head a column of counts.
    pub fn label(&self) -> String {
        let text = &self.text;
        let written = match self.kind {
            Kind::Fuzzy | Kind::Exact => text.clone(),
            Kind::Word => format!("'{text}'"),
            Kind::Phrase => format!("\"{text}\""),
            Kind::Prefix => format!("^{text}"),
            Kind::Suffix => format!("{text}$"),
            Kind::Equal => format!("^{text}$"),
            Kind::Wildcard => text.clone(),
            Kind::Regex => format!("/{text}/"),
            Kind::Near => match &self.pattern {
                Some(Pattern::Near(near)) => near.label(),
                _ => text.clone(),
            },
        };
        if self.negated {
            format!("!{written}")
        } else {
            written
        }
    }

    /// Whether the exact kinds match `title` (ignoring negation); fuzzy terms are the
    /// matcher's business.
    pub fn matches_exactly(&self, title: &str) -> bool {
        if let Some(pattern) = &self.pattern {
            return pattern.is_in(title, self.case_sensitive);
        }
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
        if let Some(pattern) = &self.pattern {
            let ranges = pattern.ranges(title, self.case_sensitive);
            return ranges
                .into_iter()
                .flat_map(|range| {
                    let start = title[..range.start].chars().count();
                    start..start + title[range].chars().count()
                })
                .collect();
        }
        let count = self.text.chars().count();
        let total = title.chars().count();
        let start = match self.kind {
            Kind::Prefix | Kind::Equal => Some(0),
            Kind::Suffix => total.checked_sub(count),
            Kind::Exact | Kind::Phrase | Kind::Word => {
                occurrences(title, &self.text, self.case_sensitive)
                    .into_iter()
                    .find(|range| self.kind != Kind::Word || is_whole_word(title, range))
                    .map(|range| title[..range.start].chars().count())
            }
            Kind::Fuzzy | Kind::Wildcard | Kind::Regex | Kind::Near => None,
        };
        start.map_or_else(Vec::new, |start| (start..start + count).collect())
    }

    /// Where in `title` (as char positions) a fuzzy term's text is written whole, if it is:
    /// the run to emphasise, as fzf does (`yukos` on "eyes Yukos" is `Yukos`, not `e[y]es
    /// Y[ukos]`), at the start of a word when one such run is.
    pub fn whole_run_positions(&self, title: &str) -> Option<Vec<usize>> {
        let runs = occurrences(title, &self.text, self.case_sensitive);
        let at_word = |range: &&std::ops::Range<usize>| {
            let before = title[..range.start].chars().next_back();
            before.is_none_or(|c| !c.is_alphanumeric())
        };
        let run = runs.iter().find(at_word).or(runs.first())?;
        let start = title[..run.start].chars().count();
        let count = title[run.clone()].chars().count();
        Some((start..start + count).collect())
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
                // A phrase is a substring of a title: a longer one is found only where the
                // shorter one is.
                Kind::Phrase => self.kind == Kind::Phrase,
                Kind::Suffix | Kind::Equal | Kind::Word => self == earlier,
                // A pattern grown by typing may match words or lines the shorter did not.
                Kind::Wildcard | Kind::Regex | Kind::Near => self == earlier,
            }
    }
}

fn exact_match(kind: Kind, title: &str, text: &str) -> bool {
    match kind {
        Kind::Word => word_at(title, text).is_some(),
        Kind::Exact | Kind::Fuzzy | Kind::Phrase => title.contains(text),
        Kind::Prefix => title.starts_with(text),
        Kind::Suffix => title.ends_with(text),
        Kind::Equal => title == text,
        // Patterns are matched by their own (see `Term::matches_exactly`).
        Kind::Wildcard | Kind::Regex | Kind::Near => false,
    }
}

fn exact_match_ascii_ignoring_case(kind: Kind, title: &[u8], text: &[u8]) -> bool {
    let n = text.len();
    match kind {
        Kind::Word => {
            let lower = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_ascii_lowercase();
            word_at(&lower(title), &lower(text)).is_some()
        }
        Kind::Exact | Kind::Fuzzy | Kind::Phrase => title
            .windows(n)
            .any(|window| window.eq_ignore_ascii_case(text)),
        Kind::Prefix => title
            .get(..n)
            .is_some_and(|head| head.eq_ignore_ascii_case(text)),
        Kind::Suffix => title.len() >= n && title[title.len() - n..].eq_ignore_ascii_case(text),
        Kind::Equal => title.eq_ignore_ascii_case(text),
        Kind::Wildcard | Kind::Regex | Kind::Near => false,
    }
}

/// True when every title matching `query` also matches `previous`, so ranking `query` needs
/// only `previous`'s matches: `query` extends `previous` by typing, its earlier groups stand,
/// the last one at most grew in a way that only narrows, and new groups only add conditions.
pub(crate) fn narrows(before: &Query, now: &Query) -> bool {
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
    use crate::search::query::Matching;

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
        assert!(matches("\"tax claim\"", "Court rejects TAX CLAIM"));
        assert!(!matches("\"tax claim\"", "Claim on tax"));
        assert!(matches("$", "Oil at $90"));
        assert!(!matches("$", "Oil at 90"));
        assert_eq!(
            word_at("xa-a-a", "a-a"),
            Some(3),
            "an overlapping occurrence counts"
        );
    }

    #[test]
    fn exact_positions_cover_the_phrase() {
        let term = &Query::parse("\"tax claim\"").groups[0][0];
        assert_eq!(
            term.exact_positions("A Tax claim"),
            (2..11).collect::<Vec<_>>()
        );
        let oil = &Query::parse_with("oil", Matching::Exact).groups[0][0];
        assert_eq!(oil.exact_positions("Spoiled"), vec![2, 3, 4]);
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
        assert!(narrows("\"tax c", "\"tax cl"), "an open phrase grows");
        assert!(narrows("\"tax c", "\"tax c\""));
    }
}
