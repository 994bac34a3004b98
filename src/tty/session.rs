//! The session on a real terminal: inputs come from one channel fed by the terminal-event
//! thread, the signal thread, the loader and the background jobs; effects go to the terminal
//! (synchronized frames, the clipboard, suspending, the editor) or to the jobs.

use super::byte_saving_backend::ByteSavingBackend;
use super::event_loop::{Input, Session};
use super::events::EventReader;
use super::output::Screen;
use super::terminal::{self, Tui};
use super::{clipboard, handover};
use crate::app::{Handover, JobRequest, Jobs};
use crossterm::event::{Event, KeyCode};
use ratatui::backend::CrosstermBackend;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// The real terminal's session.
pub(crate) struct TtySession {
    inputs: Receiver<io::Result<Input>>,
    events: EventReader,
    jobs: Jobs,
    /// Set by the terminal-event thread when it reads Ctrl-C (see [`interrupt_flag`]).
    interrupt: Arc<AtomicBool>,
}

impl TtySession {
    pub(crate) fn new(
        inputs: Receiver<io::Result<Input>>,
        events: EventReader,
        jobs: Jobs,
        interrupt: Arc<AtomicBool>,
    ) -> Self {
        TtySession {
            inputs,
            events,
            jobs,
            interrupt,
        }
    }
}

/// Notes in `flag` a Ctrl-C among the terminal's events as it is read, before it waits in the
/// inbox behind other inputs.
pub(crate) fn note_interrupt(flag: &AtomicBool, event: &io::Result<Event>) {
    if let Ok(Event::Key(key)) = event
        && key.code == KeyCode::Char('c')
        && key.modifiers == crossterm::event::KeyModifiers::CONTROL
        && key.kind != crossterm::event::KeyEventKind::Release
    {
        flag.store(true, Ordering::SeqCst);
    }
}

impl Session<ByteSavingBackend<CrosstermBackend<Screen>>> for TtySession {
    fn next_input(&mut self, _waiting: bool) -> io::Result<Option<Input>> {
        let input = self
            .inputs
            .recv()
            .map_err(|_| io::Error::other("the terminal reader stopped"))??;
        panic_on_test_key(&input);
        Ok(Some(input))
    }

    fn ready_input(&mut self) -> io::Result<Option<Input>> {
        match self.inputs.try_recv() {
            Ok(input) => {
                let input = input?;
                panic_on_test_key(&input);
                Ok(Some(input))
            }
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(io::Error::other("the terminal reader stopped")),
        }
    }

    fn interrupted(&mut self) -> bool {
        self.interrupt.load(Ordering::SeqCst)
    }

    fn submit(&mut self, request: JobRequest) {
        self.jobs.submit(request);
    }

    fn suspend(&mut self, _: &mut Tui) -> io::Result<()> {
        terminal::suspend()
    }

    fn resume(&mut self, _: &mut Tui) -> io::Result<()> {
        terminal::apply_modes()
    }

    fn frame(&mut self, tui: &mut Tui, begins: bool) -> io::Result<()> {
        // Terminals that do not know mode 2026 ignore it (it is a private mode set, no query).
        let backend = tui.backend_mut();
        if begins {
            crossterm::queue!(backend, crossterm::terminal::BeginSynchronizedUpdate)
        } else {
            crossterm::execute!(backend, crossterm::terminal::EndSynchronizedUpdate)
        }
    }

    fn hand_over(&mut self, _: &mut Tui, handover: &Handover) -> io::Result<Result<(), String>> {
        handover::run(handover, &self.events)
    }

    fn copy(&mut self, tui: &mut Tui, text: &str) -> io::Result<()> {
        clipboard::copy(tui.backend_mut(), text)
    }
}

/// Debug builds only: with FOLIO_TEST_PANIC set, F12 panics, so the tests can check the
/// terminal is restored after a panic. Release builds have no such key.
#[expect(
    clippy::panic,
    reason = "the panic is the point: tests check the terminal is restored after one"
)]
fn panic_on_test_key(input: &Input) {
    if cfg!(debug_assertions)
        && std::env::var_os("FOLIO_TEST_PANIC").is_some()
        && matches!(input, Input::Terminal(Event::Key(key)) if key.code == KeyCode::F(12))
    {
        panic!("test panic requested with F12");
    }
}
