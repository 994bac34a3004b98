//! Text laid out in columns, as the study views' tables and the status bar show figures:
//! numbers with thousands separators, sizes as people read them, and text cut or padded to a number of columns (by
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

/// Sizes as people read them: 812 B, 3.1 KiB, 45 MiB.
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
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
    fn sizes_read_like_ls_h() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(3176), "3.1 KiB");
        assert_eq!(human_size(45 * 1024 * 1024), "45 MiB");
    }

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
