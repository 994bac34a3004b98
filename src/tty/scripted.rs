//! A session without a terminal, for tests and the fuzzer: keys come from a script
//! (`Down Enter / party Enter n`, see `keys::key::script`), background work runs on the real
//! jobs, and between keys the session waits for that work as a person waits for the screen to
//! settle. The copied text and the documents handed to the editor are kept to be looked at.

use super::event_loop::{Input, Session};
use crate::app::{Handover, JobRequest, Jobs, Update};
use crate::keys::key;
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long the session waits for background work before it gives up (a bug, not a slow
/// machine: the tests' corpora are small).
const PATIENCE: Duration = Duration::from_secs(60);

/// When the session waits for the app's background work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// Before every key and after the last one, as a person would.
    Patient,
    /// Never: every key at once, the background's news left for later.
    Hurried,
}

pub struct Scripted {
    script: VecDeque<Input>,
    pace: Pace,
    inbox: Receiver<Update>,
    jobs: Jobs,
    /// Everything put on the clipboard, in order.
    pub copied: Vec<String>,
    /// Every document handed to the editor or pager, in order.
    pub handed_over: Vec<Handover>,
}

impl Scripted {
    /// A session with the background jobs running and nothing to play yet.
    pub fn new() -> io::Result<Scripted> {
        let (deliver, inbox) = mpsc::channel();
        let jobs = Jobs::start(move |update| {
            let _ = deliver.send(update);
        })?;
        Ok(Scripted {
            script: VecDeque::new(),
            pace: Pace::Patient,
            inbox,
            jobs,
            copied: Vec::new(),
            handed_over: Vec::new(),
        })
    }

    /// Plays the keys of `script` at `pace` next.
    pub fn play(&mut self, script: &str, pace: Pace) {
        self.pace = pace;
        let keys = key::script(script).into_iter();
        self.script
            .extend(keys.map(|key| Input::Terminal(Event::Key(key))));
    }

    /// Plays a terminal event next (a resize, a mouse click…).
    pub fn play_event(&mut self, event: Event) {
        self.script.push_back(Input::Terminal(event));
    }

    /// Delivers `update` next, as background work would.
    pub fn deliver(&mut self, update: Update) {
        self.script.push_back(Input::Update(update));
    }

    /// From now on waits for the app's background work before each input, and after the last.
    pub fn wait_for_work(&mut self) {
        self.pace = Pace::Patient;
    }
}

impl<B: Backend> Session<B> for Scripted {
    fn next_input(&mut self, waiting: bool) -> io::Result<Option<Input>> {
        if waiting && self.pace == Pace::Patient {
            let update = self.inbox.recv_timeout(PATIENCE).map_err(|_| {
                io::Error::other(format!(
                    "the app waited {} s for background work that never came",
                    PATIENCE.as_secs()
                ))
            })?;
            return Ok(Some(Input::Update(update)));
        }
        Ok(self.script.pop_front())
    }

    fn submit(&mut self, request: JobRequest) {
        self.jobs.submit(request);
    }

    fn hand_over(
        &mut self,
        _: &mut Terminal<B>,
        handover: &Handover,
    ) -> io::Result<Result<(), String>> {
        self.handed_over.push(handover.clone());
        Ok(Ok(()))
    }

    fn copy(&mut self, _: &mut Terminal<B>, text: &str) -> io::Result<()> {
        self.copied.push(text.to_string());
        Ok(())
    }
}
