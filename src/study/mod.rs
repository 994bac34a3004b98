//! Studying a corpus rather than finding documents in it: every hit of a query with its
//! context (the concordance), documents and hits counted by folder, year, month or a field,
//! the words found near a term more often than chance (collocates), a sparkline of hits over
//! time, subcorpora, word lists and keywords, and writing any of them out (TSV, CSV, JSON Lines). Each is a client of the text
//! search: the query's terms, the reader's own search of a document (so the reader finds the
//! same hits), the word index. May use `reader`, `copies`, `search`,
//! `corpus`, `work` and `text`.

pub(crate) mod association;
pub(crate) mod batch;
pub(crate) mod cite;
pub(crate) mod collocates;
pub(crate) mod concordance;
pub(crate) mod context;
pub(crate) mod counts;
pub(crate) mod dispersion;
pub(crate) mod export;
pub(crate) mod groups;
pub(crate) mod hit;
pub(crate) mod kwic;
pub(crate) mod lines;
pub(crate) mod matching;
pub(crate) mod save;
pub(crate) mod sort;
pub(crate) mod sparkline;
pub(crate) mod subcorpus;
pub(crate) mod word_scope;
pub(crate) mod word_tables;
pub(crate) mod words;
