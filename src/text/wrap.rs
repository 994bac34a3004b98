//! Word wrapping of one sanitized line into screen rows, by display width: breaks at spaces,
//! lets CJK and other wide characters break anywhere, and splits words longer than a row.
//!
//! Rows are byte ranges into the line, so highlight ranges computed on the line apply to the
//! rows directly and ratatui is only ever handed the visible slices.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Wraps `line` into rows of at most `width` columns (a single grapheme wider than `width` still
/// gets a row of its own). An empty line yields one empty row. Spaces at a break are dropped.
pub fn wrap_line(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    // Most lines are ASCII and fit: one column per byte, one row, no segmenting needed.
    if line.len() <= width && line.is_ascii() {
        let only_row = 0..line.trim_end_matches(' ').len();
        return vec![only_row];
    }
    wrap_graphemes(line, width)
}

/// The general case of [`wrap_line`], grapheme by grapheme.
fn wrap_graphemes(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = RowBuilder::default();
    for token in tokens(line) {
        let token_width = line[token.range.clone()].width();
        if token.kind == TokenKind::Space {
            if row.used + token_width <= width {
                row.push(&token.range, token_width, false);
            } else {
                // The break happens inside this run of spaces: it is swallowed.
                rows.push(row.finish());
                row = RowBuilder::starting_at(token.range.end);
            }
            continue;
        }
        if row.used + token_width <= width {
            row.push(&token.range, token_width, true);
            continue;
        }
        // The token goes on a fresh row; a word wider than a whole row is then split.
        if row.used > 0 {
            rows.push(row.finish());
            row = RowBuilder::starting_at(token.range.start);
        }
        if token_width <= width {
            row.push(&token.range, token_width, true);
            continue;
        }
        for (offset, unit) in split_units(&line[token.range.clone()], width) {
            let start = token.range.start + offset;
            let range = start..start + unit.len();
            let w = unit.width();
            if row.used + w > width && row.used > 0 {
                rows.push(row.finish());
                row = RowBuilder::starting_at(start);
            }
            row.push(&range, w, true);
        }
    }
    rows.push(row.finish());
    rows
}

/// The pieces a too-long word is split into: grapheme clusters, except that a cluster wider
/// than a whole row (a wide character carrying a spacing mark, as fuzzing found) is split
/// into its chars rather than overflow the pane.
fn split_units(word: &str, width: usize) -> Vec<(usize, &str)> {
    if word.is_ascii() {
        return (0..word.len()).map(|at| (at, &word[at..at + 1])).collect();
    }
    word.grapheme_indices(true)
        .flat_map(|(at, grapheme)| {
            if grapheme.width() <= width {
                vec![(at, grapheme)]
            } else {
                grapheme
                    .char_indices()
                    .map(|(i, c)| (at + i, &grapheme[i..i + c.len_utf8()]))
                    .collect()
            }
        })
        .collect()
}

#[derive(Default)]
struct RowBuilder {
    start: usize,
    /// End of the last non-space content, so trailing spaces at a break are not kept.
    content_end: usize,
    used: usize,
}

impl RowBuilder {
    fn starting_at(start: usize) -> Self {
        RowBuilder {
            start,
            content_end: start,
            used: 0,
        }
    }

    fn push(&mut self, range: &Range<usize>, width: usize, is_content: bool) {
        self.used += width;
        if is_content {
            self.content_end = range.end;
        }
    }

