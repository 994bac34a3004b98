//! The bounds every extraction keeps, whatever the file (stated in the README): a hostile or
//! broken file costs at most this much, then is cut (with a note in its text) or skipped
//! (with the reason), and the rest of the corpus goes on loading.

/// A file bigger than this is not extracted (skipped, with the reason).
pub(crate) const INPUT_BYTES: usize = 256 << 20;

/// Extracted text stops at this size, with a note at its end.
pub(crate) const TEXT_BYTES: usize = 64 << 20;

/// An extraction stops after this many seconds (checked between pages, chapters and parts),
/// with a note at its end.
pub(crate) const SECONDS: u64 = 30;

/// A member of a ZIP file (DOCX, ODT, EPUB) is read to at most this many bytes unpacked: a
/// zip bomb is cut here, not unpacked.
pub(crate) const ZIP_MEMBER_BYTES: u64 = 64 << 20;

/// All members of one ZIP file together are unpacked to at most this many bytes.
pub(crate) const ZIP_TOTAL_BYTES: u64 = 256 << 20;

/// A ZIP file with more members than this is refused.
pub(crate) const ZIP_MEMBERS: usize = 20_000;

/// A PDF of more objects than this is refused (lopdf reads them all first: a million cost a
/// GiB); a long book has tens of thousands.
pub(crate) const PDF_OBJECTS: usize = 200_000;

/// Pages of one PDF read at most.
pub(crate) const PDF_PAGES: usize = 10_000;

/// An e-mail's attachments are extracted this many levels deep at most (a message attached
/// to a message attached to…); deeper ones are listed, not read.
pub(crate) const ATTACHMENT_DEPTH: usize = 3;

/// An e-mail's parts read at most (a thousand nested parts are read as far as this).
pub(crate) const MAIL_PARTS: usize = 1_000;
