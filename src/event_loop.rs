//! The interactive loop: draw, wait for an input that means something, update, repeat. It is
//! generic over ratatui's backend, so tests run the real loop against `TestBackend`.

use crate::action::{Action, Mode, action_for};
use crate::app::App;
use crate::ui;
use crossterm::event::{Event, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io;

/// Runs until the app asks to exit. Frames are drawn only after an input that changed
/// something or a resize: over SSH every frame costs bytes.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut() -> io::Result<Event>,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal
            .draw(|frame| ui::draw(frame, app))
            .map_err(io::Error::other)?;
        let action = loop {
            if let Some(action) = action_for_event(&next_event()?, app.mode()) {
                break action;
            }
        };
        app.update(action);
        if app.exit.is_some() {
            return Ok(());
        }
    }
}

/// What a terminal event asks for in `mode`: key presses through the key table, resizes as
/// they are; anything else (key releases, focus changes) is ignored.
pub fn action_for_event(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(key, mode),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}
