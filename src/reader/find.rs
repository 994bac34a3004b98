//! The in-document search as the reader keeps it: the term, the matches found so far (on
//! the spot, or by a background search that reports as it goes), the current match, moving
//! between matches, and what the status bar says about them.

use super::hits::{self, DocumentHits, DocumentSearch, Hit};
use super::{Place, Reader, Unit, row_holding};
use crate::search::query::Query;
use crate::search::text::terms::{ContentTerm, positive_terms};
use crate::text::sanitize::sanitize_line;
use crate::work::job::{Cancel, Ticket};

/// The in-document search: its term, the matches found so far, and the one the reader is on.
pub struct Search {
    /// What was searched for, as the user typed it (a `/` term, or the list's text query).
    pub term: String,
    /// True when the search is the list's text query rather than a `/` search.
    pub from_query: bool,
    pub hits: Vec<Hit>,
    /// The parts of hits that run past a cut in a long line into the next segment: drawn,
    /// never counted or stepped to.
    pub spills: Vec<Hit>,
    pub current: usize,
    /// Bytes of the text searched so far.
    pub scanned: u64,
    /// True when the search stopped at `hits::MAX_HITS` matches.
    pub capped: bool,
    /// True once the view has moved to a match (a background search moves to the first one it
    /// finds after the view, once).
    shown: bool,
    /// The background search still looking, by its ticket.
    pending: Option<Ticket>,
    /// The match to make current once found (the hit a concordance opened the reader at):
    /// the segment it is in and its first byte there.
    aim: Option<(u64, usize)>,
    /// True when the view goes to the last match, once all are found (`[`).
    last: bool,
}

impl Search {
    /// False while a background search is still looking.
    pub fn done(&self) -> bool {
        self.pending.is_none()
    }
}

impl Reader {
    /// Makes the search's last match current (`[`): at once when every match is known, else
    /// once the search ends.
    pub fn aim_at_last(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        if !search.done() {
            search.last = true;
            return;
        }
        if let Some(last) = search.hits.len().checked_sub(1) {
            search.current = last;
            search.shown = true;
            self.show_current();
        }
    }

    /// Searches the text (not the header) for `typed`, in the query language as text mode
    /// takes it, and moves to the first match at or after the top of the view. Negated terms
    /// mean nothing inside one document: they are left out, and the note says so. Gives the
    /// note for the user. A big file is searched in the background (asked for with
    /// `ReaderAsk::Search`; its hits come back through [`Reader::take_hits`]).
    pub fn search_for(&mut self, typed: &str) -> String {
        let query = Query::parse(typed);
        let terms = positive_terms(&query);
        let mut caveats: Vec<&str> = query.problem().into_iter().collect();
        if query.has_negation() {
            caveats.push("! is ignored inside one document");
        }
        if terms.is_empty() {
            let why = caveats.first().copied().unwrap_or("nothing to find");
            return format!("{why}: {}", sanitize_line(typed));
        }
        let note = self.search_terms(typed, &terms, false);
        match caveats.is_empty() {
            true => note,
            false => format!("{note} ({})", caveats.join("; ")),
        }
    }

    /// Searches the text for every occurrence of any of `terms` (a text query's, called
    /// `label`), as [`Reader::search_for`] does for one.
    pub fn search_terms(&mut self, label: &str, terms: &[ContentTerm], from_query: bool) -> String {
        self.begin_search(label, terms, from_query, None)
    }

    /// Searches for the text query's `terms` (called `label`) with the view at the hit at
    /// byte `at` of the segment starting at `start`, which is the current match once found:
    /// `n` and `N` go on from it.
    pub fn search_terms_at(
        &mut self,
        label: &str,
        terms: &[ContentTerm],
        start: u64,
        at: usize,
    ) -> String {
        self.top = self.place_of(start, at);
        self.clamp();
        self.begin_search(label, terms, true, Some((start, at)))
    }

