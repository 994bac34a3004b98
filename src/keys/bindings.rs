//! The one table of default keys for each action in each mode. The help overlay, the
//! status-bar hints, the starting configuration file and the README's key table are generated
//! from it, so the documentation cannot drift from what the keys do.

use super::action::{Action, Mode, StudyKind};
use super::key::Key;
use crossterm::event::KeyCode;

/// What a binding produces.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    Fixed(Action),
    WithChar(fn(char) -> Action),
}

/// One row of the key table.
pub struct Binding {
    /// The binding's name in the configuration file's `[keys]` table (empty: not rebindable).
    pub name: &'static str,
    /// Modes it applies in; empty means every mode.
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub bound: Bound,
    pub help: &'static str,
    /// Short label for the status bar, for the few bindings worth a hint there.
    pub hint: Option<&'static str>,
}

use Action as A;
use KeyCode as K;
use Mode as M;

const fn fixed(
    name: &'static str,
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        name,
        modes,
        keys,
        bound: Bound::Fixed(action),
        help,
        hint,
    }
}

/// Every key folio understands. The first binding that matches the key in the current mode
/// wins, so specific keys come before `AnyChar`.
#[rustfmt::skip] // one binding per line reads as the table it is
pub static BINDINGS: &[Binding] = &[
    fixed("help", &[], &[Key::Plain(K::F(1))], A::ToggleHelp, "show or hide this help", Some("help")),
    fixed("skipped", &[], &[Key::Plain(K::F(2))], A::ToggleSkipped, "show or hide the skipped files and why", None),
    fixed("quit", &[], &[Key::Ctrl('c')], A::Interrupt, "quit", None),
    fixed("suspend", &[], &[Key::Ctrl('z')], A::Suspend, "suspend to the shell (fg comes back)", None),
    // The list and its query line.
    fixed("read", &[M::List], &[Key::Plain(K::Enter), Key::Plain(K::Right)], A::OpenReader, "read the selected document", Some("read")),
    fixed("select-next", &[M::List], &[Key::Plain(K::Down), Key::Ctrl('n')], A::SelectNext, "select the next document", None),
    fixed("select-previous", &[M::List], &[Key::Plain(K::Up), Key::Ctrl('p')], A::SelectPrevious, "select the previous document", None),
    fixed("select-page-down", &[M::List], &[Key::Plain(K::PageDown)], A::SelectPageDown, "select a page down", None),
    fixed("select-page-up", &[M::List], &[Key::Plain(K::PageUp)], A::SelectPageUp, "select a page up", None),
    fixed("query-backspace", &[M::List], &[Key::Plain(K::Backspace)], A::QueryBackspace, "delete the last character of the query", None),
    fixed("query-clear", &[M::List], &[Key::Ctrl('u')], A::QueryClear, "clear the query", None),
    fixed("query-delete-word", &[M::List], &[Key::Ctrl('w')], A::QueryDeleteWord, "delete the last word of the query", None),
    fixed("query-end", &[M::List], &[Key::Plain(K::End)], A::QueryEnd, "keep the restored query, to add to it", None),
    fixed("clear-query-or-quit", &[M::List], &[Key::Plain(K::Esc)], A::ClearQueryOrQuit, "clear the query, or quit if it is empty", Some("clear/quit")),
    fixed("mark", &[M::List], &[Key::Plain(K::Tab)], A::ToggleMark, "mark or unmark the document (to print several)", None),
    fixed("tag", &[M::List], &[Key::Alt('t')], A::AskTag, "tag the marked documents (or the selected one); the same tag again takes it off", None),
    fixed("note", &[M::List], &[Key::Alt('a')], A::AskNote, "write a note on the selected document (shown in the reader's header)", None),
    fixed("only-marked", &[M::List], &[Key::Alt('m')], A::ToggleOnlyMarked, "show only the marked documents (or all again)", None),
    fixed("collapse", &[M::List], &[Key::Alt('c')], A::ToggleCollapse, "collapse copies: each cluster of near-duplicates one row, counted once in every view (or all again)", None),
    fixed("copies", &[M::List], &[Key::Alt('v')], A::ShowView(StudyKind::Copies), "the selected document beside a copy, the words they differ by marked", None),
    fixed("alike", &[M::List], &[Key::Alt('l')], A::ShowView(StudyKind::Alike), "documents like the selected one, by the words that distinguish it", None),
    fixed("history-back", &[M::List], &[Key::Alt('p')], A::HistoryBack, "the query before, from the history (kept between runs)", None),
    fixed("history-forward", &[M::List], &[Key::Alt('n')], A::HistoryForward, "the next query in the history (back to the one typed)", None),
    fixed("accept", &[M::List], &[Key::Ctrl('o')], A::Accept, "print the marked paths (or the selected one) and quit", None),
    fixed("text-search", &[M::List], &[Key::Ctrl('f')], A::ToggleSearchIn, "search the documents' text, not titles (or back)", Some("text/titles")),
    fixed("exact", &[M::List], &[Key::Ctrl('x')], A::ToggleExact, "exact mode: plain words match titles as substrings, not fuzzily (or back)", None),
    fixed("sort", &[M::List], &[Key::Ctrl('s')], A::CycleOrder, "sort by relevance, hits (text mode), title, date, path, length (in turn)", None),
    fixed("concordance", &[M::List, M::Study], &[Key::Ctrl('k')], A::ShowView(StudyKind::Concordance), "concordance: every hit of the text query in context", Some("concordance")),
    fixed("counts", &[M::List, M::Study], &[Key::Ctrl('g')], A::ShowView(StudyKind::Counts), "counts of the text query by folder, year, month, field", None),
    fixed("collocates", &[M::List, M::Study], &[Key::Ctrl('t')], A::ShowView(StudyKind::Collocates), "collocates: words near the text query's hits more than by chance", None),
    fixed("wordlist", &[M::List, M::Study], &[Key::Alt('w')], A::ShowView(StudyKind::WordList), "word list: every word of the subcorpus with hits, documents and DP", None),
    fixed("keywords", &[M::List, M::Study], &[Key::Alt('k')], A::ShowView(StudyKind::Keywords), "keywords of the subcorpus (or the text query's documents) against the rest", None),
    fixed("ngrams", &[M::List, M::Study], &[Key::Alt('g')], A::ShowView(StudyKind::Ngrams), "n-grams of the subcorpus, or those holding the text query's words", None),
    fixed("dispersion", &[M::List, M::Study], &[Key::Alt('d')], A::ShowView(StudyKind::Dispersion), "dispersion plot: where in each document the text query's hits are", None),
    fixed("batch", &[M::List, M::Study], &[Key::Alt('b')], A::AskBatch, "batch search: a file of queries (one a line, say names), a row each with documents and hits", None),
    fixed("subcorpus", &[M::List, M::Study], &[Key::Alt('i')], A::ChooseSubcorpus, "choose the subcorpus the views are of (folder:NAME, year:YYYY, query:\"TEXT\", @name)", None),
    fixed("export", &[M::List, M::Study], &[Key::Ctrl('e')], A::Export, "export what is shown to a file (.tsv .csv .jsonl)", None),
    Binding {
        name: "",
        modes: &[M::List],
        keys: &[Key::AnyChar],
        bound: Bound::WithChar(A::QueryInsert),
        help: "type the query: word 'exact 'word' \"a phrase\" ^start end$ !not a | b word* /regex/ a NEAR/5 b",
        hint: Some("filter"),
    },
    // The study views: concordance, counts, collocates, word list, keywords, n-grams.
    fixed("study-down", &[M::Study], &[Key::Plain(K::Char('j')), Key::Plain(K::Down)], A::StudyMove(1), "select the next row", None),
    fixed("study-up", &[M::Study], &[Key::Plain(K::Char('k')), Key::Plain(K::Up)], A::StudyMove(-1), "select the previous row", None),
    fixed("study-page-down", &[M::Study], &[Key::Plain(K::Char(' ')), Key::Plain(K::PageDown)], A::StudyPage(1), "a page down", None),
    fixed("study-page-up", &[M::Study], &[Key::Plain(K::Char('b')), Key::Plain(K::PageUp)], A::StudyPage(-1), "a page up", None),
    fixed("study-top", &[M::Study], &[Key::Plain(K::Char('g')), Key::Plain(K::Home)], A::StudyTop, "the first row", None),
    fixed("study-end", &[M::Study], &[Key::Plain(K::Char('G')), Key::Plain(K::End)], A::StudyEnd, "the last row", None),
    fixed("study-open", &[M::Study], &[Key::Plain(K::Enter), Key::Plain(K::Right)], A::StudyOpen, "read the document at the hit (in the plot: the hit nearest the column); a word's, keyword's, n-gram's or collocate's concordance", Some("open")),
    fixed("study-order", &[M::Study], &[Key::Plain(K::Char('s')), Key::Ctrl('s')], A::StudyCycle, "sort: document, left, right, hit; counts: folder, year, month, field; collocates: log-likelihood, MI, t-score, logDice; words: hits, documents, DP, word", Some("sort")),
    fixed("category-1", &[M::Study], &[Key::Plain(K::Char('1'))], A::StudyDigit(1), "concordance: put the line in category 1 (the same digit again takes it out)", None),
    fixed("ngram-2", &[M::Study], &[Key::Plain(K::Char('2'))], A::StudyDigit(2), "n-grams: of two words; concordance: category 2", None),
    fixed("ngram-3", &[M::Study], &[Key::Plain(K::Char('3'))], A::StudyDigit(3), "n-grams: of three words; concordance: category 3", None),
    fixed("ngram-4", &[M::Study], &[Key::Plain(K::Char('4'))], A::StudyDigit(4), "n-grams: of four words; concordance: category 4", None),
    fixed("ngram-5", &[M::Study], &[Key::Plain(K::Char('5'))], A::StudyDigit(5), "n-grams: of five words; concordance: category 5", None),
    fixed("category-6", &[M::Study], &[Key::Plain(K::Char('6'))], A::StudyDigit(6), "concordance: category 6", None),
    fixed("category-7", &[M::Study], &[Key::Plain(K::Char('7'))], A::StudyDigit(7), "concordance: category 7", None),
    fixed("category-8", &[M::Study], &[Key::Plain(K::Char('8'))], A::StudyDigit(8), "concordance: category 8", None),
    fixed("category-9", &[M::Study], &[Key::Plain(K::Char('9'))], A::StudyDigit(9), "concordance: category 9", None),
    fixed("category-none", &[M::Study], &[Key::Plain(K::Char('0'))], A::StudyDigit(0), "concordance: take the line out of its category", None),
    fixed("category-name", &[M::Study], &[Key::Plain(K::Char('n'))], A::NameCategory, "concordance: name a category (1 relevant)", None),
    fixed("category-filter", &[M::Study], &[Key::Plain(K::Char('f'))], A::CategoryFilter, "concordance: one category's lines alone, the next each time, then all", None),
    fixed("sample", &[M::Study], &[Key::Plain(K::Char('r'))], A::SampleLines, "concordance: a random sample of N lines, with a seed to draw it again", None),
    fixed("sort-levels", &[M::Study], &[Key::Plain(K::Char('S'))], A::SortLevels, "concordance: sort by levels you write (1R 2R 1L)", None),
    fixed("plot-left", &[M::Study], &[Key::Plain(K::Char('h'))], A::StudyColumn(-1), "dispersion plot: the column to the left", None),
    fixed("plot-right", &[M::Study], &[Key::Plain(K::Char('l'))], A::StudyColumn(1), "dispersion plot: the column to the right", None),
    fixed("window-narrower", &[M::Study], &[Key::Plain(K::Char('['))], A::CollocateWindow(-1), "collocates: a word less each side", None),
    fixed("window-wider", &[M::Study], &[Key::Plain(K::Char(']'))], A::CollocateWindow(1), "collocates: a word more each side", None),
    fixed("minimum-less", &[M::Study], &[Key::Plain(K::Char('-'))], A::CollocateMinimum(-1), "collocates: found near the hits one time less at least", None),
    fixed("minimum-more", &[M::Study], &[Key::Plain(K::Char('+'))], A::CollocateMinimum(1), "collocates: found near the hits one time more at least", None),
    fixed("stoplist", &[M::Study], &[Key::Plain(K::Char('x'))], A::CollocateStoplist, "collocates: leave out the English stop-list's words (or not)", None),
    fixed("counts-order", &[M::Study], &[Key::Plain(K::Char('o'))], A::CountsOrder, "counts: order by the next column (group, documents, hits, per million, group size)", None),
    fixed("cite", &[M::Study], &[Key::Plain(K::Char('c'))], A::CopyCitation, "copy the hit's whole sentence with title, path and line (OSC 52), as the citation format says", Some("cite")),
    fixed("citation-format", &[M::Study], &[Key::Plain(K::Char('C'))], A::CitationFormat, "the next citation format: plain, markdown, bibtex", None),
    fixed("study-export", &[M::Study], &[Key::Plain(K::Char('w'))], A::Export, "export what is shown to a file", Some("export")),
    fixed("study-help", &[M::Study], &[Key::Plain(K::Char('?'))], A::ToggleHelp, "show this help", None),
    fixed("study-back", &[M::Study], &[Key::Plain(K::Esc), Key::Plain(K::Char('q')), Key::Plain(K::Left)], A::StudyBack, "back (to the view before, or the list)", Some("back")),
    // The reader.
    fixed("scroll-down", &[M::Reader], &[Key::Plain(K::Char('j')), Key::Plain(K::Down)], A::ScrollLines(1), "scroll down a line", None),
    fixed("scroll-up", &[M::Reader], &[Key::Plain(K::Char('k')), Key::Plain(K::Up)], A::ScrollLines(-1), "scroll up a line", None),
    fixed("page-down", &[M::Reader], &[Key::Plain(K::Char(' ')), Key::Plain(K::PageDown)], A::ScrollPages(1), "scroll down a page", Some("page")),
    fixed("page-up", &[M::Reader], &[Key::Plain(K::Char('b')), Key::Plain(K::PageUp)], A::ScrollPages(-1), "scroll up a page", None),
    fixed("half-page-down", &[M::Reader], &[Key::Ctrl('d')], A::ScrollHalfPages(1), "scroll down half a page", None),
    fixed("half-page-up", &[M::Reader], &[Key::Ctrl('u')], A::ScrollHalfPages(-1), "scroll up half a page", None),
    fixed("top", &[M::Reader], &[Key::Plain(K::Char('g')), Key::Plain(K::Home)], A::ScrollToTop, "go to the top", None),
    fixed("end", &[M::Reader], &[Key::Plain(K::Char('G')), Key::Plain(K::End)], A::ScrollToEnd, "go to the end", None),
    fixed("search", &[M::Reader], &[Key::Plain(K::Char('/'))], A::SearchStart, "search in the document", Some("search")),
    fixed("next-match", &[M::Reader], &[Key::Plain(K::Char('n'))], A::SearchNext, "go to the next match", Some("next")),
    fixed("previous-match", &[M::Reader], &[Key::Plain(K::Char('N'))], A::SearchPrevious, "go to the previous match", None),
    fixed("add-keyword", &[M::Reader], &[Key::Plain(K::Char('+'))], A::AddKeyword, "keep the search term (or the query's last word) highlighted, as a keyword", None),
    fixed("reader-tag", &[M::Reader], &[Key::Plain(K::Char('t'))], A::AskTag, "tag the document (the same tag again takes it off)", None),
    fixed("reader-note", &[M::Reader], &[Key::Plain(K::Char('a'))], A::AskNote, "write a note on the document (shown in its header)", None),
    fixed("reader-copies", &[M::Reader], &[Key::Plain(K::Char('v'))], A::ShowView(StudyKind::Copies), "the document beside a copy of it, the words they differ by marked (s: the next copy)", None),
    fixed("reader-alike", &[M::Reader], &[Key::Plain(K::Char('l'))], A::ShowView(StudyKind::Alike), "documents like this one, by the words that distinguish it", None),
    fixed("copy-path", &[M::Reader], &[Key::Plain(K::Char('y'))], A::CopyPath, "copy the document's absolute path to the clipboard (OSC 52: works over SSH)", None),
    fixed("copy-title", &[M::Reader], &[Key::Plain(K::Char('Y'))], A::CopyTitle, "copy the document's title to the clipboard", None),
    fixed("edit", &[M::Reader], &[Key::Plain(K::Char('e'))], A::Edit, "edit the document in $VISUAL or $EDITOR, at the line on screen", None),
    fixed("pager", &[M::Reader], &[Key::Plain(K::Char('o'))], A::Page, "open the document in $PAGER (less)", None),
    fixed("reader-accept", &[M::Reader], &[Key::Ctrl('o')], A::Accept, "print the marked paths (or this one) and quit", None),
    fixed("read-next", &[M::Reader], &[Key::Ctrl('n')], A::SelectNext, "read the next document in the list", None),
    fixed("read-previous", &[M::Reader], &[Key::Ctrl('p')], A::SelectPrevious, "read the previous document in the list", None),
    fixed("next-document-hits", &[M::Reader], &[Key::Plain(K::Char(']'))], A::NextDocumentWithHits, "text mode: the next document with hits, at its first hit", None),
    fixed("previous-document-hits", &[M::Reader], &[Key::Plain(K::Char('['))], A::PreviousDocumentWithHits, "text mode: the previous document with hits, at its last hit", None),
    fixed("reader-help", &[M::Reader], &[Key::Plain(K::Char('?'))], A::ToggleHelp, "show this help", None),
    fixed("back", &[M::Reader], &[Key::Plain(K::Esc), Key::Plain(K::Char('q')), Key::Plain(K::Left)], A::CloseReader, "back to the list", Some("back")),
    // The search prompt inside the reader.
    fixed("search-submit", &[M::SearchPrompt], &[Key::Plain(K::Enter)], A::SearchSubmit, "search (an empty prompt repeats the last search)", Some("search")),
    fixed("search-cancel", &[M::SearchPrompt], &[Key::Plain(K::Esc)], A::SearchCancel, "cancel the search", Some("cancel")),
    fixed("search-backspace", &[M::SearchPrompt], &[Key::Plain(K::Backspace)], A::SearchBackspace, "delete the last character", None),
    Binding {
        name: "",
        modes: &[M::SearchPrompt],
        keys: &[Key::AnyChar],
        bound: Bound::WithChar(A::SearchInsert),
        help: "type what to find, as in text mode: word 'word' \"a phrase\" ^start end$ a | b word* /regex/ a NEAR/5 b",
        hint: None,
    },
    // The help and the skipped-files list.
    fixed("overlay-down", &[M::Overlay], &[Key::Plain(K::Char('j')), Key::Plain(K::Down)], A::OverlayScroll(1), "scroll down", None),
    fixed("overlay-up", &[M::Overlay], &[Key::Plain(K::Char('k')), Key::Plain(K::Up)], A::OverlayScroll(-1), "scroll up", None),
    fixed("overlay-page-down", &[M::Overlay], &[Key::Plain(K::Char(' ')), Key::Plain(K::PageDown)], A::OverlayScroll(10), "scroll down ten lines", None),
    fixed("overlay-page-up", &[M::Overlay], &[Key::Plain(K::Char('b')), Key::Plain(K::PageUp)], A::OverlayScroll(-10), "scroll up ten lines", None),
    fixed("overlay-top", &[M::Overlay], &[Key::Plain(K::Char('g')), Key::Plain(K::Home)], A::OverlayScroll(i32::MIN), "to the top", None),
    fixed("overlay-end", &[M::Overlay], &[Key::Plain(K::Char('G')), Key::Plain(K::End)], A::OverlayScroll(i32::MAX), "to the end", None),
    fixed("overlay-close", &[M::Overlay], &[Key::Plain(K::Esc), Key::Plain(K::Char('q'))], A::CloseOverlay, "close", Some("close")),
];
