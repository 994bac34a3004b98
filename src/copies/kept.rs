//! The copies as the lasting store keeps them, so a corpus opened again does not read its
//! documents to find them: each document's sketch, known by a fingerprint of its path (and a
//! record's place) with the file's size and last change, and every pair measured, known by
//! the two documents' fingerprints. A document changed since is sketched again and its pairs
//! measured again; the rest is taken as kept.

use super::overlap::Overlap;
use super::sketch::Sketches;
use crate::corpus::bytes::{Put, Take};
use crate::corpus::{Doc, store::DocStore};
use crate::store::Store;
use crate::text::hash::fnv1a;
use rustc_hash::FxHashMap;
use std::io::{self, Write};

/// Changes whenever what is kept or how it is found changes (shingles, samples, margins).
pub(crate) const VERSION: u32 = 1 + (super::shingles::SHINGLES_VERSION << 8);

/// What a document is known by from one run to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct DocKey {
    /// FNV-1a of its path as listed and a record's offset.
    pub path: u64,
    pub size: u64,
    pub modified: i64,
}

impl DocKey {
    pub(crate) fn of(doc: Doc) -> DocKey {
        let offset = doc.record.map_or(u64::MAX, |record| record.offset);
        let path = fnv1a(
            &[
                doc.path.as_os_str().as_encoded_bytes(),
                &offset.to_le_bytes(),
            ]
            .concat(),
        );
        DocKey {
            path,
            size: doc.size,
            modified: doc.modified,
        }
    }

    pub(crate) fn of_all(docs: &DocStore) -> Vec<DocKey> {
        docs.iter().map(DocKey::of).collect()
    }
}

/// The copies kept by an earlier run.
#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// Each document's place in `sketches`, by its key.
    places: FxHashMap<DocKey, usize>,
    pub(crate) sketches: Sketches,
    /// Each pair measured, by its documents' path fingerprints (the smaller first).
    pairs: FxHashMap<(u64, u64), Overlap>,
}

impl Kept {
    /// Where document `key` is in the kept sketches, if it is kept unchanged.
    pub(crate) fn place(&self, key: &DocKey) -> Option<usize> {
        self.places.get(key).copied()
    }

    /// The overlap measured of two unchanged documents, if it was.
    pub(crate) fn pair(&self, a: &DocKey, b: &DocKey) -> Option<Overlap> {
        self.pairs.get(&pair_key(a, b)).copied()
    }

    /// Reads what [`write`] wrote; Err says what is wrong.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Kept, String> {
        let mut take = Take::new(bytes);
        let documents = take.u64()? as usize;
        let mut kept = Kept {
            sketches: Sketches::with_capacity(documents.min(bytes.len() / 32)),
            ..Kept::default()
        };
        let mut samples = Vec::new();
        for place in 0..documents {
            let key = DocKey {
                path: take.u64()?,
                size: take.u64()?,
                modified: take.i64()?,
            };
            let shingles = take.u32()?;
            let whole = take.u64()?;
            let count = take.u32()? as usize;
            samples.clear();
            let raw = take.bytes(count.checked_mul(4).ok_or("too many samples")?)?;
            samples.extend(
                raw.chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
            kept.sketches.push(&samples, shingles, whole);
            kept.places.insert(key, place);
        }
        let pairs = take.u64()? as usize;
        kept.pairs.reserve(pairs.min(bytes.len() / 28));
        for _ in 0..pairs {
            let (a, b) = (take.u64()?, take.u64()?);
            let overlap = Overlap {
                jaccard: f32::from_bits(take.u32()?),
                containment: f32::from_bits(take.u32()?),
                shorter: take.u32()?,
            };
            kept.pairs.insert((a, b), overlap);
        }
        Ok(kept)
    }
}

fn pair_key(a: &DocKey, b: &DocKey) -> (u64, u64) {
    (a.path.min(b.path), a.path.max(b.path))
}

/// The copies kept in `store`, if any can be used; a note when some were there and could
/// not be.
pub(crate) fn open(store: &Store) -> (Option<Kept>, Option<String>) {
    let (map, note) = store.copies(VERSION);
    let Some(map) = map else {
        return (None, note);
    };
    match Kept::decode(map.get(crate::store::framed::HEADER..).unwrap_or_default()) {
        Ok(kept) => (Some(kept), note),
        Err(why) => (
            None,
            Some(format!(
                "the store's copies could not be read ({why}): made again"
            )),
        ),
    }
}

/// Writes every document's sketch and the pairs measured to `store`, under its lock; the
/// file's size, or why it was not written.
pub(crate) fn write(
    store: &Store,
    keys: &[DocKey],
    sketches: &Sketches,
    pairs: &[(DocKey, DocKey, Overlap)],
) -> Result<u64, String> {
    let Some(_lock) = store.writer_lock() else {
        return Err("another folio is writing the store".to_string());
    };
    store
        .write_copies(VERSION, |out: &mut dyn Write| {
            encode(keys, sketches, pairs, out)
        })
        .map_err(|error| format!("the copies could not be kept: {error}"))
}

/// Writes the sketches of the documents `keys` and the pairs measured to `out`.
fn encode(
    keys: &[DocKey],
    sketches: &Sketches,
    pairs: &[(DocKey, DocKey, Overlap)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut put = Put::default();
    put.u64(keys.len() as u64);
    for (doc, key) in keys.iter().enumerate() {
        put.u64(key.path);
        put.u64(key.size);
        put.i64(key.modified);
        put.u32(sketches.shingles[doc]);
        put.u64(sketches.whole[doc]);
        let samples = sketches.samples(doc);
        put.u32(samples.len() as u32);
        for &sample in samples {
            put.u32(sample);
        }
        // Written a MiB at a time: a million documents' sketches are not held twice.
        if put.bytes.len() >= 1 << 20 {
            out.write_all(&put.bytes)?;
            put.bytes.clear();
        }
    }
    put.u64(pairs.len() as u64);
    for (a, b, overlap) in pairs {
        let (first, second) = pair_key(a, b);
        put.u64(first);
        put.u64(second);
        put.u32(overlap.jaccard.to_bits());
        put.u32(overlap.containment.to_bits());
        put.u32(overlap.shorter);
    }
    out.write_all(&put.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back_and_damage_is_an_error() {
        let mut sketches = Sketches::with_capacity(2);
        sketches.push(&[1, 2, 3], 40, 77);
        sketches.push(&[], 0, 0);
        let keys = [
            DocKey {
                path: 5,
                size: 10,
                modified: 3,
            },
            DocKey {
                path: 6,
                size: 11,
                modified: 4,
            },
        ];
        let overlap = Overlap {
            jaccard: 0.75,
            containment: 0.9,
            shorter: 40,
        };
        let mut bytes = Vec::new();
        encode(&keys, &sketches, &[(keys[0], keys[1], overlap)], &mut bytes)
            .unwrap_or_else(|why| panic!("{why}"));
        let kept = Kept::decode(&bytes).unwrap_or_else(|why| panic!("{why}"));
        assert_eq!(kept.place(&keys[1]), Some(1));
        assert_eq!(kept.sketches.samples(0), &[1, 2, 3]);
        assert_eq!(kept.pair(&keys[1], &keys[0]), Some(overlap));
        let changed = DocKey {
            size: 12,
            ..keys[0]
        };
        assert_eq!(kept.place(&changed), None);
        assert!(Kept::decode(&bytes[..bytes.len() - 3]).is_err());
    }
}
