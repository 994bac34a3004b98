//! Where the interface's bytes go, and the rule that keeps every exit clean: once folio starts
//! giving the terminal back for good, nothing but the restoring bytes is written, and they are
//! the last. Bytes are buffered and sent when a frame ends, through a descriptor of folio's
//! own opened non-blocking (the shell's stays as it was). So a terminal that stops reading (a
//! stalled SSH link) never holds a thread inside `write()`: a writer waits in `poll()` in short
//! slices, and gives its frame up as soon as the terminal is being given back, so a signal
//! never waits on a frame that cannot finish.

use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};
use std::time::{Duration, Instant};

/// How long a writer waits in one `poll()` before looking whether the terminal is being
/// given back.
const SLICE: Duration = Duration::from_millis(20);

/// A buffer this full is sent before the frame ends (a frame is rarely a tenth of it).
const BUFFER_LIMIT: usize = 1 << 20;

/// How long the last bytes (the restore) wait for a terminal that does not read: a link that
/// stalled for a few seconds still gets its terminal back; a dead one does not keep folio.
const LAST_BYTES_PATIENCE: Duration = Duration::from_secs(10);

const OPEN: u8 = 0;
/// Only the restoring bytes may be written.
const CLOSING: u8 = 1;
/// Nothing more may be written.
const CLOSED: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(OPEN);

/// The descriptor the interface is written to: `/dev/tty` after [`use_tty`], else standard
/// output's terminal, opened on first use.
static TARGET: OnceLock<File> = OnceLock::new();

/// Draws the interface on `/dev/tty` from now on (standard output is not the terminal: `vim
/// $(folio corpus)`, which keeps standard output for the paths); fails when there is none.
pub(crate) fn use_tty() -> io::Result<()> {
    let tty = open_nonblocking(Path::new("/dev/tty"))?;
    let _ = TARGET.set(tty);
    Ok(())
}

fn target() -> io::Result<&'static File> {
    if let Some(file) = TARGET.get() {
        return Ok(file);
    }
    let file = open_standard_output()?;
    Ok(TARGET.get_or_init(|| file))
}

/// A terminal opened again, non-blocking: a new open file description, so the flag does not
/// reach the shell or an editor folio starts, which share standard output's.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// Standard output's terminal, opened again non-blocking; where it cannot be opened by name,
/// a copy of standard output, written blocking.
fn open_standard_output() -> io::Result<File> {
    let stdout = io::stdout();
    if stdout.is_terminal()
        && let Some(path) = terminal_path(stdout.as_raw_fd())
        && let Ok(file) = open_nonblocking(&path)
    {
        return Ok(file);
    }
    Ok(File::from(stdout.as_fd().try_clone_to_owned()?))
}

/// The path of the terminal on `fd` (`/dev/pts/3`).
fn terminal_path(fd: RawFd) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .ok()
        .filter(|path| path.starts_with("/dev/"))
}

/// The descriptor of the terminal the interface is drawn on, to watch for a hang-up.
pub(crate) fn fd() -> Option<RawFd> {
    target().ok().map(|file| file.as_raw_fd())
}

/// Held while a frame is written, so a thread restoring the terminal never interleaves its
/// bytes with half a frame.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Locks the terminal output (a poisoned lock is still a lock: the data is `()`).
pub(crate) fn lock() -> MutexGuard<'static, ()> {
    OUTPUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Gives the terminal back for good: from now on only `restore` writes (its bytes are the
/// last), and a frame being written is given up. Waits up to `wait` for the frame's writer to
/// let go, and returns the lock if it did.
pub(crate) fn close(wait: Duration) -> Option<MutexGuard<'static, ()>> {
    let _ = STATE.compare_exchange(OPEN, CLOSING, Ordering::SeqCst, Ordering::SeqCst);
    let deadline = Instant::now() + wait;
    loop {
        match OUTPUT.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(poisoned)) => return Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() >= deadline => return None,
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Whether the terminal is being (or has been) given back for good.
pub(crate) fn given_back() -> bool {
    STATE.load(Ordering::SeqCst) != OPEN
}

/// Writes the bytes that give the terminal back. When closing for good they are the last:
/// nothing is written after them. False when they were not written because the terminal
/// started being given back for good meanwhile (whoever does that writes them then).
pub(crate) fn restore(bytes: &[u8]) -> bool {
    let last = STATE.load(Ordering::SeqCst) != OPEN;
    let sent = send(bytes, last);
    if last {
        STATE.store(CLOSED, Ordering::SeqCst);
    }
    !matches!(sent, Err(error) if error.kind() == io::ErrorKind::Interrupted)
}

/// The interface's output: bytes gathered until a flush (the end of a frame).
#[derive(Default)]
pub(crate) struct Screen {
    buffer: Vec<u8>,
}

impl Write for Screen {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() > BUFFER_LIMIT {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let sent = send(&self.buffer, false);
        // What could not be sent is dropped. The terminal being given back is no error: the
        // frame is of no use, and saying so would only print after the restore.
        self.buffer.clear();
        match sent {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => Ok(()),
            other => other,
        }
    }
}

/// Writes all of `bytes`, waiting in slices for a terminal that is not reading. Gives up
/// when the terminal is being given back, unless these are the `last` bytes.
fn send(bytes: &[u8], last: bool) -> io::Result<()> {
    // `Interrupted` marks bytes given up because the terminal is being given back.
    let closed = || {
        io::Error::new(
            io::ErrorKind::Interrupted,
            "the terminal is being given back",
        )
    };
    let fd = target()?.as_raw_fd();
    let deadline = Instant::now() + LAST_BYTES_PATIENCE;
    let mut rest = bytes;
    while !rest.is_empty() {
        let state = STATE.load(Ordering::SeqCst);
        if state == CLOSED || (state == CLOSING && !last) {
            return Err(closed());
        }
        // SAFETY: writes at most `rest.len()` bytes from `rest` to a descriptor we own.
        let written = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if written > 0 {
            rest = &rest[written as usize..];
            continue;
        }
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        let error = io::Error::last_os_error();
        match error.kind() {
            io::ErrorKind::Interrupted => {}
            io::ErrorKind::WouldBlock if last && Instant::now() >= deadline => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the terminal stopped reading",
                ));
            }
            io::ErrorKind::WouldBlock => wait_writable(fd),
            _ => return Err(error),
        }
    }
    Ok(())
}

/// Waits up to one slice for the terminal to take more bytes.
fn wait_writable(fd: RawFd) {
    // A failed wait is a wait cut short: the write that follows says what is wrong.
    let _ = poll_one(fd, libc::POLLOUT, SLICE);
}

/// Waits up to `wait` for one of `events` on `fd`, or a hang-up or an error (which are always
/// reported): the events that came, 0 when none did or a signal cut the wait short.
pub(super) fn poll_one(fd: RawFd, events: i16, wait: Duration) -> io::Result<i16> {
    let mut watched = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: one valid pollfd, its count, and a timeout; poll writes only `revents`.
    let ready = unsafe { libc::poll(&mut watched, 1, wait.as_millis() as i32) };
    if ready < 0 {
        let error = io::Error::last_os_error();
        return match error.kind() {
            io::ErrorKind::Interrupted => Ok(0),
            _ => Err(error),
        };
    }
    Ok(if ready > 0 { watched.revents } else { 0 })
}
