//! Work off the interface thread: one pool that spreads work over the cores, and one background
//! job mechanism (newest request wins, cancellable, reporting as it goes). May use nothing of
//! folio's: it knows nothing of documents.

pub(crate) mod heap;
pub(crate) mod job;
pub(crate) mod pool;