    fn begin_search(
        &mut self,
        label: &str,
        terms: &[ContentTerm],
        from_query: bool,
        aim: Option<(u64, usize)>,
    ) -> String {
        let mut search = Search {
            term: label.to_string(),
            from_query,
            hits: Vec::new(),
            spills: Vec::new(),
            current: 0,
            scanned: 0,
            capped: false,
            shown: false,
            pending: None,
            aim,
            last: false,
        };
        // A second handle on a big file, for a search that goes on while the user reads.
        let second = match self.source.in_memory() {
            true => None,
            false => self.source.try_clone().ok(),
        };
        // The search shown before is of no use now.
        self.drop_search();
        if let Some(source) = second {
            let ticket = Ticket::new();
            search.pending = Some(ticket);
            self.search = Some(search);
            self.ask_search(DocumentSearch {
                ticket,
                source,
                terms: terms.to_vec(),
            });
            return format!("searching for {}…", sanitize_line(label));
        }
        let scanned = hits::scan(
            &mut self.source,
            terms,
            hits::MAX_HITS,
            &Cancel::new(),
            |hits, at| {
                search.hits.extend(hits.hits);
                search.spills.extend(hits.spills);
                search.scanned = at;
            },
        );
        match scanned {
            Ok(capped) => search.capped = capped,
            Err(error) => {
                self.search = None;
                return sanitize_line(&format!("search failed: {error}"));
            }
        }
        self.search = Some(search);
        self.settle_search()
    }

    /// The background search still looking, by its ticket.
    pub fn pending_search(&self) -> Option<Ticket> {
        self.search.as_ref().and_then(|search| search.pending)
    }

    /// Forgets a search made for the list's text query (not a `/` search of the user's).
    pub fn clear_query_search(&mut self) {
        if self.search.as_ref().is_some_and(|search| search.from_query) {
            self.drop_search();
        }
    }

    /// Takes in what a background search found since it last reported; returns what to tell
    /// the user when there is news (the first match, or the end of the search). News of a
    /// search that is no longer the reader's is dropped.
    pub fn take_hits(&mut self, news: DocumentHits) -> Option<String> {
        let search = self.search.as_mut()?;
        if search.pending != Some(news.ticket) {
            return None;
        }
        search.hits.extend(news.hits);
        search.spills.extend(news.spills);
        search.scanned = news.scanned;
        search.capped = news.capped;
        if let Some(error) = news.error {
            self.search = None;
            return Some(sanitize_line(&format!("search failed: {error}")));
        }
        if news.done {
            search.pending = None;
            let shown = search.shown;
            return Some(if shown {
                self.match_counter()
            } else {
                self.settle_search()
            });
        }
        if !search.shown && !search.last && self.first_hit_from_top().is_some() {
            return Some(self.settle_search());
        }
        None
    }

    /// The first hit at or after the top of the view, if one is known.
    fn first_hit_from_top(&mut self) -> Option<usize> {
        let top = self.top;
        let hits = &self.search.as_ref()?.hits;
        let first = hits.partition_point(|hit| Unit::Body(hit.start) < top.0);
        // Only hits in the top unit can be above the view's first row.
        let in_top_unit: Vec<(usize, u64, usize)> = hits[first..]
            .iter()
            .enumerate()
            .take_while(|(_, hit)| Unit::Body(hit.start) == top.0)
            .map(|(offset, hit)| (first + offset, hit.start, hit.range.start))
            .collect();
        let count = hits.len();
        let after_top_unit = first + in_top_unit.len();
        in_top_unit
            .into_iter()
            .find(|&(_, start, at)| self.place_of(start, at) >= top)
            .map(|(index, _, _)| index)
            .or((after_top_unit < count).then_some(after_top_unit))
    }

