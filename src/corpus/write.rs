//! Writing the files folio keeps outside the corpus (the remembered state, its lock, a saved
//! view), the one way: in a folder opened once and held (so a folder swapped for a link, or
//! for another, afterwards changes nothing: every file is opened relative to the one opened),
//! never through a symbolic link (`O_NOFOLLOW`), never blocked by a FIFO or a device
//! (`O_NONBLOCK`, then only a regular file is written), a new file created new (`O_EXCL`) and
//! a replaced one written whole under a random name, then renamed over it. A folder is trusted
//! with what folio keeps only when it is a real folder of the user's that nobody else may
//! write to.

use super::read::{Capped, kind_of, read_opened};
use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

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

/// A folder opened to write in: every file is opened relative to it.
#[derive(Debug)]
pub struct Folder {
    handle: File,
    /// Where it was, as it was named: for messages.
    path: PathBuf,
}

impl PartialEq for Folder {
    fn eq(&self, other: &Folder) -> bool {
        self.path == other.path
    }
}

impl Eq for Folder {}

impl Folder {
    /// Opens the folder at `path` (links on the way are followed: the path is the user's).
    pub fn open(path: &Path) -> io::Result<Folder> {
        Self::open_with(path, 0)
    }

    /// Opens the folder at `path`, refusing a link in its place.
    pub fn open_not_following(path: &Path) -> io::Result<Folder> {
        Self::open_with(path, libc::O_NOFOLLOW)
    }

    fn open_with(path: &Path, extra: libc::c_int) -> io::Result<Folder> {
        let name = c_path(path.as_os_str())?;
        let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC | extra;
        // SAFETY: open reads the NUL-terminated name, alive for the call, and returns a new
        // descriptor or -1.
        let opened = owned(unsafe { libc::open(name.as_ptr(), flags) });
        let handle = opened.map_err(|error| {
            // O_NOFOLLOW with O_DIRECTORY says ENOTDIR for a link to a folder.
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            let why = match error.raw_os_error() {
                Some(libc::ELOOP | libc::ENOTDIR) if link => "is a symbolic link",
                Some(libc::ENOTDIR) => "is not a folder",
                _ => return error,
            };
            io::Error::new(io::ErrorKind::InvalidInput, why)
        })?;
        Ok(Folder {
            handle,
            path: path.to_path_buf(),
        })
    }

    /// Where the folder is now, links resolved (the one opened, wherever it was named from).
    pub fn real_path(&self) -> io::Result<PathBuf> {
        std::fs::read_link(format!("/proc/self/fd/{}", self.handle.as_raw_fd()))
    }

    /// The folder's path as it was named.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the folder is not trusted with what folio keeps, if it is not: it is not the
    /// user's, or others may write to it (they could plant or swap files there).
    pub fn untrusted(&self) -> Option<String> {
        let metadata = match self.handle.metadata() {
            Ok(metadata) => metadata,
            Err(error) => return Some(format!("{}: {error}", self.path.display())),
        };
        // SAFETY: geteuid has no arguments and cannot fail.
        let why = if metadata.uid() != unsafe { libc::geteuid() } {
            "belongs to another user"
        } else if metadata.mode() & 0o022 != 0 {
            "may be written by other users"
        } else {
            return None;
        };
        Some(format!("{} {why}", self.path.display()))
    }

