//! Where the index's arrays are held: in memory as built, or in the lasting store's file
//! mapped into memory, so a reopened corpus costs the pages its queries touch, not the whole
//! index. Numbers are little-endian `u32`s read one at a time (a mapped file's arrays need
//! no alignment and no unsafe cast).

use memmap2::Mmap;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Bytes owned, or a range of a mapped file (cloned by reference count).
#[derive(Clone)]
pub(super) enum Bytes {
    Owned(Vec<u8>),
    Mapped(Arc<Mmap>, Range<usize>),
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            // The range was checked against the map when the file was opened.
            Bytes::Mapped(map, range) => map.get(range.clone()).unwrap_or_default(),
        }
    }
}

impl Bytes {
    /// The bytes as text: a vocabulary is checked to be UTF-8 when built or opened, so this
    /// is never empty in place of text (a check with SIMD, a fraction of searching it).
    pub(super) fn as_str(&self) -> &str {
        simdutf8::basic::from_utf8(self).unwrap_or_default()
    }
}

/// An array of `u32`s held as little-endian bytes.
#[derive(Clone)]
pub(super) struct U32s(pub(super) Bytes);

impl U32s {
    pub(super) fn from_vec(numbers: &[u32]) -> U32s {
        let bytes = numbers.iter().flat_map(|n| n.to_le_bytes()).collect();
        U32s(Bytes::Owned(bytes))
    }

    pub(super) fn len(&self) -> usize {
        self.0.len() / 4
    }

    pub(super) fn get(&self, index: usize) -> Option<u32> {
        let bytes = self.0.get(index * 4..index * 4 + 4)?;
        let mut array = [0u8; 4];
        array.copy_from_slice(bytes);
        Some(u32::from_le_bytes(array))
    }

    /// Number `index`, 0 past the end (the index's own arrays are checked when opened).
    pub(super) fn at(&self, index: usize) -> u32 {
        self.get(index).unwrap_or(0)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.chunks_exact(4).map(|chunk| {
            let mut array = [0u8; 4];
            array.copy_from_slice(chunk);
            u32::from_le_bytes(array)
        })
    }

    /// The number of leading entries for which `before` holds (the array sorted by it).
    pub(super) fn partition_point(&self, before: impl Fn(u32) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if before(self.at(middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_and_search_as_a_slice_would() {
        let numbers = [0, 3, 3, 9, 70_000, u32::MAX];
        let held = U32s::from_vec(&numbers);
        assert_eq!(held.len(), 6);
        assert_eq!(held.iter().collect::<Vec<_>>(), numbers);
        for probe in [0, 1, 3, 4, 9, 10, 70_000, u32::MAX] {
            assert_eq!(
                held.partition_point(|n| n <= probe),
                numbers.partition_point(|&n| n <= probe)
            );
        }
        assert_eq!(held.get(6), None);
        assert_eq!(held.at(6), 0);
    }
}
