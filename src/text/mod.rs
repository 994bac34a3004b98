//! Plain text processing: sanitizing, wrapping, fitting to a width, finding highlights, words.
//! A leaf: nothing here knows about documents or the terminal; everything works on `&str` and
//! byte ranges. May use nothing of folio's.

pub mod fit;
pub mod highlight;
pub mod keywords;
pub mod sanitize;
pub mod words;
pub mod wrap;
