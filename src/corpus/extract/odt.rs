//! OpenDocument text (ODT): paragraphs, headings, lists and tables of `content.xml` as text
//! (`text:s` spaces, tabs and line breaks kept; a table's cells apart by tabs), title, author
//! and date from `meta.xml`.

use super::Extracted;
use super::bounded::Budget;
use super::docx::properties;
use super::text_out::TextOut;
use super::xml::{self, Node};
use super::zipped::Zipped;

pub(crate) fn extract(bytes: &[u8], budget: &Budget) -> Result<Extracted, String> {
    let mut zipped = Zipped::open(bytes)?;
    let content = zipped.needed("content.xml")?;
    let mut out = TextOut::default();
    // Text counts inside the body's paragraphs and headings, not in styles or notes' marks.
    let mut in_paragraph = 0usize;
    let mut in_note = 0usize;
    // Inside a table's cell (this deep), a paragraph's end is a space: cells stay on a line.
    let mut cells = 0usize;
    xml::each_node(&content, |node| {
        match node {
            Node::Start {
                name: "p" | "h",
                empty: false,
                ..
            } => in_paragraph += 1,
            Node::End { name: "p" | "h" } => {
                in_paragraph = in_paragraph.saturating_sub(1);
                match cells > 0 {
                    true => out.words(" "),
                    false => out.paragraph(),
                }
            }
            Node::Start {
                name: "note-citation",
                empty: false,
                ..
            } => in_note += 1,
            Node::End {
                name: "note-citation",
            } => in_note = in_note.saturating_sub(1),
            Node::Text(text) if in_paragraph > 0 && in_note == 0 => out.verbatim(text),
            Node::Start {
                name: "s", element, ..
            } => {
                let count = xml::attribute(element, "c").and_then(|c| c.parse().ok());
                out.verbatim(&" ".repeat(count.unwrap_or(1usize).min(1000)));
            }
            Node::Start { name: "tab", .. } => out.tab(),
            Node::Start {
                name: "line-break", ..
            } => out.line_break(),
            Node::Start {
                name: "table-cell",
                empty: false,
                ..
            } => cells += 1,
            Node::End { name: "table-cell" } => {
                cells = cells.saturating_sub(1);
                out.tab();
            }
            Node::End { name: "table-row" } => out.line_break(),
            Node::End { name: "table" } => out.paragraph(),
            _ => {}
        }
        !out.is_full() && !budget.spent()
    })?;
    let mut extracted = Extracted {
        text: out.finish(),
        ..Extracted::default()
    };
    if let Some(meta) = zipped.text("meta.xml")? {
        properties(&meta, &mut extracted);
    }
    Ok(extracted)
}
