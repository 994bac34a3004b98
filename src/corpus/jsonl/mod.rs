//! Corpora that are one JSON Lines file (`.jsonl`, `.ndjson`): one document per line, as most
//! NLP and crawl datasets come. A record's title is its `title` field, else the first sentence
//! of its text (`text`, `body` or `content`); the field names can be overridden. Records are
//! listed by byte offset and line number, and read again from the file when opened, so the
//! texts are never kept in memory.

mod chunks;
mod head;
mod record;

pub(crate) use chunks::{Lines, Start, each_chunk};

pub(crate) use record::{RECORD_BYTES, read_record, record_text, with_line, with_lines};

use super::title::{self, cut_at_word};
use super::walk::Skipped;
use super::{Doc, DocMeta, RecordAt};
use crate::text::dates::iso_date_prefix;
use crate::text::sanitize::sanitize_line;
use head::HeadSeed;
use serde::de::DeserializeSeed;
use std::path::Path;
use std::sync::Arc;

/// Which fields of a record hold its title and its text, in order of preference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordFields {
    pub title: Vec<String>,
    pub text: Vec<String>,
    /// The field whose value groups counts (`--group-by`); for files, a front matter key.
    pub group: Option<String>,
}

/// The fields looked at unless the user names others (`--title-field`, `--text-field`).
pub(crate) const TITLE_FIELDS: &[&str] = &["title"];
pub(crate) const TEXT_FIELDS: &[&str] = &["text", "body", "content"];

impl Default for RecordFields {
    fn default() -> Self {
        let owned = |names: &[&str]| names.iter().map(|name| name.to_string()).collect();
        RecordFields {
            title: owned(TITLE_FIELDS),
            text: owned(TEXT_FIELDS),
            group: None,
        }
    }
}

/// True for a path that names a JSON Lines file.
pub(crate) fn is_jsonl(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_ascii_lowercase());
    matches!(
        extension.as_ref().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    ) && path.is_file()
}

/// The most of a record's text used to derive a title.
const TITLE_TEXT_BYTES: usize = 4 * 1024;

/// Lists the records in `lines`, a run of whole lines of the file at `path` that starts at
/// byte `offset` on line `line` (from 1). Blank lines are passed over; a line that is not a
/// JSON object is skipped with its line number and the parser's complaint.
pub(crate) fn describe_lines(
    path: &Arc<Path>,
    lines: &[u8],
    offset: u64,
    line: u64,
    fields: &RecordFields,
    docs: &mut Vec<DocMeta>,
    skipped: &mut Vec<Skipped>,
) {
    let mut at = 0;
    let mut number = line;
    while at < lines.len() {
        let end = memchr::memchr(b'\n', &lines[at..]).map_or(lines.len(), |i| at + i);
        let mut record = &lines[at..end];
        if offset + at as u64 == 0 {
            record = record.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(record);
        }
        if !record.iter().all(u8::is_ascii_whitespace) {
            let place = RecordAt {
                offset: offset + at as u64,
                line: number,
            };
            let described = if record.len() > RECORD_BYTES {
                Err(format!("longer than {} MiB", RECORD_BYTES >> 20))
            } else {
                describe_record(path, record, place, fields)
            };
            match described {
                Ok(doc) => docs.push(doc),
                Err(reason) => skipped.push(Skipped {
                    path: path.to_path_buf(),
                    reason: format!("line {number}: {reason}"),
                }),
            }
        }
        at = end + 1;
        number += 1;
    }
}

/// The title of a record with neither a title nor a text that gives one: its line.
pub(crate) fn untitled(line: u64) -> String {
    format!("record on line {line}")
}

/// A hint for records that have neither a title field nor a text field folio knows (their
/// fields are named otherwise: `headline`, `article`): how to name them.
pub(crate) fn fields_hint<'a>(
    docs: impl Iterator<Item = Doc<'a>>,
    fields: &RecordFields,
) -> Option<String> {
    let untitled = docs
        .take(1000)
        .filter_map(|doc| doc.record.map(|record| (doc, record.line)))
        .any(|(doc, line)| doc.title() == untitled(line));
    untitled.then(|| {
        format!(
            "no text field ({}) in these records: try --text-field NAME and --title-field NAME",
            fields.text.join(", ")
        )
    })
}

