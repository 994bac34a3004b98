//! Corpora that are one JSON Lines file (`.jsonl`, `.ndjson`): one document per line, as most
//! NLP and crawl datasets come. A record's title is its `title` field, else the first sentence
//! of its text (`text`, `body` or `content`); the field names can be overridden. Records are
//! listed by byte offset and line number, and read again from the file when opened, so the
//! texts are never kept in memory.

use super::title::{self, cut_at_word, iso_date_prefix};
use super::walk::Skipped;
use super::{DocMeta, RecordAt};
use crate::text::sanitize::sanitize_line;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Which fields of a record hold its title and its text, in order of preference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordFields {
    pub title: Vec<String>,
    pub text: Vec<String>,
}

/// The fields looked at unless the user names others (`--title-field`, `--text-field`).
pub const TITLE_FIELDS: &[&str] = &["title"];
pub const TEXT_FIELDS: &[&str] = &["text", "body", "content"];

impl Default for RecordFields {
    fn default() -> Self {
        let owned = |names: &[&str]| names.iter().map(|name| name.to_string()).collect();
        RecordFields {
            title: owned(TITLE_FIELDS),
            text: owned(TEXT_FIELDS),
        }
    }
}

/// True for a path that names a JSON Lines file.
pub fn is_jsonl(path: &Path) -> bool {
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
pub fn describe_lines(
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

fn describe_record(
    path: &Arc<Path>,
    record: &[u8],
    place: RecordAt,
    fields: &RecordFields,
) -> Result<DocMeta, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(record);
    let head = HeadSeed(fields)
        .deserialize(&mut deserializer)
        // Something after the object (`{…} x`, two objects) is refused, as when it is read.
        .and_then(|head| deserializer.end().map(|()| head))
        .map_err(|error| format!("not a JSON object ({error})"))?;
    let text = head.text.as_deref().unwrap_or("");
    let from_text = || {
        let mut cut = text.len().min(TITLE_TEXT_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        title::extract(&text[..cut])
    };
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
            let title = heading
                .title
                .unwrap_or_else(|| format!("record on line {}", place.line));
            (sanitize_line(&title).into(), heading.date)
        }
    };
    let date = head
        .date
        .as_deref()
        .and_then(iso_date_prefix)
        .or(derived_date);
    Ok(DocMeta {
        path: Arc::clone(path),
        title,
        date: date.map(String::into_boxed_str),
        size: record.len() as u64,
        record: Some(place),
    })
}

/// The fields of a record that its listing needs.
#[derive(Default)]
struct Head<'a> {
    title: Option<Cow<'a, str>>,
    text: Option<Cow<'a, str>>,
    /// Which of the text fields `text` came from (earlier is preferred).
    text_rank: usize,
    date: Option<Cow<'a, str>>,
}

/// Deserializes a record into a [`Head`], skipping every other field without allocating.
struct HeadSeed<'f>(&'f RecordFields);

impl<'de> DeserializeSeed<'de> for HeadSeed<'_> {
    type Value = Head<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Head<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HeadSeed<'_> {
    type Value = Head<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head<'de>, A::Error> {
        let mut head = Head {
            text_rank: usize::MAX,
            ..Head::default()
        };
        while let Some(Text(key)) = map.next_key::<Text>()? {
            let text_rank = self.0.text.iter().position(|field| *field == key);
            if self.0.title.iter().any(|field| *field == key) && head.title.is_none() {
                head.title = map.next_value::<MaybeText>()?.0;
            } else if let Some(rank) = text_rank.filter(|&rank| rank < head.text_rank) {
                if let MaybeText(Some(text)) = map.next_value()? {
                    head.text = Some(text);
                    head.text_rank = rank;
                }
            } else if key == "date" && head.date.is_none() {
                head.date = map.next_value::<MaybeText>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(head)
    }
}

/// A JSON string, borrowed from the input when it holds no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_string())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// Any JSON value, kept when it is a string: a title, text or date of another type (a
/// number, null, an array) is not the record's, and does not make the record unreadable.
struct MaybeText<'a>(Option<Cow<'a, str>>);

impl<'de> serde::Deserialize<'de> for MaybeText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyVisitor;
        impl<'de> Visitor<'de> for AnyVisitor {
            type Value = MaybeText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(MaybeText(Some(Cow::Borrowed(text))))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(MaybeText(Some(Cow::Owned(text.to_string()))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(MaybeText(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(MaybeText(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(MaybeText(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(MaybeText(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(MaybeText(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(MaybeText(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(MaybeText(None))
            }
        }
        deserializer.deserialize_any(AnyVisitor)
    }
}

/// A record as the reader shows it: its text, and its other scalar fields as `name: value`.
pub struct Record {
    pub text: String,
    pub metadata: Vec<String>,
}

/// The longest record: a longer line is skipped when listing, and never read.
pub const RECORD_BYTES: usize = 64 << 20;

/// Reads the record at `place` in the file at `path` again, for the reader.
pub fn read_record(
    path: &Path,
    place: RecordAt,
    length: u64,
    fields: &RecordFields,
) -> std::io::Result<Record> {
    let file = super::read::open_checked(path)?;
    // The listing knows the line's length (a BOM on line 1 and its line break aside): one read
    // takes it all unless the file changed, and then the reading goes on until the line ends.
    let mut want = (length + 4).min(RECORD_BYTES as u64);
    let mut bytes: Vec<u8> = Vec::new();
    let end = loop {
        let from = bytes.len();
        let at = place.offset + from as u64;
        let more = super::read::read_range(&file, at..at + want)?;
        let got = more.len();
        bytes.extend(more);
        if let Some(newline) = memchr::memchr(b'\n', &bytes[from..]) {
            break from + newline;
        }
        if got == 0 || bytes.len() >= RECORD_BYTES {
            break bytes.len();
        }
        want = (want * 2).min((RECORD_BYTES - bytes.len()) as u64);
    };
    let line = &bytes[..end];
    let line = match place.offset {
        0 => line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line),
        _ => line,
    };
    let value: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(line)
        .map_err(|error| std::io::Error::other(format!("line {}: {error}", place.line)))?;
    let text = fields
        .text
        .iter()
        .find_map(|field| value.get(field).and_then(|v| v.as_str()))
        .unwrap_or("")
        .to_string();
    let metadata = value
        .iter()
        .filter(|(name, _)| !fields.text.contains(name) && !fields.title.contains(name))
        .filter_map(|(name, value)| {
            let shown = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Number(number) => number.to_string(),
                serde_json::Value::Bool(flag) => flag.to_string(),
                _ => return None,
            };
            Some(format!("{name}: {}", cut_at_word(&shown)))
        })
        .collect();
    Ok(Record { text, metadata })
}

#[cfg(test)]
mod tests {
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
        assert_eq!(record.text, "Body\ttext.");
        assert_eq!(record.metadata, vec!["n: 3", "source: xinhua"]);
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
        };
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let line = br#"{"title": "no", "headline": "Yes", "article": "A."}"#;
        describe_lines(&path, line, 0, 1, &fields, &mut docs, &mut skipped);
        assert_eq!(&*docs[0].title, "Yes");
    }
}
