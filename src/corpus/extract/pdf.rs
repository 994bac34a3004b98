//! PDF: the text of each page in reading order (pdf-extract over lopdf), each page after a
//! break line of its own (a form feed, see `pages`), title, author and date from the
//! document information dictionary. At most [`limits::PDF_PAGES`] pages and
//! [`limits::SECONDS`] are spent, then the text says where it stopped; a PDF without a text
//! layer (a scan) is skipped with that reason: folio does no OCR.

use super::bounded::Budget;
use super::pages::PAGE_BREAK;
use super::{Extracted, limits, xml};
use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, PlainTextOutput, Transform};

pub(crate) fn extract(bytes: &[u8], budget: &Budget) -> Result<Extracted, String> {
    // lopdf reads every object before the first page: a file of millions (a million pages)
    // would cost a GiB and a quarter of a minute, so it is refused from a count first.
    let objects = objects_in(bytes);
    if objects > limits::PDF_OBJECTS {
        return Err(format!(
            "a PDF of {objects} objects (at most {} are read)",
            limits::PDF_OBJECTS
        ));
    }
    let mut document =
        Document::load_mem(bytes).map_err(|error| format!("not a readable PDF ({error})"))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err("encrypted PDF (needs a password)".to_string());
    }
    let count = document.get_pages().len();
    if count == 0 {
        return Err("PDF with no pages (a broken page tree?)".to_string());
    }
    // pdf-extract's plain text writer (which lays characters out in lines by their position)
    // writes into `sink`; each page's text is taken from it as the next begins.
    let mut sink = Shared::default();
    let page = std::rc::Rc::clone(&sink.0);
    let mut pages = Pages {
        text: String::new(),
        plain: PlainTextOutput::new(&mut sink as &mut dyn std::io::Write),
        page,
        read: 0,
        stopped: None,
        budget,
        characters: 0,
    };
    let outcome = pdf_extract::output_doc(&document, &mut pages);
    pages.end_page_text();
    let mut text = std::mem::take(&mut pages.text);
    match (pages.stopped, outcome) {
        (Some(why), _) => text.push_str(&format!(
            "\n[folio: stopped after page {}: {why}]\n",
            pages.read
        )),
        (None, Err(error)) if pages.read < count => text.push_str(&format!(
            "\n[folio: the PDF could not be read past page {}: {error:?}]\n",
            pages.read
        )),
        _ => {}
    }
    if pages.characters == 0 {
        return Err(format!(
            "PDF with no text found ({count} pages: a scan, which folio does not OCR, or text \
             its PDF reader cannot decode; try pdftotext)"
        ));
    }
    let mut extracted = Extracted {
        text,
        ..Extracted::default()
    };
    information(&document, &mut extracted);
    xmp(bytes, &mut extracted);
    Ok(extracted)
}

/// The text gathered page by page, stopping at the page or time bound.
struct Pages<'a> {
    text: String,
    plain: PlainTextOutput<&'a mut dyn std::io::Write>,
    /// The page being read, as `plain` writes it.
    page: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
    read: usize,
    stopped: Option<String>,
    budget: &'a Budget,
    /// Characters other than white space seen in all pages.
    characters: usize,
}

impl Pages<'_> {
    /// Adds the page read to the text, after its header.
    fn end_page_text(&mut self) {
        let page = std::mem::take(&mut *self.page.borrow_mut());
        if self.read == 0 {
            return;
        }
        let page = unligatured(&String::from_utf8_lossy(&page));
        self.text.push_str(PAGE_BREAK);
        self.characters += page.chars().filter(|c| !c.is_whitespace()).count();
        self.text.push_str(page.trim_matches('\n'));
        self.text.push_str("\n\n");
    }

    /// Err (which stops pdf-extract) once a bound is reached.
    fn check(&mut self) -> Result<(), OutputError> {
        let why = if self.read >= limits::PDF_PAGES {
            format!("at most {} pages are read", limits::PDF_PAGES)
        } else if self.budget.spent() {
            format!("{} s spent", limits::SECONDS)
        } else if self.text.len() > limits::TEXT_BYTES {
            format!("the text reached {} MiB", limits::TEXT_BYTES >> 20)
        } else {
            return Ok(());
        };
        self.stopped = Some(why);
        Err(OutputError::FormatError(std::fmt::Error))
    }
}

impl OutputDev for Pages<'_> {
    fn begin_page(
        &mut self,
        number: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.end_page_text();
        self.check()?;
        self.read += 1;
        self.plain.begin_page(number, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.plain
            .output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.plain.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.plain.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.plain.end_line()
    }
}

