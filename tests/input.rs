//! Input never stalls, in a real pseudo-terminal: a burst bigger than one read, sequences left
//! unfinished, bytes that decode to nothing and bracketed pastes are all read and acted on,
//! and the key after them is never lost.

use crate::common::repo;
use crate::common::tmux::Tmux;

/// folio on the sample corpus, both documents listed; the shell says how it ended.
fn folio() -> Tmux {
    let term = Tmux::start(80, 24, repo());
    term.command("folio corpus; echo \"exit=$?\"");
    term.wait_for("2/2");
    term
}

#[test]
fn a_burst_of_three_thousand_bytes_then_ctrl_c_exits_at_once() {
    let term = folio();
    // 1,000 Down arrows and Ctrl-C in one write: three times what one read took before.
    let mut burst = b"\x1b[B".repeat(1000);
    burst.push(0x03);
    term.send_bytes(&burst);
    term.wait_for("exit=130");
    term.assert_restored();
}

#[test]
fn an_unfinished_sequence_does_not_take_the_key_after_it() {
    let term = folio();
    // Alt-[ (`ESC [`), then a key that cannot end a sequence: whether the two come in one
    // read or two, the key is typed.
    term.send_bytes(b"\x1b[");
    term.type_text("é");
    term.wait_for("> é");
    // A mouse report cut off, then a resize: the screen is drawn again at the new size.
    term.send_bytes(b"\x1b[<0;");
    term.resize(70, 20);
    term.wait_until("the frame at 70 columns", |screen| {
        screen.lines().all(|line| line.chars().count() <= 70) && screen.contains("> é")
    });
    // The cut-off report is dropped, not typed into the query; Ctrl-C still ends folio.
    term.keys(&["C-u"]);
    term.wait_for("2/2");
    term.quit("C-c", 130);
}

#[test]
fn a_byte_that_is_no_character_is_dropped_and_the_next_key_kept() {
    let term = folio();
    // A Latin-1 é from a terminal not set to UTF-8, then a word.
    term.send_bytes(b"\xe9");
    term.type_text("party");
    let screen = term.wait_for("> party");
    let query = screen.lines().next().unwrap_or_default();
    assert!(query.starts_with("> party "), "{screen}");
}

#[test]
fn a_ten_kilobyte_paste_lands_in_the_query_as_one_line() {
    let term = folio();
    let line = "The minister said the tax claim was false.\n";
    let mut text = line.repeat(10_240 / line.len());
    text.push_str("pasted-end-marker");
    term.paste(&text);
    // The query line shows the end of what was pasted, lines joined by spaces.
    // The filter runs after the query line shows it: the counter may lag a frame.
    term.wait_until("the pasted query to filter to nothing", |screen| {
        screen.contains("false. pasted-end-marker") && screen.contains("0/2")
    });
    // Nothing of it was taken as keys: folio still runs, and Ctrl-U empties the query.
    term.keys(&["C-u"]);
    term.wait_for("2/2");
    // In the search prompt a paste is the term.
    term.keys(&["Enter", "/"]);
    term.paste("party\n");
    term.wait_for("/party");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of");
    term.quit("C-c", 130);
}
