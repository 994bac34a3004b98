//! A document in a format folio extracts (HTML, PDF, Word…) as the corpus reads it: its text
//! and metadata from the lasting cache when it holds the file as it is now, else read and
//! extracted (`extract`) and then cached; and its listing from what the format says.

use super::extract::{self, Extracted, PAGE_BREAK};
use super::read::{self, Reach, Stamp};
use super::title;
use super::{DocMeta, extracted_cache};
use crate::text::sanitize::sanitize_line;
use std::path::Path;
use std::sync::Arc;

/// The text and metadata of the file at `path` in format `format`: from the cache when it
/// holds the file as it is now (size and last change), else read (at most
/// [`extract::limits::INPUT_BYTES`]) and extracted, then cached. Err says why it cannot be read — the
/// reason a file is skipped.
pub(crate) fn extracted(
    path: &Path,
    reach: Reach,
    format: extract::Format,
) -> Result<(Arc<Extracted>, Stamp), String> {
    let (file, opened) = read::open_document(path, reach).map_err(|error| error.to_string())?;
    let stamp = Stamp::of(&opened);
    let key = extracted_cache::Key::of(path, stamp, format);
    if let Some(kept) = extracted_cache::recall(&key) {
        return Ok((kept, stamp));
    }
    if opened.len() == 0 {
        return Err(format!("an empty {} file", format.name()));
    }
    if opened.len() > extract::limits::INPUT_BYTES as u64 {
        return Err(format!(
            "{} file too big to extract (over {} MiB)",
            format.name(),
            extract::limits::INPUT_BYTES >> 20
        ));
    }
    let read = read::read_opened(&file, &opened, extract::limits::INPUT_BYTES)
        .map_err(|error| error.to_string())?;
    let made = Arc::new(extract::extract_bytes(&read.bytes, format)?);
    extracted_cache::keep(&key, &made);
    Ok((made, stamp))
}

/// The text of a document in a format folio extracts, or None for any other file; Err (as
/// an I/O error, as reading a file gives) says why it cannot be read.
pub(crate) fn text_of(
    path: &Path,
    reach: Reach,
) -> Option<std::io::Result<(Arc<Extracted>, Stamp)>> {
    let format = extract::Format::of(path)?;
    Some(extracted(path, reach, format).map_err(std::io::Error::other))
}

/// A document in a format folio extracts, listed by what the format says of it: its title
/// (cut as a title taken from text is: a 10 MB subject lists as 200 characters), else one
/// taken from the start of its text as for plain text; its date; `group`, the field named by
/// `--group-by` (`from`, `author`…).
pub(crate) fn describe_extracted(
    path: &Path,
    reach: Reach,
    format: extract::Format,
    group: Option<&str>,
) -> Result<DocMeta, String> {
    let (extracted, stamp) = extracted(path, reach, format)?;
    let heading = title::extract(lead(&extracted));
    let title = (extracted.title.as_deref())
        .map(title::cut_at_word)
        .or(heading.title)
        .unwrap_or_else(|| super::file_name(path));
    Ok(DocMeta {
        path: path.into(),
        title: sanitize_line(&title).into_boxed_str(),
        date: (extracted.date.clone())
            .or(heading.date)
            .map(String::into_boxed_str),
        group: group
            .and_then(|key| extracted.field(key))
            .map(|value| sanitize_line(value).into_boxed_str()),
        size: stamp.size,
        record: None,
        modified: stamp.modified,
        reach,
        stored: None,
    })
}

/// Where the title and date are looked for when the format gives none: the text's start,
/// after a first page's break.
fn lead(extracted: &Extracted) -> &str {
    let text = extracted
        .text
        .strip_prefix(PAGE_BREAK)
        .unwrap_or(&extracted.text);
    crate::text::cut::at_most(text, read::HEAD_BYTES)
}
