//! A PDF's pages in its extracted text: each starts after a line holding a form feed alone
//! (as `pdftotext` marks them), which no word, search or count sees; the reader shows that
//! line as the page's header (`── p. 12 ──`), and a position in the text knows its page
//! (`p. 12` in the reader's bar and in citations).

/// What a page's first line is: a form feed alone.
pub(crate) const PAGE_BREAK: &str = "\u{c}\n";

/// Where each page break line starts in `text`, in order (empty for a text without pages).
pub(crate) fn page_breaks(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\x0c', bytes)
        .filter(|&at| {
            (at == 0 || bytes[at - 1] == b'\n') && matches!(bytes.get(at + 1), None | Some(b'\n'))
        })
        .map(|at| at as u64)
        .collect()
}

/// The page that byte `at` is on, given the text's page breaks: the number of breaks at or
/// before it; None before the first (or in a text without pages).
pub(crate) fn page_at(breaks: &[u64], at: u64) -> Option<u32> {
    let page = breaks.partition_point(|&start| start <= at);
    (page > 0).then(|| u32::try_from(page).unwrap_or(u32::MAX))
}

/// How the reader shows page `number`'s break line.
pub(crate) fn page_header(number: u32) -> String {
    format!("── p. {number} ──")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_knows_its_page() {
        let text = format!("{PAGE_BREAK}one\n{PAGE_BREAK}two \u{c} inline\n");
        let breaks = page_breaks(&text);
        assert_eq!(breaks, vec![0, 6]);
        assert_eq!(page_at(&breaks, 0), Some(1));
        assert_eq!(page_at(&breaks, 3), Some(1));
        assert_eq!(page_at(&breaks, 10), Some(2));
        assert_eq!(page_at(&page_breaks("plain text"), 5), None);
    }
}
