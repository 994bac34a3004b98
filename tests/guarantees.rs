//! What folio guarantees against hostile names, folders, state and input (the README's "What
//! folio guarantees"): a name never becomes a command of the editor or pager, nothing is
//! written through a link or blocks on a FIFO, nothing from outside the corpus is shown, and a
//! hostile query or input never freezes the interface. Each test here failed before its fix.

mod common;

use common::temp_corpus;
use common::tmux::Tmux;
use std::path::Path;

/// A stand-in editor in `dir` that writes each argument it got on a line of `args`, then
/// exits: what a real editor would have been asked to do.
fn recording_editor(dir: &Path) -> std::path::PathBuf {
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
        dir.join("args").display()
    );
    common::executable(dir, "recording-editor", &script)
}

/// Names that vi, vim or nvim would take for commands, and others would take for options.
const HOSTILE_NAMES: [&str; 3] = ["+:!touch PWNED", "+!touch PWNED", "-c!touch PWNED"];

#[test]
fn a_file_name_is_never_an_editor_command_or_option() {
    for name in HOSTILE_NAMES {
        let dir = temp_corpus(&[(
            &format!("docs/{name}.txt"),
            "A document with a hostile name\nIts text.\n",
        )]);
        let editor = recording_editor(dir.path());
        let term = Tmux::start(100, 30, dir.path());
        term.command(&format!(
            "VISUAL={} folio docs; echo \"exit=$?\"",
            editor.display()
        ));
        term.wait_for("1/1");
        term.keys(&["Enter"]);
        term.wait_for("Its text.");
        term.keys(&["e"]);
        term.wait_until("the editor to have run", |_| {
            dir.path().join("args").exists()
        });
        term.wait_for("Its text.");
        let args = std::fs::read_to_string(dir.path().join("args")).unwrap_or_default();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args, ["+1", &format!("./docs/{name}.txt")], "{name}");
        term.keys(&["C-c"]);
        term.wait_for("exit=130");
    }
}

/// With vim itself (where it is installed): the hostile name is opened as a file, and no
/// command in it runs.
#[test]
fn vim_opens_a_hostile_name_as_a_file() {
    if std::process::Command::new("vim")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("vim is not installed: the stand-in editor's test stands alone");
        return;
    }
    let dir = temp_corpus(&[("+:!touch PWNED", "A document vim must not run\nIts text.\n")]);
    let term = Tmux::start(100, 30, dir.path());
    // Listed on standard input, relative to the folder folio runs in: the bare name.
    term.command("ls | VISUAL='vim -u NONE -i NONE -N' folio; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    term.wait_for("Its text.");
    term.keys(&["e"]);
    term.wait_until("vim showing the document", |s| {
        s.contains("A document vim must not run") && !s.contains("1/1")
    });
    term.type_text(":q!");
    term.keys(&["Enter"]);
    term.wait_for("1/1");
    term.keys(&["C-c"]);
    term.wait_for("exit=130");
    assert!(
        !dir.path().join("PWNED").exists(),
        "vim ran a command from the file name"
    );
}
