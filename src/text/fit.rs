//! Cutting text to a number of terminal columns without splitting a grapheme cluster or a wide
//! character in half.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// The longest prefix of `text` (as a byte length) that fits in `columns` columns.
pub(crate) fn prefix_fitting(text: &str, columns: usize) -> usize {
    let mut used = 0;
    for (start, grapheme) in text.grapheme_indices(true) {
        let w = grapheme.width();
        if used + w > columns {
            return start;
        }
        used += w;
    }
    text.len()
}

/// Where the longest suffix of `text` that fits in `columns` columns starts (a byte offset).
/// It costs what fits, not the whole text: a line being typed shows its end, however long.
pub(crate) fn suffix_fitting(text: &str, columns: usize) -> usize {
    let mut used = 0;
    let mut start = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > columns {
            break;
        }
        start = at;
    }
    start
}

/// The end of a line being typed, made safe to show and cut to `columns` columns.
pub(crate) fn typed_tail(text: &str, columns: usize) -> String {
    let tail = &text[suffix_fitting(text, columns)..];
    let shown = crate::text::sanitize::sanitize_line(tail);
    shown[suffix_fitting(&shown, columns)..].to_string()
}

/// `text` cut to `columns` columns, ending in `…` when something had to go.
pub(crate) fn truncate_with_ellipsis(text: &str, columns: usize) -> String {
    if text.width() <= columns {
        return text.to_string();
    }
    if columns == 0 {
        return String::new();
    }
    let end = prefix_fitting(text, columns - 1);
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_of_a_typed_line_is_what_fits() {
        assert_eq!(typed_tail("tax claim", 5), "claim");
        assert_eq!(typed_tail("日本語", 4), "本語");
        assert_eq!(typed_tail("ab\u{7}", 2), "b␇");
        assert_eq!(typed_tail("", 3), "");
        let long = "word ".repeat(100_000);
        assert_eq!(typed_tail(&long, 9), "ord word ");
    }

    #[test]
    fn prefix_never_splits_wide_characters() {
        assert_eq!(prefix_fitting("中文字", 3), "中".len());
        assert_eq!(prefix_fitting("中文字", 4), "中文".len());
        assert_eq!(prefix_fitting("abc", 10), 3);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate_with_ellipsis("hello world", 8), "hello w…");
        assert_eq!(truncate_with_ellipsis("hello", 5), "hello");
        assert_eq!(truncate_with_ellipsis("中文字", 4), "中…");
        assert_eq!(truncate_with_ellipsis("abc", 0), "");
    }
}
