//! The text a markup format's reader writes (HTML, DOCX, ODT, EPUB): runs of white space
//! within a paragraph become one space as a browser shows them, block ends become blank
//! lines, and the text stops at [`limits::TEXT_BYTES`] with a note.

use super::limits;

/// Text being written, paragraph by paragraph.
#[derive(Default)]
pub(crate) struct TextOut {
    text: String,
    /// A space is owed before the next word (white space was seen since the last one).
    space: bool,
    /// Set once the text reached its bound: what comes after is dropped.
    full: bool,
}

impl TextOut {
    /// Adds text as a browser shows it: white space runs collapse to one space.
    pub(crate) fn words(&mut self, text: &str) {
        for (index, word) in text.split(char::is_whitespace).enumerate() {
            if index > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.at_line_start() {
                self.push(" ");
            }
            self.space = false;
            self.push(word);
        }
    }

    /// Adds text as it is (preformatted), lines kept.
    pub(crate) fn verbatim(&mut self, text: &str) {
        if self.space && !self.at_line_start() {
            self.push(" ");
        }
        self.space = false;
        self.push(text);
    }

    /// Ends the line (`<br>`, a table row).
    pub(crate) fn line_break(&mut self) {
        if !self.text.is_empty() {
            self.push("\n");
        }
        self.space = false;
    }

    /// A tab between table cells, or one the document has.
    pub(crate) fn tab(&mut self) {
        if !self.at_line_start() {
            self.push("\t");
        }
        self.space = false;
    }

    /// Ends the paragraph: a blank line before whatever comes next.
    pub(crate) fn paragraph(&mut self) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let breaks = if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.push(breaks);
        self.space = false;
    }

    /// True once the text has reached its bound.
    pub(crate) fn is_full(&self) -> bool {
        self.full
    }

    /// The text written.
    pub(crate) fn finish(mut self) -> String {
        if self.full {
            self.text.push_str(&cut_note());
        }
        self.text
    }

    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n') || self.text.ends_with('\t')
    }

    fn push(&mut self, piece: &str) {
        if self.full {
            return;
        }
        if self.text.len() + piece.len() > limits::TEXT_BYTES {
            self.full = true;
            return;
        }
        self.text.push_str(piece);
    }
}

/// The note ending a text cut at its bound.
pub(crate) fn cut_note() -> String {
    format!(
        "\n\n[folio: the text stops here, at {} MiB]\n",
        limits::TEXT_BYTES >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_collapse_and_paragraphs_are_blank_lines() {
        let mut out = TextOut::default();
        out.words("  Hello \n  big ");
        out.words("world");
        out.paragraph();
        out.paragraph();
        out.words("Next");
        out.line_break();
        out.words("line");
        assert_eq!(out.finish(), "Hello big world\n\nNext\nline");
    }

    #[test]
    fn words_split_by_tags_stay_joined() {
        let mut out = TextOut::default();
        out.words("bold");
        out.words("er and ");
        out.words("more");
        assert_eq!(out.finish(), "bolder and more");
    }
}
