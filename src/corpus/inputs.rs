//! What the user gave to browse: one or more paths on the command line (folders walked,
//! files taken whatever their extension, JSON Lines files read record by record), or a list
//! of documents on standard input, one path a line or NUL-separated (`rg -l budget | folio`,
//! `find . -print0 | folio --read0`). Either way it comes out as one stream of entries, in the
//! order given, so the loader, the text search and `--kwic` list documents the same way.

use super::jsonl;
use super::read::{Reach, kind_of};
use super::walk::{self, Entry, Skipped, WalkOptions};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};

use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

/// Where the documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inputs {
    /// Paths named on the command line, in the order given.
    Named(Vec<PathBuf>),
    /// Paths read from standard input: NUL-separated when `nul` (`--read0`), else one a line.
    Listed { nul: bool },
}

impl Default for Inputs {
    /// The current folder, as `folio` alone browses.
    fn default() -> Inputs {
        Inputs::one(Path::new("."))
    }
}

impl Inputs {
    /// One path, as most callers (and tests) have.
    pub fn one(path: &Path) -> Inputs {
        Inputs::Named(vec![path.to_path_buf()])
    }

    /// The folder document paths are shown relative to (a document's folder in the reader,
    /// the first folder counts group by): the one path given, or the folder the named paths
    /// share; empty (paths as given) for a list on standard input or paths sharing nothing.
    pub fn base(&self) -> PathBuf {
        let Inputs::Named(paths) = self else {
            return PathBuf::new();
        };
        if let [only] = paths.as_slice() {
            return only.clone();
        }
        // A file's folder counts, not the file: `a/x.txt a/y.txt` share `a`.
        let folder = |path: &Path| -> PathBuf {
            match path.is_dir() {
                true => path.to_path_buf(),
                false => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            }
        };
        let mut folders = paths.iter().map(|path| folder(path));
        let Some(first) = folders.next() else {
            return PathBuf::new();
        };
        folders.fold(first, |shared, next| {
            shared
                .components()
                .zip(next.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        })
    }

    /// The named paths (nothing for a list on standard input): what a saved file must not be
    /// written inside.
    pub fn named(&self) -> &[PathBuf] {
        match self {
            Inputs::Named(paths) => paths,
            Inputs::Listed { .. } => &[],
        }
    }

    /// Checks that every named path exists and can be read: Err names the first that cannot.
    pub fn check(&self) -> Result<(), (PathBuf, super::LoadError)> {
        for path in self.named() {
            super::check_root(path).map_err(|error| (path.clone(), error))?;
        }
        Ok(())
    }

    /// Whether some documents may be records of a JSON Lines file: the text search then
    /// lists the corpus first (records are not files it can read one by one).
    pub fn may_hold_records(&self) -> bool {
        match self {
            Inputs::Named(paths) => paths.iter().any(|path| holds_records(path)),
            Inputs::Listed { .. } => true,
        }
    }

    /// How the inputs are named in messages.
    pub fn describe(&self) -> String {
        match self {
            Inputs::Named(paths) if paths.len() == 1 => paths[0].display().to_string(),
            Inputs::Named(_) => "the paths given".to_string(),
            Inputs::Listed { .. } => "standard input".to_string(),
        }
    }

    /// Reports every candidate document, JSON Lines file and skipped path, in the order
    /// given (each folder walked in path order). A document reached twice (`folio a/ a/x.txt`)
    /// is reported once.
    pub fn each(&self, options: &WalkOptions, mut report: impl FnMut(Entry)) {
        let mut seen = Seen::new(!matches!(self, Inputs::Named(paths) if paths.len() == 1));
        let mut pass = |entry: Entry| match &entry {
            Entry::Candidate { path, .. } | Entry::Records(path) if !seen.first(path) => {}
            _ => report(entry),
        };
        match self {
            Inputs::Named(paths) => {
                for path in paths {
                    match holds_records(path) {
                        true => pass(Entry::Records(path.clone())),
                        false => walk::walk(path, options, &mut pass),
                    }
                }
            }
            Inputs::Listed { nul } => {
                let stdin = std::io::stdin();
                read_list(stdin.lock(), *nul, stdin_waits, |path| match path {
                    Some(path) => pass(listed(path)),
                    None => pass(Entry::Waiting),
                });
            }
        }
    }
}

/// The documents reported so far, when more than one input may reach the same one.
pub(crate) struct Seen(Option<HashSet<PathBuf>>);

impl Seen {
    pub(crate) fn new(needed: bool) -> Seen {
        Seen(needed.then(HashSet::new))
    }

