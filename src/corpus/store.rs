//! The documents of a corpus as append-only chunks shared by reference count, so a filter
//! thread can rank a snapshot while the loader keeps adding documents, without copying a
//! million titles. A chunk is documents listed this run, or a file's records read in place
//! from the lasting store. The store also knows where records keep their text (see
//! `document_text`).

use super::decode::Decoding;
use super::jsonl::RecordFields;
use super::kept::KeptRecords;
use super::{Doc, DocMeta};
use std::sync::Arc;

/// Documents as the loader hands them over, in path order.
#[derive(Debug)]
pub enum Listed {
    /// Listed this run.
    Made(Vec<DocMeta>),
    /// A JSON Lines file's records the lasting store kept, read in place.
    Kept(KeptRecords),
}

impl Listed {
    pub fn len(&self) -> usize {
        match self {
            Listed::Made(docs) => docs.len(),
            Listed::Kept(records) => records.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: usize) -> Option<Doc<'_>> {
        match self {
            Listed::Made(docs) => docs.get(index).map(DocMeta::doc),
            Listed::Kept(records) => records.get(index),
        }
    }

    /// The path of document `index`, without the rest of it (a kept record's path is its
    /// file's, shared).
    pub fn path_of(&self, index: usize) -> Option<&Arc<std::path::Path>> {
        match self {
            Listed::Made(docs) => docs.get(index).map(|doc| &doc.path),
            Listed::Kept(records) => (index < records.len()).then(|| records.path()),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Doc<'_>> {
        let (made, kept) = match self {
            Listed::Made(docs) => (Some(docs.iter().map(DocMeta::doc)), None),
            Listed::Kept(records) => (None, Some(records.iter())),
        };
        made.into_iter().flatten().chain(kept.into_iter().flatten())
    }

    /// Each document's position when the lasting store was written ([`Doc::stored`]),
    /// without reading the whole of a kept record.
    pub fn stored(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        let (made, kept) = match self {
            Listed::Made(docs) => (Some(docs.iter().map(|doc| doc.stored)), None),
            Listed::Kept(records) => (None, Some(records.stored())),
        };
        made.into_iter().flatten().chain(kept.into_iter().flatten())
    }

    /// Puts `more` after these documents: made ones join made ones (the loader's batches of
    /// a few hundred become one chunk); else it is one more.
    pub fn gather(batches: &mut Vec<Listed>, more: Listed) {
        match (batches.last_mut(), more) {
            (_, more) if more.is_empty() => {}
            (Some(Listed::Made(docs)), Listed::Made(more)) if docs.is_empty() => *docs = more,
            (Some(Listed::Made(docs)), Listed::Made(more)) => docs.extend(more),
            (_, more) => batches.push(more),
        }
    }
}

/// Documents in path order, indexable like a slice; appending never moves earlier ones.
#[derive(Clone, Debug, Default)]
pub struct DocStore {
    /// Taken as they came, without a copy.
    chunks: Vec<Arc<Listed>>,
    /// The index of each chunk's first document.
    starts: Vec<usize>,
    len: usize,
    /// Where the records of a JSON Lines corpus keep their title and text.
    fields: Arc<RecordFields>,
    /// How its files are decoded when they are not UTF-8.
    decoding: Decoding,
}

impl DocStore {
    /// A store of `docs`, whose records (if any) keep their title and text in `fields`.
    pub fn new(docs: Vec<DocMeta>, fields: RecordFields) -> Self {
        DocStore::of(vec![Listed::Made(docs)], fields)
    }

    /// A store of the documents the loader handed over.
    pub fn of(batches: Vec<Listed>, fields: RecordFields) -> Self {
        let mut store = DocStore {
            fields: Arc::new(fields),
            ..DocStore::default()
        };
        for batch in batches {
            store.append_listed(batch);
        }
        store
    }

    /// The store with files decoded as `decoding` says.
    pub fn decoding(mut self, decoding: Decoding) -> Self {
        self.decoding = decoding;
        self
    }

    /// How the store's files are decoded.
    pub fn decoder(&self) -> Decoding {
        self.decoding
    }

    /// Where records keep their title and text.
    pub fn fields(&self) -> &RecordFields {
        &self.fields
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds documents after the existing ones.
    pub fn append(&mut self, docs: Vec<DocMeta>) {
        self.append_listed(Listed::Made(docs));
    }

    /// Adds documents as the loader handed them over after the existing ones.
    pub fn append_listed(&mut self, docs: Listed) {
        if docs.is_empty() {
            return;
        }
        self.starts.push(self.len);
        self.len += docs.len();
        self.chunks.push(Arc::new(docs));
    }

    pub fn get(&self, index: usize) -> Option<Doc<'_>> {
        let chunk = self
            .starts
            .partition_point(|&start| start <= index)
            .checked_sub(1)?;
        self.chunks[chunk].get(index - self.starts[chunk])
    }

    /// The path of the document at `index` (what a count by folder needs of it).
    pub fn path_of(&self, index: usize) -> Option<&Arc<std::path::Path>> {
        let chunk = self
            .starts
            .partition_point(|&start| start <= index)
            .checked_sub(1)?;
        self.chunks[chunk].path_of(index - self.starts[chunk])
    }

    /// The document at `index`, which must be below [`DocStore::len`].
    #[expect(
        clippy::panic,
        reason = "an index past the end is a bug, as with a slice; `get` is the checked way"
    )]
    pub fn at(&self, index: usize) -> Doc<'_> {
        match self.get(index) {
            Some(doc) => doc,
            None => panic!("document {index} of {}", self.len),
        }
    }

    /// Every document with its index, from `from` on.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = (usize, Doc<'_>)> {
        let first_chunk = self
            .starts
            .partition_point(|&start| start <= from)
            .saturating_sub(1);
        self.chunks[first_chunk.min(self.chunks.len())..]
            .iter()
            .zip(&self.starts[first_chunk.min(self.starts.len())..])
            .flat_map(|(chunk, &start)| {
                chunk
                    .iter()
                    .enumerate()
                    .map(move |(i, doc)| (start + i, doc))
            })
            .skip_while(move |(index, _)| *index < from)
    }

    pub fn iter(&self) -> impl Iterator<Item = Doc<'_>> {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }

    /// Each document's position when the lasting store was written, in order: what the
    /// kept index knows it by.
    pub fn stored(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        self.chunks.iter().flat_map(|chunk| chunk.stored())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn doc(n: usize) -> DocMeta {
        DocMeta::titled(Path::new(&format!("{n}.txt")), &format!("title {n}"))
    }

    #[test]
    fn indexes_across_chunks_and_iterates_in_order() {
        let mut store = DocStore::new((0..3).map(doc).collect(), RecordFields::default());
        store.append(Vec::new());
        store.append((3..4).map(doc).collect());
        store.append((4..9).map(doc).collect());
        assert_eq!(store.len(), 9);
        for n in 0..9 {
            assert_eq!(store.at(n).title(), format!("title {n}"));
        }
        assert!(store.get(9).is_none());
        let from_two: Vec<usize> = store.iter_from(2).map(|(i, _)| i).collect();
        assert_eq!(from_two, (2..9).collect::<Vec<_>>());
        assert_eq!(store.iter_from(4).next().map(|(i, _)| i), Some(4));
        assert_eq!(store.iter().count(), 9);
        assert_eq!(DocStore::default().iter_from(0).count(), 0);
    }
}
