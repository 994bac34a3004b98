//! Keywords: the words whose frequency in a target differs from a reference's more than
//! chance allows. For each word, with `a` and `b` its hits in the target and the reference,
//! and `c` and `d` their sizes in words:
//!
//! - log-likelihood, the UCREL form: E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d),
//!   G² = 2(a ln(a/E1) + b ln(b/E2)), a term whose count is 0 left out;
//! - Log Ratio (Hardie 2014): log2((a/c) / (b/d)), a count of 0 taken as 0.5 so a word found
//!   on one side only has a finite, comparable effect size;
//! - %DIFF (Gabrielatos & Marchi 2012): (a/c − b/d) / (b/d) × 100, the same 0.5 for a 0.
//!
//! A word is a keyword when G² reaches the significance cut-off (by default p < 0.0001,
//! G² ≥ 15.13, for one degree of freedom) and |Log Ratio| reaches the minimum effect size;
//! positive keywords (more frequent in the target) first, then negative ones, each by G².

use super::per_million;
use super::stoplist::Stoplist;
use crate::text::words::lowercase;
use rustc_hash::FxHashMap;

/// The significance asked for unless told otherwise.
pub(crate) const DEFAULT_P: f64 = 0.0001;

/// A frequency list: each word's hits (lowercased) and the words in all.
#[derive(Clone, Debug, Default)]
pub(crate) struct Frequencies {
    pub hits: FxHashMap<Box<str>, u64>,
    pub words: u64,
}

impl Frequencies {
    /// A frequency list written `WORD<TAB>COUNT` a line (blank lines and `#` comments
    /// skipped; a word listed twice adds up); a bad line is an error with its number.
    pub(crate) fn read(text: &str) -> Result<Frequencies, String> {
        let mut list = Frequencies::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line
                .split_once('\t')
                .and_then(|(word, count)| Some((word.trim(), count.trim().parse::<u64>().ok()?)));
            match parsed {
                Some((word, count)) if !word.is_empty() => {
                    *list.hits.entry(lowercase(word).into()).or_insert(0) += count;
                    list.words += count;
                }
                _ => {
                    return Err(format!(
                        "line {}: {:?} is not WORD<TAB>COUNT",
                        number + 1,
                        crate::text::sanitize::sanitize_line(line)
                    ));
                }
            }
        }
        Ok(list)
    }
}

/// One keyword.
#[derive(Clone, Debug, PartialEq)]
pub struct KeywordRow {
    pub word: Box<str>,
    pub target_hits: u64,
    pub target_per_million: f64,
    pub reference_hits: u64,
    pub reference_per_million: f64,
    pub log_likelihood: f64,
    pub log_ratio: f64,
    pub percent_diff: f64,
}

/// Which keywords are kept.
#[derive(Clone, Debug)]
pub(crate) struct Choices {
    /// G² at least this (the cut-off of the significance asked for).
    pub min_log_likelihood: f64,
    /// |Log Ratio| at least this.
    pub min_log_ratio: f64,
    pub stoplist: Option<Stoplist>,
}

impl Default for Choices {
    fn default() -> Choices {
        Choices {
            min_log_likelihood: critical_value(DEFAULT_P),
            min_log_ratio: 0.0,
            stoplist: None,
        }
    }
}

/// The keywords of `target` against `reference`: positive first, then negative, each by G²
/// (ties by word).
pub(crate) fn keywords(
    target: &Frequencies,
    reference: &Frequencies,
    choices: &Choices,
) -> Vec<KeywordRow> {
    let (c, d) = (target.words, reference.words);
    let words = target.hits.keys().chain(
        reference
            .hits
            .keys()
            .filter(|word| !target.hits.contains_key(*word)),
    );
    let mut rows: Vec<KeywordRow> = words
        .filter(|word| {
            !choices
                .stoplist
                .as_ref()
                .is_some_and(|stop| stop.holds(word))
        })
        .filter_map(|word| {
            let a = target.hits.get(word).copied().unwrap_or(0);
            let b = reference.hits.get(word).copied().unwrap_or(0);
            let row = KeywordRow {
                word: word.clone(),
                target_hits: a,
                target_per_million: per_million(a, c),
                reference_hits: b,
                reference_per_million: per_million(b, d),
                log_likelihood: log_likelihood(a, b, c, d),
                log_ratio: log_ratio(a, b, c, d),
                percent_diff: percent_diff(a, b, c, d),
            };
            let kept = row.log_likelihood >= choices.min_log_likelihood
                && row.log_ratio.abs() >= choices.min_log_ratio;
            kept.then_some(row)
        })
        .collect();
    rows.sort_by(compare);
    rows
}

