//! Fuzzes the whole view through the real event loop: arbitrary bytes as a document, shown at
//! an arbitrary size after arbitrary keys, must never panic nor put a control character in any
//! cell.
#![no_main]

use folio::app::{App, Setup};
use folio::corpus::store::DocStore;
use folio::corpus::{Corpus, DocMeta};
use folio::keys::keymap::Keymap;
use folio::tty::event_loop::EventLoop;
use folio::tty::scripted::{Pace, Scripted};
use folio::ui::theme::Theme;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KEYS: [&str; 10] = ["Enter", "Space", "G", "/", "e", "n", "F1", "F2", "Esc", "Down"];

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (columns, rows) = (u16::from(data[0]) + 1, u16::from(data[1] % 80) + 1);
    let key_count = usize::from(data[2] % 16);
    let keys = &data[3..3 + key_count.min(data.len() - 3)];
    let body = &data[3 + keys.len()..];
    // The document is a file, read as every document is.
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("fuzz.txt");
    if std::fs::write(&path, body).is_err() {
        return;
    }
    let meta = DocMeta {
        path: path.as_path().into(),
        title: "fuzz".into(),
        date: None,
        size: body.len() as u64,
        record: None,
    };
    let corpus = Corpus {
        root: dir.path().into(),
        docs: DocStore::new(vec![meta], Default::default()),
        skipped: vec![],
    };
    let setup = Setup { keywords: vec!["e".into()], ..Setup::default() };
    let Ok(session) = Scripted::new() else { return };
    let Ok(terminal) = Terminal::new(TestBackend::new(columns, rows));
    let started = App::new(corpus, setup);
    let Ok(mut event_loop) =
        EventLoop::new(terminal, session, started, Theme::default(), Keymap::default())
    else {
        return;
    };
    for &key in keys {
        event_loop.session().play(KEYS[usize::from(key) % KEYS.len()], Pace::Patient);
        if let Ok(Some(_)) = event_loop.run() {
            break;
        }
        for cell in event_loop.terminal().backend().buffer().content() {
            assert!(!cell.symbol().chars().any(char::is_control));
        }
    }
});
