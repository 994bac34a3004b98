//! The reader's header: the title, the path, and a line of facts about the document.

use super::LineKind;
use crate::corpus::Doc;
use crate::corpus::read::Stamp;
use crate::corpus::source::Source;
use crate::text::columns::human_size;
use crate::text::keywords::WordSet;
use crate::text::sanitize::sanitize_line;
use std::path::Path;

/// What the header says besides the document's listing.
pub(super) struct Facts<'a> {
    /// Words in the text, when it was read whole.
    pub words: Option<usize>,
    /// The file's size and last change now, when it changed on disk since it was listed.
    pub changed: Option<Stamp>,
    /// A record's other fields, as `name: value`.
    pub metadata: &'a [String],
    /// The keywords and how often each occurs, when the text was read whole.
    pub keyword_counts: Option<(&'a [String], &'a [usize])>,
    /// What the user said of the document: its tags and note (`tags: #fraud · note: …`).
    pub note: Option<&'a str>,
}

/// The header's lines: title, path, facts, keyword counts, any metadata, and the rule.
pub(super) fn lines(meta: Doc<'_>, root: &Path, facts: &Facts) -> Vec<(String, LineKind)> {
    let mut lines = vec![
        (meta.title().to_string(), LineKind::Title),
        (meta.display_path().into_owned(), LineKind::Meta),
        (sanitize_line(&describe(meta, root, facts)), LineKind::Meta),
    ];
    if let Some(note) = facts.note {
        lines.push((sanitize_line(note), LineKind::Meta));
    }
    if let Some((keywords, counts)) = facts.keyword_counts.filter(|(k, _)| !k.is_empty()) {
        lines.push((
            sanitize_line(&keyword_counts(keywords, counts)),
            LineKind::Meta,
        ));
    }
    lines.extend(
        facts
            .metadata
            .iter()
            .map(|line| (sanitize_line(line), LineKind::Meta)),
    );
    lines.push((String::new(), LineKind::Rule));
    lines
}

/// The header in one line, for a short pane: the path and the facts (the title is in the
/// reader's bar already).
pub(super) fn compact(lines: &[(String, LineKind)]) -> Vec<(String, LineKind)> {
    let meta: Vec<&str> = lines
        .iter()
        .filter(|(_, kind)| *kind == LineKind::Meta)
        .take(2)
        .map(|(text, _)| text.as_str())
        .collect();
    vec![(meta.join(" · "), LineKind::Meta)]
}

/// Keywords listed with their counts in the header: a few are all listed, each with its count
/// (0 says as much as any); of many, those found, up to this many.
const LISTED_KEYWORDS: usize = 12;

/// The header's keyword line: `fraud 3 · tax 0`, or for many keywords those found.
fn keyword_counts(keywords: &[String], counts: &[usize]) -> String {
    let each = keywords.iter().zip(counts);
    if keywords.len() <= LISTED_KEYWORDS {
        let all: Vec<String> = each
            .map(|(word, count)| format!("{word} {count}"))
            .collect();
        return all.join(" · ");
    }
    let found: Vec<String> = each
        .filter(|(_, count)| **count > 0)
        .map(|(word, count)| format!("{word} {count}"))
        .collect();
    let mut parts: Vec<String> = found.iter().take(LISTED_KEYWORDS).cloned().collect();
    if found.len() > LISTED_KEYWORDS {
        parts.push("…".to_string());
    }
    parts.push(format!(
        "{} of {} keywords found",
        found.len(),
        keywords.len()
    ));
    parts.join(" · ")
}

/// How often each keyword occurs (ignoring case) in a text held in memory, found in one pass;
/// None for a text that is paged, which is not read whole.
pub(super) fn count_keywords(source: &Source, keywords: &WordSet) -> Option<Vec<usize>> {
    Some(keywords.count(source.memory_text()?))
}

/// Words in a text held in memory, as `wc -w` counts them; None for a paged one.
pub(super) fn count_words(source: &Source) -> Option<usize> {
    source
        .memory_text()
        .map(|text| text.split_whitespace().count())
}

/// The facts line: date, size, words (when counted) and folder.
fn describe(meta: Doc<'_>, root: &Path, facts: &Facts) -> String {
    let mut parts = Vec::new();
    if let Some(date) = &meta.date {
        parts.push(date.to_string());
    }
    // What is shown is the file as it is now; the listing may be older.
    match facts.changed {
        Some(now) => parts.push(format!("{} (changed on disk)", human_size(now.size))),
        None => parts.push(human_size(meta.size)),
    }
    if let Some(words) = facts.words {
        parts.push(format!("{words} words"));
    }
    // A record's place is its path's line number; a file's is its folder.
    if meta.record.is_none() {
        parts.push(format!("in {}", meta.folder(root)));
    }
    parts.join(" · ")
}
