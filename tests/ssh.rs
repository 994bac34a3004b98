//! folio over a real SSH connection: an OpenSSH server started on 127.0.0.1 for the test (the
//! package installed if missing, host and user keys made now), `ssh -tt` in a tmux pane, and
//! folio on the server. Filtering, reading, searching, resizing and quitting go through SSH;
//! the bytes folio sends per keystroke are recorded; killing the client must end folio on the
//! server within a second, leaving nothing behind.

use crate::common::NO_CONFIG;
use crate::common::repo;
use crate::common::tmux::Tmux;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

fn run(program: &str, args: &[&str]) {
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(status.success(), "{program} {args:?} failed");
}

/// Installs OpenSSH's server from Debian's packages when it is not there (as root, or with
/// sudo that asks no password).
fn ensure_sshd() {
    // Once for all the tests of this file, which run in parallel: two apt-gets would fight
    // over the package manager's lock.
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(install_sshd);
}

fn install_sshd() {
    if Path::new(SSHD).exists() {
        return;
    }
    // SAFETY: geteuid takes nothing and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let (program, mut args) = match root {
        true => ("apt-get", vec![]),
        false => ("sudo", vec!["-n", "apt-get"]),
    };
    let update: Vec<&str> = args.iter().copied().chain(["update", "-qq"]).collect();
    run(program, &update);
    args.extend(["install", "-y", "-qq", "openssh-server"]);
    let status = Command::new(program)
        .args(&args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot install openssh-server: {e}"));
    assert!(
        status.success() && Path::new(SSHD).exists(),
        "openssh-server did not install"
    );
}

/// An sshd of the test's own on a free port of 127.0.0.1, that lets in one key; stopped on drop.
struct Server {
    dir: tempfile::TempDir,
    port: u16,
    sshd: Child,
}

impl Server {
    fn start() -> Server {
        ensure_sshd();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let at = |name: &str| dir.path().join(name);
        for key in ["host_key", "user_key"] {
            let path = at(key).display().to_string();
            run(
                "ssh-keygen",
                &[
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "folio-test",
                    "-f",
                    &path,
                ],
            );
        }
        std::fs::copy(at("user_key.pub"), at("authorized_keys")).unwrap_or_else(|e| panic!("{e}"));
        // Privilege separation needs this folder; a package install makes it, a boot may not.
        let _ = std::fs::create_dir_all("/run/sshd");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map(|address| address.port())
            .unwrap_or_else(|e| panic!("no free port: {e}"));
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {pid}\n\
             AuthorizedKeysFile {keys}\nPubkeyAuthentication yes\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n\
             PermitRootLogin prohibit-password\nPrintMotd no\nPrintLastLog no\n",
            host = at("host_key").display(),
            pid = at("sshd.pid").display(),
            keys = at("authorized_keys").display(),
        );
        std::fs::write(at("sshd_config"), config).unwrap_or_else(|e| panic!("{e}"));
        let sshd = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(at("sshd_config"))
            .stderr(std::fs::File::create(at("sshd.log")).unwrap_or_else(|e| panic!("{e}")))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start sshd: {e}"));
        let server = Server { dir, port, sshd };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "sshd did not listen: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }

    /// The ssh command line that runs `remote` on the server in a pseudo-terminal.
    fn ssh(&self, remote: &str) -> String {
        let user = Command::new("id")
            .arg("-un")
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
            .unwrap_or_else(|e| panic!("id -un: {e}"));
        format!(
            "ssh -tt -F /dev/null -i {key} -o IdentitiesOnly=yes -o BatchMode=yes \
             -o StrictHostKeyChecking=no -o UserKnownHostsFile={known} -o LogLevel=ERROR \
             -p {port} {user}@127.0.0.1 '{remote}'",
            key = self.dir.path().join("user_key").display(),
            known = self.dir.path().join("known_hosts").display(),
            port = self.port,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.sshd.kill();
        let _ = self.sshd.wait();
    }
}

/// folio's binary under a name no other process has, so the server's processes can be
/// found by it.
fn unique_folio(dir: &Path) -> PathBuf {
    let link = dir.join(format!("folio-over-ssh-{}", std::process::id()));
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_folio"), &link)
        .unwrap_or_else(|e| panic!("{e}"));
    link
}

/// The pids of the processes started as `program` (their first argument).
fn processes_with(program: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse().ok())
        else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let first = cmdline.split(|&byte| byte == 0).next().unwrap_or_default();
        if first == program.as_bytes() {
            found.push(pid);
        }
    }
    found
}

/// Bytes written to the pane so far: the size of the capture, once it has stopped growing
/// (the capture is written by tmux a little after the screen changes).
fn settled_size(capture: &Path) -> u64 {
    let size = || std::fs::metadata(capture).map_or(0, |m| m.len());
    let mut last = size();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let now = size();
        if now == last {
            return now;
        }
        last = now;
    }
}

