//! The corpus: every document found under the user's path with its title and metadata, and
//! every file that was skipped with the reason. Bodies are read on demand, never kept here.

pub mod decode;
pub mod read;
pub mod title;
pub mod walk;

use crate::text::sanitize::sanitize_line;
use std::path::{Path, PathBuf};
pub use walk::{Skipped, WalkOptions};

/// One document as listed: what is needed to show and filter it without reading its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMeta {
    /// Where to read it (the user's path joined with the walk).
    pub path: PathBuf,
    /// `path` made safe to show or print.
    pub display_path: String,
    /// The folder it is in, relative to the user's path (`.` for the top), made safe to show.
    pub folder: String,
    /// The derived title, made safe to show.
    pub title: String,
    /// `YYYY-MM-DD` from front matter or a leading `date` prefix.
    pub date: Option<String>,
    /// Size in bytes when it was listed.
    pub size: u64,
}

/// All documents, in path order, and the files that could not be taken.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<DocMeta>,
    pub skipped: Vec<Skipped>,
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
        }
    }
}

/// Walks `root` and reads the head of every document found for its title and date.
pub fn load(root: &Path, options: &WalkOptions) -> Result<Corpus, LoadError> {
    let metadata = std::fs::metadata(root).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing,
        _ => LoadError::Unreadable(error),
    })?;
    if metadata.is_dir() {
        std::fs::read_dir(root).map_err(LoadError::Unreadable)?;
    }
    let found = walk::find_documents(root, options);
    let mut corpus = Corpus {
        docs: Vec::with_capacity(found.files.len()),
        skipped: found.skipped,
    };
    for path in found.files {
        match describe(root, &path) {
            Ok(doc) => corpus.docs.push(doc),
            Err(reason) => corpus.skipped.push(Skipped { path, reason }),
        }
    }
    if corpus.docs.is_empty() {
        return Err(LoadError::NoDocuments {
            extensions: options.extensions.clone(),
            skipped: corpus.skipped.len(),
        });
    }
    Ok(corpus)
}

/// Reads one document's head and derives its listing. Err holds why it was skipped.
pub fn describe(root: &Path, path: &Path) -> Result<DocMeta, String> {
    let head = read::read_capped(path, read::HEAD_BYTES).map_err(|e| e.to_string())?;
    if decode::looks_binary(&head.bytes) {
        return Err("binary (NUL byte near the start)".to_string());
    }
    let text = decode::decode(&head.bytes, head.truncated);
    let heading = title::extract(&text);
    let title = heading.title.unwrap_or_else(|| file_name(path));
    Ok(DocMeta {
        path: path.to_path_buf(),
        display_path: sanitize_line(&path.to_string_lossy()),
        folder: sanitize_line(&relative_folder(root, path)),
        title: sanitize_line(&title),
        date: heading.date,
        size: head.size,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn relative_folder(root: &Path, path: &Path) -> String {
    let folder = path
        .parent()
        .and_then(|parent| parent.strip_prefix(root).ok())
        .map(|relative| relative.to_string_lossy().into_owned())
        .unwrap_or_default();
    if folder.is_empty() {
        ".".to_string()
    } else {
        folder
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn options() -> WalkOptions {
        WalkOptions {
            extensions: vec!["txt".into()],
            hidden: false,
            follow: false,
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
        let corpus =
            load(dir.path(), &options()).map_err(|e| std::io::Error::other(e.to_string()))?;
        let titles: Vec<(&str, &str, Option<&str>)> = corpus
            .docs
            .iter()
            .map(|d| (d.title.as_str(), d.folder.as_str(), d.date.as_deref()))
            .collect();
        assert_eq!(
            titles,
            vec![
                ("b.txt", ".", None),
                ("Hello there.", "sub", Some("2020-01-02"))
            ]
        );
        assert_eq!(corpus.skipped.len(), 1);
        assert!(corpus.skipped[0].reason.contains("binary"));
        Ok(())
    }

    #[test]
    fn missing_and_empty_roots_are_errors() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(matches!(
            load(&dir.path().join("nope"), &options()),
            Err(LoadError::Missing)
        ));
        assert!(matches!(
            load(dir.path(), &options()),
            Err(LoadError::NoDocuments { .. })
        ));
        Ok(())
    }

    #[test]
    fn titles_with_escape_bytes_are_sanitized() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("x.txt"), "\u{1b}]0;pwned\u{7}Title")?;
        let corpus =
            load(dir.path(), &options()).map_err(|e| std::io::Error::other(e.to_string()))?;
        assert_eq!(corpus.docs[0].title, "␛]0;pwned␇Title");
        Ok(())
    }
}
