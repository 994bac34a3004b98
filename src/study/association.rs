//! How strongly a word is associated with a query's hits: the measures collocates are ranked
//! by, from the same figures — `near` (O11: the word's occurrences within the windows around
//! the hits), `window` (the words in all those windows), `frequency` (the word in the corpus),
//! `total` (the corpus's words) and `hits` (the query's, the node's frequency); the expected
//! count near the hits is E11 = window × frequency / total.
//!
//! - log-likelihood (Dunning's G²) of the 2×2 table near/elsewhere × this word/others;
//! - MI (mutual information): log2(O11 / E11);
//! - t-score: (O11 − E11) / √O11;
//! - logDice (Rychlý 2008): 14 + log2(2·O11 / (hits + frequency)), at most 14, comparable
//!   across corpus sizes.

/// A measure of association.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    #[default]
    LogLikelihood,
    MutualInformation,
    TScore,
    LogDice,
}

impl Measure {
    pub(crate) const ALL: [Measure; 4] = [
        Measure::LogLikelihood,
        Measure::MutualInformation,
        Measure::TScore,
        Measure::LogDice,
    ];

    /// Its name in headings.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Measure::LogLikelihood => "log-likelihood",
            Measure::MutualInformation => "MI",
            Measure::TScore => "t-score",
            Measure::LogDice => "logDice",
        }
    }

    /// The next one, for a key that goes through them.
    pub(crate) fn next(self) -> Measure {
        let at = Measure::ALL.iter().position(|&m| m == self).unwrap_or(0);
        Measure::ALL[(at + 1) % Measure::ALL.len()]
    }

    /// This measure's score of the figures.
    pub(crate) fn score(self, figures: &Figures) -> f64 {
        match self {
            Measure::LogLikelihood => log_likelihood(
                figures.near,
                figures.window,
                figures.frequency,
                figures.total,
            ),
            Measure::MutualInformation => match figures.expected() > 0.0 && figures.near > 0 {
                true => (figures.near as f64 / figures.expected()).log2(),
                false => 0.0,
            },
            Measure::TScore => match figures.near {
                0 => 0.0,
                near => (near as f64 - figures.expected()) / (near as f64).sqrt(),
            },
            Measure::LogDice => match figures.hits + figures.frequency {
                0 => 0.0,
                both => 14.0 + (2.0 * figures.near as f64 / both as f64).log2(),
            },
        }
    }
}

impl std::str::FromStr for Measure {
    type Err = String;

    fn from_str(name: &str) -> Result<Measure, String> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "g2" | "ll" | "log-likelihood" | "loglikelihood" => Measure::LogLikelihood,
            "mi" => Measure::MutualInformation,
            "t" | "t-score" | "tscore" => Measure::TScore,
            "logdice" | "dice" => Measure::LogDice,
            other => {
                return Err(format!(
                    "unknown measure {other:?}: log-likelihood (g2), mi, t-score or logdice"
                ));
            }
        })
    }
}

/// What a collocate's scores are made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Figures {
    pub near: u64,
    pub window: u64,
    pub frequency: u64,
    pub total: u64,
    pub hits: u64,
}

impl Figures {
    /// E11: how often the word would be near the hits by chance.
    fn expected(&self) -> f64 {
        self.window as f64 * self.frequency as f64 / self.total.max(1) as f64
    }

    /// More often near the hits than chance would have it.
    pub(crate) fn attracted(&self) -> bool {
        self.near as f64 > self.expected()
    }
}

/// Dunning's log-likelihood (G²) of a word occurring `near` times among the `window` words
/// near the hits, when it occurs `frequency` times among the corpus's `total`.
pub(crate) fn log_likelihood(near: u64, window: u64, frequency: u64, total: u64) -> f64 {
    let o11 = near as f64;
    let o12 = window.saturating_sub(near) as f64;
    let o21 = frequency.saturating_sub(near) as f64;
    let o22 = total
        .saturating_sub(window)
        .saturating_sub(frequency.saturating_sub(near)) as f64;
    let n = o11 + o12 + o21 + o22;
    if n == 0.0 {
        return 0.0;
    }
    let (r1, r2) = (o11 + o12, o21 + o22);
    let (c1, c2) = (o11 + o21, o12 + o22);
    let part = |observed: f64, expected: f64| match observed > 0.0 && expected > 0.0 {
        true => observed * (observed / expected).ln(),
        false => 0.0,
    };
    2.0 * (part(o11, r1 * c1 / n)
        + part(o12, r1 * c2 / n)
        + part(o21, r2 * c1 / n)
        + part(o22, r2 * c2 / n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_matches_a_hand_computed_table() {
        // 10 of 100 window words, 20 of 10,000 corpus words: G² = 65.58 (computed by hand
        // from the 2x2 table 10, 90, 10, 9890).
        let score = log_likelihood(10, 100, 20, 10_000);
        assert!((score - 65.58).abs() < 0.01, "{score}");
        assert_eq!(log_likelihood(0, 0, 0, 0), 0.0);
        // As often as chance: no association.
        assert!(log_likelihood(1, 100, 100, 10_000) < 1e-9);
    }

    #[test]
    fn mi_t_score_and_log_dice_match_hand_computed_values() {
        // E11 = 100 × 20 / 10,000 = 0.2: MI = log2(10 / 0.2) = 5.644; t = 9.8 / √10 = 3.099;
        // logDice = 14 + log2(20 / (40 + 20)) = 12.415.
        let figures = Figures {
            near: 10,
            window: 100,
            frequency: 20,
            total: 10_000,
            hits: 40,
        };
        let score = |measure: Measure| measure.score(&figures);
        assert!((score(Measure::MutualInformation) - 5.644).abs() < 0.001);
        assert!((score(Measure::TScore) - 3.099).abs() < 0.001);
        assert!((score(Measure::LogDice) - 12.415).abs() < 0.001);
        assert_eq!("logdice".parse::<Measure>(), Ok(Measure::LogDice));
        assert_eq!(Measure::LogDice.next(), Measure::LogLikelihood);
    }
}
