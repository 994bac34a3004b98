//! Writing the files folio keeps outside the corpus (the remembered state, its lock, a saved
//! view), the one way: never through a symbolic link (`O_NOFOLLOW`), never blocked by a FIFO
//! or a device (`O_NONBLOCK`, then only a regular file is written), a new file created new
//! (`O_EXCL`) and a replaced one written whole under a name nobody can guess, then renamed
//! over it (the `tempfile` crate). A folder is trusted with what folio keeps only when it is
//! a real folder of the user's that nobody else may write to.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

/// How a file is opened for writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Made new; fails if anything is there (a file, a link, a FIFO).
    New,
    /// A regular file there is emptied and written; one that is not there is made.
    Replace,
    /// A regular file there is kept as it is (a lock); one that is not there is made.
    Keep,
}

/// Opens `path` for writing as `opening` says, with `mode` for a file it makes. A link at
/// `path` is refused (even a dangling one: nothing is made at its target), and so is anything
/// but a regular file, without blocking on it.
pub fn open(path: &Path, opening: Opening, mode: u32) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options
        .write(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    match opening {
        Opening::New => options.create_new(true),
        // Emptied only once it is known to be a regular file, below.
        Opening::Replace | Opening::Keep => options.create(true),
    };
    let file = options.open(path).map_err(|error| explained(error, path))?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a regular file ({}): not written",
                path.display(),
                super::read::kind_of(&metadata.file_type())
            ),
        ));
    }
    if opening == Opening::Replace {
        file.set_len(0)?;
    }
    Ok(file)
}

/// The error of an open, said in words for a link (`ELOOP` under `O_NOFOLLOW`) and a FIFO
/// nobody reads (`ENXIO` under `O_NONBLOCK`).
fn explained(error: io::Error, path: &Path) -> io::Error {
    let why = match error.raw_os_error() {
        Some(libc::ELOOP) => "is a symbolic link: folio does not write through links",
        Some(libc::ENXIO) => "is not a regular file (FIFO): not written",
        _ => return error,
    };
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{} {why}", path.display()),
    )
}

/// Replaces the file `path` with `bytes`, whole: written to a new file of a name nobody can
/// guess in the same folder (mode 0600), then renamed over it. A link at `path` is replaced
/// by the file, never written through.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path.parent().ok_or_else(|| io::Error::other("no folder"))?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)?;
    // No fsync: the rename is what makes the file whole for other folios, and waiting for the
    // disk would hold the shell's prompt back; a file lost to a crash is replaced.
    temporary.write_all(bytes)?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Why `folder` is not trusted with what folio keeps, if it is not: it is a link, not a
/// folder, not the user's, or others may write to it (they could plant or swap files there).
pub fn untrusted_folder(folder: &Path) -> Option<String> {
    let metadata = match std::fs::symlink_metadata(folder) {
        Ok(metadata) => metadata,
        Err(error) => return Some(format!("{}: {error}", folder.display())),
    };
    let why = if metadata.file_type().is_symlink() {
        "is a symbolic link"
    } else if !metadata.is_dir() {
        "is not a folder"
    // SAFETY: geteuid has no arguments and cannot fail.
    } else if metadata.uid() != unsafe { libc::geteuid() } {
        "belongs to another user"
    } else if metadata.mode() & 0o022 != 0 {
        "may be written by other users"
    } else {
        return None;
    };
    Some(format!("{} {why}", folder.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mkfifo(path: &Path) -> io::Result<()> {
        let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())?;
        // SAFETY: mkfifo reads a valid NUL-terminated path and touches no Rust memory.
        match unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) } {
            0 => Ok(()),
            _ => Err(io::Error::last_os_error()),
        }
    }

    #[test]
    fn links_and_fifos_are_never_written_and_never_block() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("target");
        std::fs::write(&target, "kept")?;
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link)?;
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("made"), &dangling)?;
        for opening in [Opening::New, Opening::Replace, Opening::Keep] {
            for path in [&link, &dangling] {
                let error = open(path, opening, 0o600).err().map(|e| e.to_string());
                assert!(error.is_some(), "{opening:?} {path:?}");
            }
        }
        assert_eq!(std::fs::read_to_string(&target)?, "kept");
        assert!(!dir.path().join("made").exists());
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo)?;
        for opening in [Opening::Replace, Opening::Keep] {
            let error = open(&fifo, opening, 0o600).err().map(|e| e.to_string());
            assert!(
                error.is_some_and(|e| e.contains("not a regular file")),
                "{opening:?}"
            );
        }
        // A FIFO that somebody reads opens at once, and is still refused.
        let _reader = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)?;
        assert!(open(&fifo, Opening::Replace, 0o600).is_err());
        Ok(())
    }

    #[test]
    fn a_replaced_file_is_a_new_file_and_a_link_there_is_replaced_not_followed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "kept")?;
        let state = dir.path().join("state.json");
        std::os::unix::fs::symlink(&target, &state)?;
        replace(&state, b"{}")?;
        assert_eq!(std::fs::read_to_string(&target)?, "kept");
        assert!(!std::fs::symlink_metadata(&state)?.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&state)?, "{}");
        assert_eq!(
            std::fs::metadata(&state)?.permissions().mode() & 0o777,
            0o600
        );
        // Nothing else is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 2);
        Ok(())
    }

    #[test]
    fn only_a_private_folder_of_the_users_is_trusted() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let private = dir.path().join("private");
        std::fs::create_dir(&private)?;
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700))?;
        assert_eq!(untrusted_folder(&private), None);
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared)?;
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777))?;
        assert!(untrusted_folder(&shared).is_some_and(|why| why.ends_with("other users")));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&private, &link)?;
        assert!(untrusted_folder(&link).is_some_and(|why| why.ends_with("symbolic link")));
        Ok(())
    }
}