/// The parser's complaint about a record, placed by column alone: the record is one line,
/// whose number (the file's) the caller gives; the parser's own "line 1" would be a second,
/// different line number.
fn within_the_line(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let said = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(said, _)| said);
    match error.column() {
        0 => said.to_string(),
        column => format!("{said} at column {column}"),
    }
}

/// Parses a record's line the one way (see `head`): Err says why it is not a record.
fn parse<'a>(
    record: &'a [u8],
    fields: &RecordFields,
    other_fields: bool,
) -> Result<head::Head<'a>, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(record);
    let seed = HeadSeed {
        fields,
        other_fields,
    };
    seed.deserialize(&mut deserializer)
        // Something after the object (`{…} x`, two objects) is refused.
        .and_then(|head| deserializer.end().map(|()| head))
        .map_err(|error| format!("not a JSON object ({})", within_the_line(&error)))
}

fn describe_record(
    path: &Arc<Path>,
    record: &[u8],
    place: RecordAt,
    fields: &RecordFields,
) -> Result<DocMeta, String> {
    let head = parse(record, fields, false)?;
    Ok(describe_head(path, &head, place, record.len()))
}

/// Reads the record `line` at `place` once for a search: its text is given to `matches`, and
/// when that says it matches, the record's listing is made from the same reading, and given
/// with the text. Err says why the line is not a record.
pub(crate) fn search_record(
    path: &Arc<Path>,
    line: &[u8],
    place: RecordAt,
    fields: &RecordFields,
    matches: impl FnOnce(&str) -> bool,
) -> Result<Option<(DocMeta, String)>, String> {
    let head = parse(line, fields, false)?;
    let text = record::text_of(&head);
    match matches(&text) {
        true => Ok(Some((describe_head(path, &head, place, line.len()), text))),
        false => Ok(None),
    }
}

/// A record's listing from its fields read.
fn describe_head(path: &Arc<Path>, head: &head::Head, place: RecordAt, size: usize) -> DocMeta {
    let text = head.text.as_deref().unwrap_or("");
    let from_text = || title::extract(crate::text::cut::at_most(text, TITLE_TEXT_BYTES));
    let given = head
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let (title, derived_date): (Box<str>, _) = match given {
        // Most given titles are short printable ASCII, shown as they are.
        Some(given)
            if given.len() <= title::MAX_TITLE_CHARS
                && given.bytes().all(|b| (0x20..0x7f).contains(&b)) =>
        {
            (given.into(), None)
        }
        Some(given) => {
            let one_line = given.replace(['\n', '\r'], " ");
            (sanitize_line(&cut_at_word(&one_line)).into(), None)
        }
        None => {
            let heading = from_text();
            let title = heading.title.unwrap_or_else(|| untitled(place.line));
            (sanitize_line(&title).into(), heading.date)
        }
    };
    let date = head
        .date
        .as_deref()
        .and_then(iso_date_prefix)
        .or(derived_date);
    DocMeta {
        path: Arc::clone(path),
        title,
        date: date.map(String::into_boxed_str),
        group: head
            .group
            .as_deref()
            .map(|value| sanitize_line(value).into_boxed_str()),
        size: size as u64,
        record: Some(place),
        modified: 0,
        // The JSON Lines file is the path the user gave.
        reach: crate::corpus::read::Reach::Following,
        stored: None,
    }
}

#[cfg(test)]
mod tests {
    use super::record::Record;
    use super::*;

    fn describe(text: &str) -> (Vec<DocMeta>, Vec<Skipped>) {
        let path: Arc<Path> = Path::new("/data/set.jsonl").into();
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let fields = RecordFields::default();
        describe_lines(
            &path,
            text.as_bytes(),
            100,
            7,
            &fields,
            &mut docs,
            &mut skipped,
        );
        (docs, skipped)
    }

