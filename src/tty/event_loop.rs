//! The interactive loop: draw, wait for an input that means something, update, repeat. It is
//! generic over ratatui's backend and over where inputs come from, so tests run the real loop
//! against `TestBackend` with scripted inputs.

use crate::app::{App, External};
use crate::corpus::loader::Loaded;
use crate::keys::action::{Action, Mode};
use crate::keys::keymap::keymap;
use crate::search::text::index::TextIndex;
use crate::search::text::searcher::TextFound;
use crate::search::titles::ranker::Ranked;
use crate::tty::terminal;
use crate::ui;
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use std::io;

/// What the loop can be woken by.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    /// The process was continued after a stop: take the terminal again and redraw all.
    Resumed,
    /// More documents from the background loader.
    Loaded(Loaded),
    /// A ranking from the background ranker.
    Ranked(Ranked),
    /// The index of the documents' words, built in the background.
    Indexed(TextIndex),
    /// Matches from the background text search.
    TextFound(TextFound),
    /// The reader's background search has found more or finished.
    Searched,
}

/// The world around the loop: where inputs come from, and how to suspend and resume.
pub trait Session<B: Backend> {
    fn next_input(&mut self) -> io::Result<Input>;
    /// Ctrl-Z: give the terminal back and stop until continued.
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
    /// Re-apply the terminal modes after the process was continued.
    fn resume(&mut self, terminal: &mut Terminal<B>) -> io::Result<()>;
    /// Called before and after each frame: a real terminal is told to show the frame only
    /// once it is complete (a synchronized update), so no half-drawn screen ever shows.
    fn frame(&mut self, _terminal: &mut Terminal<B>, _begins: bool) -> io::Result<()> {
        Ok(())
    }
    /// Hands the terminal to an outside program (an editor, a pager) until it ends. What went
    /// wrong with the program itself (not found, failed) is the inner error, for the user.
    fn run_external(
        &mut self,
        _terminal: &mut Terminal<B>,
        _external: &External,
    ) -> io::Result<Result<(), String>> {
        Ok(Ok(()))
    }
    /// Puts `text` on the clipboard of the terminal the user sits at.
    fn copy(&mut self, _terminal: &mut Terminal<B>, _text: &str) -> io::Result<()> {
        Ok(())
    }
}

/// Runs until the app asks to exit. Frames are drawn only after an input that changed
/// something, a resize or a resume: over SSH every frame costs bytes.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    session: &mut impl Session<B>,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        {
            let _writing = terminal::output_lock();
            session.frame(terminal, true)?;
            let drawn = terminal.draw(|frame| ui::draw(frame, app)).map(drop);
            // The update is ended even when drawing failed.
            session.frame(terminal, false)?;
            drawn.map_err(io::Error::other)?;
        }
        let action = loop {
            match session.next_input()? {
                Input::Terminal(event) => match action_for_event(&event, app.mode()) {
                    Some(action) => break Some(action),
                    None => continue,
                },
                Input::Resumed => {
                    session.resume(terminal)?;
                    redraw_everything(terminal)?;
                }
                Input::Loaded(loaded) => app.load(loaded),
                Input::Ranked(ranked) => app.ranked(ranked),
                Input::Indexed(index) => app.indexed(index),
                Input::TextFound(found) => app.text_found(found),
                Input::Searched => app.searched(),
            }
            // Anything but a key that means nothing changes what is shown.
            break None;
        };
        match action {
            Some(Action::Suspend) => {
                session.suspend(terminal)?;
                redraw_everything(terminal)?;
            }
            Some(action) => app.update(action),
            None => {}
        }
        if let Some(external) = app.take_external() {
            let outcome = session.run_external(terminal, &external)?;
            redraw_everything(terminal)?;
            app.external_finished(outcome);
        }
        if let Some(text) = app.take_clipboard() {
            let _writing = terminal::output_lock();
            session.copy(terminal, &text)?;
        }
        if app.exit.is_some() {
            return Ok(());
        }
    }
}

/// Clears the screen and makes the next frame draw every cell. (ratatui's `Terminal::clear`
/// would do it too, but it first asks the terminal where the cursor is and waits for the
/// answer, and folio sends no query that waits.)
fn redraw_everything<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let _writing = terminal::output_lock();
    terminal
        .backend_mut()
        .clear_region(ClearType::All)
        .map_err(io::Error::other)?;
    // Swapping twice after a frame leaves both buffers blank, so the diff covers everything.
    terminal.swap_buffers();
    Ok(())
}

/// What a terminal event asks for in `mode`: key presses through the key table, resizes as
/// they are, the wheel and left clicks with where they happened; anything else (key releases,
/// focus changes, other buttons, drags) is ignored.
pub fn action_for_event(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap().action_for(key, mode),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    down: false,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        _ => None,
    }
}
