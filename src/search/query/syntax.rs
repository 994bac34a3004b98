//! The query language described once, as a table of its forms and what each does to titles
//! and to text: the help overlay shows it, and a test checks the README's copy against it.

/// One row of the query language's table: the form, what it does to titles, what it does to
/// text (text mode, `--search`, the reader's `/`).
pub struct SyntaxRow {
    pub form: &'static str,
    pub titles: &'static str,
    pub text: &'static str,
}

/// The query language, described once for the help overlay and the README (a test checks
/// the README's table against it).
pub const SYNTAX: &[SyntaxRow] = &[
    row("word", "fuzzy (a substring in exact mode)", "a substring"),
    row("'word", "a substring (fuzzy in exact mode)", "a substring"),
    row("'word'", "a whole word", "a whole word"),
    row(
        "\"two words\"",
        "that exact text",
        "the words in order, across spaces or one line break",
    ),
    row(
        "word* *word w?rd",
        "a whole word like it (* any letters, ? one)",
        "whole words like it, from the word index's vocabulary",
    ),
    row(
        "/regex/",
        "a regular expression (the regex crate's syntax)",
        "a regular expression, matched within a line",
    ),
    row(
        "a NEAR/5 b",
        "both within 5 words, in either order",
        "both (whole words or wildcards) within 5 words, either order, in one paragraph",
    ),
    row(
        "\"a b c\"~5",
        "each word, at most 5 other words among them",
        "each word, at most 5 other words among them, in one paragraph",
    ),
    row("^word", "at the start", "at the start of a line"),
    row("word$", "at the end", "at the end of a line"),
    row("^words$", "the whole title", "a whole line"),
    row(
        "!term",
        "titles without it (exact)",
        "documents without it (ignored by /)",
    ),
    row("a | b", "either", "either"),
    row("a\\ b", "a space inside a term", "a space inside a term"),
    row(
        "$ ! ' ^ |",
        "alone: that very text",
        "alone: that very text",
    ),
    row(
        "Word",
        "a capital makes the term case-sensitive",
        "a capital makes the term case-sensitive",
    ),
];

const fn row(form: &'static str, titles: &'static str, text: &'static str) -> SyntaxRow {
    SyntaxRow { form, titles, text }
}
