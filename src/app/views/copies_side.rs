//! A document and one of its copies side by side (`v` in the reader, Alt-v in the list), the
//! words they differ by marked: removed from the left `[-…-]`, added on the right `{+…+}`,
//! changed `[~…~]`/`{~…~}` (in colour too). The left is the document read, the right its
//! cluster's kept document (or, for the kept one, its first copy); `s` brings the next copy.

use super::{Cursor, Row, StudyView, Table, Tone, ViewOf};
use crate::app::App;
use crate::copies::diff::{Line, Mark, WordDiff};
use crate::copies::{Overlap, overlap_of};
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::study::save::Saving;
use crate::text::columns::pad;
use crate::text::fit::{truncate_with_ellipsis, width as width_of};
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use std::sync::Mutex;

/// Two copies compared, as shown.
#[derive(Debug, Default)]
pub(crate) struct CopiesView {
    left: usize,
    right: usize,
    /// Which copy the right is, of how many.
    nth: (usize, usize),
    found: Option<(WordDiff, Overlap)>,
    /// The sides laid out for the column width last drawn, and that width (laid out again
    /// only when it changes).
    laid: Mutex<Option<(usize, Vec<[Line; 2]>)>>,
}

/// What comparing needs.
#[derive(Debug)]
pub(crate) struct CopiesRequest {
    docs: DocStore,
    left: usize,
    right: usize,
}

impl StudyView for CopiesView {
    type Request = CopiesRequest;
    type Found = (WordDiff, Overlap);
    const KIND: StudyKind = StudyKind::Copies;

    fn start(app: &App, of: &ViewOf) -> (Self, Self::Request) {
        let left = of.doc.unwrap_or_default();
        let others = app.copies_beside(left);
        let pick = of.n.unwrap_or(0) % others.len().max(1);
        let right = others.get(pick).copied().unwrap_or(left);
        let view = CopiesView {
            left,
            right,
            nth: (pick + 1, others.len()),
            ..CopiesView::default()
        };
        let request = CopiesRequest {
            docs: app.corpus.docs.clone(),
            left,
            right,
        };
        (view, request)
    }

    fn serve(request: Self::Request, cancel: &Cancel, deliver: &dyn Fn(Self::Found)) {
        let docs = &request.docs;
        let text = |doc: usize| {
            let mut text = String::new();
            let _ = docs.each_piece(doc, |piece| text.push_str(&piece.text()));
            text
        };
        let diff = WordDiff::of(&text(request.left), &text(request.right));
        if !cancel.is_cancelled() {
            deliver((diff, overlap_of(docs, request.left, request.right)));
        }
    }

    fn take(&mut self, found: Self::Found) {
        self.found = Some(found);
    }

    fn len(&self) -> usize {
        self.laid
            .lock()
            .map_or(0, |laid| laid.as_ref().map_or(0, |(_, rows)| rows.len()))
    }

    fn waits(&self) -> bool {
        self.found.is_none()
    }

    fn table(
        &self,
        _: &ViewOf,
        docs: &DocStore,
        cursor: Cursor,
        width: usize,
        page: usize,
    ) -> Table {
        let name = |doc: usize| {
            sanitize_line(
                &docs
                    .get(doc)
                    .map_or_else(String::new, |d| d.display_path().into_owned()),
            )
        };
        let Some((diff, overlap)) = &self.found else {
            return Table {
                heading: format!(
                    "{} beside {} … comparing",
                    name(self.left),
                    name(self.right)
                ),
                ..Table::default()
            };
        };
        let column = width.saturating_sub(5) / 2;
        let Some(laid) = self.laid_out(diff, column) else {
            return Table::default();
        };
        let laid = laid.as_ref().map_or(&[][..], |(_, rows)| rows.as_slice());
        // The figures first: on a narrow screen they are what is kept.
        let heading = format!(
            "similarity {:.3}, containment {:.3} · {} removed, {} added, {} changed · copy {} of {} (s: the next){}",
            overlap.jaccard,
            overlap.containment,
            diff.removed,
            diff.added,
            diff.changed,
            self.nth.0,
            self.nth.1,
            diff.rough
                .as_ref()
                .map_or_else(String::new, |why| format!(" · {why}"))
        );
        let names = format!(
            "{} │ {}",
            pad(
                &truncate_with_ellipsis(&name(self.left), column),
                column,
                false
            ),
            truncate_with_ellipsis(&name(self.right), column)
        );
        let rows = cursor
            .on_screen(laid, page)
            .map(|([left, right], selected)| {
                let mut pieces = pieces_of(left);
                let used: usize = left.iter().map(|(text, _)| width_of(text)).sum();
                pieces.push((" ".repeat(column.saturating_sub(used)), Tone::Plain));
                pieces.push((" │ ".to_string(), Tone::Rule));
                pieces.extend(pieces_of(right));
                Row { pieces, selected }
            })
            .collect();
        Table {
            heading,
            names,
            rows,
        }
    }

    fn saving(&self, _: &DocStore) -> Option<Saving> {
        None
    }

    fn open(app: &mut App) {
        if let Some(shown) = app.top_view::<CopiesView>() {
            let right = shown.view.right;
            app.read_from_view(right);
        }
    }

    /// `s`: the next copy on the right.
    fn cycle(app: &mut App) {
        let Some(shown) = app.top_view::<CopiesView>() else {
            return;
        };
        let of = ViewOf {
            n: Some(shown.view.nth.0),
            ..shown.of.clone()
        };
        app.open_view(StudyKind::Copies, of);
    }
}

impl CopiesView {
    /// The sides laid out in columns of `column` (laid out now unless they already are).
    fn laid_out(&self, diff: &WordDiff, column: usize) -> Option<LaidOut<'_>> {
        let mut laid = self.laid.lock().ok()?;
        if laid.as_ref().map(|(width, _)| *width) != Some(column) {
            *laid = Some((column, diff.side_by_side(column)));
        }
        Some(laid)
    }
}

/// The sides as laid out, held while a table is made of them.
type LaidOut<'a> = std::sync::MutexGuard<'a, Option<(usize, Vec<[Line; 2]>)>>;

fn pieces_of(line: &Line) -> Vec<(String, Tone)> {
    line.iter()
        .map(|(text, mark)| {
            let tone = match mark {
                Mark::Same => Tone::Plain,
                Mark::Removed => Tone::Removed,
                Mark::Added => Tone::Added,
                Mark::Changed => Tone::Changed,
            };
            (sanitize_line(text), tone)
        })
        .collect()
}
