//! The hostile corpus through the printing modes and the app: nothing hangs, nothing leaks a
//! control character, every odd file is either shown correctly or skipped with its reason.

use crate::common::TestResult;
use crate::common::{Browser, hostile};
use folio::testing::Highlights;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs folio, failing the test if it has not finished within `limit` (a FIFO opened by
/// mistake would block forever).
fn folio_within(limit: Duration, args: &[&str]) -> Output {
    let mut child = crate::common::folio_command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("folio {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn has_control_bytes(bytes: &[u8], allowed: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars().any(|c| {
        (c.is_control() && !allowed.contains(&(c as u8))) || ('\u{80}'..='\u{9f}').contains(&c)
    })
}

#[test]
fn list_shows_every_readable_document_decoded_and_inert() {
    let dir = hostile::corpus();
    let root = dir.path().display().to_string();
    let output = folio_within(Duration::from_secs(20), &["--list", "--verbose", &root]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !has_control_bytes(&output.stdout, b"\t\n"),
        "control bytes in --list output"
    );
    assert!(
        !has_control_bytes(&output.stderr, b"\n"),
        "control bytes in --verbose output"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let title_of = |name: &str| -> String {
        stdout
            .lines()
            .find(|line| line.split('\t').next().is_some_and(|p| p.ends_with(name)))
            .and_then(|line| line.split_once('\t'))
            .map(|(_, title)| title.to_string())
            .unwrap_or_else(|| panic!("{name} not listed:\n{stdout}"))
    };
    assert_eq!(
        title_of("escape.txt"),
        "Payload title ␛[2J␛]0;PWNED-TITLE␇ here."
    );
    assert_eq!(title_of("utf16le.txt"), "UTF-16LE title.");
    assert_eq!(title_of("utf16be.txt"), "UTF-16BE.");
    assert_eq!(title_of("bom.txt"), "UTF-8 with a BOM.");
    assert_eq!(title_of("cp1252.txt"), "Café £100, crème brûlée — menu.");
    assert!(title_of("cjk.txt").starts_with("中文标题没有空格的一句话。"));
    assert_eq!(title_of("empty.txt"), "empty.txt");
    assert_eq!(title_of("blank.txt"), "blank.txt");
    assert_eq!(title_of("deep.txt"), "Deeply nested document.");
    assert_eq!(title_of("newline.txt"), "Evil name document.");
    assert_eq!(title_of("-name.txt"), "Latin-1 name document.");
    assert!(
        stdout.contains("name-␛]0;NAME-TITLE␇-␊newline.txt\t"),
        "the evil name is shown inertly"
    );
    assert_eq!(title_of("long-line.txt").chars().count(), 201);

    let stderr = String::from_utf8_lossy(&output.stderr);
    for (name, reason) in [
        ("binary.txt", "binary"),
        ("fifo.txt", "not a regular file (FIFO)"),
        ("zero.txt", "symbolic link, not followed"),
        ("dangling.txt", "symbolic link, not followed"),
        ("link-to-escape.txt", "symbolic link, not followed"),
        ("loop/back", "symbolic link, not followed"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(reason)),
            "{name}: expected {reason:?} in:\n{stderr}"
        );
    }
}

#[test]
fn following_links_detects_the_loop_and_refuses_the_device() {
    let dir = hostile::corpus();
    let root = dir.path().display().to_string();
    let output = folio_within(
        Duration::from_secs(20),
        &["--list", "--verbose", "--follow", &root],
    );
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("link-to-escape.txt\tPayload title"),
        "{stdout}"
    );
    assert!(
        stderr.contains("zero.txt: not a regular file (character device)"),
        "{stderr}"
    );
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert!(
        stderr.contains("dangling.txt: vanished, or a dangling symbolic link"),
        "{stderr}"
    );
}

fn hostile_browser(width: u16, height: u16) -> (tempfile::TempDir, Browser) {
    hostile::browser(&["payload"], width, height)
}

#[test]
fn every_document_renders_without_a_control_character_in_any_cell() {
    for (width, height) in [(120, 40), (40, 10), (7, 5), (200, 3)] {
        let (_dir, mut browser) = hostile_browser(width, height);
        for _ in 0..browser.matches().len() {
            for keys in ["", "Enter G"] {
                let buffer = browser.keys(keys).buffer();
                for cell in buffer.content() {
                    assert!(
                        !cell.symbol().chars().any(|c| c.is_control()),
                        "control character in a cell at {width}x{height}: {:?}",
                        cell.symbol()
                    );
                }
                browser.keys("Esc");
            }
            browser.keys("Down");
        }
    }
}

#[test]
fn the_escape_document_is_shown_inertly_and_searchable() {
    let (_dir, mut browser) = hostile_browser(100, 30);
    browser.keys("payload Enter / [2j Enter");
    assert_eq!(
        browser.app().reader().match_counter(),
        "match 1 of 2",
        "search runs on the sanitized text"
    );
    let screen = browser.screen();
    for shown in [
        "␛]52;c;cHduZWQ=␇",
        "␛[?1049l",
        "␛[?1000h",
        "<U+009B>31m",
        "back␈␈␈space",
        "carriage␍return",
        "<U+202E>txt.exe<U+202C>",
    ] {
        assert!(screen.contains(shown), "{shown} not shown:\n{screen}");
    }
}