    /// Moves to the first match after the view (wrapping to the first of all) and says so.
    fn settle_search(&mut self) -> String {
        let first_visible = self.first_hit_from_top();
        let Some(search) = self.search.as_mut() else {
            return String::new();
        };
        if search.hits.is_empty() {
            let term = sanitize_line(&search.term);
            if search.done() {
                // The list's query stays the reader's search (it has no hit here), so it is
                // not searched for again; a `/` search that found nothing is dropped.
                if !search.from_query {
                    self.search = None;
                }
                return format!("pattern not found: {term}");
            }
            return format!("searching for {term}…");
        }
        let aimed = search.aim.and_then(|(start, at)| {
            let found = search
                .hits
                .binary_search_by(|hit| (hit.start, hit.range.start).cmp(&(start, at)));
            found.ok()
        });
        let last = (search.last && search.done()).then(|| search.hits.len() - 1);
        search.current = aimed.or(last).or(first_visible).unwrap_or(0);
        search.shown = true;
        let wrapped = first_visible.is_none() && search.done() && last.is_none();
        self.show_current();
        let note = if wrapped {
            " (search wrapped to the top)"
        } else {
            ""
        };
        format!("{}{note}", self.match_counter())
    }

    /// Moves to the next match (or the previous one when `forward` is false), wrapping around
    /// the document's ends. Returns what to tell the user, or None when there is no search.
    pub fn step_match(&mut self, forward: bool) -> Option<String> {
        let search = self.search.as_mut()?;
        let count = search.hits.len();
        if count == 0 {
            let state = if search.done() {
                "pattern not found:"
            } else {
                "searching for"
            };
            return Some(format!("{state} {}", sanitize_line(&search.term)));
        }
        let (next, wrapped) = if forward {
            ((search.current + 1) % count, search.current + 1 == count)
        } else {
            ((search.current + count - 1) % count, search.current == 0)
        };
        search.current = next;
        search.shown = true;
        self.show_current();
        let note = match (wrapped, forward) {
            (true, true) => " (search hit the end, continuing at the top)",
            (true, false) => " (search hit the top, continuing at the end)",
            _ => "",
        };
        Some(format!("{}{note}", self.match_counter()))
    }

    /// `match I of N` for the current search, with its progress while it runs.
    pub fn match_counter(&self) -> String {
        let Some(search) = &self.search else {
            return String::new();
        };
        let more = if search.capped { "+" } else { "" };
        let mut counter = if search.hits.is_empty() {
            let yet = if search.done() { "" } else { " yet" };
            format!("no match{yet}")
        } else {
            format!(
                "match {} of {}{more}",
                search.current + 1,
                search.hits.len()
            )
        };
        if !search.done() {
            let percent = search.scanned * 100 / self.source.size().max(1);
            counter.push_str(&format!(" (searching… {percent}%)"));
        }
        counter
    }

    /// The place of byte `at` of the segment starting at `start`.
    fn place_of(&mut self, start: u64, at: usize) -> Place {
        let unit = Unit::Body(start);
        let rows = &self.unit(unit).rows;
        (unit, row_holding(rows, at))
    }

    /// The current match's text as the reader shows it (the document's own letters).
    pub fn current_hit_text(&mut self) -> Option<String> {
        let hit = self
            .search
            .as_ref()?
            .hits
            .get(self.search.as_ref()?.current)?
            .clone();
        let unit = self.unit(Unit::Body(hit.start));
        unit.text.get(hit.range).map(str::to_string)
    }

    /// Scrolls so the current match is in view, a third of the way down when it was not.
    fn show_current(&mut self) {
        let Some((start, at)) = self
            .search
            .as_ref()
            .and_then(|s| s.hits.get(s.current))
            .map(|hit| (hit.start, hit.range.start))
        else {
            return;
        };
        let place = self.place_of(start, at);
        if self
            .view
            .iter()
            .any(|(unit, _, row)| (*unit, *row) == place)
        {
            return;
        }
        self.top = self.backward(place, self.page_rows() / 3);
        self.clamp();
    }
}
