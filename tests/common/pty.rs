//! A pseudo-terminal of the test's own, for what tmux cannot do: stop reading what folio
//! writes, as a stalled SSH link does, and then read every byte it wrote.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// folio running on the slave side of a pseudo-terminal; the test holds the master.
pub(crate) struct Pty {
    master: File,
    pub child: Child,
}

impl Pty {
    /// Starts the built folio with `args` in `dir` on a new pseudo-terminal of this size, as
    /// the session leader with it as its controlling terminal (as a login shell would).
    pub(crate) fn spawn(args: &[&str], dir: &Path, width: u16, height: u16) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: height,
            ws_col: width,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors; the name and termios pointers may be null.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned by these files.
        let (master, slave) = unsafe { (File::from_raw_fd(master), File::from_raw_fd(slave)) };
        let stdio = |file: &File| {
            Stdio::from(
                file.try_clone()
                    .unwrap_or_else(|e| panic!("cannot copy the pty's descriptor: {e}")),
            )
        };
        let mut command = super::folio_command();
        command
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm-256color")
            .stdin(stdio(&slave))
            .stdout(stdio(&slave))
            .stderr(stdio(&slave));
        // SAFETY: setsid and ioctl are async-signal-safe, as what runs before exec must be.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start folio: {e}"));
        drop(slave);
        Pty { master, child }
    }

    /// Types bytes at the terminal.
    pub(crate) fn send(&mut self, bytes: &[u8]) {
        self.master
            .write_all(bytes)
            .unwrap_or_else(|e| panic!("cannot type at the pty: {e}"));
    }

    /// Bytes folio wrote that nobody has read yet.
    pub(crate) fn unread(&self) -> usize {
        let mut waiting: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int through the pointer.
        unsafe { libc::ioctl(self.master.as_raw_fd(), libc::FIONREAD, &mut waiting) };
        usize::try_from(waiting).unwrap_or_default()
    }

    /// Types `key` `times` times, a little apart (so each asks for a frame of its own), while
    /// nobody reads the terminal: its buffer (about 64 KiB) fills, and folio, drawing a page
    /// per key, can write no more (a stalled link). Fails if nothing was written at all.
    pub(crate) fn type_while_not_reading(&mut self, key: &[u8], times: usize) {
        for _ in 0..times {
            self.send(key);
            std::thread::sleep(Duration::from_millis(15));
        }
        assert!(self.unread() > 0, "folio wrote nothing");
    }

    /// Reads everything folio writes until it closes the terminal (it exited); fails if that
    /// takes more than 20 seconds.
    pub(crate) fn read_to_end(&mut self) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut bytes = Vec::new();
        let mut chunk = [0u8; 65536];
        loop {
            let mut watched = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, its count, and a timeout.
            let ready = unsafe { libc::poll(&mut watched, 1, 100) };
            if ready <= 0 {
                assert!(
                    Instant::now() < deadline,
                    "folio never closed its terminal; it wrote {} bytes",
                    bytes.len()
                );
                continue;
            }
            match self.master.read(&mut chunk) {
                Ok(0) => return bytes,
                Ok(count) => bytes.extend_from_slice(&chunk[..count]),
                // The slave side closed: Linux says EIO.
                Err(_) => return bytes,
            }
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
