//! Plain text processing for display: sanitizing, wrapping, fitting to a width, finding highlights.
//! Nothing here knows about the terminal; everything works on `&str` and byte ranges.

pub mod fit;
pub mod highlight;
pub mod sanitize;
pub mod words;
pub mod wrap;
