//! Builds the hostile corpus at test time (no binary blobs in the repository): escape-sequence
//! payloads, bad file names, a FIFO, links to a device, a loop, a dangling link, binary data,
//! UTF-16, Windows-1252, CJK, emoji, a 2 MB line, empty and blank files, deep nesting.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;

/// Escape payloads that would, written raw, clear the screen, set the window title, write the
/// clipboard (OSC 52), leave the alternate screen, turn mouse reporting on, and use a C1 CSI,
/// backspaces and carriage returns to overprint text.
pub(crate) const ESCAPE_PAYLOAD: &str = "Payload title \u{1b}[2J\u{1b}]0;PWNED-TITLE\u{7} here.\n\
    clear \u{1b}[2J and \u{1b}[H home\n\
    osc52 \u{1b}]52;c;cHduZWQ=\u{7} clipboard\n\
    altscreen \u{1b}[?1049l left\n\
    mouse \u{1b}[?1000h on\n\
    c1 \u{9b}31m csi and \u{9d}0;t\u{9c} osc\n\
    back\u{8}\u{8}\u{8}space and carriage\rreturn\n\
    bidi \u{202e}txt.exe\u{202c} trick\n";

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap_or_default();
    // SAFETY: mkfifo reads a NUL-terminated path and touches no Rust memory.
    let made = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// Creates the hostile corpus in `root`.
pub(crate) fn build(root: &Path) {
    write(root, "escape.txt", ESCAPE_PAYLOAD.as_bytes());
    // A name holding escape bytes and a newline.
    let evil_name = OsStr::from_bytes(b"name-\x1b]0;NAME-TITLE\x07-\nnewline.txt");
    std::fs::write(root.join(evil_name), "Evil name document.").unwrap_or_else(|e| panic!("{e}"));
    // A name that is not UTF-8 (Latin-1 é).
    let latin_name = OsStr::from_bytes(b"caf\xe9-name.txt");
    std::fs::write(root.join(latin_name), "Latin-1 name document.")
        .unwrap_or_else(|e| panic!("{e}"));
    write(root, "binary.txt", b"ELF\x00\x01\x02 binary data");
    write(
        root,
        "utf16le.txt",
        b"\xFF\xFEU\x00T\x00F\x00-\x001\x006\x00L\x00E\x00 \x00t\x00i\x00t\x00l\x00e\x00.\x00",
    );
    write(
        root,
        "utf16be.txt",
        b"\xFE\xFF\x00U\x00T\x00F\x00-\x001\x006\x00B\x00E\x00.",
    );
    write(root, "bom.txt", b"\xEF\xBB\xBFUTF-8 with a BOM.");
    write(
        root,
        "cp1252.txt",
        b"Caf\xE9 \xA3100, cr\xE8me br\xFBl\xE9e \x97 menu.\n",
    );
    write(
        root,
        "cjk.txt",
        "中文标题没有空格的一句话。".repeat(40).as_bytes(),
    );
    write(
        root,
        "emoji.txt",
        "Family 👨\u{200d}👩\u{200d}👧 and flags 🇫🇷 and e\u{301} combining.\n".as_bytes(),
    );
    let long_line = "x".repeat(2 * 1024 * 1024);
    write(root, "long-line.txt", long_line.as_bytes());
    write(root, "empty.txt", b"");
    write(root, "blank.txt", b"   \n\t\n\n");
    let deep: String = (0..60).map(|i| format!("d{i}/")).collect();
    write(root, &format!("{deep}deep.txt"), b"Deeply nested document.");
    mkfifo(&root.join("fifo.txt"));
    symlink("/dev/zero", root.join("zero.txt")).unwrap_or_else(|e| panic!("{e}"));
    symlink(root.join("nowhere.txt"), root.join("dangling.txt")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(root.join("loop")).unwrap_or_else(|e| panic!("{e}"));
    symlink(root, root.join("loop/back")).unwrap_or_else(|e| panic!("{e}"));
    symlink(root.join("escape.txt"), root.join("link-to-escape.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A fresh hostile corpus in a temporary folder readable by every user (for `setpriv` runs).
pub(crate) fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    build(dir.path());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// folio over a fresh hostile corpus, sized `width`x`height`; keep the folder alive with it.
pub(crate) fn browser(
    keywords: &[&str],
    width: u16,
    height: u16,
) -> (tempfile::TempDir, super::Browser) {
    let dir = corpus();
    let browser = super::Browser::over(dir.path(), keywords, "", width, height);
    (dir, browser)
}