    /// Closes the row without its trailing spaces: they are invisible, and dropping them keeps
    /// a break from pushing a space onto the next row.
    fn finish(self) -> Range<usize> {
        self.start..self.content_end
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TokenKind {
    Space,
    Word,
    /// One wide grapheme (CJK ideograph, emoji): a line may break on either side of it.
    Wide,
}

#[derive(Debug)]
struct Token {
    kind: TokenKind,
    range: Range<usize>,
}

fn tokens(line: &str) -> Vec<Token> {
    if line.is_ascii() {
        return ascii_tokens(line);
    }
    let mut tokens: Vec<Token> = Vec::new();
    for (start, grapheme) in line.grapheme_indices(true) {
        let kind = if grapheme.chars().all(char::is_whitespace) {
            TokenKind::Space
        } else if grapheme.width() >= 2 {
            TokenKind::Wide
        } else {
            TokenKind::Word
        };
        let end = start + grapheme.len();
        match tokens.last_mut() {
            Some(last) if last.kind == kind && kind != TokenKind::Wide => last.range.end = end,
            _ => tokens.push(Token {
                kind,
                range: start..end,
            }),
        }
    }
    tokens
}

/// [`tokens`] for ASCII text, where every byte is a grapheme one column wide (sanitized text
/// holds no control characters): a byte scan instead of grapheme segmentation, which is
/// what made opening a 200 MB book slow.
fn ascii_tokens(line: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for (at, byte) in line.bytes().enumerate() {
        let kind = if byte.is_ascii_whitespace() {
            TokenKind::Space
        } else {
            TokenKind::Word
        };
        match tokens.last_mut() {
            Some(last) if last.kind == kind => last.range.end = at + 1,
            _ => tokens.push(Token {
                kind,
                range: at..at + 1,
            }),
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(line: &str, width: usize) -> Vec<&str> {
        wrap_line(line, width)
            .into_iter()
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(
            wrapped("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn a_line_that_fits_is_one_row() {
        assert_eq!(wrapped("short", 80), vec!["short"]);
        assert_eq!(wrapped("", 80), vec![""]);
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(wrapped("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("a abcdefghij", 4), vec!["a", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn cjk_breaks_between_any_two_characters() {
        assert_eq!(
            wrapped("中文没有空格的句子", 6),
            vec!["中文没", "有空格", "的句子"]
        );
        assert_eq!(wrapped("ab中文", 5), vec!["ab中", "文"]);
    }

    #[test]
    fn the_ascii_fast_paths_agree_with_grapheme_segmentation() {
        let lines = [
            "",
            "   ",
            "fits exactly",
            "trailing   ",
            "  lead",
            "a b",
            "x",
            "a longword  and more words here",
        ];
        for line in lines {
            let by_graphemes: Vec<Token> =
                line.grapheme_indices(true)
                    .fold(Vec::new(), |mut tokens: Vec<Token>, (at, g)| {
                        let kind = if g.chars().all(char::is_whitespace) {
                            TokenKind::Space
                        } else {
                            TokenKind::Word
                        };
                        match tokens.last_mut() {
                            Some(last) if last.kind == kind => last.range.end = at + g.len(),
                            _ => tokens.push(Token {
                                kind,
                                range: at..at + g.len(),
                            }),
                        }
                        tokens
                    });
            let by_bytes = ascii_tokens(line);
            assert_eq!(
                format!("{by_bytes:?}"),
                format!("{by_graphemes:?}"),
                "{line:?}"
            );
            for width in 1..16 {
                assert_eq!(
                    wrap_line(line, width),
                    wrap_graphemes(line, width),
                    "{line:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn leading_indentation_is_kept() {
        assert_eq!(
            wrapped("    indented text", 12),
            vec!["    indented", "text"]
        );
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let line = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(wrapped(line, 2), vec!["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn a_cluster_wider_than_the_row_is_split() {
        // U+FF9F extends the grapheme of the wide character before it: 3 columns in all.
        assert_eq!(wrapped("ab覧\u{ff9f}c", 2), vec!["ab", "覧", "\u{ff9f}c"]);
    }

    #[test]
    fn rows_never_exceed_the_width() {
        let text = "Lorem ipsum dolor sit amet, 中文 consectetur adipiscing elit   sed do";
        for width in 2..40 {
            for row in wrapped(text, width) {
                assert!(row.width() <= width, "{row:?} wider than {width}");
            }
        }
    }
}
