//! Dates as documents write them, made `YYYY-MM-DD` as folio keeps dates: the ISO prefix
//! front matter, a `date` line and records use, and the forms of the formats folio extracts
//! (ISO 8601 in HTML meta tags, DOCX/ODT/EPUB properties and XMP; `2021/03/04`; PDF's
//! `D:20210304…`).

/// The `YYYY-MM-DD` at the start of `text`, if it is a plausible calendar date.
pub(crate) fn iso_date_prefix(text: &str) -> Option<String> {
    let candidate = text.get(..10)?;
    let bytes = candidate.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if !(digits_at(0..4)
        && bytes[4] == b'-'
        && digits_at(5..7)
        && bytes[7] == b'-'
        && digits_at(8..10))
    {
        return None;
    }
    let month: u32 = candidate[5..7].parse().ok()?;
    let day: u32 = candidate[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| candidate.to_string())
}

/// The calendar date at the start of `text`, if it is one of the forms above.
pub(crate) fn iso(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix("D:").unwrap_or(text);
    if let Some(date) = iso_date_prefix(text) {
        return Some(date);
    }
    let bytes = text.as_bytes();
    // 2021/03/04 or 2021.03.04
    if bytes.len() >= 10 && matches!(bytes[4], b'/' | b'.') && bytes[7] == bytes[4] {
        return iso_date_prefix(&format!("{}-{}-{}", &text[..4], &text[5..7], &text[8..10]));
    }
    // 20210304 (PDF dates, compact ISO).
    if bytes.len() >= 8 && bytes[..8].iter().all(u8::is_ascii_digit) {
        return iso_date_prefix(&format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..8]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::iso;

    #[test]
    fn the_forms_the_formats_write() {
        assert_eq!(iso("2021-03-04T10:00:00Z").as_deref(), Some("2021-03-04"));
        assert_eq!(
            iso(" D:20210304101010+01'00'").as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(iso("2021/03/04").as_deref(), Some("2021-03-04"));
        assert_eq!(iso("20211304"), None);
        assert_eq!(iso("yesterday"), None);
    }
}