/// The keywords' order: positive ones (more frequent in the target) first, then negative,
/// each by G² from the highest; ties by word.
pub(crate) fn compare(x: &KeywordRow, y: &KeywordRow) -> std::cmp::Ordering {
    (x.log_ratio < 0.0)
        .cmp(&(y.log_ratio < 0.0))
        .then(y.log_likelihood.total_cmp(&x.log_likelihood))
        .then_with(|| x.word.cmp(&y.word))
}

/// Log-likelihood, UCREL's form: hits `a` and `b` in parts of `c` and `d` words.
pub(crate) fn log_likelihood(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c + d == 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |observed: f64, expected: f64| match observed > 0.0 && expected > 0.0 {
        true => observed * (observed / expected).ln(),
        false => 0.0,
    };
    2.0 * (term(a, e1) + term(b, e2))
}

/// Relative frequencies of the two sides, a 0 count taken as 0.5 (and an empty side as one
/// word, so nothing divides by 0).
fn relative(a: u64, b: u64, c: u64, d: u64) -> (f64, f64) {
    let nonzero = |count: u64| if count == 0 { 0.5 } else { count as f64 };
    (nonzero(a) / c.max(1) as f64, nonzero(b) / d.max(1) as f64)
}

/// Log Ratio: the binary log of the ratio of relative frequencies.
pub(crate) fn log_ratio(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (target, reference) = relative(a, b, c, d);
    (target / reference).log2()
}

/// %DIFF: how much more (or less) frequent in the target, in percent of the reference.
pub(crate) fn percent_diff(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (target, reference) = relative(a, b, c, d);
    (target - reference) / reference * 100.0
}

/// The G² a result needs for significance `p` (chi-square, one degree of freedom): found by
/// bisection on p = erfc(√(G²/2)).
pub(crate) fn critical_value(p: f64) -> f64 {
    if p >= 1.0 {
        return 0.0;
    }
    let (mut low, mut high) = (0.0f64, 1000.0f64);
    for _ in 0..200 {
        let middle = (low + high) / 2.0;
        match erfc((middle / 2.0).sqrt()) > p {
            true => low = middle,
            false => high = middle,
        }
    }
    (low + high) / 2.0
}

/// The complementary error function (Numerical Recipes' Chebyshev fit, relative error under
/// 1.2e-7 everywhere): enough for a cut-off shown to two decimals.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cut_offs_are_the_published_ones() {
        for (p, g2) in [(0.05, 3.84), (0.01, 6.63), (0.001, 10.83), (0.0001, 15.13)] {
            assert!(
                (critical_value(p) - g2).abs() < 0.01,
                "{p}: {}",
                critical_value(p)
            );
        }
    }

    #[test]
    fn statistics_match_hand_computed_values() {
        // a=100 of c=10,000; b=50 of d=20,000: E1=50, E2=100;
        // G² = 2(100 ln 2 + 50 ln 0.5) = 69.31; Log Ratio = log2(0.01/0.0025) = 2; %DIFF 300.
        assert!((log_likelihood(100, 50, 10_000, 20_000) - 69.315).abs() < 0.01);
        assert!((log_ratio(100, 50, 10_000, 20_000) - 2.0).abs() < 1e-9);
        assert!((percent_diff(100, 50, 10_000, 20_000) - 300.0).abs() < 1e-9);
        // Absent from the reference: 0 taken as 0.5.
        assert!((log_ratio(10, 0, 1000, 1000) - 20f64.log2()).abs() < 1e-9);
        assert_eq!(log_likelihood(0, 0, 10, 10), 0.0);
    }

    #[test]
    fn a_frequency_list_is_read_and_a_bad_line_named() {
        let list = Frequencies::read("# from the BNC\nthe\t10\nThe\t5\n\ncat\t2\n");
        let list = list.unwrap_or_default();
        assert_eq!(list.words, 17);
        assert_eq!(list.hits.get("the"), Some(&15));
        let bad = Frequencies::read("the\t10\ncat 2\n")
            .err()
            .unwrap_or_default();
        assert!(bad.starts_with("line 2:"), "{bad}");
    }
}
