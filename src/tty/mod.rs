//! The terminal and the loop around the app: taking the terminal and giving it back on every
//! way out (the restore always the last bytes written: `output`), reading and decoding its
//! bytes on a thread (`events`, `decode`), signals, the mouse, the clipboard, handing the
//! terminal to the user's editor or pager, a backend that sends fewer bytes, and the event loop
//! that drives the app and the view — on a real terminal (`session`) or a script (`scripted`).
//! May use `ui`, `app`, `keys`, `study`, `reader`, `search`, `corpus`, `work` and `text`.

pub(crate) mod byte_saving_backend;
pub(crate) mod clipboard;
pub(crate) mod decode;
pub(crate) mod event_loop;
pub(crate) mod events;
pub(crate) mod handover;
pub(crate) mod mouse;
pub(crate) mod output;
pub(crate) mod scripted;
pub(crate) mod session;
pub(crate) mod signals;
pub(crate) mod terminal;
