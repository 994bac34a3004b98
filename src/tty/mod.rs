//! The terminal and the loop around the app: taking the terminal and giving it back on every
//! way out (the restore always the last bytes written: `output`), reading and decoding its
//! bytes on a thread (`events`, `decode`), signals, the mouse, the clipboard, handing the
//! terminal to the user's editor or pager, a backend that sends fewer bytes, and the event loop
//! that drives the app and the view — on a real terminal (`session`) or a script (`scripted`).
//! May use `ui`, `app`, `keys`, `study`, `reader`, `search`, `corpus`, `work` and `text`.

pub mod byte_saving_backend;
pub mod clipboard;
pub mod decode;
pub mod event_loop;
pub mod events;
pub mod handover;
pub mod mouse;
pub mod output;
pub mod scripted;
pub mod session;
pub mod signals;
pub mod terminal;
