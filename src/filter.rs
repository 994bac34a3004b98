//! Ranking titles against the query: every space-separated term must fuzzy-match (skim's V2
//! algorithm, smart case), the best total score comes first, ties keep path order.

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
    pub fn rank<'a>(&self, titles: impl Iterator<Item = &'a str>, query: &str) -> Vec<usize> {
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
        query: &str,
    ) -> Vec<Scored> {
        let mut scored = self.matches(titles, query);
        sort_best_first(&mut scored);
        scored
    }

    /// `(score, index)` of the titles matching `query`, in the order given (unsorted).
    pub fn matches<'a>(
        &self,
        titles: impl Iterator<Item = (usize, &'a str)>,
        query: &str,
    ) -> Vec<Scored> {
        let terms: Vec<&str> = query.split_whitespace().collect();
        if terms.is_empty() {
            return titles.map(|(index, _)| (0, index)).collect();
        }
        titles
            .filter_map(|(index, title)| Some((self.score(title, &terms)?, index)))
            .collect()
    }

    fn score(&self, title: &str, terms: &[&str]) -> Option<i64> {
        // Most titles fail some term; telling so from the bytes is ten times cheaper than
        // letting the matcher collect the title's chars first.
        if !terms.iter().all(|term| may_match(title, term)) {
            return None;
        }
        terms.iter().try_fold(0i64, |total, term| {
            Some(total + self.matcher.fuzzy_match(title, term)?)
        })
    }

    /// Char positions in `title` that the query's terms matched, sorted, for emphasis on screen.
    pub fn positions(&self, title: &str, query: &str) -> Vec<usize> {
        let mut positions: Vec<usize> = query
            .split_whitespace()
            .filter_map(|term| self.matcher.fuzzy_indices(title, term))
            .flat_map(|(_, indices)| indices)
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

/// A match: its score and the document's index.
pub type Scored = (i64, usize);

/// Best score first; equal scores in index (path) order.
fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// True when `a` comes before `b` in a ranking.
pub fn ranks_before(a: &Scored, b: &Scored) -> bool {
    best_first(a, b) == std::cmp::Ordering::Less
}

/// The indices of a ranking in index order, for narrowing the next query to them.
pub fn index_order(ranked: &[Scored]) -> std::sync::Arc<[usize]> {
    let mut order: Vec<usize> = ranked.iter().map(|&(_, index)| index).collect();
    order.sort_unstable();
    order.into()
}

/// Sorts matches best first, equal scores in index order.
pub fn sort_best_first(scored: &mut [Scored]) {
    scored.sort_unstable_by(best_first);
}

/// Merges two rankings (each best first) into one, as if ranked together.
pub fn merge(older: Vec<Scored>, newer: Vec<Scored>) -> Vec<Scored> {
    let mut merged = Vec::with_capacity(older.len() + newer.len());
    let (mut a, mut b) = (older.into_iter().peekable(), newer.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => best_first(x, y) != std::cmp::Ordering::Greater,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return merged,
        };
        merged.extend(if take_a { a.next() } else { b.next() });
    }
}

/// The query's words worth highlighting in the reader: those of two characters or more.
pub fn highlight_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|word| word.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLES: [&str; 4] = [
        "A beacon for the world",
        "President Xi spoke",
        "Beacon Hill news",
        "Obituary: a band conductor",
    ];

    fn rank(query: &str) -> Vec<usize> {
        TitleFilter::default().rank(TITLES.iter().copied(), query)
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
        assert_eq!(filter.rank(titles.iter().copied(), "beacon"), vec![1, 0]);
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
        assert_eq!(filter.rank(titles.iter().copied(), "same"), vec![0, 2, 3]);
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
        assert_eq!(filter.positions("Beacon Hill", "hill"), vec![7, 8, 9, 10]);
        assert_eq!(filter.positions("Beacon Hill", ""), Vec::<usize>::new());
    }

    #[test]
    fn ranking_in_parts_and_merging_equals_ranking_at_once() {
        let filter = TitleFilter::default();
        let titles: Vec<String> = (0..40)
            .map(|i| format!("title {i} beacon {}", i % 7))
            .collect();
        let all = filter.rank_scored(titles.iter().map(String::as_str).enumerate(), "bea 3");
        let first =
            filter.rank_scored(titles[..17].iter().map(String::as_str).enumerate(), "bea 3");
        let rest = filter.rank_scored(
            titles[17..]
                .iter()
                .map(String::as_str)
                .enumerate()
                .map(|(i, t)| (i + 17, t)),
            "bea 3",
        );
        assert_eq!(merge(first, rest), all);
    }

    #[test]
    fn single_letters_are_not_highlighted_in_the_reader() {
        assert_eq!(highlight_words("a party  of x"), vec!["party", "of"]);
    }
}
