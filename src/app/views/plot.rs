//! The dispersion plot view (Alt-D): a row per document with hits, the most first — its
//! title, hits, hits per 1,000 words and a bar across the document's length with each hit at
//! its place. A cell of the bar is eight places wide: a cell with one hit is drawn as a block
//! whose right edge is at the hit (`▏` at the first eighth … `█` at the last), a cell with
//! more as `█`. The heading gives the hits, the range (documents with a hit of those in the
//! scope) and DP. `h`/`l` choose a column of the bar (marked `▼`); Enter reads the selected
//! document at its hit nearest that column.

use super::{Cursor, Row, StudyView, Table, Tone, ViewOf, progress};
use crate::app::App;
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::study::dispersion::{self, PlotFound, PlotRow};
use crate::study::matching::Scope;
use crate::study::save::Saving;
use crate::text::columns::{pad, plural, thousands};
use crate::text::fit::truncate_with_ellipsis;
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use crate::work::pool;
use std::cell::Cell;

/// The plot as shown.
#[derive(Debug, Default)]
pub(crate) struct PlotView {
    rows: Option<Vec<PlotRow>>,
    placed: usize,
    done: bool,
    scope_documents: usize,
    hits: usize,
    dp: f64,
    /// The column of the bar chosen (from its left), and the bar's width when last drawn.
    column: usize,
    bar_width: Cell<usize>,
}

impl PlotView {
    fn rows(&self) -> &[PlotRow] {
        self.rows.as_deref().unwrap_or_default()
    }

    /// Moves the column chosen by `by`, within the bar.
    pub(super) fn move_column(&mut self, by: isize) {
        let last = self.bar_width.get().saturating_sub(1);
        self.column = self.column.saturating_add_signed(by).min(last);
    }
}

/// The widths of the title's, hits' and rate's columns.
const TITLE: usize = 28;
const HITS: usize = 7;
const RATE: usize = 9;

impl StudyView for PlotView {
    type Request = Scope;
    type Found = PlotFound;
    const KIND: StudyKind = StudyKind::Dispersion;

    fn start(app: &App, of: &ViewOf) -> (Self, Scope) {
        (PlotView::default(), app.scope(of))
    }

    fn serve(request: Scope, cancel: &Cancel, deliver: &dyn Fn(PlotFound)) {
        dispersion::serve(&request, pool::workers(), cancel, deliver);
    }

    fn take(&mut self, found: PlotFound) {
        if let Some(rows) = found.rows {
            self.rows = Some(rows);
            self.scope_documents = found.scope_documents;
            self.hits = found.hits;
            self.dp = found.dp;
        }
        if let Some(rows) = &mut self.rows {
            for (at, places, hits) in found.placed {
                if let Some(row) = rows.get_mut(at) {
                    row.places = places;
                    row.found = hits;
                    self.placed += 1;
                }
            }
        }
        self.done |= found.done;
    }

    fn len(&self) -> usize {
        self.rows().len()
    }

    fn waits(&self) -> bool {
        !self.done
    }

