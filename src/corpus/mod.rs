//! The corpus: every document found under the user's path with its title and metadata, and
//! every file that was skipped with the reason; the one way to read a document's text
//! (`document_text`, `source`). Bodies are read on demand, never kept here. May use `text` and `work`.

mod beneath;
pub(crate) mod bytes;
pub(crate) mod decode;
mod doc;
pub(crate) mod document_text;
pub(crate) mod extract;
pub(crate) mod extracted;
pub(crate) mod extracted_cache;
pub(crate) mod fields_seen;
pub(crate) mod file_stamp;
pub(crate) mod inputs;
pub(crate) mod jsonl;
pub(crate) mod kept;
pub(crate) mod known;
pub(crate) mod loader;
pub(crate) mod mailbox;
pub(crate) mod read;
pub(crate) mod sentence;
pub(crate) mod source;
pub(crate) mod store;
pub(crate) mod title;
pub(crate) mod walk;
pub(crate) mod write;

use crate::text::sanitize::sanitize_line;
use decode::Decoding;
pub use doc::Doc;
pub use inputs::Inputs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::DocStore;
pub use walk::WalkOptions;
pub(crate) use walk::{Skipped, Skips};

/// One document as listed: what is needed to show and filter it without reading its body.
/// Kept small (about 70 bytes plus the path and title), as a corpus may hold a million.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMeta {
    /// Where to read it (the user's path joined with the walk); shared by the records of one
    /// JSON Lines file.
    pub path: Arc<Path>,
    /// The derived title, made safe to show.
    pub title: Box<str>,
    /// `YYYY-MM-DD` from front matter or a leading `date` prefix.
    pub date: Option<Box<str>>,
    /// The value of the field the counts are grouped by (`--group-by`): a record's field, or
    /// a file's front matter key. None when there is no such field (or none was named).
    pub group: Option<Box<str>>,
    /// Size in bytes when it was listed.
    pub size: u64,
    /// Where in its file the document is, when it is a record of a JSON Lines file.
    pub record: Option<RecordAt>,
    /// When the file was last changed as listed (nanoseconds since 1970; 0 for a record).
    pub modified: i64,
    /// How it may be reached: following links (the path the user gave, or `--follow`), or
    /// refusing a link anywhere the walk went below the user's path.
    pub reach: read::Reach,
    /// Its position in the corpus when the lasting store was written, when its listing was
    /// taken from the store (the file unchanged since): what the stored word index knows it by.
    pub stored: Option<u32>,
}

/// A record's place in a JSON Lines file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordAt {
    /// Byte offset of the line.
    pub offset: u64,
    /// Line number, from 1.
    pub line: u64,
}

impl DocMeta {
    /// A document known by its path and title alone (size 0, no date, not a record): what
    /// tests and benchmarks make corpora of.
    pub fn titled(path: &Path, title: &str) -> DocMeta {
        DocMeta {
            path: path.into(),
            title: title.into(),
            date: None,
            group: None,
            size: 0,
            record: None,
            modified: 0,
            reach: read::Reach::Following,
            stored: None,
        }
    }

    /// The document seen through the one view every part reads documents by.
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            path: &self.path,
            title: self.title.as_bytes(),
            date: self.date.as_deref(),
            group: self.group.as_deref(),
            size: self.size,
            record: self.record,
            modified: self.modified,
            reach: self.reach,
            stored: self.stored,
        }
    }
}

/// All documents, in the order found (each folder in path order, with where records keep
/// their text), and the files that could not be taken.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The folder documents are shown relative to ([`Inputs::base`]): the user's one path,
    /// the folder several share, or empty.
    pub root: PathBuf,
    /// The paths named on the command line: a saved file is never written inside them.
    pub named: Vec<PathBuf>,
    pub docs: DocStore,
    pub skipped: Skips,
}

/// Why a corpus could not be opened at all.
#[derive(Debug)]
pub enum LoadError {
    Missing,
    Unreadable(std::io::Error),
    NoDocuments {
        extensions: Vec<String>,
        skipped: usize,
    },
    /// A JSON Lines file without a single record.
    NoRecords {
        skipped: usize,
    },
    /// Standard input listed no document that could be read.
    NothingListed {
        skipped: usize,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Missing => write!(f, "no such file or directory"),
            LoadError::Unreadable(error) => write!(f, "cannot be read: {error}"),
            LoadError::NoDocuments {
                extensions,
                skipped,
            } => {
                let wanted: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
                write!(f, "no documents found (looked for {})", wanted.join(" "))?;
                if *skipped > 0 {
                    write!(f, "; {skipped} entries could not be read")?;
                }
                Ok(())
            }
            LoadError::NothingListed { skipped } => {
                write!(
                    f,
                    "no documents listed (one path a line, or NUL-separated with --read0)"
                )?;
                if *skipped > 0 {
                    write!(f, "; {skipped} could not be taken (--verbose says why)")?;
                }
                Ok(())
            }
            LoadError::NoRecords { skipped } => {
                write!(f, "no records found (one JSON object per line)")?;
                if *skipped > 0 {
                    write!(f, "; {skipped} lines could not be read")?;
                }
                Ok(())
            }
        }
    }
}

/// Checks that `root` exists and can be read, before anything else is done with it.
pub(crate) fn check_root(root: &Path) -> Result<(), LoadError> {
    let metadata = std::fs::metadata(root).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing,
        _ => LoadError::Unreadable(error),
    })?;
    if metadata.is_dir() {
        std::fs::read_dir(root).map_err(LoadError::Unreadable)?;
    }
    Ok(())
}

