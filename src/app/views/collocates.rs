//! The collocates view: the words found within five words of the text query's hits more often
//! than chance, best first, with their count near the hits and their score; made in the
//! background with progress. Enter opens the concordance of the hits with that word nearby.

use super::{Cursor, Row, StudyView, Table, Tone, ViewOf, progress};
use crate::app::App;
use crate::app::parts::Collocating;
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::study::association::Measure;
use crate::study::collocates::{self, Collocate, CollocatesFound, CollocatesRequest};
use crate::study::concordance::Near;
use crate::study::save::Saving;
use crate::study::words::stoplist::Stoplist;
use crate::text::columns::{number_width, pad, plural, thousands};
use crate::work::job::Cancel;
use crate::work::pool;

/// Collocates as shown.
#[derive(Debug)]
pub(crate) struct CollocatesView {
    collocates: Option<Vec<Collocate>>,
    /// Hits the words were counted around.
    hits: usize,
    /// What is being done, and how far it has got.
    stage: &'static str,
    progress: (usize, usize),
    /// What they are ranked by (`s` goes through the measures).
    measure: Measure,
    /// How they were found: the window, the minimum, the stop-list.
    how: Collocating,
}

impl App {
    /// Changes how collocates are found with `change`, and makes the collocates view on top
    /// again that way.
    pub(in crate::app) fn collocate_with(&mut self, change: impl FnOnce(&mut Collocating)) {
        let Some(shown) = self.top_view::<CollocatesView>() else {
            self.screen
                .say("[ ] - + x change the collocates view (Ctrl-T)".to_string());
            return;
        };
        let of = shown.of.clone();
        change(&mut self.study.collocating);
        self.open_view(StudyKind::Collocates, of);
    }
}

impl CollocatesView {
    fn collocates(&self) -> &[Collocate] {
        self.collocates.as_deref().unwrap_or_default()
    }
}

impl StudyView for CollocatesView {
    type Request = CollocatesRequest;
    type Found = CollocatesFound;
    const KIND: StudyKind = StudyKind::Collocates;

    fn start(app: &App, of: &ViewOf) -> (Self, CollocatesRequest) {
        let how = app.study.collocating;
        // The English stop-list is shipped: naming it cannot fail.
        let stoplist = how
            .stoplist
            .then(|| Stoplist::named("english").ok())
            .flatten();
        let request = CollocatesRequest {
            scope: app.scope(of),
            span: how.span,
            min: how.min,
            measure: how.measure,
            stoplist,
        };
        let view = CollocatesView {
            collocates: None,
            hits: 0,
            stage: "finding the hits",
            progress: (0, 0),
            measure: how.measure,
            how,
        };
        (view, request)
    }

    fn serve(request: CollocatesRequest, cancel: &Cancel, deliver: &dyn Fn(CollocatesFound)) {
        collocates::serve(&request, pool::workers(), cancel, deliver);
    }

    fn take(&mut self, found: CollocatesFound) {
        self.stage = found.stage;
        self.progress = (found.done, found.total);
        if found.collocates.is_some() {
            self.hits = found.hits;
            self.collocates = found.collocates;
            if let Some(collocates) = &mut self.collocates {
                Collocate::rank_by(collocates, self.measure);
            }
        }
    }

    fn len(&self) -> usize {
        self.collocates().len()
    }

    fn waits(&self) -> bool {
        self.collocates.is_none()
    }