    fn table(
        &self,
        of: &ViewOf,
        docs: &DocStore,
        cursor: Cursor,
        width: usize,
        page: usize,
    ) -> Table {
        let (rows, hits) = (self.rows(), self.hits);
        let heading = match &self.rows {
            None => format!("dispersion of {}: counting the hits", of.label()),
            Some(_) => {
                let range = rows.len() * 100 / self.scope_documents.max(1);
                let reading = match self.done {
                    true => String::new(),
                    false => progress(self.placed, rows.len()),
                };
                format!(
                    "dispersion of {}: {} hit{} in {} of {} documents (range {range}%), DP {:.3}{reading} · h/l: column · Enter: read at the hit",
                    of.label(),
                    thousands(hits),
                    plural(hits),
                    thousands(rows.len()),
                    thousands(self.scope_documents),
                    self.dp
                )
            }
        };
        let bar = width.saturating_sub(2 + TITLE + HITS + RATE + 4).max(8);
        self.bar_width.set(bar);
        let column = self.column.min(bar - 1);
        let marker = format!("{}▼", " ".repeat(column));
        let names = format!(
            "  {} {} {} │{}",
            pad("document", TITLE, false),
            pad("hits", HITS, true),
            pad("per 1,000", RATE, true),
            marker
        );
        let rows = cursor
            .on_screen(rows, page)
            .map(|(row, selected)| {
                let title = truncate_with_ellipsis(&sanitize_line(docs.at(row.doc).title()), TITLE);
                let rate = row.hits as f64 * 1000.0 / f64::from(row.words.max(1));
                let figures = format!(
                    "{} {} {} │",
                    pad(&title, TITLE, false),
                    pad(&thousands(row.hits), HITS, true),
                    pad(&format!("{rate:.2}"), RATE, true)
                );
                Row {
                    pieces: vec![
                        (figures, Tone::Plain),
                        (bar_of(&row.places, bar), Tone::Hit),
                    ],
                    selected,
                }
            })
            .collect();
        Table {
            heading,
            names,
            rows,
        }
    }

    /// The rows, each document's figures (the places are for the screen).
    fn saving(&self, docs: &DocStore) -> Option<Saving> {
        let rows = self.rows().iter().map(|row| PlotRow {
            doc: row.doc,
            hits: row.hits,
            words: row.words,
            places: Vec::new(),
            found: Vec::new(),
        });
        Some(Saving::Plot {
            docs: docs.clone(),
            rows: rows.collect(),
        })
    }

    /// Reads the selected document at its hit nearest the column chosen.
    fn open(app: &mut App) {
        let Some(shown) = app.top_view::<PlotView>() else {
            return;
        };
        let view = &shown.view;
        let Some(row) = view.rows().get(shown.cursor.selected) else {
            app.screen.say("no document to read".to_string());
            return;
        };
        let bar = view.bar_width.get().max(1);
        // The column as drawn: within a bar that a narrower terminal made shorter.
        let column = view.column.min(bar - 1) as f64;
        let wanted = ((column + 0.5) / bar as f64 * f64::from(u16::MAX)) as i64;
        let nearest = row
            .places
            .iter()
            .zip(&row.found)
            .min_by_key(|(place, _)| (i64::from(**place) - wanted).abs())
            .map(|(_, hit)| *hit);
        let Some(hit) = nearest else {
            app.screen
                .say("its hits are still being placed: a moment".to_string());
            return;
        };
        let query = shown.of.query.clone();
        app.read_at_hit(hit, &query);
    }

    fn cycle(app: &mut App) {
        app.screen
            .say("the plot is in order of hits: most first".to_string());
    }
}

/// The bar of `width` cells with the hits at `places`.
pub(crate) fn bar_of(places: &[u16], width: usize) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let mut cells: Vec<(usize, usize)> = vec![(0, 0); width];
    let eighths = width * 8;
    for &place in places {
        let at = (usize::from(place) * eighths / (usize::from(u16::MAX) + 1)).min(eighths - 1);
        let cell = &mut cells[at / 8];
        cell.0 += 1;
        cell.1 = at % 8;
    }
    cells
        .iter()
        .map(|&(count, eighth)| match count {
            0 => ' ',
            1 => EIGHTHS[eighth],
            _ => '█',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_is_drawn_at_its_eighth_of_a_cell() {
        let at = |share: f64| (share * f64::from(u16::MAX)) as u16;
        assert_eq!(bar_of(&[0], 4), "▏   ");
        assert_eq!(bar_of(&[u16::MAX], 4), "   █");
        // Half-way: the third cell's first eighth; just before, the second's last.
        assert_eq!(bar_of(&[32_768], 4), "  ▏ ");
        assert_eq!(bar_of(&[32_767], 4), " █  ");
        // A cell of two hits: full.
        assert_eq!(bar_of(&[at(0.30), at(0.31)], 4), " █  ");
        assert_eq!(bar_of(&[], 3), "   ");
    }
}
