//! A PDF written with lopdf (the PDF writer), as a PDF maker lays out text: each page's lines
//! set one under the other in Helvetica with WinAnsi encoding (`£`, curly quotes and dashes
//! are in it), the document information's title and creation date set.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};

/// A PDF of `pages`, each a list of lines, with `title` and a creation date of `date`
/// (`YYYYMMDD`) in its information dictionary.
pub(crate) fn pdf(pages: &[Vec<String>], title: &str, date: &str) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let font = document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = document.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
    });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![13.into()]),
            Operation::new("Td", vec![50.into(), 800.into()]),
        ];
        for line in lines {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(line);
            assert!(!unmappable, "not in WinAnsi: {line}");
            operations.push(Operation::new(
                "Tj",
                vec![Object::String(bytes.into_owned(), StringFormat::Literal)],
            ));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }
            .encode()
            .unwrap_or_else(|error| panic!("content: {error}"));
        let contents = document.add_object(Stream::new(dictionary! {}, content));
        kids.push(Object::from(document.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => contents,
        })));
    }
    let count = kids.len() as i64;
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = document.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    let info = document.add_object(dictionary! {
        "Title" => Object::string_literal(title),
        "CreationDate" => Object::string_literal(format!("D:{date}120000Z")),
    });
    document.trailer.set("Root", catalog);
    document.trailer.set("Info", info);
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .unwrap_or_else(|error| panic!("saving the PDF: {error}"));
    bytes
}

/// `text` laid out in lines of at most `width` characters, cut between words, and those
/// lines in pages of `per_page`.
pub(crate) fn paged(text: &str, width: usize, per_page: usize) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    for paragraph in text.lines().filter(|line| !line.trim().is_empty()) {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.chunks(per_page).map(<[String]>::to_vec).collect()
}
