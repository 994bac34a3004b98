//! How the C allocator keeps memory for the printing modes, which run once over a corpus and
//! end. glibc grows each thread's heap page by page and gives the top back as soon as it is
//! free: searching a million records allocated and freed the same pages over and over, 106,000
//! `mprotect` calls and their page faults (a third of the run in the kernel). Keeping 64 MiB
//! at each heap's top leaves about 25. The browser keeps the default: it lives for hours, and
//! gives memory back after a big view.

/// Bytes each heap keeps at its top once grown, instead of giving them back.
const KEPT_AT_TOP: i32 = 64 << 20;

/// Tells the allocator to keep freed memory for reuse, for a run that ends soon.
pub(crate) fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before the threads that
    // allocate start.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, KEPT_AT_TOP);
    }
}
