//! Reading just what a record's listing needs — its title, its text (or the start of it) and
//! its date — from a line of JSON, skipping every other field without allocating.

use super::RecordFields;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The fields of a record that its listing needs.
#[derive(Default)]
pub(super) struct Head<'a> {
    pub(super) title: Option<Cow<'a, str>>,
    /// Which of the title fields `title` came from (earlier is preferred).
    title_rank: usize,
    pub(super) text: Option<Cow<'a, str>>,
    /// Which of the text fields `text` came from (earlier is preferred).
    text_rank: usize,
    pub(super) date: Option<Cow<'a, str>>,
    /// The value of the field counts are grouped by, as text (a number or true/false too).
    pub(super) group: Option<Cow<'a, str>>,
}

/// Deserializes a record into a [`Head`], skipping every other field without allocating.
pub(super) struct HeadSeed<'f>(pub(super) &'f RecordFields);

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
            title_rank: usize::MAX,
            text_rank: usize::MAX,
            ..Head::default()
        };
        // Fields come in the record's order; the one kept is the earliest named.
        while let Some(Text(key)) = map.next_key::<Text>()? {
            let title_rank = self.0.title.iter().position(|field| *field == key);
            let text_rank = self.0.text.iter().position(|field| *field == key);
            if let Some(rank) = title_rank.filter(|&rank| rank < head.title_rank) {
                if let MaybeText(Some(title)) = map.next_value::<MaybeText>()? {
                    head.title = Some(title);
                    head.title_rank = rank;
                }
            } else if let Some(rank) = text_rank.filter(|&rank| rank < head.text_rank) {
                if let MaybeText(Some(text)) = map.next_value::<MaybeText>()? {
                    head.text = Some(text);
                    head.text_rank = rank;
                }
            } else if self.0.group.as_deref() == Some(&*key) && head.group.is_none() {
                head.group = map.next_value::<MaybeText<true>>()?.0;
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
/// With `SCALARS`, a number or true/false is kept too, as written (a value to group by).
struct MaybeText<'a, const SCALARS: bool = false>(Option<Cow<'a, str>>);

impl<'de, const SCALARS: bool> serde::Deserialize<'de> for MaybeText<'de, SCALARS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyVisitor<const SCALARS: bool>;
        /// A scalar as text, when scalars are kept.
        fn scalar<'a, const SCALARS: bool>(value: impl ToString) -> MaybeText<'a, SCALARS> {
            MaybeText(SCALARS.then(|| Cow::Owned(value.to_string())))
        }
        impl<'de, const SCALARS: bool> Visitor<'de> for AnyVisitor<SCALARS> {
            type Value = MaybeText<'de, SCALARS>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(MaybeText(Some(Cow::Borrowed(text))))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(MaybeText(Some(Cow::Owned(text.to_string()))))
            }
            fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
                Ok(scalar(value))
            }
            fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
                Ok(scalar(value))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
                Ok(scalar(value))
            }
            fn visit_f64<E>(self, value: f64) -> Result<Self::Value, E> {
                Ok(scalar(value))
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
        deserializer.deserialize_any(AnyVisitor::<SCALARS>)
    }
}
