//! Word documents (DOCX, Office Open XML): the body's paragraphs, headings and tables as text
//! (`word/document.xml`: a table's cells apart by tabs, its rows on lines; deleted text of
//! tracked changes left out), then the footnotes, endnotes and comments, each under a line
//! naming them; title, author and date from the document properties (`docProps/core.xml`).

use super::Extracted;
use super::bounded::Budget;
use super::text_out::TextOut;
use super::xml::{self, Node};
use super::zipped::Zipped;

pub(crate) fn extract(bytes: &[u8], budget: &Budget) -> Result<Extracted, String> {
    let mut zipped = Zipped::open(bytes)?;
    let body = zipped.needed("word/document.xml")?;
    let mut out = TextOut::default();
    paragraphs(&body, &mut out, budget)?;
    // Footnotes, endnotes and comments after the body, each under a line saying which.
    for (member, heading) in [
        ("word/footnotes.xml", "── footnotes ──"),
        ("word/endnotes.xml", "── endnotes ──"),
        ("word/comments.xml", "── comments ──"),
    ] {
        let Some(notes) = zipped.text(member)? else {
            continue;
        };
        let mut read = TextOut::default();
        paragraphs(&notes, &mut read, budget)?;
        let read = read.finish();
        if !read.trim().is_empty() {
            out.paragraph();
            out.verbatim(heading);
            out.paragraph();
            out.verbatim(&read);
        }
    }
    let mut extracted = Extracted {
        text: out.finish(),
        ..Extracted::default()
    };
    if let Some(core) = zipped.text("docProps/core.xml")? {
        properties(&core, &mut extracted);
    }
    Ok(extracted)
}

/// The paragraphs, headings and tables of a part of the document (its body, its notes).
fn paragraphs(xml: &str, out: &mut TextOut, budget: &Budget) -> Result<(), String> {
    let mut in_text = false;
    // Inside a table's cell (this deep), a paragraph's end is a space: cells stay on a line.
    let mut cells = 0usize;
    xml::each_node(xml, |node| {
        match node {
            Node::Start {
                name: "t",
                empty: false,
                ..
            } => in_text = true,
            Node::End { name: "t" } => in_text = false,
            Node::Text(text) if in_text => out.verbatim(text),
            Node::Start { name: "tab", .. } => out.tab(),
            Node::Start {
                name: "br" | "cr", ..
            } => out.line_break(),
            Node::Start {
                name: "tc",
                empty: false,
                ..
            } => cells += 1,
            Node::End { name: "tc" } => {
                cells = cells.saturating_sub(1);
                out.tab();
            }
            Node::End { name: "p" } if cells > 0 => out.words(" "),
            Node::End { name: "tr" } => out.line_break(),
            Node::End { name: "p" | "tbl" } => out.paragraph(),
            _ => {}
        }
        !out.is_full() && !budget.spent()
    })
}

/// Title, author and date from Dublin Core properties (DOCX's core.xml, ODT's meta.xml and
/// EPUB's package metadata name them alike).
pub(crate) fn properties(xml: &str, extracted: &mut Extracted) {
    let wanted = [
        "title",
        "creator",
        "initial-creator",
        "date",
        "created",
        "modified",
    ];
    let found = xml::first_texts(xml, &wanted);
    let value = |name: &str| {
        found
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.clone())
    };
    extracted.title = value("title").filter(|title| !title.trim().is_empty());
    extracted.date = ["date", "created", "modified"]
        .iter()
        .find_map(|name| crate::text::dates::iso(&value(name)?));
    if let Some(author) = value("creator").or_else(|| value("initial-creator")) {
        extracted.fields.push(("author".to_string(), author));
    }
}
