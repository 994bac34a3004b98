//! Text laid out in columns, as the study views' tables and the status bar show figures:
//! numbers with thousands separators, and text cut or padded to a number of columns (by
//! display width, so CJK and accents line up).

use super::fit::{prefix_fitting, suffix_fitting, width};

/// `41200` as `41,200`.
pub(crate) fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `s` for a count other than one: `3 hits`, `1 hit`.
pub(crate) fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// `text` cut or padded to exactly `columns` columns, on the left (`right`) or the right.
pub(crate) fn pad(text: &str, columns: usize, right: bool) -> String {
    let cut = match right {
        true => &text[suffix_fitting(text, columns)..],
        false => &text[..prefix_fitting(text, columns)],
    };
    let room = " ".repeat(columns.saturating_sub(width(cut)));
    match right {
        true => format!("{room}{cut}"),
        false => format!("{cut}{room}"),
    }
}

/// The columns a column of `numbers` (written with thousands separators) needs under the
/// heading `name`: the widest of them, or the name.
pub(crate) fn number_width(numbers: impl Iterator<Item = usize>, name: &str) -> usize {
    let widest = numbers.max().map_or(0, |most| thousands(most).len());
    widest.max(width(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(41200), "41,200");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn text_is_padded_and_cut_by_display_width() {
        assert_eq!(pad("東京", 6, false), "東京  ");
        assert_eq!(pad("東京", 6, true), "  東京");
        assert_eq!(pad("abcdef", 3, true), "def");
        assert_eq!(pad("abcdef", 3, false), "abc");
    }
}
