//! Replays `demo.tape` (the VHS script that records the demo) against the real binary in a
//! pseudo-terminal. Every `Wait+Screen /regex/` must be met, so the demo can never describe a
//! program that does not exist. `Sleep` is pacing for the recording and is not replayed: the
//! replay waits for the screen instead.

use crate::common::TestResult;
use crate::common::tmux::Tmux;
use regex::Regex;
use std::path::Path;
use std::time::{Duration, Instant};

/// One replayable step of a tape.
#[derive(Debug)]
enum Step {
    /// Keys by tmux's names, each sent `repeat` times.
    Keys(String, usize),
    Type(String),
    Wait(Regex, Duration),
}

const VHS_DEFAULT_WAIT: Duration = Duration::from_secs(15);

/// Parses the tape, rejecting any command this replay cannot honour.
fn parse_tape(tape: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (number, line) in tape.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        // `Command@speed` sets the typing speed of one command: pacing only.
        let name = command.split('@').next().unwrap_or(command);
        let fail = |why: &str| format!("demo.tape line {}: {why}: {line}", number + 1);
        match name {
            "Output" | "Set" | "Require" | "Hide" | "Show" | "Sleep" | "Screenshot" => {}
            "Type" => steps.push(Step::Type(
                unquote(rest).ok_or_else(|| fail("unquoted text"))?,
            )),
            "Wait+Screen" => {
                let timeout = match command.split_once('@') {
                    Some((_, time)) => parse_duration(time).ok_or_else(|| fail("bad timeout"))?,
                    None => VHS_DEFAULT_WAIT,
                };
                let pattern = rest
                    .strip_prefix('/')
                    .and_then(|r| r.strip_suffix('/'))
                    .ok_or_else(|| fail("a Wait needs /regex/"))?;
                let regex = Regex::new(pattern).map_err(|e| fail(&e.to_string()))?;
                steps.push(Step::Wait(regex, timeout));
            }
            _ => {
                let key = tmux_key(name).ok_or_else(|| fail("not replayable"))?;
                let repeat = if rest.is_empty() {
                    1
                } else {
                    rest.parse().map_err(|_| fail("bad repeat count"))?
                };
                steps.push(Step::Keys(key, repeat));
            }
        }
    }
    Ok(steps)
}

fn unquote(text: &str) -> Option<String> {
    ['"', '\'', '`'].iter().find_map(|&q| {
        text.strip_prefix(q)
            .and_then(|t| t.strip_suffix(q))
            .map(str::to_string)
    })
}

fn parse_duration(text: &str) -> Option<Duration> {
    if let Some(ms) = text.strip_suffix("ms") {
        return ms.parse().ok().map(Duration::from_millis);
    }
    text.strip_suffix('s')
        .unwrap_or(text)
        .parse::<f64>()
        .ok()
        .map(Duration::from_secs_f64)
}

/// The tmux name of a VHS key command.
fn tmux_key(name: &str) -> Option<String> {
    if let Some(key) = name.strip_prefix("Ctrl+") {
        return Some(format!("C-{}", key.to_lowercase()));
    }
    if let Some(key) = name.strip_prefix("Alt+") {
        return Some(format!("M-{key}"));
    }
    let key = match name {
        "Enter" => "Enter",
        "Escape" => "Escape",
        "Backspace" => "BSpace",
        "Delete" => "DC",
        "Insert" => "IC",
        "Tab" => "Tab",
        "Space" => "Space",
        "Up" => "Up",
        "Down" => "Down",
        "Left" => "Left",
        "Right" => "Right",
        "PageUp" => "PPage",
        "PageDown" => "NPage",
        "Home" => "Home",
        "End" => "End",
        _ => return None,
    };
    Some(key.to_string())
}

fn tape() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo.tape");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_tape_only_uses_what_the_replay_understands() -> TestResult {
    let steps = parse_tape(&tape())?;
    let waits = steps.iter().filter(|s| matches!(s, Step::Wait(..))).count();
    assert!(waits >= 5, "the demo checks its screens as it goes");
    assert!(
        matches!(steps.last(), Some(Step::Wait(..))),
        "the tape ends by checking the screen"
    );
    Ok(())
}

#[test]
fn the_parser_rejects_what_it_cannot_replay() {
    assert!(parse_tape("Copy \"x\"").is_err());
    assert!(parse_tape("Wait+Screen missing-slashes").is_err());
    assert!(parse_tape("Type unquoted").is_err());
    assert_eq!(
        parse_tape("Down 3\nCtrl+U\nWait+Screen@2s /a b/").map(|s| s.len()),
        Ok(3)
    );
}

#[test]
fn the_demo_tape_replays_against_the_real_binary() -> TestResult {
    let steps = parse_tape(&tape())?;
    let term = Tmux::start(120, 36, Path::new(env!("CARGO_MANIFEST_DIR")));
    for step in &steps {
        match step {
            Step::Type(text) => term.type_text(text),
            Step::Keys(key, repeat) => {
                for _ in 0..*repeat {
                    // An Escape read together with the next key is one Alt+key, which the
                    // recording's pauses prevent: the replay waits for it to act instead.
                    let before = (*key == "Escape").then(|| term.screen());
                    term.keys(&[key]);
                    if let Some(before) = before {
                        term.wait_until("the screen to change after Escape", |screen| {
                            screen != before
                        });
                    }
                }
            }
            Step::Wait(regex, timeout) => {
                let start = Instant::now();
                loop {
                    let screen = term.screen();
                    if regex.is_match(&screen) {
                        break;
                    }
                    assert!(
                        start.elapsed() < *timeout,
                        "demo.tape waits for /{regex}/ but the screen is:\n{screen}"
                    );
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
    }
    // The tour ends by quitting: folio must have handed the terminal back.
    term.assert_restored();
    Ok(())
}