    #[test]
    fn titles_come_from_the_title_field_else_the_texts_first_sentence() {
        let first =
            r#"{"title": "Given \"title\"", "text": "Ignored. Here.", "date": "2021-03-04T10:00"}"#;
        let (docs, skipped) = describe(
            &[
                first,
                "\n",
                r#"{"id": 3, "body": "First sentence here. Second.", "content": "Not this."}"#,
                "\n\n",
                r#"{"text": "date 2020-01-02 Dated text. More."}"#,
                "\n",
                r#"{"url": "x"}"#,
            ]
            .concat(),
        );
        assert!(skipped.is_empty());
        let listed: Vec<(&str, Option<&str>, u64)> = docs
            .iter()
            .map(|d| (&*d.title, d.date.as_deref(), d.record.map_or(0, |r| r.line)))
            .collect();
        assert_eq!(
            listed,
            vec![
                ("Given \"title\"", Some("2021-03-04"), 7),
                ("First sentence here.", None, 8),
                ("Dated text.", Some("2020-01-02"), 10),
                ("record on line 11", None, 11),
            ]
        );
        let second_offset = 100 + first.len() as u64 + 1;
        assert_eq!(docs[1].record.map(|r| r.offset), Some(second_offset));
    }

    #[test]
    fn lines_that_are_not_objects_are_skipped_with_their_line_number() {
        let (docs, skipped) = describe("{\"text\": \"Fine.\"}\n[1, 2]\n{\"text\": \"cut\n");
        assert_eq!(docs.len(), 1);
        let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(
            reasons[0].starts_with("line 8: not a JSON object"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].starts_with("line 9: not a JSON object"),
            "{reasons:?}"
        );
    }