#[test]
fn filter_read_search_resize_and_quit_over_ssh() {
    let server = Server::start();
    let folio = unique_folio(server.dir.path());
    let term = Tmux::start(100, 30, repo());
    let remote = format!(
        "cd {repo} && XDG_CONFIG_HOME={NO_CONFIG} XDG_STATE_HOME={state} {folio} corpus; echo folio\"-\"exit=$?; \
         stty -a | grep -Eq -- \"-icanon|-echo( |$)\" && echo remote\"-\"RAW || echo remote\"-\"COOKED",
        repo = repo().display(),
        folio = folio.display(),
        state = server.dir.path().join("state").display(),
    );
    let capture = server.dir.path().join("pane.out");
    // The markers are split by quotes in the command, so its echo on screen never matches.
    term.command(&format!("{}; echo ssh\"-\"exit=$?", server.ssh(&remote)));
    term.wait_for("2/2");
    term.wait_until("both titles", |s| {
        s.contains("China's achievements") && s.contains("President Xi Jinping")
    });
    assert!(term.modes().alternate_screen && term.modes().mouse_reporting);

    // Filtering, one key at a time; the bytes each key costs over the link are recorded.
    term.capture_output(&capture);
    let query = "communist xi";
    let mut typed = String::new();
    let start = settled_size(&capture);
    for c in query.chars() {
        typed.push(c);
        term.type_text(&c.to_string());
        let line = format!("> {typed} ");
        term.wait_until(&format!("the query {typed:?}"), |s| {
            // The query line left of the reader, its counter settled (no `…`).
            let query_line = s.lines().next().and_then(|first| first.split('│').next());
            query_line.is_some_and(|first| first.starts_with(&line) && !first.contains('…'))
        });
    }
    term.wait_for("1/2");
    let filtering = settled_size(&capture) - start;

    // Reading and scrolling a line at a time.
    term.keys(&["Enter"]);
    term.wait_for("Esc back");
    let start = settled_size(&capture);
    let scrolls = 10;
    for _ in 0..scrolls {
        let before = term.screen();
        term.keys(&["j"]);
        term.wait_until("the reader to scroll", |s| s != before);
    }
    let scrolling = settled_size(&capture) - start;
    let per_key = format!(
        "over ssh, 100x30: {:.0} bytes per key filtering ({} keys), {:.0} per line scrolled ({} lines)",
        filtering as f64 / query.chars().count() as f64,
        query.chars().count(),
        scrolling as f64 / f64::from(scrolls),
        scrolls,
    );
    println!("{per_key}");
    let _ = std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("bytes-per-key-over-ssh.txt"),
        format!("{per_key}\n"),
    );

    // Searching.
    term.keys(&["/"]);
    term.type_text("leadership");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of");

    // A smaller window: the SIGWINCH travels through SSH and folio lays out again.
    term.resize(80, 24);
    term.wait_until("the 80-column layout", |s| {
        s.lines().count() <= 24
            && s.lines().any(|line| line.contains("match"))
            && !s.lines().any(|line| line.chars().count() > 80)
    });
    term.keys(&["q"]);
    term.wait_for("Enter read");
    term.keys(&["Escape"]);
    term.wait_until("the query cleared", |s| !s.contains("> communist"));
    term.keys(&["Escape"]);
    let screen = term.wait_for("ssh-exit=");
    assert!(screen.contains("folio-exit=130"), "{screen}");
    assert!(
        screen.contains("remote-COOKED"),
        "the remote terminal left raw:\n{screen}"
    );
    assert!(screen.contains("ssh-exit=0"), "{screen}");
    term.assert_restored();
}

#[test]
fn killing_the_ssh_client_ends_folio_on_the_server_within_a_second() {
    let server = Server::start();
    let folio = unique_folio(server.dir.path());
    let name = folio.display().to_string();
    let term = Tmux::start(100, 30, repo());
    let remote = format!(
        "cd {} && XDG_CONFIG_HOME={NO_CONFIG} XDG_STATE_HOME={} exec {name} corpus",
        repo().display(),
        server.dir.path().join("state").display()
    );
    term.command(&server.ssh(&remote));
    term.wait_for("2/2");
    // Mid-session: reading, with the text index built or building.
    term.keys(&["Enter"]);
    term.wait_for("Esc back");
    let running = processes_with(&name);
    assert_eq!(running.len(), 1, "one folio on the server: {running:?}");
    let client = term.foreground_pid();
    let comm = std::fs::read_to_string(format!("/proc/{client}/comm")).unwrap_or_default();
    assert_eq!(comm.trim(), "ssh", "the pane runs the ssh client");
    let killed = Instant::now();
    // SAFETY: kill() sends a signal to a process of this test's own tmux pane.
    unsafe {
        libc::kill(client as i32, libc::SIGKILL);
    }
    while !processes_with(&name).is_empty() && killed.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = killed.elapsed();
    assert!(
        processes_with(&name).is_empty(),
        "folio still runs on the server"
    );
    println!(
        "folio ended {} ms after the ssh client was killed",
        took.as_millis()
    );
    assert!(took < Duration::from_secs(1), "folio took {took:?} to end");
    // Nothing of the session is left: our sshd serves no connection any more.
    let start = Instant::now();
    while !descendants(server.sshd.id()).is_empty() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let left = descendants(server.sshd.id());
    assert!(
        left.is_empty(),
        "session processes left: {left:?}\n{}",
        server.log()
    );
}

/// Every process descended from `pid`.
fn descendants(pid: u32) -> Vec<u32> {
    let parent_of = |child: u32| -> Option<u32> {
        let status = std::fs::read_to_string(format!("/proc/{child}/status")).ok()?;
        let line = status.lines().find(|line| line.starts_with("PPid:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    let all: Vec<u32> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
        .collect();
    let mut found = vec![pid];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            all.iter()
                .filter(|&&child| parent_of(child) == Some(parent)),
        );
        index += 1;
    }
    found.remove(0);
    found
}
