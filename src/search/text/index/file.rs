//! The word index as the lasting store keeps it: its shards one after another, each with its
//! documents' positions (in the listing it was written with) and its arrays as they are held
//! in memory. Opening maps the file and reads only lengths: each array stays in the file,
//! and each document's position is translated to where it is now.

use super::held::{Bytes, U32s};
use super::{Places, Shard, TextIndex, Vocabulary};
use crate::corpus::bytes::Take;
use crate::store::framed::HEADER;
use memmap2::Mmap;
use std::io::{self, Write};
use std::sync::Arc;

/// Writes one shard for the store, its documents known by their positions now; an index is
/// its shards one after another, to the end of the file.
pub(super) fn write_shard(shard: &Shard, out: &mut dyn Write) -> io::Result<()> {
    let size = shard.lengths.len();
    out.write_all(&(size as u64).to_le_bytes())?;
    let places: Vec<u8> = (0..size)
        .map(|local| shard.place(local).map_or(Places::GONE, |doc| doc as u32))
        .flat_map(u32::to_le_bytes)
        .collect();
    out.write_all(&places)?;
    let vocabulary = &shard.vocabulary;
    for array in [
        &*shard.lengths.0,
        &shard.words.0,
        &shard.unindexed.0,
        &vocabulary.words,
        &vocabulary.word_starts.0,
        &vocabulary.lower,
        &vocabulary.lower_starts.0,
        &shard.postings,
        &shard.posting_starts.0,
    ] {
        out.write_all(&(array.len() as u64).to_le_bytes())?;
        out.write_all(array)?;
    }
    Ok(())
}

/// The index kept in `map` (a whole, checked file of the store), each document moved to
/// `now(position written)`: its position now, or [`Places::GONE`] for one changed or removed
/// since; `now` None when every document is where it was written. A shard with fewer than
/// half its documents left is dropped (those left are indexed again). Err says what is wrong
/// with the file.
pub(super) fn open(map: &Arc<Mmap>, now: Option<&dyn Fn(u32) -> u32>) -> Result<TextIndex, String> {
    let body = map.get(HEADER..).unwrap_or_default();
    let mut take = Take::new(body);
    let mut index = TextIndex::default();
    while !take.is_empty() {
        let size = usize::try_from(take.u64()?).map_err(|_| "shard size")?;
        // Where each document was when written (read in place), and where it is now.
        let start = HEADER + take.at();
        let written = take.bytes(size.checked_mul(4).ok_or("shard size")?)?;
        let written = U32s(Bytes::Mapped(Arc::clone(map), start..start + written.len()));
        let places = match now {
            // Consecutive, as written from a shard of consecutive documents: no list made.
            None if consecutive(written.iter()) && size > 0 => Places::From(written.at(0) as usize),
            None => Places::Listed(written.iter().collect()),
            Some(now) => Places::Listed(written.iter().map(now).collect()),
        };
        let mut array = || -> Result<Bytes, String> {
            let start = HEADER + take.at() + 8;
            let bytes = take.slice()?;
            Ok(Bytes::Mapped(Arc::clone(map), start..start + bytes.len()))
        };
        let shard = Shard {
            places,
            lengths: U32s(array()?),
            words: U32s(array()?),
            unindexed: U32s(array()?),
            vocabulary: Vocabulary {
                words: array()?,
                word_starts: U32s(array()?),
                lower: array()?,
                lower_starts: U32s(array()?),
            },
            postings: array()?,
            posting_starts: U32s(array()?),
        };
        check(&shard, size)?;
        if let Some(shard) = settled(shard) {
            index.bytes += shard.bytes();
            index.shards.push(shard);
        }
    }
    Ok(index)
}

/// The shard with its places as simple as they can be; None when fewer than half its
/// documents are left.
fn settled(mut shard: Shard) -> Option<Shard> {
    let Places::Listed(places) = &shard.places else {
        return Some(shard);
    };
    let left = places
        .iter()
        .filter(|&&place| place != Places::GONE)
        .count();
    if left * 2 < places.len() || left == 0 {
        return None;
    }
    if consecutive(places.iter().copied())
        && let Some(&first) = places.first().filter(|&&first| first != Places::GONE)
    {
        shard.places = Places::From(first as usize);
    }
    Some(shard)
}

/// True when each number is one more than the one before.
fn consecutive(mut numbers: impl Iterator<Item = u32>) -> bool {
    let Some(mut last) = numbers.next() else {
        return true;
    };
    numbers.all(|number| {
        let next = last.checked_add(1) == Some(number);
        last = number;
        next
    })
}

/// Checks that a shard's arrays fit together, so nothing read from them is out of bounds.
fn check(shard: &Shard, size: usize) -> Result<(), String> {
    let vocabulary = &shard.vocabulary;
    let words = vocabulary.word_starts.len();
    let fits = shard.lengths.len() == size
        && shard.words.len() == size
        && shard.unindexed.iter().all(|local| (local as usize) < size)
        && vocabulary.lower_starts.len() == words
        && shard.posting_starts.len() == words + 1
        && simdutf8::basic::from_utf8(&vocabulary.words).is_ok()
        && simdutf8::basic::from_utf8(&vocabulary.lower).is_ok()
        && shard
            .posting_starts
            .iter()
            .all(|start| start as usize <= shard.postings.len())
        && vocabulary
            .word_starts
            .iter()
            .all(|start| start as usize <= vocabulary.words.len())
        && vocabulary
            .lower_starts
            .iter()
            .all(|start| start as usize <= vocabulary.lower.len());
    match fits {
        true => Ok(()),
        false => Err("a shard's arrays do not fit together".into()),
    }
}
