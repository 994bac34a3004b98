//! Opening a document the walk found beneath the path the user gave, so that no folder or
//! file it went through can have become a symbolic link since: `mv corpus/business x; ln -s
//! /elsewhere corpus/business` must not show `/elsewhere`'s files under the listed names.
//! `O_NOFOLLOW` guards only a path's last component; here every component beneath the user's
//! path is checked — by the kernel (`openat2` with `RESOLVE_NO_SYMLINKS`) where it can, else
//! one component at a time with `O_NOFOLLOW`. Links in the user's own path are theirs, and
//! followed.

use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::{Component, Path};

/// The flags every document is opened with: read only, never blocking (a FIFO put there),
/// never taking a terminal, closed on exec.
const READ_FLAGS: libc::c_int =
    libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC;

/// Opens the file at `path`, whose last `depth` components the walk went through (below the
/// path the user gave), refusing a link in any of them. The caller checks it is a regular
/// file.
pub(super) fn open(path: &Path, depth: u16) -> io::Result<File> {
    // The whole path free of links (the common case): one system call.
    match openat2(libc::AT_FDCWD, path, 0) {
        Ok(file) => return Ok(file),
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {}
        Err(error) if error.raw_os_error() == Some(libc::ENOSYS) => {}
        Err(error) => return Err(error),
    }
    // A link somewhere: allowed in the user's path, not beneath it.
    let (root, below) = split(path, depth)?;
    let root = File::open(if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    })?;
    match openat2(root.as_raw_fd(), below, libc::RESOLVE_BENEATH) {
        Err(error) if error.raw_os_error() == Some(libc::ENOSYS) => walk(&root, below),
        opened => opened,
    }
    .map_err(|error| match error.raw_os_error() {
        Some(libc::ELOOP) => io::Error::new(
            io::ErrorKind::InvalidInput,
            "it, or a folder it is in, is now a symbolic link, not followed (use --follow)",
        ),
        _ => error,
    })
}

/// `path` cut into the user's path and the `depth` components below it.
fn split(path: &Path, depth: u16) -> io::Result<(&Path, &Path)> {
    let root = path
        .ancestors()
        .nth(usize::from(depth))
        .ok_or_else(|| io::Error::other("the path is shorter than the walk"))?;
    let below = path
        .strip_prefix(root)
        .map_err(|_| io::Error::other("the path does not start with its folder"))?;
    Ok((root, below))
}

/// `openat2(dir, path)` refusing every link on the way (`RESOLVE_NO_SYMLINKS`), with `resolve`
/// added. ENOSYS on kernels before 5.6.
fn openat2(dir: RawFd, path: &Path, resolve: u64) -> io::Result<File> {
    let name = c_path(path.as_os_str())?;
    // SAFETY: open_how is plain data (three integers); all zero is a valid value, the fields
    // are then set (the struct is non-exhaustive, so it cannot be written as a literal).
    let mut how: libc::open_how = unsafe { std::mem::zeroed() };
    how.flags = READ_FLAGS as u64;
    how.resolve = libc::RESOLVE_NO_SYMLINKS | resolve;
    // SAFETY: openat2 reads the NUL-terminated name and the open_how of the size given, both
    // alive for the call; it returns a new descriptor or -1.
    let fd = unsafe {
        libc::syscall(
            libc::SYS_openat2,
            dir,
            name.as_ptr(),
            &how as *const libc::open_how,
            std::mem::size_of::<libc::open_how>(),
        )
    };
    owned(fd)
}

/// Opens `below` from the folder `root` a component at a time, none of them a link: for
/// kernels without `openat2`.
fn walk(root: &File, below: &Path) -> io::Result<File> {
    let names: Vec<&OsStr> = below
        .components()
        .map(|component| match component {
            Component::Normal(name) => Ok(name),
            _ => Err(io::Error::other("a path beneath the folder has only names")),
        })
        .collect::<io::Result<_>>()?;
    let Some((file, folders)) = names.split_last() else {
        return Err(io::Error::other("no file name"));
    };
    let mut folder: Option<File> = None;
    for name in folders {
        let at = folder.as_ref().unwrap_or(root).as_raw_fd();
        let flags = libc::O_PATH | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC;
        folder = Some(openat(at, name, flags)?);
    }
    let at = folder.as_ref().unwrap_or(root).as_raw_fd();
    openat(at, file, READ_FLAGS | libc::O_NOFOLLOW)
}

fn openat(dir: RawFd, name: &OsStr, flags: libc::c_int) -> io::Result<File> {
    let name = c_path(name)?;
    // SAFETY: openat reads the NUL-terminated name, alive for the call, and returns a new
    // descriptor or -1.
    let fd = unsafe { libc::openat(dir, name.as_ptr(), flags) };
    owned(libc::c_long::from(fd))
}

/// The descriptor a system call returned, owned; or its error.
fn owned(fd: libc::c_long) -> io::Result<File> {
    match RawFd::try_from(fd) {
        Ok(fd) if fd >= 0 => {
            // SAFETY: the descriptor was just returned by the kernel and nothing else owns it.
            Ok(File::from(unsafe { OwnedFd::from_raw_fd(fd) }))
        }
        _ => Err(io::Error::last_os_error()),
    }
}

fn c_path(path: &OsStr) -> io::Result<CString> {
    CString::new(path.as_encoded_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL byte in the path"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn text_of(file: io::Result<File>) -> Result<String, String> {
        let mut text = String::new();
        file.and_then(|mut file| file.read_to_string(&mut text))
            .map(|_| text)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn a_folder_swapped_for_a_link_is_refused_and_links_above_are_followed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("business"))?;
        std::fs::write(corpus.join("business/a.txt"), "listed")?;
        std::fs::create_dir_all(dir.path().join("elsewhere"))?;
        std::fs::write(dir.path().join("elsewhere/a.txt"), "secret")?;
        let path = corpus.join("business/a.txt");
        assert_eq!(text_of(open(&path, 2)), Ok("listed".to_string()));
        // The user's own path through a link: followed.
        let via = dir.path().join("via");
        std::os::unix::fs::symlink(&corpus, &via)?;
        assert_eq!(
            text_of(open(&via.join("business/a.txt"), 2)),
            Ok("listed".to_string())
        );
        // The folder swapped for a link after the walk: refused, both ways.
        std::fs::rename(corpus.join("business"), dir.path().join("moved"))?;
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), corpus.join("business"))?;
        let refused = text_of(open(&path, 2));
        assert!(
            refused
                .as_ref()
                .is_err_and(|why| why.contains("symbolic link")),
            "{refused:?}"
        );
        assert!(text_of(open(&via.join("business/a.txt"), 2)).is_err());
        let root = File::open(&corpus)?;
        assert!(walk(&root, Path::new("business/a.txt")).is_err());
        std::fs::remove_file(corpus.join("business"))?;
        std::fs::rename(dir.path().join("moved"), corpus.join("business"))?;
        assert_eq!(
            text_of(walk(&root, Path::new("business/a.txt"))),
            Ok("listed".to_string())
        );
        Ok(())
    }
}
