//! Text mode's sparkline: the text query's hits per month across the months the corpus's
//! dated documents span, made from the hits the text search already counted (no document is
//! read for it). The span is worked out once the corpus is loaded.

use super::App;
use crate::study::sparkline::months_between;
use std::collections::BTreeMap;

/// Hits per month, and the months to draw them over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Months {
    /// Every month from the corpus's first dated document to its last (`YYYY-MM`).
    pub span: Vec<String>,
    pub hits: BTreeMap<String, usize>,
}

impl App {
    /// The months the dated documents span, worked out once loading is over; empty when no
    /// document has a date.
    pub(super) fn month_span(&mut self) -> &[String] {
        let count = self.corpus.docs.len();
        if !self.work.loading && self.months.span.0 != count {
            let dates = self.corpus.docs.iter().filter_map(|doc| doc.date);
            let (first, last) = dates.fold(
                (None, None),
                |(first, last): (Option<&str>, Option<&str>), date| {
                    (
                        Some(first.map_or(date, |f| f.min(date))),
                        Some(last.map_or(date, |l| l.max(date))),
                    )
                },
            );
            let span = match (first, last) {
                (Some(first), Some(last)) => months_between(first, last),
                _ => Vec::new(),
            };
            self.months.span = (count, span);
        }
        &self.months.span.1
    }

    /// Shows the hits per month the text search added up, for the sparkline.
    pub(super) fn count_months(&mut self, hits: BTreeMap<String, usize>) {
        let span = self.month_span().to_vec();
        // One month is no picture of time.
        if span.len() < 2 || !self.shows_passages() {
            self.months.counted = None;
            return;
        }
        self.months.counted = Some(Months { span, hits });
    }

    /// The text query's hits per month, when text mode shows a query and documents have dates.
    pub fn sparkline(&self) -> Option<&Months> {
        self.months
            .counted
            .as_ref()
            .filter(|_| self.shows_passages())
    }
}
