//! Subcorpora: a part of the corpus named by folder, date, field value, query, marks or a
//! saved name, combined with `and`, `or`, `not` (`parse`), worked out over the documents
//! (`select`). The scope of the printing modes (`--in`) and the target or reference of
//! keywords.

mod parse;
mod select;

pub(crate) use parse::parse;
pub use select::Saved;
pub(crate) use select::{MOST_SAVED, World, select};

/// The documents the definition `text` holds, one flag per document; or why not, the
/// definition named in the message.
pub(crate) fn documents_of(text: &str, world: &World) -> Result<Vec<bool>, String> {
    let definition = parse(text).map_err(|error| format!("subcorpus {text:?} {error}"))?;
    select(&definition, world).map_err(|error| format!("subcorpus {text:?}: {error}"))
}
