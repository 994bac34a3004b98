//! Building the index of the documents' words: shard by shard on every core, at a lower
//! priority than the interface, within a memory budget.

use super::held::{Bytes, U32s};
use super::posting;
use super::{Places, SHARD_DOCS, SHARD_TEXT_BYTES, Shard, TextIndex, Vocabulary};
use crate::corpus::store::DocStore;
use crate::text::words::{for_each_word, lowercase};
use crate::work::pool::{self, Delivery};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A shard while it is being built.
struct ShardBuilder {
    places: Places,
    lengths: Vec<u32>,
    /// Each document's words.
    words_of: Vec<u32>,
    unindexed: Vec<u32>,
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    postings: Vec<Vec<u8>>,
    /// The last document (local position + 1) each word was posted for.
    posted: Vec<u32>,
    /// Occurrences of each word in the document being added, and the words it has.
    in_document: Vec<u32>,
    document_words: Vec<u32>,
    /// Text indexed so far, in bytes.
    text_bytes: usize,
}

impl ShardBuilder {
    fn new(places: Places) -> ShardBuilder {
        ShardBuilder {
            places,
            lengths: Vec::new(),
            words_of: Vec::new(),
            unindexed: Vec::new(),
            ids: FxHashMap::default(),
            words: Vec::new(),
            postings: Vec::new(),
            posted: Vec::new(),
            in_document: Vec::new(),
            document_words: Vec::new(),
            text_bytes: 0,
        }
    }

    /// Adds the next document: its text, or None when it is left to scanning.
    fn add(&mut self, text: Option<&str>) {
        let text = text.filter(|text| self.text_bytes + text.len() <= SHARD_TEXT_BYTES);
        let Some(text) = text else {
            self.unindexed.push(self.lengths.len() as u32);
            self.lengths.push(0);
            self.words_of.push(0);
            return;
        };
        self.text_bytes += text.len();
        let local = self.lengths.len() as u32;
        let mut words = 0u32;
        for_each_word(text, |word| {
            words = words.saturating_add(1);
            self.note_word(word);
        });
        self.end_document(local, text.len(), words);
    }

    /// Adds document `doc` of `docs` read whole, however big (a big file in pieces, each
    /// counted as it comes): for counting its words once, not for keeping. An unreadable
    /// document has no words, as when scanning.
    fn add_read(&mut self, docs: &DocStore, doc: usize) {
        let local = self.lengths.len() as u32;
        let (mut length, mut words) = (0, 0u32);
        let _ = docs.each_piece(doc, |piece| {
            let text = piece.text();
            length += text.len();
            for_each_word(&text, |word| {
                words = words.saturating_add(1);
                self.note_word(word);
            });
        });
        self.end_document(local, length, words);
    }

    /// Counts one word of the document being added (called for each: kept inline, the
    /// index's hottest path).
    #[inline]
    fn note_word(&mut self, word: &str) {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                self.ids.insert(word.into(), id);
                self.words.push(word.into());
                self.postings.push(Vec::new());
                self.posted.push(0);
                self.in_document.push(0);
                id
            }
        };
        let slot = &mut self.in_document[id as usize];
        if *slot == 0 {
            self.document_words.push(id);
        }
        *slot += 1;
    }

    /// Ends document `local`, of `length` bytes and `words` words: its words' postings
    /// written.
    fn end_document(&mut self, local: u32, length: usize, words: u32) {
        self.lengths.push(u32::try_from(length).unwrap_or(u32::MAX));
        self.words_of.push(words);
        for id in self.document_words.drain(..) {
            let id = id as usize;
            let postings = &mut self.postings[id];
            let count = std::mem::take(&mut self.in_document[id]);
            posting::write(postings, local + 1 - self.posted[id], count);
            self.posted[id] = local + 1;
        }
    }

    fn finish(self) -> Shard {
        let mut vocabulary = BuiltVocabulary {
            words: String::new(),
            word_starts: Vec::with_capacity(self.words.len()),
            lower: String::new(),
            lower_starts: Vec::with_capacity(self.words.len()),
        };
        let mut postings = Vec::with_capacity(self.postings.iter().map(Vec::len).sum());
        let mut posting_starts = Vec::with_capacity(self.words.len() + 1);
        for (word, posted) in self.words.iter().zip(&self.postings) {
            vocabulary.word_starts.push(vocabulary.words.len() as u32);
            vocabulary.words.push_str(word);
            vocabulary.words.push('\n');
            vocabulary.lower_starts.push(vocabulary.lower.len() as u32);
            vocabulary.lower.push_str(&lowercase(word));
            vocabulary.lower.push('\n');
            posting_starts.push(postings.len() as u32);
            postings.extend_from_slice(posted);
        }
        posting_starts.push(postings.len() as u32);
        Shard {
            places: self.places,
            lengths: U32s::from_vec(&self.lengths),
            words: U32s::from_vec(&self.words_of),
            unindexed: U32s::from_vec(&self.unindexed),
            vocabulary: Vocabulary {
                words: Bytes::Owned(vocabulary.words.into_bytes()),
                word_starts: U32s::from_vec(&vocabulary.word_starts),
                lower: Bytes::Owned(vocabulary.lower.into_bytes()),
                lower_starts: U32s::from_vec(&vocabulary.lower_starts),
            },
            postings: Bytes::Owned(postings),
            posting_starts: U32s::from_vec(&posting_starts),
        }
    }
}