    fn table(
        &self,
        of: &ViewOf,
        _: &DocStore,
        cursor: Cursor,
        columns: usize,
        page: usize,
    ) -> Table {
        let shown = self.collocates();
        let heading = match self.collocates.is_some() {
            true => format!(
                "collocates of {} (within {} words, {} time{} or more{}) by {}: {} word{} around {} hit{} · s: measure · [ ]: window · - +: minimum · x: stop-list · Enter: their concordance",
                of.label(),
                self.how.span,
                self.how.min,
                plural(self.how.min),
                if self.how.stoplist {
                    ", English stop-list"
                } else {
                    ""
                },
                self.measure.label(),
                thousands(shown.len()),
                plural(shown.len()),
                thousands(self.hits),
                plural(self.hits)
            ),
            false => {
                let (done, total) = self.progress;
                format!(
                    "collocates of {}: {}{}",
                    of.label(),
                    self.stage,
                    progress(done, total)
                )
            }
        };
        let word_width = (columns / 3).clamp(8, 30);
        let widths = CollocateColumns::of(shown);
        let names = format!(
            "  {} {} {} {}",
            pad("word", word_width, false),
            pad("near", widths.near, true),
            pad("in corpus", widths.frequency, true),
            pad("score", widths.score, true)
        );
        let rows = cursor
            .on_screen(shown, page)
            .map(|(collocate, selected)| Row {
                pieces: vec![(widths.row(collocate, word_width), Tone::Plain)],
                selected,
            })
            .collect();
        Table {
            heading,
            names,
            rows,
        }
    }

    fn saving(&self, _: &DocStore) -> Option<Saving> {
        Some(Saving::Collocates(self.collocates().to_vec()))
    }

    /// Opens the concordance of the hits with the selected collocate nearby, over the
    /// collocates: back returns to them.
    fn open(app: &mut App) {
        let Some(shown) = app.top_view::<CollocatesView>() else {
            return;
        };
        let Some(word) = shown.view.collocates().get(shown.cursor.selected) else {
            app.screen.say("no collocate to open".to_string());
            return;
        };
        let of = ViewOf {
            query: shown.of.query.clone(),
            near: Some(Near {
                word: word.word.clone(),
                span: shown.view.how.span,
            }),
            within: shown.of.within.clone(),
            n: None,
            batch: None,
            doc: None,
        };
        app.open_view(StudyKind::Concordance, of);
    }

    /// Ranks the collocates by the next measure (every score is already made).
    fn cycle(app: &mut App) {
        let Some(shown) = app.top_view_mut::<CollocatesView>() else {
            return;
        };
        let view = &mut shown.view;
        view.measure = view.measure.next();
        let measure = view.measure;
        if let Some(collocates) = &mut view.collocates {
            Collocate::rank_by(collocates, view.measure);
        }
        shown.cursor.selected = 0;
        app.study.collocating.measure = measure;
    }
}

/// The widths of the collocates' number columns: each as wide as its widest number (a word
/// near a million hits), so no figure is ever cut.
struct CollocateColumns {
    near: usize,
    frequency: usize,
    score: usize,
}

impl CollocateColumns {
    fn of(shown: &[Collocate]) -> CollocateColumns {
        CollocateColumns {
            near: number_width(shown.iter().map(|c| c.near), "near").max(8),
            frequency: number_width(shown.iter().map(|c| c.frequency as usize), "in corpus")
                .max(10),
            score: shown
                .iter()
                .map(|c| score(c.score).len())
                .max()
                .unwrap_or(0)
                .max(10),
        }
    }

    /// A collocate's row, its word in `word_width` columns.
    fn row(&self, collocate: &Collocate, word_width: usize) -> String {
        format!(
            "{} {} {} {}",
            pad(&collocate.word, word_width, false),
            pad(&thousands(collocate.near), self.near, true),
            pad(
                &thousands(collocate.frequency as usize),
                self.frequency,
                true
            ),
            pad(&score(collocate.score), self.score, true)
        )
    }
}

fn score(score: f64) -> String {
    format!("{score:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_columns_are_as_wide_as_their_widest_number() {
        let collocate = |near: usize, frequency: u64, score: f64| Collocate {
            word: "budget".into(),
            near,
            frequency,
            score,
            scores: [score; 4],
        };
        let shown = [
            collocate(9_999_999, 123_456_789_012, 1_234_567_890.5),
            collocate(3, 4, 5.0),
        ];
        let columns = CollocateColumns::of(&shown);
        let rows: Vec<String> = shown.iter().map(|c| columns.row(c, 8)).collect();
        assert_eq!(rows[0], "budget   9,999,999 123,456,789,012 1234567890.5");
        assert_eq!(rows[0].len(), rows[1].len());
    }
}
