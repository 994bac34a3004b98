//! The passage shown for a document found by content search: its line with the most distinct
//! terms (then the most hits), cut to a readable length around the first hit.

use super::terms::{Chunk, ContentTerm};
use crate::corpus::store::DocStore;
use crate::text::sanitize::sanitize_line;

/// How much of a file is read for its passage: the rows on screen read theirs as they are
/// drawn, so a screen of big files costs a few megabytes at most.
const PASSAGE_BYTES: usize = 256 << 10;

/// The best passage of document `index` for a query's `groups`, found in the start of its
/// text (at most `PASSAGE_BYTES` of a file); empty when none is there or it cannot be read.
/// The list's text mode makes these only for the rows it shows.
pub fn passage_of(docs: &DocStore, index: usize, groups: &[Vec<ContentTerm>]) -> String {
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    docs.head_text(index, PASSAGE_BYTES)
        .map(|text| best(&Chunk::new(&text), &terms))
        .unwrap_or_default()
}

/// The longest passage, in characters.
const PASSAGE_CHARS: usize = 160;

/// The best line of `chunk` for `terms`, sanitized; empty when no line has a hit.
pub fn best(chunk: &Chunk, terms: &[&ContentTerm]) -> String {
    let positive: Vec<&&ContentTerm> = terms.iter().filter(|term| !term.negated).collect();
    // Lowercasing keeps line breaks, so line N of the copy is line N of the text.
    let lines = chunk.text.split('\n').zip(chunk.lower.split('\n'));
    let mut best: Option<((usize, usize), &str, &str)> = None;
    for (line, lower) in lines {
        let counts: Vec<usize> = positive
            .iter()
            .map(|term| term.count_in(line, lower))
            .collect();
        let key = (
            counts.iter().filter(|&&c| c > 0).count(),
            counts.iter().sum(),
        );
        if key.0 > 0 && best.is_none_or(|(best_key, _, _)| key > best_key) {
            best = Some((key, line, lower));
        }
    }
    let Some((_, line, _)) = best else {
        return String::new();
    };
    let first_hit = positive
        .iter()
        .filter_map(|term| term.find_in(line))
        .min()
        .unwrap_or(0);
    sanitize_line(around(line, first_hit).trim())
}

/// At most `PASSAGE_CHARS` of `line`, starting a little before byte `at`, with `…` where cut.
fn around(line: &str, at: usize) -> String {
    if line.chars().count() <= PASSAGE_CHARS {
        return line.to_string();
    }
    let mut start = at.min(line.len()).saturating_sub(40);
    let at = (0..=at.min(line.len()))
        .rev()
        .find(|&at| line.is_char_boundary(at))
        .unwrap_or(0);
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    // Begin at a word rather than inside one.
    if let Some(space) = line[start..at.min(line.len()).max(start)].find(' ') {
        start += space + 1;
    }
    let text: String = line[start..].chars().take(PASSAGE_CHARS).collect();
    let cut_end = start + text.len() < line.len();
    format!(
        "{}{text}{}",
        if start > 0 { "…" } else { "" },
        if cut_end { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;
    use crate::search::text::terms::content_terms;

    fn passage(text: &str, query: &str) -> String {
        let groups = content_terms(&Query::parse(query));
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        best(&Chunk::new(text), &terms)
    }

    #[test]
    fn the_line_with_most_distinct_terms_wins_then_most_hits() {
        let text = "war war war here.\nwar and peace.\npeace, peace.\n";
        assert_eq!(passage(text, "war peace"), "war and peace.");
        assert_eq!(passage(text, "war"), "war war war here.");
        // Negated terms choose nothing.
        assert_eq!(passage(text, "peace !war"), "peace, peace.");
        assert_eq!(passage(text, "treaty"), "");
    }

    #[test]
    fn a_long_line_is_cut_around_its_first_hit_at_a_word() {
        let line = format!(
            "{} the treaty was signed {}",
            "word ".repeat(60),
            "more ".repeat(60)
        );
        let cut = passage(&line, "treaty");
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("the treaty was signed"), "{cut}");
        assert!(cut.chars().count() <= PASSAGE_CHARS + 2);
        assert!(cut[cut.char_indices().nth(1).map_or(0, |(at, _)| at)..].starts_with("word "));
    }
}
