//! The XML of the Office and EPUB formats read as a stream of events with namespace prefixes
//! dropped (`w:p` is `p`) and references resolved in text, for the format modules to pick
//! the elements they want; quick-xml reads it without building a tree.

use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// One thing read from the XML.
pub(crate) enum Node<'a, 'e> {
    /// An element starts (`empty`: and ends at once, `<w:tab/>`).
    Start {
        name: &'e str,
        element: &'e BytesStart<'a>,
        empty: bool,
    },
    End {
        name: &'e str,
    },
    Text(&'e str),
}

/// Gives each node of `xml` to `each` in order; stops early when it says false. Err when the
/// XML is malformed past reading.
pub(crate) fn each_node(xml: &str, mut each: impl FnMut(Node) -> bool) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| format!("malformed XML ({error})"))?;
        let more = match &event {
            Event::Start(element) | Event::Empty(element) => each(Node::Start {
                name: element.local_name().into_inner(),
                element,
                empty: matches!(event, Event::Empty(_)),
            }),
            Event::End(element) => each(Node::End {
                name: element.local_name().into_inner(),
            }),
            Event::Text(text) => each(Node::Text(&text.xml10_content())),
            Event::CData(text) => each(Node::Text(&text.xml10_content())),
            Event::GeneralRef(reference) => match resolved(&reference.xml10_content()) {
                Some(text) => each(Node::Text(&text)),
                None => true,
            },
            Event::Eof => return Ok(()),
            _ => true,
        };
        if !more {
            return Ok(());
        }
    }
}

/// The value of the attribute whose local name is `name` (any prefix), unescaped.
pub(crate) fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element.attributes().flatten().find_map(|attribute| {
        (attribute.key.local_name().into_inner() == name).then(|| {
            attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| String::new(), Cow::into_owned)
        })
    })
}

/// The text of a reference: `&#233;`, `&#xE9;`, or one of XML's five named ones.
fn resolved(reference: &str) -> Option<Cow<'static, str>> {
    if let Some(number) = reference.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).map(|c| Cow::Owned(c.to_string()));
    }
    quick_xml::escape::resolve_xml_entity(reference).map(Cow::Borrowed)
}

/// Reads the text of the elements named in `wanted` (local names) that come first, each once:
/// a document's properties (`title`, `date`…), as `(name, text)`.
pub(crate) fn first_texts(xml: &str, wanted: &[&str]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut inside: Option<String> = None;
    let _ = each_node(xml, |node| {
        match node {
            Node::Start { name, empty, .. }
                if !empty
                    && wanted.contains(&name)
                    && !found.iter().any(|(seen, _)| seen == name) =>
            {
                found.push((name.to_string(), String::new()));
                inside = Some(name.to_string());
            }
            Node::End { name } if inside.as_deref() == Some(name) => inside = None,
            Node::Text(text) if inside.is_some() => {
                if let Some((_, value)) = found.last_mut() {
                    value.push_str(text);
                }
            }
            _ => {}
        }
        true
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_dropped_and_references_resolved() {
        let xml = "<w:p a:x=\"1 &amp; 2\"><w:t>caf&#233; &amp; co</w:t><w:tab/></w:p>";
        let mut seen = Vec::new();
        let read = each_node(xml, |node| {
            seen.push(match node {
                Node::Start {
                    name,
                    element,
                    empty,
                } => {
                    format!(
                        "<{name}{}{}>",
                        attribute(element, "x").unwrap_or_default(),
                        if empty { "/" } else { "" }
                    )
                }
                Node::End { name } => format!("</{name}>"),
                Node::Text(text) => text.to_string(),
            });
            true
        });
        assert!(read.is_ok());
        assert_eq!(seen.concat(), "<p1 & 2><t>café & co</t><tab/></p>");
    }

    #[test]
    fn first_texts_of_properties() {
        let xml = "<cp:coreProperties><dc:title>A &lt;b&gt; title</dc:title>\
                   <dc:title>Second</dc:title><dcterms:created>2020-01-02</dcterms:created>\
                   </cp:coreProperties>";
        assert_eq!(
            first_texts(xml, &["title", "created"]),
            vec![
                ("title".to_string(), "A <b> title".to_string()),
                ("created".to_string(), "2020-01-02".to_string())
            ]
        );
    }
}