    /// True the first time `path` is seen (`./a` and `a` are one path).
    pub(crate) fn first(&mut self, path: &Path) -> bool {
        match &mut self.0 {
            None => true,
            Some(seen) => seen.insert(plain(path)),
        }
    }
}

/// `path` without `.` components, so `./a/x.txt` and `a/x.txt` compare equal (and a listed
/// `./a/x.txt` is in folder `a`).
pub(crate) fn plain(path: &Path) -> PathBuf {
    path.components()
        .filter(|component| *component != Component::CurDir)
        .collect()
}

/// How often a stream of entries that never pauses lets what was gathered go out.
const TICK: std::time::Duration = std::time::Duration::from_millis(20);

/// The longest entry of a list taken as a path: far beyond any file system's (Linux's is
/// 4,096 bytes); a longer one (a stream that is not a list) is passed over, never held.
const LONGEST_PATH: usize = 64 * 1024;

/// True when standard input has nothing to read just now (its writer has not written more).
fn stdin_waits() -> bool {
    let mut poll = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: poll reads and writes the one pollfd given, alive for the call; a timeout of 0
    // never blocks.
    unsafe { libc::poll(&mut poll, 1, 0) == 0 }
}

/// Reads paths from `input`, one a line (or NUL-separated), as they come: a list that is
/// still being written (`find / | folio`) streams, and `each` hears None whenever the input
/// `waits` (has nothing more just now) and every [`TICK`] in a stream that never waits, so
/// what was gathered goes out at once (a document listed before a flood of other entries
/// shows while the flood goes on). Empty entries
/// and entries longer than [`LONGEST_PATH`] are passed over; a read error ends the list.
pub(crate) fn read_list(
    input: impl Read,
    nul: bool,
    waits: impl Fn() -> bool,
    mut each: impl FnMut(Option<PathBuf>),
) {
    let end = if nul { 0 } else { b'\n' };
    let mut input = BufReader::new(input);
    let mut entry = Vec::new();
    let mut overlong = false;
    let (mut entries, mut ticked) = (0usize, std::time::Instant::now());
    loop {
        if input.buffer().is_empty() && waits() {
            each(None);
            ticked = std::time::Instant::now();
        }
        // Whether the entry ends here, whether the list does, and the bytes taken.
        let (ended, done, used) = match input.fill_buf() {
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Ok([]) | Err(_) => (true, true, 0),
            Ok(bytes) => {
                let (ended, cut) = match memchr::memchr(end, bytes) {
                    Some(at) => (true, at),
                    None => (false, bytes.len()),
                };
                overlong |= entry.len() + cut > LONGEST_PATH;
                if !overlong {
                    entry.extend_from_slice(&bytes[..cut]);
                }
                (ended, false, cut + usize::from(ended))
            }
        };
        input.consume(used);
        if !ended {
            continue;
        }
        overlong |= entry.len() > LONGEST_PATH;
        // Lists written on Windows end lines with CR LF.
        if !nul && entry.last() == Some(&b'\r') {
            entry.pop();
        }
        if !entry.is_empty() && !overlong {
            each(Some(PathBuf::from(OsStr::from_bytes(&entry))));
        }
        entries += 1;
        if entries % 1024 == 0 && ticked.elapsed() >= TICK {
            each(None);
            ticked = std::time::Instant::now();
        }
        entry.clear();
        overlong = false;
        if done {
            return;
        }
    }
}

/// What a path listed on standard input is: a document (whatever its extension: the user
/// listed it), a JSON Lines file, or skipped with the reason. Only looked at, never opened:
/// a FIFO or a device listed by mistake must not block or be read.
fn listed(path: PathBuf) -> Entry {
    let reason = match std::fs::metadata(&path) {
        Ok(metadata) if metadata.is_file() => {
            return match holds_records(&path) {
                true => Entry::Records(path),
                false => Entry::Candidate {
                    path,
                    reach: Reach::Following,
                },
            };
        }
        Ok(metadata) if metadata.is_dir() => {
            "a folder (listed paths are documents; name folders as arguments)".to_string()
        }
        Ok(metadata) => format!("not a regular file ({})", kind_of(&metadata.file_type())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            "no such file (or a dangling symbolic link)".to_string()
        }
        Err(error) => error.to_string(),
    };
    Entry::Skipped(Skipped { path, reason })
}

/// Whether the file at `path` is one whose documents are records: a JSON Lines file, or a
/// mailbox (one document per message).
pub(crate) fn holds_records(path: &Path) -> bool {
    jsonl::is_jsonl(path) || super::mailbox::is_mbox(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_by_line_or_by_nul() {
        let mut lines = Vec::new();
        let never = || false;
        read_list(&b"a.txt\r\n\nb c.txt\n./d"[..], false, never, |p| {
            lines.extend(p)
        });
        let expected: Vec<PathBuf> = ["a.txt", "b c.txt", "./d"].map(PathBuf::from).into();
        assert_eq!(lines, expected);
        let mut nul = Vec::new();
        read_list(&b"x\ny\0\0z\0"[..], true, never, |p| nul.extend(p));
        assert_eq!(nul, vec![PathBuf::from("x\ny"), PathBuf::from("z")]);
        // A stream that is not a list is never held whole.
        let mut junk = vec![b'a'; LONGEST_PATH * 3];
        junk.extend_from_slice(b"\nkept\n");
        let mut after = Vec::new();
        read_list(&junk[..], false, never, |p| after.extend(p));
        assert_eq!(after, vec![PathBuf::from("kept")]);
    }

    #[test]
    fn the_base_is_the_folder_named_paths_share() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir_all(dir.path().join("a/b"))?;
        std::fs::write(dir.path().join("a/x.txt"), "x")?;
        let named = |paths: &[&str]| {
            Inputs::Named(paths.iter().map(|p| dir.path().join(p)).collect()).base()
        };
        assert_eq!(named(&["a/b"]), dir.path().join("a/b"));
        assert_eq!(named(&["a/b", "a/x.txt"]), dir.path().join("a"));
        assert_eq!(Inputs::Listed { nul: false }.base(), PathBuf::new());
        Ok(())
    }

    #[test]
    fn listed_paths_that_are_not_documents_are_skipped_with_a_reason() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let reason = |path: &Path| match listed(path.to_path_buf()) {
            Entry::Skipped(skipped) => skipped.reason,
            _ => String::new(),
        };
        assert!(reason(&dir.path().join("gone.txt")).starts_with("no such file"));
        assert!(reason(dir.path()).starts_with("a folder"));
        assert_eq!(
            reason(Path::new("/dev/null")),
            "not a regular file (character device)"
        );
        let file = dir.path().join("notes");
        std::fs::write(&file, "x")?;
        assert!(matches!(
            listed(file),
            Entry::Candidate {
                reach: Reach::Following,
                ..
            }
        ));
        Ok(())
    }
}