    #[test]
    fn a_record_is_read_back_with_its_other_fields_as_metadata() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("set.jsonl");
        let second =
            r#"{"title": "T", "text": "Body\ttext.", "source": "xinhua", "n": 3, "tags": ["a"]}"#;
        std::fs::write(&path, format!("{{\"text\": \"first\"}}\n{second}\n"))?;
        let place = RecordAt {
            offset: 18,
            line: 2,
        };
        let record = read_record(&path, place, 10, &RecordFields::default())?;
        assert_eq!(record.text, "T\n\nBody\ttext.", "the title is searched too");
        assert_eq!(
            record.metadata,
            vec!["source: xinhua", "n: 3"],
            "in the record's order"
        );
        Ok(())
    }

    /// Lists the one record `line` and reads it back: its title and date as listed, its text
    /// and other fields as read.
    fn listed_and_read(line: &str) -> std::io::Result<(String, Option<String>, Record)> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("set.jsonl");
        std::fs::write(&path, format!("{line}\n"))?;
        let shared: Arc<Path> = path.as_path().into();
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let fields = RecordFields {
            group: Some("topic".into()),
            ..RecordFields::default()
        };
        describe_lines(
            &shared,
            line.as_bytes(),
            0,
            1,
            &fields,
            &mut docs,
            &mut skipped,
        );
        let listed = docs.first().ok_or_else(|| {
            std::io::Error::other(format!(
                "not listed: {:?}",
                skipped.first().map(|s| &s.reason)
            ))
        })?;
        let record = read_record(&path, RecordAt { offset: 0, line: 1 }, 0, &fields)?;
        Ok((
            listed.title.to_string(),
            listed.date.as_deref().map(str::to_string),
            record,
        ))
    }

    #[test]
    fn a_repeated_key_counts_once_with_its_last_value_everywhere() -> std::io::Result<()> {
        let (title, date, record) = listed_and_read(
            r#"{"title": "First", "text": "old body", "date": "2001-01-01", "n": 1, "title": "Last", "text": "new body", "date": "2002-02-02", "n": 2}"#,
        )?;
        assert_eq!(title, "Last");
        assert_eq!(date.as_deref(), Some("2002-02-02"));
        assert_eq!(record.text, "Last\n\nnew body");
        assert_eq!(record.metadata, vec!["date: 2002-02-02", "n: 2"]);
        // A later value that is not text makes the field hold no text: the next field named.
        let (title, _, record) = listed_and_read(
            r#"{"title": "Gone", "title": null, "text": "a", "body": "b", "text": 5}"#,
        )?;
        assert_eq!(title, "b");
        assert_eq!(record.text, "b");
        Ok(())
    }

    #[test]
    fn records_json_allows_are_listed_read_and_searched_alike() -> std::io::Result<()> {
        // A number no float holds and a field nested far deeper than a parsed value allows:
        // the list took these and the reader refused them.
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        for line in [
            r#"{"title": "Huge", "text": "big number body", "n": 1e999}"#.to_string(),
            format!(r#"{{"title": "Deep", "text": "deep body", "nested": {deep}}}"#),
            r#"{"title": 1e999, "text": "Number title. Rest."}"#.to_string(),
        ] {
            let (title, _, record) = listed_and_read(&line)?;
            assert!(
                record.text.contains("body") || record.text.contains("Rest"),
                "{title}"
            );
            if title == "Huge" {
                assert_eq!(record.metadata, vec!["n: 1e999"]);
            }
        }
        Ok(())
    }

    #[test]
    fn fields_of_other_types_and_trailing_junk() {
        let path: Arc<Path> = Path::new("/data/set.jsonl").into();
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let text = concat!(
            "\u{feff}{\"title\": 7, \"text\": \"Numbered title. Yes.\"}\n",
            "{\"date\": 1617000000, \"content\": [1, {\"a\": 2}], \"text\": \"Array first.\"}\n",
            "{\"text\": \"a\"} x\n",
            "{\"text\": \"a\"}{\"text\": \"b\"}\n",
        );
        let fields = RecordFields::default();
        describe_lines(
            &path,
            text.as_bytes(),
            0,
            7,
            &fields,
            &mut docs,
            &mut skipped,
        );
        let titles: Vec<&str> = docs.iter().map(|d| &*d.title).collect();
        assert_eq!(titles, vec!["Numbered title.", "Array first."]);
        let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(
            reasons[0].starts_with("line 9: not a JSON object"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].starts_with("line 10: not a JSON object"),
            "{reasons:?}"
        );
    }

    #[test]
    fn field_names_can_be_overridden() {
        let path: Arc<Path> = Path::new("/d.jsonl").into();
        let fields = RecordFields {
            title: vec!["headline".into()],
            text: vec!["article".into()],
            group: None,
        };
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let line = br#"{"title": "no", "headline": "Yes", "article": "A."}"#;
        describe_lines(&path, line, 0, 1, &fields, &mut docs, &mut skipped);
        assert_eq!(&*docs[0].title, "Yes");
    }

    #[test]
    fn title_fields_are_taken_in_the_order_given() -> std::io::Result<()> {
        let fields = RecordFields {
            title: vec!["headline".into(), "title".into()],
            text: vec!["body".into(), "text".into()],
            group: None,
        };
        let line =
            r#"{"title": "Second choice", "text": "t", "headline": "First choice", "body": "b"}"#;
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let path: Arc<Path> = Path::new("/d.jsonl").into();
        describe_lines(
            &path,
            line.as_bytes(),
            0,
            1,
            &fields,
            &mut docs,
            &mut skipped,
        );
        assert_eq!(&*docs[0].title, "First choice");
        // A field of the wrong type gives way to the next one named.
        let numbered = r#"{"headline": 7, "title": "Fallback", "text": "t"}"#;
        describe_lines(
            &path,
            numbered.as_bytes(),
            0,
            1,
            &fields,
            &mut docs,
            &mut skipped,
        );
        assert_eq!(&*docs[1].title, "Fallback");
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("set.jsonl");
        std::fs::write(&file, format!("{line}\n"))?;
        let place = RecordAt { offset: 0, line: 1 };
        let record = read_record(&file, place, line.len() as u64, &fields)?;
        assert_eq!(record.text, "First choice\n\nb");
        Ok(())
    }
}
