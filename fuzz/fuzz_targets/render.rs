//! Fuzzes the whole view: arbitrary bytes as a document, shown at an arbitrary size after
//! arbitrary keys, must never panic nor put a control character in any cell.
#![no_main]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::app::App;
use folio::corpus::read::Capped;
use folio::corpus::{Corpus, DocMeta};
use folio::tty::event_loop::action_for_event;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KEYS: [KeyCode; 10] = [
    KeyCode::Enter,
    KeyCode::Char(' '),
    KeyCode::Char('G'),
    KeyCode::Char('/'),
    KeyCode::Char('e'),
    KeyCode::Char('n'),
    KeyCode::F(1),
    KeyCode::F(2),
    KeyCode::Esc,
    KeyCode::Down,
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (columns, rows) = (u16::from(data[0]) + 1, u16::from(data[1] % 80) + 1);
    let key_count = usize::from(data[2] % 16);
    let keys = &data[3..3 + key_count.min(data.len() - 3)];
    let body = &data[3 + keys.len()..];
    let meta = DocMeta {
        path: std::path::Path::new("/nonexistent/fuzz.txt").into(),
        title: "fuzz".into(),
        date: None,
        size: body.len() as u64,
    };
    let corpus = Corpus { root: "/nonexistent".into(), docs: vec![meta.clone()], skipped: vec![] };
    let mut app = App::new(corpus, vec!["e".into()], String::new());
    let read = Capped { bytes: body.to_vec(), truncated: false, size: body.len() as u64 };
    app.reader.show(0, &meta, std::path::Path::new("/nonexistent"), Ok(read));
    app.update(folio::keys::action::Action::Resize(columns, rows));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(columns, rows));
    for &key in keys {
        let event = Event::Key(KeyEvent::new(KEYS[usize::from(key) % KEYS.len()], KeyModifiers::NONE));
        if let Some(action) = action_for_event(&event, app.mode()) {
            app.update(action);
        }
        let Ok(frame) = terminal.draw(|frame| folio::ui::draw(frame, &app));
        for cell in frame.buffer.content() {
            assert!(!cell.symbol().chars().any(char::is_control));
        }
    }
});
