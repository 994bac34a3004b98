//! The two hashes folio writes down and must get the same next time, in one place: FNV-1a
//! of bytes (a store's name and settings, a document's path in the kept copies, a word in a
//! shingle) and SplitMix64's finaliser (a shingle's fingerprint, the concordance sample's
//! random numbers). Both are tiny and fixed by their authors' definitions, so they are
//! written here rather than taken from a crate whose output might change with its version.

/// FNV-1a (64 bits) of `bytes`.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64's finaliser (Sebastiano Vigna's): every bit of the result depends on every
/// bit of `z`.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_values() {
        // FNV-1a's published test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix64(0), 0);
    }
}
