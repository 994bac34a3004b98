//! Reading a record, the one way the list, the reader and the text search do it: its title,
//! its text, its date and the value counts group by — and, for the reader, its other fields
//! as `name: value` — from a line of JSON, skipping everything else without allocating. One
//! rule for every reader of a record: where a key is repeated the last value counts (as JSON
//! parsers commonly keep); a field that is not needed is only checked to be JSON (however
//! deep, whatever its numbers: `1e999` is shown as written), so a record the list takes, the
//! reader reads and the search searches.

use super::RecordFields;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// The fields of a record that folio uses.
#[derive(Default)]
pub(super) struct Head<'a> {
    pub(super) title: Option<Cow<'a, str>>,
    pub(super) text: Option<Cow<'a, str>>,
    pub(super) date: Option<Cow<'a, str>>,
    /// The value of the field counts are grouped by, as text (a number or true/false too).
    pub(super) group: Option<Cow<'a, str>>,
    /// With [`HeadSeed::other_fields`]: the record's other scalar fields, `name: value`, in
    /// the order they first appear.
    pub(super) other: Vec<(Cow<'a, str>, String)>,
}

/// Deserializes a record into a [`Head`], skipping every field it does not need.
pub(super) struct HeadSeed<'f> {
    pub(super) fields: &'f RecordFields,
    /// Whether the other scalar fields are wanted (the reader shows them).
    pub(super) other_fields: bool,
}

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
        let fields = self.fields;
        // The last value of each title and text field, in the order the fields were named:
        // the first of them that holds a string is the record's.
        let mut titles: Vec<Option<Cow<'de, str>>> = vec![None; fields.title.len()];
        let mut texts: Vec<Option<Cow<'de, str>>> = vec![None; fields.text.len()];
        let mut head = Head::default();
        while let Some(Text(key)) = map.next_key::<Text>()? {
            if let Some(rank) = fields.title.iter().position(|field| *field == key) {
                titles[rank] = scalar::<false>(map.next_value()?);
            } else if let Some(rank) = fields.text.iter().position(|field| *field == key) {
                texts[rank] = scalar::<false>(map.next_value()?);
            } else if self.other_fields || key == "date" || fields.group.as_deref() == Some(&*key) {
                let raw: &'de RawValue = map.next_value()?;
                if key == "date" {
                    head.date = scalar::<false>(raw);
                }
                if fields.group.as_deref() == Some(&*key) {
                    head.group = scalar::<true>(raw);
                }
                if self.other_fields {
                    let shown = scalar::<true>(raw).map(Cow::into_owned);
                    match head.other.iter().position(|(name, _)| *name == key) {
                        Some(at) => match shown {
                            Some(shown) => head.other[at].1 = shown,
                            None => {
                                head.other.remove(at);
                            }
                        },
                        None => {
                            if let Some(shown) = shown {
                                head.other.push((key, shown));
                            }
                        }
                    }
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        head.title = titles.into_iter().flatten().next();
        head.text = texts.into_iter().flatten().next();
        Ok(head)
    }
}

/// A raw JSON value as text when it is a string (or, with `NUMBERS`, a number or true/false,
/// as written): a title, a text, a date, a value to group by, a field shown in the reader. A
/// value of another type (null, an array, an object) is not text, and does not make the
/// record unreadable.
fn scalar<'de, const NUMBERS: bool>(raw: &'de RawValue) -> Option<Cow<'de, str>> {
    let written = raw.get();
    match written.as_bytes().first() {
        Some(b'"') => {
            // Valid JSON: a string without a backslash is its own text, borrowed.
            let inner = &written[1..written.len() - 1];
            match memchr::memchr(b'\\', inner.as_bytes()) {
                None => Some(Cow::Borrowed(inner)),
                // A lone surrogate (`\\ud800`), which the parser refuses and many writers
                // leave, is shown as U+FFFD: the rest of the text is the record's.
                Some(_) => Some(match serde_json::from_str::<Text<'de>>(written) {
                    Ok(Text(text)) => text,
                    Err(_) => Cow::Owned(unescape_lossy(inner)),
                }),
            }
        }
        Some(b'-' | b'0'..=b'9' | b't' | b'f') if NUMBERS => Some(Cow::Borrowed(written)),
        _ => None,
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

/// The text of a JSON string's inside (valid JSON, as checked), its escapes undone, a
/// surrogate without its pair made U+FFFD.
fn unescape_lossy(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    // A leading surrogate waiting for its trailing one.
    let mut leading: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            if leading.take().is_some() {
                out.push(char::REPLACEMENT_CHARACTER);
            }
            out.push(c);
            continue;
        }
        let escaped = chars.next().unwrap_or('\\');
        if escaped != 'u' {
            if leading.take().is_some() {
                out.push(char::REPLACEMENT_CHARACTER);
            }
            out.push(match escaped {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                other => other,
            });
            continue;
        }
        let hex: String = chars.by_ref().take(4).collect();
        let unit = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
        match unit {
            0xD800..=0xDBFF => {
                if leading.replace(unit).is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
            }
            0xDC00..=0xDFFF => match leading.take() {
                Some(high) => {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                    out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                None => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => {
                if leading.take().is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                out.push(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
        }
    }
    if leading.is_some() {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_is_a_replacement_character_and_the_rest_is_kept() {
        assert_eq!(unescape_lossy(r"mike text \ud800"), "mike text \u{FFFD}");
        assert_eq!(unescape_lossy(r"\udc00 bad \u00e9"), "\u{FFFD} bad é");
        assert_eq!(
            unescape_lossy(r"pair \ud83d\ude00 \n\t\\\/"),
            "pair 😀 \n\t\\/"
        );
        assert_eq!(unescape_lossy(r"\ud800\ud800x"), "\u{FFFD}\u{FFFD}x");
    }
}
