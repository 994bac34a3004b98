//! Which mode the arguments ask for: one of them, decided once.

use super::Args;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `--print-config`: the defaults as a configuration file.
    PrintConfig,
    /// `--completions SHELL`.
    Completions(clap_complete::Shell),
    /// `--man`.
    Man,
    /// `--list`: every document's path and title.
    List,
    /// `--filter QUERY`: the documents whose titles match.
    Filter(String),
    /// `--index-stats`: build the word index and say what it covers.
    IndexStats,
    /// `--index`: build the lasting store or bring it up to date.
    Index,
    /// `--search QUERY`: the documents whose text mentions the query.
    Search(String),
    /// `--kwic QUERY`: every hit with its context.
    Kwic(String),
    /// `--count QUERY`: documents and hits per group.
    Count(String),
    /// `--batch FILE`: each query of FILE counted as `--count` counts.
    Batch(std::path::PathBuf),
    /// `--tagged TAG`: the documents tagged TAG.
    Tagged(String),
    /// `--tags`: every tag and note.
    Tags,
    /// `--subcorpora`: the saved subcorpora.
    Subcorpora,
    /// `--in SUBCORPUS --save-as NAME`: save a subcorpus.
    SaveSubcorpus(String),
    /// `--wordlist`: every word with its figures.
    WordList,
    /// `--ngrams N [QUERY]`: the sequences of N words (N and the query as given).
    Ngrams(Vec<String>),
    /// `--collocates QUERY`: the words near its hits.
    Collocates(String),
    /// `--keywords TARGET`: the words characteristic of TARGET.
    Keywords(String),
    /// `--duplicates`: the clusters of copies.
    Duplicates,
    /// `--similar DOC`: the documents most like DOC.
    Similar(std::path::PathBuf),
    /// The interactive browser.
    Browse,
}

impl Mode {
    pub(crate) fn of(args: &Args) -> Mode {
        if args.print_config {
            Mode::PrintConfig
        } else if let Some(shell) = args.completions {
            Mode::Completions(shell)
        } else if args.man {
            Mode::Man
        } else if args.list {
            Mode::List
        } else if let Some(query) = &args.filter {
            Mode::Filter(query.clone())
        } else if args.index {
            Mode::Index
        } else if args.index_stats {
            Mode::IndexStats
        } else if let Some(query) = &args.search {
            Mode::Search(query.clone())
        } else if let Some(query) = &args.kwic {
            Mode::Kwic(query.clone())
        } else if let Some(query) = &args.count {
            Mode::Count(query.clone())
        } else if let Some(file) = &args.batch {
            Mode::Batch(file.clone())
        } else if let Some(tag) = &args.study.tagged {
            Mode::Tagged(tag.clone())
        } else if args.study.tags {
            Mode::Tags
        } else if args.study.subcorpora {
            Mode::Subcorpora
        } else if let Some(name) = &args.study.save_as {
            Mode::SaveSubcorpus(name.clone())
        } else if args.study.wordlist {
            Mode::WordList
        } else if let Some(asked) = &args.study.ngrams {
            Mode::Ngrams(asked.clone())
        } else if let Some(query) = &args.study.collocates {
            Mode::Collocates(query.clone())
        } else if let Some(target) = &args.study.keywords {
            Mode::Keywords(target.clone())
        } else if args.copies.duplicates {
            Mode::Duplicates
        } else if let Some(doc) = &args.copies.similar {
            Mode::Similar(doc.clone())
        } else {
            Mode::Browse
        }
    }
}
