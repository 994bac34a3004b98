//! Cutting text to a number of bytes at a character's edge: the one way a head of text (a
//! title's source, a note, the start of a document) is taken without splitting a character.

/// `text` cut to at most `limit` bytes, at a character's edge.
pub(crate) fn at_most(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::at_most;

    #[test]
    fn never_inside_a_character() {
        assert_eq!(at_most("£1bn", 1), "");
        assert_eq!(at_most("£1bn", 2), "£");
        assert_eq!(at_most("£1bn", 99), "£1bn");
    }
}