/// Walks the inputs and reads the head of every document found for its title and date,
/// using every core, and returns them all in the order found.
pub fn load(inputs: &Inputs, options: &WalkOptions) -> Result<Corpus, LoadError> {
    inputs.check().map_err(|(_, error)| error)?;
    let (mut docs, mut skipped) = (Vec::new(), Skips::default());
    for event in loader::spawn(inputs.clone(), options.clone()) {
        match event {
            // A file's records from the store are taken as they are, not copied.
            loader::LoadEvent::Documents(batch) => store::Listed::gather(&mut docs, batch),
            loader::LoadEvent::Skipped(batch) => skipped.extend(batch),
        }
    }
    if docs.is_empty() {
        return Err(no_documents(inputs, options, skipped.len()));
    }
    // Few chunks: the documents listed now gathered in one, each kept file's records in one.
    Ok(Corpus {
        root: inputs.base(),
        named: inputs.named().to_vec(),
        docs: DocStore::of(docs, options.records.clone()).decoding(options.decoding),
        skipped,
    })
}

/// The error for a corpus where nothing could be listed.
pub(crate) fn no_documents(inputs: &Inputs, options: &WalkOptions, skipped: usize) -> LoadError {
    let named = inputs.named();
    if matches!(inputs, Inputs::Listed { .. }) {
        LoadError::NothingListed { skipped }
    } else if !named.is_empty() && named.iter().all(|path| inputs::holds_records(path)) {
        LoadError::NoRecords { skipped }
    } else {
        LoadError::NoDocuments {
            extensions: options.extensions.clone(),
            skipped,
        }
    }
}

/// Reads one document's head and derives its listing. Err holds why it was skipped.
/// `reach` says how the walk reached it (see [`read::open_document`]).
/// `group` names the front matter key whose value groups counts (`--group-by`).
pub fn describe(
    path: &Path,
    reach: read::Reach,
    decoding: Decoding,
    group: Option<&str>,
) -> Result<DocMeta, String> {
    if let Some(format) = extract::Format::of(path) {
        return extracted::describe_extracted(path, reach, format, group);
    }
    let head = read::read_document(path, reach, read::HEAD_BYTES).map_err(|e| e.to_string())?;
    describe_read(path, reach, &head, decoding, group)
}

/// Derives a document's listing from bytes read from its start (the first
/// [`read::HEAD_BYTES`] of them count, as when only those are read).
pub(crate) fn describe_read(
    path: &Path,
    reach: read::Reach,
    read: &read::Capped,
    decoding: Decoding,
    group: Option<&str>,
) -> Result<DocMeta, String> {
    if let Some(format) = extract::Format::of(path) {
        return extracted::describe_extracted(path, reach, format, group);
    }
    check_text(path, read)?;
    let head = &read.bytes[..read.bytes.len().min(read::HEAD_BYTES)];
    let text = decoding.decode(head, read.truncated || head.len() < read.bytes.len());
    let heading = title::extract(&text);
    let title = heading.title.unwrap_or_else(|| file_name(path));
    Ok(DocMeta {
        path: path.into(),
        title: sanitize_line(&title).into_boxed_str(),
        date: heading.date.map(String::into_boxed_str),
        group: group
            .and_then(|key| title::front_matter_field(&text, key))
            .map(|value| sanitize_line(&value).into_boxed_str()),
        size: read.size,
        record: None,
        modified: read.modified,
        reach,
        stored: None,
    })
}

/// Whether bytes read from a file's start are text: Err says why not (a NUL near the start
/// means binary), the reason the file is skipped. A format folio extracts is not text, and
/// is not asked.
pub(crate) fn check_text(path: &Path, read: &read::Capped) -> Result<(), String> {
    if extract::Format::of(path).is_some() {
        return Ok(());
    }
    let head = &read.bytes[..read.bytes.len().min(read::HEAD_BYTES)];
    match decode::looks_binary(head) {
        true => Err("binary (NUL byte near the start)".to_string()),
        false => Ok(()),
    }
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn options() -> WalkOptions {
        WalkOptions {
            extensions: vec!["txt".into()],
            ..WalkOptions::default()
        }
    }

    #[test]
    fn lists_titles_dates_and_folders() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::create_dir(dir.path().join("sub"))?;
        fs::write(
            dir.path().join("sub/a.txt"),
            "date 2020-01-02 Hello there. More.",
        )?;
        fs::write(dir.path().join("b.txt"), "\n\n")?;
        fs::write(dir.path().join("c.txt"), b"bin\x00ary")?;
        let corpus = load(&Inputs::one(dir.path()), &options())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let titles: Vec<(&str, String, Option<&str>)> = corpus
            .docs
            .iter()
            .map(|d| (d.title(), d.folder(dir.path()), d.date))
            .collect();
        assert_eq!(
            titles,
            vec![
                ("b.txt", ".".to_string(), None),
                ("Hello there.", "sub".to_string(), Some("2020-01-02"))
            ]
        );
        assert_eq!(corpus.skipped.len(), 1);
        assert!(corpus.skipped.kept()[0].reason.contains("binary"));
        Ok(())
    }

    #[test]
    fn missing_and_empty_roots_are_errors() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(matches!(
            load(&Inputs::one(&dir.path().join("nope")), &options()),
            Err(LoadError::Missing)
        ));
        assert!(matches!(
            load(&Inputs::one(dir.path()), &options()),
            Err(LoadError::NoDocuments { .. })
        ));
        Ok(())
    }

    #[test]
    fn titles_with_escape_bytes_are_sanitized() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("x.txt"), "\u{1b}]0;pwned\u{7}Title")?;
        let corpus = load(&Inputs::one(dir.path()), &options())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        assert_eq!(corpus.docs.at(0).title(), "␛]0;pwned␇Title");
        Ok(())
    }
}
