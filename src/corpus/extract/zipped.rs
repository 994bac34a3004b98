//! The ZIP container of DOCX, ODT and EPUB, read with bounds: at most
//! [`limits::ZIP_MEMBERS`] members, each unpacked to at most [`limits::ZIP_MEMBER_BYTES`]
//! and all together to [`limits::ZIP_TOTAL_BYTES`] — counted as they unpack, not believed
//! from the sizes the archive declares, so a zip bomb is refused after a few MiB of work.

use super::limits;
use std::io::{Cursor, Read};

/// A ZIP file held in memory, its members read by name.
pub(crate) struct Zipped<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes unpacked so far from all members.
    unpacked: u64,
}

impl<'a> Zipped<'a> {
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Zipped<'a>, String> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| format!("not a readable ZIP file ({error})"))?;
        if archive.len() > limits::ZIP_MEMBERS {
            return Err(format!(
                "a ZIP file of {} members (at most {} are read)",
                archive.len(),
                limits::ZIP_MEMBERS
            ));
        }
        Ok(Zipped {
            archive,
            unpacked: 0,
        })
    }

    /// The member named `name` as text (UTF-8, a bad byte shown as U+FFFD); None when there
    /// is no such member; Err when it unpacks past its bound or is damaged.
    pub(crate) fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut member = match self.archive.by_name(name) {
            Ok(member) => member,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(format!("{name}: {error}")),
        };
        let room = limits::ZIP_MEMBER_BYTES.min(limits::ZIP_TOTAL_BYTES - self.unpacked);
        let mut bytes = Vec::new();
        (&mut member)
            .take(room + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| format!("{name}: {error}"))?;
        if bytes.len() as u64 > room {
            return Err(format!(
                "{name} unpacks to over {} MiB (a zip bomb?)",
                room >> 20
            ));
        }
        self.unpacked += bytes.len() as u64;
        Ok(Some(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        }))
    }

    /// The member `name`, which must be there.
    pub(crate) fn needed(&mut self, name: &str) -> Result<String, String> {
        self.text(name)?.ok_or_else(|| format!("no {name} in it"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(members: &[(&str, &[u8])]) -> zip::result::ZipResult<Vec<u8>> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in members {
            writer.start_file(*name, options)?;
            writer.write_all(bytes)?;
        }
        Ok(writer.finish()?.into_inner())
    }

    #[test]
    fn members_by_name_and_a_bomb_refused() -> zip::result::ZipResult<()> {
        let zeros = vec![b'0'; (limits::ZIP_MEMBER_BYTES + 10) as usize];
        let bytes = zip_of(&[("a.xml", b"<a>hi</a>"), ("bomb.xml", &zeros)])?;
        // Deflate packs the zeros a thousandfold: the file is small.
        assert!(bytes.len() < 1 << 20);
        let mut zipped = Zipped::open(&bytes).map_err(std::io::Error::other)?;
        assert_eq!(zipped.text("a.xml"), Ok(Some("<a>hi</a>".to_string())));
        assert_eq!(zipped.text("none.xml"), Ok(None));
        let refused = zipped.text("bomb.xml");
        assert!(refused.is_err_and(|why| why.contains("zip bomb")));
        assert!(Zipped::open(b"PK\x03\x04 not really").is_err());
        Ok(())
    }
}
