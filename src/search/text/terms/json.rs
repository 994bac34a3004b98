//! Whether a term may occur in JSON Lines records, found in their lines as they are (before
//! any record is parsed): where its needle is, and where an escape may hide one of its
//! characters. A record with no such place certainly does not hold the term in its text, so
//! a rare word is looked for in a million records at the speed of reading them.

use super::ContentTerm;
use crate::search::query::Kind;

impl crate::corpus::document_text::MayOccur for ContentTerm {
    fn may_occur_in_json(&self, line: &[u8]) -> bool {
        ContentTerm::may_occur_in_json(self, line)
    }

    fn json_candidates(&self, json: &[u8]) -> Vec<usize> {
        ContentTerm::json_candidates(self, json)
    }
}

impl ContentTerm {
    /// Whether the term may occur in the text of the JSON record whose line is `line` (its
    /// bytes as they are): false only when it certainly does not, so the record need not be
    /// parsed to count it (see [`ContentTerm::json_candidates`]).
    pub fn may_occur_in_json(&self, line: &[u8]) -> bool {
        !self.json_candidates(line).is_empty()
    }

    /// The places in `json` (lines of JSON records, as they are) that make the record holding
    /// them one where the term may occur: where its needle (a phrase's first word) is, and
    /// where an escape may hide one of its characters (`\\uXXXX` of one of them; any escape
    /// when it holds a quote, a backslash, a slash or a control character). A record with none
    /// of them certainly does not hold the term in its text. Found in the bytes whole, at the
    /// speed of a search, not record by record.
    pub fn json_candidates(&self, json: &[u8]) -> Vec<usize> {
        let core = match self.kind {
            Kind::Phrase => self.words.first().map_or("", String::as_str),
            _ => self.needle.as_str(),
        };
        // A pattern may occur in any record (as may a term that cannot be looked for so).
        let every_record = || {
            let starts = memchr::memchr_iter(b'\n', json).map(|at| at + 1);
            std::iter::once(0).chain(starts).collect()
        };
        if core.is_empty() || self.pattern.is_some() {
            return every_record();
        }
        let mut places: Vec<usize> = match &self.caseless {
            Some(caseless) => caseless.ranges(json).into_iter().map(|r| r.start).collect(),
            None if self.case_sensitive => {
                memchr::memmem::find_iter(json, core.as_bytes()).collect()
            }
            None => return every_record(),
        };
        if core.contains(|c: char| c == '"' || c == '\\' || c == '/' || c.is_control()) {
            places.extend(memchr::memchr_iter(b'\\', json));
        } else {
            // Any character escaped as `\\uXXXX` that the term holds (as it is, or ignoring
            // case: the needle is lowercase then).
            let holds = |c: char| match self.case_sensitive {
                true => core.contains(c),
                false => c.to_lowercase().any(|lower| core.contains(lower)),
            };
            places.extend(memchr::memmem::find_iter(json, b"\\u").filter(|&at| {
                let hex = json
                    .get(at + 2..at + 6)
                    .and_then(|hex| std::str::from_utf8(hex).ok());
                let unit = hex.and_then(|hex| u32::from_str_radix(hex, 16).ok());
                // A surrogate may be half of any character: it may hide one of the term's.
                unit.is_none_or(|unit| char::from_u32(unit).is_none_or(holds))
            }));
        }
        places.sort_unstable();
        places
    }
}

#[cfg(test)]
mod tests {
    use crate::search::query::Query;
    use crate::search::text::terms::content_terms;

    #[test]
    fn a_term_absent_from_a_json_line_as_it_is_is_absent_from_its_text_unless_escaped() {
        let term = |query: &str| content_terms(&Query::parse(query)).remove(0).remove(0);
        let may = |query: &str, line: &str| term(query).may_occur_in_json(line.as_bytes());
        assert!(may("yukos", r#"{"text": "the YUKOS deal"}"#));
        assert!(!may("yukos", r#"{"text": "the oil deal\nwent on"}"#));
        // Escapes may hide a character of the term: then it may occur.
        assert!(may("café", r#"{"text": "caf\u00e9 au lait"}"#));
        assert!(may("café", r#"{"text": "CAF\u00c9"}"#));
        assert!(may("yukos", r#"{"text": "Y\u0075kos"}"#));
        assert!(!may("yukos", r#"{"text": "\u00a3100 \u201cquoted\u201d"}"#));
        assert!(
            may("'war'", r#"{"text": "WAR"}"#),
            "whole words and anchors too"
        );
        assert!(
            may("\"tax claim\"", r#"{"text": "tax\nclaim"}"#),
            "a phrase by its first word"
        );
        assert!(may("a/b", r#"{"text": "a\/b"}"#), "a slash may be escaped");
        assert!(may("Kenya", r#"{"text": "Kenya"}"#) && !may("Kenya", r#"{"text": "KENYA"}"#));
    }
}
