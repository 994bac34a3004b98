//! Spreading work over the cores.

/// Threads for work spread over the cores (loading, ranking, searching): one per core.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}