/// Title, author and date from the document information dictionary.
fn information(document: &Document, extracted: &mut Extracted) {
    let Some(info) = document
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| match info {
            Object::Reference(id) => document.get_dictionary(*id).ok(),
            Object::Dictionary(dictionary) => Some(dictionary),
            _ => None,
        })
    else {
        return;
    };
    let text = |key: &[u8]| match info.get(key).ok()? {
        Object::String(bytes, _) => Some(text_string(bytes)),
        _ => None,
    };
    extracted.title = text(b"Title").filter(|title| !title.trim().is_empty());
    extracted.date = text(b"CreationDate")
        .or_else(|| text(b"ModDate"))
        .and_then(|date| crate::text::dates::iso(&date));
    if let Some(author) = text(b"Author").filter(|author| !author.trim().is_empty()) {
        extracted.fields.push(("author".to_string(), author));
    }
}

/// What the document information does not give, from the XMP metadata packet (written
/// uncompressed, as the XMP standard asks, so it is found in the file's bytes): `dc:title`,
/// `xmp:CreateDate` or `dc:date`, `dc:creator`.
fn xmp(bytes: &[u8], extracted: &mut Extracted) {
    let Some(start) = memchr::memmem::find(bytes, b"<x:xmpmeta") else {
        return;
    };
    let Some(length) = memchr::memmem::find(&bytes[start..], b"</x:xmpmeta>") else {
        return;
    };
    let packet = String::from_utf8_lossy(&bytes[start..start + length + 12]);
    let found = xml::first_texts(&packet, &["title", "CreateDate", "date", "creator"]);
    let value = |name: &str| {
        let (_, value) = found.iter().find(|(found, _)| found == name)?;
        Some(value.trim().to_string()).filter(|value| !value.is_empty())
    };
    if extracted.title.is_none() {
        extracted.title = value("title");
    }
    if extracted.date.is_none() {
        extracted.date = value("CreateDate")
            .or_else(|| value("date"))
            .and_then(|date| crate::text::dates::iso(&date));
    }
    if extracted.field("author").is_none()
        && let Some(author) = value("creator")
    {
        extracted.fields.push(("author".to_string(), author));
    }
}

/// The text with typeset ligatures (`ﬁ`, `ﬂ`, `ﬀ`, `ﬃ`, `ﬄ`, `ﬅ`, `ﬆ`) written out as their
/// letters, as pdftotext gives them: "efﬁcient" is found by `efficient`.
fn unligatured(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// A PDF text string: UTF-16 after its byte-order mark, else PDFDocEncoding (Latin-1 for
/// the characters that matter here).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units = utf16
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        None => bytes.iter().map(|&byte| char::from(byte)).collect(),
    }
}

/// A page's text as pdf-extract writes it, shared with whoever takes it.
#[derive(Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How many objects a PDF holds: the most of what its last cross-reference section declares
/// (`/Size`, which counts those packed in object streams too) and the objects written out
/// (`endobj`), so neither can be understated alone.
fn objects_in(bytes: &[u8]) -> usize {
    let written = memchr::memmem::find_iter(bytes, b"endobj").count();
    let declared = memchr::memmem::rfind(bytes, b"/Size").map_or(0, |at| {
        bytes[at + 5..]
            .iter()
            .skip_while(|byte| byte.is_ascii_whitespace())
            .take_while(|byte| byte.is_ascii_digit())
            .take(12)
            .fold(0usize, |number, &digit| {
                number * 10 + usize::from(digit - b'0')
            })
    });
    written.max(declared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_are_letters() {
        assert_eq!(unligatured("e\u{FB03}cient \u{FB01}lm"), "efficient film");
    }

    #[test]
    fn xmp_gives_what_the_information_does_not() {
        let bytes = b"%PDF-1.7 ... <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description>\
            <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Annual report</rdf:li></rdf:Alt></dc:title>\
            <xmp:CreateDate>2019-11-05T10:00:00Z</xmp:CreateDate>\
            <dc:creator><rdf:Seq><rdf:li>Ann Lee</rdf:li></rdf:Seq></dc:creator>\
            </rdf:Description></rdf:RDF></x:xmpmeta> ...";
        let mut extracted = Extracted::default();
        xmp(bytes, &mut extracted);
        assert_eq!(extracted.title.as_deref(), Some("Annual report"));
        assert_eq!(extracted.date.as_deref(), Some("2019-11-05"));
        assert_eq!(extracted.field("author"), Some("Ann Lee"));
        let mut given = Extracted {
            title: Some("Given".to_string()),
            ..Extracted::default()
        };
        xmp(bytes, &mut given);
        assert_eq!(given.title.as_deref(), Some("Given"));
    }
}
