//! Finding the candidate documents under a path: a recursive walk that keeps regular files with
//! a wanted extension, skips hidden entries unless asked, and records why anything was skipped.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What to look for while walking.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Lowercase extensions without the dot, e.g. `txt`.
    pub extensions: Vec<String>,
    /// Include files and folders whose names start with a dot.
    pub hidden: bool,
}

/// A path that was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The files found, sorted by path, and what the walk could not enter or read.
pub struct Found {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

/// Walks `root` (a folder) for documents. A root that is itself a file is taken as it is,
/// whatever its extension: the user named it.
pub fn find_documents(root: &Path, options: &WalkOptions) -> Found {
    let mut found = Found {
        files: Vec::new(),
        skipped: Vec::new(),
    };
    let walk = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || options.hidden || !is_hidden(entry.file_name())
        });
    for entry in walk {
        match entry {
            Ok(entry) if entry.depth() == 0 && entry.file_type().is_file() => {
                found.files.push(entry.into_path());
            }
            Ok(entry) if entry.file_type().is_file() => {
                if has_wanted_extension(entry.path(), &options.extensions) {
                    found.files.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(error) => found.skipped.push(Skipped {
                path: error.path().map(Path::to_path_buf).unwrap_or_default(),
                reason: error
                    .io_error()
                    .map_or_else(|| error.to_string(), ToString::to_string),
            }),
        }
    }
    found
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn has_wanted_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.iter().any(|want| want.eq_ignore_ascii_case(ext)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn options(hidden: bool) -> WalkOptions {
        WalkOptions {
            extensions: vec!["txt".into(), "md".into()],
            hidden,
        }
    }

    #[test]
    fn keeps_wanted_extensions_in_path_order_and_skips_hidden() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::create_dir_all(dir.path().join("b/.secret"))?;
        fs::write(dir.path().join("b/z.TXT"), "z")?;
        fs::write(dir.path().join("a.md"), "a")?;
        fs::write(dir.path().join("c.pdf"), "c")?;
        fs::write(dir.path().join(".hidden.txt"), "h")?;
        fs::write(dir.path().join("b/.secret/s.txt"), "s")?;
        let names = |found: Found| -> Vec<String> {
            found
                .files
                .iter()
                .filter_map(|p| p.strip_prefix(dir.path()).ok())
                .map(|p| p.display().to_string())
                .collect()
        };
        assert_eq!(
            names(find_documents(dir.path(), &options(false))),
            vec!["a.md", "b/z.TXT"]
        );
        assert_eq!(
            names(find_documents(dir.path(), &options(true))),
            vec![".hidden.txt", "a.md", "b/.secret/s.txt", "b/z.TXT"]
        );
        Ok(())
    }

    #[test]
    fn a_file_root_is_taken_whatever_its_extension() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("notes.log");
        fs::write(&file, "x")?;
        assert_eq!(find_documents(&file, &options(false)).files, vec![file]);
        Ok(())
    }
}
