//! The binary encoding of what folio keeps in its lasting store: little-endian integers and
//! length-prefixed byte strings, written to a `Vec<u8>` and read back from a slice with every
//! length checked, so a damaged file is an error that says where, never a panic or a huge
//! allocation.

/// Writes values one after another.
#[derive(Debug, Default)]
pub(crate) struct Put {
    pub bytes: Vec<u8>,
}

impl Put {
    pub(crate) fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub(crate) fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub(crate) fn i64(&mut self, value: i64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// A byte string: its length, then the bytes.
    pub(crate) fn slice(&mut self, bytes: &[u8]) {
        self.u64(bytes.len() as u64);
        self.bytes.extend_from_slice(bytes);
    }

    /// An optional string: a flag, then the string.
    pub(crate) fn text(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.u8(1);
                self.slice(text.as_bytes());
            }
            None => self.u8(0),
        }
    }
}

/// Reads values in the order they were put; Err names what was cut short or wrong.
#[derive(Debug)]
pub(crate) struct Take<'a> {
    rest: &'a [u8],
    /// Where `rest` starts in the whole, for messages.
    at: usize,
}

impl<'a> Take<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Take<'a> {
        Take { rest: bytes, at: 0 }
    }

    /// True when everything has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// Where the next value starts in the whole.
    pub(crate) fn at(&self) -> usize {
        self.at
    }

    /// The next `count` bytes.
    pub(crate) fn bytes(&mut self, count: usize) -> Result<&'a [u8], String> {
        if count > self.rest.len() {
            return Err(format!(
                "cut short at byte {} ({count} wanted, {} there)",
                self.at,
                self.rest.len()
            ));
        }
        let (taken, rest) = self.rest.split_at(count);
        self.rest = rest;
        self.at += count;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let bytes = self.bytes(N)?;
        let mut array = [0u8; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        self.array::<1>().map(|[byte]| byte)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        self.array().map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        self.array().map(u64::from_le_bytes)
    }

    pub(crate) fn i64(&mut self) -> Result<i64, String> {
        self.array().map(i64::from_le_bytes)
    }

    /// A byte string put with [`Put::slice`].
    pub(crate) fn slice(&mut self) -> Result<&'a [u8], String> {
        let length = self.u64()?;
        let length = usize::try_from(length).map_err(|_| format!("length {length}"))?;
        self.bytes(length)
    }

    /// A string put with [`Put::slice`], checked to be UTF-8.
    pub(crate) fn str(&mut self) -> Result<&'a str, String> {
        let at = self.at;
        let bytes = self.slice()?;
        simdutf8::basic::from_utf8(bytes).map_err(|_| format!("not UTF-8 at byte {at}"))
    }

    /// An optional string put with [`Put::text`].
    pub(crate) fn text(&mut self) -> Result<Option<&'a str>, String> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            other => Err(format!("flag {other} at byte {}", self.at - 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_in_order_and_a_cut_is_an_error() -> Result<(), String> {
        let mut put = Put::default();
        put.u8(7);
        put.u32(70_000);
        put.i64(-5);
        put.text(Some("Kenya £"));
        put.text(None);
        put.slice(b"\x00\xff");
        let mut take = Take::new(&put.bytes);
        assert_eq!(take.u8()?, 7);
        assert_eq!(take.u32()?, 70_000);
        assert_eq!(take.i64()?, -5);
        assert_eq!(take.text()?, Some("Kenya £"));
        assert_eq!(take.text()?, None);
        assert_eq!(take.slice()?, b"\x00\xff");
        assert!(take.is_empty());
        let cut = &put.bytes[..put.bytes.len() - 1];
        let mut take = Take::new(cut);
        let _ = (
            take.u8()?,
            take.u32()?,
            take.i64()?,
            take.text()?,
            take.text()?,
        );
        assert!(take.slice().is_err_and(|e| e.contains("cut short")));
        // A length far beyond the bytes there is refused, not allocated.
        let mut huge = Put::default();
        huge.u64(u64::MAX);
        assert!(Take::new(&huge.bytes).slice().is_err());
        Ok(())
    }
}
