//! A PDF's pages in its extracted text: each starts with a line of its own, `── p. 12 ──`,
//! which the reader shows as the page's header, and from which a position in the text knows
//! its page (`p. 12` in the concordance and citations).

/// What a page's header line starts with; the page number and ` ──` follow.
pub(crate) const PAGE_MARK: &str = "── p. ";

/// The header line of page `number`.
pub(crate) fn page_header(number: usize) -> String {
    format!("{PAGE_MARK}{number} ──\n")
}

/// The page that byte `at` of an extracted text is on: the last header line before it (or
/// the one starting at its line); None for a text without pages.
pub(crate) fn page_at(text: &str, at: usize) -> Option<u32> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_end = text[at..].find('\n').map_or(text.len(), |end| at + end);
    let before = &text[..line_end];
    let mut search = before;
    loop {
        let start = search.rfind(PAGE_MARK)?;
        // A header is a line of its own.
        if start == 0 || before.as_bytes()[start - 1] == b'\n' {
            let digits: String = before[start + PAGE_MARK.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(page) = digits.parse() {
                return Some(page);
            }
        }
        search = &search[..start];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_knows_its_page() {
        let text = format!(
            "{}one\n{}two ── p. 9 ── inline\n",
            page_header(1),
            page_header(2)
        );
        assert_eq!(page_at(&text, 0), Some(1));
        assert_eq!(page_at(&text, 2), Some(1));
        assert_eq!(page_at(&text, text.find("one").unwrap_or(0)), Some(1));
        assert_eq!(page_at(&text, text.find("inline").unwrap_or(0)), Some(2));
        assert_eq!(page_at("plain text", 5), None);
    }
}
