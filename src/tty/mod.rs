//! The terminal: taking it and giving it back on every way out, reading its events on a thread,
//! signals, handing it to the user's editor or pager, a backend that sends fewer bytes, and the
//! event loop that drives the app and the view.

pub mod byte_saving_backend;
pub mod event_loop;
pub mod events;
pub mod handover;
pub mod signals;
pub mod terminal;
