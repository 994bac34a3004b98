//! What the user can ask for (`Action`), whichever key or mouse button expressed it, and which
//! part of the interface receives keys (`Mode`).

/// The study views, as the keys that open them name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudyKind {
    /// A document and one of its copies side by side, their differences marked.
    Copies,
    /// The documents most like one.
    Alike,
    /// Every hit of the text query with its context.
    Concordance,
    /// The text query's documents and hits by folder, year, month or field.
    Counts,
    /// The words found near the text query's hits more often than chance.
    Collocates,
    /// Every word of the subcorpus with its hits, documents and dispersion.
    WordList,
    /// The words characteristic of the subcorpus (or the query's documents) against the rest.
    Keywords,
    /// The sequences of a few words of the subcorpus, or those holding the query's words.
    Ngrams,
    /// Where in each document the text query's hits are.
    Dispersion,
    /// The queries of a batch file, a row each with its documents and hits.
    Batch,
}

impl StudyKind {
    /// True for the views made of the text query's hits, which need one.
    pub fn needs_query(self) -> bool {
        matches!(
            self,
            StudyKind::Concordance
                | StudyKind::Counts
                | StudyKind::Collocates
                | StudyKind::Dispersion
        )
    }
}

/// A user intention, independent of the key that expressed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    QueryInsert(char),
    QueryBackspace,
    QueryClear,
    QueryDeleteWord,
    /// End in the list: typing goes on at the end of the query (a restored query, shown
    /// selected, is kept rather than replaced).
    QueryEnd,
    /// Esc in the list: clear a non-empty query, quit on an empty one.
    ClearQueryOrQuit,
    SelectNext,
    SelectPrevious,
    /// Alt-p / Alt-n: an older or newer query from the history.
    HistoryBack,
    HistoryForward,
    /// The list shows only the marked documents, or everything again.
    ToggleOnlyMarked,
    /// Each cluster of copies shown and counted as one document, or every copy again.
    ToggleCollapse,
    /// `]` / `[` in the reader: the next (or previous) document with hits, at its first (or
    /// last) hit.
    NextDocumentWithHits,
    PreviousDocumentWithHits,
    SelectPageDown,
    SelectPageUp,
    OpenReader,
    CloseReader,
    ScrollLines(i32),
    ScrollPages(i32),
    ScrollHalfPages(i32),
    ScrollToTop,
    ScrollToEnd,
    SearchStart,
    SearchInsert(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
    SearchNext,
    SearchPrevious,
    /// Keep the search term (or the query's last word) highlighted as a keyword.
    AddKeyword,
    /// Sort the list in the next order: relevance, title, date, path, length.
    CycleOrder,
    /// Make the query search the documents' text instead of their titles, or back.
    ToggleSearchIn,
    /// Match plain words in titles exactly instead of fuzzily, or back.
    ToggleExact,
    /// Copy the document's path (or its title) to the local clipboard.
    CopyPath,
    CopyTitle,
    /// Open the document in `$VISUAL`/`$EDITOR` at the line on screen, or in `$PAGER`.
    Edit,
    Page,
    /// Move the selection by this many rows (the wheel over the list).
    SelectBy(i32),
    /// A click on the `n`th row of the list's items (from the top of the pane).
    ClickRow(u16),
    /// A click on the reader: it takes the keyboard.
    FocusReader,
    /// A click or a turn of the wheel on nothing it acts on: it only dismisses the status
    /// bar's note, as any key does.
    Nothing,
    /// Mark or unmark the selected document, and move down.
    ToggleMark,
    /// Print the marked documents' paths (or the selected one's) and exit.
    Accept,
    ToggleHelp,
    ToggleSkipped,
    CloseOverlay,
    OverlayScroll(i32),
    /// Ctrl-C: leave at once, with the interrupted exit status.
    Interrupt,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Show a study view of the text query.
    ShowView(StudyKind),
    /// Write the view shown (the results, a concordance, counts, collocates) to a file.
    Export,
    /// Move the selection of a study view by rows, by pages, to the top or the end.
    StudyMove(i32),
    StudyPage(i32),
    StudyTop,
    StudyEnd,
    /// Open the selected row: a hit in the reader, a collocate's concordance.
    StudyOpen,
    /// Sort the concordance in its next order, or count by the next grouping.
    StudyCycle,
    /// Copy the selected hit's sentence, title, path and line to the clipboard.
    CopyCitation,
    /// The next citation format (plain, Markdown, BibTeX-like).
    CitationFormat,
    /// Choose the subcorpus the study views are of (a prompt).
    ChooseSubcorpus,
    /// Search every query of a file, one a line (a prompt for its name).
    AskBatch,
    /// Put a tag on the marked (or selected, or read) documents, or take it off (a prompt).
    AskTag,
    /// Write the note of the document selected or read (a prompt).
    AskNote,
    /// A digit in a study view: n-grams of that many words (2–5), or the concordance line
    /// put in that category (1–9; 0 takes it out).
    StudyDigit(u8),
    /// Concordance: name a category (a prompt).
    NameCategory,
    /// Concordance: show one category's lines alone, the next each time.
    CategoryFilter,
    /// Concordance: a random sample of the lines (a prompt for how many and the seed).
    SampleLines,
    /// Concordance: sort by levels written (a prompt: `1R 2R 1L`).
    SortLevels,
    /// Move the column chosen in the dispersion plot.
    StudyColumn(i8),
    /// Collocates: a window a word wider or narrower; a minimum one more or less; the English
    /// stop-list on or off.
    CollocateWindow(i8),
    CollocateMinimum(i8),
    CollocateStoplist,
    /// Counts: order the rows by the next column.
    CountsOrder,
    /// Back from a study view: to the one it was opened from, or the list.
    StudyBack,
}

/// Which part of the interface receives keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    List,
    Reader,
    SearchPrompt,
    /// The help or the skipped-files list is shown over the panes.
    Overlay,
    /// A concordance, counts or collocates take the screen.
    Study,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::List => "List",
            Mode::Reader => "Reader",
            Mode::SearchPrompt => "Prompt (search, export, subcorpus)",
            Mode::Overlay => "Help and skipped files",
            Mode::Study => "Study views",
        }
    }
}
