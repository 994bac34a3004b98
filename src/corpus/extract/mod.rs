//! Documents as they come: HTML, PDF, Word (DOCX), OpenDocument text (ODT), EPUB and e-mail
//! (`.eml`) read as text with their own title, date and fields, behind one interface —
//! [`extract_bytes`] makes a file's bytes an [`Extracted`] by the file's format module,
//! bounded in size and time (see [`limits`]). The corpus asks it (`corpus::extracted`, with
//! the lasting cache in front); every part of folio that reads a document's text goes
//! through `document_text`/`source`, which ask there first, so nothing downstream knows a
//! file was a PDF. A leaf below the rest of the corpus: may use `text`.

mod bounded;
mod docx;
pub(crate) mod email;
mod epub;
mod html;
pub(crate) mod isolated;
pub(crate) mod limits;
mod odt;
mod pages;
mod pdf;
mod text_out;
mod xml;
mod zipped;

use std::path::Path;

pub(crate) use pages::{PAGE_BREAK, page_at, page_breaks, page_header};

/// The formats folio extracts, each known by its file name's extension (all listed by
/// default: `walk::DEFAULT_EXTENSIONS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    Html,
    Pdf,
    Docx,
    Odt,
    Epub,
    Email,
}

impl Format {
    /// The format a file's name says it is in, by its extension (any case); None for text.
    pub(crate) fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.as_encoded_bytes();
        let is = |name: &str| extension.eq_ignore_ascii_case(name.as_bytes());
        Some(match () {
            _ if is("html") || is("htm") || is("xhtml") => Format::Html,
            _ if is("pdf") => Format::Pdf,
            _ if is("docx") => Format::Docx,
            _ if is("odt") => Format::Odt,
            _ if is("epub") => Format::Epub,
            _ if is("eml") => Format::Email,
            _ => return None,
        })
    }

    /// The version of this format's extractor: text cached by an older one is extracted again.
    pub(crate) fn version(self) -> u32 {
        match self {
            Format::Html => 1,
            Format::Pdf => 1,
            Format::Docx => 1,
            Format::Odt => 1,
            Format::Epub => 1,
            Format::Email => 1,
        }
    }

    /// What the format is called in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Docx => "Word",
            Format::Odt => "OpenDocument",
            Format::Epub => "EPUB",
            Format::Email => "e-mail",
        }
    }
}

/// Every format's extractor version, for the lasting store's settings: titles listed by an
/// older extractor are listed again.
pub(crate) fn versions() -> String {
    let formats = [
        Format::Html,
        Format::Pdf,
        Format::Docx,
        Format::Odt,
        Format::Epub,
        Format::Email,
    ];
    let each = formats.map(|format| format!("{}{}", format.name(), format.version()));
    each.join(",")
}

/// A document's text as extracted, with what the format itself says about the document.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Extracted {
    /// The text, paragraphs separated by blank lines; a PDF's pages each start after a
    /// [`PAGE_BREAK`] line.
    pub text: String,
    /// The title the document gives itself (HTML `<title>`, the document properties, an
    /// e-mail's subject), None when it gives none (the title is then taken from the text).
    pub title: Option<String>,
    /// `YYYY-MM-DD`, from the document's metadata.
    pub date: Option<String>,
    /// Other fields, `(name, value)`, names lowercase (`from`, `to`, `author`…): shown in the
    /// reader's header and grouped by with `--group-by NAME`.
    pub fields: Vec<(String, String)>,
}

impl Extracted {
    /// The value of field `name` (any case).
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        let (_, value) = self
            .fields
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))?;
        Some(value)
    }

    /// The fields as the reader's header shows them, `name: value`.
    pub(crate) fn header_lines(&self) -> Vec<String> {
        let fields = self.fields.iter();
        fields
            .map(|(name, value)| format!("{name}: {value}"))
            .collect()
    }
}

/// Extracts a document in format `format` from its bytes: the format's module, bounded, its
/// panics caught (a malformed file must not end folio) and said as the reason; a PDF in a
/// child process when folio runs as itself (see `isolated`).
pub(crate) fn extract_bytes(bytes: &[u8], format: Format) -> Result<Extracted, String> {
    if format == Format::Pdf
        && let Some(outcome) = isolated::extract_pdf(bytes)
    {
        return outcome.map(tidy);
    }
    extract_in_process(bytes, format)
}

/// [`extract_bytes`] in this process.
pub(crate) fn extract_in_process(bytes: &[u8], format: Format) -> Result<Extracted, String> {
    let budget = bounded::Budget::start();
    let extracted = bounded::catching_panics(|| match format {
        Format::Html => Ok(html::extract(bytes, &budget)),
        Format::Pdf => pdf::extract(bytes, &budget),
        Format::Docx => docx::extract(bytes, &budget),
        Format::Odt => odt::extract(bytes, &budget),
        Format::Epub => epub::extract(bytes, &budget),
        Format::Email => email::extract(bytes, &budget, 0),
    })
    .map_err(|why| format!("{} reader failed: {why}", format.name()))??;
    Ok(tidy(extracted))
}

/// The extracted text with no line ending in spaces, runs of blank lines cut to one, and
/// metadata trimmed: the same text whatever the format's spacing habits.
fn tidy(mut extracted: Extracted) -> Extracted {
    let mut text = String::with_capacity(extracted.text.len());
    let mut blank = true;
    for line in extracted.text.lines() {
        // Not `trim_end`: a page break's form feed is white space to it.
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            if !blank {
                text.push('\n');
            }
            blank = true;
            continue;
        }
        text.push_str(line);
        text.push('\n');
        blank = false;
    }
    extracted.text = text;
    let clean = |value: String| -> Option<String> {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!value.is_empty()).then_some(value)
    };
    extracted.title = extracted.title.and_then(clean);
    extracted.fields = std::mem::take(&mut extracted.fields)
        .into_iter()
        .filter_map(|(name, value)| {
            let value = clean(crate::text::cut::at_most(&value, FIELD_BYTES).to_string())?;
            Some((name, value))
        })
        .collect();
    extracted
}

/// A field's value is cut to this many bytes (the reader's header shows it on a line).
const FIELD_BYTES: usize = 4096;

/// Whether a panic on this thread is being caught by an extraction (the panic hooks stay
/// quiet then: the file is skipped with the reason, folio goes on).
pub(crate) fn panic_is_caught() -> bool {
    bounded::panic_is_caught()
}