    /// Opens the file `name` in the folder for writing as `opening` says, with `mode` for a
    /// file it makes. A link there is refused (even a dangling one: nothing is made at its
    /// target), and so is anything but a regular file, without blocking on it.
    pub fn open_file(&self, name: &OsStr, opening: Opening, mode: u32) -> io::Result<File> {
        let create = match opening {
            Opening::New => libc::O_CREAT | libc::O_EXCL,
            // Emptied only once it is known to be a regular file, below.
            Opening::Replace | Opening::Keep => libc::O_CREAT,
        };
        let flags = libc::O_WRONLY
            | libc::O_NOFOLLOW
            | libc::O_NONBLOCK
            | libc::O_NOCTTY
            | libc::O_CLOEXEC
            | create;
        let file = self.openat(name, flags, mode).map_err(|error| {
            let why = match error.raw_os_error() {
                Some(libc::ELOOP) => "is a symbolic link: folio does not write through links",
                Some(libc::ENXIO) => "is not a regular file (FIFO): not written",
                _ => return error,
            };
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} {why}", self.shown(name)),
            )
        })?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is not a regular file ({}): not written",
                    self.shown(name),
                    kind_of(&metadata.file_type())
                ),
            ));
        }
        if opening == Opening::Replace {
            file.set_len(0)?;
        }
        Ok(file)
    }

    /// Reads at most `cap` bytes of the file `name` in the folder: never through a link
    /// (`ELOOP`), never blocked by a FIFO, only a regular file.
    pub fn read(&self, name: &OsStr, cap: usize) -> io::Result<Capped> {
        let (file, metadata) = self.open_to_read(name)?;
        read_opened(&file, &metadata, cap)
    }

    /// Opens the file `name` in the folder to read it, as [`Folder::read`] does.
    pub fn open_to_read(&self, name: &OsStr) -> io::Result<(File, std::fs::Metadata)> {
        let flags =
            libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC;
        let file = self.openat(name, flags, 0)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a regular file ({})", kind_of(&metadata.file_type())),
            ));
        }
        Ok((file, metadata))
    }

    /// Replaces the file `name` in the folder with `bytes`, whole: written to a new file of a
    /// random name there (mode 0600), then renamed over it. A link at `name` is replaced by
    /// the file, never written through.
    pub fn replace(&self, name: &OsStr, bytes: &[u8]) -> io::Result<()> {
        self.replace_with(name, |file| file.write_all(bytes))
    }

    /// Replaces the file `name` in the folder with what `write` writes to the file it is
    /// given, as [`Folder::replace`] does: nothing is at `name` until all of it is written.
    pub fn replace_with(
        &self,
        name: &OsStr,
        write: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> io::Result<()> {
        let temporary = random_name(name)?;
        let flags = libc::O_WRONLY
            | libc::O_CREAT
            | libc::O_EXCL
            | libc::O_NOFOLLOW
            | libc::O_NOCTTY
            | libc::O_CLOEXEC;
        let written = self
            .openat(&temporary, flags, 0o600)
            // No fsync: the rename is what makes the file whole for other folios, and waiting
            // for the disk would hold the shell's prompt back; a file lost to a crash is
            // replaced.
            .and_then(|mut file| write(&mut file))
            .and_then(|()| self.rename(&temporary, name));
        if written.is_err() {
            self.remove(&temporary);
        }
        written
    }

    /// Renames the file `from` in the folder to `to` there (replacing what is there).
    pub fn rename_file(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
        self.rename(from, to)
    }

    /// Removes the file `name` from the folder, if it can (a save given up).
    pub fn remove(&self, name: &OsStr) {
        if let Ok(name) = c_path(name) {
            // SAFETY: unlinkat reads the NUL-terminated name, alive for the call, relative to
            // the folder's descriptor, which `self` owns.
            unsafe {
                libc::unlinkat(self.handle.as_raw_fd(), name.as_ptr(), 0);
            }
        }
    }

    fn rename(&self, from: &OsStr, to: &OsStr) -> io::Result<()> {
        let (from, to) = (c_path(from)?, c_path(to)?);
        let folder = self.handle.as_raw_fd();
        // SAFETY: renameat reads the two NUL-terminated names, alive for the call, relative
        // to the folder's descriptor, which `self` owns.
        match unsafe { libc::renameat(folder, from.as_ptr(), folder, to.as_ptr()) } {
            0 => Ok(()),
            _ => Err(io::Error::last_os_error()),
        }
    }

    fn openat(&self, name: &OsStr, flags: libc::c_int, mode: u32) -> io::Result<File> {
        let name = c_path(name)?;
        // SAFETY: openat reads the NUL-terminated name, alive for the call, relative to the
        // folder's descriptor, which `self` owns; it returns a new descriptor or -1.
        let fd = unsafe { libc::openat(self.handle.as_raw_fd(), name.as_ptr(), flags, mode) };
        owned(fd)
    }

    /// A file of the folder, for messages.
    fn shown(&self, name: &OsStr) -> String {
        self.path.join(name).display().to_string()
    }
}

/// A temporary name nobody can guess for replacing `name`: `.NAME.` and 16 random hex digits.
fn random_name(name: &OsStr) -> io::Result<std::ffi::OsString> {
    let mut random = [0u8; 8];
    // SAFETY: getrandom writes at most the length given into the buffer, alive for the call.
    let got = unsafe { libc::getrandom(random.as_mut_ptr().cast(), random.len(), 0) };
    if got != random.len() as isize {
        return Err(io::Error::other("no random name could be made"));
    }
    let mut temporary = std::ffi::OsString::from(".");
    temporary.push(name);
    temporary.push(format!(".{:016x}.tmp", u64::from_ne_bytes(random)));
    Ok(temporary)
}

