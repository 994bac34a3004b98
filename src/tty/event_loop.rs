//! The interactive loop: draw, wait for an input that means something, update, carry out what
//! the update asks, repeat. It is generic over ratatui's backend and over the session around
//! it — a real terminal (`session`) or a script (`scripted`) — so the tests run this very loop.
//! Frames are drawn only after an input that changed something, a resize or a resume: over SSH
//! every frame costs bytes. Inputs already waiting are all taken before the next frame (a
//! burst of keys, a held key over a slow link), so a frame is never drawn for a state the
//! next input has already replaced, and the last key of a burst is answered at once.

use super::mouse;
use super::output;
use crate::app::{App, Effect, Effects, Exit, Handover, JobRequest, Update};
use crate::keys::action::Action;
use crate::keys::keymap::Keymap;
use crate::ui::theme::Theme;
use crate::ui::{self, Layout, Scene};
use crossterm::event::{Event, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::layout::Rect;
use std::io;
use std::time::{Duration, Instant};

/// The longest the loop takes inputs already waiting without drawing: a stream that never
/// pauses still shows a frame this often.
const FRAME_AT_LEAST_EVERY: Duration = Duration::from_millis(100);

/// What the loop can be woken by.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    /// The terminal changed size (SIGWINCH): draw at the new size.
    Resized,
    /// The process was continued after a stop: take the terminal again and redraw all.
    Resumed,
    /// A signal, or the terminal going away, ends folio: the loop ends as if the input had
    /// (`run` returns None), so what the app remembers is saved on the way out.
    Ending,
    /// Background work (loading, ranking, searching, indexing) has news for the app.
    Update(Update),
}

/// The world around the loop: where inputs come from, and where the effects the app asks for
/// go (background work, the clipboard, the editor, suspending).
pub trait Session<B: Backend> {
    /// The next input, waiting for one; None when there will be no more (a script has ended).
    /// `waiting` says whether the app waits for background work it asked for.
    fn next_input(&mut self, waiting: bool) -> io::Result<Option<Input>>;
    /// An input that is already there, without waiting (None if there is none): taken before
    /// drawing. A script gives none, so each of its inputs is drawn.
    fn ready_input(&mut self) -> io::Result<Option<Input>> {
        Ok(None)
    }
    /// Whether Ctrl-C was pressed and waits among the inputs: it is answered before anything
    /// queued ahead of it (a burst of keys, each costly), so it is never stuck behind them.
    fn interrupted(&mut self) -> bool {
        false
    }
    /// Starts (or stops) background work; what it finds comes back as inputs.
    fn submit(&mut self, request: JobRequest);
    /// Ctrl-Z: give the terminal back and stop until continued.
    fn suspend(&mut self, _terminal: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    /// Re-apply the terminal modes after the process was continued.
    fn resume(&mut self, _terminal: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    /// Called before and after each frame: a real terminal is told to show the frame only
    /// once it is complete (a synchronized update), so no half-drawn screen ever shows.
    fn frame(&mut self, _terminal: &mut Terminal<B>, _begins: bool) -> io::Result<()> {
        Ok(())
    }
    /// Hands the terminal to the editor or pager until it ends. What went wrong with the
    /// program itself (not found, failed) is the inner error, for the user.
    fn hand_over(
        &mut self,
        _terminal: &mut Terminal<B>,
        _handover: &Handover,
    ) -> io::Result<Result<(), String>> {
        Ok(Ok(()))
    }
    /// Puts `text` on the clipboard of the terminal the user sits at.
    fn copy(&mut self, _terminal: &mut Terminal<B>, _text: &str) -> io::Result<()> {
        Ok(())
    }
}

/// The app, the terminal it is drawn on, the session around them, and what the loop keeps
/// between frames.
pub struct EventLoop<B: Backend, S: Session<B>> {
    terminal: Terminal<B>,
    session: S,
    app: App,
    theme: Theme,
    keymap: Keymap,
    /// The layout of the last frame drawn: what a mouse click lands on.
    layout: Layout,
    /// An exit asked for before the loop ran.
    exit: Option<Exit>,
}

/// What taking one input did.
enum Taken {
    /// Nothing (a key bound to nothing, a key release): no new frame is needed.
    Nothing,
    /// The screen needs drawing again.
    Changed,
    Exit(Exit),
    /// Folio is being ended from outside.
    Ended,
}

impl<B: Backend, S: Session<B>> EventLoop<B, S>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    /// Puts the pieces together and carries out `effects`, what creating the app asked for.
    pub fn new(
        terminal: Terminal<B>,
        session: S,
        (app, effects): (App, Effects),
        theme: Theme,
        keymap: Keymap,
    ) -> io::Result<Self> {
        let mut event_loop = EventLoop {
            terminal,
            session,
            app,
            theme,
            keymap,
            layout: Layout::default(),
            exit: None,
        };
        event_loop.exit = event_loop.carry_out(effects)?;
        Ok(event_loop)
    }

    /// Runs until the app exits (how, returned) or the session has no more input (None).
    pub fn run(&mut self) -> io::Result<Option<Exit>> {
        if let Some(exit) = self.exit.take() {
            return Ok(Some(exit));
        }
        loop {
            if let Some(exit) = self.draw()? {
                return Ok(Some(exit));
            }
            // Wait for an input that changes something, then take what is already waiting.
            let mut draw_by: Option<Instant> = None;
            loop {
                let input = match draw_by {
                    None => {
                        let waiting = self.app.waits_for_work();
                        match self.session.next_input(waiting)? {
                            Some(input) => input,
                            None => return Ok(None),
                        }
                    }
                    Some(deadline) if Instant::now() < deadline => {
                        match self.session.ready_input()? {
                            Some(input) => input,
                            None => break,
                        }
                    }
                    Some(_) => break,
                };
                if self.session.interrupted() {
                    return Ok(Some(Exit::Interrupted));
                }
                match self.take(input)? {
                    Taken::Nothing => {}
                    Taken::Changed => {
                        draw_by.get_or_insert_with(|| Instant::now() + FRAME_AT_LEAST_EVERY);
                    }
                    Taken::Exit(exit) => return Ok(Some(exit)),
                    Taken::Ended => return Ok(None),
                }
            }
        }
    }

    /// Takes one input: updates the app and carries out what it asks.
    fn take(&mut self, input: Input) -> io::Result<Taken> {
        let update = match input {
            Input::Ending => return Ok(Taken::Ended),
            Input::Terminal(Event::Resize(..)) | Input::Resized => None,
            Input::Terminal(Event::Paste(text)) => Some(Update::Pasted(text)),
            Input::Terminal(event) => match self.action_for(&event) {
                Some(action) => Some(Update::User(action)),
                None => return Ok(Taken::Nothing),
            },
            Input::Resumed => {
                self.session.resume(&mut self.terminal)?;
                self.redraw_everything()?;
                None
            }
            Input::Update(update) => Some(update),
        };
        let exit = match update {
            Some(update) => {
                let effects = self.app.update(update);
                self.carry_out(effects)?
            }
            None => None,
        };
        Ok(exit.map_or(Taken::Changed, Taken::Exit))
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    pub fn terminal(&mut self) -> &mut Terminal<B> {
        &mut self.terminal
    }

    pub fn session(&mut self) -> &mut S {
        &mut self.session
    }

    /// What a terminal event asks for: key presses through the keymap, the wheel and clicks
    /// by where they happened on the last frame; anything else (key releases, focus changes,
    /// other buttons, drags) is ignored.
    fn action_for(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                self.keymap.action_for(key, self.app.mode())
            }
            Event::Mouse(event) => mouse::action_for(event, &self.layout, self.app.mode()),
            _ => None,
        }
    }

