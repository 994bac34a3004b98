//! Driving the real binary in a real pseudo-terminal through tmux, as fzf's own test suite
//! does: send keys, read the screen back, and wait for text to appear rather than sleeping.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something before failing.
const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);

/// A private tmux server running one shell in a pane of a fixed size; killed on drop.
pub(crate) struct Tmux {
    socket: String,
    /// Where folio keeps its remembered state in this terminal (see [`Tmux::start_with_state`]).
    _state: Option<tempfile::TempDir>,
}

static SESSIONS: AtomicUsize = AtomicUsize::new(0);

fn tmux_output(args: &[&str]) -> Output {
    match Command::new("tmux").args(args).output() {
        Ok(output) => output,
        Err(error) => {
            panic!("cannot run tmux ({error}); the end-to-end tests need it (.ci/run installs it)")
        }
    }
}

impl Tmux {
    /// Starts `bash` (no rc files, prompt `$ `) in `dir`, with folio's build folder first on
    /// PATH so `folio` runs the binary under test.
    pub(crate) fn start(width: u16, height: u16, dir: &Path) -> Tmux {
        let state = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut tmux = Tmux::start_with_state(width, height, dir, state.path());
        tmux._state = Some(state);
        tmux
    }

    /// As [`Tmux::start`], with folio's remembered state kept in `state` (`XDG_STATE_HOME`),
    /// which the test owns: two terminals may share it, or a test may look at it.
    pub(crate) fn start_with_state(width: u16, height: u16, dir: &Path, state: &Path) -> Tmux {
        let socket = format!(
            "folio-test-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::SeqCst)
        );
        let binary = Path::new(env!("CARGO_BIN_EXE_folio"));
        let bin_dir = binary
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let path = format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default());
        let (width, height) = (width.to_string(), height.to_string());
        let dir = dir.display().to_string();
        let tmux = Tmux {
            socket,
            _state: None,
        };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            &height,
            "-c",
            &dir,
            // Through env: tmux gives the pane its own PATH whatever `-e` says.
            "env",
            &format!("PATH={path}"),
            // No configuration file of the user's changes what the tests see.
            &format!("XDG_CONFIG_HOME={}", super::NO_CONFIG),
            // Nor does the user's remembered state, and what the tests leave stays theirs.
            &format!("XDG_STATE_HOME={}", state.display()),
            // Nor the user's lasting stores.
            &format!("XDG_CACHE_HOME={}", super::cache_home()),
            "PS1=$ ",
            "bash",
            "--norc",
            "--noprofile",
            ";",
            "set-option",
            "-s",
            "escape-time",
            "0",
            ";",
            "set-option",
            "-g",
            "status",
            "off",
            // OSC 52 from the program fills a tmux buffer (see `clipboard`).
            ";",
            "set-option",
            "-s",
            "set-clipboard",
            "on",
        ]);
        tmux.wait_for("$");
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let mut all = vec!["-L", self.socket.as_str()];
        all.extend_from_slice(args);
        let output = tmux_output(&all);
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Sends keys by tmux's names (`Enter`, `Escape`, `C-c`, `Down`, `F1`…).
    pub(crate) fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally, one key per character.
    pub(crate) fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
    }

    /// Sends these bytes exactly as a terminal would, in one go (tmux's hexadecimal keys).
    pub(crate) fn send_bytes(&self, bytes: &[u8]) {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["send-keys", "-H"];
        args.extend(hex.iter().map(String::as_str));
        self.run(&args);
    }

    /// Pastes `text` as the terminal would: bracketed (`ESC [ 200~`…`ESC [ 201~`) when the
    /// program asked for bracketed paste, as plain typing when it did not.
    pub(crate) fn paste(&self, text: &str) {
        self.run(&["set-buffer", "--", text]);
        self.run(&["paste-buffer", "-p", "-d"]);
    }

    /// Types a shell command and presses Enter.
    pub(crate) fn command(&self, line: &str) {
        self.type_text(line);
        self.keys(&["Enter"]);
    }

    /// Pastes the contents of the file `path` as [`Tmux::paste`] does (for text too long for
    /// a tmux command line).
    pub(crate) fn paste_file(&self, path: &Path) {
        self.run(&["load-buffer", &path.display().to_string()]);
        self.run(&["paste-buffer", "-p", "-d"]);
    }

    /// The visible screen as text.
    pub(crate) fn screen(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }

    /// What the program last put on the clipboard with OSC 52 (tmux's newest buffer).
    pub(crate) fn clipboard(&self) -> String {
        self.run(&["show-buffer"])
    }

    /// The screen with its colours and attributes as escape sequences.
    pub(crate) fn screen_with_attributes(&self) -> String {
        self.run(&["capture-pane", "-p", "-e"])
    }

    /// Waits until the screen satisfies `ready`, returning it; fails with the last screen.
    pub(crate) fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on screen.
    pub(crate) fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Whether the pane is on the alternate screen and whether its cursor is visible.
    pub(crate) fn modes(&self) -> PaneModes {
        let flags = self.run(&[
            "display-message",
            "-p",
            "#{alternate_on} #{cursor_flag} #{mouse_any_flag}",
        ]);
        let flags: Vec<&str> = flags.split_whitespace().collect();
        PaneModes {
            alternate_screen: flags.first() == Some(&"1"),
            cursor_visible: flags.get(1) == Some(&"1"),
            mouse_reporting: flags.get(2) == Some(&"1"),
        }
    }

    /// Leaves folio with `key`, waits for the shell to report exit status `status`, and checks
    /// the terminal is restored; the screen as it was when folio ended.
    pub(crate) fn quit(&self, key: &str, status: u8) -> String {
        self.keys(&[key]);
        let screen = self.wait_for(&format!("exit={status}"));
        self.assert_restored();
        screen
    }

    /// Asserts the terminal is as the shell left it: main screen, cursor shown, no mouse
    /// reporting, and the line discipline back in canonical mode with echo.
    pub(crate) fn assert_restored(&self) {
        let modes = self.modes();
        assert!(!modes.alternate_screen, "still on the alternate screen");
        assert!(modes.cursor_visible, "cursor left hidden");
        assert!(!modes.mouse_reporting, "mouse reporting left on");
        // The markers are assembled by the shell so the typed command line cannot match them,
        // and numbered so an earlier check still on screen cannot either.
        let check = SESSIONS.fetch_add(1, Ordering::SeqCst);
        self.command(&format!(
            "clear; echo TTY{check}-$(stty -a | grep -Eq -- '-icanon|-echo( |$)' && echo RAW || echo COOKED)"
        ));
        let (raw, cooked) = (format!("TTY{check}-RAW"), format!("TTY{check}-COOKED"));
        let screen = self.wait_until("the stty check", |s| {
            s.contains(&raw) || s.contains(&cooked)
        });
        assert!(screen.contains(&cooked), "raw mode left on:\n{screen}");
    }

    /// The process the pane was started with (the shell, or what it `exec`ed).
    pub(crate) fn pane_pid(&self) -> u32 {
        let pid = self.run(&["display-message", "-p", "#{pane_pid}"]);
        pid.trim()
            .parse()
            .unwrap_or_else(|e| panic!("pane pid {pid:?}: {e}"))
    }

    /// The process the pane's shell is running in the foreground, once it has started.
    /// When the shell `exec`ed the program, that is the pane's own process.
    pub(crate) fn foreground_pid(&self) -> u32 {
        let shell = self.pane_pid();
        let name = std::fs::read_to_string(format!("/proc/{shell}/comm")).unwrap_or_default();
        if name.trim() != "bash" {
            return shell;
        }
        let children = format!("/proc/{shell}/task/{shell}/children");
        let start = Instant::now();
        loop {
            let listed = std::fs::read_to_string(&children).unwrap_or_default();
            if let Some(pid) = listed
                .split_whitespace()
                .next()
                .and_then(|p| p.parse().ok())
            {
                return pid;
            }
            assert!(start.elapsed() < TIMEOUT, "no process started in the pane");
            std::thread::sleep(POLL);
        }
    }

    /// Copies everything the pane writes into `capture` from now on, then starts `command`
    /// (through `sh -c`, which prints no prompt) once Enter is pressed, so the capture holds
    /// nothing but the tty's echo of that Enter and what `command` writes.
    pub(crate) fn run_in_pane_after_enter(&self, command: &str, capture: &Path) {
        self.command(&format!("exec sh -c 'read go; {command}'"));
        let start = Instant::now();
        while self.pane_command() != "sh" {
            assert!(start.elapsed() < TIMEOUT, "sh did not start in the pane");
            std::thread::sleep(POLL);
        }
        let pipe = format!("cat > '{}'", capture.display());
        self.run(&["pipe-pane", "-O", &pipe]);
        self.keys(&["Enter"]);
    }

    /// Copies everything the pane's program writes into `capture` from now on.
    pub(crate) fn capture_output(&self, capture: &Path) {
        let pipe = format!("cat > '{}'", capture.display());
        self.run(&["pipe-pane", "-O", &pipe]);
    }

    /// The name of the command running in the pane.
    fn pane_command(&self) -> String {
        self.run(&["display-message", "-p", "#{pane_current_command}"])
            .trim()
            .to_string()
    }

    /// Waits until the pane's process has exited (the pane is then dead or gone).
    pub(crate) fn wait_for_exit(&self) {
        let start = Instant::now();
        loop {
            let mut args = vec!["-L", self.socket.as_str()];
            args.extend_from_slice(&["display-message", "-p", "#{pane_dead}"]);
            let output = tmux_output(&args);
            let text = String::from_utf8_lossy(&output.stdout);
            if !output.status.success() || text.trim() == "1" {
                return;
            }
            assert!(start.elapsed() < TIMEOUT, "the pane's program did not exit");
            std::thread::sleep(POLL);
        }
    }

    /// Kills the tmux server, closing the pane's pseudo-terminal as a dropped SSH link would.
    pub(crate) fn close_terminal(&self) {
        let _ = tmux_output(&["-L", &self.socket, "kill-server"]);
    }

    pub(crate) fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PaneModes {
    pub alternate_screen: bool,
    pub cursor_visible: bool,
    pub mouse_reporting: bool,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
