//! "Documents like this one" (`l` in the reader, Alt-l in the list): the documents most like
//! the one read, by the words that distinguish it (`copies::like_this`, from the word index),
//! each with its score and the distinguishing words it shares; its copies marked `copy`
//! (found copies when they are known, else measured). Enter reads the document.

use super::{Cursor, Row, StudyView, Table, Tone, ViewOf};
use crate::app::App;
use crate::copies::like_this::{Alike, like_this};
use crate::copies::{Copies, Thresholds, overlap_of};
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::search::text::index::TextIndex;
use crate::study::save::Saving;
use crate::text::columns::{pad, plural};
use crate::text::fit::truncate_with_ellipsis;
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use std::sync::Arc;

/// Documents listed.
const MOST: usize = 50;

/// The documents like one, as shown.
#[derive(Debug, Default)]
pub(crate) struct AlikeView {
    doc: usize,
    rows: Option<Result<Vec<(Alike, bool)>, String>>,
}

/// What finding them needs.
#[derive(Debug)]
pub(crate) struct AlikeRequest {
    docs: DocStore,
    index: Option<Arc<TextIndex>>,
    doc: usize,
    copies: Option<Arc<Copies>>,
    thresholds: Thresholds,
    /// The subcorpus the views are of (with copies collapsed, one of each cluster): only
    /// its documents are listed.
    within: Option<Arc<Vec<bool>>>,
}

impl StudyView for AlikeView {
    type Request = AlikeRequest;
    type Found = Result<Vec<(Alike, bool)>, String>;
    const KIND: StudyKind = StudyKind::Alike;

    fn start(app: &App, of: &ViewOf) -> (Self, Self::Request) {
        let doc = of.doc.unwrap_or_default();
        let request = AlikeRequest {
            docs: app.corpus.docs.clone(),
            index: app.work.index.built(),
            doc,
            copies: app.work.copies.found(),
            thresholds: app.work.copies.thresholds(),
            within: of.within.as_ref().map(|within| Arc::clone(&within.chosen)),
        };
        (AlikeView { doc, rows: None }, request)
    }

    fn serve(request: Self::Request, cancel: &Cancel, deliver: &dyn Fn(Self::Found)) {
        let Some(index) = &request.index else {
            deliver(Err(
                "documents like this one are found with the word index, which is not built yet (or is off: --index-memory 0 without a store)"
                    .to_string(),
            ));
            return;
        };
        let docs = &request.docs;
        let within = request.within.as_deref();
        let found = like_this(docs, index, request.doc, usize::MAX);
        if cancel.is_cancelled() {
            return;
        }
        let marked = found
            .into_iter()
            .filter(|alike| {
                within.is_none_or(|chosen| chosen.get(alike.doc).copied().unwrap_or(true))
            })
            .take(MOST)
            .map(|alike| {
                let copy = match &request.copies {
                    Some(copies) if alike.doc < copies.len() && request.doc < copies.len() => {
                        copies.kept_as(alike.doc) == copies.kept_as(request.doc)
                            && copies.copies_of(request.doc) > 0
                    }
                    _ => overlap_of(docs, request.doc, alike.doc).is_copy(request.thresholds),
                };
                (alike, copy)
            })
            .collect();
        deliver(Ok(marked));
    }

    fn take(&mut self, found: Self::Found) {
        self.rows = Some(found);
    }

    fn len(&self) -> usize {
        match &self.rows {
            Some(Ok(rows)) => rows.len(),
            _ => 0,
        }
    }

    fn waits(&self) -> bool {
        self.rows.is_none()
    }

    fn table(
        &self,
        _: &ViewOf,
        docs: &DocStore,
        cursor: Cursor,
        width: usize,
        page: usize,
    ) -> Table {
        let title = sanitize_line(docs.get(self.doc).map_or("", |doc| doc.title()));
        let rows = match &self.rows {
            None => {
                return Table {
                    heading: format!("like “{title}” … finding them"),
                    ..Table::default()
                };
            }
            Some(Err(why)) => {
                return Table {
                    heading: format!("like “{title}”: {why}"),
                    ..Table::default()
                };
            }
            Some(Ok(rows)) => rows,
        };
        let copies = rows.iter().filter(|(_, copy)| *copy).count();
        if rows.is_empty() {
            return Table {
                heading: format!(
                    "like “{title}”: no document shares the words that distinguish it (words no other document has, or most have, do not count)"
                ),
                ..Table::default()
            };
        }
        let heading = format!(
            "like “{title}” · {} document{} by the words that distinguish it{}",
            rows.len(),
            plural(rows.len()),
            match copies {
                0 => String::new(),
                1 => " · 1 of them a copy".to_string(),
                n => format!(" · {n} of them copies"),
            }
        );
        let title_width = (width / 2).max(20);
        let table_rows = cursor
            .on_screen(rows, page)
            .map(|((alike, copy), selected)| {
                let doc = docs.at(alike.doc);
                let title = truncate_with_ellipsis(&sanitize_line(doc.title()), title_width);
                let mut pieces = vec![
                    (format!("{:>5.3}  ", alike.score), Tone::Plain),
                    (pad(&title, title_width, false), Tone::Plain),
                ];
                if *copy {
                    pieces.push(("  copy".to_string(), Tone::Hit));
                }
                pieces.push(("  │ ".to_string(), Tone::Rule));
                pieces.push((sanitize_line(&alike.words.join(", ")), Tone::Plain));
                Row { pieces, selected }
            })
            .collect();
        Table {
            heading,
            names: format!(
                "{:>5}  {}  │ shared words",
                "score",
                pad("title", title_width, false)
            ),
            rows: table_rows,
        }
    }

    fn saving(&self, docs: &DocStore) -> Option<Saving> {
        let Some(Ok(rows)) = &self.rows else {
            return None;
        };
        Some(Saving::Alike {
            docs: docs.clone(),
            rows: rows
                .iter()
                .map(|(alike, copy)| (alike.doc, alike.score, *copy, alike.words.join(" ")))
                .collect(),
        })
    }

    fn open(app: &mut App) {
        let Some(shown) = app.top_view::<AlikeView>() else {
            return;
        };
        let doc = match &shown.view.rows {
            Some(Ok(rows)) => rows.get(shown.cursor.selected).map(|(alike, _)| alike.doc),
            _ => None,
        };
        match doc {
            Some(doc) => app.read_from_view(doc),
            None => app.screen.say("no document to read".to_string()),
        }
    }

    fn cycle(app: &mut App) {
        app.screen
            .say("documents like this one come best first".to_string());
    }
}
