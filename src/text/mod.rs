//! Plain text processing: sanitizing, wrapping, fitting to a width, cutting to a size, dates,
//! finding highlights, words, and the hashes written down (`hash`).
//! A leaf: nothing here knows about documents or the terminal; everything works on `&str` and
//! byte ranges. May use nothing of folio's.

pub(crate) mod columns;
pub(crate) mod cut;
pub(crate) mod dates;
pub(crate) mod fit;
pub(crate) mod hash;
pub(crate) mod highlight;
pub(crate) mod keywords;
pub(crate) mod sanitize;
pub(crate) mod words;
pub(crate) mod wrap;
