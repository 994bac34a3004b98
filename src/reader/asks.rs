//! What the reader asks of the background: counting a big document's lines, searching it, and
//! stopping either once it is of no use. The reader collects its asks as it changes (opening a
//! document, starting or dropping a search), as the app collects its effects; the app takes
//! them after each update and carries them out.

use super::Reader;
use super::hits::DocumentSearch;
use super::lines::LineCount;

/// One thing the reader asks of the background.
#[derive(Debug)]
pub enum ReaderAsk {
    /// Count the lines of the big document just opened.
    CountLines(LineCount),
    /// A document in memory was opened: the count of a big one before it is of no use.
    StopCounting,
    /// Search the big document shown.
    Search(DocumentSearch),
    /// The search under way is of no use now.
    StopSearching,
}

impl Reader {
    /// What the reader asked of the background since this was last called, in order: the
    /// app carries it out after each update.
    pub fn take_asks(&mut self) -> Vec<ReaderAsk> {
        std::mem::take(&mut self.asks)
    }

    /// Asks for the lines of the document just opened to be counted (one in memory is counted
    /// at once: a big one's count still going is stopped).
    pub(super) fn ask_line_count(&mut self) {
        let ask = match self.count_lines() {
            Some(count) => ReaderAsk::CountLines(count),
            None => ReaderAsk::StopCounting,
        };
        self.asks.push(ask);
    }

    /// Asks for `search` of the big document shown to run in the background.
    pub(super) fn ask_search(&mut self, search: DocumentSearch) {
        self.asks.push(ReaderAsk::Search(search));
    }

    /// Forgets the search shown; one still looking in the background is stopped.
    pub(super) fn drop_search(&mut self) {
        if let Some(search) = self.search.take()
            && !search.done()
        {
            self.asks.push(ReaderAsk::StopSearching);
        }
    }
}
