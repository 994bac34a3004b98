//! Files are checked when they are read, not only when they are found: a document swapped for
//! a symbolic link after the walk is refused, one changed on disk is shown as it is now with a
//! note, and the configuration file is a regular file of bounded size.

use crate::common::TestResult;
use crate::common::{Browser, folio_output, temp_corpus, typing};

#[test]
fn a_document_swapped_for_a_link_after_the_walk_is_refused_not_followed() -> TestResult {
    let dir = temp_corpus(&[
        ("docs/alpha.txt", "Alpha report\nalpha text about budgets\n"),
        ("docs/beta.txt", "Beta report\nbeta text about budgets\n"),
        ("secret/passwd", "root:SECRET-LINE:0:0\n"),
    ]);
    let mut browser = Browser::over(&dir.path().join("docs"), &[], "", 100, 20);
    let beta = dir.path().join("docs/beta.txt");
    std::fs::remove_file(&beta)?;
    std::os::unix::fs::symlink(dir.path().join("secret/passwd"), &beta)?;
    browser.keys(&typing("Beta"));
    let screen = browser.keys("Enter").screen();
    assert!(
        screen.contains("cannot read this document: it, or a folder it is in, is"),
        "{screen}"
    );
    assert!(!screen.contains("SECRET"), "{screen}");
    // Nor does the text search read it: its passage is not shown.
    let screen = browser
        .keys(&format!("q Ctrl-U Ctrl-F {}", typing("budgets")))
        .screen();
    assert!(screen.contains("alpha text about budgets"), "{screen}");
    assert!(!screen.contains("SECRET"), "{screen}");
    Ok(())
}

#[test]
fn a_document_changed_since_it_was_listed_is_shown_as_it_is_now() -> TestResult {
    let dir = temp_corpus(&[("docs/notes.txt", "Field notes\nthe first draft\n")]);
    let mut browser = Browser::over(&dir.path().join("docs"), &[], "", 100, 20);
    std::fs::write(
        dir.path().join("docs/notes.txt"),
        "Field notes\nthe second draft, much longer than the first one was\n",
    )?;
    let screen = browser.keys("Enter").screen();
    assert!(screen.contains("the second draft"), "{screen}");
    assert!(screen.contains("(changed on disk)"), "{screen}");
    assert!(screen.contains("12 words"), "{screen}");
    Ok(())
}

#[test]
fn a_configuration_that_is_no_regular_file_or_too_big_is_a_clear_error() -> TestResult {
    let dir = temp_corpus(&[("docs/a.txt", "A\n")]);
    let fifo = dir.path().join("config.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "# padding\n".repeat(200_000))?;
    for (config, reason) in [
        (fifo.display().to_string(), "not a regular file (FIFO)"),
        (
            "/dev/zero".to_string(),
            "not a regular file (character device)",
        ),
        (big.display().to_string(), "larger than 1 MiB"),
    ] {
        let output = folio_output(&["--config", &config, "--list", "docs"], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{config}: {stderr}");
        assert!(stderr.contains(&format!("{config}: {reason}")), "{stderr}");
    }
    // The same at the default path: not passed over in silence.
    let home = dir.path().join("config-home");
    std::fs::create_dir_all(home.join("folio"))?;
    let default = home.join("folio/config.toml");
    std::os::unix::fs::symlink("/dev/zero", &default)?;
    let output = crate::common::folio_command()
        .env("XDG_CONFIG_HOME", &home)
        .args(["--list", "docs"])
        .current_dir(dir.path())
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not a regular file (character device)"),
        "{stderr}"
    );
    Ok(())
}