/// The descriptor a system call returned, owned; or its error.
fn owned(fd: libc::c_int) -> io::Result<File> {
    match fd {
        // SAFETY: the descriptor was just returned by the kernel and nothing else owns it.
        0.. => Ok(File::from(unsafe { OwnedFd::from_raw_fd(fd) })),
        _ => Err(io::Error::last_os_error()),
    }
}

fn c_path(path: &OsStr) -> io::Result<CString> {
    CString::new(path.as_encoded_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL byte in the name"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mkfifo(path: &Path) -> io::Result<()> {
        let c_path = CString::new(path.as_os_str().as_encoded_bytes())?;
        // SAFETY: mkfifo reads a valid NUL-terminated path and touches no Rust memory.
        match unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) } {
            0 => Ok(()),
            _ => Err(io::Error::last_os_error()),
        }
    }

    #[test]
    fn links_and_fifos_are_never_written_and_never_block() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let folder = Folder::open(dir.path())?;
        let target = dir.path().join("target");
        std::fs::write(&target, "kept")?;
        std::os::unix::fs::symlink(&target, dir.path().join("link"))?;
        std::os::unix::fs::symlink(dir.path().join("made"), dir.path().join("dangling"))?;
        for opening in [Opening::New, Opening::Replace, Opening::Keep] {
            for name in ["link", "dangling"] {
                let opened = folder.open_file(OsStr::new(name), opening, 0o600);
                assert!(opened.is_err(), "{opening:?} {name}");
            }
        }
        assert_eq!(std::fs::read_to_string(&target)?, "kept");
        assert!(!dir.path().join("made").exists());
        mkfifo(&dir.path().join("fifo"))?;
        for opening in [Opening::Replace, Opening::Keep] {
            let error = folder
                .open_file(OsStr::new("fifo"), opening, 0o600)
                .err()
                .map(|e| e.to_string());
            assert!(
                error.is_some_and(|e| e.contains("not a regular file")),
                "{opening:?}"
            );
        }
        // A FIFO that somebody reads opens at once, and is still refused.
        let _reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(dir.path().join("fifo"))?;
        assert!(
            folder
                .open_file(OsStr::new("fifo"), Opening::Replace, 0o600)
                .is_err()
        );
        assert!(folder.read(OsStr::new("fifo"), 16).is_err());
        assert!(folder.read(OsStr::new("link"), 16).is_err());
        Ok(())
    }

    #[test]
    fn a_replaced_file_is_a_new_file_and_a_link_there_is_replaced_not_followed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "kept")?;
        let state = dir.path().join("state.json");
        std::os::unix::fs::symlink(&target, &state)?;
        let folder = Folder::open(dir.path())?;
        folder.replace(OsStr::new("state.json"), b"{}")?;
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
    fn a_folder_swapped_after_it_was_opened_changes_nothing() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let kept = dir.path().join("kept");
        std::fs::create_dir(&kept)?;
        let folder = Folder::open_not_following(&kept)?;
        // Swapped for a link to another folder: the writes still go to the one opened.
        std::fs::rename(&kept, dir.path().join("moved"))?;
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere)?;
        std::os::unix::fs::symlink(&elsewhere, &kept)?;
        folder.replace(OsStr::new("state.json"), b"{}")?;
        assert!(dir.path().join("moved/state.json").exists());
        assert_eq!(std::fs::read_dir(&elsewhere)?.count(), 0);
        assert_eq!(
            folder.real_path()?,
            dir.path().join("moved").canonicalize()?
        );
        assert!(Folder::open_not_following(&kept).is_err());
        Ok(())
    }

    #[test]
    fn only_a_private_folder_of_the_users_is_trusted() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let private = dir.path().join("private");
        std::fs::create_dir(&private)?;
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700))?;
        assert_eq!(Folder::open(&private)?.untrusted(), None);
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared)?;
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777))?;
        let why = Folder::open(&shared)?.untrusted();
        assert!(why.is_some_and(|why| why.ends_with("other users")));
        Ok(())
    }

    use std::os::unix::fs::OpenOptionsExt;
}
