//! Ranking titles against the query (see `query` for its syntax): every group of terms must
//! match, fuzzy terms by skim's V2 algorithm (smart case); the best total score comes first,
//! ties keep path order.

use super::ranking::{Remembered, Scored, ranking_of};
use crate::search::query::{Group, Kind, Query};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The fuzzy matcher, set up once and reused for every keystroke.
pub struct TitleFilter {
    matcher: SkimMatcherV2,
}

/// Titles longer than this many characters are scored by skim's simple algorithm (the best
/// of its greedy matches) instead of its full V2 alignment. skim does the same for long lines;
/// here it makes ranking a million long news titles four times faster, and headlines of up to
/// this length still get the optimal alignment.
const FULL_ALIGNMENT_CHARS: usize = 80;

impl Default for TitleFilter {
    fn default() -> Self {
        TitleFilter {
            // The matcher compares its score matrix (two rows when only scoring) to the limit.
            matcher: SkimMatcherV2::default()
                .smart_case()
                .element_limit(2 * (FULL_ALIGNMENT_CHARS + 1)),
        }
    }
}

impl TitleFilter {
    /// Indices of the titles matching `query`, best first. An empty query keeps every title in
    /// its original (path) order.
    pub fn rank<'a>(&self, titles: impl Iterator<Item = &'a str>, query: &Query) -> Vec<usize> {
        self.rank_scored(titles.enumerate(), query)
            .into_iter()
            .map(|(_, index)| index)
            .collect()
    }

    /// `(score, index)` of the titles matching `query`, best first, ties in index order.
    /// Every title matches an empty query, with score 0, in index order.
    pub fn rank_scored<'a>(
        &self,
        titles: impl Iterator<Item = (usize, &'a str)>,
        query: &Query,
    ) -> Vec<Scored> {
        ranking_of(&self.remember(titles, query))
    }

    /// Scores `title` against `query.groups[from..]` on top of `base`, the score of the groups
    /// before `from` known from an earlier ranking. Returns the total and the score of all
    /// groups but the last, or None when a group does not match.
    pub fn score_from(
        &self,
        title: &str,
        query: &Query,
        from: usize,
        base: i64,
    ) -> Option<(i64, i64)> {
        let groups = &query.groups;
        let rest = groups.get(from..).unwrap_or_default();
        // Most titles fail some term; telling so from the bytes is ten times cheaper than
        // letting the matcher collect the title's chars first. (A pattern's text is not what
        // it finds: it is left to its own matching.)
        let surely_fails = |group: &Group| {
            group.iter().all(|term| {
                !term.negated && term.pattern.is_none() && !may_match(title, &term.text)
            })
        };
        if rest.iter().any(surely_fails) {
            return None;
        }
        let (mut total, mut but_last) = (base, base);
        for (position, group) in groups.iter().enumerate().skip(from) {
            if position + 1 == groups.len() {
                but_last = total;
            }
            total += self.group_score(title, group)?;
        }
        Some((total, but_last))
    }

    /// The best score of a group's terms that match `title` (negated ones score 0), or None.
    fn group_score(&self, title: &str, group: &Group) -> Option<i64> {
        group
            .iter()
            .filter_map(|term| match (term.negated, term.kind) {
                (true, _) => (!term.matches_exactly(title)).then_some(0),
                (false, Kind::Fuzzy) => self.matcher.fuzzy_match(title, &term.text),
                // An exact match is scored as the matcher scores its characters.
                (false, _) => term
                    .matches_exactly(title)
                    .then(|| self.matcher.fuzzy_match(title, &term.text).unwrap_or(0)),
            })
            .max()
    }

    /// Every title matching `query`, in the order given, with what a narrower query can reuse.
    /// An empty query matches every title with score 0.
    pub fn remember<'a>(
        &self,
        titles: impl Iterator<Item = (usize, &'a str)>,
        query: &Query,
    ) -> Vec<Remembered> {
        titles
            .filter_map(|(index, title)| {
                let (total, but_last) = self.score_from(title, query, 0, 0)?;
                Some(Remembered {
                    index,
                    total,
                    but_last,
                })
            })
            .collect()
    }

    /// Char positions in `title` that the query's terms matched, sorted, for emphasis on screen.
    pub fn positions(&self, title: &str, query: &Query) -> Vec<usize> {
        let mut positions: Vec<usize> = query
            .groups
            .iter()
            .flatten()
            .filter(|term| !term.negated)
            .flat_map(|term| match term.kind {
                Kind::Fuzzy => match self.matcher.fuzzy_indices(title, &term.text) {
                    // The matcher's alignment may scatter a word the title writes whole.
                    Some((_, indices)) => term.whole_run_positions(title).unwrap_or(indices),
                    None => Vec::new(),
                },
                _ if term.matches_exactly(title) => term.exact_positions(title),
                _ => Vec::new(),
            })
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// False when `term` is surely not a subsequence of `title` under smart case (a lowercase
/// term ignores case). Only ASCII terms are checked: UTF-8 never hides an ASCII byte inside
/// another character, so a byte scan is exact for them; other terms are left to the matcher.
fn may_match(title: &str, term: &str) -> bool {
    if !term.is_ascii() {
        return true;
    }
    let ignore_case = !term.bytes().any(|b| b.is_ascii_uppercase());
    let mut wanted = term.bytes().peekable();
    for byte in title.bytes() {
        let Some(&next) = wanted.peek() else {
            break;
        };
        let byte = if ignore_case {
            byte.to_ascii_lowercase()
        } else {
            byte
        };
        if byte == next {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::titles::ranking::{Reuse, merge};

    #[test]
    fn a_fuzzy_term_written_whole_in_a_title_is_emphasised_whole() {
        let filter = TitleFilter::default();
        let title = "Indian oil firm eyes Yukos assets";
        let chars: Vec<char> = title.chars().collect();
        let shown = |query: &str| -> String {
            let positions = filter.positions(title, &Query::parse(query));
            positions.iter().map(|&at| chars[at]).collect()
        };
        assert_eq!(shown("yukos"), "Yukos");
        // At the start of a word rather than inside one: "al" in "all", not in "Canal".
        let other = "Canal deal for all";
        let positions = filter.positions(other, &Query::parse("al"));
        assert_eq!(positions, [15, 16]);
        // Scattered letters stay the matcher's.
        assert_eq!(shown("iof").len(), 3);
    }

    const TITLES: [&str; 4] = [
        "A beacon for the world",
        "President Xi spoke",
        "Beacon Hill news",
        "Obituary: a band conductor",
    ];

    fn rank(query: &str) -> Vec<usize> {
        TitleFilter::default().rank(TITLES.iter().copied(), &Query::parse(query))
    }

    #[test]
    fn scores_built_on_remembered_ones_equal_scores_from_scratch() {
        let filter = TitleFilter::default();
        let sequence = [
            "b",
            "be",
            "bea",
            "beac",
            "beac w",
            "beac wor",
            "beac world",
            "beac world x",
        ];
        for pair in sequence.windows(2) {
            let (previous, query) = (pair[0], pair[1]);
            let memo = filter.remember(TITLES.iter().copied().enumerate(), &Query::parse(previous));
            let parsed = Query::parse(query);
            let (reuse, from) = Reuse::between(&Query::parse(previous), &parsed);
            let reused: Vec<Remembered> = memo
                .iter()
                .filter_map(|m| {
                    let (total, but_last) =
                        filter.score_from(TITLES[m.index], &parsed, from, reuse.base(m))?;
                    Some(Remembered {
                        index: m.index,
                        total,
                        but_last,
                    })
                })
                .collect();
            let fresh = filter.remember(TITLES.iter().copied().enumerate(), &parsed);
            assert_eq!(reused, fresh, "{previous:?} -> {query:?}");
        }
    }

    #[test]
    fn empty_query_keeps_path_order() {
        assert_eq!(rank(""), vec![0, 1, 2, 3]);
        assert_eq!(rank("   "), vec![0, 1, 2, 3]);
    }

    #[test]
    fn contiguous_matches_rank_above_scattered_ones() {
        let filter = TitleFilter::default();
        let titles = ["brief acorn notes", "the beacon itself"];
        assert_eq!(
            filter.rank(titles.iter().copied(), &Query::parse("beacon")),
            vec![1, 0]
        );
        let mut ranked = rank("beacon");
        ranked.sort_unstable();
        assert_eq!(ranked, vec![0, 2]);
    }

    #[test]
    fn the_byte_prefilter_agrees_with_the_matcher() {
        let matcher = SkimMatcherV2::default().smart_case();
        let titles = [
            "Beacon Hill",
            "b-e-a-c-o-n",
            "Über café",
            "no match",
            "BEACON",
            "xyz",
        ];
        for title in titles {
            for term in ["beacon", "Bea", "bh", "caf", "über", "n", "BEACON", "zz"] {
                let matched = matcher.fuzzy_match(title, term).is_some();
                assert!(!matched || may_match(title, term), "{term} in {title}");
                if term.is_ascii() {
                    assert_eq!(matched, may_match(title, term), "{term} in {title}");
                }
            }
        }
    }

    #[test]
    fn equal_scores_keep_path_order() {
        let filter = TitleFilter::default();
        let titles = ["same title", "other", "same title", "same title"];
        assert_eq!(
            filter.rank(titles.iter().copied(), &Query::parse("same")),
            vec![0, 2, 3]
        );
    }

    #[test]
    fn every_term_must_match() {
        assert_eq!(rank("beacon hill"), vec![2]);
        assert_eq!(rank("beacon zzz"), Vec::<usize>::new());
    }

    #[test]
    fn smart_case() {
        assert_eq!(rank("BEACON"), Vec::<usize>::new());
        assert_eq!(rank("Beacon"), vec![2]);
    }

    #[test]
    fn positions_cover_the_matched_characters() {
        let filter = TitleFilter::default();
        let positions = |title, query| filter.positions(title, &Query::parse(query));
        assert_eq!(positions("Beacon Hill", "hill"), vec![7, 8, 9, 10]);
        assert_eq!(positions("Beacon Hill", ""), Vec::<usize>::new());
    }

    #[test]
    fn ranking_in_parts_and_merging_equals_ranking_at_once() {
        let filter = TitleFilter::default();
        let titles: Vec<String> = (0..40)
            .map(|i| format!("title {i} beacon {}", i % 7))
            .collect();
        let query = Query::parse("bea 3");
        let all = filter.rank_scored(titles.iter().map(String::as_str).enumerate(), &query);
        let first = filter.rank_scored(titles[..17].iter().map(String::as_str).enumerate(), &query);
        let rest = filter.rank_scored(
            titles[17..]
                .iter()
                .map(String::as_str)
                .enumerate()
                .map(|(i, t)| (i + 17, t)),
            &query,
        );
        assert_eq!(merge(first, rest), all);
    }

    #[test]
    fn single_letters_are_not_highlighted_in_the_reader() {
        assert_eq!(
            Query::parse("a party  of x").highlight_words(),
            vec!["party", "of"]
        );
    }
}
