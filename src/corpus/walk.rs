//! Finding the candidate documents under a path: a recursive walk that keeps regular files with
//! a wanted extension, skips hidden entries unless asked, does not follow symbolic links unless
//! asked (and then detects loops), and records why anything was skipped.

use super::read::{Reach, kind_of};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The extensions listed when neither the command line nor the configuration says.
/// Beside plain text, the formats folio extracts (`extract::Format`).
pub(crate) const DEFAULT_EXTENSIONS: [&str; 12] = [
    "txt", "md", "markdown", "text", "html", "htm", "xhtml", "pdf", "docx", "odt", "epub", "eml",
];

/// What to look for while walking.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Lowercase extensions without the dot, e.g. `txt`.
    pub extensions: Vec<String>,
    /// Include files and folders whose names start with a dot.
    pub hidden: bool,
    /// Follow symbolic links (loops are detected and skipped).
    pub follow: bool,
    /// Take every regular file whatever its extension (`--all-files`); binary files are
    /// still skipped when read.
    pub all_files: bool,
    /// Where the records of a JSON Lines corpus keep their title and text.
    pub records: super::jsonl::RecordFields,
    /// How files that are not UTF-8 are decoded.
    pub decoding: super::decode::Decoding,
    /// The listing the lasting store kept, if any: files unchanged since are not read.
    pub known: Option<std::sync::Arc<super::known::Known>>,
}

/// A path that was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The entries that were not taken: how many, and the first [`Skips::KEPT`] of them with
/// their reasons. A stream that is not a list of paths (`yes | folio`) is never held whole:
/// memory stays bounded however many entries are passed over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skips {
    kept: Vec<Skipped>,
    count: usize,
}

impl Skips {
    /// The most skipped entries kept with their reasons.
    pub const KEPT: usize = 10_000;

    pub fn push(&mut self, skipped: Skipped) {
        self.count += 1;
        if self.kept.len() < Self::KEPT {
            self.kept.push(skipped);
        }
    }

    /// Adds what another gathered, after these.
    pub fn append(&mut self, other: Skips) {
        let room = Self::KEPT.saturating_sub(self.kept.len());
        self.kept.extend(other.kept.into_iter().take(room));
        self.count += other.count;
    }

    /// How many entries were skipped.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The first of them, with their reasons.
    pub fn kept(&self) -> &[Skipped] {
        &self.kept
    }

    /// How many were skipped beyond those kept.
    pub fn unlisted(&self) -> usize {
        self.count - self.kept.len()
    }
}

impl Extend<Skipped> for Skips {
    fn extend<I: IntoIterator<Item = Skipped>>(&mut self, skipped: I) {
        for one in skipped {
            self.push(one);
        }
    }
}

/// One thing the walk reports, in path order.
pub enum Entry {
    /// A candidate document, and how it may be reached: beneath the user's path, no folder
    /// or file the walk went through may be a link when it is read (unless `--follow`).
    Candidate {
        path: PathBuf,
        reach: Reach,
    },
    /// A JSON Lines file given by name: its records are the documents.
    Records(PathBuf),
    Skipped(Skipped),
    /// The list on standard input has nothing more for now (its writer is slow), or a while
    /// has passed among entries that are not documents: what was gathered should go out
    /// rather than wait for more.
    Waiting,
}

/// Walks `root` for documents, reporting each candidate and each skip as it goes, in path
/// order. A root that is itself a file is taken as it is, whatever its extension: the user
/// named it.
pub(crate) fn walk(root: &Path, options: &WalkOptions, mut report: impl FnMut(Entry)) {
    let walk = WalkDir::new(root)
        .follow_links(options.follow)
        // Path order. Entries of one folder share its path, so comparing whole paths as bytes
        // orders them by name, without parsing each path's components per comparison as
        // `sort_by_file_name` does (a tenth of listing's time in big folders).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || options.hidden || !is_hidden(entry.file_name())
        });
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                report(Entry::Skipped(Skipped {
                    path: error.path().map(Path::to_path_buf).unwrap_or_default(),
                    reason: walk_error_reason(&error),
                }));
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let wanted = entry.depth() == 0
            || options.all_files
            || has_wanted_extension(entry.file_name(), &options.extensions);
        if file_type.is_file() {
            if !wanted && crate::corpus::mailbox::named_mbox(entry.path()) {
                // Not read in a folder (as a JSON Lines file is not): said, not passed over.
                report(Entry::Skipped(Skipped {
                    reason: "a mailbox: name it on the command line (folio FILE.mbox) to read \
                             its messages"
                        .to_string(),
                    path: entry.into_path(),
                }));
            } else if wanted {
                let reach = match (options.follow, entry.depth()) {
                    (false, depth @ 1..) if !entry.path_is_symlink() => {
                        Reach::Beneath(u16::try_from(depth).unwrap_or(u16::MAX))
                    }
                    _ => Reach::Following,
                };
                report(Entry::Candidate {
                    path: entry.into_path(),
                    reach,
                });
            }
        } else if file_type.is_symlink() {
            // Only reached when links are not followed: say so for links that would count.
            let target_is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            if wanted || target_is_dir {
                report(Entry::Skipped(Skipped {
                    path: entry.into_path(),
                    reason: "symbolic link, not followed (use --follow)".to_string(),
                }));
            }
        } else if wanted {
            report(Entry::Skipped(Skipped {
                reason: format!("not a regular file ({})", kind_of(&file_type)),
                path: entry.into_path(),
            }));
        }
    }
}