    /// Carries out what an update asked for, in order; returns how to exit if it asked to.
    fn carry_out(&mut self, effects: Effects) -> io::Result<Option<Exit>> {
        let mut exit = None;
        for effect in effects {
            match effect {
                Effect::Job(request) => self.session.submit(request),
                Effect::Copy(text) => {
                    let _writing = output::lock();
                    self.session.copy(&mut self.terminal, &text)?;
                }
                Effect::HandOver(handover) => {
                    let outcome = self.session.hand_over(&mut self.terminal, &handover)?;
                    self.redraw_everything()?;
                    let effects = self.app.update(Update::HandedBack(outcome));
                    exit = exit.or(self.carry_out(effects)?);
                }
                Effect::Suspend => {
                    self.session.suspend(&mut self.terminal)?;
                    self.redraw_everything()?;
                }
                Effect::Exit(how) => exit = Some(how),
            }
        }
        Ok(exit)
    }

    /// Draws a frame: the layout first, given to the app as its viewport (so the frame never
    /// shows a page of the old size), then the panes. Returns an exit if the new viewport's
    /// update asked for one (none does today; the loop would honour it).
    fn draw(&mut self) -> io::Result<Option<Exit>> {
        let size = self.terminal.size().map_err(io::Error::other)?;
        let area = Rect::new(0, 0, size.width, size.height);
        let layout = ui::layout(area, &self.app, &self.theme, &self.keymap);
        let mut exit = None;
        if layout.viewport() != self.app.viewport() {
            let effects = self.app.update(Update::Viewport(layout.viewport()));
            exit = self.carry_out(effects)?;
        }
        let scene = Scene {
            app: &self.app,
            theme: &self.theme,
            keymap: &self.keymap,
            layout: &layout,
        };
        {
            let _writing = output::lock();
            self.session.frame(&mut self.terminal, true)?;
            let drawn = self
                .terminal
                .draw(|frame| ui::draw(frame, &scene))
                .map(drop);
            // The update is ended even when drawing failed.
            self.session.frame(&mut self.terminal, false)?;
            drawn.map_err(io::Error::other)?;
        }
        self.layout = layout;
        Ok(exit)
    }

    /// Clears the screen and makes the next frame draw every cell. (ratatui's `Terminal::clear`
    /// would do it too, but it first asks the terminal where the cursor is and waits for the
    /// answer, and folio sends no query that waits.)
    fn redraw_everything(&mut self) -> io::Result<()> {
        let _writing = output::lock();
        self.terminal
            .backend_mut()
            .clear_region(ClearType::All)
            .map_err(io::Error::other)?;
        // Swapping twice after a frame leaves both buffers blank, so the diff covers everything.
        self.terminal.swap_buffers();
        Ok(())
    }
}
