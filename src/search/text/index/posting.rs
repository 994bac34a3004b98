//! How a word's postings are written: for each document that holds the word, the gap from
//! the one before (from 1) and the word's count there, in one LEB128 integer — the gap
//! shifted up two bits, the low two bits the count when it is 1, 2 or 3 (3 meaning "3 or
//! more", the rest following as a second integer). Most words occur once in a document, and a
//! common word's gaps are small: most postings take one byte where a gap and a count apart
//! took two, which is a third of the store at ten million records.

/// Counts from this one on are written as a second integer.
const MANY: u64 = 3;

/// Appends the posting of a document `gap` after the word's previous one (1 for the next),
/// where the word occurs `count` times (at least once).
pub(super) fn write(out: &mut Vec<u8>, gap: u32, count: u32) {
    let count = u64::from(count.max(1));
    write_number(out, (u64::from(gap) << 2) | count.min(MANY));
    if count >= MANY {
        write_number(out, count - MANY);
    }
}

/// The next posting in `bytes` (its gap and count), taken off the front; None at the end.
/// Damaged bytes give wrong numbers, never a panic (the file's checksum vouches for them).
pub(super) fn read(bytes: &mut &[u8]) -> Option<(u64, u32)> {
    if bytes.is_empty() {
        return None;
    }
    let first = read_number(bytes);
    let mut count = first & 3;
    if count == MANY {
        count += read_number(bytes);
    }
    Some((first >> 2, u32::try_from(count).unwrap_or(u32::MAX)))
}

fn write_number(out: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        out.push((number as u8) | 0x80);
        number >>= 7;
    }
    out.push(number as u8);
}

fn read_number(bytes: &mut &[u8]) -> u64 {
    let mut number = 0u64;
    let mut shift = 0;
    while let Some((&byte, rest)) = bytes.split_first() {
        *bytes = rest;
        number |= u64::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        shift += 7;
        if byte < 0x80 {
            break;
        }
    }
    number
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_posting_of_a_small_gap_and_one_occurrence_is_one_byte() {
        let mut bytes = Vec::new();
        write(&mut bytes, 1, 1);
        write(&mut bytes, 31, 2);
        assert_eq!(bytes.len(), 2);
        write(&mut bytes, 1, 3);
        assert_eq!(bytes.len(), 4, "three or more: a second integer");
    }

    proptest! {
        #[test]
        fn postings_survive_the_round_trip(
            postings in prop::collection::vec((1u32..=u32::MAX, 1u32..=u32::MAX), 0..50)
        ) {
            let mut bytes = Vec::new();
            for &(gap, count) in &postings {
                write(&mut bytes, gap, count);
            }
            let mut read_from = &bytes[..];
            let mut back = Vec::new();
            while let Some((gap, count)) = read(&mut read_from) {
                back.push((gap as u32, count));
            }
            prop_assert_eq!(back, postings);
        }
    }
}