/// A vocabulary while it is put together.
struct BuiltVocabulary {
    words: String,
    word_starts: Vec<u32>,
    lower: String,
    lower_starts: Vec<u32>,
}

/// Which documents to index.
pub(super) enum Documents<'a> {
    /// The first this many.
    All(usize),
    /// These, in order.
    These(&'a [usize]),
}

impl Documents<'_> {
    fn len(&self) -> usize {
        match self {
            Documents::All(count) => *count,
            Documents::These(these) => these.len(),
        }
    }

    /// Where the documents from the `n`th on (at most `count` of them) are.
    fn places(&self, n: usize, count: usize) -> Places {
        match self {
            Documents::All(_) => Places::From(n),
            Documents::These(these) => {
                let chunk = &these[n..(n + count).min(these.len())];
                let consecutive = chunk.windows(2).all(|pair| pair[1] == pair[0] + 1);
                match (consecutive, chunk.first()) {
                    (true, Some(&first)) => Places::From(first),
                    _ => Places::Listed(chunk.iter().map(|&doc| doc as u32).collect()),
                }
            }
        }
    }

    fn get(&self, n: usize) -> usize {
        match self {
            Documents::All(_) => n,
            Documents::These(these) => these[n],
        }
    }
}

/// Builds the index of `docs` on `workers` threads (at a lower priority than the interface),
/// shard by shard, until `budget` bytes are used.
pub(crate) fn build(docs: &DocStore, budget: usize, workers: usize) -> TextIndex {
    let mut index = TextIndex::default();
    let mut keep = |shard: Shard| {
        index.bytes += shard.bytes();
        index.shards.push(shard);
    };
    let all = Documents::All(docs.len());
    build_these(docs, &all, budget, workers, &mut |_| {}, &mut keep);
    index
}

/// The words of documents `these` of `docs`, each read whole however big (a file past what
/// the index holds, read in pieces), on `workers` threads at the caller's priority: for
/// counting what the index does not cover, once. Nothing is left out but what cannot be read.
pub(crate) fn build_read(docs: &DocStore, these: &[usize], workers: usize) -> TextIndex {
    let mut index = TextIndex::default();
    let mut keep = |shard: Shard| {
        index.bytes += shard.bytes();
        index.shards.push(shard);
    };
    let adding = Adding {
        background: false,
        add: &|builder, doc| builder.add_read(docs, doc),
    };
    let which = Documents::These(these);
    build_shards(&which, usize::MAX, workers, &adding, &mut |_| {}, &mut keep);
    index
}

/// Builds the index of the documents `which` as [`build`] does, giving each shard to `keep`
/// in order as it is done (to hold it, or write it to the store and let it go) and telling
/// `progress` how many documents it held; both on the calling thread.
pub(super) fn build_these(
    docs: &DocStore,
    which: &Documents,
    budget: usize,
    workers: usize,
    progress: &mut dyn FnMut(usize),
    keep: &mut dyn FnMut(Shard),
) {
    let adding = Adding {
        background: true,
        add: &|builder, doc| builder.add(document_text(docs, doc).as_deref()),
    };
    build_shards(which, budget, workers, &adding, progress, keep);
}

/// How a shard's documents are added: at a lower priority (the index kept), or the caller's
/// (words counted while someone waits); each document by its place in the corpus.
struct Adding<'a> {
    background: bool,
    add: &'a (dyn Fn(&mut ShardBuilder, usize) + Sync),
}

/// Builds shards of the documents `which` on `workers` threads as `adding` says, until
/// `budget` bytes are used, giving each to `keep` in order.
fn build_shards(
    which: &Documents,
    budget: usize,
    workers: usize,
    adding: &Adding,
    progress: &mut dyn FnMut(usize),
    keep: &mut dyn FnMut(Shard),
) {
    let count = which.len();
    let used = AtomicUsize::new(0);
    let build_shard = |shards: std::ops::Range<usize>| {
        if adding.background {
            lower_this_threads_priority();
        }
        let shard = shards.start;
        let first = shard * SHARD_DOCS;
        let size = (first + SHARD_DOCS).min(count) - first;
        if used.load(Ordering::Relaxed) >= budget {
            return (size, None);
        }
        let mut builder = ShardBuilder::new(which.places(first, SHARD_DOCS));
        for n in first..(first + SHARD_DOCS).min(count) {
            // Interactive work waiting for a core takes this one between documents.
            pool::give_way();
            (adding.add)(&mut builder, which.get(n));
        }
        let finished = builder.finish();
        let bytes = finished.bytes();
        // Over the budget, the shard is dropped and its documents are scanned.
        let kept = used.fetch_add(bytes, Ordering::Relaxed) + bytes <= budget;
        (size, kept.then_some(finished))
    };
    pool::over_ranges(
        workers,
        count.div_ceil(SHARD_DOCS),
        1,
        Delivery::InOrder,
        build_shard,
        |(size, shard)| {
            if let Some(shard) = shard {
                keep(shard);
            }
            progress(size);
            true
        },
    );
}

/// Index building gives way to the interface and its jobs' own threads, which the cores'
/// budget does not count (it counts the pool's workers): on Linux a thread has its own nice
/// value.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers; `who` 0 is the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// What the index takes of a document: its whole text, or None for a file too big to hold
/// (left to scanning). An unreadable document mentions nothing, as when scanning.
fn document_text(docs: &DocStore, index: usize) -> Option<String> {
    docs.small_text(index)
        .unwrap_or_else(|_| Some(String::new()))
}