#[test]
fn a_2mb_line_without_spaces_is_readable_to_its_end() {
    let (_dir, mut browser) = hostile_browser(80, 24);
    browser.keys("xxxx Enter G");
    let position = browser.app().reader().position();
    assert!(position.at_end && !position.at_top);
    assert_eq!(position.percent, 100);
    let rows = browser.app().reader().visible_rows(&Highlights::none());
    assert_eq!(rows.len(), 22, "a full page of the line's end");
    assert!(rows.iter().all(|row| row.text.chars().all(|c| c == 'x')));
    assert!(rows.iter().all(|row| folio::testing::width(row.text) <= 78));
    // 2 MiB is a whole number of 78-column rows plus 2 MiB mod 78 on the last one, if the line
    // was wrapped as one piece; its 32 KiB segments each end with a shorter row.
    assert!(rows.iter().filter(|row| row.text.len() == 78).count() >= 20);
}

#[test]
fn wide_characters_and_zwj_sequences_stay_inside_the_pane() {
    let (_dir, mut browser) = hostile_browser(41, 12);
    for query in ["中文", "family"] {
        browser.keys("Ctrl-U").keys(query).keys("Enter");
        for row in browser.screen().lines() {
            assert!(folio::testing::width(row) <= 41, "{row:?}");
        }
        browser.keys("Esc");
    }
}

/// Paths, sizes, modification times and contents of everything under `root` (links are
/// described by their targets, FIFOs by their type: nothing that could block is read).
fn manifest(root: &Path) -> Vec<String> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let meta = entry
            .path()
            .symlink_metadata()
            .unwrap_or_else(|e| panic!("{e}"));
        let kind = meta.file_type();
        let detail = if kind.is_symlink() {
            format!("-> {:?}", std::fs::read_link(entry.path()).ok())
        } else if kind.is_file() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            format!("{} bytes {:x}", bytes.len(), hasher.finish())
        } else {
            format!("{kind:?}")
        };
        let modified = meta.modified().ok();
        entries.push(format!("{:?} {modified:?} {detail}", entry.path()));
    }
    entries
}

#[test]
fn a_session_changes_nothing_in_the_corpus() {
    let dir = hostile::corpus();
    let before = manifest(dir.path());
    let term = crate::common::tmux::Tmux::start(100, 30, dir.path());
    term.command("folio --follow .; echo \"exit=$?\"");
    term.wait_for("skipped (F2)");
    for _ in 0..18 {
        term.keys(&["Enter", "G", "/", "e", "Enter", "n", "q", "Down"]);
    }
    term.keys(&["F2"]);
    term.wait_for("skipped (Esc closes");
    // Esc and the next key apart: sent together they read as Alt+key, as in any terminal.
    term.keys(&["Escape"]);
    term.wait_until("the overlay to close", |s| {
        !s.contains("skipped (Esc closes")
    });
    term.quit("C-c", 130);
    assert_eq!(before, manifest(dir.path()), "the corpus changed");
}

#[test]
fn unreadable_files_and_folders_are_skipped_with_the_reason() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = hostile::corpus();
    std::fs::write(dir.path().join("secret.txt"), "Secret.")?;
    std::fs::create_dir(dir.path().join("locked"))?;
    std::fs::write(dir.path().join("locked/inside.txt"), "Inside.")?;
    for (path, mode) in [("secret.txt", 0o000), ("locked", 0o000)] {
        std::fs::set_permissions(dir.path().join(path), std::fs::Permissions::from_mode(mode))?;
    }
    // A copy of the binary the unprivileged user can surely run, wherever the build lives.
    let bin_dir = tempfile::tempdir()?;
    std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755))?;
    let folio_copy = bin_dir.path().join("folio");
    std::fs::copy(env!("CARGO_BIN_EXE_folio"), &folio_copy)?;
    let folio = folio_copy.display().to_string();
    let folio = folio.as_str();
    let root = dir.path().display().to_string();
    // CI runs as root, who may read anything: drop to an unprivileged user to test this.
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    let mut command = if as_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", folio]);
        c
    } else {
        Command::new(folio)
    };
    let output = command
        .env("XDG_CONFIG_HOME", crate::common::NO_CONFIG)
        .env("XDG_STATE_HOME", crate::common::state_home())
        .args(["--list", "--verbose", &root])
        .output()
        .unwrap_or_else(|e| panic!("cannot run setpriv: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("secret.txt") && l.contains("Permission denied")),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("locked") && l.contains("Permission denied")),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("escape.txt\tPayload title"));
    for path in ["secret.txt", "locked"] {
        let _ = std::fs::set_permissions(
            dir.path().join(path),
            std::fs::Permissions::from_mode(0o755),
        );
    }
    Ok(())
}