fn walk_error_reason(error: &walkdir::Error) -> String {
    if let Some(ancestor) = error.loop_ancestor() {
        return format!("symbolic link loop back to {}", ancestor.display());
    }
    match error.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "vanished, or a dangling symbolic link".to_string()
        }
        Some(io) => io.to_string(),
        None => error.to_string(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// True when the file `name` ends in one of `extensions` (as `Path::extension` reads it: a
/// name that only starts with a dot has none, which the empty extension `-e ''` wants).
/// Looks at the name's bytes alone, as this runs for every entry of the walk.
fn has_wanted_extension(name: &std::ffi::OsStr, extensions: &[String]) -> bool {
    let name = name.as_encoded_bytes();
    let extension: &[u8] = match name.iter().rposition(|&byte| byte == b'.') {
        Some(dot) if dot > 0 => &name[dot + 1..],
        _ => b"",
    };
    extensions
        .iter()
        .any(|want| want.as_bytes().eq_ignore_ascii_case(extension))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// The files found, sorted by path, and what the walk could not enter or read.
    struct Walked {
        files: Vec<PathBuf>,
        skipped: Vec<Skipped>,
    }

    /// Walks `root` (a folder) for documents and collects what it finds.
    fn find_documents(root: &Path, options: &WalkOptions) -> Walked {
        let mut found = Walked {
            files: Vec::new(),
            skipped: Vec::new(),
        };
        walk(root, options, |entry| match entry {
            Entry::Candidate { path, .. } => found.files.push(path),
            Entry::Skipped(skipped) => found.skipped.push(skipped),
            Entry::Records(path) => found.files.push(path),
            Entry::Waiting => {}
        });
        found
    }

    fn options(hidden: bool) -> WalkOptions {
        WalkOptions {
            extensions: vec!["txt".into(), "md".into()],
            hidden,
            ..WalkOptions::default()
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
        let names = |found: Walked| -> Vec<String> {
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
    fn links_are_reported_unless_followed_and_loops_are_caught() -> std::io::Result<()> {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir()?;
        fs::create_dir(dir.path().join("real"))?;
        fs::write(dir.path().join("real/doc.txt"), "d")?;
        symlink(dir.path().join("real/doc.txt"), dir.path().join("link.txt"))?;
        symlink(dir.path(), dir.path().join("real/loop"))?;
        symlink(
            dir.path().join("nowhere.txt"),
            dir.path().join("dangling.txt"),
        )?;
        symlink("/dev/null", dir.path().join("null.txt"))?;
        let plain = find_documents(dir.path(), &options(false));
        assert_eq!(plain.files, vec![dir.path().join("real/doc.txt")]);
        let reasons: Vec<(String, &str)> = plain
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path
                        .strip_prefix(dir.path())
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    s.reason.as_str(),
                )
            })
            .collect();
        assert_eq!(reasons.len(), 4, "{reasons:?}");
        assert!(
            reasons.iter().all(|(_, r)| r.contains("not followed")),
            "{reasons:?}"
        );

        let followed = find_documents(
            dir.path(),
            &WalkOptions {
                follow: true,
                ..options(false)
            },
        );
        assert!(followed.files.contains(&dir.path().join("link.txt")));
        let reasons: Vec<&str> = followed.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(
            reasons.iter().any(|r| r.starts_with("symbolic link loop")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("vanished, or a dangling")),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&"not a regular file (character device)"),
            "{reasons:?}"
        );
        Ok(())
    }

    #[test]
    fn the_empty_extension_wants_names_without_one_and_all_files_wants_every_file()
    -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for name in ["README", "a.txt", "b.csv", ".profile", "trailing."] {
            fs::write(dir.path().join(name), "x")?;
        }
        let names = |options: WalkOptions| -> Vec<String> {
            find_documents(dir.path(), &options)
                .files
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect()
        };
        let plain = WalkOptions {
            extensions: vec!["".into(), "txt".into()],
            hidden: true,
            ..WalkOptions::default()
        };
        assert_eq!(
            names(plain.clone()),
            vec![".profile", "README", "a.txt", "trailing."]
        );
        let all = WalkOptions {
            all_files: true,
            ..plain
        };
        assert_eq!(names(all).len(), 5);
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
