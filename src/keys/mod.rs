//! What the user can ask for and which keys ask for it: the actions, the default bindings, how
//! a key is written and read, and the keymap in effect (the defaults with the user's own keys).
//! The app takes actions, the loop and the view take the keymap. May use nothing of folio's.

pub(crate) mod action;
pub(crate) mod bindings;
pub(crate) mod key;
pub(crate) mod keymap;
